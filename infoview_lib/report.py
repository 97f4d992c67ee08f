"""Results as data: a :class:`Finding` per advice item, gathered in a :class:`Report`.

Reports are plain data that pandas, the CLI, widgets and nbgrader tests all read;
in a notebook they render themselves through ``_repr_html_`` (see
:mod:`infoview_lib.render`).

As JSON, a report has one shape, :meth:`Report.to_dict` (read back with
:meth:`Report.from_dict`), documented in ``docs/report-format.md``: every program that writes
findings (``infoview score --json``, the grading subprocess, the coach app) writes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from .errors import InfoviewError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Span = tuple[int, int]

#: The JSON envelope of a serialised report: ``{"format": REPORT_FORMAT, "version": REPORT_VERSION, ...}``.
REPORT_FORMAT = "infoview-report"
#: Raised when a field is added, removed or changes meaning (readers check it: :meth:`Report.from_dict`).
REPORT_VERSION = 1


class ReportFormatError(InfoviewError, ValueError):
    """A serialised report that :meth:`Report.from_dict` cannot read; the message names what is wrong."""


@dataclass(frozen=True)
class Finding:
    """What one rule found about one piece of advice."""

    advice_id: str
    """The advice this finding is about (a key of ``infoview_lib.advice.ADVICE``)."""
    passed: bool
    """True when the student's work follows the advice."""
    points: float
    """Points earned for this advice item."""
    max_points: float
    """Points available for this advice item."""
    message: str
    """What to do next, in plain words, citing the advice."""
    spans: tuple[Span, ...] = ()
    """(start, end) character offsets in the text that triggered the finding."""

    @property
    def status(self) -> str:
        """A word for the result that does not rely on colour: "met" or "not met"."""
        return "met" if self.passed else "not met"

    @property
    def symbol(self) -> str:
        """A symbol for the result: a tick or a cross."""
        return "\u2714" if self.passed else "\u2718"

    def to_dict(self, text: str | None = None) -> dict:
        """This finding as a JSON-ready dictionary (one entry of a report's ``"findings"``).

        Keys: ``advice_id``; ``title`` and ``priority`` (from the advice registry: the short title every
        view shows, and how much an unmet item matters, 1 = most); ``passed`` and ``status`` ("met" /
        "not met"); ``points``, ``max_points``; ``message``; ``spans`` ([start, end] character offsets
        in ``text``) and ``evidence`` (the text of each span; empty without ``text``).
        """
        from .advice import ADVICE

        advice = ADVICE[self.advice_id]
        return {
            "advice_id": self.advice_id,
            "title": advice.title,
            "priority": advice.priority,
            "passed": self.passed,
            "status": self.status,
            "points": self.points,
            "max_points": self.max_points,
            "message": self.message,
            "spans": [[a, b] for a, b in self.spans],
            "evidence": [text[a:b] for a, b in self.spans] if text else [],
        }

    @classmethod
    def from_dict(cls, data: dict, where: str = "finding") -> "Finding":
        """The finding :meth:`to_dict` wrote (derived keys such as ``title`` are not read back).

        ReportFormatError naming ``where`` and the key when a key is missing or of the wrong type.
        """
        if not isinstance(data, dict):
            raise ReportFormatError(f"{where} must be a JSON object, not {type(data).__name__}")
        kinds = {"advice_id": str, "passed": bool, "points": (int, float), "max_points": (int, float),
                 "message": str}
        for key, kind in kinds.items():
            if key not in data:
                raise ReportFormatError(f"{where} has no {key!r}")
            value = data[key]
            if not isinstance(value, kind) or (kind != bool and isinstance(value, bool)):
                raise ReportFormatError(f"{where}: {key!r} must be {_kind_name(kind)}, not {value!r}")
        spans = data.get("spans", [])
        if not isinstance(spans, list) or not all(
                isinstance(s, (list, tuple)) and len(s) == 2 and all(type(n) is int for n in s) for s in spans):
            raise ReportFormatError(f"{where}: 'spans' must be a list of [start, end] pairs of integers, not {spans!r}")
        return cls(data["advice_id"], data["passed"], float(data["points"]), float(data["max_points"]),
                   data["message"], tuple((a, b) for a, b in spans))


def _kind_name(kind) -> str:
    return {str: "a string", bool: "true or false"}.get(kind, "a number")


@dataclass
class Report:
    """All findings about one piece of student work."""

    artefact: str
    """What was scored: "request", "questions", "logistics", "thank-you", "notes" or "contact log"."""
    findings: list[Finding] = field(default_factory=list)
    """One finding per advice item checked, in rule order."""
    text: str | None = None
    """The text that was scored (for highlighting evidence), if the work was a text."""

    @property
    def points(self) -> float:
        return float(sum(f.points for f in self.findings))

    @property
    def max_points(self) -> float:
        return float(sum(f.max_points for f in self.findings))

    @property
    def score(self) -> float:
        """Share of the available points earned, from 0 to 1 (0 when nothing was checked)."""
        return self.points / self.max_points if self.max_points else 0.0

    @property
    def passed(self) -> bool:
        """True when every finding is met."""
        return bool(self.findings) and all(f.passed for f in self.findings)

    @property
    def advice_ids(self) -> list[str]:
        return [f.advice_id for f in self.findings]

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if not f.passed]

    def finding(self, advice_id: str) -> Finding:
        """The finding for ``advice_id``; KeyError naming the ids checked if there is none."""
        for f in self.findings:
            if f.advice_id == advice_id:
                return f
        raise KeyError(
            f"this {self.artefact} report has no finding for {advice_id!r}; "
            f"it checked: {', '.join(self.advice_ids) or 'nothing'}"
        )

    def __contains__(self, advice_id: object) -> bool:
        return any(f.advice_id == advice_id for f in self.findings)

    def to_records(self) -> list[dict]:
        """The findings as a list of plain dictionaries (JSON-ready): :meth:`Finding.to_dict` of each."""
        return [f.to_dict(self.text) for f in self.findings]

    def to_dict(self) -> dict:
        """The report as JSON-ready data, format ``infoview-report`` version 1 (``docs/report-format.md``).

        ``{"format": "infoview-report", "version": 1, "artefact", "passed", "score", "points",
        "max_points", "next_steps": [advice ids], "text", "findings": [Finding.to_dict(), ...]}``.
        ``score`` is the share of points earned (0 to 1); ``next_steps`` the unmet items every view
        shows first (:func:`infoview_lib.render.next_steps`); ``text`` the scored text or null.
        """
        from .render import next_steps

        return {
            "format": REPORT_FORMAT,
            "version": REPORT_VERSION,
            "artefact": self.artefact,
            "passed": self.passed,
            "score": self.score,
            "points": self.points,
            "max_points": self.max_points,
            "next_steps": [f.advice_id for f in next_steps(self)],
            "text": self.text,
            "findings": self.to_records(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        """The report :meth:`to_dict` wrote; ReportFormatError saying what is wrong with anything else
        (another format, a newer version, a missing or mistyped key, naming the finding)."""
        if not isinstance(data, dict):
            raise ReportFormatError(f"a report must be a JSON object, not {type(data).__name__}")
        if data.get("format") != REPORT_FORMAT:
            raise ReportFormatError(f"not an {REPORT_FORMAT} (its 'format' is {data.get('format')!r})")
        if data.get("version") != REPORT_VERSION:
            raise ReportFormatError(f"{REPORT_FORMAT} version {data.get('version')!r} is not supported; "
                                    f"this Infoview reads version {REPORT_VERSION}")
        artefact, text, findings = data.get("artefact"), data.get("text"), data.get("findings")
        if not isinstance(artefact, str):
            raise ReportFormatError(f"'artefact' must be a string, not {artefact!r}")
        if text is not None and not isinstance(text, str):
            raise ReportFormatError(f"'text' must be a string or null, not {type(text).__name__}")
        if not isinstance(findings, list):
            raise ReportFormatError(f"'findings' must be a list, not {type(findings).__name__}")
        return cls(artefact, [Finding.from_dict(f, f"findings[{i}]") for i, f in enumerate(findings)], text)

    def to_frame(self) -> "pd.DataFrame":
        """The findings as a pandas DataFrame, one row per advice item."""
        import pandas as pd

        columns = ["advice_id", "passed", "points", "max_points", "message", "evidence"]
        rows = [{k: r[k] for k in columns} for r in self.to_records()]
        return pd.DataFrame(rows, columns=columns)

    def to_text(self) -> str:
        """A plain-text table of the findings (used by the CLI)."""
        from .render import report_text

        return report_text(self)

    def _repr_html_(self) -> str:
        from .render import report_html

        return report_html(self)

    def __str__(self) -> str:
        return self.to_text()
