"""``python -m infoview_lib.cli.jupyter_main lab|notebook [OPTIONS]``: ``jupyter lab`` or
``jupyter notebook``, started about 3 s of CPU quicker.

``infoview lab`` (``make lab``, ``make notebook``, ``make grade-ui``, and the browser tests' servers)
runs this instead of the ``jupyter`` command. The only difference: before Jupyter loads,
:func:`.iri_grammar.defer_iri_grammar` makes the IRI grammar of ``rfc3987_syntax`` load when an IRI
is first checked instead of when the server starts (Jupyter Server imports ``jsonschema``, and
with it that grammar; :mod:`.iri_grammar` explains). The server is the same application the
``jupyter lab`` / ``jupyter notebook`` commands start, with the same options.
"""
from __future__ import annotations

import importlib
import sys

from .iri_grammar import defer_iri_grammar

#: the interface -> (the module whose main() is the jupyter-<interface> command, that command's name)
INTERFACES = {"lab": ("jupyterlab.labapp", "jupyter-lab"), "notebook": ("notebook.app", "jupyter-notebook")}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] not in INTERFACES:
        raise SystemExit(f"usage: python -m {__spec__.name if __spec__ else 'infoview_lib.cli.jupyter_main'} "
                         f"{'|'.join(INTERFACES)} [OPTIONS]")
    module, program = INTERFACES[argv[0]]
    defer_iri_grammar()
    app = importlib.import_module(module)
    sys.argv[:] = [program, *argv[1:]]
    sys.exit(app.main())


if __name__ == "__main__":
    main()
