"""Self-checks of the bptt assignment: what ``check(rnn_step_backward)`` runs in the notebook, and
``grad_check``, the gradient-check tool students run on their own backward functions.

The checks are registered with the shared core (``seqlab_selfcheck.py``, a copy of
``seqlab/selfcheck.py``) and speak through its helpers, in the release language. This file is
released to students: it holds shapes, properties and worked examples small enough to verify by
hand (tanh(ln 2) = 3/5, tanh(ln 3) = 4/5, so 1 − tanh² = 16/25 and 9/25; gates saturated by a bias
of ±30; a state that stays 0 so that tanh′ = 1 and only W_hh scales the gradient; the 3-4-5
triangle for clipping), never reference outputs on random data and never solution code.

The gradient check (CS231n's habit) needs no reference either: it differentiates the student's
OWN forward function by centred finite differences, ``(L(θ + ε) − L(θ − ε)) / 2ε`` with ε = 1e-6 in
float64, for the loss ``L = Σ ⟨upstream, output⟩`` whose gradient with respect to the outputs is the
upstream gradient itself, and shows the relative error ``‖analytic − numeric‖ / (‖analytic‖ +
‖numeric‖)`` of every gradient: about 1e-9 or less when a backward function is right.

Warnings: the hidden checks record numpy's warnings without judging them (they judge values), so
these self-checks run the student's code the same way: warnings recorded and ignored, numpy's
error state "warn" whatever the notebook set.
"""
import inspect
import warnings

import numpy as np

import seqlab_selfcheck as _core
from seqlab_selfcheck import (SelfCheckFailed, check, check_all, close, expect, grade, items, run, say, selfcheck,  # noqa: F401
                              shape, use_language)

# Sizes of the examples: all different, so a transposed weight or a wrong axis shows up.
N, D, H, T = 2, 3, 4, 5
LN2, LN3 = np.log(2.0), np.log(3.0)
# tanh of these is (0, 3/5, −3/5, 4/5): tanh(ln a) = (a − 1/a) / (a + 1/a); 1 − tanh² = (1, 16/25, 16/25, 9/25).
TANH_IN = np.array([0.0, LN2, -LN2, LN3])
TANH_OUT = np.array([0.0, 0.6, -0.6, 0.8])
TANH_GRAD = np.array([1.0, 0.64, 0.64, 0.36])
SHIFT = np.eye(H, k=1)            # SHIFT[j, j+1] = 1: unit j of h_{t-1} feeds unit j+1 of h_t
EPS, TOL = 1e-6, 1e-5
_core.student_functions("rnn_step", "rnn_forward", "rnn_step_backward", "rnn_backward", "lstm_step_backward",
                        "lstm_backward", "clip_grad_norm")
RNN_KEYS = ("W_xh", "W_hh", "b_h")
LSTM_KEYS = tuple(k for g in "fiog" for k in (f"W_x{g}", f"W_h{g}", f"b_{g}"))


# --------------------------------------------------------------------------- helpers
_copy = _core.copy_input
_near = _core.near
_fail = _core.fail


def _quietly(fn, *args):
    """Run student code as the grader does: numpy warnings recorded (not judged), error state "warn"."""
    with warnings.catch_warnings(record=True), np.errstate(all="warn"):
        warnings.simplefilter("always")
        return fn(*args)


def _call(fn, *args, copy=True, checked=None):
    return _quietly(lambda: _core.call(fn, *args, copy=copy, checked=checked))


_sibling = _core.sibling


def _checked_sibling(fn, name):
    """The notebook's ``name``, after its own self-checks pass (the gradient check differentiates it)."""
    found = _sibling(fn, name)
    result = run(found, name)
    if not result.passed:
        if "NotImplementedError" in result.message.en:
            _fail(f"{name} is not implemented yet, and checking {fn.__name__} needs it: finish {name} first.",
                  f"{name}이(가) 아직 구현되지 않았는데 {fn.__name__}을(를) 점검하려면 필요합니다: {name}부터 완성하세요.")
        _fail(f"The gradient check of {fn.__name__} differentiates your {name}, which does not pass its own "
              f"self-checks yet: run check({name}) and fix it first.",
              f"{fn.__name__}의 gradient check는 여러분의 {name}을(를) 미분하는데, {name}이(가) 아직 자가 점검을 "
              f"통과하지 못합니다: check({name})을 실행해 먼저 고치세요.")
    return found


def _rnn_params(scale=0.0, seed=0, d=D, h=H):
    rng = np.random.default_rng(seed)
    sizes = {"W_xh": (d, h), "W_hh": (h, h), "b_h": (h,)}
    return {k: rng.normal(0.0, scale, s) if scale else np.zeros(s) for k, s in sizes.items()}


def _lstm_params(scale=0.0, seed=0, d=D, h=H):
    rng = np.random.default_rng(seed)
    p = {}
    for g in "fiog":
        for key, size in ((f"W_x{g}", (d, h)), (f"W_h{g}", (h, h)), (f"b_{g}", (h,))):
            p[key] = rng.normal(0.0, scale, size) if scale else np.zeros(size)
    return p


def _random(seed, *shape):
    return np.random.default_rng(seed).normal(size=shape)


def _hs(value, t, what="hs", last=D):
    """A batch-first sequence (N, t, last); says so when it is time-major."""
    arr = _core.array(value, what)
    if arr.shape == (t, N, last) and t != N:
        _fail(f"{what} has shape {arr.shape}, i.e. (T, N, …). The course is batch-first: time is axis 1, so "
              f"{what} has shape {(N, t, last)}.",
              f"{what}의 shape이 {arr.shape}, 즉 (T, N, …)입니다. 이 과정은 batch-first입니다: 시간은 axis 1이므로 "
              f"{what}의 shape은 {(N, t, last)}입니다.")
    return shape(value, (N, t, last), what)


def _grads(value, params, keys, fn_name):
    """The returned grads: a dict with every key of ``keys``, each the shape of its weight."""
    expect(isinstance(value, dict), f"{fn_name} returns grads as a dict keyed {', '.join(keys)}; got "
                                    f"{type(value).__name__}.",
           f"{fn_name}은(는) grads를 {', '.join(keys)}를 키로 갖는 dict로 반환합니다. 받은 것: {type(value).__name__}.")
    missing = [k for k in keys if k not in value]
    expect(not missing, f"grads has no key {missing[0] if missing else ''!r}: it holds the gradient of every weight "
                        f"the function uses, {', '.join(keys)}.",
           f"grads에 키 {missing[0] if missing else ''!r}가 없습니다: 함수가 쓰는 모든 가중치 {', '.join(keys)}의 "
           "gradient를 담아야 합니다.")
    for k in keys:
        got = _core.array(value[k], f"grads[{k!r}]")
        if got.shape == np.shape(params[k])[::-1] != np.shape(params[k]):
            _fail(f"grads[{k!r}] has shape {got.shape}, the transpose of {k}'s {np.shape(params[k])}. A gradient has "
                  f"the shape of its variable: for a = x W, dW = xᵀ da (not daᵀ x).",
                  f"grads[{k!r}]의 shape {got.shape}은 {k}의 shape {np.shape(params[k])}을 전치한 것입니다. gradient는 "
                  "변수와 같은 shape입니다: a = x W이면 dW = xᵀ da입니다 (daᵀ x가 아님).")
        shape(got, np.shape(params[k]), f"grads[{k!r}]")
    extra = sorted(set(value) - set(keys))
    if extra:        # the hidden checks show this without taking points: say it, do not fail
        print(say(f"Note: grads also holds {extra}; it should hold exactly the keys of the weights this function "
                  f"uses ({', '.join(keys)}), whatever else params holds.",
                  f"참고: grads에 {extra}도 있습니다. params에 무엇이 더 있든, 이 함수가 쓰는 가중치의 키"
                  f"({', '.join(keys)})만 있어야 합니다."))
    return {k: np.asarray(value[k], dtype=np.float64) for k in keys}


def _unchanged(fn, args, names):
    """Call ``fn`` on the inputs themselves and check it left every one of them as it was."""
    originals = [_copy(a) for a in args]
    _call(fn, *args, copy=False)
    for name, now, before in zip(names, args, originals):
        same = (all(np.array_equal(now[k], before[k]) for k in before) if isinstance(before, dict)
                else np.array_equal(now, before))
        expect(same,
               f"{fn.__name__} changed its input {name} in place. Build the result as a new array (in-place "
               "operations such as *= and += overwrite the caller's array, which may still need it; copy first).",
               f"{fn.__name__}이(가) 입력 {name}을(를) 제자리에서 바꿨습니다. 결과는 새 배열로 만드세요 (*=, += 같은 "
               "제자리 연산은 호출한 쪽이 아직 쓰는 배열을 덮어씁니다. 먼저 복사하세요).")


# --------------------------------------------------------------------------- the gradient check
def _float64(value):
    if isinstance(value, dict):
        return {k: np.array(v, dtype=np.float64) for k, v in value.items()}
    return np.array(value, dtype=np.float64)


def _leaves(value):
    """What a forward function returned, nested tuples flattened: (hs, (h_T, c_T)) → [hs, h_T, c_T]."""
    if isinstance(value, (tuple, list)):
        return [a for v in value for a in _leaves(v)]
    return [value]


def _outputs(value):
    return [np.asarray(v, dtype=np.float64) for v in _leaves(value)]


def _input_names(forward, n):
    try:
        names = [p.name for p in inspect.signature(forward).parameters.values()][:n]
    except (TypeError, ValueError):
        names = []
    return names + [f"input{i}" for i in range(len(names), n)]


def _upstream_count(backward, n_inputs):
    try:
        return len(inspect.signature(backward).parameters) - n_inputs
    except (TypeError, ValueError):
        return 1


def _rel_error(a, b):
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


def _gradient_errors(backward, forward, inputs, upstream=None, eps=EPS, seed=0):
    """[(name, relative error, time steps that differ, problem)] for every gradient backward returns."""
    inputs = [_float64(v) for v in inputs]
    raw = _quietly(forward, *[_copy(v) for v in inputs])
    low_precision = any(np.asarray(o).dtype != np.float64 for o in _leaves(raw))
    outs = _outputs(raw)
    if upstream is None:
        k = _upstream_count(backward, len(inputs))
        if not 1 <= k <= len(outs):
            _fail(f"grad_check could not pair {getattr(backward, '__name__', 'backward')}'s upstream gradients with "
                  "the forward's outputs: pass them as upstream=(dh, ...).",
                  f"grad_check가 {getattr(backward, '__name__', 'backward')}의 upstream gradient를 순전파 출력과 짝지을 "
                  "수 없습니다: upstream=(dh, ...)로 넘기세요.")
        rng = np.random.default_rng(seed)
        upstream = [rng.normal(size=o.shape) for o in outs[:k]]
    upstream = [np.asarray(u, dtype=np.float64) for u in upstream]

    def loss():
        got = _outputs(_quietly(forward, *[_copy(v) for v in inputs]))
        return sum(float(np.sum(u * o)) for u, o in zip(upstream, got))

    def numeric(arr):
        grad = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            old = arr[idx]
            arr[idx] = old + eps
            plus = loss()
            arr[idx] = old - eps
            minus = loss()
            arr[idx] = old
            grad[idx] = (plus - minus) / (2 * eps)
        return grad

    name = getattr(backward, "__name__", "backward")
    analytic = items(_quietly(backward, *[_copy(u) for u in upstream], *[_copy(v) for v in inputs]),
                     len(inputs), f"{name}(...)")
    records = []
    for arg, value, got in zip(_input_names(forward, len(inputs)), inputs, analytic):
        pairs = ([(f"grads[{k!r}]", value[k], got.get(k) if isinstance(got, dict) else None) for k in value]
                 if isinstance(value, dict) else [(f"d{arg}", value, got)])
        for label, var, g in pairs:
            if g is None:
                records.append((label, float("inf"), [], say("missing", "없음")))
                continue
            g = np.asarray(g, dtype=np.float64)
            if g.shape != var.shape:
                records.append((label, float("inf"), [], say(f"shape {g.shape}, should be {var.shape}",
                                                             f"shape {g.shape}, {var.shape}이어야 함")))
                continue
            num = numeric(var)
            steps = []
            if var.ndim == 3:               # a sequence (N, T, ·): which time steps differ
                steps = [t for t in reversed(range(var.shape[1])) if _rel_error(g[:, t], num[:, t]) > TOL]
            records.append((label, _rel_error(g, num), steps, ""))
    if low_precision:
        records.append(("", float("nan"), [], say("the forward returned less than float64: finite differences need "
                                                  "float64", "순전파가 float64보다 낮은 정밀도를 반환했습니다: 유한 차분에는 "
                                                  "float64가 필요합니다")))
    return records


def _steps_text(steps, t_total):
    if not steps:
        return ""
    right = [t for t in range(t_total) if t not in steps]
    return say(f"differs at time steps t = {', '.join(map(str, steps))}" + (f"; right at t = {', '.join(map(str, right))}"
                                                                             if right else ""),
               f"시점 t = {', '.join(map(str, steps))}에서 다름" + (f"; t = {', '.join(map(str, right))}에서는 맞음"
                                                                   if right else ""))


def grad_check(backward, forward, *inputs, upstream=None, eps=EPS, seed=0, verbose=True):
    """Compare ``backward``'s gradients with centred finite differences of YOUR ``forward``.

        grad_check(rnn_step_backward, rnn_step, x_t, h_prev, params)
        grad_check(rnn_backward, rnn_forward, x, h0, params)
        grad_check(lstm_step_backward, lstm_step, x_t, h_prev, c_prev, params)

    ``inputs`` are the forward function's inputs; ``backward`` takes the upstream gradients first (one
    per output it differentiates: dh_t, or dh_t and dc_t, or dhs), then the same inputs, and returns one
    gradient per input (a dict of gradients for a dict of weights). The upstream gradients are random
    (``seed``) unless given as ``upstream=(...)``. The loss is L = Σ ⟨upstream, output⟩; each input entry
    is moved by ±ε (float64) and (L(+ε) − L(−ε)) / 2ε is compared with your gradient. Prints the relative
    error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) of every gradient (about 1e-9 or less when
    right) and returns them as a dict.
    """
    records = _gradient_errors(backward, forward, inputs, upstream, eps, seed)
    if verbose:
        print(say(f"gradient check of {getattr(backward, '__name__', 'backward')} against finite differences of "
                  f"{getattr(forward, '__name__', 'forward')} (ε = {eps:g})",
                  f"{getattr(forward, '__name__', 'forward')}의 유한 차분으로 "
                  f"{getattr(backward, '__name__', 'backward')}의 gradient 점검 (ε = {eps:g})"))
        width = max([len(r[0]) for r in records] + [8])
        for label, err, steps, problem in records:
            if not label:
                print("  ! " + problem)
                continue
            mark = "✓" if err <= TOL else "✗"
            t_total = next((np.shape(v)[1] for v in inputs if not isinstance(v, dict) and np.ndim(v) == 3), 0)
            detail = problem or _steps_text(steps, t_total)
            print(f"  {label:<{width}}  {say('relative error', '상대 오차')} {err:.1e}  {mark}"
                  + (f"  ({detail})" if detail else ""))
    return {label: err for label, err, _, _ in records if label}


def _expect_gradients_match(backward, forward_name, inputs, what_en, what_ko):
    """The self-check form of grad_check: fail on the first gradient that differs from finite differences."""
    forward = _checked_sibling(backward, forward_name)
    t_total = next((np.shape(v)[1] for v in inputs if not isinstance(v, dict) and np.ndim(v) == 3), 0)
    for label, err, steps, problem in _gradient_errors(backward, forward, inputs):
        if not label or err <= TOL:
            continue
        detail = problem or _steps_text(steps, t_total)
        if steps and steps[0] != t_total - 1:
            detail += say(" — the last step, where BPTT starts, is right: look at what step t+1 passes back to step t",
                          " — BPTT가 시작하는 마지막 시점은 맞습니다: 시점 t+1이 시점 t로 넘겨주는 값을 보세요")
        _fail(f"{label} does not match the finite differences of your {forward_name} on {what_en}: relative error "
              f"{err:.1e}, where right gradients give about 1e-9 (below {TOL:g} expected)"
              f"{'; ' + detail if detail else ''}. Run grad_check({backward.__name__}, {forward_name}, ...) to see "
              "every gradient.",
              f"{what_ko}에서 {label}이(가) 여러분의 {forward_name}의 유한 차분과 맞지 않습니다: 상대 오차 {err:.1e}, "
              f"맞는 gradient라면 약 1e-9입니다 ({TOL:g} 미만이어야 함){'; ' + detail if detail else ''}. "
              f"grad_check({backward.__name__}, {forward_name}, ...)로 모든 gradient를 보세요.")


# --------------------------------------------------------------------------- rnn_step
@selfcheck("rnn_step")
def rnn_step_shape_and_range(rnn_step):
    x, h, p = _random(1, N, D), _random(2, N, H), _rnn_params(scale=1.0, seed=3)
    h_t = shape(_call(rnn_step, x, h, p), (N, H), "h_t")
    expect(np.all(np.abs(h_t) < 1), "h_t has values outside (−1, 1); h_t = tanh(·) stays inside.",
           "h_t에 (−1, 1) 밖의 값이 있습니다. h_t = tanh(·)는 그 안에 있습니다.")
    expect(np.any(h_t < 0), "h_t has no negative values although the inputs are mixed: the plain RNN uses tanh "
                            "(range (−1, 1)), not σ.",
           "입력이 섞여 있는데 h_t에 음수가 없습니다: 기본 RNN은 σ가 아니라 tanh(범위 (−1, 1))를 씁니다.")
    _unchanged(rnn_step, (x, h, p), ("x_t", "h_prev", "params"))


@selfcheck("rnn_step")
def rnn_step_bias_only(rnn_step):
    p = _rnn_params()
    p["b_h"] = TANH_IN.copy()
    h_t = shape(_call(rnn_step, _random(4, N, D), _random(5, N, H), p), (N, H), "h_t")
    if _near(h_t, np.tile(1 / (1 + np.exp(-TANH_IN)), (N, 1))):
        _fail("With zero weights h_t should be tanh(b_h) = [0, 0.6, −0.6, 0.8], but yours is σ(b_h): the plain RNN "
              "of this assignment uses f = tanh.",
              "가중치가 0이면 h_t = tanh(b_h) = [0, 0.6, −0.6, 0.8]이어야 하는데 σ(b_h)가 나왔습니다: 이 과제의 "
              "기본 RNN은 f = tanh를 씁니다.")
    close(h_t, np.tile(TANH_OUT, (N, 1)), "h_t",
          "With all weights 0, h_t = tanh(b_h) in every row; for b_h = [0, ln 2, −ln 2, ln 3] that is "
          "[0, 0.6, −0.6, 0.8] (tanh(ln a) = (a − 1/a) / (a + 1/a)). Is + b_h inside the tanh?",
          "가중치가 모두 0이면 모든 행에서 h_t = tanh(b_h)입니다. b_h = [0, ln 2, −ln 2, ln 3]이면 "
          "[0, 0.6, −0.6, 0.8]입니다 (tanh(ln a) = (a − 1/a) / (a + 1/a)). tanh 안에 + b_h를 더했나요?")


@selfcheck("rnn_step")
def rnn_step_input_and_recurrent_terms(rnn_step):
    p = _rnn_params()
    p["W_xh"] = np.full((D, H), LN3 / D)
    close(_call(rnn_step, np.ones((N, D)), np.zeros((N, H)), p), np.full((N, H), 0.8), "h_t",
          "Only W_xh is nonzero (every entry ln 3 / D) and x_t = 1, so x_t W_xh = ln 3 and h_t = tanh(ln 3) = 0.8.",
          "W_xh만 0이 아니고 (모든 원소 ln 3 / D) x_t = 1이므로 x_t W_xh = ln 3, h_t = tanh(ln 3) = 0.8입니다.")
    p = _rnn_params()
    p["W_hh"] = LN3 * SHIFT
    h_prev = np.tile(np.eye(H)[1], (N, 1))                      # unit 1 on
    got = shape(_call(rnn_step, np.ones((N, D)), h_prev, p), (N, H), "h_t")
    if _near(got, np.tile(0.8 * np.eye(H)[0], (N, 1))):
        _fail("W_hh is used transposed: h_{t−1} = [0, 1, 0, 0] and only W_hh[1, 2] = ln 3 is nonzero, so "
              "h_{t−1} W_hh puts ln 3 on unit 2 and h_t = [0, 0, 0.8, 0]; yours lit unit 0, i.e. h_{t−1} W_hhᵀ. "
              "Row vectors multiply weights on the right (W_hh is square, so the shapes do not tell).",
              "W_hh를 전치해서 썼습니다: h_{t−1} = [0, 1, 0, 0]이고 W_hh[1, 2] = ln 3만 0이 아니므로 h_{t−1} W_hh는 "
              "유닛 2에 ln 3을 주고 h_t = [0, 0, 0.8, 0]입니다. 여러분의 결과는 유닛 0, 즉 h_{t−1} W_hhᵀ입니다. "
              "행 벡터는 가중치를 오른쪽에 곱합니다 (W_hh는 정사각이라 shape으로는 드러나지 않습니다).")
    close(got, np.tile(0.8 * np.eye(H)[2], (N, 1)), "h_t",
          "Here h_{t−1} = [0, 1, 0, 0] and only W_hh[1, 2] = ln 3 is nonzero: unit 1 of h_{t−1} feeds unit 2 of h_t, "
          "so h_{t−1} W_hh = [0, 0, ln 3, 0] and h_t = [0, 0, 0.8, 0]. Is the recurrent term h_{t−1} W_hh in the sum?",
          "여기서 h_{t−1} = [0, 1, 0, 0]이고 W_hh[1, 2] = ln 3만 0이 아닙니다: h_{t−1}의 유닛 1이 h_t의 유닛 2로 "
          "가므로 h_{t−1} W_hh = [0, 0, ln 3, 0], h_t = [0, 0, 0.8, 0]입니다. 순환 항 h_{t−1} W_hh를 더했나요?")


@selfcheck("rnn_step")
def rnn_step_saturates(rnn_step):
    p = _rnn_params()
    p["b_h"] = np.array([-1000.0, 1000.0, -30.0, 30.0])
    h_t = shape(_call(rnn_step, _random(6, N, D), _random(7, N, H), p), (N, H), "h_t")
    expect(np.all(np.isfinite(h_t)),
           "h_t has NaN or inf for pre-activations of ±1000: e^1000 does not fit in a float, so "
           "(e^a − e^−a) / (e^a + e^−a) gives inf / inf. np.tanh handles every a.",
           "pre-activation이 ±1000일 때 h_t에 NaN 또는 inf가 있습니다: e^1000은 float로 나타낼 수 없어 "
           "(e^a − e^−a) / (e^a + e^−a)가 inf / inf가 됩니다. np.tanh는 모든 a를 처리합니다.")
    close(h_t, np.tile([-1.0, 1.0, -1.0, 1.0], (N, 1)), "h_t",
          "With zero weights and b_h = [−1000, 1000, −30, 30], tanh saturates: h_t = [−1, 1, −1, 1].",
          "가중치가 0이고 b_h = [−1000, 1000, −30, 30]이면 tanh가 포화됩니다: h_t = [−1, 1, −1, 1].")


# --------------------------------------------------------------------------- rnn_forward
def _forward_result(value, t):
    hs, h_T = items(value, 2, "rnn_forward(...)")
    return _hs(hs, t, "hs", H), shape(h_T, (N, H), "h_T")


@selfcheck("rnn_forward")
def rnn_forward_shapes_and_last_state(rnn_forward):
    x, h0, p = _random(8, N, T, D), _random(9, N, H), _rnn_params(scale=0.6, seed=10)
    hs, h_T = _forward_result(_call(rnn_forward, x, h0, p), T)
    close(h_T, hs[:, -1], "h_T",
          "The returned h_T must be the state after the last step, i.e. equal to hs[:, −1].",
          "반환한 h_T는 마지막 시점 이후의 상태, 즉 hs[:, −1]과 같아야 합니다.")
    _unchanged(rnn_forward, (x, h0, p), ("x", "h0", "params"))


@selfcheck("rnn_forward")
def rnn_forward_length_one_is_one_step(rnn_forward):
    x, h0, p = _random(11, N, 1, D), _random(12, N, H), _rnn_params(scale=0.6, seed=13)
    hs, h_T = _forward_result(_call(rnn_forward, x, h0, p), 1)
    h1 = shape(_call(_checked_sibling(rnn_forward, "rnn_step"), x[:, 0], h0, p, checked="rnn_forward"), (N, H),
               "rnn_step(...)")
    what = ("A sequence of length T = 1 is exactly one rnn_step(x[:, 0], h0, params). Start from the given h0 "
            "(not from zeros).",
            "길이 T = 1인 시퀀스는 rnn_step(x[:, 0], h0, params) 한 번과 정확히 같습니다. 0이 아니라 주어진 h0에서 "
            "시작하세요.")
    close(hs[:, 0], h1, "hs[:, 0]", *what)
    close(h_T, h1, "h_T", *what)


@selfcheck("rnn_forward")
def rnn_forward_each_step_feeds_the_next(rnn_forward):
    x, h0, p = _random(14, N, T, D), _random(15, N, H), _rnn_params(scale=0.6, seed=16)
    hs, _ = _forward_result(_call(rnn_forward, x, h0, p), T)
    step = _checked_sibling(rnn_forward, "rnn_step")
    for t in range(hs.shape[1]):
        h_prev = h0 if t == 0 else hs[:, t - 1]
        want = shape(_call(step, x[:, t], h_prev, p, checked="rnn_forward"), (N, H), "rnn_step(...)")
        close(hs[:, t], want, f"hs[:, {t}]",
              f"Step t = {t} must be rnn_step(x[:, {t}], {'h0' if t == 0 else f'hs[:, {t - 1}]'}, params): "
              + ("the sequence starts from the given h0." if t == 0 else
                 "each step starts from the state the step before produced."),
              f"시점 t = {t}은(는) rnn_step(x[:, {t}], {'h0' if t == 0 else f'hs[:, {t - 1}]'}, params)여야 합니다: "
              + ("시퀀스는 주어진 h0에서 시작합니다." if t == 0 else "각 시점은 이전 시점이 만든 상태에서 시작합니다."))


# --------------------------------------------------------------------------- rnn_step_backward
def _rnn_step_backward_result(value, params, name="rnn_step_backward"):
    dx, dh_prev, grads = items(value, 3, f"{name}(...)")
    return (shape(dx, (N, D), "dx_t"), shape(dh_prev, (N, H), "dh_prev"),
            _grads(grads, params, RNN_KEYS, name))


@selfcheck("rnn_step_backward")
def rnn_step_backward_returns(rnn_step_backward):
    dh, x, h = _random(20, N, H), _random(21, N, D), _random(22, N, H)
    p = _rnn_params(scale=0.6, seed=23)
    p_extra = dict(p, W_hy=_random(24, H, 2))          # a weight the step does not use
    _rnn_step_backward_result(_call(rnn_step_backward, dh, x, h, p_extra), p)
    _unchanged(rnn_step_backward, (dh, x, h, p), ("dh_t", "x_t", "h_prev", "params"))


@selfcheck("rnn_step_backward")
def rnn_step_backward_through_the_tanh(rnn_step_backward):
    p = _rnn_params()
    p["W_xh"], p["W_hh"], p["b_h"] = np.ones((D, H)), SHIFT.copy(), TANH_IN.copy()
    x, h, dh = np.zeros((N, D)), np.zeros((N, H)), np.ones((N, H))
    dx, dh_prev, grads = _rnn_step_backward_result(_call(rnn_step_backward, dh, x, h, p), p)
    setting = ("Here x_t = 0 and h_{t−1} = 0, so a_t = b_h = [0, ln 2, −ln 2, ln 3], h_t = [0, 0.6, −0.6, 0.8] and, "
               "with dh_t = 1, da_t = dh_t ⊙ (1 − h_t²) = [1, 0.64, 0.64, 0.36] in each of the N = 2 rows. ",
               "여기서 x_t = 0, h_{t−1} = 0이므로 a_t = b_h = [0, ln 2, −ln 2, ln 3], h_t = [0, 0.6, −0.6, 0.8]이고, "
               "dh_t = 1이면 N = 2개 행 각각에서 da_t = dh_t ⊙ (1 − h_t²) = [1, 0.64, 0.64, 0.36]입니다. ")
    db = grads["b_h"]
    if _near(db, 2 * (1 - TANH_IN ** 2)):
        _fail(setting[0] + "Your grads['b_h'] used 1 − a_t² from the pre-activation: tanh′(a_t) = 1 − tanh²(a_t) = 1 − h_t².",
              setting[1] + "grads['b_h']가 pre-activation으로 1 − a_t²를 썼습니다: tanh′(a_t) = 1 − tanh²(a_t) = 1 − h_t²입니다.")
    if _near(db, np.full(H, 2.0)):
        _fail(setting[0] + "Your grads['b_h'] is [2, 2, 2, 2], as if tanh′ were 1 everywhere: the factor (1 − h_t²) "
                           "is missing, or was computed from h_{t−1} (which is 0 here) instead of this step's h_t.",
              setting[1] + "grads['b_h']가 [2, 2, 2, 2]로, tanh′이 모두 1인 것과 같습니다: 인자 (1 − h_t²)가 빠졌거나, "
                           "이 시점의 h_t 대신 h_{t−1}(여기서는 0)로 계산했습니다.")
    if _near(db, TANH_GRAD):
        _fail(setting[0] + "Your grads['b_h'] is the mean over the batch; b_h is added to every row, so its gradient "
                           "is the SUM over the batch: [2, 1.28, 1.28, 0.72].",
              setting[1] + "grads['b_h']가 배치 평균입니다. b_h는 모든 행에 더해지므로 gradient는 배치에 대한 합입니다: "
                           "[2, 1.28, 1.28, 0.72].")
    close(db, 2 * TANH_GRAD, "grads['b_h']", setting[0] + "Summed over the batch: db_h = [2, 1.28, 1.28, 0.72].",
          setting[1] + "배치에 대해 합하면 db_h = [2, 1.28, 1.28, 0.72]입니다.")
    close(dx, np.full((N, D), 2.64), "dx_t",
          setting[0] + "W_xh is all ones, so every entry of dx_t = da_t W_xhᵀ is 1 + 0.64 + 0.64 + 0.36 = 2.64.",
          setting[1] + "W_xh가 모두 1이므로 dx_t = da_t W_xhᵀ의 모든 원소는 1 + 0.64 + 0.64 + 0.36 = 2.64입니다.")
    if _near(dh_prev, np.tile([0.0, 1.0, 0.64, 0.64], (N, 1))):
        _fail(setting[0] + "W_hh[j, j+1] = 1 sends unit j of h_{t−1} to unit j+1 of h_t, so the gradient of unit j+1 "
                           "comes back to unit j: dh_{t−1} = da_t W_hhᵀ = [0.64, 0.64, 0.36, 0]. Yours moved it the "
                           "other way (da_t W_hh): the transpose is missing (W_hh is square, so the shapes do not tell).",
              setting[1] + "W_hh[j, j+1] = 1은 h_{t−1}의 유닛 j를 h_t의 유닛 j+1로 보내므로, 유닛 j+1의 gradient가 유닛 j로 "
                           "돌아옵니다: dh_{t−1} = da_t W_hhᵀ = [0.64, 0.64, 0.36, 0]. 여러분은 반대로(da_t W_hh) 옮겼습니다: "
                           "전치가 빠졌습니다 (W_hh는 정사각이라 shape으로는 드러나지 않습니다).")
    close(dh_prev, np.tile([0.64, 0.64, 0.36, 0.0], (N, 1)), "dh_prev",
          setting[0] + "W_hh[j, j+1] = 1 sends unit j of h_{t−1} to unit j+1, so dh_{t−1} = da_t W_hhᵀ = [0.64, 0.64, 0.36, 0].",
          setting[1] + "W_hh[j, j+1] = 1은 h_{t−1}의 유닛 j를 유닛 j+1로 보내므로 dh_{t−1} = da_t W_hhᵀ = "
                       "[0.64, 0.64, 0.36, 0]입니다.")
    for key, factor in (("W_xh", "x_t"), ("W_hh", "h_{t−1}")):
        close(grads[key], np.zeros_like(p[key]), f"grads[{key!r}]",
              f"With {factor} = 0, d{key} = {factor}ᵀ da_t = 0" + (" (W_hh multiplies the state that ENTERED the "
                                                                 "step, h_{t−1}, not h_t)." if key == "W_hh" else "."),
              f"{factor} = 0이면 d{key} = {factor}ᵀ da_t = 0입니다" + (" (W_hh는 이 시점에 들어온 상태 h_{t−1}에 "
                                                                    "곱해지며 h_t가 아닙니다)." if key == "W_hh" else "."))


@selfcheck("rnn_step_backward")
def rnn_step_backward_weight_gradients(rnn_step_backward):
    p = _rnn_params()
    p["b_h"] = TANH_IN.copy()                               # zero weights: h_t = tanh(b_h) whatever x_t, h_{t−1}
    x = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 0.0]])
    h = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 2.0]])
    _, _, grads = _rnn_step_backward_result(_call(rnn_step_backward, np.ones((N, H)), x, h, p), p)
    d = TANH_GRAD
    want_xh, want_hh = np.stack([d, d, 2 * d]), np.stack([d, 0 * d, 0 * d, 2 * d])
    setting = ("All weights are 0 and b_h = [0, ln 2, −ln 2, ln 3], so h_t = [0, 0.6, −0.6, 0.8] in both rows and, with "
               "dh_t = 1, da_t = [1, 0.64, 0.64, 0.36] =: d in both rows. ",
               "가중치가 모두 0이고 b_h = [0, ln 2, −ln 2, ln 3]이므로 두 행 모두 h_t = [0, 0.6, −0.6, 0.8]이고, "
               "dh_t = 1이면 두 행 모두 da_t = [1, 0.64, 0.64, 0.36] =: d입니다. ")
    if _near(grads["W_hh"], want_hh.T):
        _fail(setting[0] + "grads['W_hh'] is transposed: dW_hh = h_{t−1}ᵀ da_t (row j = Σ_n h_{t−1}[n, j] · da_t[n]), "
                           "not da_tᵀ h_{t−1}; W_hh is square, so the shapes do not tell.",
              setting[1] + "grads['W_hh']가 전치되었습니다: dW_hh = h_{t−1}ᵀ da_t (j행 = Σ_n h_{t−1}[n, j] · da_t[n])이며 "
                           "da_tᵀ h_{t−1}가 아닙니다. W_hh는 정사각이라 shape으로는 드러나지 않습니다.")
    close(grads["W_xh"], want_xh, "grads['W_xh']",
          setting[0] + "dW_xh = x_tᵀ da_t: row j of it is Σ_n x_t[n, j] · da_t[n], so for x_t = [[1, 0, 2], [0, 1, 0]] "
                       "the rows are d, d and 2d. (1 − h_t² comes from this step's output h_t, not from h_{t−1}.)",
          setting[1] + "dW_xh = x_tᵀ da_t: j행은 Σ_n x_t[n, j] · da_t[n]이므로 x_t = [[1, 0, 2], [0, 1, 0]]이면 행은 d, d, "
                       "2d입니다. (1 − h_t²는 h_{t−1}이 아니라 이 시점의 출력 h_t로 계산합니다.)")
    close(grads["W_hh"], want_hh, "grads['W_hh']",
          setting[0] + "dW_hh = h_{t−1}ᵀ da_t with the state that entered the step, h_{t−1} = [[1, 0, 0, 0], "
                       "[0, 0, 0, 2]]: rows d, 0, 0, 2d.",
          setting[1] + "dW_hh = h_{t−1}ᵀ da_t이며 이 시점에 들어온 상태 h_{t−1} = [[1, 0, 0, 0], [0, 0, 0, 2]]를 씁니다: "
                       "행은 d, 0, 0, 2d입니다.")


@selfcheck("rnn_step_backward")
def rnn_step_backward_gradient_check(rnn_step_backward):
    inputs = (_random(30, N, D), 0.8 * _random(31, N, H), _rnn_params(scale=0.6, seed=32))
    inputs[2]["b_h"] = 0.5 * _random(33, H)
    _expect_gradients_match(rnn_step_backward, "rnn_step", inputs, "random inputs (nonzero h_{t−1}, bias and dh_t)",
                            "무작위 입력(0이 아닌 h_{t−1}, 편향, dh_t)")


# --------------------------------------------------------------------------- rnn_backward
def _rnn_backward_result(value, params, t=T):
    dx, dh0, grads = items(value, 3, "rnn_backward(...)")
    return _hs(dx, t, "dx", D), shape(dh0, (N, H), "dh0"), _grads(grads, params, RNN_KEYS, "rnn_backward")


@selfcheck("rnn_backward")
def rnn_backward_returns(rnn_backward):
    dhs, x, h0 = _random(40, N, T, H), _random(41, N, T, D), _random(42, N, H)
    p = _rnn_params(scale=0.6, seed=43)
    _rnn_backward_result(_call(rnn_backward, dhs, x, h0, dict(p, W_hy=_random(44, H, 2))), p)
    _unchanged(rnn_backward, (dhs, x, h0, p), ("dhs", "x", "h0", "params"))


@selfcheck("rnn_backward")
def rnn_backward_length_one_is_one_step(rnn_backward):
    dhs, x, h0 = _random(45, N, 1, H), _random(46, N, 1, D), _random(47, N, H)
    p = _rnn_params(scale=0.6, seed=48)
    dx, dh0, grads = _rnn_backward_result(_call(rnn_backward, dhs, x, h0, p), p, t=1)
    step = _checked_sibling(rnn_backward, "rnn_step_backward")
    one = _rnn_step_backward_result(_call(step, dhs[:, 0], x[:, 0], h0, p, checked="rnn_backward"), p)
    what = ("For T = 1 nothing arrives from a later step: rnn_backward must equal one "
            "rnn_step_backward(dhs[:, 0], x[:, 0], h0, params), with h0 as the previous state.",
            "T = 1이면 이후 시점에서 오는 것이 없습니다: rnn_backward는 h0를 이전 상태로 하는 "
            "rnn_step_backward(dhs[:, 0], x[:, 0], h0, params) 한 번과 같아야 합니다.")
    close(dx[:, 0], one[0], "dx[:, 0]", *what)
    close(dh0, one[1], "dh0", *what)
    for k in RNN_KEYS:
        close(grads[k], one[2][k], f"grads[{k!r}]", *what)


@selfcheck("rnn_backward")
def rnn_backward_gradient_from_later_steps(rnn_backward):
    p = _rnn_params()
    p["W_xh"], p["W_hh"] = np.ones((D, H)), 0.5 * np.eye(H)
    dhs = np.zeros((N, T, H))
    dhs[:, -1] = 1.0                                         # a loss on the last output only
    dx, dh0, grads = _rnn_backward_result(_call(rnn_backward, dhs, np.zeros((N, T, D)), np.zeros((N, H)), p), p)
    setting = (f"Here x = 0, h0 = 0 and b_h = 0, so every h_t = 0 and tanh′ = 1; W_hh = 0.5 · I; only the last step "
               f"t = {T - 1} has a loss (dhs[:, {T - 1}] = 1). Walking back, each step multiplies the gradient by "
               f"W_hhᵀ = 0.5 · I, so da_t = 0.5^({T - 1} − t). ",
               f"여기서 x = 0, h0 = 0, b_h = 0이므로 모든 h_t = 0이고 tanh′ = 1입니다. W_hh = 0.5 · I이고, 마지막 시점 "
               f"t = {T - 1}에만 손실이 있습니다 (dhs[:, {T - 1}] = 1). 거꾸로 가며 각 시점이 gradient에 "
               f"W_hhᵀ = 0.5 · I를 곱하므로 da_t = 0.5^({T - 1} − t)입니다. ")
    per_step = H * 0.5 ** np.arange(T - 1, -1, -1)           # dx[:, t] = da_t W_xhᵀ, W_xh all ones
    if _near(dx[:, :-1], 0.0) and not _near(dx[:, -1], 0.0):
        _fail(setting[0] + "Your dx is 0 before the last step: the gradient arriving from step t+1 is missing. h_t feeds "
                           "step t+1, so step t receives dhs[:, t] + (dh_prev returned by step t+1): walk back from "
                           "t = T−1 (for t in reversed(range(T))) and hand each step's dh_prev to the step before.",
              setting[1] + "dx가 마지막 시점 전에는 0입니다: 시점 t+1에서 오는 gradient가 빠졌습니다. h_t는 시점 t+1에 "
                           "쓰이므로 시점 t는 dhs[:, t] + (시점 t+1이 돌려준 dh_prev)를 받습니다: t = T−1부터 0까지 거꾸로 "
                           "(reversed(range(T))) 가며 각 시점의 dh_prev를 이전 시점에 넘기세요.")
    close(dx, np.broadcast_to(per_step[None, :, None], (N, T, D)), "dx",
          setting[0] + f"W_xh is all ones, so every entry of dx[:, t] is {H} · 0.5^({T - 1} − t): "
                       f"{', '.join(f'{v:g}' for v in per_step)} for t = 0 … {T - 1}. The gradient vanishes "
                       "geometrically as it travels back (the RNN's vanishing-gradient problem).",
          setting[1] + f"W_xh가 모두 1이므로 dx[:, t]의 모든 원소는 {H} · 0.5^({T - 1} − t)입니다: t = 0 … {T - 1}에 "
                       f"대해 {', '.join(f'{v:g}' for v in per_step)}. gradient가 거꾸로 갈수록 기하급수적으로 "
                       "작아집니다 (RNN의 기울기 소실 문제).")
    close(dh0, np.full((N, H), 0.5 ** T), "dh0",
          setting[0] + f"dh0 = da_0 W_hhᵀ = 0.5^{T} = {0.5 ** T:g}: the gradient that reaches h0, before step 0.",
          setting[1] + f"dh0 = da_0 W_hhᵀ = 0.5^{T} = {0.5 ** T:g}: 시점 0 이전의 h0에 도달하는 gradient입니다.")
    total = N * sum(0.5 ** k for k in range(T))
    close(grads["b_h"], np.full(H, total), "grads['b_h']",
          setting[0] + f"b_h is shared by every step, so db_h sums da_t over all steps and the batch: "
                       f"{N} · (1 + 0.5 + … + 0.5^{T - 1}) = {total:g} (not one step's {N}, not the average over time).",
          setting[1] + f"b_h는 모든 시점이 공유하므로 db_h는 모든 시점과 배치의 da_t를 합합니다: "
                       f"{N} · (1 + 0.5 + … + 0.5^{T - 1}) = {total:g} (한 시점의 {N}도, 시간 평균도 아님).")


@selfcheck("rnn_backward")
def rnn_backward_gradient_check(rnn_backward):
    inputs = (_random(50, N, T, D), 0.8 * _random(51, N, H), _rnn_params(scale=0.6, seed=52))
    inputs[2]["b_h"] = 0.5 * _random(53, H)
    _expect_gradients_match(rnn_backward, "rnn_forward", inputs,
                            f"a random sequence of T = {T} steps (upstream gradients at every step)",
                            f"T = {T}인 무작위 시퀀스(모든 시점에 upstream gradient)")


# --------------------------------------------------------------------------- lstm_step_backward
def _lstm_step_backward_result(value, params):
    dx, dh_prev, dc_prev, grads = items(value, 4, "lstm_step_backward(...)")
    return (shape(dx, (N, D), "dx_t"), shape(dh_prev, (N, H), "dh_prev"), shape(dc_prev, (N, H), "dc_prev"),
            _grads(grads, params, LSTM_KEYS, "lstm_step_backward"))


@selfcheck("lstm_step_backward")
def lstm_step_backward_returns(lstm_step_backward):
    dh, dc, x, h, c = _random(60, N, H), _random(61, N, H), _random(62, N, D), _random(63, N, H), _random(64, N, H)
    p = _lstm_params(scale=0.6, seed=65)
    _lstm_step_backward_result(_call(lstm_step_backward, dh, dc, x, h, c, dict(p, W_xh=_random(66, D, H))), p)
    _unchanged(lstm_step_backward, (dh, dc, x, h, c, p), ("dh_t", "dc_t", "x_t", "h_prev", "c_prev", "params"))


@selfcheck("lstm_step_backward")
def lstm_step_backward_gradient_highway(lstm_step_backward):
    dc_t = np.array([[1.0, 2.0, -1.0, 4.0], [0.5, -2.0, 3.0, 1.0]])
    x, h, c = _random(67, N, D), _random(68, N, H), _random(69, N, H)
    base = ("All weights are 0, the input gate is shut (b_i = −30) and so is the output gate (b_o = −30): nothing "
            "comes through h_t, and the gradient reaching C_t is dc_t = [[1, 2, −1, 4], [0.5, −2, 3, 1]]. "
            "Since C_t = f_t ⊙ C_{t−1} + i_t ⊙ g_t, dc_prev = dC_t ⊙ f_t. ",
            "가중치가 모두 0이고 input gate(b_i = −30)와 output gate(b_o = −30)가 닫혀 있어 h_t로는 아무것도 오지 않으며, "
            "C_t에 도달하는 gradient는 dc_t = [[1, 2, −1, 4], [0.5, −2, 3, 1]]입니다. C_t = f_t ⊙ C_{t−1} + i_t ⊙ g_t이므로 "
            "dc_prev = dC_t ⊙ f_t입니다. ")
    for b_f, f_value, en, ko in (
            (30.0, 1.0, "With the forget gate open (b_f = +30, f_t ≈ 1) the gradient passes the cell unchanged, "
                        "dc_prev = dc_t: the LSTM's gradient highway.",
             "forget gate가 열려 있으면(b_f = +30, f_t ≈ 1) gradient가 셀을 그대로 지나갑니다, dc_prev = dc_t: "
             "LSTM의 gradient highway입니다."),
            (0.0, 0.5, "With b_f = 0, f_t = σ(0) = 0.5, so dc_prev = 0.5 · dc_t. If you got dc_t itself, the ⊙ f_t is "
                       "missing.",
             "b_f = 0이면 f_t = σ(0) = 0.5이므로 dc_prev = 0.5 · dc_t입니다. dc_t 그대로 나왔다면 ⊙ f_t가 빠졌습니다."),
            (-30.0, 0.0, "With the forget gate shut (b_f = −30, f_t ≈ 0) the cell forgets, and no gradient flows back "
                         "to C_{t−1}: dc_prev = 0.",
             "forget gate가 닫혀 있으면(b_f = −30, f_t ≈ 0) 셀이 잊으므로 C_{t−1}로 gradient가 돌아가지 않습니다: "
             "dc_prev = 0.")):
        p = _lstm_params()
        p["b_i"], p["b_o"], p["b_f"] = np.full(H, -30.0), np.full(H, -30.0), np.full(H, b_f)
        _, _, dc_prev, _ = _lstm_step_backward_result(_call(lstm_step_backward, np.ones((N, H)), dc_t, x, h, c, p), p)
        if f_value == 1.0 and _near(dc_prev, 0.0):
            _fail(base[0] + "Your dc_prev is 0: the gradient dc_t arriving at C_t from step t+1 is ignored; "
                            "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)).",
                  base[1] + "dc_prev가 0입니다: 시점 t+1에서 C_t로 오는 gradient dc_t를 무시했습니다. "
                            "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))입니다.")
        close(dc_prev, f_value * dc_t, "dc_prev", base[0] + en, base[1] + ko)


@selfcheck("lstm_step_backward")
def lstm_step_backward_through_tanh_of_the_cell(lstm_step_backward):
    p = _lstm_params()
    p["b_f"], p["b_i"] = np.full(H, 30.0), np.full(H, -30.0)          # f ≈ 1, i ≈ 0: C_t = C_{t−1}; o = σ(0) = 0.5
    c_prev = np.tile(TANH_IN, (N, 1))
    _, _, dc_prev, grads = _lstm_step_backward_result(
        _call(lstm_step_backward, np.ones((N, H)), np.zeros((N, H)), _random(70, N, D), _random(71, N, H), c_prev, p), p)
    setting = ("All weights are 0, f_t ≈ 1 and i_t ≈ 0 (b_f = +30, b_i = −30), so C_t = C_{t−1} = [0, ln 2, −ln 2, ln 3] "
               "and tanh(C_t) = [0, 0.6, −0.6, 0.8]; o_t = σ(0) = 0.5; dh_t = 1 and dc_t = 0. ",
               "가중치가 모두 0이고 f_t ≈ 1, i_t ≈ 0(b_f = +30, b_i = −30)이므로 C_t = C_{t−1} = [0, ln 2, −ln 2, ln 3], "
               "tanh(C_t) = [0, 0.6, −0.6, 0.8]입니다. o_t = σ(0) = 0.5, dh_t = 1, dc_t = 0입니다. ")
    if _near(dc_prev, 0.0):
        _fail(setting[0] + "Your dc_prev is 0: the path from h_t into C_t is missing. h_t = o_t ⊙ tanh(C_t), so "
                           "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)).",
              setting[1] + "dc_prev가 0입니다: h_t에서 C_t로 가는 경로가 빠졌습니다. h_t = o_t ⊙ tanh(C_t)이므로 "
                           "dC_t = dc_t + dh_t ⊙ o_t ⊙ (1 − tanh²(C_t))입니다.")
    if _near(dc_prev, np.tile(0.5 * (1 - TANH_IN ** 2), (N, 1))):
        _fail(setting[0] + "Your dc_prev used 1 − C_t²; the derivative of tanh(C_t) is 1 − tanh²(C_t).",
              setting[1] + "dc_prev에 1 − C_t²를 썼습니다. tanh(C_t)의 미분은 1 − tanh²(C_t)입니다.")
    close(dc_prev, np.tile(0.5 * TANH_GRAD, (N, 1)), "dc_prev",
          setting[0] + "dC_t = dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)) = 0.5 · [1, 0.64, 0.64, 0.36] = [0.5, 0.32, 0.32, 0.18], "
                       "and dc_prev = dC_t ⊙ f_t = the same.",
          setting[1] + "dC_t = dh_t ⊙ o_t ⊙ (1 − tanh²(C_t)) = 0.5 · [1, 0.64, 0.64, 0.36] = [0.5, 0.32, 0.32, 0.18]이고 "
                       "dc_prev = dC_t ⊙ f_t도 같습니다.")
    close(grads["b_o"], 2 * 0.25 * TANH_OUT, "grads['b_o']",
          setting[0] + "do_t = dh_t ⊙ tanh(C_t) = [0, 0.6, −0.6, 0.8] (not dh_t ⊙ C_t), then σ′ = o_t (1 − o_t) = 0.25, "
                       "summed over the N = 2 rows: db_o = [0, 0.3, −0.3, 0.4].",
          setting[1] + "do_t = dh_t ⊙ tanh(C_t) = [0, 0.6, −0.6, 0.8] (dh_t ⊙ C_t가 아님), σ′ = o_t (1 − o_t) = 0.25를 곱해 "
                       "N = 2개 행을 합하면 db_o = [0, 0.3, −0.3, 0.4]입니다.")


@selfcheck("lstm_step_backward")
def lstm_step_backward_gate_gradients(lstm_step_backward):
    p = _lstm_params()
    p["b_g"] = np.full(H, LN3)                                   # f = i = o = σ(0) = 0.5, g = tanh(ln 3) = 0.8
    _, _, dc_prev, grads = _lstm_step_backward_result(
        _call(lstm_step_backward, np.zeros((N, H)), np.ones((N, H)), _random(72, N, D), _random(73, N, H),
              np.ones((N, H)), p), p)
    setting = ("All weights and biases are 0 except b_g = ln 3, so f_t = i_t = o_t = σ(0) = 0.5 (σ′ = 0.5 · 0.5 = 0.25) and "
               "g_t = tanh(ln 3) = 0.8 (tanh′ = 1 − 0.64 = 0.36); C_{t−1} = 1, dh_t = 0, dc_t = 1, so dC_t = 1. "
               "Each bias gradient sums N = 2 equal rows. ",
               "b_g = ln 3 외의 가중치와 편향은 모두 0이므로 f_t = i_t = o_t = σ(0) = 0.5 (σ′ = 0.5 · 0.5 = 0.25), "
               "g_t = tanh(ln 3) = 0.8 (tanh′ = 1 − 0.64 = 0.36)입니다. C_{t−1} = 1, dh_t = 0, dc_t = 1이므로 dC_t = 1이고, "
               "각 편향 gradient는 같은 N = 2개 행의 합입니다. ")
    if _near(grads["b_f"], 1.0) or _near(grads["b_i"], 0.8):
        _fail(setting[0] + "Your gate gradients use σ′ = σ: the derivative of σ is σ(1 − σ) = 0.25 here, not 0.5.",
              setting[1] + "게이트 gradient에 σ′ = σ를 썼습니다: σ의 미분은 σ(1 − σ)로 여기서는 0.5가 아니라 0.25입니다.")
    if _near(grads["b_f"], 0.4) and _near(grads["b_i"], 0.5):
        _fail(setting[0] + "The forget and input gates' gradients are swapped: df_t = dC_t ⊙ C_{t−1}, di_t = dC_t ⊙ g_t.",
              setting[1] + "forget gate와 input gate의 gradient가 바뀌었습니다: df_t = dC_t ⊙ C_{t−1}, di_t = dC_t ⊙ g_t입니다.")
    close(grads["b_f"], np.full(H, 0.5), "grads['b_f']",
          setting[0] + "df_t = dC_t ⊙ C_{t−1} = 1 (the OLD cell state, not C_t = 0.9), da_f = df_t · 0.25, db_f = 2 · 0.25 = 0.5.",
          setting[1] + "df_t = dC_t ⊙ C_{t−1} = 1 (C_t = 0.9가 아니라 이전 셀 상태), da_f = df_t · 0.25, db_f = 2 · 0.25 = 0.5.")
    close(grads["b_i"], np.full(H, 0.4), "grads['b_i']",
          setting[0] + "di_t = dC_t ⊙ g_t = 0.8, da_i = 0.8 · 0.25 = 0.2, db_i = 0.4.",
          setting[1] + "di_t = dC_t ⊙ g_t = 0.8, da_i = 0.8 · 0.25 = 0.2, db_i = 0.4.")
    close(grads["b_o"], np.zeros(H), "grads['b_o']",
          setting[0] + "do_t = dh_t ⊙ tanh(C_t) = 0 since dh_t = 0, so db_o = 0.",
          setting[1] + "dh_t = 0이므로 do_t = dh_t ⊙ tanh(C_t) = 0, db_o = 0입니다.")
    close(grads["b_g"], np.full(H, 0.36), "grads['b_g']",
          setting[0] + "dg_t = dC_t ⊙ i_t = 0.5, and g_t = tanh(a_g) needs tanh′: da_g = 0.5 · 0.36 = 0.18, db_g = 0.36.",
          setting[1] + "dg_t = dC_t ⊙ i_t = 0.5이고 g_t = tanh(a_g)이므로 tanh′이 필요합니다: da_g = 0.5 · 0.36 = 0.18, "
                       "db_g = 0.36.")
    close(dc_prev, np.full((N, H), 0.5), "dc_prev", setting[0] + "dc_prev = dC_t ⊙ f_t = 0.5.",
          setting[1] + "dc_prev = dC_t ⊙ f_t = 0.5입니다.")


@selfcheck("lstm_step_backward")
def lstm_step_backward_gradient_check(lstm_step_backward):
    inputs = (_random(80, N, D), 0.8 * _random(81, N, H), _random(82, N, H), _lstm_params(scale=0.6, seed=83))
    _expect_gradients_match(lstm_step_backward, "lstm_step", inputs,
                            "random inputs (nonzero h_{t−1}, C_{t−1}, dh_t and dc_t)",
                            "무작위 입력(0이 아닌 h_{t−1}, C_{t−1}, dh_t, dc_t)")


# --------------------------------------------------------------------------- lstm_backward
def _lstm_backward_result(value, params, t=T):
    dx, dh0, dc0, grads = items(value, 4, "lstm_backward(...)")
    return (_hs(dx, t, "dx", D), shape(dh0, (N, H), "dh0"), shape(dc0, (N, H), "dc0"),
            _grads(grads, params, LSTM_KEYS, "lstm_backward"))


@selfcheck("lstm_backward")
def lstm_backward_returns(lstm_backward):
    dhs, x, h0, c0 = _random(90, N, T, H), _random(91, N, T, D), _random(92, N, H), _random(93, N, H)
    p = _lstm_params(scale=0.6, seed=94)
    _lstm_backward_result(_call(lstm_backward, dhs, x, h0, c0, dict(p, W_hy=_random(95, H, 2))), p)
    _unchanged(lstm_backward, (dhs, x, h0, c0, p), ("dhs", "x", "h0", "c0", "params"))


@selfcheck("lstm_backward")
def lstm_backward_length_one_is_one_step(lstm_backward):
    dhs, x, h0, c0 = _random(96, N, 1, H), _random(97, N, 1, D), _random(98, N, H), _random(99, N, H)
    p = _lstm_params(scale=0.6, seed=100)
    dx, dh0, dc0, grads = _lstm_backward_result(_call(lstm_backward, dhs, x, h0, c0, p), p, t=1)
    step = _checked_sibling(lstm_backward, "lstm_step_backward")
    one = _lstm_step_backward_result(
        _call(step, dhs[:, 0], np.zeros((N, H)), x[:, 0], h0, c0, p, checked="lstm_backward"), p)
    what = ("For T = 1 nothing arrives from a later step (no gradient reaches C_T from outside): lstm_backward must "
            "equal one lstm_step_backward(dhs[:, 0], 0, x[:, 0], h0, c0, params).",
            "T = 1이면 이후 시점에서 오는 것이 없습니다 (C_T에는 밖에서 gradient가 오지 않음): lstm_backward는 "
            "lstm_step_backward(dhs[:, 0], 0, x[:, 0], h0, c0, params) 한 번과 같아야 합니다.")
    close(dx[:, 0], one[0], "dx[:, 0]", *what)
    close(dh0, one[1], "dh0", *what)
    close(dc0, one[2], "dc0", *what)
    for k in LSTM_KEYS:
        close(grads[k], one[3][k], f"grads[{k!r}]", *what)


@selfcheck("lstm_backward")
def lstm_backward_highway_over_time(lstm_backward):
    p = _lstm_params()
    p["b_f"], p["b_i"] = np.full(H, 30.0), np.full(H, -30.0)     # f ≈ 1, i ≈ 0: the cell rides unchanged
    c0 = np.tile(TANH_IN, (N, 1))
    _, dh0, dc0, _ = _lstm_backward_result(
        _call(lstm_backward, np.ones((N, T, H)), _random(101, N, T, D), _random(102, N, H), c0, p), p)
    setting = (f"All weights are 0, f_t ≈ 1 and i_t ≈ 0 at every step, so C_t = c0 = [0, ln 2, −ln 2, ln 3] for all "
               f"T = {T} steps, o_t = 0.5, and dhs = 1 at every step. Each step adds 0.5 · (1 − tanh²(c0)) = "
               "[0.5, 0.32, 0.32, 0.18] to the cell gradient, which travels back through ⊙ f_t ≈ 1 undiminished. ",
               f"가중치가 모두 0이고 모든 시점에서 f_t ≈ 1, i_t ≈ 0이므로 T = {T}개 시점 내내 C_t = c0 = "
               "[0, ln 2, −ln 2, ln 3], o_t = 0.5이고, 모든 시점에서 dhs = 1입니다. 각 시점이 셀 gradient에 "
               "0.5 · (1 − tanh²(c0)) = [0.5, 0.32, 0.32, 0.18]을 더하고, 이것이 ⊙ f_t ≈ 1을 지나 줄지 않고 거꾸로 전달됩니다. ")
    if _near(dc0, np.tile(0.5 * TANH_GRAD, (N, 1))):
        _fail(setting[0] + "Your dc0 holds step 0's share only: the cell-state gradient is not carried back. Pass the "
                           "dc_prev of step t+1 as dc_t of step t.",
              setting[1] + "dc0에 시점 0의 몫만 있습니다: 셀 상태의 gradient를 이전 시점으로 넘기지 않았습니다. 시점 t+1의 "
                           "dc_prev를 시점 t의 dc_t로 넘기세요.")
    close(dc0, np.tile(T * 0.5 * TANH_GRAD, (N, 1)), "dc0",
          setting[0] + f"So dc0 = {T} · [0.5, 0.32, 0.32, 0.18] = {list(np.round(T * 0.5 * TANH_GRAD, 4))}: every step's "
                       "gradient reaches c0 (the gradient highway).",
          setting[1] + f"따라서 dc0 = {T} · [0.5, 0.32, 0.32, 0.18] = {list(np.round(T * 0.5 * TANH_GRAD, 4))}입니다: 모든 "
                       "시점의 gradient가 c0에 도달합니다 (gradient highway).")
    close(dh0, np.zeros((N, H)), "dh0",
          setting[0] + "All W_h* are 0, so no gradient reaches h0: dh0 = 0.",
          setting[1] + "모든 W_h*가 0이므로 h0에는 gradient가 도달하지 않습니다: dh0 = 0.")


@selfcheck("lstm_backward")
def lstm_backward_gradient_check(lstm_backward):
    inputs = (_random(110, N, T, D), 0.8 * _random(111, N, H), _random(112, N, H), _lstm_params(scale=0.6, seed=113))
    _expect_gradients_match(lstm_backward, "lstm_forward", inputs,
                            f"a random sequence of T = {T} steps (upstream gradients at every step)",
                            f"T = {T}인 무작위 시퀀스(모든 시점에 upstream gradient)")


# --------------------------------------------------------------------------- clip_grad_norm
def _clip_result(value, keys):
    clipped, total = items(value, 2, "clip_grad_norm(...)")
    expect(isinstance(clipped, dict),
           f"clip_grad_norm returns (clipped, total_norm), clipped a dict like grads; got {type(clipped).__name__}.",
           f"clip_grad_norm은 (clipped, total_norm)을 반환하며 clipped는 grads처럼 dict입니다. 받은 것: "
           f"{type(clipped).__name__}.")
    expect(set(clipped) == set(keys), f"clipped should have the same keys as grads, {sorted(keys)}.",
           f"clipped는 grads와 같은 키 {sorted(keys)}를 가져야 합니다.")
    total = _core.array(total, "total_norm")
    expect(total.shape == (), f"total_norm should be one number (a float); got shape {total.shape}.",
           f"total_norm은 숫자 하나(float)여야 하는데 shape이 {total.shape}입니다.")
    return clipped, float(total)


def _triangle():
    return {"W": np.array([[3.0, 0.0]]), "b": np.array([0.0, 4.0])}         # global norm √(9 + 16) = 5


@selfcheck("clip_grad_norm")
def clip_grad_norm_3_4_5(clip_grad_norm):
    grads = _triangle()
    clipped, total = _clip_result(_call(clip_grad_norm, grads, 1.0), grads)
    setting = ("grads = {W: [[3, 0]], b: [0, 4]} has the global norm √(3² + 4²) = 5; max_norm = 1. ",
               "grads = {W: [[3, 0]], b: [0, 4]}의 전역 norm은 √(3² + 4²) = 5이고 max_norm = 1입니다. ")
    if _near(clipped["W"], [[1.0, 0.0]]) and _near(clipped["b"], [0.0, 1.0]):
        _fail(setting[0] + "You clipped each array by its own norm (3 and 4). Use ONE global norm over all arrays and the "
                           "same factor for every array, so the direction of the whole gradient is kept.",
              setting[1] + "배열마다 자기 norm(3과 4)으로 clip했습니다. 모든 배열에 대한 하나의 전역 norm과 모든 배열에 같은 "
                           "인자를 쓰세요. 그래야 전체 gradient의 방향이 유지됩니다.")
    expect(not _near(total, 1.0, atol=1e-4),
           setting[0] + "total_norm is the norm BEFORE clipping, 5, not the norm after it.",
           setting[1] + "total_norm은 clipping 이전의 norm 5이며, clipping 이후의 norm이 아닙니다.")
    close(total, 5.0, "total_norm", setting[0] + "total_norm = sqrt(Σ over every array of Σ g²) = √25 = 5.",
          setting[1] + "total_norm = sqrt(모든 배열의 Σ g²) = √25 = 5입니다.")
    factor = "every array × max_norm / (total_norm + 1e-6) = 1 / 5.000001 ≈ 0.2"
    close(clipped["W"], [[0.6, 0.0]], "clipped['W']", setting[0] + f"Above max_norm: {factor}, so W → [[0.6, 0]].",
          setting[1] + f"max_norm 초과: 모든 배열 × max_norm / (total_norm + 1e-6) = 1 / 5.000001 ≈ 0.2이므로 W → [[0.6, 0]].")
    close(clipped["b"], [0.0, 0.8], "clipped['b']", setting[0] + f"Above max_norm: {factor}, so b → [0, 0.8].",
          setting[1] + "max_norm 초과: 모든 배열 × 1 / 5.000001 ≈ 0.2이므로 b → [0, 0.8].")


@selfcheck("clip_grad_norm")
def clip_grad_norm_below_max_norm(clip_grad_norm):
    grads = _triangle()
    clipped, total = _clip_result(_call(clip_grad_norm, grads, 10.0), grads)
    close(total, 5.0, "total_norm", "The global norm of {W: [[3, 0]], b: [0, 4]} is 5.",
          "{W: [[3, 0]], b: [0, 4]}의 전역 norm은 5입니다.")
    for k, g in grads.items():
        close(clipped[k], g, f"clipped[{k!r}]",
              "The norm 5 is below max_norm = 10: the factor is min(1, 10 / 5.000001) = 1, the gradients stay as they "
              "are (clipping only ever shrinks).",
              "norm 5가 max_norm = 10보다 작습니다: 인자는 min(1, 10 / 5.000001) = 1이므로 gradient는 그대로입니다 "
              "(clipping은 줄이기만 합니다).")


@selfcheck("clip_grad_norm")
def clip_grad_norm_tiny_gradients(clip_grad_norm):
    grads = {"W": np.array([[3e-6, 0.0]]), "b": np.array([0.0, 4e-6])}      # norm 5e-6
    clipped, _ = _clip_result(_call(clip_grad_norm, grads, 1e-6), grads)
    close(clipped["b"], [0.0, 4e-6 / 6], "clipped['b']",
          "For grads of norm 5e-6 and max_norm = 1e-6 the factor is max_norm / (total_norm + 1e-6) = 1e-6 / 6e-6 = 1/6 "
          "(as torch.nn.utils.clip_grad_norm_), so b → [0, 6.67e-7]; without the + 1e-6 it would be 1/5.",
          "norm 5e-6인 grads와 max_norm = 1e-6이면 인자는 max_norm / (total_norm + 1e-6) = 1e-6 / 6e-6 = 1/6이므로 "
          "(torch.nn.utils.clip_grad_norm_과 같음) b → [0, 6.67e-7]입니다. + 1e-6이 없으면 1/5이 됩니다.", atol=1e-12)


@selfcheck("clip_grad_norm")
def clip_grad_norm_leaves_inputs_alone(clip_grad_norm):
    _unchanged(clip_grad_norm, (_triangle(), 1.0), ("grads", "max_norm"))
