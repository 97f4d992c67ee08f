"""The work saver: download all your work as one file, or restore it from such a file.

Same as ``WorkStore.default().export_to("infoview-my-work.json")`` and
``WorkStore.default().restore_bytes(data, overwrite=True)``.
"""
from __future__ import annotations

import datetime as _dt
import html

import ipywidgets as widgets

from .. import embed
from ..work_store import BUNDLE_FILE_NAME, WorkRestoreError
from ._common import message_html, reload_live_widgets, resolve_store, same_as_html, style_widget


def download_link_html(payload: bytes, file_name: str = BUNDLE_FILE_NAME) -> str:
    """A link that downloads ``payload`` as a JSON file (a data: URI: no server files needed)."""
    return embed.download_link_html(payload, file_name, "Download my work", mime="application/json")


def uploaded_files(value) -> list[tuple[str, bytes]]:
    """(name, content) pairs from a FileUpload value (ipywidgets 8 tuple of dicts, or 7's dict)."""
    if isinstance(value, dict):  # ipywidgets 7: {name: {"metadata": ..., "content": bytes}}
        value = [{"name": name, **entry} for name, entry in value.items()]
    files = []
    for entry in value or ():
        content = entry.get("content", b"")
        content = content.tobytes() if isinstance(content, memoryview) else bytes(content)
        files.append((str(entry.get("name", "the file")), content))
    return files


class WorkSaver(widgets.VBox):
    """Download all work as one JSON file; restore from one (replacing entries, after a backup).

    Drive it from Python: ``prepare_button.click()`` then read ``download.value`` (the link,
    with the file as a base64 data: URI); set ``upload.value`` to the FileUpload value
    format (a list of ``{"name", "content"}`` dicts) to restore; read ``message.value``
    and ``result`` (the RestoreResult, or None). Widgets on screen that save under a
    restored key show the restored work at once.
    """

    def __init__(self, store=None):
        super().__init__()
        self.store = resolve_store(store)
        self.result = None
        self.title = widgets.HTML("<h4 style='margin:.2em 0'>Save or restore all my work</h4>")
        self.same_as = widgets.HTML(
            same_as_html(f"WorkStore.default().export_to({BUNDLE_FILE_NAME!r})")
            + same_as_html("WorkStore.default().restore_bytes(data, overwrite=True)")
        )
        self.where = widgets.HTML(
            f"<small>Your work is saved as you type in <code>{html.escape(str(self.store.folder))}</code>. "
            "Download it to keep a copy or to move to another computer (for example before a Binder "
            "session ends).</small>"
        )
        self.prepare_button = widgets.Button(description="Prepare download",
                                             tooltip="Pack everything you have saved into one file to download")
        self.download = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=False, description="Restore from file")
        self.message = widgets.HTML()
        self.add_class("infoview-widget")
        self.children = (style_widget(), self.title, self.same_as, self.where,
                         widgets.HBox((self.prepare_button, self.download)), self.upload, self.message)
        self.prepare_button.on_click(lambda _b: self.prepare_download())
        self.upload.observe(self._uploaded, "value")
        self.prepare_download()

    def __repr__(self) -> str:
        return f"<WorkSaver widget for {str(self.store.folder)!r}>"

    def prepare_download(self) -> None:
        """Refresh the download link with everything saved now."""
        try:
            payload = self.store.export_bytes()
        except Exception as exc:
            self.download.value = message_html(f"Could not pack your work: {exc}", "problem")
            return
        when = _dt.datetime.now().strftime("%H:%M:%S")
        self.download.value = f"{download_link_html(payload)} <small>(prepared at {when})</small>"

    def restore(self, name: str, content: bytes) -> None:
        """Restore from a file's content, replacing saved entries (a backup is written first)."""
        try:
            self.result = self.store.restore_bytes(content, overwrite=True)
        except (WorkRestoreError, TypeError) as exc:
            self.result = None
            self.message.value = message_html(f"{name} was not restored: {exc}", "problem")
            return
        except Exception as exc:
            self.result = None
            self.message.value = message_html(f"Restoring {name} failed: {exc}", "problem")
            return
        reloaded = reload_live_widgets(self.store, self.result.restored)
        shown = f" {len(reloaded)} widget(s) on screen now show it." if reloaded else ""
        self.message.value = f"<div role='status'>{html.escape(self.result.message + shown)}</div>"
        self.prepare_download()

    def _uploaded(self, change) -> None:
        files = uploaded_files(change["new"])
        if not files:
            return
        for name, content in files[:1]:
            self.restore(name, content)
        self.upload.value = ()  # ready for the next file (even the same one again)


def work_saver(store=None) -> WorkSaver:
    """A widget to download all saved work as one file, or restore it.

    Same as: ``WorkStore.default().export_to("infoview-my-work.json")`` and
    ``WorkStore.default().restore_bytes(data, overwrite=True)``.
    """
    return WorkSaver(store=store)
