"""Reference solutions for the bptt assignment: backpropagation through time, in the lecture's notation.

Conventions (../shared/SPEC.md): row-vector batches, weights multiply on the right
(``x_t @ W_x*``), ``x_t (N, D)``, ``h_prev, c_prev (N, H)``, ``W_x* (D, H)``, ``W_h* (H, H)``,
biases ``(H,)``; sequences are batch-first ``(N, T, D)``. Time steps are array indices t = 0 … T−1:
step t reads ``x[:, t]`` and the state that entered it, h_{t-1} (``h0`` at t = 0, ``hs[:, t−1]``
after), and writes h_t = ``hs[:, t]``; BPTT starts at the last step t = T−1.

Plain RNN (the lecture's ``f = tanh``)::

    a_t = x_t W_xh + h_{t-1} W_hh + b_h          pre-activation
    h_t = tanh(a_t)

Backward of one step, given dh_t = ∂L/∂h_t (tanh′(a_t) = 1 − tanh(a_t)² = 1 − h_t²)::

    da_t    = dh_t ⊙ (1 − h_t²)
    dx_t    = da_t W_xhᵀ          dh_{t-1} = da_t W_hhᵀ
    dW_xh   = x_tᵀ da_t           dW_hh    = h_{t-1}ᵀ da_t          db_h = Σ_n da_t

Backpropagation through time: h_t feeds both the loss at step t (``dhs[:, t]``) and step t+1,
so the gradient reaching h_t is ``dhs[:, t] + dh_t(from step t+1)``, walked from t = T−1 down
to 0. The weights are shared by every step: their gradients are summed over time.

LSTM (``solutions/recurrent.py``): gates f, i, o = σ(·), candidate g = C̃ = tanh(·),
``C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t``, ``h_t = o_t ⊙ tanh(C_t)``. Backward of one step::

    dC      = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))    both paths into C_t
    do      = dh_t ⊙ tanh(C_t)
    df      = dC ⊙ C_{t-1}      di = dC ⊙ g_t      dg = dC ⊙ i_t
    dC_{t-1} = dC ⊙ f_t                               the "gradient highway"
    da_* = d* ⊙ σ′ = d* ⊙ *(1 − *) for * ∈ {f, i, o};  da_g = dg ⊙ (1 − g_t²)
    dx_t = Σ_* da_* W_x*ᵀ,  dh_{t-1} = Σ_* da_* W_h*ᵀ,  dW_x* = x_tᵀ da_*,  dW_h* = h_{t-1}ᵀ da_*,  db_* = Σ_n da_*

Backward functions recompute what they need from their inputs (no caches) and return ``grads``
as a new dict with exactly the keys they use.
"""
import numpy as np

# the recurrent functions the bptt notebook provides (read-only cells), as the notebook has them
from solutions.recurrent import (lstm_candidate, lstm_cell_update, lstm_forward, lstm_gates,  # noqa: F401
                                 lstm_hidden, lstm_step, sigmoid)

RNN_KEYS = ("W_xh", "W_hh", "b_h")
LSTM_GATES = "fiog"
LSTM_KEYS = tuple(k for g in LSTM_GATES for k in (f"W_x{g}", f"W_h{g}", f"b_{g}"))


# --------------------------------------------------------------------------- plain RNN
def rnn_step(x_t, h_prev, params):
    """h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h), (N, H).

    x_t (N, D), h_prev (N, H); params W_xh (D, H), W_hh (H, H), b_h (H,).
    """
    return np.tanh(x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"])


def rnn_forward(x, h0, params):
    """Run the RNN over x (N, T, D) from h0 (N, H); returns (hs (N, T, H), h_T (N, H))."""
    h_t = h0
    hs = []
    for t in range(x.shape[1]):
        h_t = rnn_step(x[:, t, :], h_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), h_t


def rnn_step_backward(dh_t, x_t, h_prev, params):
    """Backward of one RNN step: returns (dx_t (N, D), dh_prev (N, H), grads).

    dh_t (N, H) = ∂L/∂h_t. ``grads`` = {"W_xh": (D, H), "W_hh": (H, H), "b_h": (H,)}.
    da_t = dh_t ⊙ (1 − h_t²);  dx_t = da_t W_xhᵀ;  dh_prev = da_t W_hhᵀ;
    dW_xh = x_tᵀ da_t;  dW_hh = h_prevᵀ da_t;  db_h = Σ over the batch of da_t.
    """
    h_t = rnn_step(x_t, h_prev, params)
    da_t = dh_t * (1.0 - h_t ** 2)                  # tanh′(a_t) = 1 − h_t²
    dx_t = da_t @ params["W_xh"].T
    dh_prev = da_t @ params["W_hh"].T
    grads = {"W_xh": x_t.T @ da_t, "W_hh": h_prev.T @ da_t, "b_h": da_t.sum(axis=0)}
    return dx_t, dh_prev, grads


def rnn_backward(dhs, x, h0, params):
    """BPTT through the whole sequence: returns (dx (N, T, D), dh0 (N, H), grads).

    dhs (N, T, H): ∂L/∂h_t from each step's own output. Walking back from t = T−1, the gradient
    reaching h_t is dhs[:, t] plus the gradient arriving from step t+1; the shared weights'
    gradients are summed over all steps.
    """
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros_like(x, dtype=np.result_type(x, dhs))
    grads = {k: np.zeros_like(params[k], dtype=np.result_type(params[k], dhs)) for k in RNN_KEYS}
    dh_next = np.zeros_like(h0, dtype=np.result_type(h0, dhs))     # nothing arrives after the last step
    for t in reversed(range(x.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dx[:, t], dh_next, step = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], h_prev, params)
        for k in RNN_KEYS:
            grads[k] += step[k]
    return dx, dh_next, grads


# --------------------------------------------------------------------------- LSTM
def _affine_backward(da, x_t, h_prev, params, gate):
    """Gradients through a_* = x_t W_x* + h_{t-1} W_h* + b_*: (dx part, dh part, {W_x*, W_h*, b_*})."""
    grads = {f"W_x{gate}": x_t.T @ da, f"W_h{gate}": h_prev.T @ da, f"b_{gate}": da.sum(axis=0)}
    return da @ params[f"W_x{gate}"].T, da @ params[f"W_h{gate}"].T, grads


def lstm_step_backward(dh_t, dc_t, x_t, h_prev, c_prev, params):
    """Backward of one LSTM step: returns (dx_t (N, D), dh_prev (N, H), dc_prev (N, H), grads).

    dh_t = ∂L/∂h_t; dc_t = the gradient reaching C_t from step t+1 (the path through
    h_t = o_t ⊙ tanh(C_t) is added here). ``grads`` has the 12 keys W_x*, W_h*, b_* of the gates
    f, i, o, g, each the shape of its weight.
    """
    f_t, i_t, o_t = lstm_gates(x_t, h_prev, params)
    g_t = lstm_candidate(x_t, h_prev, params)
    c_t = f_t * c_prev + i_t * g_t
    tanh_c = np.tanh(c_t)

    dc = dc_t + dh_t * o_t * (1.0 - tanh_c ** 2)     # both paths into C_t
    do = dh_t * tanh_c
    df, di, dg = dc * c_prev, dc * g_t, dc * i_t
    dc_prev = dc * f_t                                # the gradient highway: ⊙ f_t

    da = {"f": df * f_t * (1.0 - f_t),                # σ′ = σ(1 − σ)
          "i": di * i_t * (1.0 - i_t),
          "o": do * o_t * (1.0 - o_t),
          "g": dg * (1.0 - g_t ** 2)}                 # tanh′ = 1 − tanh²
    dx_t, dh_prev, grads = 0.0, 0.0, {}
    for gate in LSTM_GATES:
        dx_part, dh_part, gate_grads = _affine_backward(da[gate], x_t, h_prev, params, gate)
        dx_t, dh_prev = dx_t + dx_part, dh_prev + dh_part
        grads.update(gate_grads)
    return dx_t, dh_prev, dc_prev, grads


def lstm_backward(dhs, x, h0, c0, params):
    """BPTT through an LSTM sequence: returns (dx (N, T, D), dh0 (N, H), dc0 (N, H), grads).

    dhs (N, T, H): ∂L/∂h_t from each step's own output; no gradient reaches C_T from outside.
    The gradients arriving from step t+1 (on h_t and on C_t) are carried back; the 12 weight
    gradients are summed over all steps.
    """
    T = x.shape[1]
    hs, cs = [h0], [c0]                              # hs[t] = h_{t-1}, the state before step t
    for t in range(T):
        h_t, c_t = lstm_step(x[:, t], hs[-1], cs[-1], params)
        hs.append(h_t)
        cs.append(c_t)
    dx = np.zeros_like(x, dtype=np.result_type(x, dhs))
    grads = {k: np.zeros_like(params[k], dtype=np.result_type(params[k], dhs)) for k in LSTM_KEYS}
    dh_next = np.zeros_like(h0, dtype=np.result_type(h0, dhs))
    dc_next = np.zeros_like(c0, dtype=np.result_type(c0, dhs))
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next, step = lstm_step_backward(
            dhs[:, t] + dh_next, dc_next, x[:, t], hs[t], cs[t], params)
        for k in LSTM_KEYS:
            grads[k] += step[k]
    return dx, dh_next, dc_next, grads


# --------------------------------------------------------------------------- clipping
def clip_grad_norm(grads, max_norm):
    """Clip by the global L2 norm, as ``torch.nn.utils.clip_grad_norm_``: returns (clipped, total_norm).

    total_norm = sqrt(Σ over every array of Σ g²) (a Python float, before clipping); every array
    is multiplied by min(1, max_norm / (total_norm + 1e-6)). A new dict; the inputs are untouched.
    """
    total_norm = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))
    scale = min(1.0, max_norm / (total_norm + 1e-6))
    return {k: g * scale for k, g in grads.items()}, total_norm
