"""Feedback a student takes in at a glance, in JupyterLab, and no news prompt over the course.

The request coach shows the Next step first: the unmet item that matters most by the advice
registry's priority, by its short title, with the phrase behind it highlighted in the draft.
When the student fixes it, the Next step moves on. Every advice item's line opens with the
keyboard. JupyterLab, started as ``make lab`` starts it, never asks "Would you like to get
notified about official Jupyter news?" and asks the server for no news.
"""
from __future__ import annotations

import json

from playwright.sync_api import expect

from infoview_lib.advice import ADVICE
from infoview_lib.render import next_steps
from infoview_lib.rules.request import score_request
from browser_group import SHARED_SERVER_TESTS  # tests/e2e/browser_group.py

pytestmark = SHARED_SERVER_TESTS  # browser_group.py: one worker starts the shared servers

REQUEST_LESSON = "02_making_the_request.ipynb"
#: a draft that asks for a job (and has other gaps)
WEAK = "Hello Ms Rivera, I am looking for a job. Could you tell me how your team runs its oral-history project?"
JOB_ASK = "I am looking for a job"
#: the same draft with the job ask taken out
FIXED = WEAK.replace(f" {JOB_ASK}.", "")
NEWS_PROMPT = "official Jupyter news"
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"


def test_the_next_step_names_the_most_important_unmet_item_and_moves_on_once_it_is_fixed(lessons):
    lesson = lessons.lab(REQUEST_LESSON)
    coach = lesson.widget("request_coach()")
    draft = coach.get_by_label("Your request")
    steps = coach.locator(".iv-next li")
    first = steps.first

    before = [f.advice_id for f in next_steps(score_request(WEAK))]
    assert before[0] == "job.no_job_ask"  # the registry ranks a job ask first
    draft.fill(WEAK)
    expect(steps).to_have_count(len(before))
    expect(first).to_have_attribute("data-advice", "job.no_job_ask")
    expect(first.locator("strong")).to_have_text(ADVICE["job.no_job_ask"].title)
    expect(coach.locator(".iv-text mark", has_text=JOB_ASK)).to_be_visible()  # the phrase, in the draft

    after = [f.advice_id for f in next_steps(score_request(FIXED))]
    assert "job.no_job_ask" not in after
    draft.fill(FIXED)
    expect(first).to_have_attribute("data-advice", after[0])
    expect(first.locator("strong")).to_have_text(ADVICE[after[0]].title)
    expect(coach.locator(".iv-next")).not_to_contain_text(ADVICE["job.no_job_ask"].title)
    job_line = coach.locator('ul.iv-items > li[data-advice="job.no_job_ask"]')
    expect(job_line.locator(".iv-word")).to_have_text("met")
    expect(coach.locator(".iv-text mark", has_text=JOB_ASK)).to_have_count(0)


def test_an_advice_line_opens_with_the_keyboard_and_shows_a_focus_ring(lessons):
    lesson = lessons.lab(REQUEST_LESSON)
    coach = lesson.widget("request_coach()")
    draft = coach.get_by_label("Your request")
    page = lesson.page
    draft.fill(WEAK)
    # the feedback on this draft, not on the one an earlier test left (its panel is replaced when
    # this one's arrives, which would close a line opened before)
    expect(coach.locator(".iv-text mark", has_text=JOB_ASK)).to_be_visible()
    expect(coach.locator("ul.iv-items summary").first).to_be_visible()

    draft.focus()
    for _ in range(10):  # Tab from the draft (past the channel menu) to the first line of the feedback
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.tagName === 'SUMMARY'"):
            break
    summary = page.locator("summary:focus")
    expect(summary).to_have_count(1)
    ring = summary.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
    assert ring[0] != "none" and ring[1] != "0px", ring
    # the focused line's <details>, found by its advice id (not through the focus, which Enter may move)
    advice = summary.evaluate("el => el.closest('li[data-advice]').dataset.advice")
    details = coach.locator(f"ul.iv-items > li[data-advice='{advice}'] details").first
    assert details.get_attribute("open") is None
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(details.locator(".iv-detail")).to_be_visible()
    expect(details.locator(".iv-detail")).to_contain_text("Source:")
    expect(draft).to_have_value(WEAK)  # the keys went to the feedback, not into the draft


def test_jupyterlab_opens_without_the_news_prompt(lab_server, browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        asked = []
        page.on("request", lambda request: asked.append(request.url) if "/lab/api/news" in request.url else None)
        # a fresh workspace: JupyterLab itself, no notebook (and no kernel) to wait for
        page.goto(lab_server.url("lab/workspaces/e2e-news", reset=None))
        page.locator("#jp-main-dock-panel").wait_for(state="visible", timeout=60_000)
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        assert ANNOUNCEMENTS in config["disabledExtensions"]  # the kit's own config, as `make lab` uses
        page.wait_for_timeout(3000)  # the prompt, when enabled, appears as soon as the app is restored
        expect(page.get_by_text(NEWS_PROMPT)).to_have_count(0)
        assert asked == []
    finally:
        context.close()
