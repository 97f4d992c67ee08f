"""Text basics: lazy patterns, words, sentences, clauses, negation, message body, spans, stems and content words.

The lowest layer: every other detector module builds on these; this one imports nothing of theirs.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .pattern_cache import compile_pattern, remembered
from .vocab import word_set as _word_set


Span = tuple[int, int]

_FLAGS = re.IGNORECASE | re.VERBOSE


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Importing the scorers then costs little: a notebook that checks only a
    thank-you note never compiles the request's patterns (compiling those takes
    about 0.1 s of CPU, paid in every kernel and grading process without the cache). On first use
    the compiled pattern's methods are bound onto the instance, so later calls
    cost the same as calling a compiled pattern. Compiling goes through
    :mod:`.pattern_cache`, which keeps the compiled programs between processes.
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiling it now if it never was)."""
        compiled = compile_pattern(self.pattern, self.flags)
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


class PhrasePattern(LazyPattern):
    """A :class:`LazyPattern` whose every alternative begins a word, searched only where it can match.

    On first use it works out the literal starts of its alternatives ("are there", "is there",
    "hir(e|ing)" -> "are", "is", "hir"); ``finditer`` and ``search`` then try the pattern only at
    the word starts of the text that begin with one of them, instead of letting the regular
    expression engine try some fifty alternatives at every word. The matches are exactly those
    of the compiled pattern (a test checks this on every labelled text); when the starts cannot
    be worked out, the compiled pattern's own methods are used.
    """

    def __init__(self, body: str, flags: int):
        super().__init__(rf"(?<![\w'’])(?=\w)(?:{body})", flags)
        self.body = body

    def compiled(self) -> re.Pattern:
        compiled = super().compiled()
        starts = (remembered("literal starts" if self.flags & re.VERBOSE else "literal starts, not verbose",
                             self.body, lambda: _sorted_or_none(_literal_starts(self.body, bool(self.flags & re.VERBOSE))))
                  if self.flags & re.IGNORECASE else None)
        if starts and all(starts):
            self.starts = tuple(sorted({start[:_HEAD_LETTERS] for start in starts}))
            match = compiled.match

            def finditer(text: str, pos: int = 0, endpos: int | None = None):
                end = len(text) if endpos is None else min(endpos, len(text))
                resume = pos
                for start in _candidates(text, self.starts):
                    if start < resume:
                        continue
                    if start >= end:
                        break
                    m = match(text, start, end)
                    if m:
                        yield m
                        resume = max(m.end(), start + 1)

            def search(text: str, pos: int = 0, endpos: int | None = None):
                return next(finditer(text, pos, endpos), None)

            self.finditer, self.search = finditer, search
        return compiled


@lru_cache(maxsize=64)
def _word_heads(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, first letters in lower case) of every word of ``text``: the places a
    :class:`PhrasePattern` can match."""
    return tuple((m.start(), m.group(1).lower()) for m in _WORD_HEAD.finditer(text))


@lru_cache(maxsize=1024)
def _candidates(text: str, starts: tuple[str, ...]) -> tuple[int, ...]:
    """Offsets of the words of ``text`` that begin with one of ``starts``."""
    return tuple(start for start, head in _word_heads(text) if head.startswith(starts))


def _sorted_or_none(starts: set[str] | None) -> tuple[str, ...] | None:
    return None if starts is None else tuple(sorted(starts))


def _bracket_depths(pattern: str, i: int = 0):
    """(index, character, depth) for each character of ``pattern`` from ``i`` on, outside character
    classes and escapes (those are skipped): the one bracket scanner that :func:`_top_level` and
    :func:`_closing` read. ``depth`` is the group depth after the character (an opening bracket
    counts itself, a closing one does not)."""
    depth, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def _top_level(pattern: str, sep: str = "|") -> list[str]:
    """``pattern`` split at ``sep`` outside brackets and character classes."""
    cuts = [i for i, c, depth in _bracket_depths(pattern) if c == sep and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(pattern)])]


def _closing(pattern: str, i: int) -> int:
    """Index of the bracket closing the one opened at ``pattern[i]``."""
    for j, c, depth in _bracket_depths(pattern, i):
        if c == ")" and depth == 0:
            return j
    raise ValueError("unbalanced brackets")


def _literal_starts(pattern: str, verbose: bool = True) -> set[str] | None:
    """Lower-case literal text that every match of ``pattern`` (verbose syntax) begins with, one per
    alternative ("(?:are|is)\\s+there|hir(?:e|ing)" -> {"are", "is", "hir"}); None when an
    alternative can begin with something else (a class, an optional group, ``\\w``)."""
    if verbose:
        pattern = re.sub(r"(?<!\\)\s+", "", pattern)
    starts: set[str] = set()
    for alternative in _top_level(pattern):
        found = _alternative_starts(alternative)
        if found is None:
            return None
        starts |= found
    return starts


def _alternative_starts(a: str) -> set[str] | None:
    i = 0
    while True:  # zero-width assertions that do not fix the first letters
        if a.startswith("\\b", i):
            i += 2
        elif a.startswith("\\s*", i):
            i += 3  # matches nothing at a word start
        elif a.startswith(("(?<!", "(?<=", "(?!"), i):
            i = _closing(a, i) + 1
        else:
            break
    if a.startswith("(", i):
        end = _closing(a, i)
        named = re.match(r"\(\?P<\w+>", a[i:])
        inner = (a[i + named.end():end] if named else a[i + 3:end] if a.startswith(("(?:", "(?="), i)
                 else a[i + 1:end] if a[i + 1] != "?" else None)
        group = None if inner is None else _literal_starts(inner, verbose=False)
        optional = re.match(r"(?:\?|\*|\{0,\d*\})\??", a[end + 1:])
        if group is None or not optional:
            return group
        # an optional group: the match begins with the group or with what follows it
        rest = _alternative_starts(a[end + 1 + optional.end():])
        return None if rest is None else group | rest
    if a.startswith("\\d", i):
        return set("0123456789")
    if a.startswith(("['’]", "[’']"), i):
        return set()  # an apostrophe cannot begin a word: this alternative never matches at a word start
    literal = []
    while i < len(a) and (a[i].isalnum() or a[i] in "'’-"):
        literal.append(a[i])
        i += 1
    if i < len(a) and a[i] in "?*{" and literal:
        literal.pop()  # the last letter is optional
    text = "".join(literal).lower()
    return {text} if text else None


def _rx(pattern: str, flags: int = _FLAGS, *, word_start: bool = True) -> LazyPattern:
    """A phrase pattern, compiled on first use. With ``word_start`` (for patterns
    whose every alternative begins a word) it is tried only where a word begins
    with one of its alternatives' first letters (see :class:`PhrasePattern`),
    which makes the long alternations several times faster."""
    if word_start:
        return PhrasePattern(pattern, flags)
    return LazyPattern(pattern, flags)


_WORD = LazyPattern(r"\w+(?:['’\-]\w+)*")
#: how many of a word's first letters the phrase search compares (longer starts are cut to this)
_HEAD_LETTERS = 12
_WORD_HEAD = LazyPattern(rf"(?<![\w'’])(?=(\w[\w'’-]{{0,{_HEAD_LETTERS - 1}}}))")
#: a sentence ends at . ! ? or at a line break, unless the next line goes on in lower case
#: (a hard-wrapped sentence: "libraries,\narchives, metadata")
_SENTENCE_END = LazyPattern(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\r?\n(?![ \t]*[a-z])")
_CLAUSE_BOUNDARY = _rx(
    r"""[;:—–()]|\s-\s
    | ,?\s+(?:but|however|although|though|yet|whereas)\b
    | ,(?=\s*(?:are|is|do|does|did|could|can|would|will|may|might|should)\b)
    | ,(?=\s*(?:so|and\s+so|because|since|while)\b) | ,(?=\s*and\s+(?:I|I['’]\w+|we)\b)
    | ,(?=\s*(?:just|only|simply|merely)\s+(?:to|want|wanting|trying|hoping|curious|interested|keen|looking\s+to)\b)""",
    word_start=False,
)
_NEGATION = _rx(
    r"\b(?:not|never|no|nor|neither|without|cannot)\b|n['’]t\b|\brather\s+than\b|\binstead\s+of\b", word_start=False
)
#: phrases that contain a negation word but do not negate what follows
_NOT_A_NEGATION = _rx(
    r"""(?:do|does|did)(?:\s+not|n['’]t)\s+(?:know|mind)\b | \bnot\s+sure\b | \bor\s+not\b | \bnot\s+only\b
    | \bno\s+(?:matter|doubt|worries|problem|pressure)\b | \bno\s+longer\b | \bno\s+later\s+than\b
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
            $)[\s\S]{0,500})\Z""",
    re.I | re.X,
)
#: a legal notice or a printing plea after the signature, which is no part of the message
_DISCLAIMER = LazyPattern(
    r"\n[^\n]*(?:CONFIDENTIALITY\s+NOTICE|DISCLAIMER\s*:|This\s+e-?mail\s+(?:and\s+any\s+attachments\s+)?(?:is|are)\s+"
    r"(?:intended|confidential)|Please\s+consider\s+the\s+environment)[\s\S]*\Z",
    re.I,
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
    m = _DISCLAIMER.search(text, start)
    if m:
        end = m.start()
    m = _SIGN_OFF.search(text, start, end)
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
    a line break (unless the next line goes on in lower case); titles and abbreviations ("Dr.", "Ms.", "e.g.") and initials
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
            if token in word_set("abbreviations") or (len(token) == 1 and token.isalpha()):
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


def sentence_from(text: str, pos: int) -> Span:
    """The sentence holding the first character at or after ``pos`` that is not a space: the one
    holding ``pos``, or the next when ``pos`` ends a sentence or falls between two ((pos, pos) when
    none is left).

    >>> text = "She said so.  I agreed."
    >>> [text[slice(*sentence_from(text, p))] for p in (0, 12, 13, len(text))]
    ['She said so.', 'I agreed.', 'I agreed.', '']
    """
    sentences, starts, _, _ = _layout(text)
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < sentences[i][1]:
        return sentences[i]
    return sentences[i + 1] if i + 1 < len(sentences) else (pos, pos)


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
    if _NEGATION.search(window) is None:
        return False  # the common case, decided by one search
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


_SUBJECT_I = r"\bI(?:['’]ve|\s+have|['’]d|\s+recently|\s+just|\s+also|\s+really)?"


def word_set(name: str) -> frozenset[str]:
    """The word list ``name`` of ``infoview_lib/data/words.json`` ("stopwords", "generic",
    "topic_noise", "asking", "unspecific_thanks", "generic_topics", "abbreviations"), read on first use."""
    return _word_set("words.json", name)


def generic_words() -> frozenset[str]:
    """Words too general to show that two texts share a subject or that a question is specific."""
    return word_set("generic")


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
    stopwords = word_set("stopwords")
    out = []
    for w in _WORD.findall(text):
        lw = w.lower().replace("’", "'")
        if len(lw) < 3 or lw in stopwords or lw in ignore or lw.isdigit():
            continue
        out.append(lw)
    return out


def content_stems(text: str, ignore: frozenset[str] | None = None) -> set[str]:
    """Stems of the meaningful words of ``text``, leaving out ``ignore`` (by default the course's
    topic noise: "library", "work", "team", ...)."""
    return {stem(w) for w in content_words(text, ignore=word_set("topic_noise") if ignore is None else ignore)}


def shares_subject(text: str, subject_stems: set[str], ignore: frozenset[str] | None = None) -> list[str]:
    """Words of ``text`` whose stem is in ``subject_stems`` (or shares a 5-letter start with one)."""
    prefixes = {t[:5] for t in subject_stems if len(t) >= 5}
    hits = []
    for w in content_words(text, ignore=word_set("topic_noise") if ignore is None else ignore):
        s = stem(w)
        if s in subject_stems or (len(s) >= 5 and s[:5] in prefixes):
            hits.append(w)
    return hits
