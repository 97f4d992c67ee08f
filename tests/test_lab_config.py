"""The kit's own Jupyter configuration: JupyterLab opens without the "official Jupyter news?" prompt.

``infoview lab`` (``make lab``) puts the kit's config folder first on ``JUPYTER_CONFIG_PATH``; the
user's own config folder (``JUPYTER_CONFIG_DIR``) is never written or changed. The students'
Binder gets the same setting through the bundle (``test_student_bundle.py``); the browser test
``tests/e2e/test_feedback.py`` checks that no prompt appears.
"""
from __future__ import annotations

import json
import os
import sys
from fnmatch import fnmatch
from pathlib import Path

from infoview_lib.cli.lab import lab_environment
from infoview_lib.layout import KIT_JUPYTER_CONFIG, kit_page_config

ROOT = Path(__file__).resolve().parents[1]
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"


def page_config_with(env: dict[str, str], monkeypatch) -> dict:
    """The page config JupyterLab's server would send to the browser under ``env``."""
    from jupyterlab_server.config import get_page_config

    for name in ("JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return get_page_config([], logger=None)


def test_the_lab_command_turns_off_the_news_prompt_through_the_kits_own_config(tmp_path, monkeypatch):
    user_config = tmp_path / "user-jupyter"
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(user_config))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "site"))
    env = lab_environment()
    # the kit's folder comes first; what was on the path stays; the user's folder is left alone
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(KIT_JUPYTER_CONFIG), str(tmp_path / "site")]
    assert env["JUPYTER_CONFIG_DIR"] == str(user_config)

    with_kit = page_config_with({"JUPYTER_CONFIG_PATH": env["JUPYTER_CONFIG_PATH"],
                                 "JUPYTER_CONFIG_DIR": str(user_config)}, monkeypatch)
    assert ANNOUNCEMENTS in with_kit["disabledExtensions"]
    without = page_config_with({"JUPYTER_CONFIG_DIR": str(user_config)}, monkeypatch)
    assert ANNOUNCEMENTS not in without.get("disabledExtensions", [])  # it is the kit's config that does it
    assert not user_config.exists()  # nothing written to the user's config


def test_the_disabled_plugin_is_the_one_that_asks_about_news():
    # a typo would silently disable nothing: the name and the prompt are in the installed JupyterLab
    assert kit_page_config() == {"disabledExtensions": {ANNOUNCEMENTS: True}}
    static = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
    bundled = [p.read_text(errors="replace") for p in static.glob("*.js")]
    asking = [js for js in bundled if "Would you like to get notified about official Jupyter news?" in js]
    assert asking and any(ANNOUNCEMENTS in js for js in asking)


def test_the_kit_config_is_installed_with_the_kit():
    try:
        import tomllib
    except ImportError:  # Python 3.10: tomli, a dependency there (pyproject.toml)
        import tomli as tomllib
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["infoview_lib"]
    config_file = (KIT_JUPYTER_CONFIG / "labconfig" / "page_config.json").relative_to(ROOT / "infoview_lib")
    assert any(fnmatch(str(config_file), pattern) for pattern in globs)
    json.loads((KIT_JUPYTER_CONFIG / "labconfig" / "page_config.json").read_text())
