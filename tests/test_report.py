"""Report, Finding and the renderers: what notebooks, widgets and the CLI rely on."""
from __future__ import annotations

import pytest

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
