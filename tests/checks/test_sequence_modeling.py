"""Hidden checks of the sequence-modelling lab in PyTorch (SPEC "Sequence modelling in PyTorch").

The student's classes are built in their process (``impl.TransformerForecaster(...)`` is a
Remote), loaded with random, non-degenerate weights by name (strict ``load_state_dict``: the
names are the contract), and their outputs compared here with ``ref``'s (float32, ~1e-5) given
the same weights. Every function is judged on its own:

* ``TransformerForecaster`` runs with its ``pos`` replaced by seqlab's ``AddTable`` holding a
  random table (not the sinusoids), so a wrong ``PositionalEncoding`` costs only itself and the
  student process never sees the real table;
* ``train_model``, ``evaluate`` and ``count_parameters`` get models built from torch.nn itself
  (``impl.nn.Sequential(...)``), trained weights are read back and judged here;
* ``last_position_attention`` is compared with the student's own model's attention weights.

Training is judged by properties (the loss falls, it beats "repeat the last value", the same
seed repeats, another seed differs, eval mode afterwards) and, with one batch per epoch (no
order, no weighting), by the Adam steps themselves. Every check runs in a CPU budget of the
student's process (``check(..., cpu=…)``: 3 s for a training check, 2 s for the others).
"""
import importlib
import math

import numpy as np
import pytest

from seqlab.grading.checklib import (CheckFailed, Diagnosis, as_array, check, expect_close, expect_shape, fail,
                                     matches, unpack)
from seqlab.grading.remote import StateDictMismatch
from seqlab.grading.student import StudentCodeError
from seqlab.i18n import Text
from solutions import positional as ref_positional


class _Later:
    """A module imported at its first use: collecting the checks (every grading process does, for
    any assignment) must not cost torch's import (~2.5 s of CPU, ~300 MB)."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("_"):            # pytest's probes while collecting (fixture markers …)
            raise AttributeError(attr)
        module = vars(self).get("_module")
        if module is None:
            module = self._module = importlib.import_module(self._name)
            if self._name == "torch":
                module.set_num_threads(1)   # the grader's own torch: deterministic, one core per process
        return getattr(module, attr)


torch, F = _Later("torch"), _Later("torch.nn.functional")
ref = _Later("solutions.sequence_modeling")

N, T, D, H, FF = 5, 7, 12, 3, 20          # batch, positions, d_model, heads (d_head 4), d_ff: all different
HIDDEN = 6
RTOL, ATOL = 1e-4, 2e-5                   # float32 forward passes


# --------------------------------------------------------------------------- diagnoses
PE_NOT_BUFFER = Diagnosis(
    "pe_not_buffer",
    "`pe` is not registered: store the table with self.register_buffer(\"pe\", pe), so it moves with the "
    "model (.to(device)) and is saved in its state_dict, without being trained.",
    "`pe`가 등록되지 않았습니다: self.register_buffer(\"pe\", pe)로 저장해야 모델과 함께 이동(.to(device))하고 "
    "state_dict에 저장되며 학습되지 않습니다.")
PE_NOT_PERSISTENT = Diagnosis(
    "pe_not_persistent",
    "`pe` is a non-persistent buffer (persistent=False), so it is missing from the state_dict. Register it "
    "with the default persistent=True.",
    "`pe`가 persistent=False 버퍼라서 state_dict에 없습니다. 기본값 persistent=True로 등록하세요.")
PE_IS_PARAMETER = Diagnosis(
    "pe_is_parameter",
    "`pe` is an nn.Parameter, so the optimizer would train it and count_parameters counts it. The sinusoidal "
    "table is fixed: register it as a buffer.",
    "`pe`가 nn.Parameter라서 optimizer가 학습하고 count_parameters에도 포함됩니다. 사인파 표는 고정값이므로 "
    "buffer로 등록하세요.")
PE_SIN_COS_SWAPPED = Diagnosis(
    "pe_sin_cos_swapped",
    "sin and cos are swapped: even columns are PE(pos, 2k) = sin(pos / 10000^(2k/d_model)), odd columns the cos.",
    "sin과 cos가 바뀌었습니다: 짝수 열이 PE(pos, 2k) = sin(pos / 10000^(2k/d_model)), 홀수 열이 cos입니다.")
PE_CONCATENATED = Diagnosis(
    "pe_concatenated",
    "The table is [sin | cos] side by side; the lecture interleaves them: column 2k is a sin, column 2k + 1 "
    "the cos of the same angle.",
    "표가 [sin | cos]로 나란히 붙어 있습니다. 강의에서는 교차 배치합니다: 2k열은 sin, 2k + 1열은 같은 각도의 cos입니다.")
PE_EXPONENT = Diagnosis(
    "pe_wrong_exponent",
    "The frequencies are off: the pair (2k, 2k + 1) turns with ω_k = 10000^(−2k / d_model), so the exponent "
    "uses the even column index 2k (np.arange(0, d_model, 2)), not k or the column index i.",
    "주파수가 틀렸습니다: (2k, 2k + 1) 쌍은 ω_k = 10000^(−2k / d_model)로 회전하므로 지수에는 짝수 열 번호 2k"
    "(np.arange(0, d_model, 2))를 씁니다. k나 열 번호 i가 아닙니다.")
PE_FORWARD_SCALED = Diagnosis(
    "pe_forward_scaled",
    "PositionalEncoding.forward is x + PE[:T]: no √d_model scaling of x (the SPEC's forecaster does not scale).",
    "PositionalEncoding.forward는 x + PE[:T]입니다: x에 √d_model을 곱하지 않습니다 (이 과제의 모델은 스케일하지 않습니다).")
MHA_NOT_BATCH_FIRST = Diagnosis(
    "mha_not_batch_first",
    "nn.MultiheadAttention expects (T, N, d_model) unless batch_first=True, so yours attends across the "
    "batch instead of across positions. Create it with batch_first=True.",
    "nn.MultiheadAttention은 batch_first=True가 아니면 (T, N, d_model)을 기대하므로, 지금은 위치가 아니라 배치 "
    "사이에서 attention을 합니다. batch_first=True로 만드세요.")
MEAN_POOLING = Diagnosis(
    "mean_pooling",
    "The prediction uses the mean over positions; the lab pools the last position: head(z[:, -1]).",
    "예측에 위치 평균을 썼습니다. 이 실습은 마지막 위치를 씁니다: head(z[:, -1]).")
FIRST_POSITION = Diagnosis(
    "first_position_pooled",
    "The prediction uses the first position z[:, 0]; the next value follows the last one: head(z[:, -1]).",
    "예측에 첫 위치 z[:, 0]를 썼습니다. 다음 값은 마지막 위치에서 나옵니다: head(z[:, -1]).")
RELU_NOT_GELU = Diagnosis(
    "ffn_relu_not_gelu",
    "The FFN uses ReLU; the lab's FFN is Linear(d_model, d_ff) → GELU → Linear(d_ff, d_model).",
    "FFN에 ReLU를 썼습니다. 이 실습의 FFN은 Linear(d_model, d_ff) → GELU → Linear(d_ff, d_model)입니다.")
MISSING_RESIDUAL = Diagnosis(
    "missing_residual",
    "A residual connection is missing: z = norm1(z + a), then z = norm2(z + ffn(z)).",
    "residual connection이 빠졌습니다: z = norm1(z + a), 그다음 z = norm2(z + ffn(z))입니다.")
PRE_NORM = Diagnosis(
    "norm_order_swapped",
    "This is pre-norm (z + attn(norm1(z))). The lab's block is post-norm, the original: z = norm1(z + a); "
    "z = norm2(z + ffn(z)).",
    "pre-norm (z + attn(norm1(z)))을 썼습니다. 이 실습의 block은 원래의 post-norm입니다: z = norm1(z + a); "
    "z = norm2(z + ffn(z)).")
SCALED_INPUT = Diagnosis(
    "input_scaled_sqrt_d",
    "The projected input is multiplied by √d_model before the positional encoding. That scaling belongs to "
    "token embeddings in the paper; the SPEC's forecaster adds PE to input_proj(x) as it is.",
    "positional encoding 전에 입력 투영에 √d_model을 곱했습니다. 이 스케일은 논문의 토큰 임베딩용이며, "
    "이 과제의 모델은 input_proj(x)에 PE를 그대로 더합니다.")
PE_NOT_ADDED = Diagnosis(
    "pe_not_added",
    "With use_pe=True the positional encoding must be added: z = self.pos(input_proj(x)). Without it the "
    "model cannot tell the order of the inputs.",
    "use_pe=True이면 positional encoding을 더해야 합니다: z = self.pos(input_proj(x)). 없으면 모델이 입력의 "
    "순서를 알 수 없습니다.")
USE_PE_IGNORED = Diagnosis(
    "use_pe_ignored",
    "With use_pe=False the forward must skip self.pos (the model still has it); yours adds it anyway.",
    "use_pe=False이면 forward에서 self.pos를 건너뛰어야 합니다 (모듈은 그대로 있음). 지금은 항상 더합니다.")
WEIGHTS_AVERAGED = Diagnosis(
    "attention_weights_averaged",
    "The attention weights come back averaged over the heads; return each head's: "
    "attn(z, z, z, average_attn_weights=False) gives (N, n_heads, T, T).",
    "attention 가중치가 head 평균으로 반환되었습니다. head별 가중치를 반환하세요: "
    "attn(z, z, z, average_attn_weights=False)는 (N, n_heads, T, T)를 줍니다.")
LSTM_CELL_STATE = Diagnosis(
    "lstm_cell_state_not_hidden",
    "For the LSTM the prediction uses the cell state c_n. nn.LSTM returns (output, (h_n, c_n)); h_T is h_n.",
    "LSTM 예측에 cell state c_n을 썼습니다. nn.LSTM은 (output, (h_n, c_n))을 반환하며 h_T는 h_n입니다.")
RNN_FIRST_STEP = Diagnosis(
    "rnn_first_step",
    "The prediction uses the first step's output output[:, 0]; it must use the state after the last step, "
    "h_T = output[:, -1] = h_n[-1].",
    "예측에 첫 스텝 출력 output[:, 0]을 썼습니다. 마지막 스텝 후의 상태 h_T = output[:, -1] = h_n[-1]을 써야 합니다.")
RNN_MEAN = Diagnosis(
    "rnn_mean_over_steps",
    "The prediction uses the mean of the outputs over time; it must use h_T, the state after the last step.",
    "예측에 시간 평균 출력을 썼습니다. 마지막 스텝 후의 상태 h_T를 써야 합니다.")
RNN_NOT_BATCH_FIRST = Diagnosis(
    "rnn_not_batch_first",
    "The recurrent layer expects (T, N, 1) unless batch_first=True, so it runs over the batch as if it were "
    "time. Create it with batch_first=True.",
    "순환층은 batch_first=True가 아니면 (T, N, 1)을 기대하므로 배치를 시간처럼 처리합니다. batch_first=True로 만드세요.")
COUNTS_FROZEN = Diagnosis(
    "counts_frozen_parameters",
    "Frozen parameters (requires_grad=False) are counted; count only the trainable ones: "
    "sum(p.numel() for p in model.parameters() if p.requires_grad).",
    "고정된 파라미터(requires_grad=False)까지 셌습니다. 학습 가능한 것만 세세요: "
    "sum(p.numel() for p in model.parameters() if p.requires_grad).")
COUNTS_BUFFERS = Diagnosis(
    "counts_buffers",
    "Buffers (e.g. BatchNorm's running statistics) are counted: the state_dict holds buffers too; count "
    "model.parameters() only.",
    "buffer(예: BatchNorm의 running 통계)까지 셌습니다. state_dict에는 buffer도 있으니 model.parameters()만 세세요.")
COUNTS_SHARED_TWICE = Diagnosis(
    "counts_shared_twice",
    "A parameter shared by two layers is counted twice; model.parameters() yields each parameter once.",
    "두 층이 공유하는 파라미터를 두 번 셌습니다. model.parameters()는 각 파라미터를 한 번만 줍니다.")
MISSING_ZERO_GRAD = Diagnosis(
    "missing_zero_grad",
    "The gradients accumulate from step to step: call optimizer.zero_grad() before each loss.backward().",
    "gradient가 스텝마다 누적됩니다: 매 loss.backward() 전에 optimizer.zero_grad()를 호출하세요.")
NOT_ADAM = Diagnosis(
    "optimizer_not_adam",
    "The weights do not follow Adam's steps with the given lr: use torch.optim.Adam(model.parameters(), lr=lr) "
    "(default betas and eps, no weight decay).",
    "가중치가 주어진 lr의 Adam 스텝을 따르지 않습니다: torch.optim.Adam(model.parameters(), lr=lr)을 쓰세요 "
    "(betas와 eps는 기본값, weight_decay=0).")
LOSS_NOT_MSE = Diagnosis(
    "loss_not_mse",
    "The loss is not the mean squared error: use nn.MSELoss() (mean over the batch), not a sum or an L1 loss.",
    "손실이 평균 제곱 오차가 아닙니다: 합이나 L1 손실이 아니라 nn.MSELoss()(배치 평균)를 쓰세요.")
EPOCH_LOSS_SUMMED = Diagnosis(
    "epoch_loss_summed",
    "The epoch's loss is a sum over its mini-batches; report their mean (weighted by batch size or not), so "
    "it is on the scale of the MSE.",
    "epoch 손실이 mini-batch 손실의 합입니다. 평균(배치 크기 가중 여부는 자유)을 보고해야 MSE와 같은 크기가 됩니다.")
SHUFFLE_WITHOUT_GENERATOR = Diagnosis(
    "shuffle_without_generator",
    "The batch order comes from the global random state, so the same call gives different losses. Draw it from "
    "g = torch.Generator().manual_seed(seed): torch.randperm(n, generator=g), or DataLoader(..., shuffle=True, "
    "generator=g).",
    "배치 순서가 전역 난수 상태에서 나와 같은 호출이 다른 손실을 줍니다. g = torch.Generator().manual_seed(seed)에서 "
    "뽑으세요: torch.randperm(n, generator=g) 또는 DataLoader(..., shuffle=True, generator=g).")
SEED_IGNORED = Diagnosis(
    "seed_ignored",
    "A different seed gives the same losses: the order of the mini-batches must be drawn from "
    "torch.Generator().manual_seed(seed) with the seed you are given (and shuffled every epoch).",
    "seed를 바꿔도 손실이 같습니다: mini-batch 순서는 주어진 seed로 만든 torch.Generator().manual_seed(seed)에서 "
    "뽑아야 합니다 (매 epoch 섞기).")
LEAVES_TRAIN_MODE = Diagnosis(
    "train_leaves_train_mode",
    "After training the model is still in training mode; call model.eval() before returning (dropout and "
    "similar layers behave differently in the two modes).",
    "학습 후에도 모델이 학습 모드입니다. 반환 전에 model.eval()을 호출하세요 (dropout 같은 층은 두 모드에서 다르게 동작합니다).")
EVAL_TRAIN_MODE = Diagnosis(
    "evaluate_in_train_mode",
    "evaluate runs the model in training mode (dropout active): call model.eval() first.",
    "evaluate가 학습 모드(dropout 활성)로 모델을 실행합니다: 먼저 model.eval()을 호출하세요.")
EVAL_WITH_GRAD = Diagnosis(
    "evaluate_with_gradients",
    "evaluate builds the autograd graph: wrap the forward pass in `with torch.no_grad():` (or "
    "torch.inference_mode()).",
    "evaluate가 autograd 그래프를 만듭니다: forward를 `with torch.no_grad():` (또는 torch.inference_mode()) 안에서 "
    "실행하세요.")
EVAL_NOT_MSE = Diagnosis(
    "evaluate_not_mse",
    "evaluate returns the mean squared error (nn.MSELoss, mean over all entries), not its square root, a sum "
    "or the mean absolute error.",
    "evaluate는 평균 제곱 오차(nn.MSELoss, 전체 평균)를 반환합니다. 제곱근, 합, 평균 절대 오차가 아닙니다.")
ATTN_WRONG_ROW = Diagnosis(
    "attention_wrong_row",
    "These are not the weights of the last position: take w[:, :, -1, :] (the row of the last query, over "
    "every key), not the first row or the last column.",
    "마지막 위치의 가중치가 아닙니다: w[:, :, -1, :] (마지막 query의 행, 모든 key에 대해)를 쓰세요. 첫 행이나 "
    "마지막 열이 아닙니다.")
ATTN_NOT_AVERAGED = Diagnosis(
    "attention_not_averaged",
    "Average the last row over the batch and the heads: w[:, :, -1, :].mean(dim=(0, 1)) has shape (T,) and sums to 1.",
    "마지막 행을 배치와 head에 대해 평균하세요: w[:, :, -1, :].mean(dim=(0, 1))의 shape은 (T,)이고 합은 1입니다.")


# --------------------------------------------------------------------------- helpers
def f32(a):
    return np.ascontiguousarray(a, dtype=np.float32)


def inputs(rng, n=N, t=T):
    return f32(rng.normal(0, 1, (n, t, 1)))


def random_state(rng, model):
    """Random, non-degenerate values for every entry of ``model``'s state_dict (float32):
    LayerNorm γ ≠ 1, β ≠ 0, every bias nonzero, and for ``pe`` a random table (not the sinusoids)."""
    state = {}
    for name, value in model.state_dict().items():
        shape = tuple(value.shape)
        if name.endswith(".weight") and value.dim() == 1:           # LayerNorm γ
            state[name] = 1 + rng.normal(0, 0.3, shape)
        elif value.dim() >= 2 and name != "pos.pe":
            state[name] = rng.normal(0, 1 / math.sqrt(shape[-1]), shape)
        else:
            state[name] = rng.normal(0, 0.3, shape)
    return {k: f32(v) for k, v in state.items()}


def reference_with(model, state):
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    return model


def run(model, x, **kwargs):
    with torch.no_grad():
        out = model(torch.from_numpy(x), **kwargs)
    return tuple(o.numpy() for o in out) if isinstance(out, tuple) else out.numpy()


def load(model, state, what):
    """Load ``state`` strictly into the student's module, or fail saying which names differ."""
    try:
        model.load_state_dict(state)
    except StateDictMismatch as err:
        fail(f"{what}: the weights could not be loaded by name. {err.message}. The submodule names are part of "
             f"the task (the SPEC table); the checks load weights by name.",
             f"{what}: 가중치를 이름으로 불러올 수 없습니다. {err.message}. 하위 모듈 이름은 과제의 일부입니다 "
             f"(SPEC 표). 검사는 이름으로 가중치를 불러옵니다.")


def expect_names_and_shapes(model, reference, what, skip=()):
    """The student's state_dict has the reference's names and shapes (except under ``skip``)."""
    got = {k: v.shape for k, v in model.state_dict().items() if not k.startswith(skip)}
    want = {k: tuple(v.shape) for k, v in reference.state_dict().items() if not k.startswith(skip)}
    missing = [k for k in want if k not in got]
    unexpected = [k for k in got if k not in want]
    shapes = [f"{k} is {got[k]}, should be {want[k]}" for k in want if k in got and got[k] != want[k]]
    if missing or unexpected or shapes:
        parts = ([f"missing: {', '.join(missing[:5])}"] if missing else []) + \
                ([f"unexpected: {', '.join(unexpected[:5])}"] if unexpected else []) + \
                ([f"shapes: {'; '.join(shapes[:3])}"] if shapes else [])
        detail = " | ".join(parts)
        fail(f"{what}: the state_dict differs from the SPEC's ({detail}).",
             f"{what}: state_dict가 SPEC과 다릅니다 ({detail}).")


# --------------------------------------------------------------------------- PositionalEncoding
def pe_variants(max_len, d):
    pos = np.arange(max_len)[:, None]
    two_k = np.arange(0, d, 2)
    angle = pos / 10000.0 ** (two_k / d)
    swapped = np.zeros((max_len, d))
    swapped[:, 0::2], swapped[:, 1::2] = np.cos(angle), np.sin(angle[:, : d // 2])
    concatenated = np.concatenate([np.sin(angle), np.cos(angle[:, : d // 2])], axis=1)
    variants = [(PE_SIN_COS_SWAPPED, swapped), (PE_CONCATENATED, concatenated)]
    k_over_d = pos / 10000.0 ** (np.arange(len(two_k)) / d)                 # k / d instead of 2k / d
    per_column = pos / 10000.0 ** (np.arange(d) / d)                        # the column index i / d
    wrong = np.zeros((max_len, d))
    wrong[:, 0::2], wrong[:, 1::2] = np.sin(k_over_d), np.cos(k_over_d[:, : d // 2])
    variants += [(PE_EXPONENT, wrong),
                 (PE_EXPONENT, np.where(np.arange(d) % 2 == 0, np.sin(per_column), np.cos(per_column)))]
    return variants


def pe_table(impl, d, max_len, what):
    """The student's ``pe`` read from its state_dict, registration mistakes named (``max_len``
    None: the class's default, 512)."""
    module = impl.PositionalEncoding(d) if max_len is None else impl.PositionalEncoding(d, max_len=max_len)
    max_len = max_len or 512
    state = module.state_dict()
    if "pe" not in state:
        info = module.describe()
        if "pe" in info.buffers:
            raise PE_NOT_PERSISTENT.failed()
        raise PE_NOT_BUFFER.failed()
    if "pe" in module.describe().parameters:
        raise PE_IS_PARAMETER.failed()
    return module, expect_shape(state["pe"], (max_len, d), f"{what}.pe"), state["pe"]


def check_pe_values(table, max_len, d, what):
    def diagnose(arr):
        for diag, var in pe_variants(max_len, d):
            if matches(arr, var, rtol=0, atol=1e-4):
                raise diag.failed()
    expect_close(table, ref_positional.positional_encoding(max_len, d), what, rtol=0, atol=1e-4, diagnose=diagnose)


@check("PositionalEncoding", "the table: a persistent float32 buffer `pe` (max_len, d_model) with the lecture's values",
       "표: 강의 값을 가진 persistent float32 buffer `pe` (max_len, d_model)", weight=2, cpu=2)
def test_pe_table(impl, rng):
    d, max_len = int(rng.choice([10, 12, 16])), int(rng.integers(60, 130))
    what = f"PositionalEncoding({d}, max_len={max_len})"
    _, table, raw = pe_table(impl, d, max_len, what)
    check_pe_values(table, max_len, d, f"{what}.pe")
    if raw.dtype != np.float32:
        fail(f"{what}.pe is {raw.dtype}; make it float32 like the model's weights (e.g. .float()).",
             f"{what}.pe가 {raw.dtype}입니다. 모델 가중치처럼 float32로 만드세요 (예: .float()).")


@check("PositionalEncoding", "odd d_model and the default max_len = 512",
       "홀수 d_model과 기본값 max_len = 512", cpu=2)
def test_pe_odd_and_default_length(impl, rng):
    d = int(rng.choice([5, 7, 9]))
    _, table, _ = pe_table(impl, d, None, f"PositionalEncoding({d})")
    check_pe_values(table, 512, d, f"PositionalEncoding({d}).pe")


@check("PositionalEncoding", "forward(x) = x + pe[:T] for x (N, T, d_model)",
       "x (N, T, d_model)에 대해 forward(x) = x + pe[:T]", weight=2, cpu=2)
def test_pe_forward(impl, rng):
    d, max_len, t = 8, 40, int(rng.integers(5, 12))
    module = impl.PositionalEncoding(d, max_len=max_len)
    table = f32(rng.normal(0, 1, (max_len, d)))
    try:                        # judge forward on its own: a table of the check's choosing
        module.load_state_dict({"pe": table})
    except StateDictMismatch:   # not loadable (a registration mistake, judged above): the lecture's table
        table = f32(ref_positional.positional_encoding(max_len, d))
    x = f32(rng.normal(0, 1, (3, t, d)))
    got = module(x)

    def diagnose(arr):
        if matches(arr, x * math.sqrt(d) + table[:t], RTOL, ATOL):
            raise PE_FORWARD_SCALED.failed()
    expect_close(got, x + table[:t], f"PositionalEncoding({d}, max_len={max_len})(x) for x {x.shape}",
                 RTOL, ATOL, diagnose=diagnose)
    if not np.array_equal(as_array(impl.inputs_after[0], "x"), x):
        fail("forward changed its input x in place; return x + pe[:T] as a new tensor.",
             "forward가 입력 x를 제자리에서 바꿨습니다. x + pe[:T]를 새 텐서로 반환하세요.", "mutated_input")


# --------------------------------------------------------------------------- TransformerForecaster
def transformer_variant(model, x, use_pe=True, act=None, residual=(True, True), norm_first=False,
                        scale=1.0, pool="last", batch_first=True):
    """The reference forward with one thing done another way (defaults: the SPEC's; ``act``
    None: GELU)."""
    act = act or F.gelu
    with torch.no_grad():
        x = torch.from_numpy(x)
        z = model.input_proj(x) * scale
        if use_pe:
            z = z + model.pos.pe[: x.shape[1]]

        def attend(q):
            if batch_first:
                return model.attn(q, q, q, average_attn_weights=False)
            a, w = model.attn(q.transpose(0, 1), q.transpose(0, 1), q.transpose(0, 1), average_attn_weights=False)
            return a.transpose(0, 1), w

        def ffn(q):
            return model.ffn[2](act(model.ffn[0](q)))
        if norm_first:
            a, w = attend(model.norm1(z))
            z = z + a
            z = z + ffn(model.norm2(z))
        else:
            a, w = attend(z)
            z = model.norm1(z + a if residual[0] else a)
            z = model.norm2(z + ffn(z) if residual[1] else ffn(z))
        pooled = {"last": z[:, -1], "first": z[:, 0], "mean": z.mean(1)}[pool]
        return model.head(pooled).numpy(), w.numpy()


def transformer_variants(model, x, use_pe):
    v = lambda **kw: transformer_variant(model, x, **{"use_pe": use_pe, **kw})  # noqa: E731
    return [(MHA_NOT_BATCH_FIRST, v(batch_first=False)), (MEAN_POOLING, v(pool="mean")),
            (FIRST_POSITION, v(pool="first")), (RELU_NOT_GELU, v(act=F.relu)),
            (MISSING_RESIDUAL, v(residual=(False, True))), (MISSING_RESIDUAL, v(residual=(True, False))),
            (MISSING_RESIDUAL, v(residual=(False, False))), (PRE_NORM, v(norm_first=True)),
            (SCALED_INPUT, v(scale=math.sqrt(model.input_proj.out_features))),
            (PE_NOT_ADDED if use_pe else USE_PE_IGNORED, v(use_pe=not use_pe))]


def transformer_pair(impl, rng, d=D, h=H, ff=FF, use_pe=True):
    """The student's and the reference's forecaster with the same random weights; the student's
    ``pos`` replaced by seqlab's AddTable with the same random table as the reference's ``pe``."""
    what = f"TransformerForecaster(d_model={d}, n_heads={h}, d_ff={ff}, use_pe={use_pe})"
    model = impl.TransformerForecaster(d_model=d, n_heads=h, d_ff=ff, use_pe=use_pe)
    reference = ref.TransformerForecaster(d, h, ff, use_pe=use_pe)
    expect_names_and_shapes(model, reference, what, skip=("pos.",))
    state = random_state(rng, reference)
    model.pos = impl.nn.AddTable(state["pos.pe"], name="pe")
    load(model, state, what)
    return model, reference_with(reference, state), what


def check_forecast(got, reference, x, use_pe, what):
    want, _ = transformer_variant(reference, x, use_pe=use_pe)

    def diagnose(arr):
        for diag, (var, _) in transformer_variants(reference, x, use_pe):
            if matches(arr, var, RTOL, ATOL) and not matches(var, want, RTOL, ATOL):
                raise diag.failed()
    return expect_close(got, want, what, RTOL, ATOL, diagnose=diagnose)


@check("TransformerForecaster", "with the same weights its prediction ŷ (N, 1) equals the reference's "
       "(post-norm block, GELU, the last position)",
       "같은 가중치에서 예측 ŷ (N, 1)이 기준 구현과 같음 (post-norm block, GELU, 마지막 위치)", weight=3, cpu=2)
def test_transformer_forward(impl, rng):
    model, reference, what = transformer_pair(impl, rng)
    x = inputs(rng)
    check_forecast(model(x), reference, x, True, f"{what}(x) for x {x.shape}")


@check("TransformerForecaster", "use_pe=False skips the positional encoding (pos still exists)",
       "use_pe=False이면 positional encoding을 건너뜀 (pos는 그대로 있음)", cpu=2)
def test_transformer_without_pe(impl, rng):
    model, reference, what = transformer_pair(impl, rng, use_pe=False)
    x = inputs(rng)
    check_forecast(model(x), reference, x, False, f"{what}(x) for x {x.shape}")


@check("TransformerForecaster", "return_attention=True gives (ŷ, weights (N, n_heads, T, T)); each row sums to 1",
       "return_attention=True이면 (ŷ, 가중치 (N, n_heads, T, T)); 각 행의 합은 1", weight=2, cpu=2)
def test_transformer_attention(impl, rng):
    model, reference, what = transformer_pair(impl, rng)
    x = inputs(rng)
    y_hat, w = unpack(model(x, return_attention=True), 2, f"{what}(x, return_attention=True)")
    check_forecast(y_hat, reference, x, True, f"ŷ of {what}(x, return_attention=True)")
    _, want = transformer_variant(reference, x)
    w = as_array(w, "weights")
    if w.shape == (N, T, T) and matches(w, want.mean(1), RTOL, ATOL):
        raise WEIGHTS_AVERAGED.failed()
    expect_close(w, want, f"the attention weights of {what}(x, return_attention=True)", RTOL, ATOL)


@check("TransformerForecaster", "the order of the inputs: without PE permuting positions 0 … T−2 leaves ŷ "
       "unchanged (only the last position is pooled); with PE it changes ŷ",
       "입력 순서: PE가 없으면 위치 0 … T−2를 섞어도 ŷ가 그대로 (마지막 위치만 사용), PE가 있으면 ŷ가 바뀜", cpu=2)
def test_transformer_order(impl, rng):
    x = inputs(rng)
    perm = np.concatenate([rng.permutation(T - 1), [T - 1]])
    while perm[0] == 0:             # position 0 always moves: pooling it is caught on every seed
        perm = np.concatenate([rng.permutation(T - 1), [T - 1]])
    for use_pe in (False, True):
        model, reference, what = transformer_pair(impl, rng, use_pe=use_pe)
        y, y_perm = (expect_shape(model(a), (N, 1), f"{what}(x)") for a in (x, x[:, perm]))
        same = matches(y_perm, y, RTOL, ATOL)
        if not use_pe and not same:
            if matches(y, transformer_variant(reference, x, pool="first")[0], RTOL, ATOL):
                raise FIRST_POSITION.failed()
            if matches(y, transformer_variant(reference, x, use_pe=True)[0], RTOL, ATOL):
                raise USE_PE_IGNORED.failed()
            fail(f"{what}: permuting the inputs at positions 0 … {T - 2} changed ŷ. Without positional "
                 "encoding attention treats the other positions as a set; only the last one is special.",
                 f"{what}: 위치 0 … {T - 2}의 입력 순서를 바꾸자 ŷ가 바뀌었습니다. positional encoding이 없으면 "
                 "attention은 다른 위치들을 집합처럼 다루고 마지막 위치만 특별합니다.")
        if use_pe and same:
            raise PE_NOT_ADDED.failed(Text(f"{what}: permuting the inputs at positions 0 … {T - 2} left ŷ unchanged.",
                                           f"{what}: 위치 0 … {T - 2}의 입력 순서를 바꿔도 ŷ가 그대로입니다."))


@check("TransformerForecaster", "names, shapes and the number of trainable parameters for several sizes",
       "여러 크기에서 이름, shape, 학습 가능한 파라미터 수", weight=0, cpu=2)
def test_transformer_structure(impl, rng):
    for d, h, ff in ((8, 2, 16), (D, H, FF), (16, 4, 24)):
        what = f"TransformerForecaster(d_model={d}, n_heads={h}, d_ff={ff})"
        model = impl.TransformerForecaster(d_model=d, n_heads=h, d_ff=ff)
        reference = ref.TransformerForecaster(d, h, ff)
        expect_names_and_shapes(model, reference, what, skip=("pos.",))
        info = model.describe()
        if "pos" not in info.modules:
            fail(f"{what} has no submodule `pos`; it keeps pos = PositionalEncoding(d_model) even when use_pe=False.",
                 f"{what}에 하위 모듈 `pos`가 없습니다. use_pe=False여도 pos = PositionalEncoding(d_model)을 가집니다.")
        want = ref.count_parameters(reference)
        if info.trainable != want:
            fail(f"{what} has {info.trainable} trainable parameters; the SPEC's layers have {want}.",
                 f"{what}의 학습 가능한 파라미터는 {info.trainable}개인데 SPEC의 층들은 {want}개입니다.")


# --------------------------------------------------------------------------- RNNForecaster
def rnn_variants(reference, x, cell):
    with torch.no_grad():
        xt = torch.from_numpy(x)
        output, h_n = reference.rnn(xt)
        out_tb, _ = reference.rnn(xt.transpose(0, 1))
        variants = [(RNN_FIRST_STEP, output[:, 0]), (RNN_MEAN, output.mean(1)), (RNN_NOT_BATCH_FIRST, out_tb[-1]),
                    (RNN_NOT_BATCH_FIRST, out_tb[:, -1])]
        if cell == "lstm":
            variants.append((LSTM_CELL_STATE, h_n[1][-1]))
        return [(diag, reference.head(v).numpy()) for diag, v in variants if v.shape[0] == x.shape[0]]


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@check("RNNForecaster", "with the same weights ŷ = head(h_T) equals the reference's (rnn, lstm, gru)",
       "같은 가중치에서 ŷ = head(h_T)가 기준 구현과 같음 (rnn, lstm, gru)", cpu=2)
def test_rnn_forward(impl, rng, cell):
    what = f'RNNForecaster(hidden={HIDDEN}, cell="{cell}")'
    model = impl.RNNForecaster(hidden=HIDDEN, cell=cell)
    reference = ref.RNNForecaster(HIDDEN, cell)
    expect_names_and_shapes(model, reference, what)
    state = random_state(rng, reference)
    load(model, state, what)
    reference_with(reference, state)
    x = inputs(rng)
    want = run(reference, x)

    def diagnose(arr):
        for diag, var in rnn_variants(reference, x, cell):
            if matches(arr, var, RTOL, ATOL) and not matches(var, want, RTOL, ATOL):
                raise diag.failed()
    expect_close(model(x), want, f"{what}(x) for x {x.shape}", RTOL, ATOL, diagnose=diagnose)


@check("RNNForecaster", "names, shapes and the number of trainable parameters for several sizes",
       "여러 크기에서 이름, shape, 학습 가능한 파라미터 수", weight=0, cpu=2)
def test_rnn_structure(impl, rng):
    for hidden, cell in ((4, "lstm"), (9, "gru"), (5, "rnn")):
        what = f'RNNForecaster(hidden={hidden}, cell="{cell}")'
        model, reference = impl.RNNForecaster(hidden=hidden, cell=cell), ref.RNNForecaster(hidden, cell)
        expect_names_and_shapes(model, reference, what)
        got, want = model.describe().trainable, ref.count_parameters(reference)
        if got != want:
            fail(f"{what} has {got} trainable parameters; the SPEC's layers have {want}.",
                 f"{what}의 학습 가능한 파라미터는 {got}개인데 SPEC의 층들은 {want}개입니다.")


# --------------------------------------------------------------------------- count_parameters
def expect_count(got, want, what, diagnoses=()):
    value = as_array(got, f"count_parameters({what})")
    if value.shape != () or value != round(float(value)):
        fail(f"count_parameters({what}) should return one integer, not an array of shape {value.shape} or a "
             "fraction.", f"count_parameters({what})는 shape {value.shape}인 배열이나 분수가 아니라 정수 하나를 "
             "반환해야 합니다.")
    if int(value) != want:
        for diag, wrong in diagnoses:
            if int(value) == wrong:
                raise diag.failed()
        fail(f"count_parameters({what}) returned {int(value)}, which is not its number of trainable parameters.",
             f"count_parameters({what})가 {int(value)}을(를) 반환했는데 학습 가능한 파라미터 수가 아닙니다.")


@check("count_parameters", "the trainable parameters of nested models", "중첩된 모델의 학습 가능한 파라미터 수",
       weight=2, cpu=2)
def test_count_plain(impl, rng):
    a, b = (int(v) for v in rng.integers(3, 9, 2))
    model = impl.nn.Sequential(impl.nn.Linear(a, b), impl.nn.Tanh(),
                               impl.nn.Sequential(impl.nn.Linear(b, 2), impl.nn.Linear(2, 1, bias=False)))
    expect_count(impl.count_parameters(model), a * b + b + 2 * b + 2 + 2, f"a Sequential of Linear({a}, {b}), …")
    lstm = impl.nn.LSTM(2, a, batch_first=True)
    expect_count(impl.count_parameters(lstm), 4 * (2 * a + a * a + 2 * a), f"nn.LSTM(2, {a})")


@check("count_parameters", "frozen parameters (requires_grad=False) are not counted",
       "고정된 파라미터 (requires_grad=False)는 세지 않음", cpu=2)
def test_count_frozen(impl, rng):
    a = int(rng.integers(3, 8))
    frozen = impl.nn.Linear(a, 4)
    frozen.requires_grad_(False)
    model = impl.nn.Sequential(frozen, impl.nn.Linear(4, 1))
    expect_count(impl.count_parameters(model), 5, f"a Sequential of a frozen Linear({a}, 4) and Linear(4, 1)",
                 [(COUNTS_FROZEN, 5 + 4 * a + 4)])


@check("count_parameters", "buffers are not counted; a shared layer counts once",
       "buffer는 세지 않음; 공유된 층은 한 번만 셈", cpu=2)
def test_count_buffers_and_shared(impl, rng):
    a = int(rng.integers(3, 8))
    with_buffers = impl.nn.Sequential(impl.nn.Linear(a, 4), impl.nn.BatchNorm1d(4))
    expect_count(impl.count_parameters(with_buffers), 4 * a + 4 + 8, f"Sequential(Linear({a}, 4), BatchNorm1d(4))",
                 [(COUNTS_BUFFERS, 4 * a + 4 + 8 + 9)])
    shared = impl.nn.Linear(a, a)
    tied = impl.nn.Sequential(shared, impl.nn.Tanh(), shared)
    expect_count(impl.count_parameters(tied), a * a + a, f"Sequential(lin, Tanh(), lin) with one Linear({a}, {a})",
                 [(COUNTS_SHARED_TWICE, 2 * (a * a + a))])


# --------------------------------------------------------------------------- train_model
def mlp(impl_or_torch, t=20, hidden=12):
    nn_ = impl_or_torch.nn
    return nn_.Sequential(nn_.Flatten(), nn_.Linear(t, hidden), nn_.Tanh(), nn_.Linear(hidden, 1))


def sine_data(rng, n):
    X, y = ref.make_sine_data(n, T=20, seed=int(rng.integers(1 << 30)))
    return X.numpy(), y.numpy()


def start_state(rng):
    return {k: f32(v) for k, v in random_state(rng, mlp(torch)).items()}


def grader_mlp(state):
    return reference_with(mlp(torch), state)


def mse(state, X, y):
    with torch.no_grad():
        return float(F.mse_loss(grader_mlp(state)(torch.from_numpy(X)), torch.from_numpy(y)))


def expect_losses(losses, epochs, what):
    if not isinstance(losses, (list, tuple)):
        fail(f"{what} should return a list of {epochs} floats (one mean loss per epoch), got {type(losses).__name__}.",
             f"{what}는 float {epochs}개의 리스트(epoch마다 평균 손실 하나)를 반환해야 하는데 {type(losses).__name__}을(를) "
             "반환했습니다.")
    arr = as_array(list(losses), what)
    if arr.shape != (epochs,):
        fail(f"{what} returned {arr.size} values; it should return one mean loss per epoch ({epochs}).",
             f"{what}가 값 {arr.size}개를 반환했습니다. epoch마다 평균 손실 하나({epochs}개)를 반환해야 합니다.")
    if not np.all(np.isfinite(arr)):
        fail(f"{what} returned NaN or infinite losses.", f"{what}가 NaN 또는 무한대 손실을 반환했습니다.")
    return arr


def train(impl, state, X, y, what, **kwargs):
    model = mlp(impl)
    model.load_state_dict(state)
    losses = impl.train_model(model, X, y, **kwargs)
    return model, expect_losses(losses, kwargs["epochs"], what)


@check("train_model", "the loss falls well below its first epoch, is on the scale of the MSE, and the trained "
       "model beats “repeat the last value” on new data",
       "손실이 첫 epoch보다 크게 줄고 MSE와 같은 크기이며, 학습된 모델이 새 데이터에서 “마지막 값 반복”보다 나음",
       weight=3, cpu=3)
def test_train_learns(impl, rng):
    X, y = sine_data(rng, 192)
    X_new, y_new = sine_data(rng, 200)
    state = start_state(rng)
    epochs = 8
    what = f"train_model(model, X, y, epochs={epochs}, lr=0.02, batch_size=32)"
    model, losses = train(impl, state, X, y, what, epochs=epochs, lr=0.02, batch_size=32, seed=int(rng.integers(100)))
    trained = model.state_dict()
    before, after = mse(state, X, y), mse(trained, X, y)
    if losses[0] > 1.5 * before or losses[-1] > 3 * after + 1e-3:
        raise EPOCH_LOSS_SUMMED.failed(Text(f"{what}: the losses are far above the MSE of the model on X "
                                             f"(epoch 1: {losses[0]:.3g}).",
                                             f"{what}: 손실이 X에 대한 모델의 MSE보다 훨씬 큽니다 (epoch 1: {losses[0]:.3g})."))
    if not losses[-1] < 0.5 * losses[0]:
        fail(f"{what}: the loss of the last epoch ({losses[-1]:.3g}) is not well below the first ({losses[0]:.3g}).",
             f"{what}: 마지막 epoch 손실({losses[-1]:.3g})이 첫 epoch({losses[0]:.3g})보다 충분히 작지 않습니다.")
    baseline = float(np.mean((X_new[:, -1] - y_new) ** 2))
    if not mse(trained, X_new, y_new) < 0.7 * baseline:
        fail(f"{what}: on new sine waves the trained model does not beat repeating the last input value.",
             f"{what}: 새 사인파에서 학습된 모델이 마지막 입력값을 반복하는 것보다 낫지 않습니다.")


@check("train_model", "the same call from the same weights gives the same losses; another seed, other losses",
       "같은 가중치에서 같은 호출은 같은 손실, 다른 seed는 다른 손실", weight=2, cpu=3)
def test_train_deterministic(impl, rng):
    X, y = sine_data(rng, 96)
    state = start_state(rng)
    seed = int(rng.integers(100))
    kwargs = dict(epochs=3, lr=0.01, batch_size=16)
    what = f"train_model(model, X, y, epochs=3, lr=0.01, batch_size=16, seed={seed})"
    first_model, first = train(impl, state, X, y, what, seed=seed, **kwargs)
    _, again = train(impl, state, X, y, what, seed=seed, **kwargs)
    if not np.allclose(first, again, rtol=1e-6, atol=0):
        epoch = int(np.argmax(~np.isclose(first, again, rtol=1e-6, atol=0))) + 1
        raise SHUFFLE_WITHOUT_GENERATOR.failed(Text(
            f"{what} twice from the same weights: the losses differ from epoch {epoch} on.",
            f"같은 가중치에서 {what}를 두 번: epoch {epoch}부터 손실이 다릅니다."))
    _, other = train(impl, state, X, y, what, seed=seed + 1, **kwargs)
    if np.allclose(first, other, rtol=1e-7, atol=0):
        raise SEED_IGNORED.failed()
    if matches(first_model.state_dict()["1.weight"], state["1.weight"], 0, 0):
        fail(f"{what} did not change the model's weights.", f"{what}가 모델의 가중치를 바꾸지 않았습니다.")


def adam_reference(state, X, y, epochs, lr, zero_grad=True, optimizer="adam"):
    """Full-batch training in the grader: one batch per epoch, so order and weighting do not matter."""
    model = grader_mlp(state)
    opt = (torch.optim.Adam if optimizer == "adam" else torch.optim.SGD)(model.parameters(), lr=lr)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    losses = []
    for _ in range(epochs):
        if zero_grad:
            opt.zero_grad()
        loss = F.mse_loss(model(Xt), yt)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


@check("train_model", "one batch per epoch (batch_size ≥ n): the weights follow Adam's steps on the MSE and each "
       "epoch's loss is the loss before its step",
       "epoch마다 배치 하나 (batch_size ≥ n): 가중치가 MSE에 대한 Adam 스텝을 따르고 각 epoch 손실은 스텝 전 손실",
       weight=2, cpu=3)
def test_train_adam_steps(impl, rng):
    X, y = sine_data(rng, 48)
    state = start_state(rng)
    epochs, lr = 3, float(rng.choice([0.01, 0.02]))
    what = f"train_model(model, X, y, epochs={epochs}, lr={lr}, batch_size=64) on {len(X)} samples"
    model, losses = train(impl, state, X, y, what, epochs=epochs, lr=lr, batch_size=64, seed=0)
    got = model.state_dict()
    want_losses, want = adam_reference(state, X, y, epochs, lr)
    tol = dict(rtol=1e-3, atol=1e-5)
    weights_ok = all(matches(got[k], want[k], **tol) for k in want)
    if weights_ok and matches(losses, want_losses, rtol=1e-4, atol=1e-7):
        return
    if not weights_ok:
        for diag, variant in ((MISSING_ZERO_GRAD, adam_reference(state, X, y, epochs, lr, zero_grad=False)),
                              (NOT_ADAM, adam_reference(state, X, y, epochs, lr, optimizer="sgd"))):
            if all(matches(got[k], variant[1][k], **tol) for k in want):
                raise diag.failed()
        name = next(k for k in want if not matches(got[k], want[k], **tol))
        fail(f"{what}: after training, the weights ({name} first) are not those of {epochs} Adam steps with "
             f"lr={lr} on the MSE of the whole batch.",
             f"{what}: 학습 후 가중치({name}부터)가 전체 배치 MSE에 대한 lr={lr} Adam {epochs}스텝의 결과가 아닙니다.")
    if matches(losses, np.asarray(want_losses) * len(X), rtol=1e-4, atol=1e-6) or not matches(
            losses, want_losses, rtol=0.2, atol=0):
        raise LOSS_NOT_MSE.failed()
    epoch = int(np.argmax(~np.isclose(losses, want_losses, rtol=1e-4, atol=1e-7))) + 1
    fail(f"{what}: the loss reported for epoch {epoch} is not the MSE computed during that epoch (before its step).",
         f"{what}: epoch {epoch}에 보고된 손실이 그 epoch 동안(스텝 전) 계산한 MSE가 아닙니다.")


@check("train_model", "leaves the model in eval mode (after training it)", "학습 후 모델을 eval 모드로 둠", cpu=3)
def test_train_leaves_eval_mode(impl, rng):
    X, y = sine_data(rng, 64)
    state = start_state(rng)
    what = "train_model(model, X, y, epochs=2, batch_size=32)"
    model, _ = train(impl, state, X, y, what, epochs=2, lr=0.01, batch_size=32, seed=1)
    if matches(model.state_dict()["1.weight"], state["1.weight"], 0, 0):
        fail(f"{what} did not change the model's weights.", f"{what}가 모델의 가중치를 바꾸지 않았습니다.")
    info = model.describe()
    if info.training:
        raise LEAVES_TRAIN_MODE.failed(Text(f"After {what}, in training mode: {', '.join(n or 'model' for n in info.in_training)}.",
                                             f"{what} 후 학습 모드: {', '.join(n or 'model' for n in info.in_training)}."))


# --------------------------------------------------------------------------- evaluate
def probed(impl, state, dropout=0.5):
    """The MLP with a Dropout (train and eval mode differ) and a Probe that records the mode."""
    probe = impl.nn.Probe()
    model = impl.nn.Sequential(impl.nn.Flatten(), impl.nn.Linear(20, 12), impl.nn.Tanh(), impl.nn.Dropout(dropout),
                               probe, impl.nn.Linear(12, 1))
    model.load_state_dict({"1.weight": state["1.weight"], "1.bias": state["1.bias"],
                           "5.weight": state["3.weight"], "5.bias": state["3.bias"]})
    model.train()
    return model, probe


@check("evaluate", "the MSE in eval mode, without gradients; leaves eval mode",
       "eval 모드에서 gradient 없이 계산한 MSE; eval 모드로 둠", weight=2, cpu=2)
def test_evaluate(impl, rng):
    X, y = sine_data(rng, 40)
    state = start_state(rng)
    model, probe = probed(impl, state)
    what = "evaluate(model, X, y)"
    value = as_array(impl.evaluate(model, X, y), what)
    calls = probe.calls
    if any(training for _, training in calls):
        raise EVAL_TRAIN_MODE.failed()
    if any(grad for grad, _ in calls):
        raise EVAL_WITH_GRAD.failed()
    with torch.no_grad():
        out, target = grader_mlp(state)(torch.from_numpy(X)), torch.from_numpy(y)
        want = float(F.mse_loss(out, target))
        wrong = [math.sqrt(want), float(F.mse_loss(out, target, reduction="sum")), float(F.l1_loss(out, target))]

    def diagnose(arr):
        if any(matches(arr, w, 1e-5, 1e-7) for w in wrong):
            raise EVAL_NOT_MSE.failed()
    expect_close(value, want, what, 1e-5, 1e-7, diagnose=diagnose)
    if model.describe().training:
        raise EVAL_TRAIN_MODE.failed(Text(f"After {what} the model is in training mode again.",
                                           f"{what} 후 모델이 다시 학습 모드입니다."))


# --------------------------------------------------------------------------- last_position_attention
def attention_model(impl, rng):
    """last_position_attention is judged on the student's TransformerForecaster (weights loaded by
    name), whatever its forward computes; if it cannot even be built, say so here."""
    try:
        return transformer_pair(impl, rng)
    except (CheckFailed, StudentCodeError) as err:
        en, ko = ((err.text.en, err.text.ko) if isinstance(err, CheckFailed)
                  else (f"{err.error_type}: {err.message}",) * 2)
        fail(f"last_position_attention is checked on your TransformerForecaster(d_model={D}, n_heads={H}, "
             f"d_ff={FF}), which could not be built and loaded ({en[:200]}). Fix that class first.",
             f"last_position_attention은 여러분의 TransformerForecaster(d_model={D}, n_heads={H}, d_ff={FF})로 "
             f"검사하는데, 이 클래스를 만들고 가중치를 불러올 수 없었습니다 ({ko[:200]}). 그 클래스를 먼저 고치세요.")


@check("last_position_attention", "the weights from the last position, averaged over the batch and the heads "
       "(T,), from the model's own attention",
       "모델 자신의 attention에서 마지막 위치의 가중치를 배치와 head에 대해 평균 (T,)", weight=2, cpu=2)
def test_last_position_attention(impl, rng):
    model, reference, what = attention_model(impl, rng)
    x = inputs(rng)
    _, want_w = transformer_variant(reference, x)
    try:
        _, w = unpack(model(x, return_attention=True), 2, "model(x, return_attention=True)")
        w = as_array(w, "the weights of model(x, return_attention=True)")
    except Exception:            # the model is judged elsewhere; the reference's weights are the right ones
        w = want_w
    if w.shape != want_w.shape:
        w = want_w
    got = as_array(impl.last_position_attention(model, x), "last_position_attention(model, X)")
    want = w[:, :, -1, :].mean(axis=(0, 1))
    if got.shape != (T,):
        for shape in ((H, T), (N, T), (N, H, T)):
            if got.shape == shape:
                raise ATTN_NOT_AVERAGED.failed()
    wrong = [w[:, :, 0, :].mean(axis=(0, 1)), w[:, :, :, -1].mean(axis=(0, 1))]

    def diagnose(arr):
        if any(matches(arr, v, 1e-5, 1e-6) for v in wrong):
            raise ATTN_WRONG_ROW.failed()
        if matches(arr, w[:, :, -1, :].sum(axis=(0, 1)), 1e-5, 1e-6):
            raise ATTN_NOT_AVERAGED.failed()
    expect_close(got, want, f"last_position_attention(model, X) for X {x.shape}", 1e-5, 1e-6, diagnose=diagnose)


@check("last_position_attention", "shape (T,), sums to 1", "shape (T,), 합이 1", weight=0, cpu=2)
def test_last_position_attention_sums_to_one(impl, rng):
    model, _, _ = attention_model(impl, rng)
    x = inputs(rng, n=3, t=9)
    got = expect_shape(impl.last_position_attention(model, x), (9,), "last_position_attention(model, X)")
    if not abs(got.sum() - 1) < 1e-5:
        raise ATTN_NOT_AVERAGED.failed()
