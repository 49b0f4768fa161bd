"""The catalogue of correct alternatives: at least three ways of writing every graded function of
the assignments graded by functions, and every alternative gets full marks from its function's
hidden checks (tests/test_selfcheck_agreement.py also runs them through the self-checks, which must
say ✓)."""
import pytest

from seqlab.catalogue import alternatives_of
from seqlab.grading.runner import run_checks
from tests.harness import COURSE, alternatives, graded_assignments, graded_functions, sweep, with_function
from seqlab.grading.impl import ModuleImpl

AT_LEAST = 3
SEEDS = (5, 2025, 71)
CATALOGUE = alternatives_of(COURSE)


@pytest.mark.parametrize("assignment", graded_assignments())
def test_every_graded_function_has_alternatives(assignment):
    count = {f: 0 for f in graded_functions(assignment)}
    for alt in alternatives(assignment):
        assert alt.function in count, f"{alt.id} is an alternative of no graded function of {assignment}"
        count[alt.function] += 1
    assert all(n >= AT_LEAST for n in count.values()), {f: n for f, n in count.items() if n < AT_LEAST}


def test_alternatives_have_distinct_names():
    ids = [alt.id for alt in CATALOGUE]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("alt", sweep(CATALOGUE, ids=lambda a: f"{a.module}:{a.id}"))
@pytest.mark.parametrize("seed", [SEEDS[0]] + [pytest.param(s, marks=pytest.mark.slow) for s in SEEDS[1:]])
def test_alternative_gets_full_marks(alt, seed):
    report = run_checks(ModuleImpl(with_function(alt.module, alt.function, alt.impl), name=alt.id),
                        functions=[alt.function], seed=seed, checks=COURSE.check_set(alt.module))
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    assert checks and all(c["function"] == alt.function for c in checks)
    failed = {c["id"]: (c["message"] or {}).get("en") for c in checks if not c["passed"]}
    assert failed == {}, f"{alt.id} is correct but failed: {failed}"
