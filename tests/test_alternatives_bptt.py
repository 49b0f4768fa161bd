"""Every correct alternative of a bptt function gets full marks from the hidden checks, on 5 seeds.

Each alternative (``tests/alternatives/bptt.py``) replaces its function in the reference module and
runs that function's hidden checks; a check it fails would mark right code wrong.
"""
import types

import numpy as np
import pytest

import solutions.bptt as B
import tests.alternatives.bptt  # noqa: F401  (registers the catalogue)
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.alternatives import CATALOGUE

SEEDS = (1, 7, 23, 1234, 99991)
ALTERNATIVES = [a for a in CATALOGUE if a.module == "bptt"]
GRADED = {"rnn_step", "rnn_forward", "rnn_step_backward", "rnn_backward", "lstm_step_backward", "lstm_backward",
          "clip_grad_norm"}


def impl_with(alt):
    namespace = types.SimpleNamespace(**vars(B))
    setattr(namespace, alt.function, alt.impl)
    return ModuleImpl(namespace, name=alt.id)


def test_every_graded_function_has_alternatives():
    by_function = {f: [a for a in ALTERNATIVES if a.function == f] for f in GRADED}
    assert all(len(alts) >= 2 for alts in by_function.values()), {f: len(a) for f, a in by_function.items()}
    assert {a.function for a in ALTERNATIVES} == GRADED


@pytest.mark.parametrize("alt", ALTERNATIVES, ids=lambda a: a.id)
def test_alternative_agrees_with_the_reference(alt):
    """Sanity of the catalogue itself: same values as the reference on one random input."""
    rng = np.random.default_rng(0)
    N, D, H, T = 2, 3, 4, 3
    p_rnn = {"W_xh": rng.normal(size=(D, H)), "W_hh": rng.normal(size=(H, H)), "b_h": rng.normal(size=H)}
    p_lstm = {k: rng.normal(size=(D, H) if k[:3] == "W_x" else (H, H) if k[:3] == "W_h" else H) for k in B.LSTM_KEYS}
    x_t, x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    dh, dhs = rng.normal(size=(N, H)), rng.normal(size=(N, T, H))
    args = {"rnn_step": (x_t, h, p_rnn), "rnn_forward": (x, h, p_rnn), "rnn_step_backward": (dh, x_t, h, p_rnn),
            "rnn_backward": (dhs, x, h, p_rnn), "lstm_step_backward": (dh, c, x_t, h, c, p_lstm),
            "lstm_backward": (dhs, x, h, c, p_lstm), "clip_grad_norm": (p_rnn, 0.5)}[alt.function]
    got, want = alt.impl(*args), getattr(B, alt.function)(*args)

    def same(a, b):
        if isinstance(b, dict):
            assert set(a) == set(b)
            for k in b:
                same(a[k], b[k])
        elif isinstance(b, tuple):
            assert len(a) == len(b)
            for u, v in zip(a, b):
                same(u, v)
        else:
            np.testing.assert_allclose(np.asarray(a, dtype=float), b, rtol=1e-9, atol=1e-12)
    same(got, want)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alt", ALTERNATIVES, ids=lambda a: a.id)
def test_alternative_gets_full_marks(alt, seed):
    report = run_checks(impl_with(alt), functions=[alt.function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == alt.function for c in checks)
    failed = [(c["id"], c["message"], c.get("internal")) for c in checks if not c["passed"]]
    assert failed == []
