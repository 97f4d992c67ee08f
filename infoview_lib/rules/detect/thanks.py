"""The thank-you: gratitude, a specific detail, new requests, offers of help.
"""
from __future__ import annotations

from functools import lru_cache


from .text import (
    Span,
    _SUBJECT_I,
    _rx,
    body_span,
    clause_start,
    content_words,
    context,
    find_affirmed,
    generic_words,
    is_negated,
    sentence_at,
    sentence_spans,
    word_set,
)
from .jobs import (
    is_about_a_vacancy,
    overlaps_job_ask,
)


_GRATITUDE = _rx(
    r"""\bthank(?:s|\s+you|\s+u|ing\s+you|ful)\b(?!\s+in\s+advance) | \bgrateful\b | \bgratitude\b
        | \bappreciat(?:e|ed|es|ion|ive)\b
    | \bmuch\s+obliged\b | \b(?:thx|thnx|thanx|tks|ty\s+(?:so\s+much|for))\b | \bindebted\b | \bcheers\s+for\b"""
)


def find_gratitude(text: str) -> list[Span]:
    """Expressions of thanks: "thank you", "thanks", "I appreciate", "grateful"
    ("thanks in advance" is a request's sign-off, not thanks).

    Finds: "Dear Dr. Osei, I appreciate your time."
    Finds: "Thanks so much for meeting with me on Tuesday."
    Ignores: "Thanks in advance for your help."
    Ignores: "It was good to meet you on Tuesday."
    """
    return find_affirmed(_GRATITUDE, text)


_DETAIL_CUE = _rx(
    r"""\byou\s+(?:really\s+)?helped\s+me\s+(?:to\s+)?(?:see|understand|realise|realize|think|decide|figure|work\s+out|
          appreciate|rethink|plan)\b
    | {i}(?:['’]m|\s+am)\s+(?:now\s+|already\s+)?(?:taking|signing\s+up|joining|enrolling|reading|trying|using|
          starting|changing|rewriting|sharing|building|setting\s+up|following)\b
    | \byour\s+(?:\w+\s+)?(?:point|advice|suggestion|tip|idea|insight|recommendation|comment|observation|explanation|
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
    | {i}(?:['’]ll|\s+will|\s+plan\s+to|\s+intend\s+to|\s+am\s+going\s+to|['’]m\s+going\s+to|\s+have\s+already|
          ['’]ve\s+already|\s+already|\s+have|['’]ve)\s+
        (?:\w+\s+)?(?:follow\w*\s+up|sign\w*\s+up|sign\w*|read|look\w*\s+into|reach\w*\s+out|contact\w*|appl\w+|
                tr(?:y|ied)|start\w*|
        join\w*|enrol\w*|register\w*|order\w*|download\w*|take|taken|use|used|put|bookmark\w*|revis\w+|updat\w+|
                rework\w*|chang\w+)\b""".format(i=_SUBJECT_I)
)
@lru_cache(maxsize=None)
def _unspecific() -> frozenset[str]:
    """Courtesies and generic words, which make a thank-you no more specific ("thank you for your time and advice")."""
    return word_set("unspecific_thanks") | generic_words()


#: a wish rather than something learned ("I hope to hear about ...", "I'd love to learn how ...")
_WISH = _rx(r"\b(?:hope|hoping|like|love|want|wish|eager|keen|looking\s+forward)\s+(?:\w+\s+)?$")
#: content words a sentence must hold, beyond courtesies, to name something specific
SPECIFIC_WORDS = 2


def find_specific_details(text: str) -> list[Span]:
    """Sentences that name something concrete the writer learned or will do:
    "your advice about X", "learning how you ...", "I will follow up on your
    suggestion to ...", "I have signed up for the course you recommended".
    "I learned a lot" and "thank you for your advice" name nothing.

    Finds: "Your point about starting with the most-requested items changed how I plan my project."
    Ignores: "Thanks for the meeting. I learned a lot."
    """
    spans = []
    for m in _DETAIL_CUE.finditer(text):
        if is_negated(text, m.start(), m.end()):
            continue
        sentence_end = sentence_at(text, m.start())[1]
        if text[sentence_end - 1] == "?":
            continue  # a question asks for something; it does not name what was learned
        start = clause_start(text, m.start(), commas=True)
        end = context(text, m.start(), m.end())[1]
        if _WISH.search(text, start, m.start()) or overlaps_job_ask(text, start, end):
            continue  # "hope to hear about openings" is a wish, not something learned
        if is_about_a_vacancy(text, m.start(), end, job_hunt=True):
            continue  # "I've been applying to editorial roles" is the writer's job hunt, not what they learned
        if len(content_words(text[start:end], ignore=_unspecific())) >= SPECIFIC_WORDS:
            spans.append((m.start(), end))
    if not spans:
        spans = _substantive_sentences(text)
    return spans


#: content words (beyond courtesies) that make a sentence substantive without a cue
#: ("Your rule of thumb, retire a term only after two unused review cycles, is the clearest answer I've found.")
SUBSTANTIVE_WORDS = 5


def _substantive_sentences(text: str) -> list[Span]:
    """Sentences that say something concrete without a cue phrase: many content words beyond
    courtesies, and neither a question, a request, a wish nor job talk. This gives the benefit
    of the doubt to a specific note phrased in a way the cue phrases do not know."""
    spans = []
    body_start, body_end = body_span(text)
    for a, b in sentence_spans(text):
        a, b = max(a, body_start), min(b, body_end)  # the greeting and the signature name nothing learned
        if b <= a:
            continue
        if text[b - 1] == "?" or overlaps_job_ask(text, a, b) or is_about_a_vacancy(text, a, b, job_hunt=True):
            continue
        if _NEW_REQUEST.search(text, a, b) or _WISH_SENTENCE.search(text, a, b):
            continue
        if len(content_words(text[a:b], ignore=_unspecific())) >= SUBSTANTIVE_WORDS:
            spans.append((a, b))
    return spans


#: a sentence that wishes or hopes rather than says what was learned ("I hope to see you again soon")
_WISH_SENTENCE = _rx(r"\b(?:hope|hoping|wish|looking\s+forward)\b")


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
    if I can help") are not requests.

    Finds: "Could you also review my resume?"
    Finds: "Can we meet again next week?"
    Ignores: "I hope our paths cross again."
    """
    return [s for s in find_affirmed(_NEW_REQUEST, text)
            if not _THANKED_FOR.search(text, max(0, s[0] - 40), s[0])]


#: what comes before a request phrase that the reader offered, which the writer thanks them for
#: ("thank you for offering to introduce me to ...", "as you kindly suggested, ...")
_THANKED_FOR = _rx(r"\b(?:offer(?:ed|ing|s)?\s+to|kindly\s+(?:offered|agreed)\s+to|you(?:['’]ll|\s+will|\s+said\s+you(?:['’]d|\s+would))|"
                   r"agreed\s+to)\s+$")


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
    | \bI(?:\s+can|\s+could|\s+will|['’]ll)\s+(?:\w+\s+)?(?:send|share|forward|pass\s+along|pass\s+on)\s+(?:you|it|the|a|
          my|our|along)\b(?!\s+(?:you\s+)?my\s+(?:cv|resume|résumé|application|cover\s+letter))
    | \bhow\s+I\s+(?:might|can|could)\s+(?:\w+\s+)?(?:help|support|be\s+useful|be\s+of)
    | \bwould\s+you\s+like\s+(?:me\s+to|a\s+copy|the|a\s+link)\b
    | \bif\s+(?:it|that|this)\s+would\s+(?:help|be\s+(?:useful|helpful))\b
    | \b(?:my|our)\s+(?:help|support|assistance)\s+(?:with|on|for)\b
    | \b(?:should|if)\s+I\s+(?:ever\s+)?(?:be\s+able\s+to|can)\s+(?:\w+\s+)?(?:help|assist|support|contribute)\b
    | \b(?:honou?red|privileged)\s+to\s+(?:help|assist|do\s+so|contribute|support)\b"""
)


def find_offers_of_help(text: str) -> list[Span]:
    """Offers to be of service: "if I can ever help", "happy to share",
    "let me know if I can ...", "would you like me to send ...",
    "I'd be glad to pass along ...".

    Finds: "I'd be glad to share the survey template our class built."
    Finds: "Please let me know if there is anything I can do for your team."
    Ignores: "Please let me know if there are any openings."
    """
    return find_affirmed(_OFFER_HELP, text)
