"""Reading a student's answer cells statement by statement (``grading.answer_source.read_cell``):
what the trusted grader takes from each statement (its code, the names it binds, whether it is an
answer) and what the audit tells a grader (the cell, the line, the words for what is wrong).

``test_answer_allow_list.py`` goes through the allow-list construct by construct; this file is
about a whole cell: IPython magics, cells that do not parse, statements that are not answers,
names that stop being readable, the line a grader is sent to, and loop variables used inside
every construct of a comprehension.
"""
from __future__ import annotations

import ast
import sys

import pytest

from infoview_lib.grading.answer_source import (
    MAX_INT, MAX_TEXT, NotAnAnswer, Statement, blank_magics, bound_names, check_statement, read_cell,
)

KNOWN = {"draft", "pd"}
MAGIC = "an IPython magic or shell command"


def read(source: str, cell: int = 3, known: set[str] | None = None) -> list[Statement]:
    return read_cell(source, cell, set(KNOWN) if known is None else known)


def refusal(source: str) -> str | None:
    """The words for why the one statement of ``source`` is not an answer, or None when it is one."""
    [statement] = read(source)
    return statement.problem


# -- IPython magics and shell lines -------------------------------------------------------------


def test_magic_and_shell_lines_are_reported_on_their_own_lines_and_the_rest_is_read():
    source = "request_draft = 'Hello'\n  %time slow = 1\n!ls data\nchannel = 'email'"
    known = set(KNOWN)
    assert read_cell(source, 2, known) == [
        Statement(2, 1, "request_draft = 'Hello'", ("request_draft",)),
        Statement(2, 2, "%time slow = 1", (), MAGIC),
        Statement(2, 3, "!ls data", (), MAGIC),
        Statement(2, 4, "channel = 'email'", ("channel",)),
    ]
    assert known == KNOWN | {"request_draft", "channel"}  # a magic line binds nothing the grader reads


@pytest.mark.parametrize("source, blanked", [
    ("%time x = 1\nanswer = 'a'", "\nanswer = 'a'"),
    ("answer = 'a'\n!pip install requests", "answer = 'a'\n"),
    ("answer = 'a'\n    %%capture\nnote = 'b'", "answer = 'a'\n\nnote = 'b'"),
    ("answer = '50% of it!'", "answer = '50% of it!'"),  # a % or ! later in a line is no magic
])
def test_magic_lines_are_blanked_and_every_other_line_keeps_its_number(source, blanked):
    assert blank_magics(source) == blanked


#: cells with lines that start with % or ! inside strings, next to real magics (checked against IPython)
TEXT_THAT_LOOKS_LIKE_MAGIC = [
    'draft = """Dear Ms. Lee,\n% of my week goes to cataloguing.\n!Thank you"""\n%time y = 2',
    "x = 1  # don't '''\n!ls",
    "s = 'a\\\n!b'\n%who",
    'd = """x\n!end"""\n%time 1',
    "a = 1\n!echo it's\nb = '''\n% inside\n'''\n!pwd",
    "t = f'''{1}\n!no'''\n  %time 2",
    "r = r'''\\\n!raw'''\n!yes",
    "q = 'it\\'s'\n!ls",
]


@pytest.mark.parametrize("source", TEXT_THAT_LOOKS_LIKE_MAGIC)
def test_the_lines_blanked_as_magics_are_the_lines_ipython_runs_as_magics(source):
    """A line inside a string that spans lines is the student's text, even when it starts with %
    or !: IPython ran it as text, so the grader must read it as text (not blank it)."""
    from IPython.core.inputtransformer2 import TransformerManager

    ran = TransformerManager().transform_cell(source).split("\n")
    by_ipython = [n for n, (line, run) in enumerate(zip(source.split("\n"), ran), start=1) if line != run]
    blanked = [n for n, (line, kept) in enumerate(zip(source.split("\n"), blank_magics(source).split("\n")), start=1)
               if line != kept]
    assert by_ipython, "each case holds a real magic"
    assert blanked == by_ipython


def test_a_draft_with_lines_starting_with_percent_or_bang_is_read_whole():
    source = 'request_draft = """Dear Ms. Lee,\n% of my week goes to cataloguing.\n!Thank you"""\n%time y = 2'
    [draft, magic] = sorted(read(source), key=lambda s: s.line)
    assert (draft.problem, draft.binds) == (None, ("request_draft",))
    assert draft.source == source.rsplit("\n", 1)[0]
    assert (magic.line, magic.problem) == (4, MAGIC)


# -- cells that do not parse --------------------------------------------------------------------


def test_a_cell_that_does_not_parse_is_one_problem_on_the_line_python_names():
    known = set(KNOWN)
    [statement] = read_cell("request_draft = 'Hello'\nchannel = 'email'\nanswer = ('unclosed'", 5, known)
    assert (statement.cell, statement.line, statement.source, statement.binds) == (5, 3, "", ())
    assert statement.problem.startswith("does not parse: ") and "never closed" in statement.problem
    assert known == KNOWN  # the kernel ran none of it either


def test_a_magic_line_before_a_cell_that_does_not_parse_is_reported_too():
    assert [(s.line, s.problem[:16]) for s in read("%time x = 1\nanswer = 'a' 'b' +")] == \
        [(1, MAGIC[:16]), (2, "does not parse: ")]


def test_a_null_character_in_a_cell_is_a_cell_that_does_not_parse():
    [statement] = read("answer = 'Hello\0'", 7)
    assert (statement.cell, statement.line, statement.source, statement.binds) == (7, 1, "", ())
    assert statement.problem.startswith("does not parse: ") and "null bytes" in statement.problem


@pytest.mark.parametrize("source", [
    "answer = " + "-" * 10_000 + "1",  # the parser's own stack runs out (a MemoryError with no words)
    "answer = " + "not " * 4 * sys.getrecursionlimit() + "draft",  # too deep to build its syntax tree
])
def test_a_cell_nested_too_deeply_to_parse_says_so(source):
    [statement] = read(source, 7)
    assert (statement.cell, statement.line, statement.source, statement.binds) == (7, 1, "", ())
    assert statement.problem.startswith("does not parse: ")
    assert statement.problem.removeprefix("does not parse: ").strip()  # never an empty reason


def test_an_answer_nested_too_deeply_to_check_is_refused_and_the_rest_of_the_cell_is_read():
    deep = "answer = 1" + " + 1" * 2 * sys.getrecursionlimit()  # parses, but deeper than the checker goes
    known = KNOWN | {"answer"}
    assert read_cell(f"note = 'a'\n{deep}\nchannel = 'email'", 4, known) == [
        Statement(4, 1, "note = 'a'", ("note",)),
        Statement(4, 2, deep, ("answer",), "nested too deeply"),
        Statement(4, 3, "channel = 'email'", ("channel",)),
    ]
    assert known == KNOWN | {"note", "channel"}  # an answer the grader cannot read is not known


# -- statements that are not answers ------------------------------------------------------------


@pytest.mark.parametrize("source, binds, what", [
    ("answer: str", ("answer",), "an annotation without a value"),
    ("answer += ' Thanks!'", ("answer",), "changes a value in place (+= and the like)"),
    ("from . import secrets", ("secrets",), "imports from ."),
    ("from os import path", ("path",), "imports from os"),
    ("import os.path", ("os",), "imports os.path"),
    ("import pandas", ("pandas",), "imports pandas"),  # only as pd
    ("print(draft)", (), "calls print() outside an answer"),
    ("draft.upper()", (), "calls .upper() outside an answer"),
    ("(lambda: draft)()", (), "a call outside an answer"),
    ("draft[0]()", (), "a call outside an answer"),
    ("draft", (), "an expression that is not an answer"),
    ("global draft", ("draft",), "a global statement"),
    ("def draft():\n    return 'x'", ("draft",), "defines a function"),
    ("class Draft:\n    pass", ("Draft",), "defines a class"),
    ("answer[0] = 'x'", (), "assigns an item (x[...] = ...)"),
    ("draft.text = 'x'", (), "assigns the attribute `.text`"),
    ("[first, *rest] = draft", ("first", "rest"), "assigns to a Starred"),
    ("first, *rest = draft", ("first", "rest"), "assigns to a Starred"),
])
def test_a_statement_that_is_not_an_answer_is_named_with_the_names_it_binds(source, binds, what):
    [statement] = read(source)
    assert (statement.source, statement.binds, statement.problem) == (source, binds, what)


def test_a_name_bound_by_a_refused_statement_is_no_longer_an_answer():
    """The kernel holds whatever the refused statement made; the grader reads none of it."""
    known = set(KNOWN)
    read_cell("channel = 'email'", 1, known)
    for refused in ("channel = open('channel.txt').read()", "def channel():\n    return 'email'",
                    "global channel", "import os.path as channel"):
        read_cell("channel = 'email'", 1, known)
        [statement] = read_cell(refused, 2, known)
        assert statement.problem is not None and statement.binds == ("channel",)
        assert "channel" not in known
        [later] = read_cell("answer = channel.upper()", 3, known)
        assert later.problem == "uses `channel`, which is not an answer"


def test_what_an_import_binds_is_the_first_part_of_its_dotted_name():
    assert bound_names(ast.parse("import os.path, xml.etree.ElementTree as tree").body[0]) == ("os", "tree")
    assert bound_names(ast.parse("global draft, channel").body[0]) == ("draft", "channel")
    assert bound_names(ast.parse("class Draft:\n    body = 1").body[0]) == ("Draft", "body")


def test_accepted_answers_are_read_in_order_with_their_cell_and_line():
    known = set()
    assert read_cell("import pandas as pd\n\n'a note to self'\npass\nlog = pd.read_csv('contact_log.csv')",
                     6, known) == [
        Statement(6, 1, "import pandas as pd", ("pd",)),
        Statement(6, 3, "'a note to self'", ()),
        Statement(6, 4, "pass", ()),
        Statement(6, 5, "log = pd.read_csv('contact_log.csv')", ("log",)),
    ]
    assert known == {"pd", "log"}


# -- the line a grader is sent to ---------------------------------------------------------------


@pytest.mark.parametrize("bad, what", [
    ("'x' * 2 + '" + "x" * (MAX_TEXT + 1) + "'", f"a text longer than {MAX_TEXT} characters"),
    (str(MAX_INT + 1), f"a number bigger than {MAX_INT}"),
    ("{'a': 1, **draft}", "unpacking with **"),
    ("secret", "uses `secret`, which is not an answer"),
    ("draft.__class__", "uses the attribute `.__class__`"),
    ("draft ** 2", "the operator Pow"),
    ("[q async for q in draft]", "async comprehension"),
    ("[1 for q[0] in draft]", "a loop variable that is not a plain name"),
])
def test_the_audit_names_the_line_of_a_refused_construct_inside_a_longer_answer(bad, what):
    """A grader is sent to the line that holds the refused part, not the answer's first line."""
    [statement] = read(f"questions = [\n    'first',\n    {bad},\n]", 4)
    assert (statement.cell, statement.line, statement.problem) == (4, 3, what)


@pytest.mark.parametrize("target, what", [
    ("draft.text", "assigns the attribute `.text`"),
    ("draft[0]", "assigns an item (x[...] = ...)"),
    ("*rest", "assigns to a Starred"),
])
def test_the_audit_names_the_line_of_a_refused_target_inside_a_longer_assignment(target, what):
    [statement] = read(f"(first,\n {target}) = 'a', 'b'", 2)
    assert (statement.line, statement.problem) == (2, what)


# -- loop variables inside every construct ------------------------------------------------------


@pytest.mark.parametrize("expression", [
    "[[q, 1] for q in draft]", "[(q,) for q in draft]", "[{q} for q in draft]",
    "[{q: 1} for q in draft]", "[{'question': q} for q in draft]",
    "[f'- {q}' for q in draft]", "[f'{draft:>{width}}' for width in [10, 20]]",
    "[row.size for row in draft]", "[q[0] for q in draft]", "[draft[i] for i in [0, 1]]",
    "[draft[:n] for n in [1, 2]]", "[draft[n:] for n in [1, 2]]", "[draft[::n] for n in [1, 2]]",
    "[q + '?' for q in draft]", "['- ' + q for q in draft]", "[-n for n in [1, 2]]", "[not q for q in draft]",
    "[q or 'none' for q in draft]", "[q == 'x' for q in draft]", "['?' in q for q in draft]",
    "[q if q else 'none' for q in draft]", "[q.strip() for q in draft if q]",
    "[w for q in draft for w in q.split()]", "[[w for w in q.split()] for q in draft]",
    "{q: len(q) for q in draft}", "sum(len(q) for q in draft)",
])
def test_a_loop_variable_may_be_used_inside_every_part_of_its_comprehension(expression):
    assert refusal(f"answer = {expression}") is None


def test_a_refused_part_of_a_comprehension_is_still_refused():
    assert refusal("answer = [q.__class__ for q in draft]") == "uses the attribute `.__class__`"
    assert refusal("answer = [w for q in draft for w in secret]") == "uses `secret`, which is not an answer"


def test_check_statement_raises_with_the_words_read_cell_reports():
    with pytest.raises(NotAnAnswer) as caught:
        check_statement(ast.parse("answer: str").body[0], set(KNOWN))
    assert str(caught.value) == caught.value.what == "an annotation without a value"
