"""nbgrader's gradebook preprocessors, with the gradebook read once per notebook (or per run).

nbgrader's ``OverwriteCells`` looks up each cell's source (and, for a graded cell, its points)
with two joined queries per cell, and ``SaveAutoGrades`` finds each grade and comment with a
query and commits after every cell. A quiz notebook of ~120 cells costs ~370 ms there (about
250 queries and 76 transactions) per submission. These subclasses do exactly the same checks
and writes (nbgrader's own ``preprocess_cell`` runs unchanged) but load the assignment's cells,
or the submission's grades and comments, with one query each per notebook, and save a
notebook's grades in one transaction: all of them or, if anything fails, none.

Swapped in for nbgrader's classes in ``nbgrader_config.py``.
"""
import json

from nbgrader.api import (Comment, Gradebook, Grade, GradeCell, MissingEntry, SolutionCell,
                          SubmittedNotebook, TaskCell)
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.preprocessors import OverwriteCells as NbgraderOverwriteCells
from nbgrader.preprocessors import OverwriteKernelspec as NbgraderOverwriteKernelspec
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades
from nbgrader.utils import is_grade, is_solution

from ..gradebook import per_run, source_cells


def _lookup(found, fallback, key):
    """``found[key]``, else the original per-cell query (which raises MissingEntry as before)."""
    def find(name, notebook, assignment, *student):
        if (notebook, assignment, *student) == key and name in found:
            return found[name]
        return fallback(name, notebook, assignment, *student)
    return find


class OverwriteCells(NbgraderOverwriteCells):
    """nbgrader's OverwriteCells; the assignment's cells are read once per notebook (once per
    writer run inside :func:`seqlab.gradebook.shared_engine`)."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            gb, key = self.gradebook, (self.notebook_id, self.assignment_id)
            cells = source_cells(gb, *key)
            if cells is not None:
                gb.find_source_cell = _lookup(cells.sources, gb.find_source_cell, key)
                gb.find_graded_cell = _lookup(cells.graded, gb.find_graded_cell, key)
            nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
            if self.add_missing_cells and (cells is None or _something_missing(nb, cells)):
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


def _something_missing(nb, cells):
    """Whether nbgrader's add_missing_grade_cells / add_missing_task_cells would add a cell (they
    do nothing else): a grade cell whose id no grade or solution cell has, or a task cell whose id
    no nbgrader cell has."""
    graded_ids, all_ids = set(), set()
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            continue
        all_ids.add(meta.get("grade_id"))
        if is_grade(cell) or is_solution(cell):
            graded_ids.add(meta.get("grade_id"))
    return bool(cells.grade_names - graded_ids or cells.task_names - all_ids)


class OverwriteKernelspec(NbgraderOverwriteKernelspec):
    """nbgrader's OverwriteKernelspec; the source notebook's kernelspec is read once per writer
    run inside :func:`seqlab.gradebook.shared_engine` (every time outside it)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            kernelspec = per_run(gb, "kernelspec", info["notebook"], info["assignment"],
                                 lambda gb, notebook, assignment: gb.find_notebook(notebook, assignment).kernelspec)
        if kernelspec is not None:
            kernelspec = json.loads(kernelspec)       # a fresh object for every notebook
        if kernelspec:
            nb.metadata["kernelspec"] = kernelspec
        return nb, resources


class SaveAutoGrades(NbgraderSaveAutoGrades):
    """nbgrader's SaveAutoGrades; grades and comments read once, saved in one transaction."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            gb = self.gradebook
            key = (self.notebook_id, self.assignment_id, self.student_id)
            try:
                submitted = gb.find_submission_notebook(*key)
            except MissingEntry:
                submitted = None
            if submitted is not None:
                gb.find_grade = _lookup(self._by_cell(gb, Grade, [GradeCell, TaskCell], submitted),
                                        gb.find_grade, key)
                gb.find_comment = _lookup(self._by_cell(gb, Comment, [SolutionCell, TaskCell], submitted),
                                          gb.find_comment, key)
            gb.db.commit = lambda: None      # nbgrader commits after every cell: once, below
            try:
                nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
            except BaseException:
                gb.db.rollback()
                raise
            finally:
                del gb.db.commit
            gb.db.commit()
        return nb, resources

    @staticmethod
    def _by_cell(gb, model, cell_models, submitted):
        """{cell name: row of ``model``} of one submitted notebook; earlier cell models win, as
        in nbgrader's find_grade / find_comment (grade cell before task cell)."""
        found = {}
        for cell_model in reversed(cell_models):
            rows = (gb.db.query(model, cell_model.name)
                    .join(cell_model, cell_model.id == model.cell_id)
                    .join(SubmittedNotebook, SubmittedNotebook.id == model.notebook_id)
                    .filter(SubmittedNotebook.id == submitted.id))
            found.update({name: row for row, name in rows})
        return found
