"""The preparation checklist: tick what you have done, stage by stage, and see your progress.

Same as ``checklist_progress(ticked_ids, stages=("prep", "during", "after"))``.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..saved_work import ChecklistTicks
from ._common import CoachWidget


class PrepChecklist(CoachWidget):
    """A checkbox per checklist item, grouped by stage, with a progress bar.

    Drive it from Python: ``checkboxes[item_id].value = True``; read ``progress.value``,
    ``progress_text.value`` ("5 of 12 done"), ``ticked`` (the ticked item ids).
    Saves ``{"ticked": [item ids]}``; ticks saved for items of other stages (another
    checklist on the same key) are kept.
    """

    def __init__(self, store=None, key: str = "checklist", stages=("prep", "during", "after")):
        from ..advice import STAGES
        from ..checklist import CHECKLIST, checklist_progress

        stages = (stages,) if isinstance(stages, str) else tuple(stages)
        checklist_progress([], stages=stages)  # unknown stages: the library's clear error, raised here
        super().__init__(store=store, key=key, title="Checklist: tick what you have done",
                         same_as=f"checklist_progress(ticked_ids, stages={stages!r})")
        self.stages = stages
        self.items = tuple(item for item in CHECKLIST if item.stage in stages)
        self._other_ticks: list[str] = []  # saved ticks this checklist does not show
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        groups = []
        for stage in stages:
            boxes = []
            for item in (i for i in self.items if i.stage == stage):
                box = widgets.Checkbox(value=False, description=item.text, indent=False,
                                       layout=widgets.Layout(width="100%"))
                box.observe(self.changed, "value")
                self.checkboxes[item.id] = box
                boxes.append(box)
            heading = STAGES[stage][1] if stage in STAGES else stage
            groups.append(widgets.VBox((widgets.HTML(f"<h5 style='margin:.4em 0 .1em'>{html.escape(heading)}</h5>"),
                                        *boxes)))
        self.progress = widgets.IntProgress(value=0, min=0, max=max(1, len(self.items)), description="Progress")
        self.progress_text = widgets.Label()
        self.set_body(*groups, widgets.HBox((self.progress, self.progress_text)))
        self.reload()

    @property
    def ticked(self) -> list[str]:
        """Ids of the items ticked in this checklist, in checklist order."""
        return [item_id for item_id, box in self.checkboxes.items() if box.value]

    def snapshot(self) -> dict:
        return ChecklistTicks(tuple(self._other_ticks + self.ticked)).to_dict()

    def apply(self, data: dict) -> None:
        ticked = ChecklistTicks.from_dict(data).ticked
        self._other_ticks = [t for t in ticked if t not in self.checkboxes]
        for item_id, box in self.checkboxes.items():
            box.value = item_id in ticked

    def update_feedback(self) -> None:
        from ..checklist import checklist_progress

        done, total = checklist_progress(self.ticked, stages=self.stages)
        self.progress.max = max(1, total)
        self.progress.value = done
        self.progress_text.value = f"{done} of {total} done"
        if total and done == total:
            self.show_message("Everything on this checklist is done. Well prepared!")
        else:
            self.show_message(f"{total - done} item(s) still to do.")


def prep_checklist(store=None, key: str = "checklist", stages=("prep", "during", "after")) -> PrepChecklist:
    """A checklist widget for ``stages``. Same as: ``checklist_progress(ticked_ids, stages=stages)``.

    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return PrepChecklist(store=store, key=key, stages=stages)
