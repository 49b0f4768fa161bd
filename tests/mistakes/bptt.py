"""Known mistakes on the bptt functions, each written the way a student would write it.

The ones the demo class uses (``tests/demo_class.py``) read only what a notebook has (NumPy, the
student's other functions, the provided recurrent functions): ``seqlab demo`` pastes a mistake into a
notebook cell on its own, without this module's helpers (tests/test_mistakes.py checks it)."""
import numpy as np

from solutions.bptt import RNN_KEYS, LSTM_KEYS, lstm_step_backward, rnn_forward, rnn_step, rnn_step_backward
from solutions.recurrent import lstm_candidate, lstm_gates, lstm_step, sigmoid
from seqlab.catalogue import mistake


# --------------------------------------------------------------------------- rnn_step
@mistake("rnn_step", "rnn_activation_not_tanh")
def rnn_step_sigmoid(x_t, h_prev, params):
    return sigmoid(x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"])


@mistake("rnn_step", "missing_bias")
def rnn_step_no_bias(x_t, h_prev, params):
    return np.tanh(x_t @ params["W_xh"] + h_prev @ params["W_hh"])


@mistake("rnn_step", "rnn_weight_transposed")
def rnn_step_column_vector_habit(x_t, h_prev, params):
    # W_hh h_{t-1} from the slides, written for row vectors as h_prev @ W_hh.T
    return np.tanh(x_t @ params["W_xh"] + h_prev @ params["W_hh"].T + params["b_h"])


@mistake("rnn_step", "tanh_overflow")
def rnn_step_tanh_by_hand(x_t, h_prev, params):
    a = x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"]
    return (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a))


# --------------------------------------------------------------------------- rnn_forward
@mistake("rnn_forward", "forward_ignores_initial_state")
def rnn_forward_from_zeros(x, h0, params):
    h = np.zeros_like(h0)
    hs = []
    for t in range(x.shape[1]):
        h = rnn_step(x[:, t], h, params)
        hs.append(h)
    return np.stack(hs, axis=1), h


@mistake("rnn_forward", "time_major_output")
def rnn_forward_time_major(x, h0, params):
    h = h0
    hs = []
    for t in range(x.shape[1]):
        h = rnn_step(x[:, t], h, params)
        hs.append(h)
    return np.array(hs), h


@mistake("rnn_forward", "forward_state_not_carried")
def rnn_forward_forgets_to_update_h(x, h0, params):
    hs = []
    for t in range(x.shape[1]):
        h_t = rnn_step(x[:, t], h0, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), hs[-1]


@mistake("rnn_forward", "forward_wrong_final_state")
def rnn_forward_returns_first_state(x, h0, params):
    hs = [h0]
    for t in range(x.shape[1]):
        hs.append(rnn_step(x[:, t], hs[-1], params))
    return np.stack(hs[1:], axis=1), hs[1]


# --------------------------------------------------------------------------- rnn_step_backward
@mistake("rnn_step_backward", "tanh_grad_from_preactivation")
def rnn_step_backward_tanh_grad_of_a(dh_t, x_t, h_prev, params):
    a = x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"]
    da = dh_t * (1 - a ** 2)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": da.sum(axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "tanh_grad_of_previous_state")
def rnn_step_backward_tanh_grad_of_h_prev(dh_t, x_t, h_prev, params):
    da = dh_t * (1 - h_prev ** 2)          # "h" is at hand, but it is the previous one
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": da.sum(axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "tanh_grad_missing")
def rnn_step_backward_no_tanh_grad(dh_t, x_t, h_prev, params):
    grads = {"W_xh": x_t.T @ dh_t, "W_hh": h_prev.T @ dh_t, "b_h": dh_t.sum(axis=0)}
    return dh_t @ params["W_xh"].T, dh_t @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "tanh_grad_not_squared")
def rnn_step_backward_one_minus_h(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": da.sum(axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "backward_missing_transpose")
def rnn_step_backward_dh_prev_not_transposed(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t ** 2)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": da.sum(axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"], grads       # the shapes fit: W_hh is square


@mistake("rnn_step_backward", "weight_grad_transposed")
def rnn_step_backward_dW_transposed(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t ** 2)
    grads = {"W_xh": da.T @ x_t, "W_hh": da.T @ h_prev, "b_h": da.sum(axis=0)}   # "dW = da xᵀ"
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "weight_grad_uses_h_t")
def rnn_step_backward_dW_hh_from_h_t(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t ** 2)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_t.T @ da, "b_h": da.sum(axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "bias_grad_not_summed")
def rnn_step_backward_db_per_example(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t ** 2)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": da}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "bias_grad_not_summed")
def rnn_step_backward_db_mean(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    da = dh_t * (1 - h_t ** 2)
    grads = {"W_xh": x_t.T @ da, "W_hh": h_prev.T @ da, "b_h": np.mean(da, axis=0)}
    return da @ params["W_xh"].T, da @ params["W_hh"].T, grads


@mistake("rnn_step_backward", "mutated_input")
def rnn_step_backward_in_place(dh_t, x_t, h_prev, params):
    h_t = rnn_step(x_t, h_prev, params)
    dh_t *= 1 - h_t ** 2                   # reuses dh_t's memory for da_t
    grads = {"W_xh": x_t.T @ dh_t, "W_hh": h_prev.T @ dh_t, "b_h": dh_t.sum(axis=0)}
    return dh_t @ params["W_xh"].T, dh_t @ params["W_hh"].T, grads


# --------------------------------------------------------------------------- rnn_backward
def _states_before_each_step(x, h0, params):
    hs, _ = rnn_forward(x, h0, params)
    return [h0] + [hs[:, t] for t in range(x.shape[1] - 1)]


@mistake("rnn_backward", "bptt_missing_next_gradient")
def rnn_backward_each_step_alone(dhs, x, h0, params):
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in ("W_xh", "W_hh", "b_h")}
    for t in reversed(range(x.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dx[:, t], dh_prev, g = rnn_step_backward(dhs[:, t], x[:, t], h_prev, params)   # its own output's only
        for k in grads:
            grads[k] += g[k]
    return dx, dh_prev, grads


@mistake("rnn_backward", "bptt_weight_grads_single_step")
def rnn_backward_grads_overwritten(dhs, x, h0, params):
    prev = _states_before_each_step(x, h0, params)
    dx = np.zeros_like(x)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, grads = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], prev[t], params)
    return dx, dh_next, grads              # the gradients of step 0 only


@mistake("rnn_backward", "bptt_weight_grads_single_step")
def rnn_backward_grads_of_last_step(dhs, x, h0, params):
    T = x.shape[1]
    prev = _states_before_each_step(x, h0, params)
    dx = np.zeros_like(x)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        dx[:, t], dh_next, g = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], prev[t], params)
        if t == T - 1:
            grads = g
    return dx, dh_next, grads


@mistake("rnn_backward", "bptt_weight_grads_averaged")
def rnn_backward_grads_averaged(dhs, x, h0, params):
    T = x.shape[1]
    prev = _states_before_each_step(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in RNN_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        dx[:, t], dh_next, g = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], prev[t], params)
        for k in RNN_KEYS:
            grads[k] += g[k] / T
    return dx, dh_next, grads


@mistake("rnn_backward", "bptt_wrong_previous_state")
def rnn_backward_h_prev_off_by_one(dhs, x, h0, params):
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in RNN_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, g = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], hs[:, t], params)
        for k in RNN_KEYS:
            grads[k] += g[k]
    return dx, dh_next, grads


@mistake("rnn_backward", "bptt_ignores_initial_state")
def rnn_backward_forward_from_zeros(dhs, x, h0, params):
    h = np.zeros_like(h0)
    prev = []
    for t in range(x.shape[1]):
        prev.append(h)
        h = rnn_step(x[:, t], h, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in RNN_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, g = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], prev[t], params)
        for k in RNN_KEYS:
            grads[k] += g[k]
    return dx, dh_next, grads


@mistake("rnn_backward", "bptt_loop_forward_in_time")
def rnn_backward_loops_forward(dhs, x, h0, params):
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in ("W_xh", "W_hh", "b_h")}
    dh_next = np.zeros_like(h0)
    for t in range(x.shape[1]):                     # "time goes forward"
        h_prev = hs[:, t - 1] if t > 0 else h0
        dx[:, t], dh_next, g = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], h_prev, params)
        for k in grads:
            grads[k] += g[k]
    return dx, dh_next, grads


@mistake("rnn_backward", "bptt_dh0_off_by_one")
def rnn_backward_returns_dh_of_first_output(dhs, x, h0, params):
    prev = _states_before_each_step(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in RNN_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(x.shape[1])):
        dh = dhs[:, t] + dh_next
        dx[:, t], dh_next, g = rnn_step_backward(dh, x[:, t], prev[t], params)
        for k in RNN_KEYS:
            grads[k] += g[k]
    return dx, dh, grads


@mistake("rnn_backward", "tanh_grad_from_preactivation")
def rnn_backward_inline_tanh_grad_of_a(dhs, x, h0, params):
    W_xh, W_hh, b_h = params["W_xh"], params["W_hh"], params["b_h"]
    T = x.shape[1]
    hs, a_s = [h0], []
    for t in range(T):
        a_s.append(x[:, t] @ W_xh + hs[-1] @ W_hh + b_h)
        hs.append(np.tanh(a_s[-1]))
    dx = np.zeros_like(x)
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(b_h)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        da = (dhs[:, t] + dh_next) * (1 - a_s[t] ** 2)
        dx[:, t] = da @ W_xh.T
        dW_xh += x[:, t].T @ da
        dW_hh += hs[t].T @ da
        db_h += da.sum(axis=0)
        dh_next = da @ W_hh.T
    return dx, dh_next, {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h}


@mistake("rnn_backward", "mutated_input")
def rnn_backward_accumulates_into_dhs(dhs, x, h0, params):
    prev = _states_before_each_step(x, h0, params)
    dx = np.zeros_like(x)
    grads = {k: np.zeros_like(params[k]) for k in RNN_KEYS}
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_prev, g = rnn_step_backward(dhs[:, t], x[:, t], prev[t], params)
        if t > 0:
            dhs[:, t - 1] += dh_prev       # "add the gradient from step t" straight into the caller's array
        for k in RNN_KEYS:
            grads[k] += g[k]
    return dx, dh_prev, grads


# --------------------------------------------------------------------------- lstm_step_backward
def _lstm_forward_parts(x_t, h_prev, c_prev, p):
    f, i, o = lstm_gates(x_t, h_prev, p)
    g = lstm_candidate(x_t, h_prev, p)
    c = f * c_prev + i * g
    return f, i, o, g, c


def _lstm_through_the_gates(da, x_t, h_prev, p):
    """dx_t, dh_prev and the 12 gradients from the gates' pre-activation gradients ``da``."""
    dx, dh, grads = 0, 0, {}
    for k in "fiog":
        dx = dx + da[k] @ p[f"W_x{k}"].T
        dh = dh + da[k] @ p[f"W_h{k}"].T
        grads[f"W_x{k}"], grads[f"W_h{k}"], grads[f"b_{k}"] = x_t.T @ da[k], h_prev.T @ da[k], da[k].sum(axis=0)
    return dx, dh, grads


@mistake("lstm_step_backward", "lstm_dc_prev_missing_forget")
def lstm_step_backward_dc_prev_is_dc(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o = lstm_gates(x_t, h_prev, p)
    g = lstm_candidate(x_t, h_prev, p)
    c = f * c_prev + i * g
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = 0, 0, {}
    for k in "fiog":
        dx = dx + da[k] @ p[f"W_x{k}"].T
        dh_prev = dh_prev + da[k] @ p[f"W_h{k}"].T
        grads[f"W_x{k}"], grads[f"W_h{k}"], grads[f"b_{k}"] = x_t.T @ da[k], h_prev.T @ da[k], da[k].sum(axis=0)
    return dx, dh_prev, dc, grads          # "C_{t-1} flows straight into C_t"


@mistake("lstm_step_backward", "lstm_tanh_c_path_missing")
def lstm_step_backward_forgets_h_path(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_tanh_c_grad_wrong")
def lstm_step_backward_one_minus_c_squared(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - c ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "sigmoid_grad_is_sigmoid")
def lstm_step_backward_sigmoid_grad_is_sigmoid(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f, "i": dc * g * i, "o": dh_t * np.tanh(c) * o, "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_dc_from_next_step_ignored")
def lstm_step_backward_ignores_dc_t(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_forget_grad_uses_c_t")
def lstm_step_backward_df_from_new_cell(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_candidate_tanh_grad_missing")
def lstm_step_backward_candidate_like_a_gate_input(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_output_grad_no_tanh")
def lstm_step_backward_do_without_tanh(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * c * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "lstm_forget_input_grads_swapped")
def lstm_step_backward_f_and_i_swapped(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * g * f * (1 - f), "i": dc * c_prev * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    return dx, dh_prev, dc * f, grads


@mistake("lstm_step_backward", "bias_grad_not_summed")
def lstm_step_backward_db_not_summed(dh_t, dc_t, x_t, h_prev, c_prev, p):
    dx, dh_prev, dc_prev, grads = lstm_step_backward(dh_t, dc_t, x_t, h_prev, c_prev, p)
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    grads["b_f"] = dc * c_prev * f * (1 - f)        # per example, as in the batch
    return dx, dh_prev, dc_prev, grads


@mistake("lstm_step_backward", "weight_grad_transposed")
def lstm_step_backward_dW_transposed(dh_t, dc_t, x_t, h_prev, c_prev, p):
    f, i, o, g, c = _lstm_forward_parts(x_t, h_prev, c_prev, p)
    dc = dc_t + dh_t * o * (1 - np.tanh(c) ** 2)
    da = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i),
          "o": dh_t * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
    dx, dh_prev, grads = _lstm_through_the_gates(da, x_t, h_prev, p)
    for k in "fiog":
        grads[f"W_h{k}"] = da[k].T @ h_prev          # square: only the values tell
    return dx, dh_prev, dc * f, grads


# --------------------------------------------------------------------------- lstm_backward
def _lstm_states(x, h0, c0, p):
    hs, cs = [h0], [c0]
    for t in range(x.shape[1]):
        h, c = lstm_step(x[:, t], hs[-1], cs[-1], p)
        hs.append(h)
        cs.append(c)
    return hs, cs


@mistake("lstm_backward", "bptt_missing_next_gradient")
def lstm_backward_no_dh_from_next_step(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    dx, grads = np.zeros_like(x), {k: np.zeros_like(p[k]) for k in LSTM_KEYS}
    dc_next = np.zeros_like(c0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_prev, dc_next, g = lstm_step_backward(dhs[:, t], dc_next, x[:, t], hs[t], cs[t], p)
        for k in LSTM_KEYS:
            grads[k] += g[k]
    return dx, dh_prev, dc_next, grads


@mistake("lstm_backward", "lstm_cell_gradient_not_carried")
def lstm_backward_cell_gradient_reset(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    dx, grads = np.zeros_like(x), {k: np.zeros_like(p[k]) for k in LSTM_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, dc_prev, g = lstm_step_backward(dhs[:, t] + dh_next, np.zeros_like(c0),
                                                           x[:, t], hs[t], cs[t], p)
        for k in LSTM_KEYS:
            grads[k] += g[k]
    return dx, dh_next, dc_prev, grads


@mistake("lstm_backward", "bptt_weight_grads_single_step")
def lstm_backward_grads_overwritten(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    dx = np.zeros_like(x)
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, dc_next, grads = lstm_step_backward(dhs[:, t] + dh_next, dc_next, x[:, t], hs[t], cs[t], p)
    return dx, dh_next, dc_next, grads


@mistake("lstm_backward", "bptt_weight_grads_averaged")
def lstm_backward_grads_averaged(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    T = x.shape[1]
    dx, grads = np.zeros_like(x), {k: np.zeros_like(p[k]) for k in LSTM_KEYS}
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next, g = lstm_step_backward(dhs[:, t] + dh_next, dc_next, x[:, t], hs[t], cs[t], p)
        for k in LSTM_KEYS:
            grads[k] += g[k]
    return dx, dh_next, dc_next, {k: v / T for k, v in grads.items()}


@mistake("lstm_backward", "bptt_wrong_previous_state")
def lstm_backward_states_off_by_one(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    dx, grads = np.zeros_like(x), {k: np.zeros_like(p[k]) for k in LSTM_KEYS}
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, dc_next, g = lstm_step_backward(dhs[:, t] + dh_next, dc_next, x[:, t],
                                                           hs[t + 1], cs[t + 1], p)
        for k in LSTM_KEYS:
            grads[k] += g[k]
    return dx, dh_next, dc_next, grads


@mistake("lstm_backward", "lstm_dc_prev_missing_forget")
def lstm_backward_inline_highway_without_forget(dhs, x, h0, c0, p):
    hs, cs = _lstm_states(x, h0, c0, p)
    dx, grads = np.zeros_like(x), {k: np.zeros_like(p[k]) for k in LSTM_KEYS}
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(x.shape[1])):
        f, i, o, g, c = _lstm_forward_parts(x[:, t], hs[t], cs[t], p)
        dh = dhs[:, t] + dh_next
        dc = dc_next + dh * o * (1 - np.tanh(c) ** 2)
        da = {"f": dc * cs[t] * f * (1 - f), "i": dc * g * i * (1 - i),
              "o": dh * np.tanh(c) * o * (1 - o), "g": dc * i * (1 - g ** 2)}
        dx[:, t], dh_next, step = _lstm_through_the_gates(da, x[:, t], hs[t], p)
        dc_next = dc                        # the cell gradient passed back as it is
        for k in LSTM_KEYS:
            grads[k] += step[k]
    return dx, dh_next, dc_next, grads


# --------------------------------------------------------------------------- clip_grad_norm
@mistake("clip_grad_norm", "clip_per_array")
def clip_grad_norm_each_array(grads, max_norm):
    clipped, total = {}, 0.0
    for k, g in grads.items():
        norm = np.linalg.norm(g)
        total += norm ** 2
        clipped[k] = g * min(1.0, max_norm / (norm + 1e-6))
    return clipped, float(np.sqrt(total))


@mistake("clip_grad_norm", "clip_missing_epsilon")
def clip_grad_norm_without_epsilon(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    scale = min(1.0, max_norm / total)
    return {k: g * scale for k, g in grads.items()}, total


@mistake("clip_grad_norm", "clip_returns_clipped_norm")
def clip_grad_norm_reports_norm_after(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    scale = min(1.0, max_norm / (total + 1e-6))
    clipped = {k: g * scale for k, g in grads.items()}
    return clipped, float(np.sqrt(sum(np.sum(g ** 2) for g in clipped.values())))


@mistake("clip_grad_norm", "clip_always_rescales")
def clip_grad_norm_without_min(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    return {k: g * max_norm / (total + 1e-6) for k, g in grads.items()}, total


@mistake("clip_grad_norm", "clip_norm_not_global_l2")
def clip_grad_norm_sum_of_norms(grads, max_norm):
    total = float(sum(np.linalg.norm(g) for g in grads.values()))
    scale = min(1.0, max_norm / (total + 1e-6))
    return {k: g * scale for k, g in grads.items()}, total


@mistake("clip_grad_norm", "clip_norm_not_global_l2")
def clip_grad_norm_forgets_sqrt(grads, max_norm):
    total = float(sum(np.sum(g ** 2) for g in grads.values()))
    scale = min(1.0, max_norm / (total + 1e-6))
    return {k: g * scale for k, g in grads.items()}, total


@mistake("clip_grad_norm", "mutated_input")
def clip_grad_norm_in_place(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    scale = min(1.0, max_norm / (total + 1e-6))
    for g in grads.values():
        g *= scale                          # as clip_grad_norm_ does to .grad, but these are the caller's arrays
    return dict(grads), total
