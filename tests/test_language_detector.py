"""Which drafts the coach declines to read (``rules.detect.language.other_language``): a draft in
another script, or with too few English function words among enough words of another language.
Each limit is tested on both sides, with texts built from the module's own constants and word lists,
so a student writing in English is never told their draft is French, and a French draft never gets
English advice."""
from __future__ import annotations

import math

import pytest

from infoview_lib.rules.detect import language
from infoview_lib.rules.detect.language import (
    LANGUAGE_MIN_WORDS,
    NON_LATIN_SHARE,
    OTHER_LANGUAGE_SHARE,
    other_language,
)
from infoview_lib.rules.detect.vocab import mapping

ENGLISH, OTHERS = language._function_words()
FRENCH = sorted(w for w, languages in OTHERS.items() if languages == ("French",) and "'" not in w)
ENGLISH_ONLY = sorted(w for w in ENGLISH if w not in OTHERS)
# words of no list: they count as words, not as anyone's function words
FILLER = [w for w in ("archive", "lyon", "catalogue", "fonds", "numérique", "atelier", "rapport", "projet",
                      "collection", "journée", "stage", "poste", "musée", "carte", "lecture", "salle",
                      "ville", "région", "histoire", "photo", "image", "texte", "document", "livre",
                      "revue", "article", "note", "liste", "table", "page", "dossier", "registre", "inventaire",
                      "fichier")
          if w not in ENGLISH and w not in OTHERS]


def words(n_french: int, n_english: int = 0, total: int | None = None) -> str:
    total = total if total is not None else n_french + n_english
    filler = total - n_french - n_english
    assert filler <= len(FILLER) and n_french <= len(FRENCH) and n_english <= len(ENGLISH_ONLY)
    return " ".join(FRENCH[:n_french] + ENGLISH_ONLY[:n_english] + FILLER[:filler])


def test_too_few_words_are_not_judged():
    assert other_language(words(LANGUAGE_MIN_WORDS - 1)) is None
    assert other_language(words(LANGUAGE_MIN_WORDS)) == "French"


@pytest.mark.parametrize("total", [20, 40])
def test_enough_english_function_words_make_a_draft_english(total):
    needed = math.ceil(total * OTHER_LANGUAGE_SHARE / 2)  # English words that settle it (exactly, for 40)
    french = math.ceil(total * OTHER_LANGUAGE_SHARE) + 1
    assert other_language(words(french, needed, total)) is None
    assert other_language(words(french, needed - 1, total)) == "French"


def test_another_languages_function_words_must_be_a_share_of_the_words():
    total = 20
    least = math.ceil(total * OTHER_LANGUAGE_SHARE)
    assert other_language(words(least, 0, total)) == "French"
    assert other_language(words(least - 1, 0, total)) is None


def test_elided_words_count_by_their_first_part():
    elided = [w for w, languages in OTHERS.items() if languages == ("French",) and w.endswith("'")]
    assert elided
    text = " ".join(f"{w}école" if i % 2 else f"{w.rstrip(chr(39))}’archive" for i, w in enumerate(elided * 6))
    assert other_language(text) == "French"


def _letters(script_letter: str, n_script: int, n_latin: int) -> str:
    return script_letter * n_script + " " + "b" * n_latin


def test_a_draft_mostly_in_another_script_is_named_by_its_script():
    scripts = mapping("languages.json", "scripts")
    letters = 20
    most = math.floor(letters * NON_LATIN_SHARE)  # at most this share is not enough
    assert other_language(_letters("α", most, letters - most)) is None
    assert other_language(_letters("α", most + 1, letters - most - 1)) == scripts["GREEK"]
    # the script with the most letters names it; digits, marks and spaces are no letters
    assert other_language("αβγ ДЖЗИЙ 12345 !!! ab") == scripts["CYRILLIC"]
    assert other_language("ა" * 10) == "a language written in another script"  # Georgian: not listed


def test_accented_latin_letters_are_latin():
    assert other_language("é" * 10 + " " + "b" * 2) is None
    assert other_language("Dear Ms. de la Cruz, merci for the tour of the archive!") is None
