"""seqlab.similarity: a copy with renamed variables, other comments and its helper functions in
another order is found; independent solutions — idiomatic ones close to the instructor's, and
students' own different ones — are not; the released stub and what the class shares are not
anyone's own. Planted by hand here (no grading): the report's test plants them in a graded class."""
from seqlab.demo import disguise
from seqlab.similarity import normalise, similar_pairs

STUB = '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    raise NotImplementedError()
'''

REFERENCE = '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    h_t, c_t = h0, c0
    hs = []
    for t in range(x.shape[1]):
        h_t, c_t = lstm_step(x[:, t], h_t, c_t, params)
        hs.append(h_t)
    return np.stack(hs, axis=1)
'''

# what many students write independently: the reference's idiom, their own names
IDIOMATIC = [
    '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    h, c = h0, c0
    outputs = []
    for step in range(x.shape[1]):
        h, c = lstm_step(x[:, step], h, c, params)
        outputs.append(h)
    return np.stack(outputs, axis=1)
''',
    '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    N, T, _ = x.shape
    hs = np.zeros((N, T, h0.shape[1]))
    h, c = h0, c0
    for t in range(T):
        h, c = lstm_step(x[:, t, :], h, c, params)
        hs[:, t, :] = h
    return hs
''',
    '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    state = (h0, c0)
    collected = []
    for x_t in np.moveaxis(x, 1, 0):
        state = lstm_step(x_t, *state, params)
        collected.append(state[0])
    return np.stack(collected, 1)
''',
]

# one student's own way: helpers of their own, unusual steps
ORIGINAL = '''def _gate(z, kind):
    # squash a pre-activation the way the gate needs it
    if kind == "g":
        return np.tanh(z)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


def _cell(x_t, h_prev, c_prev, params):
    pre = {k: x_t @ params["W_x" + k] + h_prev @ params["W_h" + k] + params["b_" + k] for k in "fiog"}
    f_t, i_t, o_t, g_t = (_gate(pre[k], k) for k in "fiog")
    c_next = f_t * c_prev + i_t * g_t
    return o_t * np.tanh(c_next), c_next


def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    seq = np.swapaxes(x, 0, 1)
    carry, memory, trail = h0, c0, []
    for frame in seq:
        carry, memory = _cell(frame, carry, memory, params)
        trail.append(carry[:, None, :])
    return np.concatenate(trail, axis=1)
'''

# the copy, by hand: every name changed, comments gone, the helpers in another order
COPY = '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    steps = np.swapaxes(x, 0, 1)
    hid, mem, res = h0, c0, []
    for xt in steps:
        hid, mem = one_step(xt, hid, mem, params)
        res.append(hid[:, None, :])
    return np.concatenate(res, axis=1)


def one_step(inp, hp, cp, params):
    z = {g: inp @ params["W_x" + g] + hp @ params["W_h" + g] + params["b_" + g] for g in "fiog"}
    a, b, o, cand = (activate(z[g], g) for g in "fiog")
    c_new = a * cp + b * cand
    return o * np.tanh(c_new), c_new


def activate(v, which):
    if which == "g":
        return np.tanh(v)
    return 1.0 / (1.0 + np.exp(-np.clip(v, -60.0, 60.0)))
'''

# another student's own, different way (correct too)
OTHER_OWN = '''def lstm_forward(x, h0, c0, params):
    """Run the LSTM over the sequence. x: (N, T, D) → hs: (N, T, H)."""
    W = np.concatenate([params[f"W_x{g}"] for g in "fiog"], axis=1)
    U = np.concatenate([params[f"W_h{g}"] for g in "fiog"], axis=1)
    b = np.concatenate([params[f"b_{g}"] for g in "fiog"])
    H = h0.shape[1]
    h, c, out = h0, c0, np.empty(x.shape[:2] + (H,))
    for t in range(x.shape[1]):
        z = x[:, t] @ W + h @ U + b
        f, i, o = (1 / (1 + np.exp(-z[:, k * H:(k + 1) * H])) for k in range(3))
        c = f * c + i * np.tanh(z[:, 3 * H:])
        h = o * np.tanh(c)
        out[:, t] = h
    return out
'''


def class_of(**planted):
    """A class: students writing the reference's idiom their own way, two of them verbatim, a blank
    one, and the planted."""
    cells = {f"s{n:02d}-idiom": [code] for n, code in enumerate(IDIOMATIC)}
    cells.update({"s10-verbatim": [REFERENCE], "s11-verbatim": [REFERENCE], "s12-blank": [STUB]})
    cells.update({k: [v] for k, v in planted.items()})
    return cells


def test_normalising_removes_comments_docstrings_spacing_and_the_students_names():
    a = 'def f(x, axis=-1):\n    """doc"""\n    m = np.max(x, axis=axis)  # the max\n    return np.exp(x - m)\n'
    b = 'def f(values, axis=-1):\n\n    biggest  =  np.max(values,\n                      axis=axis)\n    return np.exp(values - biggest)\n'
    assert [t.text for t in normalise(a)] == [t.text for t in normalise(b)]
    assert "np" in [t.text for t in normalise(a)] and "exp" in [t.text for t in normalise(a)]   # library names stay
    c = a.replace("np.exp", "np.tanh")
    assert [t.text for t in normalise(a)] != [t.text for t in normalise(c)]


def test_a_disguised_copy_is_found_and_shows_the_shared_code():
    result = similar_pairs(class_of(**{"s20-original": ORIGINAL, "s21-copy": COPY, "s22-own": OTHER_OWN}),
                           base=[STUB, REFERENCE])
    pairs = {(p.a, p.b) for p in result.flagged}
    assert pairs == {("s20-original", "s21-copy")}
    pair = result.flagged[0]
    assert pair.score >= result.threshold and pair.shared >= 6
    # the fragment is the code as each student wrote it
    assert "np.swapaxes(x, 0, 1)" in pair.fragment_a and "carry" in pair.fragment_a
    assert "np.swapaxes(x, 0, 1)" in pair.fragment_b and "hid" in pair.fragment_b


def test_the_demo_disguise_is_found_too():
    copy = disguise(ORIGINAL, keep={"lstm_forward", "x", "h0", "c0", "params"})
    assert copy != ORIGINAL and "_cell" not in copy and "carry" not in copy and "#" not in copy
    assert copy.index("def lstm_forward") < copy.index("np.clip")          # the helpers moved
    namespace = {"np": __import__("numpy")}
    exec(compile(copy, "copy", "exec"), namespace)                          # still valid Python
    result = similar_pairs(class_of(**{"s20-original": ORIGINAL, "s21-copy": copy}), base=[STUB, REFERENCE])
    assert {(p.a, p.b) for p in result.flagged} == {("s20-original", "s21-copy")}


def test_independent_solutions_are_not_flagged():
    result = similar_pairs(class_of(**{"s20-original": ORIGINAL, "s22-own": OTHER_OWN}), base=[STUB, REFERENCE])
    assert result.flagged == []
    assert len(result.scores) == 8 * 7 // 2


def test_the_instructors_idiom_is_nobodys_own_even_in_a_small_class():
    # three students writing the reference verbatim: under the class-share cutoff, removed as base
    cells = {"a": [REFERENCE], "b": [REFERENCE], "c": [OTHER_OWN]}
    assert similar_pairs(cells, base=[STUB, REFERENCE]).flagged == []
    # without the instructor's solution as base, two verbatim copies of one text are a pair
    assert [(p.a, p.b) for p in similar_pairs(cells, base=[STUB]).flagged] == [("a", "b")]


def test_code_that_does_not_parse_is_still_compared():
    broken = ORIGINAL.replace("def _cell(x_t, h_prev, c_prev, params):", "def _cell(x_t, h_prev, c_prev, params)")
    result = similar_pairs(class_of(**{"s20-original": broken, "s21-copy": COPY}), base=[STUB, REFERENCE])
    assert {(p.a, p.b) for p in result.flagged} == {("s20-original", "s21-copy")}
