"""Feedback preprocessor: students see their results, never the hidden test code.

nbgrader's feedback HTML shows each test cell's full source, hidden tests included (upstream
#917). This removes every ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` region (and any
traceback frames of the grader) before the HTML is written.
"""
from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """Strip hidden-test regions from test cells in the feedback copy."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code":
            self._remove_hidden_test_region(cell)
        return cell, resources
