"""The gradebook on PostgreSQL gives the same grades as the default SQLite file.

A class (two students: all answers, and only the first) is autograded and exported twice,
once with the course's SQLite gradebook and once with ``CourseDirectory.db_url``
pointing at a fresh PostgreSQL database, created for this run and dropped after.
The server comes from ``$INFOVIEW_TEST_POSTGRES_URL`` (set by .ci/run, which starts a
throwaway server; locally: ``source .ci/start-postgres``).
"""
from __future__ import annotations

import csv
import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import nbformat
import pytest

from nbgrader_course import answer_with_model_answers, copy_course, nbgrader, smallest_assignment

COURSE_ID = "infoview"
TIMESTAMP = "2026-03-10 09:00:00.000000 UTC"


@pytest.fixture
def postgres_db_url():
    """A fresh, empty PostgreSQL database for this test; dropped afterwards."""
    server_url = os.environ.get("INFOVIEW_TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("INFOVIEW_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL server and sets it)")
    import psycopg2  # a test dependency (psycopg2-binary): missing, it is an error, not a skip
    try:
        admin = psycopg2.connect(server_url, connect_timeout=5)
    except psycopg2.OperationalError as err:
        pytest.skip(f"PostgreSQL at INFOVIEW_TEST_POSTGRES_URL is unreachable: {str(err).strip()}")
    admin.autocommit = True
    name = f"infoview_gradebook_{uuid.uuid4().hex[:12]}"
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url)
    # SQLAlchemy 2.1 reads plain postgresql:// as the psycopg 3 driver; the kit tests with psycopg2.
    scheme = "postgresql+psycopg2" if parts.scheme in ("postgresql", "postgres") else parts.scheme
    try:
        yield urlunsplit((scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def grade_class(course: Path, assignment: str, db_url: str) -> tuple[list[dict], dict]:
    """Release, autograde two students' submissions and export; (CSV rows, per-cell grades)."""
    db = [f"--CourseDirectory.db_url={db_url}", f"--CourseDirectory.course_id={COURSE_ID}"]
    nbgrader("db", "student", "add", "alice", "--last-name=Ahmed", "--first-name=Alice", *db, cwd=course)
    nbgrader("generate_assignment", assignment, *db, cwd=course)
    for student in ("alice", "carol"):
        folder = course / "submitted" / student / assignment
        for release in sorted((course / "release" / assignment).glob("*.ipynb")):
            dest = folder / release.name
            source = course / "source" / assignment / release.name
            if student == "alice":  # every answer
                answer_with_model_answers(release, source, dest)
            else:  # carol: only the first answer cell
                answer_with_model_answers(release, source, dest)
                nb, untouched = nbformat.read(dest, as_version=4), nbformat.read(release, as_version=4)
                answers = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution")]
                for i in answers[1:]:
                    nb.cells[i].source = untouched.cells[i].source
                nbformat.write(nb, dest)
        (folder / "timestamp.txt").write_text(TIMESTAMP)
    nbgrader("autograde", assignment, *db, cwd=course)
    nbgrader("export", "--to=grades.csv", *db, cwd=course)
    with open(course / "grades.csv", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["student_id"])

    from nbgrader.api import Gradebook

    with Gradebook(db_url, COURSE_ID) as gb:
        cells = {
            (sub.student.id, nb.name, grade.name): (grade.auto_score, grade.max_score)
            for sub in gb.assignment_submissions(assignment)
            for nb in sub.notebooks
            for grade in nb.grades
        }
    return rows, cells


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's own, while autograding
def test_postgres_gradebook_gives_the_same_grades_as_sqlite(postgres_db_url, tmp_path):
    assignment = smallest_assignment()
    sqlite_course = copy_course(tmp_path / "sqlite", [assignment])
    pg_course = copy_course(tmp_path / "postgres", [assignment])

    sqlite_rows, sqlite_cells = grade_class(sqlite_course, assignment, f"sqlite:///{sqlite_course / 'gradebook.db'}")
    pg_rows, pg_cells = grade_class(pg_course, assignment, postgres_db_url)

    assert not (pg_course / "gradebook.db").exists(), "the PostgreSQL run must not fall back to SQLite"
    assert [r["student_id"] for r in pg_rows] == ["alice", "carol"]
    assert pg_rows == sqlite_rows
    assert pg_cells == sqlite_cells
    scores = {r["student_id"]: float(r["raw_score"]) for r in pg_rows}
    full = sum(auto for (student, _, _), (auto, _) in pg_cells.items() if student == "alice" and auto is not None)
    assert scores["alice"] == full > scores["carol"] > 0
    assert pg_rows[0]["last_name"] == "Ahmed" and pg_rows[0]["first_name"] == "Alice"
