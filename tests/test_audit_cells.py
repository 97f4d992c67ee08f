"""The audit's exact flags, cell by cell: what an instructor reads in ``infoview audit``.

tests/test_audit.py checks that each kind of tampering is flagged at all; these
tests pin the whole list of (cell, line, what) a notebook gets, so a flag on the
wrong cell or line, a lost flag or an extra one is caught. They call
:func:`audit_cells`, :func:`load_reference` and :func:`scan_source` directly.
"""
from __future__ import annotations

import nbformat
import pytest

from infoview_lib.grading.audit import audit_cells, load_reference, scan_source


def code(source, **nbgrader):
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": nbgrader} if nbgrader else {})


def markdown(source, **nbgrader):
    return nbformat.v4.new_markdown_cell(source, metadata={"nbgrader": nbgrader} if nbgrader else {})


def write(path, cells):
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


# ----------------------------------------------------------- the release as reference

def release_cells():
    """A release like the course's: an intro without nbgrader metadata, a locked
    instruction, a setup cell importing pandas, two answers and a test cell."""
    return [
        markdown("# Follow-up\nRead the log, then answer."),
        markdown("Compute the share of requests.", grade_id="instructions", locked=True),
        code("import pandas as pd\nfrom infoview_lib.grading import checks", grade_id="setup", locked=True),
        code("log = pd.read_csv('contact_log.csv')", grade_id="answer-log", solution=True),
        code("checks.expect_rows(log, 1, 'follow.log', 'rows')", grade_id="test-log", locked=True, grade=True, points=1),
        code("share = (log['kind'] == 'request').mean()", grade_id="answer-share", solution=True),
    ]


@pytest.fixture
def reference(tmp_path):
    return load_reference(write(tmp_path / "release.ipynb", release_cells()))


def test_an_untouched_submission_of_the_release_has_no_flags(reference):
    # pd comes from the locked setup cell, and `log` from the first answer stays
    # usable after the locked test cell between the two answers
    assert audit_cells(release_cells(), reference) == []


def test_a_locked_markdown_cell_left_as_released_is_no_change(reference):
    assert reference.locked["instructions"][0] == "markdown"
    assert reference.locked["setup"][0] == "code"


def test_a_reference_is_read_past_cells_without_nbgrader_metadata(reference):
    assert reference.order == ("instructions", "setup", "answer-log", "test-log", "answer-share")
    assert set(reference.locked) == {"instructions", "setup", "test-log"}
    assert reference.answers == {"answer-log", "answer-share"}


def test_a_missing_release_path_does_not_hide_the_source(tmp_path):
    source = write(tmp_path / "source.ipynb", release_cells())
    assert load_reference(None, tmp_path / "missing.ipynb", source).order[0] == "instructions"


def test_a_locked_cell_may_match_the_release_or_a_later_edit_of_the_source(tmp_path):
    release = write(tmp_path / "release.ipynb", release_cells())
    edited = release_cells()
    edited[4].source = "checks.expect_rows(log, 2, 'follow.log', 'rows')"
    source = write(tmp_path / "source.ipynb", edited)
    reference = load_reference(release, source)
    assert audit_cells(release_cells(), reference) == []
    assert audit_cells(edited, reference) == []
    other = release_cells()
    other[4].source = "pass"
    assert audit_cells(other, reference) == [
        (5, 0, "changed locked cell 'test-log' (nbgrader puts back the instructor's version)")]


@pytest.mark.parametrize("change, flags", [
    (lambda cells: cells.__setitem__(4, markdown(cells[4].source, grade_id="test-log", locked=True)),
     [(5, 0, "changed the type of locked cell 'test-log' to markdown")]),
    (lambda cells: cells[4].metadata["nbgrader"].update(locked=False),
     [(5, 0, "unlocked cell 'test-log' in its metadata")]),
    (lambda cells: cells.__setitem__(3, markdown("log = 1", grade_id="answer-log", solution=True)),
     [(4, 0, "changed the type of answer cell 'answer-log' to markdown"),
      (6, 1, "uses `log`, which is not an answer")]),
    (lambda cells: cells.append(code(cells[4].source, grade_id="test-log", locked=True, grade=True)),
     [(7, 0, "a second copy of cell 'test-log' (first: cell 5)")]),
    (lambda cells: cells.pop(4), [(0, 0, "cell 'test-log' is missing")]),
    (lambda cells: cells.insert(2, cells.pop(4)), [(0, 0, "moved the assignment's cells out of their order")]),
    (lambda cells: cells[5].metadata["nbgrader"].update(grade=True, points=3),
     [(6, 0, "marks cell answer-share as locked or graded in its metadata")]),
    (lambda cells: cells.append(code("answer = 'b'", locked=True)),
     [(7, 0, "marks cell 7 as locked or graded in its metadata")]),
    (lambda cells: cells.append(code("answer = 'b'", grade=True)),
     [(7, 0, "marks cell 7 as locked or graded in its metadata")]),
])
def test_each_change_to_the_release_is_one_exact_flag(reference, change, flags):
    cells = release_cells()
    change(cells)
    assert audit_cells(cells, reference) == flags


# ------------------------------------------------------- names carried from cell to cell

@pytest.mark.parametrize("locked", [True, False])
@pytest.mark.parametrize("first, second, what", [
    ("import infoview_lib.rules.request as req", "req.score_request = print",
     "assigns req.score_request (an infoview_lib attribute)"),
    ("import json as j", "j.loads = print", "assigns j.loads (an attribute of a module)"),
])
def test_an_alias_imported_in_one_cell_is_watched_in_the_next(locked, first, second, what):
    meta = {"locked": True} if locked else {}
    found = audit_cells([code(first, **meta), code(second, **meta)])
    later = [(cell, line, flag) for cell, line, flag in found if cell == 2]
    if locked:  # no release: locked cells are only scanned
        assert later == [(2, 1, what)]
    else:
        assert later == [(2, 1, f"assigns the attribute `.{second.split('.')[1].split(' ')[0]}` ({what})")]


def test_without_a_release_every_locked_cell_is_scanned_on_its_own_lines():
    cells = [code("import pandas as pd\nimport importlib", locked=True),
             code("answer = 'b'"),
             code("x = 1\nimportlib.reload(pd)", locked=True)]
    assert audit_cells(cells) == [(1, 2, "imports importlib"), (3, 2, "uses importlib")]


def test_a_cell_that_is_not_a_notebook_cell_does_not_stop_the_audit():
    assert audit_cells(["not a cell", code("exec('x = 1')")]) == [
        (1, 0, "a cell that is not a notebook cell"),
        (2, 1, "calls exec() outside an answer (calls exec())")]


# ----------------------------------------------------------------- self-check lines

def test_two_library_imports_both_count_for_the_self_check():
    cells = [code("request_draft = 'x'\nchannel = 'email'\nnotes = 'y'"),
             code("from infoview_lib import score_request\nfrom infoview_lib import score_notes\n"
                  "score_request(request_draft, channel=channel)\nscore_notes(notes)")]
    assert audit_cells(cells) == []


def test_lines_after_a_self_check_are_still_audited():
    cells = [code("request_draft = 'x'\nchannel = 'email'"),
             code("from infoview_lib import score_request\nimport os\n"
                  "score_request(request_draft, channel=channel)\nexec('x')")]
    assert audit_cells(cells) == [(2, 2, "imports os"),
                                  (2, 4, "calls exec() outside an answer (calls exec())")]


def test_every_tampering_construct_of_a_statement_is_named_once():
    assert audit_cells([code("setattr(__builtins__, 'x', 1)\nsetattr(x, 'y', 2)")]) == [
        (1, 1, "calls setattr() outside an answer (calls setattr(); uses __builtins__)"),
        (1, 2, "calls setattr() outside an answer (calls setattr())")]


@pytest.mark.parametrize("cell", [
    {"cell_type": "code", "metadata": {}},
    {"cell_type": "code", "metadata": {}, "source": ""},
    {"cell_type": "code", "metadata": {}, "source": []},
])
def test_a_code_cell_without_source_is_an_empty_answer(cell):
    assert audit_cells([cell]) == []


@pytest.mark.parametrize("source", [42, None])
def test_a_damaged_source_that_is_not_text_is_audited_not_crashed_on(source):
    assert audit_cells([{"cell_type": "code", "metadata": {}, "source": source}]) == [
        (1, 1, "an expression that is not an answer")]


# ------------------------------------------------------------------ scan_source

@pytest.mark.parametrize("source, found", [
    ("import importlib.util", [(1, "imports importlib.util")]),
    ("import unittest.mock", [(1, "imports unittest.mock")]),
    ("import unittest.mock as um", [(1, "imports unittest.mock")]),
    ("answer = 'b'\n\nimport ctypes", [(3, "imports ctypes")]),
    ("import os.path\nos.path.join = print", [(2, "assigns os.path.join (an attribute of a module)")]),
    ("import pandas\npandas.read_csv = print", [(2, "assigns pandas.read_csv (an attribute of a module)")]),
    ("import pandas as pd\npd.read_csv = print", [(2, "assigns pd.read_csv (an attribute of a module)")]),
    ("import pandas as pd\npd.options.display.width = 120", []),
])
def test_imports_are_flagged_on_their_line_and_their_modules_watched(source, found):
    assert scan_source(source) == found


@pytest.mark.parametrize("source, found", [
    ("answer = importlib", [(1, "uses importlib")]),
    ("answer = builtins", [(1, "uses builtins")]),
    ("answer = __builtins__", [(1, "uses __builtins__")]),
    ("answer = builtin", []),
])
def test_a_module_used_without_an_import_in_this_cell_is_named(source, found):
    assert scan_source(source) == found


@pytest.mark.parametrize("source", [
    "%matplotlib inline\nimport importlib",
    "!pip install x\nimport importlib",
    "answer = 'b'\n  %time run()\nimport importlib",
    "if ready:\n    %time run()\n    import importlib",
    "if ready:\n    !ls\n    import importlib",
])
def test_magic_lines_are_blanked_so_the_cell_still_parses(source):
    line = source.count("\n") + 1
    assert scan_source(source) == [(line, "imports importlib")]
