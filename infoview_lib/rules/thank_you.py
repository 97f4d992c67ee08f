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

from ..inputs import THANK_YOU_CHANNELS, as_date, is_handwritten, normalise_channel, require_text
from ..report import Report
from .base import CONTENT_POINTS, Verdict, forbid, require, rule, run_rules
from .detect.jobs import find_job_asks
from .detect.thanks import find_gratitude, find_new_requests, find_offers_of_help, find_specific_details

#: How a thank-you can be sent (the one list; aliases such as "card" or "post" are in ``inputs``).
CHANNELS = THANK_YOU_CHANNELS
#: A thank-you sent at most this many days after the interview is timely (here and in the contact log).
TIMELY_DAYS = 3
#: What to do when the thanks came late: one wording for the note and the contact log.
TIMELY_FAILED = f"Send your thanks within {TIMELY_DAYS} days of the interview, sooner if you can."


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
    is checked for being sent within :data:`TIMELY_DAYS` days. Raises TypeError for a non-str
    ``text``, ValueError for text over 20,000 characters, an unknown channel, a
    malformed date, or a note sent before the interview.
    """
    text = require_text(text, "text")
    channel = normalise_channel(channel, CHANNELS)
    interview = None if interview_on is None else as_date(interview_on, "interview_on")
    sent = None if sent_on is None else as_date(sent_on, "sent_on")
    if interview and sent and sent < interview:
        raise ValueError(
            f"sent_on ({sent.isoformat()}) is before interview_on ({interview.isoformat()}): "
            "a thank-you is sent after the interview, so check the two dates"
        )
    return run_rules("thank-you", ThankYouNote(text, channel, interview, sent), text)


gratitude = require(
    find_gratitude, "after.gratitude", "thank-you",
    missing="no words of thanks",
    passed="You say thank you.",
    failed="Say thank you, and mean it: they gave you their time.",
    passes=["Dear Dr. Osei, I appreciate your time.", "Thanks so much for meeting with me on Tuesday."],
    fails=["Dear Ms. Byrne, it was good to meet you on Tuesday.", "Thanks in advance for your help."])


specific_detail = require(
    find_specific_details, "after.specific_detail", "thank-you",
    missing='no sentence naming what you learned or will do; "your advice" or "I learned a lot" name nothing',
    points=CONTENT_POINTS,
    passed="You name something specific you learned or will do.",
    failed="Name one concrete thing you learned or will act on (\"your advice about starting with the "
           "most-requested items\"); a note that could go to anyone is easy to forget.",
    passes=["Thank you! Your point about starting with the most-requested items changed how I plan my project.",
            "I have already signed up for the legal research course you recommended."],
    fails=["Thanks for the meeting. I learned a lot.", "Dear Dr. Osei, I appreciate your time."])


no_early_requests = forbid(
    (find_new_requests, find_job_asks), "after.no_early_requests", "thank-you",
    passed="Your note asks for nothing new.",
    failed="Leave new requests (introductions, a resume review, another meeting) for later, after you "
           "have been in touch for a while; let this note just say thank you.",
    passes=["Thank you for your time. I'd be glad to share the survey template our class built.",
            "Thank you so much. I hope our paths cross again."],
    fails=["Thanks for the meeting. Could you also review my resume?",
           "Thank you! Could you introduce me to your colleague in cataloguing?",
           "Thank you. Can we meet again next week?"])


no_job_ask = forbid(
    find_job_asks, "job.no_job_ask", "thank-you",
    points=CONTENT_POINTS,
    passed="Your note doesn't ask for a job.",
    failed="Take out the job ask: thank them for the conversation only, with no mention of openings or "
           "of being hired.",
    passes=["Thank you for telling me how you got your first job in archives.",
            "Thank you for the tour; you and your team did a great job on the new reading room."],
    fails=["Thanks for the meeting. Please tell me if there are openings on your team.",
           "Thank you for telling me about the cataloguer position. I am sure my skills would make me "
           "a valuable member of your team."])


offer_help = require(
    find_offers_of_help, "after.offer_help", "thank-you",
    missing="no offer to help or to share something",
    passed="You offer something in return.",
    failed="Offer something back, however small: \"If I can ever help with ..., let me know\" or "
           "\"I'd be glad to send you ...\".",
    passes=["Thank you. If it would help, I'd be glad to share the survey template our class built.",
            "Thanks again, and please let me know if there is anything I can do for your team."],
    fails=["Thank you for your time.", "Thank you. Please let me know if there are any openings."])


@rule("after.thank_you_timely", "thank-you",
      passed=f"You send it within {TIMELY_DAYS} days.",
      failed=TIMELY_FAILED,
      passes=[{"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-11"},
              {"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-13"}],
      fails=[{"text": "Thank you for your time.", "interview_on": "2026-03-10", "sent_on": "2026-03-20"}],
      applies=lambda note: note.days_after is not None)
def thank_you_timely(note: ThankYouNote) -> Verdict:
    """Met when the note is sent at most TIMELY_DAYS days after the interview."""
    days = note.days_after
    when = "the same day" if days == 0 else f"{days} day{'s' if days != 1 else ''} after the interview"
    return Verdict(days <= TIMELY_DAYS, detail=f"(Sent {when}.)")


@rule("after.handwritten", "thank-you",
      passed="A handwritten note: the most memorable way to thank someone.",
      failed="Send a handwritten note as well; a quick e-mail right away followed by the note works.",
      passes=[{"text": "Thank you for your time.", "channel": "handwritten"},
              {"text": "Thank you for your time.", "channel": "email+handwritten"}],
      fails=[{"text": "Thank you for your time.", "channel": "email"},
             {"text": "Thank you for your time.", "channel": "linkedin"}])
def handwritten(note: ThankYouNote) -> Verdict:
    """Met when the channel is a handwritten note (after an e-mail or alone)."""
    return Verdict(is_handwritten(note.channel), detail=f"(Channel: {note.channel}.)")
