"""Which answer-notebook cells autograde treats as a student's self-check (``answer_source.self_check_cell``):
imports from ``infoview_lib`` and then one call of an imported function on answers, nothing else.
Such a cell is neither flagged nor graded; anything more must not pass as one. (Autograde runs in the
slow tier; these call the decision itself, which ``make mutation`` found untested in the fast tier.)"""
from __future__ import annotations

import pytest

from infoview_lib.grading.answer_source import self_check_cell

KNOWN = {"request_draft", "channel"}


def test_an_import_then_a_call_on_answers_is_a_self_check_and_the_import_is_remembered():
    library: set[str] = set()
    source = "from infoview_lib import score_request\nscore_request(request_draft, channel=channel)"
    assert self_check_cell(source, library, KNOWN) is True
    assert library == {"score_request"}
    assert self_check_cell("score_request(request_draft)", library, KNOWN) is True  # imported before


@pytest.mark.parametrize("source", [
    "",                                                                       # nothing to run
    "score_request(",                                                         # not Python
    "print(request_draft)",                                                   # not the library's
    "from infoview_lib import score_request\nx = 1\nscore_request(request_draft)",  # a statement between
    "from infoview_lib import score_request\nscore_request(*request_draft)",  # unpacking
    "from infoview_lib import score_request\nscore_request(**channel)",
    "from infoview_lib import score_request\nscore_request(request_draft, channel=print)",  # not an answer
    "from infoview_lib import score_request\n%time score_request(request_draft)",  # a magic
    "from infoview_lib import score_request\n!ls",
    "from infoview_lib import score_request",                                 # no call last
])
def test_anything_more_or_less_is_not_a_self_check_and_imports_nothing(source):
    library: set[str] = set()
    assert self_check_cell(source, library, KNOWN) is False
    assert library == set()


def test_a_later_import_keeps_what_earlier_cells_imported():
    library = {"score_request"}
    source = "from infoview_lib import score_questions\nscore_request(request_draft)"
    assert self_check_cell(source, library, KNOWN) is True
    assert library == {"score_request", "score_questions"}
