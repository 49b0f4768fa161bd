"""Objects over the wire: torch modules kept by the student process under handles.

Checks construct the student's classes, load and read state dicts, call forward and train
through ``impl``; nothing but plain values crosses (no pickle, no objects), results are made
plain by the worker's code bound before any student code ran, and a CPU budget, the call
timeout and the process limit stop training loops that burn, sleep or fork. ``ModuleImpl`` (the
reference and the mistake catalogue, in-process) answers through the same code.
"""
import ast
import os
import pickle
import re
import time

import nbformat
import numpy as np
import pytest

from seqlab.grading import worker as wire
from seqlab.grading.impl import ModuleImpl, NotebookImpl
from seqlab.grading.remote import Remote, StateDictMismatch
from seqlab.grading.student import Limits, StudentCodeError
from seqlab.grading.zygote import preload_for

pytestmark = pytest.mark.slow          # starts sandboxed torch student processes

MODEL = r'''
import torch
from torch import nn

class Tiny(nn.Module):
    """y = head(tanh(proj(x)))[:, -1]; a buffer `table` (persistent) and `scratch` (not)."""
    def __init__(self, d=4, bias=True):
        super().__init__()
        self.proj = nn.Linear(1, d, bias=bias)
        self.head = nn.Linear(d, 1)
        self.register_buffer("table", torch.arange(float(d)))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)
        self.frozen = nn.Parameter(torch.ones(3), requires_grad=False)

    def forward(self, x, scale=1.0):
        return scale * self.head(torch.tanh(self.proj(x)))[:, -1]

    def twice(self, x):
        return 2 * x

class WithTable(nn.Module):
    def __init__(self, d=3):
        super().__init__()
        self.pos = nn.Identity()
    def forward(self, x):
        return self.pos(x)

def count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

def fit(model, X, y, epochs=2, seed=0):
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    g = torch.Generator().manual_seed(seed)
    losses = []
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=g)
        opt.zero_grad()
        loss = ((model(X[order]) - y[order]) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    model.eval()
    return losses

def scale_in_place(x, model=None):
    x.mul_(3)
    return x.sum()
'''

TRICKS = r'''
import gc, sys
import numpy as np
import torch
from torch import nn

class FakeTensor:
    """Quacks like a tensor and claims to be torch's."""
    shape = (2, 1)
    def detach(self): return self
    def cpu(self): return self
    def numpy(self, *a, **k): return np.full((2, 1), 42.0)
    def __array__(self, *a, **k): return np.full((2, 1), 42.0)
FakeTensor.__module__ = "torch"

class SubTensor(torch.Tensor):
    pass

class Faker(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def forward(self, x):
        return FakeTensor()
    def sub(self, x):
        return torch.zeros(2, 1).as_subclass(SubTensor)

class Patcher(nn.Module):
    """Rebinds torch's Python-level methods, then returns a genuine tensor."""
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def forward(self, x):
        torch.Tensor.numpy = lambda self, *a, **k: np.full(tuple(self.shape), 42.0, np.float32)
        torch.Tensor.detach = lambda self: torch.full_like(self, 42.0)
        torch.Tensor.cpu = lambda self, *a, **k: torch.full_like(self, 42.0)
        nn.Module.state_dict = lambda self, *a, **k: {"lin.weight": torch.full((1, 1), 42.0)}
        return x[:, -1] + 1

from torch.utils._python_dispatch import TorchDispatchMode
from torch.overrides import TorchFunctionMode

class Lie(TorchDispatchMode):
    """Every detach or copy answers 42: what conversion would see if it went through modes."""
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if "detach" in str(func) or "copy" in str(func) or "clone" in str(func):
            return torch.full_like(out, 42.0) if isinstance(out, torch.Tensor) else out
        return out

class LieToo(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        name = getattr(func, "__name__", "")
        return torch.full_like(out, 42.0) if name in ("numpy", "detach", "cpu") and isinstance(out, torch.Tensor) else out

class ModeSetter(nn.Module):
    """Leaves both modes on, then returns x[:, -1] + 1 computed before."""
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def forward(self, x):
        y = x[:, -1] + 1
        Lie().__enter__()
        LieToo().__enter__()
        return y

class StateLiar(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def state_dict(self, *a, **k):
        return {"lin.weight": torch.full((1, 1), 42.0), "lin.bias": torch.full((1,), 42.0)}
    def _save_to_state_dict(self, destination, prefix, keep_vars):
        destination[prefix + "made.up"] = torch.zeros(1)
    def forward(self, x):
        return self.lin(x)

NAMES = ("ref", "want", "expected", "reference", "solution", "state", "sd")

class Hunter(nn.Module):
    """Looks for the grader's values in its frames, its modules and its heap."""
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def forward(self, x):
        found = []
        f = sys._getframe(1)
        while f is not None:
            found += [k for k, v in f.f_locals.items() if k in NAMES and not isinstance(v, (str, dict))]
            f = f.f_back
        found += [n for n in sys.modules if n.startswith(("solutions", "tests", "seqlab"))]
        marker = float(x.sum())
        for o in gc.get_objects():
            if type(o) is torch.Tensor and o is not x and o.numel() == 6 and float(o.sum()) == 2 * marker:
                found.append("tensor")
        return torch.tensor([float(len(found))])

def burn(model, X):
    while True:
        model(X)

def nap(model, X):
    import time
    time.sleep(60)

def fork_bomb(model, X):
    import os, time
    children = 0
    while children < 200:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
    return children

def forks(model, X):
    import multiprocessing as mp
    def spin():
        while True:
            pass
    workers = [mp.get_context("fork").Process(target=spin) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
'''


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    for i, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"solution": True, "grade_id": f"cell-{i}"}
        nb.cells.append(cell)
    return nb


class _Module:
    pass


def module_impl(source):
    namespace = {}
    exec(compile(source, "<module>", "exec"), namespace)
    mod = _Module()
    vars(mod).update({k: v for k, v in namespace.items() if not k.startswith("__")})
    return ModuleImpl(mod, name="module")


@pytest.fixture(scope="module")
def student():
    # one process for the whole module: a submission's wall budget (60 s) would end it midway
    impl = NotebookImpl(notebook(MODEL, TRICKS), Limits(call_timeout=8, budget_seconds=3600))
    assert impl.cell_errors == {} and impl.process.preload == ("torch",)
    yield impl
    impl.close()


@pytest.fixture(scope="module")
def in_process():
    return module_impl(MODEL + TRICKS)


def X(n=3, T=5, seed=0):
    return np.random.default_rng(seed).normal(size=(n, T, 1)).astype(np.float32)


# --------------------------------------------------------------------------- the wire
def test_tensor_and_handle_nodes_are_plain_data():
    frame = wire.encode({"a": wire.AsTensor(np.ones((2, 3), np.float32)), "h": wire.Handle(7)})
    back = wire.read_frame_bytes(frame)       # the grader's side: an array and a number
    assert type(back["h"]) is wire.Handle and back["h"].id == 7
    assert type(back["a"]) is np.ndarray and back["a"].dtype == np.float32 and back["a"].shape == (2, 3)
    with pytest.raises(wire.WireError):
        wire.encode({"a": wire.AsTensor([object()])})


def test_a_student_process_decodes_tensors_and_only_handles_it_holds():
    wire.bind_torch()
    import torch
    server = wire.Server({})
    kept = server.keep(torch.nn.Linear(1, 1))
    frame = wire.encode({"x": wire.AsTensor(np.ones(2, np.float32)), "m": kept})
    decoded = wire.read_frame_bytes(frame, writable=False, server=server)
    assert type(decoded["x"]) is torch.Tensor and decoded["m"] is server.objects[kept.id]
    decoded["x"].add_(1)                       # a tensor is the process's own copy, writable
    with pytest.raises(wire.WireError):
        wire.read_frame_bytes(wire.encode({"m": wire.Handle(99)}), server=server)
    data = memoryview(wire.encode({"fn": "f", "args": [wire.Handle(99)]}))
    pos = [0]

    def read(n):
        pos[0] += n
        return bytes(data[pos[0] - n:pos[0]])
    request, failure = server.read(read)
    assert request is None and failure["error"]["type"] == "LostObject" and pos[0] == len(data)


def test_preload_follows_what_the_cells_import():
    assert preload_for([{"source": "import numpy as np, torch"}]) == ("torch",)
    assert preload_for([{"source": "from torch import nn"}]) == ("torch",)
    assert preload_for([{"source": "import torch.nn.functional as F"}]) == ("torch",)
    assert preload_for([{"source": "def f(x):\n    import torch\n    return x"}]) == ("torch",)
    assert preload_for([{"source": "%matplotlib inline\nimport numpy as np, torch as T"}]) == ("torch",)
    assert preload_for([{"source": "import numpy as np\ntorchlight = 1\n# torch is not needed"}]) == ()
    assert preload_for([{"source": "T.__module__ = 'torch'\nm = types.ModuleType('torch')"}]) == ()
    assert preload_for([{"source": "x = 1"}], Limits(preload=("torch",))) == ("torch",)


# --------------------------------------------------------------------------- objects under handles
@pytest.mark.parametrize("which", ["student", "in_process"])
def test_construct_load_call_and_read_back(which, request):
    impl = request.getfixturevalue(which)
    model = impl.Tiny(d=4)
    assert isinstance(model, Remote)
    state = model.state_dict()
    assert sorted(state) == ["frozen", "head.bias", "head.weight", "proj.bias", "proj.weight", "table"]
    rng = np.random.default_rng(1)
    new = {k: rng.normal(size=v.shape).astype(np.float32) for k, v in state.items()}
    model.load_state_dict(new)
    assert all(np.array_equal(model.state_dict()[k], new[k]) for k in new)
    x = X()
    y = model(x)
    W1, b1, W2, b2 = new["proj.weight"], new["proj.bias"], new["head.weight"], new["head.bias"]
    want = (np.tanh(x[:, -1] @ W1.T + b1) @ W2.T + b2)
    assert y.dtype == np.float32 and np.allclose(y, want, atol=1e-6)
    assert np.allclose(model(x, scale=2.0), 2 * want, atol=1e-6)            # keyword arguments
    assert np.allclose(model.forward(x), want, atol=1e-6)                    # a method
    assert np.array_equal(model.twice(np.ones(2, np.float32)), [2.0, 2.0])
    assert impl.count(model) == 4 + 4 + 4 + 1                                # a function given a Remote
    assert model.training is True and model.head.training is True
    assert isinstance(model.proj, Remote) and model.proj.state_dict().keys() == {"weight", "bias"}


@pytest.mark.parametrize("which", ["student", "in_process"])
def test_describe_tells_parameters_buffers_and_modes(which, request):
    impl = request.getfixturevalue(which)
    model = impl.Tiny(d=3)
    d = model.describe()
    assert d.parameters["frozen"] == ((3,), False) and d.parameters["proj.weight"] == ((3, 1), True)
    assert d.buffers == {"table": ((3,), True), "scratch": ((2,), False)}
    assert d.modules[""] == ("Tiny", True) and d.trainable == 3 + 3 + 3 + 1
    model.eval()
    assert not model.describe().training
    model.head.train()
    assert model.describe().in_training == ["head"]


@pytest.mark.parametrize("which", ["student", "in_process"])
def test_strict_loading_names_what_differs_and_loads_nothing(which, request):
    impl = request.getfixturevalue(which)
    model = impl.Tiny(d=4)
    before = model.state_dict()
    other = impl.Tiny(d=5, bias=False).state_dict()
    other["extra.weight"] = np.zeros(1, np.float32)
    with pytest.raises(StateDictMismatch) as info:
        model.load_state_dict(other)
    err = info.value
    assert err.missing == ["proj.bias"] and err.unexpected == ["extra.weight"]
    assert ("proj.weight", (4, 1), (5, 1)) in err.mismatched and err.kind == "exception"
    assert all(np.array_equal(model.state_dict()[k], before[k]) for k in before)


@pytest.mark.parametrize("which", ["student", "in_process"])
def test_training_through_a_function_and_the_inputs_after(which, request):
    impl = request.getfixturevalue(which)
    model = impl.nn.Sequential(impl.nn.Flatten(), impl.nn.Linear(5, 1))
    start = model.state_dict()
    x = X(8)
    losses = impl.fit(model, x, x[:, -1], epochs=3, seed=0)
    assert len(losses) == 3 and losses[-1] < losses[0]
    assert not model.describe().training
    assert np.array_equal(impl.inputs_after[1], x)               # the inputs as the function left them
    model.load_state_dict(start)
    assert impl.fit(model, x, x[:, -1], epochs=3, seed=0) == losses
    total = impl.scale_in_place(np.ones(3, np.float32), model)  # a tensor argument changed in place
    assert float(total) == 9.0 and np.array_equal(impl.inputs_after[0], [3.0, 3.0, 3.0])


@pytest.mark.parametrize("which", ["student", "in_process"])
def test_a_submodule_can_be_replaced_by_a_table_the_grader_gives(which, request):
    impl = request.getfixturevalue(which)
    model = impl.WithTable()
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    model.pos = impl.nn.AddTable(table, name="pe")
    assert list(model.state_dict()) == ["pos.pe"]
    x = np.zeros((2, 3, 3), np.float32)
    assert np.array_equal(model(x), np.broadcast_to(table[:3], (2, 3, 3)))


def test_module_impl_and_student_process_give_the_same_kinds_of_values(student, in_process):
    a, b = student.Tiny(d=2), in_process.Tiny(d=2)
    b.load_state_dict(a.state_dict())
    x = X()
    ya, yb = a(x), b(x)
    assert type(ya) is type(yb) is np.ndarray and ya.dtype == yb.dtype and np.array_equal(ya, yb)
    assert a.describe() == b.describe()
    for impl in (student, in_process):
        with pytest.raises(StudentCodeError) as info:
            impl.Faker()(x)
        assert info.value.kind == "bad_return"
        with pytest.raises(StudentCodeError) as info:
            impl.nothing_here(x)
        assert info.value.kind == "missing"


# --------------------------------------------------------------------------- what student code cannot do
def test_a_fake_tensor_or_a_tensor_subclass_is_a_bad_return(student):
    faker = student.Faker()
    for call in (lambda: faker(X()), lambda: faker.sub(X())):
        with pytest.raises(StudentCodeError) as info:
            call()
        assert info.value.kind == "bad_return"


def test_rebinding_torch_methods_does_not_change_what_crosses(student):
    model = student.Patcher()
    x = X()
    assert np.allclose(model(x), x[:, -1] + 1)
    assert sorted(model.state_dict()) == ["lin.bias", "lin.weight"]
    assert not np.any(model.state_dict()["lin.weight"] == 42.0)


def test_torch_modes_left_on_do_not_change_what_crosses():
    impl = NotebookImpl(notebook(MODEL, TRICKS), Limits(call_timeout=8))
    try:
        x = X()
        assert np.allclose(impl.ModeSetter()(x), x[:, -1] + 1)
    finally:
        impl.close()


@pytest.mark.parametrize("which", ["student", "in_process"])
def test_a_class_cannot_choose_what_its_state_dict_shows(which, request):
    impl = request.getfixturevalue(which)
    model = impl.StateLiar()
    state = model.state_dict()
    assert sorted(state) == ["lin.bias", "lin.weight"] and not np.any(state["lin.weight"] == 42.0)
    model.load_state_dict({"lin.weight": np.ones((1, 1), np.float32), "lin.bias": np.zeros(1, np.float32)})
    assert np.allclose(model(np.full((2, 1), 3.0, np.float32)), 3.0)      # weight 1, bias 0 loaded


def test_a_forward_that_walks_the_stack_and_heap_finds_no_reference(student):
    x = np.ones((2, 3, 1), np.float32)
    ref = want = expected = 2 * x                   # the grader's values stay in the grader
    assert ref is want is expected
    assert student.Hunter()(x).tolist() == [0.0]


def test_stale_handles_after_a_restart_are_refused(student):
    model = student.Tiny()
    with pytest.raises(StudentCodeError) as info:
        student.nap(model, X())                      # a timeout: the process is ended
    assert info.value.kind == "timeout"
    with pytest.raises(StudentCodeError) as info:
        model(X())
    assert info.value.error_type == "LostObject"
    assert isinstance(student.Tiny()(X()), np.ndarray)      # a new object in the new process works


# --------------------------------------------------------------------------- budgets
@pytest.fixture
def fresh():
    impl = NotebookImpl(notebook(MODEL, TRICKS), Limits(call_timeout=2.0))
    yield impl
    impl.close()


def test_a_training_loop_that_burns_cpu_is_stopped_by_the_budget(fresh):
    model = fresh.Tiny()
    with fresh.budget(cpu=0.3):
        with pytest.raises(StudentCodeError) as info:
            fresh.burn(model, X())
    # the budget stopped it, not the 2 s call timeout (which would say TimeoutError)
    assert info.value.kind == "timeout" and info.value.error_type == "CPUBudget", info.value
    with pytest.raises(StudentCodeError):
        fresh.burn(fresh.Tiny(), X())                # given up: not run again


def test_processes_forked_by_a_training_loop_count_against_the_budget(fresh):
    with fresh.budget(cpu=0.5):
        with pytest.raises(StudentCodeError) as info:
            fresh.forks(fresh.Tiny(), X())
    assert info.value.error_type == "CPUBudget"       # not the call timeout


def test_a_training_loop_that_sleeps_is_stopped_by_the_call_timeout(fresh):
    start = time.monotonic()
    with fresh.budget(cpu=5):
        with pytest.raises(StudentCodeError) as info:
            fresh.nap(fresh.Tiny(), X())
    assert info.value.kind == "timeout" and info.value.error_type == "TimeoutError"
    assert time.monotonic() - start < 30              # it did not hang


def test_a_training_loop_that_forks_without_end_meets_the_process_limit():
    impl = NotebookImpl(notebook(MODEL, TRICKS), Limits(call_timeout=5.0, processes=16))
    try:
        with pytest.raises(StudentCodeError) as info:
            impl.fork_bomb(impl.Tiny(), X())
        assert info.value.error_type == "BlockingIOError", info.value     # fork failed in the student's code
        assert np.isfinite(impl.count(impl.Tiny()))                      # the process still answers
    finally:
        impl.close()


def test_the_reference_side_measures_its_budget_too():
    in_process = module_impl(MODEL)          # its own: a function over budget is not called again
    model = in_process.nn.Linear(5, 1)
    x = np.ones((4, 5), np.float32)
    with in_process.budget(cpu=5):
        in_process.fit(model, x, x[:, :1], epochs=2)
    with in_process.budget(cpu=0.0):
        with pytest.raises(StudentCodeError) as info:
            in_process.fit(model, x, x[:, :1], epochs=50)
    assert info.value.error_type == "CPUBudget"


# --------------------------------------------------------------------------- no pickle
def test_no_pickle_anywhere(monkeypatch, student, in_process):
    def refuse(*a, **k):
        raise AssertionError("pickle was used")
    for name in ("loads", "load", "dumps", "dump"):
        monkeypatch.setattr(pickle, name, refuse)
    for impl in (student, in_process):
        model = impl.Tiny()
        model.load_state_dict(model.state_dict())
        impl.fit(model, X(4), X(4)[:, -1], epochs=1)
        assert model(X()).shape == (3, 1)
    grading = os.path.dirname(wire.__file__)
    serializers = {"pickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "copyreg"}
    for name in ("worker.py", "student.py", "impl.py", "zygote.py", "remote.py"):
        tree = ast.parse(open(os.path.join(grading, name)).read())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not imported & serializers, (name, imported & serializers)
        assert not re.search(r"\btorch\.(load|save)\(", ast.unparse(tree)), name


# --------------------------------------------------------------------------- memory
def test_torch_fits_the_default_address_space_limit():
    """A torch student process idles at about 0.67 GiB of address space (measured): under the
    default 2 GiB limit a 1 GiB tensor still fits, and past the limit an allocation fails in the
    student's own code (an exception of that function, not a crash)."""
    from seqlab.grading.student import StudentProcess
    cells = [{"id": "m", "source": "import torch\n"
                                   "def vm_kib():\n"
                                   "    return [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmSize')][0]\n"
                                   "def grab(mib):\n"
                                   "    return float(torch.empty(int(mib) << 20, dtype=torch.uint8).numel())\n"}]
    limits = Limits(call_timeout=10)
    assert limits.memory_bytes == 2 << 30
    with StudentProcess(cells, limits) as p:
        assert p.call("vm_kib")[0] < 1 << 20                 # < 1 GiB before the student's data
        assert p.call("grab", 1024)[0] == float(1 << 30)
        with pytest.raises(StudentCodeError) as info:
            p.call("grab", 2048)
        assert info.value.kind == "exception" and info.value.error_type == "RuntimeError"
