"""A catalogue of correct alternatives: right versions of the course functions, written another way.

Students write the same math many ways (einsum or ``@``, loops or vectorised, a PyTorch detour
returning ``.numpy()``, ``exp(x - logsumexp)``, …). Each entry is a function decorated with
:func:`alternative`; the hidden checks must give it full marks and the self-checks must pass it
(a self-check may say less than the hidden checks, never the opposite).
"""
from dataclasses import dataclass
from typing import Callable

CATALOGUE = []


@dataclass(frozen=True)
class Alternative:
    module: str          # the solutions module it belongs to, e.g. "attention"
    function: str        # the SPEC function it implements
    impl: Callable

    @property
    def id(self):
        return f"{self.function}:{self.impl.__name__}"


def alternative(function):
    """Register the decorated function as a correct version of ``function``."""
    def register(fn):
        module = fn.__module__.rsplit(".", 1)[-1]
        CATALOGUE.append(Alternative(module, function, fn))
        return fn
    return register
