"""Test-suite set-up: the course root is importable (``solutions``, ``tests``), and the graded
class that several slow tests share.

``tests/checks/`` holds the hidden checks; they need an implementation under test and are run
through :func:`seqlab.grading.runner.run_checks` by the tests here, never collected directly.
"""
import dataclasses
import os
import shutil
import sys
from pathlib import Path

# One thread per test process, as in the grader's student processes (seqlab/grading/worker.py): a CPU
# budget counts every thread of the process, and two test processes on two cores must not each start
# a thread per core. Set before numpy or torch is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

collect_ignore = ["checks"]

# One small class on the recurrent assignment, graded once per session by plain nbgrader, for the
# tests that need a real grading run (tests/test_end_to_end.py, tests/test_fast_autograde.py).
CLASS_ASSIGNMENT = "recurrent"
CLASS_SEED = 20261125
CLASS_PICK = ["demo-01-ada", "demo-02-ben", "demo-04-dae", "demo-05-eun", "demo-09-ivan", "demo-10-jun",
              "demo-11-kim", "demo-12-lena", "demo-13-mo"]
CLASS_COPIES = ["demo-ada-copy-1"]          # the full-marks persona again, under another id


def class_roster():
    from tests.demo_class import ROSTER
    personas = [p for p in ROSTER if p.student in CLASS_PICK]
    ada = next(p for p in ROSTER if p.student == "demo-01-ada")
    return personas + [dataclasses.replace(ada, student=s) for s in CLASS_COPIES]


def clone(template, dest):
    """A copy of a course folder (source, release, submissions, gradebook, stamps)."""
    from seqlab.course import Course
    shutil.copytree(template.root, dest)
    return Course(root=dest)


@pytest.fixture(scope="session")
def recurrent_class(tmp_path_factory):
    """The course with only ``recurrent`` released and the small class handed in, nothing graded."""
    from seqlab import pipeline
    from seqlab.demo import build_class
    from tests.course_copy import copy_course
    course = copy_course(tmp_path_factory.mktemp("class") / "course")
    for folder in course.source.iterdir():            # only the assignment under test
        if folder.is_dir() and folder.name != CLASS_ASSIGNMENT:
            shutil.rmtree(folder)
    pipeline.release(course, [CLASS_ASSIGNMENT])
    build_class(course, class_roster())
    return course


@pytest.fixture(scope="session")
def recurrent_graded(recurrent_class, tmp_path_factory):
    """That class through plain nbgrader: autograde (real kernels + hidden checks, the class seed),
    feedback and the grades CSV, as an instructor runs them."""
    from seqlab import pipeline
    course = clone(recurrent_class, tmp_path_factory.mktemp("graded") / "course")
    course.nbgrader("autograde", CLASS_ASSIGNMENT, "--force", "--create", f"--RunHiddenChecks.seed={CLASS_SEED}")
    pipeline.feedback(course, CLASS_ASSIGNMENT)
    pipeline.export(course)
    return course


# --------------------------------------------------------------------------- on both cores
def _wide_fixtures(item):
    """The fixtures of a test that live longer than the test (module, package or session scope) and
    are the suite's own: a graded class, a course copy, a running JupyterLab. pytest's and xdist's own
    (``tmp_path_factory``, ``worker_id``, …) cost nothing and are left out."""
    keys = []
    for name, defs in item._fixtureinfo.name2fixturedefs.items():       # pytest is pinned (requirements.txt)
        fixture = defs[-1]
        if fixture.scope != "function" and not fixture.func.__module__.startswith(("_pytest", "xdist", "pytest")):
            param = getattr(item, "callspec", None) and item.callspec.params.get(name)
            keys.append(f"{fixture.baseid or 'root'}::{name}" + (f"[{param}]" if param is not None else ""))
    return keys


@pytest.hookimpl(wrapper=True)     # before every plugin's own (xdist names a grouped test by its group there)
def pytest_collection_modifyitems(config, items):
    """With ``-n 2 --dist loadgroup`` (make test, make check): the tests that share a fixture wider
    than one test go to one worker as one group, so that every graded class, course copy and browser
    is built once; every other test goes wherever a core is free. (Without xdist: nothing to do.)"""
    if config.getoption("dist", "no") == "loadgroup" or getattr(config.option, "loadgroup", False):
        _group_by_wide_fixtures(items)
    return (yield)


def _group_by_wide_fixtures(items):
    parent = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    wide = {}
    for item in items:
        keys = wide[item.nodeid] = _wide_fixtures(item)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    for item in items:
        keys = wide[item.nodeid]
        if keys:
            item.add_marker(pytest.mark.xdist_group(find(keys[0])))
