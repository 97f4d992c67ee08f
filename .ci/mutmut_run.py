"""`mutmut` for `make mutation`, with one fix to mutmut 3.8's `max_stack_depth`.

mutmut's stats run counts, for each call of a mutated function, the kit's own frames between the
test and the call (pyproject.toml's `max_stack_depth`). It resolves each frame's file with
`Path.resolve(strict=True)`, which raises for frames that have no file: the import system's
(`<frozen importlib._bootstrap>`, when a module calls a mutated function while it is imported, as
`LazyPattern(...)` does) and code made at run time (a dataclass's `__init__`, which calls
`Verdict.__post_init__`). This copy of mutmut's `record_trampoline_hit` passes over such frames;
everything else is mutmut's own. The stats mode is also kept out of the environment, so a process a
test starts (the CLI tests run `python -c ...` in mutants/) runs the kit unmutated instead of
recording stats nobody reads with mutmut's unfixed function. Mutant workers still pass their mutant
on to such processes. Usage: `python .ci/mutmut_run.py run` (any mutmut command).
"""
from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import mutmut.mutation.trampoline
import mutmut.stats
from mutmut.configuration import config
from mutmut.state import state


def record_trampoline_hit(name: str, caller: str | None = None) -> None:
    mutated_source_paths = config().resolved_mutated_source_paths
    if config().max_stack_depth != -1:
        frame = inspect.currentframe()
        budget = config().max_stack_depth
        while budget and frame:
            filename = frame.f_code.co_filename
            frame = frame.f_back
            if "pytest" in filename or "unittest" in filename:
                break
            if not os.path.isfile(filename):  # the fix: a frame with no file is not the kit's
                continue
            file_path = Path(filename).resolve()
            if any(path in file_path.parents for path in mutated_source_paths):
                budget -= 1
        if not budget:
            return
    state()._stats.add(name)
    if caller is not None and config().track_dependencies:
        state().function_dependencies[name].add(caller)


mutmut.stats.record_trampoline_hit = record_trampoline_hit
mutmut.mutation.trampoline.record_trampoline_hit = record_trampoline_hit

import mutmut.__main__  # noqa: E402  (after the fix is in place)

_set_mutant_under_test = mutmut.__main__.set_mutant_under_test


def set_mutant_under_test(name: str | None) -> None:
    _set_mutant_under_test(name)
    if name == "stats":  # this process only (the trampolines fall back to it), not its children
        os.environ.pop("MUTANT_UNDER_TEST", None)


mutmut.__main__.set_mutant_under_test = set_mutant_under_test
cli = mutmut.__main__.cli

if __name__ == "__main__":
    sys.exit(cli())
