"""The quizzes: a valid bank that covers the checklist, hidden checks per question kind, honest
self-checks, no graded key in anything released, generated files up to date, a mastery report."""
import contextlib
import importlib.util
import io
import re
import sys
import types
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from seqlab import quiz
from seqlab.i18n import Text
from seqlab.grading.impl import ModuleImpl, NotebookImpl
from seqlab.grading.notebook import is_solution, is_test
from seqlab.grading.runner import run_checks
from tests.harness import released_in_process

ROOT = Path(__file__).resolve().parents[1]
ITEMS, QUESTIONS = quiz.load_bank()
BY_ID = {q.id: q for q in QUESTIONS}
AUTO = [q for q in QUESTIONS if q.kind != "text"]
QUIZZES = quiz.quizzes(QUESTIONS)

# The lecture's learning checklist ("학습 점검", 002_7353d8e8b175228d.txt) and the review the issue asks for.
CHECKLIST = ["why_attention", "qkv_roles", "sdpa_formula", "self_vs_cross",                      # basic
             "why_multihead", "no_positional", "sinusoidal_advantages", "residual",              # intermediate
             "layer_vs_batch_norm", "pre_vs_post_norm", "reduce_n2", "read_attention_weights",   # advanced
             "task_attention_patterns", "task_no_pe", "task_head_count", "task_rnn_vs_transformer"]
REVIEW = ["rnn_bptt", "vanishing_exploding", "lstm_gates", "gru_gates", "rnn_lstm_gru", "seq2seq_context",
          "teacher_forcing", "matmul_shapes", "dot_cosine", "softmax_sum", "qk_shapes"]


def key_value(q):
    """The key as a student writes it (multiple select: a list)."""
    return list(q.key) if q.kind == "multi" else q.key


def answers(**override):
    """Every auto-graded question answered with its key, except the overrides (``DELETE`` removes one)."""
    values = {f"answer_{q.id}": key_value(q) for q in AUTO}
    for qid, value in override.items():
        if value is DELETE:
            del values[f"answer_{qid}"]
        else:
            values[f"answer_{qid}"] = value
    return ModuleImpl(types.SimpleNamespace(**values), name="answers")


DELETE = object()


def grade(impl, ids=None):
    report = run_checks(impl, functions=[f"answer_{i}" for i in (ids or [q.id for q in AUTO])], seed=3)
    assert not report["errors"], report["errors"]
    return {c["function"][len("answer_"):]: c for c in report["checks"]}


def why(q, letter):
    return q.options[q.letters.index(letter)].why


def wrong_letters(q):
    return [letter for letter in q.letters if letter not in q.key]


# --------------------------------------------------------------------------- the bank
def test_bank_has_no_problems():
    assert quiz.bank_problems(ITEMS, QUESTIONS) == []


def test_at_least_sixty_questions_and_every_item_at_least_twice():
    assert len(QUESTIONS) >= 60
    per_item = Counter(q.item for q in QUESTIONS)
    assert set(CHECKLIST + REVIEW) == set(ITEMS)
    assert {k: n for k, n in per_item.items() if n < 2} == {}
    assert all(per_item[k] >= 2 for k in CHECKLIST + REVIEW)


def test_every_kind_is_used_and_both_practice_and_graded_exist():
    assert set(q.kind for q in QUESTIONS) == set(quiz.KINDS)
    assert {q.status for q in QUESTIONS} == {"practice", "graded", "written"}
    for kind in ("single", "multi", "truefalse", "numeric", "shape"):
        assert {q.graded for q in AUTO if q.kind == kind} == {True, False}, kind


def test_every_key_is_a_valid_answer_to_its_own_question():
    for q in AUTO:
        if q.kind in ("single", "multi"):
            assert set(q.key if q.kind == "multi" else [q.key]) <= set(q.letters), q.id
        canonical = quiz.read_answer(q.form(), key_value(q))
        assert quiz.judge(q.spec(), canonical)["right"], q.id


def test_a_broken_bank_is_refused_with_every_problem_named():
    bad = [quiz.Question("Bad-Id", "nowhere", "single", Text("?", "?"), key="E",
                         options=(quiz.O("a", "a", "w", "w"), quiz.O("b", "b", "w", "w"))),
           quiz.Question("lonely", "rnn_bptt", "numeric", Text("?", "?"), key="12",
                         explanation=Text("e", "e"))]
    problems = "\n".join(quiz.bank_problems({"rnn_bptt": ITEMS["rnn_bptt"]}, bad))
    assert "snake_case" in problems and "unknown checklist item" in problems
    assert "not a valid answer" in problems and "at least 2" in problems


# --------------------------------------------------------------------------- hidden checks
def test_the_keys_pass_every_check_and_written_questions_have_none():
    results = grade(answers())
    assert sorted(results) == sorted(q.id for q in AUTO)
    assert [i for i, c in results.items() if not c["passed"]] == []
    written = [q.id for q in QUESTIONS if q.kind == "text"]
    assert written and not set(written) & set(results)


def test_single_choice_right_wrong_and_badly_typed():
    q = BY_ID["vanishing_cause"]                          # single choice, A–D
    wrong_letter = wrong_letters(q)[0]
    assert grade(answers(vanishing_cause=f" {q.key.lower()} "), [q.id])[q.id]["passed"]     # case and spaces
    wrong = grade(answers(vanishing_cause=wrong_letter), [q.id])[q.id]
    assert not wrong["passed"] and why(q, wrong_letter).en in wrong["message"]["en"]       # why that choice is wrong
    assert why(q, wrong_letter).ko in wrong["message"]["ko"]
    assert why(q, q.key).en not in wrong["message"]["en"]                                   # not the key's reasoning
    for bad, word in (([q.key], "not a list"), (2, "Got 2 (int)"), ("E", "not one of the options"), ("AB", "exactly one")):
        c = grade(answers(vanishing_cause=bad), [q.id])[q.id]
        assert not c["passed"] and c["diagnosis"] == "answer_wrong_type" and word in c["message"]["en"], bad


def test_multiple_select_any_order_and_teaching_for_wrong_and_missed_options():
    q = BY_ID["seq2seq_attention_parts"]                  # multiple select, A–E
    key = list(q.key)
    assert grade(answers(seq2seq_attention_parts=[k.lower() for k in reversed(key)] + key[:1]), [q.id])[q.id]["passed"]
    assert grade(answers(seq2seq_attention_parts=tuple(reversed(key))), [q.id])[q.id]["passed"]
    chosen, missed = wrong_letters(q)[0], key[-1]
    c = grade(answers(seq2seq_attention_parts=key[:-1] + [chosen]), [q.id])[q.id]
    assert not c["passed"]
    assert f"You chose {chosen}" in c["message"]["en"] and why(q, chosen).en in c["message"]["en"]
    assert f"You left out {missed}" in c["message"]["en"] and why(q, missed).en in c["message"]["en"]
    for bad in ("".join(key), [], [key[0], "F"], [1, 2]):
        c = grade(answers(seq2seq_attention_parts=bad), [q.id])[q.id]
        assert not c["passed"] and c["diagnosis"] == "answer_wrong_type", bad
    # A set cannot cross the grader's wire by itself: it fails with a clear message in a bare module…
    c = grade(answers(seq2seq_attention_parts=set(key)), [q.id])[q.id]
    assert c["diagnosis"] == "answer_wrong_type" and "a list of letters" in c["message"]["en"]


def test_multiple_select_as_a_set_in_a_real_notebook_is_graded_like_a_list():
    # …but in the quiz notebook, its read-only last cell turns sets into lists before grading.
    right, partly = BY_ID["seq2seq_attention_parts"], BY_ID["gradient_remedies"]
    chosen = wrong_letters(partly)[0]
    nb = nbformat.read(ROOT / "source" / "quiz_review" / "quiz_review.ipynb", as_version=4)
    for cell in nb.cells:
        if is_solution(cell) and f"answer_{right.id} =" in cell.source:
            cell.source += f"\nanswer_{right.id} = {{{', '.join(repr(k) for k in right.key)}}}"
        elif is_solution(cell) and f"answer_{partly.id} =" in cell.source:
            cell.source += f"\nanswer_{partly.id} = {{{partly.key[0]!r}, {chosen!r}}}"
    impl = NotebookImpl(nb, name="sets")
    try:
        results = grade(impl, [right.id, partly.id])
    finally:
        impl.close()
    assert results[right.id]["passed"]
    assert not results[partly.id]["passed"] and f"You chose {chosen}" in results[partly.id]["message"]["en"]


def test_true_false_right_wrong_and_badly_typed():
    q = BY_ID["heads_parameters"]                        # true or false, key False
    assert grade(answers(heads_parameters=False), [q.id])[q.id]["passed"]
    wrong = grade(answers(heads_parameters=True), [q.id])[q.id]
    assert not wrong["passed"] and q.explanation.en in wrong["message"]["en"]
    for bad, word in (("False", "without quotes"), (0, "not 1 or 0"), ([False], "Got [False]")):
        c = grade(answers(heads_parameters=bad), [q.id])[q.id]
        assert c["diagnosis"] == "answer_wrong_type" and word in c["message"]["en"], bad


def test_numeric_tolerance_near_misses_and_badly_typed():
    q = BY_ID["lstm_parameter_count"]                    # graded, 4·(10·20 + 20·20 + 20) = 2480
    for right in (2480, 2480.0, 2480.3):
        assert grade(answers(lstm_parameter_count=right), [q.id])[q.id]["passed"], right
    near = grade(answers(lstm_parameter_count=2400), [q.id])[q.id]
    assert near["diagnosis"] == "lstm_params_no_bias" and "without the biases" in near["message"]["en"]
    other = grade(answers(lstm_parameter_count=1234), [q.id])[q.id]
    assert not other["passed"] and other["diagnosis"] is None and q.explanation.en in other["message"]["en"]
    for bad, word in (("2480", "without quotes"), (True, "truth value"), (float("nan"), "finite"), ([2480], "not a single number")):
        c = grade(answers(lstm_parameter_count=bad), [q.id])[q.id]
        assert not c["passed"] and c["diagnosis"] == "answer_wrong_type" and word in c["message"]["en"], bad
    q = BY_ID["pe_value"]                                # cos 2 ≈ −0.416, tolerance 0.002
    assert grade(answers(pe_value=-0.4161468), [q.id])[q.id]["passed"]
    assert grade(answers(pe_value=0.9093), [q.id])[q.id]["diagnosis"] == "pe_sin_cos_swapped"


def test_shape_tuple_list_is_a_clear_zero():
    q = BY_ID["attention_output_shape"]                  # shape, (5, 32)
    assert grade(answers(attention_output_shape=(5, 32)), [q.id])[q.id]["passed"]
    assert grade(answers(attention_output_shape=(5.0, 32)), [q.id])[q.id]["passed"]
    near = grade(answers(attention_output_shape=(5, 7)), [q.id])[q.id]
    assert near["diagnosis"] == "attention_forgot_v"
    for bad, word in (([5, 32], "not square brackets"), ((5, 32, 1), "tuple of 3"), ((5, "32"), "not a whole number"),
                      ("(5, 32)", "Got '(5, 32)'"), ((5.5, 32), "not a whole number")):
        c = grade(answers(attention_output_shape=bad), [q.id])[q.id]
        assert not c["passed"] and c["diagnosis"] == "answer_wrong_type" and word in c["message"]["en"], bad


def test_missing_unanswered_and_unreadable_answers_cost_only_their_question():
    results = grade(answers(bptt_what=None, pe_value=DELETE, ln_axis=object(), cosine_value=lambda: 0.96))
    failed = {i: c["diagnosis"] for i, c in results.items() if not c["passed"]}
    assert failed == {"bptt_what": "answer_unanswered", "pe_value": "answer_missing",
                      "ln_axis": "answer_wrong_type", "cosine_value": "answer_wrong_type"}
    assert all("scores 0" in results[i]["message"]["en"] for i in failed)


def test_numpy_values_are_read_as_plain_numbers():
    np = pytest.importorskip("numpy")
    results = grade(answers(lstm_parameter_count=np.int64(2480), heads_parameters=np.bool_(False),
                            matmul_batch_weights=(np.int64(8), np.int32(32))),
                    ["lstm_parameter_count", "heads_parameters", "matmul_batch_weights"])
    assert all(c["passed"] for c in results.values())
    c = grade(answers(matmul_batch_weights=np.array([8, 32])), ["matmul_batch_weights"])["matmul_batch_weights"]
    assert c["diagnosis"] == "answer_wrong_type"


# --------------------------------------------------------------------------- the notebooks' self-checks
def selfcheck_module(name, lang="en"):
    folder = ROOT / "source" / name
    spec = importlib.util.spec_from_file_location(f"_selfcheck_{name}", folder / "selfcheck.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    module.use_language(lang)
    module.language_of_this_module = lang
    return module


def said(module, qid, value):
    """What ``check_answer`` prints, in the language the module was loaded for (the core is shared)."""
    module.use_language(module.language_of_this_module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.check_answer(qid, value)
    return out.getvalue()


def test_practice_self_check_says_right_or_wrong_and_why():
    sc = selfcheck_module("quiz_review")
    q = BY_ID["lstm_keep_memory"]                        # practice single choice
    other = wrong_letters(q)[0]
    assert said(sc, q.id, q.key).startswith("✓") and why(q, q.key).en in said(sc, q.id, q.key)
    wrong = said(sc, q.id, other)
    assert wrong.startswith("✗") and why(q, other).en in wrong and why(q, q.key).en not in wrong
    assert said(sc, q.id, None).startswith("…") and "None" in said(sc, q.id, None)
    ko = selfcheck_module("quiz_review", "ko")
    assert why(q, other).ko in said(ko, q.id, other)
    multi = BY_ID["gradient_remedies"]                   # practice multiple select: a set is fine in the kernel
    assert said(sc, multi.id, set(multi.key)).startswith("✓")
    assert "left out 1 option" in said(sc, multi.id, list(multi.key[:-1]))


def test_graded_self_check_only_checks_the_form():
    sc = selfcheck_module("quiz_review")
    q = BY_ID["lstm_parameter_count"]
    for value in (2480, 1):                              # right and wrong say exactly the same
        text = said(sc, q.id, value)
        assert text.startswith("✓") and "right form" in text and "graded when" in text
        assert q.explanation.en not in text and "2480" not in text.replace(str(value), "")
    assert said(sc, q.id, "2480").startswith("✗") and "without quotes" in said(sc, q.id, "2480")
    assert "not square brackets" in said(sc, "matmul_batch_weights", [8, 32])


def test_self_check_never_raises():
    sc = selfcheck_module("quiz_attention")
    for qid in list(sc.PRACTICE) + list(sc.GRADED) + ["no_such_question"]:
        for value in (None, "A", ["A"], 3, (1, 2), {"x": 1}, object(), float("inf"), True):
            assert said(sc, qid, value).strip()


def test_self_check_and_grader_agree_on_practice_questions():
    sc = selfcheck_module("quiz_transformer")
    for qid, spec in sc.PRACTICE.items():
        q = BY_ID[qid]
        for value in (key_value(q), "A", "B", ["A", "B"], True, False, 0.125, 4, None, (1, 2)):
            passed = quiz.grader_verdict(q.spec(), value)[0]
            assert said(sc, qid, value).startswith("✓") == passed, (qid, value)


# --------------------------------------------------------------------------- what is released
def released(name, lang="en"):
    """The quiz notebook as nbgrader's release steps leave it (run in-process)."""
    return released_in_process(nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4), lang)


def graded_key_strings(q):
    """Distinctive spellings of a graded numeric or shape key (too short to search for: none)."""
    if q.kind == "shape":
        return {quiz.literal(q.key)}
    if q.kind == "numeric":
        return {s for s in {str(q.key), f"{q.key:g}", f"{abs(q.key):g}"} if len(s) >= 4}
    return set()


@pytest.mark.parametrize("name", QUIZZES)
def test_graded_keys_are_not_in_the_released_self_check(name):
    sc = selfcheck_module(name)
    graded = {q.id for q in AUTO if q.quiz == name and q.graded}
    assert set(sc.GRADED) == graded and not graded & set(sc.PRACTICE)
    assert all(set(form) <= {"id", "kind", "letters", "length", "number"} for form in sc.GRADED.values())
    text = (ROOT / "source" / name / "selfcheck.py").read_text(encoding="utf-8")
    for q in AUTO:
        if q.graded:                                     # no quiz leaks another quiz's keys either
            assert not {s for s in graded_key_strings(q) if s in text}, q.id


@pytest.mark.parametrize("name", QUIZZES)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_released_notebook_has_no_solution_key_or_mark_scheme(name, lang):
    nb = released(name, lang)
    text = "\n".join(c.source for c in nb.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "MARK SCHEME", "grade(\""):
        assert marker not in text, marker
    mine = [q for q in QUESTIONS if q.quiz == name]
    for q in mine:
        if q.kind == "text":
            assert q.model_answer.pick(lang)[:60] not in text and q.rubric[0][1].pick(lang) not in text
    for q in AUTO:
        assert f"answer_{q.id} = {quiz.literal(key_value(q))}" not in text
        if q.graded:
            assert not {s for s in graded_key_strings(q) if s in text}, q.id
    stubs = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
    code = [[line for line in c.source.splitlines() if not line.startswith("#")] for c in stubs]
    assert stubs and code == [[f"{c.metadata.nbgrader.grade_id} = None"] for c in stubs]     # one line to edit
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")]
    assert len(written) == sum(q.kind == "text" for q in mine)
    assert all(c.source == "YOUR ANSWER HERE" for c in written)


@pytest.mark.parametrize("name", QUIZZES)
def test_notebook_cells_follow_the_grading_conventions(name):
    nb = nbformat.read(ROOT / "source" / name / f"{name}.ipynb", as_version=4)
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}
    # formgrader's manual-grading queue holds the written answers and nothing else: no task cells
    assert not [gid for gid, c in cells.items() if c.metadata["nbgrader"].get("task")]
    for q in (q for q in QUESTIONS if q.quiz == name):
        answer = cells[f"answer_{q.id}"]
        if q.kind == "text":                             # nbgrader's manually graded answer + task with mark scheme
            meta = answer.metadata["nbgrader"]
            assert answer.cell_type == "markdown" and meta["grade"] and meta["solution"]
            assert meta["points"] == q.max_points
            scheme = cells[f"mark_scheme_{q.id}"]   # one locked cell, the same in both languages, no task
            assert scheme.metadata["nbgrader"]["locked"] and not scheme.metadata["nbgrader"].get("task")
            assert "points" not in scheme.metadata["nbgrader"]        # nothing for formgrader's queue
            mark_scheme = scheme.source.split("=== BEGIN MARK SCHEME ===")[1]
            for lang in ("en", "ko"):
                assert q.model_answer.pick(lang).strip() in mark_scheme
                assert all(t.pick(lang) in mark_scheme for _, t in q.rubric)
            continue
        test = cells[f"test_answer_{q.id}"]
        assert is_solution(answer) and f"### BEGIN SOLUTION\nanswer_{q.id} = " in answer.source
        assert is_test(test) and test.metadata["nbgrader"]["points"] == q.max_points
        assert test.source == (f'check_answer("{q.id}", answer_{q.id})\n### BEGIN HIDDEN TESTS\n'
                               f'grade("answer_{q.id}")\n### END HIDDEN TESTS')


@pytest.mark.parametrize("name", QUIZZES)
@pytest.mark.slow          # runs the notebook in a kernel
def test_released_notebook_runs_top_to_bottom_unanswered(name):
    from nbclient import NotebookClient
    nb = released(name)
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "source" / name)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    shown = [o["data"]["text/markdown"] for o in outputs if o.output_type == "display_data"]
    assert len(shown) == sum(1 for q in AUTO if q.quiz == name)
    assert all(s.startswith("…") and "None" in s for s in shown)


@pytest.mark.parametrize("name", ["quiz_review"])
@pytest.mark.slow          # runs nbgrader validate
def test_validate_names_the_unanswered_questions_by_number(name, tmp_path):
    """nbgrader's Validate (here `nbgrader validate`) lists each unanswered question with its number."""
    import shutil
    import subprocess
    folder = tmp_path / name
    shutil.copytree(ROOT / "source" / name, folder)
    nb = released(name)
    answered = next(q for q in AUTO if q.quiz == name and q.kind == "single")
    for cell in nb.cells:
        if cell.get("id") == f"answer_{answered.id}":
            cell.source = cell.source.replace(" = None", f" = {quiz.literal(answered.key)}")
    nbformat.write(nb, folder / f"{name}.ipynb")
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(folder / f"{name}.ipynb")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    out = proc.stdout + proc.stderr
    numbers = quiz.numbering(QUESTIONS)
    unanswered = [q for q in AUTO if q.quiz == name and q.id != answered.id]
    assert "VALIDATION FAILED ON" in out and f"{len(unanswered)} CELL(S)" in out, out[-2000:]
    assert all(f"Q{numbers[q.id]} (`{q.id}`)" in out for q in unanswered)
    assert f"`{answered.id}`)" not in out

# --------------------------------------------------------------------------- generated, reported
def test_generated_quiz_sources_are_up_to_date():
    assert quiz.stale_files() == [], "run `python -m seqlab.quiz build`"


def test_mastery_per_checklist_item_from_the_gradebook(tmp_path):
    from nbgrader.api import Gradebook
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    quiz.mastery(db)                                     # creates the database (alembic on PATH)
    cells = {"test_answer_bptt_what": 2, "test_answer_rnn_shared_weights": 1, "answer_lstm_explain": 3,
             "prompt_lstm_explain": 0, "test_answer_lstm_output_gate": 2}
    scores = {"ada": {"test_answer_bptt_what": 2, "test_answer_rnn_shared_weights": 0, "answer_lstm_explain": None,
                      "test_answer_lstm_output_gate": 2},
              "ben": {"test_answer_bptt_what": 0, "test_answer_rnn_shared_weights": 1, "answer_lstm_explain": 2,
                      "test_answer_lstm_output_gate": 0}}
    with Gradebook(db) as gb:
        gb.add_assignment("quiz_review")
        gb.update_or_create_notebook("quiz_review", "quiz_review")
        for name, points in cells.items():
            if name.startswith("prompt_"):
                gb.update_or_create_task_cell(name, "quiz_review", "quiz_review", max_score=points, cell_type="markdown")
            else:
                gb.add_grade_cell(name, "quiz_review", "quiz_review", max_score=points,
                                  cell_type="markdown" if name == "answer_lstm_explain" else "code")
        for student, given in scores.items():
            gb.add_student(student)
            gb.add_submission("quiz_review", student)
            for name, score in given.items():
                g = gb.find_grade(name, "quiz_review", "quiz_review", student)
                if score is not None:
                    if name.startswith("answer_"):
                        g.manual_score = score
                    else:
                        g.auto_score = score
                    g.needs_manual_grade = False
            gb.db.commit()
    rows = {(r["student"], r["item"]): r for r in quiz.mastery(db)}
    assert (rows["ada", "rnn_bptt"]["earned"], rows["ada", "rnn_bptt"]["possible"]) == (2, 3)
    assert (rows["ada", "lstm_gates"]["earned"], rows["ada", "lstm_gates"]["possible"], rows["ada", "lstm_gates"]["ungraded"]) == (2, 2, 1)
    assert (rows["ben", "lstm_gates"]["earned"], rows["ben", "lstm_gates"]["possible"]) == (2, 5)
    summary = quiz.class_summary(list(rows.values()))
    assert summary["rnn_bptt"] == (pytest.approx((2 / 3 + 1 / 3) / 2), 2)


def test_grade_ids_map_back_to_questions():
    for q in QUESTIONS:
        cell = f"answer_{q.id}" if q.kind == "text" else f"test_answer_{q.id}"
        assert quiz.question_of_cell(cell) == q.id
    assert quiz.question_of_cell("prompt_lstm_explain") is None
    assert re.fullmatch(r"[a-z0-9_]+", "".join(q.id for q in QUESTIONS))
