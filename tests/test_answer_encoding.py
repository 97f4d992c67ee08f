"""What a test cell sends to the grading process: values JSON cannot hold, and answers that cannot be graded.

The trip there and back for every accepted type is in ``test_grading_checks.py``; these are the
edges: numbers JSON has no spelling for, and the name an error gives for a bad value nested inside
a list, a dict or a contact log's row, so the student finds it.
"""
from __future__ import annotations

import json
import math

import pytest

from infoview_lib.grading.answers import AnswerTypeError, decode, encode


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_numbers_json_cannot_spell_are_sent_as_no_answer(number):
    assert encode(number) is None
    assert encode([1.5, number]) == [1.5, None]
    json.dumps(encode({"minutes": number}), allow_nan=False)  # valid JSON


def test_an_ordinary_float_is_sent_as_it_is():
    assert encode(20.5) == 20.5 and encode(-0.25) == -0.25


def test_an_answer_that_cannot_be_graded_is_named_by_its_place_and_type():
    with pytest.raises(AnswerTypeError) as caught:
        encode(object())
    message = str(caught.value)
    assert message.startswith("answer is a object, which cannot be graded")
    for accepted in ("text in quotes", "a number", "a list", "a date like", "a pandas DataFrame"):
        assert accepted in message
    with pytest.raises(AnswerTypeError, match=r"^questions\[1\]\[0\] is a set"):
        encode(["fine", [{"a"}]], "questions")
    with pytest.raises(AnswerTypeError, match=r"^plan\['topics'\]\[2\] is a function"):
        encode({"topics": ("a", "b", lambda: 0)}, "plan")


def test_a_bad_cell_of_a_contact_log_is_named_by_its_row_and_column():
    import pandas as pd

    log = pd.DataFrame({"date": ["2026-03-04", "2026-03-09"], "kind": ["thanks", object()]})
    with pytest.raises(AnswerTypeError, match=r"^contact_log row 1\['kind'\] is a object"):
        encode(log, "contact_log")


def test_an_array_of_several_numbers_is_refused_not_flattened():
    import numpy as np

    with pytest.raises(AnswerTypeError, match=r"^answer is a ndarray"):
        encode(np.array([20, 30]))
    assert decode(json.loads(json.dumps(encode(np.array(45))))) == 45  # one number is a number
