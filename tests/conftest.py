"""Shared test set-up (the environment itself is set in the checkout's conftest.py)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
# Jupyter's, IPython's and matplotlib's folders point at temporary ones: the checkout's conftest.py
# (loaded before this one) sets them for the suite and the nbval lesson runs alike.


#: Hypothesis profiles: "ci" (which .ci/run selects with HYPOTHESIS_PROFILE=ci) draws the
#: same examples on every run, so a red CI run can be reproduced and a green one is not luck.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

CHROMIUM = Path("/usr/bin/chromium")


def missing_in_ci() -> list[str]:
    """What CI must have but this machine lacks: locally such tests skip with a reason,
    in CI (CI=true) the run fails instead of staying green with dozens of skips."""
    missing = []
    if not SHARED_DATA.is_dir():
        missing.append(f"the labelled data {SHARED_DATA} (../shared beside the checkout)")
    if not CHROMIUM.is_file():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not os.environ.get("INFOVIEW_TEST_POSTGRES_URL"):
        missing.append("a PostgreSQL server named by INFOVIEW_TEST_POSTGRES_URL (.ci/start-postgres)")
    return missing


def pytest_sessionstart(session):
    if os.environ.get("CI") == "true" and (missing := missing_in_ci()):
        pytest.exit("CI=true, but the test run lacks " + "; ".join(missing)
                    + ". .ci/run installs and starts these; without them tests would be skipped.", returncode=3)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
