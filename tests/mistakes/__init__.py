"""This course's catalogue of known mistakes: wrong versions of the course functions, as students
write them, one module per assignment (``c.Course.mistakes`` in nbgrader_config.py).

Each entry is a function decorated with :func:`seqlab.catalogue.mistake`, giving the diagnosis the
hidden checks must name when they meet it. ``tests/test_mistakes.py`` runs the checks of that
function against the reference module with this one function replaced, and requires at least
one check to fail with that diagnosis.
"""
from seqlab.catalogue import MISTAKES as CATALOGUE  # noqa: F401
from seqlab.catalogue import mistake  # noqa: F401
