"""Reference solutions for the Transformer encoder block, in the lecture's notation.

    LN(x)   = γ ⊙ (x − μ) / sqrt(σ² + ε) + β       over the last axis, biased variance σ²
    GELU(x) = x Φ(x) = x · ½ (1 + erf(x / √2))      exact form
    FFN(x)  = GELU(x W_1 + b_1) W_2 + b_2

    post-norm (the original):  x = LN_1(x + MHA(x));     x = LN_2(x + FFN(x))
    pre-norm  (norm_first):    x = x + MHA(LN_1(x));     x = x + FFN(LN_2(x))

No dropout. Parameters (dict): the MHA keys W_q W_k W_v W_o (optional b_q b_k b_v b_o),
the FFN keys W_1 (d_model, d_ff) b_1 (d_ff,) W_2 (d_ff, d_model) b_2 (d_model,),
and gamma_1 beta_1 gamma_2 beta_2 (d_model,).
"""
import numpy as np

try:
    from solutions.attention import multi_head_attention
except ImportError:  # run from inside solutions/
    from attention import multi_head_attention

def layer_norm(x, gamma, beta, eps=1e-5):
    """LN(x) = γ ⊙ (x − μ) / sqrt(σ² + ε) + β over the last axis; x (..., d_model).

    μ and σ² are the mean and the biased variance (divide by d_model) of each row; ε sits
    inside the square root.
    """
    x = np.asarray(x)
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def gelu(x):
    """GELU(x) = x Φ(x) = x · ½ (1 + erf(x / √2)), elementwise (exact form, not the tanh one).

    Self-contained (math imported here): later notebooks show it on its own, in a provided cell.
    """
    from math import erf, sqrt
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    phi = 0.5 * (1.0 + np.vectorize(erf, otypes=[np.float64])(x / sqrt(2.0)))
    return (x * phi).astype(dtype, copy=False)


def feed_forward(x, params):
    """FFN(x) = GELU(x W_1 + b_1) W_2 + b_2, position-wise; x (..., d_model) → (..., d_model)."""
    return gelu(x @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]


def encoder_block(x, params, n_heads, mask=None, norm_first=False):
    """One encoder block with self-attention on x (N, n, d_model); returns (out, weights).

    post-norm (norm_first=False):  x = LN_1(x + MHA(x));  x = LN_2(x + FFN(x))
    pre-norm  (norm_first=True):   x = x + MHA(LN_1(x));  x = x + FFN(LN_2(x))

    out (N, n, d_model); weights (N, h, n, n) from the attention, as in multi_head_attention.
    ``mask`` as in multi_head_attention (True = may attend). No dropout.
    """
    x = np.asarray(x)

    def self_attention(x):
        return multi_head_attention(x, x, params, n_heads, mask)

    def ln_1(x):
        return layer_norm(x, params["gamma_1"], params["beta_1"])

    def ln_2(x):
        return layer_norm(x, params["gamma_2"], params["beta_2"])

    if norm_first:
        attn, weights = self_attention(ln_1(x))
        x = x + attn
        x = x + feed_forward(ln_2(x), params)
    else:
        attn, weights = self_attention(x)
        x = ln_1(x + attn)
        x = ln_2(x + feed_forward(x, params))
    return x, weights
