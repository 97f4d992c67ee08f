"""Where a request says what the writer wants to learn (``rules.detect.topics``): a question about the
work with no cue phrase, bulleted and numbered lists after a colon, which topics name no subject, and the
items of a list. The request scorer counts and judges topics from these. ``topic_segments`` caches its
answers, so each test starts with an empty cache: a cached text would run none of its helpers (``make
mutation`` found them reached only through whole-report tests)."""
from __future__ import annotations

import pytest

from infoview_lib.rules.detect.topics import is_generic_topic, list_items, topic_segments


@pytest.fixture(autouse=True)
def no_cached_segments():
    topic_segments.cache_clear()


@pytest.mark.parametrize("text, segments", [
    ("When a small press starts out, would you sign with a distributor or sell to shops directly?",
     ["When a small press starts out, would you sign with a distributor or sell to shops directly"]),
    ("One question: would a county archive hire volunteers before or after digitising its maps?",
     ["would a county archive hire volunteers before or after digitising its maps"]),
    ("Could we meet for twenty minutes next Tuesday?", []),  # asks for the meeting, not about the work
    ("I would love to learn about two things:\n- how you moved from archives into records management.\n"
     "- what the first year in a county records office looked like;\n\nThanks, Priya",
     [" two things:", "how you moved from archives into records management",
      "what the first year in a county records office looked like"]),
    ("I am curious about these:\n1. grant writing for rural branches\n2) oral history consent forms\nBest, Priya",
     [" these:", "grant writing for rural branches", "oral history consent forms"]),
])
def test_topics_are_found_in_questions_and_lists(text, segments):
    assert [text[a:b] for a, b in topic_segments(text)] == segments


@pytest.mark.parametrize("segment, generic", [
    ("your work", True), ("libraries", True), ("what you do", True), ("more about your career", True),
    ("Libraries", True), ("a bit more about libraries", True), ("libraries sometime", True),
    ("libraries at your convenience", True), ("twenty minutes", True),
    ("how you built the seed library at Riverside branch", False),
    ("records management in small county archives", False),
])
def test_a_topic_that_names_no_subject_is_generic(segment, generic):
    assert is_generic_topic(segment) is generic


@pytest.mark.parametrize("segment, items", [
    ("cataloguing, acquisitions and outreach", ["cataloguing", "acquisitions", "outreach"]),
    ("one thing: how you moved into law librarianship", ["how you moved into law librarianship"]),
    ("digitising maps, especially how you trained volunteers", ["digitising maps"]),
    ("digitising maps, especially how you trained volunteers, and oral history", ["digitising maps", "oral history"]),
    ("two things: grants: budgets and outreach", ["grants: budgets", "outreach"]),  # the first colon only
])
def test_a_list_has_one_item_per_subject(segment, items):
    assert list_items(segment) == items
