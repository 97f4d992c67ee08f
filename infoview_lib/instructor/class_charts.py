"""The class report's charts: score histograms and the share of students meeting each advice item,
as embeddable PNGs, each with alt text and a sentence giving its key numbers."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..embed import data_uri, figure_png
from .class_data import ClassResults

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class Chart:
    """A chart as an embeddable PNG, with its alt text and a sentence giving its key numbers."""

    png: bytes
    alt: str
    description: str

    def to_html(self) -> str:
        return (f"<figure><img src='{data_uri(self.png, 'image/png')}' alt='{html.escape(self.alt, quote=True)}'>"
                f"<figcaption>{html.escape(self.description)}</figcaption></figure>")


def _points(value: float) -> str:
    return f"{value:g}"


def score_histogram(results: ClassResults, assignment: str) -> Chart | None:
    """A histogram of the total scores of one assignment's submissions (None when there are none)."""
    from matplotlib.figure import Figure

    failed = {s for a, s in results.failed_keys() if a == assignment}
    chosen = results.submissions[(results.submissions["assignment"] == assignment)
                                 & ~results.submissions["student"].isin(failed)]
    scores = chosen["score"].astype(float)
    if scores.empty:
        return None
    row = results.assignments.loc[results.assignments["assignment"] == assignment].iloc[0]
    top = float(row["max_score"] or scores.max() or 1.0)
    fig = Figure(figsize=(6, 3))
    ax = fig.add_subplot()
    if top <= 20 and (scores % 1 == 0).all():  # whole points: one bar per score, centred on it
        bins = [i - 0.5 for i in range(int(top) + 2)]
        ax.set_xticks(range(int(top) + 1))
    else:
        bins = [top * i / 10 for i in range(11)]
    ax.hist(scores, bins=bins, color="#3b6ea8", edgecolor="black")
    ax.set_xlabel(f"score (points, out of {_points(top)})")
    ax.set_ylabel("submissions")
    ax.set_title(f"Scores for {assignment}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    full = int((scores >= top).sum())
    alt = f"Histogram of the total scores of the {len(scores)} submissions to {assignment}."
    description = (
        f"{assignment}: {len(scores)} submission{'s' if len(scores) != 1 else ''} scored out of {_points(top)} "
        f"points; median {_points(round(float(scores.median()), 2))}, lowest {_points(scores.min())}, "
        f"highest {_points(scores.max())}; {full} earned full marks."
        + (f" Not counted: {len(failed)} submission{'s' if len(failed) != 1 else ''} whose autograding failed."
           if failed else ""))
    return Chart(figure_png(fig, dpi=100), alt, description)


def advice_chart(table: "pd.DataFrame") -> Chart | None:
    """A horizontal bar chart of the share of students meeting each advice item (None if no items)."""
    from matplotlib.figure import Figure

    shown = table.dropna(subset=["share_met"])
    if shown.empty:
        return None
    shown = shown.iloc[::-1]  # most-missed at the top of the chart
    fig = Figure(figsize=(7, 0.45 * len(shown) + 1.2))
    ax = fig.add_subplot()
    percents = [100 * s for s in shown["share_met"]]
    ax.barh(list(shown["advice_id"]), percents, color="#3b6ea8", edgecolor="black")
    for y, (pct, met, assessed) in enumerate(zip(percents, shown["students_met"], shown["students_assessed"])):
        ax.text(min(pct, 100) + 1, y, f"{pct:.0f}% ({met}/{assessed})", va="center")
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("students meeting the advice (%)")
    ax.set_title("Advice items: share of students meeting each")
    lowest = table.dropna(subset=["share_met"]).head(3)
    listed = "; ".join(f"{a} {100 * s:.0f}%" for a, s in zip(lowest["advice_id"], lowest["share_met"]))
    alt = f"Bar chart of the share of students meeting each of {len(shown)} advice items."
    description = f"Share of students meeting each of the {len(shown)} advice items; lowest: {listed}."
    return Chart(figure_png(fig, dpi=100), alt, description)
