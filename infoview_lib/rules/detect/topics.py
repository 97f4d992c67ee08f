"""Topics: where a request says what the writer wants to learn, how many things it names, and vague framings.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .text import (
    LazyPattern,
    Span,
    _rx,
    content_stems,
    content_words,
    find_spans,
    generic_words,
    is_negated,
    merge_spans,
    sentence_spans,
    word_set,
)


#: "about" followed by an amount of time is not a subject ("interview you for about half an hour")
_NOT_A_SUBJECT = r"(?!\s+(?:half|a\s+quarter|an?\s+hour|\d+|ten|fifteen|twenty|thirty|forty|a\s+few\s+minutes)\b)"
_TOPIC_CUE = _rx(
    r"""\b(?:learn|learning|hear|hearing|(?<!let\s)(?<!let\sme\s)(?<!let\sus\s)know|find\s+out|ask|asking|talk|talking|
        chat|chatting|speak|speaking|questions?|discuss|discussing|pick\s+your\s+brains?|tell\s+me|telling\s+me|
        show\s+me|showing\s+me|walk\s+me\s+through|explain|explaining|describe|describing|share|sharing|
        interview\s+you|call|conversation|meeting|coffee|chat|visit)
        (?:\s+(?!about\b|how\b|what\b|why\b|whether\b|more\b|regarding\b)[\w’'-]+){0,6}?\s+
        (?:more\s+|a\s+bit\s+(?:more\s+)?|a\s+little\s+(?:more\s+)?)?(?:about|regarding|on\s+how|how|what|why|
                whether|which)\b""" + _NOT_A_SUBJECT + r"""
    | \b(?:curious|interested|fascinated|intrigued|keen\s+to\s+(?:learn|hear|know|understand))\s+(?:\w+\s+){0,2}?
        (?:about|in|by|how|what|why|whether|which)\b
    | \b(?:understand|explore|exploring|researching|studying|investigating|looking\s+into|writing\s+(?:a\s+[\w-]+\s+|
          my\s+[\w-]+\s+)?(?:about|on))\s+(?:better\s+|more\s+about\s+)?(?:how|what|why|whether)\b
    | \b(?:see|observe|watch)\s+(?:first[\s-]?hand\s+)?how\b
    | \b(?:insights?|advice|perspective|thoughts|views|tips|guidance)\s+(?:on|about|regarding|into|for)\b
    | \bhow\s+(?=(?:you|your|they|their|the|one|to|people|teams?|libraries|archives|museums|small|new)\b)
        (?!you(?:['’]re|\s+are)\s+doing|you\s+(?:found|are|were)\b|your\s+(?:week|day|weekend)\b)
    | (?=your\s+(?:\w+\s+)?(?:work|experience|role|research|project|approach|career|move|transition|path|
        journey)\s+(?:on|with|in|as|at|building|running|leading|managing|from|into|to|developing)\b)
    | \bdiscuss\b | \bpick\s+your\s+brains?\b"""
)
#: a question that asks for something other than a subject: time, a meeting, a reply
_MEETING_QUESTION = _rx(
    r"""\b(?:minutes?|hours?|time|meet|meeting|call|coffee|available|availability|free|convenient|suit|schedule|
        week|month|zoom|teams|connect|reply|respond|chat|chance|possible|willing|open\s+to|mind|okay|ok|
        interviews?|set\s+up|introduce)\b"""
)
#: a question sentence that asks about the work itself (a how or what, or a choice): a topic in itself
_SUBJECT_QUESTION = _rx(r"(?:how|what|which|why|when|where|who)\b")
_CHOICE_QUESTION = _rx(r"\b(?:would|do|did|should|could)\s+(?:you|I|one|a|an|the)\b[^?]*\bor\b")
#: before a cue, words that make it praise or a past event, not a wish to learn
#: ("I've admired how you built ...", "I enjoyed hearing about ...", "we talked about ...")
_NOT_A_WISH = _rx(
    r"""(?:(?:admire[sd]?|impressed\s+(?:by|with)|inspired\s+by|amazed\s+(?:by|at)|enjoyed|appreciated|
        saw|seen|noticed|read\s+about|described|praised|cited|highlighted|recommended|(?:we|I)\s+(?:\w+\s+)?(?:talked|chatted|spoke|discussed|heard|learned|learnt))
        \s+(?:\w+\s+){0,2} | (?:love[sd]?|liked)\s+)$"""
)


#: where a topic segment ends: a new clause with its own subject or purpose
_SEGMENT_STOP = LazyPattern(
    r"[;—–]|\s-\s|\s+but\s|,\s*(?:so|as(?!\s+well\s+as)|because|since|which|if|though)\b"
    r"|\s+and\s+(?:I|I['’](?:d|m|ll|ve)|we|would|could|it|if|perhaps|maybe)\b|\s+(?:if|because|since|so\s+that)\s",
    re.I,
)
_VAGUE_TOPIC = _rx(
    r"""\bpick\s+your\s+brains?\b | \bno\s+(?:specific|particular|set|real|fixed)\s+(?:agenda|topic|questions?|plan)\b
    | \b(?:learn|know|hear|ask|tell\s+me|teach\s+me|understand)\s+(?:\w+\s+)?(?:everything|anything|all\s+there\s+is)\s+
        (?:about|on|regarding|in)\b
    | \b(?:libraries|librarianship|archives|the\s+field|your\s+career|things|world|field|sector|industry|profession|
          area|work|careers|museums|publishing|tech)\s+in\s+general\b
    | \bgeneral\s+(?:advice|chat|questions?)\b
    | \bjust\s+(?:to\s+)?(?:chat|talk|connect|catch\s+up)\b | \bget\s+to\s+know\s+you\b"""
)
#: a topic that opens like this names no subject ("learn about everything you do")
_OPEN_ENDED_TOPIC = LazyPattern(
    r"\s*(?:more\s+)?(?:about\s+)?(?:anything|everything|whatever|all\s+(?:about|aspects|things)|all\s+you\s+do)\b", re.I
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
#: the advice: name at most this many topics ("one or two")
ADVISED_TOPICS = 2
#: more topics than this is a long list: one more than the advice, because the count is approximate
#: ("archives and special collections" may be one topic or two)
MAX_TOPICS = ADVISED_TOPICS + 1


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
        cues = []
        for m in _TOPIC_CUE.finditer(text, a, b):
            if cues and (m.start() < cues[-1].end() or m.start() == m.end()):
                continue  # "learn how" and its "how": one cue; "... the move into your role at X": one segment
            if is_negated(text, m.start(), m.end()):
                continue
            if _NOT_A_WISH.search(text, max(a, m.start() - 60), m.start()):
                continue
            cues.append(m)
        if not cues and text[b - 1] == "?":
            question = _subject_question(text, a, b)
            if question:
                segments.append(question)
            continue
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


def _subject_question(text: str, a: int, b: int) -> Span | None:
    """The question in sentence ``text[a:b]`` when it asks about the work rather than for a meeting
    ("when a press starts out, would you sign with a distributor or sell to shops?")."""
    colon = text.find(":", a, b)
    start = colon + 1 if colon != -1 else a
    while start < b and not text[start].isalnum():
        start += 1
    if _MEETING_QUESTION.search(text, start, b):
        return None
    clauses = [start] + [m.end() for m in re.finditer(r",\s*", text[start:b])]
    asks = any(_SUBJECT_QUESTION.match(text, start + c if c != start else start, b) for c in clauses[:1]) or any(
        _SUBJECT_QUESTION.match(text, start + c, b) for c in clauses[1:])
    if not asks and not _CHOICE_QUESTION.search(text, start, b):
        return None
    return (start, b - 1)


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


_QUESTION_JOIN = _rx(r"\b(?:and|or)\s+(?:how|what|why|which|whether|where|when|who)\b")


def count_topics(text: str, segments) -> int:
    """How many things the writer asks about, over all ``segments``.

    A list ("cataloguing, acquisitions, budgeting and grants") counts each item; otherwise a
    segment counts one topic per comma-separated part and one more per joined question ("how
    you plan X and how you fund it": two). A segment that repeats an earlier one (most of its
    words already named) adds nothing, so a long draft that comes back to one topic names one.
    """
    total = 0
    seen: set[str] = set()
    for a, b in segments:
        segment = text[a:b]
        stems = content_stems(segment)
        if stems and seen and len(stems & seen) * 5 >= len(stems) * 3:
            continue
        seen |= stems
        items = list_items(segment)
        pieces = [p for p in re.split(r"[,;]", segment.split(":", 1)[-1])
                  if content_words(p) and not _ELABORATION.match(p)]
        if len(pieces) >= 3:
            total += len(items)
        else:
            total += max(1, len(pieces)) + len(_QUESTION_JOIN.findall(segment))
    return total


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


@lru_cache(maxsize=None)
def _asking_words() -> frozenset[str]:
    """Words of asking and wanting, and generic words: together they name no subject."""
    return word_set("asking") | generic_words()


def is_generic_topic(segment: str) -> bool:
    """True when a topic names no subject: "libraries", "your work", "what you do"."""
    if len(content_words(segment, ignore=_asking_words())) > 4:
        return False  # a long phrase names something; no need to look closer
    phrase = _TOPIC_TAIL.sub("", segment.strip().strip(".?!,;:")).lower()
    phrase = re.sub(r"^(?:more\s+|a\s+bit\s+|some\s+|about\s+)+", "", phrase).strip()
    return (phrase in word_set("generic_topics") or _GENERIC_CAREER.fullmatch(phrase) is not None
            or _TIME_AMOUNT.fullmatch(phrase) is not None
            or not content_words(phrase, ignore=_asking_words()))


def find_vague_topics(text: str) -> list[Span]:
    """Vague framings: "pick your brain", "no specific agenda", "libraries in
    general", "just to chat", and topics that open with "anything",
    "everything (you do)" or "whatever".

    Finds: "Can I pick your brain sometime about libraries?"
    Ignores: "I'd love to hear how you moved into law librarianship."
    """
    spans = find_spans(_VAGUE_TOPIC, text)
    for a, b in topic_segments(text):
        m = _OPEN_ENDED_TOPIC.match(text, a, b)
        if m:
            spans.append((a + len(m.group()) - len(m.group().lstrip()), m.end()))
    return merge_spans(spans)
