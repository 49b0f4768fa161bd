"""Cross-check ``solutions/recurrent.py`` against PyTorch, in float64, to 1e-10.

Our convention (SPEC.md): row-vector batches, ``x_t (N, D) @ W_x* (D, H)``,
``h (N, H) @ W_h* (H, H)``, biases ``(H,)``. PyTorch stores ``weight (out, in)`` and computes
``x @ weight.T``, so every PyTorch block is transposed.

LSTM ↔ ``nn.LSTMCell`` / ``nn.LSTM`` (row blocks of ``weight_ih (4H, D)``, ``weight_hh (4H, H)``,
``bias_ih``, ``bias_hh`` in the order **i, f, g, o**)::

    block:  i = rows [0, H)   f = rows [H, 2H)   g = rows [2H, 3H)   o = rows [3H, 4H)
    W_x<b> = weight_ih[b].T      W_h<b> = weight_hh[b].T      b_<b> = bias_ih[b] + bias_hh[b]
    e.g.  W_xf = weight_ih[H:2H].T,  W_hf = weight_hh[H:2H].T,  b_f = b_ih[H:2H] + b_hh[H:2H]

(``nn.LSTM``: the same with ``weight_ih_l0`` etc.) The two forms are the same model, so the
whole LSTM is compared with PyTorch for generic weights and states.

GRU ↔ ``nn.GRUCell`` (row blocks **r, z, n**)::

    PyTorch:  r = σ(x W_ir + b_ir + h W_hr + b_hr)       z = σ(x W_iz + b_iz + h W_hz + b_hz)
              n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))      h' = (1 − z) ⊙ n + z ⊙ h
    lecture:  h̃ = tanh(x W_xg + (r ⊙ h) W_hg + b_g)             h' = (1 − z) ⊙ h + z ⊙ h̃

    W_xr =  weight_ih[0:H].T     W_hr =  weight_hh[0:H].T     b_r =  (b_ir + b_hr)
    W_xz = −weight_ih[H:2H].T    W_hz = −weight_hh[H:2H].T    b_z = −(b_iz + b_hz)   (z ↔ 1 − z)
    W_xg =  weight_ih[2H:3H].T   W_hg =  weight_hh[2H:3H].T   b_g =  b_in + b_hn

The reset placement differs (before vs after the matmul), so the two GRUs agree only when
``h = 0`` and ``b_hn = 0``, or when ``W_hn`` is diagonal and ``b_hn = 0`` (then
``(r ⊙ h) W_hg = r ⊙ (h W_hg)``). ``test_gru_forms_differ_in_general`` shows they differ
otherwise; every other GRU check compares with an independent torch implementation of the
lecture's GRU (``_torch_gru_step``).
"""
import pathlib
import sys
import warnings

import numpy as np
import pytest
import torch

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from solutions import recurrent as R  # noqa: E402

TOL = dict(rtol=1e-10, atol=1e-10)

# (seed, N, D, H, T): all sizes distinct, T > 1, several seeds.
CASES = [(0, 3, 5, 4, 6), (1, 2, 7, 3, 4), (2, 5, 2, 6, 3)]
case_ids = [f"seed{c[0]}-N{c[1]}D{c[2]}H{c[3]}T{c[4]}" for c in CASES]


def _np(t):
    return t.detach().numpy().copy()


def _t(a):
    return torch.as_tensor(np.asarray(a), dtype=torch.float64)


def _randomize(module, gen, scale=0.7):
    """Give every parameter of a PyTorch module fresh N(0, scale²) values (biases nonzero)."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(scale * torch.randn(p.shape, generator=gen, dtype=torch.float64))
    return module


# ----------------------------------------------------------------------------- LSTM mapping

LSTM_BLOCKS = {"i": 0, "f": 1, "g": 2, "o": 3}  # PyTorch's row-block order


def lstm_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    H = weight_hh.shape[1]
    params = {}
    for gate, k in LSTM_BLOCKS.items():
        rows = slice(k * H, (k + 1) * H)
        params[f"W_x{gate}"] = _np(weight_ih[rows].T)
        params[f"W_h{gate}"] = _np(weight_hh[rows].T)
        params[f"b_{gate}"] = _np(bias_ih[rows] + bias_hh[rows])
    return params


def _lstm_setup(seed, N, D, H):
    gen = torch.Generator().manual_seed(seed)
    cell = _randomize(torch.nn.LSTMCell(D, H, dtype=torch.float64), gen)
    x = torch.randn(N, D, generator=gen, dtype=torch.float64)
    h = torch.randn(N, H, generator=gen, dtype=torch.float64)
    c = torch.randn(N, H, generator=gen, dtype=torch.float64)
    params = lstm_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    return cell, x, h, c, params


def _torch_lstm_preacts(cell, x, h):
    """PyTorch's own formula: x W_ihᵀ + b_ih + h W_hhᵀ + b_hh, split into i, f, g, o."""
    pre = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    return dict(zip("ifgo", pre.chunk(4, dim=1)))


def test_lstm_mapping_uses_distinct_blocks():
    """Sanity of the test itself: the four gate blocks are genuinely different."""
    _, _, _, _, params = _lstm_setup(0, 3, 5, 4)
    for a in "ifgo":
        for b in "ifgo":
            if a < b:
                assert not np.allclose(params[f"W_x{a}"], params[f"W_x{b}"])
                assert not np.allclose(params[f"b_{a}"], params[f"b_{b}"])


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_gates_and_candidate_match_torch_blocks(seed, N, D, H, T):
    cell, x, h, _, params = _lstm_setup(seed, N, D, H)
    pre = _torch_lstm_preacts(cell, x, h)
    with torch.no_grad():
        f_ref, i_ref, o_ref = (torch.sigmoid(pre[k]) for k in "fio")
        g_ref = torch.tanh(pre["g"])
    f_t, i_t, o_t = R.lstm_gates(_np(x), _np(h), params)
    g_t = R.lstm_candidate(_np(x), _np(h), params)
    for ours, ref in [(f_t, f_ref), (i_t, i_ref), (o_t, o_ref), (g_t, g_ref)]:
        assert np.shape(ours) == (N, H)
        np.testing.assert_allclose(ours, _np(ref), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_gates_recovered_from_LSTMCell_itself(seed, N, D, H, T):
    """Read f, o and i ⊙ g off nn.LSTMCell's outputs (no formula of ours involved).

    C' = f ⊙ C + i ⊙ g is affine in C, so f = C'(C=1) − C'(C=0) and i ⊙ g = C'(C=0);
    o = h' / tanh(C').
    """
    cell, x, h, c, params = _lstm_setup(seed, N, D, H)
    with torch.no_grad():
        _, c_at0 = cell(x, (h, torch.zeros_like(c)))
        _, c_at1 = cell(x, (h, torch.ones_like(c)))
        h_out, c_out = cell(x, (h, c))
    f_ref = c_at1 - c_at0
    ig_ref = c_at0
    o_ref = h_out / torch.tanh(c_out)
    f_t, i_t, o_t = R.lstm_gates(_np(x), _np(h), params)
    g_t = R.lstm_candidate(_np(x), _np(h), params)
    np.testing.assert_allclose(f_t, _np(f_ref), **TOL)
    np.testing.assert_allclose(i_t * g_t, _np(ig_ref), **TOL)
    np.testing.assert_allclose(o_t, _np(o_ref), rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_cell_update_and_hidden(seed, N, D, H, T):
    rng = np.random.default_rng(seed)
    c_prev = rng.normal(size=(N, H))
    f_t, i_t, o_t = rng.uniform(size=(3, N, H))
    g_t = rng.uniform(-1, 1, size=(N, H))
    c_ref = torch.addcmul(_t(f_t) * _t(c_prev), _t(i_t), _t(g_t))
    c_t = R.lstm_cell_update(c_prev, f_t, i_t, g_t)
    np.testing.assert_allclose(c_t, _np(c_ref), **TOL)
    h_t = R.lstm_hidden(o_t, c_t)
    np.testing.assert_allclose(h_t, _np(_t(o_t) * torch.tanh(_t(c_t))), **TOL)

    # and composed with the gates, they give nn.LSTMCell's (h', C')
    cell, x, h, c, params = _lstm_setup(seed, N, D, H)
    with torch.no_grad():
        h_ref, c_ref = cell(x, (h, c))
    f_t, i_t, o_t = R.lstm_gates(_np(x), _np(h), params)
    g_t = R.lstm_candidate(_np(x), _np(h), params)
    c_t = R.lstm_cell_update(_np(c), f_t, i_t, g_t)
    np.testing.assert_allclose(c_t, _np(c_ref), **TOL)
    np.testing.assert_allclose(R.lstm_hidden(o_t, c_t), _np(h_ref), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_step_matches_LSTMCell(seed, N, D, H, T):
    cell, x, h, c, params = _lstm_setup(seed, N, D, H)
    with torch.no_grad():
        h_ref, c_ref = cell(x, (h, c))
    h_t, c_t = R.lstm_step(_np(x), _np(h), _np(c), params)
    assert np.shape(h_t) == np.shape(c_t) == (N, H)
    np.testing.assert_allclose(h_t, _np(h_ref), **TOL)
    np.testing.assert_allclose(c_t, _np(c_ref), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_lstm_forward_matches_nn_LSTM(seed, N, D, H, T):
    gen = torch.Generator().manual_seed(100 + seed)
    lstm = _randomize(torch.nn.LSTM(D, H, batch_first=True, dtype=torch.float64), gen)
    x = torch.randn(N, T, D, generator=gen, dtype=torch.float64)
    h0 = torch.randn(N, H, generator=gen, dtype=torch.float64)
    c0 = torch.randn(N, H, generator=gen, dtype=torch.float64)
    params = lstm_params_from_torch(
        lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0
    )
    with torch.no_grad():
        out, (h_n, c_n) = lstm(x, (h0[None], c0[None]))
    x_np, h0_np, c0_np = _np(x), _np(h0), _np(c0)
    copies = [a.copy() for a in (x_np, h0_np, c0_np)] + [{k: v.copy() for k, v in params.items()}]
    hs, (h_T, c_T) = R.lstm_forward(x_np, h0_np, c0_np, params)
    assert np.shape(hs) == (N, T, H)
    np.testing.assert_allclose(hs, _np(out), **TOL)
    np.testing.assert_allclose(h_T, _np(h_n[0]), **TOL)
    np.testing.assert_allclose(c_T, _np(c_n[0]), **TOL)
    # inputs are not mutated
    for a, b in zip((x_np, h0_np, c0_np), copies[:3]):
        np.testing.assert_array_equal(a, b)
    for k, v in copies[3].items():
        np.testing.assert_array_equal(params[k], v)


def test_lstm_forget_open_input_shut_keeps_cell():
    """Forget gate saturated open, input gate shut: C_t = C_{t−1} (CHECKS.md special case)."""
    cell, x, h, c, params = _lstm_setup(3, 4, 6, 5)
    params["b_f"] = params["b_f"] + 60.0
    params["b_i"] = params["b_i"] - 60.0
    h_t, c_t = R.lstm_step(_np(x), _np(h), _np(c), params)
    np.testing.assert_allclose(c_t, _np(c), **TOL)
    f_t, i_t, o_t = R.lstm_gates(_np(x), _np(h), params)
    np.testing.assert_allclose(h_t, o_t * np.tanh(_np(c)), **TOL)


# ------------------------------------------------------------------------------------- GRU

GRU_KEYS = ["W_xr", "W_hr", "b_r", "W_xz", "W_hz", "b_z", "W_xg", "W_hg", "b_g"]


def _random_gru_params(rng, D, H, scale=0.7):
    shapes = {"x": (D, H), "h": (H, H), "b": (H,)}
    return {k: scale * rng.normal(size=shapes[k[2] if k[0] == "W" else "b"]) for k in GRU_KEYS}


def _torch_gru_step(x, h, p):
    """The lecture's GRU, written independently with torch ops; returns (r, z, h̃, h')."""
    r = torch.sigmoid(x @ p["W_xr"] + h @ p["W_hr"] + p["b_r"])
    z = torch.sigmoid(x @ p["W_xz"] + h @ p["W_hz"] + p["b_z"])
    h_tilde = torch.tanh(x @ p["W_xg"] + (r * h) @ p["W_hg"] + p["b_g"])
    return r, z, h_tilde, torch.lerp(h, h_tilde, z)  # h + z ⊙ (h̃ − h)


def _gru_setup(seed, N, D, H):
    rng = np.random.default_rng(seed)
    params = _random_gru_params(rng, D, H)
    x = rng.normal(size=(N, D))
    h = rng.normal(size=(N, H))
    return params, {k: _t(v) for k, v in params.items()}, x, h


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_gru_gates_candidate_update_step(seed, N, D, H, T):
    params, tparams, x, h = _gru_setup(seed, N, D, H)
    r_ref, z_ref, ht_ref, h_ref = _torch_gru_step(_t(x), _t(h), tparams)

    r_t, z_t = R.gru_gates(x, h, params)
    np.testing.assert_allclose(r_t, _np(r_ref), **TOL)
    np.testing.assert_allclose(z_t, _np(z_ref), **TOL)

    h_tilde = R.gru_candidate(x, h, _np(r_ref), params)
    assert np.shape(h_tilde) == (N, H)
    np.testing.assert_allclose(h_tilde, _np(ht_ref), **TOL)

    rng = np.random.default_rng(seed + 50)  # update on its own, with unrelated values
    hp, hc, z = rng.normal(size=(N, H)), rng.normal(size=(N, H)), rng.uniform(size=(N, H))
    np.testing.assert_allclose(
        R.gru_update(hp, hc, z), _np(torch.lerp(_t(hp), _t(hc), _t(z))), **TOL
    )

    h_t = R.gru_step(x, h, params)
    assert np.shape(h_t) == (N, H)
    np.testing.assert_allclose(h_t, _np(h_ref), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_gru_forward_matches_independent_loop(seed, N, D, H, T):
    params, tparams, _, h0 = _gru_setup(seed, N, D, H)
    x = np.random.default_rng(seed + 7).normal(size=(N, T, D))
    h = _t(h0)
    hs_ref = []
    for t in range(T):
        h = _torch_gru_step(_t(x[:, t]), h, tparams)[3]
        hs_ref.append(h)
    hs_ref = torch.stack(hs_ref, dim=1)
    x_copy, h0_copy = x.copy(), h0.copy()
    hs, h_T = R.gru_forward(x, h0, params)
    assert np.shape(hs) == (N, T, H)
    np.testing.assert_allclose(hs, _np(hs_ref), **TOL)
    np.testing.assert_allclose(h_T, _np(h), **TOL)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(h0, h0_copy)


def gru_params_from_torch(weight_ih, weight_hh, bias_ih, bias_hh):
    """The mapping in the module docstring (row blocks r, z, n; z ↔ 1 − z)."""
    H = weight_hh.shape[1]
    r, z, n = slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H)
    return {
        "W_xr": _np(weight_ih[r].T), "W_hr": _np(weight_hh[r].T),
        "b_r": _np(bias_ih[r] + bias_hh[r]),
        "W_xz": _np(-weight_ih[z].T), "W_hz": _np(-weight_hh[z].T),
        "b_z": _np(-(bias_ih[z] + bias_hh[z])),
        "W_xg": _np(weight_ih[n].T), "W_hg": _np(weight_hh[n].T),
        "b_g": _np(bias_ih[n] + bias_hh[n]),
    }


def _gru_cell(seed, D, H, b_hn_zero=True, diagonal_W_hn=False):
    gen = torch.Generator().manual_seed(seed)
    cell = _randomize(torch.nn.GRUCell(D, H, dtype=torch.float64), gen)
    with torch.no_grad():
        if b_hn_zero:
            cell.bias_hh[2 * H:] = 0.0
        if diagonal_W_hn:
            cell.weight_hh[2 * H:] = torch.diag(torch.diagonal(cell.weight_hh[2 * H:]))
    return cell, gen


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_gru_gates_match_GRUCell_blocks(seed, N, D, H, T):
    """r is PyTorch's r; the lecture's z is 1 − PyTorch's z (nonzero h, generic weights)."""
    cell, gen = _gru_cell(seed, D, H, b_hn_zero=False)
    x = torch.randn(N, D, generator=gen, dtype=torch.float64)
    h = torch.randn(N, H, generator=gen, dtype=torch.float64)
    pre = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    with torch.no_grad():
        r_torch, z_torch, _ = (torch.sigmoid(p) for p in pre.chunk(3, dim=1))
    params = gru_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    r_t, z_t = R.gru_gates(_np(x), _np(h), params)
    np.testing.assert_allclose(r_t, _np(r_torch), **TOL)
    np.testing.assert_allclose(z_t, 1.0 - _np(z_torch), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_gru_step_matches_GRUCell_at_zero_state(seed, N, D, H, T):
    """h = 0 and b_hn = 0: both candidates are tanh(x W_in + b_in), so the forms coincide."""
    cell, gen = _gru_cell(seed, D, H, b_hn_zero=True)
    x = torch.randn(N, D, generator=gen, dtype=torch.float64)
    h = torch.zeros(N, H, dtype=torch.float64)
    with torch.no_grad():
        h_ref = cell(x, h)
    params = gru_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    np.testing.assert_allclose(R.gru_step(_np(x), _np(h), params), _np(h_ref), **TOL)


@pytest.mark.parametrize("seed,N,D,H,T", CASES, ids=case_ids)
def test_gru_matches_torch_with_diagonal_W_hn(seed, N, D, H, T):
    """W_hn diagonal and b_hn = 0: (r ⊙ h) W_hg = r ⊙ (h W_hg), so the forms coincide for any h.

    This checks the z ↔ 1 − z mapping and the whole recurrence with nonzero states.
    """
    cell, gen = _gru_cell(seed, D, H, b_hn_zero=True, diagonal_W_hn=True)
    x = torch.randn(N, D, generator=gen, dtype=torch.float64)
    h = torch.randn(N, H, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        h_ref = cell(x, h)
    params = gru_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    np.testing.assert_allclose(R.gru_step(_np(x), _np(h), params), _np(h_ref), **TOL)

    gru = torch.nn.GRU(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(gru, f"{name}_l0").copy_(getattr(cell, name))
    xs = torch.randn(N, T, D, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        out, h_n = gru(xs, h[None])
    hs, h_T = R.gru_forward(_np(xs), _np(h), params)
    np.testing.assert_allclose(hs, _np(out), **TOL)
    np.testing.assert_allclose(h_T, _np(h_n[0]), **TOL)


def test_gru_forms_differ_in_general():
    """Generic W_hn and nonzero h: the lecture GRU is NOT nn.GRUCell under the mapping.

    Same cell, same mapped params: they agree at h = 0 (so the mapping is right) and disagree
    at a nonzero h (the reset placement is a real difference, not a mapping slip).
    """
    N, D, H = 4, 5, 3
    cell, gen = _gru_cell(11, D, H, b_hn_zero=True, diagonal_W_hn=False)
    params = gru_params_from_torch(cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    x = torch.randn(N, D, generator=gen, dtype=torch.float64)
    h = torch.randn(N, H, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        at_zero = cell(x, torch.zeros_like(h))
        at_h = cell(x, h)
    np.testing.assert_allclose(R.gru_step(_np(x), 0 * _np(h), params), _np(at_zero), **TOL)
    lecture = R.gru_step(_np(x), _np(h), params)
    assert np.max(np.abs(lecture - _np(at_h))) > 1e-3
    # ... while the independent lecture implementation agrees with ours
    _, _, _, ref = _torch_gru_step(x, h, {k: _t(v) for k, v in params.items()})
    np.testing.assert_allclose(lecture, _np(ref), **TOL)


def test_gru_update_gate_shut_keeps_state():
    """Lecture form: z = 0 ⇒ h_t = h_{t−1} (PyTorch's form would give h_t = h̃ here)."""
    params, _, x, h = _gru_setup(5, 3, 4, 6)
    params["b_z"] = params["b_z"] - 60.0
    np.testing.assert_allclose(R.gru_step(x, h, params), h, **TOL)


def test_gru_reset_shut_candidate_ignores_W_hg():
    """r = 0 ⇒ h̃ = tanh(x W_xg + b_g), whatever W_hg is (reset before the matmul)."""
    params, _, x, h = _gru_setup(6, 3, 4, 6)
    params["b_r"] = params["b_r"] - 60.0
    r_t, _ = R.gru_gates(x, h, params)
    expected = _np(torch.tanh(_t(x) @ _t(params["W_xg"]) + _t(params["b_g"])))
    np.testing.assert_allclose(R.gru_candidate(x, h, r_t, params), expected, **TOL)
    params2 = dict(params, W_hg=params["W_hg"] + 5.0)
    np.testing.assert_allclose(R.gru_candidate(x, h, r_t, params2), expected, **TOL)


# --------------------------------------------------------------------------------- sigmoid

WIDE = np.concatenate(
    [np.linspace(-1000.0, 1000.0, 4001), [-1000.0, -745.0, -709.0, -40.0, 0.0, 40.0, 709.0,
                                          745.0, 1000.0, -1e-8, 1e-8]]
)


def _no_warnings(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            return fn(*args)


def test_sigmoid_matches_torch_over_wide_range_without_warnings():
    s = _no_warnings(R.sigmoid, WIDE.copy())
    ref = _np(torch.sigmoid(_t(WIDE)))
    assert np.shape(s) == WIDE.shape
    assert np.all(np.isfinite(s))
    np.testing.assert_allclose(s, ref, rtol=1e-12, atol=1e-300)
    assert s[WIDE == 1000.0].min() == 1.0 and s[WIDE == -1000.0].max() == 0.0
    np.testing.assert_allclose(s + _no_warnings(R.sigmoid, -WIDE), 1.0, rtol=0, atol=1e-15)


def test_sigmoid_2d_and_int_input():
    rng = np.random.default_rng(0)
    x = rng.normal(scale=30, size=(4, 7))
    np.testing.assert_allclose(_no_warnings(R.sigmoid, x), _np(torch.sigmoid(_t(x))), **TOL)
    xi = np.array([-1000, -3, 0, 2, 1000])
    np.testing.assert_allclose(
        _no_warnings(R.sigmoid, xi), _np(torch.sigmoid(_t(xi))), rtol=1e-12, atol=1e-300
    )


def test_sigmoid_float32():
    x32 = WIDE.astype(np.float32)
    s = _no_warnings(R.sigmoid, x32)
    assert np.asarray(s).dtype == np.float32
    ref = _np(torch.sigmoid(torch.from_numpy(x32.copy()))).astype(np.float64)
    np.testing.assert_allclose(np.asarray(s, dtype=np.float64), ref, rtol=1e-6, atol=1e-30)
