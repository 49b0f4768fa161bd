"""What a graded test cell says: every check ✓/✗, then one cause in the lecture's words (never two
contradicting ones, never a diagnosis's internal name), the seed only where inputs were random."""
from seqlab.grading.render import cause, cell_outputs


def check(title, passed, diagnosis=None, en="", ko="", function="lstm_gates", weight=1.0):
    return {"id": title, "function": function, "title": {"en": title, "ko": title}, "weight": weight,
            "passed": passed, "diagnosis": diagnosis, "message": {"en": en, "ko": ko} if en else None}


def text(outputs):
    return outputs[0]["data"]["text/plain"], outputs[0]["data"]["text/html"]


def test_one_cause_the_one_most_failed_checks_name():
    checks = [check("shapes", True, weight=0),
              check("values", False, "lstm_gate_order", "Your gates are in the wrong order.", "게이트 순서"),
              check("forget gate saturated", False, "gate_not_sigmoid", "A gate must be σ(…), not tanh.", "σ"),
              check("input gate shut", False, "gate_not_sigmoid", "A gate must be σ(…), not tanh (2).", "σ")]
    assert cause(checks)["diagnosis"] == "gate_not_sigmoid"
    plain, page = text(cell_outputs(["lstm_gates"], {"seed": 7, "checks": checks}, 2.0, "en"))
    assert "A gate must be σ(…), not tanh." in plain and "wrong order" not in plain
    assert "gate_not_sigmoid" not in plain + page and "lstm_gate_order" not in plain + page
    assert plain.count("✗") == 3 and "✓ shapes" in plain and "seed" in plain and ": 7" in plain


def test_without_a_named_mistake_the_first_failure_explains():
    checks = [check("a", False, None, "first reason", "첫 이유"), check("b", False, None, "second reason", "둘째")]
    plain, _ = text(cell_outputs(["lstm_gates"], {"seed": 1, "checks": checks}, 1.0, "ko"))
    assert "첫 이유" in plain and "둘째" not in plain


def test_a_quiz_answer_has_no_seed_and_full_marks_no_reason():
    checks = [check("Q3 (softmax_rows)", True, function="answer_softmax_rows")]
    plain, page = text(cell_outputs(["answer_softmax_rows"], {"seed": 42, "checks": checks}, 2.0, "en"))
    assert "seed" not in plain and "seed" not in page and "42" not in plain
    assert "2 / 2" in plain and "Why" not in plain


def test_feedback_leaves_out_the_bare_points_value():
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    from seqlab.preprocessors.feedback import HideHiddenTests
    graded = new_code_cell('check(f)\n### BEGIN HIDDEN TESTS\ngrade("f")\n### END HIDDEN TESTS',
                           metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "test_f", "points": 2}})
    graded.outputs = [new_output("display_data", data={"text/plain": "f: 2 / 2 points"}),
                      new_output("execute_result", data={"text/plain": "2.0"}, execution_count=1)]
    student = new_code_cell("f(1)")
    student.outputs = [new_output("execute_result", data={"text/plain": "3"}, execution_count=2)]
    nb, _ = HideHiddenTests().preprocess(new_notebook(cells=[graded, student]), {})
    assert [o.output_type for o in nb.cells[0].outputs] == ["display_data"]
    assert "grade(" not in nb.cells[0].source
    assert [o.output_type for o in nb.cells[1].outputs] == ["execute_result"]     # the student's own output stays
