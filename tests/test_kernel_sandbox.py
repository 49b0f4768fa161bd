"""The notebook kernel's sandbox (seqlab.preprocessors.kernel.SandboxedKernelManager).

The kernel may write only to size-limited in-memory folders of its sandbox — including the
folder of its ZeroMQ sockets, which the grader reaches through ``/proc/<pid>/root`` — and leaves
nothing on the host. Interrupts (a message on the control socket) and restarts work. Links the
kernel puts in place of its sockets are never followed by the grader.
"""
import asyncio
import json
import os
import socket
import threading
import time
import uuid

import pytest
from jupyter_client.session import Session

from seqlab.grading.sandbox import SandboxUnavailable, check_available
from seqlab.preprocessors.kernel import SOCKET_DIR, SandboxedKernelManager
from tests.processes import running

pytestmark = pytest.mark.slow      # starts sandboxed kernels: make test, not make check

try:
    check_available()
except SandboxUnavailable as err:
    pytest.skip(f"no sandbox here: {err}", allow_module_level=True)

MAX_TMPFS = 64 << 20


async def started(cwd, km=None):
    """(kernel manager, client) of a sandboxed kernel started in ``cwd`` and ready."""
    km = km or SandboxedKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


class Kernel:
    """A sandboxed kernel and a client, for one test."""

    def __init__(self, cwd):
        self.km = SandboxedKernelManager(kernel_name="python3")
        self.cwd = cwd

    async def __aenter__(self):
        self.km, self.kc = await started(self.cwd, self.km)
        return self

    async def __aexit__(self, *exc):
        self.kc.stop_channels()
        await self.km.shutdown_kernel()

    async def run(self, code, timeout=30):
        """(stdout text, error name or None) of one execution."""
        msg_id = self.kc.execute(code)
        out, error = [], None
        while True:
            msg = await self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                error = msg["content"]["ename"]
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return "".join(out), error


MOUNTS = r'''
import json, os
rw = []
for line in open("/proc/self/mountinfo"):
    left, right = line.split(" - ", 1)
    fields, (fstype, _, super_opts) = left.split(), right.split()
    if "rw" in fields[5].split(","):
        rw.append([fields[4], fstype, super_opts, os.path.isdir(fields[4])])
print(json.dumps(rw))
'''


def test_kernel_writes_only_small_in_memory_folders_and_leaves_nothing_on_the_host(tmp_path):
    async def main():
        async with Kernel(tmp_path) as k:
            out, err = await k.run(MOUNTS)
            assert err is None, out
            host_dir = k.km._host_dir
            seen, _ = await k.run(f"import os, sys\nprint(os.path.exists({host_dir!r}), sys.argv[-1])\n"
                                  f"try:\n    open(sys.argv[-1], 'a')\nexcept OSError as e:\n    print('read-only')")
            return json.loads(out), host_dir, seen
    mounts, host_dir, seen = asyncio.run(main())
    folders = {m[0]: m for m in mounts if m[3] and m[1] not in ("proc", "devpts")}
    assert set(folders) == {"/tmp", "/home/student", "/dev/shm", SOCKET_DIR}, mounts
    for point, fstype, opts, _ in folders.values():
        size = next(o for o in opts.split(",") if o.startswith("size="))
        assert fstype == "tmpfs" and int(size[5:-1]) << 10 <= MAX_TMPFS, (point, fstype, opts)
    # the device nodes (files) stay usable; /dev itself is read-only
    assert all(m[0].startswith("/dev/") for m in mounts if not m[3]), mounts
    assert seen.split() == ["False", f"{SOCKET_DIR}/connection.json", "read-only"]
    assert not os.path.exists(host_dir)


FONTS = r'''
import io, json, logging, os
log = io.StringIO()
logger = logging.getLogger("matplotlib.font_manager")
logger.addHandler(logging.StreamHandler(log))
logger.setLevel(logging.DEBUG)
import matplotlib, matplotlib.font_manager as fm
path = os.path.join(matplotlib.get_cachedir(), f"fontlist-v{fm.FontManager.__version__}.json")
try:
    open(path, "a").close()
    writable = True
except OSError:
    writable = False
print(json.dumps({"log": log.getvalue(), "writable": writable, "fonts": len(fm.fontManager.ttflist)}))
'''


def test_matplotlib_reads_the_font_list_built_once_and_cannot_change_it(tmp_path):
    """Each kernel's HOME is empty, so matplotlib would scan the system's fonts for every
    submission; the font list is built once (seqlab/grading/fonts.py) and bound read-only."""
    async def main():
        seen = []
        for _ in range(2):       # the second kernel reads what the first could not change
            async with Kernel(tmp_path) as k:
                out, err = await k.run(FONTS)
                assert err is None, out
                seen.append(json.loads(out))
        return seen
    for kernel in asyncio.run(main()):
        assert "Using fontManager instance from /home/student/.cache/matplotlib/" in kernel["log"], kernel["log"]
        assert "generated new fontManager" not in kernel["log"]
        assert not kernel["writable"]
        assert kernel["fonts"] > 0


def test_interrupt_and_restart_work(tmp_path):
    async def main():
        async with Kernel(tmp_path) as k:
            msg_id = k.kc.execute("import time\nfor _ in range(300):\n    time.sleep(0.1)\nprint('not interrupted')")
            await asyncio.sleep(1.0)
            await k.km.interrupt_kernel()
            error = None
            while True:
                msg = await k.kc.get_iopub_msg(timeout=15)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    error = msg["content"]["ename"]
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            await k.run("x = 42")
            await k.km.restart_kernel()
            await k.kc.wait_for_ready(timeout=60)
            out, _ = await k.run("print('x' in dir())")       # the same client, a fresh kernel
            return error, out
    error, out = asyncio.run(main())
    assert error == "KeyboardInterrupt"
    assert out.strip() == "False"


def test_a_kernel_that_dies_leaves_nothing_on_the_host(tmp_path):
    """nbclient ends a dead kernel with ``km.cleanup_resources()`` alone (no shutdown)."""
    async def main():
        km, kc = await started(tmp_path)
        kc.execute("import os; os._exit(3)")
        for _ in range(100):
            if not await km.is_alive():
                break
            await asyncio.sleep(0.1)
        alive = await km.is_alive()
        await km.cleanup_resources()
        kc.stop_channels()
        return alive, km._host_dir, km._socket_fds
    alive, host_dir, fds = asyncio.run(main())
    assert not alive
    assert not os.path.exists(host_dir) and fds == []


def test_links_the_kernel_puts_in_place_of_its_sockets_are_not_followed(tmp_path):
    """A link found under /proc/<pid>/root is resolved on the host: the kernel could point the
    grader at any host socket. The grader connects through descriptors of the sockets it found."""
    host_sock = tmp_path / "host.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(host_sock))
    server.listen(8)
    server.settimeout(0.2)
    hits, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(1)
                conn.close()
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    plant = (f"import os\nd = {SOCKET_DIR!r}\nfor n in os.listdir(d):\n    if n.startswith('k-'):\n"
             f"        os.remove(os.path.join(d, n))\n        os.symlink({str(host_sock)!r}, os.path.join(d, n))\n"
             "print(sorted(n for n in os.listdir(d) if os.path.islink(os.path.join(d, n))))")

    async def main():
        async with Kernel(tmp_path) as k:
            out, err = await k.run(plant)
            assert err is None and out.count("k-") == 5, out
            planted = os.path.islink(f"/proc/{k.km.sandbox_pid}/root{SOCKET_DIR}/k-1")   # what a path would follow
            # a second client (a session of its own) connects now, after the links were planted
            fresh = k.km.client(session=Session(key=k.km.session.key))
            fresh.start_channels()
            try:
                reply = await fresh.kernel_info(reply=True, timeout=20)
            finally:
                fresh.stop_channels()
            out, _ = await k.run("print('still here')")
            await asyncio.sleep(0.5)
            return reply, out, planted
    try:
        reply, out, planted = asyncio.run(main())
    finally:
        stop.set()
        thread.join()
        server.close()
    assert planted
    assert reply["content"]["status"] == "ok"
    assert out.strip() == "still here"
    assert not hits, "the grader connected to the host socket the kernel's links point to"


def test_a_kernel_ended_at_once_leaves_no_process_and_nothing_on_the_host(tmp_path):
    """The autograde's Execute ends each kernel at once (``shutdown_kernel = "immediate"``): what the
    kernel started, even in a session of its own, ends with it, and its host folder is gone."""
    from seqlab.preprocessors.execute import Execute
    assert Execute().shutdown_kernel == "immediate"
    marker = f"{uuid.uuid4().int % 10 ** 6 + 1000}.25"          # a sleep that only this test starts

    async def main():
        km, kc = await started(tmp_path)
        kc.execute(f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], start_new_session=True)")
        deadline = time.monotonic() + 30
        while not running("sleep", marker) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        children = running("sleep", marker)
        await km.shutdown_kernel(now=True)
        kc.stop_channels()
        return children, km._host_dir
    children, host_dir = asyncio.run(main())
    assert children, "the kernel's child never appeared"
    deadline = time.monotonic() + 5
    while running("sleep", marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running("sleep", marker)
    assert not os.path.exists(host_dir)
