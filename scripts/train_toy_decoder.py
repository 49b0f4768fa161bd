#!/usr/bin/env python
"""Train the decoder assignment's toy model and write ``source/decoder/toy_reverse.npz``.

The task: reverse a digit sequence of 2–7 digits (``source/decoder/toy.py`` has the token ids and
runs the model in NumPy with the student's functions). The model is PyTorch's own
``nn.TransformerEncoderLayer`` / ``nn.TransformerDecoderLayer`` (post-norm, GELU, no dropout,
batch_first), small enough to train on one CPU thread in well under a minute, deterministic for a
given seed (``torch.manual_seed``, one thread, deterministic algorithms, a fixed data set).

The weights are written as NumPy arrays in the course's parameter conventions (SPEC: ``x @ W``),
float32 as trained:

    embedding (V, d_model)        shared by source and target tokens;  pe (P, d_model) the lecture's PE
    enc<i>_W_q … enc<i>_W_o, enc<i>_b_q … enc<i>_b_o, enc<i>_W_1 b_1 W_2 b_2, enc<i>_gamma_1 … beta_2
        (the keys of encoder_block)
    dec<i>_self_W_q …, dec<i>_cross_W_q …, dec<i>_W_1 …, dec<i>_gamma_1 … beta_3   (the keys of decoder_block)
    W_out (d_model, V), b_out (V,)
    n_heads n_enc n_dec pad_id bos_id eos_id max_src_len vocab_size seed   (0-d integer arrays)

with the mapping of ``tests/test_solutions_decoder_torch.py`` (in_proj_weight = [W_q; W_k; W_v]ᵀ,
out_proj.weight = W_oᵀ, linear1.weight = W_1ᵀ, norm1.weight = gamma_1, …).

    .venv/bin/python scripts/train_toy_decoder.py            # writes source/decoder/toy_reverse.npz
    .venv/bin/python scripts/train_toy_decoder.py --out /tmp/x.npz --seed 0
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "source" / "decoder")]

import toy  # noqa: E402  (source/decoder/toy.py: token ids, data)
from solutions.positional import positional_encoding  # noqa: E402

D_MODEL, N_HEADS, D_FF, N_ENC, N_DEC = 32, 2, 64, 1, 2
MAX_SRC_LEN, VOCAB = 7, 13                 # pad, bos, eos, digits 0–9
N_TRAIN, STEPS, BATCH, LR = 20000, 150, 128, 3e-3     # deliberately short: a few mistakes left to study
DEFAULT_OUT = ROOT / "source" / "decoder" / "toy_reverse.npz"


class ToyReverser(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, D_MODEL)
        self.register_buffer("pe", torch.tensor(positional_encoding(MAX_SRC_LEN + 3, D_MODEL), dtype=torch.float32))
        layer = dict(d_model=D_MODEL, nhead=N_HEADS, dim_feedforward=D_FF, dropout=0.0, activation="gelu",
                     batch_first=True, norm_first=False)
        self.enc = nn.ModuleList([nn.TransformerEncoderLayer(**layer) for _ in range(N_ENC)])
        self.dec = nn.ModuleList([nn.TransformerDecoderLayer(**layer) for _ in range(N_DEC)])
        self.out = nn.Linear(D_MODEL, VOCAB)

    def forward(self, source, decoder_input):
        pad = source == toy.PAD                                           # True = blocked (PyTorch)
        x = self.embedding(source) + self.pe[:source.shape[1]]
        for layer in self.enc:
            x = layer(x, src_key_padding_mask=pad)
        t = decoder_input.shape[1]
        causal = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        y = self.embedding(decoder_input) + self.pe[:t]
        for layer in self.dec:
            y = layer(y, x, tgt_mask=causal, memory_key_padding_mask=pad)
        return self.out(y)


def training_data(seed):
    """The fixed training set: sources (N_TRAIN, MAX_SRC_LEN) and targets (N_TRAIN, MAX_SRC_LEN + 1)."""
    source = toy.random_sources(N_TRAIN, seed, 2, MAX_SRC_LEN)
    return source, toy.target_of(source)


def shift_right(targets, bos_id):
    out = np.empty_like(targets)
    out[:, 0] = bos_id
    out[:, 1:] = targets[:, :-1]
    return out


def train(seed=0, log=print):
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    source, target = training_data(seed)
    src, tgt = torch.as_tensor(source), torch.as_tensor(target)
    dec_in = torch.as_tensor(shift_right(target, toy.BOS))
    model = ToyReverser()
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=LR, total_steps=STEPS, pct_start=0.1)
    order = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    model.train()
    for step in range(STEPS):
        idx = torch.randint(0, N_TRAIN, (BATCH,), generator=order)
        logits = model(src[idx], dec_in[idx])
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), tgt[idx].reshape(-1), ignore_index=toy.PAD)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 25 == 0 or step == STEPS - 1:
            log(f"step {step:5d}  loss {loss.item():.4f}  ({time.perf_counter() - start:.1f} s)")
    return model.eval()


def _np(t):
    return t.detach().cpu().numpy().astype(np.float32)


def attention_arrays(attn, prefix):
    """nn.MultiheadAttention → {prefix + W_q …}: in_proj_weight = [W_q; W_k; W_v]ᵀ, out_proj.weight = W_oᵀ."""
    d = attn.embed_dim
    w, b = _np(attn.in_proj_weight), _np(attn.in_proj_bias)
    arrays = {}
    for i, k in enumerate("qkv"):
        arrays[f"{prefix}W_{k}"] = w[i * d:(i + 1) * d].T.copy()
        arrays[f"{prefix}b_{k}"] = b[i * d:(i + 1) * d].copy()
    arrays[f"{prefix}W_o"] = _np(attn.out_proj.weight).T.copy()
    arrays[f"{prefix}b_o"] = _np(attn.out_proj.bias)
    return arrays


def ffn_and_norms(layer, prefix, n_norms):
    arrays = {f"{prefix}W_1": _np(layer.linear1.weight).T.copy(), f"{prefix}b_1": _np(layer.linear1.bias),
              f"{prefix}W_2": _np(layer.linear2.weight).T.copy(), f"{prefix}b_2": _np(layer.linear2.bias)}
    for i in range(1, n_norms + 1):
        norm = getattr(layer, f"norm{i}")
        arrays[f"{prefix}gamma_{i}"], arrays[f"{prefix}beta_{i}"] = _np(norm.weight), _np(norm.bias)
    return arrays


def to_arrays(model, seed):
    """The trained model in the course's conventions (see the module docstring)."""
    arrays = {"embedding": _np(model.embedding.weight), "pe": _np(model.pe),
              "W_out": _np(model.out.weight).T.copy(), "b_out": _np(model.out.bias)}
    for i, layer in enumerate(model.enc):
        arrays.update(attention_arrays(layer.self_attn, f"enc{i}_"))
        arrays.update(ffn_and_norms(layer, f"enc{i}_", 2))
    for i, layer in enumerate(model.dec):
        arrays.update(attention_arrays(layer.self_attn, f"dec{i}_self_"))
        arrays.update(attention_arrays(layer.multihead_attn, f"dec{i}_cross_"))
        arrays.update(ffn_and_norms(layer, f"dec{i}_", 3))
    ints = {"n_heads": N_HEADS, "n_enc": N_ENC, "n_dec": N_DEC, "pad_id": toy.PAD, "bos_id": toy.BOS,
            "eos_id": toy.EOS, "max_src_len": MAX_SRC_LEN, "vocab_size": VOCAB, "seed": seed}
    arrays.update({k: np.array(v, dtype=np.int64) for k, v in ints.items()})
    return arrays


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    model = train(args.seed)
    np.savez_compressed(args.out, **to_arrays(model, args.seed))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
