"""The report layout every view shares: a summary with a meter, the Next step, one line per item.

A student should take feedback in at a glance: the one or two unmet items that matter most
(by the advice registry's priority) first, each with its short title and how to fix it, then
one line per advice item that opens on the details. Checked on the HTML (notebooks, widgets,
the prep sheet, nbgrader feedback) and on the text (``infoview score``).
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from infoview_lib.advice import ADVICE
from infoview_lib.render import NEXT_STEP_LIMIT, message, next_steps, report_html, report_text
from infoview_lib.report import Finding, Report
from infoview_lib.rules.request import score_request

WEAK_DRAFT = "Hello, I am looking for a job. Are there any openings at your library? Reply by Friday."
GOOD_DRAFT = (
    "Dear Ms. Alvarez, Professor Chen suggested I contact you. I read your report on oral-history "
    "digitisation and would love to learn how you choose which collections to digitise first. Would you "
    "have 20 minutes for a short conversation? I completely understand if your schedule doesn't allow it. "
    "Thank you, Priya"
)
HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)> & \"quotes\" </div></li>"
#: the elements the renderer writes; anything else in the tree came from student text
OUR_TAGS = {"div", "style", "p", "strong", "meter", "ol", "li", "span", "figure", "figcaption", "mark",
            "ul", "details", "summary", "code"}


def failing(*advice_ids: str, text: str | None = None, spans=()) -> Report:
    """A report in which every one of ``advice_ids`` is not met (in the order given)."""
    return Report("request", [Finding(a, False, 0.0, 1.0, f"Fix {a}.", spans) for a in advice_ids], text)


def parse(fragment: str) -> ET.Element:
    """The HTML as an element tree: it must be well-formed (every tag closed, every entity known)."""
    return ET.fromstring(fragment)


def next_step_ids(fragment: str) -> list[str]:
    block = parse(fragment).find(".//*[@class='iv-next']")
    return [li.get("data-advice") for li in block.iter("li")]


def item_lines(fragment: str) -> list[ET.Element]:
    return list(parse(fragment).find(".//ul[@class='iv-items']"))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


# -- the Next step ----------------------------------------------------------------------------------
def test_next_step_lists_at_most_two_unmet_items_in_registry_priority_order():
    # given in inventory order; the registry ranks the job ask first, then pressure, then the rest
    ids = ("request.connection", "request.specific_topics", "request.brief", "request.respectful",
           "request.concise", "job.no_job_ask")
    report = failing(*ids)
    expected = ADVICE.by_priority(list(ids))[:NEXT_STEP_LIMIT]
    assert NEXT_STEP_LIMIT == 2 and expected == ["job.no_job_ask", "request.respectful"]
    assert [f.advice_id for f in next_steps(report)] == expected
    assert next_step_ids(report_html(report)) == expected
    block = report_text(report).split("Next step\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == [f"  1. {ADVICE['job.no_job_ask'].title}: Fix job.no_job_ask.",
                     f"  2. {ADVICE['request.respectful'].title}: Fix request.respectful."]


def test_next_step_moves_on_when_the_first_item_is_fixed():
    report = failing("request.concise", "request.connection", "job.no_job_ask")
    assert next_step_ids(report_html(report)) == ["job.no_job_ask", "request.connection"]
    fixed = Report("request", [f if f.advice_id != "job.no_job_ask" else Finding(f.advice_id, True, 1, 1, "ok")
                               for f in report.findings])
    assert next_step_ids(report_html(fixed)) == ["request.connection", "request.concise"]
    only_one = failing("request.concise")
    assert next_step_ids(report_html(only_one)) == ["request.concise"]


def test_no_next_step_when_every_item_is_met():
    report = score_request(GOOD_DRAFT)
    assert report.passed and next_steps(report) == []
    fragment = report_html(report)
    assert next_step_ids(fragment) == []
    assert "Next step</strong>: none. Every advice item is met." in fragment
    assert "<mark>" not in fragment and "Your text, as checked:" in fragment
    assert "Next step: none. Every advice item is met." in report_text(report)
    assert "\n  1. " not in report_text(report)


def test_a_real_weak_draft_names_the_job_ask_first_and_highlights_its_phrase():
    report = score_request(WEAK_DRAFT)
    first = next_steps(report)[0]
    assert first.advice_id == "job.no_job_ask"
    fragment = report_html(report)
    steps = parse(fragment).find(".//*[@class='iv-next']")
    first_li = steps.find(".//li")
    assert first_li.find("strong").text == ADVICE["job.no_job_ask"].title
    assert text_of(first_li).startswith(f"{ADVICE['job.no_job_ask'].title}: {message(first)}")
    marked = [text_of(m) for m in parse(fragment).iter("mark")]
    assert "Are there any openings" in marked  # highlighted in the draft shown under the Next step
    assert text_of(parse(fragment).find(".//div[@class='iv-text']")) == WEAK_DRAFT
    # only the Next step's phrases are marked in the draft
    step_phrases = {WEAK_DRAFT[a:b] for f in next_steps(report) for a, b in f.spans}
    assert set(marked) <= step_phrases


# -- one line per item -------------------------------------------------------------------------------
def test_every_item_is_one_expandable_line_with_symbol_word_title_and_points():
    report = score_request(WEAK_DRAFT)
    lines = item_lines(report_html(report))
    assert [li.get("data-advice") for li in lines] == report.advice_ids
    for li, finding in zip(lines, report.findings):
        details = li.find("details")
        summary = details.find("summary")
        assert li.find("details") is li[0] and summary is details[0]  # <summary> opens it, by keyboard too
        shown = " ".join(text_of(summary).split())
        word = "not met" if not finding.passed else "met"
        unit = "point" if finding.max_points == 1 else "points"
        assert shown == (f"{finding.symbol} {word}: {ADVICE[finding.advice_id].title} "
                         f"({finding.points:g}/{finding.max_points:g} {unit})")
        assert summary.find("span").get("aria-hidden") == "true"  # the word, not the symbol, is read out
        opened = " ".join(text_of(details.find("div")).split())
        advice = ADVICE[finding.advice_id]
        assert f"The advice: {advice.summary}" in opened and f"Source: {advice.source}" in opened


def test_each_short_title_appears_once_per_block():
    report = score_request(WEAK_DRAFT)
    root = parse(report_html(report))
    text = report_text(report)
    in_next = [ADVICE[f.advice_id].title for f in next_steps(report)]
    html_next = [li.find("strong").text for li in root.find(".//*[@class='iv-next']").iter("li")]
    html_lines = [text_of(summary) for summary in root.iter("summary")]
    text_next = [line for line in text.split("Every advice item\n")[0].splitlines() if re.match(r"  \d\. ", line)]
    text_lines = text.split("Every advice item\n", 1)[1].splitlines()
    assert html_next == in_next and len(text_next) == len(in_next)
    for finding in report.findings:
        title = ADVICE[finding.advice_id].title
        assert sum(title in line for line in html_lines) == 1, title
        assert sum(title in line for line in text_lines) == 1, title
        assert sum(line.startswith(f"  {n}. {title}:") for n, line in enumerate(text_next, 1)) == (title in in_next)


def test_nothing_is_said_twice():
    report = score_request(WEAK_DRAFT)
    fragment = report_html(report)
    visible = parse(fragment)
    for finding in report.findings:
        advice = ADVICE[finding.advice_id]
        assert f"(Advice {finding.advice_id}:" not in fragment  # the rules' restatement is not shown
        assert fragment.count(advice.summary.replace('"', "&quot;").replace("'", "&#x27;")) == 1
        said = message(finding)
        if said:  # shown once: in the Next step, or else in the item's details
            assert text_of(visible).count(said) == 1, finding.advice_id
    assert "(Advice " not in report_text(report, details=True)


def test_summary_line_counts_met_items_with_a_meter_that_is_not_colour_alone():
    report = failing("job.no_job_ask", "request.concise")
    report.findings.append(Finding("request.brief", True, 1.0, 1.0, "Short ask."))
    root = parse(report_html(report))
    summary = root.find(".//p[@class='iv-summary']")
    assert " ".join(text_of(summary).split()).startswith("Request: 1 of 3 advice items met")
    meter = summary.find("meter")
    assert (meter.get("min"), meter.get("max"), meter.get("value")) == ("0", "3", "1")
    assert meter.get("aria-label") == "advice items met" and meter.text == "1 of 3"
    assert report_text(report).splitlines()[0] == "request: 1 of 3 advice items met [###-------] 1/3 points"


def test_details_have_a_visible_keyboard_focus_ring():
    fragment = report_html(score_request(WEAK_DRAFT))
    style = parse(fragment).find("style").text
    assert re.search(r"\.iv-report summary:focus-visible\{outline:3px solid #[0-9a-f]{6}", style)


# -- escaping --------------------------------------------------------------------------------------
@pytest.mark.parametrize("draft", [HOSTILE, HOSTILE + " Are there any openings? " + HOSTILE])
def test_student_text_is_escaped_and_the_html_stays_well_formed(draft):
    report = score_request(draft)
    hostile = Finding("job.no_job_ask", False, 0.0, 1.0, "Remove <b>this</b>.", ((0, len(draft)),))
    shown = report_html(Report("request", [hostile], draft))
    for fragment in (report_html(report), shown, report_html(Report("request", [hostile], draft), show_text=False)):
        root = parse(fragment)  # raises on a stray tag
        assert {el.tag for el in root.iter()} <= OUR_TAGS  # no element came from the student's text
        assert "<script" not in fragment and "<img" not in fragment and "<b>" not in fragment
    # the draft (highlighted) and the quoted phrase: the student's characters, escaped
    root = parse(shown)
    assert text_of(root.find(".//mark")) == draft
    assert f"(you wrote \u201c{draft}\u201d)" in text_of(root.find(".//*[@class='iv-next']//li"))
    assert "&lt;script&gt;" in shown and "&amp; &quot;quotes&quot;" in shown


def test_no_findings_says_so():
    report = Report("notes")
    assert "nothing was checked yet" in report_html(report)
    parse(report_html(report))
    assert "Next step: nothing was checked yet." in report_text(report)


# -- quiz verdicts, dates and the follow-up schedule: one renderer for every view ---------------

def test_a_quiz_verdict_says_it_once_with_a_symbol_and_words():
    from infoview_lib.quiz import quiz_question
    from infoview_lib.render import quiz_verdict_html, quiz_verdict_text

    question = quiz_question("describe-it")
    right, wrong = question.correct_option, next(o for o in question.options if not o.correct)
    assert quiz_verdict_text(right) == f"\u2714 {right.explanation}" and right.explanation.startswith("Right.")
    assert quiz_verdict_text(wrong) == f"\u2718 {wrong.explanation}" and wrong.explanation.startswith("No.")
    assert quiz_verdict_html(wrong) == (
        f"<p role='status'><span aria-hidden='true'>\u2718</span> {html.escape(wrong.explanation)}</p>")


def test_schedule_table_has_a_row_per_action_with_its_date_in_words_and_advice_id():
    import datetime as dt

    from infoview_lib.render import date_text, schedule_html
    from infoview_lib.rules.follow_up import plan_follow_up

    schedule = plan_follow_up("2026-03-18")
    table = schedule_html(schedule)
    assert table.startswith("<table class='iv-schedule'>") and table.count("<tr data-advice=") == len(schedule)
    assert "<td class='date'>Wed 18 Mar 2026</td>" in table
    for row in schedule.itertuples(index=False):
        assert f"<tr data-advice='{row.advice_id}'>" in table and html.escape(row.action) in table
    assert date_text(dt.datetime(2026, 3, 18, 14, 5)) == "Wed 18 Mar 2026, 14:05"
    assert date_text(None) == "not planned yet"
