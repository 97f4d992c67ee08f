"""check_logistics: confirming a few days ahead, the arrival window and buffer time."""
from __future__ import annotations

import datetime as dt

import pytest

from infoview_lib import check_logistics

MEETING = dt.datetime(2026, 3, 14, 10, 0)


def finding(advice_id, **kwargs):
    return check_logistics(kwargs.pop("meeting_at", MEETING), **kwargs).finding(advice_id)


def minutes_before(n):
    return MEETING - dt.timedelta(minutes=n)


def test_a_good_plan_meets_all_three_and_is_not_a_text():
    report = check_logistics("2026-03-14T10:00", confirmed_on="2026-03-11", arrive_at="2026-03-14T09:53",
                             free_until="2026-03-14T11:15")
    assert report.artefact == "logistics"
    assert report.advice_ids == ["prep.confirm", "prep.arrival_window", "prep.buffer_time"]
    assert report.passed and report.score == 1.0
    assert report.text is None and all(f.spans == () for f in report.findings)


@pytest.mark.parametrize("days_before, met", [(0, False), (1, True), (3, True), (5, True), (6, False),
                                              (21, False), (-1, False)])
def test_confirm_between_one_and_five_days_ahead(days_before, met):
    f = finding("prep.confirm", confirmed_on=MEETING.date() - dt.timedelta(days=days_before))
    assert f.passed is met, f.message


def test_confirm_messages_say_what_went_wrong_and_suggest_a_day():
    assert "on the day itself" in finding("prep.confirm", confirmed_on=MEETING.date()).message
    too_early = finding("prep.confirm", confirmed_on="2026-02-21").message
    assert "21 days" in too_early and "too early" in too_early and "11 March 2026" in too_early
    assert "after the meeting" in finding("prep.confirm", confirmed_on="2026-03-16").message
    assert "No confirmation is planned" in finding("prep.confirm").message


@pytest.mark.parametrize("early, met", [(0, True), (5, True), (10, True), (11, False), (25, False),
                                        (-1, False), (-20, False)])
def test_arrive_at_most_ten_minutes_early_and_never_late(early, met):
    assert finding("prep.arrival_window", arrive_at=minutes_before(early)).passed is met


def test_arrival_messages_give_the_numbers():
    assert "25 minutes early" in finding("prep.arrival_window", arrive_at=minutes_before(25)).message
    late = finding("prep.arrival_window", arrive_at=minutes_before(-5)).message
    assert "5 minutes late" in late and "09:50 and 10:00" in late
    assert "2 hours 5 minutes early" in finding("prep.arrival_window", arrive_at=minutes_before(125)).message
    assert "Plan your arrival time" in finding("prep.arrival_window").message


@pytest.mark.parametrize("free_minutes_after_end, met", [(30, True), (90, True), (29, False), (0, False),
                                                         (-10, False)])
def test_keep_thirty_minutes_free_after_the_planned_end(free_minutes_after_end, met):
    free_until = MEETING + dt.timedelta(minutes=45 + free_minutes_after_end)
    f = finding("prep.buffer_time", free_until=free_until, duration_minutes=45)
    assert f.passed is met, f.message
    assert "10:45" in f.message  # the planned end the numbers count from


def test_buffer_counts_from_the_meeting_length():
    free_until = "2026-03-14T11:00"
    assert finding("prep.buffer_time", free_until=free_until).passed  # default 30 minutes: 30 to spare
    short = finding("prep.buffer_time", free_until=free_until, duration_minutes=60)
    assert not short.passed and "0 minutes free" in short.message and "11:30" in short.message
    assert "before the planned end" in finding("prep.buffer_time", free_until="2026-03-14T10:20").message
    assert "keep your diary clear until at least 10:30" in finding(
        "prep.buffer_time", meeting_at="2026-03-14T09:30").message


def test_dates_datetimes_and_iso_strings_give_the_same_findings():
    as_objects = check_logistics(MEETING, dt.date(2026, 3, 12), minutes_before(8), dt.datetime(2026, 3, 14, 11))
    as_strings = check_logistics("2026-03-14T10:00", "2026-03-12", "2026-03-14 09:52", "2026-03-14T11:00")
    with_time = check_logistics(MEETING, dt.datetime(2026, 3, 12, 17, 30), minutes_before(8),
                                dt.datetime(2026, 3, 14, 11))
    assert as_objects.findings == as_strings.findings == with_time.findings


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(meeting_at=None), TypeError, "meeting_at is required"),
    (dict(meeting_at=1400), TypeError, "meeting_at must be a datetime"),
    (dict(meeting_at="2026-03-14"), ValueError, "meeting_at needs a time of day"),
    (dict(meeting_at=dt.date(2026, 3, 14)), ValueError, "meeting_at needs a time of day"),
    (dict(meeting_at="14/03/2026 10am"), ValueError, "meeting_at must be a date and time"),
    (dict(meeting_at=MEETING, confirmed_on="next Tuesday"), ValueError, "confirmed_on must be a date"),
    (dict(meeting_at=MEETING, arrive_at="2026-03-14"), ValueError, "arrive_at needs a time of day"),
    (dict(meeting_at=MEETING, free_until=[11, 0]), TypeError, "free_until must be"),
    (dict(meeting_at=MEETING, duration_minutes="30"), TypeError, "duration_minutes must be a number"),
    (dict(meeting_at=MEETING, duration_minutes=True), TypeError, "duration_minutes must be a number"),
    (dict(meeting_at=MEETING, duration_minutes=0), ValueError, "duration_minutes must be more than 0"),
])
def test_bad_input_names_what_was_wrong(kwargs, error, words):
    with pytest.raises(error, match=words):
        check_logistics(**kwargs)
