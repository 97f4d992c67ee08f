"""What the pressure detector (``rules.detect.request.find_pressure``) highlights in a request: the
phrase a student sees marked, for each kind of pressure, and the courtesies and quotations it must
leave alone. (Its branches were reached only through whole-report tests before: ``make mutation``.)"""
from __future__ import annotations

import pytest

from infoview_lib.rules.detect.request import find_pressure


def highlighted(text: str) -> list[str]:
    return [text[a:b] for a, b in find_pressure(text)]


@pytest.mark.parametrize("text, phrases", [
    # announcing a call the reader did not choose; offering it is their choice
    ("I'll call you tomorrow to set it up.", ["I'll call you tomorrow"]),
    ("If you prefer, I'll call you tomorrow.", []),
    # a bare imperative opening a sentence, wherever the sentence is
    ("Thanks for reading. Call me back at 555-0100.", ["Call me"]),
    ("Hi, reply to me by Friday.", ["Hi, reply to me by Friday"]),
    # presuming the meeting, unless it recalls one ("great meeting you at ...")
    ("See you on Tuesday at 10.", ["See you on"]),
    ("It was great meeting you at the fair.", []),
    ("Great meeting you at the fair.", []),
    # someone else's words in quotation marks are not the writer's demand; the writer's own are
    ('My professor said "you must talk to Ms Lee" and I agree.', []),
    ("You must talk to Ms Lee.", ["You must talk"]),
    ('I loved "Archives Now" last year. Call me back.', ["Call me"]),
    # shouting, but not an acronym
    ("PLEASE RESPOND SOON.", ["PLEASE RESPOND SOON"]),
    ("I am an MLIS student at CUNY.", []),
])
def test_pressure_is_highlighted_where_it_is_and_nowhere_else(text, phrases):
    assert highlighted(text) == phrases
