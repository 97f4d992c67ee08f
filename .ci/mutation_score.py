"""Print the mutation score of a `mutmut run` (`make mutation`) from `mutmut export-cicd-stats`'s JSON.

A mutant counts as killed when a test failed on it or it made the tests run past mutmut's timeout.
Every other mutant (survived, no test called the mutated function, not checked, suspicious) counts
against the score. The breakdown comes first; the last line is the score.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(path: str) -> int:
    stats = json.loads(Path(path).read_text(encoding="utf-8"))
    total = stats["total"]
    if not total:
        print(f"{path}: mutmut made no mutants", file=sys.stderr)
        return 2
    killed = stats["killed"] + stats["timeout"]
    # export-cicd-stats leaves out the mutants a stopped run never reached
    stats["not_checked"] = total - sum(value for key, value in stats.items() if key != "total")
    breakdown = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in stats.items()
                          if key != "total" and value)
    print(f"mutants: {breakdown}")
    print(f"mutation score: {killed} killed of {total} ({100 * killed / total:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
