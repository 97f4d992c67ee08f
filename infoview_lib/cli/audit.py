"""``infoview audit SUBMISSIONS_DIR``: list answer cells holding more than an answer, and changed locked cells.

Exit status: 0 when nothing was flagged, 1 when something was, 2 on bad input.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from .exit_codes import ExitCode

NAME = "audit"
HELP = ("Statically read submitted notebooks (submitted/<student>/<assignment>/*.ipynb, or any folder "
        "of .ipynb) and flag every statement beyond the answers (the allow-list of "
        "infoview_lib.grading.answer_source) and every changed locked cell.")


def add_arguments(parser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR",
                        help="a course folder, its submitted/ folder, any folder of notebooks, or one notebook")
    parser.add_argument("--json", action="store_true", help="print the flags as JSON records")


def run(args) -> int:
    from ..grading.audit import audit_folder, flags_table

    try:
        flags = audit_folder(Path(args.submissions))
    except (FileNotFoundError, NotADirectoryError, ValueError) as err:
        print(f"infoview audit: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.json:
        print(json.dumps([asdict(f) for f in flags], indent=2))
    elif flags:
        print(flags_table(flags))
        print(f"\n{len(flags)} suspicious line(s) in "
              f"{len({(f.student, f.assignment, f.notebook) for f in flags})} notebook(s).")
    else:
        print("Nothing beyond the answers found.")
    return ExitCode.NOT_MET if flags else ExitCode.OK
