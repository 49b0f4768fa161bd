"""Self-checks of the decoder assignment: what ``check(decoder_block)`` runs in the notebook.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off and
what the lecture's formula implies, in the release language. This file is released to
students: it holds shapes, properties and worked examples small enough to verify by hand
(an additive score that is ln 3 by construction; [5, 6, 7, 2] shifted right is [bos, 5, 6, 7];
a decoder block whose attentions average their inputs; a 2-class loss with p = [1/4, 3/4]; a
scripted step function whose answers are written out), never reference outputs on random data
and never solution code.

NumPy warnings count as the hidden checks count them: an overflow (e^1000) is a mistake, while
the divide/invalid warnings of a row with no allowed key, or an underflow, are not.

Language: every message is a Text shown in the core's language, which the setup cell sets with
``use_language("ko")``.
"""
import warnings

import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import (SelfCheckFailed, check, check_all, close, expect, grade, items, say, selfcheck,  # noqa: F401
                              shape, use_language)

LN3 = np.log(3.0)
SQRT5 = np.sqrt(5.0)
_core.student_functions("additive_attention", "shift_right", "decoder_block", "sequence_cross_entropy",
                        "greedy_decode")
T, F = True, False
GELU_TOL = 1e-3            # the tanh approximation of GELU is accepted within this


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_near = _core.near
_fail = _core.fail


_call = _core.call


def _overflow(fn, *args):
    """``_call(fn, *args)`` and the first overflow warning it raised (None if none).

    Only overflows count (as in the hidden checks): e^(−1000) underflowing to 0, or log 0 in a row
    with no allowed key, are not mistakes."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        value = _call(fn, *args)
    trouble = [str(w.message) for w in caught if "overflow" in str(w.message)]
    return value, (trouble[0] if trouble else None)


def _quiet_call(fn, *args):
    """``_call`` without showing the divide/invalid warnings a fully masked row may raise."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _call(fn, *args)


def _unchanged(fn, args, names):
    """Call ``fn`` on the inputs themselves and check it left every one of them as it was."""
    originals = [_copy(a) for a in args]
    _quiet_call_nocopy(fn, *args)
    for name, now, before in zip(names, args, originals):
        if isinstance(before, dict):
            same = all(np.array_equal(now[k], before[k]) for k in before)
        elif isinstance(before, np.ndarray):
            same = np.array_equal(now, before)
        else:
            continue
        expect(same,
               f"{fn.__name__} changed its input {name} in place. Build the result as a new array "
               "(in-place operations such as +=, *= or x[...] = overwrite the caller's array, which may still need it).",
               f"{fn.__name__}이(가) 입력 {name}을(를) 제자리에서 바꿨습니다. 결과는 새 배열로 만드세요 "
               "(+=, *=, x[...] = 같은 제자리 연산은 호출한 쪽이 아직 쓰는 배열을 덮어씁니다).")


def _quiet_call_nocopy(fn, *args):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _call(fn, *args, copy=False)


def _pair(value, out_shape, w_shape, what):
    """The (out, weights) pair of an attention call as arrays; (weights, out) is named."""
    out, w = items(value, 2, what)
    out, w = np.asarray(out, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if out.shape == tuple(w_shape) and w.shape == tuple(out_shape) and tuple(out_shape) != tuple(w_shape):
        _fail(f"{what} returned (weights, out); return them in the order (out, weights).",
              f"{what}이(가) (weights, out)을 반환했습니다. (out, weights) 순서로 반환하세요.")
    return shape(out, out_shape, "out"), shape(w, w_shape, "weights")


def _rows_sum_to_one(w, what="weights"):
    sums = w.sum(axis=-1)
    expect(np.allclose(sums, 1.0, atol=1e-6),
           f"Every row of the {what} should sum to 1 (a distribution over the keys); yours sum to "
           f"{np.round(sums.ravel()[:4], 3).tolist()} …",
           f"{what}의 모든 행의 합은 1이어야 합니다 (key에 대한 확률 분포). 지금은 {np.round(sums.ravel()[:4], 3).tolist()} …입니다.")


# --------------------------------------------------------------------------- additive_attention
def _additive_params(seed, d_q=3, d_k=5, d_a=4, scale_v=1.0):
    rng = np.random.default_rng(seed)
    return {"W_q": rng.normal(0, 0.7, (d_q, d_a)), "W_k": rng.normal(0, 0.7, (d_k, d_a)),
            "v": rng.normal(0, scale_v, d_a)}


def _additive_inputs(seed, n=2, n_q=3, n_k=4, d_q=3, d_k=5, d_v=2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n_q, d_q)), rng.normal(size=(n, n_k, d_k)), rng.normal(size=(n, n_k, d_v))


@selfcheck("additive_attention")
def additive_shapes_and_rows(additive_attention):
    Q, K, V = _additive_inputs(1)
    p = _additive_params(1)
    out, w = _pair(_call(additive_attention, Q, K, V, p), (2, 3, 2), (2, 3, 4), "additive_attention(Q, K, V, params)")
    expect(np.all(w >= 0), "Attention weights are softmax outputs and cannot be negative; some of yours are.",
           "attention 가중치는 softmax 출력이므로 음수일 수 없는데, 음수가 있습니다.")
    _rows_sum_to_one(w)
    _unchanged(additive_attention, (Q, K, V, p), ("Q", "K", "V", "params"))


# d_q = d_k = 1, d_a = 4: W_q = [[1, 0, 0, 0]], W_k = [[1, −1, 0, 0]], v = [2, 0, 0, 0], so the hidden vector of
# (q, k_j) is tanh([q + k_j, −k_j, 0, 0]) and the score is 2 · tanh(q + k_j). With q = 0 and
# k = [0, artanh(ln 3 / 2)], tanh gives [0, ln 3 / 2] and the scores are [0, ln 3]: weights [1/4, 3/4].
ADD_P = {"W_q": np.array([[1.0, 0.0, 0.0, 0.0]]), "W_k": np.array([[1.0, -1.0, 0.0, 0.0]]),
         "v": np.array([2.0, 0.0, 0.0, 0.0])}
ADD_Q = np.zeros((1, 1, 1))
ADD_K = np.array([[[0.0], [np.arctanh(LN3 / 2)]]])
ADD_V = np.array([[[4.0, 0.0, 2.0], [0.0, 8.0, 2.0]]])


@selfcheck("additive_attention")
def additive_worked_example(additive_attention):
    out, w = _pair(_call(additive_attention, ADD_Q, ADD_K, ADD_V, ADD_P), (1, 1, 3), (1, 1, 2),
                   "additive_attention(Q, K, V, params)")
    yours = np.round(w[0, 0], 3).tolist()
    z = ADD_K[0, :, 0]
    if _near(w[0, 0], np.exp(np.tanh(2 * z)) / np.exp(np.tanh(2 * z)).sum()):
        _fail(f"tanh was applied after the dot product with v (weights {yours}). The score is v · tanh(q W_q + k W_k): "
              "here the hidden vectors are tanh([0, 0, 0, 0]) and tanh([z, −z, 0, 0]) with tanh(z) = ln 3 / 2, and their "
              "dot products with v = [2, 0, 0, 0] are the scores [0, ln 3]: weights [1/4, 3/4].",
              f"tanh를 v와의 내적 뒤에 적용했습니다 (가중치 {yours}). 점수는 v · tanh(q W_q + k W_k)입니다: 여기서 은닉 벡터는 "
              "tanh([0, 0, 0, 0])와 tanh([z, −z, 0, 0]) (tanh(z) = ln 3 / 2)이고, v = [2, 0, 0, 0]과의 내적이 점수 [0, ln 3], "
              "가중치는 [1/4, 3/4]입니다.")
    if _near(w[0, 0], np.exp(2 * z) / np.exp(2 * z).sum()):
        _fail(f"The tanh is missing (weights {yours}): the score is v · tanh(q W_q + k W_k), not v · (q W_q + k W_k). "
              "Without tanh the query's part of the score is the same for every key and cancels in the softmax.",
              f"tanh가 빠졌습니다 (가중치 {yours}): 점수는 v · (q W_q + k W_k)가 아니라 v · tanh(q W_q + k W_k)입니다. tanh가 "
              "없으면 점수에서 query 부분이 모든 key에 같아서 softmax에서 사라집니다.")
    if _near(w[0, 0], [0.5, 0.5]):
        _fail(f"v is missing (weights {yours}): the hidden vector tanh(q W_q + k W_k) becomes a score through its dot "
              "product with v = [2, 0, 0, 0], not by summing (or averaging) its entries — here the sum is "
              "tanh(z) + tanh(−z) = 0 for both keys.",
              f"v가 빠졌습니다 (가중치 {yours}): 은닉 벡터 tanh(q W_q + k W_k)는 항목을 더하거나 평균 내는 것이 아니라 "
              "v = [2, 0, 0, 0]과의 내적으로 점수가 됩니다. 여기서 합은 두 key 모두 tanh(z) + tanh(−z) = 0입니다.")
    if _near(w[0, 0], [1 / (1 + np.sqrt(3)), np.sqrt(3) / (1 + np.sqrt(3))]):
        _fail(f"The scores were divided by √d_a = 2 (weights {yours}). Scaling belongs to scaled dot-product attention; "
              "Bahdanau's score is v · tanh(q W_q + k W_k) as it is: [0, ln 3] here.",
              f"점수를 √d_a = 2로 나눴습니다 (가중치 {yours}). scaling은 scaled dot-product attention의 것이고, Bahdanau 점수는 "
              "v · tanh(q W_q + k W_k) 그대로입니다: 여기서 [0, ln 3].")
    close(w, [[[0.25, 0.75]]], "weights",
          f"Here the hidden vectors are tanh([0, 0, 0, 0]) = 0 and tanh([z, −z, 0, 0]) with tanh(z) = ln 3 / 2; "
          f"times v = [2, 0, 0, 0] the scores are [0, ln 3], so the weights are [1/4, 3/4] (yours: {yours}).",
          f"여기서 은닉 벡터는 tanh([0, 0, 0, 0]) = 0과 tanh([z, −z, 0, 0]) (tanh(z) = ln 3 / 2)이고, v = [2, 0, 0, 0]과 "
          f"내적하면 점수는 [0, ln 3], 가중치는 [1/4, 3/4]입니다 (결과: {yours}).")
    close(out, [[[1.0, 6.0, 2.0]]], "out",
          "The output is the weighted average of the rows of V: 1/4 · [4, 0, 2] + 3/4 · [0, 8, 2] = [1, 6, 2].",
          "출력은 V의 행들의 가중 평균입니다: 1/4 · [4, 0, 2] + 3/4 · [0, 8, 2] = [1, 6, 2].")


@selfcheck("additive_attention")
def additive_weights_depend_on_the_query(additive_attention):
    Q, K, V = _additive_inputs(2, n=1, n_q=2)
    Q[0, 1] = -Q[0, 0]                                   # two different queries, same keys
    p = _additive_params(2, scale_v=2.0)
    _, w = _pair(_call(additive_attention, Q, K, V, p), (1, 2, 2), (1, 2, 4), "additive_attention(Q, K, V, params)")
    expect(not np.allclose(w[0, 0], w[0, 1], atol=1e-6),
           "Two different queries got the same weights over the same keys. In v · tanh(q_i W_q + k_j W_k) the tanh "
           "mixes query and key: without it (or with tanh applied to each projection alone) the query's term is the "
           "same for every key and cancels in the softmax.",
           "서로 다른 두 query가 같은 key들에 대해 같은 가중치를 받았습니다. v · tanh(q_i W_q + k_j W_k)에서 tanh가 query와 "
           "key를 섞습니다: tanh가 없으면 (또는 각 projection에 따로 적용하면) query 항이 모든 key에 같아서 softmax에서 "
           "사라집니다.")


@selfcheck("additive_attention")
def additive_mask(additive_attention):
    Q, K, V = _additive_inputs(3)
    p = _additive_params(3)
    mask = np.array([[[T, T, F, F]], [[T, T, T, F]]])           # (N, 1, n_k): padding, broadcast over queries
    out, w = _pair(_quiet_call(additive_attention, Q, K, V, p, mask), (2, 3, 2), (2, 3, 4),
                   "additive_attention(Q, K, V, params, mask)")
    hidden = np.broadcast_to(~mask, w.shape)
    if np.any(w[hidden] != 0) and np.all(w[~hidden] == 0):
        _fail("The mask is inverted: True means may attend (False = hidden).",
              "마스크의 의미가 반대입니다: True가 attend 가능(False = 가림)입니다.")
    expect(np.all(w[hidden] == 0),
           "Masked keys (False in the mask) must get weight exactly 0: set their scores to −∞ before the softmax, "
           "np.where(mask, score, -np.inf).",
           "마스킹된 key(마스크가 False)는 가중치가 정확히 0이어야 합니다: softmax 전에 점수를 −∞로 바꾸세요, "
           "np.where(mask, score, -np.inf).")
    expect(np.allclose(w.sum(axis=-1), 1.0, atol=1e-6),
           "With a mask the weight rows no longer sum to 1: the mask was applied after the softmax. Mask the scores "
           "before it, so the allowed keys share all the weight.",
           "마스크를 쓰자 가중치 행의 합이 1이 아닙니다: softmax 뒤에 마스크를 적용했습니다. softmax 전에 점수를 마스킹해서 "
           "허용된 key들이 가중치 전체를 나누어 갖게 하세요.")
    V2 = V.copy()
    V2[0, 2:], V2[1, 3:] = 100.0, -100.0
    out2, _ = _pair(_quiet_call(additive_attention, Q, K, V2, p, mask), (2, 3, 2), (2, 3, 4),
                    "additive_attention(Q, K, V, params, mask)")
    close(out2, out, "out", "Changing the values at masked positions must not change the output.",
          "마스킹된 위치의 value를 바꿔도 출력이 바뀌면 안 됩니다.")


@selfcheck("additive_attention")
def additive_fully_masked_row_and_large_scores(additive_attention):
    Q, K, V = _additive_inputs(4, n=1, n_q=2, n_k=3)
    p = _additive_params(4)
    mask = np.array([[[T, F, T], [F, F, F]]])
    out, w = _pair(_quiet_call(additive_attention, Q, K, V, p, mask), (1, 2, 2), (1, 2, 3),
                   "additive_attention(Q, K, V, params, mask)")
    if not (np.all(np.isfinite(w[0, 1])) and np.all(np.isfinite(out[0, 1]))):
        _fail("The second query may attend to no key at all and your attention gave NaN there. This course wants zero "
              "weights and a zero output for such a row (the softmax of an all −∞ row is all zeros).",
              "두 번째 query는 attend할 수 있는 key가 하나도 없는데 그 행에서 NaN이 나왔습니다. 이 과정에서는 이런 행의 가중치와 "
              "출력이 0이어야 합니다 (전부 −∞인 행의 softmax는 모두 0).")
    if _near(w[0, 1], np.full(3, 1 / 3)):
        _fail("The fully masked second query got uniform weights [1/3, 1/3, 1/3]: that is what filling masked scores "
              "with −1e9 does. Fill them with −∞ so such a row gets zero weights and a zero output.",
              "완전히 마스킹된 두 번째 query가 균등한 가중치 [1/3, 1/3, 1/3]를 받았습니다: 마스킹된 점수를 −1e9로 채우면 "
              "이렇게 됩니다. −∞로 채워서 이런 행의 가중치와 출력이 0이 되게 하세요.")
    close(w[0, 1], np.zeros(3), "weights[0, 1]", "A query with no allowed key gets all-zero weights.",
          "허용된 key가 없는 query의 가중치는 모두 0입니다.")
    close(out[0, 1], np.zeros(2), "out[0, 1]", "A query with no allowed key gets a zero output.",
          "허용된 key가 없는 query의 출력은 0입니다.")
    big = dict(p, v=400.0 * p["v"])
    value, trouble = _overflow(additive_attention, Q, K, V, big)
    out, w = _pair(value, (1, 2, 2), (1, 2, 3), "additive_attention(Q, K, V, params with v × 400)")
    expect(trouble is None and np.all(np.isfinite(w)),
           f"With large scores (v × 400) your softmax overflowed ({trouble}): subtract each row's maximum before np.exp.",
           f"점수가 클 때(v × 400) softmax가 overflow되었습니다 ({trouble}): np.exp 전에 각 행의 최댓값을 빼세요.")
    _rows_sum_to_one(w)


# --------------------------------------------------------------------------- shift_right
SHIFT_TARGETS = np.array([[5, 6, 7, 2], [8, 2, 0, 0]])
SHIFTED = np.array([[1, 5, 6, 7], [1, 8, 2, 0]])


@selfcheck("shift_right")
def shift_right_worked_example(shift_right):
    value = _call(shift_right, SHIFT_TARGETS, 1)
    arr = np.asarray(value) if value is not None else None
    if arr is not None and arr.shape == (2, 5):
        _fail("shift_right returned 5 columns for targets of 4: bos goes in front and the last target drops out, "
              "[5, 6, 7, 2] → [1, 5, 6, 7] (the decoder input has the targets' length).",
              "target이 4열인데 shift_right가 5열을 반환했습니다: bos를 앞에 넣고 마지막 target은 빠집니다, "
              "[5, 6, 7, 2] → [1, 5, 6, 7] (decoder 입력은 target과 길이가 같음).")
    got = shape(value, (2, 4), "shift_right(targets, bos_id=1)")
    if np.array_equal(got, [[6, 7, 2, 1], [2, 0, 0, 1]]):
        _fail("The targets were shifted left. Teacher forcing shifts them right: the decoder input at position t is the "
              "previous target, [5, 6, 7, 2] → [bos, 5, 6, 7].",
              "target을 왼쪽으로 밀었습니다. teacher forcing은 오른쪽으로 밉니다: 위치 t의 decoder 입력은 이전 target입니다, "
              "[5, 6, 7, 2] → [bos, 5, 6, 7].")
    if np.array_equal(got, [[2, 5, 6, 7], [0, 8, 2, 0]]):
        _fail("np.roll wrapped the last target around to the front: position 0 must be bos_id, [5, 6, 7, 2] → [1, 5, 6, 7].",
              "np.roll이 마지막 target을 맨 앞으로 돌려 보냈습니다: 위치 0은 bos_id여야 합니다, [5, 6, 7, 2] → [1, 5, 6, 7].")
    if np.array_equal(got[:, 1:], SHIFTED[:, 1:]) and not np.array_equal(got[:, 0], [1, 1]):
        _fail("Position 0 is not the bos_id you were given (1 here): the decoder input starts with bos.",
              "위치 0이 주어진 bos_id(여기서는 1)가 아닙니다: decoder 입력은 bos로 시작합니다.")
    close(got, SHIFTED, "shift_right(targets, bos_id=1)",
          "[5, 6, 7, 2] becomes [1, 5, 6, 7] and [8, 2, 0, 0] becomes [1, 8, 2, 0]: bos first, then every target but "
          "the last.",
          "[5, 6, 7, 2]는 [1, 5, 6, 7], [8, 2, 0, 0]은 [1, 8, 2, 0]이 됩니다: bos가 먼저, 그다음 마지막을 뺀 target들.")
    _unchanged(shift_right, (SHIFT_TARGETS.copy(), 1), ("targets", "bos_id"))


@selfcheck("shift_right")
def shift_right_dtype_and_one_position(shift_right):
    targets = SHIFT_TARGETS.astype(np.int32)
    got = _call(shift_right, targets, 9)
    close(shape(got, (2, 4), "shift_right(int32 targets, bos_id=9)"), [[9, 5, 6, 7], [9, 8, 2, 0]],
          "shift_right(int32 targets, bos_id=9)", "Use the bos_id you are given: [9, 5, 6, 7].",
          "주어진 bos_id를 쓰세요: [9, 5, 6, 7].")
    expect(np.asarray(got).dtype == np.int32,
           f"For int32 targets the result should be int32 too; yours is {np.asarray(got).dtype}. Build it with "
           "np.empty_like(targets), or cast to targets.dtype.",
           f"int32 target이면 결과도 int32여야 하는데 {np.asarray(got).dtype}입니다. np.empty_like(targets)로 만들거나 "
           "targets.dtype으로 변환하세요.")
    one = shape(_call(shift_right, np.array([[4], [6]]), 1), (2, 1), "shift_right(targets of length 1, bos_id=1)")
    close(one, [[1], [1]], "shift_right(targets of length 1, bos_id=1)",
          "With a single target per row the decoder input is just [bos].",
          "행마다 target이 하나면 decoder 입력은 [bos]뿐입니다.")


# --------------------------------------------------------------------------- decoder_block
def _zero_block(d=4, f=4, gammas=(1.0, 1.0, 1.0), betas=(0.0, 0.0, 0.0)):
    """Every sublayer weight 0: MHA(·) = 0 and FFN(·) = 0 (attention weights uniform over the allowed keys)."""
    p = {f"{part}_W_{k}": np.zeros((d, d)) for part in ("self", "cross") for k in "qkvo"}
    p.update({"W_1": np.zeros((d, f)), "b_1": np.zeros(f), "W_2": np.zeros((f, d)), "b_2": np.zeros(d)})
    for i, g, b in zip("123", gammas, betas):
        p[f"gamma_{i}"], p[f"beta_{i}"] = np.full(d, g), np.full(d, b)
    return p


def _random_block(seed, d=4, f=6):
    rng = np.random.default_rng(seed)
    p = {f"{part}_W_{k}": rng.normal(0, 0.5, (d, d)) for part in ("self", "cross") for k in "qkvo"}
    p.update({f"{part}_b_{k}": rng.normal(0, 0.3, d) for part in ("self", "cross") for k in "qkvo"})
    p.update({"W_1": rng.normal(0, 0.5, (d, f)), "b_1": rng.normal(0, 0.3, f),
              "W_2": rng.normal(0, 0.5, (f, d)), "b_2": rng.normal(0, 0.3, d)})
    for i in "123":
        p[f"gamma_{i}"], p[f"beta_{i}"] = 1 + rng.normal(0, 0.1, d), rng.normal(0, 0.1, d)
    return p


def _block_result(value, y_shape, n_heads, n_mem, what):
    out, self_w, cross_w = items(value, 3, what)
    N, n_y, _ = y_shape
    self_w, cross_w = np.asarray(self_w, dtype=np.float64), np.asarray(cross_w, dtype=np.float64)
    if self_w.shape == (N, n_heads, n_y, n_mem) and cross_w.shape == (N, n_heads, n_y, n_y):
        _fail(f"{what} returned the weights in the wrong order: (out, self_weights, cross_weights).",
              f"{what}이(가) 가중치를 잘못된 순서로 반환했습니다: (out, self_weights, cross_weights).")
    if cross_w.shape == (N, n_heads, n_y, n_y):
        _fail(f"cross_weights has shape (N, h, n_y, n_y) = {cross_w.shape}: the cross-attention's keys and values come "
              f"from memory, so its weights are (N, h, n_y, n_mem) = {(N, n_heads, n_y, n_mem)}: MHA(a, memory).",
              f"cross_weights의 shape이 (N, h, n_y, n_y) = {cross_w.shape}입니다. cross-attention의 key와 value는 memory에서 "
              f"오므로 가중치는 (N, h, n_y, n_mem) = {(N, n_heads, n_y, n_mem)}입니다: MHA(a, memory).")
    return (shape(out, y_shape, "out"), shape(self_w, (N, n_heads, n_y, n_y), "self_weights"),
            shape(cross_w, (N, n_heads, n_y, n_mem), "cross_weights"))


# Two target tokens whose layer norms are opposite: LN([1, 2, 3, 4]) = [−3, −1, 1, 3] / √5 = −LN([4, 3, 2, 1]).
BLOCK_Y = np.array([[[1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]]])
BLOCK_LN = np.array([[[-3.0, -1.0, 1.0, 3.0], [3.0, 1.0, -1.0, -3.0]]]) / SQRT5
# Three memory tokens whose mean is [2, 2, 2, 4].
BLOCK_MEMORY = np.array([[[1.0, 1.0, 1.0, 5.0], [3.0, 3.0, 3.0, 3.0], [2.0, 2.0, 2.0, 4.0]]])
MEMORY_MEAN = np.array([2.0, 2.0, 2.0, 4.0])


@selfcheck("decoder_block")
def decoder_block_shapes_and_causal_weights(decoder_block):
    rng = np.random.default_rng(5)
    y, memory, p = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), _random_block(5)
    for pre_norm in (False, True):
        what = f"decoder_block(y (2, 3, 4), memory (2, 5, 4), params, 2, norm_first={pre_norm})"
        _, self_w, cross_w = _block_result(_call(decoder_block, y, memory, p, 2, None, None, pre_norm), y.shape, 2, 5,
                                           what)
        _rows_sum_to_one(self_w, "self_weights")
        _rows_sum_to_one(cross_w, "cross_weights")
        above = np.triu(np.ones((3, 3), dtype=bool), 1)
        expect(np.all(self_w[..., above] == 0),
               "self_weights above the diagonal must be exactly 0: the decoder's self-attention is causal (query t may "
               "attend to keys ≤ t). Use causal_mask(n_y), AND-ed with self_mask when one is given.",
               "self_weights의 대각선 위는 정확히 0이어야 합니다: decoder의 self-attention은 causal입니다 (query t는 t 이하의 "
               "key만). causal_mask(n_y)를 쓰고, self_mask가 주어지면 causal_mask(n_y) & self_mask로 결합하세요.")
    _unchanged(decoder_block, (y, memory, p, 2), ("y", "memory", "params", "n_heads"))


@selfcheck("decoder_block")
def decoder_block_with_sublayers_switched_off(decoder_block):
    p = _zero_block()
    out, self_w, cross_w = _block_result(_call(decoder_block, BLOCK_Y, BLOCK_MEMORY, p, 2, None, None, True),
                                         BLOCK_Y.shape, 2, 3, "decoder_block(y, memory, params, 2, norm_first=True)")
    if _near(self_w, np.full(self_w.shape, 0.5)):
        _fail("With W_q = W_k = 0 every score is equal, and the causal mask leaves query 0 only key 0: its self-attention "
              "row should be [1, 0], query 1's [1/2, 1/2]. Yours is uniform everywhere: the causal mask is missing.",
              "W_q = W_k = 0이면 모든 점수가 같고, causal 마스크 때문에 query 0은 key 0만 봅니다: self-attention 행은 [1, 0], "
              "query 1은 [1/2, 1/2]여야 합니다. 지금은 모두 균등합니다: causal 마스크가 빠졌습니다.")
    close(self_w, np.broadcast_to([[1.0, 0.0], [0.5, 0.5]], self_w.shape), "self_weights",
          "W_q = W_k = 0: all scores are equal, and under the causal mask query 0 sees key 0 only ([1, 0]) while query 1 "
          "sees both ([1/2, 1/2]).",
          "W_q = W_k = 0: 모든 점수가 같고, causal 마스크에서 query 0은 key 0만 ([1, 0]), query 1은 둘 다 ([1/2, 1/2]) 봅니다.")
    if _near(cross_w[0, 0, 0], [1.0, 0.0, 0.0]):
        _fail("The cross-attention got the causal mask too: target position 0 may attend to every memory position. Only "
              "the self-attention is causal; the cross-attention is masked by memory_mask alone.",
              "cross-attention에도 causal 마스크가 적용되었습니다: target 위치 0은 모든 memory 위치를 볼 수 있습니다. causal한 "
              "것은 self-attention뿐이고 cross-attention은 memory_mask로만 가립니다.")
    close(cross_w, np.full(cross_w.shape, 1 / 3), "cross_weights",
          "W_q = W_k = 0 and no memory_mask: every target position weighs the 3 memory positions equally, 1/3 each.",
          "W_q = W_k = 0이고 memory_mask가 없으면: 모든 target 위치가 memory 위치 3개에 똑같이 1/3씩 가중치를 줍니다.")
    if _near(out, np.zeros_like(BLOCK_Y), atol=1e-4):
        _fail("Pre-norm returned 0 with every sublayer weight 0: a residual is missing. Each step adds the sublayer to the "
              "stream: a = y + MHA(…), b = a + MHA(…), out = b + FFN(…); with every sublayer 0 the block returns y.",
              "서브레이어의 가중치가 모두 0인데 pre-norm이 0을 반환했습니다: residual이 빠졌습니다. 각 단계는 서브레이어를 "
              "더합니다: a = y + MHA(…), b = a + MHA(…), out = b + FFN(…). 서브레이어가 모두 0이면 블록은 y를 반환합니다.")
    if _near(out, BLOCK_LN, atol=1e-4):
        _fail("norm_first=True returned LN(y) with every sublayer weight 0: that is post-norm. Pre-norm normalises only "
              "the sublayer's input and adds the sublayer to the un-normalised stream: a = y + MHA(LN_1(y), LN_1(y)), "
              "b = a + MHA(LN_2(a), memory), out = b + FFN(LN_3(b)); with every sublayer 0 it returns y.",
              "norm_first=True인데 서브레이어의 가중치가 모두 0일 때 LN(y)를 반환했습니다: 그것은 post-norm입니다. pre-norm은 "
              "서브레이어의 입력만 정규화하고 정규화하지 않은 흐름에 서브레이어를 더합니다: a = y + MHA(LN_1(y), LN_1(y)), "
              "b = a + MHA(LN_2(a), memory), out = b + FFN(LN_3(b)). 서브레이어가 모두 0이면 y를 반환합니다.")
    close(out, BLOCK_Y, "out (pre-norm)",
          "Pre-norm with every sublayer weight 0: each sublayer adds 0, so the block returns y unchanged.",
          "서브레이어의 가중치가 모두 0인 pre-norm: 각 서브레이어가 0을 더하므로 블록은 y를 그대로 반환합니다.")
    out, _, _ = _block_result(_call(decoder_block, BLOCK_Y, BLOCK_MEMORY, p, 2), BLOCK_Y.shape, 2, 3,
                              "decoder_block(y, memory, params, 2)")
    if _near(out, BLOCK_Y, atol=1e-4):
        _fail("Post-norm with every sublayer weight 0 returned y: the layer norms are missing or sit on the sublayer only "
              "(y + LN(MHA(y))). Post-norm normalises the sum: a = LN_1(y + MHA(y, y)), b = LN_2(a + …), out = LN_3(b + …), "
              "so here out ≈ LN(y).",
              "서브레이어의 가중치가 모두 0인 post-norm이 y를 반환했습니다: layer norm이 빠졌거나 서브레이어에만 적용되었습니다 "
              "(y + LN(MHA(y))). post-norm은 합을 정규화합니다: a = LN_1(y + MHA(y, y)), b = LN_2(a + …), out = LN_3(b + …)이므로 "
              "여기서 out ≈ LN(y)입니다.")
    close(out, BLOCK_LN, "out (post-norm)",
          "Post-norm with every sublayer weight 0: LN_3(LN_2(LN_1(y))) ≈ LN(y); for the token [1, 2, 3, 4] that is "
          "[−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342].",
          "서브레이어의 가중치가 모두 0인 post-norm: LN_3(LN_2(LN_1(y))) ≈ LN(y)입니다. 토큰 [1, 2, 3, 4]에서는 "
          "[−3, −1, 1, 3] / √5 ≈ [−1.342, −0.447, 0.447, 1.342]입니다.", atol=1e-4)


def _averaging_block():
    """Self-attention: W_q = W_k = 0, W_v = I, W_o = 2I, so MHA(x)[t] = 2 · mean(x[0 … t]) (causal);
    cross-attention: W_q = W_k = 0, W_v = W_o = I, so MHA(·, memory) = the mean of the memory tokens; FFN 0."""
    p = _zero_block()
    p["self_W_v"], p["self_W_o"] = np.eye(4), 2 * np.eye(4)
    p["cross_W_v"], p["cross_W_o"] = np.eye(4), np.eye(4)
    return p


# Pre-norm with _averaging_block: a = y + 2 · causal mean of LN_1(y) = [y_0 + 2 LN(y_0), y_1 + (LN(y_0) + LN(y_1))]
# = [y_0 + 2 LN(y_0), y_1] (the two LNs cancel); b = a + mean(memory); out = b (FFN 0).
AVERAGING_OUT = np.array([[BLOCK_Y[0, 0] + 2 * BLOCK_LN[0, 0] + MEMORY_MEAN, BLOCK_Y[0, 1] + MEMORY_MEAN]])


@selfcheck("decoder_block")
def decoder_block_attends_to_the_right_inputs(decoder_block):
    p = _averaging_block()
    out, _, _ = _block_result(_call(decoder_block, BLOCK_Y, BLOCK_MEMORY, p, 2, None, None, True), BLOCK_Y.shape, 2, 3,
                              "decoder_block(y, memory, params, 2, norm_first=True)")
    yours = np.round(out[0], 3).tolist()
    if _near(out[0, 0], BLOCK_Y[0, 0] + MEMORY_MEAN):
        _fail(f"Target position 0 saw position 1 (out[0, 0] = {yours[0]}): the self-attention is not causal. Position 0 "
              "may only attend to itself, so its self-attention adds 2 · LN(y_0).",
              f"target 위치 0이 위치 1을 봤습니다 (out[0, 0] = {yours[0]}): self-attention이 causal하지 않습니다. 위치 0은 자기 "
              "자신에게만 attend할 수 있으므로 self-attention이 2 · LN(y_0)을 더합니다.")
    normed_memory_mean = (np.array([-1.0, -1.0, -1.0, 3.0]) / np.sqrt(3.0) * 2) / 3
    if _near(out[0, 1], BLOCK_Y[0, 1] + normed_memory_mean, atol=1e-4):
        _fail("The memory was layer-normalised before the cross-attention. Pre-norm normalises only the decoder's stream: "
              "b = a + MHA(LN_2(a), memory), with the encoder output as it is (here MHA adds the mean of the memory "
              "tokens, [2, 2, 2, 4]).",
              "cross-attention 전에 memory를 layer norm했습니다. pre-norm은 decoder 쪽 흐름만 정규화합니다: "
              "b = a + MHA(LN_2(a), memory)이고 encoder 출력은 그대로 씁니다 (여기서 MHA는 memory 토큰의 평균 [2, 2, 2, 4]를 "
              "더함).")
    if _near(out[0, 1], BLOCK_Y[0, 1] + 2 * MEMORY_MEAN) or _near(out[0, 1], BLOCK_Y[0, 1]):
        _fail("The cross-attention is missing or does not use its own weights: with cross_W_q … cross_W_o, "
              "MHA(LN_2(a), memory) is the mean of the memory tokens here, [2, 2, 2, 4], added at every position "
              "(the self_W_* weights belong to the self-attention).",
              "cross-attention이 빠졌거나 자기 가중치를 쓰지 않습니다: cross_W_q … cross_W_o로 계산하면 여기서 "
              "MHA(LN_2(a), memory)는 memory 토큰의 평균 [2, 2, 2, 4]이고 모든 위치에 더해집니다 (self_W_* 가중치는 "
              "self-attention의 것).")
    close(out, AVERAGING_OUT, "out (pre-norm)",
          "Here the self-attention returns 2 × the causal mean of its input and the cross-attention the mean of the memory "
          "tokens, [2, 2, 2, 4]; the FFN is 0. So a = y + 2 · causal mean of LN_1(y): position 0 gets y_0 + 2 LN(y_0), "
          "position 1 gets y_1 + (LN(y_0) + LN(y_1)) = y_1 (the two LNs are opposite); then b = a + [2, 2, 2, 4] and "
          "out = b ≈ [[0.317, 3.106, 5.894, 10.683], [6, 5, 4, 5]]. "
          f"Yours: {yours}.",
          "여기서 self-attention은 입력의 causal 평균의 2배를, cross-attention은 memory 토큰의 평균 [2, 2, 2, 4]를 돌려주고 "
          "FFN은 0입니다. 그래서 a = y + 2 · LN_1(y)의 causal 평균: 위치 0은 y_0 + 2 LN(y_0), 위치 1은 "
          "y_1 + (LN(y_0) + LN(y_1)) = y_1 (두 LN은 서로 반대); 그다음 b = a + [2, 2, 2, 4], out = b ≈ "
          f"[[0.317, 3.106, 5.894, 10.683], [6, 5, 4, 5]]. 결과: {yours}.", atol=1e-4)


@selfcheck("decoder_block")
def decoder_block_ffn_and_last_norm(decoder_block):
    p = _zero_block()
    p["W_1"], p["W_2"] = np.eye(4), np.eye(4)                    # FFN(x) = GELU(x)
    out, _, _ = _block_result(_call(decoder_block, BLOCK_Y, BLOCK_MEMORY, p, 2, None, None, True), BLOCK_Y.shape, 2, 3,
                              "decoder_block(y, memory, params, 2, norm_first=True)")
    gelu_ln = np.array([-0.1206, -0.1464, 0.3008, 1.2211])       # GELU(LN([1, 2, 3, 4])) = GELU([−1.342, −0.447, 0.447, 1.342])
    if _near(out[0, 0] - BLOCK_Y[0, 0], np.maximum(BLOCK_LN[0, 0], 0), atol=1e-3):
        _fail("The FFN uses ReLU: for the negative entries of LN_3(b) = [−1.342, −0.447, …] it added exactly 0. The "
              "course's FFN uses GELU(x) = x Φ(x), slightly negative for x < 0: GELU(−0.447) ≈ −0.146.",
              "FFN이 ReLU를 씁니다: LN_3(b) = [−1.342, −0.447, …]의 음수 항목에 정확히 0을 더했습니다. 이 과정의 FFN은 "
              "GELU(x) = x Φ(x)를 쓰고, x < 0에서 약간 음수입니다: GELU(−0.447) ≈ −0.146.")
    close(out[0, 0], BLOCK_Y[0, 0] + gelu_ln, "out[0, 0] (pre-norm)",
          "Attention is off and W_1 = W_2 = I, so out = y + FFN(LN_3(y)) = y + GELU(LN(y)): for [1, 2, 3, 4], "
          "GELU([−1.342, −0.447, 0.447, 1.342]) ≈ [−0.121, −0.146, 0.301, 1.221] is added.",
          "attention이 꺼져 있고 W_1 = W_2 = I이므로 out = y + FFN(LN_3(y)) = y + GELU(LN(y))입니다: [1, 2, 3, 4]에는 "
          "GELU([−1.342, −0.447, 0.447, 1.342]) ≈ [−0.121, −0.146, 0.301, 1.221]이 더해집니다.", atol=GELU_TOL)
    p = _zero_block(gammas=(1.0, 0.5, 2.0), betas=(0.0, -1.0, 3.0))
    out, _, _ = _block_result(_call(decoder_block, BLOCK_Y, BLOCK_MEMORY, p, 2), BLOCK_Y.shape, 2, 3,
                              "decoder_block(y, memory, params, 2)")
    means, variances = out.mean(axis=-1), out.var(axis=-1)
    expect(np.allclose(means, 3.0, atol=1e-3) and np.allclose(variances, 4.0, atol=1e-2),
           "Post-norm ends with LN_3 = gamma_3 · x̂ + beta_3 = 2 · x̂ + 3 here, so every output token should have mean 3 "
           f"and variance 4; yours have means {np.round(means.ravel(), 3).tolist()} and variances "
           f"{np.round(variances.ravel(), 3).tolist()}. Each layer norm uses its own parameters (LN_1: gamma_1, beta_1; "
           "LN_2: gamma_2, beta_2; LN_3: gamma_3, beta_3), and the last step is LN_3(b + FFN(b)).",
           "여기서 post-norm은 LN_3 = gamma_3 · x̂ + beta_3 = 2 · x̂ + 3으로 끝나므로 모든 출력 토큰의 평균이 3, 분산이 4여야 "
           f"합니다. 지금은 평균 {np.round(means.ravel(), 3).tolist()}, 분산 {np.round(variances.ravel(), 3).tolist()}입니다. "
           "각 layer norm은 자기 파라미터를 씁니다 (LN_1: gamma_1, beta_1; LN_2: gamma_2, beta_2; LN_3: gamma_3, beta_3). "
           "마지막 단계는 LN_3(b + FFN(b))입니다.")


@selfcheck("decoder_block")
def decoder_block_is_causal(decoder_block):
    rng = np.random.default_rng(6)
    y, memory, p = rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 3, 4)), _random_block(6)
    y2 = y.copy()
    y2[:, 2:] = rng.normal(size=(2, 2, 4))
    for pre_norm in (False, True):
        what = f"decoder_block(..., norm_first={pre_norm})"
        out, _, _ = _block_result(_call(decoder_block, y, memory, p, 2, None, None, pre_norm), y.shape, 2, 3, what)
        out2, _, _ = _block_result(_call(decoder_block, y2, memory, p, 2, None, None, pre_norm), y.shape, 2, 3, what)
        close(out2[:, :2], out[:, :2], f"out[:, :2] ({'pre' if pre_norm else 'post'}-norm)",
              "Changing the target positions 2 and 3 must not change the outputs at positions 0 and 1: the decoder may "
              "not look at later targets (the causal mask on the self-attention).",
              "target 위치 2와 3을 바꿔도 위치 0과 1의 출력은 바뀌면 안 됩니다: decoder는 뒤의 target을 보면 안 됩니다 "
              "(self-attention의 causal 마스크).")


@selfcheck("decoder_block")
def decoder_block_masks(decoder_block):
    rng = np.random.default_rng(7)
    y, memory, p = rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 5, 4)), _random_block(7)
    self_pad = np.array([[[T, T, T, F]], [[T, T, F, F]]])
    memory_pad = np.array([[[T, T, F, F, F]], [[T, T, T, T, F]]])
    for pre_norm in (False, True):
        what = f"decoder_block(y, memory, params, 2, self_mask, memory_mask, norm_first={pre_norm})"
        out, self_w, cross_w = _block_result(_call(decoder_block, y, memory, p, 2, self_pad, memory_pad, pre_norm),
                                             y.shape, 2, 5, what)
        expect(np.all(cross_w[np.broadcast_to(~memory_pad[:, None], cross_w.shape)] == 0),
               "Padded memory positions (False in memory_mask) must get cross-attention weight exactly 0: pass memory_mask "
               "to the cross-attention, MHA(a, memory, mask=memory_mask).",
               "padding된 memory 위치(memory_mask가 False)는 cross-attention 가중치가 정확히 0이어야 합니다: memory_mask를 "
               "cross-attention에 넘기세요, MHA(a, memory, mask=memory_mask).")
        hidden = np.broadcast_to(~self_pad[:, None], self_w.shape) | np.triu(np.ones((4, 4), dtype=bool), 1)
        expect(np.all(self_w[hidden] == 0),
               "With self_mask the self-attention must hide both the future (causal) and the padded target positions: "
               "causal_mask(n_y) & self_mask.",
               "self_mask가 있으면 self-attention은 미래(causal)와 padding된 target 위치를 모두 가려야 합니다: "
               "causal_mask(n_y) & self_mask.")
        memory_2 = memory.copy()
        memory_2[0, 2:], memory_2[1, 4:] = 50.0, -50.0
        out2, _, _ = _block_result(_call(decoder_block, y, memory_2, p, 2, self_pad, memory_pad, pre_norm), y.shape, 2, 5, what)
        close(out2, out, "out", "Changing the memory at padded positions must not change the output.",
              "padding된 위치의 memory를 바꿔도 출력이 바뀌면 안 됩니다.")


# --------------------------------------------------------------------------- sequence_cross_entropy
# Two classes, logits [0, ln 3] → p = [1/4, 3/4]. Targets [1, 1, pad]: position 0 has −log(3/4) = ln(4/3),
# position 1 (logits [ln 3, 0]) has −log(1/4) = ln 4, position 2 is padding. Mean: (ln(4/3) + ln 4) / 2 ≈ 0.837.
LOSS_LOGITS = np.array([[[0.0, LN3], [LN3, 0.0], [5.0, 5.0]]])
LOSS_TARGETS = np.array([[1, 1, 0]])
LOSS_VALUE = (np.log(4 / 3) + np.log(4.0)) / 2


def _loss(fn, *args, what="sequence_cross_entropy(logits, targets)"):
    value, trouble = _overflow(fn, *args)
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    expect(arr is not None, f"{what} returned None. Did you forget `return`?",
           f"{what}이(가) None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    expect(arr.shape == (), f"{what} should return a single float (the mean); it returned shape {arr.shape}.",
           f"{what}은(는) float 하나(평균)를 반환해야 하는데 shape {arr.shape}을(를) 반환했습니다.")
    return float(arr), trouble


@selfcheck("sequence_cross_entropy")
def loss_two_classes_by_hand(sequence_cross_entropy):
    got, _ = _loss(sequence_cross_entropy, LOSS_LOGITS, LOSS_TARGETS)
    if _near(got, (np.log(4 / 3) + np.log(4.0) + np.log(2.0)) / 3):
        _fail("The padded position counted: its loss (ln 2) went into the mean. Average only over the positions whose "
              "target is not pad_id: (ln(4/3) + ln 4) / 2 ≈ 0.837.",
              "padding 위치가 들어갔습니다: 그 손실(ln 2)이 평균에 포함되었습니다. target이 pad_id가 아닌 위치만 평균 내세요: "
              "(ln(4/3) + ln 4) / 2 ≈ 0.837.")
    if _near(got, (np.log(4 / 3) + np.log(4.0)) / 3):
        _fail("You divided by all 3 positions; the padded one must not count in the mean either: (ln(4/3) + ln 4) / 2.",
              "위치 3개 모두로 나눴습니다. padding 위치는 평균의 분모에도 들어가면 안 됩니다: (ln(4/3) + ln 4) / 2.")
    if _near(got, np.log(4 / 3) + np.log(4.0)):
        _fail("You returned the sum; the loss is the mean over the non-padding positions: (ln(4/3) + ln 4) / 2 ≈ 0.837.",
              "합을 반환했습니다. 손실은 padding이 아닌 위치들의 평균입니다: (ln(4/3) + ln 4) / 2 ≈ 0.837.")
    close(got, LOSS_VALUE, "sequence_cross_entropy(logits, targets)",
          "By hand: logits [0, ln 3] give p = [1/4, 3/4]; target 1 costs −log(3/4) = ln(4/3). Logits [ln 3, 0] give "
          "p = [3/4, 1/4]; target 1 costs ln 4. The third position is padding. Mean: (ln(4/3) + ln 4) / 2 ≈ 0.837.",
          "손으로 계산하면: 로짓 [0, ln 3]은 p = [1/4, 3/4], target 1의 손실은 −log(3/4) = ln(4/3). 로짓 [ln 3, 0]은 "
          "p = [3/4, 1/4], target 1의 손실은 ln 4. 세 번째 위치는 padding. 평균: (ln(4/3) + ln 4) / 2 ≈ 0.837.")
    _unchanged(sequence_cross_entropy, (LOSS_LOGITS.copy(), LOSS_TARGETS.copy()), ("logits", "targets"))


@selfcheck("sequence_cross_entropy")
def loss_one_mean_over_the_batch(sequence_cross_entropy):
    # The first sequence as above (losses ln(4/3) and ln 4), a second one with a single real position (ln(4/3)).
    logits = np.concatenate([LOSS_LOGITS, [[[0.0, LN3], [5.0, 5.0], [5.0, 5.0]]]])
    targets = np.array([[1, 1, 0], [1, 0, 0]])
    got, _ = _loss(sequence_cross_entropy, logits, targets, what="sequence_cross_entropy(logits of 2 sequences, targets)")
    if _near(got, (LOSS_VALUE + np.log(4 / 3)) / 2):
        _fail("You averaged each sequence first, then the sequences: ((ln(4/3) + ln 4) / 2 + ln(4/3)) / 2. The loss is one "
              "mean over all 3 real positions of the batch: (ln(4/3) + ln 4 + ln(4/3)) / 3 ≈ 0.654.",
              "각 시퀀스를 먼저 평균 내고 시퀀스들을 평균 냈습니다: ((ln(4/3) + ln 4) / 2 + ln(4/3)) / 2. 손실은 배치 전체의 실제 "
              "위치 3개에 대한 평균 하나입니다: (ln(4/3) + ln 4 + ln(4/3)) / 3 ≈ 0.654.")
    close(got, (2 * np.log(4 / 3) + np.log(4.0)) / 3, "sequence_cross_entropy(logits of 2 sequences, targets)",
          "Three real positions in the batch cost ln(4/3), ln 4 and ln(4/3): their mean is (2 ln(4/3) + ln 4) / 3 ≈ 0.654.",
          "배치의 실제 위치 3개의 손실은 ln(4/3), ln 4, ln(4/3)이고 평균은 (2 ln(4/3) + ln 4) / 3 ≈ 0.654입니다.")


# Three classes, logits [0, ln 3, ln 4] → p = [1/8, 3/8, 1/2], target 2, ε = 0.3:
# loss = −[(1 − ε) log(1/2) + (ε / 3)(log(1/8) + log(3/8) + log(1/2))] ≈ 0.861.
SMOOTH_LOGITS = np.array([[[0.0, LN3, np.log(4.0)]]])
SMOOTH_TARGETS = np.array([[2]])
LOGP = np.log([1 / 8, 3 / 8, 1 / 2])


@selfcheck("sequence_cross_entropy")
def loss_label_smoothing_by_hand(sequence_cross_entropy):
    got, _ = _loss(sequence_cross_entropy, SMOOTH_LOGITS, SMOOTH_TARGETS, 0, 0.3,
                   what="sequence_cross_entropy(logits, targets, label_smoothing=0.3)")
    if _near(got, -LOGP[2]):
        _fail("label_smoothing is ignored: with ε = 0.3 the loss is −[(1 − ε) log p_target + (ε / V) Σ_v log p_v], "
              "not −log p_target = ln 2.",
              "label_smoothing을 무시했습니다: ε = 0.3이면 손실은 −log p_target = ln 2가 아니라 "
              "−[(1 − ε) log p_target + (ε / V) Σ_v log p_v]입니다.")
    if _near(got, -(0.7 * LOGP[2] + 0.15 * (LOGP[0] + LOGP[1]))) or _near(got, -(0.7 * LOGP[2] + 0.3 * LOGP[1])):
        _fail("Your smoothing spreads ε over the other classes only (V − 1 of them, or V − 2 without padding: the "
              "Annotated Transformer's LabelSmoothing). This course follows PyTorch: ε / V on EVERY class, the target "
              "included: −[(1 − ε) log p_target + (ε / V) Σ_v log p_v] ≈ 0.861 here.",
              "smoothing에서 ε를 나머지 클래스에만 나누었습니다 (V − 1개, 또는 padding을 뺀 V − 2개: Annotated Transformer의 "
              "LabelSmoothing). 이 과정은 PyTorch를 따릅니다: target을 포함한 모든 클래스에 ε / V: "
              "−[(1 − ε) log p_target + (ε / V) Σ_v log p_v], 여기서 ≈ 0.861.")
    if _near(got, -(0.7 * LOGP[2] + 0.3 * LOGP.sum())):
        _fail("The smoothing term is not divided by V: it is (ε / V) Σ_v log p_v, ε spread evenly over the V = 3 classes.",
              "smoothing 항을 V로 나누지 않았습니다: (ε / V) Σ_v log p_v, 즉 ε를 V = 3개 클래스에 고르게 나눕니다.")
    close(got, -(0.7 * LOGP[2] + 0.1 * LOGP.sum()), "sequence_cross_entropy(logits, targets, label_smoothing=0.3)",
          "p = [1/8, 3/8, 1/2] and the target is class 2: −[0.7 · log(1/2) + (0.3 / 3)(log(1/8) + log(3/8) + log(1/2))] "
          "≈ 0.861.",
          "p = [1/8, 3/8, 1/2]이고 target은 클래스 2입니다: −[0.7 · log(1/2) + (0.3 / 3)(log(1/8) + log(3/8) + log(1/2))] "
          "≈ 0.861.")


# Huge logits: position 0 has logits [1000, 0] and target 1, so −log p_1 = 1000 + log(1 + e^−1000) ≈ 1000;
# position 1 has [1000, 1000 + ln 3] and target 1: only differences matter, ln(4/3) as before.
HUGE_LOGITS = np.array([[[1000.0, 0.0], [1000.0, 1000.0 + LN3]]])
HUGE_TARGETS = np.array([[1, 1]])
HUGE_VALUES = {0.0: (1000.0 + np.log(4 / 3)) / 2,
               0.2: (0.8 * 1000.0 + 0.1 * 1000.0 + 0.8 * np.log(4 / 3) + 0.1 * (np.log(4.0) + np.log(4 / 3))) / 2}


@selfcheck("sequence_cross_entropy")
def loss_huge_logits(sequence_cross_entropy):
    for eps, want in HUGE_VALUES.items():
        what = f"sequence_cross_entropy(huge logits, targets, label_smoothing={eps})"
        got, trouble = _loss(sequence_cross_entropy, HUGE_LOGITS, HUGE_TARGETS, 0, eps, what=what)
        expect(trouble is None and np.isfinite(got),
               f"For logits like [1000, 0] your loss overflowed or became infinite ({trouble or got}). Compute "
               "log p = logits − logsumexp(logits) with the maximum subtracted first (logsumexp(x) = m + log Σ e^(x − m)); "
               "np.log(softmax(x)) gives log 0 = −∞ when p underflows to 0.",
               f"[1000, 0] 같은 로짓에서 손실이 overflow되거나 무한대가 되었습니다 ({trouble or got}). 최댓값을 먼저 빼서 "
               "log p = logits − logsumexp(logits)를 계산하세요 (logsumexp(x) = m + log Σ e^(x − m)). np.log(softmax(x))는 "
               "p가 0으로 underflow되면 log 0 = −∞가 됩니다.")
        close(got, want, what,
              "Position 0: logits [1000, 0], target 1, so −log p_1 = 1000 + log(1 + e^−1000) ≈ 1000; position 1: "
              "[1000, 1000 + ln 3] has the probabilities of [0, ln 3], so target 1 costs ln(4/3). With ε = 0 the mean is "
              "(1000 + ln(4/3)) / 2 ≈ 500.144; with ε = 0.2 each position is −[0.8 log p_y + 0.1 (log p_0 + log p_1)], "
              "mean ≈ 450.199.",
              "위치 0: 로짓 [1000, 0], target 1이므로 −log p_1 = 1000 + log(1 + e^−1000) ≈ 1000. 위치 1: [1000, 1000 + ln 3]은 "
              "[0, ln 3]과 확률이 같으므로 target 1의 손실은 ln(4/3). ε = 0이면 평균은 (1000 + ln(4/3)) / 2 ≈ 500.144, "
              "ε = 0.2이면 위치마다 −[0.8 log p_y + 0.1 (log p_0 + log p_1)], 평균 ≈ 450.199입니다.")


@selfcheck("sequence_cross_entropy")
def loss_padding_edges(sequence_cross_entropy):
    got, _ = _loss(sequence_cross_entropy, LOSS_LOGITS, np.zeros((1, 3), dtype=int), 0, 0.1,
                   what="sequence_cross_entropy(logits, targets that are all padding)")
    expect(np.isfinite(got) and got == 0.0,
           f"When every target is padding there is nothing to average: the spec asks for 0.0 (yours: {got}).",
           f"모든 target이 padding이면 평균 낼 위치가 없습니다: 명세는 0.0을 요구합니다 (결과: {got}).")
    # pad_id = 2, and 0 is a real class: logits [ln 3, 0, 0] → p = [3/5, 1/5, 1/5], target 0 costs ln(5/3).
    logits = np.array([[[LN3, 0.0, 0.0], [0.0, 0.0, 0.0]]])
    targets = np.array([[0, 2]])
    got, _ = _loss(sequence_cross_entropy, logits, targets, 2, 0.0,
                   what="sequence_cross_entropy(logits, targets, pad_id=2)")
    if _near(got, np.log(3.0)):
        _fail("pad_id is ignored: with pad_id = 2 the position whose target is 2 is padding and class 0 is a real class.",
              "pad_id를 무시했습니다: pad_id = 2이면 target이 2인 위치가 padding이고 클래스 0은 실제 클래스입니다.")
    close(got, np.log(5 / 3), "sequence_cross_entropy(logits, targets, pad_id=2)",
          "With pad_id = 2 only the first position counts: logits [ln 3, 0, 0] give p = [3/5, 1/5, 1/5] and target 0 "
          "costs ln(5/3) ≈ 0.511.",
          "pad_id = 2이면 첫 위치만 셉니다: 로짓 [ln 3, 0, 0]은 p = [3/5, 1/5, 1/5]이고 target 0의 손실은 ln(5/3) ≈ 0.511입니다.")


# --------------------------------------------------------------------------- greedy_decode
class _Script:
    """A step function with written-out answers: for a prefix of t columns the last position's logits point at
    ``plan[row][t − 1]``; every earlier position points at ``decoy``. It records every call."""

    def __init__(self, plan, vocab, decoy, ties=None):
        self.plan, self.vocab, self.decoy, self.ties = plan, vocab, decoy, ties
        self.calls = []

    def __call__(self, prefix, memory):
        prefix = np.array(prefix)
        self.calls.append((prefix, memory))
        expect(prefix.ndim == 2 and prefix.shape[0] == len(self.plan) and 1 <= prefix.shape[1] <= len(self.plan[0]),
               f"step_logits got a prefix of shape {prefix.shape}; it takes (N, t) = ({len(self.plan)}, t), bos first.",
               f"step_logits가 shape {prefix.shape}인 prefix를 받았습니다. (N, t) = ({len(self.plan)}, t)이고 bos가 먼저입니다.")
        _, t = prefix.shape
        logits = np.zeros((len(self.plan), t, self.vocab))
        logits[:, :t - 1, self.decoy] = 1.0
        for n, row in enumerate(self.plan):
            logits[n, t - 1, row[t - 1]] = 1.0
            if self.ties is not None:
                logits[n, t - 1, self.ties[n][t - 1]] = 1.0
        return logits


MEMORY = np.zeros((2, 3, 4))
# pad 0, bos 1, eos 2. Row 0 proposes 3, then eos, then 4 and 3 (it has ended: pad); row 1 proposes 4, 4, 4, eos.
# Every earlier position of the logits points at eos (2), so taking the first position's argmax ends too early.
PLAN = [[3, 2, 4, 3, 3], [4, 4, 4, 2, 3]]
DECODED = np.array([[3, 2, 0, 0], [4, 4, 4, 2]])


def _decoded(value, what):
    arr = np.asarray(value) if value is not None else None
    expect(arr is not None, f"{what} returned None. Did you forget `return`?",
           f"{what}이(가) None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    expect(arr.ndim == 2 and arr.shape[0] == 2, f"{what} should return (N, L) = (2, L); yours has shape {arr.shape}.",
           f"{what}은(는) (N, L) = (2, L)을 반환해야 하는데 shape이 {arr.shape}입니다.")
    return arr


def _is(arr, rows):
    return arr.shape == np.shape(rows) and np.array_equal(arr, rows)


@selfcheck("greedy_decode")
def greedy_worked_example(greedy_decode):
    step = _Script(PLAN, 5, decoy=2)
    got = _decoded(_call(greedy_decode, step, MEMORY, 1, 2, 5, 0), "greedy_decode(step_logits, memory, 1, 2, 5)")
    yours = got.tolist()
    if got.shape == (2, 5) and _is(got[:, 1:], DECODED):
        _fail(f"The result starts with bos ({yours}): return only the generated tokens, prefix[:, 1:].",
              f"결과가 bos로 시작합니다 ({yours}): 생성한 토큰만 반환하세요, prefix[:, 1:].")
    if _is(got, [[3, 2], [4, 2]]):
        _fail(f"Row 1 ended at step 2 ({yours}): the next token was taken from the first position's logits, which point "
              "at eos here. The next token is the argmax of the LAST position, logits[:, -1].",
              f"행 1이 단계 2에서 끝났습니다 ({yours}): 다음 토큰을 첫 위치의 로짓(여기서는 eos를 가리킴)에서 골랐습니다. "
              "다음 토큰은 마지막 위치의 argmax, logits[:, -1]입니다.")
    if _is(got, [[3, 2, 4, 3], [4, 4, 4, 2]]):
        _fail(f"Row 0 kept generating after its eos ({yours}): once a row has emitted eos it gets pad_id (0 here).",
              f"행 0이 eos 뒤에도 계속 생성했습니다 ({yours}): 행이 eos를 내면 그 뒤로는 pad_id(여기서는 0)를 받습니다.")
    if _is(got, [[3, 2], [4, 4]]):
        _fail(f"Decoding stopped when row 0 emitted eos ({yours}); stop only when every row has emitted eos.",
              f"행 0이 eos를 내자 디코딩을 멈췄습니다 ({yours}). 모든 행이 eos를 냈을 때만 멈추세요.")
    if got.shape == (2, 5) and _is(got[:, :4], DECODED) and len(step.calls) == 4:
        _fail(f"Decoding stopped after 4 steps but the result keeps max_len = 5 columns ({yours}): return only the "
              "generated columns (L ≤ max_len).",
              f"디코딩은 4단계 뒤에 멈췄는데 결과가 max_len = 5개의 열을 유지합니다 ({yours}): 생성한 열만 반환하세요 "
              "(L ≤ max_len).")
    if len(step.calls) == got.shape[1]:
        for t, (prefix, _) in enumerate(step.calls, start=1):
            expect(prefix.shape[1] == t,
                   f"At step {t} step_logits got a prefix of {prefix.shape[1]} column(s); it should have {t}: bos and "
                   f"the {t - 1} tokens generated so far (the model sees the whole prefix at every step).",
                   f"단계 {t}에서 step_logits가 받은 prefix의 열이 {prefix.shape[1]}개입니다. bos와 지금까지 생성한 토큰 "
                   f"{t - 1}개, 즉 {t}개여야 합니다 (모델은 매 단계 prefix 전체를 봅니다).")
    if got.shape == (2, 5) and _is(got[:, :4], DECODED):
        _fail(f"Decoding went on after every row had emitted eos ({yours}): stop as soon as all rows have ended.",
              f"모든 행이 eos를 낸 뒤에도 디코딩을 계속했습니다 ({yours}): 모든 행이 끝나면 바로 멈추세요.")
    if _is(got, [[3, 0, 0, 0], [4, 4, 4, 0]]):
        _fail(f"The eos tokens are missing ({yours}): a row keeps its eos, and gets pad_id only after it.",
              f"eos 토큰이 빠졌습니다 ({yours}): 행은 eos를 그대로 두고, 그 뒤에만 pad_id를 받습니다.")
    close(got, DECODED, "greedy_decode(step_logits, memory, bos_id=1, eos_id=2, max_len=5)",
          "Written out: step 1 gives [3, 4]; step 2 [eos, 4]; step 3 [pad, 4] (row 0 has ended); step 4 [pad, eos], and "
          f"every row has ended, so the result is [[3, 2, 0, 0], [4, 4, 4, 2]] (yours: {yours}).",
          "풀어 쓰면: 단계 1은 [3, 4], 단계 2는 [eos, 4], 단계 3은 [pad, 4] (행 0은 끝남), 단계 4는 [pad, eos]이고 모든 행이 "
          f"끝났으므로 결과는 [[3, 2, 0, 0], [4, 4, 4, 2]]입니다 (결과: {yours}).")
    expect(len(step.calls) == 4,
           f"step_logits was called {len(step.calls)} times for 4 generated tokens: call it once per generated position.",
           f"생성한 토큰은 4개인데 step_logits를 {len(step.calls)}번 호출했습니다: 생성하는 위치마다 한 번 호출하세요.")
    want = [[[1], [1]], [[1, 3], [1, 4]], [[1, 3, 2], [1, 4, 4]], [[1, 3, 2, 0], [1, 4, 4, 4]]]
    for t, ((prefix, memory), right) in enumerate(zip(step.calls, want), start=1):
        expect(memory is not None and np.shape(memory) == MEMORY.shape,
               "step_logits did not get the memory: call step_logits(prefix, memory).",
               "step_logits가 memory를 받지 못했습니다: step_logits(prefix, memory)로 호출하세요.")
        expect(prefix.shape == np.shape(right) and np.array_equal(prefix, right),
               f"At step {t} step_logits got the prefix {prefix.tolist()}; it should be {right}: bos, then the tokens "
               "generated so far (pad_id after a row's eos).",
               f"단계 {t}에서 step_logits가 받은 prefix는 {prefix.tolist()}인데 {right}여야 합니다: bos, 그다음 지금까지 생성한 "
               "토큰 (행의 eos 뒤에는 pad_id).")


@selfcheck("greedy_decode")
def greedy_ties_max_len_and_pad_id(greedy_decode):
    step = _Script([[3, 3, 3], [4, 4, 4]], 6, decoy=2, ties=[[5, 5, 5], [5, 5, 5]])
    got = _decoded(_call(greedy_decode, step, MEMORY, 1, 2, 2, 0), "greedy_decode(step_logits, memory, 1, 2, max_len=2)")
    if got.shape[1] > 2:
        _fail(f"max_len = 2 but the result has {got.shape[1]} columns: at most max_len tokens (and calls).",
              f"max_len = 2인데 결과의 열이 {got.shape[1]}개입니다: 토큰(과 호출)은 최대 max_len개입니다.")
    if np.all(got == 5):
        _fail("On a tie you picked the highest index; the spec breaks ties towards the lowest index, as np.argmax does.",
              "동점일 때 가장 큰 index를 골랐습니다. 명세는 np.argmax처럼 가장 작은 index를 고릅니다.")
    close(got, [[3, 3], [4, 4]], "greedy_decode(step_logits, memory, 1, 2, max_len=2)",
          "No row ever proposes eos, so decoding stops after max_len = 2 tokens; token 3 (row 0) and 4 (row 1) tie with "
          "5 and win as the lower index.",
          "어떤 행도 eos를 내지 않으므로 max_len = 2개 뒤에 멈춥니다. 토큰 3(행 0)과 4(행 1)는 5와 동점이고 더 작은 index라서 "
          "선택됩니다.")
    step = _Script([[3, 4, 4], [4, 3, 4]], 6, decoy=4)
    got = _decoded(_call(greedy_decode, step, MEMORY, 0, 3, 3, 5),
                   "greedy_decode(step_logits, memory, bos_id=0, eos_id=3, max_len=3, pad_id=5)")
    if np.array_equal(got, [[3, 0], [4, 3]]):
        _fail("The row that ended was filled with 0; use the pad_id you are given (5 here).",
              "끝난 행을 0으로 채웠습니다. 주어진 pad_id(여기서는 5)를 쓰세요.")
    close(got, [[3, 5], [4, 3]], "greedy_decode(step_logits, memory, bos_id=0, eos_id=3, max_len=3, pad_id=5)",
          "Here bos = 0, eos = 3, pad = 5: row 0 ends at once with eos 3, then gets pad 5; row 1 gives 4, then eos 3.",
          "여기서 bos = 0, eos = 3, pad = 5입니다: 행 0은 바로 eos 3으로 끝나고 그 뒤 pad 5를 받습니다. 행 1은 4, 그다음 eos 3.")
    _unchanged(greedy_decode, (_Script(PLAN, 5, decoy=2), MEMORY.copy(), 1, 2, 5), ("step_logits", "memory"))
