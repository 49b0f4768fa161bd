"""Objects of the code under test, as the hidden checks see them: proxies that hold a number.

The code under test (a student's cells in their sandboxed process, or a trusted module in CI)
keeps the objects it makes — torch modules — under numbers (handles); a check holds a
:class:`Remote`, which reads like the module itself::

    model = impl.TransformerForecaster(d_model=16, n_heads=2, d_ff=32)   # the student's class
    model.load_state_dict(state)          # {name: array}, strict (by torch's own nn.Module code)
    y = model(X)                          # X an array: a float32 tensor over there; y an array here
    losses = impl.train_model(model, X, y, epochs=3, seed=0)
    model.describe().training             # every submodule's mode, read by trusted code

Nothing but plain values crosses: arguments go as arrays (made tensors by the student process's
trusted code: every array argument of a call on a Remote, or of a function called with a Remote,
travels as a tensor), results come back as arrays, numbers, lists and dicts. ``state_dict``,
``load_state_dict`` and ``describe`` run torch's own ``nn.Module`` methods, bound before any
student code ran; ``model(...)``, ``model.forward(...)`` and any other public method run the
object's own code.
"""
from dataclasses import dataclass

import numpy as np

from . import worker as wire
from .student import StudentCodeError


class StateDictMismatch(StudentCodeError):
    """``load_state_dict`` found names or shapes that differ (nothing was loaded)."""

    def __init__(self, missing, unexpected, mismatched):
        self.missing, self.unexpected = list(missing), list(unexpected)
        self.mismatched = [(str(n), tuple(a), tuple(b)) for n, a, b in mismatched]
        parts = []
        if self.missing:
            parts.append("missing: " + ", ".join(self.missing))
        if self.unexpected:
            parts.append("unexpected: " + ", ".join(self.unexpected))
        if self.mismatched:
            parts.append("shapes: " + ", ".join(f"{n} is {a}, given {b}" for n, a, b in self.mismatched))
        super().__init__("exception", "StateDictMismatch", "; ".join(parts))


@dataclass(frozen=True)
class Description:
    """What trusted code read from a module: ``parameters`` {name: (shape, trainable)},
    ``buffers`` {name: (shape, persistent)}, ``modules`` {name: (type name, training)} ("" is
    the module itself) and ``trainable``, the number of trainable parameters."""
    parameters: dict
    buffers: dict
    modules: dict
    trainable: int

    @property
    def training(self):
        """True if any submodule is in training mode."""
        return any(mode for _, mode in self.modules.values())

    @property
    def in_training(self):
        """Names of the submodules in training mode ("" for the module itself)."""
        return [name for name, (_, mode) in self.modules.items() if mode]


def to_wire(value, tensors):
    """An argument as it travels: a Remote as its handle; an array as a tensor if ``tensors``."""
    if isinstance(value, Remote):
        return value._wire_handle()
    if tensors and isinstance(value, np.ndarray):
        return wire.AsTensor(value)
    if tensors and isinstance(value, dict):
        return {k: to_wire(v, tensors) for k, v in value.items()}
    if tensors and type(value) in (list, tuple):
        return type(value)(to_wire(v, tensors) for v in value)
    return value


class Remote:
    """An object kept by the code under test, held here by its handle."""

    __slots__ = ("_impl", "_handle", "_owner", "_generation")

    def __init__(self, impl, handle, owner, generation):
        for name, value in (("_impl", impl), ("_handle", handle), ("_owner", owner), ("_generation", generation)):
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ the object's own code
    def __call__(self, *args, **kwargs):
        return self._impl._object_request(self, {"op": "call", "method": None}, args, kwargs)

    def __getattr__(self, name):
        """An attribute: a value, a submodule (a Remote), or a method to call."""
        if name.startswith("_"):
            raise AttributeError(name)
        reply = self._impl._object_request(self, {"op": "getattr", "name": name}, reply=True)
        if reply.get("callable"):
            return RemoteMethod(self, name)
        return reply["value"]

    def __setattr__(self, name, value):
        """Set an attribute (e.g. replace a submodule by another Remote, or a flag)."""
        if name.startswith("_"):
            raise AttributeError(f"cannot set {name}")
        self._impl._object_request(self, {"op": "setattr", "name": name, "value": to_wire(value, False)})

    # ------------------------------------------------------------------ trusted torch code
    def state_dict(self):
        """{name: array}: the parameters and persistent buffers, by ``nn.Module.state_dict``."""
        return self._impl._object_request(self, {"op": "state_dict"})

    def load_state_dict(self, state):
        """Load ``state`` ({name: array}) strictly; raises :class:`StateDictMismatch` (nothing
        loaded) when names or shapes differ from the module's own."""
        state = {str(k): wire.AsTensor(np.asarray(v)) for k, v in state.items()}
        report = self._impl._object_request(self, {"op": "load_state_dict", "state": state})
        if report["missing"] or report["unexpected"] or report["mismatched"]:
            raise StateDictMismatch(report["missing"], report["unexpected"], report["mismatched"])

    def describe(self):
        """A :class:`Description` of the module: parameters, buffers, submodules and modes."""
        d = self._impl._object_request(self, {"op": "describe"})
        return Description({k: (tuple(s), bool(t)) for k, (s, t) in d["parameters"].items()},
                           {k: (tuple(s), bool(p)) for k, (s, p) in d["buffers"].items()},
                           {k: (str(t), bool(m)) for k, (t, m) in d["modules"].items()},
                           int(d["trainable"]))

    # ------------------------------------------------------------------ plumbing
    def _wire_handle(self):
        self._impl._check_alive(self)
        return wire.Handle(self._handle)

    def __deepcopy__(self, memo):      # arguments are deep-copied before a call: a handle stays itself
        return self

    def __repr__(self):
        return f"<Remote {self._owner} #{self._handle}>"


class RemoteMethod:
    """A public method of a Remote object, called in the process that holds it."""

    __slots__ = ("remote", "name")

    def __init__(self, remote, name):
        self.remote, self.name = remote, name

    def __call__(self, *args, **kwargs):
        return self.remote._impl._object_request(self.remote, {"op": "call", "method": self.name}, args, kwargs)

    def __repr__(self):
        return f"<method {self.name} of {self.remote!r}>"


class TorchNN:
    """``impl.nn.Linear(20, 1)``: a module of torch.nn (as torch has it, not as student code may
    have changed it afterwards) or one of seqlab's own: ``AddTable(table, name)`` (forward(x) =
    x + table[:T], the table a persistent buffer) and ``Probe()`` (forward(x) = x; its ``calls``
    list [gradients enabled, training] per call), built where the code under test runs: a model
    known to be right, to judge a function on it alone (train_model on an nn.Sequential)."""

    def __init__(self, impl):
        self._impl = impl

    def __getattr__(self, cls):
        if cls.startswith("_"):
            raise AttributeError(cls)

        def construct(*args, **kwargs):
            return self._impl._construct({"op": "nn", "cls": cls}, f"nn.{cls}", args, kwargs)
        construct.__name__ = cls
        return construct
