"""Mastery per learning-checklist item: every quiz cell's points, summed per item and student.

The one computation behind ``python -m seqlab.quiz mastery`` and the class report's picture.
"""
import os
import sys
from pathlib import Path

from .model import load_bank, quizzes

def question_of_cell(grade_id):
    """The question id a gradebook cell belongs to: ``test_answer_<id>`` or ``answer_<id>`` (written)."""
    for prefix in ("test_answer_", "answer_"):
        if grade_id.startswith(prefix):
            return grade_id[len(prefix):]
    return None


def mastery(db_url, course=None):
    """Rows ``{student, quiz, item, label_en, label_ko, earned, possible, ungraded}`` per student and item.

    Read from nbgrader's gradebook: every quiz cell's score (the autograded test cells and the
    hand-graded written answers), summed per checklist item. ``ungraded`` counts cells nbgrader
    still flags "needs manual grade" (written answers not yet graded); their points are not in
    ``possible`` until a grader has scored them.
    """
    from nbgrader.api import Gradebook

    bindir = str(Path(sys.executable).parent)       # nbgrader's Gradebook shells out to `alembic`
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    items, questions = load_bank(course)
    by_id = {q.id: q for q in questions}
    totals = {}
    with Gradebook(db_url) as gb:
        for quiz in quizzes(questions):
            for sub in gb.assignment_submissions(quiz):
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        q = by_id.get(question_of_cell(grade.name) or "")
                        if q is None or not grade.max_score:
                            continue
                        row = totals.setdefault((sub.student.id, q.item), {"earned": 0.0, "possible": 0.0, "ungraded": 0})
                        if grade.needs_manual_grade:
                            row["ungraded"] += 1
                            continue
                        row["earned"] += float(grade.score or 0.0)
                        row["possible"] += float(grade.max_score)
    rows = []
    for (student, key), t in sorted(totals.items()):
        item = items[key]
        rows.append({"student": student, "quiz": item.quiz, "item": key, "label_en": item.label.en,
                     "label_ko": item.label.ko, "earned": round(t["earned"], 4), "possible": t["possible"],
                     "ungraded": t["ungraded"]})
    return rows


def class_summary(rows):
    """{item: (mean fraction of points earned over students with graded points, students)}."""
    out = {}
    for r in rows:
        if r["possible"]:
            out.setdefault(r["item"], []).append(r["earned"] / r["possible"])
    return {k: (sum(v) / len(v), len(v)) for k, v in out.items()}
