"""Parallel autograding: nbgrader's own autograder, many submissions at once.

Executing notebooks is the slow part of ``nbgrader autograde``; writing to the
gradebook is the part that conflicts when several processes do it at once
(SQLite answers "database is locked"). So the two are split:

1. The parent takes a snapshot of the gradebook into a private SQLite file
   (:func:`snapshot_gradebook`; works for SQLite and PostgreSQL gradebooks alike).
2. Worker processes (one per job; each imports nbgrader once and then grades one
   submission after another) run nbgrader's ``Autograde`` converter, configured from
   the course's ``nbgrader_config.py`` exactly as ``nbgrader autograde`` is, except
   that each submission writes to its own copy of the snapshot.
3. The parent alone writes to the real gradebook: after each submission it copies
   the fields autograde sets (student, submission timestamp, auto scores, "needs
   manual grade", auto comments, late penalties) from that copy, in one transaction
   (:func:`merge_submission`). Manual scores, extra credit, manual comments and flags
   belong to graders and are never touched, so the gradebook ends up with the same
   rows and scores as a serial ``nbgrader autograde``.

Each submission has a wall-clock timeout; a worker that crashes or hangs is stopped
(with its kernels) and replaced, and only that submission is reported as failed or
timed out. Already-graded submissions are skipped unless ``force`` is given, with
nbgrader's own rule (graded before, and not resubmitted since). Progress is a tqdm
bar with elapsed and estimated remaining time.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

#: Default wall-clock limit for grading one submission, in seconds.
DEFAULT_TIMEOUT = 600.0

STATUSES = ("graded", "failed", "timed out", "skipped")


class GradingSetupError(RuntimeError):
    """The grading run cannot start (no course, unknown assignment or student, unreadable
    gradebook, nbgrader configuration error); the message says which and what to do."""


@dataclass
class SubmissionResult:
    """What happened to one student's submission."""

    student: str
    status: str
    """"graded", "failed", "timed out" or "skipped"."""
    reason: str = ""
    """Why it failed, timed out or was skipped (empty when graded)."""
    seconds: float = 0.0
    """Wall time spent on it."""
    log: str = field(default="", repr=False)
    """nbgrader's log output for this submission."""


@dataclass
class GradingSummary:
    """The outcome of a grading run."""

    assignment: str
    jobs: int
    results: list[SubmissionResult]
    seconds: float = 0.0

    def with_status(self, status: str) -> list[SubmissionResult]:
        return [r for r in self.results if r.status == status]

    @property
    def graded(self) -> list[SubmissionResult]:
        return self.with_status("graded")

    @property
    def failed(self) -> list[SubmissionResult]:
        return self.with_status("failed")

    @property
    def timed_out(self) -> list[SubmissionResult]:
        return self.with_status("timed out")

    @property
    def skipped(self) -> list[SubmissionResult]:
        return self.with_status("skipped")

    @property
    def ok(self) -> bool:
        """True when nothing failed or timed out."""
        return not self.failed and not self.timed_out

    def lines(self) -> list[str]:
        """The summary as printed by ``infoview grade``."""
        if not self.results:
            return [f"No submissions of {self.assignment!r} to grade: nothing in the submitted folder yet."]
        attempted = len(self.results) - len(self.skipped)
        out = [f"Autograded {len(self.graded)} of {attempted} submission{'s' if attempted != 1 else ''} "
               f"of {self.assignment!r} in {self.seconds:.1f} s with {self.jobs} job{'s' if self.jobs != 1 else ''}."]
        for status in STATUSES:
            group = self.with_status(status)
            out.append(f"  {status + ':':10} {len(group)}")
            if status == "graded":
                continue
            for r in group:
                out.append(f"    {r.student}: {r.reason}")
        return out


# ---------------------------------------------------------------- the course

@dataclass(frozen=True)
class Course:
    """The nbgrader settings a grading run needs, read as ``nbgrader autograde`` reads them."""

    root: Path
    db_url: str
    course_id: str
    argv: tuple[str, ...]
    """The nbgrader command-line options that reproduce these settings in a worker."""
    coursedir: object = field(repr=False, compare=False)


def load_course(course_dir: str | Path | None = None, db_url: str | None = None) -> Course:
    """Read the nbgrader configuration for the course in ``course_dir`` (default: the
    current folder), as ``nbgrader autograde`` run from the current folder would."""
    from nbgrader.apps.autogradeapp import AutogradeApp

    from .class_report import GradebookError, gradebook_url

    argv: list[str] = []
    if course_dir is not None:
        folder = Path(course_dir).resolve()
        if not folder.is_dir():
            raise GradingSetupError(f"the course folder {folder} does not exist")
        argv.append(f"--course-dir={folder}")
    if db_url is not None:
        argv.append(f"--db={db_url}")
    app = AutogradeApp()
    try:
        app.initialize(["--log-level=WARN", *argv])
    except SystemExit as err:  # traitlets exits on bad config
        raise GradingSetupError(f"nbgrader could not read its configuration (exit {err.code})") from None
    coursedir = app.coursedir
    root = Path(coursedir.root)
    if not (root / coursedir.source_directory).is_dir() and not (root / coursedir.submitted_directory).is_dir():
        raise GradingSetupError(
            f"{root} does not look like an nbgrader course folder (no {coursedir.source_directory}/ or "
            f"{coursedir.submitted_directory}/); run from the course folder or pass --course-dir")
    try:
        url = gradebook_url(coursedir.db_url).render_as_string(hide_password=False)
    except GradebookError as err:
        raise GradingSetupError(f"{err}; run `nbgrader generate_assignment` first to create it") from None
    return Course(root, url, coursedir.course_id, tuple(argv), coursedir)


def known_assignments(db_url: str) -> list[str]:
    """The assignment names in the gradebook (read-only)."""
    from nbgrader.api import Assignment
    from sqlalchemy import create_engine, select
    from sqlalchemy.exc import SQLAlchemyError

    from .class_report import GradebookError, gradebook_url

    try:
        engine = create_engine(gradebook_url(db_url))
        try:
            with engine.connect() as conn:
                return sorted(conn.execute(select(Assignment.name)).scalars())
        finally:
            engine.dispose()
    except (GradebookError, SQLAlchemyError, ImportError) as err:
        raise GradingSetupError(f"cannot read the gradebook: {err}") from None


def submitted_students(course: Course, assignment: str) -> list[str]:
    """The students with a submission of ``assignment`` in the course's submitted folder, sorted."""
    import glob

    cd = course.coursedir
    pattern = cd.format_path(cd.submitted_directory, "*", assignment)
    regexp = re.compile(cd.format_path(cd.submitted_directory, "(?P<student_id>.*)", re.escape(assignment),
                                       escape=True) + "$")
    students = []
    for folder in glob.glob(pattern):
        match = regexp.match(folder)
        if match and os.path.isdir(folder):
            students.append(match.group("student_id"))
    return sorted(students)


def already_graded(course: Course, assignment: str, student: str) -> bool:
    """nbgrader's rule for skipping a submission without --force: it has an autograded
    folder, and was not resubmitted after that folder was made."""
    cd = course.coursedir
    dest = cd.format_path(cd.autograded_directory, student, assignment)
    if not os.path.exists(dest):
        return False
    new = cd.get_existing_timestamp(cd.format_path(cd.submitted_directory, student, assignment))
    old = cd.get_existing_timestamp(dest)
    return not (new is not None and old is not None and new > old)


def excluded_students(course: Course) -> set[str]:
    return {s for s in str(course.coursedir.student_id_exclude or "").split(",") if s}


# ---------------------------------------------------------------- the gradebook

def copy_gradebook(source_url: str, target_url: str) -> None:
    """Copy every nbgrader table (and the schema version) of the gradebook at
    ``source_url`` into an empty database at ``target_url``; SQLite and PostgreSQL
    both work at either end."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, inspect, text

    from .class_report import database_url, gradebook_url

    source = create_engine(gradebook_url(source_url))
    target = create_engine(database_url(target_url))
    try:
        if inspect(target).get_table_names():
            raise GradingSetupError(f"will not copy a gradebook into {target.url!r}: it already has tables")
        Base.metadata.create_all(target)
        with source.connect() as src, target.begin() as dst:
            tables = {t.name: [dict(row._mapping) for row in src.execute(t.select())]
                      for t in Base.metadata.sorted_tables}
            # nbgrader with the default empty course id stores assignments whose course row does not
            # exist; SQLite lets that pass, PostgreSQL's foreign keys do not: add the missing rows.
            known = {row["id"] for row in tables["course"]}
            tables["course"] += [{"id": cid} for cid in sorted({a["course_id"] for a in tables["assignment"]} - known)]
            for table in Base.metadata.sorted_tables:  # parents before children
                if tables[table.name]:
                    dst.execute(table.insert(), tables[table.name])
            if inspect(source).has_table("alembic_version"):
                version = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
                dst.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                if version is not None:
                    dst.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
    finally:
        source.dispose()
        target.dispose()


def snapshot_gradebook(db_url: str, path: str | Path) -> str:
    """Copy the gradebook at ``db_url`` (SQLite or PostgreSQL) into a new SQLite file at
    ``path``; returns the copy's URL."""
    target_url = f"sqlite:///{Path(path).resolve()}"
    copy_gradebook(db_url, target_url)
    return target_url


def merge_submission(worker_db_url: str, gradebook, assignment: str, student: str) -> bool:
    """Copy what autograde wrote for one submission from a worker's gradebook copy into
    ``gradebook`` (an open ``nbgrader.api.Gradebook``), in one transaction.

    Copies only autograde's fields: the student, the submission timestamp, each grade's
    auto score and "needs manual grade" flag, each comment's auto comment and each
    notebook's late penalty. Returns False when the copy has no such submission.
    """
    from nbgrader.api import Assignment, SubmittedAssignment
    from sqlalchemy import create_engine, select
    from sqlalchemy.exc import SAWarning
    from sqlalchemy.orm import Session

    engine = create_engine(worker_db_url)  # a plain session: the copy needs no schema checks
    with warnings.catch_warnings(), Session(engine) as copy:
        # nbgrader's add_submission trips SQLAlchemy 2's autoflush warnings; they are harmless
        warnings.simplefilter("ignore", SAWarning)
        done = copy.scalars(
            select(SubmittedAssignment).join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .where(Assignment.name == assignment, SubmittedAssignment.student_id == student)).one_or_none()
        if done is None:
            engine.dispose()
            return False
        gradebook.update_or_create_student(student)
        target = gradebook.update_or_create_submission(assignment, student)
        target.timestamp = done.timestamp
        notebooks = {nb.name: nb for nb in target.notebooks}
        for done_nb in done.notebooks:
            nb = notebooks[done_nb.name]
            nb.late_submission_penalty = done_nb.late_submission_penalty
            grades = {g.name: g for g in nb.grades}
            for g in done_nb.grades:
                grades[g.name].auto_score = g.auto_score
                grades[g.name].needs_manual_grade = g.needs_manual_grade
            comments = {c.name: c for c in nb.comments}
            for c in done_nb.comments:
                comments[c.name].auto_comment = c.auto_comment
        gradebook.db.commit()
    engine.dispose()
    return True


# ---------------------------------------------------------------- workers

def _worker_main(conn, cwd: str, argv: list[str], log_path: str) -> None:
    """A grading worker: set up nbgrader once, then autograde one submission per request.

    Requests are ``(assignment, student, db_url, force)``; replies are nbgrader's
    ``capture_log`` dictionaries (success, error, log). ``None`` ends the worker.
    """
    os.chdir(cwd)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)  # nbgrader and kernel chatter goes to the worker's log, not the progress bar
    os.dup2(log, 2)
    try:
        from nbgrader.apps.autogradeapp import AutogradeApp
        from nbgrader.converters import Autograde
        from nbgrader.utils import capture_log

        app = AutogradeApp()
        app.initialize(list(argv))
    except BaseException:  # report set-up problems to the parent, then stop
        import traceback

        conn.send({"ready": False, "error": traceback.format_exc()})
        return
    conn.send({"ready": True})
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        assignment, student, db_url, force = request
        app.coursedir.assignment_id = assignment
        app.coursedir.student_id = student
        app.coursedir.db_url = db_url
        converter = Autograde(coursedir=app.coursedir, parent=app)
        converter.force = force
        conn.send(capture_log(converter))


def _kill_tree(pid: int) -> None:
    """Stop a worker and every process it started (its kernels), by process id."""
    import psutil

    try:
        parent = psutil.Process(pid)
        family = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for proc in family:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


class _Worker:
    def __init__(self, context, index: int, course: Course, workdir: Path):
        self.log_path = workdir / f"worker-{index}.log"
        self.conn, child = context.Pipe()
        self.process = context.Process(
            # from the course folder: nbgrader reads nbgrader_config.py from the current folder only,
            # and the course's config (trusted grades, kernel sandbox) must apply with --course-dir too
            target=_worker_main, args=(child, str(course.root), list(course.argv), str(self.log_path)),
            name=f"infoview-grade-{index}", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.stopped = False
        self.student: str | None = None
        self.job_db: Path | None = None
        self.started = 0.0

    def send(self, assignment: str, student: str, job_db: Path, force: bool) -> None:
        self.student, self.job_db, self.started = student, job_db, time.monotonic()
        self.conn.send((assignment, student, f"sqlite:///{job_db}", force))

    def stop(self, kill: bool = False) -> None:
        if self.stopped:
            return
        self.stopped = True
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            self.process.join(timeout=10)
        if self.process.is_alive():
            _kill_tree(self.process.pid)
        self.process.join(timeout=5)
        self.conn.close()


_GENERIC_ERRORS = ("There was an error processing assignment", "Please see the", "Removing failed")


def failure_reason(reply: dict) -> str:
    """One line saying why nbgrader could not grade a submission, from its log or traceback."""
    log = reply.get("log") or ""
    for line in log.splitlines():
        if line.startswith("[ERROR]") and not any(g in line for g in _GENERIC_ERRORS):
            message = line[len("[ERROR]"):].strip()
            if message and not message.startswith("Traceback"):
                return message
    lines = [l.strip() for l in (reply.get("error") or log).splitlines() if l.strip()]
    return lines[-1] if lines else "nbgrader reported an error but gave no reason"


# ---------------------------------------------------------------- the run

def default_jobs() -> int:
    """One job per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def grade_submissions(
    assignment: str,
    *,
    course_dir: str | Path | None = None,
    students: Sequence[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    db_url: str | None = None,
    progress: TextIO | None = sys.stderr,
) -> GradingSummary:
    """Autograde ``assignment`` for every submitted student (or only ``students``) in
    parallel, and return the summary. ``progress`` is where the tqdm bar goes (None: no bar).

    Raises :class:`GradingSetupError` before grading anything when the course, the
    assignment or a named student cannot be found.
    """
    if not isinstance(assignment, str) or not assignment:
        raise GradingSetupError(f"the assignment must be a non-empty name, not {assignment!r}")
    jobs = default_jobs() if jobs is None else int(jobs)
    if jobs < 1:
        raise GradingSetupError(f"--jobs must be at least 1, not {jobs}")
    if not timeout or timeout <= 0:
        raise GradingSetupError(f"the per-submission timeout must be a positive number of seconds, not {timeout!r}")

    course = load_course(course_dir, db_url)
    known = known_assignments(course.db_url)
    if assignment not in known:
        raise GradingSetupError(
            f"unknown assignment {assignment!r}; the gradebook knows: {', '.join(known) or 'none'} "
            f"(run `nbgrader generate_assignment {assignment}` first if it is new)")
    submitted = submitted_students(course, assignment)
    if students:
        missing = [s for s in students if s not in submitted]
        if missing:
            raise GradingSetupError(
                f"no submission of {assignment!r} from {', '.join(missing)}; submitted: "
                f"{', '.join(submitted) or 'nobody yet'}")
        submitted = [s for s in submitted if s in set(students)]

    started = time.monotonic()
    results: dict[str, SubmissionResult] = {}
    excluded = excluded_students(course)
    queue: deque[str] = deque()
    for student in submitted:
        if student in excluded:
            results[student] = SubmissionResult(student, "skipped", "excluded by CourseDirectory.student_id_exclude")
        elif not force and already_graded(course, assignment, student):
            results[student] = SubmissionResult(student, "skipped", "already graded (use --force to regrade)")
        else:
            queue.append(student)
    jobs_used = max(1, min(jobs, len(queue)))
    if queue:
        _run_queue(course, assignment, queue, jobs_used, force, float(timeout), progress, results)
    ordered = [results[s] for s in submitted]
    return GradingSummary(assignment, jobs_used, ordered, time.monotonic() - started)


def _progress_bar_class():
    from tqdm import tqdm

    class ProgressBar(tqdm):
        monitor_interval = 0  # no monitor thread: replacement workers are forked from this process

    return ProgressBar


def _run_queue(course: Course, assignment: str, queue: deque, jobs: int, force: bool, timeout: float,
               progress: TextIO | None, results: dict) -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    from nbgrader.api import Gradebook

    # fork (Linux): workers start at once with nbgrader already imported; elsewhere spawn
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    workdir = Path(tempfile.mkdtemp(prefix="infoview-grade-"))
    workers: list[_Worker] = []
    bar = _progress_bar_class()(total=len(queue), desc=f"autograding {assignment}", unit="submission",
                                file=progress, disable=progress is None, dynamic_ncols=True)
    try:
        snapshot = workdir / "snapshot.db"
        snapshot_gradebook(course.db_url, snapshot)
        workers = [_Worker(context, i, course, workdir) for i in range(jobs)]
        spawned = jobs
        with Gradebook(course.db_url, course.course_id) as gradebook:

            def finish(worker: _Worker, status: str, reason: str = "", log: str = "") -> None:
                student = worker.student
                merge_submission(f"sqlite:///{worker.job_db}", gradebook, assignment, student)
                if status != "graded":
                    cd = course.coursedir
                    dest = cd.format_path(cd.autograded_directory, student, assignment)
                    if status == "timed out" and os.path.isdir(dest):
                        shutil.rmtree(dest)  # as nbgrader removes a failed submission's output
                results[student] = SubmissionResult(student, status, reason, time.monotonic() - worker.started, log)
                worker.job_db.unlink(missing_ok=True)
                worker.student = worker.job_db = None
                bar.set_postfix_str(f"{student}: {status}", refresh=False)
                bar.update(1)

            def retire(worker: _Worker) -> None:
                """Stop a dead or stuck worker; start a fresh one if work remains."""
                nonlocal spawned
                worker.stop(kill=True)
                if queue:
                    workers[workers.index(worker)] = _Worker(context, spawned, course, workdir)
                    spawned += 1
                else:
                    workers.remove(worker)

            while queue or any(w.student for w in workers):
                for worker in workers:
                    if worker.ready and worker.student is None and queue:
                        student = queue.popleft()
                        job_db = workdir / f"job-{len(results)}-{student}.db"
                        shutil.copyfile(snapshot, job_db)
                        worker.send(assignment, student, job_db, force)
                deadlines = [w.started + timeout for w in workers if w.student]
                wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else 1.0
                for conn in wait([w.conn for w in workers], timeout=min(wait_for, 1.0)):
                    worker = next(w for w in workers if w.conn is conn)
                    try:
                        reply = conn.recv()
                    except (EOFError, OSError):
                        code = worker.process.exitcode
                        if worker.student:
                            finish(worker, "failed", f"the grading process died (exit code {code})")
                        elif not worker.ready:
                            raise GradingSetupError(
                                f"a grading worker could not start (exit code {code}); see {worker.log_path}")
                        retire(worker)
                        continue
                    if "ready" in reply:
                        if not reply["ready"]:
                            raise GradingSetupError(f"nbgrader could not start:\n{reply.get('error', '')}")
                        worker.ready = True
                    elif reply.get("success"):
                        finish(worker, "graded", log=reply.get("log", ""))
                    else:
                        finish(worker, "failed", failure_reason(reply), reply.get("log", ""))
                now = time.monotonic()
                for worker in list(workers):
                    if worker.student and now - worker.started > timeout:
                        worker.stop(kill=True)  # the worker and its kernel, by process id
                        finish(worker, "timed out",
                               f"no result after {timeout:g} s (per-submission timeout); its kernel was stopped")
                        retire(worker)
    finally:
        bar.close()
        for worker in workers:
            worker.stop(kill=bool(worker.student))
            if worker.student:  # interrupted mid-submission: leave it ungraded, as nbgrader does
                cd = course.coursedir
                shutil.rmtree(cd.format_path(cd.autograded_directory, worker.student, assignment), ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
