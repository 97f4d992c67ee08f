"""The lesson notebooks 00-06: structure a reader relies on, and the capstone run on saved work.

Structure tests read the committed .ipynb files (fast). Every lesson also runs headless under
nbval (``pytest --nbval-lax notebooks/``, part of ``make test``), with the checks of
``lesson_checks.py`` on every cell (see the checkout's conftest.py). nbval runs each lesson once,
on an empty work folder; the run here is the one nbval cannot do: 06 on a work folder holding
what the lesson widgets save, executed with nbclient in a temporary copy of the notebooks folder.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from infoview_lib.advice import ADVICE
from lesson_checks import PLAIN_CALL, PLOT_CALL, WIDGET_CALL, capstone_problems, cell_problems, folder_state, written

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = (
    "00_welcome.ipynb",
    "01_what_it_is.ipynb",
    "02_making_the_request.ipynb",
    "03_dont_ask_for_a_job.ipynb",
    "04_before_and_during.ipynb",
    "05_afterward.ipynb",
    "06_capstone_my_interview_plan.ipynb",
)
WITH_WIDGETS = LESSONS[1:]

HEADING = re.compile(r"^(#{1,6}) +(\S.*?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def headings(nb) -> list[tuple[int, str]]:
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and (m := HEADING.match(line)):
                found.append((len(m.group(1)), m.group(2)))
    return found


def advice_named(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("infoview", {}).get("advice", []))


def test_the_course_has_exactly_the_seven_lessons():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(LESSONS)
    for name in LESSONS:
        nbformat.validate(read(name))


@pytest.mark.parametrize("name", LESSONS)
def test_first_cell_has_title_summary_and_working_contents(name):
    nb = read(name)
    first = nb.cells[0]
    assert first.cell_type == "markdown", "the first cell must be a markdown title cell"
    lines = [line for line in first.source.splitlines() if line.strip()]
    assert lines[0].startswith("# "), "the first line must be a '# ' title"
    summary = []
    for line in lines[1:]:
        if line.startswith(("**Contents", "1. ")):
            break
        summary.append(line)
    assert 1 <= len(summary) <= 3 and sum(len(s) for s in summary) > 80, "a two-line summary follows the title"
    links = re.findall(r"^\d+\. \[([^\]]+)\]\(#([^)]+)\)", first.source, re.MULTILINE)
    assert len(links) >= 4, "a contents list of links to the sections"
    section_titles = {text for level, text in headings(nb) if level == 2}
    for text, anchor in links:
        assert text in section_titles, f"contents entry {text!r} has no '## ' heading"
        assert anchor == text.replace(" ", "-"), f"link to {text!r} should be #{text.replace(' ', '-')}"


@pytest.mark.parametrize("name", LESSONS)
def test_headings_go_in_order_without_skipping_a_level(name):
    found = headings(read(name))
    assert found[0][0] == 1 and [level for level, _ in found].count(1) == 1, "exactly one '# ' title, first"
    for (previous, _), (level, text) in zip(found, found[1:]):
        assert level <= previous + 1, f"heading {text!r} jumps from level {previous} to {level}"


@pytest.mark.parametrize("name", WITH_WIDGETS)
def test_lessons_have_objectives_a_quiz_and_a_your_turn_activity(name):
    nb = read(name)
    titles = [text for _, text in headings(nb)]
    assert "Learning objectives" in titles
    assert any(t.startswith("Your turn") for t in titles), "a 'Your turn' activity"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "scenario_quiz(stages=" in code, "the self-check quiz widget"
    assert "questions_for(" in code and "check_answer(" in code, "the quiz without the widget"
    text = "\n".join(c.source for c in nb.cells)
    assert "Demystifying the Informational Interview" in text and "Ellen Mehling" in text


@pytest.mark.parametrize("name", WITH_WIDGETS)
def test_every_widget_has_its_plain_function_call_beside_it(name):
    nb = read(name)
    widget_cells = [(i, WIDGET_CALL.findall(c.source)) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    widget_cells = [(i, found) for i, found in widget_cells if found]
    assert widget_cells, f"{name} shows no course widget"
    for index, found in widget_cells:
        nearby = "\n".join(c.source for c in nb.cells[max(0, index - 1):index + 4])
        for widget in found:
            assert PLAIN_CALL[widget] in nearby, f"cell {index}: {widget}() has no {PLAIN_CALL[widget]} beside it"


CHECK_ANSWER = re.compile(r"check_answer\(\s*[\"']([\w-]+)[\"']")


@pytest.mark.parametrize("name", WITH_WIDGETS[:-1])
def test_the_quiz_demonstrated_without_the_widget_is_on_this_lessons_own_stage(name):
    """Lesson 02 showed check_answer on a question from lesson 01: each lesson's example is its own."""
    from infoview_lib.quiz import quiz_question

    code = "\n".join(c.source for c in read(name).cells if c.cell_type == "code")
    demonstrated = CHECK_ANSWER.findall(code)
    assert demonstrated, f"{name} never calls check_answer on a question id"
    for question_id in demonstrated:
        taught_in = ADVICE[quiz_question(question_id).advice_ids[0]].lesson
        assert taught_in == name, f"{name} demonstrates {question_id!r}, a question of {taught_in}"


#: Authors' names for notebook patterns (spec/style.md) and other programmer's jargon: students see plain words.
JARGON = re.compile(r"\b(?:twiddle|frob|foo|bar(?:baz)?)\b", re.IGNORECASE)
#: The request names one or two topics (request.specific_topics); "one topic" alone contradicts that.
TITLES = {advice.title for advice in ADVICE.values()}
ONE_TOPIC_ONLY = re.compile(r"\bone (?:subject|topic)s?\b(?! or two)", re.IGNORECASE)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_text_is_plain_and_agrees_with_the_advice(name):
    text = "\n".join(c.source for c in read(name).cells if c.cell_type == "markdown")
    text += "\n".join(line for c in read(name).cells if c.cell_type == "code"
                      for line in c.source.splitlines() if line.lstrip().startswith("#"))
    assert not JARGON.findall(text), f"{name} uses jargon: {JARGON.findall(text)}"
    assert not ONE_TOPIC_ONLY.findall(text), f"{name} says one topic where the course says one or two"
    # The feedback says "met" / "not met" beside each item's short title: the lessons use the same words.
    assert not re.findall(r"\*\*(?:NOT )?MET\*\*", text), f"{name} says **MET**/**NOT MET**; the feedback says met / not met"
    for quoted in re.findall(r"\*([A-Z][^*]{3,40})\* (?:is|change to|, not met)", text):
        assert " ".join(quoted.split()) in TITLES, f"{name} names {quoted!r}, which is no advice item's short title"


def test_welcome_explains_saving_downloading_and_binder():
    nb = read("00_welcome.ipynb")
    text = "\n".join(c.source for c in nb.cells)
    assert "work_saver()" in text
    for words in ("my_work", "Download my work", "Restore from file", "Binder", "ten minutes", "make lab"):
        assert words in text
    assert re.search(r"\d+ minutes \|", text), "time estimates per notebook"


def test_every_advice_id_is_taught_in_its_own_lesson_and_every_id_named_exists():
    named: dict[str, set[str]] = {}
    for name in LESSONS:
        for cell in read(name).cells:
            for advice_id in advice_named(cell):
                named.setdefault(advice_id, set()).add(name)
    unknown = sorted(set(named) - set(ADVICE))
    assert not unknown, f"cell metadata names unknown advice ids: {unknown}"
    missing = sorted(set(ADVICE) - set(named))
    assert not missing, f"no lesson cell names these advice ids: {missing}"
    not_in_lesson = sorted(a for a in ADVICE if ADVICE[a].lesson not in named[a])
    assert not not_in_lesson, f"advice not named in the lesson that teaches its stage: {not_in_lesson}"


@pytest.mark.parametrize("name", LESSONS)
def test_every_plot_is_followed_by_a_description(name):
    cells = read(name).cells
    for index, cell in enumerate(cells):
        makes_plot = cell.cell_type == "code" and (
            PLOT_CALL.search(cell.source) or cell.metadata.get("infoview", {}).get("plot"))
        if not makes_plot:
            continue
        following = cells[index + 1:index + 3]
        described = any(
            (c.cell_type == "code" and "describe_" in c.source) for c in following
        ) or (following and following[0].cell_type == "markdown" and "shows" in following[0].source
              and len(following[0].source) > 80)
        assert described, f"cell {index} makes a plot with no description of what it shows after it"


CHECK_OUTPUT = "# NBVAL_CHECK_OUTPUT"


@pytest.mark.parametrize("name", LESSONS)
def test_committed_notebooks_have_no_outputs_and_every_checked_cell_has_its_reference(name):
    """Outputs are cleared before committing. The output nbval compares in a cell marked
    ``# NBVAL_CHECK_OUTPUT`` lives in tests/data/lesson_reference_outputs.json, keyed by cell id
    (the checkout's conftest.py puts it into the cell when nbval collects it): a marked cell
    without one would check nothing, and a reference for an unmarked or missing cell is stale."""
    from lesson_checks import reference_outputs

    references = reference_outputs().get(name, {})
    marked = set()
    for index, cell in enumerate(read(name).cells):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [] and cell.execution_count is None, f"cell {index}: clear outputs before committing"
        if CHECK_OUTPUT in cell.source:
            marked.add(cell.id)
            assert references.get(cell.id), (
                f"cell {index} ({cell.id}) is marked {CHECK_OUTPUT} but has no reference output: nbval would check nothing")
    assert set(references) <= marked, f"references for cells that are not marked: {sorted(set(references) - marked)}"


def test_each_lesson_with_a_quiz_checks_a_printed_verdict_under_nbval():
    for name in WITH_WIDGETS:
        marked = [c for c in read(name).cells if c.cell_type == "code" and CHECK_OUTPUT in c.source]
        assert any("quiz_verdict_text(" in c.source for c in marked), f"{name}: no verdict checked by nbval"


def test_make_test_runs_the_lessons_under_nbval():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "notebooks" in options["testpaths"] and "--nbval-lax" in options["addopts"].split()


# -- running the capstone on saved work ----------------------------------------------------------

def seed_full_plan(work_dir: Path) -> None:
    """Saved entries as the lesson widgets write them, so 06 builds a complete plan."""
    from infoview_lib.work_store import WorkStore

    store = WorkStore(work_dir)
    store.save("request", {"text": "Dear Dr Osei, we met at the archives open day. <i>Sam</i>", "channel": "email"})
    store.save("questions", {"questions": ["How do you appraise donated collections?"], "minutes": 20,
                             "topics": ["appraisal"]})
    store.save("logistics", {"meeting_at": "2026-03-18T14:00:00", "confirmed_on": "2026-03-15",
                             "arrive_at": "2026-03-18T13:52:00", "free_until": "2026-03-18T15:30:00"})
    store.save("follow_up", {"interview_on": "2026-03-18", "log": []})


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_capstone_runs_on_saved_work_and_writes_only_to_the_work_folder(tmp_path):
    from nbclient import NotebookClient

    name = "06_capstone_my_interview_plan.ipynb"
    lesson_dir = tmp_path / "notebooks"
    lesson_dir.mkdir()
    shutil.copy2(NOTEBOOKS / name, lesson_dir / name)
    before = folder_state(lesson_dir)
    work_dir = tmp_path / "work"
    seed_full_plan(work_dir)

    nb = nbformat.read(lesson_dir / name, as_version=4)
    env = dict(os.environ, INFOVIEW_WORK_DIR=str(work_dir))
    client = NotebookClient(nb, timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(lesson_dir)}})
    client.execute(env=env)  # raises CellExecutionError naming the cell on any error

    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            problems = cell_problems(cell.source, cell.outputs)
            assert not problems, f"cell {index}: " + "; ".join(problems)
    # the kernel's working directory is the lesson's folder: nothing but the work folder may be written
    assert written(before, folder_state(lesson_dir)) == [], "the lesson wrote outside the work folder"
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert capstone_problems(printed, work_dir, seeded=True) == []
