"""Known mistakes on the Transformer-block functions, each written the way a student would write it."""
import math

import numpy as np

from solutions.attention import multi_head_attention
from solutions.positional import positional_encoding
from solutions.transformer import feed_forward, gelu, layer_norm
from seqlab.catalogue import mistake


# --------------------------------------------------------------------------- layer_norm
@mistake("layer_norm", "layernorm_unbiased_variance")
def layer_norm_ddof_1(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, ddof=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


@mistake("layer_norm", "layernorm_unbiased_variance")
def layer_norm_annotated_transformer(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    std = x.std(-1, ddof=1, keepdims=True)          # torch's x.std(-1) is unbiased
    return gamma * (x - mean) / (std + eps) + beta


@mistake("layer_norm", "layernorm_eps_outside_sqrt")
def layer_norm_std_plus_eps(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    sigma = np.std(x, axis=-1, keepdims=True)
    return gamma * (x - mu) / (sigma + eps) + beta


@mistake("layer_norm", "layernorm_missing_eps")
def layer_norm_without_eps(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    return gamma * (x - mu) / np.std(x, axis=-1, keepdims=True) + beta


@mistake("layer_norm", "layernorm_wrong_axis")
def layer_norm_over_batch(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0, keepdims=True)               # batch norm
    var = x.var(axis=0, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


@mistake("layer_norm", "layernorm_ignores_eps")
def layer_norm_hard_coded_eps(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + 1e-5) + beta


@mistake("layer_norm", "mutated_input")
def layer_norm_centres_in_place(x, gamma, beta, eps=1e-5):
    x -= x.mean(axis=-1, keepdims=True)
    x /= np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + eps)
    return gamma * x + beta


# --------------------------------------------------------------------------- gelu
@mistake("gelu", "ffn_relu_not_gelu")
def gelu_is_relu(x):
    return np.maximum(0, x)


@mistake("gelu", "gelu_sigmoid_approximation")
def gelu_sigmoid(x):
    return x / (1 + np.exp(-1.702 * x))


@mistake("gelu", "gelu_erf_argument")
def gelu_erf_of_x(x):
    erf = np.vectorize(math.erf)
    return x * 0.5 * (1 + erf(x))


# --------------------------------------------------------------------------- feed_forward
@mistake("feed_forward", "ffn_relu_not_gelu")
def ffn_relu(x, params):
    hidden = np.maximum(0, x @ params["W_1"] + params["b_1"])
    return hidden @ params["W_2"] + params["b_2"]


@mistake("feed_forward", "missing_bias")
def ffn_forgets_b2(x, params):
    return gelu(x @ params["W_1"] + params["b_1"]) @ params["W_2"]


@mistake("feed_forward", "ffn_extra_activation")
def ffn_gelu_twice(x, params):
    hidden = gelu(x @ params["W_1"] + params["b_1"])
    return gelu(hidden @ params["W_2"] + params["b_2"])


def _tanh_gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


@mistake("feed_forward", "missing_bias")
def ffn_tanh_gelu_no_biases(x, params):
    return _tanh_gelu(x @ params["W_1"]) @ params["W_2"]


# --------------------------------------------------------------------------- encoder_block
def _ln(x, params, i):
    return layer_norm(x, params[f"gamma_{i}"], params[f"beta_{i}"])


@mistake("encoder_block", "missing_residual")
def encoder_no_residual(x, params, n_heads, mask=None, norm_first=False):
    if norm_first:
        y = layer_norm(x, params["gamma_1"], params["beta_1"])
        attn, weights = multi_head_attention(y, y, params, n_heads, mask)
        x = attn
        return feed_forward(layer_norm(x, params["gamma_2"], params["beta_2"]), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = layer_norm(attn, params["gamma_1"], params["beta_1"])
    return layer_norm(feed_forward(x, params), params["gamma_2"], params["beta_2"]), weights


@mistake("encoder_block", "missing_residual")
def encoder_forgets_ffn_residual(x, params, n_heads, mask=None, norm_first=False):
    if norm_first:
        y = _ln(x, params, 1)
        attn, weights = multi_head_attention(y, y, params, n_heads, mask)
        x = x + attn
        return feed_forward(_ln(x, params, 2), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = _ln(x + attn, params, 1)
    return _ln(feed_forward(x, params), params, 2), weights


@mistake("encoder_block", "norm_order_swapped")
def encoder_always_post_norm(x, params, n_heads, mask=None, norm_first=False):
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = layer_norm(x + attn, params["gamma_1"], params["beta_1"])
    return layer_norm(x + feed_forward(x, params), params["gamma_2"], params["beta_2"]), weights


@mistake("encoder_block", "norm_order_swapped")
def encoder_branches_swapped(x, params, n_heads, mask=None, norm_first=False):
    if not norm_first:                                  # read the flag the wrong way round
        y = _ln(x, params, 1)
        attn, weights = multi_head_attention(y, y, params, n_heads, mask)
        x = x + attn
        return x + feed_forward(_ln(x, params, 2), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = _ln(x + attn, params, 1)
    return _ln(x + feed_forward(x, params), params, 2), weights


@mistake("encoder_block", "prenorm_residual_from_normed")
def encoder_prenorm_overwrites_x(x, params, n_heads, mask=None, norm_first=False):
    if norm_first:
        x = _ln(x, params, 1)
        attn, weights = multi_head_attention(x, x, params, n_heads, mask)
        x = x + attn
        x = _ln(x, params, 2)
        return x + feed_forward(x, params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = _ln(x + attn, params, 1)
    return _ln(x + feed_forward(x, params), params, 2), weights


@mistake("encoder_block", "ffn_relu_not_gelu")
def encoder_relu_ffn(x, params, n_heads, mask=None, norm_first=False):
    def ffn(y):
        return np.maximum(0, y @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]
    if norm_first:
        y = _ln(x, params, 1)
        attn, weights = multi_head_attention(y, y, params, n_heads, mask)
        x = x + attn
        return x + ffn(_ln(x, params, 2)), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = _ln(x + attn, params, 1)
    return _ln(x + ffn(x), params, 2), weights


@mistake("encoder_block", "encoder_ignores_mask")
def encoder_drops_mask(x, params, n_heads, mask=None, norm_first=False):
    if norm_first:
        y = _ln(x, params, 1)
        attn, weights = multi_head_attention(y, y, params, n_heads)
        x = x + attn
        return x + feed_forward(_ln(x, params, 2), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads)
    x = _ln(x + attn, params, 1)
    return _ln(x + feed_forward(x, params), params, 2), weights


@mistake("encoder_block", "encoder_adds_pe")
def encoder_adds_positional_encoding(x, params, n_heads, mask=None, norm_first=False):
    x = x + positional_encoding(x.shape[1], x.shape[2])
    if norm_first:
        y = _ln(x, params, 1)
        attn, weights = multi_head_attention(y, y, params, n_heads, mask)
        x = x + attn
        return x + feed_forward(_ln(x, params, 2), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = _ln(x + attn, params, 1)
    return _ln(x + feed_forward(x, params), params, 2), weights


@mistake("encoder_block", "encoder_layer_norm_params")
def encoder_one_layer_norm(x, params, n_heads, mask=None, norm_first=False):
    def ln(y):
        return layer_norm(y, params["gamma_1"], params["beta_1"])
    if norm_first:
        attn, weights = multi_head_attention(ln(x), ln(x), params, n_heads, mask)
        x = x + attn
        return x + feed_forward(ln(x), params), weights
    attn, weights = multi_head_attention(x, x, params, n_heads, mask)
    x = ln(x + attn)
    return ln(x + feed_forward(x, params)), weights
