"""The nbgrader course folder (``assignments/``) as objects: copy it, load its config, drive nbgrader.

Used by the pipeline tests and the autograde benchmark, which run nbgrader
in-process on a throwaway copy of the course (an ``nbgrader`` command costs
several seconds of start-up each time).
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..layout import CACHES
from ..layout import GENERATED as _GENERATED

#: Where the course lives in a checkout of the kit.
COURSE = Path(__file__).resolve().parents[2] / "assignments"
#: What is never copied with the course: what nbgrader generates, and caches.
GENERATED = tuple(sorted(_GENERATED | CACHES))


def copy_course(destination: Path, source: Path = COURSE) -> Path:
    """Copy the course's config and source notebooks (nothing generated) to ``destination``."""
    source = Path(source)
    if not (source / "nbgrader_config.py").is_file():
        raise FileNotFoundError(f"{source} is not an nbgrader course folder (no nbgrader_config.py)")
    shutil.copytree(source, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*GENERATED))
    return Path(destination)


def load_config(folder: Path, cell_timeout: int | None = None):
    """The traitlets Config of the course in ``folder`` (its ``nbgrader_config.py``).

    ``cell_timeout`` overrides the per-cell time limit (tests use a short one).
    """
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    if cell_timeout is not None:
        config.ExecutePreprocessor.timeout = cell_timeout
        config.Execute.timeout = cell_timeout
    return config


def ensure_alembic_on_path() -> None:
    """nbgrader runs ``alembic`` through PATH: put this interpreter's bin folder first if it is missing."""
    bin_dir = Path(sys.executable).parent
    if shutil.which("alembic") is None and (bin_dir / "alembic").exists():
        os.environ["PATH"] = os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])


def course_api(folder: Path, cell_timeout: int | None = None):
    """An ``nbgrader.apps.NbGraderAPI`` bound to the course in ``folder``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ensure_alembic_on_path()
    config = load_config(folder, cell_timeout)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def require_success(result: dict, step: str) -> dict:
    """Raise RuntimeError with nbgrader's log when an API step failed."""
    if not result.get("success"):
        raise RuntimeError(f"nbgrader {step} failed:\n{result.get('error') or ''}\n{result.get('log') or ''}")
    return result


def assignments(folder: Path = COURSE) -> dict[str, str]:
    """Assignment name -> its notebook's file stem, from ``folder/source/*/*.ipynb`` (one notebook each)."""
    found = {}
    for path in sorted(Path(folder).glob("source/*/*.ipynb")):
        if path.parent.name in found:
            raise ValueError(f"assignment {path.parent.name} has more than one notebook")
        found[path.parent.name] = path.stem
    return found
