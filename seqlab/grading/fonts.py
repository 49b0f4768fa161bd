"""matplotlib's font list, built once per grading process and shared read-only by every kernel.

The first time matplotlib is imported where its cache folder is empty, it scans the system's fonts
and writes ``~/.cache/matplotlib/fontlist-v<n>.json``. A sandboxed kernel's ``HOME`` is a fresh
in-memory folder, so every submission's first picture paid for that scan again: 0.5 s of about
5 s per recurrent submission on these machines (``import matplotlib.pyplot`` and one figure in the
sandbox: 1.55 s without the list, 1.05 s with it).

:func:`font_list` builds the list once, with the kernel's own interpreter inside the same sandbox
(so it names the fonts the kernel sees, at the paths it sees them), and no student code runs while
it does. The kernel manager binds the file **read-only** at the same place in every kernel's
``HOME``: a student's kernel cannot change what the next kernel reads. Where the list cannot be
built (no matplotlib for that interpreter, a kernel that is not Python), kernels go on as before
and build their own.
"""
import atexit
import functools
import os
import shutil
import subprocess
import tempfile

from .sandbox import HOME, bwrap_command

CACHE_IN_SANDBOX = f"{HOME}/.cache/matplotlib"     # matplotlib.get_cachedir() with HOME set and no XDG_CACHE_HOME
BUILD_TIMEOUT_S = 120


@functools.lru_cache(maxsize=None)
def font_list(python):
    """``(host file, file in the sandbox)`` of matplotlib's font list as ``python`` builds it in
    the sandbox, or None if it cannot (no matplotlib, not a Python, the build failed or took more
    than ``BUILD_TIMEOUT_S``). Built at most once per process and interpreter; the host file is
    removed when the process exits."""
    folder = tempfile.mkdtemp(prefix="seqlab-fonts-")
    atexit.register(shutil.rmtree, folder, True)
    cmd = bwrap_command([python, "-I", "-c", "import matplotlib.font_manager"],
                        extra_binds=[("--bind", folder, CACHE_IN_SANDBOX)])
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=BUILD_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return None
    names = [n for n in os.listdir(folder) if n.startswith("fontlist-") and n.endswith(".json")]
    if proc.returncode != 0 or len(names) != 1:
        return None
    return os.path.join(folder, names[0]), f"{CACHE_IN_SANDBOX}/{names[0]}"
