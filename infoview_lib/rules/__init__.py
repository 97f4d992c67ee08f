"""Rules, one module per artefact (see :mod:`infoview_lib.rules.base`).

A scorer module registers its rules when imported; :func:`load_all_rules`
imports every one, for tools that walk the whole registry.
"""
from __future__ import annotations

import importlib

from .base import RULES, Rule, Verdict, rule, run_rules  # noqa: F401

#: artefact -> (module, public scorer function)
SCORERS = {
    "request": ("request", "score_request"),
    "questions": ("questions", "score_questions"),
    "logistics": ("logistics", "check_logistics"),
    "thank-you": ("thank_you", "score_thank_you"),
    "notes": ("notes", "score_notes"),
    "contact log": ("follow_up", "audit_contact_log"),
}


def scorer_for(artefact: str):
    """The public scorer function of an artefact (e.g. ``score_request`` for "request")."""
    module, func = SCORERS[artefact]
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def load_all_rules() -> dict:
    """Import every rule module and return the full registry."""
    for artefact in SCORERS:
        scorer_for(artefact)
    return RULES


def compile_all_patterns() -> int:
    """Compile every detector pattern and write them into the compiled-pattern cache
    (:mod:`.detect.pattern_cache`), as ``compileall`` does for modules; returns how many
    patterns there are. Every rule's examples are scored too, so the patterns the detectors
    make on demand (from the vocabularies) are included."""
    import gc

    from .detect import pattern_cache
    from .detect.text import LazyPattern

    for artefact, rules in load_all_rules().items():
        scorer = scorer_for(artefact)
        for one_rule in rules.values():
            for example in one_rule.passes + one_rule.fails:
                try:
                    scorer(**({"text": example} if isinstance(example, str) else dict(example)))
                except Exception:  # an example for another input shape: its patterns come below
                    pass
    patterns = [p for p in gc.get_objects() if isinstance(p, LazyPattern)]
    for pattern in patterns:
        pattern.compiled()
    pattern_cache.save(force=True)
    return len(patterns)
