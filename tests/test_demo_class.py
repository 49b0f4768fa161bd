"""The demo class as ``seqlab demo`` hands it in (no grading): students with names, real written
answers to the quizzes' written questions (good, partial, wrong; English or Korean), a missing
hand-in, a late one, and a disguised copy."""
import datetime as dt
import json
import re

import nbformat
import pytest

from seqlab.demo import build_class, disguise, is_written
from seqlab.i18n import pick
from tests.course_copy import copy_course
from tests.demo_class import ROSTER, WRITTEN

BY_ID = {p.student: p for p in ROSTER}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("democlass") / "course")
    build_class(course, ROSTER)
    return course


def notebook(course, student, assignment):
    return nbformat.read(course.root / "submitted" / student / assignment / f"{assignment}.ipynb", as_version=4)


def written(nb):
    return {c.metadata.nbgrader.grade_id: c.source for c in nb.cells if is_written(c)}


def test_every_demo_student_has_a_name():
    assert all(p.first_name and p.last_name for p in ROSTER)
    assert len({(p.first_name, p.last_name) for p in ROSTER}) == len(ROSTER)


def test_every_written_question_has_three_answers_in_both_languages(course):
    released = {gid for a in course.assignments() for gid in written(nbformat.read(course.notebook(a, "release"), as_version=4))}
    assert released and set(WRITTEN) == released
    for answers in WRITTEN.values():
        assert set(answers) == {"good", "partial", "wrong"}
        assert all(t.en.strip() and t.ko.strip() and t.en != t.ko for t in answers.values())


def test_the_students_write_their_answers_in_their_language(course):
    qualities = {p.written for p in ROSTER if p.written}
    assert qualities == {"good", "partial", "wrong"} and {p.language for p in ROSTER if p.written} == {"en", "ko"}
    for p in ROSTER:
        if not p.written or p.file or p.default == "blank":
            continue
        got = written(notebook(course, p.student, "quiz_review"))
        for grade_id, text in got.items():
            if p.solved_fraction == 1.0:
                assert text.strip() == pick(WRITTEN[grade_id][p.written], p.language).strip(), (p.student, grade_id)
    release = written(nbformat.read(course.notebook("quiz_review", "release"), as_version=4))
    assert written(notebook(course, "demo-02-ben", "quiz_review")) == release      # blank: untouched


def test_a_missing_and_a_late_hand_in(course):
    missing = [(p.student, a) for p in ROSTER for a in p.missing]
    assert missing
    for student, a in missing:
        assert not (course.root / "submitted" / student / a).exists()
    late = [(p.student, a, h) for p in ROSTER for a, h in p.late.items()]
    assert late
    for student, a, hours in late:
        stamp = (course.root / "submitted" / student / a / "timestamp.txt").read_text().replace(" UTC", "")
        when = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=dt.timezone.utc)
        assert when - course.due(a) == dt.timedelta(hours=hours)
    stamp = (course.root / "submitted" / "demo-01-ada" / "recurrent" / "timestamp.txt").read_text().replace(" UTC", "")
    assert dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=dt.timezone.utc) < course.due("recurrent")


def test_the_copy_is_the_originals_code_disguised(course):
    copier = next(p for p in ROSTER if p.copies)
    for a, original in copier.copies.items():
        mine, theirs = notebook(course, copier.student, a), notebook(course, original, a)
        cells = [(m.source, t.source) for m, t in zip(mine.cells, theirs.cells) if m.metadata.get("nbgrader", {}).get("solution")
                 and m.cell_type == "code"]
        assert cells and any(m != t for m, t in cells)
        released = {c.metadata.nbgrader.grade_id: c.source for c in nbformat.read(course.notebook(a, "release"), as_version=4).cells
                    if c.metadata.get("nbgrader", {}).get("solution")}
        for (m, t), cell in zip(cells, [c for c in mine.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]):
            keep = set(re.findall(r"[A-Za-z_]\w*", released[cell.metadata.nbgrader.grade_id]))
            assert m == disguise(t, keep)
    assert json.loads((course.root / "submitted" / copier.student / "recurrent" / "recurrent.ipynb").read_text())
