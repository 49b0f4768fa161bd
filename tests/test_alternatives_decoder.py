"""Every catalogued correct alternative of a decoder function gets full marks from the hidden checks."""
import importlib
import types

import pytest

import tests.alternatives.decoder  # noqa: F401  (registers the alternatives)
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.alternatives import CATALOGUE

SEEDS = (0, 1, 2, 3, 4)
DECODER = [a for a in CATALOGUE if a.module == "decoder"]


def impl_with(alt):
    """The reference module with one function replaced by the alternative."""
    reference = importlib.import_module(f"solutions.{alt.module}")
    namespace = types.SimpleNamespace(**vars(reference))
    setattr(namespace, alt.function, alt.impl)
    return ModuleImpl(namespace, name=alt.id)


def test_every_decoder_function_has_alternatives():
    assert {a.function for a in DECODER} == {"additive_attention", "shift_right", "decoder_block",
                                             "sequence_cross_entropy", "greedy_decode"}
    assert len({a.id for a in DECODER}) == len(DECODER)


@pytest.mark.parametrize("alt", DECODER, ids=lambda a: a.id)
@pytest.mark.parametrize("seed", SEEDS)
def test_alternative_gets_full_marks(alt, seed):
    report = run_checks(impl_with(alt), functions=[alt.function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == alt.function for c in checks)
    failed = [(c["id"], c["diagnosis"], (c["message"] or {}).get("en")) for c in checks if not c["passed"]]
    assert failed == [], failed
