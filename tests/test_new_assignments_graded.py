"""The three assignments of the lecture's second half (bptt, decoder, sequence_modeling) are graded
alike by plain ``nbgrader autograde`` (a real kernel, then RunHiddenChecks) and by ``seqlab
autograde`` (the kit's workers): with the same seed, the same score for every grade cell of every
student. The class: the reference answers, the untouched release, the reference answers that
print, write to stderr and warn (a module class too), and two personas whose stories
include mistakes of that assignment (tests/demo_class.py), so that the scores compared are full,
zero and partial.
"""
import shutil

import pytest

from seqlab import pipeline
from seqlab.autograde import autograde
from tests.conftest import clone

pytestmark = pytest.mark.slow
SEED = 20261203
CLASS = {
    "bptt": ["demo-01-ada", "demo-02-ben", "demo-13-mo", "demo-05-eun", "demo-16-pia"],
    "decoder": ["demo-01-ada", "demo-02-ben", "demo-13-mo", "demo-07-gita", "demo-16-pia"],
    "sequence_modeling": ["demo-01-ada", "demo-02-ben", "demo-13-mo", "demo-05-eun", "demo-15-omar"],
}


def cell_scores(course, assignment, students):
    """{(student, grade cell): (score, max_score, written)} from the gradebook; written answers wait
    for manual grading (score 0 until an instructor grades them)."""
    from nbgrader.api import Gradebook
    out = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        for s in students:
            for nb in gb.find_submission(assignment, s).notebooks:
                for g in nb.grades:
                    out[(s, g.name)] = (g.score, g.max_score, g.needs_manual_grade)
    return out


@pytest.fixture(scope="module", params=sorted(CLASS))
def handed_in(request, tmp_path_factory):
    """A course with only ``assignment`` released and its small class handed in, nothing graded."""
    from seqlab.demo import build_class
    from tests.course_copy import copy_course
    from tests.demo_class import ROSTER
    assignment = request.param
    course = copy_course(tmp_path_factory.mktemp(assignment) / "course")
    for folder in course.source.iterdir():
        if folder.is_dir() and folder.name != assignment:
            shutil.rmtree(folder)
    pipeline.release(course, [assignment])
    build_class(course, [p for p in ROSTER if p.student in CLASS[assignment]])
    return assignment, course


def test_plain_nbgrader_and_seqlab_autograde_give_the_same_scores(handed_in, tmp_path):
    assignment, template = handed_in
    students = CLASS[assignment]
    plain = clone(template, tmp_path / "plain")
    plain.nbgrader("autograde", assignment, "--force", "--create", f"--RunHiddenChecks.seed={SEED}")
    fast = clone(template, tmp_path / "fast")
    summary = autograde(fast, assignment, workers=2, seed=SEED, progress=False, log=lambda *a: None)
    assert summary["graded"] == len(students)

    expected = cell_scores(plain, assignment, students)
    assert cell_scores(fast, assignment, students) == expected
    auto = {k: v for k, v in expected.items() if not v[2]}             # what the checks decided
    score = {s: sum(v[0] for (who, _), v in auto.items() if who == s) for s in students}
    most = sum(v[1] for (who, _), v in auto.items() if who == "demo-01-ada")
    assert most > 0 and score["demo-01-ada"] == most                    # the reference: full marks
    assert score["demo-02-ben"] == 0                                    # the release untouched: nothing
    assert score["demo-13-mo"] == most                                  # chatty but right: full marks
    for s in students[3:]:                                              # a mistake costs some checks, not all
        assert 0 < score[s] < most, (s, score[s], most)
