"""Hidden checks of the quizzes: one check per auto-graded question of ``solutions/quiz_bank.py``.

Each check reads the value the student's cells bound to ``answer_<id>`` (``impl.value``) and
judges it with the rules the notebook's self-check uses (``seqlab.quiz.grader_verdict``), against
the key kept in the bank. A wrong answer fails with the instructor's explanation of why that
choice is wrong (after grading, the feedback may teach the right idea); an answer of the wrong
form fails with what was expected, named ``answer_wrong_type`` (``answer_unanswered`` for None,
``answer_missing`` when the name is not defined). Each check is its own test, so a bad answer
costs that question only. Written questions are graded by hand in formgrader: no check here.
"""
import pytest

from seqlab.grading.checklib import CheckFailed, check, fail
from seqlab.grading.student import StudentCodeError
from seqlab.i18n import Text
from seqlab.quiz import bank_of, grader_verdict, numbering
from solutions import quiz_bank

ITEMS, QUESTIONS = bank_of(quiz_bank)
NUMBER = numbering(QUESTIONS)


def question_param(q):
    label = ITEMS[q.item].label
    title = f"Q{NUMBER[q.id]} ({q.id}) · "
    return pytest.param(q, id=q.id, marks=check(f"answer_{q.id}", title + label.en, title + label.ko))


@pytest.mark.parametrize("question", [question_param(q) for q in QUESTIONS if q.kind != "text"])
def test_answer(question, impl):
    name = f"answer_{question.id}"
    try:
        value = impl.value(name)
    except StudentCodeError as err:
        if err.kind == "missing":
            fail(f"{name} is not defined: its answer cell was deleted or renamed, or did not run to that line. "
                 "This question scores 0.",
                 f"{name}이(가) 정의되어 있지 않습니다: 답 셀이 지워졌거나 이름이 바뀌었거나, 그 줄까지 실행되지 "
                 "않았습니다. 이 문제는 0점입니다.", diagnosis="answer_missing")
        if err.kind == "bad_return":
            fail(f"{name} holds a value the grader cannot read ({err.message}). Write a plain value: a letter in "
                 "quotes, a list of letters, True/False, a number or a tuple. This question scores 0.",
                 f"{name}에 채점기가 읽을 수 없는 값이 있습니다 ({err.message}). 따옴표 안의 글자, 글자의 리스트, "
                 "True/False, 숫자, 튜플 같은 평범한 값을 쓰세요. 이 문제는 0점입니다.", diagnosis="answer_wrong_type")
        raise
    passed, message, diagnosis = grader_verdict(question.spec(), value)
    if not passed:
        raise CheckFailed(message, diagnosis)
