"""`mutmut` for `make mutation`, with one fix to mutmut 3.8's `max_stack_depth` and no redundant clean run.

mutmut's stats run counts, for each call of a mutated function, the kit's own frames between the
test and the call (pyproject.toml's `max_stack_depth`). It resolves each frame's file with
`Path.resolve(strict=True)`, which raises for frames that have no file: the import system's
(`<frozen importlib._bootstrap>`, when a module calls a mutated function while it is imported, as
`LazyPattern(...)` does) and code made at run time (a dataclass's `__init__`, which calls
`Verdict.__post_init__`). This copy of mutmut's `record_trampoline_hit` passes over such frames,
and decides once per file name what a frame is (pytest's, the kit's or another), instead of
resolving its path again for every frame of every call; everything else is mutmut's own. The stats mode is also kept out of the environment, so a process a
test starts (the CLI tests run `python -c ...` in mutants/) runs the kit unmutated instead of
recording stats nobody reads with mutmut's unfixed function. Mutant workers still pass their mutant
on to such processes. After a full stats run, mutmut's "clean" run of the same tests is skipped
(see below). Usage: `python .ci/mutmut_run.py run` (any mutmut command).
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


_STOP, _OTHER, _KIT = 0, 1, 2
_kind_by_filename: dict[str, int] = {}


def _frame_kind(filename: str) -> int:
    """Whether a frame's file ends the count (pytest's), counts (the kit's) or not, worked out once per file."""
    kind = _kind_by_filename.get(filename)
    if kind is None:
        if "pytest" in filename or "unittest" in filename:
            kind = _STOP
        elif not os.path.isfile(filename):  # the fix: a frame with no file is not the kit's
            kind = _OTHER
        else:
            file_path = Path(filename).resolve()
            mutated = config().resolved_mutated_source_paths
            kind = _KIT if any(path in file_path.parents for path in mutated) else _OTHER
        _kind_by_filename[filename] = kind
    return kind


def record_trampoline_hit(name: str, caller: str | None = None) -> None:
    if config().max_stack_depth != -1:
        frame = inspect.currentframe()
        budget = config().max_stack_depth
        while budget and frame:
            kind = _frame_kind(frame.f_code.co_filename)
            frame = frame.f_back
            if kind == _STOP:
                break
            if kind == _KIT:
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

# The stats run is the kit's fast tests run unmutated (the trampolines call the original functions),
# and mutmut stops when one of them fails. After a full stats run, mutmut's "clean" run of the same
# tests, again unmutated, proves nothing new: it is skipped, which saves one whole serial run of the
# fast tests. When the stats were loaded from an earlier run instead, the clean run still runs.
_full_stats_run = False
_run_stats_collection = mutmut.__main__.run_stats_collection


def run_stats_collection(runner, tests=None) -> None:
    global _full_stats_run
    _run_stats_collection(runner, tests)  # exits when a test fails
    if not tests:
        _full_stats_run = True


mutmut.__main__.run_stats_collection = run_stats_collection
_get_mutant_runner = mutmut.__main__.get_mutant_runner


def get_mutant_runner(max_children: int):
    runner = _get_mutant_runner(max_children)
    run_clean_tests = runner.run_clean_tests

    def run_clean_tests_unless_just_run(tests) -> int:
        return 0 if _full_stats_run else run_clean_tests(tests)

    runner.run_clean_tests = run_clean_tests_unless_just_run
    return runner


mutmut.__main__.get_mutant_runner = get_mutant_runner
cli = mutmut.__main__.cli

if __name__ == "__main__":
    sys.exit(cli())
