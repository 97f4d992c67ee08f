"""Logistics rules: confirming, arriving and keeping time free ("logistics").

Source: "Demystifying the Informational Interview" by Ellen Mehling, section
"Before and during the interview": confirm the time and place a few days ahead,
arrive no more than ten minutes early and never late, and leave room in your day
after the meeting in case they are happy to keep talking.

The kit's reading of "a few days" and "extra time" (documented so students and
instructors can see the numbers):

- confirm 1 to 5 days before the meeting (:data:`CONFIRM_DAYS`); the same day is too
  late, and earlier than 5 days is too early to count, because plans change: confirm
  again closer to the day;
- arrive 0 to 10 minutes before the start (:data:`MAX_MINUTES_EARLY`);
- keep at least 30 minutes free after the planned end (:data:`MIN_BUFFER_MINUTES`).

Use :func:`check_logistics`; it returns a :class:`~infoview_lib.report.Report`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..inputs import as_date, as_datetime
from ..report import Report
from .base import Verdict, rule, run_rules

ARTEFACT = "logistics"

#: Confirm this many days before the meeting: (earliest, latest) inclusive.
CONFIRM_DAYS = (1, 5)
#: Arrive at most this many minutes before the start (and never after it).
MAX_MINUTES_EARLY = 10
#: Keep at least this many minutes free after the meeting's planned end.
MIN_BUFFER_MINUTES = 30
#: The meeting length assumed when none is given.
DEFAULT_DURATION_MINUTES = 30
#: Longest meeting length accepted, in minutes (a whole working day).
MAX_DURATION_MINUTES = 8 * 60


@dataclass(frozen=True)
class MeetingPlan:
    """The logistics of one interview, as checked by the rules below."""

    meeting_at: _dt.datetime
    """When the interview starts."""
    confirmed_on: _dt.date | None
    """When you confirmed (or will confirm) the time and place; None if not planned."""
    arrive_at: _dt.datetime | None
    """When you plan to arrive; None if not planned."""
    free_until: _dt.datetime | None
    """Until when your own schedule is free that day; None if not planned."""
    duration_minutes: float
    """How long the meeting is meant to last."""

    @property
    def ends_at(self) -> _dt.datetime:
        """The meeting's planned end."""
        return self.meeting_at + _dt.timedelta(minutes=self.duration_minutes)

    @property
    def days_confirmed_ahead(self) -> int | None:
        """Whole days between confirming and the meeting day (0 = same day, negative = after)."""
        if self.confirmed_on is None:
            return None
        return (self.meeting_at.date() - self.confirmed_on).days

    @property
    def minutes_early(self) -> float | None:
        """Minutes between your arrival and the start (negative when you arrive late)."""
        if self.arrive_at is None:
            return None
        return (self.meeting_at - self.arrive_at).total_seconds() / 60

    @property
    def buffer_minutes(self) -> float | None:
        """Minutes of your own free time after the planned end (negative when you must leave early)."""
        if self.free_until is None:
            return None
        return (self.free_until - self.ends_at).total_seconds() / 60


def describe_minutes(minutes: float) -> str:
    """A duration in plain words: "1 minute", "25 minutes", "2 hours 5 minutes", "3 days"."""
    total = int(round(abs(minutes)))
    if total >= 2 * 24 * 60:
        return f"{round(total / (24 * 60))} days"
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not hours:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def describe_days(days: int) -> str:
    """A number of days in plain words: "1 day", "3 days"."""
    return f"{abs(days)} day{'s' if abs(days) != 1 else ''}"


def _clock(moment: _dt.datetime) -> str:
    return moment.strftime("%H:%M")


def _day(day: _dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _time_of_day(value, name: str) -> _dt.datetime:
    """A datetime that must carry a time of day (a bare date is ambiguous here)."""
    bare_date = (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)) or (
        isinstance(value, str) and len(value.strip()) <= 10 and "T" not in value and ":" not in value
    )
    if bare_date:
        as_date(value, name)  # a malformed string gets the date parser's clear error first
        raise ValueError(
            f"{name} needs a time of day as well as a date, e.g. '2026-03-14T10:00', not {value!r}"
        )
    return as_datetime(value, name)


def _duration(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"duration_minutes must be a number of minutes, not {type(value).__name__}")
    if not 0 < value <= MAX_DURATION_MINUTES:
        raise ValueError(
            f"duration_minutes must be more than 0 and at most {MAX_DURATION_MINUTES}, not {value!r}"
        )
    return float(value)


def check_logistics(meeting_at, confirmed_on=None, arrive_at=None, free_until=None, *,
                    duration_minutes: float = DEFAULT_DURATION_MINUTES) -> Report:
    """Check the plan around an informational interview against the article's advice.

    ``meeting_at`` (when it starts), ``arrive_at`` and ``free_until`` are datetimes
    or ISO strings with a time ("2026-03-14T10:00"); ``confirmed_on`` is a date (or
    ISO "2026-03-11"). ``duration_minutes`` is how long the meeting is meant to last
    (default 30), used to find its end. Leave a value as None when it is not planned
    yet: that finding is then "not met" and says what to plan.

    Findings: prep.confirm, prep.arrival_window, prep.buffer_time.
    Raises TypeError/ValueError naming the argument that could not be read.
    """
    if meeting_at is None:
        raise TypeError("meeting_at is required: when does the interview start? e.g. '2026-03-14T10:00'")
    plan = MeetingPlan(
        meeting_at=_time_of_day(meeting_at, "meeting_at"),
        confirmed_on=None if confirmed_on is None else as_date(confirmed_on, "confirmed_on"),
        arrive_at=None if arrive_at is None else _time_of_day(arrive_at, "arrive_at"),
        free_until=None if free_until is None else _time_of_day(free_until, "free_until"),
        duration_minutes=_duration(duration_minutes),
    )
    return run_rules(ARTEFACT, plan)


def _suggested_confirm_day(plan: MeetingPlan) -> str:
    return _day(plan.meeting_at.date() - _dt.timedelta(days=3))


@rule("prep.confirm", ARTEFACT,
      passed="You confirm the time and place a few days ahead.",
      failed=f"Confirm the time and place with them a few days ({CONFIRM_DAYS[0]} to {CONFIRM_DAYS[1]}) "
             "before the meeting.",
      passes=[dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-03-11"),
              dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-03-13"),
              dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-03-09")],
      fails=[dict(meeting_at="2026-03-14T10:00"),
             dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-03-14"),
             dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-03-15"),
             dict(meeting_at="2026-03-14T10:00", confirmed_on="2026-02-21")])
def confirm_a_few_days_ahead(plan: MeetingPlan) -> Verdict:
    """Met when the confirmation is planned CONFIRM_DAYS before the meeting."""
    days = plan.days_confirmed_ahead
    earliest, latest = CONFIRM_DAYS
    if days is None:
        return Verdict(False, detail=f"No confirmation is planned yet: for example, write on "
                                     f"{_suggested_confirm_day(plan)}.")
    if earliest <= days <= latest:
        return Verdict(True, detail=f"You confirm {describe_days(days)} before the meeting.")
    if days == 0:
        return Verdict(False, detail="You confirm on the day itself, which is too late for them to "
                                     f"correct a mix-up; confirm on {_suggested_confirm_day(plan)} instead.")
    if days < 0:
        return Verdict(False, detail=f"That date is {describe_days(days)} after the meeting; confirm "
                                     f"before it, for example on {_suggested_confirm_day(plan)}.")
    return Verdict(False, detail=f"You confirm {describe_days(days)} before the meeting, which is too early "
                                 f"to count: plans change, so confirm again on {_suggested_confirm_day(plan)}.")


@rule("prep.arrival_window", ARTEFACT,
      passed=f"You plan to arrive on time and no more than {MAX_MINUTES_EARLY} minutes early.",
      failed=f"Plan to arrive no more than {MAX_MINUTES_EARLY} minutes early, and never late.",
      passes=[dict(meeting_at="2026-03-14T10:00", arrive_at="2026-03-14T09:52"),
              dict(meeting_at="2026-03-14T10:00", arrive_at="2026-03-14T09:50"),
              dict(meeting_at="2026-03-14T10:00", arrive_at="2026-03-14T10:00")],
      fails=[dict(meeting_at="2026-03-14T10:00"),
             dict(meeting_at="2026-03-14T10:00", arrive_at="2026-03-14T09:35"),
             dict(meeting_at="2026-03-14T10:00", arrive_at="2026-03-14T10:05")])
def arrive_in_the_window(plan: MeetingPlan) -> Verdict:
    """Met when the arrival is on time and at most MAX_MINUTES_EARLY minutes early."""
    early = plan.minutes_early
    start = _clock(plan.meeting_at)
    window = (f"{_clock(plan.meeting_at - _dt.timedelta(minutes=MAX_MINUTES_EARLY))} "
              f"and {start}")
    if early is None:
        return Verdict(False, detail=f"Plan your arrival time: aim for between {window}.")
    if 0 <= early <= MAX_MINUTES_EARLY:
        how = "exactly on time" if early == 0 else f"{describe_minutes(early)} early"
        return Verdict(True, detail=f"You plan to arrive {how}.")
    if early < 0:
        return Verdict(False, detail=f"You plan to arrive {describe_minutes(early)} late, after the "
                                     f"{start} start; leave earlier so you arrive between {window}.")
    return Verdict(False, detail=f"You plan to arrive {describe_minutes(early)} early; wait nearby and "
                                 f"go in between {window}.")


@rule("prep.buffer_time", ARTEFACT,
      passed="You keep time free after the meeting in case they want to keep talking.",
      failed=f"Keep at least {MIN_BUFFER_MINUTES} minutes free after the planned end, "
             "in case they want to keep talking.",
      passes=[dict(meeting_at="2026-03-14T10:00", free_until="2026-03-14T11:00"),
              dict(meeting_at="2026-03-14T10:00", free_until="2026-03-14T12:30"),
              dict(meeting_at="2026-03-14T10:00", free_until="2026-03-14T11:30", duration_minutes=45)],
      fails=[dict(meeting_at="2026-03-14T10:00"),
             dict(meeting_at="2026-03-14T10:00", free_until="2026-03-14T10:30"),
             dict(meeting_at="2026-03-14T10:00", free_until="2026-03-14T11:00", duration_minutes=45)])
def keep_buffer_time(plan: MeetingPlan) -> Verdict:
    """Met when at least MIN_BUFFER_MINUTES are free after the planned end."""
    buffer = plan.buffer_minutes
    end = _clock(plan.ends_at)
    enough = _clock(plan.ends_at + _dt.timedelta(minutes=MIN_BUFFER_MINUTES))
    if buffer is None:
        return Verdict(False, detail=f"Plan how long you stay free afterwards: the meeting should end at "
                                     f"{end}, so keep your diary clear until at least {enough}.")
    if buffer >= MIN_BUFFER_MINUTES:
        return Verdict(True, detail=f"You have {describe_minutes(buffer)} free after the planned end at {end}.")
    if buffer >= 0:
        return Verdict(False, detail=f"You have only {describe_minutes(buffer)} free after the planned end at "
                                     f"{end}; keep your diary clear until at least {enough}.")
    return Verdict(False, detail=f"You must leave {describe_minutes(buffer)} before the planned end at {end}; "
                                 f"keep your diary clear until at least {enough}.")
