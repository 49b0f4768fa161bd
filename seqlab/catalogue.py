"""Catalogues a course keeps beside its checks: known mistakes and correct alternatives.

A *mistake* is a wrong version of a course function, written as a student would, with the
diagnosis the hidden checks must name when they meet it; a course's catalogue modules decorate
such functions with :func:`mistake`. An *alternative* is a right version written another way
(einsum, loops, a PyTorch detour, …), decorated with :func:`alternative`: every hidden check and
every self-check must pass it. The course says where its catalogues are
(``c.Course.mistakes``, ``c.Course.alternatives``); :func:`mistakes_of` and
:func:`alternatives_of` load them.
"""
from dataclasses import dataclass
from typing import Callable

MISTAKES = []          # every entry registered in this process, whatever course it came from
ALTERNATIVES = []


@dataclass(frozen=True)
class Mistake:
    module: str          # the catalogue module's name, usually the solutions module it concerns
    function: str        # the function it replaces
    diagnosis: str       # the diagnosis the checks must name
    impl: Callable

    @property
    def id(self):
        return f"{self.function}:{self.impl.__name__}"


@dataclass(frozen=True)
class Alternative:
    module: str
    function: str
    impl: Callable

    @property
    def id(self):
        return f"{self.function}:{self.impl.__name__}"


def mistake(function, diagnosis):
    """Register the decorated function as a wrong version of ``function``."""
    def register(fn):
        MISTAKES.append(Mistake(fn.__module__.rsplit(".", 1)[-1], function, diagnosis, fn))
        return fn
    return register


def alternative(function):
    """Register the decorated function as a correct version of ``function``."""
    def register(fn):
        ALTERNATIVES.append(Alternative(fn.__module__.rsplit(".", 1)[-1], function, fn))
        return fn
    return register


def _of(course, folder, registry):
    modules = course.import_folder(folder)
    if not modules:
        return []
    package = modules[0].__name__
    return [m for m in registry if m.impl.__module__ == package or m.impl.__module__.startswith(package + ".")]


def mistakes_of(course):
    """The course's catalogue of known mistakes (``c.Course.mistakes``), in registration order."""
    return _of(course, course.mistakes, MISTAKES)


def alternatives_of(course):
    """The course's catalogue of correct alternatives (``c.Course.alternatives``)."""
    return _of(course, course.alternatives, ALTERNATIVES)
