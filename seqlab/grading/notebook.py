"""What the grader reads from a notebook: the code to run and the functions to check.

* Code to run: the solution cells (nbgrader ``solution: true``) and read-only cells tagged
  ``seqlab:provided`` (working versions of functions from earlier assignments), in order.
* Functions to check: every autograded test cell names the function it grades with a
  ``grade("name")`` line inside its hidden-tests region; :func:`graded_functions` maps the
  cell's ``grade_id`` to those names.
"""
import hashlib
import json
import re

PROVIDED_TAG = "seqlab:provided"
GRADE_CALL = re.compile(r"""^\s*grade\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\)\s*$""", re.M)


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution(cell):
    return cell.get("cell_type") == "code" and bool(_nbgrader(cell).get("solution"))


def is_test(cell):
    meta = _nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def solution_cells(nb):
    """[{"id": grade_id, "source": code}] for the cells the student process must run."""
    cells = []
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if is_solution(cell) or (cell.get("cell_type") == "code" and PROVIDED_TAG in tags):
            cells.append({"id": _nbgrader(cell).get("grade_id") or f"cell-{index}", "source": cell.source})
    return cells


def graded_functions(cell_source):
    """Function names a test cell grades (its ``grade("…")`` lines)."""
    return GRADE_CALL.findall(cell_source)


def test_cells(nb):
    """{grade_id: (cell, [function names])} for every test cell that grades functions."""
    out = {}
    for cell in nb.cells:
        if is_test(cell):
            names = graded_functions(cell.source)
            if names:
                out[_nbgrader(cell)["grade_id"]] = (cell, names)
    return out


def cells_hash(cells):
    """A fingerprint of the code the student process runs (for reusing precomputed reports)."""
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()


def notebook_language(nb, default):
    """The language a notebook was released in (``SelectLanguage`` records it), else ``default``."""
    from ..i18n import LANGUAGES
    lang = nb.get("metadata", {}).get("seqlab", {}).get("language")
    return lang if lang in LANGUAGES else default
