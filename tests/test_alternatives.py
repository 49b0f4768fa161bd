"""Every catalogued correct alternative gets full marks from its function's hidden checks."""
import importlib
import types

import pytest

import tests.alternatives.sequence_modeling  # noqa: F401  (registers the catalogue)
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.alternatives import CATALOGUE

SEEDS = (5, 2025)


def impl_with(alt):
    """The reference module with one function (or class) replaced by the alternative."""
    reference = importlib.import_module(f"solutions.{alt.module}")
    namespace = types.SimpleNamespace(**vars(reference))
    setattr(namespace, alt.function, alt.impl)
    return ModuleImpl(namespace, name=alt.id)


def test_every_function_of_the_lab_has_alternatives():
    lab = {a.function for a in CATALOGUE if a.module == "sequence_modeling"}
    assert lab == {"PositionalEncoding", "TransformerForecaster", "RNNForecaster", "count_parameters",
                   "train_model", "evaluate", "last_position_attention"}
    assert len({a.id for a in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("alt", CATALOGUE, ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_alternative_gets_full_marks(alt, seed):
    report = run_checks(impl_with(alt), functions=[alt.function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == alt.function for c in checks)
    failed = {c["id"]: (c["message"] or {}).get("en") for c in checks if not c["passed"]}
    assert failed == {}, f"{alt.id} is correct but failed: {failed}"
