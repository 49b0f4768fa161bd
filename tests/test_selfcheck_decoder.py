"""The decoder assignment's self-checks, imported the way the notebook imports them (its folder on
sys.path, ``import selfcheck``): they pass the reference and every catalogued correct alternative
(a self-check must never fail code the hidden checks give full marks), and fail the catalogued
mistakes, each with a message."""
import importlib
import sys
import types
from pathlib import Path

import pytest

import tests.alternatives.decoder  # noqa: F401  (registers the alternatives)
import tests.mistakes.decoder  # noqa: F401  (registers the mistakes)
from solutions import decoder as D
from tests.alternatives import CATALOGUE as ALTERNATIVES
from tests.mistakes import CATALOGUE as MISTAKES

FOLDER = Path(__file__).resolve().parents[1] / "source" / "decoder"
FUNCTIONS = ("additive_attention", "shift_right", "decoder_block", "sequence_cross_entropy", "greedy_decode")
# Mistakes the self-checks cannot see (none so far): {mistake id: why}.
NOT_VISIBLE = {}


@pytest.fixture(scope="module")
def selfcheck():
    """``import selfcheck`` from source/decoder, as the notebook does; the previous modules are put back after."""
    saved = {name: sys.modules.pop(name) for name in ("selfcheck", "seqlab_selfcheck") if name in sys.modules}
    sys.path.insert(0, str(FOLDER))
    try:
        module = importlib.import_module("selfcheck")
        yield module
    finally:
        sys.path.remove(str(FOLDER))
        for name in ("selfcheck", "seqlab_selfcheck"):
            sys.modules.pop(name, None)
        sys.modules.update(saved)


def named(fn, name):
    """``fn`` under the SPEC name (check() finds a function's self-checks by its name)."""
    renamed = types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__, fn.__closure__)
    renamed.__kwdefaults__ = fn.__kwdefaults__
    return renamed


def test_every_function_has_self_checks(selfcheck):
    registry = sys.modules["seqlab_selfcheck"]._REGISTRY
    for fn in FUNCTIONS:
        assert len(registry.get(fn, [])) >= 2, fn


@pytest.mark.parametrize("fn", FUNCTIONS)
def test_reference_passes(selfcheck, fn, capsys):
    selfcheck.check(getattr(D, fn))
    assert "self-checks passed" in capsys.readouterr().out


@pytest.mark.parametrize("alt", [a for a in ALTERNATIVES if a.module == "decoder"], ids=lambda a: a.id)
def test_alternative_passes(selfcheck, alt, capsys):
    selfcheck.check(named(alt.impl, alt.function))
    assert "self-checks passed" in capsys.readouterr().out


@pytest.mark.parametrize("m", [m for m in MISTAKES if m.module == "decoder" and m.id not in NOT_VISIBLE],
                         ids=lambda m: m.id)
def test_mistake_fails_with_a_message(selfcheck, m, capsys):
    result = sys.modules["seqlab_selfcheck"].run(named(m.impl, m.function))
    assert not result.passed and len(result.message.en) > 40
    selfcheck.check(named(m.impl, m.function))                 # says ✗ and never raises
    assert capsys.readouterr().out.lstrip("\x1b[0;31m").startswith("✗")


def test_messages_follow_the_release_language(selfcheck):
    from tests.mistakes.decoder import shift_left
    core = sys.modules["seqlab_selfcheck"]
    try:
        selfcheck.use_language("ko")
        assert core.LANG == "ko"
        result = core.run(named(shift_left, "shift_right"))
        assert not result.passed and "오른쪽" in str(result.message)
    finally:
        selfcheck.use_language("en")


def test_a_stub_says_not_implemented(selfcheck):
    def greedy_decode(step_logits, memory, bos_id, eos_id, max_len, pad_id=0):
        raise NotImplementedError()
    result = sys.modules["seqlab_selfcheck"].run(greedy_decode)
    assert not result.passed and "not implemented" in result.message.en
