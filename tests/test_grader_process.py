"""How the checks start and talk to their grading processes (:mod:`infoview_lib.grading.checks`).

The grading interpreter is replaced by a tiny ``/bin/sh`` script (``checks.PYTHON``
is the one home of the interpreter the checks start): the tests still start a real
process, because what they check is the process itself (its own session, its
stderr, its pipes, its exit status), but one that starts in milliseconds instead
of importing the library, so a wrong command or a wrong pipe fails at once.
"""
from __future__ import annotations

import os
import stat
import sys
import types

import pytest
from IPython.core.events import EventManager

from infoview_lib.grading import checks

posix_only = pytest.mark.skipif(os.name != "posix", reason="the stand-in grader is a /bin/sh script")


def stand_in(tmp_path, body: str) -> str:
    """An executable that takes the grading interpreter's place."""
    script = tmp_path / "fake-python"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


# ----------------------------------------------------------------- the warm grader

@posix_only
def test_the_warm_grader_runs_in_its_own_session_and_answers_line_by_line(tmp_path, monkeypatch, capfd):
    # The stand-in prints its arguments, writes noise on stderr, then echoes each request.
    monkeypatch.setattr(checks, "PYTHON", stand_in(tmp_path, 'echo "grader noise" >&2\necho "$*"\nexec cat\n'))
    at_exit = []
    monkeypatch.setattr(checks.atexit, "register", at_exit.append)
    grader = checks._Grader(("request", "notes"))
    try:
        assert grader.replies.get(timeout=5) == " ".join([*checks._COMMAND, "--serve", "request", "notes"]) + "\n"
        # its own session: the kernel's interrupt (nbgrader's cell timeout) does not reach it
        assert os.getsid(grader.process.pid) == grader.process.pid != os.getsid(0)
        assert grader.alive()
        assert grader.ask('{"artefact": "request"}') == '{"artefact": "request"}\n'
        assert grader.ask("second") == "second\n"
        # a non-daemon reader would keep the kernel from exiting: Python waits for such
        # threads before it runs the atexit handler (stop) that would end the reader
        assert grader.reader.daemon
        assert at_exit == [grader.stop]
    finally:
        grader.stop()
    assert not grader.alive()
    assert not grader.reader.is_alive()
    # the grader's stderr never reaches the kernel's (the student's notebook)
    assert "grader noise" not in capfd.readouterr().err


@posix_only
def test_a_warm_grader_that_closes_its_output_is_stopped_and_gives_no_reply(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "PYTHON", stand_in(tmp_path, "read line\nexit 0\n"))
    monkeypatch.setattr(checks.atexit, "register", lambda f: None)
    grader = checks._Grader(("request",))
    assert grader.ask("payload") is None
    assert not grader.alive()


# ------------------------------------------------------------ the one-shot process

@posix_only
def test_a_one_shot_grader_gets_the_payload_on_stdin_and_returns_its_output(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "PYTHON", stand_in(tmp_path, 'echo "$*"\ncat\n'))
    assert checks._one_shot('{"x": 1}') == " ".join(checks._COMMAND) + '\n{"x": 1}'


@posix_only
@pytest.mark.parametrize("body, message", [
    ("for n in 1 2 3 4 5; do echo \"line $n\" >&2; done\nexit 3\n",
     "the grading process failed: line 3 | line 4 | line 5"),
    ("echo 'Traceback' >&2\necho 'ValueError: bad' >&2\nexit 1\n",
     "the grading process failed: Traceback | ValueError: bad"),
    ("echo '{\"findings\": []}'\necho 'killed' >&2\nexit 1\n", "the grading process failed: killed"),
    ("echo 'finished without a verdict' >&2\nexit 0\n", "the grading process failed: finished without a verdict"),
    ("exit 0\n", "the grading process failed: "),
    ("exit 2\n", "the grading process failed: "),
])
def test_a_failed_one_shot_grader_names_the_last_lines_of_its_error(tmp_path, monkeypatch, body, message):
    monkeypatch.setattr(checks, "PYTHON", stand_in(tmp_path, body))
    with pytest.raises(checks.GradingError) as raised:
        checks._one_shot("{}")
    assert str(raised.value) == message


@posix_only
def test_a_one_shot_grader_that_hangs_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    # the limit is lowered to keep the test fast; the stand-in would sleep for 3 s
    monkeypatch.setattr(checks, "PYTHON", stand_in(tmp_path, "exec sleep 3\n"))
    monkeypatch.setattr(checks, "GRADING_TIMEOUT", 0.1)
    with pytest.raises(checks.GradingError) as raised:
        checks._one_shot("{}")
    assert str(raised.value) == "grading took longer than 0.1 s"


# ------------------------------------------- freezing the setup cell's objects

class _Shell:
    """The part of an IPython shell the checks use: its events (IPython's own manager)."""

    def __init__(self):
        self.tracebacks = 0
        self.events = EventManager(self, {"pre_run_cell", "post_run_cell"}, print_on_error=False)

    def showtraceback(self):
        self.tracebacks += 1


def test_in_a_notebook_the_objects_are_frozen_once_after_the_setup_cell(monkeypatch):
    shell = _Shell()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    frozen = []
    monkeypatch.setattr(checks.gc, "freeze", lambda: frozen.append(1))
    checks._freeze_after_this_cell()
    assert frozen == []  # not while the setup cell still runs
    shell.events.trigger("pre_run_cell", None)
    assert frozen == []
    shell.events.trigger("post_run_cell", None)
    assert frozen == [1]
    shell.events.trigger("post_run_cell", None)  # the next cells: no more freezing
    assert frozen == [1]
    assert shell.events.callbacks["post_run_cell"] == []
    assert shell.tracebacks == 0


@pytest.mark.parametrize("ipython", [None, types.SimpleNamespace(get_ipython=lambda: None)],
                         ids=["no IPython", "IPython imported, no shell"])
def test_outside_a_notebook_nothing_is_frozen(monkeypatch, ipython):
    if ipython is None:
        monkeypatch.delitem(sys.modules, "IPython", raising=False)
    else:
        monkeypatch.setitem(sys.modules, "IPython", ipython)
    frozen = []
    monkeypatch.setattr(checks.gc, "freeze", lambda: frozen.append(1))
    assert checks._freeze_after_this_cell() is None
    assert frozen == []
