"""Every notebook runs from top to bottom in a real kernel, as students run it: the instructor's
source (the reference in every solution cell) with every self-check ✓ and every picture drawn, and
the released notebook (the stubs) with every self-check ✗ "not implemented yet" and no error — a
failed self-check never stops Run All."""
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from seqlab import sources
from seqlab.course import Course
from seqlab.preprocessors.language import SelectLanguage
from tests.course_copy import ROOT
from traitlets.config import Config

pytestmark = pytest.mark.slow      # a kernel per notebook
COURSE = Course(ROOT)
ASSIGNMENTS = sorted(sources.text_sources(COURSE))
CHECK = re.compile(r"^check\((\w+)\)$", re.M)


def execute(nb, folder):
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def errors(nb):
    return [(c.source[:80], o.get("ename"), o.get("evalue")) for c in nb.cells for o in c.get("outputs", [])
            if o.output_type == "error"]


def check_outputs(nb):
    """{function: what its check(...) cell printed}."""
    out = {}
    for cell in nb.cells:
        m = CHECK.match(cell.source) if cell.cell_type == "code" else None
        if m:
            out[m[1]] = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")
    return out


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_runs_with_every_self_check_passing(assignment, tmp_path):
    folder = tmp_path / assignment
    shutil.copytree(COURSE.source / assignment, folder, symlinks=False)
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    config = Config()
    config.Seqlab.language = "en"
    nb, _ = SelectLanguage(config=config).preprocess(nb, {})
    nb = execute(nb, folder)
    assert errors(nb) == []
    checks = check_outputs(nb)
    assert checks and all("✓" in text and "✗" not in text for text in checks.values()), checks
    pictures = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert pictures >= 1


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_released_stubs_run_to_the_end_in_korean(assignment, tmp_path):
    folder = tmp_path / assignment
    shutil.copytree(ROOT / "release" / assignment, folder)
    nb = execute(nbformat.read(folder / f"{assignment}.ko.ipynb", as_version=4), folder)
    assert errors(nb) == []
    checks = check_outputs(nb)
    assert checks and all("✗" in text and "아직 구현되지 않았습니다" in text for text in checks.values()), checks
