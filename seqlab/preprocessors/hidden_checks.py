"""Autograde preprocessor: decide each test cell's points with the hidden checks.

Runs after the notebook was executed (or instead of it). It starts ONE trusted check run per
submission: the submission's solution cells run in a separate, limited student process
(:class:`seqlab.grading.student.StudentProcess`); the hidden checks run here, where the
reference solutions live and student code never runs, and call the student's functions only
through that process, on copies of fresh random inputs. Each graded test cell's outputs are
then replaced by the structured result, so whatever the student's code printed or patched in
the kernel cannot change a grade.
"""
import json
import os
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from ..config import language
from ..course import Course
from ..grading import sandbox
from ..grading.limits import CheckLimits
from ..grading.notebook import cells_hash, is_solution, notebook_language, solution_cells, test_cells
from ..grading.render import cell_outputs, word
from ..grading.runner import check_notebook


class RunHiddenChecks(NbGraderPreprocessor, CheckLimits):
    """Grade every test cell that names functions with ``grade("…")`` by the hidden checks.

    Its limits on student code (``call_timeout``, ``memory_limit_mb``, ``cpu_limit_s``,
    ``budget_s``, ``processes_limit``) are :class:`seqlab.grading.limits.CheckLimits`' traits."""

    reports_dir = Unicode("", help=(
        "Folder of check reports computed ahead of time (by `seqlab autograde`, in parallel or on "
        "a cluster): <assignment>/<student>.json is used instead of running the checks here when its "
        "'source_hash' matches the solution cells being graded.")).tag(config=True)
    seed = Integer(None, allow_none=True, help=(
        "Seed of the random inputs. Leave unset for fresh inputs at every run (the seed used is "
        "written into each cell's feedback); set it to reproduce a run.")).tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:            # check results come from this run only, never from the file
            meta = cell.get("metadata", {}).get("seqlab")
            if isinstance(meta, dict):
                meta.pop("checks", None)
        tests = test_cells(nb)
        if not tests:
            return nb, resources
        functions = [f for _, names in tests.values() for f in names]
        report = self._precomputed(nb, resources)
        if report is None:
            report = self._run(nb, resources, functions)
        self._write(nb, tests, functions, report, notebook_language(nb, default=language(self)))
        return nb, resources

    def _precomputed(self, nb, resources):
        student = resources.get("nbgrader", {}).get("student")
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        path = os.path.join(self.reports_dir, assignment, f"{student}.json") if self.reports_dir and student else ""
        if not path or not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        return report if report.get("source_hash") == cells_hash(solution_cells(nb)) else None

    def _run(self, nb, resources, functions):
        limits = self.limits()
        sandbox.require(limits)
        root = self.config.get("CourseDirectory", {}).get("root") or os.getcwd()
        checks = Course(root, config=self.config).check_set(resources.get("nbgrader", {}).get("assignment", ""))
        report = check_notebook(nb, checks, functions, self.seed, limits, name=resources.get("unique_key", "submission"))
        if report["errors"]:
            self.log.error("hidden checks could not run cleanly: %s", report["errors"])
        return report

    def _write(self, nb, tests, functions, report, lang):
        """Replace each graded test cell's outputs with its checks' results and points."""
        notes_by_cell = self._cell_notes(nb, report, lang)
        failed = {c["function"] for c in report["checks"] if not c["passed"]}
        sources = self._function_sources(nb)
        for grade_id, (cell, names) in tests.items():
            notes = list(notes_by_cell.get(grade_id, []))
            for fn in names:
                deps = [g for g in functions if g != fn and g in failed and fn in failed
                        and re.search(rf"\b{g}\s*\(", sources.get(fn, ""))]
                if deps:
                    notes.append(word("depends", lang, fn=fn, deps=", ".join(deps), those=", ".join(deps)))
            points = float(cell.metadata["nbgrader"]["points"])
            cell.outputs = cell_outputs(names, report, points, lang, notes)
            cell.metadata.setdefault("seqlab", {})["checks"] = [
                {k: c[k] for k in ("id", "function", "passed", "diagnosis", "weight")}
                for c in report["checks"] if c["function"] in names]
        nb.metadata.setdefault("seqlab", {}).update(seed=report["seed"], errors=report["errors"])

    @staticmethod
    def _function_sources(nb):
        """{function name: source of the solution cell that defines it}."""
        out = {}
        for cell in nb.cells:
            if is_solution(cell):
                for name in re.findall(r"^def\s+(\w+)", cell.source, re.M):
                    out[name] = cell.source
        return out

    @staticmethod
    def _cell_notes(nb, report, lang):
        """Errors of a solution cell, shown on the test cell that follows it."""
        notes, pending = {}, []
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if is_solution(cell) and meta.get("grade_id") in report["cell_errors"]:
                err = report["cell_errors"][meta["grade_id"]]
                pending.append(word("cell_error", lang, cell=meta["grade_id"], type=err["type"],
                                    message=err["message"]))
            elif meta.get("grade") and not meta.get("solution") and pending:
                notes[meta["grade_id"]] = pending
                pending = []
        return notes
