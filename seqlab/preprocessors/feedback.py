"""Feedback preprocessor: students see their results, never the hidden test code.

nbgrader's feedback HTML shows each test cell's full source, hidden tests included (upstream
#917). This removes every ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` region before the
HTML is written, and a graded test cell's bare points value (the ``Out[ ]: 2.0`` nbgrader reads as
partial credit; the page's header already says the points, the cell's output says what they mean).
"""
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """Strip hidden-test regions and bare points values from test cells in the feedback copy."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code":
            self._remove_hidden_test_region(cell)
            if utils.is_grade(cell) and not utils.is_solution(cell):
                cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "execute_result"]
        return cell, resources
