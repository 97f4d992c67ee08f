"""The request's courtesies: a connection, an easy way to say no, no pressure, no ongoing mentoring.
"""
from __future__ import annotations

import re

from .text import (
    LazyPattern,
    Span,
    _rx,
    context,
    find_affirmed,
    find_spans,
    merge_spans,
    sentence_at,
    sentence_spans,
)
from .jobs import outside_job_asks
from .research import find_research


_CONNECTION = _rx(
    r"""\bwe\s+(?:\w+\s+){0,2}?(?:met|spoke|talked|chatted|connected|corresponded|worked\s+together|
            were\s+introduced|sat\s+next)\b
    | \bI\s+(?:\w+\s+){0,2}?(?:met|spoke\s+(?:with|to)|talked\s+(?:with|to)|chatted\s+with|worked\s+with|
          corresponded\s+with)\s+you\b
    | \b(?:pleasure|privilege)\s+of\s+(?:meeting|speaking\s+with|talking\s+with|hearing)\s+you\b
    | \bour\s+paths\s+crossed\b
    | \bmutual\s+(?:friend|connection|contact|colleague|acquaintance)s?\b
    | \b(?:great|good|nice|lovely|wonderful|pleasure|delight)\s+(?:to\s+meet|meeting|talking|speaking|
          chatting)\s+(?:with\s+|to\s+)?you\b
    | \b(?:enjoyed|loved|appreciated)\s+(?:meeting|talking|speaking|chatting|hearing\s+you|our|
          your\s+(?:\w+\s+)?(?:talk|presentation|panel|session|keynote|lecture|workshop|webinar))\b
    | \b(?:I|who)\s+(?:\w+\s+)?(?:attended|heard|saw|watched|caught)\s+(?:your|you)\s+(?:\w+\s+){0,2}?(?:talk|presentation|
          panel|session|keynote|lecture|workshop|webinar|speak|present)
    | \byou\s+(?:recently\s+)?(?:spoke|presented|lectured|visited|taught|came\s+to|gave\s+a|mentioned|suggested)\b
    | \byour\s+(?:\w+\s+)?(?:talk|presentation|panel|keynote|lecture|workshop|session|webinar|visit)\s+(?:at|to|in|
          for|during|last)\b
    | \b(?:let|told|informed)\s+you\s+(?:know\s+)?(?:that\s+)?(?:I|we)\s+(?:would|might|will|['’]d)\s+(?:be\s+in\s+touch|
          write|contact|reach\s+out|be\s+writing|get\s+in\s+touch)
    | \b(?:suggested|recommended|encouraged\s+me|advised\s+me|urged\s+me|told\s+me|said)\s+(?:that\s+)?(?:I\s+|
          me\s+)?(?:should\s+|might\s+|could\s+|to\s+)?
        (?:contact|write|reach|get\s+in\s+touch|speak|talk|e-?mail|connect|meet|ask|you)\b
    | \b(?:referred|pointed|directed|sent)\s+me\s+(?:to\s+you|your\s+way|in\s+your\s+direction)\b | \breferred\s+(?:to\s+you\s+)?by\b
    | \byour\s+(?:name|contact|details|e-?mail(?:\s+address)?|number)\s+(?:was|were|has\s+been)\s+(?:given|passed|sent|
          forwarded|suggested)\s+(?:on\s+)?to\s+me\b
    | \b(?:said|told\s+me|advised|insisted)\s*,?\s*["“]\s*you\s+(?:must|should|have\s+to|need\s+to|ought\s+to|really\s+should)\s+
        (?:talk|speak|meet|contact|write|reach|get\s+in\s+touch|ask)
    | \b(?:at|on)\s+the\s+(?:suggestion|recommendation|advice)\s+of\b | \breferral\s+from\b
    | \bintroduced\s+(?:us|me|you)\b | \bintroduction\s+(?:from|by|through|via)\b
    | \bfor\s+(?:the|your)\s+(?:kind\s+|warm\s+)?introduction\b | \b(?:made|making)\s+(?:the|an|our)\s+introduction\b
    | \b(?:gave|given|passed|shared|forwarded|sent)\s+(?:me\s+)?(?:along\s+|on\s+)?your\s+(?:name|contact|e-?mail|details|
          information|address)\b
    | \b(?:got|received|have)\s+your\s+(?:name|contact|e-?mail|details)\s+from\b
    | \bmentioned\s+(?:to\s+me\s+)?(?:that\s+)?(?:you|your)\b
    | \bfellow\s+(?:\S+\s+){0,3}?(?:alum\w*|grad(?:uate)?s?|members?|students?|classmates?|volunteers?)\b
    | \bwho\s+(?:\w+\s+)?(?:met|spoke\s+(?:with|to)|talked\s+(?:with|to)|chatted\s+with)\s+you\b
    | \b(?:accept(?:ed|ing)?|approv(?:ed|ing))\s+my\s+(?:LinkedIn\s+)?(?:invitation|invite|connection\s+request|
          request\s+to\s+connect)\b
    | \b(?:thought|said|mentioned|felt|suggested|told\s+me)\s+(?:that\s+)?you(?:\s+(?:would|might|could|may)|['’]d)\s+
        (?:be\s+)?(?:willing|happy|glad|open|able|the\s+right|a\s+good|a\s+great|know)\b
    | \b(?:also|both)\s+(?:an?\s+)?(?:alum\w*|graduat\w*|attended|studied|members?|belong)\b
    | \bI\s+(?:\w+\s+)?(?:was\s+(?:in|at|a\s+student\s+in)|took|audited|attended|
          enrolled\s+in)\s+your\s+(?:[\w-]+\s+){0,3}?
        (?:class|course|workshop|session|talk|presentation|seminar|lecture|webinar|panel|module)\b
    | \b(?:thought|said|mentioned|felt|suggested)\s+(?:that\s+)?you(?:\s+(?:would|might|could)|['’]d)\s+be\s+(?:a\s+|
          the\s+)?(?:\w+\s+){0,2}?(?:person|one|someone|contact)\b
    | \balumni\s+(?:network|directory|database|association|community|platform|mentoring|group)\b
    | \b(?:great|good|nice|lovely|wonderful|a\s+pleasure|a\s+delight|fun)\s+(?:to\s+(?:meet|chat|talk|speak)|meeting|
          talking|speaking|chatting)\s+(?:with\s+you\s+|to\s+you\s+|you\s+)?(?:at|during|after|on|yesterday|last|earlier)\b
    | \b(?:told|mentioned\s+to)\s+me\s+about\s+you\b
    | \b(?:kindly\s+|has\s+|have\s+)?put\s+us\s+in\s+touch\b | \bput\s+me\s+in\s+touch\s+with\s+you\b
    | \byou\s+(?:\w+\s+){0,4}?(?:on|at|in|during|with|chaired|moderated|gave)\s+(?:the|your)\s+(?:\w+\s+)?(?:panel|talk|
          presentation|keynote|session|webinar|workshop|lecture)\b
    | \b(?:a|an)\s+(?:fellow\s+)?(?:member|alum\w*|graduate|volunteer|student)\s+(?:of|at|with)\s+(?:[\w/'’&.-]+\s+){1,6}?
        (?:too|as\s+well)\b | \blike\s+you,?\s+I\b | \b(?:remember|recall)\s+me\s+from\b
    | \b(?:speaks?|spoke|speaking)\s+(?:so\s+|very\s+)?highly\s+of\s+you\b
    | \byour\s+name\s+(?:came\s+up|kept\s+coming\s+up|was\s+mentioned|was\s+suggested)\b
    | \bfrom\s+(?:the|our)\s+(?:[\w'’-]+\s+){0,4}?(?:volunteers|group|society|club|committee|association|caucus|
          network|chapter|cohort|class|program(?:me)?|course|meetup|circle|guild|forum|board)\s+here\b
    | \bwe(?:['’]re|\s+are|\s+were)?\s+both\s+(?:\w+\s+){0,2}?(?:members?|volunteers?|on\s+the|in\s+the|part\s+of|
          alumni|graduates?|from\s+the)\b"""
)


#: how a referrer's word opens ("X thought you might be willing"): the writer saying it is no referrer
_REFERRER_SAID = _rx(r"(?:thought|said|mentioned|felt|suggested|told)\b")


def find_connection(text: str) -> list[Span]:
    """How the writer knows the reader, or who put them in touch.

    "we met at ...", "we spoke briefly after your panel", "great to meet you at",
    "Professor X suggested I contact you", "X introduced us", "referred by",
    "fellow alum", "I attended your talk", "you spoke at". Denials ("we have not
    met") do not count.

    Finds: "Professor Chen suggested I contact you."
    Finds: "We met briefly at the state library conference last month."
    Ignores: "I found your name online and would like to meet."
    """
    # "I thought you might be willing" is the writer's own guess, not someone who put them in touch
    return [s for s in find_affirmed(_CONNECTION, text)
            if not (text[max(0, s[0] - 2):s[0]] == "I " and _REFERRER_SAID.match(text, s[0]))]


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
    | \bif\s+you\s+(?:aren['’]t|are\s+not|['’]re\s+not)\s+(?:able|available|free|interested|comfortable|keen)\b
    | \bif\s+(?:the\s+)?(?:timing|time)\s+(?:is|['’]s)\s+(?:bad|wrong|not\s+right|difficult|awkward)\b
    | \b(?:ok|okay|fine|alright|all\s+right|understandable|perfectly\s+reasonable)\s+to\s+(?:decline|say\s+no|pass)\b
    | \bif\s+you\s+(?:have|had)\s+no\s+(?:time|availability|capacity)\b | \bonly\s+if\s+you\s+(?:have|can|are|['’]re|want|
          feel|would|['’]d)\b
    | \bif\s+(?:your\s+)?(?:schedule|time|calendar|workload|timing)\s+(?:allows?|permits?|doesn['’]t|does\s+not|
          won['’]t|is\s+(?:too\s+)?(?:full|tight|busy))\b
    | \bif\s+(?:it['’]s|it\s+is|this\s+is|that['’]s|that\s+is|now\s+is|now['’]s)\s+(?:not\s+(?:possible|convenient|
          a\s+good\s+time)|too\s+much|inconvenient)\b
    | \bif\s+(?:the\s+)?(?:timing|time)\s+(?:doesn['’]t|does\s+not|isn['’]t|is\s+not)\b
    | \bif\s+not\b[,.;!]?(?:\s+(?:no|that|I|it)\b)?
    | \bif\s+you['’]d\s+be\s+(?:willing|open)\b
    | \bI\s+(?:understand|reali[sz]e|know|appreciate|recogni[sz]e)\s+(?:that\s+|how\s+)?(?:you(?:['’]re|\s+are|
          \s+have|\s+must\s+be)|your\s+(?:time|schedule|calendar)\s+is)
        \s+(?:a\s+|very\s+|extremely\s+|so\s+|quite\s+|incredibly\s+)?(?:busy|full|valuable|limited|precious|
                demanding)\b(?![^.!?]*\bbut\b)
    | \bshould\s+(?:your\s+(?:schedule|time|calendar)|you\s+(?:be\s+unable|not|prefer\s+not)|it\s+not|this\s+not)\b
    | \b(?:should|if)\s+(?:it|this|that)\s+(?:prove|proves|be|is|would\s+be|['’]s)\s+(?:at\s+all\s+)?(?:inconvenient|
          difficult|impossible|too\s+much|not\s+possible)\b
    | \bshould\s+you\s+(?:be\s+able|be\s+willing|have\s+(?:the\s+)?time|find\s+the\s+time|wish)\b
    | \b(?:I|I['’]d|I['’]ll|I\s+would|I\s+will)\s+(?:\w+\s+)?understand\s*(?:[.!]|$)
    | \bwhether\s+or\s+not\s+you\s+can\b | \beither\s+way\b | \bif\s+(?:it|that)\s+(?:doesn['’]t|does\s+not)\s+work\b
    | \bno\s+need\s+to\s+(?:reply|respond|answer|write\s+back)\b
    | \bif\s+you['’]re\s+(?:too\s+|very\s+|really\s+)?(?:busy|swamped|slammed|overloaded|stretched|snowed\s+under)\b"""
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
    willing to ..." asks a question: it offers no way out.

    Finds: "Would 20 minutes suit you? I understand if not."
    Finds: "No worries at all if you're too busy right now."
    Ignores: "Please meet me on Tuesday."
    """
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
    | \b(?:please\s+)?(?:set\s+aside|block\s+(?:out|off)?|reserve|keep\s+free|book)\s+(?:\w+\s+){0,3}?(?:minutes|hours?|
          time|slot|afternoon|morning)\s+(?:for\s+me|on|next|this|at)\b
    | \byou\s+should\s+(?:really\s+|definitely\s+)?(?:want|be\s+(?:happy|glad|keen|eager|interested))\b
    | \bwhy\s+(?:you\s+)?(?:never|haven['’]t|didn['’]t|did\s+not|have\s+not|still\s+haven['’]t)\s+(?:\w+\s+)?(?:answered|
          replied|responded|gotten\s+back|got\s+back|written)
    | \bstill\s+(?:haven['’]t|have\s+not)\s+(?:heard|had\s+a\s+(?:reply|response))\b
    | \bdon['’]t\s+(?:ignore|forget)\s+(?:me|this)\b | \byou\s+won['’]t\s+regret\b
    | \bI(?:['’]m|\s+am)\s+(?:sure|certain|confident)\s+(?:that\s+)?you(?:['’]ll|\s+will)\s+(?:agree|say\s+yes|want|
          be\s+happy|be\s+glad|find\s+(?:the\s+)?time|make\s+(?:the\s+)?time)\b | \bI\s+won['’]t\s+take\s+no\b"""
)
#: announcing a call instead of asking for one ("I'll call your office on Monday to set up a time")
_ANNOUNCED_CALL = _rx(
    r"""\bI(?:['’]ll|\s+will)\s+(?:call|phone|ring)\s+(?:you|your\s+(?:office|desk|library|branch|department))
        (?:\s+(?:on|at|tomorrow|next|this|then|later|today|in)\b|\s*[.!]|\s+to\s+(?:set\s+up|schedule|arrange|book|
            confirm))"""
)
#: ... unless it is an offer that leaves the choice to them ("if you'd rather talk by phone, I'll call you")
_THEIR_CHOICE = _rx(r"\bif\s+you\b|\bwhenever\s+you\b|\b(?:happy|glad)\s+to\b|\bprefer\b|\brather\b")
_SHOUTING = LazyPattern(
    r"\b[A-Z]{2,}(?:[\s,!]+[A-Z]{2,}){2,}\b|!{3,}|\b(?:PLEASE|NOW|URGENT|IMMEDIATELY|MUST|NEED|REPLY|RESPOND|CALL|TODAY)\b"
)
#: "Great meeting you at ..." recalls a meeting; it does not presume one
_GREETING_BEFORE = _rx(r"\b(?:great|nice|good|lovely|wonderful|pleasure|enjoyed|loved|was|after|since|of|from)\s+$")
_ACRONYM_OK = LazyPattern(r"\b(?:MLIS|MSLIS|ALA|SLA|MLA|METRO|ACRL|OCLC|IFLA|SAA|ARMA|PLA|LIS|USA|NYC|CUNY|SUNY)\b")


#: a quotation in double quotation marks, on one line
_QUOTED = LazyPattern(r"[\"“][^\"”\n]{1,200}[\"”]")


def find_pressure(text: str) -> list[Span]:
    """Demands, urgency, deadlines, bare imperatives, presumption and shouting.

    "you must meet with me", "I expect a reply by Friday", "as soon as you get
    this", "Call me back at ...", "I'll see you on Tuesday", "PLEASE RESPOND
    NOW", "!!!". Courtesies such as "you must be busy" or "I know you need to
    plan ahead" are not pressure.

    Finds: "I expect a reply by Friday."
    Finds: "PLEASE RESPOND TO THIS EMAIL."
    Ignores: "I know you must be very busy."
    """
    spans = find_affirmed(_DEMAND, text) + [
        s for s in find_spans(_PRESUMPTION, text) if not _GREETING_BEFORE.search(text, max(0, s[0] - 30), s[0])]
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
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    if quoted:  # words in quotation marks are someone else's ("Professor Kerr said "you must talk to ..."")
        spans = [(a, b) for a, b in spans if not any(x <= a and b <= y for x, y in quoted)]
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
    | \b(?:meet|talk|speak|chat|check\s+in)\s+(?:up\s+)?(?:with\s+(?:me|you)\s+)?(?:regularly|periodically|frequently|monthly|weekly|fortnightly|
          biweekly|quarterly)\b
    | \b(?:ongoing|long[\s-]term|continued)\s+(?:guidance|support|relationship|mentorship|mentoring)\b
    | \bkeep\s+meeting\b
    | \b(?:meet|talk|chat|speak|catch\s+up|check\s+in)\s+(?:\w+\s+){1,3}?(?:every|once\s+a|twice\s+a|once\s+every)\s+(?:\w+\s+){0,2}?
        (?:weeks?|months?|fortnight|quarter|semester|term)\b
    | \b(?:guide|coach|advise|support|steer)\s+me\s+(?:as\s+I|throughout|along\s+the\s+way|over\s+the\s+(?:coming|next)|
          through\s+my\s+(?:career|studies|job\s+search))\b"""
)


def find_mentoring_asks(text: str) -> list[Span]:
    """Asks for ongoing mentoring: "be my mentor", "meet every month",
    "regular check-ins", "on an ongoing basis" (negated mentions excepted).

    Finds: "Would you be willing to be my mentor?"
    Finds: "I'd love to set up regular check-ins with you."
    Ignores: "I'm not asking you to be my mentor; one conversation would help a great deal."
    """
    return find_affirmed(_MENTORING, text)


def find_homework(text: str) -> list[Span]:
    """Research on their work that is not part of a job ask (:func:`~.research.find_research` without what
    :func:`~.jobs.outside_job_asks` drops): what a request's homework shows.

    Finds: "I read your report on rural broadband."
    Ignores: "I saw on your library's website that you have a vacancy."
    """
    return outside_job_asks(text, find_research(text))
