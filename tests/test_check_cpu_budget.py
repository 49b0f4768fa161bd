"""``check(..., cpu=…)``: the plugin runs that check in a CPU budget of the code under test
(``impl.budget``), and a check without it in none. (A function stopped by a timeout is not called
again in the same run, so each check calls its own.)"""
import textwrap
import types

from seqlab.course import CheckSet
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks

CHECKS = textwrap.dedent('''
    from seqlab.grading.checklib import check

    @check("spin", "a short budget", "짧은 예산", cpu=0.05)
    def test_in_a_short_budget(impl):
        impl.spin(0.3)

    @check("spin_more", "no budget", "예산 없음")
    def test_without_a_budget(impl):
        impl.spin_more(0.3)

    @check("spin_again", "a long budget", "긴 예산", cpu=30)
    def test_in_a_long_budget(impl):
        impl.spin_again(0.3)
''')


def spin(seconds):
    """Burn ``seconds`` of CPU time."""
    import time
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return 0.0


def spin_more(seconds):
    return spin(seconds)


def spin_again(seconds):
    return spin(seconds)


def test_a_check_marked_with_cpu_runs_in_that_budget(tmp_path):
    (tmp_path / "test_spin.py").write_text(CHECKS)
    report = run_checks(ModuleImpl(types.SimpleNamespace(spin=spin, spin_more=spin_more, spin_again=spin_again), name="spinner"), seed=1,
                        checks=CheckSet(str(tmp_path), ("test_spin.py",), (".",)))
    assert not report["errors"], report["errors"]
    by_id = {c["id"]: c for c in report["checks"]}
    short = by_id["test_in_a_short_budget"]
    assert not short["passed"] and short["diagnosis"] == "code_timeout", short
    assert "0.05" in short["message"]["en"] or "time limit" in short["message"]["en"], short["message"]
    assert by_id["test_without_a_budget"]["passed"], by_id["test_without_a_budget"]
    assert by_id["test_in_a_long_budget"]["passed"]
