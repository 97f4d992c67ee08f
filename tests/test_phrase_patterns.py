"""How a phrase pattern works out where it can match (the literal starts of its alternatives), and
the message body the detectors read. A wrong literal start makes a detector silently miss a phrase
(a request not flagged, a thank-you not credited); these tests ask the helpers directly, so a broken
helper fails here in milliseconds instead of looping or showing up as some other advice changing."""
from __future__ import annotations

import re

import pytest

from infoview_lib.rules.detect import pattern_cache
from infoview_lib.rules.detect.text import (LazyPattern, PhrasePattern, _closing, _literal_starts, _rx, _top_level,
                                            body_span)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A pattern cache of this test's own: what one test works out is not read by another, nor written
    into the kit's folder."""
    monkeypatch.setattr(pattern_cache, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(pattern_cache, "_programs", None)
    monkeypatch.setattr(pattern_cache, "_derived", {})
    monkeypatch.setattr(pattern_cache, "_new", False)


DIGITS = set("0123456789")


@pytest.mark.parametrize("pattern, starts", [
    # zero-width assertions before the first letters do not change them
    (r"\bhire", {"hire"}),
    (r"\s*hire", {"hire"}),
    (r"\b\s*hire", {"hire"}),
    (r"(?<!not\s)\bhire|hiring", {"hire", "hiring"}),
    (r"(?<=a\s)job", {"job"}),
    (r"(?!hired)hir", {"hir"}),
    (r"(?<!x)\s*job", {"job"}),
    # groups: plain, named, non-capturing, lookahead, nested
    (r"(hire|hiring)\s+you", {"hire", "hiring"}),
    (r"(hire|hiring)\s+(?:you)?", {"hire", "hiring"}),
    (r"(?P<verb>hire|hiring)\s+you", {"hire", "hiring"}),
    (r"\b(?P<verb>hire|hiring)", {"hire", "hiring"}),
    (r"(?:are|is)\s+there|hir(?:e|ing)", {"are", "is", "hir"}),
    (r"(?=hire)\w+", {"hire"}),
    (r"((?:hire|hiring)\s+you)", {"hire", "hiring"}),
    # an optional group: the match begins with the group or with what follows it
    (r"(?:very\s+)?quick", {"very", "quick"}),
    (r"(?:very\s+)*quick", {"very", "quick"}),
    (r"(?:really\s+|very\s+){0,2}keen", {"really", "very", "keen"}),
    # digits, apostrophes (never at a word start), optional last letters
    (r"\d+\s*minutes", DIGITS),
    (r"\b\d+\s*minutes", DIGITS),
    (r"['’]s\b|job", {"job"}),
    (r"[’']s\b|job", {"job"}),
    (r"\b['’]s\b|job", {"job"}),
    (r"\b[’']s\b|job", {"job"}),
    (r"e-?mail", {"e"}),
    (r"don['’]t", {"don"}),
    (r"minutes?", {"minute"}),
])
def test_literal_starts_of_each_alternative(pattern, starts):
    assert _literal_starts(pattern) == starts


@pytest.mark.parametrize("pattern", [
    r"\w+ing", r"[a-z]+", r"(?:very\s+)?\w+", r"(?>hire|hiring)", r"(?i:hire)", r"hire|\w+ly", "",
])
def test_no_literal_starts_when_an_alternative_can_begin_with_anything(pattern):
    assert _literal_starts(pattern) is None


def test_spaces_count_only_in_a_pattern_that_is_not_verbose():
    assert _literal_starts("(?:thank you|thanks)", verbose=False) == {"thank", "thanks"}
    assert _literal_starts("(?:thank you|thanks)", verbose=True) == {"thankyou", "thanks"}
    assert _literal_starts(r"(?<!no\ )thank\ you", verbose=True) == {"thank"}


def test_brackets_and_bars_that_are_escaped_or_in_a_class_do_not_count():
    assert _top_level(r"a\||b") == [r"a\|", "b"]
    assert _top_level(r"[(|]a|b") == ["[(|]a", "b"]
    assert _top_level(r"(a|b)|c") == ["(a|b)", "c"]
    assert _closing(r"(a\)b)c", 0) == 5
    assert _closing(r"x(a(b)[)]c)d", 1) == 10


def test_an_unclosed_group_is_named_in_the_error():
    with pytest.raises(ValueError, match="^unbalanced brackets$"):
        _closing("(?:hire|hiring", 0)
    with pytest.raises(ValueError, match="^unbalanced brackets$"):
        _literal_starts(r"(?<!not\shire")


@pytest.mark.parametrize("flags", [re.I, re.I | re.X])
def test_a_phrase_pattern_finds_what_its_compiled_pattern_finds(flags):
    body = r"thank\s+you|thanks|hir(?:e|ing)" if not flags & re.X else r"thank\s+you | thanks | hir(?:e|ing)"
    text = "Thank you! Hiring? thanks, and thank   you. Unthankful rehire."
    pattern = PhrasePattern(body, flags)
    expected = [m.span() for m in re.finditer(pattern.pattern, text, flags)]
    assert [text[a:b] for a, b in expected] == ["Thank you", "Hiring", "thanks", "thank   you"]
    assert [m.span() for m in pattern.finditer(text)] == expected
    assert pattern.search(text).span() == expected[0] == (0, 9)  # a match at the very start is found
    assert pattern.search(text, 1).span() == expected[1]
    assert pattern.search(text, 0, 8) is None  # the text ends (endpos) before the phrase does


def test_the_same_body_verbose_and_not_keeps_its_own_starts():
    # "thank you" means "thankyou" in verbose syntax and "thank you" otherwise: sharing the worked-out
    # starts would make the plain pattern look only at words beginning "thankyou"
    for first in (re.I | re.X, re.I):  # whichever is compiled first
        pattern_cache._derived.clear()
        body = "thank you|thanks"
        PhrasePattern(body, first).compiled()
        plain = PhrasePattern(body, re.I)
        verbose = PhrasePattern(body, re.I | re.X)
        assert plain.search("Thank you so much!").group() == "Thank you"
        assert verbose.search("Thankyou so much!").group() == "Thankyou"
        assert verbose.search("Thank you so much!") is None


def test_a_phrase_pattern_without_literal_starts_searches_everywhere():
    pattern = PhrasePattern(r"\w+ly\s+interested", re.I | re.X)
    assert pattern.search("I am really interested").group() == "really interested"
    assert [m.group() for m in pattern.finditer("truly interested, newly interested")] == [
        "truly interested", "newly interested"]


def test_rx_makes_a_case_blind_verbose_phrase_pattern_by_default():
    pattern = _rx(r"hir(?:e|ing) \s+ you")
    assert isinstance(pattern, PhrasePattern)
    assert pattern.search("Are you HIRING you?").group() == "HIRING you"
    assert pattern.search("rehiring you") is None  # only where a word begins


def test_rx_without_word_start_matches_inside_words():
    pattern = _rx(r"n ['’] t \b", word_start=False)
    assert type(pattern) is LazyPattern
    assert pattern.search("I DON’T know").group() == "N’T"
    plain = _rx(r"n't you", re.I, word_start=False)
    assert plain.search("Won't you?").group() == "n't you"
    assert _rx("thank you", re.I).search("Thank you").group() == "Thank you"


_BODY = "Could we talk for 20 minutes about the archive?"


@pytest.mark.parametrize("text", [
    f"Subject: A question about archives\n{_BODY}",
    f"Subject: A question about archives\nDear Ms. Lee,\n{_BODY}",
    f"Dear Ms. Lee,\n{_BODY}\nCONFIDENTIALITY NOTICE: this message is for its addressee only.",
    f"{_BODY}\nBest regards,\nPriya Shah\n555-0147",
    # a legal notice longer than a signature: the sign-off before it still ends the body
    f"Subject: Hello\nHi Sam,\n{_BODY}\nBest regards,\nPriya\nDISCLAIMER: " + "This is not legal advice. " * 30,
    f"{_BODY}\nThis email is confidential and meant only for you.",
])
def test_the_body_leaves_out_subject_salutation_sign_off_and_notice(text):
    a, b = body_span(text)
    assert text[a:b].strip() == _BODY


# The compiled-pattern cache (pattern_cache): the file is written when it should be, and a failure costs only time.

def test_a_pattern_compiled_without_flags_has_none():
    assert pattern_cache.compile_pattern(r"\bjob\b") == re.compile(r"\bjob\b")
    assert pattern_cache.compile_pattern(r"\bjob\b").search("JOB") is None


def test_a_bytes_pattern_is_compiled_the_public_way():
    compiled = pattern_cache.compile_pattern(rb"\bjob\b", re.I)
    assert compiled == re.compile(rb"\bjob\b", re.I)
    assert compiled.search(b"A JOB?").group() == b"JOB"


def test_without_the_engine_internals_patterns_are_compiled_the_public_way(monkeypatch):
    def internals_changed(pattern, flags):
        raise AttributeError("no _code in this Python")

    monkeypatch.setattr(pattern_cache, "_program", internals_changed)
    compiled = pattern_cache.compile_pattern(r"hir(?:e|ing)", re.I)
    assert compiled == re.compile(r"hir(?:e|ing)", re.I)
    assert compiled.search("HIRING").group() == "HIRING"


def test_new_patterns_are_saved_once_into_a_folder_made_for_them(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    monkeypatch.setattr(pattern_cache, "CACHE_DIR", tmp_path / "kit" / "detect" / "__pycache__")
    assert not pattern_cache.save()  # nothing compiled yet
    pattern_cache.compile_pattern(r"\bjob\b", re.I)
    assert pattern_cache.save()  # without force: bytecode writing is on
    assert pattern_cache.cache_file().is_file()
    assert not pattern_cache.save()  # nothing new since
    assert [p.name for p in pattern_cache.CACHE_DIR.iterdir()] == [pattern_cache.cache_file().name]


def test_the_temporary_file_is_written_beside_the_cache_file(tmp_path, monkeypatch):
    import tempfile

    # a rename within one folder is atomic; the system's temporary folder may not even exist
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    pattern_cache.compile_pattern(r"\bjob\b", re.I)
    assert pattern_cache.save(force=True)
    assert pattern_cache.cache_file().is_file()


def test_after_a_failed_write_only_a_forced_save_tries_again(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(pattern_cache, "CACHE_DIR", blocker / "__pycache__")
    pattern_cache.compile_pattern(r"\bjob\b", re.I)
    assert not pattern_cache.save()  # the folder cannot be made
    monkeypatch.setattr(pattern_cache, "CACHE_DIR", tmp_path / "__pycache__")
    assert not pattern_cache.save()  # not retried, though it would work now
    assert not pattern_cache.cache_file().exists()
    assert pattern_cache.save(force=True)  # make bench's compile_all_patterns insists
    assert pattern_cache.cache_file().is_file()


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    pattern_cache.compile_pattern(r"\bjob\b", re.I)
    pattern_cache._derived[("literal starts", "job")] = object()  # something marshal cannot write
    assert not pattern_cache.save(force=True)
    assert list(tmp_path.iterdir()) == []
