"""Grading integrity (issue 5): student code cannot change its grade, see the answers, or harm the course.

Every attack of ``tests/attacks.py`` (the catalogue, with what stops each one) is a submission of
the recurrent assignment. The whole class — all attackers plus honest students (full marks,
partial credit, and a full-marks "canary" whose id sorts after everyone) and a bystander who
already has grades in the gradebook — is graded in ONE run per grading path, with a fixed seed:

* ``nbgrader``: plain ``nbgrader autograde recurrent --force --create`` with the course config
  (sandboxed real kernel + RunHiddenChecks), then ``nbgrader generate_feedback``;
* ``fast``: ``seqlab.autograde.autograde(...)`` (parallel hidden checks, nbgrader's converter).

Both run at the same time on two copies of one prepared course (about 4 minutes in all on two
cores, most of it nbgrader's kernel per submission). The copies' ``nbgrader_config.py`` differs
from the course's in one line: ``call_timeout`` is 3 s instead of 5 s, so that the loop and
sleep attacks cost less time.

For each attack and path: the attacker gained nothing (no test cell above its twin — the same
submission without the payload — checked by the same hidden checks and seed; what it broke
scores 0; with ``exact``, the rest keeps exactly its twin's points), and nothing it tried
succeeded (no ``ATK-OK`` in any output, no solution or check code, no gradebook bytes). For the
run as a whole: the honest students kept exactly their grades, the bystander's gradebook rows
and the assignment's definitions are unchanged, no course or repository file changed outside
autograded/ and feedback/, no process an attacker started is alive afterwards, nothing reached
the test's network server, no submission stalled grading (a watchdog ends sandboxed processes
that outlive any legitimate use and records it), the fast path's batch completed, and the
feedback shows no hidden test code, reference code or expected values.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from seqlab.course import Course
from tests.course_copy import ROOT
from seqlab.grading.impl import NotebookImpl
from seqlab.grading.notebook import test_cells as graded_cells
from seqlab.grading.render import score as weighted_score
from seqlab.grading.runner import run_checks
from seqlab.grading.student import Limits
from tests import attacks as A
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow      # grades course copies: make test, not make check

SEED = 515151
CALL_TIMEOUT = 3.0
WORKER_WATCHDOG_S = 15.0     # no legitimate student process lives this long here
KERNEL_WATCHDOG_S = 120.0
NBGRADER_TIMEOUT_S = 480
# drip-cells' check time: its cells get 3 × call_timeout in all (2 across restarts, then one more for
# the cells that finished); with no shared budget they would sleep DRIP_CELLS × 0.9 × call_timeout.
# The test's limit lies halfway between the two, plus what grading an honest submission costs in the
# same run (so it follows the machine's load) for each of the three process starts: a load that
# slows every process start by seconds (seen: 4.5 s over the 9 s) cannot fail it, and a grader that
# gives each cell its own call_timeout cannot pass it.
DRIP_CELLS_S = 3 * CALL_TIMEOUT
PATHS = ["nbgrader", "fast"]
# Holes known and not yet closed. Each test still runs and MUST fail (strict xfail), so closing a
# hole shows up at once; the reason says what is open and the fix proposed.
KNOWN_HOLES = {}     # none open; an entry is (attack, path): "what is open, and the fix proposed"
MAX_OUTPUT_BYTES = 4 << 20     # an honest autograded notebook is about 0.25 MiB

SECRETS = {   # text that must never reach a student: reference code, check code, solution regions, gradebook
    "solutions/recurrent.py": ["Reference solutions for the recurrent assignment", "def _affine(x_t, h_prev, params, gate)"],
    "tests/checks/test_recurrent.py": ["Hidden checks of the recurrent assignment", "def test_lstm_gates_values",
                                       "from solutions import recurrent as ref", "def _lstm_gate_variants"],
    "source notebook": ["### BEGIN SOLUTION", "np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))"],
    "gradebook": ["SQLite format 3", "bystander"],
}
CHECK_CODE = SECRETS["tests/checks/test_recurrent.py"] + ["ref.lstm", "expect_close(", "BEGIN HIDDEN TESTS"]


# =========================================================================== the run
@dataclass
class Run:
    path: str
    course: Course
    scores: dict = field(default_factory=dict)      # student -> {grade_id: score} (None: no submission)
    max_scores: dict = field(default_factory=dict)  # student -> max score of its submission
    outputs: dict = field(default_factory=dict)     # student -> text of every output of its autograded notebook
    metadata: dict = field(default_factory=dict)    # student -> autograded notebook metadata
    sizes: dict = field(default_factory=dict)       # student -> bytes of its autograded notebook
    feedback: dict = field(default_factory=dict)    # student -> feedback HTML (nbgrader path)
    seconds: float = 0.0
    log: str = ""
    error: str = ""                                 # the batch itself failed (fast path: the exception)
    culprits: dict = field(default_factory=dict)    # fast path: student -> exception its check run raised
    left_ungraded: list = field(default_factory=list)   # fast path: submissions an aborted batch left ungraded
    check_seconds: dict = field(default_factory=dict)
    snapshot_before: dict = field(default_factory=dict)
    snapshot_after: dict = field(default_factory=dict)
    gradebook_before: dict = field(default_factory=dict)
    gradebook_after: dict = field(default_factory=dict)


@dataclass
class Lab:
    ctx: A.Context
    attacks: list
    students: list
    twins: dict            # attack/honest student -> {grade_id: points}
    points: dict           # grade_id -> max points
    runs: dict             # path -> Run
    watchdog: list         # processes the watchdog had to end
    survivors: list        # processes carrying the marker after grading
    connections: list      # what reached the test server
    repo_findings: list    # marker or damage found in the repository / venv / host /tmp
    seconds: float


class Server:
    """TCP and UDP on all interfaces and an abstract unix socket, recording whatever arrives."""

    def __init__(self, marker):
        self.hits = []
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind(("0.0.0.0", 0))
        self.tcp.listen(16)
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("0.0.0.0", self.port))
        self.unix_name = f"seqlab-attack-{marker}"
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind("\0" + self.unix_name)
        self.unix.listen(16)
        self._stop = False
        for sock, kind in ((self.tcp, "tcp"), (self.unix, "unix")):
            threading.Thread(target=self._accept, args=(sock, kind), daemon=True).start()
        threading.Thread(target=self._recv, daemon=True).start()

    def _accept(self, sock, kind):
        sock.settimeout(0.5)
        while not self._stop:
            try:
                conn, addr = sock.accept()
            except (socket.timeout, OSError):
                continue
            self.hits.append((kind, str(addr)))
            conn.close()

    def _recv(self):
        self.udp.settimeout(0.5)
        while not self._stop:
            try:
                data, addr = self.udp.recvfrom(4096)
            except (socket.timeout, OSError):
                continue
            self.hits.append(("udp", str(addr), data[:40]))

    def close(self):
        self._stop = True
        time.sleep(0.6)
        for s in (self.tcp, self.udp, self.unix):
            s.close()


def host_ip():
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.connect(("10.255.255.255", 1))       # no packet is sent: picks the outgoing interface
        ip = s.getsockname()[0]
        s.close()
        return ip
    except OSError:
        return "127.0.0.1"


# --------------------------------------------------------------------------- processes
def _stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        data = f.read()
    fields = data.rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[19])          # ppid, start time (clock ticks since boot)


def _cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode(errors="replace")


def _descends_from(pid, ancestor):
    seen = 0
    while pid > 1 and seen < 64:
        if pid == ancestor:
            return True
        pid, _ = _stat(pid)
        seen += 1
    return False


class Watchdog:
    """Ends sandboxed student processes and kernels of this test that live far longer than any
    legitimate use (a stalled grader would otherwise hang the suite), and records each one."""

    def __init__(self, nbgrader_pid_box):
        self.kills = []
        self.box = nbgrader_pid_box
        self._stop = threading.Event()
        self.hz = os.sysconf("SC_CLK_TCK")
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _uptime(self):
        with open("/proc/uptime") as f:
            return float(f.read().split()[0])

    def _loop(self):
        me = os.getpid()
        while not self._stop.wait(0.5):
            now = self._uptime()
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    pid = int(pid)
                    cmd = _cmdline(pid)
                    if "/opt/seqlab/worker.py" in cmd and "bwrap" not in cmd:
                        if _cmdline(_stat(pid)[0]).startswith("bwrap"):
                            continue     # the zygote (bwrap's child) lives as long as its grader, by design
                        limit = WORKER_WATCHDOG_S       # the student processes it forks do not
                    elif "ipykernel_launcher" in cmd and "seqlab-kernel" in cmd and "bwrap" not in cmd:
                        limit = KERNEL_WATCHDOG_S
                    else:
                        continue
                    age = now - _stat(pid)[1] / self.hz
                    if age < limit or not _descends_from(pid, me):
                        continue
                    comm = open(f"/proc/{pid}/comm").read().strip()
                    path = "nbgrader" if self.box and _descends_from(pid, self.box[0]) else "fast"
                    os.kill(pid, signal.SIGKILL)
                    self.kills.append({"path": path, "pid": pid, "comm": comm, "age": round(age, 1), "cmd": cmd[:120]})
                except (OSError, ValueError, IndexError):
                    continue

    def stop(self):
        self._stop.set()
        self.thread.join()


def processes_with(marker):
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = _cmdline(int(pid))
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmd and state != "Z" and int(pid) != os.getpid():
            out.append((int(pid), cmd[:100]))
    return out


# --------------------------------------------------------------------------- files and gradebook
def snapshot(root, skip=("autograded", "feedback", "gradebook.db")):
    out = {}
    for p in sorted(Path(root).rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] in skip or rel.name.startswith("gradebook.db") or "__pycache__" in rel.parts:
            continue
        out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


def gradebook_state(course, bystander="bystander"):
    """What grading must not change: the assignment's definition, the student list, a bystander's rows."""
    from nbgrader.api import Gradebook
    state = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        nb = gb.find_notebook(A.ASSIGNMENT, A.ASSIGNMENT)
        state["grade_cells"] = sorted((c.name, c.max_score, c.cell_type) for c in nb.grade_cells)
        state["solution_cells"] = sorted(c.name for c in nb.solution_cells)
        state["source_cells"] = sorted((c.name, c.checksum, c.locked, hashlib.sha256(c.source.encode()).hexdigest())
                                       for c in nb.source_cells)
        state["students"] = sorted(s.id for s in gb.students)
        sub = gb.find_submission_notebook(A.ASSIGNMENT, A.ASSIGNMENT, bystander)
        state["bystander"] = sorted((g.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                                    for g in sub.grades)
        state["bystander_comments"] = sorted((c.name, c.auto_comment, c.manual_comment) for c in sub.comments)
    return state


def add_bystander(course):
    """A student graded earlier (no submission in this run): their rows must survive untouched."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        gb.update_or_create_student("bystander", first_name="By", last_name="Stander")
        gb.add_submission(A.ASSIGNMENT, "bystander")
        sub = gb.find_submission_notebook(A.ASSIGNMENT, A.ASSIGNMENT, "bystander")
        for k, g in enumerate(sorted(sub.grades, key=lambda g: g.name)):
            g.auto_score = min(g.max_score, 0.25 * (k % 4))
            g.needs_manual_grade = False
        for c in sub.comments:
            c.manual_comment = "well done"
        gb.db.commit()


def read_results(run, students):
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(f"sqlite:///{run.course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        for s in students:
            try:
                sub = gb.find_submission_notebook(A.ASSIGNMENT, A.ASSIGNMENT, s)
                run.scores[s] = {g.name: g.score for g in sub.grades}
                run.max_scores[s] = sub.max_score
            except MissingEntry:
                run.scores[s] = None
    for s in students:
        path = run.course.root / "autograded" / s / A.ASSIGNMENT / f"{A.ASSIGNMENT}.ipynb"
        if path.exists():
            run.sizes[s] = path.stat().st_size
            nb = nbformat.read(path, as_version=4)
            run.metadata[s] = nb.metadata
            run.outputs[s] = "\n".join(output_text(c) for c in nb.cells if c.cell_type == "code")
        html = run.course.root / "feedback" / s / A.ASSIGNMENT / f"{A.ASSIGNMENT}.html"
        if html.exists():
            run.feedback[s] = html.read_text(encoding="utf-8", errors="replace")


def output_text(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        elif o.get("output_type") == "error":
            parts.append(f"{o.get('ename')}: {o.get('evalue')}\n" + "\n".join(o.get("traceback", [])))
        else:
            parts.extend(str(v) for v in o.get("data", {}).values())
    return "\n".join(parts)


# --------------------------------------------------------------------------- grading runs
def start_nbgrader(course, log_path):
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "nbgrader", "autograde", A.ASSIGNMENT, "--force", "--create",
                             f"--RunHiddenChecks.seed={SEED}",
                             "--Application.log_format=%(asctime)s [%(name)s | %(levelname)s] %(message)s"], cwd=course.root, env=course.env(),
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return proc, log


_SECONDS_DIR = []
_REAL_CHECK = []


def timed_check_submission(task):
    """seqlab.autograde.check_submission, noting how long each submission's check run took (in a
    file, so that it survives an aborted batch). Runs in the fast path's forked workers."""
    t = time.perf_counter()
    try:
        return _REAL_CHECK[0](task)
    finally:
        if _SECONDS_DIR:
            (Path(_SECONDS_DIR[0]) / f"{task.student}.txt").write_text(str(time.perf_counter() - t))


def run_fast(run, students, functions, limits, seconds_dir):
    from unittest import mock

    from seqlab import autograde as fast
    seconds_dir.mkdir()
    _SECONDS_DIR[:] = [str(seconds_dir)]
    _REAL_CHECK[:] = [fast.check_submission]
    try:
        with mock.patch.object(fast, "check_submission", timed_check_submission):
            _run_fast(run, students, functions, limits)
    finally:
        _SECONDS_DIR[:] = []
    run.check_seconds = {p.stem: float(p.read_text()) for p in seconds_dir.iterdir()}


def _run_fast(run, students, functions, limits):
    """``seqlab.autograde.autograde``; if the batch aborts, grade what it left one by one (the
    abort itself is recorded and fails ``test_fast_path_batch_completes``)."""
    from seqlab.autograde import STAMP, Task, autograde
    from seqlab.pipeline import nbgrader_converter
    started = time.perf_counter()
    try:
        summary = autograde(run.course, A.ASSIGNMENT, workers=2, seed=SEED, force=True, limits=limits,
                            progress=False, log=lambda *a: None)
        assert summary["graded"] == len(students), summary
    except BaseException as exc:  # noqa: B036 - whatever escapes is a finding
        run.error = f"{type(exc).__name__}: {exc}"[:500]
        reports = run.course.root / "autograded" / ".seqlab-reports" / A.ASSIGNMENT
        reports.mkdir(parents=True, exist_ok=True)
        convert = nbgrader_converter(run.course, reports_dir=reports.parent, seed=SEED)
        run.left_ungraded = [s for s in students
                             if not (run.course.root / "autograded" / s / A.ASSIGNMENT / STAMP).exists()]
        for s in run.left_ungraded:
            path = run.course.root / "submitted" / s / A.ASSIGNMENT / f"{A.ASSIGNMENT}.ipynb"
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            try:
                report = timed_check_submission(Task(s, text, functions, SEED, limits))
                if not report.get("skip"):
                    (reports / f"{s}.json").write_text(json.dumps(report))
            except BaseException as err:  # noqa: B036
                run.culprits[s] = f"{type(err).__name__}: {err}"[:300]
            convert(A.ASSIGNMENT, s)
        shutil.rmtree(reports, ignore_errors=True)
    run.seconds = time.perf_counter() - started


def twin_points(choices, source_nb, release_nb, limits, points, tests):
    nb = A.build_base(choices, source_nb, release_nb)
    impl = NotebookImpl(nb, limits, name="twin")
    report = run_checks(impl, A.FUNCTIONS, SEED)
    assert not report["errors"], report["errors"]
    out = {}
    for gid, (_, names) in tests.items():
        out[gid] = weighted_score([c for c in report["checks"] if c["function"] in names], points[gid])
    return out


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    started = time.perf_counter()
    tmp = tmp_path_factory.mktemp("attacks")
    course_a = copy_course(tmp / "nbgrader")
    with open(course_a.root / "nbgrader_config.py", "a") as f:
        f.write(f"\n# tests/test_attacks.py: a shorter per-call limit, so loop and sleep attacks cost less time\n"
                f"c.RunHiddenChecks.call_timeout = {CALL_TIMEOUT}\n")
    course_a.nbgrader("generate_assignment", A.ASSIGNMENT, "--force", "--create")
    add_bystander(course_a)
    root_b = tmp / "fast"

    marker = "atk" + uuid.uuid4().hex[:10]
    server = Server(marker)
    ctx = A.Context(marker=marker, port=server.port, host_ip=host_ip(), unix_name=server.unix_name,
                    roots=[str(course_a.root), str(root_b)], call_timeout=CALL_TIMEOUT)
    source_nb = nbformat.read(course_a.notebook(A.ASSIGNMENT, "source"), as_version=4)
    release_nb = nbformat.read(course_a.notebook(A.ASSIGNMENT, "release"), as_version=4)
    attacks = A.catalogue(source_nb)
    students = []
    for name, base in A.HONEST.items():
        write_submission(course_a, name, A.build_base(A.BASES[base], source_nb, release_nb), {})
        students.append(name)
    for attack in attacks:
        payload, files = A.build(attack, ctx, source_nb, release_nb)
        write_submission(course_a, attack.student, payload, files)
        students.append(attack.student)
    students.sort()
    shutil.copytree(course_a.root, root_b, symlinks=True)
    course_b = Course(root=root_b)
    runs = {"nbgrader": Run("nbgrader", course_a), "fast": Run("fast", course_b)}
    for run in runs.values():
        run.snapshot_before = snapshot(run.course.root)
        run.gradebook_before = gradebook_state(run.course)
    repo_before = repo_state()

    box = []
    watchdog = Watchdog(box)
    limits = Limits(call_timeout=CALL_TIMEOUT, memory_bytes=2048 << 20, cpu_seconds=120, processes=256, sandbox="bwrap")
    proc, log = start_nbgrader(course_a, tmp / "nbgrader.log")
    box.append(proc.pid)
    t0 = time.perf_counter()
    try:
        # the twins (each base without payload, same checks, same seed), while nbgrader runs
        tests = graded_cells(source_nb)
        points = {gid: float(cell.metadata.nbgrader.points) for gid, (cell, _) in tests.items()}
        twins, cache = {}, {}
        for who, choices in [(n, A.BASES[b]) for n, b in A.HONEST.items()] + [(a.student, a.twin_choices()) for a in attacks]:
            key = tuple(sorted(choices.items()))
            if key not in cache:
                cache[key] = twin_points(choices, source_nb, release_nb, limits, points, tests)
            twins[who] = cache[key]
        functions = [f for _, names in tests.values() for f in names]
        run_fast(runs["fast"], students, functions, limits, tmp / "check-seconds")
        try:
            proc.wait(timeout=max(1, NBGRADER_TIMEOUT_S - (time.perf_counter() - t0)))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            runs["nbgrader"].error = f"nbgrader autograde did not finish within {NBGRADER_TIMEOUT_S} s"
        runs["nbgrader"].seconds = time.perf_counter() - t0
        log.close()
        runs["nbgrader"].log = (tmp / "nbgrader.log").read_text(errors="replace")
        course_a.nbgrader("generate_feedback", A.ASSIGNMENT, "--force")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        watchdog.stop()
    time.sleep(0.5)
    survivors = processes_with(marker)
    for pid, _ in survivors:                 # do not leave them running after the test
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    server.close()
    for run in runs.values():
        run.snapshot_after = snapshot(run.course.root)
        run.gradebook_after = gradebook_state(run.course)
        read_results(run, students)
    result = Lab(ctx=ctx, attacks=attacks, students=students, twins=twins, points=points, runs=runs,
                 watchdog=watchdog.kills, survivors=survivors, connections=list(server.hits),
                 repo_findings=repo_findings(repo_before, marker, [r.course.root for r in runs.values()]),
                 seconds=time.perf_counter() - started)
    summary = {"seconds": round(result.seconds, 1), "nbgrader_s": round(runs["nbgrader"].seconds, 1),
               "fast_s": round(runs["fast"].seconds, 1), "fast_error": runs["fast"].error,
               "culprits": runs["fast"].culprits, "left_ungraded": runs["fast"].left_ungraded, "watchdog": watchdog.kills, "survivors": survivors,
               "connections": result.connections, "repo": result.repo_findings}
    (tmp / "summary.json").write_text(json.dumps(summary, indent=1, default=str))
    print("\n[test_attacks]", json.dumps(summary, default=str)[:3000])
    return result


def write_submission(course, student, payload, files):
    folder = course.root / "submitted" / student / A.ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{A.ASSIGNMENT}.ipynb"
    if isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


# --------------------------------------------------------------------------- the repository
# Files of this assignment are compared byte for byte; the rest of the repository (where other work
# may be going on while the suite runs) is searched for the attacks' marker.
STRICT = ["solutions/recurrent.py", "tests/checks/test_recurrent.py", "tests/mistakes/recurrent.py",
          "source/recurrent", "release/recurrent", "nbgrader_config.py"]
SCANNED = ["solutions", "tests", "source", "release", "seqlab"]


def venv_site():
    import numpy
    return Path(numpy.__file__).resolve().parents[1]


def _hashes(paths):
    out = {}
    for rel in paths:
        p = ROOT / rel
        for f in ([p] if p.is_file() else sorted(p.rglob("*"))):
            if f.is_file() and "__pycache__" not in f.parts:
                out[str(f.relative_to(ROOT))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def repo_state():
    return {"strict": _hashes(STRICT),
            "numpy_init": hashlib.sha256((venv_site() / "numpy" / "__init__.py").read_bytes()).hexdigest()}


def repo_findings(before, marker, course_roots):
    """Marks of the attacks outside the course copies: the repository (shared with other work, so
    judged by the attacks' marker rather than by hashes), the venv, the host's /tmp."""
    found = []
    after = _hashes(STRICT)
    for p in sorted(set(before["strict"]) | set(after)):
        if before["strict"].get(p) != after.get(p):
            found.append(f"changed, created or deleted: {p}")
    for folder in SCANNED:
        for p in (ROOT / folder).rglob("*"):
            if marker in p.name:
                found.append(f"created: {p}")
            elif p.is_file() and p.suffix in (".py", ".ipynb", ".txt", ".cfg", ".pth") and marker.encode() in p.read_bytes():
                found.append(f"modified: {p}")
    site = venv_site()
    for p in site.iterdir():
        if marker in p.name or (p.suffix == ".pth" and marker.encode() in p.read_bytes()):
            found.append(f"venv: {p}")
    if hashlib.sha256((site / "numpy" / "__init__.py").read_bytes()).hexdigest() != before["numpy_init"]:
        found.append("venv: numpy/__init__.py changed")
    for p in Path("/tmp").iterdir():
        if marker in p.name:
            found.append(f"host /tmp: {p}")
    for root in course_roots:
        for p in Path(root).rglob("*"):
            if marker in p.name:
                found.append(f"course: {p}")
            elif p.is_file() and p.suffix in (".py", ".pth", ".txt", ".db", ".json") and p.stat().st_size < (8 << 20) \
                    and marker.encode() in p.read_bytes() and "submitted" not in p.parts:
                found.append(f"course file with the marker: {p}")
    return found


# =========================================================================== tests
CATALOGUE = A.catalogue(nbformat.read(ROOT / "source" / A.ASSIGNMENT / f"{A.ASSIGNMENT}.ipynb", as_version=4))


def test_catalogue_covers_every_threat_of_the_model():
    names = [a.name for a in CATALOGUE]
    assert len(names) == len(set(names)) and len(names) >= 30
    covered = {t for a in CATALOGUE for t in a.threats}
    assert set(A.THREATS) <= covered, f"threats without an attack: {set(A.THREATS) - covered}"
    assert covered <= set(A.THREATS), f"unknown threat keys: {covered - set(A.THREATS)}"
    assert all(a.stopped_by for a in CATALOGUE)


def _secret_hits(text):
    return [f"{where}: {s!r}" for where, items in SECRETS.items() for s in items if s in text]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("attack", CATALOGUE, ids=[a.name for a in CATALOGUE])
def test_attack_gains_nothing(lab, path, attack, record_property, request):
    """The attacker's grade is at most its twin's (what it broke scores 0), nothing it tried
    succeeded, and nothing secret reached its outputs. Failure messages quote ``stopped_by``
    (also recorded as a property of the test, e.g. in JUnit XML)."""
    if (attack.name, path) in KNOWN_HOLES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_HOLES[(attack.name, path)], strict=True))
    attack = next(a for a in lab.attacks if a.name == attack.name)
    record_property("stopped_by", attack.stopped_by)
    record_property("threats", ", ".join(attack.threats))
    run, s = lab.runs[path], attack.student
    why = f"[{attack.name} → stopped by: {attack.stopped_by}]"
    twin, broken = lab.twins[s], attack.broken()
    scores = run.scores.get(s)
    if attack.must_grade:
        assert s not in run.culprits, f"{why} the fast path's check run raised: {run.culprits.get(s)}"
        assert scores is not None and s in run.outputs, f"{why} the submission was not graded"
        assert run.max_scores[s] == pytest.approx(sum(lab.points.values())), f"{why} max score changed"
        assert "random seed" in run.outputs[s], f"{why} no hidden-check results in the autograded notebook"
    for gid, bound in twin.items():
        fn = gid[len("test_"):]
        got = (scores or {}).get(gid) or 0.0
        limit = 0.0 if fn in broken else bound
        assert got <= limit + 1e-6, f"{why} {gid}: scored {got}, its twin (no payload) scores {limit}"
        if attack.exact and attack.must_grade and fn not in broken:
            assert got == pytest.approx(bound, abs=1e-6), f"{why} {gid}: scored {got}, expected exactly {bound}"
    text = run.outputs.get(s, "")
    if attack.must_grade and any("_atk_report()" in code for code in attack.cells.values()):
        wheres = ["worker"] + (["kernel"] if path == "nbgrader" else [])
        for where in wheres:
            assert f"ATK-REPORT[{where}]" in text, f"{why} the payload did not run to its end in the {where}"
    ok = re.findall(r"ATK-OK:[^\s\"'\\]*", text)
    assert not ok, f"{why} attempts that succeeded: {sorted(set(ok))}"
    assert not _secret_hits(text), f"{why} secret text in the autograded outputs: {_secret_hits(text)}"
    if path == "nbgrader" and s in run.feedback and attack.base in ("blank", "zeros"):
        assert not _secret_hits(run.feedback[s]), f"{why} secret text in the feedback: {_secret_hits(run.feedback[s])}"
    if attack.name == "drip-cells" and path == "fast":
        took = run.check_seconds.get(s)
        honest = max(run.check_seconds[h] for h in A.HONEST)
        per_cell = A.DRIP_CELLS * 0.9 * CALL_TIMEOUT      # what its cells sleep if each had its own call_timeout
        limit = (DRIP_CELLS_S + per_cell) / 2 + 3 * honest
        assert limit < per_cell, f"honest submissions took {honest:.1f} s here: too slow to tell the budget from none"
        assert took is not None and took <= limit, (
            f"{why} grading this submission took {took:.1f} s of check time (limit {limit:.1f} s: halfway "
            f"between its cells' budget, {DRIP_CELLS_S:g} s, and {per_cell:g} s, plus 3 × {honest:.1f} s "
            f"for an honest submission's): every student-added cell gets its own full call_timeout")
    if attack.name == "gigantic-outputs":
        assert run.sizes.get(s, 0) <= MAX_OUTPUT_BYTES, f"{why} autograded notebook is {run.sizes.get(s, 0) >> 20} MiB"
        assert len(run.feedback.get(s, "")) <= MAX_OUTPUT_BYTES, f"{why} feedback is {len(run.feedback.get(s, '')) >> 20} MiB"
    if "notebook:bad-file" in attack.threats:
        assert run.metadata[s].get("seqlab", {}).get("unreadable_submission"), f"{why} no reason given"
    stalled = [k for k in lab.watchdog if k["path"] == path and k["comm"].startswith(attack.name[:15])]
    assert not stalled, f"{why} grading stalled on this submission; the test's watchdog had to end {stalled}"


@pytest.mark.parametrize("path", PATHS)
def test_honest_students_keep_exactly_their_grades(lab, path):
    run = lab.runs[path]
    for student in A.HONEST:
        want = lab.twins[student]
        got = run.scores.get(student)
        assert got is not None, f"{student} was not graded"
        assert got == pytest.approx(want, abs=1e-6), f"{student}: {got} != {want}"
        if A.HONEST[student] == "full":
            assert sum(got.values()) == pytest.approx(sum(lab.points.values()))


@pytest.mark.parametrize("path", PATHS)
def test_gradebook_keeps_definitions_and_other_students_rows(lab, path):
    run = lab.runs[path]
    before, after = run.gradebook_before, run.gradebook_after
    for key in ("grade_cells", "solution_cells", "source_cells", "bystander", "bystander_comments"):
        assert after[key] == before[key], f"gradebook {key} changed"
    assert set(after["students"]) == set(before["students"]) | set(lab.students), "unexpected students"


@pytest.mark.parametrize("path", PATHS)
def test_no_course_file_changed_outside_autograded_and_feedback(lab, path):
    run = lab.runs[path]
    before, after = run.snapshot_before, run.snapshot_after
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"changed/created/deleted: {changed[:20]}"


def test_repository_venv_and_host_untouched(lab):
    assert not lab.repo_findings, lab.repo_findings


def test_no_process_started_by_an_attacker_outlives_grading(lab):
    assert not lab.survivors, lab.survivors


def test_nothing_reached_the_network(lab):
    assert not lab.connections, lab.connections


@pytest.mark.parametrize("path", PATHS)
def test_grading_never_stalled(lab, path):
    kills = [k for k in lab.watchdog if k["path"] == path]
    assert not kills, f"sandboxed processes the watchdog had to end (alive > {WORKER_WATCHDOG_S} s): {kills}"
    assert not lab.runs[path].error or path == "fast", lab.runs[path].error


def test_fast_path_batch_completes(lab):
    run = lab.runs["fast"]
    assert not run.error, (f"seqlab.autograde.autograde aborted the whole batch: {run.error}; it left "
                           f"{run.left_ungraded} ungraded (the test graded them one by one afterwards); "
                           f"submissions whose check run raised: {sorted(run.culprits)}")


def test_feedback_reveals_no_hidden_code_reference_or_expected_values(lab):
    run = lab.runs["nbgrader"]
    graded = [s for s in lab.students if run.scores.get(s) is not None and s in run.outputs]
    missing = [s for s in graded if s not in run.feedback]
    assert not missing, f"no feedback for {missing}"
    for s, html in run.feedback.items():
        own_reads = s == "atk-read-own-notebook"     # prints its own notebook's hidden grade() lines
        for needle in CHECK_CODE + SECRETS["solutions/recurrent.py"] + SECRETS["gradebook"]:
            if own_reads and needle == "BEGIN HIDDEN TESTS":
                continue
            assert needle not in html, f"{s}: feedback shows {needle!r}"
        assert 'grade(&quot;' not in html or own_reads, s
        for block in re.findall(r"<div class=.seqlab-checks.>.*?</div>", html, re.S):
            numbers = re.findall(r"-?\d+\.\d{5,}", block)     # points have at most 4 decimals
            assert not numbers, f"{s}: a check message shows values {numbers[:5]}"
    leak = run.outputs.get("atk-read-own-notebook", "")
    assert not any(k in leak for k in CHECK_CODE[:4] + SECRETS["solutions/recurrent.py"]), leak[:500]
