"""Every registered rule's own examples, run through its artefact's public scorer.

Adding a rule needs no new test: its ``passes`` must pass and its ``fails`` must
fail when given to the scorer, and a rule without both kinds of example fails.
"""
from __future__ import annotations

import pytest

from infoview_lib.rules import RULES, SCORERS, load_all_rules, scorer_for

load_all_rules()  # strict: a scorer module that does not import fails collection, loudly
RULE_LIST = [r for a in SCORERS for r in RULES[a].values()]
EXAMPLES = [
    pytest.param(r.artefact, r.advice_id, example, want,
                 id=f"{r.artefact}:{r.advice_id}:{'passes' if want else 'fails'}[{i}]")
    for r in RULE_LIST
    for want, examples in ((True, r.passes), (False, r.fails))
    for i, example in enumerate(examples)
]


def test_every_artefact_has_a_scorer_and_rules():
    for artefact in SCORERS:
        assert callable(scorer_for(artefact))
        assert RULES[artefact], f"no rules are registered for {artefact!r}"


def test_every_rule_has_passing_and_failing_examples_and_both_messages():
    lacking = []
    for rule in RULE_LIST:
        missing = [what for what, present in (("an example that passes", rule.passes),
                                              ("an example that fails", rule.fails),
                                              ("a passed message", rule.passed_message.strip()),
                                              ("a failed message", rule.failed_message.strip())) if not present]
        if missing:
            lacking.append(f"{rule.artefact}:{rule.advice_id} has no {', no '.join(missing)}")
    assert not lacking, "\n".join(lacking)


@pytest.mark.parametrize("artefact, advice_id, example, want", EXAMPLES)
def test_rule_example(artefact, advice_id, example, want):
    kwargs = {"text": example} if isinstance(example, str) else dict(example)
    report = scorer_for(artefact)(**kwargs)
    # (an empty draft, which gets one "nothing to check yet" finding instead, is tested per scorer:
    # test_request, test_thank_you, test_notes, test_questions)
    assert advice_id in report, f"{advice_id} was not checked on {kwargs!r}: {report.findings}"
    finding = report.finding(advice_id)
    assert finding.passed is want, (
        f"{advice_id} should {'pass' if want else 'fail'} on {kwargs!r}; message: {finding.message}"
    )
    assert 0 <= finding.points <= finding.max_points
