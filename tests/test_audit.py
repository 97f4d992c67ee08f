"""``infoview audit``: a static scan of submitted notebooks for tampering."""
from __future__ import annotations

import json

import nbformat
import pytest

from conftest import ROOT
from infoview_lib.cli import main
from infoview_lib.grading.audit import audit_folder, audit_notebook, scan_source


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
    "from infoview_lib import score_request\nreport = score_request(request_draft)\nreport.findings[0].message",
    "import pandas as pd\nlog = pd.read_csv('contact_log.csv')\nlog['share'] = log['kind'] == 'share'",
    "from infoview_lib.grading import checks\nchecks.expect_met('request', 'request.brief', text=request_draft)",
    "%matplotlib inline\nscore = 3",
    "import pandas as pd\npd.options.display.max_rows = 20",
])
def test_ordinary_answers_are_not_flagged(source):
    assert scan_source(source) == []


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
        ("bo", "02_request", "making_the_request.ipynb", 3, 2)]
    assert audit_folder(tmp_path / "submitted") == flags


def test_an_unreadable_notebook_is_flagged(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    [flag] = audit_notebook(tmp_path / "broken.ipynb")
    assert "could not be read" in flag.what


def test_the_command_exit_codes_and_table(tmp_path, capsys):
    clean = _notebook(tmp_path / "clean" / "a.ipynb", "answer = 'b'")
    assert main(["audit", str(clean.parent)]) == 0
    assert "No tampering found" in capsys.readouterr().out

    _notebook(tmp_path / "dirty" / "b.ipynb", "import sys\nsys.modules.clear()")
    assert main(["audit", str(tmp_path / "dirty")]) == 1
    out = capsys.readouterr().out
    header, row = out.splitlines()[:2]
    assert header.split() == ["student", "assignment", "notebook", "cell", "line", "what"]
    assert row.split()[:5] == ["-", "-", "b.ipynb", "2", "2"] and "sys.modules" in row

    assert main(["audit", "--json", str(tmp_path / "dirty" / "b.ipynb")]) == 1
    [record] = json.loads(capsys.readouterr().out)
    assert record["cell"] == 2 and record["what"] == "touches sys.modules"

    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    for bad, message in [(tmp_path / "missing", "does not exist"), (tmp_path / "empty", "holds no .ipynb"),
                         (tmp_path / "notes.txt", "neither a folder nor")]:
        assert main(["audit", str(bad)]) == 2
        assert message in capsys.readouterr().err
