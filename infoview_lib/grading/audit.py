"""Static audit of submitted notebooks: code that tampers with the grading.

The test cells grade in a fresh process (see :mod:`.checks`), so rebinding a
scorer in the kernel earns nothing; the audit tells the instructor who tried,
so they can talk to the student. It reads notebooks, never runs them.

A code cell is flagged when it
- assigns to (or deletes) an attribute of anything imported from ``infoview_lib``
  (``infoview_lib.score_request = ...``, ``r.score_request = ...`` after
  ``import infoview_lib.rules.request as r``, ``Report.score = ...``), or rebinds
  a name imported from it;
- assigns to an attribute of an imported module (``sys.executable = ...``,
  ``subprocess.run = ...``, ``json.loads = ...``; pandas ``options`` are fine);
- touches ``sys.modules``, ``builtins`` / ``__builtins__``, imports ``importlib``,
  ``subprocess``, ``ctypes`` or ``unittest.mock``, or calls ``setattr`` /
  ``delattr`` / ``exec`` / ``eval``;
- reaches into function or module internals: ``__code__``, ``__globals__``,
  ``__defaults__``, ``__kwdefaults__``, ``__dict__``, ``__class__`` assignment,
  ``vars(...)[...] =`` / ``globals()[...] =``.

Cells are parsed with :mod:`ast` (IPython ``%magic`` and ``!shell`` lines are
blanked first, keeping line numbers); a cell that still does not parse is
scanned with regular expressions instead.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

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


def _blank_magics(source: str) -> str:
    """Blank IPython magic and shell lines, keeping the line numbers."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))


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
        tree = ast.parse(_blank_magics(source))
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


def audit_notebook(path: Path, student: str = "-", assignment: str = "-") -> list[AuditFlag]:
    """The flags of one notebook (an unreadable notebook is itself flagged)."""
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [AuditFlag(student, assignment, path.name, 0, 0, f"notebook could not be read: {err}")]
    names: set[str] = set()
    modules: set[str] = set()
    flags = []
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for line, what in scan_source(_cell_source(cell), names, modules):
            flags.append(AuditFlag(student, assignment, path.name, index, line, what))
    return flags


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
    flags = []
    for student, assignment, path in notebooks:
        flags.extend(audit_notebook(path, student, assignment))
    return flags


def flags_table(flags: list[AuditFlag]) -> str:
    """A plain-text table: student, assignment, notebook, cell, line, what."""
    header = ("student", "assignment", "notebook", "cell", "line", "what")
    rows = [header] + [(f.student, f.assignment, f.notebook, str(f.cell), str(f.line), f.what) for f in flags]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        lines.append("  ".join(value.ljust(widths[i]) for i, value in enumerate(row[:-1])) + "  " + row[-1])
    return "\n".join(lines)
