"""Every lesson notebook runs top to bottom in a real browser and its widgets show up.

This is what a student does first: open the lesson, Run > Run All Cells. The headless
notebook tests (nbclient) cannot see the browser half of a widget; here a missing or
mismatched widget extension ("Error displaying widget", "Loading widget..." forever)
or a traceback in any cell fails the test. JupyterLab runs every lesson; Notebook 7
(``make notebook``) runs the welcome page and one lesson.
"""
from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser_group import SHARED_SERVER_TESTS  # tests/e2e/browser_group.py

pytestmark = SHARED_SERVER_TESTS  # browser_group.py: one worker starts the shared servers

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LESSONS = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize(
    ("interface", "welcome_path"),
    [("lab", "/lab/tree/notebooks/00_welcome.ipynb"), ("notebook", "/notebooks/notebooks/00_welcome.ipynb")],
)
def test_the_server_opens_on_the_welcome_notebook(request, interface, welcome_path):
    """``make lab`` / ``make notebook``: the browser's first page is 00_welcome, not a file list."""
    server = request.getfixturevalue(f"{interface}_server")
    start = urllib.request.Request(f"{server.base_url}/", headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(start, timeout=10) as response:  # follows the server's redirects
        landed = urllib.parse.urlsplit(response.url).path
    assert landed == welcome_path


def test_the_course_has_its_lessons():
    assert LESSONS[:1] == ["00_welcome.ipynb"] and len(LESSONS) >= 7, LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_in_jupyterlab_and_shows_its_widgets(lessons, name):
    shown = lessons.lab(name).assert_ran_with_widgets()
    assert shown >= 1, f"{name} displays no course widget"


@pytest.mark.parametrize("name", ["00_welcome.ipynb", "02_making_the_request.ipynb"])
def test_lesson_runs_in_notebook7_and_shows_its_widgets(lessons, name):
    lesson = lessons.notebook7(name)
    assert "/notebooks/notebooks/" in lesson.page.url  # the Notebook 7 interface, not JupyterLab
    assert lesson.page.locator(".jp-LabShell").count() == 0
    assert lesson.assert_ran_with_widgets() >= 1
