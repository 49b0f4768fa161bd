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
    """Each notebook's provided cells, run in order with nothing but NumPy (as in the grader's student
    process), define functions that give the reference's results exactly."""
    from solutions import attention, recurrent, transformer
    seen = list(provided_cells())
    assert {a for a, _ in seen} == {"positional", "transformer", "bptt", "decoder"}
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 4, 6))
    params = {f"W_{k}": rng.normal(size=(6, 6)) for k in "qkvo"}
    params.update(W_1=rng.normal(size=(6, 8)), b_1=rng.normal(size=8), W_2=rng.normal(size=(8, 6)), b_2=rng.normal(size=6),
                  gamma_1=rng.normal(size=6), beta_1=rng.normal(size=6), gamma_2=rng.normal(size=6), beta_2=rng.normal(size=6))
    x, h0, c0 = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    lstm = {f"{kind}{g}": rng.normal(size=size) for g in "fiog"
            for kind, size in (("W_x", (3, 4)), ("W_h", (4, 4)), ("b_", (4,)))}
    calls = {"scaled_dot_product_attention": lambda f: f(X, X, X)[0],
             "multi_head_attention": lambda f: f(X, X, params, 2)[0],
             "layer_norm": lambda f: f(X, params["gamma_1"], params["beta_1"]),
             "gelu": lambda f: f(X),
             "feed_forward": lambda f: f(X, params),
             "encoder_block": lambda f: f(X, params, 2, None, True)[0],
             "lstm_gates": lambda f: np.stack(f(x[:, 0], h0, lstm)),
             "lstm_forward": lambda f: np.concatenate([a.ravel() for a in flatten(f(x, h0, c0, lstm))])}

    def flatten(out):                                  # hs, (h_T, c_T)
        return [out[0], *out[1]]

    for assignment in sorted({a for a, _ in seen}):
        namespace = {"np": np}
        for owner, cell in seen:
            if owner == assignment:
                assert "#" not in cell.source and '"""' not in cell.source, assignment   # code only: language-neutral
                exec(compile(cell.source, f"<provided cell of {assignment}>", "exec"), namespace)
        compared = [name for name in calls if name in namespace]
        assert compared, assignment
        for name in compared:
            reference = next(getattr(m, name) for m in (attention, transformer, recurrent) if hasattr(m, name))
            assert np.array_equal(calls[name](namespace[name]), calls[name](reference)), (assignment, name)


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
