"""Questions: open or yes/no.
"""
from __future__ import annotations

import re

from .text import (
    _rx,
    sentence_spans,
)


_OPEN_ASK = _rx(
    r"""^(?:(?:and|so|also|finally|lastly|first|next|then|now)[,]?\s+)?(?:
        how|what|why|which|where|when|who|whom|whose|in\s+what|to\s+what\s+extent|tell\s+me|describe|explain|walk\s+me|
        talk\s+me|share|please\s+(?:tell|describe|explain|share|walk)|
        (?:could|can|would|will)\s+you\s+(?:please\s+)?(?:tell|describe|explain|walk|talk|share|give|say\s+more|
                elaborate|expand|outline|help\s+me\s+understand)
        )\b""",
    word_start=False,
)
_CLOSED_ASK = _rx(
    r"""^(?:(?:and|so|also|finally|lastly|first|next|then|now)[,]?\s+)?
        (?:do|does|did|is|isn['’]t|are|aren['’]t|was|were|can|could|will|would|should|shall|have|has|had|may|might|am|
        don['’]t|doesn['’]t|won['’]t|wouldn['’]t)\s+(?:\w+)""",
    word_start=False,
)


def is_open_question(question: str) -> bool:
    """True unless the question can be answered by yes or no.

    Open: "How did you ...?", "What ...?", "Tell me about ...", "Could you
    describe ...?", "Since you launched X, how has ...?". Closed: "Do you
    like ...?", "Is it ...?", "Are there ...?", "Can I ...?".
    A question with neither kind of opening ("Your thoughts on X?") counts as
    open, and so does an item asking several things when one of them is open
    ("What is it like? Is it stressful?").
    """
    text = question.strip()
    if not text:
        return False
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    asked = [s for s in sentences if s.rstrip().endswith("?")] or sentences[-1:]
    return any(_opens_a_conversation(sentence) for sentence in asked)


def _opens_a_conversation(sentence: str) -> bool:
    for clause in re.split(r"[,;:—–]", sentence):
        clause = clause.strip()
        if _OPEN_ASK.match(clause):
            return True
        if _CLOSED_ASK.match(clause):
            return False
    return True
