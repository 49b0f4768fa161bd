"""The kit and the course, apart: seqlab/ imports no course content by name, and everything it
needs of a course is a documented setting of c.Course (tests/test_authoring_guide.py builds a
second course on it)."""
import ast

from seqlab.course import Course
from tests.course_copy import ROOT

KIT = ROOT / "seqlab"


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.args[0].value


def test_the_kit_imports_no_course_module_by_name():
    course_modules = ("solutions", "tests")
    found = [(str(p.relative_to(ROOT)), m) for p in sorted(KIT.rglob("*.py")) for m in imported_modules(p)
             if m.split(".")[0] in course_modules]
    assert found == []


def test_the_scan_would_see_such_an_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import importlib\nfrom solutions import quiz_bank\nimportlib.import_module('tests.mistakes')\n")
    assert {m.split(".")[0] for m in imported_modules(probe)} >= {"solutions", "tests"}


def test_every_course_setting_is_documented():
    traits = Course.class_traits(config=True)
    assert {"checks", "check_files", "solutions", "mistakes", "alternatives", "quiz_bank", "demo_class",
            "due_dates", "python_path"} <= set(traits)
    assert all(len(t.help) > 40 for t in traits.values())
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert all(f"c.Course.{name}" in guide for name in traits)
