"""The numbers `make eval` shows an instructor (agreement, precision and recall of "not met", pair order),
computed by hand for tiny labelled sets, and how labelled records are read and scored."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview_lib.rules.evaluate import (Evaluation, Item, LabelledDataError, artefact_of, evaluate_files,
                                         read_labelled, score_record)


def _item(number: int, labels: dict, got: dict, score: float = 0, overall: str | None = None) -> Item:
    return Item(f"r.jsonl:{number}", "request", f"text {number}", labels, overall, got, score)


B, C = "request.brief", "request.connection"


def _evaluation() -> Evaluation:
    """request.brief: 3 rightly flagged as not met, 1 missed, 2 wrongly flagged, 2 rightly met, 1 not
    judged by the scorer; request.connection: one label, met and judged met."""
    return Evaluation("request", [
        _item(1, {B: False, C: True}, {B: False, C: True}, 80, "good"),
        _item(2, {B: False}, {B: False}, 60, "bad"),
        _item(3, {B: False}, {B: False}, 20, "bad"),
        _item(4, {B: False}, {B: True}, 50),
        _item(5, {B: True}, {B: False}, 60, "good"),
        _item(6, {B: True}, {B: False}, 90, "bad"),
        _item(7, {B: True}, {B: True}, 70),
        _item(8, {B: True}, {B: True}, 10, "mixed"),  # neither good nor bad: in no pair
        _item(9, {B: True}, {}, 0),  # the scorer gave no verdict: absent, a disagreement
    ])


def test_agreement_precision_and_recall_of_not_met():
    evaluation = _evaluation()
    # 5 of 9 verdicts agree (3 not met + 2 met); 5 flagged not met, 3 of them rightly; 4 truly not met, 3 found
    assert evaluation._stats(evaluation.judged(B)) == {"n": 9, "agreement": 5 / 9, "precision": 3 / 5,
                                                       "recall": 3 / 4}
    assert evaluation.agreement(B) == 5 / 9
    assert evaluation.agreement(C) == 1.0
    assert evaluation.agreement() == 6 / 10


def test_without_labels_or_flags_the_numbers_are_not_available():
    evaluation = _evaluation()
    assert evaluation._stats([]) == {"n": 0, "agreement": None, "precision": None, "recall": None}
    assert evaluation.agreement("request.unknown") is None
    # nothing flagged and nothing truly missing: precision and recall cannot be computed
    assert evaluation._stats(evaluation.judged(C)) == {"n": 1, "agreement": 1.0, "precision": None, "recall": None}


def test_pair_order_counts_a_tie_as_half():
    # good 80, 60 against bad 60, 20, 90: 80 wins twice, 60 ties once and wins once, of 6 pairs
    assert _evaluation().pairs() == (3.5 / 6, 6)
    assert Evaluation("request", [_item(1, {}, {}, 10, "good"), _item(2, {}, {}, 30, "bad")]).pairs() == (0.0, 1)
    assert Evaluation("request", [_item(1, {}, {}, 30, "good"), _item(2, {}, {}, 30, "bad")]).pairs() == (0.5, 1)
    assert Evaluation("request", [_item(1, {}, {}, 31, "good"), _item(2, {}, {}, 30, "bad"),
                                  _item(3, {}, {}, 40, "bad")]).pairs() == (0.5, 2)


@pytest.mark.parametrize("overalls", [[], ["good", "good"], ["bad"], [None, "mixed"]])
def test_no_pair_order_without_a_good_and_a_bad_item(overalls):
    evaluation = Evaluation("request", [_item(i, {}, {}, i, o) for i, o in enumerate(overalls)])
    assert evaluation.pairs() == (None, 0)


def test_the_report_an_instructor_reads():
    evaluation = _evaluation()
    assert evaluation.to_text().splitlines() == [
        "== request: 9 items",
        "  request.brief              agreement 0.556 (9 labels)  not met: precision 0.600 recall 0.750",
        "      miss r.jsonl:4: expected not met, got met  | text 4",
        "      miss r.jsonl:5: expected met, got not met  | text 5",
        "      miss r.jsonl:6: expected met, got not met  | text 6",
        "      miss r.jsonl:9: expected met, got absent  | text 9",
        "  request.connection         agreement 1.000 (1 labels)  not met: precision   n/a recall   n/a",
        "  pair order: 0.583 of 6 good/bad pairs",
    ]
    assert evaluation.summary() == "request: agreement 0.600 (10 labels), pair order 0.583 (6 pairs)"
    assert Evaluation("notes").to_text() == "== notes: 0 items\n  pair order:   n/a of 0 good/bad pairs"


@pytest.mark.parametrize("name, record, artefact", [
    ("request-dev-2.jsonl", {"text": "x"}, "request"),
    ("Thank-You-cases.jsonl", {"text": "x"}, "thank-you"),
    ("thank_you.jsonl", {"text": "x"}, "thank-you"),
    ("questions-extra.jsonl", {"text": "x"}, "questions"),
    ("notes-4.jsonl", {"text": "x"}, "notes"),
    # a file name that says nothing: the record's fields decide
    ("labelled.jsonl", {"questions": ["How did you start?"]}, "questions"),
    ("labelled.jsonl", {"text": "Could we talk?"}, "request"),
])
def test_the_artefact_comes_from_the_file_name_else_from_the_fields(name, record, artefact):
    assert artefact_of(Path(name), record) == artefact


def _write(path: Path, *records) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_records_are_scored_as_the_artefact_their_file_or_fields_say(tmp_path):
    questions = ["How did you start?", "What do you enjoy most?"]
    path = _write(tmp_path / "labelled.jsonl",
                  {"questions": questions, "minutes": 10, "labels": {"prep.question_list": True}, "overall": "good"},
                  {"text": "Could we talk for\n20   minutes about the archive?", "labels": {"request.brief": True}})
    results = evaluate_files([path])
    assert sorted(results) == ["questions", "request"]
    (asked,), (request,) = results["questions"].items, results["request"].items
    assert (asked.source, asked.artefact, asked.overall) == ("labelled.jsonl:1", "questions", "good")
    assert asked.preview == "How did you start? / What do you enjoy most?"
    assert asked.got["prep.question_list"] is True and asked.labels == {"prep.question_list": True}
    assert (request.source, request.artefact, request.overall) == ("labelled.jsonl:2", "request", None)
    assert request.preview == "Could we talk for 20 minutes about the archive?"  # one line, single spaces
    assert request.got["request.brief"] is True


def test_the_preview_is_cut_at_90_characters(tmp_path):
    text = "Could we talk? " + "word " * 40
    results = evaluate_files([_write(tmp_path / "request-long.jsonl", {"text": text, "labels": {}})])
    preview = results["request"].items[0].preview
    assert preview == " ".join(text.split())[:90] and len(preview) == 90


def test_a_record_the_scorer_refuses_is_named_by_file_and_line(tmp_path):
    path = _write(tmp_path / "request-bad.jsonl", {"text": "Hi", "labels": {}},
                  {"text": "Hi", "channel": "carrier pigeon", "labels": {}})
    with pytest.raises(LabelledDataError, match=r"request-bad\.jsonl:2: cannot score it: .*carrier pigeon"):
        evaluate_files([path])


@pytest.mark.parametrize("line, problem", [
    ("[1, 2]", "each line must be an object with a 'labels' object"),
    ('{"text": "Hi", "labels": ["request.brief"]}', "each line must be an object with a 'labels' object"),
    ('{"text": "Hi"}', "each line must be an object with a 'labels' object"),
    ('{"labels": {}}', "needs 'text' or 'questions'"),
    ('{"text": "Hi", "labels": {}', "not valid JSON"),
])
def test_bad_lines_are_named_with_what_is_wrong(tmp_path, line, problem):
    path = _write(tmp_path / "request-x.jsonl", '{"text": "Hi", "labels": {}}', "", line)
    with pytest.raises(LabelledDataError) as caught:
        read_labelled(path)
    assert str(caught.value).startswith(f"{path}:3: {problem}")


def test_blank_lines_are_skipped_and_lines_keep_their_numbers(tmp_path):
    path = _write(tmp_path / "request-x.jsonl", "", '{"text": "Hi", "labels": {"request.brief": true}}', "  ",
                  '{"questions": ["Why?"], "labels": {}}')
    assert read_labelled(path) == [(2, {"text": "Hi", "labels": {"request.brief": True}}),
                                   (4, {"questions": ["Why?"], "labels": {}})]


def test_an_unreadable_file_is_named(tmp_path):
    missing = tmp_path / "request-missing.jsonl"
    with pytest.raises(LabelledDataError, match=r"^cannot read .*request-missing\.jsonl"):
        read_labelled(missing)
    latin = tmp_path / "request-latin.jsonl"
    latin.write_bytes('{"text": "café", "labels": {}}'.encode("latin-1"))
    with pytest.raises(LabelledDataError, match=r"^cannot read .*request-latin\.jsonl"):
        read_labelled(latin)


def _verdicts(artefact: str, record: dict) -> dict:
    return {f.advice_id: f.passed for f in score_record(artefact, record).findings}


SIX = [f"How do you decide which {topic} to digitise first?" for topic in
       ("maps", "letters", "photographs", "recordings", "ledgers", "posters")]


def test_a_question_list_without_minutes_is_for_30_minutes():
    # 30 minutes at 3 to 5 minutes a question: 6 to 10 questions fit
    assert _verdicts("questions", {"questions": SIX})["prep.questions_fit_time"] is True
    assert _verdicts("questions", {"questions": SIX[:5]})["prep.questions_fit_time"] is False
    assert _verdicts("questions", {"questions": SIX, "minutes": 0})["prep.questions_fit_time"] is True
    assert _verdicts("questions", {"questions": SIX[:5], "minutes": 25})["prep.questions_fit_time"] is True


def test_a_requests_channel_and_a_thank_yous_dates_are_passed_to_the_scorer():
    assert _verdicts("request", {"text": "Hi, could we talk?", "channel": "phone"})["request.channel"] is False
    assert _verdicts("request", {"text": "Hi, could we talk?"})["request.channel"] is True
    late = {"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-20"}
    assert _verdicts("thank-you", late)["after.thank_you_timely"] is False
    assert _verdicts("thank-you", dict(late, sent_on="2026-03-11"))["after.thank_you_timely"] is True
    assert "after.thank_you_timely" not in _verdicts("thank-you", dict(late, sent_on=None))
    assert _verdicts("thank-you", dict(late, channel="email"))["after.handwritten"] is False


def test_notes_are_scored_from_their_text_alone():
    # a notes record may carry the fields of the request it followed; the notes scorer takes only text
    record = {"text": "Met Dana Wu on 3 March. She digitises maps; follow up about the grant.", "channel": "email",
              "interview_on": "2026-03-03"}
    assert _verdicts("notes", record) == _verdicts("notes", {"text": record["text"]})
