#!/usr/bin/env python
"""What `seqlab demo` (`make demo`) costs, step by step: wall time and CPU time.

    .venv/bin/python bench/demo_time.py [--runs 1] [--workers N] [--here] [--json PATH]

Runs ``seqlab.pipeline.run_demo`` (what ``python -m seqlab demo`` runs) on the bundled demo
class, by default in a throw-away copy of the course (``--here``: in this folder, as `make demo`
does, overwriting its submitted/, autograded/, feedback/, gradebook.db, grades.csv and
class_report.html). For each run and each step (release, class, autograde, feedback, export,
report) it records the wall time and the CPU time of every process of the demo: from a cgroup-v1
``cpuacct`` group where it can make one (root), which counts the sandboxed student processes too
(``getrusage`` cannot: they are never reaped), else ``getrusage`` of the demo and the processes
it waited for. The machine is shared, so wall time depends on what else runs: the load average
(``/proc/loadavg``) before and after each run is recorded beside it. It asserts nothing about
times; it checks that every page, the grades and the report were written.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def produced(course, roster, assignments):
    """What the demo must leave behind, counted: feedback pages, grades, report."""
    pages = list((course.root / "feedback").glob("*/*/*.html"))
    autograded = list((course.root / "autograded").glob("*/*/*.ipynb"))
    return {"autograded_notebooks": len(autograded), "feedback_pages": len(pages),
            "grades_csv": (course.root / "grades.csv").is_file(),
            "class_report": (course.root / "class_report.html").is_file(),
            "every_autograded_notebook_has_feedback": len(pages) == len(autograded) > 0}


def one_run(course, workers, cpu_clock):
    from seqlab.demo import roster
    from seqlab.pipeline import run_demo
    personas = roster(course)
    before = loadavg()
    start, cpu0 = time.perf_counter(), cpu_clock()
    result = run_demo(course, personas, log=lambda *a: None, workers=workers, cpu_clock=cpu_clock)
    wall, cpu = time.perf_counter() - start, cpu_clock() - cpu0
    return {"wall_s": wall, "cpu_s": cpu, "steps_wall_s": result["steps"], "steps_cpu_s": result["cpu"],
            "loadavg_before": before, "loadavg_after": loadavg(),
            "produced": produced(course, personas, result["assignments"])}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None, help="grading and feedback workers (default: one per core)")
    ap.add_argument("--here", action="store_true", help="run in this folder, as `make demo` does")
    ap.add_argument("--keep", action="store_true", help="keep the throw-away copy")
    ap.add_argument("--json", default=None, help="where to write the numbers (default: a temp file)")
    args = ap.parse_args(argv)

    from autograde_bench import CpuAccount
    from seqlab.course import Course
    account = CpuAccount()
    if account.path:
        cpu_clock, accounting = account.seconds, "cgroup cpuacct (every process, sandboxes included)"
    else:
        import resource

        def cpu_clock():
            return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                       for f in ("ru_utime", "ru_stime"))
        accounting = "getrusage (the demo and the processes it waited for; not the sandboxed student processes)"
    scratch = None
    try:
        if args.here:
            course = Course(ROOT)
        else:
            from tests.course_copy import copy_course
            scratch = Path(tempfile.mkdtemp(prefix="seqlab-demo-bench-"))
            course = copy_course(scratch / "course")
        runs = []
        for i in range(args.runs):
            run = one_run(course, args.workers, cpu_clock)
            runs.append(run)
            steps = "  ".join(f"{k} {v:.1f}/{run['steps_cpu_s'][k]:.1f}" for k, v in run["steps_wall_s"].items())
            print(f"run {i + 1}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU "
                  f"(load {run['loadavg_before'][0]:.2f} → {run['loadavg_after'][0]:.2f}); "
                  f"per step wall/CPU s: {steps}; {run['produced']['feedback_pages']} feedback pages")
            if not (run["produced"]["every_autograded_notebook_has_feedback"] and run["produced"]["grades_csv"]
                    and run["produced"]["class_report"]):
                print(f"run {i + 1}: something the demo produces is missing: {run['produced']}", file=sys.stderr)
                return 1
        out = {"cores": os.cpu_count(), "cpu_accounting": accounting, "workers": args.workers,
               "course": str(course.root), "runs": runs}
        path = args.json or tempfile.mkstemp(prefix="seqlab-demo-time-", suffix=".json")[1]
        Path(path).write_text(json.dumps(out, indent=1))
        print(f"CPU accounting: {accounting}\nnumbers → {path}")
        return 0
    finally:
        account.close()
        if scratch is not None and not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        elif scratch is not None:
            print(f"kept {scratch}")


if __name__ == "__main__":
    sys.exit(main())
