"""Reference solutions for attention and masking, in the lecture's notation.

Conventions (../shared/SPEC.md): row-vector batches, weights multiply on the right (``X @ W``),
sequences batch-first. Shapes::

    Q (..., n_q, d_k)   K (..., n_k, d_k)   V (..., n_k, d_v)

    Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V          softmax over the key axis (last axis)

Masks are boolean and **True = may attend**. A masked score is set to −∞ before the softmax, so
its weight is exactly 0. A query row with no allowed key gets all-zero weights and a zero output
(not the mean of V, not NaN).

Multi-head attention with h heads, d_model = h · d_head::

    Q = X_q W_q + b_q,  K = X_kv W_k + b_k,  V = X_kv W_v + b_v      each (N, n, d_model)
    head_j = Attention(Q_j, K_j, V_j)     Q_j = columns j·d_head … (j+1)·d_head − 1 of Q
    MHA(X_q, X_kv) = [head_1, …, head_h] W_o + b_o                     (N, n_q, d_model)

so each head is scaled by √d_head = √(d_model / h).
"""
import numpy as np


def softmax(x, axis=-1):
    """softmax(x)_j = e^(x_j − m) / Σ_k e^(x_k − m) along ``axis``, with m = max_k x_k.

    Subtracting the max keeps every exponent ≤ 0 (no overflow). A slice that is entirely −∞
    (a fully masked row) gives all zeros instead of NaN.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)          # all −∞ slice: shift by 0, e^(−∞) = 0
    e = np.exp(x - m)
    total = np.sum(e, axis=axis, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


def scaled_dot_product_attention(Q, K, V, mask=None):
    """Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V; returns (out, weights).

    Q (..., n_q, d_k), K (..., n_k, d_k), V (..., n_k, d_v)
    → out (..., n_q, d_v), weights (..., n_q, n_k) (each row sums to 1, or is all 0).

    ``mask``: boolean, broadcastable to (..., n_q, n_k), True = may attend. Scores of
    disallowed keys become −∞ before the softmax; a row with no allowed key gets zero weights
    and a zero output.
    """
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)          # (..., n_q, n_k)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights


def causal_mask(n):
    """(n, n) boolean mask, True on and below the diagonal: query i may attend to keys j ≤ i."""
    return np.tril(np.ones((n, n), dtype=bool))


def padding_mask(tokens, pad_id=0):
    """(N, 1, n) boolean mask, True where ``tokens != pad_id``; broadcasts over the queries.

    tokens (N, n) integer ids.
    """
    tokens = np.asarray(tokens)
    return (tokens != pad_id)[:, None, :]


def split_heads(X, n_heads):
    """(N, n, d_model) → (N, h, n, d_head) with d_head = d_model // h.

    Head j gets columns j·d_head … (j+1)·d_head − 1. Raises ValueError if h does not divide
    d_model.
    """
    X = np.asarray(X)
    N, n, d_model = X.shape
    if n_heads <= 0 or d_model % n_heads != 0:
        raise ValueError(
            f"d_model = {d_model} is not divisible by n_heads = {n_heads}: "
            "each head needs d_model / n_heads columns"
        )
    d_head = d_model // n_heads
    return X.reshape(N, n, n_heads, d_head).transpose(0, 2, 1, 3)


def merge_heads(X):
    """(N, h, n, d_head) → (N, n, h · d_head): concatenate the heads; inverse of split_heads."""
    X = np.asarray(X)
    N, h, n, d_head = X.shape
    return X.transpose(0, 2, 1, 3).reshape(N, n, h * d_head)


def multi_head_attention(X_q, X_kv, params, n_heads, mask=None):
    """Multi-head attention; returns (out (N, n_q, d_model), weights (N, h, n_q, n_kv)).

    X_q (N, n_q, d_model) gives the queries, X_kv (N, n_kv, d_model) the keys and values.
    params: W_q W_k W_v W_o each (d_model, d_model); optional biases b_q b_k b_v b_o (d_model,).

        Q = X_q W_q + b_q,  K = X_kv W_k + b_k,  V = X_kv W_v + b_v
        head_j = softmax(Q_j K_jᵀ / √d_head) V_j,   d_head = d_model / h
        out = [head_1, …, head_h] W_o + b_o

    ``mask``: boolean, broadcastable to (N, n_q, n_kv), True = may attend, the same for every
    head (e.g. padding_mask's (N, 1, n_kv) or causal_mask's (n, n)).
    """
    def project(X, name):
        Y = np.asarray(X) @ params[f"W_{name}"]
        bias = params.get(f"b_{name}")
        return Y if bias is None else Y + bias

    Q = split_heads(project(X_q, "q"), n_heads)                   # (N, h, n_q, d_head)
    K = split_heads(project(X_kv, "k"), n_heads)                  # (N, h, n_kv, d_head)
    V = split_heads(project(X_kv, "v"), n_heads)                  # (N, h, n_kv, d_head)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.ndim == 3:                                         # (N, n_q, n_kv): add head axis
            mask = mask[:, None, :, :]
    heads, weights = scaled_dot_product_attention(Q, K, V, mask)  # heads (N, h, n_q, d_head)
    return project(merge_heads(heads), "o"), weights
