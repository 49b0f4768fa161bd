"""Implementations under test: the one object every hidden check talks to.

A check calls ``impl.lstm_gates(x_t, h_prev, params)`` and gets plain values back, whatever is
behind ``impl``: the reference module, a module of known mistakes, the stubs of a released
notebook, or a student's submission running in its own process. Every call goes through the
same wire encoding and the same request handling (``worker.Server``: in the student process,
or in-process for a module), on copies of the inputs, so checks see exactly the same kind of
values in CI and at autograde, and ``impl.inputs_after`` tells whether the function changed its
inputs.

Classes work the same way: ``impl.TransformerForecaster(d_model=16)`` constructs the class
where the code runs and returns a :class:`~seqlab.grading.remote.Remote`; ``impl.nn.Linear(20, 1)``
builds a module of torch.nn there (a model known to be right); arrays passed with a Remote
travel as tensors. ``with impl.budget(cpu=2.0):`` gives the calls inside a CPU budget.
"""
import contextlib
import copy
import importlib
import importlib.util
import sys
import time
from pathlib import Path

import nbformat

from . import worker as wire
from .notebook import solution_cells
from .remote import Remote, TorchNN, to_wire
from .student import Limits, StudentCodeError, StudentProcess


def _roundtrip(value):
    """Turn a return value into wire values, exactly as a student process would."""
    try:
        return wire.read_frame_bytes(wire.encode({"v": wire.plain(value)}))["v"]
    except (wire.WireError, TypeError, ValueError, RecursionError) as exc:
        raise StudentCodeError("bad_return", "TypeError", str(exc)) from None


LOST = ("The object was lost: the process running your code was restarted after an earlier timeout "
        "or crash.")


class Impl:
    """Base: subclasses define :meth:`_ask` (one request → its reply, or StudentCodeError),
    :meth:`_generation` and :meth:`budget`."""

    name = "?"
    cell_errors = {}
    warnings = ()          # warnings the last call emitted, as "Category: message"
    inputs_after = ()      # the call's arguments as the function left them

    @property
    def _given_up(self):
        if "_given_up_" not in self.__dict__:
            self.__dict__["_given_up_"] = {}
        return self.__dict__["_given_up_"]

    @property
    def nn(self):
        """Modules of torch.nn built where the code under test runs: ``impl.nn.Linear(20, 1)``."""
        return TorchNN(self)

    def __getattr__(self, fn):
        if fn.startswith("_"):
            raise AttributeError(fn)

        def call(*args, **kwargs):
            args, kwargs = copy.deepcopy((args, kwargs))
            tensors = any(isinstance(a, Remote) for a in (*args, *kwargs.values()))
            request = {"fn": fn, "args": [to_wire(a, tensors) for a in args]}
            if kwargs:
                request["kwargs"] = {k: to_wire(v, tensors) for k, v in kwargs.items()}
            reply = self._request(request, fn)
            self.inputs_after = tuple(self._wrap(a, fn) for a in reply.get("args_after", []))
            return self._wrap(reply["value"], fn)
        call.__name__ = fn
        return call

    # ------------------------------------------------------------------ requests
    def _request(self, request, key):
        # A function (or class) that looped or killed its process once is not run again: every
        # later check of it fails at once with the same reason (no 10 s per check).
        if key in self._given_up:
            raise self._given_up[key]
        try:
            return self._ask(request)
        except StudentCodeError as err:
            if err.kind in ("timeout", "crash") and err.error_type != "LostObject":
                self._given_up[key] = err
            raise

    def _wrap(self, value, owner):
        if type(value) is wire.Handle:
            return Remote(self, value.id, owner, self._generation())
        return value

    def _construct(self, request, owner, args, kwargs):
        args, kwargs = copy.deepcopy((args, kwargs))
        request = {**request, "args": [to_wire(a, True) for a in args],
                   "kwargs": {k: to_wire(v, True) for k, v in kwargs.items()}}
        return self._wrap(self._request(request, owner)["value"], owner)

    def _check_alive(self, remote):
        if remote._impl is not self:
            raise ValueError(f"{remote!r} belongs to another implementation")
        if remote._generation != self._generation():
            raise StudentCodeError("crash", "LostObject", LOST)

    def _object_request(self, remote, request, args=(), kwargs=None, reply=False):
        """A request about ``remote`` (its calls, attributes, state); array arguments go as tensors."""
        if remote._owner in self._given_up:
            raise self._given_up[remote._owner]
        request = {**request, "handle": remote._wire_handle()}
        if args or kwargs:
            args, kwargs = copy.deepcopy((args, kwargs or {}))
            request["args"] = [to_wire(a, True) for a in args]
            request["kwargs"] = {k: to_wire(v, True) for k, v in kwargs.items()}
        answer = self._request(request, remote._owner)
        if request["op"] == "call":
            self.inputs_after = tuple(self._wrap(a, remote._owner) for a in answer.get("args_after", []))
        answer["value"] = self._wrap(answer["value"], remote._owner)
        return answer if reply else answer["value"]

    # ------------------------------------------------------------------ subclasses
    def _ask(self, request):
        raise NotImplementedError

    def _generation(self):
        return 0

    def budget(self, cpu):
        """``with impl.budget(cpu=2.0):`` the code under test may use ``cpu`` CPU seconds for the
        calls inside; past that a call fails as a timeout (kind ``timeout``, ``CPUBudget``).
        (Here: no budget; ModuleImpl measures, NotebookImpl's zygote enforces.)"""
        return contextlib.nullcontext(self)

    def value(self, name):
        """The value bound to ``name`` (a quiz answer), as wire values; raises if missing."""
        return self._request({"get": name}, name)["value"]

    def close(self):
        pass


class ModuleImpl(Impl):
    """Functions and classes from a module object, an importable module name or a ``.py`` file,
    answered in this process by the same request handling as a student process's
    (``worker.Server``), through the same encoding both ways."""

    def __init__(self, module, name=None):
        if isinstance(module, (str, Path)) and str(module).endswith(".py"):
            spec = importlib.util.spec_from_file_location(Path(module).stem, module)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            module = mod
        elif isinstance(module, str):
            module = importlib.import_module(module)
        self.module, self.name = module, name or module.__name__
        if "torch" in sys.modules:          # tensors convert as in a student process that uses torch
            wire.bind_torch()
        self.server = wire.Server(vars(module))
        self._cpu_left = None

    def _ask(self, request):
        frame = wire.encode(request)
        started = time.process_time()
        decoded, failure = self.server.read(_reader(frame))
        reply = failure or self.server.handle(decoded)
        try:
            reply = wire.read_frame_bytes(wire.encode(reply))
        except (wire.WireError, TypeError, ValueError, RecursionError) as exc:
            reply = {"ok": False, "kind": "bad_return", "error": {"type": "TypeError", "message": str(exc)[:300]}}
        if self._cpu_left is not None:
            self._cpu_left -= time.process_time() - started
            if self._cpu_left < 0:
                raise StudentCodeError("timeout", "CPUBudget",
                                       f"it used more than {self._cpu_budget:g} s of CPU time, this check's budget")
        if not reply.get("ok"):
            err = reply.get("error", {})
            raise StudentCodeError(reply.get("kind", "exception"), err.get("type", ""),
                                   err.get("message", ""), err.get("where", ()))
        self.warnings = [str(w) for w in reply.get("warnings", [])]
        return reply

    @contextlib.contextmanager
    def budget(self, cpu):
        outer = (self._cpu_left, getattr(self, "_cpu_budget", None))
        self._cpu_left = self._cpu_budget = float(cpu)
        try:
            yield self
        finally:
            self._cpu_left, self._cpu_budget = outer


def _reader(data):
    view, pos = memoryview(data), [0]

    def read(n):
        if pos[0] + n > len(view):
            raise EOFError("the request ended early")
        chunk = bytes(view[pos[0]:pos[0] + n])
        pos[0] += n
        return chunk
    return read


class NotebookImpl(Impl):
    """The solution cells of a notebook, run in a separate, limited student process."""

    def __init__(self, notebook, limits=None, name=None):
        nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(str(notebook), as_version=4)
        self.name = name or (str(notebook) if isinstance(notebook, (str, Path)) else "notebook")
        self.process = StudentProcess(solution_cells(nb), limits or Limits())
        self.process.start()
        self.cell_errors = self.process.cell_errors

    def _ask(self, request):
        try:
            return self.process.ask(request)
        finally:
            self.warnings = self.process.warnings

    def _generation(self):
        return self.process.ensure_started()

    def budget(self, cpu):
        return self.process.cpu_budget(cpu)

    def close(self):
        self.process.close()


def load_impl(spec, limits=None):
    """``module:solutions.recurrent``, ``file:path.py``, ``notebook:path.ipynb`` → an Impl."""
    if isinstance(spec, Impl):
        return spec
    kind, _, target = spec.partition(":")
    if kind == "module":
        return ModuleImpl(target)
    if kind == "file":
        return ModuleImpl(target)
    if kind == "notebook":
        return NotebookImpl(target, limits)
    raise ValueError(f"unknown implementation {spec!r} (use module:, file: or notebook:)")
