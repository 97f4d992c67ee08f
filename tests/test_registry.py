"""The advice registry keeps every inventory id, is read-only, and every id is realised somewhere."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from infoview_lib.advice import ADVICE, STAGES, advice_id_from_grade_id
from infoview_lib.checklist import CHECKLIST
from infoview_lib.quiz import QUIZ
from infoview_lib.rules import load_all_rules

INVENTORY = Path(__file__).resolve().parents[2] / "shared" / "spec" / "advice.md"
_ROW = re.compile(r"^\|\s*([a-z]+\.[a-z_]+)\s*\|[^|]*\|\s*([^|]+?)\s*\|")


def inventory() -> dict[str, set[str]]:
    """advice id -> realisation kinds, from the table rows of the inventory."""
    if not INVENTORY.is_file():
        pytest.skip(f"the advice inventory {INVENTORY} is absent (it lives in ../shared beside the checkout)")
    rows = {}
    for line in INVENTORY.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            cell = re.sub(r"\([^)]*\)", "", match.group(2))  # "check (thank-you, contact log)" -> "check"
            rows[match.group(1)] = {part.strip() for part in cell.split(",") if part.strip()}
    return rows


def test_every_inventory_id_is_in_the_registry_with_its_realisations():
    rows = inventory()
    assert len(rows) == 43
    for advice_id, kinds in rows.items():
        assert advice_id in ADVICE, advice_id
        assert kinds <= ADVICE[advice_id].realised_as, (advice_id, kinds, ADVICE[advice_id].realised_as)


def test_registry_ids_have_the_stage_form_and_a_lesson():
    for advice_id, advice in ADVICE.items():
        stage, _, name = advice_id.partition(".")
        assert advice.id == advice_id and advice.stage == stage and name
        assert advice.lesson == STAGES[stage][0]
        assert advice_id_from_grade_id(advice.grade_id) == advice_id


def test_unknown_id_error_names_the_closest_ids():
    with pytest.raises(KeyError, match=r"prep\.dress"):
        ADVICE["prep.dres"]
    with pytest.raises(KeyError, match="after.cadence"):
        ADVICE["after.cadance"]


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        ADVICE["prep.new"] = ADVICE["prep.dress"]
    with pytest.raises(TypeError):
        del ADVICE["prep.dress"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ADVICE["prep.dress"].summary = "anything goes"
    assert "prep.new" not in ADVICE and "prep.dress" in ADVICE


def test_every_check_id_has_a_registered_rule():
    rules = load_all_rules()
    checked = {advice_id for by_id in rules.values() for advice_id in by_id}
    missing = sorted(a.id for a in ADVICE.realised_as("check") if a.id not in checked)
    assert not missing, f"advice realised as 'check' with no rule: {missing}"


def test_every_checklist_id_has_a_checklist_item():
    ticked = {advice_id for item in CHECKLIST for advice_id in item.advice_ids}
    missing = sorted(a.id for a in ADVICE.realised_as("checklist") if a.id not in ticked)
    assert not missing, f"advice realised as 'checklist' with no item: {missing}"


def test_every_quiz_id_has_a_quiz_question():
    asked = {advice_id for question in QUIZ for advice_id in question.advice_ids}
    missing = sorted(a.id for a in ADVICE.realised_as("quiz") if a.id not in asked)
    assert not missing, f"advice realised as 'quiz' with no question: {missing}"


# -- short titles and priorities: the words and the order every view uses --------------------------
def test_every_id_has_a_short_plain_title_of_its_own():
    from infoview_lib.advice import TITLE_MAX_CHARS

    assert TITLE_MAX_CHARS == 40
    titles = {}
    for advice_id, advice in ADVICE.items():
        assert 0 < len(advice.title) < TITLE_MAX_CHARS, (advice_id, advice.title)
        assert advice.title == advice.title.strip() and not advice.title.endswith("."), advice_id
        assert advice.title[0].isupper(), advice_id
        titles.setdefault(advice.title, []).append(advice_id)
    assert {t: ids for t, ids in titles.items() if len(ids) > 1} == {}  # one title per advice id


def test_priorities_are_defined_for_every_checked_id():
    from infoview_lib.advice import PRIORITIES

    checked = ADVICE.realised_as("check")
    assert checked
    for advice in ADVICE.values():
        assert advice.priority in PRIORITIES, advice.id
    assert {a.priority for a in checked} <= set(PRIORITIES)


def test_priority_puts_a_job_ask_then_pressure_then_connection_and_topic_then_polish():
    from infoview_lib.advice import JOB_ASK, POLISH, PRESSURE, SUBSTANCE

    assert JOB_ASK < PRESSURE < SUBSTANCE < POLISH
    assert ADVICE["job.no_job_ask"].priority == JOB_ASK
    assert ADVICE["request.respectful"].priority == PRESSURE
    assert ADVICE["request.connection"].priority == ADVICE["request.specific_topics"].priority == SUBSTANCE
    assert ADVICE["request.concise"].priority == POLISH
    request_ids = [a.id for a in ADVICE.by_stage("request")] + ["job.no_job_ask"]
    ordered = ADVICE.by_priority(request_ids)
    assert ordered[:2] == ["job.no_job_ask", "request.respectful"] and ordered[-1] == "request.concise"
    # ties keep inventory order
    assert ordered.index("request.connection") < ordered.index("request.specific_topics")
    with pytest.raises(KeyError, match="closest"):
        ADVICE.by_priority(["request.conection"])


def test_a_bad_title_or_priority_fails_when_the_registry_is_built(monkeypatch):
    from infoview_lib import advice as registry

    row = registry._TABLE[0]
    monkeypatch.setattr(registry, "_TABLE", (row[:4] + ("x" * 40,) + row[5:],))
    with pytest.raises(ValueError, match=r"what.purpose.*title must be 1 to 39 characters, not 40"):
        registry._build()
    monkeypatch.setattr(registry, "_TABLE", (row[:3] + (9,) + row[4:],))
    with pytest.raises(ValueError, match=r"what.purpose.*priority 9 is not one of"):
        registry._build()
