# %% [markdown] lang="en"
# # Positional encoding
#
# Self-attention looks at all tokens at once, and that is exactly why it cannot tell in which
# **order** they come. In this assignment you see this for yourself, then build the lecture's fix,
# the **sinusoidal positional encoding**, and watch it give the Transformer a sense of order.
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(positional_encoding)` prints ✓ when your function passes its
#   self-checks, or ✗ with what is off.
# - NumPy is all you need. `add_positional_encoding` may call your `positional_encoding`; helper
#   functions you add must go inside a function cell.
#
# **Array conventions** (as in the attention assignment). Every token is a **row** vector: a sequence
# of $n$ tokens is an $(n, d_{model})$ matrix, a batch $(N, n, d_{model})$. The positional encoding is
# a table $PE$ of shape $(\text{max\_len}, d_{model})$: row $pos$ is the vector added to the token at
# position $pos$.

# %% [markdown] lang="ko"
# # Positional encoding
#
# self-attention은 모든 토큰을 한 번에 보는데, 바로 그 때문에 토큰이 어떤 **순서**로 오는지 알 수
# 없습니다. 이번 과제에서는 먼저 이를 직접 확인하고, 강의의 해결책인 **sinusoidal positional
# encoding**을 구현한 다음, 그것이 Transformer에 순서 감각을 주는 모습을 봅니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(positional_encoding)`은 자가 점검을 통과하면 ✓를,
#   통과하지 못하면 무엇이 틀렸는지 ✗와 함께 알려 줍니다.
# - NumPy만 있으면 됩니다. `add_positional_encoding`에서 여러분의 `positional_encoding`을 호출해도
#   됩니다. 보조 함수를 만든다면 반드시 함수 셀 안에 두세요.
#
# **배열 표기 규칙** (attention 과제와 같음). 모든 토큰은 **행**(row) 벡터입니다. 토큰 $n$개의 시퀀스는
# $(n, d_{model})$ 행렬, 배치는 $(N, n, d_{model})$입니다. positional encoding은 shape
# $(\text{max\_len}, d_{model})$인 표 $PE$이며, $pos$번째 행이 위치 $pos$의 토큰에 더해지는 벡터입니다.

# %% setup
import numpy as np
from selfcheck import check, check_all, grade, use_language
use_language("en")  # seqlab: release language

# %% [markdown] lang="en"
# ## 1. Self-attention does not know the order
#
# An RNN reads $x_1, x_2, \dots$ one after another, so the order is built into how it computes. A
# Transformer reads all tokens **at once**, in parallel. The lecture: *"Input 1: I love you,
# Input 2: You love I — with self-attention alone, the same output!"* Here is why.
#
# Reorder the tokens with a permutation matrix $P$ (it reorders the rows of whatever it multiplies).
# Then every step of self-attention just carries the reordering along:
#
# - projections act row by row: $(PX) W_Q = P (X W_Q)$, so $Q, K, V$ become $PQ, PK, PV$;
# - the scores become $(PQ)(PK)^\top = P\,(Q K^\top) P^\top$: the same numbers, rows and columns reordered alike;
# - the softmax works row by row, so the weights become $P A P^\top$;
# - the output becomes $P A P^\top P V = P\,(A V)$, since $P^\top P = I$.
#
# $$\operatorname{SelfAttention}(PX) = P\, \operatorname{SelfAttention}(X)$$
#
# Self-attention is **permutation-equivariant**: every word gets exactly the same output vector
# wherever it stands; only the order of the output rows changes with the input. Anything that then
# pools over the tokens (say, the average as a sentence vector) is **permutation-invariant**:
# "I love you" and "you love I" become indistinguishable, although they mean different things.
#
# The cell below checks this numerically with a working attention (provided, read-only, from the
# attention assignment) and random weights $W_Q, W_K, W_V$.

# %% [markdown] lang="ko"
# ## 1. Self-attention은 순서를 모른다
#
# RNN은 $x_1, x_2, \dots$를 차례로 읽으므로 순서가 계산 방식 자체에 들어 있습니다. Transformer는 모든
# 토큰을 **한 번에**, 병렬로 읽습니다. 강의: *"Input 1: I love you, Input 2: You love I — Self-Attention만
# 사용하면 같은 출력!"* 그 이유는 다음과 같습니다.
#
# 순열 행렬 $P$(곱해지는 행렬의 행 순서를 바꾸는 행렬)로 토큰 순서를 바꿔 봅시다. self-attention의 모든
# 단계가 그 순서 변경을 그대로 따라갑니다.
#
# - projection은 행마다 따로 계산되므로 $(PX) W_Q = P (X W_Q)$, 즉 $Q, K, V$가 $PQ, PK, PV$가 됩니다.
# - 점수는 $(PQ)(PK)^\top = P\,(Q K^\top) P^\top$: 같은 숫자들이고, 행과 열이 같은 방식으로 재배열됩니다.
# - softmax는 행마다 계산되므로 가중치는 $P A P^\top$가 됩니다.
# - $P^\top P = I$이므로 출력은 $P A P^\top P V = P\,(A V)$가 됩니다.
#
# $$\operatorname{SelfAttention}(PX) = P\, \operatorname{SelfAttention}(X)$$
#
# self-attention은 **순열 등변(permutation-equivariant)**입니다. 각 단어는 어디에 있든 정확히 같은 출력
# 벡터를 받고, 입력 순서에 따라 출력 행의 순서만 바뀝니다. 그 뒤에 토큰들을 모아 하나로 만드는 계산
# (예: 평균을 문장 벡터로 쓰기)은 **순열 불변(permutation-invariant)**이 됩니다. "I love you"와
# "you love I"는 뜻이 다른데도 구별되지 않습니다.
#
# 아래 셀은 동작하는 attention(attention 과제의 함수, 읽기 전용으로 제공)과 무작위 가중치
# $W_Q, W_K, W_V$로 이를 수치로 확인합니다.

# %% provided="attention:softmax,scaled_dot_product_attention"

# %% picture
# [en]
# A toy sentence: three words with fixed random embeddings (d_model = 6) and fixed random weights
# W_Q, W_K, W_V of one self-attention. Used by the pictures of this notebook.
# [/]
# [ko]
# 예제 문장: 고정된 무작위 임베딩(d_model = 6)을 가진 단어 세 개와, self-attention 하나의 고정된 무작위
# 가중치 W_Q, W_K, W_V. 이 노트북의 그림들이 사용합니다.
# [/]
WORDS = ["I", "love", "you"]
ORDER = [2, 1, 0]                                   # "you love I"
_rng = np.random.default_rng(2)
X_WORDS = _rng.normal(size=(3, 6))
W_Q, W_K, W_V = _rng.normal(0, 0.8, size=(3, 6, 6))


def self_attention(X):
    """
    [en]
    The output of self-attention on the rows of X (n, d_model): Q, K, V all from X.
    [/]
    [ko]
    X (n, d_model)의 행들에 대한 self-attention의 출력. Q, K, V 모두 X에서 만듭니다.
    [/]
    """
    out, _ = scaled_dot_product_attention(X @ W_Q, X @ W_K, X @ W_V)
    return out


import matplotlib.pyplot as plt


def show_permutation():
    words_p = [WORDS[i] for i in ORDER]
    out = self_attention(X_WORDS)                      # "I love you"
    out_p = self_attention(X_WORDS[ORDER])             # "you love I"
    gap = np.max(np.abs(out_p - out[ORDER]))
    same = np.allclose(out.mean(axis=0), out_p.mean(axis=0))
    # [en]
    text = {"input": "input: {}", "feature": "output feature",
            "title": "self-attention output rows: the same vector per word, only reordered"}
    # [/]
    # [ko]
    text = {"input": "입력: {}", "feature": "출력 feature",
            "title": "self-attention 출력의 행: 단어마다 같은 벡터이고, 순서만 바뀝니다"}
    # [/]
    fig, axes = plt.subplots(1, 2, figsize=(8.5, 2.4))
    top = np.abs(out).max()
    for ax, rows, labels in ((axes[0], out, WORDS), (axes[1], out_p, words_p)):
        ax.imshow(rows, cmap="RdBu", vmin=-top, vmax=top)
        ax.set_yticks(range(3), labels)
        ax.set_xticks(range(6))
        ax.set_xlabel(text["feature"])
        ax.set_title(text["input"].format(" ".join(labels)), fontsize=10)
    fig.suptitle(text["title"])
    fig.tight_layout()
    plt.show()
    # [en]
    print(f"max |SelfAttention(X[order]) − SelfAttention(X)[order]| = {gap:.1e}: each word gets the same output "
          f"wherever it stands.\nSentence vectors (mean over the words) equal for both orders: {same}")
    # [/]
    # [ko]
    print(f"max |SelfAttention(X[order]) − SelfAttention(X)[order]| = {gap:.1e}: 각 단어는 어디에 있든 같은 출력을 "
          f"받습니다.\n두 순서의 문장 벡터(단어들의 평균)가 같은가: {'예' if same else '아니요'}")
    # [/]


show_permutation()


# %% [markdown] lang="en"
# ## 2. The sinusoidal positional encoding
#
# The fix: give every position a vector of its own and **add** it to the token's embedding, so that
# the same word at another position enters attention as a different vector (the lecture: *Word
# Embedding + Positional Encoding = Final Input*). The lecture's encoding uses sines and cosines:
#
# $$PE_{(pos,\,2k)} = \sin\!\left(\frac{pos}{10000^{2k/d_{model}}}\right), \qquad
# PE_{(pos,\,2k+1)} = \cos\!\left(\frac{pos}{10000^{2k/d_{model}}}\right)$$
#
# Read it column pair by column pair. With the frequency $\omega_k = 1 / 10000^{2k/d_{model}}$, the
# columns $(2k, 2k+1)$ hold $(\sin \omega_k\, pos,\ \cos \omega_k\, pos)$: a point going round a circle,
# $\omega_k$ radians per position. The first pair turns fast ($\omega_0 = 1$: a full turn every
# $2\pi \approx 6.3$ positions, fine detail), the last ones very slowly (a wavelength of up to
# $2\pi \cdot 10000$ positions, the coarse picture), like the hands of a clock. For $d_{model} = 4$ the
# frequencies are $1$ and $1/100$, so
#
# $$PE_{pos} = [\sin(pos),\ \cos(pos),\ \sin(pos/100),\ \cos(pos/100)], \qquad PE_0 = [0, 1, 0, 1].$$
#
# Why this design (the lecture): the values stay in $[-1, 1]$ and do not drown the word embedding;
# every position gets a distinct vector of the same size $d_{model}$; there is nothing to learn; it
# works for sequences longer than any seen in training; and relative positions are easy (section 3).
#
# **Get these details right** (each is a common mistake):
# - **$pos$ starts at 0**: the first token is position 0 (the lecture numbers the three words of its
#   example sentence 0, 1, 2), so row 0 is $[0, 1, 0, 1, \dots]$.
# - **Interleaved**: even columns are sines, odd columns the cosines *of the same angle*. Some code
#   concatenates $[\sin \mid \cos]$ (all sines, then all cosines): a different layout, not ours.
# - **One exponent per pair**: column $2k+1$ uses $2k$ in the exponent, the same as column $2k$ (not $2k+1$).
# - **Odd $d_{model}$**: the last column ($2k = d_{model} - 1$) is a sine without its cosine partner.
#
# In NumPy you need no loop: the table of all angles $pos / 10000^{2k/d_{model}}$, one row per position
# and one column per pair, shape $(\text{max\_len}, \lceil d_{model}/2 \rceil)$, comes from broadcasting a
# column of positions against a row of the even indices $2k$; the sines of these angles then fill the
# even columns of $PE$ and their cosines the odd ones. ($10000^{-2k/d_{model}} = e^{-(2k/d_{model}) \ln 10000}$
# is the same frequency, written another way.)

# %% [markdown] lang="ko"
# ## 2. Sinusoidal positional encoding
#
# 해결책: 각 위치에 고유한 벡터를 주고 그것을 토큰의 임베딩에 **더합니다**. 그러면 같은 단어라도 위치가
# 다르면 다른 벡터로 attention에 들어갑니다 (강의: *Word Embedding + Positional Encoding = Final Input*).
# 강의의 인코딩은 sin과 cos를 사용합니다.
#
# $$PE_{(pos,\,2k)} = \sin\!\left(\frac{pos}{10000^{2k/d_{model}}}\right), \qquad
# PE_{(pos,\,2k+1)} = \cos\!\left(\frac{pos}{10000^{2k/d_{model}}}\right)$$
#
# 열 두 개씩 짝지어 읽어 보세요. 주파수를 $\omega_k = 1 / 10000^{2k/d_{model}}$라 하면 열 $(2k, 2k+1)$에는
# $(\sin \omega_k\, pos,\ \cos \omega_k\, pos)$가 들어 있습니다. 위치 하나마다 $\omega_k$ 라디안씩 원을 따라
# 도는 점입니다. 첫 쌍은 빠르게 돌고($\omega_0 = 1$: $2\pi \approx 6.3$ 위치마다 한 바퀴, 세밀한 구분),
# 마지막 쌍들은 아주 천천히 돕니다(파장이 최대 $2\pi \cdot 10000$ 위치, 큰 범위의 패턴). 시계의 바늘들과
# 비슷합니다. $d_{model} = 4$이면 주파수는 $1$과 $1/100$이므로
#
# $$PE_{pos} = [\sin(pos),\ \cos(pos),\ \sin(pos/100),\ \cos(pos/100)], \qquad PE_0 = [0, 1, 0, 1]$$
#
# 이렇게 설계한 이유(강의): 값이 $[-1, 1]$ 범위에 있어 단어 임베딩을 덮어 버리지 않고, 모든 위치가 같은 크기
# $d_{model}$의 서로 다른 벡터를 가지며, 학습할 파라미터가 없고, 학습 때보다 긴 시퀀스에도 쓸 수 있으며,
# 상대 위치를 표현하기 쉽습니다 (3절).
#
# **다음 세부 사항을 정확히** (모두 자주 하는 실수입니다):
# - **$pos$는 0부터**: 첫 토큰이 위치 0입니다 (강의: "나는"=0, "학생"=1, "이다"=2). 따라서 0행은
#   $[0, 1, 0, 1, \dots]$입니다.
# - **번갈아 배치(interleaved)**: 짝수 열은 sin, 홀수 열은 *같은 각도의* cos입니다. 어떤 코드는
#   $[\sin \mid \cos]$로 이어 붙입니다 (sin을 모두 놓고 그 뒤에 cos를 모두 놓음). 다른 배치이며, 이 과정의
#   방식이 아닙니다.
# - **쌍마다 지수 하나**: 열 $2k+1$도 지수에 $2k$를 씁니다. 열 $2k$와 같습니다 ($2k+1$이 아님).
# - **홀수 $d_{model}$**: 마지막 열($2k = d_{model} - 1$)은 짝이 되는 cos가 없는 sin입니다.
#
# NumPy에서는 반복문이 필요 없습니다. 위치의 열 벡터와 짝수 인덱스 $2k$의 행 벡터를 broadcast하면
# 위치마다 행 하나, 쌍마다 열 하나인 각도 $pos / 10000^{2k/d_{model}}$의 표(shape
# $(\text{max\_len}, \lceil d_{model}/2 \rceil)$)가 만들어지고, 이 각도들의 sin이 $PE$의 짝수 열을, cos가
# 홀수 열을 채웁니다. ($10000^{-2k/d_{model}} = e^{-(2k/d_{model}) \ln 10000}$도 같은 주파수를 다르게 쓴
# 것입니다.)

# %% solution
def positional_encoding(max_len, d_model):
    """
    [en]
    The sinusoidal positional encoding table: row pos is the vector added at position pos.
    [/]
    [ko]
    sinusoidal positional encoding 표: pos번째 행이 위치 pos에 더해지는 벡터입니다.
    [/]

        PE[pos, 2k]     = sin(pos / 10000^(2k / d_model))
        PE[pos, 2k + 1] = cos(pos / 10000^(2k / d_model))       pos = 0, 1, …, max_len − 1

    [en]
    Inputs:
    - max_len: number of positions (rows)
    - d_model: size of each encoding vector (columns); may be odd, then the last column is a sin

    Returns PE, a float array of shape (max_len, d_model), values in [−1, 1].
    Row 0 is [0, 1, 0, 1, …]; even columns are sines, odd columns the cosines of the same angle.
    [/]
    [ko]
    입력:
    - max_len: 위치의 개수 (행)
    - d_model: 인코딩 벡터의 크기 (열). 홀수일 수 있으며, 그때 마지막 열은 sin입니다.

    반환: PE, shape (max_len, d_model)인 float 배열, 값은 [−1, 1] 범위.
    0행은 [0, 1, 0, 1, …]이고, 짝수 열은 sin, 홀수 열은 같은 각도의 cos입니다.
    [/]
    """
    ### BEGIN SOLUTION
    pos = np.arange(max_len)[:, None]                          # (max_len, 1)
    two_k = np.arange(0, d_model, 2)[None, :]                  # (1, ⌈d_model / 2⌉)
    angles = pos / np.power(10000.0, two_k / d_model)
    PE = np.zeros((max_len, d_model))
    PE[:, 0::2] = np.sin(angles)
    PE[:, 1::2] = np.cos(angles[:, : d_model // 2])            # odd d_model: the last sin has no cos
    return PE
    ### END SOLUTION


# %% test="positional_encoding" points=3

# %% [markdown] lang="en"
# ### 2.1 What the table looks like
#
# Your `positional_encoding(100, 64)` as a heat map (rows: positions, columns: dimensions) and a few
# of its columns as curves. Look for the stripes of the interleaved sines and cosines, fast on the
# left (high frequency) and slower and slower to the right, until the last columns barely change
# over 100 positions (sines near 0, cosines near 1). Each row, read left to right, is a unique
# "fingerprint" of its position.

# %% [markdown] lang="ko"
# ### 2.1 표의 모습
#
# 여러분의 `positional_encoding(100, 64)`를 heat map(행: 위치, 열: 차원)과, 몇 개 열의 곡선으로 그립니다.
# 번갈아 놓인 sin과 cos의 줄무늬를 보세요. 왼쪽은 빠르게 변하고(높은 주파수) 오른쪽으로 갈수록 점점
# 느려져서, 마지막 열들은 100개 위치 동안 거의 변하지 않습니다 (sin은 0 근처, cos는 1 근처). 각 행을
# 왼쪽에서 오른쪽으로 읽으면 그 위치의 고유한 "지문"입니다.

# %% picture
import matplotlib.pyplot as plt


def show_positional_encoding(max_len=100, d_model=64):
    PE = np.asarray(positional_encoding(max_len, d_model), dtype=float)
    # [en]
    text = {"dimension": "dimension (column)", "pos": "position pos", "column": "column {} ({}, 2k = {})",
            "value": "value", "columns": "a few columns: lower columns turn faster"}
    # [/]
    # [ko]
    text = {"dimension": "차원 (열)", "pos": "위치 pos", "column": "{}번 열 ({}, 2k = {})",
            "value": "값", "columns": "몇 개의 열: 앞쪽 열일수록 빠르게 돕니다"}
    # [/]
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.1, 1]})
    image = axes[0].imshow(PE, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    axes[0].set_xlabel(text["dimension"])
    axes[0].set_ylabel(text["pos"])
    axes[0].set_title(f"PE: ({max_len}, {d_model})")
    fig.colorbar(image, ax=axes[0])
    for column in (4, 5, 20, 40):
        kind = "sin" if column % 2 == 0 else "cos"
        axes[1].plot(PE[:, column], label=text["column"].format(column, kind, column - column % 2))
    axes[1].set_xlabel(text["pos"])
    axes[1].set_ylabel(text["value"])
    axes[1].set_title(text["columns"])
    axes[1].legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    plt.show()


try:
    show_positional_encoding()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once positional_encoding is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: positional_encoding을 구현하면 나타납니다.")
    # [/]
except Exception as exc:
    plt.close("all")
    # [en]
    print(f"No picture: your functions raised {type(exc).__name__}: {exc}. "
          "Run the self-checks above first.")
    # [/]
    # [ko]
    print(f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
          "위의 자가 점검을 먼저 실행해 보세요.")
    # [/]

# %% [markdown] lang="en"
# ## 3. Near positions look alike: relative position
#
# Two properties make this encoding useful for attention, whose scores are dot products.
#
# **A shift is a rotation.** For every column pair, moving from $pos$ to $pos + \Delta$ turns the point
# $(\sin \omega_k pos, \cos \omega_k pos)$ by the angle $\omega_k \Delta$:
#
# $$\begin{bmatrix} \sin \omega_k (pos + \Delta) \\ \cos \omega_k (pos + \Delta) \end{bmatrix}
# = \begin{bmatrix} \cos \omega_k \Delta & \sin \omega_k \Delta \\ -\sin \omega_k \Delta & \cos \omega_k \Delta \end{bmatrix}
# \begin{bmatrix} \sin \omega_k pos \\ \cos \omega_k pos \end{bmatrix}.$$
#
# So $PE_{pos + \Delta}$ is a **linear function** of $PE_{pos}$ that depends only on the offset $\Delta$:
# the lecture's "PE(pos+k) is a linear function of PE(pos)", which lets the model learn relative
# distances.
#
# **Similarity depends on distance only.** Since $\sin a \sin b + \cos a \cos b = \cos(a - b)$,
#
# $$PE_p \cdot PE_q = \sum_k \cos\!\big(\omega_k (p - q)\big),$$
#
# largest ($= d_{model}/2$) when $p = q$ and, on the whole, smaller the farther apart $p$ and $q$ are.
# This is the lecture's similarity picture: dark on the diagonal (a position with itself), high next
# to it, lower far away. Below, with your function, the matrix $PE\, PE^\top / (d_{model}/2)$ (the
# cosine similarity of positions) and one of its rows.

# %% [markdown] lang="ko"
# ## 3. 가까운 위치는 닮았다: 상대 위치
#
# 이 인코딩은 점수가 내적인 attention에 유용한 두 가지 성질이 있습니다.
#
# **이동은 회전입니다.** 모든 열 쌍에서 $pos$에서 $pos + \Delta$로 옮기면 점
# $(\sin \omega_k pos, \cos \omega_k pos)$가 각도 $\omega_k \Delta$만큼 회전합니다.
#
# $$\begin{bmatrix} \sin \omega_k (pos + \Delta) \\ \cos \omega_k (pos + \Delta) \end{bmatrix}
# = \begin{bmatrix} \cos \omega_k \Delta & \sin \omega_k \Delta \\ -\sin \omega_k \Delta & \cos \omega_k \Delta \end{bmatrix}
# \begin{bmatrix} \sin \omega_k pos \\ \cos \omega_k pos \end{bmatrix}$$
#
# 따라서 $PE_{pos + \Delta}$는 $PE_{pos}$의 **선형 함수**이고, 그 함수는 간격 $\Delta$에만 의존합니다.
# 강의의 "PE(pos+k)는 PE(pos)의 선형 함수 → 모델이 상대 거리 학습 가능"입니다.
#
# **유사도는 거리에만 의존합니다.** $\sin a \sin b + \cos a \cos b = \cos(a - b)$이므로
#
# $$PE_p \cdot PE_q = \sum_k \cos\!\big(\omega_k (p - q)\big)$$
#
# 이고, $p = q$일 때 가장 크며($= d_{model}/2$), 대체로 $p$와 $q$가 멀수록 작아집니다. 강의의 유사도
# 그림입니다. 대각선(자기 자신과의 유사도)이 가장 진하고, 그 옆이 높고, 멀어질수록 낮아집니다. 아래는
# 여러분의 함수로 만든 행렬 $PE\, PE^\top / (d_{model}/2)$(위치 사이의 코사인 유사도)와 그 한 행입니다.

# %% picture
import matplotlib.pyplot as plt


def show_similarity(max_len=64, d_model=64, anchor=32):
    PE = np.asarray(positional_encoding(max_len, d_model), dtype=float)
    # [en]
    # The cosine similarity of positions.
    text = {"q": "position q", "p": "position p", "similarity": "similarity",
            "row": "row p = {}: highest at q = p, lower with distance"}
    # [/]
    # [ko]
    # 위치 사이의 코사인 유사도.
    text = {"q": "위치 q", "p": "위치 p", "similarity": "유사도",
            "row": "p = {}인 행: q = p에서 가장 크고, 멀어질수록 작아집니다"}
    # [/]
    S = PE @ PE.T / (d_model / 2)
    fig, axes = plt.subplots(1, 2, figsize=(10.5, 3.9), gridspec_kw={"width_ratios": [1, 1.2]})
    image = axes[0].imshow(S, cmap="viridis")
    axes[0].set_xlabel(text["q"])
    axes[0].set_ylabel(text["p"])
    axes[0].set_title(r"$PE_p \cdot PE_q \,/\, (d_{model}/2)$")
    fig.colorbar(image, ax=axes[0])
    axes[1].plot(S[anchor], "o-", ms=3)
    axes[1].axvline(anchor, color="gray", ls=":")
    axes[1].set_xlabel(text["q"])
    axes[1].set_ylabel(text["similarity"])
    axes[1].set_title(text["row"].format(anchor))
    fig.tight_layout()
    plt.show()


try:
    show_similarity()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once positional_encoding is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: positional_encoding을 구현하면 나타납니다.")
    # [/]
except Exception as exc:
    plt.close("all")
    # [en]
    print(f"No picture: your functions raised {type(exc).__name__}: {exc}. "
          "Run the self-checks above first.")
    # [/]
    # [ko]
    print(f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
          "위의 자가 점검을 먼저 실행해 보세요.")
    # [/]


# %% [markdown] lang="en"
# ## 4. Adding the encoding to a batch
#
# $$\text{input}_{pos} = x_{pos} + PE_{pos}, \qquad pos = 0, \dots, n - 1$$
#
# For a sequence `X` of shape $(n, d_{model})$, row $pos$ of the table is added to row $pos$ of `X`: the
# table has exactly $n$ rows, one per position of the sequence. For a batch $(N, n, d_{model})$ the same
# $(n, d_{model})$ table is added to every sequence, which NumPy's broadcasting does for you. Read $n$
# and $d_{model}$ from the **last two** axes of `X`, so that both cases work, and build the table with
# your `positional_encoding`. The encoding belongs to the **positions**, not to the words: the token at
# position 3 always gets $PE_3$, whatever word it is.
#
# Forgetting this step is the lecture's first common mistake (*"positional encoding forgotten — symptom:
# the order is ignored"*): the model then treats every sentence as a bag of words.

# %% [markdown] lang="ko"
# ## 4. 배치에 인코딩 더하기
#
# $$\text{input}_{pos} = x_{pos} + PE_{pos}, \qquad pos = 0, \dots, n - 1$$
#
# shape $(n, d_{model})$인 시퀀스 `X`에서는 표의 $pos$번째 행을 `X`의 $pos$번째 행에 더합니다. 표의 행은
# 정확히 $n$개, 시퀀스의 위치마다 하나입니다. 배치 $(N, n, d_{model})$에서는 같은 $(n, d_{model})$ 표를 모든
# 시퀀스에 더하며, 이것은 NumPy의 broadcasting이 해 줍니다. $n$과 $d_{model}$은 `X`의 **마지막 두** 축에서
# 읽어야 두 경우 모두 동작하고, 표는 여러분의 `positional_encoding`으로 만드세요. 인코딩은 단어가 아니라
# **위치**에 속합니다. 위치 3의 토큰은 어떤 단어든 항상 $PE_3$를 받습니다.
#
# 이 단계를 빠뜨리는 것이 강의의 첫 번째 자주 하는 실수입니다 (*"Positional Encoding 빠뜨림 — 증상: 순서
# 무시"*). 그러면 모델은 모든 문장을 단어들의 모음(bag of words)으로 다룹니다.

# %% solution
def add_positional_encoding(X):
    """
    [en]
    Add the positional encoding of each position to the token at that position.
    [/]
    [ko]
    각 위치의 positional encoding을 그 위치의 토큰에 더합니다.
    [/]

        input_pos = x_pos + PE_pos,   pos = 0, …, n − 1
    [en]
        (n: the length of the sequences; the same table for every sequence of a batch)
    [/]
    [ko]
        (n: 시퀀스의 길이. 배치의 모든 시퀀스에 같은 표를 더합니다)
    [/]

    [en]
    Inputs:
    - X: token embeddings, shape (N, n, d_model) or (n, d_model)

    Returns an array of the same shape as X (a new array; X stays unchanged).
    [/]
    [ko]
    입력:
    - X: 토큰 임베딩, shape (N, n, d_model) 또는 (n, d_model)

    반환: X와 같은 shape의 배열 (새 배열. X는 바꾸지 않습니다).
    [/]
    """
    ### BEGIN SOLUTION
    X = np.asarray(X)
    n, d_model = X.shape[-2], X.shape[-1]
    PE = positional_encoding(n, d_model)
    if np.issubdtype(X.dtype, np.floating):
        PE = PE.astype(X.dtype)
    return X + PE
    ### END SOLUTION


# %% test="add_positional_encoding" points=1

# %% [markdown] lang="en"
# ### 4.1 The order is back
#
# The sentence of section 1 again, "I love you" and "you love I", now with your
# `add_positional_encoding` applied before the same self-attention. Each word now enters attention
# as *word + position*, so moving a word changes its vector, its scores and its output: the outputs
# are no longer a reordering of each other. The bars compare, word by word, how much a word's output
# changes when the sentence is reordered, without and with the encoding.

# %% [markdown] lang="ko"
# ### 4.1 순서가 돌아왔다
#
# 1절의 문장 "I love you"와 "you love I"를, 이번에는 같은 self-attention 전에 여러분의
# `add_positional_encoding`을 적용해서 넣습니다. 이제 각 단어는 *단어 + 위치*로 attention에 들어가므로,
# 단어를 옮기면 그 벡터와 점수와 출력이 바뀝니다. 두 출력은 더 이상 서로의 순서만 바꾼 것이 아닙니다.
# 막대는 문장 순서를 바꿨을 때 각 단어의 출력이 얼마나 바뀌는지를, 인코딩이 없을 때와 있을 때로 비교합니다.

# %% picture
import matplotlib.pyplot as plt


def show_order_restored():
    rows = {}
    for label, prepare in (("without PE", lambda X: X), ("with PE", add_positional_encoding)):
        out = self_attention(np.asarray(prepare(X_WORDS), dtype=float))               # "I love you"
        out_p = self_attention(np.asarray(prepare(X_WORDS[ORDER]), dtype=float))       # "you love I"
        # [en]
        # The output of each word in the reordered sentence, against its output in the original one.
        # [/]
        # [ko]
        # 순서를 바꾼 문장에서 각 단어의 출력을 원래 문장에서의 출력과 비교합니다.
        # [/]
        rows[label] = np.linalg.norm(out_p - out[ORDER], axis=-1)[np.argsort(ORDER)]
    # [en]
    text = {"without": "without PE", "with": "with add_positional_encoding", "change": "change of the word's output",
            "title": '"I love you" vs "you love I": how much each word\'s output changes'}
    # [/]
    # [ko]
    text = {"without": "PE 없이", "with": "add_positional_encoding 적용", "change": "단어 출력의 변화",
            "title": '"I love you"와 "you love I": 각 단어의 출력이 얼마나 바뀌는가'}
    # [/]
    fig, ax = plt.subplots(figsize=(6.5, 2.8))
    where = np.arange(len(WORDS))
    ax.bar(where - 0.18, rows["without PE"], width=0.36, color="tab:gray", label=text["without"])
    ax.bar(where + 0.18, rows["with PE"], width=0.36, color="tab:green", label=text["with"])
    for x in where - 0.18:
        ax.text(x, 0.02 * rows["with PE"].max(), "0", ha="center", va="bottom", color="tab:gray", fontsize=8)
    ax.set_xticks(where, WORDS)
    ax.set_ylabel(text["change"])
    ax.set_title(text["title"])
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()
    # [en]
    print(f"largest change without PE: {rows['without PE'].max():.1e}, with PE: {rows['with PE'].max():.2f}")
    # [/]
    # [ko]
    print(f"가장 큰 변화: PE 없이 {rows['without PE'].max():.1e}, PE와 함께 {rows['with PE'].max():.2f}")
    # [/]


try:
    show_order_restored()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once add_positional_encoding (and positional_encoding) is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: add_positional_encoding(그리고 positional_encoding)을 구현하면 나타납니다.")
    # [/]
except Exception as exc:
    plt.close("all")
    # [en]
    print(f"No picture: your functions raised {type(exc).__name__}: {exc}. "
          "Run the self-checks above first.")
    # [/]
    # [ko]
    print(f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
          "위의 자가 점검을 먼저 실행해 보세요.")
    # [/]

# %% [markdown] lang="en"
# ## 5. What you built, and how it is graded
#
# - Self-attention is permutation-equivariant: $\operatorname{SelfAttention}(PX) = P\,\operatorname{SelfAttention}(X)$.
#   Without extra information it cannot tell "I love you" from "you love I".
# - The sinusoidal positional encoding gives every position a vector of sine/cosine pairs with
#   frequencies from 1 down to $1/10000$, interleaved, counted from position 0, added to the embeddings.
# - A shift of positions is a rotation of each pair, and $PE_p \cdot PE_q$ depends only on $p - q$:
#   near positions are similar, far ones less.
# - After adding it, reordering the words changes the outputs: the order is back.
#
# **The lecture's checklist**, answered here: what happens without positional encoding (sections 1
# and 4.1); the advantages of the sinusoidal encoding (sections 2 and 3).
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use values you can verify by hand (row 0, $\sin 1$, $\cos 1$,
#   the $d_{model} = 4$ table) and properties ($\sin^2 + \cos^2 = 1$ for every pair). They catch the common
#   mistakes but do not prove your code right.
# - At grading time, hidden checks call your functions with other sizes (also odd $d_{model}$) and on
#   random batches, and compare with the lecture's formula. A test cell's points are split over its
#   checks, so partly working code earns partial credit.
# - Your feedback lists every check and names a likely mistake when it recognises one (positions
#   from 1, sin/cos concatenated or swapped, a wrong exponent, …).
# - Only the code in your function cells is graded, so keep any helper functions inside those cells.

# %% [markdown] lang="ko"
# ## 5. 정리와 채점 방식
#
# - self-attention은 순열 등변입니다: $\operatorname{SelfAttention}(PX) = P\,\operatorname{SelfAttention}(X)$.
#   추가 정보가 없으면 "I love you"와 "you love I"를 구별하지 못합니다.
# - sinusoidal positional encoding은 각 위치에, 주파수가 1부터 $1/10000$까지인 sin/cos 쌍으로 된 벡터를
#   줍니다. sin과 cos를 번갈아 놓고, 위치는 0부터 세며, 임베딩에 더합니다.
# - 위치 이동은 각 쌍의 회전이고, $PE_p \cdot PE_q$는 $p - q$에만 의존합니다. 가까운 위치는 비슷하고 먼
#   위치는 덜 비슷합니다.
# - 인코딩을 더하면 단어 순서를 바꿀 때 출력이 바뀝니다. 순서 정보가 돌아온 것입니다.
#
# **강의의 학습 점검**과 이 노트북의 답: Positional Encoding이 없으면 어떻게 되나 (1절, 4.1절),
# Sinusoidal encoding의 장점은 (2절, 3절).
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 값(0행, $\sin 1$, $\cos 1$, $d_{model} = 4$인 표)과
#   성질(모든 쌍에서 $\sin^2 + \cos^2 = 1$)을 사용합니다. 흔한 실수는 잡아내지만, 코드가 옳다는 것을
#   증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 다른 크기(홀수 $d_{model}$ 포함)와 무작위 배치로 함수를 호출해 강의 수식의
#   결과와 비교합니다. 테스트 셀의 점수는 그 셀의 검사들에 나누어 배정되므로, 일부만 맞아도 부분 점수를
#   받습니다.
# - 피드백에는 모든 검사 결과가 나오고, 알려진 실수(위치를 1부터 셈, sin/cos를 이어 붙이거나 바꿈, 잘못된
#   지수 등)를 알아보면 그 실수를 짚어 줍니다.
# - 함수 셀 안의 코드만 채점되므로, 보조 함수는 반드시 함수 셀 안에 두세요.
