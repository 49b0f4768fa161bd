"""Reference solutions for sinusoidal positional encoding, in the lecture's notation.

    PE(pos, 2k)     = sin(pos / 10000^(2k / d_model))      even columns
    PE(pos, 2k + 1) = cos(pos / 10000^(2k / d_model))      odd columns

Interleaved (column 2k is a sin, column 2k + 1 the cos of the same angle), ``pos`` counted
from 0. For odd d_model the last column is a sin without its cos partner.
"""
import numpy as np


def positional_encoding(max_len, d_model):
    """PE (max_len, d_model), float64, by the formula above.

    Row 0 is [0, 1, 0, 1, …]; PE[1, :2] = [sin 1, cos 1]; the pair (2k, 2k + 1) turns with
    frequency ω_k = 10000^(−2k / d_model).
    """
    pos = np.arange(max_len, dtype=np.float64)[:, None]            # (max_len, 1)
    two_k = np.arange(0, d_model, 2, dtype=np.float64)            # 2k for every even column
    angle = pos / 10000.0 ** (two_k / d_model)                     # (max_len, ⌈d_model / 2⌉)
    PE = np.zeros((max_len, d_model))
    PE[:, 0::2] = np.sin(angle)
    PE[:, 1::2] = np.cos(angle[:, : d_model // 2])                 # odd d_model: no last cos
    return PE


def add_positional_encoding(X):
    """X + PE[:n] for X (N, n, d_model) or (n, d_model); PE broadcasts over the batch.

    Keeps X's float dtype (float64 for non-float input).
    """
    X = np.asarray(X)
    if not np.issubdtype(X.dtype, np.floating):
        X = X.astype(np.float64)
    n, d_model = X.shape[-2:]
    return X + positional_encoding(n, d_model).astype(X.dtype)
