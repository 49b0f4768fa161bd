"""The vocabulary hidden checks are written in.

A check is a pytest test marked with :func:`check`; it talks to ``impl`` (the code under
test) and fails with :class:`CheckFailed`, whose message is written for a student, in both
languages, and may name a *diagnosis*: a known mistake recognised by how the output is wrong
(e.g. ``gru_pytorch_update``). Messages never contain expected values or reference code.

A failed comparison says *where* in the lecture's structure, so that a student knows which line to
reread: ``expect_close(..., where=...)`` takes a *locator* (``in_time``, ``in_heads``,
``in_head_columns``, ``in_pairs``, ``by_sign``, or ``axes=`` naming each axis), ``expect_items``
says which item of a returned tuple differs (``(f_t, i_t, o_t)``: "o_t differs; f_t and i_t are
right") and ``expect_entries`` which key of a dict; ``where_in_time`` is the first time step that
differs, and whether step 0 (or, walking back in BPTT, the last step) was right.
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


def expect_close(got, want, what, rtol=RTOL, atol=ATOL, diagnose=None, where=None, axes=None):
    """``got`` matches the reference ``want``: shape first, then finiteness, then values.

    ``diagnose(got_array)`` may raise a more specific :class:`CheckFailed` (a named mistake)
    before the generic message. The message gives counts and locations, never the values
    the reference computed: where in the lecture's structure when ``where`` (a locator, e.g.
    ``in_time()``) or ``axes`` (a name for each axis, e.g. ``("row", "unit")``; None: not named)
    is given, else the index of the first entry that differs.
    """
    want = np.asarray(want, dtype=np.float64)
    arr = expect_shape(got, want.shape, what)
    bad = mismatch(arr, want, rtol, atol)
    if not bad.any():
        return arr
    if diagnose is not None:
        diagnose(arr)
    raise CheckFailed(difference(arr, want, what, bad, where=where, axes=axes))


def difference(arr, want, what, bad, where=None, axes=None):
    """The message of a failed comparison of same-shaped arrays (a Text); see :func:`expect_close`."""
    if not np.all(np.isfinite(arr)):
        return Text(f"{what} contains NaN or infinity where the lecture's formula gives finite numbers.",
                    f"{what}에 NaN 또는 무한대가 있습니다. 강의 수식으로는 유한한 값이 나와야 합니다.")
    if where is None and axes is not None:
        where = at(*axes)
    if where is not None:
        located = where(what, arr, want, bad)
        if located is not None:
            return located
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    return Text(f"{what} has the right shape {arr.shape}, but {int(bad.sum())} of {bad.size} entries differ "
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
                     f"(in-place operations such as *=, += or x[...] = overwrite the caller's array).",
                     f"함수가 입력 {label}을(를) 제자리에서 바꿨습니다. 새 배열을 만들어 계산하세요 "
                     f"(*=, +=, x[...] = 같은 제자리 연산은 호출한 쪽의 배열을 덮어씁니다).", diagnosis="mutated_input")


# --------------------------------------------------------------------------- where a comparison fails
# A locator is a function ``(what, arr, want, bad) -> Text`` (``bad``: the entries that differ, same
# shape as ``arr``), giving the whole message of a failed comparison. It may return None to fall back
# to the plain message.
def _label(name):
    """An axis or item name: a str (the same in both languages), an (en, ko) pair or a Text."""
    if isinstance(name, Text):
        return name
    if isinstance(name, tuple):
        return Text(*name)
    return Text(str(name), str(name))


def span(indices):
    """Indices as runs: [0, 1, 2, 5] → "0–2, 5"."""
    idx = sorted(int(i) for i in indices)
    runs, start = [], None
    for k, i in enumerate(idx):
        if start is None:
            start = i
        if k + 1 == len(idx) or idx[k + 1] != i + 1:
            runs.append(f"{start}" if start == i else f"{start}–{i}")
            start = None
    return ", ".join(runs)


def differing_along(bad, axis):
    """Indices along ``axis`` holding at least one entry that differs."""
    axis = axis % bad.ndim
    others = tuple(a for a in range(bad.ndim) if a != axis)
    return [int(i) for i in np.flatnonzero(bad.any(axis=others) if others else bad)]


def counted(what, arr, bad):
    """The opening of a located message: "<what> has the right shape S, but k of n entries differ"."""
    return Text(f"{what} has the right shape {arr.shape}, but {int(bad.sum())} of {bad.size} entries differ from "
                f"the lecture's formula",
                f"{what}의 shape {arr.shape}은 맞지만 {bad.size}개 중 {int(bad.sum())}개 값이 강의 수식과 다릅니다")


def at(*axes):
    """Locator naming each axis (None: not named): for each named axis, the indices that differ."""
    def locate(what, arr, want, bad):
        if len(axes) != bad.ndim:
            return None
        en, ko = [], []
        for axis, name in enumerate(axes):
            if name is None:
                continue
            name, idx, n = _label(name), differing_along(bad, axis), bad.shape[axis]
            if len(idx) == n and n > 1:
                en.append(f"every {name.en} ({n})")
                ko.append(f"모든 {name.ko} ({n}개)")
            else:
                en.append(f"{name.en} {span(idx)} (of {n})")
                ko.append(f"{name.ko} {span(idx)} ({n}개 중)")
        head = counted(what, arr, bad)
        return head + Text(f", at {'; '.join(en)}.", f". 다른 곳: {'; '.join(ko)}.")
    return locate


def time_steps_that_differ(got, want, axis=1, rtol=RTOL, atol=ATOL):
    """Time steps (indices along ``axis``) at which ``got`` differs from ``want``, in time order.
    Same shapes required."""
    return differing_along(mismatch(got, want, rtol, atol), axis)


def where_in_time(what, got, want, axis=1, backward=False, rtol=RTOL, atol=ATOL):
    """Where a sequence differs along its time axis, in the loop's terms (a Text), or None if it does not.

    Forward (a recurrence run from t = 0): the first step that differs, and whether step 0, the one
    that starts from the given initial state, was right. ``backward=True`` (BPTT, walking back from
    t = T−1): the first step that differs in that order, and whether the last step, where BPTT
    starts, was right.
    """
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    steps = time_steps_that_differ(got, want, axis, rtol, atol)
    if not steps:
        return None
    return _where_in_steps(what, steps, want.shape[axis], backward)


def _where_in_steps(what, steps, n, backward):
    """The message of :func:`where_in_time`, from the steps that differ (in time order) out of ``n``."""
    if backward:
        return _where_walking_back(what, sorted(steps, reverse=True), n - 1)
    first, k = steps[0], len(steps)
    if first == 0:
        return Text(
            f"{what} already differs at the first step t = 0 ({k} of {n} steps differ). Step 0 is a single step "
            "from the initial state you are given: check the step's formula and that the loop starts from the "
            "given initial state (not from zeros).",
            f"{what}은(는) 첫 시점 t = 0에서 이미 다릅니다 ({n}개 중 {k}개 시점). 시점 0은 주어진 초기 상태에서 "
            "출발하는 한 시점이므로, 한 시점의 수식과 반복문이 (0이 아니라) 주어진 초기 상태에서 시작하는지 확인하세요.")
    right = "t = 0" if first == 1 else f"t = 0 … {first - 1}"
    return Text(
        f"{what} is right at {right} but differs from step t = {first} on ({k} of {n} steps differ): "
        f"step 0 works, so look at what step t − 1 hands to step t (the state the loop carries).",
        f"{what}은(는) {right}에서는 맞지만 시점 t = {first}부터 다릅니다 ({n}개 중 {k}개 시점). 시점 0은 맞으니 "
        "시점 t − 1이 시점 t로 넘겨주는 값(반복문이 전달하는 상태)을 보세요.")


def _where_walking_back(what, steps, last):
    first = steps[0]
    if first < last:
        right = (f"at the last step t = {last} (where BPTT starts)" if first + 1 == last else
                 f"from the last step t = {last} (where BPTT starts) back to t = {first + 1}")
        right_ko = (f"마지막 시점 t = {last}(BPTT가 시작하는 곳)에서는" if first + 1 == last else
                    f"마지막 시점 t = {last}(BPTT가 시작하는 곳)부터 t = {first + 1}까지는")
        return Text(
            f"{what} is right {right} but differs from step t = {first} back ({len(steps)} of {last + 1} steps "
            "differ): the single-step formulas work, so look at what step t+1 passes back to step t.",
            f"{what}은(는) {right_ko} 맞지만 시점 t = {first}부터 거슬러 올라가며 다릅니다 ({last + 1}개 중 "
            f"{len(steps)}개 시점). 한 시점의 수식은 맞으니 시점 t+1이 시점 t로 넘겨주는 값을 보세요.")
    return Text(
        f"{what} already differs at the last step t = {last}, where BPTT starts and only dhs[:, {last}] arrives "
        f"({len(steps)} of {last + 1} steps differ): before anything is carried back, the single-step backward "
        "or the inputs it is given (x[:, t] and the previous state) are off.",
        f"{what}은(는) BPTT가 시작하는 마지막 시점 t = {last}(여기엔 dhs[:, {last}]만 도달)에서 이미 다릅니다 "
        f"({last + 1}개 중 {len(steps)}개 시점): 무엇이 거꾸로 전달되기도 전이므로, 한 시점의 backward나 그것에 "
        "넘긴 입력(x[:, t]와 이전 상태)이 틀렸습니다.")


def in_time(axis=1, backward=False):
    """Locator for sequences: :func:`where_in_time` along ``axis`` (batch-first: 1)."""
    def locate(what, arr, want, bad):
        return _where_in_steps(what, differing_along(bad, axis), bad.shape[axis], backward)
    return locate


def _which(indices, n, one, many, ko_noun, prefix="", extra=("", "")):
    """"heads j = 1, 3 (of 4) differ; heads j = 0, 2 are right" (or "all 4 heads differ"), both languages."""
    others = [i for i in range(n) if i not in indices]
    if not others:
        return Text(f"all {n} {many} differ" if n > 1 else f"the one {one} differs",
                    f"{n}개 {ko_noun} 모두 다릅니다")
    noun = one if len(indices) == 1 else many
    other_noun = one if len(others) == 1 else many
    return Text(f"{noun} {prefix}{span(indices)} (of {n}) differ{'s' if len(indices) == 1 else ''}{extra[0]}; "
                f"{other_noun} {prefix}{span(others)} {'is' if len(others) == 1 else 'are'} right",
                f"{n}개 {ko_noun} 중 {prefix}{span(indices)}{extra[1]}이(가) 다르고 {prefix}{span(others)}은(는) 맞습니다")


def in_heads(axis=1):
    """Locator for per-head arrays (N, h, n, …): which heads j differ."""
    def locate(what, arr, want, bad):
        which = _which(differing_along(bad, axis), bad.shape[axis], "head", "heads", "head", prefix="j = ")
        return counted(what, arr, bad) + Text(": ", ". ") + which + Text(".", ".")
    return locate


def in_head_columns(n_heads):
    """Locator for merged heads (…, d_model): head j owns the columns j·d_head … (j+1)·d_head − 1."""
    def locate(what, arr, want, bad):
        d = bad.shape[-1]
        if d % n_heads:
            return None
        d_head = d // n_heads
        heads = differing_along(bad.reshape(bad.shape[:-1] + (n_heads, d_head)), -2)
        cols = ", ".join(f"{j * d_head}–{(j + 1) * d_head - 1}" for j in heads)
        which = _which(heads, n_heads, "head", "heads", "head", prefix="j = ", extra=(f" (columns {cols})", f" (열 {cols})"))
        return (counted(what, arr, bad) + Text(": by the heads' columns (head j owns columns j·d_head … "
                                                "(j+1)·d_head − 1), ",
                                                ". head j가 열 j·d_head … (j+1)·d_head − 1을 가지므로 head로 보면 ")
                + which + Text(".", "."))
    return locate


def in_pairs(pos_axis=-2):
    """Locator for positional encodings (…, pos, d_model): which column pairs (2k, 2k+1) differ, in the
    sin (2k) or the cos (2k+1) columns, and the first position pos that differs (row 0 right or not)."""
    def locate(what, arr, want, bad):
        d = bad.shape[-1]
        pairs = sorted({c // 2 for c in differing_along(bad, -1)})
        n_pairs = (d + 1) // 2
        sin_bad, cos_bad = bad[..., 0::2].any(), bad[..., 1::2].any()
        part = ("in both the sin (2k) and the cos (2k+1) columns" if sin_bad and cos_bad else
                "in the sin columns (2k) only" if sin_bad else "in the cos columns (2k+1) only")
        part_ko = ("sin 열(2k)과 cos 열(2k+1) 모두에서" if sin_bad and cos_bad else
                   "sin 열(2k)에서만" if sin_bad else "cos 열(2k+1)에서만")
        which = _which(pairs, n_pairs, "column pair", "column pairs", "열 쌍", prefix="k = ")
        pos = differing_along(bad, pos_axis)
        row0 = " (row 0, pos = 0, is right)" if pos[0] > 0 else " (already at row 0, pos = 0)"
        row0_ko = " (0행, pos = 0은 맞음)" if pos[0] > 0 else " (0행, pos = 0부터)"
        return (counted(what, arr, bad) + Text(": ", ". ") + which
                + Text(f"; the differences lie {part}, from position pos = {pos[0]} on{row0}.",
                       f". 차이는 {part_ko} 나타나며 위치 pos = {pos[0]}부터입니다{row0_ko}."))
    return locate


def by_sign(x, name="x"):
    """Locator for elementwise functions of ``x``: whether the entries that differ have x < 0, x > 0 or
    x = 0 (e.g. a branch of a piecewise formula)."""
    def locate(what, arr, want, bad):
        xs = np.broadcast_to(np.asarray(x, dtype=np.float64), bad.shape)
        groups = [(xs < 0, f"{name} < 0"), (xs == 0, f"{name} = 0"), (xs > 0, f"{name} > 0")]
        wrong = [label for m, label in groups if (bad & m).any()]
        right = [label for m, label in groups if m.any() and not (bad & m).any()]
        en = f"; they are the entries with {' and '.join(wrong)}"
        ko = f". 다른 값은 {', '.join(wrong)}인 원소입니다"
        if right:
            en += f" (where {' and '.join(right)} it is right)"
            ko += f" ({', '.join(right)}인 곳은 맞습니다)"
        return counted(what, arr, bad) + Text(en + ".", ko + ".")
    return locate


def expect_items(got, wants, names, what, rtol=RTOL, atol=ATOL, diagnose=None, where=None, axes=None):
    """A returned tuple against the reference's, item by item (e.g. ``(f_t, i_t, o_t)``).

    Each item must have its reference's shape (the message names the item); when values differ, the
    message says which items differ and which are right, then where the first differing one differs
    (``where``: one locator for every item, or a list, one per item; or ``axes``, names for the axes of
    every item). ``diagnose(arrays)`` may name a known mistake first. Returns the items as float arrays.
    """
    items = unpack(got, len(wants), what)
    wants = [np.asarray(w, dtype=np.float64) for w in wants]
    arrs = [expect_shape(g, w.shape, name) for g, w, name in zip(items, wants, names)]
    bads = [mismatch(a, w, rtol, atol) for a, w in zip(arrs, wants)]
    wrong = [i for i, b in enumerate(bads) if b.any()]
    if not wrong:
        return arrs
    if diagnose is not None:
        diagnose(arrs)
    right = [names[i] for i in range(len(names)) if i not in wrong]
    bad_names = ", ".join(names[i] for i in wrong)
    tuple_name = f"({', '.join(names)})"
    en = f"Of {what} = {tuple_name}, {bad_names} differ{'s' if len(wrong) == 1 else ''}"
    ko = f"{what} = {tuple_name} 중 {bad_names}이(가) 다릅니다"
    if right:
        en += f" ({', '.join(right)} {'is' if len(right) == 1 else 'are'} right)"
        ko += f" ({', '.join(right)}은(는) 맞습니다)"
    i = wrong[0]
    loc = where[i] if isinstance(where, (list, tuple)) else where
    raise CheckFailed(Text(en + ". ", ko + ". ") + difference(arrs[i], wants[i], names[i], bads[i], where=loc,
                                                             axes=axes))


def expect_entries(got, wants, what, keys=None, rtol=RTOL, atol=ATOL, diagnose=None, where=None):
    """A returned dict (e.g. ``grads``) against the reference's, key by key (``keys``: all of ``wants``).

    A missing key is named; when values differ, the message names the keys that differ and the keys
    that are right, then where the first one differs. ``diagnose(key, array)`` may name a known mistake
    first. Returns {key: float array}.
    """
    keys = list(wants) if keys is None else list(keys)
    if not isinstance(got, dict):
        fail(f"{what} should be a dict keyed {', '.join(keys)}; got {type(got).__name__}.",
             f"{what}은(는) {', '.join(keys)}를 키로 갖는 dict여야 하는데 {type(got).__name__}입니다.")
    missing = [k for k in keys if k not in got]
    if missing:
        fail(f"{what} has no key {missing[0]!r} (its keys: {sorted(got)}).",
             f"{what}에 키 {missing[0]!r}가 없습니다 (있는 키: {sorted(got)}).")
    arrs, bads = {}, {}
    for k in keys:
        want = np.asarray(wants[k], dtype=np.float64)
        arrs[k] = expect_shape(got[k], want.shape, f"{what}[{k!r}]")
        bads[k] = mismatch(arrs[k], want, rtol, atol)
    wrong = [k for k in keys if bads[k].any()]
    if not wrong:
        return arrs
    if diagnose is not None:
        for k in wrong:
            diagnose(k, arrs[k])
    right = [k for k in keys if k not in wrong]
    en = f"{what}: " + ", ".join(f"[{k!r}]" for k in wrong) + (" differs" if len(wrong) == 1 else " differ")
    ko = f"{what}: " + ", ".join(f"[{k!r}]" for k in wrong) + "이(가) 다릅니다"
    if right:
        en += " (" + ", ".join(f"[{k!r}]" for k in right) + (" is" if len(right) == 1 else " are") + " right)"
        ko += " (" + ", ".join(f"[{k!r}]" for k in right) + "은(는) 맞습니다)"
    k = wrong[0]
    raise CheckFailed(Text(en + ". ", ko + ". ") + difference(arrs[k], wants[k], f"{what}[{k!r}]", bads[k], where=where))
