"""The IRI grammar of ``rfc3987_syntax``, loaded when an IRI is first checked instead of at import.

Jupyter's server (through ``jupyter_events``) and nbgrader (through nbformat) import ``jsonschema``,
whose format checkers import ``rfc3987_syntax`` when it is installed (``jsonschema[format-nongpl]``,
which ``jupyter_events`` requires, installs it). That module compiles its Lark grammar into some
forty parsers at import: 2 to 3 s of CPU on the kit's 2-core machine, for ``iri`` formats that
neither the coach's server nor nbformat's notebook schema nor nbgrader checks. ``infoview coach``
(:mod:`.voila_main`), ``infoview lab`` (:mod:`.jupyter_main`) and ``infoview grade`` call
:func:`defer_iri_grammar` before those imports; the checker still
works exactly as before, loading the grammar the first time it is called.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types

#: the package whose import compiles the IRI grammar (imported by jsonschema's format checkers)
IRI_GRAMMAR_PACKAGE = "rfc3987_syntax"


def defer_iri_grammar() -> bool:
    """Put a stand-in for ``rfc3987_syntax`` in ``sys.modules`` that imports the real package on
    first use (a call of ``is_valid_syntax`` or any other attribute). Returns whether it did:
    not if the package is missing or already imported."""
    name = IRI_GRAMMAR_PACKAGE
    if name in sys.modules:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None:
        return False
    stand_in = types.ModuleType(name, "Stand-in: imports the real rfc3987_syntax on first use.")
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin

    def real() -> types.ModuleType:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
            try:
                importlib.import_module(name)
            except BaseException:
                sys.modules[name] = stand_in
                raise
        return sys.modules[name]

    def is_valid_syntax(term: str, value: str):  # what jsonschema imports: ``from rfc3987_syntax import ...``
        return real().is_valid_syntax(term, value)

    def __getattr__(attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(real(), attr)

    stand_in.is_valid_syntax = is_valid_syntax
    stand_in.__getattr__ = __getattr__
    sys.modules[name] = stand_in
    return True
