"""One class, two languages: each notebook is released in English and, beside it, in Korean
(c.Seqlab.also_release); a student works in either; both grade into one gradebook, by plain
nbgrader and by seqlab autograde alike, and the feedback speaks the language the student worked in."""
import re
import shutil

import nbformat
import pytest

from seqlab import pipeline
from seqlab.autograde import autograde
from seqlab.demo import build_submission, _mistakes
from tests.conftest import clone
from tests.course_copy import copy_course
from tests.demo_class import ROSTER

pytestmark = pytest.mark.slow
A = "recurrent"
HANGUL = re.compile("[\uac00-\ud7a3]")


def text_of(nb, kind="markdown"):
    return "\n".join(c.source for c in nb.cells if c.cell_type == kind)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("twins") / "course", with_release=False)
    for folder in course.source.iterdir():
        if folder.is_dir() and folder.name != A:
            shutil.rmtree(folder)
    pipeline.release(course, [A])
    return course


def hand_in(course, student, work_in, answers):
    """``student`` fetched both files and worked in ``work_in`` (the other stays as released)."""
    folder = course.root / "submitted" / student / A
    folder.mkdir(parents=True)
    persona = next(p for p in ROSTER if p.student == answers)
    source = nbformat.read(course.notebook(A), as_version=4)
    for name in (f"{A}.ipynb", f"{A}.ko.ipynb"):
        release = nbformat.read(course.root / "release" / A / name, as_version=4)
        nb = build_submission(persona, source, release, _mistakes(course)) if name == work_in else release
        nbformat.write(nb, folder / name)


def test_both_languages_are_released_with_the_same_graded_cells(released):
    en = nbformat.read(released.root / "release" / A / f"{A}.ipynb", as_version=4)
    ko = nbformat.read(released.root / "release" / A / f"{A}.ko.ipynb", as_version=4)
    assert not HANGUL.search(text_of(en)) and HANGUL.search(text_of(ko))
    graded = lambda nb: [(c.metadata.nbgrader["grade_id"], c.metadata.nbgrader.get("points"))   # noqa: E731
                         for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded(en) == graded(ko) and graded(en)
    assert (en.metadata.seqlab.language, ko.metadata.seqlab.language) == ("en", "ko")


@pytest.mark.parametrize("path", ["nbgrader", "seqlab"])
def test_each_student_is_graded_on_the_file_they_worked_in(released, tmp_path, path):
    course = clone(released, tmp_path / "course")
    hand_in(course, "en-student", f"{A}.ipynb", "demo-01-ada")          # full marks, in English
    hand_in(course, "ko-student", f"{A}.ko.ipynb", "demo-01-ada")       # full marks, in Korean
    hand_in(course, "ko-mistake", f"{A}.ko.ipynb", "demo-04-dae")       # PyTorch's GRU update, in Korean
    if path == "nbgrader":
        course.nbgrader("autograde", A, "--force", "--create", "--RunHiddenChecks.seed=3")
    else:
        autograde(course, A, workers=2, seed=3, progress=False, log=lambda *a: None)
    scores = pipeline.class_scores(course, [A], ["en-student", "ko-student", "ko-mistake"])
    full = scores["en-student"][A][1]
    assert scores["en-student"][A][0] == scores["ko-student"][A][0] == full > 0
    assert scores["ko-mistake"][A][0] < full
    graded = lambda s: nbformat.read(course.root / "autograded" / s / A / f"{A}.ipynb", as_version=4)   # noqa: E731
    outputs = lambda nb: "\n".join(o.get("data", {}).get("text/plain", "")                              # noqa: E731
                                   for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
                                   for o in c.get("outputs", []))
    assert HANGUL.search(outputs(graded("ko-mistake"))) and "(1−z_t)" in outputs(graded("ko-mistake"))
    assert not HANGUL.search(outputs(graded("en-student")))
    assert HANGUL.search(text_of(graded("ko-student")))          # the Korean notebook was graded
