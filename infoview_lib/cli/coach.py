"""``infoview coach``: serve the coach app (no code visible) with Voilà, as ``make coach`` does.

Serves the packaged notebook ``infoview_lib/app/coach.ipynb`` on 127.0.0.1 (``--ip`` to change),
on ``--port`` (default: the first free port from 8866), prints the URL, and opens a browser
unless ``--no-browser``. Visitors' session folders live under one temporary folder that is
deleted when the server stops (see :mod:`infoview_lib.coach_app`).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .exit_codes import ExitCode
from .prestarted_kernel import PROVISIONER_NAME
from .voila_main import PRESTART_OPTION

NAME = "coach"
HELP = "Serve the coach app (the coaching widgets in tabs, no code visible) with Voila."
DEFAULT_PORT = 8866
#: the module that runs Voila's command line (python -m ...): see infoview_lib/cli/voila_main.py
VOILA_MAIN = "infoview_lib.cli.voila_main"
#: the packaged notebook Voila serves (infoview_lib.coach_app.APP_NOTEBOOK; not imported here, so
#: the command starts without loading ipywidgets)
APP_NOTEBOOK = Path(__file__).resolve().parents[1] / "app" / "coach.ipynb"
#: a page's kernel with no browser connected (the page was closed) and idle this long (seconds) is
#: shut down, deleting its session folder. Voila 0.5's own shutdown-on-close request is refused
#: for want of an XSRF cookie, so this is what ends a closed page's session. Open pages are never
#: culled (MappingKernelManager.cull_connected stays False).
CULL_IDLE_TIMEOUT = 120
CULL_INTERVAL = 30
#: seconds after a visitor's page takes the waiting (pre-started) kernel before the next one is
#: started: later, so that starting it does not slow that visitor's page on a small machine, which
#: is still loading (see docs/coach.md); a visitor arriving sooner gets a kernel started for them
FILL_DELAY = 20
#: the Jupyter data folder (JUPYTER_PATH) holding the app's Voila template, and the template's name:
#: Voila's "lab" template with a still loading message instead of the animated spinner (see its
#: spinner.macro.html.j2 for why)
APP_JUPYTER_PATH = APP_NOTEBOOK.parent / "jupyter"
APP_TEMPLATE = "infoview-coach"
#: the app notebook's kernel spec under infoview coach: "python3" (the notebook's kernel, so it runs
#: anywhere, e.g. on Binder), found in APP_JUPYTER_PATH before Jupyter's own, which it replaces in
#: one way: the app's modules are imported as the kernel starts, so running the app's cell only builds it
APP_KERNEL_SPEC = APP_JUPYTER_PATH / "kernels" / "python3" / "kernel.json"
#: JupyterLab extensions installed with the kit that the app's page has no use for (nbgrader's
#: and Notebook 7's menus, code highlighting: there is no code on the page). Voila's page would
#: otherwise download and run them on every visit (and log errors, as they expect JupyterLab).
UNUSED_LABEXTENSIONS = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "jupyterlab_pygments")
#: the option that makes the provisioner which hands Voila the kernel voila_main started in advance
#: (PRESTART_OPTION; infoview_lib/cli/prestarted_kernel.py) the server's default
PROVISIONER_OPTION = "--KernelProvisionerFactory.default_provisioner_name"


def port_is_free(port: int, ip: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((ip, port))
        except OSError:
            return False
    return True


def first_free_port(start: int = DEFAULT_PORT, ip: str = "127.0.0.1", tries: int = 50) -> int:
    for port in range(start, start + tries):
        if port_is_free(port, ip):
            return port
    raise RuntimeError(f"no free port between {start} and {start + tries - 1} on {ip}: pass --port")


def coach_command(port: int, ip: str = "127.0.0.1", browser: bool = False, extra: list[str] | None = None) -> list[str]:
    """The command line that serves the coach app with Voilà."""
    if importlib.util.find_spec("voila") is None:
        raise FileNotFoundError("voila is not installed in this environment: pip install voila "
                                "(it is one of the kit's dependencies: pip install -e . installs it)")
    extra = list(extra or [])
    given = {arg.split("=", 1)[0] for arg in extra if arg.startswith("--")}
    defaults = [f"--port={port}", "--Voila.port_retries=0", f"--Voila.ip={ip}",
                f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
                f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
                "--MappingKernelManager.cull_connected=False",
                # a kernel started, and the app run in it, as the server starts: the first visitor's
                # page does not wait for both; refilled FILL_DELAY s after a page takes it
                f"--VoilaConfiguration.template={APP_TEMPLATE}",
                "--VoilaConfiguration.preheat_kernel=True", f"--VoilaKernelManager.fill_delay={FILL_DELAY}",
                f"{PROVISIONER_OPTION}={PROVISIONER_NAME}",
                *(f"--VoilaConfiguration.extension_denylist={name}" for name in UNUSED_LABEXTENSIONS)]
    # an option given again after -- replaces the default (Voila refuses an option given twice)
    # Voila's own command, started by voila_main (which defers a slow import it does not need)
    cmd = [sys.executable, "-m", VOILA_MAIN, str(APP_NOTEBOOK),
           *(arg for arg in defaults if arg.split("=", 1)[0] not in given)]
    if "--VoilaConfiguration.preheat_kernel" not in given:
        # the first waiting kernel starts while Voila does (about a second sooner on a small machine)
        cmd.append(f"{PRESTART_OPTION}={APP_KERNEL_SPEC}")
    if not browser:
        cmd.append("--no-browser")
    return cmd + extra


def coach_environment(sessions_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["INFOVIEW_COACH_SESSIONS_DIR"] = str(sessions_dir)
    # where Voila finds the app's template (searched before the other Jupyter data folders)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(APP_JUPYTER_PATH), env.get("JUPYTER_PATH")) if p)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def add_arguments(parser) -> None:
    parser.add_argument("--port", type=int, default=None,
                        help=f"port to listen on (default: the first free port from {DEFAULT_PORT})")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser (for servers)")
    parser.add_argument("voila_args", nargs="*", help="extra options passed to Voila (after --)")


def run(args) -> int:
    if args.port is not None and not 0 < args.port < 65536:
        print(f"infoview coach: --port must be between 1 and 65535, not {args.port}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        port = args.port if args.port is not None else first_free_port(ip=args.ip)
        sessions_dir = Path(tempfile.mkdtemp(prefix="infoview-coach-"))
        cmd = coach_command(port, args.ip, browser=not args.no_browser, extra=args.voila_args)
    except (RuntimeError, FileNotFoundError) as err:
        print(f"infoview coach: {err}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    host = "127.0.0.1" if args.ip in ("127.0.0.1", "0.0.0.0", "") else args.ip
    print(f"The coach app is starting at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    process = subprocess.Popen(cmd, env=coach_environment(sessions_dir))

    def forward(signum, _frame):
        process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                # Ctrl+C reaches Voila too (same process group): wait for it to stop
                continue
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(sessions_dir, ignore_errors=True)
