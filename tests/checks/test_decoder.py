"""Hidden checks of the decoder assignment (SPEC "Decoder and sequence-to-sequence" table).

Each test is one check of one function, run against ``impl`` and compared with ``ref``
(``solutions/decoder.py``) on fresh random inputs: n_y ≠ n_mem, n_q ≠ n_k, batch > 1, ≥ 2 heads,
nonzero biases, γ ≠ 1 and β ≠ 0 (CHECKS.md). Every check compares values, and every check of a
function exercises each of its array inputs (masks included), so an answer of zeros, or one that
ignores memory, a mask, the padding or ``step_logits``, scores nothing
(``tests/test_degenerate_answers_decoder.py``); scalar options (norm_first, label_smoothing,
pad_id, ties, max_len) each have their own check, so one slip costs one check.

``greedy_decode`` is judged with scripted step functions only (``ScriptedStep``: a table of
logits that crosses the wire as data and comes back with every call it received), never with the
student's decoder: a step function whose earlier positions prefer another token than the last,
whose rows end at different steps and keep proposing tokens after their eos. A failing check says
where: which of (out, self_weights, cross_weights), which head and the first target position that
differs; for decoding, which row and which step, and whether the prefix given at that step was
right.
"""
import numpy as np

from seqlab.grading.checklib import (Diagnosis, as_array, check, expect_shape,
                                     expect_unchanged, fail, matches, mismatch, unpack)
from seqlab.grading.student import StudentCodeError
from seqlab.grading.worker import ScriptedStep
from seqlab.i18n import Text
from solutions import attention as ref_attention
from solutions import decoder as ref
from solutions import transformer as ref_transformer

# additive attention: batch, queries, keys, query size, key size, attention size, value size
N, NQ, NK, DQ, DK, DA, DV = 2, 4, 6, 3, 5, 7, 8
# decoder block: batch, target length, memory length, d_model, heads (d_head = 4), d_ff
BN, NY, NM, DM, H, DF = 2, 5, 7, 12, 3, 10
# loss: batch, positions, vocabulary
LN_, LT, LV = 3, 6, 7


# =========================================================================== diagnoses
# --------------------------------------------------------------------------- additive attention
ADD_TANH_OUTSIDE = Diagnosis(
    "additive_tanh_outside",
    "tanh is applied to the score, after the dot product with v. Bahdanau's score puts it inside: "
    "score[i, j] = v · tanh(q_i W_q + k_j W_k): first the sum of the two projections, then tanh, then the "
    "dot product with v.",
    "tanh를 v와의 내적 뒤, 점수에 적용했습니다. Bahdanau 점수에서는 tanh가 안에 있습니다: "
    "score[i, j] = v · tanh(q_i W_q + k_j W_k), 즉 두 projection의 합 → tanh → v와의 내적 순서입니다.")
ADD_TANH_SEPARATE = Diagnosis(
    "additive_tanh_per_term",
    "tanh is applied to each projection separately, v · (tanh(q_i W_q) + tanh(k_j W_k)). Then the query's "
    "term is the same for every key and cancels in the softmax: the weights no longer depend on the query. "
    "Add first, then tanh: v · tanh(q_i W_q + k_j W_k).",
    "각 projection에 tanh를 따로 적용했습니다: v · (tanh(q_i W_q) + tanh(k_j W_k)). 그러면 query 항이 모든 key에 "
    "같아서 softmax에서 사라지고, 가중치가 query에 의존하지 않게 됩니다. 먼저 더한 뒤 tanh: v · tanh(q_i W_q + k_j W_k).")
ADD_NO_TANH = Diagnosis(
    "additive_no_tanh",
    "The tanh is missing: without it v · (q_i W_q + k_j W_k) splits into a query term and a key term, the query "
    "term cancels in the softmax and every query gets the same weights. score[i, j] = v · tanh(q_i W_q + k_j W_k).",
    "tanh가 빠졌습니다: tanh가 없으면 v · (q_i W_q + k_j W_k)가 query 항과 key 항으로 나뉘고, query 항은 softmax에서 "
    "사라져 모든 query가 같은 가중치를 받습니다. score[i, j] = v · tanh(q_i W_q + k_j W_k)입니다.")
ADD_V_MISSING = Diagnosis(
    "additive_v_missing",
    "The vector v is missing: the hidden vector tanh(q_i W_q + k_j W_k) (size d_a) becomes one score through "
    "its dot product with v, not by summing or averaging its entries.",
    "벡터 v가 빠졌습니다: 은닉 벡터 tanh(q_i W_q + k_j W_k)(크기 d_a)는 항목을 더하거나 평균 내는 것이 아니라 v와의 "
    "내적으로 점수 하나가 됩니다.")
ADD_SCALED = Diagnosis(
    "additive_scaled",
    "The additive scores were divided by √d_a. Scaling by √d_k belongs to scaled dot-product attention; "
    "Bahdanau's score is v · tanh(q_i W_q + k_j W_k) as it is.",
    "additive 점수를 √d_a로 나눴습니다. √d_k로 나누는 것은 scaled dot-product attention의 일이고, Bahdanau 점수는 "
    "v · tanh(q_i W_q + k_j W_k) 그대로입니다.")
ADD_MASK_IGNORED = Diagnosis(
    "additive_mask_ignored",
    "The mask is ignored: masked keys still get weight. Set their scores to −∞ before the softmax "
    "(np.where(mask, score, -np.inf)), as in scaled_dot_product_attention.",
    "마스크를 무시했습니다: 마스킹된 key가 여전히 가중치를 받습니다. softmax 전에 그 점수를 −∞로 바꾸세요 "
    "(np.where(mask, score, -np.inf)). scaled_dot_product_attention과 같습니다.")
MASK_AFTER_SOFTMAX = Diagnosis(
    "mask_after_softmax",
    "The mask was applied after the softmax (the weights were multiplied by the mask), so the rows no "
    "longer sum to 1. Set the scores of disallowed keys to −∞ before the softmax.",
    "softmax 뒤에 마스크를 적용했습니다 (가중치에 마스크를 곱함). 그래서 행 합이 더 이상 1이 아닙니다. "
    "softmax 전에 허용되지 않은 key의 점수를 −∞로 바꾸세요.")
MASK_FILLED_WITH_ZERO = Diagnosis(
    "mask_filled_with_zero",
    "Masked scores were set to 0 (e.g. score * mask), but e^0 = 1 still gives those keys weight. "
    "Fill the disallowed scores with −∞ before the softmax: np.where(mask, score, -np.inf).",
    "마스킹된 점수를 0으로 바꿨습니다 (예: score * mask). 그런데 e^0 = 1이라 그 key에도 가중치가 갑니다. "
    "softmax 전에 허용되지 않은 점수를 −∞로 채우세요: np.where(mask, score, -np.inf).")
MASK_INVERTED = Diagnosis(
    "mask_inverted",
    "The mask polarity is inverted. In this course a boolean mask means True = may attend; "
    "nn.MultiheadAttention's masks use the opposite, True = blocked.",
    "마스크의 True/False 의미가 반대입니다. 이 과정에서 불리언 마스크는 True = attend 가능입니다. "
    "nn.MultiheadAttention의 마스크는 반대로 True = 차단입니다.")
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
    "the softmax of an all −∞ row is all zeros.",
    "허용된 key가 없는 query 행에서 NaN이 나왔습니다. 명세는 이 행의 가중치와 출력이 0이기를 요구합니다: "
    "전부 −∞인 행의 softmax는 모두 0입니다.")
SOFTMAX_WRONG_AXIS = Diagnosis(
    "softmax_wrong_axis",
    "The softmax normalises along the wrong axis. The weights of query i are a distribution over the keys j: "
    "softmax over the last axis, so that each row sums to 1.",
    "softmax를 잘못된 축으로 정규화했습니다. query i의 가중치는 key j에 대한 분포이므로 마지막 축으로 softmax해서 "
    "각 행의 합이 1이 되게 하세요.")
RETURN_ORDER = Diagnosis(
    "attention_return_order",
    "You returned (weights, out); the function returns (out, weights).",
    "(weights, out)을 반환했습니다. 이 함수는 (out, weights)를 반환합니다.")

# --------------------------------------------------------------------------- shift_right
SHIFT_LEFT = Diagnosis(
    "shift_left",
    "The targets were shifted left ([y_1, …, y_{n−1}, bos]). Teacher forcing shifts them RIGHT: the decoder "
    "input at position t is the previous target y_{t−1}, so the input is [bos, y_0, …, y_{n−2}] and position t "
    "learns to predict y_t.",
    "target을 왼쪽으로 밀었습니다 ([y_1, …, y_{n−1}, bos]). teacher forcing은 오른쪽으로 밉니다: 위치 t의 decoder "
    "입력은 이전 target y_{t−1}이므로 입력은 [bos, y_0, …, y_{n−2}]이고, 위치 t가 y_t를 예측하도록 학습합니다.")
SHIFT_NO_BOS = Diagnosis(
    "shift_right_without_bos",
    "The first decoder input is not bos_id. Teacher forcing's input starts with the start token: "
    "[bos, y_0, …, y_{n−2}] (use the bos_id you are given).",
    "첫 decoder 입력이 bos_id가 아닙니다. teacher forcing의 입력은 시작 토큰으로 시작합니다: "
    "[bos, y_0, …, y_{n−2}] (주어진 bos_id를 쓰세요).")
SHIFT_KEEPS_LAST = Diagnosis(
    "shift_right_keeps_last",
    "The result has n + 1 columns: bos was put in front but the last target was kept. The decoder input has "
    "the targets' length n: [bos, y_0, …, y_{n−2}] drops y_{n−1} (nothing comes after it to predict).",
    "결과의 열이 n + 1개입니다: 앞에 bos를 넣고 마지막 target을 그대로 두었습니다. decoder 입력은 target과 같은 길이 n입니다: "
    "[bos, y_0, …, y_{n−2}]는 y_{n−1}을 버립니다 (그 뒤에 예측할 것이 없음).")
SHIFT_ROLLED = Diagnosis(
    "shift_right_rolled",
    "np.roll wraps the last target around to position 0: [y_{n−1}, y_0, …]. Position 0 must be bos_id: "
    "[bos, y_0, …, y_{n−2}].",
    "np.roll은 마지막 target을 위치 0으로 돌려 보냅니다: [y_{n−1}, y_0, …]. 위치 0은 bos_id여야 합니다: "
    "[bos, y_0, …, y_{n−2}].")
SHIFT_NOT_SHIFTED = Diagnosis(
    "shift_right_not_shifted",
    "The targets came back unshifted. With the targets themselves as input, position t would see the very "
    "token y_t it must predict; the input is [bos, y_0, …, y_{n−2}].",
    "target이 밀리지 않은 채 돌아왔습니다. target 자체를 입력으로 쓰면 위치 t가 예측해야 할 토큰 y_t를 그대로 보게 됩니다. "
    "입력은 [bos, y_0, …, y_{n−2}]입니다.")
SHIFT_DTYPE = Diagnosis(
    "shift_right_dtype",
    "The result's dtype differs from the targets'. Token ids keep their integer dtype (e.g. int32 stays int32): "
    "build the result with np.empty_like(targets) or cast to targets.dtype.",
    "결과의 dtype이 target과 다릅니다. 토큰 id는 정수 dtype을 유지합니다 (예: int32는 int32로): "
    "np.empty_like(targets)로 만들거나 targets.dtype으로 변환하세요.")

# --------------------------------------------------------------------------- decoder_block
NO_CAUSAL = Diagnosis(
    "decoder_no_causal_mask",
    "The self-attention is not causal: target position t sees later positions. In the decoder the masked "
    "self-attention always uses the causal mask (query t may attend to keys ≤ t), AND-ed with self_mask when "
    "one is given: causal_mask(n_y) & self_mask.",
    "self-attention이 causal하지 않습니다: target 위치 t가 뒤의 위치를 봅니다. decoder의 masked self-attention은 항상 "
    "causal 마스크(query t는 t 이하의 key만)를 쓰고, self_mask가 주어지면 둘을 논리곱(&)으로 결합합니다: causal_mask(n_y) & self_mask.")
CAUSAL_ON_CROSS = Diagnosis(
    "decoder_causal_mask_on_cross_attention",
    "The causal mask was applied to the cross-attention too. Only the self-attention hides the future targets; "
    "the cross-attention may see the whole encoder output (every memory position), masked only by memory_mask.",
    "cross-attention에도 causal 마스크를 적용했습니다. 미래 target을 가리는 것은 self-attention뿐입니다. "
    "cross-attention은 encoder 출력 전체(모든 memory 위치)를 볼 수 있고 memory_mask로만 가립니다.")
MEMORY_NORMED = Diagnosis(
    "decoder_memory_normalised",
    "In pre-norm, LN_2 was applied to the memory as well. Only the decoder's stream is normalised: "
    "b = a + MHA(LN_2(a), memory), with the encoder output as it is.",
    "pre-norm에서 memory에도 LN_2를 적용했습니다. 정규화하는 것은 decoder 쪽 흐름뿐입니다: "
    "b = a + MHA(LN_2(a), memory)이고 encoder 출력은 그대로 씁니다.")
CROSS_KV_FROM_Y = Diagnosis(
    "decoder_cross_attention_keys_from_target",
    "The cross-attention takes its keys and values from the target side. In the encoder–decoder attention the "
    "query comes from the decoder (a) and the keys and values from the encoder output: MHA(a, memory), so "
    "cross_weights have shape (N, h, n_y, n_mem).",
    "cross-attention의 key와 value를 target 쪽에서 가져왔습니다. encoder–decoder attention에서 query는 decoder(a)에서, "
    "key와 value는 encoder 출력에서 옵니다: MHA(a, memory). 그래서 cross_weights의 shape은 (N, h, n_y, n_mem)입니다.")
CROSS_QUERY_FROM_INPUT = Diagnosis(
    "decoder_cross_query_from_block_input",
    "The cross-attention's queries come from the block's input y. They come from the output of the first "
    "sublayer: post-norm MHA(a, memory), pre-norm MHA(LN_2(a), memory).",
    "cross-attention의 query를 block 입력 y에서 가져왔습니다. query는 첫 sublayer의 출력에서 옵니다: "
    "post-norm은 MHA(a, memory), pre-norm은 MHA(LN_2(a), memory).")
CROSS_USES_SELF_PARAMS = Diagnosis(
    "decoder_cross_uses_self_params",
    "The cross-attention uses the self-attention's weights. Each attention has its own: self_W_q … self_W_o "
    "(and self_b_*) for the masked self-attention, cross_W_q … cross_W_o (and cross_b_*) for the cross-attention.",
    "cross-attention이 self-attention의 가중치를 썼습니다. 두 attention은 각자의 가중치를 씁니다: masked self-attention은 "
    "self_W_q … self_W_o (self_b_*), cross-attention은 cross_W_q … cross_W_o (cross_b_*).")
SUBLAYER_ORDER = Diagnosis(
    "decoder_sublayer_order",
    "The sublayers are in the wrong order. The decoder block is: masked self-attention, then cross-attention to "
    "the encoder output, then the FFN (the lecture: Masked Self-Attention → Encoder-Decoder Attention → Feed Forward).",
    "sublayer 순서가 틀렸습니다. decoder block은 masked self-attention → encoder 출력에 대한 cross-attention → FFN "
    "순서입니다 (강의: Masked Self-Attention → Encoder-Decoder Attention → Feed Forward).")
RESIDUAL_AFTER_LN = Diagnosis(
    "decoder_residual_after_layer_norm",
    "Post-norm normalises the sum: a = LN_1(y + MHA(y, y)), not y + LN_1(MHA(y, y)); the same for the "
    "cross-attention and the FFN.",
    "post-norm은 합을 정규화합니다: y + LN_1(MHA(y, y))가 아니라 a = LN_1(y + MHA(y, y))입니다. cross-attention과 "
    "FFN도 마찬가지입니다.")
NORM_ORDER_SWAPPED = Diagnosis(
    "norm_order_swapped",
    "Post-norm and pre-norm are swapped. norm_first=False is post-norm, x = LN(x + Sublayer(x)); "
    "norm_first=True is pre-norm, x = x + Sublayer(LN(x)).",
    "post-norm과 pre-norm이 바뀌었습니다. norm_first=False는 post-norm x = LN(x + Sublayer(x))이고, "
    "norm_first=True는 pre-norm x = x + Sublayer(LN(x))입니다.")
MISSING_RESIDUAL = Diagnosis(
    "missing_residual",
    "A residual connection is missing: each of the three sublayers adds its input back (post-norm "
    "LN(x + Sublayer(x)), pre-norm x + Sublayer(LN(x))).",
    "residual connection이 빠졌습니다: 세 sublayer 모두 입력을 다시 더합니다 (post-norm LN(x + Sublayer(x)), "
    "pre-norm x + Sublayer(LN(x))).")
PRENORM_RESIDUAL_NORMED = Diagnosis(
    "prenorm_residual_from_normed",
    "In pre-norm the residual path carries the un-normalised stream: a = y + MHA(LN_1(y), LN_1(y)), "
    "not LN_1(y) + MHA(…).",
    "pre-norm에서 residual 경로는 정규화하지 않은 흐름을 더합니다: LN_1(y) + MHA(…)가 아니라 "
    "a = y + MHA(LN_1(y), LN_1(y))입니다.")
LN_PARAMS = Diagnosis(
    "decoder_layer_norm_params",
    "The three layer norms have their own parameters: LN_1 uses gamma_1/beta_1 (self-attention), LN_2 "
    "gamma_2/beta_2 (cross-attention), LN_3 gamma_3/beta_3 (FFN).",
    "세 layer norm은 각자의 파라미터를 씁니다: LN_1은 gamma_1/beta_1(self-attention), LN_2는 gamma_2/beta_2"
    "(cross-attention), LN_3은 gamma_3/beta_3(FFN).")
IGNORES_SELF_MASK = Diagnosis(
    "decoder_ignores_self_mask",
    "self_mask does not reach the self-attention: AND it with the causal mask, causal_mask(n_y) & self_mask.",
    "self_mask가 self-attention에 전달되지 않았습니다: causal 마스크와 논리곱(&)으로 결합하세요, causal_mask(n_y) & self_mask.")
IGNORES_MEMORY_MASK = Diagnosis(
    "decoder_ignores_memory_mask",
    "memory_mask does not reach the cross-attention: pass it to MHA(a, memory) so padded memory positions get "
    "weight 0.",
    "memory_mask가 cross-attention에 전달되지 않았습니다: MHA(a, memory)에 넘겨서 padding된 memory 위치의 가중치가 0이 "
    "되게 하세요.")
RELU_NOT_GELU = Diagnosis(
    "ffn_relu_not_gelu",
    "The FFN uses ReLU. The course's FFN uses GELU(x) = x Φ(x): FFN(x) = GELU(x W_1 + b_1) W_2 + b_2.",
    "FFN에 ReLU를 썼습니다. 이 과정의 FFN은 GELU(x) = x Φ(x)를 씁니다: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2.")
WEIGHTS_SWAPPED = Diagnosis(
    "decoder_return_order",
    "decoder_block returns (out, self_weights, cross_weights), in that order.",
    "decoder_block은 (out, self_weights, cross_weights)를 이 순서로 반환합니다.")

# --------------------------------------------------------------------------- sequence_cross_entropy
LOSS_PADDING_COUNTED = Diagnosis(
    "loss_padding_not_ignored",
    "Padding positions count in your loss. The mean runs over the positions whose target is not pad_id only: "
    "their losses summed, divided by how many there are (F.cross_entropy's ignore_index).",
    "padding 위치가 손실에 들어갔습니다. 평균은 target이 pad_id가 아닌 위치에 대해서만 냅니다: 그 위치들의 손실 합을 "
    "그 개수로 나눕니다 (F.cross_entropy의 ignore_index).")
LOSS_MEAN_OVER_ALL = Diagnosis(
    "loss_mean_over_all_positions",
    "The padded positions are left out of the sum but still counted in the mean (you divided by N · n). Divide by "
    "the number of positions whose target is not pad_id.",
    "padding 위치를 합에서는 뺐지만 평균의 분모에는 넣었습니다 (N · n으로 나눔). target이 pad_id가 아닌 위치의 개수로 나누세요.")
LOSS_MEAN_PER_SEQUENCE = Diagnosis(
    "loss_mean_per_sequence",
    "You averaged each sequence first and then the sequences. The loss is one mean over all non-padding "
    "positions of the batch (a long sequence counts more than a short one).",
    "각 시퀀스를 먼저 평균 내고 시퀀스들을 다시 평균 냈습니다. 손실은 배치 전체의 padding이 아닌 위치들에 대한 평균 "
    "하나입니다 (긴 시퀀스가 짧은 시퀀스보다 더 많이 반영됨).")
LOSS_SUM = Diagnosis(
    "loss_sum_not_mean",
    "You returned the sum over the positions; the loss is their mean (divide by the number of non-padding positions).",
    "위치별 손실의 합을 반환했습니다. 손실은 평균입니다 (padding이 아닌 위치의 개수로 나누세요).")
LOSS_UNSTABLE = Diagnosis(
    "loss_unstable",
    "Your loss overflows or becomes infinite for large logits. Compute log p = logits − logsumexp(logits) with the "
    "maximum subtracted first (logsumexp(x) = m + log Σ e^(x − m), m = max x); np.log(softmax(x)) gives log 0 = −∞ "
    "when a probability underflows.",
    "로짓이 크면 손실이 overflow되거나 무한대가 됩니다. log p = logits − logsumexp(logits)를 최댓값을 먼저 빼서 "
    "계산하세요 (logsumexp(x) = m + log Σ e^(x − m), m = max x). np.log(softmax(x))는 확률이 underflow되면 log 0 = −∞가 됩니다.")
LOSS_ALL_PADDING = Diagnosis(
    "loss_all_padding_nan",
    "When every target is padding there is nothing to average: the spec asks for 0.0 there (0 / 0 gives NaN).",
    "모든 target이 padding이면 평균 낼 위치가 없습니다: 명세는 이 경우 0.0을 요구합니다 (0 / 0은 NaN).")
LOSS_SMOOTHING_V_MINUS_1 = Diagnosis(
    "label_smoothing_over_other_classes",
    "Your label smoothing spreads ε over the V − 1 (or V − 2) other classes, target 1 − ε (the Annotated "
    "Transformer's LabelSmoothing). This course follows PyTorch: the smoothed target is (1 − ε) one_hot + ε / V "
    "on every class, the target included: loss = −[(1 − ε) log p_target + (ε / V) Σ_v log p_v].",
    "label smoothing에서 ε를 나머지 V − 1개(또는 V − 2개) 클래스에 나누고 target에 1 − ε를 주었습니다 (Annotated "
    "Transformer의 LabelSmoothing). 이 과정은 PyTorch를 따릅니다: 부드러운 target은 target을 포함한 모든 클래스에 "
    "(1 − ε) one_hot + ε / V이고, 손실은 −[(1 − ε) log p_target + (ε / V) Σ_v log p_v]입니다.")
LOSS_IGNORES_SMOOTHING = Diagnosis(
    "label_smoothing_ignored",
    "label_smoothing is ignored: with ε > 0 the loss is −[(1 − ε) log p_target + (ε / V) Σ_v log p_v].",
    "label_smoothing을 무시했습니다: ε > 0이면 손실은 −[(1 − ε) log p_target + (ε / V) Σ_v log p_v]입니다.")
LOSS_SMOOTHING_NOT_DIVIDED = Diagnosis(
    "label_smoothing_not_divided_by_v",
    "The smoothing term is not divided by V: it is (ε / V) Σ_v log p_v, ε spread evenly over the V classes.",
    "smoothing 항을 V로 나누지 않았습니다: (ε / V) Σ_v log p_v, 즉 ε를 V개 클래스에 고르게 나눕니다.")
LOSS_IGNORES_PAD_ID = Diagnosis(
    "loss_ignores_pad_id",
    "The pad_id argument is ignored (you skipped target 0): skip the positions whose target equals pad_id; "
    "0 may be a real class.",
    "pad_id 인자를 무시했습니다 (target 0을 건너뜀): target이 pad_id인 위치를 건너뛰세요. 0은 실제 클래스일 수 있습니다.")
LOSS_WRONG_AXIS = Diagnosis(
    "loss_softmax_wrong_axis",
    "The log-softmax runs over the wrong axis: p_t is a distribution over the V classes of position t, "
    "so normalise along the last axis of logits (N, n, V).",
    "log-softmax의 축이 틀렸습니다: p_t는 위치 t의 V개 클래스에 대한 분포이므로 logits (N, n, V)의 마지막 축으로 정규화하세요.")

# --------------------------------------------------------------------------- greedy_decode
GREEDY_FIRST_POSITION = Diagnosis(
    "greedy_argmax_of_first_position",
    "The next token was taken from the first position's logits. step_logits returns logits (N, t, V) for every "
    "position of the prefix; the next token is the argmax of the LAST position, logits[:, -1].",
    "다음 토큰을 첫 위치의 로짓에서 골랐습니다. step_logits는 prefix의 모든 위치에 대한 로짓 (N, t, V)를 반환합니다. "
    "다음 토큰은 마지막 위치의 argmax, logits[:, -1]입니다.")
GREEDY_TIES_HIGHEST = Diagnosis(
    "greedy_ties_highest_index",
    "On a tie you picked the highest index. The spec breaks ties towards the lowest index, as np.argmax does.",
    "동점일 때 가장 큰 index를 골랐습니다. 명세는 np.argmax처럼 가장 작은 index를 고릅니다.")
GREEDY_NO_EARLY_STOP = Diagnosis(
    "greedy_keeps_going_after_eos",
    "Decoding went on after every row had emitted eos. Stop as soon as all rows have ended: later steps would "
    "only add padding (and cost a call of the model each).",
    "모든 행이 eos를 낸 뒤에도 디코딩을 계속했습니다. 모든 행이 끝나면 바로 멈추세요: 그 뒤의 단계는 padding만 더하고 "
    "매번 모델 호출 비용이 듭니다.")
GREEDY_STOPS_AT_FIRST_EOS = Diagnosis(
    "greedy_stops_when_one_row_ends",
    "Decoding stopped when the first row emitted eos. Stop only when EVERY row has emitted eos (or after max_len "
    "tokens); rows that ended get pad_id meanwhile.",
    "첫 행이 eos를 내자 디코딩을 멈췄습니다. 모든 행이 eos를 냈을 때(또는 max_len개 뒤)에만 멈추세요. 먼저 끝난 행은 "
    "그동안 pad_id를 받습니다.")
GREEDY_NO_PAD_AFTER_EOS = Diagnosis(
    "greedy_no_padding_after_eos",
    "A row that has emitted eos kept generating tokens. After its eos a row gets pad_id, in the result and in the "
    "prefix passed to step_logits.",
    "eos를 낸 행이 계속 토큰을 생성했습니다. eos 뒤에는 그 행에 pad_id를 넣습니다 (결과에도, step_logits에 넘기는 "
    "prefix에도).")
GREEDY_IGNORES_PAD_ID = Diagnosis(
    "greedy_ignores_pad_id",
    "Finished rows were filled with 0 instead of the pad_id you are given.",
    "끝난 행을 주어진 pad_id가 아니라 0으로 채웠습니다.")
GREEDY_EOS_DROPPED = Diagnosis(
    "greedy_eos_dropped",
    "The eos token itself is missing from the result: a row keeps its eos_id, and gets pad_id only after it.",
    "결과에서 eos 토큰이 빠졌습니다: 행은 eos_id를 그대로 두고, 그 뒤에만 pad_id를 받습니다.")
GREEDY_BOS_IN_RESULT = Diagnosis(
    "greedy_bos_in_result",
    "The result starts with bos_id. bos only starts the prefix given to step_logits; the result holds the "
    "generated tokens only (prefix[:, 1:]).",
    "결과가 bos_id로 시작합니다. bos는 step_logits에 넘기는 prefix의 시작일 뿐이고, 결과에는 생성된 토큰만 담습니다 "
    "(prefix[:, 1:]).")
GREEDY_EXCEEDS_MAX_LEN = Diagnosis(
    "greedy_exceeds_max_len",
    "More than max_len tokens were generated. max_len bounds the result: at most max_len calls of step_logits "
    "and at most max_len columns.",
    "max_len개보다 많은 토큰을 생성했습니다. max_len은 결과의 상한입니다: step_logits 호출도 결과의 열도 최대 max_len개입니다.")
GREEDY_NOT_TRIMMED = Diagnosis(
    "greedy_result_not_trimmed",
    "The result keeps max_len columns although decoding stopped earlier. Return only the generated columns: "
    "L ≤ max_len is the number of steps actually taken.",
    "디코딩이 일찍 멈췄는데도 결과가 max_len개의 열을 유지합니다. 실제로 생성한 열만 반환하세요: L ≤ max_len은 실제로 "
    "진행한 단계 수입니다.")
GREEDY_PREFIX_WITHOUT_BOS = Diagnosis(
    "greedy_prefix_without_bos",
    "The prefix passed to step_logits does not start with bos_id. Decoding starts from the prefix [bos] (N, 1); "
    "each step appends the new tokens: [bos, ŷ_0, …, ŷ_{t−1}].",
    "step_logits에 넘긴 prefix가 bos_id로 시작하지 않습니다. 디코딩은 prefix [bos] (N, 1)에서 시작하고, 매 단계 새 토큰을 "
    "덧붙입니다: [bos, ŷ_0, …, ŷ_{t−1}].")
GREEDY_PREFIX_WRONG = Diagnosis(
    "greedy_prefix_wrong",
    "The prefix passed to step_logits is not [bos, the tokens generated so far] (pad_id after a row's eos). The "
    "model must see exactly what was generated: append each step's tokens to the prefix.",
    "step_logits에 넘긴 prefix가 [bos, 지금까지 생성한 토큰](행의 eos 뒤에는 pad_id)이 아닙니다. 모델은 생성된 것을 그대로 "
    "봐야 합니다: 매 단계의 토큰을 prefix에 덧붙이세요.")
GREEDY_MEMORY_NOT_PASSED = Diagnosis(
    "greedy_memory_not_passed",
    "step_logits did not get the memory: call step_logits(prefix, memory) with the encoder output you were given; "
    "the decoder needs it at every step.",
    "step_logits가 memory를 받지 못했습니다: 주어진 encoder 출력으로 step_logits(prefix, memory)를 호출하세요. decoder는 "
    "매 단계 memory가 필요합니다.")
GREEDY_EXTRA_CALLS = Diagnosis(
    "greedy_step_calls",
    "step_logits is called once per generated position: L calls for a result of L columns (each call runs the "
    "whole decoder).",
    "step_logits는 생성하는 위치마다 한 번 호출합니다: 열이 L개인 결과에 L번 (호출마다 decoder 전체가 실행됨).")


# =========================================================================== helpers
def words(en, ko):
    return Text(en, ko)


def say(text, diagnosis=None):
    """Fail with a Text built from parts."""
    fail(text.en, text.ko, diagnosis)


def first_index(bad):
    return tuple(int(i) for i in np.argwhere(bad)[0])


def variant_hit(got, variant, want):
    """The student's array equals a known-wrong variant that really differs from the reference."""
    return matches(got, variant) and not matches(variant, want)


# --------------------------------------------------------------------------- additive attention
def additive_params(rng, d_q=DQ, d_k=DK, d_a=DA, v_scale=1.5):
    return {"W_q": rng.normal(0, 1 / np.sqrt(d_q), (d_q, d_a)), "W_k": rng.normal(0, 1 / np.sqrt(d_k), (d_k, d_a)),
            "v": rng.normal(0, v_scale, d_a)}


def additive_inputs(rng, nq=NQ, nk=NK):
    return rng.normal(size=(N, nq, DQ)), rng.normal(size=(N, nk, DK)), rng.normal(size=(N, nk, DV))


def additive_variant(Q, K, V, p, mask=None, *, form="ref", fill=-np.inf, axis=-1, mask_after=False, invert=False,
                     use_mask=True):
    q, k = Q @ p["W_q"], K @ p["W_k"]
    pre = q[..., :, None, :] + k[..., None, :, :]
    if form == "ref":
        s = np.tanh(pre) @ p["v"]
    elif form == "tanh_outside":
        s = np.tanh(pre @ p["v"])
    elif form == "tanh_separate":
        s = (np.tanh(q)[..., :, None, :] + np.tanh(k)[..., None, :, :]) @ p["v"]
    elif form == "no_tanh":
        s = pre @ p["v"]
    elif form == "v_sum":
        s = np.tanh(pre).sum(axis=-1)
    elif form == "v_mean":
        s = np.tanh(pre).mean(axis=-1)
    elif form == "scaled":
        s = np.tanh(pre) @ p["v"] / np.sqrt(p["v"].shape[0])
    m = None if (mask is None or not use_mask) else np.broadcast_to(np.asarray(mask, dtype=bool), s.shape)
    if m is not None and invert:
        m = ~m
    if m is not None and not mask_after:
        s = np.where(m, s, fill)
    w = ref_attention.softmax(s, axis=axis)
    if m is not None and mask_after:
        w = w * m
    return w @ V, w


def additive_variants(Q, K, V, p, mask=None):
    v = lambda **kw: additive_variant(Q, K, V, p, mask, **kw)  # noqa: E731
    variants = [(ADD_TANH_OUTSIDE, v(form="tanh_outside")), (ADD_TANH_SEPARATE, v(form="tanh_separate")),
                (ADD_NO_TANH, v(form="no_tanh")), (ADD_V_MISSING, v(form="v_sum")), (ADD_V_MISSING, v(form="v_mean")),
                (ADD_SCALED, v(form="scaled")), (SOFTMAX_WRONG_AXIS, v(axis=-2))]
    if mask is not None:
        variants += [(ADD_MASK_IGNORED, v(use_mask=False)), (MASK_AFTER_SOFTMAX, v(mask_after=True)),
                     (MASK_FILLED_WITH_ZERO, v(fill=0.0)), (MASK_INVERTED, v(invert=True)),
                     (FULLY_MASKED_NOT_ZERO, v(fill=-1e9))]
    return variants


def attention_where(name, arr, want):
    """Which query row of which sequence differs first, and whether query 0 is right."""
    bad = mismatch(arr, want)
    n, i = first_index(bad)[:2]
    first_ok = not bad[:, 0].any()
    return words(f"{name} differs from the lecture's formula first at query {i} of sequence {n} "
                 f"({int(bad.sum())} of {bad.size} entries differ; query 0 is {'right' if first_ok else 'wrong too'}).",
                 f"{name}이(가) 강의 수식과 처음 다른 곳은 시퀀스 {n}의 query {i}입니다 "
                 f"({bad.size}개 중 {int(bad.sum())}개가 다름; query 0은 {'맞음' if first_ok else '역시 틀림'}).")


def check_additive(got, Q, K, V, p, mask=None):
    """(out, weights) of additive attention against the reference, naming known mistakes."""
    want = ref.additive_attention(Q, K, V, p, mask)
    out, w = unpack(got, 2, "additive_attention(...)")
    out, w = as_array(out, "out"), as_array(w, "weights")
    if out.shape == want[1].shape and w.shape == want[0].shape and want[0].shape != want[1].shape:
        raise RETURN_ORDER.failed()
    out, w = expect_shape(out, want[0].shape, "out"), expect_shape(w, want[1].shape, "weights")
    if matches(out, want[0]) and matches(w, want[1]):
        return out, w
    for diag, var in additive_variants(Q, K, V, p, mask):
        if variant_hit(w, var[1], want[1]) or (variant_hit(out, var[0], want[0]) and matches(w, var[1])):
            raise diag.failed()
    if mask is not None:
        dead = ~np.any(np.broadcast_to(np.asarray(mask, dtype=bool), want[1].shape), axis=-1)
        if dead.any() and not (np.all(np.isfinite(out[dead])) and np.all(np.isfinite(w[dead]))):
            raise FULLY_MASKED_NAN.failed()
    if not (np.all(np.isfinite(out)) and np.all(np.isfinite(w))):
        fail("additive_attention gave NaN or infinity where the lecture's formula gives finite numbers.",
             "additive_attention 결과에 NaN 또는 무한대가 있습니다. 강의 수식으로는 유한한 값이 나옵니다.")
    name, arr, ref_arr = ("weights", w, want[1]) if not matches(w, want[1]) else ("out", out, want[0])
    hint = (words(" The weights are right, so look at out = weights V.", " 가중치는 맞으므로 out = weights V를 확인하세요.")
            if name == "out" else words(" score[i, j] = v · tanh(q_i W_q + k_j W_k), weights = softmax_j(score).",
                                        " score[i, j] = v · tanh(q_i W_q + k_j W_k), weights = softmax_j(score)."))
    say(attention_where(name, arr, ref_arr) + hint)


def padding_keep(rng, n_seq, n, min_len=1):
    """(n_seq, n) booleans: each row keeps a prefix of min_len … n − 1 positions (≥ 1 padded)."""
    lengths = rng.integers(min_len, n, size=n_seq)
    return np.arange(n)[None, :] < lengths[:, None]


def random_mask(rng, shape, min_true=1, min_false=1):
    """A boolean mask whose last-axis rows each have ≥ min_true True and ≥ min_false False entries."""
    n = shape[-1]
    rows = int(np.prod(shape[:-1]))
    mask = np.zeros((rows, n), dtype=bool)
    for r in range(rows):
        k = rng.integers(min_true, n - min_false + 1)
        mask[r, rng.choice(n, size=k, replace=False)] = True
    return mask.reshape(shape)


# --------------------------------------------------------------------------- shift_right
def expect_tokens(got, want, what, diagnose=None):
    """Token ids equal ``want`` exactly; otherwise name the mistake or say which row and position differ."""
    arr = as_array(got, what)
    if arr.shape == want.shape and np.array_equal(arr, want):
        return arr
    if diagnose is not None:
        diagnose(arr)
    arr = expect_shape(arr, want.shape, what)
    n, t = first_index(arr != want)
    say(words(f"{what}: row {n} differs first at position {t} (position 0 holds bos_id, position t ≥ 1 the "
              f"target y_(t−1)).",
              f"{what}: 행 {n}이(가) 위치 {t}에서 처음 다릅니다 (위치 0은 bos_id, 위치 t ≥ 1은 target y_(t−1))."))


def diagnose_shift(arr, targets, bos):
    Nt, n = targets.shape
    bos_col = np.full((Nt, 1), bos)
    if arr.shape == (Nt, n + 1) and np.array_equal(arr, np.concatenate([bos_col, targets], axis=1)):
        raise SHIFT_KEEPS_LAST.failed()
    if arr.shape != targets.shape:
        return
    if n > 1 and np.array_equal(arr, np.concatenate([targets[:, 1:], bos_col], axis=1)):
        raise SHIFT_LEFT.failed()
    if n > 1 and np.array_equal(arr[:, 1:], targets[:, :-1]) and not np.array_equal(arr[:, 0], bos_col[:, 0]):
        if np.array_equal(arr, np.roll(targets, 1, axis=1)):
            raise SHIFT_ROLLED.failed()
        raise SHIFT_NO_BOS.failed()
    if np.array_equal(arr, targets):
        raise SHIFT_NOT_SHIFTED.failed()
    if n == 1 and not np.array_equal(arr, bos_col):
        raise SHIFT_NO_BOS.failed()


def target_tokens(rng, n_seq, n, low=1, high=10, pad_id=0, dtype=np.int64):
    """Token ids with padding at the end of every row but one (a full row: its last token is not padding)."""
    tokens = rng.integers(low, high, size=(n_seq, n))
    keep = padding_keep(rng, n_seq, n, min_len=2)
    keep[rng.integers(n_seq)] = True
    tokens[~keep] = pad_id
    return tokens.astype(dtype)


# --------------------------------------------------------------------------- decoder_block
def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def relu(x):
    return np.maximum(x, 0.0)


GELUS = (ref_transformer.gelu, gelu_tanh)   # the exact form first: messages compare with it


def decoder_params(rng, d=DM, f=DF):
    p = {}
    for part in ("self", "cross"):
        p.update({f"{part}_W_{k}": rng.normal(0, 1 / np.sqrt(d), (d, d)) for k in "qkvo"})
        p.update({f"{part}_b_{k}": rng.normal(0, 0.3, d) for k in "qkvo"})
    p.update({"W_1": rng.normal(0, 1 / np.sqrt(d), (d, f)), "b_1": rng.normal(0, 0.3, f),
              "W_2": rng.normal(0, 1 / np.sqrt(f), (f, d)), "b_2": rng.normal(0, 0.3, d)})
    for i in "123":
        p[f"gamma_{i}"], p[f"beta_{i}"] = 1 + rng.normal(0, 0.3, d), rng.normal(0, 0.3, d)
    return p


def decoder_inputs(rng, n_y=NY, n_mem=NM):
    return rng.normal(size=(BN, n_y, DM)), rng.normal(size=(BN, n_mem, DM)), decoder_params(rng)


def pad_masks(rng, n_y=NY, n_mem=NM):
    """A target padding mask (N, 1, n_y) and a memory padding mask (N, 1, n_mem), each row with padding."""
    return padding_keep(rng, BN, n_y, 2)[:, None, :], padding_keep(rng, BN, n_mem, 2)[:, None, :]


def block_variant(y, memory, p, h, self_mask=None, memory_mask=None, norm_first=False, act=ref_transformer.gelu,
                  causal="self", memory_normed=False, cross_query="a", cross_params="cross",
                  residual=(True, True, True), residual_after_ln=False, residual_normed=False, ln_ids="123",
                  order="self_cross", use_self_mask=True, use_memory_mask=True):
    """The decoder block with one thing done the wrong way (the defaults give the lecture's)."""
    n_y, n_mem = y.shape[1], memory.shape[1]
    causal_m = ref_attention.causal_mask(n_y)
    given = np.asarray(self_mask, dtype=bool) if (self_mask is not None and use_self_mask) else None
    if causal == "none":
        s_mask = given
    else:
        s_mask = causal_m if given is None else causal_m & given
    m_mask = np.asarray(memory_mask, dtype=bool) if (memory_mask is not None and use_memory_mask) else None
    if causal == "cross_too":
        tri = np.tril(np.ones((n_y, n_mem), dtype=bool))
        m_mask = tri if m_mask is None else tri & m_mask
    sp = ref._attention_params(p, "self_")
    cp = ref._attention_params(p, f"{cross_params}_")

    def SA(x):
        return ref_attention.multi_head_attention(x, x, sp, h, s_mask)

    def CA(x, mem):
        return ref_attention.multi_head_attention(x, mem, cp, h, m_mask)

    def LN(x, i):
        j = ln_ids[i - 1]
        return ref_transformer.layer_norm(x, p[f"gamma_{j}"], p[f"beta_{j}"])

    def FFN(x):
        return act(x @ p["W_1"] + p["b_1"]) @ p["W_2"] + p["b_2"]

    r1, r2, r3 = residual
    if norm_first:
        x1 = LN(y, 1)
        s, sw = SA(x1)
        a = (x1 if residual_normed else y if r1 else 0) + s
        x2 = LN(a, 2)
        c, cw = CA(x2 if cross_query == "a" else y, LN(memory, 2) if memory_normed else memory)
        b = (x2 if residual_normed else a if r2 else 0) + c
        x3 = LN(b, 3)
        return (x3 if residual_normed else b if r3 else 0) + FFN(x3), sw, cw

    def sub(x, f_x, i, keep):
        if residual_after_ln:
            return (x if keep else 0) + LN(f_x, i)
        return LN((x if keep else 0) + f_x, i)

    if order == "cross_self":
        c, cw = CA(y, memory)
        a = sub(y, c, 1, r1)
        s, sw = SA(a)
        b = sub(a, s, 2, r2)
    else:
        s, sw = SA(y)
        a = sub(y, s, 1, r1)
        c, cw = CA(a if cross_query == "a" else y, memory)
        b = sub(a, c, 2, r2)
    return sub(b, FFN(b), 3, r3), sw, cw


def block_variants(y, memory, p, h, self_mask=None, memory_mask=None, norm_first=False):
    def v(**kw):
        return block_variant(y, memory, p, h, **{"self_mask": self_mask, "memory_mask": memory_mask,
                                                 "norm_first": norm_first, **kw})
    variants = [(RELU_NOT_GELU, v(act=relu))]
    for act in GELUS:
        variants += [(NO_CAUSAL, v(act=act, causal="none")), (CAUSAL_ON_CROSS, v(act=act, causal="cross_too")),
                     (NORM_ORDER_SWAPPED, v(act=act, norm_first=not norm_first)),
                     (CROSS_QUERY_FROM_INPUT, v(act=act, cross_query="y")),
                     (CROSS_USES_SELF_PARAMS, v(act=act, cross_params="self")),
                     (LN_PARAMS, v(act=act, ln_ids="111")), (LN_PARAMS, v(act=act, ln_ids="122")),
                     (LN_PARAMS, v(act=act, ln_ids="112"))]
        variants += [(MISSING_RESIDUAL, v(act=act, residual=r))
                     for r in ((False, True, True), (True, False, True), (True, True, False), (False, False, False))]
        if norm_first:
            variants += [(MEMORY_NORMED, v(act=act, memory_normed=True)),
                         (PRENORM_RESIDUAL_NORMED, v(act=act, residual_normed=True))]
        else:
            variants += [(RESIDUAL_AFTER_LN, v(act=act, residual_after_ln=True)),
                         (SUBLAYER_ORDER, v(act=act, order="cross_self"))]
        if self_mask is not None:
            variants.append((IGNORES_SELF_MASK, v(act=act, use_self_mask=False)))
        if memory_mask is not None:
            variants.append((IGNORES_MEMORY_MASK, v(act=act, use_memory_mask=False)))
    return variants


BLOCK_PARTS = (
    ("self_weights", 1, Text("the masked self-attention, sublayer 1", "masked self-attention, sublayer 1")),
    ("cross_weights", 2, Text("the cross-attention to memory, sublayer 2", "memory에 대한 cross-attention, sublayer 2")),
    ("out", 0, Text("the block's output, after the FFN (sublayer 3)", "FFN(sublayer 3) 뒤의 block 출력")))


def block_where(name, sublayer, arr, want, right):
    """Where a part of the decoder block's result differs: head, first target position, position 0."""
    bad = mismatch(arr, want)
    if name == "out":
        by_position = bad.any(axis=(0, 2))
        t = int(np.argmax(by_position))
        seq = int(np.argmax(bad[:, t].any(axis=-1)))
        head = Text("", "")
    else:
        j = int(np.argmax(bad.any(axis=(0, 2, 3))))
        by_position = bad[:, j].any(axis=(0, 2))
        t = int(np.argmax(by_position))
        seq = int(np.argmax(bad[:, j, t].any(axis=-1)))
        head = Text(f"in head {j} (of {arr.shape[1]}) ", f"head {j}(전체 {arr.shape[1]}개)에서 ")
    zero = (Text("target position 0 is right", "target 위치 0은 맞습니다") if not by_position[0]
            else Text("already target position 0 differs", "이미 target 위치 0부터 다릅니다"))
    ok = (Text(f" ({' and '.join(right)} match.)", f" ({', '.join(right)}은(는) 일치합니다.)") if right
          else Text("", ""))
    return (Text(f"{name} ({sublayer.en}) differs from the lecture's formulas ", f"{name} ({sublayer.ko})이(가) 강의 수식과 ")
            + head + Text(f"first at target position {t} (sequence {seq}); ", f"처음 다른 곳은 target 위치 {t}(시퀀스 {seq})이고, ")
            + zero + Text(".", "."), ok)


def check_block(got, y, memory, p, h, self_mask=None, memory_mask=None, norm_first=False):
    """Compare (out, self_weights, cross_weights) with the reference (either GELU form), naming known mistakes."""
    wants = [block_variant(y, memory, p, h, self_mask, memory_mask, norm_first, act) for act in GELUS]
    want = wants[0]
    values = unpack(got, 3, "decoder_block(...)")
    parts = [as_array(v, name) for v, name in zip(values, ("out", "self_weights", "cross_weights"))]
    out, sw, cw = parts
    Nb, n_y, n_mem = y.shape[0], y.shape[1], memory.shape[1]
    if sw.shape == want[2].shape and cw.shape == want[1].shape and n_y != n_mem:
        raise WEIGHTS_SWAPPED.failed()
    if cw.shape == (Nb, h, n_y, n_y) and n_y != n_mem:
        raise CROSS_KV_FROM_Y.failed()
    for name, arr, w in (("self_weights", sw, want[1]), ("cross_weights", cw, want[2])):
        if arr.shape == (Nb,) + w.shape[2:]:
            fail(f"{name} has shape (N, n_y, n_k): return every head's weights, shape (N, h, n_y, n_k), not their "
                 f"average.",
                 f"{name}의 shape이 (N, n_y, n_k)입니다: 평균 내지 말고 모든 head의 가중치를 (N, h, n_y, n_k)로 반환하세요.")
    expect_shape(out, want[0].shape, "out")
    expect_shape(sw, want[1].shape, "self_weights")
    expect_shape(cw, want[2].shape, "cross_weights")
    right = []
    for name, i, sublayer in BLOCK_PARTS:
        arr = parts[i]
        options = [wnt[i] for wnt in wants] if name == "out" else [want[i]]
        if any(matches(arr, o) for o in options):
            right.append(name)
            continue
        for diag, var in block_variants(y, memory, p, h, self_mask, memory_mask, norm_first):
            if all(matches(g, v) for g, v in zip(parts, var)) and not any(
                    all(matches(v, r) for v, r in zip(var, wnt)) for wnt in wants):
                raise diag.failed()
        if not np.all(np.isfinite(arr)):
            fail(f"{name} contains NaN or infinity where the lecture's formulas give finite numbers.",
                 f"{name}에 NaN 또는 무한대가 있습니다. 강의 수식으로는 유한한 값이 나옵니다.")
        where, ok = block_where(name, sublayer, arr, options[0], right)
        say(where + ok)
    return out, sw, cw


def call_block(impl, y, memory, p, h, self_mask=None, memory_mask=None, norm_first=False):
    return check_block(impl.decoder_block(y, memory, p, h, self_mask, memory_mask, norm_first),
                       y, memory, p, h, self_mask, memory_mask, norm_first)


def block_out(impl, y, memory, p, h, self_mask, memory_mask, norm_first):
    """Only the student's out, shape-checked (for properties compared between two calls)."""
    got = unpack(impl.decoder_block(y, memory, p, h, self_mask, memory_mask, norm_first), 3, "decoder_block(...)")
    return expect_shape(got[0], y.shape, "out"), got


# --------------------------------------------------------------------------- sequence_cross_entropy
def log_softmax(x, axis=-1):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def loss_variant(logits, targets, pad_id=0, eps=0.0, *, smoothing="V", reduce="tokens", pad_value=None, axis=-1):
    """The loss with one thing done the wrong way (the defaults give the lecture's / PyTorch's)."""
    V = logits.shape[-1]
    log_p = log_softmax(logits, axis=axis)
    skip = pad_id if pad_value is None else pad_value
    keep = targets != skip
    one_hot = np.eye(V)[targets]
    if smoothing == "V":
        q = (1 - eps) * one_hot + eps / V
    elif smoothing == "V-1":
        q = (1 - eps) * one_hot + eps / (V - 1) * (1 - one_hot)
    elif smoothing == "V-2":
        q = (1 - eps) * one_hot + eps / (V - 2) * (1 - one_hot)
        q[..., skip] = 0.0
    elif smoothing == "none":
        q = one_hot
    elif smoothing == "sum":
        q = (1 - eps) * one_hot + eps
    per_position = -(q * log_p).sum(axis=-1)                      # (N, n)
    if reduce == "include_pad":
        return float(per_position.mean())
    if not keep.any():
        return 0.0
    if reduce == "tokens":
        return float(per_position[keep].mean())
    if reduce == "all":
        return float(per_position[keep].sum() / keep.size)
    if reduce == "sum":
        return float(per_position[keep].sum())
    if reduce == "sequences":
        rows = keep.any(axis=1)
        return float(np.mean([per_position[r][keep[r]].mean() for r in np.nonzero(rows)[0]]))


def loss_variants(logits, targets, pad_id, eps):
    v = lambda **kw: loss_variant(logits, targets, pad_id, eps, **kw)  # noqa: E731
    variants = [(LOSS_PADDING_COUNTED, v(reduce="include_pad")), (LOSS_MEAN_OVER_ALL, v(reduce="all")),
                (LOSS_MEAN_PER_SEQUENCE, v(reduce="sequences")), (LOSS_SUM, v(reduce="sum")),
                (LOSS_WRONG_AXIS, v(axis=1))]
    if eps > 0:
        variants += [(LOSS_SMOOTHING_V_MINUS_1, v(smoothing="V-1")), (LOSS_SMOOTHING_V_MINUS_1, v(smoothing="V-2")),
                     (LOSS_IGNORES_SMOOTHING, v(smoothing="none")), (LOSS_SMOOTHING_NOT_DIVIDED, v(smoothing="sum"))]
    if pad_id != 0:
        variants.append((LOSS_IGNORES_PAD_ID, v(pad_value=0)))
    return variants


def check_loss(impl, logits, targets, pad_id=0, eps=0.0, what=None):
    what = what or f"sequence_cross_entropy(logits, targets, pad_id={pad_id}, label_smoothing={eps})"
    got = impl.sequence_cross_entropy(logits, targets, pad_id, eps)
    want = ref.sequence_cross_entropy(logits, targets, pad_id, eps)
    arr = as_array(got, what)
    if arr.shape != ():
        if arr.shape == targets.shape:
            fail(f"{what} returned one loss per position, shape {arr.shape}; return their mean over the non-padding "
                 f"positions, a single float.",
                 f"{what}이(가) 위치마다 손실을 반환했습니다 (shape {arr.shape}). padding이 아닌 위치에 대한 평균, 즉 float "
                 f"하나를 반환하세요.")
        fail(f"{what} should return a single float; it returned shape {arr.shape}.",
             f"{what}은(는) float 하나를 반환해야 하는데 shape {arr.shape}을(를) 반환했습니다.")
    if matches(arr, want):
        return float(arr)
    if any("overflow" in w for w in impl.warnings) or not np.isfinite(arr):
        if not np.all(targets == pad_id) and np.isfinite(want):
            raise LOSS_UNSTABLE.failed(Text(f"{what} gave {float(arr)}.", f"{what}의 결과가 {float(arr)}입니다."))
    if np.all(targets == pad_id):
        if not np.isfinite(arr):
            raise LOSS_ALL_PADDING.failed()
        fail(f"{what}: every target is padding, so the spec asks for 0.0.",
             f"{what}: 모든 target이 padding이므로 명세는 0.0을 요구합니다.")
    for diag, var in loss_variants(logits, targets, pad_id, eps):
        if variant_hit(arr, var, want):
            raise diag.failed()
    say(Text(f"{what} differs from the lecture's formula: the mean over the non-padding positions of "
             f"−[(1 − ε) log p_t(y_t) + (ε / V) Σ_v log p_t(v)], log p = logits − logsumexp(logits).",
             f"{what}이(가) 강의 수식과 다릅니다: padding이 아닌 위치들에 대한 "
             f"−[(1 − ε) log p_t(y_t) + (ε / V) Σ_v log p_t(v)]의 평균, log p = logits − logsumexp(logits)."))


def loss_inputs(rng, pad_id=0, n_seq=LN_, n=LT, V=LV, scale=2.0):
    logits = rng.normal(0, scale, (n_seq, n, V))
    targets = rng.integers(0, V, size=(n_seq, n))
    targets[targets == pad_id] = (pad_id + 1) % V
    lengths = rng.choice(np.arange(1, n), size=n_seq, replace=False)     # distinct: sequences weigh differently
    targets[np.arange(n)[None, :] >= lengths[:, None]] = pad_id
    return logits, targets


# --------------------------------------------------------------------------- greedy_decode
def make_table(rng, plan, V, eos, ties=None):
    """Logits (T, N, T, V) of a scripted step function: at step t (a prefix of t columns) the last position's
    argmax in row n is plan[n, t − 1]; every earlier position prefers another token (often eos), so that the
    argmax of the first position is wrong. ``ties`` (N, T) of token ids ties with the plan at the last position."""
    Nr, T = plan.shape
    table = rng.normal(0, 1, (T, Nr, T, V))
    for t in range(1, T + 1):
        for n in range(Nr):
            last = table[t - 1, n, t - 1]
            top = last.max() + 1.0 + rng.uniform()
            last[plan[n, t - 1]] = top
            if ties is not None:
                last[ties[n, t - 1]] = top
            for s in range(t - 1):
                others = [v for v in range(V) if v != plan[n, t - 1]]
                decoy = eos if (eos != plan[n, t - 1] and rng.uniform() < 0.5) else others[rng.integers(len(others))]
                row = table[t - 1, n, s]
                row[decoy] = row.max() + 2.0
    return table


def make_plan(rng, n_seq, T, content, eos, end_steps):
    """Tokens (n_seq, T) from ``content``; row n proposes eos at step end_steps[n] (1-based; None: never),
    and keeps proposing content tokens (and another eos) after it."""
    plan = rng.choice(content, size=(n_seq, T))
    for n, end in enumerate(end_steps):
        if end is not None:
            plan[n, end - 1] = eos
            if end + 1 < T:
                plan[n, end + 1] = eos
    return plan


def greedy_variant(table, memory, bos, eos, max_len, pad, *, position=-1, ties="low", stop="all",
                   pad_after_eos=True, keep_eos=True, keep_bos=False, limit=None, pad_value=None, trim=True):
    """Greedy decoding with one thing done the wrong way, on a scripted step (the defaults give the spec's);
    returns the tokens and how many calls of the step it made."""
    step = ScriptedStep(table)
    Nr = len(memory)
    fill = pad if pad_value is None else pad_value
    limit = max_len if limit is None else limit
    prefix = np.full((Nr, 1), bos)
    finished = np.zeros(Nr, dtype=bool)
    for _ in range(limit):
        if prefix.shape[1] > table.shape[0]:
            break
        logits = step(prefix, memory)[:, position]
        tok = np.argmax(logits, axis=-1) if ties == "low" else logits.shape[-1] - 1 - np.argmax(logits[:, ::-1], -1)
        if pad_after_eos:
            tok = np.where(finished, fill, tok)
        ended = tok == eos
        if not keep_eos:
            tok = np.where(ended & ~finished, fill, tok)
        finished = finished | ended
        prefix = np.concatenate([prefix, tok[:, None]], axis=1)
        if (stop == "all" and finished.all()) or (stop == "any" and finished.any()):
            break
    out = prefix if keep_bos else prefix[:, 1:]
    if not trim and out.shape[1] < max_len:
        out = np.concatenate([out, np.full((Nr, max_len - out.shape[1]), fill)], axis=1)
    return out, len(step.calls)


def greedy_variants(table, memory, bos, eos, max_len, pad):
    v = lambda **kw: greedy_variant(table, memory, bos, eos, max_len, pad, **kw)  # noqa: E731
    variants = [(GREEDY_FIRST_POSITION, v(position=0)), (GREEDY_TIES_HIGHEST, v(ties="high")),
                (GREEDY_NO_EARLY_STOP, v(stop="never")), (GREEDY_STOPS_AT_FIRST_EOS, v(stop="any")),
                (GREEDY_NO_PAD_AFTER_EOS, v(pad_after_eos=False)), (GREEDY_EOS_DROPPED, v(keep_eos=False)),
                (GREEDY_BOS_IN_RESULT, v(keep_bos=True)), (GREEDY_EXCEEDS_MAX_LEN, v(limit=max_len + 1)),
                (GREEDY_NOT_TRIMMED, v(trim=False)),
                (GREEDY_NO_PAD_AFTER_EOS, v(pad_after_eos=False, stop="never"))]
    if pad != 0:
        variants.append((GREEDY_IGNORES_PAD_ID, v(pad_value=0)))
    return variants


def check_prefixes(calls, arr, bos, eos, pad, memory):
    """Every prefix given to step_logits is [bos, the result so far] and comes with the memory.

    A prefix of t columns is compared with [bos, the first t − 1 tokens of the student's own result]
    (the SPEC's contract of the loop), so a wrong prefix is named even when the tokens are wrong too;
    how many calls there were is judged separately."""
    Nr = len(memory)
    started_right = False
    for i, (prefix, mem) in enumerate(calls, start=1):
        if mem is None or mem.shape != memory.shape or not np.array_equal(mem, memory):
            raise GREEDY_MEMORY_NOT_PASSED.failed(Text(f"(step {i})", f"(단계 {i})"))
        if prefix is None or prefix.ndim != 2 or prefix.shape[0] != Nr:
            shape = None if prefix is None else prefix.shape
            raise GREEDY_PREFIX_WRONG.failed(words(f"At step {i} it had shape {shape}, not (N, t) = ({Nr}, t).",
                                                   f"단계 {i}에서 shape이 (N, t) = ({Nr}, t)가 아니라 {shape}이었습니다."))
        t = prefix.shape[1]
        if t - 1 > arr.shape[1]:
            continue
        expected = np.concatenate([np.full((Nr, 1), bos), arr[:, :t - 1]], axis=1)
        if np.array_equal(prefix, expected):
            started_right = True
            continue
        n, c = first_index(prefix != expected)
        if c == 0 and not started_right:
            raise GREEDY_PREFIX_WITHOUT_BOS.failed()
        if expected[n, c] == pad and np.any(expected[n, 1:c] == eos):
            raise GREEDY_NO_PAD_AFTER_EOS.failed(Text(
                f"In the prefix passed to step_logits at step {i}, row {n} has a token after its eos where the "
                f"result has pad_id.",
                f"단계 {i}에서 step_logits에 넘긴 prefix의 행 {n}에, 결과에는 pad_id가 있는 eos 뒤 자리에 토큰이 있습니다."))
        if t < i:
            raise GREEDY_PREFIX_WRONG.failed(words(
                f"At step {i} the prefix had {t} column(s); it should have {i}: bos and the {i - 1} tokens so far.",
                f"단계 {i}에서 prefix의 열이 {t}개였습니다. bos와 지금까지의 토큰 {i - 1}개, 즉 {i}개여야 합니다."))
        raise GREEDY_PREFIX_WRONG.failed(words(
            f"At step {i} the prefix (N, {t}) differs from [bos, your first {t - 1} tokens] in row {n}, column {c}.",
            f"단계 {i}에서 prefix (N, {t})가 [bos, 결과의 처음 {t - 1}개 토큰]과 행 {n}, 열 {c}에서 다릅니다."))


def judge_decode(impl, table, memory, bos, eos, max_len, pad, count_calls=True):
    """Run the student's greedy_decode on a scripted step; judge the result, the prefixes, memory, the calls."""
    Nr = len(memory)
    what = f"greedy_decode(step_logits, memory, bos_id={bos}, eos_id={eos}, max_len={max_len}, pad_id={pad})"
    want = ref.greedy_decode(ScriptedStep(table), memory, bos, eos, max_len, pad)
    L = want.shape[1]
    try:
        got = impl.greedy_decode(ScriptedStep(table), memory, bos, eos, max_len, pad)
    except StudentCodeError as err:
        if err.kind == "exception" and "step_logits takes a prefix" in err.message:
            if f"got shape ({Nr}, 0)" in err.message:
                raise GREEDY_PREFIX_WITHOUT_BOS.failed() from None
            fail(f"Your greedy_decode passed step_logits a prefix it cannot take ({err.message}). The prefix is "
                 f"(N, t): bos first, then the tokens generated so far.",
                 f"greedy_decode가 step_logits에 받을 수 없는 prefix를 넘겼습니다 ({err.message}). prefix는 (N, t)입니다: "
                 f"bos가 먼저, 그다음 지금까지 생성한 토큰.", GREEDY_PREFIX_WRONG.code)
        if err.kind == "exception" and "step_logits was called more than" in err.message:
            raise GREEDY_EXCEEDS_MAX_LEN.failed(Text(
                f"Your loop called step_logits more than {4 * table.shape[0] + 4} times for max_len = {max_len}.",
                f"max_len = {max_len}인데 반복문이 step_logits를 {4 * table.shape[0] + 4}번 넘게 호출했습니다.")) from None
        raise
    record = impl.inputs_after[0] if impl.inputs_after else None
    calls = record.calls if isinstance(record, ScriptedStep) else []
    arr = as_array(got, what)
    if arr.ndim != 2 or arr.shape[0] != Nr:
        fail(f"{what} has shape {arr.shape}; it should be (N, L) = ({Nr}, L) with L ≤ max_len.",
             f"{what}의 shape이 {arr.shape}입니다. L ≤ max_len인 (N, L) = ({Nr}, L)이어야 합니다.")
    right = arr.shape == want.shape and np.array_equal(arr, want)
    if not right:
        hits = [(diag, n_calls) for diag, (var, n_calls) in greedy_variants(table, memory, bos, eos, max_len, pad)
                if arr.shape == var.shape and np.array_equal(arr, var)
                and not (var.shape == want.shape and np.array_equal(var, want))]
        if hits:     # the same tokens can come from two mistakes: prefer the one that called step_logits as often
            raise next((d for d, n_calls in hits if n_calls == len(calls)), hits[0][0]).failed()
    check_prefixes(calls, arr, bos, eos, pad, memory)
    if not calls and L:
        raise GREEDY_EXTRA_CALLS.failed(Text("step_logits was never called.", "step_logits가 한 번도 호출되지 않았습니다."))
    if not right:
        if arr.shape[1] > max_len:
            raise GREEDY_EXCEEDS_MAX_LEN.failed(Text(f"Your result has {arr.shape[1]} columns.",
                                                     f"결과의 열이 {arr.shape[1]}개입니다."))
        common = min(arr.shape[1], L)
        bad = arr[:, :common] != want[:, :common]
        if bad.any():
            k = int(np.argmax(bad.any(axis=0)))
            n = int(np.argmax(bad[:, k]))
            say(words(f"{what}: row {n} differs first at token {k} (step {k + 1}); the tokens before it match and the "
                      f"prefix given to step_logits was right. The next token of a row is the argmax of the last "
                      f"position's logits, or pad_id once the row has emitted eos.",
                      f"{what}: 행 {n}이(가) 토큰 {k}(단계 {k + 1})에서 처음 다릅니다. 그 앞의 토큰은 맞고 step_logits에 넘긴 "
                      f"prefix도 맞았습니다. 행의 다음 토큰은 마지막 위치 로짓의 argmax이고, 그 행이 eos를 낸 뒤에는 pad_id입니다."))
        say(words(f"{what}: the first {common} tokens of every row match, but the result has {arr.shape[1]} columns "
                  f"where decoding should stop after {L} (when every row has emitted eos, or at max_len).",
                  f"{what}: 모든 행의 처음 {common}개 토큰은 맞지만, 디코딩이 {L}개 뒤에 멈춰야 하는데 (모든 행이 eos를 냈을 때 "
                  f"또는 max_len에서) 결과의 열이 {arr.shape[1]}개입니다."))
    if count_calls and len(calls) != L:
        raise GREEDY_EXTRA_CALLS.failed(Text(f"step_logits was called {len(calls)} times for {L} generated tokens.",
                                             f"생성한 토큰은 {L}개인데 step_logits를 {len(calls)}번 호출했습니다."))
    expect_unchanged((memory,), impl.inputs_after[1:2], ("memory",))
    return arr


def decode_memory(rng, n_seq):
    return rng.normal(size=(n_seq, 3, 2))


# =========================================================================== checks
# --------------------------------------------------------------------------- additive_attention
@check("additive_attention",
       "out and weights match v · tanh(q_i W_q + k_j W_k) on random inputs, without a mask and with a padding mask",
       "무작위 입력에서 out과 weights가 v · tanh(q_i W_q + k_j W_k)와 일치 (마스크 없이, padding 마스크와 함께)", weight=3)
def test_additive_values(impl, rng):
    Q, K, V = additive_inputs(rng)
    p = additive_params(rng)
    check_additive(impl.additive_attention(Q, K, V, p), Q, K, V, p)
    expect_unchanged((Q, K, V, p), impl.inputs_after, ("Q", "K", "V", "params"))
    pad = padding_keep(rng, N, NK, 2)[:, None, :]
    check_additive(impl.additive_attention(Q, K, V, p, pad), Q, K, V, p, pad)


@check("additive_attention",
       "a mask (N, n_q, n_k) is applied before the softmax; masked keys and values change nothing",
       "마스크 (N, n_q, n_k)를 softmax 전에 적용; 마스킹된 key와 value는 결과를 바꾸지 않음", weight=2)
def test_additive_masked(impl, rng):
    Q, K, V = additive_inputs(rng)
    p = additive_params(rng)
    mask = random_mask(rng, (N, NQ, NK))
    out, w = check_additive(impl.additive_attention(Q, K, V, p, mask), Q, K, V, p, mask)
    expect_unchanged((Q, K, V, p, mask), impl.inputs_after, ("Q", "K", "V", "params", "mask"))
    pad = padding_keep(rng, N, NK, 2)
    K2, V2 = K.copy(), V.copy()
    K2[~pad] = rng.normal(size=(int((~pad).sum()), DK))
    V2[~pad] = rng.normal(size=(int((~pad).sum()), DV))
    m = pad[:, None, :]
    first = check_additive(impl.additive_attention(Q, K, V, p, m), Q, K, V, p, m)
    second = unpack(impl.additive_attention(Q, K2, V2, p, m), 2, "additive_attention(...)")
    if not (matches(second[0], first[0]) and matches(second[1], first[1])):
        fail("Changing the keys and values at masked positions changed the result; masked keys must not contribute.",
             "마스킹된 위치의 key와 value를 바꾸자 결과가 바뀌었습니다. 마스킹된 key는 기여하지 않아야 합니다.")


@check("additive_attention",
       "special cases: exactly one allowed key gives that row of V; a fully masked row gives zeros; scores ×300 stay finite",
       "특수한 경우: 허용된 key가 하나뿐이면 V의 그 행; 완전히 마스킹된 행은 0; 점수 ×300에서도 유한", weight=1)
def test_additive_special_cases(impl, rng):
    Q, K, V = additive_inputs(rng)
    p = additive_params(rng)
    allowed = rng.integers(NK, size=(N, NQ))
    one = np.arange(NK)[None, None, :] == allowed[..., None]
    out, w = check_additive(impl.additive_attention(Q, K, V, p, one), Q, K, V, p, one)
    mask = random_mask(rng, (N, NQ, NK), min_false=0)
    mask[0, rng.integers(NQ)] = False
    mask[1, rng.integers(NQ)] = False
    check_additive(impl.additive_attention(Q, K, V, p, mask), Q, K, V, p, mask)
    big = dict(p, v=300.0 * p["v"])
    pad = padding_keep(rng, N, NK, 2)[:, None, :]
    got = impl.additive_attention(Q, K, V, big, pad)
    if any("overflow" in m for m in impl.warnings):
        fail("With large scores (v × 300) your softmax overflowed: subtract each row's maximum before np.exp.",
             "점수가 클 때(v × 300) softmax가 overflow되었습니다: np.exp 전에 각 행의 최댓값을 빼세요.")
    check_additive(got, Q, K, V, big, pad)


# --------------------------------------------------------------------------- shift_right
@check("shift_right", "[bos, y_0, …, y_(n−2)] on random targets with padding",
       "padding이 있는 무작위 target에서 [bos, y_0, …, y_(n−2)]", weight=2)
def test_shift_right_values(impl, rng):
    targets = target_tokens(rng, 3, 6)
    bos = int(rng.integers(10, 20))
    got = impl.shift_right(targets, bos)
    expect_tokens(got, ref.shift_right(targets, bos), f"shift_right(targets, bos_id={bos})",
                  diagnose=lambda arr: diagnose_shift(arr, targets, bos))
    expect_unchanged((targets,), impl.inputs_after, ("targets",))


@check("shift_right", "keeps the targets' integer dtype (int32); a single position gives [bos]",
       "target의 정수 dtype 유지 (int32); 위치가 하나면 [bos]", weight=1)
def test_shift_right_dtype_and_length_one(impl, rng):
    targets = target_tokens(rng, 4, 5, dtype=np.int32)
    bos = int(rng.integers(20, 30))
    got = impl.shift_right(targets, bos)
    what = f"shift_right(int32 targets, bos_id={bos})"
    expect_tokens(got, ref.shift_right(targets, bos), what, diagnose=lambda arr: diagnose_shift(arr, targets, bos))
    if np.asarray(got).dtype != targets.dtype:
        raise SHIFT_DTYPE.failed(Text(f"{what} returned dtype {np.asarray(got).dtype}.",
                                      f"{what}의 dtype이 {np.asarray(got).dtype}입니다."))
    single = rng.integers(1, 10, size=(3, 1))
    bos = int(rng.integers(10, 20))
    expect_tokens(impl.shift_right(single, bos), ref.shift_right(single, bos),
                  f"shift_right(targets of shape (3, 1), bos_id={bos})",
                  diagnose=lambda arr: diagnose_shift(arr, single, bos))


# --------------------------------------------------------------------------- decoder_block
@check("decoder_block",
       "post-norm: a = LN_1(y + MHA(y, y)), b = LN_2(a + MHA(a, memory)), out = LN_3(b + FFN(b)), without and with "
       "padding masks",
       "post-norm: a = LN_1(y + MHA(y, y)), b = LN_2(a + MHA(a, memory)), out = LN_3(b + FFN(b)), 마스크 없이와 "
       "padding 마스크와 함께", weight=3)
def test_decoder_post_norm(impl, rng):
    y, memory, p = decoder_inputs(rng)
    call_block(impl, y, memory, p, H)
    expect_unchanged((y, memory, p), impl.inputs_after, ("y", "memory", "params"))
    self_pad, memory_pad = pad_masks(rng)
    call_block(impl, y, memory, p, H, self_pad, memory_pad)


@check("decoder_block",
       "pre-norm: a = y + MHA(LN_1(y), LN_1(y)), b = a + MHA(LN_2(a), memory), out = b + FFN(LN_3(b)), without and "
       "with padding masks",
       "pre-norm: a = y + MHA(LN_1(y), LN_1(y)), b = a + MHA(LN_2(a), memory), out = b + FFN(LN_3(b)), 마스크 없이와 "
       "padding 마스크와 함께", weight=2)
def test_decoder_pre_norm(impl, rng):
    y, memory, p = decoder_inputs(rng)
    call_block(impl, y, memory, p, H, norm_first=True)
    self_pad, memory_pad = pad_masks(rng)
    call_block(impl, y, memory, p, H, self_pad, memory_pad, True)


@check("decoder_block",
       "masks of shape (N, n_y, n_y) and (N, n_y, n_mem) reach their attention; a single target position (n_y = 1)",
       "shape (N, n_y, n_y)와 (N, n_y, n_mem)인 마스크가 각 attention에 전달됨; target 위치 하나 (n_y = 1)", weight=2)
def test_decoder_masks(impl, rng):
    y, memory, p = decoder_inputs(rng)
    self_mask = random_mask(rng, (BN, NY, NY))
    self_mask[:, np.arange(NY), np.arange(NY)] = True        # every position may still see itself
    memory_mask = random_mask(rng, (BN, NY, NM))
    call_block(impl, y, memory, p, H, self_mask, memory_mask)
    keep = np.ones((NY, NY), dtype=bool)
    keep[:, int(rng.integers(1, NY))] = False                 # (n_y, n_y): one position nobody may see
    call_block(impl, y, memory, p, H, keep, memory_mask, True)
    y1 = y[:, :1]
    call_block(impl, y1, memory, p, H, np.ones((BN, 1, 1), dtype=bool), memory_mask[:, :1])


@check("decoder_block",
       "causal: changing later target positions leaves earlier outputs unchanged (post- and pre-norm, with padding)",
       "causal: 뒤의 target 위치를 바꿔도 앞 위치의 출력은 그대로 (post-norm, pre-norm, padding 포함)", weight=1)
def test_decoder_causal(impl, rng):
    y, memory, p = decoder_inputs(rng)
    self_pad, memory_pad = pad_masks(rng)
    t = int(rng.integers(1, NY - 1))
    y2 = y.copy()
    y2[:, t:] = rng.normal(size=(BN, NY - t, DM))
    for norm_first in (False, True):
        out, _ = block_out(impl, y, memory, p, H, self_pad, memory_pad, norm_first)
        out2, _ = block_out(impl, y2, memory, p, H, self_pad, memory_pad, norm_first)
        if not matches(out[:, :t], out2[:, :t]):
            for act in GELUS:
                if matches(out, block_variant(y, memory, p, H, self_pad, memory_pad, norm_first, act, causal="none")[0]):
                    raise NO_CAUSAL.failed()
            fail(f"Changing the target positions from {t} on changed the outputs before position {t} "
                 f"({'pre' if norm_first else 'post'}-norm): the future leaks into the past.",
                 f"target 위치 {t}부터를 바꾸자 위치 {t} 이전의 출력이 바뀌었습니다 ({'pre' if norm_first else 'post'}-norm): "
                 f"미래 정보가 과거로 새어 들어갑니다.")
        call_block(impl, y2, memory, p, H, self_pad, memory_pad, norm_first)


@check("decoder_block",
       "padded memory positions get cross-attention weight exactly 0 and changing them changes nothing",
       "padding된 memory 위치는 cross-attention 가중치가 정확히 0이고, 그 위치를 바꿔도 결과 불변", weight=1)
def test_decoder_padded_memory(impl, rng):
    y, memory, p = decoder_inputs(rng)
    self_pad, memory_pad = pad_masks(rng)
    out, got = block_out(impl, y, memory, p, H, self_pad, memory_pad, False)
    cw = expect_shape(got[2], (BN, H, NY, NM), "cross_weights")
    if not np.all(cw[np.broadcast_to(~memory_pad[:, None], cw.shape)] == 0):
        call_block(impl, y, memory, p, H, self_pad, memory_pad)
        fail("Padded memory positions got a nonzero cross-attention weight; pass memory_mask to the cross-attention.",
             "padding된 memory 위치가 0이 아닌 cross-attention 가중치를 받았습니다. memory_mask를 cross-attention에 넘기세요.")
    m2 = memory.copy()
    keep = memory_pad[:, 0, :]
    m2[~keep] = rng.normal(size=(int((~keep).sum()), DM))
    out2, _ = block_out(impl, y, m2, p, H, self_pad, memory_pad, False)
    if not matches(out2, out):
        fail("Changing the memory at padded positions changed the output; masked memory must not contribute.",
             "padding된 위치의 memory를 바꾸자 출력이 바뀌었습니다. 마스킹된 memory는 기여하지 않아야 합니다.")
    call_block(impl, y, m2, p, H, self_pad, memory_pad)


@check("decoder_block",
       "a target position that may see no memory gets zero cross-attention weights and no NaN",
       "memory를 하나도 볼 수 없는 target 위치는 cross-attention 가중치가 0이고 NaN 없음", weight=1)
def test_decoder_fully_masked_memory_row(impl, rng):
    y, memory, p = decoder_inputs(rng)
    self_pad, _ = pad_masks(rng)
    memory_mask = random_mask(rng, (BN, NY, NM))
    dead = (int(rng.integers(BN)), int(rng.integers(NY)))
    memory_mask[dead] = False
    out, got = block_out(impl, y, memory, p, H, self_pad, memory_mask, True)
    cw = expect_shape(got[2], (BN, H, NY, NM), "cross_weights")
    if not (np.all(np.isfinite(out)) and np.all(np.isfinite(cw))):
        raise FULLY_MASKED_NAN.failed(Text(f"(sequence {dead[0]}, target position {dead[1]})",
                                           f"(시퀀스 {dead[0]}, target 위치 {dead[1]})"))
    call_block(impl, y, memory, p, H, self_pad, memory_mask, True)


# --------------------------------------------------------------------------- sequence_cross_entropy
@check("sequence_cross_entropy", "mean cross-entropy over the non-padding positions on random logits",
       "무작위 로짓에서 padding이 아닌 위치들의 cross-entropy 평균", weight=2)
def test_loss_values(impl, rng):
    logits, targets = loss_inputs(rng)
    check_loss(impl, logits, targets)
    expect_unchanged((logits, targets), impl.inputs_after, ("logits", "targets"))


@check("sequence_cross_entropy", "label smoothing ε: −[(1 − ε) log p_target + (ε / V) Σ_v log p_v], as PyTorch",
       "label smoothing ε: −[(1 − ε) log p_target + (ε / V) Σ_v log p_v], PyTorch와 같음", weight=2)
def test_loss_label_smoothing(impl, rng):
    logits, targets = loss_inputs(rng)
    eps = float(rng.choice([0.1, 0.2, 0.3]))
    check_loss(impl, logits, targets, 0, eps)


@check("sequence_cross_entropy", "stable for huge logits (×1000), with and without smoothing",
       "아주 큰 로짓(×1000)에서도 안정적 (smoothing 있을 때와 없을 때)", weight=1)
def test_loss_huge_logits(impl, rng):
    logits, targets = loss_inputs(rng, scale=1000.0)
    logits[0, 0] += 1e5
    check_loss(impl, logits, targets, 0, 0.0, "sequence_cross_entropy(logits × 1000, targets)")
    check_loss(impl, logits, targets, 0, 0.1, "sequence_cross_entropy(logits × 1000, targets, label_smoothing=0.1)")


@check("sequence_cross_entropy", "every target padding gives 0.0; a single real position gives its own loss",
       "모든 target이 padding이면 0.0; 실제 위치가 하나면 그 위치의 손실", weight=1)
def test_loss_all_padding(impl, rng):
    logits, targets = loss_inputs(rng)
    padded = np.zeros_like(targets)
    check_loss(impl, logits, padded, 0, 0.1, "sequence_cross_entropy(logits, targets that are all padding)")
    one = padded.copy()
    one[rng.integers(LN_), rng.integers(LT)] = rng.integers(1, LV)
    check_loss(impl, logits, one, 0, 0.0, "sequence_cross_entropy(logits, targets with one real position)")


@check("sequence_cross_entropy", "uses the pad_id it is given (0 is then a real class)",
       "주어진 pad_id를 사용 (그때 0은 실제 클래스)", weight=1)
def test_loss_pad_id(impl, rng):
    pad_id = int(rng.integers(2, LV))
    logits, targets = loss_inputs(rng, pad_id=pad_id)
    real = targets != pad_id
    targets[real & (rng.uniform(size=targets.shape) < 0.4)] = 0
    check_loss(impl, logits, targets, pad_id, 0.0)


# --------------------------------------------------------------------------- greedy_decode
V_DEC = 9


@check("greedy_decode",
       "rows ending at different steps: argmax of the last position, pad after eos, one step_logits call per token",
       "서로 다른 단계에서 끝나는 행: 마지막 위치의 argmax, eos 뒤 pad, 토큰마다 step_logits 한 번 호출", weight=3)
def test_greedy_values(impl, rng):
    pad, bos, eos, max_len = 0, 1, 2, 6
    ends = list(rng.permutation(np.array([2, 3, 5, -1])))
    plan = make_plan(rng, 4, max_len + 2, np.arange(3, V_DEC), eos, [None if e < 0 else int(e) for e in ends])
    table = make_table(rng, plan, V_DEC, eos)
    judge_decode(impl, table, decode_memory(rng, 4), bos, eos, max_len, pad)


@check("greedy_decode", "stops as soon as every row has emitted eos, before max_len",
       "모든 행이 eos를 내면 max_len 전에 바로 멈춤", weight=2)
def test_greedy_stops_early(impl, rng):
    pad, bos, eos, max_len = 0, 1, 2, 7
    k = int(rng.integers(3, 5))
    # one row ends at the last step k, one just before, one at least two steps earlier: some row is
    # always finished while the others go on (its prefix gets pad_id), on every seed
    ends = [int(e) for e in rng.permutation([k, int(rng.integers(1, k - 1)), k - 1])]
    plan = make_plan(rng, 3, max_len + 2, np.arange(3, V_DEC), eos, ends)
    table = make_table(rng, plan, V_DEC, eos)
    judge_decode(impl, table, decode_memory(rng, 3), bos, eos, max_len, pad)


@check("greedy_decode", "rows that ended get the pad_id given (0 is a real token here), in the result and the prefix",
       "끝난 행은 주어진 pad_id를 받음 (여기서 0은 실제 토큰), 결과와 prefix 모두", weight=2)
def test_greedy_pads_finished_rows(impl, rng):
    pad, bos, eos = (int(i) for i in rng.choice(np.arange(1, V_DEC), size=3, replace=False))
    content = np.array([v for v in range(V_DEC) if v not in (pad, bos, eos)])
    max_len = 6
    ends = [int(e) for e in rng.permutation([1, 3, 4])]
    plan = make_plan(rng, 3, max_len + 2, content, eos, ends)
    table = make_table(rng, plan, V_DEC, eos)
    judge_decode(impl, table, decode_memory(rng, 3), bos, eos, max_len, pad, count_calls=False)


@check("greedy_decode", "ties go to the lowest index; never more than max_len tokens when no row ends",
       "동점이면 가장 작은 index; 어떤 행도 끝나지 않으면 최대 max_len개", weight=1)
def test_greedy_ties_and_max_len(impl, rng):
    pad, bos, eos, max_len = 0, 1, 2, int(rng.integers(3, 5))
    plan = rng.integers(3, 6, size=(3, max_len + 2))
    ties = rng.integers(6, V_DEC, size=plan.shape)
    table = make_table(rng, plan, V_DEC, eos, ties=ties)
    judge_decode(impl, table, decode_memory(rng, 3), bos, eos, max_len, pad)


@check("greedy_decode", "max_len = 1: one call with the prefix [bos], one token per row, no bos in the result",
       "max_len = 1: prefix [bos]로 한 번 호출, 행마다 토큰 하나, 결과에 bos 없음", weight=1)
def test_greedy_first_step(impl, rng):
    pad, bos, eos = 0, int(rng.integers(3, V_DEC)), 2
    content = np.array([v for v in range(1, V_DEC) if v not in (bos, eos)])
    plan = make_plan(rng, 2, 3, content, eos, [None, None])
    table = make_table(rng, plan, V_DEC, eos)
    judge_decode(impl, table, decode_memory(rng, 2), bos, eos, 1, pad)
