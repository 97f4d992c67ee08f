"""A student works with the coaching widgets in JupyterLab, and their work is kept.

Each test drives a lesson that was opened and run (shared with the lesson's run-all test, see
``Lessons`` in conftest.py), so it never assumes an empty widget: it compares with what the
page showed before acting. What the student sees is checked in the page; what was saved is
checked in the work folder the server's kernels write to (``$INFOVIEW_WORK_DIR``).
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import re
import secrets
from pathlib import Path

from playwright.sync_api import expect
from browser_group import SHARED_SERVER_TESTS  # tests/e2e/browser_group.py

pytestmark = SHARED_SERVER_TESTS  # browser_group.py: one worker starts the shared servers

REQUEST_LESSON = "02_making_the_request.ipynb"
QUESTIONS_LESSON = "03_dont_ask_for_a_job.ipynb"
PREP_LESSON = "04_before_and_during.ipynb"
AFTER_LESSON = "05_afterward.ipynb"
CAPSTONE = "06_capstone_my_interview_plan.ipynb"

#: a request with a connection, homework and one topic, but no bound on the time it asks for
UNBOUNDED = (
    "Dear Ms Rivera, we met at the state library conference last month, where you spoke about your "
    "community archive. I read your article on oral-history interviews. Could I ask you how you "
    "train your volunteers?"
)
#: what the student adds so the request is brief (request.brief)
TIME_BOUND = " Would you have 20 minutes for a short video call? I understand if you are too busy."


def finding(widget, advice_id: str):
    """A finding's line as the feedback panel lists it: symbol, met / not met, short title, points
    (it opens on the details)."""
    return widget.locator(f'ul.iv-items > li[data-advice="{advice_id}"]')


def expect_met(item) -> None:
    expect(item.locator(".iv-word")).to_have_text("met")


def expect_not_met(item) -> None:
    expect(item.locator(".iv-word")).to_have_text("not met")


def test_request_coach_feedback_changes_as_the_student_types(lessons):
    lesson = lessons.lab(REQUEST_LESSON)
    coach = lesson.widget("request_coach()")
    draft = coach.get_by_label("Your request")
    draft.fill(UNBOUNDED)
    brief = finding(coach, "request.brief")
    expect_not_met(brief)

    # type the missing sentence key by key, as a student does: no keystroke is taken by JupyterLab
    draft.press("Control+End")
    draft.press_sequentially(TIME_BOUND)
    expect_met(brief)
    expect(draft).to_have_value(UNBOUNDED + TIME_BOUND)
    # the evidence the library found is quoted in the item's details
    from infoview_lib import score_request

    text = UNBOUNDED + TIME_BOUND
    for start, end in score_request(text).finding("request.brief").spans:
        expect(brief.locator("details .iv-detail")).to_contain_text(f"\u201c{text[start:end]}\u201d")

    saved = lesson.wait_for_saved("request", lambda data: data.get("text") == UNBOUNDED + TIME_BOUND)
    assert saved["channel"] == "email"


def test_request_coach_can_be_used_with_the_keyboard_alone(lessons):
    lesson = lessons.lab(REQUEST_LESSON)
    coach = lesson.widget("request_coach()")
    draft = coach.get_by_label("Your request")
    page = lesson.page

    # focus the cell's output where the coach starts (its title), then only the keyboard
    coach.locator("h4").first.click()
    for _ in range(8):
        if draft.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert draft.evaluate("el => el === document.activeElement"), "Tab never reached the request text box"

    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    expect(draft).to_have_value("")
    expect(coach.locator(".iv-report")).to_have_count(0)  # nothing to score yet
    typed = "Dear Mr Osei, could we talk for 20 minutes about your library's reading programme?"
    page.keyboard.type(typed)
    expect(draft).to_have_value(typed)
    expect_met(finding(coach, "request.brief"))
    expect(coach.locator(".iv-text")).to_have_text(typed)  # the feedback scores exactly what was typed


def test_question_planner_adds_and_removes_a_question(lessons):
    lesson = lessons.lab(QUESTIONS_LESSON)
    planner = lesson.widget("question_planner()")
    remove = planner.get_by_role("button", name="Remove")
    before = remove.count()
    question = f"How does your team decide which donated collections to digitise first? ({secrets.token_hex(3)})"

    planner.get_by_label("New question").fill(question)
    planner.get_by_role("button", name="Add question").click()
    expect(remove).to_have_count(before + 1)
    expect(planner.get_by_label(f"{before + 1}.", exact=True)).to_have_value(question)
    expect(planner.get_by_label("New question")).to_have_value("")
    expect(planner.locator(".iv-text")).to_contain_text(question)  # the feedback now covers it
    lesson.wait_for_saved("questions", lambda data: question in data["questions"])

    remove.nth(before).click()
    expect(remove).to_have_count(before)
    expect(planner.locator(".iv-report")).not_to_contain_text(question)
    lesson.wait_for_saved("questions", lambda data: question not in data["questions"])


def test_checklist_ticks_show_progress(lessons):
    from infoview_lib.checklist import CHECKLIST

    item_id = {item.text: item.id for item in CHECKLIST}
    lesson = lessons.lab(PREP_LESSON)
    checklist = lesson.widget("prep_checklist(")
    progress = checklist.get_by_text(re.compile(r"^\d+ of \d+ done$"))
    done, total = map(int, re.findall(r"\d+", progress.text_content()))
    unticked = checklist.locator("label:has(input[type=checkbox]:not(:checked))")
    assert unticked.count() >= 2, "the checklist needs two unticked items for this test"
    first, second = (unticked.nth(i).text_content().strip() for i in (0, 1))

    checklist.get_by_label(first).check()
    expect(progress).to_have_text(f"{done + 1} of {total} done")
    checklist.get_by_label(second).check()
    expect(progress).to_have_text(f"{done + 2} of {total} done")
    checklist.get_by_label(second).uncheck()
    expect(progress).to_have_text(f"{done + 1} of {total} done")

    lesson.wait_for_saved(
        "checklist", lambda data: item_id[first] in data["ticked"] and item_id[second] not in data["ticked"]
    )


def test_follow_up_planner_shows_schedule_plot_and_calendar_file(lessons):
    from infoview_lib.calendar import follow_up_ics
    from infoview_lib.plots import describe_follow_up_timeline
    from infoview_lib.render import date_text
    from infoview_lib.rules.follow_up import plan_follow_up

    lesson = lessons.lab(AFTER_LESSON)
    planner = lesson.widget("follow_up_planner()")
    interview_on = dt.date(2026, 3, 10)
    planner.get_by_label("Interview date").fill(interview_on.isoformat())

    plan = plan_follow_up(interview_on)  # what the widget must show, from the library itself
    table = planner.locator("table.iv-schedule")
    expect(table.locator("tbody tr")).to_have_count(len(plan))
    first_date = date_text(dt.date.fromisoformat(str(plan["date"].iloc[0])[:10]))  # "Tue 10 Mar 2026"
    expect(table).to_contain_text(first_date)
    plot = planner.locator(".widget-output img")
    expect(plot).to_be_visible()
    assert plot.evaluate("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 50")
    expect(planner).to_contain_text(describe_follow_up_timeline(plan))  # the plot's text description

    with lesson.page.expect_download() as download:
        planner.get_by_role("link", name=re.compile("calendar file")).click()
    assert download.value.suggested_filename.endswith(".ics")
    ics = Path(download.value.path()).read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert ics.count(b"BEGIN:VEVENT") == follow_up_ics(plan).count(b"BEGIN:VEVENT") > 0
    lesson.wait_for_saved("follow_up", lambda data: data.get("interview_on") == interview_on.isoformat())


def test_download_my_work_gives_a_file_with_what_was_typed(lessons):
    lesson = lessons.lab(CAPSTONE)
    coach = lesson.widget("request_coach()")
    text = UNBOUNDED + TIME_BOUND + f" Reference {secrets.token_hex(4)}."
    coach.get_by_label("Your request").fill(text)
    lesson.wait_for_saved("request", lambda data: data.get("text") == text)

    saver = lesson.widget("work_saver()")
    link = saver.get_by_role("link", name=re.compile("Download my work"))
    old_href = link.get_attribute("href")
    saver.get_by_role("button", name="Prepare download").click()
    expect(link).not_to_have_attribute("href", old_href)  # packed again, with the new draft

    with lesson.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "infoview-my-work.json"
    bundle = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert bundle["format"] == "infoview-work-bundle"
    assert bundle["entries"]["request"]["text"] == text
    # the link carries the same file (a data: URI, so it also works on Binder)
    href = link.get_attribute("href")
    assert json.loads(base64.b64decode(href.split(",", 1)[1])) == bundle


def test_entries_come_back_after_reload_and_kernel_restart(lessons):
    lesson = lessons.lab(CAPSTONE)
    text = UNBOUNDED + f" Reference {secrets.token_hex(4)}."
    question = f"What surprised you most in your first year? ({secrets.token_hex(3)})"
    interview_on = "2026-04-21"

    lesson.widget("request_coach()").get_by_label("Your request").fill(text)
    planner = lesson.widget("question_planner()")
    planner.get_by_label("New question").fill(question)
    planner.get_by_role("button", name="Add question").click()
    lesson.widget("follow_up_planner()").get_by_label("Interview date").fill(interview_on)
    lesson.wait_for_saved("request", lambda data: data.get("text") == text)
    lesson.wait_for_saved("questions", lambda data: question in data["questions"])
    lesson.wait_for_saved("follow_up", lambda data: data.get("interview_on") == interview_on)

    lesson.reload()
    assert lesson.page.locator(".jp-OutputArea-output .jupyter-widgets").count() == 0  # outputs were not saved
    lesson.restart_kernel()
    lesson.run_all()
    first_code = next(i for i, cell in enumerate(lesson.cells) if cell["cell_type"] == "code")
    expect(lesson.cell(first_code).locator(".jp-InputArea-prompt")).to_have_text("[1]:")  # a fresh kernel

    expect(lesson.widget("request_coach()").get_by_label("Your request")).to_have_value(text)
    planner = lesson.widget("question_planner()")
    expect(planner.locator(".iv-text")).to_contain_text(question)
    assert question in planner.locator("input[type=text]").evaluate_all("inputs => inputs.map(i => i.value)")
    follow_up = lesson.widget("follow_up_planner()")
    expect(follow_up.get_by_label("Interview date")).to_have_value(interview_on)
    expect(follow_up.locator("table.iv-schedule")).to_be_visible()
