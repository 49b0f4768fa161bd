"""The trusted side of the student process: start it, feed it cells, call its functions.

A :class:`StudentProcess` runs ``worker.py`` in an isolated interpreter (``python -I``) in a
scratch folder, in its own session (process group), with CPU-time, memory and file-size
limits. Every call has a wall-clock timeout; a call that times out, or a process that dies,
ends that process and the next call starts a fresh one (the cells are run again), so one
broken function cannot take the others down with it.
"""
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import pids
from . import sandbox as sandboxing
from . import worker as wire

WORKER = Path(wire.__file__).resolve()


class StudentCodeError(Exception):
    """The student's code did not return a value: it raised, timed out, died or returned junk.

    ``kind`` is one of ``exception``, ``missing``, ``bad_return``, ``timeout``, ``crash``.
    """

    def __init__(self, kind, error_type="", message="", where=()):
        super().__init__(f"{kind}: {error_type}: {message}")
        self.kind, self.error_type, self.message, self.where = kind, error_type, message, list(where)


@dataclass
class Limits:
    """Resource limits for one student process (see ``nbgrader_config.py``)."""
    call_timeout: float = 10.0          # wall seconds per call (and for running the cells)
    memory_bytes: int = 2 << 30         # address space
    file_bytes: int = 64 << 20          # largest file the code may write
    cpu_seconds: int = 120              # CPU time of the whole process
    processes: int = 256                # processes of the sandbox user (fork bombs)
    sandbox: str = "bwrap"              # "bwrap", or "none" for trusted code only


@dataclass
class StudentProcess:
    """Runs the cells of one submission and answers calls to the functions they define."""
    cells: list                          # [{"id": grade_id, "source": code}, ...]
    limits: Limits = field(default_factory=Limits)
    python: str = sys.executable
    cell_errors: dict = field(default_factory=dict)
    defined: list = field(default_factory=list)

    def __post_init__(self):
        self.warnings = []
        self._proc = None
        self._cgroup = None
        self._scratch = None

    # ------------------------------------------------------------------ lifecycle
    def _preexec(self):
        lim = self.limits
        resource.setrlimit(resource.RLIMIT_AS, (lim.memory_bytes, lim.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (lim.file_bytes, lim.file_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (lim.cpu_seconds, lim.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if self._cgroup:
            pids.enter_group(self._cgroup)
        elif os.getuid() != 0:
            pids.rlimit_fallback(lim.processes, self._user_processes)

    def start(self):
        self._scratch = tempfile.mkdtemp(prefix="seqlab-student-")
        self._cgroup = pids.create_group(self.limits.processes)
        self._user_processes = 0 if self._cgroup or os.getuid() == 0 else pids.user_process_count()
        env = {"PATH": "/usr/bin:/bin", "HOME": self._scratch, "OMP_NUM_THREADS": "1",
               "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "LANG": "C.UTF-8"}
        for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if key in os.environ:
                env[key] = os.environ[key]
        self._log = open(os.path.join(self._scratch, "output.log"), "wb")
        if self.limits.sandbox == "bwrap":
            sandboxing.check_available()
            cmd = sandboxing.bwrap_command([self.python, "-I", sandboxing.WORKER_IN_SANDBOX], WORKER)
        elif self.limits.sandbox == "none":
            cmd = [self.python, "-I", str(WORKER)]
        else:
            raise ValueError(f"unknown sandbox {self.limits.sandbox!r} (use 'bwrap' or 'none')")
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, bufsize=0,
            cwd=self._scratch, env=env, start_new_session=True, preexec_fn=self._preexec)
        self._send({"cells": self.cells})
        skipped = dict(getattr(self, "_skipped", {}))
        done = set()
        while True:
            try:
                reply = self._receive(self.limits.call_timeout)
            except StudentCodeError as err:
                # A cell stopped or hung the process: run again without it, and say so.
                culprit = next((c for c in self.cells if c["id"] not in done), None)
                if culprit is None:
                    raise
                self._skipped = {**skipped, culprit["id"]: {
                    "type": err.error_type, "message": err.message, "where": []}}
                self.cells = [c for c in self.cells if c is not culprit]
                return self.start()
            if "cell_done" in reply:
                done.add(reply["cell_done"])
                continue
            break
        self.cell_errors = {**reply["cell_errors"], **skipped}
        self.defined = reply["defined"]
        return self

    def close(self):
        """End the process and everything it started; remove its scratch folder."""
        if self._proc is not None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._proc.wait()
            for pipe in (self._proc.stdin, self._proc.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
            self._log.close()
            self._proc = None
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
        pids.remove_group(getattr(self, "_cgroup", None))
        self._cgroup = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ calls
    def _exchange(self, message, timeout):
        self._send(message)
        return self._receive(timeout)

    def _send(self, message):
        data = memoryview(wire.encode(message))
        try:     # unbuffered pipe: a write may be partial
            while data:
                data = data[self._proc.stdin.write(data):]
        except (BrokenPipeError, OSError):
            raise self._died() from None

    def _receive(self, timeout):
        proc = self._proc
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise StudentCodeError("timeout", "TimeoutError", f"no answer within {timeout:g} s")
        try:
            return wire.read_frame(proc.stdout)
        except (EOFError, wire.WireError, ValueError, KeyError) as exc:
            err = self._died()
            if isinstance(exc, EOFError):
                raise err from None
            self.close()
            raise StudentCodeError("crash", "ProtocolError", "the process sent something that is not an answer")

    def _died(self):
        proc = self._proc
        code = proc.wait(timeout=5) if proc else None
        self.close()
        if code is not None and code < 0:
            sig = signal.Signals(-code).name
            reason = {"SIGXCPU": "it used more CPU time than allowed",
                      "SIGKILL": "it was killed (often: out of memory)",
                      "SIGSEGV": "it crashed (segmentation fault)"}.get(sig, f"it received {sig}")
            return StudentCodeError("crash", sig, f"the Python process running your code ended: {reason}")
        return StudentCodeError("crash", "ProcessExit", f"the Python process running your code exited (code {code})")

    def get(self, name):
        """The value the student's cells bound to ``name`` (e.g. a quiz answer)."""
        if self._proc is None:
            self.start()
        reply = self._exchange({"get": name}, timeout=self.limits.call_timeout)
        if not reply.get("ok"):
            err = reply.get("error", {})
            raise StudentCodeError(reply.get("kind", "exception"), err.get("type", ""),
                                   err.get("message", ""), err.get("where", ()))
        return reply["value"]

    def call(self, fn, *args):
        """Call ``fn(*args)`` in the student process; returns ``(value, args_after)``.

        Raises :class:`StudentCodeError` when the code raises, times out, dies or returns
        something that is not numbers/arrays. A dead process is restarted for the next call.
        """
        if self._proc is None:
            self.start()
        reply = self._exchange({"fn": fn, "args": list(args)}, timeout=self.limits.call_timeout)
        if not reply.get("ok"):
            err = reply.get("error", {})
            raise StudentCodeError(reply.get("kind", "exception"), err.get("type", ""),
                                   err.get("message", ""), err.get("where", ()))
        self.warnings = [str(w) for w in reply.get("warnings", [])]
        return reply["value"], tuple(reply["args_after"])
