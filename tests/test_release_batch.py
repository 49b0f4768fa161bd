"""``seqlab release`` of every assignment runs one nbgrader command for all of them: it produces
exactly what one command per assignment does, and a refused assignment is still reported with its
reason and keeps its previous release while the others are released."""
import filecmp
import json
import shutil

import pytest
from nbgrader.api import Gradebook

from seqlab import pipeline
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow          # runs nbgrader several times
KEEP = ["recurrent", "positional"]


def same_tree(a, b):
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


@pytest.fixture
def course(tmp_path):
    course = copy_course(tmp_path / "course")
    for kind in ("source", "release"):
        for folder in (course.root / kind).iterdir():
            if folder.name not in KEEP:
                shutil.rmtree(folder)
    return course


@pytest.mark.filterwarnings("ignore:Object of type <Submitted")
def test_one_command_releases_what_one_per_assignment_does_and_a_refusal_keeps_its_reason(course, tmp_path):
    committed = tmp_path / "committed"
    shutil.copytree(course.root / "release", committed)
    assert sorted(pipeline.release(course)) == sorted(KEEP)
    assert same_tree(committed, course.root / "release")          # the committed release is one per assignment
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        assert {a.name for a in gb.assignments} == set(KEEP)
        gb.update_or_create_student("s001")
        gb.add_submission("recurrent", "s001")
    path = course.notebook("recurrent", "source")
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(3, {"cell_type": "markdown", "id": "new-note", "source": ["A note added after the release."],
                           "metadata": {"nbgrader": {"grade": False, "grade_id": "md_new_note", "locked": True,
                                                     "schema_version": 3, "solution": False}}})
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(course.root / "release" / "positional")
    with pytest.raises(pipeline.ReleaseError) as refused:
        pipeline.release(course)
    assert list(refused.value.failed) == ["recurrent"]
    assert "Cannot add or remove cells" in refused.value.failed["recurrent"]
    assert list(refused.value.released) == ["positional"]
    assert same_tree(committed / "recurrent", course.root / "release" / "recurrent")
    assert same_tree(committed / "positional", course.root / "release" / "positional")
    assert not list(course.root.glob(".seqlab-release-*"))
