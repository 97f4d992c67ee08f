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
    ("When would suit you for a twenty-minute call?", []),  # a how/what/when question about the meeting
    # a question about the work with no "or": a how or what question is a topic in itself
    ("How do you decide which maps to digitise first?", ["How do you decide which maps to digitise first"]),
    ("As a new cataloguer, how should I approach legacy records?",  # the question opens after a comma
     ["As a new cataloguer, how should I approach legacy records"]),
    ("As a new cataloguer, should I approach legacy records first?", []),  # a yes/no question: no topic
    ("One question: how did you build the seed library?", ["how did you build the seed library"]),
    ("One question:how did you build the seed library?", ["how did you build the seed library"]),  # no space
    # each sentence is judged by itself: a meeting word, a colon or an "or" in another sentence changes nothing
    ("How do you choose which maps to digitise? Could we meet next week?", ["How do you choose which maps to digitise"]),
    ("Re: maps. How do you choose which maps to digitise?", ["How do you choose which maps to digitise"]),
    ("How do you choose which maps to digitise? My questions: below.", ["How do you choose which maps to digitise"]),
    ("Is that alright with you? Would you sign with a distributor or sell to shops?",
     ["Would you sign with a distributor or sell to shops"]),
    ("Hello. ??", []),
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
    ("your career path?", True), ("your career path;", True),  # a listed topic with its punctuation
    ("a career in information science", True),  # a career in the field, named generally
    ("helpful insights", True), ("hearing your advice", True),  # only words of asking
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
