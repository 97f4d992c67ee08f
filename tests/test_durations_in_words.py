"""How the logistics messages say a duration (``rules.logistics.describe_minutes`` / ``describe_days``):
singular and plural, hours and minutes, whole days from two days up, and a negative gap by its size.
(``make mutation`` found these wordings untested.)"""
from __future__ import annotations

import pytest

from infoview_lib.rules.logistics import describe_days, describe_minutes


@pytest.mark.parametrize("minutes, words", [
    (0, "0 minutes"), (1, "1 minute"), (25, "25 minutes"), (24.6, "25 minutes"), (-25, "25 minutes"),
    (60, "1 hour"), (61, "1 hour 1 minute"), (125, "2 hours 5 minutes"), (120, "2 hours"),
    (2 * 24 * 60 - 1, "47 hours 59 minutes"), (2 * 24 * 60, "2 days"), (3 * 24 * 60 + 600, "3 days"),
    (20 * 24 * 60, "20 days"), (90 * 24 * 60, "90 days"),
])
def test_a_duration_in_minutes_reads_as_people_say_it(minutes, words):
    assert describe_minutes(minutes) == words


@pytest.mark.parametrize("days, words", [(1, "1 day"), (-1, "1 day"), (0, "0 days"), (3, "3 days"), (-3, "3 days")])
def test_a_number_of_days_reads_as_people_say_it(days, words):
    assert describe_days(days) == words
