"""Exact evidence spans of the request, thank-you and job detectors on short cases a writer might send.

Each case states what the feedback highlights (as the text it covers) or that nothing is highlighted.
"""
import pytest

from infoview_lib.rules.detect.jobs import find_job_asks, is_about_a_vacancy, outside_job_asks
from infoview_lib.rules.detect.request import find_connection, find_graceful_out, find_pressure
from infoview_lib.rules.detect.thanks import find_specific_details


def highlighted(find, text):
    return [text[a:b] for a, b in find(text)]


@pytest.mark.parametrize("text, expected", [
    ("Dr. Lee thought you might be willing to talk.", ["thought you might be willing"]),
    ("Dr. Lee suggested I contact you.", ["suggested I contact"]),
    ("We met at the state library conference.", ["We met"]),
    # the writer's own guess is nobody putting them in touch, at the start of the text or later
    ("I thought you might be willing to talk.", []),
    ("Thanks for reading. I thought you might be willing to talk.", []),
    ("We have not met.", []),
])
def test_connection_is_who_put_them_in_touch_not_the_writers_guess(text, expected):
    assert highlighted(find_connection, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I understand if you are too busy to meet.", ["I understand if"]),
    # a refusal in another sentence does not cancel the way out
    ("I don't understand MARC records yet. I understand if you are too busy to meet.", ["I understand if"]),
    ("I can't accept that. I understand if you are too busy.", ["I understand if"]),
    ("Are you able to meet next week? I understand if you are not available.", ["I understand if"]),
    # "if" after wondering or asking opens a question, at the start of the text or after a long "if" clause
    ("Wondering if you are able to meet next week?", []),
    ("I am wondering if you are able to meet next week?", []),
    ("I wondered if you are not comfortable with video calls.", []),
])
def test_graceful_out_is_a_way_to_say_no_not_an_indirect_question(text, expected):
    assert highlighted(find_graceful_out, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I'll call you on Monday at 10.", ["I'll call you on"]),
    # leaving the channel to them in another sentence does not make the announced call their choice
    ("I'll call you on Monday at 10. If you prefer email, let me know.", ["I'll call you on"]),
    ("If you prefer, I'll call you on Monday at 10.", []),
    ("I will see you on Tuesday.", ["see you on"]),
    ("Great meeting you at the fair.", []),
])
def test_pressure_announced_call_and_presumed_meeting(text, expected):
    assert highlighted(find_pressure, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Your advice about portfolios helped.", ["Your advice about portfolios helped."]),  # two content words suffice
    ("Your advice about portfolios.", []),  # one does not
    ("Your advice about cover letters helped me rewrite mine.",
     ["Your advice about cover letters helped me rewrite mine."]),
    # negated: nothing named as learned
    ("You never mentioned salary talks.", []),
    # an earlier comma clause does not add to what the cue names
    ("After the union meeting, your advice about salary.", []),
    # a wish is not something learned
    ("Looking forward to learning more about your cataloguing work.", []),
    # a negated cue, a question, a wish or the writer's job hunt does not stop the search for a later detail
    ("You never mentioned salary talks. Your advice about portfolios helped.", ["Your advice about portfolios helped."]),
    ("Could you say more about the pay scale you mentioned? Your advice about portfolios helped.",
     ["Your advice about portfolios helped."]),
    ("Looking forward to learning more about your cataloguing work. Your advice about portfolios helped.",
     ["Your advice about portfolios helped."]),
    ("I've been applying to editorial roles you mentioned. Your advice about portfolios helped.",
     ["Your advice about portfolios helped."]),
])
def test_specific_details_name_what_was_learned(text, expected):
    assert highlighted(find_specific_details, text) == expected


@pytest.mark.parametrize("text, about_a_vacancy", [
    ("I applied for the posted role after your talk on linked data.", True),
    # a vacancy in an earlier comma clause does not make the reader's talk about it
    ("Although I applied for the posted role last year, your talk on linked data is why I am writing.", False),
    ("I saw that your library has a vacancy, and your talk on linked data is why I am writing.", False),
])
def test_is_about_a_vacancy_looks_at_the_clause_of_the_span(text, about_a_vacancy):
    start = text.index("your talk")
    assert is_about_a_vacancy(text, start, start + len("your talk on linked data")) is about_a_vacancy


def test_outside_job_asks_keeps_a_span_in_an_earlier_sentence():
    text = "Your talk on linked data was great. Are there any openings on your team?"
    talk = (0, text.index("."))
    (ask,) = find_job_asks(text)
    assert outside_job_asks(text, [talk, ask]) == [talk]
