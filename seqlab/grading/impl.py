"""Implementations under test: the one object every hidden check talks to.

A check calls ``impl.lstm_gates(x_t, h_prev, params)`` and gets plain values back, whatever is
behind ``impl``: the reference module, a module of known mistakes, the stubs of a released
notebook, or a student's submission running in its own process. Every call goes through the
same wire encoding, on copies of the inputs, so checks see exactly the same kind of values in
CI and at autograde, and ``impl.inputs_after`` tells whether the function changed its inputs.
"""
import copy
import importlib
import warnings
import importlib.util
from pathlib import Path

import nbformat

from . import worker as wire
from .notebook import solution_cells
from .student import Limits, StudentCodeError, StudentProcess


def _roundtrip(value):
    """Turn a return value into wire values, exactly as a student process would."""
    try:
        return wire.read_frame_bytes(wire.encode({"v": value}))["v"]
    except (wire.WireError, TypeError, ValueError) as exc:
        raise StudentCodeError("bad_return", "TypeError", str(exc)) from None


class Impl:
    """Base: subclasses define :meth:`_call` returning ``(value, args_after)``."""

    name = "?"
    cell_errors = {}
    warnings = ()          # warnings the last call emitted, as "Category: message"
    inputs_after = ()      # the call's arguments as the function left them

    @property
    def _given_up(self):
        if "_given_up_" not in self.__dict__:
            self.__dict__["_given_up_"] = {}
        return self.__dict__["_given_up_"]

    def __getattr__(self, fn):
        if fn.startswith("_"):
            raise AttributeError(fn)

        def call(*args):
            # A function that looped or killed its process once is not run again: every
            # later check of it fails at once with the same reason (no 10 s per check).
            if fn in self._given_up:
                raise self._given_up[fn]
            try:
                value, self.inputs_after = self._call(fn, *copy.deepcopy(args))
            except StudentCodeError as err:
                if err.kind in ("timeout", "crash"):
                    self._given_up[fn] = err
                raise
            return value
        call.__name__ = fn
        return call

    def value(self, name):
        """The value bound to ``name`` (a quiz answer), as wire values; raises if missing."""
        return self._value(name)

    def close(self):
        pass


class ModuleImpl(Impl):
    """Functions from a module object, an importable module name or a ``.py`` file."""

    def __init__(self, module, name=None):
        if isinstance(module, (str, Path)) and str(module).endswith(".py"):
            spec = importlib.util.spec_from_file_location(Path(module).stem, module)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            module = mod
        elif isinstance(module, str):
            module = importlib.import_module(module)
        self.module, self.name = module, name or module.__name__

    def _call(self, fn, *args):
        f = getattr(self.module, fn, None)
        if not callable(f):
            raise StudentCodeError("missing", "NameError", f"{fn} is not defined")
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = f(*args)
            self.warnings = [f"{w.category.__name__}: {w.message}" for w in caught]
        except Exception as exc:  # the catalogue and stubs raise NotImplementedError etc.
            raise StudentCodeError("exception", type(exc).__name__, str(exc)) from None
        return _roundtrip(value), _roundtrip(tuple(args))

    def _value(self, name):
        if not hasattr(self.module, name):
            raise StudentCodeError("missing", "NameError", f"{name} is not defined")
        return _roundtrip(getattr(self.module, name))


class NotebookImpl(Impl):
    """The solution cells of a notebook, run in a separate, limited student process."""

    def __init__(self, notebook, limits=None, name=None):
        nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(str(notebook), as_version=4)
        self.name = name or (str(notebook) if isinstance(notebook, (str, Path)) else "notebook")
        self.process = StudentProcess(solution_cells(nb), limits or Limits())
        self.process.start()
        self.cell_errors = self.process.cell_errors

    def _call(self, fn, *args):
        result = self.process.call(fn, *args)
        self.warnings = self.process.warnings
        return result

    def _value(self, name):
        return self.process.get(name)

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
