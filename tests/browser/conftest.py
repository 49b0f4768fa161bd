"""Fixtures for the browser tests: what students and instructors see, in a real browser.

- ``lab``: JupyterLab (with nbgrader's extensions, as instructors and students run it) serving a
  throwaway copy of the course, on loopback, on a free port, behind a random token; shut down
  afterwards through its own API, and checked to leave no process behind (server, kernels).
- ``page``: a page of Debian's headless Chromium, driven by Playwright, with a fresh profile.
  Playwright cannot download its own browser here; ``scripts/bootstrap`` installs ``chromium``.

Tests wait on what the page shows (Playwright's ``expect``), never on fixed sleeps.

``screenshot(page, name)`` saves what the page shows as ``<name>.png`` in the folder of the
environment variable ``SEQLAB_SCREENSHOTS`` (relative to the repository, e.g. ``docs/img``, the
pictures of ``docs/term.md``), and does nothing when it is not set: a test run leaves the tree as it was.
"""
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.course_copy import copy_course

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Generous: two shared cores; the first JupyterLab page load alone takes ~15 s there.
TIMEOUT_MS = 120_000
START_TIMEOUT_S = 120


@dataclass
class Lab:
    url: str          # http://127.0.0.1:<port>
    token: str
    course: object    # seqlab.course.Course of the copy it serves
    process: subprocess.Popen

    def link(self, path):
        """Address of ``path`` (e.g. ``lab/tree/release/...``) with the token."""
        return f"{self.url}/{path.lstrip('/')}?token={self.token}"

    def api(self, method, path, timeout=30):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_for_kernel(self, path, timeout=TIMEOUT_MS / 1000):
        """Until the server has a session for ``path`` whose kernel is idle (the page opened it)."""
        deadline = time.monotonic() + timeout
        while True:
            states = [s["kernel"]["execution_state"] for s in self.api("GET", "sessions") if s.get("path") == path]
            if "idle" in states:
                return
            assert time.monotonic() < deadline, f"no idle kernel for {path} after {timeout} s (states: {states})"
            time.sleep(0.25)


def screenshot(page, name, **kwargs):
    """``page.screenshot`` into ``$SEQLAB_SCREENSHOTS/<name>.png`` when that variable is set."""
    folder = os.environ.get("SEQLAB_SCREENSHOTS")
    if not folder:
        return None
    path = ROOT / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), **kwargs)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid):
    """Every process whose parent chain leads to ``pid`` (kernels have their own session, same parent)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the course, as ``jupyter lab`` run in the course folder starts it."""
    base = tmp_path_factory.mktemp("lab")
    course = copy_course(base / "course")
    env = course.env()                              # the venv's bin/ on PATH: nbgrader runs alembic
    for var, sub in [("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")]:
        env[var] = str(base / sub)                  # nothing of the tester's own ~/.jupyter is used or changed
    # Every cell in the page (JupyterLab 4 otherwise renders only those near the view, and a test
    # could not reach a quiz question further down).
    tracker = base / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    # No "Would you like to get notified about official Jupyter news?" toast over the page.
    notification = base / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    token = secrets.token_hex(16)
    port = free_port()
    log = open(base / "jupyterlab.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course.root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=course.root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Lab(f"http://127.0.0.1:{port}", token, course, process)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited ({process.returncode}):\n{(base / 'jupyterlab.log').read_text()[-3000:]}")
        try:
            server.api("GET", "status", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"JupyterLab did not answer in {START_TIMEOUT_S} s:\n"
                            f"{(base / 'jupyterlab.log').read_text()[-3000:]}")
            time.sleep(0.2)
    try:
        yield server
    finally:
        started = [process.pid] + descendants(process.pid)
        try:
            server.api("POST", "shutdown")          # stops its kernels, then itself
            process.wait(timeout=30)
        except Exception:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        stray = [pid for pid in started if alive(pid)]
        for pid in stray:
            os.kill(pid, signal.SIGKILL)
        assert not stray, f"JupyterLab left processes behind: {stray}"


@pytest.fixture(scope="package")
def playwright():
    from playwright.sync_api import expect, sync_playwright
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap as root, or apt-get install chromium")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        yield p


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(playwright, tmp_path, request):
    """A page of a fresh headless Chromium (its own new profile). When the test fails, what the
    page showed is kept: a screenshot and its text, named in the failure report."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.pages[0] if context.pages else context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            try:
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=False)
                (tmp_path / "failure.txt").write_text(page.locator("body").inner_text(timeout=10_000))
                report.sections.append(("page at failure", f"{tmp_path / 'failure.png'}, {tmp_path / 'failure.txt'}"))
            except Exception as err:            # the page itself may be what broke
                report.sections.append(("page at failure", f"not captured: {err}"))
        context.close()


@pytest.fixture
def fresh_kernels(lab):
    """Each test starts without kernels from an earlier test (a reopened notebook joins its session)."""
    yield
    for session in lab.api("GET", "sessions"):
        lab.api("DELETE", f"sessions/{session['id']}")
