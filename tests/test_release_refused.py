"""``seqlab release`` when nbgrader refuses: it exits non-zero, says why in one line, and the
previous ``release/<assignment>/`` stays as it was (students keep a working notebook)."""
import filecmp
import json
import shutil

import pytest
from nbgrader.api import Gradebook

from seqlab import cli
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow          # runs nbgrader generate_assignment on a course copy

ASSIGNMENT = "recurrent"


@pytest.fixture
def course(tmp_path):
    """A copy of the course with only ``recurrent`` (and its committed release)."""
    course = copy_course(tmp_path / "course")
    for kind in ("source", "release"):
        for folder in (course.root / kind).iterdir():
            if folder.name != ASSIGNMENT:
                shutil.rmtree(folder)
    shutil.copytree(course.root / "release", tmp_path / "before")
    return course


def edit_source(course, change):
    path = course.notebook(ASSIGNMENT, "source")
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb["cells"])
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def same_tree(a, b):
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


@pytest.mark.filterwarnings("ignore:Object of type <Submitted")     # nbgrader's own SQLAlchemy noise
def test_a_refused_release_fails_with_the_reason_and_keeps_the_previous_release(course, capsys, tmp_path):
    assert cli.main(["--course", str(course.root), "release"]) == 0                                  # the gradebook knows the cells now
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        gb.update_or_create_student("s001")
        gb.add_submission(ASSIGNMENT, "s001")                          # as nbgrader autograde records one
    capsys.readouterr()
    new_cell = {"cell_type": "markdown", "id": "new-note", "source": ["A note added after the release."],
                "metadata": {"nbgrader": {"grade": False, "grade_id": "md_new_note", "locked": True,
                                          "schema_version": 3, "solution": False}}}
    edit_source(course, lambda cells: cells.insert(3, new_cell))
    code = cli.main(["--course", str(course.root), "release"])
    out, err = capsys.readouterr()
    assert code != 0
    assert "released" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and ASSIGNMENT in lines[0] and "Cannot add or remove cells" in lines[0], err
    assert "Traceback" not in err
    assert same_tree(tmp_path / "before", course.root / "release")
    assert not list(course.root.glob(".seqlab-release-*"))


def test_an_accepted_release_replaces_the_previous_one(course, capsys, tmp_path):
    def reword(cells):
        intro = next(c for c in cells if c["cell_type"] == "markdown")
        intro["source"] = ["# Recurrent networks, second edition\n"] + intro["source"][1:]
    edit_source(course, reword)
    code = cli.main(["--course", str(course.root), "release"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"released {ASSIGNMENT}" in out
    released = course.notebook(ASSIGNMENT, "release").read_text(encoding="utf-8")
    assert "second edition" in released
    assert not same_tree(tmp_path / "before", course.root / "release")
    assert not list(course.root.glob(".seqlab-release-*"))
