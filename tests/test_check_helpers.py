"""The small checks the assignments' test cells call (``infoview_lib.grading.checks``): their limits on
both sides, and the exact message a student reads in nbgrader's feedback (advice id first, then what
to change). Written for the survivors of ``make mutation`` (docs/testing.md): before these, flipping a
range check or dropping the advice id from a message broke no fast test.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from infoview_lib.advice import ADVICE
from infoview_lib.grading import checks


def message(check, *args, **kwargs) -> str:
    """The message of the AssertionError ``check`` raises (the test fails if it raises none)."""
    with pytest.raises(AssertionError) as caught:
        check(*args, **kwargs)
    return str(caught.value)


# -- numbers -----------------------------------------------------------------------------------------

def test_between_accepts_both_ends_and_refuses_just_outside():
    for value in (0, 0.5, 1, Fraction(1, 3), Decimal("0.25")):
        assert checks.expect_between(value, 0, 1, "after.not_always_asking", "requests_share") is None
    assert message(checks.expect_between, 1.5, 0, 1, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share is 1.5; it must be between 0 and 1")
    assert message(checks.expect_between, -0.25, 0, 1, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share is -0.25; it must be between 0 and 1")


def test_between_refuses_what_is_not_a_number_and_names_its_type():
    assert message(checks.expect_between, True, 0, 1, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share must be a number, not bool")
    assert message(checks.expect_between, "0.5", 0, 1, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share must be a number, not str")


def test_close_allows_exactly_the_tolerance_and_no_more():
    checks.expect_close(0.75, 0.5, "after.not_always_asking", "requests_share", tolerance=0.25)
    checks.expect_close(0.5 + 2 ** -7, 0.5, "after.not_always_asking", "requests_share")  # default 0.01
    assert message(checks.expect_close, 0.5 + 2 ** -6, 0.5, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share is 0.515625, which does not match the contact log; "
        "check your filter and what you divided by")
    assert message(checks.expect_close, 1.25, 0.5, "after.not_always_asking", "requests_share",
                   tolerance=0.25).startswith("after.not_always_asking: requests_share is 1.25,")


def test_close_refuses_what_is_not_a_number_and_names_its_type():
    assert message(checks.expect_close, None, 0.5, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share must be a number, not NoneType")
    assert message(checks.expect_close, "half", 0.5, "after.not_always_asking", "requests_share") == (
        "after.not_always_asking: requests_share must be a number, not str")


# -- lists and texts ---------------------------------------------------------------------------------

def test_count_accepts_both_ends_and_refuses_one_outside():
    for n in (3, 8):
        checks.expect_count(["Why?"] * n, 3, 8, "prep.question_list", "questions")
    checks.expect_count(tuple(["Why?"] * 3), 3, 8, "prep.question_list", "questions")
    assert message(checks.expect_count, ["Why?"] * 2, 3, 8, "prep.question_list", "questions") == (
        "prep.question_list: you wrote 2 questions; this exercise asks for 3 to 8")
    assert message(checks.expect_count, ["Why?"] * 9, 3, 8, "prep.question_list", "questions") == (
        "prep.question_list: you wrote 9 questions; this exercise asks for 3 to 8")
    assert message(checks.expect_count, "Why?", 3, 8, "prep.question_list", "questions") == (
        "prep.question_list: your questions must be a list in square brackets, not str")


def test_word_range_accepts_both_ends_and_counts_a_contraction_as_one_word():
    checks.expect_word_range("I don't know yet", 4, 6, "request.concise")
    checks.expect_word_range("one two three four five six", 4, 6, "request.concise")
    assert message(checks.expect_word_range, "one two three", 4, 6, "request.concise") == (
        "request.concise: your text has 3 words; this exercise asks for 4 to 6")
    assert message(checks.expect_word_range, "a b c d e f g", 4, 6, "request.concise") == (
        "request.concise: your text has 7 words; this exercise asks for 4 to 6")
    assert message(checks.expect_word_range, ["a", "list"], 4, 6, "request.concise") == (
        "request.concise: your answer must be text in quotes, not list")


def test_distinct_compares_normalised_entries_and_names_the_advice():
    checks.expect_distinct(["How did you start?", "What surprised you?"], "prep.open_questions", "questions")
    checks.expect_distinct("How did you start?", "prep.open_questions", "questions")  # one text, no pair
    assert message(checks.expect_distinct, ["How did you start?", "how did you START"],
                   "prep.open_questions", "questions") == (
        "prep.open_questions: two of your questions are the same; make each one count")


def test_own_words_refuses_a_copy_at_the_limit_and_a_placeholder():
    example = "Could we talk for twenty minutes about your work in archives?"
    assert message(checks.expect_own_words, example, [example], "request.homework", limit=1.0) == (
        "request.homework: your answer is (almost) the example from the notebook; write your own version")
    checks.expect_own_words("I read your article on finding aids and would value ten minutes.",
                            ["Unrelated first example.", example], "request.homework")
    assert message(checks.expect_own_words, "   ", [example], "request.homework") == (
        "request.homework: your answer must be text in quotes")
    assert "still holds the placeholder" in message(checks.expect_own_words, "YOUR ANSWER HERE", [example],
                                                    "request.homework")


def test_similarity_ignores_case_and_punctuation_and_tells_different_texts_apart():
    assert checks.similarity("Hello, Dr. Okafor!", "hello dr okafor") == 1.0
    assert checks.similarity("abc", "xyz") == 0.0
    assert 0.5 < checks.similarity("twenty minutes of your time", "twenty minutes of time") < 1.0


def test_contains_ignores_case_and_gives_the_reason_it_was_given():
    checks.expect_contains("Dear Dr OKAFOR,", ["Prof", "okafor"], "request.connection", "address Dr Okafor")
    assert message(checks.expect_contains, "Dear Sir", ["Okafor"], "request.connection",
                   "address Dr Okafor") == "request.connection: address Dr Okafor"
    assert message(checks.expect_contains, None, ["Okafor"], "request.connection",
                   "address Dr Okafor") == "request.connection: address Dr Okafor"


def test_choices_name_the_options_and_what_the_student_gave():
    assert message(checks.expect_choice, " d ", "abc", "what.purpose") == (
        "what.purpose: answer with one of 'a', 'b', 'c' in quotes (you gave ' d ')")
    assert message(checks.expect_choice, 2, ["email", "linkedin"], "what.purpose") == (
        "what.purpose: answer with one of 'email', 'linkedin' in quotes (you gave 'int')")
    checks.expect_choice(" LinkedIn ", ["email", "linkedin"], "what.purpose")
    assert message(checks.expect_correct_choice, "A", "b", "what.purpose", "abc") == (
        f"what.purpose: not the best choice. Re-read the advice: {ADVICE['what.purpose'].summary}")
    checks.expect_correct_choice(" C ", "c", "what.purpose", "abc")


def test_rows_accepts_the_minimum_and_refuses_fewer_or_what_is_not_a_table():
    import pandas as pd

    plan = pd.DataFrame({"date": ["2026-04-01", "2026-05-01"], "kind": ["update", "thanks"]})
    checks.expect_rows(plan, 2, "after.stay_in_touch", "follow-ups")
    checks.expect_rows([{"date": "2026-04-01"}], 1, "after.stay_in_touch", "follow-ups")
    assert message(checks.expect_rows, plan, 3, "after.stay_in_touch", "follow-ups") == (
        "after.stay_in_touch: your plan has 2 follow-ups; plan at least 3")
    assert message(checks.expect_rows, 42, 1, "after.stay_in_touch", "follow-ups") == (
        "after.stay_in_touch: your plan must be a table (a pandas DataFrame), not int")


LONG_EXAMPLE = ("Dear Ms Okafor, I am a second-year library science student at Riverside and I read your article on "
                "community archives in the spring newsletter. Could we talk for twenty minutes in the next few weeks "
                "about how you began oral history work? I would value your advice on which skills to build first. "
                "With thanks, Sam Park")


def test_a_lightly_edited_copy_of_a_long_example_is_still_caught():
    # over 200 characters difflib would treat common letters as junk unless told not to
    edited = LONG_EXAMPLE.replace("Sam Park", "Alex Kim").replace("twenty", "fifteen").replace("spring", "autumn")
    assert checks.similarity(LONG_EXAMPLE, edited) > 0.9
    assert "almost" in message(checks.expect_own_words, edited, [LONG_EXAMPLE], "request.homework")


def test_normalise_keeps_words_apart_by_one_space():
    assert checks.normalise("Hello,   World! It's 2026.") == "hello world it s 2026"


def test_a_placeholder_answer_names_the_answer_and_the_advice():
    assert message(checks.expect_own_words, "YOUR ANSWER HERE", ["An example."], "request.homework") == (
        "request.homework: `your text` still holds the placeholder: write your answer in the cell above")
    # expect_met refuses a placeholder before it scores anything
    assert message(checks.expect_met, "request", "request.brief", text="YOUR ANSWER HERE", channel="email") == (
        "request.brief: `text` still holds the placeholder: write your answer in the cell above")


def test_a_letter_outside_the_default_options_is_refused_by_name():
    assert message(checks.expect_correct_choice, "e", "b", "what.purpose") == (
        "what.purpose: answer with one of 'a', 'b', 'c', 'd' in quotes (you gave 'e')")
    checks.expect_correct_choice("d", "d", "what.purpose")
