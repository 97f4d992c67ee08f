"""Accessibility of everything the course shows, measured by axe-core (a tool nobody here wrote):
the lessons in JupyterLab after Run All (our markdown, widgets and outputs, not JupyterLab's own
chrome), the welcome notebook in Notebook 7, the coach app, the capstone prep sheet, the class
report and nbgrader's feedback. The tests fail on impact "serious" or "critical"; every audit's
violations, by rule with counts, are in ``test-artifacts/axe/summary.md`` (the course website's
pages are audited in tests/test_site.py, beside its build)."""
from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from axe_audit import audit, describe, serious
from browser_group import SHARED_SERVER_TESTS  # tests/e2e/browser_group.py

pytestmark = SHARED_SERVER_TESTS  # browser_group.py: one worker starts the shared servers

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: the notebook's own content: rendered markdown and cell outputs (widgets included) of the open
#: notebook; prompts, editors and toolbars are JupyterLab's, audited by its own developers
NOTEBOOK_CONTENT = {"include": [[".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown"],
                                [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"]]}


def assert_no_serious(violations: list[dict], what: str) -> None:
    bad = serious(violations)
    assert not bad, f"{what}: axe-core found serious or critical violations:\n{describe(bad)}"


def show_all_cells(course) -> None:
    """Scroll through the notebook so that JupyterLab renders every cell (it skips off-screen ones)."""
    page = course.page
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    for index in range(cells.count()):
        cells.nth(index).scroll_into_view_if_needed()
    page.wait_for_timeout(300)


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_content_in_jupyterlab(lessons, lesson):
    course = lessons.lab(lesson)
    show_all_cells(course)
    assert_no_serious(audit(course.page, f"lab-{lesson}", NOTEBOOK_CONTENT), f"{lesson} in JupyterLab")


def test_welcome_notebook_in_notebook7(lessons):
    course = lessons.notebook7("00_welcome.ipynb")
    show_all_cells(course)
    assert_no_serious(audit(course.page, "notebook7-00_welcome.ipynb", NOTEBOOK_CONTENT), "the welcome notebook in Notebook 7")


def test_coach_app(browser, tmp_path):
    from coach_server import CoachServer

    server = CoachServer(tmp_path)
    server.start()
    try:
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.goto(server.url)
        page.locator(".iv-coach-app textarea").first.wait_for(state="visible", timeout=60_000)
        page.locator(".iv-coach-app textarea").first.fill(
            "Hi, could you tell me about openings on your team? Call me back.")
        page.locator(".iv-coach-app .iv-report").first.wait_for(state="visible")
        found = []
        for tab in ("Request", "Questions", "Thank-you", "Follow-up"):
            page.get_by_role("tab", name=tab).click()
            if tab == "Follow-up":
                page.get_by_label("Interview date", exact=True).fill("2026-03-10")
                page.get_by_label("Interview date", exact=True).press("Tab")
                page.locator(".iv-coach-app a[download$='.ics']").wait_for(state="visible")
            found += [dict(v, tab=tab) for v in audit(page, f"coach-app-{tab}")]
        page.close()
    finally:
        server.stop()
    assert_no_serious(found, "the coach app")


def _static_page(browser, html_text: str):
    page = browser.new_page()
    page.set_content(html_text, wait_until="load")
    return page


def test_capstone_prep_sheet(browser, tmp_path):
    from infoview_lib.capstone import plan_from_store, prep_sheet_html
    from infoview_lib.work_store import WorkStore

    store = WorkStore(tmp_path / "work")
    store.save("request", {"text": "Dear Ms Alvarez, I read your team's report and would like to learn how "
                                   "you plan an oral-history project. Would you have 20 minutes? I understand if not.",
                           "channel": "email"})
    store.save("questions", {"questions": ["How did you find the volunteers?", "Is the archive big?"],
                             "minutes": 20, "topics": ["oral history"]})
    store.save("logistics", {"meeting_at": "2026-03-18T14:00:00", "confirmed_on": "2026-03-15",
                             "arrive_at": "2026-03-18T13:52:00", "free_until": "2026-03-18T15:30:00"})
    store.save("follow_up", {"interview_on": "2026-03-18", "log": []})
    page = _static_page(browser, prep_sheet_html(plan_from_store(store)))
    assert_no_serious(audit(page, "capstone-prep-sheet"), "the capstone prep sheet")
    page.close()


def test_class_report(browser, tmp_path):
    sys.path.insert(0, str(ROOT / "tests"))
    from nbgrader.api import Gradebook

    from infoview_lib.instructor.class_data import load_class_results
    from infoview_lib.instructor.class_report import class_report_html
    from test_class_report import make_gradebook  # the class report tests' small gradebook

    blank = tmp_path / "blank.db"
    Gradebook(f"sqlite:///{blank}").close()
    url = make_gradebook(tmp_path / "gradebook.db", blank)
    page = _static_page(browser, class_report_html(load_class_results(url, ["week1"])))
    assert_no_serious(audit(page, "class-report"), "the class report")
    page.close()


def test_nbgrader_feedback(browser, tmp_path):
    sys.path.insert(0, str(ROOT / "tests"))
    from nbgrader_course import smallest_assignment

    from infoview_lib.grading.course import copy_course, course_api, require_success

    assignment = smallest_assignment()
    folder = copy_course(tmp_path / "course")
    for other in (folder / "source").iterdir():
        if other.name != assignment:
            shutil.rmtree(other)
    api = course_api(folder, cell_timeout=60)
    require_success(api.generate_assignment(assignment), "generate_assignment")
    # a student who hands in the release untouched: feedback full of things to do next
    submitted = folder / "submitted" / "student1" / assignment
    shutil.copytree(folder / "release" / assignment, submitted)
    (submitted / "timestamp.txt").write_text(f"{dt.datetime(2026, 3, 20, 12):%Y-%m-%d %H:%M:%S}.000000 UTC\n")
    require_success(api.autograde(assignment, "student1"), "autograde")
    require_success(api.generate_feedback(assignment, "student1"), "generate_feedback")
    pages = sorted((folder / "feedback" / "student1" / assignment).glob("*.html"))
    assert pages, "nbgrader wrote no feedback page"
    page = browser.new_page()
    found = []
    for path in pages:
        page.goto(path.as_uri())
        found += audit(page, f"nbgrader-feedback-{path.stem}")
    page.close()
    assert_no_serious(found, "nbgrader feedback")
