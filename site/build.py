"""Build the course website: ``make site`` (``python site/build.py``) writes ``_build/site/``.

Steps: stage the sources in ``_build/site-src/`` (this folder's ``conf.py``, ``index.md`` and
``site.json``; the lessons from ``notebooks/``; the guides from ``docs/``; the advice inventory
generated from the registry), run Sphinx with myst-nb (lessons executed at build time;
``-W -n``: any warning, a broken cross-reference or a failing cell fails the build), then check
every internal link and anchor of the output, offline. Nothing is fetched from the network.

Lessons' widget cells keep their code; their output is replaced by a note to launch the lesson
(the page has a launch button that opens it on Binder from the repository in ``site.json``).

Options: ``--out DIR`` (default ``_build/site``), ``--repo-url URL`` (overrides ``site.json``
for this build), ``--course DIR`` (the checkout to build from; default: the one around this file).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
SITE_FILES = ("conf.py", "index.md", "site.json")
#: docs/ guides published on the site, as guides/<name>, when the course has them (a student
#: bundle carries only the coach app's guide)
GUIDES = ("facilitator-guide.md", "grading.md", "deploy.md", "coach.md")
WIDGET_NOTE = (
    ":::{note}\nThis cell shows an interactive coach. It needs a running Python: launch this lesson "
    "(the rocket button at the top of the page opens it on Binder), run the course on your computer "
    "(`make lab`), or use the coach app (`make coach`).\n:::"
)


class SiteBuildError(RuntimeError):
    """The website could not be built (the message says which step and why)."""


# ------------------------------------------------------------------------------ staging
def widget_factories() -> list[str]:
    """The course's widget factory functions (``request_coach``, ...): cells calling one show a widget."""
    from infoview_lib import widgets

    return [name for name in widgets.__all__ if name.islower()]


def site_anchor(jupyter_anchor: str) -> str:
    """A JupyterLab heading anchor ("#Your-turn:-one-meeting") as the site's heading id ("#your-turn-one-meeting")."""
    return re.sub(r"[^\w\- ]", "", jupyter_anchor.lower()).replace(" ", "-")


def prepare_lesson(source: Path, target: Path) -> None:
    """Copy a lesson notebook for the site: outputs cleared (they are made at build time),
    widget cells' output replaced by a note, JupyterLab heading links turned into the site's."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    calls = re.compile(r"^(?!\s*(?:#|from |import )).*\b(?:%s)\(" % "|".join(widget_factories()), re.M)
    cells = []
    for cell in nb["cells"]:
        text = "".join(cell.get("source", ""))
        if cell["cell_type"] == "markdown":
            cell["source"] = re.sub(r"\]\(#([^)\s]+)\)", lambda m: f"](#{site_anchor(m.group(1))})", text)
        cells.append(cell)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            if calls.search(text):
                tags = cell.setdefault("metadata", {}).setdefault("tags", [])
                tags.append("remove-output")
                note = {"cell_type": "markdown", "metadata": {}, "source": WIDGET_NOTE}
                if "id" in cell:
                    note["id"] = f"{cell['id']}-launch-note"[:64]
                cells.append(note)
    nb["cells"] = cells
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def graded_in(course: Path) -> dict[str, list[str]]:
    """advice id -> the assignments with a graded cell named after it (nbgrader grade ids).

    Reads ``assignments/source/<assignment>/*.ipynb`` (the instructor's course) or, in a student
    bundle, ``assignments/<assignment>/*.ipynb`` (the release keeps the grade ids)."""
    from infoview_lib.advice import advice_id_from_grade_id

    root = course / "assignments"
    folders = sorted((root / "source").glob("*/")) if (root / "source").is_dir() else sorted(root.glob("*/"))
    found: dict[str, list[str]] = {}
    for folder in folders:
        if not folder.is_dir() or folder.name in ("release", "submitted", "autograded", "feedback"):
            continue
        for path in sorted(folder.glob("*.ipynb")):
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if not (meta.get("grade") and meta.get("grade_id")):
                    continue
                try:
                    advice_id = advice_id_from_grade_id(meta["grade_id"])
                except KeyError:
                    continue
                names = found.setdefault(advice_id, [])
                if folder.name not in names:
                    names.append(folder.name)
    return found


def advice_inventory_md(course: Path) -> str:
    """The advice inventory page: every registry entry, with a filter box (no network needed)."""
    from infoview_lib.advice import ADVICE, STAGES

    graded = graded_in(course)
    rows = []
    for item in ADVICE.values():
        lesson = STAGES[item.stage][0]
        lesson_link = f"<a href='notebooks/{lesson[:-len('.ipynb')]}.html'>{html.escape(lesson[:-len('.ipynb')])}</a>"
        rows.append(
            "<tr>"
            f"<td><code>{html.escape(item.id)}</code></td><td>{html.escape(item.summary)}</td>"
            f"<td>{html.escape(item.source)}</td><td>{lesson_link}</td>"
            f"<td>{html.escape(', '.join(graded.get(item.id, [])) or 'not graded')}</td>"
            "</tr>"
        )
    return "\n".join([
        "# Advice inventory",
        "",
        f"Every piece of advice the course teaches ({len(ADVICE)} in all), generated from the kit's advice "
        "registry (`infoview_lib/advice.py`): its id, the advice in the course's words, its source, the lesson "
        "that teaches it and the graded assignments that check it. Type in the box to filter the table.",
        "",
        "<div class='iv-inventory'>",
        "<label for='advice-filter'>Filter the advice</label> "
        "<input type='search' id='advice-filter' placeholder='e.g. thank, request., Mehling'>",
        "<p id='advice-count' role='status'></p>",
        "<table id='advice-table'>",
        "<caption>The advice inventory</caption>",
        "<thead><tr><th scope='col'>id</th><th scope='col'>advice</th><th scope='col'>source</th>"
        "<th scope='col'>lesson</th><th scope='col'>graded in</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody></table>",
        "<script>",
        "(function () {",
        "  var box = document.getElementById('advice-filter'), count = document.getElementById('advice-count');",
        "  var rows = Array.prototype.slice.call(document.querySelectorAll('#advice-table tbody tr'));",
        "  function update() {",
        "    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;",
        "    rows.forEach(function (row) {",
        "      var text = row.textContent.toLowerCase();",
        "      var keep = words.every(function (w) { return text.indexOf(w) >= 0; });",
        "      row.hidden = !keep; if (keep) { shown += 1; }",
        "    });",
        "    count.textContent = shown + ' of ' + rows.length + ' pieces of advice shown';",
        "  }",
        "  box.addEventListener('input', update); update();",
        "})();",
        "</script>",
        "</div>",
        "",
    ])


def stage(course: Path, staging: Path, repo_url: str | None = None) -> Path:
    """Write the Sphinx source folder for ``course`` into ``staging`` (replaced)."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    site = course / "site"
    for name in SITE_FILES:
        shutil.copy2(site / name, staging / name)
    if repo_url is not None:
        settings = json.loads((staging / "site.json").read_text(encoding="utf-8"))
        settings["repository_url"] = repo_url
        (staging / "site.json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    lessons = sorted((course / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not lessons:
        raise SiteBuildError(f"no lessons found in {course / 'notebooks'}")
    for lesson in lessons:
        prepare_lesson(lesson, staging / "notebooks" / lesson.name)
    guides = [name for name in GUIDES if (course / "docs" / name).is_file()]
    if guides:
        (staging / "guides").mkdir()
        for name in guides:
            shutil.copy2(course / "docs" / name, staging / "guides" / name)
        entries = "\n".join(f"guides/{name[:-len('.md')]}" for name in guides)
        with (staging / "index.md").open("a", encoding="utf-8") as index:
            index.write(f"\n```{{toctree}}\n:caption: Guides\n:maxdepth: 1\n\n{entries}\n```\n")
    (staging / "advice-inventory.md").write_text(advice_inventory_md(course), encoding="utf-8")
    return staging


# ------------------------------------------------------------------------------ link check
class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script"))):
                self.links.append(value)


def broken_links(out: Path) -> list[str]:
    """Every internal link (href/src) in the HTML under ``out`` that names a missing file or anchor."""
    pages: dict[Path, _Links] = {}

    def parsed(path: Path) -> _Links:
        if path not in pages:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            pages[path] = parser
        return pages[path]

    broken = []
    for page in sorted(out.rglob("*.html")):
        if page.relative_to(out).parts[0] in ("_static", "_sources"):
            continue  # the theme's template fragments and copied sources, not pages
        for link in parsed(page).links:
            url = urlparse(link)
            if url.scheme or url.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = page if not url.path else (page.parent / unquote(url.path)).resolve()
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(out)}: {link} (no such file)")
                continue
            if url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parsed(target).ids:
                broken.append(f"{page.relative_to(out)}: {link} (no such anchor)")
    return broken


# ------------------------------------------------------------------------------ build
def build(course: Path, out: Path, repo_url: str | None = None, staging: Path | None = None) -> Path:
    """Stage, run Sphinx (warnings are errors), check the links. Returns ``out``."""
    course, out = course.resolve(), out.resolve()
    staging = (staging or out.parent / "site-src").resolve()
    stage(course, staging, repo_url)
    with tempfile.TemporaryDirectory(prefix="infoview-site-") as tmp:
        env = dict(os.environ, INFOVIEW_WORK_DIR=str(Path(tmp) / "my_work"), MPLBACKEND="Agg",
                   PYDEVD_DISABLE_FILE_VALIDATION="1")
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        if out.exists():
            shutil.rmtree(out)
        cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
               "-d", str(Path(tmp) / "doctrees"), str(staging), str(out)]
        proc = subprocess.run(cmd, env=env, cwd=staging, capture_output=True, text=True)
    if proc.returncode != 0:
        # Sphinx ends with its own traceback; the lines naming what failed (a warning, a cell's
        # error) come first
        lines = (proc.stdout + proc.stderr).splitlines()
        key = [line for line in lines if re.search(r"WARNING|ERROR|Error|error|Exception|failed", line)]
        saved = re.search(r"The full traceback has been saved in:\s*(\S+)", proc.stdout + proc.stderr)
        if saved and Path(saved.group(1)).is_file():  # a failing cell: its error is only in Sphinx's log
            log = Path(saved.group(1)).read_text(encoding="utf-8", errors="replace").splitlines()
            key += [line for line in log if re.search(r"CellExecutionError|^\w*(Error|Exception)\b|^\s*raise ", line)][:20]
        raise SiteBuildError(f"sphinx-build failed (exit {proc.returncode}):\n" + "\n".join(key[:60])
                             + "\n--- end of its output ---\n" + "\n".join(lines[-40:]))
    broken = broken_links(out)
    if broken:
        raise SiteBuildError(f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:50]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="site/build.py", description="Build the course website.")
    parser.add_argument("--out", default=None, help="output folder (default: _build/site in the course)")
    parser.add_argument("--repo-url", default=None, help="the class's public repository (overrides site/site.json)")
    parser.add_argument("--course", default=str(HERE.parent), help="the course checkout to build from")
    args = parser.parse_args(argv)
    course = Path(args.course).resolve()
    out = Path(args.out) if args.out else course / "_build" / "site"
    try:
        build(course, out, args.repo_url)
    except SiteBuildError as err:
        print(f"site: {err}", file=sys.stderr)
        return 1
    print(f"The course website is in {out} (open {out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
