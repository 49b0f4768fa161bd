"""A Jupyter kernel manager that starts the notebook's kernel inside the sandbox.

nbgrader runs each submission in a kernel with the grader's rights: it could read the hidden
checks and solutions or rewrite the gradebook. This manager starts the kernel through the same
bubblewrap sandbox as the hidden checks' student process (``seqlab/grading/sandbox.py``): no
network, an unprivileged user, a read-only view of the interpreter and of the notebook's own
folder (the working directory, with ``selfcheck.py``), in-memory ``HOME`` and ``/tmp``.

Every place the kernel can write is a size-limited in-memory folder inside the sandbox, so
student code cannot fill the host's disk. That includes the kernel's ZeroMQ ``ipc`` sockets:
they live in ``/run/seqlab-kernel``, a 1 MiB tmpfs of the sandbox, next to a read-only copy
of the connection file. The grader reaches them from outside through the sandbox's root,
``/proc/<pid>/root/run/seqlab-kernel``, where ``<pid>`` is the host PID of the sandbox's first
process (bwrap's own init, which runs no student code), reported by ``bwrap --info-fd``.

The kernel may replace its socket files with symbolic links (to a host socket, say); a link
found under ``/proc/<pid>/root`` would be followed on the host. So the grader never connects by
that path: once the kernel's sockets exist, it opens each one with ``O_PATH | O_NOFOLLOW``
(refusing anything that is not a socket) and connects through ``/proc/self/fd/<n>``, which
names exactly that socket. The clients' addresses are links in a private host folder
(``/tmp/seqlab-kernel-*/k-<port>`` → ``/proc/self/fd/<n>``), so they stay the same across kernel
restarts (only the links change) and are short. The host folder holds only those links and the
connection files, is never visible to the kernel, and is removed when the kernel ends.

Opening ``/proc/<pid>/root`` needs ptrace-read access to the sandbox's first process: root has
it; an unprivileged grader running bwrap in a user namespace has it too (same user).
"""
import asyncio
import json
import os
import shutil
import stat
import tempfile
import time

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import secure_write
from traitlets import Float

from ..grading import pids
from ..grading.fonts import font_list
from ..grading.sandbox import bwrap_command, check_available, preexec
from ..grading.limits import limits_of

SOCKET_DIR = "/run/seqlab-kernel"                  # inside the sandbox: the kernel's sockets
SOCKET_DIR_MB = 1
CONNECTION_FILE = f"{SOCKET_DIR}/connection.json"  # inside the sandbox, read-only
PREFIX = "k"                                       # sockets are <dir>/k-<port> on both sides


class SandboxedKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose kernel runs in bubblewrap and listens on ipc sockets that
    exist only inside the sandbox."""

    channel_timeout = Float(30.0, help=(
        "Seconds a sandboxed kernel may take to open its sockets; if it does not, its clients "
        "find no kernel (as for a kernel that died at start).")).tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._host_dir = tempfile.mkdtemp(prefix="seqlab-kernel-")
        self.transport = "ipc"
        self.ip = f"{self._host_dir}/{PREFIX}"          # clients: the links to the sockets
        self.connection_file = f"{self._host_dir}/connection.json"
        self._kernel_connection_file = f"{self._host_dir}/kernel.json"
        self._socket_fds = []
        self._info_fds = ()
        self.sandbox_pid = None      # host PID of the sandbox's first process (its root: the sandbox's)

    # ------------------------------------------------------------------ connection file
    def write_connection_file(self, **kwargs):
        """jupyter_client's file (the clients' addresses), and the kernel's copy: the same,
        with the sockets' address inside the sandbox."""
        super().write_connection_file(**kwargs)
        with open(self.connection_file, encoding="utf-8") as f:
            info = json.load(f)
        info["ip"] = f"{SOCKET_DIR}/{PREFIX}"
        with secure_write(self._kernel_connection_file) as f:
            f.write(json.dumps(info, indent=2))

    # ------------------------------------------------------------------ start
    async def _async_pre_start_kernel(self, **kw):
        check_available()
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        host_file = os.path.realpath(self.connection_file)
        kernel_cmd = [arg.replace(host_file, CONNECTION_FILE) for arg in kernel_cmd]
        # bwrap --clearenv drops JPY_PARENT_PID, and ipykernel then prints its "Ctrl-C will not work"
        # banner into every autograde log; --die-with-parent already does what that parent watch would
        at = kernel_cmd.index("-f") if "-f" in kernel_cmd else len(kernel_cmd)
        kernel_cmd.insert(at, "--IPKernelApp.parent_handle=1")
        cwd = kw.get("cwd")
        binds = [("--ro-bind", self._kernel_connection_file, CONNECTION_FILE)]
        if cwd:
            binds.append(("--ro-bind", str(cwd), str(cwd)))
        fonts = font_list(kernel_cmd[0])        # matplotlib's font list, built once (seqlab/grading/fonts.py)
        if fonts:
            binds.append(("--ro-bind", *fonts))
        limits = limits_of(self.config)         # the configured student-code limits hold for the kernel too
        self._pids_group = pids.create_group(limits.processes)
        kw["preexec_fn"] = preexec(limits, self._pids_group, limits.processes)
        self._info_fds = os.pipe()              # bwrap writes the sandbox's PID here
        kw["pass_fds"] = tuple(kw.get("pass_fds", ())) + (self._info_fds[1],)
        cmd = bwrap_command(kernel_cmd, extra_binds=binds, chdir=cwd, extra_tmpfs=[(SOCKET_DIR, SOCKET_DIR_MB)],
                            info_fd=self._info_fds[1])
        return cmd, kw

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        read_end, write_end = self._info_fds
        self._info_fds = ()
        try:
            try:
                await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                os.close(write_end)
            deadline = time.monotonic() + self.channel_timeout
            pid = await self._sandbox_pid(read_end, deadline)
        finally:
            os.close(read_end)
        self.sandbox_pid = pid
        if pid is not None:
            await self._link_sockets(pid, deadline)

    async def _sandbox_pid(self, fd, deadline):
        """The ``child-pid`` of bwrap's ``--info-fd`` JSON (None if bwrap ended without it)."""
        os.set_blocking(fd, False)
        data = b""
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 4096)
            except BlockingIOError:
                await asyncio.sleep(0.01)
                continue
            if not chunk:
                break
            data += chunk
        try:
            return int(json.loads(data)["child-pid"])
        except (ValueError, KeyError, TypeError):
            self.log.warning("the kernel's sandbox did not start (no child-pid from bwrap)")
            return None

    async def _link_sockets(self, pid, deadline):
        """Wait for the kernel's sockets, open each one safely and link the clients' addresses
        to it. Returns early if the sandbox ends or the time is up (the clients then find no
        kernel, as for any kernel that died at start)."""
        process = self.provisioner.process if self.provisioner else None
        pending = {port: f"{PREFIX}-{port}" for port in self.ports}
        while pending:
            # opened anew each time: until bwrap has switched to the sandbox's root, the
            # process's root is still the host's
            folder = _open_folder(pid, SOCKET_DIR)
            if process is None or process.poll() is not None:      # also: the PID is still the sandbox's
                if folder is not None:
                    os.close(folder)
                return
            if folder is not None:
                for port, name in list(pending.items()):
                    fd = _open_socket(folder, name)
                    if fd is not None:
                        self._socket_fds.append(fd)
                        _link(f"{self.ip}-{port}", f"/proc/self/fd/{fd}")
                        del pending[port]
                os.close(folder)
            if not pending:
                return
            if time.monotonic() > deadline:
                self.log.warning("the sandboxed kernel did not open its sockets within %.0f s",
                                 self.channel_timeout)
                return
            await asyncio.sleep(0.02)

    def _unlink_sockets(self):
        for port in self.ports:
            try:
                os.remove(f"{self.ip}-{port}")
            except OSError:
                pass
        for fd in self._socket_fds:
            os.close(fd)
        self._socket_fds = []

    # ------------------------------------------------------------------ interrupt, end
    async def _async_interrupt_kernel(self):
        # A signal would reach bubblewrap, not the kernel inside it: ask the kernel itself
        # (ipykernel interrupts its own execution on an ``interrupt_request``).
        if self.has_kernel:
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)

    async def _async_cleanup_resources(self, restart=False):
        self._unlink_sockets()
        await super()._async_cleanup_resources(restart=restart)
        pids.remove_group(getattr(self, "_pids_group", None))
        if not restart:
            shutil.rmtree(self._host_dir, ignore_errors=True)

    # AsyncKernelManager binds its public names to KernelManager's own functions, not to a
    # subclass's: without these, nbclient's cleanup of a kernel that died (``cleanup_resources``)
    # would skip the above and leave the host folder and descriptors behind.
    pre_start_kernel = _async_pre_start_kernel
    _launch_kernel = _async_launch_kernel
    interrupt_kernel = _async_interrupt_kernel
    cleanup_resources = _async_cleanup_resources


def _open_folder(pid, path):
    """An ``O_PATH`` descriptor of ``path`` inside the root of process ``pid``, following no
    link on the way (None while it does not exist yet)."""
    try:
        fd = os.open(f"/proc/{pid}/root", os.O_PATH | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        for part in path.strip("/").split("/"):
            nxt = os.open(part, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = nxt
    except OSError:
        os.close(fd)
        return None
    return fd


def _open_socket(folder, name):
    """An ``O_PATH`` descriptor of the socket ``name`` in ``folder``; None if it is missing or
    is anything but a socket (a link is never followed)."""
    try:
        fd = os.open(name, os.O_PATH | os.O_NOFOLLOW, dir_fd=folder)
    except OSError:
        return None
    if stat.S_ISSOCK(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    return None


def _link(path, target):
    """``path`` → ``target``, replacing an older link atomically."""
    tmp = f"{path}.new"
    try:
        os.remove(tmp)
    except OSError:
        pass
    os.symlink(target, tmp)
    os.replace(tmp, path)
