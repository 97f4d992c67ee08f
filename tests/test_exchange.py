"""The nbgrader exchange workflow for a class, on one machine.

An instructor and two students share a temporary exchange folder, as on a
JupyterHub where /srv/nbgrader/exchange is shared. Students are told apart the way
nbgrader tells them apart: each has their own home and Jupyter config folder whose
nbgrader_config.py sets ``CourseDirectory.student_id`` (on a hub, nbgrader reads the
unix user name or ``$JUPYTERHUB_USER`` instead) and their own exchange cache, where
nbgrader remembers their submissions so that ``fetch_feedback`` finds only theirs.
"""
from __future__ import annotations

import html as html_lib
import os
import re
from pathlib import Path

import nbformat
import pytest

from nbgrader_course import (
    answer_with_model_answers,
    copy_course,
    nbgrader,
    smallest_assignment,
    strip_region_markers,
)

COURSE_ID = "infoview"


def student_home(tmp_path: Path, student: str, exchange: Path) -> tuple[Path, dict]:
    home = tmp_path / student
    config_dir = home / ".jupyter"
    config_dir.mkdir(parents=True)
    (config_dir / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.CourseDirectory.student_id = {student!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.Exchange.cache = {str(home / '.nbgrader-cache')!r}\n"
    )
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(config_dir),
               JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"))
    return home, env


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's own, while autograding
def test_release_fetch_submit_collect_grade_and_feedback_for_two_students(tmp_path):
    assignment = smallest_assignment()
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    course = copy_course(tmp_path / "instructor", [assignment])
    teach = [f"--Exchange.root={exchange}", f"--CourseDirectory.course_id={COURSE_ID}"]

    nbgrader("generate_assignment", assignment, *teach, cwd=course)
    nbgrader("release_assignment", assignment, *teach, cwd=course)

    homes = {}
    for student in ("alice", "bob"):
        home, env = student_home(tmp_path, student, exchange)
        homes[student] = (home, env)
        nbgrader("fetch_assignment", assignment, cwd=home, env=env)
        fetched = sorted((home / assignment).glob("*.ipynb"))
        assert fetched, f"{student} fetched nothing"
        if student == "alice":  # Alice answers everything with the model answers; Bob hands in the release as is
            for path in fetched:
                answer_with_model_answers(path, course / "source" / assignment / path.name, path)
        nbgrader("submit", assignment, cwd=home, env=env)

    nbgrader("collect", assignment, *teach, cwd=course)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["alice", "bob"]
    nbgrader("autograde", assignment, *teach, cwd=course)
    nbgrader("generate_feedback", assignment, *teach, cwd=course)
    nbgrader("release_feedback", assignment, *teach, cwd=course)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        auto, totals = {}, {}
        for student in ("alice", "bob"):
            submission = gb.find_submission(assignment, student)
            totals[student] = (submission.score, submission.max_score)
            grades = [g for nb in submission.notebooks for g in nb.grades if g.cell.cell_type == "code"]
            auto[student] = (sum(g.auto_score for g in grades), sum(g.max_score for g in grades))
    full = auto["alice"][1]
    assert full > 0
    assert auto == {"alice": (full, full), "bob": (0, full)}

    source_nb = next((course / "source" / assignment).glob("*.ipynb"))
    model_answers = [
        strip_region_markers(c.source).strip()
        for c in nbformat.read(source_nb, as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
    ]
    release_nb = course / "release" / assignment / source_nb.name
    release_lines = {line.strip() for c in nbformat.read(release_nb, as_version=4).cells for line in c.source.splitlines()}
    alice_line = next(  # a line of Alice's answers that the release does not have
        line.strip() for answer in model_answers for line in answer.splitlines()
        if len(line.strip()) > 15 and line.strip() not in release_lines
    )

    for student in ("alice", "bob"):
        home, env = homes[student]
        nbgrader("fetch_feedback", assignment, cwd=home, env=env)
        feedback = sorted((home / assignment / "feedback").rglob("*.html"))
        assert len(feedback) == 1, f"{student} should see exactly their own feedback, got {feedback}"
        html = feedback[0].read_text(encoding="utf-8")
        seen = html_lib.unescape(re.sub(r"<[^>]+>", "", html))  # the page's text, as the student reads it
        # The page opens with the student's own total, then shows their own answers only.
        score, max_score = totals[student]
        assert re.search(r"Score: ([\d.]+ / [\d.]+)", seen)[1] == f"{score:.1f} / {max_score:.1f}"
        assert (alice_line in seen) == (student == "alice"), f"{student}'s feedback and Alice's answer"
