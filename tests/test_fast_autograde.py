"""`seqlab autograde` (issue 6): parallel, resumable, and graded exactly like plain nbgrader.

One small class (the demo personas that matter for grading, plus copies of the full-marks
persona) is released once into a template course; every scenario grades its own copy of it:

* plain sequential ``nbgrader autograde`` (real kernel + RunHiddenChecks) vs ``seqlab
  autograde`` with 2 workers, 1 worker, and a Dask ``LocalCluster`` of 3 worker processes on
  loopback: with the same seed, identical scores per student, per grade cell, and identical
  test-cell feedback;
* a re-run on an unchanged class grades nothing; changing one submission re-grades only it;
* a run killed with SIGKILL half-way resumes: the next run grades only what is left, the
  gradebook is consistent and the final scores equal an uninterrupted run's.

The class is the session's (conftest.py), graded once by plain nbgrader for this file and
tests/test_end_to_end.py. The endless-loop persona (demo-09-ivan) is left out of the copies graded
here: it costs seconds of timeouts per run and tests/test_end_to_end.py covers it.
"""
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

import seqlab.autograde
from seqlab import pipeline
from seqlab.autograde import STAMP, autograde
from seqlab.course import Course
from tests.conftest import CLASS_ASSIGNMENT as ASSIGNMENT
from tests.conftest import CLASS_SEED as SEED
from tests.conftest import class_roster
from tests.conftest import clone as copy_of

pytestmark = pytest.mark.slow
LEFT_OUT = "demo-09-ivan"
STUDENTS = sorted(p.student for p in class_roster() if p.student != LEFT_OUT)


# ---------------------------------------------------------------- helpers

def clone(template: Course, dest: Path) -> Course:
    """A copy of the class, without the endless-loop persona's submission."""
    course = copy_of(template, dest)
    shutil.rmtree(course.root / "submitted" / LEFT_OUT, ignore_errors=True)
    return course


def cell_scores(course):
    """{(student, notebook, grade cell): (score, max_score, needs_manual_grade)} from the gradebook."""
    from nbgrader.api import Gradebook
    out = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        for s in STUDENTS:
            sub = gb.find_submission(ASSIGNMENT, s)
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(s, nb.name, g.name)] = (g.score, g.max_score, g.needs_manual_grade)
    return out


def student_scores(course):
    return pipeline.class_scores(course, [ASSIGNMENT], STUDENTS)


def graded_outputs(course, student):
    """{grade_id: outputs} of the graded test cells of one autograded notebook (the feedback)."""
    path = course.root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.outputs for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")}




def stamps(course):
    return sorted(p.parent.parent.name for p in course.root.glob(f"autograded/*/{ASSIGNMENT}/{STAMP}"))


def fast(course, **kw):
    kw.setdefault("seed", SEED)
    return autograde(course, ASSIGNMENT, progress=False, log=lambda *a: None, **kw)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def template(recurrent_class, tmp_path_factory):
    """The session's class, released and handed in, nothing graded yet (without the endless loop)."""
    return clone(recurrent_class, tmp_path_factory.mktemp("template") / "course")


@pytest.fixture(scope="module")
def plain(recurrent_graded):
    """Plain sequential ``nbgrader autograde`` (real kernel + hidden checks), the same seed."""
    return recurrent_graded


@pytest.fixture(scope="module")
def parallel(template, tmp_path_factory):
    """``seqlab autograde`` with 2 local workers, same seed; returns (course, summary)."""
    course = clone(template, tmp_path_factory.mktemp("parallel") / "course")
    summary = fast(course, workers=2)
    return course, summary


# ---------------------------------------------------------------- same grades as nbgrader

def test_parallel_grades_equal_plain_nbgrader(plain, parallel):
    course, summary = parallel
    assert summary["graded"] == len(STUDENTS) and summary["skipped"] == 0
    expected = student_scores(plain)
    assert all(v[ASSIGNMENT][1] and v[ASSIGNMENT][1] > 0 for v in expected.values())   # really graded
    assert student_scores(course) == expected
    assert cell_scores(course) == cell_scores(plain)
    for s in STUDENTS:                        # the feedback each student reads is the same too
        assert graded_outputs(course, s) == graded_outputs(plain, s), s
    assert stamps(course) == STUDENTS


def test_one_worker_equals_two(template, parallel, tmp_path):
    course = clone(template, tmp_path / "course")
    summary = fast(course, workers=1)
    assert summary["graded"] == len(STUDENTS)
    assert cell_scores(course) == cell_scores(parallel[0])


# ---------------------------------------------------------------- incremental

def test_rerun_on_unchanged_class_grades_nothing(parallel, tmp_path, monkeypatch):
    course = clone(parallel[0], tmp_path / "course")
    before = cell_scores(course)

    def no_workers(*args, **kwargs):
        raise AssertionError("a run with nothing to do started the student processes")
    monkeypatch.setattr(seqlab.autograde, "_local_pool", no_workers)
    summary = fast(course, workers=2, seed=SEED + 1)   # another seed is no reason to grade again
    assert summary["graded"] == 0 and summary["skipped"] == len(STUDENTS)
    assert summary["check_seconds"] == {}
    assert cell_scores(course) == before


def test_changing_one_submission_regrades_only_that_one(parallel, tmp_path):
    course = clone(parallel[0], tmp_path / "course")
    before = student_scores(course)
    # demo-02-ben hands in again: this time the reference answers (demo-01-ada's notebook)
    nb_name = f"{ASSIGNMENT}.ipynb"
    shutil.copy(course.root / "submitted" / "demo-01-ada" / ASSIGNMENT / nb_name,
                course.root / "submitted" / "demo-02-ben" / ASSIGNMENT / nb_name)
    summary = fast(course, workers=2)
    assert summary["graded"] == 1 and summary["skipped"] == len(STUDENTS) - 1
    assert list(summary["check_seconds"]) == ["demo-02-ben"]
    after = student_scores(course)
    score, max_score, _ = after["demo-02-ben"][ASSIGNMENT]
    assert before["demo-02-ben"][ASSIGNMENT][0] == 0 and score == max_score > 0
    assert {s: v for s, v in after.items() if s != "demo-02-ben"} == \
           {s: v for s, v in before.items() if s != "demo-02-ben"}
    assert fast(course, workers=2)["graded"] == 0


@pytest.mark.parametrize("changed", ["check", "solution", "config", "source", "submission"])
def test_fingerprint_changes_with_everything_that_decides_a_grade(parallel, tmp_path, changed):
    """A submission is graded again when its files change, and every submission when the
    assignment's source, the configuration, a hidden check or a reference solution changes —
    wherever the course's configuration says its checks and solutions are."""
    import seqlab.autograde as ag
    course = clone(parallel[0], tmp_path / "course")
    prints = lambda: {s: ag.fingerprint(course, ASSIGNMENT, s) for s in STUDENTS}   # noqa: E731
    before = prints()
    target = {"check": next(course.path(course.checks).glob("test_*.py")),
              "solution": next(course.path(course.solutions).glob("*.py")),
              "config": course.root / "nbgrader_config.py",
              "source": course.notebook(ASSIGNMENT, "source"),
              "submission": course.root / "submitted" / STUDENTS[0] / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"}[changed]
    target.write_bytes(target.read_bytes() + b"\n")
    after = prints()
    moved = {s for s in STUDENTS if after[s] != before[s]}
    assert moved == ({STUDENTS[0]} if changed == "submission" else set(STUDENTS))


# ---------------------------------------------------------------- killed half-way

KILLABLE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from seqlab.autograde import autograde
    from seqlab.course import Course
    autograde(Course(root=Path(sys.argv[1])), sys.argv[2], workers=1, seed=int(sys.argv[3]), progress=False)
""")


def _process_group(pgid):
    """PIDs still alive in process group ``pgid``."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(pid))
    return alive


def test_killed_run_resumes_with_only_what_is_left(template, parallel, tmp_path):
    # `seqlab autograde` always grades the repository's course (Course()); the library call in a
    # subprocess grades this copy instead, exactly as the CLI would.
    course = clone(template, tmp_path / "course")
    log = open(tmp_path / "killed.log", "w")
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(course.root), ASSIGNMENT, str(SEED)],
                            cwd=course.root, env=course.env(), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not stamps(course):
            assert proc.poll() is None, f"the run ended before grading anything: {(tmp_path / 'killed.log').read_text()}"
            assert time.monotonic() < deadline, "no submission was graded within 120 s"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)            # no chance to clean up
        proc.wait()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        # the fork pool's worker outlives its killed parent for a while: end it (ours, by group)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    done = stamps(course)
    assert 1 <= len(done) < len(STUDENTS), f"not half-way: {done}"

    summary = fast(course, workers=2)
    assert summary["graded"] == len(STUDENTS) - len(done) and summary["skipped"] == len(done)
    assert not set(summary["check_seconds"]) & set(done)
    assert stamps(course) == STUDENTS
    # the gradebook is consistent: every student has one complete submission
    assert all(v[ASSIGNMENT][1] is not None and v[ASSIGNMENT][1] > 0 and v[ASSIGNMENT][0] is not None
               for v in student_scores(course).values())
    assert cell_scores(course) == cell_scores(parallel[0])
    assert fast(course, workers=2)["graded"] == 0


# ---------------------------------------------------------------- Dask distributed

def test_dask_local_cluster_grades_like_local_workers(template, parallel, tmp_path):
    """Three Dask worker processes on loopback (what a MOOC would run on a cluster)."""
    from distributed import LocalCluster
    course = clone(template, tmp_path / "course")
    # A failure to start the cluster fails this test: it is not skipped.
    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert len(cluster.workers) == 3
        summary = fast(course, scheduler=cluster.scheduler_address)
    assert summary["graded"] == len(STUDENTS)
    assert cell_scores(course) == cell_scores(parallel[0])
    for s in STUDENTS:
        assert graded_outputs(course, s) == graded_outputs(parallel[0], s), s
    assert fast(course, workers=2)["graded"] == 0       # stamps are the same whoever ran the checks
