"""Reference solutions for the decoder and sequence-to-sequence, in the lecture's notation.

Conventions (../shared/SPEC.md): row-vector batches, weights multiply on the right (``X @ W``),
sequences batch-first, token arrays integer ``(N, n)``. Masks are boolean, **True = may attend**;
a query row with no allowed key gets zero weights and a zero attention output.

Additive (Bahdanau) attention, a score from a small network instead of a dot product::

    score[i, j] = v · tanh(q_i W_q + k_j W_k)          W_q (d_q, d_a), W_k (d_k, d_a), v (d_a,)
    weights = softmax_j(score),   out = weights V

Teacher forcing: the decoder reads the target shifted right by one, so position t sees only
``y_0 … y_{t−1}`` and is trained to predict ``y_t``::

    shift_right([y_0, y_1, …, y_{n−1}]) = [bos, y_0, …, y_{n−2}]

Decoder block (masked self-attention, cross-attention to the encoder output ``memory``, FFN)::

    post-norm:  a = LN_1(y + MHA(y, y))           pre-norm:  a = y + MHA(LN_1(y), LN_1(y))
                b = LN_2(a + MHA(a, memory))                 b = a + MHA(LN_2(a), memory)
                out = LN_3(b + FFN(b))                       out = b + FFN(LN_3(b))

The self-attention is always causal (query t sees keys ≤ t); memory is never normalised here.

Masked cross-entropy with label smoothing ε over V classes, mean over the positions whose
target is not padding (``F.cross_entropy(…, ignore_index=pad_id, label_smoothing=ε)``)::

    loss_t = −[(1 − ε) log p_t(y_t) + (ε / V) Σ_v log p_t(v)],   log p = logits − logsumexp(logits)

Greedy decoding: start from ``[bos]``, append the argmax of the last position's logits (ties:
the lowest index) until every row has emitted eos (rows that ended get pad) or max_len tokens.
"""
import numpy as np

try:
    from solutions.attention import causal_mask, multi_head_attention, softmax
    from solutions.transformer import feed_forward, layer_norm
except ImportError:  # run from inside solutions/
    from attention import causal_mask, multi_head_attention, softmax
    from transformer import feed_forward, layer_norm


def additive_attention(Q, K, V, params, mask=None):
    """Bahdanau attention; returns (out (N, n_q, d_v), weights (N, n_q, n_k)).

    Q (N, n_q, d_q), K (N, n_k, d_k), V (N, n_k, d_v); params W_q (d_q, d_a), W_k (d_k, d_a),
    v (d_a,):

        score[i, j] = v · tanh(q_i W_q + k_j W_k),   weights = softmax_j(score),   out = weights V

    ``mask``: boolean, broadcastable to (N, n_q, n_k), True = may attend; a masked score is −∞
    before the softmax, and a row with no allowed key gets zero weights and a zero output.
    """
    q = np.asarray(Q) @ params["W_q"]                               # (N, n_q, d_a)
    k = np.asarray(K) @ params["W_k"]                               # (N, n_k, d_a)
    hidden = np.tanh(q[..., :, None, :] + k[..., None, :, :])       # (N, n_q, n_k, d_a)
    scores = hidden @ params["v"]                                   # (N, n_q, n_k)
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ np.asarray(V), weights


def shift_right(targets, bos_id):
    """Teacher forcing's decoder input [bos, y_0, …, y_{n−2}], (N, n), the dtype of ``targets``."""
    targets = np.asarray(targets)
    decoder_input = np.empty_like(targets)
    decoder_input[:, 0] = bos_id
    decoder_input[:, 1:] = targets[:, :-1]
    return decoder_input


def _attention_params(params, prefix):
    """The MHA keys of one attention sublayer: ``self_W_q`` → ``W_q``, ``cross_b_o`` → ``b_o``."""
    return {name[len(prefix):]: value for name, value in params.items() if name.startswith(prefix)}


def decoder_block(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    """One decoder block; returns (out (N, n_y, d_model), self_weights, cross_weights).

    y (N, n_y, d_model) the decoder's input, memory (N, n_mem, d_model) the encoder output.

        post-norm (norm_first=False):  a = LN_1(y + MHA(y, y))
                                       b = LN_2(a + MHA(a, memory))
                                       out = LN_3(b + FFN(b))
        pre-norm  (norm_first=True):   a = y + MHA(LN_1(y), LN_1(y))
                                       b = a + MHA(LN_2(a), memory)
                                       out = b + FFN(LN_3(b))

    The self-attention is causal, AND-ed with ``self_mask`` (broadcastable to (N, n_y, n_y));
    ``memory_mask`` (broadcastable to (N, n_y, n_mem)) masks the cross-attention; True = may
    attend. self_weights (N, h, n_y, n_y), cross_weights (N, h, n_y, n_mem). Keys: self_W_q …
    self_W_o, cross_W_q … cross_W_o (optional self_b_* / cross_b_*), W_1 b_1 W_2 b_2,
    gamma_1 beta_1 gamma_2 beta_2 gamma_3 beta_3. No dropout.
    """
    y, memory = np.asarray(y), np.asarray(memory)
    n_y = y.shape[-2]
    causal = causal_mask(n_y)
    self_mask = causal if self_mask is None else causal & np.asarray(self_mask, dtype=bool)
    self_params = _attention_params(params, "self_")
    cross_params = _attention_params(params, "cross_")

    def self_attention(x):
        return multi_head_attention(x, x, self_params, n_heads, self_mask)

    def cross_attention(x):
        return multi_head_attention(x, memory, cross_params, n_heads, memory_mask)

    def ln(x, i):
        return layer_norm(x, params[f"gamma_{i}"], params[f"beta_{i}"])

    if norm_first:
        attn, self_weights = self_attention(ln(y, 1))
        a = y + attn
        attn, cross_weights = cross_attention(ln(a, 2))
        b = a + attn
        out = b + feed_forward(ln(b, 3), params)
    else:
        attn, self_weights = self_attention(y)
        a = ln(y + attn, 1)
        attn, cross_weights = cross_attention(a)
        b = ln(a + attn, 2)
        out = ln(b + feed_forward(b, params), 3)
    return out, self_weights, cross_weights


def sequence_cross_entropy(logits, targets, pad_id=0, label_smoothing=0.0):
    """Mean cross-entropy over the positions whose target is not ``pad_id``; a float.

    logits (N, n, V), targets (N, n) integer ids. With ε = label_smoothing:

        log p = logits − logsumexp(logits)            over the last axis (stable for any size)
        loss_t = −[(1 − ε) log p_t(y_t) + (ε / V) Σ_v log p_t(v)]

    The mean runs over the non-padding positions only; 0.0 when every target is padding.
    """
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


def greedy_decode(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    """Greedy decoding; returns the generated tokens (N, L), L ≤ max_len, without bos.

    ``step_logits(prefix, memory)`` takes the prefix (N, t) — bos, then the tokens so far, pad_id
    after a row's eos — and returns logits (N, t, V). It is called once per generated position;
    the next token of each row is the argmax of the last position (np.argmax: ties → the lowest
    index). A row that has emitted eos (kept in the output) gets pad_id afterwards. Stops as
    soon as every row has emitted eos, or after max_len tokens.
    """
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
