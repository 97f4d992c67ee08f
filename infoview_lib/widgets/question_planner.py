"""The question planner: list, edit, reorder and fit your questions to the time you were given.

Same as ``score_questions(questions, minutes, topics=topics)``.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..saved_work import QuestionList, parse_topics
from ._common import CoachWidget, close_rows, same_as_html

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 5, 120, 20


class QuestionRow(widgets.HBox):
    """One question: its text (``text``) and ``up``, ``down``, ``remove`` buttons."""

    def __init__(self, number: int, question: str):
        self.text = widgets.Text(value=question, description=f"{number}.", continuous_update=True,
                                 layout=widgets.Layout(width="70%"),
                                 style={"description_width": "2.5em"})
        self.up = widgets.Button(description="Up", tooltip=f"Move question {number} up",
                                 layout=widgets.Layout(width="4.5em"))
        self.down = widgets.Button(description="Down", tooltip=f"Move question {number} down",
                                   layout=widgets.Layout(width="5em"))
        self.remove = widgets.Button(description="Remove", tooltip=f"Remove question {number}",
                                     layout=widgets.Layout(width="6em"))
        super().__init__(children=(self.text, self.up, self.down, self.remove))


class QuestionPlanner(CoachWidget):
    """Questions for the interview, the minutes agreed and the agreed topics, with feedback.

    Drive it from Python: ``new_question.value = "..."`` then ``add_button.click()``;
    ``rows[i].text.value``, ``rows[i].up/down/remove.click()``; ``minutes.value``;
    ``topics.value = "archives, metadata"``. Read ``questions`` (the list), ``report``,
    ``feedback.value``. Saves ``{"questions": [...], "minutes", "topics": [...]}``.
    """

    def __init__(self, store=None, key: str = "questions"):
        super().__init__(store=store, key=key, title="Question planner: your questions for the time you have",
                         same_as="score_questions(questions, minutes, topics=topics)")
        self._questions: list[str] = []
        self.rows: list[QuestionRow] = []
        self.question_list = widgets.VBox()
        self.new_question = widgets.Text(description="New question", placeholder="How did you ...?",
                                         layout=widgets.Layout(width="70%"),
                                         style={"description_width": "initial"})
        self.add_button = widgets.Button(description="Add question", tooltip="Add the new question to the list")
        # a labelled number box, not an IntSlider: the slider's handle has no accessible name (axe-core)
        self.minutes = widgets.BoundedIntText(value=DEFAULT_MINUTES, min=MIN_MINUTES, max=MAX_MINUTES, step=5,
                                              description="Minutes agreed", continuous_update=False,
                                              style={"description_width": "initial"},
                                              layout=widgets.Layout(width="14em"))
        self.topics = widgets.Text(description="Agreed topics (comma-separated)", continuous_update=True,
                                   placeholder="e.g. digital archives, cataloguing",
                                   layout=widgets.Layout(width="90%"), style={"description_width": "initial"})
        self.set_body(self.question_list, widgets.HBox((self.new_question, self.add_button)),
                      self.minutes, self.topics)
        self.add_button.on_click(lambda _b: self.add_question(self.new_question.value))
        self.minutes.observe(self.changed, "value")
        self.topics.observe(self.changed, "value")
        self.reload()

    @property
    def questions(self) -> list[str]:
        """The questions as listed (blank rows included)."""
        return list(self._questions)

    # -- editing the list --------------------------------------------------------------
    def add_question(self, text: str) -> None:
        if not text.strip():
            self.show_message("Type a question in the box first, then press Add question.")
            return
        self._questions.append(text.strip())
        self.new_question.value = ""
        self._rebuild_rows()
        self.refresh()
        self.save_now()

    def remove_question(self, index: int) -> None:
        del self._questions[index]
        self._rebuild_rows()
        self.refresh()
        self.save_now()

    def move_question(self, index: int, step: int) -> None:
        target = index + step
        if not 0 <= target < len(self._questions):
            return
        q = self._questions
        q[index], q[target] = q[target], q[index]
        self._rebuild_rows()
        self.refresh()
        self.save_now()

    def _edit_question(self, index: int, change) -> None:
        self._questions[index] = change["new"]
        self.changed()

    def _rebuild_rows(self) -> None:
        close_rows(self.rows)
        self.rows = []
        for i, question in enumerate(self._questions):
            row = QuestionRow(i + 1, question)
            row.text.observe(lambda change, i=i: self._edit_question(i, change), "value")
            row.up.on_click(lambda _b, i=i: self.move_question(i, -1))
            row.down.on_click(lambda _b, i=i: self.move_question(i, +1))
            row.remove.on_click(lambda _b, i=i: self.remove_question(i))
            row.up.disabled = i == 0
            row.down.disabled = i == len(self._questions) - 1
            self.rows.append(row)
        self.question_list.children = tuple(self.rows)

    # -- the store and the library ---------------------------------------------------------
    @property
    def saved(self) -> QuestionList:
        """What the planner holds, as the record it saves."""
        return QuestionList(tuple(self._questions), self.minutes.value, parse_topics(self.topics.value))

    def snapshot(self) -> dict:
        return self.saved.to_dict()

    def apply(self, data: dict) -> None:
        saved = QuestionList.from_dict(data)
        self._questions = list(saved.questions)
        self._rebuild_rows()
        if isinstance(saved.minutes, int):  # the slider's steps are whole minutes
            self.minutes.max = max(MAX_MINUTES, saved.minutes)
            self.minutes.value = saved.minutes
        self.topics.value = ", ".join(saved.topics)

    def update_feedback(self) -> None:
        from ..rules.questions import score_questions

        topics = parse_topics(self.topics.value)
        self.same_as.value = same_as_html(
            f"score_questions(questions, minutes={self.minutes.value}, topics={tuple(topics)!r})"
        )
        # Blank rows go to the library as they are (it ignores them), so the report's text has one line per
        # row and its evidence spans and question numbers match the rows on screen.
        self.show_report(score_questions(self.questions, self.minutes.value, topics=tuple(topics)))


def question_planner(store=None, key: str = "questions") -> QuestionPlanner:
    """A question planner widget. Same as: ``score_questions(questions, minutes, topics=topics)``.

    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return QuestionPlanner(store=store, key=key)
