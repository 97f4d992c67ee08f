"""`infoview student-bundle OUT_DIR`: the students' public course folder.

Built once per session from the real course (lessons in notebooks/, assignments in
assignments/source/), then checked: what it holds, that nothing graded leaks, that a
second build is byte-identical, that it refuses to overwrite, and that it launches
on a simulated Binder like the repository does.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

import binder_sim
from binder_sim import copy_repository, lesson_notebooks, simulated_binder
from infoview_lib.bundle import BundleBuild
from infoview_lib.bundle.binder import DISABLED_LAB_EXTENSIONS, binder_links, write_binder
from infoview_lib.cli import main
from nbgrader_course import (
    REGION_MARKERS,
    answer_with_model_answers,
    assignment_names,
    secret_lines,
    smallest_assignment,
    solution_values,
    source_notebooks,
)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = binder_sim.SAME_WORKER  # one worker for both users of the simulated Binder
REPO_URL = "https://github.com/infoview-course/infoview-student"


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


@pytest.fixture(scope="session")
def course_snapshot(tmp_path_factory) -> Path:
    """A clone-like copy of the repository, so every build in the session sees the same course."""
    if not assignment_names():
        pytest.fail(f"{ROOT}/assignments/source has no assignments to release")
    return copy_repository(ROOT, tmp_path_factory.mktemp("course") / "infoview")


@pytest.fixture(scope="session")
def bundle(course_snapshot, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "infoview-student"
    assert main(["student-bundle", str(out), "--repo-url", REPO_URL, "--course", str(course_snapshot)]) == 0
    return out


@pytest.mark.slow
def test_bundle_holds_lessons_releases_kit_binder_and_readme(bundle, course_snapshot):
    repo, course = course_snapshot, course_snapshot / "assignments"
    lessons = lesson_notebooks(repo / "notebooks")
    assert [p.name for p in lesson_notebooks(bundle / "notebooks")] == [p.name for p in lessons]
    for path in lesson_notebooks(bundle / "notebooks"):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code), f"{path.name} has outputs"
        assert len(nb.cells) == len(nbformat.read(repo / "notebooks" / path.name, as_version=4).cells)
    for name in assignment_names(course):
        source = course / "source" / name
        released = bundle / "assignments" / name
        expected = sorted(p.relative_to(source).as_posix() for p in source.rglob("*")
                          if p.is_file() and ".ipynb_checkpoints" not in p.parts)
        assert sorted(p.relative_to(released).as_posix() for p in released.rglob("*") if p.is_file()) == expected
        for path in released.glob("*.ipynb"):
            cells = nbformat.read(path, as_version=4).cells
            assert any(c.metadata.get("nbgrader", {}).get("grade") for c in cells), f"{path} lost its test cells"
    assert (bundle / "infoview_lib" / "__init__.py").is_file() and (bundle / "pyproject.toml").is_file()
    assert not (bundle / "infoview_lib" / "instructor").exists()
    assert (bundle / "binder" / "requirements.txt").read_text() == (repo / "binder" / "requirements.txt").read_text()
    assert (bundle / "binder" / "runtime.txt").read_text() == (repo / "binder" / "runtime.txt").read_text()
    readme = (bundle / "README.md").read_text()
    links = binder_links(REPO_URL)
    assert f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({links['lab']})" in readme
    assert links["notebook"] in readme
    ignored = (bundle / ".gitignore").read_text().splitlines()
    assert "my_work/" in ignored and ".venv/" in ignored  # the README has students make .venv there


def bundle_texts(bundle: Path):
    """(relative path, text) of every file in the bundle; a notebook's text includes its cells' own
    sources (not only their JSON escaping); binary files are read as UTF-8 with replacement."""
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".ipynb":
            text += "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        yield path.relative_to(bundle).as_posix(), text


def test_bundle_reveals_no_solution_hidden_test_mark_scheme_or_gradebook(bundle, course_snapshot):
    course = course_snapshot / "assignments"
    secrets = secret_lines([nb for name in assignment_names(course) for nb in source_notebooks(name, course)])
    assert secrets, "the assignments' sources should have solution lines to look for"
    leaks = []
    for path in sorted(bundle.rglob("*")):
        rel = path.relative_to(bundle).as_posix()
        if path.is_dir():
            assert path.name != "source", f"{rel}: a source folder in the bundle"
            continue
        assert path.name != "gradebook.db" and path.suffix not in (".db", ".sqlite"), rel
    for rel, text in bundle_texts(bundle):
        leaks += [f"{rel}: {marker}" for marker in REGION_MARKERS if marker in text]
        lines = {line.strip() for line in text.splitlines()}
        leaks += [f"{rel}: solution line {line!r}" for line in sorted(secrets & lines)]
    assert not leaks, "\n".join(leaks)


def test_no_file_of_the_bundle_holds_a_value_of_any_solution(bundle, course_snapshot):
    """A lesson's example must not hand out an answer: every solution value (a date-time, a message,
    a question; see nbgrader_course.solution_values for what counts) is looked for in every file."""
    course = course_snapshot / "assignments"
    values = solution_values([nb for name in assignment_names(course) for nb in source_notebooks(name, course)])
    assert {"2026-03-18T13:52", "2026-03-18T15:30"} <= values, "the extraction should find 04's timing answers"
    leaks = [f"{rel}: {value!r}" for rel, text in bundle_texts(bundle) for value in sorted(values) if value in text]
    assert not leaks, "solution values in the student bundle:\n" + "\n".join(leaks)


@pytest.mark.slow
def test_rebuilding_with_force_gives_identical_files_and_ignores_nbgrader_output(bundle, course_snapshot, tmp_path, capsys):
    again = tmp_path / "class-repo"
    (again / ".git").mkdir(parents=True)
    (again / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (again / "stale_lesson.ipynb").write_text("{}")
    # What nbgrader leaves in an instructor's course folder must not reach the bundle:
    # a stale release made from the sources, a submission, the gradebook.
    course_copy = shutil.copytree(course_snapshot, tmp_path / "course")
    assignments = course_copy / "assignments"
    name = assignment_names(assignments)[0]
    stale = source_notebooks(name, assignments)[0]
    for folder in ("release", "submitted/bob"):
        (assignments / folder / name).mkdir(parents=True)
        shutil.copy(stale, assignments / folder / name / stale.name)
    (assignments / "gradebook.db").write_bytes(b"SQLite format 3\0")
    course = str(course_copy)
    assert main(["student-bundle", str(again), "--repo-url", REPO_URL, "--course", course]) == 2
    assert "not empty" in capsys.readouterr().err and (again / "stale_lesson.ipynb").exists()
    assert main(["student-bundle", str(again), "--force", "--repo-url", REPO_URL, "--course", course]) == 0
    assert (again / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not (again / "stale_lesson.ipynb").exists()
    assert file_hashes(again) == file_hashes(bundle)


def guard_course(dest: Path) -> Path:
    """A stand-in course for the output-folder guard: the welcome lesson and the folders the guard
    protects, one file in each. Pointing ``--force`` at it can only ever touch this copy."""
    for rel in ("notebooks/00_welcome.ipynb", "pyproject.toml", "binder/requirements.txt", "infoview_lib/__init__.py"):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, dest / rel)
    (dest / "assignments" / "source").mkdir(parents=True)
    shutil.copyfile(ROOT / "assignments" / "nbgrader_config.py", dest / "assignments" / "nbgrader_config.py")
    return dest


def test_refuses_bad_input_with_exit_2_and_writes_nothing(tmp_path, capsys):
    course = guard_course(tmp_path / "course")
    before = file_hashes(course)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    assert main(["student-bundle", str(occupied), "--course", str(course)]) == 2
    assert "--force" in capsys.readouterr().err
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]

    assert main(["student-bundle", str(tmp_path / "new"), "--repo-url", "github.com/x", "--course", str(course)]) == 2
    assert "https://" in capsys.readouterr().err and not (tmp_path / "new").exists()

    for inside in (course, course / "notebooks" / "bundle", course / "assignments"):
        assert main(["student-bundle", str(inside), "--force", "--course", str(course)]) == 2
        assert "choose" in capsys.readouterr().err
    assert not (course / "notebooks" / "bundle").exists()
    assert file_hashes(course) == before, "the guard let a build change the course"

    assert main(["student-bundle", str(tmp_path / "new"), "--course", str(tmp_path)]) == 2
    assert "00_welcome.ipynb" in capsys.readouterr().err


def test_last_step_stops_a_bundle_that_would_reveal_graded_material(tmp_path):
    from infoview_lib.bundle import BundleBuildError
    from infoview_lib.bundle.leak_check import check_no_solutions

    staging = tmp_path / "bundle"
    (staging / "assignments" / "a1").mkdir(parents=True)
    (staging / "assignments" / "a1" / "a1.ipynb").write_text('{"cells": [{"source": "### BEGIN HIDDEN TESTS"}]}')
    (staging / "assignments" / "source").mkdir()
    (staging / "gradebook.db").write_bytes(b"")
    with pytest.raises(BundleBuildError) as err:
        check_no_solutions(BundleBuild(course=ROOT, staging=staging, scratch=tmp_path / "scratch"))
    message = str(err.value)
    assert "assignments/a1/a1.ipynb: contains 'BEGIN HIDDEN TESTS'" in message
    assert "assignments/source: a source folder" in message and "gradebook.db: a database file" in message


def test_student_binder_config_turns_off_instructor_extensions_and_keeps_validate(tmp_path):
    # Checked against the configuration files the bundle's binder/ holds.
    build = BundleBuild(course=ROOT, staging=tmp_path, scratch=tmp_path / "scratch")
    write_binder(build)
    binder = tmp_path / "binder"
    assert (binder / "postBuild").read_text().startswith("#!/bin/bash\nset -e\n")
    assert (binder / "postBuild").stat().st_mode & 0o111
    page = json.loads((binder / "jupyter" / "labconfig" / "page_config.json").read_text())
    server = json.loads((binder / "jupyter" / "jupyter_server_config.json").read_text())
    instructor_lab = {
        "@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list",
    }
    # and, as `make lab` does (the kit's own Jupyter config), no "official Jupyter news?" prompt
    turned_off = instructor_lab | {"@jupyterlab/apputils-extension:announcements"}
    assert {k for k, v in page["disabledExtensions"].items() if v} == turned_off
    assert {k for k, v in page["lockedExtensions"].items() if v} == turned_off
    assert server["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.assignment_list": False,
    }
    # Every name is one nbgrader 0.9 really registers (a typo would silently disable nothing).
    lab_ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    bundled_js = "".join(p.read_text(errors="replace") for p in lab_ext.glob("*.js"))
    for plugin in (*instructor_lab, "@jupyter/nbgrader:validate-assignment"):
        assert f'"{plugin}"' in bundled_js or f"'{plugin}'" in bundled_js, plugin
    nbgrader_json = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "nbgrader.json"
    registered = json.loads(nbgrader_json.read_text())["ServerApp"]["jpserver_extensions"]
    assert set(server["ServerApp"]["jpserver_extensions"]) < set(registered)
    assert "nbgrader.server_extensions.validate_assignment" in registered


@pytest.mark.slow
def test_bundle_launches_on_binder_with_student_extensions_only(bundle, course_snapshot, tmp_path, tmp_path_factory):
    student_repo = shutil.copytree(bundle, tmp_path / "student-repo")
    # Answered copies of released notebooks, for nbgrader validate in the students' environment:
    # the test cells must find all they import in the students' copy of the kit, and the data
    # files must be beside the notebooks. The smallest assignment and those shipping data
    # files (each test cell grades in a fresh process, so validating every one is slow).
    course = course_snapshot / "assignments"
    with_data = [n for n in assignment_names(course)
                 if any(not p.name.endswith(".ipynb") for p in (course / "source" / n).iterdir())]
    answered = []
    for name in sorted({smallest_assignment(course), *with_data}):
        for source in source_notebooks(name, course):
            dest = student_repo / "assignments" / name / f"answered_{source.name}"
            answer_with_model_answers(student_repo / "assignments" / name / source.name, source, dest)
            answered.append(dest)
    with simulated_binder(tmp_path_factory) as sim:
        # Same dependencies as the repository's Binder: only the kit needs installing, and it
        # comes from the bundle's own binder/requirements.txt ("." = the bundle), then its postBuild.
        assert (student_repo / "binder" / "requirements.txt").read_text() == (sim.repo / "binder" / "requirements.txt").read_text()
        sim.install_from_binder(student_repo, no_deps=True)
        assert sim.installed_kit_source() == student_repo.as_uri()
        lab = sim.run(["jupyter", "labextension", "list"], cwd=student_repo)
        server = sim.run(["jupyter", "server", "extension", "list"], cwd=student_repo)
        validated = sim.run(["nbgrader", "validate", *map(str, answered)], cwd=student_repo)
        result = sim.execute_notebooks(lesson_notebooks(student_repo / "notebooks"),
                                       cwd=student_repo / "notebooks", work_dir=tmp_path / "my_work")
    failures = {Path(p).name: r["error"] for p, r in result["notebooks"].items() if r["error"]}
    assert not failures, "\n\n".join(f"{name}:\n{err}" for name, err in failures.items())
    disabled_section = (lab.stdout + lab.stderr).split("Disabled extensions:", 1)[1].split("\n\n", 1)[0]
    disabled_lab = set(re.findall(r"^\s+(@jupyter/nbgrader:[\w-]+)", disabled_section, re.M))
    assert disabled_lab == set(DISABLED_LAB_EXTENSIONS)
    states = dict(re.findall(r"^\s+(nbgrader\.server_extensions\.\w+) (enabled|disabled)", server.stdout + server.stderr, re.M))
    assert states == {
        "nbgrader.server_extensions.formgrader": "disabled",
        "nbgrader.server_extensions.course_list": "disabled",
        "nbgrader.server_extensions.assignment_list": "disabled",
        "nbgrader.server_extensions.validate_assignment": "enabled",
    }
    assert validated.stdout.count("Success! Your notebook passes all the tests.") == len(answered), validated.stdout
