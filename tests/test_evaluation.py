"""The evaluation harness (``infoview eval``, ``make eval``) and the agreement it measures.

Agreement on all labelled data (../shared/data when it is there, and tests/data) stays at or above
0.95 per artefact, and good messages score above bad ones in at least 0.9 of pairs.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.rules.evaluate import LabelledDataError, evaluate_files

OWN_DATA = Path(__file__).resolve().parent / "data"
# The same folder as conftest.SHARED_DATA (not imported: tests/e2e has a conftest of its own).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
#: agreement per artefact, and share of good/bad pairs ordered correctly, that the scorers keep
MIN_AGREEMENT = 0.95
MIN_PAIR_ORDER = 0.90


def own_files() -> list[Path]:
    return sorted(OWN_DATA.glob("*.jsonl"))


def shared_files() -> list[Path]:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"development data {SHARED_DATA} is absent (it lives in ../shared/data beside the checkout)")
    return sorted(SHARED_DATA.glob("*.jsonl"))


def test_own_labelled_data_has_at_least_100_cases_of_every_text_artefact():
    counts: dict[str, int] = {}
    for path in own_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                assert record["labels"] and all(isinstance(v, bool) for v in record["labels"].values()), path
                counts[path.name] = counts.get(path.name, 0) + 1
    assert sum(counts.values()) >= 100, counts
    assert {"request", "thank-you", "questions", "notes"} <= {name.split("-cases")[0] for name in counts}


@pytest.mark.parametrize("which", ["own", "all"])
def test_agreement_and_pair_order_per_artefact(which):
    files = own_files() if which == "own" else own_files() + shared_files()
    results = evaluate_files(files)
    assert {"request", "thank-you", "questions", "notes"} <= set(results)
    for artefact, evaluation in results.items():
        agreement = evaluation.agreement()
        assert agreement >= MIN_AGREEMENT, evaluation.to_text()
        share, pairs = evaluation.pairs()
        if pairs:
            assert share >= MIN_PAIR_ORDER, evaluation.to_text()


def test_eval_prints_per_advice_lines_misses_and_one_summary_per_artefact(tmp_path, capsys):
    data = tmp_path / "request-mini.jsonl"
    rows = [
        {"text": "Hi, we met at the fair. Could we talk for 20 minutes about how you run the archive? "
                 "I understand if not.", "labels": {"request.connection": True, "request.brief": True},
         "overall": "good"},
        # a deliberately wrong label: the scorer is right, so this shows up as a miss
        {"text": "Are there any openings on your team?", "labels": {"job.no_job_ask": True, "request.brief": False},
         "overall": "bad"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.strip().startswith("request.connection") and "agreement 1.000" in line for line in out)
    assert any("miss request-mini.jsonl:2: expected met, got not met" in line for line in out)
    assert any(line.strip().startswith("job.no_job_ask") and "agreement 0.000" in line for line in out)
    assert out[-1] == "request: agreement 0.750 (4 labels), pair order 1.000 (1 pairs)"


def test_eval_names_the_file_and_line_of_bad_data(tmp_path, capsys):
    data = tmp_path / "thank-you-bad.jsonl"
    data.write_text('{"text": "Thanks!", "labels": {"after.gratitude": true}}\nnot json\n', encoding="utf-8")
    assert main(["eval", str(data)]) == 2
    assert "thank-you-bad.jsonl:2: not valid JSON" in capsys.readouterr().err
    with pytest.raises(LabelledDataError, match="needs 'text' or 'questions'"):
        data.write_text('{"labels": {}}\n', encoding="utf-8")
        evaluate_files([data])


def test_the_library_does_not_read_the_shared_folder():
    """Only tests and `make eval` read ../shared; the kit itself never names it."""
    root = Path(__file__).resolve().parents[1] / "infoview_lib"
    for path in root.rglob("*.py"):
        assert "shared/data" not in path.read_text(encoding="utf-8"), path
