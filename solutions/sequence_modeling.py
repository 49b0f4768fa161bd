"""Reference solutions for the lecture's lab 05: sequence modelling in PyTorch.

Task: from the previous T = 20 values of a sine wave y(t) = A sin(f t + φ) (random amplitude,
frequency and phase per sequence), predict the next one. Tensors are float32 and batch-first:

    X (N, T, 1)  →  ŷ (N, 1)

Transformer (one post-norm encoder block over all positions, no mask, the last position pooled)::

    z = input_proj(x)                       (N, T, d_model)      Linear(1, d_model)
    z = pos(z)  = z + PE[:T]                (only if use_pe; no √d_model scaling)
    a, w = attn(z, z, z)                    w (N, h, T, T), each head's own weights
    z = norm1(z + a)                        post-norm: LN(x + Sublayer(x))
    z = norm2(z + ffn(z))                   ffn = Linear(d_model, d_ff) → GELU → Linear(d_ff, d_model)
    ŷ = head(z[:, -1])                      the last position only    Linear(d_model, 1)

RNN (the comparison): ``rnn`` = nn.RNN / nn.LSTM / nn.GRU(1, hidden, batch_first=True),
ŷ = head(h_T), h_T the hidden state after the last step (for an LSTM h_n, not the cell c_n).

Training: Adam on the MSE, mini-batches in an order drawn from ``torch.Generator().manual_seed(seed)``.
"""
import math

import numpy as np
import torch
from torch import nn


def make_sine_data(n, T=20, seed=0):
    """n sequences y(t) = A sin(f t + φ), t = 0 … T: X = the first T values, y = the next one.

    A ∈ [0.5, 1.5), f ∈ [0.2, 0.6) radians per step, φ ∈ [0, 2π), drawn per sequence from
    ``torch.Generator().manual_seed(seed)``. Returns X (n, T, 1) and y (n, 1), float32.
    """
    generator = torch.Generator().manual_seed(seed)
    A = 0.5 + torch.rand(n, 1, generator=generator, dtype=torch.float64)
    f = 0.2 + 0.4 * torch.rand(n, 1, generator=generator, dtype=torch.float64)
    phi = 2 * math.pi * torch.rand(n, 1, generator=generator, dtype=torch.float64)
    t = torch.arange(T + 1, dtype=torch.float64)[None, :]                # (1, T + 1)
    wave = (A * torch.sin(f * t + phi)).float()                          # (n, T + 1)
    return wave[:, :T, None].clone(), wave[:, T:].clone()


class PositionalEncoding(nn.Module):
    """Adds the lecture's sinusoidal table: forward(x) = x + PE[:T] for x (N, T, d_model).

        PE(pos, 2k)     = sin(pos / 10000^(2k / d_model))
        PE(pos, 2k + 1) = cos(pos / 10000^(2k / d_model))

    ``pe`` (max_len, d_model), float32, is a buffer (in the state_dict, not a parameter). For
    odd d_model the last column is a sin without its cos partner.
    """

    def __init__(self, d_model, max_len=512):
        super().__init__()
        pos = torch.arange(max_len, dtype=torch.float64)[:, None]                # (max_len, 1)
        two_k = torch.arange(0, d_model, 2, dtype=torch.float64)                # 2k
        angle = pos / 10000.0 ** (two_k / d_model)                             # (max_len, ⌈d/2⌉)
        pe = torch.zeros(max_len, d_model, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(angle)
        pe[:, 1::2] = torch.cos(angle[:, : d_model // 2])
        self.register_buffer("pe", pe.float())          # float64 angles, then float32

    def forward(self, x):
        return x + self.pe[: x.shape[1]]


class TransformerForecaster(nn.Module):
    """One post-norm encoder block over the sequence, then the last position → ŷ (N, 1).

    forward(x) → ŷ (N, 1); forward(x, return_attention=True) → (ŷ, w (N, n_heads, T, T)).
    ``use_pe=False`` skips the positional encoding in forward (``pos`` exists either way).
    """

    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__()
        self.use_pe = use_pe
        self.input_proj = nn.Linear(1, d_model)
        self.pos = PositionalEncoding(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.norm1 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
        self.norm2 = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, 1)

    def forward(self, x, return_attention=False):
        z = self.input_proj(x)                                   # (N, T, d_model)
        if self.use_pe:
            z = self.pos(z)
        a, w = self.attn(z, z, z, average_attn_weights=False)    # w (N, h, T, T)
        z = self.norm1(z + a)
        z = self.norm2(z + self.ffn(z))
        y_hat = self.head(z[:, -1])                              # the last position: (N, 1)
        return (y_hat, w) if return_attention else y_hat


class RNNForecaster(nn.Module):
    """ŷ = head(h_T): the hidden state after the last step through a Linear(hidden, 1).

    ``cell`` is "rnn", "lstm" or "gru"; for an LSTM, h_T is h_n (not the cell state c_n).
    """

    CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

    def __init__(self, hidden=64, cell="rnn"):
        super().__init__()
        self.rnn = self.CELLS[cell](1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        _, h_n = self.rnn(x)                  # h_n (1, N, hidden); an LSTM gives (h_n, c_n)
        if isinstance(h_n, tuple):
            h_n = h_n[0]
        return self.head(h_n[-1])             # h_T (N, hidden) → (N, 1)


def count_parameters(model):
    """The number of trainable parameters (those with requires_grad)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train_model(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    """Adam on the MSE for ``epochs`` passes over (X, y); returns one mean loss per epoch.

    Each epoch visits the samples in the order ``torch.randperm(n, generator=g)``, with
    ``g = torch.Generator().manual_seed(seed)`` made once, in mini-batches of ``batch_size``
    (the last one may be smaller). The epoch's loss is the mean of the batch losses weighted by
    batch size, computed during the epoch. Leaves the model in eval mode.
    """
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    generator = torch.Generator().manual_seed(seed)
    n = X.shape[0]
    losses = []
    model.train()
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / n)
    model.eval()
    return losses


def evaluate(model, X, y):
    """The MSE of the model on (X, y), in eval mode and without gradients; leaves eval mode."""
    model.eval()
    with torch.no_grad():
        return nn.functional.mse_loss(model(X), y).item()


def last_position_attention(model, X):
    """NumPy (T,): the attention from the last position to every position, averaged over the
    batch and the heads (it sums to 1)."""
    with torch.no_grad():
        _, w = model(X, return_attention=True)          # (N, h, T, T)
    return w[:, :, -1, :].mean(dim=(0, 1)).numpy()
