"""Lesson notebooks: run-all time of each notebook after kernel start, and peak kernel memory.

For each notebook in ``notebooks/`` this starts a fresh kernel (cwd: a temporary copy of
the notebook, ``INFOVIEW_WORK_DIR``: a temporary folder), waits until it is ready, then
times running every cell, and reads the kernel's peak resident memory (``ru_maxrss``)
from inside the kernel afterwards. Targets: each notebook < 3 s, the whole course
< 20 s, peak kernel RSS < 300 MB.

Run: ``make bench`` or ``.venv/bin/python -m benchmarks notebooks``.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TARGET_EACH_S = 3.0
TARGET_TOTAL_S = 20.0
TARGET_RSS_MB = 300.0
_PEAK_RSS = (
    "import resource, sys\n"
    "_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print(_kb / 1024 if sys.platform != 'darwin' else _kb / 1024 / 1024)"
)


def _isolated_environment(tmp: Path) -> dict[str, str]:
    """Jupyter, IPython and matplotlib settings in ``tmp``, so the run never touches $HOME."""
    env = dict(os.environ, INFOVIEW_WORK_DIR=str(tmp / "work"), MPLBACKEND="Agg")
    for var, sub in {"JUPYTER_CONFIG_DIR": "jupyter-config", "JUPYTER_DATA_DIR": "jupyter-data",
                     "JUPYTER_RUNTIME_DIR": "jupyter-runtime", "IPYTHONDIR": "ipython",
                     "MPLCONFIGDIR": "matplotlib"}.items():
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def run_notebook(path: Path, tmp: Path) -> tuple[float, float, float]:
    """(kernel start seconds, run-all seconds, peak kernel RSS in MB) for one notebook."""
    import nbformat
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell

    lesson_dir = tmp / "notebooks"
    lesson_dir.mkdir(parents=True)
    shutil.copy2(path, lesson_dir / path.name)
    nb = nbformat.read(lesson_dir / path.name, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(lesson_dir)}})
    started = time.perf_counter()
    with client.setup_kernel(env=_isolated_environment(tmp)):
        client.wait_for_reply(client.kc.kernel_info())
        ready = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        finished = time.perf_counter()
        probe = new_code_cell(_PEAK_RSS)
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)
    rss_mb = float("".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream").strip())
    return ready - started, finished - ready, rss_mb


def main() -> None:
    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        print("no lesson notebooks found in", NOTEBOOKS)
        return
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {cpus} CPUs, load average {load:.1f} at start (times grow with load)")
    print(f"{'notebook':40} {'kernel start':>12} {'run all':>9} {'peak RSS':>10}  target")
    total, peak = 0.0, 0.0
    slow = []
    for path in notebooks:
        with tempfile.TemporaryDirectory(prefix="infoview-bench-nb-") as tmp:
            start_s, run_s, rss_mb = run_notebook(path, Path(tmp))
        total += run_s
        peak = max(peak, rss_mb)
        ok = run_s < TARGET_EACH_S and rss_mb < TARGET_RSS_MB
        if not ok:
            slow.append(path.name)
        print(f"{path.name:40} {start_s:11.2f}s {run_s:8.2f}s {rss_mb:8.0f}MB  "
              f"{'ok' if ok else 'MISSED'} (< {TARGET_EACH_S:g} s, < {TARGET_RSS_MB:g} MB)", flush=True)
    print(f"{'whole course (run all, summed)':40} {'':12} {total:8.2f}s {peak:8.0f}MB  "
          f"{'ok' if total < TARGET_TOTAL_S else 'MISSED'} (< {TARGET_TOTAL_S:g} s)")
    if slow:
        print("over target:", ", ".join(slow))


if __name__ == "__main__":
    main()
