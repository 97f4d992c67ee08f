"""Time: bounded asks ("20 minutes", "a short call") and long ones ("two hours", "all afternoon").
"""
from __future__ import annotations

from .text import (
    Span,
    _rx,
    clause_start,
    find_spans,
)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_MINUTES = _rx(
    rf"""\b(?P<a>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<b>{_NUM}))?[\s-]*(?:min(?:ute)?s?|mins?)\b
    (?!\s+(?:away|ago|late|early|drive|walk|commute|from\s+here))"""
)
_HALF_HOUR = _rx(r"\b(?:half\s+an\s+hour|a\s+half[\s-]hour|half[\s-]hour|(?:a\s+)?quarter\s+of\s+an\s+hour)\b")
_SHORT_MEETING = _rx(
    r"""\b(?:a|an|one)\s+(?:(?:very|really|fairly|relatively|quite)\s+)?(?:short|brief|quick|little|small)
    \s+(?:\w+\s+){0,2}?(?:conversation|call|chat|meeting|talk|visit|coffee|discussion|interview|catch[\s-]up|
    exchange|zoom|phone\s+call|video\s+call|sit[\s-]down|session|informational)\b
    | \b(?:a\s+few|a\s+couple\s+of|several|some)\s+minutes\b | \ba\s+(?:few\s+)?moments?\s+of\s+your\s+time\b
    | \b(?:have|spare|take|for|give\s+me)\s+(?:just\s+)?a\s+(?:quick\s+)?(?:moment|minute)\b
    | \b(?:one|a\s+(?:quick|single|short))\s+question\b
    | \b(?:keep|keeping)\s+it\s+(?:short|brief|quick|under)\b
    | \b(?:won['’]t|will\s+not|wouldn['’]t|would\s+not|not)\s+take\s+(?:up\s+)?(?:much|long|a\s+lot|more\s+than|
          too\s+much)\b
    | \b(?:meet|speak|talk|chat|connect)\s+(?:with\s+you\s+)?briefly\b"""
)
#: words that mark a phrase as a past event ("we had a short chat at ...", "we spent a whole day ...")
_PAST_MARKERS = _rx(r"""\b(?:had|was|were|did|enjoyed|after|during|since|last|met|spoke|talked|chatted|our
    | spent|went|visited|attended|worked|volunteered|shadowed|interned|stayed|waited)\b""")
_LONG_TIME = _rx(
    r"""\b(?:a\s+couple\s+(?:of\s+)?|two|three|four|several|a\s+few|\d+)\s+hours\b
    | (?<!half\s)(?<!of\s)\b(?:an|one|1|a\s+full|a\s+whole)\s+hours?\b(?!\s+(?:away|ago|drive))
    | \ball\s+(?:afternoon|morning|day|evening)\b
    | \b(?:a|the)\s+(?:whole|full|entire)\s+(?:day|afternoon|morning|evening)\b
    | \b(?:a|one)\s+day\s+(?:of\s+your\s+time|to\s+shadow|with\s+you)\b
    | \bas\s+(?:long|much\s+(?:of\s+your\s+)?time)\s+as\s+(?:you|possible)\b | \bhowever\s+long\b"""
)
#: the longest ask that still counts as brief
BRIEF_MINUTES = 30


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


def _is_past_event(text: str, start: int) -> bool:
    return _PAST_MARKERS.search(text, clause_start(text, start), start) is not None


def find_time_bounds(text: str) -> list[tuple[Span, int | None]]:
    """Bounded asks for time, each with its length in minutes when stated.

    "20 minutes", "a 15-minute call", "15 to 20 minutes" (20), "half an hour"
    (30), "a short call", "a quick chat", "a brief conversation", "a few minutes"
    (no number). Past events ("we had a short chat at the conference", "we met
    briefly") and distances ("20 minutes away") are not asks.

    Finds: "Would you have 20 minutes?"
    Finds: "Could you spare half an hour?"
    Ignores: "Could we meet?"
    """
    found: list[tuple[Span, int | None]] = []
    for m in _MINUTES.finditer(text):
        minutes = max(_number(m.group("a")), _number(m.group("b")) if m.group("b") else 0)
        found.append((m.span(), minutes))
    for m in _HALF_HOUR.finditer(text):
        found.append((m.span(), 15 if "quarter" in m.group().lower() else 30))
    for m in _SHORT_MEETING.finditer(text):
        if not _is_past_event(text, m.start()):
            found.append((m.span(), None))
    return sorted(found)


def find_long_time_asks(text: str) -> list[Span]:
    """Asks for a lot of time: "an hour or two", "two hours", "all afternoon",
    "as long as you like" (an hour on its own counts too: it is not brief).

    Finds: "Could we spend the whole afternoon together?"
    Finds: "Could we meet for an hour or two?"
    Ignores: "Would you have 20 minutes?"
    """
    return [s for s in find_spans(_LONG_TIME, text) if not _is_past_event(text, s[0])]
