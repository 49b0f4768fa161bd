"""The student-side process: runs a submission's code and answers calls, nothing else.

This file is deliberately self-contained (stdlib + numpy) so that it can run in an isolated
interpreter (``python -I``) that sees none of ``seqlab``, ``solutions/`` or ``tests/``.
It never receives reference outputs: it gets the student's cell sources and the *inputs* of
each call, and sends back plain values. All judging happens in the trusted process.

Wire format (both directions): a frame is a 4-byte big-endian length, then a JSON header of
that length, then the raw bytes of every array the header mentions, each preceded by its own
4-byte length. Only numbers, strings, None, lists, tuples, str-keyed dicts and numeric arrays
travel, so decoding never runs code (no pickle). One kind of callable travels as data: a
:class:`ScriptedStep` (a decoding step function given as a table of logits), which the
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


def _to_array(obj):
    """A genuine numpy array from an ndarray, a numpy scalar or a torch tensor, else None."""
    if isinstance(obj, np.ndarray) or isinstance(obj, np.generic):
        return np.array(obj, copy=True, order="C")
    if type(obj).__module__.startswith("torch") and hasattr(obj, "detach"):
        return np.array(obj.detach().cpu().numpy(), copy=True, order="C")
    return None


def _encode(value, blobs):
    if value is None or type(value) in (bool, int, float, str):
        return value
    arr = _to_array(value)
    if arr is not None:
        if arr.dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"an array of dtype {arr.dtype} (not numbers)")
        blobs.append(arr.tobytes())
        return {"__nd__": len(blobs) - 1, "dtype": arr.dtype.str, "shape": list(arr.shape)}
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


def _decode(node, blobs, writable=True):
    if isinstance(node, list):
        return [_decode(v, blobs, writable) for v in node]
    if not isinstance(node, dict):
        return node
    if "__nd__" in node:
        dtype = np.dtype(str(node["dtype"]))
        if dtype.kind not in _NUMERIC_KINDS:
            raise WireError(f"refusing dtype {dtype}")
        shape = tuple(int(s) for s in node["shape"])
        arr = np.frombuffer(blobs[int(node["__nd__"])], dtype=dtype).reshape(shape)
        return arr.copy() if writable else arr
    if "__tuple__" in node:
        return tuple(_decode(v, blobs, writable) for v in node["__tuple__"])
    if "__dict__" in node:
        return {str(k): _decode(v, blobs, writable) for k, v in node["__dict__"].items()}
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


def read_message(read, max_header=16 << 20, max_blobs=256 << 20, writable=True):
    """Decode one frame, reading bytes with ``read(n)`` (which returns exactly n bytes).

    ``writable=False`` leaves arrays read-only: the student process receives its inputs that
    way, so a function that changes its inputs in place fails in its own code.
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
    message = _decode(header, blobs, writable)
    if not isinstance(message, dict):
        raise WireError("not a message")
    return message


def read_frame(stream, writable=True):
    """Read one frame from a binary stream and decode it; EOFError when the stream ends."""
    return read_message(lambda n: _read_exact(stream, n), writable=writable)


def read_frame_bytes(data):
    """Decode one frame held in memory."""
    import io
    return read_frame(io.BytesIO(data))


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


def serve(proto_in, proto_out):
    """Run cells, then answer calls until the trusted side closes the channel."""
    send = _send_reply          # bound now: student code rebinding the module's name changes nothing
    namespace = {"__name__": "__main__", "np": np, "numpy": np}
    setup = read_frame(proto_in)
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
    while True:
        try:
            request = read_frame(proto_in, writable=False)
        except EOFError:
            return
        if "get" in request:         # the value bound to a name (quiz answers)
            name = request["get"]
            if name not in namespace:
                reply = {"ok": False, "kind": "missing", "error": {"type": "NameError",
                         "message": f"{name} is not defined", "where": []}}
            else:
                reply = {"ok": True, "value": namespace[name], "args_after": []}
            send(proto_out, reply)
            continue
        fn = namespace.get(request["fn"])
        if not callable(fn):
            reply = {"ok": False, "kind": "missing", "error": {"type": "NameError",
                     "message": f"{request['fn']} is not defined", "where": []}}
        else:
            args = request["args"]
            try:
                with _catch_warnings(record=True) as caught:
                    _simplefilter("always")
                    with _errstate(all="warn"):
                        value = fn(*args)
                reply = {"ok": True, "value": value, "args_after": list(args),
                         "warnings": [f"{w.category.__name__}: {w.message}"[:200] for w in caught[:5]]}
            except BaseException as exc:  # noqa: B036 - SystemExit, KeyboardInterrupt too
                reply = {"ok": False, "kind": "exception", "error": _describe_exception(exc)}
        send(proto_out, reply)


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
        main()
    finally:
        os._exit(0)


def zygote(ctrl_fd, sandboxed):
    """A warm parent (numpy imported) that forks one fresh student process per request.

    Control channel: a SOCK_SEQPACKET socket. The grader sends ``{"op": "spawn"}`` with the
    child's stdin, stdout and stderr descriptors; the zygote answers ``{"spawned": true}``, later
    ``{"exited": code, "clean": bool}`` once the child and everything it started are gone
    (``{"op": "kill"}`` ends them early). If a child left anything behind (a process that would
    not die, a file in /tmp or HOME, an IPC object), the zygote reports ``clean: false`` and
    exits, so the next submission gets a new sandbox. Nothing of one child reaches the next.
    """
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
        while True:
            ready = select.select([ctrl, pidfd], [], [])[0]
            if pidfd in ready:
                break
            data, extra, _, _ = socket.recv_fds(ctrl, 1 << 16, 3)
            for fd in extra:
                os.close(fd)
            if not data:
                hung_up = True
                break
            if json.loads(data).get("op") == "kill":
                killed = True
                os.kill(pid, signal.SIGKILL)
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
        ctrl.send(json.dumps({"exited": code, "killed": killed, "clean": clean}).encode())
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
    if len(sys.argv) == 4 and sys.argv[1] == "--zygote":
        zygote(int(sys.argv[2]), sys.argv[3] == "sandboxed")
    else:
        main()
