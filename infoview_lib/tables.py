"""Reading tables that students fill in (a follow-up plan, a contact log): a pandas DataFrame or
a list of dicts, read without importing pandas, with errors that name the table, row and column.

Not a rule: the contact-log rules (:mod:`infoview_lib.rules.follow_up`), the calendar export and the
timeline plot all read their tables here.
"""
from __future__ import annotations

import datetime as _dt
import math

from .inputs import as_date, is_dataframe


def is_missing(value) -> bool:
    """True for None, NaN, pandas' NaT and NA: an empty cell."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ in (
        "NaTType", "NAType")


def is_blank(value) -> bool:
    """True for an empty cell or a cell holding only spaces."""
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def read_date(value, table: str, row: int) -> _dt.date:
    """The date in a cell; ValueError naming the table and row when it is empty or unreadable."""
    if is_blank(value):
        raise ValueError(f"{table} row {row}: the date is empty; give a day such as '2026-03-14'")
    try:
        return as_date(value, "date")
    except (TypeError, ValueError) as error:
        raise ValueError(f"{table} row {row}: {error}") from None


def table_rows(table, name: str, columns) -> tuple[list[str], list[dict]]:
    """The column names and the rows (as dicts) of a table: a pandas DataFrame or a list of dicts.

    Neither needs pandas to be imported here: a DataFrame is read through its own
    ``to_dict``, and a list of dicts (what the grading process receives) is read as
    it is, a key missing from a row counting as an empty cell.
    """
    if is_dataframe(table):
        return [str(c) for c in table.columns], table.to_dict("records")
    if isinstance(table, (list, tuple)):
        if not all(isinstance(row, dict) for row in table):
            bad = next(type(row).__name__ for row in table if not isinstance(row, dict))
            raise TypeError(f"a {name} given as a list must hold one dict per row, not {bad}")
        found = list(dict.fromkeys(str(key) for row in table for key in row))
        return found, [{**dict.fromkeys(found), **{str(k): v for k, v in row.items()}} for row in table]
    raise TypeError(
        f"the {name} must be a pandas DataFrame (or a list of dicts) with columns {', '.join(columns)}, "
        f"not {type(table).__name__}"
    )


def require_columns(found, name: str, columns, hint: str = "") -> None:
    missing = [c for c in columns if c not in found]
    if missing:
        raise ValueError(
            f"the {name} is missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"it needs {', '.join(columns)}{hint}"
        )


def read_plan(plan, columns=("date", "action", "kind")) -> list[dict]:
    """The rows of a follow-up plan (from :func:`~infoview_lib.follow_up_plan.plan_follow_up`, or a contact log) as dicts,
    sorted by date, with ``date`` read as a ``datetime.date``.

    Raises TypeError for something that is not a table and ValueError naming missing
    columns or a date that cannot be read. Used by the calendar export and the timeline plot.
    """
    found, records = table_rows(plan, "plan", columns)
    if not records:
        return []
    require_columns(found, "plan", columns)
    rows = []
    for number, record in enumerate(records, start=1):
        record["date"] = read_date(record["date"], "plan", number)
        rows.append(record)
    rows.sort(key=lambda r: r["date"])
    return rows
