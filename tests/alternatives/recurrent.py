"""Correct versions of the recurrent functions, written the ways students write them.

Stacked weights ``[x, h] @ [W_x; W_h]`` (one gate, or all gates in one matmul split afterwards),
einsum, loops over rows, units or time steps, tanh through σ (``tanh a = 2σ(2a) − 1``) or σ through
tanh (``σ(x) = ½(1 + tanh(x/2))``), the GRU update as ``h + z ⊙ (h̃ − h)``, preallocated or time-major
sequences, and PyTorch detours (``torch.sigmoid``, ``nn.LSTMCell``/``nn.LSTM`` with the lecture's
weights mapped, ``torch.lerp``) returning ``.numpy()``; float32 only where the function is elementwise
(its rounding, ~1e-7, is far inside the checks' 1e-6). Each must get full marks from the hidden checks
and pass the self-checks.
"""
import math

import numpy as np
import torch

from seqlab.catalogue import alternative
from solutions.recurrent import (gru_candidate, gru_gates, gru_step, gru_update, lstm_candidate,  # noqa: F401
                                 lstm_cell_update, lstm_gates, lstm_hidden, lstm_step, sigmoid)


def _t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def _stacked(x_t, h_prev, params, gates):
    """[x_t, h_{t-1}] @ [[W_x* …]; [W_h* …]] + [b_* …] for several gates at once, split per gate."""
    W = np.vstack([np.hstack([params[f"W_x{g}"] for g in gates]), np.hstack([params[f"W_h{g}"] for g in gates])])
    b = np.concatenate([params[f"b_{g}"] for g in gates])
    return np.split(np.concatenate([x_t, h_prev], axis=1) @ W + b, len(gates), axis=1)


# --------------------------------------------------------------------------- sigmoid
@alternative("sigmoid")
def sigmoid_via_tanh(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=np.float64) / 2))       # σ(x) = ½ (1 + tanh(x/2))


@alternative("sigmoid")
def sigmoid_two_safe_branches(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))                                                   # ≤ 1: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@alternative("sigmoid")
def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=np.float64)))     # σ(x) = e^(−log(1 + e^(−x)))


@alternative("sigmoid")
def sigmoid_loop_math_exp(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    for idx, v in np.ndenumerate(x):
        out[idx] = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    return out


@alternative("sigmoid")
def sigmoid_torch_float32(x):
    return torch.sigmoid(torch.tensor(np.asarray(x), dtype=torch.float32)).numpy()


# --------------------------------------------------------------------------- lstm_gates
@alternative("lstm_gates")
def lstm_gates_stacked_per_gate(x_t, h_prev, params):
    xh = np.hstack([x_t, h_prev])
    return tuple(sigmoid(xh @ np.vstack([params[f"W_x{g}"], params[f"W_h{g}"]]) + params[f"b_{g}"]) for g in "fio")


@alternative("lstm_gates")
def lstm_gates_one_matmul_split(x_t, h_prev, params):
    f_t, i_t, o_t = (sigmoid(a) for a in _stacked(x_t, h_prev, params, "fio"))
    return f_t, i_t, o_t


@alternative("lstm_gates")
def lstm_gates_einsum(x_t, h_prev, params):
    def gate(g):
        a = np.einsum("nd,dh->nh", x_t, params[f"W_x{g}"]) + np.einsum("nk,kh->nh", h_prev, params[f"W_h{g}"])
        return sigmoid(a + params[f"b_{g}"])
    return gate("f"), gate("i"), gate("o")


@alternative("lstm_gates")
def lstm_gates_torch(x_t, h_prev, params):
    x, h = _t(x_t), _t(h_prev)
    return tuple(torch.sigmoid(x @ _t(params[f"W_x{g}"]) + h @ _t(params[f"W_h{g}"]) + _t(params[f"b_{g}"])).numpy()
                 for g in "fio")


# --------------------------------------------------------------------------- lstm_candidate
@alternative("lstm_candidate")
def lstm_candidate_stacked(x_t, h_prev, params):
    return np.tanh(np.hstack([x_t, h_prev]) @ np.vstack([params["W_xg"], params["W_hg"]]) + params["b_g"])


@alternative("lstm_candidate")
def lstm_candidate_tanh_via_sigmoid(x_t, h_prev, params):
    a = np.einsum("nd,dh->nh", x_t, params["W_xg"]) + np.einsum("nk,kh->nh", h_prev, params["W_hg"]) + params["b_g"]
    return 2 * sigmoid(2 * a) - 1                                            # tanh(a) = 2σ(2a) − 1


@alternative("lstm_candidate")
def lstm_candidate_torch(x_t, h_prev, params):
    return torch.tanh(_t(x_t) @ _t(params["W_xg"]) + _t(h_prev) @ _t(params["W_hg"]) + _t(params["b_g"])).numpy()


# --------------------------------------------------------------------------- lstm_cell_update
@alternative("lstm_cell_update")
def lstm_cell_update_np_functions(c_prev, f_t, i_t, g_t):
    return np.add(np.multiply(f_t, c_prev), np.multiply(i_t, g_t))


@alternative("lstm_cell_update")
def lstm_cell_update_row_loop(c_prev, f_t, i_t, g_t):
    c_t = np.zeros(np.shape(c_prev))
    for n in range(len(c_t)):
        c_t[n] = f_t[n] * c_prev[n] + i_t[n] * g_t[n]
    return c_t


@alternative("lstm_cell_update")
def lstm_cell_update_copy_then_in_place(c_prev, f_t, i_t, g_t):
    c_t = c_prev.copy()          # in place, but on a copy: the input stays as it was
    c_t *= f_t
    c_t += i_t * g_t
    return c_t


@alternative("lstm_cell_update")
def lstm_cell_update_torch_float32(c_prev, f_t, i_t, g_t):
    c, f, i, g = (torch.tensor(np.asarray(a), dtype=torch.float32) for a in (c_prev, f_t, i_t, g_t))
    return torch.addcmul(f * c, i, g).numpy()


# --------------------------------------------------------------------------- lstm_hidden
@alternative("lstm_hidden")
def lstm_hidden_tanh_via_sigmoid(o_t, c_t):
    return o_t * (2 * sigmoid(2 * np.asarray(c_t)) - 1)


@alternative("lstm_hidden")
def lstm_hidden_unit_loop(o_t, c_t):
    h_t = np.empty(np.shape(c_t))
    for j in range(h_t.shape[1]):
        h_t[:, j] = o_t[:, j] * np.tanh(c_t[:, j])
    return h_t


@alternative("lstm_hidden")
def lstm_hidden_torch(o_t, c_t):
    return (_t(o_t) * torch.tanh(_t(c_t))).numpy()


# --------------------------------------------------------------------------- lstm_step
@alternative("lstm_step")
def lstm_step_one_matmul(x_t, h_prev, c_prev, params):
    a_f, a_i, a_o, a_g = _stacked(x_t, h_prev, params, "fiog")
    c_t = sigmoid(a_f) * c_prev + sigmoid(a_i) * np.tanh(a_g)
    return sigmoid(a_o) * np.tanh(c_t), c_t


@alternative("lstm_step")
def lstm_step_einsum_inline(x_t, h_prev, c_prev, params):
    a = {g: np.einsum("nd,dh->nh", x_t, params[f"W_x{g}"]) + np.einsum("nk,kh->nh", h_prev, params[f"W_h{g}"])
         + params[f"b_{g}"] for g in "fiog"}
    c_t = sigmoid(a["f"]) * c_prev + sigmoid(a["i"]) * np.tanh(a["g"])
    h_t = sigmoid(a["o"]) * np.tanh(c_t)
    return h_t, c_t


def _torch_lstm_weights(params):
    """The lecture's weights as PyTorch's (4H, D) / (4H, H) row blocks in its order i, f, g, o."""
    order = "ifgo"
    w_ih = torch.cat([_t(params[f"W_x{g}"]).T for g in order])
    w_hh = torch.cat([_t(params[f"W_h{g}"]).T for g in order])
    b = torch.cat([_t(params[f"b_{g}"]) for g in order])
    return w_ih, w_hh, b


@alternative("lstm_step")
def lstm_step_nn_LSTMCell(x_t, h_prev, c_prev, params):
    D, H = params["W_xf"].shape
    cell = torch.nn.LSTMCell(D, H, dtype=torch.float64)
    w_ih, w_hh, b = _torch_lstm_weights(params)
    with torch.no_grad():
        cell.weight_ih.copy_(w_ih)
        cell.weight_hh.copy_(w_hh)
        cell.bias_ih.copy_(b)
        cell.bias_hh.zero_()
        h_t, c_t = cell(_t(x_t), (_t(h_prev), _t(c_prev)))
    return h_t.numpy(), c_t.numpy()


# --------------------------------------------------------------------------- lstm_forward
@alternative("lstm_forward")
def lstm_forward_preallocated(x, h0, c0, params):
    N, T, _ = x.shape
    hs = np.zeros((N, T, h0.shape[1]))
    h_t, c_t = h0, c0
    for t in range(T):
        h_t, c_t = lstm_step(x[:, t, :], h_t, c_t, params)
        hs[:, t, :] = h_t
    return hs, (h_t, c_t)


@alternative("lstm_forward")
def lstm_forward_time_major_inside(x, h0, c0, params):
    states, h_t, c_t = [], h0, c0
    for x_t in np.transpose(x, (1, 0, 2)):                                  # (T, N, D): loop over the first axis
        h_t, c_t = lstm_step_one_matmul(x_t, h_t, c_t, params)
        states.append(h_t)
    return np.transpose(np.array(states), (1, 0, 2)), (h_t, c_t)


@alternative("lstm_forward")
def lstm_forward_nn_LSTM(x, h0, c0, params):
    D, H = params["W_xf"].shape
    lstm = torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64)
    w_ih, w_hh, b = _torch_lstm_weights(params)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(w_ih)
        lstm.weight_hh_l0.copy_(w_hh)
        lstm.bias_ih_l0.copy_(b)
        lstm.bias_hh_l0.zero_()
        hs, (h_n, c_n) = lstm(_t(x), (_t(h0)[None], _t(c0)[None]))
    return hs.numpy(), (h_n[0].numpy(), c_n[0].numpy())


# --------------------------------------------------------------------------- gru_gates
@alternative("gru_gates")
def gru_gates_one_matmul_split(x_t, h_prev, params):
    a_r, a_z = _stacked(x_t, h_prev, params, "rz")
    return sigmoid(a_r), sigmoid(a_z)


@alternative("gru_gates")
def gru_gates_einsum(x_t, h_prev, params):
    return tuple(sigmoid(np.einsum("nd,dh->nh", x_t, params[f"W_x{g}"])
                         + np.einsum("nk,kh->nh", h_prev, params[f"W_h{g}"]) + params[f"b_{g}"]) for g in "rz")


@alternative("gru_gates")
def gru_gates_torch(x_t, h_prev, params):
    x, h = _t(x_t), _t(h_prev)
    r_t = torch.sigmoid(x @ _t(params["W_xr"]) + h @ _t(params["W_hr"]) + _t(params["b_r"]))
    z_t = torch.sigmoid(x @ _t(params["W_xz"]) + h @ _t(params["W_hz"]) + _t(params["b_z"]))
    return r_t.numpy(), z_t.numpy()


# --------------------------------------------------------------------------- gru_candidate
@alternative("gru_candidate")
def gru_candidate_stacked(x_t, h_prev, r_t, params):
    return np.tanh(np.hstack([x_t, r_t * h_prev]) @ np.vstack([params["W_xg"], params["W_hg"]]) + params["b_g"])


@alternative("gru_candidate")
def gru_candidate_einsum(x_t, h_prev, r_t, params):
    return np.tanh(np.einsum("nd,dh->nh", x_t, params["W_xg"])
                   + np.einsum("nk,nk,kh->nh", r_t, h_prev, params["W_hg"]) + params["b_g"])


@alternative("gru_candidate")
def gru_candidate_torch(x_t, h_prev, r_t, params):
    reset = _t(r_t) * _t(h_prev)
    return torch.tanh(_t(x_t) @ _t(params["W_xg"]) + reset @ _t(params["W_hg"]) + _t(params["b_g"])).numpy()


# --------------------------------------------------------------------------- gru_update
@alternative("gru_update")
def gru_update_interpolation(h_prev, h_tilde, z_t):
    return h_prev + z_t * (h_tilde - h_prev)                                 # move a fraction z_t towards h̃_t


@alternative("gru_update")
def gru_update_expanded(h_prev, h_tilde, z_t):
    return h_prev - z_t * h_prev + z_t * h_tilde


@alternative("gru_update")
def gru_update_torch_lerp(h_prev, h_tilde, z_t):
    return torch.lerp(_t(h_prev), _t(h_tilde), _t(z_t)).numpy()


@alternative("gru_update")
def gru_update_torch_float32(h_prev, h_tilde, z_t):
    h, ht, z = (torch.tensor(np.asarray(a), dtype=torch.float32) for a in (h_prev, h_tilde, z_t))
    return ((1 - z) * h + z * ht).numpy()


# --------------------------------------------------------------------------- gru_step
@alternative("gru_step")
def gru_step_stacked_inline(x_t, h_prev, params):
    a_r, a_z = _stacked(x_t, h_prev, params, "rz")
    r_t, z_t = sigmoid(a_r), sigmoid(a_z)
    h_tilde = np.tanh(np.hstack([x_t, r_t * h_prev]) @ np.vstack([params["W_xg"], params["W_hg"]]) + params["b_g"])
    return h_prev + z_t * (h_tilde - h_prev)


@alternative("gru_step")
def gru_step_einsum(x_t, h_prev, params):
    def affine(g, h):
        return np.einsum("nd,dh->nh", x_t, params[f"W_x{g}"]) + np.einsum("nk,kh->nh", h, params[f"W_h{g}"]) \
            + params[f"b_{g}"]
    r_t, z_t = sigmoid(affine("r", h_prev)), sigmoid(affine("z", h_prev))
    return (1 - z_t) * h_prev + z_t * np.tanh(affine("g", r_t * h_prev))


@alternative("gru_step")
def gru_step_torch(x_t, h_prev, params):
    x, h = _t(x_t), _t(h_prev)
    p = {k: _t(v) for k, v in params.items()}
    r_t = torch.sigmoid(x @ p["W_xr"] + h @ p["W_hr"] + p["b_r"])
    z_t = torch.sigmoid(x @ p["W_xz"] + h @ p["W_hz"] + p["b_z"])
    h_tilde = torch.tanh(x @ p["W_xg"] + (r_t * h) @ p["W_hg"] + p["b_g"])
    return torch.lerp(h, h_tilde, z_t).numpy()


# --------------------------------------------------------------------------- gru_forward
@alternative("gru_forward")
def gru_forward_preallocated(x, h0, params):
    N, T, _ = x.shape
    hs = np.empty((N, T, h0.shape[1]))
    h_t = h0
    for t in range(T):
        h_t = gru_step(x[:, t], h_t, params)
        hs[:, t] = h_t
    return hs, h_t


@alternative("gru_forward")
def gru_forward_time_major_inside(x, h0, params):
    states = []
    for x_t in x.swapaxes(0, 1):
        states.append(gru_step_stacked_inline(x_t, states[-1] if states else h0, params))
    hs = np.stack(states).swapaxes(0, 1)
    return hs, hs[:, -1]


@alternative("gru_forward")
def gru_forward_torch(x, h0, params):
    hs, h = [], _t(h0)
    for t in range(x.shape[1]):
        h = torch.from_numpy(gru_step_torch(x[:, t], h.numpy(), params))
        hs.append(h)
    return torch.stack(hs, dim=1).numpy(), h.numpy()
