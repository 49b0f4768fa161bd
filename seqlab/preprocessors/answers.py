"""Release preprocessor: a quiz answer is one line to edit.

A quiz question's answer cell is an nbgrader solution cell ``answer_<id>`` whose solution region
holds the key. nbgrader's ClearSolutions replaces that region with ``raise NotImplementedError()``,
which would stop the notebook at the first unanswered question; this step, right after it, makes
it ``answer_<id> = None`` instead: one line, which the student edits, and which runs.
"""
import re

from nbgrader.preprocessors import NbGraderPreprocessor

from ..grading.notebook import is_solution

STUB = re.compile(r"^(?P<indent>[ \t]*)raise NotImplementedError\(\)[ \t]*$", re.M)


class AnswerStubs(NbGraderPreprocessor):
    """In each code solution cell ``answer_<id>``, the cleared solution becomes ``answer_<id> = None``."""

    def preprocess_cell(self, cell, resources, index):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and is_solution(cell) and grade_id.startswith("answer_"):
            cell.source = STUB.sub(lambda m: f"{m['indent']}{grade_id} = None", cell.source)
        return cell, resources
