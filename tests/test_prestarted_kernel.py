"""The coach server's kernel started in advance (infoview_lib/cli/prestarted_kernel.py): Jupyter's
first launch takes it only when it is exactly the kernel asked for, runs code in it, shuts it down
and deletes its connection file; any difference stops it and starts a kernel as usual, naming what
differed; one never taken is stopped with the server. Real kernels, started by jupyter_client."""
from __future__ import annotations

import asyncio
import logging
import json
import os
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import AsyncKernelManager
from traitlets.config import Config

from infoview_lib.cli import voila_main
from infoview_lib.cli.prestarted_kernel import PROVISIONER_NAME, discard_waiting, prestart_kernel, take_waiting
from infoview_lib.cli.prestarted_provisioner import PrestartedProvisioner

pytestmark = pytest.mark.slow  # each test starts a Python kernel (about a second)


class Logged(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_kernel_left_waiting():
    yield
    discard_waiting()


def run(scenario):
    """Run the coroutine function ``scenario`` to its end in a thread of its own (with its own event
    loop: a browser test's Playwright may be running one in this thread) and return its result."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, scenario()).result()


async def start(km: AsyncKernelManager, **kw) -> None:
    """Start ``km``'s kernel through the coach's provisioner, as Voila's kernel manager does."""
    km.provisioner = PrestartedProvisioner(kernel_id="k", kernel_spec=km.kernel_spec, parent=km)
    await km.start_kernel(**kw)


async def run_in(km: AsyncKernelManager, code: str) -> str:
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        out = []
        reply = await client.execute_interactive(code, timeout=60, output_hook=lambda msg: out.append(
            msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None)
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out).strip()
    finally:
        client.stop_channels()


def python3_spec() -> Path:
    """The kernel spec AsyncKernelManager(kernel_name="python3") starts (ipykernel's)."""
    from jupyter_client.kernelspec import KernelSpecManager

    return Path(KernelSpecManager().get_kernel_spec("python3").resource_dir) / "kernel.json"


def manager(logged: Logged | None = None) -> AsyncKernelManager:
    km = AsyncKernelManager(kernel_name="python3")
    if logged is not None:
        km.log = logging.getLogger(f"prestarted-test-{id(km)}")
        km.log.setLevel(logging.INFO)
        km.log.addHandler(logged)
    return km


def test_the_first_matching_launch_takes_the_kernel_started_in_advance(tmp_path):
    waiting = prestart_kernel(python3_spec(), tmp_path, {"INFOVIEW_PRESTART_TEST": "yes"})
    logged = Logged()

    async def scenario():
        km = manager(logged)
        await start(km, cwd=str(tmp_path), env={**os.environ, "INFOVIEW_PRESTART_TEST": "yes"})
        try:
            assert km.provisioner.pid == waiting.process.pid, "a new kernel was started instead"
            seen = await run_in(km, "import os; print(os.getpid(), os.getcwd(), os.environ['INFOVIEW_PRESTART_TEST'])")
            assert seen.split() == [str(waiting.process.pid), os.path.realpath(tmp_path), "yes"]
            assert waiting.connection_file.exists()
        finally:
            await km.shutdown_kernel(now=False)
        return km

    run(scenario)
    assert waiting.process.poll() is not None, "the kernel outlived its shutdown"
    assert not waiting.connection_file.exists(), "its connection file was left behind"
    assert any("kernel started before the server" in line for line in logged.lines)
    assert take_waiting() is None, "a taken kernel must not be handed out twice"


@pytest.mark.parametrize("change, named", [
    ("env", "environment variable INFOVIEW_PRESTART_TEST"),
    ("folder", "folder"),
    ("command", "command"),
    ("exited", "it exited"),
])
def test_a_kernel_that_is_not_the_one_asked_for_is_stopped_and_a_new_one_started(tmp_path, change, named):
    (tmp_path / "other").mkdir()
    spec = python3_spec()
    if change == "command":  # a spec whose kernel takes one more option than the one Jupyter starts
        argv = json.loads(spec.read_text())["argv"] + ["--IPKernelApp.exec_lines=x = 1"]
        spec = tmp_path / "spec" / "kernel.json"
        spec.parent.mkdir()
        spec.write_text(json.dumps({"argv": argv, "language": "python"}))
    waiting = prestart_kernel(spec, tmp_path, {"INFOVIEW_PRESTART_TEST": "yes"})
    env = {**os.environ, "INFOVIEW_PRESTART_TEST": "no" if change == "env" else "yes"}
    cwd = tmp_path / "other" if change == "folder" else tmp_path
    if change == "exited":
        waiting.process.kill()
        waiting.process.wait()
    logged = Logged()

    async def scenario():
        km = manager(logged)
        await start(km, cwd=str(cwd), env=env)
        try:
            assert km.provisioner.pid != waiting.process.pid
            seen = await run_in(km, "import os; print(os.getcwd(), os.environ['INFOVIEW_PRESTART_TEST'])")
            assert seen.split() == [os.path.realpath(cwd), env["INFOVIEW_PRESTART_TEST"]]
        finally:
            await km.shutdown_kernel(now=True)

    run(scenario)
    assert waiting.process.poll() is not None, "the kernel that did not match still runs"
    assert not waiting.connection_file.exists()
    warnings = [line for line in logged.lines if "was not used" in line]
    assert warnings and named in warnings[0], logged.lines


def test_a_kernel_never_taken_is_stopped_with_its_connection_file(tmp_path):
    waiting = prestart_kernel(python3_spec(), tmp_path)
    assert waiting.connection_file.stat().st_mode & 0o077 == 0, "the kernel's key is readable by others"
    discard_waiting()
    assert waiting.process.poll() is not None and not waiting.connection_file.exists()
    assert take_waiting() is None


def test_the_coach_server_uses_the_provisioner_through_its_entry_point():
    from jupyter_client.provisioning import KernelProvisionerFactory

    config = Config()
    config.KernelProvisionerFactory.default_provisioner_name = PROVISIONER_NAME
    km = AsyncKernelManager(kernel_name="python3")
    made = KernelProvisionerFactory(config=config).create_provisioner_instance("k", km.kernel_spec, parent=km)
    assert type(made) is PrestartedProvisioner


def test_voila_main_starts_the_kernel_only_when_asked_and_hides_the_option_from_voila(monkeypatch, tmp_path):
    import voila.app

    notebook = tmp_path / "app" / "coach.ipynb"
    started, voila_saw = [], []
    monkeypatch.setattr(voila_main, "prestart_kernel", lambda spec, cwd, env: started.append((spec, cwd, env)))
    monkeypatch.setattr(voila_main.atexit, "register", lambda fn: None)
    monkeypatch.setattr(voila.app, "main", lambda: voila_saw.append(list(sys.argv)) or 0)
    for argv in ([str(notebook), "--port=9001", "--prestart-kernel=/k/kernel.json"], [str(notebook), "--port=9001"]):
        monkeypatch.setattr(sys, "argv", ["voila_main", *argv])
        with pytest.raises(SystemExit):
            voila_main.main()
    assert voila_saw == [["voila", str(notebook), "--port=9001"]] * 2
    assert len(started) == 1, "the kernel must be started in advance only with --prestart-kernel"
    spec, cwd, env = started[0]
    assert (spec, cwd) == ("/k/kernel.json", notebook.parent)
    assert env == {"VOILA_BASE_URL": "/", "VOILA_SERVER_URL": "/", "VOILA_APP_PORT": "9001", "VOILA_PREHEAT": "True"}


def test_the_coach_starts_a_kernel_in_advance_only_with_a_waiting_kernel():
    from infoview_lib.cli import coach

    cmd = coach.coach_command(9123)
    assert f"{voila_main.PRESTART_OPTION}={coach.APP_KERNEL_SPEC}" in cmd
    assert f"--KernelProvisionerFactory.default_provisioner_name={PROVISIONER_NAME}" in cmd
    without = coach.coach_command(9123, extra=["--VoilaConfiguration.preheat_kernel=False"])
    assert not [arg for arg in without if arg.startswith(voila_main.PRESTART_OPTION)], \
        "nothing would take a kernel started in advance"


def test_the_apps_kernel_has_the_app_imported_before_it_runs_the_app_cell(tmp_path, monkeypatch):
    """Under infoview coach, the app notebook's kernel (the one started in advance, and Voila's) is
    the app's kernel spec, which imports the app's modules as the kernel starts, so running the
    app's cell only builds it. Elsewhere (Binder) the notebook's kernel is Jupyter's own Python 3."""
    from jupyter_client.kernelspec import KernelSpecManager

    from infoview_lib.cli import coach

    notebook = json.loads(coach.APP_NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == coach.APP_KERNEL_SPEC.parent.name == "python3"
    monkeypatch.setenv("JUPYTER_PATH", coach.coach_environment(tmp_path)["JUPYTER_PATH"])
    specs = KernelSpecManager()
    assert Path(specs.get_kernel_spec("python3").resource_dir) == coach.APP_KERNEL_SPEC.parent

    async def scenario():
        km = AsyncKernelManager(kernel_name=coach.APP_KERNEL_SPEC.parent.name, kernel_spec_manager=specs)
        await km.start_kernel(cwd=str(tmp_path))
        try:
            return await run_in(km, "import sys; print('infoview_lib.coach_app' in sys.modules, 'coach_app' in dir())")
        finally:
            await km.shutdown_kernel(now=True)

    assert run(scenario).split() == ["True", "False"]


def test_the_waiting_kernel_module_loads_nothing_from_jupyter():
    """It runs before Voila is imported: importing Jupyter there would delay the kernel's start."""
    import subprocess

    code = ("import sys, infoview_lib.cli.voila_main\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jupyter_client', 'voila', 'jupyter_server')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
