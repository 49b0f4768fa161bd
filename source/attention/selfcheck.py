"""Self-checks of the attention assignment: what ``check(softmax)`` runs in the notebook.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off and
what the lecture's formula implies, in the release language. This file is released to
students: it holds shapes, properties and worked examples small enough to verify by hand
(softmax of [0, ln 2, ln 3] is [1, 2, 3] / 6; a query whose scaled scores are [0, ln 3] weighs
its keys 1/4 and 3/4; masks written out entry by entry), never reference outputs on random data
and never solution code.

Language: every message is a Text shown in the core's language, which the setup cell sets
with ``use_language("ko")``.
"""
import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import SelfCheckFailed, check, check_all, close, expect, grade, say, items, selfcheck, shape, use_language


LN2, LN3 = np.log(2.0), np.log(3.0)
_core.student_functions("softmax", "scaled_dot_product_attention", "causal_mask", "padding_mask",
                        "split_heads", "merge_heads", "multi_head_attention")
T, F = True, False


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_call = _core.call
_quiet = _core.quiet
_sibling = _core.sibling
_near = _core.near
_fail = _core.fail
_unchanged = _core.unchanged


def _pair(value, out_shape, w_shape, what):
    """The (out, weights) pair of an attention call as arrays; (weights, out) is named."""
    out, w = items(value, 2, what)
    out, w = np.asarray(out, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if out.shape == tuple(w_shape) and w.shape == tuple(out_shape) and tuple(out_shape) != tuple(w_shape):
        _fail(f"{what} returned (weights, out); return them in the order (out, weights).",
              f"{what}이(가) (weights, out)을 반환했습니다. (out, weights) 순서로 반환하세요.")
    return shape(out, out_shape, "out"), shape(w, w_shape, "weights")


def _mask(value, expected_shape, what):
    """A mask as booleans: True/False (or 1/0) entries of the expected shape."""
    arr = shape(value, expected_shape, what)
    expect(np.all((arr == 0) | (arr == 1)),
           f"{what} should be a boolean mask (True = may attend), but it has values other than True/False.",
           f"{what}은(는) True = attend 가능인 불리언 마스크여야 하는데, True/False(또는 1/0)가 아닌 값이 들어 있습니다.")
    return arr != 0


def _rows_sum_to_one(w, what="weights"):
    sums = w.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=1e-6):
        other = [a for a in range(w.ndim - 1) if w.shape[a] > 1 and np.allclose(w.sum(axis=a), 1.0, atol=1e-6)]
        if other:
            _fail(f"The {what} sum to 1 along axis {other[0]}, not along the last axis. Each query distributes its "
                  "attention over the keys: take the softmax along the last axis (axis=-1), so that every row sums to 1.",
                  f"{what}의 합이 마지막 축이 아니라 축 {other[0]}을 따라 1입니다. 각 query는 자기 attention을 key들에게 "
                  "나누어 주므로 softmax를 마지막 축(axis=-1)으로 계산해 모든 행의 합이 1이 되게 하세요.")
        _fail(f"Every row of the {what} should sum to 1 (a distribution over the keys); yours sum to "
              f"{np.round(sums.ravel()[:4], 3).tolist()} …",
              f"{what}의 모든 행의 합은 1이어야 합니다 (key에 대한 확률 분포). 지금은 "
              f"{np.round(sums.ravel()[:4], 3).tolist()} …입니다.")


# --------------------------------------------------------------------------- softmax
# softmax([0, ln 2, ln 3]) = [1, 2, 3] / 6, and a row of equal scores is uniform.
SOFTMAX_X = np.array([[0.0, LN2, LN3], [0.0, 0.0, 0.0]])
SOFTMAX_ROWS = np.array([[1 / 6, 1 / 3, 1 / 2], [1 / 3, 1 / 3, 1 / 3]])
SOFTMAX_COLUMNS = np.array([[1 / 2, 2 / 3, 3 / 4], [1 / 2, 1 / 3, 1 / 4]])     # along axis 0 instead
SOFTMAX_WHOLE = np.array([[1 / 9, 2 / 9, 3 / 9], [1 / 9, 1 / 9, 1 / 9]])       # over the whole array


@selfcheck("softmax")
def softmax_worked_example(softmax):
    got = shape(_call(softmax, SOFTMAX_X), SOFTMAX_X.shape, "softmax(x)")
    if _near(got, SOFTMAX_COLUMNS):
        _fail("softmax(x) normalised each column (axis 0). The default is the last axis: each row is one query's "
              "scores over the keys and must sum to 1 (the lecture's common mistake 'wrong softmax axis').",
              "softmax(x)가 각 열(축 0)을 정규화했습니다. 기본값은 마지막 축입니다: 각 행은 한 query의 key별 점수이고 "
              "합이 1이어야 합니다 (강의의 자주 하는 실수 'Softmax axis 잘못').")
    if _near(got, SOFTMAX_WHOLE):
        _fail("softmax(x) divided by the sum over the whole array. Sum along the given axis only, keeping it as an axis "
              "of size 1, so that every row sums to 1.",
              "softmax(x)가 배열 전체의 합으로 나눴습니다. 주어진 축을 따라서만 합하고 (그 축은 크기 1인 축으로 남겨서) "
              "모든 행의 합이 1이 되게 하세요.")
    close(got, SOFTMAX_ROWS, "softmax(x)",
          "By hand: e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3, so softmax([0, ln 2, ln 3]) = [1/6, 1/3, 1/2], and a row of "
          "equal scores gives [1/3, 1/3, 1/3].",
          "손으로 계산하면 e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3이므로 softmax([0, ln 2, ln 3]) = [1/6, 1/3, 1/2]이고, "
          "점수가 모두 같은 행은 [1/3, 1/3, 1/3]입니다.")


@selfcheck("softmax")
def softmax_axis_argument(softmax):
    got = shape(_call(softmax, SOFTMAX_X.T, 0), SOFTMAX_X.T.shape, "softmax(x, axis=0)")
    close(got, SOFTMAX_ROWS.T, "softmax(x, axis=0)",
          "With axis=0 each column is normalised: use the axis argument you are given, not a fixed -1.",
          "axis=0이면 각 열을 정규화합니다: 고정된 -1이 아니라 주어진 axis 인자를 쓰세요.")


@selfcheck("softmax")
def softmax_properties(softmax):
    x = np.random.default_rng(0).normal(0, 3, (2, 3, 5))
    a = shape(_call(softmax, x), x.shape, "softmax(x)")
    expect(np.all((a >= 0) & (a <= 1)), "softmax values must lie between 0 and 1; some of yours do not.",
           "softmax 값은 0과 1 사이여야 하는데 그렇지 않은 값이 있습니다.")
    _rows_sum_to_one(a, "softmax values")
    _unchanged(softmax, (x,), ("x",))


@selfcheck("softmax")
def softmax_large_logits(softmax):
    # Values are judged, as at grading; a warning only explains wrong values.
    x = np.array([[1000.0, 1000.0 + LN3], [-1000.0, -1000.0]])
    got, trouble = _quiet(softmax, x)
    got = shape(got, x.shape, "softmax(x)")
    if not np.all(np.isfinite(got)):
        why = f" (NumPy warned \"{trouble[0]}\": e^1000 does not fit in a float)" if trouble else ""
        why_ko = f" (NumPy 경고 \"{trouble[0]}\": e^1000은 float로 나타낼 수 없습니다)" if trouble else ""
        _fail(f"softmax(x) contains NaN or inf for scores around ±1000{why}. Subtract each slice's maximum (along the "
              "axis, kept as an axis of size 1) before np.exp; softmax(z) = softmax(z − max z).",
              f"±1000 근처의 점수에서 softmax(x)에 NaN 또는 inf가 있습니다{why_ko}. np.exp 전에 그 축을 따라 구한 각 "
              "slice의 최댓값(크기 1인 축으로 남김)을 빼세요. softmax(z) = softmax(z − max z)입니다.")
    close(got, [[0.25, 0.75], [0.5, 0.5]], "softmax(x)",
          "Only differences of scores matter: [1000, 1000 + ln 3] gives the same as [0, ln 3], i.e. [1/4, 3/4], and "
          "[−1000, −1000] gives [1/2, 1/2].",
          "점수의 차이만 중요합니다: [1000, 1000 + ln 3]은 [0, ln 3]과 같은 [1/4, 3/4]이고, [−1000, −1000]은 "
          "[1/2, 1/2]입니다.")


@selfcheck("softmax")
def softmax_minus_infinity(softmax):
    # Values are judged, as at grading (a 0/0 warning with the right zeros is not an error).
    x = np.array([[0.0, -np.inf, LN3], [-np.inf, -np.inf, -np.inf]])
    got, trouble = _quiet(softmax, x)
    got = shape(got, x.shape, "softmax(x)")
    if not np.all(np.isfinite(got[1])):
        why = f" (NumPy warned \"{trouble[0]}\")" if trouble else ""
        _fail(f"A row that is entirely −∞ (a query with no allowed key) gave NaN{why}: its maximum is −∞ and "
              "−∞ − (−∞) is undefined. This course wants all zeros there: replace a maximum that is not finite by 0 "
              "before subtracting it, and divide by a sum that cannot be 0 (1 where the sum is 0).",
              f"전부 −∞인 행(허용된 key가 없는 query)에서 NaN이 나왔습니다{why}: 최댓값이 −∞이고 −∞ − (−∞)는 "
              "정의되지 않습니다. 이 과정에서는 이 경우 모두 0이어야 합니다: 유한하지 않은 최댓값은 빼기 전에 0으로 바꾸고, "
              "0이 될 수 없는 합으로 나누세요 (합이 0인 곳은 1로).")
    expect(got[0, 1] == 0, "An entry that is −∞ must get weight exactly 0 (e^(−∞) = 0).",
           "값이 −∞인 항목은 가중치가 정확히 0이어야 합니다 (e^(−∞) = 0).")
    close(got, [[0.25, 0.0, 0.75], [0.0, 0.0, 0.0]], "softmax(x)",
          "[0, −∞, ln 3] gives [1/4, 0, 3/4] (e^(−∞) = 0), and a row that is all −∞ gives all zeros.",
          "[0, −∞, ln 3]은 [1/4, 0, 3/4]이고 (e^(−∞) = 0), 전부 −∞인 행은 모두 0입니다.")


# --------------------------------------------------------------------------- attention
def _qkv(seed, lead=(2,), n_q=3, n_k=5, d_k=4, d_v=6):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=lead + (n_q, d_k)), rng.normal(size=lead + (n_k, d_k)), rng.normal(size=lead + (n_k, d_v)))


@selfcheck("scaled_dot_product_attention")
def attention_shapes_and_rows(attention):
    Q, K, V = _qkv(1)
    try:
        value = _call(attention, Q, K, V)
    except ValueError as exc:
        if "matmul" not in str(exc) and "shape" not in str(exc):
            raise
        _fail(f"scaled_dot_product_attention(Q (2, 3, 4), K (2, 5, 4), V (2, 5, 6)) failed: {exc}. For a batch, Kᵀ "
              "swaps only the last two axes of K, shape (2, 4, 5); K.T reverses all axes. Then Q Kᵀ has shape (2, 3, 5) "
              "and the weights times V (2, 3, 6).",
              f"scaled_dot_product_attention(Q (2, 3, 4), K (2, 5, 4), V (2, 5, 6))이 실패했습니다: {exc}. 배치에서 Kᵀ는 "
              "K의 마지막 두 축만 바꾼 것이고 shape은 (2, 4, 5)입니다. K.T는 모든 축을 뒤집습니다. 그러면 Q Kᵀ의 shape은 "
              "(2, 3, 5), 가중치와 V의 곱은 (2, 3, 6)입니다.")
    out, w = _pair(value, (2, 3, 6), (2, 3, 5), "scaled_dot_product_attention(Q, K, V)")
    expect(np.all(w >= 0), "Attention weights are softmax outputs and cannot be negative; some of yours are.",
           "attention 가중치는 softmax 출력이므로 음수일 수 없는데, 음수가 있습니다.")
    _rows_sum_to_one(w)
    _unchanged(attention, (Q, K, V), ("Q", "K", "V"))


@selfcheck("scaled_dot_product_attention")
def attention_scaling_worked_example(attention):
    # d_k = 4: q · k_1 = 0 and q · k_2 = 4 · (ln 3 / 2) = 2 ln 3, divided by √4 = 2 → scores [0, ln 3].
    Q = np.full((1, 1, 4), LN3 / 2)
    K = np.array([[[1.0, -1.0, 1.0, -1.0], [1.0, 1.0, 1.0, 1.0]]])
    V = np.array([[[4.0, 0.0, 2.0], [0.0, 8.0, 2.0]]])
    out, w = _pair(_call(attention, Q, K, V), (1, 1, 3), (1, 1, 2), "scaled_dot_product_attention(Q, K, V)")
    yours = f"yours: {np.round(w[0, 0], 3).tolist()}"
    if _near(w, [[[0.1, 0.9]]]):
        _fail(f"The scores are not scaled ({yours}). Here q · k = [0, 2 ln 3]; divided by √d_k = √4 = 2 they are "
              "[0, ln 3] and the weights [1/4, 3/4]. Without 1/√d_k you get [1/10, 9/10] (the lecture's common mistake "
              "'missing scaling').",
              f"점수를 scaling하지 않았습니다 (결과: {np.round(w[0, 0], 3).tolist()}). 여기서 q · k = [0, 2 ln 3]이고, "
              "√d_k = √4 = 2로 나누면 [0, ln 3], 가중치는 [1/4, 3/4]입니다. 1/√d_k가 없으면 [1/10, 9/10]이 됩니다 "
              "(강의의 자주 하는 실수 'Scaling 누락').")
    if _near(w, [[[1 / (1 + np.sqrt(3)), np.sqrt(3) / (1 + np.sqrt(3))]]]):
        _fail(f"You divided the scores by d_k = 4 ({yours}); divide by √d_k = 2: softmax(Q Kᵀ / √d_k).",
              f"점수를 d_k = 4로 나눴습니다 (결과: {np.round(w[0, 0], 3).tolist()}). √d_k = 2로 나누세요: softmax(Q Kᵀ / √d_k).")
    close(w, [[[0.25, 0.75]]], "weights",
          f"Here q · k = [0, 2 ln 3]; divided by √d_k = √4 = 2 the scores are [0, ln 3], so the weights are [1/4, 3/4] "
          f"({yours}).",
          f"여기서 q · k = [0, 2 ln 3]이고 √d_k = √4 = 2로 나누면 점수는 [0, ln 3], 가중치는 [1/4, 3/4]입니다 "
          f"(결과: {np.round(w[0, 0], 3).tolist()}).")
    close(out, [[[1.0, 6.0, 2.0]]], "out",
          "The output is the weighted average of the rows of V: 1/4 · [4, 0, 2] + 3/4 · [0, 8, 2] = [1, 6, 2] "
          "(out = weights V).",
          "출력은 V의 행들의 가중 평균입니다: 1/4 · [4, 0, 2] + 3/4 · [0, 8, 2] = [1, 6, 2] (out = weights V).")


@selfcheck("scaled_dot_product_attention")
def attention_uniform_when_queries_are_zero(attention):
    _, K, _ = _qkv(2, n_k=5)
    Q = np.zeros((2, 3, 4))
    V = np.arange(20.0).reshape(2, 5, 2)                     # V[0] rows [0, 1] … [8, 9]; V[1] rows [10, 11] … [18, 19]
    out, w = _pair(_call(attention, Q, K, V), (2, 3, 2), (2, 3, 5), "scaled_dot_product_attention(Q, K, V)")
    close(w, np.full((2, 3, 5), 0.2), "weights",
          "With Q = 0 every score is 0, so each query weighs its 5 keys equally: 1/5 each.",
          "Q = 0이면 모든 점수가 0이므로 각 query는 key 5개에 똑같이 1/5씩 가중치를 줍니다.")
    want = np.stack([np.tile([4.0, 5.0], (3, 1)), np.tile([14.0, 15.0], (3, 1))])
    close(out, want, "out",
          "With equal weights the output is the mean of the rows of V: [4, 5] for the first sequence "
          "(rows [0, 1] … [8, 9]) and [14, 15] for the second.",
          "가중치가 같으면 출력은 V 행들의 평균입니다: 첫 시퀀스(행 [0, 1] … [8, 9])는 [4, 5], 둘째는 [14, 15]입니다.")


@selfcheck("scaled_dot_product_attention")
def attention_one_allowed_key(attention):
    Q, K, V = _qkv(3, lead=(1,), n_q=3, n_k=4, d_k=2, d_v=3)
    allowed = [2, 0, 3]
    mask = np.zeros((1, 3, 4), dtype=bool)
    mask[0, [0, 1, 2], allowed] = True
    out, w = _pair(_call(attention, Q, K, V, mask), (1, 3, 3), (1, 3, 4), "scaled_dot_product_attention(Q, K, V, mask)")
    expect(np.all(np.isfinite(w)) and np.all(np.isfinite(out)),
           "With a mask your attention gave NaN or inf; masked scores should be −∞ before the softmax, never after it.",
           "마스크를 쓰자 attention 결과에 NaN 또는 inf가 나왔습니다. 마스킹된 점수는 softmax 전에 −∞가 되어야 합니다.")
    if np.any(w[~mask] != 0):
        if np.all(w[mask] == 0):
            _fail("The mask is inverted: True means may attend (False = hidden), so the keys marked True must keep "
                  "their weight and the others get 0.",
                  "마스크의 의미가 반대입니다: True가 attend 가능(False = 가림)이므로 True인 key가 가중치를 받고 나머지는 "
                  "0이 되어야 합니다.")
        _fail("Masked keys still get weight. Set their scores to −∞ before the softmax, where the mask is False. "
              "(Setting them to 0 is not enough: e^0 = 1.)",
              "마스킹된 key가 여전히 가중치를 받습니다. softmax 전에 마스크가 False인 곳의 점수를 −∞로 바꾸세요. "
              "(0으로 바꾸는 것으로는 부족합니다: e^0 = 1.)")
    if not np.allclose(np.sum(w, axis=-1), 1.0, atol=1e-6):
        _fail("With a mask the weight rows no longer sum to 1: the mask was applied after the softmax (weights × mask). "
              "Mask the scores before the softmax, so the allowed keys share all the weight.",
              "마스크를 쓰자 가중치 행의 합이 1이 아닙니다: softmax 뒤에 마스크를 적용했습니다 (weights × mask). softmax 전에 "
              "점수를 마스킹해서 허용된 key들이 가중치 전체를 나누어 갖게 하세요.")
    close(w, mask.astype(float), "weights",
          "Each query may attend to exactly one key here, so its weight row is one-hot on that key.",
          "여기서는 각 query가 key 하나에만 attend할 수 있으므로 가중치 행은 그 key에서 1인 one-hot입니다.")
    close(out, V[0, allowed][None], "out",
          "With a one-hot weight row the output is exactly that key's row of V.",
          "가중치 행이 one-hot이면 출력은 정확히 V의 그 key 행입니다.")


@selfcheck("scaled_dot_product_attention")
def attention_padding_mask_broadcasts(attention):
    Q, K, V = _qkv(4, n_q=3, n_k=4, d_k=2, d_v=5)
    mask = np.array([[[T, T, F, F]], [[T, T, T, F]]])           # (N, 1, n_k): one mask per sequence
    out, w = _pair(_call(attention, Q, K, V, mask), (2, 3, 5), (2, 3, 4), "scaled_dot_product_attention(Q, K, V, mask)")
    hidden_keys = np.broadcast_to(~mask, w.shape)
    expect(np.all(w[hidden_keys] == 0),
           "With a padding mask of shape (N, 1, n_k) the padded keys (the last 2 of sequence 0, the last 1 of sequence 1) "
           "must get weight exactly 0 for every query. Does your mask broadcast over the queries?",
           "shape (N, 1, n_k)인 padding 마스크에서 padding된 key(시퀀스 0의 마지막 2개, 시퀀스 1의 마지막 1개)는 모든 query에 "
           "대해 가중치가 정확히 0이어야 합니다. 마스크가 query 축으로 broadcast되나요?")
    _rows_sum_to_one(w)
    V2 = V.copy()
    V2[0, 2:] = 100.0
    V2[1, 3:] = -100.0
    out2, _ = _pair(_call(attention, Q, K, V2, mask), (2, 3, 5), (2, 3, 4), "scaled_dot_product_attention(Q, K, V, mask)")
    close(out2, out, "out",
          "Changing the values at padded positions must not change the output: masked keys contribute nothing.",
          "padding된 위치의 value를 바꿔도 출력이 바뀌면 안 됩니다: 마스킹된 key는 아무것도 기여하지 않습니다.")


@selfcheck("scaled_dot_product_attention")
def attention_fully_masked_row(attention):
    Q, K, V = _qkv(5, lead=(1,), n_q=2, n_k=3, d_k=3, d_v=2)
    mask = np.array([[[T, F, T], [F, F, F]]])
    # Values are judged, as at grading; a warning only explains wrong values.
    value, trouble = _quiet(attention, Q, K, V, mask)
    out, w = _pair(value, (1, 2, 2), (1, 2, 3), "scaled_dot_product_attention(Q, K, V, mask)")
    if not (np.all(np.isfinite(w[0, 1])) and np.all(np.isfinite(out[0, 1]))):
        why = f" (NumPy warned \"{trouble[0]}\")" if trouble else ""
        _fail(f"The second query may attend to no key at all and your attention gave NaN there{why}. This course wants "
              "zero weights and a zero output for such a row: the softmax of an all −∞ row is all zeros (see softmax).",
              f"두 번째 query는 attend할 수 있는 key가 하나도 없는데 그 행에서 NaN이 나왔습니다{why}. 이 과정에서는 이런 행의 "
              "가중치와 출력이 0이어야 합니다: 전부 −∞인 행의 softmax는 모두 0입니다 (softmax 참고).")
    if _near(w[0, 1], np.full(3, 1 / 3)):
        _fail("The fully masked second query got uniform weights [1/3, 1/3, 1/3], i.e. its output is the mean of V. That "
              "is what filling masked scores with a large negative number (−1e9) does; fill them with −∞ so such a row "
              "gets zero weights and a zero output.",
              "완전히 마스킹된 두 번째 query가 균등한 가중치 [1/3, 1/3, 1/3]를 받아 출력이 V의 평균이 되었습니다. 마스킹된 "
              "점수를 큰 음수(−1e9)로 채우면 이렇게 됩니다. −∞로 채워서 이런 행의 가중치와 출력이 0이 되게 하세요.")
    close(w[0, 1], np.zeros(3), "weights[0, 1]",
          "A query with no allowed key gets all-zero weights.", "허용된 key가 없는 query의 가중치는 모두 0입니다.")
    close(out[0, 1], np.zeros(2), "out[0, 1]",
          "A query with no allowed key gets a zero output.", "허용된 key가 없는 query의 출력은 0입니다.")
    _rows_sum_to_one(w[:, :1])


@selfcheck("scaled_dot_product_attention")
def attention_leading_axes_and_causal_mask(attention):
    Q, K, V = _qkv(6, lead=(2, 2), n_q=3, n_k=3, d_k=4, d_v=5)  # (N, h, n, d): a head axis as well
    mask = np.array([[T, F, F], [T, T, F], [T, T, T]])          # (n, n), the same for every sequence and head
    out, w = _pair(_call(attention, Q, K, V, mask), (2, 2, 3, 5), (2, 2, 3, 3),
                   "scaled_dot_product_attention(Q, K, V, mask)")
    expect(np.all(w[..., ~mask] == 0),
           "With inputs of shape (N, h, n, d) and a mask of shape (n, n) every item must be masked: the weights above "
           "the diagonal must be exactly 0. Transpose only the last two axes of K (not K.T, which reverses all axes).",
           "입력 shape이 (N, h, n, d)이고 마스크 shape이 (n, n)이면 모든 항목이 마스킹되어야 합니다: 대각선 위의 가중치는 "
           "정확히 0이어야 합니다. K는 마지막 두 축만 바꿔서 전치하세요 (K.T는 모든 축을 뒤집습니다).")
    close(out[..., 0, :], V[..., 0, :], "out[..., 0, :]",
          "Under the causal mask the first query may only attend to the first key, so its output is the first row of V.",
          "causal 마스크에서 첫 query는 첫 key에만 attend할 수 있으므로 출력은 V의 첫 행입니다.")


# --------------------------------------------------------------------------- masks
CAUSAL_3 = np.array([[T, F, F], [T, T, F], [T, T, T]])


@selfcheck("causal_mask")
def causal_mask_written_out(causal_mask):
    got = _mask(_call(causal_mask, 3), (3, 3), "causal_mask(3)")
    if np.array_equal(got, CAUSAL_3.T):
        _fail("causal_mask(3) is transposed (True above the diagonal). Rows are queries, columns keys: query i may "
              "attend to keys j ≤ i, so True lies on and below the diagonal.",
              "causal_mask(3)이 전치되었습니다 (대각선 위가 True). 행은 query, 열은 key입니다: query i는 j ≤ i인 key에 "
              "attend할 수 있으므로 대각선과 그 아래가 True입니다.")
    if np.array_equal(got, CAUSAL_3 & ~np.eye(3, dtype=bool)):
        _fail("The diagonal of causal_mask(3) is False: a token may attend to itself (j = i), so the diagonal is True.",
              "causal_mask(3)의 대각선이 False입니다: 토큰은 자기 자신(j = i)에 attend할 수 있으므로 대각선은 True입니다.")
    if np.array_equal(got, ~CAUSAL_3):
        _fail("causal_mask(3) is inverted: True means may attend, so the allowed pairs j ≤ i are True and the future is False.",
              "causal_mask(3)의 의미가 반대입니다: True가 attend 가능이므로 허용된 쌍 j ≤ i가 True, 미래가 False입니다.")
    close(got, CAUSAL_3, "causal_mask(3)",
          "Written out: [[T, F, F], [T, T, F], [T, T, T]]: row i (query i) is True for the keys j = 0 … i.",
          "풀어 쓰면 [[T, F, F], [T, T, F], [T, T, T]]입니다: i행(query i)은 key j = 0 … i에서 True입니다.")


@selfcheck("causal_mask")
def causal_mask_sizes(causal_mask):
    close(_mask(_call(causal_mask, 1), (1, 1), "causal_mask(1)"), [[True]], "causal_mask(1)",
          "A single token may attend to itself: [[True]].", "토큰 하나는 자기 자신에 attend할 수 있습니다: [[True]].")
    got = _mask(_call(causal_mask, 5), (5, 5), "causal_mask(5)")
    i, j = np.indices((5, 5))
    expect(np.array_equal(got, j <= i), "causal_mask(5) should be True exactly where key j ≤ query i.",
           "causal_mask(5)는 key j ≤ query i인 곳에서만 True여야 합니다.")


TOKENS = np.array([[5, 7, 0, 0], [3, 0, 0, 0], [4, 2, 9, 1]])
PADDING = np.array([[[T, T, F, F]], [[T, F, F, F]], [[T, T, T, T]]])


@selfcheck("padding_mask")
def padding_mask_written_out(padding_mask):
    value = _call(padding_mask, TOKENS)
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    if arr is not None and arr.shape != (3, 1, 4) and arr.size == 12:
        _fail(f"padding_mask(tokens) has shape {arr.shape}; it should be (N, 1, n) = (3, 1, 4). The middle axis of size 1 "
              "stands for the queries, so the mask broadcasts over every query of the sentence: insert it between the "
              "batch axis and the token axis.",
              f"padding_mask(tokens)의 shape이 {arr.shape}입니다. (N, 1, n) = (3, 1, 4)여야 합니다. 크기 1인 가운데 축이 query "
              "축이어서 마스크가 문장의 모든 query에 broadcast됩니다: 배치 축과 토큰 축 사이에 넣으세요.")
    got = _mask(value, (3, 1, 4), "padding_mask(tokens)")
    if np.array_equal(got, ~PADDING):
        _fail("padding_mask is inverted: True means may attend, so real tokens are True and padding (pad_id) is False.",
              "padding_mask의 의미가 반대입니다: True가 attend 가능이므로 실제 토큰이 True, padding(pad_id)이 False입니다.")
    close(got, PADDING, "padding_mask(tokens)",
          "For tokens [[5, 7, 0, 0], [3, 0, 0, 0], [4, 2, 9, 1]] and pad_id = 0 the mask is "
          "[[[T, T, F, F]], [[T, F, F, F]], [[T, T, T, T]]]: True where tokens != pad_id.",
          "tokens [[5, 7, 0, 0], [3, 0, 0, 0], [4, 2, 9, 1]], pad_id = 0이면 마스크는 "
          "[[[T, T, F, F]], [[T, F, F, F]], [[T, T, T, T]]]입니다: tokens != pad_id인 곳이 True.")
    _unchanged(padding_mask, (TOKENS.copy(),), ("tokens",))


@selfcheck("padding_mask")
def padding_mask_other_pad_id(padding_mask):
    tokens = np.array([[0, 4, 7, 7], [7, 7, 7, 7]])
    got = _mask(_call(padding_mask, tokens, 7), (2, 1, 4), "padding_mask(tokens, pad_id=7)")
    if np.array_equal(got, (tokens != 0)[:, None, :]):
        _fail("padding_mask ignores its pad_id argument: compare the tokens with pad_id, not with a fixed 0.",
              "padding_mask가 pad_id 인자를 무시합니다: 고정된 0이 아니라 pad_id와 토큰을 비교하세요.")
    close(got, [[[T, T, F, F]], [[F, F, F, F]]], "padding_mask(tokens, pad_id=7)",
          "With pad_id = 7, token 0 is a real word (True) and every 7 is padding (False); a sentence that is all padding "
          "gives a row of False.",
          "pad_id = 7이면 토큰 0은 실제 단어(True)이고 7은 모두 padding(False)입니다. 전부 padding인 문장은 False만 있는 "
          "행이 됩니다.")


# --------------------------------------------------------------------------- heads
# X (N=1, n=2, d_model=4): token 0 = [0, 1, 2, 3], token 1 = [10, 11, 12, 13]. With h = 2 heads of
# d_head = 2 columns, head 0 holds columns 0–1 of each token and head 1 columns 2–3.
HEADS_X = np.array([[[0.0, 1.0, 2.0, 3.0], [10.0, 11.0, 12.0, 13.0]]])
HEADS_SPLIT = np.array([[[[0.0, 1.0], [10.0, 11.0]], [[2.0, 3.0], [12.0, 13.0]]]])


@selfcheck("split_heads")
def split_heads_worked_example(split_heads):
    got = shape(_call(split_heads, HEADS_X, 2), (1, 2, 2, 2), "split_heads(X, 2)")
    if _near(got, HEADS_X.reshape(1, 2, 2, 2)):
        _fail("The heads were split without the transpose: head 0 got all of token 0 and head 1 all of token 1. Reshape "
              "(N, n, d_model) to (N, n, h, d_head) first, then move the head axis in front of the token axis.",
              "transpose 없이 head를 나눴습니다: head 0이 토큰 0 전체를, head 1이 토큰 1 전체를 가졌습니다. 먼저 "
              "(N, n, d_model)을 (N, n, h, d_head)로 reshape한 다음 head 축을 토큰 축 앞으로 옮기세요.")
    if _near(got, [[[[0.0, 2.0], [10.0, 12.0]], [[1.0, 3.0], [11.0, 13.0]]]]):
        _fail("Your heads take every other column. Head j holds the consecutive columns j·d_head … (j+1)·d_head − 1: "
              "reshape to (N, n, h, d_head), not (N, n, d_head, h).",
              "head가 열을 하나씩 건너뛰며 가져갑니다. head j는 연속된 열 j·d_head … (j+1)·d_head − 1을 가집니다: "
              "(N, n, d_head, h)가 아니라 (N, n, h, d_head)로 reshape하세요.")
    close(got, HEADS_SPLIT, "split_heads(X, 2)",
          "X has tokens [0, 1, 2, 3] and [10, 11, 12, 13]; head 0 holds columns 0–1 of each token, "
          "[[0, 1], [10, 11]], and head 1 columns 2–3, [[2, 3], [12, 13]].",
          "X의 토큰은 [0, 1, 2, 3]과 [10, 11, 12, 13]입니다. head 0은 각 토큰의 열 0–1인 [[0, 1], [10, 11]]을, head 1은 "
          "열 2–3인 [[2, 3], [12, 13]]을 가집니다.")


@selfcheck("split_heads")
def split_heads_shapes(split_heads):
    X = np.random.default_rng(7).normal(size=(2, 5, 6))
    for h, d_head in ((1, 6), (2, 3), (3, 2), (6, 1)):
        got = shape(_call(split_heads, X, h), (2, h, 5, d_head), f"split_heads(X of shape (2, 5, 6), {h})")
        close(got[:, -1, -1], X[:, -1, -d_head:], f"split_heads(X, {h})[:, -1, -1]",
              "The last head of the last token holds that token's last d_head columns.",
              "마지막 토큰의 마지막 head는 그 토큰의 마지막 d_head개 열을 가집니다.")
    _unchanged(split_heads, (X, 3), ("X", "n_heads"))


@selfcheck("split_heads")
def split_heads_not_divisible(split_heads):
    # (2, 4, 6) with 4 heads: a reshape to (N, -1, h, d_model // h) would even succeed here, silently.
    for n, h in ((4, 4), (5, 5)):
        try:
            result = _call(split_heads, np.zeros((2, n, 6)), h)
        except ValueError:
            continue
        except (NotImplementedError, SelfCheckFailed):
            raise
        except Exception as exc:
            _fail(f"split_heads(X with d_model = 6, n_heads = {h}) raised {type(exc).__name__}; check d_model % n_heads "
                  "first and raise ValueError with a message that says what is wrong.",
                  f"split_heads(d_model = 6, n_heads = {h})가 {type(exc).__name__}를 발생시켰습니다. 먼저 d_model % n_heads를 "
                  "확인하고, 무엇이 잘못되었는지 알려 주는 메시지로 ValueError를 발생시키세요.")
        got = np.shape(result) if result is not None else None
        _fail(f"split_heads(X of shape (2, {n}, 6), n_heads = {h}) returned "
              f"{'an array of shape ' + str(got) if got else 'None'} instead of raising ValueError. 6 columns cannot be cut "
              f"into {h} equal heads: check d_model % n_heads == 0 (the lecture's common mistake 'dimension mismatch').",
              f"split_heads(shape (2, {n}, 6)인 X, n_heads = {h})가 ValueError를 발생시키지 않고 "
              f"{'shape ' + str(got) + '인 배열을' if got else 'None을'} 반환했습니다. 열 6개는 같은 크기의 head {h}개로 "
              "자를 수 없습니다: d_model % n_heads == 0을 확인하세요 (강의의 자주 하는 실수 'Dimension 불일치').")


@selfcheck("merge_heads")
def merge_heads_worked_example(merge_heads):
    got = shape(_call(merge_heads, HEADS_SPLIT), (1, 2, 4), "merge_heads(heads)")
    if _near(got, HEADS_SPLIT.reshape(1, 2, 4)):
        _fail("The heads were merged without the transpose, which mixes tokens. Move the head axis back first, "
              "(N, h, n, d_head) → (N, n, h, d_head), then reshape to (N, n, h · d_head).",
              "transpose 없이 head를 합쳐서 토큰이 섞였습니다. 먼저 head 축을 되돌리고 ((N, h, n, d_head) → "
              "(N, n, h, d_head)), 그다음 (N, n, h · d_head)로 reshape하세요.")
    close(got, HEADS_X, "merge_heads(heads)",
          "Head 0 holds [[0, 1], [10, 11]] and head 1 [[2, 3], [12, 13]]; side by side, token 0 is [0, 1, 2, 3] and "
          "token 1 [10, 11, 12, 13].",
          "head 0은 [[0, 1], [10, 11]], head 1은 [[2, 3], [12, 13]]입니다. 옆으로 이어 붙이면 토큰 0은 [0, 1, 2, 3], "
          "토큰 1은 [10, 11, 12, 13]입니다.")
    _unchanged(merge_heads, (HEADS_SPLIT.copy(),), ("X",))


@selfcheck("merge_heads")
def merge_heads_undoes_split_heads(merge_heads):
    split = _sibling(merge_heads, "split_heads")
    X = np.random.default_rng(8).normal(size=(2, 5, 6))
    for h in (2, 3):
        parts = shape(_call(split, X, h, checked="merge_heads"), (2, h, 5, 6 // h), f"split_heads(X, {h})")
        close(_call(merge_heads, parts), X, f"merge_heads(split_heads(X, {h}))",
              "merge_heads must undo split_heads and give X back.",
              "merge_heads는 split_heads를 되돌려 X를 그대로 돌려주어야 합니다.")


# --------------------------------------------------------------------------- multi-head attention
def _mha_params(seed, d=4, bias=True):
    rng = np.random.default_rng(seed)
    p = {f"W_{k}": rng.normal(0, 0.5, (d, d)) for k in "qkvo"}
    if bias:
        p.update({"b_" + k: rng.normal(0, 0.5, d) for k in "qkvo"})
    return p


def _identity(d):
    return {f"W_{k}": np.eye(d) for k in "qkvo"}


@selfcheck("multi_head_attention")
def mha_shapes(mha):
    rng = np.random.default_rng(9)
    Xq, Xkv, p = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), _mha_params(9)
    value = _call(mha, Xq, Xkv, p, 2)
    got = items(value, 2, "multi_head_attention(...)")
    if np.shape(got[1]) == (2, 3, 5):
        _fail("weights has shape (N, n_q, n_kv) = (2, 3, 5): return every head's weights, shape (N, h, n_q, n_kv) = "
              "(2, 2, 3, 5), not their average.",
              "weights의 shape이 (N, n_q, n_kv) = (2, 3, 5)입니다. 평균 내지 말고 모든 head의 가중치를 shape "
              "(N, h, n_q, n_kv) = (2, 2, 3, 5)로 반환하세요.")
    out, w = _pair(value, (2, 3, 4), (2, 2, 3, 5), "multi_head_attention(X_q, X_kv, params, 2)")
    _rows_sum_to_one(w)
    _unchanged(mha, (Xq, Xkv, p, 2), ("X_q", "X_kv", "params", "n_heads"))


@selfcheck("multi_head_attention")
def mha_one_head_is_plain_attention(mha):
    attention = _sibling(mha, "scaled_dot_product_attention")
    rng = np.random.default_rng(10)
    Xq, Xkv = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4))
    out, w = _pair(_call(mha, Xq, Xkv, _identity(4), 1), (2, 3, 4), (2, 1, 3, 5), "multi_head_attention(..., n_heads=1)")
    plain_out, plain_w = _pair(_call(attention, Xq, Xkv, Xkv, checked="multi_head_attention"), (2, 3, 4), (2, 3, 5),
                               "scaled_dot_product_attention(X_q, X_kv, X_kv)")
    what = ("With one head, W_q = W_k = W_v = W_o = I and no biases, multi-head attention is plain attention: "
            "Q = X_q, K = V = X_kv, so the result must equal scaled_dot_product_attention(X_q, X_kv, X_kv). "
            "(A params dict without b_q, b_k, b_v, b_o must work: add only the biases that are present.)",
            "head가 하나이고 W_q = W_k = W_v = W_o = I이며 편향이 없으면 multi-head attention은 일반 attention입니다: "
            "Q = X_q, K = V = X_kv이므로 결과가 scaled_dot_product_attention(X_q, X_kv, X_kv)와 같아야 합니다. "
            "(b_q, b_k, b_v, b_o가 없는 params도 동작해야 합니다: 있는 편향만 더하세요.)")
    close(w[:, 0], plain_w, "weights[:, 0]", *what)
    close(out, plain_out, "out", *what)


@selfcheck("multi_head_attention")
def mha_each_head_scaled_by_its_own_size(mha):
    attention = _sibling(mha, "scaled_dot_product_attention")
    rng = np.random.default_rng(11)
    Xq, Xkv = rng.normal(size=(2, 3, 4)), 2.0 * rng.normal(size=(2, 5, 4))
    out, w = _pair(_call(mha, Xq, Xkv, _identity(4), 2), (2, 3, 4), (2, 2, 3, 5), "multi_head_attention(..., n_heads=2)")
    for j, cols in enumerate((slice(0, 2), slice(2, 4))):
        q, kv = Xq[..., cols], Xkv[..., cols]
        head_out, head_w = _pair(_call(attention, q, kv, kv, checked="multi_head_attention"), (2, 3, 2), (2, 3, 5),
                                 "scaled_dot_product_attention(...)")
        if not _near(w[:, j], head_w):
            wrong = _pair(_call(attention, q / np.sqrt(2.0), kv, kv, checked="multi_head_attention"), (2, 3, 2),
                          (2, 3, 5), "scaled_dot_product_attention(...)")[1]
            if _near(w[:, j], wrong):
                _fail("Each head is scaled by √d_model = 2; it should be √d_head = √(d_model / h) = √2, the d_k of that "
                      "head's own queries and keys.",
                      "각 head를 √d_model = 2로 scaling했습니다. √d_head = √(d_model / h) = √2, 즉 그 head의 query와 key의 "
                      "차원 d_k여야 합니다.")
            _fail(f"With identity projections (W = I, no biases) and h = 2, head {j} is attention on columns "
                  f"{2 * j}–{2 * j + 1} of X_q and X_kv, scaled by √d_head = √2. Your weights[:, {j}] differ. Did you split "
                  "Q, K and V into heads (split_heads) and attend with your scaled_dot_product_attention?",
                  f"projection이 항등(W = I, 편향 없음)이고 h = 2이면 head {j}는 X_q와 X_kv의 열 {2 * j}–{2 * j + 1}에 대한 "
                  f"attention이고 √d_head = √2로 scaling됩니다. weights[:, {j}]가 다릅니다. Q, K, V를 head로 나누고 "
                  "(split_heads) 여러분의 scaled_dot_product_attention으로 계산했나요?")
        close(out[..., cols], head_out, f"out[..., {2 * j}:{2 * j + 2}]",
              f"With W_o = I the output columns {2 * j}–{2 * j + 1} are head {j}'s output (Concat of the heads).",
              f"W_o = I이면 출력의 열 {2 * j}–{2 * j + 1}은 head {j}의 출력입니다 (head들을 이어 붙임).")


@selfcheck("multi_head_attention")
def mha_biases_and_output_projection(mha):
    X = np.random.default_rng(12).normal(size=(2, 3, 4))
    p = {f"W_{k}": np.zeros((4, 4)) for k in "qkv"}
    p.update({"W_o": np.eye(4), "b_q": np.ones(4), "b_k": np.full(4, -1.0),
              "b_v": np.array([1.0, 2.0, 3.0, 4.0]), "b_o": np.array([10.0, 0.0, 0.0, 0.0])})
    out, w = _pair(_call(mha, X, X, p, 2), (2, 3, 4), (2, 2, 3, 3), "multi_head_attention(X, X, params, 2)")
    close(w, np.full((2, 2, 3, 3), 1 / 3), "weights",
          "W_q = W_k = 0, so every query is b_q and every key b_k: all scores of a row are equal and the weights uniform, 1/3.",
          "W_q = W_k = 0이므로 모든 query는 b_q, 모든 key는 b_k입니다: 한 행의 점수가 모두 같아 가중치는 균등한 1/3입니다.")
    if _near(out, np.tile([1.0, 2.0, 3.0, 4.0], (2, 3, 1))):
        _fail("The output projection is missing (or b_o is): after merging the heads, multiply by W_o and add b_o. Here "
              "every value is b_v = [1, 2, 3, 4], W_o = I and b_o = [10, 0, 0, 0], so out = [11, 2, 3, 4].",
              "출력 projection(또는 b_o)이 빠졌습니다: head를 합친 뒤 W_o를 곱하고 b_o를 더하세요. 여기서는 모든 value가 "
              "b_v = [1, 2, 3, 4], W_o = I, b_o = [10, 0, 0, 0]이므로 out = [11, 2, 3, 4]입니다.")
    close(out, np.tile([11.0, 2.0, 3.0, 4.0], (2, 3, 1)), "out",
          "W_v = 0, so every value is b_v = [1, 2, 3, 4] and any average of them too; then W_o = I and b_o = "
          "[10, 0, 0, 0] give out = [11, 2, 3, 4] for every token. Are all four biases added (V = X_kv W_v + b_v, "
          "out = Concat(…) W_o + b_o)?",
          "W_v = 0이므로 모든 value는 b_v = [1, 2, 3, 4]이고 그 평균도 같습니다. 그다음 W_o = I, b_o = [10, 0, 0, 0]이므로 "
          "모든 토큰에서 out = [11, 2, 3, 4]입니다. 편향 네 개를 모두 더했나요 (V = X_kv W_v + b_v, "
          "out = Concat(…) W_o + b_o)?")


@selfcheck("multi_head_attention")
def mha_mask_reaches_every_head(mha):
    rng = np.random.default_rng(13)
    Xq, Xkv, p = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), _mha_params(13)
    lengths = np.array([2, 4])                                   # sequence 0 keeps 2 keys, sequence 1 keeps 4
    pad = (np.arange(5)[None, :] < lengths[:, None])[:, None, :]  # (N, 1, n_kv); here N = h = 2
    out, w = _pair(_call(mha, Xq, Xkv, p, 2, pad), (2, 3, 4), (2, 2, 3, 5), "multi_head_attention(..., mask)")
    hidden = np.broadcast_to(~pad[:, None], w.shape)
    if not np.all(w[hidden] == 0):
        crossed = np.broadcast_to(~pad[None], w.shape)
        if np.all(w[crossed] == 0):
            _fail("The padding mask (N, 1, n_kv) reached the wrong heads: sequence b was masked like sequence j in head j. "
                  "Give a 3-D mask a head axis of size 1 after its batch axis first, (N, 1, n_q, n_kv), so it lines up "
                  "with the scores (N, h, n_q, n_kv).",
                  "padding 마스크 (N, 1, n_kv)가 엉뚱한 head에 적용되었습니다: head j에서 시퀀스 b가 시퀀스 j처럼 마스킹되었습니다. "
                  "3차원 마스크에는 먼저 배치 축 뒤에 크기 1인 head 축을 넣으세요: (N, 1, n_q, n_kv). 그래야 점수 "
                  "(N, h, n_q, n_kv)와 맞습니다.")
        _fail("With a padding mask, the padded keys must get weight exactly 0 in every head of every sequence.",
              "padding 마스크를 쓰면 모든 시퀀스의 모든 head에서 padding된 key의 가중치가 정확히 0이어야 합니다.")
    _rows_sum_to_one(w)
    X = rng.normal(size=(2, 4, 4))
    causal = np.array([[T, F, F, F], [T, T, F, F], [T, T, T, F], [T, T, T, T]])
    _, w = _pair(_call(mha, X, X, p, 2, causal), (2, 4, 4), (2, 2, 4, 4), "multi_head_attention(X, X, params, 2, causal)")
    expect(np.all(w[..., ~causal] == 0),
           "With a causal mask of shape (n, n) every head of every sequence must have zero weights above the diagonal.",
           "shape (n, n)인 causal 마스크를 쓰면 모든 시퀀스의 모든 head에서 대각선 위의 가중치가 0이어야 합니다.")
