"""Afterward: a follow-up plan, and an audit of the contacts you logged ("contact log").

Source: "Demystifying the Informational Interview" by Ellen Mehling, section
"Afterward": thank them within a few days (a handwritten note is best; a short e-mail
straight away followed by the note is fine), connect or otherwise stay in touch if
it went well, send a brief catching-up message every few months, now and then pass
on something useful, make no new request until regular contact has gone on for a
while, don't make every message a request, don't force it if they stop replying,
and look for a way to be of service to them.

- :func:`audit_contact_log` checks a log of the messages you actually sent;
- the plan of what to send (:func:`~infoview_lib.follow_up_plan.plan_follow_up`) and the table
  reader (:mod:`infoview_lib.tables`) have their own modules; both names are importable from here.

The kit's reading of the article's words (documented so the numbers can be seen):
thanks within :data:`~infoview_lib.rules.thank_you.TIMELY_DAYS` days (the thank-you
rules' own deadline); between catching-up messages no less than :data:`MIN_GAP_DAYS` days (about monthly at most) and no more than
:data:`MAX_GAP_DAYS` days (about six months); a new request only after
:data:`NO_REQUEST_DAYS` days *and* :data:`MIN_CONTACTS_BEFORE_REQUEST` regular
messages; at most :data:`MAX_UNANSWERED_IN_A_ROW` unanswered messages in a row.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..follow_up_plan import PLAN_COLUMNS, add_months, plan_follow_up  # noqa: F401  (public here too)
from ..inputs import KINDS, as_date, channel_key, is_handwritten
from ..report import Report
from ..tables import is_blank, is_missing, read_date, read_plan, require_columns, table_rows  # noqa: F401
from .base import Verdict, rule, run_rules
from .thank_you import TIMELY_DAYS, TIMELY_FAILED

ARTEFACT = "contact log"

#: Columns a contact log must have.
LOG_COLUMNS = ("date", "channel", "kind", "replied")

#: Messages after the thanks closer together than this (days) come too often.
MIN_GAP_DAYS = 21
#: Gaps longer than this (days, about six months) mean you have dropped out of touch.
MAX_GAP_DAYS = 183
#: No new request within this many days of the interview...
NO_REQUEST_DAYS = 90
#: ...nor before this many regular messages (catch-up, share, offer).
MIN_CONTACTS_BEFORE_REQUEST = 2
#: More unanswered messages in a row than this is forcing it.
MAX_UNANSWERED_IN_A_ROW = 2

#: Kinds that count as keeping in touch after the thanks (a LinkedIn connection is not a message).
_MESSAGE_KINDS = ("catch-up", "share", "request", "offer")
#: Kinds that build regular contact before a request is welcome.
_REGULAR_KINDS = ("catch-up", "share", "offer")
_KIND_ALIASES = {
    "thank-you": "thanks", "thank you": "thanks", "thankyou": "thanks",
    "catch up": "catch-up", "catchup": "catch-up", "catching up": "catch-up", "catching-up": "catch-up",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


# -- reading a contact log ------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """One message you sent, as read from a contact log."""

    row: int
    """Its row number in the log as given, counting from 1."""
    date: _dt.date
    channel: str
    """How it went: "email", "handwritten", "linkedin", ... (lower case)."""
    kind: str
    """One of :data:`KINDS`."""
    replied: bool
    """True when they replied."""

    @property
    def handwritten(self) -> bool:
        return is_handwritten(self.channel)

    def label(self) -> str:
        """How messages name it: "4 March 2026 (row 2)"."""
        return f"{_day(self.date)} (row {self.row})"


@dataclass(frozen=True)
class ContactLog:
    """A validated contact log: the contacts from the interview day on, in date order."""

    interview_on: _dt.date
    contacts: tuple[Contact, ...]
    left_out: tuple[Contact, ...] = ()
    """Rows dated before the interview (e.g. the original request): not audited."""

    def of_kind(self, *kinds: str) -> list[Contact]:
        return [c for c in self.contacts if c.kind in kinds]

    def days_after(self, contact: Contact) -> int:
        return (contact.date - self.interview_on).days


def _day(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _read_replied(value, row: int) -> bool:
    if is_missing(value):
        return False  # not answered (yet)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    elif type(value).__name__ in ("bool", "bool_") or (isinstance(value, (int, float)) and value in (0, 1)):
        return bool(value)
    raise ValueError(f"contact log row {row}: replied must be True or False (did they reply?), not {value!r}")


def _read_kind(value) -> str | None:
    if not isinstance(value, str):
        return None
    word = " ".join(value.strip().lower().split())
    word = _KIND_ALIASES.get(word, word)
    return word if word in KINDS else None


def read_contact_log(log, interview_on, *, skip_undated: bool = False) -> ContactLog:
    """Validate a contact log: a DataFrame (or list of dicts) with columns date, channel, kind, replied.

    Raises TypeError for something that is not a table, and ValueError naming the missing
    columns, or the rows whose date, kind or replied value cannot be read. With
    ``skip_undated``, rows without a date (a log still being filled in) are left out
    instead of refused; every other row keeps its row number.
    """
    found, records = table_rows(log, "contact log", LOG_COLUMNS)
    day = as_date(interview_on, "interview_on")
    if not records:
        return ContactLog(day, ())
    require_columns(found, "contact log", LOG_COLUMNS, f" (kind one of {', '.join(KINDS)})")
    contacts, bad_kinds = [], []
    for row, record in enumerate(records, start=1):
        if skip_undated and is_blank(record["date"]):
            continue
        kind = _read_kind(record["kind"])
        if kind is None:
            bad_kinds.append(f"row {row} has {'no kind' if is_missing(record['kind']) else repr(record['kind'])}")
            continue
        when = read_date(record["date"], "contact log", row)
        try:
            channel = "" if is_missing(record["channel"]) else channel_key(record["channel"])
        except ValueError as error:
            raise ValueError(f"contact log row {row}: channel {error}") from None
        contacts.append(Contact(row, when, channel, kind, _read_replied(record["replied"], row)))
    if bad_kinds:
        raise ValueError(f"unknown kind of contact: {'; '.join(bad_kinds)}. Allowed kinds: {', '.join(KINDS)}")
    contacts.sort(key=lambda c: (c.date, c.row))
    return ContactLog(
        day,
        tuple(c for c in contacts if c.date >= day),
        tuple(c for c in contacts if c.date < day),
    )


def audit_contact_log(log, interview_on, *, skip_undated: bool = False) -> Report:
    """Audit the messages you sent after an interview on ``interview_on``.

    ``log`` is a pandas DataFrame (or a list of dicts) with one row per message you sent:
    ``date``, ``channel`` ("email", "handwritten", "linkedin", ...), ``kind`` (one of
    thanks, catch-up, share, request, offer, connect) and ``replied`` (True if they
    answered). Rows dated before the interview (such as the original request) are
    left out. An empty log gives a report where nothing is met yet.

    Findings: after.thank_you_timely, after.handwritten, after.stay_in_touch,
    after.cadence, after.share_useful, after.no_early_requests, after.not_always_asking,
    after.dont_force, after.offer_help. Messages name the dates and rows they are about.

    ``skip_undated=True`` leaves out rows without a date instead of refusing the log
    (the follow-up widget uses it while a row is half filled); the other rows keep
    their numbers, so "row 3" is still the third row of the log.
    """
    return run_rules(ARTEFACT, read_contact_log(log, interview_on, skip_undated=skip_undated))


# -- rule examples ----------------------------------------------------------------------------------

_INTERVIEW = "2026-03-02"
_THANKS = (("2026-03-02", "email", "thanks", True), ("2026-03-04", "handwritten", "thanks", False))
_GOOD_YEAR = _THANKS + (
    ("2026-03-09", "linkedin", "connect", True),
    ("2026-04-20", "email", "share", True),
    ("2026-06-01", "email", "catch-up", True),
    ("2026-07-15", "email", "offer", True),
    ("2026-09-01", "email", "catch-up", False),
    ("2026-10-20", "email", "share", True),
    ("2026-12-01", "email", "catch-up", True),
    ("2027-01-25", "email", "request", True),
)
_PUSHY = (
    ("2026-03-02", "email", "thanks", False),
    ("2026-03-09", "email", "catch-up", False),
    ("2026-03-16", "email", "request", False),
    ("2026-03-23", "email", "catch-up", True),
    ("2026-03-30", "email", "request", False),
)
_GHOSTED = _THANKS + (
    ("2026-06-01", "email", "catch-up", False),
    ("2026-07-15", "email", "share", False),
    ("2026-09-01", "email", "catch-up", False),
    ("2026-12-01", "email", "catch-up", False),
)


def _example(rows, interview_on=_INTERVIEW) -> dict:
    """Rule-example keyword arguments for :func:`audit_contact_log`."""
    return {"log": [dict(zip(LOG_COLUMNS, r)) for r in rows], "interview_on": interview_on}


_EMPTY = _example(())


# -- rules -------------------------------------------------------------------------------------------


def _nothing_logged() -> Verdict:
    return Verdict(False, detail="Nothing is logged yet.")


def _logged_at_least_once(log: ContactLog, kind: str) -> Verdict:
    found = log.of_kind(kind)
    if not found:
        return Verdict(False, detail=f"No {kind} is logged." if log.contacts else "Nothing is logged yet.")
    times = "once" if len(found) == 1 else f"{len(found)} times"
    return Verdict(True, detail=f"Logged {times}, first on {found[0].label()}.")


@rule("after.thank_you_timely", ARTEFACT,
      passed=f"You thanked them within {TIMELY_DAYS} days.",
      failed=TIMELY_FAILED,
      passes=[_example(_GOOD_YEAR), _example((("2026-03-05", "handwritten", "thanks", False),))],
      fails=[_EMPTY, _example((("2026-03-06", "handwritten", "thanks", False),)),
             _example((("2026-03-03", "linkedin", "connect", True),))])
def thanks_within_a_few_days(log: ContactLog) -> Verdict:
    """Met when the first logged thanks went at most TIMELY_DAYS days after the interview."""
    thanks = log.of_kind("thanks")
    if not thanks:
        return Verdict(False, detail="No thank-you is logged.")
    first = thanks[0]
    days = log.days_after(first)
    when = "on the day of the interview" if days == 0 else f"{days} day{'s' if days != 1 else ''} after the interview"
    if days <= TIMELY_DAYS:
        return Verdict(True, detail=f"Your first thanks went on {first.label()}, {when}.")
    return Verdict(False, detail=f"Your first thanks went on {first.label()}, {when}.")


@rule("after.handwritten", ARTEFACT,
      passed="You sent a handwritten thank-you note.",
      failed="Send a handwritten thank-you note (a quick e-mail first is fine, then the note).",
      passes=[_example(_GOOD_YEAR), _example((("2026-03-03", "card", "thanks", False),))],
      fails=[_EMPTY, _example((("2026-03-02", "email", "thanks", True),)),
             _example((("2026-03-10", "handwritten", "catch-up", False),))])
def handwritten_thanks(log: ContactLog) -> Verdict:
    """Met when a thank-you was sent by a handwritten channel."""
    thanks = log.of_kind("thanks")
    notes = [c for c in thanks if c.handwritten]
    if notes:
        before = [c for c in thanks if not c.handwritten and c.date <= notes[0].date]
        follows = f", following your {before[0].channel or 'first'} thanks of {before[0].label()}" if before else ""
        return Verdict(True, detail=f"The note went on {notes[0].label()}{follows}.")
    if thanks:
        how = ", ".join(f"{c.channel or 'an unnamed channel'} on {c.label()}" for c in thanks)
        return Verdict(False, detail=f"Your thanks went by {how}; follow it with a handwritten note.")
    return Verdict(False, detail="No thank-you is logged.")


@rule("after.stay_in_touch", ARTEFACT,
      passed="You stayed in touch after the thanks.",
      failed="If it went well, connect (for example on LinkedIn) or send a short catching-up note later on.",
      passes=[_example(_GOOD_YEAR), _example(_THANKS + (("2026-06-01", "email", "catch-up", False),))],
      fails=[_EMPTY, _example(_THANKS)])
def stay_in_touch(log: ContactLog) -> Verdict:
    """Met when any contact other than thanks is logged."""
    if not log.contacts:
        return _nothing_logged()
    later = [c for c in log.contacts if c.kind != "thanks"]
    if not later:
        return Verdict(False, detail="Only thank-you messages are logged.")
    connect = [c for c in later if c.kind == "connect"]
    first = (connect or later)[0]
    what = "You connected" if connect else f"You sent a {first.kind} message"
    return Verdict(True, detail=f"{what} on {first.label()}.")


def _gaps(log: ContactLog) -> list[tuple[Contact | None, Contact, int]]:
    """(previous, message, days) for each message after the thanks (previous None = the thanks or interview)."""
    messages = log.of_kind(*_MESSAGE_KINDS)
    if not messages:
        return []
    thanks_before = [c for c in log.of_kind("thanks") if c.date <= messages[0].date]
    start = thanks_before[-1].date if thanks_before else log.interview_on
    gaps = [(None, messages[0], (messages[0].date - start).days)]
    gaps += [(a, b, (b.date - a.date).days) for a, b in zip(messages, messages[1:])]
    return gaps


@rule("after.cadence", ARTEFACT,
      passed="Your messages come every few months: not too often, and not never.",
      failed="Send a brief catching-up message every few months: not every week, and not never.",
      passes=[_example(_GOOD_YEAR), _example(_GHOSTED)],
      fails=[_EMPTY, _example(_PUSHY), _example(_THANKS + (("2027-01-10", "email", "catch-up", True),)),
             _example(_THANKS)])
def catch_up_every_few_months(log: ContactLog) -> Verdict:
    """Met when every gap between messages is MIN_GAP_DAYS to MAX_GAP_DAYS days."""
    gaps = _gaps(log)
    if not gaps:
        return Verdict(False, detail="No message after the thanks is logged yet.")
    listed = f"Days between your messages after the thanks: {', '.join(str(d) for _, _, d in gaps)}."
    too_close = [(a, b, d) for a, b, d in gaps if d < MIN_GAP_DAYS]
    too_far = [(a, b, d) for a, b, d in gaps if d > MAX_GAP_DAYS]
    problems = []
    if too_close:
        first = too_close[0][1]
        problems.append(f"{len(too_close)} came less than {MIN_GAP_DAYS} days after the one before "
                        f"(first: {first.label()}), which is too often")
    if too_far:
        first = too_far[0][1]
        problems.append(f"{len(too_far)} came more than {MAX_GAP_DAYS} days after the one before "
                        f"(first: {first.label()}), which lets the contact go cold")
    if problems:
        said = "; ".join(problems)
        return Verdict(False, detail=f"{listed} {said[0].upper()}{said[1:]}.")
    return Verdict(True, detail=listed)


@rule("after.share_useful", ARTEFACT,
      passed="You passed on something useful.",
      failed="Now and then, send something they would find useful: an article, a post, news about their work.",
      passes=[_example(_GOOD_YEAR), _example(_GHOSTED)],
      fails=[_EMPTY, _example(_PUSHY)])
def share_something_useful(log: ContactLog) -> Verdict:
    """Met when something useful was shared at least once."""
    return _logged_at_least_once(log, "share")


@rule("after.no_early_requests", ARTEFACT,
      passed="You asked for nothing new until you had been in regular touch for a while.",
      failed=f"Ask for nothing new until about {NO_REQUEST_DAYS} days have passed and you have sent "
             f"at least {MIN_CONTACTS_BEFORE_REQUEST} catching-up or sharing messages.",
      passes=[_example(_GOOD_YEAR), _example(_GHOSTED)],
      fails=[_EMPTY, _example(_PUSHY),
             _example(_THANKS + (("2026-06-10", "email", "request", True),))])
def no_early_requests(log: ContactLog) -> Verdict:
    """Met when no request came before NO_REQUEST_DAYS days and MIN_CONTACTS_BEFORE_REQUEST messages."""
    if not log.contacts:
        return _nothing_logged()
    regular = 0
    first_request = None
    for contact in log.contacts:
        if contact.kind == "request":
            days = log.days_after(contact)
            said = (f"Your request of {contact.label()} came {days} days after the interview, after {regular} "
                    f"catching-up, sharing or offering message{'s' if regular != 1 else ''}.")
            if days < NO_REQUEST_DAYS or regular < MIN_CONTACTS_BEFORE_REQUEST:
                return Verdict(False, detail=said)
            first_request = first_request or said
        elif contact.kind in _REGULAR_KINDS:
            regular += 1
    return Verdict(True, detail=first_request or "No request is logged.")


@rule("after.not_always_asking", ARTEFACT,
      passed="Most of your messages ask for nothing.",
      failed="Make most of your messages about them, not requests.",
      passes=[_example(_GOOD_YEAR), _example(_PUSHY)],
      fails=[_EMPTY, _example(_THANKS + (("2026-07-01", "email", "request", True),
                                         ("2026-10-01", "email", "request", True)))])
def not_always_asking(log: ContactLog) -> Verdict:
    """Met when fewer than half of the logged messages are requests."""
    if not log.contacts:
        return _nothing_logged()
    requests = log.of_kind("request")
    total = len(log.contacts)
    detail = f"{len(requests)} of your {total} messages {'is a request' if len(requests) == 1 else 'are requests'}."
    if len(requests) * 2 < total:
        return Verdict(True, detail=detail)
    rows = ", ".join(c.label() for c in requests)
    return Verdict(False, detail=f"{detail[:-1]}: {rows}.")


@rule("after.dont_force", ARTEFACT,
      passed="You let them set the pace when they went quiet.",
      failed=f"If they stop replying, stop after {MAX_UNANSWERED_IN_A_ROW} unanswered messages and let it go.",
      passes=[_example(_GOOD_YEAR), _example(_PUSHY)],
      fails=[_EMPTY, _example(_GHOSTED)])
def dont_force_it(log: ContactLog) -> Verdict:
    """Met when at most MAX_UNANSWERED_IN_A_ROW messages in a row went unanswered."""
    if not log.contacts:
        return _nothing_logged()
    streak: list[Contact] = []
    longest: list[Contact] = []
    for contact in log.contacts:
        if contact.kind == "thanks":
            continue  # a thank-you needs no answer; it neither starts nor ends a silence
        if contact.replied:
            streak = []
        else:
            streak.append(contact)
            if len(streak) > len(longest):
                longest = list(streak)
    if len(longest) > MAX_UNANSWERED_IN_A_ROW:
        return Verdict(False, detail=f"You sent {len(longest)} messages in a row with no reply, from "
                                     f"{longest[0].label()} to {longest[-1].label()}.")
    if not longest:
        return Verdict(True, detail="Every message after the thanks got a reply.")
    return Verdict(True, detail=f"At most {len(longest)} message{'s' if len(longest) != 1 else ''} in a row "
                                "went unanswered.")


@rule("after.offer_help", ARTEFACT,
      passed="You offered to help them in return.",
      failed="Think of a way to be useful to them, and offer it.",
      passes=[_example(_GOOD_YEAR), _example(_THANKS + (("2026-05-01", "email", "offer", False),))],
      fails=[_EMPTY, _example(_GHOSTED)])
def offer_help(log: ContactLog) -> Verdict:
    """Met when an offer of help was logged at least once."""
    return _logged_at_least_once(log, "offer")
