"""Rules for the question list a student brings to the interview.

Source: Ellen Mehling, "Demystifying the Informational Interview", section
"Before and during the interview" (a brief list of specific questions on the
agreed subjects, fitted to the time allotted, showing what you already know)
and "Don't ask for a job!" (no job asks, keep to the topics of the request).
Open rather than yes/no questions follow university career centres'
informational-interview question lists; the pace of 3 to 5 minutes per
question is the kit's rule of thumb for a conversation rather than a quiz.

Spans are offsets into the questions joined by newlines, which is the
report's ``text``, so the evidence highlights in place.
"""
from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass

from ..inputs import require_text
from ..report import Report, Span
from .base import CONTENT_POINTS, Verdict, forbid, require, rule, run_rules
from .detect.jobs import find_job_asks
from .detect.questions import elsewhere_subject, general_concept, is_open_question
from .detect.research import find_research
from .detect.text import content_words, generic_words, is_blank

#: a conversation allows roughly this many minutes per question (fewest, most)
MINUTES_PER_QUESTION = (3, 5)
#: closing courtesies that fit any topic ("Is there anyone else I should talk to?")
_CLOSING_QUESTION = re.compile(
    r"\b(?:anyone|someone|anybody|who)\s+else\b|\banything\s+else\b|\bwhat\s+else\b|\bis\s+there\s+anything\b", re.I
)


@dataclass(frozen=True)
class QuestionPlan:
    """What the question rules read: the questions, the time given and the agreed topics."""

    questions: tuple[str, ...]
    """The questions as written (blank ones kept, and ignored by the rules)."""
    minutes: float
    """Minutes the interviewee agreed to."""
    topics: tuple[str, ...]
    """Topics named in the request (may be empty)."""
    text: str
    """The questions joined by newlines: what spans point into."""
    spans: tuple[Span, ...]
    """Where each question sits in :attr:`text`."""

    @property
    def asked(self) -> list[tuple[str, Span]]:
        """The non-blank questions with their spans."""
        return [(q, s) for q, s in zip(self.questions, self.spans) if not is_blank(q)]


def question_range(minutes: float) -> tuple[int, int]:
    """How many questions fit ``minutes``: (fewest, most), at :data:`MINUTES_PER_QUESTION` minutes each.

    >>> question_range(20)
    (4, 6)
    """
    fast, slow = MINUTES_PER_QUESTION
    most = max(1, math.floor(minutes / fast))
    fewest = min(most, max(1, math.ceil(minutes / slow)))
    return fewest, most


def _strings(value, name: str, what: str) -> tuple[str, ...]:
    """``value`` as a tuple of str; TypeError naming ``name`` (and the index of a bad item)."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list of str ({what}), not {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise TypeError(f"{name}[{i}] must be a str, not {type(item).__name__}")
    return tuple(value)


def _plan(questions, minutes, topics) -> QuestionPlan:
    questions = _strings(questions, "questions", "one question per item")
    if isinstance(minutes, bool) or not isinstance(minutes, numbers.Real):
        raise TypeError(f"minutes must be a number of minutes such as 20, not {type(minutes).__name__}")
    if not math.isfinite(minutes) or minutes <= 0:
        raise ValueError(f"minutes must be a positive number of minutes such as 20, not {minutes!r}")
    topics = _strings((topics,) if isinstance(topics, str) else topics, "topics", "the topics named in your request")
    require_text("\n".join(topics), "topics")
    text = require_text("\n".join(questions), "questions")
    spans, pos = [], 0
    for q in questions:
        spans.append((pos, pos + len(q)))
        pos += len(q) + 1
    topics = tuple(t for t in topics if not is_blank(t))
    return QuestionPlan(questions, float(minutes), topics, text, tuple(spans))


def score_questions(questions, minutes, topics=()) -> Report:
    """Score a list of interview questions for a meeting of ``minutes`` minutes.

    ``questions`` is a list (or tuple) of str, one question each; ``topics``
    are the topics named in the request: when given, every question is checked
    against them (``job.stay_on_topic``). The report's ``text`` is the
    questions joined by newlines. An empty list scores 0. Raises TypeError for
    a non-list ``questions``, a non-str item or a non-number ``minutes``, and
    ValueError for ``minutes`` that is not a positive number.
    """
    plan = _plan(questions, minutes, topics)
    return run_rules("questions", plan, plan.text)


def _is_specific(question: str) -> bool:
    return bool(content_words(question, ignore=generic_words())) or bool(_CLOSING_QUESTION.search(question))


@rule("prep.question_list", "questions",
      points=CONTENT_POINTS,
      passed="You have a list of specific questions.",
      failed="Write a short list of specific questions on the topics you agreed; \"What do you do?\" or "
             "\"Any advice?\" are too vague to plan with.",
      passes=[{"questions": ["How do you choose which collections to digitise first?",
                             "What surprised you when you moved to law librarianship?"], "minutes": 15}],
      fails=[{"questions": [], "minutes": 20},
             {"questions": ["What do you do?", "Any advice?"], "minutes": 10}])
def question_list(plan: QuestionPlan) -> Verdict:
    """Met when at least half of the questions are specific."""
    asked = plan.asked
    vague = [s for q, s in asked if not _is_specific(q)]
    n = len(asked)
    detail = f"({n - len(vague)} of {n} questions are specific.)"
    return Verdict(len(vague) * 2 <= n, vague, detail)


@rule("prep.questions_fit_time", "questions",
      passed="The number of questions fits the time you have.",
      failed="Fit the list to the time: allow about {} to {} minutes per question.".format(*MINUTES_PER_QUESTION),
      passes=[{"questions": ["How did you start?", "What do you enjoy most?", "What is hard about it?",
                             "How has the work changed?"], "minutes": 20},
              {"questions": ["How do you pick what to digitise?"], "minutes": 5}],
      fails=[{"questions": [f"What is question {i} about your digitisation work?" for i in range(12)],
              "minutes": 15},
             {"questions": ["How did you start?"], "minutes": 60}])
def questions_fit_time(plan: QuestionPlan) -> Verdict:
    """Met when the number of questions fits the minutes at MINUTES_PER_QUESTION each."""
    n = len(plan.asked)
    fewest, most = question_range(plan.minutes)
    fit = f"{fewest} to {most} fit" if fewest != most else f"{most} fit{'s' if most == 1 else ''}"
    detail = (f"You have {n} question{'s' if n != 1 else ''} for {plan.minutes:g} minutes; "
              f"at {MINUTES_PER_QUESTION[0]} to {MINUTES_PER_QUESTION[1]} minutes each, {fit}.")
    if n < fewest:
        detail += f" That is too few: add {fewest - n} more, or plan to go deeper on each."
    elif n > most:
        detail += f" That is too many: keep your best {most}."
    return Verdict(fewest <= n <= most, detail=detail)


show_research = require(
    find_research, "prep.show_research", "questions",
    missing="no question that mentions what you know of them: a project, a change they made, a date",
    passed="Your questions show what you already know.",
    failed="Let at least one question show your homework, e.g. \"I read that your library launched X; "
           "how did you ...?\"",
    passes=[{"questions": ["I read that your library launched a seed library last spring. How did you fund it?"],
             "minutes": 5},
            {"questions": ["Since you moved the catalogue to FOLIO, what has changed for your team?"],
             "minutes": 5}],
    fails=[{"questions": ["What do you do all day?"], "minutes": 5}])


no_job_ask = forbid(
    find_job_asks, "job.no_job_ask", "questions",
    points=CONTENT_POINTS,
    passed="None of your questions asks for a job.",
    failed="Take out the question about openings, referrals or being hired; ask about the work instead.",
    passes=[{"questions": ["How did you get your first job in archives?"], "minutes": 5},
            {"questions": ["What skills matter most in your kind of work?"], "minutes": 5}],
    fails=[{"questions": ["Are there any openings on your team?"], "minutes": 5},
           {"questions": ["Could you pass my resume along to your director?"], "minutes": 5}])


@rule("job.stay_on_topic", "questions",
      passed="Every question keeps to the topics you named or is a question every informational interview has.",
      failed="Keep to the topics you named in your request; drop or rework the questions that stray to "
             "another subject, hiring, pay or personal life.",
      passes=[{"questions": ["How do you decide which collections to digitise first?"], "minutes": 5,
               "topics": ["digitisation priorities"]},
              {"questions": ["What was hardest about moving from public libraries to a law firm?",
                             "Is there anyone else you think I should talk to?"],
               "minutes": 10, "topics": ["moving into law librarianship"]},
              {"questions": ["What is a typical day like for you?"], "minutes": 5, "topics": ["outreach"]}],
      fails=[{"questions": ["How do you decide which collections to digitise first?",
                            "What is the salary range on your team?"], "minutes": 10,
              "topics": ["digitisation priorities"]},
             {"questions": ["How do you plan storytimes?", "Are you married?"], "minutes": 10,
              "topics": ["children's programming"]}],
      applies=lambda plan: bool(plan.topics))
def stay_on_topic(plan: QuestionPlan) -> Verdict:
    """Met when no question strays to another subject, hiring, pay or personal life."""
    topics = "; ".join(plan.topics)
    off = [(span, subject) for q, span in plan.asked for subject in [elsewhere_subject(q, topics)] if subject]
    n = len(plan.asked)
    if off:
        strays = "; ".join(f"\"{plan.text[a:b]}\" is about {subject}" for (a, b), subject in off)
        return Verdict(False, [span for span, _ in off],
                       f"({n - len(off)} of {n} questions keep to your topics or are general interview "
                       f"questions; {strays}.)")
    general = sum(1 for q, _ in plan.asked if general_concept(q))
    return Verdict(True, detail=f"(None of your {n} questions strays to another subject, hiring, pay or "
                                f"personal life; {general} of them are questions every informational interview "
                                f"has, in scope of any topic.)")


@rule("prep.open_questions", "questions",
      passed="Most of your questions are open, which keeps the conversation going.",
      failed="Turn yes/no questions into open ones: start with how, what, why or \"tell me about\" "
             "(\"Do you like cataloguing?\" -> \"What do you enjoy about cataloguing?\").",
      passes=[{"questions": ["How did you get started in archives?", "What does a typical week look like?",
                             "Do you work weekends?"], "minutes": 15},
              {"questions": ["Could you describe how your team plans its exhibits?"], "minutes": 5}],
      fails=[{"questions": ["Do you like your job?", "Is it stressful?", "Are there many meetings?"],
              "minutes": 15}])
def open_questions(plan: QuestionPlan) -> Verdict:
    """Met when most questions are open rather than yes/no."""
    asked = plan.asked
    closed = [s for q, s in asked if not is_open_question(q)]
    n = len(asked)
    passed = len(closed) * 2 < n
    # The evidence is what the verdict rests on: the open questions when met, the yes/no ones when not.
    evidence = [s for q, s in asked if s not in closed] if passed else closed
    return Verdict(passed, evidence, f"({n - len(closed)} of {n} questions are open.)")
