"""The student process and its wire format: values only, limits enforced, nothing left running."""
import os
import time

import numpy as np
import pytest

from seqlab.grading import worker as wire
from seqlab.grading.student import Limits, StudentCodeError, StudentProcess
from tests.processes import running


def roundtrip(value):
    return wire.read_frame_bytes(wire.encode({"v": value}))["v"]


def test_wire_keeps_numbers_arrays_and_structure():
    value = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "t": (1, 2.5, None, "x"),
             "l": [np.bool_(True), np.int64(7)], "z": np.zeros((0, 4))}
    back = roundtrip(value)
    assert back["a"].dtype == np.float32 and np.array_equal(back["a"], value["a"])
    assert back["t"] == (1, 2.5, None, "x") and isinstance(back["t"], tuple)
    assert back["l"][0].dtype == np.bool_ and back["l"][1] == 7
    assert back["z"].shape == (0, 4)


@pytest.mark.parametrize("bad", [object(), np.array([object()]), {1: np.ones(2)}, {"f": len}])
def test_wire_refuses_anything_that_is_not_data(bad):
    with pytest.raises(wire.WireError):
        wire.encode({"v": bad})


def test_wire_decoder_refuses_object_dtype_even_if_asked():
    frame = wire.encode({"v": np.ones(2)}).replace(b'"<f8"', b'"|O8"')
    with pytest.raises(wire.WireError):
        wire.read_frame_bytes(frame)


CELLS = [
    {"id": "ok", "source": "def double(x):\n    print('to stdout'); import sys; print('to stderr', file=sys.stderr)\n"
                           "    return 2 * x\n"},
    {"id": "killer", "source": "import os\nos._exit(3)\n"},
    {"id": "hang", "source": "while True:\n    pass\n"},
    {"id": "broken", "source": "def broken(x)\n    return x\n"},
    {"id": "misc", "source": "def loop(x):\n    while True: pass\n"
                             "def boom(x):\n    raise ValueError('bad shapes')\n"
                             "def leave(x):\n    raise SystemExit(0)\n"
                             "def junk(x):\n    return object()\n"
                             "def mutate(x):\n    x *= 3\n    return x\n"
                             "def fork(x):\n    import subprocess\n    subprocess.Popen(['sleep', '300'])\n    return x\n"},
]


@pytest.fixture(scope="module")
def proc():
    p = StudentProcess([dict(c) for c in CELLS], Limits(call_timeout=1.5)).start()
    yield p
    p.close()


def test_cells_that_kill_or_hang_the_process_are_skipped_and_named(proc):
    assert set(proc.cell_errors) == {"killer", "hang", "broken"}
    assert proc.cell_errors["broken"]["type"] == "SyntaxError"
    assert "double" in proc.defined and "boom" in proc.defined


def test_printing_does_not_disturb_results(proc):
    value, args_after = proc.call("double", np.arange(3.0))
    assert np.array_equal(value, [0.0, 2.0, 4.0]) and np.array_equal(args_after[0], [0.0, 1.0, 2.0])


@pytest.mark.parametrize("fn, kind, error_type", [
    ("boom", "exception", "ValueError"), ("leave", "exception", "SystemExit"),
    ("junk", "bad_return", "TypeError"), ("nothing_here", "missing", "NameError")])
def test_failures_come_back_as_reasons(proc, fn, kind, error_type):
    with pytest.raises(StudentCodeError) as info:
        proc.call(fn, np.ones(2))
    assert (info.value.kind, info.value.error_type) == (kind, error_type)


def test_inputs_arrive_read_only_so_in_place_updates_fail_in_student_code(proc):
    with pytest.raises(StudentCodeError) as info:
        proc.call("mutate", np.ones(2))
    assert info.value.error_type == "ValueError" and "read-only" in info.value.message


def test_a_loop_times_out_and_the_next_call_gets_a_fresh_process(proc):
    start = time.monotonic()
    with pytest.raises(StudentCodeError) as info:
        proc.call("loop", np.ones(2))
    assert info.value.kind == "timeout" and time.monotonic() - start < 5
    value, _ = proc.call("double", np.ones(2))
    assert np.array_equal(value, [2.0, 2.0])


def test_processes_started_by_student_code_end_with_it():
    cells = [{"id": "f", "source": "def fork(x):\n    import subprocess\n"
                                   "    subprocess.Popen(['sleep', '313.25'])\n    return x\n"}]
    p = StudentProcess(cells, Limits(call_timeout=3)).start()
    p.call("fork", np.ones(1))
    assert running("sleep", "313.25"), "the student's process did not start"
    p.close()
    time.sleep(0.2)
    assert running("sleep", "313.25") == []


def test_the_next_submission_starts_clean():
    """Two submissions in a row share the warm zygote, never state: files, globals, processes."""
    first = [{"id": "a", "source": "import numpy as np, os\nnp.SECRET = 41\n"
                                   "open(os.path.expanduser('~/left.txt'), 'w').write('x')\n"
                                   "def f(x):\n    return x + np.SECRET\n"}]
    second = [{"id": "b", "source": "import numpy as np, os\n"
                                    "def f(x):\n    return np.array([float(hasattr(np, 'SECRET')),"
                                    " float(os.path.exists(os.path.expanduser('~/left.txt')))])\n"}]
    with StudentProcess(first, Limits(call_timeout=3)) as p:
        assert p.call("f", np.zeros(1))[0][0] == 41
    with StudentProcess(second, Limits(call_timeout=3)) as p:
        assert list(p.call("f", np.zeros(1))[0]) == [0.0, 0.0]


def test_memory_limit_turns_into_a_reason_not_a_crash_of_the_grader():
    cells = [{"id": "m", "source": "import numpy as np\ndef hog(x):\n    return np.ones((40000, 40000))\n"}]
    with StudentProcess(cells, Limits(call_timeout=5, memory_bytes=512 << 20)) as p:
        with pytest.raises(StudentCodeError) as info:
            p.call("hog", np.ones(1))
    assert info.value.error_type == "MemoryError"


def test_values_bound_by_cells_can_be_read_but_not_objects():
    cells = [{"id": "q", "source": "answer_a = 'B'\nanswer_b = (5, 4)\nanswer_c = [1, 2]\nanswer_d = object()\n"}]
    with StudentProcess(cells, Limits(call_timeout=3)) as p:
        assert p.get("answer_a") == "B"
        assert p.get("answer_b") == (5, 4) and isinstance(p.get("answer_b"), tuple)
        assert p.get("answer_c") == [1, 2]
        with pytest.raises(StudentCodeError) as info:
            p.get("answer_d")
        assert info.value.kind == "bad_return"
        with pytest.raises(StudentCodeError) as info:
            p.get("answer_e")
        assert info.value.kind == "missing"


def test_wire_keeps_zero_dimensional_and_fortran_arrays():
    scalar = roundtrip(np.float64(2.5))
    assert scalar.shape == () and scalar == 2.5
    f = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    assert np.array_equal(roundtrip(f), f)


def test_student_processes_in_several_threads_at_once():
    """A Dask worker may run tasks in several threads: each gets its own zygote and its answers."""
    from concurrent.futures import ThreadPoolExecutor
    cells = [{"id": "s", "source": "import time\ndef slow_double(x):\n    time.sleep(0.05)\n    return 2 * x\n"}]

    def grade(i):
        with StudentProcess(cells, Limits(call_timeout=5)) as p:
            return float(p.call("slow_double", np.full(1, float(i)))[0][0])
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(grade, range(12))) == [2.0 * i for i in range(12)]
