"""Release preprocessor: keep the student-facing text of one language.

Authoring convention (``docs/authoring.md``):

* A markdown cell with ``metadata.seqlab.lang == "en"`` (or ``"ko"``) is kept only in a release
  of that language; cells without it are kept in every release.
* Inside any cell, a block opened by a line that is just ``[en]`` or ``[ko]`` (optionally
  after ``#``) and closed by ``[/]`` is kept only for that language; the marker lines go.
* A line ending in ``# seqlab: release language`` has its quoted language value replaced by
  the release language (how the self-check module learns which language to speak).
"""
from nbgrader.preprocessors import NbGraderPreprocessor

from ..config import language
from ..i18n import filter_source


def cell_language(cell):
    return cell.get("metadata", {}).get("seqlab", {}).get("lang")


class SelectLanguage(NbGraderPreprocessor):
    """Keep the cells and text blocks of ``c.Seqlab.language``; drop the other language's."""

    def preprocess(self, nb, resources):
        lang = language(self)
        nb.cells = [c for c in nb.cells if cell_language(c) in (None, lang)]
        for cell in nb.cells:
            cell.source = filter_source(cell.source, lang)
            cell.get("metadata", {}).pop("seqlab", None)
        nb.metadata["seqlab"] = {"language": lang}
        return nb, resources
