"""``python -m infoview_lib.cli.voila_main [--prestart-kernel=KERNEL_JSON] ARGS``: Voilà's own
``voila`` command, started quicker.

``infoview coach`` runs this instead of the ``voila`` script. The differences, both before Voilà
loads:

- :func:`defer_iri_grammar` makes the IRI grammar of ``rfc3987_syntax`` load when an IRI is first
  checked instead of when the server starts. Voilà's server imports ``jsonschema``, and with it
  that grammar (about 3 s of CPU, a third of the coach app's whole start) for a check the server
  does not use while serving the app (:mod:`.iri_grammar` explains).
- With ``--prestart-kernel=KERNEL_JSON`` (which is not passed on to Voilà), the kernel that will
  wait for the first visitor is started at once from that kernel spec (the served notebook's), in
  the folder of the notebook ARGS names, with the environment Voilà gives a waiting kernel (:func:`waiting_kernel_environment`); Voilà takes it when it fills its pool
  (:mod:`.prestarted_kernel` explains, and what happens if the two do not match).
"""
from __future__ import annotations

import atexit
import sys
from pathlib import Path

from .iri_grammar import defer_iri_grammar
from .prestarted_kernel import discard_waiting, prestart_kernel

#: the option (=the kernel spec's kernel.json) that asks for the kernel to be started before Voila
#: (removed from Voila's arguments)
PRESTART_OPTION = "--prestart-kernel"
#: Voila's default port, and its URL prefixes when no option changes them
VOILA_DEFAULT_PORT = "8866"
VOILA_DEFAULT_URL = "/"


def waiting_kernel_environment(argv: list[str]) -> dict[str, str]:
    """The variables Voilà adds to the environment of the kernel that waits for a visitor
    (``preheat_kernel``), for its command line ``argv``: its port and URL prefixes.

    >>> waiting_kernel_environment(["app.ipynb", "--port=9000", "--no-browser"])["VOILA_APP_PORT"]
    '9000'
    >>> env = waiting_kernel_environment(["app.ipynb", "--Voila.base_url=/coach/"])
    >>> env["VOILA_BASE_URL"], env["VOILA_SERVER_URL"], env["VOILA_PREHEAT"]
    ('/coach/', '/coach/', 'True')
    """
    options = dict(arg[2:].split("=", 1) for arg in argv if arg.startswith("--") and "=" in arg)
    base_url = options.get("Voila.base_url", options.get("base_url", VOILA_DEFAULT_URL))
    return {
        "VOILA_BASE_URL": base_url,
        # Voila's server_url is its base_url unless given
        "VOILA_SERVER_URL": options.get("Voila.server_url", options.get("server_url")) or base_url,
        "VOILA_APP_PORT": options.get("Voila.port", options.get("port", VOILA_DEFAULT_PORT)),
        "VOILA_PREHEAT": "True",
    }


def notebook_folder(argv: list[str]) -> Path:
    """The folder Voilà runs the served notebook's kernels in: the notebook's own.

    >>> str(notebook_folder(["--port=9000", "/srv/app/coach.ipynb"]))
    '/srv/app'
    """
    notebooks = [arg for arg in argv if not arg.startswith("-") and arg.endswith(".ipynb")]
    if not notebooks:
        raise SystemExit(f"voila_main: {PRESTART_OPTION} needs the notebook to serve among the arguments")
    return Path(notebooks[0]).resolve().parent


def main() -> None:
    argv = sys.argv[1:]
    specs = [arg.split("=", 1)[1] for arg in argv if arg.startswith(PRESTART_OPTION + "=")]
    if specs:
        argv = [arg for arg in argv if not arg.startswith(PRESTART_OPTION + "=")]
        prestart_kernel(specs[-1], notebook_folder(argv), waiting_kernel_environment(argv))
        atexit.register(discard_waiting)  # a kernel Voila never took is stopped with the server
    defer_iri_grammar()
    from voila.app import main as voila_main

    sys.argv[:] = ["voila", *argv]
    sys.exit(voila_main())


if __name__ == "__main__":
    main()
