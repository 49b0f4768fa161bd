"""Known mistakes on the recurrent functions, each written the way a student would write it."""
import numpy as np

from solutions.recurrent import (gru_candidate, gru_gates, gru_step, gru_update, lstm_candidate,
                                 lstm_cell_update, lstm_gates, lstm_hidden, lstm_step, sigmoid)
from seqlab.catalogue import mistake


@mistake("sigmoid", "sigmoid_sign")
def sigmoid_flipped_sign(x):
    return 1 / (1 + np.exp(x))


@mistake("sigmoid", "sigmoid_overflow")
def sigmoid_naive(x):
    return 1 / (1 + np.exp(-x))


@mistake("lstm_gates", "lstm_gate_order")
def lstm_gates_pytorch_order(x_t, h_prev, p):
    f, i, o = lstm_gates(x_t, h_prev, p)
    return i, f, o


@mistake("lstm_gates", "lstm_gate_order")
def lstm_gates_written_in_pytorch_order(x_t, h_prev, p):
    # nn.LSTM lists its gates as (i, f, g, o): written out in that order, the input gate comes first
    i = sigmoid(x_t @ p["W_xi"] + h_prev @ p["W_hi"] + p["b_i"])
    f = sigmoid(x_t @ p["W_xf"] + h_prev @ p["W_hf"] + p["b_f"])
    o = sigmoid(x_t @ p["W_xo"] + h_prev @ p["W_ho"] + p["b_o"])
    return i, f, o


@mistake("lstm_gates", "lstm_gate_order")
def lstm_gates_copy_paste_weights(x_t, h_prev, p):
    f = sigmoid(x_t @ p["W_xf"] + h_prev @ p["W_hf"] + p["b_f"])
    i = sigmoid(x_t @ p["W_xf"] + h_prev @ p["W_hf"] + p["b_f"])   # pasted from f_t, not renamed
    o = sigmoid(x_t @ p["W_xo"] + h_prev @ p["W_ho"] + p["b_o"])
    return f, i, o


@mistake("lstm_gates", "missing_bias")
def lstm_gates_no_bias(x_t, h_prev, p):
    return tuple(sigmoid(x_t @ p[f"W_x{g}"] + h_prev @ p[f"W_h{g}"]) for g in "fio")


@mistake("lstm_gates", "missing_recurrent_term")
def lstm_gates_no_h(x_t, h_prev, p):
    return tuple(sigmoid(x_t @ p[f"W_x{g}"] + p[f"b_{g}"]) for g in "fio")


@mistake("lstm_gates", "gate_activation_tanh")
def lstm_gates_tanh(x_t, h_prev, p):
    return tuple(np.tanh(x_t @ p[f"W_x{g}"] + h_prev @ p[f"W_h{g}"] + p[f"b_{g}"]) for g in "fio")


@mistake("lstm_candidate", "candidate_activation_sigmoid")
def lstm_candidate_sigmoid(x_t, h_prev, p):
    return sigmoid(x_t @ p["W_xg"] + h_prev @ p["W_hg"] + p["b_g"])


@mistake("lstm_cell_update", "lstm_cell_swapped")
def lstm_cell_swapped_gates(c_prev, f_t, i_t, g_t):
    return f_t * g_t + i_t * c_prev


@mistake("lstm_cell_update", "mutated_input")
def lstm_cell_in_place(c_prev, f_t, i_t, g_t):
    c_prev *= f_t
    c_prev += i_t * g_t
    return c_prev


@mistake("lstm_hidden", "lstm_hidden_no_tanh")
def lstm_hidden_forgot_tanh(o_t, c_t):
    return o_t * c_t


@mistake("lstm_hidden", "lstm_hidden_tanh_outside")
def lstm_hidden_tanh_of_product(o_t, c_t):
    return np.tanh(o_t * c_t)


@mistake("lstm_step", "lstm_step_return_order")
def lstm_step_returns_c_first(x_t, h_prev, c_prev, p):
    f, i, o = lstm_gates(x_t, h_prev, p)
    c = lstm_cell_update(c_prev, f, i, lstm_candidate(x_t, h_prev, p))
    return c, lstm_hidden(o, c)


@mistake("lstm_forward", "forward_ignores_initial_state")
def lstm_forward_from_zeros(x, h0, c0, p):
    h, c = np.zeros_like(h0), np.zeros_like(c0)
    hs = []
    for t in range(x.shape[1]):
        h, c = lstm_step(x[:, t], h, c, p)
        hs.append(h)
    return np.stack(hs, axis=1), (h, c)


@mistake("lstm_forward", "time_major_output")
def lstm_forward_time_major(x, h0, c0, p):
    h, c = h0, c0
    hs = []
    for t in range(x.shape[1]):
        h, c = lstm_step(x[:, t], h, c, p)
        hs.append(h)
    return np.stack(hs), (h, c)


@mistake("gru_gates", "gru_gate_order")
def gru_gates_swapped(x_t, h_prev, p):
    r, z = gru_gates(x_t, h_prev, p)
    return z, r


@mistake("gru_candidate", "gru_reset_after_matmul")
def gru_candidate_pytorch_reset(x_t, h_prev, r_t, p):
    return np.tanh(x_t @ p["W_xg"] + r_t * (h_prev @ p["W_hg"]) + p["b_g"])


@mistake("gru_candidate", "gru_reset_ignored")
def gru_candidate_no_reset(x_t, h_prev, r_t, p):
    return np.tanh(x_t @ p["W_xg"] + h_prev @ p["W_hg"] + p["b_g"])


@mistake("gru_update", "gru_pytorch_update")
def gru_update_pytorch(h_prev, h_tilde, z_t):
    return z_t * h_prev + (1 - z_t) * h_tilde


@mistake("gru_step", "gru_pytorch_update")
def gru_step_pytorch_update(x_t, h_prev, p):
    r, z = gru_gates(x_t, h_prev, p)
    return z * h_prev + (1 - z) * gru_candidate(x_t, h_prev, r, p)


@mistake("gru_forward", "forward_wrong_final_state")
def gru_forward_returns_first_state(x, h0, p):
    h = h0
    hs = []
    for t in range(x.shape[1]):
        h = gru_step(x[:, t], h, p)
        hs.append(h)
    return np.stack(hs, axis=1), hs[0]
