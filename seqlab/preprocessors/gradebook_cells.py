"""nbgrader's gradebook preprocessors, with the gradebook read once per notebook (or per run).

nbgrader's ``OverwriteCells`` looks up each cell's source (and, for a graded cell, its points)
with two joined queries per cell, and ``SaveAutoGrades`` finds each grade and comment with a
query and commits after every cell. A quiz notebook of ~120 cells costs ~370 ms there (about
250 queries and 76 transactions) per submission. These subclasses do exactly the same checks
and writes: ``OverwriteCells`` runs nbgrader's own ``preprocess_cell`` on the assignment's cells
read once per notebook (once per run in seqlab's writer); ``SaveAutoGrades`` computes each value
by nbgrader's own rules and saves a notebook's grades and comments with two bulk updates in one
transaction: all of them or, if anything fails, none. ``OverwriteKernelspec`` reads the kernelspec
once per run in seqlab's writer. tests/test_gradebook_cells.py compares the notebooks and the
gradebook rows with nbgrader's classes on every demo persona.

Swapped in for nbgrader's classes in ``nbgrader_config.py``.
"""
import json

from nbgrader import utils
from nbgrader.api import (Assignment, BaseCell, Comment, Gradebook, Grade, GradeCell, MissingEntry,
                          Notebook, SolutionCell, SubmittedAssignment, SubmittedNotebook, TaskCell)
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, NbGraderPreprocessor
from nbgrader.preprocessors import OverwriteCells as NbgraderOverwriteCells
from nbgrader.preprocessors import OverwriteKernelspec as NbgraderOverwriteKernelspec
from nbgrader.preprocessors import SaveAutoGrades as NbgraderSaveAutoGrades
from nbformat.v4 import new_code_cell
from sqlalchemy import bindparam, select, update

from ..gradebook import per_run, source_cells


def _lookup(found, fallback, key):
    """``found[key]``, else the original per-cell query (which raises MissingEntry as before)."""
    def find(name, notebook, assignment, *student):
        if (notebook, assignment, *student) == key and name in found:
            return found[name]
        return fallback(name, notebook, assignment, *student)
    return find


class QuietOverwriteCells(NbgraderOverwriteCells):
    """nbgrader's OverwriteCells without its spurious warning (both grading paths).

    nbgrader warns "Attribute 'checksum' for cell … has changed!" for every test cell with hidden
    tests of every honest submission (upstream #1961): the gradebook holds the cell with its hidden
    tests, the student had it without them. A locked cell whose text is exactly the released one
    (the source cell with its hidden tests cleared, by nbgrader's own ClearHiddenTests) gets its
    hidden tests back without that warning; any other change to a locked cell is still reported
    and undone by nbgrader's code, as before.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None:
            try:
                source_cell = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except MissingEntry:
                source_cell = None             # nbgrader's code below says so
            if (source_cell is not None and source_cell.locked and cell.source != source_cell.source
                    and cell.source == self._released_source(source_cell)):
                cell.source = source_cell.source
        return super().preprocess_cell(cell, resources, cell_index)

    def _released_source(self, source_cell):
        """``source_cell``'s text as ``generate_assignment`` released it (hidden tests and mark
        schemes cleared, by nbgrader's own preprocessors)."""
        if not hasattr(self, "_clearers"):
            self._clearers = (ClearHiddenTests(config=self.config), ClearMarkScheme(config=self.config))
        released = new_code_cell(source_cell.source, metadata={"nbgrader": {"grade": True}})
        try:
            for clear in self._clearers:
                clear.preprocess_cell(released, {}, 0)
        except RuntimeError:                   # unbalanced markers: not what was released
            return None
        return released.source


class OverwriteCells(QuietOverwriteCells):
    """:class:`QuietOverwriteCells` for seqlab autograde's writer: the assignment's cells are read
    once per notebook (once per writer run inside :func:`seqlab.gradebook.shared_engine`), not
    once per cell."""

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
        if utils.is_grade(cell) or utils.is_solution(cell):
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
    """nbgrader's SaveAutoGrades: the same values by nbgrader's own rules (``determine_grade``, the
    checksum test for "No response."), read with one query per kind of row and written by bulk
    updates in one transaction per notebook: all of a notebook's grades or, if anything fails,
    none (nbgrader loads each grade and comment as an object and commits after every cell)."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        key = (self.notebook_id, self.assignment_id, self.student_id)
        with Gradebook(self.db_url) as gb:
            submitted = _submitted_notebook(gb, *key)
            grades = _rows(gb, _GRADES, [GradeCell, TaskCell], submitted)
            comments = _rows(gb, _COMMENTS, [SolutionCell, TaskCell], submitted)
            grade_rows, comment_rows = {}, {}
            for cell in nb.cells:
                if utils.is_grade(cell):
                    row, manual_score = _row(grades, cell, gb.find_grade, key)
                    auto_score, _ = utils.determine_grade(cell, self.log)
                    grade_rows[row] = {"id": row, "auto_score": auto_score,
                                       "needs_manual_grade": manual_score is not None or auto_score is None}
                for role in (utils.is_solution, utils.is_task):     # nbgrader's order: the task wins
                    if role(cell):
                        row, = _row(comments, cell, gb.find_comment, key)
                        blank = (cell.metadata.nbgrader.get("checksum", None) == utils.compute_checksum(cell)
                                 and not utils.is_task(cell))
                        comment_rows[row] = {"id": row, "auto_comment": "No response." if blank else None}
            try:
                if grade_rows:
                    gb.db.execute(update(Grade), list(grade_rows.values()))
                if comment_rows:
                    gb.db.execute(update(Comment), list(comment_rows.values()))
                gb.db.commit()
            except BaseException:
                gb.db.rollback()
                raise
        return nb, resources


# The reads of SaveAutoGrades, built once (SQLAlchemy then reuses their compiled form).
_SUBMITTED_NOTEBOOK = (
    select(SubmittedNotebook.id)
    .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)
    .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
    .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
    .where(Notebook.name == bindparam("notebook"), Assignment.name == bindparam("assignment"),
           SubmittedAssignment.student_id == bindparam("student")))
_GRADES = (select(Grade.id, BaseCell.name, BaseCell.type, Grade.manual_score)
           .join(BaseCell, BaseCell.id == Grade.cell_id).where(Grade.notebook_id == bindparam("submitted")))
_COMMENTS = (select(Comment.id, BaseCell.name, BaseCell.type)
             .join(BaseCell, BaseCell.id == Comment.cell_id).where(Comment.notebook_id == bindparam("submitted")))


def _submitted_notebook(gb, notebook, assignment, student):
    """The id of a student's submitted notebook, or None."""
    return gb.db.execute(_SUBMITTED_NOTEBOOK, {"notebook": notebook, "assignment": assignment,
                                               "student": student}).scalar()


def _rows(gb, query, cell_types, submitted):
    """{cell name: (row id, *other columns)} of one submitted notebook's grades or comments, for
    cells of ``cell_types``; earlier types win, as in nbgrader's find_grade / find_comment (a
    grade cell before a task cell)."""
    if submitted is None:
        return {}
    rank = {t.__name__: i for i, t in enumerate(cell_types)}
    rows = [r for r in gb.db.execute(query, {"submitted": submitted}) if r[2] in rank]
    rows.sort(key=lambda r: -rank[r[2]])
    return {name: (row_id, *rest) for row_id, name, _, *rest in rows}


def _row(found, cell, find, key):
    """The row of ``cell``; for a cell the gradebook lacks, nbgrader's own lookup raises
    MissingEntry, as nbgrader would."""
    name = cell.metadata["nbgrader"]["grade_id"]
    if name not in found:
        find(name, *key)
        raise MissingEntry(f"no row for cell {name!r}")       # not reached: find raised
    return found[name]
