"""seqlab autograde's workers start, before the first submission arrives, the zygotes the run's
assignments need: a torch assignment's student processes fork from a zygote that imported torch
(decided from the assignment's source notebook, as the student process decides it), and its
checks' torch is imported once per worker; a NumPy assignment's run starts no torch at all."""
import json
import subprocess
import sys

import nbformat
import pytest

from seqlab.autograde import notebook_preload
from tests.course_copy import ROOT
from seqlab.course import Course

COURSE = Course(ROOT)


def test_the_preload_follows_the_source_notebook():
    torch_nb = nbformat.read(COURSE.notebook("sequence_modeling", "source"), as_version=4)
    numpy_nb = nbformat.read(COURSE.notebook("recurrent", "source"), as_version=4)
    assert notebook_preload(torch_nb) == ("torch",)
    assert notebook_preload(numpy_nb) == ()


WARM = """
import json, sys
from seqlab import autograde
from seqlab.grading import zygote
autograde._warm({preloads!r})
started = sorted({{key[-1] for key, pool in zygote._zygotes.items() if pool and all(z.alive for z in pool)}})
print(json.dumps({{"zygotes": started, "torch": "torch" in sys.modules}}))
zygote.close_all()
"""


def warm(preloads):
    done = subprocess.run([sys.executable, "-c", WARM.format(preloads=preloads)], cwd=ROOT, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow          # starts a sandboxed torch zygote
def test_a_run_with_a_torch_assignment_warms_a_torch_zygote_and_the_checks_torch():
    got = warm(((), ("torch",)))
    assert got == {"zygotes": [[], ["torch"]], "torch": True}


def test_a_numpy_run_starts_no_torch():
    assert warm(((),)) == {"zygotes": [[]], "torch": False}


FIRST_STEP = """
import json, sys, torch
from seqlab import autograde
torch.manual_seed(5)
before = torch.random.get_rng_state()
loaded_before = "torch._dynamo" in sys.modules
autograde._first_step(torch)
print(json.dumps({"before": loaded_before, "after": "torch._dynamo" in sys.modules,
                  "same_rng": bool(torch.equal(before, torch.random.get_rng_state()))}))
"""


@pytest.mark.slow          # a fresh Python that imports torch
def test_the_checks_first_optimizer_step_is_taken_at_start_up_and_leaves_the_random_state():
    done = subprocess.run([sys.executable, "-c", FIRST_STEP], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"before": False, "after": True, "same_rng": True}
