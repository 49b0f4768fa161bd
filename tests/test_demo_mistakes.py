"""The demo class hands in what its stories say: every catalogued mistake a persona submits is a
known mistake of the catalogue, and the cell the demo writes for it (the mistake under its graded
name, with the catalogue's helpers it calls) runs in a notebook that holds nothing else of the
catalogue and is graded as that mistake, by name."""
import types

import numpy as np
import pytest

from seqlab.course import Course
from seqlab.demo import _mistakes, cell_code
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.course_copy import ROOT
from tests.demo_class import ROSTER
from tests.harness import reference

COURSE = Course(ROOT)
MISTAKES = _mistakes(COURSE)
HANDED_IN = sorted({(fn, choice.split(":", 1)[1]) for p in ROSTER for fn, choice in p.functions.items()
                    if choice.startswith("mistake:")})


def test_every_mistake_a_persona_hands_in_is_in_the_catalogue():
    assert HANDED_IN
    for fn, key in HANDED_IN:
        assert key in MISTAKES and MISTAKES[key].function == fn, (fn, key)


def test_a_mistake_that_calls_the_catalogue_s_helpers_brings_them_along():
    code = cell_code("mistake:decoder_without_causal_mask", "decoder_block", None, None, MISTAKES)
    assert code.index("def _block(") < code.index("def decoder_block(")
    assert "def _ln(" in code and "def _mha_params(" in code and "@mistake" not in code
    assert "def multi_head_attention(" not in code          # the notebook provides it


@pytest.mark.parametrize("fn,key", HANDED_IN, ids=[key for _, key in HANDED_IN])
def test_the_cell_runs_alone_and_is_graded_as_the_mistake(fn, key):
    m = MISTAKES[key]
    module = reference(m.module)
    notebook = {"np": np, "numpy": np}
    notebook.update({k: v for k, v in vars(module).items() if not k.startswith("_")})   # its functions and imports
    exec(compile(cell_code(f"mistake:{key}", fn, None, None, MISTAKES), f"<{key}>", "exec"), notebook)
    implementation = types.SimpleNamespace(**vars(module))
    setattr(implementation, fn, notebook[fn])
    report = run_checks(ModuleImpl(implementation, name=key), functions=[fn], seed=3,
                        checks=COURSE.check_set(m.module))
    assert not report["errors"], report["errors"]
    failed = [c for c in report["checks"] if not c["passed"]]
    assert failed and m.diagnosis in {c["diagnosis"] for c in failed}, [(c["id"], c["diagnosis"]) for c in failed]


def test_the_cell_keeps_the_students_own_decorators(tmp_path, monkeypatch):
    """Only the catalogue's @mistake/@alternative lines go: a student's @torch.no_grad() is their code
    (without it a correct evaluate would become the "evaluate with gradients" mistake)."""
    import importlib
    from seqlab.demo import _plain_source
    (tmp_path / "catalogue_entry.py").write_text(
        "import functools\n\n\n"
        "def mistake(function):            # stands in for seqlab.catalogue.mistake\n"
        "    return lambda fn: fn\n\n\n"
        "@mistake(\"evaluate\")\n"
        "@functools.lru_cache(maxsize=None)\n"
        "def evaluate_cached(model, X, y):\n"
        "    return 0.0\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    entry = importlib.import_module("catalogue_entry")
    source = _plain_source(entry.evaluate_cached)
    assert "@mistake" not in source and source.startswith("@functools.lru_cache(maxsize=None)\ndef evaluate_cached(")
