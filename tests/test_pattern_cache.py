"""The compiled-pattern cache: patterns rebuilt from it are the patterns re.compile makes,
and a missing, foreign or damaged cache only costs time."""
from __future__ import annotations

import marshal
import re

import pytest

from infoview_lib.rules.detect import pattern_cache
from infoview_lib.rules.detect.text import _HEAD_LETTERS, PhrasePattern, _literal_starts

from test_detectors import _phrase_patterns


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The cache module with its file in ``tmp_path`` and nothing loaded yet."""
    monkeypatch.setattr(pattern_cache, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(pattern_cache, "_programs", None)
    monkeypatch.setattr(pattern_cache, "_derived", {})
    monkeypatch.setattr(pattern_cache, "_new", False)
    return pattern_cache


def _fresh_process(cache, monkeypatch):
    """Forget what this process compiled, as a new process would."""
    monkeypatch.setattr(cache, "_programs", None)
    monkeypatch.setattr(cache, "_derived", {})
    monkeypatch.setattr(cache, "_new", False)


def _detector_patterns() -> list[tuple[str, int]]:
    return [(p.pattern, p.flags) for _, p in _phrase_patterns()] + [
        (r"(?P<day>\d{1,2})\s+(?P<month>jan|feb)", re.I), (r"[.!?]+[\"'”’)\]]*(?=\s|$)|\r?\n(?![ \t]*[a-z])", 0)]


def test_patterns_rebuilt_from_the_file_equal_what_re_compile_makes(cache, monkeypatch):
    patterns = _detector_patterns()
    for pattern, flags in patterns:
        assert cache.compile_pattern(pattern, flags) == re.compile(pattern, flags)
    assert cache.save(force=True)
    assert cache.cache_file().is_file()

    _fresh_process(cache, monkeypatch)

    def not_compiled_again(*args):
        raise AssertionError("compiled although the cache file has it")

    monkeypatch.setattr(cache, "_program", not_compiled_again)
    for pattern, flags in patterns:
        rebuilt = cache.compile_pattern(pattern, flags)
        expected = re.compile(pattern, flags)
        # Pattern equality compares the text, the flags and the engine's program itself
        assert rebuilt == expected and rebuilt.groupindex == expected.groupindex
    assert not cache.save(force=True)  # nothing new: the file is not rewritten


def test_the_file_of_another_engine_is_ignored(cache, monkeypatch):
    pattern = r"\bhir(?:e|ing)\b"
    wrong = re.compile(r"\bjob\b")
    cache.cache_file().parent.mkdir(parents=True, exist_ok=True)
    # a program the engine accepts, but another pattern's: used, it would find jobs, not hiring
    forged = {(pattern, int(re.I)): cache._program(r"\bjob\b", int(re.I))}
    cache.cache_file().write_bytes(marshal.dumps({"engine": "Python 2.7", "programs": forged, "derived": {}}))
    assert cache.compile_pattern(pattern, re.I) == re.compile(pattern, re.I) != wrong


def test_a_damaged_program_or_file_falls_back_to_compiling(cache, monkeypatch):
    pattern = r"\bhir(?:e|ing)\b"
    program = list(cache._program(pattern, re.I))
    program[1] = program[1][:5]  # a truncated program: the engine refuses it
    cache.cache_file().parent.mkdir(parents=True, exist_ok=True)
    cache.cache_file().write_bytes(marshal.dumps(
        {"engine": cache._ENGINE, "programs": {(pattern, int(re.I)): tuple(program)}, "derived": {}}))
    assert cache.compile_pattern(pattern, re.I) == re.compile(pattern, re.I)

    _fresh_process(cache, monkeypatch)
    cache.cache_file().write_bytes(b"\x00not marshal")
    assert cache.compile_pattern(pattern, re.I) == re.compile(pattern, re.I)
    assert cache.save(force=True)  # the damaged file is replaced by a good one
    _fresh_process(cache, monkeypatch)
    assert (pattern, int(re.I)) in cache._load()


def test_an_invalid_pattern_still_raises_re_error(cache):
    with pytest.raises(re.error):
        cache.compile_pattern(r"(unclosed", 0)


def test_nothing_is_written_when_bytecode_writing_is_off(cache, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    cache.compile_pattern(r"\bjob\b", re.I)
    assert not cache.save()
    assert not cache.cache_file().exists()
    assert cache.save(force=True)


def test_phrase_patterns_remember_the_literal_starts_they_worked_out(cache, monkeypatch):
    for _, original in _phrase_patterns():
        expected = _literal_starts(original.body, bool(original.flags & re.VERBOSE))
        for _attempt in ("computed", "read back"):
            pattern = PhrasePattern(original.body, original.flags)
            pattern.compiled()
            if expected and all(expected):
                assert pattern.starts == tuple(sorted({s[:_HEAD_LETTERS] for s in expected})), _attempt
            else:
                assert "starts" not in vars(pattern), _attempt
            cache.save(force=True)
            _fresh_process(cache, monkeypatch)
