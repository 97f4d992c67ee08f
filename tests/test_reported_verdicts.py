"""Wrong verdicts a new user reported (issue 11), each pinned: the verdict a careers adviser gives."""
from __future__ import annotations

import pytest

from infoview_lib.rules.notes import score_notes
from infoview_lib.rules.questions import score_questions
from infoview_lib.rules.request import score_request
from infoview_lib.rules.thank_you import score_thank_you

LONG_LIST = ("I want to learn everything about academic libraries, special libraries,{br}archives, metadata, "
             "management and job hunting.")


@pytest.mark.parametrize("br", [" ", "\n", "\r\n"])
def test_a_line_break_after_a_comma_does_not_hide_a_long_topic_list(br):
    finding = score_request(LONG_LIST.format(br=br)).finding("request.specific_topics")
    assert not finding.passed
    # the list alone, without the vague "everything", is caught as a list of six
    finding = score_request(LONG_LIST.replace("everything ", "").format(br=br)).finding("request.specific_topics")
    assert not finding.passed and "6 topics" in finding.message


def test_a_hard_wrapped_sentence_is_one_sentence_but_a_new_line_that_starts_a_sentence_is_not():
    from infoview_lib.rules.detect.text import sentence_spans

    wrapped = "I would like to learn how your team\nplans its exhibits. Thank you."
    assert len(sentence_spans(wrapped)) == 2
    assert len(sentence_spans("Dear Ms Lee,\nWe met at the fair.")) == 2


@pytest.mark.parametrize("notes", [
    "She said the library across town is a mess - totally agree, my old boss there was useless.",
    "Their director has no idea what she is doing.",
    "My old boss was useless.",
    "He complained that the board is dysfunctional. Couldn't agree more.",
])
def test_notes_that_join_in_or_disparage_are_not_positive(notes):
    assert not score_notes(notes).finding("during.stay_positive").passed


@pytest.mark.parametrize("notes", [
    "She said the board was hard to work with; I changed the subject to their teen program.",
    "I had no idea how much planning a storytime takes.",
    "He said the old catalogue was a mess, so they moved to FOLIO in spring.",
])
def test_notes_that_report_without_joining_in_stay_positive(notes):
    assert score_notes(notes).finding("during.stay_positive").passed


@pytest.mark.parametrize("text", [
    "Thank you for the tour. I'd also be grateful to hear if anything opens up on your team.",
    "Thanks again for your time. Would you be willing to be a reference for me?",
    "Thank you! Please keep me in the loop should a position become available.",
])
def test_soft_job_asks_in_a_thank_you_are_job_asks(text):
    assert not score_thank_you(text).finding("job.no_job_ask").passed


def test_soft_job_ask_in_a_request_is_a_job_ask():
    text = ("Dear Ms Lee, we met at the METRO fair. Could I have 20 minutes to hear how you run the archive? "
            "I'd also be grateful to hear if anything opens up on your team.")
    assert not score_request(text).finding("job.no_job_ask").passed


def test_text_that_is_a_job_ask_is_not_evidence_for_other_advice():
    text = ("Dear Mr Cole, I saw that your library has a vacancy for a cataloguer. I would like to ask about "
            "the position and whether you could pass my resume to the hiring manager. Would 20 minutes suit you?")
    report = score_request(text)
    assert not report.finding("job.no_job_ask").passed
    assert not report.finding("request.specific_topics").passed
    assert not report.finding("request.homework").passed


LESSON_04_QUESTIONS = [
    "I read that your library moved to open shelving last year; how did readers react?",
    "What does a typical week look like for your outreach team?",
    "How do you decide which community events to join?",
    "Do you enjoy your work?",
]


def test_lesson_04_example_is_on_topic_and_its_open_evidence_is_not_the_closed_question():
    report = score_questions(LESSON_04_QUESTIONS, minutes=20, topics=["outreach", "open shelving"])
    assert report.finding("job.stay_on_topic").passed
    finding = report.finding("prep.open_questions")
    assert finding.passed
    text = report.text
    assert all("Do you enjoy" not in text[a:b] for a, b in finding.spans)


def test_too_few_questions_for_the_time_says_so():
    six = LESSON_04_QUESTIONS + ["What skills do you look for when you build a new outreach programme?",
                                 "How do you measure whether a programme worked?"]
    finding = score_questions(six, minutes=45).finding("prep.questions_fit_time")
    assert not finding.passed and "too few" in finding.message.lower()
    finding = score_questions(six * 3, minutes=20).finding("prep.questions_fit_time")
    assert not finding.passed and "too many" in finding.message.lower()


@pytest.mark.parametrize("text", ["", "   \n", '"""YOUR ANSWER HERE"""', "YOUR ANSWER HERE"])
def test_nothing_written_yet_gives_one_notice(text):
    report = score_request(text)
    assert report.score == 0 and len(report.findings) == 1
    assert report.findings[0].message.startswith("Nothing to check yet")
    assert "rude" not in report.findings[0].message and "pressure" not in report.findings[0].message.lower()


def test_evidence_is_listed_once_and_topics_are_counted_sensibly():
    paragraph = ("I would love to learn how your team decides which collections to digitise first, and how "
                 "you balance requests from researchers with the needs of the communities whose stories the "
                 "collection holds. ")
    report = score_request("Dear Dr Lee, we met at the fair. " + paragraph * 12 + "Would 20 minutes suit you?")
    for finding in report.findings:
        assert len(set(finding.spans)) == len(finding.spans)
        starts = [a for a, _ in finding.spans]
        ends = [b for _, b in finding.spans]
        assert all(e <= s for e, s in zip(ends, starts[1:])), f"{finding.advice_id} has overlapping spans"
    assert report.finding("request.specific_topics").passed  # one topic, said twelve times


@pytest.mark.parametrize("text, language", [
    ("Bonjour Madame Dubois, je suis étudiante en bibliothéconomie et je voudrais vous parler de votre "
     "travail sur les archives. Auriez-vous 20 minutes ? Merci beaucoup.", "French"),
    ("您好，我是图书馆学的学生。我想了解您在档案馆的工作。请问您下周有二十分钟吗？谢谢。", "Chinese"),
])
def test_a_draft_in_another_language_gets_a_plain_notice(text, language):
    report = score_request(text)
    assert len(report.findings) == 1 and report.score == 0
    message = report.findings[0].message
    assert "English" in message and language in message


def test_english_with_a_foreign_name_is_still_scored():
    report = score_request("Dear Ms. de la Cruz, merci for the tour of the Bibliothèque; could we talk for "
                           "20 minutes about how you run the archive? I understand if not.")
    assert len(report.findings) > 1
