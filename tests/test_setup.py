"""The two-command set-up, the CI script and the small CLI commands (doctor, lab)."""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_lib.cli import SUBCOMMANDS, main
from infoview_lib.cli.lab import lab_command
from infoview_lib.layout import WELCOME, course_root

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_readme_quick_start_is_exactly_make_lab_and_make_test():
    assert quick_start_commands() == ["make lab", "make test"]


def test_ci_runs_make_test_and_only_installs_services(repo_root):
    script = (repo_root / ".ci" / "run").read_text()
    commands = [l.strip() for l in script.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert "make test" in commands
    assert not any(c.startswith(("pytest", ".venv/bin/pytest", "pip ")) for c in commands)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_and_test_create_the_venv_when_missing(tmp_path):
    # A checkout with no .venv: both targets must start by creating one with python3.
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for target, runs in (("lab", ".venv/bin/infoview lab"), ("test", ".venv/bin/python -m pytest")):
        env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
        out = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True).stdout
        lines = out.splitlines()
        assert lines[0].startswith("python3 -m venv .venv"), out
        assert any(re.search(r"pip install .*-e '?\.", l) for l in lines), out
        assert lines[-1].startswith(runs), out


def test_lab_command_opens_the_welcome_notebook(repo_root):
    assert course_root(repo_root / "notebooks") == repo_root
    cmd = lab_command(repo_root, "lab", ["--no-browser"])
    # jupyter lab, run by infoview_lib.cli.jupyter_main in this environment's Python
    assert cmd[:4] == [sys.executable, "-m", "infoview_lib.cli.jupyter_main", "lab"]
    assert f"--ServerApp.root_dir={repo_root}" in cmd
    assert f"--LabApp.default_url=/lab/tree/{WELCOME}" in cmd
    assert cmd[-1] == "--no-browser"
    nb7 = lab_command(repo_root, "notebook")
    assert nb7[3] == "notebook" and f"--JupyterNotebookApp.default_url=/tree/{WELCOME}" in nb7
    with pytest.raises(ValueError, match="interface"):
        lab_command(repo_root, "classic")


@pytest.mark.parametrize("interface, package", [("lab", "jupyterlab"), ("notebook", "notebook")])
def test_the_course_server_is_jupyters_own_without_the_iri_grammar_at_start(interface, package):
    """jupyter_main runs JupyterLab's (or Notebook 7's) own command line, with rfc3987_syntax's IRI
    grammar (about 3 s of CPU, imported with Jupyter Server) left unloaded until an IRI is checked."""
    pytest.importorskip("rfc3987_syntax")
    code = ("import sys\n"
            "from infoview_lib.cli import jupyter_main\n"
            f"sys.argv = ['jupyter_main', {interface!r}, '--version']\n"
            "try:\n    jupyter_main.main()\nexcept SystemExit as done:\n    code = done.code\n"
            "print(code, 'jupyter_server.serverapp' in sys.modules, 'rfc3987_syntax.syntax_helpers' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    version, verdict = proc.stdout.strip().splitlines()[-2:]
    assert version == importlib.metadata.version(package)
    assert verdict.split() == ["0", "True", "False"], "the server started with the IRI grammar loaded (or did not start)"


def test_jupyter_main_names_what_it_runs_when_asked_for_something_else():
    from infoview_lib.cli import jupyter_main

    with pytest.raises(SystemExit, match="lab|notebook"):
        jupyter_main.main(["classic"])


def test_lab_outside_the_course_says_where_to_run_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["lab"]) == 2
    assert "run this from the course folder" in capsys.readouterr().err


def test_help_lists_every_subcommand(capsys):
    assert main([]) == 2
    out = capsys.readouterr().out
    for name in SUBCOMMANDS:
        assert name in out


@pytest.mark.slow
def test_doctor_reports_versions_and_the_widget_extension():
    exe = Path(sys.executable).with_name("infoview")
    proc = subprocess.run([str(exe), "doctor"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("python", "jupyterlab", "ipywidgets", "nbgrader"):
        assert re.search(rf"^{name}\s+\d+\.\d+", proc.stdout, re.M), proc.stdout
    assert re.search(r"^widget extension\s+active", proc.stdout, re.M), proc.stdout
    assert "\x1b[" not in proc.stdout


def test_a_command_left_out_of_the_student_kit_says_so(monkeypatch, capsys):
    # The student bundle leaves out instructor modules; the command must explain, not crash.
    monkeypatch.setitem(sys.modules, "infoview_lib.cli.class_report", None)
    assert main(["class-report", "x"]) == 2
    err = capsys.readouterr().err
    assert "not part of this installation" in err and "infoview_lib.cli.class_report" in err
