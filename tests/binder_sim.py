"""A Binder launch simulated without Docker, shared by test_binder.py and test_student_bundle.py.

What mybinder.org does with a repository that has a ``binder/`` folder (repo2docker's
Python build pack): pick the Python of ``binder/runtime.txt``, copy the repository,
run ``pip install -r binder/requirements.txt`` from its root, then ``binder/postBuild``.
The simulation does the same in a fresh virtual environment made with that Python,
then runs notebooks headless with nbclient *inside* that environment (so the kernel,
the kit and every dependency come from what binder/ installed, nothing from .venv).

Building the environment is the expensive part (about 40 s with a warm pip cache),
so it is built once per test session and shared: under pytest-xdist the workers
share it through a folder beside their base temp folders, guarded by a file lock
that every user holds while it installs into or runs the environment.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = str(Path(sys.executable).parent)
#: the mark of every test file that uses the simulated environment (test_binder.py, test_student_bundle.py):
#: under `make test`'s pytest-xdist workers they run on one worker, one after the other, instead of one
#: waiting for the other's lock
SAME_WORKER = pytest.mark.xdist_group("binder")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def runtime_python_version(binder_dir: Path) -> str:
    """'3.11' from a binder/runtime.txt reading ``python-3.11``."""
    text = (binder_dir / "runtime.txt").read_text(encoding="utf-8").strip()
    name, _, version = text.partition("-")
    assert name == "python" and version.count(".") == 1, f"runtime.txt should read python-3.X, not {text!r}"
    return version


def find_python(version: str) -> str | None:
    """An interpreter of that version (the one running the tests when it matches)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return getattr(sys, "_base_executable", None) or sys.executable
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-c", "pass"], capture_output=True).returncode == 0:
        return found
    return None


def repository_files(root: Path) -> list[str]:
    """What a clone of the repository holds: tracked and not-ignored files (git is only read)."""
    if (root / ".git").exists() and shutil.which("git"):
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, capture_output=True, check=True,
        ).stdout.decode()
        return sorted(f for f in out.split("\0") if f and (root / f).is_file())
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", "build"}
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(root).parts) and not p.name.endswith(".egg-info")
    )


def copy_repository(root: Path, dest: Path) -> Path:
    """A clone-like copy of the repository (what repo2docker copies into the image)."""
    for rel in repository_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    return dest


_EXECUTE_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    import infoview_lib
    results = {"kit": infoview_lib.__file__, "notebooks": {}}
    for path in json.loads(sys.argv[1]):
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        error = None
        try:
            NotebookClient(nb, timeout=120, kernel_name="python3",
                           resources={"metadata": {"path": sys.argv[2]}}).execute()
        except CellExecutionError as err:
            error = str(err)[-4000:]
        except Exception as err:
            error = f"{type(err).__name__}: {err}"[-4000:]
        results["notebooks"][path] = {"error": error, "seconds": round(time.perf_counter() - started, 2)}
    print(json.dumps(results))
    """
)


@dataclass
class SimulatedBinder:
    """A virtual environment standing in for the Binder image."""

    prefix: Path
    repo: Path
    """The copy of the repository the environment was first built from."""

    @property
    def python(self) -> Path:
        return self.prefix / "bin" / "python"

    def environ(self, **extra: str) -> dict[str, str]:
        """os.environ with this environment's bin first and the test venv's bin removed."""
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != VENV_BIN]
        env["PATH"] = os.pathsep.join([str(self.prefix / "bin"), *path])
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        env.update(extra)
        return env

    def run(self, cmd: list[str], cwd: Path, timeout: float = 600, **extra: str) -> subprocess.CompletedProcess:
        """Run a command in the environment; fail the test with its output if it fails. ANSI colours removed."""
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=self.environ(**extra), capture_output=True, text=True, timeout=timeout)
        print(f"[binder simulation] {time.perf_counter() - started:6.1f} s  {' '.join(map(str, cmd))[:120]}")
        assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed in {cwd}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        proc.stdout, proc.stderr = _ANSI.sub("", proc.stdout), _ANSI.sub("", proc.stderr)
        return proc

    def install_from_binder(self, repo: Path, no_deps: bool = False) -> None:
        """What repo2docker runs: pip install -r binder/requirements.txt from the repository root, then postBuild.

        (--no-compile only skips writing .pyc files up front, which the tests do not need.)
        """
        cmd = [str(self.python), "-m", "pip", "install", "-q", "--no-compile", "-r", "binder/requirements.txt"]
        if no_deps:
            cmd.insert(4, "--no-deps")
        self.run(cmd, cwd=repo)
        post_build = repo / "binder" / "postBuild"
        if post_build.is_file():
            self.run(["bash", str(post_build)], cwd=repo)

    def installed_kit_source(self) -> str:
        """The folder pip installed the kit from (PEP 610 direct_url.json)."""
        proc = self.run(
            [str(self.python), "-c",
             "from importlib import metadata; print(metadata.distribution('infoview').read_text('direct_url.json'))"],
            cwd=self.prefix,
        )
        return json.loads(proc.stdout)["url"]

    def execute_notebooks(self, notebooks: list[Path], cwd: Path, work_dir: Path) -> dict:
        """Run each notebook top to bottom with nbclient and this environment's own kernel."""
        proc = self.run(
            [str(self.python), "-c", _EXECUTE_SCRIPT, json.dumps([str(p) for p in notebooks]), str(cwd)],
            cwd=cwd, timeout=900, INFOVIEW_WORK_DIR=str(work_dir), MPLBACKEND="Agg",
        )
        return json.loads(proc.stdout.strip().splitlines()[-1])


def _shared_folder(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def simulated_binder(tmp_path_factory):
    """The session's simulated Binder environment, built from the repository's binder/ on first use.

    Held under an exclusive lock for the whole ``with`` block (installing a kit or
    running notebooks in it must not overlap with another test doing the same).
    """
    binder = ROOT / "binder"
    version = runtime_python_version(binder)
    python = find_python(version)
    if python is None:
        pytest.skip(f"binder/runtime.txt asks for Python {version}, which is not installed here")
    shared = _shared_folder(tmp_path_factory)
    with open(shared / "binder-sim.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            prefix = shared / "binder-sim-env"
            sim = SimulatedBinder(prefix, shared / "binder-sim-repo")
            if not (prefix / ".built").is_file():
                shutil.rmtree(prefix, ignore_errors=True)
                shutil.rmtree(sim.repo, ignore_errors=True)
                copy_repository(ROOT, sim.repo)
                subprocess.run([python, "-m", "venv", str(prefix)], check=True, capture_output=True)
                sim.install_from_binder(sim.repo)
                (prefix / ".built").write_text(str(sim.repo))
            yield sim
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def lesson_notebooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))
