"""seqlab's SubmissionExporter (both grading paths) and WriterExporter (seqlab autograde's writer,
which copies and validates less) write, for every readable notebook, exactly what nbconvert's
NotebookExporter writes, and a kind note for the rest."""
import json

import nbformat
import pytest
from nbconvert.exporters import NotebookExporter
from nbgrader.preprocessors import ClearOutput
from traitlets.config import Config

from seqlab.demo import build_class
from tests.demo_class import ROSTER
from seqlab.exporter import SubmissionExporter, WriterExporter
from tests.course_copy import copy_course

pytestmark = pytest.mark.slow      # grades course copies: make test, not make check


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("exporter") / "course")
    build_class(course, ROSTER)
    return course


def without_repaired_ids(text, original):
    """The written text; but cell ids nbformat had to invent (missing or duplicated in the file)
    are random, so there the notebook without ids."""
    ids = [c.get("id") for c in original.get("cells", [])]
    if all(i is not None for i in ids) and len(set(ids)) == len(ids):
        return text
    nb = json.loads(text)
    for cell in nb["cells"]:
        cell.pop("id", None)
    return nb


@pytest.mark.parametrize("optimistic", [True, False])
@pytest.mark.parametrize("clear", [True, False])
def test_same_notebook_as_nbconvert(course, optimistic, clear):
    config = Config()
    config.Exporter.optimistic_validation = optimistic
    compared = 0
    for path in sorted((course.root / "submitted").glob("*/*/*.ipynb")):
        try:
            original = json.loads(path.read_text(encoding="utf-8"))
            nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        except Exception:
            continue
        outputs = []
        for cls in (NotebookExporter, SubmissionExporter, WriterExporter):
            exporter = cls(config=config)
            if clear:
                exporter.register_preprocessor(ClearOutput(), enabled=True)
            outputs.append(without_repaired_ids(exporter.from_filename(str(path))[0], original))
        assert outputs[0] == outputs[1] == outputs[2], path
        compared += 1
    assert compared >= 50


def test_unreadable_submission_becomes_the_release_with_a_note(course, tmp_path):
    release = course.root / "release" / "recurrent" / "recurrent.ipynb"
    bad = course.root / "submitted" / "x" / "recurrent" / "recurrent.ipynb"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"cells": [', encoding="utf-8")
    for cls in (SubmissionExporter, WriterExporter):
        out = json.loads(cls().from_filename(str(bad))[0])
        assert "not valid JSON" in "".join(out["cells"][0]["source"]) and "line 1, column 12" in "".join(out["cells"][0]["source"])
        assert len(out["cells"]) == len(json.loads(release.read_text())["cells"]) + 1


def test_seqlab_processes_skip_the_iri_grammar_and_still_validate_notebooks():
    """seqlab/__init__.py keeps jsonschema from importing rfc3987_syntax (1 s of grammar
    compilation per process); nbformat's validation, which seqlab relies on, is unaffected."""
    import subprocess
    import sys
    code = ("import sys, seqlab.submission as s\n"
            "assert sys.modules.get('rfc3987_syntax') is None, 'the IRI grammar was loaded'\n"
            "import jsonschema\n"
            "nb, problem = s.parse_submission('{\"cells\": [{\"cell_type\": \"code\"}], \"metadata\": {}, "
            "\"nbformat\": 4, \"nbformat_minor\": 5}')\n"
            "assert nb is None and problem[0] is s.NOT_NOTEBOOK, problem\n"
            "import nbformat.v4 as v4\n"
            "nb, problem = s.parse_submission(nbformat.writes(v4.new_notebook(cells=[v4.new_code_cell('1')])))\n"
            "assert problem is None and nb.cells[0].source == '1'\n")
    code = code.replace("import nbformat.v4 as v4", "import nbformat, nbformat.v4 as v4")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
