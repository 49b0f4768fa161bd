"""What the hidden checks of the PyTorch lab (sequence_modeling) cost for one submission.

    .venv/bin/python bench/sequence_modeling_checks.py [--runs 3] [--sandbox bwrap|none]

A "submission" is a notebook whose solution cells hold the reference code (one cell per SPEC
class or function, as the released notebook will have them), graded as autograde grades one:
``NotebookImpl`` (the student process forked from a warm torch zygote in the sandbox), then every
hidden check of the lab through ``run_checks``. Printed per run: wall time, the grader's CPU
(this process), the student process's CPU (read by a bench-only cell in it, so it counts only
that process; the checks start no other), and the checks' verdicts. The first run also starts the
torch zygote (import torch and a warm-up step, once per grading process), reported on its own.
"""
import argparse
import inspect
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FUNCTIONS = ["PositionalEncoding", "TransformerForecaster", "RNNForecaster", "count_parameters",
             "train_model", "evaluate", "last_position_attention"]

BENCH_CELL = ("import time as _time\n"
              "def bench_cpu_seconds():\n"
              "    return _time.process_time()\n")


def reference_notebook():
    """Imports and make_sine_data in a provided cell; each SPEC item in its own solution cell."""
    import nbformat

    from solutions import sequence_modeling as ref
    nb = nbformat.v4.new_notebook()
    provided = "import math\n\nimport numpy as np\nimport torch\nfrom torch import nn\n\n\n" + \
        inspect.getsource(ref.make_sine_data) + "\n\n" + BENCH_CELL
    cell = nbformat.v4.new_code_cell(provided)
    cell.metadata["tags"] = ["seqlab:provided"]
    nb.cells.append(cell)
    for name in FUNCTIONS:
        cell = nbformat.v4.new_code_cell(inspect.getsource(getattr(ref, name)))
        cell.metadata["nbgrader"] = {"solution": True, "grade_id": name, "locked": False, "schema_version": 3}
        nb.cells.append(cell)
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sandbox", default="bwrap", choices=("bwrap", "none"))
    args = parser.parse_args(argv)

    from seqlab.grading.impl import NotebookImpl
    from seqlab.grading.runner import run_checks
    from seqlab.grading.student import Limits
    from seqlab.grading.zygote import zygote_for

    limits = Limits(sandbox=args.sandbox)
    nb = reference_notebook()
    run_checks("module:solutions.sequence_modeling", functions=FUNCTIONS, seed=args.seed)   # grader warm-up

    wall, cpu = time.perf_counter(), time.process_time()
    zygote_for(limits, preload=("torch",))
    zygote_wall = time.perf_counter() - wall
    results = []
    for run in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        impl = NotebookImpl(nb, limits, name="reference")
        started = time.perf_counter()
        student_before = float(impl.bench_cpu_seconds())
        close, impl.close = impl.close, lambda: None        # the run's end closes it: read its CPU first
        generation = impl.process.generation
        report = run_checks(impl, functions=FUNCTIONS, seed=args.seed + run)
        student_after = float(impl.bench_cpu_seconds()) if impl.process.generation == generation else float("nan")
        close()
        result = {"run": run + 1, "wall_s": round(time.perf_counter() - wall, 3),
                  "start_and_cells_wall_s": round(started - wall, 3),
                  "grader_cpu_s": round(time.process_time() - cpu, 3),
                  "student_cpu_checks_s": round(student_after - student_before, 3),
                  "student_cpu_cells_s": round(student_before, 3),
                  "checks": len(report["checks"]), "passed": sum(c["passed"] for c in report["checks"]),
                  "errors": report["errors"][:1]}
        results.append(result)
        print(json.dumps(result))
    print(json.dumps({"torch_zygote_start_wall_s": round(zygote_wall, 3), "sandbox": args.sandbox}))
    return 0 if all(r["passed"] == r["checks"] and not r["errors"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
