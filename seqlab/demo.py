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


@dataclass
class Persona:
    student: str
    story: str
    default: str = "solution"                  # what every unlisted function gets
    functions: dict = field(default_factory=dict)  # function -> solution|blank|mistake:<id>|loop|exit|...
    file: str = ""                             # "", invalid_json, tamper_tests
    solved_fraction: float = 1.0               # "partial": solve only the first part of each notebook


def roster(course):
    """The course's demo students: ``ROSTER`` of the module ``c.Course.demo_class``."""
    from .course import CourseError
    if not course.demo_class or not course.path(course.demo_class).is_file():
        raise CourseError(f"no demo class: {course.demo_class or 'c.Course.demo_class'} is not a file of {course.root}")
    return list(course.import_path(course.demo_class).ROSTER)


def _mistakes(course):
    """{name of the wrong function: Mistake} from the course's catalogue."""
    from .catalogue import mistakes_of
    return {m.impl.__name__: m for m in mistakes_of(course)}


def _mistake_source(m):
    """The catalogue entry's code as the cell of ``m.function`` (a function or a class, renamed)."""
    source = textwrap.dedent(inspect.getsource(m.impl))
    source = "\n".join(line for line in source.splitlines() if not line.startswith("@mistake"))
    return re.sub(rf"^(def|class) {m.impl.__name__}\b", rf"\1 {m.function}", source, count=1, flags=re.M) + "\n"


def solution_code(source_cell):
    """The instructor's solution cell with the region markers removed."""
    return SOLUTION_REGION.sub("", source_cell.source)


def cell_code(choice, name, source_cell, release_cell, mistakes):
    if choice == "solution":
        return solution_code(source_cell)
    if choice == "blank":
        return release_cell.source
    if choice.startswith("mistake:"):
        key = choice.split(":", 1)[1]
        if key not in mistakes:          # a catalogue entry of a later issue: fall back to the answer
            return solution_code(source_cell)
        return _mistake_source(mistakes[key])
    if choice == "chatty":
        if name.startswith("answer_"):       # a quiz answer is a value, not a function to wrap
            return solution_code(source_cell) + '\nimport sys\nprint("answered!", file=sys.stderr)\n'
        return CHATTY.format(name=name, solution=solution_code(source_cell))
    templates = {"loop": LOOP, "exit": EXIT, "raise": RAISE, "syntax": SYNTAX}
    return templates[choice].format(name=name)


def build_submission(persona, source_nb, release_nb, mistakes):
    """The notebook ``persona`` hands in, built from the released notebook."""
    nb = copy.deepcopy(release_nb)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source_nb.cells}
    solution_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if is_solution(c)]
    solved = set(solution_ids[: round(len(solution_ids) * persona.solved_fraction)])
    for cell in nb.cells:
        if not is_solution(cell):
            continue
        name = cell.metadata["nbgrader"]["grade_id"]
        choice = persona.functions.get(name, persona.default if name in solved else "blank")
        cell.source = cell_code(choice, name, by_id[name], cell, mistakes)
    if persona.file == "tamper_tests":
        tests = [c for c in nb.cells if is_test(c)]
        for victim in tests[1:3]:
            nb.cells.remove(victim)
        last = tests[-1]
        last.source = "pass  # trust me"
        last.metadata["nbgrader"]["points"] = 100
    return nb


def write_submission(persona, nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(nb, indent=1, ensure_ascii=False)
    if persona.file == "invalid_json":
        text = text[: len(text) // 2]          # an upload cut short
    path.write_text(text, encoding="utf-8")
    stamp = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone.utc)
    (path.parent / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))


def build_class(course, roster):
    """Write every persona's submission of every assignment into ``submitted/``.

    Only the demo students' folders are replaced; other students' work is never touched.
    """
    mistakes = _mistakes(course)
    written = []
    for persona in roster:
        shutil.rmtree(course.root / "submitted" / persona.student, ignore_errors=True)
        for assignment in course.assignments():
            source_nb = nbformat.read(course.notebook(assignment, "source"), as_version=4)
            release_path = course.notebook(assignment, "release")
            release_nb = nbformat.read(release_path, as_version=4)
            nb = build_submission(persona, source_nb, release_nb, mistakes)
            path = course.root / "submitted" / persona.student / assignment / release_path.name
            write_submission(persona, nb, path)
            written.append(path)
    return written
