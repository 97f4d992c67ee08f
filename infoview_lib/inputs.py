"""Validation of what students and instructors pass in: clear errors that name what was wrong."""
from __future__ import annotations

import datetime as _dt

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
