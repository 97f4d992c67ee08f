"""The real nbgrader pipeline on a copy of ``assignments/``.

One course per test session (nbgrader is slow): generate every assignment, write
submissions for simulated students, autograde each assignment for all of its
students in one call, generate feedback, export a CSV; the tests then read the
gradebook, the CSV, the feedback HTML and ``infoview audit``.

Students:
- ``solution``: hands in the instructor's source notebooks (full marks);
- ``untouched``: hands in the release unchanged (zero);
- ``partial``: a request without a graceful way out; two wrong letters in 01;
- ``tamperer``: the same request as ``partial``, and replaced one test cell with
  ``assert True``, deleted another and turned a third into markdown;
- ``rebinder``: a weak request, and a cell that rebinds the scorers and patches
  ``Report.score``; ``honest`` hands in the same request without the tampering;
- ``raiser`` / ``looper``: 04 with one answer cell that raises / loops forever.
"""
from __future__ import annotations

import csv
import copy
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest


# One generated course per session: under pytest-xdist, `--dist loadgroup` keeps these tests on
# one worker so the course is built once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("grading_pipeline")]

from infoview_lib.grading.course import assignments

ASSIGNMENTS = assignments()
#: seconds per cell while testing: enough for a grading process on a busy machine,
#: short enough that the infinite loop does not dominate the run.
CELL_TIMEOUT = 6

WEAK_REQUEST = "Hey! Can I pick your brain sometime about libraries?"
REBIND_CELL = """\
import infoview_lib
import infoview_lib.rules.request as r
from infoview_lib.report import Report, Finding
Report.score = property(lambda self: 1.0)
Finding.passed = True
perfect = lambda *args, **kwargs: infoview_lib.rules.request.Report("request", [])
r.score_request = perfect
infoview_lib.score_request = perfect
"""
HIDDEN_LINE = "_min_words_for_a_real_request = 40"


def _nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _cell(nb, grade_id):
    for index, cell in enumerate(nb.cells):
        if _nbgrader_meta(cell).get("grade_id") == grade_id:
            return index, cell
    raise KeyError(grade_id)


def _set_answer(nb, grade_id, source):
    _cell(nb, grade_id)[1].source = source


def _without_graceful_out(draft: str) -> str:
    return draft.replace(" I completely understand if your schedule does not allow it.", "")


def _solution_request(source_nb) -> str:
    text = _cell(source_nb, "answer-request_draft")[1].source
    return re.search(r'"""(.*?)"""', text, re.S).group(1)


def _request_answer(draft: str) -> str:
    return f'channel = "email"\n\nrequest_draft = """{draft}"""'


def _write_submission(course: Path, student: str, assignment: str, nb) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{ASSIGNMENTS[assignment]}.ipynb")
    (folder / "timestamp.txt").write_text("2026-03-20 12:00:00.000000 UTC\n", encoding="utf-8")
    if assignment == "05_follow_up":
        shutil.copy(course / "release" / assignment / "contact_log.csv", folder / "contact_log.csv")


def _submissions(course: Path) -> dict[str, list[str]]:
    source = {a: nbformat.read(course / "source" / a / f"{n}.ipynb", 4) for a, n in ASSIGNMENTS.items()}
    release = {a: nbformat.read(course / "release" / a / f"{n}.ipynb", 4) for a, n in ASSIGNMENTS.items()}
    students: dict[str, list[str]] = {a: [] for a in ASSIGNMENTS}

    def submit(student, assignment, nb):
        _write_submission(course, student, assignment, nb)
        students[assignment].append(student)

    for assignment in ASSIGNMENTS:
        submit("solution", assignment, source[assignment])
        submit("untouched", assignment, release[assignment])

    partial_draft = _without_graceful_out(_solution_request(source["02_request"]))

    nb = copy.deepcopy(source["02_request"])
    _set_answer(nb, "answer-request_draft", _request_answer(partial_draft))
    submit("partial", "02_request", nb)

    nb = copy.deepcopy(source["01_what_it_is"])
    _set_answer(nb, "answer-answer_you_lead", 'answer_you_lead = "b"')
    _set_answer(nb, "answer-answer_take_seriously", 'answer_take_seriously = "a"')
    submit("partial", "01_what_it_is", nb)

    nb = copy.deepcopy(release["02_request"])
    _set_answer(nb, "answer-request_draft", _request_answer(partial_draft))
    _cell(nb, "request-graceful_out")[1].source = "assert True"
    index, _ = _cell(nb, "request-connection")
    del nb.cells[index]
    _, brief = _cell(nb, "request-brief")
    nb.cells[nb.cells.index(brief)] = nbformat.v4.new_markdown_cell(brief.source, metadata=brief.metadata)
    submit("tamperer", "02_request", nb)

    for student, extra in (("honest", None), ("rebinder", REBIND_CELL)):
        nb = copy.deepcopy(release["02_request"])
        index, _ = _cell(nb, "answer-request_draft")
        nb.cells[index].source = _request_answer(WEAK_REQUEST)
        if extra:
            nb.cells.insert(index + 1, nbformat.v4.new_code_cell(extra))
        submit(student, "02_request", nb)

    nb = copy.deepcopy(source["04_prep"])
    _set_answer(nb, "answer-timing", 'meeting_at = "2026-03-18T14:00"\nconfirmed_on = "2026-03-16"\n'
                                     'arrive_at = 1 / 0\nfree_until = "2026-03-18T15:30"')
    submit("raiser", "04_prep", nb)

    nb = copy.deepcopy(source["04_prep"])
    _set_answer(nb, "answer-my_notes", "while True:\n    pass")
    submit("looper", "04_prep", nb)
    return students


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    """A graded course: (folder, students per assignment)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    from infoview_lib.grading.course import copy_course, course_api, require_success

    folder = copy_course(tmp_path_factory.mktemp("course"))
    api = course_api(folder, cell_timeout=CELL_TIMEOUT)
    assert api.coursedir.root == str(folder)
    for assignment in ASSIGNMENTS:
        require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
    students = _submissions(folder)
    for assignment in ASSIGNMENTS:
        require_success(api.autograde(assignment, "*"), f"autograde {assignment}")
        require_success(api.generate_feedback(assignment), f"generate_feedback {assignment}")
    with Gradebook(api.coursedir.db_url) as gradebook:
        CsvExportPlugin(to=str(folder / "grades.csv")).export(gradebook)
    return folder, students


@pytest.fixture(scope="session")
def grades(course):
    """(student, assignment) -> {grade id: score} from the gradebook."""
    from nbgrader.api import Gradebook

    folder, students = course
    found = {}
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        for assignment, names in students.items():
            for student in names:
                nb = gradebook.find_submission_notebook(ASSIGNMENTS[assignment], assignment, student)
                found[student, assignment] = {g.name: g.score for g in nb.grades if g.cell.cell_type == "code"}
                found[student, assignment, "max"] = {g.name: g.max_score for g in nb.grades}
    return found


def _auto(grades, student, assignment):
    return grades[student, assignment]


def _max_auto(grades, assignment):
    """Points of every autograded (code) cell of an assignment."""
    return {k: v for k, v in grades["solution", assignment, "max"].items() if k in grades["solution", assignment]}


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_the_solution_earns_every_autograded_point(grades, assignment):
    assert _auto(grades, "solution", assignment) == _max_auto(grades, assignment)


def test_passing_test_cells_show_nothing_nbgrader_could_read_as_partial_credit(course):
    folder, _ = course
    for assignment, notebook in ASSIGNMENTS.items():
        graded = nbformat.read(folder / "autograded" / "solution" / assignment / f"{notebook}.ipynb", 4)
        for cell in graded.cells:
            if _nbgrader_meta(cell).get("grade") and cell.cell_type == "code":
                assert cell.outputs == [], (assignment, _nbgrader_meta(cell)["grade_id"], cell.outputs)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_the_untouched_release_earns_nothing(grades, assignment):
    scores = _auto(grades, "untouched", assignment)
    assert scores and set(scores.values()) == {0}


def test_grade_cells_are_named_after_advice_ids(grades):
    from infoview_lib.advice import advice_id_from_grade_id

    for assignment in ASSIGNMENTS:
        for grade_id in grades["solution", assignment, "max"]:
            advice_id_from_grade_id(grade_id)  # KeyError if a cell is not named after advice


def test_a_partial_request_loses_exactly_the_missed_advice(grades):
    expected = dict(_max_auto(grades, "02_request"), **{"request-graceful_out": 0})
    assert _auto(grades, "partial", "02_request") == expected


def test_wrong_letters_lose_their_points_even_though_the_visible_check_passes(grades):
    expected = dict(_max_auto(grades, "01_what_it_is"), **{"what-you_lead": 0, "what-take_seriously": 0})
    assert _auto(grades, "partial", "01_what_it_is") == expected


def test_replaced_deleted_or_retyped_test_cells_earn_no_credit(grades, course):
    # nbgrader restores the instructor's test cells: the tamperer is graded like `partial`.
    assert _auto(grades, "tamperer", "02_request") == _auto(grades, "partial", "02_request")
    folder, _ = course
    graded = nbformat.read(folder / "autograded" / "tamperer" / "02_request" / "making_the_request.ipynb", 4)
    assert "assert True" not in _cell(graded, "request-graceful_out")[1].source
    assert _cell(graded, "request-brief")[1].cell_type == "code"
    _cell(graded, "request-connection")  # put back


def test_rebinding_the_scorers_gains_nothing(grades):
    honest = _auto(grades, "honest", "02_request")
    assert _auto(grades, "rebinder", "02_request") == honest
    assert sum(honest.values()) <= 2, honest  # a weak request stays weak


def test_an_answer_that_raises_costs_only_its_own_checks(grades):
    expected = dict(_max_auto(grades, "04_prep"),
                    **{"prep-confirm": 0, "prep-arrival_window": 0, "prep-buffer_time": 0})
    assert _auto(grades, "raiser", "04_prep") == expected


def test_an_infinite_loop_times_out_and_the_rest_is_graded(grades, course):
    expected = dict(_max_auto(grades, "04_prep"), **{"during-stay_positive": 0})
    assert _auto(grades, "looper", "04_prep") == expected
    folder, _ = course
    graded = nbformat.read(folder / "autograded" / "looper" / "04_prep" / "before_and_during.ipynb", 4)
    errors = [o for o in _cell(graded, "answer-my_notes")[1].outputs if o.output_type == "error"]
    assert errors, "the looping cell should carry a timeout error"


def test_the_csv_export_lists_every_submission(course):
    folder, students = course
    with open(folder / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {(r["student_id"], r["assignment"]): float(r["raw_score"]) for r in rows}
    for assignment, names in students.items():
        for student in names:
            assert (student, assignment) in by_key
        assert by_key["untouched", assignment] == 0
        assert by_key["solution", assignment] > by_key["untouched", assignment]
    assert by_key["partial", "02_request"] == by_key["solution", "02_request"] - 1


def _feedback(folder: Path, student: str, assignment: str) -> str:
    """The feedback page as a student reads it: tags removed, entities decoded."""
    page = (folder / "feedback" / student / assignment / f"{ASSIGNMENTS[assignment]}.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_feedback_hides_hidden_tests_and_names_the_missed_advice(course):
    from infoview_lib.rules import RULES, load_all_rules

    folder, _ = course
    load_all_rules()
    page = _feedback(folder, "partial", "02_request")
    assert "BEGIN HIDDEN TESTS" not in page
    assert "_min_words_for_a_real_request" not in page
    assert "Traceback (most recent call last)" not in page and "Cell In[" not in page
    message = RULES["request"]["request.graceful_out"].failed_message
    assert f"AssertionError: request.graceful_out: {message}" in page
    # the instructor's autograded copy keeps the hidden tests (they ran)
    graded = (folder / "autograded" / "partial" / "02_request" / "making_the_request.ipynb").read_text()
    assert HIDDEN_LINE in graded


def test_feedback_pages_load_nothing_from_outside(course):
    """A student opens the feedback page from a file, perhaps offline: it links no script, style sheet
    or font from the web (nbgrader's own page loaded MathJax from a CDN)."""
    folder, _ = course
    pages = sorted((folder / "feedback").rglob("*.html"))
    assert pages
    for path in pages:
        page = path.read_text(encoding="utf-8")
        loaded = re.findall(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["']((?:https?:)?//[^"']+)""", page)
        loaded += re.findall(r"""@import\s+(?:url\()?["']?((?:https?:)?//[^"')]+)""", page)
        assert loaded == [], f"{path.relative_to(folder)} loads {loaded}"


def test_feedback_opens_with_the_next_step_then_one_line_per_advice_item(course):
    from infoview_lib.advice import ADVICE

    folder, _ = course
    page = (folder / "feedback" / "partial" / "02_request" / "making_the_request.html").read_text(encoding="utf-8")
    page = page.replace('"', "'")  # nbconvert writes the markdown cell's attributes with double quotes
    start = page.index("<div class='iv-report'")
    assert start < page.index("request_draft")  # before the first cell of the notebook
    summary = page[start:]
    assert "Assignment</strong>: 7 of 8 advice items met" in summary
    assert re.search(r"<strong>Next step</strong></p><ol><li data-advice='request.graceful_out'>"
                     rf"<strong>{re.escape(html.escape(ADVICE['request.graceful_out'].title))}</strong>: [^<]+</li></ol>",
                     summary)
    assert summary.count("<details><summary>") >= 8


def test_feedback_of_a_hidden_failure_names_the_advice_not_the_letter(course):
    folder, _ = course
    page = _feedback(folder, "partial", "01_what_it_is")
    assert "what.you_lead: not the best choice" in page
    assert "expect_correct_choice" not in page


def test_the_mark_scheme_stays_with_the_instructor(course):
    folder, _ = course
    for assignment in ASSIGNMENTS:
        notebook = f"{ASSIGNMENTS[assignment]}.ipynb"
        assert "Mark scheme" in (folder / "source" / assignment / notebook).read_text()
        released = (folder / "release" / assignment / notebook).read_text()
        assert "Mark scheme" not in released and "Model answer" not in released
        assert "YOUR ANSWER HERE" in released
        assert "Mark scheme" not in _feedback(folder, "untouched", assignment)


#: points per assignment: (autograded, manually graded reflection); docs/grading.md's table says the same
TOTALS = {"01_what_it_is": (6, 3), "02_request": (8, 3), "03_no_job_ask": (7, 3), "04_prep": (10, 3),
          "05_follow_up": (10, 3)}


def test_each_assignment_totals_its_autograded_and_reflection_points_and_waits_for_the_grader(course):
    from nbgrader.api import Gradebook

    folder, _ = course
    assert set(TOTALS) == set(ASSIGNMENTS)
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        for assignment, (auto, manual) in TOTALS.items():
            submission = gradebook.find_submission(assignment, "solution")
            grades = [g for nb in submission.notebooks for g in nb.grades]
            reflections = [g for g in grades if g.cell.cell_type == "markdown"]
            assert (submission.max_score, submission.score) == (auto + manual, auto), assignment
            assert sum(g.max_score for g in reflections) == manual and reflections, assignment
            assert all(g.name.endswith("-reflection") and g.needs_manual_grade for g in reflections)


def test_audit_flags_the_tampering_students_only(course, capsys):
    from infoview_lib.cli import main

    folder, _ = course
    assert main(["audit", str(folder / "submitted")]) == 1
    out = capsys.readouterr().out
    flagged = {line.split()[0] for line in out.splitlines()[1:] if line.strip() and not line[0].isdigit()}
    # the solutions and untouched releases pass; the loop in an answer cell is not an answer
    assert flagged == {"rebinder", "tamperer", "looper"}, out
    assert "changed locked cell 'request-graceful_out'" in out and "cell 'request-connection' is missing" in out
    assert "Report.score" in out and "r.score_request" in out and "infoview_lib.score_request" in out
