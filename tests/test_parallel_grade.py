"""Parallel autograding gives the same gradebook as serial `nbgrader autograde`, isolates crashes and
hangs, skips graded work unless forced, and reports progress and a summary.

A practice course (infoview_lib.instructor.practice_course) with four students: one meets every
advice item, one misses two, one's kernel dies, one loops forever (stopped by nbgrader's 2 s cell timeout).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import uuid

import pandas as pd
import psutil
import pytest

from infoview_lib.cli import main
from infoview_lib.instructor.class_report import load_class_results
from infoview_lib.instructor.parallel_grade import (
    GradingSetupError, copy_gradebook, grade_submissions)
from infoview_lib.instructor.practice_course import PracticeAnswers, build_practice_course

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Object of type:sqlalchemy.exc.SAWarning")]

STUDENTS = {
    "alice": PracticeAnswers(),
    "bob": PracticeAnswers(word_count=160, asks_for_job=True),
    "carol": "crash",
    "dave": "hang",
}


def gradebook_state(db_url: str) -> dict[str, pd.DataFrame]:
    """Every autograde-written value: per-cell grades, submissions, and the comments on solution cells."""
    from nbgrader.api import Comment, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from infoview_lib.instructor.class_report import gradebook_url

    results = load_class_results(db_url, ["practice"])
    engine = create_engine(gradebook_url(db_url))
    with Session(engine) as session:
        comments = pd.DataFrame(session.execute(
            select(SubmittedAssignment.student_id, Comment.auto_comment, Comment.manual_comment)
            .join(SubmittedNotebook, Comment.notebook_id == SubmittedNotebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .order_by(SubmittedAssignment.student_id)).all(), columns=["student", "auto", "manual"])
    engine.dispose()
    return {"grades": results.grades, "submissions": results.submissions, "comments": comments,
            "students": results.students}


def assert_same_state(left: dict, right: dict) -> None:
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


@pytest.fixture(scope="module")
def source_course(tmp_path_factory):
    return build_practice_course(tmp_path_factory.mktemp("course") / "practice", STUDENTS, cell_timeout=2)


def copy_course(source, target):
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def graded(source_course, tmp_path_factory):
    """The practice course graded twice: by serial `nbgrader autograde` and by `--jobs 2`."""
    base = tmp_path_factory.mktemp("graded")
    serial = copy_course(source_course, base / "serial")
    parallel = copy_course(source_course, base / "parallel")
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "autograde", "practice"],
                         cwd=serial, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr[-3000:]  # nbgrader exits 1 because carol's kernel died
    progress = io.StringIO()
    summary = grade_submissions("practice", course_dir=parallel, jobs=2, timeout=240, progress=progress)
    return serial, parallel, summary, progress.getvalue()


def test_parallel_results_equal_serial_nbgrader_autograde(graded):
    serial, parallel, summary, _ = graded
    serial_state = gradebook_state(f"sqlite:///{serial / 'gradebook.db'}")
    assert_same_state(serial_state, gradebook_state(f"sqlite:///{parallel / 'gradebook.db'}"))
    scores = serial_state["grades"].pivot(index="student", columns="grade_id", values="auto_score")
    assert scores.loc["alice"].tolist() == [2, 1, 1]          # job-no_job_ask, request-brief, request-concise
    assert scores.loc["bob"].tolist() == [0, 1, 0]
    assert scores.loc["dave"].tolist() == [0, 0, 0]           # the endless loop was stopped by the cell timeout
    assert scores.loc["carol"].isna().all()                   # the kernel died: nothing autograded
    for student in ("alice", "bob", "dave"):
        assert (parallel / "autograded" / student / "practice" / "practice.ipynb").is_file()
    assert not (parallel / "autograded" / "carol" / "practice").exists()


def test_summary_and_progress_bar(graded):
    _, _, summary, progress = graded
    status = {r.student: r.status for r in summary.results}
    assert status == {"alice": "graded", "bob": "graded", "carol": "failed", "dave": "graded"}
    assert summary.jobs == 2 and not summary.ok
    carol = next(r for r in summary.results if r.student == "carol")
    assert "Kernel died" in carol.reason
    lines = summary.lines()
    assert lines[0].startswith("Autograded 3 of 4 submissions of 'practice' in ")
    assert "  failed:    1" in lines and "    carol: Kernel died while waiting for execute reply." in lines
    assert "autograding practice" in progress and "4/4" in progress
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d", progress), "tqdm shows elapsed<remaining time"


def test_already_graded_work_is_skipped(graded):
    _, parallel, _, _ = graded
    before = gradebook_state(f"sqlite:///{parallel / 'gradebook.db'}")
    summary = grade_submissions("practice", course_dir=parallel, students=["alice", "bob"], jobs=2, progress=None)
    assert [(r.student, r.status) for r in summary.results] == [("alice", "skipped"), ("bob", "skipped")]
    assert "already graded (use --force to regrade)" in summary.results[0].reason
    assert_same_state(before, gradebook_state(f"sqlite:///{parallel / 'gradebook.db'}"))


def test_force_regrades_and_keeps_what_graders_entered(graded, tmp_path, capsys, monkeypatch):
    from nbgrader.api import Gradebook

    course = copy_course(graded[1], tmp_path / "course")
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url, "") as gb:  # a stale auto score, and a grader's manual score and comment
        gb.find_grade("request-concise", "practice", "practice", "bob").auto_score = 1
        gb.find_grade("request-brief", "practice", "practice", "bob").manual_score = 0.5
        gb.find_comment("answers", "practice", "practice", "bob").manual_comment = "see me"
        gb.db.commit()
    monkeypatch.chdir(course)  # run from the course folder, as nbgrader is
    assert main(["grade", "practice", "--student", "bob", "--force", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "Autograded 1 of 1 submission of 'practice'" in out and "graded:    1" in out
    with Gradebook(url, "") as gb:
        assert gb.find_grade("request-concise", "practice", "practice", "bob").auto_score == 0
        brief = gb.find_grade("request-brief", "practice", "practice", "bob")
        assert (brief.auto_score, brief.manual_score, brief.needs_manual_grade) == (1, 0.5, True)
        assert gb.find_comment("answers", "practice", "practice", "bob").manual_comment == "see me"


def test_hung_submission_times_out_and_its_kernel_is_stopped(source_course, tmp_path):
    course = copy_course(source_course, tmp_path / "course")
    (course / "nbgrader_config.py").write_text(  # a cell limit longer than the wall limit below
        (course / "nbgrader_config.py").read_text().replace("timeout = 2", "timeout = 120"))
    def kernels():  # other tests' session fixtures (a browser-test server, say) may run kernels of their own
        found = set()
        for proc in psutil.Process().children(recursive=True):
            try:
                if "ipykernel" in " ".join(proc.cmdline()):
                    found.add(proc.pid)
            except psutil.Error:  # it ended while we looked
                pass
        return found

    before = kernels()
    summary = grade_submissions("practice", course_dir=course, students=["dave"], jobs=2, timeout=6, progress=None)
    [dave] = summary.results
    assert dave.status == "timed out" and "no result after 6 s (per-submission timeout)" in dave.reason
    assert summary.jobs == 1 and "  timed out: 1" in summary.lines()
    assert not (course / "autograded" / "dave" / "practice").exists()
    assert kernels() - before == set()


def test_setup_errors_are_clear(source_course, tmp_path, capsys):
    with pytest.raises(GradingSetupError, match=r"unknown assignment 'week9'; the gradebook knows: practice"):
        grade_submissions("week9", course_dir=source_course, progress=None)
    with pytest.raises(GradingSetupError, match=r"no submission of 'practice' from zed; submitted: alice, bob"):
        grade_submissions("practice", course_dir=source_course, students=["zed"], progress=None)
    assert main(["grade", "practice", "--course-dir", str(tmp_path)]) == 2
    assert "does not look like an nbgrader course folder" in capsys.readouterr().err


@pytest.fixture
def postgres_url():
    base = os.environ.get("INFOVIEW_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("INFOVIEW_TEST_POSTGRES_URL is not set (.ci/run starts a throwaway PostgreSQL and sets it)")
    import psycopg2
    from sqlalchemy.engine import make_url

    name = f"infoview_grade_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(base)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def test_postgresql_gradebook_gives_the_same_results(graded, source_course, tmp_path, postgres_url):
    serial = graded[0]
    course = copy_course(source_course, tmp_path / "course")
    copy_gradebook(f"sqlite:///{course / 'gradebook.db'}", postgres_url)
    (course / "gradebook.db").unlink()  # the run must use PostgreSQL only
    summary = grade_submissions("practice", course_dir=course, db_url=postgres_url, jobs=2,
                                students=["alice", "bob"], progress=None)
    assert [r.status for r in summary.results] == ["graded", "graded"]
    expected = gradebook_state(f"sqlite:///{serial / 'gradebook.db'}")
    got = gradebook_state(postgres_url)
    for name, frame in expected.items():
        if name == "students":
            continue
        keep = frame["student"].isin(["alice", "bob"])
        pd.testing.assert_frame_equal(frame[keep].reset_index(drop=True), got[name].reset_index(drop=True), obj=name)
    assert not (course / "gradebook.db").exists()
