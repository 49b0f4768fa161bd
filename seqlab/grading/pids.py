"""A cap on the number of processes one sandbox may run (fork bombs).

Preferred: a ``pids`` cgroup per student process (cgroup v1 ``/sys/fs/cgroup/pids`` or v2
``/sys/fs/cgroup``), created when the grader may create one (e.g. running as root, as CI does).
Otherwise ``RLIMIT_NPROC``, which counts all processes of the grader's user, so the limit is set
to what that user already runs plus the allowance. (For root, RLIMIT_NPROC is not enforced by
the kernel, which is why the cgroup comes first.) Either way the sandbox's PID namespace and the
per-call timeout end everything it started.
"""
import atexit
import multiprocessing.util
import os
import resource
import time
import uuid

CANDIDATES = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")


def _pids_root():
    for root in CANDIDATES:
        if os.path.exists(os.path.join(root, "pids.max")) or os.path.exists(os.path.join(root, "cgroup.procs")):
            controllers = os.path.join(root, "cgroup.controllers")
            if root == "/sys/fs/cgroup" and (not os.path.exists(controllers) or "pids" not in open(controllers).read()):
                continue
            if os.access(root, os.W_OK):
                return root
    return None


def create_group(max_processes):
    """A fresh pids cgroup limited to ``max_processes``, or None if none can be made here."""
    root = _pids_root()
    if root is None:
        return None
    _sweep()
    path = os.path.join(root, f"seqlab-{uuid.uuid4().hex[:12]}")
    try:
        os.mkdir(path)
        with open(os.path.join(path, "pids.max"), "w") as f:
            f.write(str(max_processes))
    except OSError:
        try:
            os.rmdir(path)
        except OSError:
            pass
        return None
    return path


def enter_group(path):
    """In the child, before exec: move this process into the cgroup (its children follow)."""
    with open(os.path.join(path, "cgroup.procs"), "w") as f:
        f.write(str(os.getpid()))


_busy = []          # groups whose last processes were still exiting when they were removed


def remove_group(path):
    """Remove the cgroup, or (its processes were just killed and are still exiting) leave it
    for the next :func:`create_group` or the end of this process, instead of waiting here."""
    if path and not _try_rmdir(path):
        _busy.append(path)
        at_exit(_sweep, 2.0, priority=0)


def _try_rmdir(path):
    try:
        os.rmdir(path)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _sweep(wait_s=0.0):
    """Remove the groups left busy earlier (waiting up to ``wait_s`` for them to empty)."""
    deadline = time.monotonic() + wait_s
    while _busy:
        _busy[:] = [p for p in _busy if not _try_rmdir(p)]
        if not _busy or time.monotonic() > deadline:
            return
        time.sleep(0.01)


_registered = set()


def at_exit(fn, *args, priority=0):
    """Run ``fn(*args)`` when this process ends, once: at interpreter exit, and also when it is a
    multiprocessing worker (those end with ``os._exit``; only their finalizers run, highest
    ``priority`` first)."""
    key = (os.getpid(), fn)
    if key in _registered:
        return
    _registered.add(key)
    pid = os.getpid()
    atexit.register(lambda: os.getpid() == pid and fn(*args))
    multiprocessing.util.Finalize(None, fn, args=args, exitpriority=priority)


def user_process_count():
    uid = os.getuid()
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid == uid:
                count += 1
        except OSError:
            pass
    return count


def rlimit_fallback(max_processes, existing):
    """In the child, before exec: RLIMIT_NPROC = what the user runs already + the allowance."""
    limit = existing + max_processes
    resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))
