"""The logistics planner: when you meet, how long for, confirm, arrive, and how long you keep free.

Same as ``check_logistics(meeting_at, confirmed_on=..., arrive_at=..., free_until=...,
duration_minutes=...)``. Arrival and free-until are times on the meeting day.
"""
from __future__ import annotations

import datetime as _dt

import ipywidgets as widgets

from ..rules.logistics import DEFAULT_DURATION_MINUTES, MAX_DURATION_MINUTES, check_logistics
from ..saved_work import LogisticsPlan
from ._common import CoachWidget, iso_or_none, same_as_html


def _picker(kind, description: str):
    """A date or time picker with room for its label and the browser's input."""
    return kind(description=description, style={"description_width": "14em"}, layout=widgets.Layout(width="27em"))


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
    def saved(self) -> LogisticsPlan:
        """What the pickers hold, as the record the planner saves."""
        return LogisticsPlan(**{name: picker.value for name, picker in self._pickers().items()},
                             duration_minutes=self.duration.value)

    @property
    def plan(self) -> dict:
        """The arguments for check_logistics, from the pickers (None where not chosen)."""
        saved = self.saved
        return {"meeting_at": saved.meeting_at, "confirmed_on": saved.confirmed_on, "arrive_at": saved.arrive_at,
                "free_until": saved.free_until, "duration_minutes": saved.duration_minutes}

    def snapshot(self) -> dict:
        return self.saved.to_dict()

    def apply(self, data: dict) -> None:
        saved = LogisticsPlan.from_dict(data)
        for name, picker in self._pickers().items():
            picker.value = getattr(saved, name)
        duration = saved.duration_minutes
        valid = isinstance(duration, int) and self.duration.min <= duration <= self.duration.max
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
