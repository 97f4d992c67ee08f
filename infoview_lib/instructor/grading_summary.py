"""What a grading run reports: each submission's outcome, the summary ``infoview grade`` prints,
and the per-submission status record the class report reads.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: the grading log and the per-submission status record, in the course folder (beside .nbgrader.log)
LOG_NAME = ".infoview-grade.log"
STATUS_NAME = ".infoview-grade-status.json"

STATUSES = ("graded", "failed", "timed out", "skipped")


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


def record_status(course_root: Path, assignment: str, results: list[SubmissionResult]) -> None:
    """Record the outcome of this run's submissions in the course's status file (:func:`read_status`):
    a graded submission loses its record, a failed or timed-out one gets (or replaces) its own."""
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

