"""plan_follow_up and audit_contact_log: the year after the interview."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_lib import ADVICE, audit_contact_log, plan_follow_up
from infoview_lib.rules.follow_up import (MAX_GAP_DAYS, MIN_CONTACTS_BEFORE_REQUEST, MIN_GAP_DAYS,
                                           NO_REQUEST_DAYS)

INTERVIEW = dt.date(2026, 3, 2)
AFTER_IDS = ["after.thank_you_timely", "after.handwritten", "after.stay_in_touch", "after.cadence",
             "after.share_useful", "after.no_early_requests", "after.not_always_asking", "after.dont_force",
             "after.offer_help"]


def log(*rows):
    return pd.DataFrame(rows, columns=["date", "channel", "kind", "replied"])


#: A year of contact done well: e-mail then handwritten thanks, a LinkedIn connection, a message
#: every six weeks or so alternating catch-ups, shares and an offer, and one request after ten months.
GOOD_YEAR = log(
    ("2026-03-02", "email", "thanks", True),
    ("2026-03-04", "handwritten", "thanks", False),
    ("2026-03-08", "linkedin", "connect", True),
    ("2026-04-17", "email", "share", True),
    ("2026-06-05", "email", "catch-up", True),
    ("2026-07-20", "email", "offer", True),
    ("2026-09-07", "email", "catch-up", False),
    ("2026-10-22", "email", "share", True),
    ("2026-12-03", "email", "catch-up", True),
    ("2027-01-14", "email", "request", True),
)

#: Weekly messages from the start, and a request two weeks after the interview.
PUSHY = log(
    ("2026-03-02", "email", "thanks", True),
    ("2026-03-09", "email", "catch-up", True),
    ("2026-03-16", "email", "request", False),
    ("2026-03-23", "email", "share", True),
    ("2026-03-30", "email", "catch-up", False),
)

#: They went quiet after the thanks, and were messaged four more times.
GHOSTED = log(
    ("2026-03-03", "email", "thanks", False),
    ("2026-05-20", "email", "catch-up", False),
    ("2026-07-10", "email", "share", False),
    ("2026-09-01", "email", "catch-up", False),
    ("2026-11-02", "email", "catch-up", False),
)


# -- the plan ---------------------------------------------------------------------------------


def test_plan_columns_order_and_advice():
    plan = plan_follow_up(INTERVIEW)
    assert list(plan.columns) == ["date", "action", "channel", "kind", "advice_id"]
    assert list(plan["date"]) == sorted(plan["date"])
    assert all(isinstance(d, dt.date) for d in plan["date"])
    assert set(plan["advice_id"]) <= set(ADVICE)
    assert {"after.thank_you_timely", "after.handwritten", "after.stay_in_touch", "after.cadence",
            "after.share_useful", "after.offer_help"} <= set(plan["advice_id"])
    assert all(isinstance(a, str) and a.strip() for a in plan["action"])


def test_plan_dates_follow_the_article():
    plan = plan_follow_up("2026-03-02")
    days = {kind: [(d - INTERVIEW).days for d in plan.loc[plan["kind"] == kind, "date"]]
            for kind in set(plan["kind"])}
    email_thanks, note = plan[plan["kind"] == "thanks"].itertuples()
    assert (email_thanks.channel, (email_thanks.date - INTERVIEW).days) == ("email", 0)
    assert note.channel == "handwritten" and 2 <= (note.date - INTERVIEW).days <= 3
    assert len(days["connect"]) == 1 and days["connect"][0] <= 7
    catch_ups = list(plan.loc[plan["kind"] == "catch-up", "date"])
    assert [(d.year, d.month, d.day) for d in catch_ups] == [(2026, 6, 2), (2026, 9, 2), (2026, 12, 2),
                                                              (2027, 3, 2)]
    for share in plan.loc[plan["kind"] == "share", "date"]:
        assert any(a < share < b for a, b in zip(catch_ups, catch_ups[1:]))  # between catch-ups
    assert len(days["offer"]) == 1


def test_plan_catch_ups_keep_to_the_end_of_short_months():
    plan = plan_follow_up(dt.date(2026, 11, 30))
    catch_ups = list(plan.loc[plan["kind"] == "catch-up", "date"])
    assert catch_ups[0] == dt.date(2027, 2, 28)


def test_plan_without_email_thanks_keeps_the_handwritten_note():
    with_email, without = plan_follow_up(INTERVIEW), plan_follow_up(INTERVIEW, email_thanks=False)
    assert len(without) == len(with_email) - 1
    assert list(without.loc[without["kind"] == "thanks", "channel"]) == ["handwritten"]


def test_plan_is_deterministic_and_rejects_bad_input():
    pd.testing.assert_frame_equal(plan_follow_up(INTERVIEW), plan_follow_up(dt.datetime(2026, 3, 2, 15, 30)))
    with pytest.raises(ValueError, match="interview_on must be a date"):
        plan_follow_up("2 March")
    with pytest.raises(TypeError, match="interview_on"):
        plan_follow_up(20260302)
    with pytest.raises(TypeError, match="email_thanks must be True or False"):
        plan_follow_up(INTERVIEW, email_thanks="no")


@settings(max_examples=25, deadline=None)
@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)), email_thanks=st.booleans())
def test_following_the_plan_on_any_date_passes_the_audit(day, email_thanks):
    plan = plan_follow_up(day, email_thanks=email_thanks)
    assert list(plan["date"]) == sorted(plan["date"]) and plan["date"].iloc[0] >= day
    report = audit_contact_log(plan.assign(replied=True), day)
    assert report.passed, report.to_text()


# -- the audit --------------------------------------------------------------------------------------


def test_a_good_year_of_contact_meets_everything():
    report = audit_contact_log(GOOD_YEAR, INTERVIEW)
    assert report.artefact == "contact log" and report.advice_ids == AFTER_IDS
    assert report.passed, report.to_text()
    assert report.text is None and all(f.spans == () for f in report.findings)
    assert "following your email thanks of 2 March 2026 (row 1)" in report.finding("after.handwritten").message


def test_a_pushy_log_is_too_frequent_and_asks_too_early():
    report = audit_contact_log(PUSHY, INTERVIEW)
    cadence = report.finding("after.cadence")
    assert not cadence.passed and "7, 7, 7, 7" in cadence.message and "too often" in cadence.message
    early = report.finding("after.no_early_requests")
    assert not early.passed and "16 March 2026 (row 3)" in early.message and "14 days" in early.message
    assert not report.finding("after.handwritten").passed
    assert "by email on 2 March 2026" in report.finding("after.handwritten").message
    assert report.finding("after.not_always_asking").passed  # 1 request in 5 messages is a minority
    assert report.score < 0.7


def test_a_ghosted_contact_messaged_four_times_is_forcing_it():
    report = audit_contact_log(GHOSTED, INTERVIEW)
    forcing = report.finding("after.dont_force")
    assert not forcing.passed
    assert "4 messages in a row" in forcing.message
    assert "20 May 2026 (row 2)" in forcing.message and "2 November 2026 (row 5)" in forcing.message
    assert report.finding("after.cadence").passed


@pytest.mark.parametrize("unanswered, met", [(2, True), (3, False)])
def test_two_unanswered_messages_in_a_row_are_the_limit(unanswered, met):
    rows = [("2026-03-02", "email", "thanks", False), ("2026-06-01", "email", "catch-up", True)]
    rows += [(f"2026-{7 + 2 * i:02d}-01", "email", "catch-up", False) for i in range(unanswered)]
    assert audit_contact_log(log(*rows), INTERVIEW).finding("after.dont_force").passed is met


@pytest.mark.parametrize("days, met", [(0, True), (3, True), (4, False)])
def test_thanks_within_three_days(days, met):
    sent = INTERVIEW + dt.timedelta(days=days)
    f = audit_contact_log(log((sent, "card", "thanks", False)), INTERVIEW).finding("after.thank_you_timely")
    assert f.passed is met
    assert f"{days} days after" in f.message or (days == 0 and "on the day" in f.message)


def test_cadence_flags_a_gap_over_six_months_and_lists_the_gaps():
    cold = log(("2026-03-02", "email", "thanks", True), ("2026-05-30", "email", "catch-up", True),
               ("2027-01-15", "email", "catch-up", True))
    f = audit_contact_log(cold, INTERVIEW).finding("after.cadence")
    assert not f.passed and "89, 230" in f.message and "go cold" in f.message
    only_thanks = audit_contact_log(log(("2026-03-02", "email", "thanks", True)), INTERVIEW)
    assert not only_thanks.finding("after.cadence").passed


def test_requests_need_time_and_regular_contact_and_must_stay_a_minority():
    one_share_then_ask = log(("2026-03-02", "email", "thanks", True), ("2026-05-01", "email", "share", True),
                             ("2026-07-01", "email", "request", True))
    f = audit_contact_log(one_share_then_ask, INTERVIEW).finding("after.no_early_requests")
    assert not f.passed and "after 1 catching-up" in f.message  # 121 days, but only one regular message
    asking = log(("2026-03-02", "email", "thanks", True), ("2026-06-10", "email", "request", True),
                 ("2026-09-10", "email", "request", True))
    f = audit_contact_log(asking, INTERVIEW).finding("after.not_always_asking")
    assert not f.passed and "2 of your 3 messages are requests" in f.message


def test_the_original_request_before_the_interview_is_left_out():
    with_request = pd.concat([log(("2026-02-10", "linkedin", "request", True)), GOOD_YEAR], ignore_index=True)
    report = audit_contact_log(with_request, INTERVIEW)
    assert report.passed, report.to_text()


def test_empty_logs_fail_everything_without_an_exception():
    for empty in ([], log(), pd.DataFrame()):
        report = audit_contact_log(empty, INTERVIEW)
        assert report.advice_ids == AFTER_IDS
        assert report.score == 0 and not any(f.passed for f in report.findings)


def test_a_list_of_dicts_and_loose_spellings_are_read_like_a_dataframe():
    rows = GOOD_YEAR.to_dict("records")
    rows[4] = {**rows[4], "kind": " Catch up ", "replied": "yes"}
    rows[1] = {**rows[1], "channel": "Handwritten", "replied": None}
    assert audit_contact_log(rows, "2026-03-02").findings == audit_contact_log(GOOD_YEAR, INTERVIEW).findings


@pytest.mark.parametrize("bad, error, words", [
    ("2026-03-02 thanks", TypeError, "must be a pandas DataFrame"),
    ([("2026-03-02", "email", "thanks", True)], TypeError, "one dict per row"),
    (log(("2026-03-02", "email", "thanks", True)).drop(columns=["replied"]), ValueError,
     "missing the column replied"),
    (log(("2026-03-02", "email", "thanks", True), ("2026-04-02", "email", "coffee", True)), ValueError,
     r"row 2 has 'coffee'.*Allowed kinds: thanks, catch-up, share, request, offer, connect"),
    (log(("2026-03-02", "email", "thanks", True), ("April", "email", "share", True)), ValueError,
     "contact log row 2: date must be a date"),
    (log(("2026-03-02", "email", "thanks", "maybe")), ValueError, "row 1: replied must be True or False"),
])
def test_bad_logs_name_what_was_wrong(bad, error, words):
    with pytest.raises(error, match=words):
        audit_contact_log(bad, INTERVIEW)


def test_an_undated_row_is_refused_unless_skipped_and_then_rows_keep_their_numbers():
    rows = log(("2026-03-09", "linkedin", "connect", True), ("", "email", "share", False),
               ("2026-03-04", "handwritten", "thanks", False))
    with pytest.raises(ValueError, match="contact log row 2: the date is empty"):
        audit_contact_log(rows, INTERVIEW)
    report = audit_contact_log(rows, INTERVIEW, skip_undated=True)
    timely = next(f for f in report.findings if f.advice_id == "after.thank_you_timely")
    assert timely.passed and "4 March 2026 (row 3)" in timely.message
    # the undated share is left out, not counted
    assert not next(f for f in report.findings if f.advice_id == "after.share_useful").passed


# -- thresholds, each on both sides (built from the library's constants) ------------------------------


def _days(n: int) -> dt.date:
    return INTERVIEW + dt.timedelta(days=n)


@pytest.mark.parametrize("gap", [MIN_GAP_DAYS - 1, MIN_GAP_DAYS])
def test_messages_closer_than_the_minimum_gap_come_too_often(gap):
    rows = log((_days(0), "email", "thanks", True), (_days(60), "email", "catch-up", True),
               (_days(60 + gap), "email", "share", True))
    f = audit_contact_log(rows, INTERVIEW).finding("after.cadence")
    assert f.passed is (gap >= MIN_GAP_DAYS), f.message
    assert f"Days between your messages after the thanks: 60, {gap}." in f.message
    if not f.passed:
        assert f"less than {MIN_GAP_DAYS} days" in f.message and "too often" in f.message


@pytest.mark.parametrize("gap", [MAX_GAP_DAYS, MAX_GAP_DAYS + 1])
def test_a_gap_longer_than_the_maximum_lets_the_contact_go_cold(gap):
    rows = log((_days(0), "email", "thanks", True), (_days(60), "email", "catch-up", True),
               (_days(60 + gap), "email", "share", True))
    f = audit_contact_log(rows, INTERVIEW).finding("after.cadence")
    assert f.passed is (gap <= MAX_GAP_DAYS), f.message
    assert (f"more than {MAX_GAP_DAYS} days" in f.message) is (gap > MAX_GAP_DAYS)


@pytest.mark.parametrize("day", [NO_REQUEST_DAYS - 1, NO_REQUEST_DAYS])
def test_no_request_before_the_wait_is_over(day):
    """Enough regular messages well before either day, so only the wait decides."""
    rows = [(_days(0), "email", "thanks", True)]
    rows += [(_days(1 + i), "email", "share", True) for i in range(MIN_CONTACTS_BEFORE_REQUEST)]
    rows.append((_days(day), "email", "request", True))
    f = audit_contact_log(log(*rows), INTERVIEW).finding("after.no_early_requests")
    assert f.passed is (day >= NO_REQUEST_DAYS), f.message
    assert f"came {day} days after the interview, after {MIN_CONTACTS_BEFORE_REQUEST} catching-up" in f.message


@pytest.mark.parametrize("regular", [MIN_CONTACTS_BEFORE_REQUEST - 1, MIN_CONTACTS_BEFORE_REQUEST])
def test_no_request_before_enough_regular_messages(regular):
    rows = [(_days(0), "email", "thanks", True)]
    rows += [(_days(30 * (i + 1)), "email", "catch-up", True) for i in range(regular)]
    rows.append((_days(NO_REQUEST_DAYS + 60), "email", "request", True))
    f = audit_contact_log(log(*rows), INTERVIEW).finding("after.no_early_requests")
    assert f.passed is (regular >= MIN_CONTACTS_BEFORE_REQUEST), f.message


def test_the_follow_up_thresholds_are_the_courses_reading_of_the_article():
    """The numbers the lessons and the feedback teach (see the module docstring of rules/follow_up.py):
    no catch-up closer than three weeks, none further apart than about six months, no new request
    for about three months, thanks within three days. Changing one is a change to the course: do it
    here on purpose, not by accident."""
    from infoview_lib.rules.thank_you import TIMELY_DAYS

    assert (MIN_GAP_DAYS, MAX_GAP_DAYS, NO_REQUEST_DAYS, MIN_CONTACTS_BEFORE_REQUEST, TIMELY_DAYS) == (21, 183, 90, 2, 3)
