"""Real-browser end-to-end tests: the course as a student sees it in JupyterLab and Notebook 7.

What is shared here:

- ``course_copy`` (session): a temporary copy of the repo's ``notebooks/`` folder, so running cells,
  autosave and the student's work never touch the checkout. The server gets its own Jupyter config
  folder with document autosave off and kernels that start without asking (no news pop-up comes
  from the kit's own config, as for ``make lab``).
- ``lab_server`` / ``notebook_server`` (session): the course server started exactly as ``make lab``
  starts it (``infoview_lib.cli.lab.lab_command`` + ``lab_environment``), plus only a free loopback
  port, a token and no browser. One per interface per session, stopped by its own process id.
- ``browser`` (session): one headless Chromium (``/usr/bin/chromium``, never a Playwright download).
- ``lessons`` (function): lesson notebooks opened and run in the browser, one page (and kernel)
  per lesson and interface for the whole session, wrapped in :class:`CoursePage`.

On failure, a screenshot of the page and the server log are copied to ``test-artifacts/e2e/`` in
the repo (git-ignored; CI keeps it) by the ``pytest_runtest_makereport`` hook below.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: seconds; the machine is small and shared, so kernels may take a while to start
SERVER_START_TIMEOUT = 90
KERNEL_TIMEOUT = 60_000  # ms, Playwright units
RUN_ALL_TIMEOUT = 60_000

#: JupyterLab user settings for the test server: what a fresh student gets, minus autosave and the kernel dialog.
USER_SETTINGS = {
    # the course folder is a copy, but autosave would still race the test's own edits: off
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # (no "official Jupyter news?" prompt: the kit's own Jupyter config, which `infoview lab` uses, turns
    # the announcements plugin off; tests/e2e/test_feedback.py checks it, so it is not set here)
    # open notebooks start their kernel without a "Select Kernel" dialog
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
}

#: a cell calling one of the course's widget factories (infoview_lib.widgets) displays a widget
from lesson_checks import WIDGET_CALL  # noqa: E402 (tests/lesson_checks.py: the lessons' widget calls)
#: outputs where JupyterLab and Notebook 7 show errors: an error output is rendered as its traceback
#: in stderr form, as is anything the code prints to stderr
ERROR_OUTPUT = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)
#: (JavaScript) a traceback, or an exception line such as "SyntaxError: invalid syntax"
TRACEBACK = r"/Traceback|\b[A-Z]\w*(Error|Exception)\b/"
#: text that ipywidgets shows when a widget view cannot be displayed (e.g. a version mismatch)
WIDGET_FAILURES = (
    "Error displaying widget",
    "Loading widget...",
    "Failed to load model class",
    "Click to show javascript error",  # ipywidgets 8's error view (class jupyter-widgets-error-widget)
)


def require_chromium() -> None:
    if not CHROMIUM.is_file():
        pytest.skip(
            "Chromium not found at /usr/bin/chromium: install it with apt-get install chromium "
            "to run the browser tests"
        )


# --------------------------------------------------------------------------------------------
# the course server
# --------------------------------------------------------------------------------------------
from coach_server import free_port  # noqa: E402 (tests/e2e/coach_server.py: one home for servers' ports)


@dataclass
class CourseServer:
    """A running course server: where it listens, how to authenticate, where it logs."""

    interface: str
    root: Path
    work_dir: Path
    port: int
    token: str
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query: str) -> str:
        """A browser URL on this server, authenticated with the token (``reset`` clears a saved layout)."""
        params = [f"{k}={v}" if v is not None else k for k, v in query.items()]
        params.append(f"token={self.token}")
        return f"{self.base_url}/{path.lstrip('/')}?{'&'.join(params)}"

    def api(self, path: str):
        """GET a Jupyter server REST endpoint (``status``, ``sessions``) as JSON."""
        request = urllib.request.Request(
            f"{self.base_url}/api/{path.lstrip('/')}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def session_for(self, notebook: str) -> dict | None:
        for session in self.api("sessions"):
            if session.get("path") == notebook and session.get("kernel"):
                return session
        return None

    def start(self) -> None:
        from infoview_lib.cli.lab import lab_command, lab_environment

        extra = [
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.open_browser=False",
            "--no-browser",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # CI containers run as root, which Jupyter refuses without this flag
            extra.append("--allow-root")
        env = lab_environment()
        config_dir = self.root.parent / f"jupyter-config-{self.interface}"
        for name, settings in USER_SETTINGS.items():
            path = config_dir / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings), encoding="utf-8")
        runtime_dir = self.root.parent / f"jupyter-runtime-{self.interface}"
        runtime_dir.mkdir(exist_ok=True)
        env.update(
            JUPYTER_CONFIG_DIR=str(config_dir),
            JUPYTER_RUNTIME_DIR=str(runtime_dir),
            INFOVIEW_WORK_DIR=str(self.work_dir),
            MPLBACKEND="Agg",
        )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                lab_command(self.root, self.interface, extra),
                cwd=self.root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the {self.interface} server exited with code {self.process.returncode}:\n{self.log_text()}"
                )
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(
            f"the {self.interface} server did not answer within {SERVER_START_TIMEOUT} s:\n{self.log_text()}"
        )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


_SERVERS: list[CourseServer] = []


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory) -> Path:
    """A throwaway copy of the course: ``<tmp>/course/notebooks/...`` (no saved student work)."""
    require_chromium()
    source = ROOT / "notebooks"
    root = tmp_path_factory.mktemp("e2e") / "course"
    shutil.copytree(
        source,
        root / "notebooks",
        ignore=shutil.ignore_patterns("my_work", ".ipynb_checkpoints", "__pycache__"),
    )
    return root


def _server(interface: str, course_copy: Path):
    for attempt in range(3):
        server = CourseServer(
            interface=interface,
            root=course_copy,
            work_dir=course_copy.parent / "my_work",
            port=free_port(),
            token=secrets.token_hex(16),
            log_path=course_copy.parent / f"server-{interface}.log",
        )
        server.work_dir.mkdir(exist_ok=True)
        try:
            server.start()
            break
        except RuntimeError:
            # the free port may have been taken by another process in the meantime: try another
            if attempt == 2 or "already in use" not in server.log_text():
                raise
    _SERVERS.append(server)
    try:
        yield server
    finally:
        server.stop()
        _SERVERS.remove(server)


@pytest.fixture(scope="session")
def lab_server(course_copy):
    """The course in JupyterLab, as ``make lab`` serves it."""
    yield from _server("lab", course_copy)


@pytest.fixture(scope="session")
def notebook_server(course_copy):
    """The course in the Notebook 7 interface (``infoview lab --notebook``)."""
    yield from _server("notebook", course_copy)


# --------------------------------------------------------------------------------------------
# the browser
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright import sync_api  # a test dependency: missing, it is an error, not a skip
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class _Session:
    """The browser state shared by the session's tests: one context per interface, one page per lesson."""

    browser: object
    contexts: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)

    def new_page(self, server: CourseServer) -> "CoursePage":
        # one context per server: JupyterLab's scripts come from the browser cache after the first page
        if server.interface not in self.contexts:
            context = self.browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(30_000)
            self.contexts[server.interface] = context
        page = self.contexts[server.interface].new_page()
        # reloading a notebook with unsaved changes asks "leave the page?": yes
        page.on("dialog", lambda dialog: dialog.accept())
        return CoursePage(page, server)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def _browser_session(browser):
    session = _Session(browser)
    yield session
    session.close()


class Lessons:
    """Lesson notebooks as a student has them after opening them and running all cells.

    ``lessons.lab("02_making_the_request.ipynb")`` returns the JupyterLab page of that lesson
    (``lessons.notebook7(...)``: the Notebook 7 one), opened and run the first time it is asked for
    in the session and shared afterwards, so the tests of one lesson (its run-all check, its
    widgets' interactions) pay for one kernel start. Tests must therefore not assume an empty
    work folder: they compare with what the page showed before they acted.
    """

    def __init__(self, request, session: _Session):
        self._request, self._session = request, session

    def lab(self, name: str) -> "CoursePage":
        return self._get("lab", name)

    def notebook7(self, name: str) -> "CoursePage":
        return self._get("notebook", name)

    def _get(self, interface: str, name: str) -> "CoursePage":
        key = (interface, name)
        pages = self._session.pages
        if key not in pages:
            server = self._request.getfixturevalue(f"{interface}_server")
            course = self._session.new_page(server)
            self._request.node.stash[_PAGE_KEY] = course
            try:
                course.open(name)
                course.run_all()
            except BaseException:
                # keep the picture for the failure report, then retry from scratch in the next test
                self._request.node.stash[_PAGE_KEY] = _Snapshot.of(course)
                course.page.close()
                raise
            pages[key] = course
        self._request.node.stash[_PAGE_KEY] = pages[key]
        return pages[key]


@pytest.fixture
def lessons(request, _browser_session) -> Lessons:
    """Lessons opened and run in the browser (see :class:`Lessons`)."""
    return Lessons(request, _browser_session)


@dataclass
class _Snapshot:
    """A failed page's screenshot, taken before the page is closed."""

    png: bytes | None

    @classmethod
    def of(cls, course: "CoursePage") -> "_Snapshot":
        try:
            return cls(course.page.screenshot(full_page=True))
        except Exception:
            return cls(None)

    def screenshot(self, path: Path) -> None:
        if self.png is None:
            raise RuntimeError("the page had crashed")
        path.write_bytes(self.png)


# --------------------------------------------------------------------------------------------
# driving a notebook like a student
# --------------------------------------------------------------------------------------------
class CoursePage:
    """A browser page on the course server, with the few moves a student makes.

    Works in both interfaces: JupyterLab (``/lab/tree/<path>``) and Notebook 7 (``/notebooks/<path>``)
    render notebooks with the same ``.jp-*`` classes and the same Run and Kernel menus.
    """

    def __init__(self, page, server: CourseServer):
        self.page = page
        self.server = server
        self.notebook: str | None = None
        self.cells: list[dict] = []

    # ---- opening and running -------------------------------------------------------------
    def open(self, name: str) -> None:
        """Open ``notebooks/<name>`` in a fresh layout and wait until its kernel is idle."""
        self.notebook = f"notebooks/{name}"
        if self.server.interface == "lab":
            url = self.server.url(f"lab/tree/{self.notebook}", reset=None)
        else:
            url = self.server.url(f"notebooks/{self.notebook}")
        self.page.goto(url)
        self.wait_for_notebook()

    def wait_for_notebook(self) -> None:
        self.cells = json.loads((self.server.root / self.notebook).read_text(encoding="utf-8"))["cells"]
        expected = len(self.cells)
        self.page.wait_for_function(
            "n => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length >= n",
            arg=expected,
            timeout=KERNEL_TIMEOUT,
        )
        self.wait_for_kernel_idle()

    def wait_for_kernel_idle(self) -> None:
        """Wait for a real kernel: the toolbar says "idle" before one exists, so ask the server too."""
        deadline = time.monotonic() + KERNEL_TIMEOUT / 1000
        while time.monotonic() < deadline:
            session = self.server.session_for(self.notebook)
            if session and session["kernel"].get("execution_state") == "idle":
                break
            time.sleep(0.3)
        else:
            raise AssertionError(f"no idle kernel for {self.notebook} after {KERNEL_TIMEOUT / 1000:.0f} s")
        self.page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').first.wait_for(
            state="attached", timeout=KERNEL_TIMEOUT
        )

    def menu(self, top: str, command: str) -> None:
        """Click a main-menu entry by its JupyterLab command, e.g. ``menu("Run", "runmenu:run-all")``."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{re.escape(top)}$")).click()
        self.page.locator(f'.lm-Menu-item[data-command="{command}"]:visible').click()

    def clear_outputs(self) -> None:
        """Edit > Clear Outputs of All Cells: outputs and execution counts go, so a new run is visible."""
        self.menu("Edit", "editmenu:clear-all")
        self.page.wait_for_function(
            "() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputArea-prompt')]"
            ".some(p => /\\[(\\d+|\\*)\\]/.test(p.textContent))"
        )

    def run_all(self) -> None:
        """Clear outputs, Run > Run All Cells, and wait until every code cell ran (or one failed)."""
        self.clear_outputs()
        self.menu("Run", "runmenu:run-all")
        self.wait_for_run()

    def wait_for_run(self) -> None:
        """Wait until no cell is queued or running and every code cell ran, or one failed (Run All stops)."""
        self.page.wait_for_function(
            f"""() => {{
                const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                if (!panel) return false;
                const prompts = [...panel.querySelectorAll('.jp-InputArea-prompt')].map(p => p.textContent);
                if (prompts.some(text => text.includes('*'))) return false;
                const failed = [...panel.querySelectorAll({ERROR_OUTPUT!r})]
                    .some(el => {TRACEBACK}.test(el.textContent));
                if (failed) return true;
                return [...panel.querySelectorAll('.jp-CodeCell')].every(cell => {{
                    const prompt = cell.querySelector('.jp-InputArea-prompt');
                    const source = cell.querySelector('.cm-content');
                    const empty = !source || source.textContent.trim() === '';
                    return empty || /\\[\\d+\\]/.test(prompt ? prompt.textContent : '');
                }});
            }}""",
            timeout=RUN_ALL_TIMEOUT,
        )
        self.wait_for_kernel_idle()

    def restart_kernel(self) -> None:
        """Kernel > Restart Kernel…, confirm, and wait until the server answers that it restarted."""
        kernel_id = self.server.session_for(self.notebook)["kernel"]["id"]
        self.menu("Kernel", "kernelmenu:restart")
        # the server answers POST /api/kernels/<id>/restart once the new kernel replied to kernel_info
        with self.page.expect_response(
            lambda r: r.request.method == "POST" and f"/api/kernels/{kernel_id}/restart" in r.url,
            timeout=KERNEL_TIMEOUT,
        ) as restarted:
            self.page.locator(".jp-Dialog .jp-mod-accept").click()
        assert restarted.value.ok, f"restarting the kernel failed: HTTP {restarted.value.status}"
        self.page.locator(".jp-Dialog").wait_for(state="detached")
        self.wait_for_kernel_idle()

    def reload(self) -> None:
        """Reload the browser page (unsaved outputs are gone, the kernel keeps running)."""
        self.page.reload()
        self.wait_for_notebook()

    # ---- what the student sees -----------------------------------------------------------
    def errors(self) -> list[str]:
        """Error outputs: JupyterLab shows a traceback as stderr output (data-mime-type ...stderr)."""
        return self.page.evaluate(
            f"""() => [...document.querySelectorAll({ERROR_OUTPUT!r})]
                .map(el => el.textContent || '')
                .filter(text => {TRACEBACK}.test(text))
                .map(text => text.slice(0, 2000))"""
        )

    def widget_failures(self) -> list[str]:
        """Widget views that failed or never loaded (ipywidgets version mismatch, missing extension)."""
        broken = self.page.locator(".jp-OutputArea-output .jupyter-widgets-error-widget").all_text_contents()
        # textContent, not innerText: JupyterLab skips rendering off-screen cells (content-visibility)
        texts = self.page.locator(".jp-OutputArea-output").all_text_contents()
        return [text.strip()[:300] for text in broken] + [
            text.strip()[:300] for text in texts if any(marker in text for marker in WIDGET_FAILURES)
        ]

    def cell(self, index: int):
        """The notebook's cell number ``index`` (0-based, as in the .ipynb file)."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)

    def cell_index(self, contains: str) -> int:
        """The index of the first code cell whose source contains ``contains``."""
        for index, cell in enumerate(self.cells):
            if cell["cell_type"] == "code" and contains in "".join(cell["source"]):
                return index
        raise AssertionError(f"no code cell of {self.notebook} contains {contains!r}")

    def code_cell(self, contains: str):
        """The first code cell whose source contains ``contains``."""
        return self.cell(self.cell_index(contains))

    def widget(self, contains: str):
        """The widget shown by the first code cell whose source contains ``contains`` (waits until visible)."""
        view = self.code_cell(contains).locator(".jp-OutputArea-output .jupyter-widgets").first
        view.wait_for(state="visible", timeout=RUN_ALL_TIMEOUT)
        view.scroll_into_view_if_needed()
        return view

    def widget_cell_indices(self) -> list[int]:
        """Indices of the code cells that display a course widget (they call a widget factory)."""
        found = []
        for index, cell in enumerate(self.cells):
            if cell["cell_type"] != "code":
                continue
            lines = "".join(cell["source"]).splitlines()
            code = [line for line in lines if not line.lstrip().startswith(("#", "from ", "import "))]
            if any(WIDGET_CALL.search(line) for line in code):
                found.append(index)
        return found

    def assert_ran_with_widgets(self) -> int:
        """After Run All: no error output, and every widget cell shows its widget. Returns how many."""
        assert self.errors() == [], f"{self.notebook} shows an error output after Run All"
        cells = self.widget_cell_indices()
        for index in cells:
            view = self.cell(index).locator(".jp-OutputArea-output .jupyter-widgets").first
            view.wait_for(state="visible")
            # textContent: JupyterLab does not render off-screen cells, so innerText may be empty
            assert (view.text_content() or "").strip(), f"{self.notebook}: the widget of cell {index} is empty"
        assert self.widget_failures() == [], f"{self.notebook}: a widget failed to display"
        return len(cells)

    def wait_for_saved(self, key: str, check, timeout: float = 15.0) -> dict:
        """Wait until the work folder's entry ``key`` satisfies ``check(data)`` (autosave is debounced)."""
        from infoview_lib.work_store import WorkStore

        store = WorkStore(self.server.work_dir)
        deadline = time.monotonic() + timeout
        data = None
        while time.monotonic() < deadline:
            data = store.load(key)
            if data is not None and check(data):
                return data
            time.sleep(0.2)
        raise AssertionError(f"the work folder's {key!r} entry never matched; last saved: {data!r}")

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path), full_page=True)


# --------------------------------------------------------------------------------------------
# keep a screenshot and the server log when a test fails
# --------------------------------------------------------------------------------------------
_PAGE_KEY = pytest.StashKey[object]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
    course = item.stash.get(_PAGE_KEY, None)
    kept = []
    if course is not None:
        try:
            shot = ARTIFACTS / f"{stem}.png"
            course.screenshot(shot)
            kept.append(shot)
        except Exception as err:  # a crashed page must not hide the real failure
            kept.append(f"(no screenshot: {err})")
    for server in _SERVERS:
        log = ARTIFACTS / f"{stem}.server-{server.interface}.log"
        log.write_text(server.log_text(), encoding="utf-8")
        kept.append(log)
    report.sections.append(("e2e artifacts", "\n".join(str(path) for path in kept)))
