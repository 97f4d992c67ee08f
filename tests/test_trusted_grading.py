"""Trusted grading: answers read with ast, scored in a clean process; the kernel sandbox."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from infoview_lib.grading.answer_source import read_answer_cells, setup_names
from infoview_lib.grading.trusted import TrustedGrader, TrustedGradingError

SETUP = "from infoview_lib.grading import checks\nchecks.start_grader('request')"
TESTS = [
    ("request-channel", "checks.expect_met('request', 'request.channel', text=request_draft, channel=channel)\n"
                        "checks.expect_choice(channel, ['email', 'linkedin'], 'request.channel')"),
    ("request-graceful_out", "checks.expect_met('request', 'request.graceful_out', text=request_draft, channel=channel)"),
    ("request-concise", "checks.expect_word_range(request_draft, 40, 120, 'request.concise')"),
]
GOOD = ("Dear Dr Okafor, thank you for your talk at last week's digital preservation workshop. I read your "
        "team's report on format migration and would love to learn how you decide which formats to migrate "
        "first. Would you have 20 minutes for a short conversation in the coming weeks? I completely "
        "understand if your schedule does not allow it. With thanks, Sam")


@pytest.fixture(scope="module")
def grader():
    process = TrustedGrader()
    yield process
    process.stop()


def _request(*cells: str, setup: str = SETUP, tests=TESTS) -> dict:
    read = read_answer_cells(list(enumerate(cells, start=2)), known=setup_names([setup]))
    return {"setup": [setup], "tests": list(tests),
            "answers": [[s.source, list(s.binds), s.problem] for s in read.statements if s.binds]}


def _passed(verdicts) -> dict[str, bool]:
    return {grade_id: v.passed for grade_id, v in verdicts.items()}


def test_literal_answers_are_read_and_scored(grader):
    verdicts = grader.grade(_request(f'channel = "email"\nrequest_draft = """{GOOD}"""'))
    assert _passed(verdicts) == {"request-channel": True, "request-graceful_out": True, "request-concise": True}
    weak = grader.grade(_request('channel = "phone"\nrequest_draft = "Hi, can we talk?"'))
    assert _passed(weak) == {"request-channel": False, "request-graceful_out": False, "request-concise": False}
    assert weak["request-concise"].message.startswith("AssertionError: request.concise: your text has 4 words")


@pytest.mark.parametrize("trick", [
    "c = checks\nc.expect_met = c.expect_contains = c.expect_word_range = c.expect_choice = (lambda *a, **k: None)",
    "get_ipython().run_cell('checks.expect_met = lambda *a, **k: None')",
    "for n in dir(checks):\n    setattr(checks, n, lambda *a, **k: None)",
    f"exec('request_draft = ' + repr({GOOD!r}))",
    f"globals()['request_draft'] = {GOOD!r}",
])
def test_the_issue_tricks_change_nothing(grader, trick):
    honest = grader.grade(_request('channel = "email"\nrequest_draft = "x"'))
    tricked = grader.grade(_request(f'channel = "email"\nrequest_draft = "x"\n{trick}'))
    assert _passed(tricked) == _passed(honest) == {"request-channel": True, "request-graceful_out": False,
                                                   "request-concise": False}


def test_an_answer_rebound_by_code_is_not_read_and_asks_for_a_look(grader):
    verdicts = grader.grade(_request(f'channel = "email"\nrequest_draft = """{GOOD}"""\n'
                                     "request_draft = (lambda t: t)(request_draft)"))
    assert not any(v.passed for v in verdicts.values())
    assert all(v.needs_look for v in verdicts.values())
    assert "`request_draft` is not an answer the grader can read (calls a lambda" in verdicts["request-concise"].message


def test_an_answer_that_raises_fails_its_checks_without_a_look(grader):
    verdicts = grader.grade(_request('channel = "email"\nrequest_draft = "a" + 1'))
    assert not verdicts["request-concise"].passed and not verdicts["request-concise"].needs_look
    assert "`request_draft` could not be computed: TypeError" in verdicts["request-concise"].message


def test_a_missing_answer_is_a_name_error(grader):
    verdicts = grader.grade(_request('channel = "email"'))
    assert verdicts["request-concise"].message.startswith("NameError: name 'request_draft' is not defined")


def test_expressions_see_only_harmless_builtins(grader):
    # even a statement the allow-list would refuse cannot reach os from the answers' namespace
    request = {"setup": [SETUP], "tests": [("t", "assert not isinstance(leak, str)")],
               "answers": [["import os\nleak = os.getcwd()", ["os", "leak"], None]]}
    [verdict] = grader.grade(request).values()
    assert "could not be computed: ImportError: an answer cannot import os" in verdict.message


def test_pandas_answers_are_recomputed_from_the_shipped_file(grader, tmp_path):
    (tmp_path / "contact_log.csv").write_text("date,kind\n2026-01-01,request\n2026-02-01,thanks\n", encoding="utf-8")
    setup = "from infoview_lib.grading import checks\nimport pandas as pd"
    cell = "log = pd.read_csv('contact_log.csv')\nshare = (log['kind'] == 'request').mean()"
    tests = [("share", "checks.expect_close(share, 0.5, 'after.not_always_asking', 'share')")]
    request = _request(cell, setup=setup, tests=tests)
    assert _passed(grader.grade({**request, "data_dir": str(tmp_path)})) == {"share": True}
    (tmp_path / "contact_log.csv").write_text("date,kind\n2026-01-01,request\n", encoding="utf-8")
    assert _passed(grader.grade({**request, "data_dir": str(tmp_path)})) == {"share": False}


def test_a_broken_setup_is_the_graders_error_not_the_students(grader):
    with pytest.raises(TrustedGradingError, match="ModuleNotFoundError"):
        grader.grade(_request('x = 1', setup="import no_such_module_anywhere"))


def test_the_course_autogrades_with_trusted_grades_and_a_sandboxed_kernel():
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import SaveAutoGrades

    from infoview_lib.grading.autograde import RestoreCellMetadata, SaveTrustedGrades
    from infoview_lib.grading.course import load_config
    from infoview_lib.grading.sandbox import KERNEL_LINE

    config = load_config(__import__("conftest").ROOT / "assignments")
    steps = config.Autograde.autograde_preprocessors
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    assert steps == [SaveTrustedGrades if s is SaveAutoGrades else s for s in default]
    assert SaveAutoGrades not in steps and SaveTrustedGrades.enabled
    sanitize = Autograde.class_traits()["sanitize_preprocessors"].default()
    assert config.Autograde.sanitize_preprocessors == [sanitize[0], RestoreCellMetadata, *sanitize[1:]]
    assert config.Execute.extra_arguments == [f"--IPKernelApp.exec_lines={KERNEL_LINE}"]


def test_the_sandbox_keeps_writes_in_the_working_folder(tmp_path):
    from infoview_lib.grading.sandbox import landlock_abi

    if landlock_abi() < 1:
        pytest.skip("this kernel has no Landlock")
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    script = textwrap.dedent(f"""
        import subprocess, tempfile
        from infoview_lib.grading.sandbox import confine_writes
        assert confine_writes()
        open("mine.txt", "w").write("ok")
        open(tempfile.gettempdir() + "/scratch.txt", "w").write("ok")
        for attempt in (lambda: open({str(outside / 'x.txt')!r}, "w"),
                        lambda: subprocess.run(["touch", {str(outside / 'y.txt')!r}], check=True)):
            try:
                attempt()
            except (OSError, subprocess.CalledProcessError):
                continue
            raise SystemExit("wrote outside")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=inside, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (inside / "mine.txt").read_text() == "ok"
    assert list(outside.iterdir()) == []


def test_a_runaway_answer_stops_with_an_error_not_a_hang(grader):
    verdicts = grader.grade(_request('channel = "email"\nrequest_draft = str(sum(1 for c in "x" * 999_999_999))'))
    assert "`request_draft` could not be computed: AnswerTimeout" in verdicts["request-concise"].message
    # the process is still there for the next submission
    assert grader.grade(_request(f'channel = "email"\nrequest_draft = """{GOOD}"""'))["request-concise"].passed
