"""nbgrader's Validate (JupyterLab's button, `nbgrader validate`) lists each function that fails its
self-checks, with the reason, although check() never stops Run All in the notebook."""
import shutil
import subprocess
import sys

import nbformat
import pytest

from seqlab.grading.notebook import is_solution
from tests.course_copy import ROOT

pytestmark = pytest.mark.slow      # runs a kernel over a whole notebook


def test_validate_lists_the_functions_that_fail_their_self_checks(tmp_path):
    folder = tmp_path / "recurrent"
    shutil.copytree(ROOT / "release" / "recurrent", folder)
    path = folder / "recurrent.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if is_solution(cell) and cell.metadata.nbgrader.grade_id == "sigmoid":
            cell.source = cell.source.replace("raise NotImplementedError()",
                                              "return 0.5 * (1 + np.tanh(x / 2))")   # right, written otherwise
    nbformat.write(nb, path)
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600)
    out = proc.stdout + proc.stderr
    functions = [c.metadata.nbgrader.grade_id for c in nb.cells if is_solution(c)]
    assert f"VALIDATION FAILED ON {len(functions) - 1} CELL(S)" in out, out[-3000:]
    assert "lstm_gates: lstm_gates is not implemented yet" in out
    assert "check(sigmoid)" not in out
