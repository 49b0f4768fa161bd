"""seqlab: auto-graded exercises and quizzes on sequence models, as an nbgrader course."""
import sys as _sys

# jsonschema, which nbformat imports, imports rfc3987_syntax when it is installed (JupyterLab's
# jupyter-events asks for it), and that module compiles an Earley grammar when imported: 1.1 s
# in every process that reads a notebook, longer than grading ten submissions. Nothing in
# seqlab or nbgrader validates the "iri" formats it serves, and jsonschema works without it
# (it only lacks those format checks), so seqlab's processes do not load it.
if "rfc3987_syntax" not in _sys.modules:
    _sys.modules["rfc3987_syntax"] = None
