"""Research evidence: the exact spans find_research highlights in a request or a question list.

Each case is a sentence a writer might send; the expected spans are the words the feedback marks as
showing homework on the reader (their work, their website, a change or date of theirs, an undertaking
of theirs, a named thing), and nothing where the words are about the writer, negated, or only say how
the writer found the reader's name or address.
"""
import pytest

from infoview_lib.rules.detect.research import find_research


def highlighted(text):
    return [text[a:b] for a, b in find_research(text)]


@pytest.mark.parametrize("text, expected", [
    # reading or seeing their work
    ("I read your report on rural broadband.", ["I read your"]),
    # a date in a clause about them
    ("The archive opened in 1998.", ["in 1998"]),
    ("Your archive has grown since 2019.", ["since 2019"]),
    ("The branch has been open since 1998.", ["since 1998"]),
    ("The collection was digitised during 2020.", ["during 2020"]),
    ("The catalogue was online by 1999.", ["by 1999"]),
    ("Your press had moved by 2015.", ["by 2015"]),
    ("Since Riverside went fine-free in 2022, what changed?", ["Since Riverside went", "in 2022"]),
    # a writer's date before, a reader's date after: only theirs
    ("I graduated in 2021. Your archive opened in 2019.", ["in 2019"]),
    # the writer in an earlier comma clause does not make their date the writer's
    ("As I understand it, your archive opened in 2019.", ["in 2019"]),
    # the writer in the next sentence does not either
    ("Your archive opened in 2019. I loved it.", ["in 2019"]),
    # a change of theirs, named as a noun
    ("How did your move to FOLIO go?", ["your move to"]),
    ("I admired your move to FOLIO.", ["your move to"]),
    ("The move to FOLIO must have changed how you work.", ["The move to"]),
    ("How did the move to FOLIO change the way you work?", ["the move to"]),
    ("We did not make the switch to Alma. How did your move to FOLIO go?", ["your move to"]),
    # an undertaking of theirs
    ("You lead the metadata team at Hollins.", ["You lead the metadata team"]),
    ("How you run the oral history programme interests me.", ["you run the oral history programme"]),
    ("I wonder how you run the oral history programme.", ["you run the oral history programme"]),
    # a named thing of theirs
    ("The BIBFRAME pilot sounds great.", ["The BIBFRAME pilot"]),
    ("How did the BIBFRAME pilot change your work?", ["the BIBFRAME pilot"]),
    ("The 2022 serials project sounds great.", ["The 2022 serials project"]),
    ("We ran the 2022 serials project. The BIBFRAME pilot sounds great.", ["The BIBFRAME pilot"]),
    ("What made Eastside decide to go fine-free?", ["made Eastside decide"]),
    ("How did you move from the National Archives to a startup?", ["you move from the National"]),
    ("Why did you pick FOLIO?", ["you pick FOLIO"]),
    ("I wonder why you picked FOLIO.", ["you picked FOLIO"]),
    ("Did your lab choose 96 kHz?", ["your lab choose 96"]),
    # a possessive name that only opens a sentence names nothing; one inside a sentence does
    ("Marlow's Archive Service is large. How did Riverside's lending program start?",
     ["Riverside's lending program"]),
    # a recent time of theirs
    ("Your branch opened a makerspace last spring.", ["last spring"]),
    ("Last spring your team moved to Leeds.", ["Last spring", "your team moved to Leeds"]),
    # what they did, found in reading about them
    ("One thing I found in reading about Marlow Partners is their size.", ["in reading about Marlow"]),
    ("I see that your team moved.", ["I see that your"]),
])
def test_research_highlights_the_words_that_show_homework(text, expected):
    assert highlighted(text) == expected


@pytest.mark.parametrize("text", [
    # dates about the writer
    "I graduated in 2021.",
    "I was born in 1999.",
    "I have lived here since 2019.",
    "I have sung since 1998.",
    "I volunteered there during 2020.",
    "I will finish my degree by 2025.",
    "I had saved up by 1999.",
    "Since I started my MLIS, I have worked in a library.",
    # a change or a time of the writer's
    "After my move to Boston I looked for work.",
    "After the move to Boston I looked for work.",
    "My move to the US last spring was hard.",
    "Last spring I moved to Leeds.",
    # a change with no owner
    "A switch to FOLIO is a big step for anyone.",
    # an undertaking or named thing of the writer's
    "My team runs the oral history programme.",
    "We ran the 2022 serials project.",
    "How you run your team interests me.",
    # negated
    "It did not open in 2019.",
    "Your library never made the switch to FOLIO.",
    "Did you never run the oral history programme?",
    "Since the branch never went fine-free, fines still apply.",
    "Your branch did not open a makerspace last spring.",
    # a capitalised possessive that only opens a sentence
    "Marlow's Archive Service is large.",
    "I wrote to you. Marlow's archive service is large.",
])
def test_research_finds_nothing_about_the_writer_or_negated(text):
    assert highlighted(text) == []


@pytest.mark.parametrize("text, expected", [
    # how the writer reached them is not research, even with reading in the same clause
    ("I found your profile on LinkedIn.", []),
    ("I found your name on the staff page and I read your post on zines.", []),
    ("I came across your name when I read your post on zines.", []),
    # reading in another clause or sentence still counts
    ("I found your email on the website, and I read your post on zines.", ["I read your"]),
    ("I found your email on the website. I read your post on zines.", ["I read your"]),
    ("I read your post on zines. Later I found your email on the website.", ["I read your"]),
])
def test_finding_contact_details_is_not_research(text, expected):
    assert highlighted(text) == expected


@pytest.mark.parametrize("text", [
    "How did O'Neill's oral history programme begin?",
    "How did eBay's archive project begin?",
])
def test_no_highlight_starts_inside_a_name(text):
    # "Neill's oral history programme" or "Bay's archive project" would cut a word in two
    assert all(text[a - 1].isspace() or text[a - 1] in '"(' for a, _ in find_research(text) if a)


def test_the_owner_of_a_change_is_looked_for_up_to_40_characters_before_it():
    long_word = "long-awaited-and-much-discussed-big"  # 35 characters
    near = f"How did the {long_word} move to FOLIO go for you?"
    assert highlighted(near) == [f"the {long_word} move to"]
    far = f"How did the {long_word}s move to FOLIO go for you?"  # the owner now starts 41 back
    assert highlighted(far) == []
