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
timed out. A submission whose kernel could not start (a loaded machine: no reply within
nbclient's start-up limit, a port taken between choosing it and binding it) is graded
again, up to :data:`START_RETRIES` times, before it is reported as failed.

Workers write into a private staging folder, never into ``autograded/``: the result
is swapped in (and merged into the gradebook) only when the submission was graded.
A failed or timed-out *regrade* therefore leaves the previous result whole, its
folder and its gradebook rows; a first attempt that fails is recorded as nbgrader
records it (the submission, without scores).

Everything nbgrader, the kernels and SQLAlchemy print goes to the course's log,
``.infoview-grade.log`` (:data:`LOG_NAME`), not the terminal, and each run's outcome per
submission is kept in ``.infoview-grade-status.json`` (:data:`STATUS_NAME`), which
``infoview class-report`` reads to say why a submission has no scores. Already-graded submissions are skipped unless ``force`` is given, with
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
from ..errors import InfoviewError

#: Default wall-clock limit for grading one submission, in seconds.
DEFAULT_TIMEOUT = 600.0

#: How many more times a submission whose kernel failed to start is graded before it is reported failed.
START_RETRIES = 2

#: nbgrader/jupyter_client messages meaning the kernel never started, so the submission was not
#: graded at all and grading it again is safe (lower case; matched against the failure's log).
KERNEL_START_FAILURES = ("kernel didn't respond", "kernel died before replying to kernel_info",
                         "address already in use", "kernel failed to start", "timeout waiting for kernel_info")

#: the grading log and the per-submission status record, in the course folder (beside .nbgrader.log)
LOG_NAME = ".infoview-grade.log"
STATUS_NAME = ".infoview-grade-status.json"

STATUSES = ("graded", "failed", "timed out", "skipped")


class GradingSetupError(InfoviewError, RuntimeError):
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
    attempts: int = 1
    """How many times it was graded (more than 1 when its kernel failed to start at first)."""
    kept_previous: bool = False
    """True when a failed or timed-out regrade left the previous result in place."""


@dataclass
class GradingSummary:
    """The outcome of a grading run."""

    assignment: str
    jobs: int
    results: list[SubmissionResult]
    seconds: float = 0.0
    log_path: Path | None = None
    """Where nbgrader's, the kernels' and SQLAlchemy's messages of this run went."""

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
        if self.log_path is not None:
            out.append(f"nbgrader's and the kernels' messages: {self.log_path}")
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

    from .gradebook import GradebookError, gradebook_url

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

    from .gradebook import GradebookError, gradebook_url

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

    from .gradebook import database_url, gradebook_url

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
    ``path``; returns the copy's URL.

    A SQLite gradebook is copied with SQLite's own online backup (a consistent copy of the
    file, in milliseconds); any other database table by table (:func:`copy_gradebook`,
    about 0.5 to 1 s, which was a fifth of the fixed cost of a run).
    """
    import sqlite3

    from sqlalchemy.engine import make_url

    target = Path(path).resolve()
    target_url = f"sqlite:///{target}"
    url = make_url(db_url)
    database = url.database
    if url.get_backend_name() == "sqlite" and database and database != ":memory:" and Path(database).is_file():
        source = sqlite3.connect(f"file:{Path(database).resolve()}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target_url
    copy_gradebook(db_url, target_url)
    return target_url


def _autograde_fields(conn, assignment: str, student: str):
    """What autograde wrote for one submission, read with plain SQL: (submission id, timestamp,
    {notebook: late penalty}, {(notebook, cell): (grade id, auto score, needs manual grade)},
    {(notebook, cell): (comment id, auto comment)}), or None when there is no such submission."""
    from nbgrader.api import (Assignment, BaseCell, Comment, Grade, Notebook, SubmittedAssignment,
                              SubmittedNotebook)
    from sqlalchemy import select

    sub = conn.execute(
        select(SubmittedAssignment.id, SubmittedAssignment.timestamp)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .where(Assignment.name == assignment, SubmittedAssignment.student_id == student)).one_or_none()
    if sub is None:
        return None
    notebooks = {name: (nb_id, penalty) for nb_id, name, penalty in conn.execute(
        select(SubmittedNotebook.id, Notebook.name, SubmittedNotebook.late_submission_penalty)
        .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
        .where(SubmittedNotebook.assignment_id == sub.id))}
    by_cell = {}
    for table, fields in ((Grade, (Grade.auto_score, Grade.needs_manual_grade)), (Comment, (Comment.auto_comment,))):
        by_cell[table] = {(nb, cell): (row_id, *values) for row_id, nb, cell, *values in conn.execute(
            select(table.id, Notebook.name, BaseCell.name, *fields)
            .join(SubmittedNotebook, table.notebook_id == SubmittedNotebook.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(BaseCell, table.cell_id == BaseCell.id)
            .where(SubmittedNotebook.assignment_id == sub.id))}
    return sub.id, sub.timestamp, notebooks, by_cell[Grade], by_cell[Comment]


def _submission_rows(conn, submission_id: str) -> dict[str, list[dict]]:
    """Every row of one submission: the submission, its notebooks, their grades and comments."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import select

    sub, nb, grade, comment = (SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__,
                               Comment.__table__)
    notebooks = [dict(r._mapping) for r in conn.execute(select(nb).where(nb.c.assignment_id == submission_id))]
    ids = [n["id"] for n in notebooks]
    return {
        sub.name: [dict(r._mapping) for r in conn.execute(select(sub).where(sub.c.id == submission_id))],
        nb.name: notebooks,
        grade.name: [dict(r._mapping) for r in conn.execute(select(grade).where(grade.c.notebook_id.in_(ids)))],
        comment.name: [dict(r._mapping) for r in conn.execute(select(comment).where(comment.c.notebook_id.in_(ids)))],
    }


def merge_submission(worker_db_url: str, gradebook, assignment: str, student: str) -> bool:
    """Copy what autograde wrote for one submission from a worker's gradebook copy into
    ``gradebook`` (an open ``nbgrader.api.Gradebook``), in one transaction.

    Copies only autograde's fields: the student, the submission timestamp, each grade's
    auto score and "needs manual grade" flag, each comment's auto comment and each
    notebook's late penalty. Returns False when the copy has no such submission.

    Plain SQL, matched by notebook and cell name: a submission new to the gradebook gets
    the rows the worker's nbgrader made for it (as nbgrader itself would have made them);
    an existing one has autograde's fields updated, and the graders' fields (manual scores,
    extra credit, manual comments, flags) are never touched. (Going through nbgrader's ORM
    here cost about 0.15 to 0.3 s of CPU per submission in this one process.)
    """
    from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import bindparam, create_engine, insert, select, update

    engine = create_engine(worker_db_url)  # a plain connection: the copy needs no schema checks
    try:
        with engine.connect() as conn:
            done = _autograde_fields(conn, assignment, student)
            if done is None:
                return False
            new_rows = _submission_rows(conn, done[0])
            student_row = conn.execute(select(Student.__table__).where(Student.__table__.c.id == student)).one()
    finally:
        engine.dispose()
    _, timestamp, notebooks, grades, comments = done
    session = gradebook.db
    conn = session.connection()
    students = Student.__table__
    if conn.execute(select(students.c.id).where(students.c.id == student)).first() is None:
        conn.execute(insert(students), [dict(student_row._mapping)])
    target = _autograde_fields(conn, assignment, student)
    if target is None:  # new to the gradebook: the worker's rows, parents before children
        for table in (SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__, Comment.__table__):
            if new_rows[table.name]:
                conn.execute(insert(table), new_rows[table.name])
        session.commit()
        return True
    target_id, _, target_notebooks, target_grades, target_comments = target
    table = SubmittedAssignment.__table__
    conn.execute(update(table).where(table.c.id == target_id).values(timestamp=timestamp))
    for table, rows in (
        (SubmittedNotebook.__table__, [{"row": target_notebooks[name][0], "penalty": penalty}
                                       for name, (_, penalty) in notebooks.items()]),
        (Grade.__table__, [{"row": target_grades[key][0], "auto": auto, "manual": manual}
                           for key, (_, auto, manual) in grades.items()]),
        (Comment.__table__, [{"row": target_comments[key][0], "auto": auto} for key, (_, auto) in comments.items()]),
    ):
        values = {SubmittedNotebook.__table__.name: {"late_submission_penalty": bindparam("penalty")},
                  Grade.__table__.name: {"auto_score": bindparam("auto"), "needs_manual_grade": bindparam("manual")},
                  Comment.__table__.name: {"auto_comment": bindparam("auto")}}[table.name]
        if rows:
            conn.execute(update(table).where(table.c.id == bindparam("row")).values(**values), rows)
    session.commit()
    return True


# ---------------------------------------------------------------- workers

def _worker_main(conn, cwd: str, argv: list[str], log_path: str, staging: str) -> None:
    """A grading worker: set up nbgrader once, then autograde one submission per request.

    Requests are ``(assignment, student, db_url, force)``; replies are nbgrader's
    ``capture_log`` dictionaries (success, error, log). ``None`` ends the worker. Results
    are written under ``staging`` (nbgrader's autograded folder for this worker), never
    into the course's own autograded folder: the parent swaps them in on success.
    """
    os.chdir(cwd)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)  # nbgrader, SQLAlchemy and kernel chatter goes to the course's log, not the terminal
    os.dup2(log, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    try:
        from nbgrader.apps.autogradeapp import AutogradeApp
        from nbgrader.converters import Autograde
        from nbgrader.utils import capture_log

        app = AutogradeApp()
        app.initialize(list(argv))
        app.coursedir.autograded_directory = staging  # absolute: os.path.join keeps it
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
        reply = capture_log(converter)
        sys.stderr.write(f"[infoview grade] {assignment} {student}: {'graded' if reply.get('success') else 'failed'}\n"
                         + (reply.get("log") or ""))
        conn.send(reply)


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
    def __init__(self, context, index: int, course: Course, log_path: Path, staging: Path):
        self.log_path = log_path
        self.conn, child = context.Pipe()
        self.process = context.Process(
            # from the course folder: nbgrader reads nbgrader_config.py from the current folder only,
            # and the course's config (trusted grades, kernel sandbox) must apply with --course-dir too
            target=_worker_main, args=(child, str(course.root), list(course.argv), str(log_path), str(staging)),
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


def kernel_failed_to_start(reply: dict) -> bool:
    """True when nbgrader's failure is a kernel that never started (nothing was graded)."""
    text = f"{reply.get('log') or ''}\n{reply.get('error') or ''}".lower()
    return any(marker in text for marker in KERNEL_START_FAILURES)


def swap_in(staged: Path, dest: Path) -> None:
    """Put the freshly graded folder ``staged`` at ``dest``, replacing any previous result only
    once the new one is beside it (a crash in between leaves one of the two whole)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    incoming = dest.with_name(dest.name + ".infoview-new")
    outgoing = dest.with_name(dest.name + ".infoview-old")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.move(str(staged), str(incoming))  # a copy when the staging folder is on another file system
    if dest.exists():
        os.replace(dest, outgoing)
    os.replace(incoming, dest)
    shutil.rmtree(outgoing, ignore_errors=True)


def read_status(course_root: str | Path) -> dict:
    """The per-submission outcomes ``infoview grade`` recorded in a course folder:
    ``{assignment: {student: {"status", "reason", "at"}}}`` (empty when there is no record)."""
    import json

    path = Path(course_root) / STATUS_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _record_status(course_root: Path, assignment: str, results: list[SubmissionResult]) -> None:
    import datetime as dt
    import json

    data = read_status(course_root)
    record = data.setdefault(assignment, {})
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    for r in results:
        if r.status == "skipped":
            continue
        if r.status == "graded":
            record.pop(r.student, None)
        else:
            record[r.student] = {"status": r.status, "reason": r.reason, "at": now,
                                 "kept_previous": r.kept_previous}
    if not record:
        data.pop(assignment, None)
    path = course_root / STATUS_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


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
    log_path = course.root / LOG_NAME
    attempted = bool(queue)  # _run_queue empties the queue
    if attempted:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"\n==== infoview grade {assignment}: {len(queue)} submission(s), {jobs_used} job(s), "
                      f"started {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n")
        _run_queue(course, assignment, queue, jobs_used, force, float(timeout), progress, results, log_path)
        _record_status(course.root, assignment, list(results.values()))
    ordered = [results[s] for s in submitted]
    return GradingSummary(assignment, jobs_used, ordered, time.monotonic() - started,
                          log_path if attempted else None)


def _progress_bar_class():
    from tqdm import tqdm

    class ProgressBar(tqdm):
        monitor_interval = 0  # no monitor thread: replacement workers are forked from this process

    return ProgressBar


def _run_queue(course: Course, assignment: str, queue: deque, jobs: int, force: bool, timeout: float,
               progress: TextIO | None, results: dict, log_path: Path) -> None:
    import logging
    import multiprocessing
    from multiprocessing.connection import wait

    from nbgrader.api import Gradebook

    # fork (Linux): workers start at once with nbgrader already imported; elsewhere spawn
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    workdir = Path(tempfile.mkdtemp(prefix="infoview-grade-"))
    staging = workdir / "autograded"
    workers: list[_Worker] = []
    attempts: dict[str, int] = {}
    cd = course.coursedir
    bar = _progress_bar_class()(total=len(queue), desc=f"autograding {assignment}", unit="submission",
                                file=progress, disable=progress is None, dynamic_ncols=True)
    # This process's own warnings and log records (SQLAlchemy, nbgrader's gradebook) go to the log too.
    log_file = open(log_path, "a", encoding="utf-8")
    handler = logging.StreamHandler(log_file)
    logging.getLogger().addHandler(handler)
    saved_showwarning = warnings.showwarning

    def to_log(message, category, filename, lineno, file=None, line=None):
        log_file.write(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = to_log
    try:
        def new_worker(index: int) -> _Worker:
            log_file.flush()
            return _Worker(context, index, course, log_path, staging)

        # the workers set nbgrader up while this process takes the gradebook's snapshot
        workers = [new_worker(i) for i in range(jobs)]
        spawned = jobs
        snapshot = workdir / "snapshot.db"
        snapshot_gradebook(course.db_url, snapshot)
        with Gradebook(course.db_url, course.course_id) as gradebook:

            def take(worker: _Worker) -> tuple[str, Path, float]:
                """The worker's current job (student, gradebook copy, start time); the worker is free again."""
                job = (worker.student, worker.job_db, worker.started)
                worker.student = worker.job_db = None
                return job

            jobs_sent = 0

            def dispatch(worker: _Worker) -> None:
                """Give a free worker the next submission (before merging the last one: merging and
                swapping in happen here while the worker already grades)."""
                nonlocal jobs_sent
                if worker.ready and not worker.stopped and worker.student is None and queue:
                    student = queue.popleft()
                    jobs_sent += 1
                    job_db = workdir / f"job-{jobs_sent}-{student}.db"
                    shutil.copyfile(snapshot, job_db)
                    worker.send(assignment, student, job_db, True)  # its staging folder is always empty

            def finish(job: tuple[str, Path, float], status: str, reason: str = "", log: str = "") -> None:
                student, job_db, job_started = job
                dest = Path(cd.format_path(cd.autograded_directory, student, assignment))
                staged = Path(cd.format_path(str(staging), student, assignment))
                kept = False
                if status == "graded":
                    merge_submission(f"sqlite:///{job_db}", gradebook, assignment, student)
                    swap_in(staged, dest)
                elif dest.is_dir():
                    # a failed regrade: the previous result (folder and gradebook rows) stays as it was
                    kept = True
                    reason += "; the previous result was kept"
                else:  # a first attempt: recorded as nbgrader records it (the submission, no scores)
                    merge_submission(f"sqlite:///{job_db}", gradebook, assignment, student)
                shutil.rmtree(staged, ignore_errors=True)
                results[student] = SubmissionResult(student, status, reason, time.monotonic() - job_started, log,
                                                    attempts.get(student, 1), kept)
                log_file.write(f"[infoview grade] {student}: {status}{': ' + reason if reason else ''}\n")
                job_db.unlink(missing_ok=True)
                bar.set_postfix_str(f"{student}: {status}", refresh=False)
                bar.update(1)

            def retry(job: tuple[str, Path, float], why: str) -> bool:
                """Put a submission whose kernel never started back in the queue (True) if it has tries left."""
                student, job_db, _ = job
                if attempts.get(student, 1) > START_RETRIES:
                    return False
                attempts[student] = attempts.get(student, 1) + 1
                log_file.write(f"[infoview grade] {student}: the kernel did not start ({why}); grading it again "
                               f"(attempt {attempts[student]})\n")
                shutil.rmtree(Path(cd.format_path(str(staging), student, assignment)), ignore_errors=True)
                job_db.unlink(missing_ok=True)
                queue.appendleft(student)
                return True

            def retire(worker: _Worker) -> None:
                """Stop a dead or stuck worker; start a fresh one if work remains."""
                nonlocal spawned
                worker.stop(kill=True)
                if queue:
                    workers[workers.index(worker)] = new_worker(spawned)
                    spawned += 1
                else:
                    workers.remove(worker)

            while queue or any(w.student for w in workers):
                for worker in workers:
                    dispatch(worker)
                deadlines = [w.started + timeout for w in workers if w.student]
                wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else 1.0
                for conn in wait([w.conn for w in workers], timeout=min(wait_for, 1.0)):
                    worker = next(w for w in workers if w.conn is conn)
                    try:
                        reply = conn.recv()
                    except (EOFError, OSError):
                        code = worker.process.exitcode
                        if worker.student:
                            finish(take(worker), "failed", f"the grading process died (exit code {code})")
                        elif not worker.ready:
                            raise GradingSetupError(
                                f"a grading worker could not start (exit code {code}); see {worker.log_path}")
                        retire(worker)
                        continue
                    if "ready" in reply:
                        if not reply["ready"]:
                            raise GradingSetupError(f"nbgrader could not start:\n{reply.get('error', '')}")
                        worker.ready = True
                        dispatch(worker)
                        continue
                    job = take(worker)
                    if not reply.get("success") and kernel_failed_to_start(reply) and retry(job, failure_reason(reply)):
                        dispatch(worker)
                        continue
                    dispatch(worker)
                    if reply.get("success"):
                        finish(job, "graded", log=reply.get("log", ""))
                    else:
                        finish(job, "failed", failure_reason(reply), reply.get("log", ""))
                now = time.monotonic()
                for worker in list(workers):
                    if worker.student and now - worker.started > timeout:
                        worker.stop(kill=True)  # the worker and its kernel, by process id
                        finish(take(worker), "timed out",
                               f"no result after {timeout:g} s (per-submission timeout); its kernel was stopped")
                        retire(worker)
    finally:
        bar.close()
        for worker in workers:
            # interrupted mid-submission: its result was only ever in the staging folder, so the
            # course's autograded folder and gradebook keep what they had
            worker.stop(kill=bool(worker.student))
        shutil.rmtree(workdir, ignore_errors=True)
        warnings.showwarning = saved_showwarning
        logging.getLogger().removeHandler(handler)
        log_file.close()
