"""The course website (``make site``): built offline from a copy of the checkout, a page per lesson
with its title and executed outputs, every internal link resolving, launch buttons opening the
same lesson from the configured repository, the advice inventory generated from the registry,
and a failing lesson failing the build."""
from __future__ import annotations

import concurrent.futures
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "site"))
import build as site_build  # noqa: E402  (site/build.py)

CLASS_REPO = "https://github.com/example-class/our-interviews-course"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def course_copy(tmp: Path) -> Path:
    """What the site is built from, copied (the build never writes into the checkout)."""
    course = tmp / "course"
    for name in ("site", "notebooks", "docs"):
        shutil.copytree(ROOT / name, course / name, ignore=shutil.ignore_patterns("my_work", ".ipynb_checkpoints"))
    shutil.copytree(ROOT / "assignments" / "source", course / "assignments" / "source")
    return course


def network_blocked() -> list[str]:
    """A command prefix running its command with no network: a new network namespace holding only
    the loopback interface (kernels talk to the build over 127.0.0.1), if the OS allows it."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or "/usr/sbin/ip"
    if not unshare or not Path(ip).exists():
        return []
    for flags in ("-n", "-rn"):
        prefix = [unshare, flags, "sh", "-c", f'{ip} link set lo up && exec "$@"', "sh"]
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The website built from a copy of the checkout, with the network blocked when the OS allows."""
    tmp = tmp_path_factory.mktemp("site")
    course = course_copy(tmp)
    out = tmp / "out"
    prefix = network_blocked()
    cmd = [*prefix, sys.executable, str(course / "site" / "build.py"), "--course", str(course),
           "--out", str(out), "--repo-url", CLASS_REPO]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"the site build failed{' (network blocked)' if prefix else ''}:\n{proc.stderr[-6000:]}"
    return {"out": out, "offline": bool(prefix), "course": course}


class Page(HTMLParser):
    def __init__(self, path: Path):
        super().__init__()
        self.title, self.h1, self.links, self._in = "", [], [], None
        self.outputs = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("title", "h1"):
            self._in = tag
            if tag == "h1":
                self.h1.append("")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "div" and "cell_output" in (attrs.get("class") or "").split():
            self.outputs += 1

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1[-1] += data


def lesson_title(name: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        match = re.search(r"^# (.+)$", "".join(cell["source"]), re.M) if cell["cell_type"] == "markdown" else None
        if match:
            return match.group(1).strip()
    raise AssertionError(f"{name} has no title")


pytestmark = pytest.mark.slow


def test_the_build_needs_no_network(site):
    if not site["offline"]:
        pytest.skip("cannot block the network here (unshare -n is not permitted); built with it")
    assert (site["out"] / "index.html").is_file()


def test_every_lesson_has_a_page_with_its_title_and_executed_outputs(site):
    assert len(LESSONS) == 7
    for name in LESSONS:
        page = Page(site["out"] / "notebooks" / f"{name}.html")
        title = lesson_title(name)
        assert title.replace("'", "\u2019") in page.title.replace("'", "\u2019"), (name, page.title)
        assert page.outputs >= 1, f"{name}: no executed output on its page"
    # a widget cell shows the note to launch, not a widget's text stand-in
    html = (site["out"] / "notebooks" / "02_making_the_request.html").read_text(encoding="utf-8")
    assert "interactive coach" in html and "widget saving" not in html


def test_every_internal_link_resolves(site):
    assert site_build.broken_links(site["out"]) == []
    index = Page(site["out"] / "index.html")
    for target in ["advice-inventory.html", "guides/facilitator-guide.html", "guides/grading.html",
                   "guides/deploy.html", "guides/coach.html"] + [f"notebooks/{n}.html" for n in LESSONS]:
        assert target in index.links, f"the welcome page does not link to {target}"


def test_launch_buttons_open_the_same_lesson_from_the_configured_repository(site):
    for name in LESSONS:
        links = [l for l in Page(site["out"] / "notebooks" / f"{name}.html").links if "mybinder.org" in l]
        assert links == [f"https://mybinder.org/v2/gh/example-class/our-interviews-course/HEAD"
                         f"?urlpath=lab/tree/notebooks/{name}.ipynb"], (name, links)


def test_the_advice_inventory_is_the_registry(site):
    from infoview_lib.advice import ADVICE

    html = (site["out"] / "advice-inventory.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td>", html)
    assert rows == list(ADVICE)
    graded = site_build.graded_in(site["course"])
    assert graded["request.brief"] == ["02_request"] and "during.devices_off" not in graded
    row = re.search(r"<tr><td><code>request\.concise</code>.*?</tr>", html).group(0)
    assert "5-point e-mail" in row and "02_making_the_request" in row and "02_request" in row
    row = re.search(r"<tr><td><code>during\.devices_off</code>.*?</tr>", html).group(0)
    assert "not graded" in row
    assert "id='advice-filter'" in html or 'id="advice-filter"' in html


def test_broken_links_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text("<h1 id='top'>A</h1><a href='b.html#nowhere'>b</a><a href='c.html'>c</a>"
                                     "<a href='#top'>top</a><a href='https://example.org/x'>out</a>")
    (tmp_path / "b.html").write_text("<h1 id='here'>B</h1><a href='a.html#top'>a</a>")
    assert site_build.broken_links(tmp_path) == ["a.html: b.html#nowhere (no such anchor)",
                                                 "a.html: c.html (no such file)"]


def test_a_failing_lesson_fails_the_build(tmp_path):
    course = course_copy(tmp_path)
    welcome = course / "notebooks" / "00_welcome.ipynb"
    nb = json.loads(welcome.read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": "raise ValueError('a broken lesson cell')"})
    welcome.write_text(json.dumps(nb), encoding="utf-8")
    for lesson in course.glob("notebooks/0[1-6]_*.ipynb"):  # the first lesson is enough (and quick)
        lesson.unlink()
    with pytest.raises(site_build.SiteBuildError) as failure:
        site_build.build(course, tmp_path / "out")
    assert "a broken lesson cell" in str(failure.value) and "00_welcome" in str(failure.value)


def test_the_repository_url_is_one_setting():
    settings = json.loads((ROOT / "site" / "site.json").read_text(encoding="utf-8"))
    conf = (ROOT / "site" / "conf.py").read_text(encoding="utf-8")
    assert settings["repository_url"].startswith("https://")
    assert settings["repository_url"] not in conf  # conf.py reads it, never repeats it


def test_the_student_bundle_can_carry_the_site_set_to_the_class_repository(tmp_path):
    from infoview_lib.advice import ADVICE
    from infoview_lib.bundle import build_student_bundle

    course = tmp_path / "course"
    for name in ("site", "notebooks", "docs", "assignments", "infoview_lib", "binder"):
        shutil.copytree(ROOT / name, course / name, ignore=shutil.ignore_patterns(
            "my_work", ".ipynb_checkpoints", "__pycache__", "release", "submitted", "autograded", "feedback",
            "gradebook.db"))
    shutil.copy(ROOT / "pyproject.toml", course / "pyproject.toml")
    out = tmp_path / "class-repo"
    result = build_student_bundle(out, course=course, repo_url=CLASS_REPO, site=True)
    assert {"site/conf.py", "site/index.md", "site/site.json", "site/build.py", "docs/coach.md"} <= set(result.files)
    assert json.loads((out / "site" / "site.json").read_text())["repository_url"] == CLASS_REPO
    # the instructors' guides stay out of the students' repository
    assert not (out / "docs" / "grading.md").exists() and not (out / "docs" / "deploy.md").exists()
    # the class can build it: the sources stage from the bundle alone, "graded in" read from the release
    staged = site_build.stage(out, tmp_path / "staged")
    assert sorted(p.name for p in (staged / "notebooks").glob("*.ipynb")) == [f"{n}.ipynb" for n in LESSONS]
    assert "guides/coach" in (staged / "index.md").read_text() and "guides/grading" not in (staged / "index.md").read_text()
    assert site_build.graded_in(out) == site_build.graded_in(ROOT)
    assert len(re.findall(r"<tr><td><code>", (staged / "advice-inventory.md").read_text())) == len(ADVICE)
    # without --site the step writes nothing (the default bundle stays as it was)
    from infoview_lib.bundle import BundleBuild
    from infoview_lib.bundle.site import copy_site

    staging = tmp_path / "plain"
    staging.mkdir()
    copy_site(BundleBuild(course=course, staging=staging, scratch=tmp_path, repo_url=CLASS_REPO))
    assert list(staging.iterdir()) == []


@pytest.mark.e2e
def test_site_pages_have_no_serious_accessibility_violations(site):
    """axe-core on every page of the website (welcome page, lessons, advice inventory, guides)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.is_file():
        pytest.skip("Chromium not found at /usr/bin/chromium: install it with apt-get install chromium")
    from playwright import sync_api  # a test dependency: missing, it is an error, not a skip
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from axe_audit import audit, describe, e2e_chromium_args, serious

    out = site["out"]
    pages = ["index.html", "advice-inventory.html", *(f"notebooks/{n}.html" for n in LESSONS),
             *(f"guides/{p.name}" for p in sorted((out / "guides").glob("*.html")))]
    found = {}

    def run_audit():
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                                 args=e2e_chromium_args())
            try:
                page = browser.new_page()
                for name in pages:
                    page.goto((out / name).as_uri())
                    found[name] = serious(audit(page, f"site-{name}"))
                # the inventory's filter box works without a network
                page.goto((out / "advice-inventory.html").as_uri())
                page.get_by_label("Filter the advice").fill("thank")
                return page.locator("#advice-table tbody tr:visible").count()
            finally:
                browser.close()

    # Playwright's sync API refuses to run where an asyncio loop runs, and earlier tests in the same
    # process (Jupyter clients) may leave one in this thread: the browser gets a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        shown = pool.submit(run_audit).result(timeout=600)
    assert 0 < shown < len(re.findall("<tr><td>", (out / "advice-inventory.html").read_text()))
    bad = {name: describe(v) for name, v in found.items() if v}
    assert not bad, "serious or critical axe-core violations on the website:\n" + "\n".join(
        f"{name}:\n{text}" for name, text in bad.items())
