"""Validation of what students and instructors pass in: clear errors that name what was wrong."""
from __future__ import annotations

import datetime as _dt

#: What an untouched answer cell or draft still holds (nbgrader's stub, a template's "...").
#: An answer that is only this is unanswered, not wrong: the scorers and the grading checks both read it.
UNANSWERED_PLACEHOLDERS = ("YOUR ANSWER HERE", "YOUR CODE HERE", "...")

MAX_TEXT_CHARS = 20_000


def is_dataframe(value) -> bool:
    """True for a pandas DataFrame, told without importing pandas (the grading process never does)."""
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_dict") and hasattr(value, "columns")


def require_text(value, name: str = "text") -> str:
    """Return ``value`` if it is a str of at most MAX_TEXT_CHARS characters."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str (the text you wrote), not {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(
            f"{name} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}. "
            "Paste only the message itself."
        )
    return value


def as_date(value, name: str) -> _dt.date:
    """A date from a ``date``, a ``datetime`` (its date) or an ISO string ("2026-03-14")."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            raise ValueError(
                f"{name} must be a date like '2026-03-14' (ISO format, year-month-day), not {value!r}"
            ) from None
    raise TypeError(
        f"{name} must be a date, a datetime or an ISO date string like '2026-03-14', not {type(value).__name__}"
    )


def as_datetime(value, name: str) -> _dt.datetime:
    """A naive datetime from a ``datetime``, a ``date`` (midnight) or an ISO string ("2026-03-14T10:00")."""
    if isinstance(value, _dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    if isinstance(value, _dt.date):
        return _dt.datetime.combine(value, _dt.time())
    if isinstance(value, str):
        try:
            parsed = _dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{name} must be a date and time like '2026-03-14T10:00' (ISO format), not {value!r}"
            ) from None
        return parsed if parsed.tzinfo is None else parsed.astimezone().replace(tzinfo=None)
    raise TypeError(
        f"{name} must be a datetime, a date or an ISO string like '2026-03-14T10:00', not {type(value).__name__}"
    )


# -- channels: how a message is sent ----------------------------------------------------------------
# One vocabulary for the request, the thank-you note and the contact log, so that a word means the
# same thing to every rule ("post" is a handwritten note everywhere; see tests/test_inputs.py).

#: Every channel the kit knows -> whether it is a handwritten note (the "after.handwritten" advice).
CHANNELS = {
    "email": False,
    "linkedin": False,
    "handwritten": True,
    "email+handwritten": True,
    "phone": False,
    "voicemail": False,
    "text": False,
    "in person": False,
}
#: Other words for the channels above (lower case, single spaces).
CHANNEL_ALIASES = {
    "e-mail": "email", "mail": "email", "e mail": "email",
    "linkedin message": "linkedin", "linkedin-message": "linkedin", "inmail": "linkedin",
    "handwritten note": "handwritten", "hand-written": "handwritten", "hand-written note": "handwritten",
    "card": "handwritten", "letter": "handwritten", "post": "handwritten",
    "e-mail+handwritten": "email+handwritten", "email and handwritten": "email+handwritten",
    "email then handwritten": "email+handwritten", "email + handwritten": "email+handwritten",
    "both": "email+handwritten",
    "call": "phone", "phone call": "phone", "telephone": "phone", "voice mail": "voicemail",
    "sms": "text", "text message": "text",
    "in-person": "in person", "face to face": "in person",
}
#: Words refused as too vague, with what to write instead. "note" alone could be a handwritten note
#: or an e-mailed one, and the two meet different advice, so the kit asks rather than guesses.
AMBIGUOUS_CHANNELS = {
    "note": "'note' could be a handwritten note or an e-mail: write 'handwritten' or 'email'",
}
#: The channels a request can be sent by (e-mail and LinkedIn are the written ones the advice prefers).
REQUEST_CHANNELS = ("email", "linkedin", "phone", "voicemail", "text")
#: Written channels the reader can answer in their own time (the "request.channel" advice).
WRITTEN_CHANNELS = frozenset({"email", "linkedin"})
#: The channels a thank-you note can be sent by.
THANK_YOU_CHANNELS = ("handwritten", "email+handwritten", "email", "linkedin")


def channel_key(channel) -> str:
    """``channel`` in lower case with single spaces and aliases resolved; unknown words are returned
    as they are (the contact log keeps them). ValueError for an ambiguous word such as "note"."""
    key = " ".join(str(channel).strip().lower().split())
    if key in AMBIGUOUS_CHANNELS:
        raise ValueError(AMBIGUOUS_CHANNELS[key])
    return CHANNEL_ALIASES.get(key, key)


def is_handwritten(channel) -> bool:
    """True when ``channel`` (any word of the vocabulary) is a handwritten note.

    >>> is_handwritten("Post"), is_handwritten("email+handwritten"), is_handwritten("e-mail")
    (True, True, False)
    """
    return CHANNELS.get(channel_key(channel), False)


def normalise_channel(channel, allowed, name: str = "channel") -> str:
    """``channel`` as one of ``allowed`` (canonical names), aliases resolved; TypeError for a non-str,
    ValueError listing the allowed values for an unknown or ambiguous word.

    >>> normalise_channel("E-mail", REQUEST_CHANNELS)
    'email'
    """
    if not isinstance(channel, str):
        raise TypeError(f"{name} must be a str such as {allowed[0]!r}, not {type(channel).__name__}")
    choices = ", ".join(repr(c) for c in allowed)
    try:
        key = channel_key(channel)
    except ValueError as error:
        raise ValueError(f"{name}: {error} (one of {choices})") from None
    if key not in allowed:
        raise ValueError(f"{name} must be one of {choices}, not {channel!r}")
    return key


# -- kinds of contact: what a contact-log row (or a row of the follow-up plan) records ----------------

#: Every kind of contact -> how the widgets and the timeline name it.
CONTACT_KINDS = {
    "thanks": "Thank-you",
    "catch-up": "Catching up",
    "share": "Sharing something useful",
    "request": "A request",
    "offer": "An offer of help",
    "connect": "Connecting (e.g. LinkedIn)",
}
#: The kinds of contact, in the order the widgets offer them.
KINDS = tuple(CONTACT_KINDS)
