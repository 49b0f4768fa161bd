"""make check and make test run on two processes (pytest-xdist, ``--dist loadgroup``); the tests that
share a fixture wider than one test must run in one process, or each process builds its own graded
class, course copy or JupyterLab (tests/conftest.py groups them). This breaks silently when pytest or
xdist change how a group is carried (pytest 9.2 did), so it is tested on a real run."""
import re
import subprocess
import sys

import pytest

from tests.course_copy import ROOT

pytestmark = pytest.mark.slow          # a pytest run on two processes


def test_tests_that_share_a_module_fixture_run_in_one_worker_and_the_rest_spread():
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_config.py", "-n", "2", "--dist", "loadgroup",
                           "-v", "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    ran = re.findall(r"^\[(gw\d)\] .*? PASSED (\S+)", done.stdout, re.M)
    grouped = {worker for worker, nodeid in ran if nodeid.endswith("@tests/test_config.py::config")}
    free = [nodeid for _, nodeid in ran if "@" not in nodeid]
    assert len(ran) == 7 and len(grouped) == 1, ran                 # the `config` fixture's tests: one worker
    assert free == ["tests/test_config.py::test_loading_the_configuration_does_not_import_nbgrader"], ran
