"""Correct versions of the bptt functions, written the many ways students write them.

Stacked weights ``[x, h] @ [W_xh; W_hh]`` (and CS231n's stacked LSTM gates in the order i, f, o, g),
loops or vectorised, ``1 − tanh(a)²`` or ``sech²(a)`` from the pre-activation, einsum, gradients of
all steps collected first and the weights' gradients computed at the end, a PyTorch detour
(``torch.autograd`` or ``nn.RNN``/``torch.nn.utils.clip_grad_norm_``) returning ``.numpy()``.
Each must get full marks from the hidden checks and pass the self-checks.
"""
import math

import numpy as np
import torch

from solutions.bptt import LSTM_KEYS, RNN_KEYS, lstm_step, rnn_forward, rnn_step, rnn_step_backward  # noqa: F401
from solutions.recurrent import lstm_forward, sigmoid  # noqa: F401  (siblings the self-checks look up)
from seqlab.catalogue import alternative


def _t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


# --------------------------------------------------------------------------- rnn_step
@alternative("rnn_step")
def rnn_step_stacked(x_t, h_prev, params):
    W = np.vstack([params["W_xh"], params["W_hh"]])              # (D + H, H)
    return np.tanh(np.hstack([x_t, h_prev]) @ W + params["b_h"])


@alternative("rnn_step")
def rnn_step_einsum_via_sigmoid(x_t, h_prev, params):
    a = np.einsum("nd,dh->nh", x_t, params["W_xh"]) + np.einsum("nk,kh->nh", h_prev, params["W_hh"]) + params["b_h"]
    return 2 * sigmoid(2 * a) - 1                                   # tanh(a) = 2σ(2a) − 1


@alternative("rnn_step")
def rnn_step_torch(x_t, h_prev, params):
    p = {k: _t(v) for k, v in params.items()}
    return torch.tanh(_t(x_t) @ p["W_xh"] + _t(h_prev) @ p["W_hh"] + p["b_h"]).numpy()


# --------------------------------------------------------------------------- rnn_forward
@alternative("rnn_forward")
def rnn_forward_preallocated(x, h0, params):
    N, T, _ = x.shape
    hs = np.empty((N, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h = np.tanh(x[:, t] @ params["W_xh"] + h @ params["W_hh"] + params["b_h"])
        hs[:, t] = h
    return hs, hs[:, -1]


@alternative("rnn_forward")
def rnn_forward_time_major_inside(x, h0, params):
    xs = np.transpose(x, (1, 0, 2))                                 # (T, N, D): loop over the first axis
    x_proj = xs @ params["W_xh"] + params["b_h"]                    # every x_t W_xh + b_h at once
    hs = []
    for a_x in x_proj:
        hs.append(np.tanh(a_x + (hs[-1] if hs else h0) @ params["W_hh"]))
    hs = np.stack(hs).transpose(1, 0, 2)
    return hs, hs[:, -1]


@alternative("rnn_forward")
def rnn_forward_nn_RNN(x, h0, params):
    D, H = params["W_xh"].shape
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(_t(params["W_xh"]).T)
        rnn.weight_hh_l0.copy_(_t(params["W_hh"]).T)
        rnn.bias_ih_l0.copy_(_t(params["b_h"]))
        rnn.bias_hh_l0.zero_()
        out, h_n = rnn(_t(x), _t(h0)[None])
    return out.numpy(), h_n[0].numpy()


# --------------------------------------------------------------------------- rnn_step_backward
@alternative("rnn_step_backward")
def rnn_step_backward_from_preactivation(dh_t, x_t, h_prev, params):
    a = x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"]
    da = dh_t * (1 - np.tanh(a) ** 2)
    return (da @ params["W_xh"].T, da @ params["W_hh"].T,
            {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": np.sum(da, axis=0)})


@alternative("rnn_step_backward")
def rnn_step_backward_sech_squared_einsum(dh_t, x_t, h_prev, params):
    a = x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"]
    da = dh_t / np.cosh(a) ** 2                                     # tanh′ = sech²
    grads = {"W_xh": np.einsum("nd,nh->dh", x_t, da), "W_hh": np.einsum("nk,nh->kh", h_prev, da),
             "b_h": np.einsum("nh->h", da)}
    return np.einsum("nh,dh->nd", da, params["W_xh"]), np.einsum("nh,kh->nk", da, params["W_hh"]), grads


@alternative("rnn_step_backward")
def rnn_step_backward_stacked(dh_t, x_t, h_prev, params):
    D = x_t.shape[1]
    W = np.vstack([params["W_xh"], params["W_hh"]])
    xh = np.hstack([x_t, h_prev])
    h_t = np.tanh(xh @ W + params["b_h"])
    da = dh_t * (1 - h_t * h_t)
    dxh, dW = da @ W.T, xh.T @ da
    return dxh[:, :D], dxh[:, D:], {"W_xh": dW[:D], "W_hh": dW[D:], "b_h": da.sum(0)}


@alternative("rnn_step_backward")
def rnn_step_backward_autograd(dh_t, x_t, h_prev, params):
    x, h = _t(x_t, True), _t(h_prev, True)
    p = {k: _t(params[k], True) for k in RNN_KEYS}
    h_t = torch.tanh(x @ p["W_xh"] + h @ p["W_hh"] + p["b_h"])
    h_t.backward(_t(dh_t))
    return x.grad.numpy(), h.grad.numpy(), {k: v.grad.numpy() for k, v in p.items()}


# --------------------------------------------------------------------------- rnn_backward
@alternative("rnn_backward")
def rnn_backward_collect_then_einsum(dhs, x, h0, params):
    hs, _ = rnn_forward(x, h0, params)
    h_prevs = np.concatenate([h0[:, None], hs[:, :-1]], axis=1)     # (N, T, H): the state entering each step
    das = np.zeros_like(hs)
    dh_next = np.zeros_like(h0)
    for t in range(x.shape[1] - 1, -1, -1):
        das[:, t] = (dhs[:, t] + dh_next) * (1 - hs[:, t] ** 2)
        dh_next = das[:, t] @ params["W_hh"].T
    grads = {"W_xh": np.einsum("ntd,nth->dh", x, das), "W_hh": np.einsum("ntk,nth->kh", h_prevs, das),
             "b_h": das.sum(axis=(0, 1))}
    return das @ params["W_xh"].T, dh_next, grads


@alternative("rnn_backward")
def rnn_backward_accumulates_into_a_copy(dhs, x, h0, params):
    dh = dhs.copy()                                                # the copy is ours to change
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros(x.shape)
    grads = {k: 0.0 for k in RNN_KEYS}
    for t in reversed(range(x.shape[1])):
        h_prev = h0 if t == 0 else hs[:, t - 1]
        dx[:, t], dh_prev, g = rnn_step_backward(dh[:, t], x[:, t], h_prev, params)
        if t > 0:
            dh[:, t - 1] += dh_prev
        grads = {k: grads[k] + g[k] for k in RNN_KEYS}
    return dx, dh_prev, grads


@alternative("rnn_backward")
def rnn_backward_autograd(dhs, x, h0, params):
    xt, h = _t(x, True), _t(h0, True)
    p = {k: _t(params[k], True) for k in RNN_KEYS}
    state, loss = h, 0
    for t in range(x.shape[1]):
        state = torch.tanh(xt[:, t] @ p["W_xh"] + state @ p["W_hh"] + p["b_h"])
        loss = loss + (state * _t(dhs[:, t])).sum()                 # L = Σ_t ⟨dhs[:, t], h_t⟩
    loss.backward()
    return xt.grad.numpy(), h.grad.numpy(), {k: v.grad.numpy() for k, v in p.items()}


# --------------------------------------------------------------------------- lstm_step_backward
CS231N_ORDER = "ifog"


@alternative("lstm_step_backward")
def lstm_step_backward_stacked_gates(dh_t, dc_t, x_t, h_prev, c_prev, params):
    """CS231n style: one (D, 4H) and one (H, 4H) matrix, gates stacked i, f, o, g."""
    H = h_prev.shape[1]
    Wx = np.hstack([params[f"W_x{g}"] for g in CS231N_ORDER])
    Wh = np.hstack([params[f"W_h{g}"] for g in CS231N_ORDER])
    b = np.concatenate([params[f"b_{g}"] for g in CS231N_ORDER])
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, o = (sigmoid(a[:, k * H:(k + 1) * H]) for k in range(3))
    g = np.tanh(a[:, 3 * H:])
    c = f * c_prev + i * g
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dh_t * np.tanh(c) * o * (1 - o),
                    dc * i * (1 - g ** 2)])
    dWx, dWh, db = x_t.T @ da, h_prev.T @ da, da.sum(axis=0)
    grads = {}
    for k, gate in enumerate(CS231N_ORDER):
        cols = slice(k * H, (k + 1) * H)
        grads[f"W_x{gate}"], grads[f"W_h{gate}"], grads[f"b_{gate}"] = dWx[:, cols], dWh[:, cols], db[cols]
    return da @ Wx.T, da @ Wh.T, dc * f, grads


@alternative("lstm_step_backward")
def lstm_step_backward_from_preactivations(dh_t, dc_t, x_t, h_prev, c_prev, params):
    a = {g: x_t @ params[f"W_x{g}"] + h_prev @ params[f"W_h{g}"] + params[f"b_{g}"] for g in "fiog"}
    f, i, o, g = sigmoid(a["f"]), sigmoid(a["i"]), sigmoid(a["o"]), np.tanh(a["g"])
    c = f * c_prev + i * g
    dC = dc_t + dh_t * o / np.cosh(c) ** 2
    dsig = {k: np.exp(-np.abs(a[k])) / (1 + np.exp(-np.abs(a[k]))) ** 2 for k in "fio"}   # σ′(a), σ′ even
    da = {"f": dC * c_prev * dsig["f"], "i": dC * g * dsig["i"], "o": dh_t * np.tanh(c) * dsig["o"],
          "g": dC * i / np.cosh(a["g"]) ** 2}
    dx = sum(da[k] @ params[f"W_x{k}"].T for k in "fiog")
    dh = sum(da[k] @ params[f"W_h{k}"].T for k in "fiog")
    grads = {}
    for k in "fiog":
        grads.update({f"W_x{k}": np.einsum("nd,nh->dh", x_t, da[k]), f"W_h{k}": np.einsum("nk,nh->kh", h_prev, da[k]),
                      f"b_{k}": da[k].sum(0)})
    return dx, dh, dC * f, grads


@alternative("lstm_step_backward")
def lstm_step_backward_autograd(dh_t, dc_t, x_t, h_prev, c_prev, params):
    x, h, c = _t(x_t, True), _t(h_prev, True), _t(c_prev, True)
    p = {k: _t(params[k], True) for k in LSTM_KEYS}

    def gate(k, act):
        return act(x @ p[f"W_x{k}"] + h @ p[f"W_h{k}"] + p[f"b_{k}"])
    f, i, o, g = gate("f", torch.sigmoid), gate("i", torch.sigmoid), gate("o", torch.sigmoid), gate("g", torch.tanh)
    c_t = f * c + i * g
    h_t = o * torch.tanh(c_t)
    ((h_t * _t(dh_t)).sum() + (c_t * _t(dc_t)).sum()).backward()
    return x.grad.numpy(), h.grad.numpy(), c.grad.numpy(), {k: v.grad.numpy() for k, v in p.items()}


# --------------------------------------------------------------------------- lstm_backward
@alternative("lstm_backward")
def lstm_backward_collect_then_einsum(dhs, x, h0, c0, params):
    N, T, _ = x.shape
    H = h0.shape[1]
    h_prev, c_prev = np.zeros((N, T, H)), np.zeros((N, T, H))
    gates = {k: np.zeros((N, T, H)) for k in "fiog"}
    cs = np.zeros((N, T, H))
    h, c = h0, c0
    for t in range(T):
        h_prev[:, t], c_prev[:, t] = h, c
        for k, act in (("f", sigmoid), ("i", sigmoid), ("o", sigmoid), ("g", np.tanh)):
            gates[k][:, t] = act(x[:, t] @ params[f"W_x{k}"] + h @ params[f"W_h{k}"] + params[f"b_{k}"])
        c = gates["f"][:, t] * c + gates["i"][:, t] * gates["g"][:, t]
        h = gates["o"][:, t] * np.tanh(c)
        cs[:, t] = c
    f, i, o, g = (gates[k] for k in "fiog")
    da = {k: np.zeros((N, T, H)) for k in "fiog"}
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(T)):
        dh = dhs[:, t] + dh_next
        tc = np.tanh(cs[:, t])
        dc = dc_next + dh * o[:, t] * (1 - tc ** 2)
        da["f"][:, t] = dc * c_prev[:, t] * f[:, t] * (1 - f[:, t])
        da["i"][:, t] = dc * g[:, t] * i[:, t] * (1 - i[:, t])
        da["o"][:, t] = dh * tc * o[:, t] * (1 - o[:, t])
        da["g"][:, t] = dc * i[:, t] * (1 - g[:, t] ** 2)
        dh_next = sum(da[k][:, t] @ params[f"W_h{k}"].T for k in "fiog")
        dc_next = dc * f[:, t]
    dx = sum(da[k] @ params[f"W_x{k}"].T for k in "fiog")
    grads = {}
    for k in "fiog":
        grads[f"W_x{k}"] = np.einsum("ntd,nth->dh", x, da[k])
        grads[f"W_h{k}"] = np.einsum("ntk,nth->kh", h_prev, da[k])
        grads[f"b_{k}"] = da[k].sum(axis=(0, 1))
    return dx, dh_next, dc_next, grads


@alternative("lstm_backward")
def lstm_backward_nn_LSTM_autograd(dhs, x, h0, c0, params):
    D, H = params["W_xf"].shape
    lstm = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():                                           # PyTorch's blocks: i, f, g, o, weights (out, in)
        lstm.weight_ih_l0.copy_(torch.cat([_t(params[f"W_x{k}"]).T for k in "ifgo"]))
        lstm.weight_hh_l0.copy_(torch.cat([_t(params[f"W_h{k}"]).T for k in "ifgo"]))
        lstm.bias_ih_l0.copy_(torch.cat([_t(params[f"b_{k}"]) for k in "ifgo"]))
        lstm.bias_hh_l0.zero_()
    xt, h, c = _t(x, True), _t(h0, True), _t(c0, True)
    out, _ = lstm(xt, (h[None], c[None]))
    (out * _t(dhs)).sum().backward()
    grads = {}
    for k, gate in enumerate("ifgo"):
        rows = slice(k * H, (k + 1) * H)
        grads[f"W_x{gate}"] = lstm.weight_ih_l0.grad[rows].T.numpy()
        grads[f"W_h{gate}"] = lstm.weight_hh_l0.grad[rows].T.numpy()
        grads[f"b_{gate}"] = lstm.bias_ih_l0.grad[rows].numpy()
    return xt.grad.numpy(), h.grad.numpy(), c.grad.numpy(), grads


@alternative("lstm_backward")
def lstm_backward_stacked_gates_loop(dhs, x, h0, c0, params):
    """CS231n's way: one stacked weight [W_i W_f W_o W_g] over [x, h], the step's backward written in
    the loop (no call to lstm_step_backward), the weights' gradients accumulated step by step."""
    N, T, D = x.shape
    H = h0.shape[1]
    order = "ifog"
    W = np.concatenate([np.concatenate([params[f"W_x{k}"] for k in order], axis=1),
                        np.concatenate([params[f"W_h{k}"] for k in order], axis=1)])     # (D + H, 4H)
    b = np.concatenate([params[f"b_{k}"] for k in order])
    cache, h, c = [], h0, c0
    for t in range(T):
        xh = np.concatenate([x[:, t], h], axis=1)
        a = xh @ W + b
        i, f, o, g = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 2 * H:3 * H]), np.tanh(a[:, 3 * H:])
        c_new = f * c + i * g
        cache.append((xh, c, i, f, o, g, c_new))
        h, c = o * np.tanh(c_new), c_new
    dW, db, dx = np.zeros_like(W), np.zeros_like(b), np.zeros_like(x)
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(T)):
        xh, c_prev, i, f, o, g, c_t = cache[t]
        dh = dhs[:, t] + dh_next
        tc = np.tanh(c_t)
        dc = dc_next + dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dh * tc * o * (1 - o),
                             dc * i * (1 - g ** 2)], axis=1)
        dW += xh.T @ da
        db += da.sum(axis=0)
        dxh = da @ W.T
        dx[:, t], dh_next, dc_next = dxh[:, :D], dxh[:, D:], dc * f
    grads = {}
    for n, k in enumerate(order):
        cols = slice(n * H, (n + 1) * H)
        grads[f"W_x{k}"], grads[f"W_h{k}"], grads[f"b_{k}"] = dW[:D, cols], dW[D:, cols], db[cols]
    return dx, dh_next, dc_next, grads


# --------------------------------------------------------------------------- clip_grad_norm
@alternative("clip_grad_norm")
def clip_grad_norm_flat_vector(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads.values()])
    total_norm = float(np.linalg.norm(flat))
    scale = max_norm / (total_norm + 1e-6)
    if scale < 1:
        return {k: g * scale for k, g in grads.items()}, total_norm
    return {k: g.copy() for k, g in grads.items()}, total_norm


@alternative("clip_grad_norm")
def clip_grad_norm_hypot(grads, max_norm):
    total_norm = math.hypot(*(np.linalg.norm(g) for g in grads.values()))
    coef = min(max_norm / (total_norm + 1e-6), 1.0)
    return {name: np.multiply(np.asarray(g, dtype=np.float64), coef) for name, g in grads.items()}, total_norm


@alternative("clip_grad_norm")
def clip_grad_norm_torch(grads, max_norm):
    tensors = []
    for g in grads.values():
        p = torch.zeros(np.shape(g), dtype=torch.float64, requires_grad=True)
        p.grad = _t(g)
        tensors.append(p)
    total = torch.nn.utils.clip_grad_norm_(tensors, max_norm)
    return {k: p.grad.numpy() for k, p in zip(grads, tensors)}, total.item()
