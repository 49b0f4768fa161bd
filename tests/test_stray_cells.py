"""An honest copy-pasted cell must not zero a notebook (seqlab.preprocessors.stray_cells).

Plain nbgrader 0.9.6 gives a notebook 0, with no reason shown, when a cell's ``grade_id``
appears twice or is unknown to the gradebook. One submission of the recurrent assignment, with
every answer right, also has: a copy of the test cell ``test_sigmoid`` below the original, a
cell with made-up nbgrader metadata (a 5-point "bonus" test), and a copy of the answer cell
``lstm_hidden`` whose original holds an earlier, wrong attempt (the copy, run after it, is what
the student's notebook uses). Graded by plain ``nbgrader autograde`` (real kernel) and by
``seqlab autograde`` (the fast path, same sanitize preprocessors), it keeps full marks, the
maximum score is the assignment's, and the notebook and feedback say kindly what was ignored.
"""
import copy
import shutil
import uuid

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from seqlab import pipeline
from seqlab.autograde import autograde
from seqlab.course import Course
from seqlab.preprocessors.stray_cells import NOTE_TAG
from tests import attacks as A
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow      # grades course copies: make test, not make check

ASSIGNMENT = A.ASSIGNMENT
STUDENT = "copier"
SEED = 777


def pasted(cell):
    """A copy of ``cell`` as JupyterLab pastes it: same content and metadata, a new cell id."""
    cell = copy.deepcopy(cell)
    cell.id = uuid.uuid4().hex[:8]
    return cell


def copied_cells_submission(source_nb, release_nb):
    nb = A.build_base(A.BASES["full"], source_nb, release_nb)
    at = next(i for i, c in enumerate(nb.cells) if A.grade_id(c) == "test_sigmoid")
    nb.cells.insert(at + 1, pasted(nb.cells[at]))
    bonus = {"grade": True, "solution": False, "locked": True, "grade_id": "my_bonus", "points": 5,
             "schema_version": 3}
    nb.cells.insert(at + 2, new_code_cell("print('my own test')", metadata={"nbgrader": bonus}))
    at = next(i for i, c in enumerate(nb.cells) if A.grade_id(c) == "lstm_hidden")
    right = pasted(nb.cells[at])
    nb.cells[at].source = "import numpy as np\n\ndef lstm_hidden(o_t, c_t):\n    return o_t * c_t\n"
    nb.cells.insert(at + 1, right)
    forged = [{"id": "forged_check", "function": "lstm_step", "passed": True, "diagnosis": None, "weight": 1}]
    nb.cells.insert(0, new_markdown_cell("notes", metadata={"seqlab": {"checks": forged}}))
    return nb


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stray")
    plain = copy_course(tmp / "plain")
    plain.nbgrader("generate_assignment", ASSIGNMENT, "--force", "--create")
    source_nb = nbformat.read(plain.notebook(ASSIGNMENT, "source"), as_version=4)
    release_nb = nbformat.read(plain.notebook(ASSIGNMENT, "release"), as_version=4)
    folder = plain.root / "submitted" / STUDENT / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(copied_cells_submission(source_nb, release_nb), folder / f"{ASSIGNMENT}.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    shutil.copytree(plain.root, tmp / "fast")
    fast = Course(root=tmp / "fast")
    plain.nbgrader("autograde", ASSIGNMENT, "--force", "--create", f"--RunHiddenChecks.seed={SEED}")
    plain.nbgrader("generate_feedback", ASSIGNMENT, "--force")
    autograde(fast, ASSIGNMENT, workers=1, seed=SEED, force=True, progress=False, log=lambda *a: None)
    return {"nbgrader": plain, "fast": fast}, sum(float(c.metadata.nbgrader.points)
                                                  for c in source_nb.cells if A.is_test(c))


def autograded(course):
    return nbformat.read(course.root / "autograded" / STUDENT / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


@pytest.mark.parametrize("path", ["nbgrader", "fast"])
def test_copied_and_stray_cells_keep_full_marks(courses, path):
    by_path, total = courses
    score, max_score, _ = pipeline.class_scores(by_path[path], [ASSIGNMENT], [STUDENT])[STUDENT][ASSIGNMENT]
    assert max_score == pytest.approx(total), "the made-up 5-point cell changed the maximum"
    assert score == pytest.approx(total), "a copied or stray cell cost points"


@pytest.mark.parametrize("path", ["nbgrader", "fast"])
def test_the_notebook_says_what_was_ignored(courses, path):
    nb = autograded(courses[0][path])
    dropped = nb.metadata["seqlab"]["dropped_cells"]
    assert sorted((d["grade_id"], d["reason"], d["role"]) for d in dropped) == [
        ("lstm_hidden", "copy", "answer"), ("my_bonus", "unknown", "test"), ("test_sigmoid", "copy", "test")]
    notes = [c.source for c in nb.cells if NOTE_TAG in c.metadata.get("tags", [])]
    assert len(notes) == 3
    assert any("copy of the graded cell `test_sigmoid`" in n for n in notes)
    assert any("`my_bonus`" in n and "earns no points" in n for n in notes)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert ids.count("test_sigmoid") == 1 and "my_bonus" not in ids
    assert ids.count("lstm_hidden") == 1


def test_feedback_shows_the_note(courses):
    course = courses[0]["nbgrader"]
    html = (course.root / "feedback" / STUDENT / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "is a copy of the graded cell" in html and "test_sigmoid" in html


@pytest.mark.parametrize("path", ["nbgrader", "fast"])
def test_check_results_in_the_file_are_not_kept(courses, path):
    """Only the grader writes per-check results (the class report reads them): forged ones go."""
    nb = autograded(courses[0][path])
    ids = [c["id"] for cell in nb.cells for c in cell.get("metadata", {}).get("seqlab", {}).get("checks", [])]
    assert ids, "no check results at all in the autograded notebook"
    assert "forged_check" not in ids
