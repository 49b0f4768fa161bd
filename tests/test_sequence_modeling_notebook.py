"""The lab's notebook runs as a student runs it (Run All, a real kernel): the SOURCE notebook with the
reference solutions passes every self-check, finishes every experiment and draws every plot; the
RELEASED notebook, stubs and all, runs to the end without an exception and says what is not
implemented yet (in both languages)."""
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from tests.course_copy import ROOT

FOLDER = "sequence_modeling"


def run(folder, name, tmp_path):
    """Execute ``folder/name`` in a copy of its folder (outputs stay out of the course); the notebook."""
    here = tmp_path / FOLDER
    shutil.copytree(folder, here, symlinks=False)
    nb = nbformat.read(here / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(here)}}).execute()
    return nb


def texts(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def figures(nb):
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def graded_test_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]


@pytest.mark.slow
def test_the_source_notebook_runs_top_to_bottom_with_the_reference(tmp_path):
    nb = run(ROOT / "source" / FOLDER, f"{FOLDER}.ipynb", tmp_path)
    checks = graded_test_cells(nb)
    assert len(checks) == 7
    for cell in checks:
        assert "✓" in texts(cell) and "✗" not in texts(cell), (cell.id, texts(cell))
    out = "\n".join(texts(c) for c in nb.cells if c.cell_type == "code")
    assert "No picture" not in out and "No comparison" not in out, out
    for model in ("Transformer", "RNN", "LSTM", "GRU", "naive"):
        assert model in out
    assert "without PE" in out and "8 head(s)" in out and "T = 10 → 320" in out
    # the data, the comparison, position importance and heads, without PE, heads, time against length
    assert figures(nb) == 6


@pytest.mark.slow
@pytest.mark.parametrize("name,stub", [(f"{FOLDER}.ipynb", "not implemented yet"),
                                       (f"{FOLDER}.ko.ipynb", "아직 구현되지 않았습니다")])
def test_the_released_notebook_runs_with_its_stubs_and_says_what_is_missing(tmp_path, name, stub):
    nb = run(ROOT / "release" / FOLDER, name, tmp_path)       # an exception in any cell fails here
    for cell in graded_test_cells(nb):
        assert "✗" in texts(cell) and stub in texts(cell), (cell.id, texts(cell))
    assert figures(nb) == 1                                    # only the data: every experiment waits
    out = "\n".join(texts(c) for c in nb.cells if c.cell_type == "code")
    assert ("아직 비교 결과가 없습니다" if name.endswith(".ko.ipynb") else "No comparison yet") in out
