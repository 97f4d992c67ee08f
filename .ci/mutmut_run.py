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
    if hasattr(runner, "test_runner"):  # mutmut's fork runner: mutants fork from this process
        startup = runner.startup

        def collect_then_start() -> None:  # after the stats run, before the first mutant
            runner.test_runner.warm_up()
            startup()

        runner.startup = collect_then_start
    run_clean_tests = runner.run_clean_tests

    def run_clean_tests_unless_just_run(tests) -> int:
        return 0 if _full_stats_run else run_clean_tests(tests)

    runner.run_clean_tests = run_clean_tests_unless_just_run
    return runner


mutmut.__main__.get_mutant_runner = get_mutant_runner

# Each mutant's tests, run from one collection. mutmut forks a process per mutant from its main
# process, and there each mutant's process started pytest afresh with the mutant's test ids: a new
# configuration, the conftest files, and the collection of every test file named (items and
# parameters included) before its first test ran: about 0.2 s of CPU for a mutant with one quick
# test, more for one whose tests are spread over thirty files. Most mutants are killed by one of
# their first tests, so that start-up was much of their cost. Here the main process configures
# pytest and collects the whole selection once, after the stats run and before the first mutant
# (the fork runner's start-up); each mutant's forked process then runs only its own items from that
# collection through pytest's own run loop (fixtures, -x, teardown): about 0.05 s for one quick test.
# The order: first the tests that already killed another mutant of the same function (they usually
# kill this one too; kept in mutants/.killers/), then the fastest. Each test may take ten times its
# stats-run duration (at least 3 s) before it fails as too slow, so a mutant that loops forever is
# stopped in seconds, not at mutmut's limit for all its tests (25-31 s each before). A test id
# missing from the collection (a test added after the stats) sends that mutant down mutmut's path.
from mutmut.__main__ import mangled_name_from_mutant_name  # noqa: E402
from mutmut.runners.harness import PytestRunner  # noqa: E402
import pytest  # noqa: E402

_KILLERS = Path(".killers")  # inside mutants/: a file per function, the tests that killed its mutants
#: a test may take this many times its duration in the stats run (at least the minimum) before it
#: fails as too slow; mutmut's own limit, for all of a mutant's tests at once, is far longer
_TEST_LIMIT_FACTOR = 10
_MIN_TEST_LIMIT_S = 3.0


class _FirstFailure:
    """A pytest plugin that remembers the first test that failed in this process."""

    nodeid: str | None = None

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed and self.nodeid is None:
            self.nodeid = report.nodeid


def _warm_up_with_one_collection(self: PytestRunner) -> None:
    from _pytest.config import _prepareconfig
    from _pytest.main import Session

    self._first_failure = _FirstFailure()
    args = ["--rootdir=.", "--tb=native", "--capture=sys"]
    args += self._pytest_args_regular_run([]) + self._pytest_add_cli_args
    previous, output = os.getcwd(), sys.stdout
    os.chdir("mutants")
    sys.stdout = open(os.devnull, "w")  # pytest's reporter writes there: mutants' runs print nothing
    try:
        config = _prepareconfig(args, plugins=[self._first_failure])
        config._do_configure()
        session = Session.from_config(config)
        session.exitstatus = 0
        config.hook.pytest_sessionstart(session=session)
        config.hook.pytest_collection(session=session)
    finally:
        os.chdir(previous)
        sys.stdout = output
    self._session = session
    self._items_by_id = {item.nodeid: item for item in session.items}


def _run_collected_tests(self: PytestRunner, *, mutant_name: str | None, tests) -> int:
    session = getattr(self, "_session", None)
    tests = list(tests)
    if session is None or not tests or any(test not in self._items_by_id for test in tests):
        return _run_tests(self, mutant_name=mutant_name, tests=tests)
    killers_file = _KILLERS / mangled_name_from_mutant_name(mutant_name) if mutant_name else None
    os.chdir("mutants")  # this process only: the mutant's own, forked for it
    killers = killers_file.read_text().split() if killers_file and killers_file.exists() else []
    durations = state().duration_by_test
    rank: dict[str, int] = {}
    for place, test in enumerate(reversed(killers)):  # the newest first
        rank.setdefault(test, place)
    tests.sort(key=lambda test: (rank.get(test, len(rank)), durations.get(test, 0.0), test))
    session.items = [self._items_by_id[test] for test in tests]
    for item in session.items:  # an endless loop fails its test soon, not at mutmut's limit for all of them
        item.add_marker(pytest.mark.timeout(max(_MIN_TEST_LIMIT_S, _TEST_LIMIT_FACTOR * durations.get(item.nodeid, 0.0))))
    session.testscollected = len(session.items)
    config = session.config
    try:
        config.hook.pytest_runtestloop(session=session)
    except (session.Failed, session.Interrupted):
        pass
    exit_code = 1 if session.testsfailed else 0
    killer = self._first_failure.nodeid
    if killer and killers_file and killer not in killers[-3:]:
        _KILLERS.mkdir(exist_ok=True)
        with killers_file.open("a") as lines:
            lines.write(killer + "\n")
    config.hook.pytest_sessionfinish(session=session, exitstatus=exit_code)
    return exit_code


_run_tests = PytestRunner.run_tests
PytestRunner.warm_up = _warm_up_with_one_collection
PytestRunner.run_tests = _run_collected_tests
cli = mutmut.__main__.cli

if __name__ == "__main__":
    sys.exit(cli())
