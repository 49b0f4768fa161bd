"""The whole pipeline through real nbgrader, on the session's small graded class (conftest.py).

Release → submissions → ``nbgrader autograde`` (real kernels + hidden checks in the trusted
process) → ``generate_feedback`` → ``export``. Asserts what an instructor and each student
would see: scores, per-check results, diagnoses by name, reasons for broken submissions,
and that feedback shows no hidden check code.
"""
import csv
import re

import nbformat
import pytest

from seqlab import pipeline
from tests.conftest import CLASS_ASSIGNMENT as ASSIGNMENT
from tests.conftest import class_roster

pytestmark = pytest.mark.slow
PICK = [p.student for p in class_roster()]


@pytest.fixture(scope="module")
def graded(recurrent_graded):
    return recurrent_graded, {"scores": pipeline.class_scores(recurrent_graded, [ASSIGNMENT], PICK)}


def scores(graded, student):
    return graded[1]["scores"][student][ASSIGNMENT]


def autograded_cells(course, student):
    nb = nbformat.read(course.root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            out[meta["grade_id"]] = cell
    return nb, out


def cell_text(cell):
    return "\n".join(o.get("data", {}).get("text/plain", "") if "data" in o else o.get("text", "")
                     for o in cell.outputs)


def feedback_html(course, student):
    return (course.root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")


def test_reference_answers_get_full_marks(graded):
    score, max_score, _ = scores(graded, "demo-01-ada")
    assert max_score > 0 and score == pytest.approx(max_score)


def test_blank_submission_gets_zero_with_not_implemented_reasons(graded):
    assert scores(graded, "demo-02-ben")[0] == 0
    _, cells = autograded_cells(graded[0], "demo-02-ben")
    assert all("NotImplementedError" in cell_text(c) for c in cells.values())


def test_pytorch_gru_convention_costs_only_those_checks_and_is_named(graded):
    course, _ = graded
    score, max_score, _ = scores(graded, "demo-04-dae")
    _, cells = autograded_cells(course, "demo-04-dae")
    lost = {gid for gid, c in cells.items() if float(c.outputs[-1]["data"]["text/plain"]) < c.metadata.nbgrader.points}
    # gru_forward calls the student's gru_step, so it fails too — and the feedback says why
    assert lost == {"test_gru_update", "test_gru_step", "test_gru_forward"}
    shown = cell_text(cells["test_gru_update"])
    assert "(1 − z_t)" in shown or "(1−z_t)" in shown            # the cause, in the lecture's words
    assert "gru_pytorch_update" not in shown                      # not its internal name (that is metadata)
    assert "gru_pytorch_update" in {c["diagnosis"] for c in cells["test_gru_update"].metadata["seqlab"]["checks"]}
    assert "calls your gru_step" in cell_text(cells["test_gru_forward"])
    assert 0 < score < max_score
    assert "(1−z_t)·h_{t-1} + z_t·h̃_t" in feedback_html(course, "demo-04-dae")


def test_endless_loop_costs_that_function_only_with_a_time_reason(graded):
    _, cells = autograded_cells(graded[0], "demo-09-ivan")
    assert "time limit" in cell_text(cells["test_gru_step"])
    assert float(cells["test_gru_step"].outputs[-1]["data"]["text/plain"]) == 0
    assert float(cells["test_lstm_step"].outputs[-1]["data"]["text/plain"]) == cells["test_lstm_step"].metadata.nbgrader.points


def test_kernel_killed_by_exit_still_grades_the_rest(graded):
    nb, cells = autograded_cells(graded[0], "demo-10-jun")
    assert "kernel_died_at" in nb.metadata.get("seqlab", {})
    assert "stopped Python itself" in cell_text(cells["test_lstm_forward"])
    assert float(cells["test_lstm_forward"].outputs[-1]["data"]["text/plain"]) == 0
    assert float(cells["test_gru_forward"].outputs[-1]["data"]["text/plain"]) == cells["test_gru_forward"].metadata.nbgrader.points


def test_invalid_json_gets_zero_and_a_readable_reason(graded):
    course, _ = graded
    assert scores(graded, "demo-11-kim")[0] == 0
    html = feedback_html(course, "demo-11-kim")
    assert "not valid JSON" in html and re.search(r"line \d+, column \d+", html)


def test_tampered_test_cells_gain_nothing(graded):
    score, max_score, _ = scores(graded, "demo-12-lena")
    ada_max = scores(graded, "demo-01-ada")[1]
    assert max_score == ada_max                   # the 100-point edit did not stick
    _, cells = autograded_cells(graded[0], "demo-12-lena")
    assert len(cells) == len(autograded_cells(graded[0], "demo-01-ada")[1])   # deleted cells restored
    assert score == pytest.approx(1.0)            # only sigmoid (1 point) was answered


def test_printing_and_warning_keep_their_points(graded):
    score, max_score, _ = scores(graded, "demo-13-mo")
    assert score == pytest.approx(max_score)


def test_feedback_shows_results_and_seed_but_no_hidden_code(graded):
    course, _ = graded
    for student in PICK:
        html = feedback_html(course, student)
        assert "BEGIN HIDDEN TESTS" not in html and 'grade(&quot;' not in html and 'grade("' not in html
        assert "solutions" not in html and "test_recurrent" not in html
        if student != "demo-11-kim":
            assert "random seed" in html


def test_grades_csv_lists_every_student(graded):
    course, _ = graded
    with open(course.root / "grades.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == ASSIGNMENT]
    assert {r["student_id"] for r in rows} == set(PICK)
    ada = next(r for r in rows if r["student_id"] == "demo-01-ada")
    assert float(ada["score"]) == float(ada["max_score"]) > 0
