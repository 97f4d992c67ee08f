"""Results as data: a :class:`Finding` per advice item, gathered in a :class:`Report`.

Reports are plain data that pandas, the CLI, widgets and nbgrader tests all read;
in a notebook they render themselves through ``_repr_html_`` (see
:mod:`infoview_lib.render`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Span = tuple[int, int]


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
        """The findings as a list of plain dictionaries (JSON-ready)."""
        rows = []
        for f in self.findings:
            row = asdict(f)
            row["spans"] = [list(s) for s in f.spans]
            row["evidence"] = [self.text[a:b] for a, b in f.spans] if self.text else []
            rows.append(row)
        return rows

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
