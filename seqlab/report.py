"""The class report: what an instructor reads before the next lecture.

One self-contained HTML page (``class_report.html``; pictures are inline SVG, drawn by the
browser in the report's language, ``c.Seqlab.language``), in this order:

1. **Who needs help** — every student, lowest total first: missing submissions (a student of the
   gradebook without a submission of an assignment the class handed in), zero scores, late
   hand-ins (the submission's time against the due date: the gradebook's, else
   ``c.Course.due_dates``), and what still awaits manual grading.
2. **What needs manual grading** — per assignment, the cells nbgrader flags "needs manual grade"
   (written answers), how many students each, and where they are in formgrader.
3. **Misconceptions** — the diagnoses of failed checks (the autograded test cells keep them in
   their ``seqlab.checks`` metadata), counted in distinct students and shown in the lecture's
   words: the text of the check's :class:`~seqlab.grading.checklib.Diagnosis` (collected from the
   course's check files), of the quiz bank's near misses, or of the kit's own diagnoses.
4. **Checklist mastery** — one picture: the class mean per learning-checklist item of the quiz
   bank, from :func:`seqlab.quiz.mastery` (the one computation); absent without a bank.
5. **Similar solutions** — pairs whose solution cells are suspiciously similar after
   normalisation (:mod:`seqlab.similarity`: MOSS's winnowing), with the shared fragment.
6. **Scores** — one picture of every assignment's distribution.

It reads only what nbgrader and the autograder left: the gradebook and ``autograded/``.
:func:`collect` returns the numbers (a test or another tool can use them); :func:`write` the page.
"""
import datetime as dt
import html
import importlib.util
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import Course
from .i18n import Text, pick

NOT_MISCONCEPTIONS = ("answer_missing", "answer_wrong_type", "answer_unanswered")  # the form of an answer
QUIZ_COLORS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]


@dataclass
class Submission:
    score: float
    max_score: float
    ungraded: list                 # grade ids of cells worth points that still need manual grading
    timestamp: object = None       # naive UTC, as nbgrader stores it
    late_s: float = 0.0            # seconds after the due date (0: on time or no due date)


@dataclass
class HelpRow:
    student: str
    name: str
    earned: float
    possible: float
    missing: list = field(default_factory=list)     # assignments not handed in
    zero: list = field(default_factory=list)        # assignments scored 0
    late: list = field(default_factory=list)        # [(assignment, seconds late)]
    pending: int = 0                                 # cells awaiting manual grading

    @property
    def fraction(self):
        return self.earned / self.possible if self.possible else 0.0


@dataclass
class Misconception:
    code: str
    text: object                   # Text, or None when the course's checks do not explain it
    assignments: set = field(default_factory=set)
    functions: set = field(default_factory=set)
    students: set = field(default_factory=set)


@dataclass
class MasteryItem:
    key: str
    label: Text
    quiz: str
    mean: float                    # fraction of the graded points the class earned
    students: int
    ungraded: int                  # written answers not graded yet


@dataclass
class ClassData:
    course_id: str
    language: str
    assignments: list                                         # handed in, by due date
    names: dict = field(default_factory=dict)                 # student -> display name
    subs: dict = field(default_factory=dict)                  # (assignment, student) -> Submission
    max_scores: dict = field(default_factory=dict)            # assignment -> max score
    due: dict = field(default_factory=dict)                   # assignment -> naive UTC datetime or None
    due_shown: dict = field(default_factory=dict)             # assignment -> aware datetime, as configured
    notebooks: dict = field(default_factory=dict)             # assignment -> notebook name (formgrader)
    help: list = field(default_factory=list)                  # [HelpRow], lowest total first
    manual: dict = field(default_factory=dict)                # assignment -> {grade id: [students]}
    cell_labels: dict = field(default_factory=dict)           # grade id -> Text (quiz questions)
    misconceptions: list = field(default_factory=list)        # [Misconception], most students first
    mastery: list = field(default_factory=list)               # [MasteryItem]
    quiz_titles: dict = field(default_factory=dict)           # quiz -> Text
    similar: dict = field(default_factory=dict)               # assignment -> seqlab.similarity.Result

    @property
    def students(self):
        return sorted(self.names)


# =============================================================================== collecting
def _naive_utc(when):
    if when is None:
        return None
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None) if when.tzinfo else when


def _language(course):
    from .config import Seqlab
    return Seqlab(config=course.config).language


def collect(course: Course, assignments=None):
    """Gather the class's results from the gradebook and the autograded notebooks."""
    from nbgrader.api import Gradebook, MissingEntry
    course_assignments = course.assignments()
    wanted = assignments or course_assignments
    data = ClassData(course_id=course.course_id, language=_language(course), assignments=[])
    db = f"sqlite:///{course.root / 'gradebook.db'}"
    with Gradebook(db, course_id=course.course_id) as gb:
        for student in gb.students:
            full = " ".join(n for n in (student.first_name, student.last_name) if n)
            data.names[student.id] = full
        handed_in = []
        for a in wanted:
            try:
                record = gb.find_assignment(a)
            except MissingEntry:
                continue                       # not released: nothing to report
            due = _naive_utc(record.duedate) if record.duedate else _naive_utc(course.due(a))
            subs = {}
            for sub in gb.assignment_submissions(a):
                ungraded = [g.name for nb in sub.notebooks for g in nb.grades if g.needs_manual_grade and g.max_score]
                late = (sub.timestamp - due).total_seconds() if due and sub.timestamp else 0.0
                subs[sub.student.id] = Submission(float(sub.score or 0.0), float(sub.max_score or 0.0), ungraded,
                                                  sub.timestamp, max(0.0, late))
            if not subs:
                continue                       # released, not handed in yet: nobody is missing it
            handed_in.append((due or dt.datetime.max, course_assignments.index(a) if a in course_assignments else 0, a))
            data.due[a] = due
            if due is not None:
                data.due_shown[a] = course.due(a) or due.replace(tzinfo=dt.timezone.utc)
            data.max_scores[a] = float(record.max_score or max(s.max_score for s in subs.values()))
            data.subs.update({(a, s): v for s, v in subs.items()})
            data.notebooks[a] = record.notebooks[0].name if record.notebooks else a
        data.assignments = [a for *_, a in sorted(handed_in)]
    data.help = _who_needs_help(data)
    data.manual = _manual(data)
    graded = {a: _autograded(course, a) for a in data.assignments}
    data.misconceptions = _misconceptions(course, data, graded)
    _mastery(course, data, db)
    data.similar = {a: r for a in data.assignments if (r := _similar(course, a, graded[a])) is not None}
    return data


def _autograded(course, assignment):
    """{student: notebook} of the assignment's autograded notebooks (read, not validated: nbgrader
    wrote them)."""
    import json
    out = {}
    for path in sorted((course.root / "autograded").glob(f"*/{assignment}/*.ipynb")):
        try:
            out[path.parent.parent.name] = nbformat.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out


def _who_needs_help(data):
    rows = []
    for s, name in data.names.items():
        row = HelpRow(s, name, 0.0, 0.0)
        for a in data.assignments:
            sub = data.subs.get((a, s))
            row.possible += data.max_scores[a]
            if sub is None:
                row.missing.append(a)
                continue
            row.earned += sub.score
            if sub.score == 0 and not sub.ungraded:
                row.zero.append(a)
            if sub.late_s > 0:
                row.late.append((a, sub.late_s))
            row.pending += len(sub.ungraded)
        rows.append(row)
    return sorted(rows, key=lambda r: (r.fraction, -len(r.missing), r.student))


def _manual(data):
    out = {}
    for (a, s), sub in sorted(data.subs.items()):
        for grade_id in sub.ungraded:
            out.setdefault(a, {}).setdefault(grade_id, []).append(s)
    return out


def diagnosis_texts(course: Course, assignments=None):
    """{diagnosis code: Text}: the explanation of every diagnosis the course's checks can name
    (those of ``assignments``' check files only, when given).

    Collected from the course's check files (module-level :class:`Diagnosis` objects), the quiz
    bank's near misses, and the kit's own diagnoses. The check files are imported here as pytest
    imports them (the course's import folders on ``sys.path``); one that does not import is skipped.
    """
    from .grading.checklib import Diagnosis
    from .grading.plugin import MUTATED
    texts = {"mutated_input": MUTATED}
    course.on_path()
    folder = course.path(course.checks)
    if assignments is None:
        files = sorted(folder.glob("test_*.py")) if folder.is_dir() else []
    else:
        files = sorted({course.root / f for a in assignments for f in course.check_set(a).files})
    for n, path in enumerate(p for p in files if p.is_file()):
        try:
            spec = importlib.util.spec_from_file_location(f"_seqlab_report_checks_{n}_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except Exception:      # noqa: BLE001 - a check file that does not import explains nothing
            continue
        for value in vars(module).values():
            found = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
            for d in found:
                if isinstance(d, Diagnosis):
                    texts.setdefault(d.code, d.text)
    try:
        from .quiz import load_bank
        _, questions = load_bank(course)
    except Exception:          # noqa: BLE001 - a broken bank is reported by `seqlab build`
        questions = []
    for q in questions:
        for near in q.near:
            texts.setdefault(near.code, near.why)
    return texts


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _stubs(nb, released):
    """Functions whose solution cell ``nb`` left as released: a stub names no misconception."""
    import re

    from .grading.notebook import is_solution
    out = set()
    for cell in nb.get("cells", []):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if is_solution(cell) and grade_id in released and _source(cell).strip() == released[grade_id].strip():
            out.add(grade_id)
            out.update(re.findall(r"^def\s+(\w+)", _source(cell), re.M))
    return out


def _misconceptions(course, data, graded):
    from .grading.notebook import is_solution
    found = {}
    for a in data.assignments:
        try:
            release = nbformat.read(course.notebook(a, "release"), as_version=4)
            released = {c.metadata["nbgrader"]["grade_id"]: c.source for c in release.cells if is_solution(c)}
        except Exception:      # noqa: BLE001 - without a release, every diagnosis counts
            released = {}
        for student, nb in graded[a].items():
            stubs = _stubs(nb, released)
            for cell in nb.get("cells", []):
                for c in cell.get("metadata", {}).get("seqlab", {}).get("checks", []):
                    code = c.get("diagnosis")
                    if c.get("passed") or not code or code.startswith("code_") or code in NOT_MISCONCEPTIONS:
                        continue
                    if c.get("function") in stubs:
                        continue
                    m = found.setdefault(code, Misconception(code, None))
                    m.assignments.add(a)
                    m.functions.add(c.get("function", ""))
                    m.students.add(student)
    if found:
        texts = diagnosis_texts(course, sorted({a for m in found.values() for a in m.assignments}))
        for m in found.values():
            m.text = texts.get(m.code)
    return sorted(found.values(), key=lambda m: (-len(m.students), m.code))


def _mastery(course, data, db):
    from .quiz import class_summary, load_bank, mastery, quiz_texts
    items, questions = load_bank(course)
    if not items:
        return
    rows = mastery(db, course)
    summary = class_summary(rows)
    ungraded = {}
    for r in rows:
        ungraded[r["item"]] = ungraded.get(r["item"], 0) + r["ungraded"]
    order = {k: n for n, k in enumerate(items)}
    for key in sorted(set(summary) | {k for k, v in ungraded.items() if v}, key=lambda k: (items[k].quiz, order[k])):
        mean, n = summary.get(key, (0.0, 0))
        data.mastery.append(MasteryItem(key, items[key].label, items[key].quiz, mean, n, ungraded.get(key, 0)))
    data.quiz_titles = {q: t[0] for q, t in quiz_texts(course).items()}
    by_id = {q.id: q for q in questions}
    from .quiz import numbering
    number = numbering(questions)
    for q in by_id.values():
        if q.kind == "text":
            label = items[q.item].label if q.item in items else Text(q.id, q.id)
            data.cell_labels[f"answer_{q.id}"] = Text(f"Q{number[q.id]} · ", f"Q{number[q.id]} · ") + label


def _code_cells(nb):
    """The code of a notebook's solution cells (nbgrader ``solution: true`` code cells), in order."""
    from .grading.notebook import is_solution
    sources = [c.get("source", "") for c in nb.get("cells", []) if is_solution(c)]
    return ["".join(src) if isinstance(src, list) else src for src in sources]


def _similar(course, assignment, graded):
    """:func:`seqlab.similarity.similar_pairs` of one assignment's graded notebooks, or None."""
    from .similarity import similar_pairs
    try:
        release = nbformat.read(course.notebook(assignment, "release"), as_version=4)
        source = nbformat.read(course.notebook(assignment, "source"), as_version=4)
    except Exception:          # noqa: BLE001 - no release, nothing to compare against
        return None
    from .demo import solution_code
    base = [c.source for c in release.cells if c.cell_type == "code"]
    base += [solution_code(c) for c in source.cells if c.cell_type == "code"]
    submissions = {student: _code_cells(nb) for student, nb in graded.items()}
    if len(submissions) < 2:
        return None
    return similar_pairs(submissions, base)


# =============================================================================== words
W = {
    "title": Text("Class report", "수업 보고서"),
    "summary": Text("{students} students, {assignments} assignments handed in. Generated {when}.",
                    "학생 {students}명, 제출된 과제 {assignments}개. 작성: {when}."),
    "help": Text("Who needs help", "도움이 필요한 학생"),
    "help_about": Text("Every student, lowest total first. A missing submission counts 0 of its points; cells awaiting "
                       "manual grading count 0 until graded.",
                       "모든 학생을 총점이 낮은 순서로 보여 줍니다. 제출하지 않은 과제는 0점으로, 아직 채점하지 않은 "
                       "서술형 셀은 채점 전까지 0점으로 계산합니다."),
    "student": Text("student", "학생"),
    "total": Text("total", "총점"),
    "flags": Text("needs attention", "확인할 점"),
    "missing": Text("missing", "미제출"),
    "zero": Text("zero", "0점"),
    "every": Text("every assignment", "모든 과제"),
    "late": Text("late", "지각"),
    "pending": Text("{n} to grade", "채점 대기 {n}"),
    "more": Text("{n} more students", "나머지 학생 {n}명"),
    "manual": Text("What needs manual grading", "직접 채점할 것"),
    "manual_none": Text("Nothing: every cell is graded.", "없습니다: 모든 셀이 채점되었습니다."),
    "manual_about": Text("Written answers nbgrader flags \"needs manual grade\". In formgrader (run <code>jupyter lab</code> "
                         "in the course folder: Nbgrader → Formgrader → Manual Grading):",
                         "nbgrader가 \"needs manual grade\"로 표시한 서술형 답입니다. formgrader에서 채점하세요 (과정 폴더에서 "
                         "<code>jupyter lab</code> 실행 → Nbgrader → Formgrader → Manual Grading):"),
    "cell": Text("cell", "셀"),
    "students_n": Text("students", "학생 수"),
    "manual_sub": Text("{cells} cells of {students} students", "학생 {students}명의 셀 {cells}개"),
    "mis": Text("Misconceptions of the class", "수업의 오개념"),
    "mis_about": Text("Mistakes the hidden checks recognised, counted in students (not in failed checks), most "
                      "common first.", "숨은 검사가 알아본 실수입니다. 실패한 검사 수가 아니라 학생 수로 세어 "
                      "많은 순서로 보여 줍니다."),
    "mis_none": Text("No named mistake in this class.", "이 수업에서는 이름 붙은 실수가 없습니다."),
    "where": Text("where", "위치"),
    "misconception": Text("misconception", "오개념"),
    "of_submissions": Text("{n} of {of} students who handed in {a}", "{a}을(를) 제출한 학생 {of}명 중 {n}명"),
    "mastery": Text("Checklist mastery", "학습 체크리스트 성취도"),
    "mastery_about": Text("Class mean of the quiz points earned per learning-checklist item (graded points only; "
                          "{n} written answers still to grade).",
                          "학습 체크리스트 항목별로 학생들이 받은 퀴즈 점수의 평균입니다 (채점된 점수만; 아직 채점하지 "
                          "않은 서술형 답 {n}개)."),
    "similar": Text("Similar solutions", "비슷한 풀이"),
    "similar_about": Text(
        "Pairs whose solution cells are far more alike than the class's typical pair, after normalisation "
        "(comments, docstrings and spacing removed, the student's own names renamed) and after leaving out the "
        "released stubs, the provided cells, the instructor's solution and code a quarter of the class shares: "
        "k-gram fingerprints winnowed as MOSS does. Evidence to look at, never a verdict.",
        "정규화(주석, docstring, 공백 제거, 학생이 정한 이름 바꾸기) 후, 배포한 스텁과 제공 셀, 강사 풀이, 학생 4분의 1 "
        "이상이 공유하는 코드를 빼고 비교했을 때 수업의 보통 쌍보다 훨씬 비슷한 풀이 쌍입니다: MOSS처럼 k-gram "
        "지문을 winnowing으로 골랐습니다. 판정이 아니라 살펴볼 근거입니다."),
    "similar_none": Text("No suspiciously similar pair.", "의심할 만큼 비슷한 쌍이 없습니다."),
    "similar_line": Text("{a}: {pairs} pair(s) of {students} students; typical pair {typical:.0%}, flagged from {threshold:.0%}.",
                         "{a}: 학생 {students}명 중 {pairs}쌍; 보통 쌍 {typical:.0%}, 표시 기준 {threshold:.0%}."),
    "similarity": Text("similarity {score:.0%} ({shared} fingerprints shared)", "유사도 {score:.0%} (공유 지문 {shared}개)"),
    "scores": Text("Scores", "점수"),
    "scores_about": Text("Each dot is a student's score (% of the assignment's points); the bar is the class mean.",
                         "점 하나가 학생 한 명의 점수(과제 배점 대비 %)이고, 막대는 수업 평균입니다."),
    "assignment": Text("assignment", "과제"),
    "mean": Text("mean", "평균"),
    "submissions": Text("submissions", "제출"),
    "due": Text("due", "마감"),
    "days": Text("{n:.1f} d", "{n:.1f}일"),
    "hours": Text("{n:.0f} h", "{n:.0f}시간"),
    "contents": Text("Contents", "목차"),
}


def _w(key, lang, **kwargs):
    return pick(W[key], lang).format(**kwargs)


def _e(text):
    return html.escape(str(text))


def _late(seconds, lang):
    return _w("days", lang, n=seconds / 86400) if seconds >= 86400 else _w("hours", lang, n=max(1, seconds / 3600))


# =============================================================================== pictures (inline SVG)
def _svg(width, height, body, label):
    return (f"<svg class='picture' role='img' aria-label='{_e(label)}' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}' xmlns='http://www.w3.org/2000/svg' font-family='sans-serif' "
            f"font-size='12'>{''.join(body)}</svg>")


def _text_width(text, size):
    """About how wide ``text`` is drawn at font size ``size`` (px): a full-width character (Hangul,
    CJK) is about ``size`` wide, any other about 0.62 × ``size`` (a little more than most fonts)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in text)


def _short(text, width, size=12):
    """``text``, cut with "…" so that it is drawn within ``width`` px at font size ``size``."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def bars_svg(rows, label, groups=None):
    """A horizontal bar chart: rows ``[(label, fraction 0–1, colour, note)]``, optional group
    headings ``{row index: heading}`` drawn above that row."""
    groups = groups or {}
    left, bar_w, row_h, top = 400, 380, 20, 24
    height = top + row_h * (len(rows) + len(groups)) + 10
    body = [f"<line x1='{left}' y1='{top - 6}' x2='{left}' y2='{height - 8}' stroke='#999'/>"]
    for x in (0.25, 0.5, 0.75, 1.0):
        px = left + bar_w * x
        body.append(f"<line x1='{px:.0f}' y1='{top - 6}' x2='{px:.0f}' y2='{height - 8}' stroke='#e3e3e3'/>"
                    f"<text x='{px:.0f}' y='{top - 10}' text-anchor='middle' fill='#777' font-size='10'>{x:.0%}</text>")
    y, right = top, left + bar_w + 20
    for n, (text, value, colour, note) in enumerate(rows):
        if n in groups:
            body.append(f"<text x='4' y='{y + 14}' font-weight='bold'>{_e(_short(groups[n], left + bar_w - 8))}</text>")
            y += row_h
        width = max(0.0, min(1.0, value)) * bar_w
        shown = f"{value:.0%}{note}"
        right = max(right, left + width + 4 + _text_width(shown, 11))
        body.append(f"<text x='{left - 6}' y='{y + 14}' text-anchor='end'><title>{_e(text)}</title>{_e(_short(text, left - 10))}</text>"
                    f"<rect class='bar' x='{left}' y='{y + 3}' width='{width:.1f}' height='{row_h - 6}' fill='{colour}'/>"
                    f"<text x='{left + width + 4:.1f}' y='{y + 14}' fill='#333' font-size='11'>{_e(shown)}</text>")
        y += row_h
    return _svg(round(right + 8), height, body, label)


def strips_svg(rows, label):
    """Score distributions: rows ``[(assignment, [fractions])]``; a dot per student, a bar at the mean."""
    left, plot_w, row_h, top = 170, 560, 26, 22
    height = top + row_h * len(rows) + 8
    body = []
    for x in (0, 0.25, 0.5, 0.75, 1.0):
        px = left + plot_w * x
        body.append(f"<line x1='{px:.0f}' y1='{top - 4}' x2='{px:.0f}' y2='{height - 6}' stroke='#e3e3e3'/>"
                    f"<text x='{px:.0f}' y='{top - 8}' text-anchor='middle' fill='#777' font-size='10'>{x:.0%}</text>")
    for n, (name, values) in enumerate(rows):
        y = top + row_h * n + row_h / 2
        body.append(f"<text x='{left - 8}' y='{y + 4:.0f}' text-anchor='end'><title>{_e(name)}</title>{_e(_short(name, left - 12))}</text>")
        for k, v in enumerate(values):
            jitter = ((k * 37) % 11 - 5) * 1.2
            body.append(f"<circle class='dot' cx='{left + plot_w * max(0, min(1, v)):.1f}' cy='{y + jitter:.1f}' r='4' "
                        f"fill='#4c72b0' fill-opacity='0.55'/>")
        if values:
            mean = sum(values) / len(values)
            px = left + plot_w * mean
            body.append(f"<line class='mean' x1='{px:.1f}' y1='{y - 10:.1f}' x2='{px:.1f}' y2='{y + 10:.1f}' "
                        f"stroke='#c44e52' stroke-width='3'/>")
    return _svg(left + plot_w + 30, height, body, label)


# =============================================================================== the page
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic","Apple SD Gothic Neo",sans-serif;
max-width:1180px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em} h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0} td,th{padding:3px 9px;vertical-align:top;text-align:left}
tr:nth-child(even) td{background:#f7f7f9} th{border-bottom:2px solid #ccc;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{display:inline-block;border-radius:3px;padding:0 5px;margin:1px 2px;font-size:.85em;white-space:nowrap}
.missing{background:#f8d7da;color:#842029}.zero{background:#fde2c6;color:#7a3e00}.late{background:#fff3cd;color:#664d03}
.pending{background:#dbe7f6;color:#1d4b80}.id{color:#777;font-size:.85em;white-space:nowrap}
td.who{white-space:nowrap}.flag{white-space:normal}.about{color:#555}
.code{color:#888;font-family:monospace;font-size:.8em}
pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:6px 8px;overflow-x:auto;font-size:.85em;margin:.3em 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:10px} .meter{background:#eee;height:8px;width:120px}
.meter div{background:#c44e52;height:8px} nav a{margin-right:1em} svg.picture{max-width:100%;height:auto}
"""


def _who(data, s):
    name = data.names.get(s) or ""
    return f"{_e(name)} <span class='id'>{_e(s)}</span>" if name else f"<span class='id'>{_e(s)}</span>"


def _help_section(data, lang):
    out = [f"<h2 id='help'>{_w('help', lang)}</h2><p class='about'>{_w('help_about', lang)}</p>"]
    head = (f"<tr><th>{_w('student', lang)}</th><th class='num'>{_w('total', lang)}</th>"
            + "".join(f"<th class='num'>{_e(a)}</th>" for a in data.assignments) + f"<th>{_w('flags', lang)}</th></tr>")
    rows = []
    for r in data.help:
        cells = []
        for a in data.assignments:
            sub = data.subs.get((a, r.student))
            if sub is None:
                cells.append(f"<td class='num'><span class='flag missing'>{_w('missing', lang)}</span></td>")
            else:
                pct = sub.score / sub.max_score if sub.max_score else 0
                cells.append(f"<td class='num' title='{sub.score:g} / {sub.max_score:g}'>{pct:.0%}</td>")
        every = len(data.assignments)
        flags = []
        for kind, which in (("missing", r.missing), ("zero", r.zero)):
            if which:
                what = _w("every", lang) if len(which) == every > 1 else ", ".join(which)
                flags.append(f"<span class='flag {kind}'>{_w(kind, lang)}: {_e(what)}</span>")
        if r.late:
            late = ", ".join(f"{a} +{_late(sec, lang)}" for a, sec in r.late)
            flags.append(f"<span class='flag late'>{_w('late', lang)}: {_e(late)}</span>")
        if r.pending:
            flags.append(f"<span class='flag pending'>{_w('pending', lang, n=r.pending)}</span>")
        rows.append(f"<tr class='student' data-student='{_e(r.student)}'><td class='who'>{_who(data, r.student)}</td>"
                    f"<td class='num'><b>{r.fraction:.0%}</b></td>{''.join(cells)}<td>{' '.join(flags)}</td></tr>")
    # the students who need attention, and at least the lowest ten, stay open; the rest folds
    shown = max(10, sum(1 for r in data.help if r.missing or r.zero or r.late))
    out.append(f"<table class='help'>{head}{''.join(rows[:shown])}</table>")
    if rows[shown:]:
        out.append(f"<details><summary>{_w('more', lang, n=len(rows) - shown)}</summary>"
                   f"<table class='help'>{head}{''.join(rows[shown:])}</table></details>")
    return out


def _manual_section(data, lang):
    out = [f"<h2 id='manual'>{_w('manual', lang)}</h2>"]
    if not data.manual:
        return out + [f"<p>{_w('manual_none', lang)}</p>"]
    out.append(f"<p class='about'>{_w('manual_about', lang)}</p>")
    for a, cells in data.manual.items():
        students = {s for v in cells.values() for s in v}
        link = f"formgrader/gradebook/{a}/{data.notebooks.get(a, a)}"
        out.append(f"<h3>{_e(a)} <span class='about'>— {_w('manual_sub', lang, cells=sum(map(len, cells.values())), students=len(students))}"
                   f" · <code>{_e(link)}</code></span></h3>")
        out.append(f"<table class='manual' data-assignment='{_e(a)}'><tr><th>{_w('cell', lang)}</th>"
                   f"<th class='num'>{_w('students_n', lang)}</th></tr>")
        for grade_id, who in cells.items():
            label = pick(data.cell_labels[grade_id], lang) + " " if grade_id in data.cell_labels else ""
            out.append(f"<tr><td>{_e(label)}<span class='code'>{_e(grade_id)}</span></td>"
                       f"<td class='num' data-cell='{_e(grade_id)}'>{len(who)}</td></tr>")
        out.append("</table>")
    return out


def _split(text):
    """(first sentence, the rest) of an explanation."""
    for stop in (". ", "다. ", ": "):
        head, sep, tail = text.partition(stop)
        if sep and len(head) < 160:
            return head + sep.strip(), tail
    return text, ""


def _misconception_section(data, lang):
    out = [f"<h2 id='misconceptions'>{_w('mis', lang)}</h2>"]
    if not data.misconceptions:
        return out + [f"<p>{_w('mis_none', lang)}</p>"]
    out.append(f"<p class='about'>{_w('mis_about', lang)}</p><table class='misconceptions'>"
               f"<tr><th>#</th><th>{_w('misconception', lang)}</th><th class='num'>{_w('students_n', lang)}</th>"
               f"<th>{_w('where', lang)}</th></tr>")
    for n, m in enumerate(data.misconceptions, start=1):
        text = pick(m.text, lang) if m.text is not None else m.code.replace("_", " ")
        head, rest = _split(text)
        handed = {s for (a, s) in data.subs if a in m.assignments}
        share = len(m.students) / len(handed) if handed else 0
        title = _w("of_submissions", lang, n=len(m.students), of=len(handed), a=", ".join(sorted(m.assignments)))
        who = [data.names.get(s) or s for s in sorted(m.students)]
        names = ", ".join(who[:12]) + (f", … (+{len(who) - 12})" if len(who) > 12 else "")
        out.append(f"<tr class='misconception' data-code='{_e(m.code)}' data-students='{len(m.students)}'>"
                   f"<td>{n}</td><td><b>{_e(head)}</b> {_e(rest)} <span class='code'>{_e(m.code)}</span></td>"
                   f"<td class='num' title='{_e(title)}'><b>{len(m.students)}</b>"
                   f"<div class='meter'><div style='width:{100 * share:.0f}%'></div></div></td>"
                   f"<td>{_e(', '.join(sorted(m.assignments)))}: <code>{_e(', '.join(sorted(m.functions)))}</code>"
                   f"<br><span class='id'>{_e(names)}</span></td></tr>")
    out.append("</table>")
    return out


def _mastery_section(data, lang):
    if not data.mastery:
        return []
    rows, groups, colours = [], {}, {}
    for item in data.mastery:
        colour = colours.setdefault(item.quiz, QUIZ_COLORS[len(colours) % len(QUIZ_COLORS)])
        if not rows or data.mastery[len(rows) - 1].quiz != item.quiz:
            title = data.quiz_titles.get(item.quiz)
            groups[len(rows)] = (pick(title, lang) + f" ({item.quiz})") if title else item.quiz
        note = f"  (n={item.students}" + (f", +{item.ungraded} ✎" if item.ungraded else "") + ")"
        rows.append((pick(item.label, lang), item.mean, colour, note))
    ungraded = sum(i.ungraded for i in data.mastery)
    return [f"<h2 id='mastery'>{_w('mastery', lang)}</h2><p class='about'>{_w('mastery_about', lang, n=ungraded)}</p>",
            bars_svg(rows, _w("mastery", lang), groups)]


def _similar_section(data, lang):
    out = [f"<h2 id='similar'>{_w('similar', lang)}</h2><p class='about'>{_w('similar_about', lang)}</p>"]
    lines, any_pair = [], False
    for a, result in data.similar.items():
        typical = statistics.median(result.scores) if result.scores else 0.0
        lines.append(f"<li>{_w('similar_line', lang, a=_e(a), pairs=len(result.flagged), students=result.students, typical=typical, threshold=result.threshold)}</li>")
        for p in result.flagged:
            any_pair = True
            out.append(f"<div class='similar-pair' data-assignment='{_e(a)}' data-a='{_e(p.a)}' data-b='{_e(p.b)}'>"
                       f"<h3>{_e(a)}: {_who(data, p.a)} ↔ {_who(data, p.b)}</h3>"
                       f"<p>{_w('similarity', lang, score=p.score, shared=p.shared)}</p><div class='pair'>"
                       f"<div><b>{_e(p.a)}</b><pre>{_e(p.fragment_a)}</pre></div>"
                       f"<div><b>{_e(p.b)}</b><pre>{_e(p.fragment_b)}</pre></div></div></div>")
    if not any_pair:
        out.append(f"<p>{_w('similar_none', lang)}</p>")
    return out + [f"<ul class='about'>{''.join(lines)}</ul>"]


def _scores_section(data, lang):
    rows = []
    table = [f"<table><tr><th>{_w('assignment', lang)}</th><th>{_w('due', lang)}</th>"
             f"<th class='num'>{_w('submissions', lang)}</th><th class='num'>{_w('mean', lang)}</th></tr>"]
    for a in data.assignments:
        values = [sub.score / sub.max_score for (aa, _), sub in data.subs.items() if aa == a and sub.max_score]
        rows.append((a, values))
        mean = sum(values) / len(values) if values else 0
        due = data.due_shown.get(a)
        table.append(f"<tr><td>{_e(a)}</td><td>{due:%Y-%m-%d %H:%M %z}</td>" if due else f"<tr><td>{_e(a)}</td><td></td>")
        table.append(f"<td class='num'>{len(values)}</td><td class='num'>{mean:.0%}</td></tr>")
    table.append("</table>")
    return [f"<h2 id='scores'>{_w('scores', lang)}</h2><p class='about'>{_w('scores_about', lang)}</p>",
            strips_svg(rows, _w("scores", lang)), "".join(table)]


def render(data: ClassData, lang=None):
    """The report page (HTML text) in ``lang`` (default: the course's language)."""
    lang = lang or data.language
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    sections = [("help", "help"), ("manual", "manual"), ("misconceptions", "mis")]
    if data.mastery:
        sections.append(("mastery", "mastery"))
    sections += [("similar", "similar"), ("scores", "scores")]
    parts = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
             f"<title>{_w('title', lang)} · {_e(data.course_id)}</title><style>{CSS}</style></head><body>",
             f"<h1>{_w('title', lang)} · {_e(data.course_id)}</h1>",
             f"<p>{_w('summary', lang, students=len(data.names), assignments=len(data.assignments), when=when)}</p>",
             f"<nav>{_w('contents', lang)}: " + "".join(f"<a href='#{i}'>{_w(k, lang)}</a>" for i, k in sections) + "</nav>"]
    parts += _help_section(data, lang)
    parts += _manual_section(data, lang)
    parts += _misconception_section(data, lang)
    parts += _mastery_section(data, lang)
    parts += _similar_section(data, lang)
    parts += _scores_section(data, lang)
    parts.append("</body></html>")
    return "\n".join(parts)


def write(course: Course, data: ClassData, path=None, lang=None):
    """Write the HTML class report; returns its path."""
    path = Path(path or course.root / "class_report.html")
    path.write_text(render(data, lang), encoding="utf-8")
    return path
