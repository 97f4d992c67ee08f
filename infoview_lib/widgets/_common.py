"""What every coaching widget shares: a label, a "Same as" line, a feedback panel,
and the binding to one entry of the work store (restore on creation, autosave while
the student types, a visible save status).

Widgets hold no scoring logic: a widget's ``update_feedback`` calls the library and
shows the Report it returns (through :func:`infoview_lib.render.report_html`).
"""
from __future__ import annotations

import datetime as _dt
import html
import weakref
import warnings
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as widgets

from ..render import report_html
from ..report import Report
from ..work_store import WorkStore, WorkStoreWarning, check_key

#: work folder -> coaching widgets on screen that save into it (for reloading after a restore)
_LIVE: dict[Path, "weakref.WeakSet[CoachWidget]"] = {}


#: Layout fixes for long texts in the coaching widgets (scoped to ``.infoview-widget``):
#: ipywidgets gives radio and checkbox labels one fixed-height line, so long
#: quiz options and checklist items would overlap.
WIDGET_CSS = """<style>
.infoview-widget .jupyter-widget-radio-box label, .infoview-widget .widget-radio-box label {
  height: auto; line-height: 1.4; white-space: normal; display: flex; align-items: flex-start; padding: .15em 0; }
.infoview-widget .jupyter-widget-radio-box input, .infoview-widget .widget-radio-box input {
  height: auto; line-height: 1.4; margin-top: .3em; flex: none; order: -1; }
.infoview-widget .jupyter-widget-checkbox, .infoview-widget .widget-checkbox { height: auto; }
.infoview-widget .jupyter-widget-checkbox label, .infoview-widget .widget-checkbox label {
  white-space: normal; line-height: 1.4; }
.infoview-widget table.iv-schedule td:first-child { white-space: nowrap; }
.infoview-widget a[download] { color: var(--jp-content-link-color, #0645ad); text-decoration: underline; }
</style>"""


def style_widget() -> widgets.HTML:
    """An invisible HTML widget carrying :data:`WIDGET_CSS`."""
    return widgets.HTML(WIDGET_CSS, layout=widgets.Layout(height="0", margin="0"))


def resolve_store(store) -> WorkStore:
    """``store`` itself, or the session's default store when it is None."""
    if store is None:
        return WorkStore.default()
    if not isinstance(store, WorkStore):
        raise TypeError(f"store must be a WorkStore (or None for the default), not {type(store).__name__}")
    return store


def live_widgets(store: WorkStore) -> list["CoachWidget"]:
    """The coaching widgets still open that save into ``store``'s folder."""
    return [w for w in _LIVE.get(store.folder, ()) if w.comm is not None]


def reload_live_widgets(store: WorkStore, keys) -> list["CoachWidget"]:
    """Make every open widget saving under one of ``keys`` show what the store now holds."""
    keys = set(keys)
    reloaded = [w for w in live_widgets(store) if w.key in keys]
    for widget in reloaded:
        widget.reload()
    return reloaded


def message_html(text: str, kind: str = "info") -> str:
    """A short message for a feedback panel; problems are marked in words, not colour alone."""
    if kind == "problem":
        return f"<div role='alert'><strong>Problem:</strong> {html.escape(text)}</div>"
    return f"<div><em>{html.escape(text)}</em></div>"


def same_as_html(call: str) -> str:
    return f"<div>Same as: <code>{html.escape(call, quote=False)}</code></div>"


class CoachWidget(widgets.VBox):
    """A labelled box bound to one entry (``key``) of a :class:`WorkStore`.

    Attributes every coaching widget has:

    - ``store``, ``key``: where its work is saved;
    - ``title``: the visible label (HTML);
    - ``same_as``: the visible line naming the plain-function equivalent (HTML);
    - ``feedback``: the feedback panel (HTML) and ``report``: the last Report shown (or None);
    - ``status``: the save status ("Saved at 10:42:13" or what went wrong).

    Subclasses build their controls, call :meth:`set_body`, then :meth:`reload`, and define
    :meth:`snapshot` (controls -> saved dict), :meth:`apply` (saved dict -> controls) and
    :meth:`update_feedback` (call the library, show its Report). The saved dict is the widget's
    record in :mod:`infoview_lib.saved_work` (``to_dict`` / ``from_dict``), which the capstone reads too.
    """

    def __init__(self, *, store, key: str, title: str, same_as: str):
        super().__init__()
        self.store = resolve_store(store)
        self.key = check_key(key)
        self.report: Report | None = None
        self._applying = False
        self.title = widgets.HTML(f"<h4 style='margin:.2em 0'>{html.escape(title)}</h4>")
        self.same_as = widgets.HTML(same_as_html(same_as))
        self.feedback = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.status = widgets.HTML()
        self.add_class("infoview-widget")
        _LIVE.setdefault(self.store.folder, weakref.WeakSet()).add(self)

    def __repr__(self) -> str:
        # The text/plain face of the widget (shown where widgets cannot render): short and plain.
        key, store = getattr(self, "key", None), getattr(self, "store", None)
        return f"<{type(self).__name__} widget saving {key!r} in {str(getattr(store, 'folder', None))!r}>"

    def set_body(self, *body: widgets.Widget) -> None:
        """Lay out: label, same-as line, the controls, the feedback panel, the save status."""
        self.children = (style_widget(), self.title, self.same_as, *body, self.feedback, self.status)

    # -- to be defined by each widget ------------------------------------------------
    def snapshot(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, data: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def update_feedback(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- feedback ---------------------------------------------------------------------
    def show_report(self, report: Report) -> None:
        self.report = report
        self.feedback.value = report_html(report)

    def show_message(self, text: str, kind: str = "info") -> None:
        self.report = None
        self.feedback.value = message_html(text, kind)

    def refresh(self) -> None:
        """Recompute the feedback; a problem (e.g. a bad input) is shown, never raised."""
        try:
            self.update_feedback()
        except Exception as exc:  # the student sees what went wrong; their work stays
            self.show_message(f"Feedback is not available: {exc}", "problem")

    # -- saving -------------------------------------------------------------------------
    @contextmanager
    def applying(self):
        """Set controls from saved data without saving them again on each change."""
        self._applying = True
        try:
            yield
        finally:
            self._applying = False

    def changed(self, *_ignored) -> None:
        """Call after any control changes: new feedback, and an autosave."""
        if self._applying:
            return
        self.refresh()
        self.autosave()

    def autosave(self) -> None:
        try:
            self.store.autosave(self.key, self.snapshot(), on_saved=self._saved)
        except Exception as exc:
            self._saved(self.key, exc)

    def save_now(self) -> bool:
        """Save at once (explicit actions: buttons); True on success. Errors are shown, not raised."""
        try:
            self.store.save(self.key, self.snapshot())
        except Exception as exc:
            self._saved(self.key, exc)
            return False
        self._saved(self.key, None)
        return True

    def _saved(self, key: str, error: BaseException | None) -> None:
        if error is None:
            when = _dt.datetime.now().strftime("%H:%M:%S")
            self.status.value = f"<small>Saved at {when} in <code>{html.escape(str(self.store.folder))}</code>.</small>"
        else:
            self.status.value = (
                "<div role='alert'><strong>Not saved:</strong> "
                f"{html.escape(str(error))}. Your work is still here on screen; "
                "copy anything important somewhere safe.</div>"
            )

    def reload(self) -> None:
        """Show what the store holds for this widget's key (used on creation and after a restore)."""
        data = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", WorkStoreWarning)
            try:
                data = self.store.load(self.key)
            except Exception as exc:
                self.status.value = message_html(f"Your saved work could not be loaded: {exc}", "problem")
        notes = [str(w.message) for w in caught if issubclass(w.category, WorkStoreWarning)]
        for w in caught:  # other warnings are not ours to swallow
            if not issubclass(w.category, WorkStoreWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if notes:
            self.status.value = message_html(" ".join(notes), "problem")
        if data is not None:
            with self.applying():
                try:
                    self.apply(data)
                except Exception as exc:
                    self.status.value = message_html(f"Part of your saved work could not be shown: {exc}", "problem")
            if not notes:
                self.status.value = "<small>Your saved work was restored.</small>"
        self.refresh()


def close_rows(rows) -> None:
    """Close editable rows (and their controls) that are about to be replaced, so no widget models pile up."""
    for row in rows:
        for child in row.children:
            child.close()
        row.close()


def iso_or_none(value) -> str | None:
    return value.isoformat() if value is not None else None


def parse_iso(value, kind):
    """``kind.fromisoformat(value)`` for a saved string, None for anything unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return kind.fromisoformat(value)
    except ValueError:
        return None
