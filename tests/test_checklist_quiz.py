"""The preparation checklist and the scenario quiz: their data and the functions lessons call."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from infoview_lib.advice import ADVICE, STAGES
from infoview_lib.checklist import CHECKLIST, checklist_for, checklist_item, checklist_progress
from infoview_lib.quiz import QUIZ, QuizOption, QuizQuestion, check_answer, questions_for, quiz_score

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "demystifying-the-informational-interview.txt"
CHECKLIST_STAGES = ("what", "request", "prep", "during", "after")
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
QUIZ_CALL = re.compile(r"scenario_quiz\(stages=(\([^()]*\))\)")


# -- checklist ------------------------------------------------------------------------------------


def test_checklist_items_are_well_formed():
    ids = [item.id for item in CHECKLIST]
    assert len(ids) == len(set(ids))
    for item in CHECKLIST:
        assert item.stage in CHECKLIST_STAGES and item.id.startswith(item.stage + ".")
        assert item.text.strip() and item.advice_ids
        assert all(a in ADVICE for a in item.advice_ids)
    assert {item.stage for item in CHECKLIST} == set(CHECKLIST_STAGES)


def test_checklist_for_stages():
    prep = checklist_for("prep")
    assert prep and all(item.stage == "prep" for item in prep)
    both = checklist_for(["prep", "during"])
    assert set(both) == set(prep) | set(checklist_for("during"))
    assert checklist_for(None) == CHECKLIST
    with pytest.raises(KeyError, match="unknown stage 'before'.*prep"):
        checklist_for("before")


def test_checklist_progress_counts_ticked_items_in_the_chosen_stages():
    prep_total = len(checklist_for("prep"))
    assert checklist_progress([], "prep") == (0, prep_total)
    ticked = ["prep.dress", "prep.route", "prep.route", "during.devices_off"]
    assert checklist_progress(ticked, "prep") == (2, prep_total)  # a repeat counts once; other stages don't
    assert checklist_progress(ticked) == (3, len(CHECKLIST))
    everything = [item.id for item in CHECKLIST]
    assert checklist_progress(everything, ["prep", "during"]) == (len(checklist_for(["prep", "during"])),) * 2


def test_checklist_errors_name_what_was_wrong():
    with pytest.raises(KeyError, match="did you mean prep.dress"):
        checklist_progress(["prep.dres"])
    with pytest.raises(KeyError, match="unknown checklist item id"):
        checklist_item("phone off")
    with pytest.raises(TypeError, match=r"not one string.*\['prep.dress'\]"):
        checklist_progress("prep.dress")
    with pytest.raises(TypeError, match="list of item ids"):
        checklist_progress(3)


# -- quiz --------------------------------------------------------------------------------------------


def test_every_question_has_three_or_four_explained_options_and_one_answer():
    assert len({q.id for q in QUIZ}) == len(QUIZ)
    for q in QUIZ:
        assert q.stage == ADVICE[q.advice_ids[0]].stage and q.prompt.strip()
        assert 3 <= len(q.options) <= 4
        assert [o.key for o in q.options] == list("abcd"[: len(q.options)])
        assert sum(o.correct for o in q.options) == 1
        for option in q.options:
            assert option.text.strip() and len(option.explanation) > 20
            # The explanation opens with a verdict the student can't misread.
            assert option.explanation.startswith("Right") is option.correct, (q.id, option.key)
    assert len({q.correct_option.key for q in QUIZ}) >= 3  # the right answer is not always in one place


def test_questions_for_stages():
    during = questions_for("during")
    assert during and all(q.stage == "during" for q in during)
    assert set(questions_for(["what", "job"])) == set(questions_for("what")) | set(questions_for("job"))
    assert questions_for(None) == QUIZ
    with pytest.raises(KeyError, match="unknown stage"):
        questions_for(["what", "jobs"])


def test_every_lesson_quiz_has_at_least_three_questions_per_stage():
    """Each stage a lesson quizzes (notebooks 01-05) and every lesson stage has a quiz worth taking."""
    in_notebooks = set()
    for notebook in sorted(NOTEBOOKS.glob("0*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for call in QUIZ_CALL.findall(code):
            in_notebooks.update(ast.literal_eval(call))
    assert in_notebooks == {"what", "request", "job", "prep", "during", "after"} == set(STAGES)
    thin = {stage: len(questions_for(stage)) for stage in sorted(in_notebooks) if len(questions_for(stage)) < 3}
    assert not thin, f"stages with fewer than 3 quiz questions: {thin}"


def test_check_answer_returns_the_option_with_its_explanation():
    q = next(q for q in QUIZ if q.id == "tour-offered")
    right = q.correct_option
    assert check_answer("tour-offered", right.key) == right and right.correct
    assert check_answer("tour-offered", f" {right.key.upper()} ") == right
    wrong = next(o for o in q.options if not o.correct)
    chosen = check_answer("tour-offered", wrong.key)
    assert not chosen.correct and chosen.explanation == wrong.explanation
    with pytest.raises(ValueError, match="has no option 'e'; choose one of a, b, c"):
        check_answer("tour-offered", "e")
    with pytest.raises(KeyError, match="did you mean tour-offered"):
        check_answer("tour-offerd", "a")
    with pytest.raises(TypeError, match="letter"):
        check_answer("tour-offered", 1)


def test_quiz_score():
    what = questions_for("what")
    right = {q.id: q.correct_option.key for q in what}
    wrong = {q.id: next(o.key for o in q.options if not o.correct) for q in what}
    assert quiz_score(right) == (len(what), len(what))
    assert quiz_score(wrong) == (0, len(what))
    first_two = dict(list(right.items())[:2])
    assert quiz_score(first_two) == (2, 2)
    assert quiz_score(first_two, stages="what") == (2, len(what))  # unanswered count as not correct
    assert quiz_score({**first_two, what[2].id: None}, "what") == (2, len(what))
    with pytest.raises(ValueError, match="outside the stages"):
        quiz_score({"no-reply": "c"}, stages="what")
    with pytest.raises(KeyError, match="unknown quiz question"):
        quiz_score({"nope": "a"})
    with pytest.raises(TypeError, match="dict of question id"):
        quiz_score(["a", "b"])


def test_a_question_must_have_exactly_one_right_answer():
    options = (QuizOption("a", "x", True, "Right: x."), QuizOption("b", "y", True, "Right: y."),
               QuizOption("c", "z", False, "No: z."))
    with pytest.raises(ValueError, match="exactly one correct"):
        QuizQuestion("bad", "what", ("what.purpose",), "?", options)
    with pytest.raises(ValueError, match="3 or 4 options"):
        QuizQuestion("bad", "what", ("what.purpose",), "?", options[:2])


_GOOD_OPTIONS = """
  [[question.option]]
  text = "Ask questions."
  correct = true
  why = "Right: you lead."

  [[question.option]]
  text = "Wait."
  correct = false
  why = "No: you asked for the meeting."

  [[question.option]]
  text = "Leave."
  correct = false
  why = "No: stay."
"""


def _quiz_file(tmp_path, text):
    path = tmp_path / "my-quiz.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_quiz_file_is_what_the_kit_serves(tmp_path):
    from infoview_lib.quiz import load_quiz

    assert load_quiz() == QUIZ
    good = _quiz_file(tmp_path, '[[question]]\nid = "pause"\nadvice = ["what.you_lead", "during.listen"]\n'
                                'prompt = "A pause. What now?"\n' + _GOOD_OPTIONS)
    (question,) = load_quiz(good)
    assert question.id == "pause" and question.stage == "what"
    assert question.advice_ids == ("what.you_lead", "during.listen")
    assert [o.key for o in question.options] == ["a", "b", "c"] and question.correct_option.text == "Ask questions."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\n' + _GOOD_OPTIONS,
         r"my-quiz.toml, question 1 \('pause'\): missing prompt"),
        ('[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\nprompt = "?"\nhint = "x"\n' + _GOOD_OPTIONS,
         r"question 1 \('pause'\): unknown hint"),
        ('[[question]]\nid = "pause"\nadvice = ["what.nope"]\nprompt = "?"\n' + _GOOD_OPTIONS,
         r"question 1 \('pause'\): advice must name advice ids; unknown: \['what.nope'\]"),
        ('[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\nprompt = "?"\n'
         + _GOOD_OPTIONS.replace("correct = false", "correct = true", 1),
         r"my-quiz.toml: quiz question 'pause' must have exactly one correct option"),
        ('[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\nprompt = "?"\n'
         + _GOOD_OPTIONS.replace('correct = false', 'correct = "no"', 1),
         r"question 1 \('pause'\), option 2: correct must be a bool, not str"),
        ('[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\nprompt = "?"\n' + _GOOD_OPTIONS
         + '[[question]]\nid = "pause"\nadvice = ["what.you_lead"]\nprompt = "?"\n' + _GOOD_OPTIONS,
         r"question 2 \('pause'\): the id 'pause' is used twice"),
        ('[[question]\nid = "pause"', r"my-quiz.toml: not a readable TOML file"),
        ('title = "no questions"', r"my-quiz.toml: no \[\[question\]\] entries"),
    ],
    ids=["missing-field", "unknown-field", "unknown-advice", "two-right", "wrong-type", "duplicate-id",
         "bad-toml", "empty"],
)
def test_a_mistake_in_a_quiz_file_names_the_file_and_the_entry(tmp_path, text, message):
    from infoview_lib.quiz import QuizDataError, load_quiz

    with pytest.raises(QuizDataError, match=message):
        load_quiz(_quiz_file(tmp_path, text))


def test_course_text_is_in_our_own_words():
    """No run of eight words from the article is copied into the quiz or the checklist."""
    if not ARTICLE.is_file():
        pytest.skip(f"the article {ARTICLE} is absent (it lives in ../shared beside the checkout)")

    def shingles(text, n=8):
        words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
        return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}

    article = shingles(ARTICLE.read_text(encoding="utf-8"))
    texts = [item.text for item in CHECKLIST]
    texts += [t for q in QUIZ for t in (q.prompt, *(o.text for o in q.options), *(o.explanation for o in q.options))]
    copied = sorted(s for text in texts for s in shingles(text) & article)
    assert not copied, copied
