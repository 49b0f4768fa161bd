"""Correct versions of the attention functions, written the ways students write them.

``exp(x − logsumexp)``, one slice at a time, einsum or ``@``, a loop over query rows, masks read as 0/1
numbers (``np.where(mask == 0, −∞, scores)``) or returned as 0/1 (``np.tri``), ``np.split`` into heads (its
ValueError when h ∤ d_model), a loop over heads on column slices, and PyTorch detours (``torch.softmax``
with NaN rows set to 0, ``masked_fill``, ``.view().transpose()``, ``nn.MultiheadAttention`` with the
lecture's weights and the mask's polarity flipped) returning ``.numpy()``. Each must get full marks from
the hidden checks and pass the self-checks.
"""
import math

import numpy as np
import torch

from seqlab.catalogue import alternative
from solutions.attention import (merge_heads, scaled_dot_product_attention, softmax,  # noqa: F401  (siblings in a notebook)
                                 split_heads)


@alternative("softmax")
def softmax_where_divide(x, axis=-1):
    # the notebook's hint, taken literally: divide only where the sum is > 0 (np.where evaluates
    # e / t everywhere, so a fully masked row warns 0/0 before it is replaced by 0)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(x - m)
    t = np.sum(e, axis=axis, keepdims=True)
    return np.where(t > 0, e / t, 0.0)


@alternative("softmax")
def softmax_logsumexp(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    lse = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    out = np.exp(x - m - lse)
    return np.nan_to_num(out, nan=0.0)


@alternative("softmax")
def softmax_nan_to_num(x, axis=-1):
    # the textbook formula, then NaN (an all −∞ slice: −∞ − (−∞)) set to 0; NumPy warns "invalid value"
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return np.nan_to_num(e / np.sum(e, axis=axis, keepdims=True))


@alternative("softmax")
def softmax_torch(x, axis=-1):
    # torch.softmax gives NaN for an all −∞ slice; the spec asks for zeros there
    return torch.nan_to_num(torch.softmax(torch.from_numpy(np.asarray(x, dtype=np.float64)), dim=axis), nan=0.0).numpy()


@alternative("softmax")
def softmax_one_slice_at_a_time(x, axis=-1):
    def one(v):                                   # v: one 1-D slice along the axis
        if np.all(np.isneginf(v)):
            return np.zeros_like(v)
        e = np.exp(v - v.max())
        return e / e.sum()
    return np.apply_along_axis(one, axis, np.asarray(x, dtype=np.float64))


# --------------------------------------------------------------------------- scaled_dot_product_attention
def _masked(scores, mask):
    return scores if mask is None else np.where(mask, scores, -np.inf)


@alternative("scaled_dot_product_attention")
def attention_einsum(Q, K, V, mask=None):
    scores = np.einsum("...qd,...kd->...qk", Q, K) / math.sqrt(Q.shape[-1])
    weights = softmax(_masked(scores, mask))
    return np.einsum("...qk,...kv->...qv", weights, V), weights


@alternative("scaled_dot_product_attention")
def attention_mask_as_0_1(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(K.shape[-1])
    if mask is not None:
        m = np.asarray(mask, dtype=np.float64)                # the mask as 0/1 numbers
        scores = np.where(m == 0, -np.inf, scores)
    weights = softmax(scores, axis=-1)
    return np.matmul(weights, V), weights


@alternative("scaled_dot_product_attention")
def attention_query_loop(Q, K, V, mask=None):
    n_q = Q.shape[-2]
    m = None if mask is None else np.broadcast_to(mask, Q.shape[:-2] + (n_q, K.shape[-2]))
    out, weights = [], []
    for i in range(n_q):                                        # one query row at a time
        s = (Q[..., i, None, :] @ np.swapaxes(K, -1, -2))[..., 0, :] / np.sqrt(Q.shape[-1])
        w = softmax(s if m is None else np.where(m[..., i, :], s, -np.inf))
        weights.append(w)
        out.append((w[..., None, :] @ V)[..., 0, :])
    return np.stack(out, axis=-2), np.stack(weights, axis=-2)


@alternative("scaled_dot_product_attention")
def attention_torch(Q, K, V, mask=None):
    q, k, v = (torch.from_numpy(np.asarray(a, dtype=np.float64)) for a in (Q, K, V))
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~torch.from_numpy(np.asarray(mask, dtype=bool)), float("-inf"))
    weights = torch.nan_to_num(torch.softmax(scores, dim=-1), nan=0.0)     # fully masked rows: 0, not NaN
    return (weights @ v).numpy(), weights.numpy()


@alternative("scaled_dot_product_attention")
def attention_additive_log_mask(Q, K, V, mask=None):
    # the mask added to the scores as log(mask): log 1 = 0, log 0 = −∞ (NumPy warns "divide by zero in log")
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = scores + np.log(np.asarray(mask, dtype=np.float64))
    weights = softmax(scores)
    return weights @ V, weights


@alternative("scaled_dot_product_attention")
def attention_softmax_inline_nan_to_num(Q, K, V, mask=None):
    # the textbook softmax, then NaN (an all −∞ row: −∞ − (−∞)) set to 0; NumPy warns "invalid value"
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = np.nan_to_num(e / e.sum(axis=-1, keepdims=True))
    return weights @ V, weights


# --------------------------------------------------------------------------- causal_mask
@alternative("causal_mask")
def causal_mask_compare_positions(n):
    return np.arange(n)[:, None] >= np.arange(n)[None, :]      # query i may see key j when j ≤ i


@alternative("causal_mask")
def causal_mask_not_upper(n):
    return ~np.triu(np.ones((n, n), dtype=bool), k=1)


@alternative("causal_mask")
def causal_mask_as_0_1(n):
    return np.tri(n)                                             # 1.0 on and below the diagonal, 0.0 above


@alternative("causal_mask")
def causal_mask_loops(n):
    mask = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1):
            mask[i, j] = True
    return mask


@alternative("causal_mask")
def causal_mask_torch(n):
    return torch.tril(torch.ones(n, n, dtype=torch.bool)).numpy()


# --------------------------------------------------------------------------- padding_mask
@alternative("padding_mask")
def padding_mask_expand_dims(tokens, pad_id=0):
    return np.expand_dims(np.asarray(tokens) != pad_id, axis=1)


@alternative("padding_mask")
def padding_mask_as_0_1(tokens, pad_id=0):
    return (np.asarray(tokens) != pad_id).astype(int)[:, None, :]


@alternative("padding_mask")
def padding_mask_not_equal(tokens, pad_id=0):
    return ~np.equal(tokens, pad_id)[:, np.newaxis]


@alternative("padding_mask")
def padding_mask_torch(tokens, pad_id=0):
    return torch.from_numpy(np.asarray(tokens)).ne(pad_id).unsqueeze(1).numpy()


# --------------------------------------------------------------------------- split_heads / merge_heads
@alternative("split_heads")
def split_heads_np_split(X, n_heads):
    return np.stack(np.split(X, n_heads, axis=-1), axis=1)     # np.split raises ValueError if h ∤ d_model


@alternative("split_heads")
def split_heads_swapaxes(X, n_heads):
    N, n, d_model = X.shape
    if d_model % n_heads:
        raise ValueError(f"d_model {d_model} is not divisible by {n_heads} heads")
    return X.reshape(N, n, n_heads, -1).swapaxes(1, 2)


@alternative("split_heads")
def split_heads_loop(X, n_heads):
    d_model = X.shape[-1]
    if d_model % n_heads != 0:
        raise ValueError("n_heads must divide d_model")
    d_head = d_model // n_heads
    return np.stack([X[:, :, j * d_head:(j + 1) * d_head] for j in range(n_heads)], axis=1)


@alternative("split_heads")
def split_heads_torch(X, n_heads):
    N, n, d_model = X.shape
    if d_model % n_heads:
        raise ValueError("d_model % n_heads != 0")
    return torch.from_numpy(np.asarray(X)).view(N, n, n_heads, d_model // n_heads).transpose(1, 2).numpy()


@alternative("merge_heads")
def merge_heads_concatenate(X):
    return np.concatenate([X[:, j] for j in range(X.shape[1])], axis=-1)   # [head_1, …, head_h]


@alternative("merge_heads")
def merge_heads_moveaxis(X):
    N, h, n, d_head = X.shape
    return np.moveaxis(X, 1, 2).reshape(N, n, h * d_head)


@alternative("merge_heads")
def merge_heads_torch(X):
    x = torch.from_numpy(np.asarray(X))
    return x.transpose(1, 2).contiguous().view(x.shape[0], x.shape[2], -1).numpy()


# --------------------------------------------------------------------------- multi_head_attention
def _project(X, params, name):
    Y = X @ params[f"W_{name}"]
    return Y + params[f"b_{name}"] if f"b_{name}" in params else Y


def _head_mask(mask):
    if mask is None:
        return None
    mask = np.asarray(mask, dtype=bool)
    return mask[:, None] if mask.ndim == 3 else mask


@alternative("multi_head_attention")
def mha_per_head_loop(X_q, X_kv, params, n_heads, mask=None):
    Q, K, V = _project(X_q, params, "q"), _project(X_kv, params, "k"), _project(X_kv, params, "v")
    d_head = Q.shape[-1] // n_heads
    heads, weights = [], []
    for j in range(n_heads):                                       # head j: columns j·d_head … (j+1)·d_head − 1
        cols = slice(j * d_head, (j + 1) * d_head)
        m = None if mask is None else np.asarray(mask, dtype=bool)
        out_j, w_j = scaled_dot_product_attention(Q[..., cols], K[..., cols], V[..., cols], m)
        heads.append(out_j)
        weights.append(w_j)
    return _project(np.concatenate(heads, axis=-1), params, "o"), np.stack(weights, axis=1)


@alternative("multi_head_attention")
def mha_einsum(X_q, X_kv, params, n_heads, mask=None):
    N, n_q, d_model = X_q.shape
    d_head = d_model // n_heads

    def heads(X, name):
        return _project(X, params, name).reshape(N, X.shape[1], n_heads, d_head)     # (N, n, h, d_head)
    Q, K, V = heads(X_q, "q"), heads(X_kv, "k"), heads(X_kv, "v")
    scores = np.einsum("nqhd,nkhd->nhqk", Q, K) / np.sqrt(d_head)
    weights = softmax(_masked(scores, _head_mask(mask)))
    out = np.einsum("nhqk,nkhd->nqhd", weights, V).reshape(N, n_q, d_model)
    return _project(out, params, "o"), weights


@alternative("multi_head_attention")
def mha_nn_MultiheadAttention(X_q, X_kv, params, n_heads, mask=None):
    d_model = params["W_q"].shape[0]
    mha = torch.nn.MultiheadAttention(d_model, n_heads, batch_first=True, dtype=torch.float64)
    zeros = np.zeros(d_model)
    with torch.no_grad():        # torch computes x Wᵀ + b: its weights are the lecture's transposed
        mha.in_proj_weight.copy_(torch.from_numpy(np.vstack([params[f"W_{k}"].T for k in "qkv"])))
        mha.in_proj_bias.copy_(torch.from_numpy(np.concatenate([params.get(f"b_{k}", zeros) for k in "qkv"])))
        mha.out_proj.weight.copy_(torch.from_numpy(params["W_o"].T))
        mha.out_proj.bias.copy_(torch.from_numpy(np.asarray(params.get("b_o", zeros), dtype=np.float64)))
        blocked = None
        N, n_q, n_kv = X_q.shape[0], X_q.shape[1], X_kv.shape[1]
        if mask is not None:     # torch's masks say True = blocked, one (n_q, n_kv) per sequence and head
            allowed = np.broadcast_to(np.asarray(mask, dtype=bool), (N, n_q, n_kv))
            blocked = torch.from_numpy(np.repeat(~allowed, n_heads, axis=0))
        q, kv = torch.from_numpy(np.asarray(X_q, dtype=np.float64)), torch.from_numpy(np.asarray(X_kv, dtype=np.float64))
        out, weights = mha(q, kv, kv, attn_mask=blocked, need_weights=True, average_attn_weights=False)
    out, weights = out.numpy().copy(), weights.numpy().copy()
    if mask is not None:         # a query with no allowed key: zero weights, zero attention, so out = b_o
        dead = ~np.broadcast_to(np.asarray(mask, dtype=bool), (N, n_q, n_kv)).any(axis=-1)
        weights[np.broadcast_to(dead[:, None, :, None], weights.shape)] = 0.0
        out[dead] = np.asarray(params.get("b_o", zeros))
    return out, weights


@alternative("multi_head_attention")
def mha_mask_as_0_1_stacked_projection(X_q, X_kv, params, n_heads, mask=None):
    N, n_q, d_model = X_q.shape
    zeros = np.zeros(d_model)
    W_kv = np.hstack([params["W_k"], params["W_v"]])                        # K and V in one matmul
    K, V = np.split(X_kv @ W_kv + np.concatenate([params.get("b_k", zeros), params.get("b_v", zeros)]), 2, axis=-1)
    Q = X_q @ params["W_q"] + params.get("b_q", zeros)
    Q, K, V = (split_heads(Y, n_heads) for Y in (Q, K, V))
    scores = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d_model // n_heads)
    if mask is not None:
        m = np.asarray(mask, dtype=np.float64)                              # the mask as 0/1 numbers
        if m.ndim == 3:
            m = m[:, np.newaxis]                                            # the same for every head
        scores = np.where(m == 0, -np.inf, scores)
    weights = softmax(scores)
    return merge_heads(weights @ V) @ params["W_o"] + params.get("b_o", zeros), weights
