"""Static audit of submitted notebooks: everything beyond the answers, for a grader to read.

Grades do not depend on it: they come from the answers alone (see :mod:`.trusted`).
The audit gives graders the short list of submissions worth a look. It reads
notebooks, never runs them, and flags

- every statement of an unlocked code cell that is not an answer (the allow-list
  of :mod:`.answer_source`) or a self-check line (``from infoview_lib import
  score_request`` and ``score_request(request_draft, channel=channel)``); the
  flag says what it is (``calls setattr() outside an answer``, ``uses `checks`,
  which is not an answer``), with the older tampering scanner's findings
  (:func:`scan_source`: ``touches sys.modules``, ``imports importlib``) added;
- when the release (or source) is found beside ``submitted/``: every locked cell
  that was changed, retyped, unlocked, duplicated, deleted or moved, and cells
  whose metadata claims to be locked or graded;
- without the release, locked cells are scanned with :func:`scan_source` only.

Cells are parsed with :mod:`ast` (IPython ``%magic`` and ``!shell`` lines are
flagged and blanked first, keeping line numbers); a cell that does not parse is
flagged, and scanned with regular expressions.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .answer_source import blank_magics

LIBRARY = "infoview_lib"
MODULES = {
    "sys.modules": "touches sys.modules",
    "builtins": "touches builtins",
    "__builtins__": "touches __builtins__",
    "importlib": "uses importlib",
    "unittest.mock": "uses unittest.mock",
    "mock": "uses mock",
}
CALLS = {"setattr", "delattr", "exec", "eval", "__import__"}
#: modules an answer never needs, which can reach the grading machinery
FLAGGED_IMPORTS = {"importlib", "builtins", "mock", "subprocess", "ctypes"}
DUNDERS = {"__code__", "__globals__", "__defaults__", "__kwdefaults__", "__dict__", "__closure__"}
NAMESPACE_CALLS = {"vars", "globals", "locals"}

_REGEXES = (
    (re.compile(r"\binfoview_lib(?:\.\w+)*\s*\.\s*\w+\s*(?:[+\-*/]?=)(?!=)"), "assigns an infoview_lib attribute"),
    (re.compile(r"\bsys\s*\.\s*modules\b"), "touches sys.modules"),
    (re.compile(r"\b__builtins__\b|\bimport\s+builtins\b|\bbuiltins\s*\."), "touches builtins"),
    (re.compile(r"\bimportlib\b"), "uses importlib"),
    (re.compile(r"\b(?:setattr|delattr|exec|eval|__import__)\s*\("), "calls a tampering builtin"),
    (re.compile(r"\.__(?:code|globals|defaults|kwdefaults|dict|closure)__\b"), "reaches into internals"),
    (re.compile(r"\bmock\b"), "uses mock"),
)


@dataclass(frozen=True)
class AuditFlag:
    """One suspicious line in a submitted notebook."""

    student: str
    """The student id (from ``submitted/<student>/<assignment>/``), or "-"."""
    assignment: str
    """The assignment name, or "-" outside the nbgrader layout."""
    notebook: str
    """The notebook file name."""
    cell: int
    """1-based position of the cell in the notebook."""
    line: int
    """1-based line in the cell (0 when the whole notebook is affected)."""
    what: str
    """What was found, in words."""


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for an attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


class _Scanner(ast.NodeVisitor):
    def __init__(self, library_names: set[str], module_names: set[str]):
        self.library_names = library_names
        self.module_names = module_names
        self.found: list[tuple[int, str]] = []

    def flag(self, node: ast.AST, what: str) -> None:
        self.found.append((getattr(node, "lineno", 1), what))

    # imports -------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            top = alias.name.split(".")[0]
            if alias.name == LIBRARY or alias.name.startswith(LIBRARY + "."):
                self.library_names.add(alias.asname or top)
            else:
                self.module_names.add(alias.asname or top)
            if top in FLAGGED_IMPORTS or alias.name.startswith("unittest.mock"):
                self.flag(node, f"imports {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module == LIBRARY or module.startswith(LIBRARY + "."):
            for alias in node.names:
                self.library_names.add(alias.asname or alias.name)
        top = module.split(".")[0]
        if top in FLAGGED_IMPORTS or module.startswith("unittest.mock") or \
                (module == "unittest" and any(a.name == "mock" for a in node.names)):
            self.flag(node, f"imports from {module}")
        if module == "sys" and any(a.name == "modules" for a in node.names):
            self.flag(node, "imports sys.modules")

    # writes --------------------------------------------------------------
    def _check_target(self, target: ast.AST, verb: str) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._check_target(element, verb)
            return
        if isinstance(target, ast.Starred):
            self._check_target(target.value, verb)
            return
        if isinstance(target, ast.Name):
            if target.id in self.library_names:
                self.flag(target, f"{verb} {target.id}, a name imported from infoview_lib")
            if target.id in ("__builtins__",):
                self.flag(target, f"{verb} __builtins__")
            return
        if isinstance(target, ast.Attribute):
            root = _root(target)
            if root in self.library_names:
                self.flag(target, f"{verb} {_dotted(target) or target.attr} (an infoview_lib attribute)")
            elif target.attr == "__class__" or target.attr in DUNDERS:
                self.flag(target, f"{verb} {target.attr}")
            elif root in self.module_names and "options" not in (_dotted(target) or "").split("."):
                self.flag(target, f"{verb} {_dotted(target) or target.attr} (an attribute of a module)")
        if isinstance(target, ast.Subscript):
            base = target.value
            if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id in NAMESPACE_CALLS:
                self.flag(target, f"{verb} an entry of {base.func.id}()")
            elif _root(target) in self.library_names:
                self.flag(target, f"{verb} an item inside {_root(target)} (imported from infoview_lib)")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_target(target, "assigns")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._check_target(node.target, "changes")
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._check_target(node.target, "assigns")
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._check_target(target, "deletes")
        self.generic_visit(node)

    # reads ---------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = _dotted(node)
        if dotted and (dotted == "sys.modules" or dotted.endswith(".sys.modules")):
            self.flag(node, "touches sys.modules")
        elif node.attr in DUNDERS:
            self.flag(node, f"reaches into {node.attr}")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in ("__builtins__", "builtins", "importlib"):
            self.flag(node, f"uses {node.id}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in CALLS:
            self.flag(node, f"calls {node.func.id}()")
        self.generic_visit(node)


def scan_source(source: str, library_names: set[str] | None = None,
                module_names: set[str] | None = None) -> list[tuple[int, str]]:
    """(line, what) for each suspicious construct in one cell's code.

    ``library_names`` (names imported from infoview_lib) and ``module_names`` (other
    imported modules) carry over from earlier cells and are updated in place, so an
    alias imported in one cell is watched in the next.
    """
    names = library_names if library_names is not None else set()
    names.add(LIBRARY)
    modules = module_names if module_names is not None else set()
    modules.update({"sys", "os", "subprocess", "json"})
    try:
        tree = ast.parse(blank_magics(source))
    except SyntaxError:
        found = []
        for number, line in enumerate(source.split("\n"), start=1):
            for pattern, what in _REGEXES:
                if pattern.search(line):
                    found.append((number, f"{what} (cell does not parse; matched text)"))
        return found
    scanner = _Scanner(names, modules)
    scanner.visit(tree)
    unique = sorted(set(scanner.found))
    return unique


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _nbgrader(cell: dict) -> dict:
    meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    value = meta.get("nbgrader")
    return value if isinstance(value, dict) else {}


def _without_hidden_tests(source: str) -> str:
    kept, inside = [], False
    for line in source.split("\n"):
        if "BEGIN HIDDEN TESTS" in line:
            inside = True
        elif inside and "END HIDDEN TESTS" in line:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def _same_code(a: str, b: str) -> bool:
    def norm(text: str) -> list[str]:
        return [line.rstrip() for line in text.strip().split("\n")]
    return norm(a) == norm(b)


@dataclass(frozen=True)
class _Reference:
    """The instructor's version of a notebook, as released: its locked cells and answer cells."""

    locked: dict[str, tuple[str, tuple[str, ...]]]
    """grade id -> (cell type, the versions accepted) of every locked cell."""
    order: tuple[str, ...]
    """grade ids in notebook order."""
    answers: frozenset[str]
    """grade ids of the (unlocked) answer cells."""
    kernel: str | None = None
    """The kernel the notebook runs on (``metadata.kernelspec.name``)."""


def load_reference(*paths: Path | None) -> _Reference | None:
    """The instructor's versions of a submitted notebook: its release and/or its source
    (a locked cell may match either, with or without its hidden tests), if found.
    The first readable path sets the cell order."""
    locked: dict[str, tuple[str, tuple[str, ...]]] = {}
    order: list[str] = []
    answers: set[str] = set()
    kernel = None
    found = False
    for path in paths:
        if path is None or not Path(path).is_file():
            continue
        try:
            notebook = json.loads(Path(path).read_text(encoding="utf-8"))
            cells = notebook["cells"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        first = not found
        if first:
            kernel = _kernel_name(notebook)
        found = True
        for cell in cells:
            meta = _nbgrader(cell)
            grade_id = meta.get("grade_id")
            if not grade_id:
                continue
            if first:
                order.append(grade_id)
            if meta.get("locked"):
                source = _cell_source(cell)
                kind, versions = locked.get(grade_id, (cell.get("cell_type", "code"), ()))
                locked[grade_id] = (kind, versions + (source, _without_hidden_tests(source)))
            elif cell.get("cell_type") == "code":
                answers.add(grade_id)
    return _Reference(locked, tuple(order), frozenset(answers), kernel) if found else None


def _kernel_name(notebook: dict) -> str | None:
    meta = notebook.get("metadata") if isinstance(notebook, dict) else None
    spec = meta.get("kernelspec") if isinstance(meta, dict) else None
    return spec.get("name") if isinstance(spec, dict) else None


def audit_cells(cells: list, reference: _Reference | None = None) -> list[tuple[int, int, str]]:
    """(cell, line, what) for everything in ``cells`` beyond the answers the notebook asks for.

    Every statement of an unlocked code cell must be an answer (see
    :mod:`.answer_source`) or a self-check line (``from infoview_lib import
    score_request`` / ``score_request(request_draft, channel=channel)``). Locked
    cells must be the instructor's, when ``reference`` (the release) is known;
    without it, locked cells are scanned for tampering constructs.
    """
    from .answer_source import library_import, read_cell, self_check_call, setup_names

    found: list[tuple[int, int, str]] = []
    seen: dict[str, int] = {}
    order: list[str] = []
    known: set[str] = set()
    library: set[str] = set()
    names: set[str] = set()
    modules: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            found.append((index, 0, "a cell that is not a notebook cell"))
            continue
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        cell_type = cell.get("cell_type")
        source = _cell_source(cell)
        if grade_id:
            if grade_id in seen:
                found.append((index, 0, f"a second copy of cell {grade_id!r} (first: cell {seen[grade_id]})"))
            else:
                seen[grade_id] = index
                order.append(grade_id)
        if reference is not None and grade_id in reference.locked:
            ref_type, versions = reference.locked[grade_id]
            if cell_type != ref_type:
                found.append((index, 0, f"changed the type of locked cell {grade_id!r} to {cell_type}"))
            elif not any(_same_code(source, version) for version in versions):
                found.append((index, 0, f"changed locked cell {grade_id!r} (nbgrader puts back the instructor's version)"))
            if not meta.get("locked"):
                found.append((index, 0, f"unlocked cell {grade_id!r} in its metadata"))
            if cell_type == "code":
                known |= setup_names(list(versions))
            continue
        if cell_type != "code":
            if reference is not None and grade_id in reference.answers:
                found.append((index, 0, f"changed the type of answer cell {grade_id!r} to {cell_type}"))
            continue
        if reference is None and meta.get("locked"):
            # no release to compare with: the instructor's cells are scanned for tampering only
            known |= setup_names([source])
            for line, what in scan_source(source, names, modules):
                found.append((index, line, what))
            continue
        if meta.get("locked") or meta.get("grade"):
            found.append((index, 0, f"marks cell {grade_id or index} as locked or graded in its metadata"))
        for statement in read_cell(source, index, known):
            if statement.problem is None:
                continue
            try:
                node = ast.parse(statement.source).body[0] if statement.source else None
            except (SyntaxError, IndexError, ValueError, RecursionError):
                node = None
            imported = library_import(node) if node is not None else None
            if imported is not None:
                library |= imported
                continue
            if node is not None and self_check_call(node, library, known):
                continue
            what = statement.problem
            details = [w for _, w in scan_source(statement.source, names, modules)] if statement.source else []
            if details:
                what += " (" + "; ".join(dict.fromkeys(details)) + ")"
            found.append((index, statement.line, what))
    if reference is not None:
        for grade_id in reference.order:
            if grade_id not in seen:
                found.append((0, 0, f"cell {grade_id!r} is missing"))
        common = [g for g in order if g in reference.order]
        expected = [g for g in reference.order if g in seen]
        if common != expected:
            found.append((0, 0, "moved the assignment's cells out of their order"))
    return found


def audit_notebook(path: Path, student: str = "-", assignment: str = "-",
                   reference: tuple[Path, ...] | None = None) -> list[AuditFlag]:
    """The flags of one notebook (an unreadable notebook is itself flagged).

    ``reference`` holds the instructor's versions of it (see :func:`reference_for`).
    """
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
        if not isinstance(cells, list):
            raise TypeError("cells is not a list")
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [AuditFlag(student, assignment, path.name, 0, 0, f"notebook could not be read: {err}")]
    known = load_reference(*(reference or ()))
    flags = [AuditFlag(student, assignment, path.name, cell, line, what) for cell, line, what in audit_cells(cells, known)]
    if known is not None and known.kernel and _kernel_name(notebook) != known.kernel:
        flags.insert(0, AuditFlag(student, assignment, path.name, 0, 0,
                                  f"changed the notebook's kernel to {_kernel_name(notebook)!r} "
                                  f"(nbgrader puts back {known.kernel!r})"))
    return flags


def reference_for(course: Path | None, assignment: str, notebook: str) -> tuple[Path, ...]:
    """The release and source versions of ``notebook`` in ``course`` that exist."""
    if course is None or assignment == "-":
        return ()
    return tuple(path for path in (Path(course) / folder / assignment / notebook for folder in ("release", "source"))
                 if path.is_file())


def find_notebooks(folder: Path) -> list[tuple[str, str, Path]]:
    """(student, assignment, path) of every notebook under ``folder``.

    In the nbgrader layout (a course folder with ``submitted/``, or the ``submitted``
    folder itself) the student and assignment come from
    ``submitted/<student>/<assignment>/``; elsewhere they are "-" and the
    notebook's folder.
    """
    folder = Path(folder)
    if (folder / "submitted").is_dir():
        folder = folder / "submitted"
    nbgrader_layout = folder.name == "submitted"
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        parts = path.relative_to(folder).parts
        if nbgrader_layout and len(parts) == 3:
            found.append((parts[0], parts[1], path))
        else:
            found.append(("-", str(path.parent.relative_to(folder)) if len(parts) > 1 else "-", path))
    return found


def audit_folder(folder: Path) -> list[AuditFlag]:
    """Flags for every notebook under ``folder`` (see :func:`find_notebooks`).

    Raises FileNotFoundError when ``folder`` does not exist, NotADirectoryError when
    it is neither a folder nor a notebook, and ValueError when it holds no notebook.
    """
    folder = Path(folder)
    if not folder.exists():
        raise FileNotFoundError(f"{folder} does not exist")
    if folder.is_file():
        if folder.suffix != ".ipynb":
            raise NotADirectoryError(f"{folder} is neither a folder nor a .ipynb notebook")
        return audit_notebook(folder)
    notebooks = find_notebooks(folder)
    if not notebooks:
        raise ValueError(f"{folder} holds no .ipynb notebooks")
    course = _course_of(folder)
    flags = []
    for student, assignment, path in notebooks:
        flags.extend(audit_notebook(path, student, assignment, reference_for(course, assignment, path.name)))
    return flags


def _course_of(folder: Path) -> Path | None:
    """The nbgrader course folder holding ``folder`` (its ``submitted/`` or itself), if any."""
    folder = Path(folder).resolve()
    for candidate in (folder, folder.parent):
        if (candidate / "submitted").is_dir() and ((candidate / "release").is_dir() or (candidate / "source").is_dir()):
            return candidate
    return None


def flags_table(flags: list[AuditFlag]) -> str:
    """A plain-text table: student, assignment, notebook, cell, line, what."""
    header = ("student", "assignment", "notebook", "cell", "line", "what")
    rows = [header] + [(f.student, f.assignment, f.notebook, str(f.cell), str(f.line), f.what) for f in flags]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        lines.append("  ".join(value.ljust(widths[i]) for i, value in enumerate(row[:-1])) + "  " + row[-1])
    return "\n".join(lines)
