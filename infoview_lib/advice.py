"""The advice registry: every piece of advice the course teaches, as data.

The ids are stable (see the project's advice inventory). Each id is the key of
:data:`ADVICE`, the ``advice_id`` of every finding a scorer returns, and (with the
dot turned into a hyphen) the grade id of the nbgrader test cell that checks it.

Sources: "Demystifying the Informational Interview" by Ellen Mehling (the
article the course follows), and, where the kit goes further, the named
career-centre guidance.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

ARTICLE = 'Ellen Mehling, "Demystifying the Informational Interview"'
FIVE_POINT_EMAIL = (
    'career-centre guidance: the "5-point e-mail" (Steve Dalton, The 2-Hour Job Search), '
    "as taught by university career centres: under 100 words"
)
OPEN_QUESTIONS = (
    "career-centre guidance: university career centres' informational-interview question lists "
    "(ask open questions: how, what, why; not yes/no)"
)
SPECIFIC_THANKS = (
    "career-centre guidance: university career centres' thank-you note advice "
    "(mention something specific you learned and how you will use it)"
)

#: Stage id -> (lesson notebook that teaches it, heading used in the lessons).
STAGES: dict[str, tuple[str, str]] = {
    "what": ("01_what_it_is.ipynb", "What an informational interview is, and is not"),
    "request": ("02_making_the_request.ipynb", "Making the request"),
    "job": ("03_dont_ask_for_a_job.ipynb", "Don't ask for a job"),
    "prep": ("04_before_and_during.ipynb", "Before the interview"),
    "during": ("04_before_and_during.ipynb", "During the interview"),
    "after": ("05_afterward.ipynb", "Afterward"),
}

REALISATIONS = frozenset({"check", "checklist", "quiz"})

# Priorities: how much an unmet advice item matters, most first. Every view that picks
# "what to fix first" (the Next step of a report) orders unmet items by priority, then
# in inventory order; no view keeps its own order.
JOB_ASK = 1
"""Asking for a job, a referral or openings: the one thing an informational interview must never do."""
PRESSURE = 2
"""Pressure, a demand or an ask beyond the meeting: it can cost the meeting or the relationship."""
SUBSTANCE = 3
"""What makes the meeting possible and worth having: a connection, named topics, research, good questions."""
COURTESY = 4
"""Courtesy and logistics: an easy way to say no, a bounded ask, confirming, timing."""
POLISH = 5
"""Polish: length, format and other finishing touches."""
PRIORITIES: dict[int, str] = {
    JOB_ASK: "a job ask",
    PRESSURE: "pressure or an ask beyond the meeting",
    SUBSTANCE: "connection, topic and substance",
    COURTESY: "courtesy and logistics",
    POLISH: "polish, such as length",
}
#: Short titles are read at a glance, in a one-line summary: at most this many characters.
TITLE_MAX_CHARS = 40


@dataclass(frozen=True)
class Advice:
    """One piece of advice, with where it comes from and how the kit realises it."""

    id: str
    """Stable dotted id, ``stage.name``."""
    stage: str
    """The article's stage: what, request, job, prep, during or after."""
    summary: str
    """The advice in the project's own words."""
    source: str
    """The article, or the named career-centre guidance."""
    realised_as: frozenset[str]
    """How the library realises it: any of "check", "checklist", "quiz"."""
    title: str
    """A short imperative title (under :data:`TITLE_MAX_CHARS`), the words every view shows for it."""
    priority: int
    """How much an unmet item matters, 1 (most) to 5: a key of :data:`PRIORITIES`."""

    @property
    def lesson(self) -> str:
        """File name of the lesson notebook that teaches this advice."""
        return STAGES[self.stage][0]

    @property
    def grade_id(self) -> str:
        """The nbgrader grade id for a test of this advice (dot -> hyphen)."""
        return self.id.replace(".", "-")


# id, realised as, source, priority, short title, summary (the project's own words)
_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # what: notebook 01
    ("what.purpose", "quiz", ARTICLE, SUBSTANCE, "Know what the meeting is for",
     "An informational interview is a conversation with a working professional so you can learn about one "
     "named subject: a workplace, a kind of library, a line of work."),
    ("what.not_job_interview", "quiz", ARTICLE, JOB_ASK, "Remember it is not a job interview",
     "It is not a job interview, and nobody in it is being hired or assessed."),
    ("what.you_lead", "quiz", ARTICLE, SUBSTANCE, "Come ready to lead with questions",
     "You bring and ask most of the questions, and you aim for a relaxed conversation rather than a quiz."),
    ("what.take_seriously", "quiz checklist", ARTICLE, COURTESY, "Prepare as for a professional meeting",
     "The tone is informal, but you still prepare and treat it as a professional meeting."),
    ("what.interview_practice", "quiz", ARTICLE, POLISH, "Use it as interview practice",
     "It is good practice: like a mock interview, it makes real job interviews feel more familiar."),
    ("what.not_mentoring", "quiz check", ARTICLE, PRESSURE, "Ask for one meeting, not mentoring",
     "Treat it as a single meeting, not the start of a mentorship. If they want to mentor you, they will offer; "
     "the request never asks for ongoing mentoring."),
    # request: notebook 02
    ("request.connection", "check", ARTICLE, SUBSTANCE, "Say how you know them",
     "Reach out after some contact or an introduction, and say how you met or who put you in touch; "
     "a message out of the blue can feel pushy."),
    ("request.homework", "check checklist", ARTICLE, SUBSTANCE, "Show you have done your research",
     "Look into the person and the part of their work you want to hear about, and let that research show "
     "in the message."),
    ("request.specific_topics", "check", ARTICLE, SUBSTANCE, "Name one or two topics",
     "Name exactly what you hope to learn: one or two subjects, not a long list and not an open-ended "
     '"pick your brain".'),
    ("request.channel", "check", ARTICLE, COURTESY, "Write rather than phone",
     "Write (e-mail or a LinkedIn message) instead of phoning: it intrudes less and lets them decide in "
     "their own time."),
    ("request.brief", "check", ARTICLE, COURTESY, "Ask for a short, set time",
     "Make the ask small and bounded: a short meeting or a stated number of minutes."),
    ("request.graceful_out", "check", ARTICLE, COURTESY, "Give them an easy way to say no",
     "Tell them you will understand if they cannot do it."),
    ("request.respectful", "check", ARTICLE, PRESSURE, "Keep it courteous, with no pressure",
     "Keep the tone courteous: no demands, no deadlines, no pressure, no assuming they will say yes."),
    ("request.concise", "check", FIVE_POINT_EMAIL, POLISH, "Keep the message short",
     "Keep the message short enough to take in at a glance: about 100 words or fewer."),
    # job: notebook 03
    ("job.no_job_ask", "check quiz", ARTICLE, JOB_ASK, "Don't ask for a job",
     "Never ask for a job, a referral or whether there are openings, not even when a post is advertised: "
     "not in the request, not in the meeting, not in the thanks. Saying you are not asking is fine."),
    ("job.stay_on_topic", "check quiz", ARTICLE, SUBSTANCE, "Stay on the topics you named",
     "Keep to the subjects you named when you asked for the meeting."),
    ("job.be_flexible", "quiz", ARTICLE, COURTESY, "Go along with their plans",
     "Go along gracefully when they offer more (a tour, an introduction, another meeting) or need to stop early."),
    ("job.no_expectations", "quiz", ARTICLE, PRESSURE, "Expect only the conversation",
     "Expect nothing but the conversation; opportunities sometimes follow, but never count on one."),
    # prep: notebook 04
    ("prep.confirm", "check", ARTICLE, COURTESY, "Confirm the time and place",
     "A few days ahead, confirm the time and the place."),
    ("prep.question_list", "check", ARTICLE, SUBSTANCE, "Bring a list of specific questions",
     "Bring a short list of specific questions on the subjects you agreed."),
    ("prep.questions_fit_time", "check", ARTICLE, COURTESY, "Fit your questions to the time",
     "Bring as many questions as the time you were given allows: enough to fill it, not more."),
    ("prep.show_research", "check checklist", ARTICLE, SUBSTANCE, "Let your questions show research",
     "Let your questions show what you already know about the workplace or the work."),
    ("prep.open_questions", "check", OPEN_QUESTIONS, SUBSTANCE, "Ask open questions",
     "Ask open questions (how, what, why, tell me about) that start a conversation, not ones answered by yes or no."),
    ("prep.dress", "checklist quiz", ARTICLE, POLISH, "Dress the part",
     "Dress the part: business casual in most places, a suit for a formal workplace; no jeans or t-shirts."),
    ("prep.route", "checklist", ARTICLE, POLISH, "Plan your route",
     "Know how you will get there and allow plenty of travel time."),
    ("prep.arrival_window", "check quiz", ARTICLE, COURTESY, "Arrive on time, not too early",
     "Arrive at most ten minutes early, and never late."),
    ("prep.buffer_time", "check checklist", ARTICLE, POLISH, "Keep time free afterwards",
     "Keep some time free after the meeting in case they are happy to keep talking."),
    # during: notebook 04
    ("during.polite_to_all", "checklist quiz", ARTICLE, COURTESY, "Be courteous to everyone",
     "Be courteous to everyone you meet at their workplace, not only to the person you came to see."),
    ("during.listen", "checklist quiz", ARTICLE, SUBSTANCE, "Listen and respond",
     "Listen closely and respond to what they actually say."),
    ("during.notes", "quiz", ARTICLE, POLISH, "Take brief notes",
     "Jot down notes, but do not try to write down every word."),
    ("during.devices_off", "checklist", ARTICLE, POLISH, "Switch your phone off",
     "Switch your phone and other devices off."),
    ("during.stay_positive", "quiz check", ARTICLE, PRESSURE, "Stay positive about others",
     "Keep things positive: if they criticise a person or another library, do not join in."),
    ("during.watch_time", "quiz", ARTICLE, COURTESY, "Watch the clock",
     "Keep an eye on the clock and do not press for extra time."),
    # after: notebook 05
    ("after.thank_you_timely", "check", ARTICLE, SUBSTANCE, "Send thanks within a few days",
     "Send your thanks within a few days."),
    ("after.handwritten", "check", ARTICLE, POLISH, "Send a handwritten note",
     "A handwritten note is best; a short e-mail straight away followed by the note also works."),
    ("after.gratitude", "check", ARTICLE, SUBSTANCE, "Say thank you and mean it",
     "Say thank you and mean it: they gave you their time."),
    ("after.specific_detail", "check", SPECIFIC_THANKS, SUBSTANCE, "Mention something specific",
     "Mention something specific you learned or will do; a note that could go to anyone is weak."),
    ("after.stay_in_touch", "check checklist", ARTICLE, COURTESY, "Keep in touch",
     "If it went well, connect (for example on LinkedIn) or find another way to keep in touch."),
    ("after.cadence", "check", ARTICLE, COURTESY, "Catch up every few months",
     "Send a brief catching-up message every few months: not every week, and not never."),
    ("after.share_useful", "check", ARTICLE, POLISH, "Pass on something useful",
     "Once in a while, pass on something they would find useful: an article, a post, relevant news."),
    ("after.no_early_requests", "check", ARTICLE, PRESSURE, "Don't ask for more too soon",
     "Ask for nothing new until you have been in regular touch for a while."),
    ("after.not_always_asking", "check", ARTICLE, PRESSURE, "Don't ask for something every time",
     "Not every message should ask for something."),
    ("after.dont_force", "check quiz", ARTICLE, PRESSURE, "Let it go if they go quiet",
     "If they stop replying or seem uninterested, let it go."),
    ("after.offer_help", "check", ARTICLE, COURTESY, "Offer to help them",
     "Think about what you could do for them, and offer it."),
)


class AdviceRegistry(Mapping[str, Advice]):
    """A read-only mapping from advice id to :class:`Advice`.

    Looking up an unknown id raises :class:`KeyError` naming the closest ids.
    """

    def __init__(self, records: tuple[Advice, ...]):
        self._records = {a.id: a for a in records}

    def __getitem__(self, advice_id: str) -> Advice:
        try:
            return self._records[advice_id]
        except (KeyError, TypeError):
            close = difflib.get_close_matches(str(advice_id), list(self._records), n=3, cutoff=0.5)
            hint = f"; closest: {', '.join(close)}" if close else f"; known stages: {', '.join(STAGES)}"
            raise KeyError(f"unknown advice id {advice_id!r}{hint}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"<AdviceRegistry of {len(self)} ids>"

    def by_stage(self, stage: str) -> list[Advice]:
        """The advice of one stage, in inventory order."""
        if stage not in STAGES:
            raise KeyError(f"unknown stage {stage!r}; known stages: {', '.join(STAGES)}")
        return [a for a in self._records.values() if a.stage == stage]

    def by_priority(self, advice_ids) -> list[str]:
        """``advice_ids`` most important first: by :attr:`Advice.priority`, then in inventory order.

        Every view that says what to fix first (a report's Next step) orders unmet items so.
        Raises KeyError naming the closest ids for an unknown id.
        """
        order = {advice_id: index for index, advice_id in enumerate(self._records)}
        return sorted(advice_ids, key=lambda advice_id: (self[advice_id].priority, order[advice_id]))

    def realised_as(self, kind: str) -> list[Advice]:
        """The advice realised as ``kind`` ("check", "checklist" or "quiz")."""
        if kind not in REALISATIONS:
            raise ValueError(f"kind must be one of {sorted(REALISATIONS)}, not {kind!r}")
        return [a for a in self._records.values() if kind in a.realised_as]


def _build() -> AdviceRegistry:
    records = []
    for advice_id, kinds, source, priority, title, summary in _TABLE:
        stage = advice_id.split(".", 1)[0]
        if priority not in PRIORITIES:
            raise ValueError(f"advice {advice_id!r}: priority {priority!r} is not one of {sorted(PRIORITIES)}")
        if not title or len(title) >= TITLE_MAX_CHARS:
            raise ValueError(f"advice {advice_id!r}: its title must be 1 to {TITLE_MAX_CHARS - 1} characters, "
                             f"not {len(title)} ({title!r})")
        records.append(Advice(advice_id, stage, summary, source, frozenset(kinds.split()), title, priority))
    return AdviceRegistry(tuple(records))


ADVICE: AdviceRegistry = _build()


def advice_id_from_grade_id(grade_id: str) -> str:
    """The advice id behind an nbgrader grade id: "request-brief" -> "request.brief",
    "job-no_job_ask-thanks" -> "job.no_job_ask" (a suffix after a second hyphen marks a
    second test of the same advice). Raises KeyError for a grade id naming no advice."""
    parts = str(grade_id).split("-")
    if len(parts) < 2:
        raise KeyError(f"grade id {grade_id!r} does not name an advice id (expected stage-name[-suffix])")
    return ADVICE[f"{parts[0]}.{parts[1]}"].id


def advice(advice_id: str) -> Advice:
    """Look up one piece of advice (raises KeyError naming the closest ids)."""
    return ADVICE[advice_id]
