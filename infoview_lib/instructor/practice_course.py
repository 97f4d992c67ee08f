"""A small nbgrader course with made-up submissions, for trying the grading tools.

``build_practice_course(root, students)`` writes a complete nbgrader course folder:
``nbgrader_config.py``, the source notebook, the released version, one submission per
made-up student and a gradebook that knows the assignment (and, optionally, students
who submitted nothing). Facilitators can run ``infoview grade`` and
``infoview class-report`` on it before their real class; the tests and the benchmark
of :mod:`infoview_lib.instructor` use it too.

The assignment has one notebook with a solution cell, where a student records three
facts about their interview request, and three autograded test cells whose grade ids
are advice ids (``request-concise``, ``request-brief``, ``job-no_job_ask``). The real
course assignments call the library's scorers in their test cells; these stand-ins
check plain facts so the grading tools can be tried (and tested) on their own, fast.

A made-up student's work is either a :class:`PracticeAnswers` or one of the behaviours
in :data:`BEHAVIOURS`: ``"crash"`` (the kernel dies), ``"hang"`` (an endless loop that
nbgrader's per-cell timeout stops), ``"blank"`` (the released notebook, untouched).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

NOTEBOOK = "practice"
"""Name (without .ipynb) of the practice assignment's only notebook."""

#: grade id -> (points, test source). Grade ids are advice ids with the dot as a hyphen.
TEST_CELLS: dict[str, tuple[float, str]] = {
    "request-concise": (1, 'assert word_count <= 100, "keep the request to about 100 words"'),
    "request-brief": (1, 'assert 0 < minutes <= 30, "ask for a short, bounded meeting"'),
    "job-no_job_ask": (2, 'assert asks_for_job is False, "never ask for a job"'),
}

BEHAVIOURS = {
    "crash": "import os\nos._exit(1)  # the kernel dies",
    "hang": "while True:  # an endless loop\n    pass",
}


@dataclass(frozen=True)
class PracticeAnswers:
    """What a made-up student wrote in the solution cell."""

    word_count: int = 80
    """Words in their request (request.concise wants at most 100)."""
    minutes: int = 20
    """Minutes they asked for (request.brief wants a short, bounded meeting)."""
    asks_for_job: bool = False
    """Whether the request asks for a job (job.no_job_ask wants False)."""

    def source(self) -> str:
        return f"word_count = {self.word_count}\nminutes = {self.minutes}\nasks_for_job = {self.asks_for_job}"


def _cell_metadata(grade_id: str, *, grade: bool, solution: bool, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def source_notebook():
    """The instructor's version of the practice notebook (an ``nbformat`` node)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "# Practice assignment\n\nRecord three facts about your interview request."))
    solution = "### BEGIN SOLUTION\n" + PracticeAnswers().source() + "\n### END SOLUTION"
    nb.cells.append(nbformat.v4.new_code_cell(
        solution, metadata=_cell_metadata("answers", grade=False, solution=True)))
    for grade_id, (points, test) in TEST_CELLS.items():
        nb.cells.append(nbformat.v4.new_code_cell(
            test, metadata=_cell_metadata(grade_id, grade=True, solution=False, points=points)))
    return nb


def _config_text(cell_timeout: int) -> str:
    return (
        "# nbgrader settings for the practice course (written by infoview_lib.instructor.practice_course)\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Execute.timeout = {int(cell_timeout)}\n"
    )


@contextlib.contextmanager
def _kit_bin_on_path():
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), old])
    try:
        yield
    finally:
        os.environ["PATH"] = old


def build_practice_course(
    root: str | Path,
    students: Mapping[str, PracticeAnswers | str],
    *,
    assignment: str = "practice",
    roster: Iterable[str] = (),
    cell_timeout: int = 5,
    duedate: dt.datetime | None = None,
    submitted_at: Mapping[str, dt.datetime] | None = None,
) -> Path:
    """Write a practice nbgrader course in ``root`` (created if needed) and return it.

    ``students`` maps a student id to their answers or a behaviour ("crash", "hang",
    "blank"); each gets a submission in ``submitted/<id>/<assignment>/``. ``roster`` adds
    students to the gradebook who submitted nothing. ``duedate`` and ``submitted_at``
    (naive UTC datetimes) make late submissions. The gradebook is ``root/gradebook.db``.
    """
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    root = Path(root).resolve()
    unknown = {s: w for s, w in students.items()
               if not isinstance(w, PracticeAnswers) and w not in (*BEHAVIOURS, "blank")}
    if unknown:
        raise ValueError(f"unknown practice behaviour(s) {unknown}; use PracticeAnswers or one of "
                         f"{', '.join([*BEHAVIOURS, 'blank'])}")
    source_dir = root / "source" / assignment
    source_dir.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(_config_text(cell_timeout), encoding="utf-8")
    nbformat.write(source_notebook(), source_dir / f"{NOTEBOOK}.ipynb")

    config = Config()
    config.CourseDirectory.root = str(root)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    with _kit_bin_on_path():  # nbgrader stamps a new gradebook by running `alembic` from PATH
        result = api.generate_assignment(assignment)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment failed:\n{result.get('error')}\n{result.get('log', '')}")

    released = nbformat.read(root / "release" / assignment / f"{NOTEBOOK}.ipynb", as_version=4)
    default_time = dt.datetime(2026, 3, 2, 12, 0, 0)
    for student, work in students.items():
        nb = nbformat.from_dict(released)
        answer_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
        if isinstance(work, PracticeAnswers):
            answer_cell.source = work.source()
        elif work in BEHAVIOURS:
            answer_cell.source = BEHAVIOURS[work]
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{NOTEBOOK}.ipynb")
        stamp = (submitted_at or {}).get(student, default_time)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id=api.coursedir.course_id) as gb:
        if duedate is not None:
            gb.update_or_create_assignment(assignment, duedate=duedate)
        for student in roster:
            gb.update_or_create_student(student)
    return root
