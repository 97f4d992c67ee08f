"""Parallel autograding: nbgrader's own autograder, many submissions at once.

Executing notebooks is the slow part of ``nbgrader autograde``; writing to the
gradebook is the part that conflicts when several processes do it at once
(SQLite answers "database is locked"). So the two are split:

1. The parent takes a snapshot of the gradebook into a private SQLite file
   (:func:`.gradebook_merge.snapshot_gradebook`; works for SQLite and PostgreSQL gradebooks alike).
2. Worker processes (:mod:`.grade_worker`, one per job; each imports nbgrader once and then grades one
   submission after another) run nbgrader's ``Autograde`` converter, configured from
   the course's ``nbgrader_config.py`` exactly as ``nbgrader autograde`` is, except
   that each submission writes to its own copy of the snapshot.
3. The parent alone writes to the real gradebook: after each submission it copies
   the fields autograde sets (student, submission timestamp, auto scores, "needs
   manual grade", auto comments, late penalties) from that copy, in one transaction
   (:func:`.gradebook_merge.merge_submission`). Manual scores, extra credit, manual comments and flags
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
``.infoview-grade.log`` (:data:`.grading_summary.LOG_NAME`), not the terminal, and each
run's outcome per submission is kept in ``.infoview-grade-status.json``
(:data:`.grading_summary.STATUS_NAME`), which ``infoview class-report`` reads to say why a
submission has no scores. Already-graded submissions are skipped unless ``force`` is given,
with nbgrader's own rule (graded before, and not resubmitted since). Progress is a tqdm bar
with elapsed and estimated remaining time.

The modules: :mod:`.grading_course` (the course and its submissions), :mod:`.gradebook_merge`
(snapshot and merge), :mod:`.grade_worker` (the worker processes), :mod:`.grading_summary`
(outcomes, summary, status record); this one runs the queue.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .gradebook_merge import merge_submission, snapshot_gradebook
from .grade_worker import GradeWorker, Job, failure_reason, kernel_failed_to_start
from .grading_course import (Course, GradingSetupError, already_graded, excluded_students, known_assignments,
                             load_course, submitted_students)
from .grading_summary import LOG_NAME, GradingSummary, SubmissionResult, record_status

#: Default wall-clock limit for grading one submission, in seconds.
DEFAULT_TIMEOUT = 600.0

#: How many more times a submission whose kernel failed to start is graded before it is reported failed.
START_RETRIES = 2


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
    submitted = _students_to_consider(course, assignment, students)
    started = time.monotonic()
    results: dict[str, SubmissionResult] = {}
    queue: deque[str] = deque()
    for student in submitted:
        skip = _reason_to_skip(course, assignment, student, force)
        if skip:
            results[student] = SubmissionResult(student, "skipped", skip)
        else:
            queue.append(student)
    jobs_used = max(1, min(jobs, len(queue)))
    log_path = course.root / LOG_NAME
    attempted = bool(queue)
    if attempted:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"\n==== infoview grade {assignment}: {len(queue)} submission(s), {jobs_used} job(s), "
                      f"started {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n")
            with _messages_to(log):
                run = _GradingRun(course, assignment, queue, float(timeout), progress, results, log, log_path)
                try:
                    run.grade(jobs_used)
                finally:
                    run.close()
        record_status(course.root, assignment, list(results.values()))
    ordered = [results[s] for s in submitted]
    return GradingSummary(assignment, jobs_used, ordered, time.monotonic() - started,
                          log_path if attempted else None)


def _students_to_consider(course: Course, assignment: str, students: Sequence[str] | None) -> list[str]:
    """The submitted students (only ``students`` when given), after checking the assignment and them."""
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
    return submitted


def _reason_to_skip(course: Course, assignment: str, student: str, force: bool) -> str:
    """Why ``student``'s submission is not graded in this run (empty: it is)."""
    if student in excluded_students(course):
        return "excluded by CourseDirectory.student_id_exclude"
    if not force and already_graded(course, assignment, student):
        return "already graded (use --force to regrade)"
    return ""


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


@contextlib.contextmanager
def _messages_to(log: TextIO):
    """This process's own warnings and log records (SQLAlchemy, nbgrader's gradebook) go to ``log`` too."""
    import logging

    handler = logging.StreamHandler(log)
    logging.getLogger().addHandler(handler)
    saved_showwarning = warnings.showwarning

    def to_log(message, category, filename, lineno, file=None, line=None):
        log.write(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = to_log
    try:
        yield
    finally:
        warnings.showwarning = saved_showwarning
        logging.getLogger().removeHandler(handler)


def _progress_bar(total: int, assignment: str, progress: TextIO | None):
    from tqdm import tqdm

    class ProgressBar(tqdm):
        monitor_interval = 0  # no monitor thread: replacement workers are forked from this process

    return ProgressBar(total=total, desc=f"autograding {assignment}", unit="submission",
                       file=progress, disable=progress is None, dynamic_ncols=True)


class _GradingRun:
    """Grade the submissions in ``queue`` with worker processes, merging each result as it comes.

    The loop (:meth:`grade`): give every free worker a submission (:meth:`dispatch`), wait for
    a reply or the next deadline, act on the reply (:meth:`receive`: set-up done, graded,
    failed, kernel never started, worker died), then stop workers whose submission is overdue
    (:meth:`stop_overdue`). Each submission ends in :meth:`finish`, which fills ``results``.
    """

    def __init__(self, course: Course, assignment: str, queue: deque, timeout: float,
                 progress: TextIO | None, results: dict[str, SubmissionResult], log: TextIO, log_path: Path):
        import multiprocessing

        self.course, self.assignment, self.queue, self.timeout = course, assignment, queue, timeout
        self.results, self.log, self.log_path = results, log, log_path
        # fork (Linux): workers start at once with nbgrader already imported; elsewhere spawn
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.workdir = Path(tempfile.mkdtemp(prefix="infoview-grade-"))
        self.staging = self.workdir / "autograded"
        self.snapshot = self.workdir / "snapshot.db"
        self.workers: list[GradeWorker] = []
        self.spawned = 0
        self.jobs_sent = 0
        self.attempts: dict[str, int] = {}
        self.gradebook = None
        self.bar = _progress_bar(len(queue), assignment, progress)

    # ------------------------------------------------------------ the loop

    def grade(self, jobs: int) -> None:
        """Grade the whole queue with ``jobs`` workers."""
        from multiprocessing.connection import wait

        from nbgrader.api import Gradebook

        # the workers set nbgrader up while this process takes the gradebook's snapshot
        self.workers = [self.new_worker() for _ in range(jobs)]
        snapshot_gradebook(self.course.db_url, self.snapshot)
        with Gradebook(self.course.db_url, self.course.course_id) as self.gradebook:
            while self.queue or any(w.job for w in self.workers):
                for worker in self.workers:
                    self.dispatch(worker)
                for conn in wait([w.conn for w in self.workers], timeout=self.seconds_to_wait()):
                    self.receive(next(w for w in self.workers if w.conn is conn))
                self.stop_overdue()

    def seconds_to_wait(self) -> float:
        """Until the earliest deadline of a submission in progress, at most a second."""
        deadlines = [w.job.started + self.timeout for w in self.workers if w.job]
        return min(1.0, max(0.0, min(deadlines) - time.monotonic())) if deadlines else 1.0

    def close(self) -> None:
        """Stop the workers and remove the private folder (also when interrupted)."""
        self.bar.close()
        for worker in self.workers:
            # interrupted mid-submission: its result was only ever in the staging folder, so the
            # course's autograded folder and gradebook keep what they had
            worker.stop(kill=worker.job is not None)
        shutil.rmtree(self.workdir, ignore_errors=True)

    # ------------------------------------------------------------ workers

    def new_worker(self) -> GradeWorker:
        self.log.flush()  # a forked worker must not write this process's buffered lines again
        worker = GradeWorker(self.context, self.spawned, self.course, self.log_path, self.staging)
        self.spawned += 1
        return worker

    def dispatch(self, worker: GradeWorker) -> None:
        """Give a free worker the next submission (before merging its last one: merging and
        swapping in happen while the worker already grades)."""
        if worker.free and self.queue:
            student = self.queue.popleft()
            self.jobs_sent += 1
            job_db = self.workdir / f"job-{self.jobs_sent}-{student}.db"
            shutil.copyfile(self.snapshot, job_db)
            worker.send(self.assignment, student, job_db)

    def retire(self, worker: GradeWorker) -> None:
        """Stop a dead or stuck worker; start a fresh one if work remains."""
        worker.stop(kill=True)
        if self.queue:
            self.workers[self.workers.index(worker)] = self.new_worker()
        else:
            self.workers.remove(worker)

    # ------------------------------------------------------------ replies

    def receive(self, worker: GradeWorker) -> None:
        """Act on what ``worker`` says: set up, a submission's outcome, or nothing (it died)."""
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self.worker_died(worker)
            return
        if "ready" in reply:
            if not reply["ready"]:
                raise GradingSetupError(f"nbgrader could not start:\n{reply.get('error', '')}")
            worker.ready = True
            self.dispatch(worker)
            return
        job = worker.take_job()
        retried = (not reply.get("success") and kernel_failed_to_start(reply)
                   and self.retry(job, failure_reason(reply)))
        self.dispatch(worker)  # the worker grades the next submission while this one is merged
        if retried:
            return
        if reply.get("success"):
            self.finish(job, "graded", log=reply.get("log", ""))
        else:
            self.finish(job, "failed", failure_reason(reply), reply.get("log", ""))

    def worker_died(self, worker: GradeWorker) -> None:
        code = worker.process.exitcode
        if worker.job:
            self.finish(worker.take_job(), "failed", f"the grading process died (exit code {code})")
        elif not worker.ready:
            raise GradingSetupError(f"a grading worker could not start (exit code {code}); see {worker.log_path}")
        self.retire(worker)

    def stop_overdue(self) -> None:
        """Stop the workers (and their kernels, by process id) whose submission ran past the timeout."""
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.job and now - worker.job.started > self.timeout:
                worker.stop(kill=True)
                self.finish(worker.take_job(), "timed out",
                            f"no result after {self.timeout:g} s (per-submission timeout); its kernel was stopped")
                self.retire(worker)

    # ------------------------------------------------------------ outcomes

    def _staged(self, student: str) -> Path:
        cd = self.course.coursedir
        return Path(cd.format_path(str(self.staging), student, self.assignment))

    def retry(self, job: Job, why: str) -> bool:
        """Put a submission whose kernel never started back in the queue (True) if it has tries left."""
        tries = self.attempts.get(job.student, 1)
        if tries > START_RETRIES:
            return False
        self.attempts[job.student] = tries + 1
        self.log.write(f"[infoview grade] {job.student}: the kernel did not start ({why}); grading it again "
                       f"(attempt {tries + 1})\n")
        shutil.rmtree(self._staged(job.student), ignore_errors=True)
        job.db.unlink(missing_ok=True)
        self.queue.appendleft(job.student)
        return True

    def finish(self, job: Job, status: str, reason: str = "", log: str = "") -> None:
        """Record a submission's outcome: a graded one is merged into the gradebook and swapped into
        ``autograded/``; a failed regrade keeps the previous result; a failed first attempt is
        recorded as nbgrader records it (the submission, no scores)."""
        cd = self.course.coursedir
        dest = Path(cd.format_path(cd.autograded_directory, job.student, self.assignment))
        staged = self._staged(job.student)
        kept = False
        if status == "graded":
            merge_submission(f"sqlite:///{job.db}", self.gradebook, self.assignment, job.student)
            swap_in(staged, dest)
        elif dest.is_dir():
            kept = True
            reason += "; the previous result was kept"
        else:
            merge_submission(f"sqlite:///{job.db}", self.gradebook, self.assignment, job.student)
        shutil.rmtree(staged, ignore_errors=True)
        self.results[job.student] = SubmissionResult(job.student, status, reason, time.monotonic() - job.started,
                                                     log, self.attempts.get(job.student, 1), kept)
        self.log.write(f"[infoview grade] {job.student}: {status}{': ' + reason if reason else ''}\n")
        job.db.unlink(missing_ok=True)
        self.bar.set_postfix_str(f"{job.student}: {status}", refresh=False)
        self.bar.update(1)
