"""The coach server's kernel provisioner: it takes the kernel started in advance
(:mod:`.prestarted_kernel`, which explains why) for the first launch it matches, and starts kernels
as Jupyter's local provisioner does otherwise."""
from __future__ import annotations

import asyncio
import os

from jupyter_client.provisioning.local_provisioner import LocalProvisioner
from jupyter_client.provisioning.provisioner_base import KernelProvisionerBase

from .prestarted_kernel import WaitingKernel, take_waiting


class PrestartedProvisioner(LocalProvisioner):
    """Jupyter's local provisioner, except that the first launch that matches the kernel started
    by :func:`.prestarted_kernel.prestart_kernel` takes that process instead of starting one."""

    _taken: WaitingKernel | None = None
    #: the taken kernel's connection file: Jupyter deletes only the files it wrote itself
    _taken_file = None

    async def pre_launch(self, **kwargs):
        waiting = take_waiting()
        if waiting is None:
            return await super().pre_launch(**kwargs)
        km = self.parent
        planned_file = km.connection_file
        km.connection_file = str(waiting.connection_file)
        # what LocalProvisioner would launch with that connection file: the kernel spec's command,
        # and the environment after the provisioner's substitutions (launch_kernel adds the parent)
        cmd = km.format_kernel_cmd(extra_arguments=kwargs.get("extra_arguments"))
        launch = await KernelProvisionerBase.pre_launch(self, cmd=cmd, **kwargs)
        env = {**launch["env"], "JPY_PARENT_PID": str(os.getpid())}
        differences = waiting.differences(cmd, launch.get("cwd"), env)
        if km.transport != "tcp":
            differences.append("transport")
        if waiting.process.poll() is not None:
            why = f"it exited with code {waiting.process.returncode}"
        else:
            why = f"not the kernel asked for: {', '.join(differences)} differ" if differences else ""
        if why:
            self.log.warning("The kernel started before the server was not used (%s); starting a kernel as usual.", why)
            await asyncio.to_thread(waiting.stop)  # waits for it to exit: not in the server's event loop
            km.connection_file = planned_file
            return await super().pre_launch(**kwargs)
        km.load_connection_info(waiting.connection_info)
        self.connection_info = km.get_connection_info()
        self._taken = waiting
        return launch

    async def launch_kernel(self, cmd: list[str], **kwargs):
        taken, self._taken = self._taken, None
        if taken is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = taken.process
        self.pid = taken.process.pid
        try:
            self.pgid = os.getpgid(self.pid)
        except OSError:
            self.pgid = None
        self.cwd = kwargs.get("cwd", taken.cwd)
        self._taken_file = taken.connection_file
        self.log.info("Using the kernel started before the server (pid %s).", self.pid)
        return self.connection_info

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart=restart)
        if not restart and self._taken_file is not None:
            self._taken_file.unlink(missing_ok=True)
            self._taken_file = None
