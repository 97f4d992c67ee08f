"""``infoview class-report``: an HTML report of what a class is missing, by advice item.

Reads the nbgrader gradebook (SQLite or PostgreSQL) and writes a self-contained HTML
page; ``--csv`` also writes the per-advice table. All the work is in
:mod:`infoview_lib.instructor.class_data` (the data) and :mod:`infoview_lib.instructor.class_report`
(the page).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .exit_codes import ExitCode

NAME = "class-report"
HELP = ("Write a self-contained HTML report of a class's results from the nbgrader gradebook: score "
        "distributions, the share of students meeting each advice item, the most-missed advice with the "
        "lesson that teaches it, late and missing submissions.")


def default_db_url() -> str:
    """The gradebook nbgrader uses by default: gradebook.db in the current (course) folder."""
    return f"sqlite:///{Path.cwd() / 'gradebook.db'}"


def add_arguments(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="assignment names as in the gradebook (default: every assignment)")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="gradebook database URL, e.g. sqlite:///gradebook.db or "
                             "postgresql://user@host/db (default: gradebook.db in the current folder)")
    parser.add_argument("--out", metavar="FILE", default="class-report.html",
                        help="where to write the HTML report (default: class-report.html)")
    parser.add_argument("--csv", metavar="FILE", default=None, help="also write the per-advice table as CSV")
    parser.add_argument("--missing-csv", metavar="FILE", default=None,
                        help="also write the missing submissions as CSV: one row per assignment, with the names")
    parser.add_argument("--course-dir", metavar="DIR", default=".",
                        help="the course folder, where `infoview grade` records why a submission failed "
                             "(default: the current folder)")


def run(args) -> int:
    from ..instructor.class_data import UnknownAssignmentError, advice_table, load_class_results
    from ..instructor.class_report import write_class_report
    from ..instructor.gradebook import GradebookError

    db_url = args.db or default_db_url()
    try:
        results = load_class_results(db_url, args.assignments, course_dir=args.course_dir)
    except (GradebookError, UnknownAssignmentError) as err:
        print(f"infoview class-report: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        out = write_class_report(results, args.out, args.csv, args.missing_csv)
    except OSError as err:
        print(f"infoview class-report: could not write the report: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    names = ", ".join(results.assignment_names) or "no assignments"
    if results.empty:
        print(f"The gradebook has no submissions for {names} yet; wrote an empty report to {out}")
    else:
        table = advice_table(results)
        print(f"Wrote the class report for {names} ({len(results.submissions)} submissions, "
              f"{len(table)} advice items) to {out}")
        if args.csv:
            print(f"Wrote the per-advice table to {args.csv}")
    if args.missing_csv:
        print(f"Wrote the missing submissions by assignment to {args.missing_csv}")
    return ExitCode.OK
