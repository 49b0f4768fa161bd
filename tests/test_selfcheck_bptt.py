"""The bptt self-checks (``source/bptt/selfcheck.py``): right code passes, known mistakes do not.

The module is imported the way the notebook does it (the folder ``source/bptt`` on ``sys.path``,
``import selfcheck``), and every function is handed over as the notebook would hand it: named as in
SPEC, defined in one namespace with its siblings (the bptt functions and the recurrent functions the
notebook provides read-only), so that the self-checks find e.g. ``rnn_step`` next to
``rnn_step_backward``. Rule: a self-check never fails code that the hidden checks give full marks
(the reference and every alternative), and treats numpy warnings as the hidden checks do.
"""
import importlib
import io
import sys
import types
import warnings
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

import solutions.bptt as B
import solutions.recurrent as R
import tests.alternatives.bptt  # noqa: F401  (registers the catalogue)
import tests.mistakes.bptt  # noqa: F401
from tests.alternatives import CATALOGUE as ALTERNATIVES
from tests.mistakes import CATALOGUE as MISTAKES

FOLDER = Path(__file__).resolve().parents[1] / "source" / "bptt"
GRADED = ("rnn_step", "rnn_forward", "rnn_step_backward", "rnn_backward", "lstm_step_backward", "lstm_backward",
          "clip_grad_norm")
NOTEBOOK = {**vars(R), **vars(B)}           # the notebook's namespace: provided recurrent functions + bptt
SIBLINGS = GRADED + ("sigmoid", "lstm_step", "lstm_forward", "lstm_gates", "lstm_candidate")
BPTT_ALTERNATIVES = [a for a in ALTERNATIVES if a.module == "bptt"]
BPTT_MISTAKES = [m for m in MISTAKES if m.module == "bptt"]


@pytest.fixture(scope="module")
def sc():
    """``import selfcheck`` from source/bptt, as the notebook's setup cell does; undone afterwards."""
    saved = {name: sys.modules.pop(name, None) for name in ("selfcheck", "seqlab_selfcheck")}
    sys.path.insert(0, str(FOLDER))
    try:
        module = importlib.import_module("selfcheck")
        assert Path(module.__file__).resolve().parent == FOLDER
        module.use_language("en")
        yield module
    finally:
        sys.path.remove(str(FOLDER))
        for name, old in saved.items():
            sys.modules.pop(name, None)
            if old is not None:
                sys.modules[name] = old


def in_notebook(impl, name):
    """``impl`` as a notebook cell would define it: called ``name``, its siblings the notebook's (right) ones."""
    namespace = dict(NOTEBOOK)
    namespace.update(impl.__globals__)            # the helpers its own module gives it
    namespace.update({s: NOTEBOOK[s] for s in SIBLINGS})
    # (``name`` itself stays the reference in this namespace: an entry of the catalogue may call it)
    return types.FunctionType(impl.__code__, namespace, name, impl.__defaults__, impl.__closure__)


def run_check(sc, fn):
    """What check(fn) prints; a failed self-check raises here (the notebook's check() never does)."""
    out = io.StringIO()
    with redirect_stdout(out):
        sc.check(fn)
    result = sc.run(fn)
    if not result.passed:
        raise sc.SelfCheckFailed(result.message)
    return out.getvalue()


def test_the_symlink_to_the_shared_core():
    link = FOLDER / "seqlab_selfcheck.py"
    assert link.is_symlink() and link.resolve() == (FOLDER.parents[1] / "seqlab" / "selfcheck.py").resolve()


def test_every_graded_function_has_self_checks_and_no_solution_code(sc):
    registry = sys.modules["seqlab_selfcheck"]._REGISTRY
    assert all(len(registry.get(name, [])) >= 3 for name in GRADED), {n: len(registry.get(n, [])) for n in GRADED}
    text = (FOLDER / "selfcheck.py").read_text(encoding="utf-8")
    for name in GRADED:
        assert f"def {name}(" not in text
    assert "solutions" not in text and "tests." not in text


def test_no_line_of_the_solutions_or_the_hidden_checks():
    """The release scan (tests/test_release.py) will read this file once bptt is released: nothing to find."""
    from tests.test_release import code_lines, secret_lines
    secrets = secret_lines()
    found = code_lines((FOLDER / "selfcheck.py").read_text(encoding="utf-8")) & set(secrets)
    assert not found, {line: secrets[line] for line in found}


@pytest.mark.parametrize("name", GRADED)
def test_the_reference_passes(sc, name):
    out = run_check(sc, in_notebook(getattr(B, name), name))
    assert f"✓ {name}" in out


@pytest.mark.parametrize("alt", BPTT_ALTERNATIVES, ids=lambda a: a.id)
def test_every_alternative_passes(sc, alt):
    out = run_check(sc, in_notebook(alt.impl, alt.function))
    assert f"✓ {alt.function}" in out


@pytest.mark.parametrize("m", BPTT_MISTAKES, ids=lambda m: m.id)
def test_every_catalogued_mistake_fails(sc, m):
    with pytest.raises(sc.SelfCheckFailed) as failure:
        run_check(sc, in_notebook(m.impl, m.function))
    assert str(failure.value).strip()


def test_messages_follow_the_language(sc):
    mistake = in_notebook(tests.mistakes.bptt.lstm_step_backward_dc_prev_is_dc, "lstm_step_backward")
    try:
        sc.use_language("ko")
        with pytest.raises(sc.SelfCheckFailed, match="⊙ f_t가 빠졌습니다") as failure:
            run_check(sc, mistake)
        assert "missing" not in str(failure.value)
    finally:
        sc.use_language("en")


def test_a_stub_sibling_is_named(sc):
    def rnn_step(x_t, h_prev, params):
        raise NotImplementedError()
    backward = in_notebook(B.rnn_step_backward, "rnn_step_backward")
    backward.__globals__["rnn_step"] = rnn_step
    with pytest.raises(sc.SelfCheckFailed, match="rnn_step is not implemented yet"):
        run_check(sc, backward)


def test_a_wrong_forward_is_blamed_before_a_right_backward(sc):
    """The gradient check differentiates the notebook's rnn_step: if that is wrong, say so, not that backward is."""
    right = tests.alternatives.bptt.rnn_step_backward_from_preactivation        # does not call rnn_step itself
    backward = in_notebook(right, "rnn_step_backward")
    backward.__globals__["rnn_step"] = tests.mistakes.bptt.rnn_step_no_bias
    with pytest.raises(sc.SelfCheckFailed, match=r"check\(rnn_step\)"):
        run_check(sc, backward)


def test_warnings_are_not_judged(sc):
    """Right code that warns, in a notebook that turned warnings into errors, still passes (as at grading)."""
    def rnn_step(x_t, h_prev, params):
        np.log(np.zeros(1))                                      # RuntimeWarning: divide by zero
        warnings.warn("a harmless warning", RuntimeWarning)
        return B.rnn_step(x_t, h_prev, params)
    fn = in_notebook(rnn_step, "rnn_step")
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert "✓ rnn_step" in run_check(sc, fn)


# ----------------------------------------------------------------------------- grad_check, the tool
def _rnn_inputs(seed=0, N=2, T=4, D=3, H=5):
    rng = np.random.default_rng(seed)
    p = {"W_xh": rng.normal(0, .6, (D, H)), "W_hh": rng.normal(0, .6, (H, H)), "b_h": rng.normal(0, .5, H)}
    return rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), p


def test_grad_check_passes_right_backward_functions(sc):
    x, h0, p = _rnn_inputs()
    rng = np.random.default_rng(1)
    lstm_p = {k: rng.normal(0, .6, (3, 5) if k[:3] == "W_x" else (5, 5) if k[:3] == "W_h" else 5) for k in B.LSTM_KEYS}
    c0 = rng.normal(size=h0.shape)
    for backward, forward, inputs in [(B.rnn_step_backward, B.rnn_step, (x[:, 0], h0, p)),
                                      (B.rnn_backward, B.rnn_forward, (x, h0, p)),
                                      (B.lstm_step_backward, R.lstm_step, (x[:, 0], h0, c0, lstm_p)),
                                      (B.lstm_backward, R.lstm_forward, (x, h0, c0, lstm_p))]:
        out = io.StringIO()
        with redirect_stdout(out):
            errors = sc.grad_check(backward, forward, *inputs)
        n_grads = len(inputs) - 1 + len(inputs[-1])
        assert len(errors) == n_grads and all(e < 1e-7 for e in errors.values()), errors
        assert out.getvalue().count("✓") == n_grads and "✗" not in out.getvalue()


def test_grad_check_names_what_is_wrong_and_where_in_time(sc):
    x, h0, p = _rnn_inputs()
    out = io.StringIO()
    with redirect_stdout(out):
        errors = sc.grad_check(tests.mistakes.bptt.rnn_backward_each_step_alone, B.rnn_forward, x, h0, p)
    assert errors["dx"] > 1e-3 and errors["dh0"] > 1e-3
    assert "differs at time steps t = 2, 1, 0; right at t = 3" in out.getvalue()
    with redirect_stdout(io.StringIO()):
        errors = sc.grad_check(tests.mistakes.bptt.rnn_step_backward_dW_hh_from_h_t, B.rnn_step, x[:, 0], h0, p)
    assert errors["grads['W_hh']"] > 1e-3
    assert all(errors[k] < 1e-7 for k in ("dx_t", "dh_prev", "grads['W_xh']", "grads['b_h']"))


def test_grad_check_reports_missing_and_misshaped_gradients(sc):
    x, h0, p = _rnn_inputs()

    def backward(dh_t, x_t, h_prev, params):
        dx, dh, grads = B.rnn_step_backward(dh_t, x_t, h_prev, params)
        return dx, dh, {"W_xh": grads["W_xh"].T, "W_hh": grads["W_hh"]}
    out = io.StringIO()
    with redirect_stdout(out):
        errors = sc.grad_check(backward, B.rnn_step, x[:, 0], h0, p)
    assert errors["grads['W_xh']"] == errors["grads['b_h']"] == float("inf")
    assert "missing" in out.getvalue() and "shape (5, 3)" in out.getvalue()


def test_grad_check_takes_given_upstream_gradients(sc):
    """With upstream = (dh,), the loss is ⟨dh, h_t⟩: dh = 0 everywhere but one entry gives that entry's gradient."""
    x, h0, p = _rnn_inputs()
    dh = np.zeros_like(h0)
    dh[1, 2] = 1.0
    with redirect_stdout(io.StringIO()):
        errors = sc.grad_check(B.rnn_step_backward, B.rnn_step, x[:, 0], h0, p, upstream=(dh,))
    assert all(e < 1e-7 for e in errors.values())
