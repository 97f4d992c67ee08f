"""Scenario quiz: pick an answer, press Check, read why it is (or is not) the best choice.

Same as ``check_answer(question_id, key)`` for each question of ``questions_for(stages)``.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..render import quiz_verdict_html
from ..saved_work import QuizAnswers
from ._common import CoachWidget


class QuizCard(widgets.VBox):
    """One question: ``prompt`` (HTML), ``choice`` (RadioButtons of option keys),
    ``check_button`` and ``explanation`` (HTML)."""

    def __init__(self, number: int, question):
        self.question = question
        self.prompt = widgets.HTML(f"<p><strong>Question {number}.</strong> {html.escape(question.prompt)}</p>")
        self.choice = widgets.RadioButtons(
            options=[(f"{o.key}) {o.text}", o.key) for o in question.options], value=None,
            description="Your answer", layout=widgets.Layout(width="100%"), style={"description_width": "initial"},
        )
        self.check_button = widgets.Button(description="Check", tooltip=f"Check your answer to question {number}")
        self.explanation = widgets.HTML()
        super().__init__(children=(self.prompt, self.choice, self.check_button, self.explanation))


class ScenarioQuiz(CoachWidget):
    """All the quiz questions for ``stages``, each with its own Check button, and a score line.

    Drive it from Python: ``cards[question_id].choice.value = "b"``, then
    ``cards[question_id].check_button.click()``; read ``cards[...].explanation.value`` and
    ``score_line.value``. Saves ``{"answers": {question_id: key}, "checked": [question ids]}``.
    """

    def __init__(self, stages=("what",), store=None, key: str | None = None):
        from ..quiz import questions_for

        stages = (stages,) if isinstance(stages, str) else tuple(stages)
        questions = tuple(questions_for(stages))  # unknown stages: the library's clear error
        key = key if key is not None else "quiz-" + "-".join(stages)
        super().__init__(store=store, key=key, title="Scenario quiz: what would you do?",
                         same_as="check_answer(question_id, key)")
        self.stages = stages
        self.cards: dict[str, QuizCard] = {}
        self._checked: set[str] = set()
        self._saved_answers: dict[str, str] = {}  # answers to questions this quiz does not show
        for number, question in enumerate(questions, 1):
            card = QuizCard(number, question)
            card.choice.observe(lambda change, qid=question.id: self._chosen(qid), "value")
            card.check_button.on_click(lambda _b, qid=question.id: self.check(qid))
            self.cards[question.id] = card
        self.score_line = widgets.HTML()
        self.set_body(*self.cards.values(), self.score_line)
        self.reload()

    @property
    def answers(self) -> dict[str, str]:
        """Question id -> the key of the option chosen (unanswered questions left out)."""
        return {qid: card.choice.value for qid, card in self.cards.items() if card.choice.value is not None}

    def _chosen(self, question_id: str) -> None:
        if self._applying:
            return
        self._checked.discard(question_id)  # a new choice needs a new check
        self.cards[question_id].explanation.value = ""
        self.changed()

    def check(self, question_id: str) -> None:
        """Show the explanation of the chosen option (as the Check button does)."""
        card = self.cards[question_id]
        if card.choice.value is None:
            card.explanation.value = "<p><em>Choose an answer first, then press Check.</em></p>"
            return
        self._checked.add(question_id)
        self.refresh()
        self.save_now()

    def _explain(self, question_id: str) -> None:
        from ..quiz import check_answer

        card = self.cards[question_id]
        card.explanation.value = quiz_verdict_html(check_answer(question_id, card.choice.value))

    def snapshot(self) -> dict:
        answers = {**self._saved_answers, **self.answers}
        return QuizAnswers(answers, tuple(q for q in self._checked if q in answers)).to_dict()

    def apply(self, data: dict) -> None:
        saved = QuizAnswers.from_dict(data)
        answers, checked = saved.answers, saved.checked
        self._saved_answers = {q: k for q, k in answers.items() if q not in self.cards}
        self._checked = set()
        for qid, card in self.cards.items():
            keys = [value for _label, value in card.choice.options]
            card.choice.value = answers.get(qid) if answers.get(qid) in keys else None
            card.explanation.value = ""
            if card.choice.value is not None and qid in checked:
                self._checked.add(qid)

    def update_feedback(self) -> None:
        from ..quiz import quiz_score

        for qid in sorted(self._checked):
            self._explain(qid)
        right, _ = quiz_score({qid: self.cards[qid].choice.value for qid in self._checked})
        self.score_line.value = (
            f"<p><strong>Score:</strong> {right} of {len(self.cards)} right "
            f"({len(self._checked)} checked).</p>"
        )


def scenario_quiz(stages=("what",), store=None, key: str | None = None) -> ScenarioQuiz:
    """A quiz widget for the questions of ``stages``. Same as: ``check_answer(question_id, key)``.

    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under
    (default ``"quiz-" + "-".join(stages)``).
    """
    return ScenarioQuiz(stages=stages, store=store, key=key)
