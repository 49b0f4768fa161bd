"""A Jupyter kernel manager that starts the notebook's kernel inside the sandbox.

nbgrader runs each submission in a kernel with the grader's rights: it could read the hidden
checks and solutions or rewrite the gradebook. This manager starts the kernel through the same
bubblewrap sandbox as the hidden checks' student process (``seqlab/grading/sandbox.py``): no
network, an unprivileged user, a read-only view of the interpreter and of the notebook's own
folder (the working directory, with ``selfcheck.py``), in-memory ``HOME`` and ``/tmp``.
The kernel talks to nbgrader over Unix sockets (ZeroMQ ``ipc``) in a private folder that is the
only other thing bound into the sandbox.
"""
import resource
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import run_sync

from ..grading import pids
from ..grading.sandbox import bwrap_command, check_available
from ..grading.student import Limits


class SandboxedKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose kernel runs in bubblewrap and listens on ipc sockets."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._channel_dir = tempfile.mkdtemp(prefix="seqlab-kernel-")
        self.transport = "ipc"
        self.ip = f"{self._channel_dir}/kernel"
        self.connection_file = f"{self._channel_dir}/connection.json"

    async def _async_pre_start_kernel(self, **kw):
        check_available()
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        cwd = kw.get("cwd")
        binds = [("--bind", self._channel_dir, self._channel_dir)]
        if cwd:
            binds.append(("--ro-bind", str(cwd), str(cwd)))
        limits = Limits()                       # the student process's limits hold for the kernel too
        group = pids.create_group(limits.processes)
        self._pids_group = group

        def preexec():
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if group:
                pids.enter_group(group)
        kw["preexec_fn"] = preexec
        return bwrap_command(kernel_cmd, extra_binds=binds, chdir=cwd), kw

    async def _async_interrupt_kernel(self):
        # A signal would reach bubblewrap, not the kernel inside it: ask the kernel itself
        # (ipykernel interrupts its own execution on an ``interrupt_request``).
        if self.has_kernel:
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)

    interrupt_kernel = run_sync(_async_interrupt_kernel)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        pids.remove_group(getattr(self, "_pids_group", None))
        if not restart:
            shutil.rmtree(self._channel_dir, ignore_errors=True)
