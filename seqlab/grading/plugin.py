"""pytest plugin that runs the hidden checks against one implementation and records a report.

:func:`seqlab.grading.runner.run_checks` registers a :class:`SeqlabPlugin` (what to check, the
seed, which functions) and this module (the fixtures). Fixtures for checks: ``impl`` (the code
under test), ``rng`` (a generator seeded from the run's seed and the check's name, so one seed
reproduces every input of a run). The reference module of a check's assignment is imported by
the check module itself.
"""
import os
import secrets
import zlib

import numpy as np
import pytest

from ..i18n import Text
from .checklib import CheckFailed
from .impl import load_impl
from .student import StudentCodeError

MARK = "seqlab_check"
RUN = pytest.StashKey()      # the SeqlabPlugin of the running check session
MUTATED = Text("Your function changed one of its inputs in place (e.g. `x *= 2` or `x[:, 0] = 0` on an array it "
               "was given); the inputs are read-only during grading. Compute new arrays instead (`y = 2 * x`, or "
               "change a copy: `y = x.copy()`).",
               "함수가 입력을 제자리에서 바꾸려 했습니다 (예: 받은 배열에 `x *= 2`나 `x[:, 0] = 0`). 채점 중 입력은 읽기 "
               "전용입니다. 새 배열을 만들어 계산하세요 (`y = 2 * x`, 또는 복사본을 바꾸기: `y = x.copy()`).")


def error_text(err):
    """A student-facing explanation of code that did not return normally."""
    where = ("\n  " + "\n  ".join(err.where)) if err.where else ""
    if err.kind == "timeout":
        return Text(f"Your function ran longer than the time limit ({err.message}). Look for a loop that never ends.",
                    f"함수가 제한 시간을 넘겼습니다 ({err.message}). 끝나지 않는 반복문이 있는지 확인하세요.")
    if err.kind == "crash":
        return Text(f"Your code stopped Python itself: {err.message}.",
                    f"코드가 파이썬 프로세스를 종료시켰습니다: {err.message}.")
    if err.kind == "missing":
        return Text(f"{err.message}: the function is missing or its cell did not run.",
                    f"{err.message}: 함수가 없거나 셀이 실행되지 않았습니다.")
    if err.kind == "bad_return":
        return Text(f"Your function returned something that is not numbers or arrays ({err.message}).",
                    f"함수가 숫자나 배열이 아닌 값을 반환했습니다 ({err.message}).")
    if err.error_type == "NotImplementedError":
        return Text("Not implemented yet (the stub still raises NotImplementedError).",
                    "아직 구현되지 않았습니다 (스텁이 여전히 NotImplementedError를 발생시킵니다).")
    return Text(f"Your function raised {err.error_type}: {err.message}{where}",
                f"함수에서 {err.error_type} 오류가 발생했습니다: {err.message}{where}")


class SeqlabPlugin:
    """One check run: what to check, with which seed, and the results."""

    def __init__(self, impl_spec, seed=None, functions=None, limits=None):
        self.impl_spec = impl_spec
        self.seed = int(seed) if seed is not None else secrets.randbelow(2**31)
        self.functions = set(functions) if functions else None
        self.limits = limits
        self.impl_object = None    # the Impl, once a check asked for it
        self.results = []          # one dict per check, in run order
        self.collect_errors = []
        self.check_files = {}      # {function: {path of a file holding checks of it: its mtime}}

    def impl(self):
        if self.impl_object is None:
            self.impl_object = load_impl(self.impl_spec, self.limits)
        return self.impl_object

    # ---------------------------------------------------------------- hooks
    def pytest_configure(self, config):
        config.stash[RUN] = self
        config.addinivalue_line("markers", f"{MARK}(function, title, weight): one hidden check of a function")

    def pytest_collection_modifyitems(self, config, items):
        keep, drop = [], []
        for item in items:
            mark = item.get_closest_marker(MARK)
            if mark is None:
                raise pytest.UsageError(f"{item.nodeid} is not marked as a seqlab check")
            wanted = self.functions is None or mark.kwargs["function"] in self.functions
            (keep if wanted else drop).append(item)
            path = str(item.path)
            files = self.check_files.setdefault(mark.kwargs["function"], {})
            if path not in files:
                files[path] = os.stat(path).st_mtime_ns
        items[:] = keep
        if drop:
            config.hook.pytest_deselected(items=drop)

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append(str(report.longrepr))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "call" or (report.when == "setup" and report.failed):
            mark = item.get_closest_marker(MARK)
            entry = {"id": item.name, "function": mark.kwargs["function"],
                     "title": mark.kwargs["title"].as_dict(), "weight": mark.kwargs["weight"],
                     "passed": report.passed, "message": None, "diagnosis": None}
            if report.failed and call.excinfo is not None:
                exc = call.excinfo.value
                if isinstance(exc, CheckFailed):
                    entry["message"], entry["diagnosis"] = exc.text.as_dict(), exc.diagnosis
                elif isinstance(exc, StudentCodeError) and "read-only" in exc.message:
                    # inputs reach student code read-only: an in-place update fails right there
                    entry["message"], entry["diagnosis"] = MUTATED.as_dict(), "mutated_input"
                elif isinstance(exc, StudentCodeError):
                    entry["message"], entry["diagnosis"] = error_text(exc).as_dict(), f"code_{exc.kind}"
                else:  # a bug in a check or an unexpected value: say so without internals
                    entry["message"] = Text(
                        f"The check could not evaluate your result ({type(exc).__name__}).",
                        f"결과를 평가할 수 없었습니다 ({type(exc).__name__}).").as_dict()
                    entry["internal"] = f"{type(exc).__name__}: {exc}"
            self.results.append(entry)

    def pytest_sessionfinish(self):
        if self.impl_object is not None:
            self.impl_object.close()


# ---------------------------------------------------------------- fixtures
# Module-level functions (this module is registered beside the plugin object): pytest 9 deprecates
# fixtures that are methods of an object. Each finds its check run in the session's stash.
@pytest.fixture(scope="session")
def impl(request):
    """The code under test."""
    return request.config.stash[RUN].impl()


@pytest.fixture(autouse=True)
def cpu_budget(request):
    """A check marked ``check(..., cpu=2.0)`` runs in that CPU budget of the code under test."""
    mark = request.node.get_closest_marker(MARK)
    cpu = mark.kwargs.get("cpu") if mark is not None else None
    if cpu is None:
        yield
        return
    with request.getfixturevalue("impl").budget(cpu=cpu):
        yield


@pytest.fixture
def rng(request):
    """The random inputs of one check: seeded from the run's seed and the check's name."""
    return np.random.default_rng([request.config.stash[RUN].seed, zlib.crc32(request.node.name.encode())])
