"""Rules for the thank-you note sent after the interview.

Source: Ellen Mehling, "Demystifying the Informational Interview", section
"Afterward" (thanks within a few days, handwritten is best, a brief e-mail right
away followed by the note also works, genuine gratitude, offer to be of service,
no new request until regular contact has gone on for a while) and "Don't ask for
a job!". Naming something specific you learned follows university career
centres' thank-you note advice.

Dates: ``after.thank_you_timely`` is checked only when both ``interview_on``
and ``sent_on`` are given. A thank-you dated before the interview is a
mistake in the dates, not a late note, so it raises ValueError.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..inputs import as_date, require_text
from ..report import Report
from .base import CONTENT_POINTS, Verdict, found, rule, run_rules
from .request import normalise_channel
from .detect.jobs import find_job_asks
from .detect.text import merge_spans
from .detect.thanks import find_gratitude, find_new_requests, find_offers_of_help, find_specific_details

#: channel -> whether it meets the handwritten advice
CHANNELS = {
    "handwritten": True,
    "email+handwritten": True,
    "email": False,
    "linkedin": False,
}
_CHANNEL_ALIASES = {
    "handwritten note": "handwritten", "hand-written": "handwritten", "card": "handwritten", "letter": "handwritten",
    "note": "handwritten", "e-mail": "email", "e-mail+handwritten": "email+handwritten",
    "email and handwritten": "email+handwritten", "email then handwritten": "email+handwritten",
    "email + handwritten": "email+handwritten", "both": "email+handwritten", "linkedin message": "linkedin",
}
#: a thank-you sent at most this many days after the interview is timely
TIMELY_DAYS = 3


@dataclass(frozen=True)
class ThankYouNote:
    """What the thank-you rules read."""

    text: str
    """The note as the student wrote it."""
    channel: str
    """How it is sent: one of :data:`CHANNELS`."""
    interview_on: _dt.date | None = None
    """The day of the interview, if known."""
    sent_on: _dt.date | None = None
    """The day the note was (or will be) sent, if known."""

    @property
    def days_after(self) -> int | None:
        if self.interview_on is None or self.sent_on is None:
            return None
        return (self.sent_on - self.interview_on).days


def score_thank_you(text: str, interview_on=None, sent_on=None, channel: str = "handwritten") -> Report:
    """Score a thank-you note against the course's advice.

    ``channel``: "handwritten" (best), "email+handwritten" (a quick e-mail, then
    the note: fine), "email" or "linkedin". ``interview_on`` and ``sent_on`` are
    dates (``date``, ``datetime`` or "2026-03-14"); when both are given the note
    is checked for being sent within 3 days. Raises TypeError for a non-str
    ``text``, ValueError for text over 20,000 characters, an unknown channel, a
    malformed date, or a note sent before the interview.
    """
    text = require_text(text, "text")
    channel = normalise_channel(channel, CHANNELS, _CHANNEL_ALIASES)
    interview = None if interview_on is None else as_date(interview_on, "interview_on")
    sent = None if sent_on is None else as_date(sent_on, "sent_on")
    if interview and sent and sent < interview:
        raise ValueError(
            f"sent_on ({sent.isoformat()}) is before interview_on ({interview.isoformat()}): "
            "a thank-you is sent after the interview, so check the two dates"
        )
    return run_rules("thank-you", ThankYouNote(text, channel, interview, sent), text)


@rule("after.gratitude", "thank-you",
      passed="You say thank you.",
      failed="Say thank you, and mean it: they gave you their time.",
      passes=["Dear Dr. Osei, I appreciate your time.", "Thanks so much for meeting with me on Tuesday."],
      fails=["Dear Ms. Byrne, it was good to meet you on Tuesday.", "Thanks in advance for your help.", ""])
def gratitude(note: ThankYouNote) -> Verdict:
    spans = find_gratitude(note.text)
    return found(spans, "no words of thanks")


@rule("after.specific_detail", "thank-you",
      points=CONTENT_POINTS,
      passed="You name something specific you learned or will do.",
      failed="Name one concrete thing you learned or will act on (\"your advice about starting with the "
             "most-requested items\"); a note that could go to anyone is easy to forget.",
      passes=["Thank you! Your point about starting with the most-requested items changed how I plan my project.",
              "I have already signed up for the legal research course you recommended."],
      fails=["Thanks for the meeting. I learned a lot.", "Dear Dr. Osei, I appreciate your time.", ""])
def specific_detail(note: ThankYouNote) -> Verdict:
    spans = find_specific_details(note.text)
    return found(spans, 'no sentence naming what you learned or will do; "your advice" or "I learned a lot" name nothing')


@rule("after.no_early_requests", "thank-you",
      passed="Your note asks for nothing new.",
      failed="Leave new requests (introductions, a resume review, another meeting) for later, after you "
             "have been in touch for a while; let this note just say thank you.",
      passes=["Thank you for your time. I'd be glad to share the survey template our class built.",
              "Thank you so much. I hope our paths cross again."],
      fails=["Thanks for the meeting. Could you also review my resume?",
             "Thank you! Could you introduce me to your colleague in cataloguing?",
             "Thank you. Can we meet again next week?",
             ""])
def no_early_requests(note: ThankYouNote) -> Verdict:
    spans = merge_spans(find_new_requests(note.text) + find_job_asks(note.text))
    return Verdict(not spans, spans)


@rule("job.no_job_ask", "thank-you",
      points=CONTENT_POINTS,
      passed="Your note doesn't ask for a job.",
      failed="Take out the job ask: thank them for the conversation only, with no mention of openings or "
             "of being hired.",
      passes=["Thank you for telling me how you got your first job in archives.",
              "Thank you for the tour; you and your team did a great job on the new reading room."],
      fails=["Thanks for the meeting. Please tell me if there are openings on your team.",
             "Thank you for telling me about the cataloguer position. I am sure my skills would make me "
             "a valuable member of your team.",
             ""])
def no_job_ask(note: ThankYouNote) -> Verdict:
    spans = find_job_asks(note.text)
    return Verdict(not spans, spans)


@rule("after.offer_help", "thank-you",
      passed="You offer something in return.",
      failed="Offer something back, however small: \"If I can ever help with ..., let me know\" or "
             "\"I'd be glad to send you ...\".",
      passes=["Thank you. If it would help, I'd be glad to share the survey template our class built.",
              "Thanks again, and please let me know if there is anything I can do for your team."],
      fails=["Thank you for your time.", "Thank you. Please let me know if there are any openings.", ""])
def offer_help(note: ThankYouNote) -> Verdict:
    spans = find_offers_of_help(note.text)
    return found(spans, "no offer to help or to share something")


@rule("after.thank_you_timely", "thank-you",
      passed="You send it within a few days.",
      failed=f"Send your thanks within {TIMELY_DAYS} days of the interview, sooner if you can.",
      passes=[{"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-11"},
              {"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-13"}],
      fails=[{"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-20"},
             {"text": "", "interview_on": "2026-03-10", "sent_on": "2026-03-11"}],
      applies=lambda note: note.days_after is not None)
def thank_you_timely(note: ThankYouNote) -> Verdict:
    days = note.days_after
    when = "the same day" if days == 0 else f"{days} day{'s' if days != 1 else ''} after the interview"
    return Verdict(days <= TIMELY_DAYS, detail=f"(Sent {when}.)")


@rule("after.handwritten", "thank-you",
      passed="A handwritten note: the most memorable way to thank someone.",
      failed="Send a handwritten note as well; a quick e-mail right away followed by the note works.",
      passes=[{"text": "Thank you for your time.", "channel": "handwritten"},
              {"text": "Thank you for your time.", "channel": "email+handwritten"}],
      fails=[{"text": "Thank you for your time.", "channel": "email"},
             {"text": "Thank you for your time.", "channel": "linkedin"},
             ""])
def handwritten(note: ThankYouNote) -> Verdict:
    return Verdict(CHANNELS[note.channel], detail=f"(Channel: {note.channel}.)")
