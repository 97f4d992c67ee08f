"""Autograde time per submission, against the floor of autograding a one-cell notebook.

Both are measured in the same run on the same machine: a throwaway copy of the
course gets an extra assignment ``floor`` whose notebook has a single autograded
cell; every real assignment and the floor are autograded for the same number of
submissions (the instructor's solution, which runs every check), in-process
through nbgrader's API. The ratio (assignment / floor) is printed against the
1.3x target: what the assignment's own cells (the grading processes of
:mod:`infoview_lib.grading.checks`, pandas, the self-checks) add on top of
nbgrader's fixed cost of starting a kernel and writing the gradebook.

    python -m benchmarks autograde           # or: make bench
    INFOVIEW_BENCH_SUBMISSIONS=3 INFOVIEW_BENCH_ROUNDS=3 python -m benchmarks autograde

It also runs each solution notebook once with nbclient and prints where the cell time
goes: setup (starting the grader), answers, self-checks (the lessons' findings) and checks.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.3


def _floor_notebook(folder: Path) -> None:
    import nbformat

    cell = nbformat.v4.new_code_cell("assert 1 + 1 == 2")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": "floor", "schema_version": 3, "task": False}
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (folder / "source" / "floor").mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "source" / "floor" / "floor.ipynb")


def _same_shape_notebook(folder: Path, assignment: str, notebook: str) -> str:
    """Add assignment ``shape-<assignment>``: the same cells and nbgrader metadata, every code cell ``pass``.

    Autograding it costs what nbgrader itself spends on a notebook of this shape
    (restoring locked cells, checksums, one gradebook row per grade cell, a kernel),
    without any of the course's own work.
    """
    import nbformat

    nb = nbformat.read(folder / "source" / assignment / f"{notebook}.ipynb", 4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = "pass"
        elif cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "An answer."
    name = f"shape-{assignment}"
    (folder / "source" / name).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "source" / name / f"{notebook}.ipynb")
    return name


def _submit(folder: Path, assignment: str, notebook: str, students: int) -> None:
    import shutil

    source = folder / "source" / assignment
    for n in range(students):
        target = folder / "submitted" / f"student{n}" / assignment
        target.mkdir(parents=True, exist_ok=True)
        for path in source.iterdir():
            shutil.copy(path, target / path.name)
        (target / "timestamp.txt").write_text("2026-03-20 12:00:00.000000 UTC\n", encoding="utf-8")


def _autograde_seconds(api, assignment: str, students: int, rounds: int) -> float:
    """Best of ``rounds`` autograde runs (all students at once), per submission."""
    from infoview_lib.grading.course import require_success

    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        require_success(api.autograde(assignment, "*"), f"autograde {assignment}")
        best = min(best, (time.perf_counter() - start) / students)
    return best


def _cell_kind(cell) -> str:
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade") and cell.cell_type == "code":
        return "checks"
    if meta.get("solution"):
        return "answers"
    if meta.get("locked"):
        return "setup"
    return "self-checks"


def where_the_time_goes(notebook: Path) -> dict[str, float]:
    """Seconds spent executing each kind of cell of ``notebook`` (setup, answers, self-checks, checks)."""
    import datetime as dt

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, 4)
    NotebookClient(nb, timeout=60, allow_errors=True, record_timing=True,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    spent: dict[str, float] = {}
    for cell in nb.cells:
        timing = cell.metadata.get("execution", {})
        if cell.cell_type != "code" or "shell.execute_reply" not in timing:
            continue
        start = dt.datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
        kind = _cell_kind(cell)
        spent[kind] = spent.get(kind, 0.0) + (end - start).total_seconds()
    return spent


def main() -> None:
    from infoview_lib.grading.course import assignments, copy_course, course_api, ensure_alembic_on_path, \
        require_success

    students = int(os.environ.get("INFOVIEW_BENCH_SUBMISSIONS", "2"))
    rounds = int(os.environ.get("INFOVIEW_BENCH_ROUNDS", "2"))
    ensure_alembic_on_path()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        folder = copy_course(Path(tmp) / "course")
        _floor_notebook(folder)
        real = assignments(folder)
        real.pop("floor")
        shapes = {_same_shape_notebook(folder, a, n): n for a, n in real.items()}
        api = course_api(folder)
        for assignment, notebook in {"floor": "floor", **real, **shapes}.items():
            require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
            _submit(folder, assignment, notebook, students)
        _autograde_seconds(api, "floor", students, 1)  # warm-up: the first kernel start is slower
        floor = _autograde_seconds(api, "floor", students, rounds)
        print(f"floor (one-cell notebook): {floor:.2f} s per submission "
              f"(best of {rounds} rounds of {students} submissions)")
        print(f"{'assignment':16} {'s/submission':>12} {'ratio':>6}  {'verdict (target ' + str(TARGET_RATIO) + 'x)':24}"
              f" {'same shape':>10} {'course work':>11}   cell time: setup / answers / self-checks / checks")
        for assignment, notebook in real.items():
            seconds = _autograde_seconds(api, assignment, students, rounds)
            shape = _autograde_seconds(api, f"shape-{assignment}", students, rounds)
            ratio = seconds / floor
            verdict = "ok" if ratio <= TARGET_RATIO else "over target"
            spent = where_the_time_goes(folder / "source" / assignment / f"{notebook}.ipynb")
            split = " / ".join(f"{spent.get(k, 0.0):.2f}" for k in ("setup", "answers", "self-checks", "checks"))
            print(f"{assignment:16} {seconds:12.2f} {ratio:6.2f}  {verdict:24} {shape:10.2f} "
                  f"{seconds - shape:11.2f}   {split}")
        print("same shape = the notebook with every code cell `pass` (nbgrader's own cost for its cells); "
              "course work = the difference.")
        floor_again = _autograde_seconds(api, "floor", students, 1)
        print(f"floor again at the end: {floor_again:.2f} s per submission (machine load drifts; compare)")
