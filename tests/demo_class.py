"""This course's demo class (``c.Course.demo_class``): 16 students whose submissions exercise the
whole kit on every assignment — full marks, blank, partial work, the known mistakes of the
catalogue by name, endless loops, a killed kernel, a damaged file, tampered test cells, noisy but
correct code. ``seqlab demo`` builds their submissions from the released notebooks.
"""
from seqlab.demo import Persona

ROSTER = [
    Persona("demo-01-ada", "full marks: the reference answers"),
    Persona("demo-02-ben", "blank: submitted the released notebook untouched", default="blank"),
    Persona("demo-03-chloe", "partial work: the first half of each notebook", solved_fraction=0.5),
    Persona("demo-04-dae", "PyTorch's GRU update convention; attention without 1/√d_k, additive attention with it",
            functions={"gru_update": "mistake:gru_update_pytorch", "gru_step": "mistake:gru_step_pytorch_update",
                       "scaled_dot_product_attention": "mistake:attention_without_scale",
                       "additive_attention": "mistake:additive_scaled_like_dot_product"}),
    Persona("demo-05-eun", "LSTM gates in PyTorch's order; sigmoid candidate; softmax over the wrong axis, twice",
            functions={"lstm_gates": "mistake:lstm_gates_written_in_pytorch_order",
                       "lstm_candidate": "mistake:lstm_candidate_sigmoid", "softmax": "mistake:softmax_sum_over_axis_0",
                       "additive_attention": "mistake:additive_softmax_over_queries"}),
    Persona("demo-06-farid", "naive sigmoid and log-softmax that overflow; tanh forgotten in h_t, outside v in "
            "additive attention; PE sin/cos swapped",
            functions={"sigmoid": "mistake:sigmoid_naive", "lstm_hidden": "mistake:lstm_hidden_forgot_tanh",
                       "positional_encoding": "mistake:pe_cos_on_even_columns",
                       "additive_attention": "mistake:additive_tanh_after_v", "sequence_cross_entropy": "mistake:loss_naive_exp"}),
    Persona("demo-07-gita", "GRU reset after the matmul; time-major outputs; mask after softmax; greedy decoding "
            "that keeps going after eos",
            functions={"gru_candidate": "mistake:gru_candidate_pytorch_reset",
                       "lstm_forward": "mistake:lstm_forward_time_major",
                       "scaled_dot_product_attention": "mistake:attention_masks_weights",
                       "greedy_decode": "mistake:greedy_runs_to_max_len"}),
    Persona("demo-08-hana", "updates the cell state and the targets in place; gates without bias; the Annotated "
            "Transformer's unbiased layer norm and label smoothing over V − 2",
            functions={"lstm_cell_update": "mistake:lstm_cell_in_place", "lstm_gates": "mistake:lstm_gates_no_bias",
                       "layer_norm": "mistake:layer_norm_ddof_1", "shift_right": "mistake:shift_right_in_place",
                       "sequence_cross_entropy": "mistake:loss_annotated_transformer_smoothing"}),
    Persona("demo-09-ivan", "an endless loop in gru_step, in multi_head_attention and in greedy_decode",
            functions={"gru_step": "loop", "multi_head_attention": "loop", "greedy_decode": "loop"}),
    Persona("demo-10-jun", "calls os._exit() inside lstm_forward and encoder_block (kills the kernel)",
            functions={"lstm_forward": "exit", "encoder_block": "exit"}),
    Persona("demo-11-kim", "the file is damaged: not valid JSON", file="invalid_json"),
    Persona("demo-12-lena", "deleted two test cells and rewrote another to `pass` worth 100 points",
            default="blank", functions={"sigmoid": "solution", "softmax": "solution"}, file="tamper_tests"),
    Persona("demo-13-mo", "correct answers that print, write to stderr and warn", default="chatty"),
    Persona("demo-14-nora", "a syntax error in lstm_step; lstm_gates raises; concatenated PE; no residual, in the "
            "encoder and in the decoder",
            functions={"lstm_step": "syntax", "lstm_gates": "raise", "positional_encoding": "mistake:pe_sin_then_cos",
                       "encoder_block": "mistake:encoder_no_residual", "decoder_block": "mistake:decoder_no_ffn_residual"}),
    Persona("demo-15-omar", "merges heads without the transpose; ReLU instead of GELU, in the decoder too; PE "
            "positions from 1, greedy decoding one token too long",
            functions={"merge_heads": "mistake:merge_heads_reshape_only", "gelu": "mistake:gelu_is_relu",
                       "feed_forward": "mistake:ffn_relu", "positional_encoding": "mistake:pe_positions_one_based",
                       "decoder_block": "mistake:decoder_relu", "greedy_decode": "mistake:greedy_off_by_one"}),
    Persona("demo-16-pia", "PyTorch's mask polarity, and a decoder without the causal mask; eps outside the sqrt; "
            "post-norm always",
            functions={"scaled_dot_product_attention": "mistake:attention_pytorch_mask_polarity",
                       "layer_norm": "mistake:layer_norm_std_plus_eps", "encoder_block": "mistake:encoder_always_post_norm",
                       "decoder_block": "mistake:decoder_without_causal_mask"}),
]
