"""The logistics planner: when you meet, how long for, confirm, arrive, and how long you keep free.

Same as ``check_logistics(meeting_at, confirmed_on=..., arrive_at=..., free_until=...,
duration_minutes=...)``. Arrival and free-until are times on the meeting day.
"""
from __future__ import annotations

import datetime as _dt

import ipywidgets as widgets

from ..rules.logistics import DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES, check_logistics
from ._common import CoachWidget, iso_or_none, parse_iso, same_as_html


def _picker(kind, description: str):
    """A date or time picker with room for its label and the browser's input."""
    return kind(description=description, style={"description_width": "14em"}, layout=widgets.Layout(width="27em"))


def _on_day(day: _dt.date | None, time: _dt.time | None) -> _dt.datetime | None:
    return _dt.datetime.combine(day, time) if day is not None and time is not None else None


class LogisticsPlanner(CoachWidget):
    """Pickers for the meeting and your plan around it, with feedback.

    Drive it from Python: ``meeting_date.value`` (a date), ``meeting_time.value`` (a time),
    ``duration.value`` (minutes the meeting is meant to last, 30 unless changed),
    ``confirmed_on.value`` (a date), ``arrive_time.value`` and ``free_until_time.value``
    (times on the meeting day). Read ``report`` and ``feedback.value``.
    Saves ``{"meeting_at", "confirmed_on", "arrive_at", "free_until"}`` as ISO strings
    (null until both a date and a time are chosen), ``"duration_minutes"``, plus
    ``"pickers"``: each picker's own value, so a half-filled plan comes back as it was.
    """

    def __init__(self, store=None, key: str = "logistics"):
        super().__init__(store=store, key=key, title="Logistics planner: confirm, arrive, keep time free",
                         same_as="check_logistics(meeting_at, confirmed_on=None, arrive_at=None, free_until=None, "
                                 "duration_minutes=30)")
        self.meeting_date = _picker(widgets.DatePicker, "Meeting date")
        self.meeting_time = _picker(widgets.TimePicker, "Meeting starts at")
        self.duration = widgets.BoundedIntText(
            value=DEFAULT_DURATION_MINUTES, min=5, max=MAX_DURATION_MINUTES, step=5,
            description="It should last (minutes)", style={"description_width": "14em"},
            layout=widgets.Layout(width="22em"))
        self.confirmed_on = _picker(widgets.DatePicker, "I confirm (or confirmed) on")
        self.arrive_time = _picker(widgets.TimePicker, "I plan to arrive at")
        self.free_until_time = _picker(widgets.TimePicker, "My day is free until")
        note = widgets.HTML("<small>Arrival and free-until are times on the meeting day.</small>")
        self.set_body(widgets.HBox((self.meeting_date, self.meeting_time)), self.duration, self.confirmed_on,
                      self.arrive_time, self.free_until_time, note)
        for picker in (*self._pickers().values(), self.duration):
            picker.observe(self.changed, "value")
        self.reload()

    def _pickers(self) -> dict[str, widgets.ValueWidget]:
        return {"meeting_date": self.meeting_date, "meeting_time": self.meeting_time,
                "confirmed_on": self.confirmed_on, "arrive_time": self.arrive_time,
                "free_until_time": self.free_until_time}

    @property
    def plan(self) -> dict:
        """The arguments for check_logistics, from the pickers (None where not chosen)."""
        day = self.meeting_date.value
        return {
            "meeting_at": _on_day(day, self.meeting_time.value),
            "confirmed_on": self.confirmed_on.value,
            "arrive_at": _on_day(day, self.arrive_time.value),
            "free_until": _on_day(day, self.free_until_time.value),
            "duration_minutes": self.duration.value,
        }

    def snapshot(self) -> dict:
        plan = self.plan
        data = {name: iso_or_none(value) for name, value in plan.items() if name != "duration_minutes"}
        data["duration_minutes"] = plan["duration_minutes"]
        data["pickers"] = {name: iso_or_none(p.value) for name, p in self._pickers().items()}
        return data

    def apply(self, data: dict) -> None:
        pickers = data.get("pickers") if isinstance(data.get("pickers"), dict) else {}
        meeting = parse_iso(data.get("meeting_at"), _dt.datetime)
        arrive = parse_iso(data.get("arrive_at"), _dt.datetime)
        free = parse_iso(data.get("free_until"), _dt.datetime)
        values = {
            "meeting_date": parse_iso(pickers.get("meeting_date"), _dt.date) or (meeting and meeting.date()),
            "meeting_time": parse_iso(pickers.get("meeting_time"), _dt.time) or (meeting and meeting.time()),
            "confirmed_on": parse_iso(pickers.get("confirmed_on"), _dt.date)
            or parse_iso(data.get("confirmed_on"), _dt.date),
            "arrive_time": parse_iso(pickers.get("arrive_time"), _dt.time) or (arrive and arrive.time()),
            "free_until_time": parse_iso(pickers.get("free_until_time"), _dt.time) or (free and free.time()),
        }
        for name, picker in self._pickers().items():
            picker.value = values[name] or None
        duration = data.get("duration_minutes")
        valid = isinstance(duration, int) and not isinstance(duration, bool) \
            and self.duration.min <= duration <= self.duration.max
        self.duration.value = duration if valid else DEFAULT_DURATION_MINUTES

    def update_feedback(self) -> None:
        plan = self.plan
        shown = {k: (v.isoformat(timespec="minutes") if isinstance(v, _dt.datetime) else iso_or_none(v))
                 for k, v in plan.items() if k != "duration_minutes"}
        duration = plan["duration_minutes"]
        self.same_as.value = same_as_html(
            "check_logistics({meeting_at!r}, confirmed_on={confirmed_on!r}, arrive_at={arrive_at!r}, "
            "free_until={free_until!r}".format(**shown)
            + (f", duration_minutes={duration})" if duration != DEFAULT_DURATION_MINUTES else ")")
        )
        if plan["meeting_at"] is None:
            self.show_message("Choose the meeting date and start time to see feedback on your plan.")
            return
        self.show_report(check_logistics(**plan))


def logistics_planner(store=None, key: str = "logistics") -> LogisticsPlanner:
    """A logistics planner widget.

    Same as: ``check_logistics(meeting_at, confirmed_on=None, arrive_at=None, free_until=None,
    duration_minutes=30)``.
    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return LogisticsPlanner(store=store, key=key)
