"""An nbconvert exporter for submissions that may not be notebooks at all.

nbgrader reads each submission with ``nbformat.read``; a file that is not valid JSON or not a
notebook raises, and plain nbgrader then skips it: no grade, no feedback. Configured as
``c.Autograde.exporter_class``, this exporter reads such a file as the *released* notebook
(every answer blank, so every test scores 0) with a first cell that says, kindly and exactly,
what is wrong with the file. The student's file itself is never modified.
"""
import copy
import json
import os

import nbformat
from nbconvert.exporters import Exporter, NotebookExporter
from nbformat import validator
from nbformat.v4 import new_markdown_cell

from .config import language
from .i18n import Text

NOT_JSON = Text("**This notebook could not be graded: the file is not valid JSON** ({detail}). "
                "It was probably damaged while editing or uploading. Every answer below counts as "
                "blank; please check the file and ask your instructor about a regrade.",
                "**이 노트북은 채점할 수 없었습니다: 파일이 올바른 JSON이 아닙니다** ({detail}). "
                "편집이나 업로드 중에 손상된 것 같습니다. 아래의 모든 답은 빈 답으로 처리되었습니다. "
                "파일을 확인하고 재채점을 요청하세요.")
NOT_NOTEBOOK = Text("**This file could not be graded: it is JSON but not a Jupyter notebook** ({detail}). "
                    "Every answer below counts as blank.",
                    "**이 파일은 채점할 수 없었습니다: JSON이지만 주피터 노트북이 아닙니다** ({detail}). "
                    "아래의 모든 답은 빈 답으로 처리되었습니다.")


def read_submission(path):
    """``(notebook, None)`` if ``path`` is a readable notebook (read and validated once, as
    ``nbformat.read`` does), else ``(None, (message template, detail))``."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        return None, (NOT_JSON, f"not UTF-8 text at byte {exc.start}")
    return parse_submission(text)


def parse_submission(text):
    """:func:`read_submission` for a notebook's text (the fast path's workers get text only)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (NOT_JSON, f"line {exc.lineno}, column {exc.colno}: {exc.msg}")
    try:
        if not isinstance(data, dict) or "cells" not in data:
            raise ValueError("no 'cells' list")
        invalid = {}
        nb = nbformat.reads(text, as_version=4, capture_validation_error=invalid)
        if invalid:
            raise invalid["ValidationError"]
    except Exception as exc:  # nbformat raises several kinds
        return None, (NOT_NOTEBOOK, str(exc).splitlines()[0][:200])
    return nb, None


class SubmissionExporter(NotebookExporter):
    """NotebookExporter that turns an unreadable submission into a graded-as-blank notebook."""

    _parsed = None

    def from_filename(self, filename, resources=None, **kw):
        nb, problem = read_submission(filename)
        if problem is None:
            self._parsed = nb            # read and validated once: from_file uses it
            try:
                return super().from_filename(filename, resources, **kw)
            finally:
                self._parsed = None
        template, detail = problem
        self.log.warning("%s: %s", filename, detail)
        released = self._released_notebook(filename)
        lang = language(self)
        released.cells.insert(0, new_markdown_cell(template.pick(lang).format(detail=detail),
                                                   metadata={"seqlab": {"unreadable_submission": True}}))
        released.metadata.setdefault("seqlab", {})["unreadable_submission"] = detail
        return self.from_notebook_node(released, resources, **kw)

    def from_file(self, file_stream, resources=None, **kw):
        if self._parsed is not None:
            return self.from_notebook_node(self._parsed, resources=resources, **kw)
        return super().from_file(file_stream, resources=resources, **kw)

    # nbconvert copies the notebook three times per conversion (in from_notebook_node, in
    # _preprocess and in validator.normalize) and validates it again when writing it. The first
    # copy is private to this conversion already; the notebook is validated once after the
    # preprocessors (c.Exporter.optimistic_validation). Same notebook out, a third of the work.
    def _preprocess(self, nb, resources):
        resources = copy.deepcopy(resources)
        try:
            _, nb = validator._normalize(nb, nb.nbformat, nb.nbformat_minor, repair_duplicate_cell_ids=True,
                                         relax_add_props=False, strip_invalid_metadata=False)
        except (AttributeError, TypeError):        # another nbformat: its public, copying normalize
            _, nb = validator.normalize(nb)
        for preprocessor in self._preprocessors:
            nb, resources = preprocessor(nb, resources)
            if not self.optimistic_validation:
                self._validate_preprocessor(nb, preprocessor)
        if self.optimistic_validation and self._preprocessors:
            self._validate_preprocessor(nb, preprocessor)
        return nb, resources

    def from_notebook_node(self, nb, resources=None, **kw):
        nb_copy, resources = Exporter.from_notebook_node(self, nb, resources, **kw)
        if self.nbformat_version != nb_copy.nbformat:
            resources["output_suffix"] = ".v%i" % self.nbformat_version
            nb_copy = nbformat.convert(nb_copy, self.nbformat_version)
        else:
            resources["output_suffix"] = ".nbconvert"
        if not self.optimistic_validation:
            nbformat.validate(nb_copy)
        output = nbformat.versions[self.nbformat_version].writes_json(nb_copy)
        if not output.endswith("\n"):
            output = output + "\n"
        return output, resources

    def _released_notebook(self, filename):
        """The release version of the same notebook: …/submitted/<s>/<a>/<nb> → release/<a>/<nb>."""
        assignment_dir = os.path.dirname(os.path.abspath(filename))
        assignment = os.path.basename(assignment_dir)
        root = os.path.dirname(os.path.dirname(os.path.dirname(assignment_dir)))
        release = os.path.join(root, "release", assignment, os.path.basename(filename))
        return nbformat.read(release, as_version=4)
