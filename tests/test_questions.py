"""score_questions: validation, pacing, topics, open questions, spans."""
from __future__ import annotations

import math

import pytest

from infoview_lib.rules.questions import question_range, score_questions
from infoview_lib.rules.detect.questions import is_open_question
from infoview_lib.rules.detect.text import stem

GOOD = [
    "How did you get started in digital preservation?",
    "I read that your library moved to Alma last year. What was the hardest part of the migration?",
    "What would you do differently if you planned the migration again?",
    "How do you decide which born-digital collections to preserve first?",
]


def test_a_good_list_meets_every_advice_item():
    report = score_questions(GOOD, 20, topics=["digital preservation", "the Alma migration"])
    assert report.passed, [(f.advice_id, f.message) for f in report.failed]
    assert report.text == "\n".join(GOOD)


@pytest.mark.parametrize("questions, error", [
    ("How did you start?", TypeError), (None, TypeError), ({"q": "How?"}, TypeError), (["How?", 3], TypeError),
])
def test_questions_must_be_a_list_of_str(questions, error):
    with pytest.raises(error, match=r"questions"):
        score_questions(questions, 20)


def test_a_non_str_item_is_named_by_its_index():
    with pytest.raises(TypeError, match=r"questions\[1\]"):
        score_questions(["How?", 3], 20)


@pytest.mark.parametrize("minutes, error", [
    ("20", TypeError), (None, TypeError), (True, TypeError), (0, ValueError), (-5, ValueError),
    (math.nan, ValueError), (math.inf, ValueError),
])
def test_minutes_must_be_a_positive_number(minutes, error):
    with pytest.raises(error, match="minutes"):
        score_questions(GOOD, minutes)


def test_topics_must_be_str():
    with pytest.raises(TypeError, match=r"topics\[0\]"):
        score_questions(GOOD, 20, topics=[1])
    # a single string is one topic, not a list of letters
    assert score_questions(GOOD[:1], 5, topics="digital preservation").finding("job.stay_on_topic").passed


def test_empty_list_scores_zero():
    report = score_questions([], 20, topics=["anything"])
    assert report.score == 0 and not report.passed and len(report.findings) == 1
    assert report.failed[0].advice_id == "prep.question_list"
    assert report.failed[0].message.startswith("Nothing to check yet")


def test_blank_questions_are_ignored_not_counted():
    report = score_questions(GOOD + ["", "   "], 20)
    assert "You have 4 questions" in report.finding("prep.questions_fit_time").message


@pytest.mark.parametrize("minutes, expected", [(20, (4, 6)), (15, (3, 5)), (10, (2, 3)), (5, (1, 1)),
                                               (2, (1, 1)), (60, (12, 20))])
def test_question_range_is_three_to_five_minutes_each(minutes, expected):
    assert question_range(minutes) == expected


def test_fit_message_gives_the_numbers():
    many = [f"How does step {i} of your digitisation workflow work?" for i in range(12)]
    finding = score_questions(many, 15).finding("prep.questions_fit_time")
    assert not finding.passed
    assert "12 questions for 15 minutes" in finding.message and "3 to 5" in finding.message
    assert not score_questions(GOOD[:1], 60).finding("prep.questions_fit_time").passed


def test_stay_on_topic_only_when_topics_are_given():
    assert "job.stay_on_topic" not in score_questions(GOOD, 20)
    assert "job.stay_on_topic" in score_questions(GOOD, 20, topics=["digital preservation"])


def test_off_topic_questions_are_the_evidence():
    questions = ["How do you decide which collections to digitise first?", "What is the salary on your team?"]
    report = score_questions(questions, 10, topics=["digitization priorities"])
    finding = report.finding("job.stay_on_topic")
    assert not finding.passed
    assert [report.text[a:b] for a, b in finding.spans] == [questions[1]]
    assert "1 of 2" in finding.message


@pytest.mark.parametrize("a, b", [("digitisation", "digitize"), ("catalogue", "cataloging"),
                                  ("priorities", "priority"), ("programs", "program")])
def test_stems_match_spelling_and_inflection(a, b):
    assert stem(a)[:5] == stem(b)[:5]


def test_topics_of_generic_words_still_match():
    report = score_questions(["How did you choose to work in libraries?"], 5, topics=["libraries"])
    assert report.finding("job.stay_on_topic").passed


@pytest.mark.parametrize("question, is_open", [
    ("How did you get started?", True),
    ("What does a typical week look like?", True),
    ("Tell me about your first year.", True),
    ("Could you describe how your team plans exhibits?", True),
    ("Since you launched the seed library, how has use changed?", True),
    ("I read your report. Why did you choose that vendor?", True),
    ("Do you like your job?", False),
    ("Is it stressful?", False),
    ("Are there many meetings?", False),
    ("Can I shadow you?", False),
    ("In your experience, is it better to specialise early?", False),
    ("Given the budget cuts, is outreach still a priority?", False),
    ("What is it like to work in a law firm library? Is it stressful?", True),
    ("Would you recommend any professional associations?", False),
    ("What professional associations would you recommend?", True),
])
def test_open_and_closed_questions(question, is_open):
    assert is_open_question(question) is is_open


def test_closed_questions_are_the_evidence_and_most_must_be_open():
    questions = ["Do you like cataloguing?", "Is it stressful?", "How did you start?"]
    report = score_questions(questions, 15)
    finding = report.finding("prep.open_questions")
    assert not finding.passed and "1 of 3" in finding.message
    assert [report.text[a:b] for a, b in finding.spans] == questions[:2]


def test_job_ask_in_questions_points_at_the_question():
    questions = ["How did you get your first job?", "Are there any openings on your team?"]
    report = score_questions(questions, 10)
    finding = report.finding("job.no_job_ask")
    assert not finding.passed
    a, b = finding.spans[0]
    assert report.text[a:b].startswith("Are there any openings")


def test_research_is_found_inside_a_question():
    report = score_questions(["I noticed your library launched a seed library. How did you fund it?"], 5)
    assert report.finding("prep.show_research").passed
    assert not score_questions(["What do you do all day?"], 5).finding("prep.show_research").passed


@pytest.mark.parametrize("question, off", [
    ("How much does a liaison librarian earn?", True),
    ("What do you think of the new Star Wars film?", True),
    ("How did you earn your certification?", False),
    ("What films does your library lend?", False),
])
def test_pay_and_unrelated_subjects_are_off_topic(question, off):
    plan = ["How do you support liaison work with faculty?", question]
    finding = score_questions(plan, 10, topics=["academic liaison work"]).finding("job.stay_on_topic")
    assert finding.passed is not off


@pytest.mark.parametrize("question, shown", [
    ("How did you secure institutional funding for Lakeside's data service?", True),
    ("How did you come to build the jazz archive?", True),
    ("How do you build a collection?", False),
])
def test_research_in_a_named_or_specific_undertaking(question, shown):
    assert score_questions([question], 5).finding("prep.show_research").passed is shown


@pytest.mark.parametrize("question, off", [
    ("What's the best pizza place near you?", True),
    ("How many weeks of holiday do you get?", True),
    ("Do you have kids?", True),
    ("What is the best place to start learning metadata?", False),
])
def test_small_talk_leave_and_family_are_off_topic(question, off):
    finding = score_questions([question], 5, topics=["metadata"]).finding("job.stay_on_topic")
    assert finding.passed is not off


@pytest.mark.parametrize("questions, met", [
    (["How did your lab choose 96 kHz as its capture standard?"], True),
    (["Why did you pick FOLIO over Alma?"], True),
    (["How do you choose what to digitise?"], False),
])
def test_a_choice_of_theirs_named_exactly_shows_research(questions, met):
    assert score_questions(questions, 5).finding("prep.show_research").passed is met


def test_what_they_pay_is_off_topic():
    plan = score_questions(["How do you recruit volunteers?", "What do you pay your volunteer coordinator?"], 10,
                           topics=["volunteer programmes"])
    assert not plan.finding("job.stay_on_topic").passed


@pytest.mark.parametrize("questions, met", [
    (["How did you persuade the governors to keep the library open?"], True),
    (["How do you persuade faculty to book sessions?"], False),
])
def test_an_achievement_of_theirs_asked_about_shows_research(questions, met):
    assert score_questions(questions, 5).finding("prep.show_research").passed is met


def test_whether_interns_are_paid_is_off_topic():
    plan = score_questions(["How do you treat wheat starch paste?", "Are interns paid?"], 10,
                           topics=["rare books conservation"])
    assert not plan.finding("job.stay_on_topic").passed
