"""The answer allow-list, construct by construct (``grading.answer_source``): what an answer cell may
hold, and what it may hold nothing forbidden *inside*: every part of every accepted construct is
checked (an f-string's format spec, a slice's step, a comprehension's condition, a call's keyword).
A forbidden name anywhere means the grader ignores the statement and the audit flags it, with
these words. ``draft`` and ``pd`` stand for names the notebook bound earlier; ``secret`` for
anything else.
"""
from __future__ import annotations

import ast

import pytest

from infoview_lib.grading.answer_source import MAX_INT, MAX_TEXT, NotAnAnswer, check_statement

KNOWN = {"draft", "pd"}
UNKNOWN = "uses `secret`, which is not an answer"


def refusal(expression: str) -> str | None:
    """The words for why ``answer = <expression>`` is not an answer, or None when it is one."""
    try:
        check_statement(ast.parse(f"answer = {expression}").body[0], set(KNOWN))
    except NotAnAnswer as err:
        return err.what
    return None


@pytest.mark.parametrize("expression", [
    "'text'", "b'bytes'", "3", "-2.5", "1j", "True", "None", "...",
    "[draft, 'b']", "(draft,)", "{draft}", "{'k': draft}",
    "f'{draft!r:>10}'", "draft[1:-1:2]", "draft[::]", "draft + 'x' * 2 - 1 / 3 // 4 % 5 & 6 | 7",
    "-draft", "+draft", "~draft", "not draft", "draft and 'x' or None", "1 < draft <= 3",
    "draft if draft else 'none'",
    "[q.strip() for q in draft if q]", "{q for q in draft}", "{q: len(q) for q in draft}",
    "sum(len(q) for q in draft)", "[a for a, b in zip(draft, draft)]", "[a for [a, b] in draft]",
    "sorted(draft, key=len, reverse=True)", "pd.read_csv('contact_log.csv')",
    "pd.DataFrame(draft, columns=['date'])['date'].str.lower()",
])
def test_answers_built_from_the_allow_list_are_accepted(expression):
    assert refusal(expression) is None


def test_the_longest_text_and_the_biggest_number_an_answer_may_hold():
    assert refusal(repr("x" * MAX_TEXT)) is None
    assert refusal(repr("x" * (MAX_TEXT + 1))) == f"a text longer than {MAX_TEXT} characters"
    assert refusal(repr(b"x" * (MAX_TEXT + 1))) == f"a text longer than {MAX_TEXT} characters"
    assert refusal(str(MAX_INT)) is None and refusal(f"-{MAX_INT}") is None
    assert refusal(str(MAX_INT + 1)) == f"a number bigger than {MAX_INT}"
    assert refusal(f"-{MAX_INT + 1}") == f"a number bigger than {MAX_INT}"
    assert refusal("True") is None  # a bool is no number to limit


@pytest.mark.parametrize("expression", [
    # a forbidden name inside each part of each accepted construct
    "[draft, secret]", "(secret,)", "{secret}", "{secret: 1}", "{'k': secret}",
    "f'{secret}'", "f'{draft:{secret}}'", "secret[0]", "draft[secret]", "draft[secret:]", "draft[:secret]",
    "draft[::secret]", "secret + 1", "1 + secret", "-secret", "draft or secret", "secret < 1", "1 < draft < secret",
    "secret if draft else 1", "draft if secret else 1", "draft if draft else secret",
    "[q for q in secret]", "[q for q in draft if secret]", "[secret for q in draft]",
    "{secret: q for q in draft}", "{q: secret for q in draft}", "[q for q in draft for r in secret]",
    "len(secret)", "draft.strip(secret)", "secret.strip()", "sorted(draft, key=secret)",
])
def test_a_forbidden_name_anywhere_inside_an_answer_is_refused(expression):
    assert refusal(expression) == UNKNOWN


def test_a_loop_variable_is_known_inside_its_comprehension_only():
    assert refusal("[q for q in draft]") is None
    assert refusal("[q for q in draft] + [q]") == "uses `q`, which is not an answer"
    assert refusal("[q for q in q]") == "uses `q`, which is not an answer"  # not yet bound in its own iterable


@pytest.mark.parametrize("expression, what", [
    ("[*draft]", "unpacking with *"),
    ("{**draft}", "unpacking with **"),
    ("len(*draft)", "unpacking with *"),
    ("dict(**draft)", "unpacking with **"),
    ("draft ** 2", "the operator Pow"),
    ("draft << 1", "the operator LShift"),
    ("draft @ draft", "the operator MatMult"),
    ("draft.__class__", "uses the attribute `.__class__`"),
    ("draft.to_csv('x.csv')", "calls .to_csv()"),
    ("open('x.csv')", "calls open()"),
    ("(lambda: 1)()", "calls a lambda (a function)"),
    ("draft[0]()", "calls something that is not a named function"),
    ("sorted(draft, cmp=len)", "the keyword argument cmp="),
    ("[q async for q in draft]", "async comprehension"),
    ("[1 for draft.x in draft]", "a loop variable that is not a plain name"),
    ("[1 for q[0] in draft]", "a loop variable that is not a plain name"),
])
def test_what_is_refused_is_named(expression, what):
    assert refusal(expression) == what


@pytest.mark.parametrize("argument", [
    "'../contact_log.csv'", "'data/contact_log.csv'", "'data\\\\contact_log.csv'", "'.hidden.csv'", "''",
    "draft", "f'contact_log.csv'", "'contact_log.csv', sep=';'", "'contact_log.csv', 'extra.csv'", "",
    "b'contact_log.csv'",
])
def test_read_csv_reads_only_a_plain_file_name_shipped_with_the_assignment(argument):
    assert refusal(f"pd.read_csv({argument})") == \
        "read_csv() of anything but a data file shipped with the assignment"


def test_read_csv_of_a_plain_file_name_is_an_answer():
    assert refusal("pd.read_csv('contact_log.csv')") is None
    assert refusal("secret.read_csv('contact_log.csv')") == UNKNOWN  # only from a known name


@pytest.mark.parametrize("bad, what", [
    ("open('x.csv')", "calls open()"),
    ("draft.to_csv('x.csv')", "calls .to_csv()"),
    ("(lambda: 1)()", "calls a lambda (a function)"),
    ("draft[0]()", "calls something that is not a named function"),
    ("len(*draft)", "unpacking with *"),
    ("dict(**draft)", "unpacking with **"),
    ("sorted(draft, cmp=len)", "the keyword argument cmp="),
    ("pd.read_csv('../x.csv')", "read_csv() of anything but a data file shipped with the assignment"),
])
def test_the_audit_names_the_line_of_a_refused_call_inside_a_longer_answer(bad, what):
    """A grader is sent to the line that holds the refused call, not the answer's first line."""
    from infoview_lib.grading.answer_source import read_cell

    source = f"answer = [\n    'first',\n    {bad},\n]"
    [statement] = read_cell(source, 4, set(KNOWN))
    assert (statement.cell, statement.line, statement.problem) == (4, 3, what)
