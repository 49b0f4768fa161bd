"""Helpers for the tests that run an implementation through both the hidden checks and the
notebook's self-checks (tests/test_selfcheck_agreement.py, tests/test_degenerate_answers.py).

An *implementation* here is the course's reference module with one function replaced (by a
catalogued mistake, a correct alternative or a degenerate answer), exactly as a student's notebook
holds one wrong function among right ones.
"""
import contextlib
import importlib
import io
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

from seqlab.catalogue import alternatives_of, mistakes_of
from seqlab.course import Course
from seqlab.grading.impl import ModuleImpl
from seqlab.grading.runner import run_checks
from tests.course_copy import ROOT

COURSE = Course(ROOT)
# Catalogue entries whose hidden checks train a model (each a second or more): make test's, not make check's.
TRAINS = {("sequence_modeling", "train_model")}


def trains(module, function):
    """The marks of a catalogue entry of ``function`` in ``module``: slow if its checks train a model."""
    return [pytest.mark.slow] if (module, function) in TRAINS else []


def sweep(entries, ids):
    """``entries`` of a catalogue as pytest parameters; those that train a model are marked slow."""
    return [pytest.param(e, id=ids(e), marks=trains(e.module, e.function)) for e in entries]


def graded_assignments():
    """Assignments graded by functions (not quizzes) that have a reference module and self-checks."""
    out = []
    for a in COURSE.assignments():
        if (COURSE.path(COURSE.solutions) / f"{a}.py").is_file() and (COURSE.source / a / "selfcheck.py").is_file():
            out.append(a)
    return out


def reference(assignment):
    COURSE.on_path()
    return importlib.import_module(f"{COURSE.solutions}.{assignment}")


def graded_functions(assignment):
    """The functions the assignment's test cells grade, in notebook order."""
    return [f for f, a in COURSE.graded_functions().items() if a == assignment]


def with_function(assignment, name, impl):
    """The reference module with ``name`` replaced by ``impl`` (a namespace)."""
    namespace = types.SimpleNamespace(**vars(reference(assignment)))
    setattr(namespace, name, impl)
    return namespace


def hidden_points(assignment, name, impl, seed):
    """(fraction of the function's points the hidden checks give ``impl``, the report)."""
    report = run_checks(ModuleImpl(with_function(assignment, name, impl), name=f"{name}:{impl.__name__}"),
                        functions=[name], seed=seed, checks=COURSE.check_set(assignment))
    assert not report["errors"], report["errors"]
    checks = report["checks"]
    total = sum(c["weight"] for c in checks)
    assert checks and total > 0, f"no weighted check of {name}"
    return sum(c["weight"] for c in checks if c["passed"]) / total, report


@contextlib.contextmanager
def selfcheck_module(assignment):
    """The assignment's ``selfcheck.py`` imported as the notebook imports it (its folder on
    sys.path, a fresh self-check core, in English); yields that core, whose registry holds the
    assignment's self-checks. sys.modules is restored afterwards."""
    folder = str(COURSE.source / assignment)
    saved = {name: sys.modules.pop(name, None) for name in ("selfcheck", "seqlab_selfcheck")}
    sys.path.insert(0, folder)
    try:
        module = importlib.import_module("selfcheck")
        assert Path(module.__file__).resolve().parent == Path(folder).resolve()
        core = sys.modules["seqlab_selfcheck"]
        core.use_language("en")
        yield core
    finally:
        sys.path.remove(folder)
        for name, old in saved.items():
            sys.modules.pop(name, None)
            if old is not None:
                sys.modules[name] = old


def in_notebook(assignment, name, impl):
    """``impl`` as a notebook cell defines it: named ``name``, finding the notebook's other
    functions (the reference's) and its own module's helpers as globals. A class is used as it is
    (its methods find what they use in their own module; the self-checks of classes look nothing up
    in the notebook's namespace)."""
    if isinstance(impl, type):
        return impl
    namespace = {"np": np}
    namespace.update(impl.__globals__)
    namespace.update({k: v for k, v in vars(reference(assignment)).items() if not k.startswith("__")})
    # (``name`` itself stays the reference in this namespace: a catalogue entry may call it)
    return types.FunctionType(impl.__code__, namespace, name, impl.__defaults__, impl.__closure__)


def selfcheck_result(sc, assignment, name, impl):
    """The self-check's :class:`Result` for ``impl`` as the notebook's ``name`` (printing silenced,
    numpy's warnings as a notebook shows them: printed, not raised)."""
    fn = in_notebook(assignment, name, impl)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("default")
        return sc.run(fn, name)


def alternatives(assignment):
    return [a for a in alternatives_of(COURSE) if a.module == assignment]


def mistakes(assignment):
    return [m for m in mistakes_of(COURSE) if m.module == assignment]


def released_in_process(nb, lang):
    """A source notebook as nbgrader's release steps leave a student's copy (the steps that change
    what a student reads, run here in-process: language, stubs, hidden tests, mark schemes)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions
    from traitlets.config import Config

    from seqlab.preprocessors.answers import AnswerStubs
    from seqlab.preprocessors.language import SelectLanguage
    config = Config()
    config.Seqlab.language = lang
    nb, resources = SelectLanguage(config=config).preprocess(nb, {})
    for step in (ClearSolutions(), AnswerStubs(), ClearHiddenTests(), ClearMarkScheme(enforce_metadata=False)):
        nb, resources = step.preprocess(nb, resources)
    return nb
