"""The follow-up plan (or a contact log) as a timeline, with a text description.

Each kind of contact has its own row, marker shape and legend label, so the plot
never relies on colour alone; :func:`describe_follow_up_timeline` says in words
what the figure shows, with its key numbers, for the sentence that follows every
figure in the lessons and for screen-reader users.

matplotlib is imported inside the functions, and figures are built with
``matplotlib.figure.Figure`` directly (no pyplot state), so importing this module
is cheap and no figures pile up in a long session.
"""
from __future__ import annotations

import base64
import functools
import html
import io
import statistics
from collections import Counter

from .inputs import KINDS
from .tables import read_plan

#: Marker shape per kind of contact (as well as its own row and a legend label), in the order of KINDS.
MARKERS = dict(zip(KINDS, ("o", "D", "^", "X", "P", "s"), strict=True))
#: A colour-blind-safe palette (Okabe and Ito), one colour per kind, in the order of KINDS.
COLOURS = dict(zip(KINDS, ("#0072B2", "#D55E00", "#CC79A7", "#000000", "#E69F00", "#009E73"), strict=True))
OTHER_MARKER = "*"


def _kinds_in_order(rows: list[dict]) -> list[str]:
    """The kinds present, in the order they first happen (rows are sorted by date)."""
    return list(dict.fromkeys(str(r["kind"]) for r in rows))


@functools.lru_cache(maxsize=None)
def _described_figure_class():
    """``DescribedFigure``: a matplotlib Figure that a notebook shows as an image whose alt text is
    :func:`describe_follow_up_timeline` (JupyterLab shows a bare PNG output with no alt text)."""
    from matplotlib.figure import Figure

    class DescribedFigure(Figure):
        description = ""

        def _repr_html_(self) -> str:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=96)
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            return (f"<img src='data:image/png;base64,{data}' alt='{html.escape(self.description, quote=True)}' "
                    "style='max-width:100%'>")

    return DescribedFigure


def follow_up_timeline(plan, title: str | None = None):
    """A :class:`matplotlib.figure.Figure` with one marker per row of ``plan``.

    ``plan`` is a DataFrame (or list of dicts) with ``date``, ``action`` and ``kind``
    columns: the result of :func:`~infoview_lib.follow_up_plan.plan_follow_up`, or a
    contact log. Dates run along the x axis; each kind has its own row, marker and
    legend label. An empty plan gives a labelled, empty chart saying so.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    rows = read_plan(plan, columns=("date", "kind"))
    kinds = _kinds_in_order(rows)
    fig = _described_figure_class()(figsize=(9, 1.2 + 0.45 * max(len(kinds), 3)), layout="constrained")
    fig.description = describe_follow_up_timeline(plan)
    ax = fig.add_subplot()
    for lane, kind in enumerate(kinds):
        dates = [r["date"] for r in rows if str(r["kind"]) == kind]
        ax.scatter(dates, [lane] * len(dates), marker=MARKERS.get(kind, OTHER_MARKER), s=80,
                   color=COLOURS.get(kind, "#555555"), edgecolors="black", linewidths=0.6,
                   label=f"{kind} ({len(dates)})", zorder=3)
    ax.set_yticks(range(len(kinds)), labels=kinds)
    ax.set_ylim(-0.7, max(len(kinds), 1) - 0.3)
    ax.invert_yaxis()
    ax.set_xlabel("Date")
    ax.set_ylabel("Kind of contact")
    ax.grid(axis="x", linestyle=":", alpha=0.6)
    if rows:
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), title="Kind (count)", frameon=False)
    else:
        ax.set_yticks([])
        ax.set_xticks([])
        ax.text(0.5, 0.5, "Nothing planned or logged yet", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title or (f"Follow-up: {len(rows)} action{'s' if len(rows) != 1 else ''}"
                           + (f", {_day(rows[0]['date'])} to {_day(rows[-1]['date'])}" if rows else "")))
    return fig


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _median_gap(dates) -> float | None:
    gaps = [(b - a).days for a, b in zip(dates, dates[1:])]
    return statistics.median(gaps) if gaps else None


def describe_follow_up_timeline(plan) -> str:
    """What :func:`follow_up_timeline` shows, in words, with its key numbers.

    Says how many actions there are, the date range, how many of each kind, and the
    typical interval between catching-up messages (or between all actions when there
    are fewer than two catch-ups).
    """
    rows = read_plan(plan, columns=("date", "kind"))
    if not rows:
        return "The timeline is empty: nothing is planned or logged yet."
    first, last = rows[0]["date"], rows[-1]["date"]
    span = (last - first).days
    counts = Counter(str(r["kind"]) for r in rows)
    by_kind = ", ".join(f"{counts[k]} {k}" for k in _kinds_in_order(rows))
    n = len(rows)
    text = [f"The timeline shows {n} action{'s' if n != 1 else ''} from {_day(first)} to {_day(last)}, "
            f"a span of {span} day{'s' if span != 1 else ''}. By kind: {by_kind}."]
    catch_ups = [r["date"] for r in rows if r["kind"] == "catch-up"]
    gap = _median_gap(catch_ups)
    if gap is not None:
        text.append(f"Catching-up messages come about every {gap:g} days (about {gap / 30.44:.0f} months), "
                    "the median interval between them.")
    else:
        gap = _median_gap([r["date"] for r in rows])
        if gap is not None:
            text.append(f"The median interval between actions is {gap:g} days.")
    return " ".join(text)
