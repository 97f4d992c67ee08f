"""The work store: what a student types in the coaching widgets, kept safe on disk.

Work is never lost:

* **One JSON file per key** (``request.json``, ``questions.json``, ...) in one folder,
  wrapped in an envelope::

      {"format": "infoview-work", "version": 1, "key": "request",
       "saved_at": "2026-03-14T10:02:11.123456+00:00", "data": {...}}

* **Atomic writes.** A save writes a uniquely named temporary file in the same folder,
  flushes and fsyncs it, then ``os.replace``\\ s it over the old file. A kernel killed
  mid-save leaves either the old file or the new one, never half a file. Concurrent
  saves (threads or processes) each use their own temporary file, so the last writer
  wins with its whole content.
* **Corrupt files are kept aside, never deleted.** If a file cannot be read, it is
  renamed ``<key>.corrupt-<n>.json`` (or ``<key>.newer-<n>.json`` when a newer kit
  wrote it), a :class:`WorkStoreWarning` says where it went, and ``load`` returns None.
* **Debounced autosave.** :meth:`WorkStore.autosave` saves after ~0.5 s without a
  new change for that key; :meth:`WorkStore.flush` saves everything pending now.
* **Export and restore.** :meth:`WorkStore.export_bytes` packs every entry into one
  JSON bundle (``{"format": "infoview-work-bundle", "version": 1, "exported_at": ...,
  "entries": {key: data}}``) that a student can download and later restore with
  :meth:`WorkStore.restore_bytes`. A restore checks the whole file first: a corrupt
  file, a file that is not an Infoview bundle, or one from a newer version raises
  :class:`WorkRestoreError` and changes nothing. Before anything is written, a backup
  of the current work goes to ``backups/work-<timestamp>.json`` (itself a bundle that
  can be restored).

  **Does restore overwrite?** ``restore_bytes(data)`` adds entries the store does not
  have and *keeps* entries it already has (they are listed as skipped).
  ``restore_bytes(data, overwrite=True)`` replaces existing entries with the bundle's
  (the work saver widget does this: the student chose to restore). Either way the
  backup is written first, so the replaced work can be restored in turn.

The module is longer than most (about 550 lines) because its promises (atomic writes, corrupt
files kept aside, debounced autosave, export and restore with a backup) are one concern and are
checked against each other; split, each part would need the others to be read.

Example (in a lesson, ``WorkStore.default()`` is the store: ``./my_work``, or
``$INFOVIEW_WORK_DIR``; here a temporary folder)::

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> store = WorkStore(folder.name)
    >>> path = store.save("request", {"text": "Dear Ms Ruiz, ...", "channel": "email"})
    >>> store.load("request")["channel"]
    'email'
    >>> folder.cleanup()
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import os
import re
import tempfile
import threading
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from .errors import InfoviewError

try:  # POSIX: a lock file serialises restores and set-asides between processes.
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock still applies
    fcntl = None

FORMAT = "infoview-work"
BUNDLE_FORMAT = "infoview-work-bundle"
VERSION = 1
BUNDLE_VERSION = 1
ENV_VAR = "INFOVIEW_WORK_DIR"
DEFAULT_FOLDER = "my_work"
BACKUP_FOLDER = "backups"
BUNDLE_FILE_NAME = "infoview-my-work.json"
#: Largest bundle restore_bytes accepts (a year of typing is far less).
MAX_BUNDLE_BYTES = 20 * 1024 * 1024

_KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


class WorkStoreError(InfoviewError):
    """Saving or loading work failed (the message says what and where)."""


class WorkRestoreError(WorkStoreError):
    """A file could not be restored; nothing in the store was changed."""


class WorkStoreWarning(UserWarning):
    """Something in the store needed attention (e.g. a corrupt file was kept aside)."""


@dataclass(frozen=True)
class RestoreResult:
    """What :meth:`WorkStore.restore_bytes` did."""

    restored: tuple[str, ...]
    """Keys written from the bundle."""
    skipped: tuple[str, ...]
    """Keys in the bundle that were kept as they were (they exist and overwrite was False)."""
    backup: Path
    """The backup of the work as it was before the restore."""

    @property
    def message(self) -> str:
        """A sentence for the student saying what happened."""
        parts = []
        if self.restored:
            parts.append(f"Restored {len(self.restored)} item(s): {', '.join(self.restored)}.")
        else:
            parts.append("Nothing was restored.")
        if self.skipped:
            parts.append(
                f"Kept your current {', '.join(self.skipped)} (already saved here; "
                "restore with overwrite=True to replace them)."
            )
        parts.append(f"Your work as it was before is backed up in {self.backup}.")
        return " ".join(parts)


def check_key(key) -> str:
    """Return ``key`` if it can name a work file: letters, digits, '-' and '_' (at most 100)."""
    if not isinstance(key, str):
        raise TypeError(f"a work key must be a str like 'request', not {type(key).__name__}")
    if not _KEY_PATTERN.fullmatch(key):
        raise ValueError(
            f"work key {key!r} is not allowed: use letters, digits, '-' and '_' "
            "(starting with a letter or digit, at most 100 characters), e.g. 'request' or 'quiz-what'"
        )
    return key


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat()


def _json_text(value, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{what} must be plain JSON data (dict, list, str, number, bool, None): {exc}"
        ) from None


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` atomically: unique temp file, fsync, ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)
    return path


class WorkStore:
    """Student work saved as JSON files in ``folder`` (created on first save).

    ``autosave_delay`` is the quiet time in seconds before an autosave writes.
    """

    AUTOSAVE_DELAY = 0.5
    _defaults: dict[Path, "WorkStore"] = {}
    _defaults_lock = threading.Lock()

    def __init__(self, folder, *, autosave_delay: float | None = None):
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"folder must be a path (str or Path), not {type(folder).__name__}")
        self.folder = Path(folder).expanduser().resolve()
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"the work folder {self.folder} exists but is a file, not a folder")
        self.autosave_delay = self.AUTOSAVE_DELAY if autosave_delay is None else float(autosave_delay)
        self._lock = threading.RLock()
        self._lock_depth = 0  # how deep this store's holder is in _process_lock
        # key -> (timer, data snapshot, generation, callbacks)
        self._pending: dict[str, tuple[threading.Timer, dict, int, list]] = {}
        self._generation = 0  # counts save requests, to order them
        self._written: dict[str, int] = {}  # key -> generation of the save on disk
        self._write_lock = threading.Lock()
        # held from taking an autosave off _pending until it is written, so that flush() (and the
        # export after it) waits for an autosave its timer's thread is writing at that moment
        self._autosaving = threading.RLock()

    # -- where things live -------------------------------------------------
    @classmethod
    def default(cls) -> "WorkStore":
        """The store for this session: ``$INFOVIEW_WORK_DIR``, else ``./my_work``.

        Lessons run with the notebooks folder as working directory, so work lands in
        ``notebooks/my_work/``. Calls with the same folder return the same store, so
        every widget in a kernel shares it.
        """
        folder = Path(os.environ.get(ENV_VAR) or Path.cwd() / DEFAULT_FOLDER).expanduser().resolve()
        with cls._defaults_lock:
            store = cls._defaults.get(folder)
            if store is None:
                store = cls._defaults[folder] = cls(folder)
            return store

    def path_for(self, key: str) -> Path:
        """The file that holds ``key``."""
        return self.folder / f"{check_key(key)}.json"

    def __repr__(self) -> str:
        return f"WorkStore({str(self.folder)!r})"

    def keys(self) -> list[str]:
        """The keys saved in the store, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json") if _KEY_PATTERN.fullmatch(p.stem))

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and _KEY_PATTERN.fullmatch(key) is not None and self.path_for(key).is_file()

    # -- saving and loading --------------------------------------------------
    def save(self, key: str, data: dict) -> Path:
        """Save ``data`` (a JSON-ready dict) under ``key`` now, atomically; return the file.

        Any autosave still pending for ``key`` is cancelled: this save is newer.
        """
        with self._lock:
            pending = self._pending.pop(key, None)
            generation = self._next_generation()
        if pending:
            pending[0].cancel()
        return self._write(key, data, generation)

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _write(self, key: str, data: dict, generation: int) -> Path:
        """Write one entry, unless this store already wrote a newer version of it.

        ``generation`` orders saves by when they were asked for: an autosave snapshot
        taken before an explicit save never lands after it.
        """
        check_key(key)
        if not isinstance(data, dict):
            raise TypeError(f"the work saved under {key!r} must be a dict, not {type(data).__name__}")
        envelope = {"format": FORMAT, "version": VERSION, "key": key, "saved_at": _now(), "data": data}
        payload = _json_text(envelope, f"the work saved under {key!r}").encode("utf-8")
        path = self.path_for(key)
        with self._write_lock:
            if generation < self._written.get(key, 0):
                return path  # a newer save of this key is already on disk
            try:
                atomic_write_bytes(path, payload)
            except OSError as exc:
                raise WorkStoreError(f"could not save {key!r} in {self.folder}: {exc}") from exc
            self._written[key] = generation
        return path

    def load(self, key: str) -> dict | None:
        """The data saved under ``key``, or None if nothing (readable) is saved.

        An unreadable file is renamed aside (never deleted) with a WorkStoreWarning.
        """
        path = self.path_for(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise WorkStoreError(f"could not read {path}: {exc}") from exc
        problem, label = self._check_envelope(raw, key)
        if problem is None:
            return json.loads(raw.decode("utf-8"))["data"]
        with self._process_lock():
            # Another writer may have replaced the file meanwhile: look again under the lock.
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                return None
            problem, label = self._check_envelope(raw, key)
            if problem is None:
                return json.loads(raw.decode("utf-8"))["data"]
            kept = self._set_aside(path, label)
        warnings.warn(
            f"Your saved {key!r} work could not be read ({problem}). The file was kept as {kept}; "
            "nothing was deleted, and this entry starts empty.",
            WorkStoreWarning,
            stacklevel=2,
        )
        return None

    @staticmethod
    def _check_envelope(raw: bytes, key: str) -> tuple[str | None, str]:
        """(None, "") if ``raw`` is a readable entry for ``key``, else (problem, set-aside label)."""
        try:
            envelope = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            return f"it is not valid JSON: {exc}", "corrupt"
        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
            return "it is not an Infoview work file", "corrupt"
        version = envelope.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            return f"its format version {version!r} is not valid", "corrupt"
        if version > VERSION:
            return f"a newer Infoview wrote it (format version {version}; this kit reads {VERSION})", "newer"
        if not isinstance(envelope.get("data"), dict):
            return "it holds no data", "corrupt"
        return None, ""

    def _set_aside(self, path: Path, label: str) -> Path:
        n = 1
        while True:
            target = path.with_name(f"{path.stem}.{label}-{n}.json")
            if not target.exists():
                break
            n += 1
        os.replace(path, target)
        return target

    @contextmanager
    def _process_lock(self):
        """Serialise set-asides and restores between threads and processes."""
        with self._lock:
            if fcntl is None or self._lock_depth:  # Windows, or this thread holds it already
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder / ".lock", "a+b") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def load_all(self) -> dict[str, dict]:
        """Every readable entry, key -> data."""
        entries = {}
        for key in self.keys():
            data = self.load(key)
            if data is not None:
                entries[key] = data
        return entries

    # -- debounced autosave ----------------------------------------------------
    def autosave(self, key: str, data: dict,
                 on_saved: Callable[[str, BaseException | None], None] | None = None) -> None:
        """Save ``data`` under ``key`` once ``autosave_delay`` seconds pass with no newer autosave.

        Rapid calls for the same key coalesce into one write of the latest data.
        ``on_saved(key, error)`` is called after the write (from a timer thread), with
        ``error`` None on success; every callback given since the last write is called.
        Bad keys or data raise here, at once, not in the timer.
        """
        check_key(key)
        if not isinstance(data, dict):
            raise TypeError(f"the work saved under {key!r} must be a dict, not {type(data).__name__}")
        snapshot = json.loads(_json_text(data, f"the work saved under {key!r}"))  # a copy, checked now
        with self._lock:
            callbacks = []
            old = self._pending.pop(key, None)
            if old:
                old[0].cancel()
                callbacks = old[3]
            if on_saved is not None and on_saved not in callbacks:
                callbacks = callbacks + [on_saved]
            timer = threading.Timer(self.autosave_delay, self._autosave_now, args=(key,))
            timer.name = f"infoview-autosave-{key}"
            self._pending[key] = (timer, snapshot, self._next_generation(), callbacks)
            timer.start()

    @property
    def pending(self) -> list[str]:
        """Keys with an autosave not yet written."""
        with self._lock:
            return sorted(self._pending)

    def _autosave_now(self, key: str) -> BaseException | None:
        with self._autosaving:
            with self._lock:
                entry = self._pending.pop(key, None)
            if entry is None:  # already flushed or superseded
                return None
            _, data, generation, callbacks = entry
            error = None
            try:
                self._write(key, data, generation)
            except Exception as exc:  # reported to the callbacks; never lost silently
                error = exc
                if not callbacks:
                    warnings.warn(f"autosave of {key!r} failed: {exc}", WorkStoreWarning, stacklevel=1)
        for callback in callbacks:
            try:
                callback(key, error)
            except Exception:  # a broken callback must not stop the others
                pass
        return error

    def flush(self) -> None:
        """Write every pending autosave now, after any its timer is writing already. Raises
        WorkStoreError if any failed (after trying all)."""
        with self._autosaving:
            with self._lock:
                keys = list(self._pending)
                for key in keys:
                    self._pending[key][0].cancel()
            errors = [(key, err) for key in keys if (err := self._autosave_now(key)) is not None]
        if errors:
            raise WorkStoreError("; ".join(f"could not save {k!r}: {e}" for k, e in errors))

    # -- export and restore ------------------------------------------------------
    def export_bundle(self) -> dict:
        """Every entry as a bundle dict (pending autosaves are written first)."""
        self.flush()
        return {
            "format": BUNDLE_FORMAT,
            "version": BUNDLE_VERSION,
            "exported_at": _now(),
            "entries": self.load_all(),
        }

    def export_bytes(self) -> bytes:
        """Everything in the store as one JSON file (UTF-8 bytes) to download and keep."""
        return _json_text(self.export_bundle(), "the exported work").encode("utf-8")

    def export_to(self, path) -> Path:
        """Write :meth:`export_bytes` to ``path`` atomically; return the path."""
        return atomic_write_bytes(Path(path), self.export_bytes())

    @staticmethod
    def read_bundle(data) -> dict[str, dict]:
        """Check a bundle (bytes) and return its entries; WorkRestoreError says what is wrong.

        A single entry file (``<key>.json`` from a work folder) is accepted too.
        """
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        elif isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, bytes):
            raise TypeError(f"restore needs the file's content as bytes, not {type(data).__name__}")
        if len(data) > MAX_BUNDLE_BYTES:
            raise WorkRestoreError(
                f"the file is {len(data):,} bytes; an Infoview work file is at most {MAX_BUNDLE_BYTES:,}. "
                "Is it the right file? Nothing was changed."
            )
        if not data.strip():
            raise WorkRestoreError(
                "the file is empty; choose the infoview-my-work.json you downloaded. Nothing was changed."
            )
        try:
            bundle = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise WorkRestoreError(
                "the file is not a text file, so it is not an Infoview work file; "
                "choose the infoview-my-work.json you downloaded. Nothing was changed."
            ) from None
        except ValueError as exc:
            raise WorkRestoreError(
                f"the file is damaged: it is not valid JSON ({exc}). Nothing was changed."
            ) from None
        fmt = bundle.get("format") if isinstance(bundle, dict) else None
        if fmt not in (BUNDLE_FORMAT, FORMAT):
            raise WorkRestoreError(
                "this is not an Infoview work file (it has no \"format\": \"infoview-work-bundle\"); "
                "choose the infoview-my-work.json you downloaded. Nothing was changed."
            )
        latest = BUNDLE_VERSION if fmt == BUNDLE_FORMAT else VERSION
        version = bundle.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise WorkRestoreError(f"the file's format version {version!r} is not valid. Nothing was changed.")
        if version > latest:
            raise WorkRestoreError(
                f"this file was made by a newer version of Infoview (format version {version}; "
                f"this kit reads version {latest}). Update the course kit, then restore again. "
                "Nothing was changed."
            )
        if fmt == FORMAT:
            key, entry = bundle.get("key"), bundle.get("data")
            entries = {key: entry} if isinstance(key, str) else None
        else:
            entries = bundle.get("entries")
        if not isinstance(entries, dict):
            raise WorkRestoreError("the file holds no entries of work. Nothing was changed.")
        for key, entry in entries.items():
            if not _KEY_PATTERN.fullmatch(key):
                raise WorkRestoreError(f"the file has an entry with an invalid name {key!r}. Nothing was changed.")
            if not isinstance(entry, dict):
                raise WorkRestoreError(f"the entry {key!r} in the file is not a set of fields. Nothing was changed.")
        return entries

    def backup(self) -> Path:
        """Write the current work to ``backups/work-<timestamp>.json`` (a restorable bundle)."""
        payload = self.export_bytes()
        folder = self.folder / BACKUP_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        path = folder / f"work-{stamp}.json"
        while path.exists():
            path = folder / f"work-{stamp}-{uuid.uuid4().hex[:6]}.json"
        return atomic_write_bytes(path, payload)

    def restore_bytes(self, data, *, overwrite: bool = False) -> RestoreResult:
        """Restore a bundle made by :meth:`export_bytes`.

        The whole file is checked first; any problem raises WorkRestoreError and
        changes nothing. Then a backup of the current work is written, and the
        entries are saved: new keys are always added; keys that already exist are
        replaced only when ``overwrite`` is True (otherwise they are kept and listed
        in ``RestoreResult.skipped``).
        """
        entries = self.read_bundle(data)
        with self._process_lock():
            self.flush()
            backup = self.backup()
            restored, skipped = [], []
            for key, entry in entries.items():
                if not overwrite and key in self:
                    skipped.append(key)
                    continue
                try:
                    self.save(key, copy.deepcopy(entry))
                except WorkStoreError as exc:
                    raise WorkStoreError(
                        f"{exc}. Restored so far: {', '.join(restored) or 'nothing'}; "
                        f"your work before the restore is in {backup}"
                    ) from exc
                restored.append(key)
        return RestoreResult(tuple(restored), tuple(skipped), backup)

    def restore_from(self, path, *, overwrite: bool = False) -> RestoreResult:
        """Restore from a bundle file on disk (see :meth:`restore_bytes`)."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise WorkRestoreError(f"could not read {path}: {exc}") from exc
        return self.restore_bytes(data, overwrite=overwrite)
