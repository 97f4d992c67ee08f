"""The ``infoview`` console command.

Each subcommand lives in its own module of this package, which defines
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int`` (the exit
code). Modules are imported only when their subcommand runs, so the command
starts fast.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

#: subcommand name -> module in this package, in the order ``infoview --help`` lists them.
SUBCOMMANDS = {
    "score": "score",
    "doctor": "doctor",
    "lab": "lab",
    "coach": "coach",
    "audit": "audit",
    "student-bundle": "student_bundle",
    "class-report": "class_report",
    "grade": "grade",
    "eval": "eval",
}

#: one-line help shown by ``infoview --help`` (kept here so --help imports nothing else).
HELP = {
    "score": "score a request, thank-you note or interview notes and print the findings",
    "doctor": "print the versions of the course's tools and check the widget extension",
    "lab": "open JupyterLab on the course (what `make lab` runs); --grade opens the formgrader (`make grade-ui`)",
    "coach": "serve the coach app (no code visible) with Voila (what `make coach` runs)",
    "audit": "flag answer cells holding more than an answer, and changed locked cells",
    "student-bundle": "write the students' public course folder: lessons and released assignments, no solutions",
    "class-report": "write an HTML report of what a class is missing, by advice item",
    "grade": "autograde many submissions in parallel with progress",
    "eval": "measure the scorers on labelled examples: agreement per advice item and pair order",
}


from .exit_codes import ExitCode

#: The exit status of a command whose reader went away (``infoview score ... | head -3``).
EXIT_BROKEN_PIPE = ExitCode.BROKEN_PIPE


def installed_subcommands() -> list[str]:
    """The subcommands this installation has (the students' kit leaves the instructor's out).

    Found without importing them, so ``--help`` stays fast.
    """
    return [name for name, module in SUBCOMMANDS.items()
            if importlib.util.find_spec(f"{__name__}.{module}") is not None]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="infoview", description="Infoview course kit tools.")
    parser.add_argument("--version", action="store_true", help="print the kit's version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in installed_subcommands():
        sub.add_parser(name, help=HELP[name], add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one ``infoview`` command; its exit status.

    A reader that stops early (``| head``) ends the command quietly, without a traceback.
    """
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # Point stdout at /dev/null so Python's own flush at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0] not in SUBCOMMANDS:
        args = parser.parse_args(argv)
        if args.version:
            from .. import __version__

            print(__version__)
            return ExitCode.OK
        parser.print_help()
        return ExitCode.BAD_INPUT
    name = argv[0]
    try:
        module = importlib.import_module(f".{SUBCOMMANDS[name]}", __name__)
    except ModuleNotFoundError as err:
        if not (err.name or "").startswith("infoview_lib"):
            raise  # a missing third-party package: let its own message through
        # The student bundle ships the kit without the instructor and grader tools.
        print(f"infoview {name}: this command is not part of this installation of the kit "
              f"(the students' version leaves out the instructor and grader tools; missing: {err.name}).",
              file=sys.stderr)
        return ExitCode.BAD_INPUT
    sub = argparse.ArgumentParser(prog=f"infoview {name}", description=module.HELP)
    module.add_arguments(sub)
    args = sub.parse_args(argv[1:])
    return ExitCode(module.run(args) or ExitCode.OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
