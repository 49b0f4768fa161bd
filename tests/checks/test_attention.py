"""Hidden checks of the attention assignment (SPEC "Attention and masking" table).

Each test is one check of one function, run against ``impl`` (the code under test) and
compared with ``ref`` (``solutions/attention.py``) on fresh random inputs drawn from ``rng``:
n_q ≠ n_k, d_k ≠ d_v, batch > 1, ≥ 2 heads, nonzero biases, masked and unmasked calls
(CHECKS.md). Special cases (logits ×300, one allowed key, a fully masked row) and properties
(rows sum to 1, masked weights exactly 0, padded keys change nothing, permutation equivariance,
causality) each have their own check, so one slip costs one check, not all of them. A fully
masked row filled with −1e9 instead of −∞ fails only the fully-masked check.

No points for answers that ignore the input: every property check (rows sum to 1, padded keys
change nothing, a ValueError for d_model % h ≠ 0) also compares values with the reference, so a
constant answer, or one that ignores Q, K, X_q or X_kv, fails it. A failing comparison says where:
``out`` or ``weights``, which query rows (fully masked, partly masked or unmasked ones), which
head, which query row of a mask, which sequence of a padding mask.
"""
import numpy as np

from seqlab.grading.checklib import (Diagnosis, as_array, check, counted, differing_along, expect_close,
                                     expect_items, expect_shape, expect_unchanged, fail, in_head_columns, in_heads,
                                     matches, span, unpack)
from seqlab.grading.student import StudentCodeError
from seqlab.i18n import Text
from solutions import attention as ref

N, NQ, NK, DK, DV = 2, 4, 5, 3, 6       # batch, queries, keys, key size, value size: all different
HEADS = 3                               # a head axis for the 4-D calls
MN, MQ, MKV, MD, MH = 2, 5, 7, 12, 3     # multi-head: batch, n_q, n_kv, d_model, heads (d_head = 4)


# --------------------------------------------------------------------------- diagnoses
SOFTMAX_OVERFLOW = Diagnosis(
    "softmax_overflow",
    "softmax overflows for large logits: np.exp of a large score is inf, and inf / inf is NaN. "
    "Subtract the maximum of each slice along the axis before np.exp: softmax(x) = softmax(x − max x).",
    "로짓이 크면 softmax가 overflow됩니다: 큰 점수의 np.exp는 inf가 되고 inf / inf는 NaN입니다. "
    "np.exp 전에 그 축을 따라 각 slice의 최댓값을 빼세요: softmax(x) = softmax(x − max x).")
SOFTMAX_WRONG_AXIS = Diagnosis(
    "softmax_wrong_axis",
    "The softmax normalises along the wrong axis. Attention weights are a distribution over the keys: "
    "normalise along the last axis (the keys) so that each query's row sums to 1 "
    "(the lecture's common mistake 'wrong softmax axis').",
    "softmax를 잘못된 축으로 정규화했습니다. attention 가중치는 key에 대한 분포이므로 마지막 축(key 축)을 따라 "
    "정규화해 각 query의 행 합이 1이 되게 하세요 (강의의 자주 하는 실수 'Softmax axis 잘못').")
SOFTMAX_ALL_INF_NAN = Diagnosis(
    "softmax_all_inf_nan",
    "A slice that is entirely −∞ (a fully masked row) gave NaN: −∞ − (−∞) is undefined. The spec asks "
    "for all zeros there: e.g. replace a non-finite maximum by 0 before subtracting it, and divide by a "
    "sum that cannot be 0 (1 where the sum is 0).",
    "전부 −∞인 slice(완전히 마스킹된 행)에서 NaN이 나왔습니다: −∞ − (−∞)는 정의되지 않습니다. 명세는 이 경우 "
    "모두 0을 요구합니다: 예를 들어 유한하지 않은 최댓값은 0으로 바꿔서 빼고, 0이 될 수 없는 합으로 나누세요 "
    "(합이 0인 곳은 1로).")
MISSING_SCALE = Diagnosis(
    "attention_missing_scale",
    "The scores are not scaled: Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V. Without 1/√d_k the dot "
    "products grow with d_k and saturate the softmax (the lecture's common mistake 'missing scaling').",
    "점수를 scaling하지 않았습니다: Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V입니다. 1/√d_k가 없으면 "
    "내적이 d_k와 함께 커져 softmax가 saturate됩니다 (강의의 자주 하는 실수 'Scaling 누락').")
SCALED_BY_DK = Diagnosis(
    "attention_scaled_by_dk",
    "You divided the scores by d_k; the lecture divides by √d_k: softmax(Q Kᵀ / √d_k).",
    "점수를 d_k로 나눴습니다. 강의는 √d_k로 나눕니다: softmax(Q Kᵀ / √d_k).")
RETURN_ORDER = Diagnosis(
    "attention_return_order",
    "You returned (weights, out); the function returns (out, weights).",
    "(weights, out)을 반환했습니다. 이 함수는 (out, weights)를 반환합니다.")
MASK_AFTER_SOFTMAX = Diagnosis(
    "mask_after_softmax",
    "The mask was applied after the softmax (the weights were multiplied by the mask), so the rows no "
    "longer sum to 1. Set the scores of disallowed keys to −∞ before the softmax.",
    "softmax 뒤에 마스크를 적용했습니다 (가중치에 마스크를 곱함). 그래서 행 합이 더 이상 1이 아닙니다. "
    "softmax 전에 허용되지 않은 key의 점수를 −∞로 바꾸세요.")
MASK_FILLED_WITH_ZERO = Diagnosis(
    "mask_filled_with_zero",
    "Masked scores were set to 0 (e.g. scores * mask), but e^0 = 1 still gives those keys weight. "
    "Fill the disallowed scores (where the mask is False) with −∞ before the softmax.",
    "마스킹된 점수를 0으로 바꿨습니다 (예: scores * mask). 그런데 e^0 = 1이라 그 key에도 가중치가 갑니다. "
    "softmax 전에 허용되지 않은 점수(마스크가 False인 곳)를 −∞로 채우세요.")
MASK_INVERTED = Diagnosis(
    "mask_inverted",
    "The mask polarity is inverted. In this course a boolean mask means True = may attend (as in "
    "F.scaled_dot_product_attention); nn.MultiheadAttention's masks use the opposite, True = blocked.",
    "마스크의 True/False 의미가 반대입니다. 이 과정에서 불리언 마스크는 True = attend 가능입니다 "
    "(F.scaled_dot_product_attention과 같음). nn.MultiheadAttention의 마스크는 반대로 True = 차단입니다.")
FULLY_MASKED_NOT_ZERO = Diagnosis(
    "fully_masked_row_not_zero",
    "A query row with no allowed key must get all-zero weights and a zero output. Filling masked scores "
    "with a large negative number (like −1e9) instead of −∞ makes such a row uniform, so its output "
    "becomes the mean of V.",
    "허용된 key가 하나도 없는 query 행은 가중치와 출력이 모두 0이어야 합니다. 마스킹된 점수를 −∞ 대신 "
    "큰 음수(−1e9 등)로 채우면 그 행이 균등 분포가 되어 출력이 V의 평균이 됩니다.")
FULLY_MASKED_NAN = Diagnosis(
    "fully_masked_row_nan",
    "A query row with no allowed key gave NaN. The spec asks for zero weights and a zero output there: "
    "the softmax of an all −∞ row is all zeros (see softmax).",
    "허용된 key가 없는 query 행에서 NaN이 나왔습니다. 명세는 이 행의 가중치와 출력이 0이기를 요구합니다: "
    "전부 −∞인 행의 softmax는 모두 0입니다 (softmax 참고).")
CAUSAL_TRANSPOSED = Diagnosis(
    "causal_mask_transposed",
    "The causal mask is transposed (the upper triangle): query i may attend to keys j ≤ i, so True "
    "lies on and below the diagonal (the lower triangle).",
    "causal 마스크가 전치되었습니다 (위쪽 삼각형): query i는 j ≤ i인 key에만 attend할 수 있으므로 True는 대각선과 "
    "그 아래(아래쪽 삼각형)에 있어야 합니다.")
CAUSAL_NO_DIAGONAL = Diagnosis(
    "causal_mask_no_diagonal",
    "The diagonal is missing: a token may attend to itself (j = i), so the mask is True on and below "
    "the diagonal, not only strictly below it.",
    "대각선이 빠졌습니다: 토큰은 자기 자신(j = i)에 attend할 수 있으므로 마스크는 대각선 아래뿐 아니라 "
    "대각선에서도 True여야 합니다.")
PADDING_SHAPE = Diagnosis(
    "padding_mask_shape",
    "padding_mask returns shape (N, 1, n): the middle axis of size 1 stands for the queries, so the mask "
    "broadcasts over every query and hides padded keys. Insert it between the batch axis and the token axis.",
    "padding_mask는 shape (N, 1, n)을 반환합니다: 크기 1인 가운데 축이 query 축이라 마스크가 모든 query에 "
    "broadcast되어 padding된 key를 가립니다. 배치 축과 토큰 축 사이에 넣으세요.")
PAD_ID_IGNORED = Diagnosis(
    "padding_mask_ignores_pad_id",
    "The pad_id argument is ignored: compare the tokens with pad_id, not with a fixed 0.",
    "pad_id 인자를 무시했습니다: 고정된 0이 아니라 pad_id와 토큰을 비교하세요.")
SPLIT_NO_TRANSPOSE = Diagnosis(
    "heads_split_without_transpose",
    "The heads were split without the transpose. Reshape (N, n, d_model) to (N, n, h, d_head) first "
    "(each token's columns are cut into h blocks), then move the head axis forward to get "
    "(N, h, n, d_head). Reshaping straight to (N, h, n, d_head) mixes different tokens into one head.",
    "transpose 없이 head를 나눴습니다. 먼저 (N, n, d_model)을 (N, n, h, d_head)로 reshape하고 (각 토큰의 열을 "
    "h개 블록으로 자름), head 축을 앞으로 옮겨 (N, h, n, d_head)를 만드세요. 바로 (N, h, n, d_head)로 reshape하면 "
    "서로 다른 토큰이 한 head에 섞입니다.")
MERGE_NO_TRANSPOSE = Diagnosis(
    "heads_merged_without_transpose",
    "The heads were merged without the transpose. Move the head axis back first, (N, h, n, d_head) → "
    "(N, n, h, d_head), then reshape to (N, n, d_model); reshaping directly mixes tokens.",
    "transpose 없이 head를 합쳤습니다. 먼저 head 축을 되돌리고 ((N, h, n, d_head) → (N, n, h, d_head)), "
    "그다음 (N, n, d_model)로 reshape하세요. 바로 reshape하면 토큰이 섞입니다.")
HEADS_WRONG_COLUMNS = Diagnosis(
    "heads_wrong_columns",
    "Head j must hold the contiguous columns j·d_head … (j+1)·d_head − 1 of each token (reshape to "
    "(N, n, h, d_head)); your heads take interleaved columns.",
    "head j는 각 토큰의 연속된 열 j·d_head … (j+1)·d_head − 1을 가져야 합니다 ((N, n, h, d_head)로 reshape). "
    "지금은 열을 건너뛰며 가져갑니다.")
HEADS_NOT_DIVISIBLE = Diagnosis(
    "heads_not_divisible",
    "When d_model is not divisible by n_heads, split_heads must raise a clear ValueError (the lecture's "
    "common mistake 'dimension mismatch': check d_model % n_heads == 0). Your function returned an array instead.",
    "d_model이 n_heads로 나누어떨어지지 않으면 split_heads는 명확한 ValueError를 발생시켜야 합니다 (강의의 자주 "
    "하는 실수 'Dimension 불일치': d_model % n_heads == 0 확인). 지금은 배열을 반환했습니다.")
MHA_SCALED_BY_D_MODEL = Diagnosis(
    "mha_scaled_by_d_model",
    "Each head is scaled by √d_model; it should be √d_head = √(d_model / h), the d_k of that head's own "
    "queries and keys.",
    "각 head를 √d_model로 scaling했습니다. √d_head = √(d_model / h), 즉 그 head의 query와 key 차원 d_k여야 합니다.")
MISSING_OUTPUT_PROJECTION = Diagnosis(
    "missing_output_projection",
    "The output projection is missing: after concatenating the heads, multiply by W_o (and add b_o): "
    "MultiHead = Concat(head_1, …, head_h) W_o.",
    "출력 projection이 빠졌습니다: head들을 이어 붙인 뒤 W_o를 곱하세요 (b_o도 더하기): "
    "MultiHead = Concat(head_1, …, head_h) W_o.")
MASK_NOT_EVERY_HEAD = Diagnosis(
    "mask_not_applied_to_every_head",
    "The mask is not applied to every head the same way. A mask of shape (N, n_q, n_kv) needs a head axis of "
    "size 1 after its batch axis, (N, 1, n_q, n_kv), before it meets the scores (N, h, n_q, n_kv); without it "
    "NumPy lines the batch axis up with the head axis.",
    "마스크가 모든 head에 똑같이 적용되지 않았습니다. shape (N, n_q, n_kv)인 마스크는 점수 (N, h, n_q, n_kv)와 "
    "만나기 전에 배치 축 뒤에 크기 1인 head 축이 필요합니다: (N, 1, n_q, n_kv). 그렇지 않으면 NumPy가 batch 축을 "
    "head 축에 맞춥니다.")
MHA_MISSING_BIAS = Diagnosis(
    "missing_bias",
    "The biases were not added: Q = X_q W_q + b_q, K = X_kv W_k + b_k, V = X_kv W_v + b_v and the output "
    "adds b_o (each bias is optional: add the ones present in params).",
    "편향을 더하지 않았습니다: Q = X_q W_q + b_q, K = X_kv W_k + b_k, V = X_kv W_v + b_v이고 출력에도 b_o를 "
    "더합니다 (편향은 선택 사항이므로 params에 있는 것만 더하세요).")


# --------------------------------------------------------------------------- helpers
def hit(got, variant, want):
    """The student's array equals a known-wrong variant that really differs from the reference."""
    return matches(got, variant) and not matches(variant, want)


def diagnose_pair(got, want, variants):
    """Name the first known-wrong variant whose (out, weights) the student's result reproduces."""
    for diag, var in variants:
        if any(hit(g, v, w) for g, v, w in zip(got, var, want)):
            raise diag.failed()


def attention_result(value, out_shape, w_shape, what):
    """The (out, weights) pair as arrays; (weights, out) is named."""
    out, w = unpack(value, 2, what)
    a, b = as_array(out, "out"), as_array(w, "weights")
    if out_shape != w_shape and a.shape == tuple(w_shape) and b.shape == tuple(out_shape):
        raise RETURN_ORDER.failed()
    return a, b


def as_mask(value, shape, what):
    """A mask as booleans: True/False (or 1/0) entries of the given shape."""
    arr = expect_shape(value, shape, what)
    if not np.all((arr == 0) | (arr == 1)):
        fail(f"{what} should be a boolean mask (True = may attend), but it has values other than True/False.",
             f"{what}은(는) 불리언 마스크(True = attend 가능)여야 하는데 True/False가 아닌 값이 있습니다.")
    return arr.astype(bool)


def random_mask(rng, shape, min_true=1, min_false=1):
    """A boolean mask whose last-axis rows each have ≥ min_true True and ≥ min_false False entries."""
    n = shape[-1]
    rows = int(np.prod(shape[:-1]))
    mask = np.zeros((rows, n), dtype=bool)
    for r in range(rows):
        k = rng.integers(min_true, n - min_false + 1)
        mask[r, rng.choice(n, size=k, replace=False)] = True
    return mask.reshape(shape)


def shuffle(rng, n):
    """A random permutation of range(n) that is not the identity."""
    perm = rng.permutation(n)
    return perm if np.any(perm != np.arange(n)) else perm[::-1].copy()


def qkv(rng, lead=(N,), nq=NQ, nk=NK, dk=DK, dv=DV):
    return (rng.normal(size=lead + (nq, dk)), rng.normal(size=lead + (nk, dk)),
            rng.normal(size=lead + (nk, dv)))


def sdpa_variants(Q, K, V, mask=None):
    """(out, weights) of the classic wrong versions of attention, with the mistake's name."""
    d_k = Q.shape[-1]
    S = Q @ np.swapaxes(K, -1, -2)

    def attend(scores, m=mask, fill=-np.inf, axis=-1):
        if m is not None:
            scores = np.where(m, scores, fill)
        w = ref.softmax(scores, axis=axis)
        return w @ V, w
    scaled = S / np.sqrt(d_k)
    variants = [(MISSING_SCALE, attend(S)), (SCALED_BY_DK, attend(S / d_k)),
                (SOFTMAX_WRONG_AXIS, attend(scaled, axis=-2)), (SOFTMAX_WRONG_AXIS, attend(scaled, axis=0))]
    if mask is not None:
        m = np.broadcast_to(np.asarray(mask, dtype=bool), S.shape)
        after = ref.softmax(scaled) * m
        variants += [(MASK_AFTER_SOFTMAX, (after @ V, after)),
                     (MASK_FILLED_WITH_ZERO, attend(scaled, fill=0.0)),
                     (MASK_INVERTED, attend(scaled, m=~m)),
                     (FULLY_MASKED_NOT_ZERO, attend(scaled, fill=-1e9))]
    return variants


def query_rows(mask=None, head_axis=None):
    """Locator for attention results (…, n_q, ·): how many query rows differ; with a head axis, which
    heads; under a mask, whether the rows that differ are the fully masked ones (no allowed key), the
    partly masked ones or the unmasked ones, and which of these kinds are right."""
    def locate(what, arr, want, bad):
        rows = bad.any(axis=-1)                                     # (…, n_q)
        en = (f"{what} has the right shape {arr.shape}, but {int(rows.sum())} of {rows.size} query rows differ "
              "from the lecture's formula")
        ko = f"{what}의 shape {arr.shape}은 맞지만 query 행 {rows.size}개 중 {int(rows.sum())}개가 강의 수식과 다릅니다"
        if head_axis is not None and rows.ndim > head_axis:
            heads, h = differing_along(rows, head_axis), rows.shape[head_axis]
            en += f", in head{'s' if len(heads) > 1 else ''} j = {span(heads)} (of {h})"
            ko += f" ({h}개 head 중 j = {span(heads)})"
        if mask is not None:
            m = np.asarray(mask, dtype=bool)
            if head_axis is not None and m.ndim == rows.ndim:        # (N, n_q, n_k) meets (N, h, n_q): a head axis
                m = np.expand_dims(m, head_axis)
            m = np.broadcast_to(m, rows.shape + (m.shape[-1],))
            allowed, n_k = m.sum(axis=-1), m.shape[-1]
            kinds = [(allowed == 0, "fully masked", "완전히 마스킹된"),
                     ((allowed > 0) & (allowed < n_k), "partly masked", "일부 마스킹된"),
                     (allowed == n_k, "unmasked", "마스킹되지 않은")]
            wrong = [(e, k) for sel, e, k in kinds if (rows & sel).any()]
            right = [(e, k) for sel, e, k in kinds if sel.any() and not (rows & sel).any()]
            en += "; they are " + " and ".join(f"{e} rows" for e, _ in wrong)
            ko += ". 다른 행: " + ", ".join(f"{k} 행" for _, k in wrong)
            if right:
                en += " (the " + " and ".join(f"{e} rows" for e, _ in right) + " are right)"
                ko += " (" + ", ".join(f"{k} 행" for _, k in right) + "은 맞습니다)"
        return Text(en + ".", ko + ".")
    return locate


def check_attention(got, Q, K, V, mask=None):
    """Compare (out, weights) with the reference, naming known mistakes."""
    want = ref.scaled_dot_product_attention(Q, K, V, mask)
    out, w = attention_result(got, want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    return compare_attention(out, w, want, sdpa_variants, Q, K, V, mask)


def compare_attention(out, w, want, variants, *inputs, what="scaled_dot_product_attention(...)", where=None):
    """out and weights match ``want``; otherwise name the variant (computed from ``inputs``) they match, or
    say which of the two differs and where (``where``: a locator for each; default: query rows, the heads
    of 4-D inputs, the kinds of rows of the mask given as the last input)."""
    if where is None:
        mask = inputs[-1] if len(inputs) == 4 else None
        heads = 1 if np.ndim(want[1]) == 4 else None
        where = query_rows(mask, heads)

    def diagnose(_):
        diagnose_pair((out, w), want, variants(*inputs))
    return expect_items((out, w), want, ("out", "weights"), what, diagnose=diagnose, where=where)


def mha_params(rng, d=MD, bias=True):
    p = {f"W_{k}": rng.normal(0, 1 / np.sqrt(d), (d, d)) for k in "qkvo"}
    if bias:
        p.update({f"b_{k}": rng.normal(0, 0.5, d) for k in "qkvo"})
    return p


def mha_variant(Xq, Xkv, p, h, mask=None, scale="head", out_proj=True, split="ok", merge="ok",
                bias=True, axis=-1, head_axis=True):
    """Multi-head attention with one thing done the wrong way (the defaults give the lecture's)."""
    N_, n_q, d = Xq.shape
    dh = d // h

    def project(X, k):
        Y = X @ p[f"W_{k}"]
        return Y + p[f"b_{k}"] if bias and f"b_{k}" in p else Y

    def cut(Y):
        n = Y.shape[1]
        if split == "no_transpose":
            return Y.reshape(N_, h, n, dh)
        return Y.reshape(N_, n, h, dh).transpose(0, 2, 1, 3)
    Q, K, V = cut(project(Xq, "q")), cut(project(Xkv, "k")), cut(project(Xkv, "v"))
    S = Q @ K.transpose(0, 1, 3, 2) / {"head": np.sqrt(dh), "model": np.sqrt(d), "dk": dh, "none": 1.0}[scale]
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.ndim == 3:
            m = m[:, None] if head_axis else m[None]
        S = np.where(m, S, -np.inf)
    W = ref.softmax(S, axis=axis)
    heads = W @ V
    if merge == "no_transpose":
        merged = heads.reshape(N_, n_q, d)
    else:
        merged = heads.transpose(0, 2, 1, 3).reshape(N_, n_q, d)
    return (project(merged, "o") if out_proj else merged), W


def mha_variants(Xq, Xkv, p, h, mask=None):
    v = lambda **kw: mha_variant(Xq, Xkv, p, h, mask, **kw)  # noqa: E731
    variants = [(MHA_SCALED_BY_D_MODEL, v(scale="model")), (MISSING_SCALE, v(scale="none")),
                (SCALED_BY_DK, v(scale="dk")), (MISSING_OUTPUT_PROJECTION, v(out_proj=False)),
                (SPLIT_NO_TRANSPOSE, v(split="no_transpose")), (MERGE_NO_TRANSPOSE, v(merge="no_transpose")),
                (MHA_MISSING_BIAS, v(bias=False)), (SOFTMAX_WRONG_AXIS, v(axis=-2))]
    if mask is not None and np.ndim(mask) == 3 and Xq.shape[0] == h:
        variants.append((MASK_NOT_EVERY_HEAD, v(head_axis=False)))
    return variants


def check_mha(got, Xq, Xkv, p, h, mask=None):
    """Compare multi-head (out, weights) with the reference, naming known mistakes."""
    want = ref.multi_head_attention(Xq, Xkv, p, h, mask)
    out, w = attention_result(got, want[0].shape, want[1].shape, "multi_head_attention(...)")
    if w.shape == (want[1].shape[0],) + want[1].shape[2:]:
        fail("weights has shape (N, n_q, n_kv): return every head's weights, shape (N, h, n_q, n_kv), "
             "not their average.",
             "weights의 shape이 (N, n_q, n_kv)입니다: 평균 내지 말고 모든 head의 가중치를 (N, h, n_q, n_kv)로 반환하세요.")

    return compare_attention(out, w, want, mha_variants, Xq, Xkv, p, h, mask, what="multi_head_attention(...)",
                             where=[query_rows(mask), query_rows(mask, head_axis=1)])


# --------------------------------------------------------------------------- softmax
@check("softmax", "matches softmax along the last axis on random inputs",
       "무작위 입력에서 마지막 축 softmax와 일치", weight=2)
def test_softmax_values(impl, rng):
    x = rng.normal(0, 2, (N, NQ, NK))
    got = impl.softmax(x)

    def diagnose(arr):
        e = np.exp(x)
        others = [ref.softmax(x, axis=a) for a in (0, 1)] + [e / e.sum()]
        if any(matches(arr, o) for o in others):
            raise SOFTMAX_WRONG_AXIS.failed()
    expect_close(got, ref.softmax(x), "softmax(x)", diagnose=diagnose, axes=(("slice n", "slice n"), ("row i", "행 i"), None))
    expect_unchanged((x,), impl.inputs_after, ("x",))


@check("softmax", "normalises along the axis it is given", "주어진 axis를 따라 정규화")
def test_softmax_axis(impl, rng):
    x = rng.normal(0, 2, (NK, NQ, N))
    for axis in (0, 1):
        got = impl.softmax(x, axis)

        def diagnose(arr):
            if any(matches(arr, ref.softmax(x, axis=a)) for a in (0, 1, 2) if a != axis):
                raise SOFTMAX_WRONG_AXIS.failed(Text(f"softmax(x, axis={axis}) normalised along another axis.",
                                                     f"softmax(x, axis={axis})가 다른 축으로 정규화했습니다."))
        expect_close(got, ref.softmax(x, axis=axis), f"softmax(x, axis={axis})", diagnose=diagnose,
                     axes=[(f"index on axis {a}", f"축 {a}의 위치") for a in range(x.ndim)])


@check("softmax", "stable for large logits (×300): no overflow, no NaN",
       "큰 로짓(×300)에서도 안정적: overflow, NaN 없음")
def test_softmax_stable(impl, rng):
    x = rng.normal(size=(4, NK)) * 300
    x[2] += 1000.0      # every entry of a row huge …
    x[3] -= 1000.0      # … or hugely negative
    arr = expect_shape(impl.softmax(x), x.shape, "softmax(x)")
    if any("overflow" in w for w in impl.warnings) or not np.all(np.isfinite(arr)):
        raise SOFTMAX_OVERFLOW.failed()
    # rows 2 and 3 are the huge and the hugely negative ones: the message names the rows that differ
    expect_close(arr, ref.softmax(x), "softmax(x)", axes=(("row", "행"), None))


@check("softmax", "−∞ entries get weight 0; an all −∞ slice gives zeros, not NaN",
       "−∞ 항목의 가중치는 0, 전부 −∞인 slice는 NaN이 아닌 0")
def test_softmax_minus_inf(impl, rng):
    x = rng.normal(0, 2, (4, NK))
    x[~random_mask(rng, x.shape)] = -np.inf
    x[rng.integers(4)] = -np.inf
    arr = expect_shape(impl.softmax(x), x.shape, "softmax(x)")
    dead = np.all(np.isinf(x), axis=-1)
    if not np.all(np.isfinite(arr[dead])):
        raise SOFTMAX_ALL_INF_NAN.failed()
    if not np.all(arr[np.isinf(x)] == 0):
        fail("Entries that are −∞ must get weight exactly 0 (e^(−∞) = 0).",
             "−∞인 항목의 가중치는 정확히 0이어야 합니다 (e^(−∞) = 0).")
    expect_close(arr, ref.softmax(x), "softmax(x)", axes=(("row", "행"), None))


# --------------------------------------------------------------------------- attention
@check("scaled_dot_product_attention", "out and weights match softmax(Q Kᵀ / √d_k) V on random inputs",
       "무작위 입력에서 out과 weights가 softmax(Q Kᵀ / √d_k) V와 일치", weight=3)
def test_attention_values(impl, rng):
    Q, K, V = qkv(rng)
    check_attention(impl.scaled_dot_product_attention(Q, K, V), Q, K, V)
    expect_unchanged((Q, K, V), impl.inputs_after, ("Q", "K", "V"))


@check("scaled_dot_product_attention", "a boolean mask (True = may attend) is applied before the softmax",
       "불리언 마스크(True = attend 가능)를 softmax 전에 적용", weight=2)
def test_attention_masked(impl, rng):
    Q, K, V = qkv(rng)
    mask = random_mask(rng, (N, NQ, NK))
    check_attention(impl.scaled_dot_product_attention(Q, K, V, mask), Q, K, V, mask)
    expect_unchanged((Q, K, V, mask), impl.inputs_after, ("Q", "K", "V", "mask"))


@check("scaled_dot_product_attention",
       "padding mask on 4-D inputs: rows sum to 1, padded keys get weight exactly 0, changing padded keys/values changes nothing",
       "4차원 입력의 padding 마스크: 행 합 1, padding된 key의 가중치는 정확히 0, padding된 key/value를 바꿔도 결과 불변")
def test_attention_padding_properties(impl, rng):
    Q, K, V = qkv(rng, lead=(N, HEADS))
    lengths = rng.integers(2, NK, size=N)                       # every sequence keeps ≥ 2 keys, pads ≥ 1
    keep = np.arange(NK)[None, :] < lengths[:, None]            # (N, NK)
    mask = keep[:, None, None, :]                               # (N, 1, 1, NK)
    want = ref.scaled_dot_product_attention(Q, K, V, mask)
    out, w = attention_result(impl.scaled_dot_product_attention(Q, K, V, mask),
                              want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    padded = np.broadcast_to(~mask, w.shape)
    if not np.all(w[padded] == 0):
        diagnose_pair((out, w), want, sdpa_variants(Q, K, V, mask))
        fail("Padded keys got a nonzero weight; a masked key's weight must be exactly 0 "
             "(set its score to −∞ before the softmax).",
             "padding된 key의 가중치가 0이 아닙니다. 마스킹된 key의 가중치는 정확히 0이어야 합니다 "
             "(softmax 전에 점수를 −∞로).")
    if not np.allclose(w.sum(axis=-1), 1.0, atol=1e-6):
        diagnose_pair((out, w), want, sdpa_variants(Q, K, V, mask))
        fail("Under a mask every weight row must still sum to 1: mask the scores before the softmax, "
             "over the key axis (the last axis).",
             "마스크가 있어도 각 가중치 행의 합은 1이어야 합니다: softmax 전에, key 축(마지막 축)에 대해 마스킹하세요.")
    K2, V2 = K.copy(), V.copy()
    b, j = np.nonzero(~keep)
    K2[b, :, j] = rng.normal(size=(len(b), HEADS, DK))
    V2[b, :, j] = rng.normal(size=(len(b), HEADS, DV))
    out2, w2 = attention_result(impl.scaled_dot_product_attention(Q, K2, V2, mask),
                                want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    if not (matches(out2, out) and matches(w2, w)):
        fail("Changing the keys and values at padded positions changed the result; masked keys must not "
             "contribute at all.",
             "padding된 위치의 key와 value를 바꾸자 결과가 바뀌었습니다. 마스킹된 key는 전혀 기여하지 않아야 합니다.")
    compare_attention(out, w, want, sdpa_variants, Q, K, V, mask)


@check("scaled_dot_product_attention",
       "logits ×300 stay finite; exactly one allowed key (or a single key, mask of length 1) gives that row of V",
       "로짓 ×300에서도 유한한 값; 허용된 key가 하나뿐이면 (또는 key 하나, 길이 1인 마스크) V의 그 행이 출력")
def test_attention_special_cases(impl, rng):
    Q, K, V = qkv(rng)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(DK)
    top2 = np.sort(scores, axis=-1)[..., -2:]
    gap = (top2[..., 1] - top2[..., 0]).min()         # between each row's two largest scores
    # logits ×300 or more: the largest is ≥ 2000, and every row's softmax is one-hot (its two largest
    # logits ≥ 40 apart, with or without 1/√d_k), so this check measures only overflow, the same
    # on every seed (the scale has checks of its own)
    Q_big = max(300.0, 2000.0 / np.abs(scores).max(), 40.0 * np.sqrt(DK) / gap) * Q
    got = impl.scaled_dot_product_attention(Q_big, K, V)
    want = ref.scaled_dot_product_attention(Q_big, K, V)
    out, w = attention_result(got, want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    if any("overflow" in m for m in impl.warnings) or not (np.all(np.isfinite(out)) and np.all(np.isfinite(w))):
        raise SOFTMAX_OVERFLOW.failed(Text("With large scores (Q × 300) your attention overflowed.",
                                           "점수가 클 때(Q × 300) attention이 overflow되었습니다."))
    compare_attention(out, w, want, sdpa_variants, Q_big, K, V)
    allowed = rng.integers(NK, size=(N, NQ))
    mask = np.arange(NK)[None, None, :] == allowed[..., None]       # exactly one True per row
    got = impl.scaled_dot_product_attention(Q, K, V, mask)
    want = ref.scaled_dot_product_attention(Q, K, V, mask)
    out, w = attention_result(got, want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    if not (matches(out, V[np.arange(N)[:, None], allowed]) and matches(w, mask.astype(float))):
        diagnose_pair((out, w), want, sdpa_variants(Q, K, V, mask))
        if not (np.all(np.isfinite(out)) and np.all(np.isfinite(w))):
            fail("With exactly one allowed key your attention gave NaN or infinity.",
                 "허용된 key가 하나뿐일 때 attention 결과에 NaN 또는 무한대가 있습니다.")
        fail("When a query may attend to exactly one key, its weight row is one-hot and its output is "
             "that key's row of V.",
             "query가 key 하나에만 attend할 수 있으면 가중치 행은 one-hot이고 출력은 V의 그 key 행입니다.")
    Q1, K1, V1 = qkv(rng, nk=1)
    got = impl.scaled_dot_product_attention(Q1, K1, V1, np.ones((N, 1, 1), dtype=bool))
    out, w = attention_result(got, (N, NQ, DV), (N, NQ, 1), "scaled_dot_product_attention(...)")
    out, w = expect_shape(out, (N, NQ, DV), "out"), expect_shape(w, (N, NQ, 1), "weights")
    if not (matches(out, np.broadcast_to(V1, out.shape)) and matches(w, np.ones_like(w))):
        fail("With a single key (n_k = 1, mask of length 1) every weight is 1 and every output row is that row of V.",
             "key가 하나뿐이면 (n_k = 1, 길이 1인 마스크) 모든 가중치는 1이고 모든 출력 행은 V의 그 행입니다.")


@check("scaled_dot_product_attention", "a fully masked query row gets zero weights and a zero output (no NaN)",
       "완전히 마스킹된 query 행은 가중치와 출력이 0 (NaN 없음)")
def test_attention_fully_masked_row(impl, rng):
    Q, K, V = qkv(rng)
    mask = random_mask(rng, (N, NQ, NK), min_false=0)
    dead = [(0, rng.integers(NQ)), (1, rng.integers(NQ))]
    for b, q in dead:
        mask[b, q] = False
    want = ref.scaled_dot_product_attention(Q, K, V, mask)
    out, w = attention_result(impl.scaled_dot_product_attention(Q, K, V, mask),
                              want[0].shape, want[1].shape, "scaled_dot_product_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    rows = tuple(np.array(dead).T)
    if not (np.all(np.isfinite(out[rows])) and np.all(np.isfinite(w[rows]))):
        raise FULLY_MASKED_NAN.failed()
    if not (matches(out[rows], 0 * out[rows]) and matches(w[rows], 0 * w[rows])):
        diagnose_pair((out, w), want, sdpa_variants(Q, K, V, mask))
        fail("A query row with no allowed key must get all-zero weights and a zero output.",
             "허용된 key가 없는 query 행은 가중치와 출력이 모두 0이어야 합니다.")
    compare_attention(out, w, want, sdpa_variants, Q, K, V, mask)


# --------------------------------------------------------------------------- masks
def causal_variants(n):
    lower = np.tril(np.ones((n, n), dtype=bool))
    return [(CAUSAL_TRANSPOSED, lower.T), (CAUSAL_NO_DIAGONAL, np.tril(lower, -1)), (MASK_INVERTED, ~lower)]


def check_causal(got, n):
    what = f"causal_mask({n})"
    arr = as_mask(got, (n, n), what)
    want = np.tril(np.ones((n, n), dtype=bool))
    if not np.array_equal(arr, want):
        for diag, var in causal_variants(n):
            if np.array_equal(arr, var):
                raise diag.failed()
        rows = span(differing_along(arr != want, 0))
        fail(f"{what} should be True on and below the diagonal (query i may attend to keys j ≤ i) and "
             f"False above it; rows (queries) i = {rows} are not.",
             f"{what}은(는) 대각선과 그 아래가 True(query i는 j ≤ i인 key에 attend)이고 위는 False여야 합니다. "
             f"행(query) i = {rows}이(가) 그렇지 않습니다.")
    return arr


@check("causal_mask", "the 4 × 4 causal mask, entry by entry", "4 × 4 causal 마스크, 항목별 비교")
def test_causal_mask_4x4(impl, rng):
    check_causal(impl.causal_mask(4), 4)


@check("causal_mask", "sizes 1 and n: True on and below the diagonal", "크기 1과 n: 대각선과 그 아래가 True")
def test_causal_mask_sizes(impl, rng):
    n = int(rng.integers(5, 9))
    check_causal(impl.causal_mask(n), n)
    check_causal(impl.causal_mask(1), 1)


@check("causal_mask", "with your mask, changing later tokens never changes earlier attention outputs",
       "이 마스크를 쓰면 뒤의 토큰을 바꿔도 앞 위치의 attention 출력이 바뀌지 않음")
def test_causal_mask_causality(impl, rng):
    n, d, h = 6, 8, 2
    mask = as_mask(impl.causal_mask(n), (n, n), f"causal_mask({n})")
    X, p = rng.normal(size=(N, n, d)), mha_params(rng, d)
    t = int(rng.integers(1, n - 1))
    X2 = X.copy()
    X2[:, t:] = rng.normal(size=(N, n - t, d))
    out = ref.multi_head_attention(X, X, p, h, mask)[0]
    out2 = ref.multi_head_attention(X2, X2, p, h, mask)[0]
    if not matches(out2[:, :t], out[:, :t]):
        check_causal(mask, n)
        fail(f"With your mask, changing the tokens from position {t} on changed the outputs before position {t}: "
             f"the future leaks into the past.",
             f"이 마스크로는 위치 {t}부터의 토큰을 바꾸자 위치 {t} 이전의 출력이 바뀌었습니다: 미래 정보가 새어 들어갑니다.")
    check_causal(mask, n)


def padding_tokens(rng, n_seq=3, n=6, pad_id=0, real=(1, 10), min_len=1):
    """Token ids (n_seq, n): each row keeps min_len … n − 1 real tokens, then padding."""
    lo, hi = real
    tokens = rng.integers(lo, hi, size=(n_seq, n))
    tokens[tokens == pad_id] = hi
    lengths = rng.integers(min_len, n, size=n_seq)
    tokens[np.arange(n)[None, :] >= lengths[:, None]] = pad_id
    return tokens


def check_padding(got, tokens, pad_id, what):
    n_seq, n = tokens.shape
    want = (tokens != pad_id)[:, None, :]
    arr = as_array(got, what)
    if arr.shape != want.shape:
        if arr.size == want.size:
            raise PADDING_SHAPE.failed(Text(f"{what} has shape {arr.shape}.", f"{what}의 shape이 {arr.shape}입니다."))
        expect_shape(arr, want.shape, what)
    arr = as_mask(arr, want.shape, what)
    if not np.array_equal(arr, want):
        if np.array_equal(arr, ~want):
            raise MASK_INVERTED.failed()
        if pad_id != 0 and np.array_equal(arr, (tokens != 0)[:, None, :]):
            raise PAD_ID_IGNORED.failed()
        rows = span(differing_along(arr != want, 0))
        fail(f"{what} should be True exactly where tokens != pad_id; the rows of sequences n = {rows} are not.",
             f"{what}은(는) tokens != pad_id인 곳에서만 True여야 합니다. 시퀀스 n = {rows}의 행이 그렇지 않습니다.")
    return arr


@check("padding_mask", "(N, 1, n), True where tokens != 0 (the default pad_id)",
       "(N, 1, n), tokens != 0 (기본 pad_id)인 곳이 True")
def test_padding_mask_values(impl, rng):
    tokens = padding_tokens(rng)
    check_padding(impl.padding_mask(tokens), tokens, 0, "padding_mask(tokens)")
    expect_unchanged((tokens,), impl.inputs_after, ("tokens",))


@check("padding_mask", "uses the pad_id it is given (0 can be a real token)",
       "주어진 pad_id를 사용 (0도 실제 토큰일 수 있음)")
def test_padding_mask_pad_id(impl, rng):
    pad_id = int(rng.integers(3, 8))
    tokens = padding_tokens(rng, n_seq=4, n=5, pad_id=pad_id, real=(0, 9), min_len=2)
    tokens[:, 0] = 0                          # a real token 0 in every sequence …
    tokens[:, 1] = pad_id + 1                 # … and a real token that is not 0
    check_padding(impl.padding_mask(tokens, pad_id), tokens, pad_id, f"padding_mask(tokens, pad_id={pad_id})")


@check("padding_mask", "an all-padding row is all False; sequences of length 1 work",
       "전부 padding인 행은 모두 False; 길이 1인 시퀀스도 동작")
def test_padding_mask_edges(impl, rng):
    tokens = padding_tokens(rng, n_seq=3, n=4)
    tokens[rng.integers(3)] = 0
    check_padding(impl.padding_mask(tokens), tokens, 0, "padding_mask(tokens)")
    single = np.array([[0], [int(rng.integers(1, 9))]])
    check_padding(impl.padding_mask(single), single, 0, "padding_mask(tokens of length 1)")


# --------------------------------------------------------------------------- heads
def split_variants(X, h):
    Nb, n, d = X.shape
    dh = d // h
    return [(SPLIT_NO_TRANSPOSE, X.reshape(Nb, h, n, dh)),
            (HEADS_WRONG_COLUMNS, X.reshape(Nb, n, dh, h).transpose(0, 3, 1, 2))]


def check_split(got, X, h):
    want = ref.split_heads(X, h)

    def diagnose(arr):
        for diag, var in split_variants(X, h):
            if matches(arr, var):
                raise diag.failed()
    expect_close(got, want, f"split_heads(X, {h})", diagnose=diagnose, where=in_heads(axis=1))


@check("split_heads", "(N, n, d_model) → (N, h, n, d_head) on random inputs, h = 3 and h = 4",
       "무작위 입력에서 (N, n, d_model) → (N, h, n, d_head), h = 3과 h = 4", weight=2)
def test_split_heads_values(impl, rng):
    X = rng.normal(size=(2, 5, 12))
    for h in (3, 4):
        check_split(impl.split_heads(X, h), X, h)
        expect_unchanged((X,), impl.inputs_after, ("X",))


@check("split_heads", "one head (h = 1) and one column per head (h = d_model)",
       "head 하나 (h = 1)와 head당 열 하나 (h = d_model)")
def test_split_heads_extremes(impl, rng):
    X = rng.normal(size=(3, 4, 6))
    for h in (1, 6):
        check_split(impl.split_heads(X, h), X, h)


@check("split_heads", "raises ValueError when d_model % n_heads != 0 (and splits when it divides)",
       "d_model % n_heads != 0이면 ValueError 발생 (나누어떨어지면 나눔)")
def test_split_heads_not_divisible(impl, rng):
    X = rng.normal(size=(2, 4, 6))                 # the same X splits when h divides d_model
    check_split(impl.split_heads(X, 3), X, 3)
    # Shapes where a sloppy reshape(N, -1, h, d_model // h) silently succeeds.
    for shape, h in (((2, 4, 6), 4), ((2, 5, 6), 5)):
        X = rng.normal(size=shape)
        try:
            impl.split_heads(X, h)
        except StudentCodeError as err:
            if err.kind != "exception":
                raise
            if err.error_type != "ValueError":
                fail(f"split_heads(X with d_model = {shape[2]}, n_heads = {h}) raised {err.error_type}; "
                     f"raise ValueError with a clear message instead.",
                     f"split_heads(d_model = {shape[2]}, n_heads = {h})가 {err.error_type}를 발생시켰습니다. "
                     f"대신 명확한 메시지의 ValueError를 발생시키세요.",
                     diagnosis=HEADS_NOT_DIVISIBLE.code)
            continue
        raise HEADS_NOT_DIVISIBLE.failed(Text(f"d_model = {shape[2]}, n_heads = {h}: no error was raised.",
                                              f"d_model = {shape[2]}, n_heads = {h}: 오류가 발생하지 않았습니다."))


@check("merge_heads", "(N, h, n, d_head) → (N, n, h·d_head) on random inputs",
       "무작위 입력에서 (N, h, n, d_head) → (N, n, h·d_head)", weight=2)
def test_merge_heads_values(impl, rng):
    X = rng.normal(size=(2, 3, 5, 4))
    Nb, h, n, dh = X.shape

    def diagnose(arr):
        if matches(arr, X.reshape(Nb, n, h * dh)):
            raise MERGE_NO_TRANSPOSE.failed()
        if matches(arr, X.transpose(0, 2, 3, 1).reshape(Nb, n, h * dh)):
            raise HEADS_WRONG_COLUMNS.failed()
    expect_close(impl.merge_heads(X), ref.merge_heads(X), "merge_heads(X)", diagnose=diagnose,
                 where=in_head_columns(h))
    expect_unchanged((X,), impl.inputs_after, ("X",))


@check("merge_heads", "undoes split_heads: merge_heads(split_heads(X, h)) == X",
       "split_heads의 역연산: merge_heads(split_heads(X, h)) == X")
def test_merge_heads_inverse(impl, rng):
    X = rng.normal(size=(3, 4, 10))
    for h in (2, 5):
        parts = ref.split_heads(X, h)

        def diagnose(arr):
            if matches(arr, parts.reshape(X.shape)):
                raise MERGE_NO_TRANSPOSE.failed()
        expect_close(impl.merge_heads(parts), X, f"merge_heads(split_heads(X, {h}))", diagnose=diagnose,
                     where=in_head_columns(h))


# --------------------------------------------------------------------------- multi-head attention
@check("multi_head_attention", "cross-attention matches the lecture on random inputs (h = 3, with biases)",
       "무작위 입력에서 cross-attention이 강의 수식과 일치 (h = 3, 편향 포함)", weight=3)
def test_mha_values(impl, rng):
    Xq, Xkv, p = rng.normal(size=(MN, MQ, MD)), rng.normal(size=(MN, MKV, MD)), mha_params(rng)
    check_mha(impl.multi_head_attention(Xq, Xkv, p, MH), Xq, Xkv, p, MH)
    expect_unchanged((Xq, Xkv, p), impl.inputs_after, ("X_q", "X_kv", "params"))


@check("multi_head_attention", "a padding mask (N, 1, n_kv) and a causal mask (n, n) are applied",
       "padding 마스크 (N, 1, n_kv)와 causal 마스크 (n, n)를 적용", weight=2)
def test_mha_masked(impl, rng):
    Xq, Xkv, p = rng.normal(size=(MN, MQ, MD)), rng.normal(size=(MN, MKV, MD)), mha_params(rng)
    lengths = rng.integers(2, MKV, size=MN)
    pad = (np.arange(MKV)[None, :] < lengths[:, None])[:, None, :]
    check_mha(impl.multi_head_attention(Xq, Xkv, p, MH, pad), Xq, Xkv, p, MH, pad)
    causal = ref.causal_mask(MQ)
    check_mha(impl.multi_head_attention(Xq, Xq, p, MH, causal), Xq, Xq, p, MH, causal)
    expect_unchanged((Xq, Xq, p, MH, causal), impl.inputs_after, ("X_q", "X_kv", "params", "n_heads", "mask"))


@check("multi_head_attention", "the mask reaches every head of every sequence (N = h = 2)",
       "마스크가 모든 시퀀스의 모든 head에 적용됨 (N = h = 2)")
def test_mha_mask_every_head(impl, rng):
    # N = h on purpose: a mask missing its head axis broadcasts silently here (and crashes otherwise).
    n_b = h = 2
    d, n_q, n_kv = 6, 4, 5
    Xq, Xkv, p = rng.normal(size=(n_b, n_q, d)), rng.normal(size=(n_b, n_kv, d)), mha_params(rng, d)
    lengths = rng.permutation([n_kv - 1, n_kv - 3])
    pad = (np.arange(n_kv)[None, :] < lengths[:, None])[:, None, :]
    check_mha(impl.multi_head_attention(Xq, Xkv, p, h, pad), Xq, Xkv, p, h, pad)


@check("multi_head_attention",
       "padded keys get weight exactly 0 in every head; changing padded positions changes nothing",
       "모든 head에서 padding된 key의 가중치는 정확히 0; padding된 위치를 바꿔도 결과 불변")
def test_mha_padding_invariance(impl, rng):
    Xq, Xkv, p = rng.normal(size=(MN, MQ, MD)), rng.normal(size=(MN, MKV, MD)), mha_params(rng)
    lengths = rng.integers(2, MKV, size=MN)
    keep = np.arange(MKV)[None, :] < lengths[:, None]
    pad = keep[:, None, :]
    want = ref.multi_head_attention(Xq, Xkv, p, MH, pad)
    out, w = attention_result(impl.multi_head_attention(Xq, Xkv, p, MH, pad),
                              want[0].shape, want[1].shape, "multi_head_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    if not (np.all(w[np.broadcast_to(~keep[:, None, None, :], w.shape)] == 0)
            and np.allclose(w.sum(axis=-1), 1.0, atol=1e-6)):
        diagnose_pair((out, w), want, mha_variants(Xq, Xkv, p, MH, pad))
        fail("In every head, padded keys must get weight exactly 0 and each weight row must sum to 1.",
             "모든 head에서 padding된 key의 가중치는 정확히 0이고 각 가중치 행의 합은 1이어야 합니다.")
    X2 = Xkv.copy()
    X2[~keep] = rng.normal(size=(int((~keep).sum()), MD))
    out2, w2 = attention_result(impl.multi_head_attention(Xq, X2, p, MH, pad),
                                want[0].shape, want[1].shape, "multi_head_attention(...)")
    if not (matches(out2, out) and matches(w2, w)):
        diagnose_pair((out, w), want, mha_variants(Xq, Xkv, p, MH, pad))
        fail("Changing X_kv at padded positions changed the output; padded keys and values must not contribute.",
             "padding된 위치의 X_kv를 바꾸자 출력이 바뀌었습니다. padding된 key와 value는 기여하지 않아야 합니다.")
    check_mha((out, w), Xq, Xkv, p, MH, pad)


@check("multi_head_attention",
       "self-attention ignores order (reordering tokens reorders the output) and a causal mask hides the future (params without biases)",
       "self-attention은 순서를 모름 (토큰 순서를 바꾸면 출력 순서만 바뀜), causal 마스크는 미래를 가림 (편향 없는 params)")
def test_mha_order(impl, rng):
    n, h = 6, MH
    X, p = rng.normal(size=(MN, n, MD)), mha_params(rng, bias=False)
    perm = shuffle(rng, n)
    want = ref.multi_head_attention(X, X, p, h)
    out, w = attention_result(impl.multi_head_attention(X, X, p, h), want[0].shape, want[1].shape,
                              "multi_head_attention(...)")
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    Xp = X[:, perm]
    out_p, w_p = attention_result(impl.multi_head_attention(Xp, Xp, p, h), want[0].shape, want[1].shape,
                                  "multi_head_attention(...)")
    if not (matches(out_p, out[:, perm]) and matches(w_p, w[:, :, perm][:, :, :, perm])):
        diagnose_pair((out, w), want, mha_variants(X, X, p, h))
        fail("Without positional encoding, self-attention has no notion of order: reordering the tokens should "
             "only reorder the outputs (and the weights) the same way. Yours changed them.",
             "positional encoding이 없으면 self-attention은 순서를 모릅니다: 토큰 순서를 바꾸면 출력(과 가중치)도 같은 "
             "순서로 바뀌기만 해야 하는데, 값이 달라졌습니다.")
    causal = ref.causal_mask(n)
    t = int(rng.integers(1, n - 1))
    X2 = X.copy()
    X2[:, t:] = rng.normal(size=(MN, n - t, MD))
    a = as_array(unpack(impl.multi_head_attention(X, X, p, h, causal), 2, "multi_head_attention(...)")[0], "out")
    b = as_array(unpack(impl.multi_head_attention(X2, X2, p, h, causal), 2, "multi_head_attention(...)")[0], "out")
    if not (a.shape == b.shape == want[0].shape and matches(a[:, :t], b[:, :t])):
        fail(f"With a causal mask, changing the tokens from position {t} on changed the outputs before it.",
             f"causal 마스크를 썼는데 위치 {t}부터의 토큰을 바꾸자 그 앞의 출력이 바뀌었습니다.")
    want = ref.multi_head_attention(X, X, p, h, causal)
    expect_close(a, want[0], "out (causal)", where=query_rows(causal),
                 diagnose=lambda _: diagnose_pair((a,), want[:1], mha_variants(X, X, p, h, causal)))
