"""``infoview doctor``: the versions of the course's tools, and whether the widget extension is active."""
from __future__ import annotations

import json
import re
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from .exit_codes import ExitCode

NAME = "doctor"
HELP = "Print the versions of Python, JupyterLab, ipywidgets and nbgrader, and check the widget extension."
PACKAGES = ("infoview", "jupyterlab", "notebook", "ipywidgets", "jupyterlab_widgets", "nbgrader", "pandas", "matplotlib")


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def widget_extension_status() -> tuple[bool, str]:
    """(active, explanation) for the @jupyter-widgets/jupyterlab-manager extension."""
    exe = Path(sys.executable).with_name("jupyter")
    try:
        out = subprocess.run(
            [str(exe), "labextension", "list"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, f"could not run `jupyter labextension list`: {err}"
    listing = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    for line in listing.splitlines():
        if "@jupyter-widgets/jupyterlab-manager" in line:
            ok = "enabled" in line and "OK" in line
            return ok, line.strip()
    return False, "@jupyter-widgets/jupyterlab-manager is not installed (pip install 'ipywidgets>=8')"


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    versions = package_versions()
    active, detail = widget_extension_status()
    if args.json:
        print(json.dumps({"versions": versions, "widget_extension": {"active": active, "detail": detail}}, indent=2))
    else:
        for name, version in versions.items():
            print(f"{name:20} {version or 'not installed'}")
        print(f"{'widget extension':20} {'active' if active else 'NOT active'} ({detail})")
    missing = [n for n in ("jupyterlab", "ipywidgets", "nbgrader") if not versions.get(n)]
    return ExitCode.OK if active and not missing else ExitCode.NOT_MET
