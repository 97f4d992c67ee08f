"""Questions: open or yes/no, and what subject a question is about.

A question is on topic by meaning, not by shared words: the general questions every informational
interview has (a typical day, the career path, what they like, skills, trends, advice, whom else
to ask) are in scope of any request, and a question is flagged only when it clearly belongs
elsewhere: hiring and openings, salary and benefits, personal life, or an unrelated subject
(the ``elsewhere`` concepts of ``infoview_lib/data/topics.json``), unless the agreed topics name
that subject too.

Finds (off topic): "Is the pay good?", "Are you hiring this year?", "Which restaurants near the
archive do you recommend?".
Ignores: "Which information sources does your team pay for?", "What is a typical day like?".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .jobs import find_job_asks
from .text import (
    LazyPattern,
    _rx,
    sentence_spans,
)
from .vocab import concepts, phrase_pattern


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


@lru_cache(maxsize=None)
def _concept_patterns(key: str) -> tuple[tuple[str, LazyPattern], ...]:
    return tuple((concept, LazyPattern(phrase_pattern(phrases), re.I))
                 for concept, phrases in concepts("topics.json", key).items())


def general_concept(question: str) -> str | None:
    """The general informational-interview concept ``question`` is about ("day-to-day work",
    "career path", "advice", ...), or None."""
    for concept, pattern in _concept_patterns("general"):
        if pattern.search(question):
            return concept
    return None


def elsewhere_subject(question: str, topics: str = "") -> str | None:
    """The subject outside an informational interview that ``question`` is about ("salary and
    benefits", "hiring and openings", "personal life", "an unrelated subject"), or None.

    A job ask is about hiring. A subject the agreed ``topics`` name too is in scope
    ("salary negotiation" as a topic makes "How do you negotiate salary?" on topic)."""
    for concept, pattern in _concept_patterns("elsewhere"):
        m = pattern.search(question)
        if m and not pattern.search(topics):
            return concept
    if find_job_asks(question):
        return "hiring and openings"
    return None
