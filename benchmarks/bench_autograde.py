"""Autograde time per submission, against a floor that imports what the assignment imports.

Both are measured in the same run on the same machine: a throwaway copy of the
course gets, for each assignment, an extra assignment ``floor-<assignment>``
whose notebook has a single autograded cell holding the import lines of that
assignment's setup cell (``from infoview_lib.grading import checks``; for 05 also
``import pandas as pd``) and ``assert 1 + 1 == 2``. Every real assignment and its
floor are autograded for the same number of submissions (the instructor's
solution, which runs every check), in-process through nbgrader's API with the
course's configuration, in interleaved rounds (best of each). The time includes
everything ``nbgrader autograde`` does, so also the trusted out-of-kernel
scoring (``SaveTrustedGrades``, :mod:`infoview_lib.grading.trusted`) and the
kernel's write sandbox, which the floors pay too. The ratio (assignment / its
floor) is printed against the 1.3x target.

For comparison it also prints the plain floor (the one cell, no imports), the cost
of a notebook of the same shape whose code cells are all ``pass`` (nbgrader's own
per-cell work), and the start-up of the trusted grading process, which a grading
run pays once (not per submission).

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


def _autograde_once(api, assignment: str, students: int) -> float:
    """Seconds per submission for one autograde run of ``assignment`` (all students at once)."""
    from infoview_lib.grading.course import require_success

    start = time.perf_counter()
    require_success(api.autograde(assignment, "*"), f"autograde {assignment}")
    return (time.perf_counter() - start) / students


def best_times(api, names: list[str], students: int, rounds: int, clock=None) -> dict[str, float]:
    """Best seconds per submission of each assignment over ``rounds`` interleaved rounds.

    Each round autogrades every assignment once, in turn, so a burst of load on the
    machine hits the floor and the assignments alike instead of one of them.
    """
    best = {name: float("inf") for name in names}
    for _ in range(rounds):
        for name in names:
            if clock is not None:
                clock.assignment = name
            best[name] = min(best[name], _autograde_once(api, name, students))
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


def setup_imports(notebook: Path) -> str:
    """The import lines of ``notebook``'s setup cell (its first locked code cell)."""
    import ast

    import nbformat

    nb = nbformat.read(notebook, 4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("locked"))
    tree = ast.parse(setup.source)
    return "\n".join(ast.get_source_segment(setup.source, node) for node in tree.body
                     if isinstance(node, (ast.Import, ast.ImportFrom)))


def _assignment_floor_notebook(folder: Path, assignment: str, notebook: str) -> str:
    """Add ``floor-<assignment>``: the floor cell after the assignment's setup imports."""
    import nbformat

    nb = nbformat.read(folder / "source" / "floor" / "floor.ipynb", 4)
    nb.cells[0].source = setup_imports(folder / "source" / assignment / f"{notebook}.ipynb") + "\nassert 1 + 1 == 2"
    name = f"floor-{assignment}"
    (folder / "source" / name).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "source" / name / "floor.ipynb")
    return name


class _TrustedClock:
    """Seconds spent in the trusted scoring step (the round trip to the grading process), per assignment."""

    def __init__(self):
        from infoview_lib.grading.trusted import TrustedGrader

        self.spent: dict[str, list[float]] = {}
        self.assignment = ""
        original = TrustedGrader.grade_and_display
        clock = self

        def timed(grader, request):
            start = time.perf_counter()
            try:
                return original(grader, request)
            finally:
                clock.spent.setdefault(clock.assignment, []).append(time.perf_counter() - start)

        TrustedGrader.grade_and_display = timed

    def median_ms(self, assignment: str) -> float:
        values = sorted(self.spent.get(assignment, [0.0]))
        return 1000 * values[len(values) // 2]


def trusted_startup() -> float:
    """Seconds to start the trusted grading process and grade one small request (paid once per run)."""
    from infoview_lib.grading.trusted import TrustedGrader

    grader = TrustedGrader()
    start = time.perf_counter()
    grader.grade({"setup": ["from infoview_lib.grading import checks"], "answers": [["a = 'b'", ["a"], None]],
                  "tests": [["t", "checks.expect_choice(a, 'abc', 'what.purpose')"]]})
    seconds = time.perf_counter() - start
    grader.stop()
    return seconds


def main() -> None:
    from infoview_lib.grading.course import assignments, copy_course, course_api, ensure_alembic_on_path, \
        require_success

    students = int(os.environ.get("INFOVIEW_BENCH_SUBMISSIONS", "2"))
    rounds = int(os.environ.get("INFOVIEW_BENCH_ROUNDS", "5"))
    ensure_alembic_on_path()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        folder = copy_course(Path(tmp) / "course")
        _floor_notebook(folder)
        real = assignments(folder)
        real.pop("floor")
        floors = {a: _assignment_floor_notebook(folder, a, n) for a, n in real.items()}
        shapes = {_same_shape_notebook(folder, a, n): n for a, n in real.items()}
        api = course_api(folder)
        every = {"floor": "floor", **dict.fromkeys(floors.values(), "floor"), **real, **shapes}
        for assignment, notebook in every.items():
            require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
            _submit(folder, assignment, notebook, students)
        _autograde_once(api, "floor", students)  # warm-up: the first kernel start is slower
        clock = _TrustedClock()
        best = best_times(api, list(every), students, rounds, clock)
        floor = best["floor"]
        print(f"plain floor (one-cell notebook, no imports): {floor:.2f} s per submission "
              f"(best of {rounds} interleaved rounds of {students} submissions)")
        print(f"{'assignment':16} {'s/submission':>12} {'its floor':>9} {'ratio':>6}  "
              f"{'verdict (target ' + str(TARGET_RATIO) + 'x)':24} {'same shape':>10} {'course work':>11}"
              f" {'trusted ms':>10}   cell time: setup / answers / self-checks / checks")
        for assignment, notebook in real.items():
            seconds, shape, own = best[assignment], best[f"shape-{assignment}"], best[floors[assignment]]
            ratio = seconds / own
            verdict = "ok" if ratio <= TARGET_RATIO else "over target"
            spent = where_the_time_goes(folder / "source" / assignment / f"{notebook}.ipynb")
            split = " / ".join(f"{spent.get(k, 0.0):.2f}" for k in ("setup", "answers", "self-checks", "checks"))
            print(f"{assignment:16} {seconds:12.2f} {own:9.2f} {ratio:6.2f}  {verdict:24} {shape:10.2f} "
                  f"{seconds - shape:11.2f} {clock.median_ms(assignment):10.0f}   {split}")
        print("its floor = the one cell after the assignment's setup imports; same shape = the notebook with "
              "every code cell `pass` (nbgrader's own cost for its cells); course work = the difference; trusted ms = "
              "median time of the out-of-kernel scoring per submission (included in s/submission).")
        print(f"trusted grading process start-up (once per grading run, not per submission): "
              f"{trusted_startup():.2f} s")
