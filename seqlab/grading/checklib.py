"""The vocabulary hidden checks are written in.

A check is a pytest test marked with :func:`check`; it talks to ``impl`` (the code under
test) and fails with :class:`CheckFailed`, whose message is written for a student, in both
languages, and may name a *diagnosis*: a known mistake recognised by how the output is wrong
(e.g. ``gru_pytorch_update``). Messages never contain expected values or reference code.
"""
import numpy as np
import pytest

from ..i18n import Text


def check(function, en, ko, weight=1.0, cpu=None):
    """Mark a test as one check of ``function``; its title is shown in the feedback. ``cpu``: the
    CPU seconds the code under test may use during this check (``impl.budget``; None: no budget)."""
    return pytest.mark.seqlab_check(function=function, title=Text(en, ko), weight=float(weight),
                                    cpu=None if cpu is None else float(cpu))


class CheckFailed(AssertionError):
    """A failed check: a student-facing message and, if recognised, the mistake's name."""

    def __init__(self, message, diagnosis=None):
        super().__init__(message.en)
        self.text = message
        self.diagnosis = diagnosis


class Diagnosis:
    """A named, explained mistake. ``raise Diagnosis.X.failed()`` inside a check."""

    def __init__(self, code, en, ko):
        self.code, self.text = code, Text(en, ko)

    def failed(self, detail=None):
        msg = self.text if detail is None else detail + Text(" ", " ") + self.text
        return CheckFailed(msg, diagnosis=self.code)


def fail(en, ko, diagnosis=None):
    raise CheckFailed(Text(en, ko), diagnosis)


# --------------------------------------------------------------------------- comparisons
RTOL = ATOL = 1e-6


def as_array(value, what):
    """The value as a float array, or a failed check saying what came back instead."""
    if value is None:
        fail(f"{what}: your function returned None. Did you forget `return`?",
             f"{what}: 함수가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"{what}: expected an array of numbers, got {type(value).__name__}.",
             f"{what}: 숫자 배열이 필요한데 {type(value).__name__}을(를) 반환했습니다.")
    return arr


def unpack(value, n, what):
    """A tuple/list of exactly ``n`` items (e.g. the three LSTM gates)."""
    if not isinstance(value, (tuple, list)) or len(value) != n:
        kind = f"{type(value).__name__}" + (f" of length {len(value)}" if isinstance(value, (tuple, list)) else "")
        fail(f"{what}: expected a tuple of {n} items, got {kind}.",
             f"{what}: 항목 {n}개짜리 튜플이 필요한데 {kind}을(를) 반환했습니다.")
    return value


def expect_shape(got, shape, what):
    arr = as_array(got, what)
    if arr.shape != tuple(shape):
        fail(f"{what} has shape {arr.shape}; it should be {tuple(shape)}.",
             f"{what}의 shape이 {arr.shape}입니다. {tuple(shape)}이어야 합니다.")
    return arr


def mismatch(got, want, rtol=RTOL, atol=ATOL):
    """Boolean mask of entries that differ (NaN where a number is expected differs)."""
    return ~np.isclose(got, want, rtol=rtol, atol=atol)


def expect_close(got, want, what, rtol=RTOL, atol=ATOL, diagnose=None):
    """``got`` matches the reference ``want``: shape first, then finiteness, then values.

    ``diagnose(got_array)`` may raise a more specific :class:`CheckFailed` (a named mistake)
    before the generic message. The message gives counts and locations, never the values
    the reference computed.
    """
    want = np.asarray(want, dtype=np.float64)
    arr = expect_shape(got, want.shape, what)
    bad = mismatch(arr, want, rtol, atol)
    if not bad.any():
        return arr
    if diagnose is not None:
        diagnose(arr)
    if not np.all(np.isfinite(arr)):
        fail(f"{what} contains NaN or infinity where the lecture's formula gives finite numbers.",
             f"{what}에 NaN 또는 무한대가 있습니다. 강의 수식으로는 유한한 값이 나와야 합니다.")
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    fail(f"{what} has the right shape {arr.shape}, but {int(bad.sum())} of {bad.size} entries differ "
         f"from the lecture's formula (first at index {first}).",
         f"{what}의 shape {arr.shape}은 맞지만 {bad.size}개 중 {int(bad.sum())}개 값이 강의 수식과 다릅니다 "
         f"(첫 위치: {first}).")


def matches(got, want, rtol=RTOL, atol=ATOL):
    """True when ``got`` has ``want``'s shape and values (for diagnoses)."""
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    want = np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and not mismatch(got, want, rtol, atol).any()


def expect_unchanged(before, after, names):
    """The function did not modify its array inputs in place."""
    for name, b, a in zip(names, before, after):
        items = b.items() if isinstance(b, dict) else [(None, b)]
        for key, value in items:
            new = a[key] if key is not None else a
            if isinstance(value, np.ndarray) and not np.array_equal(value, np.asarray(new), equal_nan=True):
                label = f"{name}[{key!r}]" if key is not None else name
                fail(f"Your function changed its input {label} in place. Compute new arrays instead "
                     f"(e.g. `c = f * c_prev + ...`, not `c_prev *= f`).",
                     f"함수가 입력 {label}을(를) 제자리에서 바꿨습니다. 새 배열을 만들어 계산하세요 "
                     f"(`c_prev *= f` 대신 `c = f * c_prev + ...`).", diagnosis="mutated_input")
