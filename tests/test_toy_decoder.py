"""The decoder assignment's toy task: the shipped weights reverse digit sequences when decoded with the
reference decoder_block and greedy_decode in NumPy, visibly fail without the causal mask, show
exposure bias, and are what ``scripts/train_toy_decoder.py`` produces (same seed → same weights)."""
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "source" / "decoder", ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import toy  # noqa: E402
import train_toy_decoder as train_script  # noqa: E402
from solutions import decoder as D  # noqa: E402
from solutions import positional as P  # noqa: E402
from solutions import transformer as T  # noqa: E402
from tests.mistakes.decoder import decoder_without_causal_mask  # noqa: E402


@pytest.fixture(scope="module")
def model():
    return toy.load()


@pytest.fixture(scope="module")
def held_out():
    """1000 sources from a generator the training never used, none of them in the training set."""
    seen = {tuple(row) for row in train_script.training_data(0)[0]}
    source = toy.random_sources(2000, 12345, 2, toy.load()["max_src_len"])
    fresh = np.array([row for row in source if tuple(row) not in seen])[:1000]
    assert len(fresh) == 1000
    return fresh, toy.target_of(fresh)


@pytest.fixture(scope="module")
def decoded(model, held_out):
    source, target = held_out
    free = {name: toy.reverse(model, source, T.encoder_block, block, D.greedy_decode)
            for name, block in (("causal", D.decoder_block), ("no_causal", decoder_without_causal_mask))}
    forced = {name: toy.teacher_forced_predictions(model, source, target, T.encoder_block, block, D.shift_right)
              for name, block in (("causal", D.decoder_block), ("no_causal", decoder_without_causal_mask))}
    return free, forced


def test_the_file_is_small_and_in_the_course_conventions(model):
    assert toy.NPZ.stat().st_size < 300 * 1024
    d = model["embedding"].shape[1]
    assert model["embedding"].shape == (model["vocab_size"], d) and model["W_out"].shape == (d, model["vocab_size"])
    np.testing.assert_allclose(model["pe"], P.positional_encoding(len(model["pe"]), d), atol=1e-6)
    keys = {"W_q", "W_k", "W_v", "W_o", "b_q", "b_k", "b_v", "b_o", "W_1", "b_1", "W_2", "b_2",
            "gamma_1", "beta_1", "gamma_2", "beta_2"}
    assert set(toy.block_params(model, "enc0_")) == keys
    dec = {f"{part}_{k}" for part in ("self", "cross") for k in ("W_q", "W_k", "W_v", "W_o", "b_q", "b_k", "b_v", "b_o")}
    dec |= {"W_1", "b_1", "W_2", "b_2", "gamma_1", "beta_1", "gamma_2", "beta_2", "gamma_3", "beta_3"}
    for i in range(model["n_dec"]):
        assert set(toy.block_params(model, f"dec{i}_")) == dec
    assert model["n_heads"] >= 2 and model["n_dec"] >= 2


def test_reference_decoding_reverses_held_out_sequences(decoded, held_out):
    source, target = held_out
    free, _ = decoded
    assert toy.sequence_accuracy(free["causal"], target) >= 0.9
    assert toy.token_accuracy(free["causal"], target) >= 0.95
    digits = toy.tokens_to_digits(free["causal"])
    wanted = [list(reversed([int(t) - toy.FIRST_DIGIT for t in row if t != toy.PAD])) for row in source]
    assert np.mean([d == w for d, w in zip(digits, wanted)]) >= 0.9


def test_without_the_causal_mask_decoding_visibly_fails(decoded, held_out):
    _, target = held_out
    free, forced = decoded
    right = toy.sequence_accuracy(free["causal"], target)
    assert toy.sequence_accuracy(free["no_causal"], target) <= right - 0.3
    # with teacher forcing every position sees the whole target: nothing it was trained on
    assert toy.token_accuracy(forced["no_causal"], target) <= 0.5
    assert toy.token_accuracy(forced["causal"], target) >= 0.98


def test_exposure_bias_errors_compound_when_the_model_reads_its_own_output(decoded, held_out):
    _, target = held_out
    free, forced = decoded
    tf, fr = forced["causal"], free["causal"]
    assert toy.token_accuracy(tf, target) > toy.token_accuracy(fr, target)
    with_truth, with_own, positions = toy.after_first_error(tf, fr, target)
    assert positions >= 50
    assert with_truth >= 0.9 and with_own <= with_truth - 0.15


def test_the_numpy_model_matches_the_torch_model(model, held_out):
    """The conversion is exact up to float32: NumPy logits equal the PyTorch layers' on the same weights."""
    import torch
    source, target = held_out
    source, target = source[:50], target[:50]
    net = train_script.ToyReverser()
    with torch.no_grad():
        _load_arrays(net, model)
        want = net.eval()(torch.as_tensor(source), torch.as_tensor(D.shift_right(target, toy.BOS))).numpy()
    memory, memory_mask = toy.encode(model, source, T.encoder_block)
    got = toy.decode_logits(model, D.shift_right(target, toy.BOS), memory, memory_mask, D.decoder_block)
    np.testing.assert_allclose(got, want, atol=2e-4, rtol=1e-4)


def _load_arrays(net, arrays):
    import torch

    def t(a):
        return torch.as_tensor(np.asarray(a, dtype=np.float32))

    net.embedding.weight.copy_(t(arrays["embedding"]))
    net.out.weight.copy_(t(arrays["W_out"].T))
    net.out.bias.copy_(t(arrays["b_out"]))

    def attention(attn, prefix):
        attn.in_proj_weight.copy_(t(np.concatenate([arrays[f"{prefix}W_{k}"].T for k in "qkv"])))
        attn.in_proj_bias.copy_(t(np.concatenate([arrays[f"{prefix}b_{k}"] for k in "qkv"])))
        attn.out_proj.weight.copy_(t(arrays[f"{prefix}W_o"].T))
        attn.out_proj.bias.copy_(t(arrays[f"{prefix}b_o"]))

    def rest(layer, prefix, norms):
        layer.linear1.weight.copy_(t(arrays[f"{prefix}W_1"].T))
        layer.linear1.bias.copy_(t(arrays[f"{prefix}b_1"]))
        layer.linear2.weight.copy_(t(arrays[f"{prefix}W_2"].T))
        layer.linear2.bias.copy_(t(arrays[f"{prefix}b_2"]))
        for i in range(1, norms + 1):
            getattr(layer, f"norm{i}").weight.copy_(t(arrays[f"{prefix}gamma_{i}"]))
            getattr(layer, f"norm{i}").bias.copy_(t(arrays[f"{prefix}beta_{i}"]))
    for i, layer in enumerate(net.enc):
        attention(layer.self_attn, f"enc{i}_")
        rest(layer, f"enc{i}_", 2)
    for i, layer in enumerate(net.dec):
        attention(layer.self_attn, f"dec{i}_self_")
        attention(layer.multihead_attn, f"dec{i}_cross_")
        rest(layer, f"dec{i}_", 3)


@pytest.mark.slow
def test_the_script_is_reproducible_and_made_the_committed_weights(tmp_path):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        assert train_script.main(["--seed", "0", "--out", str(out)]) == 0
    with np.load(first) as a, np.load(second) as b, np.load(toy.NPZ) as committed:
        assert sorted(a.files) == sorted(b.files) == sorted(committed.files)
        for k in a.files:
            np.testing.assert_allclose(a[k], b[k], atol=1e-6, rtol=0, err_msg=f"{k}: same seed, different weights")
            np.testing.assert_allclose(a[k], committed[k], atol=1e-6, rtol=0,
                                       err_msg=f"{k}: source/decoder/toy_reverse.npz is not what the script makes "
                                               f"(run scripts/train_toy_decoder.py)")
