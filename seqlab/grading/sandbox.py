"""Where student code runs: inside a bubblewrap sandbox, or (trusted settings only) not.

The sandbox (``bwrap``) gives the student process its own user, PID, network, IPC and mount
namespaces. It sees, read-only, only the system's libraries, the Python installation and the
virtual environment, and ``worker.py``; it can write only two small in-memory folders
(``/home/student``, its working directory, and ``/tmp``), which vanish with it, and bwrap's
``/dev`` unless the caller asks for a read-only ``/dev`` with a small ``/dev/shm`` (the student
process and the notebook kernel do; the kernel adds a small folder for its sockets:
``seqlab/preprocessors/kernel.py``). It has no network, runs as an unprivileged user (so the
process limit holds), cannot see ``source/``, ``solutions/``, ``tests/``, the gradebook or any
submission, and every process it starts dies with it (``--unshare-pid --die-with-parent``).

Where bubblewrap cannot run (not installed, no user namespaces, another OS), grading refuses
with :class:`SandboxUnavailable`. The one documented opt-out, for trusted code only, is
``c.Seqlab.sandbox = "none"`` in ``nbgrader_config.py`` (``OPT_OUT``, which the refusal names).
"""
import functools
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

HOME = "/home/student"
WORKER_IN_SANDBOX = "/opt/seqlab/worker.py"
UNPRIVILEGED = 65534          # "nobody": used when the grader itself runs as root


class SandboxUnavailable(RuntimeError):
    """Student code must run sandboxed, and the sandbox cannot start here."""


def _python_roots():
    """Folders the interpreter needs: its installation and the virtual environment."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    exe = Path(sys.executable)
    roots.add(exe.resolve().parent.parent)
    return sorted(str(r) for r in roots)


def bwrap_command(inner, worker=None, tmp_mb=64, extra_binds=(), chdir=None, extra_tmpfs=(), info_fd=None,
                  dev_shm_mb=64):
    """The bwrap argument list that runs ``inner`` (an argv) inside the sandbox.

    ``worker`` is bound read-only at ``WORKER_IN_SANDBOX``; ``extra_binds`` are
    ``(flag, source, dest)`` triples (e.g. the kernel's connection file); ``extra_tmpfs`` are
    ``(dest, megabytes)`` pairs, more size-limited in-memory folders (e.g. the kernel's socket
    folder), mounted before the binds so that a bind may go inside one; ``info_fd``, an open file
    descriptor the caller passes to bwrap, receives bwrap's JSON status with ``child-pid`` (the
    host's PID of the sandbox's first process, whose ``/proc/<pid>/root`` is the sandbox's root);
    bwrap's ``/dev`` (an unbounded in-memory folder) is read-only and ``/dev/shm`` an in-memory
    folder of ``dev_shm_mb`` MiB, so that every writable place has a size;
    ``chdir`` defaults to the in-memory home.
    """
    size = str(tmp_mb << 20)
    # Order matters: later mounts cover earlier ones. The in-memory /tmp and HOME come first,
    # so an interpreter or venv that lives under /tmp (a fresh clone there) stays visible.
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session"]
    if info_fd is not None:
        cmd += ["--info-fd", str(info_fd)]
    cmd += ["--ro-bind", "/usr", "/usr"]
    for top in ("/lib", "/lib64", "/bin", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    cmd += ["--proc", "/proc", "--dev", "/dev",
            "--size", size, "--tmpfs", "/tmp",
            "--size", size, "--tmpfs", HOME]
    cmd += ["--size", str(int(dev_shm_mb * (1 << 20))), "--tmpfs", "/dev/shm"]
    for dest, mb in extra_tmpfs:
        cmd += ["--size", str(int(mb * (1 << 20))), "--tmpfs", dest]
    for root in _python_roots():
        cmd += ["--ro-bind", root, root]
    cmd += ["--ro-bind-try", "/etc/fonts", "/etc/fonts"]      # matplotlib in the kernel
    if worker is not None:
        cmd += ["--ro-bind", str(worker), WORKER_IN_SANDBOX]
    for flag, src, dest in extra_binds:
        cmd += [flag, src, dest]
    cmd += ["--chdir", chdir or HOME,
            "--hostname", "sandbox", "--clearenv",
            "--setenv", "HOME", HOME, "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8"]
    if os.geteuid() == 0:
        cmd += ["--uid", str(UNPRIVILEGED), "--gid", str(UNPRIVILEGED)]
    cmd += ["--remount-ro", "/dev"]       # device nodes are their own mounts and stay usable
    cmd += ["--remount-ro", "/"]          # the sandbox's root stays read-only: only the tmpfs folders and binds
    return cmd + ["--"] + inner


def preexec(limits, cgroup, processes):
    """What runs in a sandbox's first process before ``exec``: the address-space and file-size
    limits of ``limits``, no core dumps, and at most ``processes`` processes (its pids
    ``cgroup``, else RLIMIT_NPROC on top of what this user already runs; root has neither
    without a cgroup, and relies on the PID namespace and the timeouts)."""
    from . import pids
    existing = 0 if cgroup or os.getuid() == 0 else pids.user_process_count()

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if cgroup:
            pids.enter_group(cgroup)
        elif os.getuid() != 0:
            pids.rlimit_fallback(processes, existing)
    return apply


@functools.lru_cache(maxsize=None)
def check_available():
    """Raise :class:`SandboxUnavailable` with a clear reason unless bwrap works here."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(f"the sandbox needs Linux (this is {sys.platform})")
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable("bubblewrap (`bwrap`) is not installed: run scripts/bootstrap as root, "
                                 "or `sudo apt-get install bubblewrap`")
    probe = bwrap_command([sys.executable, "-I", "-c", "import numpy"], Path(__file__).with_name("worker.py"))
    proc = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise SandboxUnavailable("bubblewrap cannot start a sandbox here "
                                 f"({(proc.stderr or proc.stdout).strip()[:300]}); user namespaces may be disabled")
    return True


# The one setting that turns the sandbox off (seqlab.config.Seqlab.sandbox); the refusal names it.
OPT_OUT = 'c.Seqlab.sandbox = "none"'


def refusal(err):
    return (f"seqlab will not run student code outside its sandbox: {err}.\n"
            f"Fix that, or — only for code you trust — set {OPT_OUT} in nbgrader_config.py.")


def require(limits):
    """Raise :class:`SandboxUnavailable` saying why and what to do, unless ``limits`` runs student
    code outside the sandbox (``sandbox == "none"``) or the sandbox works here."""
    if limits.sandbox != "bwrap":
        return
    try:
        check_available()
    except SandboxUnavailable as err:
        raise SandboxUnavailable(refusal(err)) from None
