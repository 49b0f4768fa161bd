"""The autograde log keeps to what an instructor must act on: an honest submission logs no
"checksum has changed" line (its test cells only lack the hidden tests removed at release,
upstream #1961) and no SQLAlchemy warnings; a student's edit of a locked test cell still shows."""
import re
import shutil

import nbformat
import pytest

from tests.reference_submission import STUDENT, with_reference_submission

pytestmark = pytest.mark.slow          # runs nbgrader autograde on a course copy

ASSIGNMENT = "recurrent"
TAMPERER = "demo-99-tamper"


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    course = with_reference_submission(tmp_path_factory.mktemp("log") / "course", ASSIGNMENT)
    honest = course.root / "submitted" / STUDENT / ASSIGNMENT
    tampered = course.root / "submitted" / TAMPERER / ASSIGNMENT
    shutil.copytree(honest, tampered)
    path = tampered / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_sigmoid")
    cell.source += "\nprint('all good')"                          # edits a locked test cell
    nbformat.write(nb, path)
    course.nbgrader("generate_assignment", ASSIGNMENT, "--force", "--create")
    _, out = course.nbgrader("autograde", ASSIGNMENT, "--force", "--create")
    return out


def part(log, student):
    """The log lines from the start of ``student``'s submission to the next one's."""
    starts = [m.start() for m in re.finditer(r"^.*Creating/updating student with ID", log, re.M)]
    for begin, end in zip(starts, starts[1:] + [len(log)]):
        if f"ID '{student}'" in log[begin:end].splitlines()[0]:
            return log[begin:end]
    raise AssertionError(f"no log for {student}:\n{log}")


def test_an_honest_submission_logs_no_checksum_change(log):
    honest = part(log, STUDENT)
    assert "Autograding" in honest                                 # it was graded
    assert "has changed" not in honest, honest


def test_an_edited_locked_test_cell_is_still_reported(log):
    tampered = part(log, TAMPERER)
    changed = re.findall(r"Attribute 'checksum' for cell (\w+) has changed", tampered)
    assert changed == ["test_sigmoid"], tampered


def test_no_sqlalchemy_warnings(log):
    assert "SAWarning" not in log and "not in session" not in log, log
