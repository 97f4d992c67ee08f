"""The follow-up timeline: labelled, one marker per action, shapes and labels per kind, described in words."""
from __future__ import annotations

import datetime as dt
import statistics

import matplotlib.dates as mdates
import pytest
from matplotlib.figure import Figure

from infoview_lib import plan_follow_up
from infoview_lib.plots import describe_follow_up_timeline, follow_up_timeline

PLAN = plan_follow_up("2026-03-02")


def marker_points(fig):
    return [tuple(p) for ax in fig.axes for c in ax.collections for p in c.get_offsets()]


def test_one_marker_per_row_on_labelled_axes():
    fig = follow_up_timeline(PLAN)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Date" and ax.get_ylabel() == "Kind of contact"
    assert f"{len(PLAN)} actions" in ax.get_title()
    points = marker_points(fig)
    assert len(points) == len(PLAN)
    plotted_days = sorted(mdates.num2date(x).date() for x, _ in points)
    assert plotted_days == sorted(PLAN["date"])


def test_kinds_differ_by_shape_and_label_not_colour_alone():
    fig = follow_up_timeline(PLAN)
    (ax,) = fig.axes
    kinds = list(dict.fromkeys(PLAN["kind"]))
    shapes = {c.get_paths()[0].vertices.round(3).tobytes() for c in ax.collections}
    assert len(ax.collections) == len(shapes) == len(kinds)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    counts = PLAN["kind"].value_counts()
    assert sorted(legend) == sorted(f"{k} ({counts[k]})" for k in kinds)
    assert [t.get_text() for t in ax.get_yticklabels()] == kinds  # each kind also has its own labelled row


def test_no_pyplot_figures_pile_up():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for _ in range(3):
        follow_up_timeline(PLAN)
    assert plt.get_fignums() == before


def test_a_contact_log_and_an_empty_plan_can_be_drawn(tmp_path):
    contact_log = PLAN.iloc[:4].assign(replied=[True, False, True, True])
    assert len(marker_points(follow_up_timeline(contact_log))) == 4
    empty = follow_up_timeline(PLAN.iloc[:0])
    assert marker_points(empty) == []
    assert any("Nothing planned" in t.get_text() for t in empty.axes[0].texts)
    empty.savefig(tmp_path / "empty.png")
    assert (tmp_path / "empty.png").stat().st_size > 0


def test_description_gives_the_key_numbers():
    text = describe_follow_up_timeline(PLAN)
    first, last = min(PLAN["date"]), max(PLAN["date"])
    assert f"{len(PLAN)} actions" in text
    assert f"{first.day} {first:%B %Y}" in text and f"{last.day} {last:%B %Y}" in text
    assert f"{(last - first).days} days" in text
    counts = PLAN["kind"].value_counts()
    for kind, n in counts.items():
        assert f"{n} {kind}" in text
    catch_ups = sorted(PLAN.loc[PLAN["kind"] == "catch-up", "date"])
    gap = statistics.median((b - a).days for a, b in zip(catch_ups, catch_ups[1:]))
    assert f"every {gap:g} days" in text and "3 months" in text


def test_description_of_short_and_empty_plans():
    assert "empty" in describe_follow_up_timeline(PLAN.iloc[:0])
    two = describe_follow_up_timeline(PLAN.iloc[:2])
    assert "2 actions" in two and "median interval between actions is 2 days" in two


def test_bad_plans_are_rejected():
    with pytest.raises(ValueError, match="missing the column kind"):
        follow_up_timeline(PLAN.drop(columns=["kind"]))
    with pytest.raises(TypeError, match="DataFrame"):
        describe_follow_up_timeline(dt.date(2026, 3, 2))
