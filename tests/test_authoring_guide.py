"""docs/authoring.md, done: a second course, built in an empty folder from the guide's own files
and commands, released, graded and reported by the installed seqlab — which never imports this
repository's course (its checks, solutions and catalogues are elsewhere and named otherwise)."""
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from seqlab.grading.notebook import is_solution
from tests.course_copy import ROOT

pytestmark = pytest.mark.slow      # releases and grades a course: make test, not make check
GUIDE = ROOT / "docs" / "authoring.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks():
    """[(language, text)] of the guide's fenced blocks, in order."""
    return BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def env():
    """The environment a new course has: the venv's commands, nothing of this repository on the path."""
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    out["PATH"] = str(Path(sys.executable).parent) + os.pathsep + out.get("PATH", "")
    return out


def run(course, command):
    args = shlex.split(command)
    if args[0] in ("seqlab", "nbgrader"):
        args = [sys.executable, "-m", *args]
    proc = subprocess.run(args, cwd=course, env=env(), text=True, capture_output=True, timeout=900)
    assert proc.returncode == 0, f"{command}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


def hand_in(course, student, body):
    """A student's submission: the released notebook with ``body`` in place of the stub."""
    nb = nbformat.read(course / "release" / "warmup" / "warmup.ipynb", as_version=4)
    for cell in nb.cells:
        if is_solution(cell) and body is not None:
            cell.source = cell.source.replace("raise NotImplementedError()", body)
    folder = course / "submitted" / student / "warmup"
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "warmup.ipynb")


@pytest.fixture(scope="module")
def second_course(tmp_path_factory):
    course = tmp_path_factory.mktemp("second") / "course"
    course.mkdir()
    logs = []
    for language, text in blocks():
        first, _, rest = text.partition("\n")
        if language == "python" and first.startswith("# file: "):
            path = course / first[len("# file: "):].strip()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(rest, encoding="utf-8")
        elif language == "bash":
            for command in filter(None, (line.split("#")[0].strip() for line in text.splitlines())):
                if command.startswith("seqlab autograde"):        # the students hand in first
                    hand_in(course, "s1-right", "return float(np.mean((y_hat - y) ** 2))")
                    hand_in(course, "s2-summed", "return float(np.sum((y_hat - y) ** 2))")
                    hand_in(course, "s3-blank", None)
                logs.append(run(course, command))
    return course, logs


def scores(course):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="warmup-course") as gb:
        return {s.student.id: (s.score, s.max_score) for s in gb.assignment_submissions("warmup")}


def test_the_guide_has_the_whole_course():
    files = [t.partition("\n")[0] for lang, t in blocks() if lang == "python" and t.startswith("# file: ")]
    assert {"# file: nbgrader_config.py", "# file: reference/warmup.py", "# file: checks/test_warmup.py",
            "# file: source/warmup/warmup.nb.py", "# file: source/warmup/selfcheck.py"} <= set(files)


def test_the_course_is_not_this_repository(second_course):
    course, _ = second_course
    assert not (course / "solutions").exists() and not (course / "tests").exists()
    probe = subprocess.run([sys.executable, "-c", "import solutions"], cwd=course, env=env(), capture_output=True)
    assert probe.returncode != 0             # the installed kit does not bring this repository's course along


def test_release_is_a_stub_with_its_self_check(second_course):
    course, _ = second_course
    nb = nbformat.read(course / "release" / "warmup" / "warmup.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "raise NotImplementedError()" in text and "check(mse)" in text
    assert "np.mean((y_hat - y) ** 2)" not in text and "grade(" not in text
    assert (course / "release" / "warmup" / "seqlab_selfcheck.py").is_file()
    assert not (course / "release" / "warmup" / "warmup.nb.py").exists()


def test_grades_and_the_named_mistake(second_course):
    course, _ = second_course
    got = scores(course)
    assert got["s1-right"] == (2.0, 2.0) and got["s2-summed"] == (0.0, 2.0) and got["s3-blank"] == (0.0, 2.0)
    nb = nbformat.read(course / "autograded" / "s2-summed" / "warmup" / "warmup.ipynb", as_version=4)
    shown = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "MSE is their mean" in shown and "mse_summed" not in shown      # the cause in words, not its id
    named = [c["diagnosis"] for cell in nb.cells for c in cell.metadata.get("seqlab", {}).get("checks", [])]
    assert "mse_summed" in named                                            # the id is for the class report


def test_plain_nbgrader_grades_the_same(second_course, tmp_path):
    import shutil
    course, _ = second_course
    copy = tmp_path / "copy"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("autograded", "gradebook.db"))
    run(copy, "nbgrader generate_assignment warmup --force --create")
    run(copy, "nbgrader autograde warmup --force --create")
    assert scores(copy) == scores(course)


def test_the_report_is_written(second_course):
    course, logs = second_course
    assert "class report" in logs[-1]
    page = (course / "class_report.html").read_text(encoding="utf-8")
    assert "warmup" in page and "mse_summed" in page
