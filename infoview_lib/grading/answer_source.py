"""What an answer cell may hold, read with :mod:`ast` and never run.

The assignments' answers are data: text in quotes, letters, lists of questions,
ISO dates, numbers, and (in ``05_follow_up``) a pandas expression over the
shipped contact log or a table written out row by row. This module is the one
home of that allow-list. :mod:`.trusted` grades from the statements it accepts
(evaluated in a clean process, see there), and :mod:`.audit` flags every
statement it rejects, naming the cell and the line.

An answer cell may hold, at its top level:

- ``name = <answer>`` (also ``name: type = <answer>`` and ``a, b = <answer>, <answer>``);
- a bare string (a note to self), ``pass``, comments, and ``import pandas as pd``.

An ``<answer>`` is built only from

- literals: strings, numbers, ``True``/``False``/``None``, lists, tuples, dicts,
  sets, f-strings;
- names the answer cells bound earlier, ``pd``, and the harmless builtins in
  :data:`BUILTINS`;
- operators (``+ - * / // % & | ~ not and or``, comparisons, ``x if c else y``),
  subscripts, slices and comprehensions;
- attributes and method calls named in :data:`ATTRIBUTES` (the pure pandas and
  string methods a share or a table needs), with the keywords in :data:`KEYWORDS`;
- ``pd.read_csv("<file>")`` of a plain file name (the grader reads the file the
  course ships, never the one next to the submission).

Anything else (a call to ``setattr``, ``exec`` or ``get_ipython``, an attribute
outside the list such as ``__class__``, ``to_csv`` or ``expect_met``, an import
of another module, a ``def``, a loop, an assignment to an attribute or an item)
is not an answer: the grader ignores the statement (a name it binds cannot be
read) and the audit flags it.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from ..errors import InfoviewError

#: Builtins an answer may call or name.
BUILTINS = frozenset({
    "len", "float", "int", "round", "sum", "min", "max", "abs", "str", "bool",
    "list", "tuple", "sorted", "dict", "set", "zip", "enumerate",
})
#: Attributes and methods an answer may use (pure pandas, Series.str and str methods).
ATTRIBUTES = frozenset({
    # pandas constructors and the one reader
    "DataFrame", "Series", "read_csv", "to_datetime",
    # accessors and shape
    "str", "dt", "loc", "iloc", "at", "iat", "values", "index", "columns", "shape", "size",
    "empty", "year", "month", "day", "date",
    # reductions and counts
    "mean", "sum", "count", "median", "max", "min", "std", "nunique", "unique",
    "value_counts", "any", "all", "item", "tolist", "to_list", "idxmax", "idxmin",
    # comparisons and filters
    "eq", "ne", "lt", "le", "gt", "ge", "isin", "between", "notna", "isna", "notnull",
    "isnull", "where", "contains", "startswith", "endswith", "match",
    # arithmetic and shaping
    "round", "abs", "div", "mul", "add", "sub", "astype", "fillna", "dropna", "head",
    "tail", "sort_values", "sort_index", "reset_index", "drop_duplicates", "groupby",
    "copy", "get", "keys", "items",
    # strings
    "strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize",
    "split", "replace", "join", "count", "find",
})
#: Keyword arguments an answer may pass.
KEYWORDS = frozenset({
    "columns", "normalize", "ascending", "case", "na", "regex", "skipna", "dtype",
    "errors", "format", "by", "dropna", "subset", "drop", "n", "axis", "numeric_only",
    "ndigits", "key", "reverse", "start", "sep",
})
#: Modules an answer cell may import (and the name each must be bound to).
IMPORTS = {"pandas": "pd"}
#: Longest string constant, biggest integer constant an answer may hold.
MAX_TEXT = 100_000
MAX_INT = 10**9

_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.BitAnd, ast.BitOr)
_UNARY = (ast.USub, ast.UAdd, ast.Not, ast.Invert)


class NotAnAnswer(InfoviewError):
    """A construct outside the allow-list; ``node`` says where."""

    def __init__(self, node: ast.AST, what: str):
        super().__init__(what)
        self.node = node
        self.what = what


@dataclass
class Statement:
    """One top-level statement of an answer cell."""

    cell: int
    """1-based position of the cell in the notebook."""
    line: int
    """1-based line of the statement in its cell."""
    source: str
    """The statement's code."""
    binds: tuple[str, ...]
    """The names it assigns."""
    problem: str | None = None
    """Why it is not an answer (None when it is one)."""


@dataclass
class AnswerCells:
    """Every statement of a notebook's answer cells, in order."""

    statements: list[Statement] = field(default_factory=list)

    @property
    def accepted(self) -> list[Statement]:
        return [s for s in self.statements if s.problem is None and s.binds]

    @property
    def rejected(self) -> list[Statement]:
        return [s for s in self.statements if s.problem is not None]


def blank_magics(source: str) -> str:
    r"""Blank IPython magic and shell lines (``%time``, ``!ls``), keeping the line numbers.

    A line of a string that spans lines is text, not a command, even when it starts with % or !:

    >>> blank_magics("%time x = 1\nnote = '''Dear Ms. Lee,\n% of my week\n!Thanks'''")
    "\nnote = '''Dear Ms. Lee,\n% of my week\n!Thanks'''"
    """
    return _blank_lines(source, _magic_lines(source))


def _blank_lines(source: str, numbers) -> str:
    """``source`` with the lines ``numbers`` (from 1) emptied, every line keeping its number."""
    numbers = set(numbers)
    return "\n".join("" if number in numbers else line for number, line in enumerate(source.split("\n"), start=1))


def _magic_lines(source: str) -> list[int]:
    """The numbers of the lines IPython runs as a magic or shell command: those starting with % or !
    (after spaces), except a line that begins inside a string spanning lines, which is text."""
    magic: list[int] = []
    open_quote = None
    for number, line in enumerate(source.split("\n"), start=1):
        if open_quote is None and line.lstrip().startswith(("%", "!")):
            magic.append(number)
        else:
            open_quote = _quote_open_after(line, open_quote)
    return magic


def _quote_open_after(line: str, open_quote: str | None) -> str | None:
    r"""The quote of the string still open at the end of ``line`` (``'''``, ``\"\"\"``, or ``'`` / ``"``
    continued by a final backslash), given the one open at its start; None when none is.

    >>> _quote_open_after("note = '''Dear Ms. Lee,", None)
    "'''"
    >>> _quote_open_after("it's a 'quote' # and 'a comment", "'''") is None
    False
    >>> _quote_open_after("thanks''' # done '''", "'''") is None
    True
    >>> _quote_open_after('x = "one \\', None), _quote_open_after('x = "a \\"b\\"" + \'c\'', None)
    ('"', None)
    """
    quote, i, continued = open_quote, 0, False
    while i < len(line):
        if quote is None:
            char = line[i]
            if char == "#":
                break
            if char in "'\"":
                quote = char * 3 if line.startswith(char * 3, i) else char
                i += len(quote)
                continue
            i += 1
        elif line[i] == "\\":  # an escaped character (a quote, or the end of the line) does not end the string
            continued = i == len(line) - 1
            i += 2
        elif line.startswith(quote, i):
            i += len(quote)
            quote = None
        else:
            i += 1
    if quote is not None and len(quote) == 1 and not continued:
        return None  # a one-line string left open: a syntax error for the parser to report
    return quote


def bound_names(node: ast.AST) -> tuple[str, ...]:
    """Every name a statement binds at the top level of the cell (assignments, loops,
    imports, ``def``/``class``, ``with ... as``, walrus, ``global``), so a name bound by
    a rejected statement is known to be unreadable."""
    names: list[str] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            names.append(sub.id)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(sub.name)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names.extend((a.asname or a.name).split(".")[0] for a in sub.names)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            names.extend(sub.names)
    return tuple(dict.fromkeys(names))


class _Checker:
    """Raises :class:`NotAnAnswer` at the first construct outside the allow-list."""

    def __init__(self, known: set[str]):
        self.known = known

    def expression(self, node: ast.AST, local: frozenset[str] = frozenset()) -> None:
        check = self.expression
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, (str, bytes)) and len(value) > MAX_TEXT:
                raise NotAnAnswer(node, f"a text longer than {MAX_TEXT} characters")
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
                raise NotAnAnswer(node, f"a number bigger than {MAX_INT}")
            if value is Ellipsis or isinstance(value, (str, bytes, int, float, complex, bool, type(None))):
                return
            raise NotAnAnswer(node, f"a {type(value).__name__} constant")
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    raise NotAnAnswer(element, "unpacking with *")
                check(element, local)
            return
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if key is None:
                    raise NotAnAnswer(value, "unpacking with **")
                check(key, local)
                check(value, local)
            return
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                check(part, local)
            return
        if isinstance(node, ast.FormattedValue):
            check(node.value, local)
            if node.format_spec is not None:
                check(node.format_spec, local)
            return
        if isinstance(node, ast.Name):
            if node.id in local or node.id in self.known or node.id in BUILTINS:
                return
            raise NotAnAnswer(node, f"uses `{node.id}`, which is not an answer")
        if isinstance(node, ast.Attribute):
            if node.attr not in ATTRIBUTES:
                raise NotAnAnswer(node, f"uses the attribute `.{node.attr}`")
            check(node.value, local)
            return
        if isinstance(node, ast.Subscript):
            check(node.value, local)
            check(node.slice, local)
            return
        if isinstance(node, ast.Slice):
            for part in (node.lower, node.upper, node.step):
                if part is not None:
                    check(part, local)
            return
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, _OPERATORS):
                raise NotAnAnswer(node, f"the operator {type(node.op).__name__}")
            check(node.left, local)
            check(node.right, local)
            return
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, _UNARY):
                raise NotAnAnswer(node, f"the operator {type(node.op).__name__}")
            check(node.operand, local)
            return
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                check(value, local)
            return
        if isinstance(node, ast.Compare):
            check(node.left, local)
            for comparator in node.comparators:
                check(comparator, local)
            return
        if isinstance(node, ast.IfExp):
            for part in (node.test, node.body, node.orelse):
                check(part, local)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = set(local)
            for generator in node.generators:
                if generator.is_async:
                    raise NotAnAnswer(node, "async comprehension")
                check(generator.iter, frozenset(inner))
                for target in ast.walk(generator.target):
                    if isinstance(target, ast.Name):
                        inner.add(target.id)
                    elif not isinstance(target, (ast.Tuple, ast.List, ast.Store)):
                        raise NotAnAnswer(target, "a loop variable that is not a plain name")
                for condition in generator.ifs:
                    check(condition, frozenset(inner))
            inner_f = frozenset(inner)
            if isinstance(node, ast.DictComp):
                check(node.key, inner_f)
                check(node.value, inner_f)
            else:
                check(node.elt, inner_f)
            return
        if isinstance(node, ast.Call):
            self.call(node, local)
            return
        raise NotAnAnswer(node, _describe(node))

    def call(self, node: ast.Call, local: frozenset[str]) -> None:
        func = node.func
        if isinstance(func, ast.Name):
            if func.id not in BUILTINS:
                raise NotAnAnswer(node, f"calls {func.id}()")
        elif isinstance(func, ast.Attribute):
            if func.attr not in ATTRIBUTES:
                raise NotAnAnswer(node, f"calls .{func.attr}()")
            self.expression(func.value, local)
            if func.attr == "read_csv":
                self._read_csv(node)
                return
        elif isinstance(func, ast.Lambda):
            raise NotAnAnswer(node, "calls a lambda (a function)")
        else:
            raise NotAnAnswer(node, "calls something that is not a named function")
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                raise NotAnAnswer(argument, "unpacking with *")
            self.expression(argument, local)
        for keyword in node.keywords:
            if keyword.arg is None:
                raise NotAnAnswer(keyword.value, "unpacking with **")
            if keyword.arg not in KEYWORDS:
                raise NotAnAnswer(keyword.value, f"the keyword argument {keyword.arg}=")
            self.expression(keyword.value, local)

    @staticmethod
    def _read_csv(node: ast.Call) -> None:
        ok = (len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str))
        name = node.args[0].value if ok else ""
        if not ok or not name or "/" in name or "\\" in name or name.startswith("."):
            raise NotAnAnswer(node, "read_csv() of anything but a data file shipped with the assignment")


def _describe(node: ast.AST) -> str:
    return {
        "Lambda": "a lambda (a function)", "NamedExpr": "an assignment inside an expression (:=)",
        "Await": "await", "Yield": "yield", "YieldFrom": "yield", "Starred": "unpacking with *",
    }.get(type(node).__name__, f"a {type(node).__name__} expression")


_STATEMENTS = {
    "Expr": "an expression that is not an answer", "FunctionDef": "defines a function",
    "AsyncFunctionDef": "defines a function", "ClassDef": "defines a class", "For": "a loop",
    "AsyncFor": "a loop", "While": "a loop", "If": "an if statement", "With": "a with block",
    "AsyncWith": "a with block", "Try": "a try block", "Raise": "raises an exception",
    "Delete": "deletes something", "Global": "a global statement", "Nonlocal": "a nonlocal statement",
    "Assert": "an assert", "Return": "return", "Break": "break", "Continue": "continue",
    "Match": "a match statement", "TryStar": "a try block",
}


def _check_target(target: ast.AST) -> None:
    if isinstance(target, ast.Name):
        return
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            _check_target(element)
        return
    if isinstance(target, ast.Attribute):
        raise NotAnAnswer(target, f"assigns the attribute `.{target.attr}`")
    if isinstance(target, ast.Subscript):
        raise NotAnAnswer(target, "assigns an item (x[...] = ...)")
    raise NotAnAnswer(target, f"assigns to a {type(target).__name__}")


def check_statement(node: ast.stmt, known: set[str]) -> None:
    """Raise :class:`NotAnAnswer` unless ``node`` is an answer statement (see the module
    docstring); ``known`` holds the names bound by earlier accepted statements."""
    checker = _Checker(known)
    if isinstance(node, ast.Assign):
        for target in node.targets:
            _check_target(target)
        checker.expression(node.value)
        return
    if isinstance(node, ast.AnnAssign):
        _check_target(node.target)
        if node.value is None:
            raise NotAnAnswer(node, "an annotation without a value")
        checker.expression(node.value)
        return
    if isinstance(node, ast.AugAssign):
        raise NotAnAnswer(node, "changes a value in place (+= and the like)")
    if isinstance(node, ast.Pass):
        return
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return  # a bare string: a note to self
    if isinstance(node, ast.Import):
        for alias in node.names:
            if IMPORTS.get(alias.name) != (alias.asname or alias.name):
                raise NotAnAnswer(node, f"imports {alias.name}")
        return
    if isinstance(node, ast.ImportFrom):
        raise NotAnAnswer(node, f"imports from {node.module or '.'}")
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        name = func.id if isinstance(func, ast.Name) else (f".{func.attr}" if isinstance(func, ast.Attribute) else "")
        raise NotAnAnswer(node, f"calls {name}() outside an answer" if name else "a call outside an answer")
    raise NotAnAnswer(node, _STATEMENTS.get(type(node).__name__, f"a {type(node).__name__} statement"))


def read_cell(source: str, cell: int, known: set[str]) -> list[Statement]:
    """The statements of one answer cell, each accepted or with its problem.

    ``known`` (names bound so far) is updated in place: accepted assignments add
    their names, rejected statements remove the names they bind.
    """
    magic = _magic_lines(source)
    text = _blank_lines(source, magic)
    statements = [Statement(cell, line, source.split("\n")[line - 1].strip(), (), "an IPython magic or shell command")
                  for line in magic]
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        statements.append(Statement(cell, err.lineno or 1, "", (), f"does not parse: {err.msg}"))
        return statements
    except (ValueError, RecursionError, MemoryError) as err:
        # the parser's stack overflow is a MemoryError without a message
        statements.append(Statement(cell, 1, "", (), f"does not parse: {str(err) or 'nested too deeply'}"))
        return statements
    for node in tree.body:
        code = ast.get_source_segment(text, node) or ""
        names = bound_names(node)
        try:
            check_statement(node, known)
        except NotAnAnswer as err:
            for name in names:
                known.discard(name)
            statements.append(Statement(cell, getattr(err.node, "lineno", node.lineno), code, names, err.what))
        except RecursionError:
            for name in names:
                known.discard(name)
            statements.append(Statement(cell, node.lineno, code, names, "nested too deeply"))
        else:
            known.update(names)
            statements.append(Statement(cell, node.lineno, code, names))
    statements.sort(key=lambda s: s.line)
    return statements


def read_answer_cells(cells: list[tuple[int, str]], known: set[str] | None = None) -> AnswerCells:
    """Read ``(cell position, source)`` answer cells in notebook order.

    ``known`` holds names the setup cell provides (``pd`` when it imports pandas).
    """
    names = set(known or ())
    result = AnswerCells()
    for cell, source in cells:
        result.statements.extend(read_cell(source, cell, names))
    return result


def setup_names(sources: list[str]) -> set[str]:
    """Names the (locked, instructor's) setup cells import that answers may use: ``pd``."""
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(blank_magics(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if IMPORTS.get(alias.name) == (alias.asname or alias.name):
                        names.add(alias.asname or alias.name)
    return names


# ------------------------------------------------------------ self-check cells

#: The package whose public functions a self-check cell may call.
LIBRARY = "infoview_lib"


def library_import(node: ast.stmt) -> set[str] | None:
    """The names of a ``from infoview_lib import public_name, ...`` statement, else None."""
    if isinstance(node, ast.ImportFrom) and node.module == LIBRARY and node.level == 0 and \
            all(not a.name.startswith("_") and a.asname is None for a in node.names):
        return {a.name for a in node.names}
    return None


def self_check_call(node: ast.stmt, library: set[str], known: set[str]) -> bool:
    """Whether ``node`` is a self-check line: a call of a function imported from
    ``infoview_lib`` whose arguments are answers (see the module docstring)."""
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id in library):
        return False
    checker = _Checker(known)
    try:
        for argument in node.value.args:
            if isinstance(argument, ast.Starred):
                return False
            checker.expression(argument)
        for keyword in node.value.keywords:
            if keyword.arg is None:
                return False
            checker.expression(keyword.value)
    except (NotAnAnswer, RecursionError):
        return False
    return True


def self_check_cell(source: str, library: set[str], known: set[str]) -> bool:
    """Whether a whole cell is a self-check: library imports, then one self-check call last.

    ``library`` (names imported from infoview_lib so far) is updated in place.
    """
    if _magic_lines(source):  # a self-check cell holds no magic or shell line
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return False
    if not tree.body:
        return False
    imported = set(library)
    for node in tree.body[:-1]:
        names = library_import(node)
        if names is None:
            return False
        imported |= names
    if not self_check_call(tree.body[-1], imported, known):
        return False
    library |= imported
    return True
