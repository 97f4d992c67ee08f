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

    compiled_again = []
    real_program = cache._program
    monkeypatch.setattr(cache, "_program", lambda *args: compiled_again.append(args) or real_program(*args))
    for pattern, flags in patterns:
        rebuilt = cache.compile_pattern(pattern, flags)
        expected = re.compile(pattern, flags)
        # Pattern equality compares the text, the flags and the engine's program itself
        assert rebuilt == expected and rebuilt.groupindex == expected.groupindex
    assert compiled_again == []  # every one came from the file
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


def test_a_failed_write_is_not_retried(cache, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(cache, "CACHE_DIR", blocker / "__pycache__")
    cache.compile_pattern(r"\bjob\b", re.I)
    assert not cache.save()
    monkeypatch.setattr(cache, "_read", lambda: (_ for _ in ()).throw(AssertionError("tried again")))
    assert not cache.save()  # gives up at once: a sandboxed grading process asks after every answer


_SCORE_EVERY_EXAMPLE = """
import sys
from infoview_lib.rules.detect import pattern_cache
pattern_cache.CACHE_DIR = __import__("pathlib").Path(sys.argv[1])
if sys.argv[2] == "build":
    from infoview_lib.rules import compile_all_patterns
    print(compile_all_patterns())
else:
    compiled_again = []
    real_program = pattern_cache._program
    pattern_cache._program = lambda pattern, flags: compiled_again.append(pattern) or real_program(pattern, flags)
    from infoview_lib.rules import load_all_rules, scorer_for
    for artefact, rules in load_all_rules().items():
        for rule in rules.values():
            for example in rule.passes + rule.fails:
                kwargs = {"text": example} if isinstance(example, str) else dict(example)
                try:
                    scorer_for(artefact)(**kwargs)
                except (TypeError, ValueError, KeyError):
                    pass
    print("compiled again:", [p[:80] for p in compiled_again])
"""


def test_compile_all_patterns_covers_every_pattern_the_rules_examples_need(tmp_path):
    import subprocess
    import sys

    built = subprocess.run([sys.executable, "-c", _SCORE_EVERY_EXAMPLE, str(tmp_path), "build"],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert int(built.stdout) > 80
    scored = subprocess.run([sys.executable, "-c", _SCORE_EVERY_EXAMPLE, str(tmp_path), "score"],
                            capture_output=True, text=True, timeout=300)
    assert scored.returncode == 0, scored.stderr[-2000:]
    assert scored.stdout.strip() == "compiled again: []"
