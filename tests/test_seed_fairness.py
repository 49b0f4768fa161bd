"""A grade does not depend on the seed: every autograde run draws fresh inputs (CHECKS.md), so a
check that a known mistake passes on some seeds and fails on others gives two students with the
same code different scores. For every catalogued mistake, the checks it passes are the same on
every seed here. (A check may fail a mistake or pass it, the mistake's own diagnosis comes from
tests/test_mistakes.py; what it may not do is decide by luck.)"""
import pytest

from tests.harness import hidden_points, mistakes, graded_assignments

SEEDS = (1, 2, 3, 4, 5, 6)
CASES = [m for a in graded_assignments() for m in mistakes(a)]


@pytest.mark.slow
@pytest.mark.parametrize("m", CASES, ids=lambda m: f"{m.module}:{m.id}")
def test_a_mistake_passes_the_same_checks_on_every_seed(m):
    passed = {}
    for seed in SEEDS:
        report = hidden_points(m.module, m.function, m.impl, seed)[1]
        passed[seed] = frozenset(c["id"] for c in report["checks"] if c["passed"])
    first = passed[SEEDS[0]]
    differ = {seed: sorted(first ^ got) for seed, got in passed.items() if got != first}
    assert not differ, f"{m.id}: checks whose verdict changes with the seed (vs seed {SEEDS[0]}): {differ}"
