"""seqlab's OverwriteCells and SaveAutoGrades, and the writer's add_submission, do exactly what
nbgrader's do, with fewer queries.

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
from nbgrader.preprocessors import OverwriteKernelspec as NbgraderOverwriteKernelspec
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades

from seqlab import pipeline
from seqlab.autograde import autograde
from seqlab.demo import build_class
from tests.demo_class import ROSTER
from seqlab.gradebook import shared_engine
from seqlab.preprocessors.gradebook_cells import OverwriteCells, OverwriteKernelspec, SaveAutoGrades
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow      # grades course copies: make test, not make check

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


@pytest.mark.parametrize("writer_run", [False, True], ids=["alone", "in-shared-engine"])
def test_overwrite_kernelspec_gives_nbgraders_notebook(course, writer_run):
    compared = 0
    with shared_engine() if writer_run else contextlib.nullcontext():
        for a, student, name, path in submissions(course):
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:
                continue
            nb.metadata["kernelspec"] = {"name": "evil", "display_name": "Not Python", "language": "sh"}
            theirs, _ = NbgraderOverwriteKernelspec().preprocess(copy.deepcopy(nb), resources(course, a, student, name))
            ours, _ = OverwriteKernelspec().preprocess(copy.deepcopy(nb), resources(course, a, student, name))
            assert ours == theirs
            assert ours.metadata.kernelspec["name"] != "evil"
            ours.metadata.kernelspec["name"] = "changed"       # each notebook has its own copy
            compared += 1
    assert compared >= 20


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



def submission_rows(gb, assignment, student):
    """Everything a new submission holds, without its random ids."""
    sub = gb.find_submission(assignment, student)
    out = [("submission", str(sub.timestamp), sub.extension)]
    for nb in sub.notebooks:
        out.append(("notebook", nb.name, nb.flagged, nb.late_submission_penalty))
        out += [("grade", nb.name, g.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                for g in nb.grades]
        out += [("comment", nb.name, c.name, c.auto_comment, c.manual_comment) for c in nb.comments]
    return sorted(out, key=repr)


def test_add_submission_creates_nbgraders_rows(course):
    """Inside shared_engine, a new submission's empty grades and comments are inserted in bulk:
    the same rows as nbgrader's add_submission, one per graded cell, answer cell and task."""
    url = f"sqlite:///{course.root / 'gradebook.db'}"
    try:
        for a in ASSIGNMENTS:
            with Gradebook(url, course_id="seqlab") as gb:
                for student in ("new-by-nbgrader", "new-by-seqlab"):
                    gb.update_or_create_student(student)
                gb.add_submission(a, "new-by-nbgrader", timestamp="2026-11-25 10:00:00.000000 UTC")
            with shared_engine():
                with Gradebook(url, course_id="seqlab") as gb:
                    gb.add_submission(a, "new-by-seqlab", timestamp="2026-11-25 10:00:00.000000 UTC")
            with Gradebook(url, course_id="seqlab") as gb:
                theirs = submission_rows(gb, a, "new-by-nbgrader")
                ours = submission_rows(gb, a, "new-by-seqlab")
                cells = {c.name for nb in gb.find_assignment(a).notebooks
                         for c in nb.grade_cells + nb.solution_cells + nb.task_cells}
            assert ours == theirs
            assert {row[2] for row in theirs if row[0] in ("grade", "comment")} == cells
    finally:
        with Gradebook(url, course_id="seqlab") as gb:
            for student in ("new-by-nbgrader", "new-by-seqlab"):
                for a in ASSIGNMENTS:
                    try:
                        gb.remove_submission(a, student)
                    except Exception:
                        pass
                gb.remove_student(student)
