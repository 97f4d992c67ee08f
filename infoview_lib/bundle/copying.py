"""Copying and filtering the course into the bundle: the lessons (outputs cleared), the assignments
(released by nbgrader in a temporary copy), the kit (less what only instructors run) and the
``.gitignore``. Nothing a student needs is left out; nothing generated or personal is copied."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..layout import GENERATED, WELCOME
from .base import COURSE_DIR, KIT_PACKAGE, LESSONS_DIR, BundleBuild, BundleBuildError, BundleError

#: files and folders never copied: editor, Python and Jupyter leftovers, and a
#: student's own saved work (``my_work/``, the work store's default folder)
SKIPPED_NAMES = frozenset({"__pycache__", ".ipynb_checkpoints", "my_work", ".DS_Store", ".nbgrader.log"})
SKIPPED_SUFFIXES = (".pyc", ".pyo")

#: parts of the kit only instructors run, left out of the students' copy: they hold
#: nbgrader's region markers (the feedback preprocessor), a practice course with its
#: solutions, or tools for grading and publishing. Students' test cells need only
#: infoview_lib.grading's checks, which stay.
INSTRUCTOR_ONLY = (
    "instructor",
    "grading/feedback.py",
    "grading/feedback_summary.py",
    "grading/audit.py",
    "bundle",
    "cli/audit.py",
    "cli/class_report.py",
    "cli/grade.py",
    "cli/student_bundle.py",
)


def _skipped(name: str) -> bool:
    return name in SKIPPED_NAMES or name.endswith(SKIPPED_SUFFIXES)


def _copy_tree(src: Path, dst: Path, leave_out: tuple[str, ...] = ()) -> list[Path]:
    """Copy the files under ``src`` to ``dst`` (sorted, contents only, no timestamps kept).

    ``leave_out``: paths relative to ``src`` (files or folders) not to copy.
    """
    left_out = [Path(p) for p in leave_out]
    copied = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(_skipped(part) for part in rel.parts) or any(rel == p or p in rel.parents for p in left_out):
            continue
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(target)
    return copied


def clear_notebook(path: Path) -> None:
    """Rewrite a notebook with outputs, execution counts and run metadata removed, as nbformat writes it."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several unrelated types for bad files
        raise BundleBuildError(f"{path} is not a readable notebook: {err}") from err
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, path)


# --------------------------------------------------------------------------- steps

def copy_lessons(build: BundleBuild) -> None:
    """notebooks/ -> notebooks/, with every lesson's outputs cleared; data files come along."""
    src = build.course / LESSONS_DIR
    if not (src / Path(WELCOME).name).is_file():
        raise BundleError(f"{src} has no {Path(WELCOME).name}: is {build.course} the course folder?")
    for path in _copy_tree(src, build.staging / LESSONS_DIR):
        if path.suffix == ".ipynb":
            clear_notebook(path)


def release_assignments(build: BundleBuild) -> None:
    """assignments/source/<a>/ -> assignments/<a>/, released by nbgrader in a temporary copy of the course.

    The temporary copy leaves out what nbgrader generated in the instructor's folder
    (release/, submitted/, gradebook.db...), so only a fresh release reaches the bundle,
    and the instructor's gradebook is never touched (``--no-db``).
    """
    src = build.course / COURSE_DIR
    if not (src / "source").is_dir():
        build.notes.append(f"no {COURSE_DIR}/source folder in {build.course}: the bundle has no assignments")
        return
    course = build.scratch / "course"
    course.mkdir(parents=True)
    for item in sorted(src.iterdir()):
        if item.name in GENERATED or _skipped(item.name):
            continue
        if item.is_dir():
            _copy_tree(item, course / item.name)
        else:
            shutil.copyfile(item, course / item.name)
    names = sorted(p.name for p in (course / "source").iterdir() if p.is_dir() and not _skipped(p.name))
    if not names:
        build.notes.append(f"{COURSE_DIR}/source has no assignment folders: the bundle has no assignments")
        return
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    # One nbgrader run for every assignment ("*" is a glob over source/).
    cmd = [
        sys.executable, "-m", "nbgrader", "generate_assignment", "--no-db", "--force",
        f"--CourseDirectory.root={course}", "--CourseDirectory.assignment_id=*",
    ]
    proc = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True)
    missing = [name for name in names if not (course / "release" / name).is_dir()]
    if proc.returncode != 0 or missing:
        raise BundleBuildError(
            f"nbgrader could not release {', '.join(missing) or 'the assignments'} (exit {proc.returncode}):\n"
            + (proc.stderr or proc.stdout)[-3000:]
        )
    for name in names:
        _copy_tree(course / "release" / name, build.staging / COURSE_DIR / name)
        build.assignments.append(name)


def copy_kit(build: BundleBuild) -> None:
    """infoview_lib/ and pyproject.toml: the kit the lessons and test cells import, less INSTRUCTOR_ONLY."""
    _copy_tree(build.course / KIT_PACKAGE, build.staging / KIT_PACKAGE, leave_out=INSTRUCTOR_ONLY)
    shutil.copyfile(build.course / "pyproject.toml", build.staging / "pyproject.toml")


def write_gitignore(build: BundleBuild) -> None:
    """.gitignore: students' saved work, the virtual environment the README has them create, and
    Jupyter's checkpoints stay out of the class repository."""
    (build.staging / ".gitignore").write_text(
        "my_work/\n.venv/\n.ipynb_checkpoints/\n__pycache__/\n*.egg-info/\nbuild/\n_build/\n", encoding="utf-8"
    )
