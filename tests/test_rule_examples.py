"""Every registered rule's own examples, run through its artefact's public scorer.

Adding a rule needs no new test: its ``passes`` must pass and its ``fails`` must
fail when given to the scorer, and a rule without both kinds of example fails.
"""
from __future__ import annotations

import importlib

import pytest

from infoview_lib.rules import RULES, SCORERS, load_all_rules, scorer_for


def _importable_artefacts() -> list[str]:
    found = []
    for artefact, (module, _) in SCORERS.items():
        try:
            importlib.import_module(f"infoview_lib.rules.{module}")
        except ImportError:
            continue
        found.append(artefact)
    return found


ARTEFACTS = _importable_artefacts()
RULE_LIST = [r for a in ARTEFACTS for r in RULES[a].values()]
EXAMPLES = [
    pytest.param(r.artefact, r.advice_id, example, want,
                 id=f"{r.artefact}:{r.advice_id}:{'passes' if want else 'fails'}[{i}]")
    for r in RULE_LIST
    for want, examples in ((True, r.passes), (False, r.fails))
    for i, example in enumerate(examples)
]


def test_every_artefact_has_a_scorer_and_rules():
    registry = load_all_rules()  # strict: a missing scorer module is an ImportError here
    for artefact in SCORERS:
        assert callable(scorer_for(artefact))
        assert registry[artefact], f"no rules are registered for {artefact!r}"


@pytest.mark.parametrize("rule", RULE_LIST, ids=lambda r: f"{r.artefact}:{r.advice_id}")
def test_rule_has_passing_and_failing_examples(rule):
    assert len(rule.passes) >= 1, f"{rule.advice_id} on {rule.artefact} has no example that passes"
    assert len(rule.fails) >= 1, f"{rule.advice_id} on {rule.artefact} has no example that fails"
    assert rule.passed_message.strip() and rule.failed_message.strip()


@pytest.mark.parametrize("artefact, advice_id, example, want", EXAMPLES)
def test_rule_example(artefact, advice_id, example, want):
    kwargs = {"text": example} if isinstance(example, str) else dict(example)
    report = scorer_for(artefact)(**kwargs)
    if not want and advice_id not in report:
        # an empty draft gets one "nothing to check yet" finding instead of advice on every item
        assert report.score == 0 and len(report.findings) == 1, report.findings
        assert report.findings[0].message.startswith("Nothing to check yet")
        return
    finding = report.finding(advice_id)
    assert finding.passed is want, (
        f"{advice_id} should {'pass' if want else 'fail'} on {kwargs!r}; message: {finding.message}"
    )
    assert 0 <= finding.points <= finding.max_points
