"""Hidden checks of the bptt assignment (SPEC "Backpropagation through time" table).

Each test is one check of one function, run against ``impl`` (the code under test) and compared
with ``ref`` (``solutions/bptt.py``) on fresh random inputs drawn from ``rng``. The inputs reveal
the classic gradient bugs (CHECKS.md "Gradients"): all sizes distinct (N ≠ D ≠ H, so a transposed
gradient has the wrong shape, except for the square W_hh where it is named by value), batch > 1
(a bias gradient not summed over the batch), T ≥ 3 (the gradient arriving from step t+1, weight
gradients of one step only), nonzero h0, c0, biases and upstream gradients at every step.

One check = one returned item (dx, dh_prev, dc_prev, each key or gate of ``grads``), so a slip in
one formula costs the checks of the items it touches. A failing comparison says where: which
item, which key of ``grads`` (and which keys of a gate are right), and for sequences the first time
step that differs as BPTT walks back from t = T−1 and whether the last step (where BPTT starts) was
right (``where_in_time(..., backward=True)``, shared with the recurrent checks). Known mistakes are
recognised by recomputing the returned item the mistaken way (the ``*_variant`` functions below)
and named with the formula they concern. A check that shapes alone could pass (the keys of
``grads``) has weight 0: an answer of zeros of the right shapes scores 0.
"""
import numpy as np

from seqlab.grading.checklib import (CheckFailed, Diagnosis, as_array, check, expect_close, expect_unchanged, fail,
                                     matches, mismatch, unpack, where_in_time)
from seqlab.i18n import Text
from solutions import bptt as ref

N, D, H, T = 3, 4, 5, 6      # batch, input size, hidden size, time steps: all different, T ≥ 3
RNN_KEYS, LSTM_KEYS, GATES = ref.RNN_KEYS, ref.LSTM_KEYS, "fiog"
GATE_NAMES = {"f": ("forget gate", "forget gate"), "i": ("input gate", "input gate"),
              "o": ("output gate", "output gate"), "g": ("candidate g_t = C̃_t", "후보 g_t = C̃_t")}
sigmoid = ref.sigmoid


# --------------------------------------------------------------------------- inputs
def rnn_params(rng, d=D, h=H, scale=0.6):
    return {"W_xh": rng.normal(0, scale, (d, h)), "W_hh": rng.normal(0, scale, (h, h)),
            "b_h": rng.normal(0, 0.5, h)}


def lstm_params(rng, d=D, h=H, scale=0.6):
    p = {}
    for g in GATES:
        p[f"W_x{g}"] = rng.normal(0, scale, (d, h))
        p[f"W_h{g}"] = rng.normal(0, scale, (h, h))
        p[f"b_{g}"] = rng.normal(0, 0.5, h)
    return p


def state(rng, n=N, h=H):
    return rng.normal(0, 0.8, (n, h))


def upstream(rng, *shape):
    """An upstream gradient, nonzero everywhere (so every step and unit sends something back)."""
    g = rng.normal(size=shape)
    return np.where(np.abs(g) < 0.05, 0.05, g)


# --------------------------------------------------------------------------- diagnoses
MISSING_BIAS = Diagnosis(
    "missing_bias",
    "The result matches h_t = tanh(x_t W_xh + h_{t-1} W_hh) without the bias: add + b_h inside the tanh.",
    "편향이 빠진 h_t = tanh(x_t W_xh + h_{t-1} W_hh)의 결과와 같습니다: tanh 안에 + b_h를 더하세요.")
MISSING_RECURRENT = Diagnosis(
    "missing_recurrent_term",
    "The result ignores h_{t-1}: the term h_{t-1} W_hh is missing. Without it the network has no memory.",
    "h_{t-1}을 무시했습니다: h_{t-1} W_hh 항이 빠졌습니다. 이 항이 없으면 네트워크에 기억이 없습니다.")
NOT_TANH = Diagnosis(
    "rnn_activation_not_tanh",
    "The plain RNN of this assignment uses f = tanh: h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h), not σ.",
    "이 과제의 기본 RNN은 f = tanh를 씁니다: h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)이며 σ가 아닙니다.")
FORWARD_TRANSPOSED = Diagnosis(
    "rnn_weight_transposed",
    "W_hh is used transposed (h_{t-1} W_hhᵀ). Row-vector batches multiply weights on the right: "
    "h_{t-1} W_hh with W_hh (H, H); being square, the transpose does not show in the shapes.",
    "W_hh를 전치해서 썼습니다 (h_{t-1} W_hhᵀ). 행 벡터 배치는 가중치를 오른쪽에 곱합니다: W_hh (H, H)로 "
    "h_{t-1} W_hh. 정사각 행렬이라 전치해도 shape에서는 드러나지 않습니다.")
TANH_OVERFLOW = Diagnosis(
    "tanh_overflow",
    "tanh of a large pre-activation gave NaN or inf: (e^a − e^−a) / (e^a + e^−a) overflows for |a| > 710. "
    "Use np.tanh, which is exact there (±1).",
    "큰 pre-activation의 tanh가 NaN 또는 inf가 되었습니다: (e^a − e^−a) / (e^a + e^−a)는 |a| > 710에서 "
    "overflow됩니다. 그런 값에서도 정확한(±1) np.tanh를 쓰세요.")
IGNORES_INITIAL = Diagnosis(
    "forward_ignores_initial_state",
    "The sequence starts from zeros instead of the given initial state h0: step 0 uses h_{t-1} = h0.",
    "주어진 초기 상태 h0 대신 0에서 시작했습니다: 시점 0에서는 h_{t-1} = h0입니다.")
STATE_NOT_CARRIED = Diagnosis(
    "forward_state_not_carried",
    "Every step starts from h0: the state is not carried. Step t uses the state step t−1 produced: "
    "h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h).",
    "모든 시점이 h0에서 시작합니다: 상태가 전달되지 않았습니다. 시점 t는 시점 t−1이 만든 상태를 씁니다: "
    "h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h).")
TIME_MAJOR = Diagnosis(
    "time_major_output",
    "The sequence is time-major (T, N, …); the course is batch-first: (N, T, …), time on axis 1.",
    "시퀀스가 (T, N, …) 순서입니다. 이 과정은 batch-first입니다: (N, T, …), 시간 축은 axis 1입니다.")
WRONG_FINAL = Diagnosis(
    "forward_wrong_final_state",
    "The returned h_T is not the state after the last step t = T−1 (it should equal hs[:, −1]).",
    "반환한 h_T가 마지막 시점 t = T−1 이후의 상태가 아닙니다 (hs[:, −1]과 같아야 합니다).")

TANH_GRAD_PREACT = Diagnosis(
    "tanh_grad_from_preactivation",
    "tanh′ was computed as 1 − a_t² from the pre-activation a_t = x_t W_xh + h_{t-1} W_hh + b_h. "
    "tanh′(a_t) = 1 − tanh²(a_t) = 1 − h_t²: square the output h_t, not a_t.",
    "tanh′을 pre-activation a_t = x_t W_xh + h_{t-1} W_hh + b_h로 1 − a_t²처럼 계산했습니다. "
    "tanh′(a_t) = 1 − tanh²(a_t) = 1 − h_t²입니다: a_t가 아니라 출력 h_t를 제곱하세요.")
TANH_GRAD_PREV = Diagnosis(
    "tanh_grad_of_previous_state",
    "tanh′ was computed from the previous state, 1 − h_{t-1}². The step's own output decides it: "
    "da_t = dh_t ⊙ (1 − h_t²) with h_t = tanh(a_t) of this step.",
    "tanh′을 이전 상태로 1 − h_{t-1}²처럼 계산했습니다. 이 시점 자신의 출력으로 정해집니다: "
    "da_t = dh_t ⊙ (1 − h_t²), h_t = tanh(a_t).")
TANH_GRAD_MISSING = Diagnosis(
    "tanh_grad_missing",
    "The tanh′ factor is missing: the gradient passes the tanh as da_t = dh_t ⊙ (1 − h_t²), not da_t = dh_t.",
    "tanh′ 인자가 빠졌습니다: gradient는 tanh를 지나며 da_t = dh_t ⊙ (1 − h_t²)가 됩니다 (da_t = dh_t가 아님).")
TANH_GRAD_NOT_SQUARED = Diagnosis(
    "tanh_grad_not_squared",
    "tanh′ was written 1 − h_t; it is 1 − h_t² (the derivative of tanh is 1 − tanh²).",
    "tanh′을 1 − h_t로 썼습니다. 1 − h_t²입니다 (tanh의 미분은 1 − tanh²).")
MISSING_TRANSPOSE = Diagnosis(
    "backward_missing_transpose",
    "The gradient goes back through a weight without its transpose: the forward computes h_{t-1} W_hh, so "
    "dh_{t-1} = da_t W_hhᵀ (and dx_t = da_t W_xhᵀ). W_hh is square, so the shapes do not tell.",
    "가중치를 전치하지 않고 gradient를 되돌렸습니다: 순전파가 h_{t-1} W_hh이므로 dh_{t-1} = da_t W_hhᵀ "
    "(그리고 dx_t = da_t W_xhᵀ)입니다. W_hh는 정사각이라 shape으로는 드러나지 않습니다.")
WEIGHT_GRAD_TRANSPOSED = Diagnosis(
    "weight_grad_transposed",
    "A weight gradient is transposed: for a = x W the gradient is dW = xᵀ da, of W's own shape "
    "(dW_xh = x_tᵀ da_t is (D, H), dW_hh = h_{t-1}ᵀ da_t is (H, H)), not daᵀ x.",
    "가중치 gradient가 전치되었습니다: a = x W이면 dW = xᵀ da이고 W와 같은 shape입니다 "
    "(dW_xh = x_tᵀ da_t는 (D, H), dW_hh = h_{t-1}ᵀ da_t는 (H, H)). daᵀ x가 아닙니다.")
WHH_CURRENT_STATE = Diagnosis(
    "weight_grad_uses_h_t",
    "dW_hh was computed with h_t, the step's output. W_hh multiplies the state that entered the step: "
    "dW_hh = h_{t-1}ᵀ da_t.",
    "dW_hh를 이 시점의 출력 h_t로 계산했습니다. W_hh는 이 시점에 들어온 상태에 곱해집니다: dW_hh = h_{t-1}ᵀ da_t.")
BIAS_NOT_SUMMED = Diagnosis(
    "bias_grad_not_summed",
    "The bias gradient must be summed over the batch: b is added to every row, so db = Σ_n da[n] "
    "(sum over axis 0, shape (H,)), not da itself, its mean, or a sum over the hidden units.",
    "편향 gradient는 배치에 대해 합해야 합니다: b는 모든 행에 더해지므로 db = Σ_n da[n] "
    "(axis 0으로 합, shape (H,))입니다. da 그대로, 평균, 은닉 유닛 축의 합이 아닙니다.")

MISSING_NEXT = Diagnosis(
    "bptt_missing_next_gradient",
    "The gradient arriving from step t+1 is missing: h_t feeds the loss at step t AND step t+1, so the "
    "gradient reaching h_t is dhs[:, t] + dh_prev returned by step t+1's backward.",
    "시점 t+1에서 오는 gradient가 빠졌습니다: h_t는 시점 t의 손실과 시점 t+1 모두에 쓰이므로, h_t에 도달하는 "
    "gradient는 dhs[:, t] + (시점 t+1의 backward가 돌려준 dh_prev)입니다.")
WEIGHTS_ONE_STEP = Diagnosis(
    "bptt_weight_grads_single_step",
    "The weights are shared by every time step, so their gradients are the SUM over all steps "
    "(dW = Σ_t …); yours is the gradient of a single step (overwritten instead of accumulated with +=).",
    "가중치는 모든 시점이 공유하므로 그 gradient는 모든 시점의 합입니다 (dW = Σ_t …). 여러분의 값은 한 시점의 "
    "gradient입니다 (+=로 누적하지 않고 덮어썼습니다).")
WEIGHTS_AVERAGED = Diagnosis(
    "bptt_weight_grads_averaged",
    "The weight gradients were averaged over time. The loss is a sum over the steps, so the shared "
    "weights' gradients are summed: dW = Σ_t …, not (1/T) Σ_t ….",
    "가중치 gradient를 시간에 대해 평균냈습니다. 손실이 시점들의 합이므로 공유 가중치의 gradient도 합입니다: "
    "dW = Σ_t …이며 (1/T) Σ_t …가 아닙니다.")
WRONG_PREV_STATE = Diagnosis(
    "bptt_wrong_previous_state",
    "Step t's backward was given the wrong previous state: it needs the state that entered step t, "
    "h_{t-1} = hs[:, t−1] (h0 at t = 0; for the LSTM also c_{t-1}), not the step's own output hs[:, t].",
    "시점 t의 backward에 잘못된 이전 상태를 넘겼습니다: 시점 t에 들어온 상태 h_{t-1} = hs[:, t−1] "
    "(t = 0에서는 h0, LSTM은 c_{t-1}도)가 필요하며, 그 시점의 출력 hs[:, t]가 아닙니다.")
BPTT_IGNORES_INITIAL = Diagnosis(
    "bptt_ignores_initial_state",
    "The backward pass recomputed the forward from zeros instead of the given initial state: step 0's "
    "backward needs h_{t-1} = h0 (and c0 for the LSTM).",
    "backward에서 주어진 초기 상태 대신 0에서 순전파를 다시 계산했습니다: 시점 0의 backward에는 "
    "h_{t-1} = h0(LSTM은 c0도)가 필요합니다.")
FORWARD_ORDER = Diagnosis(
    "bptt_loop_forward_in_time",
    "The backward loop runs forward in time. BPTT starts at the last step t = T−1 (only dhs[:, T−1] "
    "arrives there) and walks back, step by step, down to t = 0, each step handing its dh_prev to the step "
    "before it.",
    "backward 반복문이 시간 순방향으로 돕니다. BPTT는 마지막 시점 t = T−1(여기엔 dhs[:, T−1]만 도달)에서 "
    "시작해 한 시점씩 t = 0까지 거꾸로 가며, 각 시점이 자기 dh_prev를 바로 앞 시점에 넘겨줍니다.")
DH0_OFF_BY_ONE = Diagnosis(
    "bptt_dh0_off_by_one",
    "dh0 is the gradient reaching the initial state h0, i.e. the dh_prev that step 0's backward returns; "
    "yours is the gradient arriving at step 0's output hs[:, 0].",
    "dh0는 초기 상태 h0에 도달하는 gradient, 즉 시점 0의 backward가 돌려주는 dh_prev입니다. 여러분의 값은 "
    "시점 0의 출력 hs[:, 0]에 도달한 gradient입니다.")

DC_PREV_NO_FORGET = Diagnosis(
    "lstm_dc_prev_missing_forget",
    "dC_{t-1} must be multiplied by the forget gate: C_t = f_t ⊙ C_{t-1} + …, so dC_{t-1} = dC_t ⊙ f_t. "
    "This ⊙ f_t path is the LSTM's gradient highway: with f_t ≈ 1 the gradient passes unchanged.",
    "dC_{t-1}에는 forget gate를 곱해야 합니다: C_t = f_t ⊙ C_{t-1} + …이므로 dC_{t-1} = dC_t ⊙ f_t입니다. "
    "이 ⊙ f_t 경로가 LSTM의 gradient highway입니다: f_t ≈ 1이면 gradient가 그대로 전달됩니다.")
TANH_C_PATH_MISSING = Diagnosis(
    "lstm_tanh_c_path_missing",
    "The path from h_t into C_t is missing: h_t = o_t ⊙ tanh(C_t), so the gradient reaching C_t is "
    "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)).",
    "h_t에서 C_t로 가는 경로가 빠졌습니다: h_t = o_t ⊙ tanh(C_t)이므로 C_t에 도달하는 gradient는 "
    "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))입니다.")
TANH_C_GRAD_WRONG = Diagnosis(
    "lstm_tanh_c_grad_wrong",
    "The derivative of tanh(C_t) is 1 − tanh²(C_t), not 1 − C_t²: dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)).",
    "tanh(C_t)의 미분은 1 − C_t²가 아니라 1 − tanh²(C_t)입니다: dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)).")
SIGMOID_GRAD = Diagnosis(
    "sigmoid_grad_is_sigmoid",
    "The gates' derivative was taken as σ itself; σ′(a) = σ(a)(1 − σ(a)), e.g. da_f = df ⊙ f_t ⊙ (1 − f_t).",
    "게이트의 미분을 σ 자체로 썼습니다. σ′(a) = σ(a)(1 − σ(a))입니다. 예: da_f = df ⊙ f_t ⊙ (1 − f_t).")
DC_IN_IGNORED = Diagnosis(
    "lstm_dc_from_next_step_ignored",
    "The gradient dc_t arriving at C_t from step t+1 is ignored: dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)) "
    "adds both paths into C_t.",
    "시점 t+1에서 C_t로 오는 gradient dc_t를 무시했습니다: dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))는 "
    "C_t로 들어오는 두 경로를 더합니다.")
FORGET_GRAD_C_T = Diagnosis(
    "lstm_forget_grad_uses_c_t",
    "The forget gate multiplies the OLD cell state: C_t = f_t ⊙ C_{t-1} + …, so df_t = dC_t ⊙ C_{t-1}, not dC_t ⊙ C_t.",
    "forget gate는 이전 셀 상태에 곱해집니다: C_t = f_t ⊙ C_{t-1} + …이므로 df_t = dC_t ⊙ C_{t-1}이며 "
    "dC_t ⊙ C_t가 아닙니다.")
CANDIDATE_TANH_GRAD = Diagnosis(
    "lstm_candidate_tanh_grad_missing",
    "The candidate is g_t = tanh(a_g), so its pre-activation gradient needs tanh′: da_g = dg_t ⊙ (1 − g_t²).",
    "후보 g_t = tanh(a_g)이므로 pre-activation의 gradient에 tanh′이 필요합니다: da_g = dg_t ⊙ (1 − g_t²).")
OUTPUT_GRAD_NO_TANH = Diagnosis(
    "lstm_output_grad_no_tanh",
    "h_t = o_t ⊙ tanh(C_t), so the output gate's gradient is do_t = dh_t ⊙ tanh(C_t), not dh_t ⊙ C_t.",
    "h_t = o_t ⊙ tanh(C_t)이므로 output gate의 gradient는 do_t = dh_t ⊙ tanh(C_t)이며 dh_t ⊙ C_t가 아닙니다.")
GATE_GRADS_SWAPPED = Diagnosis(
    "lstm_forget_input_grads_swapped",
    "The forget and input gates' gradients are swapped: C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t gives "
    "df_t = dC_t ⊙ C_{t-1} and di_t = dC_t ⊙ g_t.",
    "forget gate와 input gate의 gradient가 바뀌었습니다: C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t에서 "
    "df_t = dC_t ⊙ C_{t-1}, di_t = dC_t ⊙ g_t입니다.")
CELL_GRAD_NOT_CARRIED = Diagnosis(
    "lstm_cell_gradient_not_carried",
    "The cell-state gradient is not carried back: step t+1's backward returns dc_prev = dC_{t+1} ⊙ f_{t+1}, "
    "which must be passed as dc_t to step t (the gradient highway along C). Only at the last step does "
    "nothing arrive (dc = 0).",
    "셀 상태의 gradient를 이전 시점으로 넘기지 않았습니다: 시점 t+1의 backward가 돌려준 "
    "dc_prev = dC_{t+1} ⊙ f_{t+1}을 시점 t의 dc_t로 넘겨야 합니다 (C를 따라가는 gradient highway). "
    "마지막 시점에서만 들어오는 것이 없습니다 (dc = 0).")

CLIP_PER_ARRAY = Diagnosis(
    "clip_per_array",
    "Each array was clipped by its own norm. Clipping uses ONE global norm over every array of the dict, "
    "total_norm = sqrt(Σ_arrays Σ g²), and multiplies every array by the same factor "
    "min(1, max_norm / (total_norm + 1e-6)), so the direction of the whole gradient is kept.",
    "배열마다 자기 norm으로 clip했습니다. clipping은 dict의 모든 배열에 대한 하나의 전역 norm "
    "total_norm = sqrt(Σ_배열 Σ g²)을 쓰고, 모든 배열에 같은 인자 min(1, max_norm / (total_norm + 1e-6))을 "
    "곱해 전체 gradient의 방향을 유지합니다.")
CLIP_NO_EPS = Diagnosis(
    "clip_missing_epsilon",
    "The factor is max_norm / (total_norm + 1e-6), as in torch.nn.utils.clip_grad_norm_; without the "
    "+1e-6 it differs visibly when the norm is tiny (and divides by zero when it is 0).",
    "인자는 torch.nn.utils.clip_grad_norm_처럼 max_norm / (total_norm + 1e-6)입니다. +1e-6이 없으면 "
    "norm이 아주 작을 때 눈에 띄게 달라집니다 (norm이 0이면 0으로 나눕니다).")
CLIP_CLIPPED_NORM = Diagnosis(
    "clip_returns_clipped_norm",
    "total_norm is the norm BEFORE clipping (what clip_grad_norm_ returns, useful to watch for "
    "exploding gradients); yours is the norm after clipping.",
    "total_norm은 clipping 이전의 norm입니다 (clip_grad_norm_이 반환하는 값으로, gradient 폭발을 지켜볼 때 "
    "씁니다). 여러분의 값은 clipping 이후의 norm입니다.")
CLIP_ALWAYS = Diagnosis(
    "clip_always_rescales",
    "Gradients below max_norm must stay as they are: the factor is min(1, max_norm / (total_norm + 1e-6)), "
    "so clipping only ever shrinks.",
    "max_norm보다 작은 gradient는 그대로 두어야 합니다: 인자가 min(1, max_norm / (total_norm + 1e-6))이므로 "
    "clipping은 줄이기만 합니다.")
CLIP_WRONG_NORM = Diagnosis(
    "clip_norm_not_global_l2",
    "The norm is not the global L2 norm: total_norm = sqrt(Σ over every array of Σ g²), one square root of "
    "the sum of all squares (not the sum of the arrays' norms, not without the square root, not the maximum).",
    "norm이 전역 L2 norm이 아닙니다: total_norm = sqrt(모든 배열에 대한 Σ g²), 모든 제곱의 합에 제곱근 하나입니다 "
    "(배열별 norm의 합도, 제곱근 없는 값도, 최댓값도 아닙니다).")


# --------------------------------------------------------------------------- locating a difference
def _located(arr, want, what, time_axis):
    """Where ``arr`` differs from ``want``, as a Text (None for NaN/inf: expect_close says that)."""
    if arr.shape != want.shape:
        return Text(f"{what} has shape {arr.shape}; it should be {want.shape}.",
                    f"{what}의 shape이 {arr.shape}입니다. {want.shape}이어야 합니다.")
    if not np.all(np.isfinite(arr)):
        return None
    if time_axis is not None:
        return where_in_time(what, arr, want, time_axis, backward=True)
    bad = mismatch(arr, want)
    return Text(f"{what} differs from the lecture's formula in {int(bad.sum())} of {bad.size} entries.",
                f"{what}이(가) {bad.size}개 중 {int(bad.sum())}개 값에서 강의 수식과 다릅니다.")


def compare(got, want, what, variants=(), time_axis=None):
    """``got`` (one returned item) matches the reference ``want``; otherwise fail saying where.

    ``variants``: (Diagnosis, array) pairs, the same item computed the mistaken way (any shape, e.g.
    a transposed gradient); the first that ``got`` matches names the mistake. Read only when ``got``
    differs (it may be a generator that computes them then). ``time_axis``: the
    item is a sequence and the message names the time steps that differ (``where_in_time``).
    """
    want = np.asarray(want, dtype=np.float64)
    arr = as_array(got, what)
    if arr.shape == want.shape and not mismatch(arr, want).any():
        return arr
    located = _located(arr, want, what, time_axis)
    for diagnosis, alt in variants:
        if located is not None and matches(arr, alt):
            raise diagnosis.failed(located)
    if time_axis is not None and arr.shape == np.swapaxes(want, 0, time_axis).shape != want.shape:
        raise TIME_MAJOR.failed(located)
    if located is not None and arr.shape == want.shape:
        fail(located.en, located.ko)
    expect_close(arr, want, what)       # the shape or the NaN message


def grads_of(value, keys, what="grads"):
    """The returned grads: a dict (the check of each key says which key is missing)."""
    if not isinstance(value, dict):
        fail(f"{what} should be a dict keyed {', '.join(keys)}; got {type(value).__name__}.",
             f"{what}은(는) {', '.join(keys)}를 키로 갖는 dict여야 하는데 {type(value).__name__}입니다.")
    return value


def compare_grads(grads, want, keys, variants, what="grads"):
    """Each of ``keys`` of the returned grads against the reference; variants are full grads dicts
    (read once, by the first key that differs: that comparison fails). When several keys are checked
    together (a gate's W_x*, W_h*, b_*), the message says which are right."""
    grads = grads_of(grads, list(want))
    for key in keys:
        if key not in grads:
            fail(f"{what} has no key {key!r} (its keys: {sorted(grads)}).",
                 f"{what}에 키 {key!r}가 없습니다 (있는 키: {sorted(grads)}).")
    right = [k for k in keys if matches(grads[k], want[k])]
    for key in keys:
        label = f"{what}[{key!r}]"
        try:
            compare(grads[key], want[key], label, ((d, g[key]) for d, g in variants if key in g))
        except CheckFailed as failed:
            if right:
                ok = ", ".join(f"{what}[{k!r}]" for k in right)
                verb = "is" if len(right) == 1 else "are"
                failed = CheckFailed(Text(f"{label} differs ({ok} {verb} right). ",
                                          f"{label}이(가) 다릅니다 ({ok}은(는) 맞습니다). ") + failed.text,
                                     failed.diagnosis)
            raise failed from None


def check_keys(grads, params, keys, what="grads"):
    """grads has exactly ``keys``, each the shape of its weight (a check worth 0 points on its own)."""
    grads = grads_of(grads, keys)
    missing, extra = [k for k in keys if k not in grads], sorted(set(grads) - set(keys))
    if missing or extra:
        fail(f"{what} should have exactly the keys {', '.join(keys)} (the weights this function uses, whatever "
             f"else params holds); missing: {missing}, extra: {extra}.",
             f"{what}은(는) 정확히 {', '.join(keys)} 키(이 함수가 쓰는 가중치, params에 무엇이 더 있든)를 가져야 "
             f"합니다. 빠진 키: {missing}, 남는 키: {extra}.")
    for k in keys:
        arr = as_array(grads[k], f"{what}[{k!r}]")
        if arr.shape != np.shape(params[k]):
            fail(f"{what}[{k!r}] has shape {arr.shape}; a gradient has the shape of its variable, {np.shape(params[k])}.",
                 f"{what}[{k!r}]의 shape이 {arr.shape}입니다. gradient는 그 변수와 같은 shape "
                 f"{np.shape(params[k])}이어야 합니다.")


# --------------------------------------------------------------------------- the mistaken ways (for diagnoses)
def rnn_step_backward_variant(dh, x, h_prev, p, tanh_grad="h", back_transpose=True, dW="xT_da",
                              db="sum", whh_state="prev"):
    """rnn_step_backward with one formula changed (the defaults give the right one)."""
    a = x @ p["W_xh"] + h_prev @ p["W_hh"] + p["b_h"]
    h = np.tanh(a)
    deriv = {"h": 1 - h ** 2, "pre": 1 - a ** 2, "prev": 1 - h_prev ** 2, "none": 1.0, "linear": 1 - h}[tanh_grad]
    da = dh * deriv
    dx = da @ p["W_xh"].T
    dh_prev = da @ (p["W_hh"].T if back_transpose else p["W_hh"])
    s = h_prev if whh_state == "prev" else h
    grads = ({"W_xh": x.T @ da, "W_hh": s.T @ da} if dW == "xT_da" else {"W_xh": da.T @ x, "W_hh": da.T @ s})
    grads["b_h"] = {"sum": da.sum(axis=0), "none": da, "mean": da.mean(axis=0), "axis1": da.sum(axis=1)}[db]
    return dx, dh_prev, grads


RNN_STEP_BUGS = [(TANH_GRAD_PREACT, dict(tanh_grad="pre")), (TANH_GRAD_PREV, dict(tanh_grad="prev")),
                 (TANH_GRAD_MISSING, dict(tanh_grad="none")), (TANH_GRAD_NOT_SQUARED, dict(tanh_grad="linear")),
                 (MISSING_TRANSPOSE, dict(back_transpose=False)), (WEIGHT_GRAD_TRANSPOSED, dict(dW="daT_x")),
                 (WHH_CURRENT_STATE, dict(whh_state="current")), (BIAS_NOT_SUMMED, dict(db="none")),
                 (BIAS_NOT_SUMMED, dict(db="mean")), (BIAS_NOT_SUMMED, dict(db="axis1"))]


def one_step_only(t):
    """WEIGHTS_ONE_STEP, saying which step's gradient the answer equals."""
    return Diagnosis(WEIGHTS_ONE_STEP.code,
                     WEIGHTS_ONE_STEP.text.en + f" Yours equals step t = {t}'s alone.",
                     WEIGHTS_ONE_STEP.text.ko + f" 여러분의 값은 시점 t = {t} 하나의 gradient와 같습니다.")


def _sum_grads(steps, keys, how):
    """The weight gradients over time: "sum" (right), "mean", or an int t: step t's alone."""
    if how == "sum":
        return {k: sum(s[k] for s in steps) for k in keys}
    if how == "mean":
        return {k: sum(s[k] for s in steps) / len(steps) for k in keys}
    return dict(steps[how])


def rnn_backward_variant(dhs, x, h0, p, next_grad=True, weights="sum", prev_state="right", from_zeros=False,
                         forward_loop=False, dh0="right", **step_bugs):
    """BPTT for the plain RNN with one thing changed (the defaults give the right one)."""
    start = np.zeros_like(h0) if from_zeros else h0
    hs, _ = ref.rnn_forward(x, start, p)
    n_steps = x.shape[1]
    prev = [start] + [hs[:, t] for t in range(n_steps - 1)]
    if prev_state == "current":
        prev = [hs[:, t] for t in range(n_steps)]
    dx, per_step = np.zeros(x.shape), [None] * n_steps
    dh_next = np.zeros_like(h0)
    order = range(n_steps) if forward_loop else reversed(range(n_steps))
    for t in order:
        dh = dhs[:, t] + (dh_next if next_grad else 0)
        dx[:, t], dh_next, per_step[t] = rnn_step_backward_variant(dh, x[:, t], prev[t], p, **step_bugs)
        last_dh = dh
    grads = _sum_grads(per_step, RNN_KEYS, weights)
    return dx, (last_dh if dh0 == "output" else dh_next), grads


def rnn_backward_variants(dhs, x, h0, p):
    plain = [(MISSING_NEXT, dict(next_grad=False)), (WEIGHTS_AVERAGED, dict(weights="mean")),
             (WRONG_PREV_STATE, dict(prev_state="current")), (BPTT_IGNORES_INITIAL, dict(from_zeros=True)),
             (FORWARD_ORDER, dict(forward_loop=True)), (DH0_OFF_BY_ONE, dict(dh0="output"))]
    plain += [(one_step_only(t), dict(weights=t)) for t in range(x.shape[1])]
    return [(d, rnn_backward_variant(dhs, x, h0, p, **kw)) for d, kw in plain + RNN_STEP_BUGS]


def lstm_step_backward_variant(dh, dc_in, x, h_prev, c_prev, p, sig_grad="right", tanh_c="tanh", h_path=True,
                               forget_highway=True, use_dc_in=True, df_state="prev", g_tanh_grad=True,
                               do_tanh=True, swap_fi=False, back_transpose=True, dW="xT_da", db="sum"):
    """lstm_step_backward with one formula changed (the defaults give the right one)."""
    f, i, o = ref.lstm_gates(x, h_prev, p)
    g = ref.lstm_candidate(x, h_prev, p)
    c = f * c_prev + i * g
    tc = np.tanh(c)
    dc = (dc_in if use_dc_in else 0) + (dh * o * ((1 - tc ** 2) if tanh_c == "tanh" else (1 - c ** 2)) if h_path else 0)
    do = dh * (tc if do_tanh else c)
    df, di = dc * (c_prev if df_state == "prev" else c), dc * g
    if swap_fi:
        df, di = dc * g, dc * c_prev
    dg = dc * i
    dc_prev = dc * f if forget_highway else dc * np.ones_like(f)
    sp = (lambda s: s * (1 - s)) if sig_grad == "right" else (lambda s: s)
    da = {"f": df * sp(f), "i": di * sp(i), "o": do * sp(o), "g": dg * ((1 - g ** 2) if g_tanh_grad else 1.0)}
    dx, dhp, grads = 0.0, 0.0, {}
    for k in GATES:
        dx = dx + da[k] @ p[f"W_x{k}"].T
        dhp = dhp + da[k] @ (p[f"W_h{k}"].T if back_transpose else p[f"W_h{k}"])
        if dW == "xT_da":
            grads[f"W_x{k}"], grads[f"W_h{k}"] = x.T @ da[k], h_prev.T @ da[k]
        else:
            grads[f"W_x{k}"], grads[f"W_h{k}"] = da[k].T @ x, da[k].T @ h_prev
        grads[f"b_{k}"] = {"sum": da[k].sum(axis=0), "none": da[k], "mean": da[k].mean(axis=0)}[db]
    return dx, dhp, dc_prev, grads


LSTM_STEP_BUGS = [(DC_PREV_NO_FORGET, dict(forget_highway=False)), (TANH_C_PATH_MISSING, dict(h_path=False)),
                  (TANH_C_GRAD_WRONG, dict(tanh_c="square")), (SIGMOID_GRAD, dict(sig_grad="sigma")),
                  (DC_IN_IGNORED, dict(use_dc_in=False)), (FORGET_GRAD_C_T, dict(df_state="current")),
                  (CANDIDATE_TANH_GRAD, dict(g_tanh_grad=False)), (OUTPUT_GRAD_NO_TANH, dict(do_tanh=False)),
                  (GATE_GRADS_SWAPPED, dict(swap_fi=True)), (MISSING_TRANSPOSE, dict(back_transpose=False)),
                  (WEIGHT_GRAD_TRANSPOSED, dict(dW="daT_x")), (BIAS_NOT_SUMMED, dict(db="none")),
                  (BIAS_NOT_SUMMED, dict(db="mean"))]


def lstm_backward_variant(dhs, x, h0, c0, p, next_h=True, next_c=True, weights="sum", prev_state="right",
                          from_zeros=False, **step_bugs):
    """BPTT for the LSTM with one thing changed (the defaults give the right one)."""
    h, c = (np.zeros_like(h0), np.zeros_like(c0)) if from_zeros else (h0, c0)
    hs, cs = [h], [c]
    for t in range(x.shape[1]):
        h, c = ref.lstm_step(x[:, t], h, c, p)
        hs.append(h)
        cs.append(c)
    if prev_state == "current":
        hs, cs = hs[1:], cs[1:]
    dx, per_step = np.zeros(x.shape), [None] * x.shape[1]
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(x.shape[1])):
        dx[:, t], dh_next, dc_next, per_step[t] = lstm_step_backward_variant(
            dhs[:, t] + (dh_next if next_h else 0), dc_next if next_c else np.zeros_like(c0),
            x[:, t], hs[t], cs[t], p, **step_bugs)
    grads = _sum_grads(per_step, LSTM_KEYS, weights)
    return dx, dh_next, dc_next, grads


def lstm_backward_variants(dhs, x, h0, c0, p):
    plain = [(MISSING_NEXT, dict(next_h=False)), (CELL_GRAD_NOT_CARRIED, dict(next_c=False)),
             (WEIGHTS_AVERAGED, dict(weights="mean")), (WRONG_PREV_STATE, dict(prev_state="current")),
             (BPTT_IGNORES_INITIAL, dict(from_zeros=True))]
    plain += [(one_step_only(t), dict(weights=t)) for t in range(x.shape[1])]
    bugs = [b for b in LSTM_STEP_BUGS if b[0] is not DC_IN_IGNORED]     # = the cell gradient not carried
    return [(d, lstm_backward_variant(dhs, x, h0, c0, p, **kw)) for d, kw in plain + bugs]


def _items(variants, index):
    """The ``index``-th returned item of each mistaken variant. ``variants`` is a function that computes
    them, called only when a comparison fails: a right answer does not pay for every mistaken
    recomputation (which costs more than the checks themselves)."""
    for diagnosis, out in variants():
        yield diagnosis, out[index]


# --------------------------------------------------------------------------- rnn_step
@check("rnn_step", "h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h) on random inputs",
       "무작위 입력에서 h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)", weight=2)
def test_rnn_step_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), rnn_params(rng)
    got = impl.rnn_step(x, h, p)
    variants = [(MISSING_BIAS, np.tanh(x @ p["W_xh"] + h @ p["W_hh"])),
                (MISSING_RECURRENT, np.tanh(x @ p["W_xh"] + p["b_h"])),
                (NOT_TANH, sigmoid(x @ p["W_xh"] + h @ p["W_hh"] + p["b_h"])),
                (FORWARD_TRANSPOSED, np.tanh(x @ p["W_xh"] + h @ p["W_hh"].T + p["b_h"]))]
    compare(got, ref.rnn_step(x, h, p), "h_t", variants)
    expect_unchanged((x, h, p), impl.inputs_after, ("x_t", "h_prev", "params"))


@check("rnn_step", "large pre-activations saturate to ±1 (no NaN)", "큰 pre-activation은 ±1로 포화 (NaN 없음)")
def test_rnn_step_saturates(impl, rng):
    n = 8      # many rows: every one of x_t W_xh, h_{t-1} W_hh, b_h decides the sign of some entries
    x, h, p = rng.normal(0, 300, (n, D)), rng.normal(0, 300, (n, H)), rnn_params(rng, scale=1.0)
    p["b_h"] = rng.normal(0, 600, H)
    got = as_array(impl.rnn_step(x, h, p), "h_t")
    if got.shape == (n, H) and not np.all(np.isfinite(got)):
        raise TANH_OVERFLOW.failed()
    compare(got, ref.rnn_step(x, h, p), "h_t",
            [(MISSING_BIAS, np.tanh(x @ p["W_xh"] + h @ p["W_hh"])),
             (MISSING_RECURRENT, np.tanh(x @ p["W_xh"] + p["b_h"]))])


# --------------------------------------------------------------------------- rnn_forward
def _rnn_forward_inputs(rng, t=T):
    return rng.normal(size=(N, t, D)), state(rng), rnn_params(rng)


def _hs_not_carried(x, h0, p):
    return np.stack([ref.rnn_step(x[:, t], h0, p) for t in range(x.shape[1])], axis=1)


@check("rnn_forward", "hs matches the lecture on a random sequence", "무작위 시퀀스에서 hs가 강의 수식과 일치", weight=2)
def test_rnn_forward_hs(impl, rng):
    x, h0, p = _rnn_forward_inputs(rng)
    hs, _ = unpack(impl.rnn_forward(x, h0, p), 2, "rnn_forward(...)")
    compare(hs, ref.rnn_forward(x, h0, p)[0], "hs",
            [(IGNORES_INITIAL, ref.rnn_forward(x, np.zeros_like(h0), p)[0]),
             (STATE_NOT_CARRIED, _hs_not_carried(x, h0, p))], time_axis=1)
    expect_unchanged((x, h0, p), impl.inputs_after, ("x", "h0", "params"))


@check("rnn_forward", "h_T is the state after the last step", "h_T는 마지막 시점 이후의 상태")
def test_rnn_forward_final_state(impl, rng):
    x, h0, p = _rnn_forward_inputs(rng)
    hs_want, h_want = ref.rnn_forward(x, h0, p)
    _, h_T = unpack(impl.rnn_forward(x, h0, p), 2, "rnn_forward(...)")
    compare(h_T, h_want, "h_T",
            [(IGNORES_INITIAL, ref.rnn_forward(x, np.zeros_like(h0), p)[1]),
             (STATE_NOT_CARRIED, _hs_not_carried(x, h0, p)[:, -1])]
            + [(WRONG_FINAL, hs_want[:, t]) for t in range(T - 1)] + [(WRONG_FINAL, h0)])


# --------------------------------------------------------------------------- rnn_step_backward
def _rnn_step_inputs(rng):
    return upstream(rng, N, H), rng.normal(size=(N, D)), state(rng), rnn_params(rng)


def _rnn_step_backward_result(impl, args):
    return unpack(impl.rnn_step_backward(*args), 3, "rnn_step_backward(...)")


def _rnn_step_variants(args):
    return [(d, rnn_step_backward_variant(*args, **kw)) for d, kw in RNN_STEP_BUGS]


_STEP_NAMES = ("dh_t", "x_t", "h_prev", "params")


@check("rnn_step_backward", "dx_t = da_t W_xhᵀ with da_t = dh_t ⊙ (1 − h_t²)",
       "dx_t = da_t W_xhᵀ, da_t = dh_t ⊙ (1 − h_t²)")
def test_rnn_step_backward_dx(impl, rng):
    args = _rnn_step_inputs(rng)
    dx, _, _ = _rnn_step_backward_result(impl, args)
    compare(dx, ref.rnn_step_backward(*args)[0], "dx_t", _items(lambda: _rnn_step_variants(args), 0))
    expect_unchanged(args, impl.inputs_after, _STEP_NAMES)


@check("rnn_step_backward", "dh_prev = da_t W_hhᵀ", "dh_prev = da_t W_hhᵀ")
def test_rnn_step_backward_dh_prev(impl, rng):
    args = _rnn_step_inputs(rng)
    _, dh_prev, _ = _rnn_step_backward_result(impl, args)
    compare(dh_prev, ref.rnn_step_backward(*args)[1], "dh_prev", _items(lambda: _rnn_step_variants(args), 1))
    expect_unchanged(args, impl.inputs_after, _STEP_NAMES)


def _rnn_step_grad_check(impl, rng, key):
    args = _rnn_step_inputs(rng)
    _, _, grads = _rnn_step_backward_result(impl, args)
    compare_grads(grads, ref.rnn_step_backward(*args)[2], [key], _items(lambda: _rnn_step_variants(args), 2))
    expect_unchanged(args, impl.inputs_after, _STEP_NAMES)


@check("rnn_step_backward", "grads['W_xh'] = x_tᵀ da_t", "grads['W_xh'] = x_tᵀ da_t")
def test_rnn_step_backward_W_xh(impl, rng):
    _rnn_step_grad_check(impl, rng, "W_xh")


@check("rnn_step_backward", "grads['W_hh'] = h_{t-1}ᵀ da_t (nonzero h_{t-1})", "grads['W_hh'] = h_{t-1}ᵀ da_t (h_{t-1} ≠ 0)")
def test_rnn_step_backward_W_hh(impl, rng):
    _rnn_step_grad_check(impl, rng, "W_hh")


@check("rnn_step_backward", "grads['b_h'] = Σ over the batch of da_t", "grads['b_h'] = 배치에 대한 da_t의 합")
def test_rnn_step_backward_b_h(impl, rng):
    _rnn_step_grad_check(impl, rng, "b_h")


@check("rnn_step_backward", "grads has exactly the keys W_xh, W_hh, b_h, shaped like the weights (no points on its own)",
       "grads의 키는 정확히 W_xh, W_hh, b_h이고 가중치와 같은 shape (단독 배점 없음)", weight=0)
def test_rnn_step_backward_keys(impl, rng):
    dh, x, h, p = _rnn_step_inputs(rng)
    p_extra = dict(p, W_hy=rng.normal(size=(H, 2)), b_y=rng.normal(size=2))   # keys the step does not use
    _, _, grads = _rnn_step_backward_result(impl, (dh, x, h, p_extra))
    check_keys(grads, p, RNN_KEYS)


# --------------------------------------------------------------------------- rnn_backward
def _rnn_seq_inputs(rng):
    return upstream(rng, N, T, H), rng.normal(size=(N, T, D)), state(rng), rnn_params(rng)


def _rnn_backward_result(impl, args):
    return unpack(impl.rnn_backward(*args), 3, "rnn_backward(...)")


_SEQ_NAMES = ("dhs", "x", "h0", "params")


@check("rnn_backward", "dx at every step (walking back from t = T−1)", "모든 시점의 dx (t = T−1부터 거꾸로)")
def test_rnn_backward_dx(impl, rng):
    args = _rnn_seq_inputs(rng)
    dx, _, _ = _rnn_backward_result(impl, args)
    compare(dx, ref.rnn_backward(*args)[0], "dx", _items(lambda: rnn_backward_variants(*args), 0), time_axis=1)
    expect_unchanged(args, impl.inputs_after, _SEQ_NAMES)


@check("rnn_backward", "dh0, the gradient reaching the initial state", "dh0, 초기 상태에 도달하는 gradient")
def test_rnn_backward_dh0(impl, rng):
    args = _rnn_seq_inputs(rng)
    _, dh0, _ = _rnn_backward_result(impl, args)
    compare(dh0, ref.rnn_backward(*args)[1], "dh0", _items(lambda: rnn_backward_variants(*args), 1))
    expect_unchanged(args, impl.inputs_after, _SEQ_NAMES)


def _rnn_backward_grad_check(impl, rng, key):
    args = _rnn_seq_inputs(rng)
    _, _, grads = _rnn_backward_result(impl, args)
    compare_grads(grads, ref.rnn_backward(*args)[2], [key], _items(lambda: rnn_backward_variants(*args), 2))
    expect_unchanged(args, impl.inputs_after, _SEQ_NAMES)


@check("rnn_backward", "grads['W_xh'] summed over all steps", "모든 시점에 대해 합한 grads['W_xh']")
def test_rnn_backward_W_xh(impl, rng):
    _rnn_backward_grad_check(impl, rng, "W_xh")


@check("rnn_backward", "grads['W_hh'] summed over all steps", "모든 시점에 대해 합한 grads['W_hh']")
def test_rnn_backward_W_hh(impl, rng):
    _rnn_backward_grad_check(impl, rng, "W_hh")


@check("rnn_backward", "grads['b_h'] summed over all steps and the batch", "모든 시점과 배치에 대해 합한 grads['b_h']")
def test_rnn_backward_b_h(impl, rng):
    _rnn_backward_grad_check(impl, rng, "b_h")


@check("rnn_backward", "grads has exactly the keys W_xh, W_hh, b_h, shaped like the weights (no points on its own)",
       "grads의 키는 정확히 W_xh, W_hh, b_h이고 가중치와 같은 shape (단독 배점 없음)", weight=0)
def test_rnn_backward_keys(impl, rng):
    dhs, x, h0, p = _rnn_seq_inputs(rng)
    _, _, grads = _rnn_backward_result(impl, (dhs, x, h0, dict(p, W_hy=rng.normal(size=(H, 2)))))
    check_keys(grads, p, RNN_KEYS)


# --------------------------------------------------------------------------- lstm_step_backward
def _lstm_step_inputs(rng):
    return (upstream(rng, N, H), upstream(rng, N, H), rng.normal(size=(N, D)), state(rng), state(rng),
            lstm_params(rng))


def _lstm_step_backward_result(impl, args):
    return unpack(impl.lstm_step_backward(*args), 4, "lstm_step_backward(...)")


def _lstm_step_variants(args):
    return [(d, lstm_step_backward_variant(*args, **kw)) for d, kw in LSTM_STEP_BUGS]


_LSTM_STEP_NAMES = ("dh_t", "dc_t", "x_t", "h_prev", "c_prev", "params")


def _lstm_step_item_check(impl, rng, index, what):
    args = _lstm_step_inputs(rng)
    got = _lstm_step_backward_result(impl, args)
    compare(got[index], ref.lstm_step_backward(*args)[index], what, _items(lambda: _lstm_step_variants(args), index))
    expect_unchanged(args, impl.inputs_after, _LSTM_STEP_NAMES)


@check("lstm_step_backward", "dx_t = Σ over the gates of da_* W_x*ᵀ", "dx_t = 게이트별 da_* W_x*ᵀ의 합")
def test_lstm_step_backward_dx(impl, rng):
    _lstm_step_item_check(impl, rng, 0, "dx_t")


@check("lstm_step_backward", "dh_prev = Σ over the gates of da_* W_h*ᵀ", "dh_prev = 게이트별 da_* W_h*ᵀ의 합")
def test_lstm_step_backward_dh_prev(impl, rng):
    _lstm_step_item_check(impl, rng, 1, "dh_prev")


@check("lstm_step_backward", "dc_prev = dC_t ⊙ f_t, with dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))",
       "dc_prev = dC_t ⊙ f_t, dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))")
def test_lstm_step_backward_dc_prev(impl, rng):
    _lstm_step_item_check(impl, rng, 2, "dc_prev")


def _lstm_step_gate_check(impl, rng, gate):
    args = _lstm_step_inputs(rng)
    _, _, _, grads = _lstm_step_backward_result(impl, args)
    compare_grads(grads, ref.lstm_step_backward(*args)[3], [f"W_x{gate}", f"W_h{gate}", f"b_{gate}"],
                  _items(lambda: _lstm_step_variants(args), 3))
    expect_unchanged(args, impl.inputs_after, _LSTM_STEP_NAMES)


def _gate_title(gate, what="", ko_what=""):
    en, ko = GATE_NAMES[gate]
    return (f"grads of the {en}: W_x{gate}, W_h{gate}, b_{gate}{what}",
            f"{ko}의 grads: W_x{gate}, W_h{gate}, b_{gate}{ko_what}")


@check("lstm_step_backward", *_gate_title("f"))
def test_lstm_step_backward_forget_gate(impl, rng):
    _lstm_step_gate_check(impl, rng, "f")


@check("lstm_step_backward", *_gate_title("i"))
def test_lstm_step_backward_input_gate(impl, rng):
    _lstm_step_gate_check(impl, rng, "i")


@check("lstm_step_backward", *_gate_title("o"))
def test_lstm_step_backward_output_gate(impl, rng):
    _lstm_step_gate_check(impl, rng, "o")


@check("lstm_step_backward", *_gate_title("g"))
def test_lstm_step_backward_candidate(impl, rng):
    _lstm_step_gate_check(impl, rng, "g")


@check("lstm_step_backward", "grads has exactly the 12 LSTM keys, shaped like the weights (no points on its own)",
       "grads의 키는 정확히 LSTM의 12개이고 가중치와 같은 shape (단독 배점 없음)", weight=0)
def test_lstm_step_backward_keys(impl, rng):
    *rest, p = _lstm_step_inputs(rng)
    p_extra = dict(p, W_xh=rng.normal(size=(D, H)), b_h=rng.normal(size=H))     # an RNN's keys, unused here
    _, _, _, grads = _lstm_step_backward_result(impl, (*rest, p_extra))
    check_keys(grads, p, LSTM_KEYS)


# --------------------------------------------------------------------------- lstm_backward
def _lstm_seq_inputs(rng):
    return upstream(rng, N, T, H), rng.normal(size=(N, T, D)), state(rng), state(rng), lstm_params(rng)


def _lstm_backward_result(impl, args):
    return unpack(impl.lstm_backward(*args), 4, "lstm_backward(...)")


_LSTM_SEQ_NAMES = ("dhs", "x", "h0", "c0", "params")


def _lstm_seq_item_check(impl, rng, index, what, time_axis=None):
    args = _lstm_seq_inputs(rng)
    got = _lstm_backward_result(impl, args)
    compare(got[index], ref.lstm_backward(*args)[index], what, _items(lambda: lstm_backward_variants(*args), index),
            time_axis=time_axis)
    expect_unchanged(args, impl.inputs_after, _LSTM_SEQ_NAMES)


@check("lstm_backward", "dx at every step (walking back from t = T−1)", "모든 시점의 dx (t = T−1부터 거꾸로)")
def test_lstm_backward_dx(impl, rng):
    _lstm_seq_item_check(impl, rng, 0, "dx", time_axis=1)


@check("lstm_backward", "dh0, the gradient reaching the initial hidden state", "dh0, 초기 은닉 상태에 도달하는 gradient")
def test_lstm_backward_dh0(impl, rng):
    _lstm_seq_item_check(impl, rng, 1, "dh0")


@check("lstm_backward", "dc0, the gradient reaching the initial cell state along the highway",
       "dc0, highway를 따라 초기 셀 상태에 도달하는 gradient")
def test_lstm_backward_dc0(impl, rng):
    _lstm_seq_item_check(impl, rng, 2, "dc0")


def _lstm_seq_gate_check(impl, rng, gate):
    args = _lstm_seq_inputs(rng)
    _, _, _, grads = _lstm_backward_result(impl, args)
    compare_grads(grads, ref.lstm_backward(*args)[3], [f"W_x{gate}", f"W_h{gate}", f"b_{gate}"],
                  _items(lambda: lstm_backward_variants(*args), 3))
    expect_unchanged(args, impl.inputs_after, _LSTM_SEQ_NAMES)


@check("lstm_backward", *_gate_title("f", ", summed over all steps", ", 모든 시점의 합"))
def test_lstm_backward_forget_gate(impl, rng):
    _lstm_seq_gate_check(impl, rng, "f")


@check("lstm_backward", *_gate_title("i", ", summed over all steps", ", 모든 시점의 합"))
def test_lstm_backward_input_gate(impl, rng):
    _lstm_seq_gate_check(impl, rng, "i")


@check("lstm_backward", *_gate_title("o", ", summed over all steps", ", 모든 시점의 합"))
def test_lstm_backward_output_gate(impl, rng):
    _lstm_seq_gate_check(impl, rng, "o")


@check("lstm_backward", *_gate_title("g", ", summed over all steps", ", 모든 시점의 합"))
def test_lstm_backward_candidate(impl, rng):
    _lstm_seq_gate_check(impl, rng, "g")


@check("lstm_backward", "grads has exactly the 12 LSTM keys, shaped like the weights (no points on its own)",
       "grads의 키는 정확히 LSTM의 12개이고 가중치와 같은 shape (단독 배점 없음)", weight=0)
def test_lstm_backward_keys(impl, rng):
    *rest, p = _lstm_seq_inputs(rng)
    _, _, _, grads = _lstm_backward_result(impl, (*rest, dict(p, W_hy=rng.normal(size=(H, 2)))))
    check_keys(grads, p, LSTM_KEYS)


# --------------------------------------------------------------------------- clip_grad_norm
def _grad_dict(rng, scale=1.0):
    return {"W_xh": rng.normal(0, scale, (D, H)), "W_hh": rng.normal(0, scale, (H, H)),
            "b_h": rng.normal(0, scale, H)}


def _global_norm(grads):
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))


def clip_variants(grads, max_norm):
    """(Diagnosis, clipped dict, total_norm) of the classic wrong clippers."""
    norm = _global_norm(grads)
    out = []

    def scaled(factor):
        return {k: g * factor for k, g in grads.items()}
    out.append((CLIP_PER_ARRAY, {k: g * min(1.0, max_norm / (np.linalg.norm(g) + 1e-6)) for k, g in grads.items()},
                norm))
    out.append((CLIP_NO_EPS, scaled(min(1.0, max_norm / norm)), norm))
    out.append((CLIP_ALWAYS, scaled(max_norm / (norm + 1e-6)), norm))
    for wrong in (sum(np.linalg.norm(g) for g in grads.values()), norm ** 2,
                  max(np.max(np.abs(g)) for g in grads.values())):
        out.append((CLIP_WRONG_NORM, scaled(min(1.0, max_norm / (wrong + 1e-6))), wrong))
    return out


def clip_result(value):
    clipped, total = unpack(value, 2, "clip_grad_norm(...)")
    if not isinstance(clipped, dict):
        fail(f"clip_grad_norm returns (clipped, total_norm) with clipped a dict like grads; got {type(clipped).__name__}.",
             f"clip_grad_norm은 (clipped, total_norm)을 반환하고 clipped는 grads 같은 dict입니다. "
             f"{type(clipped).__name__}을(를) 받았습니다.")
    return clipped, total


def compare_clipped(clipped, want, variants, rtol=1e-6, atol=1e-6):
    """Every array of the clipped dict against the reference, naming the key that differs."""
    for key, w in want.items():
        label = f"clipped[{key!r}]"
        if key not in clipped:
            fail(f"The clipped dict has no key {key!r}: it has the same keys as grads.",
                 f"clipped dict에 키 {key!r}가 없습니다: grads와 같은 키를 가져야 합니다.")
        arr = as_array(clipped[key], label)
        if arr.shape == np.shape(w) and not mismatch(arr, w, rtol, atol).any():
            continue
        for diagnosis, alt, _ in variants:
            if matches(arr, alt[key], rtol, atol):
                raise diagnosis.failed(Text(f"{label} differs from grads × min(1, max_norm / (total_norm + 1e-6)).",
                                            f"{label}이(가) grads × min(1, max_norm / (total_norm + 1e-6))과 다릅니다."))
        expect_close(arr, w, label, rtol, atol)


@check("clip_grad_norm", "above max_norm: every array × max_norm / (total_norm + 1e-6), one global norm",
       "max_norm 초과: 모든 배열 × max_norm / (total_norm + 1e-6), 전역 norm 하나", weight=2)
def test_clip_grad_norm_clips(impl, rng):
    grads = _grad_dict(rng)
    grads["b_h"] = grads["b_h"] * 6.0            # arrays of very different norms: per-array clipping shows
    max_norm = _global_norm(grads) * rng.uniform(0.2, 0.6)
    clipped, _ = clip_result(impl.clip_grad_norm(grads, max_norm))
    compare_clipped(clipped, ref.clip_grad_norm(grads, max_norm)[0], clip_variants(grads, max_norm))
    expect_unchanged((grads,), impl.inputs_after, ("grads",))


@check("clip_grad_norm", "only shrinks: unchanged below max_norm, clipped above it",
       "줄이기만 함: max_norm 미만이면 그대로, 초과면 clip")
def test_clip_grad_norm_only_shrinks(impl, rng):
    grads = _grad_dict(rng)
    norm = _global_norm(grads)
    for max_norm in (norm * rng.uniform(1.5, 3.0), norm * rng.uniform(0.3, 0.7)):
        clipped, _ = clip_result(impl.clip_grad_norm(grads, max_norm))
        compare_clipped(clipped, ref.clip_grad_norm(grads, max_norm)[0], clip_variants(grads, max_norm))
    expect_unchanged((grads,), impl.inputs_after, ("grads",))


@check("clip_grad_norm", "total_norm is the global L2 norm before clipping, one number",
       "total_norm은 clipping 이전의 전역 L2 norm, 숫자 하나")
def test_clip_grad_norm_total(impl, rng):
    grads = _grad_dict(rng)
    max_norm = _global_norm(grads) * rng.uniform(0.2, 0.6)
    clipped, total = clip_result(impl.clip_grad_norm(grads, max_norm))
    total = as_array(total, "total_norm")
    if total.shape != ():
        fail(f"total_norm should be a single number (a Python float); got an array of shape {total.shape}.",
             f"total_norm은 숫자 하나(Python float)여야 하는데 shape {total.shape}인 배열입니다.")
    want = ref.clip_grad_norm(grads, max_norm)[1]
    if not matches(total, want):
        if matches(total, max_norm * want / (want + 1e-6)):
            raise CLIP_CLIPPED_NORM.failed()
        for diagnosis, _, wrong in clip_variants(grads, max_norm):
            if diagnosis is CLIP_WRONG_NORM and matches(total, wrong):
                raise diagnosis.failed()
        fail("total_norm differs from the global L2 norm of the gradients before clipping.",
             "total_norm이 clipping 이전 gradient의 전역 L2 norm과 다릅니다.")


@check("clip_grad_norm", "tiny gradients: the factor is max_norm / (total_norm + 1e-6), as clip_grad_norm_",
       "아주 작은 gradient: 인자는 clip_grad_norm_처럼 max_norm / (total_norm + 1e-6)")
def test_clip_grad_norm_epsilon(impl, rng):
    grads = _grad_dict(rng, scale=1e-6)
    max_norm = _global_norm(grads) * rng.uniform(0.2, 0.6)
    clipped, _ = clip_result(impl.clip_grad_norm(grads, max_norm))
    # relative comparison: at this scale the absolute tolerance of the other checks would hide the 1e-6
    compare_clipped(clipped, ref.clip_grad_norm(grads, max_norm)[0], clip_variants(grads, max_norm),
                    rtol=1e-9, atol=0.0)
