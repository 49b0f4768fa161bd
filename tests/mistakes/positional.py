"""Known mistakes on the positional-encoding functions, each written the way a student would write it."""
import numpy as np

from solutions.positional import positional_encoding
from seqlab.catalogue import mistake


@mistake("positional_encoding", "pe_sin_cos_swapped")
def pe_cos_on_even_columns(max_len, d_model):
    PE = np.zeros((max_len, d_model))
    for pos in range(max_len):
        for i in range(0, d_model, 2):
            angle = pos / 10000 ** (i / d_model)
            PE[pos, i] = np.cos(angle)
            if i + 1 < d_model:
                PE[pos, i + 1] = np.sin(angle)
    return PE


@mistake("positional_encoding", "pe_concatenated")
def pe_sin_then_cos(max_len, d_model):
    pos = np.arange(max_len)[:, None]
    freq = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)
    angle = pos * freq
    return np.concatenate([np.sin(angle), np.cos(angle[:, : d_model // 2])], axis=1)


@mistake("positional_encoding", "pe_wrong_exponent")
def pe_column_index_exponent(max_len, d_model):
    pos = np.arange(max_len)[:, None]
    i = np.arange(d_model)[None, :]
    angle = pos / np.power(10000, i / d_model)        # odd columns use (2k+1)/d instead of 2k/d
    return np.where(i % 2 == 0, np.sin(angle), np.cos(angle))


@mistake("positional_encoding", "pe_wrong_exponent")
def pe_forgot_the_two(max_len, d_model):
    PE = np.zeros((max_len, d_model))
    pos = np.arange(max_len)[:, None]
    k = np.arange((d_model + 1) // 2)
    div = np.exp(k * -(np.log(10000.0) / d_model))    # k/d instead of 2k/d
    PE[:, 0::2] = np.sin(pos * div)
    PE[:, 1::2] = np.cos(pos * div[: d_model // 2])
    return PE


@mistake("positional_encoding", "pe_wrong_exponent")
def pe_multiplies_by_frequency_term(max_len, d_model):
    PE = np.zeros((max_len, d_model))
    pos = np.arange(max_len)[:, None]
    scale = 10000 ** (np.arange(0, d_model, 2) / d_model)
    PE[:, 0::2] = np.sin(pos * scale)
    PE[:, 1::2] = np.cos(pos * scale[: d_model // 2])
    return PE


@mistake("positional_encoding", "pe_positions_from_one")
def pe_positions_one_based(max_len, d_model):
    PE = np.zeros((max_len, d_model))
    pos = np.arange(1, max_len + 1)[:, None]
    div = 10000 ** (np.arange(0, d_model, 2) / d_model)
    PE[:, 0::2] = np.sin(pos / div)
    PE[:, 1::2] = np.cos(pos / div[: d_model // 2])
    return PE


@mistake("add_positional_encoding", "pe_not_added")
def add_pe_forgotten(X):
    n, d_model = X.shape[-2:]
    PE = positional_encoding(n, d_model)      # computed, then never used
    return X


@mistake("add_positional_encoding", "pe_not_added")
def add_pe_returns_pe(X):
    n, d_model = X.shape[-2:]
    return positional_encoding(n, d_model)


@mistake("add_positional_encoding", "mutated_input")
def add_pe_in_place(X):
    n, d_model = X.shape[-2:]
    X += positional_encoding(n, d_model)
    return X
