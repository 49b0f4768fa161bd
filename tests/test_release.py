"""release/ is what `seqlab release` makes, and nothing in it gives an answer away."""
import ast
import filecmp
import re
from pathlib import Path

import nbformat
import pytest

from seqlab.course import ROOT
from seqlab.grading.notebook import GRADE_CALL, is_solution
from seqlab.pipeline import release
from tests.course_copy import copy_course

RELEASE = ROOT / "release"
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def released_files():
    files = sorted(p for p in RELEASE.rglob("*") if p.is_file())
    assert files, "release/ is empty: run `make release`"
    return files


def released_text():
    """{path: text} of every released file; notebooks as their cells' sources and outputs."""
    out = {}
    for path in released_files():
        out[path] = path.read_text(encoding="utf-8")
    return out


def code_lines(source):
    """Distinctive code lines (normalised) — short or generic lines prove nothing."""
    lines = set()
    for line in source.splitlines():
        line = " ".join(line.split())
        if len(line) >= 18 and not line.startswith(("#", '"""', "def ", "return None")) and any(ch in line for ch in "=(@*"):
            lines.add(line)
    return lines


def secret_lines():
    """Lines of the instructor's solution regions, the reference solutions and the hidden checks."""
    secrets = {}
    for nb_path in (ROOT / "source").glob("*/*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if is_solution(cell):
                for region in SOLUTION_REGION.findall(cell.source):
                    secrets.update({line: f"solution region of {nb_path.name}" for line in code_lines(region)})
    for py in list((ROOT / "solutions").glob("*.py")) + list((ROOT / "tests" / "checks").glob("*.py")):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                body = ast.get_source_segment(py.read_text(encoding="utf-8"), node) or ""
                doc = ast.get_docstring(node) or ""
                body = body.replace(doc, "")
                secrets.update({line: str(py.relative_to(ROOT)) for line in code_lines(body)})
    return secrets


def test_release_has_no_solution_or_hidden_test_markers():
    for path, text in released_text().items():
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{path}: {marker}"
        assert not GRADE_CALL.search(text.replace("\\n", "\n")), f"{path}: a hidden grade(...) call"


def test_release_contains_no_solution_or_check_code():
    secrets = secret_lines()
    assert len(secrets) > 50            # the scan has something to look for
    leaks = []
    for path, text in released_text().items():
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            text = "\n".join(c.source for c in nb.cells)
        found = code_lines(text) & set(secrets)
        leaks += [f"{path.relative_to(ROOT)}: {line!r} (from {secrets[line]})" for line in sorted(found)]
    assert not leaks, "\n".join(leaks)


def test_release_does_not_reach_for_the_grader():
    for path, text in released_text().items():
        assert not re.search(r"\b(import|from)\s+(solutions|tests)\b", text), path
        assert "gradebook" not in text.lower(), path


def test_released_notebooks_have_stubs_and_no_outputs():
    for nb_path in RELEASE.glob("*/*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        stubs = [c for c in nb.cells if is_solution(c)]
        assert stubs and all("raise NotImplementedError" in c.source for c in stubs)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_scan_catches_a_leak(tmp_path):
    """The scan is not vacuous: a release with one solution line pasted in fails it."""
    secrets = secret_lines()
    leaked = next(iter(secrets))
    assert code_lines(f"x = 1\n    {leaked}\n") & set(secrets)


def test_committed_release_is_what_the_release_command_makes(tmp_path):
    course = copy_course(tmp_path / "course", with_release=False)
    release(course)
    fresh, committed = course.root / "release", RELEASE
    made = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    have = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert made == have
    for rel in made:
        assert filecmp.cmp(fresh / rel, committed / rel, shallow=False), f"release/{rel} is stale: run `make release`"


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
    setup = next(c.source for c in korean.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    assert 'LANG = "ko"' in setup
    stubs = [c.source for c in korean.cells if is_solution(c)]
    assert stubs and all(hangul.search(s) for s in stubs)      # docstrings in Korean too
