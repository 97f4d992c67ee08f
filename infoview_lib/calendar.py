"""The follow-up plan as an iCalendar (.ics) file that any calendar app can import.

Each row of the plan (see :func:`infoview_lib.follow_up_plan.plan_follow_up`)
becomes one all-day event whose description says what to do and which advice it
follows (from "Demystifying the Informational Interview" by Ellen Mehling).

The output is reproducible: an event's UID comes from its date and action, so
importing a re-exported plan updates events instead of duplicating them, and the
DTSTAMP comes from the plan's first date rather than the clock.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

from .advice import ADVICE
from .inputs import require_text
from .tables import read_plan

PRODID = "-//Infoview//Informational interview follow-up//EN"
DEFAULT_SUMMARY_PREFIX = "Informational interview follow-up"
UID_DOMAIN = "infoview.invalid"


def event_uid(day: _dt.date, action: str) -> str:
    """A stable UID for the event of ``action`` on ``day``."""
    digest = hashlib.sha256(f"{day.isoformat()}\n{action}".encode("utf-8")).hexdigest()[:32]
    return f"{day:%Y%m%d}-{digest}@{UID_DOMAIN}"


def _description(row: dict) -> str:
    lines = [str(row["action"]).strip()]
    advice_id = row.get("advice_id")
    if isinstance(advice_id, str) and advice_id in ADVICE:
        advice = ADVICE[advice_id]
        lines.append(f"Why: {advice.summary} (advice {advice.id}; source: {advice.source})")
    return "\n\n".join(lines)


def follow_up_ics(plan, summary_prefix: str = DEFAULT_SUMMARY_PREFIX) -> bytes:
    """The plan as iCalendar bytes: one all-day VEVENT per row, in date order.

    ``plan`` is a DataFrame (or list of dicts) with at least the columns ``date``,
    ``action`` and ``advice_id`` (``kind`` and ``channel`` are used when present). A
    row repeating an earlier row's date and action is the same event and is written
    once. Raises TypeError/ValueError naming what is wrong, including an empty plan.
    """
    from icalendar import Calendar, Event

    prefix = require_text(summary_prefix, "summary_prefix").strip()
    rows = read_plan(plan, columns=("date", "action", "advice_id"))
    if not rows:
        raise ValueError("the plan has no rows: make one with plan_follow_up(interview_on)")
    stamp = _dt.datetime.combine(rows[0]["date"], _dt.time(), tzinfo=_dt.timezone.utc)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", prefix or DEFAULT_SUMMARY_PREFIX)
    seen = set()
    for row in rows:
        action = require_text(row["action"], "action").strip()
        if not action:
            raise ValueError(f"a plan row on {row['date']} has an empty action")
        uid = event_uid(row["date"], action)
        if uid in seen:
            continue
        seen.add(uid)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", row["date"])
        event.add("dtend", row["date"] + _dt.timedelta(days=1))
        event.add("summary", f"{prefix}: {action}" if prefix else action)
        event.add("description", _description(row))
        if isinstance(row.get("kind"), str) and row["kind"]:
            event.add("categories", [row["kind"]])
        event.add("transp", "TRANSPARENT")  # a reminder: it does not make you busy all day
        cal.add_component(event)
    return cal.to_ical()


def write_follow_up_ics(plan, path, summary_prefix: str = DEFAULT_SUMMARY_PREFIX) -> Path:
    """Write :func:`follow_up_ics` to ``path`` atomically and return the path.

    The file is written to a temporary file in the same folder and then moved into
    place (:func:`infoview_lib.work_store.atomic_write_bytes`), so a reader never sees
    half a file and a failed export leaves any earlier file untouched. Missing parent
    folders are created.
    """
    from .work_store import atomic_write_bytes

    return atomic_write_bytes(Path(path), follow_up_ics(plan, summary_prefix))
