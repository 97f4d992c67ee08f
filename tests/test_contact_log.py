"""Reading a contact log (``read_contact_log``): what each cell may hold, which rows are audited,
and the errors that name what was wrong."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from infoview_lib.inputs import KINDS
from infoview_lib.rules.follow_up import read_contact_log

DAY = dt.date(2026, 3, 2)


def row(date="2026-03-03", channel="email", kind="thanks", replied=True):
    return {"date": date, "channel": channel, "kind": kind, "replied": replied}


def replied(value):
    return read_contact_log([row(replied=value)], DAY).contacts[0].replied


@pytest.mark.parametrize("value", [True, 1, 1.0, "yes", " Yes ", "Y", "true", "1", np.True_])
def test_a_reply_can_be_written_many_ways(value):
    assert replied(value) is True


@pytest.mark.parametrize("value", [False, 0, 0.0, "no", "No ", "n", "false", "0", "", "  ", None,
                                   float("nan"), np.False_])
def test_no_reply_or_an_empty_cell_is_not_a_reply(value):
    assert replied(value) is False


@pytest.mark.parametrize("value", [2, -1, 0.5, "maybe", "sometimes", dt.date(2026, 3, 5)])
def test_a_replied_value_that_is_not_yes_or_no_is_refused_naming_the_row(value):
    log = [row(), row(date="2026-04-20", kind="catch-up", replied=value)]
    with pytest.raises(ValueError) as error:
        read_contact_log(log, DAY)
    assert str(error.value) == (f"contact log row 2: replied must be True or False (did they reply?), "
                                f"not {value!r}")


def test_an_empty_channel_cell_is_kept_empty_not_a_channel_called_none():
    log = read_contact_log([row(channel=None), row(date="2026-04-20", channel=float("nan"), kind="share")], DAY)
    assert [c.channel for c in log.contacts] == ["", ""]
    assert not log.contacts[0].handwritten


def test_an_undated_row_is_refused_by_default():
    with pytest.raises(ValueError, match="^contact log row 2: the date is empty"):
        read_contact_log([row(), row(date=None, kind="share")], DAY)


@pytest.mark.parametrize("day", ["2/3/2026", "next week", "2026-13-01"])
def test_an_unreadable_interview_date_is_named_interview_on(day):
    with pytest.raises(ValueError, match=r"^interview_on must be a date like '2026-03-14'"):
        read_contact_log([row()], day)


def test_an_empty_log_keeps_the_interview_day():
    log = read_contact_log([], "2026-03-02")
    assert log.interview_on == DAY
    assert log.contacts == () and log.left_out == ()


def test_every_bad_kind_is_named_with_its_row_and_the_allowed_kinds():
    log = [row(kind="thank-you"), row(kind=None), row(kind="lunch"), row(kind=float("nan")), row(kind="share")]
    with pytest.raises(ValueError) as error:
        read_contact_log(log, DAY)
    assert str(error.value) == ("unknown kind of contact: row 2 has no kind; row 3 has 'lunch'; row 4 has no kind. "
                                f"Allowed kinds: {', '.join(KINDS)}")


def test_rows_before_the_interview_are_left_out_and_the_interview_day_is_kept():
    log = read_contact_log([
        row(date="2026-02-10", kind="request", replied=True),   # the original request
        row(date="2026-03-01", kind="catch-up", replied=False),
        row(date="2026-03-02", kind="thanks"),                  # thanks sent on the day
        row(date="2026-03-20", kind="share"),
    ], DAY)
    assert [(c.row, c.date) for c in log.left_out] == [(1, dt.date(2026, 2, 10)), (2, dt.date(2026, 3, 1))]
    assert [(c.row, c.kind) for c in log.contacts] == [(3, "thanks"), (4, "share")]
