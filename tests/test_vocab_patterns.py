"""The regular expressions built from the phrase lists in ``infoview_lib/data/`` (``rules.detect.vocab``).
The detectors build them once, at import; these tests call the builders themselves, so a change to
them fails here, by name (``make mutation`` cannot see import-time calls)."""
from __future__ import annotations

import re

from infoview_lib.rules.detect import vocab


def test_alternation_puts_longer_phrases_first_and_matches_any_spacing_and_apostrophe():
    assert vocab.alternation(["rude", "can't stand", "rude"]) == "(?:can['’]t\\s+stand|rude)"
    assert vocab.alternation(["b", "a", "c d"]) == "(?:c\\s+d|a|b)"
    assert vocab.alternation(["a.b"]) == "(?:a\\.b)"
    pattern = re.compile(vocab.alternation(["can't stand", "can"]))
    assert pattern.search("I can’t   stand it").group() == "can’t   stand"


def test_phrase_pattern_matches_whole_words_with_wildcards():
    source = vocab.phrase_pattern(["thank*", "at * time", "you"])
    assert source == r"(?<![\w'’])(?:at\s+[\w'’-]+\s+time|thank[\w'’-]*|you)(?![\w'’])"
    pattern = re.compile(source, re.I)
    assert pattern.search("Many THANKS again").group() == "THANKS"
    assert pattern.search("at   a   time").group() == "at   a   time"
    assert pattern.search("youth") is None and pattern.search("tank you")
    assert vocab.phrase_pattern(["a.b"]) == r"(?<![\w'’])(?:a\.b)(?![\w'’])"


def test_words_reads_a_list_from_the_kits_data():
    listed = vocab.words("words.json", "job_nouns")
    assert isinstance(listed, tuple) and listed and all(isinstance(w, str) and w for w in listed)
    assert vocab.word_set("words.json", "job_nouns") == frozenset(listed)
