"""nbgrader configuration of the seqlab course: the one place where everything is set.

Plain ``nbgrader`` commands run from this folder use it, and so does ``seqlab``.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))   # the seqlab package

from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback  # noqa: E402

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)


# Same checks and writes as nbgrader's, much cheaper: the metadata schema compiled once, and
# the gradebook read once per notebook (not per cell) and written in one transaction.
_SAME_BUT_FASTER = {"CheckCellMetadata": "seqlab.preprocessors.metadata.CheckCellMetadata",
                    "OverwriteCells": "seqlab.preprocessors.gradebook_cells.OverwriteCells",
                    "OverwriteKernelspec": "seqlab.preprocessors.gradebook_cells.OverwriteKernelspec",
                    "SaveAutoGrades": "seqlab.preprocessors.gradebook_cells.SaveAutoGrades"}


def _default(cls, trait):
    """nbgrader's default preprocessor list, with seqlab's faster equivalents swapped in."""
    return [_SAME_BUT_FASTER.get(getattr(p, "__name__", ""), p) for p in cls.class_traits()[trait].default()]


c.CourseDirectory.course_id = "seqlab"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Solutions and hidden checks live outside the assignment folders (nbgrader copies every file of
# source/<assignment>/ into release/ and autograded/).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# ---------------------------------------------------------------- language
# Language of released notebooks, self-check messages and feedback: "en" or "ko".
c.Seqlab.language = "en"

# ---------------------------------------------------------------- release
# Keep the chosen language's cells first, then nbgrader's own pipeline.
c.GenerateAssignment.preprocessors = (["seqlab.preprocessors.language.SelectLanguage"]
                                      + _default(GenerateAssignment, "preprocessors"))

# ---------------------------------------------------------------- autograde
# Unreadable submissions (not JSON, not a notebook) are graded as blank, with the reason.
c.Autograde.exporter_class = "seqlab.exporter.SubmissionExporter"
# Validate each notebook once after all preprocessors instead of after every one of them
# (nbconvert's default validates ~10 times per notebook at autograde; same final check).
c.Exporter.optimistic_validation = True
# Deleted test cells come back (and score by the hidden checks, not by their absence).
c.OverwriteCells.add_missing_cells = True
# A copied test or answer cell, or a cell with nbgrader metadata the assignment does not have,
# becomes an ordinary cell with a note instead of zeroing the notebook (before DeduplicateIds).
_sanitize = _default(Autograde, "sanitize_preprocessors")
_i = [getattr(p, "__name__", p) for p in _sanitize].index("DeduplicateIds")
_sanitize.insert(_i, "seqlab.preprocessors.stray_cells.IgnoreStrayCells")
c.Autograde.sanitize_preprocessors = _sanitize
# Execute in a real kernel (surviving its death), then let the hidden checks decide the points.
_autograde = _default(Autograde, "autograde_preprocessors")
_i = [getattr(p, "__name__", p) for p in _autograde].index("Execute")
_autograde[_i:_i + 1] = ["seqlab.preprocessors.execute.Execute",
                         "seqlab.preprocessors.hidden_checks.RunHiddenChecks"]
c.Autograde.autograde_preprocessors = _autograde
c.Execute.timeout = 10                  # seconds per cell in the kernel (pictures, student cells)
c.RunHiddenChecks.call_timeout = 5.0    # seconds per call of a student function (correct ones take ms)
c.RunHiddenChecks.memory_limit_mb = 2048
c.RunHiddenChecks.cpu_limit_s = 120
c.RunHiddenChecks.budget_s = 60.0       # all of one submission's student code, restarts included
c.Execute.max_output_bytes = 1 << 20    # per cell, in the autograded notebook and the feedback
# Student code (the notebook kernel and the checks' student process) runs in bubblewrap.
# "none" is the one opt-out, ONLY for code you trust; without bubblewrap, autograde refuses.
c.Seqlab.sandbox = "bwrap"

# ---------------------------------------------------------------- feedback
# Students see results, never hidden test code nor the written answers' model answers and rubrics
# (the mark schemes stay in the autograded notebooks, for formgrader).
c.GenerateFeedback.preprocessors = (["seqlab.preprocessors.feedback.HideHiddenTests",
                                     "nbgrader.preprocessors.ClearMarkScheme"]
                                    + _default(GenerateFeedback, "preprocessors"))
