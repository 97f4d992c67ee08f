"""Rules for a student's interview notes and reflections.

Source: Ellen Mehling, "Demystifying the Informational Interview", section
"Before and during the interview": keep the conversation positive, and do not
join in if the interviewee criticises a person, a library or a workplace. The
notes a student writes during or after the meeting show whether they did.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..inputs import require_text
from ..report import Report
from .base import forbid, run_rules
from .detect.notes import find_disparagement


@dataclass(frozen=True)
class InterviewNotes:
    """What the notes rules read."""

    text: str
    """The notes or reflection as written."""


def score_notes(text: str) -> Report:
    """Check interview notes or a reflection for disparaging remarks.

    Returns a Report with one finding (``during.stay_positive``); empty notes
    score 0. Raises TypeError if ``text`` is not a str and ValueError if it is
    over 20,000 characters.
    """
    text = require_text(text, "text")
    return run_rules("notes", InterviewNotes(text), text)


stay_positive = forbid(
    find_disparagement, "during.stay_positive", "notes",
    passed="Your notes stay positive and factual.",
    failed="Rewrite the remarks that put someone or somewhere down as neutral facts (\"the catalogue is "
           "being migrated\"), and don't join in if they criticise someone.",
    passes=["She explained how the team chose a new discovery layer and what they would do differently.",
            "He said the board was hard to work with; I changed the subject to their teen program.",
            "The staff were not rude at all; everyone was welcoming."],
    fails=["Their catalogue is a mess and the staff are lazy."])
