"""A course copy with one student's reference (full-marks) submission, built as the demo builds it."""
import shutil
from pathlib import Path

from seqlab.course import Course
from seqlab.demo import build_class
from tests.demo_class import ROSTER
from tests.course_copy import copy_course

STUDENT = "demo-01-ada"          # the demo persona who hands in the reference answers


def with_reference_submission(dest: Path, assignment: str) -> Course:
    """Copy of the course (source and release) with ``submitted/<STUDENT>/<assignment>/`` only."""
    course = copy_course(dest)
    persona = next(p for p in ROSTER if p.student == STUDENT)
    assert persona.default == "solution" and not persona.functions and not persona.file
    build_class(course, [persona])
    for folder in (course.root / "submitted" / STUDENT).iterdir():
        if folder.name != assignment:
            shutil.rmtree(folder)
    return course
