"""Vocabularies: the word lists and the topic taxonomy, read from ``infoview_lib/data`` as data.

Each file is JSON, read once (on first use) with :mod:`importlib.resources` and validated as it
loads: a malformed file raises :class:`VocabularyError` naming the file and the entry, so a typo
in a vocabulary fails at once with a message, never as a silently wrong verdict. What words mean
lives in these files; how phrases are built (structural patterns) stays in the detector modules.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from ...errors import InfoviewError


class VocabularyError(InfoviewError, ValueError):
    """A vocabulary file is missing or malformed; the message names the file and the entry."""


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The JSON object in ``infoview_lib/data/<name>``."""
    try:
        raw = resources.files("infoview_lib").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise VocabularyError(f"vocabulary file infoview_lib/data/{name} cannot be read: {err}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise VocabularyError(f"infoview_lib/data/{name} is not valid JSON: {err.msg} "
                              f"(line {err.lineno}, column {err.colno})") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"infoview_lib/data/{name} must hold a JSON object")
    return data


def words(name: str, *path: str) -> tuple[str, ...]:
    """The list of non-empty strings at ``path`` in file ``name`` (lower-cased, stripped)."""
    node = load(name)
    where = name
    for key in path:
        where += f" > {key}"
        if not isinstance(node, dict) or key not in node:
            raise VocabularyError(f"infoview_lib/data/{where}: entry is missing")
        node = node[key]
    if not isinstance(node, list) or not node:
        raise VocabularyError(f"infoview_lib/data/{where}: must be a non-empty list of strings")
    out = []
    for i, item in enumerate(node):
        if not isinstance(item, str) or not item.strip():
            raise VocabularyError(f"infoview_lib/data/{where}[{i}]: must be a non-empty string, not {item!r}")
        word = " ".join(item.lower().split())
        if word in out:  # a repeat would count twice wherever entries are counted (a language's words)
            raise VocabularyError(f"infoview_lib/data/{where}[{i}]: {word!r} is listed twice")
        out.append(word)
    return tuple(out)


def mapping(name: str, key: str) -> dict:
    """The JSON object at ``key`` in file ``name``."""
    node = load(name).get(key)
    if not isinstance(node, dict) or not node:
        raise VocabularyError(f"infoview_lib/data/{name} > {key}: must be a non-empty object")
    return node


def phrase_pattern(phrases) -> str:
    """A regular expression (source) matching any of ``phrases`` as whole words, case-insensitive.

    In a phrasing, ``word*`` matches any ending of ``word`` and ``*`` alone any one word."""
    import re

    alternatives = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):  # longest first, in a fixed order
        parts = []
        for word in phrase.split():
            if word == "*":
                parts.append(r"[\w'’-]+")
            elif word.endswith("*"):
                parts.append(re.escape(word[:-1]) + r"[\w'’-]*")
            else:
                parts.append(re.escape(word))
        alternatives.append(r"\s+".join(parts))
    return r"(?<![\w'’])(?:" + "|".join(alternatives) + r")(?![\w'’])"


def alternation(phrases) -> str:
    """A regular-expression group (source) matching any of ``phrases`` exactly, longest first, with
    no word boundaries of its own: the structural pattern that uses it sets them. Words of a phrase
    are separated by any white space, and an apostrophe also matches a curly one.

    >>> print(alternation(["can't stand", "rude"]))
    (?:can['’]t\\s+stand|rude)
    """
    import re

    alternatives = [r"\s+".join(re.escape(word).replace("'", "['’]") for word in phrase.split())
                    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p))]
    return "(?:" + "|".join(alternatives) + ")"


def concepts(name: str, key: str) -> dict[str, tuple[str, ...]]:
    """Concept -> its phrasings, from the object at ``key`` in file ``name`` (validated)."""
    return {concept: words(name, key, concept) for concept in mapping(name, key)}


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """The list at ``key`` of file ``name`` as a set (validated, read once)."""
    return frozenset(words(name, key))
