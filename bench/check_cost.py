"""The cost of one submission's hidden checks, per assignment: ``check_notebook`` (a fresh sandboxed
student process for the submission's solution and provided cells, then every check of the
assignment) on the reference submission (the source notebook, whose solution cells hold the
answers), timed ``--repeat`` times in this one process, alternating assignments. Prints the median,
the spread and the CPU time of this process (the student process's CPU is not in it).

    .venv/bin/python bench/check_cost.py bptt transformer --repeat 10
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="+")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    import nbformat

    from seqlab.course import Course
    from seqlab.grading.notebook import test_cells
    from seqlab.grading.runner import check_notebook, prepare
    course = Course(ROOT)
    limits = course.limits()
    work = {}
    for a in args.assignments:
        nb = nbformat.read(course.notebook(a, "source"), as_version=4)
        functions = [f for _, names in test_cells(nb).values() for f in names]
        prepare(course.check_set(a))
        report = check_notebook(nb, course.check_set(a), functions, args.seed, limits, name=f"reference:{a}")  # warm-up
        failed = [c["id"] for c in report["checks"] if not c["passed"]]
        if failed or report["errors"]:
            sys.exit(f"{a}: the reference does not pass: {failed or report['errors']}")
        work[a] = (nb, functions, len(report["checks"]))
    wall = {a: [] for a in work}
    cpu = {a: [] for a in work}
    for _ in range(args.repeat):
        for a, (nb, functions, _) in work.items():
            w, c = time.perf_counter(), time.process_time()
            check_notebook(nb, course.check_set(a), functions, args.seed, limits, name=f"reference:{a}")
            wall[a].append(time.perf_counter() - w)
            cpu[a].append(time.process_time() - c)
    print(f"{'assignment':<12} {'functions':>9} {'checks':>6} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>6}")
    for a, (_, functions, n_checks) in work.items():
        print(f"{a:<12} {len(functions):>9} {n_checks:>6} {statistics.median(wall[a]):>9.3f} {min(wall[a]):>7.3f} "
              f"{max(wall[a]):>7.3f} {statistics.median(cpu[a]):>6.3f}")


if __name__ == "__main__":
    main()
