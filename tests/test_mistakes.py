"""Every known mistake fails its function's hidden checks and is diagnosed by name (CI (c))."""
import importlib
import importlib.util
import types

import pytest

import tests.mistakes.attention  # noqa: F401  (registers the catalogue)
import tests.mistakes.positional  # noqa: F401
import tests.mistakes.recurrent  # noqa: F401
import tests.mistakes.sequence_modeling  # noqa: F401
import tests.mistakes.transformer  # noqa: F401
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.plugin import MARK
from seqlab.grading.runner import CHECKS_DIR, run_checks
from tests.mistakes import CATALOGUE

SEEDS = (11, 2024)
MODULES = ("recurrent", "attention", "positional", "transformer", "sequence_modeling")


def impl_with(m):
    """The reference module with one function (or class) replaced by the mistake."""
    reference = importlib.import_module(f"solutions.{m.module}")
    namespace = types.SimpleNamespace(**vars(reference))
    setattr(namespace, m.function, m.impl)
    return ModuleImpl(namespace, name=m.id)


def checked_functions(module):
    """The functions whose checks live in tests/checks/test_<module>.py, read from the check markers."""
    spec = importlib.util.spec_from_file_location(f"_checks_of_{module}", CHECKS_DIR / f"test_{module}.py")
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    return sorted({m.kwargs["function"] for test in vars(checks).values()
                   for m in getattr(test, "pytestmark", []) if m.name == MARK})


def test_catalogue_is_large_and_distinct():
    recurrent = [m for m in CATALOGUE if m.module == "recurrent"]
    assert len({m.diagnosis for m in recurrent}) >= 15, sorted({m.diagnosis for m in recurrent})
    assert len({m.id for m in CATALOGUE}) == len(CATALOGUE)


def test_transformer_catalogue_is_large_and_distinct():
    later = [m for m in CATALOGUE if m.module in ("attention", "positional", "transformer")]
    assert len({m.id for m in later}) >= 25, sorted(m.id for m in later)
    assert len({m.diagnosis for m in later}) >= 25, sorted({m.diagnosis for m in later})


def test_sequence_modeling_catalogue_is_large_and_distinct():
    lab = [m for m in CATALOGUE if m.module == "sequence_modeling"]
    assert len({m.diagnosis for m in lab}) >= 15, sorted({m.diagnosis for m in lab})
    assert {m.function for m in lab} == {"PositionalEncoding", "TransformerForecaster", "RNNForecaster",
                                         "count_parameters", "train_model", "evaluate", "last_position_attention"}
    assert any(isinstance(m.impl, type) for m in lab)          # classes are replaced like functions


@pytest.mark.parametrize("m", CATALOGUE, ids=lambda m: m.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_mistake_fails_and_is_named(m, seed):
    report = run_checks(impl_with(m), functions=[m.function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == m.function for c in checks)
    failed = [c for c in checks if not c["passed"]]
    assert failed, f"{m.id} passed every check of {m.function}"
    named = {c["diagnosis"] for c in failed}
    assert m.diagnosis in named, f"{m.id}: expected diagnosis {m.diagnosis}, got {named}"


@pytest.mark.parametrize("module", MODULES)
def test_reference_passes_every_check(module):
    # Only this module's functions: the reference module lacks the other assignments' functions.
    functions = checked_functions(module)
    report = run_checks(f"module:solutions.{module}", functions=functions, seed=7)
    assert not report["errors"]
    checks = report["checks"]
    assert len(checks) >= (24 if module == "recurrent" else 2 * len(functions))
    assert {c["function"] for c in checks} == set(functions)
    assert [c["id"] for c in checks if not c["passed"]] == []
