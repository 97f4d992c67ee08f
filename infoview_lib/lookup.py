"""Looking things up by id or stage, with errors that point to what was probably meant.

Shared by the checklist and the quiz.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TypeVar

from .advice import STAGES


T = TypeVar("T")


def by_id(table: Mapping[str, T], what: str, item_id) -> T:
    """``table[item_id]``, or a KeyError for an unknown ``what`` id naming the closest ids."""
    try:
        return table[item_id]
    except (KeyError, TypeError):
        raise unknown_id(what, item_id, table) from None


def unknown_id(what: str, value, known: Iterable[str]) -> KeyError:
    """A KeyError for an unknown ``what`` id that names the closest known ids."""
    known = list(known)
    close = difflib.get_close_matches(str(value), known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known ids start with: {', '.join(STAGES)}"
    return KeyError(f"unknown {what} id {value!r}{hint}")


def read_stages(stages) -> tuple[str, ...]:
    """Stage names from one name ("prep") or an iterable of names; None means every stage.

    Raises KeyError for an unknown stage (listing the known ones) and TypeError for
    something that is not a name or a collection of names.
    """
    if stages is None:
        return tuple(STAGES)
    if isinstance(stages, str):
        stages = [stages]
    try:
        names = [s for s in stages]
    except TypeError:
        raise TypeError(f"stages must be a stage name or a list of them, not {type(stages).__name__}") from None
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"a stage must be a name such as 'prep', not {type(name).__name__}")
        if name not in STAGES:
            raise KeyError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
    return tuple(dict.fromkeys(names))
