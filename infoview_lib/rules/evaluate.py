"""Measure the scorers against labelled examples: agreement per advice id, and whether scores order
good messages above bad ones.

A labelled file holds one JSON object per line (the format of the course's development data):
``text`` (requests, thank-you notes, notes) or ``questions`` + ``minutes`` + ``topics`` (question
lists), optional ``channel``, ``labels`` (advice id -> true when the advice is met, false when it is
not) and optional ``overall`` ("good" or "bad").

    >>> from infoview_lib.rules.evaluate import evaluate_files
    >>> result = evaluate_files(["tests/data/request-cases.jsonl"])   # doctest: +SKIP
    >>> print(result.to_text())                                        # doctest: +SKIP

"Not met" is the class that matters most (telling a student they missed advice they followed
costs trust), so precision and recall are those of "not met".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from ..errors import InfoviewError

#: file-name start -> artefact, for labelled files (``request-dev-2.jsonl`` holds requests)
FILE_ARTEFACTS = (("thank-you", "thank-you"), ("thank_you", "thank-you"), ("question", "questions"),
                  ("request", "request"), ("notes", "notes"))


class LabelledDataError(InfoviewError, ValueError):
    """A labelled file could not be read; the message names the file and line."""


@dataclass
class Item:
    """One labelled example, scored."""

    source: str
    """``file:line``."""
    artefact: str
    preview: str
    labels: dict
    overall: str | None
    got: dict
    """advice id -> whether the scorer said it is met."""
    score: float


@dataclass
class Evaluation:
    """Every labelled item of one artefact, with the scorer's verdicts."""

    artefact: str
    items: list[Item] = field(default_factory=list)

    def advice_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for item in self.items:
            for advice_id in item.labels:
                seen.setdefault(advice_id, None)
        return list(seen)

    def judged(self, advice_id: str | None = None) -> list[tuple[Item, str, bool, bool]]:
        """(item, advice id, label, got) for every label (of ``advice_id``, if given)."""
        out = []
        for item in self.items:
            for aid, label in item.labels.items():
                if advice_id is None or aid == advice_id:
                    out.append((item, aid, bool(label), item.got.get(aid)))
        return out

    @staticmethod
    def _stats(rows) -> dict:
        n = len(rows)
        agree = sum(1 for _, _, label, got in rows if got is label)
        tp = sum(1 for _, _, label, got in rows if not label and got is False)
        flagged = sum(1 for *_, got in rows if got is False)
        actual = sum(1 for _, _, label, _ in rows if not label)
        return {"n": n, "agreement": agree / n if n else None,
                "precision": tp / flagged if flagged else None, "recall": tp / actual if actual else None}

    def agreement(self, advice_id: str | None = None) -> float | None:
        return self._stats(self.judged(advice_id))["agreement"]

    def pairs(self) -> tuple[float | None, int]:
        """Share of (good, bad) pairs where good scores higher (a tie counts half), and the number of pairs."""
        good = [i.score for i in self.items if i.overall == "good"]
        bad = [i.score for i in self.items if i.overall == "bad"]
        total = len(good) * len(bad)
        if not total:
            return None, 0
        won = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
        return won / total, total

    def to_text(self) -> str:
        lines = [f"== {self.artefact}: {len(self.items)} items"]
        for advice_id in self.advice_ids():
            rows = self.judged(advice_id)
            s = self._stats(rows)
            lines.append(f"  {advice_id:<26} agreement {_fmt(s['agreement'])} ({s['n']} labels)  "
                         f"not met: precision {_fmt(s['precision'])} recall {_fmt(s['recall'])}")
            for item, _, label, got in rows:
                if got is not label:
                    lines.append(f"      miss {item.source}: expected {_word(label)}, got {_word(got)}  "
                                 f"| {item.preview}")
        share, n = self.pairs()
        lines.append(f"  pair order: {_fmt(share)} of {n} good/bad pairs")
        return "\n".join(lines)

    def summary(self) -> str:
        share, n = self.pairs()
        s = self._stats(self.judged())
        return (f"{self.artefact}: agreement {_fmt(s['agreement'])} ({s['n']} labels), "
                f"pair order {_fmt(share)} ({n} pairs)")


def _fmt(value) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _word(value) -> str:
    return "absent" if value is None else ("met" if value else "not met")


def artefact_of(path: Path, record: dict) -> str:
    """The artefact a labelled record is about: from the file name, else from its fields."""
    name = path.name.lower()
    for start, artefact in FILE_ARTEFACTS:
        if name.startswith(start):
            return artefact
    return "questions" if "questions" in record else "request"


def read_labelled(path) -> list[tuple[int, dict]]:
    """(line number, record) for every non-blank line; LabelledDataError naming file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise LabelledDataError(f"cannot read {path}: {err}") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise LabelledDataError(f"{path}:{number}: not valid JSON ({err.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("labels"), dict):
            raise LabelledDataError(f"{path}:{number}: each line must be an object with a 'labels' object")
        if "text" not in record and "questions" not in record:
            raise LabelledDataError(f"{path}:{number}: needs 'text' or 'questions'")
        out.append((number, record))
    return out


def score_record(artefact: str, record: dict):
    """The scorer's Report for one labelled record."""
    from . import scorer_for

    scorer = scorer_for(artefact)
    if artefact == "questions":
        return scorer(record["questions"], record.get("minutes") or 30, record.get("topics") or ())
    options = {k: record[k] for k in ("channel", "interview_on", "sent_on") if record.get(k)}
    if artefact == "notes":
        options = {}
    return scorer(record["text"], **options)


def evaluate_files(paths) -> dict[str, Evaluation]:
    """Score every record of the labelled files ``paths``; artefact -> Evaluation."""
    results: dict[str, Evaluation] = {}
    for path in map(Path, paths):
        for number, record in read_labelled(path):
            artefact = artefact_of(path, record)
            try:
                report = score_record(artefact, record)
            except (TypeError, ValueError) as err:
                raise LabelledDataError(f"{path}:{number}: cannot score it: {err}") from None
            got = {f.advice_id: f.passed for f in report.findings}
            shown = record.get("text") if "text" in record else " / ".join(record["questions"])
            preview = " ".join(str(shown).split())[:90]
            results.setdefault(artefact, Evaluation(artefact)).items.append(
                Item(f"{path.name}:{number}", artefact, preview, dict(record["labels"]),
                     record.get("overall"), got, report.score))
    return results
