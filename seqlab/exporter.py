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
from nbconvert.exporters import NotebookExporter
from nbformat import validator
from nbformat.v4 import new_markdown_cell

from .config import language
from .submission import read_submission, worked_file


class SubmissionExporter(NotebookExporter):
    """NotebookExporter that turns an unreadable submission into a graded-as-blank notebook."""

    def from_filename(self, filename, resources=None, **kw):
        filename = str(worked_file(filename))      # or the release-language twin the student worked in
        nb, problem = read_submission(filename)
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


class WriterExporter(SubmissionExporter):
    """The same exporter, cheaper, for seqlab autograde's single writer (``config.for_the_writer``):
    a submission is read and validated once and not copied. It overrides private methods of
    nbconvert and nbformat (versions pinned in requirements.txt); tests/test_exporter.py checks it
    writes byte for byte what nbconvert's NotebookExporter writes."""

    _parsed = None
    _private = False                 # the notebook being converted was read here: no copy needed

    def from_filename(self, filename, resources=None, **kw):
        filename = str(worked_file(filename))
        nb, problem = read_submission(filename)
        if problem is not None:
            return super().from_filename(filename, resources, **kw)
        self._parsed = nb            # read and validated once: from_file uses it
        self._private = True
        try:
            return NotebookExporter.from_filename(self, filename, resources, **kw)
        finally:
            self._parsed, self._private = None, False

    def from_file(self, file_stream, resources=None, **kw):
        if self._parsed is not None:
            return self.from_notebook_node(self._parsed, resources=resources, **kw)
        return super().from_file(file_stream, resources=resources, **kw)

    # nbconvert copies the notebook four times per conversion (in from_notebook_node, in
    # _preprocess, in validator.normalize and in nbformat's JSON writer) and validates it again
    # when writing it. A notebook this exporter read itself is private to the conversion: it is
    # not copied at all; another caller's notebook is copied once. The notebook is validated
    # once after the preprocessors (c.Exporter.optimistic_validation). Same file out.
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
        # nbconvert's Exporter.from_notebook_node, with the copy only when the notebook is not ours
        nb_copy = nb if self._private else copy.deepcopy(nb)
        resources = self._init_resources(resources)
        if "language" in nb["metadata"]:
            resources["language"] = nb["metadata"]["language"].lower()
        nb_copy, resources = self._preprocess(nb_copy, resources)
        name = resources.get("metadata", {}).get("name", "")
        path = resources.get("metadata", {}).get("path", "")
        self._nb_metadata[os.path.join(path, name)] = nb_copy.metadata
        # NotebookExporter.from_notebook_node
        if self.nbformat_version != nb_copy.nbformat:
            resources["output_suffix"] = ".v%i" % self.nbformat_version
            nb_copy = nbformat.convert(nb_copy, self.nbformat_version)
        else:
            resources["output_suffix"] = ".nbconvert"
        if not self.optimistic_validation:
            nbformat.validate(nb_copy)
        output = _writes(nb_copy, self.nbformat_version)
        if not output.endswith("\n"):
            output = output + "\n"
        return output, resources


def _writes(nb, version):
    """``nbformat.versions[version].writes_json(nb)``, which deep-copies the notebook only to
    split its text into lines for the file; ``nb`` is this conversion's own copy, so that is
    done in place (the notebook is not used after it is written)."""
    module = nbformat.versions[version]
    if version != 4:
        return module.writes_json(nb)
    from nbformat.v4 import nbjson, rwbase
    nb = rwbase.strip_transient(rwbase.split_lines(nb))
    return json.dumps(nb, cls=nbjson.BytesEncoder, indent=1, sort_keys=True, separators=(",", ": "),
                      ensure_ascii=False)
