"""The course a grading run works on: nbgrader's settings, the assignments and the submissions.

Read as ``nbgrader autograde`` reads them (:func:`load_course`), so ``infoview grade``
(:mod:`.parallel_grade`) grades the same submissions with the same configuration.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InfoviewError


class GradingSetupError(InfoviewError, RuntimeError):
    """The grading run cannot start (no course, unknown assignment or student, unreadable
    gradebook, nbgrader configuration error); the message says which and what to do."""


@dataclass(frozen=True)
class Course:
    """The nbgrader settings a grading run needs, read as ``nbgrader autograde`` reads them."""

    root: Path
    db_url: str
    course_id: str
    argv: tuple[str, ...]
    """The nbgrader command-line options that reproduce these settings in a worker."""
    coursedir: object = field(repr=False, compare=False)


def load_course(course_dir: str | Path | None = None, db_url: str | None = None) -> Course:
    """Read the nbgrader configuration for the course in ``course_dir`` (default: the
    current folder), as ``nbgrader autograde`` run from the current folder would."""
    from nbgrader.apps.autogradeapp import AutogradeApp

    from .gradebook import GradebookError, gradebook_url

    argv: list[str] = []
    if course_dir is not None:
        folder = Path(course_dir).resolve()
        if not folder.is_dir():
            raise GradingSetupError(f"the course folder {folder} does not exist")
        argv.append(f"--course-dir={folder}")
    if db_url is not None:
        argv.append(f"--db={db_url}")
    app = AutogradeApp()
    try:
        app.initialize(["--log-level=WARN", *argv])
    except SystemExit as err:  # traitlets exits on bad config
        raise GradingSetupError(f"nbgrader could not read its configuration (exit {err.code})") from None
    coursedir = app.coursedir
    root = Path(coursedir.root)
    if not (root / coursedir.source_directory).is_dir() and not (root / coursedir.submitted_directory).is_dir():
        raise GradingSetupError(
            f"{root} does not look like an nbgrader course folder (no {coursedir.source_directory}/ or "
            f"{coursedir.submitted_directory}/); run from the course folder or pass --course-dir")
    try:
        url = gradebook_url(coursedir.db_url).render_as_string(hide_password=False)
    except GradebookError as err:
        raise GradingSetupError(f"{err}; run `nbgrader generate_assignment` first to create it") from None
    return Course(root, url, coursedir.course_id, tuple(argv), coursedir)


def known_assignments(db_url: str) -> list[str]:
    """The assignment names in the gradebook (read-only)."""
    from nbgrader.api import Assignment
    from sqlalchemy import create_engine, select
    from sqlalchemy.exc import SQLAlchemyError

    from .gradebook import GradebookError, gradebook_url

    try:
        engine = create_engine(gradebook_url(db_url))
        try:
            with engine.connect() as conn:
                return sorted(conn.execute(select(Assignment.name)).scalars())
        finally:
            engine.dispose()
    except (GradebookError, SQLAlchemyError, ImportError) as err:
        raise GradingSetupError(f"cannot read the gradebook: {err}") from None


def submitted_students(course: Course, assignment: str) -> list[str]:
    """The students with a submission of ``assignment`` in the course's submitted folder, sorted."""
    import glob

    cd = course.coursedir
    pattern = cd.format_path(cd.submitted_directory, "*", assignment)
    regexp = re.compile(cd.format_path(cd.submitted_directory, "(?P<student_id>.*)", re.escape(assignment),
                                       escape=True) + "$")
    students = []
    for folder in glob.glob(pattern):
        match = regexp.match(folder)
        if match and os.path.isdir(folder):
            students.append(match.group("student_id"))
    return sorted(students)


def already_graded(course: Course, assignment: str, student: str) -> bool:
    """nbgrader's rule for skipping a submission without --force: it has an autograded
    folder, and was not resubmitted after that folder was made."""
    cd = course.coursedir
    dest = cd.format_path(cd.autograded_directory, student, assignment)
    if not os.path.exists(dest):
        return False
    new = cd.get_existing_timestamp(cd.format_path(cd.submitted_directory, student, assignment))
    old = cd.get_existing_timestamp(dest)
    return not (new is not None and old is not None and new > old)


def excluded_students(course: Course) -> set[str]:
    return {s for s in str(course.coursedir.student_id_exclude or "").split(",") if s}

