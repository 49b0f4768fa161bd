"""nbgrader_config.py: its preprocessor lists are nbgrader's defaults with seqlab's documented
changes, it loads without importing nbgrader, and the limits seqlab autograde reads from it
without nbgrader are those RunHiddenChecks gets."""
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from seqlab.grading.limits import limits_of
from seqlab.preprocessors.hidden_checks import RunHiddenChecks

ROOT = Path(__file__).resolve().parents[1]

# seqlab's versions of nbgrader classes: Execute survives a dead kernel; the others do the same
# checks and writes, cheaper (their own tests
# compare them with nbgrader's)
EQUIVALENT = {"CheckCellMetadata": "seqlab.preprocessors.metadata.CheckCellMetadata",
              "OverwriteCells": "seqlab.preprocessors.gradebook_cells.OverwriteCells",
              "OverwriteKernelspec": "seqlab.preprocessors.gradebook_cells.OverwriteKernelspec",
              "SaveAutoGrades": "seqlab.preprocessors.gradebook_cells.SaveAutoGrades",
              "Execute": "seqlab.preprocessors.execute.Execute"}
# what seqlab adds to nbgrader's lists: {list: [(inserted before, class)]}
ADDED = {("GenerateAssignment", "preprocessors"): [(0, "seqlab.preprocessors.language.SelectLanguage")],
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
    expected = [import_item(EQUIVALENT[p.__name__]) if p.__name__ in EQUIVALENT else p
                for p in cls.class_traits()[trait].default()]
    for where, name in ADDED[(cls.__name__, trait)]:
        index = where if isinstance(where, int) else [p.__name__ for p in expected].index(where)
        expected.insert(index, import_item(name))
    assert resolved(config[cls.__name__][trait]) == expected


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
