"""Grading workers: processes that set nbgrader up once and then autograde one submission
after another for :mod:`.parallel_grade`, and what their replies mean.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .grading_course import Course

#: nbgrader/jupyter_client messages meaning the kernel never started, so the submission was not
#: graded at all and grading it again is safe (lower case; matched against the failure's log).
KERNEL_START_FAILURES = ("kernel didn't respond", "kernel died before replying to kernel_info",
                         "address already in use", "kernel failed to start", "timeout waiting for kernel_info")


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


@dataclass
class Job:
    """One submission handed to a worker: who, the worker's gradebook copy, when it started."""

    student: str
    db: Path
    started: float


class GradeWorker:
    """A worker process and the submission it is grading (``job``, None while it is free)."""

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
        """True once nbgrader is set up in it (its first reply)."""
        self.stopped = False
        self.job: Job | None = None

    @property
    def free(self) -> bool:
        """Ready for a submission: set up, running, and not grading one."""
        return self.ready and not self.stopped and self.job is None

    def send(self, assignment: str, student: str, job_db: Path) -> None:
        """Grade ``student``'s submission against the gradebook copy ``job_db``. Its staging folder
        is always empty, so nbgrader is told to overwrite (``force``)."""
        self.job = Job(student, job_db, time.monotonic())
        self.conn.send((assignment, student, f"sqlite:///{job_db}", True))

    def take_job(self) -> Job:
        """The submission it was grading; the worker is free again."""
        job, self.job = self.job, None
        return job

    def stop(self, kill: bool = False) -> None:
        """End the worker: ask it to finish (or, with ``kill``, stop it and its kernels at once)."""
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

