"""Correct versions of the Transformer-block functions, written the ways students write them.

Layer norm with the variance as E[x²] − μ², with ``np.var``, or ``(σ² + ε)^(−½)``; GELU as the tanh
approximation (accepted within 1e-3), with ``math.erf`` in a loop, ``erfc``, in float32; the FFN with
einsum, flattened to 2-D and back, or the tanh GELU; the encoder block written inline with a loop over
heads, and PyTorch detours (``F.layer_norm``, ``F.gelu``, ``nn.Linear``, ``nn.MultiheadAttention`` +
``nn.LayerNorm``) returning ``.numpy()``. Each must get full marks from the hidden checks and pass the
self-checks.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from seqlab.catalogue import alternative
from solutions.attention import multi_head_attention  # noqa: F401  (given in a read-only cell of the notebook)
from solutions.transformer import feed_forward, gelu, layer_norm  # noqa: F401  (siblings in a notebook)


def _t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


# --------------------------------------------------------------------------- layer_norm
@alternative("layer_norm")
def layer_norm_moments(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(x ** 2, axis=-1, keepdims=True) - mu ** 2          # E[x²] − μ²
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


@alternative("layer_norm")
def layer_norm_np_var_rsqrt(x, gamma, beta, eps=1e-5):
    x_hat = (x - x.mean(-1, keepdims=True)) * (x.var(-1, keepdims=True) + eps) ** -0.5
    return x_hat * gamma + beta


@alternative("layer_norm")
def layer_norm_torch(x, gamma, beta, eps=1e-5):
    x = _t(x)
    return F.layer_norm(x, x.shape[-1:], _t(gamma), _t(beta), eps).numpy()


@alternative("layer_norm")
def layer_norm_row_loop(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])
    out = np.empty_like(rows)
    for r, row in enumerate(rows):
        mu = row.sum() / len(row)
        var = ((row - mu) ** 2).sum() / len(row)
        out[r] = gamma * (row - mu) / math.sqrt(var + eps) + beta
    return out.reshape(x.shape)


# --------------------------------------------------------------------------- gelu
@alternative("gelu")
def gelu_tanh_approximation(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


@alternative("gelu")
def gelu_tanh_as_sigmoid(x):
    # ½ x (1 + tanh a) = x σ(2a): for very negative x, e^(−2a) overflows to inf (NumPy warns) and x / inf = 0
    x = np.asarray(x, dtype=np.float64)
    return x / (1 + np.exp(-2 * math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


@alternative("gelu")
def gelu_math_erf_loop(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    for idx, v in np.ndenumerate(x):
        out[idx] = v * 0.5 * (1 + math.erf(v / math.sqrt(2)))
    return out


@alternative("gelu")
def gelu_torch_erfc(x):
    x = _t(x)
    return (0.5 * x * torch.special.erfc(-x / math.sqrt(2))).numpy()      # Φ(x) = ½ erfc(−x/√2)


@alternative("gelu")
def gelu_torch_float32(x):
    return F.gelu(torch.tensor(np.asarray(x), dtype=torch.float32)).numpy()


# --------------------------------------------------------------------------- feed_forward
@alternative("feed_forward")
def feed_forward_einsum(x, params):
    hidden = gelu(np.einsum("...d,df->...f", x, params["W_1"]) + params["b_1"])
    return np.einsum("...f,fd->...d", hidden, params["W_2"]) + params["b_2"]


@alternative("feed_forward")
def feed_forward_flattened(x, params):
    x = np.asarray(x, dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])                                   # every position is one row
    out = gelu(rows @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]
    return out.reshape(x.shape[:-1] + (out.shape[-1],))


@alternative("feed_forward")
def feed_forward_tanh_gelu(x, params):
    return gelu_tanh_approximation(x @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]


@alternative("feed_forward")
def feed_forward_nn_Linear(x, params):
    d_model, d_ff = params["W_1"].shape
    lin1, lin2 = torch.nn.Linear(d_model, d_ff, dtype=torch.float64), torch.nn.Linear(d_ff, d_model, dtype=torch.float64)
    with torch.no_grad():                                               # nn.Linear computes x Wᵀ + b
        lin1.weight.copy_(_t(params["W_1"]).T)
        lin1.bias.copy_(_t(params["b_1"]))
        lin2.weight.copy_(_t(params["W_2"]).T)
        lin2.bias.copy_(_t(params["b_2"]))
        return lin2(F.gelu(lin1(_t(x)))).numpy()


# --------------------------------------------------------------------------- encoder_block
def _mha_loop(x, params, n_heads, mask):
    """Self-attention written out with a loop over heads (the block's own copy, as students write it)."""
    def project(name):
        y = x @ params[f"W_{name}"]
        return y + params[f"b_{name}"] if f"b_{name}" in params else y
    Q, K, V = project("q"), project("k"), project("v")
    d_head = x.shape[-1] // n_heads
    m = None if mask is None else np.asarray(mask, dtype=bool)
    heads, weights = [], []
    for j in range(n_heads):
        cols = slice(j * d_head, (j + 1) * d_head)
        scores = Q[..., cols] @ np.swapaxes(K[..., cols], -1, -2) / math.sqrt(d_head)
        if m is not None:
            scores = np.where(m, scores, -np.inf)
        top = np.max(scores, axis=-1, keepdims=True)
        e = np.exp(scores - np.where(np.isfinite(top), top, 0.0))
        total = e.sum(axis=-1, keepdims=True)
        w = e / np.where(total > 0, total, 1.0)
        heads.append(w @ V[..., cols])
        weights.append(w)
    out = np.concatenate(heads, axis=-1) @ params["W_o"]
    return (out + params["b_o"] if "b_o" in params else out), np.stack(weights, axis=1)


@alternative("encoder_block")
def encoder_block_inline(x, params, n_heads, mask=None, norm_first=False):
    def ln(y, i):
        mu = y.mean(-1, keepdims=True)
        var = (y ** 2).mean(-1, keepdims=True) - mu ** 2
        return params[f"gamma_{i}"] * (y - mu) / np.sqrt(var + 1e-5) + params[f"beta_{i}"]

    def ffn(y):
        h = y @ params["W_1"] + params["b_1"]
        return gelu(h) @ params["W_2"] + params["b_2"]
    if norm_first:
        a, weights = _mha_loop(ln(x, 1), params, n_heads, mask)
        x = x + a
        return x + ffn(ln(x, 2)), weights
    a, weights = _mha_loop(x, params, n_heads, mask)
    x = ln(x + a, 1)
    return ln(x + ffn(x), 2), weights


@alternative("encoder_block")
def encoder_block_sublayers(x, params, n_heads, mask=None, norm_first=False):
    """The lecture's 'sublayer' pattern: residual(x, f) = x + f(LN(x)) or LN(x + f(x))."""
    weights = []

    def attention(y):
        out, w = multi_head_attention(y, y, params, n_heads, mask)
        weights.append(w)
        return out

    def sublayer(y, f, i):
        g, b = params[f"gamma_{i}"], params[f"beta_{i}"]
        return y + f(layer_norm(y, g, b)) if norm_first else layer_norm(y + f(y), g, b)
    y = sublayer(np.asarray(x), attention, 1)
    y = sublayer(y, lambda z: feed_forward(z, params), 2)
    return y, weights[0]


@alternative("encoder_block")
def encoder_block_tanh_gelu(x, params, n_heads, mask=None, norm_first=False):
    def ffn(y):
        return feed_forward_tanh_gelu(y, params)

    def ln(y, i):
        return layer_norm(y, params[f"gamma_{i}"], params[f"beta_{i}"])
    if norm_first:
        a, weights = multi_head_attention(ln(x, 1), ln(x, 1), params, n_heads, mask)
        x = x + a
        return x + ffn(ln(x, 2)), weights
    a, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = ln(x + a, 1)
    return ln(x + ffn(x), 2), weights


@alternative("encoder_block")
def encoder_block_torch(x, params, n_heads, mask=None, norm_first=False):
    N, n, d_model = x.shape
    zeros = np.zeros(d_model)
    mha = torch.nn.MultiheadAttention(d_model, n_heads, batch_first=True, dtype=torch.float64)
    norms = [torch.nn.LayerNorm(d_model, dtype=torch.float64) for _ in range(2)]
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([_t(params[f"W_{k}"]).T for k in "qkv"]))
        mha.in_proj_bias.copy_(torch.cat([_t(params.get(f"b_{k}", zeros)) for k in "qkv"]))
        mha.out_proj.weight.copy_(_t(params["W_o"]).T)
        mha.out_proj.bias.copy_(_t(params.get("b_o", zeros)))
        for i, norm in enumerate(norms, start=1):
            norm.weight.copy_(_t(params[f"gamma_{i}"]))
            norm.bias.copy_(_t(params[f"beta_{i}"]))
        blocked = None
        if mask is not None:          # torch: True = blocked, one (n, n) per sequence and head
            allowed = np.broadcast_to(np.asarray(mask, dtype=bool), (N, n, n))
            blocked = torch.from_numpy(np.repeat(~allowed, n_heads, axis=0))

        def attend(y):
            return mha(y, y, y, attn_mask=blocked, need_weights=True, average_attn_weights=False)

        def ffn(y):
            return F.gelu(y @ _t(params["W_1"]) + _t(params["b_1"])) @ _t(params["W_2"]) + _t(params["b_2"])
        y = _t(x)
        if norm_first:
            a, w = attend(norms[0](y))
            y = y + a
            y = y + ffn(norms[1](y))
        else:
            a, w = attend(y)
            y = norms[0](y + a)
            y = norms[1](y + ffn(y))
    return y.numpy(), w.numpy()
