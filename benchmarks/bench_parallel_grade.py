"""Parallel autograding: a class of 12 and a class of 40 submissions, each graded by serial
`nbgrader autograde` and by `infoview grade --jobs 2`. Prints both wall times and the ratio
against the target (parallel at most 0.6x the serial time, for both sizes), and checks the two
gradebooks agree.

The class of 12 is the hard case: what a run costs outside the grading itself (starting
Python and nbgrader, reading the configuration, snapshotting the gradebook, starting the
workers, merging) is a larger share of a short run.

``python -m benchmarks parallel_grade``; INFOVIEW_BENCH_SUBMISSIONS changes the class sizes
(comma-separated, e.g. ``12`` or ``12,40``).
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 0.6
JOBS = 2


def _students(count: int) -> dict:
    from infoview_lib.instructor.practice_course import PracticeAnswers

    return {f"student{i:03d}": PracticeAnswers(word_count=60 + 7 * i % 90, minutes=10 + (i % 5) * 10,
                                               asks_for_job=i % 4 == 0)
            for i in range(count)}


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and everything it waited for, kernels included)."""
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    cpu, start = _cpu_of_children(), time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds, _cpu_of_children() - cpu


def run_class(count: int) -> float:
    """Grade a class of ``count`` both ways; print the times and return the ratio parallel/serial."""
    import pandas as pd

    from infoview_lib.instructor.class_data import load_class_results
    from infoview_lib.instructor.practice_course import build_practice_course

    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="infoview-bench-grade-") as tmp:
        source = build_practice_course(Path(tmp) / "source", _students(count))
        serial = Path(shutil.copytree(source, Path(tmp) / "serial"))
        parallel = Path(shutil.copytree(source, Path(tmp) / "parallel"))
        print(f"{count} submissions of the practice assignment; {os.cpu_count()} CPUs", flush=True)
        serial_s, serial_cpu = _timed([str(bin_dir / "nbgrader"), "autograde", "practice"], serial)
        print(f"serial   nbgrader autograde      : {serial_s:7.1f} s wall, {serial_cpu:6.1f} s CPU", flush=True)
        parallel_s, parallel_cpu = _timed([str(bin_dir / "infoview"), "grade", "practice", "--jobs", str(JOBS)],
                                          parallel)
        print(f"parallel infoview grade --jobs {JOBS} : {parallel_s:7.1f} s wall, {parallel_cpu:6.1f} s CPU",
              flush=True)
        ratio = parallel_s / serial_s
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(f"ratio parallel/serial wall time: {ratio:.2f} ({verdict} the {TARGET_RATIO}x target)")
        # wall time can only drop when the CPUs are free: the best the jobs can do is CPU / jobs
        load = os.getloadavg()[0]
        print(f"load average during the run: {load:.1f} on {os.cpu_count()} CPUs"
              + ("; other work was competing for the CPUs, so the ratio understates the speed-up"
                 if load > os.cpu_count() else ""))
        a = load_class_results(f"sqlite:///{serial / 'gradebook.db'}")
        b = load_class_results(f"sqlite:///{parallel / 'gradebook.db'}")
        same = a.grades.equals(b.grades) and a.submissions.equals(b.submissions)
        pd.testing.assert_frame_equal(a.grades, b.grades)
        print(f"gradebooks identical (every cell's score for every student): {same}", flush=True)
    return ratio


def main() -> None:
    sizes = [int(n) for n in os.environ.get("INFOVIEW_BENCH_SUBMISSIONS", "12,40").split(",") if n.strip()]
    ratios = {count: run_class(count) for count in sizes}
    print("summary: " + ", ".join(f"class of {n}: {r:.2f}x" for n, r in ratios.items())
          + f" (target {TARGET_RATIO}x for every size)")


if __name__ == "__main__":
    main()
