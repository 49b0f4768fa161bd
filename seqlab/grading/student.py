"""The trusted side of the student process: start it, feed it cells, call its functions.

A :class:`StudentProcess` runs ``worker.py`` in an isolated interpreter (``python -I``),
forked by this grading process's warm sandboxed zygote (``zygote.py``: the sandbox, numpy
already imported), in its own session, with CPU-time, memory, file-size and process limits.
Every call has a wall-clock timeout; a call that times out, or a process that dies, ends that
process and the next call starts a fresh one (the cells are run again), so one broken function
cannot take the others down with it.

Besides calling functions, the grader can ask the student process to construct a class
(the object stays there, under a number: a handle), call its methods, read and load its
``state_dict`` (see ``worker.Server``); :mod:`seqlab.grading.remote` wraps handles for the checks.
A check may give the process a CPU budget (:meth:`StudentProcess.cpu_budget`), which the zygote
enforces over every process the student's code started.
"""
import contextlib
import os
import select
import signal
import sys
import time
from dataclasses import dataclass, field

from . import worker as wire
from .zygote import ZygoteError, preload_for, zygote_for


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
    budget_seconds: float = 60.0        # wall time of one submission in all (cells, calls, restarts)
    processes: int = 256                # processes of the sandbox user (fork bombs)
    sandbox: str = "bwrap"              # "bwrap", or "none" for trusted code only
    preload: tuple = ()                 # modules the zygote imports once ("torch"); () = what the cells use


class _Child:
    """One student process forked by the zygote: its pipes, and how to end it."""

    def __init__(self, zygote, stdin, stdout):
        self.zygote, self.stdin, self.stdout = zygote, stdin, stdout
        self.returncode = None

    def wait(self, timeout):
        """Its exit code once it and all it started are gone (negative: the signal), or None."""
        if self.returncode is None:
            self.returncode = self.zygote.wait_exit(timeout)
        return self.returncode

    def kill(self):
        self.zygote.kill_child()


@dataclass
class StudentProcess:
    """Runs the cells of one submission and answers calls to the functions they define."""
    cells: list                          # [{"id": grade_id, "source": code}, ...]
    limits: Limits = field(default_factory=Limits)
    python: str = sys.executable
    cell_errors: dict = field(default_factory=dict)
    defined: list = field(default_factory=list)

    def __post_init__(self):
        self._budget_ends = time.monotonic() + self.limits.budget_seconds
        self.warnings = []
        self._proc = None
        self.preload = preload_for(self.cells, self.limits)
        self.generation = 0             # +1 at every (re)start: handles of an older process are gone
        self._cpu_budget = None

    # ------------------------------------------------------------------ lifecycle
    def start(self):
        for attempt in (1, 2):                  # a zygote that died since its last child is replaced once
            zygote = zygote_for(self.limits, self.python, self.preload)
            stdin_r, stdin_w = os.pipe()
            stdout_r, stdout_w = os.pipe()
            output = os.open(os.devnull, os.O_WRONLY)    # what the student's code prints counts for nothing
            try:
                zygote.spawn(stdin_r, stdout_w, output, self.limits.cpu_seconds)
            except ZygoteError:
                os.close(stdin_w)
                os.close(stdout_r)
                if attempt == 2:
                    raise StudentCodeError("crash", "SandboxError", "the sandbox for your code could not start") from None
                continue
            finally:
                for fd in (stdin_r, stdout_w, output):
                    os.close(fd)
            break
        self._proc = _Child(zygote, os.fdopen(stdin_w, "wb", buffering=0), os.fdopen(stdout_r, "rb", buffering=0))
        self.generation += 1
        self._send({"cells": self.cells, "preload": list(self.preload)})
        # Running the cells gets 2 × call_timeout in all, across restarts: one hanging cell is
        # dropped and the rest run again; once that time is used up, every cell that did not
        # finish is dropped, and the cells that did get one more call_timeout to run again.
        # So a notebook of many slow cells costs a bounded time, however many cells it has.
        now = time.monotonic()
        if getattr(self, "_cells_budget_ends", None) is None:
            self._cells_budget_ends = now + 2 * self.limits.call_timeout
        deadline = min(now + self.limits.call_timeout, self._cells_budget_ends)
        skipped = dict(getattr(self, "_skipped", {}))
        done = set()
        while True:
            try:
                reply = self._receive(max(0.0, deadline - time.monotonic()))
            except StudentCodeError as err:
                pending = [c for c in self.cells if c["id"] not in done]
                if not pending:
                    raise
                used_up = time.monotonic() >= self._cells_budget_ends
                dropped = pending if used_up else pending[:1]
                if err.kind == "timeout":
                    err.message = (f"your cells ran longer than {2 * self.limits.call_timeout:g} s in all" if used_up
                                   else f"this cell ran longer than {self.limits.call_timeout:g} s")
                self._skipped = {**skipped, **{c["id"]: {"type": err.error_type, "message": err.message,
                                                         "where": []} for c in dropped}}
                self.cells = [c for c in self.cells if c not in dropped]
                if used_up:
                    self._cells_budget_ends = time.monotonic() + self.limits.call_timeout
                return self.start()
            ids = {c["id"] for c in self.cells}
            if set(reply) == {"cell_done"} and reply["cell_done"] in ids - done:
                done.add(reply["cell_done"])
                continue
            if (reply.get("ready") is True and isinstance(reply.get("cell_errors"), dict)
                    and isinstance(reply.get("defined"), list) and done == ids):
                break
            # a cell spoke the protocol itself: treat it like a cell that killed the process
            self.close()
            culprit = next((c for c in self.cells if c["id"] not in done), None)
            if culprit is None:
                raise StudentCodeError("crash", "ProtocolError", "the process sent something that is not an answer")
            self._skipped = {**skipped, culprit["id"]: {"type": "ProtocolError", "message":
                             "the cell wrote to the grader's channel", "where": []}}
            self.cells = [c for c in self.cells if c is not culprit]
            return self.start()
        self.cell_errors = {**reply["cell_errors"], **skipped}
        self.defined = [str(d) for d in reply["defined"]]
        if self._cpu_budget is not None:          # restarted within a budget: the cells ran outside it
            self._proc.zygote.set_budget(self._cpu_budget)
        return self

    def close(self):
        """End the process and everything it started."""
        if self._proc is not None:
            self._proc.kill()
            for pipe in (self._proc.stdin, self._proc.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
            self._proc = None

    def __enter__(self):
        return self.start()

    @contextlib.contextmanager
    def cpu_budget(self, seconds):
        """Within the block the process, with every process it started, may use ``seconds`` of
        CPU time (a process restarted within it gets ``seconds`` again); past that the zygote
        ends it and the call fails as a timeout that says so. Blocks do not nest: an inner block
        replaces the budget and the outer one starts afresh after it."""
        outer, self._cpu_budget = self._cpu_budget, float(seconds)
        if self._proc is not None:
            self._proc.zygote.set_budget(self._cpu_budget)
        try:
            yield self
        finally:
            self._cpu_budget = outer
            if self._proc is not None:
                self._proc.zygote.set_budget(outer)

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

    MAX_HEADER = 16 << 20       # bytes of JSON per message
    MAX_BLOBS = 256 << 20       # bytes of array data per message

    def _read(self, n, deadline):
        """Exactly ``n`` bytes from the student's pipe, or a timeout at ``deadline``."""
        fd = self._proc.stdout.fileno()
        buf = bytearray()
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(n - len(buf), 1 << 20))
            if not chunk:
                raise EOFError
            buf += chunk
        return bytes(buf)

    def _receive(self, timeout):
        """One whole message within ``timeout`` seconds; anything else ends the process.

        No wait goes past the submission's budget: a notebook of many slow cells, or a function
        that needs restarts again and again, cannot hold up the class.
        """
        if time.monotonic() >= self._budget_ends:
            self.close()
            raise StudentCodeError("timeout", "TimeoutError",
                                   f"the whole submission used up its {self.limits.budget_seconds:g} s budget")
        deadline = min(time.monotonic() + timeout, self._budget_ends)
        try:
            message = wire.read_message(lambda n: self._read(n, deadline),
                                        self.MAX_HEADER, self.MAX_BLOBS)
            return message
        except TimeoutError:
            self.close()
            raise StudentCodeError("timeout", "TimeoutError",
                                   f"no answer within {self.limits.call_timeout:g} s") from None
        except EOFError:
            raise self._died() from None
        except Exception:      # anything malformed: JSON, nesting, dtype, indices, sizes
            self.close()
            raise StudentCodeError("crash", "ProtocolError",
                                   "the process sent something that is not an answer") from None

    def _died(self):
        proc = self._proc
        code = proc.wait(timeout=5) if proc is not None else None    # None: it closed the pipe but lives on
        over = proc.zygote.last_exit.get("over_budget") if proc is not None else None
        self.close()
        if over is not None:
            return StudentCodeError("timeout", "CPUBudget",
                                    f"it used more than {over:g} s of CPU time, this check's budget")
        if code is not None and code < 0:
            sig = signal.Signals(-code).name
            reason = {"SIGXCPU": "it used more CPU time than allowed",
                      "SIGKILL": "it was killed (often: out of memory)",
                      "SIGSEGV": "it crashed (segmentation fault)"}.get(sig, f"it received {sig}")
            return StudentCodeError("crash", sig, f"the Python process running your code ended: {reason}")
        return StudentCodeError("crash", "ProcessExit", f"the Python process running your code exited (code {code})")

    def ensure_started(self):
        """Start the process again if a timeout or crash ended it (its cells run afresh)."""
        if self._proc is None:
            self._cells_budget_ends = None
            self.start()
        return self.generation

    def get(self, name):
        """The value the student's cells bound to ``name`` (e.g. a quiz answer)."""
        return self.ask({"get": name})["value"]

    def ask(self, request):
        """Send one request (see ``worker.Server``) and return its reply, a dict with ``value``,
        ``args_after`` (a list) and ``warnings``; raises :class:`StudentCodeError` when the code
        raises, times out, dies or returns something that is not numbers/arrays. A dead process
        is restarted for the next request."""
        self.ensure_started()
        reply = self._exchange(request, timeout=self.limits.call_timeout)
        if reply.get("ok") is True and not isinstance(reply.get("args_after", []), list):
            self.close()
            raise StudentCodeError("crash", "ProtocolError", "the process sent something that is not an answer")
        if not reply.get("ok"):
            err = reply.get("error", {})
            if not isinstance(err, dict):
                err = {}
            raise StudentCodeError(reply.get("kind", "exception"), err.get("type", ""),
                                   err.get("message", ""), err.get("where", ()))
        self.warnings = [str(w) for w in reply.get("warnings", [])]
        return reply

    def call(self, fn, *args, **kwargs):
        """Call ``fn(*args, **kwargs)`` in the student process; returns ``(value, args_after)``.

        Raises :class:`StudentCodeError` when the code raises, times out, dies or returns
        something that is not numbers/arrays. A dead process is restarted for the next call.
        """
        request = {"fn": fn, "args": list(args)}
        if kwargs:
            request["kwargs"] = kwargs
        reply = self.ask(request)
        if not isinstance(reply.get("args_after"), list):
            self.close()
            raise StudentCodeError("crash", "ProtocolError", "the process sent something that is not an answer")
        return reply["value"], tuple(reply["args_after"])
