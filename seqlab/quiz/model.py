"""The question model of the quizzes: checklist items, questions, options, and the bank's checks.

A course's bank (``c.Course.quiz_bank``) is a module with ``ITEMS`` (the learning checklist) and
``QUESTIONS``, written with the constructors here.
"""
import re
from dataclasses import dataclass, field, replace

from ..i18n import Text
from .rules import AnswerFormError, judge, read_answer

KINDS = ("single", "multi", "truefalse", "numeric", "shape", "text")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Item:
    """A learning-checklist item: a stable key, its label, its group and the quiz that covers it."""
    key: str
    label: Text
    group: Text
    quiz: str


@dataclass(frozen=True)
class Option:
    text: Text
    why: Text            # why this option is right, or why it is wrong


def O(en, ko, why_en, why_ko):           # noqa: N802 - short constructor for the bank
    return Option(Text(en, ko), Text(why_en, why_ko))


@dataclass(frozen=True)
class Near:
    """A common wrong numeric or shape answer and what it means."""
    value: object
    why: Text
    code: str


@dataclass(frozen=True)
class Question:
    id: str
    item: str
    kind: str
    prompt: Text
    key: object = None
    options: tuple = ()
    explanation: Text = None
    graded: bool = False                # True: key stays in solutions/; False: practice, key ships
    points: float = None                # default: practice 1, graded 2, written 3
    tolerance: float = 1e-9
    near: tuple = ()
    length: int = None                  # shapes: number of dimensions (defaults to len(key))
    model_answer: Text = None           # written questions
    rubric: tuple = ()                  # written questions: ((points, Text), ...)
    quiz: str = field(default=None, compare=False)

    @property
    def letters(self):
        return "ABCDEFGH"[:len(self.options)]

    @property
    def max_points(self):
        if self.points is not None:
            return float(self.points)
        return 3.0 if self.kind == "text" else 2.0 if self.graded else 1.0

    @property
    def status(self):
        return "written" if self.kind == "text" else "graded" if self.graded else "practice"

    def form(self):
        """The spec of the answer's form only: what a graded question ships."""
        spec = {"id": self.id, "kind": self.kind}
        if self.kind in ("single", "multi"):
            spec["letters"] = self.letters
        if self.kind == "shape":
            spec["length"] = self.length or len(self.key)
        return spec

    def spec(self):
        """The full spec: form, key and every explanation (practice questions ship this)."""
        spec = self.form()
        spec["key"] = tuple(sorted(self.key)) if self.kind == "multi" else self.key
        if self.kind == "numeric":
            spec["tolerance"] = float(self.tolerance)
        if self.kind in ("single", "multi"):
            spec["why"] = {letter: o.why for letter, o in zip(self.letters, self.options)}
        if self.near:
            spec["near"] = [[n.value, n.why, n.code] for n in self.near]
        spec["explanation"] = self.explanation
        return spec


class BankError(ValueError):
    """A question bank that cannot be built: every problem found, one per line."""


def load_bank(course=None):
    """(items {key: Item}, questions [Question]) from the course's bank (``c.Course.quiz_bank``),
    each question tagged with its quiz. A course without a bank has neither: ({}, [])."""
    from ..course import Course
    course = course if course is not None else Course()
    if not course.quiz_bank or not course.path(course.quiz_bank).is_file():
        return {}, []
    return bank_of(course.import_path(course.quiz_bank))


def bank_of(module):
    """(items {key: Item}, questions [Question]) of a bank module (``ITEMS``, ``QUESTIONS``)."""
    items = {i.key: i for i in module.ITEMS}
    return items, [_with_quiz(q, items) for q in module.QUESTIONS]


def quiz_texts(course=None):
    """{quiz: (title, introduction)} from the bank's ``QUIZZES`` (each a Text)."""
    from ..course import Course
    course = course if course is not None else Course()
    if not course.quiz_bank or not course.path(course.quiz_bank).is_file():
        return {}
    return dict(getattr(course.import_path(course.quiz_bank), "QUIZZES", {}))


def _with_quiz(q, items):
    item = items.get(q.item)
    return replace(q, quiz=item.quiz if item else None)


def bank_problems(items, questions, min_per_item=2):
    """Every problem of the bank (empty when it can be built)."""
    problems, seen = [], set()
    for q in questions:
        where = f"question {q.id!r}"
        if not ID_PATTERN.match(q.id):
            problems.append(f"{where}: id must be snake_case")
        if q.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(q.id)
        if q.item not in items:
            problems.append(f"{where}: unknown checklist item {q.item!r}")
        if q.kind not in KINDS:
            problems.append(f"{where}: unknown kind {q.kind!r}")
            continue
        if not (q.prompt.en.strip() and q.prompt.ko.strip()):
            problems.append(f"{where}: the prompt needs English and Korean")
        if q.kind == "text":
            if not (q.model_answer and q.model_answer.en and q.model_answer.ko):
                problems.append(f"{where}: a written question needs a model answer in both languages")
            if not q.rubric or abs(sum(p for p, _ in q.rubric) - q.max_points) > 1e-9:
                problems.append(f"{where}: the rubric's points must add up to the question's points")
            continue
        if q.kind in ("single", "multi"):
            if len(q.options) < 2:
                problems.append(f"{where}: needs at least two options")
            for o in q.options:
                if not all((o.text.en, o.text.ko, o.why.en, o.why.ko)):
                    problems.append(f"{where}: every option needs its text and its why, in both languages")
        elif not (q.explanation and q.explanation.en and q.explanation.ko):
            problems.append(f"{where}: needs an explanation in both languages")
        try:
            canonical = read_answer(q.form(), list(q.key) if q.kind == "multi" else q.key)
        except AnswerFormError as err:
            problems.append(f"{where}: the key {q.key!r} is not a valid answer: {err.text.en}")
            continue
        if q.kind == "single" and canonical != q.key:
            problems.append(f"{where}: write the key as one capital letter")
        if q.kind == "multi" and canonical != tuple(sorted(q.key)):
            problems.append(f"{where}: the key repeats letters")
        if q.kind == "shape" and (not isinstance(q.key, tuple) or canonical != q.key):
            problems.append(f"{where}: a shape key is a tuple of ints")
        for n in q.near:
            try:
                value = read_answer(q.form(), n.value)
            except AnswerFormError:
                problems.append(f"{where}: near miss {n.value!r} is not a valid answer")
                continue
            if judge(q.spec(), value)["right"]:
                problems.append(f"{where}: near miss {n.value!r} counts as right")
    for key, item in items.items():
        count = sum(q.item == key for q in questions)
        if count < min_per_item:
            problems.append(f"checklist item {key!r} has {count} question(s); it needs at least {min_per_item}")
    return problems


def quizzes(questions):
    """Quiz names, in the order their first question appears in the bank."""
    return list(dict.fromkeys(q.quiz for q in questions))


def sections(quiz, questions):
    """``[(item key, [questions])]`` of ``quiz``, in the order the notebook shows them."""
    mine = [q for q in questions if q.quiz == quiz]
    return [(key, [q for q in mine if q.item == key]) for key in dict.fromkeys(q.item for q in mine)]


def numbering(questions):
    """``{question id: n}``: the number a question has in its notebook (Q1, Q2, …)."""
    out = {}
    for quiz in quizzes(questions):
        in_order = [q for _, qs in sections(quiz, questions) for q in qs]
        out.update({q.id: n for n, q in enumerate(in_order, start=1)})
    return out
