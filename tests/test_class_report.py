"""The class report: gradebook -> DataFrames -> per-advice table -> self-contained HTML, and its command.

Gradebooks are built with nbgrader's own Gradebook API (no notebooks run), so these tests are fast.
"""
from __future__ import annotations

import base64
import datetime as dt
import re
import shutil

import pandas as pd
import pytest

from infoview_lib.advice import ADVICE
from infoview_lib.cli import main
from infoview_lib.instructor.class_data import (
    ADVICE_COLUMNS, UnknownAssignmentError, advice_table, load_class_results, most_missed)
from infoview_lib.instructor.class_report import class_report_html
from infoview_lib.instructor.gradebook import GradebookError

# nbgrader's add_submission trips SQLAlchemy 2 autoflush warnings (harmless, not ours)
pytestmark = pytest.mark.filterwarnings("ignore:Object of type:sqlalchemy.exc.SAWarning")

DUE = dt.datetime(2026, 3, 1, 12, 0)
#: grade cell -> points; "job-no_job_ask-thanks" is a second test of job.no_job_ask; "q-extra" names no advice.
CELLS = {"request-brief": 1, "job-no_job_ask": 2, "job-no_job_ask-thanks": 1, "q-extra": 1}
#: student -> (submitted at, {cell: auto score}); a missing cell keeps no score (waiting for a manual grade)
WORK = {
    "ana": (DUE - dt.timedelta(days=1), {"request-brief": 1, "job-no_job_ask": 2, "job-no_job_ask-thanks": 1,
                                          "q-extra": 1}),
    "ben": (DUE - dt.timedelta(hours=2), {"request-brief": 0, "job-no_job_ask": 2, "job-no_job_ask-thanks": 0,
                                           "q-extra": 1}),
    "<b>cy</b>": (DUE + dt.timedelta(hours=30), {"request-brief": 1, "job-no_job_ask": 1, "q-extra": 0}),
}
ROSTER_ONLY = ["dee"]  # in the gradebook, never submitted


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """An empty nbgrader gradebook file (made once: nbgrader runs alembic to stamp a new one)."""
    from nbgrader.api import Gradebook

    path = tmp_path_factory.mktemp("blank") / "gradebook.db"
    Gradebook(f"sqlite:///{path}").close()
    return path


def make_gradebook(path, blank, work=WORK, roster=ROSTER_ONLY, assignments=("week1",)) -> str:
    from nbgrader.api import Gradebook

    shutil.copyfile(blank, path)
    url = f"sqlite:///{path}"
    with Gradebook(url) as gb:
        for name in assignments:
            gb.add_assignment(name, duedate=DUE)
            gb.add_notebook("request", name)
            for cell, points in CELLS.items():
                gb.add_grade_cell(cell, "request", name, max_score=points, cell_type="code")
        for student in [*work, *roster]:
            gb.add_student(student)
        for student, (when, scores) in work.items():
            gb.add_submission(assignments[0], student, timestamp=when)
            for cell, score in scores.items():
                grade = gb.find_grade(cell, "request", assignments[0], student)
                grade.auto_score = score
                grade.needs_manual_grade = False
            gb.db.commit()
    return url


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory, blank) -> str:
    return make_gradebook(tmp_path_factory.mktemp("gradebook") / "gradebook.db", blank)


def test_results_are_read_into_frames_with_late_and_missing_work(gradebook):
    results = load_class_results(gradebook, ["week1"])
    assert results.assignment_names == ["week1"]
    assert sorted(results.submissions["student"]) == sorted(WORK)
    late = results.submissions.set_index("student")["late"]
    assert late.to_dict() == {"<b>cy</b>": True, "ana": False, "ben": False}
    assert results.submissions.set_index("student").loc["<b>cy</b>", "seconds_late"] == 30 * 3600
    assert results.missing.to_dict("records") == [{"assignment": "week1", "student": "dee"}]
    scores = results.submissions.set_index("student")["score"].to_dict()
    assert scores == {"ana": 5, "ben": 3, "<b>cy</b>": 2}
    grades = results.grades.set_index(["student", "grade_id"])
    assert grades.loc[("ben", "job-no_job_ask-thanks"), "advice_id"] == "job.no_job_ask"
    assert pd.isna(grades.loc[("ben", "q-extra"), "advice_id"])
    assert grades.loc[("ben", "request-brief"), "met"] == False  # noqa: E712 (pandas boolean)
    waiting = grades.loc[("<b>cy</b>", "job-no_job_ask-thanks")]
    assert waiting["graded"] == False and pd.isna(waiting["met"])  # noqa: E712


def test_advice_table_counts_students_meeting_every_cell_of_an_item(gradebook):
    table = advice_table(load_class_results(gradebook))
    assert list(table.columns) == ADVICE_COLUMNS
    rows = table.set_index("advice_id")
    assert set(rows.index) == {"request.brief", "job.no_job_ask"}  # q-extra names no advice
    # job.no_job_ask: ana met both cells, ben missed the thank-you cell, cy's 1 of 2 points misses it
    assert rows.loc["job.no_job_ask", ["students_assessed", "students_met", "cells"]].tolist() == [3, 1, 2]
    assert rows.loc["request.brief", ["students_assessed", "students_met"]].tolist() == [3, 2]
    assert rows.loc["job.no_job_ask", "share_met"] == pytest.approx(1 / 3)
    assert rows.loc["job.no_job_ask", "lesson"] == ADVICE["job.no_job_ask"].lesson
    assert list(table["advice_id"]) == ["job.no_job_ask", "request.brief"]  # most-missed first
    assert list(most_missed(table, limit=1)["advice_id"]) == ["job.no_job_ask"]


def test_html_report_is_self_contained_described_and_escaped(gradebook):
    page = class_report_html(load_class_results(gradebook))
    assert not re.search(r"(src|href)=['\"]?(https?:|//)", page), "the report must not load anything"
    images = re.findall(r"<img src='data:image/png;base64,([^']+)' alt='([^']+)'>", page)
    assert len(images) == 2  # the week1 histogram and the advice chart
    for data, alt in images:
        assert base64.b64decode(data).startswith(b"\x89PNG") and alt
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert "3 submissions scored out of 5 points; median 3, lowest 2, highest 5; 1 earned full marks" in captions[0]
    assert "job.no_job_ask 33%" in captions[1]
    assert "<b>cy</b>" not in page and "&lt;b&gt;cy&lt;/b&gt;" in page
    assert "notebooks/03_dont_ask_for_a_job.ipynb" in page and "Ellen Mehling" in page
    missing = page.split("<h2>Missing submissions</h2>", 1)[1]
    assert "dee" in missing
    late = page.split("<h2>Late submissions</h2>", 1)[1].split("<h2>", 1)[0]
    assert "&lt;b&gt;cy&lt;/b&gt;" in late and "<td>30</td>" in late and "ben" not in late
    assert "q-extra" in page  # the cell that names no advice is reported, not silently dropped


def test_empty_gradebook_and_assignment_without_submissions_say_so(tmp_path, blank):
    empty = make_gradebook(tmp_path / "empty.db", blank, work={}, roster=[], assignments=())
    results = load_class_results(empty)
    assert results.empty and results.assignment_names == []
    assert "The gradebook is empty" in class_report_html(results)

    quiet = make_gradebook(tmp_path / "quiet.db", blank, work={}, roster=["dee", "eli"])
    results = load_class_results(quiet, ["week1"])
    assert results.empty and sorted(results.missing["student"]) == ["dee", "eli"]
    page = class_report_html(results)
    assert "no submissions for these assignments yet" in page and "<img" not in page
    assert advice_table(results).empty


def test_unknown_assignment_lists_the_known_ones(gradebook):
    with pytest.raises(UnknownAssignmentError, match=r"'week9'.*knows: week1"):
        load_class_results(gradebook, ["week1", "week9"])


def test_missing_sqlite_gradebook_is_an_error_and_is_not_created(tmp_path):
    target = tmp_path / "nope" / "gradebook.db"
    with pytest.raises(GradebookError, match="no gradebook at"):
        load_class_results(f"sqlite:///{target}")
    assert not target.exists()
    with pytest.raises(GradebookError, match="not a database URL"):
        load_class_results("gradebook.db")


def test_command_writes_report_and_csv(gradebook, tmp_path, capsys, monkeypatch):
    out, csv = tmp_path / "report.html", tmp_path / "per_advice.csv"
    assert main(["class-report", "week1", "--db", gradebook, "--out", str(out), "--csv", str(csv)]) == 0
    assert "3 submissions, 2 advice items" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    written = pd.read_csv(csv)
    # from WORK: job.no_job_ask met by ana only (of 3), request.brief by ana and cy; most-missed first
    assert list(written.columns) == ADVICE_COLUMNS
    assert written[["advice_id", "students_assessed", "students_met"]].values.tolist() == [
        ["job.no_job_ask", 3, 1], ["request.brief", 3, 2]]

    assert main(["class-report", "week7", "--db", gradebook, "--out", str(tmp_path / "x.html")]) == 2
    assert "unknown assignment(s) 'week7'; the gradebook knows: week1" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()

    # default: gradebook.db in the current (course) folder; absent here, so a clear error
    monkeypatch.chdir(tmp_path)
    assert main(["class-report", "--out", "y.html"]) == 2
    assert "no gradebook at" in capsys.readouterr().err and not (tmp_path / "gradebook.db").exists()


def _summary_row(page: str, assignment: str) -> dict[str, str]:
    summary = page.split("<h2>Summary</h2>", 1)[1].split("<h2>", 1)[0]
    header = re.findall(r"<th>(.*?)</th>", summary)
    for row in re.findall(r"<tr>(.*?)</tr>", summary, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row)
        if cells and cells[0] == assignment:
            return dict(zip(header, cells))
    raise KeyError(assignment)


def test_missing_submissions_are_summarised_by_assignment_with_names_in_details_and_csv(tmp_path, blank, capsys):
    roster = ["dee", "eli", "fay"]
    url = make_gradebook(tmp_path / "gradebook.db", blank, roster=roster, assignments=("week1", "week2"))
    results = load_class_results(url)
    page = class_report_html(results)
    missing = page.split("<h2>Missing submissions</h2>", 1)[1]
    rows = re.findall(r"<tr><td>(week\d)</td><td>(\d+)</td><td><details><summary>(.*?)</summary>(.*?)</details>",
                      missing)
    # week1: the roster-only students; week2: nobody has handed it in yet (one row, not six)
    assert rows == [("week1", "3", "3 students", "dee; eli; fay"),
                    ("week2", "6", "6 students", "&lt;b&gt;cy&lt;/b&gt;; ana; ben; dee; eli; fay")]
    assert missing.count("<tr>") == 3  # the header and one row per assignment
    out, missing_csv = tmp_path / "r.html", tmp_path / "missing.csv"
    assert main(["class-report", "--db", url, "--out", str(out), "--missing-csv", str(missing_csv)]) == 0
    assert f"missing submissions by assignment to {missing_csv}" in capsys.readouterr().out
    written = pd.read_csv(missing_csv)
    assert written.to_dict("records") == [
        {"assignment": "week1", "missing": 3, "students": "dee; eli; fay"},
        {"assignment": "week2", "missing": 6, "students": "<b>cy</b>; ana; ben; dee; eli; fay"}]


def test_a_submission_whose_autograding_failed_says_so_instead_of_awaiting_grading(tmp_path, blank):
    import json

    # eve's kernel died: nbgrader recorded her submission but no autograded cell has a score
    work = dict(WORK, eve=(DUE - dt.timedelta(hours=1), {}))
    url = make_gradebook(tmp_path / "gradebook.db", blank, work=work)
    results = load_class_results(url)
    assert results.failed.to_dict("records") == [{
        "assignment": "week1", "student": "eve",
        "what happened": "failed: no autograded scores (no reason recorded; regrade it to see why)"}]
    page = class_report_html(results)
    row = _summary_row(page, "week1")
    # cy still waits for one cell (awaiting grading); eve's autograding failed, which is not the same thing
    assert (row["submissions"], row["awaiting grading"], row["autograding failed"]) == ("4", "1", "1")
    caption = re.findall(r"<figcaption>(.*?)</figcaption>", page)[0]
    assert "3 submissions scored out of 5 points" in caption and "lowest 2" in caption
    assert "Not counted: 1 submission whose autograding failed" in caption

    # with the reason `infoview grade` recorded in the course folder
    (tmp_path / ".infoview-grade-status.json").write_text(json.dumps({"week1": {"eve": {
        "status": "failed", "reason": "Kernel died while waiting for execute reply.", "at": "x"}}}))
    page = class_report_html(load_class_results(url, course_dir=tmp_path))
    failed = page.split("<h2>Autograding failed</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<td>eve</td>" in failed and "<td>failed: kernel died</td>" in failed
