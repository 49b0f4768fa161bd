"""Known mistakes on the decoder functions, each written the way a student would write it.

The decoder block is written on top of the functions the notebook provides (multi_head_attention,
layer_norm, feed_forward, causal_mask), as a student's would be.
"""
import numpy as np

from solutions.attention import causal_mask, multi_head_attention, softmax
from solutions.transformer import feed_forward, layer_norm
from seqlab.catalogue import mistake


# --------------------------------------------------------------------------- additive_attention
def _hidden(Q, K, params):
    return (Q @ params["W_q"])[:, :, None, :] + (K @ params["W_k"])[:, None, :, :]


def _attend(scores, V, mask):
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights


@mistake("additive_attention", "additive_tanh_outside")
def additive_tanh_after_v(Q, K, V, params, mask=None):
    scores = np.tanh(_hidden(Q, K, params) @ params["v"])
    return _attend(scores, V, mask)


@mistake("additive_attention", "additive_tanh_per_term")
def additive_tanh_each_projection(Q, K, V, params, mask=None):
    q = np.tanh(Q @ params["W_q"])
    k = np.tanh(K @ params["W_k"])
    scores = (q[:, :, None, :] + k[:, None, :, :]) @ params["v"]
    return _attend(scores, V, mask)


@mistake("additive_attention", "additive_no_tanh")
def additive_linear(Q, K, V, params, mask=None):
    return _attend(_hidden(Q, K, params) @ params["v"], V, mask)


@mistake("additive_attention", "additive_v_missing")
def additive_sums_hidden(Q, K, V, params, mask=None):
    return _attend(np.tanh(_hidden(Q, K, params)).sum(axis=-1), V, mask)


@mistake("additive_attention", "additive_scaled")
def additive_scaled_like_dot_product(Q, K, V, params, mask=None):
    d_a = params["v"].shape[0]
    return _attend(np.tanh(_hidden(Q, K, params)) @ params["v"] / np.sqrt(d_a), V, mask)


@mistake("additive_attention", "additive_mask_ignored")
def additive_without_mask(Q, K, V, params, mask=None):
    return _attend(np.tanh(_hidden(Q, K, params)) @ params["v"], V, None)


@mistake("additive_attention", "mask_after_softmax")
def additive_mask_after_softmax(Q, K, V, params, mask=None):
    weights = softmax(np.tanh(_hidden(Q, K, params)) @ params["v"], axis=-1)
    if mask is not None:
        weights = weights * mask
    return weights @ V, weights


@mistake("additive_attention", "fully_masked_row_not_zero")
def additive_minus_1e9(Q, K, V, params, mask=None):
    scores = np.tanh(_hidden(Q, K, params)) @ params["v"]
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights


@mistake("additive_attention", "softmax_wrong_axis")
def additive_softmax_over_queries(Q, K, V, params, mask=None):
    scores = np.tanh(_hidden(Q, K, params)) @ params["v"]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=1)
    return weights @ V, weights


# --------------------------------------------------------------------------- shift_right
@mistake("shift_right", "shift_left")
def shift_left(targets, bos_id):
    bos = np.full((targets.shape[0], 1), bos_id, dtype=targets.dtype)
    return np.concatenate([targets[:, 1:], bos], axis=1)


@mistake("shift_right", "shift_right_without_bos")
def shift_right_pads_with_zero(targets, bos_id):
    out = np.zeros_like(targets)
    out[:, 1:] = targets[:, :-1]
    return out


@mistake("shift_right", "shift_right_keeps_last")
def shift_right_prepends(targets, bos_id):
    bos = np.full((targets.shape[0], 1), bos_id, dtype=targets.dtype)
    return np.concatenate([bos, targets], axis=1)


@mistake("shift_right", "shift_right_rolled")
def shift_right_roll(targets, bos_id):
    return np.roll(targets, 1, axis=1)


@mistake("shift_right", "shift_right_dtype")
def shift_right_int64(targets, bos_id):
    bos = np.full((targets.shape[0], 1), bos_id)          # int64, whatever targets are
    return np.concatenate([bos, targets[:, :-1]], axis=1).astype(np.int64)


@mistake("shift_right", "mutated_input")
def shift_right_in_place(targets, bos_id):
    targets[:, 1:] = targets[:, :-1].copy()
    targets[:, 0] = bos_id
    return targets


# --------------------------------------------------------------------------- decoder_block
def _mha_params(params, prefix):
    return {k[len(prefix):]: v for k, v in params.items() if k.startswith(prefix)}


def _ln(x, params, i):
    return layer_norm(x, params[f"gamma_{i}"], params[f"beta_{i}"])


def _block(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False, *, causal=True,
           cross_causal=False, memory_normed=False, cross_prefix="cross_", residual_after_ln=False,
           use_memory_mask=True, ln_ids=(1, 2, 3), relu=False, cross_from_y=False):
    n_y = y.shape[1]
    mask = causal_mask(n_y) if causal else None
    if self_mask is not None:
        mask = self_mask if mask is None else mask & self_mask
    mem_mask = memory_mask if use_memory_mask else None
    if cross_causal:
        tri = np.tril(np.ones((n_y, memory.shape[1]), dtype=bool))
        mem_mask = tri if mem_mask is None else tri & mem_mask
    sp, cp = _mha_params(params, "self_"), _mha_params(params, cross_prefix)

    def ffn(x):
        if relu:
            return np.maximum(0, x @ params["W_1"] + params["b_1"]) @ params["W_2"] + params["b_2"]
        return feed_forward(x, params)

    def ln(x, i):
        return _ln(x, params, ln_ids[i - 1])
    if norm_first:
        h = ln(y, 1)
        s, sw = multi_head_attention(h, h, sp, n_heads, mask)
        a = y + s
        h = ln(a, 2)
        c, cw = multi_head_attention(h, ln(memory, 2) if memory_normed else memory, cp, n_heads, mem_mask)
        b = a + c
        return b + ffn(ln(b, 3)), sw, cw
    s, sw = multi_head_attention(y, y, sp, n_heads, mask)
    a = y + ln(s, 1) if residual_after_ln else ln(y + s, 1)
    kv = a if cross_from_y else memory
    c, cw = multi_head_attention(a, kv, cp, n_heads, mem_mask)
    b = a + ln(c, 2) if residual_after_ln else ln(a + c, 2)
    out = b + ln(ffn(b), 3) if residual_after_ln else ln(b + ffn(b), 3)
    return out, sw, cw


@mistake("decoder_block", "decoder_no_causal_mask")
def decoder_without_causal_mask(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, causal=False)


@mistake("decoder_block", "decoder_causal_mask_on_cross_attention")
def decoder_causal_cross(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, cross_causal=True)


@mistake("decoder_block", "decoder_memory_normalised")
def decoder_prenorm_normalises_memory(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, memory_normed=True)


@mistake("decoder_block", "decoder_cross_attention_keys_from_target")
def decoder_cross_attends_to_itself(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, None, norm_first, cross_from_y=True)


@mistake("decoder_block", "decoder_cross_uses_self_params")
def decoder_one_set_of_attention_weights(y, memory, params, n_heads, self_mask=None, memory_mask=None,
                                         norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, cross_prefix="self_")


@mistake("decoder_block", "decoder_residual_after_layer_norm")
def decoder_residual_after_ln(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, residual_after_ln=True)


@mistake("decoder_block", "decoder_ignores_memory_mask")
def decoder_forgets_memory_mask(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, use_memory_mask=False)


@mistake("decoder_block", "decoder_layer_norm_params")
def decoder_two_layer_norms(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, ln_ids=(1, 2, 2))


@mistake("decoder_block", "ffn_relu_not_gelu")
def decoder_relu(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first, relu=True)


@mistake("decoder_block", "norm_order_swapped")
def decoder_always_post_norm(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, self_mask, memory_mask, False)


@mistake("decoder_block", "decoder_ignores_self_mask")
def decoder_causal_only(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    return _block(y, memory, params, n_heads, None, memory_mask, norm_first)


@mistake("decoder_block", "decoder_sublayer_order")
def decoder_cross_first(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    mask = causal_mask(y.shape[1]) if self_mask is None else causal_mask(y.shape[1]) & self_mask
    if norm_first:
        h = _ln(y, params, 1)
        c, cw = multi_head_attention(h, memory, _mha_params(params, "cross_"), n_heads, memory_mask)
        a = y + c
        h = _ln(a, params, 2)
        s, sw = multi_head_attention(h, h, _mha_params(params, "self_"), n_heads, mask)
        b = a + s
        return b + feed_forward(_ln(b, params, 3), params), sw, cw
    c, cw = multi_head_attention(y, memory, _mha_params(params, "cross_"), n_heads, memory_mask)
    a = _ln(y + c, params, 1)
    s, sw = multi_head_attention(a, a, _mha_params(params, "self_"), n_heads, mask)
    b = _ln(a + s, params, 2)
    return _ln(b + feed_forward(b, params), params, 3), sw, cw


@mistake("decoder_block", "missing_residual")
def decoder_no_ffn_residual(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    out, sw, cw = _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first)
    # recompute the last sublayer without its residual
    mask = causal_mask(y.shape[1]) if self_mask is None else causal_mask(y.shape[1]) & self_mask
    if norm_first:
        h = _ln(y, params, 1)
        a = y + multi_head_attention(h, h, _mha_params(params, "self_"), n_heads, mask)[0]
        b = a + multi_head_attention(_ln(a, params, 2), memory, _mha_params(params, "cross_"), n_heads,
                                     memory_mask)[0]
        return feed_forward(_ln(b, params, 3), params), sw, cw
    a = _ln(y + multi_head_attention(y, y, _mha_params(params, "self_"), n_heads, mask)[0], params, 1)
    b = _ln(a + multi_head_attention(a, memory, _mha_params(params, "cross_"), n_heads, memory_mask)[0], params, 2)
    return _ln(feed_forward(b, params), params, 3), sw, cw


@mistake("decoder_block", "decoder_return_order")
def decoder_weights_swapped(y, memory, params, n_heads, self_mask=None, memory_mask=None, norm_first=False):
    out, sw, cw = _block(y, memory, params, n_heads, self_mask, memory_mask, norm_first)
    return out, cw, sw


# --------------------------------------------------------------------------- sequence_cross_entropy
def _log_softmax(logits):
    m = logits.max(axis=-1, keepdims=True)
    return logits - m - np.log(np.exp(logits - m).sum(axis=-1, keepdims=True))


@mistake("sequence_cross_entropy", "label_smoothing_over_other_classes")
def loss_annotated_transformer_smoothing(logits, targets, pad_id=0, label_smoothing=0.0):
    # The Annotated Transformer's LabelSmoothing: ε / (V − 2) on every class but the target and padding.
    V = logits.shape[-1]
    log_p = _log_softmax(logits)
    true_dist = np.full(logits.shape, label_smoothing / (V - 2))
    np.put_along_axis(true_dist, targets[..., None], 1.0 - label_smoothing, axis=-1)
    true_dist[..., pad_id] = 0.0
    keep = targets != pad_id
    if not keep.any():
        return 0.0
    return float(-(true_dist * log_p).sum(axis=-1)[keep].mean())


@mistake("sequence_cross_entropy", "label_smoothing_over_other_classes")
def loss_smoothing_v_minus_1(logits, targets, pad_id=0, label_smoothing=0.0):
    V = logits.shape[-1]
    log_p = _log_softmax(logits)
    one_hot = np.eye(V)[targets]
    q = (1 - label_smoothing) * one_hot + label_smoothing / (V - 1) * (1 - one_hot)
    keep = targets != pad_id
    return float(-(q * log_p).sum(axis=-1)[keep].mean()) if keep.any() else 0.0


@mistake("sequence_cross_entropy", "loss_padding_not_ignored")
def loss_mean_over_everything(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    smooth = -log_p.mean(axis=-1)
    return float(((1 - label_smoothing) * nll + label_smoothing * smooth).mean())


@mistake("sequence_cross_entropy", "loss_mean_over_all_positions")
def loss_divides_by_all_positions(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    return float((loss * (targets != pad_id)).sum() / targets.size)


@mistake("sequence_cross_entropy", "loss_mean_per_sequence")
def loss_sequence_means(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    keep = targets != pad_id
    means = [loss[i][keep[i]].mean() for i in range(len(loss)) if keep[i].any()]
    return float(np.mean(means)) if means else 0.0


@mistake("sequence_cross_entropy", "loss_unstable")
def loss_log_of_softmax(logits, targets, pad_id=0, label_smoothing=0.0):
    p = softmax(logits, axis=-1)
    log_p = np.log(p)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    keep = targets != pad_id
    return float(loss[keep].mean()) if keep.any() else 0.0


@mistake("sequence_cross_entropy", "loss_unstable")
def loss_naive_exp(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    keep = targets != pad_id
    return float(loss[keep].mean()) if keep.any() else 0.0


@mistake("sequence_cross_entropy", "loss_all_padding_nan")
def loss_divides_by_zero(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    keep = targets != pad_id
    with np.errstate(invalid="ignore"):
        return float((loss * keep).sum() / keep.sum())


@mistake("sequence_cross_entropy", "label_smoothing_ignored")
def loss_without_smoothing(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    keep = targets != pad_id
    return float(nll[keep].mean()) if keep.any() else 0.0


@mistake("sequence_cross_entropy", "loss_ignores_pad_id")
def loss_skips_zero(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    keep = targets != 0
    return float(loss[keep].mean()) if keep.any() else 0.0


@mistake("sequence_cross_entropy", "loss_sum_not_mean")
def loss_sum(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=-1)
    return float(loss[targets != pad_id].sum())


@mistake("sequence_cross_entropy", "label_smoothing_not_divided_by_v")
def loss_smoothing_sum(logits, targets, pad_id=0, label_smoothing=0.0):
    log_p = _log_softmax(logits)
    nll = -np.take_along_axis(log_p, targets[..., None], axis=-1)[..., 0]
    loss = (1 - label_smoothing) * nll - label_smoothing * log_p.sum(axis=-1)
    keep = targets != pad_id
    return float(loss[keep].mean()) if keep.any() else 0.0


# --------------------------------------------------------------------------- greedy_decode
def _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id=0, *, position=-1, stop="all", pad_after=True,
            keep_bos=False, limit=None, ties_high=False, fill=None, trim=True, memory_arg=True, keep_eos=True):
    N = len(memory)
    fill = pad_id if fill is None else fill
    prefix = np.full((N, 1), bos_id)
    done = np.zeros(N, dtype=bool)
    steps = max_len if limit is None else limit
    for _ in range(steps):
        logits = step_logits(prefix, memory if memory_arg else None)[:, position]
        if ties_high:
            nxt = logits.shape[-1] - 1 - np.argmax(logits[:, ::-1], axis=-1)
        else:
            nxt = np.argmax(logits, axis=-1)
        if pad_after:
            nxt = np.where(done, fill, nxt)
        ended = nxt == eos_id
        if not keep_eos:
            nxt = np.where(ended & ~done, fill, nxt)
        done = done | ended
        prefix = np.concatenate([prefix, nxt[:, None]], axis=1)
        if (stop == "all" and done.all()) or (stop == "any" and done.any()):
            break
    out = prefix if keep_bos else prefix[:, 1:]
    if not trim:
        out = np.concatenate([out, np.full((N, max_len - out.shape[1]), fill)], axis=1)
    return out


@mistake("greedy_decode", "greedy_argmax_of_first_position")
def greedy_first_position(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, position=0)


@mistake("greedy_decode", "greedy_keeps_going_after_eos")
def greedy_runs_to_max_len(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, stop="never")


@mistake("greedy_decode", "greedy_stops_when_one_row_ends")
def greedy_stops_at_any_eos(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, stop="any")


@mistake("greedy_decode", "greedy_no_padding_after_eos")
def greedy_keeps_writing_after_eos(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, pad_after=False)


@mistake("greedy_decode", "greedy_bos_in_result")
def greedy_returns_prefix(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, keep_bos=True)


@mistake("greedy_decode", "greedy_ties_highest_index")
def greedy_ties_high(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, ties_high=True)


@mistake("greedy_decode", "greedy_exceeds_max_len")
def greedy_off_by_one(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, limit=max_len + 1)


@mistake("greedy_decode", "greedy_ignores_pad_id")
def greedy_pads_with_zero(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, fill=0)


@mistake("greedy_decode", "greedy_result_not_trimmed")
def greedy_preallocated(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, trim=False)


@mistake("greedy_decode", "greedy_memory_not_passed")
def greedy_forgets_memory(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, memory_arg=False)


@mistake("greedy_decode", "greedy_eos_dropped")
def greedy_drops_eos(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    return _greedy(step_logits, memory, bos_id, eos_id, max_len, pad_id, keep_eos=False)


@mistake("greedy_decode", "greedy_prefix_without_bos")
def greedy_starts_empty(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    N = len(memory)
    prefix = np.zeros((N, 0), dtype=int)
    done = np.zeros(N, dtype=bool)
    for _ in range(max_len):
        logits = step_logits(prefix, memory)
        nxt = np.where(done, pad_id, np.argmax(logits[:, -1], axis=-1))
        done |= nxt == eos_id
        prefix = np.concatenate([prefix, nxt[:, None]], axis=1)
        if done.all():
            break
    return prefix


@mistake("greedy_decode", "greedy_no_padding_after_eos")
def greedy_feeds_unpadded_prefix(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    # pads the result after eos, but keeps feeding the model's own tokens in the prefix
    N = len(memory)
    fed = np.full((N, 1), bos_id)
    out = []
    done = np.zeros(N, dtype=bool)
    for _ in range(max_len):
        nxt = np.argmax(step_logits(fed, memory)[:, -1], axis=-1)
        out.append(np.where(done, pad_id, nxt))
        done |= nxt == eos_id
        fed = np.concatenate([fed, nxt[:, None]], axis=1)
        if done.all():
            break
    return np.stack(out, axis=1)


@mistake("greedy_decode", "greedy_prefix_wrong")
def greedy_feeds_last_token_only(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    # the RNN habit: feed only the newest token, as if the model kept a state
    N = len(memory)
    last = np.full((N, 1), bos_id)
    out = []
    done = np.zeros(N, dtype=bool)
    for _ in range(max_len):
        nxt = np.where(done, pad_id, np.argmax(step_logits(last, memory)[:, -1], axis=-1))
        out.append(nxt)
        done |= nxt == eos_id
        last = nxt[:, None]
        if done.all():
            break
    return np.stack(out, axis=1)


@mistake("greedy_decode", "greedy_step_calls")
def greedy_calls_twice(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
    N = len(memory)
    prefix = np.full((N, 1), bos_id)
    done = np.zeros(N, dtype=bool)
    for _ in range(max_len):
        step_logits(prefix, memory)                          # "warm-up" call whose result is thrown away
        nxt = np.where(done, pad_id, np.argmax(step_logits(prefix, memory)[:, -1], axis=-1))
        done |= nxt == eos_id
        prefix = np.concatenate([prefix, nxt[:, None]], axis=1)
        if done.all():
            break
    return prefix[:, 1:]
