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
    Persona("demo-04-dae", "PyTorch's GRU update convention; attention without 1/√d_k; MultiheadAttention without "
            "batch_first",
            functions={"gru_update": "mistake:gru_update_pytorch", "gru_step": "mistake:gru_step_pytorch_update",
                       "scaled_dot_product_attention": "mistake:attention_without_scale",
                       "TransformerForecaster": "mistake:TransformerForgetsBatchFirst"}),
    Persona("demo-05-eun", "LSTM gates in PyTorch's order; sigmoid candidate; softmax over the wrong axis; training "
            "without zero_grad",
            functions={"lstm_gates": "mistake:lstm_gates_pytorch_order",
                       "lstm_candidate": "mistake:lstm_candidate_sigmoid", "softmax": "mistake:softmax_sum_over_axis_0",
                       "train_model": "mistake:train_model_accumulates"}),
    Persona("demo-06-farid", "naive sigmoid that overflows; forgot tanh in h_t; PE sin/cos swapped; the LSTM's c_n "
            "for h_T",
            functions={"sigmoid": "mistake:sigmoid_naive", "lstm_hidden": "mistake:lstm_hidden_forgot_tanh",
                       "positional_encoding": "mistake:pe_cos_on_even_columns",
                       "RNNForecaster": "mistake:RNNForecasterReadsTheCell"}),
    Persona("demo-07-gita", "GRU reset after the matmul; time-major outputs; mask after softmax; mean pooling",
            functions={"gru_candidate": "mistake:gru_candidate_pytorch_reset",
                       "lstm_forward": "mistake:lstm_forward_time_major",
                       "scaled_dot_product_attention": "mistake:attention_masks_weights",
                       "TransformerForecaster": "mistake:TransformerPoolsTheMean"}),
    Persona("demo-08-hana", "updates the cell state in place; gates without bias; unbiased layer norm; evaluates in "
            "train mode",
            functions={"lstm_cell_update": "mistake:lstm_cell_in_place", "lstm_gates": "mistake:lstm_gates_no_bias",
                       "layer_norm": "mistake:layer_norm_ddof_1", "evaluate": "mistake:evaluate_without_eval"}),
    Persona("demo-09-ivan", "an endless loop in gru_step, in multi_head_attention and in train_model",
            functions={"gru_step": "loop", "multi_head_attention": "loop", "train_model": "loop"}),
    Persona("demo-10-jun", "calls os._exit() inside lstm_forward and encoder_block (kills the kernel)",
            functions={"lstm_forward": "exit", "encoder_block": "exit"}),
    Persona("demo-11-kim", "the file is damaged: not valid JSON", file="invalid_json"),
    Persona("demo-12-lena", "deleted two test cells and rewrote another to `pass` worth 100 points",
            default="blank", functions={"sigmoid": "solution", "softmax": "solution"}, file="tamper_tests"),
    Persona("demo-13-mo", "correct answers that print, write to stderr and warn", default="chatty"),
    Persona("demo-14-nora", "a syntax error in lstm_step; lstm_gates raises; concatenated PE; no residual; the PE "
            "table as a plain tensor, not a buffer",
            functions={"lstm_step": "syntax", "lstm_gates": "raise", "positional_encoding": "mistake:pe_sin_then_cos",
                       "encoder_block": "mistake:encoder_no_residual",
                       "PositionalEncoding": "mistake:PositionalEncodingTensorAttribute"}),
    Persona("demo-15-omar", "merges heads without the transpose; ReLU instead of GELU; PE positions from 1; counts "
            "frozen parameters",
            functions={"merge_heads": "mistake:merge_heads_reshape_only", "gelu": "mistake:gelu_is_relu",
                       "feed_forward": "mistake:ffn_relu", "positional_encoding": "mistake:pe_positions_one_based",
                       "count_parameters": "mistake:count_every_parameter"}),
    Persona("demo-16-pia", "PyTorch's mask polarity; eps outside the sqrt; post-norm always; attention per head, "
            "not averaged",
            functions={"scaled_dot_product_attention": "mistake:attention_pytorch_mask_polarity",
                       "layer_norm": "mistake:layer_norm_std_plus_eps", "encoder_block": "mistake:encoder_always_post_norm",
                       "last_position_attention": "mistake:attention_per_head"}),
]
