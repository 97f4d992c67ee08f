"""Compiled detector patterns kept between processes, as Python keeps compiled modules in ``__pycache__``.

The detectors hold about 100 regular expressions (some 60,000 characters of long phrase
alternations). Python's :mod:`re` parses and translates each one into a program for its
matching engine the first time a process uses it: about 0.15 s of CPU for the request's
patterns alone, paid again by every kernel that runs a self-check and every grading process.
The result depends only on the pattern, its flags and the interpreter, so this module keeps
the programs in one file beside this module,
``__pycache__/infoview-patterns.<cache tag>.marshal`` (a dictionary keyed by pattern and
flags), and a later process rebuilds each pattern from its program with ``_sre.compile``, the
call :func:`re.compile` itself ends with (microseconds instead of milliseconds). The pattern
built is equal (``==``: same text, flags and program) to what :func:`re.compile` returns; a
test checks this for every detector pattern.

The programs belong to one interpreter's regular-expression engine, so the file records the
Python version and ``_sre.MAGIC`` and is ignored under any other. Anything unexpected (an
unreadable or corrupt file, a program the engine refuses, a Python without these internals)
falls back to :func:`re.compile`: the cache can make a process slower to start, never wrong.

Writing follows the ``.pyc`` rules: only where the folder is writable and
``sys.dont_write_bytecode`` is off, atomically (a temporary file, then a rename), by a process
that compiled patterns the file lacked (:func:`save`, called by the grading processes after their
warm-up and after each request, and at exit; after a failed write a process stops trying). A
sandboxed kernel only reads it. :func:`infoview_lib.rules.compile_all_patterns` (``make bench``
calls it) compiles every detector's patterns and writes the file (whatever
``sys.dont_write_bytecode`` says), as ``python -m compileall`` does for modules.
"""
from __future__ import annotations

import atexit
import marshal
from array import array
import os
import re
import sys
import tempfile
from pathlib import Path

try:  # the internals re.compile uses (Python 3.11+; sre_* before)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    try:
        import _sre
        import sre_compile as _compiler
        import sre_parse as _parser
    except ImportError:
        _sre = _compiler = _parser = None

#: The folder of the cache file (tests point it elsewhere).
CACHE_DIR = Path(__file__).resolve().parent / "__pycache__"

#: What the stored programs depend on: a file written under anything else is ignored.
_ENGINE = f"{sys.version} {getattr(_sre, 'MAGIC', None)} {getattr(_sre, 'CODESIZE', None)} packed"

_programs: dict | None = None  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup)
_derived: dict = {}  # (kind, pattern) -> what remembered() computed from the pattern's text
_new = False  # compiled something the file lacks
_unwritable = False  # a write failed (a sandboxed kernel, a read-only installation): do not retry


#: array type code of the engine's code words (``_sre.CODESIZE`` bytes each)
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 4)), "I")


def _unpack(code: bytes) -> list[int]:
    return array(_CODE_TYPE, code).tolist()


def cache_file() -> Path:
    return CACHE_DIR / f"infoview-patterns.{sys.implementation.cache_tag}.marshal"


def _read() -> tuple[dict, dict]:
    """The file's (programs, derived facts); empty when it is missing, unreadable or for another engine."""
    try:
        data = marshal.loads(cache_file().read_bytes())
        if (isinstance(data, dict) and data.get("engine") == _ENGINE and isinstance(data.get("programs"), dict)
                and isinstance(data.get("derived"), dict)):
            return data["programs"], data["derived"]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}, {}


def _load() -> dict:
    global _programs, _derived
    if _programs is None:
        _programs, _derived = _read()
    return _programs


def _program(pattern: str, flags: int) -> tuple:
    """What :func:`re.compile` hands ``_sre.compile`` for ``pattern`` (its parse and translation),
    the code packed as bytes (a quarter of the memory of a list of numbers)."""
    parsed = _parser.parse(pattern, flags)
    code = array(_CODE_TYPE, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, rebuilt from the stored program when there is one."""
    global _new
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    programs = _load()
    stored = programs.get(key)
    if stored is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = stored
            return _sre.compile(pattern, final_flags, _unpack(code), groups, groupindex, indexgroup)
        except Exception:  # a program this engine refuses: compile it afresh below
            programs.pop(key, None)
    try:
        program = _program(pattern, int(flags))
        final_flags, code, groups, groupindex, indexgroup = program
        compiled = _sre.compile(pattern, final_flags, _unpack(code), groups, groupindex, indexgroup)
    except re.error:
        raise
    except Exception:  # internals not as expected: the public way
        return re.compile(pattern, flags)
    programs[key] = program
    _new = True
    return compiled


def remembered(kind: str, pattern: str, compute):
    """``compute()``, a fact worked out from ``pattern``'s text alone (a tuple of strings or None),
    kept in the cache file under ``(kind, pattern)`` (:class:`.text.PhrasePattern` keeps the
    literal starts of its alternatives here)."""
    global _new
    _load()
    key = (kind, pattern)
    if key in _derived:
        return _derived[key]
    value = compute()
    _derived[key] = value
    _new = True
    return value


def save(force: bool = False) -> bool:
    """Write the programs compiled in this process into the cache file (merged with what it
    holds), if there are new ones and the folder may be written. True when it was written.
    Like a ``.pyc``, nothing is written under ``sys.dont_write_bytecode`` unless ``force``."""
    global _new, _unwritable
    if not _new or _programs is None or (sys.dont_write_bytecode and not force) or (_unwritable and not force):
        return False
    path = cache_file()
    try:
        programs, derived = _read()
        programs.update(_programs)
        derived.update(_derived)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps({"engine": _ENGINE, "programs": programs, "derived": derived}))
            os.chmod(tmp, 0o644)  # readable like a .pyc (mkstemp makes it private)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):  # a read-only installation or a sandboxed kernel: like a .pyc, skip it
        _unwritable = True
        return False
    _new = False
    return True


atexit.register(save)
