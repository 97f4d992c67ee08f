"""Scenario questions: the advice no scorer can check, practised as situations.

Every piece of advice realised as "quiz" in :data:`infoview_lib.advice.ADVICE`
has at least one question here. Each question is a situation from library and
archive work with three or four options; exactly one is right, and every option
explains why it is right or wrong, in the project's own words, following
"Demystifying the Informational Interview" by Ellen Mehling ("the article").
The questions are data, in ``infoview_lib/data/quiz.toml``, checked as they load.

    >>> from infoview_lib.quiz import questions_for, check_answer
    >>> q = questions_for("prep")[0]
    >>> check_answer(q.id, "a").correct in (True, False)
    True
"""
from __future__ import annotations

import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .advice import ADVICE
from .lookup import by_id, read_stages
from .errors import InfoviewError


@dataclass(frozen=True)
class QuizOption:
    """One answer to a scenario question."""

    key: str
    """"a", "b", "c" or "d"."""
    text: str
    """The answer as the student reads it."""
    correct: bool
    """True for the one right answer."""
    explanation: str
    """Why this answer is right or wrong, with the advice behind it."""


@dataclass(frozen=True)
class QuizQuestion:
    """A scenario with three or four options, exactly one of them right."""

    id: str
    """Stable id (a short slug), used as the key of saved answers."""
    stage: str
    """The stage of its first advice id: what, request, job, prep, during or after."""
    advice_ids: tuple[str, ...]
    """The advice it practises (keys of ADVICE)."""
    prompt: str
    """The situation and the question."""
    options: tuple[QuizOption, ...]

    def __post_init__(self):
        object.__setattr__(self, "advice_ids", tuple(ADVICE[a].id for a in self.advice_ids))
        keys = [o.key for o in self.options]
        if not 3 <= len(self.options) <= 4 or keys != list(string.ascii_lowercase[: len(keys)]):
            raise ValueError(f"quiz question {self.id!r} needs 3 or 4 options keyed a, b, c(, d), not {keys}")
        if sum(o.correct for o in self.options) != 1:
            raise ValueError(f"quiz question {self.id!r} must have exactly one correct option")
        if not all(o.explanation.strip() for o in self.options):
            raise ValueError(f"quiz question {self.id!r}: every option needs an explanation")

    @property
    def correct_option(self) -> QuizOption:
        return next(o for o in self.options if o.correct)

    def option(self, key: str) -> QuizOption:
        """The option with ``key`` ("a", "B", " c "); ValueError listing the keys otherwise."""
        if not isinstance(key, str):
            raise TypeError(f"an answer key must be a letter such as 'a', not {type(key).__name__}")
        wanted = key.strip().lower()
        for opt in self.options:
            if opt.key == wanted:
                return opt
        raise ValueError(
            f"question {self.id!r} has no option {key!r}; choose one of "
            f"{', '.join(o.key for o in self.options)}"
        )


#: Where the questions live: a data file, so that their prose is edited as text, not code.
QUIZ_FILE = "quiz.toml"


class QuizDataError(InfoviewError, ValueError):
    """The quiz data file has a mistake; the message names the file and the entry."""


_QUESTION_FIELDS = {"id": str, "advice": list, "prompt": str, "option": list}
_OPTION_FIELDS = {"text": str, "correct": bool, "why": str}


def _fields(entry, expected: dict, where: str) -> None:
    if not isinstance(entry, dict):
        raise QuizDataError(f"{where}: expected a table, found {type(entry).__name__}")
    missing = [k for k in expected if k not in entry]
    unknown = sorted(set(entry) - set(expected))
    if missing or unknown:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unknown {', '.join(unknown)}"] if unknown else [])
        raise QuizDataError(f"{where}: {'; '.join(parts)} (fields: {', '.join(expected)})")
    for key, kind in expected.items():
        if not isinstance(entry[key], kind):
            raise QuizDataError(f"{where}: {key} must be a {kind.__name__}, not {type(entry[key]).__name__}")


def parse_quiz(data: Mapping, source: str = QUIZ_FILE) -> tuple[QuizQuestion, ...]:
    """The questions in ``data`` (a parsed quiz file), checked as they are read.

    Every mistake raises :class:`QuizDataError` naming ``source`` and the entry:

    >>> parse_quiz({"question": [{"id": "x", "advice": ["what.purpose"], "prompt": "?"}]}, "q.toml")
    Traceback (most recent call last):
    ...
    infoview_lib.quiz.QuizDataError: q.toml, question 1 ('x'): missing option (fields: id, advice, prompt, option)
    """
    entries = data.get("question") if isinstance(data, Mapping) else None
    if not isinstance(entries, list) or not entries:
        raise QuizDataError(f"{source}: no [[question]] entries")
    questions, seen = [], set()
    for n, entry in enumerate(entries, 1):
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"{source}, question {n}" + (f" ({label!r})" if label else "")
        _fields(entry, _QUESTION_FIELDS, where)
        if entry["id"] in seen:
            raise QuizDataError(f"{where}: the id {entry['id']!r} is used twice")
        seen.add(entry["id"])
        unknown = [a for a in entry["advice"] if a not in ADVICE]
        if not entry["advice"] or unknown:
            raise QuizDataError(f"{where}: advice must name advice ids; unknown: {unknown or 'none given'}")
        for m, option in enumerate(entry["option"], 1):
            _fields(option, _OPTION_FIELDS, f"{where}, option {m}")
        try:
            questions.append(QuizQuestion(
                id=entry["id"],
                stage=ADVICE[entry["advice"][0]].stage,
                advice_ids=tuple(entry["advice"]),
                prompt=entry["prompt"],
                options=tuple(QuizOption(key, o["text"], o["correct"], o["why"])
                              for key, o in zip(string.ascii_lowercase, entry["option"])),
            ))
        except ValueError as exc:
            raise QuizDataError(f"{source}: {exc}") from None
    return tuple(questions)


def load_quiz(path=None) -> tuple[QuizQuestion, ...]:
    """The questions of a quiz file (by default the kit's own ``data/quiz.toml``)."""
    if path is None:
        raw, source = resources.files(__package__).joinpath("data", QUIZ_FILE).read_bytes(), f"data/{QUIZ_FILE}"
    else:
        raw, source = Path(path).read_bytes(), str(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise QuizDataError(f"{source}: not a readable TOML file: {exc}") from None
    return parse_quiz(data, source)


QUIZ: tuple[QuizQuestion, ...] = load_quiz()
_BY_ID = {q.id: q for q in QUIZ}


def quiz_question(question_id: str) -> QuizQuestion:
    """One question by id; KeyError naming the closest ids if there is none."""
    return by_id(_BY_ID, "quiz question", question_id)


def questions_for(stages=None) -> tuple[QuizQuestion, ...]:
    """The questions for one stage ("during") or several (["what", "job"]); all for None."""
    wanted = read_stages(stages)
    return tuple(q for q in QUIZ if q.stage in wanted)


def check_answer(question_id: str, key: str) -> QuizOption:
    """The option a student chose, with ``.correct`` and ``.explanation``.

    KeyError for an unknown question id (naming close ones); ValueError for a key the
    question does not have (listing its keys).
    """
    return quiz_question(question_id).option(key)


def quiz_score(answers: Mapping[str, str | None], stages=None) -> tuple[int, int]:
    """(correct, total) for ``answers``, a mapping of question id to chosen key.

    Without ``stages`` the total is the number of answers given; with ``stages`` it is
    the number of questions in those stages, so unanswered questions count as not
    correct. An answer of None (not answered yet) counts as not correct. Unknown ids or
    keys raise KeyError/ValueError as in :func:`check_answer`.
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dict of question id -> chosen key, not {type(answers).__name__}")
    correct = sum(1 for qid, key in answers.items() if key is not None and check_answer(qid, key).correct)
    for qid in answers:
        quiz_question(qid)  # unanswered (None) entries must still name real questions
    if stages is None:
        return correct, len(answers)
    in_scope = {q.id for q in questions_for(stages)}
    outside = sorted(set(answers) - in_scope)
    if outside:
        raise ValueError(f"answers for questions outside the stages {', '.join(read_stages(stages))}: "
                         f"{', '.join(outside)}")
    return correct, len(in_scope)
