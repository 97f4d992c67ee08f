"""Job asks: asking for a job, openings, a referral or being hired (anywhere: request, questions, thank-you).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .text import (
    Span,
    _SUBJECT_I,
    _rx,
    clause_start,
    context,
    find_affirmed,
)
from .vocab import alternation, words


# The word lists are data (infoview_lib/data/words.json); the phrasings of a job ask are here, each with an
# example only it catches in infoview_lib/data/phrasing_examples.json (tests/test_detector_examples.py).
#: where someone works ("your team", "your library")
_WORKPLACE = alternation(words("words.json", "workplaces")) + r"\b"
#: what a job ask asks for ("openings", "the role")
_JOB_NOUN = alternation(words("words.json", "job_nouns"))
_JOB_ASK = _rx(
    rf"""\b(?:are\s+there|is\s+there|do\s+you\s+have|hear\s+(?:about|of)|keep\s+me\s+posted\s+(?:about|on)|
            does\s+(?:your|the)\s+\w+(?:\s+\w+)?\s+have|have\s+you\s+got|any|if\s+there\s+(?:are|is|were)|
        whether\s+there\s+(?:are|is)|are\s+you\s+offering|is\s+your\s+\w+\s+offering)\s+(?:\w+\s+){{0,3}}?
        (?:openings?\b(?!\s+(?:for|in)\s+(?:an?\s+|your\s+)?(?:\w+\s+)?(?:chat|call|meeting|conversation|coffee|
                informational|interview|appointment|talk|calendar|diary|schedule))|
        vacanc(?:y|ies)|positions?\s+(?:open|available|at|on|with|in)|jobs?\s+(?:open|available|at|on|
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
    | \bhir(?:e|ing)\s+me\b | \bwould\s+you\s+(?:\w+\s+)?hire\s+(?:me|us)\b
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
          applying)\s+for\s+(?:a\s+|an\s+|the\s+|your\s+|one\s+of\s+your\s+)?(?:[\w-]+\s+){{0,3}}?(?:job|position|role|post|
          employment|internship|placement|opening|vacancy)s?\b
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
          becomes\s+available)
    | \b(?:if|when|whenever|should|once|in\s+case)\s+(?:anything|something|any(?:thing)?\s+\w+|an?\s+(?:\w+\s+){{0,2}}?
          {_JOB_NOUN})\s+(?:ever\s+|else\s+)?(?:opens?\s+up|open\s+up|opens|becomes?\s+(?:available|vacant|open)|
          frees?\s+up|(?:is|gets|are)\s+(?:posted|advertised|created)|comes?\s+up\s+(?:on|at|in)\s+your)
    | \b(?:if|when|whenever|should|once|in\s+case)\s+(?:an?|any)\s+(?:\w+\s+){{0,2}}?{_JOB_NOUN}\s+(?:ever\s+)?comes?\s+up\b
    | \bkeep\s+me\s+(?:in\s+the\s+loop|posted|informed|updated)\s+(?:about|on|if|when|should|regarding)\s+
        (?:\w+\s+){{0,3}}?(?:{_JOB_NOUN}|opens|opening|hiring|vacanc)
    | \b(?:be|serve\s+as|act\s+as)\s+(?:a|my|one\s+of\s+my)\s+(?:job\s+|professional\s+|personal\s+)?references?\b
    | \b(?:write|provide|give)\s+(?:me\s+)?(?:a\s+)?(?:reference|recommendation|letter\s+of\s+(?:recommendation|
          reference))\s+(?:for\s+me|letter)?
    | \bvouch\s+for\s+me\b | \bput\s+me\s+forward\b
    | \b(?:ready|available|eager|keen)\s+to\s+(?:start|join\s+your|begin\s+work)\b
    | \b(?:like|love|hope|want|wish|glad|happy|keen|eager)\s+to\s+(?:join|work\s+(?:for|with|on|at))\s+your\s+
        (?:\w+\s+)?{_WORKPLACE}
    | \b(?:my|these)\s+(?:skills|experience|background|qualifications)\s+(?:\w+\s+){{0,3}}?(?:fit|match|suit|align\s+with)\s+
        (?:your|the)\s+(?:\w+\s+){{0,2}}?(?:team|role|position|needs|job|opening|requirements)
    | \b(?:a|an)\s+(?:\w+\s+)?role\s+(?:on|in|at|with)\s+your\s+(?:\w+\s+)?{_WORKPLACE}
    | \b{_JOB_NOUN}\b[^.?!;]{{0,60}}?\b(?:might|may|could|will|would|to|ever|should|does|do)\s+(?:ever\s+)?(?:opens?\s+up|open\s+up|
          become\s+(?:available|vacant|open)|come\s+up|free\s+up)\b
    | \b(?:experience|skills|background|qualifications)\s+(?:that\s+)?(?:this|the|your)\s+(?:\w+\s+)?(?:role|position|
          job|post|opening)\s+(?:calls\s+for|requires|needs|asks\s+for|demands)
    | \b(?:pass|passing|send|forward|put|putting|mention|mentioning)\s+(?:along\s+|on\s+|forward\s+)?my\s+name\s+
        (?:along|forward|on|to|in|for)\b
    | \bhear\s+(?:of|about)\s+(?:an?|any)\s+(?:[\w-]+\s+){{0,3}}?{_JOB_NOUN}\b
    | \bhear(?:ing)?\s+(?:back\s+)?(?:from\s+you\s+)?(?:about|of|regarding)\s+(?:any\s+|future\s+|possible\s+)*(?:[\w-]+\s+)?
        (?:opportunit(?:y|ies)|openings?|vacanc(?:y|ies))\b(?!\s+to\s+(?:learn|meet|talk|volunteer|visit|observe|shadow))
    | \b(?:let\s+me\s+know|tell\s+me|keep\s+me\s+in\s+mind)\s+if\s+(?:you|your\s+\w+)\s+(?:ever\s+)?needs?\s+(?:anyone|
          someone|another\s+\w+|more\s+(?:staff|people|help))\b(?!\s+to\b)
    | \bhow\s+(?:to|I\s+(?:can|could|might))\s+get\s+(?:in|my\s+foot\s+in)\s+(?:there|at\s+your|with\s+you|the\s+door\s+(?:there|at\s+your))\b
    | \b(?:express|expressing|register|registering|reiterate|confirm)\s+(?:\w+\s+)?(?:my\s+)?interest\s+in\s+(?:the|a|an|
          your|any)\s+(?:[\w-]+\s+){{0,3}}?{_JOB_NOUN}\b
    | \b(?:cv|resume|résumé)\b[^.?!]{{0,40}}\bfor\s+your\s+consideration\b
    | \bif\s+(?:you|your\s+\w+)(?:['’]re|\s+are)\s+(?:ever\s+)?(?:recruiting|hiring|looking\s+for\s+(?:someone|staff|
          people|new\s+staff))\b
    | \bif\s+(?:you|your\s+\w+)\s+(?:ever\s+)?(?:take\s+on|hire|recruit|bring\s+on|are\s+looking\s+for|look\s+for|
          need)\s+(?:\w+\s+){{0,3}}?(?:interns?|staff|assistants?|trainees?|graduates?|analysts?|librarians?|
          archivists?|new\s+people|someone)\b[^.?!]{{0,60}}?\b(?:interested|apply|consider\s+me|think\s+of\s+me|
          keep\s+me\s+in\s+mind|remember\s+me|put\s+myself\s+forward)
    | \bif\s+the\s+(?:position|role|job|opening|internship)\s+(?:fits|suits|matches)\b
    | \b(?:any|are\s+there(?:\s+any)?)\s+(?:\w+\s+)?(?:jobs?|positions?|roles?|vacancies|openings)\s+(?:going|available|
          open|out\s+there|coming\s+up)\b
    | \b(?:ask|asking|talk|talking|enquire|inquire|chat)\s+(?:to\s+you\s+|with\s+you\s+|you\s+)?about\s+(?:\w+\s+){{0,2}}?
        (?:jobs|job\s+openings|vacancies|openings|employment|hiring)\b"""
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

    Finds: "Are there any openings at your library right now?"
    Finds: "Could you refer me for the internship?"
    Ignores: "I loved your exhibit on local zines; you did a great job on it."
    Ignores: "Any openings for a chat next week?"
    """
    return list(_job_asks(text))


#: asks whose telling words come first but are common ("a", "any", "be", "have"): each is searched from its
#: rarer second part and kept only when the words before it fit, which keeps the big search above fast
_ASK_WITH_LEAD = tuple((_rx(ask), _rx(lead + r"$", word_start=False)) for ask, lead in (
    (r"\b(?:job|position|role|internship|opening|spot|post)\s+for\s+me\b", r"\b(?:a|any)\s+"),
    (rf"""\b(?:interview|apply)\s+(?:for|to)\s+(?:the|a|an|your|that|this|one\s+of\s+your)\s+(?:[\w-]+\s+){{0,3}}?
        {_JOB_NOUN}\b""",
     r"\b(?:chance|like|love|hope|plan|want|intend|going|keen|eager|opportunity)\s+to\s+"),
    (r"""\bchance\s+(?:that\s+)?there(?:['’]s|\s+is|\s+are|\s+might\s+be|\s+will\s+be)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+)?
        (?:openings?|vacanc(?:y|ies)|positions?|roles?|jobs?|internships?)\b""",
     r"\b(?:any|is\s+there(?:\s+any|\s+a)?)\s+"),
    (rf"\bpart\s+of\s+(?:your\s+(?:\w+\s+)?{_WORKPLACE}|a\s+team\s+like\s+yours)", r"\b(?:be|become)\s+(?:a\s+)?"),
    (r"""\b(?:room|space|place|spot)\s+for\s+(?:me\b|someone\s+like\s+me\b|(?:a|an|another|one\s+more)\s+(?:[\w-]+\s+)?
        (?:analyst|librarian|assistant|archivist|intern|hire|cataloguer|cataloger|developer|designer|trainee|graduate|
        staff\s+member|researcher|curator)s?\b)""",
     r"\b(?:have|has|had|is\s+there|there['’]s|any)\s+(?:\w+\s+)?(?:a\s+)?"),
))
#: a résumé sent along ("I've attached my CV"), which is a job ask when the message mentions a vacancy or hiring
_RESUME_SENT = _rx(
    r"""\bI(?:['’]ve|\s+have)\s+(?:also\s+)?(?:attached|enclosed|included)\s+my\s+(?:cv|resume|résumé|c\.v\.)\b
    | \bmy\s+(?:cv|resume|résumé)\s+is\s+(?:attached|enclosed)\b | \b(?:attached|enclosed)\s+(?:is|please\s+find)\s+my\s+(?:cv|
          resume|résumé)\b"""
)
_HIRING = _rx(r"(?:['’]re|\s+are|\s+is|['’]s)\s+(?:currently\s+|now\s+|still\s+)?(?:hiring|recruiting)\b", word_start=False)


@lru_cache(maxsize=64)
def _job_asks(text: str) -> tuple[Span, ...]:
    """Cached: the thank-you rules ask twice (no job ask, no early requests)."""
    spans = find_affirmed(_JOB_ASK, text)
    for ask, lead in _ASK_WITH_LEAD:
        for a, b in find_affirmed(ask, text):
            if lead.search(text, max(0, a - 40), a):
                spans.append((a, b))
    resume = find_affirmed(_RESUME_SENT, text)
    if resume and (_HIRING.search(text) or any(not re.match(r"my\b", m.group(), re.I) for m in _VACANCY.finditer(text))):
        spans = spans + resume
    return tuple(sorted(spans))


#: the writer's own job hunt ("I've been applying to editorial assistant roles")
_JOB_HUNT = _rx(
    rf"""\bappl(?:y|ying|ied)\s+(?:to|for)\s+(?:\w+\s+){{0,3}}?(?:{_JOB_NOUN}|openings?)\b
    | \b(?:job[\s-]hunting|job\s+search(?:ing)?|looking\s+for\s+(?:a\s+)?(?:job|work|position|role))\b"""
)
#: a vacancy or a hiring round mentioned (not necessarily asked for)
_VACANCY = _rx(
    r"""\bvacanc(?:y|ies)\b | \b(?:job|position|role)\s+(?:posting|advert|ad|listing|opening)s?\b | (?<![\w-])openings?\b(?!\s+(?:for|in)\s+(?:an?\s+|your\s+)?(?:\w+\s+)?(?:chat|call|meeting|conversation|coffee|
        informational|interview|appointment|talk|calendar|diary|schedule))
    | \b(?:is|are|was|were|currently|now)\s+(?:hiring|recruiting)\b | \b(?:open|advertised|posted)\s+(?:position|role|post)s?\b
    | \b(?:position|role|post)s?\s+(?:is|are|was|were)?\s*(?:open|advertised|posted)\b
    | \badvertis(?:ing|ed)\s+(?:a|an|the|for)\b | \bmy\s+(?:resume|résumé|cv|application)\b"""
)


@lru_cache(maxsize=64)
def _job_talk(text: str, job_hunt: bool) -> tuple[Span, ...]:
    """Where ``text`` mentions a vacancy, a hiring round or the writer's application, and with
    ``job_hunt`` the writer's job hunt too (cached: several rules ask about the same text)."""
    spans = [m.span() for m in _VACANCY.finditer(text)]
    if job_hunt:
        spans += [m.span() for m in _JOB_HUNT.finditer(text)]
    return tuple(sorted(spans))


def is_about_a_vacancy(text: str, start: int, end: int, *, job_hunt: bool = False) -> bool:
    """True when the clause around ``text[start:end]`` is about a vacancy, a hiring round or the
    writer's application ("I saw that your library has a vacancy", "the posted role"); with
    ``job_hunt``, also the writer's job hunt ("I've been applying to editorial roles")."""
    a = clause_start(text, start, commas=True)
    b = context(text, start, end)[1]
    return any(x < b and a < y for x, y in _job_talk(text, job_hunt))


def overlaps_job_ask(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` overlaps a job ask."""
    return any(x < end and start < y for x, y in _job_asks(text))


def outside_job_asks(text: str, spans) -> list[Span]:
    """``spans`` without those that are part of a job ask or of a clause about a vacancy: asking about
    "the position" names no topic, and "I saw that your library has a vacancy" is no homework."""
    asks = find_job_asks(text)
    return [(a, b) for a, b in spans
            if not any(x < b and a < y for x, y in asks) and not is_about_a_vacancy(text, a, b)]
