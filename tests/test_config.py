"""nbgrader_config.py: its preprocessor lists are nbgrader's defaults with seqlab's documented
changes, it loads without importing nbgrader, and the limits seqlab autograde reads from it
without nbgrader are those RunHiddenChecks gets."""
import copy
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from seqlab.config import for_the_writer
from seqlab.grading.limits import limits_of
from seqlab.preprocessors.hidden_checks import RunHiddenChecks

ROOT = Path(__file__).resolve().parents[1]

# seqlab's version of an nbgrader class in every pipeline: Execute runs the kernel in the sandbox and
# survives its death
EQUIVALENT = {"Execute": "seqlab.preprocessors.execute.Execute",
              "OverwriteCells": "seqlab.preprocessors.gradebook_cells.QuietOverwriteCells"}   # without #1961's noise
# in seqlab autograde's writer only: the same checks and writes, cheaper (their own tests compare
# them with nbgrader's)
WRITER_ONLY = {"CheckCellMetadata": "seqlab.preprocessors.metadata.CheckCellMetadata",
               "OverwriteCells": "seqlab.preprocessors.gradebook_cells.OverwriteCells",
               "OverwriteKernelspec": "seqlab.preprocessors.gradebook_cells.OverwriteKernelspec",
               "SaveAutoGrades": "seqlab.preprocessors.gradebook_cells.SaveAutoGrades"}
# what seqlab adds to nbgrader's lists: {list: [(inserted before, class)]}
ADDED = {("GenerateAssignment", "preprocessors"): [(0, "seqlab.preprocessors.language.SelectLanguage"),
                                                   (1, "seqlab.preprocessors.provided.ProvidedAfterDue"),
                                                   ("ClearOutput", "seqlab.preprocessors.answers.AnswerStubs")],
         ("Autograde", "sanitize_preprocessors"): [("DeduplicateIds", "seqlab.preprocessors.stray_cells.IgnoreStrayCells")],
         ("Autograde", "autograde_preprocessors"): [("IgnorePattern", "seqlab.preprocessors.hidden_checks.RunHiddenChecks")],
         ("GenerateFeedback", "preprocessors"): [(0, "seqlab.preprocessors.feedback.HideHiddenTests"),
                                                 (1, "nbgrader.preprocessors.ClearMarkScheme"),
                                                 ("CSSHTMLHeaderPreprocessor", "seqlab.preprocessors.mathml.MathToMathML")]}


@pytest.fixture(scope="module")
def config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def resolved(items):
    return [import_item(p) if isinstance(p, str) else p for p in items]


@pytest.mark.parametrize("cls,trait", [(GenerateAssignment, "preprocessors"), (Autograde, "sanitize_preprocessors"),
                                       (Autograde, "autograde_preprocessors"), (GenerateFeedback, "preprocessors")],
                         ids=lambda x: getattr(x, "__name__", x))
def test_preprocessor_lists_are_nbgraders_defaults_with_seqlabs_changes(config, cls, trait):
    for swapped, writer in ((EQUIVALENT, False), ({**EQUIVALENT, **WRITER_ONLY}, True)):
        expected = [import_item(swapped[p.__name__]) if p.__name__ in swapped else p
                    for p in cls.class_traits()[trait].default()]
        for where, name in ADDED[(cls.__name__, trait)]:
            index = where if isinstance(where, int) else [p.__name__ for p in expected].index(where)
            expected.insert(index, import_item(name))
        if writer and cls is not Autograde:          # the writer changes autograde's lists only
            continue
        got = for_the_writer(copy.deepcopy(config))[cls.__name__][trait] if writer else config[cls.__name__][trait]
        assert resolved(got) == expected, "writer" if writer else "every pipeline"


def test_the_writer_alone_uses_the_cheaper_exporter(config):
    assert config.Autograde.exporter_class == "seqlab.exporter.SubmissionExporter"
    assert for_the_writer(copy.deepcopy(config)).Autograde.exporter_class == "seqlab.exporter.WriterExporter"


def test_loading_the_configuration_does_not_import_nbgrader():
    code = ("import sys\nfrom traitlets.config.loader import PyFileConfigLoader\n"
            f"c = PyFileConfigLoader('nbgrader_config.py', path={str(ROOT)!r}).load_config()\n"
            "assert c.RunHiddenChecks.call_timeout\n"
            "assert 'nbgrader' not in sys.modules, 'loading nbgrader_config.py imported nbgrader'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_limits_read_without_nbgrader_equal_run_hidden_checks_limits(config):
    assert limits_of(config) == RunHiddenChecks(config=config).limits()
    changed = Config(config)
    changed.CheckLimits.cpu_limit_s, changed.CheckLimits.processes_limit = 7, 11
    changed.RunHiddenChecks.cpu_limit_s, changed.RunHiddenChecks.memory_limit_mb = 9, 512   # wins over CheckLimits
    changed.Seqlab.sandbox = "none"
    limits = limits_of(changed)
    assert limits == RunHiddenChecks(config=changed).limits()
    assert (limits.cpu_seconds, limits.processes, limits.memory_bytes, limits.sandbox) == (9, 11, 512 << 20, "none")
