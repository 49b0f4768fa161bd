"""Hidden checks of the recurrent assignment (SPEC "Recurrent" table).

Each test is one check of one function, run against ``impl`` (the code under test) and
compared with ``ref`` (``solutions/recurrent.py``) on fresh random inputs drawn from ``rng``:
all sizes distinct (N ≠ D ≠ H), batch > 1, nonzero biases and states (CHECKS.md). When the
output is wrong in a recognisable way, the check names the mistake (a diagnosis).

No points for answers that ignore the input: a special case (a saturated gate, a shut reset
gate) holds only in some units or rows, the others are ordinary, and the whole output is compared
with the reference, so an answer that is right only in the special case (one that ignores x_t or
h_{t-1}, or returns h_{t-1}) fails. Checks that a constant could pass (ranges, σ's symmetry) have
weight 0. A failing comparison says where: which item of a returned tuple (f_t, i_t, o_t), and for
sequences the first time step that differs and whether step 0 was right.
"""
import numpy as np

from seqlab.grading.checklib import (CheckFailed, Diagnosis, by_sign, check, expect_close, expect_items,
                                     expect_shape, expect_unchanged, fail, in_time, matches, span, unpack)
from seqlab.i18n import Text
from solutions import recurrent as ref

N, D, H, T = 3, 4, 5, 6      # batch, input size, hidden size, time steps: all different
ROW_UNIT = (("row", "행"), ("unit", "유닛"))   # the axes of an (N, H) state, named in messages


# --------------------------------------------------------------------------- inputs
def lstm_params(rng, d=D, h=H, gates="fiog", scale=0.6):
    p = {}
    for g in gates:
        p[f"W_x{g}"] = rng.normal(0, scale, (d, h))
        p[f"W_h{g}"] = rng.normal(0, scale, (h, h))
        p[f"b_{g}"] = rng.normal(0, 0.5, h)
    return p


def gru_params(rng, d=D, h=H):
    return lstm_params(rng, d, h, gates="rzg")


def state(rng, n=N, h=H):
    return rng.normal(0, 0.8, (n, h))


def no_bias(params):
    return {k: (np.zeros_like(v) if k.startswith("b_") else v) for k, v in params.items()}


def some(rng, n):
    """A random, sorted set of indices of range(n), neither empty nor all of them: a special case
    (a saturated gate) sits beside ordinary entries, so only the right formula gets both."""
    return np.sort(rng.choice(n, size=int(rng.integers(1, n)), replace=False))


sigmoid = ref.sigmoid


# --------------------------------------------------------------------------- diagnoses
SIGMOID_SIGN = Diagnosis(
    "sigmoid_sign",
    "This is σ(−x): the sign in the exponent is flipped. σ(x) = 1 / (1 + e^(−x)), so σ(2) > 0.5.",
    "σ(−x)를 계산했습니다: 지수의 부호가 반대입니다. σ(x) = 1 / (1 + e^(−x))이므로 σ(2) > 0.5입니다.")
SIGMOID_OVERFLOW = Diagnosis(
    "sigmoid_overflow",
    "np.exp overflows for large |x| (e.g. x = −1000 gives e^1000). Use the stable form: "
    "for x < 0 compute e^x / (1 + e^x).",
    "|x|가 클 때 np.exp가 overflow됩니다 (예: x = −1000이면 e^1000). 안정적인 형태를 쓰세요: "
    "x < 0이면 e^x / (1 + e^x).")
GATE_ORDER = Diagnosis(
    "lstm_gate_order",
    "Your gates are in the wrong order or use another gate's weights. Return (f_t, i_t, o_t) and "
    "use W_xf/W_hf/b_f for f_t, W_xi/W_hi/b_i for i_t, W_xo/W_ho/b_o for o_t "
    "(PyTorch stacks i, f, g, o; the lecture names each gate).",
    "게이트 순서가 틀렸거나 다른 게이트의 가중치를 썼습니다. (f_t, i_t, o_t)를 반환하고 f_t에는 W_xf/W_hf/b_f, "
    "i_t에는 W_xi/W_hi/b_i, o_t에는 W_xo/W_ho/b_o를 쓰세요 (PyTorch는 i, f, g, o 순서로 쌓습니다).")
MISSING_BIAS = Diagnosis(
    "missing_bias",
    "The result matches the formula without the bias term b. Add + b inside the activation.",
    "편향 b를 뺀 수식의 결과와 같습니다. 활성화 함수 안에 + b를 더하세요.")
MISSING_RECURRENT = Diagnosis(
    "missing_recurrent_term",
    "The result ignores h_{t-1}: the term h_{t-1} W_h* is missing. Without it the network has no memory.",
    "h_{t-1}을 무시했습니다: h_{t-1} W_h* 항이 빠졌습니다. 이 항이 없으면 네트워크에 기억이 없습니다.")
GATE_TANH = Diagnosis(
    "gate_activation_tanh",
    "Gates use σ (sigmoid), not tanh: a gate is a valve between 0 (closed) and 1 (open).",
    "게이트는 tanh가 아니라 σ(sigmoid)를 씁니다: 게이트는 0(닫힘)과 1(열림) 사이의 밸브입니다.")
CANDIDATE_SIGMOID = Diagnosis(
    "candidate_activation_sigmoid",
    "The candidate uses tanh, not σ: C̃_t (and h̃_t) are new content in (−1, 1), not a gate.",
    "후보 값은 σ가 아니라 tanh를 씁니다: C̃_t(와 h̃_t)는 게이트가 아니라 (−1, 1) 범위의 새 정보입니다.")
CELL_SWAPPED = Diagnosis(
    "lstm_cell_swapped",
    "f_t and i_t swapped roles: the forget gate scales the old memory (f_t ⊙ C_{t-1}) and the input "
    "gate scales the candidate (i_t ⊙ C̃_t).",
    "f_t와 i_t의 역할이 바뀌었습니다: forget gate는 이전 기억에 곱하고(f_t ⊙ C_{t-1}), input gate는 후보에 "
    "곱합니다(i_t ⊙ C̃_t).")
HIDDEN_NO_TANH = Diagnosis(
    "lstm_hidden_no_tanh",
    "h_t = o_t ⊙ tanh(C_t): you used C_t without the tanh.",
    "h_t = o_t ⊙ tanh(C_t)입니다: tanh 없이 C_t를 그대로 썼습니다.")
HIDDEN_TANH_OUTSIDE = Diagnosis(
    "lstm_hidden_tanh_outside",
    "The tanh goes on C_t only: h_t = o_t ⊙ tanh(C_t), not tanh(o_t ⊙ C_t).",
    "tanh는 C_t에만 적용합니다: h_t = o_t ⊙ tanh(C_t)이지 tanh(o_t ⊙ C_t)가 아닙니다.")
STEP_ORDER = Diagnosis(
    "lstm_step_return_order",
    "You returned (c_t, h_t); lstm_step returns (h_t, c_t).",
    "(c_t, h_t)를 반환했습니다. lstm_step은 (h_t, c_t)를 반환합니다.")
IGNORES_INITIAL = Diagnosis(
    "forward_ignores_initial_state",
    "The sequence starts from zeros instead of the given initial state (h0, c0): use them at t = 0.",
    "주어진 초기 상태(h0, c0) 대신 0에서 시작했습니다: t = 0에서 초기 상태를 쓰세요.")
TIME_MAJOR = Diagnosis(
    "time_major_output",
    "hs is time-major (T, N, H); the course is batch-first: hs has shape (N, T, H) "
    "(stack along axis=1).",
    "hs가 (T, N, H) 순서입니다. 이 과정은 batch-first입니다: hs의 shape은 (N, T, H)입니다 (axis=1로 쌓으세요).")
WRONG_FINAL = Diagnosis(
    "forward_wrong_final_state",
    "The hidden states are right but the returned final state is not the state after the last step t = T.",
    "은닉 상태들은 맞지만 반환한 마지막 상태가 마지막 시점 t = T 이후의 상태가 아닙니다.")
GRU_GATE_ORDER = Diagnosis(
    "gru_gate_order",
    "r_t and z_t are swapped: return (r_t, z_t), with W_xr/W_hr/b_r for the reset gate.",
    "r_t와 z_t가 바뀌었습니다: (r_t, z_t)를 반환하고 reset gate에는 W_xr/W_hr/b_r을 쓰세요.")
RESET_AFTER = Diagnosis(
    "gru_reset_after_matmul",
    "You applied the reset gate after the matmul, r_t ⊙ (h_{t-1} W_hg) (PyTorch's nn.GRUCell placement). "
    "The lecture resets first: (r_t ⊙ h_{t-1}) W_hg.",
    "reset gate를 행렬곱 뒤에 적용했습니다: r_t ⊙ (h_{t-1} W_hg) (PyTorch nn.GRUCell 방식). "
    "강의는 먼저 reset합니다: (r_t ⊙ h_{t-1}) W_hg.")
RESET_IGNORED = Diagnosis(
    "gru_reset_ignored",
    "The candidate ignores the reset gate: use (r_t ⊙ h_{t-1}) W_hg, not h_{t-1} W_hg.",
    "후보 은닉 상태가 reset gate를 무시합니다: h_{t-1} W_hg 대신 (r_t ⊙ h_{t-1}) W_hg를 쓰세요.")
PYTORCH_UPDATE = Diagnosis(
    "gru_pytorch_update",
    "You used the PyTorch GRU convention z·h_{t-1} + (1−z)·h̃_t; the lecture's update is "
    "h_t = (1−z_t)·h_{t-1} + z_t·h̃_t ((1−z) plays forget, z plays input).",
    "PyTorch GRU 방식 z·h_{t-1} + (1−z)·h̃_t를 썼습니다. 강의의 업데이트는 "
    "h_t = (1−z_t)·h_{t-1} + z_t·h̃_t입니다 ((1−z)가 forget, z가 input 역할).")


def diagnose_gates(got, want_by_name, variants):
    """Name the mistake when gate outputs match another gate or a wrong variant of the formula."""
    for name, arr in zip(want_by_name, got):
        for other, want in want_by_name.items():
            if other != name and matches(arr, want):
                raise GATE_ORDER.failed()
    for diag, outs in variants:
        if all(matches(a, w) for a, w in zip(got, outs)):
            raise diag.failed()


# --------------------------------------------------------------------------- sigmoid
@check("sigmoid", "matches σ(x) on random inputs", "무작위 입력에서 σ(x)와 일치")
def test_sigmoid_values(impl, rng):
    x = rng.normal(0, 4, (N, H))
    got = impl.sigmoid(x)

    def diagnose(arr):
        if matches(arr, ref.sigmoid(-x)):
            raise SIGMOID_SIGN.failed()
    expect_close(got, ref.sigmoid(x), "sigmoid(x)", diagnose=diagnose, where=by_sign(x))
    expect_unchanged((x,), impl.inputs_after, ("x",))


@check("sigmoid", "stable for large |x| (no overflow, no NaN)", "|x|가 커도 안정적 (overflow, NaN 없음)")
def test_sigmoid_stable(impl, rng):
    x = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]]) * rng.uniform(0.9, 1.1)
    got = impl.sigmoid(x)
    overflow = [w for w in impl.warnings if "overflow" in w]
    arr = expect_shape(got, x.shape, "sigmoid(x)")
    if overflow or not np.all(np.isfinite(arr)):
        raise SIGMOID_OVERFLOW.failed()
    expect_close(arr, ref.sigmoid(x), "sigmoid(x)", where=by_sign(x))


@check("sigmoid", "σ(−x) = 1 − σ(x) and σ(0) = 0.5 (no points on its own: a constant 0.5 has them)",
       "σ(−x) = 1 − σ(x), σ(0) = 0.5 (단독 배점 없음: 상수 0.5도 만족)", weight=0)
def test_sigmoid_symmetry(impl, rng):
    x = np.concatenate([[0.0], rng.normal(0, 3, 7)])
    s = expect_shape(impl.sigmoid(x), x.shape, "sigmoid(x)")
    s_neg = expect_shape(impl.sigmoid(-x), x.shape, "sigmoid(-x)")
    if not np.isclose(s[0], 0.5):
        fail("σ(0) should be 0.5.", "σ(0)은 0.5여야 합니다.")
    if not np.allclose(s + s_neg, 1.0, atol=1e-9):
        fail("σ(x) + σ(−x) should be 1 for every x.", "모든 x에 대해 σ(x) + σ(−x) = 1이어야 합니다.")


# --------------------------------------------------------------------------- LSTM
def _lstm_gate_variants(x, h, p):
    """Outputs of the classic wrong versions of the three gates, with the mistake's name."""
    pre = {g: ref._affine(x, h, p, g) for g in "fio"}
    pre_nb = {g: ref._affine(x, h, no_bias(p), g) for g in "fio"}
    pre_nh = {g: x @ p[f"W_x{g}"] + p[f"b_{g}"] for g in "fio"}
    return [(MISSING_BIAS, [sigmoid(pre_nb[g]) for g in "fio"]),
            (MISSING_RECURRENT, [sigmoid(pre_nh[g]) for g in "fio"]),
            (GATE_TANH, [np.tanh(pre[g]) for g in "fio"])]


@check("lstm_gates", "f_t, i_t, o_t match the lecture on random inputs",
       "무작위 입력에서 f_t, i_t, o_t가 강의 수식과 일치", weight=2)
def test_lstm_gates_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), lstm_params(rng)
    _check_lstm_gates(impl.lstm_gates(x, h, p), x, h, p)
    expect_unchanged((x, h, p), impl.inputs_after, ("x_t", "h_prev", "params"))


def _check_lstm_gates(got, x, h, p):
    """(f_t, i_t, o_t) against the lecture, naming the gate that differs and known mistakes."""
    want = ref.lstm_gates(x, h, p)
    names = ("f_t", "i_t", "o_t")

    def diagnose(arrs):
        diagnose_gates(arrs, dict(zip(names, want)), _lstm_gate_variants(x, h, p))
    return expect_items(got, want, names, "lstm_gates(...)", diagnose=diagnose, axes=ROW_UNIT)


@check("lstm_gates", "shapes (N, H) and values in (0, 1) (no points on its own: constants have them)",
       "shape (N, H), 값은 (0, 1) 범위 (단독 배점 없음: 상수도 만족)", weight=0)
def test_lstm_gates_shape_range(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), lstm_params(rng, scale=2.0)
    got = unpack(impl.lstm_gates(x, h, p), 3, "lstm_gates(...)")
    for name, g in zip(("f_t", "i_t", "o_t"), got):
        arr = expect_shape(g, (N, H), name)
        if not np.all((arr >= 0) & (arr <= 1)):
            raise GATE_TANH.failed(Text(f"{name} has values outside [0, 1].", f"{name}에 [0, 1] 밖의 값이 있습니다."))


@check("lstm_gates", "saturated biases open/close the right gate (in some units; the others as the lecture)",
       "포화된 편향이 올바른 게이트를 열고 닫음 (일부 유닛; 나머지는 강의 수식대로)")
def test_lstm_gates_saturated(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), lstm_params(rng, scale=0.5)
    sat = some(rng, H)
    p["b_f"][sat], p["b_i"][sat] = rng.uniform(35, 45, len(sat)), -rng.uniform(35, 45, len(sat))
    got = unpack(impl.lstm_gates(x, h, p), 3, "lstm_gates(...)")
    f, i, _ = (expect_shape(g, (N, H), name) for g, name in zip(got, ("f_t", "i_t", "o_t")))
    if not (np.allclose(f[:, sat], 1, atol=1e-6) and np.allclose(i[:, sat], 0, atol=1e-6)):
        raise GATE_ORDER.failed(Text(f"In the units with b_f ≈ +40 and b_i ≈ −40 (units {span(sat)}), f_t should be "
                                     "≈ 1 and i_t ≈ 0.",
                                     f"b_f ≈ +40, b_i ≈ −40인 유닛({span(sat)})에서는 f_t ≈ 1, i_t ≈ 0이어야 합니다."))
    _check_lstm_gates(got, x, h, p)


@check("lstm_candidate", "g_t = C̃_t matches the lecture on random inputs",
       "무작위 입력에서 g_t = C̃_t가 강의 수식과 일치", weight=2)
def test_lstm_candidate_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), lstm_params(rng, gates="g")
    _check_candidate(impl.lstm_candidate(x, h, p), x, h, p)
    expect_unchanged((x, h, p), impl.inputs_after, ("x_t", "h_prev", "params"))


def _check_candidate(got, x, h, p):
    def diagnose(arr):
        if matches(arr, sigmoid(ref._affine(x, h, p, "g"))):
            raise CANDIDATE_SIGMOID.failed()
        if matches(arr, np.tanh(ref._affine(x, h, no_bias(p), "g"))):
            raise MISSING_BIAS.failed()
        if matches(arr, np.tanh(x @ p["W_xg"] + p["b_g"])):
            raise MISSING_RECURRENT.failed()
    return expect_close(got, ref.lstm_candidate(x, h, p), "g_t", diagnose=diagnose, axes=ROW_UNIT)


@check("lstm_candidate", "strong weights: values in (−1, 1) of both signs, as the lecture's tanh",
       "강한 가중치: 값은 (−1, 1)에서 양수와 음수, 강의의 tanh대로")
def test_lstm_candidate_range(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), lstm_params(rng, gates="g", scale=2.0)
    arr = expect_shape(impl.lstm_candidate(x, h, p), (N, H), "g_t")
    if np.all(arr >= 0):
        raise CANDIDATE_SIGMOID.failed()
    if not np.all(np.abs(arr) <= 1):
        fail("g_t has values outside [−1, 1]; tanh keeps them inside.", "g_t에 [−1, 1] 밖의 값이 있습니다.")
    _check_candidate(arr, x, h, p)


def _cell_inputs(rng):
    c = state(rng)
    f, i = sigmoid(rng.normal(size=(N, H))), sigmoid(rng.normal(size=(N, H)))
    g = np.tanh(rng.normal(size=(N, H)))
    return c, f, i, g


@check("lstm_cell_update", "C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t on random inputs",
       "무작위 입력에서 C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t", weight=2)
def test_lstm_cell_update_values(impl, rng):
    c, f, i, g = _cell_inputs(rng)
    _check_cell(impl.lstm_cell_update(c, f, i, g), c, f, i, g)


@check("lstm_cell_update", "forget open, input shut keeps the memory: C_t = C_{t-1} (in some rows; the others as the lecture)",
       "forget 열림, input 닫힘이면 기억 유지: C_t = C_{t-1} (일부 행; 나머지는 강의 수식대로)")
def test_lstm_cell_update_keeps_memory(impl, rng):
    c, f, i, g = _cell_inputs(rng)
    keep = some(rng, N)
    f[keep], i[keep] = 1.0, 0.0
    arr = expect_shape(impl.lstm_cell_update(c, f, i, g), (N, H), "c_t")
    if matches(arr[keep], g[keep]):
        raise CELL_SWAPPED.failed()
    if not matches(arr[keep], c[keep]):
        fail(f"In the rows where f_t = 1 and i_t = 0 (rows {span(keep)}) the cell state should stay C_{{t-1}}.",
             f"f_t = 1, i_t = 0인 행({span(keep)})에서는 셀 상태가 C_{{t-1}} 그대로여야 합니다.")
    _check_cell(arr, c, f, i, g)


def _check_cell(got, c, f, i, g):
    def diagnose(arr):
        if matches(arr, f * g + i * c):
            raise CELL_SWAPPED.failed()
    return expect_close(got, ref.lstm_cell_update(c, f, i, g), "c_t", diagnose=diagnose, axes=ROW_UNIT)


@check("lstm_cell_update", "does not modify its inputs (and returns C_t)", "입력을 바꾸지 않음 (그리고 C_t를 반환)")
def test_lstm_cell_update_no_mutation(impl, rng):
    args = _cell_inputs(rng)
    got = impl.lstm_cell_update(*args)
    expect_unchanged(args, impl.inputs_after, ("c_prev", "f_t", "i_t", "g_t"))
    _check_cell(got, *args)


@check("lstm_hidden", "h_t = o_t ⊙ tanh(C_t) on random inputs", "무작위 입력에서 h_t = o_t ⊙ tanh(C_t)", weight=2)
def test_lstm_hidden_values(impl, rng):
    o, c = sigmoid(rng.normal(size=(N, H))), rng.normal(0, 1.5, (N, H))
    got = impl.lstm_hidden(o, c)

    def diagnose(arr):
        if matches(arr, o * c):
            raise HIDDEN_NO_TANH.failed()
        if matches(arr, np.tanh(o * c)):
            raise HIDDEN_TANH_OUTSIDE.failed()
    expect_close(got, ref.lstm_hidden(o, c), "h_t", diagnose=diagnose, axes=ROW_UNIT)
    expect_unchanged((o, c), impl.inputs_after, ("o_t", "c_t"))


@check("lstm_hidden", "an open output gate passes tanh(C_t), a shut one gives 0",
       "열린 output gate는 tanh(C_t)를, 닫힌 gate는 0을 출력")
def test_lstm_hidden_open_shut(impl, rng):
    c = rng.normal(0, 1.5, (N, H))
    opened = expect_shape(impl.lstm_hidden(np.ones((N, H)), c), (N, H), "h_t")
    shut = expect_shape(impl.lstm_hidden(np.zeros((N, H)), c), (N, H), "h_t")
    if matches(opened, c):
        raise HIDDEN_NO_TANH.failed()
    if not (matches(opened, np.tanh(c)) and matches(shut, np.zeros((N, H)))):
        fail("With o_t = 1, h_t should be tanh(C_t); with o_t = 0, h_t should be 0.",
             "o_t = 1이면 h_t = tanh(C_t), o_t = 0이면 h_t = 0이어야 합니다.")


@check("lstm_step", "(h_t, c_t) match the lecture on random inputs",
       "무작위 입력에서 (h_t, c_t)가 강의 수식과 일치", weight=2)
def test_lstm_step_values(impl, rng):
    x, h, c, p = rng.normal(size=(N, D)), state(rng), state(rng), lstm_params(rng)
    _check_lstm_step(impl.lstm_step(x, h, c, p), x, h, c, p)
    expect_unchanged((x, h, c, p), impl.inputs_after, ("x_t", "h_prev", "c_prev", "params"))


def _check_lstm_step(got, x, h, c, p):
    want = ref.lstm_step(x, h, c, p)
    got = unpack(got, 2, "lstm_step(...)")

    def diagnose(arrs):
        if matches(arrs[0], want[1]) and matches(arrs[1], want[0]):
            raise STEP_ORDER.failed()
    return expect_items(got, want, ("h_t", "c_t"), "lstm_step(...)", diagnose=diagnose, axes=ROW_UNIT)


@check("lstm_step", "forget open and input shut: the memory passes through unchanged (in some units; the others as the lecture)",
       "forget 열림, input 닫힘: 기억이 그대로 전달됨 (일부 유닛; 나머지는 강의 수식대로)")
def test_lstm_step_memory_passes(impl, rng):
    x, h, c, p = rng.normal(size=(N, D)), state(rng), state(rng), lstm_params(rng, scale=0.5)
    sat = some(rng, H)
    p["b_f"][sat], p["b_i"][sat] = 40.0, -40.0
    got = unpack(impl.lstm_step(x, h, c, p), 2, "lstm_step(...)")
    h_t, c_t = expect_shape(got[0], (N, H), "h_t"), expect_shape(got[1], (N, H), "c_t")
    if not matches(c_t[:, sat], c[:, sat]):
        if matches(h_t[:, sat], c[:, sat]):
            raise STEP_ORDER.failed()
        fail(f"In the units whose forget gate is saturated open and input gate shut (units {span(sat)}), c_t should "
             "equal c_prev.",
             f"forget gate가 완전히 열리고 input gate가 닫힌 유닛({span(sat)})에서는 c_t가 c_prev와 같아야 합니다.")
    _check_lstm_step(got, x, h, c, p)


def _forward_inputs(rng, t=T):
    return rng.normal(size=(N, t, D)), state(rng), state(rng)


def _check_sequence(got_hs, want_hs, hs_from_zero, what="hs"):
    arr = np.asarray(got_hs, dtype=float) if got_hs is not None else None
    if arr is not None and arr.shape == want_hs.transpose(1, 0, 2).shape != want_hs.shape:
        raise TIME_MAJOR.failed()

    def diagnose(a):
        if matches(a, hs_from_zero):
            raise IGNORES_INITIAL.failed()
    expect_close(got_hs, want_hs, what, diagnose=diagnose, where=in_time(axis=1))


def _check_final(got, wants, names):
    """The returned final state(s), each against the state after the last step (which one differs)."""
    try:
        if len(names) == 1:
            expect_close(got, wants[0], names[0], axes=ROW_UNIT)
        else:
            expect_items(unpack(got, len(names), f"({', '.join(names)})"), wants, names, f"({', '.join(names)})",
                         axes=ROW_UNIT)
    except CheckFailed as failed:
        raise WRONG_FINAL.failed(failed.text) from None


@check("lstm_forward", "hs and (h_T, c_T) match the lecture on a random sequence",
       "무작위 시퀀스에서 hs와 (h_T, c_T)가 강의 수식과 일치", weight=2)
def test_lstm_forward_values(impl, rng):
    x, h0, c0 = _forward_inputs(rng)
    p = lstm_params(rng)
    got = unpack(impl.lstm_forward(x, h0, c0, p), 2, "lstm_forward(...)")
    hs_want, (h_want, c_want) = ref.lstm_forward(x, h0, c0, p)
    zero = np.zeros_like(h0)
    _check_sequence(got[0], hs_want, ref.lstm_forward(x, zero, zero, p)[0])
    _check_final(got[1], (h_want, c_want), ("h_T", "c_T"))
    expect_unchanged((x, h0, c0, p), impl.inputs_after, ("x", "h0", "c0", "params"))


@check("lstm_forward", "a sequence of length 1 is one lstm_step", "길이 1인 시퀀스는 lstm_step 한 번과 같음")
def test_lstm_forward_length_one(impl, rng):
    x, h0, c0 = _forward_inputs(rng, t=1)
    p = lstm_params(rng)
    got = unpack(impl.lstm_forward(x, h0, c0, p), 2, "lstm_forward(...)")
    h1, c1 = ref.lstm_step(x[:, 0], h0, c0, p)
    _check_sequence(got[0], h1[:, None, :], ref.lstm_forward(x, 0 * h0, 0 * c0, p)[0])
    expect_items(got[1], (h1, c1), ("h_T", "c_T"), "(h_T, c_T)")


# --------------------------------------------------------------------------- GRU
@check("gru_gates", "r_t, z_t match the lecture on random inputs", "무작위 입력에서 r_t, z_t가 강의 수식과 일치", weight=2)
def test_gru_gates_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    _check_gru_gates(impl.gru_gates(x, h, p), x, h, p)
    expect_unchanged((x, h, p), impl.inputs_after, ("x_t", "h_prev", "params"))


def _check_gru_gates(got, x, h, p):
    want = ref.gru_gates(x, h, p)

    def diagnose(got):
        if matches(got[0], want[1]) and matches(got[1], want[0]):
            raise GRU_GATE_ORDER.failed()
        if all(matches(a, sigmoid(ref._affine(x, h, no_bias(p), g))) for a, g in zip(got, "rz")):
            raise MISSING_BIAS.failed()
        if all(matches(a, sigmoid(x @ p[f"W_x{g}"] + p[f"b_{g}"])) for a, g in zip(got, "rz")):
            raise MISSING_RECURRENT.failed()
        if all(matches(a, np.tanh(ref._affine(x, h, p, g))) for a, g in zip(got, "rz")):
            raise GATE_TANH.failed()
    return expect_items(got, want, ("r_t", "z_t"), "gru_gates(...)", diagnose=diagnose, axes=ROW_UNIT)


@check("gru_gates", "saturated biases: r_t ≈ 1, z_t ≈ 0 in some units, the others as the lecture",
       "포화된 편향: 일부 유닛에서 r_t ≈ 1, z_t ≈ 0, 나머지는 강의 수식대로")
def test_gru_gates_range(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    # saturate with random magnitudes (the self-check uses fixed ±30): r → 1, z → 0
    sat = some(rng, H)
    p["b_r"][sat], p["b_z"][sat] = rng.uniform(35, 45, len(sat)), -rng.uniform(35, 45, len(sat))
    got = unpack(impl.gru_gates(x, h, p), 2, "gru_gates(...)")
    r, z = expect_shape(got[0], (N, H), "r_t"), expect_shape(got[1], (N, H), "z_t")
    r, z = r[:, sat], z[:, sat]
    if np.allclose(r, 0, atol=1e-6) and np.allclose(z, 1, atol=1e-6):
        raise GRU_GATE_ORDER.failed()
    if not (np.allclose(r, 1, atol=1e-6) and np.allclose(z, 0, atol=1e-6)):
        fail(f"In the units with b_r ≈ +40 and b_z ≈ −40 (units {span(sat)}), r_t should be ≈ 1 and z_t ≈ 0 "
             "(gates are σ of their inputs).",
             f"b_r ≈ +40, b_z ≈ −40인 유닛({span(sat)})에서는 r_t ≈ 1, z_t ≈ 0이어야 합니다 (게이트는 σ입니다).")
    _check_gru_gates(got, x, h, p)


@check("gru_candidate", "h̃_t matches the lecture on random inputs (reset before the matmul)",
       "무작위 입력에서 h̃_t가 강의 수식과 일치 (행렬곱 전에 reset)", weight=2)
def test_gru_candidate_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    r = sigmoid(rng.normal(size=(N, H)))
    _check_gru_candidate(impl.gru_candidate(x, h, r, p), x, h, r, p)
    expect_unchanged((x, h, r, p), impl.inputs_after, ("x_t", "h_prev", "r_t", "params"))


def _check_gru_candidate(got, x, h, r, p):
    def diagnose(arr):
        if matches(arr, np.tanh(x @ p["W_xg"] + r * (h @ p["W_hg"]) + p["b_g"])):
            raise RESET_AFTER.failed()
        if matches(arr, np.tanh(x @ p["W_xg"] + h @ p["W_hg"] + p["b_g"])):
            raise RESET_IGNORED.failed()
        if matches(arr, sigmoid(x @ p["W_xg"] + (r * h) @ p["W_hg"] + p["b_g"])):
            raise CANDIDATE_SIGMOID.failed()
        if matches(arr, np.tanh(x @ p["W_xg"] + (r * h) @ p["W_hg"])):
            raise MISSING_BIAS.failed()
    return expect_close(got, ref.gru_candidate(x, h, r, p), "h_tilde", diagnose=diagnose, axes=ROW_UNIT)


@check("gru_candidate", "a shut reset gate (r = 0) forgets h_{t-1}: W_hg has no effect (in some rows; the others as the lecture)",
       "reset gate가 닫히면 (r = 0) h_{t-1}을 잊음: W_hg가 영향 없음 (일부 행; 나머지는 강의 수식대로)")
def test_gru_candidate_reset_shut(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    r = sigmoid(rng.normal(size=(N, H)))
    shut = some(rng, N)
    r[shut] = 0.0
    a = expect_shape(impl.gru_candidate(x, h, r, p), (N, H), "h_tilde")
    p2 = dict(p, W_hg=rng.normal(size=(H, H)))
    b = expect_shape(impl.gru_candidate(x, h, r, p2), (N, H), "h_tilde")
    if not matches(a[shut], b[shut]):
        raise RESET_IGNORED.failed(Text(f"In the rows where r_t = 0 (rows {span(shut)}), changing W_hg changed h̃_t.",
                                        f"r_t = 0인 행({span(shut)})에서 W_hg를 바꾸자 h̃_t가 바뀌었습니다."))
    _check_gru_candidate(a, x, h, r, p)


@check("gru_update", "h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t on random inputs",
       "무작위 입력에서 h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t", weight=2)
def test_gru_update_values(impl, rng):
    h, ht, z = state(rng), np.tanh(rng.normal(size=(N, H))), sigmoid(rng.normal(size=(N, H)))
    got = impl.gru_update(h, ht, z)

    def diagnose(arr):
        if matches(arr, z * h + (1 - z) * ht):
            raise PYTORCH_UPDATE.failed()
    expect_close(got, ref.gru_update(h, ht, z), "h_t", diagnose=diagnose, axes=ROW_UNIT)
    expect_unchanged((h, ht, z), impl.inputs_after, ("h_prev", "h_tilde", "z_t"))


@check("gru_update", "z_t = 0 keeps h_{t-1}; z_t = 1 takes h̃_t", "z_t = 0이면 h_{t-1} 유지, z_t = 1이면 h̃_t")
def test_gru_update_saturated(impl, rng):
    h, ht = state(rng), np.tanh(rng.normal(size=(N, H)))
    keep = expect_shape(impl.gru_update(h, ht, np.zeros((N, H))), (N, H), "h_t")
    take = expect_shape(impl.gru_update(h, ht, np.ones((N, H))), (N, H), "h_t")
    if matches(keep, ht) and matches(take, h):
        raise PYTORCH_UPDATE.failed()
    if not (matches(keep, h) and matches(take, ht)):
        fail("With z_t = 0 the lecture keeps h_{t-1}; with z_t = 1 it takes h̃_t.",
             "강의 수식에서 z_t = 0이면 h_{t-1}을 유지하고, z_t = 1이면 h̃_t를 씁니다.")


@check("gru_step", "h_t matches the lecture on random inputs", "무작위 입력에서 h_t가 강의 수식과 일치", weight=2)
def test_gru_step_values(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    _check_gru_step(impl.gru_step(x, h, p), x, h, p)
    expect_unchanged((x, h, p), impl.inputs_after, ("x_t", "h_prev", "params"))


def _gru_step_diagnose(x, h, p):
    def diagnose(arr):
        r, z = ref.gru_gates(x, h, p)
        ht = ref.gru_candidate(x, h, r, p)
        if matches(arr, z * h + (1 - z) * ht):
            raise PYTORCH_UPDATE.failed()
        if matches(arr, ref.gru_update(h, np.tanh(x @ p["W_xg"] + r * (h @ p["W_hg"]) + p["b_g"]), z)):
            raise RESET_AFTER.failed()
    return diagnose


def _check_gru_step(got, x, h, p):
    return expect_close(got, ref.gru_step(x, h, p), "h_t", diagnose=_gru_step_diagnose(x, h, p), axes=ROW_UNIT)


@check("gru_step", "update gate shut (z = 0): the state passes through (in some units; the others as the lecture)",
       "update gate가 닫히면 (z = 0) 상태가 그대로 전달됨 (일부 유닛; 나머지는 강의 수식대로)")
def test_gru_step_update_shut(impl, rng):
    x, h, p = rng.normal(size=(N, D)), state(rng), gru_params(rng)
    shut = some(rng, H)
    p["b_z"][shut] = -40.0
    arr = expect_shape(impl.gru_step(x, h, p), (N, H), "h_t")
    if not matches(arr[:, shut], h[:, shut]):
        _gru_step_diagnose(x, h, p)(arr)
        fail(f"In the units whose update gate is saturated shut (z_t ≈ 0: units {span(shut)}), the lecture's GRU "
             "keeps h_t = h_{t-1}.",
             f"update gate가 닫힌 유닛(z_t ≈ 0: {span(shut)})에서 강의의 GRU는 h_t = h_{{t-1}}을 유지합니다.")
    _check_gru_step(arr, x, h, p)


@check("gru_forward", "hs and h_T match the lecture on a random sequence",
       "무작위 시퀀스에서 hs와 h_T가 강의 수식과 일치", weight=2)
def test_gru_forward_values(impl, rng):
    x, h0, _ = _forward_inputs(rng)
    p = gru_params(rng)
    got = unpack(impl.gru_forward(x, h0, p), 2, "gru_forward(...)")
    hs_want, h_want = ref.gru_forward(x, h0, p)
    _check_sequence(got[0], hs_want, ref.gru_forward(x, np.zeros_like(h0), p)[0])
    _check_final(got[1], (h_want,), ("h_T",))
    expect_unchanged((x, h0, p), impl.inputs_after, ("x", "h0", "params"))


@check("gru_forward", "a sequence of length 1 is one gru_step", "길이 1인 시퀀스는 gru_step 한 번과 같음")
def test_gru_forward_length_one(impl, rng):
    x, h0, _ = _forward_inputs(rng, t=1)
    p = gru_params(rng)
    got = unpack(impl.gru_forward(x, h0, p), 2, "gru_forward(...)")
    h1 = ref.gru_step(x[:, 0], h0, p)
    _check_sequence(got[0], h1[:, None, :], ref.gru_forward(x, 0 * h0, p)[0])
    expect_close(got[1], h1, "h_T", axes=ROW_UNIT)
