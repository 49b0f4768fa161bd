"""Correct versions of the positional-encoding functions, written the ways students write them.

The ``exp(−log(10000)·2k/d)`` form of the frequencies (the PyTorch tutorials' ``div_term``), loops over
positions and columns, ``pos · 10000^(−2k/d)`` as a product, ``np.outer``, a PyTorch detour in float64,
and for ``add_positional_encoding`` explicit broadcasting, a loop over the batch and ``np.add``. Each must
get full marks from the hidden checks and pass the self-checks.
"""
import math

import numpy as np
import torch

from seqlab.catalogue import alternative
from solutions.positional import positional_encoding  # noqa: F401  (the sibling a notebook has)


# --------------------------------------------------------------------------- positional_encoding
@alternative("positional_encoding")
def pe_div_term(max_len, d_model):
    position = np.arange(max_len)[:, None]
    div_term = np.exp(np.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))    # 10000^(−2k/d)
    pe = np.zeros((max_len, d_model))
    pe[:, 0::2] = np.sin(position * div_term)
    pe[:, 1::2] = np.cos(position * div_term[: d_model // 2])
    return pe


@alternative("positional_encoding")
def pe_loops(max_len, d_model):
    pe = np.zeros((max_len, d_model))
    for pos in range(max_len):
        for i in range(0, d_model, 2):
            angle = pos / (10000 ** (i / d_model))
            pe[pos, i] = math.sin(angle)
            if i + 1 < d_model:
                pe[pos, i + 1] = math.cos(angle)
    return pe


@alternative("positional_encoding")
def pe_outer_per_column(max_len, d_model):
    two_k = 2 * (np.arange(d_model) // 2)                          # 0, 0, 2, 2, 4, 4, …
    angle = np.outer(np.arange(max_len), np.power(10000.0, -two_k / d_model))
    return np.where(np.arange(d_model) % 2 == 0, np.sin(angle), np.cos(angle))


@alternative("positional_encoding")
def pe_torch(max_len, d_model):
    position = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(max_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)[:, : d_model // 2]
    return pe.numpy()


# --------------------------------------------------------------------------- add_positional_encoding
@alternative("add_positional_encoding")
def add_pe_explicit_batch_axis(X):
    X = np.asarray(X, dtype=np.float64)
    pe = positional_encoding(X.shape[-2], X.shape[-1])
    return X + (pe[None] if X.ndim == 3 else pe)


@alternative("add_positional_encoding")
def add_pe_batch_loop(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 2:
        return X + positional_encoding(*X.shape)
    pe = positional_encoding(X.shape[1], X.shape[2])
    return np.stack([x + pe for x in X])


@alternative("add_positional_encoding")
def add_pe_np_add_div_term(X):
    n, d_model = np.shape(X)[-2:]
    return np.add(X, pe_div_term(n, d_model))


@alternative("add_positional_encoding")
def add_pe_torch(X):
    x = torch.from_numpy(np.asarray(X, dtype=np.float64))
    return (x + torch.from_numpy(pe_torch(x.shape[-2], x.shape[-1]))).numpy()
