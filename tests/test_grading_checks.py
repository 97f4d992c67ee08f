"""The helpers the assignments' test cells call, the feedback preprocessor, the
course configuration and the structure of the source notebooks."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT
from infoview_lib.advice import ADVICE, advice_id_from_grade_id
from infoview_lib.grading import checks
from infoview_lib.grading.answers import AnswerTypeError, decode, encode
from infoview_lib.grading.feedback import HideHiddenTests, short_error, strip_region

GOOD_REQUEST = (
    "Dear Dr Okafor, we spoke briefly after your talk at last week's preservation workshop. I read your "
    "team's report on format migration and would love to learn how you decide which formats to migrate "
    "first. Would you have 20 minutes for a short conversation in the coming weeks? I completely "
    "understand if your schedule does not allow it. With thanks, Sam"
)
BAD_REQUEST = "Please meet me on Tuesday at 9. I need a job at your library, so send me the openings."
SOURCE = ROOT / "assignments" / "source"
NOTEBOOKS = sorted(SOURCE.glob("*/*.ipynb"))


@pytest.fixture(autouse=True)
def fresh_grader_cache():
    checks._run_grader.cache_clear()
    yield
    checks._run_grader.cache_clear()


# -- grading in a fresh process ------------------------------------------------------------------

def test_the_grading_process_agrees_with_the_scorer_in_this_process():
    from infoview_lib import score_request

    for text in (GOOD_REQUEST, BAD_REQUEST):
        expected = {f.advice_id: (f.passed, f.points, f.message) for f in score_request(text).findings}
        found = {k: (f["passed"], f["points"], f["message"]) for k, f in checks.score("request", text=text).items()}
        assert found == expected


def test_tampering_in_the_calling_process_does_not_reach_the_grader(monkeypatch):
    import infoview_lib
    import infoview_lib.rules.request as request_rules
    from infoview_lib.report import Finding, Report

    def perfect(*args, **kwargs):
        return Report("request", [Finding("request.brief", True, 1, 1, "ok")])

    monkeypatch.setattr(request_rules, "score_request", perfect)
    monkeypatch.setattr(infoview_lib, "score_request", perfect, raising=False)
    monkeypatch.setattr(Report, "score", property(lambda self: 1.0))
    monkeypatch.setattr(Report, "passed", property(lambda self: True))
    with pytest.raises(AssertionError, match=r"^request\.graceful_out: "):
        checks.expect_met("request", "request.graceful_out", text=BAD_REQUEST)


def test_a_failed_check_says_which_advice_and_what_to_do():
    from infoview_lib.rules import RULES, load_all_rules

    load_all_rules()
    with pytest.raises(AssertionError) as caught:
        checks.expect_met("request", "request.graceful_out", text=BAD_REQUEST)
    message = str(caught.value)
    assert message.startswith("request.graceful_out: ")
    assert RULES["request"]["request.graceful_out"].failed_message in message
    # nothing is returned: a value shown by a test cell would count as partial credit in nbgrader
    assert checks.expect_met("request", "request.graceful_out", text=GOOD_REQUEST) is None



#: Rules that look at an item only when the answer has what they need: (artefact, advice id,
#: an answer they skip, the same answer with the missing part filled in so the item is met).
CONDITIONAL = [
    ("thank-you", "after.thank_you_timely",
     {"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": None},
     {"sent_on": "2026-03-11"}),
    ("questions", "job.stay_on_topic",
     {"questions": ["How do you decide which collections to digitise first?"], "minutes": 10, "topics": []},
     {"topics": ["digitisation priorities"]}),
]


def test_every_rule_that_can_skip_an_item_is_checked_below():
    from infoview_lib.rules import RULES, load_all_rules

    load_all_rules()
    conditional = sorted((a, r.advice_id) for a, rules in RULES.items() for r in rules.values() if r.applies)
    assert conditional == sorted((artefact, advice_id) for artefact, advice_id, _, _ in CONDITIONAL)


@pytest.mark.parametrize("artefact, advice_id, skipped, filled", CONDITIONAL, ids=[c[1] for c in CONDITIONAL])
def test_an_item_the_rule_did_not_look_at_never_earns_the_point(artefact, advice_id, skipped, filled):
    assert checks.expect_met(artefact, advice_id, **{**skipped, **filled}) is None  # met once it can be checked
    assert advice_id not in checks.score(artefact, **skipped)
    with pytest.raises(AssertionError, match=rf"^{re.escape(advice_id)}: the {artefact} check did not look at "
                                             r"this advice for your answer; fill in every part"):
        checks.expect_met(artefact, advice_id, **skipped)

def test_placeholders_and_wrong_types_get_a_clear_message_not_a_crash():
    with pytest.raises(AssertionError, match="still holds the placeholder"):
        checks.expect_met("request", "request.brief", text="YOUR ANSWER HERE")
    with pytest.raises(AssertionError, match="still holds the placeholder"):
        checks.expect_met("questions", "prep.question_list", questions=["YOUR ANSWER HERE"], minutes=20)
    with pytest.raises(AssertionError, match=r"^request\.brief: your answer could not be checked: TypeError: text"):
        checks.expect_met("request", "request.brief", text=42)
    with pytest.raises(AssertionError, match=r"could not be checked: text is a builtin_function_or_method, which cannot be graded"):
        checks.expect_met("request", "request.brief", text=print)
    with pytest.raises(AssertionError, match=r"confirmed_on must be a date"):
        checks.expect_met("logistics", "prep.confirm", meeting_at="2026-03-18T14:00", confirmed_on="next monday")


def test_one_grading_process_serves_every_check_of_the_same_answer():
    for advice_id in ("request.brief", "request.connection", "request.concise"):
        checks.expect_met("request", advice_id, text=GOOD_REQUEST, channel="email")
    info = checks._run_grader.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_a_warm_grader_answers_and_a_dead_one_falls_back_to_a_fresh_process(monkeypatch):
    monkeypatch.setattr(checks, "_grader", None)  # and back to None afterwards
    expected = checks.score("request", text=GOOD_REQUEST)  # one-shot
    checks._run_grader.cache_clear()
    checks.start_grader("request")
    try:
        with monkeypatch.context() as patch:
            patch.setattr(checks, "_one_shot", lambda payload: pytest.fail("the warm grader was not used"))
            assert checks.score("request", text=GOOD_REQUEST) == expected
        checks._grader.process.kill()
        checks._grader.process.wait(timeout=10)
        checks._run_grader.cache_clear()
        assert checks.score("request", text=GOOD_REQUEST) == expected
    finally:
        if checks._grader is not None:
            checks._grader.stop()


def test_the_grading_process_reports_bad_requests_as_json():
    def run(stdin):
        done = subprocess.run([sys.executable, "-I", "-m", "infoview_lib.grading.grade_answer"],
                              input=stdin, capture_output=True, text=True, timeout=60)
        return done.returncode, json.loads(done.stdout)

    code, out = run("not json")
    assert code == 2 and out["error"].startswith("ValueError: the grading request is not JSON")
    code, out = run(json.dumps({"artefact": "poem", "answer": {}}))
    assert code == 0 and "unknown artefact 'poem'" in out["error"]


def test_a_contact_log_dataframe_is_graded_with_its_dates():
    import pandas as pd

    log = pd.DataFrame([("2026-03-04", "handwritten", "thanks", False),
                        ("2026-03-09", "linkedin", "connect", True)],
                       columns=["date", "channel", "kind", "replied"])
    checks.expect_met("contact log", "after.stay_in_touch", log=log, interview_on=dt.date(2026, 3, 2))
    with pytest.raises(AssertionError, match=r"^after\.share_useful: "):
        checks.expect_met("contact log", "after.share_useful", log=log, interview_on="2026-03-02")


# -- answers as JSON ------------------------------------------------------------------------------

def test_answers_survive_the_trip_to_the_grading_process():
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"date": ["2026-03-04"], "replied": [np.bool_(True)], "n": [np.int64(3)]})
    value = {"when": dt.date(2026, 3, 4), "at": dt.datetime(2026, 3, 4, 13, 55), "items": ("a", 1, 2.5, None),
             "n": np.int64(7), "flag": np.bool_(False), "log": frame, "stamp": pd.Timestamp("2026-03-04 10:00")}
    back = decode(json.loads(json.dumps(encode(value))))
    assert back["when"] == dt.date(2026, 3, 4) and back["at"] == dt.datetime(2026, 3, 4, 13, 55)
    assert back["items"] == ["a", 1, 2.5, None] and back["n"] == 7 and back["flag"] is False
    assert back["stamp"] == dt.datetime(2026, 3, 4, 10, 0)
    assert back["log"] == [{"date": "2026-03-04", "replied": True, "n": 3}]


def _contact_logs():
    """Contact logs as students build them: the shipped CSV, gaps, odd types, extra columns."""
    import numpy as np
    import pandas as pd

    shipped = pd.read_csv(SOURCE / "05_follow_up" / "contact_log.csv")
    gappy = pd.DataFrame({"date": ["2026-03-04", "2026-05-01", "2026-07-01", "2026-02-20"],
                          "channel": ["Handwritten", None, "email", "email"],
                          "kind": ["thanks", "share", " Catch-up ", "request"],
                          "replied": [np.nan, 1.0, 0.0, True], "notes": ["", "article", np.nan, "the ask"]})
    as_dates = pd.DataFrame({"date": pd.to_datetime(["2026-03-03", "2026-03-20", "2026-06-30"]),
                             "channel": ["email", "linkedin", "email"], "kind": ["thanks", "connect", "share"],
                             "replied": [False, True, "yes"]})
    bad_kind = pd.DataFrame({"date": ["2026-03-04"], "channel": ["email"], "kind": ["gift"], "replied": [False]})
    no_column = pd.DataFrame({"date": ["2026-03-04"], "kind": ["thanks"]})
    return {"shipped": shipped, "gappy": gappy, "as_dates": as_dates, "bad_kind": bad_kind,
            "no_column": no_column, "empty": pd.DataFrame(columns=["date", "channel", "kind", "replied"])}


@pytest.mark.parametrize("name", ["shipped", "gappy", "as_dates", "bad_kind", "no_column", "empty"])
def test_the_grading_process_audits_a_contact_log_exactly_as_the_lesson_does(name):
    """The grader gets a DataFrame as its rows (no pandas there); its verdicts must not change."""
    from infoview_lib import audit_contact_log

    log = _contact_logs()[name]
    rows = decode(json.loads(json.dumps(encode(log))))

    def outcome(table):
        try:
            return [(f.advice_id, f.passed, f.message) for f in audit_contact_log(table, "2026-03-02").findings]
        except (TypeError, ValueError) as err:
            return f"{type(err).__name__}: {err}"

    lesson = outcome(log)
    assert outcome(rows) == lesson
    if isinstance(lesson, str):  # the lesson refuses the log: the grader refuses it with the same words
        with pytest.raises(ValueError) as refused:
            checks.score("contact log", log=log, interview_on="2026-03-02")
        assert str(refused.value) == lesson
    else:
        graded = checks.score("contact log", log=log, interview_on="2026-03-02")
        assert [(a, f["passed"], f["message"]) for a, f in graded.items()] == lesson


def test_grading_a_contact_log_does_not_load_pandas_in_the_grading_process():
    log = _contact_logs()["shipped"]
    payload = json.dumps({"artefact": "contact log", "answer": {"log": encode(log), "interview_on": "2026-01-12"}})
    probe = ("import json, sys\n"
             "from infoview_lib.grading.grade_answer import grade\n"
             f"result = grade(json.loads({payload!r}))\n"
             "print(json.dumps({'pandas': 'pandas' in sys.modules, 'findings': len(result['findings'])}))")
    done = subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"pandas": False, "findings": 9}


def test_an_answer_that_cannot_be_sent_names_itself():
    with pytest.raises(AnswerTypeError, match=r"your answer\['x'\] is a function"):
        encode({"x": lambda: 1}, "your answer")


# -- small checks ---------------------------------------------------------------------------------

def test_choice_checks_accept_any_case_and_do_not_reveal_the_letter():
    assert checks.expect_choice(" B ", "abc", "what.purpose") is None
    checks.expect_correct_choice(" B ", "b", "what.purpose", "abc")
    with pytest.raises(AssertionError, match=r"one of 'a', 'b', 'c'"):
        checks.expect_choice("d", "abc", "what.purpose")
    with pytest.raises(AssertionError, match="you gave 'int'"):
        checks.expect_choice(2, "abc", "what.purpose")
    checks.expect_correct_choice("b", "b", "what.purpose", "abc")
    with pytest.raises(AssertionError) as caught:
        checks.expect_correct_choice("a", "b", "what.purpose", "abc")
    assert str(caught.value).startswith("what.purpose: not the best choice")
    assert '"b"' not in str(caught.value) and ADVICE["what.purpose"].summary in str(caught.value)


def test_own_words_catches_a_lightly_edited_copy_only():
    model = GOOD_REQUEST
    with pytest.raises(AssertionError, match="almost"):
        checks.expect_own_words(model.replace("Sam", "Alex").upper(), [model], "request.homework")
    checks.expect_own_words(BAD_REQUEST, [model], "request.homework")
    with pytest.raises(AssertionError, match="text in quotes"):
        checks.expect_own_words(["a list"], [model], "request.homework")


def test_counts_ranges_and_numbers():
    checks.expect_word_range("one two three", 2, 3, "request.concise")
    with pytest.raises(AssertionError, match="has 3 words; this exercise asks for 4 to 9"):
        checks.expect_word_range("one two three", 4, 9, "request.concise")
    with pytest.raises(AssertionError, match="you wrote 1 questions"):
        checks.expect_count(["Why?"], 3, 8, "prep.question_list", "questions")
    with pytest.raises(AssertionError, match="two of your questions are the same"):
        checks.expect_distinct(["How did it start?", "how did it START"], "prep.open_questions", "questions")
    checks.expect_close(0.4444, 4 / 9, "after.not_always_asking", "requests_share")
    with pytest.raises(AssertionError, match="does not match"):
        checks.expect_close(4, 4 / 9, "after.not_always_asking", "requests_share")
    with pytest.raises(AssertionError, match="must be a number"):
        checks.expect_between("YOUR ANSWER HERE", 0, 1, "after.not_always_asking", "requests_share")
    with pytest.raises(AssertionError, match="address Dr Okafor"):
        checks.expect_contains("Dear Sir", ["Okafor"], "request.connection", "address Dr Okafor")


# -- feedback ----------------------------------------------------------------------------------------

def test_strip_region_removes_hidden_tests_and_keeps_the_rest():
    source = "visible()\n    ### BEGIN HIDDEN TESTS\n    secret()\n    ### END HIDDEN TESTS\nafter()"
    stripped, regions = strip_region(source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "# hidden")
    assert regions == 1 and stripped == "visible()\n    # hidden\nafter()"
    unterminated, _ = strip_region("a\n### BEGIN HIDDEN TESTS\nsecret()", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    assert unterminated == "a"


def test_the_feedback_preprocessor_trims_a_graded_notebook():
    test_cell = nbformat.v4.new_code_cell(
        'checks.expect_met("request", "request.brief", text=draft)\n### BEGIN HIDDEN TESTS\n'
        'secret_line = 1\n### END HIDDEN TESTS')
    test_cell.outputs = [nbformat.v4.new_output(
        "error", ename="AssertionError", evalue="request.brief: say how many minutes",
        traceback=["\x1b[0;31m---\x1b[0m", "File <cell>, line 3", "secret_line = 1", "AssertionError: ..."])]
    rubric = nbformat.v4.new_markdown_cell("Answer\n### BEGIN MARK SCHEME\n3 points: ...\n### END MARK SCHEME")
    nb = nbformat.v4.new_notebook(cells=[test_cell, rubric])
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert "secret_line" not in nb.cells[0].source and "hidden checks ran" in nb.cells[0].source
    assert nb.cells[0].outputs[0].traceback == ["AssertionError: request.brief: say how many minutes"]
    assert nb.cells[1].source == "Answer"
    assert short_error({"ename": "CellTimeoutError", "evalue": "",
                        "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply"]}) == "CellTimeoutError: No reply"


def test_the_course_configuration():
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "assignments")).load_config()
    assert config.CourseDirectory.course_id == "infoview"
    assert config.CourseDirectory.root == str(ROOT / "assignments")
    assert config.CourseDirectory.db_url.endswith("assignments/gradebook.db")
    assert 10 <= config.ExecutePreprocessor.timeout <= 20
    pipeline = config.GenerateFeedback.preprocessors
    assert pipeline[0].__name__ == "GetGrades" and HideHiddenTests in pipeline
    assert HideHiddenTests().enabled is True
    assert config.OverwriteCells.add_missing_cells is True


# -- the source notebooks ----------------------------------------------------------------------------

def _nbgrader(cell):
    return cell.metadata.get("nbgrader", {})


def test_there_is_an_assignment_for_every_stage():
    stages = set()
    for path in NOTEBOOKS:
        nb = nbformat.read(path, 4)
        stages |= {advice_id_from_grade_id(_nbgrader(c)["grade_id"]).split(".")[0]
                   for c in nb.cells if _nbgrader(c).get("grade")}
    assert len(NOTEBOOKS) >= 5
    assert stages >= {"what", "request", "job", "prep", "during", "after"}
    assert (SOURCE / "05_follow_up" / "contact_log.csv").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.parent.name for p in NOTEBOOKS])
def test_each_source_notebook_follows_the_grading_conventions(path):
    nb = nbformat.read(path, 4)
    nbformat.validate(nb)
    text = "\n".join(c.source for c in nb.cells)
    assert "ipywidgets" not in text and "infoview_lib.widgets" not in text
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    tests = [c for c in nb.cells if _nbgrader(c).get("grade") and c.cell_type == "code"]
    assert tests and any("BEGIN HIDDEN TESTS" in c.source for c in tests)
    for cell in tests:
        meta = _nbgrader(cell)
        advice_id = advice_id_from_grade_id(meta["grade_id"])
        assert meta["locked"] and meta["points"] > 0
        visible = cell.source.split("### BEGIN HIDDEN TESTS")[0]
        named = re.findall(r'"([a-z]+\.[a-z_]+)"', visible)
        assert named and named[-1] == advice_id, f"{meta['grade_id']} checks {named}"
    # one self-check cell showing the lesson's findings for each scored answer
    assert re.search(r"^from infoview_lib import (score_|check_|audit_)", text, re.M) or "01_what" in str(path)


def test_the_manual_reflections_carry_a_mark_scheme_inside_a_solution_region():
    found = 0
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, 4).cells:
            meta = _nbgrader(cell)
            if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
                found += 1
                advice_id_from_grade_id(meta["grade_id"])
                region = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
                assert "Mark scheme" in region and re.search(r"\*\*3 points\*\*.*\*\*0 points\*\*", region, re.S)
    assert found >= 1


def test_copying_the_course_leaves_generated_folders_behind(tmp_path):
    from infoview_lib.grading.course import assignments, copy_course

    fake = tmp_path / "course"
    (fake / "source" / "02_request").mkdir(parents=True)
    (fake / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (fake / "source" / "02_request" / "making_the_request.ipynb").write_text("{}", encoding="utf-8")
    for generated in ("release", "submitted", "autograded", "feedback"):
        (fake / generated / "x").mkdir(parents=True)
    (fake / "gradebook.db").write_text("", encoding="utf-8")
    copy = copy_course(tmp_path / "copy", fake)
    assert sorted(p.name for p in copy.iterdir()) == ["nbgrader_config.py", "source"]
    assert assignments(copy) == {"02_request": "making_the_request"}
    (fake / "source" / "02_request" / "second.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="more than one notebook"):
        assignments(fake)
    with pytest.raises(FileNotFoundError, match="not an nbgrader course folder"):
        copy_course(tmp_path / "elsewhere", tmp_path / "copy" / "source")
    assert assignments() == {"01_what_it_is": "what_it_is", "02_request": "making_the_request",
                             "03_no_job_ask": "dont_ask_for_a_job", "04_prep": "before_and_during",
                             "05_follow_up": "afterward"}


def test_after_the_setup_cell_the_kernel_keeps_collecting_the_students_objects(tmp_path):
    """The setup cell freezes what it loaded (so the kernel exits fast after grading), but
    an answer's objects are still garbage-collected, and the checks still grade."""
    from nbclient import NotebookClient

    setup = "from infoview_lib.grading import checks\nchecks.start_grader('request')"
    probe = (
        "import gc, weakref\n"
        "class Answer: pass\n"
        "a = Answer(); a.me = a; alive = weakref.ref(a); del a\n"
        "gc.collect()\n"
        "print('frozen', gc.get_freeze_count() > 0, 'collected', alive() is None)\n"
        f"checks.expect_met('request', 'request.brief', text={GOOD_REQUEST!r})\n"
        "print('graded')"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup), nbformat.v4.new_code_cell(probe)])
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    # (the two prints may arrive as one stream output or two)
    printed = "".join(o.get("text", "") for o in nb.cells[1].outputs if o["output_type"] == "stream")
    assert printed == "frozen True collected True\ngraded\n", nb.cells[1].outputs


def test_lazy_patterns_match_like_compiled_ones_and_name_a_wrong_attribute():
    from infoview_lib.rules.detect.text import LazyPattern

    lazy = LazyPattern(r"\bbrief\b", re.I)
    assert [m.span() for m in lazy.finditer("A BRIEF chat, briefly")] == [(2, 7)]
    assert lazy.sub("short", "a brief chat") == "a short chat" and lazy.groups == 0
    with pytest.raises(AttributeError, match="LazyPattern has no attribute 'serch'"):
        lazy.serch("brief")


def test_the_grading_process_answers_in_the_reports_one_json_shape():
    """grade_answer writes Report.to_dict(): the same versioned shape as `infoview score --json`."""
    from infoview_lib.grading.grade_answer import grade
    from infoview_lib.report import Report
    from infoview_lib.rules.request import score_request

    result = grade({"artefact": "request", "answer": {"text": GOOD_REQUEST}})
    assert result["format"] == "infoview-report" and result["version"] == 1
    assert result == score_request(GOOD_REQUEST).to_dict()
    assert Report.from_dict(result).advice_ids == score_request(GOOD_REQUEST).advice_ids
    assert "error" in grade({"artefact": "poem", "answer": {"text": "x"}})
