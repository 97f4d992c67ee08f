"""The ``infoview`` command as a whole: what --help lists, and a reader that stops early."""
from __future__ import annotations

import os
import subprocess
import sys

from infoview_lib import cli


def test_help_lists_only_the_commands_this_installation_has(monkeypatch, capsys):
    assert "grade" in cli.installed_subcommands() and "score" in cli.installed_subcommands()
    # The students' kit ships without the grader's modules: their commands must not be offered.
    real_find_spec = cli.importlib.util.find_spec
    monkeypatch.setattr(cli.importlib.util, "find_spec",
                        lambda name: None if name.endswith((".grade", ".audit")) else real_find_spec(name))
    assert cli.main([]) == 2
    listed = capsys.readouterr().out
    assert "score" in listed and "class-report" in listed
    assert " grade " not in listed and " audit " not in listed


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    """``infoview score request draft.txt | head -3``: no BrokenPipeError traceback."""
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello, I am looking for a job. Are there any openings at your library?", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the command writes a line
    try:
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from infoview_lib.cli import main; sys.exit(main())",
             "score", "request", str(draft)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.returncode == cli.EXIT_BROKEN_PIPE


def test_every_command_returns_a_documented_exit_code(tmp_path, capsys):
    """Exit statuses come from one list (ExitCode): 0 all met, 1 something to act on, 2 bad input."""
    from infoview_lib.cli.exit_codes import ExitCode

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Dear Ms. Alvarez, Professor Chen suggested I contact you. I read your report on oral-history "
                    "digitisation and would love to learn how you choose which collections to digitise first. "
                    "Would you have 20 minutes for a short call? I completely understand if your schedule "
                    "doesn't allow it. Thank you, Priya", encoding="utf-8")
    weak = tmp_path / "weak.txt"
    weak.write_text("Hello, I am looking for a job. Are there any openings at your library?", encoding="utf-8")
    assert cli.main(["score", "request", str(good)]) is ExitCode.OK
    assert cli.main(["score", "request", str(weak)]) is ExitCode.NOT_MET
    assert cli.main(["score", "request", str(empty)]) is ExitCode.BAD_INPUT
    assert cli.main(["score", "request", str(tmp_path / "missing.txt")]) is ExitCode.BAD_INPUT
    assert cli.main(["audit", str(tmp_path / "no-such-folder")]) is ExitCode.BAD_INPUT
    assert cli.main([]) is ExitCode.BAD_INPUT
    assert [int(code) for code in ExitCode] == [0, 1, 2, 130, 141]
