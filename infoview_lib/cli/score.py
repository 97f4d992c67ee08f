"""``infoview score``: score a request, thank-you or notes draft from a file and print the findings.

    infoview score request draft.txt
    infoview score request - --channel linkedin < draft.txt
    infoview score thank-you note.txt --interview-on 2026-03-10 --sent-on 2026-03-12

Exit status: 0 when every advice item is met, 1 when some are not, 2 when the
input could not be scored (missing, empty or unreadable file, not UTF-8, too long,
unknown kind, channel or date).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .exit_codes import ExitCode
from ..errors import InfoviewError

NAME = "score"
HELP = "Score a request, thank-you or notes draft and print what it meets and what to do next."

#: kind (an artefact of :data:`infoview_lib.rules.SCORERS`) -> the options its scorer takes
KINDS = {
    "request": ("channel",),
    "thank-you": ("channel", "interview_on", "sent_on"),
    "notes": (),
}


class InputError(InfoviewError):
    """The draft could not be read; the message says why."""


def add_arguments(parser) -> None:
    parser.add_argument("kind", help=f"what the draft is: {', '.join(KINDS)}")
    parser.add_argument("file", help="the draft, a UTF-8 text file ('-' reads standard input)")
    from ..inputs import REQUEST_CHANNELS, THANK_YOU_CHANNELS

    parser.add_argument("--channel", help=f"request: {_choices(REQUEST_CHANNELS)}; "
                                          f"thank-you: {_choices(THANK_YOU_CHANNELS)}")
    parser.add_argument("--interview-on", metavar="DATE", help="thank-you: the interview date, e.g. 2026-03-10")
    parser.add_argument("--sent-on", metavar="DATE", help="thank-you: the date the note is sent, e.g. 2026-03-12")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (docs/report-format.md) instead of a table")
    parser.add_argument("--details", action="store_true",
                        help="under each advice item, print what was found, the evidence, the advice and its source")


def _choices(channels) -> str:
    """The channels as the help lists them, the first (each scorer's default) marked."""
    return ", ".join([f"{channels[0]} (default)", *channels[1:]])


def read_draft(file: str) -> str:
    """The text of ``file`` ("-" for standard input); InputError saying what went wrong."""
    if file == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        if not file.strip():
            raise InputError("the file path is empty; give the path of your draft, or '-' to read standard input")
        path = Path(file)
        if not path.exists():
            raise InputError(f"no such file: {file}")
        if not path.is_file():
            raise InputError(f"not a file: {file}")
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(f"cannot read {file}: {err.strerror or err}") from None
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{'standard input' if file == '-' else file} is not UTF-8 text "
            f"(byte {err.start}); save it as UTF-8 and try again"
        ) from None


def _error(message: str) -> int:
    print(f"infoview score: error: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def run(args) -> int:
    if args.kind not in KINDS:
        return _error(f"unknown kind {args.kind!r}; choose one of: {', '.join(KINDS)}")
    options = {"channel": args.channel, "interview_on": args.interview_on, "sent_on": args.sent_on}
    given = {k: v for k, v in options.items() if v is not None}
    unused = ["--" + k.replace("_", "-") for k in given if k not in KINDS[args.kind]]
    if unused:
        return _error(f"{', '.join(unused)} {'does' if len(unused) == 1 else 'do'} not apply to {args.kind}")
    try:
        text = read_draft(args.file)
        from ..rules import scorer_for
        from ..rules.detect.text import is_blank

        if is_blank(text):
            where = "standard input" if args.file == "-" else args.file
            raise InputError(f"{where} is empty: nothing to check yet; write your draft in it and try again")

        report = scorer_for(args.kind)(text, **given)
    except (InputError, TypeError, ValueError) as err:
        return _error(str(err))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        from ..render import report_text

        print(report_text(report, details=args.details))
    return ExitCode.OK if report.passed else ExitCode.NOT_MET
