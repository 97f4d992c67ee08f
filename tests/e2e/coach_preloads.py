"""``make coach-preloads``: record the scripts the coach app's first page runs, for its template to
announce in the page's head (``infoview_lib/app/jupyter/voila/templates/infoview-coach/``).

Why: Voila's page asks for its own script only after the last cell of the app has arrived, and that
script then asks for the rest in four rounds (Voila's chunks, the widget extensions, their chunks,
more of Voila's), each found by running the one before. When the page's head lists them all with
``<link rel="preload">``, the browser downloads and parses them while the server is still running
the app in the kernel (docs/coach.md gives the numbers).

The script names are content hashes of Voila's and the widget extensions' builds, so the list holds
for those builds only: it is written with Voila's version and each extension's entry script, and the
template uses it only when the running page has the same (otherwise the page is Voila's own, only
slower). The
browser test ``test_the_page_announces_every_script_it_runs`` fails when the list is out of date.

Usage: ``make coach-preloads`` (or ``python tests/e2e/coach_preloads.py``). Needs Chromium at
``/usr/bin/chromium`` and Playwright, as the browser tests do.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PRELOADS_FILE = (ROOT / "infoview_lib" / "app" / "jupyter" / "voila" / "templates" / "infoview-coach"
                 / "preloads.html.j2")
#: where the page's own scripts come from (below the server's base URL)
SCRIPT_FOLDERS = ("voila/static/", "voila/labextensions/")
LOAD_TIMEOUT_MS = 120_000

HEADER = """{#- Made by `make coach-preloads` (tests/e2e/coach_preloads.py): do not edit by hand.
    The scripts the coach app's first page runs, in the order it asks for them (below /voila/ on the
    server), and the builds they belong to: index.html.j2 announces them only when the running Voila
    has this version and its page the same extensions with the same entry scripts (named by a hash
    of each extension's build). -#}
"""


def render_preloads(voila_version: str, extensions: dict[str, str], scripts: list[str]) -> str:
    """The Jinja file the app's template imports (``preloads.html.j2``)."""
    lines = [f"{{%- set voila_version = {json.dumps(voila_version)} -%}}",
             f"{{%- set extensions = {json.dumps(extensions, sort_keys=True)} -%}}",
             "{%- set scripts = ["]
    lines += [f"  {json.dumps(script)}," for script in scripts]
    lines.append("] -%}")
    return HEADER + "\n".join(lines) + "\n"


def page_scripts(page, base_url: str, initiators: tuple[str, ...] = ("script",)) -> list[dict]:
    """The page's own scripts fetched so far, in the order asked for: ``path`` (below /voila/, with
    any query), ``initiator`` (``script`` when the page's code asked, ``link`` when announced in the
    head) and ``status`` (HTTP)."""
    entries = page.evaluate("""() => performance.getEntriesByType('resource').map(e => (
        {url: e.name, initiator: e.initiatorType, status: e.responseStatus, start: e.startTime}))""")
    found = []
    for entry in sorted(entries, key=lambda e: e["start"]):
        if not entry["url"].startswith(base_url) or entry["initiator"] not in initiators:
            continue
        path = entry["url"][len(base_url):]
        if path.startswith(SCRIPT_FOLDERS):
            found.append({"path": path[len("voila/"):], "initiator": entry["initiator"], "status": entry["status"]})
    return found


def page_versions(page) -> tuple[str, dict[str, str]]:
    """Voila's version and the page's JupyterLab extensions, each with its entry script (whose name
    is a hash of the extension's build), as the running page has them."""
    config = json.loads(page.locator("#jupyter-config-data").first.text_content())
    return config["appVersion"], {ext["name"]: ext["load"] for ext in config.get("federated_extensions", [])}


def record(folder: Path) -> str:
    """Serve the app as ``make coach`` does with no list in place, open its page, and return the new
    preloads file's text."""
    sys.path[:0] = [str(HERE), str(ROOT / "tests")]
    from axe_audit import e2e_chromium_args
    from coach_server import CoachServer
    from playwright.sync_api import sync_playwright

    server = CoachServer(folder)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=e2e_chromium_args())
        try:
            server.start()
            page = browser.new_page()
            page.goto(server.url)
            page.locator(".iv-coach-app textarea").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
            scripts = page_scripts(page, server.url)
            voila_version, extensions = page_versions(page)
        finally:
            server.stop()
            browser.close()
    failed = [s["path"] for s in scripts if s["status"] not in (200, 304)]
    if failed or not scripts:
        raise RuntimeError(f"the page's scripts did not all load: {failed or 'none found'}")
    return render_preloads(voila_version, extensions, [s["path"] for s in scripts])


def main() -> int:
    if not Path("/usr/bin/chromium").is_file():
        print("coach-preloads: Chromium is needed at /usr/bin/chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    before = PRELOADS_FILE.read_text(encoding="utf-8") if PRELOADS_FILE.exists() else None
    # with an empty list the page is Voila's own, asking for each script itself
    PRELOADS_FILE.write_text(render_preloads("", {}, []), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="coach-preloads-") as folder:
            text = record(Path(folder))
    except BaseException:
        if before is not None:
            PRELOADS_FILE.write_text(before, encoding="utf-8")
        raise
    PRELOADS_FILE.write_text(text, encoding="utf-8")
    count = text.count('",\n')
    print(f"coach-preloads: {count} scripts written to {PRELOADS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
