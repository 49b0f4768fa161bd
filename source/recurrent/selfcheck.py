"""Self-checks of the recurrent assignment: what ``check(lstm_gates)`` runs in the notebook.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off and
what the lecture's formula implies, in the release language. This file is released to
students: it holds shapes, properties and worked examples small enough to verify by hand
(σ(ln 3) = 3/4, σ(ln 9) = 9/10, tanh(ln 2) = 3/5, tanh(ln 3) = 4/5, gates saturated by a bias
of ±30), never reference outputs on random data and never solution code.

Language: every message is a Text shown in the core's language, which the setup cell sets
with ``use_language("ko")``.
"""
import warnings

import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import check, check_all, close, expect, grade, say, items, selfcheck, shape, use_language


# Sizes of the examples: all different, so a transposed weight or a wrong axis shows up.
N, D, H, T = 2, 3, 4, 5
LN2, LN3 = np.log(2.0), np.log(3.0)
# tanh of these is (0, 3/5, −3/5, 4/5): tanh(ln a) = (a − 1/a) / (a + 1/a).
TANH_IN = np.array([0.0, LN2, -LN2, LN3])
TANH_OUT = np.array([0.0, 0.6, -0.6, 0.8])
_core.student_functions("sigmoid", "lstm_gates", "lstm_candidate", "lstm_cell_update", "lstm_hidden",
                        "lstm_step", "lstm_forward", "gru_gates", "gru_candidate", "gru_update",
                        "gru_step", "gru_forward")


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_call = _core.call
_sibling = _core.sibling
_near = _core.near
_fail = _core.fail


def _params(gates, scale=0.0, d=D, h=H, seed=0):
    """Weights W_x* (d, h), W_h* (h, h), biases b_* (h,) of ``gates``: zeros, or random if scale > 0."""
    rng = np.random.default_rng(seed)
    p = {}
    for g in gates:
        for key, size in ((f"W_x{g}", (d, h)), (f"W_h{g}", (h, h)), (f"b_{g}", (h,))):
            p[key] = rng.normal(0.0, scale, size) if scale else np.zeros(size)
    return p


def _inputs(seed, t=None):
    """A fixed x (N, D) or sequence (N, T, D), and nonzero states (N, H)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, D) if t is None else (N, t, D))
    return x, rng.normal(0, 0.8, (N, H)), rng.normal(0, 0.8, (N, H))


def _tuple(value, names, what, size=(N, H)):
    """A returned tuple, each item checked for shape ``size``."""
    got = items(value, len(names), what)
    return [shape(v, size, name) for v, name in zip(got, names)]


def _hs(value, t, what="hs"):
    """The hidden states of a forward pass, batch-first (N, T, H)."""
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    if arr is not None and arr.shape == (t, N, H):
        _fail(f"{what} has shape {arr.shape}, i.e. (T, N, H). The course is batch-first: stack the "
              f"hidden states along the time axis 1, so that hs has shape (N, T, H) = {(N, t, H)}.",
              f"{what}의 shape이 {arr.shape}, 즉 (T, N, H)입니다. 이 과정은 batch-first입니다: 은닉 상태를 "
              f"시간 축(axis 1)을 따라 쌓아 hs의 shape이 (N, T, H) = {(N, t, H)}이 되게 하세요.")
    return shape(value, (N, t, H), what)


_unchanged = _core.unchanged


# --------------------------------------------------------------------------- sigmoid
@selfcheck("sigmoid")
def sigmoid_worked_example(sigmoid):
    x = np.array([[0.0, LN3, -LN3], [-LN3, 0.0, LN3]])
    want = np.array([[0.5, 0.75, 0.25], [0.25, 0.5, 0.75]])
    got = shape(_call(sigmoid, x), x.shape, "sigmoid(x)")
    expect(not _near(got, 1 - want),
           "sigmoid(x) gives σ(−x): the sign in the exponent is flipped. σ(x) = 1 / (1 + e^(−x)), "
           "so σ(ln 3) = 1 / (1 + 1/3) = 0.75, above 0.5.",
           "sigmoid(x)가 σ(−x)를 계산합니다: 지수의 부호가 반대입니다. σ(x) = 1 / (1 + e^(−x))이므로 "
           "σ(ln 3) = 1 / (1 + 1/3) = 0.75로 0.5보다 커야 합니다.")
    close(got, want, "sigmoid(x)",
          "By hand: σ(0) = 1/2, σ(ln 3) = 1 / (1 + 1/3) = 3/4, σ(−ln 3) = 1/4.",
          "손으로 계산하면: σ(0) = 1/2, σ(ln 3) = 1 / (1 + 1/3) = 3/4, σ(−ln 3) = 1/4입니다.")


@selfcheck("sigmoid")
def sigmoid_properties(sigmoid):
    x = np.linspace(-8.0, 8.0, 17)
    s = shape(_call(sigmoid, x), x.shape, "sigmoid(x)")
    expect(np.all((s > 0) & (s < 1)),
           "σ(x) must lie strictly between 0 and 1 (a gate is a valve from shut to open); "
           "for x in [−8, 8] some of your values do not.",
           "σ(x)는 0과 1 사이에 있어야 합니다 (게이트는 닫힘과 열림 사이의 밸브입니다). "
           "x ∈ [−8, 8]에서 이 범위를 벗어난 값이 있습니다.")
    expect(np.all(np.diff(s) > 0), "σ(x) must grow as x grows; yours does not on [−8, 8].",
           "σ(x)는 x가 커질수록 커져야 하는데, [−8, 8]에서 그렇지 않습니다.")
    s_neg = shape(_call(sigmoid, -x), x.shape, "sigmoid(-x)")
    expect(np.allclose(s + s_neg, 1.0, atol=1e-9),
           "σ(−x) should equal 1 − σ(x) for every x (the curve is symmetric about σ(0) = 1/2); yours is not.",
           "모든 x에서 σ(−x) = 1 − σ(x)여야 합니다 (곡선은 σ(0) = 1/2을 중심으로 대칭입니다). 그렇지 않은 값이 있습니다.")


@selfcheck("sigmoid")
def sigmoid_no_overflow(sigmoid):
    x = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", invalid="warn", divide="warn"):
        warnings.simplefilter("always")
        got = _call(sigmoid, x)
    trouble = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if trouble:
        _fail(f"sigmoid warned \"{trouble[0]}\" for x = [−1000, −30, 0, 30, 1000]: e^1000 does not fit in a "
              "float. Compute σ so that exp only ever sees arguments ≤ 0 (for x < 0, σ(x) = e^x / (1 + e^x)). "
              "np.where evaluates both of its branches on every element, so each branch must be safe for all x.",
              f"x = [−1000, −30, 0, 30, 1000]에서 sigmoid가 경고 \"{trouble[0]}\"를 냈습니다: e^1000은 float로 "
              "나타낼 수 없습니다. exp에 0 이하의 값만 들어가도록 σ를 계산하세요 (x < 0이면 σ(x) = e^x / (1 + e^x)). "
              "np.where는 모든 원소에서 두 분기를 다 계산하므로, 각 분기가 모든 x에서 안전해야 합니다.")
    arr = shape(got, x.shape, "sigmoid(x)")
    expect(np.all(np.isfinite(arr)), "sigmoid(x) contains NaN or inf for x = ±1000; σ stays between 0 and 1.",
           "x = ±1000에서 sigmoid(x)에 NaN 또는 inf가 있습니다. σ는 항상 0과 1 사이입니다.")
    close(arr, [0.0, 0.0, 0.5, 1.0, 1.0], "sigmoid(x)",
          "For x = −1000 σ is 0 and for x = +1000 it is 1, to float precision.",
          "x = −1000이면 σ는 (float 정밀도에서) 0, x = +1000이면 1입니다.")


# --------------------------------------------------------------------------- LSTM
@selfcheck("lstm_gates")
def lstm_gates_shapes_and_range(lstm_gates):
    x, h, _ = _inputs(1)
    p = _params("fio", scale=1.0, seed=1)
    gates = _tuple(_call(lstm_gates, x, h, p), ("f_t", "i_t", "o_t"), "lstm_gates(...)")
    for name, g in zip(("f_t", "i_t", "o_t"), gates):
        expect(np.all((g > 0) & (g < 1)),
               f"{name} has values outside (0, 1). Every gate is a sigmoid σ(·), a valve between 0 (shut) "
               "and 1 (open); negative values suggest tanh.",
               f"{name}에 (0, 1) 밖의 값이 있습니다. 모든 게이트는 σ(·)로 만든 0(닫힘)과 1(열림) 사이의 "
               "밸브입니다. 음수가 있다면 tanh를 쓴 것입니다.")
    _unchanged(lstm_gates, (x, h, p), ("x_t", "h_prev", "params"))


@selfcheck("lstm_gates")
def lstm_gates_saturated_biases(lstm_gates):
    x, h, _ = _inputs(2)
    p = _params("fio")
    p["b_f"], p["b_i"] = np.full(H, 30.0), np.full(H, -30.0)      # b_o stays 0
    f, i, o = _tuple(_call(lstm_gates, x, h, p), ("f_t", "i_t", "o_t"), "lstm_gates(...)")
    yours = f"f_t = {f[0, 0]:.2f}, i_t = {i[0, 0]:.2f}, o_t = {o[0, 0]:.2f}"
    if _near(f, 0.5) and _near(i, 0.5) and _near(o, 0.5):
        _fail(f"All weights are 0 and b_f = +30, b_i = −30, b_o = 0, but your gates are all 0.5 ({yours}): "
              "the biases are missing. Each gate is σ(x_t W_x* + h_{t−1} W_h* + b_*).",
              f"가중치가 모두 0이고 b_f = +30, b_i = −30, b_o = 0인데 게이트가 모두 0.5입니다 ({yours}): "
              "편향이 빠졌습니다. 각 게이트는 σ(x_t W_x* + h_{t−1} W_h* + b_*)입니다.")
    expect(_near(f, 1.0) and _near(i, 0.0) and _near(o, 0.5),
           f"All weights are 0 and b_f = +30, b_i = −30, b_o = 0, so f_t = σ(30) ≈ 1, i_t = σ(−30) ≈ 0 and "
           f"o_t = σ(0) = 0.5. Yours: {yours}. Check that each gate uses its own bias (b_f for f_t, b_i for "
           "i_t, b_o for o_t) and that you return them in the order (f_t, i_t, o_t).",
           f"가중치가 모두 0이고 b_f = +30, b_i = −30, b_o = 0이므로 f_t = σ(30) ≈ 1, i_t = σ(−30) ≈ 0, "
           f"o_t = σ(0) = 0.5여야 합니다. 결과: {yours}. 각 게이트가 자기 편향(f_t는 b_f, i_t는 b_i, o_t는 b_o)을 "
           "쓰는지, (f_t, i_t, o_t) 순서로 반환하는지 확인하세요.")


@selfcheck("lstm_gates")
def lstm_gates_input_and_recurrent_terms(lstm_gates):
    x, h = np.ones((N, D)), np.ones((N, H))
    p = _params("fio")
    p["W_xf"] = np.full((D, H), LN3 / D)                     # x_t W_xf = ln 3
    p["W_hi"] = -LN3 * np.eye(H)                             # h_{t-1} W_hi = −ln 3
    p["W_xo"], p["W_ho"] = np.full((D, H), LN3 / D), LN3 * np.eye(H)   # both terms: 2 ln 3 = ln 9
    f, i, o = _tuple(_call(lstm_gates, x, h, p), ("f_t", "i_t", "o_t"), "lstm_gates(...)")
    expect(_near(f, 0.75),
           f"f_t should be σ(ln 3) = 0.75 here (yours: {f[0, 0]:.3f}): x_t = 1 and every entry of W_xf is "
           "ln 3 / D, so x_t W_xf = ln 3, and every other term is 0. Does f_t include x_t W_xf, with the forget "
           "gate's own weights?",
           f"여기서 f_t는 σ(ln 3) = 0.75여야 합니다 (결과: {f[0, 0]:.3f}). x_t = 1이고 W_xf의 모든 원소가 "
           "ln 3 / D이므로 x_t W_xf = ln 3이며, 나머지 항은 모두 0입니다. f_t에 forget gate 자신의 가중치로 "
           "x_t W_xf 항을 넣었나요?")
    expect(_near(i, 0.25),
           f"i_t should be σ(−ln 3) = 0.25 here (yours: {i[0, 0]:.3f}): h_{{t−1}} = 1 and W_hi = −ln 3 · I, so "
           "h_{t−1} W_hi = −ln 3. Does i_t include the recurrent term h_{t−1} W_hi, with the input gate's own "
           "weights? Without it the gate cannot look at the past.",
           f"여기서 i_t는 σ(−ln 3) = 0.25여야 합니다 (결과: {i[0, 0]:.3f}). h_{{t−1}} = 1이고 W_hi = −ln 3 · I이므로 "
           "h_{t−1} W_hi = −ln 3입니다. i_t에 input gate 자신의 가중치로 순환 항 h_{t−1} W_hi를 넣었나요? "
           "이 항이 없으면 게이트가 과거를 볼 수 없습니다.")
    expect(_near(o, 0.9),
           f"o_t should be σ(ln 3 + ln 3) = σ(ln 9) = 1 / (1 + 1/9) = 0.9 here (yours: {o[0, 0]:.3f}): "
           "x_t W_xo = ln 3 and h_{t−1} W_ho = ln 3 add up inside the σ.",
           f"여기서 o_t는 σ(ln 3 + ln 3) = σ(ln 9) = 1 / (1 + 1/9) = 0.9여야 합니다 (결과: {o[0, 0]:.3f}). "
           "x_t W_xo = ln 3과 h_{t−1} W_ho = ln 3이 σ 안에서 더해집니다.")


@selfcheck("lstm_candidate")
def lstm_candidate_shape_and_range(lstm_candidate):
    x, h, _ = _inputs(3)
    p = _params("g", scale=2.0, seed=3)
    g = shape(_call(lstm_candidate, x, h, p), (N, H), "g_t")
    expect(np.all(np.abs(g) <= 1), "g_t has values outside [−1, 1]; the candidate is a tanh, which stays inside.",
           "g_t에 [−1, 1] 밖의 값이 있습니다. 후보 셀 상태는 tanh이므로 그 안에 있어야 합니다.")
    expect(np.any(g < 0),
           "g_t has no negative values although the inputs are mixed: the candidate uses tanh (range (−1, 1)), "
           "not σ. It is new content that can push the memory down as well as up, not a gate.",
           "입력에 음수와 양수가 섞여 있는데 g_t에 음수가 없습니다: 후보 셀 상태는 σ가 아니라 tanh(범위 (−1, 1))를 "
           "씁니다. 게이트가 아니라, 기억을 올리거나 내릴 수 있는 새 정보입니다.")
    _unchanged(lstm_candidate, (x, h, p), ("x_t", "h_prev", "params"))


@selfcheck("lstm_candidate")
def lstm_candidate_bias_only(lstm_candidate):
    x, h, _ = _inputs(4)
    p = _params("g")
    p["b_g"] = TANH_IN.copy()
    g = shape(_call(lstm_candidate, x, h, p), (N, H), "g_t")
    if _near(g, np.tile(1 / (1 + np.exp(-TANH_IN)), (N, 1))):
        _fail("With zero weights g_t should be tanh(b_g) = [0, 0.6, −0.6, 0.8], but yours is σ(b_g): the "
              "candidate uses tanh, not σ.",
              "가중치가 0이면 g_t = tanh(b_g) = [0, 0.6, −0.6, 0.8]이어야 하는데, σ(b_g)가 나왔습니다: "
              "후보 셀 상태는 σ가 아니라 tanh를 씁니다.")
    close(g, np.tile(TANH_OUT, (N, 1)), "g_t",
          "With all weights 0, g_t = tanh(b_g) in every row; for b_g = [0, ln 2, −ln 2, ln 3] that is "
          "[0, 0.6, −0.6, 0.8] (tanh(ln a) = (a − 1/a) / (a + 1/a)).",
          "가중치가 모두 0이면 모든 행에서 g_t = tanh(b_g)입니다. b_g = [0, ln 2, −ln 2, ln 3]이면 "
          "[0, 0.6, −0.6, 0.8]입니다 (tanh(ln a) = (a − 1/a) / (a + 1/a)).")


@selfcheck("lstm_candidate")
def lstm_candidate_input_and_recurrent_terms(lstm_candidate):
    x, h = np.ones((N, D)), np.ones((N, H))
    p = _params("g")
    p["W_xg"] = np.full((D, H), LN3 / D)
    close(_call(lstm_candidate, x, h, p), np.full((N, H), 0.8), "g_t",
          "Only W_xg is nonzero (every entry ln 3 / D) and x_t = 1, so x_t W_xg = ln 3 and g_t = tanh(ln 3) = 0.8.",
          "W_xg만 0이 아니고 (모든 원소 ln 3 / D) x_t = 1이므로 x_t W_xg = ln 3, g_t = tanh(ln 3) = 0.8입니다.")
    p = _params("g")
    p["W_hg"] = LN3 * np.eye(H)
    close(_call(lstm_candidate, x, h, p), np.full((N, H), 0.8), "g_t",
          "Only W_hg = ln 3 · I is nonzero and h_{t−1} = 1, so h_{t−1} W_hg = ln 3 and g_t = tanh(ln 3) = 0.8. "
          "Is the recurrent term h_{t−1} W_hg in your sum?",
          "W_hg = ln 3 · I만 0이 아니고 h_{t−1} = 1이므로 h_{t−1} W_hg = ln 3, g_t = tanh(ln 3) = 0.8입니다. "
          "순환 항 h_{t−1} W_hg를 더했나요?")


# A worked example of C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t, entry by entry (first: 0.5·2 + 1·0.4 = 1.4).
CELL_EXAMPLE = (np.array([[2.0, -1.0, 4.0], [0.0, 1.0, -2.0]]),     # c_prev
                np.array([[0.5, 1.0, 0.25], [1.0, 0.0, 0.5]]),      # f_t
                np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5]]),       # i_t
                np.array([[0.4, 0.6, -0.8], [0.8, -0.6, 0.2]]))     # g_t
CELL_RESULT = np.array([[1.4, -0.7, 1.0], [0.4, -0.6, -0.9]])
SWAPPED = ("f_t and i_t swapped roles: the forget gate controls the past (f_t ⊙ C_{t−1}), the input gate controls "
           "the present (i_t ⊙ C̃_t).",
           "f_t와 i_t의 역할이 바뀌었습니다: forget gate는 과거를 조절하고(f_t ⊙ C_{t−1}), input gate는 현재를 "
           "조절합니다(i_t ⊙ C̃_t).")


@selfcheck("lstm_cell_update")
def lstm_cell_update_worked_example(lstm_cell_update):
    c, f, i, g = CELL_EXAMPLE
    got = shape(_call(lstm_cell_update, c, f, i, g), c.shape, "c_t")
    if _near(got, f * g + i * c):
        _fail(SWAPPED[0], SWAPPED[1])
    close(got, CELL_RESULT, "c_t",
          "C_t = f_t ⊙ C_{t−1} + i_t ⊙ C̃_t elementwise; e.g. the first entry is 0.5·2 + 1·0.4 = 1.4 and the "
          "second −1·1 + 0.5·0.6 = −0.7 (expected [[1.4, −0.7, 1.0], [0.4, −0.6, −0.9]]).",
          "C_t = f_t ⊙ C_{t−1} + i_t ⊙ C̃_t는 요소별 연산입니다. 예를 들어 첫 원소는 0.5·2 + 1·0.4 = 1.4, "
          "두 번째는 −1·1 + 0.5·0.6 = −0.7입니다 (기대값 [[1.4, −0.7, 1.0], [0.4, −0.6, −0.9]]).")


@selfcheck("lstm_cell_update")
def lstm_cell_update_keep_and_write(lstm_cell_update):
    c, _, _, g = CELL_EXAMPLE
    one, zero = np.ones_like(c), np.zeros_like(c)
    kept = shape(_call(lstm_cell_update, c, one, zero, g), c.shape, "c_t")
    if _near(kept, g):
        _fail("With f_t = 1 and i_t = 0 you returned the candidate C̃_t. " + SWAPPED[0],
              "f_t = 1, i_t = 0인데 후보 C̃_t가 나왔습니다. " + SWAPPED[1])
    close(kept, c, "c_t",
          "With the forget gate open (f_t = 1) and the input gate shut (i_t = 0) the memory passes unchanged: C_t = C_{t−1}.",
          "forget gate가 열리고(f_t = 1) input gate가 닫히면(i_t = 0) 기억이 그대로 전달됩니다: C_t = C_{t−1}.")
    written = shape(_call(lstm_cell_update, c, zero, one, g), c.shape, "c_t")
    close(written, g, "c_t",
          "With f_t = 0 (erase the past) and i_t = 1 (write everything) the memory becomes the candidate: C_t = C̃_t.",
          "f_t = 0(과거 지우기), i_t = 1(모두 쓰기)이면 기억은 후보 값이 됩니다: C_t = C̃_t.")


@selfcheck("lstm_cell_update")
def lstm_cell_update_leaves_inputs_alone(lstm_cell_update):
    _unchanged(lstm_cell_update, [a.copy() for a in CELL_EXAMPLE], ("c_prev", "f_t", "i_t", "g_t"))


@selfcheck("lstm_hidden")
def lstm_hidden_open_and_shut(lstm_hidden):
    c = np.array([[0.0, LN2, -LN3], [LN3, -LN2, 0.0]])
    opened = shape(_call(lstm_hidden, np.ones_like(c), c), c.shape, "h_t")
    if _near(opened, c):
        _fail("With o_t = 1 you returned C_t itself: the tanh is missing. h_t = o_t ⊙ tanh(C_t).",
              "o_t = 1일 때 C_t가 그대로 나왔습니다: tanh가 빠졌습니다. h_t = o_t ⊙ tanh(C_t)입니다.")
    close(opened, [[0.0, 0.6, -0.8], [0.8, -0.6, 0.0]], "h_t",
          "With the output gate open (o_t = 1), h_t = tanh(C_t); for C_t = [0, ln 2, −ln 3] that is [0, 0.6, −0.8].",
          "output gate가 열려 있으면(o_t = 1) h_t = tanh(C_t)입니다. C_t = [0, ln 2, −ln 3]이면 [0, 0.6, −0.8]입니다.")
    shut = shape(_call(lstm_hidden, np.zeros_like(c), c), c.shape, "h_t")
    close(shut, np.zeros_like(c), "h_t",
          "With the output gate shut (o_t = 0) nothing of the memory is shown: h_t = 0.",
          "output gate가 닫혀 있으면(o_t = 0) 기억이 전혀 드러나지 않습니다: h_t = 0.")


@selfcheck("lstm_hidden")
def lstm_hidden_tanh_on_the_cell(lstm_hidden):
    o, c = np.full((N, H), 0.5), np.full((N, H), LN3)
    got = shape(_call(lstm_hidden, o, c), (N, H), "h_t")
    if _near(got, 0.5):
        _fail("With o_t = 0.5 and C_t = ln 3 you got tanh(o_t ⊙ C_t) = tanh(ln √3) = 0.5. The tanh goes on C_t "
              "only: h_t = o_t ⊙ tanh(C_t) = 0.5 · 0.8 = 0.4.",
              "o_t = 0.5, C_t = ln 3에서 tanh(o_t ⊙ C_t) = tanh(ln √3) = 0.5가 나왔습니다. tanh는 C_t에만 "
              "적용합니다: h_t = o_t ⊙ tanh(C_t) = 0.5 · 0.8 = 0.4.")
    close(got, np.full((N, H), 0.4), "h_t",
          "With o_t = 0.5 and C_t = ln 3: h_t = o_t ⊙ tanh(C_t) = 0.5 · 0.8 = 0.4.",
          "o_t = 0.5, C_t = ln 3이면 h_t = o_t ⊙ tanh(C_t) = 0.5 · 0.8 = 0.4입니다.")


@selfcheck("lstm_step")
def lstm_step_shapes(lstm_step):
    x, h, c = _inputs(5)
    p = _params("fiog", scale=0.6, seed=5)
    _tuple(_call(lstm_step, x, h, c, p), ("h_t", "c_t"), "lstm_step(...)")
    _unchanged(lstm_step, (x, h, c, p), ("x_t", "h_prev", "c_prev", "params"))


@selfcheck("lstm_step")
def lstm_step_keeps_the_memory(lstm_step):
    x, h, _ = _inputs(6)
    c = np.stack([TANH_IN, -TANH_IN[::-1]])                   # tanh(c) is [0, .6, −.6, .8], [−.8, .6, −.6, 0]
    p = _params("fiog")
    p["b_f"], p["b_i"], p["b_g"] = np.full(H, 30.0), np.full(H, -30.0), np.full(H, 0.5)
    h_t, c_t = _tuple(_call(lstm_step, x, h, c, p), ("h_t", "c_t"), "lstm_step(...)")
    if _near(h_t, c) and not _near(c_t, c):
        _fail("Your first output is the cell state: lstm_step returns (h_t, c_t), in this order.",
              "첫 번째 반환값이 셀 상태입니다: lstm_step은 (h_t, c_t)를 이 순서로 반환합니다.")
    close(c_t, c, "c_t",
          "All weights are 0, b_f = +30 (forget gate open) and b_i = −30 (input gate shut), so the memory passes "
          "through unchanged: c_t = c_prev. Does lstm_step pass c_prev (not h_prev) to the cell update?",
          "가중치가 모두 0이고 b_f = +30(forget gate 열림), b_i = −30(input gate 닫힘)이므로 기억이 그대로 "
          "전달되어 c_t = c_prev여야 합니다. 셀 상태 업데이트에 h_prev가 아니라 c_prev를 넘겼나요?")
    close(h_t, 0.5 * np.tanh(c), "h_t",
          "Here o_t = σ(0) = 0.5 and c_t = c_prev, so h_t = 0.5 · tanh(c_t): [0, 0.3, −0.3, 0.4] in the first row.",
          "여기서 o_t = σ(0) = 0.5이고 c_t = c_prev이므로 h_t = 0.5 · tanh(c_t), 첫 행은 [0, 0.3, −0.3, 0.4]입니다.")


@selfcheck("lstm_step")
def lstm_step_writes_the_candidate(lstm_step):
    x, h, c = _inputs(7)
    p = _params("fiog")
    p["b_f"], p["b_i"], p["b_o"], p["b_g"] = np.full(H, -30.0), np.full(H, 30.0), np.full(H, 30.0), TANH_IN.copy()
    h_t, c_t = _tuple(_call(lstm_step, x, h, c, p), ("h_t", "c_t"), "lstm_step(...)")
    close(c_t, np.tile(TANH_OUT, (N, 1)), "c_t",
          "Forget gate shut (b_f = −30), input gate open (b_i = +30), zero weights: the memory is replaced by the "
          "candidate, c_t = C̃_t = tanh(b_g) = [0, 0.6, −0.6, 0.8].",
          "forget gate 닫힘(b_f = −30), input gate 열림(b_i = +30), 가중치 0: 기억이 후보 값으로 바뀌어 "
          "c_t = C̃_t = tanh(b_g) = [0, 0.6, −0.6, 0.8]이어야 합니다.")
    close(h_t, np.tile(np.tanh(TANH_OUT), (N, 1)), "h_t",
          "The output gate is open (b_o = +30), so h_t = tanh(c_t) = tanh([0, 0.6, −0.6, 0.8]) ≈ [0, 0.537, −0.537, 0.664].",
          "output gate가 열려 있으므로(b_o = +30) h_t = tanh(c_t) = tanh([0, 0.6, −0.6, 0.8]) ≈ [0, 0.537, −0.537, 0.664]입니다.")


def _forward_result(value, t, state_names):
    """(hs, final) of a forward pass; final is a tuple for the LSTM, an array for the GRU."""
    hs, final = items(value, 2, "forward(...)")
    hs = _hs(hs, t)
    if len(state_names) == 1:
        return hs, [shape(final, (N, H), state_names[0])]
    return hs, _tuple(final, state_names, "(h_T, c_T)")


@selfcheck("lstm_forward")
def lstm_forward_shapes_and_last_state(lstm_forward):
    x, h0, c0 = _inputs(8, t=T)
    p = _params("fiog", scale=0.6, seed=8)
    hs, (h_T, c_T) = _forward_result(_call(lstm_forward, x, h0, c0, p), T, ("h_T", "c_T"))
    close(h_T, hs[:, -1], "h_T",
          "The returned h_T must be the hidden state after the last step, i.e. equal to hs[:, −1].",
          "반환한 h_T는 마지막 시점의 은닉 상태, 즉 hs[:, −1]과 같아야 합니다.")
    _unchanged(lstm_forward, (x, h0, c0, p), ("x", "h0", "c0", "params"))


@selfcheck("lstm_forward")
def lstm_forward_length_one_is_one_step(lstm_forward):
    x, h0, c0 = _inputs(9, t=1)
    p = _params("fiog", scale=0.6, seed=9)
    hs, (h_T, c_T) = _forward_result(_call(lstm_forward, x, h0, c0, p), 1, ("h_T", "c_T"))
    step = _sibling(lstm_forward, "lstm_step")
    h1, c1 = _tuple(_call(step, x[:, 0], h0, c0, p, checked="lstm_forward"), ("h_t", "c_t"), "lstm_step(...)")
    what = ("A sequence of length T = 1 is exactly one lstm_step(x[:, 0], h0, c0, params). Start from the given "
            "h0 and c0 (not from zeros).",
            "길이 T = 1인 시퀀스는 lstm_step(x[:, 0], h0, c0, params) 한 번과 정확히 같습니다. 0이 아니라 주어진 "
            "h0와 c0에서 시작하세요.")
    close(hs[:, 0], h1, "hs[:, 0]", *what)
    close(h_T, h1, "h_T", *what)
    close(c_T, c1, "c_T", *what)


@selfcheck("lstm_forward")
def lstm_forward_carries_the_memory(lstm_forward):
    x, h0, c0 = _inputs(10, t=T)
    p = _params("fiog", scale=0.6, seed=10)
    for key in ("W_xf", "W_hf", "W_xi", "W_hi"):
        p[key] = np.zeros_like(p[key])
    p["b_f"], p["b_i"] = np.full(H, 30.0), np.full(H, -30.0)
    _, (_, c_T) = _forward_result(_call(lstm_forward, x, h0, c0, p), T, ("h_T", "c_T"))
    close(c_T, c0, "c_T",
          f"With the forget gate open and the input gate shut at every step, the cell state rides the conveyor "
          f"unchanged through all T = {T} steps: c_T = c0. Do you feed each step's (h_t, c_t) into the next "
          "and return (hs, (h_T, c_T))? (Make sure the self-checks above pass first.)",
          f"모든 시점에서 forget gate가 열리고 input gate가 닫혀 있으면, 셀 상태는 T = {T}개 시점을 지나는 동안 "
          "컨베이어 벨트처럼 그대로 전달됩니다: c_T = c0. 각 시점의 (h_t, c_t)를 다음 시점에 넘기고 "
          "(hs, (h_T, c_T))를 반환하나요? (위의 자가 점검들이 먼저 통과하는지 확인하세요.)")


# --------------------------------------------------------------------------- GRU
@selfcheck("gru_gates")
def gru_gates_shapes_and_range(gru_gates):
    x, h, _ = _inputs(11)
    p = _params("rz", scale=1.0, seed=11)
    gates = _tuple(_call(gru_gates, x, h, p), ("r_t", "z_t"), "gru_gates(...)")
    for name, g in zip(("r_t", "z_t"), gates):
        expect(np.all((g > 0) & (g < 1)),
               f"{name} has values outside (0, 1). Both GRU gates are sigmoids σ(·), valves between 0 and 1.",
               f"{name}에 (0, 1) 밖의 값이 있습니다. GRU의 두 게이트는 모두 σ(·)로 만든 0과 1 사이의 밸브입니다.")
    _unchanged(gru_gates, (x, h, p), ("x_t", "h_prev", "params"))


@selfcheck("gru_gates")
def gru_gates_saturated_biases(gru_gates):
    x, h, _ = _inputs(12)
    p = _params("rz")
    p["b_r"], p["b_z"] = np.full(H, 30.0), np.full(H, -30.0)
    r, z = _tuple(_call(gru_gates, x, h, p), ("r_t", "z_t"), "gru_gates(...)")
    yours = f"r_t = {r[0, 0]:.2f}, z_t = {z[0, 0]:.2f}"
    expect(_near(r, 1.0) and _near(z, 0.0),
           f"All weights are 0, b_r = +30 and b_z = −30, so r_t = σ(30) ≈ 1 and z_t = σ(−30) ≈ 0. Yours: {yours}. "
           "Check that each gate uses its own bias (b_r, b_z) and that you return (r_t, z_t) in this order.",
           f"가중치가 모두 0이고 b_r = +30, b_z = −30이므로 r_t = σ(30) ≈ 1, z_t = σ(−30) ≈ 0이어야 합니다. "
           f"결과: {yours}. 각 게이트가 자기 편향(b_r, b_z)을 쓰는지, (r_t, z_t) 순서로 반환하는지 확인하세요.")


@selfcheck("gru_gates")
def gru_gates_input_and_recurrent_terms(gru_gates):
    x, h = np.ones((N, D)), np.ones((N, H))
    p = _params("rz")
    p["W_xr"] = np.full((D, H), LN3 / D)                     # x_t W_xr = ln 3
    p["W_hz"] = -LN3 * np.eye(H)                             # h_{t-1} W_hz = −ln 3
    r, z = _tuple(_call(gru_gates, x, h, p), ("r_t", "z_t"), "gru_gates(...)")
    expect(_near(r, 0.75),
           f"r_t should be σ(ln 3) = 0.75 here (yours: {r[0, 0]:.3f}): x_t = 1 and every entry of W_xr is ln 3 / D, "
           "so x_t W_xr = ln 3; all other terms are 0.",
           f"여기서 r_t는 σ(ln 3) = 0.75여야 합니다 (결과: {r[0, 0]:.3f}). x_t = 1이고 W_xr의 모든 원소가 ln 3 / D"
           "이므로 x_t W_xr = ln 3이며, 나머지 항은 모두 0입니다.")
    expect(_near(z, 0.25),
           f"z_t should be σ(−ln 3) = 0.25 here (yours: {z[0, 0]:.3f}): h_{{t−1}} = 1 and W_hz = −ln 3 · I, so "
           "h_{t−1} W_hz = −ln 3. Does z_t include the recurrent term h_{t−1} W_hz?",
           f"여기서 z_t는 σ(−ln 3) = 0.25여야 합니다 (결과: {z[0, 0]:.3f}). h_{{t−1}} = 1이고 W_hz = −ln 3 · I이므로 "
           "h_{t−1} W_hz = −ln 3입니다. z_t에 순환 항 h_{t−1} W_hz를 넣었나요?")


@selfcheck("gru_candidate")
def gru_candidate_shape_and_range(gru_candidate):
    x, h, _ = _inputs(13)
    r = np.random.default_rng(13).uniform(0, 1, (N, H))
    p = _params("g", scale=2.0, seed=13)
    g = shape(_call(gru_candidate, x, h, r, p), (N, H), "h_tilde")
    expect(np.all(np.abs(g) <= 1) and np.any(g < 0),
           "h_tilde should be a tanh, with values in (−1, 1) of both signs; yours is not. The candidate is new "
           "content, not a gate (so not σ).",
           "h_tilde는 tanh이므로 (−1, 1) 범위에서 양수와 음수가 모두 나와야 하는데 그렇지 않습니다. 후보 은닉 상태는 "
           "게이트가 아니라 새 정보입니다 (σ가 아님).")
    _unchanged(gru_candidate, (x, h, r, p), ("x_t", "h_prev", "r_t", "params"))


@selfcheck("gru_candidate")
def gru_candidate_reset_before_the_matmul(gru_candidate):
    # Two hidden units. W_hg swaps them (scaled by ln 3); r_t keeps unit 1 in row 1 and unit 2 in row 2.
    x = np.ones((N, D))
    h = np.ones((N, 2))
    r = np.array([[1.0, 0.0], [0.0, 1.0]])
    p = {"W_xg": np.zeros((D, 2)), "W_hg": LN3 * np.array([[0.0, 1.0], [1.0, 0.0]]), "b_g": np.zeros(2)}
    got = shape(_call(gru_candidate, x, h, r, p), (N, 2), "h_tilde")
    want = np.array([[0.0, 0.8], [0.8, 0.0]])
    if _near(got, want[:, ::-1]):
        _fail("You applied the reset gate after the matrix product, r_t ⊙ (h_{t−1} W_hg): that is PyTorch's "
              "nn.GRUCell placement. The lecture resets first: (r_t ⊙ h_{t−1}) W_hg. In this example h_{t−1} = 1, "
              "r_t = [1, 0] keeps only unit 1, and W_hg = ln 3 · [[0, 1], [1, 0]] moves it to unit 2, so "
              "h̃_t = [tanh 0, tanh ln 3] = [0, 0.8] (second row: [0.8, 0]).",
              "reset gate를 행렬곱 뒤에 적용했습니다: r_t ⊙ (h_{t−1} W_hg)는 PyTorch nn.GRUCell 방식입니다. "
              "강의는 먼저 reset합니다: (r_t ⊙ h_{t−1}) W_hg. 이 예에서 h_{t−1} = 1, r_t = [1, 0]은 유닛 1만 남기고 "
              "W_hg = ln 3 · [[0, 1], [1, 0]]이 그것을 유닛 2로 옮기므로 h̃_t = [tanh 0, tanh ln 3] = [0, 0.8]"
              "입니다 (둘째 행은 [0.8, 0]).")
    if _near(got, np.full((N, 2), 0.8)):
        _fail("Your candidate ignores the reset gate: with r_t = [1, 0] only unit 1 of h_{t−1} may enter the "
              "matrix product. Use (r_t ⊙ h_{t−1}) W_hg, not h_{t−1} W_hg.",
              "후보 은닉 상태가 reset gate를 무시합니다: r_t = [1, 0]이면 h_{t−1}의 유닛 1만 행렬곱에 들어가야 "
              "합니다. h_{t−1} W_hg가 아니라 (r_t ⊙ h_{t−1}) W_hg를 쓰세요.")
    close(got, want, "h_tilde",
          "h_{t−1} = 1, r_t = [1, 0] keeps unit 1, W_hg = ln 3 · [[0, 1], [1, 0]] moves it to unit 2: "
          "(r_t ⊙ h_{t−1}) W_hg = [0, ln 3] and h̃_t = [0, 0.8] (second row, mirrored: [0.8, 0]).",
          "h_{t−1} = 1에서 r_t = [1, 0]은 유닛 1만 남기고, W_hg = ln 3 · [[0, 1], [1, 0]]은 그것을 유닛 2로 "
          "옮깁니다: (r_t ⊙ h_{t−1}) W_hg = [0, ln 3], h̃_t = [0, 0.8]입니다 (둘째 행은 반대로 [0.8, 0]).")


@selfcheck("gru_candidate")
def gru_candidate_reset_shut_forgets_the_past(gru_candidate):
    x, h, _ = _inputs(14)
    p = _params("g", scale=1.0, seed=14)
    p["W_xg"], p["b_g"] = np.zeros((D, H)), TANH_IN.copy()
    got = shape(_call(gru_candidate, x, h, np.zeros((N, H)), p), (N, H), "h_tilde")
    close(got, np.tile(TANH_OUT, (N, 1)), "h_tilde",
          "With the reset gate shut (r_t = 0) the past is wiped before the matmul: (r_t ⊙ h_{t−1}) W_hg = 0, so "
          "W_hg has no effect and h̃_t = tanh(x_t W_xg + b_g) = tanh(b_g) = [0, 0.6, −0.6, 0.8] here (W_xg = 0).",
          "reset gate가 닫히면(r_t = 0) 행렬곱 전에 과거가 지워집니다: (r_t ⊙ h_{t−1}) W_hg = 0이므로 W_hg는 "
          "영향이 없고, 여기서는(W_xg = 0) h̃_t = tanh(x_t W_xg + b_g) = tanh(b_g) = [0, 0.6, −0.6, 0.8]입니다.")


PYTORCH_UPDATE = (
    "This looks like PyTorch's nn.GRUCell convention, h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t. This course "
    "follows the lecture: h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t, where (1 − z_t) plays the forget gate and "
    "z_t the input gate, so z_t = 0 keeps h_{t−1} and z_t = 1 takes h̃_t.",
    "PyTorch nn.GRUCell 방식 h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t로 보입니다. 이 과정은 강의를 따릅니다: "
    "h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t이고, (1 − z_t)가 forget gate, z_t가 input gate 역할을 하므로 "
    "z_t = 0이면 h_{t−1}이 유지되고 z_t = 1이면 h̃_t가 됩니다.")

# A worked example of h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t (first entry: 0.75·4 + 0.25·0 = 3).
GRU_EXAMPLE = (np.array([[4.0, -2.0, 1.0], [0.0, 2.0, -1.0]]),      # h_prev
               np.array([[0.0, 2.0, 1.0], [1.0, -2.0, 3.0]]),       # h_tilde
               np.array([[0.25, 0.5, 1.0], [0.5, 0.0, 0.75]]))      # z_t
GRU_RESULT = np.array([[3.0, 0.0, 1.0], [0.5, 2.0, 2.0]])


@selfcheck("gru_update")
def gru_update_keep_and_replace(gru_update):
    h, h_tilde, _ = GRU_EXAMPLE
    kept = shape(_call(gru_update, h, h_tilde, np.zeros_like(h)), h.shape, "h_t")
    if _near(kept, h_tilde):
        _fail("With z_t = 0 you returned h̃_t. " + PYTORCH_UPDATE[0], "z_t = 0인데 h̃_t가 나왔습니다. " + PYTORCH_UPDATE[1])
    close(kept, h, "h_t",
          "With z_t = 0 the lecture's update keeps the old state: h_t = (1 − 0) ⊙ h_{t−1} + 0 ⊙ h̃_t = h_{t−1}.",
          "z_t = 0이면 강의의 업데이트는 이전 상태를 유지합니다: h_t = (1 − 0) ⊙ h_{t−1} + 0 ⊙ h̃_t = h_{t−1}.")
    replaced = shape(_call(gru_update, h, h_tilde, np.ones_like(h)), h.shape, "h_t")
    close(replaced, h_tilde, "h_t",
          "With z_t = 1 the state is replaced by the candidate: h_t = 0 ⊙ h_{t−1} + 1 ⊙ h̃_t = h̃_t.",
          "z_t = 1이면 상태가 후보로 바뀝니다: h_t = 0 ⊙ h_{t−1} + 1 ⊙ h̃_t = h̃_t.")


@selfcheck("gru_update")
def gru_update_worked_example(gru_update):
    h, h_tilde, z = GRU_EXAMPLE
    got = shape(_call(gru_update, h, h_tilde, z), h.shape, "h_t")
    if _near(got, z * h + (1 - z) * h_tilde):
        _fail(PYTORCH_UPDATE[0], PYTORCH_UPDATE[1])
    close(got, GRU_RESULT, "h_t",
          "h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t elementwise; e.g. the first entry is 0.75·4 + 0.25·0 = 3 "
          "(expected [[3, 0, 1], [0.5, 2, 2]]).",
          "h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t는 요소별 연산입니다. 예를 들어 첫 원소는 0.75·4 + 0.25·0 = 3"
          "입니다 (기대값 [[3, 0, 1], [0.5, 2, 2]]).")
    _unchanged(gru_update, [a.copy() for a in GRU_EXAMPLE], ("h_prev", "h_tilde", "z_t"))


def _gru_h(value, what="gru_step(...)"):
    if isinstance(value, (tuple, list)):
        _fail(f"{what} returned a {type(value).__name__}; a GRU step returns one array, h_t (there is no cell state).",
              f"{what}이(가) {type(value).__name__}을(를) 반환했습니다. GRU 한 시점은 배열 하나, h_t만 반환합니다 "
              "(셀 상태가 없습니다).")
    return shape(value, (N, H), "h_t")


@selfcheck("gru_step")
def gru_step_shape(gru_step):
    x, h, _ = _inputs(15)
    p = _params("rzg", scale=0.6, seed=15)
    _gru_h(_call(gru_step, x, h, p))
    _unchanged(gru_step, (x, h, p), ("x_t", "h_prev", "params"))


@selfcheck("gru_step")
def gru_step_update_shut_keeps_the_state(gru_step):
    x, h, _ = _inputs(16)
    p = _params("rzg", scale=0.6, seed=16)
    p["W_xz"], p["W_hz"], p["b_z"] = np.zeros((D, H)), np.zeros((H, H)), np.full(H, -30.0)
    p["W_xg"], p["W_hg"], p["b_g"] = np.zeros((D, H)), np.zeros((H, H)), TANH_IN.copy()   # h̃_t = tanh(b_g)
    got = _gru_h(_call(gru_step, x, h, p))
    if _near(got, np.tile(TANH_OUT, (N, 1))):
        _fail("With the update gate shut (z_t ≈ 0) you returned the candidate h̃_t = tanh(b_g). " + PYTORCH_UPDATE[0],
              "update gate가 닫혀 있는데(z_t ≈ 0) 후보 h̃_t = tanh(b_g)가 나왔습니다. " + PYTORCH_UPDATE[1])
    close(got, h, "h_t",
          "With the update gate saturated shut (zero z-weights, b_z = −30, so z_t ≈ 0) the lecture's GRU keeps "
          "its state: h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t = h_{t−1}.",
          "update gate가 완전히 닫히면(z 가중치 0, b_z = −30이므로 z_t ≈ 0) 강의의 GRU는 상태를 유지합니다: "
          "h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t = h_{t−1}.")


@selfcheck("gru_step")
def gru_step_update_open_takes_the_candidate(gru_step):
    x, h, _ = _inputs(17)
    p = _params("rzg", scale=0.6, seed=17)
    p["W_xz"], p["W_hz"], p["b_z"] = np.zeros((D, H)), np.zeros((H, H)), np.full(H, 30.0)
    p["W_xg"], p["W_hg"], p["b_g"] = np.zeros((D, H)), np.zeros((H, H)), TANH_IN.copy()
    got = _gru_h(_call(gru_step, x, h, p))
    if _near(got, h):
        _fail("With the update gate open (z_t ≈ 1) you kept h_{t−1}. " + PYTORCH_UPDATE[0],
              "update gate가 열려 있는데(z_t ≈ 1) h_{t−1}이 그대로 나왔습니다. " + PYTORCH_UPDATE[1])
    close(got, np.tile(TANH_OUT, (N, 1)), "h_t",
          "With the update gate saturated open (b_z = +30, z_t ≈ 1) the state becomes the candidate, "
          "h_t = h̃_t = tanh(b_g) = [0, 0.6, −0.6, 0.8] here (W_xg = W_hg = 0).",
          "update gate가 완전히 열리면(b_z = +30, z_t ≈ 1) 상태는 후보가 됩니다. 여기서는(W_xg = W_hg = 0) "
          "h_t = h̃_t = tanh(b_g) = [0, 0.6, −0.6, 0.8]입니다.")


@selfcheck("gru_forward")
def gru_forward_shapes_and_last_state(gru_forward):
    x, h0, _ = _inputs(18, t=T)
    p = _params("rzg", scale=0.6, seed=18)
    hs, (h_T,) = _forward_result(_call(gru_forward, x, h0, p), T, ("h_T",))
    close(h_T, hs[:, -1], "h_T",
          "The returned h_T must be the hidden state after the last step, i.e. equal to hs[:, −1].",
          "반환한 h_T는 마지막 시점의 은닉 상태, 즉 hs[:, −1]과 같아야 합니다.")
    _unchanged(gru_forward, (x, h0, p), ("x", "h0", "params"))


@selfcheck("gru_forward")
def gru_forward_length_one_is_one_step(gru_forward):
    x, h0, _ = _inputs(19, t=1)
    p = _params("rzg", scale=0.6, seed=19)
    hs, (h_T,) = _forward_result(_call(gru_forward, x, h0, p), 1, ("h_T",))
    step = _sibling(gru_forward, "gru_step")
    h1 = _gru_h(_call(step, x[:, 0], h0, p, checked="gru_forward"))
    what = ("A sequence of length T = 1 is exactly one gru_step(x[:, 0], h0, params). Start from the given h0 "
            "(not from zeros).",
            "길이 T = 1인 시퀀스는 gru_step(x[:, 0], h0, params) 한 번과 정확히 같습니다. 0이 아니라 주어진 "
            "h0에서 시작하세요.")
    close(hs[:, 0], h1, "hs[:, 0]", *what)
    close(h_T, h1, "h_T", *what)


@selfcheck("gru_forward")
def gru_forward_update_shut_carries_the_state(gru_forward):
    x, h0, _ = _inputs(20, t=T)
    p = _params("rzg", scale=0.6, seed=20)
    p["W_xz"], p["W_hz"], p["b_z"] = np.zeros((D, H)), np.zeros((H, H)), np.full(H, -30.0)
    hs, (h_T,) = _forward_result(_call(gru_forward, x, h0, p), T, ("h_T",))
    close(hs, np.repeat(h0[:, None, :], T, axis=1), "hs",
          f"With the update gate shut at every step (z_t ≈ 0) the state is carried unchanged: every h_t, for "
          f"t = 1 … {T}, equals h0. Do you start from h0 and feed each step's h_t into the next? (Make sure the "
          "self-checks above, gru_update's in particular, pass first.)",
          f"모든 시점에서 update gate가 닫혀 있으면(z_t ≈ 0) 상태가 그대로 전달됩니다: t = 1 … {T}의 모든 h_t가 "
          "h0와 같아야 합니다. h0에서 시작해서 각 시점의 h_t를 다음 시점에 넘기나요? (위의 자가 점검, 특히 "
          "gru_update의 점검이 먼저 통과하는지 확인하세요.)")

