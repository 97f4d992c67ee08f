"""nbgrader's autograde, with the points computed from the answers alone.

:class:`SaveTrustedGrades` takes the place of nbgrader's ``SaveAutoGrades`` in
``Autograde.autograde_preprocessors`` (see :func:`autograde_preprocessors` and
``assignments/nbgrader_config.py``), so plain ``nbgrader autograde`` and
``infoview grade`` (which runs nbgrader's Autograde converter with the same
configuration) record the same trusted points.

After nbgrader has executed the notebook in the student's kernel, it:

1. reads the answers from the answer cells (nbgrader's solution cells, found by
   their grade ids in the gradebook) with :mod:`ast`, never running them;
2. sends them, with the instructor's setup and test cells *from the gradebook*,
   to the trusted grading process (:mod:`.trusted`);
3. re-runs each self-check cell (``score_request(request_draft, channel=channel)``,
   when it is still just that) on the same answers and shows that, so the
   self-check in the autograded notebook and the feedback says what the grade says;
4. gives every autograded test cell the instructor's source and metadata and
   replaces its outputs with the trusted verdict: none when it passed, one error
   ``AssertionError: <advice id>: <what to do>`` when it failed. nbgrader's
   ``determine_grade`` then reads exactly that (nothing the kernel printed can
   count as an error or as partial credit), so the gradebook, the autograded
   notebook and the feedback agree;
5. saves the grades as ``SaveAutoGrades`` does, marking a cell "needs manual
   grade" when an answer it needs was not an answer the grader could read
   (anything outside :mod:`.answer_source`'s allow-list), so a grader looks.
"""
from __future__ import annotations

from pathlib import Path

from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades
from nbgrader.utils import determine_grade
from traitlets import Bool

from .answer_source import read_answer_cells, self_check_cell, setup_names
from .trusted import grader

#: Notebook metadata key: what the trusted grading found (``needs_look``: cells whose answer
#: could not be read; ``kernel_passed``: cells that passed in the student's kernel but not on
#: the answers alone, a sign of tampering worth a look).
METADATA = "infoview_grading"


def _error_output(message: str) -> NotebookNode:
    ename, _, evalue = message.partition(": ")
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[message])


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


class SaveTrustedGrades(SaveAutoGrades):
    """Record the trusted points of every autograded cell (see the module docstring)."""

    enabled = Bool(True, help="nbgrader skips preprocessors whose `enabled` is False").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        notebook_id, assignment_id, db_url = info["notebook"], info["assignment"], info["db_url"]
        with Gradebook(db_url) as gb:
            record = gb.find_notebook(notebook_id, assignment_id)
            sources = {c.name: (c.cell_type, c.locked, c.source) for c in record.source_cells}
            graded = {c.name: (c.cell_type, float(c.max_score)) for c in record.grade_cells}
        setup, answers, tests = [], [], []
        seen_setup: set[str] = set()
        for index, cell in enumerate(nb.cells, start=1):
            grade_id = _meta(cell).get("grade_id")
            if grade_id not in sources:
                continue
            cell_type, locked, source = sources[grade_id]
            if grade_id in graded:
                if graded[grade_id][0] == "code":
                    tests.append((grade_id, source))
            elif cell_type == "code" and locked:
                setup.append(source)
                seen_setup.add(grade_id)
            elif cell_type == "code" and cell.cell_type == "code":
                answers.append((index, cell.source))
        # a deleted setup cell is still the instructor's: run it anyway
        setup += [source for name, (kind, locked, source) in sources.items()
                  if kind == "code" and locked and name not in graded and name not in seen_setup]
        read = read_answer_cells(answers, known=setup_names(setup))
        answered = setup_names(setup) | {name for s in read.accepted for name in s.binds}
        library: set[str] = set()
        displays = [[str(index), cell.source] for index, cell in enumerate(nb.cells)
                    if cell.cell_type == "code" and not _meta(cell)
                    and self_check_cell(cell.source, library, answered)]
        request = {
            "setup": setup,
            "answers": [[s.source, list(s.binds), s.problem] for s in read.statements if s.binds],
            "tests": tests,
            "data_dir": self._data_folder(assignment_id),
            "displays": displays,
        }
        verdicts, shown = grader().grade_and_display(request) if tests else ({}, {})
        for key, display in shown.items():
            cell = nb.cells[int(key)]
            if "data" in display:
                cell.outputs = [NotebookNode(output_type="execute_result", data=display["data"], metadata={},
                                             execution_count=cell.get("execution_count"))]
            else:
                cell.outputs = [NotebookNode(output_type="stream", name="stdout",
                                             text=f"(The grader could not re-run this self-check on your "
                                                  f"answers: {display['error']})\n")]
        self._needs_look = {grade_id for grade_id, v in verdicts.items() if v.needs_look}
        kernel_passed: list[str] = []
        for cell in nb.cells:
            grade_id = _meta(cell).get("grade_id")
            if grade_id not in verdicts:
                continue
            cell_type, locked, source = sources[grade_id]
            kernel_score = None
            cell.metadata["nbgrader"].update(grade=True, solution=False, locked=True,
                                             points=graded[grade_id][1])
            cell.setdefault("execution_count", None)
            verdict = verdicts.pop(grade_id)
            if cell.cell_type == "code":
                kernel_score, _ = determine_grade(cell, self.log)
            cell.cell_type = "code"
            cell.source = source
            if not verdict.passed and kernel_score:
                kernel_passed.append(grade_id)
            cell.outputs = [] if verdict.passed else [_error_output(verdict.message)]
        if self._needs_look or kernel_passed:
            nb.metadata[METADATA] = {"needs_look": sorted(self._needs_look), "kernel_passed": kernel_passed}
            self.log.warning("%s: %s", notebook_id, nb.metadata[METADATA])
        return super().preprocess(nb, resources)

    def _data_folder(self, assignment_id: str) -> str | None:
        """Where the files the assignment ships are: its source folder, else its release folder."""
        coursedir = CourseDirectory(config=self.config)
        for folder in (coursedir.source_directory, coursedir.release_directory):
            path = Path(coursedir.format_path(folder, ".", assignment_id)).resolve()
            if path.is_dir():
                return str(path)
        return None

    def _add_score(self, cell, resources) -> None:
        super()._add_score(cell, resources)
        if cell.metadata["nbgrader"]["grade_id"] in getattr(self, "_needs_look", ()):
            grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                              self.assignment_id, self.student_id)
            grade.needs_manual_grade = True
            self.gradebook.db.commit()


class RestoreCellMetadata(NbGraderPreprocessor):
    """Before nbgrader's own checks: give every cell the nbgrader metadata the gradebook has for it.

    nbgrader trusts a submitted cell's metadata: a test cell marked ``grade: false`` or
    ``solution: true``, with other points, or a second copy of a cell, makes its
    ``OverwriteCells`` fail ("Inconsistent checksums", ``KeyError: 'grade_id'``) and the
    whole submission with it. Here a cell whose grade id the gradebook knows gets the
    instructor's flags and points back (the first copy only); metadata naming no known
    cell, and later copies, are dropped, so the student's answers are still graded.
    """

    enabled = Bool(True, help="nbgrader skips preprocessors whose `enabled` is False").tag(config=True)

    def preprocess(self, nb, resources):
        grader().warm()  # the trusted grading process starts while the kernel runs the notebook
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            record = gb.find_notebook(info["notebook"], info["assignment"])
            locked = {c.name: c.locked for c in record.source_cells}
            points = {c.name: float(c.max_score) for c in record.grade_cells}
            solutions = {c.name for c in record.solution_cells}
            tasks = {c.name for c in getattr(record, "task_cells", [])}
        seen = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if grade_id not in locked or grade_id in seen:
                del cell.metadata["nbgrader"]
                continue
            seen.add(grade_id)
            restored = {"grade_id": grade_id, "grade": grade_id in points, "solution": grade_id in solutions,
                        "locked": locked[grade_id], "task": grade_id in tasks,
                        "schema_version": meta.get("schema_version", 3)}
            if grade_id in points:
                restored["points"] = points[grade_id]
            if "checksum" in meta:
                restored["checksum"] = meta["checksum"]
            cell.metadata["nbgrader"] = restored
        return nb, resources


def sanitize_preprocessors() -> list:
    """nbgrader's sanitizing preprocessors with :class:`RestoreCellMetadata` first after ``ClearOutput``."""
    from nbgrader.converters import Autograde

    default = list(Autograde.class_traits()["sanitize_preprocessors"].default())
    return default[:1] + [RestoreCellMetadata] + default[1:]


def autograde_preprocessors() -> list:
    """nbgrader's autograde preprocessors with :class:`SaveTrustedGrades` in place of ``SaveAutoGrades``."""
    from nbgrader.converters import Autograde

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    if SaveAutoGrades not in default:
        raise RuntimeError("this nbgrader's Autograde has no SaveAutoGrades step to replace")
    return [SaveTrustedGrades if step is SaveAutoGrades else step for step in default]


__all__ = ["RestoreCellMetadata", "SaveTrustedGrades", "autograde_preprocessors", "sanitize_preprocessors",
           "MissingEntry"]
