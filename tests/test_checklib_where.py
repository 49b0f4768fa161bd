"""The checks' vocabulary for saying where a comparison fails (seqlab/grading/checklib.py).

Each helper is given an output that is wrong in one known place, and its message must name that
place in the lecture's terms (the time step, the gate of a tuple, the head, the PE column pair, the
key of a dict), in both languages, and never the reference's values.
"""
import re

import numpy as np
import pytest

from seqlab.grading.checklib import (CheckFailed, at, by_sign, expect_close, expect_entries, expect_items,
                                     in_head_columns, in_heads, in_pairs, in_time, span, where_in_time)

HANGUL = re.compile("[가-힣]")
rng = np.random.default_rng(0)


def message(call):
    with pytest.raises(CheckFailed) as failed:
        call()
    text = failed.value.text
    assert HANGUL.search(text.ko) and not HANGUL.search(text.en), text
    return text


def reference_values_absent(text, want):
    """No reference value (to 4 significant digits) appears in the message."""
    shown = set(re.findall(r"-?\d+\.\d+", text.en + text.ko))
    values = {f"{v:.4g}" for v in np.ravel(want)}
    assert not {s for s in shown if f"{float(s):.4g}" in values}, (shown, text.en)


def wrong_at(want, index, by=1.5):
    got = want.copy()
    got[index] += by
    return got


def test_span_writes_runs():
    assert span([0, 1, 2, 5]) == "0–2, 5"
    assert span([3]) == "3" and span([4, 1, 2]) == "1–2, 4"


def test_a_wrong_time_step_is_reported_as_that_step():
    hs = rng.normal(size=(3, 6, 5))
    for t in (2, 4):
        got = wrong_at(hs, (slice(None), slice(t, None)))          # right until t − 1, wrong from t on
        text = message(lambda: expect_close(got, hs, "hs", where=in_time()))
        assert f"from step t = {t} on" in text.en and f"t = {t}부터" in text.ko
        assert (f"right at t = 0 … {t - 1}" in text.en) and f"{6 - t} of 6 steps" in text.en
        reference_values_absent(text, hs)
    text = message(lambda: expect_close(wrong_at(hs, (1, 0, 2)), hs, "hs", where=in_time()))
    assert "at the first step t = 0" in text.en and "initial state" in text.en and "첫 시점 t = 0" in text.ko


def test_walking_back_names_the_first_step_bptt_meets():
    dx = rng.normal(size=(3, 6, 4))
    got = wrong_at(dx, (slice(None), slice(0, 4)))                # steps 0–3 wrong, 4 and 5 right
    text = where_in_time("dx", got, dx, axis=1, backward=True)
    assert "from the last step t = 5 (where BPTT starts) back to t = 4" in text.en
    assert "differs from step t = 3 back" in text.en and "4 of 6 steps" in text.en
    text = where_in_time("dx", wrong_at(dx, (0, 5, 0)), dx, axis=1, backward=True)
    assert "already differs at the last step t = 5" in text.en
    assert where_in_time("dx", dx.copy(), dx) is None


def test_which_item_of_a_tuple_differs():
    gates = tuple(rng.uniform(0.1, 0.9, (3, 5)) for _ in range(3))
    got = (gates[0], gates[1], wrong_at(gates[2], (1, 2), 0.05))
    text = message(lambda: expect_items(got, gates, ("f_t", "i_t", "o_t"), "lstm_gates(...)"))
    assert "o_t differs (f_t, i_t are right)" in text.en and "o_t이(가) 다릅니다" in text.ko
    assert "(1, 2)" in text.en                                      # where inside o_t
    reference_values_absent(text, gates)
    text = message(lambda: expect_items((gates[0], gates[1][:, :2], gates[2]), gates, ("f_t", "i_t", "o_t"), "g"))
    assert text.en.startswith("i_t has shape (3, 2)")
    text = message(lambda: expect_items(gates[:2], gates, ("f_t", "i_t", "o_t"), "lstm_gates(...)"))
    assert "tuple of 3 items" in text.en
    diagnosed = []
    with pytest.raises(CheckFailed):
        expect_items(got, gates, ("f_t", "i_t", "o_t"), "g", diagnose=lambda arrs: diagnosed.append(len(arrs)))
    assert diagnosed == [3]
    assert [a.shape for a in expect_items(gates, gates, ("f_t", "i_t", "o_t"), "g")] == [(3, 5)] * 3


def test_which_head_differs():
    heads = rng.normal(size=(2, 3, 4, 5))                            # (N, h, n, d_head)
    text = message(lambda: expect_close(wrong_at(heads, (1, 1, 2, 0)), heads, "split_heads(X, 3)",
                                        where=in_heads(axis=1)))
    assert "head j = 1 (of 3) differs; heads j = 0, 2 are right" in text.en
    assert "3개 head 중 j = 1이(가) 다르고 j = 0, 2은(는) 맞습니다" in text.ko
    text = message(lambda: expect_close(heads + 1, heads, "split_heads(X, 3)", where=in_heads(axis=1)))
    assert "all 3 heads differ" in text.en
    merged = rng.normal(size=(2, 4, 12))                             # (N, n, d_model), h = 3, d_head = 4
    text = message(lambda: expect_close(wrong_at(merged, (0, 1, 9)), merged, "merge_heads(X)",
                                        where=in_head_columns(3)))
    assert "head j = 2 (of 3) differs (columns 8–11); heads j = 0–1 are right" in text.en


def test_which_column_pair_of_the_encoding_differs():
    pe = rng.normal(size=(10, 8))                                     # 4 pairs (2k, 2k+1)
    got = wrong_at(pe, (slice(3, None), 7))                           # the cos of pair k = 3, from pos = 3
    text = message(lambda: expect_close(got, pe, "positional_encoding(10, 8)", where=in_pairs(pos_axis=0)))
    assert "column pair k = 3 (of 4) differs; column pairs k = 0–2 are right" in text.en
    assert "cos columns (2k+1) only" in text.en and "pos = 3 on (row 0, pos = 0, is right)" in text.en
    assert "cos 열(2k+1)에서만" in text.ko
    got = wrong_at(pe, (slice(None), slice(2, 6)))
    text = message(lambda: expect_close(got, pe, "PE", where=in_pairs(pos_axis=0)))
    assert "column pairs k = 1–2 (of 4) differ" in text.en and "both the sin" in text.en
    assert "already at row 0" in text.en
    batch = rng.normal(size=(2, 5, 6))                                # X + PE for a batch
    text = message(lambda: expect_close(wrong_at(batch, (1, 4, 0)), batch, "add_positional_encoding(X)",
                                        where=in_pairs(pos_axis=-2)))
    assert "column pair k = 0 (of 3)" in text.en and "sin columns (2k) only" in text.en and "pos = 4" in text.en


def test_by_sign_says_which_branch_is_wrong():
    x = rng.normal(size=(4, 6))
    x[0, 0] = 0.0
    want = np.maximum(x, 0)
    got = np.where(x < 0, want + 0.1, want)
    text = message(lambda: expect_close(got, want, "gelu(x)", where=by_sign(x)))
    assert "entries with x < 0 (where x = 0 and x > 0 it is right)" in text.en
    assert "x < 0인 원소" in text.ko


def test_named_axes():
    x = rng.normal(size=(4, 7))
    got = wrong_at(x, (slice(1, 3), slice(None)))
    text = message(lambda: expect_close(got, x, "layer_norm(x, gamma, beta)", axes=("row", None)))
    assert "at row 1–2 (of 4)" in text.en and "row 1–2 (4개 중)" in text.ko
    text = message(lambda: expect_close(got, x, "y", where=at(("row", "행"), ("feature", "특성"))))
    assert "every feature (7)" in text.en and "다른 곳: 행 1–2 (4개 중); 모든 특성 (7개)" in text.ko


def test_which_key_of_a_dict_differs():
    grads = {"W_xh": rng.normal(size=(4, 5)), "W_hh": rng.normal(size=(5, 5)), "b_h": rng.normal(size=5)}
    got = dict(grads, W_hh=grads["W_hh"].T)
    text = message(lambda: expect_entries(got, grads, "grads"))
    assert "grads: ['W_hh'] differs (['W_xh'], ['b_h'] are right)" in text.en
    assert "grads['W_hh'] has the right shape (5, 5)" in text.en
    reference_values_absent(text, grads["W_hh"])
    text = message(lambda: expect_entries({"W_xh": grads["W_xh"]}, grads, "grads"))
    assert "no key 'W_hh'" in text.en
    text = message(lambda: expect_entries([1, 2], grads, "grads"))
    assert "should be a dict" in text.en
    assert set(expect_entries(grads, grads, "grads")) == set(grads)


def test_without_a_locator_the_message_is_unchanged():
    x = rng.normal(size=(3, 4))
    text = message(lambda: expect_close(wrong_at(x, (2, 1)), x, "h_t"))
    assert text.en == "h_t has the right shape (3, 4), but 1 of 12 entries differ from the lecture's formula " \
                      "(first at index (2, 1))."
    nan = x.copy()
    nan[0, 0] = np.nan
    assert "NaN" in message(lambda: expect_close(nan, x, "h_t", where=in_time(axis=0))).en
