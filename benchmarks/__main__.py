"""Run every benchmark: ``make bench`` (``python -m benchmarks``).

Each ``benchmarks/bench_*.py`` defines ``main() -> None`` and prints its own
results; ``python -m benchmarks NAME`` runs only the ones whose name contains NAME.
"""
from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    if not names:
        print("no benchmark matched", argv)
        return 2
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").main()
        print(f"({name} took {time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
