"""``infoview grade``: autograde many submissions in parallel, with progress.

Run it from an nbgrader course folder, as ``nbgrader autograde`` is (or pass
``--course-dir``). The work is in :mod:`infoview_lib.instructor.parallel_grade`.
"""
from __future__ import annotations

import sys

from .exit_codes import ExitCode

NAME = "grade"
HELP = ("Autograde an assignment's submissions in parallel with nbgrader's own autograder: a progress bar "
        "with elapsed and remaining time, a per-submission timeout, already-graded submissions skipped "
        "unless --force, a failed regrade keeps the previous result, nbgrader's and the kernels' messages go "
        "to .infoview-grade.log in the course folder, and a summary at the end. Exit code 0 when every submission was graded, 1 when "
        "some failed or timed out, 2 when grading could not start.")


def _positive_float(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


def _positive_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def add_arguments(parser) -> None:
    from ..instructor.parallel_grade import DEFAULT_TIMEOUT

    parser.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment to autograde")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=None,
                        help="submissions graded at once (default: one per CPU)")
    parser.add_argument("--student", nargs="+", action="extend", metavar="ID", default=None,
                        help="grade only these students (default: every submission)")
    parser.add_argument("--force", action="store_true", help="regrade submissions that are already graded")
    parser.add_argument("--course-dir", metavar="DIR", default=None,
                        help="the nbgrader course folder (default: the current folder)")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="gradebook URL (default: nbgrader's setting, gradebook.db in the course folder)")
    parser.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"wall-clock limit per submission (default: {DEFAULT_TIMEOUT:g}); nbgrader's own "
                             "per-cell limit is Execute.timeout in nbgrader_config.py")
    parser.add_argument("--verbose", action="store_true", help="print nbgrader's log for submissions that failed")


def run(args) -> int:
    from .iri_grammar import defer_iri_grammar

    defer_iri_grammar()  # before nbgrader imports jsonschema: 2 to 3 s of CPU less at start
    from ..instructor.grading_course import GradingSetupError
    from ..instructor.parallel_grade import grade_submissions

    try:
        summary = grade_submissions(
            args.assignment, course_dir=args.course_dir, students=args.student, jobs=args.jobs,
            force=args.force, timeout=args.timeout, db_url=args.db, progress=sys.stderr)
    except GradingSetupError as err:
        print(f"infoview grade: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("infoview grade: interrupted; submissions in progress were stopped and left as they were "
              "(a previous result stays; new ones stay ungraded)", file=sys.stderr)
        return ExitCode.INTERRUPTED
    print("\n".join(summary.lines()))
    if args.verbose:
        for result in summary.failed:
            print(f"\n--- nbgrader log for {result.student} ---\n{result.log}")
    return ExitCode.OK if summary.ok else ExitCode.NOT_MET
