"""Properties that hold for any input: scorers raise only their documented
errors, spans stay inside the text, scores stay in [0, 1], HTML is escaped.
Also: importing the library and its scorers loads no plotting or widget code."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from html_checks import assert_only_kit_markup
from infoview_lib.render import report_html
from infoview_lib.rules.follow_up import audit_contact_log
from infoview_lib.rules.logistics import check_logistics
from infoview_lib.rules.notes import score_notes
from infoview_lib.rules.questions import score_questions
from infoview_lib.rules.request import score_request
from infoview_lib.rules.thank_you import score_thank_you

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: phrases that exercise the detectors, mixed with arbitrary text below
PHRASES = [
    "We met briefly at the conference.", "Are there any openings?", "I'm not looking for a job",
    "20 minutes", "an hour or two", "half an hour", "pick your brain", "Dr.", "Ms. ", "I understand if not.",
    "YOU MUST REPLY NOW!!", "could you refer me for the internship", "Thank you", "your advice about",
    "Could you review my resume?", "If I can ever help,", "the director there is incompetent", "\n", ", ",
    "<script>alert(1)</script>", "&amp;", "\u200b", "\x00", "\r\n", "é", "🙂", "; but ", "?", "'", "’",
]
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=20)), max_size=30).map("".join),
)


def check_report(report, text):
    assert 0.0 <= report.score <= 1.0
    for f in report.findings:
        assert 0 <= f.points <= f.max_points
        for a, b in f.spans:
            assert 0 <= a <= b <= len(text)
    assert_only_kit_markup(report_html(report))  # no '<' of the student's survives as markup


@SETTINGS
@given(text=TEXT, channel=st.sampled_from(["email", "linkedin", "phone"]))
def test_score_request_any_text(text, channel):
    check_report(score_request(text, channel=channel), text)


@SETTINGS
@given(text=TEXT, channel=st.sampled_from(["handwritten", "email", "email+handwritten"]),
       days=st.none() | st.integers(0, 30))
def test_score_thank_you_any_text(text, channel, days):
    dates = {} if days is None else {"interview_on": "2026-03-01", "sent_on": f"2026-03-{1 + days:02d}"}
    check_report(score_thank_you(text, channel=channel, **dates), text)


@SETTINGS
@given(text=TEXT)
def test_score_notes_any_text(text):
    check_report(score_notes(text), text)


@SETTINGS
@given(questions=st.lists(TEXT, max_size=8), minutes=st.integers(1, 120) | st.floats(0.5, 200),
       topics=st.lists(st.text(max_size=30), max_size=3))
def test_score_questions_any_text(questions, minutes, topics):
    report = score_questions(questions, minutes, topics)
    assert report.text == "\n".join(questions)
    check_report(report, report.text)


@SETTINGS
@given(value=st.one_of(st.integers(), st.floats(allow_nan=True), st.binary(max_size=10), st.none(),
                       st.lists(st.integers(), max_size=3)))
def test_non_text_input_raises_type_error(value):
    for scorer in (score_request, score_thank_you, score_notes):
        with pytest.raises(TypeError, match="text"):
            scorer(value)


@SETTINGS
@given(value=TEXT)
def test_check_logistics_names_the_meeting_time_it_cannot_read(value):
    try:
        report = check_logistics(value)
    except ValueError as err:  # never a TypeError for text, never another parameter's name
        assert re.match(r"meeting_at (must be a date|needs a time of day)", str(err)), str(err)
    else:
        check_report(report, "")


@SETTINGS
@given(log=TEXT, interview_on=TEXT)
def test_audit_contact_log_refuses_text_for_a_table(log, interview_on):
    with pytest.raises(TypeError, match=r"^the contact log must be a pandas DataFrame \(or a list of dicts\)"):
        audit_contact_log(log, interview_on)


#: a row the audit reads, and what its error must start with when one field of it holds arbitrary text
VALID_ROW = {"date": "2026-03-04", "channel": "email", "kind": "share", "replied": True}
FIELD_PROBLEM = {"date": r"contact log row 1: (the date is empty|date must be a date)",
                 "channel": r"contact log row 1: channel ",
                 "kind": r"unknown kind of contact: row 1 has ",
                 "replied": r"contact log row 1: replied must be True or False"}


@pytest.mark.parametrize("field", list(FIELD_PROBLEM))
@SETTINGS
@given(value=TEXT)
def test_audit_contact_log_names_the_row_and_field_it_cannot_read(field, value):
    try:
        report = audit_contact_log([{**VALID_ROW, field: value}], "2026-03-02")
    except ValueError as err:
        assert re.match(FIELD_PROBLEM[field], str(err)), str(err)
    else:
        check_report(report, "")


def test_importing_the_scorers_loads_no_plotting_widgets_or_pandas():
    code = (
        "import sys, infoview_lib\n"
        "from infoview_lib import score_request, score_questions, score_thank_you, score_notes\n"
        "score_request('We met at the conference. Would 20 minutes suit you?')\n"
        "score_thank_you('Thank you!'); score_notes('Fine.'); score_questions(['How?'], 5)\n"
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'pandas') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"loaded: {out.stdout.strip()}"
