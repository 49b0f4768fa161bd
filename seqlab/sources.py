"""Assignment notebooks written as text: ``source/<a>/<a>.nb.py`` → ``source/<a>/<a>.ipynb``.

The text is Jupytext's *percent* format — a Python file whose cells start with ``# %%`` lines, as
the Annotated Transformer is written — so that a person reads and diffs it; the nbgrader source
notebook is generated from it (``python -m seqlab build``) and never edited by hand
(``python -m seqlab build --check`` and the tests fail when it is stale). A cell's header says
what it is::

    # %% [markdown] lang="en"        prose in one language (lang="ko": the Korean twin); without
                                     lang: shared by both languages
    # %% setup                       the read-only set-up cell (imports, the self-check language)
    # %% solution                    a graded stub: one `def`/`class` (its name is the grade id),
                                     docstring, and the ### BEGIN/END SOLUTION region
    # %% test="lstm_gates" points=2  the autograded test cell of that function: `check(fn)` for
                                     the student, `grade("fn")` for the hidden checks (generated)
    # %% picture                     a read-only cell that draws with the student's functions
    # %% provided="attention:softmax,split_heads"
                                     read-only working versions of functions graded in an earlier
                                     assignment, generated from the course's solutions module
                                     (code only: docstrings and comments left out); the cell's own
                                     lines, imports only, come first (``import torch``: the
                                     grader's student process runs only solution and provided cells)
    # %% [markdown] written="why_pe" points=3
                                     a written answer, graded by hand in formgrader: the model
                                     answer between ### BEGIN SOLUTION and ### END SOLUTION
                                     (released as "YOUR ANSWER HERE")
    # %% [markdown] mark_scheme="why_pe"
                                     its rubric for graders, locked, between
                                     === BEGIN MARK SCHEME === and === END MARK SCHEME ===
                                     (removed at release and from the feedback)
    # %%                             an ordinary code cell

Inside any cell, lines between ``[en]`` and ``[/]`` (or ``[ko]`` … ``[/]``) belong to one
language (see :mod:`seqlab.i18n`). Only solution and test cells are nbgrader cells, so the
gradebook's view of an assignment is the same in both languages; the other read-only cells are
marked ``editable: false`` for JupyterLab.
"""
import ast
import filecmp
import inspect
import os
import tempfile
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .course import CourseError
from .grading.notebook import PROVIDED_TAG
from .i18n import LANGUAGES

SUFFIX = ".nb.py"
READ_ONLY = {"editable": False, "deletable": False}
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def _nbgrader(**meta):
    out = {"grade": False, "solution": False, "locked": False, "schema_version": 3}
    out.update(meta)
    return {"nbgrader": out}


def text_sources(course):
    """{assignment: path of its text source} for the course's ``source/<a>/<a>.nb.py``."""
    if not course.source.is_dir():
        return {}
    return {p.parent.name: p for p in sorted(course.source.glob(f"*/*{SUFFIX}"))
            if p.name == p.parent.name + SUFFIX}


def _defined_name(source, where):
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise CourseError(f"{where}: the code does not parse (line {err.lineno}: {err.msg})") from None
    names = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    if len(names) != 1:
        raise CourseError(f"{where}: a solution cell defines exactly one function or class (found {names or 'none'})")
    return names[0]


def _without_docstrings(node):
    for child in ast.walk(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and child.body:
            first = child.body[0]
            if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant) \
                    and isinstance(first.value.value, str):
                child.body = child.body[1:] or [ast.Pass()]
    return node


def provided_source(course, spec, where):
    """The code of ``module:fn1,fn2`` from the course's solutions: the functions as they are
    there, without docstrings and comments (so the cell reads the same in both languages)."""
    module_name, _, names = spec.partition(":")
    names = [n.strip() for n in names.split(",") if n.strip()]
    if not module_name or not names:
        raise CourseError(f'{where}: write provided="module:function,function"')
    module = course.import_path(f"{course.solutions}/{module_name}.py")
    tree = ast.parse(inspect.getsource(module))
    found = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    missing = [n for n in names if n not in found]
    if missing:
        raise CourseError(f"{where}: {course.solutions}/{module_name}.py has no {', '.join(missing)}")
    return "\n\n\n".join(ast.unparse(_without_docstrings(found[n])) for n in names)


def _imports_only(source, where):
    """A provided cell's own lines: import statements only (or nothing)."""
    if not source.strip():
        return ""
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise CourseError(f"{where}: the code does not parse (line {err.lineno}: {err.msg})") from None
    if not all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body):
        raise CourseError(f"{where}: a provided cell's own lines are imports only (its code is generated)")
    return source.strip("\n")


def _written_cell(meta, source, where):
    """A written answer (``written="id" points=3``: nbgrader's manually graded markdown task) or its
    mark scheme (``mark_scheme="id"``: a locked cell, not a task, so formgrader's queue holds only
    answers), as the quiz notebooks write them (:mod:`seqlab.quiz.build`)."""
    if "written" in meta and "mark_scheme" in meta:
        raise CourseError(f"{where}: a cell is a written answer or a mark scheme, not both")
    if "lang" in meta:
        raise CourseError(f"{where}: a written answer or mark scheme holds both languages (no lang=)")
    if "written" in meta:
        qid, points = str(meta.pop("written")), meta.pop("points", None)
        if not isinstance(points, (int, float)) or points <= 0:
            raise CourseError(f'{where}: a written answer needs points, e.g. # %% [markdown] written="{qid}" points=3')
        if "### BEGIN SOLUTION" not in source or "### END SOLUTION" not in source:
            raise CourseError(f"{where}: the written answer {qid} holds its model answer between ### BEGIN SOLUTION "
                              "and ### END SOLUTION")
        grade_id = f"answer_{qid}"
        nbgrader = _nbgrader(grade=True, solution=True, locked=False, grade_id=grade_id, points=points)
    else:
        qid = str(meta.pop("mark_scheme"))
        if "=== BEGIN MARK SCHEME ===" not in source or "=== END MARK SCHEME ===" not in source:
            raise CourseError(f"{where}: the mark scheme of {qid} sits between === BEGIN MARK SCHEME === and "
                              "=== END MARK SCHEME ===")
        grade_id = f"mark_scheme_{qid}"
        nbgrader = _nbgrader(locked=True, grade_id=grade_id)
    return new_markdown_cell(source, id=grade_id, metadata=nbgrader)


def build_notebook(text, course, where="notebook"):
    """The nbgrader source notebook written in ``text`` (percent format; see the module doc)."""
    import jupytext
    parsed = jupytext.reads(text, fmt="py:percent")
    cells = []
    for index, cell in enumerate(parsed.cells):
        meta = {k: v for k, v in cell.metadata.items() if k != "lines_to_next_cell"}
        here = f"{where}, cell {index + 1}"
        source = cell.source.strip("\n")
        if cell.cell_type == "markdown":
            if "written" in meta or "mark_scheme" in meta:
                cells.append(_written_cell(meta, source, here))
                if meta:
                    raise CourseError(f"{here}: unknown settings {sorted(meta)}")
                continue
            lang = meta.pop("lang", None)
            if lang is not None and lang not in LANGUAGES:
                raise CourseError(f"{here}: lang must be one of {', '.join(LANGUAGES)}")
            extra = {"seqlab": {"lang": lang}} if lang else {}
            cells.append(new_markdown_cell(source, id=f"md-{index}" + (f"-{lang}" if lang else ""),
                                           metadata={**READ_ONLY, **extra}))
            if meta:
                raise CourseError(f"{here}: unknown settings {sorted(meta)}")
            continue
        if cell.cell_type != "code":
            raise CourseError(f"{here}: only markdown and code cells")
        kind = meta.pop("title", None)
        if "test" in meta:
            fn = meta.pop("test")
            points = meta.pop("points", None)
            if not isinstance(points, (int, float)) or points <= 0:
                raise CourseError(f'{here}: a test cell needs points, e.g. # %% test="{fn}" points=1')
            if source:
                raise CourseError(f"{here}: a test cell's code is generated; leave it empty")
            code = f'check({fn})\n### BEGIN HIDDEN TESTS\ngrade("{fn}")\n### END HIDDEN TESTS'
            cells.append(new_code_cell(code, id=f"test_{fn}", metadata=_nbgrader(
                grade=True, grade_id=f"test_{fn}", locked=True, points=points)))
        elif "provided" in meta:
            spec = meta.pop("provided")
            code = provided_source(course, spec, here)
            head = _imports_only(source, here)
            extra = {"imports": head} if head else {}
            cells.append(new_code_cell(head + "\n\n\n" + code if head else code, id=f"provided-{index}", metadata={
                **READ_ONLY, "tags": [PROVIDED_TAG], "seqlab": {"provided": spec, **extra}}))
        elif kind == "solution":
            name = _defined_name(source, here)
            if "### BEGIN SOLUTION" not in source:
                raise CourseError(f"{here}: the solution of {name} needs a ### BEGIN SOLUTION … ### END SOLUTION region")
            cells.append(new_code_cell(source, id=name, metadata=_nbgrader(solution=True, grade_id=name)))
        elif kind in ("setup", "picture"):
            cells.append(new_code_cell(source, id=kind if kind == "setup" else f"picture-{index}",
                                       metadata=dict(READ_ONLY)))
        elif kind is None:
            cells.append(new_code_cell(source, id=f"code-{index}"))
        else:
            raise CourseError(f"{here}: unknown cell kind {kind!r} (setup, solution, picture, test=…, provided=…)")
        if meta:
            raise CourseError(f"{here}: unknown settings {sorted(meta)}")
    nb = new_notebook(cells=cells, metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


def core_link(folder):
    """``folder/seqlab_selfcheck.py``: a relative symlink to the kit's self-check core, which nbgrader
    copies as a file into the release and the autograded folders."""
    core = Path(__file__).resolve().with_name("selfcheck.py")
    link = Path(folder) / "seqlab_selfcheck.py"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(core, Path(folder).resolve()), link)
    return link


def build(course, assignments=None, root=None):
    """Write ``source/<a>/<a>.ipynb`` (and the self-check core's link) from each text source, under
    ``root`` (default: the course folder). Returns the folders written."""
    written = []
    for assignment, path in text_sources(course).items():
        if assignments and assignment not in assignments:
            continue
        nb = build_notebook(path.read_text(encoding="utf-8"), course, where=str(path.relative_to(course.root)))
        folder = Path(root or course.root) / "source" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{assignment}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        core_link(folder)
        written.append(folder)
    return written


def stale_files(course):
    """Generated files of ``source/`` that differ from what :func:`build` makes (empty: current)."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in build(course, root=tmp):
            here = course.source / folder.name
            for made in sorted(folder.iterdir()):
                have = here / made.name
                if made.is_symlink():      # the core: the same file, wherever the link starts
                    same = have.exists() and have.resolve() == made.resolve()
                else:
                    same = have.is_file() and filecmp.cmp(made, have, shallow=False)
                if not same:
                    stale.append(str(have.relative_to(course.root)))
    return stale


def to_text(nb):
    """The percent-format text of an nbgrader source notebook (``seqlab text``): the inverse of
    :func:`build_notebook` for notebooks written with the conventions above, and the way to bring
    an existing nbgrader notebook to a text source (provided cells come back as plain code)."""
    import jupytext
    cells = []
    for cell in nb.cells:
        meta, src = cell.get("metadata", {}), cell.source.strip("\n")
        nbg = meta.get("nbgrader", {})
        if cell.cell_type == "markdown":
            grade_id = nbg.get("grade_id", "")
            if nbg.get("solution") and nbg.get("grade") and grade_id.startswith("answer_"):
                cells.append(nbformat.v4.new_markdown_cell(src, metadata={
                    "written": grade_id[len("answer_"):], "points": nbg.get("points", 0)}))
                continue
            if grade_id.startswith("mark_scheme_") and not nbg.get("grade") and not nbg.get("solution"):
                cells.append(nbformat.v4.new_markdown_cell(src, metadata={"mark_scheme": grade_id[len("mark_scheme_"):]}))
                continue
            lang = meta.get("seqlab", {}).get("lang")
            cells.append(nbformat.v4.new_markdown_cell(src, metadata={"lang": lang} if lang else {}))
            continue
        if nbg.get("grade") and not nbg.get("solution"):
            fn = nbg["grade_id"][len("test_"):] if nbg["grade_id"].startswith("test_") else nbg["grade_id"]
            cells.append(new_code_cell("", metadata={"test": fn, "points": nbg.get("points", 0)}))
            continue
        if meta.get("seqlab", {}).get("provided"):
            cells.append(new_code_cell(meta["seqlab"].get("imports", ""), metadata={"provided": meta["seqlab"]["provided"]}))
            continue
        if nbg.get("solution"):
            kind = "solution"
        elif nbg.get("grade_id") == "setup" or meta.get("id") == "setup" or cell.get("id") == "setup":
            kind = "setup"
        elif not meta.get("editable", True) or nbg.get("locked"):
            kind = "picture"
        else:
            kind = None
        cells.append(new_code_cell(src, metadata={"title": kind} if kind else {}))
    text = jupytext.writes(new_notebook(cells=cells, metadata={"jupytext": {"notebook_metadata_filter": "-all"}}),
                           fmt="py:percent")
    return text
