"""The rule framework: every check is a small registered unit.

A rule is registered under an artefact ("request", "questions", ...) and an
advice id, with its points, the messages a student sees, and examples that must
pass and must fail. ``tests/test_rule_examples.py`` walks the registry and runs
every rule's examples through the artefact's public scorer, so adding a rule
never needs a new test file, and a rule without examples fails.

A rule that only asks whether a detector found something is declared, not written out:
:func:`require` (met when it finds something) and :func:`forbid` (met when it finds nothing).

Example (a text rule; examples are keyword arguments for the artefact's scorer,
or a plain string meaning ``text=...``)::

    @rule("request.graceful_out", "request",
          passed="You give them an easy way to say no.",
          failed="Add a line saying you will understand if they cannot meet.",
          passes=["Would 20 minutes suit you? I understand if not."],
          fails=["Please meet me on Tuesday."])
    def graceful_out(draft):
        spans = find_graceful_out(draft.text)
        return Verdict(bool(spans), spans)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..advice import ADVICE
from ..report import Finding, Report, Span
from .detect.text import merge_spans

ARTEFACTS = ("request", "questions", "logistics", "thank-you", "notes", "contact log")
#: points of the advice that carries a message's content (what to learn, what was learned, a list of
#: real questions) and of never asking for a job: scores then order messages as an adviser would, and a
#: courteous but empty note ("Thanks for the wonderful time.") scores below a specific one
CONTENT_POINTS = 2.0


@dataclass(frozen=True)
class Verdict:
    """What a rule's check function returns."""

    passed: bool
    spans: tuple[Span, ...] = ()
    """Evidence: character offsets in the scored text."""
    detail: str = ""
    """Specifics appended to the rule's message (counts, dates, the phrase found)."""

    def __post_init__(self):
        # Evidence found by several phrasings is shown once: overlapping spans are joined.
        object.__setattr__(self, "spans", tuple(merge_spans((int(a), int(b)) for a, b in self.spans)))


def found(spans, missing: str) -> Verdict:
    """Met when the detector found evidence (``spans``); when it found none, the message says what
    the coach looked for and did not find (``missing``: "no words of thanks"), so a student whose
    wording it does not know can see why."""
    spans = list(spans)
    return Verdict(bool(spans), spans, "" if spans else f"(The coach found {missing}.)")


@dataclass(frozen=True)
class Rule:
    """One registered check: an advice id, its points, its messages and its examples."""

    advice_id: str
    artefact: str
    check: Callable[[Any], Verdict]
    points: float
    passed_message: str
    failed_message: str
    passes: tuple
    fails: tuple
    applies: Callable[[Any], bool] | None = None
    """Optional: the rule is skipped (no finding) unless this returns True."""

    @property
    def name(self) -> str:
        return getattr(self.check, "__name__", self.advice_id)

    def run(self, subject) -> Finding:
        verdict = self.check(subject)
        base = self.passed_message if verdict.passed else self.failed_message
        message = f"{base} {verdict.detail}".strip() if verdict.detail else base
        return Finding(
            advice_id=self.advice_id,
            passed=bool(verdict.passed),
            points=float(self.points) if verdict.passed else 0.0,
            max_points=float(self.points),
            message=message,
            spans=verdict.spans,
        )


#: artefact -> advice id -> Rule, in registration order.
RULES: dict[str, dict[str, Rule]] = {a: {} for a in ARTEFACTS}


def rule(advice_id: str, artefact: str, *, passed: str, failed: str, passes, fails,
         points: float = 1.0, applies: Callable[[Any], bool] | None = None):
    """Register the decorated check function as the rule for ``advice_id`` on ``artefact``."""
    ADVICE[advice_id]  # unknown ids fail at import time, naming the closest ids
    if artefact not in RULES:
        raise ValueError(f"unknown artefact {artefact!r}; expected one of {ARTEFACTS}")
    if advice_id in RULES[artefact]:
        raise ValueError(f"a rule for {advice_id!r} on {artefact!r} is already registered")

    def register(check: Callable[[Any], Verdict]) -> Callable[[Any], Verdict]:
        RULES[artefact][advice_id] = Rule(
            advice_id, artefact, check, float(points), passed, failed, tuple(passes), tuple(fails), applies
        )
        return check

    return register


def require(detector: Callable[[str], Any], advice_id: str, artefact: str, *, missing: str, **messages):
    """Declare a rule met when ``detector`` finds something in the subject's ``text``.

    The spans it finds are the evidence; when it finds none, the message says what the coach
    looked for (``missing``, as in :func:`found`). ``messages`` are :func:`rule`'s keyword
    arguments (``passed``, ``failed``, ``passes``, ``fails``, ``points``). Returns the check
    function, named after the advice id (``after.gratitude`` -> ``gratitude``). As proselint's
    existence checks and vale's ``existence`` rules, the rule is data, not code.
    """
    def check(subject) -> Verdict:
        return found(detector(subject.text), missing)

    return rule(advice_id, artefact, **messages)(_named(check, advice_id, f"Met when {detector.__name__} finds "
                                                                          "something in the text."))


def forbid(detector, advice_id: str, artefact: str, **messages):
    """Declare a rule met when ``detector`` (or each of a tuple of detectors) finds nothing in the
    subject's ``text``.

    What they find is the evidence of the problem (overlaps joined). ``messages`` as in
    :func:`require`. Returns the check function, named after the advice id.
    """
    detectors = detector if isinstance(detector, tuple) else (detector,)

    def check(subject) -> Verdict:
        spans = [span for find in detectors for span in find(subject.text)]
        return Verdict(not spans, spans)

    names = " or ".join(d.__name__ for d in detectors)
    return rule(advice_id, artefact, **messages)(_named(check, advice_id, f"Met when {names} finds nothing in "
                                                                          "the text."))


def _named(check, advice_id: str, doc: str):
    check.__name__ = check.__qualname__ = advice_id.split(".", 1)[1]
    check.__doc__ = doc
    return check


def run_rules(artefact: str, subject, text: str | None = None) -> Report:
    """Run every rule registered for ``artefact`` on ``subject`` and gather a Report.

    When ``text`` is given and the coach cannot read it as a draft (nothing written yet, the
    notebook's untouched placeholder, or a language other than English), the Report holds one
    finding saying so instead of advice on text that is not there: see :func:`notice_report`.
    """
    rules = [r for r in RULES[artefact].values() if r.applies is None or r.applies(subject)]
    if text is not None:
        from .detect.language import unreadable_reason

        reason = unreadable_reason(text)
        if reason:
            return notice_report(artefact, rules, text, reason)
    return Report(artefact=artefact, findings=[r.run(subject) for r in rules], text=text)


def notice_report(artefact: str, rules: list[Rule], text: str, message: str) -> Report:
    """A Report with one finding, not met and worth 0 of all the points, whose message is ``message``.

    It is filed under the artefact's first advice item (a Finding always names one); the other
    items are not judged, so a grading check for them says the answer was not looked at.
    """
    first = rules[0] if rules else next(iter(RULES[artefact].values()))
    total = float(sum(r.points for r in rules)) or first.points
    finding = Finding(advice_id=first.advice_id, passed=False, points=0.0, max_points=total, message=message)
    return Report(artefact=artefact, findings=[finding], text=text)
