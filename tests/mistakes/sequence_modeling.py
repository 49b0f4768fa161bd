"""Known mistakes on the PyTorch lab (sequence_modeling), each written the way a student would write it.

Classes subclass the reference and change only what the mistake changes (the rest is the
student's working code); ``tests/test_mistakes.py`` puts each one in place of its SPEC name.
"""
import math

import torch
from torch import nn

from solutions.sequence_modeling import PositionalEncoding, RNNForecaster, TransformerForecaster
from seqlab.catalogue import mistake


def sinusoids(max_len, d_model, swap=False, concatenate=False):
    """The sinusoidal table in float32, as students often compute it (exp-log frequencies)."""
    pos = torch.arange(max_len, dtype=torch.float32)[:, None]
    div = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
    angle = pos * div                                                  # (max_len, ⌈d_model / 2⌉)
    if concatenate:
        return torch.cat([torch.sin(angle), torch.cos(angle[:, : d_model // 2])], dim=1)
    first, second = (torch.cos, torch.sin) if swap else (torch.sin, torch.cos)
    pe = torch.zeros(max_len, d_model)
    pe[:, 0::2], pe[:, 1::2] = first(angle), second(angle[:, : d_model // 2])
    return pe


# --------------------------------------------------------------------------- PositionalEncoding
@mistake("PositionalEncoding", "pe_not_buffer")
class PositionalEncodingPlainAttribute(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        self.pe = sinusoids(max_len, d_model)          # a plain tensor attribute

    def forward(self, x):
        return x + self.pe[: x.shape[1]]


@mistake("PositionalEncoding", "pe_not_persistent")
class PositionalEncodingNotPersistent(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        self.register_buffer("pe", sinusoids(max_len, d_model), persistent=False)

    def forward(self, x):
        return x + self.pe[: x.shape[1]]


@mistake("PositionalEncoding", "pe_is_parameter")
class PositionalEncodingParameter(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        self.pe = nn.Parameter(sinusoids(max_len, d_model))

    def forward(self, x):
        return x + self.pe[: x.shape[1]]


@mistake("PositionalEncoding", "pe_sin_cos_swapped")
class PositionalEncodingSwapped(PositionalEncoding):
    def __init__(self, d_model, max_len=512):
        super().__init__(d_model, max_len)
        self.pe = sinusoids(max_len, d_model, swap=True)


@mistake("PositionalEncoding", "pe_concatenated")
class PositionalEncodingConcatenated(PositionalEncoding):
    def __init__(self, d_model, max_len=512):
        super().__init__(d_model, max_len)
        self.pe = sinusoids(max_len, d_model, concatenate=True)


@mistake("PositionalEncoding", "pe_wrong_exponent")
class PositionalEncodingHalfExponent(PositionalEncoding):
    def __init__(self, d_model, max_len=512):
        super().__init__(d_model, max_len)
        pos = torch.arange(max_len).float()[:, None]
        k = torch.arange((d_model + 1) // 2).float()
        angle = pos / 10000 ** (k / d_model)              # k / d instead of 2k / d
        self.pe[:, 0::2] = torch.sin(angle)
        self.pe[:, 1::2] = torch.cos(angle[:, : d_model // 2])


@mistake("PositionalEncoding", "pe_forward_scaled")
class PositionalEncodingScalesInput(PositionalEncoding):
    def forward(self, x):
        return x * math.sqrt(x.shape[-1]) + self.pe[: x.shape[1]]


# --------------------------------------------------------------------------- TransformerForecaster
class _Block(TransformerForecaster):
    """The SPEC's forward with hooks a mistake overrides."""

    def embed(self, x):
        z = self.input_proj(x)
        return self.pos(z) if self.use_pe else z

    def block(self, z):
        a, w = self.attn(z, z, z, average_attn_weights=False)
        z = self.norm1(z + a)
        return self.norm2(z + self.ffn(z)), w

    def pool(self, z):
        return z[:, -1]

    def forward(self, x, return_attention=False):
        z, w = self.block(self.embed(x))
        y_hat = self.head(self.pool(z))
        return (y_hat, w) if return_attention else y_hat


@mistake("TransformerForecaster", "mha_not_batch_first")
class TransformerNotBatchFirst(_Block):
    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__(d_model, n_heads, d_ff, use_pe)
        self.attn = nn.MultiheadAttention(d_model, n_heads)          # expects (T, N, d_model)


@mistake("TransformerForecaster", "mean_pooling")
class TransformerMeanPooling(_Block):
    def pool(self, z):
        return z.mean(dim=1)


@mistake("TransformerForecaster", "first_position_pooled")
class TransformerFirstPosition(_Block):
    def pool(self, z):
        return z[:, 0]


@mistake("TransformerForecaster", "ffn_relu_not_gelu")
class TransformerReLU(_Block):
    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__(d_model, n_heads, d_ff, use_pe)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))


@mistake("TransformerForecaster", "missing_residual")
class TransformerNoResidual(_Block):
    def block(self, z):
        a, w = self.attn(z, z, z, average_attn_weights=False)
        z = self.norm1(a)
        return self.norm2(z + self.ffn(z)), w


@mistake("TransformerForecaster", "norm_order_swapped")
class TransformerPreNorm(_Block):
    def block(self, z):
        h = self.norm1(z)
        a, w = self.attn(h, h, h, average_attn_weights=False)
        z = z + a
        return z + self.ffn(self.norm2(z)), w


@mistake("TransformerForecaster", "input_scaled_sqrt_d")
class TransformerScaledEmbedding(_Block):
    def embed(self, x):
        z = self.input_proj(x) * math.sqrt(self.input_proj.out_features)
        return self.pos(z) if self.use_pe else z


@mistake("TransformerForecaster", "use_pe_ignored")
class TransformerAlwaysPE(_Block):
    def embed(self, x):
        return self.pos(self.input_proj(x))


@mistake("TransformerForecaster", "pe_not_added")
class TransformerNeverPE(_Block):
    def embed(self, x):
        return self.input_proj(x)


@mistake("TransformerForecaster", "attention_weights_averaged")
class TransformerAveragedWeights(_Block):
    def block(self, z):
        a, w = self.attn(z, z, z)                                     # average_attn_weights=True by default
        z = self.norm1(z + a)
        return self.norm2(z + self.ffn(z)), w


# --------------------------------------------------------------------------- RNNForecaster
@mistake("RNNForecaster", "lstm_cell_state_not_hidden")
class RNNForecasterCellState(RNNForecaster):
    def forward(self, x):
        output, state = self.rnn(x)
        last = state[1] if isinstance(state, tuple) else state       # (h_n, c_n)[1] is c_n
        return self.head(last[-1])


@mistake("RNNForecaster", "rnn_first_step")
class RNNForecasterFirstOutput(RNNForecaster):
    def forward(self, x):
        output, _ = self.rnn(x)
        return self.head(output[:, 0])


@mistake("RNNForecaster", "rnn_not_batch_first")
class RNNForecasterTimeFirst(RNNForecaster):
    def __init__(self, hidden=64, cell="rnn"):
        super().__init__(hidden, cell)
        self.rnn = self.CELLS[cell](1, hidden)

    def forward(self, x):
        output, _ = self.rnn(x)
        return self.head(output[:, -1])


# --------------------------------------------------------------------------- count_parameters
@mistake("count_parameters", "counts_frozen_parameters")
def count_every_parameter(model):
    return sum(p.numel() for p in model.parameters())


@mistake("count_parameters", "counts_buffers")
def count_state_dict(model):
    return sum(v.numel() for v in model.state_dict().values())


@mistake("count_parameters", "counts_shared_twice")
def count_named_parameters(model):
    return sum(p.numel() for _, p in model.named_parameters(remove_duplicate=False) if p.requires_grad)


# --------------------------------------------------------------------------- train_model
def _train(model, X, y, epochs, lr, batch_size, order, zero_grad=True, optimizer=torch.optim.Adam,
           summed=False, to_eval=True, reduction="mean"):
    opt = optimizer(model.parameters(), lr=lr)
    losses = []
    model.train()
    for _ in range(epochs):
        idx = order(len(X))
        total = 0.0
        for start in range(0, len(X), batch_size):
            batch = idx[start:start + batch_size]
            if zero_grad:
                opt.zero_grad()
            loss = nn.functional.mse_loss(model(X[batch]), y[batch], reduction=reduction)
            loss.backward()
            opt.step()
            total += loss.item() if summed else loss.item() * len(batch) / len(X)
        losses.append(total)
    if to_eval:
        model.eval()
    return losses


@mistake("train_model", "missing_zero_grad")
def train_without_zero_grad(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n, generator=g), zero_grad=False)


@mistake("train_model", "shuffle_without_generator")
def train_global_randperm(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n))


@mistake("train_model", "shuffle_without_generator")
def train_dataloader_without_generator(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=batch_size, shuffle=True)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        total = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = nn.functional.mse_loss(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        losses.append(total / len(X))
    model.eval()
    return losses


@mistake("train_model", "seed_ignored")
def train_without_shuffling(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.arange(n))


@mistake("train_model", "train_leaves_train_mode")
def train_forgets_eval(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n, generator=g), to_eval=False)


@mistake("train_model", "epoch_loss_summed")
def train_sums_batch_losses(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n, generator=g), summed=True)


@mistake("train_model", "optimizer_not_adam")
def train_with_sgd(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n, generator=g),
                  optimizer=torch.optim.SGD)


@mistake("train_model", "loss_not_mse")
def train_with_summed_mse(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    return _train(model, X, y, epochs, lr, batch_size, lambda n: torch.randperm(n, generator=g), reduction="sum")


# --------------------------------------------------------------------------- evaluate
@mistake("evaluate", "evaluate_in_train_mode")
def evaluate_without_eval(model, X, y):
    with torch.no_grad():
        return nn.functional.mse_loss(model(X), y).item()


@mistake("evaluate", "evaluate_in_train_mode")
def evaluate_restores_train_mode(model, X, y):
    model.eval()
    with torch.no_grad():
        loss = nn.functional.mse_loss(model(X), y).item()
    model.train()
    return loss


@mistake("evaluate", "evaluate_with_gradients")
def evaluate_with_autograd(model, X, y):
    model.eval()
    return nn.functional.mse_loss(model(X), y).item()


@mistake("evaluate", "evaluate_not_mse")
def evaluate_rmse(model, X, y):
    model.eval()
    with torch.no_grad():
        return torch.sqrt(nn.functional.mse_loss(model(X), y)).item()


# --------------------------------------------------------------------------- last_position_attention
@mistake("last_position_attention", "attention_wrong_row")
def attention_of_first_position(model, X):
    with torch.no_grad():
        _, w = model(X, return_attention=True)
    return w[:, :, 0, :].mean(dim=(0, 1)).numpy()


@mistake("last_position_attention", "attention_wrong_row")
def attention_to_last_position(model, X):
    with torch.no_grad():
        _, w = model(X, return_attention=True)
    return w[..., -1].mean(dim=(0, 1)).numpy()


@mistake("last_position_attention", "attention_not_averaged")
def attention_per_head(model, X):
    with torch.no_grad():
        _, w = model(X, return_attention=True)
    return w[:, :, -1, :].mean(dim=0).numpy()


@mistake("last_position_attention", "attention_not_averaged")
def attention_summed(model, X):
    with torch.no_grad():
        _, w = model(X, return_attention=True)
    return w[:, :, -1, :].sum(dim=(0, 1)).numpy()


# --------------------------------------------------------------------------- written out whole
# The same mistakes as complete cells, the way a student's notebook holds them (no helper of this
# module, no base class but nn.Module): the demo class (tests/demo_class.py) hands these in.
@mistake("PositionalEncoding", "pe_not_buffer")
class PositionalEncodingTensorAttribute(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        position = torch.arange(max_len).float().unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        self.pe = torch.zeros(max_len, d_model)                       # a plain tensor, not a buffer
        self.pe[:, 0::2] = torch.sin(position * div)
        self.pe[:, 1::2] = torch.cos(position * div[: d_model // 2])

    def forward(self, x):
        return x + self.pe[: x.size(1)]


@mistake("TransformerForecaster", "mha_not_batch_first")
class TransformerForgetsBatchFirst(nn.Module):
    def __init__(self, d_model=32, n_heads=4, d_ff=128, use_pe=True):
        super().__init__()
        self.use_pe = use_pe
        self.input_proj = nn.Linear(1, d_model)
        self.pos = PositionalEncoding(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads)           # batch_first=False: (T, N, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
        self.norm2 = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, 1)

    def forward(self, x, return_attention=False):
        z = self.input_proj(x)
        if self.use_pe:
            z = self.pos(z)
        a, w = self.attn(z, z, z, average_attn_weights=False)
        z = self.norm1(z + a)
        z = self.norm2(z + self.ffn(z))
        y_hat = self.head(z[:, -1])
        return (y_hat, w) if return_attention else y_hat


@mistake("TransformerForecaster", "mean_pooling")
class TransformerPoolsTheMean(nn.Module):
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
        z = self.input_proj(x)
        if self.use_pe:
            z = self.pos(z)
        a, w = self.attn(z, z, z, average_attn_weights=False)
        z = self.norm1(z + a)
        z = self.norm2(z + self.ffn(z))
        y_hat = self.head(z.mean(dim=1))                               # every position, averaged
        return (y_hat, w) if return_attention else y_hat


@mistake("RNNForecaster", "lstm_cell_state_not_hidden")
class RNNForecasterReadsTheCell(nn.Module):
    def __init__(self, hidden=64, cell="rnn"):
        super().__init__()
        if cell == "lstm":
            self.rnn = nn.LSTM(1, hidden, batch_first=True)
        elif cell == "gru":
            self.rnn = nn.GRU(1, hidden, batch_first=True)
        else:
            self.rnn = nn.RNN(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        _, state = self.rnn(x)
        if isinstance(state, tuple):
            state = state[-1]                                          # (h_n, c_n)[-1] is c_n
        return self.head(state[-1])


@mistake("train_model", "missing_zero_grad")
def train_model_accumulates(model, X, y, epochs=30, lr=1e-2, batch_size=64, seed=0):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(seed)
    losses = []
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=g)
        total = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = nn.functional.mse_loss(model(X[idx]), y[idx])
            loss.backward()                                            # no optimizer.zero_grad()
            optimizer.step()
            total += loss.item() * len(idx)
        losses.append(total / len(X))
    model.eval()
    return losses
