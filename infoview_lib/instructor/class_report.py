"""The class report: what a class is missing, by advice item, from the nbgrader gradebook.

The data flows one way:

1. :func:`load_class_results` reads the gradebook (SQLite or PostgreSQL, read-only)
   into :class:`ClassResults`: one pandas DataFrame each for assignments, students,
   submissions, grades and missing submissions.
2. :func:`advice_table` turns the grades of cells named after advice ids (grade id =
   advice id with the dot as a hyphen, see :func:`infoview_lib.advice.advice_id_from_grade_id`)
   into one row per advice item: how many students were assessed on it and how many
   met it. A student meets an item when every graded cell for it earned full points.
3. :func:`class_report_html` writes a self-contained HTML page: score histograms and
   a chart of the advice items (PNG embedded as base64, each with alt text and a
   sentence giving the key numbers), the most-missed advice with the lesson that
   teaches it, late and missing submissions (summarised by assignment, the names behind a
   ``<details>`` element) and submissions whose autograding failed, with what happened
   (``infoview grade`` records why in the course folder). Every table is escaped.

``infoview class-report`` (:mod:`infoview_lib.cli.class_report`) is the command-line face.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..advice import ADVICE, advice_id_from_grade_id
from ..embed import data_uri, figure_png
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


# ---------------------------------------------------------------- charts

@dataclass(frozen=True)
class Chart:
    """A chart as an embeddable PNG, with its alt text and a sentence giving its key numbers."""

    png: bytes
    alt: str
    description: str

    def to_html(self) -> str:
        return (f"<figure><img src='{data_uri(self.png, 'image/png')}' alt='{html.escape(self.alt, quote=True)}'>"
                f"<figcaption>{html.escape(self.description)}</figcaption></figure>")


def _points(value: float) -> str:
    return f"{value:g}"


def score_histogram(results: ClassResults, assignment: str) -> Chart | None:
    """A histogram of the total scores of one assignment's submissions (None when there are none)."""
    from matplotlib.figure import Figure

    failed = {s for a, s in results.failed_keys() if a == assignment}
    chosen = results.submissions[(results.submissions["assignment"] == assignment)
                                 & ~results.submissions["student"].isin(failed)]
    scores = chosen["score"].astype(float)
    if scores.empty:
        return None
    row = results.assignments.loc[results.assignments["assignment"] == assignment].iloc[0]
    top = float(row["max_score"] or scores.max() or 1.0)
    fig = Figure(figsize=(6, 3))
    ax = fig.add_subplot()
    if top <= 20 and (scores % 1 == 0).all():  # whole points: one bar per score, centred on it
        bins = [i - 0.5 for i in range(int(top) + 2)]
        ax.set_xticks(range(int(top) + 1))
    else:
        bins = [top * i / 10 for i in range(11)]
    ax.hist(scores, bins=bins, color="#3b6ea8", edgecolor="black")
    ax.set_xlabel(f"score (points, out of {_points(top)})")
    ax.set_ylabel("submissions")
    ax.set_title(f"Scores for {assignment}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    full = int((scores >= top).sum())
    alt = f"Histogram of the total scores of the {len(scores)} submissions to {assignment}."
    description = (
        f"{assignment}: {len(scores)} submission{'s' if len(scores) != 1 else ''} scored out of {_points(top)} "
        f"points; median {_points(round(float(scores.median()), 2))}, lowest {_points(scores.min())}, "
        f"highest {_points(scores.max())}; {full} earned full marks."
        + (f" Not counted: {len(failed)} submission{'s' if len(failed) != 1 else ''} whose autograding failed."
           if failed else ""))
    return Chart(figure_png(fig, dpi=100), alt, description)


def advice_chart(table: "pd.DataFrame") -> Chart | None:
    """A horizontal bar chart of the share of students meeting each advice item (None if no items)."""
    from matplotlib.figure import Figure

    shown = table.dropna(subset=["share_met"])
    if shown.empty:
        return None
    shown = shown.iloc[::-1]  # most-missed at the top of the chart
    fig = Figure(figsize=(7, 0.45 * len(shown) + 1.2))
    ax = fig.add_subplot()
    percents = [100 * s for s in shown["share_met"]]
    ax.barh(list(shown["advice_id"]), percents, color="#3b6ea8", edgecolor="black")
    for y, (pct, met, assessed) in enumerate(zip(percents, shown["students_met"], shown["students_assessed"])):
        ax.text(min(pct, 100) + 1, y, f"{pct:.0f}% ({met}/{assessed})", va="center")
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("students meeting the advice (%)")
    ax.set_title("Advice items: share of students meeting each")
    lowest = table.dropna(subset=["share_met"]).head(3)
    listed = "; ".join(f"{a} {100 * s:.0f}%" for a, s in zip(lowest["advice_id"], lowest["share_met"]))
    alt = f"Bar chart of the share of students meeting each of {len(shown)} advice items."
    description = f"Share of students meeting each of the {len(shown)} advice items; lowest: {listed}."
    return Chart(figure_png(fig, dpi=100), alt, description)


# ---------------------------------------------------------------- the HTML page

_CSS = (
    "body{font-family:system-ui,sans-serif;line-height:1.45;max-width:62em;margin:1em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.25em .5em;text-align:left}"
    "th{background:#eee}figure{margin:1em 0}figcaption{font-style:italic}img{max-width:100%}"
    ".note{border-left:4px solid #8a6d00;padding-left:.6em}td{vertical-align:top}"
    ".advice td:last-child{min-width:24em}"
)


def _table_html(frame: "pd.DataFrame", css_class: str = "") -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="", float_format=lambda v: f"{v:g}",
                         classes=css_class or None)


def _when(value) -> str:
    import pandas as pd

    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M UTC")


def _awaiting(results: ClassResults, assignment: str) -> int:
    """Submissions of ``assignment`` with at least one cell still waiting for a (manual) score;
    submissions whose autograding failed are counted as failed, not as waiting."""
    grades = results.grades
    failed = {s for a, s in results.failed_keys() if a == assignment}
    waiting = grades[(grades["assignment"] == assignment) & ~grades["graded"] & ~grades["student"].isin(failed)]
    return int(waiting["student"].nunique())


def _failed_count(results: ClassResults, assignment: str) -> int:
    return sum(1 for a, _ in results.failed_keys() if a == assignment)


def _missing_html(summary: "pd.DataFrame") -> str:
    """The missing-submissions summary as a table, each assignment's names behind a <details> element."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(str(row.assignment))}</td><td>{row.missing}</td><td><details><summary>"
        f"{row.missing} student{'s' if row.missing != 1 else ''}</summary>{esc(row.students)}</details></td></tr>"
        for row in summary.itertuples())
    return ("<table class='missing'><thead><tr><th>assignment</th><th>missing</th><th>students</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def class_report_html(results: ClassResults, title: str | None = None) -> str:
    """The class report as one self-contained HTML page (charts embedded, all text escaped)."""
    import pandas as pd

    names = results.assignment_names
    esc = html.escape
    title = title or ("Class report: " + ", ".join(names) if names else "Class report")
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
             f"<style>{_CSS}</style></head><body><main>", f"<h1>{esc(title)}</h1>"]
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts.append(f"<p>Generated {generated} from the nbgrader gradebook <code>{esc(results.source)}</code>. "
                 "Advice follows \u201cDemystifying the Informational Interview\u201d by Ellen Mehling; "
                 "grade cells are named after advice ids.</p>")

    parts.append("<h2>Summary</h2>")
    n_students = len(results.students)
    if not names:
        parts.append("<p class='note'>The gradebook is empty: it has no assignments yet. Run "
                     "<code>nbgrader generate_assignment</code>, collect submissions and grade them first.</p>")
    summary = pd.DataFrame({
        "assignment": names,
        "max points": list(results.assignments["max_score"]),
        "submissions": [int((results.submissions["assignment"] == a).sum()) for a in names],
        "late": [int(((results.submissions["assignment"] == a) & results.submissions["late"]).sum()) for a in names],
        "missing": [int((results.missing["assignment"] == a).sum()) for a in names],
        "awaiting grading": [_awaiting(results, a) for a in names],
        "autograding failed": [_failed_count(results, a) for a in names],
    })
    parts.append(f"<p>{n_students} student{'s' if n_students != 1 else ''} in the gradebook; "
                 f"{len(results.submissions)} submission{'s' if len(results.submissions) != 1 else ''} "
                 f"to {len(names)} assignment{'s' if len(names) != 1 else ''}.</p>")
    if names:
        parts.append(_table_html(summary))
    if names and results.empty:
        parts.append("<p class='note'>There are no submissions for these assignments yet, so there are no "
                     "scores or advice results to show.</p>")

    if not results.empty:
        parts.append("<h2>Score distribution</h2>")
        for name in names:
            chart = score_histogram(results, name)
            parts.append(f"<h3>{esc(name)}</h3>")
            parts.append(chart.to_html() if chart else "<p>No submissions for this assignment yet.</p>")

        table = advice_table(results)
        parts.append("<h2>Advice items</h2>")
        if table.empty:
            parts.append("<p class='note'>None of the graded cells is named after an advice id, so there is "
                         "no per-advice result. Name grade cells after advice ids (e.g. <code>request-brief</code>)."
                         "</p>")
        else:
            parts.append("<p>A student meets an advice item when every graded cell that checks it earned full "
                         "points. Cells still waiting for a manual score are left out.</p>")
            chart = advice_chart(table)
            if chart:
                parts.append(chart.to_html())
            shown = table.assign(share_met=[f"{100 * s:.0f}%" if pd.notna(s) else "not graded yet"
                                            for s in table["share_met"]])
            shown = shown[["advice_id", "students_assessed", "students_met", "share_met", "lesson", "assignments",
                           "summary"]].rename(columns={
                "advice_id": "advice id", "students_assessed": "students assessed", "students_met": "students met",
                "share_met": "share met", "summary": "the advice"})
            parts.append(_table_html(shown, "advice"))
            parts.append("<h2>Most-missed advice</h2>")
            missed = most_missed(table)
            if missed.empty:
                parts.append("<p>Every student assessed met every advice item.</p>")
            else:
                parts.append("<p>Revisit these with the class, in the lesson that teaches each:</p><ol>")
                for row in missed.itertuples():
                    parts.append(
                        f"<li><code>{esc(row.advice_id)}</code>: {row.students_not_met} of {row.students_assessed} "
                        f"students missed it ({100 * row.share_met:.0f}% met). {esc(row.summary)} "
                        f"Lesson: <code>notebooks/{esc(row.lesson)}</code>.</li>")
                parts.append("</ol>")
        other = results.grades[results.grades["advice_id"].isna()]["grade_id"].unique()
        if len(other):
            parts.append(f"<p class='note'>{len(other)} graded cell name(s) do not name an advice id and count only "
                         f"in the scores: {esc(', '.join(sorted(other)))}.</p>")

    if results.failed is not None and not results.failed.empty:
        parts.append("<h2>Autograding failed</h2>")
        parts.append("<p>These submissions have no autograded scores: grading them failed. Regrade one with "
                     "<code>infoview grade ASSIGNMENT --student ID --force</code> (its log says more) or grade "
                     "it by hand in the formgrader. They are left out of the score distribution.</p>")
        parts.append(_table_html(results.failed))

    parts.append("<h2>Late submissions</h2>")
    late = results.submissions[results.submissions["late"]]
    if late.empty:
        parts.append("<p>No late submissions.</p>")
    else:
        shown = pd.DataFrame({
            "assignment": late["assignment"], "student": late["student"],
            "submitted": [_when(t) for t in late["timestamp"]], "due": [_when(t) for t in late["duedate"]],
            "hours late": [round(s / 3600, 1) for s in late["seconds_late"]],
            "penalty": late["late_penalty"]})
        parts.append(_table_html(shown))

    parts.append("<h2>Missing submissions</h2>")
    if results.missing.empty:
        parts.append("<p>No missing submissions: every student in the gradebook submitted every assignment.</p>"
                     if n_students else "<p>No students in the gradebook yet.</p>")
    else:
        parts.append("<p>Students in the gradebook with no submission, by assignment (open a row for the "
                     "names; <code>--missing-csv</code> writes the same list):</p>")
        parts.append(_missing_html(missing_by_assignment(results)))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write_class_report(results: ClassResults, out: str | Path, csv: str | Path | None = None,
                       missing_csv: str | Path | None = None) -> Path:
    """Write the HTML report to ``out`` (the per-advice table to ``csv``, the missing submissions by
    assignment to ``missing_csv``); returns ``out``."""
    out = Path(out)
    out.write_text(class_report_html(results), encoding="utf-8")
    if csv is not None:
        advice_table(results).to_csv(csv, index=False)
    if missing_csv is not None:
        missing_by_assignment(results).to_csv(missing_csv, index=False)
    return out
