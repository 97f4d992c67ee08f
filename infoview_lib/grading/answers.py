"""Answers as JSON: what a test cell sends to the grading process, and back.

A student's answer is a str, a number, a list of questions, a date or datetime (or
an ISO string), or a pandas DataFrame (a contact log). :func:`encode` turns such a
value into JSON-ready data, tagging the types JSON lacks; :func:`decode` rebuilds
them in the grading process. A DataFrame comes back as its rows (a list of dicts
keyed by column), which the contact-log scorer reads exactly like the DataFrame,
so the grading process never imports pandas. An empty cell (NaN, pandas' NaT or NA) is
sent as None, which the scorers read as an empty cell, as they do in the notebook.
Anything else is refused with an error that names the answer and its type, so the
student learns what to change.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from ..inputs import is_dataframe
from ..errors import InfoviewError
from ..tables import is_missing

_DATE = "__date__"
_DATETIME = "__datetime__"
_FRAME = "__frame__"


class AnswerTypeError(InfoviewError, TypeError):
    """The answer holds a value that cannot be graded (e.g. a function or a widget)."""


def encode(value: Any, name: str = "answer") -> Any:
    """JSON-ready data for ``value`` (see the module docstring for what is accepted)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return value
    if is_missing(value):  # pandas' NaT (a datetime) and NA: an empty cell, sent as one
        return None
    if isinstance(value, _dt.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, _dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [encode(v, f"{name}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {str(k): encode(v, f"{name}[{k!r}]") for k, v in value.items()}
    if is_dataframe(value):
        rows = value.to_dict(orient="records")
        return {_FRAME: {"columns": [str(c) for c in value.columns],
                         "rows": [encode(r, f"{name} row {i}") for i, r in enumerate(rows)]}}
    # numpy / pandas scalars (numpy.int64, numpy.bool_, pandas.Timestamp)
    if hasattr(value, "to_pydatetime"):
        return encode(value.to_pydatetime(), name)
    if hasattr(value, "item") and callable(value.item):
        try:
            return encode(value.item(), name)
        except (TypeError, ValueError):
            pass
    raise AnswerTypeError(
        f"{name} is a {type(value).__name__}, which cannot be graded: use text in quotes, "
        "a number, a list, a date like '2026-03-14' or a pandas DataFrame"
    )


def decode(data: Any) -> Any:
    """Rebuild the value :func:`encode` produced; a DataFrame becomes its list of row dicts."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        if set(data) == {_DATE}:
            return _dt.date.fromisoformat(data[_DATE])
        if set(data) == {_DATETIME}:
            return _dt.datetime.fromisoformat(data[_DATETIME])
        if set(data) == {_FRAME}:
            return [decode(row) for row in data[_FRAME]["rows"]]
        return {k: decode(v) for k, v in data.items()}
    return data
