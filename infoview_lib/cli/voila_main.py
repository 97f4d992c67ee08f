"""``python -m infoview_lib.cli.voila_main ARGS``: Voilà's own ``voila`` command, minus 3 s of start-up.

``infoview coach`` runs this instead of the ``voila`` script. The only difference: before Voilà
loads, :func:`defer_iri_grammar` makes the IRI grammar of ``rfc3987_syntax`` load when an IRI is
first checked instead of when the server starts.

Why: Voilà's server imports ``jsonschema``, and with it that grammar (about 3 s of CPU, a third of
the coach app's whole start) for a check the server does not use while serving the app
(:mod:`.iri_grammar` explains).
"""
from __future__ import annotations

import sys

from .iri_grammar import defer_iri_grammar


def main() -> None:
    defer_iri_grammar()
    from voila.app import main as voila_main

    sys.argv[0] = "voila"
    sys.exit(voila_main())


if __name__ == "__main__":
    main()
