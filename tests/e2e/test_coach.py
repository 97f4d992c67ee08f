"""The coach app (``infoview coach``) in a real browser, as a career-centre visitor uses it:
no code on the page, feedback as they type, tabs that keep their text, the question planner,
the calendar file, the keyboard alone, and nothing left on the server after the session."""
from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest

from coach_server import CoachServer  # tests/e2e/coach_server.py (also used by benchmarks/bench_coach.py)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LOAD_TIMEOUT = 60_000  # ms: a page's kernel starts and runs the app before anything shows

DRAFT_WITHOUT_OUT = (
    "Dear Ms. Alvarez, Professor Chen suggested I contact you after our seminar on community archives. "
    "I read your report on oral-history digitisation and would love to learn how your team chooses "
    "collections to digitise. Would you have 20 minutes for a short call in the next few weeks?"
)
GRACEFUL_OUT = " I completely understand if your schedule doesn't allow it."


@pytest.fixture(scope="module")
def coach_server(tmp_path_factory, browser):
    # closed pages' kernels are culled after 20 idle seconds here (2 minutes in real use), so the
    # session-folder test need not wait long. Not less: a kernel runs the app before its page
    # connects, and is unconnected (cullable) until then. Each test opens a new page: the next kernel
    # is started (and the app run in it) as soon as a page takes the waiting one, not 20 s later as
    # for visitors, so every test's page finds one waiting.
    server = CoachServer(tmp_path_factory.mktemp("coach"), voila_args=(
        "--MappingKernelManager.cull_idle_timeout=20", "--MappingKernelManager.cull_interval=2",
        "--VoilaKernelManager.fill_delay=0"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
        # the server's log, for a failure report (test-artifacts/ is git-ignored; CI keeps it)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "coach-server.log").write_text(server.log_text(), encoding="utf-8")


@pytest.fixture
def app(browser, coach_server, request):
    """A fresh visitor: a new browser context and the app's page, loaded (a new kernel per page)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(coach_server.url)
    failed_before = request.session.testsfailed
    try:
        page.locator(".iv-coach-app").wait_for(state="visible", timeout=LOAD_TIMEOUT)
        yield page
    finally:
        if request.session.testsfailed > failed_before or not page.locator(".iv-coach-app").count():
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(ARTIFACTS / f"coach-{request.node.name}.png"), full_page=True)
            except Exception:  # a crashed page must not hide the real failure
                pass
        context.close()


def open_tab(page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def visible_textarea(page):
    return page.locator(".iv-coach-app textarea:visible").first


def finding(page, advice_id: str):
    """The visible feedback line of one advice item (one line per item, under the Next step)."""
    return page.locator(f".iv-coach-app ul.iv-items li[data-advice='{advice_id}']:visible").first


def finding_status(page, advice_id: str) -> str:
    css = finding(page, advice_id).get_attribute("class") or ""
    return {"iv-met": "met", "iv-notmet": "not met"}.get(css.strip(), css)


def wait_for_status(page, advice_id: str, status: str) -> None:
    """Wait until the item's line says ``status`` ("met" or "not met")."""
    css = {"met": "iv-met", "not met": "iv-notmet"}[status]
    page.wait_for_function(
        f"() => [...document.querySelectorAll(\".iv-coach-app ul.iv-items li[data-advice='{advice_id}']\")]"
        f".some(li => li.classList.contains('{css}'))")


def test_page_shows_the_app_and_no_code(app):
    page = app
    assert page.get_by_role("tab").count() == 4
    assert [t.strip() for t in page.get_by_role("tab").all_inner_texts()] == ["Request", "Questions", "Thank-you", "Follow-up"]
    body = page.locator("body").inner_text()
    assert "coach_app" not in body and "import" not in body, "code is visible on the page"
    assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor, .cm-editor, .jp-InputPrompt:visible").count() == 0
    # each tab says what its advice is and where it comes from (from the registry)
    assert "Ellen Mehling" in page.locator(".iv-intro:visible").inner_text()
    assert "kept on the server" in body
    assert page.get_by_text("Download my work").first.is_visible()


def test_pages_come_from_a_kernel_started_in_advance_without_unused_extensions(browser, coach_server):
    """What makes the page quick (docs/coach.md): the first visitor's kernel was started, and the app
    run in it, when the server started; the page loads none of the JupyterLab extensions it has no
    use for (infoview_lib.cli.coach.UNUSED_LABEXTENSIONS); no animation while it loads."""
    from infoview_lib.cli.coach import UNUSED_LABEXTENSIONS

    context = browser.new_context()
    try:
        page = context.new_page()
        served = page.goto(coach_server.url)
        page.locator(".iv-coach-app textarea").first.wait_for(state="visible", timeout=LOAD_TIMEOUT)
        log = coach_server.log_text()
        assert "Using pre-heated kernel" in log
        # and that kernel was started while Voila itself was starting (infoview_lib/cli/prestarted_kernel.py)
        assert "Using the kernel started before the server" in log and "was not used" not in log
        loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
        assert any("/voila/labextensions/@jupyter-widgets/" in url for url in loaded)  # the check sees extensions
        assert not [url for url in loaded for name in UNUSED_LABEXTENSIONS if f"/labextensions/{name}/" in url]
        # the app's template: a still "starting" message while the page loads (removed once it has),
        # not Voila's animated spinner, which kept the browser busy drawing on the machine running the server
        html = served.text()
        assert 'id="loading_text">Starting the coach' in html
        assert "@keyframes" not in html and 'class="spinner"' not in html
        # nothing fetched from outside the server (Voila's own page links Font Awesome from a CDN)
        origin = coach_server.url.split("/")[2]
        assert [url for url in loaded if url.startswith("http") and url.split("/")[2] != origin] == []
        assert "cdn.jsdelivr.net" not in html
    finally:
        context.close()


def test_typing_a_draft_turns_a_finding_from_not_met_to_met(app):
    page = app
    area = visible_textarea(page)
    area.fill(DRAFT_WITHOUT_OUT)
    finding(page, "request.graceful_out").wait_for(state="visible")
    wait_for_status(page, "request.graceful_out", "not met")
    assert finding_status(page, "request.graceful_out") == "not met"
    area.press("End")
    area.type(GRACEFUL_OUT, delay=5)
    wait_for_status(page, "request.graceful_out", "met")
    assert finding_status(page, "request.graceful_out") == "met"


def test_switching_tabs_keeps_each_tabs_text(app):
    page = app
    visible_textarea(page).fill("Dear Dr. Osei, may I ask about your work?")
    open_tab(page, "Thank-you")
    visible_textarea(page).fill("Dear Dr. Osei, thank you for your time on Tuesday.")
    open_tab(page, "Questions")
    page.get_by_label("New question").fill("How did you start in archives?")
    open_tab(page, "Request")
    assert visible_textarea(page).input_value() == "Dear Dr. Osei, may I ask about your work?"
    open_tab(page, "Thank-you")
    assert visible_textarea(page).input_value() == "Dear Dr. Osei, thank you for your time on Tuesday."
    open_tab(page, "Questions")
    assert page.get_by_label("New question").input_value() == "How did you start in archives?"


def test_question_planner_adds_and_removes_a_question(app):
    page = app
    open_tab(page, "Questions")
    rows = page.locator(".iv-coach-app button:visible", has_text="Remove")
    before = rows.count()
    page.get_by_label("New question").fill("What does a typical week look like in your team?")
    page.get_by_role("button", name="Add question").click()
    page.wait_for_function(f"() => [...document.querySelectorAll('.iv-coach-app button')].filter("
                           f"b => b.offsetParent && b.textContent.trim() === 'Remove').length === {before + 1}")
    values = [box.input_value() for box in page.locator(".iv-coach-app input[type=text]:visible").all()]
    assert "What does a typical week look like in your team?" in values
    rows.last.click()
    page.wait_for_function(f"() => [...document.querySelectorAll('.iv-coach-app button')].filter("
                           f"b => b.offsetParent && b.textContent.trim() === 'Remove').length === {before}")
    values = [box.input_value() for box in page.locator(".iv-coach-app input[type=text]:visible").all()]
    assert "What does a typical week look like in your team?" not in values


def test_follow_up_tab_offers_a_calendar_file(app):
    page = app
    open_tab(page, "Follow-up")
    page.get_by_label("Interview date", exact=True).fill("2026-03-10")
    page.get_by_label("Interview date", exact=True).press("Tab")
    link = page.locator(".iv-coach-app a[download$='.ics']")
    link.wait_for(state="visible")
    # the schedule table and the timeline's text description come with it
    assert page.locator(".iv-coach-app table.iv-schedule:visible").count() == 1
    assert page.locator(".iv-coach-app img:visible").count() >= 1
    href = link.get_attribute("href")
    assert href.startswith("data:text/calendar;base64,")
    calendar = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar and "2026031" in calendar
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".ics")


def test_keyboard_only_reaches_the_draft_and_the_channel(app):
    page = app
    page.locator("body").click(position={"x": 2, "y": 2})

    def tab_until(check: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({check}); }}"):
                return
        raise AssertionError(f"Tab never reached the element ({check}); last focus: "
                             + page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)"))

    tab_until("el.tagName === 'TEXTAREA'")
    page.keyboard.type(DRAFT_WITHOUT_OUT + GRACEFUL_OUT)
    wait_for_status(page, "request.channel", "met")
    tab_until("el.tagName === 'SELECT'", limit=5)
    # a phone call: the channel advice (write, do not phone) is no longer met
    page.keyboard.press("End")
    wait_for_status(page, "request.channel", "not met")
    assert page.evaluate("() => document.activeElement.value") != ""


def test_the_session_folder_is_deleted_when_the_page_closes(browser, coach_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(coach_server.url)
    page.locator(".iv-coach-app").wait_for(state="visible", timeout=LOAD_TIMEOUT)
    page.locator(".iv-coach-app textarea:visible").first.fill("Dear Ms. Byrne, may I ask about your work?")
    sessions = lambda: [p for p in coach_server.tmp.glob("infoview-coach-*/session-*")]  # noqa: E731
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any((s / "request.json").exists() for s in sessions()):
        time.sleep(0.2)
    saved = [s for s in sessions() if (s / "request.json").exists()]
    assert saved, "the session's work was never saved in its session folder (the download would be empty)"
    # closing the tab as a browser does: Voila's page asks the server to shut its kernel down
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and any(s.exists() for s in saved):
        time.sleep(0.3)
    context.close()
    assert not any(s.exists() for s in saved), f"the session folder outlived the page: {saved}"


#: (JavaScript, run before the page's own) the time the first cell's output reaches the page: Voila
#: streams each cell once the kernel has run it, in a <div cell-index="..."> element
FIRST_CELL_TIMER = """
window.__ivFirstCellAt = null;
new MutationObserver((mutations, observer) => {
  if (document.querySelector('[cell-index]')) { window.__ivFirstCellAt = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


def test_the_page_code_loads_while_the_kernel_runs_the_app(browser, tmp_path):
    """The app's template starts Voila's page code (voila.js) as soon as the page configuration has
    arrived, not after the last cell (docs/coach.md): the browser loads it while the kernel is still
    running the app, instead of waiting idle and then loading it. A server without a waiting kernel
    makes that wait long enough to see; the code must load once, and the app still render."""
    server = CoachServer(tmp_path, voila_args=("--VoilaConfiguration.preheat_kernel=False",))
    server.start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FIRST_CELL_TIMER)
        page.goto(server.url)
        page.locator(".iv-coach-app textarea").first.wait_for(state="visible", timeout=LOAD_TIMEOUT)
        first_cell_at = page.evaluate("() => window.__ivFirstCellAt")
        page_code = page.evaluate(
            "() => performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.endsWith('/voila.js'))"
            ".map(e => e.startTime)")
        assert first_cell_at is not None
        assert len(page_code) == 1, f"voila.js was loaded {len(page_code)} times"
        assert page_code[0] < first_cell_at, (
            f"voila.js was requested {page_code[0]:.0f} ms after the page opened, after the first cell "
            f"({first_cell_at:.0f} ms): the browser waited for the kernel before loading the page code")
    finally:
        context.close()
        server.stop()


# The tests from here on start servers of their own. They come after the tests of the module's
# server, whose waiting kernel sits idle meanwhile: past that server's 20-second cull limit, a page
# that takes it can lose it before its page connects (docs/coach.md, Limits).


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not exited (a zombie waiting to be reaped has)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.parametrize("voila_args", [(), ("--Voila.base_url=/services/coach/",)], ids=["default", "hub-service"])
def test_the_kernel_started_with_the_server_stops_with_it(tmp_path, voila_args):
    """The first waiting kernel is started before Voila (infoview_lib/cli/prestarted_kernel.py) and
    taken by it, also as a JupyterHub service (docs/coach.md's base URL); stopping the server stops
    it and deletes its connection file, as for any kernel."""
    import re

    server = CoachServer(tmp_path, voila_args=voila_args)
    server.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Kernel pool of coach.ipynb is filled" not in server.log_text():
            time.sleep(0.2)
        taken = re.search(r"Using the kernel started before the server \(pid (\d+)\)", server.log_text())
        assert taken and "was not used" not in server.log_text(), server.log_text()
        pid = int(taken.group(1))
        assert running(pid)
    finally:
        server.stop()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and running(pid):
        time.sleep(0.1)
    assert not running(pid), "the kernel outlived the server"
    assert list(server.tmp.rglob("kernel-*.json")) == [], "a kernel's connection file (with its key) was left behind"
