"""The work store keeps what students type: atomic saves, corrupt files kept aside,
debounced autosave, and export/restore that never half-applies a bad file."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest

from infoview_lib.work_store import (
    WorkRestoreError,
    WorkStore,
    WorkStoreWarning,
)

LONG_UNICODE = ("Señora Øyen, 日本語の図書館 — “quotes”, emoji 📚, tab\t, newline\n" * 300)[:19_000]


def test_save_and_load_round_trip_with_unicode_and_long_text(tmp_path):
    store = WorkStore(tmp_path / "work")
    data = {"text": LONG_UNICODE, "channel": "linkedin", "nested": {"topics": ["archives", "métadonnées"]}}
    path = store.save("request", data)
    assert path == tmp_path / "work" / "request.json"
    assert store.load("request") == data
    envelope = json.loads(path.read_text(encoding="utf-8"))
    assert envelope["format"] == "infoview-work" and envelope["version"] == 1
    assert envelope["key"] == "request" and envelope["saved_at"] and envelope["data"] == data
    assert store.keys() == ["request"] and "request" in store
    assert store.load("questions") is None  # nothing saved yet is not an error


def test_a_new_store_on_the_same_folder_restores_everything(tmp_path):
    WorkStore(tmp_path).save("questions", {"questions": ["How did you start?"], "minutes": 20, "topics": []})
    WorkStore(tmp_path).save("checklist", {"ticked": ["prep.route"]})
    reopened = WorkStore(tmp_path)  # as after a kernel restart
    assert reopened.load("questions")["questions"] == ["How did you start?"]
    assert reopened.load_all() == {
        "checklist": {"ticked": ["prep.route"]},
        "questions": {"questions": ["How did you start?"], "minutes": 20, "topics": []},
    }


def test_default_store_uses_the_environment_folder_and_is_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("INFOVIEW_WORK_DIR", str(tmp_path / "elsewhere"))
    assert WorkStore.default().folder == (tmp_path / "elsewhere").resolve()
    assert WorkStore.default() is WorkStore.default()
    monkeypatch.delenv("INFOVIEW_WORK_DIR")
    monkeypatch.chdir(tmp_path)
    assert WorkStore.default().folder == (tmp_path / "my_work").resolve()


def test_bad_keys_and_data_get_clear_errors(tmp_path):
    store = WorkStore(tmp_path)
    with pytest.raises(ValueError, match="work key '../x' is not allowed"):
        store.save("../x", {})
    with pytest.raises(TypeError, match="must be a dict, not list"):
        store.save("request", ["text"])
    with pytest.raises(TypeError, match="plain JSON data"):
        store.save("request", {"when": object()})
    with pytest.raises(TypeError, match="plain JSON data"):
        store.autosave("request", {"when": object()})
    assert store.keys() == []


@pytest.mark.parametrize(
    "content",
    [b'{"format": "infoview-work", "version": 1, "data": {"text": "half', b"\x00\xff\xfe", b'["not", "ours"]'],
    ids=["truncated", "binary", "foreign"],
)
def test_a_corrupt_file_is_kept_aside_with_a_warning(tmp_path, content):
    store = WorkStore(tmp_path)
    (tmp_path / "request.json").write_bytes(content)
    with pytest.warns(WorkStoreWarning, match=r"'request'.*kept as .*request\.corrupt-1\.json"):
        assert store.load("request") is None
    assert (tmp_path / "request.corrupt-1.json").read_bytes() == content  # the student's bytes survive
    assert not (tmp_path / "request.json").exists()
    assert store.keys() == []
    # a second corrupt file never overwrites the first one kept aside
    (tmp_path / "request.json").write_bytes(b"{")
    with pytest.warns(WorkStoreWarning, match="corrupt-2"):
        store.load("request")
    assert (tmp_path / "request.corrupt-1.json").read_bytes() == content


def test_a_file_from_a_newer_kit_is_kept_aside_not_overwritten(tmp_path):
    store = WorkStore(tmp_path)
    newer = json.dumps({"format": "infoview-work", "version": 2, "key": "request", "data": {"text": "x"}})
    (tmp_path / "request.json").write_text(newer)
    with pytest.warns(WorkStoreWarning, match="newer Infoview"):
        assert store.load("request") is None
    assert (tmp_path / "request.newer-1.json").read_text() == newer


def test_autosave_debounces_rapid_changes_into_one_write(tmp_path):
    # The delay leaves the loop below ample time even on a loaded CI machine (with 0.3 s,
    # one stalled thread start let the timer fire mid-loop).
    store = WorkStore(tmp_path, autosave_delay=1.5)
    saved = []
    first_write = threading.Event()

    def on_saved(key, error):
        saved.append((key, error))
        first_write.set()

    for i in range(25):  # a student typing 25 characters quickly
        store.autosave("request", {"text": "x" * i, "channel": "email"}, on_saved=on_saved)
    assert not (tmp_path / "request.json").exists()  # nothing written while typing
    assert store.pending == ["request"]
    assert first_write.wait(10), "the debounced autosave never ran"
    store.flush()  # a stray second write would still be pending here, and flush would report it
    assert saved == [("request", None)]  # exactly one write, reported once
    assert store.load("request")["text"] == "x" * 24  # the latest text
    assert store.pending == []


def test_flush_writes_pending_autosaves_now_and_save_supersedes_them(tmp_path):
    store = WorkStore(tmp_path, autosave_delay=30)
    store.autosave("request", {"text": "draft"})
    store.autosave("questions", {"questions": ["Q1"]})
    data = {"text": "draft"}
    store.autosave("quiz-what", data)
    data["text"] = "changed after scheduling"  # the autosave keeps a snapshot
    store.flush()
    assert store.pending == []
    assert store.load("request") == {"text": "draft"}
    assert store.load("quiz-what") == {"text": "draft"}
    store.autosave("request", {"text": "older"})
    store.save("request", {"text": "explicit save"})
    store.flush()
    assert store.load("request") == {"text": "explicit save"}


def test_an_autosave_already_writing_never_lands_after_a_newer_save(tmp_path, monkeypatch):
    import infoview_lib.work_store as work_store

    real_write = work_store.atomic_write_bytes
    started = threading.Event()
    old_written = threading.Event()

    def slow_for_old_data(path, payload):
        if b'"old"' in payload:  # the autosave's write is slow (a busy disk)
            started.set()
            time.sleep(0.3)
            try:
                return real_write(path, payload)
            finally:
                old_written.set()
        return real_write(path, payload)

    monkeypatch.setattr(work_store, "atomic_write_bytes", slow_for_old_data)
    store = WorkStore(tmp_path, autosave_delay=0.01)
    store.autosave("request", {"text": "old"})
    assert started.wait(5)  # the autosave is mid-write...
    store.save("request", {"text": "new"})  # ...when the student presses a button
    store.flush()
    assert old_written.wait(5)  # the stale autosave has finished whatever it does
    assert store.load("request") == {"text": "new"}


def test_autosave_errors_reach_the_callback_not_the_caller(tmp_path):
    blocker = tmp_path / "not-a-folder"
    store = WorkStore(blocker, autosave_delay=0.05)
    blocker.write_text("a file where the work folder should be")
    errors = []
    done = threading.Event()
    store.autosave("request", {"text": "hi"}, on_saved=lambda k, e: (errors.append(e), done.set()))
    assert done.wait(5)
    assert errors and "could not save 'request'" in str(errors[0])


_WRITER = """
import sys
from infoview_lib.work_store import WorkStore
store = WorkStore(sys.argv[1])
for i in range(100):
    store.save("request", {"writer": "process", "i": i, "text": ("process-%d " % i) * 400})
"""


def _consistent(data: dict) -> bool:
    return data["text"] == (f"{data['writer']}-{data['i']} " * 400)


def test_concurrent_saves_from_threads_and_a_process_never_corrupt(tmp_path):
    store = WorkStore(tmp_path)
    store.save("request", {"writer": "start", "i": 0, "text": "start-0 " * 400})
    process = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)])
    problems: list[str] = []
    stop = threading.Event()

    def write(name):
        for i in range(100):
            store.save("request", {"writer": name, "i": i, "text": f"{name}-{i} " * 400})

    def read():
        while not stop.is_set():
            raw = (tmp_path / "request.json").read_bytes()
            try:
                data = json.loads(raw)["data"]
            except ValueError:
                problems.append(f"half-written file: {raw[:80]!r}")
                continue
            if not _consistent(data):
                problems.append(f"mixed content from {data['writer']}")

    reader = threading.Thread(target=read, daemon=True)
    writers = [threading.Thread(target=write, args=(f"thread{n}",), daemon=True) for n in range(3)]
    try:
        reader.start()
        for t in writers:
            t.start()
        for t in writers:
            t.join(timeout=60)
        assert not any(t.is_alive() for t in writers), "a writer thread did not finish within 60 s"
        assert process.wait(timeout=60) == 0
    finally:
        # Whatever failed above, the reader stops and the writer process ends, so a
        # failing assertion can never leave a thread spinning and pytest hanging.
        stop.set()
        reader.join(timeout=10)
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert not reader.is_alive(), "the reader thread did not stop"
    assert problems == []
    final = store.load("request")
    assert _consistent(final) and final["i"] == 99  # one writer's last, whole save
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))  # no temp files left


def test_export_then_restore_into_an_empty_store_reproduces_everything(tmp_path):
    source = WorkStore(tmp_path / "a", autosave_delay=30)
    source.save("request", {"text": LONG_UNICODE, "channel": "email"})
    source.save("checklist", {"ticked": ["prep.route", "during.devices_off"]})
    source.autosave("quiz-what", {"answers": {"what-1": "b"}})  # pending: export must include it
    bundle = json.loads(source.export_bytes())
    assert bundle["format"] == "infoview-work-bundle" and bundle["version"] == 1 and bundle["exported_at"]
    exported = source.export_to(tmp_path / "infoview-my-work.json")

    target = WorkStore(tmp_path / "b")
    result = target.restore_bytes(exported.read_bytes())
    assert sorted(result.restored) == ["checklist", "quiz-what", "request"] and result.skipped == ()
    assert target.load_all() == source.load_all()
    assert "Restored 3 item(s)" in result.message


def test_restore_keeps_existing_entries_unless_told_to_overwrite(tmp_path):
    store = WorkStore(tmp_path)
    store.save("request", {"text": "mine now"})
    bundle = json.dumps({"format": "infoview-work-bundle", "version": 1,
                         "entries": {"request": {"text": "from file"}, "checklist": {"ticked": []}}}).encode()
    result = store.restore_bytes(bundle)
    assert result.skipped == ("request",) and result.restored == ("checklist",)
    assert store.load("request") == {"text": "mine now"}
    result = store.restore_bytes(bundle, overwrite=True)
    assert store.load("request") == {"text": "from file"}
    backup = json.loads(result.backup.read_bytes())  # the replaced text is in the backup
    assert backup["entries"]["request"] == {"text": "mine now"}


def test_a_backup_of_current_work_is_written_before_restore(tmp_path):
    store = WorkStore(tmp_path)
    store.save("request", {"text": "before"})
    bundle = json.dumps({"format": "infoview-work-bundle", "version": 1,
                         "entries": {"request": {"text": "after"}}}).encode()
    result = store.restore_bytes(bundle, overwrite=True)
    assert result.backup.parent == tmp_path / "backups" and result.backup.name.startswith("work-")
    assert store.keys() == ["request"]  # the backups folder is not an entry
    # the backup is itself a bundle: restoring it brings the old text back
    store.restore_bytes(result.backup.read_bytes(), overwrite=True)
    assert store.load("request") == {"text": "before"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "infoview-work-bundle", "version": 1, "entries": {"req', "damaged: it is not valid JSON"),
        (b'{"name": "someone else\'s settings", "theme": "dark"}', "not an Infoview work file"),
        (b'{"format": "infoview-work-bundle", "version": 2, "entries": {}}', "newer version of Infoview"),
        (b'{"format": "infoview-work-bundle", "version": 1, "entries": {"../evil": {}}}', "invalid name"),
        (b'{"format": "infoview-work-bundle", "version": 1, "entries": {"request": "text"}}', "not a set of fields"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b"", "empty"),
    ],
    ids=["corrupt", "foreign", "newer", "bad-key", "bad-entry", "binary", "empty"],
)
def test_a_bad_restore_file_is_rejected_and_nothing_changes(tmp_path, content, message):
    store = WorkStore(tmp_path)
    store.save("request", {"text": "keep me"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(WorkRestoreError, match=message) as info:
        store.restore_bytes(content, overwrite=True)
    assert "Nothing was changed" in str(info.value)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before and not (tmp_path / "backups").exists()


def test_an_export_waits_for_an_autosave_its_timer_is_writing(tmp_path):
    """The download right after typing holds what was typed, even when the autosave's timer has
    already taken it off the queue and is writing it at that moment (seen once under load)."""
    store = WorkStore(tmp_path / "work", autosave_delay=0.01)
    writing, release = threading.Event(), threading.Event()
    write = store._write

    def slow_write(key, data, generation):
        writing.set()
        release.wait(10)
        return write(key, data, generation)

    store._write = slow_write
    store.autosave("request", {"text": "typed just now", "channel": "email"})
    assert writing.wait(10), "the autosave's timer never started writing"
    threading.Timer(0.3, release.set).start()
    assert store.export_bundle()["entries"]["request"]["text"] == "typed just now"
