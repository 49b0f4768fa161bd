"""Correct versions of the decoder functions, written the other ways students write them.

Each must get full marks from the hidden checks and pass the self-checks: einsum instead of ``@``,
loops over heads, rows or steps, log-softmax through logsumexp, a PyTorch detour returning
``.numpy()``, a one-hot smoothing distribution, greedy decoding that rebuilds its prefix from
scratch, the tanh form of GELU (accepted by the SPEC).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from solutions.attention import causal_mask, multi_head_attention, softmax
from solutions.transformer import feed_forward, layer_norm
from seqlab.catalogue import alternative


# --------------------------------------------------------------------------- additive_attention
@alternative("additive_attention")
def additive_einsum(Q, K, V, params, mask=None):
    q = np.einsum("nid,da->nia", Q, params["W_q"])
    k = np.einsum("njd,da->nja", K, params["W_k"])
    scores = np.einsum("nija,a->nij", np.tanh(q[:, :, None] + k[:, None]), params["v"])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return np.einsum("nij,njd->nid", weights, V), weights


@alternative("additive_attention")
def additive_loop_over_queries(Q, K, V, params, mask=None):
    N, n_q, _ = Q.shape
    n_k = K.shape[1]
    m = np.ones((N, n_q, n_k), dtype=bool) if mask is None else np.broadcast_to(mask, (N, n_q, n_k))
    weights = np.zeros((N, n_q, n_k))
    keys = K @ params["W_k"]
    for i in range(n_q):
        q_i = Q[:, i] @ params["W_q"]                                  # (N, d_a)
        e = np.tanh(q_i[:, None, :] + keys) @ params["v"]              # (N, n_k)
        for n in range(N):
            allowed = m[n, i]
            if allowed.any():
                s = e[n][allowed]
                p = np.exp(s - s.max())
                weights[n, i, allowed] = p / p.sum()
    return weights @ V, weights


@alternative("additive_attention")
def additive_torch(Q, K, V, params, mask=None):
    t = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float64)  # noqa: E731
    q, k = t(Q) @ t(params["W_q"]), t(K) @ t(params["W_k"])
    scores = torch.tanh(q.unsqueeze(2) + k.unsqueeze(1)) @ t(params["v"])
    if mask is not None:
        m = torch.as_tensor(np.broadcast_to(mask, scores.shape).copy())
        scores = scores.masked_fill(~m, float("-inf"))
    weights = torch.nan_to_num(torch.softmax(scores, dim=-1), nan=0.0)
    return (weights @ t(V)).numpy(), weights.numpy()


@alternative("additive_attention")
def additive_logsumexp(Q, K, V, params, mask=None):
    # exp(s − logsumexp(s)); a row with no allowed key warns (log 0, −∞ − (−∞)) and is set to 0
    scores = np.tanh((Q @ params["W_q"])[:, :, None, :] + (K @ params["W_k"])[:, None, :, :]) @ params["v"]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = np.max(scores, axis=-1, keepdims=True)
    m = np.where(np.isinf(m), 0.0, m)
    lse = m + np.log(np.sum(np.exp(scores - m), axis=-1, keepdims=True))
    weights = np.nan_to_num(np.exp(scores - lse))
    return weights @ V, weights


@alternative("additive_attention")
def additive_float32(Q, K, V, params, mask=None):
    Q, K, V = (np.asarray(a, dtype=np.float32) for a in (Q, K, V))
    W_q, W_k, v = (np.asarray(params[k], dtype=np.float32) for k in ("W_q", "W_k", "v"))
    scores = np.tanh((Q @ W_q)[:, :, None, :] + (K @ W_k)[:, None, :, :]) @ v
    if mask is not None:
        scores = np.where(mask, scores, np.float32(-np.inf))
    weights = softmax(scores)
    return weights @ V, weights


# --------------------------------------------------------------------------- shift_right
@alternative("shift_right")
def shift_right_concatenate(targets, bos_id):
    bos = np.full((targets.shape[0], 1), bos_id, dtype=targets.dtype)
    return np.concatenate([bos, targets[:, :-1]], axis=1)


@alternative("shift_right")
def shift_right_roll_then_bos(targets, bos_id):
    out = np.roll(targets, 1, axis=1)
    out[:, 0] = bos_id
    return out


@alternative("shift_right")
def shift_right_pad(targets, bos_id):
    return np.pad(targets[:, :-1], ((0, 0), (1, 0)), constant_values=bos_id)


@alternative("shift_right")
def shift_right_rows(targets, bos_id):
    return np.array([[bos_id] + list(row[:-1]) for row in targets], dtype=targets.dtype)


# --------------------------------------------------------------------------- decoder_block
def _heads_loop_mha(X_q, X_kv, params, prefix, n_heads, mask):
    """Multi-head attention written out head by head (a student's own, not the provided one)."""
    def proj(X, k):
        b = params.get(f"{prefix}b_{k}")
        return X @ params[f"{prefix}W_{k}"] + (0 if b is None else b)
    Q, K, V = proj(X_q, "q"), proj(X_kv, "k"), proj(X_kv, "v")
    N, n_q, d = Q.shape
    n_kv = K.shape[1]
    dh = d // n_heads
    m = np.ones((N, n_q, n_kv), dtype=bool) if mask is None else np.broadcast_to(mask, (N, n_q, n_kv))
    heads, weights = [], []
    for j in range(n_heads):
        cols = slice(j * dh, (j + 1) * dh)
        s = np.einsum("nqd,nkd->nqk", Q[..., cols], K[..., cols]) / math.sqrt(dh)
        s = np.where(m, s, -np.inf)
        top = np.max(s, axis=-1, keepdims=True)
        e = np.exp(s - np.where(np.isfinite(top), top, 0.0))
        total = e.sum(axis=-1, keepdims=True)
        w = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
        heads.append(w @ V[..., cols])
        weights.append(w)
    out = np.concatenate(heads, axis=-1) @ params[f"{prefix}W_o"]
    if f"{prefix}b_o" in params:
        out = out + params[f"{prefix}b_o"]
    return out, np.stack(weights, axis=1)


def _ln(x, g, b, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    return g * (x - mu) / np.sqrt(((x - mu) ** 2).mean(-1, keepdims=True) + eps) + b


def _gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


@alternative("decoder_block")
def decoder_heads_by_hand(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    n = y.shape[1]
    allowed = np.tril(np.ones((n, n), dtype=bool))
    if self_mask is not None:
        allowed = np.logical_and(allowed, self_mask)
    g = [(params[f"gamma_{i}"], params[f"beta_{i}"]) for i in (1, 2, 3)]

    def ffn(x):
        return _gelu_tanh(x @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]
    if norm_first:
        h = _ln(y, *g[0])
        s, sw = _heads_loop_mha(h, h, params, "self_", n_heads, allowed)
        a = y + s
        c, cw = _heads_loop_mha(_ln(a, *g[1]), memory, params, "cross_", n_heads, memory_mask)
        b = a + c
        return b + ffn(_ln(b, *g[2])), sw, cw
    s, sw = _heads_loop_mha(y, y, params, "self_", n_heads, allowed)
    a = _ln(y + s, *g[0])
    c, cw = _heads_loop_mha(a, memory, params, "cross_", n_heads, memory_mask)
    b = _ln(a + c, *g[1])
    return _ln(b + ffn(b), *g[2]), sw, cw


@alternative("decoder_block")
def decoder_with_provided_functions(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    self_p = {k[5:]: v for k, v in params.items() if k.startswith("self_")}
    cross_p = {k[6:]: v for k, v in params.items() if k.startswith("cross_")}
    mask = causal_mask(y.shape[1])
    if self_mask is not None:
        mask = mask * np.asarray(self_mask, dtype=bool)                 # AND as a product of booleans
    sublayers = [lambda x: multi_head_attention(x, x, self_p, n_heads, mask),
                 lambda x: multi_head_attention(x, memory, cross_p, n_heads, memory_mask),
                 lambda x: (feed_forward(x, params), None)]
    weights = []
    x = y
    for i, sublayer in enumerate(sublayers, start=1):
        gamma, beta = params[f"gamma_{i}"], params[f"beta_{i}"]
        if norm_first:
            out, w = sublayer(layer_norm(x, gamma, beta))
            x = x + out
        else:
            out, w = sublayer(x)
            x = layer_norm(x + out, gamma, beta)
        weights.append(w)
    return x, weights[0], weights[1]


@alternative("decoder_block")
def decoder_torch_layer(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    """nn.TransformerDecoderLayer with our weights; masks that PyTorch cannot take as padding go to the
    per-head attention masks, and fully masked rows are zeroed as the SPEC asks."""
    t = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float64)  # noqa: E731
    N, n_y, d = y.shape
    n_mem = memory.shape[1]
    d_ff = params["W_1"].shape[1]
    layer = torch.nn.TransformerDecoderLayer(d, n_heads, d_ff, dropout=0.0, activation="gelu", batch_first=True,
                                             norm_first=norm_first).double().eval()
    with torch.no_grad():
        for part, attn in (("self", layer.self_attn), ("cross", layer.multihead_attn)):
            attn.in_proj_weight.copy_(t(np.concatenate([params[f"{part}_W_{k}"].T for k in "qkv"])))
            attn.in_proj_bias.copy_(t(np.concatenate([params.get(f"{part}_b_{k}", np.zeros(d)) for k in "qkv"])))
            attn.out_proj.weight.copy_(t(params[f"{part}_W_o"].T))
            attn.out_proj.bias.copy_(t(params.get(f"{part}_b_o", np.zeros(d))))
        layer.linear1.weight.copy_(t(params["W_1"].T))
        layer.linear1.bias.copy_(t(params["b_1"]))
        layer.linear2.weight.copy_(t(params["W_2"].T))
        layer.linear2.bias.copy_(t(params["b_2"]))
        for i, norm in enumerate((layer.norm1, layer.norm2, layer.norm3), start=1):
            norm.weight.copy_(t(params[f"gamma_{i}"]))
            norm.bias.copy_(t(params[f"beta_{i}"]))
    allowed_self = np.tril(np.ones((n_y, n_y), dtype=bool))
    if self_mask is not None:
        allowed_self = allowed_self & np.asarray(self_mask, dtype=bool)
    allowed_self = np.broadcast_to(allowed_self, (N, n_y, n_y))
    allowed_mem = np.broadcast_to(np.ones((1, 1, 1), dtype=bool) if memory_mask is None
                                  else np.asarray(memory_mask, dtype=bool), (N, n_y, n_mem))

    def blocked(allowed):        # PyTorch: True = blocked, one (n_q, n_k) mask per (sequence, head)
        return torch.as_tensor(np.repeat(~allowed, n_heads, axis=0).copy())

    def attend(attn, q, kv, allowed):
        out, w = attn(q, kv, kv, attn_mask=blocked(allowed), need_weights=True, average_attn_weights=False)
        dead = torch.as_tensor(~allowed.any(-1).copy())                  # (N, n_q): rows with no allowed key
        w = torch.where(dead[:, None, :, None], torch.zeros_like(w), w)
        bias = attn.out_proj.bias
        out = torch.where(dead[..., None], bias.expand_as(out), out)
        return out, w

    Y, M = t(y), t(memory)
    with torch.no_grad():
        x = layer.norm1(Y) if norm_first else Y
        s, sw = attend(layer.self_attn, x, x, allowed_self)
        a = Y + s if norm_first else layer.norm1(Y + s)
        x = layer.norm2(a) if norm_first else a
        c, cw = attend(layer.multihead_attn, x, M, allowed_mem)
        b = a + c if norm_first else layer.norm2(a + c)
        out = b + layer._ff_block(layer.norm3(b)) if norm_first else layer.norm3(b + layer._ff_block(b))
    return out.numpy(), sw.numpy(), cw.numpy()


# --------------------------------------------------------------------------- sequence_cross_entropy
@alternative("sequence_cross_entropy")
def loss_one_hot_distribution(logits, targets, pad_id=0, label_smoothing=0.0):
    V = logits.shape[-1]
    z = logits - logits.max(axis=-1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    q = (1 - label_smoothing) * np.eye(V)[targets] + label_smoothing / V     # the smoothed target distribution
    per_position = -(q * log_p).sum(axis=-1)
    keep = targets != pad_id
    return float(per_position[keep].sum() / keep.sum()) if keep.sum() > 0 else 0.0


@alternative("sequence_cross_entropy")
def loss_loop_over_positions(logits, targets, pad_id=0, label_smoothing=0.0):
    total, count = 0.0, 0
    V = logits.shape[-1]
    for n in range(targets.shape[0]):
        for t in range(targets.shape[1]):
            y = int(targets[n, t])
            if y == pad_id:
                continue
            row = logits[n, t]
            m = max(row)
            lse = m + math.log(sum(math.exp(v - m) for v in row))
            log_p = [v - lse for v in row]
            total += -((1 - label_smoothing) * log_p[y] + label_smoothing / V * sum(log_p))
            count += 1
    return total / count if count else 0.0


@alternative("sequence_cross_entropy")
def loss_torch(logits, targets, pad_id=0, label_smoothing=0.0):
    if np.all(targets == pad_id):
        return 0.0
    V = logits.shape[-1]
    loss = F.cross_entropy(torch.as_tensor(logits, dtype=torch.float64).reshape(-1, V),
                           torch.as_tensor(targets, dtype=torch.long).reshape(-1),
                           ignore_index=pad_id, label_smoothing=label_smoothing)
    return loss.item()


@alternative("sequence_cross_entropy")
def loss_nll_plus_smoothing_terms(logits, targets, pad_id=0, label_smoothing=0.0):
    m = np.max(logits, axis=-1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True)))[..., 0]
    keep = targets != pad_id
    if not keep.any():
        return 0.0
    picked = np.take_along_axis(logits, targets[..., None], axis=-1)[..., 0]
    nll = lse - picked                                                  # −log p(y) = logsumexp − logit_y
    uniform = lse - logits.mean(axis=-1)                                # −(1/V) Σ_v log p_v
    loss = nll + label_smoothing * (uniform - nll)
    return float(np.mean(loss[keep]))


# --------------------------------------------------------------------------- greedy_decode
@alternative("greedy_decode")
def greedy_rebuilds_prefix(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    rows = [[] for _ in range(len(memory))]
    ended = [False] * len(memory)
    while len(rows[0]) < max_len and not all(ended):
        prefix = np.array([[bos_id] + r for r in rows])                 # recomputed from scratch every step
        last = step_logits(prefix, memory)[:, -1, :]
        for n, r in enumerate(rows):
            if ended[n]:
                r.append(pad_id)
            else:
                token = int(np.argmax(last[n]))
                r.append(token)
                ended[n] = token == eos_id
    return np.array(rows, dtype=np.int64).reshape(len(memory), -1)


@alternative("greedy_decode")
def greedy_preallocated_and_trimmed(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    N = len(memory)
    tokens = np.full((N, max_len + 1), pad_id)
    tokens[:, 0] = bos_id
    alive = np.ones(N, dtype=bool)
    t = 0
    while t < max_len and alive.any():
        logits = step_logits(tokens[:, : t + 1], memory)
        choice = logits[:, t].argmax(axis=1)
        tokens[alive, t + 1] = choice[alive]
        alive &= choice != eos_id
        t += 1
    return tokens[:, 1: t + 1]


@alternative("greedy_decode")
def greedy_torch_argmax(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    prefix = torch.full((len(memory), 1), bos_id, dtype=torch.long)
    done = torch.zeros(len(memory), dtype=torch.bool)
    for _ in range(max_len):
        logits = torch.as_tensor(step_logits(prefix.numpy(), memory))
        nxt = torch.argmax(logits[:, -1], dim=-1)                      # first maximal index on the CPU, as numpy
        nxt = torch.where(done, torch.full_like(nxt, pad_id), nxt)
        done = done | (nxt == eos_id)
        prefix = torch.cat([prefix, nxt[:, None]], dim=1)
        if bool(done.all()):
            break
    return prefix[:, 1:].numpy()
