"""What the assignments' test cells call: one small check per advice item.

In the student's kernel these checks are feedback while they work. The grade is
computed elsewhere: at autograde the same test cells run on the answers alone in a
clean process (:mod:`.trusted`, where :func:`grade_in_this_process` makes the checks
score in that process), and those verdicts are recorded (:mod:`.autograde`).

Every check raises :class:`AssertionError` whose message starts with the advice id
and says what to do next, so nbgrader's feedback (trimmed by :mod:`.feedback`)
shows a student exactly which advice they missed and why.

Verdicts of the scorers are computed in a fresh interpreter
(``python -I -m infoview_lib.grading.grade_answer``, see :mod:`.grade_answer`)
with the answer passed as JSON on stdin. A student who rebinds
``infoview_lib.score_request``, replaces ``infoview_lib.rules.request.score_request``
or patches ``Report.score`` in an answer cell changes only their own kernel;
the grading process never sees it. The notebook's first cell calls
:func:`start_grader`, which starts that process before any answer cell runs and
keeps it warm; without it (or if it dies) each distinct answer gets a one-shot
process. Results are cached per distinct answer.

Test cells are written as::

    checks.expect_met("request", "request.brief", text=request_draft, channel=channel)
"""
from __future__ import annotations

import atexit
import difflib
import functools
import gc
import json
import os
import queue
import re
import subprocess
import sys
import threading

from ..advice import ADVICE
from ..inputs import UNANSWERED_PLACEHOLDERS
from .answers import AnswerTypeError, encode
from ..errors import InfoviewError

#: The interpreter that grades answers, captured when the checks are first imported
#: (the notebook's first, locked cell), before any answer cell runs.
PYTHON = sys.executable
#: Seconds one grading process may take (well under nbgrader's per-cell timeout).
GRADING_TIMEOUT = 12
#: Placeholders an untouched answer cell still holds.


class GradingError(InfoviewError, RuntimeError):
    """The grading process itself failed (not the student's answer): tell the instructor."""


def _fail(advice_id: str, message: str) -> AssertionError:
    return AssertionError(f"{advice_id}: {message}")


_COMMAND = ("-I", "-m", "infoview_lib.grading.grade_answer")


class _Grader:
    """A warm grading process (``grade_answer --serve``) started by the notebook's first cell.

    It answers one JSON line per request. If it died or stalls, it is stopped and
    the check falls back to a one-shot process, so grading never depends on it.
    """

    def __init__(self, artefacts: tuple[str, ...]):
        self.process = subprocess.Popen(
            [PYTHON, *_COMMAND, "--serve", *artefacts],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, bufsize=1,
            # Its own session: the kernel's interrupt (nbgrader's per-cell timeout) does not
            # reach it, and ipykernel's shutdown, which waits for the children of its process
            # group, does not wait for it. It ends when its stdin closes with the kernel.
            start_new_session=(os.name == "posix"),
        )
        self.replies: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="infoview-grader-reader", daemon=True)
        self.reader.start()
        # End it with the kernel, rather than leave it to notice its closed stdin.
        atexit.register(self.stop)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put("")  # end of output: the process has gone

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, payload: str) -> str | None:
        try:
            self.process.stdin.write(payload + "\n")
            self.process.stdin.flush()
            reply = self.replies.get(timeout=GRADING_TIMEOUT)
        except (OSError, ValueError, queue.Empty):
            reply = ""
        if not reply.strip():
            self.stop()
            return None
        return reply

    def stop(self) -> None:
        """End the process (it also ends by itself when its stdin closes)."""
        if self.alive():
            self.process.kill()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.reader.join(timeout=1)
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


_grader: _Grader | None = None
#: True in the trusted grading process (:mod:`.trusted`): checks score right here.
_in_process = False


def grade_in_this_process() -> None:
    """Score every check in this process, starting no grading process.

    For :mod:`.trusted`, which is itself a clean process that runs no student code.
    """
    global _in_process
    _in_process = True


def start_grader(*artefacts: str) -> None:
    """Start the grading process now, importing the scorers of ``artefacts``.

    Called in each assignment's first (locked) cell: the process warms up while
    the student's cells run, and every check after that costs milliseconds. It is a
    fresh interpreter, so it is as deaf to tampering as a one-shot process.

    In a notebook it also arranges for :func:`freeze_loaded_objects` to run once
    the setup cell has finished.
    """
    global _grader
    if _in_process:
        return
    if _grader is None or not _grader.alive():
        try:
            _grader = _Grader(tuple(artefacts))
        except OSError:
            _grader = None
    _freeze_after_this_cell()


def freeze_loaded_objects() -> None:
    """Move every object that exists now (the modules the setup cell imported:
    IPython, pandas, the course library) out of the garbage collector's sight.

    They live as long as the kernel anyway. The cyclic collector then stops
    re-scanning them, and the kernel exits in a few milliseconds instead of
    spending 0.1-0.3 s collecting them at shutdown, which nbgrader waits for
    after every submission. Objects made later (the student's answers) are
    collected as usual. (No collection first: it would cost more than the few
    bytes of import-time garbage it could free.)
    """
    gc.freeze()


def _freeze_after_this_cell() -> None:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return  # plain Python (tests, the grading process): nothing to speed up

    def once(*_):
        shell.events.unregister("post_run_cell", once)
        freeze_loaded_objects()

    shell.events.register("post_run_cell", once)


def _one_shot(payload: str) -> str:
    try:
        done = subprocess.run([PYTHON, *_COMMAND], input=payload, capture_output=True, text=True,
                              timeout=GRADING_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise GradingError(f"grading took longer than {GRADING_TIMEOUT} s") from None
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise GradingError("the grading process failed: " + " | ".join(tail))
    return done.stdout


@functools.lru_cache(maxsize=64)
def _run_grader(payload: str) -> str:
    if _in_process:
        from .grade_answer import grade

        return json.dumps(grade(json.loads(payload)))
    if _grader is not None and _grader.alive():
        reply = _grader.ask(payload)
        if reply is not None:
            return reply
    return _one_shot(payload)


def score(artefact: str, **answer) -> dict[str, dict]:
    """The findings for ``answer`` by advice id, computed in a fresh process.

    Raises :class:`AnswerTypeError` for an answer that cannot be sent (a function,
    a widget) and :class:`ValueError` carrying the scorer's message when the scorer
    refused the answer (wrong type, a date it cannot read).
    """
    encoded = {name: encode(value, name) for name, value in answer.items()}
    payload = json.dumps({"artefact": artefact, "answer": encoded}, sort_keys=True)
    result = json.loads(_run_grader(payload))
    if "error" in result:
        raise ValueError(result["error"])
    return {f["advice_id"]: f for f in result["findings"]}


def expect_met(artefact: str, advice_id: str, **answer) -> None:
    """Assert the scorer finds ``advice_id`` met for ``answer``.

    The failure message is the scorer's own message (what to do next, and the
    advice it follows), prefixed with the advice id. Returns None: a test cell's
    output would count as partial credit in nbgrader.
    """
    ADVICE[advice_id]
    for name, value in answer.items():
        expect_answered(value, name, advice_id)
    try:
        findings = score(artefact, **answer)
    except (AnswerTypeError, ValueError) as err:
        raise _fail(advice_id, f"your answer could not be checked: {err}") from None
    if advice_id not in findings:
        raise _fail(advice_id, f"the {artefact} check did not look at this advice for your answer; "
                               "fill in every part of the exercise")
    finding = findings[advice_id]
    if not finding["passed"]:
        raise _fail(advice_id, finding["message"])


def _is_placeholder(value) -> bool:
    return value is Ellipsis or (isinstance(value, str) and value.strip() in UNANSWERED_PLACEHOLDERS)


def expect_answered(value, name: str, advice_id: str) -> None:
    """Assert answer ``name`` no longer holds the release's placeholder ("YOUR ANSWER HERE")."""
    items = value if isinstance(value, (list, tuple)) else [value]
    if _is_placeholder(value) or any(_is_placeholder(v) for v in items):
        raise _fail(advice_id, f"`{name}` still holds the placeholder: write your answer in the cell above")


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces (for comparing texts)."""
    return " ".join(re.findall(r"[a-z0-9]+", str(text).lower()))


def similarity(a: str, b: str) -> float:
    """How alike two texts are once normalised, from 0 to 1."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def expect_own_words(text, examples, advice_id: str, limit: float = 0.85) -> None:
    """Assert ``text`` is not (nearly) one of the ``examples`` the notebook showed."""
    expect_answered(text, "your text", advice_id)
    if not isinstance(text, str) or not text.strip():
        raise _fail(advice_id, "your answer must be text in quotes")
    for example in examples:
        if similarity(text, example) >= limit:
            raise _fail(advice_id, "your answer is (almost) the example from the notebook; "
                                   "write your own version")


def word_count(text: str) -> int:
    """Words in ``text``: runs of letters, digits and apostrophes."""
    return len(re.findall(r"[A-Za-z0-9']+", str(text)))


def expect_word_range(text, low: int, high: int, advice_id: str) -> None:
    """Assert ``text`` has between ``low`` and ``high`` words."""
    if not isinstance(text, str):
        raise _fail(advice_id, f"your answer must be text in quotes, not {type(text).__name__}")
    n = word_count(text)
    if not low <= n <= high:
        raise _fail(advice_id, f"your text has {n} words; this exercise asks for {low} to {high}")


def _chosen(answer, options, advice_id: str) -> str:
    options = list(options)
    if not isinstance(answer, str) or answer.strip().lower() not in options:
        shown = answer if isinstance(answer, str) else type(answer).__name__
        raise _fail(advice_id, f"answer with one of {', '.join(repr(o) for o in options)} in quotes "
                               f"(you gave {shown!r})")
    return answer.strip().lower()


def expect_choice(answer, options, advice_id: str) -> None:
    """Assert ``answer`` is one of ``options`` (letters "abc", or words like ["email", "linkedin"]).

    Case and surrounding spaces are ignored.
    """
    _chosen(answer, options, advice_id)


def expect_contains(text, fragments, advice_id: str, what: str) -> None:
    """Assert ``text`` contains at least one of ``fragments`` (ignoring case); ``what`` says why."""
    if not isinstance(text, str) or not any(f.lower() in text.lower() for f in fragments):
        raise _fail(advice_id, what)


def expect_correct_choice(answer, correct: str, advice_id: str, options: str = "abcd") -> None:
    """Assert the chosen letter is ``correct``; the message restates the advice, not the letter."""
    if _chosen(answer, options, advice_id) != correct:
        raise _fail(advice_id, f"not the best choice. Re-read the advice: {ADVICE[advice_id].summary}")


def expect_between(value, low: float, high: float, advice_id: str, what: str) -> None:
    """Assert ``value`` is a number from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise _fail(advice_id, f"{what} must be a number, not {type(value).__name__}")
    if not low <= float(value) <= high:
        raise _fail(advice_id, f"{what} is {float(value):g}; it must be between {low} and {high}")


def expect_close(value, expected: float, advice_id: str, what: str, tolerance: float = 0.01) -> None:
    """Assert a number the student computed equals ``expected`` (within ``tolerance``)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _fail(advice_id, f"{what} must be a number, not {type(value).__name__}") from None
    if abs(number - expected) > tolerance:
        raise _fail(advice_id, f"{what} is {number:g}, which does not match the contact log; "
                               "check your filter and what you divided by")


def expect_count(items, low: int, high: int, advice_id: str, what: str) -> None:
    """Assert ``items`` is a list holding ``low`` to ``high`` entries."""
    if not isinstance(items, (list, tuple)):
        raise _fail(advice_id, f"your {what} must be a list in square brackets, not {type(items).__name__}")
    if not low <= len(items) <= high:
        raise _fail(advice_id, f"you wrote {len(items)} {what}; this exercise asks for {low} to {high}")


def expect_distinct(items, advice_id: str, what: str) -> None:
    """Assert no two entries of ``items`` are the same once normalised."""
    seen = set()
    for item in items if isinstance(items, (list, tuple)) else [items]:
        key = normalise(item)
        if key in seen:
            raise _fail(advice_id, f"two of your {what} are the same; make each one count")
        seen.add(key)


def expect_rows(frame, low: int, advice_id: str, what: str) -> None:
    """Assert a table (a DataFrame or a list of rows) has at least ``low`` rows."""
    try:
        n = len(frame)
    except TypeError:
        raise _fail(advice_id, f"your plan must be a table (a pandas DataFrame), not {type(frame).__name__}") from None
    if n < low:
        raise _fail(advice_id, f"your plan has {n} {what}; plan at least {low}")
