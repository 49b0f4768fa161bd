"""Every notebook runs from top to bottom in a real kernel, as students run it: the instructor's
source (the reference in every solution cell) with every self-check ✓ and every picture drawn, and
the released notebook (the stubs) with every self-check ✗ "not implemented yet" and no error — a
failed self-check never stops Run All. Lab 05's source also finishes every experiment and draws
every plot; each notebook is executed once for all the tests that read it."""
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
LAB = "sequence_modeling"
ASSIGNMENTS = sorted(sources.text_sources(COURSE))
CHECK = re.compile(r"^check\((\w+)\)$", re.M)


def execute(nb, folder):
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def errors(nb):
    return [(c.source[:80], o.get("ename"), o.get("evalue")) for c in nb.cells for o in c.get("outputs", [])
            if o.output_type == "error"]


def texts(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def figures(nb):
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def graded_test_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]


def check_outputs(nb):
    """{function: what its check(...) cell printed}."""
    out = {}
    for cell in nb.cells:
        m = CHECK.match(cell.source) if cell.cell_type == "code" else None
        if m:
            out[m[1]] = texts(cell)
    return out


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Each notebook executed once for every test that reads it: ran("source", a) is the source in
    English with the reference, ran("release", a, lang) the released notebook with its stubs."""
    done = {}

    def run(kind, assignment, lang="en"):
        if (kind, assignment, lang) not in done:
            folder = tmp_path_factory.mktemp(f"{kind}-{lang}") / assignment
            if kind == "source":
                shutil.copytree(COURSE.source / assignment, folder, symlinks=False)
                nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
                config = Config()
                config.Seqlab.language = lang
                nb, _ = SelectLanguage(config=config).preprocess(nb, {})
            else:
                shutil.copytree(ROOT / "release" / assignment, folder)
                nb = nbformat.read(folder / (f"{assignment}.ipynb" if lang == "en" else f"{assignment}.{lang}.ipynb"),
                                   as_version=4)
            done[kind, assignment, lang] = execute(nb, folder)
        return done[kind, assignment, lang]
    return run


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_runs_with_every_self_check_passing(assignment, ran):
    nb = ran("source", assignment)
    assert errors(nb) == []
    checks = check_outputs(nb)
    assert checks and all("✓" in text and "✗" not in text for text in checks.values()), checks
    assert figures(nb) >= 1


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_released_stubs_run_to_the_end_in_korean(assignment, ran):
    nb = ran("release", assignment, "ko")
    assert errors(nb) == []
    checks = check_outputs(nb)
    assert checks and all("✗" in text and "아직 구현되지 않았습니다" in text for text in checks.values()), checks


# --------------------------------------------------------------------------- lab 05: its experiments
def test_the_lab_finishes_every_experiment_and_draws_every_plot_with_the_reference(ran):
    nb = ran("source", LAB)
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


@pytest.mark.parametrize("lang,stub", [("en", "not implemented yet"), ("ko", "아직 구현되지 않았습니다")])
def test_the_released_lab_runs_with_its_stubs_and_every_experiment_waits(ran, lang, stub):
    nb = ran("release", LAB, lang)                 # an exception in any cell fails here
    for cell in graded_test_cells(nb):
        assert "✗" in texts(cell) and stub in texts(cell), (cell.id, texts(cell))
    assert figures(nb) == 1                        # only the data: every experiment waits
