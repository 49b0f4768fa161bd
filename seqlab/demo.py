"""Demo classes: synthetic students whose submissions exercise the whole kit.

A course lists its demo students (:class:`Persona`) in the module ``c.Course.demo_class``. Each
persona says, per function, what the student wrote: the reference answer, nothing (the released
stub), a known mistake from the course's catalogue (``c.Course.mistakes``), or code of its own
(an endless loop, ``exit()``, prints and warnings). Some personas break the file itself (invalid
JSON, deleted or edited test cells). Submissions are built from the released notebook, so they
look exactly like what students hand in.
"""
import copy
import datetime as dt
import inspect
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field

import nbformat

from .grading.notebook import is_solution, is_test

SOLUTION_REGION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)

LOOP = """def {name}(*args, **kwargs):
    # waiting for convergence...
    while True:
        pass
"""
EXIT = """def {name}(*args, **kwargs):
    import os
    os._exit(0)   # "stop here, I'll finish later" -- ends the whole Python process
"""
RAISE = """def {name}(*args, **kwargs):
    raise ValueError("shapes do not align, I will fix this later")
"""
SYNTAX = """def {name}(x_t, h_prev, c_prev, params)
    return h_prev, c_prev
"""
CHATTY = """import sys as _sys, warnings as _warnings
print("debug: defining {name}")
{solution}
_original_{name} = {name}

def {name}(*args, **kwargs):
    print("debug: calling {name} with", len(args), "arguments")
    print("a note on stderr", file=_sys.stderr)
    _warnings.warn("just a friendly warning from {name}")
    return _original_{name}(*args, **kwargs)
"""

CHATTY_CLASS = """import sys as _sys, warnings as _warnings
print("debug: defining {name}")
{solution}
_Original{name} = {name}

class {name}(_Original{name}):
    def __init__(self, *args, **kwargs):
        print("debug: building {name} with", len(args), "arguments")
        print("a note on stderr", file=_sys.stderr)
        _warnings.warn("just a friendly warning from {name}")
        super().__init__(*args, **kwargs)
"""


@dataclass
class Persona:
    student: str
    story: str
    default: str = "solution"                  # what every unlisted function gets
    functions: dict = field(default_factory=dict)  # function -> solution|blank|mistake:<id>|alternative:<id>|loop|...
    file: str = ""                             # "", invalid_json, tamper_tests
    solved_fraction: float = 1.0               # "partial": solve only the first part of each notebook
    first_name: str = ""                       # as formgrader shows the student (the demo enrols them)
    last_name: str = ""
    written: str = ""                          # written answers: a quality of the demo module's WRITTEN
                                               # ("good", "partial", "wrong"); "": the model answer
    language: str = "en"                       # the language the student writes in
    missing: tuple = ()                        # assignments the student did not hand in
    late: dict = field(default_factory=dict)   # {assignment: hours after its due date}
    copies: dict = field(default_factory=dict)  # {assignment: student whose code this one hands in, disguised}


def _module(course):
    from .course import CourseError
    if not course.demo_class or not course.path(course.demo_class).is_file():
        raise CourseError(f"no demo class: {course.demo_class or 'c.Course.demo_class'} is not a file of {course.root}")
    return course.import_path(course.demo_class)


def roster(course):
    """The course's demo students: ``ROSTER`` of the module ``c.Course.demo_class``."""
    return list(_module(course).ROSTER)


def written_answers(course):
    """The demo students' written answers: ``WRITTEN`` of the demo module,
    ``{grade id of a written answer cell: {quality: Text}}`` (empty if it has none)."""
    return dict(getattr(_module(course), "WRITTEN", {}))


def _mistakes(course):
    """{name of the wrong function: Mistake} from the course's catalogue."""
    from .catalogue import mistakes_of
    return {m.impl.__name__: m for m in mistakes_of(course)}


def _alternatives(course):
    """{name of the function: Alternative} from the course's catalogue of correct alternatives."""
    from .catalogue import alternatives_of
    return {a.impl.__name__: a for a in alternatives_of(course)}


def _plain_source(fn):
    """``fn``'s code without the catalogue's decorators (@mistake, @alternative); any other decorator
    (``@torch.no_grad()``) is the student's code and stays."""
    source = textwrap.dedent(inspect.getsource(fn))
    return "\n".join(line for line in source.splitlines() if not re.match(r"@(mistake|alternative)\b", line))


def _global_names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _global_names(const)
    return names


def _helpers(fn):
    """The functions of the catalogue module that ``fn`` calls, directly or through one another
    (catalogue entries share helpers), dependencies first. Functions the catalogue imports (the
    notebook's own, e.g. a provided ``multi_head_attention``) are not among them."""
    found = []

    def visit(f):                                      # a function, or a class through its methods
        methods = [f] if inspect.isfunction(f) else [v for v in vars(f).values() if inspect.isfunction(v)]
        for method in methods:
            for name in sorted(_global_names(method.__code__)):
                obj = method.__globals__.get(name)
                if inspect.isfunction(obj) and obj.__module__ == fn.__module__ and obj is not fn and obj not in found:
                    visit(obj)
                    if obj not in found:
                        found.append(obj)
    visit(fn)
    return found


def _mistake_source(m):
    """The cell a student with this mistake hands in: the catalogue's helpers it uses (a student's
    helpers live in the function's cell), then the function under its graded name."""
    source = _plain_source(m.impl)
    source = re.sub(rf"^(def|class) {m.impl.__name__}\b", rf"\1 {m.function}", source, count=1, flags=re.M) + "\n"
    helpers = "".join(_plain_source(h) + "\n\n\n" for h in _helpers(m.impl))
    return helpers + source


def solution_code(source_cell):
    """The instructor's solution cell with the region markers removed."""
    return SOLUTION_REGION.sub("", source_cell.source)


def cell_code(choice, name, source_cell, release_cell, mistakes, alternatives=None):
    if choice == "solution":
        return solution_code(source_cell)
    if choice == "blank":
        return release_cell.source
    if choice.startswith(("mistake:", "alternative:")):
        kind, key = choice.split(":", 1)
        catalogue = mistakes if kind == "mistake" else (alternatives or {})
        if key not in catalogue:          # a catalogue entry of a later issue: fall back to the answer
            return solution_code(source_cell)
        return _mistake_source(catalogue[key])
    if choice == "chatty":
        if name.startswith("answer_"):       # a quiz answer is a value, not a function to wrap
            return solution_code(source_cell) + '\nimport sys\nprint("answered!", file=sys.stderr)\n'
        solution = solution_code(source_cell)
        chatty = CHATTY_CLASS if re.search(rf"^class {name}\b", solution, re.M) else CHATTY   # a module class
        return chatty.format(name=name, solution=solution)
    templates = {"loop": LOOP, "exit": EXIT, "raise": RAISE, "syntax": SYNTAX}
    return templates[choice].format(name=name)


def is_written(cell):
    """A written answer: an nbgrader manually graded answer cell in Markdown."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "markdown" and bool(meta.get("solution")) and bool(meta.get("grade"))


def written_text(persona, grade_id, source_cell, release_cell, written):
    """What ``persona`` writes in a written answer cell: the demo module's answer of the persona's
    quality in the persona's language, else the model answer (the source's solution) in it."""
    from .i18n import filter_source, pick
    answers = (written or {}).get(grade_id, {})
    if persona.written and persona.written in answers:
        return pick(answers[persona.written], persona.language).strip() + "\n"
    if persona.written == "blank":
        return release_cell.source
    return filter_source(solution_code(source_cell), persona.language).strip() + "\n"


def build_submission(persona, source_nb, release_nb, mistakes, written=None, alternatives=None):
    """The notebook ``persona`` hands in, built from the released notebook."""
    nb = copy.deepcopy(release_nb)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source_nb.cells}
    solution_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if is_solution(c)]
    solved = set(solution_ids[: round(len(solution_ids) * persona.solved_fraction)])
    written_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if is_written(c)]
    writes = set(written_ids[: round(len(written_ids) * persona.solved_fraction)]) if persona.default != "blank" else set()
    for cell in nb.cells:
        if is_written(cell):
            name = cell.metadata["nbgrader"]["grade_id"]
            if name in writes and name in by_id:
                cell.source = written_text(persona, name, by_id[name], cell, written)
            continue
        if not is_solution(cell):
            continue
        name = cell.metadata["nbgrader"]["grade_id"]
        choice = persona.functions.get(name, persona.default if name in solved else "blank")
        cell.source = cell_code(choice, name, by_id[name], cell, mistakes, alternatives)
    if persona.file == "tamper_tests":
        tests = [c for c in nb.cells if is_test(c)]
        for victim in tests[1:3]:
            nb.cells.remove(victim)
        last = tests[-1]
        last.source = "pass  # trust me"
        last.metadata["nbgrader"]["points"] = 100
    return nb


# ---------------------------------------------------------------- a copied notebook
COPY_NAMES = ["tmp", "res", "val", "acc", "cur", "aux", "part", "mid", "buf", "item", "step", "out2"]


def disguise(source, keep=()):
    """``source`` as a student who copied it hands it in: the code's own names renamed (all but
    ``keep``: the names the released cell already has, such as the function and its parameters),
    comments dropped, and the cell's top-level functions in reverse order."""
    import ast
    import io
    import tokenize

    from .similarity import bound_names
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.splitlines(keepends=True)
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if len(defs) >= 2:                                # helpers moved around
        spans = [(min([n.lineno] + [d.lineno for d in n.decorator_list]) - 1, n.end_lineno) for n in defs]
        blocks = ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in spans]
        out, previous = [], 0
        for (a, b), block in zip(spans, reversed(blocks)):
            out.append("".join(lines[previous:a]))
            out.append(block)
            previous = b
        out.append("".join(lines[previous:]))
        source = "".join(out)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    keywords, depth = set(), 0        # names used as `name=` inside brackets (or in f-strings) stay as they are
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        elif tok.type == tokenize.NAME and depth and i + 1 < len(tokens) and tokens[i + 1].string == "=":
            keywords.add(tok.string)
        elif tok.type == tokenize.STRING and "f" in tok.string.split(tok.string[-1])[0].lower():
            keywords.update(re.findall(r"[A-Za-z_]\w*", tok.string))     # names inside an f-string
    bound = (bound_names(source) or set()) - set(keep) - keywords
    taken = set(re.findall(r"[A-Za-z_]\w*", source))
    fresh = iter(n for n in COPY_NAMES + [f"v{i}" for i in range(1000)] if n not in taken)
    rename = {name: next(fresh) for name in sorted(bound)}
    edits = []                                         # (start, end, new text)
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        if tok.type == tokenize.COMMENT:
            edits.append((tok.start, tok.end, ""))
        elif tok.type == tokenize.NAME and tok.string in rename and not (prev and prev.string == "."):
            edits.append((tok.start, tok.end, rename[tok.string]))
    lines = source.splitlines(keepends=True)
    for (row, col), (_, end), text in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = (line[:col] + text + line[end:]) if text else line[:col].rstrip() + line[end:]
    return "".join(lines)


def copied_submission(original, release_nb):
    """The notebook of a student who copied ``original``'s code cells, disguised (:func:`disguise`)."""
    nb = copy.deepcopy(original)
    released = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in release_nb.cells}
    for cell in nb.cells:
        if is_solution(cell):
            stub = released.get(cell.metadata["nbgrader"]["grade_id"])
            keep = set(re.findall(r"[A-Za-z_]\w*", stub.source)) if stub is not None else set()
            cell.source = disguise(cell.source, keep)
    return nb


# ---------------------------------------------------------------- handing in
DEFAULT_TIME = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone.utc)


def hand_in_time(course, persona, assignment):
    """When ``persona`` hands ``assignment`` in: two days before its due date, or the hours after it
    that ``persona.late`` says (a course without due dates: one fixed time)."""
    due = course.due(assignment)
    if due is None:
        return DEFAULT_TIME
    if assignment in persona.late:
        return due + dt.timedelta(hours=float(persona.late[assignment]))
    return due - dt.timedelta(days=2)


def write_submission(persona, nb, path, when=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(nb, indent=1, ensure_ascii=False)
    if persona.file == "invalid_json":
        text = text[: len(text) // 2]          # an upload cut short
    path.write_text(text, encoding="utf-8")
    stamp = (when or DEFAULT_TIME).astimezone(dt.timezone.utc)
    (path.parent / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))


def build_class(course, roster):
    """Write every persona's submission of every assignment into ``submitted/``.

    Only the demo students' folders are replaced; other students' work is never touched. A
    persona copying another's code (``copies``) hands in that student's notebook, disguised.
    """
    mistakes, alternatives, written = _mistakes(course), _alternatives(course), {}
    if course.demo_class and course.path(course.demo_class).is_file():
        written = written_answers(course)
    notebooks = {}
    for assignment in course.assignments():
        source_nb = nbformat.read(course.notebook(assignment, "source"), as_version=4)
        release_path = course.notebook(assignment, "release")
        notebooks[assignment] = (source_nb, release_path, nbformat.read(release_path, as_version=4))
    built, written_paths = {}, []
    for persona in sorted(roster, key=lambda p: bool(p.copies)):      # the originals first
        shutil.rmtree(course.root / "submitted" / persona.student, ignore_errors=True)
        for assignment, (source_nb, release_path, release_nb) in notebooks.items():
            original = built.get((persona.copies.get(assignment), assignment))
            if original is not None:
                nb = copied_submission(original, release_nb)
            else:
                nb = build_submission(persona, source_nb, release_nb, mistakes, written, alternatives)
            built[(persona.student, assignment)] = nb
            if assignment in persona.missing:
                continue
            path = course.root / "submitted" / persona.student / assignment / release_path.name
            write_submission(persona, nb, path, hand_in_time(course, persona, assignment))
            written_paths.append(path)
    return sorted(written_paths)


def enrol(course, roster):
    """Put the demo students (with their names) and the term's due dates (``c.Course.due_dates``)
    into nbgrader's gradebook, as an instructor does with ``nbgrader db student add`` and
    ``nbgrader db assignment add --duedate``: formgrader then shows names, and nbgrader knows
    which submissions are late."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        for p in roster:
            gb.update_or_create_student(p.student, first_name=p.first_name or None, last_name=p.last_name or None)
        for a in course.assignments():
            due = course.due(a)
            if due is not None:
                gb.update_or_create_assignment(a, duedate=due.astimezone(dt.timezone.utc).replace(tzinfo=None))
