"""Run the hidden checks against one implementation; return a structured report.

Library: :func:`run_checks`. Command line (what the autograder starts, once per
submission)::

    python -m seqlab.grading.runner notebook:path/to/submission.ipynb \
        --functions sigmoid,lstm_gates --seed 1234 --report out.json
"""
import argparse
import json
import os
import sys
from pathlib import Path

import pytest

from .plugin import SeqlabPlugin
from .student import Limits

COURSE_ROOT = Path(__file__).resolve().parents[2]
CHECKS_DIR = COURSE_ROOT / "tests" / "checks"


# {checks folder: (its mtime, {function: {check file: its mtime}})}, learnt from a run that
# collected every file: later runs in this process collect only the files that hold checks of
# their functions (collecting every file was most of a run's cost). An unknown function, or a
# check file added, removed or changed since, means collecting every file again.
_FILES = {}


def _targets(checks_dir, functions):
    """What pytest should collect: the check files of ``functions`` if known and unchanged."""
    everything = [str(checks_dir)]
    dir_mtime, known = _FILES.get(str(checks_dir), (None, {}))
    if not known or not functions or any(f not in known for f in functions):
        return everything
    files = {path: mtime for f in functions for path, mtime in known[f].items()}
    try:
        if os.stat(checks_dir).st_mtime_ns != dir_mtime or any(
                os.stat(path).st_mtime_ns != mtime for path, mtime in files.items()):
            return everything
    except OSError:
        return everything
    return sorted(files)


def run_checks(impl_spec, functions=None, seed=None, limits=None, checks_dir=CHECKS_DIR):
    """Run every check of ``functions`` (all if None) against ``impl_spec``.

    Returns ``{"seed", "impl", "checks": [...], "cell_errors", "errors"}``; each check is
    ``{"id", "function", "title", "weight", "passed", "message", "diagnosis"}``.
    """
    if str(COURSE_ROOT) not in sys.path:
        sys.path.insert(0, str(COURSE_ROOT))   # so checks can import solutions/
    plugin = SeqlabPlugin(impl_spec, seed=seed, functions=functions, limits=limits)
    args = [*_targets(checks_dir, functions), "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
            "-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:faulthandler",
            "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:doctest", "-p", "no:legacypath",
            # the checks use none of these; each plugin pytest loads costs a scan for fixtures
            *(arg for name in ("unittest", "tmpdir", "monkeypatch", "recwarn", "setuponly", "setupplan",
                               "stepwise", "warnings", "logging", "subtests", "debugging", "assertion")
              for arg in ("-p", f"no:{name}")),
            "--import-mode=importlib", "--capture=sys", "--disable-warnings", "--tb=no",
            "-o", "python_files=test_*.py", "-o", "addopts=", "--rootdir", str(checks_dir),
            "--noconftest"]
    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    with open(os.devnull, "w") as quiet:
        saved = sys.stdout
        sys.stdout = quiet
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"    # the checks need no installed plugins
        try:
            code = pytest.main(args, plugins=[plugin])
        finally:
            sys.stdout = saved
            if autoload is None:
                os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
            else:
                os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
    if not plugin.collect_errors and code in (0, 1, 5) and plugin.check_files and args[0] == str(checks_dir):
        _FILES[str(checks_dir)] = (os.stat(checks_dir).st_mtime_ns, plugin.check_files)
    errors = list(plugin.collect_errors)
    if code not in (0, 1, 5) and not errors:
        errors.append(f"pytest exited with {code}")
    return {"seed": plugin.seed, "impl": getattr(impl_spec, "name", impl_spec), "checks": plugin.results,
            "cell_errors": getattr(plugin._impl, "cell_errors", {}) or {}, "errors": errors}


def prepare(checks_dir=CHECKS_DIR):
    """Collect (import) every check and the solutions without running any, and learn which
    file holds the checks of which function: a grading worker's start-up, so that its first
    submission costs what every other one does."""
    run_checks("prepare", functions=[], checks_dir=checks_dir)      # selects no check: nothing runs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("impl", help="module:NAME, file:PATH.py or notebook:PATH.ipynb")
    parser.add_argument("--functions", default="", help="comma-separated function names (default: all)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--report", default="-", help="where to write the JSON report (- for stdout)")
    parser.add_argument("--call-timeout", type=float, default=Limits.call_timeout)
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_bytes >> 20)
    args = parser.parse_args(argv)
    limits = Limits(call_timeout=args.call_timeout, memory_bytes=args.memory_mb << 20)
    functions = [f for f in args.functions.split(",") if f] or None
    report = run_checks(args.impl, functions, args.seed, limits)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.report == "-":
        print(text)
    else:
        Path(args.report).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
