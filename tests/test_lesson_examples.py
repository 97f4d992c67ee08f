"""Every lesson's own examples get the verdicts the lesson text claims for them.

The examples are read from the lesson notebooks themselves (the top-level assignments of their code
cells, in order, so an edited example is checked as edited); the claims are the table below, taken
from each example's surrounding text ("the first has no connection, no clear topic, no time limit
and no way out, and it pushes; the second does what the advice says").
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from infoview_lib.rules.notes import score_notes
from infoview_lib.rules.questions import score_questions
from infoview_lib.rules.request import score_request
from infoview_lib.rules.thank_you import score_thank_you

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SCORERS = {"score_request": score_request, "score_questions": score_questions,
           "score_thank_you": score_thank_you, "score_notes": score_notes}

#: the fill-in-the-blanks note of lesson 05, filled with the lesson's own "e.g." suggestions
LESSON_05_BLANKS = {
    "thing_i_learned": "how you plan a community oral-history project",
    "what_i_will_do": "I have signed up for the volunteer training you mentioned",
    "how_i_could_help": "If it would help, I am happy to share the survey results from my course",
}

#: (lesson, the call that scores the example, advice id, the verdict the lesson text claims)
CLAIMS = [
    ("01", "score_request(mentoring_request)", "what.not_mentoring", False),
    ("01", "score_request(my_sentence)", "what.not_mentoring", False),
    *[("02", "score_request(weak_request)", advice_id, False) for advice_id in
      ("request.connection", "request.specific_topics", "request.brief", "request.graceful_out", "request.respectful")],
    *[("02", "score_request(strong_request)", advice_id, True) for advice_id in
      ("request.connection", "request.homework", "request.specific_topics", "request.channel", "request.brief",
       "request.graceful_out", "request.respectful", "request.concise", "job.no_job_ask", "what.not_mentoring")],
    *[("02", "score_request(bad_request)", advice_id, False) for advice_id in
      ("request.connection", "request.specific_topics", "request.brief", "request.respectful", "what.not_mentoring")],
    ("03", "score_request(asks_for_a_job)", "job.no_job_ask", False),
    ("03", "score_request(says_it_is_not)", "job.no_job_ask", True),
    ("03", "score_questions(drifting_questions, minutes=20, topics=agreed_topics)", "job.stay_on_topic", False),
    ("03", "score_questions(drifting_questions, minutes=20, topics=agreed_topics)", "job.no_job_ask", False),
    ("03", "score_questions(my_questions, minutes=20, topics=my_topics)", "job.no_job_ask", False),
    ("03", "score_questions(my_questions, minutes=20, topics=my_topics)", "job.stay_on_topic", False),
    ("04", "score_notes(my_notes)", "during.stay_positive", False),
    ("04", "score_questions(my_questions, minutes=20, topics=['outreach', 'open shelving'])", "job.stay_on_topic", True),
    ("04", "score_questions(my_questions, minutes=20, topics=['outreach', 'open shelving'])", "prep.open_questions", True),
    ("04", "score_questions(my_questions, minutes=20, topics=['outreach', 'open shelving'])", "prep.show_research", True),
    ("04", "score_questions(six_questions, minutes=10)", "prep.questions_fit_time", False),
    ("04", "score_questions(six_questions, minutes=20)", "prep.questions_fit_time", True),
    ("04", "score_questions(six_questions, minutes=30)", "prep.questions_fit_time", True),
    ("04", "score_questions(six_questions, minutes=45)", "prep.questions_fit_time", False),
    ("04", "score_questions(closed_questions, minutes=15)", "prep.open_questions", False),
    *[("05", "score_thank_you(my_thank_you, interview_on='2026-03-10', sent_on='2026-03-12', channel='handwritten')",
       advice_id, True) for advice_id in
      ("after.gratitude", "after.specific_detail", "after.no_early_requests", "job.no_job_ask", "after.offer_help",
       "after.thank_you_timely", "after.handwritten")],
    *[("05", "score_thank_you(weak_thank_you, interview_on='2026-03-10', sent_on='2026-03-17', channel='email')",
       advice_id, False) for advice_id in
      ("after.thank_you_timely", "after.handwritten", "after.specific_detail", "after.no_early_requests")],
]


def _calls_a_scorer_or_widget(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) for n in ast.walk(node))


def lesson_examples(lesson: str) -> dict:
    """The example values a lesson defines: every top-level assignment of its code cells whose value
    calls nothing but str/list methods (``x.replace(...)``) or is a literal, evaluated in order."""
    (path,) = NOTEBOOKS.glob(f"{lesson}_*.ipynb")
    namespace: dict = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%")))
        except SyntaxError:
            continue
        for node in tree.body:
            if not (isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets)):
                continue
            calls = [n for n in ast.walk(node.value) if isinstance(n, ast.Call)]
            if any(not isinstance(c.func, ast.Attribute) or c.func.attr not in ("replace", "join", "strip")
                   for c in calls):
                continue  # a scorer, widget or library call, not an example
            name = node.targets[0].id
            value = LESSON_05_BLANKS.get(name)
            if value is None:
                try:
                    value = eval(compile(ast.Expression(node.value), str(path), "eval"),  # our own lesson text
                                 {"__builtins__": {}}, dict(namespace))
                except (NameError, TypeError, AttributeError):
                    continue
            namespace[name] = value
    return namespace


@pytest.mark.parametrize("lesson, call, advice_id, expected", CLAIMS,
                         ids=[f"{c[0]}:{c[1].split('(')[1].split(',')[0].rstrip(')')}:{c[2]}" for c in CLAIMS])
def test_lesson_example_gets_the_verdict_the_lesson_claims(lesson, call, advice_id, expected):
    namespace = {**lesson_examples(lesson), **SCORERS}
    report = eval(call, {"__builtins__": {}}, namespace)  # noqa: S307 - the table above
    finding = report.finding(advice_id)
    assert finding.passed is expected, f"lesson {lesson}: {call} -> {advice_id}: {finding.message}"


def test_every_lesson_example_in_the_table_exists():
    """A renamed example fails here, naming it, rather than silently leaving the table."""
    for lesson, call, _, _ in CLAIMS:
        names = {n.id for n in ast.walk(ast.parse(call)) if isinstance(n, ast.Name)} - set(SCORERS)
        missing = names - set(lesson_examples(lesson))
        assert not missing, f"lesson {lesson} no longer defines {sorted(missing)}"
