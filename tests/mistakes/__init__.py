"""A catalogue of known mistakes: wrong versions of the course functions, as students write them.

Each entry is a function decorated with :func:`mistake`, giving the diagnosis the hidden
checks must name when they meet it. ``tests/test_mistakes.py`` runs the checks of that
function against the reference module with this one function replaced, and requires at least
one check to fail with that diagnosis.
"""
from dataclasses import dataclass
from typing import Callable

CATALOGUE = []


@dataclass(frozen=True)
class Mistake:
    module: str          # the solutions module it belongs to, e.g. "recurrent"
    function: str        # the SPEC function it replaces
    diagnosis: str       # the diagnosis the checks must name
    impl: Callable

    @property
    def id(self):
        return f"{self.function}:{self.impl.__name__}"


def mistake(function, diagnosis):
    """Register the decorated function as a wrong version of ``function``."""
    def register(fn):
        module = fn.__module__.rsplit(".", 1)[-1]
        CATALOGUE.append(Mistake(module, function, diagnosis, fn))
        return fn
    return register
