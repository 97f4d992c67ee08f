"""Whether the coach can read a draft at all: nothing written yet, the notebook's untouched
placeholder, or a language other than English.

The coach's advice is about English phrasing; giving it on a French or Chinese draft would be
advice on a text it cannot read, so such a draft gets one plain notice instead (score 0).

Finds: "" (nothing yet), "YOUR ANSWER HERE" in triple quotes (the placeholder),
"Bonjour Madame, je voudrais vous parler de votre travail." (French),
"您好，我想了解您的工作。" (Chinese).
Ignores: "Dear Ms. de la Cruz, merci for the tour!" (English with a French word).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...inputs import UNANSWERED_PLACEHOLDERS
from .text import LazyPattern, is_blank
from .vocab import mapping, words

#: what a released exercise holds before the student answers (nbgrader's and the kit's placeholders)
_PLACEHOLDER = LazyPattern(
    r"\A[\s\"'#`]*(?:" + "|".join(re.escape(p) for p in UNANSWERED_PLACEHOLDERS) + r")[\s\"'`.]*\Z", re.I
)
_LETTERS = LazyPattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: shares of a draft's letters / words that mark it as not English
NON_LATIN_SHARE = 0.3
OTHER_LANGUAGE_SHARE = 0.15
#: a draft needs this many words before its language is judged from its function words
LANGUAGE_MIN_WORDS = 6

NOTHING_YET = "Nothing to check yet: write your draft, then check it again. (An empty draft scores 0.)"
PLACEHOLDER = ("Nothing to check yet: this is still the exercise's placeholder. Replace it with your own "
               "draft, then check it again. (Score 0 until then.)")
NOT_ENGLISH = ("The coach reads English only, and this draft seems to be in {language}, so it gives no advice on "
               "it (score 0). Write the draft in English to get feedback on it.")


def is_placeholder(text: str) -> bool:
    """True when ``text`` is only an unanswered placeholder such as ``YOUR ANSWER HERE``."""
    return _PLACEHOLDER.match(text) is not None


@lru_cache(maxsize=None)
def _function_words() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """English function words, and word -> the other languages it is a function word of."""
    english = frozenset(words("languages.json", "english"))
    others: dict[str, list[str]] = {}
    for language in mapping("languages.json", "languages"):
        for word in words("languages.json", "languages", language):
            others.setdefault(word, []).append(language)
    return english, {w: tuple(ls) for w, ls in others.items()}


def other_language(text: str) -> str | None:
    """The language ``text`` seems written in when it is not English ("French", "Chinese or
    Japanese"), else None. Judged from the script of its letters, then from function words."""
    if not text.isascii():
        letters = non_latin = 0
        counts: dict[str, int] = {}
        for c in text:
            if not c.isalpha():
                continue
            letters += 1
            if c.isascii():
                continue
            script = unicodedata.name(c, "UNKNOWN").split(" ", 1)[0]
            if script != "LATIN":
                non_latin += 1
                counts[script] = counts.get(script, 0) + 1
        if letters and non_latin > NON_LATIN_SHARE * letters:
            name = mapping("languages.json", "scripts").get(max(counts, key=counts.get))
            return name if isinstance(name, str) else "a language written in another script"
    tokens = _LETTERS.findall(text.lower())
    if len(tokens) < LANGUAGE_MIN_WORDS:
        return None
    english, others = _function_words()
    en = sum(1 for t in tokens if t in english)
    if en * 2 >= len(tokens) * OTHER_LANGUAGE_SHARE:
        return None  # plenty of English function words: English (the common case, decided fast)
    counts = {}
    for t in tokens:
        for language in others.get(t, others.get(t.replace("’", "'").split("'")[0] + "'", ())):
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    if counts[best] >= OTHER_LANGUAGE_SHARE * len(tokens) and counts[best] > 2 * en:
        return best
    return None


@lru_cache(maxsize=64)
def unreadable_reason(text: str) -> str | None:
    """Why the coach cannot advise on ``text`` (a message for the student), or None when it can."""
    if is_blank(text):
        return PLACEHOLDER if text.strip() == "..." else NOTHING_YET
    if is_placeholder(text):
        return PLACEHOLDER
    language = other_language(text)
    if language:
        return NOT_ENGLISH.format(language=language if " " in language else f"{language}")
    return None
