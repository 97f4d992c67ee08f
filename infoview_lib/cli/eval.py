"""``infoview eval``: measure the scorers on labelled examples.

    infoview eval tests/data/*.jsonl my-labels.jsonl

(``make eval`` runs it on every labelled file of the development data beside the checkout and of
tests/data.)

Prints, per artefact and per advice id, the agreement with the labels, precision and recall of
"not met", each miss (item, expected, got), and the share of good/bad pairs the scores order
correctly; the last lines are one summary per artefact. Exit status 0, or 2 when a file cannot be read.
"""
from __future__ import annotations

import sys

from .exit_codes import ExitCode

NAME = "eval"
HELP = "Measure the scorers on labelled examples (JSON lines) and print agreement and pair order."


def add_arguments(parser) -> None:
    parser.add_argument("data", nargs="+", metavar="DATA", help="labelled .jsonl files")
    parser.add_argument("--quiet", action="store_true", help="print only the summary lines")


def run(args) -> int:
    from ..rules.evaluate import LabelledDataError, evaluate_files

    try:
        results = evaluate_files(args.data)
    except LabelledDataError as err:
        print(f"infoview eval: error: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if not args.quiet:
        for evaluation in results.values():
            print(evaluation.to_text())
            print()
    for evaluation in results.values():
        print(evaluation.summary())
    return ExitCode.OK
