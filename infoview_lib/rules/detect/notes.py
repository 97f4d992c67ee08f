"""Notes and reflections: disparaging people or places, and joining in when someone else does.
"""
from __future__ import annotations

from .text import (
    Span,
    _rx,
    clause_start,
    context,
    is_negated,
    sentence_from,
)
from .vocab import alternation, words

_WORDS = "words.json"


# The word lists are data (infoview_lib/data/words.json); how they combine into phrases is here.
#: judgements that insult whoever they are about ("incompetent", "a total mess")
_INSULT = (
    rf"(?:{alternation(words(_WORDS, 'insults'))}|a\s+(?:{alternation(words(_WORDS, 'insult_intensifiers'))}\s+)?"
    rf"{alternation(words(_WORDS, 'insult_nouns'))})"
)
#: judgements that disparage only when about a person or a place
_HARSH = alternation(words(_WORDS, "harsh"))
#: people and places such a judgement is about
_TARGET = alternation(words(_WORDS, "judged"))
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
    r"""\bI\s+(?:\w+\s+)?(?:agreed|agree|said|told|added|joked|laughed|chimed|concurred|also\s+think|also\s+thought)\b
    | \bwe\s+both\b | \bme\s+too\b | \bso\s+true\b | \bsame\s+here\b | \btell\s+me\s+about\s+it\b
    | \b(?:totally|completely|fully|absolutely|so|strongly|entirely|100%)\s+agree(?:d)?\b | \bcouldn['’]t\s+agree\s+more\b
    | (?<!she\s)(?<!he\s)(?<!they\s)\bagreed\b(?!\s+to\b) | \bI\s+know,?\s+right\b"""
)
#: judgements of incompetence phrased with a negation ("their director has no idea what she is doing")
_CLUELESS = _rx(
    rf"""\b{_TARGET}(?:['’]s)?\b(?:\s+(?!that\b|who\b|which\b|and\b|but\b)[\w’'-]+){{0,3}}?\s+(?:has|have|had)\s+
        (?:absolutely\s+|literally\s+)?no\s+(?:idea|clue)\b
    | \b{_TARGET}\b(?:\s+[\w’'-]+){{0,3}}?\s+(?:doesn['’]t|don['’]t|didn['’]t|does\s+not|do\s+not|did\s+not)\s+
        (?:even\s+)?know\s+what\s+(?:she|he|they|it)(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were)\s+doing\b
    | \b(?:she|he|they)(?:\s+is|\s+are|\s+was|\s+were|['’]s|['’]re)\s+(?:totally\s+|completely\s+|way\s+)?out\s+of\s+
        (?:her|his|their)\s+depth\b"""
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

    Finds: "The director there is incompetent."
    Finds: "Their catalogue is a mess and the staff are lazy."
    Ignores: "The staff were not rude at all; everyone was welcoming."
    """
    spans = []
    found = [m for m in _DISPARAGING.finditer(text) if not is_negated(text, m.start(), m.end())]
    for m in sorted(found + list(_CLUELESS.finditer(text)), key=lambda m: m.start()):
        start = clause_start(text, m.start(), commas=True)
        if _SELF.search(text, start, m.start()):
            continue
        # Reported: someone else said it, in this clause ("She said the board is a mess; ...").
        if _REPORTED.search(text, clause_start(text, m.start()), m.end()) and not _joined_in(text, m):
            continue
        spans.append(m.span())
    return spans


def _joined_in(text: str, m) -> bool:
    """Whether the writer agrees with reported criticism, in its sentence or the next one
    ("... - totally agree", "... Couldn't agree more.")."""
    a, b = context(text, m.start(), m.end())
    return _JOINED_IN.search(text, a, max(b, sentence_from(text, b)[1])) is not None
