"""The class data: a class's results read from the nbgrader gradebook, and the tables and counts
the class report shows.

1. :func:`load_class_results` reads the gradebook (SQLite or PostgreSQL, read-only)
   into :class:`ClassResults`: one pandas DataFrame each for assignments, students,
   submissions, grades and missing submissions.
2. :func:`advice_table` turns the grades of cells named after advice ids (grade id =
   advice id with the dot as a hyphen, see :func:`infoview_lib.advice.advice_id_from_grade_id`)
   into one row per advice item: how many students were assessed on it and how many
   met it. A student meets an item when every graded cell for it earned full points.
3. :func:`missing_by_assignment`, :func:`most_missed`, :func:`awaiting_grading` and
   :func:`failed_count` summarise them.

The charts are in :mod:`.class_charts`, the HTML page in :mod:`.class_report`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..advice import ADVICE, advice_id_from_grade_id
from ..errors import InfoviewError
from .gradebook import GradebookError, gradebook_url, safe_url

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: How many of the most-missed advice items the report lists.
MOST_MISSED = 5

GRADE_COLUMNS = ["assignment", "student", "notebook", "grade_id", "cell_type", "advice_id", "auto_score",
                 "manual_score", "extra_credit", "score", "max_score", "needs_manual_grade", "graded", "met"]
MISSING_COLUMNS = ["assignment", "missing", "students"]
FAILED_COLUMNS = ["assignment", "student", "what happened"]
SUBMISSION_COLUMNS = ["assignment", "student", "timestamp", "duedate", "seconds_late", "late", "score",
                      "max_score", "late_penalty", "needs_manual_grade"]
ADVICE_COLUMNS = ["advice_id", "stage", "summary", "lesson", "assignments", "cells", "students_assessed",
                  "students_met", "students_not_met", "share_met"]


class UnknownAssignmentError(InfoviewError, KeyError):
    """An assignment name that the gradebook does not know (the message lists the known ones)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass
class ClassResults:
    """A class's results for some assignments, read from an nbgrader gradebook."""

    assignments: "pd.DataFrame"
    """One row per assignment: ``assignment, duedate, max_score``."""
    students: "pd.DataFrame"
    """Every student in the gradebook: ``student, first_name, last_name``."""
    submissions: "pd.DataFrame"
    """One row per submission (columns :data:`SUBMISSION_COLUMNS`); ``late`` is True when
    the submission came after the due date (plus any extension)."""
    grades: "pd.DataFrame"
    """One row per graded cell per submission (columns :data:`GRADE_COLUMNS`). ``advice_id``
    is None for cells not named after advice; ``graded`` is False while a cell still waits
    for a score; ``met`` is True when the cell earned full points (NA when not graded)."""
    missing: "pd.DataFrame"
    """Students in the gradebook with no submission for an assignment: ``assignment, student``."""
    source: str = ""
    """Where the results came from (the database URL without any password)."""
    failed: "pd.DataFrame | None" = None
    """Submissions whose autograding failed (columns :data:`FAILED_COLUMNS`): in the gradebook, but no
    autograded cell has a score. "what happened" says why ("failed: kernel died") when
    ``infoview grade`` recorded it in the course folder."""

    def failed_keys(self) -> set[tuple[str, str]]:
        """(assignment, student) of every submission whose autograding failed."""
        if self.failed is None or self.failed.empty:
            return set()
        return set(zip(self.failed["assignment"], self.failed["student"]))

    @property
    def assignment_names(self) -> list[str]:
        return list(self.assignments["assignment"])

    @property
    def empty(self) -> bool:
        """True when there are no submissions to report on."""
        return self.submissions.empty


def _query_frames(engine, names: Sequence[str] | None) -> tuple:
    import pandas as pd
    from nbgrader.api import (Assignment, Grade, GradeCell, Notebook, Student, SubmittedAssignment,
                              SubmittedNotebook)
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        rows = session.execute(select(Assignment.name, Assignment.duedate, Assignment.max_score)
                               .order_by(Assignment.name)).all()
        assignments = pd.DataFrame(rows, columns=["assignment", "duedate", "max_score"])
        known = list(assignments["assignment"])
        if names:
            unknown = [n for n in names if n not in known]
            if unknown:
                listing = ", ".join(known) if known else "none: the gradebook has no assignments yet"
                raise UnknownAssignmentError(
                    f"unknown assignment(s) {', '.join(map(repr, unknown))}; the gradebook knows: {listing}")
            assignments = assignments[assignments["assignment"].isin(list(names))]
            # keep the order the instructor asked for
            assignments = assignments.set_index("assignment").loc[list(dict.fromkeys(names))].reset_index()
        chosen = list(assignments["assignment"])

        students = pd.DataFrame(
            session.execute(select(Student.id, Student.first_name, Student.last_name).order_by(Student.id)).all(),
            columns=["student", "first_name", "last_name"])

        submissions = pd.DataFrame(session.execute(
            select(Assignment.name, SubmittedAssignment.student_id, SubmittedAssignment.timestamp,
                   Assignment.duedate, SubmittedAssignment.extension, SubmittedAssignment.score,
                   SubmittedAssignment.max_score, SubmittedAssignment.late_submission_penalty,
                   SubmittedAssignment.needs_manual_grade)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .where(Assignment.name.in_(chosen))
            .order_by(Assignment.name, SubmittedAssignment.student_id)).all(),
            columns=["assignment", "student", "timestamp", "duedate", "extension", "score", "max_score",
                     "late_penalty", "needs_manual_grade"])

        grades = pd.DataFrame(session.execute(
            select(Assignment.name, SubmittedAssignment.student_id, Notebook.name, GradeCell.name,
                   GradeCell.cell_type, Grade.auto_score, Grade.manual_score, Grade.extra_credit, Grade.score, Grade.max_score,
                   Grade.needs_manual_grade)
            .select_from(Grade)
            .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .join(GradeCell, Grade.cell_id == GradeCell.id)
            .where(Assignment.name.in_(chosen))
            .order_by(Assignment.name, SubmittedAssignment.student_id, Notebook.name, GradeCell.name)).all(),
            columns=["assignment", "student", "notebook", "grade_id", "cell_type", "auto_score", "manual_score",
                     "extra_credit", "score", "max_score", "needs_manual_grade"])
    return assignments, students, submissions, grades


def _advice_id_or_none(grade_id: str) -> str | None:
    try:
        return advice_id_from_grade_id(grade_id)
    except KeyError:
        return None


def failure_label(record: dict | None) -> str:
    """What happened to a submission whose autograding failed, in a few words, from what
    ``infoview grade`` recorded (None: nothing recorded, e.g. it was graded with plain nbgrader)."""
    if not record:
        return "failed: no autograded scores (no reason recorded; regrade it to see why)"
    status, reason = str(record.get("status", "failed")), str(record.get("reason", ""))
    lowered = reason.lower()
    if status == "timed out":
        return "timed out: stopped after the per-submission time limit"
    for marker, label in (("kernel died", "kernel died"), ("grading process died", "the grading process died"),
                          ("kernel didn't respond", "the kernel did not start")):
        if marker in lowered:
            return f"failed: {label}"
    first = reason.splitlines()[0] if reason else "no reason given"
    return f"failed: {first[:120]}"


def _failed_submissions(grades: "pd.DataFrame", status: dict) -> "pd.DataFrame":
    """Submissions with autograded (code) cells none of which has a score: autograding failed."""
    import pandas as pd

    code = grades[grades["cell_type"] == "code"]
    rows = []
    for (assignment, student), cells in code.groupby(["assignment", "student"], sort=True):
        if not cells["graded"].any():
            record = status.get(assignment, {}).get(student) if isinstance(status.get(assignment), dict) else None
            rows.append((assignment, student, failure_label(record)))
    return pd.DataFrame(rows, columns=FAILED_COLUMNS)


def load_class_results(db_url: str, assignments: Iterable[str] | None = None,
                       course_dir: str | Path | None = None) -> ClassResults:
    """Read the gradebook at ``db_url`` for ``assignments`` (all of them when None or empty).

    ``course_dir``: the nbgrader course folder, where ``infoview grade`` records why a
    submission failed (used only to say what happened; optional).

    Opens the database read-only in effect (nothing is written; a missing SQLite file is
    an error rather than a new empty gradebook). Raises :class:`GradebookError` when the
    gradebook cannot be read and :class:`UnknownAssignmentError` (listing the known names)
    for an assignment it does not know.
    """
    import pandas as pd
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(assignments, str):
        assignments = [assignments]
    names = [str(a) for a in (assignments or [])]
    url = gradebook_url(db_url)
    try:
        engine = create_engine(url)
    except (ImportError, SQLAlchemyError) as err:
        raise GradebookError(f"cannot open the gradebook at {safe_url(db_url)}: {err}") from None
    try:
        frames = _query_frames(engine, names)
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise GradebookError(f"could not read the nbgrader gradebook at {safe_url(db_url)}: {reason}") from None
    finally:
        engine.dispose()
    assignments_df, students, submissions, grades = frames

    # submissions: lateness against the due date plus any extension
    due = pd.to_datetime(submissions["duedate"])
    extension = pd.to_timedelta(submissions["extension"]).fillna(pd.Timedelta(0))
    stamp = pd.to_datetime(submissions["timestamp"])
    seconds = (stamp - (due + extension)).dt.total_seconds()
    submissions["seconds_late"] = seconds.clip(lower=0).fillna(0.0)
    submissions["late"] = submissions["seconds_late"] > 0
    submissions["late_penalty"] = submissions["late_penalty"].fillna(0.0)
    submissions = submissions[SUBMISSION_COLUMNS].reset_index(drop=True)

    # grades: which advice each cell checks, whether it has a score, whether it earned full points
    grades["advice_id"] = [_advice_id_or_none(g) for g in grades["grade_id"]]
    grades["graded"] = grades["auto_score"].notna() | grades["manual_score"].notna()
    full = (grades["score"] >= grades["max_score"]) & (grades["max_score"] > 0)
    grades["met"] = pd.array([bool(m) if g else pd.NA for m, g in zip(full, grades["graded"])], dtype="boolean")
    grades = grades[GRADE_COLUMNS].reset_index(drop=True)

    # missing: every student in the gradebook without a submission for an assignment
    submitted = set(zip(submissions["assignment"], submissions["student"]))
    missing = pd.DataFrame(
        [(a, s) for a in assignments_df["assignment"] for s in students["student"] if (a, s) not in submitted],
        columns=["assignment", "student"])
    status = {}
    if course_dir is not None:
        from .grading_summary import read_status

        status = read_status(course_dir)
    failed = _failed_submissions(grades, status)
    return ClassResults(assignments_df.reset_index(drop=True), students, submissions, grades, missing,
                        source=safe_url(db_url), failed=failed)


def missing_by_assignment(results: ClassResults) -> "pd.DataFrame":
    """The missing submissions summarised: one row per assignment with anyone missing
    (columns :data:`MISSING_COLUMNS`; ``students`` lists them, separated by "; ")."""
    import pandas as pd

    rows = [(name, len(group), "; ".join(group["student"]))
            for name in results.assignment_names
            if not (group := results.missing[results.missing["assignment"] == name]).empty]
    return pd.DataFrame(rows, columns=MISSING_COLUMNS)


def advice_table(results: ClassResults) -> "pd.DataFrame":
    """One row per advice item checked by the assignments' grade cells, most-missed first.

    ``students_assessed`` counts students with at least one graded cell for the item,
    ``students_met`` those whose every graded cell for it earned full points, and
    ``share_met`` is their share (0 to 1). Columns: :data:`ADVICE_COLUMNS`.
    """
    import pandas as pd

    grades = results.grades
    graded = grades[grades["advice_id"].notna() & grades["graded"]]
    rows = []
    for advice_id, cells in grades[grades["advice_id"].notna()].groupby("advice_id", sort=True):
        done = graded[graded["advice_id"] == advice_id]
        per_student = done.groupby("student")["met"].all()
        assessed, met = int(per_student.size), int(per_student.sum())
        advice = ADVICE[advice_id]
        rows.append({
            "advice_id": advice_id,
            "stage": advice.stage,
            "summary": advice.summary,
            "lesson": advice.lesson,
            "assignments": ", ".join(sorted(cells["assignment"].unique())),
            "cells": int(cells[["assignment", "notebook", "grade_id"]].drop_duplicates().shape[0]),
            "students_assessed": assessed,
            "students_met": met,
            "students_not_met": assessed - met,
            "share_met": met / assessed if assessed else float("nan"),
        })
    table = pd.DataFrame(rows, columns=ADVICE_COLUMNS)
    return table.sort_values(["share_met", "students_not_met", "advice_id"], ascending=[True, False, True],
                             na_position="last").reset_index(drop=True)


def most_missed(table: "pd.DataFrame", limit: int = MOST_MISSED) -> "pd.DataFrame":
    """The advice items that the fewest students met (only those someone missed)."""
    return table[table["students_not_met"] > 0].head(limit).reset_index(drop=True)


def awaiting_grading(results: ClassResults, assignment: str) -> int:
    """Submissions of ``assignment`` with at least one cell still waiting for a (manual) score;
    submissions whose autograding failed are counted as failed, not as waiting."""
    grades = results.grades
    failed = {s for a, s in results.failed_keys() if a == assignment}
    waiting = grades[(grades["assignment"] == assignment) & ~grades["graded"] & ~grades["student"].isin(failed)]
    return int(waiting["student"].nunique())


def failed_count(results: ClassResults, assignment: str) -> int:
    """Submissions of ``assignment`` whose autograding failed."""
    return sum(1 for a, _ in results.failed_keys() if a == assignment)
