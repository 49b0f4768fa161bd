"""The quiz question bank (instructor side): every question, its key and its explanations.

This file stays with the instructor (``solutions/`` is never released). ``python -m seqlab.quiz
build`` generates the quiz notebooks and their ``selfcheck.py`` from it; the hidden checks in
``tests/checks/test_quizzes.py`` grade against it; ``python -m seqlab.quiz mastery`` reports
points per checklist item from nbgrader's gradebook.

* ``ITEMS``: the learning-checklist items (the lecture's "학습 점검" in
  ``002_7353d8e8b175228d.txt``, plus the recurrent review and the foundations), each with a
  stable key, a bilingual label, its group and the quiz that covers it. Every item has at least
  two questions.
* ``QUESTIONS``: in quiz order. ``graded=True``: the key stays here and the released
  ``selfcheck.py`` only checks the answer's form; ``graded=False`` (practice): the key and the
  explanations ship in ``selfcheck.py``, and the notebook says so. A graded question applies what
  the notebooks and practice questions teach to a new case; none of them may state its key
  (``docs/authoring.md``, checked by ``tests/test_quiz_leaks.py``).
* Grade ids (what the gradebook export and the mastery report key on): the answer cell is
  ``answer_<id>``, its autograded test cell ``test_answer_<id>``; a written question's
  hand-graded answer cell is ``answer_<id>`` and its prompt (with the mark scheme) ``prompt_<id>_<lang>``.

Every option carries ``why``: for a wrong option, why it is wrong (shown to a student who picks
it); for a right one, why it is right. Numbers are the lecture's notation (SPEC.md).
"""
from seqlab.i18n import Text as T
from seqlab.quiz import Item, Near, O, Question as Q

REVIEW = T("Review: recurrent networks", "복습: 순환 신경망")
FOUNDATIONS = T("Foundations of attention", "attention의 기초")
BASIC = T("Basic concepts", "기본 개념")
INTERMEDIATE = T("Intermediate concepts", "중급 개념")
ADVANCED = T("Advanced concepts", "고급 개념")
TASKS = T("Practice tasks", "실습 과제")

ITEMS = [
    # quiz_review: the recurrent half, then the foundations the attention lecture leans on
    Item("rnn_bptt", T("The RNN recurrence and BPTT", "RNN 점화식과 BPTT"), REVIEW, "quiz_review"),
    Item("vanishing_exploding", T("Vanishing and exploding gradients", "기울기 소실과 폭발"), REVIEW, "quiz_review"),
    Item("lstm_gates", T("LSTM: the role of each gate and of the cell state", "LSTM: 각 게이트와 셀 상태의 역할"),
         REVIEW, "quiz_review"),
    Item("gru_gates", T("GRU: the reset and update gates, (1 − z) and z", "GRU: 리셋·업데이트 게이트, (1 − z)와 z"),
         REVIEW, "quiz_review"),
    Item("rnn_lstm_gru", T("RNN vs LSTM vs GRU", "RNN, LSTM, GRU 비교"), REVIEW, "quiz_review"),
    Item("seq2seq_context", T("Seq2seq: the fixed context vector, and why attention fixed it",
                              "Seq2seq: 고정된 context 벡터와 attention이 해결한 것"), REVIEW, "quiz_review"),
    Item("teacher_forcing", T("Teacher forcing", "Teacher forcing"), REVIEW, "quiz_review"),
    Item("matmul_shapes", T("Shapes of matrix products", "행렬곱의 shape"), FOUNDATIONS, "quiz_review"),
    Item("dot_cosine", T("The dot product and cosine similarity as similarity", "유사도로서의 내적과 코사인 유사도"),
         FOUNDATIONS, "quiz_review"),
    Item("softmax_sum", T("Softmax: outputs that sum to 1", "Softmax: 합이 1인 출력"), FOUNDATIONS, "quiz_review"),
    Item("qk_shapes", T("Shapes in attention: Q Kᵀ for given n and d_k", "attention의 shape: n, d_k에 따른 Q Kᵀ"),
         FOUNDATIONS, "quiz_review"),
    # quiz_attention: the checklist's basic and intermediate items
    Item("why_attention", T("Why attention is needed", "Attention이 왜 필요한가"), BASIC, "quiz_attention"),
    Item("qkv_roles", T("The roles of Query, Key and Value", "Query, Key, Value의 역할"), BASIC, "quiz_attention"),
    Item("sdpa_formula", T("Writing the scaled dot-product attention formula", "Scaled Dot-Product Attention 식 쓰기"),
         BASIC, "quiz_attention"),
    Item("self_vs_cross", T("Self-attention vs (encoder–decoder) attention",
                            "Self-Attention과 일반(인코더–디코더) Attention의 차이"), BASIC, "quiz_attention"),
    Item("why_multihead", T("Why multi-head attention", "Multi-Head Attention이 왜 필요한가"), INTERMEDIATE,
         "quiz_attention"),
    Item("no_positional", T("What happens without positional encoding", "Positional Encoding이 없으면 어떻게 되나"),
         INTERMEDIATE, "quiz_attention"),
    Item("sinusoidal_advantages", T("The advantages of sinusoidal encoding", "Sinusoidal encoding의 장점"),
         INTERMEDIATE, "quiz_attention"),
    Item("residual", T("The role of residual connections", "Residual Connection의 역할"), INTERMEDIATE,
         "quiz_attention"),
    # quiz_transformer: the checklist's advanced items and practice tasks
    Item("layer_vs_batch_norm", T("Layer normalization vs batch normalization", "Layer Normalization vs Batch Normalization"),
         ADVANCED, "quiz_transformer"),
    Item("pre_vs_post_norm", T("Pre-norm vs post-norm", "Pre-Norm vs Post-Norm"), ADVANCED, "quiz_transformer"),
    Item("reduce_n2", T("Reducing the O(n²) cost of attention", "Transformer의 O(n²) 복잡도를 줄이는 방법"),
         ADVANCED, "quiz_transformer"),
    Item("read_attention_weights", T("Reading attention weights", "Attention weights 해석"), ADVANCED,
         "quiz_transformer"),
    Item("task_attention_patterns", T("Task 1: observing attention patterns", "과제 1: Attention 패턴 관찰"), TASKS,
         "quiz_transformer"),
    Item("task_no_pe", T("Task 2: training without positional encoding", "과제 2: Positional encoding 없이 학습"),
         TASKS, "quiz_transformer"),
    Item("task_head_count", T("Task 3: comparing head counts", "과제 3: Head 수 비교"), TASKS, "quiz_transformer"),
    Item("task_rnn_vs_transformer", T("Task 4: RNN vs Transformer as the sequence grows",
                                      "과제 4: 시퀀스 길이에 따른 RNN과 Transformer 비교"), TASKS, "quiz_transformer"),
]

QUESTIONS = [
    # ================================================================== quiz_review: recurrent
    # ---------------------------------------------------------------- rnn_bptt
    Q("rnn_shared_weights", "rnn_bptt", "single", T(
        "The lecture's RNN computes $h_t = f(W_{xh} x_t + W_{hh} h_{t-1})$ and $y_t = g(W_{hy} h_t)$. "
        "Which statement about it is right?",
        "강의의 RNN은 $h_t = f(W_{xh} x_t + W_{hh} h_{t-1})$, $y_t = g(W_{hy} h_t)$로 계산합니다. "
        "이에 대해 옳은 설명은?"),
      options=(
        O("A separate $W_{hh}$ is learned for every time step $t$.",
          "시점 $t$마다 별도의 $W_{hh}$를 학습한다.",
          "The same $W_{xh}$, $W_{hh}$ (and $W_{hy}$) are used at every step: that weight sharing is what lets one "
          "network read sequences of any length.",
          "모든 시점에서 같은 $W_{xh}$, $W_{hh}$ (그리고 $W_{hy}$)를 씁니다. 이 가중치 공유 덕분에 한 네트워크로 "
          "길이가 다른 시퀀스를 모두 읽을 수 있습니다."),
        O("The same weights are used at every step, and $h_t$ carries information from all earlier inputs "
          "through $h_{t-1}$.",
          "모든 시점에서 같은 가중치를 쓰고, $h_t$는 $h_{t-1}$을 통해 이전 모든 입력의 정보를 담는다.",
          "Right: one set of weights is applied step after step, and the hidden state is the network's memory of "
          "$x_1, …, x_t$.",
          "맞습니다. 같은 가중치를 시점마다 반복해서 적용하고, 은닉 상태가 $x_1, …, x_t$에 대한 네트워크의 "
          "기억입니다."),
        O("$h_t$ depends only on $x_t$; $h_{t-1}$ is used only during training.",
          "$h_t$는 $x_t$에만 의존하고, $h_{t-1}$은 학습할 때만 쓴다.",
          "$h_{t-1}$ enters the formula at every step, at training and at inference alike; without it there "
          "would be no memory at all.",
          "$h_{t-1}$은 학습 때나 추론 때나 매 시점 수식에 들어갑니다. 이 항이 없으면 기억이 전혀 없습니다."),
        O("The output $y_t$ is computed from $x_t$ directly, without $h_t$.",
          "출력 $y_t$는 $h_t$ 없이 $x_t$에서 바로 계산한다.",
          "$y_t = g(W_{hy} h_t)$: the output reads the hidden state, which is how it can depend on the past.",
          "$y_t = g(W_{hy} h_t)$입니다: 출력은 은닉 상태를 읽기 때문에 과거에 의존할 수 있습니다."),
      ), key="B"),
    Q("bptt_what", "rnn_bptt", "single", T(
        "What does BPTT (backpropagation through time) do when an RNN is trained?",
        "RNN을 학습할 때 BPTT(Backpropagation Through Time)는 무엇을 하나요?"),
      options=(
        O("It backpropagates through the last time step only, because the weights are shared.",
          "가중치를 공유하므로 마지막 시점으로만 역전파한다.",
          "Sharing is the reason the gradient must visit every step: the same $W_{hh}$ acted at each of them, "
          "and the loss depends on all of those uses.",
          "공유하기 때문에 오히려 모든 시점을 거쳐야 합니다: 같은 $W_{hh}$가 모든 시점에서 쓰였고, 손실은 그 "
          "모든 사용에 의존합니다."),
        O("It trains every time step as a separate network with its own weights.",
          "각 시점을 자기 가중치를 가진 별도의 네트워크로 학습한다.",
          "The time steps share one set of weights; unrolling only makes the repeated use visible, it does not "
          "copy the weights.",
          "모든 시점이 한 벌의 가중치를 공유합니다. 펼치기는 반복 사용을 드러낼 뿐 가중치를 복제하지 않습니다."),
        O("It runs the sequence backwards at inference time.",
          "추론할 때 시퀀스를 거꾸로 읽는다.",
          "BPTT is about training (gradients), not inference; reading a sequence in both directions is what a "
          "bidirectional RNN does.",
          "BPTT는 추론이 아니라 학습(기울기 계산)에 관한 것입니다. 시퀀스를 양방향으로 읽는 것은 양방향 RNN입니다."),
        O("It unrolls the network along time and backpropagates through every step; the gradient of each shared "
          "weight is the sum of its contributions at all steps.",
          "네트워크를 시간 축을 따라 펼치고 모든 시점을 거슬러 역전파한다. 공유된 가중치의 기울기는 모든 시점의 "
          "기여를 더한 것이다.",
          "Right: the unrolled RNN is a deep network whose layers share weights, so each weight's gradient "
          "accumulates over the time steps (the lecture: \"the gradients of all the time steps add up\").",
          "맞습니다. 펼친 RNN은 층끼리 가중치를 공유하는 깊은 네트워크이므로, 각 가중치의 기울기는 시점마다의 "
          "기여를 누적한 것입니다 (강의: \"모든 시점의 기울기를 누적\")."),
      ), key="D"),
    Q("bptt_product", "rnn_bptt", "truefalse", T(
        "In BPTT, the gradient that reaches $h_{t-k}$ from the loss at step $t$ contains the product of the $k$ "
        "step-to-step Jacobians $\\partial h_s / \\partial h_{s-1}$, for $s = t-k+1, …, t$.",
        "BPTT에서 시점 $t$의 손실로부터 $h_{t-k}$에 도달하는 기울기에는 한 시점씩의 야코비안 "
        "$\\partial h_s / \\partial h_{s-1}$ ($s = t-k+1, …, t$) $k$개의 곱이 들어 있다."),
      key=True, explanation=T(
        "True: by the chain rule, $\\partial h_t / \\partial h_{t-k} = \\prod_s \\partial h_s / \\partial h_{s-1}$, with "
        "$\\partial h_s / \\partial h_{s-1} = \\mathrm{diag}(\\tanh'(a_s))\\, W_{hh}^\\top$ in the row layout. A product "
        "of $k$ such factors is what makes the gradient vanish or explode as $k$ grows.",
        "참입니다. 연쇄 법칙에 따라 $\\partial h_t / \\partial h_{t-k} = \\prod_s \\partial h_s / \\partial h_{s-1}$이고, "
        "행 벡터 표기에서 $\\partial h_s / \\partial h_{s-1} = \\mathrm{diag}(\\tanh'(a_s))\\, W_{hh}^\\top$입니다. 이런 "
        "항 $k$개의 곱 때문에 $k$가 커질수록 기울기가 사라지거나 폭발합니다.")),
    Q("bptt_shared_gradient", "rnn_bptt", "numeric", T(
        "A scalar RNN without nonlinearity, $h_t = w\\, h_{t-1} + x_t$, starts from $h_0 = 0$ and reads $x_1 = 1$, "
        "$x_2 = 2$, $x_3 = 0$ with $w = 0.5$. The loss is $L = h_3$, and the same $w$ is used at every step. What is "
        "$\\partial L / \\partial w$?",
        "비선형 함수가 없는 스칼라 RNN $h_t = w\\, h_{t-1} + x_t$가 $h_0 = 0$에서 시작해 $w = 0.5$로 $x_1 = 1$, $x_2 = 2$, "
        "$x_3 = 0$을 읽습니다. 손실은 $L = h_3$이고, 모든 시점에서 같은 $w$를 씁니다. $\\partial L / \\partial w$는?"),
      key=3, graded=True, tolerance=0.01,
      near=(
        Near(2.5, T("That is only step 3's share ($h_2$). The same $w$ also acted at steps 2 and 1, and BPTT adds the "
                    "contribution of every step.",
                    "시점 3의 몫($h_2$)뿐입니다. 같은 $w$가 시점 2와 1에서도 쓰였고, BPTT는 모든 시점의 기여를 더합니다."),
             "bptt_last_step_only"),
        Near(1.25, T("That is the loss $L = h_3$ itself, not its derivative with respect to $w$.",
                     "그것은 손실 $L = h_3$ 자체이고, $w$에 대한 미분이 아닙니다."), "bptt_value_not_gradient"),
      ),
      explanation=T(
        "Forward: $h_1 = 1$, $h_2 = 2.5$, $h_3 = 1.25$. Backward, one term per use of $w$: step 3 gives $h_2 = 2.5$, step 2 "
        "gives $\\partial L / \\partial h_2 \\cdot h_1 = w \\cdot 1 = 0.5$, step 1 gives $w^2 \\cdot h_0 = 0$; the sum is 3. "
        "(Check: $L = w^2 + 2w$, so $\\partial L / \\partial w = 2w + 2 = 3$.)",
        "순전파: $h_1 = 1$, $h_2 = 2.5$, $h_3 = 1.25$. 역전파에서는 $w$가 쓰인 곳마다 항이 하나씩 생깁니다: 시점 3은 "
        "$h_2 = 2.5$, 시점 2는 $\\partial L / \\partial h_2 \\cdot h_1 = w \\cdot 1 = 0.5$, 시점 1은 $w^2 \\cdot h_0 = 0$이고, "
        "합은 3입니다. (확인: $L = w^2 + 2w$이므로 $\\partial L / \\partial w = 2w + 2 = 3$.)")),

    # ---------------------------------------------------------------- vanishing_exploding
    Q("vanishing_cause", "vanishing_exploding", "single", T(
        "A plain tanh RNN fails to learn that the word at step $t$ depends on the word 50 steps earlier. Why?",
        "기본 tanh RNN이 시점 $t$의 단어가 50 시점 앞의 단어에 의존한다는 것을 학습하지 못합니다. 왜일까요?"),
      options=(
        O("The gradient reaching step $t-50$ is a product of 50 factors, each with $W_{hh}$ and a tanh slope "
          "$\\le 1$; it shrinks (or grows) exponentially with the distance.",
          "시점 $t-50$에 도달하는 기울기는 $W_{hh}$와 1 이하인 tanh 기울기를 포함한 항 50개의 곱이라서, 거리에 "
          "따라 지수적으로 작아지거나 커진다.",
          "Right: this is the vanishing (or exploding) gradient problem of BPTT. The signal from 50 steps away "
          "is swamped by the nearby steps, so the long-range dependency is not learned.",
          "맞습니다. BPTT의 기울기 소실(또는 폭발) 문제입니다. 50 시점 떨어진 곳의 신호가 가까운 시점들의 신호에 "
          "묻혀서 장거리 의존성을 학습하지 못합니다."),
        O("tanh is not differentiable, so no gradient reaches early steps.",
          "tanh는 미분할 수 없어서 앞쪽 시점에 기울기가 도달하지 않는다.",
          "tanh is smooth and differentiable everywhere, with $0 < \\tanh' \\le 1$; the problem is how many of "
          "these factors get multiplied.",
          "tanh는 모든 점에서 매끄럽게 미분 가능하고 $0 < \\tanh' \\le 1$입니다. 문제는 이런 항이 몇 개나 곱해지는가입니다."),
        O("The hidden state is reset to zero every few steps.",
          "은닉 상태가 몇 시점마다 0으로 초기화된다.",
          "Nothing resets $h_t$: it is carried through the whole sequence. Information can flow forward; it is "
          "the gradient flowing back that fades.",
          "$h_t$를 초기화하는 것은 없고, 시퀀스 전체에 걸쳐 전달됩니다. 정보는 앞으로 흐를 수 있지만, 거꾸로 "
          "흐르는 기울기가 약해지는 것입니다."),
        O("The loss at step $t$ does not depend on $x_{t-50}$ at all.",
          "시점 $t$의 손실은 $x_{t-50}$에 전혀 의존하지 않는다.",
          "It does, through $h_{t-50}, …, h_{t-1}$; the dependence is real but its gradient becomes tiny.",
          "$h_{t-50}, …, h_{t-1}$을 통해 의존합니다. 의존성은 있지만 그 기울기가 아주 작아집니다."),
      ), key="A"),
    Q("gradient_remedies", "vanishing_exploding", "multi", T(
        "Which of these help against exploding or vanishing gradients in recurrent networks? Choose every one that does.",
        "순환 신경망의 기울기 폭발이나 소실을 막는 데 도움이 되는 것을 모두 고르세요."),
      options=(
        O("Training on longer sequences.",
          "더 긴 시퀀스로 학습한다.",
          "Longer sequences mean longer products of Jacobians: the problem gets worse, not better.",
          "시퀀스가 길면 야코비안의 곱도 길어집니다: 문제가 나아지지 않고 더 심해집니다."),
        O("Replacing tanh by a step function.",
          "tanh를 계단 함수로 바꾼다.",
          "A step function has derivative 0 almost everywhere: no gradient would flow at all.",
          "계단 함수는 거의 모든 점에서 미분값이 0입니다: 기울기가 아예 흐르지 않습니다."),
        O("Gradient clipping: rescale the gradient when its norm exceeds a threshold.",
          "Gradient clipping: 기울기의 norm이 임계값을 넘으면 크기를 줄인다.",
          "It belongs: clipping caps an exploding gradient so that one huge step cannot wreck training (the "
          "lecture's fix for NaN losses). It does not help a vanishing one.",
          "맞는 보기입니다. clipping은 폭발한 기울기의 크기를 제한해서 한 번의 큰 업데이트가 학습을 망치지 않게 "
          "합니다 (강의의 NaN loss 해결책). 다만 소실에는 도움이 되지 않습니다."),
        O("Gated cells (LSTM, GRU), whose additive state update gives the gradient a path that need not shrink "
          "at every step.",
          "게이트 셀(LSTM, GRU): 상태를 더하기로 갱신해서 기울기가 매 시점 줄어들지 않아도 되는 경로를 만든다.",
          "It belongs: with $C_t = f_t \\odot C_{t-1} + …$ the direct path multiplies the gradient by $f_t$, "
          "which the network can keep near 1, instead of by $W_{hh}$ and a tanh slope at every step.",
          "맞는 보기입니다. $C_t = f_t \\odot C_{t-1} + …$에서는 직접 경로의 기울기에 매 시점 $W_{hh}$와 tanh "
          "기울기 대신 $f_t$가 곱해지고, 네트워크는 이를 1 가까이 유지할 수 있습니다."),
      ), key=("C", "D")),
    Q("clip_global_norm", "vanishing_exploding", "single", T(
        "A training step's gradients are two arrays, $dW$ with norm 3 and $db$ with norm 4 (together, a global "
        "norm of 5). What does gradient clipping by the global norm with max_norm $= 1$ do to them?",
        "한 학습 스텝의 기울기가 배열 두 개, norm이 3인 $dW$와 norm이 4인 $db$입니다 (합쳐서 전역 norm은 5). "
        "max_norm $= 1$로 전역 norm에 의한 gradient clipping을 하면 두 배열은 어떻게 되나요?"),
      options=(
        O("Each array is scaled to norm 1: $dW$ by $1/3$, $db$ by $1/4$.",
          "각 배열을 norm 1로 맞춘다: $dW$에는 $1/3$, $db$에는 $1/4$을 곱한다.",
          "That clips each array by its own norm: the two arrays shrink by different factors, so the direction of "
          "the whole step changes (and its length is $\\sqrt{2}$, not 1).",
          "배열마다 자기 norm으로 clip한 것입니다. 두 배열이 다른 비율로 줄어서 전체 업데이트의 방향이 바뀝니다 "
          "(길이도 1이 아니라 $\\sqrt{2}$입니다)."),
        O("Both arrays are multiplied by the same factor, about $1/5$: the whole gradient keeps its direction and "
          "gets length 1.",
          "두 배열에 같은 인자, 약 $1/5$을 곱한다: 전체 기울기는 방향을 유지하고 길이가 1이 된다.",
          "Right: one norm over all the arrays together, and one factor "
          "$\\min(1, \\text{max\\_norm} / (\\lVert g \\rVert + 10^{-6}))$ for every array, here about $0.2$.",
          "맞습니다. 모든 배열을 합친 norm 하나와, 모든 배열에 같은 인자 "
          "$\\min(1, \\text{max\\_norm} / (\\lVert g \\rVert + 10^{-6}))$를 씁니다. 여기서는 약 $0.2$입니다."),
        O("Every entry larger than 1 in absolute value is set to $\\pm 1$; the others stay.",
          "절댓값이 1보다 큰 원소를 모두 $\\pm 1$로 바꾸고, 나머지는 그대로 둔다.",
          "That is clipping by value, another method: it changes the direction of the gradient entry by entry. "
          "Clipping by the norm rescales the whole gradient.",
          "그것은 값에 의한 clipping으로, 다른 방법입니다: 원소마다 잘라서 기울기의 방향을 바꿉니다. norm에 의한 "
          "clipping은 기울기 전체의 크기를 조절합니다."),
        O("Nothing: clipping only acts on gradients that are NaN or infinite.",
          "아무 일도 없다: clipping은 NaN이거나 무한대인 기울기에만 작용한다.",
          "Clipping acts whenever the global norm exceeds max_norm, here 5 > 1; a NaN gradient cannot be rescaled "
          "back to something useful.",
          "clipping은 전역 norm이 max_norm을 넘으면 언제나 작용합니다 (여기서 5 > 1). NaN인 기울기는 크기를 조절해도 "
          "쓸모 있는 값이 되지 않습니다."),
      ), key="B"),
    Q("singular_value_bound", "vanishing_exploding", "truefalse", T(
        "In a plain tanh RNN, if the largest singular value of $W_{hh}$ is below 1, then the norm of "
        "$\\partial h_t / \\partial h_{t-k}$ is at most (that value)$^k$, so the gradient from far back vanishes.",
        "기본 tanh RNN에서 $W_{hh}$의 가장 큰 특이값이 1보다 작으면 $\\partial h_t / \\partial h_{t-k}$의 norm은 "
        "(그 값)$^k$ 이하이므로, 먼 과거로 가는 기울기는 사라진다."),
      key=True, graded=True, explanation=T(
        "True: a matrix's norm is its largest singular value and $\\tanh' \\le 1$, so every one of the $k$ step "
        "factors has norm at most $\\sigma_{max} < 1$, and a product's norm is at most the product of the norms: "
        "$\\sigma_{max}^k \\to 0$. With a largest singular value above 1 there is no such bound, and the product can "
        "grow instead: explosion.",
        "참입니다. 행렬의 norm은 가장 큰 특이값이고 $\\tanh' \\le 1$이므로 $k$개의 시점별 항은 각각 norm이 "
        "$\\sigma_{max} < 1$ 이하이며, 곱의 norm은 norm들의 곱 이하입니다: $\\sigma_{max}^k \\to 0$. 가장 큰 특이값이 "
        "1보다 크면 이런 상한이 없고, 곱이 오히려 커질 수 있습니다: 기울기 폭발입니다.")),

    # ---------------------------------------------------------------- lstm_gates
    Q("lstm_keep_memory", "lstm_gates", "single", T(
        "In $C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$, one unit has forget gate $f_t \\approx 1$ and input "
        "gate $i_t \\approx 0$. What happens to that unit's memory?",
        "$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$에서 어떤 유닛의 forget gate가 $f_t \\approx 1$, input gate가 "
        "$i_t \\approx 0$입니다. 그 유닛의 기억은 어떻게 되나요?"),
      options=(
        O("It is erased: $C_t \\approx 0$.", "지워진다: $C_t \\approx 0$.",
          "Erasing needs $f_t \\approx 0$ (and $i_t \\approx 0$): the forget gate at 0 drops the old memory. "
          "With $f_t \\approx 1$ it is kept.",
          "지우려면 $f_t \\approx 0$ (그리고 $i_t \\approx 0$)이어야 합니다: forget gate가 0이면 이전 기억을 "
          "버립니다. $f_t \\approx 1$이면 유지됩니다."),
        O("It is replaced by the candidate: $C_t \\approx \\tilde{C}_t$.", "후보로 바뀐다: $C_t \\approx \\tilde{C}_t$.",
          "Replacing needs $f_t \\approx 0$ and $i_t \\approx 1$; here the input gate is shut, so the candidate "
          "is not written at all.",
          "후보로 바꾸려면 $f_t \\approx 0$, $i_t \\approx 1$이어야 합니다. 여기서는 input gate가 닫혀 있어서 후보가 "
          "전혀 쓰이지 않습니다."),
        O("It is kept: $C_t \\approx C_{t-1}$.", "유지된다: $C_t \\approx C_{t-1}$.",
          "Right: the old memory passes at full strength and nothing new is written. This is how an LSTM "
          "carries information over many steps.",
          "맞습니다. 이전 기억은 그대로 통과하고 새로 쓰이는 것은 없습니다. LSTM이 정보를 여러 시점에 걸쳐 "
          "전달하는 방법입니다."),
        O("The hidden state $h_t$ becomes 0.", "은닉 상태 $h_t$가 0이 된다.",
          "The question is about the memory $C_t$; $f_t$ and $i_t$ do not set $h_t$ to 0 (see $h_t = o_t \\odot \\tanh(C_t)$).",
          "이 문제는 기억 $C_t$에 관한 것입니다. $f_t$와 $i_t$가 $h_t$를 0으로 만들지는 않습니다 ($h_t = o_t \\odot \\tanh(C_t)$ 참고)."),
      ), key="C"),
    Q("lstm_output_gate", "lstm_gates", "single", T(
        "Which part of the LSTM decides how much of the cell state is shown in the hidden state $h_t$?",
        "LSTM에서 셀 상태를 은닉 상태 $h_t$에 얼마나 내보낼지 결정하는 것은?"),
      options=(
        O("The forget gate $f_t$", "Forget gate $f_t$",
          "$f_t$ scales the old memory $C_{t-1}$ inside the cell state; it does not decide what is shown in $h_t$.",
          "$f_t$는 셀 상태 안에서 이전 기억 $C_{t-1}$의 비율을 정합니다. $h_t$에 내보낼 양을 정하지는 않습니다."),
        O("The input gate $i_t$", "Input gate $i_t$",
          "$i_t$ scales how much of the candidate $\\tilde{C}_t$ is written into the memory, not what is read out.",
          "$i_t$는 후보 $\\tilde{C}_t$를 기억에 얼마나 쓸지 정합니다. 읽어 내보내는 양이 아닙니다."),
        O("The output gate $o_t$", "Output gate $o_t$",
          "Right: $h_t = o_t \\odot \\tanh(C_t)$; the cell may hold information it does not show yet.",
          "맞습니다. $h_t = o_t \\odot \\tanh(C_t)$입니다. 셀은 아직 내보내지 않은 정보를 담고 있을 수 있습니다."),
        O("The candidate $\\tilde{C}_t$", "후보 $\\tilde{C}_t$",
          "$\\tilde{C}_t$ is new content (a tanh), not a gate (a σ valve); it is written into $C_t$ through $i_t$.",
          "$\\tilde{C}_t$는 게이트(σ 밸브)가 아니라 새 정보(tanh)이고, $i_t$를 거쳐 $C_t$에 쓰입니다."),
      ), key="C"),
    Q("lstm_parameter_count", "lstm_gates", "numeric", T(
        "An LSTM layer has input size $D = 10$ and hidden size $H = 20$. Each of the lecture's four blocks "
        "($f$, $i$, $o$ and the candidate $g$) has $W_{x*}$ of shape $(10, 20)$, $W_{h*}$ of shape $(20, 20)$ and "
        "a bias $b_*$ of shape $(20,)$. How many parameters does the layer have?",
        "LSTM 층의 입력 크기는 $D = 10$, 은닉 크기는 $H = 20$입니다. 강의의 네 블록($f$, $i$, $o$, 후보 $g$)은 "
        "각각 shape $(10, 20)$인 $W_{x*}$, $(20, 20)$인 $W_{h*}$, $(20,)$인 편향 $b_*$를 가집니다. 이 층의 "
        "파라미터는 모두 몇 개인가요?"),
      key=2480, graded=True, tolerance=0.5,
      near=(
        Near(2400, T("That is the count without the biases: each block also has $b_*$ with 20 entries.",
                     "편향을 뺀 개수입니다: 블록마다 원소 20개인 $b_*$도 있습니다."), "lstm_params_no_bias"),
        Near(620, T("That is one block ($10 \\cdot 20 + 20 \\cdot 20 + 20$). An LSTM has four: three gates and the candidate.",
                    "블록 하나($10 \\cdot 20 + 20 \\cdot 20 + 20$)의 개수입니다. LSTM에는 게이트 세 개와 후보, 네 블록이 있습니다."),
             "lstm_params_one_block"),
        Near(1860, T("That is three blocks, a GRU's count. The LSTM's candidate $g$ has its own weights too: four blocks.",
                     "블록 세 개, 즉 GRU의 개수입니다. LSTM의 후보 $g$도 자기 가중치가 있어 블록은 네 개입니다."),
             "lstm_params_three_blocks"),
        Near(2560, T("That counts two bias vectors per block (PyTorch's b_ih and b_hh); the lecture's formula has one.",
                     "블록마다 편향을 두 개(PyTorch의 b_ih, b_hh) 센 값입니다. 강의의 수식에는 편향이 하나입니다."),
             "lstm_params_two_biases"),
      ),
      explanation=T(
        "Four blocks, each $D \\cdot H + H \\cdot H + H$: $4 \\cdot (10 \\cdot 20 + 20 \\cdot 20 + 20) = 4 \\cdot 620 = 2480$.",
        "블록 네 개, 각각 $D \\cdot H + H \\cdot H + H$개: $4 \\cdot (10 \\cdot 20 + 20 \\cdot 20 + 20) = 4 \\cdot 620 = 2480$입니다.")),
    Q("cell_state_gradient", "lstm_gates", "single", T(
        "Why does the LSTM's cell state help gradients survive over many steps?",
        "LSTM의 셀 상태는 왜 기울기가 여러 시점을 거쳐도 살아남도록 도와주나요?"),
      options=(
        O("$C_t$ passes through a sigmoid at every step, which keeps it between 0 and 1.",
          "$C_t$가 매 시점 sigmoid를 통과해서 0과 1 사이에 머문다.",
          "$C_t$ itself is not squashed by a sigmoid (only the gates are σ); and squashing would shrink "
          "gradients, not protect them.",
          "$C_t$ 자체는 sigmoid를 통과하지 않습니다 (게이트만 σ입니다). 게다가 값을 눌러 주는 것은 기울기를 "
          "보호하지 않고 줄입니다."),
        O("$C_t$ is updated by addition: along the direct path $\\partial C_t / \\partial C_{t-1} = f_t$, so with "
          "$f_t \\approx 1$ the gradient passes almost unchanged instead of being multiplied by $W_{hh}$ at every step.",
          "$C_t$는 더하기로 갱신된다: 직접 경로에서 $\\partial C_t / \\partial C_{t-1} = f_t$이므로, $f_t \\approx 1$이면 "
          "기울기가 매 시점 $W_{hh}$와 곱해지지 않고 거의 그대로 전달된다.",
          "Right: the cell state is a path through time with only elementwise gates on it, which the network "
          "learns to open when it needs to remember.",
          "맞습니다. 셀 상태는 요소별 게이트만 있는 시간 축 경로이고, 네트워크는 기억이 필요할 때 그 게이트를 "
          "여는 법을 배웁니다."),
        O("The cell state is never updated, so nothing can change the gradient.",
          "셀 상태는 갱신되지 않으므로 기울기를 바꿀 것이 없다.",
          "The cell state is updated at every step, $C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$; the point "
          "is how: by a gated sum.",
          "셀 상태는 매 시점 $C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$로 갱신됩니다. 핵심은 그 방식, 즉 "
          "게이트가 붙은 덧셈입니다."),
        O("The cell state is reset to zero at every step, which removes the old gradient.",
          "셀 상태가 매 시점 0으로 초기화되어 이전 기울기를 없앤다.",
          "Nothing resets it; a reset would cut the path through time and make long memory impossible.",
          "초기화하는 것은 없습니다. 초기화하면 시간 축 경로가 끊겨 긴 기억이 불가능해집니다."),
      ), key="B"),
    Q("candidate_tanh", "lstm_gates", "truefalse", T(
        "Like the gates, the candidate $\\tilde{C}_t$ goes through a σ, so its values lie in $(0, 1)$.",
        "게이트와 마찬가지로 후보 $\\tilde{C}_t$도 σ를 통과하므로 값이 $(0, 1)$ 범위에 있다."),
      key=False, explanation=T(
        "False: the candidate uses tanh, values in $(-1, 1)$. A gate multiplies, so it must lie between shut (0) "
        "and open (1); the candidate is added to the memory, and to be able to push a memory down as well as up it "
        "needs negative values too.",
        "거짓입니다. 후보는 tanh를 쓰고 값은 $(-1, 1)$ 범위입니다. 게이트는 곱해지므로 닫힘(0)과 열림(1) 사이여야 "
        "하지만, 후보는 기억에 더해지므로 기억을 올리기도 내리기도 하려면 음수 값도 가져야 합니다.")),
    Q("lstm_memory_decay", "lstm_gates", "numeric", T(
        "One LSTM unit has forget gate $f_t = 0.9$ and input gate $i_t = 0$ at every step from $t = 1$ to $t = 10$. "
        "What fraction of its memory $C_0$ is left in $C_{10}$? Give three decimals.",
        "LSTM의 한 유닛이 $t = 1$부터 $t = 10$까지 매 시점 forget gate $f_t = 0.9$, input gate $i_t = 0$입니다. 기억 "
        "$C_0$ 중 $C_{10}$에 남는 비율은? 소수점 셋째 자리까지 쓰세요."),
      key=0.349, graded=True, tolerance=0.002,
      near=(
        Near(0.9, T("That is what one step keeps. The forget gate acts again at every one of the ten steps.",
                    "한 시점 동안 남는 비율입니다. forget gate는 열 시점마다 다시 작용합니다."), "lstm_decay_one_step"),
        Near(0, T("$i_t = 0$ only stops writing; it does not erase. What happens to the old memory is $f_t$'s business.",
                  "$i_t = 0$은 쓰기를 멈출 뿐 지우지 않습니다. 이전 기억을 어떻게 할지는 $f_t$가 정합니다."),
             "lstm_input_gate_erases"),
      ),
      explanation=T(
        "Nothing is written, and every step multiplies the memory by $f_t$: $C_{10} = 0.9^{10}\\, C_0 \\approx 0.349\\, C_0$. "
        "A forget gate a little below 1 still loses most of a memory over long spans: to carry information far, it must "
        "stay very close to 1.",
        "새로 쓰는 것이 없고 매 시점 기억에 $f_t$가 곱해집니다: $C_{10} = 0.9^{10}\\, C_0 \\approx 0.349\\, C_0$. forget gate가 "
        "1보다 조금만 작아도 긴 구간에서는 기억의 대부분을 잃습니다: 정보를 멀리 전달하려면 1에 아주 가까워야 합니다.")),
    Q("lstm_explain", "lstm_gates", "text", T(
        "In a few sentences, explain the role of the LSTM's forget, input and output gates and of the cell state, "
        "using $C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$ and $h_t = o_t \\odot \\tanh(C_t)$.",
        "$C_t = f_t \\odot C_{t-1} + i_t \\odot \\tilde{C}_t$와 $h_t = o_t \\odot \\tanh(C_t)$를 이용해서, LSTM의 forget, "
        "input, output gate와 셀 상태의 역할을 몇 문장으로 설명하세요."),
      model_answer=T(
        "The cell state $C_t$ is the LSTM's long-term memory, carried from step to step by a gated sum. The "
        "forget gate $f_t \\in (0, 1)$ decides, per unit, how much of the old memory $C_{t-1}$ to keep (0 erases, "
        "1 keeps). The input gate $i_t$ decides how much of the new candidate $\\tilde{C}_t$ (a tanh of the input "
        "and the previous hidden state) to write. The output gate $o_t$ decides how much of the memory to show "
        "in the hidden state $h_t = o_t \\odot \\tanh(C_t)$, which is what the next step and the output see. "
        "Because the memory is updated additively, the gradient along $C$ is multiplied by $f_t$ rather than by "
        "$W_{hh}$ at every step, which eases the vanishing gradient.",
        "셀 상태 $C_t$는 LSTM의 장기 기억이며, 게이트가 붙은 덧셈으로 시점에서 시점으로 전달됩니다. forget gate "
        "$f_t \\in (0, 1)$는 유닛마다 이전 기억 $C_{t-1}$을 얼마나 유지할지 정합니다 (0이면 지우고 1이면 유지). "
        "input gate $i_t$는 새 후보 $\\tilde{C}_t$(입력과 이전 은닉 상태의 tanh)를 얼마나 쓸지 정합니다. output gate "
        "$o_t$는 기억을 은닉 상태 $h_t = o_t \\odot \\tanh(C_t)$에 얼마나 내보낼지 정하고, 다음 시점과 출력은 이 "
        "$h_t$를 봅니다. 기억을 더하기로 갱신하므로 $C$를 따라가는 기울기에는 매 시점 $W_{hh}$가 아니라 $f_t$가 "
        "곱해져서 기울기 소실이 완화됩니다."),
      rubric=(
        (1, T("Forget and input gates: what each scales in the $C_t$ update (old memory vs new candidate), as "
              "values between 0 and 1.",
              "forget/input gate: $C_t$ 갱신에서 각각 무엇의 비율을 정하는지 (이전 기억 vs 새 후보), 0과 1 사이 값.")),
        (1, T("Output gate: how much of the memory reaches $h_t$; the cell state as the long-term memory.",
              "output gate: 기억이 $h_t$에 얼마나 전달되는지; 셀 상태가 장기 기억이라는 점.")),
        (1, T("Why it helps: the additive, gated update lets information and gradients pass over many steps "
              "(vanishing gradient eased).",
              "효과: 게이트가 붙은 덧셈 갱신 덕분에 정보와 기울기가 여러 시점을 건너갈 수 있다 (기울기 소실 완화).")),
      )),

    # ---------------------------------------------------------------- gru_gates
    Q("gru_forget_input", "gru_gates", "single", T(
        "In the lecture's GRU, $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$. Which statement is right?",
        "강의의 GRU는 $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$입니다. 옳은 설명은?"),
      options=(
        O("$z_t$ plays the forget gate and $(1 - z_t)$ the input gate.",
          "$z_t$가 forget gate, $(1 - z_t)$가 input gate 역할을 한다.",
          "That is PyTorch's convention ($h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$), the mirror image of the "
          "lecture's. In the lecture's form $z_t$ multiplies the candidate, so it is the input gate.",
          "그것은 PyTorch의 규약($h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$)으로, 강의와 반대입니다. 강의의 "
          "식에서는 $z_t$가 후보에 곱해지므로 input gate입니다."),
        O("The reset gate $r_t$ decides how much of the candidate goes into $h_t$.",
          "reset gate $r_t$가 후보를 $h_t$에 얼마나 넣을지 결정한다.",
          "$r_t$ acts inside the candidate, $\\tilde{h}_t = \\tanh(W_{xg} x_t + W_{hg}(r_t \\odot h_{t-1}) + b_g)$; the "
          "mix of old state and candidate is $z_t$'s job.",
          "$r_t$는 후보 안, $\\tilde{h}_t = \\tanh(W_{xg} x_t + W_{hg}(r_t \\odot h_{t-1}) + b_g)$에서 작용합니다. 이전 "
          "상태와 후보를 섞는 것은 $z_t$의 일입니다."),
        O("Like the LSTM, the GRU has an output gate $o_t$ that decides what $h_t$ shows.",
          "LSTM처럼 GRU에도 $h_t$에 무엇을 내보낼지 정하는 output gate $o_t$가 있다.",
          "The GRU has no output gate and no separate cell state: it has two gates (reset, update) and one "
          "state $h_t$.",
          "GRU에는 output gate도 별도의 셀 상태도 없습니다. 게이트 두 개(reset, update)와 상태 $h_t$ 하나뿐입니다."),
        O("$(1 - z_t)$ plays the forget gate (how much of the old state to keep) and $z_t$ the input gate (how "
          "much of the candidate to write).",
          "$(1 - z_t)$가 forget gate(이전 상태를 얼마나 유지할지), $z_t$가 input gate(후보를 얼마나 쓸지) 역할을 한다.",
          "Right: one update gate does both jobs, and because the two weights add up to 1, keeping more of the "
          "past means writing less of the new.",
          "맞습니다. update gate 하나가 두 역할을 하고, 두 비율의 합이 1이므로 과거를 더 유지하면 새 정보는 덜 씁니다."),
      ), key="D"),
    Q("gru_update_shut", "gru_gates", "truefalse", T(
        "For a unit whose update gate is $z_t = 0$, the lecture's GRU replaces the state by the candidate: "
        "$h_t = \\tilde{h}_t$.",
        "update gate가 $z_t = 0$인 유닛에서 강의의 GRU는 상태를 후보로 바꾼다: $h_t = \\tilde{h}_t$."),
      key=False, explanation=T(
        "False: $h_t = (1 - 0) \\odot h_{t-1} + 0 \\odot \\tilde{h}_t = h_{t-1}$, the state is kept. The candidate "
        "replaces it at $z_t = 1$. (PyTorch's GRU mirrors this: there $z_t = 1$ keeps the state, which is why "
        "the two conventions are easy to mix up.)",
        "거짓입니다. $h_t = (1 - 0) \\odot h_{t-1} + 0 \\odot \\tilde{h}_t = h_{t-1}$로 상태가 유지됩니다. 후보로 바뀌는 "
        "것은 $z_t = 1$일 때입니다. (PyTorch의 GRU는 반대라서 $z_t = 1$일 때 상태를 유지하고, 그래서 두 규약을 "
        "혼동하기 쉽습니다.)")),
    Q("gru_reset_role", "gru_gates", "single", T(
        "What does the reset gate $r_t$ do in $\\tilde{h}_t = \\tanh(W_{xg} x_t + W_{hg}(r_t \\odot h_{t-1}) + b_g)$?",
        "$\\tilde{h}_t = \\tanh(W_{xg} x_t + W_{hg}(r_t \\odot h_{t-1}) + b_g)$에서 reset gate $r_t$는 무엇을 하나요?"),
      options=(
        O("It decides how much of the previous state is used to compute the candidate; $r_t \\approx 0$ lets the "
          "candidate ignore the past and start fresh from $x_t$.",
          "후보를 계산할 때 이전 상태를 얼마나 쓸지 정한다. $r_t \\approx 0$이면 후보가 과거를 무시하고 $x_t$에서 "
          "새로 시작한다.",
          "Right: the lecture's \"how much of the past to reset\". It is applied to $h_{t-1}$ before the matrix "
          "product with $W_{hg}$.",
          "맞습니다. 강의의 \"과거 정보를 얼마나 초기화할지\"입니다. $W_{hg}$와의 행렬곱 전에 $h_{t-1}$에 적용됩니다."),
        O("It decides how much of the candidate is written into $h_t$.",
          "후보를 $h_t$에 얼마나 쓸지 정한다.",
          "That is the update gate: $z_t$ weighs the candidate in $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$.",
          "그것은 update gate의 일입니다: $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$에서 후보에 곱해지는 "
          "것은 $z_t$입니다."),
        O("It resets the network's weights when the loss stops improving.",
          "손실이 더 줄지 않으면 네트워크의 가중치를 초기화한다.",
          "A gate is computed from the data at every step; it never touches the weights. Training changes the "
          "weights.",
          "게이트는 매 시점 데이터로부터 계산되는 값이고, 가중치를 건드리지 않습니다. 가중치를 바꾸는 것은 학습입니다."),
        O("It sets the hidden state to zero at the start of every sequence.",
          "시퀀스가 시작할 때마다 은닉 상태를 0으로 만든다.",
          "The initial state $h_0$ is an input of the forward pass; $r_t$ acts at every step, softly and per unit.",
          "초기 상태 $h_0$는 순전파의 입력입니다. $r_t$는 매 시점, 유닛마다 부드럽게 작용합니다."),
      ), key="A"),
    Q("gru_parameter_count", "gru_gates", "numeric", T(
        "A GRU layer has input size 8 and hidden size 16: three blocks ($r$, $z$ and the candidate $g$), each "
        "with $W_{x*}$ $(8, 16)$, $W_{h*}$ $(16, 16)$ and $b_*$ $(16,)$. How many parameters?",
        "GRU 층의 입력 크기는 8, 은닉 크기는 16입니다. 블록 세 개($r$, $z$, 후보 $g$)가 각각 $W_{x*}$ $(8, 16)$, "
        "$W_{h*}$ $(16, 16)$, $b_*$ $(16,)$를 가집니다. 파라미터는 모두 몇 개인가요?"),
      key=1200, tolerance=0.5,
      near=(
        Near(1152, T("That leaves out the biases: each block also has 16 of them.", "편향을 뺐습니다: 블록마다 편향이 16개씩 있습니다."),
             "gru_params_no_bias"),
        Near(400, T("That is one block. The GRU has three: two gates and the candidate.",
                    "블록 하나의 개수입니다. GRU는 게이트 두 개와 후보, 세 블록입니다."), "gru_params_one_block"),
        Near(1248, T("That counts two bias vectors per block (PyTorch's b_ih and b_hh); the lecture's formula has one.",
                     "블록마다 편향을 두 개(PyTorch의 b_ih, b_hh) 센 값입니다. 강의의 수식에는 편향이 하나입니다."),
             "gru_params_two_biases"),
      ),
      explanation=T("Count the entries of the three arrays of one block, $128 + 256 + 16 = 400$, then the three blocks: "
                    "$3 \\cdot 400 = 1200$.",
                    "블록 하나의 배열 세 개의 원소를 세면 $128 + 256 + 16 = 400$개, 블록이 세 개이므로 $3 \\cdot 400 = 1200$개입니다.")),
    Q("gru_keep_half", "gru_gates", "numeric", T(
        "In the lecture's GRU, $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$. One unit has the same update "
        "gate value $z$ at steps 1, 2 and 3. For which $z$ does $h_3$ still carry exactly half of $h_0$ (the term of "
        "$h_3$ proportional to $h_0$)? Give three decimals.",
        "강의의 GRU는 $h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde{h}_t$입니다. 한 유닛의 update gate가 시점 1, 2, 3에서 "
        "모두 같은 값 $z$입니다. $h_3$에 $h_0$의 정확히 절반이 남으려면 ($h_3$에서 $h_0$에 비례하는 항) $z$는 얼마여야 "
        "하나요? 소수점 셋째 자리까지 쓰세요."),
      key=0.206, graded=True, tolerance=0.002,
      near=(
        Near(0.794, T("That solves $z^3 = 0.5$: $z$ as the share that keeps the past, PyTorch's convention. In the "
                      "lecture's form the past is kept by $1 - z$.",
                      "$z^3 = 0.5$를 푼 값입니다: $z$를 과거를 유지하는 비율로 본 PyTorch의 규약입니다. 강의의 식에서 과거를 "
                      "유지하는 것은 $1 - z$입니다."), "gru_pytorch_convention"),
        Near(0.5, T("That halves $h_0$ in one step; here three steps each keep the fraction $1 - z$.",
                    "한 시점 만에 $h_0$를 절반으로 만드는 값입니다. 여기서는 세 시점이 각각 $1 - z$만큼 유지합니다."),
             "gru_half_one_step"),
        Near(0.167, T("The kept fractions multiply from step to step, they do not add up: $(1 - z)^3$, not $1 - 3z$.",
                      "유지되는 비율은 시점마다 더해지지 않고 곱해집니다: $1 - 3z$가 아니라 $(1 - z)^3$입니다."),
             "gru_linear_decay"),
      ),
      explanation=T(
        "Each step keeps the fraction $1 - z$ of the previous state, so $h_3$ holds $(1 - z)^3 h_0$. From "
        "$(1 - z)^3 = 0.5$: $1 - z = 0.5^{1/3} \\approx 0.794$, so $z \\approx 0.206$.",
        "매 시점 이전 상태의 $1 - z$만큼이 유지되므로 $h_3$에는 $(1 - z)^3 h_0$가 남습니다. $(1 - z)^3 = 0.5$에서 "
        "$1 - z = 0.5^{1/3} \\approx 0.794$, 따라서 $z \\approx 0.206$입니다.")),

    # ---------------------------------------------------------------- rnn_lstm_gru
    Q("compare_cells", "rnn_lstm_gru", "single", T(
        "Which sentence compares the three cells correctly?",
        "세 셀을 올바르게 비교한 문장은?"),
      options=(
        O("The GRU has more gates than the LSTM, which is why it trains faster.",
          "GRU는 LSTM보다 게이트가 많아서 더 빨리 학습된다.",
          "It is the other way round: the GRU has two gates to the LSTM's three, hence fewer parameters and a "
          "little less computation.",
          "반대입니다. GRU의 게이트는 두 개, LSTM은 세 개라서 GRU의 파라미터와 계산량이 조금 적습니다."),
        O("RNN: one hidden state, no gates. LSTM: a hidden state and a separate cell state, three gates. GRU: one "
          "hidden state, two gates (reset and update).",
          "RNN: 은닉 상태 하나, 게이트 없음. LSTM: 은닉 상태와 별도의 셀 상태, 게이트 세 개. GRU: 은닉 상태 하나, "
          "게이트 두 개(reset, update).",
          "Right: the lecture's summary. All three pass the past on in a hidden state; LSTM and GRU regulate it "
          "with learned gates.",
          "맞습니다. 강의의 정리입니다. 셋 다 과거를 은닉 상태로 전달하고, LSTM과 GRU는 학습된 게이트로 그 흐름을 "
          "조절합니다."),
        O("The LSTM has no hidden state, only a cell state.",
          "LSTM에는 은닉 상태 없이 셀 상태만 있다.",
          "The LSTM has both: $C_t$ (memory) and $h_t = o_t \\odot \\tanh(C_t)$ (what it shows).",
          "LSTM에는 둘 다 있습니다: $C_t$(기억)와 $h_t = o_t \\odot \\tanh(C_t)$(내보내는 값)."),
        O("For the same sizes, an RNN and a GRU have the same number of parameters.",
          "크기가 같으면 RNN과 GRU의 파라미터 수는 같다.",
          "A GRU has three blocks of weights ($r$, $z$, $g$) where a plain RNN has one, so about three times as many.",
          "기본 RNN은 가중치 블록이 하나이고 GRU는 세 개($r$, $z$, $g$)이므로 약 세 배입니다."),
      ), key="B"),
    Q("gru_lstm_ratio", "rnn_lstm_gru", "numeric", T(
        "For the same input and hidden sizes (biases included, one bias per block), what is the ratio "
        "(number of GRU parameters) / (number of LSTM parameters)?",
        "입력 크기와 은닉 크기가 같을 때 (블록마다 편향 하나 포함), (GRU 파라미터 수) / (LSTM 파라미터 수)의 비는?"),
      key=0.75, tolerance=0.005,
      near=(Near(4 / 3, T("That is LSTM / GRU, the ratio upside down.", "LSTM / GRU, 즉 뒤집힌 비입니다."), "ratio_inverted"),),
      explanation=T("Both cells are built from the same kind of block, one $W_{x*}$, one $W_{h*}$ and one bias of the same "
                    "shapes. The GRU has three of them ($r$, $z$, $g$) and the LSTM four ($f$, $i$, $o$, $g$), so the ratio "
                    "is 0.75 whatever the sizes.",
                    "두 셀은 같은 종류의 블록, 즉 shape이 같은 $W_{x*}$, $W_{h*}$, 편향 하나로 이루어집니다. GRU는 블록이 세 개"
                    "($r$, $z$, $g$), LSTM은 네 개($f$, $i$, $o$, $g$)이므로 크기와 상관없이 비는 0.75입니다.")),
    Q("gru_always_better", "rnn_lstm_gru", "truefalse", T(
        "Because it has fewer parameters, a GRU always reaches better accuracy than an LSTM.",
        "파라미터가 더 적기 때문에 GRU는 항상 LSTM보다 정확도가 높다."),
      key=False, graded=True, explanation=T(
        "False: the lecture says the GRU is simpler and cheaper, with performance similar to the LSTM's. Which "
        "one is better depends on the task and data; fewer parameters is an advantage in speed and memory, "
        "not a guarantee of accuracy.",
        "거짓입니다. 강의에 따르면 GRU는 더 단순하고 가벼우며 성능은 LSTM과 비슷합니다. 어느 쪽이 나은지는 과제와 "
        "데이터에 따라 다르고, 파라미터가 적은 것은 속도와 메모리의 장점이지 정확도의 보장이 아닙니다.")),
    Q("lstm_budget", "rnn_lstm_gru", "numeric", T(
        "A recurrent layer may have at most 1900 parameters. The input size is $D = 10$, and every block has its "
        "$W_{x*}$ $(D, H)$, $W_{h*}$ $(H, H)$ and one bias $b_*$ $(H,)$, as in the lecture. What is the largest hidden "
        "size $H$ an LSTM layer can have?",
        "순환 층의 파라미터가 최대 1900개여야 합니다. 입력 크기는 $D = 10$이고, 강의처럼 블록마다 $W_{x*}$ $(D, H)$, "
        "$W_{h*}$ $(H, H)$, 편향 하나 $b_*$ $(H,)$가 있습니다. LSTM 층이 가질 수 있는 가장 큰 은닉 크기 $H$는?"),
      key=16, graded=True, tolerance=0.5,
      near=(
        Near(20, T("That fits a GRU, with three blocks ($3 \\cdot 620 = 1860$ parameters); the LSTM has four.",
                   "블록이 세 개인 GRU에 맞는 값입니다 (파라미터 $3 \\cdot 620 = 1860$개). LSTM은 블록이 네 개입니다."),
             "lstm_budget_three_blocks"),
        Near(17, T("With $H = 17$ the LSTM has $4 \\cdot (170 + 289 + 17) = 1904$ parameters, 4 over the budget.",
                   "$H = 17$이면 LSTM의 파라미터는 $4 \\cdot (170 + 289 + 17) = 1904$개로 예산을 4개 넘습니다."),
             "lstm_budget_over"),
      ),
      explanation=T(
        "Four blocks of $10 H + H^2 + H$ parameters: $H = 16$ gives $4 \\cdot 432 = 1728 \\le 1900$, and $H = 17$ already "
        "gives $4 \\cdot 476 = 1904 > 1900$.",
        "블록 네 개가 각각 $10 H + H^2 + H$개: $H = 16$이면 $4 \\cdot 432 = 1728 \\le 1900$이고, $H = 17$이면 이미 "
        "$4 \\cdot 476 = 1904 > 1900$입니다.")),

    # ---------------------------------------------------------------- seq2seq_context
    Q("seq2seq_bottleneck", "seq2seq_context", "single", T(
        "A seq2seq encoder–decoder without attention translates long sentences much worse than short ones. "
        "What is the main reason?",
        "attention이 없는 seq2seq 인코더–디코더는 긴 문장에서 짧은 문장보다 번역 품질이 훨씬 떨어집니다. 주된 이유는?"),
      options=(
        O("The decoder cannot produce an output longer than the input.",
          "디코더는 입력보다 긴 출력을 만들 수 없다.",
          "It can: the encoder–decoder structure exists precisely so that input and output lengths may differ.",
          "만들 수 있습니다. 인코더–디코더 구조는 바로 입력과 출력의 길이가 달라도 되게 하려고 있는 것입니다."),
        O("The softmax over the vocabulary is too slow for long sentences.",
          "어휘 전체에 대한 softmax가 긴 문장에서는 너무 느리다.",
          "Speed is not accuracy; the softmax over the vocabulary costs the same per word for short and long sentences.",
          "속도는 정확도와 다른 문제입니다. 어휘 softmax는 짧은 문장이든 긴 문장이든 단어당 비용이 같습니다."),
        O("Teacher forcing makes the encoder forget the start of the sentence.",
          "Teacher forcing 때문에 인코더가 문장의 앞부분을 잊는다.",
          "Teacher forcing concerns the decoder's inputs during training; it does not act on the encoder.",
          "Teacher forcing은 학습 중 디코더의 입력에 관한 것이고, 인코더에는 작용하지 않습니다."),
        O("The encoder compresses the whole input into one fixed-size context vector, and the decoder sees only "
          "that vector for every word it writes.",
          "인코더가 입력 전체를 고정 크기의 context 벡터 하나로 압축하고, 디코더는 모든 단어를 쓸 때 그 벡터만 본다.",
          "Right: the information bottleneck. The longer the sentence, the more must fit into the same vector, "
          "and every output word gets the same summary.",
          "맞습니다. 정보 병목입니다. 문장이 길수록 같은 크기의 벡터에 더 많은 것을 담아야 하고, 모든 출력 단어가 "
          "같은 요약을 받습니다."),
      ), key="D"),
    Q("attention_fix", "seq2seq_context", "single", T(
        "How did attention fix this problem of seq2seq?",
        "attention은 seq2seq의 이 문제를 어떻게 해결했나요?"),
      options=(
        O("At every output step the decoder takes a fresh weighted sum of all the encoder's hidden states, "
          "weighted by how well each matches its current state.",
          "출력 시점마다 디코더가 인코더의 모든 은닉 상태를, 현재 상태와 얼마나 맞는지에 따라 새로 가중합한다.",
          "Right: the encoder keeps all its hidden states, and when writing \"school\" the decoder can focus on "
          "the source word for school. No single vector has to hold everything.",
          "맞습니다. 인코더는 모든 은닉 상태를 유지하고, 디코더는 \"school\"을 쓸 때 \"학교\"에 집중할 수 있습니다. "
          "벡터 하나가 모든 것을 담을 필요가 없습니다."),
        O("By making the context vector larger.",
          "context 벡터를 더 크게 만들어서.",
          "A bigger vector is still one fixed summary, the same for every output word; attention instead builds a "
          "different context at every step.",
          "더 큰 벡터도 모든 출력 단어에 같은, 고정된 요약 하나일 뿐입니다. attention은 시점마다 다른 context를 만듭니다."),
        O("By feeding the input sentence in reverse order.",
          "입력 문장을 거꾸로 넣어서.",
          "Reversing the input is an old trick that shortens some paths, but the decoder still sees one fixed "
          "vector. It is not what attention does.",
          "입력 뒤집기는 일부 경로를 줄이는 옛 기법이지만 디코더는 여전히 고정된 벡터 하나를 봅니다. attention이 하는 "
          "일이 아닙니다."),
        O("By removing the encoder, so the decoder reads the input words directly.",
          "인코더를 없애서 디코더가 입력 단어를 직접 읽게 해서.",
          "Attention keeps the encoder: its hidden states are the keys and values the decoder attends to.",
          "attention은 인코더를 유지합니다. 디코더가 attend하는 key와 value가 바로 인코더의 은닉 상태입니다."),
      ), key="A"),
    Q("seq2seq_attention_parts", "seq2seq_context", "multi", T(
        "In seq2seq with attention (the lecture's translation example), which statements are right? Choose every one.",
        "attention을 쓰는 seq2seq(강의의 번역 예시)에 대해 옳은 것을 모두 고르세요."),
      options=(
        O("Adding attention lets the RNN encoder process the words in parallel.",
          "attention을 더하면 RNN 인코더가 단어들을 병렬로 처리할 수 있다.",
          "With an RNN encoder the words are still read one after another; removing that sequential part is "
          "what the Transformer did later.",
          "RNN 인코더는 여전히 단어를 하나씩 차례로 읽습니다. 이 순차 처리를 없앤 것은 이후의 Transformer입니다."),
        O("For each output step, the attention weights over the input words sum to 1.",
          "출력 시점마다 입력 단어들에 대한 attention weight의 합은 1이다.",
          "It belongs: the weights are a softmax over the input positions, so the context is a weighted average.",
          "맞는 보기입니다. weight는 입력 위치들에 대한 softmax이므로 context는 가중 평균입니다."),
        O("The query comes from the decoder's current state.", "Query는 디코더의 현재 상태에서 온다.",
          "It belongs: the decoder asks \"which input words matter for the word I am writing now?\"",
          "맞는 보기입니다. 디코더가 \"지금 쓰는 단어에 어떤 입력 단어가 중요한가?\"를 묻습니다."),
        O("The decoder still sees only the encoder's last hidden state.",
          "디코더는 여전히 인코더의 마지막 은닉 상태만 본다.",
          "That is seq2seq without attention; with attention the decoder sees all encoder states at every step.",
          "그것은 attention이 없는 seq2seq입니다. attention을 쓰면 디코더는 매 시점 인코더의 모든 상태를 봅니다."),
        O("The keys and values come from the encoder's hidden states.", "Key와 Value는 인코더의 은닉 상태에서 온다.",
          "It belongs: each input position offers a key (to be matched) and a value (to be mixed in).",
          "맞는 보기입니다. 입력의 각 위치가 key(비교 대상)와 value(섞일 내용)를 제공합니다."),
      ), key=("B", "C", "E")),
    Q("additive_query_scale", "seq2seq_context", "single", T(
        "Bahdanau's additive attention scores a decoder state $q$ against an encoder state $k$ with "
        "$v \\cdot \\tanh(q W_q + k W_k)$. What happens to the attention weights over the encoder states when the "
        "decoder state is multiplied by a large factor (the encoder states unchanged)?",
        "Bahdanau의 additive attention은 디코더 상태 $q$와 인코더 상태 $k$의 점수를 $v \\cdot \\tanh(q W_q + k W_k)$로 "
        "매깁니다. 인코더 상태는 그대로 두고 디코더 상태에 큰 수를 곱하면, 인코더 상태들에 대한 attention weight는 "
        "어떻게 되나요?"),
      options=(
        O("They approach one-hot, as with a dot-product score.", "내적 점수처럼 one-hot에 가까워진다.",
          "A dot-product score grows in proportion to the query, so its softmax sharpens; here the query and the key meet "
          "inside the $\\tanh$, which saturates.",
          "내적 점수는 query에 비례해 커지므로 softmax가 날카로워집니다. 여기서는 query와 key가 포화되는 $\\tanh$ 안에서 "
          "만납니다."),
        O("They flatten towards uniform.", "균등 분포 쪽으로 평평해진다.",
          "Right: a huge query term saturates every hidden unit of the $\\tanh$ the same way for every key, so the key "
          "can no longer change the score; nearly equal scores give nearly equal weights. (The decoder assignment plots it.)",
          "맞습니다. query 항이 아주 크면 $\\tanh$의 모든 은닉 유닛이 모든 key에 대해 똑같이 포화되어 key가 더는 점수를 "
          "바꾸지 못합니다. 거의 같은 점수는 거의 같은 weight를 줍니다. (디코더 과제에서 그림으로 보게 됩니다.)"),
        O("They do not change, because the softmax ignores scale.", "softmax는 크기를 무시하므로 바뀌지 않는다.",
          "The softmax ignores a constant *added* to every score, not a change of its inputs: the scores themselves "
          "change here.",
          "softmax가 무시하는 것은 모든 점수에 *더한* 상수이지 입력의 변화가 아닙니다. 여기서는 점수 자체가 바뀝니다."),
        O("Some of them become negative.", "일부 weight가 음수가 된다.",
          "The weights are softmax outputs: never negative, whatever the scores.",
          "weight는 softmax의 출력이므로 점수가 무엇이든 음수가 되지 않습니다."),
      ), key="B"),
    Q("seq2seq_uniform_context", "seq2seq_context", "numeric", T(
        "A seq2seq decoder with dot-product attention starts from the state $s = (0, 0)$. The encoder's hidden states, "
        "used as keys and as values, are $(2, 0)$, $(0, 4)$ and $(1, 2)$. What is the second entry of the context vector "
        "at this first step?",
        "dot-product attention을 쓰는 seq2seq 디코더가 상태 $s = (0, 0)$에서 시작합니다. key와 value로 쓰이는 인코더의 은닉 "
        "상태는 $(2, 0)$, $(0, 4)$, $(1, 2)$입니다. 이 첫 시점에서 context 벡터의 두 번째 원소는?"),
      key=2, graded=True, tolerance=0.01,
      near=(
        Near(0, T("A zero query does not give zero weights: every score is 0, and the softmax of equal scores is not 0.",
                  "query가 0이라고 weight가 0이 되지는 않습니다: 점수가 모두 0이고, 같은 점수들의 softmax는 0이 아닙니다."),
             "context_zero_query"),
        Near(6, T("That is the sum of the second entries; the weights add up to 1, so the context is a weighted average.",
                  "두 번째 원소들의 합입니다. weight의 합이 1이므로 context는 가중 평균입니다."), "context_sum_not_average"),
        Near(1, T("That is the first entry, $(2 + 0 + 1)/3$; the question asks for the second.",
                  "첫 번째 원소 $(2 + 0 + 1)/3$입니다. 문제는 두 번째 원소를 묻습니다."), "context_wrong_entry"),
      ),
      explanation=T(
        "With $s = 0$ every score $s \\cdot h_j$ is 0, the softmax gives each of the three states the weight $1/3$, and the "
        "context is their plain average: $(0 + 4 + 2)/3 = 2$.",
        "$s = 0$이면 모든 점수 $s \\cdot h_j$가 0이므로 softmax는 세 상태에 각각 weight $1/3$을 주고, context는 단순 평균 "
        "$(0 + 4 + 2)/3 = 2$입니다.")),
    Q("seq2seq_explain", "seq2seq_context", "text", T(
        "Explain in your own words why a fixed context vector limits seq2seq on long sentences, and what "
        "attention changes for the decoder.",
        "고정된 context 벡터가 왜 긴 문장에서 seq2seq를 제한하는지, 그리고 attention이 디코더에게 무엇을 바꿔 주는지 "
        "자신의 말로 설명하세요."),
      model_answer=T(
        "Without attention the encoder must squeeze the whole sentence into one vector of fixed size, and the "
        "decoder uses that same vector for every word it generates. The longer the sentence, the more "
        "information has to fit into the same space, so details (especially early words) are lost and quality "
        "drops. With attention the encoder keeps all its hidden states; at each output step the decoder uses "
        "its current state as a query, scores it against every encoder state (the keys), turns the scores into "
        "weights with a softmax and takes the weighted sum of the states (the values). So each output word gets "
        "its own context focused on the relevant input words (\"school\" looks at the source word for school).",
        "attention이 없으면 인코더는 문장 전체를 고정 크기 벡터 하나에 압축해야 하고, 디코더는 모든 단어를 생성할 때 "
        "그 같은 벡터를 씁니다. 문장이 길수록 같은 공간에 더 많은 정보를 담아야 하므로 세부 정보(특히 앞쪽 "
        "단어)가 사라지고 품질이 떨어집니다. attention을 쓰면 인코더는 모든 은닉 상태를 유지하고, 디코더는 출력 "
        "시점마다 현재 상태를 query로 삼아 인코더의 모든 상태(key)와 점수를 매기고, softmax로 가중치를 만든 뒤 "
        "상태(value)의 가중합을 구합니다. 그래서 출력 단어마다 관련 있는 입력 단어에 집중한 자기만의 context를 "
        "얻습니다 (\"school\"은 \"학교\"를 봅니다)."),
      rubric=(
        (1, T("The bottleneck: one fixed-size vector for the whole input, the same for every output word; "
              "information lost as length grows.",
              "병목: 입력 전체에 고정 크기 벡터 하나, 모든 출력 단어에 같은 벡터; 길이가 늘면 정보 손실.")),
        (1, T("Attention: the decoder state as query against all encoder states (keys/values), softmax weights, "
              "weighted sum.",
              "attention: 디코더 상태를 query로 인코더의 모든 상태(key/value)와 비교, softmax 가중치, 가중합.")),
        (1, T("The consequence: a different, focused context at every output step (an example is welcome).",
              "결과: 출력 시점마다 다르고 집중된 context (예시가 있으면 좋음).")),
      )),

    # ---------------------------------------------------------------- teacher_forcing
    Q("teacher_forcing_what", "teacher_forcing", "single", T(
        "What is teacher forcing when a seq2seq decoder is trained?",
        "seq2seq 디코더를 학습할 때 teacher forcing이란?"),
      options=(
        O("At inference the decoder gets the true previous token as input.",
          "추론할 때 디코더의 입력으로 실제 정답 이전 토큰을 넣는다.",
          "At inference there is no ground truth to give: the decoder feeds back its own predictions "
          "(auto-regressive generation).",
          "추론 때는 줄 정답이 없습니다. 디코더는 자기 예측을 다시 입력으로 씁니다 (auto-regressive 생성)."),
        O("A large teacher model's outputs are used to train a smaller student model.",
          "큰 teacher 모델의 출력으로 작은 student 모델을 학습한다.",
          "That is knowledge distillation, a different technique despite the name.",
          "그것은 지식 증류(knowledge distillation)로, 이름은 비슷하지만 다른 기법입니다."),
        O("At every training step the decoder gets the true previous token as input, instead of its own "
          "previous prediction.",
          "학습할 때 매 시점 디코더의 입력으로 자기 이전 예측 대신 실제 정답 이전 토큰을 넣는다.",
          "Right: the input at step $t$ is the target token $t - 1$ from the training data, whatever the decoder "
          "predicted at step $t - 1$; training is faster and more stable that way.",
          "맞습니다. 시점 $t$의 입력은 디코더가 시점 $t - 1$에서 무엇을 예측했든 학습 데이터의 목표 토큰 $t - 1$입니다. "
          "그래서 학습이 더 빠르고 안정적입니다."),
        O("The attention weights are forced to be one-hot during training.",
          "학습 중 attention weight를 one-hot으로 강제한다.",
          "Teacher forcing is about the decoder's input tokens; it does not constrain the attention weights.",
          "Teacher forcing은 디코더의 입력 토큰에 관한 것이고 attention weight를 제한하지 않습니다."),
      ), key="C"),
    Q("teacher_forcing_input", "teacher_forcing", "single", T(
        "The target of one training sentence is $[7, 3, 9, \\text{eos}]$. With teacher forcing, which input does the "
        "Transformer decoder read, so that position $t$ predicts target $t$?",
        "학습 문장 하나의 target이 $[7, 3, 9, \\text{eos}]$입니다. teacher forcing에서 위치 $t$가 target $t$를 예측하도록 "
        "Transformer 디코더가 읽는 입력은?"),
      options=(
        O("$[\\text{bos}, 7, 3, 9]$", "$[\\text{bos}, 7, 3, 9]$",
          "Right: the target shifted right by one, with bos in front. Position $t$ reads bos and the true earlier "
          "tokens and predicts target $t$; the last target token is never an input.",
          "맞습니다. target을 오른쪽으로 한 칸 밀고 앞에 bos를 붙입니다. 위치 $t$는 bos와 실제 이전 토큰들을 읽고 "
          "target $t$를 예측합니다. 마지막 target 토큰은 입력이 되지 않습니다."),
        O("$[7, 3, 9, \\text{eos}]$", "$[7, 3, 9, \\text{eos}]$",
          "That is the target itself: position $t$ would read the very token it has to predict.",
          "target 그대로입니다. 위치 $t$가 예측해야 할 토큰을 그대로 읽게 됩니다."),
        O("$[3, 9, \\text{eos}, \\text{pad}]$", "$[3, 9, \\text{eos}, \\text{pad}]$",
          "That is shifted left: position $t$ would read the token after the one it predicts.",
          "왼쪽으로 민 것입니다. 위치 $t$가 예측할 토큰의 다음 토큰을 읽게 됩니다."),
        O("$[\\text{eos}, 7, 3, 9]$", "$[\\text{eos}, 7, 3, 9]$",
          "That is a rotation (`np.roll`): the last target wraps around to the front, where the decoder must read bos.",
          "회전(`np.roll`)입니다. 마지막 target이 맨 앞으로 돌아오는데, 그 자리에서 디코더는 bos를 읽어야 합니다."),
      ), key="A"),
    Q("exposure_bias", "teacher_forcing", "truefalse", T(
        "With teacher forcing, the decoder never sees its own mistakes during training, so at inference, where "
        "it feeds back its own predictions, errors can pile up (a mismatch known as exposure bias).",
        "Teacher forcing으로 학습하면 디코더는 학습 중 자기 실수를 본 적이 없어서, 자기 예측을 다시 입력으로 쓰는 "
        "추론 때 오류가 쌓일 수 있다 (exposure bias라고 부르는 불일치)."),
      key=True, graded=True, explanation=T(
        "True: training conditions on the true prefix, inference on the generated one. A common remedy is "
        "to mix in the model's own predictions during training (scheduled sampling).",
        "참입니다. 학습은 정답 앞부분에, 추론은 생성된 앞부분에 조건을 둡니다. 흔한 해결책은 학습 중 모델 자신의 "
        "예측을 섞어 넣는 것입니다 (scheduled sampling).")),

    # ================================================================== quiz_review: foundations
    # ---------------------------------------------------------------- matmul_shapes
    Q("matmul_5x3_3x4", "matmul_shapes", "shape", T(
        "$A$ has shape $(5, 3)$ and $B$ has shape $(3, 4)$. What is the shape of $A B$ (`A @ B`)?",
        "$A$의 shape은 $(5, 3)$, $B$의 shape은 $(3, 4)$입니다. $A B$ (`A @ B`)의 shape은?"),
      key=(5, 4),
      near=(
        Near((4, 5), T("Rows come from the first factor and columns from the second: (rows of A, columns of B).",
                       "행은 앞 행렬에서, 열은 뒤 행렬에서 옵니다: (A의 행 수, B의 열 수)."), "matmul_transposed"),
        Near((3, 3), T("The shared inner size 3 disappears in the product (it is summed over); the outer sizes remain.",
                       "공통인 안쪽 크기 3은 곱에서 사라지고(더해지고), 바깥쪽 크기가 남습니다."), "matmul_inner_kept"),
      ),
      explanation=T("$(5 \\times 3)(3 \\times 4) \\to 5 \\times 4$: the inner sizes must match and are summed over; the "
                    "outer sizes give the result.",
                    "$(5 \\times 3)(3 \\times 4) \\to 5 \\times 4$: 안쪽 크기가 같아야 하고 그 축으로 더해지며, 바깥쪽 "
                    "크기가 결과의 shape이 됩니다.")),
    Q("matmul_batch_weights", "matmul_shapes", "shape", T(
        "A batch of $N = 8$ inputs with $D = 16$ features, $X$ of shape $(8, 16)$, is multiplied by $W_{xh}$ of "
        "shape $(16, 32)$ (the course's row layout). What is the shape of `X @ W_xh`?",
        "특성 $D = 16$개인 입력 $N = 8$개의 배치 $X$(shape $(8, 16)$)에 shape $(16, 32)$인 $W_{xh}$를 곱합니다 "
        "(이 과정의 행 벡터 표기). `X @ W_xh`의 shape은?"),
      key=(8, 32),
      near=(
        Near((32, 8), T("Each of the 8 examples stays a row; the 32 hidden units become the columns.",
                        "예제 8개는 각각 행으로 남고, 은닉 유닛 32개가 열이 됩니다."), "matmul_transposed"),
        Near((16, 16), T("The shared size 16 is summed over and disappears; the outer sizes 8 and 32 remain.",
                         "공통 크기 16은 더해져서 사라지고, 바깥쪽 크기 8과 32가 남습니다."), "matmul_inner_kept"),
      ),
      explanation=T("$(8 \\times 16)(16 \\times 32) \\to 8 \\times 32$: one row of 32 hidden pre-activations per example.",
                    "$(8 \\times 16)(16 \\times 32) \\to 8 \\times 32$: 예제마다 은닉 유닛 32개의 값이 한 행입니다.")),
    Q("matmul_undefined", "matmul_shapes", "single", T(
        "Which of these matrix products is not defined?",
        "다음 행렬곱 중 정의되지 않는 것은?"),
      options=(
        O("$(2 \\times 3)(3 \\times 5)$", "$(2 \\times 3)(3 \\times 5)$",
          "Defined: the inner sizes are both 3, and the result is $2 \\times 5$.",
          "정의됩니다: 안쪽 크기가 둘 다 3이고 결과는 $2 \\times 5$입니다."),
        O("$(4 \\times 1)(1 \\times 4)$", "$(4 \\times 1)(1 \\times 4)$",
          "Defined: inner sizes 1 and 1; the result is a $4 \\times 4$ matrix (an outer product).",
          "정의됩니다: 안쪽 크기가 1과 1이고, 결과는 $4 \\times 4$ 행렬(외적)입니다."),
        O("$(3 \\times 2)(3 \\times 2)$", "$(3 \\times 2)(3 \\times 2)$",
          "Right, this one is not defined: its inner sizes are 2 and 3, and a product needs them equal. (Transposing "
          "the second factor would fix it: $(3 \\times 2)(2 \\times 3)$.)",
          "맞습니다, 이것은 정의되지 않습니다: 안쪽 크기가 2와 3으로 서로 달라서 곱할 수 없습니다. (뒤 행렬을 전치하면 "
          "$(3 \\times 2)(2 \\times 3)$으로 정의됩니다.)"),
        O("$(1 \\times 6)(6 \\times 1)$", "$(1 \\times 6)(6 \\times 1)$",
          "Defined: inner sizes 6 and 6; the result is $1 \\times 1$, the dot product of two vectors.",
          "정의됩니다: 안쪽 크기가 6과 6이고, 결과는 $1 \\times 1$, 즉 두 벡터의 내적입니다."),
      ), key="C", graded=True),
    Q("matmul_broadcast", "matmul_shapes", "shape", T(
        "In NumPy, `A` has shape $(4, 1, 5, 3)$ and `B` has shape $(6, 3, 2)$. What is the shape of `A @ B`?",
        "NumPy에서 `A`의 shape은 $(4, 1, 5, 3)$, `B`의 shape은 $(6, 3, 2)$입니다. `A @ B`의 shape은?"),
      key=(4, 6, 5, 2), graded=True,
      near=(
        Near((4, 1, 5, 2), T("The leading axes broadcast as for `+`: $(4, 1)$ against $(6,)$ gives $(4, 6)$.",
                             "앞쪽 축들은 `+`처럼 broadcast됩니다: $(4, 1)$과 $(6,)$이 만나 $(4, 6)$이 됩니다."),
             "matmul_no_broadcast"),
        Near((6, 4, 5, 2), T("Broadcasting lines the leading axes up from the right, so $B$'s 6 meets $A$'s 1, not its 4.",
                             "broadcasting은 앞쪽 축들을 오른쪽부터 맞추므로 $B$의 6은 $A$의 4가 아니라 1과 만납니다."),
             "matmul_batch_order"),
      ),
      explanation=T(
        "`@` multiplies the last two axes, $(5 \\times 3)(3 \\times 2) \\to 5 \\times 2$, and broadcasts the leading ones, "
        "lined up from the right: $(4, 1)$ with $(6,)$ gives $(4, 6)$. Together: $(4, 6, 5, 2)$.",
        "`@`는 마지막 두 축을 곱하고($(5 \\times 3)(3 \\times 2) \\to 5 \\times 2$), 앞쪽 축들은 오른쪽부터 맞춰 broadcast합니다: "
        "$(4, 1)$과 $(6,)$에서 $(4, 6)$. 합치면 $(4, 6, 5, 2)$입니다.")),

    # ---------------------------------------------------------------- dot_cosine
    Q("cosine_value", "dot_cosine", "numeric", T(
        "What is the cosine similarity of $a = (3, 4)$ and $b = (4, 3)$?",
        "$a = (3, 4)$와 $b = (4, 3)$의 코사인 유사도는?"),
      key=0.96, tolerance=0.001,
      near=(Near(24, T("24 is the dot product $a \\cdot b$; cosine similarity divides it by $\\|a\\| \\|b\\| = 5 \\cdot 5$.",
                       "24는 내적 $a \\cdot b$입니다. 코사인 유사도는 이를 $\\|a\\| \\|b\\| = 5 \\cdot 5$로 나눕니다."),
                 "cosine_not_normalised"),),
      explanation=T("$\\cos\\theta = \\frac{a \\cdot b}{\\|a\\| \\|b\\|} = \\frac{3 \\cdot 4 + 4 \\cdot 3}{5 \\cdot 5} = "
                    "\\frac{24}{25} = 0.96$: the two vectors point in almost the same direction.",
                    "$\\cos\\theta = \\frac{a \\cdot b}{\\|a\\| \\|b\\|} = \\frac{3 \\cdot 4 + 4 \\cdot 3}{5 \\cdot 5} = "
                    "\\frac{24}{25} = 0.96$: 두 벡터는 거의 같은 방향을 가리킵니다.")),
    Q("dot_vs_cosine", "dot_cosine", "single", T(
        "Attention scores a query against a key with the dot product $q \\cdot k$. How does it differ from cosine similarity?",
        "attention은 query와 key를 내적 $q \\cdot k$로 비교합니다. 내적은 코사인 유사도와 어떻게 다른가요?"),
      options=(
        O("They are the same number for all vectors.", "모든 벡터에서 같은 값이다.",
          "Only for unit-length vectors; in general the dot product is the cosine times both lengths.",
          "길이가 1인 벡터에서만 같습니다. 일반적으로 내적은 코사인에 두 길이를 곱한 값입니다."),
        O("$q \\cdot k = \\|q\\| \\|k\\| \\cos\\theta$: it grows when the vectors point the same way but also with their "
          "lengths; cosine similarity divides the lengths out and measures direction only.",
          "$q \\cdot k = \\|q\\| \\|k\\| \\cos\\theta$: 방향이 같을수록 커지지만 벡터의 길이에 따라서도 커진다. 코사인 "
          "유사도는 길이를 나누어 없애고 방향만 잰다.",
          "Right: both say \"same direction = similar\"; the dot product also lets a longer query or key make "
          "the scores larger and the softmax sharper.",
          "맞습니다. 둘 다 \"같은 방향 = 유사\"라고 말하지만, 내적은 query나 key가 길면 점수가 커지고 softmax가 더 "
          "뾰족해집니다."),
        O("The dot product always lies between −1 and 1.", "내적은 항상 −1과 1 사이에 있다.",
          "That is cosine similarity's range; a dot product can be any real number (e.g. $(3, 4) \\cdot (4, 3) = 24$).",
          "그것은 코사인 유사도의 범위입니다. 내적은 어떤 실수도 될 수 있습니다 (예: $(3, 4) \\cdot (4, 3) = 24$)."),
        O("Cosine similarity grows with the length of the vectors.", "코사인 유사도는 벡터 길이에 따라 커진다.",
          "Cosine similarity ignores length: scaling a vector by a positive number does not change it.",
          "코사인 유사도는 길이를 무시합니다: 벡터에 (양의) 상수를 곱해도 값이 바뀌지 않습니다."),
      ), key="B"),
    Q("orthogonal_dot", "dot_cosine", "truefalse", T(
        "Two nonzero vectors at 90° to each other have dot product 0 and cosine similarity 0.",
        "서로 90°를 이루는 0이 아닌 두 벡터의 내적과 코사인 유사도는 모두 0이다."),
      key=True, explanation=T(
        "True: $\\cos 90° = 0$, so $a \\cdot b = \\|a\\| \\|b\\| \\cdot 0 = 0$. As a similarity score, 0 means \"unrelated\"; "
        "negative values mean opposite directions.",
        "참입니다. $\\cos 90° = 0$이므로 $a \\cdot b = \\|a\\| \\|b\\| \\cdot 0 = 0$입니다. 유사도로 보면 0은 \"관련 없음\", "
        "음수는 반대 방향을 뜻합니다.")),
    Q("dot_cosine_ranking", "dot_cosine", "single", T(
        "For the query $q = (1, 1)$, which key gets the highest dot-product score, and which the highest cosine "
        "similarity? $k_1 = (1, 1)$, $k_2 = (3, 0)$, $k_3 = (-2, -2)$.",
        "query $q = (1, 1)$에 대해 내적 점수가 가장 높은 key와 코사인 유사도가 가장 높은 key는? $k_1 = (1, 1)$, "
        "$k_2 = (3, 0)$, $k_3 = (-2, -2)$."),
      options=(
        O("$k_1$ for both.", "둘 다 $k_1$.",
          "$k_1$ has the highest cosine (it points exactly the same way), but its dot product is 2, less than $k_2$'s 3.",
          "$k_1$의 코사인이 가장 높지만(방향이 정확히 같음), 내적은 2로 $k_2$의 3보다 작습니다."),
        O("$k_2$ for both.", "둘 다 $k_2$.",
          "$k_2$ wins the dot product with 3, but its cosine is $3 / (\\sqrt{2} \\cdot 3) \\approx 0.71$, below $k_1$'s 1.",
          "$k_2$는 내적에서 3으로 이기지만, 코사인은 $3 / (\\sqrt{2} \\cdot 3) \\approx 0.71$로 $k_1$의 1보다 낮습니다."),
        O("$k_2$ for the dot product, $k_1$ for the cosine.", "내적은 $k_2$, 코사인은 $k_1$.",
          "Right: the dot products are 2, 3 and −4, the cosines 1, ≈ 0.71 and −1. The longer $k_2$ beats the "
          "better-aligned $k_1$ on the dot product, not on the cosine.",
          "맞습니다. 내적은 2, 3, −4이고 코사인은 1, 약 0.71, −1입니다. 더 긴 $k_2$가 내적에서는 방향이 더 잘 맞는 $k_1$을 "
          "이기지만, 코사인에서는 그렇지 않습니다."),
        O("$k_3$ for the dot product, $k_1$ for the cosine.", "내적은 $k_3$, 코사인은 $k_1$.",
          "$q \\cdot k_3 = -4$: a key pointing the opposite way gets the lowest score, however long it is.",
          "$q \\cdot k_3 = -4$: 반대 방향을 가리키는 key는 아무리 길어도 가장 낮은 점수를 받습니다."),
      ), key="C", graded=True),

    # ---------------------------------------------------------------- softmax_sum
    Q("softmax_total", "softmax_sum", "numeric", T(
        "What is the sum of the outputs of $\\mathrm{softmax}([2, 1, 0.1])$?",
        "$\\mathrm{softmax}([2, 1, 0.1])$의 출력을 모두 더하면?"),
      key=1, tolerance=1e-6,
      near=(Near(3.1, T("3.1 is the sum of the inputs. Softmax divides every $e^{x_i}$ by their total, so the outputs "
                        "always add up to the same number, whatever the inputs.",
                        "3.1은 입력의 합입니다. softmax는 각 $e^{x_i}$를 그 합으로 나누므로, 입력이 무엇이든 출력의 합은 "
                        "항상 같은 값입니다."), "softmax_sum_of_inputs"),),
      explanation=T("$\\mathrm{softmax}(x)_i = e^{x_i} / \\sum_j e^{x_j}$, so the outputs are positive and add up to exactly 1 "
                    "(here about 0.66, 0.24, 0.10): a probability distribution.",
                    "$\\mathrm{softmax}(x)_i = e^{x_i} / \\sum_j e^{x_j}$이므로 출력은 양수이고 합이 정확히 1입니다 "
                    "(여기서는 약 0.66, 0.24, 0.10): 확률 분포입니다.")),
    Q("softmax_shift", "softmax_sum", "truefalse", T(
        "$\\mathrm{softmax}(x + c) = \\mathrm{softmax}(x)$ for any constant $c$ added to every entry, which is why "
        "implementations subtract $\\max(x)$ first for numerical stability.",
        "모든 원소에 같은 상수 $c$를 더해도 $\\mathrm{softmax}(x + c) = \\mathrm{softmax}(x)$이고, 그래서 구현에서는 "
        "수치 안정성을 위해 먼저 $\\max(x)$를 뺀다."),
      key=True, explanation=T(
        "True: $e^{x_i + c} / \\sum_j e^{x_j + c} = e^c e^{x_i} / (e^c \\sum_j e^{x_j})$, the $e^c$ cancels. Subtracting "
        "the maximum makes every exponent $\\le 0$, so nothing overflows.",
        "참입니다. $e^{x_i + c} / \\sum_j e^{x_j + c} = e^c e^{x_i} / (e^c \\sum_j e^{x_j})$에서 $e^c$가 약분됩니다. "
        "최댓값을 빼면 모든 지수가 0 이하가 되어 overflow가 일어나지 않습니다.")),
    Q("softmax_rows", "softmax_sum", "single", T(
        "The attention weights are $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})$, with the softmax over the last axis "
        "(the keys). Which holds for every query row, without a mask?",
        "attention weight는 $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})$이고 softmax는 마지막 축(key)에 대해 합니다. "
        "마스크가 없을 때 모든 query 행에서 성립하는 것은?"),
      options=(
        O("Each column adds up to 1.", "각 열의 합이 1이다.",
          "The columns are the keys; adding up over the queries is the wrong axis, one of the lecture's common "
          "mistakes (softmax axis = −1).",
          "열은 key입니다. query 방향으로 합하는 것은 잘못된 축이고, 강의의 자주 하는 실수 중 하나입니다 "
          "(softmax axis = −1)."),
        O("Entries can be negative when $q \\cdot k$ is negative.", "$q \\cdot k$가 음수면 원소가 음수일 수 있다.",
          "A softmax output is $e^{\\cdot}$ divided by a positive sum: always positive, however negative the score.",
          "softmax 출력은 $e^{\\cdot}$를 양수인 합으로 나눈 값이라서, 점수가 아무리 음수여도 항상 양수입니다."),
        O("The largest entry of each row is always 1.", "각 행의 가장 큰 원소는 항상 1이다.",
          "Only in the limit of one score far above the others; normally the largest weight is below 1 and the "
          "rest share what is left.",
          "점수 하나가 다른 것보다 훨씬 큰 극한에서만 그렇습니다. 보통 가장 큰 weight도 1보다 작고 나머지가 남은 "
          "몫을 나눕니다."),
        O("Its entries are positive and add up to 1 over the keys.", "원소가 양수이고 key들에 대해 합이 1이다.",
          "Right: each query distributes one unit of attention over the keys; the output row is a weighted "
          "average of the value vectors.",
          "맞습니다. 각 query는 attention 1만큼을 key들에 나누어 줍니다. 출력 행은 value 벡터의 가중 평균입니다."),
      ), key="D"),
    Q("softmax_log_ratio", "softmax_sum", "numeric", T(
        "One query has the scores $(3, 3, 3 + \\ln 2)$ over three keys. What weight does the softmax give the third key?",
        "한 query의 세 key에 대한 점수가 $(3, 3, 3 + \\ln 2)$입니다. softmax는 세 번째 key에 얼마의 weight를 주나요?"),
      key=0.5, graded=True, tolerance=0.002,
      near=(
        Near(1 / 3, T("The third score is the highest, so its weight must be more than a third.",
                      "세 번째 점수가 가장 높으므로 weight는 3분의 1보다 커야 합니다."), "softmax_ignored_difference"),
        Near(0.381, T("That divides each score by the sum of the scores; the softmax divides exponentials, $e^{x_j}$, by "
                      "their sum.",
                      "점수를 점수의 합으로 나눈 값입니다. softmax는 지수 $e^{x_j}$를 그 합으로 나눕니다."), "softmax_no_exp"),
      ),
      explanation=T(
        "Subtract 3 from every score, which leaves the softmax unchanged: $(0, 0, \\ln 2)$. Their exponentials are "
        "$(1, 1, 2)$, so the third weight is $2 / 4 = 0.5$.",
        "모든 점수에서 3을 빼도 softmax는 그대로입니다: $(0, 0, \\ln 2)$. 지수는 $(1, 1, 2)$이므로 세 번째 weight는 "
        "$2 / 4 = 0.5$입니다.")),

    # ---------------------------------------------------------------- qk_shapes
    Q("qk_scores_shape", "qk_shapes", "shape", T(
        "Self-attention over $n = 6$ tokens with $d_k = 64$: $Q$ and $K$ both have shape $(6, 64)$. What is the shape of "
        "$Q K^\\top$?",
        "토큰 $n = 6$개, $d_k = 64$인 self-attention: $Q$와 $K$의 shape은 모두 $(6, 64)$입니다. $Q K^\\top$의 shape은?"),
      key=(6, 6),
      near=(Near((64, 64), T("That is $Q^\\top K$. $Q K^\\top$ is $(6 \\times 64)(64 \\times 6)$: one score per (query, key) pair.",
                             "그것은 $Q^\\top K$입니다. $Q K^\\top$는 $(6 \\times 64)(64 \\times 6)$로, (query, key) 쌍마다 점수 하나입니다."),
                 "qk_transposed"),),
      explanation=T("$(n \\times d_k)(d_k \\times n) \\to n \\times n$: entry $(i, j)$ is $q_i \\cdot k_j$, how well token $i$'s "
                    "query matches token $j$'s key. This $n \\times n$ matrix is where attention's $O(n^2)$ comes from.",
                    "$(n \\times d_k)(d_k \\times n) \\to n \\times n$: $(i, j)$ 원소는 $q_i \\cdot k_j$, 토큰 $i$의 query와 토큰 "
                    "$j$의 key가 얼마나 맞는지입니다. 이 $n \\times n$ 행렬이 attention의 $O(n^2)$의 원인입니다.")),
    Q("attention_output_shape", "qk_shapes", "shape", T(
        "$n_q = 5$ queries, $n_k = 7$ keys, $d_k = 16$ and $d_v = 32$. What is the shape of "
        "$\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$?",
        "query $n_q = 5$개, key $n_k = 7$개, $d_k = 16$, $d_v = 32$입니다. "
        "$\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$의 shape은?"),
      key=(5, 32),
      near=(
        Near((5, 7), T("That is the shape of the weights $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})$; multiplying by "
                       "$V$ $(7 \\times 32)$ is the last step.",
                       "그것은 weight $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})$의 shape입니다. 마지막 단계로 $V$ "
                       "$(7 \\times 32)$를 곱해야 합니다."), "attention_forgot_v"),
        Near((7, 32), T("There is one output row per query, not per key.", "출력 행은 key마다가 아니라 query마다 하나입니다."),
             "attention_rows_per_key"),
        Near((5, 16), T("The output rows are averages of value vectors, so their size is $d_v$, not $d_k$.",
                        "출력 행은 value 벡터의 평균이므로 크기는 $d_k$가 아니라 $d_v$입니다."), "attention_dk_not_dv"),
      ),
      explanation=T("Weights $(5 \\times 7)$ times $V$ $(7 \\times 32)$ gives $(5 \\times 32)$: one $d_v$-sized weighted "
                    "average of the values for each query.",
                    "weight $(5 \\times 7)$에 $V$ $(7 \\times 32)$를 곱하면 $(5 \\times 32)$: query마다 value들의 가중 평균 "
                    "하나($d_v$ 크기)입니다.")),
    Q("cross_weights_shape", "qk_shapes", "shape", T(
        "In encoder–decoder attention, 4 decoder positions attend over 9 encoder positions. What is the shape of "
        "the attention weight matrix (queries on the rows)?",
        "인코더–디코더 attention에서 디코더 위치 4개가 인코더 위치 9개에 attend합니다. attention weight 행렬(행이 "
        "query)의 shape은?"),
      key=(4, 9),
      near=(Near((9, 4), T("Queries are on the rows: one row per decoder position, one column per encoder position.",
                           "query가 행입니다: 디코더 위치마다 행 하나, 인코더 위치마다 열 하나입니다."), "weights_transposed"),),
      explanation=T("$(n_q \\times n_k) = (4 \\times 9)$: each of the 4 decoder queries has a softmax over the 9 encoder keys.",
                    "$(n_q \\times n_k) = (4 \\times 9)$: 디코더 query 4개가 각각 인코더 key 9개에 대한 softmax를 가집니다.")),
    Q("head_scores_shape", "qk_shapes", "shape", T(
        "Encoder–decoder multi-head attention over a batch of $N = 2$ sentence pairs, with 5 decoder positions, 9 encoder "
        "positions, $d_{model} = 64$ and $h = 8$ heads. What is the shape of the scores of **one** head, "
        "$Q_j K_j^\\top$, for the whole batch?",
        "문장 쌍 $N = 2$개의 배치에 대한 인코더–디코더 multi-head attention: 디코더 위치 5개, 인코더 위치 9개, "
        "$d_{model} = 64$, head $h = 8$개. 배치 전체에 대한 head **하나**의 점수 $Q_j K_j^\\top$의 shape은?"),
      key=(2, 5, 9), graded=True,
      near=(
        Near((2, 9, 5), T("The queries, here the decoder positions, are the rows.", "행은 query, 여기서는 디코더 위치입니다."),
             "weights_transposed"),
        Near((2, 5, 8), T("The head's width $d_{model}/h = 8$ is summed over in $Q_j K_j^\\top$: the scores compare positions "
                          "with positions.",
                          "head의 너비 $d_{model}/h = 8$은 $Q_j K_j^\\top$에서 합해져 사라집니다: 점수는 위치와 위치를 비교합니다."),
             "head_scores_width_kept"),
      ),
      explanation=T(
        "Head $j$'s queries have shape $(2, 5, 8)$ ($d_{model}/h = 8$ columns each) and its keys $(2, 9, 8)$; "
        "$Q_j K_j^\\top$ sums over the 8 columns: $(2, 5, 9)$, one score per (decoder position, encoder position) pair of "
        "each sentence pair.",
        "head $j$의 query는 shape $(2, 5, 8)$(각각 $d_{model}/h = 8$열), key는 $(2, 9, 8)$이고, $Q_j K_j^\\top$는 8개 열에 "
        "대해 합하므로 $(2, 5, 9)$입니다. 문장 쌍마다 (디코더 위치, 인코더 위치) 쌍 하나에 점수 하나입니다.")),

    # ================================================================== quiz_attention: basic
    # ---------------------------------------------------------------- why_attention
    Q("rnn_limits", "why_attention", "multi", T(
        "Which limitations of RNNs motivated attention, according to the lecture? Choose every one.",
        "강의에 따르면, attention이 등장하게 된 RNN의 한계는 무엇인가요? 모두 고르세요."),
      options=(
        O("A fixed-size hidden state: everything read so far must be compressed into one vector, an information "
          "bottleneck.",
          "고정된 hidden state: 지금까지 읽은 모든 것을 벡터 하나에 압축해야 하는 정보 병목.",
          "It belongs: the lecture's problem 3; the longer the sentence, the more is lost.",
          "맞는 보기입니다. 강의의 문제 3이고, 문장이 길수록 더 많이 잃습니다."),
        O("Sequential processing: step $t$ must wait for step $t-1$, so the time steps cannot run in parallel on a GPU.",
          "순차 처리: 시점 $t$는 시점 $t-1$을 기다려야 해서 GPU에서 시점들을 병렬로 처리할 수 없다.",
          "It belongs: the lecture's problem 1, and the reason long sentences are slow to process.",
          "맞는 보기입니다. 강의의 문제 1이고, 긴 문장 처리가 느린 이유입니다."),
        O("RNNs cannot process inputs of different lengths.",
          "RNN은 길이가 다른 입력을 처리할 수 없다.",
          "They can: the same cell is applied once per step, for any number of steps.",
          "처리할 수 있습니다. 같은 셀을 시점마다 한 번씩, 몇 시점이든 적용합니다."),
        O("Long-range dependencies: information between positions $i$ and $j$ must pass through $|i - j|$ steps, "
          "and the gradient fades along the way.",
          "장거리 의존성: 위치 $i$와 $j$ 사이의 정보가 $|i - j|$ 단계를 거쳐야 하고, 그 과정에서 기울기가 약해진다.",
          "It belongs: the lecture's problem 2 (\"The cat, which we found yesterday, is very cute\"); LSTM and "
          "GRU eased it but did not remove it.",
          "맞는 보기입니다. 강의의 문제 2입니다 (\"The cat, which we found yesterday, is very cute\"). LSTM과 GRU가 "
          "완화했지만 없애지는 못했습니다."),
        O("RNNs cannot be trained with gradient descent.",
          "RNN은 경사 하강법으로 학습할 수 없다.",
          "They are trained with gradient descent, through BPTT; the trouble is the quality of the gradients "
          "over long distances, not the method.",
          "RNN은 BPTT를 통해 경사 하강법으로 학습합니다. 문제는 방법이 아니라 먼 거리에 걸친 기울기의 질입니다."),
      ), key=("A", "B", "D")),
    Q("path_length", "why_attention", "single", T(
        "In a self-attention layer, how many steps does information need to get from position 1 to position 50 "
        "of a sequence?",
        "self-attention 층에서 정보가 시퀀스의 위치 1에서 위치 50까지 가려면 몇 단계가 필요한가요?"),
      options=(
        O("1: every position is connected directly to every other.", "1: 모든 위치가 다른 모든 위치와 직접 연결된다.",
          "Right: the lecture's \"O(1) connection\". Position 50's query scores position 1's key directly, whatever the distance.",
          "맞습니다. 강의의 \"O(1) 연결\"입니다. 거리와 상관없이 위치 50의 query가 위치 1의 key와 직접 점수를 매깁니다."),
        O("49", "49",
          "That is a recurrent network's path, $|i - j|$ steps through the hidden states.",
          "그것은 순환 신경망의 경로, 은닉 상태를 거치는 $|i - j|$ 단계입니다."),
        O("About $\\log_2 50 \\approx 6$", "약 $\\log_2 50 \\approx 6$",
          "A logarithmic path belongs to tree-like or dilated-convolution models, not to attention.",
          "로그 길이의 경로는 트리 구조나 dilated convolution 모델의 것이고, attention의 것이 아닙니다."),
        O("$50^2 = 2500$", "$50^2 = 2500$",
          "$n^2$ is the number of (query, key) pairs, i.e. the cost of the layer, not the length of a path.",
          "$n^2$은 (query, key) 쌍의 개수, 즉 층의 계산 비용이지 경로의 길이가 아닙니다."),
      ), key="A"),
    Q("rnn_stack_steps", "why_attention", "numeric", T(
        "A stack of 3 RNN layers reads 10 tokens. Layer $l$ at step $t$ needs layer $l - 1$ at step $t$ and layer $l$ at "
        "step $t - 1$. If every cell whose inputs are ready is computed at once, one time unit per cell, how many time "
        "units does the whole stack take? (A stack of 3 self-attention layers takes 3.)",
        "RNN 층 3개를 쌓은 스택이 토큰 10개를 읽습니다. 층 $l$의 시점 $t$는 층 $l - 1$의 시점 $t$와 층 $l$의 시점 "
        "$t - 1$이 필요합니다. 입력이 준비된 셀은 모두 한꺼번에 계산하고 셀 하나에 한 단위 시간이 걸린다면, 스택 전체에는 "
        "몇 단위 시간이 걸리나요? (self-attention 층 3개의 스택은 3이 걸립니다.)"),
      key=12, graded=True, tolerance=0.5,
      near=(
        Near(30, T("Layer 2 need not wait for layer 1 to finish the sequence: it can do step 1 as soon as layer 1 has done "
                   "step 1.",
                   "층 2는 층 1이 시퀀스를 끝낼 때까지 기다릴 필요가 없습니다: 층 1이 시점 1을 마치면 바로 시점 1을 할 수 "
                   "있습니다."), "rnn_layers_not_pipelined"),
        Near(10, T("Each layer above the first starts one unit later than the one below it, so the last layer finishes "
                   "later than step 10.",
                   "첫 층 위의 층은 아래 층보다 한 단위씩 늦게 시작하므로 마지막 층은 시점 10보다 늦게 끝납니다."),
             "rnn_stack_one_layer"),
        Near(3, T("That is the self-attention stack; within an RNN layer step $t$ still waits for step $t - 1$.",
                  "그것은 self-attention 스택입니다. RNN 층 안에서는 시점 $t$가 여전히 시점 $t - 1$을 기다립니다."),
             "rnn_stack_parallel"),
      ),
      explanation=T(
        "Cell $(l, t)$ can run at time $t + l - 1$ at the earliest, after $(l - 1, t)$ and $(l, t - 1)$, so the last cell, "
        "$(3, 10)$, runs at time $10 + 3 - 1 = 12$. However the layers overlap, a recurrent stack needs at least $n$ "
        "units one after another; self-attention needs one per layer.",
        "셀 $(l, t)$는 $(l - 1, t)$와 $(l, t - 1)$ 다음, 가장 빨라야 시각 $t + l - 1$에 실행되므로 마지막 셀 $(3, 10)$은 "
        "시각 $10 + 3 - 1 = 12$에 실행됩니다. 층들이 아무리 겹쳐도 순환 스택에는 차례로 실행되는 단위가 적어도 $n$개 "
        "필요하고, self-attention은 층마다 하나입니다.")),
    Q("why_attention_explain", "why_attention", "text", T(
        "Explain why attention is needed: name the problems of RNN-based models that it addresses and say how it "
        "addresses each.",
        "attention이 왜 필요한지 설명하세요: attention이 해결하는 RNN 기반 모델의 문제들을 들고, 각각을 어떻게 해결하는지 "
        "말하세요."),
      model_answer=T(
        "RNNs read a sequence one step at a time, so (1) they cannot be parallelised over time and are slow on "
        "long sequences; (2) information between distant positions must travel through many steps, and the "
        "gradient vanishes or explodes on the way, so long-range dependencies are hard to learn; (3) everything "
        "is squeezed into a fixed-size hidden state, an information bottleneck. Attention lets every position "
        "look at every other position directly: the scores $Q K^\\top$ for all pairs are computed at once "
        "(parallel), the path between any two positions has length 1, and each position builds its own weighted "
        "mix of all the values instead of relying on one compressed vector. As a bonus, the weights show where "
        "the model looks.",
        "RNN은 시퀀스를 한 시점씩 읽기 때문에 (1) 시간 축으로 병렬화할 수 없어 긴 시퀀스에서 느리고, (2) 멀리 떨어진 "
        "위치 사이의 정보가 여러 단계를 거쳐야 하며 그 과정에서 기울기가 사라지거나 폭발해서 장거리 의존성을 "
        "학습하기 어렵고, (3) 모든 것이 고정 크기 은닉 상태에 압축되는 정보 병목이 있습니다. attention은 모든 위치가 "
        "다른 모든 위치를 직접 볼 수 있게 합니다: 모든 쌍의 점수 $Q K^\\top$를 한 번에 계산하고(병렬), 임의의 두 "
        "위치 사이 경로 길이가 1이며, 압축된 벡터 하나에 기대는 대신 위치마다 모든 value를 자기 방식으로 가중합합니다. "
        "덤으로 weight가 모델이 어디를 보는지 보여 줍니다."),
      rubric=(
        (1, T("At least two of the three RNN problems: sequential processing, long-range dependencies "
              "(vanishing gradients), the fixed-size state bottleneck.",
              "RNN의 세 문제 중 둘 이상: 순차 처리, 장거리 의존성(기울기 소실), 고정 크기 상태의 병목.")),
        (1, T("How attention addresses them: all pairs at once in parallel, direct (length-1) connections.",
              "attention의 해결 방식: 모든 쌍을 한 번에 병렬로, 직접(길이 1) 연결.")),
        (1, T("Dynamic selection: each position takes its own weighted combination of all positions (not one "
              "fixed vector).",
              "동적 선택: 각 위치가 모든 위치의 자기만의 가중 조합을 얻는다 (고정된 벡터 하나가 아님).")),
      )),

    # ---------------------------------------------------------------- qkv_roles
    Q("qkv_library", "qkv_roles", "single", T(
        "In the lecture's library analogy (\"find me a book on machine learning\"), what plays the role of the **Key**?",
        "강의의 도서관 비유(\"머신러닝 책 찾아줘\")에서 **Key** 역할을 하는 것은?"),
      options=(
        O("The request \"find me a book on machine learning\"", "\"머신러닝 책 찾아줘\"라는 요청",
          "The request is the Query: what the current position is looking for.",
          "요청은 Query입니다: 현재 위치가 찾고 있는 것입니다."),
        O("Each book's title and keywords, which are compared with the request",
          "요청과 비교되는 각 책의 제목과 키워드",
          "Right: keys are what each position offers to be matched against; the score of a book is how well "
          "its key matches the query.",
          "맞습니다. key는 각 위치가 비교 대상으로 내놓는 것이고, 책의 점수는 그 key가 query와 얼마나 맞는지입니다."),
        O("The content of each book", "각 책의 내용",
          "The content is the Value: what is actually taken, in proportion to the weights.",
          "내용은 Value입니다: weight에 비례해서 실제로 가져오는 것입니다."),
        O("The weighted mix of the most relevant books", "가장 관련 있는 책들의 가중 혼합",
          "That is the output of attention, the weighted average of the values.",
          "그것은 attention의 출력, 즉 value들의 가중 평균입니다."),
      ), key="B"),
    Q("qkv_learned", "qkv_roles", "single", T(
        "A learner asks: \"Does attention draw three random variables Q, K, V for each token?\" Which answer is right?",
        "한 학습자가 묻습니다: \"attention은 토큰마다 세 개의 임의 변수 Q, K, V를 뽑나요?\" 옳은 답은?"),
      options=(
        O("Yes: Q, K and V are sampled afresh at every forward pass.", "네: Q, K, V는 순전파 때마다 새로 샘플링된다.",
          "Nothing is sampled: given the input and the weights, Q, K and V are fixed, deterministic values.",
          "아무것도 샘플링하지 않습니다. 입력과 가중치가 정해지면 Q, K, V는 정해진(결정적인) 값입니다."),
        O("No: they are constants that the designer sets by hand.", "아니요: 설계자가 손으로 정하는 상수다.",
          "$W_Q$, $W_K$, $W_V$ are learned by gradient descent like any other weights, not set by hand.",
          "$W_Q$, $W_K$, $W_V$는 다른 가중치처럼 경사 하강법으로 학습되며, 손으로 정하지 않습니다."),
        O("Q and K are learned projections, but V is always the raw input $X$.", "Q와 K는 학습된 투영이지만 V는 항상 입력 $X$ 그대로다.",
          "In the Transformer, V is a learned projection $X W_V$ too (so the values can carry different "
          "information than the raw embedding).",
          "Transformer에서는 V도 학습된 투영 $X W_V$입니다 (그래서 value는 원래 임베딩과 다른 정보를 담을 수 있습니다)."),
        O("No: they are computed from the input by learned weight matrices, $Q = X W_Q$, $K = X W_K$, $V = X W_V$.",
          "아니요: 학습되는 가중치 행렬로 입력에서 계산한다, $Q = X W_Q$, $K = X W_K$, $V = X W_V$.",
          "Right: three learned linear projections of the same embeddings give each token a query, a key and a value.",
          "맞습니다. 같은 임베딩을 학습된 선형 변환 세 개로 투영해서 토큰마다 query, key, value를 얻습니다."),
      ), key="D"),
    Q("qkv_statements", "qkv_roles", "multi", T(
        "Which statements about Q, K and V in scaled dot-product attention are right? Choose every one.",
        "Scaled dot-product attention의 Q, K, V에 대해 옳은 것을 모두 고르세요."),
      options=(
        O("The scores compare each query with each key.", "점수는 각 query를 각 key와 비교한다.",
          "It belongs: $Q K^\\top$ holds $q_i \\cdot k_j$ for every pair.",
          "맞는 보기입니다. $Q K^\\top$에는 모든 쌍의 $q_i \\cdot k_j$가 들어 있습니다."),
        O("Q and V must have the same width $d_k$.", "Q와 V의 너비는 $d_k$로 같아야 한다.",
          "Q and K share $d_k$ (they are dotted together); V has its own width $d_v$, which sets the output's width.",
          "$d_k$를 공유하는 것은 Q와 K입니다 (둘을 내적하므로). V는 자기 너비 $d_v$를 가지며 그것이 출력의 너비가 됩니다."),
        O("The output is a weighted sum of the values.", "출력은 value들의 가중합이다.",
          "It belongs: the softmax weights mix the rows of $V$.",
          "맞는 보기입니다. softmax weight가 $V$의 행들을 섞습니다."),
        O("K and V have the same number of rows: one per position attended to.", "K와 V의 행 수는 같다: attend 대상인 위치마다 하나.",
          "It belongs: key $j$ decides the weight of value $j$, so they come in pairs ($n_k$ rows each).",
          "맞는 보기입니다. key $j$가 value $j$의 weight를 정하므로 둘은 짝을 이룹니다 (각각 $n_k$개 행)."),
        O("The weights are computed from V.", "weight는 V로부터 계산된다.",
          "The weights come from Q and K only; V is what gets weighted.",
          "weight는 Q와 K로만 계산합니다. V는 가중되는 대상입니다."),
      ), key=("A", "C", "D")),
    Q("qk_pair_score", "qkv_roles", "numeric", T(
        "Two tokens: A has the query $q_A = (1, 2)$ and the key $k_A = (1, 0)$; B has the query $q_B = (0, 1)$ and the key "
        "$k_B = (3, 1)$. In $Q K^\\top$ (queries on the rows), what is the score in row A, column B, before scaling?",
        "토큰 두 개: A의 query는 $q_A = (1, 2)$, key는 $k_A = (1, 0)$이고, B의 query는 $q_B = (0, 1)$, key는 "
        "$k_B = (3, 1)$입니다. $Q K^\\top$(행이 query)에서 행 A, 열 B의 점수(스케일링 전)는?"),
      key=5, graded=True, tolerance=1e-6,
      near=(
        Near(0, T("That is row B, column A: B's query against A's key. The scores are not symmetric.",
                  "그것은 행 B, 열 A, 즉 B의 query와 A의 key입니다. 점수는 대칭이 아닙니다."), "qk_roles_swapped"),
        Near(2, T("That compares the two queries; a score compares a query with a key.",
                  "두 query를 비교했습니다. 점수는 query와 key를 비교합니다."), "qk_query_query"),
        Near(3, T("That compares the two keys; a score compares a query with a key.",
                  "두 key를 비교했습니다. 점수는 query와 key를 비교합니다."), "qk_key_key"),
        Near(1, T("That is A's query against its own key, the diagonal entry of row A.",
                  "A의 query와 자기 key, 즉 행 A의 대각 원소입니다."), "qk_diagonal"),
      ),
      explanation=T(
        "Row A, column B is A's query against B's key: $q_A \\cdot k_B = 1 \\cdot 3 + 2 \\cdot 1 = 5$. Row B, column A is "
        "a different number, $q_B \\cdot k_A = 0$: what A looks for in B is not what B looks for in A.",
        "행 A, 열 B는 A의 query와 B의 key입니다: $q_A \\cdot k_B = 1 \\cdot 3 + 2 \\cdot 1 = 5$. 행 B, 열 A는 다른 값 "
        "$q_B \\cdot k_A = 0$입니다: A가 B에서 찾는 것과 B가 A에서 찾는 것은 다릅니다.")),

    # ---------------------------------------------------------------- sdpa_formula
    Q("sdpa_which", "sdpa_formula", "single", T(
        "Which is the scaled dot-product attention of the lecture?",
        "강의의 scaled dot-product attention은 어느 것인가요?"),
      options=(
        O("$\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$", "$\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$",
          "Right: scores $Q K^\\top$, scaled by $\\sqrt{d_k}$, softmax over the keys, weighted sum of the values.",
          "맞습니다. 점수 $Q K^\\top$를 $\\sqrt{d_k}$로 스케일링하고, key에 대해 softmax를 한 뒤, value를 가중합합니다."),
        O("$\\mathrm{softmax}(Q K^\\top / d_k)\\, V$", "$\\mathrm{softmax}(Q K^\\top / d_k)\\, V$",
          "Dividing by $d_k$ over-shrinks: the spread of $q \\cdot k$ grows like $\\sqrt{d_k}$, so $d_k$ would flatten the "
          "weights towards uniform as $d_k$ grows.",
          "$d_k$로 나누면 너무 많이 줄입니다. $q \\cdot k$의 퍼짐은 $\\sqrt{d_k}$에 비례해서 커지므로, $d_k$로 나누면 "
          "$d_k$가 클수록 weight가 균등 분포에 가까워집니다."),
        O("$\\mathrm{softmax}(Q K^\\top)\\, V / \\sqrt{d_k}$", "$\\mathrm{softmax}(Q K^\\top)\\, V / \\sqrt{d_k}$",
          "Scaling after the softmax only shrinks the output; the softmax has already saturated on the large "
          "scores, which is what the scaling is meant to prevent.",
          "softmax 다음에 스케일링하면 출력만 작아집니다. softmax는 이미 큰 점수에서 포화되었고, 스케일링은 바로 "
          "그것을 막으려는 것입니다."),
        O("$\\sigma(Q K^\\top / \\sqrt{d_k})\\, V$ with σ the sigmoid", "$\\sigma(Q K^\\top / \\sqrt{d_k})\\, V$ (σ는 sigmoid)",
          "A sigmoid scores each pair on its own: the weights of a query would not add up to 1, so the output "
          "is not a weighted average of the values.",
          "sigmoid는 쌍마다 따로 점수를 매기므로 한 query의 weight 합이 1이 되지 않고, 출력이 value의 가중 평균이 "
          "아닙니다."),
      ), key="A"),
    Q("sdpa_scale_value", "sdpa_formula", "numeric", T(
        "With $d_k = 64$, by what number does scaled dot-product attention divide the scores $Q K^\\top$?",
        "$d_k = 64$일 때 scaled dot-product attention은 점수 $Q K^\\top$를 어떤 수로 나누나요?"),
      key=8, tolerance=1e-6,
      near=(
        Near(64, T("That divides by $d_k$ itself; the lecture divides by its square root.",
                   "$d_k$ 자체로 나눈 것입니다. 강의에서는 그 제곱근으로 나눕니다."), "scale_dk_not_sqrt"),
        Near(0.125, T("0.125 is the factor the scores are multiplied by, $1/\\sqrt{d_k}$; the question asks what they are "
                      "divided by.",
                      "0.125는 점수에 곱하는 인수 $1/\\sqrt{d_k}$입니다. 문제는 무엇으로 나누는지를 묻습니다."),
             "scale_reciprocal"),
      ),
      explanation=T("$\\sqrt{d_k} = \\sqrt{64} = 8$.", "$\\sqrt{d_k} = \\sqrt{64} = 8$입니다.")),
    Q("why_scale", "sdpa_formula", "single", T(
        "Why are the scores divided by $\\sqrt{d_k}$?",
        "점수를 왜 $\\sqrt{d_k}$로 나누나요?"),
      options=(
        O("So that the weights of each query add up to 1.", "각 query의 weight 합이 1이 되도록.",
          "The softmax already guarantees that, with or without the scaling.",
          "그것은 스케일링과 상관없이 softmax가 이미 보장합니다."),
        O("To make the computation faster.", "계산을 빠르게 하려고.",
          "Dividing costs one more operation per score; the reason is numerical, not speed.",
          "나누기는 점수마다 연산이 하나 더 늘 뿐입니다. 이유는 속도가 아니라 수치적인 것입니다."),
        O("For query and key entries that are independent, with mean 0 and variance 1, $q \\cdot k$ has variance "
          "$d_k$: large scores saturate the softmax (nearly one-hot) and its gradients vanish; dividing by "
          "$\\sqrt{d_k}$ brings the variance back to 1.",
          "query와 key의 원소가 서로 독립이고 평균 0, 분산 1이면 $q \\cdot k$의 분산은 $d_k$이다: 큰 점수는 softmax를 "
          "포화시키고(거의 one-hot) 기울기가 사라진다. $\\sqrt{d_k}$로 나누면 분산이 다시 1이 된다.",
          "Right: the lecture's \"stable softmax gradients\": without scaling, (0.9, 0.05, 0.05); with it, (0.5, 0.3, 0.2).",
          "맞습니다. 강의의 \"softmax의 그래디언트 안정화\"입니다: 스케일링이 없으면 (0.9, 0.05, 0.05), 있으면 "
          "(0.5, 0.3, 0.2)."),
        O("To normalise the value vectors.", "value 벡터를 정규화하려고.",
          "The scaling acts on the scores $Q K^\\top$ before the softmax; $V$ is not touched.",
          "스케일링은 softmax 전에 점수 $Q K^\\top$에 작용하고, $V$는 건드리지 않습니다."),
      ), key="C"),
    Q("sdpa_scaled_weight", "sdpa_formula", "numeric", T(
        "One query scores two keys with $q \\cdot k = 0$ and $q \\cdot k = 8$ (before scaling), and $d_k = 16$. What "
        "weight does scaled dot-product attention give the second key? Give three decimals.",
        "한 query가 두 key에 대해 $q \\cdot k = 0$과 $q \\cdot k = 8$을 냅니다 (스케일링 전), $d_k = 16$. scaled "
        "dot-product attention은 두 번째 key에 얼마의 weight를 주나요? 소수점 셋째 자리까지 쓰세요."),
      key=0.881, graded=True, tolerance=0.002,
      near=(
        Near(1.0, T("That is the softmax of the unscaled scores, $e^8 / (1 + e^8)$: the scaling comes first.",
                    "스케일링하지 않은 점수의 softmax $e^8 / (1 + e^8)$입니다: 스케일링이 먼저입니다."), "scale_missing"),
        Near(0.622, T("That divides the scores by $d_k = 16$; the lecture divides by $\\sqrt{d_k} = 4$.",
                      "점수를 $d_k = 16$으로 나눴습니다. 강의에서는 $\\sqrt{d_k} = 4$로 나눕니다."), "scale_dk_not_sqrt"),
        Near(0.25, T("That scales after the softmax; the scaling acts on the scores, inside the softmax.",
                     "softmax 다음에 스케일링했습니다. 스케일링은 softmax 안에서 점수에 작용합니다."), "scale_after_softmax"),
      ),
      explanation=T(
        "Divide by $\\sqrt{16} = 4$ first, scores $(0, 2)$, then the softmax: $e^2 / (1 + e^2) \\approx 0.881$.",
        "먼저 $\\sqrt{16} = 4$로 나누면 점수는 $(0, 2)$이고, softmax를 하면 $e^2 / (1 + e^2) \\approx 0.881$입니다.")),
    Q("sdpa_steps", "sdpa_formula", "text", T(
        "Write the scaled dot-product attention formula and explain in one line each what its four steps do.",
        "Scaled dot-product attention 식을 쓰고, 네 단계가 각각 무엇을 하는지 한 줄씩 설명하세요."),
      model_answer=T(
        "$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$. (1) $Q K^\\top$: the dot product of "
        "every query with every key, a similarity score. (2) Divide by $\\sqrt{d_k}$: keeps the scores' spread "
        "independent of $d_k$ so the softmax does not saturate and gradients stay healthy. (3) Softmax over the "
        "keys (last axis): each query's scores become positive weights that add up to 1. (4) Multiply by $V$: "
        "each output row is the weighted average of the value vectors.",
        "$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$. (1) $Q K^\\top$: 모든 query와 모든 "
        "key의 내적, 즉 유사도 점수. (2) $\\sqrt{d_k}$로 나누기: 점수의 퍼짐이 $d_k$에 의존하지 않게 해서 softmax가 "
        "포화되지 않고 기울기가 건강하게 유지됨. (3) key(마지막 축)에 대한 softmax: 각 query의 점수가 합이 1인 양수 "
        "weight가 됨. (4) $V$ 곱하기: 각 출력 행은 value 벡터들의 가중 평균."),
      rubric=(
        (1, T("The formula, exactly: $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$ (the scaling inside the softmax).",
              "정확한 식: $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$ (스케일링이 softmax 안에).")),
        (1, T("Scores as query–key similarity, and the reason for $\\sqrt{d_k}$ (saturation / gradients).",
              "점수는 query–key 유사도, $\\sqrt{d_k}$의 이유(포화 / 기울기).")),
        (1, T("Softmax over the keys (rows sum to 1) and the output as a weighted average of the values.",
              "key에 대한 softmax(행 합 1)와 value의 가중 평균으로서의 출력.")),
      )),

    # ---------------------------------------------------------------- self_vs_cross
    Q("self_attention_def", "self_vs_cross", "single", T(
        "What makes attention *self*-attention?",
        "attention을 *self*-attention으로 만드는 것은?"),
      options=(
        O("It is used only in the decoder.", "디코더에서만 쓴다.",
          "The encoder's layers are self-attention too; the decoder has a masked self-attention and a cross-attention.",
          "인코더의 층도 self-attention입니다. 디코더에는 masked self-attention과 cross-attention이 있습니다."),
        O("Each token attends only to itself.", "각 토큰이 자기 자신에게만 attend한다.",
          "\"Self\" means the same sequence, not the same token: each token attends to all tokens, itself included.",
          "\"Self\"는 같은 토큰이 아니라 같은 시퀀스라는 뜻입니다. 각 토큰은 자신을 포함한 모든 토큰에 attend합니다."),
        O("Queries, keys and values all come from the same sequence.", "Query, Key, Value가 모두 같은 시퀀스에서 나온다.",
          "Right: the sequence attends to itself, learning the relations between its own positions (the lecture's "
          "\"weight within\").",
          "맞습니다. 시퀀스가 자기 자신에 attend해서 자기 위치들 사이의 관계를 학습합니다 (강의의 \"weight within\")."),
        O("It has no learned weights.", "학습되는 가중치가 없다.",
          "Self-attention has the learned projections $W_Q$, $W_K$, $W_V$ (and $W_O$).",
          "self-attention에도 학습되는 투영 $W_Q$, $W_K$, $W_V$ (그리고 $W_O$)가 있습니다."),
      ), key="C"),
    Q("cross_attention_source", "self_vs_cross", "single", T(
        "In the Transformer decoder's encoder–decoder attention, where do the queries, keys and values come from?",
        "Transformer 디코더의 인코더–디코더 attention에서 query, key, value는 각각 어디에서 오나요?"),
      options=(
        O("Queries from the encoder; keys and values from the decoder.", "Query는 인코더에서, Key와 Value는 디코더에서.",
          "Reversed: the position being generated (the decoder) is the one looking for information.",
          "반대입니다. 정보를 찾는 쪽은 지금 생성 중인 위치, 즉 디코더입니다."),
        O("Queries from the decoder; keys and values from the encoder's output.", "Query는 디코더에서, Key와 Value는 인코더 출력에서.",
          "Right: the decoder asks, the source sentence answers, as in seq2seq with attention (the lecture's \"weight between\").",
          "맞습니다. 디코더가 묻고 원문 문장이 답합니다. attention을 쓰는 seq2seq와 같습니다 (강의의 \"weight between\")."),
        O("All three from the encoder's output.", "셋 다 인코더 출력에서.",
          "Then the decoder's state would play no part; that would be the encoder's own self-attention again.",
          "그러면 디코더의 상태가 아무 역할도 하지 않습니다. 인코더의 self-attention을 다시 하는 것과 같습니다."),
        O("All three from the decoder.", "셋 다 디코더에서.",
          "That is the decoder's (masked) self-attention, the sublayer before the encoder–decoder attention.",
          "그것은 디코더의 (masked) self-attention으로, 인코더–디코더 attention 앞의 서브레이어입니다."),
      ), key="B"),
    Q("masked_self_attention", "self_vs_cross", "truefalse", T(
        "During training the whole target sentence is known, so in the decoder's masked self-attention each "
        "position may attend to the later positions too.",
        "학습 중에는 목표 문장 전체를 알고 있으므로, 디코더의 masked self-attention에서 각 위치는 뒤쪽 위치에도 "
        "attend할 수 있다."),
      key=False, explanation=T(
        "False: knowing the whole target at training time is exactly why the mask is needed. A causal mask "
        "(True on and below the diagonal) removes the later keys before the softmax, so position $t$ sees "
        "positions $\\le t$ only, what it will have when generating, and cannot copy the token it must predict.",
        "거짓입니다. 학습 때 목표 문장 전체를 알기 때문에 바로 마스크가 필요합니다. causal 마스크(대각선과 그 아래가 "
        "True)가 softmax 전에 뒤쪽 key를 없애므로 위치 $t$는 $\\le t$인 위치만 봅니다. 생성할 때 실제로 가진 것과 "
        "같고, 예측해야 할 토큰을 베낄 수 없습니다.")),
    Q("causal_pairs", "self_vs_cross", "numeric", T(
        "In the decoder's masked self-attention over $n = 6$ positions, how many (query, key) pairs may attend, i.e. get "
        "a weight that the mask does not force to 0?",
        "위치 $n = 6$개에 대한 디코더의 masked self-attention에서 attend할 수 있는 (query, key) 쌍, 즉 마스크가 weight를 "
        "0으로 강제하지 않는 쌍은 몇 개인가요?"),
      key=21, graded=True, tolerance=0.5,
      near=(
        Near(15, T("A position may attend to itself: the diagonal is allowed too.",
                   "위치는 자기 자신에게 attend할 수 있습니다: 대각선도 허용됩니다."), "causal_no_diagonal"),
        Near(36, T("That is every pair; the causal mask hides each query's later keys.",
                   "모든 쌍의 개수입니다. causal 마스크는 query마다 뒤쪽 key를 가립니다."), "causal_no_mask"),
        Near(18, T("The allowed part is the lower triangle with its diagonal, more than half of the $6 \\times 6$ pairs.",
                   "허용되는 부분은 대각선을 포함한 아래 삼각형으로, $6 \\times 6$ 쌍의 절반보다 많습니다."), "causal_half"),
      ),
      explanation=T(
        "Query $i$ may attend to keys $1, …, i$: $1 + 2 + 3 + 4 + 5 + 6 = 21$ of the 36 pairs, the lower triangle with its "
        "diagonal.",
        "query $i$는 key $1, …, i$에 attend할 수 있습니다: 36쌍 중 $1 + 2 + 3 + 4 + 5 + 6 = 21$쌍, 즉 대각선을 포함한 아래 "
        "삼각형입니다.")),

    # ================================================================== quiz_attention: intermediate
    # ---------------------------------------------------------------- why_multihead
    Q("multihead_why", "why_multihead", "single", T(
        "Why does the Transformer use several attention heads rather than one?",
        "Transformer는 왜 attention head 하나가 아니라 여러 개를 쓰나요?"),
      options=(
        O("More heads mean fewer parameters.", "head가 많을수록 파라미터가 적다.",
          "With $d_{model}$ fixed, $W_Q$, $W_K$, $W_V$, $W_O$ stay $d_{model} \\times d_{model}$ whatever the number of heads.",
          "$d_{model}$이 고정이면 head 수와 상관없이 $W_Q$, $W_K$, $W_V$, $W_O$는 $d_{model} \\times d_{model}$입니다."),
        O("Several heads are needed so that the softmax adds up to 1.", "softmax의 합이 1이 되려면 head가 여러 개 필요하다.",
          "Every head's softmax adds up to 1 on its own; that has nothing to do with the number of heads.",
          "각 head의 softmax는 스스로 합이 1입니다. head 수와는 관계가 없습니다."),
        O("Each head processes a different part of the sequence.", "각 head가 시퀀스의 다른 부분을 처리한다.",
          "Every head sees all positions; what the heads split is the feature dimension ($d_{model}/h$ each).",
          "모든 head가 모든 위치를 봅니다. head들이 나누는 것은 특성 차원입니다 (각각 $d_{model}/h$)."),
        O("Each head has its own projections and can attend to a different kind of relation (subject–verb, "
          "position, …) in parallel; one head's softmax mixes everything into a single pattern.",
          "head마다 자기 투영이 있어서 서로 다른 종류의 관계(주어–동사, 위치 등)에 병렬로 attend할 수 있다. head 하나의 "
          "softmax는 모든 것을 한 가지 패턴으로 섞는다.",
          "Right: the lecture's \"only one perspective at a time\" for a single head; with several, e.g. one head follows "
          "\"cat → sat\" while another follows \"cat → mat\".",
          "맞습니다. head가 하나면 강의의 \"한 번에 하나의 관점만\" 학습합니다. 여러 개면 예를 들어 한 head는 "
          "\"cat → sat\"을, 다른 head는 \"cat → mat\"을 따라갈 수 있습니다."),
      ), key="D"),
    Q("head_dim", "why_multihead", "numeric", T(
        "With $d_{model} = 512$ and $h = 8$ heads, what is the width $d_k$ of each head's queries and keys?",
        "$d_{model} = 512$, head $h = 8$개일 때 각 head의 query와 key의 너비 $d_k$는?"),
      key=64, tolerance=1e-6,
      near=(
        Near(4096, T("The heads split $d_{model}$ between them ($d_{model} / h$); they do not each get $h$ times more.",
                     "head들은 $d_{model}$을 나누어 가집니다 ($d_{model} / h$). 각각 $h$배를 받는 것이 아닙니다."),
             "head_dim_multiplied"),
        Near(512, T("Each head works in a smaller space: $d_{model}$ is split across the 8 heads.",
                    "각 head는 더 작은 공간에서 일합니다: $d_{model}$을 head 8개가 나눕니다."), "head_dim_not_split"),
      ),
      explanation=T("$d_k = d_{model} / h = 512 / 8 = 64$, as in the original Transformer.",
                    "원래 Transformer처럼 $d_k = d_{model} / h = 512 / 8 = 64$입니다.")),
    Q("heads_parameters", "why_multihead", "truefalse", T(
        "With $d_{model}$ fixed, going from 1 head to 8 heads multiplies the number of parameters of $W_Q$, $W_K$, "
        "$W_V$ and $W_O$ by 8.",
        "$d_{model}$이 고정일 때 head를 1개에서 8개로 늘리면 $W_Q$, $W_K$, $W_V$, $W_O$의 파라미터 수가 8배가 된다."),
      key=False, explanation=T(
        "False: the projections stay $d_{model} \\times d_{model}$; multi-head attention splits their output into "
        "$h$ slices of width $d_{model}/h$. The cost of more heads is narrower heads, not more parameters.",
        "거짓입니다. 투영은 그대로 $d_{model} \\times d_{model}$이고, multi-head attention은 그 출력을 너비 "
        "$d_{model}/h$인 $h$조각으로 나눕니다. head가 많아지는 대가는 파라미터 증가가 아니라 head당 차원 감소입니다.")),
    Q("one_head_two_patterns", "why_multihead", "single", T(
        "In a trained layer with 2 heads, for the query \"sat\" head 1 puts weight 0.9 on the previous token \"cat\" and "
        "head 2 puts weight 0.8 on the object \"mat\". Could a single head of the same total width reproduce both in its "
        "weights for \"sat\"?",
        "학습된 head 2개짜리 층에서 query \"sat\"에 대해 head 1은 직전 토큰 \"cat\"에 weight 0.9를, head 2는 목적어 "
        "\"mat\"에 weight 0.8을 줍니다. 전체 너비가 같은 head 하나가 \"sat\"의 weight로 둘 다 재현할 수 있을까요?"),
      options=(
        O("Yes: with the full width $d_{model}$ it can learn both relations in one row.",
          "네: 전체 너비 $d_{model}$이 있으면 한 행에 두 관계를 모두 학습할 수 있다.",
          "Width does not help: the weights of one query in one head are one softmax, which adds up to 1, and "
          "$0.9 + 0.8 = 1.7$.",
          "너비는 도움이 되지 않습니다: 한 head에서 한 query의 weight는 softmax 하나이고 합이 1인데, $0.9 + 0.8 = 1.7$입니다."),
        O("No: one head gives \"sat\" a single row of weights adding up to 1, and $0.9 + 0.8 > 1$; two heads give it a row "
          "each.",
          "아니요: head 하나는 \"sat\"에 합이 1인 weight 행 하나만 주는데 $0.9 + 0.8 > 1$이다. head 두 개는 행을 하나씩 준다.",
          "Right: several heads give every query several distributions, each free to concentrate on its own relation; "
          "$W_O$ combines what they gathered.",
          "맞습니다. head가 여러 개면 query마다 분포가 여러 개 생기고, 각 분포가 자기 관계에 집중할 수 있습니다. 모은 "
          "정보는 $W_O$가 합칩니다."),
        O("Yes, as long as its $d_k$ is at least 2: one dimension per relation.",
          "네, $d_k$가 2 이상이기만 하면 가능하다: 관계마다 한 차원씩.",
          "The width of $q$ and $k$ changes how the scores are computed, not the fact that one query's weights in one head "
          "add up to 1.",
          "$q$와 $k$의 너비는 점수를 계산하는 방식을 바꿀 뿐, 한 head에서 한 query의 weight 합이 1이라는 사실은 바꾸지 "
          "않습니다."),
        O("No, because the two heads share $W_Q$ and $W_K$.", "아니요, 두 head가 $W_Q$와 $W_K$를 공유하기 때문이다.",
          "The heads do not share their projections (each has its own block of columns), and that is not the obstacle: "
          "one row of weights adds up to 1.",
          "head들은 투영을 공유하지 않으며(각자 자기 열 블록), 그것이 걸림돌도 아닙니다: weight 한 행의 합이 1이라는 것이 "
          "걸림돌입니다."),
      ), key="B", graded=True),
    Q("split_heads_shape", "why_multihead", "shape", T(
        "$X$ has shape $(N, n, d_{model}) = (2, 10, 512)$. After projecting and splitting into $h = 8$ heads (the "
        "course's `split_heads`), what is the shape $(N, h, n, d_{model}/h)$?",
        "$X$의 shape은 $(N, n, d_{model}) = (2, 10, 512)$입니다. 투영한 뒤 head $h = 8$개로 나누면 (이 과정의 "
        "`split_heads`) shape $(N, h, n, d_{model}/h)$은?"),
      key=(2, 8, 10, 64),
      near=(
        Near((2, 10, 8, 64), T("That is the reshape before the transpose: the heads axis must come before the sequence "
                               "axis, so that each head is an independent $(n, d_k)$ attention.",
                               "transpose 전의 reshape 결과입니다. 각 head가 독립적인 $(n, d_k)$ attention이 되도록 head 축이 "
                               "시퀀스 축 앞에 와야 합니다."), "split_heads_no_transpose"),
        Near((2, 8, 10, 512), T("Each head gets $d_{model}/h = 64$ of the features, not all 512.",
                                "각 head는 특성 512개 전부가 아니라 $d_{model}/h = 64$개를 받습니다."), "split_heads_not_split"),
      ),
      explanation=T("$(2, 10, 512) \\to$ reshape $(2, 10, 8, 64) \\to$ transpose $(2, 8, 10, 64)$: 8 heads, each over the 10 "
                    "positions with 64 features.",
                    "$(2, 10, 512) \\to$ reshape $(2, 10, 8, 64) \\to$ transpose $(2, 8, 10, 64)$: head 8개가 각각 위치 10개, "
                    "특성 64개를 다룹니다.")),

    # ---------------------------------------------------------------- no_positional
    Q("no_pe_effect", "no_positional", "single", T(
        "A self-attention layer without positional encoding reads \"I love you\" and \"you love I\". What happens?",
        "Positional encoding이 없는 self-attention 층이 \"I love you\"와 \"you love I\"를 읽습니다. 어떻게 되나요?"),
      options=(
        O("Each word gets exactly the same output vector in both sentences, only in another place: the layer "
          "cannot tell the two orders apart.",
          "각 단어는 두 문장에서 정확히 같은 출력 벡터를 얻고, 위치만 다르다: 층은 두 순서를 구별하지 못한다.",
          "Right: attention treats its input as a set. Permuting the tokens permutes the outputs the same way, "
          "nothing else changes.",
          "맞습니다. attention은 입력을 집합처럼 다룹니다. 토큰 순서를 바꾸면 출력도 똑같이 순서만 바뀌고, 다른 것은 "
          "변하지 않습니다."),
        O("It raises an error, because attention needs positions.", "attention에는 위치가 필요하므로 오류가 난다.",
          "Nothing fails: the computation is well defined without positions. That is the danger: it silently "
          "ignores the order (the lecture's common mistake 1).",
          "아무것도 실패하지 않습니다. 위치 없이도 계산은 잘 정의됩니다. 바로 그것이 위험합니다: 조용히 순서를 "
          "무시합니다 (강의의 자주 하는 실수 1)."),
        O("It still knows the order, through the softmax.", "softmax를 통해 여전히 순서를 안다.",
          "The softmax works on scores $q_i \\cdot k_j$, which depend on the words, not on where they are.",
          "softmax는 점수 $q_i \\cdot k_j$에 작용하는데, 이 점수는 단어에 의존할 뿐 위치에는 의존하지 않습니다."),
        O("Only the first word loses its position.", "첫 단어만 위치를 잃는다.",
          "No word has a position: every token is treated the same way wherever it stands.",
          "어떤 단어도 위치를 갖지 않습니다. 모든 토큰은 어디에 있든 똑같이 취급됩니다."),
      ), key="A"),
    Q("no_pe_permutation", "no_positional", "truefalse", T(
        "Without positional encoding (and without a mask), permuting the input tokens of a self-attention layer "
        "permutes its outputs in the same way and changes nothing else.",
        "Positional encoding이 없으면 (마스크도 없을 때) self-attention 층의 입력 토큰 순서를 바꾸면 출력도 같은 "
        "방식으로 순서만 바뀌고 다른 것은 바뀌지 않는다."),
      key=True, explanation=T(
        "True: self-attention is permutation-equivariant. Token $i$'s output is $\\sum_j w_{ij} v_j$, where the "
        "weights depend only on the contents $q_i$, $k_j$; the sum does not care in which order the $j$ come.",
        "참입니다. self-attention은 순열 등변(permutation-equivariant)입니다. 토큰 $i$의 출력은 $\\sum_j w_{ij} v_j$이고, "
        "weight는 내용 $q_i$, $k_j$에만 의존하며, 합은 $j$의 순서에 상관없습니다.")),
    Q("rnn_no_pe", "no_positional", "single", T(
        "Why does an RNN not need a positional encoding?",
        "RNN에는 왜 positional encoding이 필요 없나요?"),
      options=(
        O("Because it has a cell state.", "셀 상태가 있어서.",
          "A plain RNN has no cell state and still knows the order; the order comes from reading step by step.",
          "기본 RNN에는 셀 상태가 없지만 순서를 압니다. 순서는 한 시점씩 읽는 데서 옵니다."),
        O("It reads the tokens one at a time, in order, so each hidden state already depends on where in the "
          "sequence it is.",
          "토큰을 순서대로 하나씩 읽으므로, 각 은닉 상태가 이미 시퀀스의 어디쯤인지에 의존한다.",
          "Right: order is built into the recurrence; the Transformer processes all tokens at once and must be "
          "told the positions.",
          "맞습니다. 순서가 점화식 안에 들어 있습니다. Transformer는 모든 토큰을 한 번에 처리하므로 위치를 따로 "
          "알려 줘야 합니다."),
        O("It does need one; RNNs without it ignore the order.", "필요하다. 없으면 RNN도 순서를 무시한다.",
          "Swapping two inputs changes an RNN's hidden states: it is sensitive to order by construction.",
          "입력 두 개를 바꾸면 RNN의 은닉 상태가 바뀝니다. 구조상 순서에 민감합니다."),
        O("Because its hidden size is large enough to store the position.", "은닉 크기가 위치를 저장할 만큼 커서.",
          "The size of the state is not what matters: even a tiny RNN is order-sensitive, because it processes "
          "the tokens sequentially.",
          "상태의 크기는 중요하지 않습니다. 아주 작은 RNN도 토큰을 순차적으로 처리하므로 순서에 민감합니다."),
      ), key="B"),
    Q("no_pe_causal_mask", "no_positional", "single", T(
        "There is no positional encoding. Which layer can give the token \"I\" different outputs in \"I love you\" and in "
        "\"you love I\"?",
        "positional encoding이 없습니다. \"I love you\"와 \"you love I\"에서 토큰 \"I\"에 서로 다른 출력을 줄 수 있는 층은?"),
      options=(
        O("Self-attention without a mask.", "마스크 없는 self-attention.",
          "Without a mask, self-attention is permutation-equivariant: \"I\" gets the same output wherever it stands.",
          "마스크가 없으면 self-attention은 순열 등변입니다: \"I\"는 어디에 있든 같은 출력을 받습니다."),
        O("The same self-attention with a causal mask.", "같은 self-attention에 causal 마스크를 쓴 것.",
          "Right: the mask depends on the positions. First in \"I love you\", \"I\" may attend only to itself; last in "
          "\"you love I\", it attends to all three words. So a causally masked decoder picks up some order even without "
          "a positional encoding (less reliably than with one).",
          "맞습니다. 마스크는 위치에 의존합니다. \"I love you\"에서 맨 앞의 \"I\"는 자기 자신에게만 attend할 수 있고, "
          "\"you love I\"에서 맨 뒤의 \"I\"는 세 단어 모두에 attend합니다. 그래서 causal 마스크를 쓰는 디코더는 positional "
          "encoding이 없어도 순서를 어느 정도 알아챕니다 (있을 때보다는 불안정하게)."),
        O("Self-attention without a mask, with 8 heads instead of 1.", "마스크 없는 self-attention, head 1개 대신 8개.",
          "Every head is permutation-equivariant, and so is their concatenation followed by $W_O$.",
          "모든 head가 순열 등변이고, 그 결합에 $W_O$를 곱한 것도 마찬가지입니다."),
        O("Self-attention without a mask, followed by the position-wise FFN.", "마스크 없는 self-attention 뒤에 position-wise FFN.",
          "The FFN applies the same function at every position, so it keeps the outputs blind to the order.",
          "FFN은 모든 위치에 같은 함수를 적용하므로 출력은 여전히 순서를 보지 못합니다."),
      ), key="B", graded=True),

    # ---------------------------------------------------------------- sinusoidal_advantages
    Q("pe_advantages", "sinusoidal_advantages", "multi", T(
        "Which are advantages of the sinusoidal positional encoding "
        "$PE(pos, 2k) = \\sin(pos / 10000^{2k/d_{model}})$, $PE(pos, 2k+1) = \\cos(…)$? Choose every one.",
        "사인파 positional encoding $PE(pos, 2k) = \\sin(pos / 10000^{2k/d_{model}})$, "
        "$PE(pos, 2k+1) = \\cos(…)$의 장점을 모두 고르세요."),
      options=(
        O("It has no learned parameters.", "학습되는 파라미터가 없다.",
          "It belongs: the encoding is a fixed formula (the lecture: \"nothing to learn, 0 parameters\").",
          "맞는 보기입니다. 인코딩은 고정된 수식입니다 (강의: \"학습 불필요, 파라미터 0개\")."),
        O("Its values grow with the position, so later tokens get more weight.", "위치가 커질수록 값이 커져서 뒤 토큰에 더 큰 가중치를 준다.",
          "Sines and cosines stay in $[-1, 1]$, which is the point: the word embedding is not swamped at large positions.",
          "사인과 코사인은 $[-1, 1]$ 안에 머뭅니다. 그래서 위치가 커도 단어 임베딩이 묻히지 않습니다."),
        O("For every offset $\\Delta$, $PE(pos + \\Delta)$ is a linear function of $PE(pos)$, the same for all $pos$ (with an "
          "even $d_{model}$), so relative positions are easy to use.",
          "모든 offset $\\Delta$에 대해 $PE(pos + \\Delta)$는 $PE(pos)$의 선형 함수이고 그 함수는 모든 $pos$에서 같으므로 "
          "($d_{model}$이 짝수일 때), 상대 위치를 쓰기 쉽다.",
          "It belongs: each (sin, cos) pair turns by an angle, $\\omega_k \\Delta$, that depends on the offset $\\Delta$ and "
          "not on $pos$.",
          "맞는 보기입니다. (sin, cos) 쌍마다 $pos$가 아니라 offset $\\Delta$에만 의존하는 각도 $\\omega_k \\Delta$만큼 "
          "회전합니다."),
        O("It can be computed for any position, also beyond the longest training sequence (how accurate the model is "
          "there is not guaranteed).",
          "어떤 위치에서도 계산할 수 있어서 학습 때 가장 긴 시퀀스보다 뒤의 위치에도 쓸 수 있다 (그 위치에서 모델이 "
          "얼마나 정확할지는 보장되지 않는다).",
          "It belongs: unlike a learned table of max_length rows, the formula gives a vector for any $pos$. Whether the "
          "model then does well on longer sequences is another matter: the original paper only hoped so, and later "
          "work (ALiBi) found that in practice it does not.",
          "맞는 보기입니다. max_length개 행의 학습된 표와 달리, 수식은 어떤 $pos$에서도 벡터를 줍니다. 다만 그 모델이 더 "
          "긴 시퀀스에서도 잘 동작하는지는 별개 문제입니다: 원 논문은 그러기를 기대했을 뿐이고, 이후 연구(ALiBi)는 "
          "실제로는 그렇지 않다는 것을 보였습니다."),
        O("Its many frequencies describe positions at several scales: fast columns tell neighbours apart, slow "
          "ones track coarse position.",
          "여러 주파수가 위치를 여러 스케일로 표현한다: 빠른 열은 이웃을 구별하고, 느린 열은 대략의 위치를 나타낸다.",
          "It belongs: the lecture's \"various frequencies → representations at several scales\".",
          "맞는 보기입니다. 강의의 \"다양한 주파수 → 여러 스케일 표현\"입니다."),
      ), key=("A", "C", "D", "E")),
    Q("pe_value", "sinusoidal_advantages", "numeric", T(
        "With $d_{model} = 4$, what is $PE(pos = 2, \\text{column } 1)$? (Columns count from 0; column 1 is the cos "
        "of the pair $k = 0$.) Give three decimals.",
        "$d_{model} = 4$일 때 $PE(pos = 2, \\text{열 } 1)$은? (열은 0부터 셉니다. 열 1은 $k = 0$ 쌍의 cos입니다.) "
        "소수점 셋째 자리까지 쓰세요."),
      key=-0.416, tolerance=0.002,
      near=(
        Near(0.909, T("That is $\\sin 2$: column 1 is odd, so it is the cosine.", "그것은 $\\sin 2$입니다: 열 1은 홀수이므로 코사인입니다."),
             "pe_sin_cos_swapped"),
        Near(0.99980, T("That uses the frequency of the next pair ($10000^{2/4} = 100$). Columns 0 and 1 share $k = 0$, "
                        "so the divisor is $10000^0 = 1$.",
                        "다음 쌍의 주파수($10000^{2/4} = 100$)를 썼습니다. 열 0과 1은 $k = 0$을 공유하므로 나누는 수는 "
                        "$10000^0 = 1$입니다."), "pe_wrong_frequency"),
      ),
      explanation=T("Column 1 is $2k + 1$ with $k = 0$: $PE = \\cos(2 / 10000^{0}) = \\cos 2 \\approx -0.416$.",
                    "열 1은 $k = 0$인 $2k + 1$입니다: $PE = \\cos(2 / 10000^{0}) = \\cos 2 \\approx -0.416$.")),
    Q("pe_fast_columns", "sinusoidal_advantages", "single", T(
        "Which columns of the sinusoidal encoding change fastest as the position increases?",
        "사인파 인코딩에서 위치가 커질 때 가장 빨리 변하는 열은?"),
      options=(
        O("The last columns (large $k$).", "뒤쪽 열 (큰 $k$).",
          "The divisor $10000^{2k/d_{model}}$ grows with $k$, so the last columns change slowest.",
          "나누는 수 $10000^{2k/d_{model}}$가 $k$와 함께 커지므로 뒤쪽 열이 가장 느리게 변합니다."),
        O("All columns change at the same rate.", "모든 열이 같은 속도로 변한다.",
          "Then the encoding would have one frequency and would repeat every $2\\pi$ positions; the point is many frequencies.",
          "그러면 주파수가 하나뿐이라 $2\\pi$ 위치마다 반복됩니다. 핵심은 여러 주파수입니다."),
        O("Only the odd (cosine) columns change; the sine columns are constant.", "홀수(코사인) 열만 변하고 사인 열은 일정하다.",
          "Each sine column and its cosine partner share a frequency and change equally fast.",
          "각 사인 열과 짝인 코사인 열은 주파수를 공유하고 똑같이 빨리 변합니다."),
        O("The first columns (small $k$): their wavelength $2\\pi \\cdot 10000^{2k/d_{model}}$ is the shortest.",
          "앞쪽 열 (작은 $k$): 파장 $2\\pi \\cdot 10000^{2k/d_{model}}$이 가장 짧다.",
          "Right: $k = 0$ has wavelength $2\\pi$ (fine position), the last pairs up to $2\\pi \\cdot 10000$ (coarse position).",
          "맞습니다. $k = 0$의 파장은 $2\\pi$(세밀한 위치), 마지막 쌍은 최대 $2\\pi \\cdot 10000$(대략의 위치)입니다."),
      ), key="D"),
    Q("pe_relative_rotation", "sinusoidal_advantages", "truefalse", T(
        "With an even $d_{model}$, for each fixed offset $\\Delta$ there is a matrix $M_\\Delta$, the same for every "
        "position, with $PE(pos + \\Delta) = M_\\Delta\\, PE(pos)$.",
        "$d_{model}$이 짝수이면, 각 offset $\\Delta$마다 모든 위치에서 같은 행렬 $M_\\Delta$가 있어서 "
        "$PE(pos + \\Delta) = M_\\Delta\\, PE(pos)$이다."),
      key=True, explanation=T(
        "True: for the pair $k$, with frequency $\\omega_k$, $(\\sin \\omega_k (pos + \\Delta), \\cos \\omega_k (pos + \\Delta))$ "
        "is $(\\sin \\omega_k pos, \\cos \\omega_k pos)$ rotated by the angle $\\omega_k \\Delta$ (angle-addition formulas). "
        "$M_\\Delta$ is block-diagonal with these $2 \\times 2$ rotations: the lecture's \"PE(pos+k) is a linear function of PE(pos)\", "
        "where $k$ is the offset. With an odd $d_{model}$ the last column is a sine without its cosine partner, and the "
        "argument fails for it.",
        "참입니다. 주파수가 $\\omega_k$인 쌍 $k$에서 $(\\sin \\omega_k (pos + \\Delta), \\cos \\omega_k (pos + \\Delta))$는 "
        "$(\\sin \\omega_k pos, \\cos \\omega_k pos)$를 각도 $\\omega_k \\Delta$만큼 회전한 것입니다 (덧셈 정리). $M_\\Delta$는 "
        "이 $2 \\times 2$ 회전들로 된 블록 대각 행렬이고, 이것이 강의의 \"PE(pos+k)는 PE(pos)의 선형 함수\"입니다 (여기서 "
        "$k$는 offset). $d_{model}$이 홀수이면 마지막 열은 짝인 코사인이 없는 사인이라서 이 논증이 성립하지 않습니다.")),
    Q("pe_same_word", "sinusoidal_advantages", "numeric", T(
        "With $d_{model} = 4$, the word \"cat\" (embedding $e$) stands at positions 2 and 5 of a sentence, so the encoder "
        "gets $e + PE_2$ and $e + PE_5$ there. What is column 0 of their difference, (input at position 5) − (input at "
        "position 2)? Give three decimals.",
        "$d_{model} = 4$에서 단어 \"cat\"(임베딩 $e$)이 문장의 위치 2와 5에 있어서, 인코더는 그 위치에서 $e + PE_2$와 "
        "$e + PE_5$를 받습니다. 두 입력의 차이 (위치 5의 입력) − (위치 2의 입력)의 열 0은? 소수점 셋째 자리까지 쓰세요."),
      key=-1.868, graded=True, tolerance=0.002,
      near=(
        Near(1.868, T("That is position 2 minus position 5; the question subtracts the other way.",
                      "위치 2에서 위치 5를 뺐습니다. 문제는 반대 방향으로 뺍니다."), "pe_difference_sign"),
        Near(0.700, T("That is column 1, the cosine; column 0 is the sine of the pair $k = 0$.",
                      "그것은 열 1, 코사인입니다. 열 0은 쌍 $k = 0$의 사인입니다."), "pe_sin_cos_swapped"),
        Near(0, T("The embedding cancels, but the positions do not: the difference is $PE_5 - PE_2$.",
                  "임베딩은 지워지지만 위치는 지워지지 않습니다: 차이는 $PE_5 - PE_2$입니다."), "pe_difference_zero"),
      ),
      explanation=T(
        "The embedding cancels and the difference is $PE_5 - PE_2$. Column 0 has frequency $1 / 10000^0 = 1$: "
        "$\\sin 5 - \\sin 2 \\approx -0.959 - 0.909 = -1.868$. The same word enters attention as two different vectors.",
        "임베딩이 지워지고 차이는 $PE_5 - PE_2$입니다. 열 0의 주파수는 $1 / 10000^0 = 1$이므로 "
        "$\\sin 5 - \\sin 2 \\approx -0.959 - 0.909 = -1.868$입니다. 같은 단어가 서로 다른 두 벡터로 attention에 들어갑니다.")),

    # ---------------------------------------------------------------- residual
    Q("residual_gradient", "residual", "single", T(
        "For a residual connection $y = x + F(x)$, what is $\\partial y / \\partial x$, and why does it matter?",
        "Residual connection $y = x + F(x)$에서 $\\partial y / \\partial x$는 무엇이고, 왜 중요한가요?"),
      options=(
        O("$I + \\partial F / \\partial x$: the identity term gives the gradient a direct path through the block, "
          "even when $\\partial F / \\partial x$ is small.",
          "$I + \\partial F / \\partial x$: 항등 항이 $\\partial F / \\partial x$가 작아도 기울기가 블록을 곧장 지나는 경로를 준다.",
          "Right: the lecture's \"∂y/∂x = 1 + ∂F(x)/∂x\", a gradient highway through deep stacks.",
          "맞습니다. 강의의 \"∂y/∂x = 1 + ∂F(x)/∂x\"로, 깊은 층을 관통하는 기울기의 고속도로입니다."),
        O("$\\partial F / \\partial x$ only: the skip does not change the gradient.", "$\\partial F / \\partial x$뿐: 건너뛰는 연결은 기울기를 바꾸지 않는다.",
          "The $x$ term differentiates to the identity; forgetting it is forgetting the whole point of the skip.",
          "$x$ 항을 미분하면 항등 행렬이 나옵니다. 그것을 빼먹으면 건너뛰는 연결의 핵심을 빼먹는 것입니다."),
        O("0, because the skip connection has no weights.", "건너뛰는 연결에는 가중치가 없으므로 0.",
          "Having no weights means it needs no training, not that its derivative is 0: $\\partial x / \\partial x = I$.",
          "가중치가 없다는 것은 학습할 것이 없다는 뜻이지 미분이 0이라는 뜻이 아닙니다: $\\partial x / \\partial x = I$."),
        O("$2 I$, because $x$ is counted twice.", "$x$를 두 번 세므로 $2 I$.",
          "$x$ appears once as such; its other route goes through $F$, which contributes $\\partial F / \\partial x$, not another $I$.",
          "$x$는 그대로 한 번 나타나고, 다른 경로는 $F$를 지나므로 또 하나의 $I$가 아니라 $\\partial F / \\partial x$를 더합니다."),
      ), key="A"),
    Q("residual_roles", "residual", "multi", T(
        "What do the residual connections of a Transformer block do? Choose every one.",
        "Transformer 블록의 residual connection이 하는 일을 모두 고르세요."),
      options=(
        O("They normalise the activations to mean 0 and variance 1.", "활성값을 평균 0, 분산 1로 정규화한다.",
          "That is layer normalization, the \"Norm\" of \"Add & Norm\"; the residual is the \"Add\".",
          "그것은 layer normalization, \"Add & Norm\"의 \"Norm\"입니다. residual은 \"Add\"입니다."),
        O("They add the positional information.", "위치 정보를 더한다.",
          "Positions are added once, to the input embeddings, by the positional encoding.",
          "위치는 positional encoding이 입력 임베딩에 한 번 더합니다."),
        O("In a pre-norm stack, they keep a direct gradient path through all the blocks.",
          "pre-norm 스택에서는 모든 블록을 관통하는 직접적인 기울기 경로를 유지한다.",
          "It belongs: with $x + F(\\mathrm{LN}(x))$ in every block, the gradient always has the identity route. (In "
          "post-norm each block's LN sits on that route, so it is no longer a clean identity path.)",
          "맞는 보기입니다. 모든 블록이 $x + F(\\mathrm{LN}(x))$이므로 기울기는 항상 항등 경로를 가집니다. (post-norm에서는 "
          "블록마다 LN이 그 경로 위에 있어서 깨끗한 항등 경로가 아닙니다.)"),
        O("They preserve the input: each sublayer only adds a change to $x$ instead of replacing it.",
          "입력을 보존한다: 각 서브레이어는 $x$를 대체하지 않고 변화량만 더한다.",
          "It belongs: the lecture's \"the information is preserved\". (In post-norm the sum is normalised afterwards; in pre-norm the "
          "embeddings' information reaches the top untouched.)",
          "맞는 보기입니다. 강의의 \"정보 보존\"입니다. (post-norm에서는 그 합을 다시 정규화하고, pre-norm에서는 임베딩의 "
          "정보가 그대로 위층까지 전달됩니다.)"),
        O("In a pre-norm stack at initialisation, when $F$ is small, every block is close to the identity, so training "
          "starts stable.",
          "pre-norm 스택에서는 초기화 때 $F$가 작으면 모든 블록이 항등 함수에 가까워서 학습이 안정적으로 시작된다.",
          "It belongs: the lecture's \"stable even early in training\". (In post-norm a block with a small $F$ is close to "
          "$\\mathrm{LN}(x)$, not to $x$.)",
          "맞는 보기입니다. 강의의 \"학습 초기에도 안정적\"입니다. (post-norm에서는 $F$가 작은 블록이 $x$가 아니라 "
          "$\\mathrm{LN}(x)$에 가깝습니다.)"),
      ), key=("C", "D", "E")),
    Q("residual_same_shape", "residual", "truefalse", T(
        "A residual connection $x + \\mathrm{Sublayer}(x)$ needs the sublayer's output to have the same shape as its "
        "input, which is why the FFN maps $d_{model} \\to d_{ff} \\to d_{model}$.",
        "Residual connection $x + \\mathrm{Sublayer}(x)$를 하려면 서브레이어의 출력 shape이 입력과 같아야 하고, 그래서 "
        "FFN은 $d_{model} \\to d_{ff} \\to d_{model}$로 변환한다."),
      key=True, explanation=T(
        "True: you can only add arrays of the same shape. Attention and FFN both return $(…, n, d_{model})$; the "
        "FFN widens to $d_{ff}$ (typically $4 d_{model}$) inside and comes back to $d_{model}$.",
        "참입니다. shape이 같은 배열끼리만 더할 수 있습니다. attention과 FFN은 모두 $(…, n, d_{model})$을 반환하고, "
        "FFN은 안에서 $d_{ff}$(보통 $4 d_{model}$)로 넓혔다가 $d_{model}$로 돌아옵니다.")),
    Q("residual_stack_gradient", "residual", "numeric", T(
        "Picture 10 residual blocks $x_{l+1} = x_l + F_l(x_l)$ stacked, in one dimension, with every "
        "$\\partial F_l / \\partial x_l = 0.1$. By what factor is a gradient multiplied on its way from the top of the stack "
        "to the bottom? Give three decimals. (Without the residual connections it would be $0.1^{10}$.)",
        "1차원에서 residual 블록 10개 $x_{l+1} = x_l + F_l(x_l)$을 쌓았고 모든 $\\partial F_l / \\partial x_l = 0.1$이라고 "
        "합시다. 기울기가 스택 꼭대기에서 바닥까지 가는 동안 몇 배가 되나요? 소수점 셋째 자리까지 쓰세요. (residual "
        "connection이 없으면 $0.1^{10}$입니다.)"),
      key=2.594, graded=True, tolerance=0.003,
      near=(
        Near(1e-10, T("That is the stack without the residual connections; each block's factor also has the identity's 1.",
                      "residual connection이 없는 스택입니다. 블록마다의 인수에는 항등 함수의 1도 들어 있습니다."),
             "residual_forgot_identity"),
        Near(2.0, T("The chain rule multiplies the blocks' factors; it does not add their $0.1$s.",
                    "연쇄 법칙은 블록마다의 인수를 곱합니다. $0.1$들을 더하지 않습니다."), "residual_added_not_multiplied"),
        Near(1.1, T("That is one block; the gradient passes through all ten.",
                    "블록 하나의 인수입니다. 기울기는 열 블록을 모두 지납니다."), "residual_one_block"),
      ),
      explanation=T(
        "Each block contributes the factor $\\partial x_{l+1} / \\partial x_l = 1 + 0.1 = 1.1$, and the chain rule multiplies "
        "the ten of them: $1.1^{10} \\approx 2.594$. The identity keeps every factor near 1, where the plain stack's "
        "factors of $0.1$ multiply to $10^{-10}$.",
        "블록마다 인수 $\\partial x_{l+1} / \\partial x_l = 1 + 0.1 = 1.1$이 생기고, 연쇄 법칙은 이 열 개를 곱합니다: "
        "$1.1^{10} \\approx 2.594$. 항등 항이 모든 인수를 1 근처로 유지하지만, residual이 없는 스택에서는 $0.1$들이 곱해져 "
        "$10^{-10}$이 됩니다.")),

    # ================================================================== quiz_transformer: advanced
    # ---------------------------------------------------------------- layer_vs_batch_norm
    Q("ln_axis", "layer_vs_batch_norm", "single", T(
        "For $x$ of shape $(N, n, d_{model})$, over which values does layer normalization compute its mean and variance?",
        "shape이 $(N, n, d_{model})$인 $x$에서 layer normalization은 어떤 값들로 평균과 분산을 계산하나요?"),
      options=(
        O("Over the batch axis, separately for every feature.", "배치 축: 특성마다 따로.",
          "That is batch normalization: statistics across the examples of a batch.",
          "그것은 batch normalization입니다: 배치의 예제들에 걸친 통계입니다."),
        O("Over the sequence axis: all the positions of one feature.", "시퀀스 축: 한 특성의 모든 위치.",
          "Mixing positions would let one token's statistics depend on the others; layer norm stays within a token.",
          "위치를 섞으면 한 토큰의 통계가 다른 토큰에 의존하게 됩니다. layer norm은 한 토큰 안에서만 계산합니다."),
        O("Over the last axis: the $d_{model}$ features of each token, separately for every token of every example.",
          "마지막 축: 각 예제의 각 토큰마다 따로, 그 토큰의 특성 $d_{model}$개로.",
          "Right: $LN(x) = \\gamma (x - \\mu) / \\sqrt{\\sigma^2 + \\varepsilon} + \\beta$ with $\\mu$, $\\sigma^2$ over the features "
          "of one token (the lecture's \"normalisation across the features of each sample\").",
          "맞습니다. $LN(x) = \\gamma (x - \\mu) / \\sqrt{\\sigma^2 + \\varepsilon} + \\beta$이고, $\\mu$, $\\sigma^2$는 한 토큰의 "
          "특성들로 계산합니다 (강의의 \"각 샘플의 feature 간 정규화\")."),
        O("Over every element of the batch at once.", "배치의 모든 원소를 한꺼번에.",
          "One mean for the whole batch would again tie every example to the others; layer norm is per token.",
          "배치 전체에 평균 하나를 쓰면 다시 모든 예제가 서로 묶입니다. layer norm은 토큰마다 계산합니다."),
      ), key="C"),
    Q("ln_vs_bn", "layer_vs_batch_norm", "multi", T(
        "Why do Transformers (and RNNs) use layer normalization rather than batch normalization? Choose every right reason.",
        "Transformer(와 RNN)는 왜 batch normalization 대신 layer normalization을 쓰나요? 맞는 이유를 모두 고르세요."),
      options=(
        O("Batch norm cannot run on a GPU.", "batch norm은 GPU에서 실행할 수 없다.",
          "Batch norm runs on GPUs everywhere (CNNs use it); the issue is its dependence on the batch, not hardware.",
          "batch norm은 GPU에서 흔히 씁니다 (CNN). 문제는 하드웨어가 아니라 배치에 대한 의존성입니다."),
        O("Layer norm does not depend on the batch: it computes the same thing for a batch of one and at inference, "
          "with no running statistics.",
          "layer norm은 배치에 의존하지 않는다: 배치 크기가 1일 때나 추론 때나 같은 계산을 하고, 이동 평균 통계가 필요 없다.",
          "It belongs: the lecture's \"independent of the batch\"; batch norm's statistics change with the batch size and need "
          "stored averages at inference.",
          "맞는 보기입니다. 강의의 \"배치 독립적\"입니다. batch norm의 통계는 배치 크기에 따라 달라지고 추론 때는 "
          "저장해 둔 평균이 필요합니다."),
        O("With padded sequences of different lengths, statistics across the batch would mix positions and padding; "
          "per-token statistics do not.",
          "길이가 다른 패딩된 시퀀스에서 배치에 걸친 통계는 위치와 패딩을 섞지만, 토큰별 통계는 그렇지 않다.",
          "It belongs: the lecture's \"unsuitable for RNNs\" for batch norm; each token is normalised on its own.",
          "맞는 보기입니다. batch norm이 강의에서 \"RNN에 부적합\"한 이유입니다. layer norm은 각 토큰을 따로 정규화합니다."),
        O("Layer norm has no learnable parameters.", "layer norm에는 학습되는 파라미터가 없다.",
          "It has $\\gamma$ and $\\beta$, learned per feature, like batch norm.",
          "batch norm처럼 특성마다 학습되는 $\\gamma$와 $\\beta$가 있습니다."),
        O("Layer norm normalises each feature over the time steps.", "layer norm은 각 특성을 시간 축에 걸쳐 정규화한다.",
          "Layer norm normalises over the features of one token, not over time.",
          "layer norm은 시간 축이 아니라 한 토큰의 특성들에 걸쳐 정규화합니다."),
      ), key=("B", "C")),
    Q("ln_value", "layer_vs_batch_norm", "numeric", T(
        "Layer normalization with $\\gamma = 1$, $\\beta = 0$, $\\varepsilon = 0$ (biased variance, as in the course) of "
        "$x = [1, 2, 3, 6]$: what is the first entry of the result? Give three decimals.",
        "$\\gamma = 1$, $\\beta = 0$, $\\varepsilon = 0$인 layer normalization(분산은 이 과정처럼 $n$으로 나누는 분산(biased))을 "
        "$x = [1, 2, 3, 6]$에 적용하면 결과의 첫 원소는? 소수점 셋째 자리까지 쓰세요."),
      key=-1.069, graded=True, tolerance=0.002,
      near=(
        Near(-0.926, T("That uses the unbiased variance (dividing by $n - 1 = 3$); layer norm divides by the number of "
                       "features, $n = 4$.",
                       "불편 분산($n - 1 = 3$으로 나누기)을 썼습니다. layer norm은 특성 개수 $n = 4$로 나눕니다."),
             "layer_norm_unbiased"),
        Near(-2, T("That only subtracts the mean; layer norm also divides by the standard deviation.",
                   "평균만 뺐습니다. layer norm은 표준편차로도 나눕니다."), "layer_norm_not_scaled"),
      ),
      explanation=T("$\\mu = 3$, $\\sigma^2 = (4 + 1 + 0 + 9) / 4 = 3.5$, so $(1 - 3) / \\sqrt{3.5} \\approx -1.069$.",
                    "$\\mu = 3$, $\\sigma^2 = (4 + 1 + 0 + 9) / 4 = 3.5$이므로 $(1 - 3) / \\sqrt{3.5} \\approx -1.069$입니다.")),

    # ---------------------------------------------------------------- pre_vs_post_norm
    Q("post_norm_formula", "pre_vs_post_norm", "single", T(
        "Which line is a post-norm sublayer, as in the original Transformer?",
        "원래 Transformer의 post-norm 서브레이어는 어느 것인가요?"),
      options=(
        O("$x = x + \\mathrm{MHA}(\\mathrm{LN}(x))$", "$x = x + \\mathrm{MHA}(\\mathrm{LN}(x))$",
          "That is pre-norm: normalise the sublayer's input and leave the residual sum unnormalised.",
          "그것은 pre-norm입니다: 서브레이어의 입력을 정규화하고 residual 합은 정규화하지 않습니다."),
        O("$x = \\mathrm{LN}(x) + \\mathrm{MHA}(x)$", "$x = \\mathrm{LN}(x) + \\mathrm{MHA}(x)$",
          "Neither form: here the LN sits on the skip path and the attention reads the raw $x$. Post-norm normalises "
          "after the sum, $\\mathrm{LN}(x + \\mathrm{MHA}(x))$; pre-norm normalises the attention's input and adds the raw "
          "$x$, $x + \\mathrm{MHA}(\\mathrm{LN}(x))$.",
          "어느 쪽도 아닙니다. 여기서는 LN이 건너뛰는 경로에 있고 attention은 정규화되지 않은 $x$를 읽습니다. post-norm은 "
          "합 다음에 정규화하고($\\mathrm{LN}(x + \\mathrm{MHA}(x))$), pre-norm은 attention의 입력을 정규화하고 정규화하지 "
          "않은 $x$를 더합니다($x + \\mathrm{MHA}(\\mathrm{LN}(x))$)."),
        O("$x = \\mathrm{LN}(x + \\mathrm{MHA}(x))$", "$x = \\mathrm{LN}(x + \\mathrm{MHA}(x))$",
          "Right: sublayer, add, then normalise (\"Add & Norm\").",
          "맞습니다. 서브레이어, 더하기, 그다음 정규화입니다 (\"Add & Norm\")."),
        O("$x = \\mathrm{MHA}(\\mathrm{LN}(x))$", "$x = \\mathrm{MHA}(\\mathrm{LN}(x))$",
          "There is no residual connection here at all; both forms keep $x +$.",
          "여기에는 residual connection이 아예 없습니다. 두 형태 모두 $x +$를 유지합니다."),
      ), key="C"),
    Q("pre_norm_why", "pre_vs_post_norm", "single", T(
        "Why is pre-norm preferred in many large modern models (GPT-3, T5, …)?",
        "많은 최신 대형 모델(GPT-3, T5 등)은 왜 pre-norm을 선호하나요?"),
      options=(
        O("Pre-norm has fewer parameters.", "pre-norm의 파라미터가 더 적다.",
          "The same layer norms are used, only in another place: the parameter count is identical.",
          "같은 layer norm을 다른 위치에 쓸 뿐이라 파라미터 수는 똑같습니다."),
        O("In $x + F(\\mathrm{LN}(x))$ the residual path is never normalised, so the gradient has a clean identity route "
          "through all blocks: deep stacks train more stably and need less learning-rate warm-up.",
          "$x + F(\\mathrm{LN}(x))$에서는 residual 경로가 정규화되지 않으므로 기울기가 모든 블록을 관통하는 깨끗한 항등 "
          "경로를 가진다: 깊은 층이 더 안정적으로 학습되고 learning-rate warm-up이 덜 필요하다.",
          "Right: in post-norm every block's LN sits on the residual path, and the gradient through many of them "
          "can be badly scaled early in training.",
          "맞습니다. post-norm에서는 모든 블록의 LN이 residual 경로 위에 있어서, 여러 LN을 지나는 기울기가 학습 초기에 "
          "크기가 나빠질 수 있습니다."),
        O("Pre-norm makes residual connections unnecessary.", "pre-norm이면 residual connection이 필요 없다.",
          "Pre-norm relies on the residual path even more: it is the clean identity route.",
          "pre-norm은 오히려 residual 경로에 더 의존합니다: 그것이 깨끗한 항등 경로입니다."),
        O("Pre-norm reduces the cost of attention to $O(n)$.", "pre-norm은 attention 비용을 $O(n)$으로 줄인다.",
          "Where the LN sits does not change the $n \\times n$ score matrix.",
          "LN의 위치는 $n \\times n$ 점수 행렬을 바꾸지 않습니다."),
      ), key="B"),
    Q("pre_norm_final_ln", "pre_vs_post_norm", "truefalse", T(
        "In a pre-norm stack the output of the last block has not been normalised by the blocks themselves, so "
        "implementations usually add one final layer norm after the stack.",
        "pre-norm 스택에서는 마지막 블록의 출력이 블록 자체에서 정규화되지 않으므로, 구현에서는 보통 스택 뒤에 layer "
        "norm을 하나 더 둔다."),
      key=True, explanation=T(
        "True: each pre-norm block returns $x + F(\\mathrm{LN}(x))$, an unnormalised sum that grows through the stack; "
        "a final LN (as in GPT-2) normalises what the output layer sees. In post-norm every block already ends in LN.",
        "참입니다. 각 pre-norm 블록은 정규화되지 않은 합 $x + F(\\mathrm{LN}(x))$를 반환하고 이 값은 층을 지나며 커집니다. "
        "마지막 LN(GPT-2처럼)이 출력층이 보는 값을 정규화합니다. post-norm에서는 모든 블록이 이미 LN으로 끝납니다.")),
    Q("prenorm_stream_norm", "pre_vs_post_norm", "numeric", T(
        "A pre-norm stack has 12 blocks, each with two sublayers (attention and FFN). Picture every sublayer adding to "
        "the residual stream a vector of norm 1, orthogonal to the stream and to everything added before. The input has "
        "norm 1. What is the norm of the stream after the last block, before any final layer norm?",
        "pre-norm 스택에 블록이 12개 있고, 블록마다 서브레이어가 두 개(attention과 FFN) 있습니다. 모든 서브레이어가 "
        "residual 흐름에 norm이 1이고 흐름과도, 앞서 더해진 모든 것과도 직교하는 벡터를 더한다고 생각해 봅시다. 입력의 "
        "norm은 1입니다. 마지막 블록 뒤, 마지막 layer norm이 있다면 그 전의 흐름의 norm은?"),
      key=5, graded=True, tolerance=0.01,
      near=(
        Near(25, T("That is the squared norm; the norm is its square root.", "그것은 norm의 제곱입니다. norm은 그 제곱근입니다."),
             "prenorm_norm_squared"),
        Near(13 ** 0.5, T("Each block has two sublayers, and each one adds its own vector.",
                          "블록마다 서브레이어가 두 개이고, 각각 자기 벡터를 더합니다."), "prenorm_one_sublayer_per_block"),
        Near(24 ** 0.5, T("The input itself is one of the orthogonal terms of the sum too.",
                          "입력 자체도 합을 이루는 직교하는 항 중 하나입니다."), "prenorm_forgot_input"),
        Near(1, T("In pre-norm nothing normalises the stream between blocks; only the sublayers' inputs are normalised.",
                  "pre-norm에서는 블록 사이에서 흐름을 정규화하는 것이 없습니다. 정규화되는 것은 서브레이어의 입력뿐입니다."),
             "prenorm_stream_normalised"),
      ),
      explanation=T(
        "Pre-norm adds every sublayer's output to the un-normalised stream, $x + F_1 + \\dots + F_{24}$: 25 mutually "
        "orthogonal terms of norm 1, so the squared norm is 25 (Pythagoras) and the norm 5. It keeps growing with depth, "
        "which is why pre-norm models put one more layer norm after the last block.",
        "pre-norm은 모든 서브레이어의 출력을 정규화되지 않은 흐름 $x + F_1 + \\dots + F_{24}$에 더합니다: norm이 1이고 서로 "
        "직교하는 항 25개이므로 norm의 제곱은 25(피타고라스), norm은 5입니다. 깊어질수록 계속 커지므로 pre-norm 모델은 "
        "마지막 블록 뒤에 layer norm을 하나 더 둡니다.")),
    Q("norm_explain", "pre_vs_post_norm", "text", T(
        "Compare post-norm and pre-norm: write both sublayer formulas, say what the residual path carries in "
        "each, and give one practical consequence.",
        "post-norm과 pre-norm을 비교하세요: 두 서브레이어 식을 쓰고, 각각에서 residual 경로에 무엇이 흐르는지 말하고, "
        "실용적인 결과 하나를 제시하세요."),
      model_answer=T(
        "Post-norm (original): $x = \\mathrm{LN}(x + \\mathrm{Sublayer}(x))$. Pre-norm: $x = x + \\mathrm{Sublayer}(\\mathrm{LN}(x))$. "
        "In post-norm the residual sum is normalised after every sublayer, so the path from the top of the stack to "
        "the bottom passes through every LN. In pre-norm only the sublayer's input is normalised; the residual "
        "stream is a plain running sum, an identity path from output to input. Consequence: pre-norm trains deep "
        "stacks more stably and needs less learning-rate warm-up (used in GPT-3, T5), but needs a final LN after "
        "the last block; post-norm can reach good results but is more sensitive to the learning rate and warm-up.",
        "Post-norm(원래 방식): $x = \\mathrm{LN}(x + \\mathrm{Sublayer}(x))$. Pre-norm: $x = x + \\mathrm{Sublayer}(\\mathrm{LN}(x))$. "
        "post-norm에서는 서브레이어마다 residual 합을 정규화하므로 스택 꼭대기에서 바닥까지의 경로가 모든 LN을 "
        "지납니다. pre-norm에서는 서브레이어의 입력만 정규화하고, residual 흐름은 단순한 누적 합, 즉 출력에서 입력까지의 "
        "항등 경로입니다. 결과: pre-norm은 깊은 스택을 더 안정적으로 학습하고 warm-up이 덜 필요하지만(GPT-3, T5) 마지막 "
        "블록 뒤에 LN이 하나 더 필요합니다. post-norm도 좋은 결과를 낼 수 있지만 learning rate와 warm-up에 더 민감합니다."),
      rubric=(
        (1, T("Both formulas, correctly placed LN (after the sum vs on the sublayer's input).",
              "두 식, LN의 위치가 정확함 (합 다음 vs 서브레이어의 입력).")),
        (1, T("The residual path: normalised at every block (post) vs an untouched identity path (pre).",
              "residual 경로: 블록마다 정규화됨(post) vs 건드리지 않는 항등 경로(pre).")),
        (1, T("A correct consequence: stability / less warm-up for deep pre-norm stacks, or the final LN, or "
              "post-norm's sensitivity to the learning rate.",
              "올바른 결과 하나: 깊은 pre-norm 스택의 안정성 / 적은 warm-up, 또는 마지막 LN, 또는 post-norm의 learning "
              "rate 민감성.")),
      )),

    # ---------------------------------------------------------------- reduce_n2
    Q("attention_growth", "reduce_n2", "numeric", T(
        "If the sequence length doubles, from $n$ to $2n$, by what factor does the number of entries of the "
        "attention weight matrix grow?",
        "시퀀스 길이가 $n$에서 $2n$으로 두 배가 되면 attention weight 행렬의 원소 수는 몇 배가 되나요?"),
      key=4, tolerance=1e-6,
      near=(Near(2, T("The matrix has one entry per (query, key) pair: both dimensions double.",
                      "행렬에는 (query, key) 쌍마다 원소가 하나 있습니다: 두 차원이 모두 두 배가 됩니다."), "attention_linear_growth"),),
      explanation=T("$(2n)^2 = 4 n^2$: the $n \\times n$ matrix is why attention costs $O(n^2)$ in time and memory.",
                    "$(2n)^2 = 4 n^2$: 이 $n \\times n$ 행렬 때문에 attention의 시간과 메모리가 $O(n^2)$입니다.")),
    Q("efficient_methods", "reduce_n2", "multi", T(
        "Which of these reduce the $O(n^2)$ cost of self-attention in the sequence length $n$? Choose every one.",
        "다음 중 self-attention의 시퀀스 길이 $n$에 대한 $O(n^2)$ 비용을 줄이는 것을 모두 고르세요."),
      options=(
        O("Linformer: project the keys and values along the sequence axis to a fixed length $k$, $O(n k)$.",
          "Linformer: key와 value를 시퀀스 축으로 고정 길이 $k$로 투영한다, $O(n k)$.",
          "It belongs: a low-rank approximation of the attention matrix, linear in $n$.",
          "맞는 보기입니다. attention 행렬의 저랭크 근사로, $n$에 선형입니다."),
        O("Longformer: local windows plus a few global tokens that attend to (and are attended by) everything.",
          "Longformer: local 창에 더해, 모든 위치에 attend하고 모든 위치가 attend하는 소수의 global 토큰.",
          "It belongs: the lecture's \"Local + Global\"; the cost grows linearly with $n$.",
          "맞는 보기입니다. 강의의 \"Local + Global\"이고, 비용이 $n$에 선형으로 늘어납니다."),
        O("Sparse / local (sliding-window) attention: each token attends to a window of $w$ neighbours, $O(n w)$.",
          "Sparse / local(sliding window) attention: 각 토큰이 이웃 $w$개의 창에만 attend한다, $O(n w)$.",
          "It belongs: only the pairs inside the window are computed.",
          "맞는 보기입니다. 창 안의 쌍만 계산합니다."),
        O("Using a larger $d_{model}$.", "더 큰 $d_{model}$을 쓴다.",
          "That makes each pair more expensive, $O(n^2 d)$, and does not reduce the number of pairs.",
          "쌍 하나의 비용이 커질 뿐($O(n^2 d)$) 쌍의 수는 줄지 않습니다."),
        O("Using more heads.", "head를 더 많이 쓴다.",
          "Every head still scores all $n^2$ pairs; more heads split $d_{model}$, not the pairs.",
          "모든 head가 여전히 $n^2$ 쌍 전부의 점수를 계산합니다. head를 늘리면 쌍이 아니라 $d_{model}$이 나뉩니다."),
        O("Performer: approximate the softmax kernel with random features, so $Q K^\\top$ is never formed, $O(n)$.",
          "Performer: softmax 커널을 random feature로 근사해서 $Q K^\\top$를 만들지 않는다, $O(n)$.",
          "It belongs: the FAVOR+ mechanism computes $\\phi(Q)(\\phi(K)^\\top V)$ in linear time.",
          "맞는 보기입니다. FAVOR+ 기법은 $\\phi(Q)(\\phi(K)^\\top V)$를 선형 시간에 계산합니다."),
      ), key=("A", "B", "C", "F"), graded=True),
    Q("exact_local", "reduce_n2", "single", T(
        "Which method keeps the exact softmax attention, but computes it only for some pairs of positions?",
        "정확한 softmax attention을 유지하면서 일부 위치 쌍에 대해서만 계산하는 방법은?"),
      options=(
        O("Performer", "Performer",
          "Performer approximates the softmax itself with random features; it does not compute exact weights for any pair.",
          "Performer는 softmax 자체를 random feature로 근사합니다. 어떤 쌍에 대해서도 정확한 weight를 계산하지 않습니다."),
        O("Linformer", "Linformer",
          "Linformer compresses the keys and values to $k$ rows: a low-rank approximation, not exact attention on a subset.",
          "Linformer는 key와 value를 $k$개 행으로 압축합니다: 일부 쌍에 대한 정확한 attention이 아니라 저랭크 근사입니다."),
        O("Reducing $d_{model}$", "$d_{model}$ 줄이기",
          "All $n^2$ pairs are still computed, each a little cheaper; it is not a way to reduce the $n^2$.",
          "$n^2$ 쌍을 모두 계산하고 쌍마다 조금 싸질 뿐입니다. $n^2$을 줄이는 방법이 아닙니다."),
        O("Sliding-window (local) attention", "Sliding-window (local) attention",
          "Right: inside the window the weights are the usual softmax; pairs outside are simply not computed (masked).",
          "맞습니다. 창 안에서는 보통의 softmax weight이고, 창 밖의 쌍은 계산하지 않습니다 (마스킹)."),
      ), key="D", graded=True),

    # ---------------------------------------------------------------- read_attention_weights
    Q("heatmap_row", "read_attention_weights", "single", T(
        "In an attention heatmap with the queries on the rows and the keys on the columns, what does row $i$ show?",
        "query가 행, key가 열인 attention heatmap에서 $i$번째 행은 무엇을 보여 주나요?"),
      options=(
        O("How token $i$ distributes its attention over all tokens (the row adds up to 1).",
          "토큰 $i$가 모든 토큰에 attention을 어떻게 나누는지 (행의 합은 1).",
          "Right: row $i$ is token $i$'s softmax; its output is the average of the values with these weights.",
          "맞습니다. $i$번째 행은 토큰 $i$의 softmax이고, 그 출력은 이 weight로 value를 평균한 것입니다."),
        O("How much all the tokens attend to token $i$.", "모든 토큰이 토큰 $i$에 얼마나 attend하는지.",
          "That is column $i$, which need not add up to 1: a popular key can receive a lot of attention overall.",
          "그것은 $i$번째 열이고, 열의 합은 1이 아닐 수 있습니다: 인기 있는 key는 전체적으로 많은 attention을 받을 수 있습니다."),
        O("The value vector of token $i$.", "토큰 $i$의 value 벡터.",
          "The heatmap shows weights ($n_q \\times n_k$), not the values ($n_k \\times d_v$).",
          "heatmap은 value($n_k \\times d_v$)가 아니라 weight($n_q \\times n_k$)를 보여 줍니다."),
        O("The gradient of the loss with respect to token $i$.", "토큰 $i$에 대한 손실의 기울기.",
          "Attention weights come from the forward pass; gradients are a different (and also useful) diagnostic.",
          "attention weight는 순전파에서 나옵니다. 기울기는 다른 (그리고 역시 유용한) 진단 도구입니다."),
      ), key="A"),
    Q("reading_caveats", "read_attention_weights", "multi", T(
        "Which statements about reading attention weights are sound? Choose every one.",
        "attention weight를 해석할 때 타당한 것을 모두 고르세요."),
      options=(
        O("In this layer and head, the weight $w_{ij}$ is the coefficient with which value $j$ is mixed into query $i$'s "
          "output.",
          "이 층, 이 head에서 weight $w_{ij}$는 value $j$가 query $i$의 출력에 섞이는 계수다.",
          "It belongs: read it as a mixing coefficient and no more, since how much value $j$ then moves the layer's output "
          "also depends on the size of $v_j W_O$ (a large weight on a small value can matter little).",
          "맞는 보기입니다. 섞는 계수로만 읽어야 합니다: value $j$가 층의 출력을 실제로 얼마나 움직이는지는 $v_j W_O$의 "
          "크기에도 달려 있기 때문입니다 (작은 value에 큰 weight가 붙으면 영향이 작을 수 있습니다)."),
        O("A row that is close to uniform means this query has no preference: its output is nearly the plain "
          "average of the values.",
          "거의 균등한 행은 이 query가 선호하는 key가 없다는 뜻이다: 출력은 value들의 단순 평균에 가깝다.",
          "It belongs: with equal weights $1/n_k$ the weighted average becomes the plain average.",
          "맞는 보기입니다. weight가 모두 $1/n_k$이면 가중 평균은 단순 평균이 됩니다."),
        O("The weights are the same in every layer, so one layer's map is enough.",
          "weight는 모든 층에서 같으므로 한 층의 그림이면 충분하다.",
          "Every layer has its own projections and inputs, so its own weights; patterns usually change with depth.",
          "층마다 투영과 입력이 달라서 weight도 다릅니다. 패턴은 보통 깊이에 따라 바뀝니다."),
        O("A high weight proves that the model's decision was caused by that token.",
          "높은 weight는 모델의 결정이 그 토큰 때문이라는 것을 증명한다.",
          "Attention shows where information is mixed from, not a causal explanation: values, later layers and the "
          "residual path also shape the output. Treat it as a clue, not a proof.",
          "attention은 정보를 어디에서 섞어 오는지를 보여 줄 뿐 인과적 설명이 아닙니다. value, 이후 층, residual 경로도 "
          "출력을 만듭니다. 증거가 아니라 단서로 보세요."),
        O("Heads specialise, so look at each head separately (e.g. one follows the previous token, another far positions).",
          "head들은 전문화되므로 head마다 따로 봐야 한다 (예: 한 head는 직전 토큰, 다른 head는 먼 위치를 따라감).",
          "It belongs: averaging the heads blurs the patterns the lecture shows in its multi-head plots.",
          "맞는 보기입니다. head를 평균하면 강의의 multi-head 그림에 나오는 패턴이 흐려집니다."),
      ), key=("A", "B", "E"), graded=True),
    Q("uniform_weight", "read_attention_weights", "numeric", T(
        "A query attends uniformly over 8 keys. What is each of its attention weights?",
        "어떤 query가 key 8개에 균등하게 attend합니다. 각 attention weight는 얼마인가요?"),
      key=0.125, tolerance=1e-6,
      near=(
        Near(1, T("The weights of one query add up to 1, so 8 equal weights cannot each be 1.",
                  "한 query의 weight 합은 1이므로 같은 weight 8개가 각각 1일 수는 없습니다."), "weights_not_normalised"),
        Near(8, T("8 is the number of keys; the weights are fractions of one unit of attention.",
                  "8은 key의 개수입니다. weight는 attention 1을 나눈 몫입니다."), "weights_count"),
      ),
      explanation=T("The row adds up to 1 and all 8 are equal: $1/8 = 0.125$.",
                    "행의 합이 1이고 8개가 모두 같으므로 $1/8 = 0.125$입니다.")),

    # ================================================================== quiz_transformer: practice tasks
    # ---------------------------------------------------------------- task_attention_patterns
    Q("pattern_recent", "task_attention_patterns", "single", T(
        "In lab 5 (predicting the next value of a sine wave), the last position's attention is 0.3–0.5 on "
        "$t-1 … t-3$, 0.1–0.2 around $t-10$ and about 0.05 at $t-20$. What is the lecture's reading?",
        "실습 5(사인파의 다음 값 예측)에서 마지막 위치의 attention은 $t-1 … t-3$에 0.3–0.5, $t-10$ 근처에 0.1–0.2, "
        "$t-20$에 약 0.05입니다. 강의의 해석은?"),
      options=(
        O("The model is broken: attention should be uniform over the window.", "모델이 고장났다: attention은 창 전체에 균등해야 한다.",
          "Nothing requires uniform weights; a non-uniform row is the model choosing what matters.",
          "weight가 균등해야 할 이유는 없습니다. 균등하지 않은 행은 모델이 중요한 것을 고른 결과입니다."),
        O("The model relies most on the recent trend, uses the middle past for the period, and the far past little.",
          "모델은 최근 추세에 가장 많이 기대고, 중간 과거로 주기를 파악하며, 먼 과거는 덜 쓴다.",
          "Right: the lecture's \"recent trend important / periodicity found / less important\".",
          "맞습니다. 강의의 \"최근 추세 중요 / 주기 파악 / 덜 중요\"입니다."),
        O("The positional encoding is missing.", "positional encoding이 빠졌다.",
          "Preferring positions by their distance from the query needs positional information: this pattern is "
          "evidence that the encoding is there.",
          "query와의 거리에 따라 위치를 선호하려면 위치 정보가 필요합니다: 이 패턴은 오히려 인코딩이 있다는 증거입니다."),
        O("The far positions are masked out.", "먼 위치가 마스킹되었다.",
          "Masked positions get weight exactly 0; 0.05 is small but not masked.",
          "마스킹된 위치의 weight는 정확히 0입니다. 0.05는 작지만 마스킹된 것이 아닙니다."),
      ), key="B"),
    Q("pattern_cat_row", "task_attention_patterns", "single", T(
        "\"The cat sat on the mat\": the row of \"cat\" has weights The 0.15, cat 0.30, sat 0.35, on 0.05, the 0.05, "
        "mat 0.10. Which reading fits?",
        "\"The cat sat on the mat\"에서 \"cat\"의 행은 The 0.15, cat 0.30, sat 0.35, on 0.05, the 0.05, mat 0.10입니다. "
        "맞는 해석은?"),
      options=(
        O("\"sat\" attends to \"cat\" with weight 0.35.", "\"sat\"은 \"cat\"에 weight 0.35로 attend한다.",
          "This row is \"cat\"'s query; \"sat\"'s attention is in another row, and attention is not symmetric "
          "($q_i \\cdot k_j \\ne q_j \\cdot k_i$ in general).",
          "이 행은 \"cat\"의 query입니다. \"sat\"의 attention은 다른 행에 있고, attention은 대칭이 아닙니다 (일반적으로 "
          "$q_i \\cdot k_j \\ne q_j \\cdot k_i$)."),
        O("These weights are impossible: a row must add up to 1.", "이 weight는 불가능하다: 행의 합은 1이어야 한다.",
          "They do add up to 1: 0.15 + 0.30 + 0.35 + 0.05 + 0.05 + 0.10 = 1.00.",
          "합은 1입니다: 0.15 + 0.30 + 0.35 + 0.05 + 0.05 + 0.10 = 1.00."),
        O("\"cat\" ignores itself.", "\"cat\"은 자기 자신을 무시한다.",
          "Its own weight, 0.30, is the second largest.", "자기 자신의 weight 0.30은 두 번째로 큽니다."),
        O("\"cat\" attends most to \"sat\", its verb, and then to itself.", "\"cat\"은 자기 동사인 \"sat\"에 가장 많이, 그다음 자기 자신에 attend한다.",
          "Right: the lecture's reading, \"cat attends mostly to sat\".",
          "맞습니다. 강의의 해석 \"cat은 주로 sat에 주목\"입니다."),
      ), key="D", graded=True),
    Q("pattern_observe", "task_attention_patterns", "text", T(
        "Task 1 asks you to observe attention patterns on several sentences. Describe what you would plot, what "
        "you would look for, and one caution when drawing conclusions.",
        "과제 1은 여러 문장에서 attention 패턴을 관찰하는 것입니다. 무엇을 그리고, 무엇을 찾아볼지, 그리고 결론을 낼 때 "
        "주의할 점 하나를 설명하세요."),
      model_answer=T(
        "For each sentence, plot the weight matrix of each layer and head as a heatmap (queries on the rows, keys "
        "on the columns, each row adding up to 1). Look for recurring patterns: heads that attend to the previous "
        "or next token (a band next to the diagonal), to itself, to a related word (a verb for its subject, an "
        "adjective for its noun) or broadly over the sentence; compare the same head across sentences to see "
        "whether the pattern is systematic. Caution: a weight shows how much a value is mixed in at that layer and "
        "head, not why the model decided; values, other heads, later layers and the residual path matter too, so "
        "treat patterns as clues (and average over many sentences).",
        "문장마다 각 층, 각 head의 weight 행렬을 heatmap으로 그립니다 (query가 행, key가 열, 각 행의 합은 1). 반복되는 "
        "패턴을 찾습니다: 직전이나 다음 토큰(대각선 옆의 띠), 자기 자신, 관련 단어(주어에 대한 동사, 명사에 대한 "
        "형용사)에 attend하는 head, 또는 문장 전체에 넓게 attend하는 head. 같은 head를 여러 문장에서 비교해 패턴이 "
        "체계적인지 봅니다. 주의할 점: weight는 그 층과 head에서 value가 얼마나 섞이는지를 보여 줄 뿐 모델이 왜 그렇게 "
        "결정했는지를 보여 주지 않습니다. value, 다른 head, 이후 층, residual 경로도 중요하므로 패턴은 단서로 보고 "
        "여러 문장에 걸쳐 평균해 봐야 합니다."),
      rubric=(
        (1, T("What to plot: per layer and head, a query × key heatmap whose rows sum to 1.",
              "무엇을 그릴지: 층과 head마다 행의 합이 1인 query × key heatmap.")),
        (1, T("What to look for: concrete patterns (previous token, self, related words, broad) and consistency across sentences.",
              "무엇을 찾을지: 구체적인 패턴(직전 토큰, 자기 자신, 관련 단어, 넓게)과 문장 간 일관성.")),
        (1, T("A valid caution: attention is not an explanation / causation; other components matter; average over examples.",
              "타당한 주의점: attention은 설명이나 인과가 아니다 / 다른 요소도 중요 / 여러 예에 걸쳐 평균.")),
      )),

    # ---------------------------------------------------------------- task_no_pe
    Q("no_pe_experiment", "task_no_pe", "single", T(
        "Task 2: you train lab 5's Transformer on the sine task without the positional encoding (the prediction is "
        "read from the last position). What do you expect, and why?",
        "과제 2: 실습 5의 Transformer를 positional encoding 없이 사인파 과제로 학습합니다 (예측은 마지막 위치에서 "
        "읽습니다). 어떤 결과를 예상하고, 왜 그런가요?"),
      options=(
        O("Worse predictions: without positions, attention sees the window as an unordered set, so it cannot tell "
          "the recent values from the old ones or follow the trend.",
          "예측이 나빠진다: 위치가 없으면 attention은 창을 순서 없는 집합으로 보므로 최근 값과 오래된 값을 구별하거나 "
          "추세를 따라갈 수 없다.",
          "Right: the last position's output is a weighted sum over the window that does not change when the past values "
          "are reordered, so the model can use which values occurred but not in which order (the lecture's common "
          "mistake 1, \"symptom: the order is ignored\").",
          "맞습니다. 마지막 위치의 출력은 과거 값들의 순서를 바꿔도 변하지 않는 창 전체의 가중합이므로, 모델은 어떤 값이 "
          "있었는지는 쓸 수 있지만 어떤 순서였는지는 쓸 수 없습니다 (강의의 자주 하는 실수 1, \"증상: 순서 무시\")."),
        O("The same results: attention does not need the order.", "결과가 같다: attention에는 순서가 필요 없다.",
          "Predicting the next value of a sine wave depends on the order of the past values; self-attention alone "
          "is blind to it.",
          "사인파의 다음 값을 예측하는 것은 과거 값의 순서에 의존합니다. self-attention만으로는 순서를 보지 못합니다."),
        O("Training fails with a shape error.", "학습이 shape 오류로 실패한다.",
          "The encoding is added, not concatenated: removing it leaves every shape unchanged, so nothing fails "
          "loudly.",
          "인코딩은 이어 붙이는 것이 아니라 더하는 것이므로, 없애도 shape은 그대로이고 요란하게 실패하지 않습니다."),
        O("Better predictions, because the model has fewer parameters.", "파라미터가 줄어서 예측이 좋아진다.",
          "The sinusoidal encoding has no parameters at all; removing it only removes information.",
          "사인파 인코딩에는 파라미터가 전혀 없습니다. 없애면 정보만 사라집니다."),
      ), key="A", graded=True),
    Q("no_pe_fair_comparison", "task_no_pe", "truefalse", T(
        "One training run of each model (with and without positional encoding) is enough to measure the effect "
        "of the encoding, because a validation loss is an exact number.",
        "각 모델(positional encoding이 있는 것과 없는 것)을 한 번씩만 학습해도 인코딩의 효과를 측정하기에 충분하다. "
        "검증 손실은 정확한 숫자이기 때문이다."),
      key=False, explanation=T(
        "False: one run's loss depends on the random initialisation and data order. Train both models with the "
        "same data, steps and hyperparameters, change only the encoding, and compare over several seeds (the "
        "lecture reports mean ± spread, e.g. 0.0234 ± 0.0156).",
        "거짓입니다. 한 번 실행한 손실은 무작위 초기화와 데이터 순서에 따라 달라집니다. 같은 데이터, 단계 수, "
        "하이퍼파라미터로 두 모델을 학습하되 인코딩만 바꾸고, 여러 seed에 걸쳐 비교해야 합니다 (강의도 평균 ± 편차, "
        "예: 0.0234 ± 0.0156으로 보고합니다).")),

    # ---------------------------------------------------------------- task_head_count
    Q("heads_dk_change", "task_head_count", "single", T(
        "Task 3 compares 1, 2, 4 and 8 heads with $d_{model} = 32$ (lab 5's model). What changes with the number of heads?",
        "과제 3은 $d_{model} = 32$(실습 5의 모델)에서 head 1, 2, 4, 8개를 비교합니다. head 수에 따라 무엇이 바뀌나요?"),
      options=(
        O("The number of parameters is multiplied by $h$.", "파라미터 수가 $h$배가 된다.",
          "$W_Q$, $W_K$, $W_V$, $W_O$ stay $32 \\times 32$; they are split into $h$ slices.",
          "$W_Q$, $W_K$, $W_V$, $W_O$는 $32 \\times 32$ 그대로이고 $h$조각으로 나뉠 뿐입니다."),
        O("$d_k$ stays 32 for every head.", "모든 head의 $d_k$가 32로 유지된다.",
          "Then 8 heads would need $8 \\cdot 32 = 256$ features; the heads share the 32 instead.",
          "그러면 head 8개에 특성 $8 \\cdot 32 = 256$개가 필요합니다. head들은 32개를 나누어 씁니다."),
        O("Each head's width $d_k = 32/h$ (32, 16, 8, 4); the number of attention parameters stays the same.",
          "head당 너비 $d_k = 32/h$ (32, 16, 8, 4); attention 파라미터 수는 그대로다.",
          "Right: more heads, more patterns in parallel, each in a narrower space (the lecture: \"a smaller dimension per head\").",
          "맞습니다. head가 많을수록 병렬로 더 많은 패턴을, 각각 더 좁은 공간에서 봅니다 (강의: \"head당 차원 감소\")."),
        O("With 8 heads the attention matrix of each head becomes $n \\times 8$.", "head가 8개면 각 head의 attention 행렬이 $n \\times 8$이 된다.",
          "Each head still compares all $n$ queries with all $n$ keys: $n \\times n$ per head.",
          "각 head는 여전히 query $n$개와 key $n$개를 모두 비교합니다: head마다 $n \\times n$입니다."),
      ), key="C"),
    Q("heads_more_better", "task_head_count", "truefalse", T(
        "More heads always give better performance.",
        "head가 많을수록 항상 성능이 좋다."),
      key=False, explanation=T(
        "False: with $d_{model}$ fixed, each extra head makes every head narrower ($d_{model}/h$). Beyond some point the "
        "heads are too small to be useful; the best number depends on the task and is found by the experiment "
        "(the lecture: \"more heads, more varied patterns, but a smaller dimension per head\").",
        "거짓입니다. $d_{model}$이 고정이면 head를 늘릴수록 모든 head가 좁아집니다 ($d_{model}/h$). 어느 지점을 넘으면 "
        "head가 너무 작아 쓸모가 줄고, 가장 좋은 수는 과제에 따라 다르며 실험으로 찾습니다 (강의: \"많을수록 다양한 "
        "패턴, 하지만 head당 차원 감소\").")),
    Q("heads_valid_count", "task_head_count", "numeric", T(
        "With $d_{model} = 48$, how many of the head counts $h \\in \\{1, 2, 4, 8, 16, 32\\}$ can you actually use?",
        "$d_{model} = 48$일 때 head 수 $h \\in \\{1, 2, 4, 8, 16, 32\\}$ 중 실제로 쓸 수 있는 것은 몇 개인가요?"),
      key=5, graded=True, tolerance=1e-6,
      near=(Near(6, T("One of them does not divide 48: the heads must split $d_{model}$ evenly (the lecture's "
                      "\"d_model % n_heads == 0 is required\").",
                      "그중 하나는 48을 나누어떨어지게 하지 않습니다: head들은 $d_{model}$을 똑같이 나누어야 합니다 "
                      "(강의의 \"d_model % n_heads == 0 필수\")."), "heads_not_divisible"),),
      explanation=T("$48 = 16 \\cdot 3$: 1, 2, 4, 8 and 16 divide it (widths 48, 24, 12, 6, 3); 32 does not.",
                    "$48 = 16 \\cdot 3$: 1, 2, 4, 8, 16은 나누어떨어지고 (너비 48, 24, 12, 6, 3), 32는 아닙니다.")),

    # ---------------------------------------------------------------- task_rnn_vs_transformer
    Q("cost_crossover", "task_rnn_vs_transformer", "single", T(
        "Per layer, self-attention costs $O(n^2 d)$ operations and an RNN $O(n d^2)$. For which sequence lengths is "
        "self-attention the cheaper of the two?",
        "층 하나당 self-attention의 연산량은 $O(n^2 d)$, RNN은 $O(n d^2)$입니다. 어떤 시퀀스 길이에서 self-attention이 "
        "더 저렴한가요?"),
      options=(
        O("When $n > d$", "$n > d$일 때",
          "Then $n^2 d > n d^2$: for very long sequences the RNN does fewer operations (the lecture's case for RNNs).",
          "그러면 $n^2 d > n d^2$입니다: 아주 긴 시퀀스에서는 RNN의 연산이 더 적습니다 (강의가 RNN을 권하는 경우)."),
        O("Always", "항상",
          "The $n^2$ term eventually wins: for $n$ large enough attention does more work.",
          "$n^2$ 항이 결국 이깁니다: $n$이 충분히 크면 attention의 연산이 더 많습니다."),
        O("When $n < d$", "$n < d$일 때",
          "Right: $n^2 d < n d^2 \\iff n < d$; e.g. sentences of a few hundred tokens with $d = 512$.",
          "맞습니다. $n^2 d < n d^2 \\iff n < d$입니다. 예: $d = 512$에 토큰 몇백 개짜리 문장."),
        O("Never", "절대 아님",
          "For $n < d$ attention does fewer operations, and it also runs in parallel over positions.",
          "$n < d$이면 attention의 연산이 더 적고, 게다가 위치들에 걸쳐 병렬로 실행됩니다."),
      ), key="C"),
    Q("cost_ratio", "task_rnn_vs_transformer", "numeric", T(
        "With $d = 512$ and $n = 128$, what is the ratio (self-attention operations $n^2 d$) / (RNN operations $n d^2$)?",
        "$d = 512$, $n = 128$일 때 (self-attention 연산 $n^2 d$) / (RNN 연산 $n d^2$)의 비는?"),
      key=0.25, tolerance=1e-6,
      near=(Near(4, T("That is RNN / attention, the ratio upside down.", "RNN / attention, 즉 뒤집힌 비입니다."), "cost_ratio_inverted"),),
      explanation=T("$n^2 d / (n d^2) = n / d = 128 / 512 = 0.25$: at this length attention does a quarter of the RNN's operations.",
                    "$n^2 d / (n d^2) = n / d = 128 / 512 = 0.25$: 이 길이에서 attention의 연산은 RNN의 4분의 1입니다.")),
    Q("timing_observations", "task_rnn_vs_transformer", "multi", T(
        "Task 4: you time an RNN layer and a self-attention layer on a GPU for $n = 64, 128, …, 4096$. Which "
        "observations fit the theory? Choose every one.",
        "과제 4: GPU에서 $n = 64, 128, …, 4096$에 대해 RNN 층과 self-attention 층의 시간을 잽니다. 이론에 맞는 관찰을 "
        "모두 고르세요."),
      options=(
        O("The RNN's time grows about linearly with $n$, because its $n$ steps run one after another.",
          "RNN의 시간은 $n$에 거의 선형으로 늘어난다. $n$개의 시점이 차례로 실행되기 때문이다.",
          "It belongs: $O(n)$ sequential steps, each $O(d^2)$.",
          "맞는 보기입니다. $O(d^2)$짜리 순차 단계가 $O(n)$개입니다."),
        O("Attention's memory grows like $n^2$ (the weight matrix) and eventually runs out.",
          "attention의 메모리는 $n^2$처럼(weight 행렬) 늘어나서 결국 부족해진다.",
          "It belongs: the lecture's OOM cause, \"Attention matrix O(n²)\".",
          "맞는 보기입니다. 강의의 OOM 원인 \"Attention matrix O(n²)\"입니다."),
        O("For moderate $n$ the attention layer is faster in wall-clock time, because all positions are computed "
          "in parallel.",
          "중간 정도의 $n$에서는 모든 위치를 병렬로 계산하므로 attention 층이 실제 시간으로 더 빠르다.",
          "It belongs: parallel matrix products use the GPU well, while the RNN waits step after step.",
          "맞는 보기입니다. 병렬 행렬곱은 GPU를 잘 활용하지만 RNN은 시점마다 기다립니다."),
        O("Attention's time does not depend on $n$.", "attention의 시간은 $n$에 의존하지 않는다.",
          "\"O(1) sequential steps\" is not \"constant time\": the work is $O(n^2 d)$ and grows quickly with $n$.",
          "\"O(1) 순차 단계\"는 \"상수 시간\"이 아닙니다: 작업량은 $O(n^2 d)$이고 $n$과 함께 빠르게 늘어납니다."),
        O("The RNN needs $O(n^2)$ memory for its hidden state.", "RNN은 은닉 상태에 $O(n^2)$ 메모리가 필요하다.",
          "An RNN keeps one state of size $d$ while it runs (and $O(n d)$ for BPTT); nothing in it is $n \\times n$.",
          "RNN은 실행 중에 크기 $d$인 상태 하나를 유지합니다 (BPTT를 위해서는 $O(n d)$). $n \\times n$인 것은 없습니다."),
      ), key=("A", "B", "C")),
    Q("attention_memory_mib", "task_rnn_vs_transformer", "numeric", T(
        "Task 4 on a GPU: one self-attention layer with $h = 12$ heads, run on a single sequence of $n = 2048$ tokens, "
        "keeps its attention weights in float32 (4 bytes each). How many MiB ($2^{20}$ bytes) do they take?",
        "과제 4, GPU에서: head $h = 12$개인 self-attention 층 하나를 토큰 $n = 2048$개짜리 시퀀스 하나에 실행하면 attention "
        "weight를 float32(원소당 4바이트)로 저장합니다. weight는 몇 MiB($2^{20}$바이트)를 차지하나요?"),
      key=192, graded=True, tolerance=0.5,
      near=(
        Near(16, T("That is one head; each of the 12 heads has its own $n \\times n$ weights.",
                   "head 하나의 크기입니다. head 12개가 각자 $n \\times n$ weight를 가집니다."), "attention_memory_one_head"),
        Near(0.09375, T("The weights have one entry per (query, key) pair: $n^2$ per head, not $n$.",
                      "weight에는 (query, key) 쌍마다 원소가 하나 있습니다: head마다 $n$개가 아니라 $n^2$개입니다."),
             "attention_memory_linear"),
        Near(768, T("Each float32 takes 4 bytes, and a MiB is $2^{20}$ bytes; that number is off by a factor of 4.",
                     "float32 하나는 4바이트이고 1 MiB는 $2^{20}$바이트입니다. 4배 차이가 납니다."), "attention_memory_units"),
      ),
      explanation=T(
        "$12 \\cdot 2048^2 = 12 \\cdot 2^{22}$ weights of 4 bytes is $12 \\cdot 2^{24}$ bytes, $12 \\cdot 16 = 192$ MiB, for one "
        "layer and one sequence. Doubling $n$ multiplies it by 4: this is the memory that runs out first as sequences grow.",
        "weight $12 \\cdot 2048^2 = 12 \\cdot 2^{22}$개에 4바이트씩이면 $12 \\cdot 2^{24}$바이트, 즉 $12 \\cdot 16 = 192$ MiB이고, "
        "층 하나와 시퀀스 하나에 대한 것입니다. $n$을 두 배로 하면 4배가 됩니다: 시퀀스가 길어질 때 가장 먼저 부족해지는 "
        "메모리입니다.")),
    Q("rnn_transformer_tradeoff", "task_rnn_vs_transformer", "text", T(
        "After task 4: when would you still choose an RNN over a Transformer, and when a Transformer? Justify with "
        "cost (time, memory) and what each model can learn.",
        "과제 4를 마친 뒤: 언제 Transformer보다 RNN을 고르고, 언제 Transformer를 고르겠나요? 비용(시간, 메모리)과 각 "
        "모델이 학습할 수 있는 것을 근거로 설명하세요."),
      model_answer=T(
        "Transformer: for moderate lengths (hundreds to a few thousand tokens) on parallel hardware, when context "
        "and long-range relations matter (translation, summarisation) or interpretability is wanted: all positions "
        "are computed at once, every pair is connected directly (path length 1), and it trains fast on GPUs; its "
        "cost is $O(n^2 d)$ time and $O(n^2)$ memory per layer. RNN: for very long or streaming sequences, online "
        "processing, or small devices: $O(n d^2)$ time, a fixed-size state while running (constant memory per "
        "step), natural step-by-step processing; but it is sequential (slow to train) and long-range dependencies "
        "are hard to learn (vanishing gradients, path length $n$).",
        "Transformer: 병렬 하드웨어에서 중간 길이(토큰 수백~수천 개)이고, 문맥과 장거리 관계가 중요하거나(번역, 요약) "
        "해석이 필요할 때. 모든 위치를 한 번에 계산하고, 모든 쌍이 직접 연결되며(경로 길이 1), GPU에서 빨리 학습됩니다. "
        "비용은 층당 시간 $O(n^2 d)$, 메모리 $O(n^2)$입니다. RNN: 아주 길거나 스트리밍되는 시퀀스, 온라인 처리, 작은 기기. "
        "시간 $O(n d^2)$, 실행 중 고정 크기 상태(시점당 일정한 메모리), 자연스러운 단계별 처리. 하지만 순차적이라 학습이 "
        "느리고 장거리 의존성을 배우기 어렵습니다 (기울기 소실, 경로 길이 $n$)."),
      rubric=(
        (1, T("Cost: attention $O(n^2 d)$ time / $O(n^2)$ memory but parallel; RNN $O(n d^2)$, sequential, small state.",
              "비용: attention은 시간 $O(n^2 d)$ / 메모리 $O(n^2)$이지만 병렬, RNN은 $O(n d^2)$, 순차적, 작은 상태.")),
        (1, T("Learning: direct connections (path 1) vs long paths and vanishing gradients.",
              "학습: 직접 연결(경로 1) vs 긴 경로와 기울기 소실.")),
        (1, T("A sensible choice for each, e.g. Transformer for moderate lengths on GPUs, RNN for very long / streaming "
              "/ memory-limited settings.",
              "각각에 대한 타당한 선택, 예: GPU에서 중간 길이는 Transformer, 아주 긴 / 스트리밍 / 메모리 제약 환경은 RNN.")),
      )),
]


def checklist_by_test_cell():
    """{grade id of a question's autograded test cell: its checklist item's label}, for the class report.

    Written answers (``answer_<id>``, graded by hand) are left out: until a grader scores them the
    gradebook holds 0 for them; ``python -m seqlab.quiz mastery`` counts them once graded.
    """
    labels = {item.key: item.label.en for item in ITEMS}
    return {f"test_answer_{q.id}": labels[q.item] for q in QUESTIONS if q.kind != "text"}


# ---------------------------------------------------------------- the quizzes' titles and introductions
_TITLES = {
    "quiz_review": T(
        "Review quiz: recurrent networks and the foundations of attention",
        "복습 퀴즈: 순환 신경망과 attention의 기초"),
    "quiz_attention": T(
        "Checklist quiz 1: attention (basic and intermediate)",
        "학습 점검 퀴즈 1: attention (기본·중급 개념)"),
    "quiz_transformer": T(
        "Checklist quiz 2: the Transformer block, efficiency and the practice tasks",
        "학습 점검 퀴즈 2: Transformer 블록, 효율, 실습 과제"),
}
_ABOUT = {
    "quiz_review": T(
        "A review of the recurrent half of the course (the RNN recurrence and BPTT, vanishing and "
        "exploding gradients, the LSTM and GRU gates, seq2seq and teacher forcing), then the "
        "foundations the attention lecture leans on: shapes of matrix products, the dot product "
        "and cosine similarity, softmax, and the shape of Q Kᵀ.",
        "과정 앞부분(순환 신경망: RNN 점화식과 BPTT, 기울기 소실·폭발, LSTM과 GRU의 게이트, seq2seq와 "
        "teacher forcing)을 복습하고, attention 강의가 기대는 기초(행렬곱의 shape, 내적과 코사인 유사도, "
        "softmax, Q Kᵀ의 shape)를 점검합니다."),
    "quiz_attention": T(
        "The basic and intermediate items of the Transformer lecture's learning checklist: why "
        "attention, Query/Key/Value, the scaled dot-product formula, self- vs encoder–decoder "
        "attention, multi-head attention, positional encoding and residual connections.",
        "Transformer 강의 '학습 점검'의 기본·중급 항목: Attention이 필요한 이유, Query/Key/Value, "
        "Scaled Dot-Product 수식, Self-Attention과 인코더–디코더 Attention, Multi-Head Attention, "
        "Positional Encoding, Residual Connection."),
    "quiz_transformer": T(
        "The advanced items and the practice tasks of the lecture's learning checklist: layer vs "
        "batch norm, pre- vs post-norm, reducing the O(n²) cost, reading attention weights, and "
        "the four lab experiments (attention patterns, no positional encoding, head counts, RNN "
        "vs Transformer as the sequence grows).",
        "강의 '학습 점검'의 고급 항목과 실습 과제: Layer Norm과 Batch Norm, Pre-Norm과 Post-Norm, "
        "O(n²) 복잡도 줄이기, Attention weights 해석, 그리고 네 가지 실습(Attention 패턴 관찰, "
        "Positional Encoding 없이 학습, Head 수 비교, 시퀀스 길이에 따른 RNN과 Transformer 비교)."),
}
QUIZZES = {quiz: (_TITLES[quiz], _ABOUT[quiz]) for quiz in _TITLES}
