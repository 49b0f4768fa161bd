"""Assignment notebooks come from text sources a person reads and diffs (source/<a>/<a>.nb.py);
the nbgrader notebooks are generated from them and current, and provided cells are generated from
the one implementation they show."""
import re

import nbformat
import numpy as np
import pytest

from seqlab import quiz, sources
from seqlab.course import Course, CourseError
from seqlab.grading.notebook import PROVIDED_TAG
from tests.course_copy import ROOT

COURSE = Course(ROOT)
TEXTS = sources.text_sources(COURSE)


def test_every_assignment_notebook_has_a_text_source_or_a_bank():
    quizzes = set(quiz.quizzes(quiz.load_bank(COURSE)[1]))
    assert set(COURSE.assignments()) == set(TEXTS) | quizzes
    assert not set(TEXTS) & quizzes


def test_generated_notebooks_are_current():
    assert sources.stale_files(COURSE) == [], "run `python -m seqlab build`"
    assert quiz.stale_files(COURSE) == [], "run `python -m seqlab build`"


@pytest.mark.parametrize("assignment", sorted(TEXTS))
def test_text_and_notebook_are_the_same_thing(assignment):
    """The text turned into a notebook and back is the text: nothing is lost or added."""
    text = TEXTS[assignment].read_text(encoding="utf-8")
    assert sources.to_text(sources.build_notebook(text, COURSE)) == text


def provided_cells():
    for assignment in sorted(TEXTS):
        nb = nbformat.read(COURSE.notebook(assignment), as_version=4)
        for cell in nb.cells:
            if PROVIDED_TAG in cell.metadata.get("tags", []):
                yield assignment, cell


def test_provided_cells_run_the_reference_and_say_nothing_in_either_language():
    from solutions import attention, recurrent
    seen = list(provided_cells())
    assert {a for a, _ in seen} == {"positional", "transformer", "bptt"}
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 4, 6))
    params = {f"W_{k}": rng.normal(size=(6, 6)) for k in "qkvo"}
    x, h0, c0 = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    lstm = {f"{kind}{g}": rng.normal(size=size) for g in "fiog"
            for kind, size in (("W_x", (3, 4)), ("W_h", (4, 4)), ("b_", (4,)))}
    for assignment, cell in seen:
        assert "#" not in cell.source and '"""' not in cell.source, assignment   # code only: language-neutral
        namespace = {"np": np}
        exec(compile(cell.source, f"<provided cell of {assignment}>", "exec"), namespace)
        module, _, names = cell.metadata["seqlab"]["provided"].partition(":")
        assert all(callable(namespace.get(n)) for n in names.split(",")), assignment
        if module == "attention":
            got, _ = namespace["scaled_dot_product_attention"](X, X, X)
            assert np.allclose(got, attention.scaled_dot_product_attention(X, X, X)[0], rtol=0, atol=0)
            if "multi_head_attention" in namespace:
                assert np.array_equal(namespace["multi_head_attention"](X, X, params, 2)[0],
                                      attention.multi_head_attention(X, X, params, 2)[0])
        else:
            assert module == "recurrent", assignment
            hs, (h_T, c_T) = namespace["lstm_forward"](x, h0, c0, lstm)
            want_hs, (want_h, want_c) = recurrent.lstm_forward(x, h0, c0, lstm)
            assert np.array_equal(hs, want_hs) and np.array_equal(h_T, want_h) and np.array_equal(c_T, want_c)
            assert all(np.array_equal(a, b) for a, b in zip(namespace["lstm_gates"](x[:, 0], h0, lstm),
                                                            recurrent.lstm_gates(x[:, 0], h0, lstm)))


@pytest.mark.parametrize("text,problem", [
    ('# %% solution\ndef f(x):\n    return x\n', "BEGIN SOLUTION"),
    ('# %% solution\ndef f(x):\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\ndef g(): pass\n', "exactly one function"),
    ('# %% solution\ndef f(x)\n    ### BEGIN SOLUTION\n    ### END SOLUTION\n', "does not parse (line 1"),
    ('# %% test="f"\n', "needs points"),
    ('# %% test="f" points=1\ncheck(f)\n', "generated"),
    ('# %% drawing\nx = 1\n', "unknown cell kind 'drawing'"),
    ('# %% [markdown] lang="fr"\n# Bonjour\n', "lang must be one of"),
    ('# %% provided="attention:no_such_function"\n', "has no no_such_function"),
    ('# %% setup colour="red"\nx = 1\n', "unknown settings ['colour']"),
])
def test_a_wrong_text_source_is_refused_with_a_clear_reason(text, problem):
    with pytest.raises(CourseError, match=re.escape(problem)):
        sources.build_notebook(text, COURSE, where="x.nb.py")
