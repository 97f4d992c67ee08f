"""``infoview student-bundle OUT_DIR``: write the students' public course folder (no solutions).

Exit codes: 0 written; 1 a step failed (nbgrader could not release an assignment, or
graded material would leak); 2 bad input (a non-empty OUT_DIR without --force, a bad
--repo-url, a folder that is not the course).
"""
from __future__ import annotations

import sys

from .exit_codes import ExitCode

NAME = "student-bundle"
HELP = (
    "Write the students' public course folder: lessons with outputs cleared, the nbgrader release of "
    "every assignment, the kit and a Binder set-up; no solutions, hidden tests or gradebook."
)


def add_arguments(parser) -> None:
    parser.add_argument("out_dir", metavar="OUT_DIR", help="the folder to write (new or empty, or use --force)")
    parser.add_argument("--force", action="store_true",
                        help="replace the contents of a non-empty OUT_DIR (a .git folder in it is kept)")
    parser.add_argument("--repo-url", metavar="URL", default=None,
                        help="the class's public repository, for the README's Binder links "
                             "(e.g. https://github.com/my-school/infoview-spring)")
    parser.add_argument("--site", action="store_true",
                        help="also write the course website's sources (site/; build it with python site/build.py), "
                             "its launch buttons set to --repo-url")
    parser.add_argument("--course", metavar="DIR", default=None,
                        help="the course folder to bundle (default: the one around the current folder)")


def run(args) -> int:
    from ..bundle import BundleBuildError, BundleError, build_student_bundle

    try:
        result = build_student_bundle(args.out_dir, course=args.course, repo_url=args.repo_url, force=args.force,
                                      site=args.site)
    except BundleError as err:
        print(f"infoview student-bundle: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except BundleBuildError as err:
        print(f"infoview student-bundle: {err}", file=sys.stderr)
        return ExitCode.NOT_MET
    print(f"Wrote {len(result.files)} files to {result.out_dir}")
    print("Assignments released: " + (", ".join(result.assignments) or "none"))
    for note in result.notes:
        print(f"Note: {note}")
    return ExitCode.OK
