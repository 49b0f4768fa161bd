"""The decoder assignment's toy task: reversing a short digit sequence with a tiny Transformer.

``toy_reverse.npz`` (next to this file) holds the weights of a small encoder–decoder trained by
``scripts/train_toy_decoder.py`` (PyTorch, CPU, seeded), converted to the course's parameter
conventions. This module runs that model in NumPy with the functions you hand it: your
``decoder_block`` and ``greedy_decode``, and the provided ``encoder_block``. It holds no solution
code; with a correct decoder_block and greedy_decode the model reverses sequences, with a broken
one (e.g. no causal mask) it visibly does not.

Tokens: pad = 0, bos = 1, eos = 2, digits 0–9 are tokens 3–12. A source is its digit tokens then
padding; the target is the digits reversed, then eos::

    source [5, 7, 9, 0, 0]   (digits 2 4 6)   →   target [9, 7, 5, 2]   (digits 6 4 2, eos)

The model: x = E[tokens] + PE (no √d scaling); encoder: ``n_enc`` post-norm encoder blocks with a
source padding mask; decoder: ``n_dec`` post-norm decoder blocks (causal self-attention, cross-
attention to the encoder output with the source padding mask), then logits = out W_out + b_out.
"""
from pathlib import Path

import numpy as np

NPZ = Path(__file__).with_name("toy_reverse.npz")
PAD, BOS, EOS, FIRST_DIGIT = 0, 1, 2, 3


def load(path=NPZ):
    """The toy model as a dict: arrays, and the sizes and token ids as Python ints."""
    with np.load(path, allow_pickle=False) as data:
        model = {k: data[k] for k in data.files}
    for k in ("n_heads", "n_enc", "n_dec", "pad_id", "bos_id", "eos_id", "max_src_len", "vocab_size"):
        model[k] = int(model[k])
    return model


def block_params(model, prefix):
    """The parameters of one block (``enc0_``, ``dec1_``, …) under the SPEC's key names."""
    return {k[len(prefix):]: v for k, v in model.items() if k.startswith(prefix)}


def digits_to_tokens(digit_rows, length=None):
    """[[2, 4, 6], [1, 3]] → source tokens (N, length), digits shifted to 3–12, padded with 0."""
    length = length or max(len(r) for r in digit_rows)
    tokens = np.full((len(digit_rows), length), PAD, dtype=np.int64)
    for n, row in enumerate(digit_rows):
        tokens[n, :len(row)] = np.asarray(row) + FIRST_DIGIT
    return tokens


def tokens_to_digits(tokens):
    """Generated tokens → a list of digit lists, cut at the first eos (pad and bos dropped)."""
    rows = []
    for row in np.asarray(tokens):
        digits = []
        for tok in row:
            if tok == EOS:
                break
            if tok >= FIRST_DIGIT:
                digits.append(int(tok) - FIRST_DIGIT)
        rows.append(digits)
    return rows


def embed(model, tokens):
    tokens = np.asarray(tokens)
    return model["embedding"][tokens] + model["pe"][:tokens.shape[1]]


def encode(model, source, encoder_block):
    """Encoder output (N, n_src, d_model) and the memory mask (N, 1, n_src) (True = a real token)."""
    source = np.asarray(source)
    memory_mask = (source != model["pad_id"])[:, None, :]
    x = embed(model, source)
    for i in range(model["n_enc"]):
        x, _ = encoder_block(x, block_params(model, f"enc{i}_"), model["n_heads"], memory_mask)
    return x, memory_mask


def decode_logits(model, decoder_input, memory, memory_mask, decoder_block, keep_weights=False):
    """Logits (N, t, V) for a decoder input (N, t); with ``keep_weights`` also every block's
    (self_weights, cross_weights)."""
    y = embed(model, decoder_input)
    weights = []
    for i in range(model["n_dec"]):
        y, self_w, cross_w = decoder_block(y, memory, block_params(model, f"dec{i}_"), model["n_heads"],
                                           None, memory_mask)
        weights.append((self_w, cross_w))
    logits = np.asarray(y) @ model["W_out"] + model["b_out"]
    return (logits, weights) if keep_weights else logits


def step_function(model, memory_mask, decoder_block):
    """``step_logits(prefix, memory)`` for greedy_decode, for one batch of sources."""
    def step_logits(prefix, memory):
        return decode_logits(model, prefix, memory, memory_mask, decoder_block)
    return step_logits


def reverse(model, source, encoder_block, decoder_block, greedy_decode, max_len=None):
    """Greedy decoding of a batch of sources (N, n_src) → generated tokens (N, L)."""
    memory, memory_mask = encode(model, source, encoder_block)
    max_len = max_len or np.asarray(source).shape[1] + 1
    step = step_function(model, memory_mask, decoder_block)
    return greedy_decode(step, memory, model["bos_id"], model["eos_id"], max_len, model["pad_id"])


def target_of(source):
    """The right answer for sources (N, n_src): the digits reversed, then eos, padded to n_src + 1."""
    source = np.asarray(source)
    target = np.full((source.shape[0], source.shape[1] + 1), PAD, dtype=np.int64)
    for n, row in enumerate(source):
        digits = row[row != PAD][::-1]
        target[n, :len(digits)] = digits
        target[n, len(digits)] = EOS
    return target


def teacher_forced_predictions(model, source, target, encoder_block, decoder_block, shift_right):
    """Teacher forcing: every position sees the TRUE previous tokens; the argmax at each position."""
    memory, memory_mask = encode(model, source, encoder_block)
    logits = decode_logits(model, shift_right(target, model["bos_id"]), memory, memory_mask, decoder_block)
    return np.argmax(logits, axis=-1)


def token_accuracy(predicted, target):
    """Share of the target's non-padding tokens (eos included) that the prediction has in place."""
    predicted, target = np.asarray(predicted), np.asarray(target)
    width = target.shape[1]
    if predicted.shape[1] < width:
        predicted = np.concatenate([predicted, np.full((len(predicted), width - predicted.shape[1]), -1)], axis=1)
    keep = target != PAD
    return float(np.mean(predicted[:, :width][keep] == target[keep]))


def sequence_accuracy(predicted, target):
    """Share of the sequences whose every non-padding target token is right."""
    predicted, target = np.asarray(predicted), np.asarray(target)
    width = target.shape[1]
    if predicted.shape[1] < width:
        predicted = np.concatenate([predicted, np.full((len(predicted), width - predicted.shape[1]), -1)], axis=1)
    keep = target != PAD
    return float(np.mean(np.all((predicted[:, :width] == target) | ~keep, axis=1)))


def random_sources(n, seed, min_len=None, max_len=None, model=None):
    """n random sources (digit tokens then padding), lengths min_len … max_len, from a seeded generator."""
    rng = np.random.default_rng(seed)
    max_len = max_len or (model["max_src_len"] if model else 7)
    min_len = min_len or 2
    lengths = rng.integers(min_len, max_len + 1, size=n)
    return digits_to_tokens([rng.integers(0, 10, size=k) for k in lengths], max_len)


def after_first_error(teacher_forced, free_running, target):
    """Exposure bias, measured: in the sequences that free-running decoding gets wrong, the token
    accuracy at the positions AFTER its first mistake, (a) when each position is given the true
    prefix (teacher forcing) and (b) when it is given the model's own earlier output (free
    running). Returns (accuracy with the true prefix, accuracy with its own prefix, positions)."""
    target = np.asarray(target)
    width = target.shape[1]

    def fit(p):
        p = np.asarray(p)
        if p.shape[1] < width:
            p = np.concatenate([p, np.full((len(p), width - p.shape[1]), -1)], axis=1)
        return p[:, :width]
    tf, fr = fit(teacher_forced), fit(free_running)
    keep = target != PAD
    wrong = (fr != target) & keep
    first = np.where(wrong.any(axis=1), np.argmax(wrong, axis=1), width)
    later = (np.arange(width)[None, :] > first[:, None]) & keep
    if not later.any():
        return 1.0, 1.0, 0
    return float(np.mean(tf[later] == target[later])), float(np.mean(fr[later] == target[later])), int(later.sum())
