"""What the lesson widgets save, as records: one dataclass per work-store entry.

The widgets write these records (``to_dict``) and read them back (``from_dict``); the capstone
(:mod:`infoview_lib.capstone`) reads the same records to gather a student's plan, so the saved
format has one home. The JSON the work store holds is unchanged, and entries saved by earlier
versions still load (topics as one comma-separated string, logistics without ``"pickers"``,
missing keys).

``from_dict`` checks each field's type and format and raises :class:`SavedWorkError` (a
ValueError) naming the field, e.g. ``logistics: meeting_at must be an ISO date and time such
as "2026-03-18T14:00", not 'next Tuesday'``. It never judges the work itself: whether a channel,
a kind of contact or a meeting length is right is for the rules.

=====================  ==========  =================================================================
record                 store key   saved as
=====================  ==========  =================================================================
:class:`RequestDraft`  request     ``{"text", "channel"}``
:class:`QuestionList`  questions   ``{"questions": [...], "minutes", "topics": [...]}``
:class:`LogisticsPlan` logistics   ``{"meeting_at", "confirmed_on", "arrive_at", "free_until"`` (ISO or
                                   null), ``"duration_minutes", "pickers": {each picker's value}}``
:class:`FollowUpLog`   follow_up   ``{"interview_on", "log": [{"date", "channel", "kind", "replied"}]}``
:class:`QuizAnswers`   quiz-...    ``{"answers": {question id: option key}, "checked": [question ids]}``
:class:`ChecklistTicks` checklist  ``{"ticked": [item ids]}``
=====================  ==========  =================================================================
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, ClassVar
from .errors import InfoviewError


class SavedWorkError(InfoviewError, ValueError):
    """A saved entry without the shape its widget writes; the message names the entry and the field."""


def parse_topics(value) -> tuple[str, ...]:
    """Topics as typed or saved: one comma-separated string, or a list of strings; blanks dropped."""
    if value is None:
        return ()
    parts = value.split(",") if isinstance(value, str) else value
    if not isinstance(parts, (list, tuple)) or not all(isinstance(t, str) for t in parts):
        raise TypeError(f"topics must be a list of strings or one comma-separated string, not {value!r}")
    return tuple(t.strip() for t in parts if t.strip())


def _iso(value, kind, what: str):
    if value is None or isinstance(value, kind) and (kind is _dt.datetime or not isinstance(value, _dt.datetime)):
        return value
    if isinstance(value, str) and value:
        try:
            return kind.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be {what}, not {value!r}")


_DATE = (_dt.date, 'an ISO date such as "2026-03-18"')
_TIME = (_dt.time, 'an ISO time such as "14:00"')
_DATETIME = (_dt.datetime, 'an ISO date and time such as "2026-03-18T14:00"')


def _iso_or_none(value) -> str | None:
    return None if value is None else value.isoformat()


class _Record:
    """from_dict's shared checks: a dictionary, and each field read with the entry named in any error."""

    KEY: ClassVar[str]

    @classmethod
    def _fields(cls, data) -> dict:
        if not isinstance(data, dict):
            raise SavedWorkError(f"{cls.KEY}: the saved entry must be a dictionary, not {type(data).__name__}")
        return data

    @classmethod
    def _read(cls, data: dict, name: str, parse, default=None):
        value = data.get(name)
        if value is None:
            return default
        try:
            return parse(value)
        except (TypeError, ValueError) as err:
            raise SavedWorkError(f"{cls.KEY}: {name} {err}") from None


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be text, not {type(value).__name__}")
    return value


def _minutes(value) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"must be a number of minutes, not {value!r}")
    if not value > 0:
        raise ValueError(f"must be more than 0, not {value!r}")
    return value


def _text_list(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"must be a list of texts, not {value!r}")
    return tuple(value)


def _topics(value) -> tuple[str, ...]:
    try:
        return parse_topics(value)
    except TypeError:
        raise TypeError(f"must be a list of texts or one comma-separated text, not {value!r}") from None


@dataclass(frozen=True)
class RequestDraft(_Record):
    """The request coach's draft (lesson 02): its text and how it is sent."""

    KEY: ClassVar[str] = "request"
    text: str = ""
    channel: str = "email"

    def to_dict(self) -> dict:
        return {"text": self.text, "channel": self.channel}

    @classmethod
    def from_dict(cls, data) -> "RequestDraft":
        data = cls._fields(data)
        return cls(cls._read(data, "text", _text, ""), cls._read(data, "channel", _text, "email") or "email")


@dataclass(frozen=True)
class QuestionList(_Record):
    """The question planner's rows (lesson 04), blank ones kept in place, the minutes and the agreed topics."""

    KEY: ClassVar[str] = "questions"
    questions: tuple[str, ...] = ()
    minutes: int | float | None = None
    topics: tuple[str, ...] = ()

    @property
    def asked(self) -> tuple[str, ...]:
        """The questions that are not blank."""
        return tuple(q for q in self.questions if q.strip())

    def to_dict(self) -> dict:
        return {"questions": list(self.questions), "minutes": self.minutes, "topics": list(self.topics)}

    @classmethod
    def from_dict(cls, data) -> "QuestionList":
        data = cls._fields(data)
        return cls(cls._read(data, "questions", _text_list, ()), cls._read(data, "minutes", _minutes),
                   cls._read(data, "topics", _topics, ()))


def _on_day(day, time):
    return _dt.datetime.combine(day, time) if day is not None and time is not None else None


@dataclass(frozen=True)
class LogisticsPlan(_Record):
    """The logistics planner's pickers (lesson 04): the meeting day and time, when you confirm, when you
    arrive and until when you are free (times on the meeting day), and how long the meeting should last.

    Each picker is kept on its own, so a half-filled plan comes back as it was; :attr:`meeting_at`,
    :attr:`arrive_at` and :attr:`free_until` are set once both the day and the time are.
    """

    KEY: ClassVar[str] = "logistics"
    meeting_date: _dt.date | None = None
    meeting_time: _dt.time | None = None
    confirmed_on: _dt.date | None = None
    arrive_time: _dt.time | None = None
    free_until_time: _dt.time | None = None
    duration_minutes: int | float | None = None
    """None: the rules' default length."""

    PICKERS: ClassVar[dict] = {"meeting_date": _DATE, "meeting_time": _TIME, "confirmed_on": _DATE,
                               "arrive_time": _TIME, "free_until_time": _TIME}

    @property
    def meeting_at(self) -> _dt.datetime | None:
        return _on_day(self.meeting_date, self.meeting_time)

    @property
    def arrive_at(self) -> _dt.datetime | None:
        return _on_day(self.meeting_date, self.arrive_time)

    @property
    def free_until(self) -> _dt.datetime | None:
        return _on_day(self.meeting_date, self.free_until_time)

    def to_dict(self) -> dict:
        return {"meeting_at": _iso_or_none(self.meeting_at), "confirmed_on": _iso_or_none(self.confirmed_on),
                "arrive_at": _iso_or_none(self.arrive_at), "free_until": _iso_or_none(self.free_until),
                "duration_minutes": self.duration_minutes,
                "pickers": {name: _iso_or_none(getattr(self, name)) for name in self.PICKERS}}

    @classmethod
    def from_dict(cls, data) -> "LogisticsPlan":
        data = cls._fields(data)
        pickers = {} if data.get("pickers") is None else data["pickers"]
        if not isinstance(pickers, dict):
            raise SavedWorkError(f"{cls.KEY}: pickers must be a dictionary, not {type(pickers).__name__}")
        read = {name: cls._read(pickers, name, lambda v, k=kind: _iso(v, *k)) for name, kind in cls.PICKERS.items()}
        # entries saved before the pickers were: the combined values
        whole = {name: cls._read(data, name, lambda v: _iso(v, *_DATETIME))
                 for name in ("meeting_at", "arrive_at", "free_until")}
        meeting, arrive, free = whole["meeting_at"], whole["arrive_at"], whole["free_until"]
        return cls(
            meeting_date=read["meeting_date"] or (meeting and meeting.date()),
            meeting_time=read["meeting_time"] or (meeting and meeting.time()),
            confirmed_on=read["confirmed_on"] or cls._read(data, "confirmed_on", lambda v: _iso(v, *_DATE)),
            arrive_time=read["arrive_time"] or (arrive and arrive.time()),
            free_until_time=read["free_until_time"] or (free and free.time()),
            duration_minutes=cls._read(data, "duration_minutes", _minutes),
        )


@dataclass(frozen=True)
class Contact:
    """One row of the contact log: when, how, what kind of contact, and whether they replied."""

    date: _dt.date | None = None
    channel: str = "email"
    kind: str = "thanks"
    replied: bool = False

    def to_dict(self) -> dict:
        return {"date": _iso_or_none(self.date), "channel": self.channel, "kind": self.kind, "replied": self.replied}


@dataclass(frozen=True)
class FollowUpLog(_Record):
    """The follow-up planner (lesson 05): the interview date and the contact log, one row per contact."""

    KEY: ClassVar[str] = "follow_up"
    interview_on: _dt.date | None = None
    log: tuple[Contact, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"interview_on": _iso_or_none(self.interview_on), "log": [c.to_dict() for c in self.log]}

    @classmethod
    def from_dict(cls, data) -> "FollowUpLog":
        data = cls._fields(data)
        log = [] if data.get("log") is None else data["log"]
        if not isinstance(log, list):
            raise SavedWorkError(f"{cls.KEY}: log must be a list of contacts, not {type(log).__name__}")
        contacts = []
        for i, row in enumerate(log):
            if not isinstance(row, dict):
                raise SavedWorkError(f"{cls.KEY}: log[{i}] must be a dictionary, not {type(row).__name__}")
            where = f"log[{i}]."
            contacts.append(Contact(
                date=cls._read({where + "date": row.get("date")}, where + "date", lambda v: _iso(v, *_DATE)),
                channel=cls._read({where + "channel": row.get("channel")}, where + "channel", _text, "email"),
                kind=cls._read({where + "kind": row.get("kind")}, where + "kind", _text, "thanks"),
                replied=cls._read({where + "replied": row.get("replied")}, where + "replied", _flag, False),
            ))
        return cls(cls._read(data, "interview_on", lambda v: _iso(v, *_DATE)), tuple(contacts))


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"must be true or false, not {value!r}")
    return value


@dataclass(frozen=True)
class QuizAnswers(_Record):
    """A scenario quiz's answers (saved under ``quiz-<stages>``): question id -> the option key chosen,
    and the questions whose answer was checked."""

    KEY: ClassVar[str] = "quiz"
    answers: dict = field(default_factory=dict)
    checked: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"answers": dict(self.answers), "checked": sorted(self.checked)}

    @classmethod
    def from_dict(cls, data) -> "QuizAnswers":
        data = cls._fields(data)
        return cls(cls._read(data, "answers", _text_map, {}), cls._read(data, "checked", _text_list, ()))


def _text_map(value) -> dict:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise TypeError(f"must map question ids to option keys, not {value!r}")
    return dict(value)


@dataclass(frozen=True)
class ChecklistTicks(_Record):
    """A checklist's ticked item ids (saved under ``checklist``), ticks of other stages' items included."""

    KEY: ClassVar[str] = "checklist"
    ticked: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"ticked": list(self.ticked)}

    @classmethod
    def from_dict(cls, data) -> "ChecklistTicks":
        data = cls._fields(data)
        return cls(cls._read(data, "ticked", _text_list, ()))


#: store key -> the record its widget saves there (quizzes save :class:`QuizAnswers` under ``quiz-<stages>``)
RECORDS: dict[str, type] = {r.KEY: r for r in (RequestDraft, QuestionList, LogisticsPlan, FollowUpLog, ChecklistTicks)}


def read_record(key: str, data: Any):
    """The record saved under ``key`` (one of :data:`RECORDS`); SavedWorkError naming what is wrong."""
    if key.startswith("quiz-"):
        return QuizAnswers.from_dict(data)
    if key not in RECORDS:
        raise KeyError(f"no saved-work record for {key!r}; known: {', '.join(RECORDS)}")
    return RECORDS[key].from_dict(data)
