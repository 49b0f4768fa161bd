"""Every known mistake fails its function's hidden checks and is diagnosed by name; the reference
passes every check (CI (c)). The catalogue is the course's (``c.Course.mistakes``): one module per
assignment, named after it and after its solutions module."""
import ast
import builtins
import dis
import importlib
import importlib.util
import types

import nbformat
import pytest

from seqlab.catalogue import mistakes_of
from seqlab.course import Course
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.plugin import MARK
from seqlab.grading.runner import run_checks
from tests.course_copy import ROOT
from tests.harness import sweep

COURSE = Course(ROOT)
CATALOGUE = mistakes_of(COURSE)
SEEDS = (11, 2024)
MODULES = sorted({m.module for m in CATALOGUE})


def impl_with(m):
    """The reference module with one function replaced by the mistake."""
    reference = importlib.import_module(f"solutions.{m.module}")
    namespace = types.SimpleNamespace(**vars(reference))
    setattr(namespace, m.function, m.impl)
    return ModuleImpl(namespace, name=m.id)


def checked_functions(assignment):
    """The functions the assignment's check files hold checks of, read from the check markers."""
    names = set()
    for path in COURSE.check_set(assignment).here()[0]:
        spec = importlib.util.spec_from_file_location(f"_checks_of_{assignment}", path)
        checks = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(checks)
        names |= {m.kwargs["function"] for test in vars(checks).values()
                  for m in getattr(test, "pytestmark", []) if m.name == MARK}
    return sorted(names)


def test_every_assignment_with_checks_has_a_catalogue():
    graded = [a for a in COURSE.assignments() if not a.startswith("quiz_")]
    assert set(graded) <= set(MODULES), sorted(set(graded) - set(MODULES))


def test_catalogue_is_large_and_distinct():
    recurrent = [m for m in CATALOGUE if m.module == "recurrent"]
    assert len({m.diagnosis for m in recurrent}) >= 15, sorted({m.diagnosis for m in recurrent})
    assert len({m.id for m in CATALOGUE}) == len(CATALOGUE)


def test_transformer_catalogue_is_large_and_distinct():
    later = [m for m in CATALOGUE if m.module in ("attention", "positional", "transformer")]
    assert len({m.id for m in later}) >= 25, sorted(m.id for m in later)
    assert len({m.diagnosis for m in later}) >= 25, sorted({m.diagnosis for m in later})


def test_bptt_catalogue_is_large_and_distinct():
    bptt = [m for m in CATALOGUE if m.module == "bptt"]
    assert len({m.diagnosis for m in bptt}) >= 15, sorted({m.diagnosis for m in bptt})
    assert {m.function for m in bptt} == set(checked_functions("bptt"))


def test_decoder_catalogue_is_large_and_distinct():
    decoder = [m for m in CATALOGUE if m.module == "decoder"]
    assert len({m.diagnosis for m in decoder}) >= 15, sorted({m.diagnosis for m in decoder})
    assert {m.function for m in decoder} == set(checked_functions("decoder"))


def test_sequence_modeling_catalogue_is_large_and_distinct():
    lab = [m for m in CATALOGUE if m.module == "sequence_modeling"]
    assert len({m.diagnosis for m in lab}) >= 15, sorted({m.diagnosis for m in lab})
    assert {m.function for m in lab} == set(checked_functions("sequence_modeling"))
    assert any(isinstance(m.impl, type) for m in lab)          # classes are replaced like functions


@pytest.mark.parametrize("m", sweep(CATALOGUE, ids=lambda m: f"{m.module}:{m.id}"))
@pytest.mark.parametrize("seed", [SEEDS[0]] + [pytest.param(s, marks=pytest.mark.slow) for s in SEEDS[1:]])
def test_mistake_fails_and_is_named(m, seed):
    report = run_checks(impl_with(m), functions=[m.function], seed=seed, checks=COURSE.check_set(m.module))
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == m.function for c in checks)
    failed = [c for c in checks if not c["passed"]]
    assert failed, f"{m.id} passed every check of {m.function}"
    named = {c["diagnosis"] for c in failed}
    assert m.diagnosis in named, f"{m.id}: expected diagnosis {m.diagnosis}, got {named}"


@pytest.mark.parametrize("module", MODULES)
def test_reference_passes_every_check(module):
    functions = checked_functions(module)
    report = run_checks(f"module:solutions.{module}", functions=functions, seed=7, checks=COURSE.check_set(module))
    assert not report["errors"]
    checks = report["checks"]
    assert len(checks) >= (24 if module == "recurrent" else 2 * len(functions))
    assert {c["function"] for c in checks} == set(functions)
    assert [c["id"] for c in checks if not c["passed"]] == []


def _globals_read(code):
    """The global names a function's code (and the comprehensions inside it) reads."""
    names = {i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _globals_read(const)
    return names


def _defined(tree):
    """The names a cell's top level defines or imports."""
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_the_mistakes_of_the_demo_class_need_only_what_a_notebook_has():
    """``seqlab demo`` pastes a persona's mistake into a notebook cell on its own, without the
    catalogue module around it: it may read NumPy, builtins and the notebook's functions (its
    solution and provided cells, and what they import), and the helpers it brings along."""
    from seqlab.demo import _mistake_source
    from tests.demo_class import ROSTER
    by_name = {m.impl.__name__: m for m in CATALOGUE}
    used = {choice.split(":", 1)[1] for p in ROSTER for choice in p.functions.values() if choice.startswith("mistake:")}
    assert used and used <= set(by_name), sorted(used - set(by_name))
    for name in sorted(used):
        m = by_name[name]
        nb = nbformat.read(COURSE.notebook(m.module), as_version=4)
        available = {"np"} | set(dir(builtins))
        for cell in nb.cells:
            if cell.cell_type == "code":
                available |= _defined(ast.parse(cell.source))
        source = _mistake_source(m)
        available |= _defined(ast.parse(source))            # the helpers it brings, the function itself
        module = compile(source, f"<{name}>", "exec")
        missing = _globals_read(module) - available
        assert not missing, f"{name} ({m.module}) reads {sorted(missing)}, which its notebook does not have"
