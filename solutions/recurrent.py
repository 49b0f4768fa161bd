"""Reference solutions for the recurrent assignment, in the lecture's notation.

Conventions (../shared/SPEC.md): row-vector batches, weights multiply on the right
(``x_t @ W_x*``), ``x_t (N, D)``, ``h_prev, c_prev (N, H)``, ``W_x* (D, H)``, ``W_h* (H, H)``,
biases ``(H,)``; sequences are batch-first ``(N, T, D)``.

LSTM::

    f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)        forget gate
    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)        input gate
    o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)        output gate
    g_t = C̃_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)  candidate cell state
    C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
    h_t = o_t ⊙ tanh(C_t)

GRU (the lecture's form: reset applied before the matmul, ``1 − z`` keeps the past)::

    r_t = σ(x_t W_xr + h_{t-1} W_hr + b_r)        reset gate
    z_t = σ(x_t W_xz + h_{t-1} W_hz + b_z)        update gate
    h̃_t = tanh(x_t W_xg + (r_t ⊙ h_{t-1}) W_hg + b_g)
    h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t
"""
import numpy as np


def sigmoid(x):
    """σ(x) = 1 / (1 + e^(−x)), elementwise, without overflow for large |x|.

    For x ≥ 0 use 1 / (1 + e^(−x)); for x < 0 use e^x / (1 + e^x), so exp never sees a
    large positive argument.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _affine(x_t, h_prev, params, gate):
    """x_t W_x<gate> + h_{t-1} W_h<gate> + b_<gate>, shape (N, H).

    (The LSTM functions below spell it out: the bptt notebook shows them as provided code, and a
    helper no assignment grades may never appear in a release.)
    """
    return x_t @ params[f"W_x{gate}"] + h_prev @ params[f"W_h{gate}"] + params[f"b_{gate}"]


def lstm_gates(x_t, h_prev, params):
    """Forget, input and output gates, each (N, H): σ(x_t W_x* + h_{t-1} W_h* + b_*)."""
    f_t = sigmoid(x_t @ params["W_xf"] + h_prev @ params["W_hf"] + params["b_f"])
    i_t = sigmoid(x_t @ params["W_xi"] + h_prev @ params["W_hi"] + params["b_i"])
    o_t = sigmoid(x_t @ params["W_xo"] + h_prev @ params["W_ho"] + params["b_o"])
    return f_t, i_t, o_t


def lstm_candidate(x_t, h_prev, params):
    """Candidate cell state g_t = C̃_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g), (N, H)."""
    return np.tanh(x_t @ params["W_xg"] + h_prev @ params["W_hg"] + params["b_g"])


def lstm_cell_update(c_prev, f_t, i_t, g_t):
    """C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t, (N, H)."""
    return f_t * c_prev + i_t * g_t


def lstm_hidden(o_t, c_t):
    """h_t = o_t ⊙ tanh(C_t), (N, H)."""
    return o_t * np.tanh(c_t)


def lstm_step(x_t, h_prev, c_prev, params):
    """One LSTM time step: returns (h_t, c_t), each (N, H)."""
    f_t, i_t, o_t = lstm_gates(x_t, h_prev, params)
    g_t = lstm_candidate(x_t, h_prev, params)
    c_t = lstm_cell_update(c_prev, f_t, i_t, g_t)
    h_t = lstm_hidden(o_t, c_t)
    return h_t, c_t


def lstm_forward(x, h0, c0, params):
    """Run the LSTM over x (N, T, D) from (h0, c0); returns (hs (N, T, H), (h_T, c_T))."""
    h_t, c_t = h0, c0
    hs = []
    for t in range(x.shape[1]):
        h_t, c_t = lstm_step(x[:, t, :], h_t, c_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), (h_t, c_t)


def gru_gates(x_t, h_prev, params):
    """Reset and update gates (r_t, z_t), each (N, H)."""
    r_t = sigmoid(_affine(x_t, h_prev, params, "r"))
    z_t = sigmoid(_affine(x_t, h_prev, params, "z"))
    return r_t, z_t


def gru_candidate(x_t, h_prev, r_t, params):
    """h̃_t = tanh(x_t W_xg + (r_t ⊙ h_{t-1}) W_hg + b_g), (N, H): reset BEFORE the matmul."""
    return np.tanh(x_t @ params["W_xg"] + (r_t * h_prev) @ params["W_hg"] + params["b_g"])


def gru_update(h_prev, h_tilde, z_t):
    """h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t, (N, H)."""
    return (1.0 - z_t) * h_prev + z_t * h_tilde


def gru_step(x_t, h_prev, params):
    """One GRU time step: returns h_t (N, H)."""
    r_t, z_t = gru_gates(x_t, h_prev, params)
    h_tilde = gru_candidate(x_t, h_prev, r_t, params)
    return gru_update(h_prev, h_tilde, z_t)


def gru_forward(x, h0, params):
    """Run the GRU over x (N, T, D) from h0; returns (hs (N, T, H), h_T)."""
    h_t = h0
    hs = []
    for t in range(x.shape[1]):
        h_t = gru_step(x[:, t, :], h_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), h_t
