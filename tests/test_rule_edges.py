"""Edges of the detectors and scorers: the language a draft is judged to be in, how many topics a
request names, the vague-topic span, and the errors each scorer gives for bad input."""
from __future__ import annotations

import pytest

from infoview_lib.rules.base import RULES, notice_report
from infoview_lib.rules.detect.language import other_language
from infoview_lib.rules.detect.time import find_time_bounds
from infoview_lib.rules.detect.topics import count_topics, find_vague_topics
from infoview_lib.rules.logistics import MAX_DURATION_MINUTES, check_logistics
from infoview_lib.rules.notes import score_notes
from infoview_lib.rules.request import score_request
from infoview_lib.rules.thank_you import score_thank_you

# -- other_language -----------------------------------------------------------------------------

#: a French list of subjects whose only French function words are elided articles (l’)
FRENCH_ELISIONS = ("L’archivage, l’édition, l’histoire, l’oral, l’image, l’estampe: collections anciennes, "
                   "fonds régionaux, manuscrits rares.")


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_french_elisions_count_with_curly_or_straight_apostrophes(apostrophe):
    assert other_language(FRENCH_ELISIONS.replace("’", apostrophe)) == "French"


#: 30 words: 5 French function words (Bonjour, Madame, merci, pour, cette: 5 of 30 is at least the
#: 15% share) and 2 English ones (at, the: 2 x 2 = 4 is under 15% of 30 = 4.5)
FRENCH_WITH_AN_ENGLISH_NAME = (
    "Bonjour Madame Durand, merci pour cette réponse. Mémoire: archives numériques, conservation préventive, "
    "numérisation patrimoniale, catalogage collaboratif, médiation culturelle, fonds photographiques anciens, "
    "Digital Humanities Lab at the Library, Lyon Métropole, France.")


def test_a_french_draft_naming_an_english_lab_is_still_french():
    assert other_language(FRENCH_WITH_AN_ENGLISH_NAME) == "French"


def test_one_more_english_function_word_in_the_same_draft_makes_it_english():
    # "the Library, Lyon Métropole" -> "the Library of Lyon": still 30 words, now 3 English ones (6 >= 4.5)
    text = FRENCH_WITH_AN_ENGLISH_NAME.replace("Library, Lyon Métropole", "Library of Lyon")
    assert other_language(text) is None


# -- count_topics -------------------------------------------------------------------------------


def topics_in(*segments: str) -> int:
    """count_topics over ``segments`` written as separate sentences of one text."""
    text, spans = "", []
    for s in segments:
        spans.append((len(text), len(text) + len(s)))
        text += s + ". "
    return count_topics(text, spans)


def test_a_segment_mostly_repeating_an_earlier_one_adds_no_topic():
    # 3 of its 5 content stems (preservation, local, newspapers) were named: a repeat
    assert topics_in("digital preservation of local newspapers", "preservation of local newspapers in rural towns") == 1


def test_a_segment_sharing_only_half_its_words_is_a_new_topic():
    # 1 of 2 stems (preservation) was named: budgets are a new topic
    assert topics_in("digital preservation of local newspapers", "preservation budgets") == 2


def test_a_new_topic_after_a_repeat_still_counts():
    assert topics_in("digital preservation of local newspapers", "preservation of local newspapers in rural towns",
                     "how you train volunteers") == 2


@pytest.mark.parametrize("segment, topics", [
    ("cataloguing, budgeting, outreach", 3),
    ("cataloguing, metadata, and grants and fundraising", 4),          # three parts, four items
    ("three things: cataloguing, acquisitions, and the 10:30 story time", 3),  # the list is after the first colon
    ("cataloguing and outreach, and so on", 1),                       # "and so on" names nothing
    ("how you plan exhibitions and how you fund them", 2),             # two joined questions
    ("how you plan exhibitions", 1),
])
def test_topics_in_one_segment(segment, topics):
    assert topics_in(segment) == topics


# -- find_vague_topics --------------------------------------------------------------------------


@pytest.mark.parametrize("text, vague", [
    ("I would love to hear about everything you do at the archive.", "everything"),
    ("Could you tell me more about anything you think matters?", "anything"),
    ("I'm curious about whatever keeps you busy these days.", "whatever"),
])
def test_an_open_ended_topic_highlights_its_opening_word(text, vague):
    assert [text[a:b] for a, b in find_vague_topics(text)] == [vague]


# -- scorers: bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("score", [score_request, score_notes, score_thank_you])
@pytest.mark.parametrize("text", [None, 42, ["Dear Ms. Byrne"]])
def test_a_draft_that_is_not_text_is_refused_naming_text(score, text):
    with pytest.raises(TypeError, match=rf"^text must be a str \(the text you wrote\), not {type(text).__name__}$"):
        score(text)


@pytest.mark.parametrize("sent_on", ["14/03/2026", "yesterday"])
def test_an_unreadable_sent_on_is_named(sent_on):
    with pytest.raises(ValueError, match=r"^sent_on must be a date like '2026-03-14'"):
        score_thank_you("Thank you for your time.", "2026-03-02", sent_on)


def test_a_thank_you_sent_before_the_interview_is_refused_saying_why():
    with pytest.raises(ValueError) as error:
        score_thank_you("Thank you for your time.", "2026-03-02", "2026-03-01")
    assert str(error.value) == ("sent_on (2026-03-01) is before interview_on (2026-03-02): "
                                "a thank-you is sent after the interview, so check the two dates")


# -- check_logistics: what a time must look like --------------------------------------------------


@pytest.mark.parametrize("meeting_at", ["Tuesday", "10:00", "next friday", "Thursday 10"])
def test_a_meeting_time_that_is_not_a_date_asks_for_a_date_and_time(meeting_at):
    with pytest.raises(ValueError) as error:
        check_logistics(meeting_at)
    assert str(error.value) == (f"meeting_at must be a date and time like '2026-03-14T10:00' (ISO format), "
                                f"not {meeting_at!r}")


@pytest.mark.parametrize("minutes", [0.5, 1, 30, MAX_DURATION_MINUTES])
def test_a_meeting_may_last_from_any_part_of_a_minute_to_the_maximum(minutes):
    check_logistics("2026-03-14T10:00", duration_minutes=minutes)


@pytest.mark.parametrize("minutes", [0, -5, MAX_DURATION_MINUTES + 1])
def test_a_duration_outside_the_limits_is_refused(minutes):
    with pytest.raises(ValueError, match=rf"^duration_minutes must be more than 0 and at most "
                                         rf"{MAX_DURATION_MINUTES}, not {minutes!r}$"):
        check_logistics("2026-03-14T10:00", duration_minutes=minutes)


@pytest.mark.parametrize("minutes", ["30", None, True])
def test_a_duration_that_is_not_a_number_names_its_type(minutes):
    with pytest.raises(TypeError, match=rf"^duration_minutes must be a number of minutes, not "
                                        rf"{type(minutes).__name__}$"):
        check_logistics("2026-03-14T10:00", duration_minutes=minutes)


# -- find_time_bounds: a quarter of an hour -----------------------------------------------------


@pytest.mark.parametrize("text, phrase, minutes", [
    ("Could you spare a quarter of an hour next week?", "a quarter of an hour", 15),
    ("Would a Quarter of an Hour suit you?", "a Quarter of an Hour", 15),
    ("Could you spare half an hour next week?", "half an hour", 30),
    ("Would a half-hour call work?", "a half-hour", 30),
])
def test_a_quarter_or_half_an_hour_is_asked_in_minutes(text, phrase, minutes):
    assert [(text[a:b], n) for (a, b), n in find_time_bounds(text)] == [(phrase, minutes)]


# -- notice_report: a draft the coach cannot read ------------------------------------------------


@pytest.mark.parametrize("score, artefact", [(score_request, "request"), (score_notes, "notes"),
                                             (score_thank_you, "thank-you")])
def test_a_blank_draft_scores_zero_of_the_same_total_as_a_real_draft(score, artefact):
    real = score("Dear Ms. Byrne, thank you for meeting me on Tuesday about your archive's oral histories.")
    blank = score("")
    [finding] = blank.findings
    assert finding.passed is False and finding.points == 0.0
    assert finding.max_points == sum(f.max_points for f in real.findings)
    assert finding.advice_id == next(iter(RULES[artefact]))


def test_a_notice_with_no_rule_that_applies_is_filed_under_the_first_advice_item():
    first = next(iter(RULES["request"].values()))
    report = notice_report("request", [], "", "Nothing to check yet.")
    [finding] = report.findings
    assert (finding.advice_id, finding.max_points, finding.message) == (first.advice_id, first.points,
                                                                        "Nothing to check yet.")
