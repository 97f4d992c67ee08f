"""score_notes: disparaging remarks in interview notes and reflections."""
from __future__ import annotations

import pytest

from infoview_lib.rules.notes import score_notes


@pytest.mark.parametrize("text, phrase", [
    ("The director there is incompetent.", "incompetent"),
    ("Honestly their website is terrible.", "website is terrible"),
    ("Their catalogue is a mess.", "catalogue is a mess"),
    ("She said the county board is useless, and I agreed.", "useless"),
    ("What a dysfunctional department.", "dysfunctional department"),
])
def test_disparaging_notes_fail_with_the_phrase_as_evidence(text, phrase):
    report = score_notes(text)
    finding = report.finding("during.stay_positive")
    assert not finding.passed
    assert phrase in [text[a:b] for a, b in finding.spans]


@pytest.mark.parametrize("text", [
    "Met Dana at the law library. Learned about their FOLIO migration; it took two years.",
    "Their makerspace is amazing and the staff were welcoming.",
    "The staff were not rude at all.",
    "He vented about the county commissioners. I didn't comment and asked about the bond measure instead.",
    "I was terrible at small talk at first.",
    "The traffic was terrible on the way there.",
    "She did a great job explaining the budget cycle.",
])
def test_neutral_or_positive_notes_pass(text):
    assert score_notes(text).finding("during.stay_positive").passed


def test_empty_notes_score_zero_and_bad_input_errors():
    report = score_notes("")
    assert report.score == 0 and not report.passed and len(report.findings) == 1
    assert report.findings[0].message.startswith("Nothing to check yet")
    with pytest.raises(TypeError, match="text"):
        score_notes(42)
    with pytest.raises(ValueError):
        score_notes("x" * 20_001)


@pytest.mark.parametrize("text, ok", [
    ("I hate to admit I was nervous.", True),
    ("I hate their new catalogue.", False),
    ("She praised her colleagues; the reference team sounds wonderful.", True),
    ("The county board sounded dysfunctional, honestly.", False),
    ("She was frank that funding is terrible this year.", True),
    ("The staff at Central Library were terrible.", False),
    ("I thought their outreach program was mediocre.", False),
])
def test_other_senses_and_targets(text, ok):
    assert score_notes(text).finding("during.stay_positive").passed is ok
