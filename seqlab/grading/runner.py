"""Run the hidden checks against one implementation; return a structured report.

Two entry points, used by everything that grades:

* :func:`run_checks` — the checks of ``functions`` (in the files of a :class:`~seqlab.course.CheckSet`)
  against any implementation: the reference module, a module of known mistakes, a notebook;
* :func:`check_notebook` — one submission: its solution cells in a sandboxed student process,
  the checks here. Plain ``nbgrader autograde`` (``RunHiddenChecks``) and ``seqlab autograde``'s
  workers both grade through it, so both paths give the same report for the same seed.
"""
import os
import sys

import pytest

from ..course import CheckSet, Course
from . import plugin as fixtures
from .plugin import SeqlabPlugin

# {check files: (their mtimes, {function: [files holding checks of it]})}, learnt from a run that
# collected every file of the set: later runs in this process collect only the files that hold
# checks of their functions. A changed file or an unknown function means collecting all again.
_FILES = {}

_PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:unraisableexception",
                "-p", "no:threadexception", "-p", "no:faulthandler", "-p", "no:junitxml", "-p", "no:pastebin",
                "-p", "no:doctest", "-p", "no:legacypath",
                # the checks use none of these; each plugin pytest loads costs a scan for fixtures
                *(arg for name in ("unittest", "tmpdir", "monkeypatch", "recwarn", "setuponly", "setupplan",
                                   "stepwise", "warnings", "logging", "subtests", "debugging", "assertion")
                  for arg in ("-p", f"no:{name}")),
                "--import-mode=importlib", "--capture=sys", "--disable-warnings", "--tb=no",
                "-o", "python_files=test_*.py", "-o", "addopts=", "--noconftest"]


def _mtimes(files):
    try:
        return tuple(os.stat(f).st_mtime_ns for f in files)
    except OSError:
        return None


def _targets(files, functions):
    """What pytest should collect: of ``files``, those holding checks of ``functions`` if known."""
    key = tuple(files)
    mtimes, known = _FILES.get(key, (None, {}))
    if not known or not functions or any(f not in known for f in functions) or _mtimes(files) != mtimes:
        return list(files)
    return sorted({path for f in functions for path in known[f]})


def run_checks(impl_spec, functions=None, seed=None, limits=None, checks=None):
    """Run every check of ``functions`` (all if None) in ``checks`` against ``impl_spec``.

    ``checks`` is a :class:`~seqlab.course.CheckSet` (default: every check of the course in the
    current folder). Returns ``{"seed", "impl", "checks": [...], "cell_errors", "errors"}``; each
    check is ``{"id", "function", "title", "weight", "passed", "message", "diagnosis"}``.
    """
    checks = checks if checks is not None else Course().all_checks()
    files, python_path = checks.here()
    for folder in reversed(python_path):       # so checks can import the course's solutions
        if folder not in sys.path:
            sys.path.insert(0, folder)
    missing = [f for f in files if not os.path.isfile(f)]
    if missing:
        return {"seed": seed, "impl": getattr(impl_spec, "name", impl_spec), "checks": [], "cell_errors": {},
                "errors": [f"no check file {f}" for f in missing]}
    plugin = SeqlabPlugin(impl_spec, seed=seed, functions=functions, limits=limits)
    targets = _targets(files, functions)
    root = os.path.commonpath([os.path.dirname(f) for f in files])
    # collection starts at --confcutdir: without it pytest lists every folder above the checks too
    args = [*targets, *_PYTEST_ARGS, "--rootdir", root, "--confcutdir", root]
    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    with open(os.devnull, "w") as quiet:
        saved = sys.stdout
        sys.stdout = quiet
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"    # the checks need no installed plugins
        try:
            code = pytest.main(args, plugins=[plugin, fixtures])
        finally:
            sys.stdout = saved
            if autoload is None:
                os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
            else:
                os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
    if not plugin.collect_errors and code in (0, 1, 5) and targets == list(files):
        _FILES[tuple(files)] = (_mtimes(files), plugin.check_files)
    errors = list(plugin.collect_errors)
    if code not in (0, 1, 5) and not errors:
        errors.append(f"pytest exited with {code}")
    return {"seed": plugin.seed, "impl": getattr(impl_spec, "name", impl_spec), "checks": plugin.results,
            "cell_errors": getattr(plugin.impl_object, "cell_errors", {}) or {}, "errors": errors}


def check_notebook(nb, checks, functions, seed, limits, name="submission"):
    """The hidden checks of one submitted notebook: its solution (and provided) cells run in a
    fresh sandboxed student process, the checks here. Never raises for anything the submission
    does: code that loops or kills Python at import, or a check that cannot run, becomes an
    ``errors`` entry and the functions concerned score 0."""
    from .impl import NotebookImpl
    from .student import StudentCodeError
    try:
        impl = NotebookImpl(nb, limits, name=name)
    except StudentCodeError as err:     # the cells themselves looped or killed Python
        return {"seed": seed, "impl": name, "checks": [], "cell_errors": {}, "errors": [str(err)]}
    try:
        return run_checks(impl, functions, seed, checks=checks)
    except Exception as err:            # noqa: BLE001 - one broken submission must not stop the class
        impl.close()
        return {"seed": seed, "impl": name, "checks": [], "cell_errors": {},
                "errors": [f"grading failed: {type(err).__name__}: {err}"]}


def prepare(checks):
    """Collect (import) every check of ``checks`` and the solutions without running any, and
    learn which file holds the checks of which function: a grading worker's start-up, so that
    its first submission costs what every other one does."""
    run_checks("prepare", functions=[], checks=checks)      # selects no check: nothing runs
