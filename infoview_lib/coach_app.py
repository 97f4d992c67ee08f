"""The coach app: the course's coaching widgets on one page, for people who do not write code.

``infoview coach`` (and ``make coach``) serves the notebook ``infoview_lib/app/coach.ipynb``
with Voilà, which shows widgets and hides code. That notebook calls :func:`coach_app`, which
lays out the *same* widgets the lessons use, in tabs: the request coach, the question planner,
the thank-you coach and the follow-up planner, and the work saver ("Download my work").
Nothing here scores anything: the widgets call the library.

Each tab opens with one line saying what the advice is and where it comes from; both come from
the advice registry (:data:`infoview_lib.advice.ADVICE`) through the rules registered for the
tab's artefact, so they change when the registry does.

**What is kept on the server.** Each visitor's page runs in its own kernel. The widgets save
as they type (that is how "Download my work" gathers everything) into a temporary folder made
for that kernel (:func:`session_store`), which is deleted when the kernel shuts down: ``infoview
coach`` has Voilà shut down a kernel whose page has been closed (no browser connected) after two
idle minutes, and keeps all session folders under one temporary parent folder that it deletes when
it stops, so a kernel that crashed leaves nothing behind either.
"""
from __future__ import annotations

import atexit
import html
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from .advice import ADVICE, STAGES
from .rules import RULES, scorer_for
from .work_store import WorkStore

#: ``infoview coach`` sets this to the server's temporary parent folder for session folders.
SESSIONS_ENV_VAR = "INFOVIEW_COACH_SESSIONS_DIR"
#: the packaged notebook Voilà serves (relative to the ``infoview_lib`` package folder)
APP_NOTEBOOK = Path(__file__).resolve().parent / "app" / "coach.ipynb"

#: page styles: ipywidgets' inactive tab labels (#6d6d6d on #eeeeee, 4.45:1) fall short of WCAG AA
#: contrast (4.5:1, found by axe-core): darker labels here
APP_CSS = """<style>
.iv-coach-app .lm-TabBar-tab, .iv-coach-app .lm-TabBar-tab .lm-TabBar-tabLabel { color: #333333; }
.iv-coach-app .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel { color: #000000; }
</style>"""

#: what the page says about storage (shown on the page; docs/coach.md says the same)
STORAGE_NOTE = (
    "Nothing you type here is kept on the server after your session: your work lives in a temporary "
    "folder for this page only, deleted a few minutes after you close the page. Use <strong>Download my work</strong> "
    "to keep a copy on your own computer; <strong>Restore from file</strong> brings it back next time."
)


@dataclass(frozen=True)
class CoachTab:
    """One tab: its title, the artefact whose rules its widget runs, and what it helps with."""

    title: str
    artefact: str
    purpose: str


#: the app's tabs, in order (the widgets are built by :func:`coach_app`)
TABS = (
    CoachTab("Request", "request", "Draft the message asking for an informational interview."),
    CoachTab("Questions", "questions", "Plan your questions for the topics and the minutes agreed."),
    CoachTab("Thank-you", "thank-you", "Draft your thank-you note after the interview."),
    CoachTab("Follow-up", "contact log", "Plan how you keep in touch afterwards, and check your contact log."),
)


def tab_advice_ids(artefact: str) -> list[str]:
    """The advice ids the tab's feedback checks: those of the rules registered for ``artefact``."""
    scorer_for(artefact)  # importing the scorer's module registers its rules
    return list(RULES[artefact])


def tab_sources(artefact: str) -> list[str]:
    """The distinct sources (from the registry) of the advice a tab checks, the article first."""
    sources: list[str] = []
    for advice_id in tab_advice_ids(artefact):
        source = ADVICE[advice_id].source
        if source not in sources:
            sources.append(source)
    return sorted(sources, key=lambda s: not s.startswith("Ellen Mehling"))


def tab_intro_html(tab: CoachTab) -> str:
    """The intro line of a tab: what it helps with, which stages' advice, and their sources."""
    ids = tab_advice_ids(tab.artefact)
    stages = []
    for advice_id in ids:
        heading = STAGES[ADVICE[advice_id].stage][1]
        if heading not in stages:
            stages.append(heading)
    sources = "; ".join(html.escape(s) for s in tab_sources(tab.artefact))
    return (
        f"<p class='iv-intro'>{html.escape(tab.purpose)} The feedback checks {len(ids)} pieces of advice "
        f"from the course ({html.escape(', '.join(stages))}). Source: {sources}.</p>"
    )


def session_store() -> WorkStore:
    """A work store in a new temporary folder for this kernel, deleted when the kernel exits.

    The folder is made under ``$INFOVIEW_COACH_SESSIONS_DIR`` when set (``infoview coach`` sets it
    and deletes that parent when the server stops), else in the system's temporary folder.
    """
    parent = os.environ.get(SESSIONS_ENV_VAR) or None
    if parent:
        Path(parent).mkdir(parents=True, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="session-", dir=parent)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return WorkStore(folder)


def coach_app(store: WorkStore | None = None) -> widgets.VBox:
    """The whole app: a heading, the storage note, the tabs and the work saver.

    ``store``: where the widgets save during the session (default: :func:`session_store`).
    Only the first tab's widget is built with the page; each other tab's widget is built the first
    time the tab is opened (then kept, with what was typed in it): the page a visitor waits for
    carries a quarter of the widgets, and a tab opens in a blink. Everything saved is in ``store``
    from the start, so "Download my work" and "Restore from file" cover the tabs not opened yet.
    The returned box has attributes ``tabs`` (the Tab), ``coaches`` (title -> widget, for the
    tabs built so far), ``coach(title)`` (the tab's widget, built if need be), ``saver`` (the
    WorkSaver) and ``store``.
    """
    from .widgets import follow_up_planner, question_planner, request_coach, work_saver
    from .widgets.thank_you_coach import thank_you_coach

    store = store if store is not None else session_store()
    builders = {"request": request_coach, "questions": question_planner,
                "thank-you": thank_you_coach, "contact log": follow_up_planner}
    coaches: dict[str, widgets.Widget] = {}
    pages = [widgets.VBox((widgets.HTML(tab_intro_html(tab)),)) for tab in TABS]

    def coach(title: str) -> widgets.Widget:
        """The widget of the tab ``title``, built (and put in its tab) the first time it is asked for."""
        if title not in coaches:
            index = [tab.title for tab in TABS].index(title)
            coaches[title] = builders[TABS[index].artefact](store=store)
            pages[index].children = (*pages[index].children, coaches[title])
        return coaches[title]

    def tab_opened(change) -> None:
        if change["new"] is not None:
            coach(TABS[change["new"]].title)

    coach(TABS[0].title)
    tabs = widgets.Tab(children=pages, titles=[tab.title for tab in TABS])
    tabs.observe(tab_opened, "selected_index")
    saver = work_saver(store=store)
    saver.where.value = ("<small>Download a copy before you close the page: this is the only copy "
                         "that outlives your session.</small>")
    header = widgets.HTML(
        "<h1 style='font-size:1.6em;margin:.2em 0'>Informational interview coach</h1>"
        "<p>Instant, explained feedback on your request, your questions, your thank-you note and your "
        "follow-up plan, from the Infoview course on informational interviews.</p>"
    )
    styles = widgets.HTML(APP_CSS, layout=widgets.Layout(height="0", margin="0"))
    app = widgets.VBox((styles, header, widgets.HTML(f"<p role='note'>{STORAGE_NOTE}</p>"), tabs, saver))
    app.add_class("iv-coach-app")
    app.tabs, app.coaches, app.coach, app.saver, app.store = tabs, coaches, coach, saver, store
    return app
