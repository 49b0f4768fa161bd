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
    Persona("demo-04-dae", "PyTorch's GRU update convention; BPTT without the gradient from step t+1; attention "
            "without 1/√d_k",
            functions={"gru_update": "mistake:gru_update_pytorch", "gru_step": "mistake:gru_step_pytorch_update",
                       "rnn_backward": "mistake:rnn_backward_each_step_alone",
                       "scaled_dot_product_attention": "mistake:attention_without_scale"}),
    Persona("demo-05-eun", "LSTM gates in PyTorch's order; sigmoid candidate; dc_prev without ⊙ f_t; softmax over "
            "the wrong axis",
            functions={"lstm_gates": "mistake:lstm_gates_pytorch_order",
                       "lstm_candidate": "mistake:lstm_candidate_sigmoid",
                       "lstm_step_backward": "mistake:lstm_step_backward_dc_prev_is_dc",
                       "softmax": "mistake:softmax_sum_over_axis_0"}),
    Persona("demo-06-farid", "naive sigmoid that overflows; forgot tanh in h_t; tanh′ from the pre-activation; "
            "PE sin/cos swapped",
            functions={"sigmoid": "mistake:sigmoid_naive", "lstm_hidden": "mistake:lstm_hidden_forgot_tanh",
                       "rnn_step_backward": "mistake:rnn_step_backward_tanh_grad_of_a",
                       "positional_encoding": "mistake:pe_cos_on_even_columns"}),
    Persona("demo-07-gita", "GRU reset after the matmul; time-major outputs; BPTT walking forward in time; mask "
            "after softmax",
            functions={"gru_candidate": "mistake:gru_candidate_pytorch_reset",
                       "lstm_forward": "mistake:lstm_forward_time_major",
                       "rnn_backward": "mistake:rnn_backward_loops_forward",
                       "scaled_dot_product_attention": "mistake:attention_masks_weights"}),
    Persona("demo-08-hana", "updates the cell state in place; gates without bias; clips the gradients in place; "
            "unbiased layer norm",
            functions={"lstm_cell_update": "mistake:lstm_cell_in_place", "lstm_gates": "mistake:lstm_gates_no_bias",
                       "clip_grad_norm": "mistake:clip_grad_norm_in_place", "layer_norm": "mistake:layer_norm_ddof_1"}),
    Persona("demo-09-ivan", "an endless loop in gru_step, lstm_backward and multi_head_attention",
            functions={"gru_step": "loop", "lstm_backward": "loop", "multi_head_attention": "loop"}),
    Persona("demo-10-jun", "calls os._exit() inside lstm_forward, rnn_backward and encoder_block (kills the kernel)",
            functions={"lstm_forward": "exit", "rnn_backward": "exit", "encoder_block": "exit"}),
    Persona("demo-11-kim", "the file is damaged: not valid JSON", file="invalid_json"),
    Persona("demo-12-lena", "deleted two test cells and rewrote another to `pass` worth 100 points",
            default="blank", functions={"sigmoid": "solution", "rnn_step": "solution", "softmax": "solution"},
            file="tamper_tests"),
    Persona("demo-13-mo", "correct answers that print, write to stderr and warn", default="chatty"),
    Persona("demo-14-nora", "a syntax error in lstm_step and in lstm_step_backward; lstm_gates and clip_grad_norm "
            "raise; concatenated PE; no residual",
            functions={"lstm_step": "syntax", "lstm_gates": "raise", "lstm_step_backward": "syntax",
                       "clip_grad_norm": "raise", "positional_encoding": "mistake:pe_sin_then_cos",
                       "encoder_block": "mistake:encoder_no_residual"}),
    Persona("demo-15-omar", "dh_prev without the transpose of W_hh; merges heads without the transpose; ReLU "
            "instead of GELU; PE positions from 1",
            functions={"rnn_step_backward": "mistake:rnn_step_backward_dh_prev_not_transposed",
                       "merge_heads": "mistake:merge_heads_reshape_only", "gelu": "mistake:gelu_is_relu",
                       "feed_forward": "mistake:ffn_relu", "positional_encoding": "mistake:pe_positions_one_based"}),
    Persona("demo-16-pia", "clips each gradient array by its own norm; PyTorch's mask polarity; eps outside the "
            "sqrt; post-norm always",
            functions={"clip_grad_norm": "mistake:clip_grad_norm_each_array",
                       "scaled_dot_product_attention": "mistake:attention_pytorch_mask_polarity",
                       "layer_norm": "mistake:layer_norm_std_plus_eps", "encoder_block": "mistake:encoder_always_post_norm"}),
]
