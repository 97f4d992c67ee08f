"""Small detector helpers asked directly: open questions, past events, bulleted lists, phrase
patterns. Each decides part of what a student is told (a yes/no question, a time ask, a topic),
and a bug in one shows in whole-report tests only as some other advice item changing."""
from __future__ import annotations

import re

import pytest

from infoview_lib.rules.detect.questions import is_open_question
from infoview_lib.rules.detect.text import LazyPattern, content_words, sentence_spans
from infoview_lib.rules.detect.time import find_long_time_asks, find_time_bounds
from infoview_lib.rules.detect.topics import _bullets_after
from infoview_lib.rules.detect.vocab import phrase_pattern


@pytest.mark.parametrize("question, is_open", [
    ("", False), ("   ", False),
    ("Your thoughts on digitisation?", True),  # neither a how/what nor a yes/no opening: open
    # no sentence ends with "?": the last sentence decides
    ("What a great talk. Do you enjoy it", False),
    ("Do you enjoy it. What drew you to it", True),
])
def test_open_questions(question, is_open):
    assert is_open_question(question) is is_open


def test_a_past_marker_after_the_time_ask_does_not_make_it_past():
    text = "Could we have a short chat about the talk you gave last spring?"
    assert [text[a:b] for (a, b), _ in find_time_bounds(text)] == ["a short chat"]
    assert find_time_bounds("We had a short chat at the fair.") == []
    text = "Could I shadow you for a whole day after the exhibition opens?"
    assert [text[a:b] for a, b in find_long_time_asks(text)] == ["a whole day"]


@pytest.mark.parametrize("text, asks", [
    # a past-tense verb before the phrase makes it something that happened, not an ask
    ("We spent a whole day together last year.", []),
    ("I visited your archive for an hour last spring.", []),
    ("I volunteered there for a whole day in May.", []),
    # the same phrases asked for
    ("Could we spend a whole day together?", ["a whole day"]),
    ("Would you spend an hour with me next week?", ["an hour"]),
])
def test_time_spent_in_the_past_is_not_an_ask(text, asks):
    assert [text[a:b] for a, b in find_long_time_asks(text)] == asks


def test_time_asks_in_words_have_their_minutes():
    for text, minutes in [("Would you have Twenty minutes?", 20), ("Could you spare fifteen to twenty minutes?", 20),
                          ("Could we talk for 25 minutes?", 25)]:
        assert [m for _, m in find_time_bounds(text)] == [minutes], text


def _items(text: str) -> list[str]:
    return [text[a:b] for a, b in _bullets_after(text, text.index(":"))]


def test_every_item_of_a_bulleted_list_after_the_colon():
    text = "- a line that looks like an item\nI would like to learn about:\n- cataloguing\n- 2. preservation!\n* LaTeX\n"
    assert _items(text) == ["cataloguing", "2. preservation", "LaTeX"]
    assert _items("Three things:\n1. metadata\n2) born-digital records\n3. grants\n\nBest, Sam") == \
        ["metadata", "born-digital records", "grants"]


def test_an_item_of_punctuation_only_is_no_topic_and_a_line_without_a_bullet_ends_the_list():
    assert _items("Two things:\n- ...\n- metadata\nThanks\n- not in the list") == ["metadata"]
    assert _items("Nothing after the colon:") == []
    assert _items("- an earlier line\nNothing after the colon:") == []  # only lines after the colon


def test_a_phrase_pattern_prefers_the_longest_phrase():
    pattern = re.compile(phrase_pattern(["data", "data management", "data management plans"]), re.I)
    assert pattern.search("Do you write Data management plans?").group() == "Data management plans"
    assert pattern.search("Do you use data?").group() == "data"


def test_a_lazy_pattern_answers_like_the_compiled_one():
    lazy = LazyPattern(r"(?P<minutes>\d+) (minutes)")
    assert lazy.groupindex == {"minutes": 1} and lazy.groups == 2
    assert lazy.search("about 20 minutes").group("minutes") == "20"


def test_sentences_are_trimmed_of_the_spaces_around_them():
    text = "  First point made here.   Second point made here!  \n\n  Third point, last  \t"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "First point made here.", "Second point made here!", "Third point, last"]


def test_a_curly_apostrophe_is_an_apostrophe():
    assert content_words("I don’t know what you’re doing") == content_words("I don't know what you're doing")


def test_the_sentence_at_an_offset_includes_its_final_mark_and_not_the_gap():
    from infoview_lib.rules.detect.text import sentence_at

    text = "  First one here.  Second one here."
    first, second = (2, 17), (19, len(text))
    assert text[slice(*first)] == "First one here." and text[slice(*second)] == "Second one here."
    assert sentence_at(text, 0) == (0, 0)  # before the first sentence
    assert sentence_at(text, 2) == sentence_at(text, 16) == first
    assert sentence_at(text, 17) == first  # just after its full stop
    assert sentence_at(text, 18) == (18, 18)  # between the two
    assert sentence_at(text, 19) == sentence_at(text, len(text)) == second


def test_a_clause_starts_after_a_comma_only_when_commas_are_asked_for():
    from infoview_lib.rules.detect.text import clause_start

    text = "After the talk, I would love to hear how you started."
    at = text.index("I would")
    assert clause_start(text, at) == 0
    assert text[clause_start(text, at, commas=True):at].strip() == ""  # just after the comma


def test_a_negation_counts_only_inside_the_window_asked_about():
    from infoview_lib.rules.detect.text import find_affirmed, is_negated

    text = "It is a job I do not want."
    at = text.index("job")
    assert not is_negated(text, at)  # up to the phrase: no negation before it
    assert is_negated(text, at, len(text))  # to the end of the sentence: "do not"
    # a negation inside the match itself negates it
    assert find_affirmed(LazyPattern(r"\bnot\s+looking\s+for\s+a\s+job\b"), "I am not looking for a job.") == []
    assert find_affirmed(LazyPattern(r"\blooking\s+for\s+a\s+job\b"), "I am looking for a job.") == [(5, 22)]
