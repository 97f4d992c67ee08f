"""The capstone: a student's own interview plan in one place, and its printable prep sheet.

Lesson ``06_capstone_my_interview_plan.ipynb`` gathers what the student saved in the
lesson widgets (request draft, questions, logistics, interview date) into an
:class:`InterviewPlan`, then exports

- a one-page printable prep sheet (:func:`prep_sheet_html`, :func:`write_prep_sheet`):
  the request draft and its findings, the questions with minutes, the logistics and
  the follow-up schedule, and a list of what is still missing;
- the follow-up schedule as an iCalendar file (:func:`write_follow_up_calendar`, which
  uses :func:`infoview_lib.calendar.write_follow_up_ics`).

The plan holds no scoring logic: its reports come from the library's scorers
(``score_request``, ``score_questions``, ``check_logistics``, ``plan_follow_up``).
A missing part never raises; the sheet says what is still to do. Advice from
"Demystifying the Informational Interview" by Ellen Mehling.
"""
from __future__ import annotations

import datetime as _dt
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .embed import download_link_html
from .inputs import REQUEST_CHANNELS, as_date, as_datetime, normalise_channel, require_text
from .saved_work import read_record
from .render import date_text as _when
from .render import report_html, schedule_html
from .work_store import WorkStore, atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .report import Report

#: File names the capstone writes into the student's work folder.
PREP_SHEET_NAME = "my-interview-prep-sheet.html"
CALENDAR_NAME = "my-follow-up-schedule.ics"

#: What to do for each missing part (shown on the sheet and by :meth:`InterviewPlan.missing`).
_TO_DO = {
    "request": "No request draft yet: write one with the request coach in 02_making_the_request.",
    "questions": "No questions yet: plan them with the question planner in 04_before_and_during.",
    "minutes": "No meeting length yet: set the minutes you were given in the question planner (04_before_and_during).",
    "meeting": "No meeting date and time yet: enter them in the logistics planner in 04_before_and_during.",
    "interview_on": "No interview date for the follow-up schedule yet: pick it in the follow-up planner in "
                    "05_afterward (or enter the meeting in the logistics planner).",
}


def _optional(value, name: str, parse):
    return None if value is None or value == "" else parse(value, name)


@dataclass
class InterviewPlan:
    """Everything a student has planned for one informational interview.

    Build it with :func:`plan_from_store` from the lesson widgets' saved entries, or
    directly, e.g. ``InterviewPlan(request_text="Dear ...", questions=["How ...?"], minutes=20)``.
    Dates and times accept ``date``/``datetime`` objects or ISO strings ("2026-03-14",
    "2026-03-14T10:00"); bad values raise a TypeError/ValueError naming the field.
    """

    request_text: str = ""
    """The request draft (empty when not written yet)."""
    channel: str = "email"
    """How the request is sent: one of :data:`~infoview_lib.inputs.REQUEST_CHANNELS` ("email",
    "linkedin", "phone", "voicemail", "text"); other words for them ("E-mail", "call") are accepted."""
    questions: tuple[str, ...] = ()
    """The questions to bring, in order."""
    minutes: float | None = None
    """The length of the meeting you were given, in minutes."""
    topics: tuple[str, ...] = ()
    """The one or two topics named in the request."""
    meeting_at: _dt.datetime | None = None
    """When the interview starts."""
    confirmed_on: _dt.date | None = None
    """When you confirmed (or plan to confirm) the time and place."""
    arrive_at: _dt.datetime | None = None
    """When you plan to arrive."""
    free_until: _dt.datetime | None = None
    """Until when your own schedule is free that day."""
    meeting_minutes: float | None = None
    """How long the meeting is meant to last, for the logistics checks (None: check_logistics's 30)."""
    interview_on: _dt.date | None = None
    """The interview date the follow-up schedule counts from (defaults to the meeting's date)."""
    title: str = "My informational interview plan"
    """Heading of the prep sheet."""
    problems: tuple[str, ...] = field(default=())
    """Saved entries that could not be read (the entry itself is left untouched in the store)."""

    def __post_init__(self):
        self.request_text = require_text("" if self.request_text is None else self.request_text, "request_text")
        self.channel = normalise_channel(self.channel or "email", REQUEST_CHANNELS, "channel")
        self.title = require_text(self.title, "title")
        self.questions = _text_tuple(self.questions, "questions")
        self.topics = _text_tuple(self.topics, "topics")
        for name in ("minutes", "meeting_minutes"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{name} must be a number of minutes, not {type(value).__name__}")
            if not value > 0:
                raise ValueError(f"{name} must be more than 0, not {value!r}")
        self.meeting_at = _optional(self.meeting_at, "meeting_at", as_datetime)
        self.confirmed_on = _optional(self.confirmed_on, "confirmed_on", as_date)
        self.arrive_at = _optional(self.arrive_at, "arrive_at", as_datetime)
        self.free_until = _optional(self.free_until, "free_until", as_datetime)
        self.interview_on = _optional(self.interview_on, "interview_on", as_date)
        self.problems = tuple(self.problems)

    # -- what is there ---------------------------------------------------------------

    @property
    def follow_up_from(self) -> _dt.date | None:
        """The date the follow-up schedule counts from: ``interview_on``, else the meeting's date."""
        if self.interview_on is not None:
            return self.interview_on
        return self.meeting_at.date() if self.meeting_at is not None else None

    def missing(self) -> list[str]:
        """What is still missing, one plain sentence per gap (empty when the plan is complete)."""
        gaps = []
        if not self.request_text.strip():
            gaps.append(_TO_DO["request"])
        if not any(q.strip() for q in self.questions):
            gaps.append(_TO_DO["questions"])
        if self.minutes is None:
            gaps.append(_TO_DO["minutes"])
        if self.meeting_at is None:
            gaps.append(_TO_DO["meeting"])
        if self.follow_up_from is None:
            gaps.append(_TO_DO["interview_on"])
        return gaps + [f"Could not read a saved entry: {p}" for p in self.problems]

    @property
    def complete(self) -> bool:
        """True when every part of the plan is there."""
        return not self.missing()

    # -- reports from the library ------------------------------------------------------

    def request_report(self) -> Report | None:
        """The request draft scored by ``score_request`` (None when there is no draft)."""
        if not self.request_text.strip():
            return None
        from .rules.request import score_request

        return score_request(self.request_text, channel=self.channel)

    def questions_report(self) -> Report | None:
        """The questions scored by ``score_questions`` (None without questions or minutes)."""
        questions = [q for q in self.questions if q.strip()]
        if not questions or self.minutes is None:
            return None
        from .rules.questions import score_questions

        return score_questions(questions, self.minutes, topics=self.topics)

    @property
    def meeting_length(self) -> float:
        """The meeting's length in minutes: ``meeting_minutes``, or check_logistics's default (30)."""
        from .rules.logistics import DEFAULT_DURATION_MINUTES

        return DEFAULT_DURATION_MINUTES if self.meeting_minutes is None else self.meeting_minutes

    def logistics_report(self) -> Report | None:
        """The logistics checked by ``check_logistics`` (None without a meeting time)."""
        if self.meeting_at is None:
            return None
        from .rules.logistics import check_logistics

        return check_logistics(self.meeting_at, confirmed_on=self.confirmed_on, arrive_at=self.arrive_at,
                               free_until=self.free_until, duration_minutes=self.meeting_length)

    def follow_up_schedule(self) -> pd.DataFrame | None:
        """The follow-up schedule from ``plan_follow_up`` (None without an interview date)."""
        if self.follow_up_from is None:
            return None
        from .rules.follow_up import plan_follow_up

        return plan_follow_up(self.follow_up_from)

def _text_tuple(values, name: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of strings, not {type(values).__name__}")
    return tuple(require_text(v, f"{name}[{i}]") for i, v in enumerate(values))


#: store key -> (the widget's saved record -> plan fields, the library call that checks that part)
_PARTS = {
    "request": (lambda r: {"request_text": r.text, "channel": r.channel}, InterviewPlan.request_report),
    "questions": (lambda r: {"questions": r.questions, "minutes": r.minutes, "topics": r.topics},
                  InterviewPlan.questions_report),
    "logistics": (lambda r: {"meeting_at": r.meeting_at, "confirmed_on": r.confirmed_on, "arrive_at": r.arrive_at,
                             "free_until": r.free_until, "meeting_minutes": r.duration_minutes},
                  InterviewPlan.logistics_report),
    "follow_up": (lambda r: {"interview_on": r.interview_on}, InterviewPlan.follow_up_schedule),
}

#: Store keys the lesson widgets save the plan's parts under (see :mod:`infoview_lib.work_store`).
STORE_KEYS = tuple(_PARTS)


def plan_from_store(store=None, *, title: str | None = None) -> InterviewPlan:
    """Gather an :class:`InterviewPlan` from the lesson widgets' saved entries.

    ``store`` is a :class:`infoview_lib.work_store.WorkStore` or a work folder path
    (default: ``WorkStore.default()``, the folder the lesson widgets save into).
    Reads the keys in :data:`STORE_KEYS` ("request", "questions", "logistics", "follow_up"). A missing entry
    leaves that part empty; an entry that cannot be read is listed in ``plan.problems``
    (and on the prep sheet) and never changed or deleted.
    """
    if store is None:
        store = WorkStore.default()
    elif isinstance(store, (str, os.PathLike)):
        store = WorkStore(store)
    elif not isinstance(store, WorkStore):
        raise TypeError(f"store must be a WorkStore, a work folder path or None, not {type(store).__name__}")
    store.flush()  # an autosave still waiting to be written is part of the plan
    parts: dict[str, Any] = {}
    problems: list[str] = []
    for key, (read, check) in _PARTS.items():
        data = store.load(key)
        if data is None:
            continue
        try:
            fields = read(read_record(key, data))  # the record the widget saved: saved_work checks its shape
            check(InterviewPlan(**fields))  # this part on its own, through the library's own checks
        except (TypeError, ValueError) as exc:
            problems.append(f"{key!r} ({exc})")
            continue
        parts.update(fields)
    if title is not None:
        parts["title"] = title
    return InterviewPlan(**parts, problems=tuple(problems))


# -- the prep sheet ---------------------------------------------------------------------

_SHEET_CSS = """
@page { size: A4; margin: 10mm 12mm; }
html { color: #111; background: #fff; }
body { font: 9.5pt/1.3 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; max-width: 182mm; margin: 1em auto; }
h1 { font-size: 15pt; margin: 0 0 .2em; }
h2 { font-size: 11.5pt; margin: .8em 0 .3em; border-bottom: 1px solid #777; }
p { margin: .25em 0; }
.source { font-size: 8.5pt; color: #333; }
.draft { white-space: pre-wrap; border: 1px solid #777; padding: .3em .5em; margin: .3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: .15em .4em; text-align: left; vertical-align: top; }
td.date { white-space: nowrap; }
ol, ul { margin: .2em 0; padding-left: 1.6em; }
.iv-report ul.iv-items { font-size: 9pt; }
.missing { border: 2px dashed #8b0000; padding: .3em .6em; margin: .5em 0; }
.todo { font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 8.8pt; line-height: 1.25; }
  h1 { font-size: 13pt; }
  h2 { font-size: 10.5pt; margin: .5em 0 .2em; }
  table { font-size: 8.5pt; }
  section { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _findings_html(report: Report | None) -> str:
    """The report in the layout of every view (:func:`infoview_lib.render.report_html`). The draft is
    shown by the section itself, so the renderer quotes the phrases instead of repeating the draft."""
    return "" if report is None else report_html(report, show_text=False)


def _todo(key: str) -> str:
    return f"<p class='todo'>Still to do. {_esc(_TO_DO[key])}</p>"




def _request_section(plan: InterviewPlan) -> str:
    body = [f"<p>Sent by: {_esc(plan.channel)}</p>"
            f"<div class='draft' aria-label='my request draft'>{_esc(plan.request_text)}</div>",
            _findings_html(plan.request_report())] if plan.request_text.strip() else [_todo("request")]
    return "<section id='request'><h2>1. My request</h2>" + "".join(body) + "</section>"


def _questions_section(plan: InterviewPlan) -> str:
    questions = [q for q in plan.questions if q.strip()]
    body = []
    if plan.topics:
        body.append(f"<p>Agreed topics: {_esc(', '.join(plan.topics))}</p>")
    if plan.minutes is not None:
        each = f", about {plan.minutes / len(questions):.0f} minutes a question" if questions else ""
        body.append(f"<p>Time given: {plan.minutes:g} minutes{each}.</p>")
    else:
        body.append(_todo("minutes"))
    if questions:
        body.append("<ol>" + "".join(f"<li>{_esc(q)}</li>" for q in questions) + "</ol>")
        body.append(_findings_html(plan.questions_report()))
    else:
        body.append(_todo("questions"))
    return "<section id='questions'><h2>2. My questions</h2>" + "".join(body) + "</section>"


def _logistics_section(plan: InterviewPlan) -> str:
    if plan.meeting_at is None:
        return "<section id='logistics'><h2>3. Logistics</h2>" + _todo("meeting") + "</section>"
    rows = [("Meeting", _when(plan.meeting_at)), ("Meant to last", f"{plan.meeting_length:g} minutes"),
            ("Confirm time and place on", _when(plan.confirmed_on)),
            ("Arrive at", _when(plan.arrive_at)), ("Keep free until", _when(plan.free_until))]
    table = "<table><tbody>" + "".join(
        f"<tr><th scope='row'>{_esc(label)}</th><td>{_esc(value)}</td></tr>" for label, value in rows
    ) + "</tbody></table>"
    return ("<section id='logistics'><h2>3. Logistics</h2>" + table
            + _findings_html(plan.logistics_report()) + "</section>")


def _schedule_section(plan: InterviewPlan) -> str:
    schedule = plan.follow_up_schedule()
    if schedule is None:
        return "<section id='follow-up'><h2>4. Follow-up schedule</h2>" + _todo("interview_on") + "</section>"
    return (f"<section id='follow-up'><h2>4. Follow-up schedule</h2>"
            f"<p>Counting from the interview on {_esc(_when(plan.follow_up_from))}. "
            f"The same schedule is in the calendar file {_esc(CALENDAR_NAME)}.</p>"
            f"{schedule_html(schedule)}</section>")


def prep_sheet_html(plan: InterviewPlan) -> str:
    """A one-page, printable, self-contained HTML prep sheet for ``plan``.

    Sections: what is still missing (if anything), the request draft with its findings,
    the questions with the minutes, the logistics with their findings, and the
    follow-up schedule. All student text is HTML-escaped; the page has print CSS
    (``@page`` A4, no page breaks inside sections) and no external resources.
    """
    if not isinstance(plan, InterviewPlan):
        raise TypeError(f"plan must be an InterviewPlan, not {type(plan).__name__}")
    missing = plan.missing()
    gaps = ""
    if missing:
        gaps = ("<section id='missing' class='missing'><h2>Still missing</h2><ul>"
                + "".join(f"<li>{_esc(m)}</li>" for m in missing) + "</ul></section>")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_esc(plan.title)}</title><style>{_SHEET_CSS}</style></head><body>"
        f"<header><h1>{_esc(plan.title)}</h1>"
        "<p class='source'>Prep sheet from the Infoview course. Advice from "
        "\u201cDemystifying the Informational Interview\u201d by Ellen Mehling, "
        "and named career-centre guidance. Print it, or save it as PDF from your browser.</p></header>"
        f"<main>{gaps}{_request_section(plan)}{_questions_section(plan)}"
        f"{_logistics_section(plan)}{_schedule_section(plan)}</main></body></html>\n"
    )


def write_prep_sheet(plan: InterviewPlan, path) -> Path:
    """Write the prep sheet to ``path`` atomically (temp file + rename); returns the path."""
    return atomic_write_bytes(Path(path), prep_sheet_html(plan).encode("utf-8"))


def write_follow_up_calendar(plan: InterviewPlan, path) -> Path:
    """Write the follow-up schedule as an ``.ics`` file (via ``infoview_lib.calendar``).

    Raises ValueError when the plan has no interview date yet.
    """
    schedule = plan.follow_up_schedule()
    if schedule is None:
        raise ValueError(_TO_DO["interview_on"])
    from .calendar import write_follow_up_ics

    write_follow_up_ics(schedule, path)
    return Path(path)


def export_plan(plan: InterviewPlan, folder) -> dict[str, Path]:
    """Write the prep sheet, and the calendar file when there is an interview date, into ``folder``.

    Returns ``{"prep_sheet": path, "calendar": path}`` (no "calendar" without a date).
    """
    folder = Path(folder)
    written = {"prep_sheet": write_prep_sheet(plan, folder / PREP_SHEET_NAME)}
    if plan.follow_up_from is not None:
        written["calendar"] = write_follow_up_calendar(plan, folder / CALENDAR_NAME)
    return written


#: file suffix -> (MIME type, link text) for :func:`download_links_html`
_DOWNLOADS = {
    ".html": ("text/html", "Download my prep sheet"),
    ".ics": ("text/calendar", "Download my follow-up calendar"),
}


def download_links_html(paths) -> str:
    """Download links for written files, as HTML (``data:`` URIs, so they work on Binder too).

    ``paths`` is an iterable of paths or the dict returned by :func:`export_plan`.
    """
    if isinstance(paths, dict):
        paths = paths.values()
    links = []
    for path in map(Path, paths):
        mime, text = _DOWNLOADS.get(path.suffix.lower(), ("application/octet-stream", f"Download {path.name}"))
        links.append(f"<li>{download_link_html(path.read_bytes(), path.name, text, mime=mime)}</li>")
    return "<ul class='iv-downloads'>" + "".join(links) + "</ul>"


def sheet_preview_html(plan: InterviewPlan, height_em: int = 40) -> str:
    """The prep sheet framed for display in a notebook (an ``iframe`` keeps its print CSS to itself)."""
    return (f"<figure class='iv-sheet-preview' style='margin:0'>"
            f"<iframe title='Preview of your prep sheet' srcdoc='{_esc(prep_sheet_html(plan))}' "
            f"style='width:100%;height:{int(height_em)}em;border:1px solid #777;background:#fff'></iframe>"
            "<figcaption>Preview of your prep sheet. To print it, open the downloaded file in your browser "
            "and use its print command.</figcaption></figure>")
