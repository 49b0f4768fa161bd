"""Cross-check ``solutions/sequence_modeling.py`` against independent computations.

    PositionalEncoding.pe  ↔ solutions.positional.positional_encoding (NumPy, float64), within 1e-4
        (float32 table), for even and odd d_model; a persistent buffer, not a parameter.

    TransformerForecaster's block  ↔ nn.TransformerEncoderLayer(d_model, h, d_ff, dropout=0.0,
        activation="gelu", batch_first=True, norm_first=False) with mapped weights:
            self_attn.* = attn.*,  linear1 = ffn[0],  linear2 = ffn[2],  norm1/norm2 = norm1/norm2
        ŷ = head(layer(pos(input_proj(x)))[:, -1]) (float64, to 1e-10; eval and train mode).

    RNNForecaster  ↔ a loop over nn.RNNCell / nn.LSTMCell / nn.GRUCell with the same weights,
        ŷ = head(h_T) (for the LSTM the h of (h, c)).

    count_parameters  ↔ the parameter counts written out by hand.

    train_model: deterministic for a seed, different for another seed, the loss falls, the
        trained model beats "repeat the last value", eval mode afterwards, a DataLoader with the
        same generator visits the same batches as randperm.
"""
import math
import pathlib
import sys

import numpy as np
import pytest
import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from solutions import positional as P  # noqa: E402
from solutions import sequence_modeling as S  # noqa: E402

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _seeded():
    torch.manual_seed(0)


def randomize(model, generator):
    """Non-degenerate weights: biases, LayerNorm γ ≠ 1 and β ≠ 0 (defaults are 0 and 1)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=generator, dtype=p.dtype) * (0.4 if p.dim() > 1 else 0.3)
                    + (1.0 if name.endswith("weight") and p.dim() == 1 else 0.0))
    return model


# --------------------------------------------------------------------------- make_sine_data
def test_sine_data_shapes_determinism_and_the_sine_recurrence():
    X, y = S.make_sine_data(50, T=20, seed=3)
    assert X.shape == (50, 20, 1) and y.shape == (50, 1) and X.dtype == y.dtype == torch.float32
    X2, y2 = S.make_sine_data(50, T=20, seed=3)
    assert torch.equal(X, X2) and torch.equal(y, y2)
    assert not torch.equal(S.make_sine_data(50, T=20, seed=4)[0], X)
    # A sinusoid satisfies s(t+1) = 2 cos(f) s(t) − s(t−1): fit 2 cos f on the inputs, then y follows.
    s = torch.cat([X[:, :, 0], y], dim=1).double()
    two_cos = ((s[:, 2:-1] + s[:, :-3]) * s[:, 1:-2]).sum(1) / (s[:, 1:-2] ** 2).sum(1)
    predicted = two_cos * s[:, -2] - s[:, -3]
    assert torch.allclose(predicted, s[:, -1], atol=1e-5)
    assert torch.all((two_cos / 2).abs() <= 1)


# --------------------------------------------------------------------------- PositionalEncoding
@pytest.mark.parametrize("max_len, d_model", [(512, 32), (50, 7), (30, 1), (100, 10)])
def test_positional_encoding_table_matches_numpy_reference(max_len, d_model):
    pe = S.PositionalEncoding(d_model, max_len=max_len)
    assert pe.pe.dtype == torch.float32 and pe.pe.shape == (max_len, d_model)
    np.testing.assert_allclose(pe.pe.numpy(), P.positional_encoding(max_len, d_model), rtol=0, atol=1e-4)
    assert list(pe.state_dict()) == ["pe"] and list(pe.parameters()) == []


def test_positional_encoding_forward_adds_the_first_rows():
    pe = S.PositionalEncoding(6, max_len=40)
    x = torch.randn(3, 11, 6)
    assert torch.equal(pe(x), x + pe.pe[:11])


# --------------------------------------------------------------------------- TransformerForecaster
def encoder_layer_like(model, d_model, n_heads, d_ff):
    layer = nn.TransformerEncoderLayer(d_model, n_heads, d_ff, dropout=0.0, activation="gelu",
                                       batch_first=True, norm_first=False).double()
    with torch.no_grad():
        layer.self_attn.load_state_dict(model.attn.state_dict())
        layer.linear1.load_state_dict(model.ffn[0].state_dict())
        layer.linear2.load_state_dict(model.ffn[2].state_dict())
        layer.norm1.load_state_dict(model.norm1.state_dict())
        layer.norm2.load_state_dict(model.norm2.state_dict())
    return layer


@pytest.mark.parametrize("use_pe", [True, False])
@pytest.mark.parametrize("train", [False, True])
def test_transformer_equals_torch_encoder_layer(use_pe, train):
    g = torch.Generator().manual_seed(5)
    d_model, n_heads, d_ff = 12, 3, 20
    model = randomize(S.TransformerForecaster(d_model, n_heads, d_ff, use_pe=use_pe), g).double()
    layer = encoder_layer_like(model, d_model, n_heads, d_ff)
    model.train(train), layer.train(train)
    x = torch.randn(4, 9, 1, generator=g, dtype=torch.float64)
    with torch.set_grad_enabled(train):
        z = model.input_proj(x)
        if use_pe:
            z = z + model.pos.pe[:9].double()
        want = model.head(layer(z)[:, -1])
        got, w = model(x, return_attention=True)
    assert got.shape == (4, 1) and w.shape == (4, n_heads, 9, 9)
    torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-10)
    torch.testing.assert_close(w.sum(-1), torch.ones(4, n_heads, 9, dtype=torch.float64))


def test_transformer_has_the_contract_names():
    model = S.TransformerForecaster(16, 2, 24)
    names = {k.split(".")[0] for k in model.state_dict()}
    assert names == {"input_proj", "pos", "attn", "norm1", "ffn", "norm2", "head"}
    assert "pos.pe" in model.state_dict() and S.TransformerForecaster(16, 2, 24, use_pe=False).state_dict().keys() \
        == model.state_dict().keys()
    assert [type(m) for m in model.ffn] == [nn.Linear, nn.GELU, nn.Linear] and model.attn.batch_first


def test_without_pe_only_the_last_position_is_special():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 10, 1, generator=g)
    perm = torch.cat([torch.randperm(9, generator=g), torch.tensor([9])])
    plain = randomize(S.TransformerForecaster(8, 2, 16, use_pe=False), g).eval()
    torch.testing.assert_close(plain(x[:, perm]), plain(x), rtol=1e-5, atol=1e-6)
    with_pe = S.TransformerForecaster(8, 2, 16, use_pe=True).eval()
    with_pe.load_state_dict(plain.state_dict())
    assert (with_pe(x[:, perm]) - with_pe(x)).abs().max() > 1e-3


def test_last_position_attention_is_the_mean_of_the_last_rows():
    g = torch.Generator().manual_seed(2)
    model = randomize(S.TransformerForecaster(8, 2, 16), g)
    x = torch.randn(6, 7, 1, generator=g)
    a = S.last_position_attention(model, x)
    assert isinstance(a, np.ndarray) and a.shape == (7,)
    np.testing.assert_allclose(a.sum(), 1.0, atol=1e-6)
    w = model.attn(*(3 * [model.pos(model.input_proj(x))]), average_attn_weights=False)[1]
    np.testing.assert_allclose(a, w[:, :, -1].mean((0, 1)).detach().numpy(), atol=1e-7)


# --------------------------------------------------------------------------- RNNForecaster
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_rnn_forecaster_is_head_of_the_last_hidden_state(cell):
    g = torch.Generator().manual_seed(3)
    model = randomize(S.RNNForecaster(hidden=7, cell=cell), g).double()
    Cell = {"rnn": nn.RNNCell, "lstm": nn.LSTMCell, "gru": nn.GRUCell}[cell]
    step = Cell(1, 7).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(step, name).copy_(getattr(model.rnn, name + "_l0"))
    x = torch.randn(4, 6, 1, generator=g, dtype=torch.float64)
    h = torch.zeros(4, 7, dtype=torch.float64)
    c = torch.zeros_like(h)
    for t in range(6):
        if cell == "lstm":
            h, c = step(x[:, t], (h, c))
        else:
            h = step(x[:, t], h)
    torch.testing.assert_close(model(x), model.head(h), rtol=1e-10, atol=1e-10)


# --------------------------------------------------------------------------- count_parameters
def test_count_parameters_by_hand():
    d, f = 16, 40
    transformer = 2 * d + (3 * d * d + 3 * d + d * d + d) + 2 * d + (d * f + f + f * d + d) + 2 * d + d + 1
    assert S.count_parameters(S.TransformerForecaster(d, 4, f)) == transformer
    H = 9
    for cell, gates in (("rnn", 1), ("lstm", 4), ("gru", 3)):
        assert S.count_parameters(S.RNNForecaster(H, cell)) == gates * (H + H * H + 2 * H) + H + 1
    frozen = nn.Linear(3, 2)
    frozen.bias.requires_grad_(False)
    assert S.count_parameters(frozen) == 6


# --------------------------------------------------------------------------- training
def small_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(20, 16), nn.Tanh(), nn.Linear(16, 1))


def test_training_is_deterministic_and_learns():
    X, y = S.make_sine_data(256, seed=1)
    X_test, y_test = S.make_sine_data(200, seed=2)
    model = small_model(0)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    losses = S.train_model(model, X, y, epochs=6, lr=0.02, batch_size=32, seed=0)
    assert len(losses) == 6 and all(isinstance(v, float) for v in losses)
    assert not model.training and not any(m.training for m in model.modules())
    assert losses[-1] < 0.3 * losses[0]
    last_value = torch.mean((X_test[:, -1] - y_test) ** 2).item()
    assert S.evaluate(model, X_test, y_test) < 0.5 * last_value
    model.load_state_dict(start)
    assert S.train_model(model, X, y, epochs=6, lr=0.02, batch_size=32, seed=0) == losses
    model.load_state_dict(start)
    assert S.train_model(model, X, y, epochs=6, lr=0.02, batch_size=32, seed=1) != losses


def test_a_dataloader_with_the_generator_is_a_deterministic_permutation_per_epoch():
    """The other accepted way (SPEC): its order differs from randperm's, but is as reproducible."""
    def orders(seed, n=37, epochs=3):
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.arange(n)), batch_size=8,
                                             shuffle=True, generator=torch.Generator().manual_seed(seed))
        return [torch.cat([b for (b,) in loader]).tolist() for _ in range(epochs)]
    first = orders(4)
    assert all(sorted(o) == list(range(37)) for o in first) and first[0] != first[1]
    assert orders(4) == first and orders(5) != first


def test_evaluate_is_mse_in_eval_mode_without_gradients():
    X, y = S.make_sine_data(40, seed=5)
    model = small_model(1).train()
    value = S.evaluate(model, X, y)
    assert not model.training and isinstance(value, float)
    with torch.no_grad():
        assert math.isclose(value, torch.mean((model(X) - y) ** 2).item(), rel_tol=1e-6)
    assert all(p.grad is None for p in model.parameters())
