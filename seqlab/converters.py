"""nbgrader's Autograde converter in one pass, for grading without a kernel (``seqlab autograde``).

nbgrader converts each submission twice: the sanitize preprocessors run and the notebook is
written to ``autograded/``; then that file is read back, validated again, the autograde
preprocessors run and it is written again. With the kernel off nothing happens between the two
passes, so :class:`OnePassAutograde` runs the same preprocessors, in the same order, on the
notebook in memory and writes it once (about a third of the writer's time per submission). One
converter serves every submission of an assignment (``seqlab.pipeline.nbgrader_converter``).
Everything else (``init_assignment``, the gradebook, late penalties, missing notebooks) is
nbgrader's own. With ``Execute`` enabled it behaves exactly like nbgrader's two passes: the
kernel must run on the sanitized file in ``autograded/``.
"""
from nbgrader import utils
from nbgrader.converters import Autograde
from nbgrader.converters.base import BaseConverter


class OnePassAutograde(Autograde):
    """Autograde whose sanitize and autograde preprocessors run in one pass (kernel off only).

    Its preprocessors are made once and used for every notebook it converts (nbgrader makes
    them anew for each notebook, from the same configuration; none keeps anything from one
    notebook to the next: each sets what it uses at the start of ``preprocess``)."""

    _made = None          # the preprocessor instances, once made

    def _one_pass(self):
        execute = self.config.get("Execute", {}).get("enabled", True)
        return execute is False

    def _init_preprocessors(self):
        if not self._one_pass():
            return super()._init_preprocessors()
        if self._made is None:
            self.exporter._preprocessors = []
            for pp in list(self.sanitize_preprocessors) + list(self.autograde_preprocessors):
                self.exporter.register_preprocessor(pp)
            self._made = list(self.exporter._preprocessors)
        self.exporter._preprocessors = list(self._made)

    def convert_single_notebook(self, notebook_filename):
        if not self._one_pass():
            return super().convert_single_notebook(notebook_filename)
        self.log.info("Sanitizing and autograding %s", notebook_filename)
        self._init_preprocessors()
        with utils.setenv(NBGRADER_EXECUTION="autograde"):
            BaseConverter.convert_single_notebook(self, notebook_filename)
