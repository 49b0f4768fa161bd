# %% [markdown] lang="en"
# # Attention and masking
#
# In this assignment you build the attention mechanism of the lecture in NumPy, one piece at a time:
# the **softmax**, **scaled dot-product attention**, the two **masks** a Transformer needs (causal and
# padding) and **multi-head attention**. Each function comes with the idea it implements, its
# formula in the lecture's notation, a cell for your code and a self-check. Pictures run *your*
# functions on small examples, so you can see what attention does.
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(softmax)` prints ✓ when your function passes its self-checks,
#   or ✗ with what is off.
# - NumPy is all you need. A function may call the ones you wrote above it (e.g.
#   `scaled_dot_product_attention` may use `softmax`); helper functions you add must go inside a
#   function cell.
#
# **Array conventions.** Every token is a **row** vector. A sequence of $n$ tokens is a matrix of
# shape $(n, d_{model})$ and a batch of sequences has shape $(N, n, d_{model})$ (batch first).
# Weights multiply from the right: $Q = X W_Q$. Attention takes
# $Q$ of shape $(\dots, n_q, d_k)$, $K$ of shape $(\dots, n_k, d_k)$ and $V$ of shape $(\dots, n_k, d_v)$,
# where "$\dots$" stands for any leading axes (a batch axis, later also a head axis). NumPy's `@`
# multiplies the last two axes and broadcasts over the leading ones. To get $K^\top$ for every item of a
# batch, swap only the last two axes of `K`. (`K.T` reverses *all* axes: right for one matrix, wrong for
# a batch.)

# %% [markdown] lang="ko"
# # Attention과 마스킹
#
# 이번 과제에서는 강의에서 배운 attention 메커니즘을 NumPy로 한 부분씩 직접 구현합니다. **softmax**,
# **scaled dot-product attention**, Transformer에 필요한 두 가지 **마스크**(causal, padding), 그리고
# **multi-head attention**입니다. 함수마다 그 함수가 구현하는 아이디어, 강의 표기법의 수식, 코드를
# 작성할 셀, 자가 점검이 준비되어 있습니다. 그림 셀은 *여러분이 작성한* 함수를 작은 예제에 실행해서
# attention이 실제로 무엇을 하는지 보여 줍니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(softmax)`는 자가 점검을 통과하면 ✓를, 통과하지 못하면
#   무엇이 틀렸는지 ✗와 함께 알려 줍니다.
# - NumPy만 있으면 됩니다. 위에서 작성한 함수를 불러 써도 됩니다 (예:
#   `scaled_dot_product_attention`에서 `softmax` 호출). 보조 함수를 만든다면 반드시 함수 셀 안에 두세요.
#
# **배열 표기 규칙.** 모든 토큰은 **행**(row) 벡터입니다. 토큰 $n$개로 이루어진 시퀀스는 shape
# $(n, d_{model})$인 행렬이고, 시퀀스들의 배치는 shape $(N, n, d_{model})$입니다 (batch-first).
# 가중치는 오른쪽에서 곱합니다: $Q = X W_Q$. attention은 shape $(\dots, n_q, d_k)$인 $Q$,
# $(\dots, n_k, d_k)$인 $K$, $(\dots, n_k, d_v)$인 $V$를 받습니다. 여기서 "$\dots$"는 앞쪽의 어떤 축이든
# (배치 축, 나중에는 head 축도) 뜻합니다. NumPy의 `@`는 마지막 두 축끼리 행렬곱을 하고 앞쪽 축에 대해서는
# broadcast합니다. 배치의 모든 항목에 대해 $K^\top$를 만들려면 `K`의 마지막 두 축만 서로 바꾸세요. (`K.T`는
# *모든* 축의 순서를 뒤집습니다. 행렬 하나에는 맞지만 배치에는 틀립니다.)

# %% setup
import numpy as np
from selfcheck import check, check_all, grade, use_language
use_language("en")  # seqlab: release language


# %% [markdown] lang="en"
# ## 1. Why attention?
#
# Recurrent networks read a sequence one step at a time. The lecture lists three limits of that:
#
# 1. **Sequential processing.** $h_t$ needs $h_{t-1}$, so the $n$ steps run one after another and
#    cannot be computed in parallel: the GPU waits, and long sentences are slow.
# 2. **Long-range dependencies.** In *"The **cat**, which we found yesterday, **is** very cute"* the
#    verb must agree with a word far back. Between positions $i$ and $j$ the information travels
#    $|i - j|$ steps, and the gradient is multiplied at every one of them (vanishing or exploding
#    gradients); LSTM and GRU soften this but do not remove it.
# 3. **A fixed hidden state.** Everything read so far is squeezed into one vector $h_t$ of fixed size:
#    an information bottleneck that hurts most on long sentences.
#
# Attention's idea: *what if every position could look at every other position directly?* Each
# position computes, in one step, a weighted average of all positions, with weights that say how
# relevant each one is.
#
# | | RNN | self-attention |
# | --- | --- | --- |
# | steps that must run one after another | $n$ | 1 (all positions in parallel) |
# | path between positions $i$ and $j$ | $\lvert i - j\rvert$ steps | 1 step |
# | what a position sees of the others | one fixed-size $h_t$ | its own weighted average of all of them |
# | cost of one layer | $O(n \cdot d^2)$ | $O(n^2 \cdot d)$ |
#
# The price is the last row: attention compares all $n^2$ pairs of positions, so its memory and time
# grow with the square of the length.

# %% [markdown] lang="ko"
# ## 1. 왜 attention인가?
#
# 순환 신경망은 시퀀스를 한 시점씩 읽습니다. 강의는 그 한계를 세 가지로 정리합니다.
#
# 1. **순차 처리.** $h_t$를 구하려면 $h_{t-1}$이 필요하므로 $n$개의 시점이 차례로 계산되어야 하고,
#    병렬로 계산할 수 없습니다. GPU는 기다리게 되고, 긴 문장은 처리가 느립니다.
# 2. **긴 거리 의존성.** *"The **cat**, which we found yesterday, **is** very cute"*에서 동사는 멀리
#    떨어진 주어와 수가 일치해야 합니다. 위치 $i$와 $j$ 사이에서 정보는 $|i - j|$ 단계를 거쳐 전달되고,
#    기울기는 그 단계마다 곱해집니다 (기울기 소실 또는 폭발). LSTM과 GRU가 이를 완화하지만 없애지는
#    못합니다.
# 3. **고정된 hidden state.** 지금까지 읽은 모든 정보가 고정된 크기의 벡터 $h_t$ 하나에 압축됩니다.
#    정보 병목(information bottleneck)이며, 문장이 길수록 정보 손실이 커집니다.
#
# attention의 아이디어는 *"모든 위치에서 모든 위치를 직접 볼 수 있다면?"*입니다. 각 위치는 한 단계에서
# 모든 위치의 가중 평균을 계산하고, 그 가중치는 각 위치가 얼마나 관련 있는지를 나타냅니다.
#
# | | RNN | self-attention |
# | --- | --- | --- |
# | 차례로 실행해야 하는 단계 수 | $n$ | 1 (모든 위치를 병렬로) |
# | 위치 $i$와 $j$ 사이의 경로 | $\lvert i - j\rvert$ 단계 | 1 단계 |
# | 한 위치가 다른 위치들을 보는 방식 | 고정 크기의 $h_t$ 하나 | 모든 위치에 대한 자기만의 가중 평균 |
# | 층 하나의 계산량 | $O(n \cdot d^2)$ | $O(n^2 \cdot d)$ |
#
# 대가는 마지막 행입니다. attention은 $n^2$개의 모든 위치 쌍을 비교하므로, 메모리와 시간이 길이의
# 제곱에 비례해 늘어납니다.

# %% [markdown] lang="en"
# ## 2. Query, key, value
#
# The lecture's library analogy: you come with a **query** ("find me a book on machine learning"),
# every book has a **key** (its title and keywords) and a **value** (its content). You compare the
# query with every key, and take a mix of the contents, mostly of the books whose keys match best.
#
# In a Transformer, every token produces all three, by multiplying its embedding with three weight
# matrices:
#
# $$Q = X W_Q, \qquad K = X W_K, \qquad V = X W_V.$$
#
# > **Are Q, K and V random?** No. $W_Q, W_K, W_V$ are **learned parameters**, trained by
# > backpropagation like the weights of any layer (they start as random numbers, as all weights do,
# > and training shapes them). $Q, K, V$ are then computed from the input: the same input vector
# > always gives the same $Q$, $K$ and $V$. (Not the same *word*: once the positional encoding is added,
# > the same word at another position is another input vector, and in a deeper layer every vector
# > already carries its context.) A query says what a token is looking for, a key what it offers, a
# > value what it passes on.
#
# **The dot product measures similarity.** $q \cdot k = \lVert q\rVert\, \lVert k\rVert \cos\theta$ is
# large and positive when the two vectors point the same way, 0 when they are orthogonal and negative
# when they point in opposite directions. For $q = [1, 0]$: $k_1 = [2, 0]$ gives 2, $k_2 = [0, 3]$
# gives 0, $k_3 = [-1, 0]$ gives $-1$. The matrix product $Q K^\top$ computes all these dot products
# at once: entry $(i, j)$ is $q_i \cdot k_j$, the score of key $j$ for query $i$.
#
# **Self-attention and encoder–decoder attention.** The formula is the same; what differs is where
# $Q$, $K$ and $V$ come from.
# - **Self-attention** (inside the encoder, or inside the decoder): $Q$, $K$ and $V$ all come from the
#   same sequence, so every token looks at the tokens of its own sentence, and $n_q = n_k$.
# - **Encoder–decoder attention** (the lecture's "attention between" encoder and decoder): the queries
#   come from the decoder (the sentence being generated), the keys and values from the encoder's
#   output (the source sentence). Translating "I love you" into German, "ich liebe dich", each German
#   word queries the English words. The two sentences need not have the same length: $n_q \ne n_k$
#   in general.
#
# Your `scaled_dot_product_attention` takes $Q$, $K$, $V$ as they are, so it serves both.

# %% [markdown] lang="ko"
# ## 2. Query, key, value
#
# 강의의 도서관 비유: 여러분은 **query**(질문, "머신러닝 책 찾아줘")를 가지고 오고, 모든 책에는
# **key**(색인: 제목과 키워드)와 **value**(실제 내용)가 있습니다. query를 모든 key와 비교한 다음, key가
# 가장 잘 맞는 책들의 내용을 중심으로 내용들을 섞어서 가져옵니다.
#
# Transformer에서는 모든 토큰이 자기 임베딩에 세 개의 가중치 행렬을 곱해서 세 가지를 모두 만듭니다.
#
# $$Q = X W_Q, \qquad K = X W_K, \qquad V = X W_V$$
#
# > **Q, K, V는 임의(random)의 변수인가요?** 아닙니다. $W_Q, W_K, W_V$는 **학습되는 파라미터**이며,
# > 다른 층의 가중치처럼 역전파로 학습됩니다 (모든 가중치처럼 처음에는 무작위 값에서 시작하고, 학습이
# > 그 값을 만들어 갑니다). $Q, K, V$는 입력으로부터 계산되는 값이므로, 같은 입력 벡터는 항상 같은 $Q$,
# > $K$, $V$를 만듭니다. (같은 *단어*라고 같은 것은 아닙니다. positional encoding을 더하면 위치가 다른 같은
# > 단어는 서로 다른 입력 벡터가 되고, 더 깊은 층에서는 모든 벡터가 이미 문맥을 담고 있습니다.) query는
# > 토큰이 무엇을 찾는지, key는 무엇을 가지고 있는지, value는 무엇을 전달하는지를 나타냅니다.
#
# **내적(dot product)은 유사도를 측정합니다.** $q \cdot k = \lVert q\rVert\, \lVert k\rVert \cos\theta$는
# 두 벡터가 같은 방향을 가리키면 큰 양수, 수직이면 0, 반대 방향이면 음수입니다. $q = [1, 0]$일 때
# $k_1 = [2, 0]$은 2, $k_2 = [0, 3]$은 0, $k_3 = [-1, 0]$은 $-1$입니다. 행렬곱 $Q K^\top$는 이 내적들을
# 한 번에 계산합니다. $(i, j)$ 원소는 $q_i \cdot k_j$, 즉 query $i$에 대한 key $j$의 점수입니다.
#
# **Self-attention과 encoder–decoder attention.** 수식은 같고, $Q$, $K$, $V$를 어디서 가져오는지가
# 다릅니다.
# - **Self-attention**(인코더 내부, 또는 디코더 내부): $Q$, $K$, $V$가 모두 같은 시퀀스에서 나오므로
#   모든 토큰이 자기 문장의 토큰들을 보고, $n_q = n_k$입니다.
# - **Encoder–decoder attention**(강의의 인코더와 디코더 "사이"의 가중치): query는 디코더(생성 중인
#   문장)에서, key와 value는 인코더의 출력(원문)에서 나옵니다. "I love you"를 "나는 너를 사랑해"로 번역할
#   때 각 한국어 단어가 영어 단어들에게 질의합니다. 두 문장의 길이는 일반적으로 다를 수 있습니다:
#   $n_q \ne n_k$.
#
# 여러분의 `scaled_dot_product_attention`은 $Q$, $K$, $V$를 주어진 그대로 받으므로 두 경우 모두에 쓰입니다.

# %% [markdown] lang="en"
# ## 3. Softmax: scores into weights
#
# The softmax turns a vector of scores into weights that are positive and sum to 1:
#
# $$\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}.$$
#
# A higher score gets a higher weight; adding the same number to every score changes nothing.
#
# **Which axis?** In attention the scores form a matrix of shape $(n_q, n_k)$: one row per query, one
# column per key. Each query distributes its attention over the **keys**, so the softmax runs along
# the **last axis** and every *row* sums to 1. Taking it along another axis (or over the whole array)
# is one of the lecture's common mistakes ("wrong softmax axis"): the code runs, the weights look odd.
# Your function takes the axis as an argument (default `-1`); keep the summed axis (as an axis of
# size 1) so that the sums broadcast back against the scores.
#
# **Numerics.** $e^{1000}$ overflows to `inf`, and `inf / inf` is NaN. Since adding a constant changes
# nothing, subtract each slice's maximum first: $\operatorname{softmax}(z) = \operatorname{softmax}(z - \max z)$.
# Now every exponent is $\le 0$ and the largest term is $e^0 = 1$.
#
# **Masked scores are $-\infty$.** Masking (section 5) sets a forbidden score to $-\infty$, and
# $e^{-\infty} = 0$: the weight is exactly 0. One case needs care: a slice that is **entirely**
# $-\infty$ (a query that may attend to nothing). Its maximum is $-\infty$, and $-\infty - (-\infty)$ is
# NaN. This course asks for **all zeros** there (no NaN): for example, replace a maximum that is not
# finite by 0 before subtracting it, and divide by a sum that cannot be 0 (1 where the sum is 0).
# Choosing *after* dividing does not help: `np.where` computes both of its branches before it chooses,
# so the division by 0 still happens (and NumPy warns).

# %% [markdown] lang="ko"
# ## 3. Softmax: 점수를 가중치로
#
# softmax는 점수 벡터를, 양수이고 합이 1인 가중치로 바꿉니다.
#
# $$\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$$
#
# 점수가 높을수록 가중치가 크고, 모든 점수에 같은 수를 더해도 결과는 바뀌지 않습니다.
#
# **어느 축으로?** attention에서 점수는 shape $(n_q, n_k)$인 행렬입니다. 행 하나가 query 하나, 열 하나가
# key 하나입니다. 각 query는 자기 attention을 **key**들에게 나누어 주므로, softmax는 **마지막 축**을 따라
# 계산하고 모든 *행*의 합이 1이 됩니다. 다른 축으로(또는 배열 전체에 대해) 계산하는 것은 강의의 자주 하는
# 실수("Softmax axis 잘못")입니다. 코드는 돌아가지만 가중치가 이상해집니다. 여러분의 함수는 축을 인자로
# 받습니다 (기본값 `-1`). 합을 구한 축을 (크기 1인 축으로) 남겨 두면 합이 점수와 broadcast됩니다.
#
# **수치 안정성.** $e^{1000}$은 `inf`로 overflow되고 `inf / inf`는 NaN입니다. 상수를 더해도 결과가 같으므로,
# 먼저 각 slice의 최댓값을 빼세요: $\operatorname{softmax}(z) = \operatorname{softmax}(z - \max z)$. 그러면 모든
# 지수가 0 이하가 되고 가장 큰 항은 $e^0 = 1$입니다.
#
# **마스킹된 점수는 $-\infty$입니다.** 마스킹(5절)은 금지된 점수를 $-\infty$로 바꾸고, $e^{-\infty} = 0$이므로
# 그 가중치는 정확히 0이 됩니다. 주의할 경우가 하나 있습니다. **전부** $-\infty$인 slice(아무 데도 attend할
# 수 없는 query)입니다. 최댓값이 $-\infty$이고 $-\infty - (-\infty)$는 NaN입니다. 이 과정에서는 이 경우
# **모두 0**을 요구합니다 (NaN 없이). 예를 들어 유한하지 않은 최댓값은 빼기 전에 0으로 바꾸고, 0이 될 수
# 없는 합으로 나누세요 (합이 0인 곳은 1로). 나눈 *뒤에* 고르는 것은 도움이 되지 않습니다: `np.where`는 고르기
# 전에 두 갈래를 모두 계산하므로 0으로 나누는 일이 그대로 일어납니다 (NumPy가 경고합니다).

# %% solution
def softmax(x, axis=-1):
    """
    [en]
    Softmax along one axis: numerically stable, and all zeros for a slice that is entirely −∞.
    [/]
    [ko]
    한 축을 따라 계산하는 softmax. 수치적으로 안정적이어야 하고, 전부 −∞인 slice는 모두 0이 됩니다.
    [/]

        softmax(x)_j = e^(x_j − m) / Σ_k e^(x_k − m),   m = max_k x_k   (along `axis`)

    [en]
    Inputs:
    - x: array of any shape (scores; masked entries are −∞)
    - axis: the axis to normalise along (default −1, the last axis: the keys in attention)

    Returns:
    - an array of the same shape as x, values in [0, 1], summing to 1 along `axis`; a slice that
      is all −∞ gives all zeros. No overflow, no NaN, no warnings (also for x = ±1000).
    [/]
    [ko]
    입력:
    - x: 임의의 shape을 가진 배열 (점수. 마스킹된 항목은 −∞)
    - axis: 정규화할 축 (기본값 −1, 마지막 축: attention에서는 key 축)

    반환:
    - x와 같은 shape의 배열. 값은 [0, 1] 범위이고 `axis`를 따라 합이 1입니다. 전부 −∞인 slice는
      모두 0입니다. overflow, NaN, 경고가 없어야 합니다 (x = ±1000에서도).
    [/]
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    shift = np.max(x, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(shift), shift, 0.0)      # all −∞ slice: shift by 0, e^(−∞) = 0
    e = np.exp(x - shift)
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total > 0, total, 1.0)            # an all-zero slice stays 0
    ### END SOLUTION


# %% test="softmax" points=1

# %% [markdown] lang="en"
# ## 4. Scaled dot-product attention
#
# $$\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V$$
#
# Step by step, for one sequence ($n_q$ queries, $n_k$ keys):
#
# | step | computation | shape |
# | --- | --- | --- |
# | 1. scores | $S = Q K^\top$, $\;S_{ij} = q_i \cdot k_j$ | $(n_q, n_k)$ |
# | 2. scale | $S / \sqrt{d_k}$ | $(n_q, n_k)$ |
# | 3. mask (optional) | scores of forbidden keys $\to -\infty$ | $(n_q, n_k)$ |
# | 4. weights | $A = \operatorname{softmax}(S)$ along the last axis (keys): each row sums to 1 | $(n_q, n_k)$ |
# | 5. output | $A V$: row $i$ is $\sum_j A_{ij} v_j$, a weighted average of the values | $(n_q, d_v)$ |
#
# Return both, `(out, weights)`: the output goes on through the network, the weights are what we
# plot to see *where* each token looks. With leading axes (a batch, later heads) every step is the
# same, done for every item at once: for $K^\top$, swap only the last two axes.
#
# **The mask.** A boolean array, **True = may attend**, that broadcasts to the shape of the scores
# $(\dots, n_q, n_k)$: e.g. $(n_q, n_k)$ for the same mask everywhere, or $(N, 1, n_k)$ for one mask per
# sequence shared by all its queries. Apply it **before** the softmax: where the mask is False, the score
# becomes $-\infty$; where it is True, the score stays as it is. A query row with no allowed key gets
# zero weights and therefore a zero output (your softmax already takes care of that).
#
# **Common mistakes** (the lecture's list, and what they do):
# - *Missing $1/\sqrt{d_k}$* ("missing scaling"): the softmax saturates, training becomes unstable (next section).
# - *Masking after the softmax* (multiplying the weights by the mask): the rows no longer sum to 1.
# - *Filling masked scores with 0* instead of $-\infty$: $e^0 = 1$, so masked keys still get weight.
# - *$-10^9$ instead of $-\infty$* (as in the Annotated Transformer): fine while a row has an allowed
#   key, but a fully masked row then becomes uniform and its output the mean of $V$; here it must be 0.

# %% [markdown] lang="ko"
# ## 4. Scaled dot-product attention
#
# $$\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V$$
#
# 시퀀스 하나(query $n_q$개, key $n_k$개)에 대해 단계별로 보면 다음과 같습니다.
#
# | 단계 | 계산 | shape |
# | --- | --- | --- |
# | 1. 점수 | $S = Q K^\top$, $\;S_{ij} = q_i \cdot k_j$ | $(n_q, n_k)$ |
# | 2. scaling | $S / \sqrt{d_k}$ | $(n_q, n_k)$ |
# | 3. 마스크 (선택) | 금지된 key의 점수 $\to -\infty$ | $(n_q, n_k)$ |
# | 4. 가중치 | $A = \operatorname{softmax}(S)$, 마지막 축(key)을 따라: 각 행의 합이 1 | $(n_q, n_k)$ |
# | 5. 출력 | $A V$: $i$번째 행은 $\sum_j A_{ij} v_j$, 즉 value들의 가중 평균 | $(n_q, d_v)$ |
#
# `(out, weights)` 둘 다 반환합니다. 출력은 네트워크의 다음 단계로 전달되고, 가중치는 각 토큰이 *어디를*
# 보는지 확인하려고 그림으로 그리는 값입니다. 앞쪽 축(배치, 나중에는 head)이 있어도 모든 단계가 같으며,
# 모든 항목에 대해 한 번에 계산됩니다. $K^\top$는 마지막 두 축만 바꿔서 만드세요.
#
# **마스크.** 불리언 배열이며 **True = attend 가능**입니다. 점수의 shape $(\dots, n_q, n_k)$로 broadcast될 수
# 있어야 합니다. 예를 들어 어디서나 같은 마스크는 $(n_q, n_k)$, 시퀀스마다 하나씩이고 그 시퀀스의 모든
# query가 공유하는 마스크는 $(N, 1, n_k)$입니다. 마스크는 softmax **전에** 적용합니다: 마스크가 False인
# 곳의 점수는 $-\infty$가 되고, True인 곳의 점수는 그대로 둡니다. 허용된 key가 하나도 없는 query 행은
# 가중치가 모두 0이고 따라서 출력도 0입니다 (여러분의 softmax가 이미 처리합니다).
#
# **자주 하는 실수** (강의의 목록과, 그 결과):
# - *$1/\sqrt{d_k}$ 누락* ("Scaling 누락"): softmax가 saturate되어 학습이 불안정해집니다 (다음 절).
# - *softmax 뒤에 마스킹* (가중치에 마스크를 곱함): 행의 합이 더 이상 1이 아닙니다.
# - *마스킹된 점수를 $-\infty$ 대신 0으로 채움*: $e^0 = 1$이므로 마스킹된 key도 가중치를 받습니다.
# - *$-\infty$ 대신 $-10^9$* (Annotated Transformer 방식): 허용된 key가 있는 행에서는 괜찮지만, 완전히
#   마스킹된 행은 균등 분포가 되어 출력이 $V$의 평균이 됩니다. 이 과정에서는 0이어야 합니다.

# %% solution
def scaled_dot_product_attention(Q, K, V, mask=None):
    """
    [en]
    Scaled dot-product attention, for any leading axes (batch, heads).
    [/]
    [ko]
    Scaled dot-product attention. 앞쪽 축(배치, head)이 몇 개든 동작해야 합니다.
    [/]

        scores  = Q Kᵀ / √d_k                      (..., n_q, n_k)
        weights = softmax(scores)                  (..., n_q, n_k)
        out     = weights V                        (..., n_q, d_v)
    [en]
        (softmax over the keys, the last axis; masked scores are −∞ before the softmax)
    [/]
    [ko]
        (softmax는 key 축, 즉 마지막 축을 따라 계산하고, 마스킹된 점수는 softmax 전에 −∞가 됩니다)
    [/]

    [en]
    Inputs:
    - Q: queries, shape (..., n_q, d_k)
    - K: keys, shape (..., n_k, d_k)
    - V: values, shape (..., n_k, d_v)
    - mask: None, or a boolean array broadcastable to (..., n_q, n_k); True = may attend.
      A query row with no allowed key gets all-zero weights and a zero output.

    Returns a tuple (out, weights):
    - out: shape (..., n_q, d_v)
    - weights: shape (..., n_q, n_k); each row sums to 1 (or is all 0 for a fully masked row),
      masked entries are exactly 0
    [/]
    [ko]
    입력:
    - Q: query, shape (..., n_q, d_k)
    - K: key, shape (..., n_k, d_k)
    - V: value, shape (..., n_k, d_v)
    - mask: None, 또는 (..., n_q, n_k)로 broadcast되는 불리언 배열. True = attend 가능.
      허용된 key가 하나도 없는 query 행은 가중치가 모두 0이고 출력도 0입니다.

    반환: 튜플 (out, weights)
    - out: shape (..., n_q, d_v)
    - weights: shape (..., n_q, n_k). 각 행의 합은 1 (완전히 마스킹된 행은 모두 0)이고,
      마스킹된 항목은 정확히 0입니다.
    [/]
    """
    ### BEGIN SOLUTION
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
    ### END SOLUTION


# %% test="scaled_dot_product_attention" points=3

# %% [markdown] lang="en"
# ### 4.1 Why divide by $\sqrt{d_k}$?
#
# Take a query and a key whose $d_k$ entries are independent, with mean 0 and variance 1. Their dot
# product $q \cdot k = \sum_{i=1}^{d_k} q_i k_i$ is a sum of $d_k$ such products, so it has mean 0 and
# **variance $d_k$**: its typical size grows like $\sqrt{d_k}$. With $d_k = 512$, scores of $\pm 20$ or
# more are normal, and a softmax of numbers that far apart is almost **one-hot** ("saturated"): one
# key takes nearly all the weight, the lecture's *"extreme probabilities (0.9, 0.05, 0.05)"*.
#
# Saturation hurts learning: the softmax's derivative $\partial A_i / \partial z_j = A_i(\delta_{ij} - A_j)$
# is close to 0 when every $A$ is close to 0 or 1, so almost no gradient reaches $W_Q$ and $W_K$.
# Dividing by $\sqrt{d_k}$ brings the variance of the scores back to 1 for every $d_k$, and the
# weights stay soft (the lecture's "soft distribution").
#
# The picture measures it with random queries and keys and **your softmax**: for each $d_k$, the
# largest weight in a row (1 means one-hot, $1/n_k$ uniform) and the entropy of a row,
# $-\sum_j A_j \log A_j$ (0 means one-hot, $\log n_k$ uniform).

# %% [markdown] lang="ko"
# ### 4.1 왜 $\sqrt{d_k}$로 나눌까?
#
# $d_k$개의 원소가 서로 독립이고 평균 0, 분산 1인 query와 key를 생각해 봅시다. 내적
# $q \cdot k = \sum_{i=1}^{d_k} q_i k_i$는 그런 곱 $d_k$개의 합이므로 평균이 0이고 **분산이 $d_k$**입니다.
# 즉 전형적인 크기가 $\sqrt{d_k}$에 비례해 커집니다. $d_k = 512$이면 $\pm 20$ 이상의 점수가 흔하고, 이렇게
# 차이가 큰 수들의 softmax는 거의 **one-hot**("saturate"된 상태)입니다. key 하나가 가중치를 거의 다
# 가져가는, 강의의 *"극단적 확률 (0.9, 0.05, 0.05)"*입니다.
#
# saturation은 학습을 방해합니다. softmax의 미분 $\partial A_i / \partial z_j = A_i(\delta_{ij} - A_j)$는 모든
# $A$가 0이나 1에 가까우면 거의 0이 되므로, $W_Q$와 $W_K$까지 기울기가 거의 전달되지 않습니다.
# $\sqrt{d_k}$로 나누면 $d_k$와 상관없이 점수의 분산이 다시 1이 되고, 가중치가 부드러운 분포로 유지됩니다.
#
# 아래 그림은 무작위 query와 key, 그리고 **여러분의 softmax**로 이를 측정합니다. 각 $d_k$에 대해 한 행의
# 가장 큰 가중치(1이면 one-hot, $1/n_k$이면 균등)와 한 행의 엔트로피 $-\sum_j A_j \log A_j$(0이면 one-hot,
# $\log n_k$이면 균등)를 그립니다.

# %% picture
import matplotlib.pyplot as plt


def show_scaling(n_k=16, trials=200, seed=0):
    # [en]
    # Random queries and keys with independent N(0, 1) entries, for d_k = 1, 2, 4, …, 1024.
    # Your softmax turns the scores of each query over n_k keys into weights, without and with
    # the 1/√d_k scaling; each curve is the average over the trials.
    # [/]
    # [ko]
    # 원소가 서로 독립인 N(0, 1) 무작위 query와 key, d_k = 1, 2, 4, …, 1024.
    # 각 query의 n_k개 key에 대한 점수를 여러분의 softmax로 가중치로 바꿉니다. 1/√d_k scaling이
    # 없을 때와 있을 때를 비교하며, 각 곡선은 여러 번 시행한 평균입니다.
    # [/]
    rng = np.random.default_rng(seed)
    dims = 2 ** np.arange(11)
    stats = {"without": ([], []), "with": ([], [])}
    for d_k in dims:
        q = rng.normal(size=(trials, d_k))
        k = rng.normal(size=(trials, n_k, d_k))
        # [en]
        # One row of scores per trial.
        # [/]
        # [ko]
        # 시행마다 점수 한 행.
        # [/]
        raw = np.einsum("td,tkd->tk", q, k)
        for name, s in (("without", raw), ("with", raw / np.sqrt(d_k))):
            a = np.asarray(softmax(s), dtype=float)
            entropy = -np.sum(a * np.log(np.clip(a, 1e-300, None)), axis=-1)
            stats[name][0].append(a.max(axis=-1).mean())
            stats[name][1].append(entropy.mean())

    # [en]
    text = {"without": r"without scaling: softmax($q \cdot k$)", "with": r"with scaling: softmax($q \cdot k / \sqrt{d_k}$)",
            "largest": "largest weight in a row", "entropy": "entropy of a row", "uniform": "uniform ({})",
            "title": r"softmax over {} keys: without 1/$\sqrt{{d_k}}$ it saturates as $d_k$ grows"}
    # [/]
    # [ko]
    text = {"without": "scaling 없이: softmax(q · k)", "with": "scaling 적용: softmax(q · k / √dₖ)",
            "largest": "한 행에서 가장 큰 가중치", "entropy": "한 행의 엔트로피", "uniform": "균등 ({})",
            "title": "key {}개에 대한 softmax: 1/√dₖ가 없으면 dₖ가 커질수록 saturate됩니다"}
    # [/]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
    styles = {"without": "tab:red", "with": "tab:blue"}
    for i, (ax, ylabel) in enumerate(zip(axes, (text["largest"], text["entropy"]))):
        for name, color in styles.items():
            ax.semilogx(dims, stats[name][i], "o-", color=color, label=text[name], base=2)
        ax.set_xlabel("$d_k$")
        ax.set_ylabel(ylabel)
    axes[0].axhline(1.0, color="gray", ls=":", lw=1)
    axes[0].axhline(1 / n_k, color="gray", ls="--", lw=1)
    axes[0].text(1, 1 / n_k + 0.02, text["uniform"].format(f"1/{n_k}"), color="gray", fontsize=8)
    axes[0].text(1, 0.94, "one-hot", color="gray", fontsize=8)
    axes[1].axhline(np.log(n_k), color="gray", ls="--", lw=1)
    axes[1].text(1, np.log(n_k) - 0.2, text["uniform"].format(f"log {n_k}"), color="gray", fontsize=8)
    axes[0].legend(fontsize=8, loc="center right")
    fig.suptitle(text["title"].format(n_k))
    fig.tight_layout()
    plt.show()


try:
    show_scaling()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once softmax is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: softmax를 구현하면 나타납니다.")
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
# ## 5. Masking: who may look at whom
#
# Attention lets every query look at every key. Two situations need exceptions, and a **mask** says
# which pairs are allowed (True) and which are not (False).
#
# **Look-ahead (causal) mask, in the decoder.** The decoder generates a sentence one word at a time.
# In training it reads the whole target sentence at once, in parallel; but when it predicts word
# $i$ it must not see words $i+1, i+2, \dots$: they are what it is supposed to predict, and at
# generation time they do not exist yet. The lecture's *Masked Multi-Head Attention* "blocks the
# future": query $i$ may attend to keys $j \le i$ only. For $n = 4$ (rows are queries, columns keys):
#
# $$\begin{bmatrix} 1 & 0 & 0 & 0 \\ 1 & 1 & 0 & 0 \\ 1 & 1 & 1 & 0 \\ 1 & 1 & 1 & 1 \end{bmatrix}$$
#
# True **on and below the diagonal**: a token may always look at itself.
#
# **Padding mask, for batches.** Sentences in a batch have different lengths, so the short ones are
# filled up with a padding token (`pad_id`, usually 0) to a common length, e.g. `[5, 2] → [5, 2, 0]`.
# Pads are not words: no query may attend to them. The mask is True where the token is real (not
# `pad_id`), with shape $(N, 1, n)$: the axis of size 1 stands for the queries, so by broadcasting the
# same row of allowed keys applies to every query of that sentence.
#
# **Combining masks.** Both are boolean, so a decoder over a padded batch uses
# `causal_mask(n) & padding_mask(tokens)`, shape $(N, n, n)$. The padded positions still produce
# outputs (their queries look at the real tokens); those outputs are simply ignored later. A query
# with no allowed key at all (e.g. a sentence that is only padding) gets zero weights and a zero
# output, by the rule of section 4.
#
# > **Mind the polarity.** In this course (and in PyTorch's `F.scaled_dot_product_attention`) a
# > boolean mask says **True = may attend**. PyTorch's `nn.MultiheadAttention` and `nn.Transformer`
# > use the opposite: in their `attn_mask` and `key_padding_mask`, True means **blocked** (not allowed).
# > Both are masks, but they mean opposite things. A mask built for one of them and passed to the
# > other hides exactly the keys it should keep. In this assignment, and in grading, True = may attend.

# %% [markdown] lang="ko"
# ## 5. 마스킹: 누가 누구를 볼 수 있는가
#
# attention에서는 모든 query가 모든 key를 볼 수 있습니다. 두 가지 상황에는 예외가 필요하고, **마스크**가
# 어떤 쌍이 허용되는지(True), 허용되지 않는지(False)를 정합니다.
#
# **Look-ahead(causal) 마스크, 디코더에서.** 디코더는 문장을 한 단어씩 생성합니다. 학습할 때는 목표 문장
# 전체를 한 번에 병렬로 읽지만, 단어 $i$를 예측할 때 단어 $i+1, i+2, \dots$를 보면 안 됩니다. 그 단어들이
# 바로 예측해야 할 답이고, 생성할 때는 아직 존재하지도 않기 때문입니다. 강의의 *Masked Multi-Head
# Attention*이 "미래 시점 단어를 보지 못하도록" 하는 부분입니다. query $i$는 $j \le i$인 key에만 attend할
# 수 있습니다. $n = 4$일 때 (행이 query, 열이 key):
#
# $$\begin{bmatrix} 1 & 0 & 0 & 0 \\ 1 & 1 & 0 & 0 \\ 1 & 1 & 1 & 0 \\ 1 & 1 & 1 & 1 \end{bmatrix}$$
#
# **대각선과 그 아래**가 True입니다. 토큰은 항상 자기 자신을 볼 수 있습니다.
#
# **Padding 마스크, 배치에서.** 배치 안의 문장들은 길이가 다르므로, 짧은 문장은 padding 토큰(`pad_id`,
# 보통 0)으로 채워 길이를 맞춥니다. 예: `[5, 2] → [5, 2, 0]`. padding은 단어가 아니므로 어떤 query도
# padding에 attend하면 안 됩니다. 마스크는 실제 토큰(`pad_id`가 아닌 토큰)인 곳에서 True이고 shape은
# $(N, 1, n)$입니다. 크기 1인 축이 query 축이어서, broadcast를 통해 허용된 key의 같은 행이 그 문장의 모든
# query에 적용됩니다.
#
# **마스크 조합.** 둘 다 불리언이므로, padding된 배치를 처리하는 디코더는
# `causal_mask(n) & padding_mask(tokens)`(shape $(N, n, n)$)를 씁니다. padding 위치도 출력을 만들지만
# (그 query들은 실제 토큰을 봅니다), 그 출력은 나중에 그냥 무시됩니다. 허용된 key가 하나도 없는 query
# (예: padding만으로 이루어진 문장)는 4절의 규칙에 따라 가중치와 출력이 0입니다.
#
# > **마스크의 True/False 의미에 주의하세요.** 이 과정에서는 (PyTorch의 `F.scaled_dot_product_attention`처럼)
# > 불리언 마스크가 **True = attend 가능**입니다. PyTorch의 `nn.MultiheadAttention`과 `nn.Transformer`는
# > 반대입니다. 이들의 `attn_mask`와 `key_padding_mask`에서 True는 **차단**(허용되지 않음)을 뜻합니다. 둘 다
# > 마스크이지만 의미는 정반대입니다. 한쪽에 맞춰 만든 마스크를 다른 쪽에 넘기면 남겨야 할 key가 정확히
# > 가려집니다. 이 과제와 채점에서는 True = attend 가능입니다.

# %% [markdown] lang="en"
# ### 5.1 The causal mask
#
# Build the $(n, n)$ boolean matrix with True on and below the diagonal: entry $(i, j)$ says whether
# query $i$ may attend to key $j$, that is whether $j \le i$. You can build it as the lower triangle of
# a matrix of ones, or by comparing every query index with every key index (broadcasting a column of
# indices against a row of indices); either way works.

# %% [markdown] lang="ko"
# ### 5.1 Causal 마스크
#
# 대각선과 그 아래가 True인 $(n, n)$ 불리언 행렬을 만드세요. $(i, j)$ 원소는 query $i$가 key $j$에
# attend할 수 있는지, 즉 $j \le i$인지를 나타냅니다. 1로 채운 행렬의 아래쪽 삼각형으로 만들어도 되고, 모든
# query 인덱스를 모든 key 인덱스와 비교해도 됩니다 (인덱스의 열 벡터와 행 벡터를 broadcast). 어느 방법이든
# 됩니다.

# %% solution
def causal_mask(n):
    """
    [en]
    The look-ahead mask of a decoder: query i may attend to keys j ≤ i.
    [/]
    [ko]
    디코더의 look-ahead 마스크: query i는 j ≤ i인 key에만 attend할 수 있습니다.
    [/]

        mask[i, j] = (j ≤ i)
    [en]
        (True on and below the diagonal)
    [/]
    [ko]
        (대각선과 그 아래가 True)
    [/]

    [en]
    Inputs:
    - n: sequence length

    Returns a boolean array of shape (n, n).
    [/]
    [ko]
    입력:
    - n: 시퀀스 길이

    반환: shape (n, n)인 불리언 배열.
    [/]
    """
    ### BEGIN SOLUTION
    return np.tril(np.ones((n, n), dtype=bool))
    ### END SOLUTION


# %% test="causal_mask" points=1

# %% [markdown] lang="en"
# ### 5.2 The padding mask
#
# `tokens` is an integer array of shape $(N, n)$. Return True where a token is real (not `pad_id`),
# with a query axis of size 1 inserted in the middle: shape $(N, 1, n)$. Use the `pad_id` you are given
# (0 can be a real token in some vocabularies).

# %% [markdown] lang="ko"
# ### 5.2 Padding 마스크
#
# `tokens`는 shape $(N, n)$인 정수 배열입니다. 실제 토큰(`pad_id`가 아닌 토큰)인 곳에서 True를 반환하되,
# 가운데에 크기 1인 query 축을 넣어 shape을 $(N, 1, n)$로 만드세요. 주어진 `pad_id`를 쓰세요 (어떤 어휘
# 사전에서는 0도 실제 토큰일 수 있습니다).

# %% solution
def padding_mask(tokens, pad_id=0):
    """
    [en]
    The padding mask of a batch: no query may attend to a padding token.
    [/]
    [ko]
    배치의 padding 마스크: 어떤 query도 padding 토큰에 attend할 수 없습니다.
    [/]

        mask[b, 0, j] = (tokens[b, j] != pad_id)

    [en]
    Inputs:
    - tokens: integer token ids, shape (N, n)
    - pad_id: the id of the padding token (default 0)

    Returns a boolean array of shape (N, 1, n); the axis of size 1 broadcasts over the queries.
    [/]
    [ko]
    입력:
    - tokens: 정수 토큰 id, shape (N, n)
    - pad_id: padding 토큰의 id (기본값 0)

    반환: shape (N, 1, n)인 불리언 배열. 크기 1인 축이 query 축으로 broadcast됩니다.
    [/]
    """
    ### BEGIN SOLUTION
    return (np.asarray(tokens) != pad_id)[:, None, :]
    ### END SOLUTION


# %% test="padding_mask" points=1

# %% [markdown] lang="en"
# ### 5.3 See the masks at work
#
# A toy batch of two sentences, the second padded to the length of the first. Each token id gets a
# fixed random embedding, and $Q = X W_Q$, $K = X W_K$ with fixed random (untrained) weights,
# $V = X$. The cell runs your `scaled_dot_product_attention` on the second sentence three times,
# with no mask, with your `padding_mask` and with `causal_mask & padding_mask`, and shows the
# weights (rows: queries, columns: keys). Look for:
#
# - without a mask, real words give weight to the `<pad>` positions: the padding leaks into the meaning;
# - with the padding mask the `<pad>` columns are exactly 0 and every row still sums to 1;
# - with the causal mask as well, everything above the diagonal is 0 too: the first word can only
#   look at itself (weight 1).

# %% [markdown] lang="ko"
# ### 5.3 마스크 동작 보기
#
# 문장 두 개로 된 예제 배치이며, 두 번째 문장은 첫 번째 문장의 길이에 맞게 padding되어 있습니다. 각 토큰
# id에는 고정된 무작위 임베딩이 있고, 고정된 무작위(학습하지 않은) 가중치로 $Q = X W_Q$, $K = X W_K$,
# 그리고 $V = X$입니다. 아래 셀은 두 번째 문장에 대해 여러분의 `scaled_dot_product_attention`을 세 번
# 실행합니다. 마스크 없이, 여러분의 `padding_mask`로, 그리고 `causal_mask & padding_mask`로 실행하고
# 가중치를 보여 줍니다 (행: query, 열: key). 다음을 확인해 보세요.
#
# - 마스크가 없으면 실제 단어들이 `<pad>` 위치에도 가중치를 줍니다. padding이 의미에 섞여 들어갑니다.
# - padding 마스크를 쓰면 `<pad>` 열이 정확히 0이 되고, 각 행의 합은 여전히 1입니다.
# - causal 마스크까지 쓰면 대각선 위쪽도 모두 0입니다. 첫 단어는 자기 자신만 볼 수 있습니다 (가중치 1).

# %% picture
import matplotlib.pyplot as plt


def show_masks(seed=3):
    # [en]
    # Two sentences as token ids (0 = padding) and a fixed random embedding per id.
    # [/]
    # [ko]
    # 토큰 id로 나타낸 두 문장 (0 = padding)과, id마다 고정된 무작위 임베딩.
    # [/]
    words = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "ran", "home", "<pad>", "<pad>"]]
    tokens = np.array([[4, 7, 9, 3, 4, 8], [5, 6, 2, 1, 0, 0]])
    rng = np.random.default_rng(seed)
    d = 8
    embedding = rng.normal(size=(10, d))
    X = embedding[tokens]                                      # (N, n, d) = (2, 6, 8)
    W_Q, W_K = rng.normal(0, 0.6, size=(2, d, d))
    Q, K, V = X @ W_Q, X @ W_K, X
    n = tokens.shape[1]
    pad = padding_mask(tokens)
    # [en]
    text = {"none": "no mask", "title": "attention weights of the padded sentence (each row sums to 1)"}
    # [/]
    # [ko]
    text = {"none": "마스크 없음", "title": "padding된 문장의 attention 가중치 (각 행의 합은 1)"}
    # [/]
    panels = [(text["none"], None), ("padding_mask", pad), ("causal_mask & padding_mask", causal_mask(n) & pad)]

    fig, axes = plt.subplots(1, 3, figsize=(11, 3.9))
    for ax, (title, mask) in zip(axes, panels):
        _, weights = scaled_dot_product_attention(Q, K, V, mask)
        # [en]
        # The weights of the second sentence, the padded one.
        # [/]
        # [ko]
        # padding된 두 번째 문장의 가중치.
        # [/]
        w = np.asarray(weights, dtype=float)[1]
        ax.imshow(w, cmap="Blues", vmin=0, vmax=1)
        for i in range(n):
            for j in range(n):
                ax.text(j, i, f"{w[i, j]:.2f}".replace("0.00", "0"), ha="center", va="center", fontsize=7,
                        color="white" if w[i, j] > 0.6 else "black")
        ax.set_xticks(range(n), words[1], rotation=45, fontsize=8)
        ax.set_yticks(range(n), words[1], fontsize=8)
        ax.set_xlabel("key")
        ax.set_title(title, fontsize=10)
    axes[0].set_ylabel("query")
    fig.suptitle(text["title"])
    fig.tight_layout()
    plt.show()


try:
    show_masks()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once scaled_dot_product_attention, causal_mask and padding_mask (and softmax) "
          "are implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: scaled_dot_product_attention, causal_mask, padding_mask(그리고 softmax)를 구현하면 "
          "나타납니다.")
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
# ## 6. Multi-head attention
#
# One attention is one weighted average per token, one way of looking at the sentence. But a word
# stands in several relations at once: in *"The cat sat on the mat"*, "cat" is the subject of "sat"
# and is also being located by "on the mat". The lecture's answer: **several heads**, each with its
# own projections, each free to learn its own relation (subject–verb, modifiers, position, …), all
# computed in parallel.
#
# With $h$ heads and $d_{model} = h \cdot d_{head}$:
#
# $$Q = X_q W_Q + b_Q, \quad K = X_{kv} W_K + b_K, \quad V = X_{kv} W_V + b_V \qquad (W_\ast \text{ of shape } (d_{model}, d_{model}))$$
#
# $$\text{head}_j = \operatorname{Attention}(Q_j, K_j, V_j), \qquad
# \operatorname{MultiHead}(X_q, X_{kv}) = \operatorname{Concat}(\text{head}_1, \dots, \text{head}_h)\, W_O + b_O$$
#
# where $Q_j$ is the block of columns $j \cdot d_{head}, \dots, (j+1) \cdot d_{head} - 1$ of $Q$ (and the
# same for $K_j$, $V_j$). Cutting one big projection into $h$ column blocks is the same as giving every
# head its own $d_{model} \times d_{head}$ weights, and all heads together cost about as much as one
# head of full width. Each head is a scaled dot-product attention with its own
# $d_k = d_{head} = d_{model} / h$, so it divides by $\sqrt{d_{model} / h}$.
#
# For self-attention, pass the same sequence twice: `multi_head_attention(X, X, params, h)`; for
# encoder–decoder attention, the decoder's sequence as $X_q$ and the encoder's output as $X_{kv}$.
#
# **$d_{model}$ must be divisible by $h$.** Otherwise the columns cannot be cut into equal blocks:
# the lecture's common mistake *"dimension mismatch: check d_model % n_heads == 0"*. Your `split_heads`
# raises a clear `ValueError` instead of failing later with an obscure reshape error.

# %% [markdown] lang="ko"
# ## 6. Multi-head attention
#
# attention 하나는 토큰마다 가중 평균 하나, 즉 문장을 보는 한 가지 관점입니다. 하지만 한 단어는 동시에
# 여러 관계를 맺습니다. *"The cat sat on the mat"*에서 "cat"은 "sat"의 주어이면서 "on the mat"이 가리키는
# 위치의 대상이기도 합니다. 강의의 답은 **여러 개의 head**입니다. head마다 자기 projection을 가지고, 각자
# 자기 관계(주어-동사, 수식어, 위치 등)를 학습할 수 있으며, 모두 병렬로 계산됩니다.
#
# head가 $h$개이고 $d_{model} = h \cdot d_{head}$일 때:
#
# $$Q = X_q W_Q + b_Q, \quad K = X_{kv} W_K + b_K, \quad V = X_{kv} W_V + b_V \qquad (W_\ast\text{의 shape은 } (d_{model}, d_{model}))$$
#
# $$\text{head}_j = \operatorname{Attention}(Q_j, K_j, V_j), \qquad
# \operatorname{MultiHead}(X_q, X_{kv}) = \operatorname{Concat}(\text{head}_1, \dots, \text{head}_h)\, W_O + b_O$$
#
# 여기서 $Q_j$는 $Q$의 열 $j \cdot d_{head}, \dots, (j+1) \cdot d_{head} - 1$로 이루어진 블록입니다 ($K_j$,
# $V_j$도 같음). 큰 projection 하나를 열 블록 $h$개로 자르는 것은 head마다 $d_{model} \times d_{head}$
# 가중치를 따로 주는 것과 같고, head 전체의 계산량은 폭이 $d_{model}$인 head 하나와 비슷합니다. 각 head는
# 자기 $d_k = d_{head} = d_{model} / h$를 가진 scaled dot-product attention이므로 $\sqrt{d_{model} / h}$로
# 나눕니다.
#
# self-attention에서는 같은 시퀀스를 두 번 넘깁니다: `multi_head_attention(X, X, params, h)`.
# encoder–decoder attention에서는 디코더의 시퀀스를 $X_q$로, 인코더의 출력을 $X_{kv}$로 넘깁니다.
#
# **$d_{model}$은 $h$로 나누어떨어져야 합니다.** 그렇지 않으면 열을 같은 크기의 블록으로 자를 수 없습니다.
# 강의의 자주 하는 실수 *"Dimension 불일치: d_model % n_heads == 0 확인"*입니다. 여러분의 `split_heads`는
# 나중에 알아보기 어려운 reshape 오류로 실패하는 대신 명확한 `ValueError`를 발생시킵니다.

# %% [markdown] lang="en"
# ### 6.1 Splitting into heads
#
# From $(N, n, d_{model})$ to $(N, h, n, d_{head})$, in two moves:
#
# 1. `reshape` to $(N, n, h, d_{head})$: each token's $d_{model}$ columns are cut into $h$ consecutive
#    blocks of $d_{head}$ columns;
# 2. move the head axis forward, in front of the token axis, to get $(N, h, n, d_{head})$.
#
# Why the transpose? With the heads as a leading axis, `scaled_dot_product_attention` treats
# $(N, h)$ as batch axes and runs every head of every sequence at once. Reshaping **directly** to
# $(N, h, n, d_{head})$ gives the right shape but the wrong contents: it mixes different tokens into
# one head. Check $d_{model} \bmod h$ first and raise a `ValueError` that says what is wrong.

# %% [markdown] lang="ko"
# ### 6.1 head로 나누기
#
# $(N, n, d_{model})$에서 $(N, h, n, d_{head})$로, 두 단계로 바꿉니다.
#
# 1. $(N, n, h, d_{head})$로 `reshape`: 각 토큰의 열 $d_{model}$개를 $d_{head}$개씩 연속된 블록 $h$개로
#    자릅니다.
# 2. head 축을 토큰 축 앞으로 옮겨 $(N, h, n, d_{head})$를 만듭니다.
#
# 왜 transpose가 필요할까요? head가 앞쪽 축이 되면 `scaled_dot_product_attention`이 $(N, h)$를 배치 축으로
# 다루어 모든 시퀀스의 모든 head를 한 번에 계산합니다. $(N, h, n, d_{head})$로 **바로** reshape하면 shape은
# 맞지만 내용이 틀립니다. 서로 다른 토큰이 한 head에 섞입니다. 먼저 $d_{model} \bmod h$를 확인하고, 무엇이
# 잘못되었는지 알려 주는 `ValueError`를 발생시키세요.

# %% solution
def split_heads(X, n_heads):
    """
    [en]
    Cut every token's d_model columns into n_heads blocks and make the heads an axis.
    Head j gets columns j·d_head … (j+1)·d_head − 1.
    [/]
    [ko]
    각 토큰의 열 d_model개를 n_heads개의 블록으로 자르고, head를 하나의 축으로 만듭니다.
    head j는 열 j·d_head … (j+1)·d_head − 1을 가집니다.
    [/]

        (N, n, d_model) → reshape (N, n, h, d_head) → transpose (N, h, n, d_head),
        d_head = d_model / h

    [en]
    Inputs:
    - X: shape (N, n, d_model)
    - n_heads: number of heads h

    Returns an array of shape (N, h, n, d_model // h).
    Raises ValueError (with a clear message) when d_model % n_heads != 0.
    [/]
    [ko]
    입력:
    - X: shape (N, n, d_model)
    - n_heads: head의 개수 h

    반환: shape (N, h, n, d_model // h)인 배열.
    d_model % n_heads != 0이면 (알기 쉬운 메시지와 함께) ValueError를 발생시킵니다.
    [/]
    """
    ### BEGIN SOLUTION
    N, n, d_model = X.shape
    if d_model % n_heads != 0:
        raise ValueError(f"d_model = {d_model} is not divisible by n_heads = {n_heads}")
    d_head = d_model // n_heads
    return X.reshape(N, n, n_heads, d_head).transpose(0, 2, 1, 3)
    ### END SOLUTION


# %% test="split_heads" points=2

# %% [markdown] lang="en"
# ### 6.2 Merging the heads
#
# The inverse of `split_heads`: $(N, h, n, d_{head}) \to (N, n, h \cdot d_{head})$. Move the head axis
# back next to the columns first, then reshape; this concatenates the heads' outputs side by side,
# $\operatorname{Concat}(\text{head}_1, \dots, \text{head}_h)$. `merge_heads(split_heads(X, h))` must give
# `X` back.

# %% [markdown] lang="ko"
# ### 6.2 head 합치기
#
# `split_heads`의 역연산입니다: $(N, h, n, d_{head}) \to (N, n, h \cdot d_{head})$. 먼저 head 축을 열 쪽으로
# 되돌린 다음 reshape하세요. 그러면 head들의 출력이 옆으로 이어 붙습니다:
# $\operatorname{Concat}(\text{head}_1, \dots, \text{head}_h)$. `merge_heads(split_heads(X, h))`는 `X`를
# 그대로 돌려주어야 합니다.

# %% solution
def merge_heads(X):
    """
    [en]
    Concatenate the heads again: the inverse of split_heads.
    [/]
    [ko]
    head들을 다시 이어 붙입니다: split_heads의 역연산.
    [/]

        (N, h, n, d_head) → transpose (N, n, h, d_head) → reshape (N, n, h · d_head)

    [en]
    Inputs:
    - X: shape (N, h, n, d_head)

    Returns an array of shape (N, n, h · d_head).
    [/]
    [ko]
    입력:
    - X: shape (N, h, n, d_head)

    반환: shape (N, n, h · d_head)인 배열.
    [/]
    """
    ### BEGIN SOLUTION
    N, h, n, d_head = X.shape
    return X.transpose(0, 2, 1, 3).reshape(N, n, h * d_head)
    ### END SOLUTION


# %% test="merge_heads" points=1

# %% [markdown] lang="en"
# ### 6.3 Multi-head attention
#
# Put it together, calling your functions:
#
# 1. project: $Q = X_q W_Q + b_Q$, $K = X_{kv} W_K + b_K$, $V = X_{kv} W_V + b_V$ (the biases are
#    optional: add a bias only when `params` has it);
# 2. split $Q$, $K$, $V$ into heads;
# 3. attend, all heads at once, with your `scaled_dot_product_attention`;
# 4. merge the heads and project: $\operatorname{Concat}(\dots)\, W_O + b_O$.
#
# Return the output, shape $(N, n_q, d_{model})$, and **every head's** weights, shape
# $(N, h, n_q, n_{kv})$ (not their average).
#
# **The mask** is the same for every head. It comes broadcastable to $(N, n_q, n_{kv})$: a causal mask
# $(n, n)$ already broadcasts against the scores $(N, h, n_q, n_{kv})$, but a 3-D mask such as
# `padding_mask`'s $(N, 1, n_{kv})$ needs a head axis of size 1 first, right after the batch axis:
# $(N, 1, 1, n_{kv})$. Without it NumPy lines up the mask's batch axis with the **head** axis: no error
# when $N = h$, just the wrong keys hidden.

# %% [markdown] lang="ko"
# ### 6.3 Multi-head attention
#
# 여러분의 함수들을 호출해서 조립합니다.
#
# 1. projection: $Q = X_q W_Q + b_Q$, $K = X_{kv} W_K + b_K$, $V = X_{kv} W_V + b_V$ (편향은 선택 사항입니다.
#    `params`에 있는 편향만 더하세요)
# 2. $Q$, $K$, $V$를 head로 나눕니다.
# 3. 여러분의 `scaled_dot_product_attention`으로 모든 head를 한 번에 계산합니다.
# 4. head를 합치고 projection합니다: $\operatorname{Concat}(\dots)\, W_O + b_O$.
#
# 출력(shape $(N, n_q, d_{model})$)과 **모든 head의** 가중치(shape $(N, h, n_q, n_{kv})$, 평균이 아님)를
# 반환하세요.
#
# **마스크**는 모든 head에 똑같이 적용됩니다. 마스크는 $(N, n_q, n_{kv})$로 broadcast될 수 있는 형태로
# 주어집니다. causal 마스크 $(n, n)$은 점수 $(N, h, n_q, n_{kv})$에 그대로 broadcast되지만,
# `padding_mask`의 $(N, 1, n_{kv})$ 같은 3차원 마스크는 먼저 배치 축 바로 뒤에 크기 1인 head 축이 필요합니다:
# $(N, 1, 1, n_{kv})$. 이것이 없으면 NumPy가 마스크의 배치 축을 **head** 축에 맞춥니다. $N = h$이면 오류도
# 나지 않고, 엉뚱한 key가 가려질 뿐입니다.

# %% solution
def multi_head_attention(X_q, X_kv, params, n_heads, mask=None):
    """
    [en]
    Multi-head attention: h scaled dot-product attentions on column blocks of the projections.
    [/]
    [ko]
    Multi-head attention: projection의 열 블록마다 scaled dot-product attention을 h번 계산합니다.
    [/]

        Q = X_q W_q + b_q;    K = X_kv W_k + b_k;    V = X_kv W_v + b_v
        head_j = softmax(Q_j K_jᵀ / √d_head) V_j,      j = 1 … h,   d_head = d_model / h
        out = Concat(head_1, …, head_h) W_o + b_o

    [en]
    Inputs:
    - X_q: the sequences that ask (queries), shape (N, n_q, d_model)
    - X_kv: the sequences that are looked at (keys and values), shape (N, n_kv, d_model);
      pass X_q again for self-attention
    - params: dict with W_q, W_k, W_v, W_o of shape (d_model, d_model) and optionally the
      biases b_q, b_k, b_v, b_o of shape (d_model,)
    - n_heads: number of heads h (d_model must be divisible by h)
    - mask: None, or a boolean array broadcastable to (N, n_q, n_kv), True = may attend,
      applied to every head (e.g. padding_mask's (N, 1, n_kv) or causal_mask's (n, n))

    Returns a tuple (out, weights):
    - out: shape (N, n_q, d_model)
    - weights: every head's attention weights, shape (N, h, n_q, n_kv)
    [/]
    [ko]
    입력:
    - X_q: 질의하는 시퀀스 (query), shape (N, n_q, d_model)
    - X_kv: 참조되는 시퀀스 (key와 value), shape (N, n_kv, d_model).
      self-attention이면 X_q를 한 번 더 넘깁니다.
    - params: W_q, W_k, W_v, W_o (shape (d_model, d_model))와 선택적인 편향
      b_q, b_k, b_v, b_o (shape (d_model,))를 담은 dict
    - n_heads: head의 개수 h (d_model은 h로 나누어떨어져야 함)
    - mask: None, 또는 (N, n_q, n_kv)로 broadcast되는 불리언 배열. True = attend 가능.
      모든 head에 적용됩니다 (예: padding_mask의 (N, 1, n_kv), causal_mask의 (n, n)).

    반환: 튜플 (out, weights)
    - out: shape (N, n_q, d_model)
    - weights: 모든 head의 attention 가중치, shape (N, h, n_q, n_kv)
    [/]
    """
    ### BEGIN SOLUTION
    def project(X, name):
        Y = X @ params["W_" + name]
        if "b_" + name in params:
            Y = Y + params["b_" + name]
        return Y

    Q = split_heads(project(X_q, "q"), n_heads)        # (N, h, n_q, d_head)
    K = split_heads(project(X_kv, "k"), n_heads)       # (N, h, n_kv, d_head)
    V = split_heads(project(X_kv, "v"), n_heads)       # (N, h, n_kv, d_head)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.ndim == 3:
            mask = mask[:, None]                       # (N, 1, n_q, n_kv): the same for every head
    heads, weights = scaled_dot_product_attention(Q, K, V, mask)
    return project(merge_heads(heads), "o"), weights
    ### END SOLUTION


# %% test="multi_head_attention" points=3

# %% [markdown] lang="en"
# ### 6.4 Several heads, several views
#
# The first sentence of the toy batch through your `multi_head_attention` with $h = 4$ heads and
# fixed random (untrained) weights. Each panel shows one head's weights. Even untrained, the heads
# look at different places, because each works on its own block of columns of $Q$ and $K$; training
# turns these differences into useful, specialised relations. Only the concatenation of all heads,
# multiplied by $W_O$, goes on through the network.

# %% [markdown] lang="ko"
# ### 6.4 여러 head, 여러 관점
#
# 예제 배치의 첫 번째 문장을, 고정된 무작위(학습하지 않은) 가중치와 head $h = 4$개로 여러분의
# `multi_head_attention`에 넣습니다. 그림 하나가 head 하나의 가중치입니다. 학습하지 않았는데도 head마다
# 보는 곳이 다릅니다. 각 head가 $Q$와 $K$의 서로 다른 열 블록으로 계산하기 때문입니다. 학습은 이 차이를
# 유용하고 전문화된 관계로 바꿉니다. 네트워크의 다음 단계로는 모든 head를 이어 붙여 $W_O$를 곱한 결과만
# 전달됩니다.

# %% picture
import matplotlib.pyplot as plt


def show_heads(seed=5, h=4):
    words = ["the", "cat", "sat", "on", "the", "mat"]
    tokens = np.array([[4, 7, 9, 3, 4, 8]])
    rng = np.random.default_rng(seed)
    d_model = 16
    X = rng.normal(size=(10, d_model))[tokens]                 # (1, 6, 16)
    params = {name: rng.normal(0, 0.5, size=(d_model, d_model)) for name in ("W_q", "W_k", "W_v", "W_o")}
    _, weights = multi_head_attention(X, X, params, h)
    w = np.asarray(weights, dtype=float)[0]                    # (h, n, n)
    n = len(words)

    fig, axes = plt.subplots(1, h, figsize=(12, 3.4))
    for j, ax in enumerate(axes):
        ax.imshow(w[j], cmap="Purples", vmin=0, vmax=1)
        ax.set_xticks(range(n), words, rotation=45, fontsize=8)
        ax.set_yticks(range(n), words if j == 0 else [], fontsize=8)
        ax.set_title(f"head {j + 1}", fontsize=10)
        ax.set_xlabel("key")
    axes[0].set_ylabel("query")
    # [en]
    title = "self-attention weights of {} heads (d_model = {}, d_head = {}, untrained)"
    # [/]
    # [ko]
    title = "head {}개의 self-attention 가중치 (d_model = {}, d_head = {}, 학습하지 않음)"
    # [/]
    fig.suptitle(title.format(h, d_model, d_model // h))
    fig.tight_layout()
    plt.show()


try:
    show_heads()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once multi_head_attention (and the functions it uses) is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: multi_head_attention(그리고 이 함수가 쓰는 함수)을 구현하면 나타납니다.")
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
# ## 7. What you built, and how it is graded
#
# - Attention connects every position with every other in one step:
#   $\operatorname{softmax}(Q K^\top / \sqrt{d_k})\, V$, with $Q, K, V$ computed from the input by learned
#   projections. The scores are dot products (similarities), the softmax along the keys makes each
#   row a distribution, the output is a weighted average of the values.
# - $1/\sqrt{d_k}$ keeps the scores' variance at 1, so the softmax does not saturate.
# - Masks say who may look at whom: the causal mask hides the future in the decoder, the padding mask
#   hides the padding of a batch. They act **before** the softmax, with $-\infty$.
# - Multi-head attention runs $h$ attentions on column blocks of size $d_{model} / h$ and
#   concatenates them; $d_{model}$ must be divisible by $h$.
#
# **The lecture's checklist**, answered by this notebook: why attention is needed (section 1); the
# roles of query, key and value (2); the scaled dot-product formula (4); self-attention vs
# encoder–decoder attention (2); why multi-head attention (6).
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use small examples you can verify by hand, and properties
#   such as shapes and row sums. They catch the common mistakes but do not prove your code right.
# - At grading time, hidden checks call each of your functions on fresh random inputs (all sizes
#   different, several heads, nonzero biases, masked and unmasked) and compare the results with the
#   lecture's formulas. A test cell's points are split over its checks, so partly working code earns
#   partial credit.
# - Your feedback lists every check. When a result looks like a known mistake (missing scaling,
#   softmax over the wrong axis, mask after the softmax, −1e9 instead of −∞, heads split without the
#   transpose, …) it names the likely mistake.
# - Only the code in your function cells is graded, so keep any helper functions inside those cells.

# %% [markdown] lang="ko"
# ## 7. 정리와 채점 방식
#
# - attention은 한 단계에서 모든 위치를 다른 모든 위치와 연결합니다:
#   $\operatorname{softmax}(Q K^\top / \sqrt{d_k})\, V$이고, $Q, K, V$는 학습된 projection으로 입력에서
#   계산합니다. 점수는 내적(유사도)이고, key 축을 따른 softmax가 각 행을 확률 분포로 만들며, 출력은
#   value들의 가중 평균입니다.
# - $1/\sqrt{d_k}$는 점수의 분산을 1로 유지해서 softmax가 saturate되지 않게 합니다.
# - 마스크는 누가 누구를 볼 수 있는지 정합니다. causal 마스크는 디코더에서 미래를 가리고, padding 마스크는
#   배치의 padding을 가립니다. 마스크는 softmax **전에** $-\infty$로 적용합니다.
# - Multi-head attention은 크기 $d_{model} / h$인 열 블록마다 attention을 계산해 $h$개를 이어 붙입니다.
#   $d_{model}$은 $h$로 나누어떨어져야 합니다.
#
# **강의의 학습 점검**과 이 노트북의 답: attention이 왜 필요한가 (1절), query, key, value의 역할 (2절),
# scaled dot-product attention 수식 (4절), self-attention과 일반(encoder–decoder) attention의 차이 (2절),
# multi-head attention이 왜 필요한가 (6절).
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 작은 예제와, shape이나 행의 합 같은 성질을
#   사용합니다. 흔한 실수는 잡아내지만, 코드가 옳다는 것을 증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 매번 새로 만든 무작위 입력(크기가 모두 다르고, head가 여러 개이며, 편향이 0이
#   아니고, 마스크가 있거나 없는 입력)으로 각 함수를 호출해 강의 수식의 결과와 비교합니다. 테스트 셀의
#   점수는 그 셀의 검사들에 나누어 배정되므로, 일부만 맞아도 부분 점수를 받습니다.
# - 피드백에는 모든 검사 결과가 나옵니다. 결과가 알려진 실수(scaling 누락, 잘못된 축의 softmax, softmax
#   뒤의 마스킹, −∞ 대신 −1e9, transpose 없이 나눈 head 등)처럼 보이면 그 실수를 짚어 줍니다.
# - 함수 셀 안의 코드만 채점되므로, 보조 함수는 반드시 함수 셀 안에 두세요.
