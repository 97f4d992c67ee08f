"""What a grader reads when an answer cell holds an expression outside the allow-list
(``grading.answer_source``): each construct is named in plain words. (``make mutation`` found these
descriptions untested.) Await and yield cannot be parsed outside a function, so those answers are
built as syntax trees, as a notebook with top-level await would give them."""
from __future__ import annotations

import ast

import pytest

from infoview_lib.grading.answer_source import NotAnAnswer, check_statement


def _name(name: str) -> ast.Name:
    return ast.Name(name, ast.Load())


def what_is_refused(value: ast.expr) -> str:
    statement = ast.Assign(targets=[ast.Name("answer", ast.Store())], value=value)
    with pytest.raises(NotAnAnswer) as caught:
        check_statement(statement, {"draft"})
    assert caught.value.node is not None and str(caught.value) == caught.value.what
    return caught.value.what


@pytest.mark.parametrize("source, what", [
    ("lambda: draft", "a lambda (a function)"),
    ("(n := 2)", "an assignment inside an expression (:=)"),
    ("[*draft]", "unpacking with *"),
])
def test_a_refused_expression_is_named_in_plain_words(source, what):
    assert what_is_refused(ast.parse(source, mode="eval").body) == what


@pytest.mark.parametrize("node, what", [
    (ast.Await(_name("draft")), "await"),
    (ast.Yield(_name("draft")), "yield"),
    (ast.YieldFrom(_name("draft")), "yield"),
    (ast.Interactive(body=[]), "a Interactive expression"),  # any node it has no words for: its type
])
def test_await_yield_and_the_rest_are_named_too(node, what):
    assert what_is_refused(node) == what
