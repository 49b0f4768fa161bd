"""The quiz notebooks: built from the course's question bank, never edited by hand.

``python -m seqlab.quiz build`` writes ``source/<quiz>/<quiz>.ipynb`` and its ``selfcheck.py``
(the practice keys and the answer rules students run), ``check`` says which are stale.
"""
import os
import pprint
import tempfile
import filecmp
from pathlib import Path

from ..grading.notebook import PROVIDED_TAG
from ..sources import READ_ONLY, core_link
from .model import BankError, bank_problems, load_bank, numbering, quiz_texts, quizzes, sections
from .rules import answer_form

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
    else:
        form = answer_form(q.form()).pick(lang)
        lines.append(f"*답의 형태: {form}.*" if lang == "ko" else f"*Answer: {form}.*")
    return "\n".join(lines)


def mark_scheme(q):
    """A written question's model answer and rubric, in both languages, for graders (nbgrader
    removes the region at release; formgrader shows it beside the answer)."""
    lines = ["=== BEGIN MARK SCHEME ===", ""]
    for lang in ("en", "ko"):
        lines.append(("**모범 답안.** " if lang == "ko" else "**Model answer.** ") + q.model_answer.pick(lang).strip())
        lines += ["", f"**{'채점 기준' if lang == 'ko' else 'Rubric'} ({_points(q.max_points, lang)})**"]
        lines += [f"- {_points(p, lang)}: {t.pick(lang)}" for p, t in q.rubric]
        lines.append("")
    lines.append("=== END MARK SCHEME ===")
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
    """The answer cell: the form of the answer (a comment in each language), then the key in the
    solution region. Released, the region becomes the one line ``answer_<id> = None``
    (:class:`seqlab.preprocessors.answers.AnswerStubs`), which the student edits."""
    form = answer_form(q.form())
    key = literal(list(q.key) if q.kind == "multi" else q.key)
    return "\n".join([
        f"# [en]\n# Q{{n}}: {form.en}. Replace None.\n# [/]",
        f"# [ko]\n# Q{{n}}: {form.ko}. None을 바꾸세요.\n# [/]",
        "### BEGIN SOLUTION",
        f"answer_{q.id} = {key}",
        "### END SOLUTION",
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

SETUP_CELL = '''from selfcheck import check_answer, grade, use_language
use_language("en")  # seqlab: release language'''

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

Each section is one item of the lecture's learning checklist (in the review quiz, items of the
recurrent half and of the foundations), and your points are kept per item.
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

def _meta(grade_id, **nbgrader):
    meta = {"grade": False, "solution": False, "locked": True, "grade_id": grade_id, "schema_version": 3}
    meta.update(nbgrader)
    return {"nbgrader": meta}


def build_notebook(quiz, items, questions, title, about):
    """The nbgrader source notebook of ``quiz`` (``title`` and ``about``: :class:`~seqlab.i18n.Text`)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = []

    def md(grade_id, texts, **nbgrader):
        for lang in ("en", "ko"):
            # prose is not an nbgrader cell (the gradebook sees the same quiz in both languages);
            # a written question's prompt is, as the task cell holding its mark scheme
            meta = _meta(f"{grade_id}_{lang}", **nbgrader) if nbgrader else dict(READ_ONLY)
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
        intro[lang] = INTRO[lang].format(title=title.pick(lang), about=about.pick(lang),
                                         written_points=wp, **counts)
    md("md_intro", intro)
    cells.append(new_code_cell(SETUP_CELL, metadata=dict(READ_ONLY), id="setup"))
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
                md(f"prompt_{q.id}", texts)
                # the model answer and rubric: a locked cell, not an nbgrader task (a task would add a
                # 0-point box per student to formgrader's manual-grading queue); nbgrader removes the
                # mark scheme at release and from the feedback, and restores it for graders
                cells.append(new_markdown_cell(mark_scheme(q), id=f"mark_scheme_{q.id}", metadata=_meta(
                    f"mark_scheme_{q.id}")))
                answer = ("### BEGIN SOLUTION\n[en]\n" + q.model_answer.en.strip() + "\n[ko]\n"
                          + q.model_answer.ko.strip() + "\n[/]\n### END SOLUTION")
                cells.append(new_markdown_cell(answer, id=f"answer_{q.id}", metadata=_meta(
                    f"answer_{q.id}", grade=True, solution=True, locked=False, points=q.max_points)))
                continue
            md(f"prompt_{q.id}", texts)
            cells.append(new_code_cell(answer_code(q).replace("{n}", str(number)), id=f"answer_{q.id}",
                                       metadata=_meta(f"answer_{q.id}", solution=True, locked=False)))
            cells.append(new_code_cell(test_code(q), id=f"test_answer_{q.id}",
                                       metadata=_meta(f"test_answer_{q.id}", grade=True, points=q.max_points)))
    if any(q.kind == "multi" for q in mine):
        meta = {**READ_ONLY, "tags": [PROVIDED_TAG]}
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

The rules that read and judge an answer are the grader's own (copied from ``seqlab/quiz/rules.py``).
``check_answer`` prints its verdict and never raises, so a notebook with unanswered questions
runs from top to bottom.
"""
from seqlab_selfcheck import SelfCheckFailed, Text, grade, show, use_language, validating  # noqa: F401

'''

SELFCHECK_TAIL = '''

def _show(text):
    """Show a verdict: as Markdown in Jupyter (the explanations use LaTeX), as plain text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
        if get_ipython() is not None:
            display(Markdown(str(text)))
            return
    except ImportError:
        pass
    show(text)


def check_answer(question_id, value):
    """Show whether ``value`` answers question ``question_id`` (practice) or has the right form (graded)."""
    spec = PRACTICE.get(question_id) or GRADED.get(question_id)
    if spec is None:
        _show(Text(f"✗ `{question_id}`: no such question in this quiz.", f"✗ `{question_id}`: 이 퀴즈에 없는 문제입니다."))
        return
    try:
        text = notebook_message(spec, value)
    except Exception as exc:  # a self-check must never end in a traceback
        text = Text(f"✗ `{question_id}`: the self-check could not read this answer ({type(exc).__name__}).",
                    f"✗ `{question_id}`: 답을 읽을 수 없습니다 ({type(exc).__name__}).")
    _show(text)
    if validating():            # nbgrader's Validate lists the questions unanswered or of the wrong form
        try:
            read_answer(spec, value)
        except AnswerFormError as err:
            n = spec.get("number", "?")
            raise SelfCheckFailed(Text(f"Q{n} (`{question_id}`): ", f"Q{n} (`{question_id}`): ") + err.text) from None
'''


def portable_source():
    text = (Path(__file__).with_name("rules.py")).read_text(encoding="utf-8")
    start = text.index("# ---- portable: begin")
    end = text.index("# ---- portable: end")
    body = text[start:end]
    return body[body.index("\n") + 1:].rstrip() + "\n"


def build_selfcheck(quiz, questions):
    mine = [q for q in questions if q.quiz == quiz and q.kind != "text"]
    number = numbering(questions)
    practice = {q.id: {**q.spec(), "number": number[q.id]} for q in mine if not q.graded}
    graded = {q.id: {**q.form(), "number": number[q.id]} for q in mine if q.graded}
    head = SELFCHECK_HEAD.format(quiz=quiz, n_practice=len(practice), n_graded=len(graded))
    data = ("\n\n# Practice questions: key and explanations (readable by anyone, on purpose).\n"
            f"PRACTICE = {pprint.pformat(practice, width=110, sort_dicts=False)}\n\n"
            "# Graded questions: the form of the answer only. The key is not in this file.\n"
            f"GRADED = {pprint.pformat(graded, width=110, sort_dicts=False)}\n")
    return head + "\n# ---- answer rules, as the grader applies them\n" + portable_source() + data + SELFCHECK_TAIL


def build(course=None, root=None):
    """Write every quiz's source folder of ``course`` (under ``root``, default the course folder);
    returns the folders written."""
    import nbformat

    from ..course import Course
    course = course if course is not None else Course()
    items, questions = load_bank(course)
    texts = quiz_texts(course)
    problems = bank_problems(items, questions) + [f"quiz {q!r} has no title and introduction in QUIZZES"
                                                  for q in quizzes(questions) if q not in texts]
    if problems:
        raise BankError("the question bank has problems:\n  " + "\n  ".join(problems))
    written = []
    for quiz in quizzes(questions):
        folder = Path(root or course.root) / "source" / quiz
        folder.mkdir(parents=True, exist_ok=True)
        nb = build_notebook(quiz, items, questions, *texts[quiz])
        nbformat.validate(nb)
        (folder / f"{quiz}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        (folder / "selfcheck.py").write_text(build_selfcheck(quiz, questions), encoding="utf-8")
        written.append(folder)
    for folder in written:
        core_link(folder)
    return written


def stale_files(course=None):
    """Files of the course's ``source/<quiz>/`` that differ from what :func:`build` makes (empty:
    up to date)."""
    from ..course import Course
    course = course if course is not None else Course()
    root = course.root
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in build(course, tmp):
            here = Path(root) / "source" / folder.name
            for made in sorted(folder.iterdir()):
                have = here / made.name
                if made.is_symlink():      # the core: the same file, wherever the link starts
                    same = have.exists() and have.resolve() == made.resolve()
                else:
                    same = have.is_file() and not have.is_symlink() and filecmp.cmp(made, have, shallow=False)
                if not same:
                    stale.append(str(have.relative_to(root)))
    return stale
