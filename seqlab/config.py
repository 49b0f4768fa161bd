"""seqlab's settings and its place in nbgrader's pipelines, configured in ``nbgrader_config.py``::

    from seqlab.config import use_seqlab
    c = get_config()
    use_seqlab(c)                # seqlab's preprocessors in nbgrader's release/autograde/feedback
    c.Seqlab.language = "ko"     # language of released notebooks, self-checks and feedback
    c.Seqlab.sandbox = "bwrap"   # where student code runs (the notebook kernel and the checks)

Nothing here imports nbgrader: ``seqlab autograde`` reads the configuration and starts its
workers while nbgrader is still loading.
"""
import warnings

from traitlets import Enum, List
from traitlets.config import Configurable

from .i18n import LANGUAGES


class Seqlab(Configurable):
    language = Enum(LANGUAGES, default_value="en", help=(
        "Language of everything a student reads: the markdown and code-comment blocks kept by "
        "SelectLanguage at release, the self-check messages and the autograde feedback (a "
        "submission released in the other language gets its feedback in that language).")).tag(config=True)
    also_release = List(Enum(LANGUAGES), default_value=[], help=(
        "Languages each notebook is also released in, beside the course's: release/<a>/<a>.<lang>.ipynb "
        "(same nbgrader cells, so one gradebook). A student works in the file of their language; autograde "
        "grades the one they worked in, and its feedback speaks its language.")).tag(config=True)
    sandbox = Enum(["bwrap", "none"], default_value="bwrap", help=(
        "Where student code runs at autograde — the notebook's kernel and the hidden checks' "
        "student process: 'bwrap' (a bubblewrap sandbox: no network, no view of the course files, "
        "unprivileged, in-memory scratch) or 'none', ONLY for code you trust (e.g. your own "
        "solutions). With 'bwrap' and no working bubblewrap, autograde refuses with a clear message.")
    ).tag(config=True)


def language(parent):
    """The configured language, read through ``parent``'s configuration."""
    return Seqlab(parent=parent).language


def sandbox(parent):
    """The configured sandbox, read through ``parent``'s configuration."""
    return Seqlab(parent=parent).sandbox


# ---------------------------------------------------------------- nbgrader's pipelines
# nbgrader 0.9.6's default lists, in order, with seqlab's additions (and its Execute, which runs the
# kernel in the sandbox and survives its death). tests/test_config.py checks them against the
# installed nbgrader's defaults. They are names, not classes, so that loading the configuration does
# not import nbgrader.
_NBG = "nbgrader.preprocessors."
_SEQ = "seqlab.preprocessors."

RELEASE = [  # keep the chosen language's cells (never answers before their due date), then nbgrader's
    _SEQ + "language.SelectLanguage", _SEQ + "provided.ProvidedAfterDue",
    _NBG + "IncludeHeaderFooter", _NBG + "InstantiateTests", _NBG + "LockCells", _NBG + "ClearSolutions",
    _SEQ + "answers.AnswerStubs", _NBG + "ClearOutput", _NBG + "CheckCellMetadata", _NBG + "ComputeChecksums", _NBG + "SaveCells",
    _NBG + "ClearHiddenTests", _NBG + "ClearMarkScheme", _NBG + "ComputeChecksums", _NBG + "CheckCellMetadata"]
SANITIZE = [  # a copied or made-up graded cell becomes an ordinary cell with a note (before DeduplicateIds)
    _NBG + "ClearOutput", _SEQ + "stray_cells.IgnoreStrayCells", _NBG + "DeduplicateIds",
    _NBG + "OverwriteKernelspec", _SEQ + "gradebook_cells.QuietOverwriteCells", _NBG + "CheckCellMetadata"]
AUTOGRADE = [  # execute in a real kernel (surviving its death), then the hidden checks decide the points
    _SEQ + "execute.Execute", _SEQ + "hidden_checks.RunHiddenChecks",
    _NBG + "IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor", _NBG + "LimitOutput",
    _NBG + "SaveAutoGrades", _NBG + "AssignLatePenalties", _NBG + "CheckCellMetadata"]
FEEDBACK = [  # students see results, never hidden test code nor the written answers' mark schemes; formulas
    # become MathML, which browsers render without internet (nbconvert's pages load MathJax from a CDN)
    _SEQ + "feedback.HideHiddenTests", _NBG + "ClearMarkScheme",
    _NBG + "GetGrades", _SEQ + "mathml.MathToMathML", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]

# seqlab autograde's single gradebook writer is the bottleneck of a class's grading; there only,
# nbgrader's classes give way to seqlab's equivalents: the same checks and writes, much cheaper (the
# metadata schema compiled once; the gradebook read once per notebook, not per cell, and written in
# one transaction; the submission copied and validated once). Their tests compare notebooks and rows
# with nbgrader's. They override private methods of nbgrader, nbconvert and nbformat, whose versions
# requirements.txt pins.
WRITER_EQUIVALENTS = {
    _NBG + "CheckCellMetadata": _SEQ + "metadata.CheckCellMetadata",
    _SEQ + "gradebook_cells.QuietOverwriteCells": _SEQ + "gradebook_cells.OverwriteCells",
    _NBG + "OverwriteKernelspec": _SEQ + "gradebook_cells.OverwriteKernelspec",
    _NBG + "SaveAutoGrades": _SEQ + "gradebook_cells.SaveAutoGrades",
    "seqlab.exporter.SubmissionExporter": "seqlab.exporter.WriterExporter",
}


def for_the_writer(config):
    """``config`` with seqlab's cheaper equivalents in the autograde pipeline (seqlab autograde's
    writer only). Names the course configured otherwise are left as they are."""
    swap = lambda name: WRITER_EQUIVALENTS.get(name, name) if isinstance(name, str) else name  # noqa: E731
    for trait in ("sanitize_preprocessors", "autograde_preprocessors"):
        if trait in config.Autograde:
            config.Autograde[trait] = [swap(p) for p in config.Autograde[trait]]
    if "exporter_class" in config.Autograde:
        config.Autograde.exporter_class = swap(config.Autograde.exporter_class)
    return config


def use_seqlab(c):
    """Put seqlab's preprocessors into nbgrader's pipelines of the configuration ``c``.

    Course-specific settings (language, limits, where the course's parts are) follow in the
    course's own ``nbgrader_config.py``; every value set here can be overridden there.
    """
    c.GenerateAssignment.preprocessors = list(RELEASE)
    c.Autograde.sanitize_preprocessors = list(SANITIZE)
    c.Autograde.autograde_preprocessors = list(AUTOGRADE)
    c.GenerateFeedback.preprocessors = list(FEEDBACK)
    # formgrader's pages (nbconvert's HTMLExporter with this config) load MathJax from a CDN too:
    # formulas as MathML there as well (a second pass over the feedback finds nothing left to convert)
    c.HTMLExporter.preprocessors = [_SEQ + "mathml.MathToMathML"]
    # Unreadable submissions (not JSON, not a notebook) are graded as blank, with the reason.
    c.Autograde.exporter_class = "seqlab.exporter.SubmissionExporter"
    # Validate each notebook once after all preprocessors instead of after every one of them
    # (nbconvert's default validates ~10 times per notebook at autograde; same final check).
    c.Exporter.optimistic_validation = True
    # Deleted test cells come back (and score by the hidden checks, not by their absence).
    c.OverwriteCells.add_missing_cells = True
    # A written question's model answer and rubric live in a locked cell, not in an nbgrader task
    # cell: tasks are boxes in formgrader's manual-grading queue, and only answers belong there.
    c.ClearMarkScheme.enforce_metadata = False
    # Generated and scratch files of the source folders never reach students or autograded/.
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.nb.py"]
    # LMS downloads (Canvas, Moodle) through `nbgrader zip_collect`: re-uploads, late tags, a roster
    # mapping LMS ids to student ids (c.LmsCollector.roster; seqlab/collect.py).
    c.ZipCollectApp.collector_plugin = "seqlab.collect.LmsCollector"
    # nbgrader's own harmless SQLAlchemy warnings when it records a submission ("Object of type
    # <SubmittedAssignment> not in session, add operation along 'Student.submissions' will not proceed")
    # would open every autograde log: nothing there for an instructor to act on. (Set here: nbgrader
    # warns before it imports any preprocessor.)
    warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w*> not in session", module=r"nbgrader\.api")
    return c
