"""Every assignment has a manually graded reflection with a mark scheme, and docs/grading.md says so.

Read from the source notebooks and the grading guide only (no nbgrader run): the points table and
the mark-scheme sections graders read must match the notebooks nbgrader grades.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from infoview_lib.advice import advice_id_from_grade_id
from infoview_lib.grading.course import assignments

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "assignments" / "source"
GUIDE = ROOT / "docs" / "grading.md"
ASSIGNMENTS = assignments()


def graded_cells(assignment: str) -> list:
    nb = nbformat.read(SOURCE / assignment / f"{ASSIGNMENTS[assignment]}.ipynb", 4)
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


def reflections(assignment: str) -> list:
    return [c for c in graded_cells(assignment) if c.cell_type == "markdown"]


def levels(text: str) -> list[int]:
    """The points of each level of a mark scheme, in order ("- **3 points**: ...")."""
    return [int(n) for n in re.findall(r"^- \*\*(\d+) points?\*\*:", text, re.M)]


def documented_points() -> dict[str, tuple[float, float]]:
    """assignment -> (auto, manual) from the guide's table ("8 + 3", or "8" for no manual part)."""
    found = {}
    for name, points in re.findall(r"^\| `(\d\d_\w+)` \|.*\| ([\d +]+) \|$", GUIDE.read_text(), re.M):
        auto, _, manual = points.partition("+")
        found[name] = (float(auto), float(manual or 0))
    return found


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_assignment_has_a_reflection_with_a_mark_scheme_from_full_points_to_zero(assignment):
    cells = reflections(assignment)
    assert cells, f"{assignment} has no manually graded reflection"
    for cell in cells:
        meta = cell.metadata["nbgrader"]
        assert meta["grade_id"].endswith("-reflection") and meta["solution"] and not meta["locked"]
        advice_id_from_grade_id(meta["grade_id"])  # named after the advice it reflects on
        region = cell.source.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
        assert cell.source.strip().endswith("### END SOLUTION"), "nothing may follow the solution region"
        assert "**Model answer.**" in region and "Mark scheme (instructors only" in region
        assert levels(region) == list(range(int(meta["points"]), -1, -1)), meta["grade_id"]
        model = region.split("**Model answer.**", 1)[1].split("**Mark scheme", 1)[0]
        assert 80 <= len(model.split()) <= 150, f"{meta['grade_id']}: the model answer breaks its own word limit"


def test_the_points_table_in_the_grading_guide_matches_the_notebooks():
    table = documented_points()
    assert set(table) == set(ASSIGNMENTS)
    for assignment in ASSIGNMENTS:
        cells = graded_cells(assignment)
        auto = sum(c.metadata.nbgrader.points for c in cells if c.cell_type == "code")
        manual = sum(c.metadata.nbgrader.points for c in cells if c.cell_type == "markdown")
        assert table[assignment] == (auto, manual), assignment


def test_the_grading_guide_reproduces_every_mark_scheme():
    guide = GUIDE.read_text()
    for assignment in ASSIGNMENTS:
        for cell in reflections(assignment):
            meta = cell.metadata["nbgrader"]
            heading = f"### `{meta['grade_id']}` ({assignment[:2]}, {meta['points']} points)"
            assert heading in guide, heading
            section = guide.split(heading, 1)[1].split("\n### ", 1)[0]
            assert levels(section) == levels(cell.source), meta["grade_id"]
