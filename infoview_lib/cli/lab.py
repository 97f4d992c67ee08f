"""``infoview lab``: open JupyterLab on the course, as ``make lab`` does.

``infoview lab --grade`` (``make grade-ui``) opens nbgrader's formgrader on the graded
course instead: the server starts *in* ``assignments/`` (formgrader reads
``nbgrader_config.py`` from the folder the server runs in, and the course root must be
inside the server's root), and opens on ``/formgrader``.

The browser end-to-end tests start the server through this same function, adding
only a loopback port, a token and no browser, so what they test is what
instructors run.

The kit brings its own Jupyter configuration, :data:`KIT_JUPYTER_CONFIG`, which the
server finds through ``JUPYTER_CONFIG_PATH`` (the user's own config folder is left
alone): its ``labconfig/page_config.json`` turns off JupyterLab's announcements plugin,
so students are not asked "Would you like to get notified about official Jupyter news?"
and the server fetches no news. The student bundle's Binder installs the same settings
(:func:`infoview_lib.bundle.binder.student_jupyter_config`).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..layout import COURSE_FOLDER, KIT_JUPYTER_CONFIG, WELCOME, course_root
from .exit_codes import ExitCode

NAME = "lab"
HELP = ("Open JupyterLab on the course at notebooks/00_welcome.ipynb; with --grade, open nbgrader's "
        "formgrader on the graded course in assignments/ (what `make grade-ui` runs).")
#: the page graders start on
FORMGRADER_URL = "/formgrader"
#: the module that runs JupyterLab's or Notebook 7's command line (python -m ...): see jupyter_main.py
JUPYTER_MAIN = "infoview_lib.cli.jupyter_main"


def jupyter_command(interface: str) -> list[str]:
    """``jupyter lab`` or ``jupyter notebook`` in this environment's Python, through
    :mod:`.jupyter_main` (the same server, minus a slow import it does not need at start)."""
    return [sys.executable, "-m", JUPYTER_MAIN, interface]


def lab_command(root: Path, interface: str = "lab", extra: list[str] | None = None) -> list[str]:
    """The command line that starts the course server (JupyterLab, or Notebook 7 with interface="notebook")."""
    if interface == "lab":
        cmd = [*jupyter_command("lab"), f"--ServerApp.root_dir={root}", f"--LabApp.default_url=/lab/tree/{WELCOME}"]
    elif interface == "notebook":
        cmd = [*jupyter_command("notebook"), f"--ServerApp.root_dir={root}",
               f"--JupyterNotebookApp.default_url=/tree/{WELCOME}"]
    else:
        raise ValueError(f"interface must be 'lab' or 'notebook', not {interface!r}")
    return cmd + list(extra or [])


def grade_ui_command(course: Path, extra: list[str] | None = None) -> tuple[list[str], Path]:
    """The command line that opens the formgrader on the nbgrader course in ``course``, and the
    folder to start it in (the course itself: formgrader reads ``nbgrader_config.py`` from there).

    Raises FileNotFoundError when ``course`` has no ``nbgrader_config.py``.
    """
    course = Path(course).resolve()
    if not (course / "nbgrader_config.py").is_file():
        raise FileNotFoundError(f"no nbgrader_config.py in {course}: formgrader needs the nbgrader course folder")
    cmd = [*jupyter_command("lab"), f"--ServerApp.root_dir={course}", f"--LabApp.default_url={FORMGRADER_URL}"]
    return cmd + list(extra or []), course


def lab_environment() -> dict[str, str]:
    """The environment for the server: the kit's own bin first on PATH (nbgrader runs alembic through PATH),
    and the kit's Jupyter config folder first on JUPYTER_CONFIG_PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    config_path = [str(KIT_JUPYTER_CONFIG)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(config_path))
    return env


def add_arguments(parser) -> None:
    parser.add_argument("--notebook", action="store_true", help="use the Notebook 7 interface instead of JupyterLab")
    parser.add_argument("--grade", action="store_true",
                        help=f"open nbgrader's formgrader on the graded course ({COURSE_FOLDER}/) instead of the lessons")
    parser.add_argument("jupyter_args", nargs="*", help="extra options passed to Jupyter (after --)")


def run(args) -> int:
    try:
        root = course_root()
    except FileNotFoundError as err:
        print(f"infoview lab: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    extra = list(args.jupyter_args)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        extra.append("--allow-root")  # containers and CI machines often run as root; Jupyter refuses without it
    if args.grade:
        try:
            cmd, folder = grade_ui_command(root / COURSE_FOLDER, extra)
        except FileNotFoundError as err:
            print(f"infoview lab: {err}", file=sys.stderr)
            return ExitCode.BAD_INPUT
        os.chdir(folder)  # formgrader loads nbgrader_config.py from the server's working folder
    else:
        cmd = lab_command(root, "notebook" if args.notebook else "lab", extra)
    os.execvpe(cmd[0], cmd, lab_environment())
    return ExitCode.OK  # pragma: no cover
