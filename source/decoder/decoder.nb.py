# %% [markdown] lang="en"
# # The decoder: sequence-to-sequence with attention
#
# The encoder you built reads a sentence and gives every token a vector that knows its context. In
# this assignment you build the other half of the lecture's Transformer, the **decoder**, which
# *writes* a sentence, one token at a time, while looking at the encoder's output:
#
# ```
# source tokens ──► [encoder blocks] ──► memory (one vector per source token)
#                                           │ keys and values
#                                           ▼
# target so far ──► [masked self-attention] ──► [cross-attention] ──► [FFN] ──► next-token logits
#     (bos, y_0, …)     (each block: residual connection + layer norm around every sublayer)
# ```
#
# You implement, one piece at a time:
#
# 1. **additive attention** (Bahdanau), the third scoring function of the lecture, and compare it
#    with the dot product;
# 2. **teacher forcing**: the decoder's input in training, `shift_right`;
# 3. the **decoder block**: causal self-attention, cross-attention to the encoder output, FFN;
# 4. the training loss: **cross-entropy over the real tokens, with label smoothing**;
# 5. **greedy decoding**: writing a sequence with a trained model.
#
# At the end your functions run a small trained Transformer (shipped with this notebook, see
# section 0) that reverses digit sequences. When your code is right it visibly works; when
# something is off (say, the decoder may look at the future) it visibly does not. You will also
# measure what changes between training (teacher forcing) and generation.
#
# **How to work**
# - In each function cell, replace `raise NotImplementedError()` with your code. Keep the `def` line
#   and the docstring; the docstring gives the shapes and the formula.
# - Run the test cell below it. `check(shift_right)` prints ✓ when your function passes its
#   self-checks, or ✗ with what is off.
# - NumPy is all you need. A function may call the ready-made ones of section 0 and the ones you
#   wrote above it; helper functions you add must go inside a function cell.
#
# **Conventions** (as before). Every token is a **row** vector, batches come first: a batch of
# sequences has shape $(N, n, d_{model})$ and weights multiply from the right, $x W$. Token ids are
# integer arrays of shape $(N, n)$. Masks are boolean, **True = may attend**. Three ids are special:
# `pad_id` (padding, after the end of a short sequence), `bos_id` (*beginning of sequence*, the
# first input of the decoder) and `eos_id` (*end of sequence*, the token that ends an output).

# %% [markdown] lang="ko"
# # 디코더: attention을 쓰는 sequence-to-sequence
#
# 여러분이 만든 인코더는 문장을 읽고 모든 토큰에 문맥을 아는 벡터를 줍니다. 이번 과제에서는 강의의
# Transformer의 나머지 절반인 **디코더**를 만듭니다. 디코더는 인코더의 출력을 보면서 문장을 한 토큰씩
# *씁니다*.
#
# ```
# 원문 토큰 ──► [인코더 블록] ──► memory (원문 토큰마다 벡터 하나)
#                                   │ key와 value
#                                   ▼
# 지금까지의 출력 ──► [masked self-attention] ──► [cross-attention] ──► [FFN] ──► 다음 토큰의 logit
#   (bos, y_0, …)      (블록마다: 모든 서브레이어에 residual connection + layer norm)
# ```
#
# 다음을 차례로 구현합니다.
#
# 1. 강의의 세 번째 점수 함수인 **additive attention**(Bahdanau)을 구현하고 내적과 비교합니다.
# 2. **teacher forcing**: 학습할 때 디코더의 입력, `shift_right`.
# 3. **디코더 블록**: causal self-attention, 인코더 출력에 대한 cross-attention, FFN.
# 4. 학습 손실: **실제 토큰에 대한 cross-entropy와 label smoothing**.
# 5. **greedy decoding**: 학습된 모델로 시퀀스를 쓰기.
#
# 마지막에는 여러분의 함수가 숫자 시퀀스를 뒤집도록 학습된 작은 Transformer(이 노트북과 함께 제공,
# 0절 참고)를 실행합니다. 코드가 맞으면 눈에 띄게 잘 동작하고, 어딘가 틀리면 (예를 들어 디코더가 미래를
# 볼 수 있으면) 눈에 띄게 실패합니다. 학습(teacher forcing)과 생성 사이에 무엇이 달라지는지도
# 측정합니다.
#
# **진행 방법**
# - 각 함수 셀의 `raise NotImplementedError()`를 여러분의 코드로 바꾸세요. `def` 줄과 docstring은
#   그대로 두세요. docstring에 shape과 수식이 적혀 있습니다.
# - 바로 아래의 테스트 셀을 실행하세요. `check(shift_right)`는 자가 점검을 통과하면 ✓를, 통과하지
#   못하면 무엇이 틀렸는지 ✗와 함께 알려 줍니다.
# - NumPy만 있으면 됩니다. 0절의 완성된 함수와, 위에서 작성한 함수를 불러 써도 됩니다. 보조 함수를
#   만든다면 반드시 함수 셀 안에 두세요.
#
# **표기 규칙** (이전과 같음). 모든 토큰은 **행**(row) 벡터이고 배치가 맨 앞입니다: 시퀀스 배치의 shape은
# $(N, n, d_{model})$이고, 가중치는 오른쪽에서 곱합니다 ($x W$). 토큰 id는 shape $(N, n)$인 정수 배열입니다.
# 마스크는 불리언이고 **True = attend 가능**입니다. 특별한 id가 세 개 있습니다: `pad_id`(padding, 짧은
# 시퀀스의 끝 뒤), `bos_id`(시퀀스의 시작을 알리는 토큰, 디코더의 첫 입력), `eos_id`(시퀀스의 끝을 알리는
# 토큰, 출력을 끝냄).

# %% setup
import numpy as np
import matplotlib.pyplot as plt

import toy
from selfcheck import check, check_all, grade, say, use_language
use_language("en")  # seqlab: release language

# %% [markdown] lang="en"
# ## 0. Ready-made parts, and the toy model
#
# The next two cells define working versions of what you built in the attention and Transformer
# assignments (read-only): `softmax`, `scaled_dot_product_attention`, `causal_mask`, `padding_mask`,
# `split_heads`, `merge_heads`, `multi_head_attention`, `layer_norm`, `gelu`, `feed_forward` and
# `encoder_block`. Your decoder block calls four of them:
#
# - `causal_mask(n)` → the $(n, n)$ boolean mask, True on and below the diagonal;
# - `multi_head_attention(X_q, X_kv, params, n_heads, mask)` → `(out, weights)`, out $(N, n_q, d_{model})$,
#   weights $(N, h, n_q, n_{kv})$; the queries come from `X_q`, the keys and values from `X_kv`;
# - `layer_norm(x, gamma, beta)` over the last axis;
# - `feed_forward(x, params)` = $\operatorname{GELU}(x W_1 + b_1) W_2 + b_2$, which reads `W_1, b_1, W_2, b_2` from `params`.

# %% [markdown] lang="ko"
# ## 0. 완성된 부품과 예제 모델
#
# 다음 두 셀은 attention 과제와 Transformer 과제에서 만든 것들을 동작하는 버전으로 정의합니다 (읽기 전용):
# `softmax`, `scaled_dot_product_attention`, `causal_mask`, `padding_mask`, `split_heads`, `merge_heads`,
# `multi_head_attention`, `layer_norm`, `gelu`, `feed_forward`, `encoder_block`. 여러분의 디코더 블록은 이 중
# 네 가지를 호출합니다.
#
# - `causal_mask(n)` → 대각선과 그 아래가 True인 $(n, n)$ 불리언 마스크.
# - `multi_head_attention(X_q, X_kv, params, n_heads, mask)` → `(out, weights)`. out은 $(N, n_q, d_{model})$,
#   weights는 $(N, h, n_q, n_{kv})$입니다. query는 `X_q`에서, key와 value는 `X_kv`에서 나옵니다.
# - `layer_norm(x, gamma, beta)`: 마지막 축에 대해 정규화합니다.
# - `feed_forward(x, params)` = $\operatorname{GELU}(x W_1 + b_1) W_2 + b_2$. `params`에서 `W_1, b_1, W_2, b_2`를 읽습니다.

# %% provided="attention:softmax,scaled_dot_product_attention,causal_mask,padding_mask,split_heads,merge_heads,multi_head_attention"

# %% provided="transformer:layer_norm,gelu,feed_forward,encoder_block"

# %% [markdown] lang="en"
# **The toy task.** `toy.py` and `toy_reverse.npz` (in this folder) hold a small encoder–decoder
# Transformer, trained with PyTorch to **reverse a sequence of digits**: it reads the source `2 4 6`
# and writes `6 4 2` followed by `eos`. Its vocabulary has 13 tokens: `pad` = 0, `bos` = 1, `eos` = 2
# and the digits 0–9 as the tokens 3–12. The model is tiny ($d_{model} = 32$, 2 heads, one encoder
# block, two decoder blocks, post-norm), and `toy.py` runs it in NumPy with *your* functions: the
# provided `encoder_block` for the encoder, your `decoder_block` for the decoder and, to generate,
# your `greedy_decode`. Reversing is a good test of a decoder: to write the $t$-th output digit the
# model has to find the right source position, which it can only do through cross-attention, and it
# has to know which digits it has already written, which it can only see through its self-attention.
#
# The next cell loads the model and shows one example in tokens.

# %% [markdown] lang="ko"
# **예제 과제.** 이 폴더의 `toy.py`와 `toy_reverse.npz`에는 PyTorch로 **숫자 시퀀스를 뒤집도록** 학습한
# 작은 인코더–디코더 Transformer가 들어 있습니다. 원문 `2 4 6`을 읽고 `6 4 2`와 그 뒤에 `eos`를 씁니다.
# 어휘는 토큰 13개입니다: `pad` = 0, `bos` = 1, `eos` = 2, 그리고 숫자 0–9가 토큰 3–12입니다. 모델은 아주
# 작고($d_{model} = 32$, head 2개, 인코더 블록 1개, 디코더 블록 2개, post-norm), `toy.py`는 *여러분의*
# 함수로 이 모델을 NumPy에서 실행합니다: 인코더에는 제공된 `encoder_block`을, 디코더에는 여러분의
# `decoder_block`을, 생성에는 여러분의 `greedy_decode`를 씁니다. 뒤집기는 디코더를 시험하기 좋은
# 과제입니다. $t$번째 출력 숫자를 쓰려면 모델이 원문의 알맞은 위치를 찾아야 하는데, 그것은 cross-attention을
# 통해서만 할 수 있고, 이미 쓴 숫자가 무엇인지 알아야 하는데, 그것은 self-attention을 통해서만 볼 수
# 있습니다.
#
# 다음 셀은 모델을 불러오고 예제 하나를 토큰으로 보여 줍니다.

# %% picture
model = toy.load()
example_source = toy.digits_to_tokens([[2, 4, 6]], length=5)
example_target = toy.target_of(example_source)
# [en]
print(f"d_model = {model['embedding'].shape[1]}, heads = {model['n_heads']}, encoder blocks = {model['n_enc']}, "
      f"decoder blocks = {model['n_dec']}, vocabulary = {model['vocab_size']} tokens")
print("source digits 2 4 6 as tokens (padded to 5):", example_source[0].tolist())
print("target (digits reversed, then eos = 2):     ", example_target[0].tolist())
# [/]
# [ko]
print(f"d_model = {model['embedding'].shape[1]}, head = {model['n_heads']}개, 인코더 블록 = {model['n_enc']}개, "
      f"디코더 블록 = {model['n_dec']}개, 어휘 = 토큰 {model['vocab_size']}개")
print("원문 숫자 2 4 6의 토큰 (길이 5로 padding):", example_source[0].tolist())
print("target (뒤집은 숫자, 그다음 eos = 2):    ", example_target[0].tolist())
# [/]

# %% [markdown] lang="en"
# ## 1. From one context vector to attention
#
# **Seq2seq without attention.** The lecture's encoder–decoder (an RNN each) reads the whole source
# sentence into the encoder's hidden states $h_1, \dots, h_n$, hands the **last** one to the decoder
# as the context vector $c = h_n$, and the decoder writes the target from $c$ alone. One vector of
# fixed size must hold the whole sentence, whatever its length: an information bottleneck, and the
# reason such models translate long sentences poorly.
#
# **Attention** (in the lecture's words, *the decoder considers the hidden states of all input steps*): keep **all** the
# encoder's states, and at every output step $t$ let the decoder choose what to read. Its current
# state $s_t$ is the **query**, the encoder states are the **keys** and **values**:
#
# $$e_{tj} = \operatorname{score}(s_t, h_j), \qquad \alpha_{t} = \operatorname{softmax}(e_{t}), \qquad
# c_t = \sum_j \alpha_{tj}\, h_j .$$
#
# Each output step gets its own context $c_t$, focused on the source positions that matter for it.
# The Transformer keeps exactly this as its **cross-attention** (the lecture's encoder–decoder
# attention): queries from the decoder, keys and values from the encoder's output.
#
# **How to score a query against a key.** The lecture lists three ways (*dot product*, *learned
# weights* and *concatenation*), in row-vector notation with $q$ of size $d_q$ and $k$ of size $d_k$:
#
# | scoring function | $\operatorname{score}(q, k)$ | parameters |
# | --- | --- | --- |
# | dot product (Luong) | $q \cdot k$, in the Transformer scaled: $q \cdot k / \sqrt{d_k}$ | none; needs $d_q = d_k$ |
# | general (Luong) | $q\, W k^\top$ | $W$ of shape $(d_q, d_k)$ |
# | additive, or concat (Bahdanau) | $v \cdot \tanh(q W_q + k W_k)$ | $W_q$ $(d_q, d_a)$, $W_k$ $(d_k, d_a)$, $v$ $(d_a,)$ |
#
# The additive score is a small neural network with one hidden layer of size $d_a$: it concatenates
# $q$ and $k$ and multiplies by one weight matrix, $[q; k] \begin{bmatrix} W_q \\ W_k \end{bmatrix} = q W_q + k W_k$,
# applies $\tanh$, and reduces the hidden vector to one number with $v$. The dot product needs no
# parameters and is one matrix product for all pairs, which is why the Transformer uses it; the
# additive score is what Bahdanau et al. used with RNNs.

# %% [markdown] lang="ko"
# ## 1. context 벡터 하나에서 attention으로
#
# **attention 없는 seq2seq.** 강의의 인코더–디코더(각각 RNN)는 원문 문장 전체를 읽어 인코더의 은닉 상태
# $h_1, \dots, h_n$을 만들고, **마지막** 상태를 context 벡터 $c = h_n$으로 디코더에 넘깁니다. 디코더는
# $c$ 하나만 보고 목표 문장을 씁니다. 문장이 얼마나 길든 고정된 크기의 벡터 하나에 문장 전체가 담겨야
# 합니다. 정보 병목이며, 이런 모델이 긴 문장을 잘 번역하지 못하는 이유입니다.
#
# **Attention** (강의의 *"Decoder는 모든 입력 시점의 hidden state를 고려"*): 인코더의 상태를 **모두**
# 남겨 두고, 출력 시점 $t$마다 디코더가 무엇을 읽을지 고르게 합니다. 디코더의 현재 상태 $s_t$가
# **query**이고, 인코더의 상태들이 **key**이자 **value**입니다.
#
# $$e_{tj} = \operatorname{score}(s_t, h_j), \qquad \alpha_{t} = \operatorname{softmax}(e_{t}), \qquad
# c_t = \sum_j \alpha_{tj}\, h_j$$
#
# 출력 시점마다 자기에게 중요한 원문 위치에 집중한 자기만의 context $c_t$를 얻습니다. Transformer는 이것을
# 그대로 **cross-attention**(강의의 encoder–decoder attention)으로 씁니다: query는 디코더에서, key와
# value는 인코더의 출력에서 나옵니다.
#
# **query와 key의 점수 매기기.** 강의는 세 가지 방법("Dot-product, 학습 가능한 가중치 적용,
# Concatenation")을 소개합니다. 크기 $d_q$인 $q$와 크기 $d_k$인 $k$에 대해 행 벡터 표기로 쓰면:
#
# | 점수 함수 | $\operatorname{score}(q, k)$ | 파라미터 |
# | --- | --- | --- |
# | 내적 (dot-product, Luong) | $q \cdot k$, Transformer에서는 scaling: $q \cdot k / \sqrt{d_k}$ | 없음. $d_q = d_k$여야 함 |
# | general (Luong) | $q\, W k^\top$ | shape $(d_q, d_k)$인 $W$ |
# | additive (Bahdanau), 이어 붙이기(concat) | $v \cdot \tanh(q W_q + k W_k)$ | $W_q$ $(d_q, d_a)$, $W_k$ $(d_k, d_a)$, $v$ $(d_a,)$ |
#
# additive 점수는 크기 $d_a$인 은닉층 하나짜리 작은 신경망입니다. $q$와 $k$를 이어 붙여 가중치 행렬 하나를
# 곱하고, $[q; k] \begin{bmatrix} W_q \\ W_k \end{bmatrix} = q W_q + k W_k$, $\tanh$를 적용한 다음, $v$로 은닉
# 벡터를 숫자 하나로 줄입니다. 내적은 파라미터가 필요 없고 모든 쌍을 행렬곱 한 번으로 계산하므로
# Transformer가 씁니다. additive 점수는 Bahdanau 등이 RNN과 함께 쓴 방법입니다.

# %% [markdown] lang="en"
# ### 1.1 Additive attention
#
# For a batch, with queries $Q$ $(N, n_q, d_q)$, keys $K$ $(N, n_k, d_k)$ and values $V$ $(N, n_k, d_v)$:
#
# $$\operatorname{score}_{ij} = v \cdot \tanh(q_i W_q + k_j W_k), \qquad
# A = \operatorname{softmax}_j(\operatorname{score}), \qquad \text{out} = A V .$$
#
# **The idea, in shapes.** $Q W_q$ is $(N, n_q, d_a)$ and $K W_k$ is $(N, n_k, d_a)$. Every query must
# meet every key *inside* the $\tanh$, so you need all $n_q \times n_k$ sums $q_i W_q + k_j W_k$ at once:
# give the projected queries a key axis of size 1 and the projected keys a query axis of size 1, and
# broadcasting makes the sum $(N, n_q, n_k, d_a)$. After the $\tanh$, a product with $v$ over the last
# axis leaves the scores $(N, n_q, n_k)$. From there on it is attention as you know it: the mask
# (True = may attend) sets forbidden scores to $-\infty$ **before** the softmax, the softmax runs
# over the keys, and the output is the weighted average of the values. A query row with no allowed
# key gets zero weights and a zero output (the provided `softmax` already does that).
#
# **Where it goes wrong:**
# - the $\tanh$ applied after the product with $v$, $\tanh(v \cdot h)$: a different function;
# - no $\tanh$, or a $\tanh$ on each projection separately, $v \cdot (\tanh(q W_q) + \tanh(k W_k))$:
#   then the score splits into a query part plus a key part, and the query part, the same for every
#   key, cancels in the softmax: every query gets the same weights;
# - dividing by $\sqrt{d_a}$: that scaling belongs to the dot product, whose size grows with $d_k$.

# %% [markdown] lang="ko"
# ### 1.1 Additive attention
#
# 배치에 대해, query $Q$ $(N, n_q, d_q)$, key $K$ $(N, n_k, d_k)$, value $V$ $(N, n_k, d_v)$일 때:
#
# $$\operatorname{score}_{ij} = v \cdot \tanh(q_i W_q + k_j W_k), \qquad
# A = \operatorname{softmax}_j(\operatorname{score}), \qquad \text{out} = A V$$
#
# **shape으로 보는 아이디어.** $Q W_q$는 $(N, n_q, d_a)$, $K W_k$는 $(N, n_k, d_a)$입니다. 모든 query가 모든
# key를 $\tanh$ *안에서* 만나야 하므로, $n_q \times n_k$개의 합 $q_i W_q + k_j W_k$가 한꺼번에 필요합니다.
# projection한 query에는 크기 1인 key 축을, projection한 key에는 크기 1인 query 축을 넣으면 broadcast로
# 합이 $(N, n_q, n_k, d_a)$가 됩니다. $\tanh$ 다음에 마지막 축에 대해 $v$와 곱하면 점수 $(N, n_q, n_k)$가
# 남습니다. 그다음은 알고 있는 attention 그대로입니다: 마스크(True = attend 가능)는 softmax **전에** 금지된
# 점수를 $-\infty$로 바꾸고, softmax는 key 축으로 계산하며, 출력은 value들의 가중 평균입니다. 허용된 key가
# 하나도 없는 query 행은 가중치와 출력이 0입니다 (제공된 `softmax`가 이미 그렇게 합니다).
#
# **틀리기 쉬운 곳:**
# - $v$와 곱한 뒤에 $\tanh$ 적용, $\tanh(v \cdot h)$: 다른 함수입니다.
# - $\tanh$가 없거나, projection마다 따로 $\tanh$, $v \cdot (\tanh(q W_q) + \tanh(k W_k))$: 그러면 점수가
#   query 부분과 key 부분의 합으로 갈라지고, 모든 key에 같은 query 부분은 softmax에서 사라집니다. 모든
#   query가 같은 가중치를 받습니다.
# - $\sqrt{d_a}$로 나누기: 그 scaling은 크기가 $d_k$에 따라 커지는 내적의 것입니다.

# %% solution
def additive_attention(Q, K, V, params, mask=None):
    """
    [en]
    Additive (Bahdanau) attention: the score of a query and a key comes from a small network.
    [/]
    [ko]
    Additive(Bahdanau) attention: query와 key의 점수를 작은 신경망으로 계산합니다.
    [/]

        score[i, j] = v · tanh(q_i W_q + k_j W_k)          (N, n_q, n_k)
        weights     = softmax(score)                       (N, n_q, n_k)
        out         = weights V                            (N, n_q, d_v)
    [en]
        (softmax over the keys, the last axis; masked scores are −∞ before the softmax)
    [/]
    [ko]
        (softmax는 key 축, 즉 마지막 축을 따라 계산하고, 마스킹된 점수는 softmax 전에 −∞가 됩니다)
    [/]

    [en]
    Inputs:
    - Q: queries, shape (N, n_q, d_q)
    - K: keys, shape (N, n_k, d_k)
    - V: values, shape (N, n_k, d_v)
    - params: dict with W_q of shape (d_q, d_a), W_k of shape (d_k, d_a) and v of shape (d_a,)
    - mask: None, or a boolean array broadcastable to (N, n_q, n_k); True = may attend.
      A query row with no allowed key gets all-zero weights and a zero output.

    Returns a tuple (out, weights):
    - out: shape (N, n_q, d_v)
    - weights: shape (N, n_q, n_k); each row sums to 1 (or is all 0), masked entries are exactly 0
    [/]
    [ko]
    입력:
    - Q: query, shape (N, n_q, d_q)
    - K: key, shape (N, n_k, d_k)
    - V: value, shape (N, n_k, d_v)
    - params: W_q (shape (d_q, d_a)), W_k (shape (d_k, d_a)), v (shape (d_a,))를 담은 dict
    - mask: None, 또는 (N, n_q, n_k)로 broadcast되는 불리언 배열. True = attend 가능.
      허용된 key가 하나도 없는 query 행은 가중치가 모두 0이고 출력도 0입니다.

    반환: 튜플 (out, weights)
    - out: shape (N, n_q, d_v)
    - weights: shape (N, n_q, n_k). 각 행의 합은 1 (또는 모두 0)이고, 마스킹된 항목은 정확히 0입니다.
    [/]
    """
    ### BEGIN SOLUTION
    q = np.asarray(Q) @ params["W_q"]                               # (N, n_q, d_a)
    k = np.asarray(K) @ params["W_k"]                               # (N, n_k, d_a)
    hidden = np.tanh(q[..., :, None, :] + k[..., None, :, :])       # (N, n_q, n_k, d_a)
    scores = hidden @ params["v"]                                   # (N, n_q, n_k)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ np.asarray(V), weights
    ### END SOLUTION


# %% test="additive_attention" points=2

# %% [markdown] lang="en"
# ### 1.2 Three scoring functions on the same inputs
#
# Four decoder states (queries) and six encoder states (keys, also the values), random vectors of
# size 6, scored three ways: the scaled dot product (the provided `scaled_dot_product_attention`),
# the general score with a random $W$, and **your** `additive_attention` with random $W_q, W_k, v$
# ($d_a = 8$). The parameters are not trained, so the maps show no meaningful alignment; what the
# picture shows is how the *form* of the score behaves.
#
# - The three maps differ: the same pairs $(q_i, k_j)$ get different weights from different scoring
#   functions (after training, each learns its own way of matching). Every row sums to 1.
# - The right panel scales all queries by a factor $s$ (a "louder" decoder state) and plots the
#   largest weight of a row, averaged over 400 random queries. The dot and general scores grow in
#   proportion to $s$, so their softmax sharpens towards one-hot. In the additive score the query and
#   the key meet *inside* the $\tanh$: a large query term saturates every hidden unit the same way
#   for all keys, the key can no longer change the score, and the weights flatten towards uniform.
#   The additive score is also bounded, $|\operatorname{score}| \le \sum_a |v_a|$, whatever the inputs.

# %% [markdown] lang="ko"
# ### 1.2 같은 입력에 대한 세 가지 점수 함수
#
# 디코더 상태(query) 4개와 인코더 상태(key이자 value) 6개를 크기 6인 무작위 벡터로 만들고, 세 가지로 점수를
# 매깁니다: scaling한 내적(제공된 `scaled_dot_product_attention`), 무작위 $W$를 쓴 general 점수, 그리고
# 무작위 $W_q, W_k, v$($d_a = 8$)를 쓴 **여러분의** `additive_attention`입니다. 파라미터를 학습하지 않았으므로
# 의미 있는 정렬은 보이지 않습니다. 이 그림이 보여 주는 것은 점수의 *형태*가 어떻게 동작하는지입니다.
#
# - 세 그림이 서로 다릅니다. 같은 쌍 $(q_i, k_j)$도 점수 함수에 따라 다른 가중치를 받습니다 (학습하면
#   각자 자기 방식으로 짝을 찾는 법을 배웁니다). 모든 행의 합은 1입니다.
# - 오른쪽 그림은 모든 query에 배수 $s$를 곱하고 ("더 큰" 디코더 상태), 무작위 query 400개에 대해 평균한
#   행의 가장 큰 가중치를 그립니다. 내적과 general 점수는 $s$에 비례해 커지므로 softmax가 one-hot 쪽으로
#   날카로워집니다. additive 점수에서는 query와 key가 $\tanh$ *안에서* 만납니다. query 항이 크면 모든 은닉
#   유닛이 모든 key에 대해 똑같이 포화되어 key가 더는 점수를 바꾸지 못하고, 가중치가 균등 분포 쪽으로
#   평평해집니다. additive 점수는 입력이 무엇이든 $|\operatorname{score}| \le \sum_a |v_a|$로 유계이기도
#   합니다.

# %% picture
def show_scoring_functions(seed=0, d=6, d_a=8, n_q=4, n_k=6):
    # [en]
    titles = ("scaled dot product", "general", "additive (yours)")
    xlabel, ylabel = "encoder state j (key)", "decoder state i (query)"
    scale_title, scale_x, scale_y = "queries scaled by s", "scale s of the queries", "largest weight in a row (mean)"
    uniform = f"uniform (1/{n_k})"
    suptitle = "attention weights of three scoring functions (random, untrained parameters)"
    # [/]
    # [ko]
    titles = ("scaling한 내적", "general 점수", "additive 점수 (여러분의 함수)")
    xlabel, ylabel = "인코더 상태 j (key)", "디코더 상태 i (query)"
    scale_title, scale_x, scale_y = "query에 s를 곱할 때", "query의 배수 s", "행의 가장 큰 가중치 (평균)"
    uniform = f"균등 분포 (1/{n_k})"
    suptitle = "세 가지 점수 함수의 attention 가중치 (학습하지 않은 무작위 파라미터)"
    # [/]
    formulas = ("$q \\cdot k / \\sqrt{d}$", "$q\\,W k^\\top$", "$v \\cdot \\tanh(q W_q + k W_k)$")
    rng = np.random.default_rng(seed)
    queries, keys = rng.normal(size=(1, n_q, d)), rng.normal(size=(1, n_k, d))
    W = rng.normal(0, 1 / np.sqrt(d), size=(d, d))
    params = {"W_q": rng.normal(0, 1 / np.sqrt(d), size=(d, d_a)), "W_k": rng.normal(0, 1 / np.sqrt(d), size=(d, d_a)),
              "v": rng.normal(size=d_a)}

    def three_maps(q):
        dot = scaled_dot_product_attention(q, keys, keys)[1]
        general = softmax(q @ W @ np.swapaxes(keys, -1, -2))
        additive = additive_attention(q, keys, keys, params)[1]
        return [np.asarray(m, dtype=float) for m in (dot, general, additive)]

    fig, axes = plt.subplots(1, 4, figsize=(15, 3.4), gridspec_kw={"width_ratios": [1, 1, 1, 1.3]})
    for ax, title, formula, w in zip(axes, titles, formulas, three_maps(queries)):
        ax.imshow(w[0], cmap="Blues", vmin=0, vmax=1)
        for i in range(n_q):
            for j in range(n_k):
                ax.text(j, i, f"{w[0, i, j]:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if w[0, i, j] > 0.6 else "black")
        ax.set_title(title, fontsize=9, pad=18)
        ax.text(0.5, 1.02, formula, transform=ax.transAxes, ha="center", va="bottom", fontsize=9)
        ax.set_xticks(range(n_k))
        ax.set_yticks(range(n_q))
        ax.set_xlabel(xlabel, fontsize=8)
    axes[0].set_ylabel(ylabel, fontsize=8)

    many = rng.normal(size=(1, 400, d))
    scales = 2.0 ** np.arange(-2, 6)
    largest = np.array([[w.max(axis=-1).mean() for w in three_maps(s * many)] for s in scales])
    for col, (color, label) in enumerate(zip(("tab:blue", "tab:green", "tab:red"), titles)):
        axes[3].semilogx(scales, largest[:, col], "o-", color=color, label=label, base=2)
    axes[3].set_xticks(scales, [f"{s:g}" for s in scales])
    axes[3].minorticks_off()
    axes[3].axhline(1 / n_k, color="gray", ls="--", lw=1)
    axes[3].text(scales[-1], 1 / n_k - 0.07, uniform, color="gray", fontsize=8, ha="right")
    axes[3].set_ylim(0, 1.05)
    axes[3].set_title(scale_title, fontsize=9)
    axes[3].set_xlabel(scale_x, fontsize=8)
    axes[3].set_ylabel(scale_y, fontsize=8)
    axes[3].legend(fontsize=8)
    fig.suptitle(suptitle, fontsize=10)
    fig.tight_layout()
    plt.show()


try:
    show_scoring_functions()
except NotImplementedError:
    plt.close("all")
    print(say("No picture yet: it appears once additive_attention is implemented.",
              "아직 그림이 없습니다: additive_attention을 구현하면 나타납니다."))
except Exception as exc:
    plt.close("all")
    print(say(f"No picture: your functions raised {type(exc).__name__}: {exc}. Run the self-checks above first.",
              f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
              "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ## 2. Teacher forcing
#
# **Generating** is auto-regressive (the lecture's *Auto-Regressive Generation*): the decoder starts
# from `bos`, predicts the first token, appends it to its input, predicts the second, and so on until
# it writes `eos`. Every step reads the decoder's **own** earlier output.
#
# **Training** that way would be slow (one step after another) and unstable: early in training the
# decoder's guesses are wrong, and every later step would be trained on a wrong prefix. **Teacher
# forcing** (in the lecture's words, *using the real outputs in the training stage*) gives the decoder the **true** previous
# tokens instead. In a Transformer this trains every position at once, in one pass: the decoder's
# input is the target **shifted right** by one, with `bos` in front, and the causal mask makes
# position $t$ see only the inputs $0, \dots, t$, i.e. `bos` and the true $y_0, \dots, y_{t-1}$:
#
# | position $t$ | 0 | 1 | 2 | 3 |
# | --- | --- | --- | --- | --- |
# | target $y_t$ (what position $t$ must predict) | 6 | 4 | 2 | eos |
# | decoder input (what position $t$ reads) | bos | 6 | 4 | 2 |
#
# $$\operatorname{shift\_right}([y_0, y_1, \dots, y_{n-1}]) = [\text{bos}, y_0, \dots, y_{n-2}].$$
#
# The input has the target's length: the last target token (here `eos`, or padding) is never an
# input. Padding in the target simply moves along (a padded position is left out of the loss, section 4).
#
# Write `shift_right` for a batch $(N, n)$: a new array (do not change `targets`) of the **same
# integer dtype** as `targets`, column 0 filled with `bos_id`, the other columns the targets
# without their last column. (`np.roll` is tempting but wraps the last token around to the front.)

# %% [markdown] lang="ko"
# ## 2. Teacher forcing
#
# **생성**은 auto-regressive입니다 (강의의 *Auto-Regressive Generation*). 디코더는 `bos`에서 시작해 첫
# 토큰을 예측하고, 그것을 입력에 덧붙여 두 번째 토큰을 예측하고, `eos`를 쓸 때까지 이렇게 계속합니다. 매
# 단계가 디코더 **자신의** 이전 출력을 읽습니다.
#
# **학습**을 그렇게 하면 느리고 (단계가 차례로 실행됨) 불안정합니다. 학습 초기에는 디코더의 추측이 틀리고,
# 뒤의 모든 단계가 틀린 앞부분 위에서 학습되기 때문입니다. **Teacher forcing**(강의의 *"학습 단계에서 실제
# 출력값을 사용"*)은 대신 **실제** 이전 토큰을 디코더에 줍니다. Transformer에서는 이렇게 하면 모든 위치를
# 한 번에 학습합니다. 디코더의 입력은 target을 오른쪽으로 한 칸 **민(shift right)** 것이고 앞에 `bos`가
# 붙습니다. causal 마스크 때문에 위치 $t$는 입력 $0, \dots, t$, 즉 `bos`와 실제 $y_0, \dots, y_{t-1}$만 봅니다.
#
# | 위치 $t$ | 0 | 1 | 2 | 3 |
# | --- | --- | --- | --- | --- |
# | target $y_t$ (위치 $t$가 예측할 것) | 6 | 4 | 2 | eos |
# | 디코더 입력 (위치 $t$가 읽는 것) | bos | 6 | 4 | 2 |
#
# $$\operatorname{shift\_right}([y_0, y_1, \dots, y_{n-1}]) = [\text{bos}, y_0, \dots, y_{n-2}]$$
#
# 입력의 길이는 target과 같습니다. 마지막 target 토큰(여기서는 `eos`, 또는 padding)은 입력이 되지
# 않습니다. target의 padding은 그대로 따라 밀립니다 (padding 위치는 손실에서 빠집니다, 4절).
#
# 배치 $(N, n)$에 대한 `shift_right`를 작성하세요. 새 배열이어야 하고 (`targets`를 바꾸지 않음), `targets`와
# **같은 정수 dtype**이며, 0번 열은 `bos_id`, 나머지 열은 마지막 열을 뺀 target입니다. (`np.roll`이 편해
# 보이지만 마지막 토큰을 맨 앞으로 돌려 보냅니다.)

# %% solution
def shift_right(targets, bos_id):
    """
    [en]
    Teacher forcing's decoder input: the targets shifted right by one, bos in front.
    [/]
    [ko]
    Teacher forcing의 디코더 입력: target을 오른쪽으로 한 칸 밀고 맨 앞에 bos를 둡니다.
    [/]

        shift_right([y_0, y_1, …, y_(n−1)]) = [bos, y_0, …, y_(n−2)]
    [en]
        (row by row)
    [/]
    [ko]
        (행마다)
    [/]

    [en]
    Inputs:
    - targets: integer token ids, shape (N, n)
    - bos_id: the id of the beginning-of-sequence token

    Returns a new integer array of shape (N, n) with the dtype of targets; targets is left unchanged.
    [/]
    [ko]
    입력:
    - targets: 정수 토큰 id, shape (N, n)
    - bos_id: 시퀀스의 시작을 알리는 토큰(bos)의 id

    반환: targets와 dtype이 같은, shape (N, n)인 새 정수 배열. targets는 바꾸지 않습니다.
    [/]
    """
    ### BEGIN SOLUTION
    targets = np.asarray(targets)
    decoder_input = np.empty_like(targets)
    decoder_input[:, 0] = bos_id
    decoder_input[:, 1:] = targets[:, :-1]
    return decoder_input
    ### END SOLUTION


# %% test="shift_right" points=1

# %% [markdown] lang="en"
# The toy task's first training examples through your `shift_right`: what each position reads, and
# what it must predict.

# %% [markdown] lang="ko"
# 예제 과제의 첫 학습 예제들을 여러분의 `shift_right`에 넣어 봅니다: 각 위치가 무엇을 읽고 무엇을
# 예측해야 하는지.

# %% picture
def show_teacher_forcing():
    names = {toy.PAD: "pad", toy.BOS: "bos", toy.EOS: "eos"}
    source = toy.digits_to_tokens([[2, 4, 6], [7, 1, 8, 2, 8], [5, 9]], length=5)
    target = toy.target_of(source)
    decoder_input = np.asarray(shift_right(target, toy.BOS))

    def word(token):
        return names.get(int(token), str(int(token) - toy.FIRST_DIGIT))

    # [en]
    source_label, reads, predicts = "source", "position t reads  ", "and must predict  "
    # [/]
    # [ko]
    source_label, reads, predicts = "원문", "위치 t가 읽는 것  ", "예측해야 할 것    "
    # [/]
    for n in range(len(source)):
        # [en]
        # Padded positions are left out of the loss: they are not shown.
        # [/]
        # [ko]
        # padding 위치는 손실에서 빠지므로 보여 주지 않습니다.
        # [/]
        counted = target[n] != toy.PAD
        print(f"{source_label}: " + " ".join(word(t) for t in source[n] if t != toy.PAD))
        print("  " + reads + " ".join(f"{word(t):>4}" for t in decoder_input[n][counted]))
        print("  " + predicts + " ".join(f"{word(t):>4}" for t in target[n][counted]))


try:
    show_teacher_forcing()
except NotImplementedError:
    print(say("Nothing to show yet: it appears once shift_right is implemented.",
              "아직 보여 줄 것이 없습니다: shift_right를 구현하면 나타납니다."))
except Exception as exc:
    print(say(f"Nothing to show: shift_right raised {type(exc).__name__}: {exc}. Run its self-check above first.",
              f"보여 줄 수 없습니다: shift_right에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
              "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ## 3. The decoder block
#
# The lecture's decoder block has three sublayers (*"Masked Self-Attention → Encoder-Decoder
# Attention → Feed Forward"*), each with a residual connection and a layer norm:
#
# 1. **Masked (causal) self-attention** over the decoder's input $y$: queries, keys and values all
#    from $y$, and the causal mask, so position $t$ sees positions $\le t$ only. In training the
#    input holds the whole target (teacher forcing), and without the mask position $t$ would simply
#    read the token it is supposed to predict at position $t + 1$.
# 2. **Cross-attention** (encoder–decoder attention): queries from the decoder, keys and values from
#    the encoder's output, called `memory`, shape $(N, n_{mem}, d_{model})$. The target and the source
#    may have different lengths, $n_y \ne n_{mem}$. No causal mask here: the whole source is known
#    from the start. `memory_mask` hides the source's padding.
# 3. The position-wise **FFN**.
#
# With MHA the provided `multi_head_attention`, $\operatorname{LN}_i$ the provided `layer_norm` with
# `gamma_i, beta_i`, and FFN the provided `feed_forward`:
#
# **Post-norm** (the original Transformer, `norm_first=False`):
#
# $$a = \operatorname{LN}_1\big(y + \operatorname{MHA}(y, y)\big), \quad
# b = \operatorname{LN}_2\big(a + \operatorname{MHA}(a, \text{memory})\big), \quad
# \text{out} = \operatorname{LN}_3\big(b + \operatorname{FFN}(b)\big).$$
#
# **Pre-norm** (`norm_first=True`):
#
# $$a = y + \operatorname{MHA}\big(\operatorname{LN}_1(y), \operatorname{LN}_1(y)\big), \quad
# b = a + \operatorname{MHA}\big(\operatorname{LN}_2(a), \text{memory}\big), \quad
# \text{out} = b + \operatorname{FFN}\big(\operatorname{LN}_3(b)\big).$$
#
# $\operatorname{MHA}(x, z)$ means queries from $x$, keys and values from $z$. The memory is used as it is
# (never normalised here: the encoder already normalised it).
#
# **Parameters.** The two attentions have separate weights in one dict: `self_W_q`, `self_W_k`,
# `self_W_v`, `self_W_o` (and optional biases `self_b_q`, …) for the self-attention, `cross_W_q`, …,
# `cross_W_o` (`cross_b_q`, …) for the cross-attention. `multi_head_attention` wants the plain names
# `W_q`, …, `b_o`: build a smaller dict for each attention by dropping the prefix. The FFN reads
# `W_1, b_1, W_2, b_2` straight from `params`, and the three norms `gamma_1, beta_1`, …, `gamma_3, beta_3`.
#
# **Masks.** The self-attention always uses `causal_mask(n_y)`, combined (`&`) with `self_mask` when
# one is given (e.g. the target's padding). The cross-attention uses `memory_mask` alone
# (broadcastable to $(N, n_y, n_{mem})$, e.g. `padding_mask(source)`'s $(N, 1, n_{mem})$).
#
# Return `(out, self_weights, cross_weights)`: out $(N, n_y, d_{model})$, the self-attention's weights
# $(N, h, n_y, n_y)$ and the cross-attention's $(N, h, n_y, n_{mem})$.

# %% [markdown] lang="ko"
# ## 3. 디코더 블록
#
# 강의의 디코더 블록에는 서브레이어가 세 개 있고 (*"Masked Self-Attention → Encoder-Decoder Attention →
# Feed Forward"*), 각각 residual connection과 layer norm을 가집니다.
#
# 1. 디코더 입력 $y$에 대한 **masked(causal) self-attention**: query, key, value가 모두 $y$에서 나오고,
#    causal 마스크 때문에 위치 $t$는 $t$ 이하의 위치만 봅니다. 학습할 때는 입력에 target 전체가 들어
#    있으므로 (teacher forcing), 마스크가 없으면 위치 $t$는 위치 $t + 1$에서 예측해야 할 토큰을 그냥
#    읽어 버립니다.
# 2. **cross-attention**(encoder–decoder attention): query는 디코더에서, key와 value는 `memory`라고
#    부르는 인코더의 출력(shape $(N, n_{mem}, d_{model})$)에서 나옵니다. target과 원문의 길이는 다를 수
#    있습니다, $n_y \ne n_{mem}$. 여기에는 causal 마스크가 없습니다. 원문 전체는 처음부터 알고 있습니다.
#    `memory_mask`가 원문의 padding을 가립니다.
# 3. 위치별 **FFN**.
#
# MHA는 제공된 `multi_head_attention`, $\operatorname{LN}_i$는 `gamma_i, beta_i`를 쓰는 제공된
# `layer_norm`, FFN은 제공된 `feed_forward`일 때:
#
# **Post-norm** (원래 Transformer, `norm_first=False`):
#
# $$a = \operatorname{LN}_1\big(y + \operatorname{MHA}(y, y)\big), \quad
# b = \operatorname{LN}_2\big(a + \operatorname{MHA}(a, \text{memory})\big), \quad
# \text{out} = \operatorname{LN}_3\big(b + \operatorname{FFN}(b)\big)$$
#
# **Pre-norm** (`norm_first=True`):
#
# $$a = y + \operatorname{MHA}\big(\operatorname{LN}_1(y), \operatorname{LN}_1(y)\big), \quad
# b = a + \operatorname{MHA}\big(\operatorname{LN}_2(a), \text{memory}\big), \quad
# \text{out} = b + \operatorname{FFN}\big(\operatorname{LN}_3(b)\big)$$
#
# $\operatorname{MHA}(x, z)$는 query를 $x$에서, key와 value를 $z$에서 가져온다는 뜻입니다. memory는 그대로
# 씁니다 (여기서는 정규화하지 않습니다. 인코더가 이미 정규화했습니다).
#
# **파라미터.** 두 attention은 한 dict 안에 서로 다른 가중치를 가집니다: self-attention은 `self_W_q`,
# `self_W_k`, `self_W_v`, `self_W_o`(그리고 선택적인 편향 `self_b_q`, …), cross-attention은 `cross_W_q`, …,
# `cross_W_o`(`cross_b_q`, …)입니다. `multi_head_attention`은 접두사 없는 이름 `W_q`, …, `b_o`를 원하므로,
# attention마다 접두사를 뗀 작은 dict를 만드세요. FFN은 `params`에서 `W_1, b_1, W_2, b_2`를 바로 읽고, 세
# 정규화는 `gamma_1, beta_1`, …, `gamma_3, beta_3`을 씁니다.
#
# **마스크.** self-attention은 항상 `causal_mask(n_y)`를 쓰고, `self_mask`가 주어지면 그것과 결합(`&`)합니다
# (예: target의 padding). cross-attention은 `memory_mask`만 씁니다 ($(N, n_y, n_{mem})$로 broadcast되는 마스크,
# 예: `padding_mask(source)`의 $(N, 1, n_{mem})$).
#
# `(out, self_weights, cross_weights)`를 반환하세요: out $(N, n_y, d_{model})$, self-attention의 가중치
# $(N, h, n_y, n_y)$, cross-attention의 가중치 $(N, h, n_y, n_{mem})$.

# %% solution
def decoder_block(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    """
    [en]
    One Transformer decoder block: causal self-attention, cross-attention to the encoder output
    (memory) and the FFN, each with a residual connection and layer normalization. No dropout.
    [/]
    [ko]
    Transformer 디코더 블록 하나: causal self-attention, 인코더 출력(memory)에 대한 cross-attention,
    FFN. 각각 residual connection과 layer normalization을 가집니다. dropout은 없습니다.
    [/]

        norm_first=False (post-norm):  a = LN_1(y + MHA(y, y))
                                       b = LN_2(a + MHA(a, memory))
                                       out = LN_3(b + FFN(b))
        norm_first=True  (pre-norm):   a = y + MHA(LN_1(y), LN_1(y))
                                       b = a + MHA(LN_2(a), memory)
                                       out = b + FFN(LN_3(b))
        MHA(x, z) = multi_head_attention(x, z, …)
    [en]
        (queries from x, keys and values from z)
    [/]
    [ko]
        (query는 x에서, key와 value는 z에서 나옵니다)
    [/]

    [en]
    Inputs:
    - y: the decoder's input, shape (N, n_y, d_model)
    - memory: the encoder's output, shape (N, n_mem, d_model)
    - params: dict with self_W_q, self_W_k, self_W_v, self_W_o and cross_W_q, cross_W_k,
      cross_W_v, cross_W_o (each (d_model, d_model); optional biases self_b_q …, cross_b_q …,
      (d_model,)); W_1 (d_model, d_ff), b_1 (d_ff,), W_2 (d_ff, d_model), b_2 (d_model,);
      gamma_1, beta_1, gamma_2, beta_2, gamma_3, beta_3 (d_model,)
    - n_heads: number of heads h of both attentions
    - self_mask: None, or a boolean mask broadcastable to (N, n_y, n_y), AND-ed with the causal
      mask (the self-attention is always causal)
    - memory_mask: None, or a boolean mask broadcastable to (N, n_y, n_mem) for the cross-attention
    - norm_first: False for post-norm (the original), True for pre-norm
    True = may attend, in every mask.

    Returns a tuple (out, self_weights, cross_weights):
    - out: shape (N, n_y, d_model)
    - self_weights: shape (N, h, n_y, n_y), zero above the diagonal
    - cross_weights: shape (N, h, n_y, n_mem)
    [/]
    [ko]
    입력:
    - y: 디코더의 입력, shape (N, n_y, d_model)
    - memory: 인코더의 출력, shape (N, n_mem, d_model)
    - params: self_W_q, self_W_k, self_W_v, self_W_o와 cross_W_q, cross_W_k, cross_W_v, cross_W_o
      (각각 (d_model, d_model), 선택적인 편향 self_b_q …, cross_b_q …, (d_model,)),
      W_1 (d_model, d_ff), b_1 (d_ff,), W_2 (d_ff, d_model), b_2 (d_model,),
      gamma_1, beta_1, gamma_2, beta_2, gamma_3, beta_3 (d_model,)을 담은 dict
    - n_heads: 두 attention의 head 개수 h
    - self_mask: None, 또는 (N, n_y, n_y)로 broadcast되는 불리언 마스크. causal 마스크와 논리곱(&)으로 결합합니다
      (self-attention은 항상 causal입니다).
    - memory_mask: None, 또는 cross-attention용으로 (N, n_y, n_mem)으로 broadcast되는 불리언 마스크
    - norm_first: post-norm(원래 형태)이면 False, pre-norm이면 True
    모든 마스크에서 True = attend 가능.

    반환: 튜플 (out, self_weights, cross_weights)
    - out: shape (N, n_y, d_model)
    - self_weights: shape (N, h, n_y, n_y). 대각선 위는 0
    - cross_weights: shape (N, h, n_y, n_mem)
    [/]
    """
    ### BEGIN SOLUTION
    y, memory = np.asarray(y), np.asarray(memory)
    causal = causal_mask(y.shape[-2])
    self_mask = causal if self_mask is None else causal & np.asarray(self_mask, dtype=bool)
    self_params = {name[len("self_"):]: value for name, value in params.items() if name.startswith("self_")}
    cross_params = {name[len("cross_"):]: value for name, value in params.items() if name.startswith("cross_")}

    def ln(x, i):
        return layer_norm(x, params[f"gamma_{i}"], params[f"beta_{i}"])

    if norm_first:
        h = ln(y, 1)
        attn, self_weights = multi_head_attention(h, h, self_params, n_heads, self_mask)
        a = y + attn
        attn, cross_weights = multi_head_attention(ln(a, 2), memory, cross_params, n_heads, memory_mask)
        b = a + attn
        out = b + feed_forward(ln(b, 3), params)
    else:
        attn, self_weights = multi_head_attention(y, y, self_params, n_heads, self_mask)
        a = ln(y + attn, 1)
        attn, cross_weights = multi_head_attention(a, memory, cross_params, n_heads, memory_mask)
        b = ln(a + attn, 2)
        out = ln(b + feed_forward(b, params), 3)
    return out, self_weights, cross_weights
    ### END SOLUTION


# %% test="decoder_block" points=3

# %% [markdown] lang="en"
# ### 3.1 Where the trained decoder looks
#
# Two sources through the toy model with teacher forcing: the provided `encoder_block` makes the
# memory, your `shift_right` the decoder's input, and **your** `decoder_block` runs the model's two
# decoder blocks. The picture shows, for each source, the self-attention of one head and the
# cross-attention of both heads in the **second** decoder block (rows: decoder positions, each
# labelled with the token it must predict; columns: the keys). Look for:
#
# - the self-attention is zero above the diagonal: no position reads a later one;
# - the cross-attention runs along the **anti-diagonal**: to write the first output digit the decoder
#   reads the last source digit, then the one before, …: reversing, learned as a pattern of where to
#   look;
# - the source's `pad` column is exactly 0 (the memory mask);
# - the source (6 digits, or 5) and the target (7 tokens, or 6) have different lengths:
#   cross-attention maps are not square.
#
# If your self-attention map has weight above the diagonal, or the cross-attention shows no
# anti-diagonal, compare your block with the formulas above.

# %% [markdown] lang="ko"
# ### 3.1 학습된 디코더가 보는 곳
#
# 원문 두 개를 teacher forcing으로 예제 모델에 넣습니다. 제공된 `encoder_block`이 memory를, 여러분의
# `shift_right`가 디코더의 입력을 만들고, **여러분의** `decoder_block`이 모델의 디코더 블록 두 개를
# 실행합니다. 그림은 원문마다 **두 번째** 디코더 블록의 head 하나의 self-attention과 두 head의
# cross-attention을 보여 줍니다 (행: 디코더 위치, 각 행에는 그 위치가 예측해야 할 토큰을 표시; 열: key).
# 그림에서 `bos` 토큰은 '시작', `eos` 토큰은 '끝'으로 적었습니다.
# 다음을 확인해 보세요.
#
# - self-attention은 대각선 위가 0입니다. 어떤 위치도 뒤의 위치를 읽지 않습니다.
# - cross-attention은 **반대 대각선**을 따라갑니다. 첫 출력 숫자를 쓰려고 디코더는 원문의 마지막 숫자를
#   읽고, 그다음에는 그 앞의 숫자를 읽습니다. 뒤집기를 어디를 볼지의 패턴으로 배운 것입니다.
# - 원문의 `pad` 열은 정확히 0입니다 (memory 마스크).
# - 원문(숫자 6개 또는 5개)과 target(토큰 7개 또는 6개)의 길이가 다릅니다. cross-attention 그림은
#   정사각형이 아닙니다.
#
# self-attention 그림에서 대각선 위에 가중치가 있거나, cross-attention에 반대 대각선이 보이지 않으면
# 위의 수식과 여러분의 블록을 비교해 보세요.

# %% picture
def show_trained_attention():
    # [en]
    self_title, cross_title = "self-attention, head 1", "cross-attention, head {h}"
    xlabel_self, xlabel_cross, ylabel = "decoder input (key)", "source (key)", "position → must predict"
    suptitle = "second decoder block of the toy model, with your decoder_block (teacher forcing)"
    names = {toy.PAD: "pad", toy.BOS: "bos", toy.EOS: "eos"}
    # [/]
    # [ko]
    self_title, cross_title = "head 1의 self-attention", "head {h}의 cross-attention"
    xlabel_self, xlabel_cross, ylabel = "디코더 입력 (key)", "원문 (key)", "위치 → 예측할 토큰"
    suptitle = "예제 모델의 두 번째 디코더 블록, 여러분의 decoder_block으로 (teacher forcing)"
    names = {toy.PAD: "pad", toy.BOS: "시작", toy.EOS: "끝"}
    # [/]

    def word(token):
        return names.get(int(token), str(int(token) - toy.FIRST_DIGIT))

    source = toy.digits_to_tokens([[3, 1, 4, 1, 5, 9], [2, 7, 1, 8, 2]], length=7)
    target = toy.target_of(source)
    decoder_input = np.asarray(shift_right(target, toy.BOS))
    memory, memory_mask = toy.encode(model, source, encoder_block)
    _, weights = toy.decode_logits(model, decoder_input, memory, memory_mask, decoder_block, keep_weights=True)
    self_w, cross_w = (np.asarray(w, dtype=float) for w in weights[-1])

    fig, axes = plt.subplots(2, 3, figsize=(12, 7.6))
    for n in range(len(source)):
        rows = int(np.sum(target[n] != toy.PAD))
        row_labels = [f"{t} → {word(target[n, t])}" for t in range(rows)]
        panels = [(self_w[n, 0, :rows, :rows], [word(t) for t in decoder_input[n, :rows]], self_title, xlabel_self)]
        panels += [(cross_w[n, h, :rows], [word(t) for t in source[n]], cross_title.format(h=h + 1), xlabel_cross)
                   for h in range(cross_w.shape[1])]
        for ax, (w, columns, title, xlabel) in zip(axes[n], panels):
            ax.imshow(w, cmap="Purples", vmin=0, vmax=1)
            ax.set_xticks(range(len(columns)), columns, fontsize=8)
            ax.set_yticks(range(rows), row_labels, fontsize=8)
            ax.set_title(title, fontsize=9)
            ax.set_xlabel(xlabel, fontsize=8)
        axes[n, 0].set_ylabel(ylabel, fontsize=8)
    fig.suptitle(suptitle, fontsize=10)
    fig.tight_layout()
    plt.show()


try:
    show_trained_attention()
except NotImplementedError:
    plt.close("all")
    print(say("No picture yet: it appears once shift_right and decoder_block are implemented.",
              "아직 그림이 없습니다: shift_right와 decoder_block을 구현하면 나타납니다."))
except Exception as exc:
    plt.close("all")
    print(say(f"No picture: your functions raised {type(exc).__name__}: {exc}. Run the self-checks above first.",
              f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
              "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ## 4. The loss: cross-entropy over the real tokens, with label smoothing
#
# The decoder's last layer gives **logits** $(N, n, V)$, one score per vocabulary entry at every
# position; the softmax turns them into probabilities $p_t(v)$. Training minimises the
# cross-entropy between $p_t$ and a **target distribution** $q_t$ at every position:
#
# $$\text{loss}_t = -\sum_{v=1}^{V} q_t(v) \log p_t(v).$$
#
# **Label smoothing** (the lecture's remedy *against overconfidence*). With a one-hot $q_t$ (1 on the right
# token $y_t$) the loss keeps falling as $p_t(y_t) \to 1$: it rewards ever larger logits, an
# over-confident model. Label smoothing with $\varepsilon$ takes $\varepsilon$ of the probability from the
# right token and spreads it evenly over **all** $V$ tokens, the right one included (PyTorch's
# `F.cross_entropy(…, label_smoothing=ε)`):
#
# $$q_t(v) = (1 - \varepsilon)\,[v = y_t] + \frac{\varepsilon}{V}
# \quad\Longrightarrow\quad
# \text{loss}_t = -\Big[(1 - \varepsilon) \log p_t(y_t) + \frac{\varepsilon}{V} \sum_{v} \log p_t(v)\Big].$$
#
# For $V = 4$, $\varepsilon = 0.1$ and the right token third, $q = [0.025,\ 0.025,\ 0.925,\ 0.025]$: the
# right token keeps $1 - \varepsilon + \varepsilon / V = 0.925$, every other gets $\varepsilon / V = 0.025$, and
# the four sum to 1. (The lecture's example $[0.025, 0.025, 0.9, 0.025]$ sums to 0.975, not 1: it
# takes $0.1$ from the right token but spreads only $0.075$; this course follows PyTorch's
# convention.) Other conventions exist, e.g. the Annotated Transformer spreads $\varepsilon$ over the
# $V - 2$ tokens that are neither the right one nor padding; the grader expects PyTorch's.
#
# **Padding is not a token to predict.** A batch pads its shorter targets with `pad_id`; those
# positions must not count. The loss is the **mean over the positions whose target is not `pad_id`**
# (PyTorch's `ignore_index=pad_id`), a single number for the whole batch. When every target is
# padding there is nothing to average: return `0.0`.
#
# **Numerics.** Do not take `log(softmax(…))`: for logits of size 1000 the softmax underflows to 0
# and the log gives $-\infty$. Compute $\log p$ directly, $\log p(v) = z_v - \operatorname{logsumexp}(z)$, where
# $\operatorname{logsumexp}(z) = m + \log \sum_v e^{z_v - m}$ with $m = \max_v z_v$ never overflows. To pick
# $\log p_t(y_t)$ at every position at once, `np.take_along_axis` (or fancy indexing) helps; a boolean
# array `targets != pad_id` selects the positions that count.

# %% [markdown] lang="ko"
# ## 4. 손실: 실제 토큰에 대한 cross-entropy와 label smoothing
#
# 디코더의 마지막 층은 **logit** $(N, n, V)$, 즉 위치마다 어휘의 항목별 점수 하나씩을 줍니다. softmax가 이를
# 확률 $p_t(v)$로 바꿉니다. 학습은 위치마다 $p_t$와 **목표 분포** $q_t$ 사이의 cross-entropy를 최소화합니다.
#
# $$\text{loss}_t = -\sum_{v=1}^{V} q_t(v) \log p_t(v)$$
#
# **Label smoothing** (강의의 *"Overconfidence 방지"*). $q_t$가 one-hot(정답 토큰 $y_t$에서 1)이면
# $p_t(y_t) \to 1$일수록 손실이 계속 줄어듭니다. 점점 더 큰 logit, 즉 과신하는 모델에 보상을 줍니다. $\varepsilon$을
# 쓰는 label smoothing은 정답 토큰의 확률에서 $\varepsilon$을 떼어 **모든** $V$개 토큰에 (정답 토큰 포함) 고르게
# 나눠 줍니다 (PyTorch의 `F.cross_entropy(…, label_smoothing=ε)`).
#
# $$q_t(v) = (1 - \varepsilon)\,[v = y_t] + \frac{\varepsilon}{V}
# \quad\Longrightarrow\quad
# \text{loss}_t = -\Big[(1 - \varepsilon) \log p_t(y_t) + \frac{\varepsilon}{V} \sum_{v} \log p_t(v)\Big]$$
#
# $V = 4$, $\varepsilon = 0.1$이고 정답이 세 번째 토큰이면 $q = [0.025,\ 0.025,\ 0.925,\ 0.025]$입니다. 정답 토큰은
# $1 - \varepsilon + \varepsilon / V = 0.925$를 갖고 나머지는 각각 $\varepsilon / V = 0.025$를 가지며, 넷의 합은 1입니다.
# (강의의 예 $[0.025, 0.025, 0.9, 0.025]$는 합이 1이 아니라 0.975입니다: 정답 토큰에서 $0.1$을 떼었지만
# $0.075$만 나눠 주었습니다. 이 과정은 PyTorch의 방식을 따릅니다.) 다른 방식도 있습니다. 예를 들어
# Annotated Transformer는 정답도 padding도 아닌 $V - 2$개 토큰에 $\varepsilon$을 나눠 줍니다. 채점은 PyTorch의
# 방식을 기대합니다.
#
# **padding은 예측할 토큰이 아닙니다.** 배치는 짧은 target을 `pad_id`로 채웁니다. 그 위치는 세면 안 됩니다.
# 손실은 **target이 `pad_id`가 아닌 위치들에 대한 평균**(PyTorch의 `ignore_index=pad_id`)이고, 배치 전체에
# 대해 숫자 하나입니다. 모든 target이 padding이면 평균 낼 것이 없으므로 `0.0`을 반환하세요.
#
# **수치 안정성.** `log(softmax(…))`를 쓰지 마세요. logit이 1000 정도면 softmax가 0으로 underflow되고 log가
# $-\infty$가 됩니다. $\log p$를 직접 계산하세요: $\log p(v) = z_v - \operatorname{logsumexp}(z)$이고,
# $m = \max_v z_v$일 때 $\operatorname{logsumexp}(z) = m + \log \sum_v e^{z_v - m}$은 overflow되지 않습니다. 모든
# 위치의 $\log p_t(y_t)$를 한 번에 고르려면 `np.take_along_axis`(또는 fancy indexing)가 도움이 되고, 불리언 배열
# `targets != pad_id`가 세어야 할 위치를 고릅니다.

# %% solution
def sequence_cross_entropy(logits, targets, pad_id=0, label_smoothing=0.0):
    """
    [en]
    Mean cross-entropy over the positions whose target is not padding, with label smoothing ε
    (PyTorch's F.cross_entropy(logits, targets, ignore_index=pad_id, label_smoothing=ε)).
    [/]
    [ko]
    label smoothing ε을 쓰는, target이 padding이 아닌 위치들에 대한 평균 cross-entropy
    (PyTorch의 F.cross_entropy(logits, targets, ignore_index=pad_id, label_smoothing=ε)).
    [/]

        log p_t(v) = z_t(v) − logsumexp(z_t)
        loss_t     = −[(1 − ε) log p_t(y_t) + (ε / V) Σ_v log p_t(v)]
        loss       = mean_{t: y_t ≠ pad_id} loss_t
    [en]
        (logsumexp stays finite for logits of any size; the loss is 0.0 when every target is pad_id)
    [/]
    [ko]
        (logsumexp는 logit이 아무리 커도 유한합니다. 모든 target이 pad_id이면 손실은 0.0입니다)
    [/]

    [en]
    Inputs:
    - logits: shape (N, n, V)
    - targets: integer token ids, shape (N, n)
    - pad_id: the id of the padding token; positions whose target is pad_id do not count
    - label_smoothing: ε in [0, 1)

    Returns a Python float.
    [/]
    [ko]
    입력:
    - logits: shape (N, n, V)
    - targets: 정수 토큰 id, shape (N, n)
    - pad_id: padding 토큰의 id. target이 pad_id인 위치는 세지 않습니다.
    - label_smoothing: [0, 1) 범위의 ε

    반환: Python float.
    [/]
    """
    ### BEGIN SOLUTION
    logits = np.asarray(logits, dtype=np.float64)
    targets = np.asarray(targets)
    m = logits.max(axis=-1, keepdims=True)
    log_p = logits - (m + np.log(np.exp(logits - m).sum(axis=-1, keepdims=True)))
    keep = targets != pad_id
    if not keep.any():
        return 0.0
    log_p = log_p[keep]                                              # (positions, V)
    log_p_target = np.take_along_axis(log_p, targets[keep][:, None], axis=-1)[:, 0]
    eps = label_smoothing
    loss = -((1.0 - eps) * log_p_target + eps * log_p.mean(axis=-1))
    return float(loss.mean())
    ### END SOLUTION


# %% test="sequence_cross_entropy" points=2

# %% [markdown] lang="en"
# ### 4.1 What label smoothing asks of the model
#
# One position, $V = 4$ tokens, the right token third. Left: the target distributions. Right: **your**
# `sequence_cross_entropy` of a prediction that gives the right token probability $p$ and shares
# $1 - p$ equally among the others, as $p$ goes from 0.3 to almost 1. Without smoothing the loss
# falls all the way to $p \to 1$; with $\varepsilon = 0.1$ it is smallest at $p = 0.925$, exactly the smoothed
# target, and rises again beyond it: being more confident than $q$ costs loss.

# %% [markdown] lang="ko"
# ### 4.1 label smoothing이 모델에 요구하는 것
#
# 위치 하나, 토큰 $V = 4$개, 정답은 세 번째 토큰입니다. 왼쪽: 목표 분포. 오른쪽: 정답 토큰에 확률 $p$를 주고
# 나머지 $1 - p$를 다른 토큰에 똑같이 나눠 주는 예측에 대한 **여러분의** `sequence_cross_entropy`를, $p$를
# 0.3에서 거의 1까지 바꾸며 그립니다. smoothing이 없으면 손실은 $p \to 1$까지 계속 줄어듭니다.
# $\varepsilon = 0.1$이면 손실은 smoothing된 목표와 똑같은 $p = 0.925$에서 가장 작고, 그보다 크면 다시
# 커집니다: $q$보다 더 확신하면 손실이 늘어납니다.

# %% picture
def show_label_smoothing(V=4, right=2, eps=0.1):
    # [en]
    bars = ("one-hot", f"ε = {eps} (PyTorch, this course)", "the lecture's example (sums to 0.975)")
    token, probability = "token", "target probability q(v)"
    bars_title = f"target distributions (V = {V}, the right token is {right})"
    curve_x, curve_y = "probability p the model gives the right token", "your sequence_cross_entropy"
    curve_title = "loss of one position as the model grows more confident"
    curves = ("ε = 0 (no smoothing)", f"ε = {eps}")
    best = "minimum at p = {p:.3f}"
    # [/]
    # [ko]
    bars = ("one-hot", f"ε = {eps} (PyTorch, 이 과정)", "강의의 예 (합 0.975)")
    token, probability = "토큰", "목표 확률 q(v)"
    bars_title = f"목표 분포 (V = {V}, 정답 토큰은 {right})"
    curve_x, curve_y = "모델이 정답 토큰에 주는 확률 p", "여러분의 sequence_cross_entropy"
    curve_title = "모델이 더 확신할 때 위치 하나의 손실"
    curves = ("ε = 0 (smoothing 없음)", f"ε = {eps}")
    best = "최솟값: p = {p:.3f}"
    # [/]
    one_hot = np.eye(V)[right]
    smoothed = (1 - eps) * one_hot + eps / V
    lecture = np.array([0.025, 0.025, 0.9, 0.025])
    p = np.linspace(0.3, 0.995, 140)
    others = (1 - p) / (V - 1)
    # [en]
    # One prediction per value of p: p on the right token, the rest shared equally.
    # [/]
    # [ko]
    # p의 값마다 예측 하나: 정답 토큰에 p, 나머지는 똑같이 나눔.
    # [/]
    probs = np.where(np.arange(V) == right, p[:, None], others[:, None])      # (len(p), V)
    logits = np.log(probs)[:, None, :]                                         # (len(p), 1, V)
    target = np.array([[right]])
    losses = {e: np.array([sequence_cross_entropy(z[None], target, 0, e) for z in logits]) for e in (0.0, eps)}

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    width = 0.27
    for k, (label, q, color) in enumerate(zip(bars, (one_hot, smoothed, lecture), ("gray", "tab:blue", "tab:orange"))):
        axes[0].bar(np.arange(V) + (k - 1) * width, q, width, label=label, color=color)
    axes[0].set_xticks(range(V))
    axes[0].set_xlabel(token)
    axes[0].set_ylabel(probability)
    axes[0].set_ylim(0, 1.45)
    axes[0].set_title(bars_title, fontsize=10)
    axes[0].legend(fontsize=8, loc="upper left")
    for (e, loss), color, label in zip(losses.items(), ("gray", "tab:blue"), curves):
        axes[1].plot(p, loss, color=color, lw=2, label=label)
    i = int(np.argmin(losses[eps]))
    axes[1].plot([p[i]], [losses[eps][i]], "o", color="tab:blue")
    axes[1].annotate(best.format(p=p[i]), (p[i], losses[eps][i]), (p[i] - 0.35, losses[eps][i] + 0.4), fontsize=8)
    axes[1].set_xlabel(curve_x)
    axes[1].set_ylabel(curve_y)
    axes[1].set_title(curve_title, fontsize=10)
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    plt.show()


try:
    show_label_smoothing()
except NotImplementedError:
    plt.close("all")
    print(say("No picture yet: it appears once sequence_cross_entropy is implemented.",
              "아직 그림이 없습니다: sequence_cross_entropy를 구현하면 나타납니다."))
except Exception as exc:
    plt.close("all")
    print(say(f"No picture: sequence_cross_entropy raised {type(exc).__name__}: {exc}. Run its self-check above first.",
              f"그림을 그리지 못했습니다: sequence_cross_entropy에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
              "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ## 5. Greedy decoding
#
# A trained decoder writes by repeating one step (the lecture: *choose the word of highest probability as
# the output of the next step*):
#
# 1. start every row of the batch with the prefix `[bos]`;
# 2. run the model on the prefix: `step_logits(prefix, memory)` returns logits $(N, t, V)$ for a prefix
#    $(N, t)$, one row of logits per prefix position;
# 3. take the **last** position's logits and their argmax in every row (`np.argmax`: a tie goes to
#    the lowest index) as the next token, and append it to the prefix;
# 4. repeat until **every** row has written `eos_id`, or `max_len` tokens have been written.
#
# Rows end at different steps. A row that has written `eos` keeps it in its output and gets `pad_id`
# from then on, both in its output and in the prefix the model reads. Return the generated tokens
# $(N, L)$ **without** the leading `bos`: $L \le$ `max_len`, and $L$ is the step at which the last row
# ended (or `max_len`).
#
# `step_logits` hides the model: in the toy task it embeds the prefix, runs your `decoder_block`s
# over it and the memory, and projects to the vocabulary. Call it **once per generated token**, with
# the whole prefix (a Transformer decoder keeps no state between calls, unlike an RNN), and hand it
# the `memory` you were given. Greedy decoding picks the best token at each step, not the best
# sequence; beam search keeps the $k$ best prefixes instead, at $k$ times the cost.

# %% [markdown] lang="ko"
# ## 5. Greedy decoding
#
# 학습된 디코더는 한 단계를 반복해서 씁니다 (강의: *"확률이 가장 높은 단어를 다음 시점 출력으로 선택"*).
#
# 1. 배치의 모든 행을 앞부분(prefix) `[bos]`로 시작합니다.
# 2. 앞부분에 대해 모델을 실행합니다. `step_logits(prefix, memory)`는 앞부분 $(N, t)$에 대해 logit
#    $(N, t, V)$, 즉 앞부분의 위치마다 logit 한 행씩을 반환합니다.
# 3. 모든 행에서 **마지막** 위치의 logit의 argmax(`np.argmax`: 같으면 가장 작은 인덱스)를 다음 토큰으로
#    골라 앞부분에 덧붙입니다.
# 4. **모든** 행이 `eos_id`를 쓰거나, 토큰을 `max_len`개 쓸 때까지 반복합니다.
#
# 행마다 끝나는 단계가 다릅니다. `eos`를 쓴 행은 출력에 `eos`를 남기고, 그 뒤로는 출력과 모델이 읽는
# 앞부분 모두에 `pad_id`를 받습니다. 생성된 토큰 $(N, L)$을 맨 앞의 `bos` **없이** 반환하세요:
# $L \le$ `max_len`이고, $L$은 마지막 행이 끝난 단계(또는 `max_len`)입니다.
#
# `step_logits`는 모델을 감춥니다. 예제 과제에서는 앞부분을 임베딩하고, 그것과 memory에 대해 여러분의
# `decoder_block`들을 실행하고, 어휘로 projection합니다. **생성하는 토큰마다 한 번씩**, 앞부분 전체를 넘겨
# 호출하세요 (Transformer 디코더는 RNN과 달리 호출 사이에 상태를 기억하지 않습니다). 그리고 받은 `memory`를
# 그대로 넘기세요. greedy decoding은 가장 좋은 시퀀스가 아니라 단계마다 가장 좋은 토큰을 고릅니다. beam
# search는 대신 가장 좋은 앞부분 $k$개를 유지하며, 비용이 $k$배입니다.

# %% solution
def greedy_decode(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    """
    [en]
    Greedy decoding: append the most likely next token until every row has ended.
    [/]
    [ko]
    Greedy decoding: 모든 행이 끝날 때까지 가장 가능성이 큰 다음 토큰을 덧붙입니다.
    [/]

    [en]
        prefix = [bos]                                          (N, 1)
        repeat at most max_len times:
            next = argmax of step_logits(prefix, memory)[:, −1]  (ties → lowest index)
            rows that already wrote eos get pad_id instead
            prefix = prefix + [next]
            stop when every row has written eos
        return prefix without bos                               (N, L), L ≤ max_len
    [/]
    [ko]
        prefix = [bos]                                          (N, 1)
        최대 max_len번 반복:
            next = argmax(step_logits(prefix, memory)[:, −1])    (같으면 가장 작은 인덱스)
            이미 eos를 쓴 행은 next 대신 pad_id
            prefix = prefix + [next]
            모든 행이 eos를 썼으면 멈춤
        반환: bos를 뺀 prefix                                   (N, L), L ≤ max_len
    [/]

    [en]
    Inputs:
    - step_logits: a function step_logits(prefix, memory) → logits of shape (N, t, V) for a
      prefix of shape (N, t); call it once per generated token
    - memory: the encoder's output (N, n_mem, d_model), passed on to step_logits; N = len(memory)
    - bos_id, eos_id, pad_id: the ids of the special tokens
    - max_len: the most tokens to generate per row

    Returns an integer array of shape (N, L), L ≤ max_len: every row's tokens, its eos included,
    then pad_id; no bos.
    [/]
    [ko]
    입력:
    - step_logits: 함수 step_logits(prefix, memory) → shape (N, t)인 앞부분에 대한 shape (N, t, V)의
      logit. 생성하는 토큰마다 한 번씩 호출합니다.
    - memory: 인코더의 출력 (N, n_mem, d_model). step_logits에 그대로 넘깁니다. N = len(memory)
    - bos_id, eos_id, pad_id: 특별한 토큰들의 id
    - max_len: 행마다 생성할 수 있는 최대 토큰 수

    반환: shape (N, L), L ≤ max_len인 정수 배열. 각 행의 토큰(eos 포함), 그 뒤로 pad_id. bos는 없음.
    [/]
    """
    ### BEGIN SOLUTION
    N = len(memory)
    prefix = np.full((N, 1), bos_id, dtype=np.int64)
    finished = np.zeros(N, dtype=bool)
    for _ in range(max_len):
        logits = np.asarray(step_logits(prefix, memory))
        next_token = np.argmax(logits[:, -1, :], axis=-1)
        next_token = np.where(finished, pad_id, next_token)
        finished = finished | (next_token == eos_id)
        prefix = np.concatenate([prefix, next_token[:, None].astype(np.int64)], axis=1)
        if finished.all():
            break
    return prefix[:, 1:]
    ### END SOLUTION


# %% test="greedy_decode" points=2

# %% [markdown] lang="en"
# ## 6. Your decoder at work: reversing digits
#
# Everything together: 300 random sources of 2 to 7 digits, encoded by the provided `encoder_block`
# and decoded by **your** `greedy_decode` running **your** `decoder_block`. A sequence counts as
# right when every output token, `eos` included, is right. With correct functions the model
# reverses well over 90% of the sequences; a decoder that lets positions see later tokens,
# cross-attends to the wrong sequence or does not stop at `eos` gets far less, and the examples
# show how.

# %% [markdown] lang="ko"
# ## 6. 여러분의 디코더 실행: 숫자 뒤집기
#
# 모두 함께 실행합니다. 숫자 2개에서 7개로 된 무작위 원문 300개를 제공된 `encoder_block`으로 인코딩하고,
# **여러분의** `decoder_block`을 실행하는 **여러분의** `greedy_decode`로 디코딩합니다. 출력 토큰이 `eos`까지
# 모두 맞으면 그 시퀀스를 맞힌 것으로 셉니다. 함수가 맞으면 모델은 시퀀스의 90%를 훨씬 넘게 뒤집습니다.
# 위치가 뒤의 토큰을 볼 수 있거나, 엉뚱한 시퀀스에 cross-attention을 하거나, `eos`에서 멈추지 않는 디코더는
# 훨씬 적게 맞히며, 예시가 어떻게 틀리는지 보여 줍니다.

# %% picture
def show_reversal(n=300, seed=2028, examples=6):
    # [en]
    right_mark, wrong_mark = "✓", "✗"
    header = "source            → your decoder's output        (right answer)"
    summary = "sequences reversed exactly: {seq:.1%}   tokens right: {tok:.1%}   ({n} sources)"
    good = "Your decoder works: the trained model reverses the sequences with your functions."
    bad = ("This model reverses well over 90% of the sequences with correct functions. Check the causal mask "
           "(self_weights above the diagonal must be 0), the cross-attention (queries from the decoder, keys and "
           "values from memory, memory_mask), and greedy_decode's stopping and padding.")
    # [/]
    # [ko]
    right_mark, wrong_mark = "✓", "✗"
    header = "원문              → 여러분의 디코더 출력        (정답)"
    summary = "정확히 뒤집은 시퀀스: {seq:.1%}   맞힌 토큰: {tok:.1%}   (원문 {n}개)"
    good = "디코더가 동작합니다: 학습된 모델이 여러분의 함수로 시퀀스를 뒤집습니다."
    bad = ("함수가 맞으면 이 모델은 시퀀스의 90%를 훨씬 넘게 뒤집습니다. causal 마스크(self_weights의 대각선 위는 0), "
           "cross-attention(query는 디코더에서, key와 value는 memory에서, memory_mask), greedy_decode의 멈춤과 "
           "padding을 확인하세요.")
    # [/]
    source = toy.random_sources(n, seed, 2, model=model)
    target = toy.target_of(source)
    generated = np.asarray(toy.reverse(model, source, encoder_block, decoder_block, greedy_decode))
    seq, tok = toy.sequence_accuracy(generated, target), toy.token_accuracy(generated, target)
    digits, wanted = toy.tokens_to_digits(generated), toy.tokens_to_digits(target)
    print(header)
    for i in range(examples):
        mark = right_mark if toy.sequence_accuracy(generated[i:i + 1], target[i:i + 1]) == 1 else wrong_mark
        shown = " ".join(str(d) for d in toy.tokens_to_digits(source[i:i + 1])[0])
        print(f"{mark} {shown:<15} → {' '.join(map(str, digits[i])):<26} ({' '.join(map(str, wanted[i]))})")
    print()
    print(summary.format(seq=seq, tok=tok, n=n))
    print(good if seq >= 0.9 else bad)
    return source, target, generated


try:
    reversal = show_reversal()
except NotImplementedError:
    reversal = None
    print(say("Nothing to show yet: it appears once decoder_block and greedy_decode are implemented.",
              "아직 보여 줄 것이 없습니다: decoder_block과 greedy_decode를 구현하면 나타납니다."))
except Exception as exc:
    reversal = None
    print(say(f"Nothing to show: your functions raised {type(exc).__name__}: {exc}. Run the self-checks above first.",
              f"보여 줄 수 없습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
              "위의 자가 점검을 먼저 실행해 보세요."))


# %% [markdown] lang="en"
# ### 6.1 Training conditions and generation conditions: exposure bias
#
# The model was trained with teacher forcing: at every position it was given the **true** earlier
# tokens. When it generates, it is given **its own** earlier tokens, and these can be wrong. The
# difference between the two conditions has a name, **exposure bias**, and you can measure it on the
# same 300 sequences:
#
# - **teacher-forced**: one pass with your `shift_right(target)` as input, the argmax at every
#   position (what the training loss sees);
# - **free-running**: your `greedy_decode` (what a user gets).
#
# A sequence is entirely right in one condition exactly when it is in the other: if every token so
# far is right, the two prefixes are the same. The difference shows **after the first mistake**. The
# right panel takes the positions that come after free-running's first mistake in a sequence, and
# compares the accuracy there when the model reads the true prefix and when it reads its own, wrong
# one. The loss of section 4, averaged over teacher-forced positions, is computed on the first
# condition only.
#
# (A decoder whose self-attention can see later positions turns the comparison upside down: with the
# true target as its input, every position can read the token it should predict, something this
# model never met in training, and teacher-forced accuracy falls far below free-running.)

# %% [markdown] lang="ko"
# ### 6.1 학습할 때의 조건과 생성할 때의 조건: exposure bias
#
# 모델은 teacher forcing으로 학습했습니다. 모든 위치에서 **실제** 이전 토큰을 받았습니다. 생성할 때는
# **자기가 만든** 이전 토큰을 받고, 그 토큰은 틀릴 수 있습니다. 두 조건의 차이에는 **exposure bias**라는
# 이름이 있고, 같은 시퀀스 300개로 측정할 수 있습니다.
#
# - **teacher forcing**: 여러분의 `shift_right(target)`을 입력으로 한 번 실행하고, 위치마다 argmax를 고릅니다
#   (학습 손실이 보는 것).
# - **free-running**: 여러분의 `greedy_decode` (사용자가 받는 것).
#
# 시퀀스가 한 조건에서 모두 맞으면 다른 조건에서도 모두 맞고, 그 반대도 마찬가지입니다. 지금까지의 토큰이 모두
# 맞으면 두 앞부분이 같기 때문입니다. 차이는 **첫 실수 뒤에서** 나타납니다. 오른쪽 그림은 시퀀스에서
# free-running의 첫 실수 뒤에 오는 위치들을 골라, 모델이 실제 앞부분을 읽을 때와 자기가 만든 틀린 앞부분을
# 읽을 때의 정확도를 비교합니다. 4절의 손실은 teacher forcing 위치들에 대한 평균이므로 첫 번째 조건만
# 계산합니다.
#
# (self-attention이 뒤의 위치를 볼 수 있는 디코더에서는 비교가 뒤집힙니다. 실제 target을 입력으로 받으면
# 모든 위치가 자기가 예측할 토큰을 읽을 수 있는데, 이 모델은 학습 때 그런 상황을 겪은 적이 없으므로 teacher
# forcing 정확도가 free-running보다 훨씬 낮아집니다.)

# %% picture
def show_exposure_bias():
    # [en]
    conditions = ("teacher-forced (true prefix)", "free-running (its own prefix)")
    position, accuracy, after_y = "output position t", "token accuracy at position t", "token accuracy"
    after_title = "positions after the first free-running mistake ({k} positions)"
    left_title = "the same {n} sequences, two conditions"
    loss_line = "teacher-forced loss with your sequence_cross_entropy: {plain:.3f} (ε = 0), {smooth:.3f} (ε = 0.1)"
    token_line = "token accuracy: teacher-forced {tf:.1%}, free-running {fr:.1%}"
    no_error = "No free-running mistake in these sequences: nothing to compare after a first mistake."
    reads_ahead = ("Teacher-forced accuracy is far below free-running: with the true target as input, your decoder "
                   "reads positions it should not see yet: does it hide the keys after each query (causal_mask)?")
    # [/]
    # [ko]
    conditions = ("teacher forcing (실제 앞부분)", "free-running (자기가 만든 앞부분)")
    position, accuracy, after_y = "출력 위치 t", "위치 t의 토큰 정확도", "토큰 정확도"
    after_title = "free-running의 첫 실수 뒤의 위치들 (위치 {k}개)"
    left_title = "같은 시퀀스 {n}개, 두 조건"
    loss_line = "여러분의 sequence_cross_entropy로 계산한 teacher forcing 손실: {plain:.3f} (ε = 0), {smooth:.3f} (ε = 0.1)"
    token_line = "토큰 정확도: teacher forcing {tf:.1%}, free-running {fr:.1%}"
    no_error = "이 시퀀스들에는 free-running의 실수가 없습니다: 첫 실수 뒤를 비교할 것이 없습니다."
    reads_ahead = ("teacher forcing 정확도가 free-running보다 훨씬 낮습니다: 실제 target을 입력으로 받으면 여러분의 디코더가 "
                   "아직 보면 안 되는 위치를 읽습니다: 각 query 뒤의 key를 가리는지(causal_mask) 확인하세요.")
    # [/]
    source, target, generated = reversal
    memory, memory_mask = toy.encode(model, source, encoder_block)
    logits = toy.decode_logits(model, np.asarray(shift_right(target, toy.BOS)), memory, memory_mask, decoder_block)
    forced = np.argmax(logits, axis=-1)
    losses = [sequence_cross_entropy(logits, target, toy.PAD, e) for e in (0.0, 0.1)]
    accuracy_tf, accuracy_fr = toy.token_accuracy(forced, target), toy.token_accuracy(generated, target)
    print(token_line.format(tf=accuracy_tf, fr=accuracy_fr))
    print(loss_line.format(plain=losses[0], smooth=losses[1]))
    if accuracy_tf < accuracy_fr - 0.1:
        print(reads_ahead)

    width = target.shape[1]
    free = np.full_like(target, -1)
    free[:, :min(width, generated.shape[1])] = generated[:, :width]
    real = target != toy.PAD
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    steps = np.arange(width)
    lowest = 1.0
    for predicted, color, label in ((forced, "tab:blue", conditions[0]), (free, "tab:red", conditions[1])):
        per_position = [np.mean(predicted[real[:, t], t] == target[real[:, t], t]) for t in steps]
        axes[0].plot(steps, per_position, "o-", color=color, label=label)
        lowest = min(lowest, min(per_position))
    axes[0].set_ylim(min(0.9, lowest - 0.03), 1.005)
    axes[0].set_xlabel(position)
    axes[0].set_ylabel(accuracy)
    axes[0].set_title(left_title.format(n=len(target)), fontsize=10)
    axes[0].legend(fontsize=8)
    with_truth, with_own, k = toy.after_first_error(forced, free, target)
    if k:
        axes[1].bar([0, 1], [with_truth, with_own], color=["tab:blue", "tab:red"])
        for x, value in enumerate((with_truth, with_own)):
            axes[1].text(x, value + 0.02, f"{value:.0%}", ha="center", fontsize=9)
        axes[1].set_xticks([0, 1], conditions, fontsize=8)
        axes[1].set_ylim(0, 1.1)
        axes[1].set_ylabel(after_y)
        axes[1].set_title(after_title.format(k=k), fontsize=10)
    else:
        axes[1].axis("off")
        print(no_error)
    fig.tight_layout()
    plt.show()


if reversal is None:
    print(say("No picture yet: it appears once the demonstration above runs.",
              "아직 그림이 없습니다: 위의 시연이 실행되면 나타납니다."))
else:
    try:
        show_exposure_bias()
    except NotImplementedError:
        plt.close("all")
        print(say("No picture yet: it appears once shift_right and sequence_cross_entropy are implemented.",
                  "아직 그림이 없습니다: shift_right와 sequence_cross_entropy를 구현하면 나타납니다."))
    except Exception as exc:
        plt.close("all")
        print(say(f"No picture: your functions raised {type(exc).__name__}: {exc}. Run the self-checks above first.",
                  f"그림을 그리지 못했습니다: 함수에서 {type(exc).__name__} 오류가 발생했습니다: {exc}. "
                  "위의 자가 점검을 먼저 실행해 보세요."))

# %% [markdown] lang="en"
# ## 7. What you built, and how it is graded
#
# - Attention replaces seq2seq's single context vector by a fresh weighted average of all encoder
#   states at every output step. The score of a query and a key can be a dot product, a bilinear form
#   $q W k^\top$, or a small network $v \cdot \tanh(q W_q + k W_k)$ (additive): the last one is bounded
#   and mixes query and key non-linearly.
# - Teacher forcing trains all positions of a target in one pass: the decoder reads
#   $[\text{bos}, y_0, \dots, y_{n-2}]$ and predicts $[y_0, \dots, y_{n-1}]$, and the causal mask keeps
#   each position from reading what it predicts.
# - A decoder block is causal self-attention, cross-attention to the encoder's output (the memory)
#   and an FFN, each inside a residual connection and a layer norm (post-norm or pre-norm).
# - The loss is the cross-entropy over the non-padding positions; label smoothing moves $\varepsilon$
#   of the target's probability evenly onto all $V$ tokens.
# - Greedy decoding appends the argmax of the last position until every row has ended; what the model
#   reads then is its own output, not the truth.
#
# | function | points |
# | --- | --- |
# | `additive_attention` | 2 |
# | `shift_right` | 1 |
# | `decoder_block` | 3 |
# | `sequence_cross_entropy` | 2 |
# | `greedy_decode` | 2 |
#
# **Grading**
# - The ✓/✗ self-checks in this notebook use small examples you can verify by hand (an additive score
#   of $\ln 3$, a shifted row written out, a block whose attentions average, two- and three-class losses,
#   a scripted model whose answers are written out) and properties. They catch the common mistakes
#   but do not prove your code right.
# - At grading time, hidden checks call each function on fresh random inputs (all sizes different,
#   several heads, nonzero biases, with and without masks, both norm orders, padded targets, huge
#   logits) and compare with the lecture's formulas, written out in a reference implementation that
#   agrees with PyTorch's `nn.TransformerDecoderLayer` and `F.cross_entropy`; `greedy_decode` runs
#   scripted models that count their calls. A test cell's points are split over its checks, so partly
#   working code earns partial credit.
# - Your feedback lists every check and, when a result looks like a known mistake, names it in the
#   lecture's terms.
# - Only the code in your function cells (and the provided cells) runs at grading; the toy model and
#   the pictures are for you. Keep any helper functions inside your function cells.

# %% [markdown] lang="ko"
# ## 7. 정리와 채점 방식
#
# - attention은 seq2seq의 context 벡터 하나를, 출력 시점마다 새로 구하는 인코더 모든 상태의 가중 평균으로
#   바꿉니다. query와 key의 점수는 내적, 쌍선형 형태 $q W k^\top$, 또는 작은 신경망
#   $v \cdot \tanh(q W_q + k W_k)$(additive)일 수 있습니다. 마지막 것은 유계이고 query와 key를 비선형으로
#   섞습니다.
# - teacher forcing은 target의 모든 위치를 한 번에 학습합니다. 디코더는 $[\text{bos}, y_0, \dots, y_{n-2}]$를
#   읽고 $[y_0, \dots, y_{n-1}]$을 예측하며, causal 마스크가 각 위치가 자기가 예측할 것을 읽지 못하게 합니다.
# - 디코더 블록은 causal self-attention, 인코더의 출력(memory)에 대한 cross-attention, FFN이며, 각각
#   residual connection과 layer norm 안에 있습니다 (post-norm 또는 pre-norm).
# - 손실은 padding이 아닌 위치들에 대한 cross-entropy이고, label smoothing은 target 확률의 $\varepsilon$을 모든
#   $V$개 토큰에 고르게 옮깁니다.
# - greedy decoding은 모든 행이 끝날 때까지 마지막 위치의 argmax를 덧붙입니다. 이때 모델이 읽는 것은 정답이
#   아니라 자기 출력입니다.
#
# | 함수 | 점수 |
# | --- | --- |
# | `additive_attention` | 2 |
# | `shift_right` | 1 |
# | `decoder_block` | 3 |
# | `sequence_cross_entropy` | 2 |
# | `greedy_decode` | 2 |
#
# **채점 방식**
# - 이 노트북의 ✓/✗ 자가 점검은 손으로 확인할 수 있는 작은 예제(additive 점수 $\ln 3$, 직접 써 본 shift,
#   attention이 평균을 내는 블록, 클래스 2개와 3개의 손실, 답이 적혀 있는 스크립트 모델)와 성질을 사용합니다.
#   흔한 실수는 잡아내지만, 코드가 옳다는 것을 증명하지는 않습니다.
# - 채점할 때는 숨은 검사가 매번 새로 만든 무작위 입력(크기가 모두 다르고, head가 여러 개이며, 편향이 0이
#   아니고, 마스크가 있거나 없고, 두 가지 정규화 순서, padding된 target, 아주 큰 logit)으로 각 함수를 호출해
#   강의 수식과 비교합니다. 강의 수식을 옮긴 참조 구현은 PyTorch의 `nn.TransformerDecoderLayer`,
#   `F.cross_entropy`와 결과가 같습니다. `greedy_decode`는 호출 횟수를 세는 스크립트 모델로 실행합니다. 테스트 셀의 점수는 그 셀의
#   검사들에 나누어 배정되므로, 일부만 맞아도 부분 점수를 받습니다.
# - 피드백에는 모든 검사 결과가 나오고, 결과가 알려진 실수처럼 보이면 강의의 용어로 그 실수를 짚어 줍니다.
# - 채점 때는 함수 셀(과 제공된 셀)의 코드만 실행됩니다. 예제 모델과 그림은 여러분을 위한 것입니다. 보조
#   함수는 반드시 함수 셀 안에 두세요.
