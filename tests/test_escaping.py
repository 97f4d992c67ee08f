"""Every field a student types reaches HTML escaped: the highlighter, the report renderer, the prep
sheet (request, channel, questions, topics, title, the problems of saved entries) and the widgets.

Each field gets markup (a script, an event handler, an unknown tag, a comment, a bare ``<``); the
page must then hold only the kit's own tags and attributes (``html_checks``) and show the
student's text as text.
"""
from __future__ import annotations

import html
import re

import pytest

from html_checks import MARKUP, assert_only_kit_markup
from infoview_lib import audit_contact_log, score_notes, score_questions, score_request, score_thank_you
from infoview_lib.capstone import InterviewPlan, plan_from_store, prep_sheet_html, sheet_preview_html
from infoview_lib.render import highlight, next_steps, report_html
from infoview_lib.work_store import WorkStore

SCRIPT, HANDLER = MARKUP[0], MARKUP[1]
ASK = "Are there any openings?"


def marked(rendered: str) -> tuple[str, list[str]]:
    """(the text shown, the marked phrases) of highlight()'s output: the kit's <mark> tags are the only
    literal tags in it, so splitting on them and unescaping the pieces gives back what was shown."""
    pieces = re.split(r"<mark>|</mark>", rendered)
    assert len(pieces) % 2 == 1 and "<" not in "".join(pieces), rendered
    return "".join(html.unescape(p) for p in pieces), [html.unescape(p) for p in pieces[1::2]]


# -- the highlighter ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase", [
    (f"{SCRIPT}{ASK} Thanks.", ASK),                      # markup just before the phrase
    (f"Hello. {ASK}{HANDLER} Thanks.", ASK),              # markup just after
    (f"Hello. Are there {HANDLER} any openings? Bye", f"Are there {HANDLER} any openings?"),  # inside it
    (f"{SCRIPT}", "<script>"),                            # the phrase is markup
    ("x<y", "<"),                                         # a bare '<'
])
def test_highlighted_phrases_next_to_or_holding_markup_stay_text(text, phrase):
    a = text.index(phrase)
    rendered = highlight(text, [(a, a + len(phrase))])
    assert_only_kit_markup(rendered, text)
    shown, phrases = marked(rendered)
    assert shown == text and phrases == [phrase]


def test_overlapping_spans_around_markup_merge_into_one_highlight():
    text = f"{SCRIPT}{HANDLER} end"
    s, h = len(SCRIPT), len(SCRIPT) + len(HANDLER)
    shown, phrases = marked(highlight(text, [(0, s), (s - 3, h), (h + 1, len(text))]))
    assert shown == text and phrases == [text[:h], "end"]


# -- the report renderer, on every scorer ------------------------------------------------------------------

def _with_markup(sentence: str) -> str:
    return " ".join(MARKUP[:2]) + f" {sentence} " + " ".join(MARKUP[2:])


@pytest.mark.parametrize("report", [
    lambda: score_request(_with_markup(f"We met at the conference. {ASK} Could we talk for 20 minutes?")),
    lambda: score_thank_you(_with_markup("Thank you! Please keep me in mind if a position opens up."),
                            interview_on="2026-03-10", sent_on="2026-03-11"),
    lambda: score_notes(_with_markup("The director there is incompetent.")),
    lambda: score_questions([_with_markup("Are you hiring?"), f"How do you plan {SCRIPT}?"], 20,
                            topics=[HANDLER, "<first> things"]),
], ids=["request", "thank-you", "notes", "questions"])
def test_the_report_shows_student_markup_as_text(report):
    report = report()
    assert report.failed and any(f.spans for f in report.failed)  # phrases quoted and highlighted
    page = report_html(report)
    assert_only_kit_markup(page, *MARKUP)
    assert "<mark>" in page and "\u201c" in page  # the highlight and the quoted evidence are there
    assert_only_kit_markup(report_html(report, show_text=False))


def test_a_contact_log_report_shows_the_channels_typed_in_it_as_text():
    """The contact log's messages name the channel as typed; the item lines show them escaped."""
    log = [{"date": "2026-03-03", "channel": HANDLER, "kind": "thanks", "replied": False},
           {"date": "2026-03-04", "channel": SCRIPT, "kind": "thanks", "replied": False}]
    report = audit_contact_log(log, "2026-03-02")
    handwritten = report.finding("after.handwritten")
    assert not handwritten.passed and HANDLER.lower() in handwritten.message
    assert handwritten not in next_steps(report)  # shown in its own item line, not in the Next step
    assert_only_kit_markup(report_html(report), HANDLER.lower(), SCRIPT)


# -- the prep sheet ------------------------------------------------------------------------------------------

def test_every_field_of_the_prep_sheet_shows_markup_as_text():
    plan = InterviewPlan(
        title=f"My plan {SCRIPT}",
        request_text=_with_markup("We met at the conference. Could we talk for 20 minutes? I understand if not."),
        channel="email",
        questions=[_with_markup("How do you plan your year?"), f"What about {HANDLER}?"],
        minutes=20,
        topics=[SCRIPT, f"metadata {HANDLER}", "<first>"],
        meeting_at="2026-03-18T14:00",
        problems=[f"'request' (channel must be one of 'email', not '{HANDLER}')"],
    )
    sheet = prep_sheet_html(plan)
    assert_only_kit_markup(sheet, *MARKUP, f"My plan {SCRIPT}", f"What about {HANDLER}?")
    assert f"Agreed topics: {html.escape(SCRIPT)}, metadata {html.escape(HANDLER)}, &lt;first&gt;" in sheet
    assert_only_kit_markup(sheet_preview_html(plan), *MARKUP)


def test_saved_entries_with_markup_reach_the_sheet_as_text(tmp_path):
    """The channel and the entries the sheet cannot read reach it only as problems: escaped too."""
    store = WorkStore(tmp_path)
    store.save("request", {"text": f"Dear Ms Ruiz, {SCRIPT}", "channel": HANDLER})
    store.save("questions", {"questions": [f"How {SCRIPT}?"], "minutes": 20, "topics": f"{HANDLER}, <first>"})
    store.save("logistics", {"meeting_at": SCRIPT})
    plan = plan_from_store(store)
    assert len(plan.problems) == 2 and plan.topics == (HANDLER, "<first>")
    sheet = prep_sheet_html(plan)
    assert_only_kit_markup(sheet, HANDLER, SCRIPT, "<first>", f"How {SCRIPT}?")
    assert html.escape(HANDLER) in sheet and html.escape(SCRIPT) in sheet


# -- the widgets -------------------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    return WorkStore(tmp_path / "my_work", autosave_delay=0.05)


def test_the_request_and_thank_you_coaches_show_markup_as_text(store):
    from infoview_lib.widgets import request_coach
    from infoview_lib.widgets.thank_you_coach import thank_you_coach

    coach = request_coach(store=store)
    coach.text_area.value = _with_markup(f"We met at the conference. {ASK}")
    assert_only_kit_markup(coach.feedback.value, *MARKUP)
    assert "<mark>" in coach.feedback.value
    thanks = thank_you_coach(store=store)
    thanks.text_area.value = _with_markup("Thank you! Please keep me in mind for openings.")
    assert_only_kit_markup(thanks.feedback.value, *MARKUP)


def test_the_question_planner_shows_questions_and_topics_with_markup_as_text(store):
    from infoview_lib.widgets import question_planner

    planner = question_planner(store=store)
    for question in (f"How do you plan {SCRIPT}?", f"Are you hiring? {HANDLER}"):
        planner.new_question.value = question
        planner.add_button.click()
    planner.topics.value = f"{HANDLER}, <first>"
    assert_only_kit_markup(planner.feedback.value, f"How do you plan {SCRIPT}?")
    assert_only_kit_markup(planner.same_as.value)
    assert html.escape(HANDLER, quote=False) in planner.same_as.value and "<first>" not in planner.same_as.value


def test_the_follow_up_planner_restores_a_log_with_markup_as_text(store):
    from infoview_lib.widgets import follow_up_planner

    store.save("follow_up", {"interview_on": "2026-03-02", "log": [
        {"date": "2026-03-03", "channel": HANDLER, "kind": SCRIPT, "replied": False}]})
    planner = follow_up_planner(store=store)
    for shown in (planner.feedback.value, planner.status.value, planner.schedule.value):
        assert_only_kit_markup(shown)
