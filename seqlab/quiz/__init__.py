"""Self-check quizzes, one concern per module:

* :mod:`.rules` — how an answer is read, judged and explained (the same code runs in the
  student's notebook and in the grader);
* :mod:`.model` — checklist items, questions and the bank's consistency checks;
* :mod:`.build` — the quiz notebooks and their ``selfcheck.py``, generated from the bank;
* :mod:`.mastery` — points per learning-checklist item, from nbgrader's gradebook.

How a quiz question is graded (the same machinery as the assignments, no second grader): the
student binds a plain Python value to ``answer_<id>`` in a solution cell (SPEC); the test cell
below runs ``check_answer("<id>", answer_<id>)`` in the notebook — for a *practice* question it
says right or wrong and explains (its key ships in the released ``selfcheck.py``), for a *graded*
one it only checks the form. At autograde, ``grade("answer_<id>")`` in the cell's hidden region
makes ``RunHiddenChecks`` run the check ``answer_<id>`` of the course's quiz checks, which read
the value with ``impl.value("answer_<id>")`` and judge it with :func:`grader_verdict`. Written
questions are nbgrader "manually graded answer" cells whose model answer and rubric sit in a mark
scheme, removed at release and shown to graders in formgrader.
"""
from .build import build, literal, stale_files
from .mastery import class_summary, mastery, question_of_cell
from .model import (KINDS, BankError, Item, Near, O, Option, Question, bank_of, bank_problems, load_bank, numbering,
                    quiz_texts, quizzes, sections)
from .rules import AnswerFormError, grader_verdict, judge, notebook_message, read_answer, shown_answer

__all__ = ["AnswerFormError", "BankError", "Item", "KINDS", "Near", "O", "Option", "Question", "bank_of", "bank_problems",
           "build", "class_summary", "literal", "grader_verdict", "judge", "load_bank", "mastery", "notebook_message",
           "numbering", "question_of_cell", "quiz_texts", "quizzes", "read_answer", "sections", "shown_answer",
           "stale_files"]
