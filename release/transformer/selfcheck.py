"""Self-checks of the Transformer-block assignment: what ``check(layer_norm)`` runs in the notebook.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off and
what the lecture's formula implies, in the release language. This file is released to
students: it holds shapes, properties and worked examples small enough to verify by hand
(layer norm of [1, 2, 3, 4] is [−3, −1, 1, 3] / √5; GELU(1) = Φ(1) ≈ 0.8413; a block whose
sublayers are switched off), never reference outputs on random data and never solution code.

Language: every message is a Text shown in the core's language, which the setup cell sets
with ``use_language("ko")``.
"""
import warnings

import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import check, check_all, close, expect, grade, say, items, selfcheck, shape, use_language


_core.student_functions("layer_norm", "gelu", "feed_forward", "encoder_block")
SQRT3, SQRT5 = np.sqrt(3.0), np.sqrt(5.0)
GELU_TOL = 1e-3            # the tanh approximation of GELU is accepted within this


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_call = _core.call
_near = _core.near
_fail = _core.fail
_unchanged = _core.unchanged


# --------------------------------------------------------------------------- layer_norm
# Row [1, 2, 3, 4]: μ = 2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, so x̂ = [−1.5, −0.5, 0.5, 1.5] / √1.25
# = [−3, −1, 1, 3] / √5. Row [10, 10, 10, 14]: μ = 11, σ² = (1 + 1 + 1 + 9) / 4 = 3, x̂ = [−1, −1, −1, 3] / √3.
LN_X = np.array([[1.0, 2.0, 3.0, 4.0], [10.0, 10.0, 10.0, 14.0]])
LN_HAT = np.array([[-3.0, -1.0, 1.0, 3.0], [-1.0, -1.0, -1.0, 3.0]]) / np.array([[SQRT5], [SQRT3]])
ONES, ZEROS = np.ones(4), np.zeros(4)


@selfcheck("layer_norm")
def layer_norm_worked_example(layer_norm):
    got = shape(_call(layer_norm, LN_X, ONES, ZEROS, 0.0), LN_X.shape, "layer_norm(x, 1, 0, eps=0)")
    unbiased = LN_HAT * np.sqrt(3 / 4)                # dividing by d − 1 = 3 instead of d = 4
    if _near(got, unbiased):
        _fail("You used the unbiased variance (divide by d − 1, np.std(ddof=1), torch.std, x.std(-1) of the Annotated "
              "Transformer). Layer norm uses the biased one, σ² = mean((x − μ)²): for [1, 2, 3, 4], σ² = 5/4 = 1.25, "
              "not 5/3, and LN = [−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342].",
              "불편 분산(d − 1로 나눔, np.std(ddof=1), torch.std, Annotated Transformer의 x.std(-1))을 썼습니다. layer norm은 "
              "d로 나누는 분산(biased) σ² = mean((x − μ)²)을 씁니다: [1, 2, 3, 4]이면 σ² = 5/3이 아니라 5/4 = 1.25이고, "
              "LN = [−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342]입니다.")
    if _near(got, np.ones_like(LN_X)):
        _fail("With γ = 1 and β = 0 every entry came out as 1: γ and β are swapped. γ scales and β shifts, "
              "LN(x) = γ ⊙ x̂ + β.",
              "γ = 1, β = 0인데 모든 원소가 1입니다: γ와 β가 바뀌었습니다. γ는 곱하고 β는 더합니다, LN(x) = γ ⊙ x̂ + β.")
    if _near(got, LN_HAT * np.sqrt(np.array([[1.25], [3.0]]) / (np.array([[1.25], [3.0]]) + 1e-5))):
        _fail("layer_norm(x, gamma, beta, eps=0) still used ε = 1e-5: use the eps argument that is passed in, "
              "sqrt(σ² + eps).",
              "layer_norm(x, gamma, beta, eps=0)인데 ε = 1e-5를 썼습니다: 전달받은 eps 인자를 쓰세요, sqrt(σ² + eps).")
    if _near(got, (LN_X - LN_X.mean(axis=0)) / LN_X.std(axis=0)):
        _fail("Each column (feature) was normalised over the batch: that is batch norm. Layer norm normalises each "
              "token over its own features: μ and σ² over the last axis, kept as an axis of size 1.",
              "각 열(feature)을 배치에 대해 정규화했습니다: 그것은 batch norm입니다. layer norm은 각 토큰을 자기 feature에 "
              "대해 정규화합니다: μ와 σ²는 마지막 축을 따라 구하고, 그 축은 크기 1인 축으로 남깁니다.")
    close(got, LN_HAT, "layer_norm(x, 1, 0, eps=0)",
          "By hand: [1, 2, 3, 4] has μ = 2.5 and σ² = 1.25, so LN = [−1.5, −0.5, 0.5, 1.5] / √1.25 = [−3, −1, 1, 3] / √5 "
          "≈ [−1.342, −0.447, 0.447, 1.342]; [10, 10, 10, 14] has μ = 11, σ² = 3, so LN = [−1, −1, −1, 3] / √3.",
          "손으로 계산하면: [1, 2, 3, 4]는 μ = 2.5, σ² = 1.25이므로 LN = [−1.5, −0.5, 0.5, 1.5] / √1.25 = [−3, −1, 1, 3] / √5 "
          "≈ [−1.342, −0.447, 0.447, 1.342]이고, [10, 10, 10, 14]는 μ = 11, σ² = 3이므로 LN = [−1, −1, −1, 3] / √3입니다.")
    _unchanged(layer_norm, (LN_X.copy(), ONES.copy(), ZEROS.copy()), ("x", "gamma", "beta"))


@selfcheck("layer_norm")
def layer_norm_gamma_and_beta(layer_norm):
    gamma, beta = np.full(4, 2.0), np.array([0.0, 0.0, 0.0, 5.0])
    got = shape(_call(layer_norm, LN_X[:1], gamma, beta, 0.0), (1, 4), "layer_norm(x, gamma, beta, eps=0)")
    if _near(got, beta * LN_HAT[:1] + gamma):
        _fail("γ and β are swapped: γ scales and β shifts, LN(x) = γ ⊙ x̂ + β.",
              "γ와 β가 바뀌었습니다: γ는 곱하고 β는 더합니다, LN(x) = γ ⊙ x̂ + β.")
    close(got, gamma * LN_HAT[:1] + beta, "layer_norm(x, gamma, beta, eps=0)",
          "With γ = 2 and β = [0, 0, 0, 5]: LN([1, 2, 3, 4]) = 2 · [−3, −1, 1, 3] / √5 + [0, 0, 0, 5] "
          "≈ [−2.683, −0.894, 0.894, 7.683].",
          "γ = 2, β = [0, 0, 0, 5]이면 LN([1, 2, 3, 4]) = 2 · [−3, −1, 1, 3] / √5 + [0, 0, 0, 5] "
          "≈ [−2.683, −0.894, 0.894, 7.683]입니다.")


@selfcheck("layer_norm")
def layer_norm_every_token_mean_0_variance_1(layer_norm):
    x = np.random.default_rng(0).normal(3.0, 2.0, (2, 3, 5))
    got = shape(_call(layer_norm, x, np.ones(5), np.zeros(5)), x.shape, "layer_norm(x of shape (2, 3, 5), 1, 0)")
    means, variances = got.mean(axis=-1), got.var(axis=-1)
    expect(np.allclose(means, 0.0, atol=1e-6) and np.allclose(variances, 1.0, atol=1e-4),
           "With γ = 1 and β = 0 every token (every row along the last axis) should come out with mean 0 and variance 1; "
           f"yours have means {np.round(means.ravel()[:3], 3).tolist()} … and variances "
           f"{np.round(variances.ravel()[:3], 3).tolist()} …. Normalise over the last axis, keeping it as an axis of size 1.",
           "γ = 1, β = 0이면 모든 토큰(마지막 축을 따른 모든 행)이 평균 0, 분산 1이 되어야 합니다. 지금은 평균이 "
           f"{np.round(means.ravel()[:3], 3).tolist()} …, 분산이 {np.round(variances.ravel()[:3], 3).tolist()} …입니다. "
           "마지막 축에 대해 정규화하고, 그 축은 크기 1인 축으로 남기세요.")


@selfcheck("layer_norm")
def layer_norm_eps_inside_the_square_root(layer_norm):
    got = shape(_call(layer_norm, LN_X[:1], ONES, ZEROS, 3.75), (1, 4), "layer_norm(x, 1, 0, eps=3.75)")
    if _near(got, LN_HAT[:1], atol=1e-4):
        _fail("The eps argument is ignored: with eps = 3.75 the result must change. Use the eps that is passed in "
              "(its default is 1e-5).",
              "eps 인자를 무시했습니다: eps = 3.75이면 결과가 달라져야 합니다. 전달받은 eps를 쓰세요 (기본값은 1e-5).")
    if _near(got, np.array([[-1.5, -0.5, 0.5, 1.5]]) / (np.sqrt(1.25) + 3.75)):
        _fail("ε is outside the square root: divide by sqrt(σ² + ε), not by σ + ε. Here σ² + ε = 1.25 + 3.75 = 5.",
              "ε가 제곱근 밖에 있습니다: σ + ε가 아니라 sqrt(σ² + ε)로 나누세요. 여기서 σ² + ε = 1.25 + 3.75 = 5입니다.")
    close(got, np.array([[-1.5, -0.5, 0.5, 1.5]]) / SQRT5, "layer_norm(x, 1, 0, eps=3.75)",
          "[1, 2, 3, 4] has σ² = 1.25; with ε = 3.75 inside the square root, sqrt(σ² + ε) = √5 and "
          "LN = [−1.5, −0.5, 0.5, 1.5] / √5 ≈ [−0.671, −0.224, 0.224, 0.671].",
          "[1, 2, 3, 4]는 σ² = 1.25입니다. ε = 3.75를 제곱근 안에 넣으면 sqrt(σ² + ε) = √5이고 "
          "LN = [−1.5, −0.5, 0.5, 1.5] / √5 ≈ [−0.671, −0.224, 0.224, 0.671]입니다.")


@selfcheck("layer_norm")
def layer_norm_constant_row(layer_norm):
    x = np.array([[3.0, 3.0, 3.0, 3.0], [2.0, 2.0 + 1e-4, 2.0, 2.0 - 1e-4]])
    beta = np.array([1.0, 2.0, 3.0, 4.0])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        got = shape(_call(layer_norm, x, ONES, beta), x.shape, "layer_norm(x, 1, beta)")
    expect(np.all(np.isfinite(got)),
           "A row whose entries are all equal (σ = 0) gave NaN or inf: ε is there to prevent 0 / 0. Divide by "
           "sqrt(σ² + ε) with the eps argument.",
           "원소가 모두 같은 행(σ = 0)에서 NaN 또는 inf가 나왔습니다: ε이 0 / 0을 막아 줍니다. eps 인자로 sqrt(σ² + ε)로 "
           "나누세요.")
    close(got[0], beta, "layer_norm([3, 3, 3, 3], 1, beta)",
          "A constant row has x − μ = 0, so LN is just β.", "값이 모두 같은 행은 x − μ = 0이므로 LN은 β 그대로입니다.")


# --------------------------------------------------------------------------- gelu
# Φ(1) = 0.841345, Φ(2) = 0.977250, so GELU(−1) = −Φ(−1) = −(1 − 0.841345) and GELU(2) = 2 Φ(2).
GELU_X = np.array([-1.0, 0.0, 1.0, 2.0])
GELU_Y = np.array([-0.158655, 0.0, 0.841345, 1.954500])


@selfcheck("gelu")
def gelu_values(gelu):
    got = shape(_call(gelu, GELU_X), GELU_X.shape, "gelu([−1, 0, 1, 2])")
    if _near(got, np.maximum(GELU_X, 0)):
        _fail("This is ReLU, max(0, x). GELU is x Φ(x): smooth, and slightly negative for x < 0 (GELU(−1) ≈ −0.159).",
              "ReLU max(0, x)를 썼습니다. GELU는 x Φ(x)입니다: 매끄럽고 x < 0에서 약간 음수입니다 (GELU(−1) ≈ −0.159).")
    if _near(got, [0.158655, 0.5, 0.841345, 0.977250], atol=GELU_TOL):
        _fail("You returned Φ(x); GELU multiplies it by x: GELU(x) = x Φ(x), e.g. GELU(0) = 0 and GELU(2) = 2 · 0.977 = 1.955.",
              "Φ(x)를 반환했습니다. GELU는 여기에 x를 곱합니다: GELU(x) = x Φ(x), 예를 들어 GELU(0) = 0, "
              "GELU(2) = 2 · 0.977 = 1.955입니다.")
    if _near(got[2], 0.5 * (1 + 0.842701), atol=GELU_TOL):
        _fail("The erf argument is off: Φ(x) = ½ (1 + erf(x / √2)), with x / √2 inside the erf, not x. GELU(1) = Φ(1) "
              "≈ 0.8413.",
              "erf의 인자가 틀렸습니다: Φ(x) = ½ (1 + erf(x / √2))이고, erf 안에는 x가 아니라 x / √2가 들어갑니다. "
              "GELU(1) = Φ(1) ≈ 0.8413입니다.")
    if _near(got, GELU_X / (1 + np.exp(-1.702 * GELU_X)), atol=1e-4):
        _fail("This is the sigmoid approximation x σ(1.702 x), which is off by up to 0.02 (GELU(2) = 1.9545, not 1.936). "
              "Use the exact form x · ½ (1 + erf(x / √2)) or the tanh approximation.",
              "시그모이드 근사 x σ(1.702 x)를 썼습니다. 오차가 최대 0.02입니다 (GELU(2)는 1.936이 아니라 1.9545). 정확한 형태 "
              "x · ½ (1 + erf(x / √2))나 tanh 근사를 쓰세요.")
    close(got, GELU_Y, "gelu([−1, 0, 1, 2])",
          "GELU(x) = x Φ(x) with Φ(1) = 0.8413 and Φ(2) = 0.9772: GELU = [−0.1587, 0, 0.8413, 1.9545] "
          "(the tanh approximation is accepted within 1e-3).",
          "GELU(x) = x Φ(x)이고 Φ(1) = 0.8413, Φ(2) = 0.9772이므로 GELU = [−0.1587, 0, 0.8413, 1.9545]입니다 "
          "(tanh 근사는 1e-3 이내로 허용).", atol=GELU_TOL)


@selfcheck("gelu")
def gelu_tails_and_symmetry(gelu):
    x = np.array([-40.0, -10.0, 10.0, 40.0])
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        got = shape(_call(gelu, x), x.shape, "gelu([−40, −10, 10, 40])")
    # Values are judged, as at grading; a warning only explains wrong values.
    trouble = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    expect(np.all(np.isfinite(got)),
           f"gelu gave NaN or inf for x = ±40{' (' + trouble[0] + ')' if trouble else ''}; GELU stays finite: "
           "≈ x for large x and ≈ 0 for very negative x.",
           f"x = ±40에서 gelu가 NaN 또는 inf를 냈습니다{' (' + trouble[0] + ')' if trouble else ''}. GELU는 유한합니다: "
           "x가 크면 ≈ x, 매우 음수이면 ≈ 0.")
    close(got, [0.0, 0.0, 10.0, 40.0], "gelu([−40, −10, 10, 40])",
          "For large x, Φ(x) ≈ 1 and GELU(x) ≈ x; for very negative x, Φ(x) ≈ 0 and GELU(x) ≈ 0.",
          "x가 크면 Φ(x) ≈ 1이라 GELU(x) ≈ x이고, 매우 음수이면 Φ(x) ≈ 0이라 GELU(x) ≈ 0입니다.")
    s = np.array([0.5, 1.0, 3.0])
    pos, neg = _call(gelu, s), _call(gelu, -s)
    close(np.asarray(pos, dtype=float) - np.asarray(neg, dtype=float), s, "gelu(x) − gelu(−x)",
          "GELU(x) − GELU(−x) = x Φ(x) + x Φ(−x) = x, because Φ(x) + Φ(−x) = 1.",
          "Φ(x) + Φ(−x) = 1이므로 GELU(x) − GELU(−x) = x Φ(x) + x Φ(−x) = x입니다.")


@selfcheck("gelu")
def gelu_elementwise_on_any_shape(gelu):
    x = np.tile(GELU_X, (2, 3, 1))                              # (2, 3, 4)
    got = shape(_call(gelu, x), x.shape, "gelu(x of shape (2, 3, 4))")
    close(got, np.broadcast_to(GELU_Y, x.shape), "gelu(x of shape (2, 3, 4))",
          "GELU acts on every element on its own, for an array of any shape.",
          "GELU는 어떤 shape의 배열이든 원소 하나하나에 따로 적용됩니다.", atol=GELU_TOL)
    _unchanged(gelu, (x,), ("x",))


# --------------------------------------------------------------------------- feed_forward
def _ffn_params(seed, d=4, f=6):
    rng = np.random.default_rng(seed)
    return {"W_1": rng.normal(0, 0.5, (d, f)), "b_1": rng.normal(0, 0.5, f),
            "W_2": rng.normal(0, 0.5, (f, d)), "b_2": rng.normal(0, 0.5, d)}


# d_model = 2, d_ff = 3: W_1 copies the two features into the first two hidden units, W_2 copies them back.
COPY_IN = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
COPY_OUT = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])


@selfcheck("feed_forward")
def feed_forward_shapes(feed_forward):
    x, p = np.random.default_rng(1).normal(size=(2, 3, 4)), _ffn_params(1)
    try:
        value = _call(feed_forward, x, p)
    except ValueError as exc:
        _fail(f"feed_forward(x (2, 3, 4), params) failed: {exc}. The weights multiply from the right: x @ W_1 with W_1 "
              "of shape (d_model, d_ff) = (4, 6) gives (2, 3, 6), and that @ W_2 (6, 4) gives (2, 3, 4) again.",
              f"feed_forward(x (2, 3, 4), params)가 실패했습니다: {exc}. 가중치는 오른쪽에서 곱합니다: shape (d_model, d_ff) "
              "= (4, 6)인 W_1과 x @ W_1을 하면 (2, 3, 6), 여기에 @ W_2 (6, 4)를 하면 다시 (2, 3, 4)입니다.")
    shape(value, (2, 3, 4), "feed_forward(x of shape (2, 3, 4), params)")
    shape(_call(feed_forward, x[0], p), (3, 4), "feed_forward(x of shape (3, 4), params)")
    _unchanged(feed_forward, (x, p), ("x", "params"))


@selfcheck("feed_forward")
def feed_forward_copy_weights_give_gelu(feed_forward):
    x = np.array([[1.0, -1.0], [2.0, 0.0]])
    p = {"W_1": COPY_IN, "b_1": np.zeros(3), "W_2": COPY_OUT, "b_2": np.zeros(2)}
    got = shape(_call(feed_forward, x, p), (2, 2), "feed_forward(x, params)")
    if _near(got, np.maximum(x, 0)):
        _fail("The FFN uses ReLU here; the course's FFN uses GELU (your gelu function): FFN(x) = GELU(x W_1 + b_1) W_2 + b_2.",
              "FFN이 ReLU를 씁니다. 이 과정의 FFN은 GELU(여러분의 gelu 함수)를 씁니다: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2.")
    if _near(got, [[0.6730, -0.0693], [1.9050, 0.0]], atol=2e-3):
        _fail("GELU is applied to the output as well: here you got GELU(GELU(x)). The FFN has one activation, between "
              "the two layers, and ends with the linear layer: GELU(x W_1 + b_1) W_2 + b_2.",
              "출력에도 GELU를 적용했습니다: 여기서 GELU(GELU(x))가 나왔습니다. FFN의 활성화 함수는 두 층 사이에 하나뿐이고, "
              "선형 층으로 끝납니다: GELU(x W_1 + b_1) W_2 + b_2.")
    if _near(got, x):
        _fail("The activation is missing: with copying weights (W_1, W_2 pass the features through unchanged) the FFN "
              "should return GELU(x), not x.",
              "활성화 함수가 빠졌습니다: 가중치가 feature를 그대로 복사하므로 (W_1, W_2) FFN은 x가 아니라 GELU(x)를 반환해야 "
              "합니다.")
    close(got, [[0.841345, -0.158655], [1.954500, 0.0]], "feed_forward(x, params)",
          "W_1 copies the two features into the hidden layer and W_2 copies them back (zero biases), so FFN(x) = GELU(x): "
          "[[GELU(1), GELU(−1)], [GELU(2), GELU(0)]] = [[0.8413, −0.1587], [1.9545, 0]].",
          "W_1이 두 feature를 hidden layer로 복사하고 W_2가 다시 복사하므로 (편향 0) FFN(x) = GELU(x)입니다: "
          "[[GELU(1), GELU(−1)], [GELU(2), GELU(0)]] = [[0.8413, −0.1587], [1.9545, 0]].", atol=GELU_TOL)


@selfcheck("feed_forward")
def feed_forward_biases(feed_forward):
    x = np.zeros((3, 2))
    p = {"W_1": COPY_IN, "b_1": np.array([1.0, -1.0, 2.0]), "W_2": COPY_OUT, "b_2": np.array([-10.0, 1.0])}
    got = shape(_call(feed_forward, x, p), (3, 2), "feed_forward(0, params)")
    if _near(got, np.tile([-10.0, 1.0], (3, 1)), atol=GELU_TOL):
        _fail("b_1 is missing: with x = 0 the hidden layer is GELU(b_1) = GELU([1, −1, 2]), not GELU(0) = 0.",
              "b_1이 빠졌습니다: x = 0이면 hidden layer는 GELU(0) = 0이 아니라 GELU(b_1) = GELU([1, −1, 2])입니다.")
    if _near(got, np.tile([0.0, 0.6730], (3, 1)), atol=2e-3):
        _fail("GELU is applied to the output as well. The FFN has one activation, between the two layers: "
              "GELU(x W_1 + b_1) W_2 + b_2 ends with the linear layer (the output can be −9.16 here).",
              "출력에도 GELU를 적용했습니다. FFN의 활성화 함수는 두 층 사이에 하나뿐입니다: GELU(x W_1 + b_1) W_2 + b_2는 "
              "선형 층으로 끝납니다 (여기서 출력은 −9.16일 수 있습니다).")
    close(got, np.tile([0.841345 - 10.0, -0.158655 + 1.0], (3, 1)), "feed_forward(0, params)",
          "With x = 0: hidden = GELU(b_1) = GELU([1, −1, 2]) = [0.8413, −0.1587, 1.9545]; W_2 keeps the first two, and "
          "+ b_2 = [−10, 1] gives [−9.1587, 0.8413] for every position.",
          "x = 0이면 hidden = GELU(b_1) = GELU([1, −1, 2]) = [0.8413, −0.1587, 1.9545]이고, W_2가 앞의 두 값을 남기며, "
          "+ b_2 = [−10, 1]을 하면 모든 위치에서 [−9.1587, 0.8413]입니다.", atol=GELU_TOL)


@selfcheck("feed_forward")
def feed_forward_position_wise(feed_forward):
    x, p = np.random.default_rng(2).normal(size=(2, 5, 4)), _ffn_params(2)
    whole = shape(_call(feed_forward, x, p), (2, 5, 4), "feed_forward(x, params)")
    one = shape(_call(feed_forward, x[:, 2:3], p), (2, 1, 4), "feed_forward(x[:, 2:3], params)")
    close(one, whole[:, 2:3], "feed_forward(x[:, 2:3], params)",
          "The FFN is position-wise: a token's output depends only on that token, so running it on position 2 alone "
          "must give the same as position 2 of the whole sequence.",
          "FFN은 위치별 연산입니다: 토큰의 출력은 그 토큰에만 의존하므로, 위치 2만 넣어도 시퀀스 전체의 위치 2와 같은 "
          "결과가 나와야 합니다.")


# --------------------------------------------------------------------------- encoder_block
def _block(d=4, f=3, attention="off", ffn_bias=None, gammas=(1.0, 1.0), betas=(0.0, 0.0)):
    """Block parameters with sublayers that are easy to follow by hand.

    attention="off": every attention weight 0, so MHA(·) = 0; "average": W_q = W_k = 0 (uniform
    weights), W_v = W_o = I, so MHA(y) puts the mean of y's tokens at every position. The FFN is 0,
    or the constant b_2 = ``ffn_bias``. LN_i uses gamma_i, beta_i (constants).
    """
    p = {f"W_{k}": np.zeros((d, d)) for k in "qkvo"}
    if attention == "average":
        p["W_v"], p["W_o"] = np.eye(d), np.eye(d)
    p.update({"W_1": np.zeros((d, f)), "b_1": np.zeros(f), "W_2": np.zeros((f, d)),
              "b_2": np.zeros(d) if ffn_bias is None else np.asarray(ffn_bias, dtype=float)})
    for i, g, b in zip("12", gammas, betas):
        p[f"gamma_{i}"], p[f"beta_{i}"] = np.full(d, g), np.full(d, b)
    return p


def _result(value, x_shape, w_shape, what):
    out, w = items(value, 2, what)
    return shape(out, x_shape, "out"), shape(w, w_shape, "weights")


# Two tokens whose layer norms are opposite: LN([1, 2, 3, 4]) = [−3, −1, 1, 3] / √5 = −LN([4, 3, 2, 1]).
BLOCK_X = np.array([[[1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]]])
BLOCK_LN = np.array([[[-3.0, -1.0, 1.0, 3.0], [3.0, 1.0, -1.0, -3.0]]]) / SQRT5


@selfcheck("encoder_block")
def encoder_block_shapes(encoder_block):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 5, 4))
    p = {f"W_{k}": rng.normal(0, 0.5, (4, 4)) for k in "qkvo"}
    p.update({f"b_{k}": rng.normal(0, 0.5, 4) for k in "qkvo"})
    p.update(_ffn_params(3, 4, 6))
    for i in "12":
        p[f"gamma_{i}"], p[f"beta_{i}"] = 1 + rng.normal(0, 0.1, 4), rng.normal(0, 0.1, 4)
    for pre_norm in (False, True):
        out, w = _result(_call(encoder_block, x, p, 2, None, pre_norm), (2, 5, 4), (2, 2, 5, 5),
                         f"encoder_block(x, params, 2, norm_first={pre_norm})")
        expect(np.allclose(w.sum(axis=-1), 1.0, atol=1e-6),
               "The returned weights should be the self-attention weights (every row sums to 1), as returned by "
               "multi_head_attention.",
               "반환한 weights는 multi_head_attention이 돌려주는 self-attention 가중치여야 합니다 (모든 행의 합이 1).")
    _unchanged(encoder_block, (x, p, 2), ("x", "params", "n_heads"))


@selfcheck("encoder_block")
def encoder_block_with_sublayers_switched_off(encoder_block):
    p = _block()
    out, w = _result(_call(encoder_block, BLOCK_X, p, 2, None, True), (1, 2, 4), (1, 2, 2, 2),
                     "encoder_block(x, params, 2, norm_first=True)")
    if _near(out, np.zeros_like(BLOCK_X), atol=1e-4):
        _fail("Pre-norm returned 0 with every sublayer weight 0: a residual is missing. Each step adds the sublayer to "
              "x: x = x + MHA(LN_1(x)), then x = x + FFN(LN_2(x)); with MHA = FFN = 0 the block returns x.",
              "서브레이어의 가중치가 모두 0인데 pre-norm이 0을 반환했습니다: residual이 빠졌습니다. 각 단계는 서브레이어를 x에 "
              "더합니다: x = x + MHA(LN_1(x)), 그다음 x = x + FFN(LN_2(x)). MHA = FFN = 0이면 블록은 x를 반환합니다.")
    if _near(out, BLOCK_LN, atol=1e-4):
        _fail("Pre-norm: with every sublayer weight 0, MHA(·) = 0 and FFN(·) = 0, so x + MHA(LN_1(x)) = x and the block "
              "returns x unchanged. Yours returned LN(x): the residual must add the un-normalised x, not LN(x) "
              "(or norm_first=True was treated as post-norm).",
              "pre-norm: 서브레이어의 가중치가 모두 0이면 MHA(·) = 0, FFN(·) = 0이므로 x + MHA(LN_1(x)) = x이고 블록은 x를 "
              "그대로 반환합니다. 결과가 LN(x)입니다: residual로는 LN(x)가 아니라 정규화하지 않은 x를 더해야 합니다 "
              "(또는 norm_first=True를 post-norm처럼 처리했습니다).")
    close(out, BLOCK_X, "out (pre-norm)",
          "Pre-norm with every sublayer weight 0: MHA(·) = 0 and FFN(·) = 0, so the block is the identity, "
          "x + 0 + 0 = x. The residual path carries x through untouched.",
          "서브레이어의 가중치가 모두 0인 pre-norm: MHA(·) = 0, FFN(·) = 0이므로 블록은 항등 함수 x + 0 + 0 = x입니다. "
          "residual 경로가 x를 그대로 전달합니다.")
    close(w, np.full((1, 2, 2, 2), 0.5), "weights",
          "W_q = W_k = 0, so all scores are equal and each of the 2 tokens gets weight 1/2, in both heads.",
          "W_q = W_k = 0이므로 모든 점수가 같고, 두 head 모두에서 토큰 2개가 각각 1/2씩 가중치를 받습니다.")
    out, _ = _result(_call(encoder_block, BLOCK_X, p, 2), (1, 2, 4), (1, 2, 2, 2), "encoder_block(x, params, 2)")
    if _near(out, np.zeros_like(BLOCK_X), atol=1e-4):
        _fail("Post-norm returned 0 with every sublayer weight 0: a residual is missing. LN_1(MHA(x)) = LN(0) = 0 loses the "
              "tokens; the block is LN_1(x + MHA(x)), then LN_2(x + FFN(x)).",
              "서브레이어의 가중치가 모두 0인데 post-norm이 0을 반환했습니다: residual이 빠졌습니다. LN_1(MHA(x)) = LN(0) = 0은 "
              "토큰 정보를 잃습니다. 블록은 LN_1(x + MHA(x)), 그다음 LN_2(x + FFN(x))입니다.")
    close(out, BLOCK_LN, "out (post-norm)",
          "Post-norm with every sublayer weight 0: LN_2(LN_1(x + 0) + 0) = LN(LN(x)) ≈ LN(x); for the token "
          "[1, 2, 3, 4] that is [−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342]. The post-norm block normalises "
          "after each addition.",
          "서브레이어의 가중치가 모두 0인 post-norm: LN_2(LN_1(x + 0) + 0) = LN(LN(x)) ≈ LN(x)입니다. 토큰 [1, 2, 3, 4]에서는 "
          "[−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342]입니다. post-norm 블록은 더한 다음에 정규화합니다.",
          atol=1e-4)


@selfcheck("encoder_block")
def encoder_block_attends_to_the_right_input(encoder_block):
    p = _block(attention="average")           # MHA(y) = the mean of y's tokens, at every position
    out, _ = _result(_call(encoder_block, BLOCK_X, p, 2, None, True), (1, 2, 4), (1, 2, 2, 2),
                     "encoder_block(x, params, 2, norm_first=True)")
    if _near(out, BLOCK_X + 2.5):
        _fail("Pre-norm attends to the normalised input: x + MHA(LN_1(x)). Here MHA returns the mean of its input's tokens; "
              "the mean of x's tokens is [2.5, 2.5, 2.5, 2.5], but the mean of LN_1(x)'s tokens is 0, so out = x.",
              "pre-norm은 정규화된 입력에 attention을 적용합니다: x + MHA(LN_1(x)). 여기서 MHA는 입력 토큰들의 평균을 "
              "돌려줍니다. x의 토큰 평균은 [2.5, 2.5, 2.5, 2.5]이지만 LN_1(x)의 토큰 평균은 0이므로 out = x입니다.")
    close(out, BLOCK_X, "out (pre-norm)",
          "Here MHA(y) is the mean of y's tokens at every position (uniform weights, W_v = W_o = I). LN_1(x) has "
          "the tokens ±[−3, −1, 1, 3] / √5, whose mean is 0, so x + MHA(LN_1(x)) = x (and the FFN adds 0).",
          "여기서 MHA(y)는 모든 위치에서 y 토큰들의 평균입니다 (균등한 가중치, W_v = W_o = I). LN_1(x)의 토큰은 "
          "±[−3, −1, 1, 3] / √5이고 평균이 0이므로 x + MHA(LN_1(x)) = x입니다 (FFN은 0을 더함).")
    out, _ = _result(_call(encoder_block, BLOCK_X, p, 2), (1, 2, 4), (1, 2, 2, 2), "encoder_block(x, params, 2)")
    if _near(out, np.zeros_like(BLOCK_X), atol=1e-4):
        _fail("Post-norm without the residual: LN_1(MHA(x)) normalises the constant row [2.5, 2.5, 2.5, 2.5] to 0 and "
              "loses the tokens. The block is LN_1(x + MHA(x)): the residual adds x back before the norm.",
              "residual이 없는 post-norm: LN_1(MHA(x))는 상수 행 [2.5, 2.5, 2.5, 2.5]를 0으로 정규화해서 토큰 정보를 잃습니다. "
              "블록은 LN_1(x + MHA(x))입니다: 정규화 전에 residual로 x를 다시 더합니다.")
    close(out, BLOCK_LN, "out (post-norm)",
          "Post-norm: x + MHA(x) = x + [2.5, 2.5, 2.5, 2.5]; layer norm removes the shift, so LN_1(x + MHA(x)) = LN(x) "
          "and, with the FFN at 0, the block returns ≈ LN(x).",
          "post-norm: x + MHA(x) = x + [2.5, 2.5, 2.5, 2.5]입니다. layer norm은 이 이동을 없애므로 LN_1(x + MHA(x)) = LN(x)이고, "
          "FFN이 0이므로 블록은 ≈ LN(x)를 반환합니다.", atol=1e-4)


@selfcheck("encoder_block")
def encoder_block_ffn_and_second_norm(encoder_block):
    e = np.array([1.0, 0.0, 0.0, 0.0])
    p = _block(ffn_bias=e)                     # attention off, FFN(·) = e everywhere
    out, _ = _result(_call(encoder_block, BLOCK_X, p, 2, None, True), (1, 2, 4), (1, 2, 2, 2),
                     "encoder_block(x, params, 2, norm_first=True)")
    if _near(out, np.broadcast_to(e, BLOCK_X.shape)):
        _fail("Pre-norm: the FFN's residual is missing. The second step is x + FFN(LN_2(x)), not FFN(LN_2(x)).",
              "pre-norm: FFN의 residual이 빠졌습니다. 두 번째 단계는 FFN(LN_2(x))가 아니라 x + FFN(LN_2(x))입니다.")
    close(out, BLOCK_X + e, "out (pre-norm)",
          "Attention is off (MHA = 0) and the FFN returns its bias e = [1, 0, 0, 0] everywhere, so pre-norm gives "
          "x + 0 + e = x + [1, 0, 0, 0].",
          "attention이 꺼져 있고 (MHA = 0) FFN은 모든 위치에서 편향 e = [1, 0, 0, 0]을 반환하므로 pre-norm은 "
          "x + 0 + e = x + [1, 0, 0, 0]입니다.")
    p = _block(ffn_bias=e, gammas=(1.0, 2.0), betas=(0.0, 3.0))
    out, _ = _result(_call(encoder_block, BLOCK_X, p, 2), (1, 2, 4), (1, 2, 2, 2), "encoder_block(x, params, 2)")
    means, variances = out.mean(axis=-1), out.var(axis=-1)
    if np.allclose(means, 0.0, atol=1e-3) and np.allclose(variances, 1.0, atol=1e-2):
        _fail("The second layer norm does not use gamma_2 = 2 and beta_2 = 3: LN_2 has its own parameters "
              "(LN_1 uses gamma_1, beta_1; LN_2 uses gamma_2, beta_2).",
              "두 번째 layer norm이 gamma_2 = 2, beta_2 = 3을 쓰지 않습니다: LN_2는 자기 파라미터를 가집니다 "
              "(LN_1은 gamma_1, beta_1, LN_2는 gamma_2, beta_2).")
    expect(np.allclose(means, 3.0, atol=1e-3) and np.allclose(variances, 4.0, atol=1e-2),
           "Post-norm ends with LN_2 = 2 · x̂ + 3 here, so every output token should have mean 3 and variance 4; yours "
           f"have means {np.round(means.ravel(), 3).tolist()} and variances {np.round(variances.ravel(), 3).tolist()}. "
           "Is the last step LN_2(x + FFN(x))?",
           "여기서 post-norm은 LN_2 = 2 · x̂ + 3으로 끝나므로 모든 출력 토큰의 평균이 3, 분산이 4여야 합니다. 지금은 평균 "
           f"{np.round(means.ravel(), 3).tolist()}, 분산 {np.round(variances.ravel(), 3).tolist()}입니다. 마지막 단계가 "
           "LN_2(x + FFN(x))인가요?")


@selfcheck("encoder_block")
def encoder_block_passes_the_mask(encoder_block):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 4, 4))
    p = {f"W_{k}": rng.normal(0, 0.5, (4, 4)) for k in "qkvo"}
    p.update(_ffn_params(4, 4, 6))
    for i in "12":
        p[f"gamma_{i}"], p[f"beta_{i}"] = np.ones(4), np.zeros(4)
    pad = np.array([[[True, True, False, False]], [[True, True, True, False]]])
    for pre_norm in (False, True):
        _, w = _result(_call(encoder_block, x, p, 2, pad, pre_norm), (2, 4, 4), (2, 2, 4, 4),
                       f"encoder_block(x, params, 2, mask, norm_first={pre_norm})")
        expect(np.all(w[np.broadcast_to(~pad[:, None], w.shape)] == 0),
               "With a padding mask the padded keys must get weight 0 in every head: pass the mask on to the "
               "self-attention, multi_head_attention(y, y, params, n_heads, mask).",
               "padding 마스크를 주면 모든 head에서 padding된 key의 가중치가 0이어야 합니다: 마스크를 self-attention에 "
               "전달하세요, multi_head_attention(y, y, params, n_heads, mask).")
