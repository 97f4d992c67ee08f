"""The student bundle being assembled: the course folders it is built from, its errors, its state."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InfoviewError
from ..layout import COURSE_FOLDER

#: the course repository's own folders the bundle is built from
LESSONS_DIR = "notebooks"
COURSE_DIR = COURSE_FOLDER
KIT_PACKAGE = "infoview_lib"


class BundleError(InfoviewError, ValueError):
    """The bundle cannot be written as asked (bad output folder, bad URL): nothing was written."""


class BundleBuildError(InfoviewError, RuntimeError):
    """A step failed (nbgrader could not release an assignment, or a solution would leak)."""


@dataclass
class BundleBuild:
    """The bundle being assembled: the steps read ``course`` and write into ``staging``."""

    course: Path
    """The instructor's course checkout (holds notebooks/, assignments/, infoview_lib/, binder/)."""
    staging: Path
    """The folder the steps write the bundle into; moved to the output folder at the end."""
    scratch: Path
    """A private temporary folder for nbgrader's copy of the course."""
    repo_url: str | None = None
    """The class's public repository (for the README's Binder links), if known."""
    assignments: list[str] = field(default_factory=list)
    """The assignments released into the bundle, in order."""
    notes: list[str] = field(default_factory=list)
    """Things the instructor should know (printed by the CLI)."""
    site: bool = False
    """Also copy the course website's sources (``site/``, the coach app's guide), set to ``repo_url``."""
