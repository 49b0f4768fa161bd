"""Hidden checks of the Transformer-block assignment (SPEC "Transformer block" table).

Each test is one check of one function, compared with ``ref`` (``solutions/transformer.py``) on
fresh random inputs: all sizes distinct (N ≠ n ≠ d_model ≠ d_ff, h = 2 heads), nonzero biases,
γ ≠ 1 and β ≠ 0 (CHECKS.md). Layer norm is also checked on rows of tiny variance, where ε
outside the square root stands out. GELU accepts the tanh approximation within 1e-3 (SPEC), and
so do the FFN and encoder checks: their expected values are computed with both GELU forms.

No points for answers that ignore the input: the encoder's properties (order ignored without PE,
causality under a causal mask), which a constant or position-wise answer also has, are checked
together with the block's values. A failing comparison says where: which rows of layer norm's
input (the ones of tiny variance?), x < 0 or x > 0 for GELU, ``out`` or ``weights`` of the block
(right weights: the attention is right, look after it), which positions, which heads.
"""
import numpy as np

from seqlab.grading.checklib import (CheckFailed, Diagnosis, as_array, at, by_sign, check, counted, difference,
                                     expect_close, expect_shape, expect_unchanged, fail, in_heads, matches, mismatch,
                                     unpack)
from seqlab.i18n import Text
from solutions import attention as ref_attention
from solutions import positional as ref_positional
from solutions import transformer as ref

N, T, D, F = 3, 5, 8, 7        # batch, sequence length, d_model, d_ff: all different
H = 2                          # heads (d_head = 4)
GELU_TOL = 1e-3                # the tanh approximation of GELU is accepted within this (SPEC)
SEQUENCE_POSITION = (("sequence", "시퀀스"), ("position", "위치"), None)   # the axes of (N, n, d_model), named


# --------------------------------------------------------------------------- diagnoses
LN_UNBIASED = Diagnosis(
    "layernorm_unbiased_variance",
    "Layer norm uses the biased variance σ² = mean((x − μ)²) over the last axis (divide by d_model: "
    "np.var's default ddof=0), not the unbiased one (ddof=1, as torch.std or the Annotated Transformer's "
    "x.std(-1)).",
    "layer norm은 마지막 축을 따라 d_model로 나누는 분산(biased) σ² = mean((x − μ)²)을 씁니다 (np.var의 기본값 ddof=0). "
    "불편 분산(ddof=1, torch.std나 Annotated Transformer의 x.std(-1))이 아닙니다.")
LN_EPS_OUTSIDE = Diagnosis(
    "layernorm_eps_outside_sqrt",
    "ε belongs inside the square root: (x − μ) / sqrt(σ² + ε), not (x − μ) / (σ + ε). The two differ "
    "most on rows whose variance is tiny.",
    "ε는 제곱근 안에 들어갑니다: (x − μ) / (σ + ε)가 아니라 (x − μ) / sqrt(σ² + ε)입니다. 분산이 아주 작은 "
    "행에서 차이가 가장 큽니다.")
LN_MISSING_EPS = Diagnosis(
    "layernorm_missing_eps",
    "ε is missing: layer norm divides by sqrt(σ² + ε), never by σ alone (a constant row would give 0 / 0 = NaN).",
    "ε가 빠졌습니다: layer norm은 σ만이 아니라 sqrt(σ² + ε)로 나눕니다 (값이 모두 같은 행에서는 0 / 0 = NaN이 됩니다).")
LN_IGNORES_EPS = Diagnosis(
    "layernorm_ignores_eps",
    "The eps argument is ignored: use the eps that is passed in (its default is 1e-5).",
    "eps 인자를 무시했습니다: 전달받은 eps를 쓰세요 (기본값은 1e-5).")
LN_WRONG_AXIS = Diagnosis(
    "layernorm_wrong_axis",
    "Layer norm normalises each token over its own features: μ and σ² over the last axis, for every token. "
    "Normalising over the batch or the positions is batch norm, not layer norm.",
    "layer norm은 각 토큰을 자기 feature에 대해 정규화합니다: μ와 σ²는 토큰마다 마지막 축을 따라 "
    "계산합니다. batch나 위치 축으로 정규화하면 layer norm이 아니라 batch norm입니다.")
LN_GAMMA_BETA_SWAPPED = Diagnosis(
    "layernorm_gamma_beta_swapped",
    "γ and β are swapped: γ scales and β shifts, LN(x) = γ ⊙ x̂ + β.",
    "γ와 β가 바뀌었습니다: γ는 곱하고 β는 더합니다, LN(x) = γ ⊙ x̂ + β.")
RELU_NOT_GELU = Diagnosis(
    "ffn_relu_not_gelu",
    "This is ReLU. The course's FFN uses GELU(x) = x Φ(x) = x · ½ (1 + erf(x / √2)), which is smooth "
    "and slightly negative for x < 0 (nn.TransformerEncoderLayer defaults to ReLU; we do not).",
    "ReLU를 썼습니다. 이 과정의 FFN은 GELU(x) = x Φ(x) = x · ½ (1 + erf(x / √2))를 씁니다. GELU는 매끄럽고 "
    "x < 0에서 약간 음수입니다 (nn.TransformerEncoderLayer의 기본값은 ReLU지만 여기서는 아닙니다).")
GELU_SIGMOID = Diagnosis(
    "gelu_sigmoid_approximation",
    "This is the sigmoid approximation x σ(1.702 x), which is off by up to 0.02. Use the exact "
    "x Φ(x) = x · ½ (1 + erf(x / √2)) (the tanh approximation is also accepted).",
    "시그모이드 근사 x σ(1.702 x)를 썼습니다. 최대 0.02까지 차이가 납니다. 정확한 형태 "
    "x Φ(x) = x · ½ (1 + erf(x / √2))를 쓰세요 (tanh 근사도 허용됩니다).")
GELU_ERF_ARGUMENT = Diagnosis(
    "gelu_erf_argument",
    "Φ(x) = ½ (1 + erf(x / √2)): the argument of erf is x / √2, not x.",
    "Φ(x) = ½ (1 + erf(x / √2))입니다: erf의 인자는 x가 아니라 x / √2입니다.")
FFN_MISSING_BIAS = Diagnosis(
    "missing_bias",
    "A bias is missing: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2.",
    "편향이 빠졌습니다: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2입니다.")
FFN_EXTRA_ACTIVATION = Diagnosis(
    "ffn_extra_activation",
    "GELU goes only between the two linear layers: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2, with no "
    "activation on the output.",
    "GELU는 두 선형층 사이에만 들어갑니다: FFN(x) = GELU(x W_1 + b_1) W_2 + b_2이고 출력에는 활성화 함수가 없습니다.")
MISSING_RESIDUAL = Diagnosis(
    "missing_residual",
    "A residual connection is missing: each sublayer adds its input back, x + MHA(x) and x + FFN(x) "
    "(post-norm: LN(x + Sublayer(x)); pre-norm: x + Sublayer(LN(x))). The residual path keeps the "
    "gradient flowing through deep stacks.",
    "residual connection이 빠졌습니다: 각 sublayer는 입력을 다시 더합니다, x + MHA(x)와 x + FFN(x) "
    "(post-norm: LN(x + Sublayer(x)), pre-norm: x + Sublayer(LN(x))). residual 경로가 깊은 층에서도 "
    "gradient를 흐르게 합니다.")
NORM_ORDER_SWAPPED = Diagnosis(
    "norm_order_swapped",
    "Post-norm and pre-norm are swapped. norm_first=False is the original post-norm, "
    "x = LN(x + Sublayer(x)); norm_first=True is pre-norm, x = x + Sublayer(LN(x)).",
    "post-norm과 pre-norm이 바뀌었습니다. norm_first=False는 원래의 post-norm x = LN(x + Sublayer(x))이고, "
    "norm_first=True는 pre-norm x = x + Sublayer(LN(x))입니다.")
PRENORM_RESIDUAL_NORMED = Diagnosis(
    "prenorm_residual_from_normed",
    "In pre-norm the residual path carries x itself: x + MHA(LN(x)), not LN(x) + MHA(LN(x)).",
    "pre-norm에서 residual 경로는 x 자체를 더합니다: LN(x) + MHA(LN(x))가 아니라 x + MHA(LN(x))입니다.")
ENCODER_IGNORES_MASK = Diagnosis(
    "encoder_ignores_mask",
    "The mask does not reach the self-attention: pass it on to multi_head_attention.",
    "마스크가 self-attention에 전달되지 않았습니다: multi_head_attention에 넘기세요.")
ENCODER_ADDS_PE = Diagnosis(
    "encoder_adds_pe",
    "The encoder block adds a positional encoding itself. The PE is added once, to the embeddings "
    "before the first block (add_positional_encoding); the block treats every position alike.",
    "encoder block 안에서 positional encoding을 더했습니다. PE는 첫 block 전에 임베딩에 한 번만 더하고 "
    "(add_positional_encoding), block은 모든 위치를 똑같이 다룹니다.")
ENCODER_LN_PARAMS = Diagnosis(
    "encoder_layer_norm_params",
    "The two layer norms have their own parameters: LN_1 uses gamma_1/beta_1 (around the attention), "
    "LN_2 uses gamma_2/beta_2 (around the FFN).",
    "두 layer norm은 각자의 파라미터를 씁니다: LN_1은 gamma_1/beta_1(attention 쪽), LN_2는 gamma_2/beta_2(FFN 쪽).")


# --------------------------------------------------------------------------- helpers
def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def relu(x):
    return np.maximum(x, 0.0)


GELUS = (ref.gelu, gelu_tanh)  # the exact form first: it is what messages compare with


def expect_close_any(got, wants, what, diagnose=None, **where):
    """Like expect_close against ``wants[0]``, but any of ``wants`` is accepted (``where``/``axes`` as there)."""
    if any(matches(got, w) for w in wants[1:]):
        return as_array(got, what)
    return expect_close(got, wants[0], what, diagnose=diagnose, **where)


def ln_variant(x, gamma, beta, eps=1e-5, ddof=0, eps_inside=True, use_eps=True, axis=-1):
    mu = x.mean(axis=axis, keepdims=True)
    var = ((x - mu) ** 2).sum(axis=axis, keepdims=True) / (np.prod([x.shape[a] for a in np.atleast_1d(axis)]) - ddof)
    if not use_eps:
        denom = np.sqrt(var)
    elif eps_inside:
        denom = np.sqrt(var + eps)
    else:
        denom = np.sqrt(var) + eps
    with np.errstate(invalid="ignore", divide="ignore"):
        return gamma * (x - mu) / denom + beta


def ln_variants(x, g, b, eps):
    v = lambda **kw: ln_variant(x, g, b, eps, **kw)  # noqa: E731
    variants = [(LN_EPS_OUTSIDE, v(eps_inside=False)), (LN_UNBIASED, v(ddof=1)),
                (LN_UNBIASED, v(ddof=1, eps_inside=False)), (LN_MISSING_EPS, v(use_eps=False)),
                (LN_GAMMA_BETA_SWAPPED, ln_variant(x, b, g, eps))]
    if eps != 1e-5:
        variants.append((LN_IGNORES_EPS, ref.layer_norm(x, g, b)))
    for axis in [0, tuple(range(x.ndim))] + ([-2, (0, 1)] if x.ndim == 3 else []):
        variants.append((LN_WRONG_AXIS, v(axis=axis)))
    return variants


def rows_by_variance(x, eps):
    """Locator for layer norm: the rows (tokens) that differ, told apart by their variance, since ε matters
    most where σ² is tiny: constant rows, rows with σ² < ε, and ordinary rows."""
    var = np.var(np.asarray(x, dtype=np.float64), axis=-1)
    kinds = [(var == 0, "constant rows (σ² = 0)", "값이 모두 같은 행 (σ² = 0)"),
             ((var > 0) & (var < eps), "rows of tiny variance (σ² < ε)", "분산이 아주 작은 행 (σ² < ε)"),
             (var >= eps, "ordinary rows", "보통 행")]

    def locate(what, arr, want, bad):
        rows = bad.any(axis=-1)
        wrong = [(e, k) for sel, e, k in kinds if (rows & sel).any()]
        right = [(e, k) for sel, e, k in kinds if sel.any() and not (rows & sel).any()]
        en = f": {int(rows.sum())} of {rows.size} rows differ, among the " + " and the ".join(e for e, _ in wrong)
        ko = f". 행 {rows.size}개 중 {int(rows.sum())}개가 다르며, 다른 행: " + ", ".join(k for _, k in wrong)
        if right:
            en += " (the " + " and the ".join(e for e, _ in right) + " are right)"
            ko += " (" + ", ".join(k for _, k in right) + "은 맞습니다)"
        return counted(what, arr, bad) + Text(en + ".", ko + ".")
    return locate


def check_ln(got, x, g, b, eps=1e-5, what="layer_norm(x, gamma, beta)"):
    def diagnose(arr):
        for diag, var in ln_variants(x, g, b, eps):
            if matches(arr, var):
                raise diag.failed()
        if not np.all(np.isfinite(arr)):
            raise LN_MISSING_EPS.failed()
    return expect_close(got, ref.layer_norm(x, g, b, eps), what, diagnose=diagnose, where=rows_by_variance(x, eps))


def ln_params(rng, d):
    return 1 + rng.normal(0, 0.3, d), rng.normal(0, 0.3, d)


def ffn_params(rng, d=D, f=F):
    return {"W_1": rng.normal(0, 1 / np.sqrt(d), (d, f)), "b_1": rng.normal(0, 0.5, f),
            "W_2": rng.normal(0, 1 / np.sqrt(f), (f, d)), "b_2": rng.normal(0, 0.5, d)}


def ffn_variant(x, p, act=ref.gelu, b1=True, b2=True, out_act=False):
    hidden = act(x @ p["W_1"] + (p["b_1"] if b1 else 0))
    y = hidden @ p["W_2"] + (p["b_2"] if b2 else 0)
    return act(y) if out_act else y


def ffn_variants(x, p):
    variants = [(RELU_NOT_GELU, ffn_variant(x, p, act=relu))]
    for act in GELUS:
        variants += [(FFN_MISSING_BIAS, ffn_variant(x, p, act, b1=False)),
                     (FFN_MISSING_BIAS, ffn_variant(x, p, act, b2=False)),
                     (FFN_MISSING_BIAS, ffn_variant(x, p, act, b1=False, b2=False)),
                     (FFN_EXTRA_ACTIVATION, ffn_variant(x, p, act, out_act=True))]
    return variants


def check_ffn(got, x, p, what="feed_forward(x, params)"):
    def diagnose(arr):
        for diag, var in ffn_variants(x, p):
            if matches(arr, var):
                raise diag.failed()
    axes = SEQUENCE_POSITION[-np.ndim(x):]
    return expect_close_any(got, [ffn_variant(x, p, act) for act in GELUS], what, diagnose=diagnose, axes=axes)


def block_params(rng, d=D, f=F):
    p = {f"W_{k}": rng.normal(0, 1 / np.sqrt(d), (d, d)) for k in "qkvo"}
    p.update({f"b_{k}": rng.normal(0, 0.3, d) for k in "qkvo"})
    p.update(ffn_params(rng, d, f))
    for i in "12":
        p[f"gamma_{i}"], p[f"beta_{i}"] = ln_params(rng, d)
    return p


def block_variant(x, p, h, mask=None, norm_first=False, act=ref.gelu, residual=(True, True),
                  residual_normed=False, add_pe=False, shared_ln=False):
    """The encoder block with one thing done the wrong way (the defaults give the lecture's)."""
    if add_pe:
        x = x + ref_positional.positional_encoding(*x.shape[-2:])
    r1, r2 = residual

    def ln_1(y):
        return ref.layer_norm(y, p["gamma_1"], p["beta_1"])

    def ln_2(y):
        return ln_1(y) if shared_ln else ref.layer_norm(y, p["gamma_2"], p["beta_2"])

    def attend(y):
        return ref_attention.multi_head_attention(y, y, p, h, mask)
    if norm_first:
        y = ln_1(x)
        a, w = attend(y)
        x = (y if residual_normed else x if r1 else 0) + a
        y = ln_2(x)
        x = (y if residual_normed else x if r2 else 0) + ffn_variant(y, p, act)
    else:
        a, w = attend(x)
        x = ln_1(x + a if r1 else a)
        x = ln_2(x + ffn_variant(x, p, act) if r2 else ffn_variant(x, p, act))
    return x, w


def block_variants(x, p, h, mask=None, norm_first=False):
    v = lambda **kw: block_variant(x, p, h, **{"mask": mask, "norm_first": norm_first, **kw})  # noqa: E731
    variants = [(RELU_NOT_GELU, v(act=relu))]
    for act in GELUS:
        variants += [(NORM_ORDER_SWAPPED, v(act=act, norm_first=not norm_first)),
                     (MISSING_RESIDUAL, v(act=act, residual=(False, False))),
                     (MISSING_RESIDUAL, v(act=act, residual=(False, True))),
                     (MISSING_RESIDUAL, v(act=act, residual=(True, False))),
                     (ENCODER_ADDS_PE, v(act=act, add_pe=True)),
                     (ENCODER_LN_PARAMS, v(act=act, shared_ln=True))]
        if norm_first:
            variants.append((PRENORM_RESIDUAL_NORMED, v(act=act, residual_normed=True)))
        if mask is not None:
            variants.append((ENCODER_IGNORES_MASK, v(act=act, mask=None)))
    return variants


def check_block(got, x, p, h, mask=None, norm_first=False):
    """Compare (out, weights) with the reference (either GELU form), naming known mistakes; otherwise say
    which of the two differs (right weights: the self-attention is right, the difference comes after it)
    and where: which positions of out, which heads of the weights."""
    wants = [block_variant(x, p, h, mask, norm_first, act) for act in GELUS]
    out, w = unpack(got, 2, "encoder_block(...)")
    out, w = expect_shape(out, wants[0][0].shape, "out"), expect_shape(w, wants[0][1].shape, "weights")
    out_ok, w_ok = any(matches(out, o) for o, _ in wants), matches(w, wants[0][1])
    if out_ok and w_ok:
        return out, w

    def wrong(got, var, right):
        return matches(got, var) and not any(matches(var, r) for r in right)
    for diag, var in block_variants(x, p, h, mask, norm_first):
        if wrong(out, var[0], [o for o, _ in wants]) or wrong(w, var[1], [wants[0][1]]):
            raise diag.failed()
    if w_ok:
        head = Text("Of encoder_block(...) = (out, weights), out differs but the attention weights are right: the "
                    "self-attention works, so look at what comes after it (the residual additions, the layer norms "
                    "and their parameters, the FFN). ",
                    "encoder_block(...) = (out, weights) 중 out은 다르지만 attention 가중치는 맞습니다: self-attention은 "
                    "맞으니 그 뒤(residual 덧셈, layer norm과 그 파라미터, FFN)를 보세요. ")
        item, want, where = out, wants[0][0], at(*SEQUENCE_POSITION)
    else:
        before = "LN_1(x), what the attention sees in pre-norm" if norm_first else "x itself in post-norm"
        before_ko = "pre-norm에서 attention이 보는 LN_1(x)" if norm_first else "post-norm에서는 x 자체"
        head = Text(f"Of encoder_block(...) = (out, weights), the attention weights differ{'' if out_ok else ' (and out)'}: "
                    f"look at the self-attention and its input ({before}) and at the mask. ",
                    f"encoder_block(...) = (out, weights) 중 attention 가중치가 다릅니다{'' if out_ok else ' (out도)'}: "
                    f"self-attention과 그 입력({before_ko}), 그리고 마스크를 보세요. ")
        item, want, where = w, wants[0][1], in_heads(axis=1)
    raise CheckFailed(head + difference(item, want, "out" if item is out else "weights",
                                        mismatch(item, want), where=where))


def shuffle(rng, n):
    perm = rng.permutation(n)
    return perm if np.any(perm != np.arange(n)) else perm[::-1].copy()


# --------------------------------------------------------------------------- layer_norm
@check("layer_norm", "γ (x − μ) / sqrt(σ² + ε) + β over the last axis on random inputs",
       "무작위 입력에서 마지막 축에 대한 γ (x − μ) / sqrt(σ² + ε) + β", weight=2)
def test_layer_norm_values(impl, rng):
    x = rng.normal(0.5, 1.5, (2, 3, D - 1))
    g, b = ln_params(rng, D - 1)
    check_ln(impl.layer_norm(x, g, b), x, g, b)
    expect_unchanged((x, g, b), impl.inputs_after, ("x", "gamma", "beta"))


@check("layer_norm", "rows with tiny or zero variance: finite, ε inside the square root",
       "분산이 아주 작거나 0인 행: 유한한 값, ε는 제곱근 안")
def test_layer_norm_tiny_variance(impl, rng):
    d = D - 1
    x = rng.normal(0, 1, (4, d))
    x[0] = 0.5                                        # constant row: exactly representable mean
    x[1] = 2.0 + 1e-3 * rng.normal(size=d)            # σ² ≈ 1e-6 < ε
    x[2] = -1.0 + 1e-4 * rng.normal(size=d)           # σ² ≈ 1e-8 ≪ ε
    g, b = ln_params(rng, d)
    arr = expect_shape(impl.layer_norm(x, g, b), x.shape, "layer_norm(x, gamma, beta)")
    if not np.all(np.isfinite(arr)):
        raise LN_MISSING_EPS.failed()
    check_ln(arr, x, g, b)


@check("layer_norm", "uses the eps it is given", "주어진 eps를 사용")
def test_layer_norm_eps(impl, rng):
    x = rng.normal(0, 0.5, (N, D))
    g, b = ln_params(rng, D)
    eps = float(rng.choice([0.05, 0.1, 0.2]))
    check_ln(impl.layer_norm(x, g, b, eps), x, g, b, eps, what=f"layer_norm(x, gamma, beta, eps={eps})")


# --------------------------------------------------------------------------- gelu
def check_gelu(got, x, what):
    def diagnose(arr):
        for diag, var in [(RELU_NOT_GELU, relu(x)), (GELU_SIGMOID, x / (1 + np.exp(-1.702 * x))),
                          (GELU_ERF_ARGUMENT, ref.gelu(x * np.sqrt(2.0)) / np.sqrt(2.0))]:
            if matches(arr, var):
                raise diag.failed()
    return expect_close(got, ref.gelu(x), what, rtol=0, atol=GELU_TOL, diagnose=diagnose, where=by_sign(x))


@check("gelu", "x Φ(x) on random inputs (exact form; the tanh approximation is accepted within 1e-3)",
       "무작위 입력에서 x Φ(x) (정확한 형태, tanh 근사는 1e-3 이내로 허용)", weight=2)
def test_gelu_values(impl, rng):
    x = rng.normal(0, 2.5, (N, T, D - 3))
    check_gelu(impl.gelu(x), x, "gelu(x)")
    expect_unchanged((x,), impl.inputs_after, ("x",))


@check("gelu", "GELU(0) = 0, GELU(x) − GELU(−x) = x, ≈ x for large x, ≈ 0 for very negative x, no NaN",
       "GELU(0) = 0, GELU(x) − GELU(−x) = x, x가 크면 ≈ x, 매우 음수이면 ≈ 0, NaN 없음")
def test_gelu_shape_of_curve(impl, rng):
    x = np.concatenate([[0.0, -40.0, 40.0, -1.0, 1.0], rng.uniform(0.1, 4, 5)])
    xs = np.concatenate([x, -x])
    arr = expect_shape(impl.gelu(xs), xs.shape, "gelu(x)")
    if not np.all(np.isfinite(arr)):
        fail("gelu gave NaN or infinity (try x = ±40).", "gelu 결과에 NaN 또는 무한대가 있습니다 (x = ±40에서 확인).")
    pos, neg = arr[: len(x)], arr[len(x):]
    if not np.allclose(pos - neg, x, atol=1e-6, rtol=0):
        fail("GELU(x) − GELU(−x) should equal x (since Φ(x) + Φ(−x) = 1).",
             "GELU(x) − GELU(−x)는 x와 같아야 합니다 (Φ(x) + Φ(−x) = 1이므로).")
    if not (abs(arr[0]) < 1e-9 and abs(arr[1]) < 1e-6 and abs(arr[2] - 40) < 1e-6):
        fail("GELU(0) should be 0, GELU(−40) ≈ 0 and GELU(40) ≈ 40.",
             "GELU(0)은 0, GELU(−40) ≈ 0, GELU(40) ≈ 40이어야 합니다.")
    check_gelu(arr, xs, "gelu(x)")


# --------------------------------------------------------------------------- feed_forward
@check("feed_forward", "GELU(x W_1 + b_1) W_2 + b_2 on random inputs (N, n, d_model)",
       "무작위 입력 (N, n, d_model)에서 GELU(x W_1 + b_1) W_2 + b_2", weight=2)
def test_feed_forward_values(impl, rng):
    x, p = rng.normal(size=(N, T, D)), ffn_params(rng)
    check_ffn(impl.feed_forward(x, p), x, p)
    expect_unchanged((x, p), impl.inputs_after, ("x", "params"))


@check("feed_forward", "position-wise: works on one sequence (n, d_model) and on a single position",
       "위치별 연산: 시퀀스 하나 (n, d_model)와 위치 하나에도 동작")
def test_feed_forward_positionwise(impl, rng):
    x, p = rng.normal(size=(T + 1, D)), ffn_params(rng)
    check_ffn(impl.feed_forward(x, p), x, p, "feed_forward(x of shape (n, d_model), params)")
    check_ffn(impl.feed_forward(x[:1], p), x[:1], p, "feed_forward(x of shape (1, d_model), params)")


# --------------------------------------------------------------------------- encoder_block
@check("encoder_block", "post-norm (norm_first=False): x = LN_1(x + MHA(x)); x = LN_2(x + FFN(x))",
       "post-norm (norm_first=False): x = LN_1(x + MHA(x)); x = LN_2(x + FFN(x))", weight=3)
def test_encoder_post_norm(impl, rng):
    x, p = rng.normal(size=(N, T, D)), block_params(rng)
    check_block(impl.encoder_block(x, p, H), x, p, H)
    expect_unchanged((x, p), impl.inputs_after, ("x", "params"))


@check("encoder_block", "pre-norm (norm_first=True): x = x + MHA(LN_1(x)); x = x + FFN(LN_2(x))",
       "pre-norm (norm_first=True): x = x + MHA(LN_1(x)); x = x + FFN(LN_2(x))", weight=2)
def test_encoder_pre_norm(impl, rng):
    x, p = rng.normal(size=(N, T, D)), block_params(rng)
    check_block(impl.encoder_block(x, p, H, None, True), x, p, H, None, True)


@check("encoder_block", "the mask reaches the self-attention (padding mask, causal mask)",
       "마스크가 self-attention에 전달됨 (padding 마스크, causal 마스크)")
def test_encoder_masked(impl, rng):
    x, p = rng.normal(size=(N, T, D)), block_params(rng)
    lengths = rng.integers(2, T, size=N)
    pad = (np.arange(T)[None, :] < lengths[:, None])[:, None, :]
    check_block(impl.encoder_block(x, p, H, pad), x, p, H, pad)
    causal = ref_attention.causal_mask(T)
    check_block(impl.encoder_block(x, p, H, causal, True), x, p, H, causal, True)


@check("encoder_block",
       "without positional encoding the block ignores order: reordering the tokens only reorders the output (and its values)",
       "positional encoding이 없으면 block은 순서를 모름: 토큰 순서를 바꾸면 출력 순서만 바뀜 (그리고 그 값)")
def test_encoder_permutation(impl, rng):
    x, p = rng.normal(size=(N, T, D)), block_params(rng)
    perm = shuffle(rng, T)
    got = unpack(impl.encoder_block(x, p, H), 2, "encoder_block(...)")
    out = got[0]
    out_p = unpack(impl.encoder_block(x[:, perm], p, H), 2, "encoder_block(...)")[0]
    out, out_p = expect_shape(out, x.shape, "out"), expect_shape(out_p, x.shape, "out")
    if not matches(out_p, out[:, perm]):
        for act in GELUS:
            if matches(out, block_variant(x, p, H, act=act, add_pe=True)[0]):
                raise ENCODER_ADDS_PE.failed()
        fail("Reordering the tokens changed the block's outputs, not only their order. Self-attention, layer "
             "norm and the FFN treat every position alike; the order only enters through the positional "
             "encoding added to the embeddings before the block (the lecture: without PE, order is ignored).",
             "토큰 순서를 바꾸자 출력의 순서만이 아니라 값도 바뀌었습니다. self-attention, layer norm, FFN은 모든 "
             "위치를 똑같이 다룹니다. 순서 정보는 block 전에 임베딩에 더하는 positional encoding으로만 들어옵니다 "
             "(강의: PE가 없으면 순서를 무시).")
    check_block(got, x, p, H)


@check("encoder_block", "with a causal mask, changing later tokens never changes earlier outputs (pre- and post-norm, and their values)",
       "causal 마스크를 쓰면 뒤의 토큰을 바꿔도 앞 위치의 출력이 바뀌지 않음 (pre-norm, post-norm, 그리고 그 값)")
def test_encoder_causal(impl, rng):
    x, p = rng.normal(size=(N, T, D)), block_params(rng)
    causal = ref_attention.causal_mask(T)
    t = int(rng.integers(1, T - 1))
    x2 = x.copy()
    x2[:, t:] = rng.normal(size=(N, T - t, D))
    for norm_first in (False, True):
        got = unpack(impl.encoder_block(x, p, H, causal, norm_first), 2, "encoder_block(...)")
        out = expect_shape(got[0], x.shape, "out")
        out2 = expect_shape(unpack(impl.encoder_block(x2, p, H, causal, norm_first), 2, "encoder_block(...)")[0],
                            x.shape, "out")
        if not matches(out[:, :t], out2[:, :t]):
            for act in GELUS:
                if matches(out, block_variant(x, p, H, None, norm_first, act)[0]):
                    raise ENCODER_IGNORES_MASK.failed()
            fail(f"With a causal mask, changing the tokens from position {t} on changed the outputs before it.",
                 f"causal 마스크를 썼는데 위치 {t}부터의 토큰을 바꾸자 그 앞의 출력이 바뀌었습니다.")
        check_block(got, x, p, H, causal, norm_first)
