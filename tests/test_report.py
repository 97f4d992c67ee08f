"""Report, Finding and the renderers: what notebooks, widgets and the CLI rely on."""
from __future__ import annotations

import re

import pytest
from pathlib import Path

from infoview_lib.render import highlight, report_html, report_text
from infoview_lib.report import Finding, Report
from infoview_lib.rules.request import score_request

MET = Finding("request.brief", True, 1.0, 1.0, "You ask for only a little time.", ((0, 10),))
NOT_MET = Finding("job.no_job_ask", False, 0.0, 1.0, "Take out <b>the</b> job ask.", ((12, 34),))
TEXT = "20 minutes? <script>alert(1)</script> & more"


def test_finding_has_a_symbol_and_a_word():
    assert (MET.status, MET.symbol) == ("met", "\u2714")
    assert (NOT_MET.status, NOT_MET.symbol) == ("not met", "\u2718")


def test_score_points_and_passed():
    report = Report("request", [MET, NOT_MET], TEXT)
    assert (report.points, report.max_points, report.score) == (1.0, 2.0, 0.5)
    assert not report.passed and report.failed == [NOT_MET]
    assert "job.no_job_ask" in report and "request.concise" not in report


def test_no_findings_scores_zero_and_does_not_pass():
    report = Report("notes")
    assert report.score == 0.0 and not report.passed


def test_finding_lookup_error_names_what_was_checked():
    with pytest.raises(KeyError, match=r"request\.brief, job\.no_job_ask"):
        Report("request", [MET, NOT_MET]).finding("request.concise")


def test_to_frame_columns_and_evidence():
    frame = Report("request", [MET, NOT_MET], TEXT).to_frame()
    assert list(frame.columns) == ["advice_id", "passed", "points", "max_points", "message", "evidence"]
    assert frame.loc[0, "evidence"] == ["20 minutes"]
    assert len(frame) == 2


def test_html_escapes_student_text_and_messages():
    html = Report("request", [MET, NOT_MET], TEXT)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>the</b>" not in html and "&lt;b&gt;the&lt;/b&gt;" in html
    assert "&amp; more" in html


def test_html_marks_every_finding_with_symbol_and_word():
    html = report_html(Report("request", [MET, NOT_MET], TEXT))
    assert "\u2714</span> <strong class='iv-word'>met</strong>" in html
    assert "\u2718</span> <strong class='iv-word'>not met</strong>" in html


def test_highlight_marks_and_merges_overlapping_spans():
    assert highlight("a <b> c", [(2, 5)]) == "a <mark>&lt;b&gt;</mark> c"
    assert highlight("abcdef", [(0, 3), (2, 4), (10, 12)]) == "<mark>abcd</mark>ef"


def test_text_has_symbol_word_and_title_per_finding_and_quotes_the_next_steps_evidence():
    lines = report_text(Report("request", [MET, NOT_MET], TEXT)).splitlines()
    assert lines[0] == "request: 1 of 2 advice items met [#####-----] 1/2 points"
    assert any(l.startswith("  \u2714 met") and "Ask for a short, set time" in l for l in lines)
    assert any(l.startswith("  \u2718 not met") and "Don't ask for a job" in l for l in lines)
    assert f'(you wrote "{TEXT[12:34]}")' in lines[3]  # plain text: nothing to escape


def test_a_real_report_round_trips_to_records():
    report = score_request("Are there any openings? <i>Thanks</i>")
    records = report.to_records()
    assert [r["advice_id"] for r in records] == report.advice_ids
    job = next(r for r in records if r["advice_id"] == "job.no_job_ask")
    assert job["evidence"] == ["Are there any openings"] and job["spans"] == [[0, 22]]
    assert "<i>" not in report._repr_html_()


# -- the JSON shape (docs/report-format.md) ---------------------------------------------------

def test_to_dict_is_the_documented_versioned_shape_with_registry_title_and_priority():
    import json

    from infoview_lib.advice import ADVICE

    report = score_request("Are there any openings? <i>Thanks</i>")
    data = json.loads(json.dumps(report.to_dict()))  # JSON-ready: survives a round trip through text
    assert (data["format"], data["version"]) == ("infoview-report", 1)
    assert data["artefact"] == "request" and data["text"] == report.text
    assert (data["points"], data["max_points"], data["score"], data["passed"]) == (
        report.points, report.max_points, report.score, report.passed)
    job = next(f for f in data["findings"] if f["advice_id"] == "job.no_job_ask")
    assert job["title"] == ADVICE["job.no_job_ask"].title and job["priority"] == ADVICE["job.no_job_ask"].priority
    assert (job["passed"], job["status"], job["spans"], job["evidence"]) == (
        False, "not met", [[0, 22]], ["Are there any openings"])
    assert data["next_steps"][0] == "job.no_job_ask"  # a job ask comes first, as in every view
    documented = (Path(__file__).resolve().parents[1] / "docs" / "report-format.md").read_text(encoding="utf-8")
    table_keys = set(re.findall(r"^\| ((?:`\w+`(?:, )?)+) \|", documented, re.MULTILINE))
    documented_keys = {k for cell in table_keys for k in re.findall(r"`(\w+)`", cell)}
    assert set(data) | set(job) == documented_keys


def test_from_dict_reads_back_what_to_dict_wrote():
    report = score_request("Are there any openings? <i>Thanks</i>")
    again = Report.from_dict(report.to_dict())
    assert again == report
    assert Report.from_dict(Report("notes").to_dict()) == Report("notes")


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="something-else"), "not an infoview-report"),
    (lambda d: d.update(version=2), "version 2 is not supported"),
    (lambda d: d.pop("findings"), "'findings' must be a list"),
    (lambda d: d["findings"][1].pop("passed"), r"findings\[1\] has no 'passed'"),
    (lambda d: d["findings"][0].update(points="1"), r"findings\[0\]: 'points' must be a number"),
    (lambda d: d["findings"][0].update(passed=1), r"findings\[0\]: 'passed' must be true or false"),
    (lambda d: d["findings"][0].update(spans=[[0]]), r"findings\[0\]: 'spans' must be a list of \[start, end\]"),
])
def test_from_dict_names_what_is_wrong(change, message):
    from infoview_lib.report import ReportFormatError

    data = Report("request", [MET, NOT_MET], TEXT).to_dict()
    change(data)
    with pytest.raises(ReportFormatError, match=message):
        Report.from_dict(data)
