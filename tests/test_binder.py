"""Launching the course on Binder: what repo2docker builds from binder/, and a simulated launch.

repo2docker can print the Dockerfile it would build without Docker (--no-build);
the simulated launch (tests/binder_sim.py) builds a fresh environment from binder/
alone and runs every lesson in it.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import binder_sim
from binder_sim import lesson_notebooks, runtime_python_version, simulated_binder
from infoview_lib.bundle.binder import binder_badge_markdown, binder_links

ROOT = Path(__file__).resolve().parents[1]
pytestmark = binder_sim.SAME_WORKER  # one worker for both users of the simulated Binder
BINDER = ROOT / "binder"


def requirement_lines(path: Path) -> list[str]:
    lines = [l.split("#", 1)[0].strip() for l in path.read_text(encoding="utf-8").splitlines()]
    return [l for l in lines if l]


def test_runtime_is_a_python_repo2docker_supports_and_the_kit_allows():
    version = runtime_python_version(BINDER)
    assert version in ("3.11", "3.12")
    import tomllib
    from packaging.specifiers import SpecifierSet

    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert version in SpecifierSet(requires)


def test_requirements_install_the_kit_and_pin_compatible_ranges():
    lines = requirement_lines(BINDER / "requirements.txt")
    assert "." in lines, "binder/requirements.txt must install the kit itself ('.')"
    specs = {Requirement(l).name.lower(): Requirement(l).specifier for l in lines if l != "."}
    for name, inside, outside in (
        ("jupyterlab", ["4.1.0", "4.6.6"], ["3.6.8", "5.0.0"]),
        ("ipywidgets", ["8.1.0", "8.9.0"], ["7.8.5", "9.0.0"]),
        ("nbgrader", ["0.9.3", "0.9.6"], ["0.8.5", "0.10.0"]),
    ):
        assert name in specs, f"{name} is not pinned in binder/requirements.txt"
        for version in inside:
            assert specs[name].contains(version), f"{name} {specs[name]} should allow {version}"
        for version in outside:
            assert not specs[name].contains(version), f"{name} {specs[name]} should exclude {version}"


@pytest.mark.slow
def test_repo2docker_installs_from_binder_with_the_pinned_python(tmp_path):
    exe = Path(sys.executable).with_name("repo2docker")
    proc = subprocess.run([str(exe), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    dockerfile = proc.stdout + proc.stderr
    version = runtime_python_version(BINDER)
    assert f"Building conda environment for python={version}" in proc.stderr
    # The base environment's lock file for that Python (repo2docker escapes "." and "-" in copied names).
    lock_name = f"environment.py-{version}-linux-64.lock".replace("-", "-2d").replace(".", "-2e")
    assert f"{lock_name}-" in proc.stdout and "/tmp/env/environment.lock" in proc.stdout
    install = 'pip install --no-cache-dir -r "binder/requirements.txt"'
    assert install in dockerfile
    # The "." line needs the whole repository, so repo2docker copies it before installing.
    assert dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < dockerfile.index(install)
    # binder/ takes over: the top-level pyproject.toml is not installed a second time.
    assert "pip install --no-cache-dir .\n" not in dockerfile


def test_binder_links_open_the_welcome_notebook_in_lab_and_notebook_7():
    links = binder_links("https://github.com/infoview-course/infoview")
    assert links == {
        "lab": "https://mybinder.org/v2/gh/infoview-course/infoview/HEAD?urlpath=lab/tree/notebooks/00_welcome.ipynb",
        "notebook": "https://mybinder.org/v2/gh/infoview-course/infoview/HEAD?urlpath=tree/notebooks/00_welcome.ipynb",
    }
    badge = binder_badge_markdown("https://github.com/infoview-course/infoview.git")
    assert badge.startswith(f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({links['lab']})")
    assert f"]({links['notebook']})" in badge
    assert binder_links("https://gitlab.com/school/course")["lab"].startswith(
        "https://mybinder.org/v2/gl/school%2Fcourse/HEAD?")


@pytest.mark.slow
def test_every_lesson_runs_in_an_environment_built_only_from_binder(tmp_path, tmp_path_factory):
    with simulated_binder(tmp_path_factory) as sim:
        if not sim.installed_kit_source().endswith(str(sim.repo)):
            # Another test installed its own copy of the kit; put the repository's back.
            sim.install_from_binder(sim.repo, no_deps=True)
        assert sim.installed_kit_source() == sim.repo.as_uri()
        notebooks = lesson_notebooks(sim.repo / "notebooks")
        assert [p.name[:2] for p in notebooks] == ["00", "01", "02", "03", "04", "05", "06"]
        result = sim.execute_notebooks(notebooks, cwd=sim.repo / "notebooks", work_dir=tmp_path / "my_work")
    assert result["kit"].startswith(str(sim.prefix)), result["kit"]
    failures = {Path(p).name: r["error"] for p, r in result["notebooks"].items() if r["error"]}
    assert not failures, "\n\n".join(f"{name}:\n{err}" for name, err in failures.items())
