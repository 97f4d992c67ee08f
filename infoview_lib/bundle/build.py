"""The bundle's build: the steps in order and the entry point, :func:`build_student_bundle`."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..layout import course_root
from .base import COURSE_DIR, KIT_PACKAGE, LESSONS_DIR, BundleBuild, BundleError
from .binder import binder_spec, write_binder, write_student_readme
from .copying import copy_kit, copy_lessons, release_assignments, write_gitignore
from .leak_check import check_no_solutions
from .site import copy_site

#: The build, in order. copy_lessons comes first (it checks the course folder);
#: write_student_readme needs the lessons and released assignments in place;
#: check_no_solutions must stay last so it sees every file.
BUNDLE_STEPS = (
    copy_lessons,
    release_assignments,
    copy_kit,
    write_binder,
    copy_site,
    write_student_readme,
    write_gitignore,
    check_no_solutions,
)


@dataclass(frozen=True)
class BundleResult:
    """What ``build_student_bundle`` wrote."""

    out_dir: Path
    """The bundle's folder."""
    files: tuple[str, ...]
    """Every file written, relative to out_dir, sorted."""
    assignments: tuple[str, ...]
    """The assignments released into it."""
    notes: tuple[str, ...]
    """Things the instructor should know (e.g. no --repo-url was given)."""


def build_student_bundle(
    out_dir: str | os.PathLike,
    course: str | os.PathLike | None = None,
    repo_url: str | None = None,
    force: bool = False,
    site: bool = False,
) -> BundleResult:
    """Write the student bundle of ``course`` (default: the course folder around the current one) to ``out_dir``.

    Refuses (``BundleError``, nothing written) when ``out_dir`` is not empty, unless
    ``force``: then its contents are replaced, except a ``.git`` folder, so a clone
    of the class repository can be refreshed in place. ``site``: also write the course
    website's sources (``site/``), its launch buttons set to ``repo_url``.
    """
    if course is None:
        try:
            course = course_root()
        except FileNotFoundError as err:
            raise BundleError(str(err)) from None
    course = Path(course).resolve()
    out = Path(out_dir).resolve()
    if repo_url is not None:
        binder_spec(repo_url, "HEAD")  # validate before doing any work
    _check_output_folder(out, course, force)
    with tempfile.TemporaryDirectory(prefix="infoview-bundle-") as tmp:
        build = BundleBuild(course=course, staging=Path(tmp) / "bundle", scratch=Path(tmp) / "scratch", repo_url=repo_url,
                            site=site)
        build.staging.mkdir()
        build.scratch.mkdir()
        for step in BUNDLE_STEPS:
            step(build)
        _replace_contents(out, build.staging)
    files = tuple(sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                         if p.is_file() and ".git" not in p.relative_to(out).parts))
    return BundleResult(out, files, tuple(build.assignments), tuple(build.notes))


def _check_output_folder(out: Path, course: Path, force: bool) -> None:
    if out == course or out in course.parents:
        raise BundleError(f"{out} holds the course itself; choose a folder outside it (or a new subfolder)")
    for name in (LESSONS_DIR, COURSE_DIR, KIT_PACKAGE, "binder"):
        source = course / name
        if out == source or source in out.parents:
            raise BundleError(f"{out} is inside the course's {name}/ folder; choose another folder")
    if out.exists() and not out.is_dir():
        raise BundleError(f"{out} exists and is not a folder")
    if out.is_dir() and any(p.name != ".git" for p in out.iterdir()) and not force:
        raise BundleError(f"{out} is not empty; use --force to replace its contents (a .git folder is kept)")


def _replace_contents(out: Path, staging: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for item in out.iterdir():
        if item.name == ".git":
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()
    for item in sorted(staging.iterdir()):
        shutil.move(str(item), str(out / item.name))
