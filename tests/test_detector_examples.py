"""Every detector carries its own examples, and they run here (as pycodestyle runs its docstring examples).

A detector's docstring has lines ``Finds: "..."`` (text it must find something in) and
``Ignores: "..."`` (text it must find nothing in), each a Python string literal. This one test
harvests them from every module of ``infoview_lib/rules/detect``: a new detector without
examples fails, and so does an example that no longer holds.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

import infoview_lib.rules.detect as detect
from infoview_lib.rules.detect.text import _FLAGS, LazyPattern, PhrasePattern, _top_level

EXAMPLE = re.compile(r"^\s*(Finds|Ignores):\s*(.+?)\s*$", re.M)


def _detect_functions():
    for info in pkgutil.iter_modules(detect.__path__):
        module = importlib.import_module(f"{detect.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            # (`make mutation` puts mutmut's mutated copies beside each function: x_<name>__mutmut_<n>)
            if function.__module__ == module.__name__ and not name.startswith("_") and "__mutmut_" not in name:
                yield f"{info.name}.{name}", function


def _is_detector(function) -> bool:
    """A detector: ``find_...(text)``, one text in, the evidence (spans) out."""
    return function.__name__.startswith("find_") and list(inspect.signature(function).parameters) == ["text"]


def examples(function) -> list[tuple[str, str]]:
    return [(kind, ast.literal_eval(literal)) for kind, literal in EXAMPLE.findall(function.__doc__ or "")]


FUNCTIONS = dict(_detect_functions())
DETECTORS = {name: f for name, f in FUNCTIONS.items() if _is_detector(f)}
CASES = [(name, kind, text) for name, f in FUNCTIONS.items() for kind, text in examples(f)]


def test_every_detector_has_examples_of_both_kinds():
    assert len(DETECTORS) >= 12
    missing = [name for name, f in DETECTORS.items() if {k for k, _ in examples(f)} != {"Finds", "Ignores"}]
    assert not missing, f"detectors without Finds: and Ignores: lines in their docstrings: {missing}"


@pytest.mark.parametrize("name, kind, text", CASES, ids=[f"{n}-{k}-{i}" for i, (n, k, _) in enumerate(CASES)])
def test_docstring_example(name, kind, text):
    found = FUNCTIONS[name](text)
    if kind == "Finds":
        assert found, f"{name} finds nothing in {text!r}"
    else:
        assert not found, f"{name} finds {found!r} in {text!r}"


def test_the_harvest_reads_what_a_docstring_says():
    def find_nothing(text):
        """Finds: "a \\"quoted\\" word"
        Ignores: 'plain'
        """
    assert examples(find_nothing) == [("Finds", 'a "quoted" word'), ("Ignores", "plain")]


# -- every phrasing of a phrase pattern earns its place --------------------------------------------

PHRASING_EXAMPLES = json.loads((Path(detect.__file__).parents[2] / "data" / "phrasing_examples.json")
                               .read_text(encoding="utf-8"))["patterns"]


def _pattern(key: str):
    module, name = key.split(".")
    return getattr(importlib.import_module(f"{detect.__name__}.{module}"), name)


def phrasings(pattern) -> list[re.Pattern]:
    """The top-level alternatives of ``pattern``, each compiled as the pattern compiles them; of a tuple of
    patterns, its members (of an ``(ask, lead)`` pair, the ask)."""
    if isinstance(pattern, tuple):
        members = [m[0] if isinstance(m, tuple) else m for m in pattern]
        return [re.compile(m.pattern, m.flags) for m in members]
    if isinstance(pattern, PhrasePattern):
        return [re.compile(rf"(?<![\w'’])(?=\w)(?:{p})", pattern.flags) for p in _top_level(pattern.body)]
    return [re.compile(p, pattern.flags) for p in _top_level(pattern.pattern)]


def is_pattern_list(value) -> bool:
    """A pattern, or a tuple of patterns (or of ``(ask, lead)`` pairs of patterns)."""
    if isinstance(value, tuple):
        return bool(value) and all(isinstance(m, LazyPattern) or (isinstance(m, tuple) and m
                                                                    and all(isinstance(x, LazyPattern) for x in m))
                                   for m in value)
    return isinstance(value, LazyPattern)


def _phrase_patterns():
    """module._NAME of every pattern a detect module defines with two or more top-level phrasings."""
    for info in pkgutil.iter_modules(detect.__path__):
        module = importlib.import_module(f"{detect.__name__}.{info.name}")
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if is_pattern_list(value) and re.search(rf"^{name}\s*=", source, re.M) and len(phrasings(value)) > 1:
                yield f"{info.name}.{name}"


def test_every_phrase_pattern_has_its_examples():
    """A new phrase list needs its examples (infoview_lib/data/phrasing_examples.json)."""
    assert sorted(_phrase_patterns()) == sorted(PHRASING_EXAMPLES)


@pytest.mark.parametrize("key", sorted(PHRASING_EXAMPLES))
def test_every_phrasing_has_an_example_only_it_catches(key):
    """Deleting any phrasing lets its example through; a phrasing another one covers (or that catches
    nothing) fails here, and so does adding or removing a phrasing without its example."""
    examples, compiled = PHRASING_EXAMPLES[key], phrasings(_pattern(key))
    assert len(compiled) == len(examples), f"{key} has {len(compiled)} phrasings and {len(examples)} examples"
    for number, example in enumerate(examples):
        catching = [i for i, p in enumerate(compiled) if p.search(example)]
        assert catching == [number], f"{key}: {example!r} is caught by phrasings {catching}, not by {number} alone"


def test_the_job_ask_detector_finds_every_job_ask_example():
    from infoview_lib.rules.detect.jobs import find_job_asks

    examples = PHRASING_EXAMPLES["jobs._JOB_ASK"]
    assert len(examples) > 40
    assert [e for e in examples if not find_job_asks(e)] == []


def test_the_uniqueness_check_sees_a_covered_phrasing():
    """Seeded: a phrasing that another covers ("many thanks" beside "thanks") has no example of its own."""
    covered = PhrasePattern(r"\bthanks\b | \bmany\s+thanks\b", _FLAGS)
    assert [[i for i, p in enumerate(phrasings(covered)) if p.search(e)] for e in ("thanks", "many thanks")] == [
        [0], [0, 1]]
