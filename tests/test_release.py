"""release/ is what `seqlab release` makes, and nothing in it gives an answer away."""
import ast
import datetime
import filecmp
import io
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from tests.course_copy import ROOT
from seqlab.course import Course
from seqlab.grading.notebook import GRADE_CALL, PROVIDED_TAG, is_solution
from seqlab.pipeline import release
from tests.course_copy import copy_course, course_files

RELEASE = ROOT / "release"
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def released_files():
    files = course_files(RELEASE)
    assert files, "release/ is empty: run `make release`"
    return files


BINARY = {".npz"}       # data files released with an assignment (the decoder's toy weights)


def released_text():
    """{path: text} of every released file but the binary data files; notebooks as their cells'
    sources and outputs."""
    out = {}
    for path in released_files():
        if path.suffix not in BINARY:
            out[path] = path.read_text(encoding="utf-8")
    return out


def code_lines(source):
    """Distinctive code lines (normalised) — short or generic lines prove nothing, nor do loop and
    context headers (`for t in range(T):` is in every recurrent network)."""
    lines = set()
    for line in source.splitlines():
        line = " ".join(line.split())
        header = line.startswith(("for ", "while ", "with ")) and line.endswith(":")
        boilerplate = line == "super().__init__()"         # every nn.Module's first line, stubs included
        if len(line) >= 18 and not header and not boilerplate and not line.startswith(("#", '"""', "def ", "class ", "return None")) \
                and any(ch in line for ch in "=(@*"):
            lines.add(line)
    return lines


def _segment(lines, node):
    """``ast.get_source_segment`` on a file already split into lines (that function splits the
    whole file again on every call: quadratic in the solutions' and checks' length)."""
    if getattr(node, "end_lineno", None) is None:
        return ""
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first].encode()[node.col_offset:node.end_col_offset].decode()
    head = lines[first].encode()[node.col_offset:].decode()
    tail = lines[last].encode()[:node.end_col_offset].decode()
    return "".join([head, *lines[first + 1:last], tail])


def _without_docstrings(text, top, lines=None):
    """The source of a top-level function or class without its docstrings (nested ones too): a
    docstring states the contract (shapes, formula), which SPEC.md and the released stubs state."""
    lines = lines if lines is not None else io.StringIO(text, newline="").readlines()
    body = _segment(lines, top)
    for node in ast.walk(top):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                body = body.replace(_segment(lines, first), "")
    return body


@lru_cache(maxsize=None)
def _course():
    """The course of this repository and its {graded function: assignment} (read once per run)."""
    course = Course(ROOT)
    return course, course.graded_functions()


@lru_cache(maxsize=None)
def secret_lines():
    """{line: [(where it comes from, the assignment that grades it or None), …]} for the lines of
    the instructor's solution regions, the reference solutions and the hidden checks (a nested
    function belongs to the function around it). A line of an assignment's answers may appear in
    another assignment's release once the first is due; a line of a hidden check, or of a
    reference function no assignment grades, never."""
    owners = _course()[1]
    secrets = {}
    for nb_path in sorted((ROOT / "source").glob("*/*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if is_solution(cell):
                for region in SOLUTION_REGION.findall(cell.source):
                    for line in code_lines(region):
                        secrets.setdefault(line, []).append((f"solution region of {nb_path.name}", nb_path.parent.name))
    for py in sorted((ROOT / "solutions").glob("*.py")) + sorted((ROOT / "tests" / "checks").glob("*.py")):
        text = py.read_text(encoding="utf-8")
        lines = io.StringIO(text, newline="").readlines()
        for top in ast.parse(text).body:
            if isinstance(top, (ast.FunctionDef, ast.ClassDef)):
                owner = owners.get(top.name) if py.parent.name == "solutions" else None
                for line in code_lines(_without_docstrings(text, top, lines)):
                    secrets.setdefault(line, []).append((str(py.relative_to(ROOT)), owner))
    return secrets


def helper_lines(nb, owners):
    """Lines of provided cells that show only helpers no assignment grades (the lab's data maker):
    they are there to be read. A provided cell with a graded function keeps the due-date rule."""
    lines = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and PROVIDED_TAG in cell.metadata.get("tags", []):
            names = re.findall(r"^(?:def|class)\s+(\w+)", cell.source, re.M)
            if names and not any(name in owners for name in names):
                lines |= code_lines(cell.source)
    return lines


def leaks_in(path, text, secrets, as_of):
    """The secret lines in one released file that its assignment may not show as of ``as_of``: a
    line of a hidden check or of an ungraded reference function, or a line that no assignment
    other than this one, already due, has among its answers (a line that is also in the answers
    of an earlier assignment, e.g. the masking idiom in a provided attention cell, is shown with
    them once they are due)."""
    course, owners = _course()
    assignment = path.relative_to(RELEASE).parts[0]
    shown = set()
    if path.suffix == ".ipynb":
        nb = nbformat.reads(text, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        shown = helper_lines(nb, owners)

    out = []
    for line in sorted(code_lines(text) & set(secrets) - shown):
        sources = secrets[line]

        def shown_since_due(owner):
            due = course.due(owner) if owner else None
            return owner is not None and owner != assignment and due is not None and due <= as_of

        if any(owner is None for _, owner in sources) or not any(shown_since_due(owner) for _, owner in sources):
            origin, owner = next(((o, w) for o, w in sources if w is None), sources[0])
            out.append(f"{path.relative_to(ROOT)}: {line!r} (from {origin}" + (f", graded in {owner}" if owner else "") + ")")
    return out


def test_release_has_no_solution_or_hidden_test_markers():
    for path, text in released_text().items():
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{path}: {marker}"
        assert not GRADE_CALL.search(text.replace("\\n", "\n")), f"{path}: a hidden grade(...) call"


def test_release_contains_no_solution_or_check_code():
    """No released file holds a line of its own answers, of the hidden checks, or of an earlier
    assignment's answers before that assignment's due date (as of now)."""
    secrets = secret_lines()
    assert len(secrets) > 50            # the scan has something to look for
    now = datetime.datetime.now(datetime.timezone.utc)
    leaks = [leak for path, text in released_text().items() for leak in leaks_in(path, text, secrets, now)]
    assert not leaks, "\n".join(leaks)


def test_the_scan_finds_earlier_answers_before_their_due_date():
    """Run on a date before the attention assignment is due, the same scan flags the provided
    cells of positional, transformer and decoder: working attention code (it is not vacuous)."""
    secrets = secret_lines()
    before = Course(ROOT).due("attention") - datetime.timedelta(days=1)
    flagged = {path.relative_to(RELEASE).parts[0] for path, text in released_text().items()
               if leaks_in(path, text, secrets, before)}
    assert flagged == {"positional", "transformer", "decoder"}


@pytest.mark.slow
def test_release_before_the_due_date_is_refused_with_the_reason(tmp_path):
    course = copy_course(tmp_path / "course", with_release=False)
    before = Course(ROOT).due("attention") - datetime.timedelta(hours=1)
    _, log = course.nbgrader("generate_assignment", "transformer", "--force", "--create",
                             f"--ProvidedAfterDue.as_of={before.isoformat()}")
    assert "transformer is not released" in log and "multi_head_attention of attention (due 2026-10-12" in log
    assert not list((course.root / "release").glob("transformer/*.ipynb"))


def test_release_does_not_reach_for_the_grader():
    for path, text in released_text().items():
        assert not re.search(r"\b(import|from)\s+(solutions|tests)\b", text), path
        assert "gradebook" not in text.lower(), path


def test_released_notebooks_have_stubs_and_no_outputs():
    for nb_path in RELEASE.glob("*/*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        stubs = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
        blank = [c for c in stubs if "raise NotImplementedError" in c.source            # a function's stub
                 or c.source.rstrip().endswith(f"{c.metadata.nbgrader.grade_id} = None")]   # a quiz answer
        assert stubs and blank == stubs
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_scan_catches_a_leak(tmp_path):
    """The scan is not vacuous: a release with one solution line pasted in fails it."""
    secrets = secret_lines()
    leaked = next(line for line, sources in secrets.items() if any(owner is None for _, owner in sources))
    assert code_lines(f"x = 1\n    {leaked}\n") & set(secrets)


@pytest.mark.slow
def test_committed_release_is_what_the_release_command_makes(tmp_path):
    course = copy_course(tmp_path / "course", with_release=False)
    release(course)
    fresh, committed = course.root / "release", RELEASE
    made = [p.relative_to(fresh) for p in course_files(fresh)]
    have = [p.relative_to(committed) for p in course_files(committed)]
    assert made == have
    for rel in made:
        assert filecmp.cmp(fresh / rel, committed / rel, shallow=False), f"release/{rel} is stale: run `make release`"


@pytest.mark.slow
def test_korean_release_is_one_setting_away(tmp_path):
    """`c.Seqlab.language = "ko"` (here on the command line) releases the Korean notebook."""
    course = copy_course(tmp_path / "course", with_release=False)
    english = nbformat.read(RELEASE / "recurrent" / "recurrent.ipynb", as_version=4)
    course.nbgrader("generate_assignment", "recurrent", "--force", "--create", "--Seqlab.language=ko")
    korean = nbformat.read(course.root / "release" / "recurrent" / "recurrent.ipynb", as_version=4)
    hangul = re.compile("[\uac00-\ud7a3]")
    ko_md = [c.source for c in korean.cells if c.cell_type == "markdown"]
    en_md = [c.source for c in english.cells if c.cell_type == "markdown"]
    assert len(ko_md) == len(en_md) and all(hangul.search(t) for t in ko_md if len(t) > 40)
    assert not any(hangul.search(t) for t in en_md)
    setup = next(c.source for c in korean.cells if c.get("id") == "setup")
    assert 'use_language("ko")' in setup
    stubs = [c.source for c in korean.cells if is_solution(c)]
    assert stubs and all(hangul.search(s) for s in stubs)      # docstrings in Korean too


def nbgrader_cells(nb):
    """What nbgrader records of a released notebook: its graded and locked cells (id, kind,
    points; the source of the locked ones, which autograde restores)."""
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta and (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            out.append((meta["grade_id"], meta.get("grade"), meta.get("solution"), meta.get("points"),
                        cell.source if meta.get("locked") else None))
    return out


@pytest.mark.slow
def test_both_languages_release_the_same_gradebook(tmp_path):
    """One source serves both languages: the Korean release records exactly the English release's
    nbgrader cells, so it can be released after students handed in the English one (nbgrader
    refuses a release that adds or removes cells once there are submissions), into one gradebook."""
    from nbgrader.api import Gradebook
    course = copy_course(tmp_path / "course", with_release=False)
    assignments = [a for a in course.assignments() if a in ("recurrent", "quiz_review")]
    released = {}
    for lang in ("en", "ko"):
        for a in assignments:
            _, log = course.nbgrader("generate_assignment", a, "--force", "--create", f"--Seqlab.language={lang}")
            assert "Cannot add or remove cells" not in log, log
            released[(lang, a)] = nbformat.read(course.notebook(a, "release"), as_version=4)
        if lang == "en":      # students hand in the English release
            with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
                gb.add_student("s1")
                for a in assignments:
                    gb.add_submission(a, "s1")
    for a in assignments:
        assert nbgrader_cells(released[("en", a)]) == nbgrader_cells(released[("ko", a)]), a
        assert released[("ko", a)].metadata["seqlab"]["language"] == "ko"
