"""Correct versions of the PyTorch lab's functions and classes, written other ways than the reference."""
import collections
import math

import numpy as np
import torch
from torch import nn

from solutions.sequence_modeling import PositionalEncoding, RNNForecaster, TransformerForecaster
from seqlab.catalogue import alternative


# --------------------------------------------------------------------------- PositionalEncoding
@alternative("PositionalEncoding")
class PositionalEncodingFloat32ExpLog(nn.Module):
    """float32 all the way, frequencies as exp(−ln(10000) · 2k / d), sin and cos interleaved by stacking."""

    def __init__(self, d_model, max_len=512):
        super().__init__()
        position = torch.arange(0, max_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        angles = position * div_term
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(angles)
        if d_model % 2:
            pe[:, 1::2] = torch.cos(angles[:, :-1])
        else:
            pe[:, 1::2] = torch.cos(angles)
        self.register_buffer("pe", pe)

    def forward(self, x):
        T = x.size(1)
        return x + self.pe[:T, :].unsqueeze(0)


@alternative("PositionalEncoding")
class PositionalEncodingFromNumpy(nn.Module):
    """The table built with NumPy loops, then handed to torch."""

    def __init__(self, d_model, max_len=512):
        super().__init__()
        table = np.zeros((max_len, d_model), dtype=np.float32)
        for pos in range(max_len):
            for i in range(0, d_model, 2):
                table[pos, i] = math.sin(pos / 10000 ** (i / d_model))
                if i + 1 < d_model:
                    table[pos, i + 1] = math.cos(pos / 10000 ** (i / d_model))
        self.register_buffer("pe", torch.from_numpy(table))

    def forward(self, x):
        return torch.add(x, self.pe[: x.shape[-2]])


@alternative("PositionalEncoding")
class PositionalEncodingTorchPow(nn.Module):
    """float32 frequencies with torch.pow(10000, 2k / d); the odd case trimmed after the cos."""

    def __init__(self, d_model, max_len=512):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1).float()                       # (max_len, 1)
        two_k = torch.arange(0, d_model, 2).float()
        angle = pos / torch.pow(torch.tensor(10000.0), two_k / d_model)        # (max_len, ceil(d/2))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(angle)
        pe[:, 1::2] = torch.cos(angle)[:, : d_model // 2]
        self.register_buffer("pe", pe)

    def forward(self, x):
        return x + self.pe[: x.size(1), :]


@alternative("PositionalEncoding")
class PositionalEncodingRowByRow(nn.Module):
    """A loop over the positions, each row one vector of inverse frequencies; the table kept in
    float64 while it is built, then .float(); forward adds an explicit (1, T, d) slice."""

    def __init__(self, d_model, max_len=512):
        super().__init__()
        inv_freq = 1.0 / (10000 ** (torch.arange(0, d_model, 2, dtype=torch.float64) / d_model))
        rows = []
        for pos in range(max_len):
            row = torch.empty(d_model, dtype=torch.float64)
            row[0::2] = torch.sin(pos * inv_freq)
            row[1::2] = torch.cos(pos * inv_freq[: d_model // 2])
            rows.append(row)
        self.register_buffer("pe", torch.stack(rows).float())

    def forward(self, x):
        T = x.shape[1]
        return x + self.pe.unsqueeze(0)[:, :T, :]


# --------------------------------------------------------------------------- TransformerForecaster
@alternative("TransformerForecaster")
class TransformerWithNamedSequential(nn.Module):
    """The FFN from an OrderedDict with the same names; the PE added by indexing the buffer."""

    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__()
        self.use_pe = use_pe
        self.input_proj = nn.Linear(1, d_model)
        self.pos = PositionalEncoding(d_model)
        self.attn = nn.MultiheadAttention(embed_dim=d_model, num_heads=n_heads, batch_first=True)
        self.norm1 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(collections.OrderedDict(
            [("0", nn.Linear(d_model, d_ff)), ("1", nn.GELU()), ("2", nn.Linear(d_ff, d_model))]))
        self.norm2 = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, 1)

    def forward(self, x, return_attention=False):
        h = self.input_proj(x)
        if self.use_pe:
            h = h + self.pos.pe[: h.shape[1]]
        attn_out, weights = self.attn(h, h, h, need_weights=True, average_attn_weights=False)
        h = self.norm1(attn_out + h)
        h = self.norm2(self.ffn(h) + h)
        out = self.head(h[:, -1, :])
        if return_attention:
            return out, weights
        return out


@alternative("TransformerForecaster")
class TransformerAppendedLayers(TransformerForecaster):
    """The FFN grown with .append; the last position taken with select."""

    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__(d_model, n_heads, d_ff, use_pe)
        self.ffn = nn.Sequential()
        self.ffn.append(nn.Linear(d_model, d_ff))
        self.ffn.append(nn.GELU())
        self.ffn.append(nn.Linear(d_ff, d_model))

    def forward(self, x, return_attention=False):
        z = self.pos(self.input_proj(x)) if self.use_pe else self.input_proj(x)
        a, w = self.attn(query=z, key=z, value=z, average_attn_weights=False)
        z = self.norm2(self.norm1(z + a) + self.ffn(self.norm1(z + a)))
        y = self.head(z.select(1, -1))
        return (y, w) if return_attention else y


@alternative("TransformerForecaster")
class TransformerLastSliceSqueezed(nn.Module):
    """The FFN's layers called one by one with F.gelu; the attention asked for weights with keywords;
    the last position as z[:, -1:, :].squeeze(1)."""

    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__()
        self.use_pe = use_pe
        self.input_proj = nn.Linear(in_features=1, out_features=d_model)
        self.pos = PositionalEncoding(d_model)
        self.attn = nn.MultiheadAttention(d_model, num_heads=n_heads, batch_first=True)
        self.norm1 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
        self.norm2 = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, 1)

    def forward(self, x, return_attention=False):
        z = self.input_proj(x)
        if self.use_pe:
            z = self.pos(z)
        attn_out, attn_weights = self.attn(query=z, key=z, value=z, need_weights=True,
                                           average_attn_weights=False)
        z = self.norm1(z + attn_out)
        hidden = nn.functional.gelu(self.ffn[0](z))
        z = self.norm2(z + self.ffn[2](hidden))
        last = z[:, -1:, :].squeeze(1)                     # (N, d_model)
        y_hat = self.head(last)
        if return_attention:
            return y_hat, attn_weights
        return y_hat


@alternative("TransformerForecaster")
class TransformerBorrowedFromEncoderLayer(nn.Module):
    """The attention, the norms and the FFN's linears taken from an nn.TransformerEncoderLayer
    (GELU, no dropout, batch-first) built as a local variable, so only the SPEC's names are
    registered; the last position read with narrow."""

    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model, n_heads, dim_feedforward=d_ff, dropout=0.0,
                                           activation="gelu", batch_first=True)
        self.use_pe = use_pe
        self.input_proj = nn.Linear(1, d_model)
        self.pos = PositionalEncoding(d_model)
        self.attn = layer.self_attn
        self.norm1 = layer.norm1
        self.ffn = nn.Sequential(layer.linear1, nn.GELU(), layer.linear2)
        self.norm2 = layer.norm2
        self.head = nn.Linear(d_model, 1)

    def forward(self, x, return_attention=False):
        z = self.input_proj(x)
        z = self.pos(z) if self.use_pe else z
        a, w = self.attn(z, z, z, average_attn_weights=False)
        z = self.norm1(a + z)
        z = self.norm2(self.ffn(z) + z)
        y_hat = self.head(z.narrow(1, z.size(1) - 1, 1).squeeze(1))
        return (y_hat, w) if return_attention else y_hat


# --------------------------------------------------------------------------- RNNForecaster
@alternative("RNNForecaster")
class RNNForecasterLastOutput(nn.Module):
    """output[:, -1] (the same as h_n for one layer, one direction)."""

    def __init__(self, hidden=64, cell="rnn"):
        super().__init__()
        if cell == "lstm":
            self.rnn = nn.LSTM(input_size=1, hidden_size=hidden, batch_first=True)
        elif cell == "gru":
            self.rnn = nn.GRU(input_size=1, hidden_size=hidden, batch_first=True)
        else:
            self.rnn = nn.RNN(input_size=1, hidden_size=hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        output, _ = self.rnn(x)
        return self.head(output[:, -1, :])


@alternative("RNNForecaster")
class RNNForecasterUnpacksState(RNNForecaster):
    def forward(self, x):
        if isinstance(self.rnn, nn.LSTM):
            _, (h_n, _) = self.rnn(x)
        else:
            _, h_n = self.rnn(x)
        return self.head(h_n.squeeze(0))


@alternative("RNNForecaster")
class RNNForecasterLastLayerHidden(nn.Module):
    """The layer class looked up with getattr(nn, cell.upper()); for the LSTM the tuple (h_n, c_n)
    unpacked and h_n[-1] (the last layer's h_T) read."""

    def __init__(self, hidden=64, cell="rnn"):
        super().__init__()
        self.cell = cell
        self.rnn = getattr(nn, cell.upper())(input_size=1, hidden_size=hidden, num_layers=1, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        if self.cell == "lstm":
            out, (h_n, c_n) = self.rnn(x)
        else:
            out, h_n = self.rnn(x)
        return self.head(h_n[-1])


# --------------------------------------------------------------------------- count_parameters
@alternative("count_parameters")
def count_parameters_numpy(model):
    return int(np.sum([np.prod(p.shape) for p in model.parameters() if p.requires_grad], dtype=np.int64))


@alternative("count_parameters")
def count_parameters_filter(model):
    return sum(map(torch.Tensor.numel, filter(lambda p: p.requires_grad, model.parameters())))


@alternative("count_parameters")
def count_parameters_loop(model):
    total = 0
    for name, param in model.named_parameters():
        if param.requires_grad:
            total += param.numel()
    return total


@alternative("count_parameters")
def count_parameters_to_vector(model):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.nn.utils.parameters_to_vector(trainable).numel()


# --------------------------------------------------------------------------- train_model
@alternative("train_model")
def train_model_dataloader(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    """A DataLoader with the seeded generator; the epoch loss as the plain mean of the batch losses."""
    g = torch.Generator()
    g.manual_seed(seed)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=batch_size,
                                         shuffle=True, generator=g)
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        model.train()
        batch_losses = []
        for xb, yb in loader:
            pred = model(xb)
            loss = criterion(pred, yb)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=False)
            batch_losses.append(loss.item())
        history.append(float(np.mean(batch_losses)))
    model.eval()
    return history


@alternative("train_model")
def train_model_index_batches(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    """randperm split into index chunks; the loss accumulated as a tensor."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        model.train()
        running = torch.zeros(())
        for idx in torch.randperm(len(X), generator=generator).split(batch_size):
            optimizer.zero_grad()
            loss = ((model(X[idx]) - y[idx]) ** 2).mean()
            loss.backward()
            optimizer.step()
            running += loss.detach() * len(idx)
        losses.append((running / len(X)).item())
    model.eval()
    return losses


@alternative("train_model")
def train_model_set_to_none(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    """A manual loop over slices of the permutation; grads set to None after each step; F.mse_loss."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator()
    g.manual_seed(seed)
    n = len(X)
    history = []
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=g)
        epoch_loss, seen = 0.0, 0
        for i in range(0, n, batch_size):
            idx = perm[i:i + batch_size]
            xb, yb = X[idx], y[idx]
            pred = model(xb)
            loss = nn.functional.mse_loss(pred, yb)
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            epoch_loss += loss.item() * xb.size(0)
            seen += xb.size(0)
        history.append(epoch_loss / seen)
    model.eval()
    return history


@alternative("train_model")
def train_model_model_zero_grad(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    """model.zero_grad() instead of the optimizer's; a while loop over the batches; the epoch loss
    the plain mean of the batch losses."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    criterion = nn.MSELoss(reduction="mean")
    losses = []
    model.train()
    for _ in range(epochs):
        order = torch.randperm(X.shape[0], generator=generator)
        batch_losses = []
        start = 0
        while start < len(order):
            batch = order[start:start + batch_size]
            start += batch_size
            model.zero_grad(set_to_none=False)
            loss = criterion(model(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
    model.eval()
    return losses


# --------------------------------------------------------------------------- evaluate
@alternative("evaluate")
def evaluate_inference_mode(model, X, y):
    model.eval()
    with torch.inference_mode():
        return float(nn.MSELoss()(model(X), y))


@alternative("evaluate")
def evaluate_grad_disabled(model, X, y):
    model.train(False)
    with torch.set_grad_enabled(False):
        err = model(X) - y
        return (err * err).mean().item()


@alternative("evaluate")
def evaluate_in_batches(model, X, y, batch_size=16):
    """Batches from a DataLoader (no shuffling); the squared errors summed, then divided by their number.
    (Not the @torch.no_grad() decorator form: seqlab.demo pastes a catalogue entry into a notebook
    without its lines that start with "@".)"""
    model.eval()
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=batch_size)
    total, count = 0.0, 0
    with torch.no_grad():
        for xb, yb in loader:
            total += nn.functional.mse_loss(model(xb), yb, reduction="sum").item()
            count += yb.numel()
    return total / count


@alternative("evaluate")
def evaluate_in_numpy(model, X, y):
    """The predictions taken to NumPy, the MSE computed there."""
    model.eval()
    with torch.no_grad():
        pred = model(X).numpy()
    return float(np.mean((pred - y.numpy()) ** 2))


# --------------------------------------------------------------------------- last_position_attention
@alternative("last_position_attention")
def last_position_attention_detached(model, X):
    _, w = model(X, return_attention=True)
    return w[:, :, -1].mean(0).mean(0).detach().cpu().numpy()


@alternative("last_position_attention")
def last_position_attention_einsum(model, X):
    with torch.no_grad():
        _, w = model(X, return_attention=True)
    n, h = w.shape[:2]
    return torch.einsum("nht->t", w[:, :, -1, :]).div(n * h).numpy().astype(np.float64)


@alternative("last_position_attention")
def last_position_attention_heads_by_hand(model, X):
    """The heads added up in a loop and divided by their number, then the mean over the batch."""
    model.eval()
    with torch.no_grad():
        _, weights = model(X, return_attention=True)
    n_heads = weights.shape[1]
    last = weights[:, 0, -1, :].clone()
    for h in range(1, n_heads):
        last += weights[:, h, -1, :]
    return (last / n_heads).mean(dim=0).numpy()


@alternative("last_position_attention")
def last_position_attention_heads_averaged_first(model, X):
    """The heads averaged first (what need_weights' average_attn_weights=True would give), then the last
    query's row over the batch."""
    with torch.inference_mode():
        _, w = model(X, return_attention=True)
        averaged = w.mean(dim=1)                          # (N, T, T)
        return averaged[:, -1, :].mean(dim=0).cpu().numpy()
