"""The cost of one submission's hidden checks, per assignment: ``check_notebook`` on the reference
(full-marks) submission, as a grading worker runs it (sandboxed student process forked from the
warm zygote, the pytest checks here), repeated and interleaved so that every assignment sees the
same machine load.

    .venv/bin/python bench/check_cost.py --assignments transformer,decoder --repeat 10

Prints, per assignment, the median and the range of the wall time of one ``check_notebook`` call,
the grader's own CPU time (this process; the student process's CPU is not counted), the number
of checks and the points they gave.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seqlab.grading.runner import check_notebook, prepare  # noqa: E402
from tests.reference_submission import STUDENT, with_reference_submission  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--assignments", default="transformer,decoder")
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--seed", type=int, default=20261125)
    args = p.parse_args()
    assignments = args.assignments.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        setups = {}
        for a in assignments:
            course = with_reference_submission(Path(tmp) / a, a)
            nb = nbformat.read(course.root / "submitted" / STUDENT / a / f"{a}.ipynb", as_version=4)
            functions = [f for f, owner in course.graded_functions().items() if owner == a]
            checks = course.check_set(a)
            prepare(checks)
            setups[a] = (nb, checks, functions)
        limits = course.limits()
        wall, cpu, last = {a: [] for a in assignments}, {a: [] for a in assignments}, {}
        for a in assignments:                       # warm-up: the zygote, the imports of the checks
            check_notebook(*setups[a][:2], setups[a][2], args.seed, limits)
        for _ in range(args.repeat):
            for a in assignments:
                nb, checks, functions = setups[a]
                t0, c0 = time.perf_counter(), time.process_time()
                last[a] = check_notebook(nb, checks, functions, args.seed, limits)
                wall[a].append(time.perf_counter() - t0)
                cpu[a].append(time.process_time() - c0)
        for a in assignments:
            report = last[a]
            assert not report["errors"], report["errors"]
            passed = sum(c["passed"] for c in report["checks"])
            print(f"{a:12s} median {statistics.median(wall[a]):.2f} s (min {min(wall[a]):.2f}, max {max(wall[a]):.2f}) "
                  f"wall; grader CPU median {statistics.median(cpu[a]):.2f} s; "
                  f"{len(report['checks'])} checks, {passed} passed; {len(setups[a][2])} functions; n = {args.repeat}")


if __name__ == "__main__":
    main()
