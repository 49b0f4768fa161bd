"""No points for answers that ignore the input (review rule (a)), for every graded function.

A check that shapes or ranges alone can pass gives no points on its own. Every function graded by
the hidden checks (every assignment with a reference module and a check file) is replaced, in the
reference module, by answers a student could hand in without doing the work. They are built from
the reference automatically, so a new function is covered the day it gets checks:

* constant: the reference's output with every array replaced by 0, 0.5 or 1 of the same shape and
  dtype (tuples, nested tuples, dicts and floats alike): right shapes, nothing computed;
* echo: every array of the output replaced by an input array of the same shape (``h_prev`` for
  ``h_t``, ``x`` for ``layer_norm(x)``, ``dh_t`` for ``dh_prev``), zeros where none fits;
* ignoring an input: the reference called with one array argument (or every array of a dict
  argument) replaced by zeros, for each argument in turn; an argument whose default is None (a mask)
  is also replaced by None, i.e. not used at all;

plus a few hand-written shape-only answers the builder cannot make (``EXTRA``). Each must score 0
points on every seed: the checks it passes have weight 0. Where ignoring an input is genuinely right
for some checks (a mask that is None in the unmasked ones), ``RIGHT_TO_IGNORE`` names those checks
and says why; the answer may pass only them, and never gets full marks.
"""
import importlib.util
import inspect
import os

import numpy as np
import pytest

from seqlab.grading.plugin import MARK
from tests.harness import COURSE, graded_assignments, graded_functions, hidden_points, reference

SEEDS = (3, 41)
CONSTANTS = (0.0, 0.5, 1.0)
# Parameters that are never arrays (sizes, axes, options): ignoring them is not an answer of this kind.
NOT_ARRAYS = {"axis", "n_heads", "pad_id", "eps", "norm_first", "max_len", "d_model", "max_norm", "n",
              "bos_id", "eos_id", "label_smoothing", "step_logits"}   # scalars and callables, not arrays

# (assignment, function, parameter): (the checks the answer ignoring it may pass, why that is right there)
RIGHT_TO_IGNORE = {
    ("attention", "scaled_dot_product_attention", "mask"): (
        {"test_attention_values"}, "this check calls without a mask (mask=None)"),
    ("attention", "multi_head_attention", "mask"): (
        {"test_mha_values"}, "this check calls without a mask (mask=None)"),
    ("transformer", "encoder_block", "mask"): (
        {"test_encoder_post_norm", "test_encoder_pre_norm", "test_encoder_permutation"},
        "these checks call without a mask (mask=None)"),
    ("bptt", "lstm_step_backward", "dc_t"): (
        {"test_lstm_step_backward_output_gate"},
        "the output gate's gradients do not depend on dc_t: do = dh_t ⊙ tanh(C_t) (dc_t enters dC_t, which "
        "the output gate does not touch)"),
}


# --------------------------------------------------------------------------- what is graded
def checked_functions(assignment):
    """The functions the assignment's check files hold checks of (read from the check markers), in
    file order: also the functions of an assignment whose notebook is not written yet."""
    names = []
    for path in COURSE.check_set(assignment).here()[0]:
        spec = importlib.util.spec_from_file_location(f"_degenerate_checks_of_{assignment}", path)
        checks = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(checks)
        for test in vars(checks).values():
            for m in getattr(test, "pytestmark", []):
                if m.name == MARK and m.kwargs["function"] not in names:
                    names.append(m.kwargs["function"])
    return names


def graded():
    """(assignment, function) for every function of every assignment graded by functions: each reference
    module with a check file (so also an assignment whose notebook is not written yet, like bptt's)."""
    out = []
    for module in sorted(COURSE.path(COURSE.solutions).glob("*.py")):
        files = COURSE.check_set(module.stem).here()[0]
        if files and all(os.path.isfile(f) for f in files) and module.stem not in GRADED_BY_TRAINING:
            out += [(module.stem, f) for f in checked_functions(module.stem)]
    return out


# Graded by what PyTorch modules do (classes built from hyperparameters, trained, evaluated), not by
# NumPy functions of arrays: "ignores one input" has no meaning for a constructor's d_ff. Their
# degenerate answers (untrained, constant, wrong-mode modules) are tests/mistakes/sequence_modeling.py's.
GRADED_BY_TRAINING = {"sequence_modeling"}


# --------------------------------------------------------------------------- building answers
def replace_leaves(value, leaf):
    """``value`` with every leaf (array or number) replaced by ``leaf(it)``; structure kept."""
    if isinstance(value, tuple):
        return tuple(replace_leaves(v, leaf) for v in value)
    if isinstance(value, list):
        return [replace_leaves(v, leaf) for v in value]
    if isinstance(value, dict):
        return {k: replace_leaves(v, leaf) for k, v in value.items()}
    if isinstance(value, (np.ndarray, np.generic, float, int)):
        return leaf(value)
    return value


def constant_like(value, c):
    def leaf(v):
        if isinstance(v, np.ndarray):
            return np.full(v.shape, c, dtype=v.dtype)        # bool arrays: c != 0
        return np.asarray(c, dtype=np.asarray(v).dtype).item()
    return replace_leaves(value, leaf)


def arrays_in(args):
    """The input arrays, in argument order (the arrays of a dict argument in its order)."""
    out = []
    for a in args:
        if isinstance(a, np.ndarray):
            out.append(a)
        elif isinstance(a, dict):
            out += [v for v in a.values() if isinstance(v, np.ndarray)]
    return out


def echo_like(value, args):
    pool = arrays_in(args)

    def leaf(v):
        if isinstance(v, np.ndarray):
            same = [a for a in pool if a.shape == v.shape]
            return same[0].astype(v.dtype) if same else np.zeros_like(v)
        return np.asarray(0, dtype=np.asarray(v).dtype).item()
    return replace_leaves(value, leaf)


def zeroed(value):
    """The argument with its arrays replaced by zeros; (new value, whether anything was replaced)."""
    if isinstance(value, np.ndarray):
        return np.zeros_like(value), True
    if isinstance(value, dict):
        new = {k: (np.zeros_like(v) if isinstance(v, np.ndarray) else v) for k, v in value.items()}
        return new, any(isinstance(v, np.ndarray) for v in value.values())
    return value, False


class Answer:
    """A degenerate answer to ``function``: a callable named after what it does, counting the calls
    in which it really left something out (an input-ignoring answer that never did is vacuous)."""

    def __init__(self, assignment, function, kind, make, parameter=None):
        self.assignment, self.function, self.kind, self.parameter = assignment, function, kind, parameter
        self.replaced = 0
        ref = getattr(reference(assignment), function)

        def answer(*args):
            return make(self, ref, args)
        answer.__name__ = f"{function}_{kind}"
        self.impl = answer

    @property
    def id(self):
        return f"{self.assignment}:{self.function}:{self.kind}"


def _constant(c):
    return lambda self, ref, args: constant_like(ref(*args), c)


def _echo(self, ref, args):
    return echo_like(ref(*args), args)


def _ignoring(index, how):
    def make(self, ref, args):
        args = list(args)
        if index < len(args):
            if how == "none":
                new, replaced = None, args[index] is not None
            else:
                new, replaced = zeroed(args[index])
            args[index] = new
            self.replaced += replaced
        return ref(*args)
    return make


# ---- hand-written shape-only answers the builder cannot make (kept from the bptt review)
def _pe_row_0_everywhere(max_len, d_model):
    """Every position gets the encoding of position 0: ignores pos, keeps sin² + cos² = 1."""
    return np.tile(reference("positional").positional_encoding(1, d_model), (max_len, 1))


def _pe_one_frequency(max_len, d_model):
    """Every pair turns with the first pair's frequency 1: ignores k, keeps row 0 and PE[1, :2]."""
    pos = np.arange(max_len, dtype=np.float64)[:, None]
    pe = np.empty((max_len, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos), np.cos(pos)
    return pe


def _bptt(name):
    return getattr(reference("bptt"), name)


def _rnn_step_bias_only(x_t, h_prev, params):
    return np.tanh(np.zeros_like(h_prev) + params["b_h"])


def _rnn_forward_repeats_h0(x, h0, params):
    return np.repeat(h0[:, None], x.shape[1], axis=1), h0


def _rnn_step_backward_upstream_ones(dh_t, x_t, h_prev, params):
    return _bptt("rnn_step_backward")(np.ones_like(dh_t), x_t, h_prev, params)


def _rnn_backward_passes_dh_back(dhs, x, h0, params):
    return np.zeros_like(x), dhs[:, 0], {k: np.zeros_like(params[k]) for k in _bptt("RNN_KEYS")}


def _rnn_backward_upstream_ones(dhs, x, h0, params):
    return _bptt("rnn_backward")(np.ones_like(dhs), x, h0, params)


def _lstm_step_backward_upstream_ones(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return _bptt("lstm_step_backward")(np.ones_like(dh_t), dc_t, x_t, h_prev, c_prev, params)


def _lstm_step_backward_passes_back(dh_t, dc_t, x_t, h_prev, c_prev, params):
    return (np.zeros_like(x_t), dh_t, dc_t, {k: np.zeros_like(params[k]) for k in _bptt("LSTM_KEYS")})


def _lstm_backward_passes_back(dhs, x, h0, c0, params):
    return (np.zeros_like(x), dhs[:, 0], np.zeros_like(c0),
            {k: np.zeros_like(params[k]) for k in _bptt("LSTM_KEYS")})


def _lstm_backward_upstream_ones(dhs, x, h0, c0, params):
    return _bptt("lstm_backward")(np.ones_like(dhs), x, h0, c0, params)


def _clip_max_norm_everywhere(grads, max_norm):
    return {k: np.full(np.shape(g), max_norm) for k, g in grads.items()}, float(max_norm)


def _clip_identity_reports_max_norm(grads, max_norm):
    return dict(grads), float(max_norm)


EXTRA = {
    ("positional", "positional_encoding"): [_pe_row_0_everywhere, _pe_one_frequency],
    ("bptt", "rnn_step"): [_rnn_step_bias_only],
    ("bptt", "rnn_forward"): [_rnn_forward_repeats_h0],
    ("bptt", "rnn_step_backward"): [_rnn_step_backward_upstream_ones],
    ("bptt", "rnn_backward"): [_rnn_backward_passes_dh_back, _rnn_backward_upstream_ones],
    ("bptt", "lstm_step_backward"): [_lstm_step_backward_passes_back, _lstm_step_backward_upstream_ones],
    ("bptt", "lstm_backward"): [_lstm_backward_passes_back, _lstm_backward_upstream_ones],
    ("bptt", "clip_grad_norm"): [_clip_max_norm_everywhere, _clip_identity_reports_max_norm],
}


def _extra(fn):
    return lambda self, ref, args: fn(*args)


def answers(assignment, function):
    out = [Answer(assignment, function, f"constant_{c:g}", _constant(c)) for c in CONSTANTS]
    out.append(Answer(assignment, function, "echo", _echo))
    ref = getattr(reference(assignment), function)
    for i, (name, p) in enumerate(inspect.signature(ref).parameters.items()):
        if name in NOT_ARRAYS:
            continue
        out.append(Answer(assignment, function, f"ignores_{name}", _ignoring(i, "zeros"), name))
        if p.default is None:
            out.append(Answer(assignment, function, f"without_{name}", _ignoring(i, "none"), name))
    for fn in EXTRA.get((assignment, function), []):
        out.append(Answer(assignment, function, fn.__name__.strip("_"), _extra(fn)))
    return out


CASES = [a for assignment, function in graded() for a in answers(assignment, function)]


# --------------------------------------------------------------------------- the tests
def test_every_graded_function_is_covered():
    functions = {(a, f) for a, f in graded()}
    assert {a for a, _ in functions} >= {"recurrent", "attention", "positional", "transformer", "bptt"}
    for a in set(graded_assignments()) - GRADED_BY_TRAINING:   # every function a notebook's test cells grade
        assert {(a, f) for f in graded_functions(a)} <= functions, a
    for a, f in functions:
        ref = getattr(reference(a), f)
        arrays = [n for n in inspect.signature(ref).parameters if n not in NOT_ARRAYS]
        kinds = {c.kind for c in CASES if (c.assignment, c.function) == (a, f)}
        assert {"constant_0", "constant_0.5", "constant_1", "echo"} <= kinds, (a, f, kinds)
        assert {f"ignores_{n}" for n in arrays} <= kinds, (a, f, kinds)
    trained = {m.stem for m in COURSE.path(COURSE.solutions).glob("*.py")} & GRADED_BY_TRAINING
    assert trained == GRADED_BY_TRAINING and all(   # the exemption is for a course of classes only
        any(inspect.isclass(getattr(reference(a), f)) for f in checked_functions(a)) for a in trained)
    assert set(EXTRA) <= functions and {(a, f) for a, f, _ in RIGHT_TO_IGNORE} <= functions


def test_helpers_build_what_they_say():
    hs, (h, c) = np.arange(6.0).reshape(1, 2, 3), (np.ones((1, 3)), -np.ones((1, 3)))
    zeros = constant_like((hs, (h, c), {"W": h, "b": 2.0}), 0.0)
    assert zeros[0].shape == (1, 2, 3) and not zeros[0].any() and zeros[1][1].shape == (1, 3)
    assert zeros[2]["b"] == 0.0 and not zeros[2]["W"].any()
    mask = constant_like(np.zeros((2, 2), dtype=bool), 0.5)
    assert mask.dtype == bool and mask.all()
    echoed = echo_like((np.zeros((1, 3)), np.zeros((4,))), (np.ones((2, 2)), {"h": h}))
    assert echoed[0] is not h and np.array_equal(echoed[0], h) and not echoed[1].any()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("seed", [SEEDS[0]] + [pytest.param(s, marks=pytest.mark.slow) for s in SEEDS[1:]])
def test_degenerate_answer_scores_zero(case, seed):
    allowed, why = RIGHT_TO_IGNORE.get((case.assignment, case.function, case.parameter), (set(), ""))
    points, report = hidden_points(case.assignment, case.function, case.impl, seed)
    earned = sorted(c["id"] for c in report["checks"] if c["passed"] and c["weight"] > 0)
    assert set(earned) <= allowed, (
        f"{case.impl.__name__} earned {points:.2f} of {case.function}'s points (seed {seed}) from {earned}")
    if allowed:
        assert points < 1, f"{case.impl.__name__} got full marks although {why} only in some checks"
    failed = [c for c in report["checks"] if not c["passed"]]
    assert all(c["message"] for c in failed)              # every failure says something
    if case.parameter is not None:
        assert case.replaced, f"{case.impl.__name__} never left anything out: is {case.parameter} an array?"


@pytest.mark.parametrize("assignment,function", graded(), ids=lambda v: v)
def test_the_reference_scores_full_marks_on_the_same_seeds(assignment, function):
    for seed in SEEDS:
        assert hidden_points(assignment, function, getattr(reference(assignment), function), seed)[0] == 1.0


def test_the_exemptions_are_still_needed():
    """Each check RIGHT_TO_IGNORE allows is really passed by the answer ignoring that input (else the
    exemption is stale: remove it)."""
    for (a, f, parameter), (allowed, _) in RIGHT_TO_IGNORE.items():
        passed = set()
        for case in answers(a, f):
            if case.parameter == parameter:
                for seed in SEEDS:
                    report = hidden_points(a, f, case.impl, seed)[1]
                    passed |= {c["id"] for c in report["checks"] if c["passed"] and c["weight"] > 0}
        assert allowed <= passed, (a, f, parameter, sorted(allowed - passed))
