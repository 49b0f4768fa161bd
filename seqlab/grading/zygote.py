"""A warm sandbox per grading process that forks a fresh student process for each submission.

Starting a sandboxed Python and importing numpy costs ~110 ms; grading one submission's
checks costs about as much again. So each grading process (a pool worker, a Dask worker, or
``nbgrader autograde`` itself) keeps one *zygote*: ``worker.py --zygote`` in the same
bubblewrap sandbox and limits as before (``sandbox.py``), with numpy imported, that forks one
child per :class:`~seqlab.grading.student.StudentProcess`. A child starts from the zygote's
clean, student-free state, gets its own pipes (sent over a Unix socket) and its own CPU limit,
and, when it ends, the zygote kills everything it started and checks that nothing is left: no
process, no file in ``/tmp``, ``HOME`` or ``/dev``, no IPC object. If anything is, the zygote
says so and exits, and the next submission gets a new sandbox. The zygote makes itself
non-dumpable, so a child cannot ptrace it or read its memory, and holds nothing of any student.

Everything here runs in the trusted process; the zygote's own code is in ``worker.py``.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from . import pids
from . import sandbox as sandboxing

WORKER = Path(__file__).with_name("worker.py").resolve()


class ZygoteError(RuntimeError):
    """The zygote did not answer as it should (it died, or student code got to it)."""


class Zygote:
    """One warm sandboxed Python that forks student processes on request."""

    def __init__(self, limits, python=sys.executable):
        self.limits, self.python = limits, python
        self._proc = self._ctrl = self._cgroup = self._home = None
        self.child_running = False

    @property
    def alive(self):
        return self._proc is not None and self._proc.poll() is None

    def start(self):
        lim = self.limits
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._cgroup = pids.create_group(lim.processes + 2)       # + the sandbox's init and the zygote
        preexec = sandboxing.preexec(lim, self._cgroup, lim.processes + 2)

        fd = child.fileno()
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        if lim.sandbox == "bwrap":
            sandboxing.check_available()
            cmd = sandboxing.bwrap_command(
                [self.python, "-I", sandboxing.WORKER_IN_SANDBOX, "--zygote", str(fd), "sandboxed"], WORKER)
            cwd = "/"
        elif lim.sandbox == "none":
            self._home = cwd = tempfile.mkdtemp(prefix="seqlab-student-")
            env["HOME"] = self._home
            cmd = [self.python, "-I", str(WORKER), "--zygote", str(fd), "trusted"]
        else:
            raise ValueError(f"unknown sandbox {lim.sandbox!r} (use 'bwrap' or 'none')")
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, pass_fds=(fd,), cwd=cwd, env=env,
                                          start_new_session=True, preexec_fn=preexec)
        finally:
            child.close()
        self._ctrl = parent
        if self._receive(60) != {"ready": True}:
            self.close()
            raise ZygoteError("the sandboxed Python did not start")
        return self

    # ------------------------------------------------------------------ channel
    def _receive(self, timeout):
        """One control message, or None (timeout, or the zygote is gone)."""
        self._ctrl.settimeout(timeout)
        try:
            data = self._ctrl.recv(1 << 16)
            return json.loads(data) if data else None
        except (OSError, ValueError):
            return None

    def spawn(self, stdin_fd, stdout_fd, stderr_fd, cpu_seconds):
        """Fork a fresh student process on these descriptors (its stdin, stdout, stderr)."""
        if not self.alive:
            raise ZygoteError("the zygote is not running")
        try:
            socket.send_fds(self._ctrl, [json.dumps({"op": "spawn", "cpu_seconds": cpu_seconds}).encode()],
                            [stdin_fd, stdout_fd, stderr_fd])
        except OSError:
            self.close()
            raise ZygoteError("the zygote is gone") from None
        if self._receive(10) != {"spawned": True}:
            self.close()
            raise ZygoteError("the zygote did not fork")
        self.child_running = True

    def wait_exit(self, timeout):
        """The child's exit code (negative: the signal that ended it), once it and everything it
        started are gone; None if that takes longer than ``timeout`` or the zygote died."""
        if not self.child_running:
            return None
        report = self._receive(timeout)
        if report is None:                   # no answer yet, or the zygote is gone
            if not self.alive:
                self.close()
            return None
        if "exited" not in report:           # not the protocol: trust this sandbox no more
            self.close()
            return None
        self.child_running = False
        if not report.get("clean"):
            self.close()         # something was left behind: the next child gets a new sandbox
        return report["exited"]

    def kill_child(self):
        """End the child and everything it started; the zygote stays for the next one."""
        if not self.child_running:
            return
        try:
            self._ctrl.send(json.dumps({"op": "kill"}).encode())
        except OSError:
            self.close()
            return
        self.wait_exit(5.0)
        if self.child_running:               # the zygote did not answer: end the whole sandbox
            self.close()

    def close(self):
        """End the sandbox and every process in it."""
        self.child_running = False
        if self._proc is not None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._proc.wait()
            self._proc = None
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        pids.remove_group(self._cgroup)
        self._cgroup = None
        if self._home:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None


_zygotes = {}


def zygote_for(limits, python=sys.executable):
    """This process's (and thread's) zygote for these limits, started (again) if needed."""
    # one per process and thread: a zygote serves one child at a time (Dask workers may run tasks
    # in several threads)
    key = (os.getpid(), threading.get_ident(), python, limits.sandbox, limits.memory_bytes, limits.file_bytes,
           limits.processes)
    z = _zygotes.get(key)
    if z is None or not z.alive:
        if z is not None:
            z.close()
        pids.at_exit(close_all, priority=10)         # before the pids cgroups are swept
        z = _zygotes[key] = Zygote(limits, python).start()
    return z


def close_all():
    for key, z in list(_zygotes.items()):
        if key[0] == os.getpid():
            z.close()
        _zygotes.pop(key, None)

