"""Rules for the request: the message that asks someone for an informational interview.

Source: Ellen Mehling, "Demystifying the Informational Interview", sections "What
is an informational interview?" (not the start of a mentorship), "How to make
the request" (prior contact, homework, one or two topics, e-mail or LinkedIn
rather than a call, a small ask, an easy way to say no, respect throughout) and
"Don't ask for a job!". The word budget follows career-centre guidance on the
"5-point e-mail" (under 100 words).

    >>> report = score_request("Dear Ms Ruiz, Ana Flores suggested I write. Would 20 minutes suit you?")
    >>> report.finding("request.brief").passed, report.finding("request.graceful_out").passed
    (True, False)
"""
from __future__ import annotations

from dataclasses import dataclass

from ..inputs import REQUEST_CHANNELS, WRITTEN_CHANNELS, normalise_channel, require_text
from ..report import Report
from .base import CONTENT_POINTS, Verdict, forbid, require, rule, run_rules
from .detect.jobs import find_job_asks, outside_job_asks
from .detect.request import find_connection, find_graceful_out, find_homework, find_mentoring_asks, find_pressure
from .detect.text import body_span, word_count
from .detect.time import BRIEF_MINUTES, find_long_time_asks, find_time_bounds
from .detect.topics import ADVISED_TOPICS, MAX_TOPICS, count_topics, find_vague_topics, is_generic_topic, topic_segments

#: How a request can be sent (the one list; aliases such as "call" or "e-mail" are in ``inputs``).
CHANNELS = REQUEST_CHANNELS
#: most words a request should have (career-centre "5-point e-mail": under 100 words)
WORD_BUDGET = 100


@dataclass(frozen=True)
class RequestDraft:
    """What the request rules read: the message and how it will be sent."""

    text: str
    """The message as the student wrote it."""
    channel: str
    """How it is sent: one of :data:`CHANNELS` (normalised)."""


def score_request(text: str, channel: str = "email") -> Report:
    """Score an informational-interview request against the course's advice.

    ``channel`` is how the request is sent: one of :data:`CHANNELS` ("email" or
    "linkedin" are recommended; "phone", "voicemail", "text" are not). Returns a
    :class:`~infoview_lib.report.Report` with one finding per advice item; an
    empty draft scores 0. Raises TypeError if ``text`` is not a str, ValueError
    if it is over 20,000 characters or ``channel`` is unknown.
    """
    text = require_text(text, "text")
    draft = RequestDraft(text, normalise_channel(channel, CHANNELS))
    return run_rules("request", draft, text)


connection = require(
    find_connection, "request.connection", "request",
    missing="no mention of a meeting, a referrer or a group you share; if you have one, say it plainly",
    passed="You say how you know them or who put you in touch.",
    failed="Say how you met or who suggested you write (\"we met at ...\", \"Professor X suggested I "
           "contact you\"); a message out of the blue can feel pushy.",
    passes=["Professor Chen suggested I contact you about your oral-history work.",
            "We met briefly at the state library conference last month.",
            "As a fellow Simmons alum, I'd love to hear how you moved into law librarianship."],
    fails=["I found your name online and would like to meet.",
           "We have never met, but I would like to ask you some questions."])


homework = require(
    find_homework, "request.homework", "request",
    missing="no mention of their work, such as an article, a project, a change they made or a date",
    passed="Your message shows you have looked into their work.",
    failed="Show your research: mention something of theirs you read or saw (an article, a project, "
           "their library's website) that made you want to ask.",
    passes=["I read your report on rural broadband and would like to learn how you built the partnership.",
            "I noticed on your library's website that you launched a seed library this spring."],
    fails=["I would like to learn about archives.",
           "I found your profile on LinkedIn and would like to chat."])


@rule("request.specific_topics", "request",
      points=CONTENT_POINTS,
      passed="You name what you want to learn.",
      failed=f"Name what you want to learn about, at most {ADVISED_TOPICS} things (\"how your team chooses what to "
             "digitise\"), not a long list and not an open-ended \"pick your brain\".",
      passes=["I'd love to hear how you moved from public to law librarianship.",
              "I am curious about one thing in particular: how your team measures the impact of its teen programs."],
      fails=["Can I pick your brain sometime about libraries?",
             "I'd like to learn about cataloguing, acquisitions, budgeting, staffing, outreach, programming and grants.",
             "I would like to meet with you. Thank you."])
def specific_topics(draft: RequestDraft) -> Verdict:
    """Met when the message names at most MAX_TOPICS specific things to learn and nothing vague (not a presence check, so not ``require``: a vague phrase or too many topics fails it beside a named one)."""
    text = draft.text
    vague = find_vague_topics(text)
    if vague:
        return Verdict(False, vague, "Replace the vague wording with the subject you want to learn about.")
    segments = outside_job_asks(text, topic_segments(text))
    named = [s for s in segments if not is_generic_topic(text[s[0]:s[1]])]
    if not named:
        return Verdict(False, segments, "The message does not yet say what you want to learn about (the coach "
                                        "looked for \"learn how ...\", \"curious about ...\", \"your work on ...\" "
                                        "or a question about the work).")
    count = count_topics(text, named)
    if count > MAX_TOPICS:
        return Verdict(False, named, f"It names about {count} topics; keep to {ADVISED_TOPICS} at most.")
    return Verdict(True, named)


@rule("request.channel", "request",
      passed="You are writing, which lets them answer in their own time.",
      failed="Send the request by e-mail or a LinkedIn message instead of phoning: it is less intrusive "
             "and gives them time to decide.",
      passes=[{"text": "Would you have 20 minutes for a call next week?", "channel": "email"},
              {"text": "Hello, we met at the METRO social.", "channel": "linkedin"}],
      fails=[{"text": "Hello, this is Priya calling about your digitisation work.", "channel": "voicemail"},
             {"text": "Hi, could we talk?", "channel": "phone"}])
def channel(draft: RequestDraft) -> Verdict:
    """Met when the request is written (e-mail or LinkedIn), not a call or a text."""
    return Verdict(draft.channel in WRITTEN_CHANNELS, detail=f"(Channel: {draft.channel}.)")


@rule("request.brief", "request",
      passed="You ask for only a little of their time.",
      failed=f"Make the ask small and bounded: say how long, e.g. \"20 minutes\" or \"a short call\" "
             f"(at most {BRIEF_MINUTES} minutes).",
      passes=["Would you have 20 minutes for a short conversation?",
              "Could you spare half an hour in the next few weeks?",
              "Would a quick chat suit you sometime?"],
      fails=["Could we meet for an hour or two next week?",
             "We met briefly at the conference. Could we meet?",
             "Could I have 20 minutes, or perhaps we could spend the whole afternoon together?"])
def brief(draft: RequestDraft) -> Verdict:
    """Met when the message asks for a bounded time of at most BRIEF_MINUTES and nothing longer (not a presence check, so not ``require``: a long ask beside a short one fails it)."""
    long_asks = find_long_time_asks(draft.text)
    bounds = find_time_bounds(draft.text)
    too_long = [span for span, minutes in bounds if minutes is not None and minutes > BRIEF_MINUTES]
    if long_asks or too_long:
        return Verdict(False, sorted(long_asks + too_long), f"That is more than {BRIEF_MINUTES} minutes.")
    spans = [span for span, _ in bounds]
    return Verdict(bool(spans), spans)


graceful_out = require(
    find_graceful_out, "request.graceful_out", "request",
    missing="no line that leaves them free to say no",
    passed="You give them an easy way to say no.",
    failed="Add a line that lets them decline, e.g. \"I completely understand if your schedule "
           "doesn't allow it.\"",
    passes=["Would 20 minutes suit you? I understand if not.",
            "Any chance you'd have time? Totally fine if the timing doesn't work.",
            "No worries at all if you're too busy right now."],
    fails=["Please meet me on Tuesday.",
           "I would like to meet with you next week to discuss your work."])


respectful = forbid(
    find_pressure, "request.respectful", "request",
    passed="The tone is courteous: no demands or pressure.",
    failed="Remove the pressure: no demands, deadlines or urgency, and don't assume they will say yes; "
           "ask, and leave the choice to them.",
    passes=["Would you be willing to share how you built the program? I know you must be very busy.",
            "Hey! Can I pick your brain sometime about libraries?"],
    fails=["Dear Ms. Holt, you must meet with me. I expect a reply by Friday.",
           "Call me back at 555-0147 as soon as you get this.",
           "PLEASE RESPOND TO THIS EMAIL."])


@rule("request.concise", "request",
      passed="The message is short enough to read at a glance.",
      failed=f"Cut the message to about {WORD_BUDGET} words or fewer: who you are, how you know them, "
             "what you want to learn, a small ask.",
      passes=["Dear Dr. Lee, Professor Chen suggested I contact you. Would you have 20 minutes to talk "
              "about your digitisation program? I understand if not. Thank you, Sam",
              "Hi Sam, great to meet you at the Code4Lib social!"],
      fails=[" ".join(["This message goes on and on about my background."] * 15)])
def concise(draft: RequestDraft) -> Verdict:
    """Met when the body (greeting and sign-off aside) is within WORD_BUDGET words."""
    a, b = body_span(draft.text)
    n = word_count(draft.text[a:b])
    return Verdict(n <= WORD_BUDGET, detail=f"({n} words, not counting greeting and sign-off; "
                                            f"the budget is {WORD_BUDGET}.)")


no_job_ask = forbid(
    find_job_asks, "job.no_job_ask", "request",
    points=CONTENT_POINTS,
    passed="You don't ask for a job.",
    failed="Take out the job ask: an informational interview is for learning, so don't ask about openings, "
           "referrals or being hired, even if a post is advertised.",
    passes=["I'm not looking for a job; I'd simply like to hear how you moved into law librarianship.",
            "I loved your exhibit on local zines; you did a great job on it."],
    fails=["Are there any openings at your library right now?",
           "Could you refer me for the internship?"])


not_mentoring = forbid(
    find_mentoring_asks, "what.not_mentoring", "request",
    passed="You ask for a single conversation.",
    failed="Ask for one conversation only; if they want to mentor you or meet again, let them offer.",
    passes=["Would you have 20 minutes for a short call?",
            "I'm not asking you to be my mentor; one conversation would help a great deal."],
    fails=["Would you be willing to be my mentor and meet with me every month this year?",
           "I'd love to set up regular check-ins with you."])
