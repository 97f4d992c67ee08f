"""What the thank-you detectors highlight (``rules.detect.thanks``): a specific sentence with no cue
phrase (five content words beyond courtesies, in the body, and not a question, a request, a wish or job
talk), and new requests, but not ones the reader offered. (Before, these branches were reached only
through whole-report tests: ``make mutation``.)"""
from __future__ import annotations

import pytest

from infoview_lib.rules.detect.thanks import find_new_requests, find_specific_details

SPECIFIC = "Volunteer transcription teams digitise county maps."  # five content words ("teams" is generic)


@pytest.mark.parametrize("text, phrases", [
    (SPECIFIC, [SPECIFIC]),
    ("Volunteer transcription teams digitise maps.", []),  # four
    # the greeting and the signature are not the body: their names do not make a sentence specific
    ("Dear Ms Lee,\n\nVolunteer transcription teams digitise maps.\n\nBest wishes,\nSam Park", []),
    (f"Dear Ms Lee,\n\n{SPECIFIC}\n\nBest wishes,\nSam Park", [SPECIFIC]),
    ("Volunteer transcription teams digitise county maps nationwide and regionally?", []),  # a question
    ("I wish the volunteer transcription teams digitise county maps.", []),  # a wish
    ("Please hire me for the cataloguing librarian position at your branch library.", []),  # a job ask
    # a sentence passed over does not end the search
    (f"Could we meet again? {SPECIFIC}", [SPECIFIC]),
    (f"Please introduce me to your colleague in the cataloguing services department soon. {SPECIFIC}", [SPECIFIC]),
    # the writer's job hunt or a vacancy is job talk, not something learned
    ("I have been applying to editorial roles across regional county publishers.", []),
    ("The cataloguing vacancy at the county archive closes next Friday.", []),
    # a request or a wish in the next sentence does not disqualify this one
    (f"{SPECIFIC} Could you send the slides?", [SPECIFIC]),
    (f"{SPECIFIC} I hope to see you again.", [SPECIFIC]),
    (f"{SPECIFIC} Please keep me in mind for any openings.", [SPECIFIC]),  # a job ask elsewhere
])
def test_a_specific_sentence_without_a_cue_phrase_still_counts(text, phrases):
    assert [text[a:b] for a, b in find_specific_details(text)] == phrases


@pytest.mark.parametrize("text, phrases", [
    ("Could you introduce me to your colleague?", ["Could you introduce"]),
    ("Thanks! Could you introduce me to your colleague?", ["Could you introduce"]),
    ("Thank you for offering to introduce me to your colleague.", []),
    ("You said you would introduce me to your colleague.", []),
])
def test_a_new_request_is_found_unless_the_reader_offered_it(text, phrases):
    assert [text[a:b] for a, b in find_new_requests(text)] == phrases
