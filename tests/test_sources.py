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
    seen = [(a, cell) for a, cell in provided_cells() if "import torch" not in cell.source]   # NumPy only
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


def test_the_torch_labs_provided_cell_imports_what_its_solution_cells_use_and_makes_the_references_data():
    """The grader's student process runs only solution and provided cells: the provided cell of
    sequence_modeling brings torch, nn and math to the students' classes, and its data maker is the
    reference's."""
    import torch
    from solutions import sequence_modeling as reference
    (cell,) = [c for a, c in provided_cells() if a == "sequence_modeling"]
    assert "#" not in cell.source and '"""' not in cell.source
    namespace = {}
    exec(compile(cell.source, "<provided cell of sequence_modeling>", "exec"), namespace)
    assert namespace["torch"] is torch and namespace["nn"] is torch.nn and namespace["math"].pi > 3
    got, want = namespace["make_sine_data"](7, T=5, seed=3), reference.make_sine_data(7, T=5, seed=3)
    assert all(torch.equal(g, w) for g, w in zip(got, want)) and got[0].shape == (7, 5, 1)


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
    ('# %% [markdown] written="why"\n### BEGIN SOLUTION\n# yes\n### END SOLUTION\n', "needs points"),
    ('# %% [markdown] written="why" points=2\n# because\n', "between ### BEGIN SOLUTION"),
    ('# %% [markdown] mark_scheme="why"\n# 1 point: says why\n', "=== BEGIN MARK SCHEME ==="),
    ('# %% [markdown] written="why" points=2 lang="en"\n### BEGIN SOLUTION\n### END SOLUTION\n', "no lang="),
    ('# %% [markdown] lang="en" colour="red"\n# Hello\n', "unknown settings ['colour']"),
    ('# %% provided="attention:softmax"\nimport numpy as np\nx = 1\n', "imports only"),
])
def test_a_wrong_text_source_is_refused_with_a_clear_reason(text, problem):
    with pytest.raises(CourseError, match=re.escape(problem)):
        sources.build_notebook(text, COURSE, where="x.nb.py")


WRITTEN = """# %% [markdown] lang="en"
# **Why** does the order matter?

# %% [markdown] written="why_order" points=3
# ### BEGIN SOLUTION
# [en]
# Attention alone treats the positions as a set.
# [/]
# [ko]
# attention만으로는 위치들을 집합처럼 다룹니다.
# [/]
# ### END SOLUTION

# %% [markdown] mark_scheme="why_order"
# === BEGIN MARK SCHEME ===
#
# - 2 points: a set / 2점: 집합
#
# === END MARK SCHEME ===

# %% provided="attention:softmax"
import math
from numpy import linalg
"""


def test_written_answers_and_mark_schemes_are_nbgraders_cells_as_the_quizzes_write_them():
    nb = sources.build_notebook(WRITTEN, COURSE, where="x.nb.py")
    prompt, answer, scheme, provided = nb.cells
    assert answer.cell_type == scheme.cell_type == "markdown"
    assert answer.id == "answer_why_order" and scheme.id == "mark_scheme_why_order"
    a, m = answer.metadata["nbgrader"], scheme.metadata["nbgrader"]
    # a manually graded markdown task (nbgrader: grade and solution), worth its points …
    assert (a["grade"], a["solution"], a["locked"], a["grade_id"], a["points"]) == (True, True, False,
                                                                                      "answer_why_order", 3)
    # … and its mark scheme a locked cell that is not a task (formgrader's queue holds only answers)
    assert (m["grade"], m["solution"], m["locked"], m["grade_id"]) == (False, False, True, "mark_scheme_why_order")
    assert "=== BEGIN MARK SCHEME ===" in scheme.source and "### BEGIN SOLUTION" in answer.source
    assert "nbgrader" not in prompt.metadata
    # a provided cell's own imports come first, then the generated code, which can use them
    assert provided.source.startswith("import math\nfrom numpy import linalg\n\n\ndef softmax(")
    namespace = {"np": np}
    exec(provided.source, namespace)
    assert "math" in namespace and "softmax" in namespace
    assert sources.to_text(nb) == WRITTEN


def test_a_written_answer_is_released_as_a_stub_and_its_mark_scheme_emptied(tmp_path):
    """nbgrader's own release steps (ClearSolutions, ClearMarkScheme) on the cells built here."""
    from nbgrader.preprocessors import ClearMarkScheme, ClearSolutions
    nb = sources.build_notebook(WRITTEN, COURSE, where="x.nb.py")
    nb, _ = ClearSolutions().preprocess(nb, {})
    nb, _ = ClearMarkScheme(enforce_metadata=False).preprocess(nb, {})
    _, answer, scheme, _ = nb.cells
    assert "Attention alone" not in answer.source and "집합" not in answer.source
    assert answer.source.strip() == "YOUR ANSWER HERE"
    assert "2 points" not in scheme.source and "MARK SCHEME" not in scheme.source
