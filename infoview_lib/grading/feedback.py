"""Feedback students can keep: no hidden tests, no mark schemes, no traceback source.

nbgrader 0.9 builds feedback from the *autograded* notebook, in which every test
cell has been restored from the gradebook with its hidden tests, and an error's
traceback prints the source lines around the failure. :class:`HideHiddenTests`
runs in ``GenerateFeedback.preprocessors`` (see ``assignments/nbgrader_config.py``)
after nbgrader's ``GetGrades`` and, on every cell:

1. replaces each ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` region
   with one comment saying hidden checks ran;
2. removes ``### BEGIN MARK SCHEME`` ... ``### END MARK SCHEME`` regions (the
   rubric stays with the instructors, to be reused next term);
3. reduces every error output to its last line, ``AssertionError: request.brief:
   <what to do next>``: the check's message names the advice item and says what
   to change, and no source line of a test is printed.
"""
from __future__ import annotations

import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, List, Unicode

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_region(source: str, begin: str, end: str, replacement: str | None = None) -> tuple[str, int]:
    """``source`` without the lines from a ``begin`` marker to its ``end`` marker (inclusive).

    Each removed region becomes ``replacement`` (indented like the marker) when one
    is given. Returns the new source and the number of regions removed. An
    unterminated region is removed to the end: nothing after a begin marker leaks.
    """
    kept: list[str] = []
    inside = False
    regions = 0
    for line in source.split("\n"):
        if not inside and begin in line:
            inside = True
            regions += 1
            if replacement is not None:
                indent = line[: len(line) - len(line.lstrip())]
                kept.append(indent + replacement)
        elif inside:
            if end in line:
                inside = False
        else:
            kept.append(line)
    return "\n".join(kept), regions


def short_error(output) -> str:
    """``ename: evalue`` of an error output, without colour codes."""
    ename = _ANSI.sub("", str(output.get("ename", "Error")))
    evalue = _ANSI.sub("", str(output.get("evalue", "")))
    if not evalue and output.get("traceback"):  # e.g. nbgrader's CellTimeoutError
        return _ANSI.sub("", output["traceback"][-1]).strip()
    return f"{ename}: {evalue}" if evalue else ename


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests, mark schemes and traceback source from feedback."""

    enabled = Bool(True, help="nbgrader skips preprocessors whose `enabled` is False").tag(config=True)
    # nbconvert's HTML exporter configures NbConvertBase.display_data_priority, and every preprocessor
    # it registers reads that section. NbGraderPreprocessor re-declares the trait without config=True,
    # so traitlets logged "Config option `display_data_priority` not recognized" on every feedback
    # run. Declared configurable here, as nbgrader's own GetGrades does; the preprocessor never reads it.
    display_data_priority = List(
        NbGraderPreprocessor.class_traits()["display_data_priority"].default_value,
        help="Output types in order of preference (set by nbconvert's exporter; unused here)",
    ).tag(config=True)
    begin_hidden_tests = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_hidden_tests = Unicode("END HIDDEN TESTS").tag(config=True)
    begin_mark_scheme = Unicode("BEGIN MARK SCHEME").tag(config=True)
    end_mark_scheme = Unicode("END MARK SCHEME").tag(config=True)
    hidden_note = Unicode(
        "# (hidden checks ran here; their code is not shown)",
        help="What replaces a hidden-test region in feedback",
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        source, _ = strip_region(cell.source, self.begin_hidden_tests, self.end_hidden_tests,
                                 self.hidden_note if cell.cell_type == "code" else None)
        source, _ = strip_region(source, self.begin_mark_scheme, self.end_mark_scheme)
        cell.source = source
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [short_error(output)]
        return cell, resources
