"""Red team: tampered submissions earn no more than their answers, and change nothing else.

One nbgrader run grades every tampered copy of ``02_request`` (and one run a few
of ``05_follow_up``): each student hands in the same weak answers as ``honest``
plus one trick (rebinding the checks, patching modules, builtins or IPython,
hooks, exception handlers, threads, ``os._exit``, changed metadata, checksums,
cell types or order, huge outputs, files written next to the notebook or into
the course folder). For every trick:

- no autograded cell earns more than the same answers earn without it;
- grading finishes (the run returns; only a killed kernel may fail its own submission);
- the gradebook, the autograded notebook's test cells and the feedback agree;
- nothing outside that student's ``submitted/`` and ``autograded/`` folders changed;
- ``infoview audit`` flags the submission (except the tricks that only touch
  metadata nbgrader restores, which the audit reports as changed cells).
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from infoview_lib.grading.course import COURSE, assignments, copy_course, course_api

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("red_team")]

ASSIGNMENTS = assignments()
CELL_TIMEOUT = 8
WEAK = ("Dear Dr Okafor, I am a student. Could you tell me about format migration sometime? "
        "Thanks, Sam")
ANSWER = f'channel = "email"\nrequest_draft = "{WEAK}"\n'
PASS = "lambda *a, **k: None"
_SOURCE = nbformat.read(COURSE / "source" / "02_request" / f"{ASSIGNMENTS['02_request']}.ipynb", 4)
#: the model request: a trick that smuggles it in at run time must not earn its points
STRONG = re.search(r'"""(.*?)"""', next(c.source for c in _SOURCE.cells
                                         if c.metadata.get("nbgrader", {}).get("grade_id") == "answer-request_draft"),
                   re.S).group(1)

# ----------------------------------------------------------------- the tricks
# Code tricks: (where, code). "answer" appends to the answer cell, "cell" adds a cell after it,
# "self-check" replaces the self-check cell, "first" puts a cell before the setup cell.
CODE_TRICKS = {
    "alias_every_check": ("answer", f"c = checks\nc.expect_met = c.expect_contains = c.expect_own_words = "
                                    f"c.expect_word_range = c.expect_choice = ({PASS})"),
    "alias_expect_met": ("answer", f"c = checks; c.expect_met = {PASS}"),
    "ipython_run_cell": ("answer", f'get_ipython().run_cell("checks.expect_met = {PASS}")'),
    "setattr_loop": ("cell", "for name in dir(checks):\n    if name.startswith('expect'):\n"
                             f"        setattr(checks, name, {PASS})"),
    "rebind_name_checks": ("cell", "class Anything:\n    def __getattr__(self, name):\n"
                                   "        return lambda *a, **k: None\nchecks = Anything()"),
    "sys_modules": ("cell", "import sys, types\nfake = types.ModuleType('infoview_lib.grading.checks')\n"
                            "fake.__getattr__ = lambda name: (lambda *a, **k: None)\n"
                            "sys.modules['infoview_lib.grading.checks'] = fake\n"
                            "sys.modules['infoview_lib.grading'].checks = fake\n"
                            "from infoview_lib.grading import checks"),
    "importlib_reload": ("cell", "import importlib, os, infoview_lib.grading as g\nos.makedirs('fake', exist_ok=True)\n"
                                 "open('fake/checks.py', 'w').write('def __getattr__(name):\\n    return lambda *a, **k: None\\n"
                                 "def start_grader(*a): pass\\n')\n"
                                 "g.__path__.insert(0, os.path.abspath('fake'))\n"
                                 "import infoview_lib.grading.checks as m\nimportlib.reload(m)"),
    "builtins": ("cell", "import builtins\nbuiltins.isinstance = lambda obj, kind: True\n"
                         "builtins.AssertionError = type('Quiet', (Exception,), {})"),
    "exec_built_string": ("cell", "exec('che' + 'cks.expect_' + 'met = ' + 'lambda *a, **k: None')"),
    "eval_built_string": ("cell", "eval(compile(\"setattr(checks, 'expect_' + 'met', lambda *a, **k: None)\", 'x', 'exec'))"),
    "ipython_events": ("cell", f"get_ipython().events.register('pre_run_cell', lambda *a: "
                               f"[setattr(checks, n, {PASS}) for n in dir(checks) if n.startswith('expect')])"),
    "input_transformer": ("cell", "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])"),
    "transformer_swallows_errors": ("cell", "def wrap(lines):\n    body = ''.join('    ' + l for l in lines) or '    pass\\n'\n"
                                            "    return ['try:\\n'] + [body + '\\n'] + ['except BaseException:\\n    pass\\n']\n"
                                            "get_ipython().input_transformers_post.append(wrap)"),
    "set_custom_exc": ("cell", "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)"),
    "excepthook_and_showtraceback": ("cell", "import sys\nsys.excepthook = lambda *a: None\n"
                                             "get_ipython().showtraceback = lambda *a, **k: None"),
    "atexit_writes_gradebook": ("cell", "import atexit, sqlite3\natexit.register(lambda: sqlite3.connect("
                                        "'../../../gradebook.db').execute('update grade set auto_score = 1'))"),
    "thread_patches_checks": ("cell", "import threading, time\ndef keep():\n    while True:\n"
                                      f"        checks.expect_met = {PASS}\n        time.sleep(0.001)\n"
                                      "threading.Thread(target=keep, daemon=True).start()"),
    "os_exit": ("answer", "import os\nos._exit(0)"),
    "thread_os_exit": ("cell", "import os, threading\nthreading.Timer(0.5, lambda: os._exit(1)).start()"),
    "mock_patch": ("cell", "from unittest import mock\nmock.patch.object(checks, 'expect_met').start()"),
    "rebind_scorers": ("cell", "import infoview_lib, infoview_lib.rules.request as r\n"
                               "from infoview_lib.report import Report, Finding\n"
                               "Report.score = property(lambda self: 1.0)\nFinding.passed = True\n"
                               "r.score_request = lambda *a, **k: Report('request', [])\n"
                               "infoview_lib.score_request = r.score_request"),
    "module_class_swap": ("cell", "import types\nclass Lenient(types.ModuleType):\n"
                                  "    def __getattribute__(self, name):\n"
                                  "        if name.startswith('expect'):\n            return lambda *a, **k: None\n"
                                  "        return super().__getattribute__(name)\nchecks.__class__ = Lenient"),
    "gc_walk": ("cell", "import gc, types\nfor o in gc.get_objects():\n"
                        "    if isinstance(o, types.ModuleType) and o.__name__.endswith('grading.checks'):\n"
                        f"        o.expect_met = {PASS}"),
    "frame_globals": ("cell", "import sys\ng = sys._getframe().f_globals\ng['checks'] = type('X', (), "
                              "{'__getattr__': lambda self, n: (lambda *a, **k: None)})()"),
    "answer_by_exec": ("answer", "exec('request_draft = ' + repr(STRONG))"),
    "self_check_cell": ("self-check", f"checks.expect_met = {PASS}"),
    "before_setup": ("first", "import sys, types\nfake = types.ModuleType('infoview_lib.grading.checks')\n"
                              "fake.__getattr__ = lambda name: (lambda *a, **k: None)\n"
                              "sys.modules['infoview_lib.grading.checks'] = fake"),
    "huge_output": ("cell", "print('x' * 50_000_000)"),
    "write_next_to_notebook": ("cell", "import os\nos.makedirs('infoview_lib', exist_ok=True)\n"
                                       "open('infoview_lib/__init__.py', 'w').write('raise SystemExit')\n"
                                       "open('making_the_request.ipynb', 'w').write('{}')"),
    "write_course_folder": ("cell", "import os\nfor path in ['../../../nbgrader_config.py', '../../../evil.txt',\n"
                                    "             '../../../source/02_request/making_the_request.ipynb',\n"
                                    "             '../../honest/02_request/making_the_request.ipynb',\n"
                                    "             '../../../../outside.txt']:\n"
                                    "    try:\n        open(path, 'w').write('owned')\n    except OSError:\n        pass\n"
                                    "for path in ['../../../gradebook.db']:\n    try:\n        os.remove(path)\n"
                                    "    except OSError:\n        pass"),
    "ctypes_and_signal": ("cell", "import ctypes, signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                  "ctypes.pythonapi.Py_IncRef(ctypes.py_object(checks))"),
}


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _index(nb, grade_id) -> int:
    return next(i for i, c in enumerate(nb.cells) if _grade_id(c) == grade_id)


def _with_answers(release) -> nbformat.NotebookNode:
    nb = copy.deepcopy(release)
    nb.cells[_index(nb, "answer-request_draft")].source = ANSWER
    return nb


def _apply_code(nb, where: str, code: str) -> None:
    answer = _index(nb, "answer-request_draft")
    if where == "answer":
        nb.cells[answer].source += code + "\n"
    elif where == "cell":
        nb.cells.insert(answer + 1, nbformat.v4.new_code_cell(code))
    elif where == "self-check":
        nb.cells[answer + 1].source = code
    elif where == "first":
        nb.cells.insert(0, nbformat.v4.new_code_cell(code))


def _metadata_points(nb):
    cell = nb.cells[_index(nb, "request-brief")]
    cell.metadata.nbgrader.update(points=100, grade=False, locked=False)
    cell.source = "pass"


def _checksum_forged(nb):
    from nbgrader.utils import compute_checksum

    cell = nb.cells[_index(nb, "request-graceful_out")]
    cell.source = "pass"
    cell.metadata.nbgrader["checksum"] = compute_checksum(cell)


def _duplicated_cells(nb):
    test = nb.cells[_index(nb, "request-channel")]
    answer = copy.deepcopy(nb.cells[_index(nb, "answer-request_draft")])
    answer.source = 'channel = "email"\nrequest_draft = "Dear Dr Okafor, a much better request about format migration."'
    nb.cells.append(answer)
    nb.cells.extend([copy.deepcopy(test), copy.deepcopy(test)])


def _reordered_cells(nb):
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    rest = [c for c in nb.cells if c not in tests]
    nb.cells = tests + rest


def _retyped_cells(nb):
    for grade_id, kind in (("request-connection", "markdown"), ("request-homework", "raw")):
        cell = nb.cells[_index(nb, grade_id)]
        maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_raw_cell
        nb.cells[_index(nb, grade_id)] = maker(cell.source, metadata=cell.metadata)


def _solution_flag_on_test(nb):
    cell = nb.cells[_index(nb, "request-concise")]
    cell.metadata.nbgrader.update(solution=True)
    cell.source = "pass"


def _kernelspec(nb):
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}


STRUCTURE_TRICKS = {
    "metadata_points_and_lock": _metadata_points,
    "checksum_forged": _checksum_forged,
    "duplicated_cells": _duplicated_cells,
    "reordered_cells": _reordered_cells,
    "retyped_cells": _retyped_cells,
    "solution_flag_on_test": _solution_flag_on_test,
    "kernelspec_swapped": _kernelspec,
}
TRICKS = sorted([*CODE_TRICKS, *STRUCTURE_TRICKS])
#: tricks that kill or jam the kernel (nbgrader stops executing that notebook): their own
#: submission fails and earns nothing; every other submission is graded
KERNEL_KILLERS = {"os_exit", "thread_os_exit", "builtins", "huge_output"}


def test_there_are_at_least_25_distinct_tricks():
    assert len(TRICKS) >= 25 and len(set(TRICKS)) == len(TRICKS)


# ----------------------------------------------------------------- one run

#: students whose feedback is generated (and compared with the gradebook)
FEEDBACK_FOR = ("honest", "alias_every_check", "rebind_scorers", "set_custom_exc")

def _snapshot(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _own_folders(relative: str) -> str | None:
    """The student whose folders ``relative`` lies in (submitted/ or autograded/), else None."""
    parts = Path(relative).parts
    if len(parts) >= 2 and parts[0] in ("submitted", "autograded", "feedback"):
        return parts[1]
    return None


@pytest.fixture(scope="module")
def red_team(tmp_path_factory):
    """Grade honest + every trick on 02_request in one nbgrader run."""
    from nbgrader.api import Gradebook

    root = tmp_path_factory.mktemp("red_team")
    folder = copy_course(root / "course")
    for source in (folder / "source").iterdir():
        if source.name != "02_request":
            shutil.rmtree(source)
    (root / "outside.txt").write_text("untouched", encoding="utf-8")
    api = course_api(folder, cell_timeout=CELL_TIMEOUT)
    assert api.generate_assignment("02_request")["success"]
    notebook = ASSIGNMENTS["02_request"]
    release = nbformat.read(folder / "release" / "02_request" / f"{notebook}.ipynb", 4)

    def submit(student, nb):
        target = folder / "submitted" / student / "02_request"
        target.mkdir(parents=True)
        nbformat.write(nb, target / f"{notebook}.ipynb")

    submit("honest", _with_answers(release))
    for trick in TRICKS:
        nb = _with_answers(release)
        if trick in CODE_TRICKS:
            where, code = CODE_TRICKS[trick]
            _apply_code(nb, where, code.replace("repr(STRONG)", repr(repr(STRONG))))
        else:
            STRUCTURE_TRICKS[trick](nb)
        submit(trick, nb)
    before = _snapshot(root)
    result = api.autograde("02_request", "*")
    after = _snapshot(root)
    for student in FEEDBACK_FOR:
        assert api.generate_feedback("02_request", student)["success"]
    scores = {}
    with Gradebook(api.coursedir.db_url) as gradebook:
        for student in ["honest", *TRICKS]:
            try:
                nb = gradebook.find_submission_notebook(notebook, "02_request", student)
            except Exception:
                continue
            scores[student] = {g.name: g.score for g in nb.grades}
    return {"folder": folder, "root": root, "result": result, "before": before, "after": after,
            "scores": scores, "notebook": notebook}


def test_the_honest_answers_earn_some_points_but_not_all(red_team):
    honest = red_team["scores"]["honest"]
    assert 0 < sum(v or 0 for v in honest.values()) < len(honest)


@pytest.mark.parametrize("trick", TRICKS)
def test_a_trick_earns_no_more_than_the_same_answers(red_team, trick):
    honest = red_team["scores"]["honest"]
    earned = red_team["scores"].get(trick, {})  # a failed submission may have no grades at all
    if trick not in KERNEL_KILLERS:
        assert earned.keys() == honest.keys()
    for grade_id, points in earned.items():
        assert (points or 0) <= (honest[grade_id] or 0), (trick, grade_id, earned, honest)


def test_grading_finishes_and_only_a_killed_kernel_fails(red_team):
    autograded = red_team["folder"] / "autograded"
    graded = {student for student in red_team["scores"]
              if (autograded / student / "02_request" / f"{red_team['notebook']}.ipynb").is_file()}
    assert {"honest", *TRICKS} - KERNEL_KILLERS <= graded, red_team["result"]["log"][-3000:]
    for student in KERNEL_KILLERS - graded:
        assert not any(red_team["scores"].get(student, {}).values())


@pytest.mark.parametrize("trick", TRICKS)
def test_nothing_outside_the_submissions_folders_changes(red_team, trick):
    before, after = red_team["before"], red_team["after"]
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    course_prefix = "course/"
    foreign = set()
    for path in changed:
        if not path.startswith(course_prefix):
            foreign.add(path)
            continue
        relative = path[len(course_prefix):]
        if relative in ("gradebook.db", ".nbgrader.log"):
            continue  # nbgrader's own writes (the grades are checked above)
        owner = _own_folders(relative)
        if owner is None:
            foreign.add(path)
    assert not foreign, foreign
    honest_submitted = red_team["folder"] / "submitted" / "honest" / "02_request" / f"{red_team['notebook']}.ipynb"
    assert "owned" not in honest_submitted.read_text()
    assert not (red_team["folder"] / "evil.txt").exists()
    assert (red_team["root"] / "outside.txt").read_text() == "untouched"


def test_the_gradebook_and_the_autograded_test_cells_agree(red_team):
    from nbgrader.utils import determine_grade

    for student, scores in red_team["scores"].items():
        path = red_team["folder"] / "autograded" / student / "02_request" / f"{red_team['notebook']}.ipynb"
        if not path.is_file():
            continue
        nb = nbformat.read(path, 4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and cell.cell_type == "code" and meta.get("grade_id") in scores:
                assert determine_grade(cell)[0] == scores[meta["grade_id"]], (student, meta["grade_id"])


def test_the_kernel_was_fooled_where_the_trick_works(red_team):
    """The tricks are real: in the student's kernel several of them passed checks the answers
    fail, and the trusted grade said so (``kernel_passed`` in the autograded notebook)."""
    fooled = set()
    for student in red_team["scores"]:
        path = red_team["folder"] / "autograded" / student / "02_request" / f"{red_team['notebook']}.ipynb"
        if path.is_file() and json.loads(path.read_text()).get("metadata", {}).get("infoview_grading", {}).get("kernel_passed"):
            fooled.add(student)
    assert {"alias_every_check", "setattr_loop", "input_transformer", "exec_built_string"} <= fooled, fooled
    assert "honest" not in fooled


def test_the_audit_flags_every_code_trick(red_team):
    from infoview_lib.grading.audit import audit_folder

    flags = audit_folder(red_team["folder"])
    flagged = {f.student for f in flags}
    assert "honest" not in flagged, [f for f in flags if f.student == "honest"]
    missed = set(TRICKS) - flagged
    assert not missed, missed


# ----------------------------------------------------------------- 05: the pandas exercise

PANDAS_TRICKS = {
    # a wrong share, with a contact log next to the notebook that makes it right in the kernel
    "fake_contact_log": ("answer-requests_share",
                         "log = pd.read_csv('contact_log.csv')\nrequests_share = 1.0\n"
                         "import pandas\npandas.DataFrame({'date': ['2026-01-01'], 'channel': ['email'], "
                         "'kind': ['request'], 'replied': [True]}).to_csv('contact_log.csv', index=False)"),
    # the right value, computed by code outside the allow-list: graded 0 and flagged for a look
    "outside_the_allow_list": ("answer-requests_share",
                               "log = pd.read_csv('contact_log.csv')\n"
                               "requests_share = (lambda frame: (frame['kind'] == 'request').mean())(log)"),
    # a plausible honest variant inside the allow-list: full marks
    "another_honest_formula": ("answer-requests_share",
                               "log = pd.read_csv('contact_log.csv')\n"
                               "requests_share = len(log[log['kind'].str.strip().str.lower() == 'request']) / len(log)"),
}


@pytest.fixture(scope="module")
def pandas_team(tmp_path_factory):
    from nbgrader.api import Gradebook

    folder = copy_course(tmp_path_factory.mktemp("red_team_05") / "course")
    for source in (folder / "source").iterdir():
        if source.name != "05_follow_up":
            shutil.rmtree(source)
    api = course_api(folder, cell_timeout=CELL_TIMEOUT)
    assert api.generate_assignment("05_follow_up")["success"]
    notebook = ASSIGNMENTS["05_follow_up"]
    source = nbformat.read(folder / "source" / "05_follow_up" / f"{notebook}.ipynb", 4)
    for student, (grade_id, code) in {"solution": (None, None), **PANDAS_TRICKS}.items():
        nb = copy.deepcopy(source)
        if grade_id:
            nb.cells[_index(nb, grade_id)].source = code
        target = folder / "submitted" / student / "05_follow_up"
        target.mkdir(parents=True)
        nbformat.write(nb, target / f"{notebook}.ipynb")
        shutil.copy(folder / "release" / "05_follow_up" / "contact_log.csv", target / "contact_log.csv")
    api.autograde("05_follow_up", "*")
    found = {}
    with Gradebook(api.coursedir.db_url) as gradebook:
        for student in ["solution", *PANDAS_TRICKS]:
            nb = gradebook.find_submission_notebook(notebook, "05_follow_up", student)
            found[student] = {g.name: (g.score, g.needs_manual_grade) for g in nb.grades}
    return found


def test_the_pandas_answer_is_recomputed_from_the_shipped_data(pandas_team):
    assert pandas_team["solution"]["after-not_always_asking"] == (1.0, False)
    assert pandas_team["another_honest_formula"]["after-not_always_asking"] == (1.0, False)
    assert pandas_team["fake_contact_log"]["after-not_always_asking"] == (0.0, False)


def test_a_pandas_answer_outside_the_allow_list_is_flagged_for_a_look(pandas_team):
    assert pandas_team["outside_the_allow_list"]["after-not_always_asking"] == (0.0, True)
    others = {k: v for k, v in pandas_team["outside_the_allow_list"].items() if k != "after-not_always_asking"}
    assert others == {k: v for k, v in pandas_team["solution"].items() if k != "after-not_always_asking"}


def _self_check_output(red_team, student) -> dict:
    path = red_team["folder"] / "autograded" / student / "02_request" / f"{red_team['notebook']}.ipynb"
    nb = nbformat.read(path, 4)
    answer = _index(nb, "answer-request_draft")
    # the self-check cell follows the answer cell (tricks added as a new cell sit in between)
    cell = next(c for c in nb.cells[answer + 1:] if "score_request(request_draft" in c.source)
    [output] = cell.outputs
    return output["data"]


def test_the_self_check_in_the_graded_notebook_shows_the_answers_own_findings(red_team):
    honest = _self_check_output(red_team, "honest")
    assert "text/html" in honest and "request.graceful_out" in honest["text/html"]
    # in the kernel the rebound scorer said every item was met; the graded notebook says what the grade says
    assert _self_check_output(red_team, "rebind_scorers") == honest
    assert _self_check_output(red_team, "alias_every_check") == honest


@pytest.mark.parametrize("student", FEEDBACK_FOR)
def test_the_feedback_shows_the_points_recorded(red_team, student):
    import html

    page = (red_team["folder"] / "feedback" / student / "02_request" / f"{red_team['notebook']}.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    scores = red_team["scores"][student]
    total = re.search(r"\(Score: ([0-9.]+) / ([0-9.]+)\)", text)
    assert float(total.group(1)) == sum(v or 0 for v in scores.values()) == sum(red_team["scores"]["honest"].values())
    shown = {g: float(x) for g, x in re.findall(r'href="#([\w-]+)">Test cell</a> \(Score: ([0-9.]+) /', page)}
    # every autograded test cell (the reflection is graded by hand and has no test cell)
    assert shown == {g: v for g, v in scores.items() if g.startswith("request-") and not g.endswith("-reflection")}


#: regraded with `infoview grade --jobs 2` on a copy of the graded course
BOTH_WAYS = ("honest", "alias_every_check", "setattr_loop", "input_transformer", "rebind_scorers")


def test_infoview_grade_records_the_same_trusted_grades(red_team, tmp_path):
    from nbgrader.api import Gradebook

    from infoview_lib.instructor.parallel_grade import grade_submissions

    copy_of = tmp_path / "course"
    shutil.copytree(red_team["folder"], copy_of)
    with Gradebook(f"sqlite:///{copy_of / 'gradebook.db'}") as gradebook:  # forget the serial run's scores
        for student in BOTH_WAYS:
            for grade in gradebook.find_submission_notebook(red_team["notebook"], "02_request", student).grades:
                grade.auto_score = None
        gradebook.db.commit()
    summary = grade_submissions("02_request", course_dir=copy_of, students=list(BOTH_WAYS), jobs=2, force=True,
                                timeout=240, progress=None)
    assert summary.ok, summary.lines()
    with Gradebook(f"sqlite:///{copy_of / 'gradebook.db'}") as gradebook:
        for student in BOTH_WAYS:
            nb = gradebook.find_submission_notebook(red_team["notebook"], "02_request", student)
            assert {g.name: g.score for g in nb.grades} == red_team["scores"][student], student
