"""What the ``infoview`` commands' exit statuses mean: one list for every subcommand."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of an ``infoview`` command.

    >>> int(ExitCode.NOT_MET), int(ExitCode.BAD_INPUT)
    (1, 2)
    """

    OK = 0
    """It ran, and there is nothing to act on (every advice item met, nothing flagged)."""
    NOT_MET = 1
    """It ran and found something to act on: advice not met, a submission flagged or not graded,
    a build step or a tool that failed."""
    BAD_INPUT = 2
    """It could not run on what it was given: a missing or unreadable file, a bad option or folder."""
    INTERRUPTED = 128 + 2
    """Stopped with Ctrl-C (as for a process ended by SIGINT)."""
    BROKEN_PIPE = 128 + 13
    """Its reader went away (``| head``), as for a process ended by SIGPIPE."""
