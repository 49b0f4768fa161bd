"""seqlab's OverwriteCells and SaveAutoGrades do exactly what nbgrader's do, with fewer queries.

On a graded demo class (every persona: blank, half done, mistakes, tampered and deleted test
cells, edited points, written answers), each submission goes through nbgrader's preprocessor
and seqlab's on the same gradebook: the notebooks that come out are identical, and so are the
gradebook rows written (every grade's auto score and manual-grading flag, every comment).
"""
import contextlib
import copy

import nbformat
import pytest
from nbgrader.api import Comment, Grade, Gradebook
from nbgrader.preprocessors import OverwriteCells as NbgraderOverwriteCells
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades

from seqlab import pipeline
from seqlab.autograde import autograde
from seqlab.demo import ROSTER, build_class
from seqlab.gradebook import shared_engine
from seqlab.preprocessors.gradebook_cells import OverwriteCells, SaveAutoGrades
from tests.course_copy import copy_course

ASSIGNMENTS = ["recurrent", "quiz_review"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("gbcells") / "course")
    pipeline.release(course, ASSIGNMENTS)
    build_class(course, [p for p in ROSTER if p.student != "demo-09-ivan"])
    for a in ASSIGNMENTS:
        autograde(course, a, workers=2, seed=7, progress=False, log=lambda *m: None)
    return course


def submissions(course):
    for a in ASSIGNMENTS:
        name = course.notebook(a, "source").stem
        for folder in sorted((course.root / "submitted").iterdir()):
            path = folder / a / f"{name}.ipynb"
            if path.exists():
                yield a, folder.name, name, path


def resources(course, a, student, notebook):
    return {"nbgrader": {"notebook": notebook, "assignment": a, "student": student,
                         "db_url": f"sqlite:///{course.root / 'gradebook.db'}"}}


def rows(course):
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        grades = {(g.student.id, g.assignment.name, g.notebook.name, g.name): (g.auto_score, g.needs_manual_grade)
                  for g in gb.db.query(Grade)}
        comments = {(c.student.id, c.assignment.name, c.notebook.name, c.name): c.auto_comment
                    for c in gb.db.query(Comment)}
    return grades, comments


def scramble(course):
    """Overwrite every value SaveAutoGrades writes, so that only what it writes remains."""
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        for g in gb.db.query(Grade):
            g.auto_score, g.needs_manual_grade = 12345.0, True
        for c in gb.db.query(Comment):
            c.auto_comment = "scrambled"
        gb.db.commit()


@pytest.mark.parametrize("writer_run", [False, True], ids=["alone", "in-shared-engine"])
def test_overwrite_cells_gives_nbgraders_notebook(course, writer_run):
    """Alone, it reads the source cells once per notebook; inside shared_engine (seqlab
    autograde's writer), once per run, and opens no query when no graded cell is missing."""
    compared = restored = 0
    with shared_engine() if writer_run else contextlib.nullcontext():
        for a, student, name, path in submissions(course):
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:
                continue                         # the invalid-JSON persona: nbgrader never reads it
            theirs, _ = NbgraderOverwriteCells(add_missing_cells=True).preprocess(copy.deepcopy(nb), resources(course, a, student, name))
            ours, _ = OverwriteCells(add_missing_cells=True).preprocess(copy.deepcopy(nb), resources(course, a, student, name))
            assert ours == theirs, f"{student}/{a}: OverwriteCells differs from nbgrader's"
            compared += 1
            restored += len(theirs.cells) > len(nb.cells)          # a deleted test cell came back
    assert compared >= 20
    assert restored >= 1, "no persona deleted a graded cell: the missing-cell path went untested"


def test_save_autogrades_writes_nbgraders_rows(course):
    graded = [(a, s, n, course.root / "autograded" / s / a / f"{n}.ipynb") for a, s, n, _ in submissions(course)]
    graded = [g for g in graded if g[3].exists()]
    assert len(graded) >= 20

    def run(cls):
        scramble(course)
        for a, student, name, path in graded:
            cls().preprocess(nbformat.read(path, as_version=4), resources(course, a, student, name))
        return rows(course)

    theirs, ours = run(NbgraderSaveAutoGrades), run(SaveAutoGrades)
    assert ours == theirs
    grades, comments = theirs          # and the comparison covered rows that were written:
    written = [k for k, (score, _) in grades.items() if score != 12345.0]
    assert len(written) > 0.8 * len(grades), "SaveAutoGrades wrote few of the grades"
    assert sum(c != "scrambled" for c in comments.values()) > 0.8 * len(comments)

