"""Cross-check ``solutions/bptt.py`` against PyTorch (modules and ``torch.autograd``), in float64, to 1e-10.

Our convention (SPEC.md): row-vector batches, ``x_t (N, D) @ W_x* (D, H)``,
``h (N, H) @ W_h* (H, H)``, biases ``(H,)``. PyTorch stores ``weight (out, in)`` and computes
``x @ weight.T``, with two biases ``b_ih`` and ``b_hh`` that always appear as a sum.

Plain RNN ↔ ``nn.RNN(D, H, nonlinearity="tanh", batch_first=True)`` / ``nn.RNNCell``::

    PyTorch:  h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh)
    lecture:  h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)

    W_xh = weight_ih.T  (D, H)      W_hh = weight_hh.T  (H, H)      b_h = bias_ih + bias_hh

and for the gradients, read off ``.grad`` after ``loss.backward()``::

    dW_xh = weight_ih.grad.T        dW_hh = weight_hh.grad.T        db_h = bias_ih.grad (= bias_hh.grad)

(``nn.RNN`` names them ``weight_ih_l0`` etc.)

LSTM ↔ ``nn.LSTMCell`` / ``nn.LSTM``: row blocks of ``weight_ih (4H, D)``, ``weight_hh (4H, H)``,
``bias_ih``, ``bias_hh`` in the order **i, f, g, o**::

    block:  i = rows [0, H)   f = rows [H, 2H)   g = rows [2H, 3H)   o = rows [3H, 4H)
    W_x<b> = weight_ih[b].T      W_h<b> = weight_hh[b].T      b_<b> = bias_ih[b] + bias_hh[b]
    dW_x<b> = weight_ih.grad[b].T   dW_h<b> = weight_hh.grad[b].T   db_<b> = bias_ih.grad[b]

Loss: ``L = Σ_t ⟨dhs[:, t], h_t⟩``, whose gradient with respect to every h_t is exactly the
given ``dhs[:, t]``; for one step ``L = ⟨dh_t, h_t⟩`` (plus ``⟨dc_t, C_t⟩`` for the LSTM, so that
``dc_t`` is the gradient reaching C_t from outside). All sizes distinct, T ≥ 3, nonzero states,
biases and upstream gradients at every step, several seeds.
"""
import pathlib
import sys

import numpy as np
import pytest
import torch

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from solutions import bptt as B  # noqa: E402

TOL = dict(rtol=1e-10, atol=1e-10)

# (seed, N, D, H, T): all sizes distinct, T ≥ 3, several seeds.
CASES = [(0, 3, 5, 4, 6), (1, 2, 7, 3, 4), (2, 5, 2, 6, 3), (3, 4, 3, 7, 5)]
case_ids = [f"seed{c[0]}-N{c[1]}D{c[2]}H{c[3]}T{c[4]}" for c in CASES]
LSTM_BLOCKS = {"i": 0, "f": 1, "g": 2, "o": 3}  # PyTorch's row-block order


def _np(t):
    return t.detach().numpy().copy()


def _t(a, grad=False):
    return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=grad)


def _randomize(module, gen, scale=0.6):
    """Fresh N(0, scale²) values for every parameter of a PyTorch module (biases nonzero)."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(scale * torch.randn(p.shape, generator=gen, dtype=torch.float64))
    return module


def _weights(module, suffix=""):
    return tuple(getattr(module, f"{name}{suffix}") for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))


def rnn_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    return {"W_xh": _np(weight_ih.T), "W_hh": _np(weight_hh.T), "b_h": _np(bias_ih + bias_hh)}


def rnn_grads_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    return {"W_xh": _np(weight_ih.grad.T), "W_hh": _np(weight_hh.grad.T), "b_h": _np(bias_ih.grad)}


def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh, grad=False):
    """The mapping of the module docstring; ``grad=True`` maps the ``.grad`` of each tensor instead."""
    if grad:
        torch.testing.assert_close(bias_ih.grad, bias_hh.grad, rtol=1e-12, atol=1e-14)   # they enter as a sum
        weight_ih, weight_hh, bias_ih, bias_hh = weight_ih.grad, weight_hh.grad, bias_ih.grad, 0 * bias_hh.grad
    H = weight_hh.shape[1]
    params = {}
    for gate, k in LSTM_BLOCKS.items():
        rows = slice(k * H, (k + 1) * H)
        params[f"W_x{gate}"] = _np(weight_ih[rows].T)
        params[f"W_h{gate}"] = _np(weight_hh[rows].T)
        params[f"b_{gate}"] = _np(bias_ih[rows] + bias_hh[rows])
    return params


def _copies(*args):
    return [{k: v.copy() for k, v in a.items()} if isinstance(a, dict) else a.copy() for a in args]


def _assert_unchanged(args, copies):
    for a, c in zip(args, copies):
        if isinstance(c, dict):
            assert set(a) == set(c)
            for k in c:
                np.testing.assert_array_equal(a[k], c[k])
        else:
            np.testing.assert_array_equal(a, c)


def _assert_grads(grads, want, keys):
    assert isinstance(grads, dict) and set(grads) == set(keys), sorted(grads)
    for k in keys:
        assert np.shape(grads[k]) == np.shape(want[k]), k
        np.testing.assert_allclose(grads[k], want[k], **TOL, err_msg=k)


def _upstream(gen, *shape):
    g = torch.randn(*shape, generator=gen, dtype=torch.float64)
    assert torch.all(g.reshape(g.shape[0], -1).abs().sum(0) > 0)   # nonzero at every step/unit
    return g


# ----------------------------------------------------------------------------- plain RNN
def _rnn_cell(seed, N, D, H):
    gen = torch.Generator().manual_seed(seed)
    cell = _randomize(torch.nn.RNNCell(D, H, nonlinearity="tanh", dtype=torch.float64), gen)
    x = _t(torch.randn(N, D, generator=gen, dtype=torch.float64), grad=True)
    h = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    return cell, gen, x, h


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_rnn_step_matches_RNNCell(seed, N, D, H, T):
    cell, _, x, h = _rnn_cell(seed, N, D, H)
    params = rnn_params_from_torch(*_weights(cell))
    with torch.no_grad():
        want = cell(x, h)
    got = B.rnn_step(_np(x), _np(h), params)
    assert np.shape(got) == (N, H)
    np.testing.assert_allclose(got, _np(want), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_rnn_forward_matches_nn_RNN(seed, N, D, H, T):
    gen = torch.Generator().manual_seed(100 + seed)
    rnn = _randomize(torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True, dtype=torch.float64), gen)
    x = torch.randn(N, T, D, generator=gen, dtype=torch.float64)
    h0 = torch.randn(N, H, generator=gen, dtype=torch.float64)
    params = rnn_params_from_torch(*_weights(rnn, "_l0"))
    with torch.no_grad():
        out, h_n = rnn(x, h0[None])
    args = (_np(x), _np(h0), params)
    copies = _copies(*args)
    hs, h_T = B.rnn_forward(*args)
    assert np.shape(hs) == (N, T, H) and np.shape(h_T) == (N, H)
    np.testing.assert_allclose(hs, _np(out), **TOL)
    np.testing.assert_allclose(h_T, _np(h_n[0]), **TOL)
    _assert_unchanged(args, copies)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_rnn_step_backward_matches_autograd(seed, N, D, H, T):
    cell, gen, x, h = _rnn_cell(seed, N, D, H)
    dh = _upstream(gen, N, H)
    (cell(x, h) * dh).sum().backward()
    params = rnn_params_from_torch(*_weights(cell))
    params_extra = dict(params, W_hy=np.ones((H, 2)))           # a key the step does not use
    args = (_np(dh), _np(x), _np(h), params_extra)
    copies = _copies(*args)
    dx, dh_prev, grads = B.rnn_step_backward(*args)
    np.testing.assert_allclose(dx, _np(x.grad), **TOL)
    np.testing.assert_allclose(dh_prev, _np(h.grad), **TOL)
    assert np.shape(dx) == (N, D) and np.shape(dh_prev) == (N, H)
    _assert_grads(grads, rnn_grads_from_torch(*_weights(cell)), B.RNN_KEYS)
    _assert_unchanged(args, copies)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_rnn_backward_matches_autograd_through_nn_RNN(seed, N, D, H, T):
    gen = torch.Generator().manual_seed(200 + seed)
    rnn = _randomize(torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True, dtype=torch.float64), gen)
    x = _t(torch.randn(N, T, D, generator=gen, dtype=torch.float64), grad=True)
    h0 = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    dhs = _upstream(gen, N, T, H)
    out, _ = rnn(x, h0[None])
    (out * dhs).sum().backward()            # L = Σ_t ⟨dhs[:, t], h_t⟩
    params = dict(rnn_params_from_torch(*_weights(rnn, "_l0")), b_y=np.zeros(2))
    args = (_np(dhs), _np(x), _np(h0), params)
    copies = _copies(*args)
    dx, dh0, grads = B.rnn_backward(*args)
    assert np.shape(dx) == (N, T, D) and np.shape(dh0) == (N, H)
    np.testing.assert_allclose(dx, _np(x.grad), **TOL)
    np.testing.assert_allclose(dh0, _np(h0.grad), **TOL)
    _assert_grads(grads, rnn_grads_from_torch(*_weights(rnn, "_l0")), B.RNN_KEYS)
    _assert_unchanged(args, copies)


def test_rnn_backward_needs_the_gradient_from_step_t_plus_1():
    """The test inputs are not degenerate: without the recursion the answer differs, except at t = T−1."""
    rng = np.random.default_rng(5)
    N, D, H, T = 3, 4, 5, 6
    x, h0, dhs = rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), rng.normal(size=(N, T, H))
    p = {"W_xh": rng.normal(0, .6, (D, H)), "W_hh": rng.normal(0, .6, (H, H)), "b_h": rng.normal(0, .5, H)}
    dx, _, _ = B.rnn_backward(dhs, x, h0, p)
    hs, _ = B.rnn_forward(x, h0, p)
    prev = np.concatenate([h0[:, None], hs[:, :-1]], axis=1)
    local = np.stack([B.rnn_step_backward(dhs[:, t], x[:, t], prev[:, t], p)[0] for t in range(T)], axis=1)
    np.testing.assert_allclose(dx[:, -1], local[:, -1], **TOL)
    assert all(np.abs(dx[:, t] - local[:, t]).max() > 1e-3 for t in range(T - 1))


# ----------------------------------------------------------------------------------- LSTM
@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_step_backward_matches_autograd_through_LSTMCell(seed, N, D, H, T):
    gen = torch.Generator().manual_seed(300 + seed)
    cell = _randomize(torch.nn.LSTMCell(D, H, dtype=torch.float64), gen)
    x = _t(torch.randn(N, D, generator=gen, dtype=torch.float64), grad=True)
    h = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    c = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    dh, dc = _upstream(gen, N, H), _upstream(gen, N, H)
    h_t, c_t = cell(x, (h, c))
    ((h_t * dh).sum() + (c_t * dc).sum()).backward()
    params = dict(lstm_params_from_torch(*_weights(cell)), W_xh=np.ones((D, H)))   # an unused key
    args = (_np(dh), _np(dc), _np(x), _np(h), _np(c), params)
    copies = _copies(*args)
    dx, dh_prev, dc_prev, grads = B.lstm_step_backward(*args)
    assert np.shape(dx) == (N, D) and np.shape(dh_prev) == np.shape(dc_prev) == (N, H)
    np.testing.assert_allclose(dx, _np(x.grad), **TOL)
    np.testing.assert_allclose(dh_prev, _np(h.grad), **TOL)
    np.testing.assert_allclose(dc_prev, _np(c.grad), **TOL)
    _assert_grads(grads, lstm_params_from_torch(*_weights(cell), grad=True), B.LSTM_KEYS)
    _assert_unchanged(args, copies)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_backward_matches_autograd_through_nn_LSTM(seed, N, D, H, T):
    gen = torch.Generator().manual_seed(400 + seed)
    lstm = _randomize(torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64), gen)
    x = _t(torch.randn(N, T, D, generator=gen, dtype=torch.float64), grad=True)
    h0 = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    c0 = _t(torch.randn(N, H, generator=gen, dtype=torch.float64), grad=True)
    dhs = _upstream(gen, N, T, H)
    out, _ = lstm(x, (h0[None], c0[None]))
    (out * dhs).sum().backward()             # nothing reaches C_T from outside
    params = lstm_params_from_torch(*_weights(lstm, "_l0"))
    args = (_np(dhs), _np(x), _np(h0), _np(c0), dict(params, W_hy=np.ones((H, 2))))
    copies = _copies(*args)
    dx, dh0, dc0, grads = B.lstm_backward(*args)
    assert np.shape(dx) == (N, T, D) and np.shape(dh0) == np.shape(dc0) == (N, H)
    np.testing.assert_allclose(dx, _np(x.grad), **TOL)
    np.testing.assert_allclose(dh0, _np(h0.grad), **TOL)
    np.testing.assert_allclose(dc0, _np(c0.grad), **TOL)
    _assert_grads(grads, lstm_params_from_torch(*_weights(lstm, "_l0"), grad=True), B.LSTM_KEYS)
    _assert_unchanged(args, copies)


def test_lstm_forget_gate_open_is_a_gradient_highway():
    """f_t = 1, i_t = 0, W_h* = 0: the cell gradient passes every step unchanged (dc0 = Σ of what enters C)."""
    gen = torch.Generator().manual_seed(7)
    N, D, H, T = 2, 3, 4, 5
    lstm = _randomize(torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64), gen, scale=0.1)
    with torch.no_grad():
        lstm.bias_ih_l0[H:2 * H] += 60.0          # f → 1
        lstm.bias_ih_l0[:H] -= 60.0               # i → 0
        lstm.weight_hh_l0.zero_()                 # no gradient through h_{t-1}: only the cell path links steps
    x = torch.randn(N, T, D, generator=gen, dtype=torch.float64)
    h0, c0 = torch.randn(N, H, generator=gen, dtype=torch.float64), _t(torch.randn(N, H, generator=gen), grad=True)
    dhs = _upstream(gen, N, T, H)
    out, _ = lstm(x, (h0[None], c0[None]))
    (out * dhs).sum().backward()
    params = lstm_params_from_torch(*_weights(lstm, "_l0"))
    _, _, dc0, _ = B.lstm_backward(_np(dhs), _np(x), _np(h0), _np(c0), params)
    np.testing.assert_allclose(dc0, _np(c0.grad), **TOL)
    # C_t = C_0 at every step, so dc0 = Σ_t dhs_t ⊙ o_t ⊙ (1 − tanh²(C_0)), nothing lost on the way
    hs = _np(out)
    o = hs / np.tanh(_np(c0))[:, None, :]
    np.testing.assert_allclose(dc0, np.sum(_np(dhs) * o * (1 - np.tanh(_np(c0))[:, None, :] ** 2), axis=1),
                               rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------------------------- clip
def _grad_dict(rng):
    return {"W_xh": rng.normal(size=(4, 3)), "W_hh": rng.normal(size=(3, 3)), "b_h": rng.normal(size=3)}


def _torch_clip(grads, max_norm):
    tensors = []
    for v in grads.values():
        p = torch.zeros(v.shape, dtype=torch.float64, requires_grad=True)
        p.grad = _t(v)
        tensors.append(p)
    total = torch.nn.utils.clip_grad_norm_(tensors, max_norm)
    return {k: _np(p.grad) for k, p in zip(grads, tensors)}, float(total)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.999, 1.5, 10.0])     # max_norm / total_norm: above and below
def test_clip_grad_norm_matches_clip_grad_norm_(seed, ratio):
    rng = np.random.default_rng(seed)
    grads = _grad_dict(rng)
    norm = np.sqrt(sum((v ** 2).sum() for v in grads.values()))
    max_norm = ratio * norm
    copies = _copies(grads)
    clipped, total = B.clip_grad_norm(grads, max_norm)
    want, want_total = _torch_clip(grads, max_norm)
    assert type(total) is float
    np.testing.assert_allclose(total, want_total, rtol=1e-12)
    assert clipped is not grads and set(clipped) == set(grads)
    for k in grads:
        assert clipped[k] is not grads[k]
        np.testing.assert_allclose(clipped[k], want[k], rtol=1e-12, atol=0)
    _assert_unchanged([grads], copies)
    if ratio > 1:
        for k in grads:
            np.testing.assert_array_equal(clipped[k], grads[k])
    else:   # the global norm lands on max_norm (up to the 1e-6), and the direction is kept
        new = np.sqrt(sum((v ** 2).sum() for v in clipped.values()))
        np.testing.assert_allclose(new, max_norm * norm / (norm + 1e-6), rtol=1e-12)


def test_clip_grad_norm_small_gradients_show_the_epsilon():
    """Norms near 1e-6: the +1e-6 changes the factor visibly, and torch agrees with it."""
    grads = {"a": np.array([3e-6, 0.0]), "b": np.array([[0.0, 4e-6]])}     # norm 5e-6
    clipped, total = B.clip_grad_norm(grads, 1e-6)
    want, want_total = _torch_clip(grads, 1e-6)
    np.testing.assert_allclose(total, 5e-6, rtol=1e-12)
    np.testing.assert_allclose(total, want_total, rtol=1e-12)
    np.testing.assert_allclose(clipped["a"], [0.5e-6, 0.0], rtol=1e-12)        # factor 1e-6 / 6e-6 = 1/6
    for k in grads:
        np.testing.assert_allclose(clipped[k], want[k], rtol=1e-12)


def test_float32_inputs_stay_float32():
    rng = np.random.default_rng(3)
    N, D, H, T = 2, 3, 4, 3
    f32 = lambda *s: rng.normal(size=s).astype(np.float32)   # noqa: E731
    p = {"W_xh": f32(D, H), "W_hh": f32(H, H), "b_h": f32(H)}
    dx, dh0, grads = B.rnn_backward(f32(N, T, H), f32(N, T, D), f32(N, H), p)
    assert dx.dtype == dh0.dtype == np.float32 and all(g.dtype == np.float32 for g in grads.values())
    clipped, total = B.clip_grad_norm(grads, 0.1)
    assert type(total) is float and all(g.dtype == np.float32 for g in clipped.values())
