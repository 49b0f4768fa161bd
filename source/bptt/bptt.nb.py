# %% [markdown] lang="en"
# # Backpropagation through time: the gradients of the RNN and the LSTM
#
# In the recurrent assignment you ran the RNN and the LSTM **forward**. Training needs the other
# direction: the gradient of the loss with respect to every weight, although the same weights act
# at every time step. In this assignment you write that backward pass in NumPy, one step and then
# the whole sequence, first for the plain RNN and then for the LSTM; you check it against numerical
# derivatives with a gradient-check tool; and then your own functions draw the two effects the
# lecture is about: gradients that **vanish** or **explode** in a plain RNN, and the LSTM's cell
# state, a **gradient highway** along which the gradient travels back without fading. Last comes
# gradient clipping, the usual guard against an exploding gradient.
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(rnn_step)` prints ✓ when your function passes its self-checks,
#   or ✗ with what is off. The self-checks of the backward functions include a gradient check
#   (section 4) of your backward against your own forward.
# - NumPy is all you need. A function may call the ones above it (`rnn_backward` may use
#   `rnn_step_backward`); helper functions you add must go inside a function cell. The LSTM forward
#   functions you wrote in the recurrent assignment are given, working, in a read-only cell.
#
# **Conventions.** As in the recurrent assignment, a batch of $N$ examples is stored as rows, so
# weights multiply from the right: $x_t$ is $(N, D)$, $h_{t-1}$ is $(N, H)$, $W_{xh}$ is $(D, H)$,
# $W_{hh}$ is $(H, H)$, $b_h$ is $(H,)$; sequences are batch-first, $(N, T, D)$, and time steps
# are the array indices $t = 0, \dots, T-1$. For any array $z$ of the computation, $dz$ (in code
# `dz`) means $\partial L / \partial z$ for the scalar loss $L$: it has **the same shape as $z$**.
# A backward function receives the gradient arriving at its outputs (the *upstream* gradient) and
# returns the gradients of its inputs. It keeps nothing from the forward pass: it recomputes what
# it needs from its inputs.

# %% [markdown] lang="ko"
# # 시간 역전파(BPTT): RNN과 LSTM의 기울기
#
# recurrent 과제에서는 RNN과 LSTM을 **순방향**으로 계산했습니다. 학습에는 반대 방향이 필요합니다.
# 같은 가중치가 모든 시점에서 쓰이는데도, 손실의 기울기를 가중치 하나하나에 대해 구해야 합니다.
# 이번 과제에서는 그 역방향 계산(backward pass)을 NumPy로 작성합니다. 기본 RNN부터, 한 시점을 먼저
# 하고 그다음 시퀀스 전체를 하며, 이어서 LSTM도 같은 순서로 합니다. 작성한 기울기는 gradient check
# 도구로 수치 미분과 비교해 확인합니다. 그런 다음 여러분의 함수로 강의에서 다룬 두 가지 현상을 직접
# 그려 봅니다. 기본 RNN에서 기울기가 **소실**되거나 **폭발**하는 현상, 그리고 기울기가 줄어들지 않고
# 거슬러 전달되는 LSTM 셀 상태의 **gradient highway**입니다. 마지막으로 기울기 폭발을 막는 흔한
# 방법인 gradient clipping을 작성합니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(rnn_step)`은 자가 점검을 통과하면 ✓를, 통과하지
#   못하면 무엇이 틀렸는지 ✗와 함께 알려 줍니다. backward 함수의 자가 점검에는 여러분의 순전파 함수로
#   backward를 확인하는 gradient check(4절)가 들어 있습니다.
# - NumPy만 있으면 됩니다. 위에서 작성한 함수를 불러 써도 됩니다 (`rnn_backward`에서
#   `rnn_step_backward` 호출). 보조 함수를 만든다면 반드시 함수 셀 안에 두세요. recurrent 과제에서
#   작성한 LSTM 순전파 함수는 읽기 전용 셀에 동작하는 코드로 주어집니다.
#
# **표기 규칙.** recurrent 과제와 같이 $N$개 예제의 배치를 행으로 저장하므로 가중치는 오른쪽에서
# 곱합니다: $x_t$는 $(N, D)$, $h_{t-1}$은 $(N, H)$, $W_{xh}$는 $(D, H)$, $W_{hh}$는 $(H, H)$,
# $b_h$는 $(H,)$입니다. 시퀀스는 batch-first, 즉 $(N, T, D)$이고, 시점은 배열 인덱스
# $t = 0, \dots, T-1$입니다. 계산에 나오는 배열 $z$에 대해 $dz$(코드에서는 `dz`)는 스칼라 손실 $L$의
# $\partial L / \partial z$를 뜻하며, **$z$와 shape이 같습니다**. backward 함수는 출력에 도착한
# 기울기(*upstream* gradient)를 받아 입력의 기울기를 반환합니다. 순전파에서 아무것도 저장해 두지
# 않으므로, 필요한 값은 입력으로부터 다시 계산합니다.

# %% setup
import numpy as np
from selfcheck import check, check_all, grade, grad_check, use_language
use_language("en")  # seqlab: release language


# %% [markdown] lang="en"
# ## 1. Why backpropagation through time
#
# The lecture: like an RNN, an LSTM is trained by unrolling it along time and applying **BPTT**
# (backpropagation through time): compute the loss gradient $\partial L / \partial h_t$ in time
# order, differentiate with respect to every gate and cell weight, and **accumulate the gradients of
# all time steps** to update the weights, $W \leftarrow W - \eta\, \partial L / \partial W$. Unrolled,
# a recurrent network is a deep network with one layer per time step, all layers sharing one set of
# weights. The gradient that reaches an early step has passed through every later step, and a plain
# RNN multiplies it at each of them by the same recurrent weights and a tanh slope. Over many steps
# such a product shrinks or grows exponentially: the **vanishing** and **exploding gradient**
# problems of the lecture's RNN. Vanishing gradients keep an RNN from learning long-range
# dependencies; exploding ones make training unstable. The LSTM's additive cell state and gradient
# clipping are the two remedies you will see at work here.

# %% [markdown] lang="ko"
# ## 1. 왜 시간 역전파인가
#
# 강의: LSTM도 RNN처럼 시간 축을 따라 펼친 후 **BPTT**(Backpropagation Through Time)로 학습합니다.
# 시간 순서대로 손실 기울기 $\partial L / \partial h_t$를 계산하고, 각 게이트와 셀 가중치에 대해
# 미분한 뒤, **모든 시점의 기울기를 누적하여** 가중치를 $W \leftarrow W - \eta\, \partial L / \partial W$로
# 업데이트합니다. 펼쳐 놓은 순환 신경망은 시점마다 층이 하나씩 있고 모든 층이 한 벌의 가중치를 공유하는
# 깊은 네트워크입니다. 앞쪽 시점에 도달하는 기울기는 그 뒤의 모든 시점을 지나오는데, 기본 RNN은 시점마다
# 같은 순환 가중치와 tanh의 기울기를 곱합니다. 시점이 많아지면 이런 곱은 지수적으로 작아지거나
# 커집니다. 강의에서 다룬 RNN의 **기울기 소실**(vanishing gradient)과 **기울기 폭발**(exploding
# gradient) 문제입니다. 기울기가 소실되면 RNN은 장거리 의존성을 학습하지 못하고, 폭발하면 학습이
# 불안정해집니다. 이번 과제에서는 두 가지 해결책, LSTM의 덧셈으로 갱신되는 셀 상태와 gradient
# clipping이 실제로 어떻게 동작하는지 봅니다.

# %% [markdown] lang="en"
# ## 2. The plain RNN, forward
#
# The lecture's RNN, $h_t = f(W_{xh}\, x_t + W_{hh}\, h_{t-1})$, with $f = \tanh$ and a bias, in
# the row layout:
#
# $$a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h, \qquad h_t = \tanh(a_t).$$
#
# $a_t$ is the **pre-activation**; the backward pass will need it only through $h_t$. One step
# first, then the whole sequence, as you did for the LSTM.

# %% [markdown] lang="ko"
# ## 2. 기본 RNN의 순전파
#
# 강의의 RNN $h_t = f(W_{xh}\, x_t + W_{hh}\, h_{t-1})$에 $f = \tanh$와 편향을 넣어 행 벡터 표기로
# 쓰면 다음과 같습니다.
#
# $$a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h, \qquad h_t = \tanh(a_t)$$
#
# $a_t$는 **pre-activation**입니다. 역전파에서는 $a_t$를 $h_t$를 통해서만 쓰게 됩니다. LSTM에서
# 했던 것처럼 한 시점을 먼저 만들고, 그다음 시퀀스 전체를 처리합니다.

# %% solution
def rnn_step(x_t, h_prev, params):
    """
    [en]
    One time step of the plain RNN.
    [/]
    [ko]
    기본 RNN의 한 시점.
    [/]

        h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)

    [en]
    Inputs:
    - x_t: input at time t, shape (N, D)
    - h_prev: previous hidden state h_{t-1}, shape (N, H)
    - params: dict with W_xh of shape (D, H), W_hh of shape (H, H), b_h of shape (H,)

    Returns h_t, shape (N, H), values in (−1, 1).
    [/]
    [ko]
    입력:
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이전 은닉 상태 h_{t-1}, shape (N, H)
    - params: W_xh (shape (D, H)), W_hh (shape (H, H)), b_h (shape (H,))를 담은 dict

    반환: h_t, shape (N, H), 값은 (−1, 1) 범위.
    [/]
    """
    ### BEGIN SOLUTION
    return np.tanh(x_t @ params["W_xh"] + h_prev @ params["W_hh"] + params["b_h"])
    ### END SOLUTION


# %% test="rnn_step" points=1

# %% solution
def rnn_forward(x, h0, params):
    """
    [en]
    Run the plain RNN over whole sequences, starting from the given initial state.
    [/]
    [ko]
    주어진 초기 상태에서 시작해 시퀀스 전체에 기본 RNN을 적용합니다.
    [/]

        h_t = rnn_step(x_t, h_{t-1}),   t = 0, …, T−1
    [en]
        (starting from h0: at t = 0, h_{t-1} is h0)
    [/]
    [ko]
        (h0에서 시작: t = 0에서는 h_{t-1}이 h0)
    [/]

    [en]
    Inputs:
    - x: input sequences, shape (N, T, D)
    - h0: initial hidden state, shape (N, H)
    - params: dict of RNN weights, as for rnn_step

    Returns a tuple (hs, h_T):
    - hs: the hidden state after every step, shape (N, T, H)
    - h_T: the state after the last step, shape (N, H)
    [/]
    [ko]
    입력:
    - x: 입력 시퀀스, shape (N, T, D)
    - h0: 초기 은닉 상태, shape (N, H)
    - params: rnn_step과 같은 RNN 가중치 dict

    반환: 튜플 (hs, h_T)
    - hs: 각 시점 이후의 은닉 상태, shape (N, T, H)
    - h_T: 마지막 시점 이후의 상태, shape (N, H)
    [/]
    """
    ### BEGIN SOLUTION
    h_t = h0
    hs = []
    for t in range(x.shape[1]):
        h_t = rnn_step(x[:, t, :], h_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1), h_t
    ### END SOLUTION


# %% test="rnn_forward" points=1

# %% [markdown] lang="en"
# ## 3. Backward through one step
#
# One step is a small computational graph: an affine map $a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h$,
# then the elementwise $h_t = \tanh(a_t)$. The backward step receives $dh_t = \partial L / \partial h_t$
# and walks the graph in reverse, with the chain rule at each node.
#
# **Through the tanh.** It acts elementwise, so its backward is an elementwise product with its
# slope. The slope of tanh can be written with its *output*:
# $\tanh'(a) = 1 - \tanh^2(a)$, so $\tanh'(a_t) = 1 - h_t^2$: square the hidden state, not the
# pre-activation. Recompute $h_t$ from the inputs (there is no cache).
#
# **Through the affine map.** For a product $a = x W$ of an $(N, D)$ array and a $(D, H)$ weight, the
# gradients are $dx = da\, W^\top$ and $dW = x^\top da$. You need not memorise which side the
# transpose goes on: a gradient has the shape of its variable, and only one product of the arrays at
# hand has that shape. ($W_{hh}$ is square, so there the shapes do not tell: the gradient check will.)
#
# **Through the bias.** $b_h$ is added to every row of the batch, so every row sends its gradient
# back to the same $b_h$: the gradients of the rows **add up**.
#
# $$da_t = dh_t \odot (1 - h_t^2), \qquad dx_t = da_t W_{xh}^\top, \qquad dh_{t-1} = da_t W_{hh}^\top,$$
# $$dW_{xh} = x_t^\top da_t, \qquad dW_{hh} = h_{t-1}^\top da_t, \qquad db_h = \textstyle\sum_{n} da_t[n].$$
#
# $dh_{t-1}$ is the gradient this step hands to the step before it: that hand-over is what the next
# sections chain along the sequence.

# %% [markdown] lang="ko"
# ## 3. 한 시점의 역전파
#
# 한 시점은 작은 계산 그래프입니다. 아핀 변환 $a_t = x_t W_{xh} + h_{t-1} W_{hh} + b_h$ 다음에 요소별
# $h_t = \tanh(a_t)$가 옵니다. 역방향 한 시점은 $dh_t = \partial L / \partial h_t$를 받아 그래프를
# 거꾸로 따라가며 노드마다 연쇄 법칙을 적용합니다.
#
# **tanh 통과.** tanh는 요소별로 작용하므로, 역전파는 그 기울기와의 요소별 곱입니다. tanh의 기울기는
# *출력*으로 쓸 수 있습니다: $\tanh'(a) = 1 - \tanh^2(a)$이므로 $\tanh'(a_t) = 1 - h_t^2$입니다.
# pre-activation이 아니라 은닉 상태를 제곱합니다. $h_t$는 입력으로부터 다시 계산하세요 (캐시가
# 없습니다).
#
# **아핀 변환 통과.** $(N, D)$ 배열과 $(D, H)$ 가중치의 곱 $a = x W$에서 기울기는 $dx = da\, W^\top$,
# $dW = x^\top da$입니다. 전치가 어느 쪽에 붙는지 외울 필요는 없습니다. 기울기는 그 변수와 shape이
# 같고, 가진 배열들로 그 shape을 만드는 곱은 하나뿐입니다. ($W_{hh}$는 정사각 행렬이라 shape으로는
# 드러나지 않습니다. 그때는 gradient check가 알려 줍니다.)
#
# **편향 통과.** $b_h$는 배치의 모든 행에 더해지므로, 모든 행이 같은 $b_h$로 기울기를 돌려보냅니다.
# 행들의 기울기는 **더해집니다**.
#
# $$da_t = dh_t \odot (1 - h_t^2), \qquad dx_t = da_t W_{xh}^\top, \qquad dh_{t-1} = da_t W_{hh}^\top,$$
# $$dW_{xh} = x_t^\top da_t, \qquad dW_{hh} = h_{t-1}^\top da_t, \qquad db_h = \textstyle\sum_{n} da_t[n]$$
#
# $dh_{t-1}$은 이 시점이 바로 앞 시점에 넘겨주는 기울기입니다. 다음 절들에서는 이 전달을 시퀀스를
# 따라 이어 붙입니다.

# %% solution
def rnn_step_backward(dh_t, x_t, h_prev, params):
    """
    [en]
    Backward of one plain-RNN step: the gradients of its inputs and of its weights.
    [/]
    [ko]
    기본 RNN 한 시점의 역전파: 입력과 가중치의 기울기.
    [/]

        h_t  = tanh(x_t W_xh + h_{t-1} W_hh + b_h)
        da_t = dh_t ⊙ (1 − h_t²)                            tanh′ = 1 − h_t²
        dx_t = da_t W_xhᵀ        dh_prev = da_t W_hhᵀ
        dW_xh = x_tᵀ da_t        dW_hh = h_{t-1}ᵀ da_t       db_h = Σ_n da_t[n]
    [en]
        (h_t is recomputed from the inputs; Σ_n sums over the rows of the batch)
    [/]
    [ko]
        (h_t는 입력으로부터 다시 계산; Σ_n은 배치의 행에 대한 합)
    [/]

    [en]
    Inputs:
    - dh_t: ∂L/∂h_t, the gradient arriving at this step's output, shape (N, H)
    - x_t: input at time t, shape (N, D)
    - h_prev: the state that entered the step, h_{t-1}, shape (N, H)
    - params: dict with W_xh (D, H), W_hh (H, H), b_h (H,) (it may hold other keys too)

    Returns a tuple (dx_t, dh_prev, grads):
    - dx_t: shape (N, D); dh_prev: shape (N, H)
    - grads: a new dict with exactly the keys "W_xh", "W_hh", "b_h", each the shape of its weight
    [/]
    [ko]
    입력:
    - dh_t: ∂L/∂h_t, 이 시점의 출력에 도착한 기울기, shape (N, H)
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev: 이 시점에 들어온 상태 h_{t-1}, shape (N, H)
    - params: W_xh (D, H), W_hh (H, H), b_h (H,)를 담은 dict (다른 키가 더 있을 수 있음)

    반환: 튜플 (dx_t, dh_prev, grads)
    - dx_t: shape (N, D), dh_prev: shape (N, H)
    - grads: 정확히 "W_xh", "W_hh", "b_h" 키만 갖는 새 dict, 각각 해당 가중치와 같은 shape
    [/]
    """
    ### BEGIN SOLUTION
    h_t = rnn_step(x_t, h_prev, params)             # recomputed: a backward function keeps no cache
    da_t = dh_t * (1.0 - h_t ** 2)                  # tanh′(a_t) = 1 − h_t²
    dx_t = da_t @ params["W_xh"].T
    dh_prev = da_t @ params["W_hh"].T
    grads = {"W_xh": x_t.T @ da_t, "W_hh": h_prev.T @ da_t, "b_h": da_t.sum(axis=0)}
    return dx_t, dh_prev, grads
    ### END SOLUTION


# %% test="rnn_step_backward" points=3

# %% [markdown] lang="en"
# ## 4. Checking gradients against finite differences
#
# A backward function can be wrong in ways no shape reveals (a missing transpose of a square matrix,
# a missing factor). CS231n's habit: compare every analytic gradient with a **numerical** one. Move
# one input entry $\theta$ by a small $\varepsilon$ in both directions and measure the change of the
# loss, the **centred difference**
#
# $$\frac{\partial L}{\partial \theta} \approx \frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon},$$
#
# whose error shrinks like $\varepsilon^2$ (a one-sided difference only like $\varepsilon$). Then
# compare the two gradients with the **relative error**
#
# $$\frac{\lVert g_{\text{analytic}} - g_{\text{numeric}} \rVert}{\lVert g_{\text{analytic}} \rVert + \lVert g_{\text{numeric}} \rVert},$$
#
# which does not depend on the scale of the gradient. In float64 with $\varepsilon = 10^{-6}$, a right
# backward function gives about $10^{-9}$ or less; above $10^{-5}$ something is wrong (in float32
# finite differences are too coarse to tell).
#
# `grad_check(backward, forward, *inputs)` does this for your functions. It builds the loss
# $L = \sum \langle u, \text{output} \rangle$ from random upstream gradients $u$ (so that
# $\partial L / \partial \text{output} = u$ exactly), runs your `backward` on $u$ and the inputs,
# differentiates your `forward` numerically, and prints the relative error of every gradient it
# returns, each entry of `grads` included; for a sequence it also says at which time steps a
# gradient differs. It trusts your forward function: check that first (`check(rnn_step)`).
#
# To see what the numbers look like, here is `grad_check` on a function whose derivative you know,
# $y = x^3$, with a right backward ($3x^2$) and a wrong one ($x^2$). (`attempt(f, ...)` below is
# `f(...)` that prints a short note instead of stopping the notebook while a function is not written
# yet; in your own cells, call `grad_check(...)` directly.)

# %% [markdown] lang="ko"
# ## 4. 유한 차분으로 기울기 확인하기
#
# backward 함수는 shape으로는 드러나지 않는 방식으로 틀릴 수 있습니다 (정사각 행렬의 전치 누락, 빠진
# 인자 하나). CS231n의 습관: 해석적으로 구한 기울기를 모두 **수치** 기울기와 비교합니다. 입력의 원소
# $\theta$ 하나를 작은 $\varepsilon$만큼 양쪽으로 움직여 손실의 변화를 재는 **중앙 차분**입니다.
#
# $$\frac{\partial L}{\partial \theta} \approx \frac{L(\theta + \varepsilon) - L(\theta - \varepsilon)}{2\varepsilon}$$
#
# 중앙 차분의 오차는 $\varepsilon^2$에 비례해 줄어듭니다 (한쪽 차분은 $\varepsilon$에 비례). 두 기울기는
# 기울기의 크기와 상관없는 **상대 오차**로 비교합니다.
#
# $$\frac{\lVert g_{\text{analytic}} - g_{\text{numeric}} \rVert}{\lVert g_{\text{analytic}} \rVert + \lVert g_{\text{numeric}} \rVert}$$
#
# float64에서 $\varepsilon = 10^{-6}$이면 맞는 backward 함수는 약 $10^{-9}$ 이하를 보이고,
# $10^{-5}$보다 크면 무언가 틀린 것입니다 (float32에서는 유한 차분이 너무 거칠어 구별할 수 없습니다).
#
# `grad_check(backward, forward, *inputs)`가 여러분의 함수에 대해 이것을 해 줍니다. 무작위 upstream
# 기울기 $u$로 손실 $L = \sum \langle u, \text{output} \rangle$을 만들고 (그래서
# $\partial L / \partial \text{output} = u$가 정확히 성립합니다), $u$와 입력으로 여러분의 `backward`를
# 실행하고, 여러분의 `forward`를 수치 미분한 다음, 반환된 모든 기울기(`grads`의 각 원소 포함)의 상대
# 오차를 출력합니다. 시퀀스라면 어느 시점에서 기울기가 다른지도 알려 줍니다. 순전파 함수는 맞다고
# 믿고 계산하므로, 순전파부터 확인하세요 (`check(rnn_step)`).
#
# 숫자가 어떻게 보이는지, 미분을 알고 있는 함수 $y = x^3$에 맞는 backward($3x^2$)와 틀린 backward
# ($x^2$)로 `grad_check`를 실행해 봅니다. (아래의 `attempt(f, ...)`는 `f(...)`와 같지만, 함수가 아직
# 작성되지 않았으면 노트북을 멈추는 대신 짧은 안내를 출력합니다. 여러분의 셀에서는 `grad_check(...)`를
# 바로 부르세요.)

# %% picture
# [en]
NOT_YET = "Not yet: {} is not implemented yet."
BROKEN = "No result: your functions raised {}: {}. Run the self-checks above first."
# [/]
# [ko]
NOT_YET = "아직 실행할 수 없습니다: {}이(가) 아직 구현되지 않았습니다."
BROKEN = "결과가 없습니다: 함수에서 {} 오류가 발생했습니다: {}. 위의 자가 점검을 먼저 실행해 보세요."
# [/]


def stub_name(exc):
    """
    [en]
    The name of the function that raised ``exc``: the innermost frame of its traceback.
    [/]
    [ko]
    ``exc``를 일으킨 함수의 이름: traceback의 가장 안쪽 프레임.
    [/]
    """
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name


def attempt(f, *args, **kwargs):
    """
    [en]
    f(*args, **kwargs), or a short note if one of your functions is still a stub or raises.
    [/]
    [ko]
    f(*args, **kwargs)를 실행합니다. 여러분의 함수가 아직 작성되지 않았거나 오류를 내면 짧은 안내를 출력합니다.
    [/]
    """
    try:
        return f(*args, **kwargs)
    except NotImplementedError as exc:
        print(NOT_YET.format(stub_name(exc)))
    except Exception as exc:
        print(BROKEN.format(type(exc).__name__, str(exc).rstrip(".")))


def cube(x):
    return x ** 3


def cube_backward_right(dy, x):
    # [en]
    # one gradient per input of cube
    # [/]
    # [ko]
    # cube의 입력 하나마다 기울기 하나
    # [/]
    return (dy * 3 * x ** 2,)


def cube_backward_wrong(dy, x):
    return (dy * x ** 2,)


x_demo = np.random.default_rng(0).normal(size=(2, 3))
grad_check(cube_backward_right, cube, x_demo)
grad_check(cube_backward_wrong, cube, x_demo)

# %% [markdown] lang="en"
# Now your `rnn_step_backward` against your `rnn_step`, on a small random example (sizes all
# different, float64). Every line should show a relative error around $10^{-9}$ or below. Change the
# inputs and run it again: a gradient check on one example can be lucky, two rarely are.

# %% [markdown] lang="ko"
# 이제 여러분의 `rnn_step`으로 `rnn_step_backward`를 확인합니다. 크기가 모두 다른 작은 무작위
# 예제(float64)입니다. 모든 줄의 상대 오차가 약 $10^{-9}$ 이하여야 합니다. 입력을 바꿔 다시 실행해
# 보세요. 예제 하나에서는 운 좋게 맞을 수 있지만, 두 예제에서 모두 그러기는 어렵습니다.

# %%
rng = np.random.default_rng(1)
N, D, H = 2, 3, 4
x_t, h_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H))
rnn_params = {"W_xh": rng.normal(size=(D, H)), "W_hh": rng.normal(size=(H, H)), "b_h": rng.normal(size=H)}
attempt(grad_check, rnn_step_backward, rnn_step, x_t, h_prev, rnn_params)


# %% [markdown] lang="en"
# ## 5. Backpropagation through the whole sequence
#
# Unroll the RNN: $h_0 \to h_1 \to \dots$, with $x_t$ entering step $t$ and the same weights in every
# step. `dhs[:, t]` is the gradient that reaches $h_t$ from step $t$'s **own output** (its
# prediction and loss). But $h_t$ is used twice: by that output, and by the next step, which computes
# $h_{t+1}$ from it. When a variable feeds two places, its gradient is the **sum** of what comes back
# from both:
#
# $$\frac{\partial L}{\partial h_t} = \underbrace{\texttt{dhs}[:, t]}_{\text{own output}}
# \; + \; \underbrace{\left(\frac{\partial L}{\partial h_{t+1}}\, \frac{\partial h_{t+1}}{\partial h_t}\right)}_{\text{from step } t+1:\ \text{its } dh_{t-1}}.$$
#
# So the total gradient at step $t$ needs step $t+1$ to be done first: BPTT walks **backwards in
# time**, from the last step $t = T-1$ to $t = 0$. Nothing comes back from after the last step. Each
# step's backward is your `rnn_step_backward`, given the total gradient at its output and the state
# that entered it ($h_{t-1}$, which is $h_0$ at $t = 0$: run the forward pass once to have them all).
#
# **Shared weights.** $W_{xh}$, $W_{hh}$ and $b_h$ act in every step, and the loss depends on each of
# those uses: their gradients are the **sum over all steps** of each step's share (the lecture's
# "accumulate the gradients of all time steps"), not the share of one step, and not an average.
# What flows out of step 0 towards the initial state is $dh_0$.

# %% [markdown] lang="ko"
# ## 5. 시퀀스 전체의 역전파
#
# RNN을 펼치면 $h_0 \to h_1 \to \dots$이고, 시점 $t$에는 $x_t$가 들어가며 모든 시점에서 같은 가중치를
# 씁니다. `dhs[:, t]`는 시점 $t$ **자신의 출력**(그 시점의 예측과 손실)에서 $h_t$에 도달하는 기울기입니다.
# 그런데 $h_t$는 두 곳에서 쓰입니다. 그 출력, 그리고 $h_t$로 $h_{t+1}$을 계산하는 다음 시점입니다. 한
# 변수가 두 곳으로 들어가면, 그 기울기는 두 곳에서 돌아오는 기울기의 **합**입니다.
#
# $$\frac{\partial L}{\partial h_t} = \underbrace{\texttt{dhs}[:, t]}_{\text{자신의 출력}}
# \; + \; \underbrace{\left(\frac{\partial L}{\partial h_{t+1}}\, \frac{\partial h_{t+1}}{\partial h_t}\right)}_{\text{시점 } t+1\text{에서: 그 시점의 } dh_{t-1}}$$
#
# 그래서 시점 $t$의 전체 기울기를 구하려면 시점 $t+1$이 먼저 끝나 있어야 합니다. BPTT는 마지막 시점
# $t = T-1$부터 $t = 0$까지 **시간을 거슬러** 갑니다. 마지막 시점 뒤에서는 아무것도 돌아오지 않습니다.
# 각 시점의 역전파는 여러분의 `rnn_step_backward`이고, 그 시점 출력의 전체 기울기와 그 시점에 들어온
# 상태($h_{t-1}$, $t = 0$이면 $h_0$)를 받습니다. 순전파를 한 번 실행해 두면 모두 얻을 수 있습니다.
#
# **공유 가중치.** $W_{xh}$, $W_{hh}$, $b_h$는 모든 시점에서 쓰이고, 손실은 그 모든 사용에 의존합니다.
# 따라서 그 기울기는 각 시점 몫의 **모든 시점에 대한 합**입니다 (강의의 "모든 시점의 기울기를
# 누적"). 한 시점의 몫도, 평균도 아닙니다. 시점 0에서 초기 상태 쪽으로 나가는 기울기가 $dh_0$입니다.

# %% solution
def rnn_backward(dhs, x, h0, params):
    """
    [en]
    Backpropagation through time for the plain RNN, over whole sequences.
    [/]
    [ko]
    시퀀스 전체에 대한 기본 RNN의 시간 역전파(BPTT).
    [/]

        t = T−1, …, 0:   dh_t = dhs[:, t] + dh_prev(t+1)
                         dx_t, dh_prev(t), grads(t) = rnn_step_backward(dh_t, x_t, h_{t-1}, params)
        grads = Σ_t grads(t),   dh0 = dh_prev(0)
    [en]
        (backwards in time: dh_prev(t+1) is what step t+1 passes back, 0 after the last step;
         the shared weights' gradients are summed over all steps)
    [/]
    [ko]
        (시간을 거슬러: dh_prev(t+1)은 시점 t+1이 돌려주는 기울기이고, 마지막 시점 뒤에서는 0;
         공유 가중치의 기울기는 모든 시점에 대해 합함)
    [/]

    [en]
    Inputs:
    - dhs: ∂L/∂h_t from each step's own output, shape (N, T, H)
    - x: input sequences, shape (N, T, D)
    - h0: initial hidden state, shape (N, H)
    - params: dict with W_xh (D, H), W_hh (H, H), b_h (H,) (it may hold other keys too)

    Returns a tuple (dx, dh0, grads):
    - dx: shape (N, T, D); dh0: shape (N, H)
    - grads: a new dict with exactly the keys "W_xh", "W_hh", "b_h", each summed over all steps
    [/]
    [ko]
    입력:
    - dhs: 각 시점 자신의 출력에서 온 ∂L/∂h_t, shape (N, T, H)
    - x: 입력 시퀀스, shape (N, T, D)
    - h0: 초기 은닉 상태, shape (N, H)
    - params: W_xh (D, H), W_hh (H, H), b_h (H,)를 담은 dict (다른 키가 더 있을 수 있음)

    반환: 튜플 (dx, dh0, grads)
    - dx: shape (N, T, D), dh0: shape (N, H)
    - grads: 정확히 "W_xh", "W_hh", "b_h" 키만 갖는 새 dict, 각각 모든 시점에 대한 합
    [/]
    """
    ### BEGIN SOLUTION
    hs, _ = rnn_forward(x, h0, params)
    dx = np.zeros(x.shape)
    grads = {k: np.zeros(np.shape(params[k])) for k in ("W_xh", "W_hh", "b_h")}
    dh_next = np.zeros(np.shape(h0))                # nothing arrives from after the last step
    for t in reversed(range(x.shape[1])):
        h_prev = hs[:, t - 1] if t > 0 else h0
        dx[:, t], dh_next, step = rnn_step_backward(dhs[:, t] + dh_next, x[:, t], h_prev, params)
        for k in grads:
            grads[k] += step[k]                     # shared weights: summed over the steps
    return dx, dh_next, grads
    ### END SOLUTION


# %% test="rnn_backward" points=3

# %% [markdown] lang="en"
# The gradient check of the whole sequence: `forward` is your `rnn_forward`, whose outputs are `hs`
# and `h_T`, and the upstream gradient is one `dhs` for `hs`. When a gradient differs only at some
# time steps, the message lists them, last step first (the order in which BPTT visits them). If the
# last step is right and the earlier ones are not, look at what step $t+1$ hands back to step $t$.

# %% [markdown] lang="ko"
# 시퀀스 전체의 gradient check입니다. `forward`는 여러분의 `rnn_forward`이고 출력은 `hs`와 `h_T`이며,
# upstream 기울기는 `hs`에 대한 `dhs` 하나입니다. 기울기가 일부 시점에서만 다르면 그 시점들을 마지막
# 시점부터(BPTT가 방문하는 순서로) 알려 줍니다. 마지막 시점은 맞는데 그 앞이 틀리다면, 시점 $t+1$이
# 시점 $t$로 넘겨주는 값을 살펴보세요.

# %%
T = 5
x_seq, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
attempt(grad_check, rnn_backward, rnn_forward, x_seq, h0, rnn_params)

# %% [markdown] lang="en"
# ## 6. Watch the gradient vanish and explode
#
# Give the loss to the **last** step only, $L = \langle u, h_{T-1} \rangle$, and ask how strongly it
# reaches each earlier state: $\lVert \partial L / \partial h_t \rVert$ for $t = T-1, \dots, 0$. Your
# `rnn_backward` measures it: $\partial L / \partial h_t$ is the $dh_0$ it returns for the rest of
# the sequence, $x_{t+1}, \dots, x_{T-1}$, started from the state $h_t$. The cell below does that for
# every $t$, on one random sequence of $T = 30$ steps ($H = 32$ units), for two recurrent weight
# matrices: random entries with standard deviation $g / \sqrt{H}$, for $g = 1$ and for $g = 3$.
# Read the curves from right (the loss) to left (the past), on a log scale:
#
# - with $g = 1$, the gradient loses a roughly constant factor at every step back: a straight line
#   down on the log scale, exponential decay. The loss can hardly tell what happened 20 steps ago;
# - with $g = 3$, it **grows** as it travels back, by orders of magnitude: one training step on such
#   a gradient is a leap into the unknown;
# - both are one mechanism: the factor that each step contributes, $W_{hh}$ and the tanh slopes,
#   repeated $T$ times.

# %% [markdown] lang="ko"
# ## 6. 기울기 소실과 폭발 보기
#
# 손실을 **마지막** 시점에만 줍니다, $L = \langle u, h_{T-1} \rangle$. 그리고 그 손실이 앞쪽의 각
# 상태에 얼마나 강하게 도달하는지 봅니다: $t = T-1, \dots, 0$에 대한
# $\lVert \partial L / \partial h_t \rVert$. 여러분의 `rnn_backward`로 잴 수 있습니다.
# $\partial L / \partial h_t$는 상태 $h_t$에서 시작한 나머지 시퀀스 $x_{t+1}, \dots, x_{T-1}$에 대해
# `rnn_backward`가 반환하는 $dh_0$입니다. 아래 셀은 $T = 30$ 시점($H = 32$ 유닛)의 무작위 시퀀스 하나에서
# 모든 $t$에 대해 이를 계산합니다. 순환 가중치 행렬은 두 가지로, 원소의 표준편차가 $g / \sqrt{H}$인
# 무작위 행렬이며 $g = 1$과 $g = 3$입니다. 곡선은 로그 스케일에서 오른쪽(손실)에서 왼쪽(과거)으로
# 읽으세요.
#
# - $g = 1$이면 한 시점 거슬러 갈 때마다 기울기가 거의 일정한 비율로 줄어듭니다. 로그 스케일에서
#   내려가는 직선, 즉 지수적 감소입니다. 손실은 20 시점 전에 일어난 일을 거의 구별하지 못합니다.
# - $g = 3$이면 거슬러 갈수록 몇 자릿수씩 **커집니다**. 이런 기울기로 한 번 학습하면 어디로 튈지
#   모릅니다.
# - 둘은 같은 메커니즘입니다. 각 시점이 곱하는 인자, 곧 $W_{hh}$와 tanh의 기울기가 $T$번 반복됩니다.

# %% picture
import matplotlib.pyplot as plt

# [en]
NO_PICTURE = "No picture yet: it draws with {}, and {} is not implemented yet."
# [/]
# [ko]
NO_PICTURE = "아직 그림이 없습니다: 그림은 {}(으)로 그리는데, {}이(가) 아직 구현되지 않았습니다."
# [/]


def draw(picture, needs):
    """
    [en]
    Draw picture(), or a short note while a function it needs is a stub (or raises).
    [/]
    [ko]
    picture()를 그립니다. 그림에 필요한 함수가 아직 작성되지 않았거나 오류를 내면 짧은 안내를 출력합니다.
    [/]
    """
    try:
        picture()
    except NotImplementedError as exc:
        plt.close("all")
        print(NO_PICTURE.format(needs, stub_name(exc)))
    except Exception as exc:
        plt.close("all")
        print(BROKEN.format(type(exc).__name__, str(exc).rstrip(".")))


def sequence_and_weights(T=30, N=4, D=3, H=32):
    """
    [en]
    The toy sequence and random RNN weights of this notebook's pictures (float64).
    [/]
    [ko]
    이 노트북의 그림에 쓰는 예제 시퀀스와 무작위 RNN 가중치 (float64).
    [/]
    """
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, T, D))
    # [en]
    # the loss L = <u, h_{T-1}>
    # [/]
    # [ko]
    # 손실 L = <u, h_{T-1}>
    # [/]
    u = rng.normal(size=(N, H))
    weights = np.random.default_rng(1)
    W_xh = weights.normal(0, 1 / np.sqrt(D), (D, H))
    W_hh = weights.normal(0, 1 / np.sqrt(H), (H, H))
    return x, u, W_xh, W_hh


def rnn_gradient_norms(x, u, params):
    """
    [en]
    ||dL/dh_t|| for t = 0 … T−1 with L = <u, h_{T−1}>, measured with your rnn_backward.
    [/]
    [ko]
    L = <u, h_{T−1}>일 때 t = 0 … T−1의 ||dL/dh_t||, 여러분의 rnn_backward로 잽니다.
    [/]
    """
    T, H = x.shape[1], len(params["b_h"])
    hs, _ = rnn_forward(x, np.zeros((len(x), H)), params)
    norms = [np.linalg.norm(u)]                     # t = T−1: dL/dh_{T−1} = u
    for t in range(T - 2, -1, -1):
        dhs = np.zeros((len(x), T - t - 1, H))
        dhs[:, -1] = u
        _, dh_t, _ = rnn_backward(dhs, x[:, t + 1:], hs[:, t], params)
        norms.append(np.linalg.norm(dh_t))
    return np.array(norms[::-1])


def show_vanishing_and_exploding():
    x, u, W_xh, W_hh = sequence_and_weights()
    H = W_hh.shape[0]
    # [en]
    title = "how strongly the loss at the last step reaches each earlier state (plain RNN)"
    xlabel, ylabel = "time step t", r"$\|\partial L / \partial h_t\|$ (log scale)"
    label = r"$W_{{hh}}$ entries with std {g} / $\sqrt{{H}}$"
    # [/]
    # [ko]
    title = "마지막 시점의 손실이 앞쪽의 각 상태에 도달하는 세기 (기본 RNN)"
    xlabel, ylabel = "시점 t", "‖∂L/∂hₜ‖ (로그 스케일)"
    label = "Wₕₕ 원소의 표준편차 {g}/√H"
    # [/]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    for g, color in ((1, "tab:blue"), (3, "tab:red")):
        params = {"W_xh": W_xh, "W_hh": g * W_hh, "b_h": np.zeros(H)}
        ax.semilogy(np.arange(x.shape[1]), rnn_gradient_norms(x, u, params), "o-", ms=3, color=color,
                    label=label.format(g=g))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    fig.tight_layout()
    plt.show()


draw(show_vanishing_and_exploding, "rnn_step, rnn_forward, rnn_step_backward, rnn_backward")


# %% [markdown] lang="en"
# ## 7. Backward through one LSTM step
#
# The LSTM forward functions of the recurrent assignment are in the read-only cell below; your
# backward functions use them to recompute a step. One step, from $x_t$, $h_{t-1}$, $C_{t-1}$:
#
# $$f_t, i_t, o_t = \sigma(\cdot), \quad g_t = \tilde C_t = \tanh(\cdot), \quad
# C_t = f_t \odot C_{t-1} + i_t \odot g_t, \quad h_t = o_t \odot \tanh(C_t),$$
#
# each $\cdot$ an affine map $x_t W_{x*} + h_{t-1} W_{h*} + b_*$ with its own weights. Two gradients
# arrive at a step: $dh_t$ at $h_t$ and $dc_t$ at $C_t$, from step $t+1$, which uses $C_t$ to make
# $C_{t+1}$. Walk the graph backwards:
#
# 1. **Into $C_t$, two routes.** $C_t$ reaches the loss directly through the next step ($dc_t$) and
#    through $h_t = o_t \odot \tanh(C_t)$; the two add up:
#    $dC_t = dc_t + dh_t \odot o_t \odot (1 - \tanh^2(C_t))$.
# 2. **The output gate** multiplies $\tanh(C_t)$: $do_t = dh_t \odot \tanh(C_t)$.
# 3. **The cell update** $C_t = f_t \odot C_{t-1} + i_t \odot g_t$ is elementwise products and a sum:
#    each factor gets $dC_t$ times the other factor: $df_t = dC_t \odot C_{t-1}$ (the old cell state),
#    $di_t = dC_t \odot g_t$, $dg_t = dC_t \odot i_t$, and
#    $$dC_{t-1} = dC_t \odot f_t.$$
#    This is the **gradient highway**: back along the cell state, the gradient is only multiplied
#    elementwise by the forget gate, with no weight matrix and no tanh slope in between. While
#    $f_t \approx 1$ it passes almost unchanged.
# 4. **Through the nonlinearities,** as in the RNN, with slopes written with the outputs:
#    $\sigma' = \sigma (1 - \sigma)$ for the gates, so $da_f = df_t \odot f_t \odot (1 - f_t)$ and
#    likewise for $i$ and $o$; $\tanh' = 1 - g_t^2$ for the candidate, $da_g = dg_t \odot (1 - g_t^2)$.
# 5. **Through the four affine maps,** each exactly like the RNN's, with its own weights. $x_t$ and
#    $h_{t-1}$ feed all four, so their gradients are the **sums** of the four contributions.

# %% [markdown] lang="ko"
# ## 7. LSTM 한 시점의 역전파
#
# recurrent 과제의 LSTM 순전파 함수가 아래 읽기 전용 셀에 있습니다. 여러분의 backward 함수는 이 함수들로
# 한 시점을 다시 계산합니다. $x_t$, $h_{t-1}$, $C_{t-1}$에서 시작하는 한 시점은 다음과 같습니다.
#
# $$f_t, i_t, o_t = \sigma(\cdot), \quad g_t = \tilde C_t = \tanh(\cdot), \quad
# C_t = f_t \odot C_{t-1} + i_t \odot g_t, \quad h_t = o_t \odot \tanh(C_t)$$
#
# 각 $\cdot$는 자기 가중치를 가진 아핀 변환 $x_t W_{x*} + h_{t-1} W_{h*} + b_*$입니다. 한 시점에는
# 기울기가 두 개 도착합니다. $h_t$에 도착하는 $dh_t$, 그리고 $C_t$로 $C_{t+1}$을 만드는 시점 $t+1$에서
# $C_t$에 도착하는 $dc_t$입니다. 그래프를 거꾸로 따라갑니다.
#
# 1. **$C_t$로 들어오는 두 경로.** $C_t$는 다음 시점을 통해 손실에 직접 닿고($dc_t$),
#    $h_t = o_t \odot \tanh(C_t)$를 통해서도 닿습니다. 둘을 더합니다:
#    $dC_t = dc_t + dh_t \odot o_t \odot (1 - \tanh^2(C_t))$.
# 2. **output gate**는 $\tanh(C_t)$에 곱해집니다: $do_t = dh_t \odot \tanh(C_t)$.
# 3. **셀 갱신** $C_t = f_t \odot C_{t-1} + i_t \odot g_t$는 요소별 곱과 합입니다. 각 인자는 $dC_t$에
#    다른 인자를 곱한 기울기를 받습니다: $df_t = dC_t \odot C_{t-1}$ (이전 셀 상태),
#    $di_t = dC_t \odot g_t$, $dg_t = dC_t \odot i_t$, 그리고
#    $$dC_{t-1} = dC_t \odot f_t$$
#    이것이 **gradient highway**입니다. 셀 상태를 따라 거슬러 갈 때 기울기에는 forget gate만 요소별로
#    곱해지고, 그 사이에 가중치 행렬도 tanh의 기울기도 없습니다. $f_t \approx 1$인 동안 기울기는 거의
#    그대로 전달됩니다.
# 4. **비선형 함수 통과**는 RNN과 같고, 기울기는 출력으로 씁니다. 게이트는 $\sigma' = \sigma (1 - \sigma)$
#    이므로 $da_f = df_t \odot f_t \odot (1 - f_t)$이고 $i$, $o$도 마찬가지입니다. 후보는
#    $\tanh' = 1 - g_t^2$이므로 $da_g = dg_t \odot (1 - g_t^2)$입니다.
# 5. **네 개의 아핀 변환 통과**는 각각 RNN과 똑같고, 가중치만 자기 것을 씁니다. $x_t$와 $h_{t-1}$은 네
#    곳 모두에 들어가므로, 그 기울기는 네 기여의 **합**입니다.

# %% provided="recurrent:sigmoid,lstm_gates,lstm_candidate,lstm_cell_update,lstm_hidden,lstm_step,lstm_forward"

# %% solution
def lstm_step_backward(dh_t, dc_t, x_t, h_prev, c_prev, params):
    """
    [en]
    Backward of one LSTM step: the gradients of its inputs, of both states and of its 12 weights.
    [/]
    [ko]
    LSTM 한 시점의 역전파: 입력, 두 상태, 12개 가중치의 기울기.
    [/]

        C_t    = f_t ⊙ C_{t-1} + i_t ⊙ g_t
        dC_t   = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))
        do_t   = dh_t ⊙ tanh(C_t)
        df_t   = dC_t ⊙ C_{t-1}     di_t = dC_t ⊙ g_t     dg_t = dC_t ⊙ i_t
        dc_prev = dC_t ⊙ f_t
        da_* = d*_t ⊙ *_t ⊙ (1 − *_t),  * = f, i, o;      da_g = dg_t ⊙ (1 − g_t²)
        dx_t = Σ_* da_* W_x*ᵀ    dh_prev = Σ_* da_* W_h*ᵀ
        dW_x* = x_tᵀ da_*        dW_h* = h_{t-1}ᵀ da_*     db_* = Σ_n da_*[n]
    [en]
        (f_t, i_t, o_t, g_t and C_t are recomputed from the inputs, as in the forward step; dC_t adds
         both paths into C_t; dc_prev = dC_t ⊙ f_t is the gradient highway; Σ_n sums over the rows of
         the batch)
    [/]
    [ko]
        (f_t, i_t, o_t, g_t, C_t는 순전파처럼 입력으로부터 다시 계산; dC_t는 C_t로 들어오는 두 경로의 합;
         dc_prev = dC_t ⊙ f_t가 gradient highway; Σ_n은 배치의 행에 대한 합)
    [/]

    [en]
    Inputs:
    - dh_t: ∂L/∂h_t, the gradient arriving at h_t, shape (N, H)
    - dc_t: the gradient arriving at C_t from step t+1, shape (N, H)
      (the path through h_t is added inside this function)
    - x_t: input at time t, shape (N, D)
    - h_prev, c_prev: the states that entered the step, h_{t-1} and C_{t-1}, each (N, H)
    - params: dict with W_x* (D, H), W_h* (H, H), b_* (H,) for * in f, i, o, g

    Returns a tuple (dx_t, dh_prev, dc_prev, grads):
    - dx_t: shape (N, D); dh_prev, dc_prev: shape (N, H)
    - grads: a new dict with exactly the 12 keys W_x*, W_h*, b_* (* in f, i, o, g),
      each the shape of its weight
    [/]
    [ko]
    입력:
    - dh_t: ∂L/∂h_t, h_t에 도착한 기울기, shape (N, H)
    - dc_t: 시점 t+1에서 C_t에 도착한 기울기, shape (N, H)
      (h_t를 거치는 경로는 이 함수 안에서 더합니다)
    - x_t: 시점 t의 입력, shape (N, D)
    - h_prev, c_prev: 이 시점에 들어온 상태 h_{t-1}과 C_{t-1}, 각각 (N, H)
    - params: * = f, i, o, g에 대해 W_x* (D, H), W_h* (H, H), b_* (H,)를 담은 dict

    반환: 튜플 (dx_t, dh_prev, dc_prev, grads)
    - dx_t: shape (N, D), dh_prev, dc_prev: shape (N, H)
    - grads: 정확히 12개 키 W_x*, W_h*, b_* (* = f, i, o, g)만 갖는 새 dict,
      각각 해당 가중치와 같은 shape
    [/]
    """
    ### BEGIN SOLUTION
    f_t, i_t, o_t = lstm_gates(x_t, h_prev, params)        # the forward step again (no cache)
    g_t = lstm_candidate(x_t, h_prev, params)              # the candidate C̃_t
    c_t = f_t * c_prev + i_t * g_t
    tanh_c = np.tanh(c_t)

    dc = dc_t + dh_t * o_t * (1.0 - tanh_c ** 2)           # both paths into C_t
    da = {"f": dc * c_prev * f_t * (1.0 - f_t),            # σ′ = σ(1 − σ)
          "i": dc * g_t * i_t * (1.0 - i_t),
          "o": dh_t * tanh_c * o_t * (1.0 - o_t),
          "g": dc * i_t * (1.0 - g_t ** 2)}                # tanh′ = 1 − tanh²
    dx_t, dh_prev, grads = 0.0, 0.0, {}
    for gate, da_gate in da.items():                       # the four affine maps
        dx_t = dx_t + da_gate @ params[f"W_x{gate}"].T
        dh_prev = dh_prev + da_gate @ params[f"W_h{gate}"].T
        grads[f"W_x{gate}"] = x_t.T @ da_gate
        grads[f"W_h{gate}"] = h_prev.T @ da_gate
        grads[f"b_{gate}"] = da_gate.sum(axis=0)
    return dx_t, dh_prev, dc * f_t, grads                  # dC_{t-1} = dC_t ⊙ f_t: the highway
    ### END SOLUTION


# %% test="lstm_step_backward" points=4

# %% [markdown] lang="en"
# Check it against the provided `lstm_step`. Its outputs are $(h_t, C_t)$, so the backward takes two
# upstream gradients, $dh_t$ and $dc_t$, and `grad_check` makes up one for each.

# %% [markdown] lang="ko"
# 제공된 `lstm_step`으로 확인합니다. 출력이 $(h_t, C_t)$이므로 backward는 upstream 기울기 두 개
# $dh_t$와 $dc_t$를 받고, `grad_check`는 각각 하나씩 만들어 넣습니다.

# %%
c_prev = rng.normal(size=(N, H))
lstm_params = {f"{kind}{gate}": rng.normal(scale=0.6, size=size) for gate in "fiog"
               for kind, size in (("W_x", (D, H)), ("W_h", (H, H)), ("b_", (H,)))}
attempt(grad_check, lstm_step_backward, lstm_step, x_t, h_prev, c_prev, lstm_params)


# %% [markdown] lang="en"
# ## 8. BPTT through an LSTM sequence
#
# As for the RNN, walk back from $t = T-1$ to $0$, now carrying **two** gradients from step $t+1$ to
# step $t$: the one for $h_t$ (added to `dhs[:, t]`, as before) and the one for $C_t$ (the $dc_t$ of
# step $t$). Nothing reaches $h_{T-1}$ or $C_{T-1}$ from after the last step except `dhs`. Each step
# needs the states that entered it, $h_{t-1}$ and $C_{t-1}$; `lstm_forward` returns the hidden states
# but not the cell states, so run the provided `lstm_step` along the sequence yourself. The 12 weight
# gradients are summed over the steps; what step 0 passes back is $(dh_0, dC_0)$.

# %% [markdown] lang="ko"
# ## 8. LSTM 시퀀스의 BPTT
#
# RNN처럼 $t = T-1$에서 $0$까지 거슬러 가는데, 이번에는 시점 $t+1$에서 시점 $t$로 기울기 **두 개**를
# 넘깁니다. $h_t$에 대한 기울기(앞에서처럼 `dhs[:, t]`에 더함)와 $C_t$에 대한 기울기(시점 $t$의
# $dc_t$)입니다. 마지막 시점 뒤에서는 `dhs` 말고는 $h_{T-1}$에도 $C_{T-1}$에도 아무것도 오지 않습니다.
# 각 시점에는 그 시점에 들어온 상태 $h_{t-1}$과 $C_{t-1}$이 필요합니다. `lstm_forward`는 은닉 상태는
# 반환하지만 셀 상태는 반환하지 않으므로, 제공된 `lstm_step`을 시퀀스를 따라 직접 실행하세요. 12개
# 가중치의 기울기는 모든 시점에 대해 더하고, 시점 0이 돌려보내는 것이 $(dh_0, dC_0)$입니다.

# %% solution
def lstm_backward(dhs, x, h0, c0, params):
    """
    [en]
    Backpropagation through time for the LSTM, over whole sequences.
    [/]
    [ko]
    시퀀스 전체에 대한 LSTM의 시간 역전파(BPTT).
    [/]

        t = T−1, …, 0:   dh_t = dhs[:, t] + dh_prev(t+1),   dc_t = dc_prev(t+1)
                         dx_t, dh_prev(t), dc_prev(t), grads(t) = lstm_step_backward(dh_t, dc_t, x_t, h_{t-1}, C_{t-1}, params)
        grads = Σ_t grads(t),   dh0 = dh_prev(0),   dc0 = dc_prev(0)
    [en]
        (backwards in time: dh_prev(t+1) and dc_prev(t+1) are what step t+1 passes back, 0 after the
         last step, so nothing but dhs arrives at h_{T−1} and C_{T−1}; the weights' gradients are summed
         over all steps)
    [/]
    [ko]
        (시간을 거슬러: dh_prev(t+1)과 dc_prev(t+1)은 시점 t+1이 돌려주는 기울기이고 마지막 시점 뒤에서는 0이므로,
         h_{T−1}과 C_{T−1}에는 dhs 말고는 아무것도 오지 않음; 가중치의 기울기는 모든 시점에 대해 합함)
    [/]

    [en]
    Inputs:
    - dhs: ∂L/∂h_t from each step's own output, shape (N, T, H)
    - x: input sequences, shape (N, T, D)
    - h0, c0: initial hidden and cell states, each (N, H)
    - params: dict of LSTM weights, as for lstm_step_backward

    Returns a tuple (dx, dh0, dc0, grads):
    - dx: shape (N, T, D); dh0, dc0: shape (N, H)
    - grads: a new dict with exactly the 12 LSTM keys, each summed over all steps
    [/]
    [ko]
    입력:
    - dhs: 각 시점 자신의 출력에서 온 ∂L/∂h_t, shape (N, T, H)
    - x: 입력 시퀀스, shape (N, T, D)
    - h0, c0: 초기 은닉 상태와 셀 상태, 각각 (N, H)
    - params: lstm_step_backward와 같은 LSTM 가중치 dict

    반환: 튜플 (dx, dh0, dc0, grads)
    - dx: shape (N, T, D), dh0, dc0: shape (N, H)
    - grads: 정확히 12개 LSTM 키만 갖는 새 dict, 각각 모든 시점에 대한 합
    [/]
    """
    ### BEGIN SOLUTION
    T = x.shape[1]
    hs, cs = [h0], [c0]                                    # hs[t], cs[t]: the states entering step t
    for t in range(T):
        h_t, c_t = lstm_step(x[:, t], hs[-1], cs[-1], params)
        hs.append(h_t)
        cs.append(c_t)
    dx = np.zeros(x.shape)
    grads = {f"{kind}{gate}": np.zeros(np.shape(params[f"{kind}{gate}"]))
             for gate in "fiog" for kind in ("W_x", "W_h", "b_")}
    dh_next, dc_next = np.zeros(np.shape(h0)), np.zeros(np.shape(c0))
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next, step = lstm_step_backward(
            dhs[:, t] + dh_next, dc_next, x[:, t], hs[t], cs[t], params)
        for k in grads:
            grads[k] += step[k]
    return dx, dh_next, dc_next, grads
    ### END SOLUTION


# %% test="lstm_backward" points=3

# %% [markdown] lang="en"
# The gradient check of the whole LSTM sequence, against the provided `lstm_forward`:

# %% [markdown] lang="ko"
# 제공된 `lstm_forward`로 LSTM 시퀀스 전체의 gradient check를 합니다.

# %%
c0 = rng.normal(size=(N, H))
attempt(grad_check, lstm_backward, lstm_forward, x_seq, h0, c0, lstm_params)


# %% [markdown] lang="en"
# ### 8.1 The gradient highway, seen
#
# The same sequence as in section 6 and the same measurement, $\lVert \partial L / \partial h_t \rVert$
# for a loss at the last step, now also through an LSTM (random weights of the same scale as the RNN
# with $g = 1$; its $\partial L / \partial h_t$ and $\partial L / \partial C_t$ are the $dh_0$ and $dC_0$
# of your `lstm_backward` on the rest of the sequence). Twice: with forget-gate bias $b_f = 0$, so
# $f_t$ hovers around $\sigma(0) = 0.5$, and with $b_f = 3$, so $f_t \approx \sigma(3) \approx 0.95$.
# Look for:
#
# - with $b_f = 3$ the gradient reaches the start of the sequence with much of its strength: along
#   the cell state it is multiplied only by $f_t \approx 1$ per step. This is why LSTMs are often
#   initialised with a positive forget-gate bias;
# - with $b_f = 0$ the highway is half closed at every step: the LSTM's gradient fades as well (here
#   even faster than the RNN's). The gate, not the architecture alone, keeps the path open; a trained
#   LSTM learns when to.
#
# (Solid lines: $\lVert \partial L / \partial h_t \rVert$; dashed: $\lVert \partial L / \partial C_t \rVert$.)

# %% [markdown] lang="ko"
# ### 8.1 눈으로 보는 gradient highway
#
# 6절과 같은 시퀀스에서 같은 측정, 곧 마지막 시점의 손실에 대한 $\lVert \partial L / \partial h_t \rVert$를
# 이번에는 LSTM으로도 합니다 (가중치는 $g = 1$인 RNN과 같은 크기의 무작위 값이고,
# $\partial L / \partial h_t$와 $\partial L / \partial C_t$는 나머지 시퀀스에 대한 여러분의
# `lstm_backward`가 반환하는 $dh_0$과 $dC_0$입니다). 두 번 합니다. forget gate 편향이 $b_f = 0$이면
# $f_t$가 $\sigma(0) = 0.5$ 근처에 머물고, $b_f = 3$이면 $f_t \approx \sigma(3) \approx 0.95$입니다.
# 다음을 확인해 보세요.
#
# - $b_f = 3$이면 기울기가 세기를 많이 유지한 채 시퀀스의 처음까지 도달합니다. 셀 상태를 따라가는 동안
#   시점마다 $f_t \approx 1$만 곱해지기 때문입니다. LSTM의 forget gate 편향을 양수로 초기화하는 경우가
#   많은 이유입니다.
# - $b_f = 0$이면 highway가 시점마다 반쯤 닫혀 있어서 LSTM의 기울기도 약해집니다 (여기서는 RNN보다도
#   빠르게). 구조만으로가 아니라 게이트가 경로를 열어 두는 것이고, 학습된 LSTM은 언제 열어 둘지를
#   배웁니다.
#
# (실선: $\lVert \partial L / \partial h_t \rVert$, 점선: $\lVert \partial L / \partial C_t \rVert$)

# %% picture
def lstm_gradient_norms(x, u, params):
    """
    [en]
    (||dL/dh_t||, ||dL/dC_t||) for t = 0 … T−1 with L = <u, h_{T−1}>, measured with your lstm_backward.
    [/]
    [ko]
    L = <u, h_{T−1}>일 때 t = 0 … T−1의 (||dL/dh_t||, ||dL/dC_t||), 여러분의 lstm_backward로 잽니다.
    [/]
    """
    T, H = x.shape[1], len(params["b_f"])
    h, c, states = np.zeros((len(x), H)), np.zeros((len(x), H)), []
    for t in range(T):
        h, c = lstm_step(x[:, t], h, c, params)
        states.append((h, c))
    dh_norms, dc_norms = [np.linalg.norm(u)], [np.nan]
    for t in range(T - 2, -1, -1):
        dhs = np.zeros((len(x), T - t - 1, H))
        dhs[:, -1] = u
        _, dh_t, dc_t, _ = lstm_backward(dhs, x[:, t + 1:], *states[t], params)
        dh_norms.append(np.linalg.norm(dh_t))
        dc_norms.append(np.linalg.norm(dc_t))
    return np.array(dh_norms[::-1]), np.array(dc_norms[::-1])


def show_highway():
    x, u, W_xh, W_hh = sequence_and_weights()
    D, H = W_xh.shape
    rng = np.random.default_rng(2)
    # [en]
    title = "the loss at the last step, seen from each earlier step: plain RNN vs LSTM"
    xlabel, ylabel = "time step t", "gradient norm (log scale)"
    rnn_label = r"RNN $\|\partial L / \partial h_t\|$"
    h_label, c_label = r"LSTM, $b_f = {b}$: $\|\partial L / \partial h_t\|$", r"LSTM, $b_f = {b}$: $\|\partial L / \partial C_t\|$"
    # [/]
    # [ko]
    title = "마지막 시점의 손실을 앞쪽 각 시점에서 본 세기: 기본 RNN과 LSTM"
    xlabel, ylabel = "시점 t", "기울기의 norm (로그 스케일)"
    rnn_label = r"RNN $\|\partial L / \partial h_t\|$"
    h_label, c_label = r"LSTM, $b_f = {b}$: $\|\partial L / \partial h_t\|$", r"LSTM, $b_f = {b}$: $\|\partial L / \partial C_t\|$"
    # [/]
    lstm = {}
    for gate in "fiog":
        lstm[f"W_x{gate}"] = rng.normal(0, 1 / np.sqrt(D), (D, H))
        lstm[f"W_h{gate}"] = rng.normal(0, 1 / np.sqrt(H), (H, H))
        lstm[f"b_{gate}"] = np.zeros(H)
    steps = np.arange(x.shape[1])
    fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.semilogy(steps, rnn_gradient_norms(x, u, {"W_xh": W_xh, "W_hh": W_hh, "b_h": np.zeros(H)}), "o-", ms=3,
                color="tab:blue", label=rnn_label)
    for b, color in ((0, "tab:orange"), (3, "tab:green")):
        dh, dc = lstm_gradient_norms(x, u, dict(lstm, b_f=np.full(H, float(b))))
        ax.semilogy(steps, dh, "s-", ms=3, color=color, label=h_label.format(b=b))
        ax.semilogy(steps, dc, "--", color=color, label=c_label.format(b=b))
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


draw(show_highway, "rnn_backward, lstm_step_backward, lstm_backward")


# %% [markdown] lang="en"
# ## 9. Gradient clipping
#
# Gates help a gradient survive; nothing in them stops one from exploding. The usual guard is
# **gradient clipping by the global norm**: treat all gradient arrays together as one long vector,
# measure its length, and if it is longer than a threshold `max_norm`, shrink **every** array by the
# same factor, so that the whole gradient keeps its direction and gets the length `max_norm`:
#
# $$\lVert g \rVert = \sqrt{\textstyle\sum_{k} \sum g_k^2}, \qquad
# g_k \leftarrow g_k \cdot \min\!\left(1, \frac{\texttt{max\_norm}}{\lVert g \rVert + 10^{-6}}\right)
# \text{ for every array } g_k.$$
#
# Below the threshold the factor is 1 and nothing changes; clipping only ever shrinks. Clipping each
# array by its own norm would change the direction of the whole step. The $10^{-6}$ guards the
# division, and the result matches PyTorch's `torch.nn.utils.clip_grad_norm_`, which also reports the
# norm **before** clipping (so you can log how large the gradients were). Return new arrays: the
# caller's `grads` stay as they were.

# %% [markdown] lang="ko"
# ## 9. Gradient clipping
#
# 게이트는 기울기가 살아남게 도와주지만, 기울기가 폭발하는 것은 막지 못합니다. 흔한 방법은 **전역
# norm에 의한 gradient clipping**입니다. 모든 기울기 배열을 하나의 긴 벡터로 보고 그 길이를 잰 다음,
# 임계값 `max_norm`보다 길면 **모든** 배열을 같은 비율로 줄입니다. 그러면 전체 기울기는 방향을 유지하고
# 길이가 `max_norm`이 됩니다.
#
# $$\lVert g \rVert = \sqrt{\textstyle\sum_{k} \sum g_k^2}, \qquad
# g_k \leftarrow g_k \cdot \min\!\left(1, \frac{\texttt{max\_norm}}{\lVert g \rVert + 10^{-6}}\right)
# \text{ (모든 배열 } g_k\text{에 대해)}$$
#
# 임계값 아래에서는 비율이 1이어서 아무것도 바뀌지 않습니다. clipping은 줄이기만 합니다. 배열마다 자기
# norm으로 clip하면 전체 업데이트의 방향이 바뀝니다. $10^{-6}$은 나눗셈을 보호하며, 결과는 PyTorch의
# `torch.nn.utils.clip_grad_norm_`과 같습니다. 이 함수도 clipping **이전**의 norm을 알려 줍니다 (기울기가
# 얼마나 컸는지 기록할 수 있도록). 새 배열을 반환하세요. 호출한 쪽의 `grads`는 그대로 두어야 합니다.

# %% solution
def clip_grad_norm(grads, max_norm):
    """
    [en]
    Clip a dict of gradients by their global L2 norm, as torch.nn.utils.clip_grad_norm_.
    [/]
    [ko]
    기울기 dict를 전역 L2 norm으로 clip합니다 (torch.nn.utils.clip_grad_norm_과 같음).
    [/]

        total_norm = sqrt(Σ_k Σ grads[k]²)
        clipped[k] = grads[k] · min(1, max_norm / (total_norm + 1e-6))
    [en]
        (Σ_k runs over every key of grads, the inner Σ over every entry of one array;
         every array is scaled by the same factor)
    [/]
    [ko]
        (Σ_k는 grads의 모든 키에 대한 합, 안쪽 Σ는 한 배열의 모든 원소에 대한 합;
         모든 배열에 같은 비율을 곱함)
    [/]

    [en]
    Inputs:
    - grads: dict of gradient arrays (any keys, any shapes)
    - max_norm: the largest global norm allowed, a positive float

    Returns a tuple (clipped, total_norm):
    - clipped: a new dict with the same keys (the arrays of grads are left unchanged)
    - total_norm: the global norm BEFORE clipping, a Python float
    [/]
    [ko]
    입력:
    - grads: 기울기 배열의 dict (키와 shape은 무엇이든 됨)
    - max_norm: 허용하는 가장 큰 전역 norm, 양의 실수

    반환: 튜플 (clipped, total_norm)
    - clipped: 같은 키를 갖는 새 dict (grads의 배열은 바꾸지 않음)
    - total_norm: clipping 이전의 전역 norm, Python float
    [/]
    """
    ### BEGIN SOLUTION
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    factor = min(1.0, max_norm / (total_norm + 1e-6))
    return {k: g * factor for k, g in grads.items()}, total_norm
    ### END SOLUTION


# %% test="clip_grad_norm" points=2

# %% [markdown] lang="en"
# ### 9.1 Clipping an exploding run
#
# A small training run shows what clipping is for. An RNN like those of section 6, with $g = 2$
# ($T = 20$, $H = 16$), learns to make its last state $h_{T-1}$ match a target that depends on the first input,
# loss $\tfrac{1}{2N} \sum \lVert h_{T-1} - y \rVert^2$, by plain gradient descent with learning rate
# $0.3$, computing every gradient with your `rnn_backward`. Twice from the same start: once as it is,
# once with `clip_grad_norm(grads, 1.0)` before each update. The left panel is the loss, the right one
# the gradient's global norm before clipping (the `total_norm` your function returns). Look for:
#
# - without clipping, the loss first falls, then a few huge gradients (the spikes on the right) throw
#   the weights far away: the loss jumps up and does not recover. Many tanh units are now saturated,
#   and the gradient is mostly small, with new spikes now and then;
# - with clipping, the same huge gradients only set the direction of a step of length at most 0.3,
#   and the loss keeps going down;
# - clipping changes no gradient smaller than `max_norm`; it cannot help a gradient that vanishes.

# %% [markdown] lang="ko"
# ### 9.1 폭발하는 학습에 clipping 적용하기
#
# 작은 학습으로 clipping이 무엇을 위한 것인지 봅니다. 6절과 같은 종류의 RNN을 $g = 2$($T = 20$, $H = 16$)로 두고,
# 마지막 상태 $h_{T-1}$이 첫 입력에 따라 정해지는 목표와 같아지도록, 손실
# $\tfrac{1}{2N} \sum \lVert h_{T-1} - y \rVert^2$을 학습률 $0.3$의 기본 경사 하강법으로 학습합니다.
# 기울기는 매번 여러분의 `rnn_backward`로 계산합니다. 같은 출발점에서 두 번, 한 번은 그대로, 한 번은
# 업데이트마다 먼저 `clip_grad_norm(grads, 1.0)`을 적용합니다. 왼쪽은 손실, 오른쪽은 clipping 이전의
# 기울기 전역 norm(여러분의 함수가 반환하는 `total_norm`)입니다. 다음을 확인해 보세요.
#
# - clipping이 없으면 손실이 처음에는 내려가다가, 몇 번의 거대한 기울기(오른쪽의 뾰족한 봉우리)가
#   가중치를 멀리 날려 보냅니다. 손실이 뛰어오르고 회복되지 않습니다. 이제 많은 tanh 유닛이 포화되어
#   기울기는 대부분 작고, 가끔 다시 봉우리가 솟습니다.
# - clipping을 하면 같은 거대한 기울기도 길이가 최대 0.3인 스텝의 방향만 정하고, 손실은 계속 내려갑니다.
# - clipping은 `max_norm`보다 작은 기울기는 바꾸지 않습니다. 소실되는 기울기에는 도움이 되지 않습니다.

# %% picture
def train_rnn(params, x, y, max_norm, lr=0.3, steps=100):
    """
    [en]
    Plain gradient descent on 1/(2N) Σ ||h_{T−1} − y||²; returns (losses, gradient norms before clipping).
    [/]
    [ko]
    1/(2N) Σ ||h_{T−1} − y||²에 대한 기본 경사 하강법. 반환: (손실들, clipping 이전의 기울기 norm들).
    [/]
    """
    params = {k: v.copy() for k, v in params.items()}
    N, T, H = len(x), x.shape[1], len(params["b_h"])
    h0 = np.zeros((N, H))
    losses, norms = [], []
    for _ in range(steps):
        hs, h_last = rnn_forward(x, h0, params)
        losses.append(0.5 * np.sum((h_last - y) ** 2) / N)
        dhs = np.zeros((N, T, H))
        # [en]
        # the loss sits at the last step only; with max_norm = inf, clip_grad_norm measures and does not clip
        # [/]
        # [ko]
        # 손실은 마지막 시점에만 있음; max_norm = inf이면 clip_grad_norm은 norm만 재고 clip하지 않음
        # [/]
        dhs[:, -1] = (h_last - y) / N
        _, _, grads = rnn_backward(dhs, x, h0, params)
        grads, total_norm = clip_grad_norm(grads, max_norm)
        norms.append(total_norm)
        params = {k: params[k] - lr * grads[k] for k in params}
    return np.array(losses), np.array(norms)


def show_clipping(T=20, N=16, D=3, H=16, g=2.0):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, T, D))
    # [en]
    # the target depends on the first input
    # [/]
    # [ko]
    # 목표는 첫 입력에 따라 정해짐
    # [/]
    y = np.tanh(x[:, 0] @ rng.normal(size=(D, H)))
    weights = np.random.default_rng(1)
    start = {"W_xh": weights.normal(0, 1 / np.sqrt(D), (D, H)), "W_hh": weights.normal(0, g / np.sqrt(H), (H, H)),
             "b_h": np.zeros(H)}
    # [en]
    titles = ("training loss", "gradient norm before clipping")
    xlabel = "training step"
    labels = ("no clipping", "clip_grad_norm(grads, 1.0)", "max_norm = 1")
    # [/]
    # [ko]
    titles = ("학습 손실", "clipping 이전의 기울기 norm")
    xlabel = "학습 스텝"
    labels = ("clipping 없음", "clip_grad_norm(grads, 1.0)", "max_norm = 1")
    # [/]
    runs = [(train_rnn(start, x, y, np.inf), "tab:red", labels[0]),
            (train_rnn(start, x, y, 1.0), "tab:blue", labels[1])]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for (losses, norms), color, label in runs:
        axes[0].plot(losses, color=color, label=label)
        axes[1].semilogy(norms, color=color, label=label)
    axes[1].axhline(1.0, color="gray", ls=":", label=labels[2])
    for ax, title in zip(axes, titles):
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


draw(show_clipping, "rnn_forward, rnn_backward, clip_grad_norm")

# %% [markdown] lang="en"
# ## 10. What you built, and how it is graded
#
# - The backward step of a plain RNN: through the tanh with $\tanh' = 1 - h_t^2$, through an affine
#   map with the shape rule, through a bias by summing over the batch.
# - BPTT: the gradient at $h_t$ is what its own output sends plus what step $t+1$ hands back, so the
#   walk goes backwards in time; shared weights collect their gradients from every step.
# - Why a plain RNN's gradient vanishes or explodes (the same factor, step after step), and the LSTM's
#   gradient highway, $dC_{t-1} = dC_t \odot f_t$, open while the forget gate is near 1.
# - Gradient clipping by the global norm, which caps an exploding gradient and keeps its direction.
# - The habit of checking every backward function against centred finite differences.
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use small examples you can verify by hand (a tanh of
#   $\ln 3$ is $0.8$; a 3-4-5 triangle for clipping) and a gradient check of your backward against your
#   own forward. They catch the common mistakes but do not prove your code right.
# - At grading time, hidden checks call each of your functions on fresh random inputs (all sizes
#   different, a batch of several examples, sequences of several steps, nonzero states, biases and
#   upstream gradients at every step) and compare every returned array with the lecture's formulas:
#   `dx`, `dh_prev`, `dc_prev` and each key of `grads` are separate checks, so a slip in one formula
#   costs the checks it touches, and partly working code earns partial credit.
# - Your feedback lists every check. For a sequence it says at which time step a gradient first
#   differs, walking back from the last; when a result looks like a known mistake (the gradient from
#   step $t+1$ left out, $dC_{t-1}$ without $\odot f_t$, $\tanh'$ from the pre-activation, clipping
#   each array by its own norm, …) it names the likely mistake.
# - Only the code in your function cells (and the provided cell) runs at grading, so keep any helper
#   functions inside those cells.

# %% [markdown] lang="ko"
# ## 10. 정리와 채점 방식
#
# - 기본 RNN 한 시점의 역전파: tanh는 $\tanh' = 1 - h_t^2$로, 아핀 변환은 shape 규칙으로, 편향은 배치에
#   대한 합으로 통과합니다.
# - BPTT: $h_t$의 기울기는 자신의 출력이 보내는 것과 시점 $t+1$이 돌려주는 것의 합이므로, 시간을 거슬러
#   계산합니다. 공유 가중치는 모든 시점에서 기울기를 모읍니다.
# - 기본 RNN의 기울기가 소실되거나 폭발하는 이유(같은 인자가 시점마다 곱해짐)와, forget gate가 1에
#   가까운 동안 열려 있는 LSTM의 gradient highway $dC_{t-1} = dC_t \odot f_t$.
# - 전역 norm에 의한 gradient clipping: 폭발한 기울기의 길이를 제한하고 방향은 유지합니다.
# - 모든 backward 함수를 중앙 유한 차분으로 확인하는 습관.
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 작은 예제($\ln 3$의 tanh는 $0.8$, clipping에는
#   3-4-5 삼각형)와, 여러분의 순전파로 backward를 확인하는 gradient check를 사용합니다. 흔한 실수는
#   잡아내지만, 코드가 옳다는 것을 증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 매번 새로 만든 무작위 입력(크기가 모두 다르고, 예제 여러 개의 배치, 여러
#   시점의 시퀀스, 0이 아닌 상태와 편향, 모든 시점의 upstream 기울기)으로 각 함수를 호출해, 반환된 모든
#   배열을 강의 수식의 결과와 비교합니다. `dx`, `dh_prev`, `dc_prev`와 `grads`의 각 키가 따로 검사되므로,
#   수식 하나의 실수는 그 수식이 닿는 검사에만 영향을 주고, 일부만 맞아도 부분 점수를 받습니다.
# - 피드백에는 모든 검사 결과가 나옵니다. 시퀀스라면 마지막 시점부터 거슬러 가며 기울기가 처음 달라지는
#   시점을 알려 주고, 결과가 알려진 실수(시점 $t+1$에서 오는 기울기 누락, $\odot f_t$ 없는 $dC_{t-1}$,
#   pre-activation으로 계산한 $\tanh'$, 배열마다 따로 한 clipping 등)처럼 보이면 그 실수를 짚어 줍니다.
# - 함수 셀(과 제공된 셀) 안의 코드만 채점 때 실행되므로, 보조 함수는 반드시 함수 셀 안에 두세요.
