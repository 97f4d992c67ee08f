"""The coach server's first kernel, started while Voilà itself is still starting.

Voilà starts the kernel that waits for the first visitor (``preheat_kernel``) only once its own
server is built, which takes about 1.5 s on the kit's 2-core machine, and the kernel then needs
about a second more before it can run the app. ``infoview coach`` does not wait for the first
step: :mod:`.voila_main` calls :func:`prestart_kernel` before it imports Voilà, so that kernel
process starts on the other core at once.

When Voilà then starts its first kernel, :class:`.prestarted_provisioner.PrestartedProvisioner`
(the server's kernel provisioner; Jupyter's ``LocalProvisioner`` in every other way) hands it that process instead
of starting a new one, but only if it is exactly the kernel Voilà asks for: the same command,
folder and environment. If anything differs, the waiting kernel is stopped, a kernel is started as
usual, and the server's log names what differed. Once taken, the kernel is Voilà's like any other
(interrupted, restarted, culled and shut down by it).

This module imports nothing from Jupyter: it runs before Jupyter's modules are loaded.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

#: the provisioner's entry-point name (pyproject.toml's ``jupyter_client.kernel_provisioners``),
#: made the server's default by ``infoview coach``
PROVISIONER_NAME = "infoview-prestarted-provisioner"
#: the names in a kernel spec's command that Jupyter replaces with this Python (sys.executable)
PYTHON_NAMES = ("python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2]))
#: the kernel's channels, one port each on the loopback address
CHANNELS = ("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port")
#: seconds a stopped kernel gets to exit before it is killed
STOP_GRACE = 5


@dataclass
class WaitingKernel:
    """A kernel process started by :func:`prestart_kernel`, until a provisioner takes it."""

    process: subprocess.Popen
    connection_file: Path
    connection_info: dict
    cmd: list[str]
    cwd: str
    env: dict[str, str] = field(repr=False)

    def differences(self, cmd: list[str], cwd, env: dict[str, str]) -> list[str]:
        """What differs between this kernel and the launch asked for: "command", "folder", and
        the names (not the values) of the environment variables that differ.

        >>> k = WaitingKernel(None, Path("k.json"), {}, ["py", "-f", "k.json"], "/app", {"A": "1", "B": "2"})
        >>> k.differences(["py", "-f", "k.json"], "/app", {"A": "1", "B": "2"})
        []
        >>> k.differences(["py", "-f", "other.json"], "/tmp", {"A": "1", "C": "3"})
        ['command', 'folder', 'environment variable B', 'environment variable C']
        """
        found = []
        if list(cmd) != self.cmd:
            found.append("command")
        if cwd is None or os.path.realpath(cwd) != os.path.realpath(self.cwd):
            found.append("folder")
        found += [f"environment variable {name}" for name in sorted(set(env) | set(self.env))
                  if env.get(name) != self.env.get(name)]
        return found

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL after :data:`STOP_GRACE` s) and delete its
        connection file."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_GRACE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.connection_file.unlink(missing_ok=True)


_waiting: WaitingKernel | None = None


def free_loopback_ports(count: int) -> list[int]:
    """``count`` different ports free on 127.0.0.1 now (as Jupyter picks a kernel's ports)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def kernel_command(spec_file: Path, connection_file: str) -> list[str]:
    """The command that starts the kernel of the spec ``spec_file`` (a ``kernel.json``) for a
    connection file, formed as Jupyter forms it (``KernelManager.format_kernel_cmd``).

    >>> import tempfile
    >>> spec = Path(tempfile.mkdtemp()) / "kernel.json"
    >>> _ = spec.write_text('{"argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"]}')
    >>> kernel_command(spec, "/tmp/k.json") == [sys.executable, "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]
    True
    """
    try:
        argv = json.loads(spec_file.read_text(encoding="utf-8"))["argv"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ValueError(f"{spec_file}: not a kernel spec with an argv list ({err})") from None
    if argv and argv[0] in PYTHON_NAMES:
        argv = [sys.executable, *argv[1:]]
    names = {"connection_file": os.path.realpath(connection_file), "prefix": sys.prefix,
             "resource_dir": str(spec_file.parent)}
    return [re.sub(r"\{([A-Za-z0-9_]+)\}", lambda m: names.get(m.group(1), m.group()), arg) for arg in argv]


def prestart_kernel(spec_file: str | Path, cwd: str | Path, env: dict[str, str] | None = None) -> WaitingKernel:
    """Start the kernel of the spec ``spec_file`` (a ``kernel.json``) in ``cwd`` with this
    process's environment plus ``env``, as Jupyter would (its own connection file, readable by
    this user only; this process as its parent), and keep it for the first launch by
    :class:`.prestarted_provisioner.PrestartedProvisioner`. Replaces (stops) one already waiting."""
    global _waiting
    discard_waiting()
    spec_file = Path(spec_file)
    info = dict(zip(CHANNELS, free_loopback_ports(len(CHANNELS))), ip="127.0.0.1", transport="tcp",
                key=uuid.uuid4().hex, signature_scheme="hmac-sha256", kernel_name=spec_file.parent.name)
    handle, name = tempfile.mkstemp(prefix="kernel-infoview-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp's file: mode 0600
        json.dump(info, out)
    try:
        cmd = kernel_command(spec_file, name)
    except ValueError:
        os.unlink(name)
        raise
    # jupyter_client's launch_kernel adds JPY_PARENT_PID: the kernel exits if its parent dies
    kernel_env = {**os.environ, **(env or {}), "JPY_PARENT_PID": str(os.getpid())}
    process = subprocess.Popen(cmd, cwd=str(cwd), env=kernel_env, stdin=subprocess.PIPE, start_new_session=True)
    process.stdin.close()  # as launch_kernel does: the kernel reads nothing from its stdin
    _waiting = WaitingKernel(process, Path(name), info, cmd, str(cwd), kernel_env)
    return _waiting


def take_waiting() -> WaitingKernel | None:
    """The kernel started in advance, once (None if there is none, or it was taken)."""
    global _waiting
    waiting, _waiting = _waiting, None
    return waiting


def discard_waiting() -> None:
    """Stop the kernel started in advance if no provisioner took it (when the server stops)."""
    waiting = take_waiting()
    if waiting is not None:
        waiting.stop()
