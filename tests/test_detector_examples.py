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
import pkgutil
import re

import pytest

import infoview_lib.rules.detect as detect

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


# -- the job-ask detector: every phrasing earns its place ------------------------------------------

def _phrasings():
    from infoview_lib.rules.detect import jobs
    from infoview_lib.rules.detect.text import _FLAGS, _top_level

    return [re.compile(rf"(?<![\w'’])(?=\w)(?:{p})", _FLAGS) for p in _top_level(jobs._JOB_ASK.body)]


def test_every_job_ask_phrasing_has_an_example_only_it_catches():
    """Deleting any phrasing lets its example through; a phrasing another one covers fails here."""
    from infoview_lib.rules.detect.jobs import JOB_ASK_EXAMPLES, find_job_asks

    phrasings = _phrasings()
    assert len(phrasings) == len(JOB_ASK_EXAMPLES) > 40
    for number, (example, phrasing) in enumerate(zip(JOB_ASK_EXAMPLES, phrasings)):
        catching = [i for i, p in enumerate(phrasings) if p.search(example)]
        assert catching == [number], f"{example!r} is caught by phrasings {catching}, not by {number} alone"
        assert find_job_asks(example), f"find_job_asks lets {example!r} through"
