"""The survivors of the last `make mutation`, by function, each with the line it changed.

Usage: `.venv/bin/python .ci/mutation_survivors.py [PREFIX]` after `make mutation` (reads mutants/).
For each function with survivors: its count of survivors and of mutants, then one line per survivor,
``NAME: - old line  + new line`` (the first line mutmut's diff changes), for reviewing them in one
read; `.venv/bin/mutmut show NAME` prints a whole diff. docs/testing.md lists the reviewed kinds.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from mutmut.__main__ import get_diff_for_mutant


def changed_lines(diff: str) -> str:
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return f"- {removed[0] if removed else ''}  + {added[0] if added else ''}"


def main(prefix: str = "") -> int:
    metas = sorted(Path("mutants").glob("**/*.py.meta"))
    if not metas:
        print("no mutants/: run `make mutation` first", file=sys.stderr)
        return 2
    survivors: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    paths: dict[str, str] = {}
    for meta in metas:
        source = str(meta.relative_to("mutants"))[: -len(".meta")]
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            function = name.rsplit("__mutmut_", 1)[0]
            counts[function] += 1
            if code == 0 and name.startswith(prefix):
                survivors[function].append(name)
                paths[name] = source
    for function in sorted(survivors, key=lambda f: (-len(survivors[f]), f)):
        print(f"{function}: {len(survivors[function])} of {counts[function]} survived")
        for name in sorted(survivors[function], key=lambda n: int(n.rsplit("_", 1)[1])):
            print(f"  {name.rsplit('__', 1)[1]}: {changed_lines(get_diff_for_mutant(name, path=paths[name]))}")
    print(f"{sum(map(len, survivors.values()))} survivors in {len(survivors)} functions")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
