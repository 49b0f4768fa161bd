"""Answers that only have the right shapes earn nothing from the bptt hidden checks.

Review rule (a): a check that shapes or ranges alone can pass gives no points on its own. Each
graded bptt function is replaced, in the reference module, by answers that a student could hand in
without doing the work: constant zeros or ones of the right shapes, the upstream gradient passed
back unchanged, a function that ignores one of its inputs (x, the state, the upstream gradient).
Every such answer must fail every check with a weight: the weights of the checks it passes sum to 0.
"""
import types

import numpy as np
import pytest

import solutions.bptt as B
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks

SEEDS = (3, 41)


def _zeros_like_grads(params, keys, fill=0.0):
    return {k: np.full(np.shape(params[k]), fill) for k in keys}


def _zero(a):
    return np.zeros_like(a)


# ----------------------------------------------------------------------------- the answers
def rnn_step_zeros(x_t, h_prev, params):
    return np.zeros_like(h_prev)


def rnn_step_ones(x_t, h_prev, params):
    return np.ones_like(h_prev)


def rnn_step_returns_h_prev(x_t, h_prev, params):
    return h_prev


def rnn_step_ignores_x(x_t, h_prev, params):
    return B.rnn_step(_zero(x_t), h_prev, params)


def rnn_step_ignores_h_prev(x_t, h_prev, params):
    return B.rnn_step(x_t, _zero(h_prev), params)


def rnn_step_bias_only(x_t, h_prev, params):
    return np.tanh(np.zeros_like(h_prev) + params["b_h"])


def rnn_forward_zeros(x, h0, params):
    hs = np.zeros(x.shape[:2] + h0.shape[1:])
    return hs, hs[:, -1]


def rnn_forward_repeats_h0(x, h0, params):
    return np.repeat(h0[:, None], x.shape[1], axis=1), h0


def rnn_forward_ignores_x(x, h0, params):
    return B.rnn_forward(_zero(x), h0, params)


def rnn_forward_ignores_h0(x, h0, params):
    return B.rnn_forward(x, _zero(h0), params)


def rnn_step_backward_zeros(dh_t, x_t, h_prev, params):
    return _zero(x_t), _zero(h_prev), _zeros_like_grads(params, B.RNN_KEYS)


def rnn_step_backward_ones(dh_t, x_t, h_prev, params):
    return np.ones_like(x_t), np.ones_like(h_prev), _zeros_like_grads(params, B.RNN_KEYS, 1.0)


def rnn_step_backward_passes_dh_back(dh_t, x_t, h_prev, params):
    return _zero(x_t), dh_t, _zeros_like_grads(params, B.RNN_KEYS)


def rnn_step_backward_ignores_x(dh_t, x_t, h_prev, params):
    return B.rnn_step_backward(dh_t, _zero(x_t), h_prev, params)


def rnn_step_backward_ignores_h_prev(dh_t, x_t, h_prev, params):
    return B.rnn_step_backward(dh_t, x_t, _zero(h_prev), params)


def rnn_step_backward_ignores_dh(dh_t, x_t, h_prev, params):
    return B.rnn_step_backward(np.ones_like(dh_t), x_t, h_prev, params)


def rnn_backward_zeros(dhs, x, h0, params):
    return _zero(x), _zero(h0), _zeros_like_grads(params, B.RNN_KEYS)


def rnn_backward_ones(dhs, x, h0, params):
    return np.ones_like(x), np.ones_like(h0), _zeros_like_grads(params, B.RNN_KEYS, 1.0)


def rnn_backward_passes_dh_back(dhs, x, h0, params):
    return _zero(x), dhs[:, 0], _zeros_like_grads(params, B.RNN_KEYS)


def rnn_backward_ignores_x(dhs, x, h0, params):
    return B.rnn_backward(dhs, _zero(x), h0, params)


def rnn_backward_ignores_h0(dhs, x, h0, params):
    return B.rnn_backward(dhs, x, _zero(h0), params)


def rnn_backward_ignores_dhs(dhs, x, h0, params):
    return B.rnn_backward(np.ones_like(dhs), x, h0, params)


def lstm_step_backward_zeros(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return _zero(x_t), _zero(h_prev), _zero(c_prev), _zeros_like_grads(params, B.LSTM_KEYS)


def lstm_step_backward_ones(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return (np.ones_like(x_t), np.ones_like(h_prev), np.ones_like(c_prev),
            _zeros_like_grads(params, B.LSTM_KEYS, 1.0))


def lstm_step_backward_passes_back(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return _zero(x_t), dh_t, dc_t, _zeros_like_grads(params, B.LSTM_KEYS)


def lstm_step_backward_ignores_x(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return B.lstm_step_backward(dh_t, dc_t, _zero(x_t), h_prev, c_prev, params)


def lstm_step_backward_ignores_h_prev(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return B.lstm_step_backward(dh_t, dc_t, x_t, _zero(h_prev), c_prev, params)


def lstm_step_backward_ignores_c_prev(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return B.lstm_step_backward(dh_t, dc_t, x_t, h_prev, _zero(c_prev), params)


def lstm_step_backward_ignores_dh(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return B.lstm_step_backward(np.ones_like(dh_t), dc_t, x_t, h_prev, c_prev, params)


def lstm_backward_zeros(dhs, x, h0, c0, params):
    return _zero(x), _zero(h0), _zero(c0), _zeros_like_grads(params, B.LSTM_KEYS)


def lstm_backward_ones(dhs, x, h0, c0, params):
    return np.ones_like(x), np.ones_like(h0), np.ones_like(c0), _zeros_like_grads(params, B.LSTM_KEYS, 1.0)


def lstm_backward_passes_back(dhs, x, h0, c0, params):
    return _zero(x), dhs[:, 0], _zero(c0), _zeros_like_grads(params, B.LSTM_KEYS)


def lstm_backward_ignores_x(dhs, x, h0, c0, params):
    return B.lstm_backward(dhs, _zero(x), h0, c0, params)


def lstm_backward_ignores_h0(dhs, x, h0, c0, params):
    return B.lstm_backward(dhs, x, _zero(h0), c0, params)


def lstm_backward_ignores_c0(dhs, x, h0, c0, params):
    return B.lstm_backward(dhs, x, h0, _zero(c0), params)


def lstm_backward_ignores_dhs(dhs, x, h0, c0, params):
    return B.lstm_backward(np.ones_like(dhs), x, h0, c0, params)


def clip_grad_norm_identity(grads, max_norm):
    return dict(grads), 0.0


def clip_grad_norm_zeros(grads, max_norm):
    return {k: np.zeros_like(g) for k, g in grads.items()}, 0.0


def clip_grad_norm_ones(grads, max_norm):
    return {k: np.ones_like(g) for k, g in grads.items()}, 1.0


def clip_grad_norm_max_norm_everywhere(grads, max_norm):
    return {k: np.full(np.shape(g), max_norm) for k, g in grads.items()}, float(max_norm)


def clip_grad_norm_identity_reports_max_norm(grads, max_norm):
    return dict(grads), float(max_norm)


ANSWERS = {
    "rnn_step": [rnn_step_zeros, rnn_step_ones, rnn_step_returns_h_prev, rnn_step_ignores_x,
                 rnn_step_ignores_h_prev, rnn_step_bias_only],
    "rnn_forward": [rnn_forward_zeros, rnn_forward_repeats_h0, rnn_forward_ignores_x, rnn_forward_ignores_h0],
    "rnn_step_backward": [rnn_step_backward_zeros, rnn_step_backward_ones, rnn_step_backward_passes_dh_back,
                          rnn_step_backward_ignores_x, rnn_step_backward_ignores_h_prev,
                          rnn_step_backward_ignores_dh],
    "rnn_backward": [rnn_backward_zeros, rnn_backward_ones, rnn_backward_passes_dh_back, rnn_backward_ignores_x,
                     rnn_backward_ignores_h0, rnn_backward_ignores_dhs],
    "lstm_step_backward": [lstm_step_backward_zeros, lstm_step_backward_ones, lstm_step_backward_passes_back,
                           lstm_step_backward_ignores_x, lstm_step_backward_ignores_h_prev,
                           lstm_step_backward_ignores_c_prev, lstm_step_backward_ignores_dh],
    "lstm_backward": [lstm_backward_zeros, lstm_backward_ones, lstm_backward_passes_back, lstm_backward_ignores_x,
                      lstm_backward_ignores_h0, lstm_backward_ignores_c0, lstm_backward_ignores_dhs],
    "clip_grad_norm": [clip_grad_norm_identity, clip_grad_norm_zeros, clip_grad_norm_ones,
                       clip_grad_norm_max_norm_everywhere, clip_grad_norm_identity_reports_max_norm],
}
CASES = [(fn, answer) for fn, answers in ANSWERS.items() for answer in answers]


def impl_answering(function, answer):
    namespace = types.SimpleNamespace(**vars(B))
    setattr(namespace, function, answer)
    return ModuleImpl(namespace, name=f"{function}:{answer.__name__}")


def test_every_graded_function_has_degenerate_answers():
    graded = {"rnn_step", "rnn_forward", "rnn_step_backward", "rnn_backward", "lstm_step_backward",
              "lstm_backward", "clip_grad_norm"}
    assert set(ANSWERS) == graded


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("function,answer", CASES, ids=[f"{f}:{a.__name__}" for f, a in CASES])
def test_degenerate_answer_scores_zero(function, answer, seed):
    report = run_checks(impl_answering(function, answer), functions=[function], seed=seed)
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and any(c["weight"] > 0 for c in checks)
    earned = [(c["id"], c["weight"]) for c in checks if c["passed"] and c["weight"] > 0]
    assert earned == [], f"{answer.__name__} earned points from {earned}"
    assert all(c["message"] for c in checks if not c["passed"])      # every failure says something


def test_the_reference_scores_full_marks_on_the_same_seeds():
    for seed in SEEDS:
        report = run_checks("module:solutions.bptt", functions=list(ANSWERS), seed=seed)
        assert not report["errors"]
        assert [c["id"] for c in report["checks"] if not c["passed"]] == []
