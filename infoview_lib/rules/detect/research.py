"""Research: signs that the writer did their homework on the reader or their workplace.

Research shows in "I read your ..." and also in specific references to the person's or the
workplace's own facts: a change they made ("since Riverside went fine-free", "now that your team
reports to ...", "the migration to linked data"), a date ("the archive you opened in 2019", "last
spring"), an undertaking of theirs named with what they did ("you lead the metadata team at ...",
"how you run the oral history programme"), a named programme ("the BIBFRAME pilot"), what the
writer found "in reading about" them. A change or date counts only when the clause is about them,
not the writer ("My move to the US last spring").

Finds: "Since Riverside went fine-free in 2022, what changed?", "I read your post on zines.",
"One thing I found in reading about Marlow Partners is ...".
Ignores: "I found your profile on LinkedIn.", "Since I started my MLIS, I have ...",
"I graduated in 2021.", "how you run your team", "After the move to Boston I ..."
"""
from __future__ import annotations

import re

from .text import (
    LazyPattern,
    Span,
    _SUBJECT_I,
    _rx,
    clause_start,
    context,
    find_affirmed,
    is_negated,
    sentence_at,
)


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
    | \bhow\s+did\s+(?:you|your\s+[\w-]+)\s+(?:manage\s+to\s+|finally\s+)?(?:persuade|convince|win\s+over|lobby|save|rescue|
          secure|negotiate|turn\s+around)\s+(?:the|your|its|their)\s+
    | \b(?:that|how)\s+you\s+(?:recently\s+|successfully\s+|personally\s+)?(?:led|launched|founded|built|persuaded|
          convinced|saved|rescued|secured|negotiated|
          designed|developed|introduced|redesigned|piloted|published|wrote|created|organi[sz]ed|spearheaded|
          oversaw|curated|co-founded|established|won)\b"""
)


_FACT_OF_THEIRS = _rx(
    r"""\b(?:since|after|when|now\s+that|before|once)\s+(?!I\b|we\b|my\b|our\b|you\s+have\s+(?:time|a\s+moment))
        (?:[\w'’.-]+\s+){1,4}?(?:went|launched|started|introduced|moved|expanded|opened|adopted|began|joined|switched|
        migrated|merged|created|won|received|published|redesigned|piloted|became|reorgani[sz]ed|restructured|closed|
        partnered|rolled\s+out|shifted|dropped|eliminated|replaced|renovated|hired|added|launched|went\s+live)\b
    | \b(?:in|from|while|when|after)\s+(?:reading|researching|looking\s+into|looking\s+at|learning)\s+(?:about|up\s+on|
          into)\s+\w+
    | \bI\s+(?:see|notice|gather)\s+(?:that\s+)?(?:your|you)\b
    | \b(?:in|since|during|by)\s+(?:19|20)\d\d\b"""
)
#: a change the reader's workplace made, named as a noun ("the move to FOLIO", "your migration to linked data",
#: "the switch to GIS services"): knowing it shows homework
_THEIR_CHANGE = _rx(
    r"""\b(?:switch|move|migration|transition|shift|conversion|merger|rollout|roll-out|redesign|renovation|expansion|
        reorgani[sz]ation|restructur\w+)\s+(?:to|from|into|of\s+(?:the|your|its))\b"""
)
#: ... named as theirs or as a definite thing (searched before the change noun: "the", "your" are too common to
#: start a search from)
_CHANGE_OWNER = _rx(r"\b(?:the|your|its|their|that)\s+(?:[\w'’-]+\s+){0,2}?$", word_start=False)
#: a specific undertaking of theirs, named with what they did ("how you run the oral history programme",
#: "how your branch organised its careers drop-in", "you lead the metadata team at ...")
_THEIR_UNDERTAKING = _rx(
    r"""\b(?:you|your\s+(?:[\w'’-]+\s+)?(?:team|library|branch|department|office|unit|lab|archive|museum|service|
            group|council|firm|organi[sz]ation|school|college|university|staff|consortium|network|system|trust|
            foundation|society|association|company|agency|press|hospital))\s+(?:\w+\s+){0,2}?
        (?:run|ran|lead|led|head|headed|manage|managed|oversee|oversaw|direct|set\s+up|launched|started|built|build|
          secured|won|raised|obtained|opened|redesigned|renovated|expanded|runs|leads|manages|staffs|staffed|funds|
          funded|organi[sz]es|handles|coordinates|curates|oversees|
          organi[sz]ed|planned|created|designed|got|handled|established|developed|introduced|piloted|founded|
          curate|curated|coordinate|coordinated)\s+(?:the|its|your|their|a|an)\s+(?:[\w'’/&.-]+\s+){1,4}?
        (?:programme|program|project|pilot|initiative|service|drop-in|collection|scheme|lab|makerspace|exhibition|
          series|migration|move|switch|transition|partnership|team|unit|department|reading\s+rooms?|archive|
          digiti[sz]ation|conversion|campaign|study|survey|residency|festival|desk|clinic|workshop|funding|grant|
          area|space|room|sessions?|events?|centre|center|hub|garden|club|portal|website|app|policy)s?\b"""
)
#: "last spring", "this year": a recent time of something they did
_RECENT_TIME = _rx(r"\b(?:last|this\s+past|earlier\s+this)\s+(?:year|spring|summer|autumn|fall|winter|month|term|semester)\b")
#: a named thing of theirs, capitalised or dated: "the BIBFRAME pilot", "the 2022 serials project",
#: "how did you move from the National Archives", "what made Eastside decide ..."
#: (each starts with a letter class or a literal, so the search skips quickly to where it can match;
#: a leading \b would make it try every position)
_NAMED_THING = tuple(LazyPattern(p, re.VERBOSE) for p in (
    r"""[Tt]he\s+(?:[A-Z][\w'’-]*|(?:19|20)\d\d)\s+(?:[\w'’-]+\s+){0,2}?(?:[Pp]ilot|[Pp]roject|[Pp]rogram(?:me)?|
        [Ii]nitiative|[Mm]igration|[Rr]edesign|[Cc]ampaign|[Gg]rant|[Ss]urvey|[Rr]eport|[Ee]xhibition|[Ss]trategy|
        [Pp]lan|[Rr]ecords|[Cc]onversion|[Rr]ollout|[Pp]artnership|[Ll]aunch)\b""",
    r"""you\s+(?:first\s+)?(?:move|moved|switch|switched|go|went|transition|transitioned|come|came)\s+(?:over\s+)?from\s+
        (?:the\s+)?[A-Z]\w+""",
    r"""[A-Z][\w-]+['’]s\s+(?:[\w'’-]+\s+){0,2}?(?:[Ss]ervice|[Pp]rogram(?:me)?|[Pp]roject|[Pp]ilot|
        [Ii]nitiative|[Cc]ollection|[Aa]rchive|[Ll]ab|[Cc]entre|[Cc]enter|[Pp]ortal|[Ss]trategy|[Pp]olicy|[Mm]igration)\b""",
    r"""[mdl](?:ade|id|oes|ed)\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:decide|choose|start|switch|move|adopt|drop|launch|begin|
        go|partner)\b""",
    # a choice of theirs named exactly: "how did your lab choose 96 kHz", "why did you pick FOLIO"
    r"""you(?:r\s+[\w-]+)?\s+(?:\w+\s+)?(?:choose|chose|pick|picked|adopt|adopted|settle\s+on|settled\s+on|
        standardi[sz]e\s+on|standardi[sz]ed\s+on|switch\s+to|switched\s+to|move\s+to|moved\s+to)\s+(?:[A-Z][\w-]*|\d[\w.]*)""",
))
#: where a named thing may begin: a word's start, not the start of a sentence (a capital there names nothing)
_SENTENCE_OPENING = LazyPattern(r"(?:^|[.!?:]\s+|\n\s*)$")
_THEIRS_OR_MINE = _rx(r"\b(?:you|your|yours|I|I['’]m|I['’]ve|my|me|we|our)\b")
#: finding someone's name or address is how the writer reached them, not research on their work
_CONTACT_FOUND = _rx(r"\b(?:found|got|saw|came\s+across|took)\s+(?:your|their)\s+(?:name|contact|e-?mail|details|address|number)\b"
                     r"|\b(?:found|reached|located)\s+you\s+(?:through|on|via|in|from)\b")
_WRITER = _rx(r"\b(?:I|I['’]m|I['’]ve|my|me|we|our)\b")


def find_research(text: str) -> list[Span]:
    """Signs of homework on the reader or their workplace.

    "I read your article on ...", "your recent project", "I saw your
    presentation", "on your library's website", "I noticed that your ...",
    "since you launched ...". Finding someone's name or profile is not research.

    Finds: "I read your report on rural broadband."
    Finds: "I noticed on your library's website that you launched a seed library this spring."
    Finds: "How did 'The 2022 Serials Project' change cataloguing at the library?"
    Ignores: "I found your profile on LinkedIn."
    """
    contacts = [m.span() for m in _CONTACT_FOUND.finditer(text)]
    spans = find_affirmed(_RESEARCH, text)
    if contacts:
        spans = [s for s in spans if not any(
            x < context(text, *s)[1] and clause_start(text, s[0], commas=True) < y for x, y in contacts)]
    for m in _FACT_OF_THEIRS.finditer(text):
        if m.group().lower().startswith(("in 1", "in 2", "since 1", "since 2", "during", "by 1", "by 2")):
            # a date is research only when the clause is about them, not the writer ("I graduated in 2021")
            a, b = context(text, m.start(), m.end())
            start = clause_start(text, m.start(), commas=True)
            if _WRITER.search(text, start, b):
                continue
        if not is_negated(text, m.start(), m.end()):
            spans.append(m.span())
    for m in _THEIR_CHANGE.finditer(text):
        owner = _CHANGE_OWNER.search(text, max(0, m.start() - 40), m.start())
        if owner is None or is_negated(text, m.start(), m.end()):
            continue
        if owner.group().lower().startswith("your") or _whose(text, owner.start(), m.end()) == "theirs":
            spans.append((owner.start(), m.end()))
    for pattern in (_THEIR_UNDERTAKING, *_NAMED_THING):
        for m in pattern.finditer(text):
            if pattern in _NAMED_THING and (_inside_word(text, m.start())
                                            or m.group()[0].isupper() and pattern is _NAMED_THING[2]
                                            and _SENTENCE_OPENING.search(text, max(0, m.start() - 3), m.start())):
                continue  # inside a word, or a capital that only opens a sentence
            whose = "theirs" if m.group().lower().startswith(("you", "your")) else _whose(text, m.start(), m.end())
            # a named thing needs only not to be the writer's; a change or an undertaking must be theirs
            if whose == "mine" or (whose is None and pattern not in _NAMED_THING):
                continue
            if not is_negated(text, m.start(), m.end()):
                spans.append(m.span())
    for m in _RECENT_TIME.finditer(text):
        if _whose(text, m.start(), m.end()) == "theirs" and not is_negated(text, m.start(), m.end()):
            spans.append(m.span())
    return sorted(spans)


def _inside_word(text: str, start: int) -> bool:
    """Whether ``start`` is inside a word: after a letter or digit, or after an apostrophe or a
    hyphen that follows one ("O'Neill", "non-Project"); a quote or a dash opening a name is not.

    >>> [_inside_word(t, 4) for t in ("abc The", "abcdThe", "abc'The", "ab 'The", "ab -The")]
    [False, True, True, False, False]
    """
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum():
        return True
    return before in "'’-" and start >= 2 and text[start - 2].isalnum()


def _whose(text: str, start: int, end: int) -> str | None:
    """Whom the clause around ``start:end`` is about: "theirs" when the nearest person word before it is
    "you" or "your", "mine" when it is the writer's; with none before, the first one after it in the
    sentence decides ("How did the move to X change the way you work?"); None when there is none."""
    last = None
    for m in _THEIRS_OR_MINE.finditer(text, clause_start(text, start), start):
        last = m.group().lower()
    if last is None:
        m = _THEIRS_OR_MINE.search(text, end, sentence_at(text, start)[1])
        last = m.group().lower() if m else None
    if last is None:
        return None
    return "theirs" if last in ("you", "your", "yours") else "mine"
