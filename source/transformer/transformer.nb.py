# %% [markdown] lang="en"
# # The Transformer encoder block
#
# You have built attention and positional encoding. In this assignment you put them to work in the
# lecture's **encoder block**, the unit that the encoder stacks $N$ times:
#
# ```
# input  (token embeddings + positional encoding)
#   ↓
# [Multi-Head Self-Attention]
#   ↓
# [Add & Norm]   ← residual connection + layer normalization
#   ↓
# [Feed-Forward Network]
#   ↓
# [Add & Norm]   ← residual connection + layer normalization
#   ↓
# output (same shape as the input: the next block's input)
# ```
#
# You implement **layer normalization**, the **GELU** activation, the position-wise
# **feed-forward network** and the **encoder block** itself, in both the original post-norm form and
# the modern pre-norm form. Multi-head attention comes ready-made (from the attention assignment).
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(layer_norm)` prints ✓ when your function passes its
#   self-checks, or ✗ with what is off.
# - NumPy (and Python's `math`) is all you need. A function may call the ones above it
#   (`feed_forward` uses `gelu`, `encoder_block` uses everything); helper functions you add must go
#   inside a function cell.
#
# **Array conventions** (as before). Every token is a **row** vector; a batch of sequences has shape
# $(N, n, d_{model})$; weights multiply from the right, $x W$. Every function of this notebook works on
# the **last axis** (the features of one token) and keeps all leading axes.

# %% [markdown] lang="ko"
# # Transformer 인코더 블록
#
# attention과 positional encoding을 구현했습니다. 이번 과제에서는 그것들을 강의의 **인코더 블록**에서
# 사용합니다. 인코더는 이 블록을 $N$번 쌓은 것입니다.
#
# ```
# 입력  (토큰 임베딩 + positional encoding)
#   ↓
# [Multi-Head Self-Attention]
#   ↓
# [Add & Norm]   ← residual connection + layer normalization
#   ↓
# [Feed-Forward Network]
#   ↓
# [Add & Norm]   ← residual connection + layer normalization
#   ↓
# 출력 (입력과 같은 shape: 다음 블록의 입력)
# ```
#
# **layer normalization**, **GELU** 활성화 함수, 위치별(position-wise) **feed-forward network**,
# 그리고 **인코더 블록** 자체를, 원래의 post-norm 형태와 요즘 많이 쓰는 pre-norm 형태로 구현합니다.
# multi-head attention은 (attention 과제에서 만든 것을) 완성된 상태로 제공합니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(layer_norm)`은 자가 점검을 통과하면 ✓를, 통과하지 못하면
#   무엇이 틀렸는지 ✗와 함께 알려 줍니다.
# - NumPy(와 Python의 `math`)만 있으면 됩니다. 위에서 작성한 함수를 불러 써도 됩니다
#   (`feed_forward`는 `gelu`를, `encoder_block`은 모두를 사용). 보조 함수를 만든다면 반드시 함수 셀 안에
#   두세요.
#
# **배열 표기 규칙** (이전과 같음). 모든 토큰은 **행**(row) 벡터이고, 시퀀스 배치의 shape은
# $(N, n, d_{model})$이며, 가중치는 오른쪽에서 곱합니다 ($x W$). 이 노트북의 모든 함수는 **마지막 축**
# (토큰 하나의 feature들)에 대해 계산하고, 앞쪽 축은 모두 그대로 둡니다.

# %% setup
import numpy as np
from selfcheck import check, check_all, grade, use_language
use_language("en")  # seqlab: release language

# %% [markdown] lang="en"
# ## 0. Multi-head attention, ready-made
#
# The next cell defines working versions of `softmax`, `scaled_dot_product_attention`,
# `split_heads`, `merge_heads` and `multi_head_attention` from the attention assignment (read-only).
# Your `encoder_block` calls `multi_head_attention(x, x, params, n_heads, mask)` for its
# self-attention: it returns `(out, weights)`, out of shape $(N, n, d_{model})$ and the weights of every
# head, $(N, h, n, n)$. Run the cell once; nothing to change.

# %% [markdown] lang="ko"
# ## 0. 완성된 multi-head attention
#
# 다음 셀은 attention 과제의 `softmax`, `scaled_dot_product_attention`, `split_heads`, `merge_heads`,
# `multi_head_attention`을 동작하는 버전으로 정의합니다 (읽기 전용). 여러분의 `encoder_block`은
# self-attention을 위해 `multi_head_attention(x, x, params, n_heads, mask)`를 호출합니다. 이 함수는
# `(out, weights)`를 반환하며, out의 shape은 $(N, n, d_{model})$, weights는 모든 head의 가중치로 shape
# $(N, h, n, n)$입니다. 셀을 한 번 실행하세요. 바꿀 것은 없습니다.

# %% provided="attention:softmax,scaled_dot_product_attention,split_heads,merge_heads,multi_head_attention"

# %% [markdown] lang="en"
# ## 1. Residual connections: a highway for the gradient
#
# "Add" in *Add & Norm* is a **residual connection**: a sublayer $F$ (attention or the FFN) does not
# replace its input, it adds to it,
#
# $$y = x + F(x).$$
#
# Why: in a deep network the gradient reaching layer 1 is a product of one factor per layer
# (the chain rule), $\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial x_N}
# \frac{\partial x_N}{\partial x_{N-1}} \cdots \frac{\partial x_2}{\partial x_1}$. If the factors are
# small, the product vanishes, as in the RNN. With a residual connection every factor is
#
# $$\frac{\partial y}{\partial x} = I + \frac{\partial F(x)}{\partial x},$$
#
# and the identity $I$ is always there: the gradient has a direct path, a **highway**, through every
# block, however small $\partial F / \partial x$ becomes. The input also reaches the output unchanged
# (identity mapping), which keeps training stable at the start, when $F$ is still random.
#
# The picture measures it on a deep stack of random $\tanh$ layers, $x_{l+1} = \tanh(x_l W_l)$ without
# and $x_{l+1} = x_l + \tanh(x_l W_l)$ with the residual: the size of the gradient that
# backpropagation brings from the top down to each layer.

# %% [markdown] lang="ko"
# ## 1. Residual connection: 기울기의 고속도로
#
# *Add & Norm*의 "Add"는 **residual connection**(잔차 연결)입니다. 서브레이어 $F$(attention 또는 FFN)는
# 입력을 대체하지 않고 입력에 더해집니다.
#
# $$y = x + F(x)$$
#
# 이유: 깊은 네트워크에서 1층까지 전달되는 기울기는 층마다 하나씩인 항들의 곱입니다 (연쇄 법칙),
# $\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial x_N}
# \frac{\partial x_N}{\partial x_{N-1}} \cdots \frac{\partial x_2}{\partial x_1}$. 각 항이 작으면 RNN에서처럼
# 곱이 사라집니다. residual connection이 있으면 각 항은
#
# $$\frac{\partial y}{\partial x} = I + \frac{\partial F(x)}{\partial x}$$
#
# 이고, 항등 행렬 $I$가 항상 있습니다. $\partial F / \partial x$가 아무리 작아져도 기울기는 모든 블록을
# 직접 통과하는 경로, 즉 **고속도로(highway)**를 가집니다. 입력도 그대로 출력까지 전달되므로(identity
# mapping), $F$가 아직 무작위인 학습 초기에도 학습이 안정적입니다.
#
# 아래 그림은 무작위 $\tanh$ 층을 깊게 쌓아 이를 측정합니다. residual이 없는 $x_{l+1} = \tanh(x_l W_l)$과
# residual이 있는 $x_{l+1} = x_l + \tanh(x_l W_l)$에서, 역전파가 맨 위에서 각 층까지 가져오는 기울기의
# 크기를 비교합니다.

# %% picture
import matplotlib.pyplot as plt


def show_residual_gradients(depth=40, width=64, scale=0.3, seed=0):
    # [en]
    # Forward through `depth` random tanh layers (W_l with entries N(0, scale² / width)), then
    # backpropagate a unit gradient from the top. Without the residual, each layer multiplies the
    # gradient by diag(tanh') W_lᵀ; with it, by I + diag(tanh') W_lᵀ.
    # [/]
    # [ko]
    # 무작위 tanh 층 `depth`개(W_l의 원소는 N(0, scale² / width))를 순전파한 다음, 맨 위에서 크기 1인
    # 기울기를 역전파합니다. residual이 없으면 층마다 기울기에 diag(tanh') W_lᵀ가 곱해지고, 있으면
    # I + diag(tanh') W_lᵀ가 곱해집니다.
    # [/]
    rng = np.random.default_rng(seed)
    weights = rng.normal(0, scale / np.sqrt(width), size=(depth, width, width))
    x0 = rng.normal(size=width)
    # [en]
    text = {"plain": r"plain: $x_{l+1} = \tanh(x_l W_l)$", "residual": r"residual: $x_{l+1} = x_l + \tanh(x_l W_l)$",
            "layer": "layer l (the loss is above layer {})", "title": "gradient size at each layer of a deep stack"}
    # [/]
    # [ko]
    text = {"plain": "residual 없음: xₗ₊₁ = tanh(xₗ Wₗ)", "residual": r"residual: $x_{l+1} = x_l + \tanh(x_l W_l)$",
            "layer": "층 l (손실은 {}층 위에 있음)", "title": "깊게 쌓은 층에서 각 층의 기울기 크기"}
    # [/]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for residual, color, label in ((False, "tab:red", text["plain"]), (True, "tab:blue", text["residual"])):
        x, slopes = x0, []
        for W in weights:
            h = np.tanh(x @ W)
            slopes.append(1 - h ** 2)
            x = x + h if residual else h
        grad = np.ones(width) / np.sqrt(width)
        sizes = [1.0]
        for W, slope in zip(weights[::-1], slopes[::-1]):
            grad = (grad if residual else 0) + (grad * slope) @ W.T
            sizes.append(np.linalg.norm(grad))
        ax.semilogy(np.arange(depth, -1, -1), sizes, color=color, lw=2, label=label)
    ax.set_xlabel(text["layer"].format(depth))
    ax.set_ylabel(r"$\|\partial L / \partial x_l\|$")
    ax.set_title(text["title"])
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


show_residual_gradients()


# %% [markdown] lang="en"
# ## 2. Layer normalization
#
# "Norm" in *Add & Norm* is **layer normalization**. For every token separately, it shifts and scales
# the $d_{model}$ features to mean 0 and variance 1, then applies a learned scale $\gamma$ and shift $\beta$:
#
# $$\mu = \frac{1}{d}\sum_{i=1}^{d} x_i, \qquad \sigma^2 = \frac{1}{d}\sum_{i=1}^{d} (x_i - \mu)^2, \qquad
# \operatorname{LN}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta.$$
#
# The lecture writes $\gamma (x - \mu)/\sigma + \beta$; the small $\varepsilon$ (default $10^{-5}$) keeps a
# row whose entries are all equal ($\sigma = 0$) from dividing by zero.
#
# **Layer norm vs batch norm** (from the lecture's checklist). Picture a batch as a table, one row per
# token, one column per feature:
#
# | | normalises | statistics from | in training | at test time | fits |
# | --- | --- | --- | --- | --- | --- |
# | batch norm | each **feature** (column) | all examples of the batch | a token's output depends on the other examples of its batch, and the statistics are noisy for small batches | uses running averages collected in training instead: another computation | CNNs |
# | layer norm | each **token** (row) | that token's own $d_{model}$ features | independent of the batch | the same computation as in training | RNNs, Transformers |
#
# Layer norm never looks at other examples, so it works the same for a batch of 1, for sequences of
# any length and for padded batches. In NumPy the statistics are taken over the last axis and kept as
# an axis of size 1, so that they broadcast against `x`.
#
# **Details that matter** (common mistakes):
# - the **biased** variance, dividing by $d$ (NumPy's `np.var` default, `ddof=0`; PyTorch's
#   `nn.LayerNorm`), not the unbiased one dividing by $d - 1$ (`ddof=1`, `torch.std`, the Annotated
#   Transformer's `x.std(-1)`);
# - $\varepsilon$ **inside** the square root, $\sqrt{\sigma^2 + \varepsilon}$, not $\sigma + \varepsilon$;
# - $\gamma$ multiplies, $\beta$ is added; both have shape $(d_{model},)$ and broadcast over the tokens.

# %% [markdown] lang="ko"
# ## 2. Layer normalization
#
# *Add & Norm*의 "Norm"은 **layer normalization**입니다. 토큰마다 따로, $d_{model}$개의 feature를 평균 0,
# 분산 1이 되도록 옮기고 크기를 맞춘 다음, 학습되는 scale $\gamma$와 shift $\beta$를 적용합니다.
#
# $$\mu = \frac{1}{d}\sum_{i=1}^{d} x_i, \qquad \sigma^2 = \frac{1}{d}\sum_{i=1}^{d} (x_i - \mu)^2, \qquad
# \operatorname{LN}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta$$
#
# 강의는 $\gamma (x - \mu)/\sigma + \beta$로 씁니다. 작은 $\varepsilon$(기본값 $10^{-5}$)은 원소가 모두 같은
# 행($\sigma = 0$)에서 0으로 나누는 것을 막아 줍니다.
#
# **Layer norm과 batch norm** (강의의 학습 점검 항목). 배치를 표로 생각해 봅시다. 행 하나가 토큰 하나,
# 열 하나가 feature 하나입니다.
#
# | | 정규화 대상 | 통계를 구하는 곳 | 학습할 때 | 테스트할 때 | 적합한 곳 |
# | --- | --- | --- | --- | --- | --- |
# | batch norm | 각 **feature**(열) | 배치 안의 모든 샘플 | 토큰의 출력이 같은 배치의 다른 샘플에 의존하고, 배치가 작으면 통계가 불안정 | 대신 학습 중에 모은 이동 평균을 씀: 학습 때와 다른 계산 | CNN |
# | layer norm | 각 **토큰**(행) | 그 토큰 자신의 $d_{model}$개 feature | 배치와 무관 | 학습 때와 같은 계산 | RNN, Transformer |
#
# layer norm은 다른 샘플을 전혀 보지 않으므로, 배치 크기가 1이어도, 시퀀스 길이가 얼마든, padding된
# 배치여도 똑같이 동작합니다. NumPy에서는 통계를 마지막 축을 따라 구하고, 그 축을 크기 1인 축으로 남겨
# `x`와 broadcast되게 합니다.
#
# **중요한 세부 사항** (자주 하는 실수):
# - **$d$로 나누는 분산**(biased)을 씁니다 (NumPy `np.var`의 기본값 `ddof=0`, PyTorch의
#   `nn.LayerNorm`). $d - 1$로 나누는 불편 분산(`ddof=1`, `torch.std`, Annotated Transformer의
#   `x.std(-1)`)이 아닙니다.
# - $\varepsilon$은 제곱근 **안에** 들어갑니다: $\sigma + \varepsilon$이 아니라 $\sqrt{\sigma^2 + \varepsilon}$.
# - $\gamma$는 곱하고 $\beta$는 더합니다. 둘 다 shape이 $(d_{model},)$이고 토큰들에 broadcast됩니다.

# %% solution
def layer_norm(x, gamma, beta, eps=1e-5):
    """
    [en]
    Layer normalization over the last axis: each token's features get mean 0 and variance 1,
    then the learned scale γ and shift β.
    [/]
    [ko]
    마지막 축에 대한 layer normalization: 각 토큰의 feature를 평균 0, 분산 1로 만든 다음,
    학습되는 scale γ와 shift β를 적용합니다.
    [/]

        μ = (1/d) Σ_i x_i,   σ² = (1/d) Σ_i (x_i − μ)²,   d = d_model
        LN(x) = γ ⊙ (x − μ) / sqrt(σ² + ε) + β
    [en]
        (μ and σ² of each token, over the last axis; σ² divides by d: the biased variance)
    [/]
    [ko]
        (μ와 σ²는 토큰마다 마지막 축을 따라 구하고, σ²는 d로 나눕니다: biased 분산)
    [/]

    [en]
    Inputs:
    - x: array of shape (..., d_model)
    - gamma: scale γ, shape (d_model,)
    - beta: shift β, shape (d_model,)
    - eps: ε, added to the variance inside the square root

    Returns an array of the same shape as x.
    [/]
    [ko]
    입력:
    - x: shape (..., d_model)인 배열
    - gamma: scale γ, shape (d_model,)
    - beta: shift β, shape (d_model,)
    - eps: ε, 제곱근 안에서 분산에 더하는 값

    반환: x와 같은 shape의 배열.
    [/]
    """
    ### BEGIN SOLUTION
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.mean((x - mu) ** 2, axis=-1, keepdims=True)         # biased: divide by d_model
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta
    ### END SOLUTION


# %% test="layer_norm" points=2

# %% [markdown] lang="en"
# ### 2.1 Rows, not columns
#
# A small batch, 2 sentences of 4 tokens with 6 features, shown as a table (rows: tokens, columns:
# features) whose features have very different offsets and scales. Your `layer_norm` (with
# $\gamma = 1$, $\beta = 0$) normalises each **row**: every token ends up with mean 0 and variance 1,
# and the pattern *within* a token is kept. Batch norm, computed in the cell for comparison,
# normalises each **column** over the batch instead: every feature has mean 0 across the 8 tokens,
# and a token's values now depend on the other tokens in the batch.

# %% [markdown] lang="ko"
# ### 2.1 열이 아니라 행
#
# 문장 2개, 토큰 4개, feature 6개인 작은 배치를 표로 나타냅니다 (행: 토큰, 열: feature). feature마다
# offset과 크기가 크게 다릅니다. 여러분의 `layer_norm`($\gamma = 1$, $\beta = 0$)은 각 **행**을
# 정규화합니다. 모든 토큰이 평균 0, 분산 1이 되고, 한 토큰 *안의* 패턴은 유지됩니다. 비교를 위해 셀에서
# 직접 계산한 batch norm은 대신 각 **열**을 배치 전체에 대해 정규화합니다. 모든 feature가 토큰 8개에 걸쳐
# 평균 0이 되고, 한 토큰의 값이 배치 안의 다른 토큰들에 따라 달라집니다.

# %% picture
import matplotlib.pyplot as plt


def show_layer_vs_batch_norm(seed=1):
    rng = np.random.default_rng(seed)
    N, n, d = 2, 4, 6
    offsets, scales = np.array([5.0, -3.0, 0.0, 8.0, 1.0, -6.0]), np.array([1.0, 4.0, 0.5, 2.0, 6.0, 1.0])
    x = offsets + scales * rng.normal(size=(N, n, d))
    # [en]
    # One row per token; batch norm computed here for comparison, over the 8 tokens.
    text = {"input": "input x", "ln": "your layer_norm: each row", "bn": "batch norm: each column",
            "token": "token (sentence s, position t)",
            "title": "per-token statistics (right of each table): layer norm gives every token μ = 0, σ = 1"}
    # [/]
    # [ko]
    # 토큰마다 행 하나. 비교용 batch norm은 여기서 토큰 8개에 대해 계산합니다.
    text = {"input": "입력 x", "ln": "여러분의 layer_norm: 행마다", "bn": "batch norm: 열마다",
            "token": "토큰 (문장 s, 위치 t)",
            "title": "토큰별 통계 (각 표의 오른쪽): layer norm은 모든 토큰을 μ = 0, σ = 1로 만듭니다"}
    # [/]
    ln = np.asarray(layer_norm(x, np.ones(d), np.zeros(d)), dtype=float)
    table = x.reshape(N * n, d)
    bn = (table - table.mean(axis=0)) / np.sqrt(table.var(axis=0) + 1e-5)
    panels = [(text["input"], table), (text["ln"], ln.reshape(N * n, d)), (text["bn"], bn)]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    for ax, (title, values) in zip(axes, panels):
        top = np.abs(values).max()
        ax.imshow(values, cmap="RdBu", vmin=-top, vmax=top, aspect="auto")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("feature")
        ax.set_xticks(range(d))
        ax.set_yticks(range(N * n), [f"s{i // n} t{i % n}" for i in range(N * n)], fontsize=8)
        for i in range(N * n):
            mu, sd = np.round(values[i].mean(), 1) + 0.0, values[i].std()      # + 0.0: −0.0 → 0.0
            ax.text(d - 0.45, i, f"μ={mu:+.1f} σ={sd:.1f}", fontsize=7,
                    va="center", ha="left", clip_on=False)
    axes[0].set_ylabel(text["token"])
    fig.suptitle(text["title"])
    fig.tight_layout()
    plt.show()


try:
    show_layer_vs_batch_norm()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once layer_norm is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: layer_norm을 구현하면 나타납니다.")
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
# ## 3. GELU
#
# The feed-forward network needs a nonlinearity. The lecture uses **GELU** (Gaussian Error Linear
# Unit), as do BERT and GPT:
#
# $$\operatorname{GELU}(x) = x\, \Phi(x), \qquad \Phi(x) = \tfrac12 \left(1 + \operatorname{erf}\!\big(x / \sqrt2\big)\right),$$
#
# where $\Phi$ is the cumulative distribution function of the standard normal distribution: GELU
# lets $x$ through weighted by the probability that a standard normal variable is below $x$. So
# $\operatorname{GELU}(x) \approx x$ for large $x$, $\approx 0$ for very negative $x$, and in between it
# is a smooth curve that passes small negative values (ReLU, $\max(0, x)$, cuts all negative
# information off). For example $\operatorname{GELU}(1) = \Phi(1) \approx 0.8413$ and
# $\operatorname{GELU}(-1) = -\Phi(-1) \approx -0.1587$.
#
# **Computing erf.** NumPy has no `erf`; Python's `math.erf` works on one number at a time, so it has
# to be applied to every element of the array (NumPy can turn a function of one number into one that
# works elementwise). The widely used **tanh approximation**
# $\operatorname{GELU}(x) \approx \tfrac12 x \left(1 + \tanh\!\big(\sqrt{2/\pi}\,(x + 0.044715\, x^3)\big)\right)$
# is also accepted (it is within $10^{-3}$ of the exact form). The cruder $x\,\sigma(1.702\,x)$ is not
# accurate enough.

# %% [markdown] lang="ko"
# ## 3. GELU
#
# feed-forward network에는 비선형 함수가 필요합니다. 강의는 BERT, GPT처럼 **GELU**(Gaussian Error Linear
# Unit)를 사용합니다.
#
# $$\operatorname{GELU}(x) = x\, \Phi(x), \qquad \Phi(x) = \tfrac12 \left(1 + \operatorname{erf}\!\big(x / \sqrt2\big)\right)$$
#
# 여기서 $\Phi$는 표준 정규분포의 누적 분포 함수입니다. GELU는 표준 정규 확률변수가 $x$보다 작을 확률을
# 가중치로 해서 $x$를 통과시킵니다. 그래서 $x$가 크면 $\operatorname{GELU}(x) \approx x$, 매우 음수이면
# $\approx 0$이고, 그 사이에서는 작은 음수 값도 전달하는 매끄러운 곡선입니다 (ReLU $\max(0, x)$는 음수 정보를
# 모두 잘라 냅니다). 예를 들어 $\operatorname{GELU}(1) = \Phi(1) \approx 0.8413$,
# $\operatorname{GELU}(-1) = -\Phi(-1) \approx -0.1587$입니다.
#
# **erf 계산하기.** NumPy에는 `erf`가 없습니다. Python의 `math.erf`는 숫자 하나씩 계산하므로 배열의 모든
# 원소에 적용해야 합니다 (NumPy는 숫자 하나에 대한 함수를 요소별로 동작하는 함수로 바꿔 줄 수 있습니다).
# 널리 쓰이는 **tanh 근사**
# $\operatorname{GELU}(x) \approx \tfrac12 x \left(1 + \tanh\!\big(\sqrt{2/\pi}\,(x + 0.044715\, x^3)\big)\right)$도
# 허용됩니다 (정확한 형태와의 차이가 $10^{-3}$ 이내). 더 거친 근사 $x\,\sigma(1.702\,x)$는 충분히 정확하지
# 않습니다.

# %% solution
import math


def gelu(x):
    """
    [en]
    GELU, elementwise: x weighted by the standard normal CDF Φ(x).
    [/]
    [ko]
    요소별 GELU: x에 표준 정규분포의 누적 분포 함수 Φ(x)를 곱합니다.
    [/]

        GELU(x) = x Φ(x) = x · ½ (1 + erf(x / √2))
        GELU(x) ≈ ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))
    [en]
        (the exact form, and the tanh approximation, which is also accepted)
    [/]
    [ko]
        (정확한 형태와 tanh 근사. tanh 근사도 허용됩니다)
    [/]

    [en]
    Inputs:
    - x: array of any shape

    Returns an array of the same shape as x; finite also for large |x| (e.g. ±40).
    [/]
    [ko]
    입력:
    - x: 임의의 shape을 가진 배열

    반환: x와 같은 shape의 배열. |x|가 커도 (예: ±40) 유한한 값이어야 합니다.
    [/]
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    erf = np.vectorize(math.erf, otypes=[float])
    return x * 0.5 * (1.0 + erf(x / math.sqrt(2.0)))
    ### END SOLUTION


# %% test="gelu" points=1

# %% picture
import matplotlib.pyplot as plt


def show_gelu():
    x = np.linspace(-4, 4, 401)
    y = np.asarray(gelu(x), dtype=float)
    # [en]
    text = {"gelu": r"your gelu: $x\,\Phi(x)$", "title": "GELU is smooth and lets small negative values through",
            "minimum": "minimum ≈ {:.3f} at x ≈ {:.2f}", "zoom": "zoom on x < 1"}
    # [/]
    # [ko]
    text = {"gelu": "여러분의 gelu: x Φ(x)", "title": "GELU는 매끄럽고, 작은 음수 값을 통과시킵니다",
            "minimum": "최솟값 ≈ {:.3f} (x ≈ {:.2f})", "zoom": "x < 1 부분 확대"}
    # [/]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.3))
    axes[0].plot(x, np.maximum(0, x), color="gray", ls="--", label="ReLU: max(0, x)")
    axes[0].plot(x, y, color="tab:blue", lw=2, label=text["gelu"])
    axes[0].set_xlabel("x")
    axes[0].legend(fontsize=8)
    axes[0].set_title(text["title"])
    axes[1].plot(x, y, color="tab:blue", lw=2)
    axes[1].axhline(0, color="lightgray", lw=0.8)
    axes[1].set_xlim(-4, 1)
    axes[1].set_ylim(-0.25, 0.9)
    i = np.argmin(y)
    axes[1].plot([x[i]], [y[i]], "o", color="tab:red")
    axes[1].annotate(text["minimum"].format(y[i], x[i]), (x[i], y[i]), (x[i] + 0.4, y[i] - 0.05), fontsize=8)
    axes[1].set_xlabel("x")
    axes[1].set_title(text["zoom"])
    fig.tight_layout()
    plt.show()


try:
    show_gelu()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once gelu is implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: gelu를 구현하면 나타납니다.")
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
# ## 4. The position-wise feed-forward network
#
# $$\operatorname{FFN}(x) = \operatorname{GELU}(x W_1 + b_1)\, W_2 + b_2$$
#
# Two linear layers with GELU in between: $d_{model} \to d_{ff} \to d_{model}$, usually
# $d_{ff} = 4\, d_{model}$ (e.g. $512 \to 2048 \to 512$). Why it is there (the lecture): attention only
# mixes the value vectors with weights (for fixed weights, a linear operation), so the FFN adds the
# **nonlinearity**, and with the wide middle layer most of the block's **capacity**.
#
# **Position-wise** means the same $W_1, b_1, W_2, b_2$ are applied to every position separately:
# token $i$'s output depends only on token $i$'s input. In NumPy you do not need a loop: the matrix
# product with $W_1$ acts on the last axis of an `x` of any shape $(\dots, d_{model})$, so the same code
# handles a single token, a sequence $(n, d_{model})$ and a batch $(N, n, d_{model})$. Use your `gelu`.

# %% [markdown] lang="ko"
# ## 4. 위치별(position-wise) feed-forward network
#
# $$\operatorname{FFN}(x) = \operatorname{GELU}(x W_1 + b_1)\, W_2 + b_2$$
#
# 가운데에 GELU가 있는 선형 층 두 개입니다: $d_{model} \to d_{ff} \to d_{model}$, 보통 $d_{ff} = 4\, d_{model}$
# (예: $512 \to 2048 \to 512$). 필요한 이유(강의): attention은 value 벡터들을 가중치로 섞을 뿐이므로
# (가중치가 정해지면 선형 연산), FFN이 **비선형성**을 더하고, 넓은 가운데 층으로 블록 **용량**의 대부분을
# 담당합니다.
#
# **Position-wise(위치별)**란 같은 $W_1, b_1, W_2, b_2$를 모든 위치에 따로 적용한다는 뜻입니다. 토큰
# $i$의 출력은 토큰 $i$의 입력에만 의존합니다. NumPy에서는 반복문이 필요 없습니다. $W_1$과의 행렬곱은 어떤
# shape $(\dots, d_{model})$의 `x`든 마지막 축에 곱해지므로, 같은 코드로 토큰 하나, 시퀀스 $(n, d_{model})$,
# 배치 $(N, n, d_{model})$를 모두 처리합니다. 여러분의 `gelu`를 사용하세요.

# %% solution
def feed_forward(x, params):
    """
    [en]
    The position-wise feed-forward network: the same two-layer MLP at every position.
    [/]
    [ko]
    위치별 feed-forward network: 모든 위치에 같은 2층 MLP를 적용합니다.
    [/]

        FFN(x) = GELU(x W_1 + b_1) W_2 + b_2

    [en]
    Inputs:
    - x: array of shape (..., d_model)
    - params: dict with W_1 of shape (d_model, d_ff), b_1 of shape (d_ff,),
      W_2 of shape (d_ff, d_model), b_2 of shape (d_model,)

    Returns an array of shape (..., d_model).
    [/]
    [ko]
    입력:
    - x: shape (..., d_model)인 배열
    - params: W_1 (shape (d_model, d_ff)), b_1 (shape (d_ff,)),
      W_2 (shape (d_ff, d_model)), b_2 (shape (d_model,))를 담은 dict

    반환: shape (..., d_model)인 배열.
    [/]
    """
    ### BEGIN SOLUTION
    hidden = gelu(x @ params["W_1"] + params["b_1"])            # (..., d_ff)
    return hidden @ params["W_2"] + params["b_2"]
    ### END SOLUTION


# %% test="feed_forward" points=2

# %% [markdown] lang="en"
# ## 5. The encoder block: post-norm and pre-norm
#
# The lecture's data flow: input → attention (adds context) → residual 1 (input + context) → norm 1 →
# FFN (nonlinear transformation) → residual 2 → norm 2. Written out, with your functions and the
# provided `multi_head_attention` as MHA:
#
# **Post-norm** (the original Transformer, `norm_first=False`): normalise *after* each addition,
#
# $$x \leftarrow \operatorname{LN}_1\big(x + \operatorname{MHA}(x)\big), \qquad x \leftarrow \operatorname{LN}_2\big(x + \operatorname{FFN}(x)\big).$$
#
# **Pre-norm** (GPT-2/3, T5 and most modern models, `norm_first=True`): normalise the sublayer's
# *input*, and add to the un-normalised $x$,
#
# $$x \leftarrow x + \operatorname{MHA}\big(\operatorname{LN}_1(x)\big), \qquad x \leftarrow x + \operatorname{FFN}\big(\operatorname{LN}_2(x)\big).$$
#
# Here $\operatorname{MHA}(y)$ is **self**-attention: `multi_head_attention(y, y, params, n_heads, mask)`
# (queries, keys and values all from $y$), and the `mask` is passed on unchanged. $\operatorname{LN}_1$ uses
# `gamma_1, beta_1` and $\operatorname{LN}_2$ uses `gamma_2, beta_2`. Return the block's output and the
# attention weights, `(out, weights)`.
#
# **What the difference does.** In post-norm, every block ends with a layer norm: the output tokens
# always have mean 0 and variance 1 (with $\gamma = 1, \beta = 0$), but the residual path itself passes
# through a normalisation at every block. In pre-norm, the path $x \to x + \dots \to x + \dots$ is never
# normalised: the input reaches the output untouched, which the lecture credits with more stable
# training of large models and less need for learning-rate warm-up. Pre-norm models add one final
# layer norm after the last block (not part of this function).
#
# **Common mistakes:** forgetting a residual (returning $\operatorname{LN}(\operatorname{MHA}(x))$);
# the post-/pre-norm order swapped; in pre-norm, adding $\operatorname{LN}(x)$ instead of $x$ as the
# residual; using `gamma_1, beta_1` for both norms; adding the positional encoding inside the block (it
# is added once, to the embeddings, before the first block).

# %% [markdown] lang="ko"
# ## 5. 인코더 블록: post-norm과 pre-norm
#
# 강의의 데이터 흐름: 입력 → attention(문맥 정보 추가) → residual 1(원본 + 문맥) → norm 1 → FFN(비선형
# 변환) → residual 2 → norm 2. 여러분의 함수와 제공된 `multi_head_attention`(MHA)으로 쓰면 다음과 같습니다.
#
# **Post-norm** (원래 Transformer, `norm_first=False`): 더한 *다음에* 정규화합니다.
#
# $$x \leftarrow \operatorname{LN}_1\big(x + \operatorname{MHA}(x)\big), \qquad x \leftarrow \operatorname{LN}_2\big(x + \operatorname{FFN}(x)\big)$$
#
# **Pre-norm** (GPT-2/3, T5 등 요즘 대부분의 모델, `norm_first=True`): 서브레이어의 *입력*을 정규화하고,
# 정규화하지 않은 $x$에 더합니다.
#
# $$x \leftarrow x + \operatorname{MHA}\big(\operatorname{LN}_1(x)\big), \qquad x \leftarrow x + \operatorname{FFN}\big(\operatorname{LN}_2(x)\big)$$
#
# 여기서 $\operatorname{MHA}(y)$는 **self**-attention입니다: `multi_head_attention(y, y, params, n_heads, mask)`
# (query, key, value가 모두 $y$에서 나옴). `mask`는 그대로 전달합니다. $\operatorname{LN}_1$은
# `gamma_1, beta_1`을, $\operatorname{LN}_2$는 `gamma_2, beta_2`를 씁니다. 블록의 출력과 attention
# 가중치를 `(out, weights)`로 반환하세요.
#
# **차이가 하는 일.** post-norm에서는 모든 블록이 layer norm으로 끝나므로 출력 토큰은 항상 평균 0, 분산 1입니다
# ($\gamma = 1, \beta = 0$일 때). 대신 residual 경로 자체가 블록마다 정규화를 거칩니다. pre-norm에서는 경로
# $x \to x + \dots \to x + \dots$가 한 번도 정규화되지 않아서 입력이 그대로 출력까지 전달됩니다. 강의는 이 덕분에
# 큰 모델의 학습이 더 안정적이고 learning-rate warm-up이 덜 필요하다고 설명합니다. pre-norm 모델은 마지막 블록
# 뒤에 layer norm을 하나 더 둡니다 (이 함수에는 포함되지 않음).
#
# **자주 하는 실수:** residual 빠뜨리기 ($\operatorname{LN}(\operatorname{MHA}(x))$ 반환), post-norm과 pre-norm의
# 순서 바꾸기, pre-norm에서 residual로 $x$ 대신 $\operatorname{LN}(x)$를 더하기, 두 정규화 모두에
# `gamma_1, beta_1` 쓰기, 블록 안에서 positional encoding 더하기 (positional encoding은 첫 블록 전에 임베딩에
# 한 번만 더합니다).

# %% solution
def encoder_block(x, params, n_heads, mask=None, norm_first=False):
    """
    [en]
    One Transformer encoder block: multi-head self-attention and the FFN, each with a residual
    connection and layer normalization. No dropout.
    [/]
    [ko]
    Transformer 인코더 블록 하나: multi-head self-attention과 FFN, 각각 residual connection과
    layer normalization을 가집니다. dropout은 없습니다.
    [/]

        norm_first=False (post-norm):   x ← LN_1(x + MHA(x));   x ← LN_2(x + FFN(x))
        norm_first=True  (pre-norm):    x ← x + MHA(LN_1(x));   x ← x + FFN(LN_2(x))
        MHA(y) = multi_head_attention(y, y, params, n_heads, mask)        (self-attention)

    [en]
    Inputs:
    - x: input sequences, shape (N, n, d_model)
    - params: dict with the attention weights W_q, W_k, W_v, W_o (d_model, d_model) and optional
      biases b_q, b_k, b_v, b_o (d_model,); the FFN weights W_1 (d_model, d_ff), b_1 (d_ff,),
      W_2 (d_ff, d_model), b_2 (d_model,); and gamma_1, beta_1, gamma_2, beta_2 (d_model,)
    - n_heads: number of attention heads h
    - mask: None, or a boolean mask for the self-attention (True = may attend), as in
      multi_head_attention
    - norm_first: False for post-norm (the original), True for pre-norm

    Returns a tuple (out, weights):
    - out: shape (N, n, d_model)
    - weights: the self-attention weights, shape (N, h, n, n)
    [/]
    [ko]
    입력:
    - x: 입력 시퀀스, shape (N, n, d_model)
    - params: attention 가중치 W_q, W_k, W_v, W_o (d_model, d_model)와 선택적인 편향
      b_q, b_k, b_v, b_o (d_model,), FFN 가중치 W_1 (d_model, d_ff), b_1 (d_ff,),
      W_2 (d_ff, d_model), b_2 (d_model,), 그리고 gamma_1, beta_1, gamma_2, beta_2 (d_model,)를
      담은 dict
    - n_heads: attention head의 개수 h
    - mask: None, 또는 self-attention용 불리언 마스크 (True = attend 가능). multi_head_attention과 같음
    - norm_first: post-norm(원래 형태)이면 False, pre-norm이면 True

    반환: 튜플 (out, weights)
    - out: shape (N, n, d_model)
    - weights: self-attention 가중치, shape (N, h, n, n)
    [/]
    """
    ### BEGIN SOLUTION
    def self_attention(y):
        return multi_head_attention(y, y, params, n_heads, mask)

    def norm(y, i):
        return layer_norm(y, params[f"gamma_{i}"], params[f"beta_{i}"])

    if norm_first:
        attended, weights = self_attention(norm(x, 1))
        x = x + attended
        x = x + feed_forward(norm(x, 2), params)
    else:
        attended, weights = self_attention(x)
        x = norm(x + attended, 1)
        x = norm(x + feed_forward(x, params), 2)
    return x, weights
    ### END SOLUTION


# %% test="encoder_block" points=3

# %% [markdown] lang="en"
# ### 5.1 A stack of blocks: post-norm vs pre-norm
#
# Twenty-four blocks with random (untrained) weights, one after another, each block's output the next
# block's input, run with your `encoder_block` in both forms, and, for comparison, a post-norm stack
# **without** residual connections ($x \leftarrow \operatorname{LN}_1(\operatorname{MHA}(x))$,
# $x \leftarrow \operatorname{LN}_2(\operatorname{FFN}(x))$, built from your `layer_norm` and
# `feed_forward`). Left: the size of the token vectors after each block (root mean square of $x$).
# Right: how much of the input is still there, the cosine similarity between each token after block
# $l$ and the same token at the input. Look for:
#
# - post-norm keeps every block's output at mean 0, variance 1 (RMS 1), because every block ends with a
#   layer norm;
# - pre-norm's residual stream is never normalised: it grows from block to block, and the input stays
#   visible in it the longest, the untouched highway of section 1;
# - without residual connections the input is gone after the very first block.

# %% [markdown] lang="ko"
# ### 5.1 블록 쌓기: post-norm과 pre-norm
#
# 무작위(학습하지 않은) 가중치를 가진 블록 24개를 차례로 연결하고 (각 블록의 출력이 다음 블록의 입력),
# 여러분의 `encoder_block`으로 두 가지 형태를 모두 실행합니다. 비교를 위해 residual connection이 **없는**
# post-norm 스택($x \leftarrow \operatorname{LN}_1(\operatorname{MHA}(x))$,
# $x \leftarrow \operatorname{LN}_2(\operatorname{FFN}(x))$, 여러분의 `layer_norm`과 `feed_forward`로 만듦)도
# 실행합니다. 왼쪽: 각 블록 뒤 토큰 벡터의 크기 ($x$의 제곱 평균의 제곱근, RMS). 오른쪽: 입력이 얼마나
# 남아 있는지, 즉 블록 $l$ 뒤의 각 토큰과 입력에서의 같은 토큰 사이의 코사인 유사도. 다음을 확인해 보세요.
#
# - post-norm은 모든 블록이 layer norm으로 끝나므로 모든 블록의 출력을 평균 0, 분산 1(RMS 1)로 유지합니다.
# - pre-norm의 residual 경로는 한 번도 정규화되지 않습니다. 블록을 지날 때마다 커지고, 입력이 그 안에 가장
#   오래 남아 있습니다. 1절에서 본, 손대지 않은 고속도로입니다.
# - residual connection이 없으면 첫 블록만 지나도 입력이 사라집니다.

# %% picture
import matplotlib.pyplot as plt


def show_depth(blocks=24, n=10, d_model=32, d_ff=64, h=4, seed=0):
    rng = np.random.default_rng(seed)

    def random_block():
        p = {name: rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_model)) for name in ("W_q", "W_k", "W_v", "W_o")}
        p["W_1"], p["b_1"] = rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_ff)), np.zeros(d_ff)
        p["W_2"], p["b_2"] = rng.normal(0, 1 / np.sqrt(d_ff), (d_ff, d_model)), np.zeros(d_model)
        for i in "12":
            p["gamma_" + i], p["beta_" + i] = np.ones(d_model), np.zeros(d_model)
        return p

    stack = [random_block() for _ in range(blocks)]
    x0 = rng.normal(size=(1, n, d_model))

    def no_residual(x, p):
        attended, _ = multi_head_attention(x, x, p, h)
        x = layer_norm(attended, p["gamma_1"], p["beta_1"])
        return layer_norm(feed_forward(x, p), p["gamma_2"], p["beta_2"])

    # [en]
    text = {"none": "post-norm without residuals", "rms": "RMS of x", "size": "size of the token vectors",
            "both": "both post-norm stacks: RMS = 1", "cos": "cos(token after block l, same token at input)",
            "kept": "how much of the input is still there", "block": "block l"}
    # [/]
    # [ko]
    text = {"none": "residual 없는 post-norm", "rms": "x의 RMS", "size": "토큰 벡터의 크기",
            "both": "두 post-norm 스택 모두 RMS = 1", "cos": "cos(블록 l 뒤의 토큰, 입력의 같은 토큰)",
            "kept": "입력이 얼마나 남아 있는가", "block": "블록 l"}
    # [/]
    runs = {"post-norm (norm_first=False)": lambda x, p: encoder_block(x, p, h)[0],
            "pre-norm (norm_first=True)": lambda x, p: encoder_block(x, p, h, None, True)[0],
            text["none"]: no_residual}
    styles = [("tab:blue", "o-"), ("tab:orange", "o-"), ("tab:gray", "s--")]
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    for (label, block), (color, style) in zip(runs.items(), styles):
        x, rms, kept = x0, [np.sqrt(np.mean(x0 ** 2))], [1.0]
        for p in stack:
            x = np.asarray(block(x, p), dtype=float)
            rms.append(np.sqrt(np.mean(x ** 2)))
            cos = np.sum(x * x0, axis=-1) / (np.linalg.norm(x, axis=-1) * np.linalg.norm(x0, axis=-1))
            kept.append(cos.mean())
        axes[0].plot(rms, style, ms=3, color=color, label=label)
        axes[1].plot(kept, style, ms=3, color=color, label=label)
    axes[0].set_ylabel(text["rms"])
    axes[0].set_title(text["size"])
    axes[0].text(blocks / 2, 1.12, text["both"], ha="center", fontsize=8, color="tab:blue")
    axes[1].set_ylabel(text["cos"])
    axes[1].set_title(text["kept"])
    axes[1].axhline(0, color="lightgray", lw=0.8)
    for ax in axes:
        ax.set_xlabel(text["block"])
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    plt.show()


try:
    show_depth()
except NotImplementedError:
    plt.close("all")
    # [en]
    print("No picture yet: it appears once layer_norm, gelu, feed_forward and encoder_block are implemented.")
    # [/]
    # [ko]
    print("아직 그림이 없습니다: layer_norm, gelu, feed_forward, encoder_block을 구현하면 나타납니다.")
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
# ## 6. What you built, and how it is graded
#
# - A residual connection $y = x + F(x)$ gives the gradient a highway: $\partial y / \partial x = I + \partial F / \partial x$.
# - Layer norm normalises each token over its own features (biased variance, $\varepsilon$ inside the
#   square root); batch norm would normalise each feature over the batch.
# - The FFN, $\operatorname{GELU}(x W_1 + b_1) W_2 + b_2$, adds nonlinearity and capacity, position by position.
# - The encoder block combines them around multi-head self-attention: post-norm
#   $x = \operatorname{LN}(x + \operatorname{Sublayer}(x))$, or pre-norm $x = x + \operatorname{Sublayer}(\operatorname{LN}(x))$.
#
# **The lecture's checklist**, answered here: the role of residual connections (section 1), layer norm
# vs batch norm (section 2), pre-norm vs post-norm (section 5).
#
# **The lecture's common mistakes across the three assignments:** forgetting the positional encoding
# (the model ignores order), $d_{model}$ not divisible by $n_{heads}$, a missing $1/\sqrt{d_k}$, the softmax
# over the wrong axis; and from this notebook, the unbiased variance in layer norm and a missing residual.
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use small examples you can verify by hand (layer norm of
#   $[1, 2, 3, 4]$, $\operatorname{GELU}(1) = \Phi(1)$, blocks whose sublayers are switched off) and
#   properties. They catch the common mistakes but do not prove your code right.
# - At grading time, hidden checks call your functions on fresh random inputs (all sizes different,
#   $\gamma \ne 1$, $\beta \ne 0$, nonzero biases, with and without masks, both norm orders) and compare
#   the results with the lecture's formulas. A test cell's points are split over its checks, so partly
#   working code earns partial credit.
# - Your feedback lists every check and names a likely mistake when it recognises one.
# - Only the code in your function cells (and the provided cell) runs at grading, so keep any helper
#   functions inside your function cells.

# %% [markdown] lang="ko"
# ## 6. 정리와 채점 방식
#
# - residual connection $y = x + F(x)$는 기울기에 고속도로를 줍니다: $\partial y / \partial x = I + \partial F / \partial x$.
# - layer norm은 각 토큰을 자기 feature들에 대해 정규화합니다 ($d$로 나누는 분산(biased), 제곱근 안의 $\varepsilon$). batch
#   norm이라면 각 feature를 배치에 대해 정규화할 것입니다.
# - FFN $\operatorname{GELU}(x W_1 + b_1) W_2 + b_2$는 위치마다 비선형성과 용량을 더합니다.
# - 인코더 블록은 multi-head self-attention을 중심으로 이들을 결합합니다: post-norm
#   $x = \operatorname{LN}(x + \operatorname{Sublayer}(x))$, 또는 pre-norm $x = x + \operatorname{Sublayer}(\operatorname{LN}(x))$.
#
# **강의의 학습 점검**과 이 노트북의 답: Residual Connection의 역할 (1절), Layer Normalization과 Batch
# Normalization (2절), Pre-Norm과 Post-Norm의 차이 (5절).
#
# **세 과제에 걸친 강의의 자주 하는 실수:** positional encoding 빠뜨리기 (모델이 순서를 무시함),
# $n_{heads}$로 나누어떨어지지 않는 $d_{model}$, $1/\sqrt{d_k}$ 누락, 잘못된 축의 softmax, 그리고 이
# 노트북에서는 layer norm의 불편 분산과 빠뜨린 residual.
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 작은 예제($[1, 2, 3, 4]$의 layer norm,
#   $\operatorname{GELU}(1) = \Phi(1)$, 서브레이어를 꺼 둔 블록)와 성질을 사용합니다. 흔한 실수는 잡아내지만,
#   코드가 옳다는 것을 증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 매번 새로 만든 무작위 입력(크기가 모두 다르고, $\gamma \ne 1$, $\beta \ne 0$,
#   편향이 0이 아니며, 마스크가 있거나 없고, 두 가지 정규화 순서 모두)으로 함수를 호출해 강의 수식의 결과와
#   비교합니다. 테스트 셀의 점수는 그 셀의 검사들에 나누어 배정되므로, 일부만 맞아도 부분 점수를 받습니다.
# - 피드백에는 모든 검사 결과가 나오고, 알려진 실수를 알아보면 그 실수를 짚어 줍니다.
# - 채점 때는 함수 셀(과 제공된 셀)의 코드만 실행되므로, 보조 함수는 반드시 함수 셀 안에 두세요.
