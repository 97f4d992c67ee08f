"""A summary at the top of nbgrader feedback: the same layout as every other view.

:class:`FeedbackSummary` runs in ``GenerateFeedback.preprocessors`` (see
``assignments/nbgrader_config.py``) after nbgrader's ``GetGrades``, which writes each
graded cell's ``score`` into its metadata. It reads the autograded test cells (one or
more per advice item, grade id ``stage-name[-suffix]``), turns their results into a
:class:`~infoview_lib.report.Report` (a test cell that failed gives its check's message:
what to do next), and puts one markdown cell at the top of the notebook rendered by
:func:`infoview_lib.render.report_html`: how many items are met, the Next step (the one
or two unmet items that matter most, by the registry's priority), then one expandable
line per advice item. Reflections marked by hand are not advice checks and are left out.
"""
from __future__ import annotations

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from ..advice import ADVICE, advice_id_from_grade_id
from ..render import report_html
from ..report import Finding, Report
from .feedback import short_error

#: Marks the summary cell (so a second run replaces it instead of adding another).
SUMMARY_MARK = "infoview_feedback_summary"


def _is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.get("cell_type") == "code"


def _failure(cell, advice_id: str) -> str | None:
    """What the test cell's error says to do (its check's message), or None if it raised nothing."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            said = short_error(output)
            for prefix in ("AssertionError: ",):
                if said.startswith(prefix):
                    said = said[len(prefix):]
            for prefix in (f"{advice_id}: ", f"{ADVICE[advice_id].grade_id}: "):
                if said.startswith(prefix):
                    said = said[len(prefix):]
            return said
    return None


def graded_report(nb) -> Report:
    """The autograded notebook's test cells as a Report: one finding per advice item, in notebook order.

    A cell's points come from nbgrader (``metadata.nbgrader.score`` / ``points``, set by
    ``GetGrades``). An advice item checked by several cells is met when all of them pass.
    """
    merged: dict[str, dict] = {}
    for cell in nb.cells:
        if not _is_test_cell(cell):
            continue
        meta = cell.metadata["nbgrader"]
        try:
            advice_id = advice_id_from_grade_id(meta.get("grade_id", ""))
        except KeyError:
            continue  # a graded cell that is not an advice check
        max_points = float(meta.get("points") or 0)
        score = meta.get("score")
        failure = _failure(cell, advice_id)
        if score is None:  # not graded (yet): an error means no points
            score = 0.0 if failure is not None else max_points
        item = merged.setdefault(advice_id, {"points": 0.0, "max_points": 0.0, "passed": True, "messages": []})
        item["points"] += float(score)
        item["max_points"] += max_points
        if failure is not None or float(score) < max_points:
            item["passed"] = False
            if failure and failure not in item["messages"]:
                item["messages"].append(failure)
    findings = [
        Finding(advice_id, item["passed"], item["points"], item["max_points"], " ".join(item["messages"]))
        for advice_id, item in merged.items()
    ]
    return Report(artefact="assignment", findings=findings)


def summary_cell(report: Report):
    """The markdown cell that opens the feedback."""
    cell = nbformat.v4.new_markdown_cell(report_html(report))
    cell.metadata[SUMMARY_MARK] = True
    return cell


class FeedbackSummary(NbGraderPreprocessor):
    """Put a summary of the advice checks (Next step first, then one line per item) at the top of feedback."""

    enabled = Bool(True, help="nbgrader skips preprocessors whose `enabled` is False").tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [cell for cell in nb.cells if not cell.get("metadata", {}).get(SUMMARY_MARK)]
        report = graded_report(nb)
        if report.findings:
            nb.cells.insert(0, summary_cell(report))
        return nb, resources
