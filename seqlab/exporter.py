"""An nbconvert exporter for submissions that may not be notebooks at all.

nbgrader reads each submission with ``nbformat.read``; a file that is not valid JSON or not a
notebook raises, and plain nbgrader then skips it: no grade, no feedback. Configured as
``c.Autograde.exporter_class``, this exporter reads such a file as the *released* notebook
(every answer blank, so every test scores 0) with a first cell that says, kindly and exactly,
what is wrong with the file. The student's file itself is never modified.
"""
import json
import os

import nbformat
from nbconvert.exporters import NotebookExporter
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


def problem_with(path):
    """None if ``path`` is a readable notebook, else (message template, detail)."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except UnicodeDecodeError as exc:
        return NOT_JSON, f"not UTF-8 text at byte {exc.start}"
    except json.JSONDecodeError as exc:
        return NOT_JSON, f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    try:
        nb = nbformat.from_dict(data)
        if not isinstance(data, dict) or "cells" not in data:
            raise ValueError("no 'cells' list")
        nbformat.validate(nbformat.convert(nb, 4) if nb.get("nbformat", 4) != 4 else nb)
    except Exception as exc:  # nbformat raises several kinds
        return NOT_NOTEBOOK, str(exc).splitlines()[0][:200]
    return None


class SubmissionExporter(NotebookExporter):
    """NotebookExporter that turns an unreadable submission into a graded-as-blank notebook."""

    def from_filename(self, filename, resources=None, **kw):
        problem = problem_with(filename)
        if problem is None:
            return super().from_filename(filename, resources, **kw)
        template, detail = problem
        self.log.warning("%s: %s", filename, detail)
        released = self._released_notebook(filename)
        lang = language(self)
        released.cells.insert(0, new_markdown_cell(template.pick(lang).format(detail=detail),
                                                   metadata={"seqlab": {"unreadable_submission": True}}))
        released.metadata.setdefault("seqlab", {})["unreadable_submission"] = detail
        return self.from_notebook_node(released, resources, **kw)

    def _released_notebook(self, filename):
        """The release version of the same notebook: …/submitted/<s>/<a>/<nb> → release/<a>/<nb>."""
        assignment_dir = os.path.dirname(os.path.abspath(filename))
        assignment = os.path.basename(assignment_dir)
        root = os.path.dirname(os.path.dirname(os.path.dirname(assignment_dir)))
        release = os.path.join(root, "release", assignment, os.path.basename(filename))
        return nbformat.read(release, as_version=4)
