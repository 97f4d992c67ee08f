"""The follow-up plan as an .ics file: valid, reproducible, importable without duplicates."""
from __future__ import annotations

import datetime as dt
import os
import re

import icalendar
import pytest

from infoview_lib import plan_follow_up
from infoview_lib.calendar import follow_up_ics, write_follow_up_ics

PLAN = plan_follow_up("2026-03-02")


def events(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_round_trip_gives_one_all_day_event_per_row():
    parsed = events(follow_up_ics(PLAN))
    assert len(parsed) == len(PLAN)
    for event, row in zip(parsed, PLAN.itertuples()):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and start == row.date  # all-day: a date, not a datetime
        assert end - start == dt.timedelta(days=1)
        assert str(event["summary"]) == f"Informational interview follow-up: {row.action}"
        description = str(event["description"])
        assert row.action in description and row.advice_id in description
        assert [str(c) for c in event["categories"].cats] == [row.kind]


def test_the_file_is_valid_icalendar_text():
    data = follow_up_ics(PLAN)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends with CRLF
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "Infoview" in str(cal["prodid"])
    for event in cal.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart", "summary"):
            assert required in event


def test_exports_are_reproducible_and_uids_stable():
    first, again = follow_up_ics(PLAN), follow_up_ics(plan_follow_up(dt.date(2026, 3, 2)))
    assert first == again
    uids = [str(e["uid"]) for e in events(first)]
    assert len(set(uids)) == len(uids)
    stamps = {e.decoded("dtstamp") for e in events(first)}
    assert stamps == {dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)}
    # Editing one action changes that event's UID only: calendar apps update the rest in place.
    edited = PLAN.copy()
    edited.loc[3, "action"] = "Send a catching-up e-mail about the new archive catalogue."
    edited_uids = [str(e["uid"]) for e in events(follow_up_ics(edited))]
    assert [a == b for a, b in zip(uids, edited_uids)] == [i != 3 for i in range(len(PLAN))]


def test_summary_prefix_and_duplicate_rows():
    data = follow_up_ics(PLAN.iloc[:2], summary_prefix="Ms Ruiz")
    assert [str(e["summary"]) for e in events(data)] == [f"Ms Ruiz: {a}" for a in PLAN["action"][:2]]
    doubled = follow_up_ics(PLAN.iloc[[0, 0, 1]])
    assert len(events(doubled)) == 2


@pytest.mark.parametrize("plan, error, words", [
    (PLAN.iloc[:0], ValueError, "the plan has no rows"),
    (PLAN.drop(columns=["action"]), ValueError, "missing the column action"),
    ("2026-03-02", TypeError, "must be a pandas DataFrame"),
    (PLAN.assign(date="soon"), ValueError, "plan row 1: date must be a date"),
])
def test_bad_plans_name_what_was_wrong(plan, error, words):
    with pytest.raises(error, match=words):
        follow_up_ics(plan)


def test_write_is_atomic_and_creates_the_folder(tmp_path):
    target = tmp_path / "my_work" / "follow-up.ics"
    assert write_follow_up_ics(PLAN, target) == target
    assert target.read_bytes() == follow_up_ics(PLAN)
    assert os.listdir(target.parent) == ["follow-up.ics"]  # no temporary file left behind


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "follow-up.ics"
    write_follow_up_ics(PLAN.iloc[:1], target)
    before = target.read_bytes()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_follow_up_ics(PLAN, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["follow-up.ics"]
    assert re.search(rb"BEGIN:VEVENT", before)
