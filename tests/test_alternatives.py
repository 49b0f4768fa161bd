"""The catalogue of correct alternatives covers every graded function of the assignments graded by
functions: at least three ways of writing each (tests/test_selfcheck_agreement.py runs every one
through the hidden checks, which must give full marks, and the self-checks, which must say ✓)."""
import pytest

from tests.harness import alternatives, graded_assignments, graded_functions

AT_LEAST = 3


@pytest.mark.parametrize("assignment", graded_assignments())
def test_every_graded_function_has_alternatives(assignment):
    count = {f: 0 for f in graded_functions(assignment)}
    for alt in alternatives(assignment):
        assert alt.function in count, f"{alt.id} is an alternative of no graded function of {assignment}"
        count[alt.function] += 1
    assert all(n >= AT_LEAST for n in count.values()), {f: n for f, n in count.items() if n < AT_LEAST}


def test_alternatives_have_distinct_names():
    ids = [alt.id for a in graded_assignments() for alt in alternatives(a)]
    assert len(ids) == len(set(ids))
