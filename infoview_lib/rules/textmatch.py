"""Detection helpers shared by the text rules: small, named, pure functions.

Every rule that reads a student's text asks one of these questions ("where does
this draft ask for a job?", "does it bound the time it asks for?") instead of
carrying its own regular expression. Each finder returns the evidence as
``(start, end)`` character offsets into the text it was given, so a Report can
highlight exactly what was found.

The finders aim at meaning rather than single keywords:

* phrases are matched as families ("we met at", "we spoke briefly after your
  panel", "great to meet you at ...") rather than one word;
* a match inside the scope of a negation in the same clause ("I'm **not** looking
  for a job", "this **isn't** a request for a job") does not count, while "I
  don't know if ..." and "whether or not ..." are not negations;
* words used in another sense do not trigger a rule ("you did a great *job* on
  the exhibit" is not a job ask, "we met *briefly*" is not a time bound).

Patterns are compiled once, on first use (see :class:`LazyPattern`); no finder
imports anything heavy.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

Span = tuple[int, int]

_FLAGS = re.IGNORECASE | re.VERBOSE


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Importing the scorers then costs little: a notebook that checks only a
    thank-you note never compiles the request's patterns (compiling all of them
    takes about 40 ms, paid in every kernel and grading process). On first use
    the compiled pattern's methods are bound onto the instance, so later calls
    cost the same as calling a compiled pattern.
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiling it now if it never was)."""
        compiled = re.compile(self.pattern, self.flags)
        for name in self._METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str):
        # Reached only for attributes not yet bound: the first use of a method.
        if name in self._METHODS or name in ("groups", "groupindex"):
            return getattr(self.compiled(), name)
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def _rx(pattern: str, flags: int = _FLAGS, *, word_start: bool = True) -> LazyPattern:
    """A phrase pattern, compiled on first use. With ``word_start`` (for patterns
    whose every alternative begins a word) the engine tries it only where a word
    begins, which makes the long alternations several times faster."""
    if word_start:
        pattern = rf"(?<![\w'’])(?=\w)(?:{pattern})"
    return LazyPattern(pattern, flags)


# ---------------------------------------------------------------------------
# Text structure: words, sentences, clauses, negation
# ---------------------------------------------------------------------------

_WORD = LazyPattern(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END = LazyPattern(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st mt jr sr vs etc no dept approx fig al eg ie inc ltd co univ assoc".split()
)
_CLAUSE_BOUNDARY = _rx(
    r"""[;:—–()]|\s-\s
    | ,?\s+(?:but|however|although|though|yet|whereas)\b
    | ,(?=\s*(?:are|is|do|does|did|could|can|would|will|may|might|should)\b)""",
    word_start=False,
)
_NEGATION = _rx(
    r"\b(?:not|never|no|nor|neither|without|cannot)\b|n['’]t\b|\brather\s+than\b|\binstead\s+of\b", word_start=False
)
#: phrases that contain a negation word but do not negate what follows
_NOT_A_NEGATION = _rx(
    r"""(?:do|does|did)(?:\s+not|n['’]t)\s+(?:know|mind)\b | \bnot\s+sure\b | \bor\s+not\b | \bnot\s+only\b
    | \bno\s+(?:matter|doubt|worries|problem|pressure)\b | \bno\s+longer\b | \bno\s+later\s+than\b | \bcan['’]t\s+wait\b
    | \b(?:don['’]t|do\s+not)\s+hesitate\b | \b(?:can['’]t|cannot|could\s+not|couldn['’]t)\s+(?:thank\s+you|stop|wait)\b
    | \bnever\s+(?:knew|realized|realised|thought\s+about|considered|imagined)\b"""
)


def word_count(text: str) -> int:
    """How many words ``text`` has ("e-mail" and "don't" count as one)."""
    return len(_WORD.findall(text))


#: an e-mail's subject line ("Subject: Request for a brief conversation"), which is not the message body
_SUBJECT_LINE = LazyPattern(r"\A\s*(?:subject|re|subj)\s*:[^\n]*\n", re.I)
_SALUTATION = LazyPattern(
    r"\A\s*(?:dear|hi|hello|hey|greetings|good\s+(?:morning|afternoon|evening))\b[^,\n!:]{0,60}[,\n!:]", re.I
)
_SIGN_OFF = LazyPattern(
    r"""(?:^|[.!?]\s+|\n\s*)((?:sincerely|best(?:\s+(?:regards|wishes))?|kind\s+regards|warm(?:est)?\s+regards|regards|
    many\s+thanks|thanks(?:\s+(?:again|so\s+much))?|thank\s+you(?:\s+(?:again|so\s+much))?|
    (?:thank\s+you|thanks|many\s+thanks)\s+(?:(?:again|so\s+much|very\s+much)\s+)?(?:in\s+advance\s+)?for\s+
        (?:your|considering)\s+(?:\w+\s+){0,3}?\w+|cheers|warmly|respectfully|
    all\s+the\s+best|with\s+(?:gratitude|thanks|appreciation)|gratefully|yours(?:\s+truly)?)\s*[,!.]?\s*(?:\n|
            $)[\s\S]{0,200})\Z""",
    re.I | re.X,
)


def body_span(text: str) -> Span:
    """The body of a message: without a subject line ("Subject: ..."), a leading salutation ("Dear Dr. Lee,")
    or a closing sign-off and signature ("Best regards,\nPriya Shah\n555-0147",
    "Thank you for your consideration,\nDana Wu")."""
    start = 0
    m = _SUBJECT_LINE.match(text)
    if m:
        start = m.end()
    m = _SALUTATION.match(text[start:])
    if m:
        start += m.end()
    end = len(text)
    m = _SIGN_OFF.search(text, start)
    if m:
        end = m.start(1)
    return start, max(start, end)


def is_blank(text: str) -> bool:
    """True when ``text`` holds no word at all (empty, spaces, punctuation only)."""
    return _WORD.search(text) is None


@lru_cache(maxsize=256)
def sentence_spans(text: str) -> tuple[Span, ...]:
    """Sentences of ``text`` as (start, end) offsets, whitespace trimmed.

    A sentence ends at ``.``, ``!``, ``?`` (followed by a space or the end) or at
    a line break; titles and abbreviations ("Dr.", "Ms.", "e.g.") and initials
    ("J. Smith") do not end a sentence.
    """
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith("."):
            word_start = m.start()  # the word before the full stop, found by walking back to a space
            while word_start > start and not text[word_start - 1].isspace():
                word_start -= 1
            token = "".join(c for c in text[word_start:m.start()] if c.isalnum()).lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        _append_trimmed(spans, text, start, m.end())
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return tuple(spans)


def _append_trimmed(spans: list[Span], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append((a, b))


#: how far (in characters) a clause, a negation's scope or a sentence's context reaches from a match;
#: it keeps every finder linear in the length of the text, even for one very long sentence
REACH = 160


@lru_cache(maxsize=64)
def _layout(text: str) -> tuple[tuple[Span, ...], list[int], list[int], list[int]]:
    """Sentences, sentence starts, clause-boundary ends and comma ends of ``text``, computed once."""
    sentences = sentence_spans(text)
    return (
        sentences,
        [a for a, _ in sentences],
        [m.end() for m in _CLAUSE_BOUNDARY.finditer(text)],
        [m.end() for m in re.finditer(",", text)],
    )


def sentence_at(text: str, pos: int) -> Span:
    """The (start, end) of the sentence holding offset ``pos`` ((pos, pos) between sentences)."""
    sentences, starts, _, _ = _layout(text)
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos <= sentences[i][1]:
        return sentences[i]
    return pos, pos


def context(text: str, start: int, end: int) -> Span:
    """The sentence around ``text[start:end]``, cut to :data:`REACH` characters either side."""
    a, b = sentence_at(text, start)
    return max(a, start - REACH), max(end, min(b, end + REACH))


def clause_start(text: str, pos: int, *, commas: bool = False) -> int:
    """Offset where the clause holding ``pos`` begins (at most :data:`REACH` characters back).

    Clauses end at ``; : —``, brackets and before "but", "however", "although";
    a comma ends one when it opens a new question (", are there ...") or, with
    ``commas=True``, always.
    """
    _, _, boundaries, comma_ends = _layout(text)
    start = max(sentence_at(text, pos)[0], pos - REACH)
    for ends in (boundaries, comma_ends) if commas else (boundaries,):
        i = bisect_right(ends, pos) - 1
        if i >= 0:
            start = max(start, ends[i])
    return start


def is_negated(text: str, start: int, end: int | None = None) -> bool:
    """True when a negation governs ``text[start:end]`` in its clause.

    "I'm not looking for a job" and "this isn't a request for a job" are
    negated; "I don't know if there are openings" and "whether or not" are not.
    """
    window = text[clause_start(text, start):start if end is None else end]
    window = _NOT_A_NEGATION.sub(" ", window)
    return _NEGATION.search(window) is not None


def merge_spans(spans) -> list[Span]:
    """``spans`` sorted, with overlapping or touching ones joined."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def find_spans(pattern: LazyPattern, text: str) -> list[Span]:
    """Every match of ``pattern`` as a (start, end) span."""
    return [m.span() for m in pattern.finditer(text)]


def find_affirmed(pattern: LazyPattern, text: str) -> list[Span]:
    """Every match of ``pattern`` that no negation in its clause governs."""
    return [m.span() for m in pattern.finditer(text) if not is_negated(text, m.start(), m.end())]


# ---------------------------------------------------------------------------
# Word stems and content words (topic overlap)
# ---------------------------------------------------------------------------

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just let me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves i'm i've i'd i'll you're you've you'd it's that's there's
    what's don't doesn't didn't isn't aren't wasn't weren't can't couldn't won't wouldn't shouldn't
    much many ever really quite like get got make made go going went come came take took give gave tell
    told say said think know want need way thing things lot lots kind sort one two us may might must
    shall dear hi hello hey thank thanks please""".split()
)

#: words too general to show that two texts share a subject
GENERIC_WORDS = frozenset(
    """library libraries librarian librarians work working job jobs team teams people time times year years
    day days week weeks month months question questions ask asking topic topics interview interviews
    informational meeting meet conversation chat talk advice help helpful good great new best better
    experience experiences career field part use used start started today yesterday everything anything
    something nothing someone anyone everyone insight insights idea ideas thought thoughts""".split()
)

#: words so common in this course that sharing one does not make two texts share a subject
TOPIC_NOISE = frozenset(
    """library libraries librarian librarians work working works job jobs team teams people time times year years
    day days week weeks month months question questions ask asking meeting meet interview interviews
    informational good great new best better part use used today thing way""".split()
)

_SUFFIXES = (
    "izations", "ization", "izing", "ized", "izes", "ize", "ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
    "ities", "ity", "ives", "ive", "ers", "er", "ies", "ied", "es", "ed", "ly", "s", "e",
)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude stem, good enough to match "digitisation" with "digitize" and
    "catalogue" with "cataloging": lower case, British -ise spelled -ize,
    common suffixes removed, never shorter than four letters."""
    w = word.lower().replace("’", "'").split("'")[0]
    w = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", w)
    w = re.sub(r"ogue$", "og", w)
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if w.endswith("i") and len(w) > 4:
        w = w[:-1] + "y"
    return w


def content_words(text: str, *, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Words of ``text`` that carry meaning: no stopwords, no numbers, none in ``ignore``."""
    out = []
    for w in _WORD.findall(text):
        lw = w.lower().replace("’", "'")
        if len(lw) < 3 or lw in STOPWORDS or lw in ignore or lw.isdigit():
            continue
        out.append(lw)
    return out


def content_stems(text: str, ignore: frozenset[str] = TOPIC_NOISE) -> set[str]:
    """Stems of the meaningful words of ``text``, leaving out ``ignore``."""
    return {stem(w) for w in content_words(text, ignore=ignore)}


def shares_subject(text: str, subject_stems: set[str], ignore: frozenset[str] = TOPIC_NOISE) -> list[str]:
    """Words of ``text`` whose stem is in ``subject_stems`` (or shares a 5-letter start with one)."""
    prefixes = {t[:5] for t in subject_stems if len(t) >= 5}
    hits = []
    for w in content_words(text, ignore=ignore):
        s = stem(w)
        if s in subject_stems or (len(s) >= 5 and s[:5] in prefixes):
            hits.append(w)
    return hits


# ---------------------------------------------------------------------------
# Time: bounded asks ("20 minutes", "a short call") and long ones ("two hours")
# ---------------------------------------------------------------------------

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
    | \b(?:a|one)\s+(?:quick\s+)?(?:cup\s+of\s+)?coffee\b(?!\s+(?:and|or|with)\s+(?:lunch|dinner))
    | \b(?:keep|keeping)\s+it\s+(?:short|brief|quick|under)\b
    | \b(?:won['’]t|will\s+not|wouldn['’]t|would\s+not|not)\s+take\s+(?:up\s+)?(?:much|long|a\s+lot|more\s+than|
          too\s+much)\b
    | \b(?:meet|speak|talk|chat|connect)\s+(?:with\s+you\s+)?briefly\b"""
)
#: words that mark a phrase as a past event ("we had a short chat at ...")
_PAST_MARKERS = _rx(r"\b(?:had|was|were|did|enjoyed|after|during|since|last|met|spoke|talked|chatted|our)\b")
_LONG_TIME = _rx(
    r"""\ban\s+hour\s+or\s+(?:two|so)\b | \b(?:a\s+couple\s+(?:of\s+)?|two|three|four|several|a\s+few|\d+)\s+hours\b
    | (?<!half\s)\b(?:an|one|1|a\s+full|a\s+whole)\s+hours?\b(?!\s+(?:away|ago|drive))
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
    "as long as you like" (an hour on its own counts too: it is not brief)."""
    return [s for s in find_spans(_LONG_TIME, text) if not _is_past_event(text, s[0])]


# ---------------------------------------------------------------------------
# The request: connection, research, topics, graceful out, tone, mentoring
# ---------------------------------------------------------------------------

_CONNECTION = _rx(
    r"""\bwe\s+(?:\w+\s+){0,2}?(?:met|spoke|talked|chatted|connected|corresponded|worked\s+together|
            were\s+introduced|sat\s+next)\b
    | \bI\s+(?:\w+\s+){0,2}?(?:met|spoke\s+(?:with|to)|talked\s+(?:with|to)|chatted\s+with|worked\s+with|
          corresponded\s+with)\s+you\b
    | \b(?:pleasure|privilege)\s+of\s+(?:meeting|speaking\s+with|talking\s+with|hearing)\s+you\b
    | \bour\s+paths\s+crossed\b
    | \bmutual\s+(?:friend|connection|contact|colleague|acquaintance)s?\b
    | \b(?:was\s+)?given\s+your\s+(?:name|contact|e-?mail|details)\b
    | \b(?:great|good|nice|lovely|wonderful|pleasure|delight)\s+(?:to\s+meet|meeting|talking|speaking|
          chatting)\s+(?:with\s+|to\s+)?you\b
    | \b(?:enjoyed|loved|appreciated)\s+(?:meeting|talking|speaking|chatting|hearing\s+you|our|
          your\s+(?:\w+\s+)?(?:talk|presentation|panel|session|keynote|lecture|workshop|webinar))\b
    | \b(?:I|who)\s+(?:\w+\s+)?(?:attended|heard|saw|watched|caught)\s+(?:your|you)\s+(?:\w+\s+){0,2}?(?:talk|presentation|
          panel|session|keynote|lecture|workshop|webinar|speak|present)
    | \byou\s+(?:recently\s+)?(?:spoke|presented|lectured|visited|taught|came\s+to|gave\s+a|mentioned|suggested)\b
    | \byour\s+(?:\w+\s+)?(?:talk|presentation|panel|keynote|lecture|workshop|session|webinar|visit)\s+(?:at|to|in|
          for|during|last)\b
    | \b(?:suggested|recommended|encouraged\s+me|advised\s+me|urged\s+me|told\s+me)\s+(?:that\s+)?(?:I\s+|
          me\s+)?(?:should\s+|might\s+|could\s+|to\s+)?
        (?:contact|write|reach|get\s+in\s+touch|speak|talk|e-?mail|connect|meet|ask|you)\b
    | \b(?:referred|pointed|directed|sent)\s+me\s+(?:to\s+you|your\s+way|in\s+your\s+direction)\b | \breferred\s+by\b
    | \b(?:at|on)\s+the\s+(?:suggestion|recommendation|advice)\s+of\b | \breferral\s+from\b
    | \bintroduced\s+(?:us|me|you)\b | \bintroduction\s+(?:from|by|through|via)\b
    | \bfor\s+(?:the|your)\s+(?:kind\s+|warm\s+)?introduction\b | \b(?:made|making)\s+(?:the|an|our)\s+introduction\b
    | \b(?:gave|passed|shared|forwarded|sent)\s+(?:me\s+)?(?:along\s+|on\s+)?your\s+(?:name|contact|e-?mail|details|
          information|address)\b
    | \b(?:got|received|have)\s+your\s+(?:name|contact|e-?mail|details)\s+from\b
    | \bmentioned\s+(?:to\s+me\s+)?(?:that\s+)?(?:you|your)\b
    | \bfellow\s+(?:\S+\s+){0,3}?(?:alum\w*|graduates?|members?|students?)\b
    | \b(?:also|both)\s+(?:an?\s+)?(?:alum\w*|graduat\w*|attended|studied|members?|belong)\b
    | \bI\s+(?:\w+\s+)?(?:was\s+(?:in|at|a\s+student\s+in)|took|audited|attended|
          enrolled\s+in)\s+your\s+(?:[\w-]+\s+){0,3}?
        (?:class|course|workshop|session|talk|presentation|seminar|lecture|webinar|panel|module)\b
    | \b(?:thought|said|mentioned|felt|suggested)\s+(?:that\s+)?you\s+(?:would|might|could)\s+be\s+(?:a\s+|
          the\s+)?(?:\w+\s+){0,2}?(?:person|one|someone|contact)\b
    | \balumni\s+(?:network|directory|database|association|community|platform|mentoring|group)\b"""
)


def find_connection(text: str) -> list[Span]:
    """How the writer knows the reader, or who put them in touch.

    "we met at ...", "we spoke briefly after your panel", "great to meet you at",
    "Professor X suggested I contact you", "X introduced us", "referred by",
    "fellow alum", "I attended your talk", "you spoke at". Denials ("we have not
    met") do not count.
    """
    return find_affirmed(_CONNECTION, text)


_SUBJECT_I = r"\bI(?:['’]ve|\s+have|['’]d|\s+recently|\s+just|\s+also|\s+really)?"
_RESEARCH = _rx(
    rf"""{_SUBJECT_I}\s+(?:\w+\s+)?(?:read|enjoyed\s+reading|came\s+across|saw|watched|listened\s+to|noticed|
            learned|learnt|
        followed|discovered|heard\s+about|been\s+following|been\s+reading|studied|looked\s+at|explored)
        \s+(?:\w+\s+){{0,2}}?(?:your|that\s+your|that\s+you|about\s+your|how\s+your|how\s+you|you|on\s+your|in\s+your)\b
        (?!\s*(?:name|profile|contact|e-?mail|details|number|address)\b)
    | \b(?:noticed|learned|learnt|read|saw|discovered)\s+(?:on\s+\w+\s+|in\s+\w+\s+)?that\s+(?:your|you)\b
    | \bwho\s+(?:recently\s+|just\s+)?(?:read|heard|saw|watched|listened\s+to|attended)\s+(?:you|your)\s+(?!name\b|profile\b)\w+
    | \b(?:impressed|inspired|struck|fascinated|intrigued|excited)\s+(?:by|with|to\s+(?:see|read|learn))\s+(?:your|
          how\s+your|how\s+you|the\s+way\s+your|that\s+your)\b
    | \bI\s+(?:know|understand|hear|heard)\s+(?:that\s+)?your\s+(?!time\b|schedule\b|calendar\b|day\b)\w+
    | \byour\s+(?:\w+\s+){0,2}?(?:recently|just)\s+(?:launched|started|won|received|published|opened|introduced|
          moved|completed|
        released|hosted|announced|began|expanded|migrated|adopted|created|built|redesigned)\b
    | \byour\s+(?:recent|new|newly|latest|current|published|award-winning|upcoming|ongoing)\s+\w+
    | \byour\s+(?:\w+\s+)?(?:article|report|paper|post|blog|book|chapter|study|research|presentation|talk|interview|
          podcast|
        webinar|project|exhibit|exhibition|initiative|program|programme|publication|thesis|dissertation|guide|toolkit|
        survey|grant|column|essay|review|course|pilot|partnership|poster|keynote|panel|workshop|session|
        lecture)s?\s+(?:on|about|in|
                for|at|with|to|into|called|titled|entitled)\b
    | \b(?:on|from|through|in)\s+(?:your|the)\s+(?:\w+(?:['’]s)?\s+)?(?:website|web\s+site|site|profile|linkedin|
          blog|annual\s+report|newsletter|faculty\s+page|staff\s+page)\b
    | \byour\s+work\s+(?:on|with|in)\b | \baccording\s+to\s+your\b
    | \b(?:since|after|when)\s+(?:you|your\s+\w+)\s+(?:recently\s+)?(?:launched|started|introduced|moved|expanded|
          opened|adopted|began|joined|switched|migrated|merged|created|won|received|published|redesigned|piloted)\b
    | \byou(?:['’]ve|\s+have)\s+(?:recently\s+)?(?:launched|started|introduced|moved|expanded|opened|adopted|
          written|published|migrated|redesigned|piloted|built|led)\b
    | \b(?:that|how)\s+you\s+(?:recently\s+|successfully\s+|personally\s+)?(?:led|launched|founded|built|
          designed|developed|introduced|redesigned|piloted|published|wrote|created|organi[sz]ed|spearheaded|
          oversaw|curated|co-founded|established|won)\b"""
)


def find_research(text: str) -> list[Span]:
    """Signs of homework on the reader or their workplace.

    "I read your article on ...", "your recent project", "I saw your
    presentation", "on your library's website", "I noticed that your ...",
    "since you launched ...". Finding someone's name or profile is not research.
    """
    return find_affirmed(_RESEARCH, text)


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


_GRACEFUL_OUT = _rx(
    r"""\b(?:I|I['’]d|I['’]ll|I\s+would|I\s+will|I\s+can|I\s+completely|I\s+totally|I\s+fully|
            I\s+certainly)\s+(?:\w+\s+)?(?:understand|appreciate|respect)\s+(?:completely\s+|entirely\s+|fully\s+|
            totally\s+)?(?:if|that\s+you\s+(?:may|might)|should\s+you|you\s+(?:may|might))\b
    | \b(?:completely|totally|perfectly|entirely)\s+understand(?:able)?\b
    | \bunderstand\s+(?:completely\s+|entirely\s+|fully\s+|totally\s+)?(?:if|should\s+you|that\s+you\s+(?:may|might))\b
    | \b(?:no\s+(?:worries|problem|pressure|obligation)|not\s+a\s+problem|(?:totally|completely|perfectly|entirely|
          absolutely)?\s*(?:fine|ok|okay|understandable|alright|all\s+right))\s+(?:at\s+all\s+)?if\b
    | \bno\s+(?:pressure|obligation)(?:\s+at\s+all)?\b
    | \b(?:please\s+)?(?:don['’]t|do\s+not)\s+feel\s+(?:obligated|obliged|pressured|any\s+pressure)\b
    | \bfeel\s+free\s+to\s+(?:decline|say\s+no|ignore|pass)\b
    | \bif\s+(?:you\s+are|you['’]re)\s+(?:too\s+busy|unable|not\s+able|not\s+available|unavailable|willing|able|
          open\s+to|available)\b
    | \bif\s+(?:you\s+)?(?:can['’]t|cannot|don['’]t\s+have)\b
    | \bif\s+(?:your\s+)?(?:schedule|time|calendar|workload|timing)\s+(?:allows?|permits?|doesn['’]t|does\s+not|
          won['’]t|is\s+(?:too\s+)?(?:full|tight|busy))\b
    | \bif\s+(?:it['’]s|it\s+is|this\s+is|that['’]s|that\s+is|now\s+is|now['’]s)\s+(?:not\s+(?:possible|convenient|
          a\s+good\s+time)|too\s+much|inconvenient)\b
    | \bif\s+(?:the\s+)?(?:timing|time)\s+(?:doesn['’]t|does\s+not|isn['’]t|is\s+not)\b
    | \bif\s+not\b[,.;!]?(?:\s+(?:no|that|I|it)\b)?
    | \bif\s+you\s+have\s+(?:the\s+)?(?:time|a\s+moment|a\s+few\s+minutes)\b | \bif\s+you['’]d\s+be\s+(?:willing|open)\b
    | \bI\s+(?:understand|reali[sz]e|know|appreciate|recogni[sz]e)\s+(?:that\s+|how\s+)?(?:you(?:['’]re|\s+are|
          \s+have|\s+must\s+be)|your\s+(?:time|schedule|calendar)\s+is)
        \s+(?:a\s+|very\s+|extremely\s+|so\s+|quite\s+|incredibly\s+)?(?:busy|full|valuable|limited|precious|
                demanding)\b(?![^.!?]*\bbut\b)
    | \bshould\s+(?:your\s+(?:schedule|time|calendar)|you\s+(?:be\s+unable|not|prefer\s+not)|it\s+not|this\s+not)\b
    | \b(?:I|I['’]d|I['’]ll|I\s+would|I\s+will)\s+(?:\w+\s+)?understand\s*(?:[.!]|$)
    | \bwhether\s+or\s+not\s+you\s+can\b | \beither\s+way\b | \bif\s+(?:it|that)\s+(?:doesn['’]t|does\s+not)\s+work\b"""
)


_REFUSAL = _rx(
    r"""\bI\s+(?:won['’]t|will\s+not|wouldn['’]t|would\s+not|don['’]t|do\s+not|can['’]t|cannot|never)\s+(?:\w+\s+)?
        (?:understand|accept|take\s+no)\b | \bno\s+is\s+not\s+an\s+option\b"""
)


#: verbs after which "if" opens an indirect question ("I wondered if you'd be willing to ..."), not a condition
_ASKING_IF = LazyPattern(r"\b(?:wonder(?:ing|ed|s)?|ask(?:ing|ed)?|enquir(?:e|ing)|inquir(?:e|ing))\s+$", re.I)


def find_graceful_out(text: str) -> list[Span]:
    """Lines that leave the reader free to say no: "I understand if ...",
    "no worries if not", "if you're too busy", "if your schedule doesn't allow",
    "no pressure", "if you are willing and available". "I wondered if you'd be
    willing to ..." asks a question: it offers no way out."""
    return [s for s in find_spans(_GRACEFUL_OUT, text)
            if not _REFUSAL.search(text, *context(text, *s)) and not _ASKING_IF.search(text, max(0, s[0] - 30), s[0])]


_DEMAND = _rx(
    r"""\byou\s+(?:must|have\s+to|need\s+to|should|are\s+required\s+to|owe\s+me)\s+(?!be\b|have\s+been\b|know\b|
            get\s+(?:many|a\s+lot|lots)\b|receive\b|hear\b)
        (?:meet|reply|respond|call|get\s+back|send|give|help|make|see|talk|speak|answer|find|agree|accept|let|do|
                take|write|contact|email|e-mail|schedule|book)\b
    | \bI\s+(?:expect|insist|demand|require)\b
    | \bI\s+(?:really\s+)?need\s+(?:you|to\s+(?:talk|meet|speak|hear|see|know\s+by)|an?\s+(?:answer|reply|response|
          meeting|call)|your\s+(?:help|answer|reply|time|response))\b
    | \bas\s+soon\s+as\s+(?:possible|you\s+(?:can|get|see|read|receive))\b | \basap\b
    | \b(?:reply|respond|call|answer|contact|get\s+back\s+to|meet|write|e-?mail|text)\s+(?:me\s+|
          back\s+)?(?:immediately|right\s+away|urgently|at\s+once|today)\b
    | \b(?:this|it)(?:\s+is|['’]s)\s+(?:very\s+|extremely\s+)?urgent\b
    | \burgent(?:ly)?\s+(?:request|matter|need\s+to|reply|response)\b
    | \b(?:reply|respond|answer|hear\s+back|get\s+back\s+to\s+me|response|reply)\s+(?:to\s+me\s+)?(?:by|before|
          within|no\s+later\s+than)\s+\w+
    | \bwithin\s+(?:24|48|twenty-four|forty-eight)\s+hours\b
    | \b(?:my|the|a)\s+deadline\s+(?:for|to)\s+(?:your|a|you)\b | \byou\s+owe\s+me\b"""
)
_BARE_IMPERATIVE = _rx(
    r"""^(?:(?:hey|hi|hello|ok|okay|so|now)[,!]?\s+)?(?:call|phone|ring|text|reply|respond|answer|email|e-mail|write|send|give|get\s+back|contact|meet)\s+(?:me|us|back|to\s+me)\b""",
    word_start=False,
)
_PRESUMPTION = _rx(
    r"""\b(?:see|meeting)\s+you\s+(?:on|at|next|then|tomorrow|this)\b(?!.*\?)
    | \bI(?:['’]ll|\s+will)\s+(?:drop|stop|come)\s+by\b
    | \bif\s+I\s+(?:don['’]t|do\s+not|haven['’]t|have\s+not)\s+(?:hear(?:d)?|received?\s+a\s+(?:reply|response))
        \s+(?:back\s+)?(?:from\s+you\s+)?(?:by|before|within)\b
    | \bI(?:['’]ve|\s+have)\s+(?:already\s+)?(?:scheduled|booked|put|added|reserved|
          blocked)\b(?:\s+\w+){0,4}\s+(?:calendar|meeting|time|room|slot)
    | \bI(?:['’]ll|\s+will)\s+be\s+(?:at|in)\s+your\s+(?:office|library|building|desk)\b
    | \bexpecting\s+(?:you|your|to\s+hear|a\s+reply)\b | \bno\s+later\s+than\b
    | \bdon['’]t\s+(?:ignore|forget)\s+(?:me|this)\b | \bI\s+won['’]t\s+take\s+no\b"""
)
#: announcing a call instead of asking for one ("I'll call your office on Monday to set up a time")
_ANNOUNCED_CALL = _rx(
    r"""\bI(?:['’]ll|\s+will)\s+(?:call|phone|ring)\s+(?:you|your\s+(?:office|desk|library|branch|department))
        (?:\s+(?:on|at|tomorrow|next|this)\b|\s*[.!]|\s+to\s+(?:set\s+up|schedule|arrange|book|confirm))"""
)
#: ... unless it is an offer that leaves the choice to them ("if you'd rather talk by phone, I'll call you")
_THEIR_CHOICE = _rx(r"\bif\s+you\b|\bwhenever\s+you\b|\b(?:happy|glad)\s+to\b|\bprefer\b|\brather\b")
_SHOUTING = LazyPattern(
    r"\b[A-Z]{2,}(?:[\s,!]+[A-Z]{2,}){2,}\b|!{3,}|\b(?:PLEASE|NOW|URGENT|IMMEDIATELY|MUST|NEED|REPLY|RESPOND|CALL|TODAY)\b"
)
_ACRONYM_OK = LazyPattern(r"\b(?:MLIS|MSLIS|ALA|SLA|MLA|METRO|ACRL|OCLC|IFLA|SAA|ARMA|PLA|LIS|USA|NYC|CUNY|SUNY)\b")


def find_pressure(text: str) -> list[Span]:
    """Demands, urgency, deadlines, bare imperatives, presumption and shouting.

    "you must meet with me", "I expect a reply by Friday", "as soon as you get
    this", "Call me back at ...", "I'll see you on Tuesday", "PLEASE RESPOND
    NOW", "!!!". Courtesies such as "you must be busy" or "I know you need to
    plan ahead" are not pressure.
    """
    spans = find_affirmed(_DEMAND, text) + find_spans(_PRESUMPTION, text)
    for m in _ANNOUNCED_CALL.finditer(text):
        if not _THEIR_CHOICE.search(text, *sentence_at(text, m.start())):
            spans.append(m.span())
    for a, b in sentence_spans(text):
        m = _BARE_IMPERATIVE.match(text[a:b])
        if m:
            spans.append((a, a + m.end()))
    for m in _SHOUTING.finditer(text):
        if not _ACRONYM_OK.fullmatch(m.group()):
            spans.append(m.span())
    return merge_spans(spans)


_MENTORING = _rx(
    r"""\b(?:be|become|serve\s+as|act\s+as)\s+(?:my|a|an\s+informal|a\s+formal|an\s+ongoing)\s+mentor\b
        | \bmentor(?:ing)?\s+me\b
    | \b(?:a|an|our|ongoing|formal|informal|long[\s-]term)\s+(?:mentor(?:ing|ship)?)\s+(?:relationship|arrangement)\b
    | \b(?:meet(?:ing)?|talk|chat|speak|calls?|chats?|meetings?|check[\s-]?ins?)\s+(?:with\s+me\s+|up\s+)?(?:every|
          each|once\s+a|twice\s+a|once\s+every)\s+
        (?:\w+\s+)?(?:weeks?|months?|fortnight|quarter|semester|term)\b
    | \b(?:weekly|monthly|fortnightly|biweekly|regular|ongoing|recurring|standing)\s+(?:\w+\s+)?(?:meetings?|
          check[\s-]?ins?|calls?|sessions?|chats?|catch[\s-]?ups?|guidance|coaching)\b
    | \bon\s+an?\s+(?:regular|ongoing|weekly|monthly|continuing)\s+basis\b
    | \b(?:meet|talk|speak|chat|check\s+in)\s+(?:up\s+)?(?:with\s+(?:me|you)\s+)?(?:regularly|periodically|frequently)\b
    | \b(?:ongoing|long[\s-]term|continued)\s+(?:guidance|support|relationship|mentorship|mentoring)\b
    | \bkeep\s+meeting\b"""
)


def find_mentoring_asks(text: str) -> list[Span]:
    """Asks for ongoing mentoring: "be my mentor", "meet every month",
    "regular check-ins", "on an ongoing basis" (negated mentions excepted)."""
    return find_affirmed(_MENTORING, text)


# ---------------------------------------------------------------------------
# Jobs: asking for one (anywhere: request, questions, thank-you)
# ---------------------------------------------------------------------------

_WORKPLACE = (
    r"(?:library|team|archives?|department|staff|organi[sz]ation|company|firm|museum|office|unit|branch|"
    r"institution|school|university|college|group|lab|system|collection)\b"
)
_JOB_NOUN = r"(?:jobs?|positions?|posts?|roles?|openings?|vacanc(?:y|ies)|internships?|fellowships?|employment|work)"
_JOB_ASK = _rx(
    rf"""\b(?:are\s+there|is\s+there|do\s+you\s+have|hear\s+(?:about|of)|keep\s+me\s+posted\s+(?:about|on)|
            does\s+(?:your|the)\s+\w+(?:\s+\w+)?\s+have|have\s+you\s+got|any|if\s+there\s+(?:are|is|were)|
        whether\s+there\s+(?:are|is)|are\s+you\s+offering|is\s+your\s+\w+\s+offering)\s+(?:\w+\s+){{0,3}}?
        (?:openings?|vacanc(?:y|ies)|positions?\s+(?:open|available|at|on|with|in)|jobs?\s+(?:open|available|at|on|
                with|in)|
        (?:job|employment|career|work|paid|internship)\s+opportunit(?:y|ies)|internships?|open\s+(?:roles?|
                positions?)|roles?\s+(?:open|available))
    | \b(?:job|employment|career|work|internship)\s+(?:opportunit(?:y|ies)|openings?|vacanc(?:y|ies))\s+(?:at|with|
          in|on)\s+(?:your|the)\b
    | \b(?:is|are)\s+(?:you|your\s+(?:\w+\s+){{0,2}}?\w+|the\s+\w+|they)\s+(?:currently\s+|still\s+)?hiring\b
    | \b(?:anyone|anybody|someone|any\s+(?:places?|libraries|organi[sz]ations|archives))\s+(?:who|that|
          which)\s+(?:is|are|might\s+be|may\s+be)\s+(?:currently\s+)?hiring\b
    | \b(?:if|whether)\s+(?:you|your\s+(?:\w+\s+){{0,2}}?\w+|the\s+\w+|they)\s+(?:is|are|might\s+be|will\s+be|
          ['’]re)\s+(?:currently\s+|still\s+)?hiring\b
    | \bhir(?:e|ing)\s+me\b | \bwould\s+you\s+(?:\w+\s+)?hire\b
    | \bhow\s+(?:I|one)\s+(?:might|could|can|would|should|may)\s+be\s+considered\b
    | \b(?:discuss|talk\s+about|ask(?:ing)?\s+(?:you\s+)?about|(?:in|en)quir(?:e|ing)\s+about)\s+(?:the|that|this)\s+
        (?:open\s+|advertised\s+|posted\s+|vacant\s+|new\s+)?(?:position|opening|vacancy|role)\b
        (?!\s+(?:of|you|that\s+you|which\s+you|I\s+play|played|in\s+(?:society|the\s+field)))
    | \b(?:refer|recommend|nominate)\s+me\s+(?:for|to(?!\s+(?:someone|somebody|anyone|other|others|colleagues|people|
          an?\s+(?:colleague|person|expert|specialist|book|article)|resources|readings?|articles?|books?)\b))\b
    | \brefer\s+me(?=\s*(?:[?.!,;]|$))
    | \b(?:consider|think\s+of|remember)\s+me\s+(?:if|when|whenever|should|in\s+case|for\s+(?:any\s+)?future)\s+
        (?:[\w'’]+\s+){{0,6}}?(?:{_JOB_NOUN}|opens|comes\s+up|becomes\s+available|hiring)\b
    | \b(?:about|regarding|concerning)\s+(?:\w+\s+)?employment\s+(?:opportunities\s+)?(?:at|with|in)\s+(?:your|the)\b
    | {_SUBJECT_I}(?:\s+really|\s+urgently|\s+badly)?\s+need\s+(?:a|an)\s+(?:new\s+|paid\s+)?(?:job|position|
          internship|employment)\b | \b(?:a\s+)?referral\s+(?:for|to)\s+(?:the|a|an|your)\b
    | \bconsider(?:ed)?\s+(?:me\s+)?for\s+(?:the|a|an|any|your)\b
    | \b(?:like|love|hope|want|wish)\s+to\s+be\s+considered\b
    | \bconsider\s+my\s+(?:application|candidacy|resume|résumé|cv)\b | \bkeep\s+me\s+in\s+mind\b
    | \b(?:put|say)\s+in\s+a\s+(?:good\s+)?word\b
    | \b(?:discuss|talk\s+about|ask(?:ing)?\s+(?:you\s+)?about|(?:in|en)quir(?:e|ing)\s+about)\s+(?:the|any|your|an?|that|this)\s+
        (?:\w+\s+){{0,2}}?(?:vacanc(?:y|ies)|openings?|open\s+(?:positions?|roles?|posts?)|job\s+(?:postings?|adverts?|
        ads?|listings?)|(?:posted|advertised)\s+(?:positions?|roles?|jobs?|posts?))\b
    | \b(?:introduce|introducing|connect|connecting|refer|referring|put|putting)\s+me\s+(?:in\s+touch\s+)?(?:to|with)\s+
        (?:your|the|a|an|someone\s+(?:in|on))\s+(?:\w+\s+)?(?:hiring\s+(?:manager|committee|team)|recruiters?|HR\b|
        human\s+resources|search\s+committee|talent\s+acquisition)
    | \b(?:pass|passing|forward|forwarding|share|sharing|send|sending|hand)\s+(?:along\s+|on\s+)?my\s+(?:resume|
          résumé|cv|c\.v\.|application)\b
    | \bhow\s+(?:I|one)\s+(?:might|could|can|would|should|may)\s+(?:\w+\s+)?(?:get|land|secure|win|
          be\s+considered\s+for|apply\s+(?:for|to))\s+
        (?:it|that|this|the\s+(?:\w+\s+){{0,2}}?{_JOB_NOUN}|an?\s+(?:\w+\s+){{0,2}}?{_JOB_NOUN}\s+(?:at|with|on|
                in)\s+your|hired)\b
    | \bget\s+(?:me\s+)?(?:a\s+job|hired|an\s+interview)\s+(?:at|with|on|by)\s+(?:your|the)\b
    | {_SUBJECT_I}(?:['’]m|\s+am)?\s+(?:currently\s+|actively\s+)?(?:looking|searching|hunting|
          applying)\s+for\s+(?:a\s+|an\s+)?(?:\w+\s+){{0,2}}?(?:job|position|role|post|employment)\b
    | {_SUBJECT_I}(?:['’]m|\s+am|\s+would\s+(?:love|like)|['’]d\s+(?:love|like)|\s+want|
          \s+hope)\s+(?:\w+\s+){{0,2}}?(?:to\s+|in\s+)?(?:work|working|join|joining)\s+(?:at|for|with|
          on)?\s*your\s+{_WORKPLACE}
    | \b(?:discuss|talk\s+about|ask\s+about|apply\s+(?:for|to)|applying\s+(?:for|to)|interested\s+in)\s+(?:a|an|the|
          any|your)\s+(?:\w+\s+){{0,2}}?
        (?:jobs?|positions?|openings?|vacanc(?:y|ies)|roles?|internships?)\s+(?:at|with|on|in)\s+(?:your|the)\b
    | \b(?:ask(?:ing)?|request(?:ing)?|a\s+request)\s+(?:you\s+)?(?:for|about)\s+(?:a\s+|an\s+|any\s+)?(?:job|
          position|opening|employment|referral|internship)s?\b
    | \b(?:valuable|great|strong|perfect|ideal|excellent|good|useful)\s+(?:member|addition|asset|fit|candidate|
          hire)\s+(?:of|to|for|on)\s+(?:your|the)\b
    | \b(?:make|makes|making)\s+me\s+(?:a|an)\s+(?:\w+\s+)?(?:candidate|fit|hire)\b
    | {_SUBJECT_I}(?:['’]d|\s+would|['’]m|\s+am|\s+will|['’]ll)\s+(?:\w+\s+)?(?:be\s+)?(?:a|an|
          the)\s+(?:\w+\s+)?(?:fit|candidate|addition|asset)\b
    | \bhow\s+(?:to|I\s+(?:can|could|might|would))\s+(?:get\s+hired|be\s+hired|get\s+(?:a|the|that)\s+(?:job|
          position|role|post)|land\s+(?:a|the|that)\s+(?:job|position|role|post))
        \s+(?:there|here|at\s+your|with\s+your|on\s+your|by\s+your|in\s+your|at\s+the)\b
    | \blet\s+me\s+know\s+(?:if|when|whether)\s+(?:any(?:thing|\s+\w+)?|a\s+\w+|something)\s+(?:opens|comes\s+up|
          becomes\s+available)"""
)


def find_job_asks(text: str) -> list[Span]:
    """Asks for a job for the writer: "Are there any openings?", "could you
    refer me for the internship", "is your library hiring", "how I might get
    the position", "pass my resume along", "consider me for", "put in a good
    word", "job opportunities at your library", "I'd be a valuable member of
    your team".

    Not asks: negated mentions ("I'm not looking for a job", "this isn't a
    request for a job"), the reader's own career ("how did you get your first
    job?") and other senses of the word ("you did a great job on the exhibit").
    """
    return list(_job_asks(text))


@lru_cache(maxsize=64)
def _job_asks(text: str) -> tuple[Span, ...]:
    """Cached: the thank-you rules ask twice (no job ask, no early requests)."""
    return tuple(find_affirmed(_JOB_ASK, text))


# ---------------------------------------------------------------------------
# The thank-you: gratitude, a specific detail, new requests, offers of help
# ---------------------------------------------------------------------------

_GRATITUDE = _rx(
    r"""\bthank(?:s|\s+you|\s+u|ing\s+you|ful)\b(?!\s+in\s+advance) | \bgrateful\b | \bgratitude\b
        | \bappreciat(?:e|ed|es|ion|ive)\b
    | \bmany\s+thanks\b | \bmuch\s+obliged\b | \bindebted\b | \bcheers\s+for\b"""
)


def find_gratitude(text: str) -> list[Span]:
    """Expressions of thanks: "thank you", "thanks", "I appreciate", "grateful"
    ("thanks in advance" is a request's sign-off, not thanks)."""
    return find_affirmed(_GRATITUDE, text)


_DETAIL_CUE = _rx(
    r"""\byour\s+(?:\w+\s+)?(?:point|advice|suggestion|tip|idea|insight|recommendation|comment|observation|explanation|
        story|stories|example|description|perspective|reminder|encouragement|emphasis|account|answer)s?\s+(?:about|
                on|to|that|of|regarding|for)\b
    | \byou(?:['’]ve|\s+had|\s+have)?\s+(?:\w+\s+)?(?:recommended|suggested|mentioned|explained|described|shared|
          showed|pointed\s+out|
        told\s+me|walked\s+me\s+through|gave\s+me|highlighted|emphasi[sz]ed|stressed|raised|offered)\b
    | \b(?:learning|hearing|seeing|understanding|discussing|talking)\s+(?:more\s+|a\s+bit\s+)?(?:about|how|that|
          what|why|where|which)\b
    | {i}\s+(?:\w+\s+)?(?:learned|learnt|discovered|realized|realised|now\s+understand|now\s+know|now\s+see|
          came\s+away|took\s+away|was\s+struck)\b
    | \b(?:walk(?:ing)?|talk(?:ing)?|taking)\s+me\s+through\b
    | \bto\s+(?:hear|learn|see|find\s+out|understand)\s+(?:more\s+)?(?:about|how|that|what|why|where|which)\b
    | \b(?:the|that|those|these)\s+(?:\w+\s+)?(?:point|advice|suggestion|tip|idea|insight|recommendation|example|story|
        resource|article|book|course|reading|contact)s?\s+(?:about|on|you|for|to)\b
    | \b(?:telling|showing|teaching|explaining|sharing|introducing)\s+(?:me\s+|with\s+me\s+)?(?:\w+\s+)?(?:about|
          how|what|why|your|the)\b
    | \b(?:our|the|your)\s+(?:\w+\s+)?(?:conversation|discussion|chat|talk|meeting|tour)\s+(?:about|on|regarding|of)\b
    | {i}(?:['’]ll|\s+will|\s+plan\s+to|\s+intend\s+to|\s+am\s+going\s+to|['’]m\s+going\s+to|\s+have\s+already|
          ['’]ve\s+already|\s+already|\s+have|['’]ve)\s+
        (?:\w+\s+)?(?:follow\w*\s+up|sign\w*\s+up|sign\w*|read|look\w*\s+into|reach\w*\s+out|contact\w*|appl\w+|
                tr(?:y|ied)|start\w*|
        join\w*|enrol\w*|register\w*|order\w*|download\w*|take|taken|use|used|put|bookmark\w*|revis\w+|updat\w+|
                rework\w*|chang\w+)\b""".format(i=_SUBJECT_I)
)
#: words that make a thank-you no more specific ("thank you for your time and advice")
_UNSPECIFIC = GENERIC_WORDS | frozenset(
    """enjoyed enjoy appreciate appreciated grateful gratitude generous generosity kind kindness taking
    sharing spending spent speaking talking meeting chatting valuable wonderful lovely truly sincerely
    again soon forward hope hoping look looking best regards warm wishes learned learnt mentioned
    recommended suggested explained described shared told showed gave pointed yesterday tuesday monday
    wednesday thursday friday saturday sunday morning afternoon evening earlier week recently today""".split()
)
#: a wish rather than something learned ("I hope to hear about ...", "I'd love to learn how ...")
_WISH = _rx(r"\b(?:hope|hoping|like|love|want|wish|eager|keen|looking\s+forward)\s+(?:\w+\s+)?$")
#: content words a sentence must hold, beyond courtesies, to name something specific
SPECIFIC_WORDS = 2


def find_specific_details(text: str) -> list[Span]:
    """Sentences that name something concrete the writer learned or will do:
    "your advice about X", "learning how you ...", "I will follow up on your
    suggestion to ...", "I have signed up for the course you recommended".
    "I learned a lot" and "thank you for your advice" name nothing."""
    spans = []
    for m in _DETAIL_CUE.finditer(text):
        if is_negated(text, m.start(), m.end()):
            continue
        sentence_end = sentence_at(text, m.start())[1]
        if text[sentence_end - 1] == "?":
            continue  # a question asks for something; it does not name what was learned
        start = clause_start(text, m.start(), commas=True)
        end = context(text, m.start(), m.end())[1]
        if _WISH.search(text, start, m.start()) or _JOB_ASK.search(text, start, end):
            continue  # "hope to hear about openings" is a wish, not something learned
        if len(content_words(text[start:end], ignore=_UNSPECIFIC)) >= SPECIFIC_WORDS:
            spans.append((m.start(), end))
    return spans


_NEW_REQUEST = _rx(
    r"""\b(?:could|would|can|will)\s+you\s+(?:please\s+|possibly\s+|also\s+|kindly\s+|perhaps\s+|maybe\s+)*
        (?!like\s+(?:me|a\s+copy|the)|want\s+me|let\s+me\s+know\s+(?:if|how)\s+I|mind\s+if\s+I\s+(?:send|share|
                connect|stay|keep|follow))\w+
    | \bplease\s+(?!let\s+me\s+know\s+(?:if|how|whether)\s+(?:I|there['’]s\s+anything\s+I)|don['’]t\s+hesitate|
          feel\s+free|accept|give\s+my|keep\s+in\s+touch|stay\s+in\s+touch)
        (?:send|introduce|review|look|forward|share|connect|let\s+me\s+know\s+(?:if|whether|when)\s+(?!I\b|
                how\s+I\b|there(?:['’]s|\s+is)\s+anything\s+I\b)|
        keep\s+me|consider|put\s+me|read|check|call|email|e-mail|meet|recommend|help|tell|refer)\b
    | \bI\s+(?:would|['’]d)\s+(?:love|like|appreciate|be\s+grateful|be\s+thankful)\s+(?:it\s+)?(?:if\s+you|
          for\s+you\s+to|your\s+(?:help|feedback|thoughts)\s+on)\b
    | \b(?:can|could|may|might)\s+(?:we|I)\s+(?:\w+\s+)?(?:meet|talk|chat|speak|get\s+together|schedule|set\s+up|
          call|visit|shadow|come|ask|send\s+you\s+my)\b
    | \b(?:another|a\s+second|a\s+follow[\s-]up|one\s+more)\s+(?:\w+\s+)?(?:meeting|call|chat|conversation|coffee|
          session|interview)\b
    | \bmeet\s+(?:up\s+)?again\b
    | \b(?:introduce|connect)\s+me\s+(?:to|with)\b | \bput\s+me\s+in\s+touch\b
    | \b(?:review|look\s+over|look\s+at|critique|proofread|edit|read|check)\s+(?:over\s+)?my\s+(?:resume|résumé|cv|
          cover\s+letter|portfolio|application|draft|essay|thesis)\b
    | \bletter\s+of\s+(?:recommendation|reference)\b | \b(?:be|serve\s+as|act\s+as)\s+(?:a|my)\s+reference\b
    | \bI\s+was\s+hoping\s+(?:you|we)\s+(?:could|might|would)\b"""
)


def find_new_requests(text: str) -> list[Span]:
    """New requests made in a thank-you (besides asking for a job): "could you
    introduce me to ...", "could you review my resume", "another meeting",
    "can we meet again". Offers ("would you like me to send ...", "let me know
    if I can help") are not requests."""
    return find_affirmed(_NEW_REQUEST, text)


_OFFER_HELP = _rx(
    r"""\bif\s+(?:there\s+is|there['’]s|there\s+are)\s+(?:ever\s+)?(?:anything|any\s+way|
            something)\s+(?:that\s+)?I\s+can
    | \bif\s+I\s+can\s+(?:ever\s+)?(?:\w+\s+)?(?:help|assist|be\s+of|do\s+(?:anything|something)|return|support|
          contribute|repay|be\s+useful)
    | \b(?:happy|glad|delighted|pleased|eager|willing|keen|more\s+than\s+happy)\s+to\s+(?:\w+\s+)?(?:share|help|
          send|pass|return|volunteer|assist|support|contribute|forward|lend|offer|introduce|connect|show|give)\b
    | \blet\s+me\s+know\s+(?:if|how|whether|what)\s+(?:there\s+is\s+|there['’]s\s+)?(?:anything\s+|
          any\s+way\s+)?(?:I\s+can|I\s+could|you['’]d\s+like|you\s+would\s+like|you\s+want|it\s+would|that\s+would|
          you\s+need)
    | \b(?:would|['’]d)\s+(?:love|like|be\s+happy|be\s+glad|be\s+delighted)\s+to\s+(?:help|assist|support|volunteer|
          contribute|return)\b
    | \bif\s+you\s+(?:ever\s+)?need\s+(?:a|an|any|someone|help|volunteers?|anything)\b
    | \b(?:return|repay)\s+the\s+favou?r\b | \bin\s+return\b
    | \b(?:please\s+)?(?:don['’]t|do\s+not)\s+hesitate\s+to\s+(?:ask|reach|call|contact|let)
    | \b(?:would|could|can|may|shall)\s+I\s+(?:\w+\s+)?(?:send|share|help|pass|forward|offer)\b
    | \bI\s+(?:can|could|will|['’]ll)\s+(?:\w+\s+)?(?:send|share|forward|pass\s+along|pass\s+on)\s+(?:you|it|the|a|
          my|our|along)\b
    | \bhow\s+I\s+(?:might|can|could)\s+(?:\w+\s+)?(?:help|support|be\s+useful|be\s+of)
    | \bwould\s+you\s+like\s+(?:me\s+to|a\s+copy|the|a\s+link)\b
    | \bif\s+(?:it|that|this)\s+would\s+(?:help|be\s+(?:useful|helpful))\b
    | \b(?:my|our)\s+(?:help|support|assistance)\s+(?:with|on|for)\b | \bglad\s+to\s+help\b"""
)


def find_offers_of_help(text: str) -> list[Span]:
    """Offers to be of service: "if I can ever help", "happy to share",
    "let me know if I can ...", "would you like me to send ...",
    "I'd be glad to pass along ..."."""
    return find_affirmed(_OFFER_HELP, text)


# ---------------------------------------------------------------------------
# Notes and reflections: disparaging people or places
# ---------------------------------------------------------------------------

#: judgements that insult whoever they are about
_INSULT = (
    r"(?:incompetent|idiots?|idiotic|stupid|morons?|moronic|clueless|lazy|useless|pathetic|hopeless|dinosaurs?|"
    r"jerks?|losers?|fools?|foolish|dumb|ignorant|arrogant|rude|obnoxious|toxic|a\s+joke|a\s+clown|clowns|"
    r"a\s+(?:total\s+|complete\s+|real\s+|hot\s+|absolute\s+)?(?:mess|disaster|nightmare|trainwreck|train\s+wreck|shambles|dump|waste\s+of\s+space))"
)
#: judgements that disparage only when about a person or a place
_HARSH = (
    r"(?:terrible|awful|horrible|dreadful|atrocious|worst|mediocre|unprofessional|disorgani[sz]ed|dysfunctional|"
    r"incapable|sloppy|backward|laughable|ridiculous|a\s+mess|shambolic|garbage|rubbish|trash|crap|sucks?|suck|hate|"
    r"can['’]t\s+stand|overrated|boring|a\s+waste\s+of\s+time|out\s+of\s+touch|behind\s+the\s+times)"
)
_TARGET = (
    r"(?:he|she|they|them|him|her|people|everyone|everybody|director|dean|manager|management|administration|admin|"
    r"boss|head|chair|board|committee|staff|colleagues?|co-?workers?|librarians?|archivists?|team|department|"
    r"branch|library|libraries|archives?|museum|institution|university|college|school|office|system|catalog(?:ue)?|"
    r"website|collection|programs?|programmes?|services?|organi[sz]ation|company|firm|place|faculty|leadership|"
    r"supervisor|predecessor|vendor|union|council|city|county|there)"
)
_DISPARAGING = _rx(
    rf"""\b{_INSULT}\b
    | \b{_TARGET}(?:['’]s)?\b(?:\s+(?!that\b|who\b|which\b|and\b|but\b)[\w’'-]+){{0,3}}?\s+(?:is|are|was|were|
          seems?|seemed|looks?|looked|sounds?|sounded|felt|feels|remains?|has\s+been|have\s+been|'s|’s|'re|’re)\s+
        (?:\w+\s+){{0,2}}?{_HARSH}\b
    | \b{_HARSH}\s+(?:\w+\s+)?{_TARGET}\b
    | \b(?:I|we)\s+(?:really\s+|both\s+|all\s+)?(?:hate|despise|can['’]t\s+stand)\s+(?:the|their|that|those|this|
          him|her|them|how|his|working)\b"""
)
_REPORTED = _rx(r"\b(?:she|he|they|the\s+\w+)\s+(?:said|says|complained|thinks|thought|felt|feels|believes|called|described|criticis\w*|criticiz\w*|vented|"
    r"mentioned|claimed|joked|admitted|noted|explained|warned|told\s+me|pointed\s+out|was\s+(?:frank|candid|honest|blunt))")
_JOINED_IN = _rx(
    r"\bI\s+(?:\w+\s+)?(?:agreed|agree|said|told|added|joked|laughed|chimed|concurred|also\s+think|also\s+thought)\b|\bwe\s+both\b|\bme\s+too\b|\bso\s+true\b"
)
_SELF = _rx(r"\bI\s+(?:was|am|['’]m|felt|feel|seemed|sounded|looked)\s+(?:\w+\s+){0,2}$")


def find_disparagement(text: str) -> list[Span]:
    """Negative judgements about people or places: "the director there is
    incompetent", "their catalogue is a mess", "what a useless website".

    Not counted: negated judgements ("the staff were not rude at all"),
    judgements of oneself ("I was terrible at small talk"), and criticism the
    interviewee voiced that the writer reports without joining in ("She said
    the board is dysfunctional; I changed the subject"). Agreeing with it
    ("... and I agreed") counts.
    """
    spans = []
    for m in _DISPARAGING.finditer(text):
        if is_negated(text, m.start(), m.end()):
            continue
        start = clause_start(text, m.start(), commas=True)
        if _SELF.search(text, start, m.start()):
            continue
        around = context(text, m.start(), m.end())
        if _REPORTED.search(text, *around) and not _JOINED_IN.search(text, *around):
            continue
        spans.append(m.span())
    return spans


# ---------------------------------------------------------------------------
# Questions: open or yes/no
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Rule helper: nothing written yet
# ---------------------------------------------------------------------------

def needs_text(check):
    """Decorate a text rule's check so that a draft with no words fails it.

    An empty draft therefore scores 0 on every rule (instead of passing the
    "don't do X" rules by saying nothing). The subject must have a ``text``.
    """
    from functools import wraps

    from .base import Verdict

    nothing = Verdict(False, detail="There is no text to check yet.")

    @wraps(check)
    def checked(subject):
        return nothing if is_blank(subject.text) else check(subject)

    return checked
