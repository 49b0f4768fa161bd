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

A submission whose cells use torch gets a zygote that imported torch (and what a first
training step loads) once, with one thread: ``preload=("torch",)``, about 2–4 s of CPU per zygote
instead of per submission. Its children fork with torch's memory shared copy-on-write. While a
child runs, the grader may give it a CPU budget (:meth:`Zygote.set_budget`): the zygote counts
the CPU time of every process in the sandbox and ends them all when the budget is spent.

Everything here runs in the trusted process; the zygote's own code is in ``worker.py``.
"""
import ast
import json
import os
import re
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
PRELOADABLE = ("torch",)        # modules a zygote may import for its children


class ZygoteError(RuntimeError):
    """The zygote did not answer as it should (it died, or student code got to it)."""


class Zygote:
    """One warm sandboxed Python that forks student processes on request."""

    def __init__(self, limits, python=sys.executable, preload=()):
        unknown = set(preload) - set(PRELOADABLE)
        if unknown:
            raise ValueError(f"cannot preload {sorted(unknown)} (only {PRELOADABLE})")
        self.limits, self.python, self.preload = limits, python, tuple(sorted(preload))
        self._proc = self._ctrl = self._cgroup = self._home = None
        self.child_running = False
        self.last_exit = {}          # the zygote's report on the last child that ended

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
        preload = [",".join(self.preload)] if self.preload else []
        if lim.sandbox == "bwrap":
            sandboxing.check_available()
            cmd = sandboxing.bwrap_command(
                [self.python, "-I", sandboxing.WORKER_IN_SANDBOX, "--zygote", str(fd), "sandboxed", *preload], WORKER)
            cwd = "/"
        elif lim.sandbox == "none":
            self._home = cwd = tempfile.mkdtemp(prefix="seqlab-student-")
            env["HOME"] = self._home
            cmd = [self.python, "-I", str(WORKER), "--zygote", str(fd), "trusted", *preload]
        else:
            raise ValueError(f"unknown sandbox {lim.sandbox!r} (use 'bwrap' or 'none')")
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, pass_fds=(fd,), cwd=cwd, env=env,
                                          start_new_session=True, preexec_fn=preexec)
        finally:
            child.close()
        self._ctrl = parent
        if self._receive(120 if self.preload else 60) != {"ready": True}:
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
        self.last_exit = {}

    def set_budget(self, cpu_seconds):
        """From now on the running child, with everything it started, may use ``cpu_seconds``
        more CPU seconds (None: no budget, only its RLIMIT_CPU); then the zygote ends it and
        its exit report says ``over_budget``."""
        if not self.child_running:
            return
        try:
            self._ctrl.send(json.dumps({"op": "budget", "cpu": cpu_seconds}).encode())
        except OSError:
            self.close()

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
        self.last_exit = report
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


def zygote_for(limits, python=sys.executable, preload=()):
    """A zygote of this process (and thread) for these limits and preloaded modules, with no
    child running, started (again) if needed."""
    # per process and thread: a zygote serves one child at a time (Dask workers may run tasks in
    # several threads); a second student process alive at once (tests) gets a second zygote
    preload = tuple(sorted(preload))
    key = (os.getpid(), threading.get_ident(), python, limits.sandbox, limits.memory_bytes, limits.file_bytes,
           limits.processes, preload)
    pool = _zygotes.setdefault(key, [])
    for z in list(pool):
        if not z.alive:
            z.close()
            pool.remove(z)
        elif not z.child_running:
            return z
    pids.at_exit(close_all, priority=10)         # before the pids cgroups are swept
    z = Zygote(limits, python, preload).start()
    pool.append(z)
    return z


def close_all():
    for key, pool in list(_zygotes.items()):
        if key[0] == os.getpid():
            for z in pool:
                z.close()
        _zygotes.pop(key, None)


_IMPORT_LINE = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\b|import\s+(.+))", re.M)


def imported_modules(source):
    """Top-level names of the modules a cell's code imports, anywhere in it (``import numpy as
    np, torch``, ``from torch import nn``, an import inside a function). Cells with IPython magics
    or syntax errors are read line by line."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        names = set()
        for base, listed in _IMPORT_LINE.findall(source):
            parts = [base] if base else [p.split(" as ")[0] for p in listed.split("#")[0].split(",")]
            names |= {p.strip().split(".")[0] for p in parts if p.strip()}
        return names
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def preload_for(cells, limits=None):
    """The modules a zygote should preload for these cells: ``limits.preload`` if set, else
    every module of :data:`PRELOADABLE` a cell imports (a torch assignment's provided cell does).
    The student process binds what it converts (torch's tensors) before any cell runs only for
    these: cells that reach torch in some other way (``__import__``) get no tensors across."""
    wanted = tuple(getattr(limits, "preload", ()) or ())
    if wanted:
        return tuple(sorted(wanted))
    imported = set().union(*(imported_modules(c.get("source", "")) for c in cells)) if cells else set()
    return tuple(name for name in PRELOADABLE if name in imported)
