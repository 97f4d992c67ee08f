"""Trusted grades: the test cells run on the answers alone, in a clean process.

nbgrader runs each test cell in the student's kernel, after the student's code,
so anything a test cell calls can be changed by that code (rebinding ``checks``,
patching modules or IPython, hooks, threads). The points written to the
gradebook therefore come from here instead (see :mod:`.autograde`):

1. the answers are read from the submitted notebook's answer cells with
   :mod:`ast`, never run (:mod:`.answer_source` says what an answer may be);
2. a grading process started with ``python -I -m infoview_lib.grading.trusted
   --serve`` (no current folder, no PYTHONPATH, no user site-packages on its
   path) runs the instructor's setup cell and test cells from the gradebook on
   those answers, with the checks scoring in that same process;
3. each test cell's verdict (passed, or the check's message) goes back to the
   notebook and the gradebook.

The only student input that process evaluates are answer statements the
allow-list accepted (literals; for the pandas exercise, pure pandas expressions
over the data file the course ships, read from the instructor's source folder),
with only harmless builtins in reach. No student code runs in it, and nothing
the kernel did reaches it. One process serves every submission of a grading run
(each request gets a fresh namespace), so its start-up is paid once.
"""
from __future__ import annotations

import ast
import atexit
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from ..errors import InfoviewError

#: Seconds one submission's trusted grading may take before the process is stopped.
TIMEOUT = 60
#: Seconds one answer statement or self-check may take (an answer is a value: it takes milliseconds).
ANSWER_SECONDS = 5
#: Seconds one whole request may take before the process ends itself (a C-level loop that
#: :data:`ANSWER_SECONDS` cannot interrupt); the submission then fails with a clear error.
REQUEST_SECONDS = 30
#: Address space the grading process may use (a runaway answer gets a MemoryError, not the machine).
MEMORY_BYTES = 4 * 1024**3

_COMMAND = ("-I", "-m", "infoview_lib.grading.trusted", "--serve")


class TrustedGradingError(InfoviewError, RuntimeError):
    """The trusted grading process failed (not the student's answer)."""


@dataclass(frozen=True)
class Verdict:
    """The trusted outcome of one test cell."""

    passed: bool
    message: str = ""
    """``AssertionError: request.brief: ...`` when the cell failed."""
    needs_look: bool = False
    """An answer it needs could not be read as an answer: a grader should look."""


# ------------------------------------------------------------ grading process side

def _safe_builtins() -> dict:
    import builtins

    from .answer_source import BUILTINS

    from .answer_source import IMPORTS

    allowed = {name: getattr(builtins, name) for name in BUILTINS}

    def only_the_allowed_imports(name, globals=None, locals=None, fromlist=(), level=0):
        if level or name not in IMPORTS:
            raise ImportError(f"an answer cannot import {name}")
        return builtins.__import__(name, globals, locals, fromlist, level)

    allowed["__import__"] = only_the_allowed_imports
    return allowed


def _names_used(source: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def grade_request(request: dict) -> dict:
    """Run ``request``'s setup cells, bind its answers, run its test cells; return the verdicts.

    ``request`` holds ``setup`` (sources), ``answers`` (``[source, binds, problem]``
    per statement, in order), ``tests`` (``[grade_id, source]``), ``data_dir``
    (the folder holding the files the assignment ships) and ``displays``
    (``[key, source]`` of self-check cells the allow-list accepted, re-run on the
    answers so the feedback shows what the grade is based on).
    """
    from . import checks

    checks.grade_in_this_process()
    data_dir = request.get("data_dir")
    if data_dir and os.path.isdir(data_dir):
        os.chdir(data_dir)
    namespace: dict = {"__name__": "__main__"}
    for source in request.get("setup", []):
        exec(compile(source, "<setup>", "exec"), namespace)
    unreadable: dict[str, str] = {}
    safe = _safe_builtins()
    for source, binds, problem in request.get("answers", []):
        if problem is not None:
            for name in binds:
                namespace.pop(name, None)
                unreadable[name] = problem
            continue
        scratch = {name: value for name, value in namespace.items() if not name.startswith("__")}
        scratch["__builtins__"] = safe
        try:
            with _time_limit(ANSWER_SECONDS):
                exec(compile(source, "<answer>", "exec"), scratch)
        except Exception as err:  # the student's own error, as the kernel would have shown it
            for name in binds:
                namespace.pop(name, None)
                unreadable[name] = f"error:{type(err).__name__}: {err}"
            continue
        for name in binds:
            namespace[name] = scratch[name]
            unreadable.pop(name, None)
    verdicts = {}
    for grade_id, source in request.get("tests", []):
        missing = sorted(name for name in _names_used(source) if name in unreadable)
        if missing:
            name = missing[0]
            why = unreadable[name]
            if why.startswith("error:"):
                verdicts[grade_id] = {"passed": False, "needs_look": False,
                                      "message": f"AssertionError: `{name}` could not be computed: {why[6:]}"}
            else:
                verdicts[grade_id] = {"passed": False, "needs_look": True,
                                      "message": f"AssertionError: `{name}` is not an answer the grader can "
                                                 f"read ({why}); a grader will look at it"}
            continue
        try:
            exec(compile(source, f"<{grade_id}>", "exec"), namespace)
        except AssertionError as err:
            verdicts[grade_id] = {"passed": False, "needs_look": False, "message": f"AssertionError: {err}"}
        except NameError as err:
            verdicts[grade_id] = {"passed": False, "needs_look": False,
                                  "message": f"NameError: {err}: write your answer in its answer cell"}
        except Exception as err:
            verdicts[grade_id] = {"passed": False, "needs_look": False, "message": f"{type(err).__name__}: {err}"}
        else:
            verdicts[grade_id] = {"passed": True, "needs_look": False, "message": ""}
    displays = {}
    for key, source in request.get("displays", []):
        missing = sorted(name for name in _names_used(source) if name in unreadable)
        if missing:
            displays[key] = {"error": f"`{missing[0]}` is not an answer the grader could read"}
            continue
        try:
            with _time_limit(ANSWER_SECONDS):
                displays[key] = {"data": _display(source, dict(namespace))}
        except Exception as err:
            displays[key] = {"error": f"{type(err).__name__}: {err}"}
    return {"verdicts": verdicts, "displays": displays}


class AnswerTimeout(InfoviewError):
    """An answer statement ran longer than :data:`ANSWER_SECONDS`."""


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Raise :class:`AnswerTimeout` in this (main) thread after ``seconds`` (POSIX; elsewhere no limit)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(*_):
        raise AnswerTimeout(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _limit_memory() -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_BYTES:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, hard))
    except (ImportError, ValueError, OSError):
        pass


def _display(source: str, namespace: dict) -> dict:
    """What a self-check cell shows: its last expression as ``text/plain`` (and ``text/html``)."""
    tree = ast.parse(source)
    *body, last = tree.body
    exec(compile(ast.Module(body=body, type_ignores=[]), "<self-check>", "exec"), namespace)
    value = eval(compile(ast.Expression(last.value), "<self-check>", "eval"), namespace)
    data = {"text/plain": repr(value)}
    if hasattr(value, "_repr_html_"):
        html = value._repr_html_()
        if html:
            data["text/html"] = html
    return data


def serve() -> int:
    """Answer one JSON request per stdin line with one JSON line, until stdin closes.

    The checks and the scorers are imported first, while nbgrader is still running
    the first notebook (see :meth:`TrustedGrader.warm`)."""
    from . import checks
    from .grade_answer import warm_up
    from infoview_lib.rules import SCORERS
    from infoview_lib.rules.detect import pattern_cache

    _limit_memory()
    checks.grade_in_this_process()
    for artefact in SCORERS:
        warm_up(artefact)
    pattern_cache.save()  # this process is stopped, not ended: its exit hook would not run
    home = os.getcwd()
    for line in sys.stdin:
        if not line.strip():
            continue
        watchdog = threading.Timer(REQUEST_SECONDS, os._exit, args=(3,))
        watchdog.daemon = True
        watchdog.start()
        try:
            result = grade_request(json.loads(line))
        except Exception as err:  # the instructor's setup or the request itself is broken
            result = {"error": f"{type(err).__name__}: {err}"}
        finally:
            watchdog.cancel()
            os.chdir(home)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        pattern_cache.save()  # patterns this answer needed that the cache lacked (rarely any)
    return 0


# ------------------------------------------------------------ nbgrader side

class TrustedGrader:
    """The grading process, started on first use and kept for the rest of the run."""

    def __init__(self, python: str | None = None):
        self.python = python or sys.executable
        self.process: subprocess.Popen | None = None
        self.replies: queue.Queue[str] = queue.Queue()
        self.lock = threading.Lock()

    def _start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        self.process = subprocess.Popen(
            [self.python, *_COMMAND], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, bufsize=1, cwd="/",
            env=env,
        )
        self.replies = queue.Queue()
        process = self.process
        replies = self.replies

        def read() -> None:
            for line in process.stdout:
                replies.put(line)
            replies.put("")

        threading.Thread(target=read, name="infoview-trusted-reader", daemon=True).start()

    def warm(self) -> None:
        """Start the process now (it imports the scorers while the kernel runs the notebook)."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (process.stdin, process.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def grade(self, request: dict) -> dict[str, Verdict]:
        """The verdict of each test cell of ``request`` (see :func:`grade_request`)."""
        return self.grade_and_display(request)[0]

    def grade_and_display(self, request: dict) -> tuple[dict[str, Verdict], dict[str, dict]]:
        """The verdicts, and what each self-check cell of ``request["displays"]`` shows
        (``{"data": mimebundle}`` or ``{"error": why}``) on the answers alone."""
        payload = json.dumps(request)
        with self.lock:
            for attempt in (1, 2):
                if self.process is None or self.process.poll() is not None:
                    self._start()
                try:
                    self.process.stdin.write(payload + "\n")
                    self.process.stdin.flush()
                    reply = self.replies.get(timeout=REQUEST_SECONDS + TIMEOUT)
                except (OSError, ValueError, queue.Empty):
                    reply = ""
                if reply.strip():
                    break
                self.stop()
            else:
                raise TrustedGradingError(
                    f"the trusted grading process did not answer (twice, {REQUEST_SECONDS} s each): "
                    "an answer may be a runaway computation; run `infoview audit` on this submission")
        result = json.loads(reply)
        if "error" in result:
            raise TrustedGradingError(f"trusted grading failed: {result['error']}")
        verdicts = {grade_id: Verdict(v["passed"], v["message"], v["needs_look"])
                    for grade_id, v in result["verdicts"].items()}
        return verdicts, result.get("displays", {})


_grader: TrustedGrader | None = None


def grader() -> TrustedGrader:
    """The process-wide :class:`TrustedGrader` (stopped at exit)."""
    global _grader
    if _grader is None:
        _grader = TrustedGrader()
        atexit.register(_grader.stop)
    return _grader


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["--serve"]:
        print("usage: python -I -m infoview_lib.grading.trusted --serve", file=sys.stderr)
        return 2
    return serve()


if __name__ == "__main__":
    sys.exit(main())
