"""Answers that compute nothing score nothing: zeros of the right shape, or a function that ignores
one of its inputs (memory, a mask, the padding, step_logits), get 0 points for that function.

A check that shapes or ranges alone could pass (a causality or padding property, "all padding
gives 0.0", "never more than max_len tokens") must not give points on its own: every check of
``tests/checks/test_decoder.py`` also compares values, and every check exercises every array input
of its function. This test feeds each graded decoder function such answers through the real
runner and asserts that not a single check passes.
"""
import types

import numpy as np
import pytest

from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from solutions import attention as A
from solutions import decoder as D
from tests.mistakes.decoder import decoder_without_causal_mask

SEEDS = (5, 99)


# --------------------------------------------------------------------------- additive_attention
def additive_zeros(Q, K, V, params, mask=None):
    return np.zeros(Q.shape[:-1] + V.shape[-1:]), np.zeros(Q.shape[:-1] + K.shape[-2:-1])


def additive_ignores_mask(Q, K, V, params, mask=None):
    return D.additive_attention(Q, K, V, params)


def additive_ignores_queries(Q, K, V, params, mask=None):
    scores = np.tanh(K @ params["W_k"]) @ params["v"]                 # (N, n_k): the same for every query
    scores = np.broadcast_to(scores[:, None, :], Q.shape[:-1] + K.shape[-2:-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    w = A.softmax(scores)
    return w @ V, w


# --------------------------------------------------------------------------- shift_right
def shift_zeros(targets, bos_id):
    return np.zeros_like(targets)


def shift_identity(targets, bos_id):
    return targets.copy()


def shift_ignores_bos(targets, bos_id):
    return D.shift_right(targets, 0)


# --------------------------------------------------------------------------- decoder_block
def _shapes(y, memory, n_heads):
    N, n_y, _ = y.shape
    return (N, n_heads, n_y, n_y), (N, n_heads, n_y, memory.shape[1])


def block_zeros(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    s, c = _shapes(y, memory, n_heads)
    return np.zeros_like(y), np.zeros(s), np.zeros(c)


def block_identity(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    s, c = _shapes(y, memory, n_heads)
    causal = A.causal_mask(y.shape[1])
    return y.copy(), causal / causal.sum(-1, keepdims=True) * np.ones(s), np.full(c, 1.0 / memory.shape[1])


def block_ignores_memory(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    """The block without its cross-attention sublayer: memory plays no part."""
    p = dict(params)
    for k in "qkvo":
        p[f"cross_W_{k}"] = np.zeros_like(params[f"cross_W_{k}"])
        p.pop(f"cross_b_{k}", None)
    out, sw, _ = D.decoder_block(y, y, p, n_heads, self_mask, None, norm_first)
    return out, sw, np.zeros(_shapes(y, memory, n_heads)[1])


def block_ignores_masks(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return D.decoder_block(y, memory, params, n_heads, None, None, norm_first)


def block_ignores_self_mask(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return D.decoder_block(y, memory, params, n_heads, None, memory_mask, norm_first)


def block_ignores_memory_mask(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return D.decoder_block(y, memory, params, n_heads, self_mask, None, norm_first)


def block_ignores_causal_mask(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return decoder_without_causal_mask(y, memory, params, n_heads, self_mask, memory_mask, norm_first)


# --------------------------------------------------------------------------- sequence_cross_entropy
def loss_zero(logits, targets, pad_id=0, label_smoothing=0.0):
    return 0.0


def loss_ignores_padding(logits, targets, pad_id=0, label_smoothing=0.0):
    return D.sequence_cross_entropy(logits, targets, pad_id=-1, label_smoothing=label_smoothing)


def loss_ignores_targets(logits, targets, pad_id=0, label_smoothing=0.0):
    m = logits.max(-1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(-1, keepdims=True))
    keep = targets != pad_id
    return float(-log_p.mean(-1)[keep].mean()) if keep.any() else 0.0


# --------------------------------------------------------------------------- greedy_decode
def greedy_zeros(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return np.zeros((len(memory), max_len), dtype=int)


def greedy_ignores_step(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return np.full((len(memory), 1), eos_id)


def greedy_ignores_memory(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return D.greedy_decode(lambda prefix, _: step_logits(prefix, None), memory, bos_id, eos_id, max_len, pad_id)


DEGENERATE = {
    "additive_attention": [additive_zeros, additive_ignores_mask, additive_ignores_queries],
    "shift_right": [shift_zeros, shift_identity, shift_ignores_bos],
    "decoder_block": [block_zeros, block_identity, block_ignores_memory, block_ignores_masks,
                      block_ignores_self_mask, block_ignores_memory_mask, block_ignores_causal_mask],
    "sequence_cross_entropy": [loss_zero, loss_ignores_padding, loss_ignores_targets],
    "greedy_decode": [greedy_zeros, greedy_ignores_step, greedy_ignores_memory],
}
CASES = [(fn, answer) for fn, answers in DEGENERATE.items() for answer in answers]


def impl_with(function, answer):
    namespace = types.SimpleNamespace(**vars(D))
    setattr(namespace, function, answer)
    return ModuleImpl(namespace, name=f"{function}:{answer.__name__}")


@pytest.mark.parametrize("function, answer", CASES, ids=[f"{f}:{a.__name__}" for f, a in CASES])
@pytest.mark.parametrize("seed", [SEEDS[0]] + [pytest.param(s, marks=pytest.mark.slow) for s in SEEDS[1:]])
def test_degenerate_answer_scores_nothing(function, answer, seed):
    report = run_checks(impl_with(function, answer), functions=[function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == function for c in checks)
    passed = [(c["id"], c["weight"]) for c in checks if c["passed"]]
    assert passed == [], f"{answer.__name__} earned points from {passed}"


def test_every_graded_function_is_covered():
    from tests.test_mistakes import checked_functions
    assert set(DEGENERATE) == set(checked_functions("decoder"))
