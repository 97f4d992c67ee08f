"""The class report: what a class is missing, by advice item, as one self-contained HTML page.

The data flows one way: :mod:`.class_data` reads the gradebook into
:class:`~.class_data.ClassResults` and tabulates it, :mod:`.class_charts` draws the
charts, and :func:`class_report_html` writes the page: score histograms and a chart of
the advice items (PNG embedded as base64, each with alt text and a sentence giving the
key numbers), the most-missed advice with the lesson that teaches it, late and missing
submissions (summarised by assignment, the names behind a ``<details>`` element) and
submissions whose autograding failed, with what happened (``infoview grade`` records why
in the course folder). Every table is escaped.

``infoview class-report`` (:mod:`infoview_lib.cli.class_report`) is the command-line face.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

from .class_charts import advice_chart, score_histogram
from .class_data import (ClassResults, advice_table, awaiting_grading, failed_count, missing_by_assignment,
                         most_missed)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


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
        "awaiting grading": [awaiting_grading(results, a) for a in names],
        "autograding failed": [failed_count(results, a) for a in names],
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
