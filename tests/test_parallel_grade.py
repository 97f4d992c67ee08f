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
from infoview_lib.instructor.class_data import load_class_results
from infoview_lib.instructor.gradebook_merge import copy_gradebook
from infoview_lib.instructor.grading_course import GradingSetupError
from infoview_lib.instructor.parallel_grade import grade_submissions
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

    from infoview_lib.instructor.gradebook import gradebook_url

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


def folder_hashes(folder) -> dict[str, str]:
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_regrade_leaves_the_previous_result_whole(graded, tmp_path, capsys, monkeypatch):
    from nbgrader_course import nbgrader

    course = copy_course(graded[1], tmp_path / "course")
    url = f"sqlite:///{course / 'gradebook.db'}"
    result = course / "autograded" / "alice" / "practice"
    before, before_files = gradebook_state(url), folder_hashes(result)
    # alice resubmits work that never finishes within the wall-clock limit given below
    shutil.copyfile(course / "submitted" / "dave" / "practice" / "practice.ipynb",
                    course / "submitted" / "alice" / "practice" / "practice.ipynb")
    monkeypatch.chdir(course)
    assert main(["grade", "practice", "--student", "alice", "--force", "--timeout", "1"]) == 1
    out = capsys.readouterr().out
    assert "timed out: 1" in out and "the previous result was kept" in out
    assert folder_hashes(result) == before_files, "the previous autograded notebook must stay as it was"
    assert_same_state(before, gradebook_state(url))
    assert not list((course / "autograded" / "alice").glob("practice.infoview-*")), "no half-swapped folders"
    # the kept result is whole: nbgrader can still build its feedback
    nbgrader("generate_feedback", "practice", "--student", "alice", cwd=course)
    assert (course / "feedback" / "alice" / "practice" / "practice.html").is_file()


def test_the_terminal_shows_progress_and_summary_and_the_noise_goes_to_the_log(source_course, tmp_path):
    course = copy_course(source_course, tmp_path / "course")
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "infoview"), "grade", "practice",
                          "--student", "alice", "carol", "--jobs", "2"],
                         cwd=course, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr[-3000:]
    log_path = course / ".infoview-grade.log"
    terminal = run.stdout + run.stderr
    noise = ("without encryption", "[IPKernelApp]", "[AutogradeApp", "SAWarning", "Traceback", "DeadKernelError")
    assert [n for n in noise if n in terminal] == [], terminal
    assert "autograding practice" in run.stderr and "2/2" in run.stderr  # the progress bar
    assert "carol: Kernel died while waiting for execute reply." in run.stdout  # the summary
    assert f"nbgrader's and the kernels' messages: {log_path}" in run.stdout
    log = log_path.read_text(encoding="utf-8")
    assert "Kernel is running over TCP without encryption" in log and "DeadKernelError" in log
    assert "[infoview grade] alice: graded" in log and "[infoview grade] carol: failed" in log


def test_a_kernel_death_is_recorded_and_the_class_report_says_what_happened(graded):
    from infoview_lib.instructor.class_data import load_class_results
    from infoview_lib.instructor.class_report import class_report_html
    from infoview_lib.instructor.grading_summary import read_status

    _, parallel, _, _ = graded
    status = read_status(parallel)
    assert set(status["practice"]) == {"carol"}  # graded submissions leave no record
    assert status["practice"]["carol"]["status"] == "failed"
    results = load_class_results(f"sqlite:///{parallel / 'gradebook.db'}", course_dir=parallel)
    assert results.failed.to_dict("records") == [
        {"assignment": "practice", "student": "carol", "what happened": "failed: kernel died"}]
    page = class_report_html(results)
    summary = page.split("<h2>Summary</h2>", 1)[1].split("<h2>", 1)[0]
    assert re.search(r"<td>practice</td>\s*<td>4</td>\s*<td>4</td>\s*<td>0</td>\s*<td>0</td>\s*<td>0</td>\s*<td>1</td>",
                     summary), summary  # max points, 4 submissions, none late/missing/awaiting, 1 failed
    assert "Not counted: 1 submission whose autograding failed" in page


FLAKY_KERNEL = """\
import os, sys
marker = sys.argv[1]
if not os.path.exists(marker):  # the first start fails, as a kernel that cannot start on a loaded machine
    open(marker, "w").close()
    sys.exit(1)
sys.argv = [sys.argv[0], *sys.argv[2:]]
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


def test_a_submission_whose_kernel_did_not_start_is_graded_again(source_course, tmp_path):
    import json

    course = copy_course(source_course, tmp_path / "course")
    name = f"flaky-{uuid.uuid4().hex[:8]}"
    spec = tmp_path / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "launch.py").write_text(FLAKY_KERNEL)
    marker = tmp_path / "failed-once"
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(spec / "launch.py"), str(marker), "-f", "{connection_file}"],
        "display_name": "flaky", "language": "python"}))
    kernels = os.path.join(os.environ["JUPYTER_DATA_DIR"], "kernels", name)
    shutil.copytree(spec, kernels)
    try:
        with open(course / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.Execute.kernel_name = {name!r}\n")
        summary = grade_submissions("practice", course_dir=course, students=["alice"], jobs=1, timeout=120,
                                    progress=None)
    finally:
        shutil.rmtree(kernels)
    [alice] = summary.results
    assert marker.exists(), "the first kernel start should have failed"
    assert (alice.status, alice.attempts) == ("graded", 2), alice.reason
    scores = load_class_results(f"sqlite:///{course / 'gradebook.db'}", ["practice"]).grades
    assert scores.set_index("student").loc["alice", "auto_score"].tolist() == [2, 1, 1]
    assert "the kernel did not start" in (course / ".infoview-grade.log").read_text()


STRESS_CLASS = {
    **{f"full{i}": PracticeAnswers() for i in range(2)},
    "long": PracticeAnswers(word_count=160, minutes=45),
    "asks": PracticeAnswers(asks_for_job=True),
    "blank": "blank",
    "crash": "crash",
}


def test_grading_the_same_class_again_and_again_under_load_gives_identical_results(tmp_path):
    """A loaded machine makes grading slower, never different: a CPU hog runs beside three
    forced regrades of the whole class, and every run gives the same statuses and gradebook."""
    course = build_practice_course(tmp_path / "practice", STRESS_CLASS, cell_timeout=10)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        runs = []
        for _ in range(3):
            summary = grade_submissions("practice", course_dir=course, jobs=2, force=True, timeout=240,
                                        progress=None)
            runs.append(({r.student: r.status for r in summary.results},
                         gradebook_state(f"sqlite:///{course / 'gradebook.db'}")))
    finally:
        hog.kill()
        hog.wait()
    statuses, state = runs[0]
    assert statuses == {**{s: "graded" for s in STRESS_CLASS}, "crash": "failed"}
    for other_statuses, other_state in runs[1:]:
        assert other_statuses == statuses
        assert_same_state(state, other_state)
