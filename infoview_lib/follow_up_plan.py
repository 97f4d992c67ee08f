"""The follow-up plan: a dated list of actions for the year after an interview.

Not a rule: :func:`plan_follow_up` says what to do and when, following the same advice
the contact-log rules (:mod:`infoview_lib.rules.follow_up`) check afterwards.
"""
from __future__ import annotations

import calendar as _calendar
import datetime as _dt
from typing import TYPE_CHECKING

from .inputs import as_date

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Columns of the plan :func:`plan_follow_up` returns.
PLAN_COLUMNS = ("date", "action", "channel", "kind", "advice_id")


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The same day of the month ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _calendar.monthrange(year, month)[1]))


def _midpoint(a: _dt.date, b: _dt.date) -> _dt.date:
    return a + (b - a) // 2


def plan_follow_up(interview_on, *, email_thanks: bool = True) -> "pd.DataFrame":
    """A year of follow-up after an interview on ``interview_on`` (a date or "2026-03-02").

    Returns a pandas DataFrame sorted by date with columns ``date`` (a ``datetime.date``),
    ``action`` (what to do, in plain words), ``channel``, ``kind`` (as in a contact log)
    and ``advice_id``:

    - the same day, a brief thank-you e-mail (left out with ``email_thanks=False``);
    - two days later, a handwritten thank-you note;
    - within a week, a LinkedIn connection if it went well;
    - a catching-up e-mail every three months for a year;
    - between them, now and then something useful to share, and an offer of help.

    The plan is deterministic: the same date always gives the same plan.
    """
    import pandas as pd

    day = as_date(interview_on, "interview_on")
    if not isinstance(email_thanks, bool):
        raise TypeError(f"email_thanks must be True or False, not {type(email_thanks).__name__}")
    catch_ups = [add_months(day, m) for m in (3, 6, 9, 12)]
    rows = []
    if email_thanks:
        rows.append((day, "Send a brief thank-you e-mail the same day.",
                     "email", "thanks", "after.thank_you_timely"))
    rows += [
        (day + _dt.timedelta(days=2), "Post a handwritten thank-you note that names one thing you learned"
         + (" (it follows your e-mail)." if email_thanks else "."), "handwritten", "thanks", "after.handwritten"),
        (day + _dt.timedelta(days=7), "If it went well, connect on LinkedIn with a short personal note.",
         "linkedin", "connect", "after.stay_in_touch"),
    ]
    for n, when in enumerate(catch_ups, start=1):
        rows.append((when, f"Send a brief catching-up e-mail ({n} of 4): what you have done since, "
                           "and a question about their work.", "email", "catch-up", "after.cadence"))
    rows += [
        (_midpoint(catch_ups[0], catch_ups[1]), "Share something they would find useful: an article, a post "
         "or news about their work or workplace.", "email", "share", "after.share_useful"),
        (_midpoint(catch_ups[1], catch_ups[2]), "Offer to help with something they mentioned (a contact, "
         "a resource, a hand with a project).", "email", "offer", "after.offer_help"),
        (_midpoint(catch_ups[2], catch_ups[3]), "Share something useful again: a post, a report or news "
         "related to their work.", "email", "share", "after.share_useful"),
    ]
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
