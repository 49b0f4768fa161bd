"""nbgrader configuration of the seqlab course: the one place where everything is set.

Plain ``nbgrader`` commands run from this folder use it, and so does ``seqlab``.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))   # the seqlab package

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

# The preprocessor lists below are nbgrader 0.9.6's defaults, in order, with seqlab's additions
# and, for CheckCellMetadata, OverwriteCells, OverwriteKernelspec and SaveAutoGrades, seqlab's
# equivalents: the same checks and writes, much cheaper (the metadata schema compiled once, the
# gradebook read once per notebook, not per cell, and written in one transaction).
# tests/test_config.py checks them against the installed nbgrader's defaults. They are names,
# not classes, so that loading this file does not import nbgrader (seqlab autograde's workers
# start while nbgrader loads).
_NBG = "nbgrader.preprocessors."
_FAST = "seqlab.preprocessors."


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
c.GenerateAssignment.preprocessors = [
    _FAST + "language.SelectLanguage",
    _NBG + "IncludeHeaderFooter", _NBG + "InstantiateTests", _NBG + "LockCells", _NBG + "ClearSolutions",
    _NBG + "ClearOutput", _FAST + "metadata.CheckCellMetadata", _NBG + "ComputeChecksums", _NBG + "SaveCells",
    _NBG + "ClearHiddenTests", _NBG + "ClearMarkScheme", _NBG + "ComputeChecksums", _FAST + "metadata.CheckCellMetadata"]

# ---------------------------------------------------------------- autograde
# nbgrader's own harmless SQLAlchemy warnings when it records a submission ("Object of type
# <SubmittedAssignment> not in session, add operation along 'Student.submissions' will not
# proceed") would otherwise open every autograde log; nothing there for an instructor to act on.
import warnings  # noqa: E402
warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w*> not in session", module=r"nbgrader\.api")
# Unreadable submissions (not JSON, not a notebook) are graded as blank, with the reason.
c.Autograde.exporter_class = "seqlab.exporter.SubmissionExporter"
# Validate each notebook once after all preprocessors instead of after every one of them
# (nbconvert's default validates ~10 times per notebook at autograde; same final check).
c.Exporter.optimistic_validation = True
# Deleted test cells come back (and score by the hidden checks, not by their absence).
c.OverwriteCells.add_missing_cells = True
# A copied test or answer cell, or a cell with nbgrader metadata the assignment does not have,
# becomes an ordinary cell with a note instead of zeroing the notebook (before DeduplicateIds).
c.Autograde.sanitize_preprocessors = [
    _NBG + "ClearOutput", _FAST + "stray_cells.IgnoreStrayCells", _NBG + "DeduplicateIds",
    _FAST + "gradebook_cells.OverwriteKernelspec", _FAST + "gradebook_cells.OverwriteCells",
    _FAST + "metadata.CheckCellMetadata"]
# Execute in a real kernel (surviving its death), then let the hidden checks decide the points.
c.Autograde.autograde_preprocessors = [
    _FAST + "execute.Execute", _FAST + "hidden_checks.RunHiddenChecks",
    _NBG + "IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor", _NBG + "LimitOutput",
    _FAST + "gradebook_cells.SaveAutoGrades", _NBG + "AssignLatePenalties", _FAST + "metadata.CheckCellMetadata"]
c.Execute.timeout = 10                  # seconds per cell in the kernel (pictures, student cells)
c.RunHiddenChecks.call_timeout = 5.0    # seconds per call of a student function (correct ones take ms)
c.RunHiddenChecks.memory_limit_mb = 2048
c.RunHiddenChecks.cpu_limit_s = 120
c.RunHiddenChecks.budget_s = 60.0       # all of one submission's student code, restarts included
c.Execute.max_output_bytes = 1 << 20    # per cell, in the autograded notebook and the feedback
# Student code (the notebook kernel and the checks' student process) runs in bubblewrap.
# "none" is the one opt-out, ONLY for code you trust; without bubblewrap, autograde refuses.
c.Seqlab.sandbox = "bwrap"

# ---------------------------------------------------------------- LMS downloads (nbgrader zip_collect)
# Put the LMS's "download all submissions" zip into downloaded/<assignment>/archive/, then run
#     nbgrader zip_collect <assignment>
# to fill submitted/<student>/<assignment>/ (seqlab/collect.py). A re-upload (recurrent-1.ipynb,
# recurrent (1).ipynb) counts as the notebook and the last upload wins; Canvas's LATE tag is recorded
# as late (1 s after the due date set in formgrader, or at the roster's time); LMS ids become the
# course's student ids through the roster. The patterns follow the LMSs' own code for these names.
c.ZipCollectApp.collector_plugin = "seqlab.collect.LmsCollector"
c.LmsCollector.patterns = [
    # Moodle 3.1+: "<Full Name>_<participant id>_assignsubmission_file_/<file>"; older ones: no "/"
    r"(?:^|/)[^/_]+_(?P<lms_id>\d+)_assignsubmission_file_/?(?:[^/]*/)*(?P<file>[^/]+)$",
    # Canvas: "<sortable name>[_LATE]_<user id>_<file id>_<file>"; anonymous grading: "[LATE_]anon_<id>_…"
    r"(?:^|/)(?:(?!LATE_)[^/_]+_)?(?P<late>LATE_)?(?P<lms_id>anon_\w+?|\d+)_\d+_(?P<file>[^/]+)$",
]
# The roster maps LMS ids to student ids: a CSV in the course folder with (by default) the columns
# lms_id, student_id and, optionally, submitted (a time, e.g. from Moodle's grading worksheet).
# Canvas's gradebook export works as it is with roster_lms_id_column = "ID" and
# roster_student_id_column = "SIS User ID"; Moodle's grading worksheet with "Identifier",
# "Last modified (submission)" and a student id column of your choice.
c.LmsCollector.roster = "lms_roster.csv"
c.LmsCollector.roster_lms_id_column = "lms_id"
c.LmsCollector.roster_student_id_column = "student_id"
c.LmsCollector.roster_time_column = "submitted"

# ---------------------------------------------------------------- feedback
# Students see results, never hidden test code nor the written answers' model answers and rubrics
# (the mark schemes stay in the autograded notebooks, for formgrader). Formulas become MathML, which
# browsers render without internet (nbconvert's pages load MathJax from a CDN).
c.GenerateFeedback.preprocessors = [
    _FAST + "feedback.HideHiddenTests", _NBG + "ClearMarkScheme",
    _NBG + "GetGrades", _FAST + "mathml.MathToMathML", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
