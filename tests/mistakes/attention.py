"""Known mistakes on the attention and masking functions, each written the way a student would write it."""
import numpy as np

from solutions.attention import merge_heads, scaled_dot_product_attention, softmax, split_heads
from seqlab.catalogue import mistake


# --------------------------------------------------------------------------- softmax
@mistake("softmax", "softmax_overflow")
def softmax_naive(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)


@mistake("softmax", "softmax_wrong_axis")
def softmax_sum_over_axis_0(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=0, keepdims=True)


@mistake("softmax", "softmax_wrong_axis")
def softmax_ignores_axis(x, axis=-1):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


@mistake("softmax", "softmax_all_inf_nan")
def softmax_textbook_stable(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


@mistake("softmax", "mutated_input")
def softmax_shifts_in_place(x, axis=-1):
    x -= np.max(x, axis=axis, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=axis, keepdims=True)
    return x


# --------------------------------------------------------------------------- attention
@mistake("scaled_dot_product_attention", "attention_missing_scale")
def attention_without_scale(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "attention_scaled_by_dk")
def attention_divides_by_dk(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / Q.shape[-1]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "softmax_wrong_axis")
def attention_softmax_over_queries(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(K.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-2)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "mask_after_softmax")
def attention_masks_weights(Q, K, V, mask=None):
    weights = softmax(Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]))
    if mask is not None:
        weights = weights * mask
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "mask_filled_with_zero")
def attention_multiplies_scores_by_mask(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = scores * mask
    weights = softmax(scores)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "mask_inverted")
def attention_pytorch_mask_polarity(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)     # nn.MultiheadAttention: True = blocked
    weights = softmax(scores)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "fully_masked_row_not_zero")
def attention_annotated_transformer_fill(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    weights = softmax(scores)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "fully_masked_row_nan")
def attention_textbook_softmax_inline(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "softmax_overflow")
def attention_naive_exp(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    e = np.exp(scores)
    if mask is not None:
        e = np.where(mask, e, 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return weights @ V, weights


@mistake("scaled_dot_product_attention", "attention_return_order")
def attention_returns_weights_first(Q, K, V, mask=None):
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    return weights, out


@mistake("scaled_dot_product_attention", "mutated_input")
def attention_scales_q_in_place(Q, K, V, mask=None):
    Q /= np.sqrt(Q.shape[-1])
    scores = Q @ np.swapaxes(K, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return weights @ V, weights


# --------------------------------------------------------------------------- masks
@mistake("causal_mask", "causal_mask_transposed")
def causal_mask_upper(n):
    return np.triu(np.ones((n, n), dtype=bool))


@mistake("causal_mask", "causal_mask_no_diagonal")
def causal_mask_strict(n):
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


@mistake("causal_mask", "mask_inverted")
def causal_mask_pytorch_style(n):
    return np.triu(np.ones((n, n), dtype=bool), k=1)    # True = blocked, as nn.Transformer's masks


@mistake("padding_mask", "padding_mask_shape")
def padding_mask_flat(tokens, pad_id=0):
    return tokens != pad_id


@mistake("padding_mask", "padding_mask_shape")
def padding_mask_query_axis(tokens, pad_id=0):
    return (tokens != pad_id)[:, :, None]


@mistake("padding_mask", "mask_inverted")
def padding_mask_marks_pads(tokens, pad_id=0):
    return (tokens == pad_id)[:, None, :]


@mistake("padding_mask", "padding_mask_ignores_pad_id")
def padding_mask_zero_only(tokens, pad_id=0):
    return (tokens != 0)[:, None, :]


# --------------------------------------------------------------------------- heads
@mistake("split_heads", "heads_split_without_transpose")
def split_heads_reshape_only(X, n_heads):
    N, n, d_model = X.shape
    return X.reshape(N, n_heads, n, d_model // n_heads)


@mistake("split_heads", "heads_not_divisible")
def split_heads_no_check(X, n_heads):
    N, n, d_model = X.shape
    return X.reshape(N, -1, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)


@mistake("split_heads", "heads_wrong_columns")
def split_heads_strided_columns(X, n_heads):
    N, n, d_model = X.shape
    if d_model % n_heads:
        raise ValueError("d_model must be divisible by n_heads")
    return np.stack([X[:, :, j::n_heads] for j in range(n_heads)], axis=1)


@mistake("merge_heads", "heads_merged_without_transpose")
def merge_heads_reshape_only(X):
    N, h, n, d_head = X.shape
    return X.reshape(N, n, h * d_head)


# --------------------------------------------------------------------------- multi-head attention
def _project(X, params, name):
    Y = X @ params["W_" + name]
    if "b_" + name in params:
        Y = Y + params["b_" + name]
    return Y


def _mask_with_head_axis(mask):
    if mask is not None and np.ndim(mask) == 3:
        return np.asarray(mask)[:, None]
    return mask


@mistake("multi_head_attention", "mha_scaled_by_d_model")
def mha_scales_by_d_model(X_q, X_kv, params, n_heads, mask=None):
    d_model = X_q.shape[-1]
    Q = split_heads(_project(X_q, params, "q"), n_heads)
    K = split_heads(_project(X_kv, params, "k"), n_heads)
    V = split_heads(_project(X_kv, params, "v"), n_heads)
    scores = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d_model)
    mask = _mask_with_head_axis(mask)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return _project(merge_heads(weights @ V), params, "o"), weights


@mistake("multi_head_attention", "missing_output_projection")
def mha_no_output_projection(X_q, X_kv, params, n_heads, mask=None):
    Q = split_heads(_project(X_q, params, "q"), n_heads)
    K = split_heads(_project(X_kv, params, "k"), n_heads)
    V = split_heads(_project(X_kv, params, "v"), n_heads)
    heads, weights = scaled_dot_product_attention(Q, K, V, _mask_with_head_axis(mask))
    return merge_heads(heads), weights


@mistake("multi_head_attention", "mask_not_applied_to_every_head")
def mha_mask_without_head_axis(X_q, X_kv, params, n_heads, mask=None):
    Q = split_heads(_project(X_q, params, "q"), n_heads)
    K = split_heads(_project(X_kv, params, "k"), n_heads)
    V = split_heads(_project(X_kv, params, "v"), n_heads)
    heads, weights = scaled_dot_product_attention(Q, K, V, mask)    # (N, 1, n_kv) meets (N, h, n_q, n_kv)
    return _project(merge_heads(heads), params, "o"), weights


@mistake("multi_head_attention", "missing_bias")
def mha_ignores_biases(X_q, X_kv, params, n_heads, mask=None):
    Q = split_heads(X_q @ params["W_q"], n_heads)
    K = split_heads(X_kv @ params["W_k"], n_heads)
    V = split_heads(X_kv @ params["W_v"], n_heads)
    heads, weights = scaled_dot_product_attention(Q, K, V, _mask_with_head_axis(mask))
    return merge_heads(heads) @ params["W_o"], weights


@mistake("multi_head_attention", "heads_split_without_transpose")
def mha_loop_split_reshape(X_q, X_kv, params, n_heads, mask=None):
    N, n_q, d_model = X_q.shape
    n_kv, d_head = X_kv.shape[1], d_model // n_heads
    Q = _project(X_q, params, "q").reshape(N, n_heads, n_q, d_head)
    K = _project(X_kv, params, "k").reshape(N, n_heads, n_kv, d_head)
    V = _project(X_kv, params, "v").reshape(N, n_heads, n_kv, d_head)
    heads, weights = scaled_dot_product_attention(Q, K, V, _mask_with_head_axis(mask))
    return _project(merge_heads(heads), params, "o"), weights


@mistake("multi_head_attention", "heads_merged_without_transpose")
def mha_merge_reshape(X_q, X_kv, params, n_heads, mask=None):
    N, n_q, d_model = X_q.shape
    Q = split_heads(_project(X_q, params, "q"), n_heads)
    K = split_heads(_project(X_kv, params, "k"), n_heads)
    V = split_heads(_project(X_kv, params, "v"), n_heads)
    heads, weights = scaled_dot_product_attention(Q, K, V, _mask_with_head_axis(mask))
    return _project(heads.reshape(N, n_q, d_model), params, "o"), weights


@mistake("multi_head_attention", "attention_missing_scale")
def mha_per_head_loop_no_scale(X_q, X_kv, params, n_heads, mask=None):
    d_head = X_q.shape[-1] // n_heads
    Q, K, V = _project(X_q, params, "q"), _project(X_kv, params, "k"), _project(X_kv, params, "v")
    heads, weights = [], []
    for j in range(n_heads):
        cols = slice(j * d_head, (j + 1) * d_head)
        scores = Q[..., cols] @ K[..., cols].transpose(0, 2, 1)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        w = softmax(scores)
        heads.append(w @ V[..., cols])
        weights.append(w)
    return _project(np.concatenate(heads, axis=-1), params, "o"), np.stack(weights, axis=1)
