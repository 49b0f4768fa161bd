"""The fast path's one-pass converter writes what nbgrader's two passes write.

Every demo persona (blank, half done, mistakes, tampered and deleted test cells, edited points,
invalid JSON, not a notebook, written answers) is graded twice with the kernel off and the same
seed: by nbgrader's own ``Autograde`` (sanitize, write, read back, autograde, write) and by
``OnePassAutograde``. The autograded notebooks are identical byte for byte, and so are the
grades in the gradebook.
"""
import json
import shutil

import pytest
from nbgrader.api import Gradebook

from seqlab import pipeline
from seqlab.course import Course
from seqlab.demo import build_class
from tests.demo_class import ROSTER
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow      # grades course copies: make test, not make check

ASSIGNMENTS = ["recurrent", "quiz_review"]
SEED = 4242


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("onepass")
    template = copy_course(tmp / "template")
    pipeline.release(template, ASSIGNMENTS)
    build_class(template, [p for p in ROSTER if p.student != "demo-09-ivan"])
    courses = {}
    for one_pass in (False, True):
        course = Course(root=shutil.copytree(template.root, tmp / f"one_pass_{one_pass}"))
        convert = pipeline.nbgrader_converter(course, seed=SEED, one_pass=one_pass)
        for a in ASSIGNMENTS:
            for folder in sorted((course.root / "submitted").iterdir()):
                if (folder / a).is_dir():
                    assert convert(a, folder.name), f"{folder.name}/{a} was not graded"
        courses[one_pass] = course
    return courses


def test_same_autograded_notebooks(graded):
    two, one = graded[False], graded[True]
    files = sorted(p.relative_to(two.root) for p in (two.root / "autograded").rglob("*.ipynb"))
    assert len(files) >= 2 * 14
    assert files == sorted(p.relative_to(one.root) for p in (one.root / "autograded").rglob("*.ipynb"))
    for f in files:
        assert comparable(one, f) == comparable(two, f), f


def comparable(course, autograded):
    """The file's text, with the cell ids nbformat or nbgrader invent at random (for cells added
    back, or whose id was missing or duplicated in the submitted file) replaced by a mark."""
    text = (course.root / autograded).read_text(encoding="utf-8")
    submitted = course.root / "submitted" / autograded.relative_to("autograded")
    try:
        ids = [c.get("id") for c in json.loads(submitted.read_text(encoding="utf-8"))["cells"]]
    except (ValueError, KeyError, TypeError):
        ids = []                          # unreadable: graded as the release with a note
    kept = {i for i in ids if i is not None and ids.count(i) == 1}
    for cell in json.loads(text)["cells"]:
        if cell.get("id") not in kept:
            text = text.replace(f'"id": "{cell["id"]}"', '"id": "<invented>"')
    return text


def test_same_grades(graded):
    def grades(course):
        with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
            return {(s.student.id, s.assignment.name, g.name): (g.auto_score, g.needs_manual_grade)
                    for a in ASSIGNMENTS for s in gb.assignment_submissions(a)
                    for nb in s.notebooks for g in nb.grades}
    two, one = grades(graded[False]), grades(graded[True])
    assert len(two) > 100 and one == two
