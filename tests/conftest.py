"""Shared test set-up.

Jupyter and matplotlib write to $HOME; every test session points them at
temporary folders so the suite never touches the developer's own settings.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
VENV_BIN = str(Path(sys.executable).parent)

_home = Path(tempfile.mkdtemp(prefix="infoview-test-home-"))
for var, sub in {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}.items():
    (_home / sub).mkdir(parents=True, exist_ok=True)
    os.environ[var] = str(_home / sub)
os.environ["MPLBACKEND"] = "Agg"
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
# nbgrader runs alembic through PATH: the venv's bin first.
os.environ["PATH"] = os.pathsep.join([VENV_BIN, os.environ.get("PATH", "")])


def load_jsonl(name: str) -> list[dict]:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"development data {path} is absent (it lives in ../shared/data beside the checkout)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
