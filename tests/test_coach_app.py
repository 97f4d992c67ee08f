"""The coach app (``infoview coach``), driven from Python: the lesson widgets in tabs, each tab's
intro naming its advice's sources from the registry, the work kept in a session folder that
goes when the session does, the thank-you coach, and the command line."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_lib.advice import ADVICE, ARTICLE, FIVE_POINT_EMAIL, OPEN_QUESTIONS, SPECIFIC_THANKS
from infoview_lib.work_store import WorkStore

ROOT = Path(__file__).resolve().parents[1]

THANKS = ("Dear Dr. Osei, thank you so much for your time on Tuesday. Your advice about starting with the "
          "most-requested collections changed how I am planning my practicum, and I have already read the "
          "guide you recommended.")


@pytest.fixture
def store(tmp_path):
    return WorkStore(tmp_path / "session", autosave_delay=0.05)


def shown_status(feedback_html: str, advice_id: str) -> str:
    # one line per advice item: <li class='iv-met' or 'iv-notmet' data-advice='...'>
    match = re.search(rf"<li class='(iv-met|iv-notmet)' data-advice='{re.escape(advice_id)}'>", feedback_html)
    assert match, f"{advice_id} is not shown in the feedback:\n{feedback_html}"
    return {"iv-met": "MET", "iv-notmet": "NOT MET"}[match.group(1)]


def test_the_app_is_the_lessons_widgets_in_four_tabs(store):
    from infoview_lib.coach_app import coach_app
    from infoview_lib.widgets import FollowUpPlanner, QuestionPlanner, RequestCoach, WorkSaver
    from infoview_lib.widgets.thank_you_coach import ThankYouCoach

    app = coach_app(store=store)
    assert app.tabs.titles == ("Request", "Questions", "Thank-you", "Follow-up")
    # the page comes with the first tab's widget only; each other tab's is built when it is opened
    assert list(app.coaches) == ["Request"] and app.tabs.selected_index == 0
    assert [len(page.children) for page in app.tabs.children] == [2, 1, 1, 1]
    for index in (2, 1, 3, 2):
        app.tabs.selected_index = index
    assert sorted(app.coaches) == sorted(app.tabs.titles)
    kinds = [type(app.coaches[title]) for title in app.tabs.titles]
    assert kinds == [RequestCoach, QuestionPlanner, ThankYouCoach, FollowUpPlanner]
    assert isinstance(app.saver, WorkSaver)
    # each tab holds its intro line and its widget (once: reopening a tab keeps its widget)
    for page, title in zip(app.tabs.children, app.tabs.titles):
        assert len(page.children) == 2 and page.children[1] is app.coaches[title] is app.coach(title)
        assert "iv-intro" in page.children[0].value
    assert all(coach.store is store for coach in app.coaches.values()) and app.saver.store is store


def test_a_tab_opened_later_shows_what_was_saved_or_restored_before(store):
    from infoview_lib.coach_app import coach_app

    store.save("thank_you", {"text": THANKS})
    app = coach_app(store=store)
    assert "Thank-you" not in app.coaches
    app.tabs.selected_index = 2
    assert app.coaches["Thank-you"].text_area.value == THANKS


@pytest.mark.parametrize("artefact, expected", [
    ("request", [ARTICLE, FIVE_POINT_EMAIL]),
    ("questions", [ARTICLE, OPEN_QUESTIONS]),
    ("thank-you", [ARTICLE, SPECIFIC_THANKS]),
    ("contact log", [ARTICLE]),
])
def test_each_tab_names_the_sources_of_the_advice_it_checks(artefact, expected):
    import html

    from infoview_lib.coach_app import TABS, tab_advice_ids, tab_intro_html, tab_sources
    from infoview_lib.rules import RULES

    assert tab_sources(artefact) == expected
    ids = tab_advice_ids(artefact)
    assert ids == list(RULES[artefact]) and ids
    # the sources shown are exactly those the registry gives for the advice the feedback checks
    assert set(tab_sources(artefact)) == {ADVICE[i].source for i in ids}
    intro = html.unescape(tab_intro_html(next(t for t in TABS if t.artefact == artefact)))
    for source in expected:
        assert source in intro
    assert f"checks {len(ids)} pieces of advice" in intro


def test_what_a_visitor_types_is_in_the_download_and_only_in_the_session_folder(store):
    from infoview_lib.coach_app import coach_app

    app = coach_app(store=store)
    app.coaches["Request"].text_area.value = "Dear Ms Ruiz, may I ask about your archive work?"
    app.coach("Thank-you").text_area.value = THANKS
    store.flush()
    app.saver.prepare_button.click()
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)'", app.saver.download.value).group(1)
    import base64

    bundle = json.loads(base64.b64decode(payload))
    assert bundle["entries"]["request"]["text"].startswith("Dear Ms Ruiz")
    assert bundle["entries"]["thank_you"]["text"] == THANKS
    assert sorted(p.name for p in store.folder.iterdir() if p.suffix == ".json") == ["request.json", "thank_you.json"]


def test_session_store_is_a_new_folder_under_the_servers_sessions_folder(tmp_path, monkeypatch):
    from infoview_lib import coach_app as module

    monkeypatch.setenv(module.SESSIONS_ENV_VAR, str(tmp_path / "sessions"))
    registered = []
    monkeypatch.setattr(module.atexit, "register", lambda *args, **kw: registered.append((args, kw)))
    first, second = module.session_store(), module.session_store()
    assert first.folder != second.folder
    assert first.folder.parent == second.folder.parent == (tmp_path / "sessions").resolve()
    # each folder is deleted when the kernel exits
    (func, folder), kw = registered[0]
    first.save("request", {"text": "x", "channel": "email"})
    func(folder, **kw)
    assert not first.folder.exists() and second.folder.exists()


def test_a_kernel_that_exits_leaves_no_session_folder(tmp_path):
    code = ("from infoview_lib.coach_app import coach_app\n"
            "app = coach_app()\n"
            "app.coaches['Request'].text_area.value = 'Dear Ms Ruiz, hello.'\n"
            "app.store.flush()\n"
            "print(app.store.folder)\n")
    env = {**__import__("os").environ, "INFOVIEW_COACH_SESSIONS_DIR": str(tmp_path / "sessions")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    folder = Path(proc.stdout.strip().splitlines()[-1])
    assert folder.parent == (tmp_path / "sessions").resolve()
    assert not folder.exists(), "the session folder outlived its kernel"


def test_the_page_says_nothing_is_kept_on_the_server(store):
    from infoview_lib.coach_app import STORAGE_NOTE, coach_app

    app = coach_app(store=store)
    shown = " ".join(w.value for w in app.children if hasattr(w, "value"))
    assert STORAGE_NOTE in shown and "Download my work" in STORAGE_NOTE
    # the saver does not tell visitors their work is kept in a folder on the server
    assert str(store.folder) not in app.saver.where.value


def test_thank_you_coach_feedback_dates_and_restore(store):
    from infoview_lib.widgets.thank_you_coach import CHANNELS, thank_you_coach
    from infoview_lib.rules.thank_you import CHANNELS as LIBRARY_CHANNELS

    assert {value for _label, value in CHANNELS} == set(LIBRARY_CHANNELS)
    coach = thank_you_coach(store=store)
    assert coach.report is None and "Type or paste" in coach.feedback.value
    coach.text_area.value = "Dear Dr. Osei, it was good to meet you."
    assert shown_status(coach.feedback.value, "after.gratitude") == "NOT MET"
    coach.text_area.value = THANKS
    assert shown_status(coach.feedback.value, "after.gratitude") == "MET"
    assert shown_status(coach.feedback.value, "after.handwritten") == "MET"
    coach.channel.value = "email"
    assert shown_status(coach.feedback.value, "after.handwritten") == "NOT MET"
    coach.interview_on.value = dt.date(2026, 3, 10)
    coach.sent_on.value = dt.date(2026, 3, 20)
    assert shown_status(coach.feedback.value, "after.thank_you_timely") == "NOT MET"
    coach.sent_on.value = dt.date(2026, 3, 11)
    assert shown_status(coach.feedback.value, "after.thank_you_timely") == "MET"
    # a date before the interview is a problem shown, not raised; the text stays
    coach.sent_on.value = dt.date(2026, 3, 1)
    assert "Problem" in coach.feedback.value and coach.text_area.value == THANKS
    coach.sent_on.value = dt.date(2026, 3, 11)
    store.flush()
    again = thank_you_coach(store=store)
    assert (again.text_area.value, again.channel.value) == (THANKS, "email")
    assert (again.interview_on.value, again.sent_on.value) == (dt.date(2026, 3, 10), dt.date(2026, 3, 11))


def test_the_served_notebook_ships_with_the_kit_and_only_calls_the_app():
    import tomllib

    from infoview_lib.coach_app import APP_NOTEBOOK

    nb = json.loads(APP_NOTEBOOK.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code) == 1 and code[0].rstrip().endswith("coach_app()")
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["infoview_lib"]
    package = ROOT / "infoview_lib"
    assert any(APP_NOTEBOOK in set(package.glob(p)) for p in patterns), "coach.ipynb is not package data"
    # and so is the page's Voila template, found through JUPYTER_PATH (infoview coach sets it)
    from infoview_lib.cli import coach

    template = coach.APP_JUPYTER_PATH / "voila" / "templates" / coach.APP_TEMPLATE
    files = sorted(template.iterdir())
    assert {f.name for f in files} >= {"conf.json", "spinner.macro.html.j2"}
    shipped = {f for p in patterns for f in package.glob(p)}
    assert set(files) <= shipped, f"not package data: {set(files) - shipped}"
    env = coach.coach_environment(ROOT / "sessions")
    assert env["JUPYTER_PATH"].split(__import__("os").pathsep)[0] == str(coach.APP_JUPYTER_PATH)
    assert f"--VoilaConfiguration.template={coach.APP_TEMPLATE}" in coach.coach_command(9123)


def test_coach_command_serves_the_packaged_notebook_on_loopback(monkeypatch):
    from infoview_lib.cli import coach
    from infoview_lib.coach_app import APP_NOTEBOOK

    assert coach.APP_NOTEBOOK == APP_NOTEBOOK
    cmd = coach.coach_command(9123)
    # Voila's own command line, run by infoview_lib.cli.voila_main in this environment's Python
    assert cmd[:4] == [sys.executable, "-m", "infoview_lib.cli.voila_main", str(APP_NOTEBOOK)]
    assert "--port=9123" in cmd and "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert "--Voila.port_retries=0" in cmd  # the printed URL is the one it serves
    assert "--no-browser" not in coach.coach_command(9123, browser=True)
    # an option given after -- replaces the default instead of repeating it (Voila refuses repeats)
    custom = coach.coach_command(9123, extra=["--MappingKernelManager.cull_idle_timeout=5"])
    assert [a for a in custom if "cull_idle_timeout" in a] == ["--MappingKernelManager.cull_idle_timeout=5"]


def test_the_server_defers_the_iri_grammar_and_still_checks_iris():
    """infoview coach starts Voila through voila_main, which leaves rfc3987_syntax's grammar (about
    3 s of CPU, imported by jsonschema when the server starts) unloaded until an IRI is checked;
    jsonschema's "iri" check must give the same answers as without the stand-in."""
    pytest.importorskip("rfc3987_syntax")
    code = ("import sys\n"
            "from infoview_lib.cli.iri_grammar import defer_iri_grammar\n"
            "deferred = defer_iri_grammar()\n"
            "import jsonschema\n"
            "loaded_at_import = 'rfc3987_syntax.syntax_helpers' in sys.modules\n"
            "check = jsonschema.FormatChecker()\n"
            "print(deferred, loaded_at_import, check.conforms('https://example.org/caf\u00e9?q=1#top', 'iri'),\n"
            "      check.conforms('no scheme, spaces', 'iri'), check.conforms('../a/b', 'iri-reference'),\n"
            "      'rfc3987_syntax.syntax_helpers' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    deferred, loaded_at_import, good, bad, relative, loaded_after = proc.stdout.split()
    assert (deferred, loaded_at_import) == ("True", "False"), "the IRI grammar still loads when the server starts"
    assert (good, bad, relative) == ("True", "False", "True"), "the deferred IRI check answers differently"
    assert loaded_after == "True"


@pytest.mark.parametrize("port", ["0", "70000"])
def test_coach_refuses_a_bad_port(port, capsys):
    from infoview_lib.cli import main

    assert main(["coach", "--port", port, "--no-browser"]) == 2
    assert "--port must be between 1 and 65535" in capsys.readouterr().err


def test_first_free_port_skips_a_busy_one():
    import socket

    from infoview_lib.cli.coach import first_free_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert first_free_port(port) != port


def test_timelines_show_with_their_description_as_alt_text(store):
    """axe-core found the timeline images without alt text (JupyterLab shows a bare PNG without one)."""
    import html

    from infoview_lib.plots import describe_follow_up_timeline, follow_up_timeline
    from infoview_lib.rules.follow_up import plan_follow_up
    from infoview_lib.widgets import follow_up_planner

    plan = plan_follow_up(dt.date(2026, 3, 10))
    description = describe_follow_up_timeline(plan)
    shown = follow_up_timeline(plan)._repr_html_()
    assert shown.startswith("<img src='data:image/png;base64,") and f"alt='{html.escape(description)}'" in shown
    planner = follow_up_planner(store=store)
    planner.interview_on.value = dt.date(2026, 3, 10)
    (output,) = planner.timeline.outputs
    assert f"alt='{html.escape(description)}'" in output["data"]["text/html"]
