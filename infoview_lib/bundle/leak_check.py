"""The leak check: the bundle's last step refuses to finish when any file it wrote holds an nbgrader
solution, hidden-test or mark-scheme region, a source folder or a gradebook."""
from __future__ import annotations

from pathlib import Path

from .base import BundleBuild, BundleBuildError

def solution_delimiters() -> tuple[str, ...]:
    """The region markers nbgrader strips from released notebooks (solutions, hidden tests, mark schemes).

    Read from nbgrader's own preprocessors, so they match what ``generate_assignment`` removes.
    """
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions

    markers = []
    for cls, names in (
        (ClearSolutions, ("begin_solution_delimeter", "end_solution_delimeter")),
        (ClearHiddenTests, ("begin_test_delimeter", "end_test_delimeter")),
        (ClearMarkScheme, ("begin_mark_scheme_delimeter", "end_mark_scheme_delimeter")),
    ):
        traits = cls.class_traits()
        markers.extend(traits[name].default_value for name in names)
    return tuple(markers)


def find_solution_markers(folder: Path) -> list[tuple[str, str]]:
    """(relative path, marker) for every file under ``folder`` holding an nbgrader region marker."""
    markers = solution_delimiters()
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for marker in markers:
            if marker in text:
                hits.append((path.relative_to(folder).as_posix(), marker))
    return hits


def check_no_solutions(build: BundleBuild) -> None:
    """The safety net, last: no solution/hidden-test/mark-scheme region, source folder or gradebook."""
    problems = [f"{path}: contains {marker!r}" for path, marker in find_solution_markers(build.staging)]
    for path in sorted(build.staging.rglob("*")):
        rel = path.relative_to(build.staging).as_posix()
        if path.is_dir() and path.name == "source":
            problems.append(f"{rel}: a source folder")
        elif path.is_file() and (path.name == "gradebook.db" or path.suffix in (".db", ".sqlite")):
            problems.append(f"{rel}: a database file")
    if problems:
        raise BundleBuildError("the student bundle would reveal graded material:\n  " + "\n  ".join(problems))
