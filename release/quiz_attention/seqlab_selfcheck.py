"""Self-checks a student runs in the notebook: the shared core (copied into every release).

The whole student-facing surface is two names, imported by each notebook's setup cell::

    from selfcheck import check      # check(lstm_gates) runs the self-checks of lstm_gates

Each assignment's ``selfcheck.py`` registers its checks with :func:`selfcheck` and uses the
helpers below, so every message says *what* is off (a shape, a range, a worked example) in
plain words, in the release language, never with solution code. ``grade("name")`` marks the
hidden checks in a test cell; they run only in the grader, so here it does nothing.

This file holds no answers: only shapes, properties and hand-checkable worked examples.
"""
import sys
import types

import numpy as np

LANG = "en"          # set by the notebook's setup cell (chosen at release)
_REGISTRY = {}


def say(en, ko):
    return ko if LANG == "ko" else en


class SelfCheckFailed(AssertionError):
    """A failed self-check. Shown as one short message, not a traceback."""

    def _render_traceback_(self):          # IPython shows this instead of a traceback
        return [f"\x1b[0;31m✗ {self}\x1b[0m"]


def expect(condition, en, ko):
    if not condition:
        raise SelfCheckFailed(say(en, ko))


def array(value, what):
    """``value`` as a float array, or a message that says what came back instead."""
    expect(value is not None, f"{what}: your function returned None. Did you forget `return`?",
           f"{what}: 함수가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise SelfCheckFailed(say(f"{what}: expected an array of numbers, got {type(value).__name__}.",
                                  f"{what}: 숫자 배열이 필요한데 {type(value).__name__}을(를) 받았습니다.")) from None


def items(value, n, what):
    """A tuple/list of exactly ``n`` items."""
    ok = isinstance(value, (tuple, list)) and len(value) == n
    expect(ok, f"{what}: expected a tuple of {n} items, got {type(value).__name__}.",
           f"{what}: 항목 {n}개짜리 튜플이 필요한데 {type(value).__name__}을(를) 받았습니다.")
    return value


def shape(value, expected, what):
    arr = array(value, what)
    expect(arr.shape == tuple(expected), f"{what} has shape {arr.shape}; it should be {tuple(expected)}.",
           f"{what}의 shape이 {arr.shape}입니다. {tuple(expected)}이어야 합니다.")
    return arr


def close(value, expected, what, en="", ko="", atol=1e-6):
    """``value`` equals a worked example's ``expected``; ``en``/``ko`` say why it should."""
    arr = shape(value, np.shape(expected), what)
    expect(np.allclose(arr, expected, atol=atol, rtol=1e-6),
           f"{what} is not what the formula gives here. {en}".strip(),
           f"{what}이(가) 이 경우 수식의 값과 다릅니다. {ko}".strip())
    return arr


def near(value, expected, atol=1e-6):
    """True when ``value`` has ``expected``'s shape (scalars broadcast) and the same numbers."""
    arr = np.asarray(value, dtype=np.float64)
    if np.ndim(expected) and arr.shape != np.shape(expected):
        return False
    return bool(np.allclose(arr, expected, atol=atol, rtol=1e-6))


def fail(en, ko):
    raise SelfCheckFailed(say(en, ko))


def selfcheck(name):
    """Register the decorated function as a self-check of the student function ``name``."""
    def register(fn):
        _REGISTRY.setdefault(name, []).append(fn)
        return fn
    return register


def share_language(module_name):
    """Make ``<module>.LANG`` a view of this core's ``LANG``.

    An assignment's ``selfcheck.py`` calls ``share_language(__name__)``, so the setup cell's
    ``selfcheck.LANG = "ko"`` sets the language of every message, the core's and its own.
    """
    core = sys.modules[__name__]

    class _SharesLanguage(types.ModuleType):
        @property
        def LANG(self):
            return core.LANG

        @LANG.setter
        def LANG(self, value):
            core.LANG = value

    sys.modules[module_name].__class__ = _SharesLanguage


def copy_input(value):
    """A copy of an argument (arrays, and dicts of arrays such as ``params``) to call with."""
    if isinstance(value, dict):
        return {k: np.array(v, copy=True) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


def call(fn, *args, copy=True, checked=None, needs=()):
    """``fn(*args)`` on copies of the inputs; when a function it needs is still a stub, say which.

    ``checked`` names the function whose self-check this is (default: ``fn`` itself); ``needs``
    lists the assignment's student functions. A stub of ``checked`` itself is left to
    :func:`check`, which says "not implemented yet".
    """
    checked = checked or getattr(fn, "__name__", "")
    try:
        return fn(*(copy_input(a) for a in args)) if copy else fn(*args)
    except NotImplementedError:
        tb = sys.exc_info()[2]
        while tb.tb_next is not None:
            tb = tb.tb_next
        inner = tb.tb_frame.f_code.co_name
        if inner != checked and inner in needs:
            raise SelfCheckFailed(say(
                f"{inner} is not implemented yet, and checking {checked} needs it: finish {inner} (its cell is above) first.",
                f"{inner}이(가) 아직 구현되지 않았는데 {checked}을(를) 점검하려면 필요합니다: 위에 있는 {inner}부터 완성하세요.")) from None
        raise


def check(fn):
    """Run every self-check of ``fn``; print what passed, stop at the first failure."""
    name = getattr(fn, "__name__", str(fn))
    checks = _REGISTRY.get(name, [])
    for test in checks:
        try:
            test(fn)
        except NotImplementedError:
            raise SelfCheckFailed(say(f"{name} is not implemented yet: replace `raise NotImplementedError` with your code.",
                                      f"{name}이(가) 아직 구현되지 않았습니다: `raise NotImplementedError`를 코드로 바꾸세요.")) from None
        except SelfCheckFailed:
            raise
        except Exception as exc:
            raise SelfCheckFailed(say(f"{name} raised {type(exc).__name__}: {exc}",
                                      f"{name}에서 {type(exc).__name__} 오류가 발생했습니다: {exc}")) from None
    print(say(f"✓ {name}: {len(checks)} self-checks passed. (The hidden checks at grading time test more cases.)",
              f"✓ {name}: 자가 점검 {len(checks)}개 통과. (채점 때의 숨은 검사는 더 많은 경우를 확인합니다.)"))


def grade(name):
    """Marks a test cell's hidden checks; they run in the grader, not here."""
