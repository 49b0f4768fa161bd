"""The student-side process: runs a submission's code and answers calls, nothing else.

This file is deliberately self-contained (stdlib + numpy, and torch where a submission uses it)
so that it can run in an isolated interpreter (``python -I``) that sees none of ``seqlab``,
``solutions/`` or ``tests/``.
It never receives reference outputs: it gets the student's cell sources and the *inputs* of
each call, and sends back plain values. All judging happens in the trusted process.

Wire format (both directions): a frame is a 4-byte big-endian length, then a JSON header of
that length, then the raw bytes of every array the header mentions, each preceded by its own
4-byte length. Only numbers, strings, None, lists, tuples, str-keyed dicts and numeric arrays
travel, so decoding never runs code (no pickle). Two more kinds of node, both plain data:
an array marked to become a torch tensor in the student process (the grader sends
:class:`AsTensor`), and a :class:`Handle`, the number under which the student process keeps an
object it made (a torch module): objects never cross, the grader holds only their numbers.
Whatever crosses back is made plain by this file's own code, bound before any student code
runs: genuine numpy arrays and torch tensors become arrays, everything else that is not a
number, string, list, tuple or str-keyed dict is a bad return. One kind of callable travels as
data: a :class:`ScriptedStep` (a decoding step function given as a table of logits), which the
decoder rebuilds from its arrays on either side.
"""
import json
import os
import signal
import struct
import sys
import time
import traceback
import warnings

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")     # one thread: CPU limits mean what they say, and fork is safe
import numpy as np  # noqa: E402

_NUMERIC_KINDS = "biufc"  # bool, int, unsigned, float, complex
# Bound before any student code runs, so patching `warnings` or numpy later cannot hide warnings.
_catch_warnings, _simplefilter, _errstate = warnings.catch_warnings, warnings.simplefilter, np.errstate


class WireError(ValueError):
    """A value that cannot travel: an object that is not a number, string or array."""


def _numbers_or_none(value):
    """A numeric array copy of ``value`` (for the record of a scripted call), else None."""
    try:
        arr = np.array(value, copy=True)
    except Exception:  # noqa: BLE001 - whatever the caller passed, the record says "not numbers"
        return None
    return arr if arr.dtype.kind in _NUMERIC_KINDS else None


class ScriptedStep:
    """A decoding step function given as data, for checks of decoding loops (``greedy_decode``).

    ``step(prefix, memory)`` with a prefix of shape (N, t) returns a fresh copy of
    ``logits[t − 1, :, :t]`` from a table of shape (T, N, T, V), and records the call: the prefix
    and the memory it got, as arrays (None where they are not numbers). It crosses the wire as
    its table and that record, never as code: trusted code rebuilds it on either side
    (:func:`_decode`), so a check passes one into the student's function and reads the calls
    back from ``impl.inputs_after`` (how many, and every prefix). A prefix of another shape, or
    more than ``4 T + 4`` calls, raises in the caller's code (a loop that never ends stops at
    once). The record is as trustworthy as any value the student process returns.
    """

    def __init__(self, logits, calls=()):
        logits = np.asarray(logits)
        if logits.ndim != 4 or logits.dtype.kind not in "biuf":
            raise WireError("a scripted step needs a table of logits of shape (T, N, T, V)")
        self.logits = logits
        self.calls = []
        for call in calls:
            if not (isinstance(call, (tuple, list)) and len(call) == 2
                    and all(c is None or isinstance(c, np.ndarray) for c in call)):
                raise WireError("a scripted step's record holds (prefix, memory) arrays")
            self.calls.append(tuple(call))
        self.max_calls = 4 * logits.shape[0] + 4

    def __call__(self, prefix, memory=None):
        T, N = self.logits.shape[:2]
        if len(self.calls) >= self.max_calls:
            raise RuntimeError(f"step_logits was called more than {self.max_calls} times")
        prefix, memory = _numbers_or_none(prefix), _numbers_or_none(memory)
        self.calls.append((prefix, memory))
        if prefix is None or prefix.ndim != 2 or prefix.shape[0] != N or not 1 <= prefix.shape[1] <= T:
            got = "something that is not an array of numbers" if prefix is None else f"shape {prefix.shape}"
            raise ValueError(f"step_logits takes a prefix of shape (N, t) = ({N}, t) with 1 <= t <= {T} "
                             f"(bos first); it got {got}")
        t = prefix.shape[1]
        return np.array(self.logits[t - 1, :, :t], copy=True)


class Handle:
    """The number under which the student process keeps one of its objects (plain data)."""
    __slots__ = ("id",)

    def __init__(self, id):
        self.id = int(id)

    def __eq__(self, other):
        return type(other) is Handle and other.id == self.id

    def __hash__(self):
        return hash(("handle", self.id))

    def __repr__(self):
        return f"Handle({self.id})"


class AsTensor:
    """Grader side: this array travels as a torch tensor (the student process makes it one)."""
    __slots__ = ("array",)

    def __init__(self, array):
        self.array = array


# --------------------------------------------------------------------------- torch, bound early

_TORCH = None           # the _Torch binding, once torch is imported (before any student code runs)


class _Torch:
    """What this file uses of torch, looked up once before any student code runs.

    Student code shares this process and may rebind anything in torch (``torch.Tensor.numpy``,
    ``nn.Module.state_dict``, ``torch.nn.Linear``): these references stay what they were. Only
    genuine tensors (type exactly ``torch.Tensor`` or ``nn.Parameter``, no subclass) are
    converted, with torch's own C methods, with torch-function and torch-dispatch overrides off.
    A module's parameters and buffers are read from its own dictionaries (``_parameters``,
    ``_buffers``, ``_modules``), as ``nn.Module.state_dict`` reads them, without calling methods
    a class or student code may have rebound (``state_dict``, ``_save_to_state_dict``).
    """

    def __init__(self, torch):
        nn, base = torch.nn, torch._C.TensorBase
        self.tensor_types = (torch.Tensor, nn.Parameter)
        self.Module = nn.Module
        self._numpy, self._size, self._numel = base.numpy, base.size, base.numel
        self._requires_grad = base.__dict__["requires_grad"].__get__
        self._from_numpy = torch.from_numpy
        self.reseed = torch.seed
        self._no_function, self._no_dispatch = torch._C.DisableTorchFunction, torch._C._DisableTorchDispatch
        self._copy = base.copy_
        self._grad_enabled, self._set_grad_enabled = torch._C.is_grad_enabled, torch._C._set_grad_enabled
        # torch.nn's modules as they are now, for modules the grader builds (``impl.nn.Linear``),
        # and seqlab's own AddTable and Probe (below).
        self.classes = {name: cls for name, cls in vars(nn).items()
                        if isinstance(cls, type) and issubclass(cls, nn.Module)}
        self.classes.update(_seqlab_modules(torch))

    def is_tensor(self, obj):
        kind = type(obj)
        return kind is self.tensor_types[0] or kind is self.tensor_types[1]

    def to_array(self, tensor):
        """A genuine tensor's values as a new numpy array (detached, on the CPU)."""
        try:
            with self._no_function(), self._no_dispatch():
                values = self._numpy(tensor, force=True)
        except (TypeError, RuntimeError) as exc:          # bfloat16, sparse, meta, …
            raise WireError(f"a tensor that is not plain numbers ({str(exc)[:100]})") from None
        return np.array(values, copy=True, order="C")

    def shape(self, tensor):
        if not self.is_tensor(tensor):
            raise WireError(f"an object of type {type(tensor).__name__} where a tensor belongs")
        with self._no_function(), self._no_dispatch():
            return [int(n) for n in self._size(tensor)]

    def tensor(self, array):
        """A new tensor (its own writable copy) of an array the grader sent."""
        return self._from_numpy(np.array(array, copy=True, order="C"))

    def module(self, obj):
        if not isinstance(obj, self.Module):
            raise WireError(f"an object of type {type(obj).__name__}, not a torch module")
        return obj

    def walk(self, obj, prefix="", depth=0):
        """(name, module) for the module and every submodule, read from the modules' own
        dictionaries (as ``state_dict`` does, not through methods a class may rebind)."""
        if depth > 100:
            raise WireError("modules nested more than 100 deep")
        yield prefix.rstrip("."), obj
        for name, child in dict(vars(obj).get("_modules") or {}).items():
            if child is not None:
                yield from self.walk(self.module(child), f"{prefix}{name}.", depth + 1)

    def entries(self, obj):
        """{name: (tensor, kind)} for parameters ("parameter") and buffers ("buffer", or
        "non-persistent", not in the state_dict), in ``state_dict`` order."""
        out = {}
        for path, module in self.walk(self.module(obj)):
            own = vars(module)
            prefix = f"{path}." if path else ""
            hidden = own.get("_non_persistent_buffers_set") or ()
            for kind, table in (("parameter", own.get("_parameters")), ("buffer", own.get("_buffers"))):
                for name, value in dict(table or {}).items():
                    if value is not None:
                        out[prefix + name] = (value, "non-persistent" if kind == "buffer" and name in hidden else kind)
        return out

    def state_dict(self, obj):
        """{name: array} of a module's parameters and persistent buffers."""
        out = {}
        for name, (value, kind) in self.entries(obj).items():
            if kind != "non-persistent":
                if not self.is_tensor(value):
                    raise WireError(f"{name} is a {type(value).__name__}, not a tensor")
                out[name] = self.to_array(value)
        return out

    def load_state_dict(self, obj, state):
        """Load ``state`` ({name: tensor}) strictly: first compare names and shapes.

        Returns ``{"missing", "unexpected", "mismatched"}`` (names, and [name, its shape, the
        shape given]); copies the values in (as ``load_state_dict`` does) only when all three
        are empty.
        """
        have = {name: value for name, (value, kind) in self.entries(obj).items() if kind != "non-persistent"}
        shapes = {name: self.shape(value) for name, value in have.items()}
        given = {name: self.shape(value) for name, value in state.items()}
        report = {"missing": [k for k in have if k not in given],
                  "unexpected": [k for k in given if k not in have],
                  "mismatched": [[k, shapes[k], given[k]] for k in have if k in given and shapes[k] != given[k]]}
        if not any(report.values()):
            enabled = self._grad_enabled()
            self._set_grad_enabled(False)
            try:
                with self._no_function(), self._no_dispatch():
                    for name, value in have.items():
                        self._copy(value, state[name])
            finally:
                self._set_grad_enabled(enabled)
        return report

    def describe(self, obj):
        """Parameters (shape, trainable), buffers (shape, persistent), submodules (type, mode)
        and the number of trainable parameters (each shared tensor once)."""
        entries = self.entries(obj)
        parameters = {name: [self.shape(v), bool(self._requires_grad(v))]
                      for name, (v, kind) in entries.items() if kind == "parameter"}
        buffers = {name: [self.shape(v), kind == "buffer"] for name, (v, kind) in entries.items() if kind != "parameter"}
        modules = {name: [type(m).__name__, vars(m).get("training") is True] for name, m in self.walk(self.module(obj))}
        unique = {id(v): v for v, kind in entries.values() if kind == "parameter" and self._requires_grad(v)}
        with self._no_function(), self._no_dispatch():
            trainable = sum(int(self._numel(v)) for v in unique.values())
        return {"parameters": parameters, "buffers": buffers, "modules": modules, "trainable": trainable}


def _seqlab_modules(torch):
    """seqlab's own small modules, built (like torch.nn's) where the code under test runs."""
    nn, grad_enabled = torch.nn, torch._C.is_grad_enabled

    class AddTable(nn.Module):
        """forward(x) = x + table[:T] for x (N, T, d), the table a persistent buffer named
        ``name``. Checks put it in place of a submodule they judge separately."""

        def __init__(self, table, name="pe"):
            super().__init__()
            self._table_name = name
            self.register_buffer(name, table)

        def forward(self, x):
            return x + getattr(self, self._table_name)[: x.shape[1]]

    class Probe(nn.Module):
        """forward(x) = x; ``calls`` records, per call, [gradients enabled, training mode]."""

        def __init__(self):
            super().__init__()
            self.calls = []

        def forward(self, x):
            self.calls.append([bool(grad_enabled()), bool(vars(self).get("training"))])
            return x

    return {"AddTable": AddTable, "Probe": Probe}


def bind_torch():
    """Import torch (if not yet) and bind what this file uses of it; call before student code."""
    global _TORCH
    if _TORCH is None:
        import torch
        _TORCH = _Torch(torch)
    return _TORCH


def _to_array(obj):
    """A genuine numpy array from an ndarray, a numpy scalar or a genuine torch tensor (in a
    process that bound torch before student code ran), else None. Never calls a method of
    ``obj``: a look-alike object is not an array."""
    if issubclass(type(obj), (np.ndarray, np.generic)):
        return np.array(obj, copy=True, order="C")
    if _TORCH is not None and _TORCH.is_tensor(obj):
        return _TORCH.to_array(obj)
    return None


def _is_scalar(value):
    kind = type(value)       # identity, not ==: a class cannot pass as int through its metaclass
    return value is None or kind is bool or kind is int or kind is float or kind is str


def _encode(value, blobs):
    if _is_scalar(value):
        return value
    if type(value) is Handle:
        return {"__handle__": value.id}
    tensor = type(value) is AsTensor
    arr = _to_array(value.array if tensor else value)
    if arr is not None:
        if arr.dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"an array of dtype {arr.dtype} (not numbers)")
        blobs.append(arr.tobytes())
        node = {"__nd__": len(blobs) - 1, "dtype": arr.dtype.str, "shape": list(arr.shape)}
        if tensor:
            node["tensor"] = True
        return node
    if tensor:
        raise WireError(f"AsTensor of a {type(value.array).__name__}, not an array")
    if type(value) is tuple:
        return {"__tuple__": [_encode(v, blobs) for v in value]}
    if type(value) is list:
        return [_encode(v, blobs) for v in value]
    if type(value) is dict:
        if not all(type(k) is str for k in value):
            raise WireError("a dict with keys that are not strings")
        return {"__dict__": {k: _encode(v, blobs) for k, v in value.items()}}
    if type(value) is ScriptedStep:
        return {"__scripted_step__": {"logits": _encode(value.logits, blobs),
                                      "calls": [[_encode(c, blobs) for c in call] for call in value.calls]}}
    raise WireError(f"an object of type {type(value).__name__}")


def _decode(node, blobs, writable=True, server=None):
    """Wire node → value. In the student process (``server`` given) tensor nodes become new
    tensors and handles the objects they name; on the grader's side they stay an array and a
    :class:`Handle`."""
    if isinstance(node, list):
        return [_decode(v, blobs, writable, server) for v in node]
    if not isinstance(node, dict):
        return node
    if "__nd__" in node:
        dtype = np.dtype(str(node["dtype"]))
        if dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"refusing dtype {dtype}")
        shape = tuple(int(s) for s in node["shape"])
        arr = np.frombuffer(blobs[int(node["__nd__"])], dtype=dtype).reshape(shape)
        if server is not None and node.get("tensor") is True:
            return server.tensor(arr)
        return arr.copy() if writable else arr
    if "__handle__" in node:
        handle = Handle(node["__handle__"])
        return server.object(handle) if server is not None else handle
    if "__tuple__" in node:
        return tuple(_decode(v, blobs, writable, server) for v in node["__tuple__"])
    if "__dict__" in node:
        return {str(k): _decode(v, blobs, writable, server) for k, v in node["__dict__"].items()}
    if "__scripted_step__" in node:
        body = node["__scripted_step__"]
        logits, calls = _decode(body["logits"], blobs, writable), _decode(body["calls"], blobs, writable)
        if not isinstance(logits, np.ndarray) or not isinstance(calls, list):
            raise WireError("a scripted step is a table of logits and a list of calls")
        return ScriptedStep(logits, calls)
    raise WireError("unknown node in message")


def encode(message):
    """Message (a dict of wire values) → bytes of one frame."""
    blobs = []
    header = json.dumps(_encode(message, blobs)).encode()
    parts = [struct.pack(">I", len(header)), header, struct.pack(">I", len(blobs))]
    for blob in blobs:
        parts += [struct.pack(">Q", len(blob)), blob]
    return b"".join(parts)


def _read_exact(stream, n):
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError("the other side closed the channel")
        data += chunk
    return data


def read_message(read, max_header=16 << 20, max_blobs=256 << 20, writable=True, server=None):
    """Decode one frame, reading bytes with ``read(n)`` (which returns exactly n bytes).

    ``writable=False`` leaves arrays read-only: the student process receives its inputs that
    way, so a function that changes its inputs in place fails in its own code. ``server`` (the
    student process's :class:`Server`) turns tensor nodes into tensors and handles into its
    objects; the whole frame is read before decoding, so a refused value leaves the stream in step.
    """
    (n,) = struct.unpack(">I", read(4))
    if n > max_header:
        raise WireError("header too large")
    header = json.loads(read(n))
    (count,) = struct.unpack(">I", read(4))
    blobs, total = [], 0
    for _ in range(count):
        (size,) = struct.unpack(">Q", read(8))
        total += size
        if total > max_blobs:
            raise WireError("message too large")
        blobs.append(read(size))
    message = _decode(header, blobs, writable, server)
    if not isinstance(message, dict):
        raise WireError("not a message")
    return message


def read_frame(stream, writable=True, server=None):
    """Read one frame from a binary stream and decode it; EOFError when the stream ends."""
    return read_message(lambda n: _read_exact(stream, n), writable=writable, server=server)


def read_frame_bytes(data, writable=True, server=None):
    """Decode one frame held in memory."""
    import io
    return read_frame(io.BytesIO(data), writable=writable, server=server)


def write_frame(stream, message):
    stream.write(encode(message))
    stream.flush()


# --------------------------------------------------------------------------- student side

def _describe_exception(exc, filename_prefix="<cell "):
    """The exception and the lines of the student's own cells it passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(filename_prefix)]
    where = [f"{f.filename[1:-1]}, line {f.lineno}, in {f.name}: {f.line or ''}".strip() for f in frames]
    return {"type": type(exc).__name__, "message": str(exc)[:500], "where": where[-3:]}


def _strip_magics(source):
    """IPython magics and shell escapes are not Python; they do nothing for grading."""
    return "\n".join("pass  # " + line if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


def _failure(kind, error_type, message):
    return {"ok": False, "kind": kind, "error": {"type": error_type, "message": message, "where": []}}


def plain(value, objects=None):
    """``value`` as wire values, by this file's code only: genuine arrays and tensors become
    arrays; an object kept under a handle (``objects``: {id(object): Handle}) its handle;
    anything else that is not a number, string, list, tuple or str-keyed dict is a WireError."""
    if _is_scalar(value):
        return value
    arr = _to_array(value)
    if arr is not None:
        if arr.dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"an array of dtype {arr.dtype} (not numbers)")
        return arr
    kind = type(value)
    if kind is tuple:
        return tuple(plain(v, objects) for v in value)
    if kind is list:
        return [plain(v, objects) for v in value]
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise WireError("a dict with keys that are not strings")
        return {k: plain(v, objects) for k, v in value.items()}
    if kind is ScriptedStep:          # trusted data, encoded as its table and its record of calls
        return value
    if objects is not None and id(value) in objects:
        return objects[id(value)]
    raise WireError(f"an object of type {kind.__name__}")


class Server:
    """Answers the grader's requests from one namespace: the student's cells (or, in the
    grader, a trusted module: ``ModuleImpl`` runs this same code in-process).

    Requests: ``{"get": name}`` (the value bound to a name); ``{"fn": name, "args", "kwargs"}``
    (call a function, or construct a class: the new object is kept under a handle); and, on
    objects kept under handles: ``{"op": "nn", "cls", "args", "kwargs"}`` (a torch.nn module
    the grader builds, from torch's own classes), ``{"op": "call", "handle", "method"}`` (the
    object itself, or one of its public methods), ``{"op": "getattr"|"setattr", "handle",
    "name"[, "value"]}``, ``{"op": "state_dict"|"load_state_dict"|"describe", "handle"[,
    "state"]}`` (by torch's own ``nn.Module`` methods, bound before student code) and
    ``{"op": "release", "handles"}``. Every reply is plain values (:func:`plain`).
    """

    def __init__(self, namespace):
        self.namespace = namespace
        self.objects = {}                 # handle number → object
        self._next = 0
        # Bound now, before any student code runs (serve makes the Server first): rebinding the
        # module's names (``__main__.plain``, ``__main__._TORCH``) later changes nothing here.
        self._plain, self._torch = plain, _TORCH

    # ------------------------------------------------------------------ decoding
    def tensor(self, array):
        if self._torch is None:
            raise WireError("a tensor was sent, but torch is not loaded in this process")
        return self._torch.tensor(array)

    def object(self, handle):
        if handle.id not in self.objects:
            raise WireError(f"no object under handle {handle.id}")
        return self.objects[handle.id]

    def read(self, read):
        """The next request (read with ``read(n)``), or a failure reply if it names something
        this process does not hold; EOFError when the grader closed the channel."""
        try:
            return read_message(read, writable=False, server=self), None
        except WireError as exc:
            return None, _failure("crash", "LostObject", str(exc)[:300])

    # ------------------------------------------------------------------ answering
    def keep(self, obj):
        self._next += 1
        self.objects[self._next] = obj
        return Handle(self._next)

    def _handles(self):
        return {id(obj): Handle(h) for h, obj in self.objects.items()}

    def _run(self, fn, args=(), kwargs=None, result="value"):
        """Run student code; ``result``: "value" (plain values), "object" (keep it: a handle),
        "attribute" (a value, a module as a handle, or ``callable``)."""
        kwargs = kwargs or {}
        try:
            with _catch_warnings(record=True) as caught:
                _simplefilter("always")
                with _errstate(all="warn"):
                    value = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: B036 - SystemExit, KeyboardInterrupt too
            return {"ok": False, "kind": "exception", "error": _describe_exception(exc)}
        reply = {"ok": True, "warnings": [f"{w.category.__name__}: {w.message}"[:200] for w in caught[:5]]}
        try:
            if result == "object":
                reply["value"] = self.keep(value)
            elif result == "attribute" and self._torch is not None and isinstance(value, self._torch.Module):
                reply["value"] = self.keep(value)
            elif result == "attribute" and callable(value) and not _is_scalar(value) and _to_array(value) is None:
                reply["value"], reply["callable"] = None, True
            else:           # an object it already keeps may come back (``model.eval()`` returns the model)
                objects = self._handles() if self.objects else None
                reply["value"] = self._plain(value, objects)
            objects = self._handles() if self.objects else None
            reply["args_after"] = self._plain(list(args), objects)
            if kwargs:
                reply["kwargs_after"] = self._plain(dict(kwargs), objects)
        except BaseException as exc:  # noqa: B036 - a value that cannot travel, however it fails
            return _failure("bad_return", "TypeError", str(exc)[:300])
        return reply

    def handle(self, request):
        """One reply (plain values) to one decoded request."""
        if "get" in request:         # the value bound to a name (quiz answers)
            name = request["get"]
            if name not in self.namespace:
                return _failure("missing", "NameError", f"{name} is not defined")
            return self._run(lambda: self.namespace[name])
        args, kwargs = request.get("args", []), request.get("kwargs") or {}
        if "fn" in request:
            target = self.namespace.get(request["fn"])
            if not callable(target):
                return _failure("missing", "NameError", f"{request['fn']} is not defined")
            return self._run(target, args, kwargs, "object" if isinstance(target, type) else "value")
        op = request.get("op")
        if op == "nn":
            if self._torch is None or request.get("cls") not in self._torch.classes:
                return _failure("missing", "NameError", f"torch.nn.{request.get('cls')} is not available")
            return self._run(self._torch.classes[request["cls"]], args, kwargs, "object")
        if op == "release":
            for h in request.get("handles", []):
                self.objects.pop(int(h), None)
            return {"ok": True, "value": None, "args_after": []}
        obj = request.get("handle")
        if op == "call":
            method = request.get("method")
            if method is None:
                return self._run(obj, args, kwargs)
            if not isinstance(method, str) or method.startswith("_"):
                return _failure("missing", "AttributeError", f"no public method {method!r}")
            return self._run(lambda *a, **k: getattr(obj, method)(*a, **k), args, kwargs)
        if op == "getattr":
            return self._run(getattr, (obj, str(request["name"])), result="attribute")
        if op == "setattr":
            return self._run(setattr, (obj, str(request["name"]), request.get("value")))
        if self._torch is None:
            return _failure("missing", "NameError", "torch is not loaded in this process")
        if op == "state_dict":
            return self._run(self._torch.state_dict, (obj,))
        if op == "load_state_dict":
            return self._run(self._torch.load_state_dict, (obj, request.get("state")))
        if op == "describe":
            return self._run(self._torch.describe, (obj,))
        return _failure("missing", "NameError", f"unknown request {op!r}")


def serve(proto_in, proto_out):
    """Run cells, then answer calls until the trusted side closes the channel."""
    send = _send_reply          # bound now: student code rebinding the module's name changes nothing
    namespace = {"__name__": "__main__", "np": np, "numpy": np}
    setup = read_frame(proto_in)
    if "torch" in setup.get("preload", ()):
        bind_torch()            # before any student code (a zygote that preloaded torch did it already)
    server = Server(namespace)
    cell_errors = {}
    for cell in setup["cells"]:
        name = f"<cell {cell['id']}>"
        try:
            exec(compile(_strip_magics(cell["source"]), name, "exec"), namespace)
        except BaseException as exc:  # noqa: B036 - a cell may even raise SystemExit
            cell_errors[cell["id"]] = _describe_exception(exc)
        # Say which cell finished, so a cell that kills or hangs the process can be named.
        write_frame(proto_out, {"cell_done": cell["id"]})
    write_frame(proto_out, {"ready": True, "cell_errors": cell_errors,
                            "defined": sorted(k for k, v in namespace.items() if callable(v))})
    read = lambda n: _read_exact(proto_in, n)  # noqa: E731
    while True:
        try:
            request, failure = server.read(read)
        except EOFError:
            return
        send(proto_out, failure or server.handle(request))


def _send_reply(proto_out, reply):
    try:
        payload = encode(reply)
    except (WireError, TypeError, ValueError, RecursionError) as exc:
        payload = encode({"ok": False, "kind": "bad_return",
                          "error": {"type": "TypeError", "message": str(exc)[:300], "where": []}})
    proto_out.write(payload)
    proto_out.flush()


# --------------------------------------------------------------------------- zygote

PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36


def _state(sandboxed):
    """What a finished child could have left behind for the next one: processes, files in the
    writable places, System V IPC objects. Compared before and after every child."""
    if not sandboxed:           # trusted code, no sandbox: only its own scratch folder is watched
        return {"files": sorted(os.listdir(os.environ.get("HOME", ".")))}
    me = os.getpid()
    procs = sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me))
    files = {}
    for place in ("/tmp", os.environ.get("HOME", ""), "/dev", "/dev/shm"):
        try:
            files[place] = sorted(os.listdir(place)) if place else []
        except OSError:
            files[place] = None
    ipc = {}
    for kind in ("shm", "msg", "sem"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                ipc[kind] = len(f.read().splitlines())
        except OSError:
            ipc[kind] = None
    return {"procs": procs, "files": files, "ipc": ipc}


def _end_everything_but_me(child, sandboxed):
    """Kill the child and everything it started; reap them all (this process is their subreaper)."""
    for _ in range(100):
        try:
            if sandboxed:
                os.kill(-1, signal.SIGKILL)       # every process of this PID namespace but init and me
            else:
                os.killpg(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG) == (0, 0):
                    break
            except ChildProcessError:
                return
        time.sleep(0.002)


def _child(fds, request):
    """In the forked child: become a fresh student process on the descriptors the grader sent."""
    try:
        import random
        import resource
        os.setsid()
        for target, fd in zip((0, 1, 2), fds):
            os.dup2(fd, target)
        os.closerange(3, 65536)
        cpu = int(request.get("cpu_seconds", 120))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        np.random.seed()            # as a fresh process would: its own entropy, not the zygote's
        random.seed()
        if _TORCH is not None:
            _TORCH.reseed()
        main()
    finally:
        os._exit(0)


def _warm_torch():
    """Import torch once for every child: one thread (so CPU limits mean what they say and fork
    is safe), and what a first training step loads (the optimizers import torch._dynamo: ~2 s)."""
    bind_torch()
    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    import torch.utils.data  # noqa: F401
    nn = torch.nn
    state = torch.random.get_rng_state()
    model = nn.Sequential(nn.Linear(1, 4), nn.GELU(), nn.LayerNorm(4))
    attn, rnn = nn.MultiheadAttention(4, 2, batch_first=True), nn.LSTM(4, 3, batch_first=True)
    params = [*model.parameters(), *attn.parameters(), *rnn.parameters()]
    optimizer = torch.optim.Adam(params, lr=0.01)
    z = model(torch.ones(2, 3, 1))
    loss = attn(z, z, z, average_attn_weights=False)[0].sum() + rnn(z)[1][0].sum()
    loss.backward()
    optimizer.step()
    torch.random.set_rng_state(state)


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_used(child, sandboxed):
    """CPU seconds used so far by ``child`` and the processes it started: every process of this
    sandbox but init and this zygote, with the children they reaped, and the orphans this zygote
    reaped. (Trusted code without a sandbox: the child and the children it reaped.)"""
    me, ticks = os.getpid(), 0
    pids = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)] if sandboxed else [str(child)]
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ticks += sum(int(v) for v in fields[11:15])        # utime stime cutime cstime
    own = os.times()
    return ticks / _CLOCK_TICKS + (own.children_user + own.children_system if sandboxed else 0.0)


def zygote(ctrl_fd, sandboxed, preload=()):
    """A warm parent (numpy imported) that forks one fresh student process per request.

    Control channel: a SOCK_SEQPACKET socket. The grader sends ``{"op": "spawn"}`` with the
    child's stdin, stdout and stderr descriptors; the zygote answers ``{"spawned": true}``, later
    ``{"exited": code, "clean": bool}`` once the child and everything it started are gone
    (``{"op": "kill"}`` ends them early). If a child left anything behind (a process that would
    not die, a file in /tmp or HOME, an IPC object), the zygote reports ``clean: false`` and
    exits, so the next submission gets a new sandbox. Nothing of one child reaches the next.

    ``preload``: modules to import before the first child ("torch": imported once here, ~2 s,
    instead of once per submission). While a child runs, ``{"op": "budget", "cpu": s}`` gives it
    (with everything it started) ``s`` more CPU seconds from now (None: no limit but its own
    RLIMIT_CPU); past that the zygote ends it and reports ``"over_budget": s``.
    """
    if "torch" in preload:
        _warm_torch()
    import ctypes
    import select
    import socket
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)      # children cannot ptrace or read this process
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    ctrl = socket.socket(fileno=ctrl_fd)
    os.chdir(os.environ.get("HOME", "/"))
    baseline = _state(sandboxed)
    ctrl.send(json.dumps({"ready": True}).encode())
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(ctrl, 1 << 16, 3)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data)
        if request.get("op") != "spawn" or len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            ctrl.close()
            _child(fds, request)
        for fd in fds:
            os.close(fd)
        pidfd = os.pidfd_open(pid)
        ctrl.send(json.dumps({"spawned": True}).encode())
        killed, hung_up = False, False
        budget, budget_ends, over_budget = None, None, None
        while True:
            ready = select.select([ctrl, pidfd], [], [], None if budget_ends is None else 0.02)[0]
            if pidfd in ready:
                break
            if ctrl in ready:
                data, extra, _, _ = socket.recv_fds(ctrl, 1 << 16, 3)
                for fd in extra:
                    os.close(fd)
                if not data:
                    hung_up = True
                    break
                message = json.loads(data)
                if message.get("op") == "kill":
                    killed = True
                    os.kill(pid, signal.SIGKILL)
                elif message.get("op") == "budget":
                    budget = message.get("cpu")
                    budget_ends = None if budget is None else _cpu_used(pid, sandboxed) + float(budget)
            if budget_ends is not None and _cpu_used(pid, sandboxed) > budget_ends:
                over_budget, budget_ends = budget, None
                try:        # reaped below, like any child that ended
                    os.kill(-1, signal.SIGKILL) if sandboxed else os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        try:
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            code = None
        os.close(pidfd)
        _end_everything_but_me(pid, sandboxed)
        if hung_up:
            return
        clean = _state(sandboxed) == baseline
        report = {"exited": code, "killed": killed, "clean": clean}
        if over_budget is not None:
            report["over_budget"] = over_budget
        ctrl.send(json.dumps(report).encode())
        if not clean:
            return


def main():
    # Keep the protocol on private descriptors: whatever the student's code prints goes to
    # the captured stdout/stderr files instead and can never corrupt a message.
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)
    serve(proto_in, proto_out)


if __name__ == "__main__":
    if len(sys.argv) in (4, 5) and sys.argv[1] == "--zygote":
        zygote(int(sys.argv[2]), sys.argv[3] == "sandboxed", tuple(filter(None, "".join(sys.argv[4:]).split(","))))
    else:
        main()
