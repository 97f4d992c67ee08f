"""``infoview audit``: a static scan of submitted notebooks for tampering."""
from __future__ import annotations

import copy
import json

import nbformat
import pytest

from conftest import ROOT
from infoview_lib.cli import main
from infoview_lib.grading.audit import audit_cells, audit_folder, audit_notebook, load_reference, scan_source


@pytest.mark.parametrize("source, what", [
    ("import infoview_lib\ninfoview_lib.score_request = lambda t: 1", "infoview_lib.score_request"),
    ("import infoview_lib.rules.request as r\nr.score_request = print", "r.score_request"),
    ("from infoview_lib.report import Report\nReport.score = property(lambda s: 1.0)", "Report.score"),
    ("from infoview_lib import rules\nrules.request.score_request += 1", "rules.request.score_request"),
    ("from infoview_lib.grading import checks\nchecks.expect_met = print", "checks.expect_met"),
    ("from infoview_lib import score_request\nscore_request = lambda t: 1", "score_request, a name imported"),
    ("from infoview_lib import advice\ndel advice.ADVICE", "deletes advice.ADVICE"),
    ("import sys\nsys.modules['infoview_lib.rules.request'] = None", "sys.modules"),
    ("import builtins\nbuiltins.AssertionError = Warning", "builtins"),
    ("__builtins__.print = None", "__builtins__"),
    ("import importlib\nimportlib.reload(x)", "importlib"),
    ("setattr(thing, 'score', 1)", "setattr()"),
    ("f.__code__ = g.__code__", "__code__"),
    ("globals()['checks'] = None", "globals()"),
    ("from unittest import mock\nmock.patch('x')", "unittest"),
    ("import sys\nsys.executable = '/tmp/fake_python'", "sys.executable (an attribute of a module)"),
    ("import subprocess as sp\nsp.run = print", "imports subprocess"),
    ("import json\njson.loads = lambda s: {}", "json.loads (an attribute of a module)"),
])
def test_tampering_is_flagged(source, what):
    found = scan_source(source)
    assert found and any(what in flag for _, flag in found), found


def test_aliases_carry_over_from_earlier_cells():
    names: set[str] = set()
    assert scan_source("import infoview_lib.rules.request as req", names) == []
    assert scan_source("req.score_request = print", names) == [(1, "assigns req.score_request (an infoview_lib attribute)")]


@pytest.mark.parametrize("source", [
    'request_draft = """Dear Dr Okafor, ..."""\nchannel = "email"',
    "request_draft = 'x'\nchannel = 'email'\nfrom infoview_lib import score_request\nscore_request(request_draft, channel=channel)",
    "import pandas as pd\nlog = pd.read_csv('contact_log.csv')\nshare = (log['kind'] == 'request').mean()",
    "my_questions = [\n    'How did you start?',  # a comment\n    'What would you change?',\n]",
    "answer = (\n    'b'\n)\n'a note to myself'",
    "minutes: int = 20\nstart, end = '2026-03-18T13:52', '2026-03-18T15:30'",
])
def test_ordinary_answers_are_not_flagged(source):
    assert audit_cells([nbformat.v4.new_code_cell(source)]) == []


@pytest.mark.parametrize("source, what", [
    ("exec('x = 1')", "calls exec()"),
    ("eval('1')", "calls eval()"),
    ("answer = eval('1')", "calls eval()"),
    ("import ctypes", "imports ctypes"),
    ("import sys", "imports sys"),
    ("from infoview_lib.grading import checks", "imports from infoview_lib.grading"),
    ("delattr(checks, 'expect_met')", "calls delattr()"),
    ("x = checks.__class__", "`.__class__`"),
    ("checks.__class__ = object", "assigns the attribute `.__class__`"),
    ("m = __import__('sys')", "calls __import__()"),
    ("setattr(checks, 'expect_met', print)", "calls setattr()"),
    ("f = getattr(checks, 'expect_met')", "calls getattr()"),
    ("c = checks", "uses `checks`"),
    ("c = checks; c.expect_met = print", "uses `checks`"),
    ("get_ipython().run_cell('x = 1')", "calls .run_cell()"),
    ("answer = (lambda: 'b')()", "calls a lambda"),
    ("def f():\n    pass", "defines a function"),
    ("for n in 'ab':\n    pass", "a loop"),
    ("answer = 'b'\nanswer += 'c'", "changes a value in place"),
    ("log = pd.read_csv('../../gradebook.db')", "read_csv()"),
    ("share = log.to_csv('x.csv')", "calls .to_csv()"),
    ("share = log.query('kind == 1')", "calls .query()"),
    ("share = log.eval('1')", "calls .eval()"),
    ("globals()['answer'] = 'b'", "assigns an entry of globals()"),
    ("vars()['answer'] = 'b'", "assigns an entry of vars()"),
    ("import builtins\nbuiltins.print = None", "imports builtins"),
    ("answer = 'b'\n%time x = 1", "magic"),
    ("answer = [x for x in ().__class__.__bases__]", "`.__bases__`"),
    ("answer = f'{checks}'", "uses `checks`"),
    ("answer = (y := 'b')", ":="),
    ("with open('x', 'w') as f:\n    pass", "a with block"),
    ("try:\n    pass\nexcept Exception:\n    pass", "a try block"),
    ("del answer", "deletes"),
    ("x = 1 ** 10", "Pow"),
    ("import pandas as pandas_alias", "imports pandas"),
])
def test_every_construct_beyond_an_answer_is_flagged_with_its_line(source, what):
    cells = [nbformat.v4.new_code_cell("import pandas as pd"), nbformat.v4.new_code_cell(source)]
    cells[0].metadata["nbgrader"] = {"grade_id": "setup", "locked": True}
    found = audit_cells(cells)
    assert found and any(what in flag for _, _, flag in found), found
    assert all(cell == 2 and line >= 1 for cell, line, _ in found), found


def test_the_self_check_cells_accept_only_calls_of_the_library_on_answers():
    ok = [nbformat.v4.new_code_cell("request_draft = 'x'\nchannel = 'email'"),
          nbformat.v4.new_code_cell("from infoview_lib import score_request\nscore_request(request_draft, channel=channel)")]
    assert audit_cells(ok) == []
    bad = ok + [nbformat.v4.new_code_cell("score_request(request_draft, channel=print)"),
                nbformat.v4.new_code_cell("from infoview_lib import _private")]
    assert [(cell, line) for cell, line, _ in audit_cells(bad)] == [(3, 1), (4, 1)]


def _release_pair(tmp_path):
    """A tiny release notebook (setup, answer, test) and a submission copy of it."""
    setup = nbformat.v4.new_code_cell("from infoview_lib.grading import checks",
                                      metadata={"nbgrader": {"grade_id": "setup", "locked": True}})
    answer = nbformat.v4.new_code_cell("answer = 'b'", metadata={"nbgrader": {"grade_id": "answer-a", "solution": True}})
    test = nbformat.v4.new_code_cell("checks.expect_choice(answer, 'abc', 'what.purpose')",
                                     metadata={"nbgrader": {"grade_id": "what-purpose", "locked": True,
                                                            "grade": True, "points": 1}})
    release = nbformat.v4.new_notebook(cells=[setup, answer, test])
    path = tmp_path / "release.ipynb"
    nbformat.write(release, path)
    return path, release


@pytest.mark.parametrize("change, what", [
    (lambda nb: setattr(nb.cells[2], "source", "pass"), "changed locked cell 'what-purpose'"),
    (lambda nb: nb.cells.__setitem__(2, nbformat.v4.new_markdown_cell(nb.cells[2].source, metadata=nb.cells[2].metadata)),
     "changed the type of locked cell"),
    (lambda nb: nb.cells.append(copy.deepcopy(nb.cells[2])), "a second copy of cell 'what-purpose'"),
    (lambda nb: nb.cells.pop(2), "cell 'what-purpose' is missing"),
    (lambda nb: nb.cells.reverse(), "out of their order"),
    (lambda nb: nb.cells[2].metadata["nbgrader"].update(locked=False), "unlocked cell 'what-purpose'"),
    (lambda nb: nb.cells.insert(1, nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"locked": True}})),
     "as locked or graded"),
])
def test_changed_locked_cells_are_flagged_against_the_release(tmp_path, change, what):
    path, release = _release_pair(tmp_path)
    assert audit_cells(copy.deepcopy(release).cells, load_reference(path)) == []
    submission = copy.deepcopy(release)
    change(submission)
    found = audit_cells(submission.cells, load_reference(path))
    assert any(what in flag for _, _, flag in found), found


def test_a_cell_that_does_not_parse_is_scanned_as_text():
    found = scan_source("x = = 1\nimport importlib\ninfoview_lib.score_request = f")
    assert [line for line, _ in found] == [2, 3]
    assert all("does not parse" in what for _, what in found)


def test_the_course_notebooks_themselves_are_clean():
    assert audit_folder(ROOT / "assignments" / "source") == []


def _notebook(path, *sources):
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")] +
                                  [nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def test_the_nbgrader_layout_names_student_and_assignment(tmp_path):
    _notebook(tmp_path / "submitted" / "ana" / "02_request" / "making_the_request.ipynb", "x = 1")
    _notebook(tmp_path / "submitted" / "bo" / "02_request" / "making_the_request.ipynb",
              "import infoview_lib", "y = 2\ninfoview_lib.score_request = print")
    flags = audit_folder(tmp_path)
    assert [(f.student, f.assignment, f.notebook, f.cell, f.line) for f in flags] == [
        ("bo", "02_request", "making_the_request.ipynb", 2, 1), ("bo", "02_request", "making_the_request.ipynb", 3, 2)]
    assert audit_folder(tmp_path / "submitted") == flags


def test_an_unreadable_notebook_is_flagged(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    [flag] = audit_notebook(tmp_path / "broken.ipynb")
    assert "could not be read" in flag.what


def test_the_command_exit_codes_and_table(tmp_path, capsys):
    clean = _notebook(tmp_path / "clean" / "a.ipynb", "answer = 'b'")
    assert main(["audit", str(clean.parent)]) == 0
    assert "Nothing beyond the answers found" in capsys.readouterr().out

    _notebook(tmp_path / "dirty" / "b.ipynb", "import sys\nsys.modules.clear()")
    assert main(["audit", str(tmp_path / "dirty")]) == 1
    out = capsys.readouterr().out
    header, row = out.splitlines()[:2]
    assert header.split() == ["student", "assignment", "notebook", "cell", "line", "what"]
    assert row.split()[:5] == ["-", "-", "b.ipynb", "2", "1"] and "imports sys" in row
    assert "sys.modules" in out.splitlines()[2]

    assert main(["audit", "--json", str(tmp_path / "dirty" / "b.ipynb")]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [(r["cell"], r["line"]) for r in records] == [(2, 1), (2, 2)]
    assert "touches sys.modules" in records[1]["what"]

    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    for bad, message in [(tmp_path / "missing", "does not exist"), (tmp_path / "empty", "holds no .ipynb"),
                         (tmp_path / "notes.txt", "neither a folder nor")]:
        assert main(["audit", str(bad)]) == 2
        assert message in capsys.readouterr().err


def test_a_changed_kernel_is_flagged_against_the_release(tmp_path):
    path, release = _release_pair(tmp_path)
    release.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(release, path)
    submission = copy.deepcopy(release)
    nbformat.write(submission, tmp_path / "same.ipynb")
    assert audit_notebook(tmp_path / "same.ipynb", reference=(path,)) == []
    submission.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
    nbformat.write(submission, tmp_path / "bash.ipynb")
    [flag] = audit_notebook(tmp_path / "bash.ipynb", reference=(path,))
    assert "changed the notebook's kernel to 'bash'" in flag.what


@pytest.mark.parametrize("source, flags", [
    # an annotated assignment writes like any other; an annotation alone writes nothing
    ("from infoview_lib import score_request\nscore_request: object = print",
     [(2, "assigns score_request, a name imported from infoview_lib")]),
    ("from infoview_lib import score_request\nscore_request: object", []),
    ("import infoview_lib\ninfoview_lib.score_request: object = print",
     [(2, "assigns infoview_lib.score_request (an infoview_lib attribute)")]),
    # changing in place (+=) names itself as a change
    ("from infoview_lib import advice\nadvice.ADVICE += ()", [(2, "changes advice.ADVICE (an infoview_lib attribute)")]),
    ("import json\njson.loads += 1", [(2, "changes json.loads (an attribute of a module)")]),
    ("__builtins__ += 1", [(1, "changes __builtins__"), (1, "uses __builtins__")]),
])
def test_annotated_and_in_place_writes_are_scanned_like_assignments(source, flags):
    assert scan_source(source) == flags


def test_a_locked_cell_matches_the_source_with_or_without_its_hidden_tests(tmp_path):
    """nbgrader's release drops the hidden tests of a locked cell: with only the source beside the
    submissions, a locked cell as released (or as in the source) is the instructor's."""
    visible = "checks.expect_choice(answer, 'abc', 'what.purpose')"
    hidden = ("### BEGIN HIDDEN TESTS\nchecks.expect_correct_choice(answer, 'b', 'what.purpose', 'abc')\n"
              "checks.expect_choice(answer, 'abc', 'what.purpose')\n### END HIDDEN TESTS")
    after = "print('checked')"
    meta = {"nbgrader": {"grade_id": "what-purpose", "locked": True, "grade": True, "points": 1}}
    answer = nbformat.v4.new_code_cell("answer = 'b'", metadata={"nbgrader": {"grade_id": "answer-a", "solution": True}})
    source = nbformat.v4.new_notebook(
        cells=[answer, nbformat.v4.new_code_cell(f"{visible}\n{hidden}\n{after}", metadata=meta)])
    nbformat.write(source, tmp_path / "source.ipynb")
    reference = load_reference(tmp_path / "source.ipynb")
    for submitted in (f"{visible}\n{after}", f"{visible}\n{hidden}\n{after}", f"{visible}\n{after}\n"):
        cells = [copy.deepcopy(answer), nbformat.v4.new_code_cell(submitted, metadata=copy.deepcopy(meta))]
        assert audit_cells(cells, reference) == [], submitted
    changed = [copy.deepcopy(answer), nbformat.v4.new_code_cell(f"{visible}\n{after}\npass", metadata=copy.deepcopy(meta))]
    assert [what for _, _, what in audit_cells(changed, reference)] == [
        "changed locked cell 'what-purpose' (nbgrader puts back the instructor's version)"]


@pytest.mark.parametrize("source, flags", [
    ("from sys import modules", [(1, "imports sys.modules")]),
    ("x = 1\nfrom sys import path, modules", [(2, "imports sys.modules")]),
    ("from sys import path", []),
    ("from importlib import reload", [(1, "imports from importlib")]),
    ("x = 1\nfrom importlib.util import find_spec", [(2, "imports from importlib.util")]),
    ("from unittest.mock import patch", [(1, "imports from unittest.mock")]),
    ("from unittest import TestCase, mock", [(1, "imports from unittest")]),
    ("from unittest import TestCase", []),
    ("from os import path", []),
])
def test_each_flagged_from_import_is_named_on_its_line(source, flags):
    assert scan_source(source) == flags


def test_a_notebook_whose_metadata_is_damaged_is_still_audited(tmp_path):
    path, release = _release_pair(tmp_path)
    release.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(release, path)
    for damaged in ([], {"kernelspec": "python3"}):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        notebook["metadata"] = damaged
        (tmp_path / "damaged.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        [flag] = audit_notebook(tmp_path / "damaged.ipynb", reference=(path,))
        assert flag.what == "changed the notebook's kernel to None (nbgrader puts back 'python3')"


@pytest.mark.parametrize("source, flags", [
    # a write is found inside tuples, lists and starred targets, with its verb and line
    ("from infoview_lib import score_request\nx, [score_request, y] = 1, [2, 3]",
     [(2, "assigns score_request, a name imported from infoview_lib")]),
    ("from infoview_lib import score_request\nx, *score_request = 1, 2, 3",
     [(2, "assigns score_request, a name imported from infoview_lib")]),
    ("from infoview_lib import score_request\ndel (score_request, x)",
     [(2, "deletes score_request, a name imported from infoview_lib")]),
    ("from infoview_lib import advice\nx = 1\nadvice.ADVICE, y = {}, 2",
     [(3, "assigns advice.ADVICE (an infoview_lib attribute)")]),
    ("x = 1\n__builtins__ = {}", [(2, "assigns __builtins__"), (2, "uses __builtins__")]),
    ("x = 1\nthing.__class__ = type", [(2, "assigns __class__")]),
    ("x = 1\nthing.__code__ = f", [(2, "assigns __code__"), (2, "reaches into __code__")]),
    # through calls and items to the name the chain starts from
    ("from infoview_lib import rules\nrules.load().x = 1", [(2, "assigns x (an infoview_lib attribute)")]),
    ("from infoview_lib import rules\nrules.table[0].x = 1", [(2, "assigns x (an infoview_lib attribute)")]),
    ("x = 1\n'abc'.x = 1", []),
    # items of the library's objects and of the namespace
    ("from infoview_lib import advice\nadvice.ADVICE['x'] = 1",
     [(2, "assigns an item inside advice (imported from infoview_lib)")]),
    ("x = 1\nglobals()['x'] = 1", [(2, "assigns an entry of globals()")]),
    # pandas' display options are a setting, not tampering; other module attributes are flagged
    ("import pandas as pd\npd.options.display.max_rows = 10", []),
    ("import json\njson.x.y = 1", [(2, "assigns json.x.y (an attribute of a module)")]),
])
def test_writes_are_found_inside_any_target(source, flags):
    assert scan_source(source) == flags


def _course_notebook(path, kernel="python3", test_source="checks.expect_choice(answer, 'abc', 'what.purpose')"):
    setup = nbformat.v4.new_code_cell("from infoview_lib.grading import checks",
                                      metadata={"nbgrader": {"grade_id": "setup", "locked": True}})
    answer = nbformat.v4.new_code_cell("answer = 'b'", metadata={"nbgrader": {"grade_id": "answer-a", "solution": True}})
    test = nbformat.v4.new_code_cell(test_source, metadata={"nbgrader": {"grade_id": "what-purpose", "locked": True,
                                                                        "grade": True, "points": 1}})
    nb = nbformat.v4.new_notebook(cells=[setup, answer, test])
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.mark.parametrize("instructor_folder", ["release", "source"])
def test_a_course_folder_audits_each_submission_against_the_instructors_version(tmp_path, instructor_folder):
    from infoview_lib.grading.audit import AuditFlag

    course = tmp_path / "course"
    _course_notebook(course / instructor_folder / "01_what" / "purpose.ipynb")
    _course_notebook(course / "submitted" / "ana" / "01_what" / "purpose.ipynb", kernel="bash", test_source="pass")
    _course_notebook(course / "submitted" / "bo" / "01_what" / "purpose.ipynb")
    _course_notebook(course / "submitted" / "bo" / "01_what" / ".ipynb_checkpoints" / "purpose.ipynb", test_source="pass")
    (course / "submitted" / "cy" / "01_what").mkdir(parents=True)
    (course / "submitted" / "cy" / "01_what" / "purpose.ipynb").write_text('{"cells": {}}', encoding="utf-8")
    expected = [
        AuditFlag("ana", "01_what", "purpose.ipynb", 0, 0,
                  "changed the notebook's kernel to 'bash' (nbgrader puts back 'python3')"),
        AuditFlag("ana", "01_what", "purpose.ipynb", 3, 0,
                  "changed locked cell 'what-purpose' (nbgrader puts back the instructor's version)"),
        AuditFlag("cy", "01_what", "purpose.ipynb", 0, 0, "notebook could not be read: cells is not a list"),
    ]
    assert audit_folder(course) == expected
    assert audit_folder(course / "submitted") == expected


def test_notebooks_outside_a_course_are_named_by_their_folder(tmp_path):
    from infoview_lib.grading.audit import find_notebooks

    _notebook(tmp_path / "top.ipynb", "x = 1")
    _notebook(tmp_path / "week1" / "draft.ipynb", "x = 1")
    _notebook(tmp_path / "week1" / "more" / "deep.ipynb", "x = 1")
    assert [(student, assignment, path.name) for student, assignment, path in find_notebooks(tmp_path)] == [
        ("-", "-", "top.ipynb"), ("-", "week1", "draft.ipynb"), ("-", "week1/more", "deep.ipynb")]


@pytest.mark.parametrize("source, flags", [
    ("x = 1\ny = sys.modules", [(2, "touches sys.modules")]),
    ("x = 1\ny = os.sys.modules['a']", [(2, "touches sys.modules")]),
    ("x = 1\ny = a.sys.modulesx", []),
    ("x = 1\ny = modules.sys", []),
    ("x = 1\ny = f.__globals__", [(2, "reaches into __globals__")]),
    ("x = 1\nexec('1')", [(2, "calls exec()")]),
    ("x = 1\nz.exec('1')", []),  # a method of that name is not the builtin
])
def test_reads_and_calls_are_named_on_their_line(source, flags):
    assert scan_source(source) == flags


def test_the_flags_table_has_left_aligned_columns():
    from infoview_lib.grading.audit import AuditFlag, flags_table

    flags = [AuditFlag("ana", "01_what", "purpose.ipynb", 2, 1, "calls exec()"),
             AuditFlag("bartholomew", "02_request", "request.ipynb", 12, 10, "imports sys")]
    header, *rows = flags_table(flags).splitlines()
    names = ["student", "assignment", "notebook", "cell", "line", "what"]
    starts = [header.index(name) for name in names]
    assert starts[0] == 0 and header.endswith("what")
    for line, flag in zip(rows, flags):
        values = [flag.student, flag.assignment, flag.notebook, str(flag.cell), str(flag.line), flag.what]
        assert [line[start:start + len(value)] for start, value in zip(starts, values)] == values
        assert line.endswith(flag.what)
    # each column is as wide as its longest value, two spaces apart
    assert starts[1] == len("bartholomew") + 2 and starts[2] == starts[1] + len("02_request") + 2


def test_a_changed_indentation_in_a_locked_cell_is_a_change(tmp_path):
    meta = {"nbgrader": {"grade_id": "setup", "locked": True}}
    original = "if answer:\n    checks.expect_choice(answer, 'abc', 'what.purpose')\nprint('done')"
    release = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(original, metadata=meta)])
    nbformat.write(release, tmp_path / "release.ipynb")
    reference = load_reference(tmp_path / "release.ipynb")
    same = nbformat.v4.new_code_cell(original.replace("done')", "done')   "), metadata=copy.deepcopy(meta))
    assert audit_cells([same], reference) == []  # trailing spaces are no change
    moved = nbformat.v4.new_code_cell(original.replace("\nprint", "\n    print"), metadata=copy.deepcopy(meta))
    assert [what for _, _, what in audit_cells([moved], reference)] == [
        "changed locked cell 'setup' (nbgrader puts back the instructor's version)"]


def test_a_single_notebook_outside_a_course_has_no_student_or_assignment(tmp_path):
    path = _notebook(tmp_path / "one.ipynb", "exec('1')")
    [flag] = audit_notebook(path)
    assert (flag.student, flag.assignment, flag.notebook, flag.cell, flag.line, flag.what) == (
        "-", "-", "one.ipynb", 2, 1, "calls exec() outside an answer (calls exec())")


@pytest.mark.parametrize("module", ["sys", "os", "subprocess", "json"])
def test_modules_a_notebook_has_imported_elsewhere_are_watched_without_an_import(module):
    """The kernel may have imported them in another cell (or the setup cell): a write to one of
    their attributes is flagged even when this cell imports nothing."""
    assert scan_source(f"x = 1\n{module}.thing = 1") == [(2, f"assigns {module}.thing (an attribute of a module)")]


def test_a_cell_that_is_not_a_notebook_cell_is_named_by_its_position():
    assert audit_cells([nbformat.v4.new_code_cell("answer = 'b'"), "not a cell"]) == [
        (2, 0, "a cell that is not a notebook cell")]


def test_the_release_tells_locked_cells_from_answer_cells(tmp_path):
    path, release = _release_pair(tmp_path)
    reference = load_reference(path)
    assert reference.order == ("setup", "answer-a", "what-purpose")
    assert set(reference.locked) == {"setup", "what-purpose"} and reference.answers == {"answer-a"}
    assert reference.locked["what-purpose"][0] == "code"
    # an answer cell turned into markdown is flagged, a locked cell as markdown too
    submission = copy.deepcopy(release)
    submission.cells[1] = nbformat.v4.new_markdown_cell("b", metadata=submission.cells[1].metadata)
    assert [what for _, _, what in audit_cells(submission.cells, reference)] == [
        "changed the type of answer cell 'answer-a' to markdown"]
    # a missing or unreadable file is no reference; the first readable one sets the order
    assert load_reference(None, tmp_path / "missing.ipynb") is None
    (tmp_path / "broken.ipynb").write_text("{", encoding="utf-8")
    assert load_reference(tmp_path / "broken.ipynb", path).order == reference.order
