"""LMS downloads through the real ``nbgrader zip_collect`` with the shipped configuration: zips laid
out as Canvas and Moodle make them (instructure/canvas-lms lib/content_zipper.rb; Moodle's
mod/assign download_submissions), with re-uploads and late submissions, mapped to the course's
student ids by a roster; checked in ``submitted/`` and in the lateness nbgrader records."""
import datetime as dt
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.utils import parse_utc

from tests.course_copy import copy_course

pytestmark = pytest.mark.slow          # runs nbgrader zip_collect and autograde on course copies

ASSIGNMENT = "recurrent"
DUE = dt.datetime(2026, 11, 20, 12, 0, 0)          # UTC, as nbgrader stores it


def notebook(course, marker):
    """The released notebook with a marker cell, to tell uploads apart."""
    nb = nbformat.read(course.notebook(ASSIGNMENT, "release"), as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"marker: {marker}"))
    return nbformat.writes(nb)


def collect(tmp_path, files, roster):
    course = copy_course(tmp_path / "course")
    course.nbgrader("db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE.isoformat(' ')} UTC")  # as an instructor sets it
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        assert gb.find_assignment(ASSIGNMENT).duedate == DUE
    (course.root / "lms_roster.csv").write_text(roster, encoding="utf-8")
    archive = course.root / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as z:
        for name, marker in files.items():
            z.writestr(name, notebook(course, marker) if name.endswith(".ipynb") else "not a notebook")
    _, log = course.nbgrader("zip_collect", ASSIGNMENT)
    return course, log


def submitted(course):
    """{student: (marker of the collected notebook, timestamp.txt or None)}"""
    out = {}
    for folder in sorted((course.root / "submitted").iterdir()):
        files = sorted(p.name for p in (folder / ASSIGNMENT).iterdir())
        assert set(files) <= {"recurrent.ipynb", "timestamp.txt"}, files
        nb = nbformat.read(folder / ASSIGNMENT / "recurrent.ipynb", as_version=4)
        stamp = folder / ASSIGNMENT / "timestamp.txt"
        out[folder.name] = (nb.cells[-1].source.removeprefix("marker: "),
                            stamp.read_text().strip() if stamp.exists() else None)
    return out


def seconds_late(course, student, timestamp):
    """What nbgrader records for this submission time (as autograde does when it reads timestamp.txt)."""
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        gb.update_or_create_student(student)
        sub = gb.update_or_create_submission(ASSIGNMENT, student, timestamp=parse_utc(timestamp) if timestamp else None)
        return sub.total_seconds_late


@pytest.mark.filterwarnings("ignore:Object of type <Submitted")
def test_a_canvas_download(tmp_path):
    files = {
        "smithbob_340934_208490284_recurrent.ipynb": "bob",
        "smithbob_340934_208490285_notes.txt": "-",
        "leeana_LATE_340935_208490290_recurrent.ipynb": "ana, late",
        "parkjin_340936_208490300_recurrent-1.ipynb": "jin, re-upload",
        "choimin_LATE_340937_208490309_recurrent-1.ipynb": "min, first re-upload",
        "choimin_LATE_340937_208490310_recurrent-2.ipynb": "min, second re-upload",
        "strangerx_999999_208490400_recurrent.ipynb": "not in the roster",
    }
    roster = "lms_id,student_id\n340934,s001\n340935,s002\n340936,s003\n340937,s004\n"
    course, log = collect(tmp_path, files, roster)
    got = submitted(course)
    assert got == {"s001": ("bob", None), "s002": ("ana, late", got["s002"][1]),
                   "s003": ("jin, re-upload", None), "s004": ("min, second re-upload", got["s004"][1])}, log
    assert seconds_late(course, "s001", None) == 0
    assert seconds_late(course, "s003", None) == 0
    for late in ("s002", "s004"):
        assert got[late][1] is not None and seconds_late(course, late, got[late][1]) > 0
    assert "999999 is not in the roster" in log
    assert "No notebooks found" not in log


@pytest.mark.filterwarnings("ignore:Object of type <Submitted")
def test_a_moodle_download(tmp_path):
    files = {
        "Jane Doe_1234567_assignsubmission_file_/recurrent.ipynb": "jane",
        "Jane Doe_1234567_assignsubmission_onlinetext_/onlinetext.html": "-",
        "Kim Min-su_1234568_assignsubmission_file_/recurrent-1.ipynb": "min-su, re-upload",
        "Lee Ji-woo_1234569_assignsubmission_file_/recurrent.ipynb": "ji-woo, first upload",
        "Lee Ji-woo_1234569_assignsubmission_file_/recurrent (2).ipynb": "ji-woo, second re-upload",
        "Lee Ji-woo_1234569_assignsubmission_file_/recurrent-1.ipynb": "ji-woo, first re-upload",
        "Old Style_1234570_assignsubmission_file_recurrent.ipynb": "flat layout (Moodle before 3.1)",
    }
    # Moodle's grading worksheet: "Participant <id>", and the time of the last change of the submission
    roster = ("lms_id,student_id,submitted\n"
              "Participant 1234567,s101,2026-11-20 11:00:00\n"
              "Participant 1234568,s102,2026-11-21 09:30:00 +0900\n"
              "Participant 1234569,s103,\n"
              "Participant 1234570,s104,\"Sunday, 22 November 2026, 8:00 AM\"\n")   # its own format
    course, log = collect(tmp_path, files, roster)
    got = submitted(course)
    assert {s: m for s, (m, _) in got.items()} == {
        "s101": "jane", "s102": "min-su, re-upload", "s103": "ji-woo, second re-upload",
        "s104": "flat layout (Moodle before 3.1)"}, log
    assert seconds_late(course, "s101", got["s101"][1]) == 0                  # an hour early
    assert got["s102"][1] == "2026-11-21 00:30:00"                             # 09:30 at +0900, in UTC
    assert seconds_late(course, "s102", got["s102"][1]) == 12.5 * 3600
    assert got["s103"][1] is None and seconds_late(course, "s103", None) == 0
    assert seconds_late(course, "s104", got["s104"][1]) == 44 * 3600


def test_without_the_roster_zip_collect_says_what_to_make(tmp_path):
    course = copy_course(tmp_path / "course")
    archive = course.root / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as z:
        z.writestr("smithbob_340934_208490284_recurrent.ipynb", notebook(course, "bob"))
    _, log = course.nbgrader("zip_collect", ASSIGNMENT)
    assert "lms_roster.csv" in log and "does not exist" in log
    assert not (course.root / "submitted").exists()
