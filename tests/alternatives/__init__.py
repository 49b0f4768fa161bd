"""This course's catalogue of correct alternatives: right versions of the course functions,
written another way (``c.Course.alternatives`` in nbgrader_config.py).

Students write the same math many ways (einsum or ``@``, loops or vectorised, a PyTorch detour
returning ``.numpy()``, ``exp(x - logsumexp)``, …). Each entry is a function decorated with
:func:`seqlab.catalogue.alternative`; the hidden checks must give it full marks and the
self-checks must pass it (a self-check may say less than the hidden checks, never the opposite).
"""
from seqlab.catalogue import ALTERNATIVES as CATALOGUE  # noqa: F401
from seqlab.catalogue import alternative  # noqa: F401
