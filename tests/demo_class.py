"""This course's demo class (``c.Course.demo_class``): 16 students whose submissions exercise the
whole kit on every assignment — full marks, blank, partial work, the known mistakes of the
catalogue by name, endless loops, a killed kernel, a damaged file, tampered test cells, noisy but
correct code. ``seqlab demo`` builds their submissions from the released notebooks.
"""
import dataclasses

from seqlab.demo import Persona
from seqlab.i18n import Text

ROSTER = [
    Persona("demo-01-ada", "full marks: the reference answers"),
    Persona("demo-02-ben", "blank: submitted the released notebook untouched", default="blank"),
    Persona("demo-03-chloe", "partial work: the first half of each notebook", solved_fraction=0.5),
    Persona("demo-04-dae", "PyTorch's GRU update convention; BPTT without the gradient from step t+1; attention "
            "without 1/√d_k, additive attention with it; MultiheadAttention without batch_first",
            functions={"gru_update": "mistake:gru_update_pytorch", "gru_step": "mistake:gru_step_pytorch_update",
                       "rnn_backward": "mistake:rnn_backward_each_step_alone",
                       "scaled_dot_product_attention": "mistake:attention_without_scale",
                       "additive_attention": "mistake:additive_scaled_like_dot_product",
                       "TransformerForecaster": "mistake:TransformerForgetsBatchFirst"}),
    Persona("demo-05-eun", "LSTM gates in PyTorch's order; sigmoid candidate; dc_prev without ⊙ f_t; softmax over "
            "the wrong axis, twice; training without zero_grad",
            functions={"lstm_gates": "mistake:lstm_gates_written_in_pytorch_order",
                       "lstm_candidate": "mistake:lstm_candidate_sigmoid",
                       "lstm_step_backward": "mistake:lstm_step_backward_dc_prev_is_dc",
                       "softmax": "mistake:softmax_sum_over_axis_0",
                       "additive_attention": "mistake:additive_softmax_over_queries",
                       "train_model": "mistake:train_model_accumulates"}),
    Persona("demo-06-farid", "naive sigmoid and log-softmax that overflow; tanh forgotten in h_t, outside v in "
            "additive attention; tanh′ from the pre-activation; PE sin/cos swapped; the LSTM's c_n for h_T",
            functions={"sigmoid": "mistake:sigmoid_naive", "lstm_hidden": "mistake:lstm_hidden_forgot_tanh",
                       "rnn_step_backward": "mistake:rnn_step_backward_tanh_grad_of_a",
                       "positional_encoding": "mistake:pe_cos_on_even_columns",
                       "additive_attention": "mistake:additive_tanh_after_v", "sequence_cross_entropy": "mistake:loss_naive_exp",
                       "RNNForecaster": "mistake:RNNForecasterReadsTheCell"}),
    Persona("demo-07-gita", "GRU reset after the matmul; time-major outputs; BPTT walking forward in time; mask "
            "after softmax; greedy decoding that keeps going after eos; mean pooling",
            functions={"gru_candidate": "mistake:gru_candidate_pytorch_reset",
                       "lstm_forward": "mistake:lstm_forward_time_major",
                       "rnn_backward": "mistake:rnn_backward_loops_forward",
                       "scaled_dot_product_attention": "mistake:attention_masks_weights",
                       "greedy_decode": "mistake:greedy_runs_to_max_len",
                       "TransformerForecaster": "mistake:TransformerPoolsTheMean"}),
    Persona("demo-08-hana", "updates the cell state, the gradients (clipping) and the targets in place; gates without "
            "bias; the Annotated Transformer's unbiased layer norm and label smoothing over V − 2; evaluates in train mode",
            functions={"lstm_cell_update": "mistake:lstm_cell_in_place", "lstm_gates": "mistake:lstm_gates_no_bias",
                       "clip_grad_norm": "mistake:clip_grad_norm_in_place", "layer_norm": "mistake:layer_norm_ddof_1",
                       "shift_right": "mistake:shift_right_in_place",
                       "sequence_cross_entropy": "mistake:loss_annotated_transformer_smoothing",
                       "evaluate": "mistake:evaluate_without_eval"}),
    Persona("demo-09-ivan", "an endless loop in gru_step, lstm_backward, multi_head_attention, greedy_decode and train_model",
            functions={"gru_step": "loop", "lstm_backward": "loop", "multi_head_attention": "loop",
                       "greedy_decode": "loop",
                       "train_model": "loop"}),
    Persona("demo-10-jun", "calls os._exit() inside lstm_forward, rnn_backward and encoder_block (kills the kernel)",
            functions={"lstm_forward": "exit", "rnn_backward": "exit", "encoder_block": "exit"}),
    Persona("demo-11-kim", "the file is damaged: not valid JSON", file="invalid_json"),
    Persona("demo-12-lena", "deleted two test cells and rewrote another to `pass` worth 100 points",
            default="blank", functions={"sigmoid": "solution", "rnn_step": "solution", "softmax": "solution"},
            file="tamper_tests"),
    Persona("demo-13-mo", "correct answers that print, write to stderr and warn", default="chatty"),
    Persona("demo-14-nora", "a syntax error in lstm_step and in lstm_step_backward; lstm_gates and clip_grad_norm "
            "raise; concatenated PE; no residual, in the encoder and in the decoder; the PE table as a plain tensor, not a buffer",
            functions={"lstm_step": "syntax", "lstm_gates": "raise", "lstm_step_backward": "syntax",
                       "clip_grad_norm": "raise", "positional_encoding": "mistake:pe_sin_then_cos",
                       "encoder_block": "mistake:encoder_no_residual", "decoder_block": "mistake:decoder_no_ffn_residual",
                       "PositionalEncoding": "mistake:PositionalEncodingTensorAttribute"}),
    Persona("demo-15-omar", "dh_prev without the transpose of W_hh; merges heads without the transpose; ReLU "
            "instead of GELU, in the decoder too; PE positions from 1; greedy decoding one token too long; counts frozen parameters",
            functions={"rnn_step_backward": "mistake:rnn_step_backward_dh_prev_not_transposed",
                       "merge_heads": "mistake:merge_heads_reshape_only", "gelu": "mistake:gelu_is_relu",
                       "feed_forward": "mistake:ffn_relu", "positional_encoding": "mistake:pe_positions_one_based",
                       "decoder_block": "mistake:decoder_relu", "greedy_decode": "mistake:greedy_off_by_one",
                       "count_parameters": "mistake:count_every_parameter"}),
    Persona("demo-16-pia", "clips each gradient array by its own norm; PyTorch's mask polarity, and a decoder without "
            "the causal mask; eps outside the sqrt; post-norm always; attention per head, not averaged",
            functions={"clip_grad_norm": "mistake:clip_grad_norm_each_array",
                       "scaled_dot_product_attention": "mistake:attention_pytorch_mask_polarity",
                       "layer_norm": "mistake:layer_norm_std_plus_eps", "encoder_block": "mistake:encoder_always_post_norm",
                       "decoder_block": "mistake:decoder_without_causal_mask",
                       "last_position_attention": "mistake:attention_per_head"}),
]

# ---------------------------------------------------------------- names, written answers, hand-ins
# Set apart from each persona's story (seqlab.demo.Persona fields): the name formgrader shows, the
# quality and language of the written quiz answers (WRITTEN below), what was handed in late or not
# at all, and a copy — demo-08-hana hands in demo-16-pia's attention code with the names changed.
_MORE = {
    "demo-01-ada": dict(first_name="Ada", last_name="Moreau", written="good"),
    "demo-02-ben": dict(first_name="Ben", last_name="Carter"),
    "demo-03-chloe": dict(first_name="Chloé", last_name="Martin", written="partial", missing=("quiz_transformer",)),
    "demo-04-dae": dict(first_name="Dae-ho", last_name="Lee", written="wrong", language="ko"),
    "demo-05-eun": dict(first_name="Eun-ji", last_name="Kim", written="good", language="ko"),
    "demo-06-farid": dict(first_name="Farid", last_name="Haddad", written="partial"),
    "demo-07-gita": dict(first_name="Gita", last_name="Sharma", written="wrong", late={"attention": 30}),
    "demo-08-hana": dict(first_name="Hana", last_name="Choi", written="partial", language="ko",
                         copies={"attention": "demo-16-pia"}),
    "demo-09-ivan": dict(first_name="Ivan", last_name="Petrov", written="good"),
    "demo-10-jun": dict(first_name="Jun-seo", last_name="Park", written="partial", language="ko"),
    "demo-11-kim": dict(first_name="Min-seo", last_name="Kim", language="ko"),
    "demo-12-lena": dict(first_name="Lena", last_name="Fischer"),
    "demo-13-mo": dict(first_name="Mo", last_name="Zhang", written="good"),
    "demo-14-nora": dict(first_name="Nora", last_name="Lindqvist", written="wrong"),
    "demo-15-omar": dict(first_name="Omar", last_name="Benali", written="partial", late={"transformer": 3}),
    "demo-16-pia": dict(first_name="Pia", last_name="Schmidt", written="wrong",
                        functions={"softmax": "alternative:softmax_logsumexp"}),
}


def _more(p):
    extra = dict(_MORE.get(p.student, {}))
    if "functions" in extra:
        extra["functions"] = {**extra["functions"], **p.functions}
    return dataclasses.replace(p, **extra)


ROSTER = [_more(p) for p in ROSTER]

T = Text
# The demo students' written answers, per written answer cell and quality, in both languages.
WRITTEN = {
    "answer_lstm_explain": {
        "good": T("The cell state C_t is the long-term memory. The forget gate f_t (between 0 and 1) scales the old "
                  "memory C_{t-1}: near 0 it erases, near 1 it keeps. The input gate i_t scales how much of the new "
                  "candidate C̃_t is written. The output gate o_t decides how much of tanh(C_t) comes out as h_t, which "
                  "the next step sees. Since C is updated by adding, the gradient along C is only multiplied by f_t "
                  "at each step, so it vanishes much less than in a plain RNN.",
                  "셀 상태 C_t는 장기 기억입니다. forget gate f_t는 0~1 사이 값으로 이전 기억 C_{t-1}을 얼마나 남길지 "
                  "정하고 (0이면 지움, 1이면 유지), input gate i_t는 새 후보 C̃_t를 얼마나 더할지 정합니다. output gate "
                  "o_t는 tanh(C_t) 중 얼마를 h_t로 내보낼지 정하고, 다음 시점은 이 h_t를 봅니다. C를 덧셈으로 갱신하기 "
                  "때문에 기울기에 매 시점 f_t만 곱해져서 일반 RNN보다 기울기 소실이 훨씬 덜합니다."),
        "partial": T("The forget gate removes old information from the cell state and the input gate adds new "
                     "information from the candidate. The output gate gives the hidden state h_t. The cell state is "
                     "the memory of the LSTM.",
                     "forget gate는 셀 상태에서 필요 없는 정보를 지우고 input gate는 새 정보를 추가합니다. output gate는 "
                     "h_t를 만듭니다. 셀 상태는 LSTM의 기억입니다."),
        "wrong": T("The forget gate makes the network forget the input x_t when it is not important, the input gate "
                   "chooses which inputs to read, and the output gate chooses the final output of the whole sequence. "
                   "The cell state is the same as the hidden state h_t, just before the tanh.",
                   "forget gate는 중요하지 않은 입력 x_t를 잊게 하고, input gate는 어떤 입력을 읽을지 고르며, output "
                   "gate는 전체 시퀀스의 최종 출력을 고릅니다. 셀 상태는 tanh를 적용하기 전의 은닉 상태 h_t와 같습니다."),
    },
    "answer_seq2seq_explain": {
        "good": T("The encoder has to compress the whole sentence into one fixed-size vector, and the decoder uses that "
                  "same vector for every output word. For long sentences this bottleneck loses information, especially "
                  "about the first words. With attention the decoder keeps all encoder hidden states: at every step its "
                  "state is the query, it scores every encoder state, turns the scores into weights with a softmax and "
                  "takes the weighted sum. So each output word gets its own context: writing 'school', it mostly looks "
                  "at '학교'.",
                  "attention이 없으면 인코더가 문장 전체를 고정 크기 벡터 하나에 압축해야 하고, 디코더는 모든 출력 "
                  "단어에 같은 벡터를 씁니다. 문장이 길수록 이 병목 때문에 정보(특히 앞쪽 단어)가 사라집니다. attention을 "
                  "쓰면 인코더의 모든 은닉 상태를 남겨 두고, 디코더가 매 시점 자신의 상태를 query로 삼아 각 인코더 상태와 "
                  "점수를 계산한 뒤 softmax로 가중치를 만들어 가중합을 구합니다. 그래서 출력 단어마다 관련된 입력 단어에 "
                  "집중한 다른 context를 얻습니다 (예: 'school'을 낼 때 '학교'를 봄)."),
        "partial": T("A fixed context vector cannot hold all the information of a long sentence, so the translation "
                     "gets worse as sentences get longer. Attention fixes this by letting the decoder look at the input "
                     "sentence again.",
                     "고정된 context vector 하나에는 긴 문장의 정보를 다 담을 수 없어서 문장이 길어지면 번역 품질이 "
                     "떨어집니다. attention은 디코더가 입력 문장을 다시 볼 수 있게 해서 이 문제를 해결합니다."),
        "wrong": T("The context vector is fixed because its weights are not trained, so the model cannot learn long "
                   "sentences. Attention makes the context vector bigger so that more words fit in it.",
                   "context vector는 가중치가 학습되지 않아서 고정되어 있고, 그래서 긴 문장을 학습할 수 없습니다. "
                   "attention은 context vector를 더 크게 만들어서 더 많은 단어가 들어가게 합니다."),
    },
    "answer_why_attention_explain": {
        "good": T("RNNs process one step at a time, so they cannot be parallelised; information between distant words "
                  "must pass through many steps, so gradients vanish or explode and long-range dependencies are hard to "
                  "learn; and everything must fit into a fixed-size hidden state. Attention computes the scores Q Kᵀ "
                  "for all pairs at once (parallel), connects every pair of positions directly (path length 1), and "
                  "lets each position take its own weighted mix of all values instead of one compressed vector.",
                  "RNN은 한 시점씩 처리해서 병렬화가 안 되고, 멀리 떨어진 단어 사이의 정보가 여러 시점을 거쳐야 해서 "
                  "기울기 소실/폭발로 장거리 의존성을 배우기 어렵고, 모든 정보를 고정 크기 은닉 상태에 담아야 합니다. "
                  "attention은 모든 쌍의 점수 Q Kᵀ를 한 번에 계산하고(병렬), 모든 위치를 직접 연결하며(경로 길이 1), "
                  "각 위치가 모든 value의 가중합을 스스로 만들기 때문에 압축된 벡터 하나에 기대지 않습니다."),
        "partial": T("RNNs are slow because they are sequential, and they forget the beginning of long sequences. "
                     "Attention looks at all the words at once, so it is faster and remembers better.",
                     "RNN은 순차적이라 느리고 긴 시퀀스에서 앞부분을 잊어버립니다. attention은 모든 단어를 한 번에 보기 "
                     "때문에 더 빠르고 더 잘 기억합니다."),
        "wrong": T("RNNs have too few parameters to learn language, and attention adds many more. Attention also needs "
                   "no training data, because its weights are computed directly from the input.",
                   "RNN은 언어를 배우기에는 파라미터가 너무 적고 attention은 파라미터를 많이 추가합니다. 또 attention "
                   "가중치는 입력에서 바로 계산되므로 학습 데이터가 필요 없습니다."),
    },
    "answer_sdpa_steps": {
        "good": T("Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V. (1) Q Kᵀ: the dot product of each query with each key, "
                  "a similarity score. (2) Divide by √d_k: the scores do not grow with d_k, so the softmax does not "
                  "saturate and the gradients stay useful. (3) Softmax over the keys (last axis): each query's row "
                  "becomes weights ≥ 0 that sum to 1. (4) Multiply by V: each output row is the weighted average of "
                  "the value vectors.",
                  "Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V. (1) Q Kᵀ: 각 query와 각 key의 내적, 즉 유사도 점수. "
                  "(2) √d_k로 나누기: d_k가 커져도 점수가 커지지 않게 해서 softmax가 포화되지 않고 기울기가 살아 있음. "
                  "(3) key 축(마지막 축)으로 softmax: 각 query의 점수가 합이 1인 양수 가중치가 됨. (4) V 곱하기: 각 "
                  "출력 행은 value 벡터들의 가중 평균."),
        "partial": T("softmax(Q Kᵀ) V / √d_k. First Q and K are multiplied to get scores, then the softmax makes them "
                     "probabilities, then multiplying with V gives the output, and dividing by √d_k makes it stable.",
                     "softmax(Q Kᵀ) V / √d_k. Q와 K를 곱해 점수를 얻고, softmax로 확률로 만들고, V를 곱해 출력을 얻은 "
                     "뒤, 안정적으로 만들기 위해 √d_k로 나눕니다."),
        "wrong": T("Attention = softmax(Q V) K / d_k. Q and V are multiplied to get the scores, the softmax is taken "
                   "over the queries so that each column sums to 1, and dividing by d_k normalises the output.",
                   "Attention = softmax(Q V) K / d_k. Q와 V를 곱해 점수를 구하고, 각 열의 합이 1이 되도록 query 축으로 "
                   "softmax를 하며, d_k로 나누어 출력을 정규화합니다."),
    },
    "answer_norm_explain": {
        "good": T("Post-norm: x = LN(x + Sublayer(x)). Pre-norm: x = x + Sublayer(LN(x)). In post-norm the residual sum "
                  "itself is normalised after every block, so the path through the stack passes through every LN; in "
                  "pre-norm only the sublayer's input is normalised and the residual stream is an untouched identity "
                  "path from top to bottom. So deep pre-norm stacks train more stably with less warm-up (GPT-style "
                  "models use it), but they need a final LayerNorm after the last block.",
                  "Post-norm: x = LN(x + Sublayer(x)), Pre-norm: x = x + Sublayer(LN(x)). post-norm에서는 매 블록마다 "
                  "residual 합 자체가 정규화되어 스택을 지나는 경로가 모든 LN을 거칩니다. pre-norm에서는 sublayer의 "
                  "입력만 정규화하고 residual 경로는 위에서 아래까지 그대로인 identity 경로입니다. 그래서 깊은 pre-norm "
                  "모델은 warm-up을 덜 해도 안정적으로 학습되지만 (GPT 계열), 마지막 블록 뒤에 LayerNorm이 하나 더 "
                  "필요합니다."),
        "partial": T("Post-norm puts the LayerNorm after the residual addition, LN(x + Sublayer(x)); pre-norm puts it "
                     "before the sublayer, x + Sublayer(LN(x)). New models mostly use pre-norm because it works better.",
                     "post-norm은 residual 덧셈 뒤에 LayerNorm을 둡니다: LN(x + Sublayer(x)). pre-norm은 sublayer 앞에 "
                     "둡니다: x + Sublayer(LN(x)). 요즘 모델은 더 잘 되기 때문에 pre-norm을 많이 씁니다."),
        "wrong": T("Pre-norm normalises the input once before the first layer and post-norm normalises the output once "
                   "after the last layer, so they differ only at the two ends of the network. In training there is no "
                   "practical difference.",
                   "pre-norm은 첫 층 앞에서 입력을 한 번 정규화하고, post-norm은 마지막 층 뒤에서 출력을 한 번 "
                   "정규화합니다. 그래서 네트워크의 양 끝에서만 다르고, 학습에는 실제 차이가 없습니다."),
    },
    "answer_pattern_observe": {
        "good": T("For each sentence I would plot the weights of every layer and head as a heatmap, queries as rows and "
                  "keys as columns (each row sums to 1). I would look for heads that attend to the previous or next "
                  "token, to the token itself, to a related word (a verb to its subject) or broadly over the sentence, "
                  "and check whether a head does the same across sentences. Caution: a weight shows what is mixed in at "
                  "that head, not why the model decided; values, other heads and the residual path matter too, so I "
                  "would average over many sentences before concluding.",
                  "문장마다 각 층과 각 head의 attention 가중치를 heatmap으로 그립니다 (행은 query, 열은 key, 각 행의 "
                  "합은 1). 이전/다음 토큰을 보는 head, 자기 자신을 보는 head, 관련 단어(동사가 주어를)를 보는 head, "
                  "문장 전체에 퍼진 head가 있는지 보고, 같은 head가 여러 문장에서 같은 패턴을 보이는지 비교합니다. "
                  "주의: 가중치는 그 head에서 무엇이 섞이는지를 보여 줄 뿐 모델이 왜 그렇게 결정했는지를 설명하지 "
                  "않습니다. value, 다른 head, residual 경로도 영향을 주므로 여러 문장의 평균을 보고 결론을 내립니다."),
        "partial": T("I would plot the attention weights as a heatmap and look at which words attend to which. For "
                     "example, a pronoun should attend to the noun it refers to.",
                     "attention 가중치를 heatmap으로 그리고 어떤 단어가 어떤 단어를 보는지 살펴봅니다. 예를 들어 대명사는 "
                     "자신이 가리키는 명사를 봐야 합니다."),
        "wrong": T("I would plot the loss curve of each sentence and pick the sentence with the lowest loss, because its "
                   "attention pattern is the best. The weights tell us directly which words the model finds important, "
                   "so no caution is needed.",
                   "문장마다 loss 곡선을 그리고 loss가 가장 낮은 문장을 고릅니다. 그 문장의 attention 패턴이 가장 좋기 "
                   "때문입니다. 가중치가 모델이 중요하다고 여기는 단어를 그대로 알려 주므로 따로 주의할 점은 없습니다."),
    },
    "answer_rnn_transformer_tradeoff": {
        "good": T("A Transformer for sequences of moderate length (hundreds to a few thousand tokens) on GPUs when "
                  "long-range relations matter: all positions are computed in parallel and every pair is connected "
                  "directly (path length 1), at O(n² d) time and O(n²) memory per layer. An RNN for very long or "
                  "streaming input or a small device: O(n d²) time and a fixed-size state, so constant memory per step; "
                  "but it is sequential, and long-range dependencies are hard to learn because gradients vanish along "
                  "a path of length n.",
                  "GPU에서 길이가 적당한(수백~수천 토큰) 시퀀스이고 장거리 관계가 중요하면 Transformer를 고릅니다: 모든 "
                  "위치를 병렬로 계산하고 모든 쌍이 직접 연결되지만(경로 길이 1), 층마다 O(n² d) 시간과 O(n²) 메모리가 "
                  "듭니다. 아주 길거나 스트리밍으로 들어오는 입력, 작은 기기에서는 RNN을 고릅니다: O(n d²) 시간에 고정 "
                  "크기 상태라 시점마다 메모리가 일정합니다. 다만 순차적이라 학습이 느리고, 경로 길이가 n이라 기울기 "
                  "소실 때문에 장거리 의존성을 배우기 어렵습니다."),
        "partial": T("Transformers are better for most tasks because they are parallel and fast on GPUs. RNNs use less "
                     "memory, so I would use an RNN when memory is limited.",
                     "Transformer는 병렬이라 GPU에서 빨라서 대부분의 작업에 더 좋습니다. RNN은 메모리를 덜 쓰므로 메모리가 "
                     "부족할 때는 RNN을 쓰겠습니다."),
        "wrong": T("An RNN is always faster than a Transformer because it has fewer parameters, and a Transformer also "
                   "costs O(n) like an RNN. So I would choose an RNN for long sequences on GPUs and a Transformer only "
                   "for very short ones.",
                   "RNN은 파라미터가 적어서 항상 Transformer보다 빠르고, Transformer도 RNN처럼 O(n)의 비용이 듭니다. "
                   "그래서 GPU에서 긴 시퀀스에는 RNN을, 아주 짧은 시퀀스에만 Transformer를 고르겠습니다."),
    },
    "answer_compare_models": {
        "good": T("The GRU and the LSTM reach the lowest test MSE, and the Transformer's is several times higher; the "
                  "gap is much larger than the spread over the three seeds, while the plain RNN has one bad seed, so "
                  "its place is uncertain. This is not what the lecture's example showed (the Transformer slightly "
                  "ahead). The next value of a sine follows from the last two values, y(t+1) = 2 cos(f) y(t) − y(t−1): "
                  "a recurrent state updated step by step computes exactly that, while a one-block Transformer has to "
                  "find the neighbouring values through positional encoding and attention.",
                  "GRU와 LSTM의 테스트 MSE가 가장 낮고 Transformer는 몇 배 높습니다. 그 차이는 seed 세 개의 편차보다 훨씬 "
                  "크고, 기본 RNN은 seed 하나가 나빠서 순위가 불확실합니다. 강의의 예(Transformer가 약간 앞섬)와 다릅니다. "
                  "사인파의 다음 값은 마지막 두 값으로 정해지므로 (y(t+1) = 2 cos(f) y(t) − y(t−1)) 시점마다 갱신되는 순환 "
                  "상태가 바로 그것을 계산하고, 블록 하나짜리 Transformer는 positional encoding과 attention으로 이웃 값을 "
                  "찾아야 합니다."),
        "partial": T("The LSTM and the GRU were best and the Transformer was worse. I think the RNNs are better for time "
                     "series because they read the values in order.",
                     "LSTM과 GRU가 가장 좋았고 Transformer가 더 나빴습니다. RNN은 값을 순서대로 읽기 때문에 시계열에 더 좋다고 "
                     "생각합니다."),
        "wrong": T("The Transformer was the best model, as in the lecture, because attention always beats recurrence; "
                   "the differences between the seeds do not matter.",
                   "강의에서처럼 Transformer가 가장 좋았습니다. attention이 항상 순환보다 낫기 때문입니다. seed 사이의 "
                   "차이는 중요하지 않습니다."),
    },
    "answer_without_pe": {
        "good": T("Without positional encoding the test error was several times higher. Shuffling the past did not "
                  "change the predictions of the model without PE at all, but made the model with PE much worse. "
                  "Self-attention is permutation-equivariant: without PE the last position sees the set of the past "
                  "values, not their order, so it cannot tell which value came just before and cannot follow the "
                  "wave; with PE every value carries its position, and a shuffled past misleads the model.",
                  "positional encoding이 없으면 테스트 오차가 몇 배 커졌습니다. 과거를 섞어도 PE 없는 모델의 예측은 전혀 "
                  "바뀌지 않았지만 PE 있는 모델은 훨씬 나빠졌습니다. self-attention은 permutation-equivariant해서 PE가 "
                  "없으면 마지막 위치는 과거 값들의 순서가 아니라 집합만 보고, 어느 값이 바로 앞인지 몰라 파동을 따라갈 수 "
                  "없습니다. PE가 있으면 각 값이 자기 위치를 담고 있어 섞인 과거가 모델을 속입니다."),
        "partial": T("Without PE the error is higher because the model does not know the order of the inputs.",
                     "PE가 없으면 모델이 입력의 순서를 모르기 때문에 오차가 더 큽니다."),
        "wrong": T("Without positional encoding the model trains faster and is just as good, and shuffling the inputs "
                   "changes nothing for either model, since attention looks at all positions anyway.",
                   "positional encoding이 없으면 모델이 더 빨리 학습되고 성능도 같습니다. attention은 어차피 모든 위치를 "
                   "보기 때문에 입력을 섞어도 두 모델 모두 달라지지 않습니다."),
    },
    "answer_heads": {
        "good": T("The number of parameters is the same for 1, 2, 4 and 8 heads: the heads split d_model into pieces of "
                  "d_k = d_model / h, and W_Q, W_K, W_V, W_O stay d_model × d_model. The test error fell as the heads "
                  "grew, by more than the spread over the seeds: more heads can follow several past positions at once.",
                  "head가 1, 2, 4, 8개일 때 파라미터 수는 같습니다. head는 d_model을 d_k = d_model / h 조각으로 나눌 뿐이고 "
                  "W_Q, W_K, W_V, W_O는 d_model × d_model 그대로입니다. head가 늘수록 테스트 오차가 seed 편차보다 크게 "
                  "줄었습니다. head가 많으면 여러 과거 위치를 한꺼번에 볼 수 있습니다."),
        "partial": T("More heads gave a lower error. The parameters stay the same.",
                     "head가 많을수록 오차가 낮았습니다. 파라미터 수는 같습니다."),
        "wrong": T("Every head has its own d_model × d_model projections, so 8 heads have 8 times the parameters, and "
                   "that is why they are better.",
                   "head마다 자기 d_model × d_model projection이 있어서 head 8개는 파라미터가 8배이고, 그래서 더 좋습니다."),
    },
    "answer_cost_vs_length": {
        "good": T("The LSTM's time grew about linearly with T: its steps run one after another, each O(d²). The "
                  "Transformer's grew faster than linearly, as the T × T attention scores, O(T² d), start to outweigh "
                  "its per-position layers. For much longer sequences on this CPU I would choose the recurrent "
                  "network (linear time, a fixed-size state instead of a T × T matrix per head); on a GPU the "
                  "Transformer computes all positions in parallel and grows much more slowly until the T² memory is "
                  "the limit.",
                  "LSTM의 시간은 T에 거의 선형으로 늘었습니다. 스텝이 차례로 실행되고 각각 O(d²)이기 때문입니다. "
                  "Transformer는 T × T attention 점수(O(T² d))가 위치별 층보다 커지면서 선형보다 빠르게 늘었습니다. 이 "
                  "CPU에서 훨씬 긴 시퀀스라면 순환 신경망을 고르겠습니다 (선형 시간, head마다 T × T 행렬 대신 고정 크기 "
                  "상태). GPU에서는 Transformer가 모든 위치를 병렬로 계산해 T² 메모리가 한계가 될 때까지 훨씬 천천히 "
                  "늘어납니다."),
        "partial": T("Both got slower for longer sequences, the Transformer more. I would use the LSTM for long "
                     "sequences.",
                     "둘 다 시퀀스가 길수록 느려졌고 Transformer가 더 느려졌습니다. 긴 시퀀스에는 LSTM을 쓰겠습니다."),
        "wrong": T("The Transformer's time does not depend on T because attention is parallel, and the LSTM's grows "
                   "quadratically, so the Transformer is always the better choice for long sequences.",
                   "attention은 병렬이라 Transformer의 시간은 T와 무관하고 LSTM은 제곱으로 늘어나므로, 긴 시퀀스에는 "
                   "언제나 Transformer가 낫습니다."),
    },
}
