"""Cross-check ``solutions/decoder.py`` against PyTorch, in float64, to 1e-10.

PyTorch ↔ ours (we compute ``X @ W``; a PyTorch ``Linear`` computes ``X @ weight.T + bias``)::

    nn.TransformerDecoderLayer(d_model, nhead, d_ff, dropout=0.0, activation="gelu",
                               batch_first=True, norm_first=…), eval mode   ↔ decoder_block
        self_attn.in_proj_weight      = [self_W_qᵀ; self_W_kᵀ; self_W_vᵀ]     (3·d_model, d_model)
        self_attn.in_proj_bias        = [self_b_q; self_b_k; self_b_v]
        self_attn.out_proj.weight     = self_W_oᵀ,   self_attn.out_proj.bias = self_b_o
        multihead_attn.in_proj_weight = [cross_W_qᵀ; cross_W_kᵀ; cross_W_vᵀ]
        multihead_attn.in_proj_bias   = [cross_b_q; cross_b_k; cross_b_v]
        multihead_attn.out_proj.weight = cross_W_oᵀ, multihead_attn.out_proj.bias = cross_b_o
        linear1.weight = W_1ᵀ (d_ff, d_model), linear1.bias = b_1
        linear2.weight = W_2ᵀ (d_model, d_ff), linear2.bias = b_2
        norm1/norm2/norm3.weight = gamma_1/gamma_2/gamma_3, .bias = beta_1/beta_2/beta_3
        masks: PyTorch's True = BLOCKED, ours True = may attend:
            the causal mask        → tgt_mask = ~causal_mask(n_y) (True above the diagonal)
            ours (N, 1, n_y)       → tgt_key_padding_mask = ~ours[:, 0, :]      (N, n_y)
            ours (N, 1, n_mem)     → memory_key_padding_mask = ~ours[:, 0, :]   (N, n_mem)
        The layer returns no attention weights: they are compared with its own submodules
        (self_attn, multihead_attn, need_weights=True, average_attn_weights=False) called on
        the inputs the layer gives them (y or norm1(y), then a or norm2(a) and memory).

    F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), ignore_index=pad_id,
                    label_smoothing=ε)                                     ↔ sequence_cross_entropy
        (every target padding: PyTorch gives NaN = 0 / 0, ours 0.0 by the SPEC)

    additive_attention: no PyTorch module; compared with an independent torch computation
    (einsum over the attention size, masked_fill(−∞), softmax, NaN of fully masked rows → 0).

shift_right and greedy_decode are integer bookkeeping: checked on cases built by hand, greedy
decoding with scripted step functions that count their calls.
"""
import pathlib
import sys
import warnings

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from solutions import attention as A  # noqa: E402
from solutions import decoder as D  # noqa: E402

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


# --------------------------------------------------------------------------------- decoder_block

def _decoder_params(rng, d, f, bias=True):
    p = {}
    for part in ("self", "cross"):
        p.update({f"{part}_W_{k}": rng.normal(0, 1 / np.sqrt(d), (d, d)) for k in "qkvo"})
        if bias:
            p.update({f"{part}_b_{k}": rng.normal(0, 0.3, d) for k in "qkvo"})
    p.update({"W_1": rng.normal(0, 1 / np.sqrt(d), (d, f)), "b_1": rng.normal(0, 0.3, f),
              "W_2": rng.normal(0, 1 / np.sqrt(f), (f, d)), "b_2": rng.normal(0, 0.3, d)})
    for i in "123":
        p[f"gamma_{i}"], p[f"beta_{i}"] = 1 + rng.normal(0, 0.3, d), rng.normal(0, 0.3, d)
    return p


def _torch_layer(p, d, h, f, norm_first, bias=True):
    layer = nn.TransformerDecoderLayer(d, h, f, dropout=0.0, activation="gelu", batch_first=True,
                                       norm_first=norm_first, bias=bias).double().eval()
    with torch.no_grad():
        for part, attn in (("self", layer.self_attn), ("cross", layer.multihead_attn)):
            attn.in_proj_weight.copy_(_t(np.concatenate([p[f"{part}_W_{k}"].T for k in "qkv"])))
            attn.out_proj.weight.copy_(_t(p[f"{part}_W_o"].T))
            if bias:
                attn.in_proj_bias.copy_(_t(np.concatenate([p[f"{part}_b_{k}"] for k in "qkv"])))
                attn.out_proj.bias.copy_(_t(p[f"{part}_b_o"]))
        layer.linear1.weight.copy_(_t(p["W_1"].T))
        layer.linear2.weight.copy_(_t(p["W_2"].T))
        if bias:
            layer.linear1.bias.copy_(_t(p["b_1"]))
            layer.linear2.bias.copy_(_t(p["b_2"]))
        for i, norm in enumerate((layer.norm1, layer.norm2, layer.norm3), start=1):
            norm.weight.copy_(_t(p[f"gamma_{i}"]))
            if bias:
                norm.bias.copy_(_t(p[f"beta_{i}"]))
    return layer


def _torch_decoder(layer, y, memory, norm_first, self_pad=None, memory_pad=None):
    """(out, self_weights, cross_weights) of the PyTorch layer; pads are ours (True = keep)."""
    n_y = y.shape[1]
    tgt_mask = torch.as_tensor(~A.causal_mask(n_y))
    tgt_kpm = None if self_pad is None else torch.as_tensor(~self_pad[:, 0, :])
    mem_kpm = None if memory_pad is None else torch.as_tensor(~memory_pad[:, 0, :])
    Y, M = _t(y), _t(memory)
    with torch.no_grad():
        out = layer(Y, M, tgt_mask=tgt_mask, tgt_key_padding_mask=tgt_kpm, memory_key_padding_mask=mem_kpm)
        x = layer.norm1(Y) if norm_first else Y
        sa, sw = layer.self_attn(x, x, x, attn_mask=tgt_mask, key_padding_mask=tgt_kpm,
                                 need_weights=True, average_attn_weights=False)
        a = Y + sa if norm_first else layer.norm1(Y + sa)
        x = layer.norm2(a) if norm_first else a
        _, cw = layer.multihead_attn(x, M, M, key_padding_mask=mem_kpm,
                                     need_weights=True, average_attn_weights=False)
    return _np(out), _np(sw), _np(cw)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("norm_first", [False, True])
def test_decoder_block_matches_torch(seed, norm_first):
    rng = np.random.default_rng(seed)
    N, n_y, n_mem, d, h, f = 3, 5, 7, 12, 3, 10          # n_y ≠ n_mem, d_head = 4
    y, memory = rng.normal(size=(N, n_y, d)), rng.normal(size=(N, n_mem, d))
    p = _decoder_params(rng, d, f)
    layer = _torch_layer(p, d, h, f, norm_first)
    out, sw, cw = _quiet(D.decoder_block, y, memory, p, h, norm_first=norm_first)
    t_out, t_sw, t_cw = _torch_decoder(layer, y, memory, norm_first)
    assert out.shape == (N, n_y, d) and sw.shape == (N, h, n_y, n_y) and cw.shape == (N, h, n_y, n_mem)
    np.testing.assert_allclose(out, t_out, **TOL)
    np.testing.assert_allclose(sw, t_sw, **TOL)
    np.testing.assert_allclose(cw, t_cw, **TOL)
    assert np.all(sw[..., np.triu_indices(n_y, 1)[0], np.triu_indices(n_y, 1)[1]] == 0)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("norm_first", [False, True])
def test_decoder_block_with_padding_matches_torch(seed, norm_first):
    rng = np.random.default_rng(10 + seed)
    N, n_y, n_mem, d, h, f = 3, 6, 4, 8, 2, 11
    y, memory = rng.normal(size=(N, n_y, d)), rng.normal(size=(N, n_mem, d))
    p = _decoder_params(rng, d, f)
    y_len = np.array([n_y, 3, 1])                        # padding at the end: query 0 always sees key 0
    mem_len = np.array([2, n_mem, 3])
    self_pad = (np.arange(n_y)[None, :] < y_len[:, None])[:, None, :]
    memory_pad = (np.arange(n_mem)[None, :] < mem_len[:, None])[:, None, :]
    layer = _torch_layer(p, d, h, f, norm_first)
    got = _quiet(D.decoder_block, y, memory, p, h, self_pad, memory_pad, norm_first)
    want = _torch_decoder(layer, y, memory, norm_first, self_pad, memory_pad)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, **TOL)
    assert np.all(got[2][np.broadcast_to(~memory_pad[:, None], got[2].shape)] == 0)


def test_decoder_block_without_biases_matches_torch():
    rng = np.random.default_rng(5)
    N, n_y, n_mem, d, h, f = 2, 4, 6, 6, 2, 5
    y, memory = rng.normal(size=(N, n_y, d)), rng.normal(size=(N, n_mem, d))
    p = _decoder_params(rng, d, f, bias=False)
    for i in "123":
        p[f"beta_{i}"] = np.zeros(d)
    p.update({"b_1": np.zeros(f), "b_2": np.zeros(d)})
    for norm_first in (False, True):
        layer = _torch_layer(p, d, h, f, norm_first, bias=False)
        got = D.decoder_block(y, memory, p, h, norm_first=norm_first)
        for g, w in zip(got, _torch_decoder(layer, y, memory, norm_first)):
            np.testing.assert_allclose(g, w, **TOL)


def test_decoder_block_is_causal_and_ignores_padded_memory():
    rng = np.random.default_rng(6)
    N, n_y, n_mem, d, h, f = 2, 5, 6, 8, 2, 9
    y, memory = rng.normal(size=(N, n_y, d)), rng.normal(size=(N, n_mem, d))
    p = _decoder_params(rng, d, f)
    memory_pad = np.ones((N, 1, n_mem), dtype=bool)
    memory_pad[:, :, 4:] = False
    for norm_first in (False, True):
        out = D.decoder_block(y, memory, p, h, None, memory_pad, norm_first)[0]
        y2, m2 = y.copy(), memory.copy()
        y2[:, 3:] = rng.normal(size=(N, n_y - 3, d))
        m2[:, 4:] = rng.normal(size=(N, n_mem - 4, d))
        out2 = D.decoder_block(y2, m2, p, h, None, memory_pad, norm_first)[0]
        np.testing.assert_allclose(out2[:, :3], out[:, :3], **TOL)
        assert not np.allclose(out2[:, 3:], out[:, 3:])


def test_decoder_block_fully_masked_memory_row_gives_zero_cross_attention():
    rng = np.random.default_rng(7)
    N, n_y, n_mem, d, h, f = 2, 3, 4, 6, 3, 5
    y, memory = rng.normal(size=(N, n_y, d)), rng.normal(size=(N, n_mem, d))
    p = _decoder_params(rng, d, f)
    memory_mask = np.ones((N, n_y, n_mem), dtype=bool)
    memory_mask[1, 2] = False                            # query 2 of sequence 1 sees no memory at all
    out, _, cw = _quiet(D.decoder_block, y, memory, p, h, None, memory_mask, True)
    assert np.all(cw[1, :, 2] == 0) and np.all(np.isfinite(out))
    # pre-norm: b = a + (0 · W_o + b_o) there, so out equals the block with cross-attention = b_o
    a = y + A.multi_head_attention(*(2 * [D.layer_norm(y, p["gamma_1"], p["beta_1"])]),
                                   D._attention_params(p, "self_"), h, A.causal_mask(n_y))[0]
    b = a[1, 2] + p["cross_b_o"]
    want = b + D.feed_forward(D.layer_norm(b, p["gamma_3"], p["beta_3"]), p)
    np.testing.assert_allclose(out[1, 2], want, **TOL)


# --------------------------------------------------------------------------------- loss

def _torch_loss(logits, targets, pad_id, eps):
    V = logits.shape[-1]
    return float(F.cross_entropy(_t(logits).reshape(-1, V), torch.as_tensor(targets).reshape(-1),
                                 ignore_index=pad_id, label_smoothing=eps))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("eps", [0.0, 0.1, 0.37])
@pytest.mark.parametrize("pad_id", [0, 3])
def test_loss_matches_torch(seed, eps, pad_id):
    rng = np.random.default_rng(seed)
    N, n, V = 3, 6, 7
    logits = rng.normal(0, 2, (N, n, V))
    targets = rng.integers(0, V, (N, n))
    targets[0, 4:] = pad_id
    targets[2, 1:] = pad_id
    got = _quiet(D.sequence_cross_entropy, logits, targets, pad_id, eps)
    assert isinstance(got, float)
    assert got == pytest.approx(_torch_loss(logits, targets, pad_id, eps), rel=1e-10, abs=1e-10)


@pytest.mark.parametrize("eps", [0.0, 0.2])
def test_loss_huge_logits_matches_torch(eps):
    rng = np.random.default_rng(4)
    logits = 1000.0 * rng.normal(size=(2, 5, 6))
    logits[1, 2] += 1e5                                  # a whole position far from 0
    targets = rng.integers(1, 6, (2, 5))
    targets[1, 4] = 0
    got = _quiet(D.sequence_cross_entropy, logits, targets, 0, eps)
    assert np.isfinite(got)
    assert got == pytest.approx(_torch_loss(logits, targets, 0, eps), rel=1e-10, abs=1e-8)


def test_loss_all_padding_is_zero_where_torch_gives_nan():
    logits = np.random.default_rng(5).normal(size=(2, 3, 4))
    targets = np.full((2, 3), 2)
    assert _quiet(D.sequence_cross_entropy, logits, targets, 2, 0.1) == 0.0
    assert np.isnan(_torch_loss(logits, targets, 2, 0.1))


def test_loss_two_classes_by_hand():
    # logits [0, ln 3] → p = [1/4, 3/4]; target 1: −log(3/4); with ε: −[(1 − ε) log 3/4 + ε/2 (log 1/4 + log 3/4)]
    logits = np.array([[[0.0, np.log(3.0)], [5.0, 5.0]]])
    targets = np.array([[1, 0]])                         # the second position is padding
    assert D.sequence_cross_entropy(logits, targets) == pytest.approx(-np.log(0.75), rel=1e-12)
    eps = 0.2
    want = -((1 - eps) * np.log(0.75) + eps / 2 * (np.log(0.25) + np.log(0.75)))
    assert D.sequence_cross_entropy(logits, targets, 0, eps) == pytest.approx(want, rel=1e-12)


# --------------------------------------------------------------------------------- additive attention

def _torch_additive(Q, K, V, p, mask=None):
    q, k = _t(Q) @ _t(p["W_q"]), _t(K) @ _t(p["W_k"])
    scores = torch.einsum("nqka,a->nqk", torch.tanh(q[:, :, None, :] + k[:, None, :, :]), _t(p["v"]))
    if mask is not None:
        scores = scores.masked_fill(~torch.as_tensor(np.broadcast_to(mask, scores.shape).copy()), float("-inf"))
    weights = torch.nan_to_num(torch.softmax(scores, dim=-1), nan=0.0)
    return _np(weights @ _t(V)), _np(weights)


def _additive_params(rng, d_q, d_k, d_a):
    return {"W_q": rng.normal(size=(d_q, d_a)), "W_k": rng.normal(size=(d_k, d_a)), "v": rng.normal(size=d_a)}


@pytest.mark.parametrize("seed", SEEDS)
def test_additive_attention_matches_torch(seed):
    rng = np.random.default_rng(seed)
    N, n_q, n_k, d_q, d_k, d_a, d_v = 2, 3, 5, 4, 6, 7, 2
    Q, K, V = rng.normal(size=(N, n_q, d_q)), rng.normal(size=(N, n_k, d_k)), rng.normal(size=(N, n_k, d_v))
    p = _additive_params(rng, d_q, d_k, d_a)
    for got, want in zip(_quiet(D.additive_attention, Q, K, V, p), _torch_additive(Q, K, V, p)):
        np.testing.assert_allclose(got, want, **TOL)
    mask = rng.uniform(size=(N, n_q, n_k)) < 0.5
    mask[0, 1] = False                                   # a fully masked row: zeros
    mask[1, :, 0] = True
    out, w = _quiet(D.additive_attention, Q, K, V, p, mask)
    for got, want in zip((out, w), _torch_additive(Q, K, V, p, mask)):
        np.testing.assert_allclose(got, want, **TOL)
    assert np.all(w[0, 1] == 0) and np.all(out[0, 1] == 0) and np.all(w[~mask] == 0)
    pad = mask[:, :1, :]                                 # (N, 1, n_k) broadcasts over the queries
    for got, want in zip(D.additive_attention(Q, K, V, p, pad), _torch_additive(Q, K, V, p, pad)):
        np.testing.assert_allclose(got, want, **TOL)


def test_additive_attention_by_hand():
    # W_q, W_k pick coordinates; tanh(0 + k) with k = ±artanh(1/2) gives ±1/2; v = [2] → scores ±1
    Q = np.zeros((1, 1, 1))
    K = np.array([[[np.arctanh(0.5)], [-np.arctanh(0.5)]]])
    V = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    p = {"W_q": np.ones((1, 1)), "W_k": np.ones((1, 1)), "v": np.array([2.0])}
    out, w = D.additive_attention(Q, K, V, p)
    e = np.exp([1.0, -1.0])
    np.testing.assert_allclose(w[0, 0], e / e.sum(), **TOL)
    np.testing.assert_allclose(out[0, 0], e / e.sum(), **TOL)


# --------------------------------------------------------------------------------- shift_right

def test_shift_right_by_hand():
    targets = np.array([[5, 6, 7, 2], [8, 2, 0, 0]], dtype=np.int32)
    before = targets.copy()
    got = D.shift_right(targets, 1)
    np.testing.assert_array_equal(got, [[1, 5, 6, 7], [1, 8, 2, 0]])
    assert got.dtype == np.int32 and np.array_equal(targets, before)
    np.testing.assert_array_equal(D.shift_right(np.array([[4], [9]]), 3), [[3], [3]])


# --------------------------------------------------------------------------------- greedy_decode

class Scripted:
    """step_logits from a table: the logits for a prefix of t columns are table[t − 1][:, :t]."""

    def __init__(self, table):
        self.table, self.calls = np.asarray(table, dtype=float), []

    def __call__(self, prefix, memory):
        prefix = np.asarray(prefix)
        self.calls.append((prefix.copy(), memory))
        return self.table[prefix.shape[1] - 1][:, :prefix.shape[1]].copy()


def _table(next_tokens, V, decoy):
    """Logits (T, N, T, V): the last position of step t prefers next_tokens[:, t − 1], every
    earlier position prefers ``decoy`` (so the argmax of the first position is wrong)."""
    next_tokens = np.asarray(next_tokens)
    N, T = next_tokens.shape
    table = np.zeros((T, N, T, V))
    for t in range(1, T + 1):
        table[t - 1, :, : t - 1, decoy] = 5.0
        table[t - 1, np.arange(N), t - 1, next_tokens[:, t - 1]] = 3.0
    return table


def test_greedy_decode_by_hand():
    bos, eos, pad, V = 1, 2, 0, 6
    # row 0 ends at step 2, row 1 at step 4; after its eos row 0's script keeps proposing 5
    wanted = np.array([[3, 2, 5, 5, 5], [4, 4, 3, 2, 5]])
    step = Scripted(_table(wanted, V, decoy=5))
    memory = np.zeros((2, 3, 4))
    got = D.greedy_decode(step, memory, bos, eos, max_len=5, pad_id=pad)
    np.testing.assert_array_equal(got, [[3, 2, 0, 0], [4, 4, 3, 2]])
    assert len(step.calls) == 4                          # one call per generated position, then stop
    np.testing.assert_array_equal(step.calls[0][0], [[1], [1]])
    np.testing.assert_array_equal(step.calls[3][0], [[1, 3, 2, 0], [1, 4, 4, 3]])
    assert all(m is memory for _, m in step.calls)


def test_greedy_decode_stops_at_max_len_and_breaks_ties_low():
    bos, eos, V = 0, 9, 10
    table = np.zeros((4, 3, 4, V))
    table[..., 4] = table[..., 7] = 1.0                  # every position: a tie between 4 and 7
    step = Scripted(table)
    got = D.greedy_decode(step, np.ones((3, 2)), bos, eos, max_len=3, pad_id=8)
    np.testing.assert_array_equal(got, np.full((3, 3), 4))
    assert len(step.calls) == 3
    assert D.greedy_decode(Scripted(table), np.ones((3, 2)), bos, eos, max_len=0).shape == (3, 0)
