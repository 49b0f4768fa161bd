"""The class report: how the class did, per assignment, function, mistake and checklist item.

Reads only what nbgrader and the autograder left behind: the gradebook (scores per grade cell)
and the autograded notebooks (each test cell's per-check results and diagnoses, in its
``seqlab`` metadata). Writes one self-contained HTML page with pictures (``class_report.html``)
and returns the numbers, so a test or another tool can use them.
"""
import base64
import collections
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import Course


@dataclass
class ClassData:
    assignments: list
    students: list
    scores: dict = field(default_factory=dict)      # (assignment, student) -> (score, max)
    cells: dict = field(default_factory=dict)       # (assignment, grade_id) -> [(score, max)]
    checks: dict = field(default_factory=dict)      # (assignment, function) -> [passed: bool]
    diagnoses: collections.Counter = field(default_factory=collections.Counter)  # (assignment, diagnosis) -> n
    items: dict = field(default_factory=dict)       # checklist item label -> (mean fraction, students)


def collect(course: Course, assignments=None):
    """Gather the class's results from the gradebook and the autograded notebooks."""
    from nbgrader.api import Gradebook, MissingEntry
    from .quiz import class_summary, load_bank, mastery
    assignments = assignments or course.assignments()
    data = ClassData(assignments=assignments, students=[])
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        data.students = sorted(s.id for s in gb.students)
        for a in assignments:
            for s in data.students:
                try:
                    sub = gb.find_submission(a, s)
                except MissingEntry:
                    continue
                data.scores[(a, s)] = (sub.score, sub.max_score)
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        key = (a, grade.name)
                        data.cells.setdefault(key, []).append((grade.score, grade.max_score))
    bank_items, _ = load_bank(course)
    if bank_items:          # mastery per checklist item: the quizzes' one computation
        summary = class_summary(mastery(f"sqlite:///{course.root / 'gradebook.db'}", course))
        data.items = {bank_items[k].label.en: v for k, v in summary.items()}
    for a in assignments:
        for path in sorted((course.root / "autograded").glob(f"*/{a}/*.ipynb")):
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:
                continue
            for cell in nb.cells:
                for c in cell.get("metadata", {}).get("seqlab", {}).get("checks", []):
                    data.checks.setdefault((a, c["function"]), []).append(bool(c["passed"]))
                    if not c["passed"] and c.get("diagnosis") and not c["diagnosis"].startswith("code_"):
                        data.diagnoses[(a, c["diagnosis"])] += 1
    return data


def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _bars(labels, values, title, xlabel, color="#4c72b0"):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(labels) + 1.2))
    ax.barh(range(len(labels)), values, color=color)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=10)
    for i, v in enumerate(values):
        ax.text(min(v + 1, 92), i, f"{v:.0f}%", va="center", fontsize=7)
    data = _png(fig)
    plt.close(fig)
    return data


def _hist(fractions, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 2.4))
    ax.hist([100 * f for f in fractions], bins=range(0, 105, 10), color="#55a868", edgecolor="white")
    ax.set_xlabel("score (% of max)")
    ax.set_ylabel("students")
    ax.set_title(title, fontsize=10)
    data = _png(fig)
    plt.close(fig)
    return data


def write(course: Course, data: ClassData, path=None):
    """The HTML class report; returns its path."""
    path = Path(path or course.root / "class_report.html")
    parts = ["<html><head><meta charset='utf-8'><title>seqlab class report</title>"
             "<style>body{font-family:sans-serif;max-width:980px;margin:2em auto}td,th{padding:2px 8px}"
             "th{text-align:left}</style></head><body><h1>Class report</h1>",
             f"<p>{len(data.students)} students, {len(data.assignments)} assignments.</p>"]
    for a in data.assignments:
        subs = [(s, v) for (aa, s), v in data.scores.items() if aa == a]
        if not subs:
            continue
        fractions = [(sc or 0) / m for _, (sc, m) in subs if m]
        mean = 100 * sum(fractions) / len(fractions) if fractions else 0
        parts.append(f"<h2>{html.escape(a)}</h2><p>{len(subs)} submissions, mean {mean:.0f}%.</p>")
        parts.append(f"<img src='{_hist(fractions, f'{a}: scores')}'>")
        funcs = sorted({f for (aa, f) in data.checks if aa == a},
                       key=lambda f: 100 * sum(data.checks[(a, f)]) / len(data.checks[(a, f)]))
        if funcs:
            rates = [100 * sum(data.checks[(a, f)]) / len(data.checks[(a, f)]) for f in funcs]
            parts.append(f"<img src='{_bars(funcs, rates, f'{a}: checks passed per function', '% of checks passed')}'>")
        common = [(d, n) for (aa, d), n in data.diagnoses.most_common() if aa == a][:10]
        if common:
            parts.append("<h3>Most common mistakes</h3><table><tr><th>diagnosis</th><th>failed checks</th></tr>"
                         + "".join(f"<tr><td><code>{html.escape(d)}</code></td><td>{n}</td></tr>" for d, n in common)
                         + "</table>")
    if data.items:
        labels = sorted(data.items, key=lambda k: data.items[k][0])
        parts.append("<h2>Mastery per checklist item (quizzes)</h2>")
        parts.append(f"<img src='{_bars(labels, [100 * data.items[k][0] for k in labels], 'checklist mastery', '% of points', '#c44e52')}'>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
