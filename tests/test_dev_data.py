"""The labelled development examples in ../shared/data agree with the scorers.

One test per (line, advice id) label, so a disagreement names the exact label.
Skips with a reason where ../shared/data is absent.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview_lib.rules.request import score_request
from infoview_lib.rules.thank_you import score_thank_you

# The same folder as conftest.SHARED_DATA (not imported: tests/e2e has a conftest of its own).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = {"request-dev.jsonl": score_request, "thank-you-dev.jsonl": score_thank_you}


def _cases():
    cases = []
    for name in FILES:
        path = SHARED_DATA / name
        if not path.is_file():
            cases.append(pytest.param(name, 0, "", "", None, id=f"{name}-absent", marks=pytest.mark.skip(
                reason=f"development data {path} is absent (it lives in ../shared/data beside the checkout)")))
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            for advice_id, label in record["labels"].items():
                cases.append(pytest.param(name, number, record["text"], advice_id, label,
                                          id=f"{name}:{number}:{advice_id}"))
    return cases


@pytest.mark.parametrize("name, number, text, advice_id, label", _cases())
def test_label_agrees_with_scorer(name, number, text, advice_id, label):
    finding = FILES[name](text).finding(advice_id)
    assert finding.passed is label, f"{name} line {number}: {advice_id} labelled {label}; {finding.message}"
