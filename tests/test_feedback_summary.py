"""nbgrader feedback opens with the same summary as every other view: Next step, then one line per item.

The preprocessor reads an autograded notebook as ``GetGrades`` leaves it (each graded cell's
``score`` and ``points`` in its metadata; a failed check's error output says what to do).
The whole nbgrader pipeline (autograde, then generate_feedback with the course's config) is
checked in ``test_grading_pipeline.py``.
"""
from __future__ import annotations

import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat

from infoview_lib.advice import ADVICE
from infoview_lib.grading.feedback_summary import SUMMARY_MARK, FeedbackSummary, graded_report

ROOT = Path(__file__).resolve().parents[1]


def graded_cell(grade_id: str, score: float, points: float, error: str | None = None, timeout: bool = False):
    cell = nbformat.v4.new_code_cell(f"checks.expect_met(...)  # {grade_id}")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                 "points": points, "score": score, "schema_version": 3}
    if error is not None:
        cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue=error,
                                               traceback=["\x1b[0;31mAssertionError\x1b[0m: " + error])]
    if timeout:
        cell.outputs = [nbformat.v4.new_output("error", ename="CellTimeoutError", evalue="",
                                               traceback=["...", "CellTimeoutError: A cell timed out after 15 s."])]
    return cell


def autograded() -> nbformat.NotebookNode:
    reflection = nbformat.v4.new_markdown_cell("My reflection <b>in my words</b>")
    reflection.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "what-interview_practice-reflection",
                                       "points": 3, "score": 1}
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Making the request"),
        nbformat.v4.new_code_cell('request_draft = "Hello <script>"'),
        graded_cell("request-connection", 1, 1),
        graded_cell("request-concise", 0, 1, "request.concise: Cut it to about 100 words."),
        graded_cell("request-brief", 0, 1, timeout=True),
        graded_cell("job-no_job_ask", 2, 2),
        graded_cell("job-no_job_ask-thanks", 0, 1, "job.no_job_ask: Take out the <job> ask in your thanks."),
        reflection,
    ])


def test_the_graded_cells_become_one_finding_per_advice_item():
    report = graded_report(autograded())
    assert report.advice_ids == ["request.connection", "request.concise", "request.brief", "job.no_job_ask"]
    job = report.finding("job.no_job_ask")  # two cells: met only when both pass
    assert (job.passed, job.points, job.max_points) == (False, 2.0, 3.0)
    assert job.message == "Take out the <job> ask in your thanks."
    assert report.finding("request.concise").message == "Cut it to about 100 words."
    assert report.finding("request.brief").message == "CellTimeoutError: A cell timed out after 15 s."
    assert report.finding("request.connection").passed
    assert (report.points, report.max_points) == (3.0, 6.0)


def test_feedback_opens_with_the_next_step_then_one_line_per_item():
    nb = autograded()
    nb, _ = FeedbackSummary().preprocess(nb, {})
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.metadata[SUMMARY_MARK]
    root = ET.fromstring(first.source)  # well-formed, student text escaped
    summary = " ".join("".join(root.find(".//p[@class='iv-summary']").itertext()).split())
    assert summary.startswith("Assignment: 1 of 4 advice items met")
    steps = [li.get("data-advice") for li in root.find(".//*[@class='iv-next']").iter("li")]
    assert steps == ["job.no_job_ask", "request.brief"]  # registry priority: the job ask, then the bounded ask
    assert steps == ADVICE.by_priority(["request.concise", "request.brief", "job.no_job_ask"])[:2]
    lines = [li.get("data-advice") for li in root.find(".//ul[@class='iv-items']")]
    assert lines == ["request.connection", "request.concise", "request.brief", "job.no_job_ask"]
    assert "&lt;job&gt;" in first.source and "<job>" not in first.source
    assert "reflection" not in first.source
    # run again (feedback regenerated): still one summary
    nb, _ = FeedbackSummary().preprocess(nb, {})
    assert sum(1 for cell in nb.cells if cell.metadata.get(SUMMARY_MARK)) == 1
    assert nb.cells[1].source == "# Making the request"


def test_a_notebook_without_advice_checks_gets_no_summary():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hello")])
    nb, _ = FeedbackSummary().preprocess(nb, {})
    assert [cell.source for cell in nb.cells] == ["hello"]


def test_the_summary_survives_nbconverts_html_export():
    from nbconvert import HTMLExporter

    nb, _ = FeedbackSummary().preprocess(autograded(), {})
    body, _ = HTMLExporter().from_notebook_node(nb)
    assert "<details><summary>" in body and "<meter " in body
    assert body.index("Next step") < body.index("Making the request")


def test_the_course_config_runs_it_after_get_grades_and_it_is_enabled():
    from nbgrader.preprocessors import GetGrades

    from infoview_lib.grading.feedback import HideHiddenTests

    assert FeedbackSummary().enabled is True  # nbgrader skips preprocessors that are not enabled
    from traitlets.config import Config

    config = Config()
    runpy.run_path(str(ROOT / "assignments" / "nbgrader_config.py"), init_globals={"get_config": lambda: config})
    chain = config.GenerateFeedback.preprocessors
    assert chain.index(GetGrades) < chain.index(HideHiddenTests) < chain.index(FeedbackSummary)
    assert re.search(r"FeedbackSummary.*reads the scores GetGrades wrote",
                     (ROOT / "assignments" / "nbgrader_config.py").read_text())


def _graded(grade_id: str, points, score=None, outputs=()):
    cell = nbformat.v4.new_code_cell("checks.expect_met(...)")
    meta = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    if score is not None:
        meta["score"] = score
    cell.metadata["nbgrader"] = meta
    cell.outputs = list(outputs)
    return cell


def _error(ename: str, evalue: str):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def test_a_cell_not_graded_yet_gets_its_points_unless_it_raised():
    concise, brief = ADVICE["request.concise"], ADVICE["request.brief"]
    nb = nbformat.v4.new_notebook(cells=[
        _graded(concise.grade_id, 2),  # no score yet, no error: passed, full points
        _graded(brief.grade_id, 2, outputs=[_error("AssertionError", "request.brief: say how long")]),
    ])
    report = graded_report(nb)
    met, failed = report.finding("request.concise"), report.finding("request.brief")
    assert (met.passed, met.points, met.max_points) == (True, 2.0, 2.0)
    assert (failed.passed, failed.points, failed.max_points) == (False, 0.0, 2.0)
    assert failed.message == "say how long"


def test_a_cell_without_points_is_worth_nothing_and_a_partial_score_is_not_met():
    nb = nbformat.v4.new_notebook(cells=[
        _graded(ADVICE["request.concise"].grade_id, None, score=0),
        _graded(ADVICE["request.brief"].grade_id, 2, score=1),  # fewer points than the cell is worth
    ])
    report = graded_report(nb)
    assert (report.finding("request.concise").points, report.finding("request.concise").max_points) == (0.0, 0.0)
    assert report.finding("request.concise").passed
    partial = report.finding("request.brief")
    assert (partial.passed, partial.points, partial.max_points, partial.message) == (False, 1.0, 2.0, "")


def test_messages_of_an_item_checked_twice_are_joined_once_each_with_the_prefixes_removed():
    advice = ADVICE["job.no_job_ask"]
    nb = nbformat.v4.new_notebook(cells=[
        _graded("not-an_advice_item", 5, score=0, outputs=[_error("AssertionError", "ignored")]),
        _graded(advice.grade_id, 1, score=0, outputs=[_error("AssertionError", f"{advice.id}: Take out the ask.")]),
        _graded(advice.grade_id + "-thanks", 1, score=0,
                outputs=[_error("AssertionError", f"{advice.grade_id}: Take out the ask.")]),
        _graded(advice.grade_id + "-notes", 1, score=0, outputs=[_error("ValueError", "no notes given")]),
    ])
    report = graded_report(nb)
    assert report.advice_ids == [advice.id]
    finding = report.finding(advice.id)
    assert finding.message == "Take out the ask. ValueError: no notes given"
    assert (finding.points, finding.max_points) == (0.0, 3.0)


def test_a_short_error_is_the_name_and_value_without_colour_codes():
    from infoview_lib.grading.feedback import short_error

    red = "\x1b[0;31m"
    assert short_error({"ename": f"{red}AssertionError\x1b[0m", "evalue": f"{red}cut it\x1b[0m",
                        "traceback": ["ignored"]}) == "AssertionError: cut it"
    assert short_error({"ename": "KeyError", "evalue": ""}) == "KeyError"
    assert short_error({"evalue": "boom"}) == "Error: boom"
    assert short_error({}) == "Error"
    assert short_error({"ename": "CellTimeoutError", "evalue": "",
                        "traceback": ["first line", f"  {red}CellTimeoutError\x1b[0m: too slow  "]}) \
        == "CellTimeoutError: too slow"


def test_the_feedback_page_extends_nbgraders_own_page():
    """Our accessible feedback template extends nbgrader's page: that page must be where we look."""
    import nbgrader
    from jinja2 import Environment

    from infoview_lib.grading.feedback_page import nbgrader_feedback_page, nbgrader_page_path

    path = nbgrader_page_path()
    assert path.is_file() and Path(nbgrader.__file__).parent in path.parents
    ours = (ROOT / "infoview_lib" / "grading" / "templates" / "feedback" / "index.html.j2").read_text()
    overridden = set(re.findall(r"{%-?\s*block\s+(\w+)", ours))
    assert overridden and overridden <= set(nbgrader_feedback_page(Environment()).blocks)


def test_a_graded_answer_cell_is_not_an_advice_check():
    """A code cell graded by hand (an answer, ``solution: true``) is marked by the grader, not a check."""
    answer = _graded(ADVICE["request.concise"].grade_id, 3, score=0)
    answer.metadata["nbgrader"]["solution"] = True
    check = _graded(ADVICE["request.brief"].grade_id, 1, score=1)
    assert graded_report(nbformat.v4.new_notebook(cells=[answer, check])).advice_ids == ["request.brief"]


def test_hidden_regions_are_counted_and_a_markdown_cell_gets_no_code_comment():
    from infoview_lib.grading.feedback import HideHiddenTests, strip_region

    source = "a\n### BEGIN HIDDEN TESTS\nb\n### END HIDDEN TESTS\nc\n### BEGIN HIDDEN TESTS\nd\n### END HIDDEN TESTS\ne"
    assert strip_region(source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") == ("a\nc\ne", 2)
    note = HideHiddenTests().hidden_note
    markdown = nbformat.v4.new_markdown_cell(source)
    cell, _ = HideHiddenTests().preprocess_cell(markdown, {}, 0)
    assert cell.source == "a\nc\ne" and note not in cell.source
    code = nbformat.v4.new_code_cell(source)
    cell, _ = HideHiddenTests().preprocess_cell(code, {}, 0)
    assert cell.source == f"a\n{note}\nc\n{note}\ne"
