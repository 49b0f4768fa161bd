# %% [markdown] lang="en"
# # Recurrent networks: RNN → LSTM → GRU
#
# In this assignment you build the two gated recurrent cells of the lecture, the **LSTM** and the
# **GRU**, in NumPy, one formula at a time. Each function comes with the idea it implements, its
# formula in the lecture's notation, a cell for your code and a self-check. At the end of each part
# a picture runs *your* functions on a toy sequence, so you can watch the gates at work.
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(sigmoid)` prints ✓ when your function passes its self-checks,
#   or ✗ with what is off.
# - NumPy is all you need. A function may call the ones you wrote above it (e.g. `lstm_step` may use
#   `lstm_gates`); helper functions you add must go inside a function cell.
#
# **Array conventions.** The lecture writes a weight in front of a column vector, $W_{xf}\, x_t$.
# In code we process a batch of $N$ examples at once and store each example as a **row**: $x_t$ has
# shape $(N, D)$ and $h_{t-1}$ has shape $(N, H)$. So the weights multiply **from the right**:
# $x_t W_{xf}$, with $W_{x*}$ of shape $(D, H)$, $W_{h*}$ of shape $(H, H)$ and biases $b_*$ of
# shape $(H,)$, added to every row. It is the same model written for rows, and all formulas below
# use this layout. Sequences are batch-first, $(N, T, D)$. $\odot$ is elementwise multiplication
# (`*` in NumPy), $x_t W$ is a matrix product (`@`).

# %% [markdown] lang="ko"
# # 순환 신경망: RNN → LSTM → GRU
#
# 이번 과제에서는 강의에서 배운 두 가지 게이트 기반 순환 셀, **LSTM**과 **GRU**를 NumPy로 수식
# 하나씩 직접 구현합니다. 함수마다 그 함수가 구현하는 아이디어, 강의 표기법의 수식, 코드를 작성할 셀,
# 자가 점검이 준비되어 있습니다. 각 파트의 끝에서는 *여러분이 작성한* 함수로 간단한 예제 시퀀스를
# 처리해서, 게이트가 실제로 어떻게 동작하는지 그림으로 확인합니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(sigmoid)`는 자가 점검을 통과하면 ✓를, 통과하지 못하면
#   무엇이 틀렸는지 ✗와 함께 알려 줍니다.
# - NumPy만 있으면 됩니다. 위에서 작성한 함수를 불러 써도 됩니다 (예: `lstm_step`에서 `lstm_gates`
#   호출). 보조 함수를 만든다면 반드시 함수 셀 안에 두세요.
#
# **배열 표기 규칙.** 강의에서는 가중치를 열 벡터 앞에 곱해 $W_{xf}\, x_t$로 씁니다. 코드에서는
# $N$개의 예제(배치)를 한 번에 처리하고 각 예제를 **행**(row)으로 저장합니다. $x_t$의 shape은
# $(N, D)$, $h_{t-1}$의 shape은 $(N, H)$입니다. 그래서 가중치는 **오른쪽에서** 곱합니다:
# $x_t W_{xf}$이고, $W_{x*}$의 shape은 $(D, H)$, $W_{h*}$는 $(H, H)$, 편향 $b_*$는 $(H,)$이며 편향은
# 모든 행에 더해집니다. 같은 모델을 행 벡터로 쓴 것일 뿐이고, 아래의 모든 수식은 이 표기를 따릅니다.
# 시퀀스는 batch-first, 즉 $(N, T, D)$입니다. $\odot$는 요소별 곱(NumPy의 `*`), $x_t W$는 행렬곱(`@`)
# 입니다.

# %% setup
import numpy as np
from selfcheck import check, check_all, grade, use_language
use_language("en")  # seqlab: release language


# %% [markdown] lang="en"
# ## 1. Why a plain RNN forgets
#
# A recurrent network reads a sequence one step at a time and carries what it has seen in its
# **hidden state** $h_t$. The lecture's plain RNN:
#
# $$h_t = f(W_{xh}\, x_t + W_{hh}\, h_{t-1}), \qquad y_t = g(W_{hy}\, h_t)$$
#
# In our row layout, with $f = \tanh$: $\;h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$.
#
# The same weights are used at every step. Training unrolls the network along time and
# backpropagates through every step (**BPTT**, backpropagation through time). The gradient that
# reaches an early step $t-k$ from the loss at step $t$ is a product of $k$ factors, one per step:
#
# $$\frac{\partial h_t}{\partial h_{t-k}} = \prod_{s=t-k+1}^{t} \frac{\partial h_s}{\partial h_{s-1}},
# \qquad \frac{\partial h_s}{\partial h_{s-1}} = \operatorname{diag}\!\big(\tanh'(a_s)\big)\, W_{hh}^{\top},
# \qquad 0 < \tanh' \le 1,$$
#
# where $a_s = x_s W_{xh} + h_{s-1} W_{hh} + b_h$. Multiplying by the same $W_{hh}$ (and by tanh
# slopes of at most 1) $k$ times makes the product shrink or grow **exponentially** in $k$. The
# gradient **vanishes**, and the network cannot learn that step $t$ depends on something long ago,
# or it **explodes**, and training becomes unstable. In the assignment on backpropagation through
# time (`bptt`) you compute these gradients and draw them with your own functions.
#
# The lecture's remedy is **gates**: instead of overwriting its state at every step, the network
# decides, per step and per unit, how much to keep, how much to write and how much to show.

# %% [markdown] lang="ko"
# ## 1. 기본 RNN은 왜 잊어버릴까
#
# 순환 신경망은 시퀀스를 한 시점씩 읽으면서, 지금까지 본 정보를 **은닉 상태(hidden state)** $h_t$에
# 담아 다음 시점으로 전달합니다. 강의의 기본 RNN은 다음과 같습니다.
#
# $$h_t = f(W_{xh}\, x_t + W_{hh}\, h_{t-1}), \qquad y_t = g(W_{hy}\, h_t)$$
#
# 행 벡터 표기로 $f = \tanh$를 쓰면 $\;h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$입니다.
#
# 모든 시점에서 같은 가중치를 씁니다. 학습할 때는 네트워크를 시간 축을 따라 펼친 뒤 모든 시점을
# 거슬러 역전파합니다(**BPTT**, Backpropagation Through Time). 시점 $t$의 손실에서 앞쪽 시점
# $t-k$까지 전달되는 기울기는 시점마다 하나씩, 모두 $k$개 항의 곱입니다.
#
# $$\frac{\partial h_t}{\partial h_{t-k}} = \prod_{s=t-k+1}^{t} \frac{\partial h_s}{\partial h_{s-1}},
# \qquad \frac{\partial h_s}{\partial h_{s-1}} = \operatorname{diag}\!\big(\tanh'(a_s)\big)\, W_{hh}^{\top},
# \qquad 0 < \tanh' \le 1$$
#
# 여기서 $a_s = x_s W_{xh} + h_{s-1} W_{hh} + b_h$입니다. 같은 $W_{hh}$(그리고 1 이하인 tanh의
# 기울기)를 $k$번 곱하면, 그 곱은 $k$에 대해 **지수적으로** 작아지거나 커집니다. 기울기가 사라지면
# (**기울기 소실**, vanishing gradient) 먼 과거의 정보가 현재에 영향을 준다는 것을 학습할 수 없고,
# 커지면(**기울기 폭발**, exploding gradient) 학습이 불안정해집니다. BPTT 과제(`bptt`)에서 이
# 기울기를 직접 계산하고 여러분의 함수로 그려 봅니다.
#
# 강의의 해결책은 **게이트**(gate)입니다. 매 시점 상태를 통째로 덮어쓰는 대신, 얼마나 유지하고
# 얼마나 새로 쓰고 얼마나 내보낼지를 시점마다, 유닛마다 네트워크가 스스로 결정하게 합니다.

# %% [markdown] lang="en"
# ## 2. Gates are valves: the sigmoid
#
# A gate is a vector of numbers between 0 and 1 that multiplies another vector elementwise: 0 shuts
# that unit's flow, 1 lets it through unchanged, and values in between let a fraction through. The
# lecture builds every gate with the sigmoid σ, which squashes any real number into $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma(0) = \tfrac12, \qquad \sigma(-x) = 1 - \sigma(x).$$
#
# **Numerics.** Written literally, `1 / (1 + np.exp(-x))` overflows for a large negative `x`:
# $e^{1000}$ is larger than any float, and NumPy prints a warning. Use the equivalent form that
# never exponentiates a large positive number:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}} \;\; (x \ge 0), \qquad \sigma(x) = \frac{e^{x}}{1 + e^{x}} \;\; (x < 0).$$
#
# Careful: `np.where(cond, a, b)` computes both `a` and `b` for *every* element before choosing, so
# each branch must be safe on all inputs. (Both forms can be written with $e^{-|x|}$, which never
# exceeds 1.)

# %% [markdown] lang="ko"
# ## 2. 게이트는 밸브다: sigmoid
#
# 게이트는 0과 1 사이의 숫자로 이루어진 벡터이고, 다른 벡터에 요소별로 곱해집니다. 0이면 그 유닛의
# 흐름을 막고, 1이면 그대로 통과시키며, 그 사이 값이면 일부만 통과시킵니다. 강의에서는 모든 게이트를
# sigmoid 함수 σ로 만듭니다. σ는 어떤 실수든 $(0, 1)$ 범위로 눌러 줍니다.
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma(0) = \tfrac12, \qquad \sigma(-x) = 1 - \sigma(x)$$
#
# **수치 안정성.** 수식을 그대로 옮긴 `1 / (1 + np.exp(-x))`는 `x`가 큰 음수일 때 overflow가
# 일어납니다. $e^{1000}$은 어떤 float보다도 크고, NumPy는 경고를 출력합니다. 큰 양수를 지수에 넣지
# 않는, 수학적으로 같은 형태를 쓰세요.
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}} \;\; (x \ge 0), \qquad \sigma(x) = \frac{e^{x}}{1 + e^{x}} \;\; (x < 0)$$
#
# 주의: `np.where(cond, a, b)`는 값을 고르기 전에 *모든* 원소에 대해 `a`와 `b`를 둘 다 계산합니다.
# 따라서 두 분기 모두 모든 입력에서 안전해야 합니다. (두 형태 모두 1을 넘지 않는 $e^{-|x|}$로 쓸 수
# 있습니다.)

# %% solution
def sigmoid(x):
    """
    [en]
    Elementwise sigmoid, numerically stable for large |x|.
    [/]
    [ko]
    요소별 sigmoid 함수. |x|가 커도 수치적으로 안정적이어야 합니다.
    [/]

        σ(x) = 1 / (1 + e^(−x))     for x ≥ 0
        σ(x) = e^x / (1 + e^x)      for x < 0

    [en]
    Inputs:
    - x: array of any shape

    Returns:
    - an array of the same shape as x, values in (0, 1), computed without overflow
      warnings (also for x = ±1000)
    [/]
    [ko]
    입력:
    - x: 임의의 shape을 가진 배열

    반환:
    - x와 같은 shape의 배열. 값은 (0, 1) 범위이며, overflow 경고 없이 계산해야 합니다
      (x = ±1000에서도)
    [/]
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


# %% test="sigmoid" points=1

# %% [markdown] lang="en"
# ## 3. LSTM: a memory conveyor with three valves
#
# The LSTM (Long Short-Term Memory) eases the long-term dependency problem by keeping a second state
# next to $h_t$: the **cell state** $C_t$, a memory that runs along the sequence like a conveyor
# belt. Three gates, each a sigmoid between 0 and 1, control it:
#
# | gate | formula (row layout) | role |
# | --- | --- | --- |
# | forget $f_t$ | $\sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f)$ | how much of the past memory $C_{t-1}$ to keep |
# | input $i_t$ | $\sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i)$ | how much of the new candidate to write |
# | output $o_t$ | $\sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o)$ | how much of the memory to show in $h_t$ |
#
# and a **candidate cell state** $g_t = \tilde C_t = \tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g)$, the
# new content, in $(-1, 1)$. One step then reads:
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t, \qquad h_t = o_t \odot \tanh(C_t).$$
#
# Why this helps: the memory is updated by **addition**, not by pushing it through a matrix and a
# tanh at every step. Along the conveyor, $\partial C_t / \partial C_{t-1} = f_t$ (elementwise, on
# the direct path): while the forget gate stays near 1, the information, and its gradient in BPTT,
# passes many steps almost unchanged.
#
# You build it piece by piece: `lstm_gates`, `lstm_candidate`, `lstm_cell_update`, `lstm_hidden`,
# then `lstm_step` and `lstm_forward`.

# %% [markdown] lang="ko"
# ## 3. LSTM: 밸브 세 개가 달린 기억의 컨베이어 벨트
#
# LSTM(Long Short-Term Memory)은 $h_t$ 옆에 상태를 하나 더 두어 장기 의존성 문제를 완화합니다. 바로
# **셀 상태(cell state)** $C_t$로, 시퀀스를 따라 컨베이어 벨트처럼 흘러가는 기억입니다. 0과 1 사이의
# sigmoid 값인 세 개의 게이트가 이 기억을 조절합니다.
#
# | 게이트 | 수식 (행 벡터 표기) | 역할 |
# | --- | --- | --- |
# | forget $f_t$ | $\sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f)$ | 과거의 기억 $C_{t-1}$을 얼마나 유지할지 |
# | input $i_t$ | $\sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i)$ | 새 후보 값을 얼마나 기록할지 |
# | output $o_t$ | $\sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o)$ | 기억을 $h_t$로 얼마나 내보낼지 |
#
# 여기에 새 정보인 **후보 셀 상태** $g_t = \tilde C_t = \tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g)$가
# 더해지며, 값은 $(-1, 1)$ 범위입니다. 한 시점의 계산은 다음과 같습니다.
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t, \qquad h_t = o_t \odot \tanh(C_t)$$
#
# 이것이 도움이 되는 이유: 기억이 매 시점 행렬과 tanh를 통과하지 않고 **덧셈**으로 갱신됩니다.
# 컨베이어 벨트를 따라가는 직접 경로에서 $\partial C_t / \partial C_{t-1} = f_t$(요소별)이므로,
# forget gate가 1에 가까운 동안에는 정보와, BPTT에서의 그 기울기가 여러 시점을 거의 그대로
# 통과합니다.
#
# `lstm_gates`, `lstm_candidate`, `lstm_cell_update`, `lstm_hidden`을 차례로 만든 다음
# `lstm_step`과 `lstm_forward`로 조립합니다.

# %% [markdown] lang="en"
# ### 3.1 The three gates
#
# All three gates have the same form, an affine map of $x_t$ and $h_{t-1}$ followed by σ, each with
# its **own** weights and bias:
#
# $$f_t = \sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f), \quad
# i_t = \sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i), \quad
# o_t = \sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o)$$
#
# Return them in the order $(f_t, i_t, o_t)$. (PyTorch stacks its LSTM weights in another order,
# $i, f, g, o$; here every gate has its own named weights, as in the lecture.)

# %% [markdown] lang="ko"
# ### 3.1 세 개의 게이트
#
# 세 게이트는 모두 같은 형태입니다. $x_t$와 $h_{t-1}$의 아핀 변환 뒤에 σ를 적용하며, 각자 **자기**
# 가중치와 편향을 씁니다.
#
# $$f_t = \sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f), \quad
# i_t = \sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i), \quad
# o_t = \sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o)$$
#
# $(f_t, i_t, o_t)$ 순서로 반환하세요. (PyTorch는 LSTM 가중치를 $i, f, g, o$라는 다른 순서로 쌓아
# 둡니다. 여기서는 강의처럼 게이트마다 이름이 붙은 가중치를 따로 씁니다.)

# %% solution
def lstm_gates(x_t, h_prev, params):
    """
    [en]
    The forget, input and output gates of one LSTM step.
    [/]
    [ko]
    LSTM 한 시점의 forget, input, output 게이트.
    [/]

        f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)
        i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)
        o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - params: dict with W_xf, W_xi, W_xo of shape (D, H), W_hf, W_hi, W_ho of shape (H, H)
      and b_f, b_i, b_o of shape (H,)

    Returns a tuple (f_t, i_t, o_t), each of shape (N, H).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - params: W_xf, W_xi, W_xo (shape (D, H)), W_hf, W_hi, W_ho (shape (H, H)),
      b_f, b_i, b_o (shape (H,))를 담은 dict

    반환: 튜플 (f_t, i_t, o_t), 각각 shape (N, H).
    [/]
    """
    ### BEGIN SOLUTION
    f_t = sigmoid(x_t @ params["W_xf"] + h_prev @ params["W_hf"] + params["b_f"])
    i_t = sigmoid(x_t @ params["W_xi"] + h_prev @ params["W_hi"] + params["b_i"])
    o_t = sigmoid(x_t @ params["W_xo"] + h_prev @ params["W_ho"] + params["b_o"])
    return f_t, i_t, o_t
    ### END SOLUTION


# %% test="lstm_gates" points=2

# %% [markdown] lang="en"
# ### 3.2 The candidate cell state $\tilde C_t$
#
# The candidate is *what* could be written into the memory. It has the same affine form, but goes
# through **tanh**, so it lies in $(-1, 1)$ and can push the memory down as well as up. It is not a
# gate: a gate only says *how much*.
#
# $$g_t = \tilde C_t = \tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g)$$

# %% [markdown] lang="ko"
# ### 3.2 후보 셀 상태 $\tilde C_t$
#
# 후보 값은 기억에 *무엇을* 기록할 수 있는지를 나타냅니다. 아핀 변환의 형태는 같지만 **tanh**를
# 통과하므로 $(-1, 1)$ 범위에 있고, 기억을 올릴 수도 내릴 수도 있습니다. 후보 값은 게이트가
# 아닙니다. 게이트는 *얼마나*만 정합니다.
#
# $$g_t = \tilde C_t = \tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g)$$

# %% solution
def lstm_candidate(x_t, h_prev, params):
    """
    [en]
    The candidate cell state g_t = C̃_t of one LSTM step: the new content that may be written.
    [/]
    [ko]
    LSTM 한 시점의 후보 셀 상태 g_t = C̃_t: 기억에 기록될 수 있는 새 정보.
    [/]

        g_t = C̃_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - params: dict with W_xg of shape (D, H), W_hg of shape (H, H), b_g of shape (H,)

    Returns g_t, shape (N, H), values in (−1, 1).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - params: W_xg (shape (D, H)), W_hg (shape (H, H)), b_g (shape (H,))를 담은 dict

    반환: g_t, shape (N, H), 값은 (−1, 1) 범위.
    [/]
    """
    ### BEGIN SOLUTION
    return np.tanh(x_t @ params["W_xg"] + h_prev @ params["W_hg"] + params["b_g"])
    ### END SOLUTION


# %% test="lstm_candidate" points=1

# %% [markdown] lang="en"
# ### 3.3 Updating the cell state
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$$
#
# In the lecture's words: the **forget gate controls the past** (it scales the old memory
# $C_{t-1}$) and the **input gate controls the present** (it scales the new candidate $\tilde C_t$).
# A gate value of 0 erases; a value above 0, up to 1, keeps the information. With $f_t = 1,\ i_t = 0$
# the memory passes unchanged; with $f_t = 0,\ i_t = 1$ it is replaced by the candidate.
#
# Return a new array and leave the inputs as they are: the caller may still need $C_{t-1}$.

# %% [markdown] lang="ko"
# ### 3.3 셀 상태 업데이트
#
# $$C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$$
#
# 강의의 표현대로, **forget gate는 과거의 정보를 컨트롤하고**(이전 기억 $C_{t-1}$에 곱해짐),
# **input gate는 현재의 정보를 컨트롤합니다**(새 후보 $\tilde C_t$에 곱해짐). 게이트 값이 0이면 값을
# 지우고, 0보다 크고 1 이하인 값이면 정보를 기억합니다. $f_t = 1,\ i_t = 0$이면 기억이 그대로
# 전달되고, $f_t = 0,\ i_t = 1$이면 기억이 후보 값으로 바뀝니다.
#
# 새 배열을 반환하고 입력은 바꾸지 마세요. 호출한 쪽에서 $C_{t-1}$이 아직 필요할 수 있습니다.

# %% solution
def lstm_cell_update(c_prev, f_t, i_t, g_t):
    """
    [en]
    The new cell state: keep part of the old memory, write part of the candidate.
    [/]
    [ko]
    새 셀 상태: 이전 기억의 일부를 유지하고 후보 값의 일부를 기록합니다.
    [/]

        C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t

    [en]
    Inputs (all of shape (N, H)):
    - c_prev: previous cell state C_{t-1}
    - f_t, i_t: forget and input gates
    - g_t: candidate cell state C̃_t

    Returns C_t, shape (N, H), as a new array (the inputs stay unchanged).
    [/]
    [ko]
    입력 (모두 shape (N, H)):
    - c_prev: 이전 셀 상태 C_{t-1}
    - f_t, i_t: forget gate와 input gate
    - g_t: 후보 셀 상태 C̃_t

    반환: C_t, shape (N, H), 새 배열로 (입력은 바꾸지 않습니다).
    [/]
    """
    ### BEGIN SOLUTION
    return f_t * c_prev + i_t * g_t
    ### END SOLUTION


# %% test="lstm_cell_update" points=1

# %% [markdown] lang="en"
# ### 3.4 The hidden state: what the cell shows
#
# $$h_t = o_t \odot \tanh(C_t)$$
#
# The cell state may grow beyond $[-1, 1]$ because it accumulates. tanh brings it back into range,
# and the output gate chooses how much of it becomes the hidden state $h_t$, the part that the next
# step and the layers above get to see. The tanh goes on $C_t$ only.

# %% [markdown] lang="ko"
# ### 3.4 은닉 상태: 셀이 내보내는 것
#
# $$h_t = o_t \odot \tanh(C_t)$$
#
# 셀 상태는 값이 누적되므로 $[-1, 1]$ 밖으로 커질 수 있습니다. tanh로 다시 범위 안으로 가져온 뒤,
# output gate가 그중 얼마만큼을 은닉 상태 $h_t$로 내보낼지 정합니다. $h_t$는 다음 시점과 위쪽 층이
# 보게 되는 부분입니다. tanh는 $C_t$에만 적용합니다.

# %% solution
def lstm_hidden(o_t, c_t):
    """
    [en]
    The new hidden state: the part of the memory that the output gate lets out.
    [/]
    [ko]
    새 은닉 상태: 기억 중에서 output gate가 내보내는 부분.
    [/]

        h_t = o_t ⊙ tanh(C_t)

    [en]
    Inputs:
    - o_t: output gate, shape (N, H)
    - c_t: cell state C_t, shape (N, H)

    Returns h_t, shape (N, H).
    [/]
    [ko]
    입력:
    - o_t: output gate, shape (N, H)
    - c_t: 셀 상태 C_t, shape (N, H)

    반환: h_t, shape (N, H).
    [/]
    """
    ### BEGIN SOLUTION
    return o_t * np.tanh(c_t)
    ### END SOLUTION


# %% test="lstm_hidden" points=1

# %% [markdown] lang="en"
# ### 3.5 One LSTM step
#
# Put the pieces together, in the lecture's order: from $x_t$, $h_{t-1}$ and $C_{t-1}$ compute
# (1) the gates $f_t, i_t, o_t$, (2) the candidate $\tilde C_t$ and the new cell state $C_t$,
# (3) the new hidden state $h_t$. Return $(h_t, C_t)$, in this order. Call your functions above.

# %% [markdown] lang="ko"
# ### 3.5 LSTM 한 시점
#
# 강의의 순서대로 조립합니다. $x_t$, $h_{t-1}$, $C_{t-1}$로부터 (1) 게이트 $f_t, i_t, o_t$를 계산하고,
# (2) 후보 $\tilde C_t$와 새 셀 상태 $C_t$를 구한 뒤, (3) 새 은닉 상태 $h_t$를 구합니다.
# $(h_t, C_t)$를 이 순서로 반환하세요. 위에서 작성한 함수들을 호출하면 됩니다.

# %% solution
def lstm_step(x_t, h_prev, c_prev, params):
    """
    [en]
    One LSTM time step: gates, candidate, cell state, hidden state.
    [/]
    [ko]
    LSTM 한 시점: 게이트, 후보 값, 셀 상태, 은닉 상태.
    [/]

        f_t, i_t, o_t = gates;   C̃_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)
        C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
        h_t = o_t ⊙ tanh(C_t)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev, c_prev: previous hidden and cell states h_{t-1}, C_{t-1}, each of shape (N, H)
    - params: dict with the weights of all four parts (keys W_x*, W_h*, b_* for * in f, i, o, g)

    Returns a tuple (h_t, c_t), each of shape (N, H).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev, c_prev: 이전 은닉 상태 h_{t-1}와 셀 상태 C_{t-1}, 각각 shape (N, H)
    - params: 네 부분의 가중치를 모두 담은 dict (* = f, i, o, g에 대해 키 W_x*, W_h*, b_*)

    반환: 튜플 (h_t, c_t), 각각 shape (N, H).
    [/]
    """
    ### BEGIN SOLUTION
    f_t, i_t, o_t = lstm_gates(x_t, h_prev, params)
    g_t = lstm_candidate(x_t, h_prev, params)
    c_t = lstm_cell_update(c_prev, f_t, i_t, g_t)
    h_t = lstm_hidden(o_t, c_t)
    return h_t, c_t
    ### END SOLUTION


# %% test="lstm_step" points=2

# %% [markdown] lang="en"
# ### 3.6 Running over a sequence
#
# `x` holds a batch of whole sequences, shape $(N, T, D)$. Start from the given $(h_0, C_0)$ and
# apply `lstm_step` at every time step in order (the input of step $t$ is `x[:, t]`), feeding each
# step's $(h_t, C_t)$ into the next. The same weights are used at every step. Return all hidden
# states stacked along the time axis as `hs`, shape $(N, T, H)$ (batch first), and the final
# $(h_T, C_T)$.

# %% [markdown] lang="ko"
# ### 3.6 시퀀스 전체 처리
#
# `x`는 시퀀스 전체를 담은 배치로, shape이 $(N, T, D)$입니다. 주어진 $(h_0, C_0)$에서 시작해
# 모든 시점에 차례로 `lstm_step`을 적용하고 (시점 $t$의 입력은 `x[:, t]`), 각 시점의
# $(h_t, C_t)$를 다음 시점에 넘기세요. 모든 시점에서 같은 가중치를 씁니다. 모든 은닉 상태를 시간 축을
# 따라 쌓은 `hs`(shape $(N, T, H)$, batch-first)와 마지막 상태 $(h_T, C_T)$를 반환합니다.

# %% solution
def lstm_forward(x, h0, c0, params):
    """
    [en]
    Run the LSTM over whole sequences, starting from the given initial states.
    [/]
    [ko]
    주어진 초기 상태에서 시작해 시퀀스 전체에 LSTM을 적용합니다.
    [/]

        (h_t, C_t) = lstm_step(x_t, h_{t-1}, C_{t-1})   for t = 1, …, T

    [en]
    Inputs:
    - x: input sequences, shape (N, T, D)
    - h0, c0: initial hidden and cell states, each of shape (N, H)
    - params: dict of LSTM weights, as for lstm_step

    Returns a tuple (hs, (h_T, c_T)):
    - hs: all hidden states h_1 … h_T, shape (N, T, H)
    - h_T, c_T: the states after the last step, each of shape (N, H)
    [/]
    [ko]
    입력:
    - x: 입력 시퀀스, shape (N, T, D)
    - h0, c0: 초기 은닉 상태와 셀 상태, 각각 shape (N, H)
    - params: lstm_step과 같은 LSTM 가중치 dict

    반환: 튜플 (hs, (h_T, c_T))
    - hs: 모든 은닉 상태 h_1 … h_T, shape (N, T, H)
    - h_T, c_T: 마지막 시점 이후의 상태, 각각 shape (N, H)
    [/]
    """
    ### BEGIN SOLUTION
    h_t, c_t = h0, c0
    hs = []
    for t in range(x.shape[1]):
        h_t, c_t = lstm_step(x[:, t, :], h_t, c_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), (h_t, c_t)
    ### END SOLUTION


# %% test="lstm_forward" points=2

# %% [markdown] lang="en"
# ### 3.7 Watch the gates
#
# A toy task with hand-set weights (no training) and one memory unit. The input has three channels:
# `x[0]` a noisy **value**, `x[1]` a **write** cue (at steps 6 and 25) and `x[2]` a **read** cue.
# The weights make the input gate open on the write cue (while the forget gate closes, to overwrite
# the old value) and the output gate open on the read cue. The cell below runs your `lstm_forward`
# and `lstm_step` (and `lstm_gates` for the gate curves). Look for:
#
# - between writes, $f_t \approx 1$ and $i_t \approx 0$, so $C_t$ stays flat although the value
#   channel is noisy: the conveyor belt;
# - $h_t$ shows the memory only while the read cue is on: the output gate decides what is visible;
# - a plain RNN fed the same values (dashed) has no valves: noise leaks in at every step and the
#   stored value is soon lost.

# %% [markdown] lang="ko"
# ### 3.7 게이트 동작 보기
#
# 가중치를 손으로 정한(학습하지 않은) 기억 유닛 하나짜리 예제입니다. 입력 채널은 세 개입니다.
# `x[0]`은 잡음이 섞인 **값**, `x[1]`은 **쓰기** 신호(6번째와 25번째 시점), `x[2]`는 **읽기**
# 신호입니다. 쓰기 신호가 오면 input gate가 열리고(이전 값을 덮어쓰도록 forget gate는 닫힘), 읽기
# 신호가 오면 output gate가 열리도록 가중치를 정했습니다. 아래 셀은 여러분의 `lstm_forward`와
# `lstm_step`(게이트 곡선에는 `lstm_gates`)을 실행합니다. 다음을 확인해 보세요.
#
# - 쓰기 신호 사이에서는 $f_t \approx 1$, $i_t \approx 0$이어서, 값 채널에 잡음이 있어도 $C_t$가
#   평평하게 유지됩니다. 바로 컨베이어 벨트입니다.
# - $h_t$는 읽기 신호가 켜져 있는 동안에만 기억을 보여 줍니다. 무엇을 드러낼지는 output gate가
#   정합니다.
# - 같은 값을 받는 기본 RNN(점선)에는 밸브가 없습니다. 매 시점 잡음이 섞여 들어오고, 저장한 값은 곧
#   사라집니다.

# %% picture
import matplotlib.pyplot as plt


def show_lstm_memory(T=40):
    # [en]
    # Toy input, channels x[0] = a noisy value, x[1] = write cue, x[2] = read cue.
    # [/]
    # [ko]
    # 예제 입력. 채널 x[0] = 잡음 섞인 값, x[1] = 쓰기 신호, x[2] = 읽기 신호.
    # [/]
    rng = np.random.default_rng(7)
    x = np.zeros((1, T, 3))
    x[0, :, 0] = rng.normal(0, 0.3, T)
    for t, value in ((5, 0.8), (24, -0.6)):
        x[0, t, 0], x[0, t, 1] = value, 1.0
    x[0, 14:18, 2] = x[0, 32:36, 2] = 1.0
    steps = np.arange(1, T + 1)

    # [en]
    # Hand-set weights for one memory unit (H = 1), all others 0: the input gate opens on the
    # write cue x[1] while the forget gate shuts (to overwrite), the output gate opens on the
    # read cue x[2], and the candidate is built from the value x[0].
    # [/]
    # [ko]
    # 기억 유닛 1개(H = 1)의 가중치를 손으로 정합니다 (나머지는 0). 쓰기 신호 x[1]에서 input gate가
    # 열리고 forget gate는 닫히며(덮어쓰기), 읽기 신호 x[2]에서 output gate가 열리고, 후보 값은
    # 값 채널 x[0]에서 만들어집니다.
    # [/]
    params = {f"{kind}{g}": np.zeros(size) for g in "fiog"
              for kind, size in (("W_x", (3, 1)), ("W_h", (1, 1)), ("b_", (1,)))}
    params["W_xi"][1, 0], params["b_i"][0] = 12.0, -6.0
    params["W_xf"][1, 0], params["b_f"][0] = -12.0, 6.0
    params["W_xo"][2, 0], params["b_o"][0] = 12.0, -6.0
    params["W_xg"][0, 0] = 1.5
    h0 = c0 = np.zeros((1, 1))

    hs, _ = lstm_forward(x, h0, c0, params)
    h, c, gates, cells = h0, c0, [], []
    for t in range(T):
        gates.append([g[0, 0] for g in lstm_gates(x[:, t], h, params)])
        h, c = lstm_step(x[:, t], h, c, params)
        cells.append(c[0, 0])
    f, i, o = np.array(gates).T
    # [en]
    # For comparison: a plain RNN on the same values, h_t = tanh(1.5 x_t[0] + 0.8 h_{t−1}), no gates.
    # [/]
    # [ko]
    # 비교용: 같은 값을 받는 게이트 없는 기본 RNN, h_t = tanh(1.5 x_t[0] + 0.8 h_{t−1}).
    # [/]
    h_rnn, rnn = 0.0, []
    for t in range(T):
        h_rnn = np.tanh(1.5 * x[0, t, 0] + 0.8 * h_rnn)
        rnn.append(h_rnn)

    fig, axes = plt.subplots(5, 1, figsize=(8, 7.5), sharex=True,
                             gridspec_kw={"height_ratios": [1.3, 0.55, 0.55, 0.55, 1.6]})
    axes[0].plot(steps, x[0, :, 0], color="gray", label="x[0] value")
    axes[0].step(steps, x[0, :, 1], where="mid", color="tab:green", label="x[1] write")
    axes[0].step(steps, x[0, :, 2], where="mid", color="tab:purple", label="x[2] read")
    axes[0].set_title("input $x_t$ and, below, the gates (0 = shut, 1 = open)")
    for ax, gate, name, color in ((axes[1], f, "forget $f_t$", "tab:blue"), (axes[2], i, "input $i_t$", "tab:orange"),
                                  (axes[3], o, "output $o_t$", "tab:green")):
        ax.step(steps, gate, where="mid", lw=2, color=color, label=name)
        ax.fill_between(steps, gate, step="mid", color=color, alpha=0.15)
        ax.set_ylim(-0.1, 1.1)
        ax.set_yticks([0, 1])
    axes[4].plot(steps, cells, color="tab:red", lw=2.5, label="cell state $C_t$")
    axes[4].plot(steps, hs[0, :, 0], color="black", lw=1.5, label="hidden state $h_t$")
    axes[4].plot(steps, rnn, "--", color="gray", label="plain RNN $h_t$")
    axes[4].axhline(0, color="lightgray", lw=0.8)
    axes[4].set_title("memory")
    axes[4].set_xlabel("time step t")
    for ax in axes:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, borderaxespad=0)
    fig.tight_layout()
    plt.show()


try:
    show_lstm_memory()
except NotImplementedError:
    plt.close("all")
    print(selfcheck.say("No picture yet: it appears once lstm_gates, lstm_step and lstm_forward (and the "
                        "functions they use) are implemented.",
                        "아직 그림이 없습니다: lstm_gates, lstm_step, lstm_forward(그리고 이 함수들이 쓰는 함수)를 "
                        "구현하면 나타납니다."))
except Exception as exc:
    plt.close("all")
    print(selfcheck.say(f"No picture: your functions raised {type(exc).__name__}: {exc}. "
                        "Run the self-checks above first.",
                        f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
                        "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ## 4. GRU: the lighter variant
#
# The GRU (Gated Recurrent Unit) keeps the LSTM's idea and drops some parts, so it is simpler and
# cheaper to compute. There is **no cell state**: the hidden state $h_t$ itself is the memory. And
# there are **two gates** instead of three, reset and update (no output gate):
#
# | gate | formula (row layout) | role |
# | --- | --- | --- |
# | reset $r_t$ | $\sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r)$ | how much of the past to use (or reset) when forming the candidate |
# | update $z_t$ | $\sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z)$ | how much to update: keep the past or take the candidate |
#
# $$\tilde h_t = \tanh\big(x_t W_{xg} + (r_t \odot h_{t-1})\, W_{hg} + b_g\big)$$
#
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$
#
# The new state is a weighted average of the old state and the candidate: $(1 - z_t)$ plays the
# forget gate and $z_t$ the input gate. One gate does both jobs, so keeping and writing always add
# up to 1.
#
# > **Follow the lecture, not PyTorch.** PyTorch's `nn.GRUCell` uses a different convention. Its
# > update is $h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$ (the roles of $z$ and $1 - z$
# > are swapped), and it applies the reset gate *after* the matrix product,
# > $r_t \odot (h_{t-1} W_{hg} + b)$. Both are GRUs, but they give different numbers. In this
# > assignment, and in grading, use the lecture's formulas above: reset **before** the matrix
# > product, and $z_t = 0$ keeps $h_{t-1}$.

# %% [markdown] lang="ko"
# ## 4. GRU: 더 가벼운 변형
#
# GRU(Gated Recurrent Unit)는 LSTM의 아이디어는 유지하면서 일부를 덜어 내어, 구조가 더 단순하고
# 계산 효율이 높습니다. **셀 상태가 없고**, 은닉 상태 $h_t$ 하나가 곧 기억입니다. 게이트도 세 개가
# 아니라 **두 개**, reset gate(리셋 게이트)와 update gate(업데이트 게이트)입니다 (output gate가 없습니다).
#
# | 게이트 | 수식 (행 벡터 표기) | 역할 |
# | --- | --- | --- |
# | reset $r_t$ | $\sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r)$ | 후보를 만들 때 과거 정보를 얼마나 쓸지(또는 초기화할지) |
# | update $z_t$ | $\sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z)$ | 얼마나 갱신할지: 과거를 유지할지, 후보를 받아들일지 |
#
# $$\tilde h_t = \tanh\big(x_t W_{xg} + (r_t \odot h_{t-1})\, W_{hg} + b_g\big)$$
#
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$
#
# 새 상태는 이전 상태와 후보 은닉 상태의 가중 평균입니다. $(1 - z_t)$가 forget gate 역할을,
# $z_t$가 input gate 역할을 합니다. 게이트 하나가 두 가지 일을 하므로, 유지하는 양과 기록하는 양의
# 합은 항상 1입니다.
#
# > **PyTorch가 아니라 강의를 따르세요.** PyTorch의 `nn.GRUCell`은 다른 규칙을 씁니다. 업데이트가
# > $h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$로 $z$와 $1 - z$의 역할이 서로 바뀌어 있고,
# > reset gate를 행렬곱 *뒤에* $r_t \odot (h_{t-1} W_{hg} + b)$로 적용합니다. 둘 다 GRU이지만 계산
# > 결과는 다릅니다. 이 과제와 채점에서는 위의 강의 수식을 쓰세요. reset은 행렬곱 **전에** 적용하고,
# > $z_t = 0$이면 $h_{t-1}$이 유지됩니다.

# %% [markdown] lang="en"
# ### 4.1 The two gates
#
# Same form as the LSTM gates, each with its own weights and bias:
#
# $$r_t = \sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r), \qquad z_t = \sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z)$$
#
# Return $(r_t, z_t)$, in this order.

# %% [markdown] lang="ko"
# ### 4.1 두 개의 게이트
#
# LSTM 게이트와 같은 형태이며, 각자 자기 가중치와 편향을 씁니다.
#
# $$r_t = \sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r), \qquad z_t = \sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z)$$
#
# $(r_t, z_t)$를 이 순서로 반환하세요.

# %% solution
def gru_gates(x_t, h_prev, params):
    """
    [en]
    The reset and update gates of one GRU step.
    [/]
    [ko]
    GRU 한 시점의 reset gate와 update gate.
    [/]

        r_t = σ(x_t W_xr + h_{t-1} W_hr + b_r)
        z_t = σ(x_t W_xz + h_{t-1} W_hz + b_z)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - params: dict with W_xr, W_xz of shape (D, H), W_hr, W_hz of shape (H, H), b_r, b_z of shape (H,)

    Returns a tuple (r_t, z_t), each of shape (N, H).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - params: W_xr, W_xz (shape (D, H)), W_hr, W_hz (shape (H, H)), b_r, b_z (shape (H,))를 담은 dict

    반환: 튜플 (r_t, z_t), 각각 shape (N, H).
    [/]
    """
    ### BEGIN SOLUTION
    r_t = sigmoid(x_t @ params["W_xr"] + h_prev @ params["W_hr"] + params["b_r"])
    z_t = sigmoid(x_t @ params["W_xz"] + h_prev @ params["W_hz"] + params["b_z"])
    return r_t, z_t
    ### END SOLUTION


# %% test="gru_gates" points=2

# %% [markdown] lang="en"
# ### 4.2 The candidate hidden state
#
# $$\tilde h_t = \tanh\big(x_t W_{xg} + (r_t \odot h_{t-1})\, W_{hg} + b_g\big)$$
#
# The reset gate acts on $h_{t-1}$ **before** the matrix product. With $r_t = 0$ the candidate
# ignores the past completely and is built from the current input alone; with $r_t = 1$ it uses all
# of it. The reset gate comes in as an argument (from `gru_gates`).

# %% [markdown] lang="ko"
# ### 4.2 후보 은닉 상태
#
# $$\tilde h_t = \tanh\big(x_t W_{xg} + (r_t \odot h_{t-1})\, W_{hg} + b_g\big)$$
#
# reset gate는 행렬곱 **전에** $h_{t-1}$에 적용됩니다. $r_t = 0$이면 후보는 과거를 완전히 무시하고
# 현재 입력만으로 만들어지며, $r_t = 1$이면 과거를 모두 사용합니다. reset gate 값은 인자로 주어집니다
# (`gru_gates`의 결과).

# %% solution
def gru_candidate(x_t, h_prev, r_t, params):
    """
    [en]
    The candidate hidden state h̃_t of one GRU step (the lecture's form: reset BEFORE the matmul).
    [/]
    [ko]
    GRU 한 시점의 후보 은닉 상태 h̃_t (강의의 형태: 행렬곱 전에 reset 적용).
    [/]

        h̃_t = tanh(x_t W_xg + (r_t ⊙ h_{t-1}) W_hg + b_g)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - r_t: reset gate, shape (N, H)
    - params: dict with W_xg of shape (D, H), W_hg of shape (H, H), b_g of shape (H,)

    Returns h_tilde, shape (N, H), values in (−1, 1).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - r_t: reset gate, shape (N, H)
    - params: W_xg (shape (D, H)), W_hg (shape (H, H)), b_g (shape (H,))를 담은 dict

    반환: h_tilde, shape (N, H), 값은 (−1, 1) 범위.
    [/]
    """
    ### BEGIN SOLUTION
    return np.tanh(x_t @ params["W_xg"] + (r_t * h_prev) @ params["W_hg"] + params["b_g"])
    ### END SOLUTION


# %% test="gru_candidate" points=2

# %% [markdown] lang="en"
# ### 4.3 Mixing old and new
#
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$
#
# $z_t = 0$ keeps the old state (nothing is written); $z_t = 1$ replaces it by the candidate; values
# in between give a weighted average, unit by unit. This is the lecture's convention, where
# $(1 - z_t)$ is the forget part and $z_t$ the input part (PyTorch swaps them).

# %% [markdown] lang="ko"
# ### 4.3 이전 상태와 새 정보 섞기
#
# $$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$
#
# $z_t = 0$이면 이전 상태를 유지하고(아무것도 기록하지 않음), $z_t = 1$이면 후보로 바꾸며, 그 사이
# 값이면 유닛별 가중 평균이 됩니다. 이것이 강의의 규칙으로, $(1 - z_t)$가 forget 역할, $z_t$가 input
# 역할입니다 (PyTorch는 둘을 바꿔 씁니다).

# %% solution
def gru_update(h_prev, h_tilde, z_t):
    """
    [en]
    The new GRU hidden state: a per-unit weighted average of the old state and the candidate.
    (1 − z_t) plays the forget gate, z_t the input gate (the lecture's convention, not PyTorch's).
    [/]
    [ko]
    새 GRU 은닉 상태: 이전 상태와 후보의 유닛별 가중 평균.
    (1 − z_t)가 forget gate, z_t가 input gate 역할을 합니다 (PyTorch가 아니라 강의의 규칙).
    [/]

        h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t

    [en]
    Inputs (all of shape (N, H)):
    - h_prev: previous hidden state h_{t-1}
    - h_tilde: candidate hidden state h̃_t
    - z_t: update gate

    Returns h_t, shape (N, H), as a new array (the inputs stay unchanged).
    [/]
    [ko]
    입력 (모두 shape (N, H)):
    - h_prev: 이전 은닉 상태 h_{t-1}
    - h_tilde: 후보 은닉 상태 h̃_t
    - z_t: update gate

    반환: h_t, shape (N, H), 새 배열로 (입력은 바꾸지 않습니다).
    [/]
    """
    ### BEGIN SOLUTION
    return (1.0 - z_t) * h_prev + z_t * h_tilde
    ### END SOLUTION


# %% test="gru_update" points=1

# %% [markdown] lang="en"
# ### 4.4 One GRU step
#
# From $x_t$ and $h_{t-1}$: the gates $r_t, z_t$, then the candidate $\tilde h_t$ (using $r_t$),
# then the new state $h_t$ (using $z_t$). A GRU step returns just $h_t$: there is no cell state.

# %% [markdown] lang="ko"
# ### 4.4 GRU 한 시점
#
# $x_t$와 $h_{t-1}$로부터 게이트 $r_t, z_t$를 구하고, $r_t$를 써서 후보 $\tilde h_t$를, $z_t$를 써서
# 새 상태 $h_t$를 구합니다. GRU 한 시점은 $h_t$만 반환합니다. 셀 상태가 없기 때문입니다.

# %% solution
def gru_step(x_t, h_prev, params):
    """
    [en]
    One GRU time step: gates, candidate, update.
    [/]
    [ko]
    GRU 한 시점: 게이트, 후보, 업데이트.
    [/]

        r_t, z_t = gates
        h̃_t = tanh(x_t W_xg + (r_t ⊙ h_{t-1}) W_hg + b_g)
        h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - params: dict with the weights of all three parts (keys W_x*, W_h*, b_* for * in r, z, g)

    Returns h_t, shape (N, H).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - params: 세 부분의 가중치를 모두 담은 dict (* = r, z, g에 대해 키 W_x*, W_h*, b_*)

    반환: h_t, shape (N, H).
    [/]
    """
    ### BEGIN SOLUTION
    r_t, z_t = gru_gates(x_t, h_prev, params)
    h_tilde = gru_candidate(x_t, h_prev, r_t, params)
    return gru_update(h_prev, h_tilde, z_t)
    ### END SOLUTION


# %% test="gru_step" points=2

# %% [markdown] lang="en"
# ### 4.5 Running over a sequence
#
# Like `lstm_forward`, with a single state: start from $h_0$, apply `gru_step` at every time step
# (input `x[:, t]`), feed each $h_t$ into the next step, and return `hs` of shape $(N, T, H)$ and
# the final $h_T$.

# %% [markdown] lang="ko"
# ### 4.5 시퀀스 전체 처리
#
# `lstm_forward`와 같지만 상태가 하나뿐입니다. $h_0$에서 시작해 모든 시점에 `gru_step`을 적용하고
# (입력 `x[:, t]`), 각 $h_t$를 다음 시점에 넘긴 뒤, shape $(N, T, H)$의 `hs`와 마지막 상태 $h_T$를
# 반환하세요.

# %% solution
def gru_forward(x, h0, params):
    """
    [en]
    Run the GRU over whole sequences, starting from the given initial state.
    [/]
    [ko]
    주어진 초기 상태에서 시작해 시퀀스 전체에 GRU를 적용합니다.
    [/]

        h_t = gru_step(x_t, h_{t-1})   for t = 1, …, T

    [en]
    Inputs:
    - x: input sequences, shape (N, T, D)
    - h0: initial hidden state, shape (N, H)
    - params: dict of GRU weights, as for gru_step

    Returns a tuple (hs, h_T):
    - hs: all hidden states h_1 … h_T, shape (N, T, H)
    - h_T: the state after the last step, shape (N, H)
    [/]
    [ko]
    입력:
    - x: 입력 시퀀스, shape (N, T, D)
    - h0: 초기 은닉 상태, shape (N, H)
    - params: gru_step과 같은 GRU 가중치 dict

    반환: 튜플 (hs, h_T)
    - hs: 모든 은닉 상태 h_1 … h_T, shape (N, T, H)
    - h_T: 마지막 시점 이후의 상태, shape (N, H)
    [/]
    """
    ### BEGIN SOLUTION
    h_t = h0
    hs = []
    for t in range(x.shape[1]):
        h_t = gru_step(x[:, t, :], h_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), h_t
    ### END SOLUTION


# %% test="gru_forward" points=2

# %% [markdown] lang="en"
# ### 4.6 Watch the update gate
#
# The same toy input, now through a GRU with hand-set weights: the update gate opens on the write
# cue, and the reset gate closes at the same moment, so that a new value is written from the input
# alone instead of being mixed with the old memory. The cell below runs your `gru_forward` and
# `gru_step` (and `gru_gates`, `gru_candidate` for the curves). Look for:
#
# - between writes, $z_t \approx 0$, so $1 - z_t \approx 1$ keeps the past and $h_t$ stays flat,
#   although the candidate $\tilde h_t$ follows the noisy input at every step;
# - at a write, $z_t \approx 1$ and $h_t$ jumps to the candidate;
# - there is no output gate: the memory is always visible in $h_t$ (the read cue does nothing here).
#   That is the price of the lighter cell.

# %% [markdown] lang="ko"
# ### 4.6 update gate 동작 보기
#
# 같은 예제 입력을, 이번에는 가중치를 손으로 정한 GRU에 넣습니다. 쓰기 신호가 오면 update gate가
# 열리고, 같은 순간 reset gate가 닫혀서 새 값이 이전 기억과 섞이지 않고 입력만으로 기록됩니다. 아래
# 셀은 여러분의 `gru_forward`와 `gru_step`(곡선에는 `gru_gates`, `gru_candidate`)을 실행합니다.
# 다음을 확인해 보세요.
#
# - 쓰기 신호 사이에서는 $z_t \approx 0$이므로 $1 - z_t \approx 1$이 과거를 유지하고, 후보
#   $\tilde h_t$가 매 시점 잡음 섞인 입력을 따라 움직여도 $h_t$는 평평하게 유지됩니다.
# - 쓰기 신호에서는 $z_t \approx 1$이 되어 $h_t$가 후보 값으로 바뀝니다.
# - output gate가 없으므로 기억이 항상 $h_t$에 드러납니다 (여기서 읽기 신호는 아무 역할도 하지
#   않습니다). 더 가벼운 구조의 대가입니다.

# %% picture
import matplotlib.pyplot as plt


def show_gru_memory(T=40):
    # [en]
    # Toy input, channels x[0] = a noisy value, x[1] = write cue, x[2] = read cue.
    # [/]
    # [ko]
    # 예제 입력. 채널 x[0] = 잡음 섞인 값, x[1] = 쓰기 신호, x[2] = 읽기 신호.
    # [/]
    rng = np.random.default_rng(7)
    x = np.zeros((1, T, 3))
    x[0, :, 0] = rng.normal(0, 0.3, T)
    for t, value in ((5, 0.8), (24, -0.6)):
        x[0, t, 0], x[0, t, 1] = value, 1.0
    x[0, 14:18, 2] = x[0, 32:36, 2] = 1.0
    steps = np.arange(1, T + 1)

    # [en]
    # Hand-set weights for one memory unit (H = 1), all others 0: the update gate opens on the
    # write cue x[1] while the reset gate shuts, and the candidate is built from the value x[0]
    # (and, when the reset gate is open, a little of the past).
    # [/]
    # [ko]
    # 기억 유닛 1개(H = 1)의 가중치를 손으로 정합니다 (나머지는 0). 쓰기 신호 x[1]에서 update gate가
    # 열리고 reset gate는 닫히며, 후보 값은 값 채널 x[0]에서 (reset gate가 열려 있으면 과거도
    # 조금 더해서) 만들어집니다.
    # [/]
    params = {f"{kind}{g}": np.zeros(size) for g in "rzg"
              for kind, size in (("W_x", (3, 1)), ("W_h", (1, 1)), ("b_", (1,)))}
    params["W_xz"][1, 0], params["b_z"][0] = 12.0, -6.0
    params["W_xr"][1, 0], params["b_r"][0] = -12.0, 6.0
    params["W_xg"][0, 0], params["W_hg"][0, 0] = 1.5, 0.5
    h0 = np.zeros((1, 1))

    hs, _ = gru_forward(x, h0, params)
    h, gates, candidates = h0, [], []
    for t in range(T):
        r, z = gru_gates(x[:, t], h, params)
        gates.append((r[0, 0], z[0, 0]))
        candidates.append(gru_candidate(x[:, t], h, r, params)[0, 0])
        h = gru_step(x[:, t], h, params)
    r, z = np.array(gates).T

    fig, axes = plt.subplots(4, 1, figsize=(8, 6.5), sharex=True,
                             gridspec_kw={"height_ratios": [1.3, 0.55, 0.55, 1.6]})
    axes[0].plot(steps, x[0, :, 0], color="gray", label="x[0] value")
    axes[0].step(steps, x[0, :, 1], where="mid", color="tab:green", label="x[1] write")
    axes[0].step(steps, x[0, :, 2], where="mid", color="tab:purple", label="x[2] read")
    axes[0].set_title("input $x_t$ and, below, the gates (0 = shut, 1 = open)")
    for ax, gate, name, color in ((axes[1], z, "update $z_t$", "tab:blue"), (axes[2], r, "reset $r_t$", "tab:orange")):
        ax.step(steps, gate, where="mid", lw=2, color=color, label=name)
        ax.fill_between(steps, gate, step="mid", color=color, alpha=0.15)
        ax.set_ylim(-0.1, 1.1)
        ax.set_yticks([0, 1])
    axes[3].plot(steps, candidates, color="gray", label=r"candidate $\tilde{h}_t$")
    axes[3].plot(steps, hs[0, :, 0], color="black", lw=2.5, label="hidden state $h_t$")
    axes[3].axhline(0, color="lightgray", lw=0.8)
    axes[3].set_title("memory")
    axes[3].set_xlabel("time step t")
    for ax in axes:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, borderaxespad=0)
    fig.tight_layout()
    plt.show()


try:
    show_gru_memory()
except NotImplementedError:
    plt.close("all")
    print(selfcheck.say("No picture yet: it appears once gru_gates, gru_candidate, gru_step and gru_forward "
                        "(and the functions they use) are implemented.",
                        "아직 그림이 없습니다: gru_gates, gru_candidate, gru_step, gru_forward(그리고 이 함수들이 "
                        "쓰는 함수)를 구현하면 나타납니다."))
except Exception as exc:
    plt.close("all")
    print(selfcheck.say(f"No picture: your functions raised {type(exc).__name__}: {exc}. "
                        "Run the self-checks above first.",
                        f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
                        "위의 자가 점검을 먼저 실행해 보세요."))

# %% [markdown] lang="en"
# ## 5. What you built, and how it is graded
#
# - A plain RNN multiplies its state, and in BPTT its gradient, by the same $W_{hh}$ at every step,
#   so over long sequences gradients vanish or explode.
# - The LSTM adds a cell state updated by addition, $C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$,
#   controlled by sigmoid valves: forget (the past), input (the present) and output (what $h_t$ shows).
# - The GRU folds the memory into $h_t$ and uses two gates: reset, applied before the matrix product,
#   and update, where $1 - z_t$ keeps and $z_t$ writes.
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use small examples you can verify by hand, and properties
#   such as ranges and shapes. They catch the common mistakes but do not prove your code right.
# - At grading time, hidden checks call each of your functions on fresh random inputs (all sizes
#   different, nonzero biases and states) and compare the results with the lecture's formulas. A test
#   cell's points are split over its checks, so partly working code earns partial credit.
# - Your feedback lists every check. When a result looks like a known mistake (gates in the wrong
#   order, PyTorch's GRU convention, a missing bias, …) it names the likely mistake.
# - Only the code in your function cells is graded, so keep any helper functions inside those cells.

# %% [markdown] lang="ko"
# ## 5. 정리와 채점 방식
#
# - 기본 RNN은 매 시점 같은 $W_{hh}$를 상태에, 그리고 BPTT에서는 기울기에 곱하므로, 시퀀스가 길면
#   기울기가 소실되거나 폭발합니다.
# - LSTM은 덧셈으로 갱신되는 셀 상태 $C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$를 추가하고,
#   이를 sigmoid 밸브로 조절합니다: forget(과거), input(현재), output($h_t$로 내보낼 양).
# - GRU는 기억을 $h_t$ 하나로 합치고 게이트 두 개를 씁니다: 행렬곱 전에 적용하는 reset, 그리고
#   $1 - z_t$가 유지하고 $z_t$가 기록하는 update.
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 작은 예제와, 값의 범위나 shape 같은 성질을
#   사용합니다. 흔한 실수는 잡아내지만, 코드가 옳다는 것을 증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 매번 새로 만든 무작위 입력(크기가 모두 다르고, 편향과 상태가 0이 아닌
#   입력)으로 각 함수를 호출해 강의 수식의 결과와 비교합니다. 테스트 셀의 점수는 그 셀의 검사들에
#   나누어 배정되므로, 일부만 맞아도 부분 점수를 받습니다.
# - 피드백에는 모든 검사 결과가 나옵니다. 결과가 알려진 실수(게이트 순서 오류, PyTorch GRU 규칙,
#   편향 누락 등)처럼 보이면 그 실수를 짚어 줍니다.
# - 함수 셀 안의 코드만 채점되므로, 보조 함수는 반드시 함수 셀 안에 두세요.
