"""Test set-up for the whole checkout: the suite in tests/ and the lessons in notebooks/ (run by nbval).

Jupyter, IPython and matplotlib write to $HOME: every test session points them at temporary
folders, so the suite never touches the developer's own settings.

The lessons run under ``pytest --nbval-lax notebooks/`` (part of ``make test``: see testpaths and
addopts in pyproject.toml). nbval starts each notebook's kernel in notebooks/ with this process's
environment, so before each notebook INFOVIEW_WORK_DIR points at a fresh temporary work folder, and
the checks of ``tests/lesson_checks.py`` run on every cell nbval executed; a lesson that writes into
notebooks/ fails. nbval's cells are marked ``slow`` (a kernel per notebook).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent
NOTEBOOKS = ROOT / "notebooks"

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
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
# No lesson run may save into notebooks/my_work: until a notebook sets its own, a throwaway folder.
os.environ["INFOVIEW_WORK_DIR"] = str(_home / "work")

sys.path.insert(0, str(ROOT / "tests"))
import lesson_checks  # noqa: E402  (tests/lesson_checks.py, after the path is set)


def _is_nbval_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    references = lesson_checks.reference_outputs()
    for item in items:
        # `make test` runs the suite on two pytest-xdist workers (--dist loadgroup). Each file's tests
        # stay together on one worker (a lesson's cells in one kernel, in order; a module's servers and
        # generated courses built once), unless the file names a group it shares with other files
        # (the browser tests sharing one JupyterLab server, the two users of the simulated Binder).
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
        if _is_nbval_cell(item):
            item.add_marker(pytest.mark.slow)
            # The lessons are committed without outputs; a cell nbval checks gets its reference
            # output from tests/data/lesson_reference_outputs.json (nbval compares only a run cell).
            reference = references.get(item.path.name, {}).get(item.cell.get("id"))
            if reference is not None:
                item.cell.outputs = [nbformat.from_dict(output) for output in reference]
                item.cell.execution_count = 1


#: notebook path -> (its work folder, the notebooks/ folder before it ran)
_RUNS: dict[Path, tuple[Path, dict]] = {}
#: notebook path -> what its cells printed, in order
_PRINTED: dict[Path, list[str]] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a notebook's kernel starts (its first cell): a fresh work folder, and a snapshot of its folder."""
    if _is_nbval_cell(item) and item.path not in _RUNS:
        work_dir = Path(tempfile.mkdtemp(prefix=f"work-{item.path.stem[:2]}-", dir=_home))
        os.environ["INFOVIEW_WORK_DIR"] = str(work_dir)
        _RUNS[item.path] = (work_dir, lesson_checks.folder_state(item.path.parent))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After nbval ran a cell: what nbval cannot check (a widget shown, a figure as an image, no wall of text)."""
    result = yield
    if _is_nbval_cell(item) and item.test_outputs is not None:
        _PRINTED.setdefault(item.path, []).extend(o.get("text", "") for o in item.test_outputs)
        problems = lesson_checks.cell_problems(item.cell.source, item.test_outputs)
        assert not problems, f"{item.path.name} cell {item.cell_num}: " + "; ".join(problems)
    return result


def pytest_runtest_teardown(item, nextitem):
    """After a notebook's last cell: it wrote nothing beside itself, and 06 wrote its prep sheet."""
    if not _is_nbval_cell(item) or (nextitem is not None and nextitem.path == item.path):
        return
    work_dir, before = _RUNS[item.path]
    changed = lesson_checks.written(before, lesson_checks.folder_state(item.path.parent))
    assert not changed, f"{item.path.name} wrote outside its work folder, into {item.path.parent}: {changed}"
    if item.path.name.startswith("06"):
        problems = lesson_checks.capstone_problems("".join(_PRINTED.get(item.path, [])), work_dir, seeded=False)
        assert not problems, f"{item.path.name}: " + "; ".join(problems)
