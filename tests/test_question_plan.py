"""Reading a question list (``questions._plan``): the errors a student sees for bad input, and
where each question sits in the joined text (what the feedback highlights)."""
from __future__ import annotations

import pytest

from infoview_lib.inputs import MAX_TEXT_CHARS
from infoview_lib.rules.questions import _plan, score_questions


def test_each_question_span_points_at_that_question_in_the_joined_text():
    questions = ["How did you start?", "", "What does a normal week look like?", "Who else should I ask?"]
    plan = _plan(questions, 20, ())
    assert plan.text == "\n".join(questions)
    assert [plan.text[a:b] for a, b in plan.spans] == questions
    assert plan.spans[3] == (len(plan.text) - len(questions[3]), len(plan.text))


@pytest.mark.parametrize("questions", ["How did you start? What is hard?", None, 3])
def test_questions_that_are_not_a_list_say_one_question_per_item(questions):
    with pytest.raises(TypeError) as error:
        _plan(questions, 20, ())
    assert str(error.value) == (f"questions must be a list of str (one question per item), "
                                f"not {type(questions).__name__}")


@pytest.mark.parametrize("minutes", ["20", None, [20]])
def test_minutes_that_are_not_a_number_name_their_type(minutes):
    with pytest.raises(TypeError, match=rf"^minutes must be a number of minutes such as 20, not "
                                        rf"{type(minutes).__name__}$"):
        _plan(["How did you start?"], minutes, ())


@pytest.mark.parametrize("topics", [7, None, {"archives"}])
def test_topics_that_are_not_a_list_say_what_topics_are(topics):
    with pytest.raises(TypeError) as error:
        _plan(["How did you start?"], 20, topics)
    assert str(error.value) == (f"topics must be a list of str (the topics named in your request), "
                                f"not {type(topics).__name__}")


def test_topics_too_long_together_are_refused_naming_the_topics():
    half = MAX_TEXT_CHARS // 2
    # two topics: the joining newline makes them one character too long
    with pytest.raises(ValueError, match=rf"^topics is {MAX_TEXT_CHARS + 1:,} characters long; the limit"):
        _plan(["How did you start?"], 20, ["a" * half, "b" * (MAX_TEXT_CHARS - half)])
    # exactly at the limit with the newline: accepted
    plan = _plan(["How did you start?"], 20, ["a" * half, "b" * (MAX_TEXT_CHARS - half - 1)])
    assert len(plan.topics) == 2


def test_a_single_topic_string_too_long_is_refused_naming_the_topics():
    with pytest.raises(ValueError, match=r"^topics is "):
        score_questions(["How did you start?"], 20, "x" * (MAX_TEXT_CHARS + 1))


def test_questions_too_long_together_are_refused_naming_the_questions():
    with pytest.raises(ValueError, match=rf"^questions is {MAX_TEXT_CHARS + 1:,} characters long; the limit"):
        _plan(["a" * 10_000, "b" * (MAX_TEXT_CHARS - 10_000)], 20, ())
