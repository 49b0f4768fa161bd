"""Self-checks of the sequence-modelling lab in PyTorch: what ``check(TransformerForecaster)`` runs.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, so each message says what is off in the
release language. This file is released to students: it holds structure (submodule names and
shapes), properties (without positional encoding the order of the earlier inputs does not matter;
each example of a batch is predicted on its own; training repeats for a seed) and worked examples
whose weights are set by hand so the answer can be computed on paper (the table's row 0 is
[0, 1, 0, 1, …]; a block whose attention and FFN are switched off predicts the sign of the last
input; with X = 0 and y = −100, every Adam step moves the bias by exactly lr), never reference
outputs on random data and never solution code.

Random initial weights come from ``torch.random.fork_rng``: checking never changes the notebook's
random state.
"""
import math

import numpy as np
import torch
from torch import nn

import seqlab_selfcheck as _core
from seqlab_selfcheck import (SelfCheckFailed, check, check_all, expect, fail, grade, say, selfcheck,  # noqa: F401
                              use_language)

_core.student_functions("PositionalEncoding", "TransformerForecaster", "RNNForecaster", "count_parameters",
                        "train_model", "evaluate", "last_position_attention")
LAYERS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


# --------------------------------------------------------------------------- helpers
def _make(cls, *args, checked=None, **kwargs):
    """``cls(*args, **kwargs)``; a stub of another class of the notebook it needs is named."""
    return _call(cls, *args, checked=checked or cls.__name__, **kwargs)


def _call(fn, *args, checked=None, **kwargs):
    """``fn(*args, **kwargs)`` (no copies: tensors and modules are passed as they are); when a class
    or function of the notebook that this one needs is still a stub, say which."""
    checked = checked or getattr(fn, "__name__", "")
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        tb = __import__("sys").exc_info()[2]
        while tb.tb_next is not None:
            tb = tb.tb_next
        frame = tb.tb_frame
        owner = type(frame.f_locals.get("self")).__name__ if "self" in frame.f_locals else frame.f_code.co_name
        if owner != checked and owner in _core.NEEDS:
            fail(f"{owner} is not implemented yet, and checking {checked} needs it: finish {owner} (its cell is above) first.",
                 f"{owner}이(가) 아직 구현되지 않았는데 {checked}을(를) 점검하려면 필요합니다: 위에 있는 {owner}부터 완성하세요.")
        raise


def _seeded(seed, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with torch's random state set to ``seed`` and restored afterwards."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return fn(*args, **kwargs)


def _tensor(value, what):
    """``value`` (a tensor) as a float64 NumPy array, or a message saying what came back."""
    expect(value is not None, f"{what}: your code returned None. Did you forget `return`?",
           f"{what}: 코드가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    if isinstance(value, torch.Tensor):
        return value.detach().double().numpy()
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"{what}: expected a tensor, got {type(value).__name__}.",
             f"{what}: 텐서가 필요한데 {type(value).__name__}을(를) 받았습니다.")


def _shape(value, expected, what):
    arr = _tensor(value, what)
    expect(arr.shape == tuple(expected), f"{what} has shape {arr.shape}; it should be {tuple(expected)}.",
           f"{what}의 shape이 {arr.shape}입니다. {tuple(expected)}이어야 합니다.")
    return arr


def _module(model, name, kind, what):
    """The submodule ``name`` of ``model``, of type ``kind``, or a message naming what is missing."""
    sub = getattr(model, name, None)
    expect(isinstance(sub, nn.Module),
           f"{what} has no submodule `{name}`. The names are part of the task (the grader loads weights by name): "
           f"self.{name} = ...",
           f"{what}에 하위 모듈 `{name}`이(가) 없습니다. 이름도 과제의 일부입니다 (채점기는 이름으로 가중치를 불러옵니다): "
           f"self.{name} = ...")
    expect(isinstance(sub, kind),
           f"{what}.{name} is a {type(sub).__name__}; it should be an nn.{kind.__name__}.",
           f"{what}.{name}이(가) {type(sub).__name__}입니다. nn.{kind.__name__}이어야 합니다.")
    return sub


def _linear(model, name, n_in, n_out, what):
    layer = _module(model, name, nn.Linear, what)
    expect((layer.in_features, layer.out_features) == (n_in, n_out),
           f"{what}.{name} is Linear({layer.in_features}, {layer.out_features}); it should be Linear({n_in}, {n_out}).",
           f"{what}.{name}이(가) Linear({layer.in_features}, {layer.out_features})입니다. Linear({n_in}, {n_out})이어야 합니다.")
    return layer


def _forward(model, x, what, **kwargs):
    with torch.no_grad():
        return _call(model, x, checked=type(model).__name__, **kwargs)


# --------------------------------------------------------------------------- PositionalEncoding
@selfcheck("PositionalEncoding")
def pe_is_a_persistent_float32_buffer(PositionalEncoding):
    module = _make(PositionalEncoding, 6, max_len=50)
    what = "PositionalEncoding(6, max_len=50)"
    names = dict(module.named_buffers())
    if "pe" not in names:
        if isinstance(getattr(module, "pe", None), nn.Parameter):
            fail(f"{what}.pe is an nn.Parameter, so the optimizer would train it and count_parameters would count it. "
                 "The sinusoidal table is fixed: self.register_buffer(\"pe\", table).",
                 f"{what}.pe가 nn.Parameter라서 optimizer가 학습하고 count_parameters도 셉니다. 사인파 표는 고정값입니다: "
                 "self.register_buffer(\"pe\", table).")
        fail(f"{what} has no buffer `pe`: store the table with self.register_buffer(\"pe\", table), so it is saved in the "
             "state_dict and moves with the model, without being trained.",
             f"{what}에 buffer `pe`가 없습니다: self.register_buffer(\"pe\", table)로 저장해야 state_dict에 저장되고 모델과 함께 "
             "이동하며 학습되지 않습니다.")
    expect("pe" in module.state_dict(),
           f"{what}.pe is missing from the state_dict: register it with the default persistent=True.",
           f"{what}.pe가 state_dict에 없습니다: 기본값 persistent=True로 등록하세요.")
    expect(not list(module.parameters()),
           f"{what} has trainable parameters; the positional encoding has none (the table is a buffer).",
           f"{what}에 학습되는 파라미터가 있습니다. positional encoding에는 파라미터가 없습니다 (표는 buffer입니다).")
    pe = names["pe"]
    expect(tuple(pe.shape) == (50, 6), f"{what}.pe has shape {tuple(pe.shape)}; it should be (max_len, d_model) = (50, 6).",
           f"{what}.pe의 shape이 {tuple(pe.shape)}입니다. (max_len, d_model) = (50, 6)이어야 합니다.")
    expect(pe.dtype == torch.float32, f"{what}.pe is {pe.dtype}; make it float32 like the model's weights (.float()).",
           f"{what}.pe가 {pe.dtype}입니다. 모델 가중치처럼 float32로 만드세요 (.float()).")


@selfcheck("PositionalEncoding")
def pe_worked_rows(PositionalEncoding):
    pe = _tensor(_make(PositionalEncoding, 4, max_len=3).pe, "PositionalEncoding(4, max_len=3).pe")
    expect(pe.shape == (3, 4), f"PositionalEncoding(4, max_len=3).pe has shape {pe.shape}; it should be (3, 4).",
           f"PositionalEncoding(4, max_len=3).pe의 shape이 {pe.shape}입니다. (3, 4)여야 합니다.")
    row0 = np.round(pe[0], 3).tolist()
    if np.allclose(pe[0], [1, 0, 1, 0], atol=1e-4):
        fail(f"Row 0 is {row0}: sin and cos are swapped. Even columns hold sin(pos · ω_k), odd columns cos(pos · ω_k), "
             "so PE(0) = [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1].",
             f"0행이 {row0}입니다: sin과 cos가 바뀌었습니다. 짝수 열이 sin(pos · ω_k), 홀수 열이 cos(pos · ω_k)이므로 "
             "PE(0) = [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1]입니다.")
    if np.allclose(pe[0], [0, 0, 1, 1], atol=1e-4):
        fail(f"Row 0 is {row0}: the table is [sin | cos] side by side. The lecture interleaves them: column 2k is a sin, "
             "column 2k + 1 the cos of the same angle, so PE(0) = [0, 1, 0, 1].",
             f"0행이 {row0}입니다: 표가 [sin | cos]로 나란히 붙어 있습니다. 강의에서는 교차 배치합니다: 2k열은 sin, 2k + 1열은 "
             "같은 각도의 cos이므로 PE(0) = [0, 1, 0, 1]입니다.")
    expect(np.allclose(pe[0], [0, 1, 0, 1], atol=1e-4),
           f"Row 0 is {row0}; at position 0 every angle is 0, so PE(0) = [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1].",
           f"0행이 {row0}입니다. 위치 0에서는 모든 각도가 0이므로 PE(0) = [sin 0, cos 0, sin 0, cos 0] = [0, 1, 0, 1]입니다.")
    want = [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)]
    row1 = np.round(pe[1], 4).tolist()
    if np.allclose(pe[1], [math.sin(1), math.cos(1), math.sin(0.1), math.cos(0.1)], atol=1e-4) or \
            np.allclose(pe[1], [math.sin(1), math.cos(0.1), math.sin(0.01), math.cos(0.001)], atol=1e-4):
        fail(f"Row 1 is {row1}: the frequencies are off. For d_model = 4 the pairs turn with ω_k = 10000^(−2k/4), "
             "i.e. 1 and 1/100 (the exponent uses the even column index 2k, not k or the column index).",
             f"1행이 {row1}입니다: 주파수가 틀렸습니다. d_model = 4에서 쌍들은 ω_k = 10000^(−2k/4), 즉 1과 1/100로 회전합니다 "
             "(지수에는 k나 열 번호가 아니라 짝수 열 번호 2k를 씁니다).")
    expect(np.allclose(pe[1], want, atol=1e-4),
           f"Row 1 is {row1}; for d_model = 4 the frequencies are 1 and 1/100, so "
           "PE(1) = [sin 1, cos 1, sin 0.01, cos 0.01] ≈ [0.8415, 0.5403, 0.0100, 1.0000].",
           f"1행이 {row1}입니다. d_model = 4에서 주파수는 1과 1/100이므로 "
           "PE(1) = [sin 1, cos 1, sin 0.01, cos 0.01] ≈ [0.8415, 0.5403, 0.0100, 1.0000]입니다.")


@selfcheck("PositionalEncoding")
def pe_odd_d_model(PositionalEncoding):
    pe = _shape(_make(PositionalEncoding, 5, max_len=2).pe, (2, 5), "PositionalEncoding(5, max_len=2).pe")
    expect(np.allclose(pe[0], [0, 1, 0, 1, 0], atol=1e-4),
           f"For odd d_model = 5, row 0 should be [0, 1, 0, 1, 0] (the last column is a sin without its cos partner); "
           f"yours is {np.round(pe[0], 3).tolist()}.",
           f"d_model = 5(홀수)이면 0행은 [0, 1, 0, 1, 0]이어야 합니다 (마지막 열은 짝이 되는 cos이 없는 sin). "
           f"지금은 {np.round(pe[0], 3).tolist()}입니다.")


@selfcheck("PositionalEncoding")
def pe_forward_adds_the_first_rows(PositionalEncoding):
    module = _make(PositionalEncoding, 4, max_len=10)
    table = _tensor(module.pe, "pe")
    x = torch.ones(2, 3, 4)
    out = _shape(_forward(module, x, "forward"), (2, 3, 4), "PositionalEncoding(4, max_len=10)(x) for x (2, 3, 4)")
    expect(torch.equal(x, torch.ones(2, 3, 4)), "forward changed its input x in place; return x + pe[:T] as a new tensor.",
           "forward가 입력 x를 제자리에서 바꿨습니다. x + pe[:T]를 새 텐서로 반환하세요.")
    if np.allclose(out, 2.0 + table[:3], atol=1e-5):
        fail("forward scaled x by √d_model = 2 before adding the table; this model's forward is x + pe[:T], no scaling.",
             "forward가 표를 더하기 전에 x에 √d_model = 2를 곱했습니다. 이 모델의 forward는 스케일 없이 x + pe[:T]입니다.")
    expect(np.allclose(out, 1.0 + table[:3], atol=1e-5),
           "For x of ones (2 examples, T = 3), forward(x) should be 1 + pe[:3] for both examples: the first T rows of "
           "the table, added to every example of the batch.",
           "값이 모두 1인 x(샘플 2개, T = 3)에 대해 forward(x)는 두 샘플 모두 1 + pe[:3]이어야 합니다: 표의 처음 T개 행을 "
           "배치의 모든 샘플에 더합니다.")


# --------------------------------------------------------------------------- TransformerForecaster
def _transformer_parameters(d, ff):
    """The trainable parameters of the task's layers, name → shape (nn.MultiheadAttention keeps W_Q, W_K,
    W_V stacked in in_proj_weight (3d, d) and W_O in out_proj)."""
    return {"input_proj.weight": (d, 1), "input_proj.bias": (d,), "attn.in_proj_weight": (3 * d, d),
            "attn.in_proj_bias": (3 * d,), "attn.out_proj.weight": (d, d), "attn.out_proj.bias": (d,),
            "norm1.weight": (d,), "norm1.bias": (d,), "ffn.0.weight": (ff, d), "ffn.0.bias": (ff,),
            "ffn.2.weight": (d, ff), "ffn.2.bias": (d,), "norm2.weight": (d,), "norm2.bias": (d,),
            "head.weight": (1, d), "head.bias": (1,)}


@selfcheck("TransformerForecaster")
def transformer_structure(TransformerForecaster):
    model = _seeded(0, _make, TransformerForecaster, d_model=8, n_heads=2, d_ff=16, use_pe=False)
    what = "TransformerForecaster(d_model=8, n_heads=2, d_ff=16)"
    _linear(model, "input_proj", 1, 8, what)
    pos = _module(model, "pos", nn.Module, what)
    expect("pe" in dict(pos.named_buffers()),
           f"{what}.pos should be your PositionalEncoding(d_model) (with its buffer pe), even when use_pe=False.",
           f"{what}.pos는 use_pe=False여도 (buffer pe를 가진) 여러분의 PositionalEncoding(d_model)이어야 합니다.")
    attn = _module(model, "attn", nn.MultiheadAttention, what)
    expect((attn.embed_dim, attn.num_heads) == (8, 2),
           f"{what}.attn has embed_dim {attn.embed_dim} and {attn.num_heads} heads; it should be "
           "nn.MultiheadAttention(d_model, n_heads, batch_first=True) = (8, 2).",
           f"{what}.attn의 embed_dim이 {attn.embed_dim}, head가 {attn.num_heads}개입니다. "
           "nn.MultiheadAttention(d_model, n_heads, batch_first=True) = (8, 2)여야 합니다.")
    expect(attn.batch_first,
           f"{what}.attn was created without batch_first=True, so it reads (T, N, d_model) and would attend across "
           "the batch instead of across positions.",
           f"{what}.attn이 batch_first=True 없이 만들어져 (T, N, d_model)로 읽으므로, 위치가 아니라 배치 사이에서 attention을 "
           "하게 됩니다.")
    for name in ("norm1", "norm2"):
        norm = _module(model, name, nn.LayerNorm, what)
        expect(tuple(norm.normalized_shape) == (8,), f"{what}.{name} should be LayerNorm(d_model) = LayerNorm(8).",
               f"{what}.{name}은(는) LayerNorm(d_model) = LayerNorm(8)이어야 합니다.")
    ffn = _module(model, "ffn", nn.Sequential, what)
    kinds = [type(m).__name__ for m in ffn]
    expect(kinds == ["Linear", "GELU", "Linear"] and (ffn[0].in_features, ffn[0].out_features) == (8, 16)
           and (ffn[2].in_features, ffn[2].out_features) == (16, 8),
           f"{what}.ffn is {kinds}; it should be nn.Sequential(nn.Linear(8, 16), nn.GELU(), nn.Linear(16, 8)).",
           f"{what}.ffn이 {kinds}입니다. nn.Sequential(nn.Linear(8, 16), nn.GELU(), nn.Linear(16, 8))이어야 합니다.")
    _linear(model, "head", 8, 1, what)
    want = _transformer_parameters(8, 16)
    got = {name: tuple(p.shape) for name, p in model.named_parameters() if p.requires_grad}
    extra = sorted(set(got) - set(want))
    expect(not extra,
           f"{what} has trainable parameters the task's layers do not have: {', '.join(extra[:4])}. Is there an extra "
           "layer, or is the positional table a parameter?",
           f"{what}에 과제의 층에는 없는 학습 파라미터가 있습니다: {', '.join(extra[:4])}. 층이 더 있거나 positional 표가 "
           "파라미터인가요?")
    wrong = [(k, got.get(k), v) for k, v in want.items() if got.get(k) != v]
    expect(not wrong, f"{what}: " + "; ".join(f"{k} is {g}, should be {v}" for k, g, v in wrong[:3]) + ".",
           f"{what}: " + "; ".join(f"{k}이(가) {g}인데 {v}이어야 합니다" for k, g, v in wrong[:3]) + ".")


@selfcheck("TransformerForecaster")
def transformer_shapes_and_each_heads_weights(TransformerForecaster):
    model = _seeded(1, _make, TransformerForecaster, d_model=8, n_heads=2, d_ff=16)
    what = "TransformerForecaster(d_model=8, n_heads=2, d_ff=16)"
    x = torch.linspace(-1, 1, 15).reshape(3, 5, 1)
    _shape(_forward(model, x, "forward"), (3, 1), f"{what}(x) for x (3, 5, 1)")
    out = _forward(model, x, "forward", return_attention=True)
    expect(isinstance(out, (tuple, list)) and len(out) == 2,
           f"{what}(x, return_attention=True) should return the tuple (ŷ, w); it returned {type(out).__name__}.",
           f"{what}(x, return_attention=True)은 튜플 (ŷ, w)를 반환해야 하는데 {type(out).__name__}을(를) 반환했습니다.")
    _shape(out[0], (3, 1), "ŷ of forward(x, return_attention=True)")
    w = _tensor(out[1], "w of forward(x, return_attention=True)")
    if w.shape == (3, 5, 5):
        fail("The attention weights have shape (N, T, T) = (3, 5, 5): averaged over the heads. Call "
             "self.attn(z, z, z, average_attn_weights=False) to get each head's, (N, n_heads, T, T).",
             "attention 가중치의 shape이 (N, T, T) = (3, 5, 5)입니다: head 평균입니다. "
             "self.attn(z, z, z, average_attn_weights=False)로 head별 가중치 (N, n_heads, T, T)를 받으세요.")
    _shape(w, (3, 2, 5, 5), "w of forward(x, return_attention=True)")
    expect(np.allclose(w.sum(-1), 1, atol=1e-5),
           "Every row of the attention weights should sum to 1 (a distribution over the keys).",
           "attention 가중치의 모든 행의 합은 1이어야 합니다 (key에 대한 확률 분포).")


@selfcheck("TransformerForecaster")
def transformer_each_example_on_its_own(TransformerForecaster):
    model = _seeded(2, _make, TransformerForecaster, d_model=8, n_heads=2, d_ff=16)
    x = torch.sin(torch.arange(24, dtype=torch.float32) * 0.7).reshape(4, 6, 1)
    together = _tensor(_forward(model, x, "forward"), "ŷ for the batch")
    alone = np.concatenate([_tensor(_forward(model, x[i:i + 1], "forward"), "ŷ for one example") for i in range(4)])
    expect(together.shape == alone.shape and np.allclose(together, alone, atol=1e-5),
           "The prediction for an example changes with the other examples of its batch: positions must attend to "
           "positions of the same sequence. Is nn.MultiheadAttention created with batch_first=True (our tensors are "
           "(N, T, d_model))?",
           "한 샘플의 예측이 같은 배치의 다른 샘플에 따라 바뀝니다: 위치는 같은 시퀀스의 위치에만 attention해야 합니다. "
           "nn.MultiheadAttention을 batch_first=True로 만들었나요 (텐서는 (N, T, d_model))?")


@selfcheck("TransformerForecaster")
def transformer_order_of_the_inputs(TransformerForecaster):
    x = torch.sin(torch.arange(14, dtype=torch.float32) * 0.9 + 0.3).reshape(2, 7, 1)
    perm = torch.tensor([3, 0, 5, 1, 4, 2, 6])                  # positions 0 … 5 shuffled, the last kept
    without = _seeded(3, _make, TransformerForecaster, d_model=8, n_heads=2, d_ff=16, use_pe=False)
    a = _tensor(_forward(without, x, "forward"), "ŷ")
    b = _tensor(_forward(without, x[:, perm], "forward"), "ŷ")
    expect(np.allclose(a, b, atol=1e-5),
           "With use_pe=False, shuffling the inputs at positions 0 … T−2 (keeping the last in place) changed ŷ. Without "
           "positional encoding attention treats the positions as a set, so only the pooled last position may matter: "
           "use z[:, -1] (and skip self.pos when use_pe is False).",
           "use_pe=False일 때 위치 0 … T−2의 입력을 섞자 (마지막은 그대로) ŷ가 바뀌었습니다. positional encoding이 없으면 "
           "attention은 위치들을 집합으로 다루므로 pooling하는 마지막 위치만 영향을 줄 수 있습니다: z[:, -1]을 쓰세요 "
           "(use_pe가 False이면 self.pos를 건너뛰고).")
    with_pe = _seeded(3, _make, TransformerForecaster, d_model=8, n_heads=2, d_ff=16, use_pe=True)
    a = _tensor(_forward(with_pe, x, "forward"), "ŷ")
    b = _tensor(_forward(with_pe, x[:, perm], "forward"), "ŷ")
    expect(not np.allclose(a, b, atol=1e-6),
           "With use_pe=True, shuffling the inputs at positions 0 … T−2 left ŷ unchanged: the positional encoding is "
           "not added. z = self.pos(self.input_proj(x)) when use_pe is True.",
           "use_pe=True일 때 위치 0 … T−2의 입력을 섞어도 ŷ가 그대로입니다: positional encoding이 더해지지 않았습니다. "
           "use_pe가 True이면 z = self.pos(self.input_proj(x))입니다.")


def _switched_off(model):
    """Weights set by hand (d_model = 2): input_proj(x) = [x, −x]; attention and FFN output exactly 0;
    the head reads the first feature. Then norm1(z + 0) = LN([x, −x]) = [sign x, −sign x] (γ = 1, β = 0,
    up to ε), norm2 leaves it, and ŷ = sign of the last input."""
    with torch.no_grad():
        model.input_proj.weight.copy_(torch.tensor([[1.0], [-1.0]]))
        model.input_proj.bias.zero_()
        model.attn.out_proj.weight.zero_()
        model.attn.out_proj.bias.zero_()
        model.ffn[2].weight.zero_()
        model.ffn[2].bias.zero_()
        model.head.weight.copy_(torch.tensor([[1.0, 0.0]]))
        model.head.bias.zero_()
    return model


@selfcheck("TransformerForecaster")
def transformer_worked_example_switched_off(TransformerForecaster):
    model = _seeded(4, _make, TransformerForecaster, d_model=2, n_heads=1, d_ff=4, use_pe=False)
    try:
        _switched_off(model)
    except (AttributeError, IndexError, TypeError, RuntimeError):
        fail("TransformerForecaster(d_model=2, n_heads=1, d_ff=4) does not have the submodules of the task "
             "(input_proj, attn, ffn[2], head): see its other self-checks.",
             "TransformerForecaster(d_model=2, n_heads=1, d_ff=4)에 과제의 하위 모듈(input_proj, attn, ffn[2], head)이 "
             "없습니다: 다른 자가 점검을 보세요.")
    x = torch.tensor([[[-3.0], [-2.0], [-1.0], [0.5]], [[2.0], [1.0], [3.0], [-0.5]]])   # last inputs 0.5 and −0.5
    got = _shape(_forward(model, x, "forward"), (2, 1), "ŷ")
    yours = np.round(got[:, 0], 3).tolist()
    if np.allclose(got[:, 0], [-1, 1], atol=1e-3):
        fail(f"ŷ = {yours} is the sign of the first input: the prediction must come from the last position, z[:, -1].",
             f"ŷ = {yours}는 첫 입력의 부호입니다: 예측은 마지막 위치 z[:, -1]에서 나와야 합니다.")
    if np.allclose(got[:, 0], [-0.5, 0.5], atol=1e-3):
        fail(f"ŷ = {yours} is the mean over the positions of the signs: pool the last position, z[:, -1], not the mean.",
             f"ŷ = {yours}는 위치들에 대한 부호의 평균입니다: 평균이 아니라 마지막 위치 z[:, -1]을 쓰세요.")
    if np.allclose(got[:, 0], [0.5, -0.5], atol=1e-3):
        fail(f"ŷ = {yours} is the last input itself: no layer norm acted on it. The block is post-norm: "
             "z = norm1(z + a), then z = norm2(z + ffn(z)).",
             f"ŷ = {yours}는 마지막 입력 그대로입니다: layer norm이 적용되지 않았습니다. 블록은 post-norm입니다: "
             "z = norm1(z + a), 그다음 z = norm2(z + ffn(z)).")
    if np.allclose(got[:, 0], [0, 0], atol=1e-3):
        fail(f"ŷ = {yours}: a residual connection is missing. With the attention's and the FFN's outputs switched off, "
             "z = norm1(z + a) keeps z; without the residual it normalises zeros.",
             f"ŷ = {yours}: residual connection이 빠졌습니다. attention과 FFN의 출력을 꺼도 z = norm1(z + a)는 z를 유지하지만, "
             "residual이 없으면 0을 정규화합니다.")
    expect(np.allclose(got[:, 0], [1, -1], atol=1e-3),
           f"Here input_proj(x) = [x, −x], the attention's and the FFN's outputs are set to 0 and the head reads the "
           f"first feature, so norm1(z + 0) = LayerNorm([x, −x]) = [sign x, −sign x], norm2 keeps it, and ŷ is the sign "
           f"of the last input: [1, −1]. Yours is {yours}.",
           f"여기서 input_proj(x) = [x, −x], attention과 FFN의 출력은 0, head는 첫 feature를 읽으므로 "
           f"norm1(z + 0) = LayerNorm([x, −x]) = [sign x, −sign x], norm2도 그대로, ŷ는 마지막 입력의 부호 [1, −1]입니다. "
           f"지금은 {yours}입니다.")


# --------------------------------------------------------------------------- RNNForecaster
@selfcheck("RNNForecaster")
def rnn_structure(RNNForecaster):
    for cell, hidden in (("rnn", 5), ("lstm", 4), ("gru", 3)):
        label = f'RNNForecaster(hidden={hidden}, cell="{cell}")'
        model = _seeded(5, _make, RNNForecaster, hidden=hidden, cell=cell)
        layer = _module(model, "rnn", LAYERS[cell], label)
        expect((layer.input_size, layer.hidden_size, layer.num_layers) == (1, hidden, 1),
               f"{label}.rnn should be nn.{LAYERS[cell].__name__}(1, {hidden}, batch_first=True).",
               f"{label}.rnn은 nn.{LAYERS[cell].__name__}(1, {hidden}, batch_first=True)이어야 합니다.")
        expect(layer.batch_first,
               f"{label}.rnn was created without batch_first=True: it would read (T, N, 1) and run over the batch as if "
               "it were time.",
               f"{label}.rnn이 batch_first=True 없이 만들어져 (T, N, 1)로 읽고 배치를 시간처럼 처리하게 됩니다.")
        _linear(model, "head", hidden, 1, label)
        x = torch.linspace(-1, 1, 18).reshape(3, 6, 1)
        _shape(_forward(model, x, "forward"), (3, 1), f"{label}(x) for x (3, 6, 1)")


@selfcheck("RNNForecaster")
def rnn_worked_example(RNNForecaster):
    model = _seeded(6, _make, RNNForecaster, hidden=1, cell="rnn")
    with torch.no_grad():
        for name, p in model.rnn.named_parameters():
            p.fill_(1.0 if name == "weight_ih_l0" else 0.0)      # h_t = tanh(x_t + 0 · h_{t−1})
        model.head.weight.fill_(1.0)
        model.head.bias.zero_()
    x = torch.tensor([[[0.2], [0.4], [-0.6]], [[-1.0], [0.0], [1.0]]])
    got = _shape(_forward(model, x, "forward"), (2, 1), 'ŷ of RNNForecaster(hidden=1, cell="rnn")')
    yours = np.round(got[:, 0], 4).tolist()
    if np.allclose(got[:, 0], np.tanh([0.2, -1.0]), atol=1e-5):
        fail(f"ŷ = {yours} comes from the first step: use the hidden state after the last step, h_T.",
             f"ŷ = {yours}는 첫 스텝에서 나왔습니다: 마지막 스텝 후의 hidden state h_T를 쓰세요.")
    expect(np.allclose(got[:, 0], np.tanh([-0.6, 1.0]), atol=1e-5),
           f"With W_ih = 1, W_hh = 0, no biases and a head that copies its input, h_t = tanh(x_t) and ŷ = h_T = "
           f"tanh(last input) = [tanh(−0.6), tanh(1)] ≈ [−0.5370, 0.7616]. Yours is {yours}.",
           f"W_ih = 1, W_hh = 0, 편향 없음, 입력을 그대로 내보내는 head이면 h_t = tanh(x_t)이고 ŷ = h_T = tanh(마지막 입력) = "
           f"[tanh(−0.6), tanh(1)] ≈ [−0.5370, 0.7616]입니다. 지금은 {yours}입니다.")


@selfcheck("RNNForecaster")
def lstm_worked_example_h_not_c(RNNForecaster):
    model = _seeded(7, _make, RNNForecaster, hidden=1, cell="lstm")
    with torch.no_grad():                    # gates i, f, g, o: i ≈ 1, f ≈ 0, g = tanh(x), o ≈ 1
        for p in model.rnn.parameters():
            p.zero_()
        model.rnn.weight_ih_l0[2, 0] = 1.0
        model.rnn.bias_ih_l0.copy_(torch.tensor([30.0, -30.0, 0.0, 30.0]))
        model.head.weight.fill_(1.0)
        model.head.bias.zero_()
    x = torch.tensor([[[0.3], [1.5]], [[0.9], [-0.8]]])
    got = _shape(_forward(model, x, "forward"), (2, 1), 'ŷ of RNNForecaster(hidden=1, cell="lstm")')
    c_T = np.tanh([1.5, -0.8])
    yours = np.round(got[:, 0], 4).tolist()
    if np.allclose(got[:, 0], c_T, atol=1e-4):
        fail(f"ŷ = {yours} is the cell state c_T, not h_T. nn.LSTM returns (output, (h_n, c_n)): h_T is h_n.",
             f"ŷ = {yours}는 h_T가 아니라 cell state c_T입니다. nn.LSTM은 (output, (h_n, c_n))을 반환하며 h_T는 h_n입니다.")
    expect(np.allclose(got[:, 0], np.tanh(c_T), atol=1e-4),
           f"With the input gate open, the forget gate shut and the output gate open, c_T = tanh(x_T) and "
           f"h_T = tanh(c_T) = tanh(tanh(x_T)) ≈ {np.round(np.tanh(c_T), 4).tolist()}. Yours is {yours}.",
           f"input gate가 열리고 forget gate가 닫히고 output gate가 열려 있으면 c_T = tanh(x_T), "
           f"h_T = tanh(c_T) = tanh(tanh(x_T)) ≈ {np.round(np.tanh(c_T), 4).tolist()}입니다. 지금은 {yours}입니다.")


@selfcheck("RNNForecaster")
def rnn_each_example_on_its_own(RNNForecaster):
    for cell in ("rnn", "gru"):
        model = _seeded(8, _make, RNNForecaster, hidden=4, cell=cell)
        x = torch.cos(torch.arange(15, dtype=torch.float32)).reshape(3, 5, 1)
        together = _tensor(_forward(model, x, "forward"), "ŷ")
        alone = np.concatenate([_tensor(_forward(model, x[i:i + 1], "forward"), "ŷ") for i in range(3)])
        expect(together.shape == alone.shape and np.allclose(together, alone, atol=1e-5),
               f'RNNForecaster(cell="{cell}"): the prediction for an example changes with the other examples of its batch. '
               "Is the recurrent layer created with batch_first=True, and is h_T taken per example?",
               f'RNNForecaster(cell="{cell}"): 한 샘플의 예측이 같은 배치의 다른 샘플에 따라 바뀝니다. 순환층을 '
               "batch_first=True로 만들었고 h_T를 샘플마다 꺼냈나요?")


# --------------------------------------------------------------------------- count_parameters
@selfcheck("count_parameters")
def count_worked_examples(count_parameters):
    cases = [(nn.Linear(3, 2), 8, "nn.Linear(3, 2): 3·2 weights + 2 biases = 8",
              "nn.Linear(3, 2): 가중치 3·2개 + 편향 2개 = 8"),
             (nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1)), 11,
              "Sequential(Linear(3, 2), Tanh(), Linear(2, 1)): 8 + 3 = 11", "Sequential(Linear(3, 2), Tanh(), Linear(2, 1)): 8 + 3 = 11")]
    fixed = nn.Linear(3, 2)
    fixed.weight.requires_grad = fixed.bias.requires_grad = False
    cases.append((nn.Sequential(fixed, nn.Linear(2, 1)), 3,
                  "a frozen Linear(3, 2) (requires_grad=False) and a Linear(2, 1): only the 3 trainable ones count",
                  "고정된 Linear(3, 2) (requires_grad=False)와 Linear(2, 1): 학습 가능한 3개만 셉니다"))
    cases.append((nn.BatchNorm1d(4), 8,
                  "nn.BatchNorm1d(4): γ and β, 8 parameters; its running statistics are buffers, not parameters",
                  "nn.BatchNorm1d(4): γ와 β, 파라미터 8개. running 통계는 파라미터가 아니라 buffer입니다"))
    shared = nn.Linear(2, 2)
    cases.append((nn.Sequential(shared, nn.Tanh(), shared), 6,
                  "one Linear(2, 2) used twice: its 6 parameters count once",
                  "두 번 쓰인 Linear(2, 2) 하나: 파라미터 6개를 한 번만 셉니다"))
    for model, want, en, ko in cases:
        got = _call(count_parameters, model)
        expect(got is not None, "count_parameters returned None. Did you forget `return`?",
               "count_parameters가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
        value = float(got.item() if isinstance(got, torch.Tensor) else got)
        expect(value == want, f"count_parameters gave {value:g} for {en}.", f"count_parameters가 {value:g}을(를) 주었습니다: {ko}.")


# --------------------------------------------------------------------------- train_model
def _constant_problem(n=12, T=3):
    """X = 0 and y = −100: the model's output is its bias b (the weights see only zeros and never move),
    the MSE is (b + 100)², and its gradient 2(b + 100) stays ≈ 200 while b moves by hundredths."""
    model = nn.Sequential(nn.Flatten(), nn.Linear(T, 1))
    with torch.no_grad():
        model[1].weight.fill_(0.5)
        model[1].bias.zero_()
    return model, torch.zeros(n, T, 1), torch.full((n, 1), -100.0)


def _losses(value, epochs, what):
    expect(isinstance(value, (list, tuple)),
           f"{what} should return a list of {epochs} floats (one mean loss per epoch); it returned {type(value).__name__}.",
           f"{what}는 float {epochs}개의 리스트(epoch마다 평균 손실 하나)를 반환해야 하는데 {type(value).__name__}을(를) 반환했습니다.")
    arr = _tensor([float(v) for v in value], what)
    expect(arr.shape == (epochs,), f"{what} returned {arr.size} losses; it should return one per epoch ({epochs}).",
           f"{what}가 손실 {arr.size}개를 반환했습니다. epoch마다 하나({epochs}개)여야 합니다.")
    expect(np.all(np.isfinite(arr)), f"{what} returned NaN or infinite losses.", f"{what}가 NaN 또는 무한대 손실을 반환했습니다.")
    return arr


@selfcheck("train_model")
def train_worked_example_adam_steps(train_model):
    model, X, y = _constant_problem()
    what = say("train_model(model, X, y, epochs=5, lr=0.01, batch_size=64) with X = 0, y = −100 (one batch per epoch)",
               "X = 0, y = −100에서 train_model(model, X, y, epochs=5, lr=0.01, batch_size=64) (epoch마다 batch 하나)")
    losses = _losses(_call(train_model, model, X, y, epochs=5, lr=0.01, batch_size=64, seed=0), 5, what)
    b = float(model[1].bias.detach())
    if abs(b) > 0.5:
        fail(f"After 5 epochs the bias moved to {b:.3f}, by far more than 5 · lr = 0.05. Adam's steps have the size lr "
             "whatever the gradient's size; this looks like plain SGD: torch.optim.Adam(model.parameters(), lr=lr).",
             f"5 epoch 후 편향이 {b:.3f}로 5 · lr = 0.05보다 훨씬 많이 움직였습니다. Adam의 스텝 크기는 gradient의 크기와 상관없이 "
             "lr입니다. 평범한 SGD로 보입니다: torch.optim.Adam(model.parameters(), lr=lr).")
    if -0.0499 < b < -0.04:
        fail(f"After 5 epochs the bias is {b:.5f}, not −0.05: the steps shrink because the gradients pile up. With a "
             "constant gradient every Adam step is exactly lr; call optimizer.zero_grad() before each loss.backward().",
             f"5 epoch 후 편향이 −0.05가 아니라 {b:.5f}입니다: gradient가 쌓여서 스텝이 줄어듭니다. gradient가 일정하면 Adam의 "
             "모든 스텝은 정확히 lr입니다: 매 loss.backward() 전에 optimizer.zero_grad()를 호출하세요.")
    expect(abs(b + 0.05) < 2e-4,
           f"Here the output is the bias b, the loss (b + 100)² and its gradient ≈ 200: every Adam step moves b by lr = 0.01 "
           f"toward −100, so after 5 epochs (one batch each) b = −0.05. Yours is {b:.5f}.",
           f"여기서 출력은 편향 b, 손실은 (b + 100)², gradient는 약 200입니다: Adam의 스텝마다 b가 −100 쪽으로 lr = 0.01씩 "
           f"움직이므로 5 epoch(각각 batch 하나) 후 b = −0.05입니다. 지금은 {b:.5f}입니다.")
    want = [(100 - 0.01 * k) ** 2 for k in range(5)]
    if abs(losses[0] - 12 * want[0]) < 1:
        fail(f"The first epoch's loss is {losses[0]:.0f}, the sum of the squared errors over the 12 samples; the MSE is their "
             "mean, (0 + 100)² = 10000: nn.MSELoss().",
             f"첫 epoch 손실이 {losses[0]:.0f}로 샘플 12개의 제곱 오차의 합입니다. MSE는 그 평균 (0 + 100)² = 10000입니다: "
             "nn.MSELoss().")
    expect(np.allclose(losses, want, rtol=1e-4),
           f"The epochs' losses should be the MSE before each step, (b + 100)² = {np.round(want, 1).tolist()}; yours are "
           f"{np.round(losses, 1).tolist()}.",
           f"epoch 손실은 각 스텝 전의 MSE (b + 100)² = {np.round(want, 1).tolist()}이어야 합니다. 지금은 "
           f"{np.round(losses, 1).tolist()}입니다.")
    model, X, y = _constant_problem()
    what = say("train_model(model, X, y, epochs=1, lr=0.01, batch_size=4) with X = 0, y = −100 (three batches of 4)",
               "X = 0, y = −100에서 train_model(model, X, y, epochs=1, lr=0.01, batch_size=4) (크기 4인 batch 세 개)")
    losses = _losses(_call(train_model, model, X, y, epochs=1, lr=0.01, batch_size=4, seed=0), 1, what)
    expect(abs(losses[0] - 10000) < 10,
           f"{what}: each batch's MSE is about (0 + 100)² = 10000, so the epoch's mean loss is about 10000; yours is "
           f"{losses[0]:.0f}. Report the mean of the batch losses, not their sum.",
           f"{what}: batch마다 MSE는 약 (0 + 100)² = 10000이므로 epoch의 평균 손실도 약 10000입니다. 지금은 {losses[0]:.0f}입니다. "
           "batch 손실의 합이 아니라 평균을 보고하세요.")


def _sine_batches():
    t = torch.arange(7, dtype=torch.float32)
    phase = torch.linspace(0, 6, 40)[:, None]
    wave = torch.sin(0.5 * t + phase)
    return wave[:, :6, None], wave[:, 6:]


def _small_model(seed):
    return _seeded(seed, lambda: nn.Sequential(nn.Flatten(), nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 1)))


@selfcheck("train_model")
def train_repeats_for_a_seed_and_learns(train_model):
    X, y = _sine_batches()
    what = "train_model(model, X, y, epochs=20, lr=0.02, batch_size=10, seed=3)"
    first_model = _small_model(9)
    first = _losses(_call(train_model, first_model, X, y, epochs=20, lr=0.02, batch_size=10, seed=3), 20, what)
    again = _losses(_call(train_model, _small_model(9), X, y, epochs=20, lr=0.02, batch_size=10, seed=3), 20, what)
    if not np.array_equal(first, again):
        epoch = int(np.argmax(first != again)) + 1
        fail(f"{what} twice from the same initial weights gave different losses (from epoch {epoch} on). Draw the batch "
             "order from g = torch.Generator().manual_seed(seed) (torch.randperm(n, generator=g)), not from the global "
             "random state.",
             f"같은 초기 가중치에서 {what}를 두 번 실행하자 손실이 달랐습니다 (epoch {epoch}부터). batch 순서를 전역 난수 상태가 "
             "아니라 g = torch.Generator().manual_seed(seed)에서 뽑으세요 (torch.randperm(n, generator=g)).")
    other = _losses(_call(train_model, _small_model(9), X, y, epochs=20, lr=0.02, batch_size=10, seed=4), 20, what)
    expect(not np.array_equal(first, other),
           "seed=3 and seed=4 gave exactly the same losses: the order of the mini-batches must be shuffled every epoch, "
           "with a generator made from the seed you are given.",
           "seed=3과 seed=4가 정확히 같은 손실을 주었습니다: mini-batch 순서는 주어진 seed로 만든 generator로 매 epoch 섞어야 "
           "합니다.")
    expect(first[-1] < 0.5 * first[0],
           f"The loss did not fall much: epoch 1 {first[0]:.4f}, epoch 20 {first[-1]:.4f}. Is each batch's step "
           "zero_grad → loss → backward → step?",
           f"손실이 별로 줄지 않았습니다: epoch 1 {first[0]:.4f}, epoch 20 {first[-1]:.4f}. batch마다 "
           "zero_grad → loss → backward → step을 하나요?")


@selfcheck("train_model")
def train_leaves_eval_mode(train_model):
    X, y = _sine_batches()
    model = _seeded(10, lambda: nn.Sequential(nn.Flatten(), nn.Linear(6, 8), nn.Dropout(0.1), nn.Linear(8, 1)))
    model.eval()
    before = model[1].weight.detach().clone()
    _call(train_model, model, X, y, epochs=2, lr=0.01, batch_size=16, seed=0)
    expect(not torch.equal(before, model[1].weight.detach()), "train_model did not change the model's weights.",
           "train_model이 모델의 가중치를 바꾸지 않았습니다.")
    still = [name or "model" for name, m in model.named_modules() if m.training]
    expect(not still,
           f"After train_model the model is in training mode ({', '.join(still)}): call model.eval() before returning.",
           f"train_model 후 모델이 학습 모드입니다 ({', '.join(still)}): 반환 전에 model.eval()을 호출하세요.")


# --------------------------------------------------------------------------- evaluate
class _Spy(nn.Module):
    """Passes its input on and records, at every call, whether gradients were on and the mode."""

    def __init__(self):
        nn.Module.__init__(self)
        self.calls = []

    def forward(self, x):
        self.calls.append((torch.is_grad_enabled(), self.training))
        return x


def _evaluation_model():
    """ŷ = 0.1 · Σ of the 20 inputs after Dropout(0.5): with X = 1, exactly 2 in eval mode."""
    spy = _Spy()
    model = nn.Sequential(nn.Flatten(), nn.Dropout(0.5), spy, nn.Linear(20, 1))
    with torch.no_grad():
        model[3].weight.fill_(0.1)
        model[3].bias.zero_()
    return model, spy


@selfcheck("evaluate")
def evaluate_worked_example(evaluate):
    model, spy = _evaluation_model()
    model.train()                           # as a model is right after training
    X, y = torch.ones(8, 20, 1), torch.zeros(8, 1)
    got = _seeded(11, _call, evaluate, model, X, y)
    expect(got is not None, "evaluate returned None. Did you forget `return`?", "evaluate가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    value = float(got.item() if isinstance(got, torch.Tensor) else got)
    expect(spy.calls, "evaluate did not run the model on X.", "evaluate가 X에 대해 모델을 실행하지 않았습니다.")
    if any(training for _, training in spy.calls):
        fail("evaluate ran the model in training mode (its Dropout was active): call model.eval() first.",
             "evaluate가 모델을 학습 모드로 실행했습니다 (Dropout이 켜져 있었음): 먼저 model.eval()을 호출하세요.")
    if any(grad for grad, _ in spy.calls):
        fail("evaluate ran the model with gradients on: wrap the forward pass in `with torch.no_grad():`.",
             "evaluate가 gradient를 켠 채 모델을 실행했습니다: forward를 `with torch.no_grad():` 안에서 실행하세요.")
    if value in (2.0, 16.0 * 2):
        fail(f"evaluate returned {value:g}: here every prediction is 2 and every target 0, so the MSE is the mean of "
             "(2 − 0)² = 4, not its square root, the mean absolute error or a sum.",
             f"evaluate가 {value:g}을(를) 반환했습니다: 여기서 모든 예측은 2, 모든 목표는 0이므로 MSE는 (2 − 0)² = 4의 평균입니다. "
             "제곱근, 평균 절대 오차, 합이 아닙니다.")
    expect(abs(value - 4.0) < 1e-5,
           f"With dropout off (eval mode) each prediction is 0.1 · 20 = 2 and each target 0, so the MSE is 4; yours is {value:g}.",
           f"dropout이 꺼지면 (eval 모드) 각 예측은 0.1 · 20 = 2, 각 목표는 0이므로 MSE는 4입니다. 지금은 {value:g}입니다.")
    expect(not model.training and not any(m.training for m in model.modules()),
           "After evaluate the model is in training mode again: leave it in eval mode.",
           "evaluate 후 모델이 다시 학습 모드입니다: eval 모드로 두세요.")


# --------------------------------------------------------------------------- last_position_attention
class _ScriptedAttention(nn.Module):
    """A stand-in for a trained forecaster whose attention weights are written out: N = 2, 2 heads, T = 3.
    The last rows (the query of position 2) are [1, 0, 0] and [0, 1, 0] in example 0, [0, 0, 1] twice in
    example 1: averaged over the batch and the heads, [1/4, 1/4, 1/2]. The first rows are uniform and the
    last column differs from the last row."""

    def forward(self, x, return_attention=False):
        w = torch.full((2, 2, 3, 3), 1 / 3)
        w[0, 0, 1] = torch.tensor([0.5, 0.5, 0.0])
        w[0, 0, 2] = torch.tensor([1.0, 0.0, 0.0])
        w[0, 1, 2] = torch.tensor([0.0, 1.0, 0.0])
        w[1, :, 2] = torch.tensor([0.0, 0.0, 1.0])
        if return_attention:
            return x[:, -1] * 1.0, w
        return x[:, -1] * 1.0


@selfcheck("last_position_attention")
def last_position_worked_example(last_position_attention):
    got = _call(last_position_attention, _ScriptedAttention(), torch.zeros(2, 3, 1))
    arr = _tensor(got, "last_position_attention(model, X)")
    if arr.shape in ((2, 3), (2, 2, 3)):
        fail(f"last_position_attention returned shape {arr.shape}: average the last rows over the batch and the heads, "
             "w[:, :, -1, :].mean(dim=(0, 1)), shape (T,).",
             f"last_position_attention이 shape {arr.shape}을(를) 반환했습니다: 마지막 행들을 배치와 head에 대해 평균하세요, "
             "w[:, :, -1, :].mean(dim=(0, 1)), shape (T,).")
    _shape(arr, (3,), "last_position_attention(model, X)")
    yours = np.round(arr, 3).tolist()
    if np.allclose(arr, [1 / 3, 1 / 3, 1 / 3], atol=1e-6):
        fail(f"Yours is {yours}, the first query's row: take the last one, w[:, :, -1, :].",
             f"결과 {yours}는 첫 query의 행입니다: 마지막 행 w[:, :, -1, :]을 쓰세요.")
    if np.allclose(arr, [1, 1, 2], atol=1e-6):
        fail(f"Yours is {yours}, a sum: average over the batch and the heads, so that the result sums to 1.",
             f"결과 {yours}는 합입니다: 배치와 head에 대해 평균해서 결과의 합이 1이 되게 하세요.")
    expect(np.allclose(arr, [0.25, 0.25, 0.5], atol=1e-6),
           f"In this scripted model the last position's rows are [1, 0, 0] and [0, 1, 0] (example 0, heads 1 and 2) and "
           f"[0, 0, 1] twice (example 1): their mean is [1/4, 1/4, 1/2]. Yours is {yours}.",
           f"이 스크립트 모델에서 마지막 위치의 행은 [1, 0, 0]과 [0, 1, 0] (샘플 0, head 1과 2), 그리고 [0, 0, 1] 두 번 (샘플 1)입니다: "
           f"평균은 [1/4, 1/4, 1/2]입니다. 지금은 {yours}입니다.")
