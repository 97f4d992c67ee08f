"""Renderers: a Report as HTML (for notebooks and widgets) or as a plain-text table.

Every finding is marked by a symbol and a word, never by colour alone, and all
student text is HTML-escaped.
"""
from __future__ import annotations

import html
import textwrap

from .report import Report

_CSS = (
    ".iv-report{font-family:system-ui,sans-serif;line-height:1.45;max-width:60em}"
    ".iv-report mark{background:#fff3b0;border-bottom:2px solid #8a6d00;padding:0 1px}"
    ".iv-report .iv-text{white-space:pre-wrap;border:1px solid #bbb;padding:.5em;margin:.4em 0}"
    ".iv-report ul{list-style:none;padding-left:0}"
    ".iv-report li{margin:.3em 0}"
    ".iv-report .iv-met{color:#1b5e20}.iv-report .iv-notmet{color:#8b0000}"
)


def highlight(text: str, spans) -> str:
    """Escape ``text`` and wrap each evidence span in ``<mark>``, merging overlaps."""
    merged: list[list[int]] = []
    for a, b in sorted((max(0, int(a)), min(len(text), int(b))) for a, b in spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def report_html(report: Report) -> str:
    """The report as a self-contained HTML fragment."""
    parts = [f"<div class='iv-report'><style>{_CSS}</style>"]
    parts.append(
        f"<p><strong>{html.escape(report.artefact.capitalize())}</strong>: "
        f"{report.points:g} of {report.max_points:g} points "
        f"({len(report.findings) - len(report.failed)} of {len(report.findings)} advice items met)</p>"
    )
    if report.text is not None:
        spans = [s for f in report.findings for s in f.spans]
        parts.append(f"<div class='iv-text' role='group' aria-label='your text, evidence highlighted'>{highlight(report.text, spans)}</div>")
    parts.append("<ul>")
    for f in report.findings:
        css = "iv-met" if f.passed else "iv-notmet"
        evidence = ""
        if report.text and f.spans:
            quoted = ", ".join(f"\u201c{html.escape(report.text[a:b])}\u201d" for a, b in f.spans)
            evidence = f" <em>Evidence: {quoted}</em>"
        parts.append(
            f"<li class='{css}' data-advice='{html.escape(f.advice_id)}'>"
            f"<span aria-hidden='true'>{f.symbol}</span> <strong>{f.status.upper()}</strong> "
            f"<code>{html.escape(f.advice_id)}</code> ({f.points:g}/{f.max_points:g}): "
            f"{html.escape(f.message)}{evidence}</li>"
        )
    parts.append("</ul></div>")
    return "".join(parts)


def report_text(report: Report, width: int = 100) -> str:
    """The report as a readable plain-text table."""
    lines = [f"{report.artefact}: {report.points:g}/{report.max_points:g} points"]
    id_width = max([len(f.advice_id) for f in report.findings] + [9])
    header = f"{'':2}{'status':8}{'advice':{id_width + 2}}{'points':8}message"
    lines.append(header)
    lines.append("-" * min(width, max(len(header), 40)))
    indent = 2 + 8 + id_width + 2 + 8
    for f in report.findings:
        msg = f.message
        if report.text and f.spans:
            msg += " Evidence: " + ", ".join(f'"{report.text[a:b]}"' for a, b in f.spans)
        wrapped = textwrap.wrap(msg, max(30, width - indent)) or [""]
        lines.append(
            f"{f.symbol:2}{f.status:8}{f.advice_id:{id_width + 2}}{f'{f.points:g}/{f.max_points:g}':8}{wrapped[0]}"
        )
        lines.extend(" " * indent + w for w in wrapped[1:])
    return "\n".join(lines)
