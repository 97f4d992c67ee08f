"""Infoview: checklists and explainable scorers for informational interviews.

The public functions are imported on first use, so ``import infoview_lib`` stays
fast and never loads matplotlib or ipywidgets.

    >>> from infoview_lib import score_request
    >>> report = score_request("Dear Ms Ruiz, ...")   # a Report; shows itself in a notebook
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    "ADVICE": "infoview_lib.advice",
    "Advice": "infoview_lib.advice",
    "Finding": "infoview_lib.report",
    "Report": "infoview_lib.report",
    "score_request": "infoview_lib.rules.request",
    "score_questions": "infoview_lib.rules.questions",
    "check_logistics": "infoview_lib.rules.logistics",
    "score_thank_you": "infoview_lib.rules.thank_you",
    "score_notes": "infoview_lib.rules.notes",
    "plan_follow_up": "infoview_lib.follow_up_plan",
    "audit_contact_log": "infoview_lib.rules.follow_up",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'infoview_lib' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
