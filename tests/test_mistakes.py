"""Every known mistake fails its function's hidden checks and is diagnosed by name (CI (c))."""
import importlib
import types

import pytest

import tests.mistakes.recurrent  # noqa: F401  (registers the catalogue)
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.mistakes import CATALOGUE

SEEDS = (11, 2024)


def impl_with(m):
    """The reference module with one function replaced by the mistake."""
    reference = importlib.import_module(f"solutions.{m.module}")
    namespace = types.SimpleNamespace(**vars(reference))
    setattr(namespace, m.function, m.impl)
    return ModuleImpl(namespace, name=m.id)


def test_catalogue_is_large_and_distinct():
    recurrent = [m for m in CATALOGUE if m.module == "recurrent"]
    assert len({m.diagnosis for m in recurrent}) >= 15, sorted({m.diagnosis for m in recurrent})
    assert len({m.id for m in CATALOGUE}) == len(CATALOGUE)


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


def test_reference_passes_every_check():
    report = run_checks("module:solutions.recurrent", seed=7)
    assert not report["errors"]
    assert len(report["checks"]) >= 24
    assert [c["id"] for c in report["checks"] if not c["passed"]] == []
