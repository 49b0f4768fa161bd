#!/usr/bin/env python
"""Benchmark: `seqlab autograde` against plain `nbgrader autograde`, and against the floor.

    .venv/bin/python bench/autograde_bench.py --n 200

In a throw-away copy of the course (nothing in this repository is touched) it

1. releases the kit's assignments and builds a class of N submissions (s0001…), cycling the
   demo personas: reference answers, blank, half done, the catalogue's mistakes, os._exit,
   invalid JSON, tampered test cells, chatty, syntax errors. The endless-loop persona
   (demo-09-ivan) is left out unless ``--loop-rate`` asks for it;
2. grades the class with ``seqlab autograde`` (all cores, or ``--workers``/``--scheduler``),
   as its own process, exactly as the CLI does;
3. grades it with plain ``nbgrader autograde`` (sequential, real kernel, as configured), with
   the same seed: all N, or a sample of K (``--plain-sample``) whose throughput is then
   extrapolated — printed as an estimate;
4. checks both gave the same score for every student and grade cell both graded;
5. measures the floor: the hidden checks alone (``seqlab.autograde.check_submission``: parse,
   sandboxed student process, cells, pytest checks), one submission after another in an
   already-warm Python process, no nbgrader and no gradebook. Parallel floor = that time
   divided by the number of cores;
6. profiles one submission's costs (sandbox start, pytest session, IPC, gradebook writer,
   fingerprint), optionally measures how cost grows (``--scaling 10,100,1000``, seqlab only),
   and projects 10,000 submissions on a cluster;
7. prints a summary and writes every number as JSON (``--json PATH``; default a temp file).

Peak memory: ``ru_maxrss`` of each graded command (largest single process, from ``wait4``)
and the sampled peak of the sum of PSS over its whole process tree (workers, kernels, sandboxes).
"""
import argparse
import dataclasses
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOOP_PERSONA = "demo-09-ivan"

SEQLAB_RUN = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from seqlab.autograde import autograde_all
from seqlab.course import Course
args = json.loads(sys.argv[1])
course = Course(root=Path(args["root"]))
imported = time.perf_counter() - t0
assignments = [a for a in args["assignments"] if any(course.root.glob(f"submitted/*/{a}"))]
out = autograde_all(course, assignments, workers=args["workers"], scheduler=args["scheduler"], seed=args["seed"],
                    progress=args["progress"], log=lambda *m: print(*m, file=sys.stderr))
print(json.dumps({"summaries": out, "import_s": imported, "seconds": time.perf_counter() - t0}))
"""


# ------------------------------------------------------------------------- measuring

class TreeSampler(threading.Thread):
    """Samples the process tree under ``pid``: peak of summed PSS and RSS, peak process count."""

    def __init__(self, pid, interval=0.25):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = self.peak_procs = 0
        self.cpu = 0.0             # this thread's own CPU time (to subtract)
        self._halt = threading.Event()

    @staticmethod
    def _tree(root):
        children = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [root]
        while todo:
            p = todo.pop()
            out.append(p)
            todo += children.get(p, [])
        return out

    @staticmethod
    def _memory(pid):
        pss = rss = 0
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss = int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss = int(line.split()[1])
        except OSError:
            pass
        return pss, rss          # KiB

    def run(self):
        while not self._halt.is_set():
            t = time.thread_time()
            procs = self._tree(self.pid)
            pss = rss = 0
            for p in procs:
                a, b = self._memory(p)
                pss, rss = pss + a, rss + b
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self.cpu += time.thread_time() - t
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()


class CpuAccount:
    """CPU time of this process and everything it starts, from a cgroup-v1 ``cpuacct`` group.

    ``getrusage`` cannot do it: a sandboxed student process dies with its ``bwrap`` parent and
    is never reaped, so its CPU time is lost from RUSAGE_CHILDREN. Needs root and cgroup v1
    (seqlab's own pids cgroups are another hierarchy there); elsewhere ``seconds()`` is None.
    """

    ROOT = "/sys/fs/cgroup/cpuacct"

    def __init__(self):
        self.path = None
        try:
            path = os.path.join(self.ROOT, f"seqlab-bench-{os.getpid()}")
            os.mkdir(path)
            with open(os.path.join(path, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
            self.path = path
        except OSError:
            pass

    def seconds(self):
        if not self.path:
            return None
        with open(os.path.join(self.path, "cpuacct.usage")) as f:
            return int(f.read()) / 1e9

    def close(self):
        if self.path:
            try:
                with open(os.path.join(self.ROOT, "cgroup.procs"), "w") as f:
                    f.write(str(os.getpid()))
                os.rmdir(self.path)
            except OSError:
                pass
            self.path = None


CPU = None


def cpu_now():
    """CPU seconds so far of the bench and all its descendants (None if not measurable)."""
    return CPU.seconds() if CPU else None


def cpu_delta(start):
    end = cpu_now()
    return None if start is None or end is None else end - start


def run_measured(cmd, cwd, env, capture_stderr=True, on_line=None):
    """Run ``cmd``; return wall time, exit code, output lines and memory peaks."""
    started, cpu0 = time.perf_counter(), cpu_now()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT if capture_stderr else None, text=True, bufsize=1)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if on_line:
            on_line(line, time.perf_counter() - started)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    sampler.stop()
    return {"wall_s": wall, "returncode": proc.returncode, "lines": lines,
            "maxrss_mb": usage.ru_maxrss / 1024, "peak_tree_pss_mb": sampler.peak_pss / 1024,
            "peak_tree_rss_mb": sampler.peak_rss / 1024, "peak_processes": sampler.peak_procs,
            "cpu_s": None if cpu0 is None else cpu_delta(cpu0) - sampler.cpu}


def median(xs):
    return statistics.median(xs) if xs else 0.0


# ------------------------------------------------------------------------- the class

def make_template(tmp, assignments):
    from seqlab import pipeline
    from tests.course_copy import copy_course
    course = copy_course(tmp / "template")
    for folder in course.source.iterdir():
        if folder.is_dir() and folder.name not in assignments:
            shutil.rmtree(folder)
    pipeline.release(course, assignments)
    return course


def clone(template, dest):
    from seqlab.course import Course
    shutil.copytree(template.root, dest)
    return Course(root=dest)


def class_roster(course, n, assignments, loop_rate):
    """N submissions [(persona as student s0001…, assignment)]: the demo personas in turn, each
    student handing in one assignment, the assignments in turn; the endless loop every
    1/loop_rate-th submission (never by default)."""
    from seqlab.demo import roster
    personas = [p for p in roster(course) if p.student != LOOP_PERSONA]
    loop = next(p for p in roster(course) if p.student == LOOP_PERSONA)
    every = round(1 / loop_rate) if loop_rate > 0 else 0
    roster, j = [], 0
    for i in range(1, n + 1):
        if every and i % every == 0:
            base = loop
        else:
            base, j = personas[j % len(personas)], j + 1
        roster.append((dataclasses.replace(base, student=f"s{i:04d}"), assignments[(i - 1) % len(assignments)]))
    return roster


def build(course, roster):
    """Write each submission into submitted/<student>/<assignment>/ as seqlab.demo does."""
    import nbformat

    from seqlab.demo import _mistakes, build_submission, write_submission
    mistakes, notebooks = _mistakes(course), {}
    for persona, a in roster:
        if a not in notebooks:
            release_path = course.notebook(a, "release")
            notebooks[a] = (nbformat.read(course.notebook(a, "source"), as_version=4),
                            nbformat.read(release_path, as_version=4), release_path.name)
        source_nb, release_nb, name = notebooks[a]
        nb = build_submission(persona, source_nb, release_nb, mistakes)
        write_submission(persona, nb, course.root / "submitted" / persona.student / a / name)


def spread(items, k, assignment=lambda item: item[1]):
    """About k items, spread evenly over each assignment's share of ``items`` (stratified, at
    least one per assignment; all of them if k >= len)."""
    if k >= len(items):
        return list(items)
    groups = {}
    for item in items:
        groups.setdefault(assignment(item), []).append(item)
    chosen = []
    for group in groups.values():
        m = max(1, round(k * len(group) / len(items)))
        chosen += [group[int(i * len(group) / m)] for i in range(min(m, len(group)))]
    return sorted(chosen, key=items.index)


def shipped_assignments():
    """The kit's assignments: a source notebook and a committed release."""
    from seqlab.course import Course
    course = Course(ROOT)
    return [a for a in course.assignments() if any((ROOT / "release" / a).glob("*.ipynb"))]


# ------------------------------------------------------------------------- the runs

def run_seqlab(course, assignments, workers, scheduler, seed, progress=True):
    args = json.dumps({"root": str(course.root), "assignments": assignments, "workers": workers,
                       "scheduler": scheduler, "seed": seed, "progress": progress})
    r = run_measured([sys.executable, "-c", SEQLAB_RUN, args], cwd=course.root, env=course.env(),
                     capture_stderr=False)
    if r["returncode"] != 0:
        raise SystemExit(f"seqlab autograde failed (exit {r['returncode']})")
    result = json.loads(r.pop("lines")[-1])
    r.update(result)
    return r


def run_plain(course, assignments, seed, expected):
    """Plain ``nbgrader autograde`` per assignment; times the start-up and each submission."""
    marker = re.compile(r"Creating/updating student with ID '([^']+)'")
    out = {"per_assignment": {}, "wall_s": 0.0, "maxrss_mb": 0.0, "peak_tree_pss_mb": 0.0,
           "peak_tree_rss_mb": 0.0, "cpu_s": 0.0}
    tty = sys.stderr.isatty()
    for a in assignments:
        if not expected.get(a):
            continue
        starts = []

        def on_line(line, t, a=a):
            if marker.search(line):
                starts.append(t)
                if tty or len(starts) % 10 == 0 or len(starts) == expected[a]:
                    sys.stderr.write(f"{chr(13) if tty else ''}plain nbgrader autograde {a}: "
                                     f"{len(starts)}/{expected[a]} ({t:.0f} s)   {'' if tty else chr(10)}")
                    sys.stderr.flush()
        cmd = [sys.executable, "-m", "nbgrader", "autograde", a, "--force", "--create",
               f"--RunHiddenChecks.seed={seed}"]
        r = run_measured(cmd, cwd=course.root, env=course.env(), on_line=on_line)
        if tty:
            sys.stderr.write("\n")
        if "Exception while loading config file" in "".join(r["lines"]):
            raise SystemExit("nbgrader could not load nbgrader_config.py")
        first = starts[0] if starts else r["wall_s"]
        per = (r["wall_s"] - first) / max(1, len(starts))
        out["per_assignment"][a] = {"wall_s": r["wall_s"], "returncode": r["returncode"], "graded": len(starts),
                                    "startup_s": first, "per_submission_s": per}
        out["wall_s"] += r["wall_s"]
        out["cpu_s"] = None if out["cpu_s"] is None or r["cpu_s"] is None else out["cpu_s"] + r["cpu_s"]
        for k in ("maxrss_mb", "peak_tree_pss_mb", "peak_tree_rss_mb"):
            out[k] = max(out[k], r[k])
    return out


def scores(course, subs):
    """{(student, assignment, grade cell): (score, max_score)} and {(student, assignment): totals}."""
    from nbgrader.api import Gradebook, MissingEntry
    cells, totals = {}, {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        for s, a in subs:
            try:
                sub = gb.find_submission(a, s)
            except MissingEntry:
                totals[(s, a)] = None
                continue
            totals[(s, a)] = (sub.score, sub.max_score)
            for nb in sub.notebooks:
                for g in nb.grades:
                    cells[(s, a, nb.name, g.name)] = (g.score, g.max_score)
    return cells, totals


def functions_of(course, a, _cache={}):
    """The graded functions of an assignment, from its source notebook."""
    if (course.root, a) not in _cache:
        import nbformat

        from seqlab.grading.notebook import test_cells
        nb = nbformat.read(course.notebook(a, "source"), as_version=4)
        _cache[(course.root, a)] = [f for _, names in test_cells(nb).values() for f in names]
    return _cache[(course.root, a)]


def submission_text(course, s, a):
    return (course.root / "submitted" / s / a / course.notebook(a, "source").name).read_text(encoding="utf-8")


def reference_module(course, a, _cache={}):
    """The assignment's reference solutions as the code under test (for timing the checks without
    a student process); a quiz has none: an empty module (its checks then time their failures)."""
    import importlib
    if a not in _cache:
        course.on_path()
        try:
            _cache[a] = importlib.import_module(f"{course.solutions}.{a}")
        except ImportError:
            _cache[a] = types.ModuleType(f"reference_{a}")
    return _cache[a]


def measure_floor(course, subs, limits):
    """The hidden checks alone, one submission after another, in this (warm) process.

    Returns {(student, assignment): seconds}, the reports (to time the writer on) and the CPU
    seconds used (this process and the student processes, from the cgroup)."""
    from seqlab.autograde import Task, _warm, check_submission
    _warm()
    for a in dict.fromkeys(a for _, a in subs):           # warm-up, one per assignment, not counted
        s = next(s for s, b in subs if b == a)
        check_submission(Task(s, submission_text(course, s, a), functions_of(course, a), 1, limits, course.check_set(a)))
    times, reports = {}, {}
    cpu0 = cpu_now()
    for i, (s, a) in enumerate(subs, 1):
        text = submission_text(course, s, a)
        t = time.perf_counter()
        reports[(s, a)] = check_submission(Task(s, text, functions_of(course, a), 1, limits, course.check_set(a)))
        times[(s, a)] = time.perf_counter() - t
        if sys.stderr.isatty():
            sys.stderr.write(f"\rfloor: {i}/{len(subs)}   ")
        elif i % 50 == 0 or i == len(subs):
            sys.stderr.write(f"floor: {i}/{len(subs)}\n")
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return times, reports, cpu_delta(cpu0)


def profile(course, writer_course, subs, limits, reports, seed):
    """Median cost of each part of grading one submission (milliseconds)."""
    import nbformat

    from seqlab.autograde import fingerprint
    from seqlab.gradebook import shared_engine
    from seqlab.grading.impl import ModuleImpl
    from seqlab.grading.notebook import solution_cells
    from seqlab.grading.runner import run_checks
    from seqlab.grading.student import StudentProcess
    from seqlab.pipeline import nbgrader_converter
    parts = {k: [] for k in ("parse", "sandbox_start", "sandbox_close", "pytest_empty_session",
                             "checks_in_process", "fingerprint", "writer")}
    reports_dir = writer_course.root / "autograded" / ".bench-reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    from seqlab.autograde import _quiet_library_warnings
    with shared_engine(), _quiet_library_warnings():       # as seqlab autograde's writer runs
        convert = nbgrader_converter(writer_course, reports_dir=reports_dir, seed=seed)
        for a in dict.fromkeys(a for _, a in subs):
            run_checks(ModuleImpl(reference_module(course, a)), functions_of(course, a), 1, checks=course.check_set(a))  # warm-up
        for s, a in subs:
            text = submission_text(course, s, a)
            t = time.perf_counter()
            try:
                cells = solution_cells(nbformat.reads(text, as_version=4))
            except Exception:
                continue                                                  # the invalid-JSON persona
            parts["parse"].append(time.perf_counter() - t)
            t = time.perf_counter()
            proc = StudentProcess(cells, limits)
            try:
                proc.start()
                parts["sandbox_start"].append(time.perf_counter() - t)
            except Exception:                                             # a cell that kills Python
                pass
            t = time.perf_counter()
            proc.close()
            parts["sandbox_close"].append(time.perf_counter() - t)
            t = time.perf_counter()
            ref = ModuleImpl(reference_module(course, a))
            run_checks(ref, ["no-such-function"], 1, checks=course.check_set(a))
            parts["pytest_empty_session"].append(time.perf_counter() - t)
            t = time.perf_counter()
            run_checks(ref, functions_of(course, a), 1, checks=course.check_set(a))
            parts["checks_in_process"].append(time.perf_counter() - t)
            t = time.perf_counter()
            fingerprint(course, a, s)
            parts["fingerprint"].append(time.perf_counter() - t)
            if (s, a) in reports:
                (reports_dir / a).mkdir(exist_ok=True)
                (reports_dir / a / f"{s}.json").write_text(json.dumps(reports[(s, a)]))
            shutil.copytree(course.root / "submitted" / s / a, writer_course.root / "submitted" / s / a)
            if not parts["writer"]:
                convert(a, s)                         # warm-up: the first conversion imports nbconvert & co.
            t = time.perf_counter()
            convert(a, s)
            parts["writer"].append(time.perf_counter() - t)
    out = {k: median(v) * 1000 for k, v in parts.items()}
    out["samples"] = len(parts["writer"])
    return out


def fit(points):
    """Least squares wall = a + b·n over [(n, wall)]."""
    if len(points) < 2:
        return None
    ns, ws = [p[0] for p in points], [p[1] for p in points]
    mn, mw = statistics.fmean(ns), statistics.fmean(ws)
    var = sum((n - mn) ** 2 for n in ns)
    b = sum((n - mn) * (w - mw) for n, w in zip(ns, ws)) / var if var else 0.0
    return mw - b * mn, b


# ------------------------------------------------------------------------- main

def main(argv=None):
    global CPU
    p = argparse.ArgumentParser(description="seqlab autograde vs plain nbgrader autograde vs the floor")
    p.add_argument("--n", type=int, default=200,
                   help="submissions in the class, spread over the assignments in turn (default 200)")
    p.add_argument("--assignments", default="", help="comma-separated (default: every assignment with a release)")
    p.add_argument("--workers", type=int, default=None, help="seqlab local workers (default: all cores)")
    p.add_argument("--scheduler", default=None, help="grade on this Dask scheduler instead of local workers")
    p.add_argument("--seed", type=int, default=20261125)
    p.add_argument("--skip-plain", action="store_true", help="do not run plain nbgrader at all")
    p.add_argument("--plain-sample", type=int, default=None,
                   help="grade only K submissions with plain nbgrader and extrapolate (an estimate); "
                        "0 = all N (default: all if N <= 40, else max(20, 4 per assignment))")
    p.add_argument("--floor-sample", type=int, default=0, help="measure the floor on K submissions (default all)")
    p.add_argument("--profile-sample", type=int, default=21, help="submissions profiled part by part (default 21)")
    p.add_argument("--scaling", default="", help="e.g. 10,100,1000: seqlab wall time for classes of these sizes")
    p.add_argument("--loop-rate", type=float, default=0.0,
                   help="fraction of submissions with an endless loop (demo-09-ivan); default 0 = none")
    p.add_argument("--cluster-workers", default="8,32,128", help="worker counts for the 10,000 projection")
    p.add_argument("--json", default="", help="where to write the results (default: a temp file)")
    p.add_argument("--keep", action="store_true", help="keep the temporary course copies")
    args = p.parse_args(argv)

    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")

    cores = os.cpu_count() or 1
    workers = args.workers or cores
    assignments = [a for a in args.assignments.split(",") if a] or shipped_assignments()
    if args.plain_sample is None:
        plain_k = args.n if args.n <= 40 else max(20, 4 * len(assignments))
    else:
        plain_k = args.n if args.plain_sample == 0 else args.plain_sample
    plain_k = min(plain_k, args.n)
    tmp = Path(tempfile.mkdtemp(prefix="seqlab-bench-"))
    res = {"n": args.n, "assignments": assignments, "workers": workers, "cores": cores, "seed": args.seed,
           "scheduler": args.scheduler, "loop_rate": args.loop_rate, "python": sys.version.split()[0]}
    log = lambda *m: print(*m, file=sys.stderr, flush=True)   # noqa: E731
    CPU = CpuAccount()
    res["cpu_accounting"] = "cgroup cpuacct" if CPU.path else "unavailable (needs root and cgroup v1)"
    res["load_before"] = os.getloadavg()
    if res["load_before"][0] > 0.5 * cores:
        log(f"bench: WARNING: the machine is busy (load average {res['load_before'][0]:.1f} on {cores} cores): "
            "wall times below are pessimistic; CPU per submission is not affected")
    try:
        log(f"bench: {args.n} submissions over {', '.join(assignments)}; {cores} cores; seqlab "
            f"{args.scheduler or f'{workers} workers'}; course copies in {tmp}")
        t = time.perf_counter()
        template = make_template(tmp, assignments)
        log(f"released in {time.perf_counter() - t:.1f} s")
        limits = template.limits()     # the limits `seqlab autograde` uses: nbgrader_config.py's
        res["limits"] = dataclasses.asdict(limits)
        roster = class_roster(template, args.n, assignments, args.loop_rate)
        subs = [(persona.student, a) for persona, a in roster]
        res["class"] = {f"{persona.student} {a}": persona.story for persona, a in roster[:30]}
        fast = clone(template, tmp / "seqlab")
        t = time.perf_counter()
        build(fast, roster)
        log(f"built the class in {time.perf_counter() - t:.1f} s")

        # ---- seqlab autograde
        log("seqlab autograde …")
        r = run_seqlab(fast, assignments, workers, args.scheduler, args.seed)
        graded = sum(v["graded"] for v in r["summaries"].values())
        check_times = [x for v in r["summaries"].values() for x in v["check_seconds"].values()]
        res["seqlab"] = {k: r[k] for k in ("wall_s", "cpu_s", "maxrss_mb", "peak_tree_pss_mb", "peak_tree_rss_mb",
                                          "peak_processes", "import_s")}
        res["seqlab"].update(graded=graded, per_second=graded / r["wall_s"],
                             autograde_wall_s={a: v["wall_s"] for a, v in r["summaries"].items()},
                             median_check_in_worker_s=median(check_times))
        again = run_seqlab(fast, assignments, workers, args.scheduler, args.seed, progress=False)
        res["seqlab"]["rerun_unchanged_wall_s"] = again["wall_s"]
        res["seqlab"]["rerun_graded"] = sum(v["graded"] for v in again["summaries"].values())

        # ---- plain nbgrader autograde
        if not args.skip_plain:
            plain = clone(template, tmp / "plain")
            sample_roster = spread(roster, plain_k)
            sample = [(persona.student, a) for persona, a in sample_roster]
            build(plain, sample_roster)
            estimated = len(sample) < args.n
            log(f"plain nbgrader autograde on {len(sample)} of {args.n} submissions"
                f"{' (throughput extrapolated: an ESTIMATE)' if estimated else ''} …")
            pr = run_plain(plain, assignments, args.seed, {a: sum(1 for _, b in sample if b == a) for a in assignments})
            n_of = {a: sum(1 for _, b in subs if b == a) for a in assignments}
            est = sum(v["startup_s"] + n_of[a] * v["per_submission_s"] for a, v in pr["per_assignment"].items())
            res["plain"] = {**pr, "graded": len(sample), "estimated": estimated,
                            "wall_for_n_s": est if estimated else pr["wall_s"]}
            res["plain"]["per_second"] = args.n / res["plain"]["wall_for_n_s"]
            cells_plain, totals_plain = scores(plain, sample)
            cells_fast, totals_fast = scores(fast, sample)
            diff = sorted(k for k in cells_plain if cells_plain[k] != cells_fast.get(k))
            diff += sorted(k for k in totals_plain if totals_plain[k] != totals_fast.get(k))
            res["agree"] = {"submissions": len(sample), "grade_cells": len(cells_plain),
                            "mismatches": [list(map(str, k)) for k in diff[:50]], "ok": not diff}

        # ---- the floor, and the profile
        log("floor: hidden checks alone, sequential, warm process …")
        floor_subs = spread(subs, args.floor_sample) if args.floor_sample else subs
        times, reports, floor_cpu = measure_floor(fast, floor_subs, limits)
        per = sum(times.values()) / len(times)
        res["floor"] = {"per_submission_s": per, "sequential_s": per * args.n, "parallel_s": per * args.n / cores,
                        "per_second_parallel": cores / per, "measured_on": len(times),
                        "cpu_per_submission_s": floor_cpu / len(times) if floor_cpu is not None else None}
        log("profile …")
        writer = clone(template, tmp / "writer")
        res["profile_ms"] = profile(fast, writer, subs[: args.profile_sample], limits, reports, args.seed)

        # ---- scaling
        points = [(graded, res["seqlab"]["wall_s"])]
        for n in [int(x) for x in args.scaling.split(",") if x]:
            course = clone(template, tmp / f"scale-{n}")
            build(course, class_roster(template, n, assignments, args.loop_rate))
            log(f"scaling: seqlab autograde on {n} submissions …")
            r = run_seqlab(course, assignments, workers, args.scheduler, args.seed)
            again = run_seqlab(course, assignments, workers, args.scheduler, args.seed, progress=False)
            points.append((n, r["wall_s"]))
            res.setdefault("scaling", []).append({
                "n": n, "wall_s": r["wall_s"], "per_second": n / r["wall_s"], "cpu_s": r["cpu_s"],
                "peak_tree_pss_mb": r["peak_tree_pss_mb"], "maxrss_mb": r["maxrss_mb"],
                "rerun_unchanged_wall_s": again["wall_s"]})
            if not args.keep:
                shutil.rmtree(course.root, ignore_errors=True)

        # ---- projection: 10,000 submissions on a cluster
        c_check = res["floor"]["per_submission_s"]
        c_write = res["profile_ms"]["writer"] / 1000
        line = fit(points)
        fixed = line[0] if line and line[0] > 0 else res["seqlab"]["import_s"] + len(assignments) * 1.0
        proj = {}
        for w in [int(x) for x in args.cluster_workers.split(",") if x]:
            proj[w] = {"wall_s": fixed + 10_000 * max(c_check / w, c_write),
                       "bound": "writer" if c_write >= c_check / w else "checks"}
        res["projection_10000"] = {"model": "fixed + 10000 * max(c_check / W, c_write)", "fixed_s": fixed,
                                   "c_check_s": c_check, "c_write_s": c_write,
                                   "writer_saturates_at_workers": c_check / c_write if c_write else None,
                                   "by_workers": proj, "fit_a_b": line}
    finally:
        CPU.close()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    res["load_after"] = os.getloadavg()
    report(res)
    path = Path(args.json) if args.json else Path(tempfile.gettempdir()) / f"seqlab-bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(res, indent=1, default=str))
    print(f"\nresults: {path}")
    return 0 if res.get("agree", {}).get("ok", True) else 1


def report(res):
    s, f = res["seqlab"], res["floor"]
    print(f"\n=== seqlab autograde benchmark: {res['n']} submissions over {len(res['assignments'])} assignment(s) "
          f"({', '.join(res['assignments'])}), {res['cores']} cores ===")
    print(f"load average before / after: {res['load_before'][0]:.1f} / {res['load_after'][0]:.1f} "
          f"(1 min; {res['cores']} cores)")
    print(f"{'':36}{'wall s':>9}{'subm/s':>9}   peak MB (tree PSS / largest RSS)")
    label = f"seqlab autograde ({res['scheduler'] or str(res['workers']) + ' workers'})"
    print(f"{label:36}{s['wall_s']:9.1f}{s['per_second']:9.2f}   {s['peak_tree_pss_mb']:.0f} / {s['maxrss_mb']:.0f}")
    if "plain" in res:
        p = res["plain"]
        label = "plain nbgrader autograde" + (" (ESTIMATE)" if p["estimated"] else "")
        print(f"{label:36}{p['wall_for_n_s']:9.1f}{p['per_second']:9.2f}   {p['peak_tree_pss_mb']:.0f} / {p['maxrss_mb']:.0f}")
    print(f"{'floor: checks only, ÷ ' + str(res['cores']) + ' cores':36}{f['parallel_s']:9.1f}{f['per_second_parallel']:9.2f}")
    if "plain" in res:
        p = res["plain"]
        note = (f"plain estimated from {p['graded']} graded: start-up + n × per-submission, per assignment"
                if p["estimated"] else "both measured on all")
        print(f"\nspeed-up over plain nbgrader: {s['per_second'] / p['per_second']:.1f}×   ({note}; goal ≥ 8×)")
        for a, v in p["per_assignment"].items():
            print(f"  plain {a}: start-up {v['startup_s']:.1f} s, {v['per_submission_s']:.2f} s per submission "
                  f"({v['graded']} graded)")
        ag = res["agree"]
        print(f"scores equal to plain nbgrader's (same seed): {'yes' if ag['ok'] else 'NO'} "
              f"({ag['submissions']} submissions, {ag['grade_cells']} grade cells)"
              + ("" if ag["ok"] else f"  mismatches: {ag['mismatches'][:5]}"))
    print(f"seqlab wall / parallel floor: {s['wall_s'] / f['parallel_s']:.2f}×   (goal ≤ 2×; floor measured on "
          f"{f['measured_on']} submissions, {f['per_submission_s'] * 1000:.0f} ms each, sequentially)")
    if s["cpu_s"] is not None and f["cpu_per_submission_s"]:
        cpu_s = s["cpu_s"] / s["graded"]
        line = (f"CPU per submission (every process, from a cgroup): seqlab {cpu_s * 1000:.0f} ms, floor "
                f"{f['cpu_per_submission_s'] * 1000:.0f} ms ({cpu_s / f['cpu_per_submission_s']:.2f}×)")
        if "plain" in res and res["plain"]["cpu_s"]:
            cpu_p = res["plain"]["cpu_s"] / res["plain"]["graded"]
            line += f", plain nbgrader {cpu_p * 1000:.0f} ms ({cpu_p / cpu_s:.1f}× seqlab's)"
        print(line)
        print("  (CPU time does not depend on the machine's other load; on an idle machine the wall time is "
              "about CPU ÷ cores for seqlab and the floor, about CPU for sequential plain nbgrader)")
    print(f"re-run on the unchanged class: {s['rerun_unchanged_wall_s']:.1f} s, graded {s['rerun_graded']}")
    pr = res["profile_ms"]
    print(f"\nprofile, median ms per submission ({pr['samples']} submissions, sequential):")
    for k, label in (("parse", "parse the notebook"),
                     ("sandbox_start", "student process start (fork from the warm zygote, cells)"),
                     ("sandbox_close", "student process end (the zygote kills all it started, checks it is clean)"),
                     ("pytest_empty_session", "a pytest session with no checks (config, plugins, collection)"),
                     ("checks_in_process", "pytest session + all checks, reference in-process (no IPC)"),
                     ("fingerprint", "resume fingerprint"),
                     ("writer", "nbgrader converter + gradebook (the single writer)")):
        print(f"  {pr[k]:8.1f}  {label}")
    print(f"  {f['per_submission_s'] * 1000:8.1f}  = one whole check (the floor's unit: start + cells + checks over IPC + end)")
    print(f"  {s['median_check_in_worker_s'] * 1000:8.1f}  one whole check inside a worker during the parallel run (median)")
    for row in res.get("scaling", []):
        print(f"scaling: {row['n']:6d} submissions: {row['wall_s']:7.1f} s ({row['per_second']:.2f}/s), "
              f"peak tree PSS {row['peak_tree_pss_mb']:.0f} MB, re-run unchanged {row['rerun_unchanged_wall_s']:.1f} s")
    pj = res["projection_10000"]
    print(f"\nprojection, 10,000 submissions on a Dask cluster of W single-core workers and one writer\n"
          f"  model: {pj['fixed_s']:.0f} s + 10000 × max({pj['c_check_s'] * 1000:.0f} ms / W, {pj['c_write_s'] * 1000:.0f} ms)")
    for w, v in pj["by_workers"].items():
        print(f"  W = {w:4}: {v['wall_s'] / 60:6.1f} min ({v['bound']}-bound)")
    if pj["writer_saturates_at_workers"]:
        print(f"  the single gradebook writer sets the pace beyond W ≈ {pj['writer_saturates_at_workers']:.1f} workers")


if __name__ == "__main__":
    sys.exit(main())
