"""What a lesson run must show, shared by the nbval run of every lesson (the root conftest.py)
and the nbclient run of 06 with saved work (tests/test_notebooks.py).

nbval checks that each cell runs and, in cells marked ``# NBVAL_CHECK_OUTPUT``, that its text
equals the reference output; these checks add what nbval cannot see: a widget cell shows a
widget, a plot cell shows an image, no cell prints a wall of text or a traceback, and a lesson
writes nothing beside itself.
"""
from __future__ import annotations

import json

import re
from pathlib import Path

#: widget -> the plain library call that does the same thing (shown beside the widget)
PLAIN_CALL = {
    "request_coach": "score_request(",
    "question_planner": "score_questions(",
    "logistics_planner": "check_logistics(",
    "prep_checklist": "checklist_progress(",
    "scenario_quiz": "check_answer(",
    "follow_up_planner": "plan_follow_up(",
    "work_saver": "WorkStore.default()",
}
WIDGET_CALL = re.compile(r"^(?!\s*#).*\b(" + "|".join(PLAIN_CALL) + r")\(", re.MULTILINE)
PLOT_CALL = re.compile(r"\bfollow_up_timeline\(|\bplt\.|\.plot\(|\bFigure\(")
#: What one cell may print before it stops being readable (06 once printed all 35 quiz questions).
MAX_PRINTED_LINES = 100
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def cell_problems(source: str, outputs) -> list[str]:
    """What is wrong with one executed code cell's ``outputs`` (nbformat output dicts); empty when fine."""
    problems = []
    mimes = {m for o in outputs for m in o.get("data", {})}
    for output in outputs:
        if output.get("output_type") == "error":
            problems.append("it raised")
        if output.get("output_type") == "stream" and output.get("name") == "stderr" and "Traceback" in output.get("text", ""):
            problems.append("it printed a traceback")
    if WIDGET_CALL.search(source) and source.strip().endswith(")") and WIDGET_MIME not in mimes:
        problems.append("it shows no widget")
    if PLOT_CALL.search(source) and "image/png" not in mimes:
        problems.append("it should show its figure as an image")
    printed = sum(o.get("text", "").count("\n") for o in outputs if o.get("output_type") == "stream")
    if printed > MAX_PRINTED_LINES:
        problems.append(f"it prints {printed} lines: a wall of text nobody reads (at most {MAX_PRINTED_LINES})")
    return problems


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (relative path -> size, modification time), to see what a run wrote."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def written(before: dict, after: dict) -> list[str]:
    """Files created, changed or removed between two :func:`folder_state` snapshots."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def capstone_problems(printed: str, work_dir: Path, seeded: bool) -> list[str]:
    """What 06 must have done: the prep sheet in the work folder, complete (seeded) or listing what is missing."""
    sheet_path = work_dir / "my-interview-prep-sheet.html"
    if not sheet_path.is_file():
        return [f"06 wrote no prep sheet into the work folder {work_dir}"]
    sheet = sheet_path.read_text(encoding="utf-8")
    problems = []
    if seeded:
        checks = {"Your plan is complete.": printed, "we met at the archives open day. &lt;i&gt;Sam&lt;/i&gt;": sheet}
        if "Still missing" in sheet:
            problems.append("the prep sheet of a complete plan says 'Still missing'")
        if not (work_dir / "my-follow-up-schedule.ics").is_file():
            problems.append("06 wrote no calendar file for a plan with an interview date")
    else:
        checks = {"Still missing": sheet, "No request draft yet": printed}
    problems += [f"{text!r} not found" for text, where in checks.items() if text not in where]
    return problems


#: nbval's reference outputs for the cells marked ``# NBVAL_CHECK_OUTPUT``: lesson -> cell id -> outputs.
#: They live here, not in the notebooks, which are committed with their outputs cleared.
REFERENCE_OUTPUTS = Path(__file__).resolve().parent / "data" / "lesson_reference_outputs.json"


def reference_outputs() -> dict[str, dict[str, list[dict]]]:
    """The reference outputs, lesson file name -> cell id -> outputs."""
    return json.loads(REFERENCE_OUTPUTS.read_text(encoding="utf-8"))
