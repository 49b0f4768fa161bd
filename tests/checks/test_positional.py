"""Hidden checks of the positional-encoding assignment (SPEC "Positional encoding" table).

``positional_encoding`` is compared with ``ref`` (``solutions/positional.py``) on sizes where
max_len ≠ d_model (even and odd d_model), on values a human can verify (row 0 is
[0, 1, 0, 1, …], PE[1, :2] = [sin 1, cos 1], the last pair turns with frequency
10000^(−(d−2)/d)) and on the property sin² + cos² = 1 for every column pair, checked over
every row rather than row 0 only (CHECKS.md). ``add_positional_encoding`` is checked on batched
and unbatched inputs, and through the lecture's point: without PE, self-attention ignores order.

No points for answers that ignore the input: the sin² + cos² = 1 property (which an encoding that
ignores the position or the pair index also has) is checked together with the values of a longer
table. A failing comparison says which column pairs (2k, 2k+1) differ, in the sin or the cos
columns, and from which position pos on.
"""
import numpy as np

from seqlab.grading.checklib import (Diagnosis, as_array, check, expect_close, expect_shape,
                                     expect_unchanged, fail, in_pairs, matches)
from seqlab.i18n import Text
from solutions import attention as ref_attention
from solutions import positional as ref

# --------------------------------------------------------------------------- diagnoses
PE_SIN_COS_SWAPPED = Diagnosis(
    "pe_sin_cos_swapped",
    "sin and cos are swapped: even columns (2k) hold sin, odd columns (2k+1) hold cos, so row 0 "
    "(pos = 0) is [0, 1, 0, 1, …].",
    "sin과 cos가 바뀌었습니다: 짝수 열(2k)은 sin, 홀수 열(2k+1)은 cos이므로 0행(pos = 0)은 [0, 1, 0, 1, …]입니다.")
PE_CONCATENATED = Diagnosis(
    "pe_concatenated",
    "You concatenated [sin | cos]; the lecture interleaves them: column 2k is the sin and column 2k+1 "
    "the cos of the same angle (even columns sin, odd columns cos: sin, cos, sin, cos, …).",
    "[sin | cos]로 이어 붙였습니다. 강의는 번갈아 배치합니다: 2k열은 sin, 2k+1열은 같은 각도의 cos입니다 "
    "(짝수 열은 sin, 홀수 열은 cos: sin, cos, sin, cos, …).")
PE_WRONG_EXPONENT = Diagnosis(
    "pe_wrong_exponent",
    "The frequencies are wrong. Both columns of a pair use the same angle pos / 10000^(2k / d_model), "
    "where 2k is the even column index (column 2k+1 also uses 2k / d_model, not (2k+1) / d_model), "
    "and the position is divided by 10000^(2k / d_model), not multiplied.",
    "주파수가 틀렸습니다. 한 쌍의 두 열은 같은 각도 pos / 10000^(2k / d_model)을 씁니다. 2k는 짝수 열 번호이고 "
    "(2k+1열도 (2k+1) / d_model이 아니라 2k / d_model), 위치를 10000^(2k / d_model)로 곱하지 않고 나눕니다.")
PE_POSITIONS_FROM_ONE = Diagnosis(
    "pe_positions_from_one",
    "Positions are counted from 1; the lecture counts pos from 0, so PE row 0 is [0, 1, 0, 1, …].",
    "위치를 1부터 셌습니다. 강의는 pos를 0부터 세므로 PE의 0행은 [0, 1, 0, 1, …]입니다.")
PE_NOT_ADDED = Diagnosis(
    "pe_not_added",
    "The positional encoding is not added: return x_pos + PE_pos at every position (not X alone, not PE "
    "alone). Without it self-attention ignores word order — the lecture's common mistake 'positional encoding "
    "forgotten' (symptom: order ignored; fix: add the encoding to the embeddings).",
    "positional encoding을 더하지 않았습니다: 모든 위치에서 x_pos + PE_pos를 반환하세요 (X만도, PE만도 아님). 이것이 없으면 "
    "self-attention이 단어 순서를 무시합니다 — 강의의 자주 하는 실수 'Positional Encoding 빠뜨림' "
    "(증상: 순서 무시, 해결: 임베딩에 pos_enc 추가 확인).")


# --------------------------------------------------------------------------- helpers
def _layout(angle, swapped=False, concatenated=False):
    """PE from the angle of every column: interleaved sin/cos (or the classic wrong layouts)."""
    L, d = angle.shape
    if concatenated:
        pair = angle[:, 0::2]
        return np.hstack([np.sin(pair), np.cos(pair[:, : d // 2])])
    first, second = (np.cos, np.sin) if swapped else (np.sin, np.cos)
    PE = np.empty((L, d))
    PE[:, 0::2], PE[:, 1::2] = first(angle[:, 0::2]), second(angle[:, 1::2])
    return PE


def pe_variants(L, d):
    """The classic wrong positional encodings, with the mistake's name."""
    pos = np.arange(L, dtype=np.float64)[:, None]
    col = np.arange(d, dtype=np.float64)
    two_k = col - col % 2
    angle = pos / 10000.0 ** (two_k / d)
    return [(PE_SIN_COS_SWAPPED, _layout(angle, swapped=True)),
            (PE_CONCATENATED, _layout(angle, concatenated=True)),
            (PE_POSITIONS_FROM_ONE, _layout((pos + 1) / 10000.0 ** (two_k / d))),
            (PE_WRONG_EXPONENT, _layout(pos / 10000.0 ** (col / d))),           # odd columns: (2k+1)/d
            (PE_WRONG_EXPONENT, _layout(pos / 10000.0 ** (two_k / 2 / d))),     # k/d instead of 2k/d
            (PE_WRONG_EXPONENT, _layout(pos / 10000.0 ** (2 * col / d))),       # 2·(column index)/d
            (PE_WRONG_EXPONENT, _layout(pos * 10000.0 ** (two_k / d)))]         # multiplied (exponent sign)


def diagnose_pe(arr, L, d, shift=None):
    """Name the mistake when ``arr`` (minus ``shift``) is a known-wrong encoding."""
    for diag, var in pe_variants(L, d):
        if matches(arr, var if shift is None else shift + var):
            raise diag.failed()


def check_pe(got, L, d):
    what = f"positional_encoding({L}, {d})"
    arr = as_array(got, what)
    if arr.shape == (d, L) != (L, d):
        fail(f"{what} has shape {arr.shape}: rows are positions, columns are dimensions, so it should be ({L}, {d}).",
             f"{what}의 shape이 {arr.shape}입니다. 행은 위치, 열은 차원이므로 ({L}, {d})여야 합니다.")
    return expect_close(arr, ref.positional_encoding(L, d), what, diagnose=lambda a: diagnose_pe(a, L, d),
                        where=in_pairs(pos_axis=0))


# --------------------------------------------------------------------------- positional_encoding
@check("positional_encoding", "matches the lecture's formula (interleaved sin/cos) for max_len ≠ d_model",
       "max_len ≠ d_model에서 강의 수식(sin/cos 번갈아)과 일치", weight=2)
def test_pe_values(impl, rng):
    L, d = int(rng.integers(9, 13)), int(rng.choice([8, 14, 16]))
    check_pe(impl.positional_encoding(L, d), L, d)


@check("positional_encoding", "values you can check by hand: row 0, PE[1, :2], the last pair's frequency",
       "손으로 확인할 수 있는 값: 0행, PE[1, :2], 마지막 쌍의 주파수")
def test_pe_fixed_values(impl, rng):
    L, d = 6, 10
    what = f"positional_encoding({L}, {d})"
    arr = expect_shape(impl.positional_encoding(L, d), (L, d), what)
    row0 = np.tile([0.0, 1.0], d // 2)
    if not matches(arr[0], row0):
        diagnose_pe(arr, L, d)
        fail("Row 0 (pos = 0) should be [0, 1, 0, 1, …]: sin 0 = 0 in the even columns, cos 0 = 1 in the odd ones.",
             "0행(pos = 0)은 [0, 1, 0, 1, …]이어야 합니다: 짝수 열은 sin 0 = 0, 홀수 열은 cos 0 = 1.")
    if not matches(arr[1, :2], [np.sin(1.0), np.cos(1.0)]):
        diagnose_pe(arr, L, d)
        fail("PE[1, :2] should be [sin 1, cos 1]: the first pair has frequency 10000^0 = 1.",
             "PE[1, :2]는 [sin 1, cos 1]이어야 합니다: 첫 쌍의 주파수는 10000^0 = 1입니다.")
    omega = 10000.0 ** (-(d - 2) / d)
    pos = np.arange(L)
    if not (matches(arr[:, d - 2], np.sin(pos * omega)) and matches(arr[:, d - 1], np.cos(pos * omega))):
        diagnose_pe(arr, L, d)
        fail(f"The last pair (columns {d - 2}, {d - 1}) should be sin(pos·ω), cos(pos·ω) with ω = 10000^(−(d−2)/d).",
             f"마지막 쌍(열 {d - 2}, {d - 1})은 ω = 10000^(−(d−2)/d)일 때 sin(pos·ω), cos(pos·ω)여야 합니다.")


@check("positional_encoding", "sin² + cos² = 1 for every column pair (2k, 2k+1) at every position of a longer table (20–30 positions), and its values",
       "더 긴 표(20–30개 위치)의 모든 위치에서 각 열 쌍 (2k, 2k+1)의 sin² + cos² = 1, 그리고 그 값")
def test_pe_pairs(impl, rng):
    L, d = int(rng.integers(20, 30)), 12
    what = f"positional_encoding({L}, {d})"
    arr = expect_shape(impl.positional_encoding(L, d), (L, d), what)
    radius = arr[:, 0::2] ** 2 + arr[:, 1::2] ** 2
    if not np.allclose(radius, 1.0, atol=1e-6):
        diagnose_pe(arr, L, d)
        k = int(np.argwhere(~np.isclose(radius, 1.0, atol=1e-6))[0][1])
        fail(f"Columns {2 * k} and {2 * k + 1} are not a sin/cos pair of the same angle (sin² + cos² ≠ 1).",
             f"{2 * k}열과 {2 * k + 1}열이 같은 각도의 sin/cos 쌍이 아닙니다 (sin² + cos² ≠ 1).")
    check_pe(arr, L, d)


@check("positional_encoding", "odd d_model: the last column is a sin without its cos",
       "홀수 d_model: 마지막 열은 짝이 없는 sin")
def test_pe_odd_d_model(impl, rng):
    L, d = int(rng.integers(5, 9)), int(rng.choice([7, 9]))
    check_pe(impl.positional_encoding(L, d), L, d)


# --------------------------------------------------------------------------- add_positional_encoding
def check_add(got, X):
    n, d = X.shape[-2:]
    PE = ref.positional_encoding(n, d)
    arr = as_array(got, "add_positional_encoding(X)")
    if arr.shape == PE.shape != X.shape and matches(arr, PE):
        raise PE_NOT_ADDED.failed()

    def diagnose(a):
        if matches(a, X) or matches(a, np.broadcast_to(PE, X.shape)):
            raise PE_NOT_ADDED.failed()
        diagnose_pe(a, n, d, shift=X)
    return expect_close(arr, X + PE, "add_positional_encoding(X)", diagnose=diagnose, where=in_pairs(pos_axis=-2))


@check("add_positional_encoding", "x_pos + PE_pos at every position of a batch X (N, n, d_model)",
       "배치 X (N, n, d_model)의 모든 위치에서 x_pos + PE_pos", weight=2)
def test_add_pe_batch(impl, rng):
    X = rng.normal(size=(2, 5, 6))
    check_add(impl.add_positional_encoding(X), X)
    expect_unchanged((X,), impl.inputs_after, ("X",))


@check("add_positional_encoding", "x_pos + PE_pos at every position of one sequence X (n, d_model)",
       "시퀀스 하나 X (n, d_model)의 모든 위치에서 x_pos + PE_pos")
def test_add_pe_single(impl, rng):
    X = rng.normal(size=(7, 4))
    check_add(impl.add_positional_encoding(X), X)


@check("add_positional_encoding",
       "after adding PE, reordering the tokens changes self-attention's result (the lecture: without PE order is ignored)",
       "PE를 더하면 토큰 순서를 바꿀 때 self-attention 결과가 달라짐 (강의: PE가 없으면 순서 무시)")
def test_add_pe_order_matters(impl, rng):
    n, d, h = 6, 8, 2
    X = rng.normal(size=(3, n, d))
    p = {f"W_{k}": rng.normal(0, 1 / np.sqrt(d), (d, d)) for k in "qkvo"}
    perm = rng.permutation(n)
    if np.all(perm == np.arange(n)):
        perm = perm[::-1].copy()
    A = as_array(impl.add_positional_encoding(X), "add_positional_encoding(X)")
    B = as_array(impl.add_positional_encoding(X[:, perm]), "add_positional_encoding(X[:, perm])")
    if A.shape != X.shape or B.shape != X.shape:
        check_add(A, X)
        check_add(B, X[:, perm])
    attend = lambda Z: ref_attention.multi_head_attention(Z, Z, p, h)[0]  # noqa: E731
    if matches(attend(B), attend(A)[:, perm]):
        raise PE_NOT_ADDED.failed(Text(
            "With your encoding, self-attention still gives the same outputs for reordered tokens, "
            "only reordered: the order of the words is lost.",
            "여러분의 인코딩으로는 토큰 순서를 바꿔도 self-attention이 순서만 바뀐 같은 출력을 냅니다: "
            "단어 순서 정보가 사라집니다."))
    check_add(B, X[:, perm])
