"""Topics: where a request says what the writer wants to learn, how many things it names, and vague framings.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .text import (
    GENERIC_WORDS,
    LazyPattern,
    Span,
    _rx,
    content_words,
    find_spans,
    is_negated,
    merge_spans,
    sentence_spans,
)


_TOPIC_CUE = _rx(
    r"""\b(?:learn|learning|hear|hearing|know|find\s+out|ask|asking|talk|talking|chat|chatting|speak|speaking|
        questions?|discuss|discussing|pick\s+your\s+brains?)
        (?:\s+(?!about\b|how\b|what\b|why\b|whether\b|more\b|regarding\b)[\w’'-]+){0,4}?\s+
        (?:more\s+|a\s+bit\s+(?:more\s+)?|a\s+little\s+(?:more\s+)?)?(?:about|regarding|on\s+how|how|what|why|
                whether|which)\b
    | \b(?:curious|interested|fascinated|intrigued)\s+(?:\w+\s+){0,2}?(?:about|in|by|how|what|why|whether|which)\b
    | \b(?:understand|explore)\s+(?:better\s+|more\s+about\s+)?(?:how|what|why)\b
    | \b(?:see|observe|watch)\s+(?:first[\s-]?hand\s+)?how\b
    | \b(?:insights?|advice|perspective|thoughts|views)\s+(?:on|about|regarding|into)\b
    | \bdiscuss\b | \bpick\s+your\s+brains?\b"""
)
#: where a topic segment ends: a new clause with its own subject or purpose
_SEGMENT_STOP = LazyPattern(
    r"[;—–]|\s-\s|\s+but\s|,\s*(?:so|as(?!\s+well\s+as)|because|since|which|if|though)\b"
    r"|\s+and\s+(?:I|I['’](?:d|m|ll|ve)|we|would|could|it|if|perhaps|maybe)\b|\s+(?:if|because|since|so\s+that)\s",
    re.I,
)
_VAGUE_TOPIC = _rx(
    r"""\bpick\s+your\s+brains?\b | \bno\s+(?:specific|particular|set|real|fixed)\s+(?:agenda|topic|questions?|plan)\b
    | \b(?:libraries|librarianship|archives|the\s+field|your\s+career|things)\s+in\s+general\b
    | \bgeneral\s+(?:advice|chat|questions?)\b
    | \bjust\s+(?:to\s+)?(?:chat|talk|connect|catch\s+up)\b | \bget\s+to\s+know\s+you\b"""
)
#: a topic that opens like this names no subject ("learn about everything you do")
_OPEN_ENDED_TOPIC = LazyPattern(
    r"\s*(?:more\s+)?(?:about\s+)?(?:anything|everything|whatever|all\s+(?:about|aspects|things)|all\s+you\s+do)\b", re.I
)
#: topics so broad that they name no subject
_GENERIC_TOPIC_PHRASES = frozenset(
    {"libraries", "library", "librarianship", "archives", "the field", "your field", "your work", "your job",
     "your career", "what you do", "the profession", "your profession", "your library", "your organization",
     "your organisation", "things", "stuff", "you", "your role", "your experience", "careers", "work",
     "your background", "the industry", "your industry", "information science", "your company", "your team"}
)
_GENERIC_CAREER = LazyPattern(
    r"(?:a\s+|your\s+)?(?:careers?|jobs?|work)\s+(?:in|with)\s+(?:librarianship|libraries|the\s+field|archives|"
    r"information\s+science|the\s+profession|the\s+industry)"
)
#: an amount of time, which is what is asked for, not a subject ("an hour of your time")
_TIME_AMOUNT = LazyPattern(
    r"(?:(?:an?|one|a\s+few|a\s+couple\s+of|some|\d+|[a-z]+(?:-[a-z]+)?)\s+)?(?:short\s+|quick\s+)?"
    r"(?:minutes?|hours?|moments?)(?:\s+of\s+your\s+(?:valuable\s+)?time)?|your\s+(?:valuable\s+)?time"
)
_LIST_SEPARATOR = _rx(r",|;|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b|&", word_start=False)
_ELABORATION = LazyPattern(r"^\s*(?:especially|particularly|in\s+particular|specifically|notably|above\s+all|and\s+especially)\b", re.I)
_TOPIC_TAIL = _rx(
    r"""\s*(?:sometime|some\s*time|soon|with\s+you|in\s+the\s+(?:next|coming)\s+[\w\s]+|next\s+\w+|this\s+\w+|at\s+your\s+convenience)\s*$""",
    word_start=False,
)
#: more topics than this is a long list
MAX_TOPICS = 3


@lru_cache(maxsize=64)
def topic_segments(text: str) -> tuple[Span, ...]:
    """Where the writer says what they want to learn: each topic cue ("learn
    about", "hear how", "curious about", "advice on") that is not negated
    opens a segment running to the next cue, the end of the clause or the end
    of the sentence."""
    segments: list[Span] = []
    bullets: list[Span] = []
    for a, b in sentence_spans(text):
        if any(x < b and a < y for x, y in bullets):
            continue  # a bullet item already counted as a topic
        cues = [m for m in _TOPIC_CUE.finditer(text, a, b) if not is_negated(text, m.start(), m.end())]
        for i, m in enumerate(cues):
            end = cues[i + 1].start() if i + 1 < len(cues) else b
            stop = _SEGMENT_STOP.search(text, m.end(), end)
            if stop:
                end = stop.start()
            while end > m.end() and text[end - 1] in ".!?\"'”’) ,":
                end -= 1
            if end > m.end():
                segments.append((m.end(), end))
            if i + 1 == len(cues) and text[a:b].endswith(":"):
                bullets = _bullets_after(text, b)
                segments.extend(bullets)
    return tuple(segments)


_BULLET = LazyPattern(r"[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]+([^\n]+)")


def _bullets_after(text: str, pos: int) -> list[Span]:
    """The items of a bulleted list ("- how you ...", "1. what ...") starting on the line after ``pos``."""
    items = []
    nl = text.find("\n", pos)
    while nl != -1:
        m = _BULLET.match(text, nl + 1)
        if not m:
            break
        a, b = m.span(1)
        while b > a and text[b - 1] in ".!?;, \t\r":
            b -= 1
        if b > a:
            items.append((a, b))
        nl = text.find("\n", m.end())
    return items


def list_items(segment: str) -> list[str]:
    """The items of a topic list: "cataloguing, acquisitions and outreach" has
    three; text after a colon is the list ("one thing: how you ..."), and an
    elaboration ("..., especially how you ...") adds no item."""
    if ":" in segment:
        segment = segment.split(":", 1)[1]
    items = []
    for piece in _LIST_SEPARATOR.split(segment):
        if _ELABORATION.match(piece) and items:
            continue
        if content_words(piece):
            items.append(piece.strip())
    return items


#: words of asking and wanting, which name no subject ("learning more", "the opportunity to ask")
_ASKING_WORDS = GENERIC_WORDS | frozenset(
    """learn learning hear hearing know knowing ask asking talk talking chat chatting speak speaking discuss
    discussing opportunity chance appreciate love like welcome would could also perhaps generally general""".split()
)


def is_generic_topic(segment: str) -> bool:
    """True when a topic names no subject: "libraries", "your work", "what you do"."""
    if len(content_words(segment, ignore=_ASKING_WORDS)) > 4:
        return False  # a long phrase names something; no need to look closer
    phrase = _TOPIC_TAIL.sub("", segment.strip().strip(".?!,;:")).lower()
    phrase = re.sub(r"^(?:more\s+|a\s+bit\s+|some\s+|about\s+)+", "", phrase).strip()
    return (phrase in _GENERIC_TOPIC_PHRASES or _GENERIC_CAREER.fullmatch(phrase) is not None
            or _TIME_AMOUNT.fullmatch(phrase) is not None
            or not content_words(phrase, ignore=_ASKING_WORDS))


def find_vague_topics(text: str) -> list[Span]:
    """Vague framings: "pick your brain", "no specific agenda", "libraries in
    general", "just to chat", and topics that open with "anything",
    "everything (you do)" or "whatever"."""
    spans = find_spans(_VAGUE_TOPIC, text)
    for a, b in topic_segments(text):
        m = _OPEN_ENDED_TOPIC.match(text, a, b)
        if m:
            spans.append((a + len(m.group()) - len(m.group().lstrip()), m.end()))
    return merge_spans(spans)
