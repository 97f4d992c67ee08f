"""How rules are declared (``infoview_lib.rules.base``): ``require``, ``forbid`` and ``rule`` build the
registry every scorer reads. Each test builds rules into a fresh, empty registry, so the kit's own
rules are untouched. The kit's rules run these builders once, at import, which mutmut's workers never
repeat: only calls like these show whether a change to them is caught (``make mutation``)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from infoview_lib.rules import base

MESSAGES = dict(passed="Short and bounded.", failed="Say how long you need.", passes=["ok"], fails=["no"])


@pytest.fixture
def registry(monkeypatch):
    fresh = {artefact: {} for artefact in base.RULES}
    monkeypatch.setattr(base, "RULES", fresh)
    return fresh


def find_please(text: str):
    return [m.span() for m in re.finditer("please", text)]


def find_now(text: str):
    return [m.span() for m in re.finditer(r"now\b", text)]


def test_require_registers_a_rule_met_when_its_detector_finds_something(registry):
    check = base.require(find_please, "request.brief", "request", missing="no 'please'", points=2, **MESSAGES)
    assert (check.__name__, check.__qualname__) == ("brief", "brief")
    assert check.__doc__ == "Met when find_please finds something in the text."
    rule = registry["request"]["request.brief"]
    assert (rule.advice_id, rule.artefact, rule.name, rule.check) == ("request.brief", "request", "brief", check)
    assert (rule.points, rule.passes, rule.fails, rule.applies) == (2.0, ("ok",), ("no",), None)

    met = rule.run(SimpleNamespace(text="Could we talk, please?"))
    assert (met.passed, met.points, met.max_points) == (True, 2.0, 2.0)
    assert met.message == "Short and bounded." and met.spans == ((15, 21),)
    unmet = rule.run(SimpleNamespace(text="Call me."))
    assert (unmet.passed, unmet.points, unmet.max_points, unmet.spans) == (False, 0.0, 2.0, ())
    assert unmet.message == "Say how long you need. (The coach found no 'please'.)"


def test_forbid_registers_a_rule_met_when_none_of_its_detectors_finds_anything(registry):
    check = base.forbid((find_please, find_now), "request.connection", "request", **MESSAGES)
    assert check.__name__ == "connection"
    assert check.__doc__ == "Met when find_please or find_now finds nothing in the text."
    rule = registry["request"]["request.connection"]
    assert rule.points == 1.0 and rule.name == "connection"

    met = rule.run(SimpleNamespace(text="Could we talk?"))
    assert (met.passed, met.points, met.message, met.spans) == (True, 1.0, "Short and bounded.", ())
    unmet = rule.run(SimpleNamespace(text="Reply now, please, now"))
    assert (unmet.passed, unmet.points, unmet.message) == (False, 0.0, "Say how long you need.")
    assert unmet.spans == ((6, 9), (11, 17), (19, 22))


def test_forbid_takes_a_single_detector_too(registry):
    base.forbid(find_now, "request.channel", "request", **MESSAGES)
    rule = registry["request"]["request.channel"]
    assert rule.check.__doc__ == "Met when find_now finds nothing in the text."
    assert not rule.run(SimpleNamespace(text="Answer now")).passed
    assert rule.run(SimpleNamespace(text="Answer when you can")).passed


def test_rule_keeps_its_options_and_refuses_an_unknown_artefact_or_a_second_rule(registry):
    def applies(subject):
        return bool(subject.text)

    @base.rule("request.brief", "request", points=3, applies=applies, **MESSAGES)
    def brief(subject):
        return base.Verdict(True)

    rule = registry["request"]["request.brief"]
    assert rule.check is brief and rule.applies is applies and rule.points == 3.0
    assert (rule.passed_message, rule.failed_message) == ("Short and bounded.", "Say how long you need.")
    with pytest.raises(ValueError, match=r"^a rule for 'request.brief' on 'request' is already registered$"):
        base.rule("request.brief", "request", **MESSAGES)
    with pytest.raises(ValueError, match=r"^unknown artefact 'letter'; expected one of "):
        base.rule("request.homework", "letter", **MESSAGES)
    with pytest.raises(KeyError):
        base.rule("request.no_such_advice", "request", **MESSAGES)
    assert list(registry["request"]) == ["request.brief"]
