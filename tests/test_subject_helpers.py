"""The helpers that decide what a question or a sentence is about, tested one by one.

Whole-report tests pass through them, but a bug in one of these would show there only as some other
advice item changing. Here each is asked directly: which general interview subject a question is
about, which subject outside an informational interview, whether a question is specific, whether a
text shares a subject with another, and whose work a clause is about.
"""
from __future__ import annotations

import pytest

from infoview_lib.rules.detect import research
from infoview_lib.rules.detect.jobs import find_job_asks
from infoview_lib.rules.detect.questions import elsewhere_subject, general_concept
from infoview_lib.rules.detect.text import content_stems, generic_words, shares_subject, stem, word_set
from infoview_lib.rules.detect.vocab import concepts
from infoview_lib.rules.questions import _is_specific


def _phrases(key: str):
    """(concept, phrase) for each literal phrase (no wildcard) of the topic taxonomy's ``key`` part."""
    return [(concept, phrase) for concept, phrases in concepts("topics.json", key).items()
            for phrase in phrases if "*" not in phrase]


@pytest.mark.parametrize("key, find", [("general", general_concept), ("elsewhere", elsewhere_subject)])
def test_each_phrase_of_the_taxonomy_names_its_own_subject(key, find):
    wrong = [(concept, phrase, find(f"Could we talk about {phrase} for a moment?"))
             for concept, phrase in _phrases(key)]
    assert [w for w in wrong if w[0] != w[2]] == []


def test_a_question_on_no_listed_subject_has_none():
    question = "How do you choose which collections to digitise first?"
    assert general_concept(question) is None and elsewhere_subject(question) is None


def test_a_subject_the_agreed_topics_name_is_in_scope():
    for concept, phrase in _phrases("elsewhere"):
        if concept == "hiring and openings":
            continue  # a question about hiring is also a job ask (next test)
        question = f"Could we talk about {phrase} for a moment?"
        assert elsewhere_subject(question, topics=f"{phrase} in small libraries") is None, phrase
        assert elsewhere_subject(question, topics="digital preservation") == concept, phrase


def test_a_job_ask_is_about_hiring_even_without_a_hiring_word():
    ask = "I am writing to ask you for a job."
    assert find_job_asks(ask)
    assert not any(p in ask.lower() for _, p in _phrases("elsewhere"))
    assert elsewhere_subject(ask) == "hiring and openings"
    assert elsewhere_subject(ask, topics="hiring and openings") == "hiring and openings"


def test_a_question_is_specific_with_one_meaningful_word_or_when_it_asks_whom_else_to_ask():
    generic = sorted(generic_words())
    assert not _is_specific(f"What {generic[0]}?")
    assert not _is_specific("What do you do?")
    assert _is_specific("What do you do with born-digital archives?")
    assert _is_specific("Who else should I talk to?")  # only generic words, but the closing question
    assert _is_specific("Is there anything else?")


def test_content_stems_leave_out_stopwords_and_the_topic_noise_unless_told_otherwise():
    noise = sorted(word_set("topic_noise"))
    text = f"The {noise[0]} of digitisation"
    assert content_stems(text) == {stem("digitisation")}
    assert content_stems(text, ignore=frozenset()) == {stem(noise[0]), stem("digitisation")}


def test_shares_subject_finds_words_with_the_same_stem_or_the_same_five_letter_start():
    subject = content_stems("We are digitising our catalogue")
    assert shares_subject("How do you plan digitization projects?", subject) == ["digitization"]
    assert stem("cataloguer") != stem("catalogue")
    assert shares_subject("What does a cataloguer do all day?", subject) == ["cataloguer"]
    assert shares_subject("How do you plan exhibitions?", subject) == []


def test_a_stem_shorter_than_five_letters_matches_only_itself():
    assert len(stem("maps")) == 4
    assert shares_subject("Do you draw maps?", {stem("maps")}) == ["maps"]
    assert shares_subject("Do you use mapping software?", {"map"}) == []
    assert shares_subject("Do you draw maple leaves?", {stem("maps")}) == []
    # a stem of exactly five letters is a start to share
    assert len(stem("audio")) == 5
    assert shares_subject("Do you lend audiobooks?", {stem("audio")}) == ["audiobooks"]
    assert shares_subject("Do you lend audio?", {stem("audiobooks")}) == ["audio"]  # on either side


def test_shared_words_in_the_topic_noise_count_only_when_nothing_is_ignored():
    noise = sorted(word_set("topic_noise"))[0]
    assert shares_subject(f"Tell me about the {noise}", {stem(noise)}) == []
    assert shares_subject(f"Tell me about the {noise}", {stem(noise)}, ignore=frozenset()) == [noise]


def _whose(text: str, phrase: str):
    at = text.index(phrase)
    return research._whose(text, at, at + len(phrase))


def test_whose_work_a_clause_is_about():
    assert _whose("I read that you moved the archive to a new system.", "moved") == "theirs"
    assert _whose("I read that my team moved the archive to a new system.", "moved") == "mine"
    # the nearest person word before the phrase decides
    assert _whose("I read that your team moved the archive.", "moved") == "theirs"
    assert _whose("You said that I moved the archive.", "moved") == "mine"
    # none before it: the first one after it, in the same sentence
    assert _whose("How did the move to a new system change the way you work?", "move") == "theirs"
    assert _whose("How did the move to a new system change the way I work?", "move") == "mine"
    assert _whose("Was the move to a new system mostly yours?", "move") == "theirs"
    assert _whose("The move to a new system was big. You led it.", "move") is None
    assert _whose("How did the move to a new system change the way things are done?", "move") is None


def _about_a_vacancy(text: str, phrase: str, **kwargs) -> bool:
    from infoview_lib.rules.detect.jobs import is_about_a_vacancy

    at = text.index(phrase)
    return is_about_a_vacancy(text, at, at + len(phrase), **kwargs)


def test_a_clause_about_a_vacancy_is_no_homework_but_the_clause_after_its_comma_can_be():
    assert _about_a_vacancy("I saw that your library has a vacancy for a cataloguer.", "your library")
    # the vacancy is in the clause before the comma: what follows it is about the work
    assert not _about_a_vacancy("There is a vacancy in your team, and I read your report on metadata.", "your report")
    assert not _about_a_vacancy("I read your report on metadata. There is a vacancy in your team.", "your report")
    assert not _about_a_vacancy("I read your report on metadata, which helped me a great deal.", "your report")


def test_the_writers_job_hunt_counts_only_when_asked_for():
    text = "I read your report on metadata while applying to editorial roles."
    assert not _about_a_vacancy(text, "your report")
    assert _about_a_vacancy(text, "your report", job_hunt=True)
