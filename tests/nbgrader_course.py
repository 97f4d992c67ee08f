"""Helpers for tests that drive the real course's nbgrader assignments (assignments/).

Shared by test_student_bundle.py, test_exchange.py and test_postgres_gradebook.py.
Students are simulated by answering a released notebook with the model answers
from the instructor's source (what a student who gets everything right submits).
"""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
from pathlib import Path

import nbformat

from infoview_lib.grading.course import copy_course as copy_whole_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"

#: nbgrader's region markers (the bundle must contain none of them)
REGION_MARKERS = (
    "BEGIN SOLUTION", "END SOLUTION",
    "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
    "BEGIN MARK SCHEME", "END MARK SCHEME",
)
_BEGIN = re.compile(r"BEGIN (SOLUTION|HIDDEN TESTS|MARK SCHEME)")
_END = re.compile(r"END (SOLUTION|HIDDEN TESTS|MARK SCHEME)")

def assignment_names(course: Path = COURSE) -> list[str]:
    source = course / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) if source.is_dir() else []


def source_notebooks(assignment: str, course: Path = COURSE) -> list[Path]:
    return sorted((course / "source" / assignment).glob("*.ipynb"))


def smallest_assignment(course: Path = COURSE) -> str:
    """The assignment with the fewest graded cells (keeps the workflow tests quick)."""
    def graded_cells(name: str) -> int:
        return sum(
            1
            for path in source_notebooks(name, course)
            for cell in nbformat.read(path, as_version=4).cells
            if cell.metadata.get("nbgrader", {}).get("grade")
        )
    return min(assignment_names(course), key=lambda name: (graded_cells(name), name))


def copy_course(dest: Path, assignments: list[str] | None = None) -> Path:
    """A private copy of assignments/ (config and sources only; none of nbgrader's output),
    keeping only the named assignments' sources when ``assignments`` is given."""
    copy_whole_course(dest, COURSE)
    if assignments is not None:
        for folder in (dest / "source").iterdir():
            if folder.name not in assignments:
                shutil.rmtree(folder)
    return dest


def nbgrader(*args: str, cwd: Path, env: dict | None = None) -> str:
    """Run an nbgrader command in this process (as nbgrader's own test suite does) and return its log.

    Same application code as the ``nbgrader`` command, without paying its start-up
    (seconds on a loaded machine) for every step. ``cwd`` and ``env`` stand in for the
    user's working folder and environment (HOME, JUPYTER_CONFIG_DIR) for the run.
    Fails the test with the log when the command fails.
    """
    from jupyter_core.application import NoStart
    from nbgrader.apps.nbgraderapp import NbGraderApp

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    os.chdir(cwd)
    log = io.StringIO()
    app = NbGraderApp.instance()
    code = 0
    try:
        app.initialize(list(args))
        app.init_logging(logging.StreamHandler, [log], color=False, subapps=True)
        app.start()
    except NoStart:
        code = 0
    except SystemExit as err:
        code = err.code or 0
    finally:
        app.reset()
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    output = log.getvalue()
    assert code == 0, f"nbgrader {' '.join(args)} failed (exit {code}):\n{output[-5000:]}"
    return output


def answer_with_model_answers(release: Path, source: Path, dest: Path) -> None:
    """Write ``release`` with every answer cell replaced by the instructor's model answer."""
    model = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in nbformat.read(source, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = strip_region_markers(model[meta["grade_id"]])
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)


def strip_region_markers(text: str) -> str:
    """The model answer as a student would type it: the marker lines removed."""
    return "\n".join(line for line in text.splitlines() if not (_BEGIN.search(line) or _END.search(line)))


def secret_lines(sources: list[Path]) -> set[str]:
    """Lines only the instructor may see: inside solution, hidden-test or mark-scheme regions,
    and whole solution cells nbgrader replaces (those without region markers).

    Lines that also appear outside any such region of the course's sources (shared
    boilerplate such as ``answer = [``) and very short lines are left out: they reveal nothing.
    """
    secret: set[str] = set()
    public: set[str] = set()
    cells = [cell for source in sources for cell in nbformat.read(source, as_version=4).cells]
    for cell in cells:
        meta = cell.metadata.get("nbgrader", {})
        lines = cell.source.splitlines()
        whole_cell_secret = meta.get("solution") and not any(_BEGIN.search(l) for l in lines)
        depth = 0
        for line in lines:
            if _BEGIN.search(line):
                depth += 1
                continue
            if _END.search(line):
                depth = max(0, depth - 1)
                continue
            (secret if depth or whole_cell_secret else public).add(line.strip())
    return {line for line in secret - public if len(line) >= 12}


#: a solution value shorter than this is too common to reveal anything when it turns up elsewhere:
#: a letter ("b"), a channel ("email"), a bare date ("2026-03-16", 10 characters: the course's
#: scenarios share a few weeks of March 2026, so the same day recurs in unrelated contact logs and
#: examples). From 11 characters on (a date-time, a question, a message) a match is the answer itself.
MIN_SECRET_VALUE = 11


def solution_values(sources: list[Path]) -> set[str]:
    """Every value a student could copy from a solution: the string constants (read with ``ast``)
    inside the solution regions of the sources' code cells (a whole solution cell counts when it has
    no region markers), each stripped.

    Left out, by a stated rule: values shorter than :data:`MIN_SECRET_VALUE` characters, and values
    that the course's sources also show outside every solution region (given in the question, such as
    the meeting time an exercise states), since the release shows those to every student anyway.
    """
    import ast

    secret: set[str] = set()
    public_text: list[str] = []
    for source in sources:
        for cell in nbformat.read(source, as_version=4).cells:
            lines = cell.source.splitlines()
            if cell.cell_type != "code":
                public_text.append(cell.source if not cell.metadata.get("nbgrader", {}).get("solution") else "")
                continue
            whole = cell.metadata.get("nbgrader", {}).get("solution") and not any(_BEGIN.search(l) for l in lines)
            inside, region = set(), None  # region: the kind of region the line is in, if any
            for number, line in enumerate(lines, start=1):
                if _BEGIN.search(line):
                    region = _BEGIN.search(line).group(1)
                elif _END.search(line):
                    region = None
                elif region == "SOLUTION" or whole:
                    inside.add(number)
                elif region is None:
                    public_text.append(line)
            if not inside:
                continue
            tree = ast.parse(cell.source)  # the markers are comments, so the whole cell parses
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if set(range(node.lineno, (node.end_lineno or node.lineno) + 1)) & inside:
                        secret.add(node.value.strip())
    public = "\n".join(public_text)
    return {value for value in secret if len(value) >= MIN_SECRET_VALUE and value not in public}
