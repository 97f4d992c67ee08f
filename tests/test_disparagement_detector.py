"""What the disparagement detector (``rules.detect.notes.find_disparagement``) highlights in interview
notes: judgements of people and places, but not of oneself, not negated ones, and not criticism the
interviewee voiced unless the writer joined in. (Before, its branches were reached only through
whole-report tests: ``make mutation``.)"""
from __future__ import annotations

import pytest

from infoview_lib.rules.detect.notes import find_disparagement


@pytest.mark.parametrize("text, phrases", [
    ("The director there is incompetent.", ["incompetent"]),
    ("Their director has no idea what she is doing.", ["director has no idea"]),
    ("The staff were not rude at all.", []),
    ("Their catalogue is not a mess.", []),  # the negation inside the judgement
    # about oneself, in the same clause; a judgement of someone else after it still counts
    ("I was terrible at small talk.", []),
    ("I was useless at small talk.", []),
    ("I felt so useless at small talk. The director there is incompetent.", ["incompetent"]),
    ("I was useless at first. What a useless website.", ["useless"]),
    ("I was terrible at small talk. The director there is incompetent.", ["incompetent"]),
    ("I was nervous, the director there is incompetent.", ["incompetent"]),
    # reported criticism, unless the writer agrees in that sentence or the next
    ("She said the board is dysfunctional; I changed the subject.", []),
    ("She said the board is dysfunctional, and I agreed.", ["She said the board is dysfunctional"]),
    ("She said the board is dysfunctional. Couldn't agree more.", ["She said the board is dysfunctional"]),
    ("She said the board is dysfunctional. We moved on to budgets. I agreed with her on staffing.", []),  # too late
    # the next sentence however the notes separate it: two spaces, a new line, a new paragraph
    ("She said the board is dysfunctional.  I agreed.", ["She said the board is dysfunctional"]),
    ("She said the board is dysfunctional.\nI agreed.", ["She said the board is dysfunctional"]),
    ("She said the board is dysfunctional.\n\nI agreed.", ["She said the board is dysfunctional"]),
    ("She said the board is dysfunctional.  I changed the subject.", []),
    ("She said the board is dysfunctional.  We moved on.  I agreed with her on staffing.", []),  # too late
    ("The catalogue is a mess. She said the board is dysfunctional.", ["catalogue is a mess"]),
    ("She said the board is dysfunctional; the catalogue is a mess.", ["catalogue is a mess"]),
])
def test_disparagement_is_highlighted_only_where_the_writer_judges(text, phrases):
    assert [text[a:b] for a, b in find_disparagement(text)] == phrases
