"""Self-checks of the positional-encoding assignment: what ``check(positional_encoding)`` runs.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off and
what the lecture's formula implies, in the release language. This file is released to
students: it holds shapes, properties and worked examples small enough to verify by hand
(row 0 is [0, 1, 0, 1, …]; PE[1, :2] = [sin 1, cos 1]; for d_model = 4 the frequencies are 1 and
1/100), never reference outputs on random data and never solution code.

Language: every message is a Text shown in the core's language, which the setup cell sets
with ``use_language("ko")``.
"""

import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import check, check_all, close, expect, grade, say, selfcheck, shape, use_language


_core.student_functions("positional_encoding", "add_positional_encoding")


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_call = _core.call
_near = _core.near
_fail = _core.fail


def _table(value, max_len, d_model):
    """PE as an array of shape (max_len, d_model); a transposed table is named."""
    what = f"positional_encoding({max_len}, {d_model})"
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    if arr is not None and arr.shape == (d_model, max_len) != (max_len, d_model):
        _fail(f"{what} has shape {arr.shape}: rows are positions and columns dimensions, so it should be "
              f"({max_len}, {d_model}).",
              f"{what}의 shape이 {arr.shape}입니다. 행이 위치, 열이 차원이므로 ({max_len}, {d_model})이어야 합니다.")
    return shape(value, (max_len, d_model), what)


# The lecture's formula written out for d_model = 4 (frequencies 10000^0 = 1 and 10000^(−2/4) = 1/100)
# and positions 0, 1, 2: PE[pos] = [sin pos, cos pos, sin(pos/100), cos(pos/100)].
P = np.array([0.0, 1.0, 2.0])
PE_3x4 = np.stack([np.sin(P), np.cos(P), np.sin(P / 100), np.cos(P / 100)], axis=1)


def _diagnose_small_table(got):
    """Name the classic layouts and off-by-ones on the (3, 4) worked example."""
    if _near(got, np.stack([np.sin(P), np.sin(P / 100), np.cos(P), np.cos(P / 100)], axis=1)):
        _fail("Your columns are [sin, sin, cos, cos]: the sines and cosines are concatenated. The lecture interleaves "
              "them: column 2k is sin and column 2k + 1 the cos of the same angle, [sin pos, cos pos, sin(pos/100), "
              "cos(pos/100)] for d_model = 4.",
              "열이 [sin, sin, cos, cos]입니다: sin과 cos를 이어 붙였습니다. 강의는 번갈아 놓습니다: 열 2k는 sin, 열 2k + 1은 "
              "같은 각도의 cos이므로 d_model = 4이면 [sin pos, cos pos, sin(pos/100), cos(pos/100)]입니다.")
    if _near(got, PE_3x4[:, [1, 0, 3, 2]]):
        _fail("sin and cos are swapped: the even columns (0, 2, …) are sines and the odd columns cosines, so row 0 "
              "is [0, 1, 0, 1].",
              "sin과 cos가 바뀌었습니다: 짝수 열(0, 2, …)이 sin, 홀수 열이 cos이므로 0행은 [0, 1, 0, 1]입니다.")
    P1 = P + 1
    if _near(got, np.stack([np.sin(P1), np.cos(P1), np.sin(P1 / 100), np.cos(P1 / 100)], axis=1)):
        _fail("Your positions start at 1. pos is counted from 0 (the lecture numbers the words of its example sentence "
              "0, 1, 2), so row 0 is [sin 0, cos 0, …] = [0, 1, 0, 1].",
              "위치가 1부터 시작합니다. pos는 0부터 셉니다 (강의: \"나는\" = 0, \"학생\" = 1, \"이다\" = 2). 따라서 0행은 "
              "[sin 0, cos 0, …] = [0, 1, 0, 1]입니다.")
    if _near(got[:, 1], np.cos(P / 10)) or _near(got[:, 3], np.cos(P / 1000)):
        _fail("An odd column uses its own index in the exponent (column 1 = cos(pos / 10000^(1/4)) or column 3 = "
              "cos(pos / 10000^(3/4))). Both columns of a pair use the even index 2k: column 2k + 1 is "
              "cos(pos / 10000^(2k/d_model)), the partner of column 2k, so for d_model = 4 column 1 is cos(pos) and "
              "column 3 is cos(pos/100).",
              "홀수 열이 지수에 자기 인덱스를 씁니다 (열 1 = cos(pos / 10000^(1/4)) 또는 열 3 = cos(pos / 10000^(3/4))). "
              "한 쌍의 두 열은 모두 짝수 인덱스 2k를 씁니다: 열 2k + 1은 열 2k의 짝인 cos(pos / 10000^(2k/d_model))이므로 "
              "d_model = 4이면 열 1은 cos(pos), 열 3은 cos(pos/100)입니다.")
    if _near(got[:, 2], np.sin(P / 10)) or _near(got[:, 2], np.sin(P / 10000)) or _near(got[:, 2], np.sin(P * 100)):
        _fail("Column 2 has the wrong frequency. For d_model = 4 and 2k = 2 the angle is pos / 10000^(2/4) = pos / 100: "
              "use 2k / d_model in the exponent (not k / d_model or 2·(column) / d_model), and divide pos by it.",
              "열 2의 주파수가 틀렸습니다. d_model = 4, 2k = 2이면 각도는 pos / 10000^(2/4) = pos / 100입니다: 지수에 "
              "2k / d_model을 쓰고 (k / d_model이나 2·(열 번호) / d_model이 아님), pos를 그 값으로 나누세요.")


# --------------------------------------------------------------------------- positional_encoding
@selfcheck("positional_encoding")
def pe_worked_example(positional_encoding):
    got = _table(_call(positional_encoding, 3, 4), 3, 4)
    _diagnose_small_table(got)
    close(got, PE_3x4, "positional_encoding(3, 4)",
          "For d_model = 4 the two frequencies are 10000^0 = 1 and 10000^(−2/4) = 1/100, so row pos is "
          "[sin pos, cos pos, sin(pos/100), cos(pos/100)]: row 0 = [0, 1, 0, 1], row 1 = [0.841, 0.540, 0.010, 1.000].",
          "d_model = 4이면 두 주파수는 10000^0 = 1과 10000^(−2/4) = 1/100이므로 pos행은 "
          "[sin pos, cos pos, sin(pos/100), cos(pos/100)]입니다: 0행 = [0, 1, 0, 1], 1행 = [0.841, 0.540, 0.010, 1.000].")


@selfcheck("positional_encoding")
def pe_row_zero_and_first_pair(positional_encoding):
    got = _table(_call(positional_encoding, 6, 10), 6, 10)
    close(got[0], np.tile([0.0, 1.0], 5), "PE[0]",
          "Row 0 (pos = 0) is [0, 1, 0, 1, …]: sin 0 = 0 in every even column, cos 0 = 1 in every odd one.",
          "0행(pos = 0)은 [0, 1, 0, 1, …]입니다: 모든 짝수 열은 sin 0 = 0, 모든 홀수 열은 cos 0 = 1.")
    pos = np.arange(6.0)
    close(got[:, :2], np.stack([np.sin(pos), np.cos(pos)], axis=1), "PE[:, :2]",
          "The first pair has frequency 10000^0 = 1: its columns are sin(pos) and cos(pos), e.g. PE[1, :2] = "
          "[sin 1, cos 1] = [0.841, 0.540].",
          "첫 쌍의 주파수는 10000^0 = 1입니다: 두 열은 sin(pos)와 cos(pos)이고, 예를 들어 PE[1, :2] = "
          "[sin 1, cos 1] = [0.841, 0.540]입니다.")
    w = 10000.0 ** (-8 / 10)                                     # the last pair, 2k = 8: 1 / 1584.9
    close(got[:, 8:], np.stack([np.sin(w * pos), np.cos(w * pos)], axis=1), "PE[:, 8:]",
          "The last pair (columns 8, 9 of d_model = 10) turns slowest: angle pos / 10000^(8/10) = pos / 1584.9.",
          "마지막 쌍(d_model = 10의 열 8, 9)이 가장 느리게 돕니다: 각도는 pos / 10000^(8/10) = pos / 1584.9입니다.")


@selfcheck("positional_encoding")
def pe_pairs_are_points_on_a_circle(positional_encoding):
    got = _table(_call(positional_encoding, 20, 8), 20, 8)
    expect(np.all(np.abs(got) <= 1 + 1e-12), "Every value of PE is a sine or a cosine, so it lies in [−1, 1]; some of "
           "yours do not.", "PE의 모든 값은 sin 또는 cos이므로 [−1, 1] 범위에 있어야 하는데 벗어난 값이 있습니다.")
    radius = got[:, 0::2] ** 2 + got[:, 1::2] ** 2
    bad = np.argwhere(~np.isclose(radius, 1.0, atol=1e-6))
    if len(bad):
        pos, k = bad[0]
        _fail(f"At position {pos}, columns {2 * k} and {2 * k + 1} are not the sin and cos of the same angle "
              f"(sin² + cos² = {radius[pos, k]:.3f}, not 1). Column 2k + 1 must use the same angle as column 2k: "
              "pos / 10000^(2k/d_model).",
              f"위치 {pos}에서 열 {2 * k}와 {2 * k + 1}이 같은 각도의 sin과 cos가 아닙니다 (sin² + cos² = "
              f"{radius[pos, k]:.3f}, 1이 아님). 열 2k + 1은 열 2k와 같은 각도 pos / 10000^(2k/d_model)을 써야 합니다.")


@selfcheck("positional_encoding")
def pe_odd_d_model(positional_encoding):
    try:
        got = _table(_call(positional_encoding, 4, 5), 4, 5)
    except ValueError as exc:
        _fail(f"positional_encoding(4, 5) raised ValueError: {exc}. With an odd d_model = 5 there are 3 sine columns "
              "(0, 2, 4) but only 2 cosine columns (1, 3): the last angle has no cosine partner, so fill the odd columns "
              "with the cosines of the first d_model // 2 angles only.",
              f"positional_encoding(4, 5)에서 ValueError가 발생했습니다: {exc}. d_model = 5처럼 홀수이면 sin 열은 3개(0, 2, 4)"
              "인데 cos 열은 2개(1, 3)뿐입니다: 마지막 각도에는 짝이 되는 cos가 없으므로, 홀수 열은 처음 d_model // 2개 "
              "각도의 cos로만 채우세요.")
    pos = np.arange(4.0)
    close(got[:, 4], np.sin(pos / 10000.0 ** (4 / 5)), "PE[:, 4]",
          "With an odd d_model = 5 the last column is 2k = 4, a sine without its cosine partner: sin(pos / 10000^(4/5)).",
          "d_model = 5처럼 홀수이면 마지막 열은 2k = 4이고, 짝이 되는 cos가 없는 sin입니다: sin(pos / 10000^(4/5)).")
    close(got[:, :2], np.stack([np.sin(pos), np.cos(pos)], axis=1), "PE[:, :2]",
          "The first pair is [sin pos, cos pos] for any d_model.", "첫 쌍은 d_model과 상관없이 [sin pos, cos pos]입니다.")


# --------------------------------------------------------------------------- add_positional_encoding
def _added(fn, X, what, pe=None):
    """add_positional_encoding(X): same shape as X, or a message that says what came back."""
    try:
        value = _call(fn, X)
    except ValueError as exc:
        _fail(f"{what} raised ValueError: {exc}. Take n and d_model from the last two axes of X "
              f"(here {X.shape[-2:]}), so that one sequence (n, d_model) and a batch "
              "(N, n, d_model) both work; the (n, d_model) table then broadcasts over the batch.",
              f"{what}에서 ValueError가 발생했습니다: {exc}. n과 d_model은 X의 마지막 두 축에서 가져오세요 "
              f"(여기서는 {X.shape[-2:]}). 그래야 시퀀스 하나 (n, d_model)와 배치 "
              "(N, n, d_model) 모두 동작하고, (n, d_model) 표가 배치에 broadcast됩니다.")
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    if arr is not None and arr.shape != X.shape and arr.shape == X.shape[-2:]:
        _fail(f"{what} returned shape {arr.shape}, the shape of the PE table alone: return the embeddings with the "
              f"encoding added, x_pos + PE_pos at every position, shape {X.shape}.",
              f"{what}이(가) PE 표만의 shape {arr.shape}을 반환했습니다. 모든 위치에서 x_pos + PE_pos, 즉 인코딩을 더한 "
              f"임베딩(shape {X.shape})을 반환하세요.")
    got = shape(value, X.shape, what)
    if pe is not None and np.any(X != 0) and _near(got, np.broadcast_to(pe, X.shape)):
        _fail(f"{what} returned the positional encoding alone: add it to the embeddings, x_pos + PE_pos.",
              f"{what}이(가) positional encoding만 반환했습니다: 임베딩에 더하세요, x_pos + PE_pos.")
    if _near(got, X):
        _fail(f"{what} returned X unchanged: add the positional encoding, x_pos + PE_pos (the lecture's common mistake "
              "'positional encoding forgotten').",
              f"{what}이(가) X를 그대로 반환했습니다: positional encoding을 더하세요, x_pos + PE_pos (강의의 자주 하는 실수 "
              "'Positional Encoding 빠뜨림').")
    return got


@selfcheck("add_positional_encoding")
def add_pe_one_sequence(add_positional_encoding):
    X = np.zeros((3, 4))
    close(_added(add_positional_encoding, X, "add_positional_encoding(zeros (3, 4))"), PE_3x4,
          "add_positional_encoding(zeros (3, 4))",
          "With X = 0 the result is the table itself: row pos = [sin pos, cos pos, sin(pos/100), cos(pos/100)].",
          "X = 0이면 결과는 표 자체입니다: pos행 = [sin pos, cos pos, sin(pos/100), cos(pos/100)].")
    X = np.arange(12.0).reshape(3, 4)
    close(_added(add_positional_encoding, X, "add_positional_encoding(X)", PE_3x4), X + PE_3x4,
          "add_positional_encoding(X)", "The result is x_pos + PE_pos for the positions 0, 1, 2, entry by entry.",
          "결과는 위치 0, 1, 2에서 원소별로 x_pos + PE_pos입니다.")


@selfcheck("add_positional_encoding")
def add_pe_batch(add_positional_encoding):
    X = np.stack([np.zeros((3, 4)), np.full((3, 4), 5.0)])        # N = 2 sequences of n = 3 tokens
    got = _added(add_positional_encoding, X, "add_positional_encoding(X of shape (2, 3, 4))", PE_3x4)
    close(got, np.stack([PE_3x4, 5.0 + PE_3x4]), "add_positional_encoding(X of shape (2, 3, 4))",
          "For a batch (N, n, d_model) the same (n, d_model) table is added to every sequence: read n and d_model "
          "from the last two axes, X.shape[-2:], not from X.shape[0] (the batch size).",
          "배치 (N, n, d_model)에서는 같은 (n, d_model) 표를 모든 시퀀스에 더합니다: n과 d_model은 X.shape[0](배치 크기)이 "
          "아니라 마지막 두 축 X.shape[-2:]에서 읽으세요.")
    before = X.copy()
    _call(add_positional_encoding, X, copy=False)
    expect(np.array_equal(X, before),
           "add_positional_encoding changed its input X in place (X += …). Return the sum as a new array.",
           "add_positional_encoding이 입력 X를 제자리에서 바꿨습니다 (X += …). 합을 새 배열로 반환하세요.")


@selfcheck("add_positional_encoding")
def add_pe_belongs_to_positions(add_positional_encoding):
    X = np.random.default_rng(0).normal(size=(2, 5, 6))
    order = [4, 2, 0, 3, 1]
    a = _added(add_positional_encoding, X, "add_positional_encoding(X)")
    b = _added(add_positional_encoding, X[:, order], "add_positional_encoding(X[:, order])")
    close(b - X[:, order], a - X, "add_positional_encoding(X[:, order]) − X[:, order]",
          "The encoding belongs to the positions, not to the words: reordering the tokens must not change what is "
          "added at each position (position i always gets PE[i]).",
          "인코딩은 단어가 아니라 위치에 속합니다: 토큰 순서를 바꿔도 각 위치에 더해지는 값은 바뀌지 않아야 합니다 "
          "(위치 i는 항상 PE[i]를 받음).")
