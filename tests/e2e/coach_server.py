"""The coach app server for the browser tests and the benchmark: ``infoview coach`` exactly as
``make coach`` runs it, plus only a free loopback port and no browser, with its own temporary
folder (``TMPDIR``) so a test can see what the server leaves behind. Stopped by its own pid."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 90  # seconds: the machine is small and shared


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class CoachServer:
    folder: Path
    port: int = field(default_factory=free_port)
    voila_args: tuple[str, ...] = ()
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log_path(self) -> Path:
        return self.folder / "coach-server.log"

    @property
    def tmp(self) -> Path:
        """The server's temporary folder (TMPDIR): session folders go under it."""
        return self.folder / "tmp"

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def start(self) -> float:
        """Start the server; return the seconds until it answered HTTP."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        for sub in ("jupyter-config", "jupyter-data", "jupyter-runtime", "ipython", "matplotlib"):
            (self.folder / sub).mkdir(exist_ok=True)
        env = dict(os.environ, TMPDIR=str(self.tmp), MPLBACKEND="Agg",
                   JUPYTER_CONFIG_DIR=str(self.folder / "jupyter-config"),
                   JUPYTER_RUNTIME_DIR=str(self.folder / "jupyter-runtime"),
                   IPYTHONDIR=str(self.folder / "ipython"), MPLCONFIGDIR=str(self.folder / "matplotlib"))
        exe = Path(sys.executable).with_name("infoview")
        started = time.monotonic()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen([str(exe), "coach", "--port", str(self.port), "--no-browser",
                                             *(["--", *self.voila_args] if self.voila_args else [])],
                                            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = started + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"infoview coach exited with code {self.process.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(self.url + "static/", timeout=5):
                    pass
            except urllib.error.HTTPError:
                return time.monotonic() - started  # the server answers (404 for a bare folder is fine)
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)  # often: the benchmark times the first answer
                continue
            return time.monotonic() - started
        self.stop()
        raise RuntimeError(f"infoview coach did not answer within {START_TIMEOUT} s:\n{self.log_text()}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
