"""Cross-check ``solutions/attention.py``, ``positional.py`` and ``transformer.py`` against
PyTorch, in float64, to 1e-10.

PyTorch ↔ ours (we compute ``X @ W``; a PyTorch ``Linear`` computes ``X @ weight.T + bias``)::

    F.scaled_dot_product_attention(Q, K, V, attn_mask=m)   ↔ scaled_dot_product_attention(Q, K, V, m)
        bool mask: True = attend in both (a fully masked row gives zeros in both).
        Its weights come out as the output for V = I (identity over the keys).

    nn.MultiheadAttention(d_model, h, batch_first=True)     ↔ multi_head_attention(..., n_heads=h)
        in_proj_weight (3·d_model, d_model) = [W_qᵀ; W_kᵀ; W_vᵀ]
        in_proj_bias   (3·d_model,)         = [b_q; b_k; b_v]
        out_proj.weight = W_oᵀ,  out_proj.bias = b_o
        weights: need_weights=True, average_attn_weights=False → (N, h, n_q, n_kv)
        masks: True = BLOCKED there, so pass the negation of ours:
            ours (N, 1, n_kv) padding  → key_padding_mask = ~ours[:, 0, :]          (N, n_kv)
            ours (n_q, n_kv)           → attn_mask = ~ours
            ours (N, n_q, n_kv)        → attn_mask = (~ours).repeat_interleave(h, 0)  (N·h, n_q, n_kv)
        (a fully masked row gives NaN there, zeros in ours, so those rows are checked
        against F.scaled_dot_product_attention instead.)

    nn.LayerNorm(d_model, eps)  ↔ layer_norm(x, gamma=weight, beta=bias, eps)

    F.gelu(x) (approximate="none"), x · ½ (1 + erf(x / √2))  ↔ gelu(x)

    nn.TransformerEncoderLayer(d_model, h, d_ff, dropout=0.0, activation="gelu",
                               batch_first=True, norm_first=…), eval mode  ↔ encoder_block
        self_attn.*           ↔ W_q W_k W_v W_o b_q b_k b_v b_o  (as for nn.MultiheadAttention)
        linear1.weight = W_1ᵀ (d_ff, d_model),  linear1.bias = b_1
        linear2.weight = W_2ᵀ (d_model, d_ff),  linear2.bias = b_2
        norm1.weight = gamma_1, norm1.bias = beta_1,  norm2.weight = gamma_2, norm2.bias = beta_2
        src_mask / src_key_padding_mask: True = blocked (negate ours, as above).
        Compared on both PyTorch paths: eval + no_grad (the fused fast path) and grad enabled.

    Positional encoding: no PyTorch module; compared with an independent torch float64
    computation (frequencies as exp(−ln(10000) · 2k / d_model), sin/cos stacked then
    interleaved by a reshape) and with values written out by hand.
"""
import math
import pathlib
import sys
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from solutions import attention as A  # noqa: E402
from solutions import positional as P  # noqa: E402
from solutions import transformer as TR  # noqa: E402

TOL = dict(rtol=1e-10, atol=1e-10)
SEEDS = [0, 1, 2]


def _np(t):
    return t.detach().numpy().copy()


def _t(a):
    return torch.as_tensor(np.asarray(a), dtype=torch.float64)


def _quiet(fn, *args, **kwargs):
    """Call fn with every warning and every numpy overflow / invalid / divide an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            return fn(*args, **kwargs)


def _random_mask(rng, shape, p=0.6):
    """Random boolean mask (True = attend) with at least one True per query row."""
    m = rng.uniform(size=shape) < p
    m[..., rng.integers(shape[-1])] = True
    return m


# --------------------------------------------------------------------------------- softmax

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_matches_torch(seed, axis):
    rng = np.random.default_rng(seed)
    x = rng.normal(scale=3.0, size=(3, 4, 5))
    np.testing.assert_allclose(_quiet(A.softmax, x, axis=axis),
                               _np(torch.softmax(_t(x), dim=axis)), **TOL)


def test_softmax_large_logits_and_partial_inf():
    rng = np.random.default_rng(3)
    x = 300.0 * rng.normal(size=(4, 6))        # logits ×300: naive exp overflows
    x[1, 2] = -np.inf
    x[2, :3] = -np.inf
    s = _quiet(A.softmax, x)
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s, _np(torch.softmax(_t(x), dim=-1)), **TOL)
    assert s[1, 2] == 0.0 and np.all(s[2, :3] == 0.0)


def test_softmax_all_minus_inf_slice_gives_zeros():
    x = np.array([[1.0, 2.0, 3.0], [-np.inf, -np.inf, -np.inf], [0.0, -np.inf, 5.0]])
    s = _quiet(A.softmax, x)
    assert not np.any(np.isnan(s))
    np.testing.assert_array_equal(s[1], np.zeros(3))
    np.testing.assert_allclose(s[[0, 2]], _np(torch.softmax(_t(x[[0, 2]]), dim=-1)), **TOL)
    # along axis 0: column 1 is [2, −∞, −∞] → [1, 0, 0]
    s0 = _quiet(A.softmax, x[1:], axis=0)
    np.testing.assert_array_equal(s0[:, 1], [0.0, 0.0])


def test_softmax_float32_stays_accurate():
    x = np.random.default_rng(4).normal(scale=50, size=(5, 7)).astype(np.float32)
    s = _quiet(A.softmax, x)
    assert np.asarray(s).dtype == np.float32
    np.testing.assert_allclose(s, _np(torch.softmax(torch.from_numpy(x), dim=-1)),
                               rtol=1e-5, atol=1e-7)


# ------------------------------------------------------------- scaled dot-product attention

def _qkv(seed, batch=(2, 3), n_q=4, n_k=6, d_k=5, d_v=7):
    rng = np.random.default_rng(seed)
    Q = rng.normal(size=batch + (n_q, d_k))
    K = rng.normal(size=batch + (n_k, d_k))
    V = rng.normal(size=batch + (n_k, d_v))
    return rng, Q, K, V


def _torch_sdpa(Q, K, V, mask=None):
    """(out, weights) from F.scaled_dot_product_attention; weights = output for V = I."""
    m = None if mask is None else torch.as_tensor(mask)
    out = F.scaled_dot_product_attention(_t(Q), _t(K), _t(V), attn_mask=m)
    n_k = K.shape[-2]
    eye = torch.eye(n_k, dtype=torch.float64).expand(K.shape[:-2] + (n_k, n_k))
    w = F.scaled_dot_product_attention(_t(Q), _t(K), eye, attn_mask=m)
    return _np(out), _np(w)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mask_kind", ["none", "2d", "keys_only", "full"])
def test_sdpa_matches_torch(seed, mask_kind):
    rng, Q, K, V = _qkv(seed)
    mask = {
        "none": lambda: None,
        "2d": lambda: _random_mask(rng, (4, 6)),               # (n_q, n_k), broadcast
        "keys_only": lambda: _random_mask(rng, (2, 1, 1, 6)),  # (N, 1, 1, n_k), broadcast
        "full": lambda: _random_mask(rng, (2, 3, 4, 6)),
    }[mask_kind]()
    args = (Q.copy(), K.copy(), V.copy()) + (() if mask is None else (mask.copy(),))
    out, w = _quiet(A.scaled_dot_product_attention, *args)
    out_ref, w_ref = _torch_sdpa(Q, K, V, mask)
    assert np.shape(out) == (2, 3, 4, 7) and np.shape(w) == (2, 3, 4, 6)
    np.testing.assert_allclose(out, out_ref, **TOL)
    np.testing.assert_allclose(w, w_ref, **TOL)
    np.testing.assert_allclose(np.sum(w, axis=-1), 1.0, **TOL)
    if mask is not None:
        assert np.all(w[~np.broadcast_to(mask, w.shape)] == 0.0)
    for a, b in zip(args, (Q, K, V, mask)):
        np.testing.assert_array_equal(a, b)           # inputs not mutated


def test_sdpa_unbatched_and_scale():
    """2-D inputs; and the 1/√d_k is really there (compare with a hand-scaled softmax)."""
    _, Q, K, V = _qkv(5, batch=())
    out, w = A.scaled_dot_product_attention(Q, K, V)
    out_ref, w_ref = _torch_sdpa(Q, K, V)
    np.testing.assert_allclose(out, out_ref, **TOL)
    scores = _t(Q) @ _t(K).T / math.sqrt(Q.shape[-1])
    np.testing.assert_allclose(w, _np(torch.softmax(scores, dim=-1)), **TOL)
    unscaled = _np(torch.softmax(_t(Q) @ _t(K).T, dim=-1))
    assert np.max(np.abs(w - unscaled)) > 1e-3


def test_sdpa_fully_masked_row_gives_zeros_like_torch():
    _, Q, K, V = _qkv(6)
    mask = np.ones((4, 6), dtype=bool)
    mask[2] = False                                   # query 2 may attend to nothing
    out, w = _quiet(A.scaled_dot_product_attention, Q, K, V, mask)
    assert not np.any(np.isnan(out)) and not np.any(np.isnan(w))
    np.testing.assert_array_equal(w[..., 2, :], 0.0)
    np.testing.assert_array_equal(out[..., 2, :], 0.0)
    out_ref, w_ref = _torch_sdpa(Q, K, V, mask)
    np.testing.assert_allclose(out, out_ref, **TOL)
    np.testing.assert_allclose(w, w_ref, **TOL)


def test_sdpa_one_allowed_key_and_large_logits():
    _, Q, K, V = _qkv(7)
    mask = np.zeros((4, 6), dtype=bool)
    mask[np.arange(4), [5, 0, 3, 3]] = True           # exactly one key per query
    out, w = _quiet(A.scaled_dot_product_attention, 300.0 * Q, K, V, mask)
    np.testing.assert_allclose(out, V[..., [5, 0, 3, 3], :], **TOL)
    out_big, w_big = _quiet(A.scaled_dot_product_attention, 300.0 * Q, K, V)
    assert np.all(np.isfinite(out_big))
    np.testing.assert_allclose(out_big, _torch_sdpa(300.0 * Q, K, V)[0], **TOL)


# ----------------------------------------------------------------------------------- masks

def test_causal_mask_by_hand():
    expected = np.array([
        [True, False, False, False],
        [True, True, False, False],
        [True, True, True, False],
        [True, True, True, True],
    ])
    m = A.causal_mask(4)
    assert np.asarray(m).dtype == bool
    np.testing.assert_array_equal(m, expected)
    np.testing.assert_array_equal(A.causal_mask(1), [[True]])


def test_padding_mask_by_hand():
    tokens = np.array([[5, 3, 0, 0], [7, 0, 2, 1], [0, 0, 0, 0]])
    expected = np.array([
        [[True, True, False, False]],
        [[True, False, True, True]],
        [[False, False, False, False]],
    ])
    m = A.padding_mask(tokens)
    assert np.asarray(m).dtype == bool and np.shape(m) == (3, 1, 4)
    np.testing.assert_array_equal(m, expected)
    np.testing.assert_array_equal(A.padding_mask(np.array([[4, -1, 0]]), pad_id=-1),
                                  [[[True, False, True]]])
    np.testing.assert_array_equal(A.padding_mask(np.array([[9]])), [[[True]]])


# ---------------------------------------------------------------------------- split/merge

def test_split_heads_columns_and_inverse():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(2, 5, 12))
    S = A.split_heads(X, 3)
    assert np.shape(S) == (2, 3, 5, 4)
    for j in range(3):
        np.testing.assert_array_equal(S[:, j], X[:, :, 4 * j:4 * (j + 1)])
    np.testing.assert_array_equal(A.merge_heads(S), X)
    Y = rng.normal(size=(3, 4, 2, 5))
    np.testing.assert_array_equal(A.split_heads(A.merge_heads(Y), 4), Y)
    # same layout as torch's view + transpose
    ref = _t(X).view(2, 5, 3, 4).transpose(1, 2)
    np.testing.assert_array_equal(S, _np(ref))


def test_split_heads_rejects_indivisible():
    with pytest.raises(ValueError, match=r"10|4|divisible|divide"):
        A.split_heads(np.zeros((2, 3, 10)), 4)


# ------------------------------------------------------------------------ multi-head attention

def _mha_params(rng, d_model, bias=True):
    p = {f"W_{k}": rng.normal(scale=d_model ** -0.5, size=(d_model, d_model)) for k in "qkvo"}
    if bias:
        p.update({f"b_{k}": 0.5 * rng.normal(size=d_model) for k in "qkvo"})
    return p


def _torch_mha_from(params, d_model, n_heads):
    bias = "b_q" in params
    mha = torch.nn.MultiheadAttention(d_model, n_heads, bias=bias, batch_first=True,
                                      dtype=torch.float64)
    with torch.no_grad():
        mha.in_proj_weight.copy_(_t(np.concatenate([params[f"W_{k}"].T for k in "qkv"])))
        mha.out_proj.weight.copy_(_t(params["W_o"].T))
        if bias:
            mha.in_proj_bias.copy_(_t(np.concatenate([params[f"b_{k}"] for k in "qkv"])))
            mha.out_proj.bias.copy_(_t(params["b_o"]))
    return mha.eval()


def _torch_mask_kwargs(kind, mask, n_heads):
    """Our mask (True = attend) → nn.MultiheadAttention kwargs (True = blocked)."""
    if kind == "none":
        return {}
    if kind == "padding":                         # (N, 1, n_kv)
        return {"key_padding_mask": torch.as_tensor(~mask[:, 0, :])}
    if kind in ("causal", "2d"):                  # (n_q, n_kv)
        return {"attn_mask": torch.as_tensor(~mask)}
    return {"attn_mask": torch.as_tensor(~mask).repeat_interleave(n_heads, dim=0)}


MHA_CASES = [
    # (seed, N, n_q, n_kv, d_model, h, self-attention?, mask kind)
    (0, 2, 5, 5, 8, 2, True, "none"),
    (1, 3, 4, 7, 12, 3, False, "none"),
    (2, 2, 4, 6, 12, 4, False, "padding"),
    (3, 3, 6, 6, 8, 2, True, "causal"),
    (4, 2, 3, 5, 12, 3, False, "2d"),
    (5, 3, 4, 6, 8, 4, False, "full"),
]


def _make_mask(rng, kind, N, n_q, n_kv):
    if kind == "none":
        return None
    if kind == "padding":
        tokens = rng.integers(1, 9, size=(N, n_kv))
        tokens[0, -2:] = 0
        tokens[-1, 1] = 0
        return A.padding_mask(tokens)
    if kind == "causal":
        return A.causal_mask(n_q)
    if kind == "2d":
        return _random_mask(rng, (n_q, n_kv))
    return _random_mask(rng, (N, n_q, n_kv))


@pytest.mark.parametrize("seed,N,n_q,n_kv,d_model,h,self_attn,kind", MHA_CASES,
                         ids=[f"{c[-1]}-h{c[5]}-nq{c[2]}nkv{c[3]}" for c in MHA_CASES])
def test_mha_matches_torch(seed, N, n_q, n_kv, d_model, h, self_attn, kind):
    rng = np.random.default_rng(seed)
    params = _mha_params(rng, d_model)
    X_q = rng.normal(size=(N, n_q, d_model))
    X_kv = X_q if self_attn else rng.normal(size=(N, n_kv, d_model))
    mask = _make_mask(rng, kind, N, n_q, n_kv)
    mha = _torch_mha_from(params, d_model, h)
    with torch.no_grad():
        out_ref, w_ref = mha(_t(X_q), _t(X_kv), _t(X_kv), need_weights=True,
                             average_attn_weights=False, **_torch_mask_kwargs(kind, mask, h))
    saved = [X_q.copy(), X_kv.copy(), {k: v.copy() for k, v in params.items()}]
    out, w = _quiet(A.multi_head_attention, X_q, X_kv, params, h, mask=mask)
    assert np.shape(out) == (N, n_q, d_model) and np.shape(w) == (N, h, n_q, n_kv)
    np.testing.assert_allclose(out, _np(out_ref), **TOL)
    np.testing.assert_allclose(w, _np(w_ref), **TOL)
    np.testing.assert_array_equal(X_q, saved[0])
    np.testing.assert_array_equal(X_kv, saved[1])
    for k, v in saved[2].items():
        np.testing.assert_array_equal(params[k], v)


def test_mha_without_biases_matches_torch():
    rng = np.random.default_rng(9)
    params = _mha_params(rng, 12, bias=False)
    X_q, X_kv = rng.normal(size=(2, 3, 12)), rng.normal(size=(2, 5, 12))
    with torch.no_grad():
        out_ref, w_ref = _torch_mha_from(params, 12, 3)(
            _t(X_q), _t(X_kv), _t(X_kv), average_attn_weights=False)
    out, w = A.multi_head_attention(X_q, X_kv, params, 3)
    np.testing.assert_allclose(out, _np(out_ref), **TOL)
    np.testing.assert_allclose(w, _np(w_ref), **TOL)


def test_mha_fully_masked_row_and_padding_invariance():
    """A query row with no allowed key: zero weights in every head, so its output is b_o.
    Changing padded keys/values leaves the output unchanged."""
    rng = np.random.default_rng(10)
    params = _mha_params(rng, 8)
    X_q, X_kv = rng.normal(size=(2, 3, 8)), rng.normal(size=(2, 5, 8))
    mask = _random_mask(rng, (2, 3, 5))
    mask[1, 2] = False
    out, w = _quiet(A.multi_head_attention, X_q, X_kv, params, 2, mask=mask)
    assert not np.any(np.isnan(out))
    np.testing.assert_array_equal(w[1, :, 2], 0.0)
    np.testing.assert_allclose(out[1, 2], params["b_o"], **TOL)
    # the other rows agree with F.scaled_dot_product_attention on the projected heads
    heads = lambda X, k: A.split_heads(X @ params[f"W_{k}"] + params[f"b_{k}"], 2)  # noqa: E731
    o_ref, w_ref = _torch_sdpa(heads(X_q, "q"), heads(X_kv, "k"), heads(X_kv, "v"),
                               mask[:, None])
    np.testing.assert_allclose(w, w_ref, **TOL)
    np.testing.assert_allclose(out, A.merge_heads(o_ref) @ params["W_o"] + params["b_o"], **TOL)

    tokens = np.array([[3, 4, 0, 0, 0], [1, 2, 3, 4, 0]])
    pmask = A.padding_mask(tokens)
    X_kv2 = X_kv.copy()
    X_kv2[tokens == 0] += 10.0 * rng.normal(size=(int((tokens == 0).sum()), 8))
    out1, _ = A.multi_head_attention(X_q, X_kv, params, 2, mask=pmask)
    out2, _ = A.multi_head_attention(X_q, X_kv2, params, 2, mask=pmask)
    np.testing.assert_allclose(out1, out2, **TOL)


def test_mha_permutation_equivariance_and_causality():
    rng = np.random.default_rng(11)
    params = _mha_params(rng, 12)
    X = rng.normal(size=(2, 6, 12))
    perm = rng.permutation(6)
    out, w = A.multi_head_attention(X, X, params, 4)
    out_p, w_p = A.multi_head_attention(X[:, perm], X[:, perm], params, 4)
    np.testing.assert_allclose(out_p, out[:, perm], **TOL)
    np.testing.assert_allclose(w_p, w[:, :, perm][:, :, :, perm], **TOL)

    causal = A.causal_mask(6)
    out_c, _ = A.multi_head_attention(X, X, params, 4, mask=causal)
    X2 = X.copy()
    X2[:, 4:] = rng.normal(size=(2, 2, 12))           # change the future
    out_c2, _ = A.multi_head_attention(X2, X2, params, 4, mask=causal)
    np.testing.assert_allclose(out_c2[:, :4], out_c[:, :4], **TOL)
    assert np.max(np.abs(out_c2[:, 4:] - out_c[:, 4:])) > 1e-3


# --------------------------------------------------------------------- positional encoding

def _torch_pe(max_len, d_model):
    """Independent: ω_k = exp(−ln(10000) · 2k / d), [sin | cos] stacked, interleaved by reshape."""
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    omega = torch.exp(-math.log(10000.0) * torch.arange(0, d_model, 2, dtype=torch.float64)
                      / d_model)
    angle = pos * omega
    pe = torch.stack([torch.sin(angle), torch.cos(angle)], dim=-1).reshape(max_len, -1)
    return _np(pe[:, :d_model])


@pytest.mark.parametrize("max_len,d_model", [(50, 16), (37, 7), (300, 10), (5, 1), (2000, 64)])
def test_positional_encoding_matches_torch(max_len, d_model):
    pe = _quiet(P.positional_encoding, max_len, d_model)
    assert np.shape(pe) == (max_len, d_model)
    np.testing.assert_allclose(pe, _torch_pe(max_len, d_model), **TOL)


@pytest.mark.parametrize("d_model", [6, 9, 16])
def test_positional_encoding_fixed_values(d_model):
    pe = P.positional_encoding(12, d_model)
    row0 = np.array([0.0, 1.0] * d_model)[:d_model]            # [0, 1, 0, 1, …]
    np.testing.assert_allclose(pe[0], row0, **TOL)
    np.testing.assert_allclose(pe[1, :2], [math.sin(1.0), math.cos(1.0)], **TOL)
    pos = np.arange(12)
    if d_model % 2 == 0:                                       # last pair: columns d−2, d−1
        omega = 10000.0 ** (-(d_model - 2) / d_model)
        np.testing.assert_allclose(pe[:, -2], np.sin(pos * omega), **TOL)
        np.testing.assert_allclose(pe[:, -1], np.cos(pos * omega), **TOL)
        pairs = pe.reshape(12, -1, 2)
    else:                                                      # last column is a lone sin
        omega = 10000.0 ** (-(d_model - 1) / d_model)
        np.testing.assert_allclose(pe[:, -1], np.sin(pos * omega), **TOL)
        pairs = pe[:, :-1].reshape(12, -1, 2)
    np.testing.assert_allclose((pairs ** 2).sum(-1), 1.0, **TOL)   # sin² + cos² = 1


def test_positional_encoding_by_hand_d4():
    """d_model = 4: frequencies 1 and 10000^(−1/2) = 0.01."""
    pe = P.positional_encoding(3, 4)
    expected = np.array([
        [0.0, 1.0, 0.0, 1.0],
        [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)],
        [math.sin(2), math.cos(2), math.sin(0.02), math.cos(0.02)],
    ])
    np.testing.assert_allclose(pe, expected, **TOL)


def test_add_positional_encoding():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(3, 5, 6))
    X_copy = X.copy()
    pe = _torch_pe(5, 6)
    np.testing.assert_allclose(P.add_positional_encoding(X), X + pe, **TOL)
    np.testing.assert_allclose(P.add_positional_encoding(X[1]), X[1] + pe, **TOL)
    np.testing.assert_array_equal(X, X_copy)


# --------------------------------------------------------------------------- layer norm, GELU

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("eps", [1e-5, 1e-3])
def test_layer_norm_matches_torch(seed, eps):
    rng = np.random.default_rng(seed)
    x = rng.normal(loc=2.0, scale=3.0, size=(2, 5, 7))
    x[0, 1] = 4.0 + 1e-3 * rng.normal(size=7)                 # tiny variance: eps matters
    x[1, 2] = -1.5                                             # zero variance
    gamma, beta = rng.normal(size=7), rng.normal(size=7)
    ln = torch.nn.LayerNorm(7, eps=eps, dtype=torch.float64)
    with torch.no_grad():
        ln.weight.copy_(_t(gamma))
        ln.bias.copy_(_t(beta))
        ref = _np(ln(_t(x)))
    np.testing.assert_allclose(_quiet(TR.layer_norm, x, gamma, beta, eps=eps), ref, **TOL)
    if eps == 1e-5:
        np.testing.assert_allclose(TR.layer_norm(x, gamma, beta), ref, **TOL)


def test_gelu_matches_torch_exact_form():
    x = np.concatenate([np.linspace(-12, 12, 2001), [-40.0, -6.0, 0.0, 1e-9, 40.0]])
    g = _quiet(TR.gelu, x)
    np.testing.assert_allclose(g, _np(F.gelu(_t(x), approximate="none")), rtol=1e-12, atol=1e-14)
    by_erf = 0.5 * _t(x) * (1.0 + torch.erf(_t(x) / math.sqrt(2.0)))
    np.testing.assert_allclose(g, _np(by_erf), rtol=1e-12, atol=1e-14)
    x2 = np.random.default_rng(13).normal(size=(3, 4))
    np.testing.assert_allclose(TR.gelu(x2), _np(F.gelu(_t(x2))), **TOL)
    # exact, not the tanh approximation (they differ by ~1e-4 near |x| ≈ 2)
    tanh_form = _np(F.gelu(_t(x), approximate="tanh"))
    assert np.max(np.abs(g - tanh_form)) > 1e-5
    assert np.max(np.abs(g - tanh_form)) < 1e-3
    g32 = TR.gelu(x.astype(np.float32))
    assert np.asarray(g32).dtype == np.float32


# ------------------------------------------------------------------------- FFN, encoder block

def _block_params(rng, d_model, d_ff):
    p = _mha_params(rng, d_model)
    p.update(
        W_1=rng.normal(scale=d_model ** -0.5, size=(d_model, d_ff)), b_1=rng.normal(size=d_ff),
        W_2=rng.normal(scale=d_ff ** -0.5, size=(d_ff, d_model)), b_2=rng.normal(size=d_model),
        gamma_1=1.0 + 0.3 * rng.normal(size=d_model), beta_1=0.3 * rng.normal(size=d_model),
        gamma_2=1.0 + 0.3 * rng.normal(size=d_model), beta_2=0.3 * rng.normal(size=d_model),
    )
    return p


def _torch_encoder_layer(params, d_model, n_heads, d_ff, norm_first):
    layer = torch.nn.TransformerEncoderLayer(
        d_model, n_heads, dim_feedforward=d_ff, dropout=0.0, activation="gelu",
        batch_first=True, norm_first=norm_first, dtype=torch.float64,
    )
    src = _torch_mha_from(params, d_model, n_heads)
    layer.self_attn.load_state_dict(src.state_dict())
    with torch.no_grad():
        layer.linear1.weight.copy_(_t(params["W_1"].T))
        layer.linear1.bias.copy_(_t(params["b_1"]))
        layer.linear2.weight.copy_(_t(params["W_2"].T))
        layer.linear2.bias.copy_(_t(params["b_2"]))
        for i in (1, 2):
            norm = getattr(layer, f"norm{i}")
            norm.weight.copy_(_t(params[f"gamma_{i}"]))
            norm.bias.copy_(_t(params[f"beta_{i}"]))
    return layer.eval()


@pytest.mark.parametrize("seed", SEEDS)
def test_feed_forward_matches_torch(seed):
    rng = np.random.default_rng(seed)
    p = _block_params(rng, 6, 10)
    x = rng.normal(size=(2, 4, 6))
    lin1, lin2 = torch.nn.Linear(6, 10, dtype=torch.float64), torch.nn.Linear(10, 6,
                                                                              dtype=torch.float64)
    with torch.no_grad():
        lin1.weight.copy_(_t(p["W_1"].T))
        lin1.bias.copy_(_t(p["b_1"]))
        lin2.weight.copy_(_t(p["W_2"].T))
        lin2.bias.copy_(_t(p["b_2"]))
        ref = _np(lin2(F.gelu(lin1(_t(x)))))
    out = TR.feed_forward(x, p)
    assert np.shape(out) == (2, 4, 6)
    np.testing.assert_allclose(out, ref, **TOL)


ENC_CASES = [
    # (seed, N, n, d_model, h, d_ff, mask kind)
    (0, 2, 5, 8, 2, 12, "none"),
    (1, 3, 4, 12, 3, 20, "causal"),
    (2, 2, 6, 12, 4, 7, "padding"),
    (3, 3, 5, 8, 2, 16, "full"),
]


@pytest.mark.parametrize("norm_first", [False, True], ids=["post-norm", "pre-norm"])
@pytest.mark.parametrize("seed,N,n,d_model,h,d_ff,kind", ENC_CASES,
                         ids=[f"{c[-1]}-h{c[4]}" for c in ENC_CASES])
def test_encoder_block_matches_TransformerEncoderLayer(seed, N, n, d_model, h, d_ff, kind,
                                                       norm_first):
    rng = np.random.default_rng(seed)
    params = _block_params(rng, d_model, d_ff)
    x = rng.normal(size=(N, n, d_model))
    mask = _make_mask(rng, kind, N, n, n)
    layer = _torch_encoder_layer(params, d_model, h, d_ff, norm_first)
    kw = _torch_mask_kwargs(kind, mask, h)
    torch_kw = {"src_mask": kw["attn_mask"]} if "attn_mask" in kw else {}
    if "key_padding_mask" in kw:
        torch_kw["src_key_padding_mask"] = kw["key_padding_mask"]
    ref_slow = _np(layer(_t(x), **torch_kw))      # grad enabled: the plain Python path
    with torch.no_grad():
        ref = _np(layer(_t(x), **torch_kw))       # eval + no_grad: PyTorch's fused fast path
        attn_in = layer.norm1(_t(x)) if norm_first else _t(x)
        _, w_ref = layer.self_attn(attn_in, attn_in, attn_in, average_attn_weights=False, **kw)
    saved = x.copy()
    out, w = _quiet(TR.encoder_block, x, params, h, mask=mask, norm_first=norm_first)
    assert np.shape(out) == (N, n, d_model) and np.shape(w) == (N, h, n, n)
    np.testing.assert_allclose(out, ref, **TOL)
    np.testing.assert_allclose(out, ref_slow, **TOL)
    np.testing.assert_allclose(w, _np(w_ref), **TOL)
    np.testing.assert_array_equal(x, saved)


def test_encoder_block_norm_first_differs_and_is_causal():
    rng = np.random.default_rng(14)
    params = _block_params(rng, 8, 12)
    x = rng.normal(size=(2, 5, 8))
    post, _ = TR.encoder_block(x, params, 2)
    pre, _ = TR.encoder_block(x, params, 2, norm_first=True)
    assert np.max(np.abs(post - pre)) > 1e-3
    causal = A.causal_mask(5)
    out, _ = TR.encoder_block(x, params, 2, mask=causal)
    x2 = x.copy()
    x2[:, 3:] += 1.0                                           # change the future
    out2, _ = TR.encoder_block(x2, params, 2, mask=causal)
    np.testing.assert_allclose(out2[:, :3], out[:, :3], **TOL)
