"""Files and figures carried inside HTML, so views work on Binder with no server files.

- :func:`data_uri`: bytes as a ``data:`` URI;
- :func:`download_link_html`: a link that downloads bytes as a named file (the work saver's
  bundle, the follow-up calendar, the capstone's prep sheet);
- :func:`figure_png`: a matplotlib figure as PNG bytes (the follow-up timeline, the class report's charts).
"""
from __future__ import annotations

import base64
import html
import io
import sys

#: file suffix -> MIME type, for :func:`download_link_html` when none is given
MIME_TYPES = {".json": "application/json", ".html": "text/html", ".ics": "text/calendar",
              ".csv": "text/csv", ".png": "image/png", ".txt": "text/plain"}


def data_uri(payload: bytes, mime: str) -> str:
    """``payload`` as a base64 ``data:`` URI of type ``mime``."""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError(f"payload must be bytes, not {type(payload).__name__}")
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def download_link_html(payload: bytes, file_name: str, text: str, mime: str | None = None) -> str:
    """An ``<a download>`` link that saves ``payload`` as ``file_name``; the link reads ``text (file_name)``.

    ``mime`` defaults to the type of the file name's suffix (:data:`MIME_TYPES`), else
    ``application/octet-stream``. File name and text are HTML-escaped.
    """
    if mime is None:
        suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
        mime = MIME_TYPES.get(suffix, "application/octet-stream")
    name = html.escape(file_name, quote=True)
    return f"<a download='{name}' href='{data_uri(payload, mime)}'>{html.escape(text)} ({name})</a>"


def figure_png(figure, dpi: int = 96) -> bytes:
    """A matplotlib figure as PNG bytes, cropped to what it draws; a pyplot figure is closed."""
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        pyplot = sys.modules.get("matplotlib.pyplot")  # figures built without pyplot need no closing
        if pyplot is not None:
            pyplot.close(figure)
    return buffer.getvalue()
