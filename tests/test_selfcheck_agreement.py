"""A self-check never contradicts the grade: where the hidden checks give full marks, the self-check
must say ✓ (it may say less than the hidden checks, never the opposite: a student who trusts ✗ would
rewrite correct code). The reference and every correct alternative have full marks (asserted by
tests/test_mistakes.py and tests/test_alternatives.py) and go through the notebook's self-checks; every catalogued mistake goes
through the hidden checks, and through the self-checks wherever those give it full marks. Warnings
count the same on both sides: the hidden checks judge values and record warnings; a self-check
that fails code only for a warning the grade ignores fails this test."""
import pytest

from tests.harness import (alternatives, graded_assignments, graded_functions, hidden_points, mistakes, reference,
                           selfcheck_module, selfcheck_result, trains)

SEEDS = (5, 2026)
# A correct implementation (the reference, an alternative) gets full marks from the hidden checks:
# tests/test_alternatives.py asserts it on three seeds, tests/test_mistakes.py and
# tests/test_degenerate_answers.py for the reference; here it needs the self-check's ✓. A mistake
# goes through the hidden checks on every seed (stopping at the first without full marks, usually
# the first) and through the self-check where it had full marks on all of them.


def cases():
    for a in graded_assignments():
        ref = reference(a)
        for name in graded_functions(a):
            yield pytest.param(a, name, getattr(ref, name), "reference", id=f"{a}:{name}:reference")
        for alt in alternatives(a):
            yield pytest.param(a, alt.function, alt.impl, "alternative", id=f"{a}:{alt.id}", marks=trains(a, alt.function))
        for m in mistakes(a):
            yield pytest.param(a, m.function, m.impl, "mistake", id=f"{a}:{m.id}", marks=trains(a, m.function))


@pytest.mark.parametrize("assignment,name,impl,kind", list(cases()))
def test_a_self_check_never_says_wrong_where_the_grade_is_full(assignment, name, impl, kind):
    full = kind in ("reference", "alternative") or all(hidden_points(assignment, name, impl, seed)[0] == 1.0
                                                        for seed in SEEDS)
    if full:
        with selfcheck_module(assignment) as sc:
            result = selfcheck_result(sc, assignment, name, impl)
        assert result.passed, f"self-check of {name} says ✗ to {impl.__name__}, which gets full marks: {result.message.en}"


def test_every_graded_function_has_self_checks():
    for a in graded_assignments():
        with selfcheck_module(a) as sc:
            missing = [f for f in graded_functions(a) if not sc._REGISTRY.get(f)]
        assert not missing, (a, missing)
