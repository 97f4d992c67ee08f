"""The preparation checklist: what a student ticks off because no scorer can see it.

Clothes, the route, a phone switched off: the advice realised as "checklist" in
:data:`infoview_lib.advice.ADVICE`, from "Demystifying the Informational
Interview" by Ellen Mehling, plus a few practical items that help with advice
the scorers also check (confirming, the question list, the thank-you card).

An item's id is the advice id it realises when there is one such item, otherwise
``stage.short_name``; its ``advice_ids`` say which advice it serves.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .advice import ADVICE, STAGES
from .lookup import by_id, read_stages
from .rules.logistics import MAX_MINUTES_EARLY, describe_minutes


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to tick off, and the advice it serves."""

    id: str
    """Stable id, ``stage.name``."""
    stage: str
    """When to tick it: what, request, prep, during or after."""
    text: str
    """What to do, in the first person, as the student ticks it."""
    advice_ids: tuple[str, ...]
    """The advice it realises (keys of ADVICE)."""

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"checklist item {self.id!r}: unknown stage {self.stage!r}")
        object.__setattr__(self, "advice_ids", tuple(ADVICE[a].id for a in self.advice_ids))


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("what.take_seriously", "what",
                  "I have blocked time to prepare, as I would for any professional meeting.",
                  ("what.take_seriously",)),
    ChecklistItem("request.homework", "request",
                  "I have looked into the person and the part of their work I want to learn about.",
                  ("request.homework",)),
    ChecklistItem("request.how_we_met", "request",
                  "I can say in one line how we met or who is introducing us.",
                  ("request.connection",)),
    ChecklistItem("request.two_topics", "request",
                  "I have picked the one or two things I most want to learn.",
                  ("request.specific_topics",)),
    ChecklistItem("prep.confirm_reminder", "prep",
                  "A reminder is set to confirm the time and place a few days before.",
                  ("prep.confirm",)),
    ChecklistItem("prep.show_research", "prep",
                  "My questions show what I already know about their workplace or their work.",
                  ("prep.show_research",)),
    ChecklistItem("prep.questions_written", "prep",
                  "My short list of questions is written down and fits the time I was given.",
                  ("prep.question_list", "prep.questions_fit_time")),
    ChecklistItem("prep.dress", "prep",
                  "My clothes are ready: business casual, or a suit if the workplace is formal.",
                  ("prep.dress",)),
    ChecklistItem("prep.route", "prep",
                  "I know the route and how long it takes, with time to spare for delays.",
                  ("prep.route",)),
    ChecklistItem("prep.walk_in_time", "prep",
                  f"I know when I will walk in: no more than {describe_minutes(MAX_MINUTES_EARLY)} before the start.",
                  ("prep.arrival_window",)),
    ChecklistItem("prep.buffer_time", "prep",
                  "My diary stays clear for a while after the meeting, in case it runs on.",
                  ("prep.buffer_time",)),
    ChecklistItem("during.devices_off", "during",
                  "My phone and other devices are off before I go in.",
                  ("during.devices_off",)),
    ChecklistItem("during.polite_to_all", "during",
                  "I greet everyone I meet there politely: reception, security, their colleagues.",
                  ("during.polite_to_all",)),
    ChecklistItem("during.listen", "during",
                  "I listen and follow up on what they say instead of reading down my list.",
                  ("during.listen",)),
    ChecklistItem("during.notebook", "during",
                  "I have a notebook and pen for short notes, not a transcript.",
                  ("during.notes",)),
    ChecklistItem("during.watch_time", "during",
                  "I can see the time without my phone, and I will wrap up when the time is up.",
                  ("during.watch_time",)),
    ChecklistItem("after.card_ready", "after",
                  "A thank-you card and a stamp are ready, so the note goes out within a few days.",
                  ("after.handwritten", "after.thank_you_timely")),
    ChecklistItem("after.stay_in_touch", "after",
                  "If it went well, I connect (for example on LinkedIn) and put a catching-up reminder "
                  "in my calendar.",
                  ("after.stay_in_touch", "after.cadence")),
    ChecklistItem("after.way_to_help", "after",
                  "I have noted one way I could be useful to them.",
                  ("after.offer_help",)),
)

_BY_ID = {item.id: item for item in CHECKLIST}


def checklist_item(item_id: str) -> ChecklistItem:
    """One item by id; KeyError naming the closest ids if there is none."""
    return by_id(_BY_ID, "checklist item", item_id)


def checklist_for(stages=None) -> tuple[ChecklistItem, ...]:
    """The items for one stage ("prep") or several (["prep", "during"]); all items for None."""
    wanted = read_stages(stages)
    return tuple(item for item in CHECKLIST if item.stage in wanted)


def checklist_progress(ticked_ids: Iterable[str], stages=None) -> tuple[int, int]:
    """(items ticked, items in total) for the given stages (all stages for None).

    Every ticked id must be a checklist item id (KeyError naming the closest ids
    otherwise); ticked items outside the chosen stages are not counted, and an id
    ticked twice counts once.
    """
    if isinstance(ticked_ids, str):
        raise TypeError(f"ticked_ids must be a list of item ids, not one string ({ticked_ids!r}); "
                        f"wrap it in a list: [{ticked_ids!r}]")
    if not isinstance(ticked_ids, Iterable):
        raise TypeError(f"ticked_ids must be a list of item ids, not {type(ticked_ids).__name__}")
    ticked = {checklist_item(item_id).id for item_id in ticked_ids}
    items = checklist_for(stages)
    return sum(item.id in ticked for item in items), len(items)
