"""Cases the mutation run found untested (docs/testing.md, "Survivors that are gaps"): what a
student reads when they log a message twice or thank and write on one day, the exact errors for a
missing meeting time and a question that is not text, and the audit skipping Jupyter's checkpoint
copies."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from infoview_lib.grading.audit import find_notebooks
from infoview_lib.rules.follow_up import catch_up_every_few_months, read_contact_log, share_something_useful
from infoview_lib.rules.logistics import check_logistics
from infoview_lib.rules.questions import score_questions

INTERVIEW = dt.date(2026, 3, 2)


def log(*rows):
    return read_contact_log([{"date": d, "channel": "email", "kind": k, "replied": False} for d, k in rows],
                            INTERVIEW)


def test_something_shared_once_or_twice_is_counted_in_words():
    once = log(("2026-03-03", "thanks"), ("2026-05-04", "share"))
    twice = log(("2026-03-03", "thanks"), ("2026-05-04", "share"), ("2026-08-10", "share"))
    assert share_something_useful(once).detail == "Logged once, first on 4 May 2026 (row 2)."
    assert share_something_useful(twice).detail == "Logged 2 times, first on 4 May 2026 (row 2)."


def test_a_catch_up_sent_the_day_of_the_thanks_counts_from_the_thanks():
    # thanks and a first message on the same day: 0 days since the thanks, not 1 since the interview
    same_day = log(("2026-03-03", "thanks"), ("2026-03-03", "catch-up"))
    assert catch_up_every_few_months(same_day).detail.startswith(
        "Days between your messages after the thanks: 0.")
    next_day = log(("2026-03-03", "thanks"), ("2026-03-04", "catch-up"))
    assert catch_up_every_few_months(next_day).detail.startswith(
        "Days between your messages after the thanks: 1.")


def test_a_missing_meeting_time_says_what_to_give():
    with pytest.raises(TypeError) as error:
        check_logistics(None)
    assert str(error.value) == ("meeting_at is required: when does the interview start? "
                                "e.g. '2026-03-14T10:00'")


@pytest.mark.parametrize("item, type_name", [(3, "int"), (None, "NoneType"), (["a"], "list")])
def test_a_question_that_is_not_text_is_named_with_its_type(item, type_name):
    with pytest.raises(TypeError) as error:
        score_questions(["What does a day look like?", item], minutes=20)
    assert str(error.value) == f"questions[1] must be a str, not {type_name}"


def test_the_audit_skips_jupyters_checkpoint_copies(tmp_path):
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    for relative in ("lesson.ipynb", ".ipynb_checkpoints/lesson-checkpoint.ipynb",
                     "sub/.ipynb_checkpoints/other-checkpoint.ipynb", "sub/other.ipynb"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notebook), encoding="utf-8")
    found = sorted(path.relative_to(tmp_path).as_posix() for _, _, path in find_notebooks(tmp_path))
    assert found == ["lesson.ipynb", "sub/other.ipynb"]
