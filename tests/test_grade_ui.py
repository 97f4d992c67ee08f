"""`make grade-ui` (`infoview lab --grade`): nbgrader's formgrader on the graded course.

The server is started exactly as the command starts it (grade_ui_command, in the course folder),
on a copy of assignments/ with two generated assignments and three submissions, plus only a
loopback port, a token and no browser; Jupyter's folders are temporary (tests/conftest.py).
The formgrader's own API must list the assignments and their submissions. Stopped by its pid.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from infoview_lib.cli import main
from infoview_lib.cli.lab import FORMGRADER_URL, grade_ui_command, lab_environment
from infoview_lib.grading.course import assignments, copy_course, course_api, require_success

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = assignments()
SUBMITTED = {"01_what_it_is": ["ana"], "02_request": ["ana", "ben"]}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = copy_course(tmp_path_factory.mktemp("grade-ui") / "assignments")
    api = course_api(folder)
    for assignment, students in SUBMITTED.items():
        require_success(api.generate_assignment(assignment), f"generate_assignment {assignment}")
        notebook = f"{ASSIGNMENTS[assignment]}.ipynb"
        for student in students:
            dest = folder / "submitted" / student / assignment
            dest.mkdir(parents=True)
            shutil.copyfile(folder / "release" / assignment / notebook, dest / notebook)
            (dest / "timestamp.txt").write_text("2026-03-20 12:00:00.000000 UTC\n")
    # ana writes her reflection (an untouched one scores 0 automatically), so it waits for the grader
    path = folder / "submitted" / "ana" / "02_request" / f"{ASSIGNMENTS['02_request']}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-reflection"):
            cell.source = "I would ask the archivist who spoke at our school last term ..."
    nbformat.write(nb, path)
    require_success(api.autograde("02_request", "ana"), "autograde 02_request ana")
    return folder


@pytest.fixture(scope="module")
def formgrader(course, tmp_path_factory):
    port, token = free_port(), secrets.token_hex(16)
    extra = [f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
             f"--IdentityProvider.token={token}", "--no-browser"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        extra.append("--allow-root")
    cmd, cwd = grade_ui_command(course, extra)
    log_path = tmp_path_factory.mktemp("grade-ui-log") / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(cmd, cwd=cwd, env=lab_environment(), stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)

    def get(path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            return json.loads(response.read())

    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"the formgrader server exited ({process.returncode}):\n{log_path.read_text()}")
            try:
                get("/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"the formgrader server did not answer:\n{log_path.read_text()}")
                time.sleep(0.3)
        yield get, log_path
    finally:
        process.terminate()  # by its own pid
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.slow
def test_formgrader_lists_the_generated_assignments_and_their_submissions(formgrader):
    get, log_path = formgrader
    listed = {a["name"]: a for a in get("/formgrader/api/assignments")}
    assert set(listed) == set(ASSIGNMENTS), log_path.read_text()[-3000:]  # every source folder
    generated = {name for name, a in listed.items() if a["release_path"]}
    assert generated == set(SUBMITTED), listed
    assert {name: a["num_submissions"] for name, a in listed.items()} == {
        name: len(SUBMITTED.get(name, [])) for name in ASSIGNMENTS}
    submissions = {s["student"]: s for s in get("/formgrader/api/submissions/02_request")}
    assert set(submissions) == {"ana", "ben"}
    assert submissions["ana"]["autograded"] and not submissions["ben"]["autograded"]
    # ana's reflection waits for the grader: the manual-grading view has something to grade
    [notebook] = get("/formgrader/api/notebooks/02_request")
    assert notebook["name"] == "making_the_request" and notebook["needs_manual_grade"]
    assert "No nbgrader_config.py file found" not in log_path.read_text()


def test_infoview_lab_grade_starts_the_server_in_the_course_folder_on_the_formgrader(monkeypatch):
    started = {}

    def fake_exec(file, args, env):  # stands in for replacing this process with Jupyter
        started.update(args=args, cwd=os.getcwd(), path=env["PATH"])

    monkeypatch.setattr(os, "execvpe", fake_exec)
    monkeypatch.chdir(ROOT / "notebooks")
    assert main(["lab", "--grade"]) == 0
    assert started["cwd"] == str(ROOT / "assignments")
    assert f"--ServerApp.root_dir={ROOT / 'assignments'}" in started["args"]
    assert f"--LabApp.default_url={FORMGRADER_URL}" in started["args"]
    with pytest.raises(FileNotFoundError, match="no nbgrader_config.py"):
        grade_ui_command(ROOT / "notebooks")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_grade_ui_runs_infoview_lab_grade(tmp_path):
    # A checkout with no .venv: the target creates it, installs the kit and opens the formgrader.
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    out = subprocess.run(["make", "--no-print-directory", "-n", "grade-ui"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].startswith("python3 -m venv .venv") and lines[-1] == ".venv/bin/infoview lab --grade", out
