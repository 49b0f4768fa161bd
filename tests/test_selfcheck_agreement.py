"""A self-check never contradicts the grade: every implementation the kit knows — the reference,
every correct alternative, every catalogued mistake — goes through the notebook's self-checks and
through the hidden checks. Where the hidden checks give full marks, the self-check must say ✓ (it
may say less than the hidden checks, never the opposite: a student who trusts ✗ would rewrite
correct code). Warnings count the same on both sides: the hidden checks judge values and record
warnings; a self-check that fails code only for a warning the grade ignores fails this test."""
import pytest

from tests.harness import (alternatives, graded_assignments, graded_functions, hidden_points, mistakes, reference,
                           selfcheck_module, selfcheck_result)

SEEDS = (5, 2026)


def cases():
    for a in graded_assignments():
        ref = reference(a)
        for name in graded_functions(a):
            yield pytest.param(a, name, getattr(ref, name), "reference", id=f"{a}:{name}:reference")
        for alt in alternatives(a):
            yield pytest.param(a, alt.function, alt.impl, "alternative", id=f"{a}:{alt.id}")
        for m in mistakes(a):
            yield pytest.param(a, m.function, m.impl, "mistake", id=f"{a}:{m.id}")


@pytest.mark.parametrize("assignment,name,impl,kind", list(cases()))
def test_a_self_check_never_says_wrong_where_the_grade_is_full(assignment, name, impl, kind):
    full = all(hidden_points(assignment, name, impl, seed)[0] == 1.0 for seed in SEEDS)
    if kind in ("reference", "alternative"):
        assert full, f"{kind} {impl.__name__} of {name} does not get full marks from the hidden checks"
    with selfcheck_module(assignment) as sc:
        result = selfcheck_result(sc, assignment, name, impl)
    if full:
        assert result.passed, f"self-check of {name} says ✗ to {impl.__name__}, which gets full marks: {result.message.en}"


def test_every_graded_function_has_self_checks():
    for a in graded_assignments():
        with selfcheck_module(a) as sc:
            missing = [f for f in graded_functions(a) if not sc._REGISTRY.get(f)]
        assert not missing, (a, missing)
