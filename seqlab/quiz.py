"""Self-check quizzes: the question model, the answer rules, the notebook builder, a mastery report.

The single source is the instructor's question bank, ``solutions/quiz_bank.py``. From it::

    python -m seqlab.quiz build      # write source/<quiz>/<quiz>.ipynb, selfcheck.py, seqlab_selfcheck.py
    python -m seqlab.quiz check      # exit 1 if source/<quiz>/ is not what `build` makes
    python -m seqlab.quiz mastery    # per student and checklist item, from nbgrader's gradebook.db

How a quiz question is graded (the same machinery as the assignments, no second grader):

* The student binds a plain Python value to ``answer_<id>`` in a solution cell (SPEC).
* The test cell below it runs ``check_answer("<id>", answer_<id>)`` in the notebook: for a
  *practice* question it says right or wrong and explains (its key ships in the released
  ``selfcheck.py``, and the notebook says so); for a *graded* question it only checks the form
  of the answer ("one letter among A–D") because the key stays here, with the instructor.
* At autograde, ``grade("answer_<id>")`` in the cell's hidden region makes ``RunHiddenChecks``
  run the check ``answer_<id>`` of ``tests/checks/test_quizzes.py``: it reads the value with
  ``impl.value("answer_<id>")`` and judges it with :func:`grader_verdict`, the same rules as
  the notebook's self-check (the portable part below is copied verbatim into ``selfcheck.py``).
* Written (free-text) questions are nbgrader "manually graded answer" cells; their model answer
  and rubric sit in a ``=== BEGIN MARK SCHEME ===`` region of the prompt, an nbgrader task cell:
  nbgrader removes the region at release and restores it in the autograded notebook, where the
  formgrader shows it to the grader.
"""
import argparse
import csv
import filecmp
import importlib
import os
import pprint
import re
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .i18n import Text

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("single", "multi", "truefalse", "numeric", "shape", "text")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


# ---- portable: begin ------------------------------------------------------------------------
# Everything between the "portable" markers is copied verbatim into every quiz's selfcheck.py,
# so the notebook's self-check and the grader apply exactly the same rules. Builtins only: no
# imports, and NumPy values are recognised by duck typing. Messages are (en, ko) pairs.
# A "spec" is a plain dict: {"id", "kind", "letters" (choices) or "length" (shapes)} says the
# form of an answer; a practice spec adds "key", "tolerance", "why", "near", "explanation".

class AnswerFormError(ValueError):
    """An answer of the wrong form: an (en, ko) message and a diagnosis name."""

    def __init__(self, en, ko, code="answer_wrong_type"):
        super().__init__(en)
        self.en, self.ko, self.code = en, ko, code


def _plain(value):
    """A NumPy scalar, or an array of one element, as the Python number or bool it holds.

    (One element, not only 0-d: the grader's wire format delivers a NumPy scalar as a
    one-element array.) Anything else is returned as it is.
    """
    if hasattr(value, "tolist") and getattr(value, "shape", None) in ((), (1,)):
        value = value.tolist()
        return value[0] if isinstance(value, list) else value
    return value


def _shown(value):
    """A short description of a value for messages: its repr and its type."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def _span(form):
    letters = form["letters"]
    return f'"{letters[0]}"–"{letters[-1]}"'


def answer_form(form):
    """(en, ko): what an answer to this question looks like."""
    kind = form["kind"]
    if kind == "single":
        return (f"one letter among {_span(form)}, in quotes",
                f"{_span(form)} 중 한 글자 (따옴표 안에)")
    if kind == "multi":
        return (f"a list of the letters of every right option among {_span(form)} (one or more, any order)",
                f"{_span(form)} 중 맞는 보기의 글자를 모두 담은 리스트 (하나 이상, 순서 무관)")
    if kind == "truefalse":
        return "True or False, without quotes", "따옴표 없이 True 또는 False"
    if kind == "numeric":
        return "a number, without quotes", "따옴표 없는 숫자"
    if kind == "shape":
        dots = ", ".join(["…"] * form["length"])
        return (f"a tuple of {form['length']} whole numbers in parentheses, like ({dots})",
                f"괄호로 쓴 정수 {form['length']}개짜리 튜플, 예: ({dots})")
    return "an answer", "답"


def read_answer(form, value):
    """The answer in canonical form, or :class:`AnswerFormError` saying what is wrong with it.

    Canonical forms: single → "B"; multi → ("A", "C") (sorted, no repeats); truefalse → bool;
    numeric → float; shape → tuple of ints.
    """
    kind = form["kind"]
    want_en, want_ko = answer_form(form)
    value = _plain(value)

    def bad(en, ko):
        raise AnswerFormError(f"{en} Expected {want_en}.", f"{ko} 필요한 형태: {want_ko}.")

    if value is None:
        raise AnswerFormError(f"Not answered yet: the answer is still None. Expected {want_en}.",
                              f"아직 답하지 않았습니다: 답이 아직 None입니다. 필요한 형태: {want_ko}.",
                              "answer_unanswered")
    if kind == "single":
        if isinstance(value, (list, tuple, set, frozenset)):
            bad(f"This question has exactly one right option, so give one letter, not a {type(value).__name__}.",
                f"이 문제는 맞는 보기가 하나뿐이므로 {type(value).__name__}이(가) 아니라 글자 하나로 답하세요.")
        if not isinstance(value, str):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        letter = value.strip().strip("().").strip().upper()
        if len(letter) > 1 and all(ch in form["letters"] for ch in letter.replace(",", "").replace(" ", "")):
            bad(f"Got {value!r}: choose exactly one option.", f"받은 값 {value!r}: 보기를 하나만 고르세요.")
        if len(letter) != 1 or letter not in form["letters"]:
            bad(f"Got {value!r}, which is not one of the options.", f"받은 값 {value!r}은(는) 보기 중 하나가 아닙니다.")
        return letter
    if kind == "multi":
        if isinstance(value, str):
            bad(f'Got the text {value!r}: put each letter in a list, e.g. ["A", "C"] (a string is one value).',
                f'받은 값은 문자열 {value!r}입니다: 글자를 하나씩 리스트에 담으세요, 예: ["A", "C"] (문자열은 값 하나입니다).')
        if not isinstance(value, (list, tuple, set, frozenset)):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        letters = []
        for item in value:
            item = _plain(item)
            letter = item.strip().upper() if isinstance(item, str) else None
            if letter is None or len(letter) != 1 or letter not in form["letters"]:
                bad(f"{_shown(item)} in your list is not one of the option letters.",
                    f"리스트의 {_shown(item)}은(는) 보기 글자가 아닙니다.")
            letters.append(letter)
        if not letters:
            bad("The list is empty: choose at least one option.", "리스트가 비어 있습니다: 보기를 하나 이상 고르세요.")
        return tuple(sorted(set(letters)))
    if kind == "truefalse":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "t", "f"):
            bad(f"Got the text {value!r}: write True or False without quotes (in quotes it is text, not a truth value).",
                f"받은 값은 문자열 {value!r}입니다: 따옴표 없이 True 또는 False로 쓰세요 (따옴표 안은 참/거짓이 아니라 문자열입니다).")
        if isinstance(value, (int, float)) and value in (0, 1):
            bad(f"Got {value!r}: write True or False, not 1 or 0.", f"받은 값 {value!r}: 1이나 0이 아니라 True 또는 False로 쓰세요.")
        bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
    if kind == "numeric":
        if isinstance(value, bool):
            bad(f"Got {value!r}, a truth value.", f"받은 값 {value!r}은(는) 참/거짓 값입니다.")
        if isinstance(value, str):
            bad(f"Got the text {value!r}: write the number itself, without quotes.",
                f"받은 값은 문자열 {value!r}입니다: 따옴표 없이 숫자 자체를 쓰세요.")
        if not isinstance(value, (int, float)):
            bad(f"Got {_shown(value)}, not a single number.", f"받은 값 {_shown(value)}은(는) 숫자 하나가 아닙니다.")
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            bad(f"Got {value!r}: a finite number is needed.", f"받은 값 {value!r}: 유한한 숫자가 필요합니다.")
        return value
    if kind == "shape":
        if isinstance(value, list):
            bad(f"Got the list {value!r}: a shape is a tuple, written in parentheses, not square brackets.",
                f"받은 값은 리스트 {value!r}입니다: shape은 대괄호가 아니라 괄호로 쓰는 튜플입니다.")
        if not isinstance(value, tuple):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        if len(value) != form["length"]:
            bad(f"Got a tuple of {len(value)} numbers.", f"받은 값은 숫자 {len(value)}개짜리 튜플입니다.")
        dims = []
        for d in value:
            d = _plain(d)
            if (isinstance(d, bool) or not isinstance(d, (int, float))
                    or (isinstance(d, float) and not d.is_integer()) or d < 0):
                bad(f"{_shown(d)} in your tuple is not a whole number ≥ 0.",
                    f"튜플의 {_shown(d)}은(는) 0 이상의 정수가 아닙니다.")
            dims.append(int(d))
        return tuple(dims)
    raise AnswerFormError(f"Unknown question kind {kind!r}.", f"알 수 없는 문제 종류 {kind!r}.", "quiz_error")


def shown_answer(answer):
    """A canonical answer as the student would write it."""
    if isinstance(answer, str):
        return f'"{answer}"'
    if isinstance(answer, tuple) and answer and isinstance(answer[0], str):
        return "[" + ", ".join(f'"{a}"' for a in answer) + "]"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return repr(answer)


def judge(spec, answer):
    """Compare a canonical answer with the key of ``spec``.

    Returns ``{"right", "reasons", "missed", "code"}``: ``reasons`` are (en, ko) pairs saying why
    the chosen answer is wrong (or why it is right); ``missed`` (multiple select) why each
    option left out belongs; ``code`` names a recognised mistake (a near miss), if any.
    """
    kind, key = spec["kind"], spec["key"]
    verdict = {"right": False, "reasons": [], "missed": [], "code": None}
    if kind == "single":
        verdict["right"] = answer == key
        why = spec["why"][answer]
        verdict["reasons"] = [(f"{answer}: {why[0]}", f"{answer}: {why[1]}")]
    elif kind == "multi":
        key = tuple(sorted(key))
        verdict["right"] = answer == key
        if verdict["right"]:
            verdict["reasons"] = [(f"{a}: {spec['why'][a][0]}", f"{a}: {spec['why'][a][1]}") for a in key]
        else:
            verdict["reasons"] = [(f"You chose {a}, which does not belong: {spec['why'][a][0]}",
                                   f"{a}를 골랐지만 맞는 보기가 아닙니다: {spec['why'][a][1]}")
                                  for a in answer if a not in key]
            verdict["missed"] = [(f"You left out {a}. {spec['why'][a][0]}", f"{a}를 빠뜨렸습니다. {spec['why'][a][1]}")
                                 for a in key if a not in answer]
    elif kind == "truefalse":
        verdict["right"] = answer is key
    elif kind == "numeric":
        verdict["right"] = abs(answer - key) <= spec["tolerance"]
    elif kind == "shape":
        verdict["right"] = answer == tuple(key)
    if not verdict["right"] and kind in ("numeric", "shape"):
        verdict["reasons"] = [("This is not what the lecture's formula gives here.",
                               "이 경우 강의의 수식으로 나오는 값이 아닙니다.") if kind == "numeric" else
                              ("This is not the shape these sizes give.", "이 크기들로 나오는 shape이 아닙니다.")]
        for value, en, ko, code in spec.get("near", ()):
            hit = (abs(answer - value) <= spec["tolerance"]) if kind == "numeric" else answer == tuple(value)
            if hit:
                verdict["reasons"], verdict["code"] = [(en, ko)], code
                break
    return verdict


def _join(parts, lang):
    return " ".join(p[1] if lang == "ko" else p[0] for p in parts if p)


def notebook_message(spec, value, lang="en"):
    """What ``check_answer`` prints in the notebook: one line of verdict, then the explanation."""
    ko = lang == "ko"
    qid = spec["id"]
    try:
        answer = read_answer(spec, value)
    except AnswerFormError as err:
        mark = "…" if err.code == "answer_unanswered" else "✗"
        hint = (" 위의 None을 여러분의 답으로 바꾸고 이 셀을 다시 실행하세요." if ko else
                " Replace None above with your answer and run this cell again.") if err.code == "answer_unanswered" else ""
        return f"{mark} `{qid}`: {err.ko if ko else err.en}{hint}"
    if "key" not in spec:
        if ko:
            return (f"✓ `{qid}`: 답 {shown_answer(answer)}의 형태가 올바릅니다. 이 문제는 자동 채점 때 채점됩니다: "
                    "맞았는지와 그 이유는 채점 후 피드백에서 볼 수 있습니다.")
        return (f"✓ `{qid}`: your answer {shown_answer(answer)} has the right form. This question is graded when "
                "your notebook is autograded: whether it is right, and why, comes with your feedback.")
    verdict = judge(spec, answer)
    if verdict["right"]:
        parts = verdict["reasons"] + [spec.get("explanation")]
        return f"✓ `{qid}`: {'정답입니다.' if ko else 'right.'} " + _join(parts, lang)
    parts = list(verdict["reasons"])
    if spec["kind"] == "truefalse":        # with two choices, why it is wrong is the explanation itself
        parts.append(spec.get("explanation"))
    if verdict["missed"]:
        n = len(verdict["missed"])
        parts.append((f"You also left out {n} option(s) that belong.", f"맞는 보기 {n}개를 빠뜨렸습니다."))
    parts.append(("Think again, change your answer and run this cell again.",
                  "다시 생각해 보고 답을 고친 뒤 이 셀을 다시 실행하세요."))
    return f"✗ `{qid}`: {'아직 아닙니다.' if ko else 'not quite.'} " + _join(parts, lang)


def grader_verdict(spec, value):
    """The grader's verdict: ``(passed, en, ko, diagnosis)``; the message teaches after grading."""
    try:
        answer = read_answer(spec, value)
    except AnswerFormError as err:
        return False, err.en + " This question scores 0.", err.ko + " 이 문제는 0점입니다.", err.code
    verdict = judge(spec, answer)
    if verdict["right"]:
        return True, "", "", None
    parts = [(f"Your answer: {shown_answer(answer)}.", f"여러분의 답: {shown_answer(answer)}.")]
    parts += verdict["reasons"] + verdict["missed"] + [spec.get("explanation")]
    return False, _join(parts, "en"), _join(parts, "ko"), verdict["code"]

# ---- portable: end --------------------------------------------------------------------------


# =============================================================================== question model
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
            spec["why"] = {letter: [o.why.en, o.why.ko] for letter, o in zip(self.letters, self.options)}
        if self.near:
            spec["near"] = [[n.value, n.why.en, n.why.ko, n.code] for n in self.near]
        spec["explanation"] = [self.explanation.en, self.explanation.ko] if self.explanation else None
        return spec


class BankError(ValueError):
    """A question bank that cannot be built: every problem found, one per line."""


def load_bank(module="solutions.quiz_bank"):
    """(items {key: Item}, questions [Question]) from the bank, each question tagged with its quiz."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    bank = importlib.import_module(module)
    items = {i.key: i for i in bank.ITEMS}
    questions = [_with_quiz(q, items) for q in bank.QUESTIONS]
    return items, questions


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
            problems.append(f"{where}: the key {q.key!r} is not a valid answer: {err.en}")
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


# =============================================================================== notebook text
KIND_LABEL = {"single": ("single choice", "단일 선택"), "multi": ("multiple select", "복수 선택"),
              "truefalse": ("true or false", "참/거짓"), "numeric": ("number", "숫자"),
              "shape": ("shape", "shape"), "text": ("written answer", "서술형")}


def _points(p, lang):
    p = f"{p:g}"
    return f"{p}점" if lang == "ko" else f"{p} point" + ("" if p == "1" else "s")


def badge(q, lang):
    kind = KIND_LABEL[q.kind][lang == "ko"]
    pts = _points(q.max_points, lang)
    if q.status == "practice":
        return f"🟢 {'연습' if lang == 'ko' else 'practice'} · {kind} · {pts}"
    if q.status == "graded":
        return f"🔒 {'채점' if lang == 'ko' else 'graded'} · {kind} · {pts}"
    return f"✎ {'서술형, 손으로 채점' if lang == 'ko' else 'written, graded by hand'} · {pts}"


def prompt_markdown(q, number, lang):
    text = q.prompt.pick(lang)
    lines = [f"**Q{number}** · `{q.id}` · {badge(q, lang)}", "", text.strip()]
    if q.options:
        lines.append("")
        lines += [f"- **{letter}.** {o.text.pick(lang)}" for letter, o in zip(q.letters, q.options)]
    lines.append("")
    if q.kind == "text":
        lines.append("*아래 셀에 몇 문장으로 답하세요.*" if lang == "ko" else "*Write your answer in the cell below, in a few sentences.*")
        lines += ["", "=== BEGIN MARK SCHEME ===", ""]
        lines.append(("**모범 답안.** " if lang == "ko" else "**Model answer.** ") + q.model_answer.pick(lang).strip())
        lines += ["", f"**{'채점 기준' if lang == 'ko' else 'Rubric'} ({_points(q.max_points, lang)})**"]
        lines += [f"- {_points(p, lang)}: {t.pick(lang)}" for p, t in q.rubric]
        lines += ["", "=== END MARK SCHEME ==="]
    else:
        form = answer_form(q.form())[lang == "ko"]
        lines.append(f"*답의 형태: {form}.*" if lang == "ko" else f"*Answer: {form}.*")
    return "\n".join(lines)


def literal(value):
    """A key as a student would write it: strings in double quotes, lists, tuples, numbers, bools."""
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def answer_code(q):
    """The answer cell. The line ``answer_<id> = None`` stays in the release; nbgrader's stub
    (``raise NotImplementedError()``, ``ClearSolutions.code_stub``) replaces the solution region
    inside a try whose except lets an unanswered notebook run from top to bottom."""
    form_en, form_ko = answer_form(q.form())
    key = literal(list(q.key) if q.kind == "multi" else q.key)
    return "\n".join([
        "# [en]",
        f"# Your answer: {form_en}. Replace None below.",
        "# (The try/except lines are nbgrader's placeholder: an unanswered question does not stop the notebook.)",
        "# [/]",
        "# [ko]",
        f"# 답: {form_ko}. 아래의 None을 바꾸세요.",
        "# (try/except 줄은 nbgrader의 자리표시입니다: 답하지 않은 문제가 있어도 노트북은 끝까지 실행됩니다.)",
        "# [/]",
        f"answer_{q.id} = None",
        "try:",
        "    ### BEGIN SOLUTION",
        f"    answer_{q.id} = {key}",
        "    ### END SOLUTION",
        "except NotImplementedError:",
        "    pass",
    ])


def test_code(q):
    return (f'check_answer("{q.id}", answer_{q.id})\n'
            f'### BEGIN HIDDEN TESTS\ngrade("answer_{q.id}")\n### END HIDDEN TESTS')


SETS_CELL = """# [en]
# Read-only. An answer written as a set, e.g. {"A", "C"}, reaches the grader as a sorted list.
# [/]
# [ko]
# 읽기 전용. 집합으로 쓴 답(예: {"A", "C"})은 정렬된 리스트로 채점기에 전달됩니다.
# [/]
for _name in [n for n in list(globals()) if n.startswith("answer_")]:
    if isinstance(globals()[_name], (set, frozenset)):
        globals()[_name] = sorted(globals()[_name], key=str)"""

SETUP_CELL = '''import selfcheck
from selfcheck import check_answer, grade
selfcheck.LANG = "en"  # seqlab: release language'''

INTRO = {
    "en": """
# {title}

{about}

**How to answer.** Each question has a cell with a line `answer_<id> = None`: replace `None` by
your answer, a plain Python value, then run the cell below it, which runs
`check_answer("<id>", answer_<id>)`. The forms:

| question | answer looks like |
| --- | --- |
| single choice | one letter in quotes: `answer_example = "A"` |
| multiple select | a list of every right letter, any order: `answer_example = ["A", "C"]` |
| true or false | `answer_example = True` (no quotes) |
| number | `answer_example = 0.5` (no quotes) |
| shape | a tuple in parentheses: `answer_example = (2, 3)` |
| written | a few sentences in the markdown cell under the question |

An answer of the wrong form (a number in quotes, a list where a tuple is asked, …) gets a
message saying what is expected, never an error; at grading time it scores 0 for that
question only. Unanswered questions do not stop the notebook: *Run All* works at any time.

**Three kinds of question — what the self-check can and cannot tell you:**

- 🟢 **practice** ({practice} questions, 1 point each): the self-check tells you at once whether
  you are right and explains, and for a wrong choice, why it is wrong. To do that, their answer
  key and explanations are in `selfcheck.py`, next to this notebook, where anyone can read them.
  They also count at autograde, but reading the key only cheats you of the practice.
- 🔒 **graded** ({graded} questions, 2 points each): the answer key stays with the instructor.
  The self-check only checks the *form* of your answer (e.g. "one letter among A–D", "a tuple of
  two whole numbers"); whether it is right, and the explanation, arrive in your feedback after
  autograding.
- ✎ **written** ({written} questions{written_points}): graded by hand by the instructor, against a
  model answer and a rubric that are not in your copy.

Each section is one item of the learning checklist (the lecture's "학습 점검"; in the review quiz,
the recurrent half and the foundations), and your points are kept per item.
""",
    "ko": """
# {title}

{about}

**답하는 방법.** 문제마다 `answer_<id> = None` 줄이 있는 셀이 있습니다. `None`을 여러분의 답(평범한
파이썬 값)으로 바꾸고, 바로 아래 셀(`check_answer("<id>", answer_<id>)`)을 실행하세요. 답의 형태:

| 문제 | 답의 형태 |
| --- | --- |
| 단일 선택 | 따옴표 안의 글자 하나: `answer_example = "A"` |
| 복수 선택 | 맞는 글자를 모두 담은 리스트, 순서 무관: `answer_example = ["A", "C"]` |
| 참/거짓 | `answer_example = True` (따옴표 없이) |
| 숫자 | `answer_example = 0.5` (따옴표 없이) |
| shape | 괄호로 쓴 튜플: `answer_example = (2, 3)` |
| 서술형 | 문제 아래 마크다운 셀에 몇 문장 |

형태가 틀린 답(따옴표 안의 숫자, 튜플 대신 리스트 등)에는 오류 대신 어떤 형태가 필요한지 알려 주는
메시지가 나오고, 채점 때는 그 문제만 0점입니다. 답하지 않은 문제가 있어도 노트북은 멈추지 않습니다:
언제든 *Run All*을 해도 됩니다.

**세 종류의 문제 — 자가 점검이 알려 줄 수 있는 것과 없는 것:**

- 🟢 **연습** ({practice}문제, 각 1점): 자가 점검이 바로 맞았는지 알려 주고 설명하며, 틀린 보기를
  고르면 왜 틀렸는지 말해 줍니다. 그러려면 정답과 설명이 필요해서, 이 문제들의 정답과 설명은 노트북
  옆의 `selfcheck.py`에 들어 있고 누구나 읽을 수 있습니다. 자동 채점에도 반영되지만, 정답을 먼저 보면
  연습의 기회를 스스로 잃을 뿐입니다.
- 🔒 **채점** ({graded}문제, 각 2점): 정답은 강사에게만 있습니다. 자가 점검은 답의 *형태*만
  확인합니다 (예: "A–D 중 한 글자", "정수 2개짜리 튜플"). 맞았는지와 그 설명은 자동 채점 후 피드백으로
  받습니다.
- ✎ **서술형** ({written}문제{written_points}): 강사가 모범 답안과 채점 기준에 따라 직접 채점합니다.
  모범 답안과 채점 기준은 여러분의 노트북에는 없습니다.

각 절은 학습 점검 항목 하나입니다 (강의의 "학습 점검", 복습 퀴즈에서는 순환 신경망과 기초). 점수는 항목별로
기록됩니다.
""",
}

QUIZ_TEXT = {
    "quiz_review": Text(
        "Review quiz: recurrent networks and the foundations of attention",
        "복습 퀴즈: 순환 신경망과 어텐션의 기초"),
    "quiz_attention": Text(
        "Checklist quiz 1: attention (basic and intermediate)",
        "학습 점검 퀴즈 1: 어텐션 (기본·중급 개념)"),
    "quiz_transformer": Text(
        "Checklist quiz 2: the Transformer block, efficiency and the practice tasks",
        "학습 점검 퀴즈 2: Transformer 블록, 효율, 실습 과제"),
}
QUIZ_ABOUT = {
    "quiz_review": Text(
        "A review of the recurrent half of the course (the RNN recurrence and BPTT, vanishing and "
        "exploding gradients, the LSTM and GRU gates, seq2seq and teacher forcing), then the "
        "foundations the attention lecture leans on: shapes of matrix products, the dot product "
        "and cosine similarity, softmax, and the shape of Q Kᵀ.",
        "과정 앞부분(순환 신경망: RNN 점화식과 BPTT, 기울기 소실·폭발, LSTM과 GRU의 게이트, seq2seq와 "
        "teacher forcing)을 복습하고, 어텐션 강의가 기대는 기초(행렬곱의 shape, 내적과 코사인 유사도, "
        "softmax, Q Kᵀ의 shape)를 점검합니다."),
    "quiz_attention": Text(
        "The basic and intermediate items of the Transformer lecture's learning checklist: why "
        "attention, Query/Key/Value, the scaled dot-product formula, self- vs encoder–decoder "
        "attention, multi-head attention, positional encoding and residual connections.",
        "Transformer 강의 '학습 점검'의 기본·중급 항목: Attention이 필요한 이유, Query/Key/Value, "
        "Scaled Dot-Product 수식, Self-Attention과 인코더–디코더 Attention, Multi-Head Attention, "
        "Positional Encoding, Residual Connection."),
    "quiz_transformer": Text(
        "The advanced items and the practice tasks of the lecture's learning checklist: layer vs "
        "batch norm, pre- vs post-norm, reducing the O(n²) cost, reading attention weights, and "
        "the four lab experiments (attention patterns, no positional encoding, head counts, RNN "
        "vs Transformer as the sequence grows).",
        "강의 '학습 점검'의 고급 항목과 실습 과제: Layer Norm과 Batch Norm, Pre-Norm과 Post-Norm, "
        "O(n²) 복잡도 줄이기, Attention weights 해석, 그리고 네 가지 실습(Attention 패턴 관찰, "
        "Positional Encoding 없이 학습, Head 수 비교, 시퀀스 길이에 따른 RNN과 Transformer 비교)."),
}


def _meta(grade_id, **nbgrader):
    meta = {"grade": False, "solution": False, "locked": True, "grade_id": grade_id, "schema_version": 3}
    meta.update(nbgrader)
    return {"nbgrader": meta}


def build_notebook(quiz, items, questions):
    """The nbgrader source notebook of ``quiz``."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = []

    def md(grade_id, texts, **nbgrader):
        for lang in ("en", "ko"):
            meta = _meta(f"{grade_id}_{lang}", **nbgrader)
            meta["seqlab"] = {"lang": lang}
            cells.append(new_markdown_cell(texts[lang].strip("\n"), metadata=meta, id=f"{grade_id}_{lang}"))

    mine = [q for q in questions if q.quiz == quiz]
    counts = {s: sum(q.status == s for q in mine) for s in ("practice", "graded", "written")}
    written_points = {q.max_points for q in mine if q.kind == "text"}
    intro = {}
    for lang in ("en", "ko"):
        wp = ""
        if len(written_points) == 1:
            p = _points(next(iter(written_points)), lang)
            wp = f", 각 {p}" if lang == "ko" else f", {p} each"
        intro[lang] = INTRO[lang].format(title=QUIZ_TEXT[quiz].pick(lang), about=QUIZ_ABOUT[quiz].pick(lang),
                                         written_points=wp, **counts)
    md("md_intro", intro)
    cells.append(new_code_cell(SETUP_CELL, metadata=_meta("setup"), id="setup"))
    number = 0
    for section, (key, item_questions) in enumerate(sections(quiz, questions), start=1):
        item = items[key]
        md(f"md_item_{key}", {lang: f"## {section}. {item.label.pick(lang)}\n\n"
                                    f"*{item.group.pick(lang)}* · {'항목' if lang == 'ko' else 'item'} `{key}`"
                                    for lang in ("en", "ko")})
        for q in item_questions:
            number += 1
            texts = {lang: prompt_markdown(q, number, lang) for lang in ("en", "ko")}
            if q.kind == "text":
                md(f"prompt_{q.id}", texts, task=True, points=0)
                answer = ("### BEGIN SOLUTION\n[en]\n" + q.model_answer.en.strip() + "\n[ko]\n"
                          + q.model_answer.ko.strip() + "\n[/]\n### END SOLUTION")
                cells.append(new_markdown_cell(answer, id=f"answer_{q.id}", metadata=_meta(
                    f"answer_{q.id}", grade=True, solution=True, locked=False, points=q.max_points)))
                continue
            md(f"prompt_{q.id}", texts)
            cells.append(new_code_cell(answer_code(q), id=f"answer_{q.id}",
                                       metadata=_meta(f"answer_{q.id}", solution=True, locked=False)))
            cells.append(new_code_cell(test_code(q), id=f"test_answer_{q.id}",
                                       metadata=_meta(f"test_answer_{q.id}", grade=True, points=q.max_points)))
    if any(q.kind == "multi" for q in mine):
        meta = _meta("answers_as_lists")
        meta["tags"] = ["seqlab:provided"]
        cells.append(new_code_cell(SETS_CELL, metadata=meta, id="answers_as_lists"))
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}})
    return nb


# =============================================================================== selfcheck.py
SELFCHECK_HEAD = '''"""Self-check of the quiz {quiz}: what ``check_answer("<id>", answer_<id>)`` runs in the notebook.

Generated by ``python -m seqlab.quiz build`` from the instructor's question bank; do not edit.

This file is released to students, and it holds exactly this:

* PRACTICE questions ({n_practice}): the answer key and every explanation, readable by anyone.
  The self-check says right or wrong at once and explains.
* GRADED questions ({n_graded}): only the *form* of the answer ("one letter among A–D", "a tuple
  of two whole numbers"). Their key stays with the instructor; whether an answer is right, and
  why, arrives with the feedback after autograding.

The rules that read and judge an answer are the grader's own (copied from ``seqlab/quiz.py``).
``check_answer`` prints its verdict and never raises, so a notebook with unanswered questions
runs from top to bottom.
"""
from seqlab_selfcheck import grade  # noqa: F401  (marks hidden checks; does nothing here)

LANG = "en"          # set by the notebook's setup cell (chosen at release)

'''

SELFCHECK_TAIL = '''

def _show(text):
    """Show a verdict: as Markdown in Jupyter (the explanations use LaTeX), as plain text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
        if get_ipython() is not None:
            display(Markdown(text))
            return
    except ImportError:
        pass
    print(text)


def check_answer(question_id, value):
    """Show whether ``value`` answers question ``question_id`` (practice) or has the right form (graded)."""
    spec = PRACTICE.get(question_id) or GRADED.get(question_id)
    if spec is None:
        _show(f"✗ `{question_id}`: " + ("이 퀴즈에 없는 문제입니다." if LANG == "ko" else "no such question in this quiz."))
        return
    try:
        text = notebook_message(spec, value, LANG)
    except Exception as exc:  # a self-check must never end in a traceback
        text = f"✗ `{question_id}`: " + (f"답을 읽을 수 없습니다 ({type(exc).__name__})." if LANG == "ko"
                                         else f"the self-check could not read this answer ({type(exc).__name__}).")
    _show(text)
'''


def portable_source():
    text = Path(__file__).read_text(encoding="utf-8")
    start = text.index("# ---- portable: begin")
    end = text.index("# ---- portable: end")
    body = text[start:end]
    return body[body.index("\n") + 1:].rstrip() + "\n"


def build_selfcheck(quiz, questions):
    mine = [q for q in questions if q.quiz == quiz and q.kind != "text"]
    practice = {q.id: q.spec() for q in mine if not q.graded}
    graded = {q.id: q.form() for q in mine if q.graded}
    head = SELFCHECK_HEAD.format(quiz=quiz, n_practice=len(practice), n_graded=len(graded))
    data = ("\n\n# Practice questions: key and explanations (readable by anyone, on purpose).\n"
            f"PRACTICE = {pprint.pformat(practice, width=110, sort_dicts=False)}\n\n"
            "# Graded questions: the form of the answer only. The key is not in this file.\n"
            f"GRADED = {pprint.pformat(graded, width=110, sort_dicts=False)}\n")
    return head + "\n# ---- answer rules, as the grader applies them\n" + portable_source() + data + SELFCHECK_TAIL


# =============================================================================== build and check
def build(root=ROOT, bank="solutions.quiz_bank"):
    """Write every quiz's source folder under ``root``; returns the folders written."""
    import nbformat

    items, questions = load_bank(bank)
    problems = bank_problems(items, questions)
    if problems:
        raise BankError("the question bank has problems:\n  " + "\n  ".join(problems))
    written = []
    for quiz in quizzes(questions):
        folder = Path(root) / "source" / quiz
        folder.mkdir(parents=True, exist_ok=True)
        nb = build_notebook(quiz, items, questions)
        nbformat.validate(nb)
        (folder / f"{quiz}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        (folder / "selfcheck.py").write_text(build_selfcheck(quiz, questions), encoding="utf-8")
        link = folder / "seqlab_selfcheck.py"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(os.path.join("..", "..", "seqlab", "selfcheck.py"), link)
        written.append(folder)
    return written


def stale_files(root=ROOT, bank="solutions.quiz_bank"):
    """Files of ``root/source/<quiz>/`` that differ from what :func:`build` makes (empty: up to date)."""
    _, questions = load_bank(bank)
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in build(tmp, bank):
            here = Path(root) / "source" / folder.name
            for made in sorted(folder.iterdir()):
                have = here / made.name
                if made.is_symlink():
                    same = have.is_symlink() and os.readlink(have) == os.readlink(made)
                else:
                    same = have.is_file() and not have.is_symlink() and filecmp.cmp(made, have, shallow=False)
                if not same:
                    stale.append(str(have.relative_to(root)))
    return stale


# =============================================================================== mastery report
def question_of_cell(grade_id):
    """The question id a gradebook cell belongs to: ``test_answer_<id>`` or ``answer_<id>`` (written)."""
    for prefix in ("test_answer_", "answer_"):
        if grade_id.startswith(prefix):
            return grade_id[len(prefix):]
    return None


def mastery(db_url, bank="solutions.quiz_bank"):
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
    items, questions = load_bank(bank)
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m seqlab.quiz", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="generate source/<quiz>/ from solutions/quiz_bank.py")
    sub.add_parser("check", help="exit 1 if source/<quiz>/ is not what build makes")
    p = sub.add_parser("mastery", help="points per student and checklist item, from the gradebook")
    p.add_argument("--db", default=str(ROOT / "gradebook.db"), help="nbgrader gradebook (sqlite file)")
    p.add_argument("--csv", default=None, help="also write the rows to this CSV file")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            for folder in build():
                print(f"wrote {folder.relative_to(ROOT)}/")
            return 0
        if args.command == "check":
            stale = stale_files()
            for path in stale:
                print(f"stale: {path} (run `python -m seqlab.quiz build`)")
            return 1 if stale else 0
        rows = mastery(f"sqlite:///{Path(args.db).resolve()}")
        if args.csv:
            with open(args.csv, "w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["student"])
                writer.writeheader()
                writer.writerows(rows)
        items, _ = load_bank()
        summary = class_summary(rows)
        for key in (k for k in items if k in summary):        # checklist order
            mean, n = summary[key]
            print(f"{items[key].quiz:18} {key:26} {100 * mean:5.1f}%  ({n} students)  {items[key].label.en}")
        return 0
    except BankError as err:
        print(f"seqlab.quiz: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
