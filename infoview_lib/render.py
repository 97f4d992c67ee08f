"""Renderers: a Report as HTML (notebooks, widgets, the prep sheet, nbgrader feedback) or as text (the CLI).

Every view shows the same layout, so a student takes it in at a glance:

1. a summary line: how many advice items are met ("4 of 10 met"), with a small meter
   that also says it in words, and the points;
2. **Next step**: the one or two unmet items that matter most (the advice registry's
   priority, :meth:`infoview_lib.advice.AdviceRegistry.by_priority`), each as its short
   title (:attr:`infoview_lib.advice.Advice.title`) and one sentence on how to fix it,
   with the phrase that triggered it quoted, and highlighted in the student's text shown below;
3. every advice item as one line: symbol and word (met / not met), short title, points.
   In HTML each line is a ``<details>`` element that opens (mouse or keyboard) on what
   the check found, the evidence, the advice itself and its source.

Nothing is said twice, nothing relies on colour alone, and all student text is escaped.

Besides reports, this module renders the other results views show: a quiz answer's verdict
(:func:`quiz_verdict_html`, :func:`quiz_verdict_text`; the quiz widget and the lessons), dates
(:func:`date_text`) and the follow-up schedule (:func:`schedule_html`; the follow-up planner
and the capstone's prep sheet).
"""
from __future__ import annotations

import datetime as _dt
import html
import textwrap

from .advice import ADVICE
from .report import Finding, Report
from .rules.detect.text import merge_spans

#: The Next step names at most this many unmet items.
NEXT_STEP_LIMIT = 2

_CSS = (
    ".iv-report{font-family:system-ui,sans-serif;line-height:1.45;max-width:60em}"
    ".iv-report .iv-summary{margin:.2em 0 .4em}"
    ".iv-report meter{width:8em;height:1em;vertical-align:middle;margin:0 .4em}"
    ".iv-report .iv-next{border-left:4px solid #1a4fa0;padding:.2em .8em;margin:.4em 0}"
    ".iv-report .iv-next ol{margin:.2em 0;padding-left:1.4em}"
    ".iv-report mark{background:#fff3b0;border-bottom:2px solid #8a6d00;padding:0 1px;color:#111}"
    ".iv-report figure{margin:.4em 0}"
    ".iv-report figcaption{font-size:.9em}"
    ".iv-report .iv-text{white-space:pre-wrap;border:1px solid #bbb;padding:.5em;margin:.2em 0;background:#fff;color:#111}"
    ".iv-report ul.iv-items{list-style:none;padding-left:0;margin:.3em 0}"
    ".iv-report ul.iv-items li{margin:.15em 0}"
    ".iv-report summary{cursor:pointer;padding:.1em .2em}"
    ".iv-report summary:focus-visible{outline:3px solid #1a4fa0;outline-offset:2px}"
    ".iv-report summary:focus{outline:3px solid #1a4fa0;outline-offset:2px}"
    ".iv-report summary:focus:not(:focus-visible){outline:none}"
    ".iv-report .iv-detail{margin:.2em 0 .5em 1.6em}"
    ".iv-report .iv-detail p{margin:.15em 0}"
    ".iv-report .iv-met .iv-word{color:#1b5e20}.iv-report .iv-notmet .iv-word{color:#8b0000}"
)


# -- what the views show, as data ---------------------------------------------------------
def message(finding: Finding) -> str:
    """The finding's own message: the advice itself is shown once, in the item's details."""
    return finding.message.strip()


def next_steps(report: Report, limit: int = NEXT_STEP_LIMIT) -> list[Finding]:
    """The unmet findings that matter most, at most ``limit``: registry priority, then inventory order."""
    unmet = {f.advice_id: f for f in reversed(report.failed)}  # first finding per id wins
    return [unmet[advice_id] for advice_id in ADVICE.by_priority(list(unmet))][:limit]


def title(finding: Finding) -> str:
    """The advice's short title from the registry."""
    return ADVICE[finding.advice_id].title


def evidence(report: Report, finding: Finding) -> list[str]:
    """The phrases of the student's text that the finding points at."""
    if not report.text:
        return []
    return [report.text[a:b] for a, b in finding.spans if report.text[a:b].strip()]


def points_text(finding: Finding) -> str:
    unit = "point" if finding.max_points == 1 else "points"
    return f"{finding.points:g}/{finding.max_points:g} {unit}"


def met_count(report: Report) -> int:
    return len(report.findings) - len(report.failed)


def summary_text(report: Report) -> str:
    """"4 of 10 advice items met (6 of 12 points)"."""
    return (f"{met_count(report)} of {len(report.findings)} advice items met "
            f"({report.points:g} of {report.max_points:g} points)")


# -- HTML --------------------------------------------------------------------------------------
def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def highlight(text: str, spans) -> str:
    """Escape ``text`` and wrap each evidence span in ``<mark>``, merging overlaps."""
    clipped = ((max(0, int(a)), min(len(text), int(b))) for a, b in spans)
    out, pos = [], 0
    for a, b in merge_spans((a, b) for a, b in clipped if a < b):
        out.append(_esc(text[pos:a]))
        out.append(f"<mark>{_esc(text[a:b])}</mark>")
        pos = b
    out.append(_esc(text[pos:]))
    return "".join(out)


def _quoted_html(phrases: list[str]) -> str:
    return ", ".join(f"\u201c{_esc(p)}\u201d" for p in phrases)


def _summary_html(report: Report) -> str:
    met, total = met_count(report), len(report.findings)
    return (
        f"<p class='iv-summary'><strong>{_esc(report.artefact.capitalize())}</strong>: "
        f"{met} of {total} advice items met "
        f"<meter min='0' max='{max(total, 1)}' value='{met}' aria-label='advice items met'>{met} of {total}</meter> "
        f"({report.points:g} of {report.max_points:g} points)</p>"
    )


def _text_html(report: Report, steps: list[Finding]) -> str:
    """The student's text as checked, the Next step's phrases highlighted."""
    spans = [s for f in steps for s in f.spans]
    caption = "Your text, with what to change first highlighted:" if spans else "Your text, as checked:"
    return (f"<figure><figcaption>{caption}</figcaption>"
            f"<div class='iv-text'>{highlight(report.text, spans)}</div></figure>")


def _next_step_html(report: Report, steps: list[Finding]) -> str:
    if not report.findings:
        return "<p class='iv-next'><strong>Next step</strong>: nothing was checked yet.</p>"
    if not steps:
        return "<p class='iv-next'><strong>Next step</strong>: none. Every advice item is met.</p>"
    items = []
    for f in steps:
        phrases = evidence(report, f)
        quote = f" <span class='iv-quote'>(you wrote {_quoted_html(phrases)})</span>" if phrases else ""
        items.append(
            f"<li data-advice='{_esc(f.advice_id)}'><strong>{_esc(title(f))}</strong>: "
            f"{_esc(message(f))}{quote}</li>"
        )
    return f"<div class='iv-next'><p style='margin:.2em 0'><strong>Next step</strong></p><ol>{''.join(items)}</ol></div>"


def _item_html(report: Report, f: Finding, in_next_step: bool) -> str:
    advice = ADVICE[f.advice_id]
    css = "iv-met" if f.passed else "iv-notmet"
    detail = []
    said = message(f)
    if said and not in_next_step:  # a next-step item's message is already shown above
        detail.append(f"<p>{_esc(said)}</p>")
    phrases = evidence(report, f)
    if phrases:
        detail.append(f"<p>Evidence: {_quoted_html(phrases)}</p>")
    detail.append(f"<p>The advice: {_esc(advice.summary)}</p>")
    detail.append(f"<p class='iv-source'>Source: {_esc(advice.source)}. "
                  f"Advice id <code>{_esc(advice.id)}</code>, taught in {_esc(advice.lesson)}.</p>")
    return (
        f"<li class='{css}' data-advice='{_esc(f.advice_id)}'><details><summary>"
        f"<span aria-hidden='true'>{f.symbol}</span> <strong class='iv-word'>{_esc(f.status)}</strong>: "
        f"{_esc(advice.title)} <span class='iv-points'>({_esc(points_text(f))})</span></summary>"
        f"<div class='iv-detail'>{''.join(detail)}</div></details></li>"
    )


def report_html(report: Report, show_text: bool = True) -> str:
    """The report as a self-contained HTML fragment: summary, Next step, one expandable line per item.

    The student's text (when the report has one) follows the Next step, its phrases highlighted.
    ``show_text=False`` leaves the text out (for views that already show it; the Next step
    still quotes the phrases).
    """
    steps = next_steps(report)
    first = {f.advice_id for f in steps}
    parts = [f"<div class='iv-report' data-artefact='{_esc(report.artefact)}'><style>{_CSS}</style>",
             _summary_html(report), _next_step_html(report, steps)]
    if show_text and report.text is not None:
        parts.append(_text_html(report, steps))
    if report.findings:
        parts.append("<ul class='iv-items' aria-label='Every advice item (open one for details)'>")
        parts.extend(_item_html(report, f, f.advice_id in first and not f.passed) for f in report.findings)
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


# -- text --------------------------------------------------------------------------------------
def meter_text(met: int, total: int, width: int = 10) -> str:
    """A text meter, "[####------]": the count is always printed beside it."""
    filled = round(width * met / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _quoted_text(phrases: list[str]) -> str:
    return ", ".join(f'"{p}"' for p in phrases)


def report_text(report: Report, width: int = 100, details: bool = False) -> str:
    """The report as plain text: the summary line, the Next step block, then one line per item.

    ``details=True`` adds, under each item, what the check found, the evidence, the advice and
    its source (what the HTML shows when an item is opened).
    """
    met, total = met_count(report), len(report.findings)
    lines = [f"{report.artefact}: {met} of {total} advice items met {meter_text(met, total)} "
             f"{report.points:g}/{report.max_points:g} points", ""]
    steps = next_steps(report)
    if not report.findings:
        lines.append("Next step: nothing was checked yet.")
    elif not steps:
        lines.append("Next step: none. Every advice item is met.")
    else:
        lines.append("Next step")
        for number, f in enumerate(steps, 1):
            phrases = evidence(report, f)
            said = f"{title(f)}: {message(f)}" + (f" (you wrote {_quoted_text(phrases)})" if phrases else "")
            lines.extend(textwrap.wrap(said, width, initial_indent=f"  {number}. ", subsequent_indent="     "))
    if not report.findings:
        return "\n".join(lines)
    lines += ["", "Every advice item"]
    first = {f.advice_id for f in steps}
    word_width = max(len(f.status) for f in report.findings)
    title_width = max(len(title(f)) for f in report.findings)
    for f in report.findings:
        lines.append(f"  {f.symbol} {f.status:{word_width}}  {title(f):{title_width}}  {points_text(f)}")
        if details:
            advice = ADVICE[f.advice_id]
            said = message(f)
            notes = [said] if said and not (f.advice_id in first and not f.passed) else []
            phrases = evidence(report, f)
            if phrases:
                notes.append(f"Evidence: {_quoted_text(phrases)}")
            notes.append(f"The advice: {advice.summary}")
            notes.append(f"Source: {advice.source} ({advice.id}, {advice.lesson})")
            for note in notes:
                lines.extend(textwrap.wrap(note, width, initial_indent="      ", subsequent_indent="        "))
    return "\n".join(lines)


# -- other results: quiz answers, dates, the follow-up schedule ---------------------------------
def quiz_verdict_text(option) -> str:
    """A checked quiz answer (a :class:`infoview_lib.quiz.QuizOption`) as one line: a tick or a cross,
    then its explanation, which opens on the verdict in words ("Right." or "No.")."""
    return f"{chr(0x2714) if option.correct else chr(0x2718)} {option.explanation}"


def quiz_verdict_html(option) -> str:
    """:func:`quiz_verdict_text` as an HTML status line (the symbol hidden from screen readers)."""
    symbol = "\u2714" if option.correct else "\u2718"
    return f"<p role='status'><span aria-hidden='true'>{symbol}</span> {_esc(option.explanation)}</p>"


def date_text(value) -> str:
    """A date ("Wed 18 Mar 2026") or a date and time ("Wed 18 Mar 2026, 14:00"); "not planned yet" for None."""
    if value is None:
        return "not planned yet"
    if isinstance(value, _dt.datetime):
        return value.strftime("%a %d %b %Y, %H:%M")
    return value.strftime("%a %d %b %Y")


def schedule_html(schedule) -> str:
    """The follow-up schedule (:func:`infoview_lib.rules.follow_up.plan_follow_up`'s DataFrame) as a table:
    one row per action, with its date, what to do and how; each row names its advice id."""
    from .inputs import as_date

    head = "<tr><th scope='col'>Date</th><th scope='col'>What to do</th><th scope='col'>How</th></tr>"
    rows = "".join(
        f"<tr data-advice='{_esc(row.advice_id)}'><td class='date'>{_esc(date_text(as_date(row.date, 'date')))}</td>"
        f"<td>{_esc(row.action)}</td><td>{_esc(row.channel)}</td></tr>"
        for row in schedule.itertuples(index=False)
    )
    return f"<table class='iv-schedule'><thead>{head}</thead><tbody>{rows}</tbody></table>"
