"""A scripted step function crosses the wire as data and comes back with the calls it received.

Checks of a decoding loop (``greedy_decode(step_logits, memory, …)``) must pass a callable into
the student's code, and the wire carries only numbers and arrays. ``ScriptedStep`` is a table of
logits that trusted code on both sides turns into the callable; the student process sends it
back with its record (how many calls, every prefix and memory), read from ``impl.inputs_after``.
"""
import numpy as np
import pytest

from seqlab.grading import worker as wire
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.student import Limits, StudentCodeError, StudentProcess
from seqlab.grading.worker import ScriptedStep


def roundtrip(value):
    return wire.read_frame_bytes(wire.encode({"v": value}))["v"]


def table(T=4, N=2, V=5, seed=0):
    return np.random.default_rng(seed).normal(size=(T, N, T, V))


def test_a_step_answers_from_its_table_and_records_each_call():
    logits = table()
    step = ScriptedStep(logits)
    memory = np.ones((2, 3))
    got = step(np.array([[1, 4], [1, 2]]), memory)
    assert np.array_equal(got, logits[1, :, :2])
    got[...] = 0.0                                       # the caller owns what it got
    assert np.array_equal(step(np.array([[1, 4], [1, 2]]), memory), logits[1, :, :2])
    assert len(step.calls) == 2
    prefix, mem = step.calls[0]
    assert np.array_equal(prefix, [[1, 4], [1, 2]]) and np.array_equal(mem, memory)
    step([[1], [1]], None)                               # lists are fine; memory None is recorded as None
    assert np.array_equal(step.calls[2][0], [[1], [1]]) and step.calls[2][1] is None


@pytest.mark.parametrize("prefix", [np.zeros((2, 0), int), np.zeros((2, 5), int), np.zeros((3, 2), int),
                                    np.zeros(2, int), "bos"])
def test_a_prefix_of_another_shape_raises_and_is_recorded(prefix):
    step = ScriptedStep(table())
    with pytest.raises(ValueError, match="prefix of shape"):
        step(prefix, np.zeros(2))
    assert len(step.calls) == 1


def test_a_loop_that_never_ends_stops_at_the_call_limit():
    step = ScriptedStep(table(T=3))
    with pytest.raises(RuntimeError, match="called more than 16 times"):
        for _ in range(100):
            step(np.ones((2, 1), int), None)
    assert len(step.calls) == 16


def test_the_wire_keeps_the_table_and_the_record():
    step = ScriptedStep(table())
    step(np.array([[1], [1]]), np.arange(6.0).reshape(2, 3))
    step(np.array([[1, 3], [1, 0]]), "no memory")
    back = roundtrip((step, 2.0))[0]
    assert type(back) is ScriptedStep and np.array_equal(back.logits, step.logits)
    assert [np.asarray(p).tolist() for p, _ in back.calls] == [[[1], [1]], [[1, 3], [1, 0]]]
    assert np.array_equal(back.calls[0][1], np.arange(6.0).reshape(2, 3)) and back.calls[1][1] is None


@pytest.mark.parametrize("node", [
    b'{"__scripted_step__": {"logits": 3, "calls": []}}',
    b'{"__scripted_step__": {"logits": [1, 2], "calls": []}}',
    b'{"__scripted_step__": {"logits": {"__tuple__": []}, "calls": [[1, 2]]}}',
])
def test_the_decoder_builds_a_step_only_from_arrays(node):
    frame = (len(node).to_bytes(4, "big") + node + (0).to_bytes(4, "big"))
    with pytest.raises(wire.WireError):
        wire.read_frame_bytes(frame)


def test_a_step_with_a_table_of_objects_cannot_be_sent():
    with pytest.raises(wire.WireError):
        ScriptedStep(np.array([[[[object()]]]]))
    step = ScriptedStep(table())
    step.calls.append((object(), None))                  # a record tampered with does not travel
    with pytest.raises(wire.WireError):
        wire.encode({"v": step})


CELLS = [{"id": "decode", "source": (
    "import numpy as np\n"
    "def decode(step_logits, memory, n):\n"
    "    prefix = np.ones((len(memory), 1), dtype=np.int64)\n"
    "    for _ in range(n):\n"
    "        logits = step_logits(prefix, memory)\n"
    "        prefix = np.concatenate([prefix, logits[:, -1].argmax(-1)[:, None]], axis=1)\n"
    "    return prefix[:, 1:]\n"
    "def forever(step_logits, memory):\n"
    "    while True:\n"
    "        step_logits(np.ones((len(memory), 1), int), memory)\n"
    "def no_bos(step_logits, memory):\n"
    "    return step_logits(np.zeros((len(memory), 0), int), memory)\n")}]


def decode_here(step_logits, memory, n):
    prefix = np.ones((len(memory), 1), dtype=np.int64)
    for _ in range(n):
        logits = step_logits(prefix, memory)
        prefix = np.concatenate([prefix, logits[:, -1].argmax(-1)[:, None]], axis=1)
    return prefix[:, 1:]


def expected(logits, n):
    prefix = np.ones((logits.shape[1], 1), dtype=np.int64)
    for _ in range(n):
        nxt = logits[prefix.shape[1] - 1, :, prefix.shape[1] - 1].argmax(-1)
        prefix = np.concatenate([prefix, nxt[:, None]], axis=1)
    return prefix


@pytest.fixture(scope="module")
def proc():
    p = StudentProcess([dict(c) for c in CELLS], Limits(call_timeout=3)).start()
    yield p
    p.close()


def test_a_student_process_calls_the_step_and_reports_its_calls(proc):
    logits, memory = table(T=5, N=3, V=6, seed=1), np.arange(6.0).reshape(3, 2)
    step = ScriptedStep(logits)
    value, args_after = proc.call("decode", step, memory, 3)
    want = expected(logits, 3)
    assert np.array_equal(value, want[:, 1:])
    assert step.calls == []                              # the check's own object is untouched …
    record = args_after[0]                               # … the student's copy comes back with its calls
    assert type(record) is ScriptedStep and len(record.calls) == 3
    for t, (prefix, mem) in enumerate(record.calls, start=1):
        assert np.array_equal(prefix, want[:, :t]) and np.array_equal(mem, memory)


def test_module_and_student_process_give_the_same_record(proc):
    logits, memory = table(T=5, N=3, V=6, seed=2), np.zeros((3, 1))
    impl = ModuleImpl(type("M", (), {"decode": staticmethod(decode_here)}), name="here")
    step = ScriptedStep(logits)
    here = impl.decode(step, memory, 4)
    there, args_after = proc.call("decode", step, memory, 4)
    assert np.array_equal(here, there)
    mine, theirs = impl.inputs_after[0].calls, args_after[0].calls
    assert len(mine) == len(theirs) == 4 and all(np.array_equal(a[0], b[0]) for a, b in zip(mine, theirs))


def test_errors_of_the_step_reach_the_check_as_the_students_exception(proc):
    with pytest.raises(StudentCodeError) as info:
        proc.call("forever", ScriptedStep(table(T=2)), np.zeros((2, 1)))
    assert (info.value.kind, info.value.error_type) == ("exception", "RuntimeError")
    with pytest.raises(StudentCodeError) as info:
        proc.call("no_bos", ScriptedStep(table()), np.zeros((2, 1)))
    assert info.value.error_type == "ValueError" and "prefix of shape" in info.value.message


# --------------------------------------------------------------------------- the real grading path
def _source(module_path):
    """A module's source as a notebook cell would hold it (without imports of sibling modules)."""
    import re
    from pathlib import Path
    text = Path(module_path).read_text()
    return re.sub(r"try:\n(    from solutions\.[^\n]*\n)+except ImportError:[^\n]*\n(    from [^\n]*\n)+", "", text)


def _notebook(greedy_source):
    import nbformat
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    nb = nbformat.v4.new_notebook()
    provided = [_source(root / "solutions" / "attention.py"), _source(root / "solutions" / "transformer.py"),
                _source(root / "solutions" / "decoder.py")]
    for i, src in enumerate(provided):
        cell = nbformat.v4.new_code_cell(src)
        cell.metadata["tags"] = ["seqlab:provided"]
        cell.metadata["nbgrader"] = {"grade_id": f"provided_{i}"}
        nb.cells.append(cell)
    solution = nbformat.v4.new_code_cell(greedy_source)
    solution.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": "greedy_decode"}
    nb.cells.append(solution)
    return nb


def test_greedy_decode_checks_run_in_a_student_process():
    """The decoder checks hand ScriptedSteps to a real sandboxed student process and read its calls back."""
    import inspect

    from seqlab.grading.impl import NotebookImpl
    from seqlab.grading.runner import run_checks
    from tests.mistakes import decoder as mistakes

    right = NotebookImpl(_notebook("pass\n"), Limits(call_timeout=5))
    try:
        report = run_checks(right, functions=["greedy_decode"], seed=1)
    finally:
        right.close()
    assert not report["errors"] and not report["cell_errors"], (report["errors"], report["cell_errors"])
    assert [c["id"] for c in report["checks"] if not c["passed"]] == [] and len(report["checks"]) >= 5
    twice = inspect.getsource(mistakes.greedy_calls_twice).split("\n", 1)[1].replace("greedy_calls_twice",
                                                                                      "greedy_decode")
    wrong = NotebookImpl(_notebook(twice), Limits(call_timeout=5))
    try:
        report = run_checks(wrong, functions=["greedy_decode"], seed=1)
    finally:
        wrong.close()
    assert "greedy_step_calls" in {c["diagnosis"] for c in report["checks"] if not c["passed"]}
