"""What a test cell sends to the grading process (``grading.answers.encode``), beyond
``test_answer_encoding.py``: empty cells of a contact log (pandas' NaT and NA), pandas and numpy
values that hold one date or one item, and the whole sentence a student reads when an answer
cannot be graded.
"""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from infoview_lib.grading.answers import AnswerTypeError, decode, encode
from infoview_lib.grading.grade_answer import grade
from infoview_lib.rules.follow_up import audit_contact_log

REFUSED = ("{name} is a {kind}, which cannot be graded: use text in quotes, a number, a list, "
           "a date like '2026-03-14' or a pandas DataFrame")


def sent(value, name: str = "answer"):
    """``value`` as the grading process receives it (through JSON, as the kernel sends it)."""
    return decode(json.loads(json.dumps(encode(value, name), allow_nan=False)))


@pytest.mark.parametrize("empty", [pd.NaT, pd.NA, float("nan"), None])
def test_an_empty_cell_is_sent_as_no_value(empty):
    assert encode(empty) is None
    assert sent({"date": empty, "kind": "thanks"}) == {"date": None, "kind": "thanks"}


def undated_log() -> pd.DataFrame:
    """A contact log still being filled in: the second message has no date yet, nor a reply."""
    return pd.DataFrame({
        "date": pd.to_datetime(["2026-03-05", None]),
        "channel": ["email", "handwritten"],
        "kind": ["thanks", "share"],
        "replied": [True, pd.NA],
    })


def test_a_contact_log_with_an_undated_row_is_graded_as_the_notebook_scores_it():
    """The grading process reads the empty date and reply as the notebook's scorer does (it used
    to fail on the date 'NaT' and refuse the NA reply)."""
    log = undated_log()
    answer = {"log": encode(log, "log"), "interview_on": "2026-03-04", "skip_undated": True}
    graded = grade(json.loads(json.dumps({"artefact": "contact log", "answer": answer})))
    in_notebook = audit_contact_log(log, "2026-03-04", skip_undated=True).to_dict()
    assert "error" not in graded
    assert graded["findings"] == in_notebook["findings"]


def test_a_contact_log_with_an_undated_row_gets_the_notebooks_error_when_dates_are_required():
    log = undated_log()
    with pytest.raises(ValueError) as in_notebook:
        audit_contact_log(log, "2026-03-04")
    answer = {"log": encode(log, "log"), "interview_on": "2026-03-04"}
    graded = grade(json.loads(json.dumps({"artefact": "contact log", "answer": answer})))
    assert graded == {"error": f"ValueError: {in_notebook.value}"}
    assert "row 2" in graded["error"] and "the date is empty" in graded["error"]


def test_a_pandas_index_of_one_date_is_sent_as_that_date_and_time():
    assert sent(pd.to_datetime(["2026-03-14 10:30"]), "meeting") == dt.datetime(2026, 3, 14, 10, 30)
    assert sent(pd.Timestamp("2026-03-14 10:30")) == dt.datetime(2026, 3, 14, 10, 30)


def test_several_dates_in_one_pandas_value_are_refused_by_the_answers_name():
    with pytest.raises(AnswerTypeError) as caught:
        encode(pd.to_datetime(["2026-03-14", "2026-03-21"]), "meeting")
    assert str(caught.value).startswith("meeting is a ")
    assert str(caught.value).endswith(REFUSED.split("}, ", 1)[1])


def test_a_one_item_series_is_sent_as_its_item_unless_the_item_cannot_be_graded():
    assert sent(pd.Series([45]), "minutes") == 45
    with pytest.raises(AnswerTypeError) as caught:
        encode(pd.Series([{"career", "team"}]), "topics")
    assert str(caught.value) == REFUSED.format(name="topics", kind="Series")  # what the student made


def test_the_refusal_is_one_sentence_saying_what_to_use_instead():
    with pytest.raises(AnswerTypeError) as caught:
        encode(print, "request_draft")
    assert str(caught.value) == REFUSED.format(name="request_draft", kind="builtin_function_or_method")
