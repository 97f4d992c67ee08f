"""Where things are in a course checkout, and what nbgrader generates there: one home for each.

The command line (``infoview lab``), the student bundle and the grading helpers all read these,
so the library never needs its command line to find the course.
"""
from __future__ import annotations

import json
from pathlib import Path

#: The notebook every way into the course opens on (``make lab``, Binder links, the bundle's README).
WELCOME = "notebooks/00_welcome.ipynb"
#: The nbgrader course folder of a checkout (holds ``nbgrader_config.py`` and ``source/``).
COURSE_FOLDER = "assignments"
#: What nbgrader and ``infoview grade`` generate in a course folder: never copied with the course
#: (a stale release must not leak into a student bundle, a copy for tests starts clean).
GENERATED = frozenset({
    "release", "submitted", "autograded", "feedback", "downloaded", "exchange", "gradebook.db",
    ".nbgrader.log", ".infoview-grade.log", ".infoview-grade-status.json",
})
#: Caches that are not the course either.
CACHES = frozenset({"__pycache__", ".ipynb_checkpoints"})
#: The kit's own Jupyter config folder (laid out like etc/jupyter/), searched before the system's.
KIT_JUPYTER_CONFIG = Path(__file__).resolve().parent / "jupyter_config"


def course_root(start: Path | None = None) -> Path:
    """The course checkout: the folder holding :data:`WELCOME` (``start`` or a parent; default the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / WELCOME).is_file():
            return folder
    raise FileNotFoundError(f"no {WELCOME} found in {here} or its parents; run this from the course folder")


def kit_page_config() -> dict:
    """The kit's JupyterLab page config (``labconfig/page_config.json``): the plugins it turns off."""
    return json.loads((KIT_JUPYTER_CONFIG / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
