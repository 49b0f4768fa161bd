"""A course: its folder, where its parts are, and the nbgrader commands seqlab runs on it.

seqlab is the kit; a course is content it finds through the course's ``nbgrader_config.py``::

    c.Course.checks = "tests/checks"          # hidden checks, pytest files
    c.Course.check_files = {"quiz_*": ["test_quizzes.py"]}   # which checks grade which assignment
    c.Course.solutions = "solutions"          # reference implementations (a package)
    c.Course.mistakes = "tests/mistakes"      # catalogue of known mistakes
    c.Course.alternatives = "tests/alternatives"   # catalogue of correct alternatives
    c.Course.quiz_bank = "solutions/quiz_bank.py"
    c.Course.demo_class = "tests/demo_class.py"    # the bundled demo students
    c.Course.python_path = ["."]              # folders the course's own modules import from

Paths are relative to the course folder (the folder of ``nbgrader_config.py``); the defaults fit
a course laid out like this repository. seqlab never imports course content by name: it imports
the modules these settings point at, with :meth:`Course.import_path` on ``sys.path``.

seqlab never re-implements what nbgrader does: release, autograde, feedback and export are
nbgrader's own converters, run as ``nbgrader <command>`` from the course root so that they read
``nbgrader_config.py`` exactly as a plain ``nbgrader`` command typed there would.
"""
import datetime
import fnmatch
import importlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from traitlets import Dict, List, Unicode
from traitlets.config import Config, Configurable

CONFIG_FILE = "nbgrader_config.py"


class CourseError(Exception):
    """A problem an instructor can fix; shown as one clear message, never a traceback."""


def load_config(root):
    """The course's ``nbgrader_config.py`` as a traitlets ``Config`` (nbgrader is not imported)."""
    from traitlets.config.loader import PyFileConfigLoader
    path = Path(root) / CONFIG_FILE
    if not path.is_file():
        raise CourseError(f"no {CONFIG_FILE} in {root}: run seqlab in a course folder (or pass --course)")
    try:
        return PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as err:  # noqa: BLE001 - a broken config file: say where, never grade with it
        raise CourseError(f"{path} could not be loaded: {type(err).__name__}: {err}") from None


@dataclass(frozen=True)
class CheckSet:
    """The hidden checks of one assignment, as a check run needs them (plain data: it travels to
    grading workers, also on other machines).

    ``files`` are relative to ``root``; ``python_path`` lists the course folders its checks import
    from (e.g. the course root, for ``solutions``). On a machine where ``root`` does not exist (a
    Dask worker with its own clone), the worker's current folder stands for it.
    """
    root: str
    files: tuple
    python_path: tuple = (".",)

    def here(self):
        """(absolute check files, absolute import folders) on this machine."""
        root = Path(self.root) if Path(self.root).is_dir() else Path.cwd()
        return [str(root / f) for f in self.files], [str(root / p) for p in self.python_path]


class Course(Configurable):
    """The course folder and where its parts are (``c.Course.*`` in ``nbgrader_config.py``)."""

    checks = Unicode("tests/checks", help=(
        "Folder of the hidden checks: pytest files whose tests are marked with "
        "seqlab.grading.checklib.check(function, …) and compare the code under test (fixture `impl`) "
        "with the reference.")).tag(config=True)
    check_files = Dict(key_trait=Unicode(), value_trait=List(Unicode()), default_value={}, help=(
        "Which check files (in `checks`) grade which assignment: {assignment name or glob: [file, …]}. "
        "An assignment not listed is graded by `test_<assignment>.py`. Only these files are collected "
        "for a submission of that assignment, so two assignments may grade functions of the same name.")
    ).tag(config=True)
    solutions = Unicode("solutions", help=(
        "Folder (an importable package) of the reference implementations the checks compare with. "
        "It decides grades: a change re-grades every submission (seqlab autograde's fingerprint).")
    ).tag(config=True)
    mistakes = Unicode("tests/mistakes", help=(
        "Folder of the catalogue of known mistakes (modules using seqlab.catalogue.mistake): each "
        "must fail its function's checks and be named; the demo class uses them.")).tag(config=True)
    alternatives = Unicode("tests/alternatives", help=(
        "Folder of the catalogue of correct alternatives (modules using seqlab.catalogue.alternative): "
        "each must pass every hidden check and every self-check.")).tag(config=True)
    quiz_bank = Unicode("solutions/quiz_bank.py", help=(
        "Module of the quiz question bank (seqlab.quiz), or '' for a course without quizzes.")
    ).tag(config=True)
    demo_class = Unicode("tests/demo_class.py", help=(
        "Module whose ROSTER lists the demo students (seqlab.demo.Persona) of `seqlab demo`.")
    ).tag(config=True)
    due_dates = Dict(key_trait=Unicode(), value_trait=Unicode(), default_value={}, help=(
        "The term's due dates, {assignment: ISO 8601 date and time, e.g. '2026-10-05 23:59:00+09:00'} "
        "(without an offset: UTC). seqlab release records them in the gradebook (late penalties, the "
        "class report) and refuses to release an assignment whose provided cells show working code of a "
        "function graded in another assignment before that assignment is due.")).tag(config=True)
    python_path = List(Unicode(), default_value=["."], help=(
        "Folders, relative to the course folder, from which the course's own modules (checks, "
        "solutions, catalogues, bank) import each other; put on sys.path where seqlab loads them.")
    ).tag(config=True)

    def __init__(self, root=None, config=None, **kwargs):
        root = Path(root if root is not None else os.getcwd()).resolve()
        if config is None:
            config = load_config(root) if (root / CONFIG_FILE).is_file() else Config()
        super().__init__(config=config, **kwargs)
        self.root = root

    @property
    def course_id(self):
        """nbgrader's ``c.CourseDirectory.course_id`` (the gradebook's course)."""
        return self.config.get("CourseDirectory", {}).get("course_id") or "default_course"

    def __repr__(self):
        return f"Course({str(self.root)!r})"

    # ------------------------------------------------------------------ folders
    @property
    def source(self):
        return self.root / "source"

    def path(self, relative):
        return self.root / relative

    def assignments(self):
        """Assignment names: the folders of ``source/`` holding a notebook, in name order."""
        if not self.source.is_dir():
            raise CourseError(f"no source/ folder in {self.root}")
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def notebook(self, assignment, kind="source"):
        """``<kind>/<assignment>/<assignment>.ipynb`` (else the folder's first notebook)."""
        folder = self.root / kind / assignment
        own = folder / f"{assignment}.ipynb"
        found = [own] if own.is_file() else sorted(folder.glob("*.ipynb"))
        if not found:
            raise CourseError(f"no notebook in {folder}")
        return found[0]

    def due(self, assignment):
        """The due date of ``assignment`` (an aware datetime), or None."""
        text = self.due_dates.get(assignment)
        if not text:
            return None
        try:
            when = datetime.datetime.fromisoformat(text.strip())
        except ValueError:
            raise CourseError(f"c.Course.due_dates[{assignment!r}] = {text!r} is not an ISO 8601 date "
                              "(e.g. '2026-10-05 23:59:00+09:00')") from None
        return when if when.tzinfo else when.replace(tzinfo=datetime.timezone.utc)

    def graded_functions(self):
        """{function: the assignment whose test cells grade it}, from the source notebooks."""
        import nbformat

        from .grading.notebook import test_cells
        owners = {}
        for assignment in self.assignments():
            nb = nbformat.read(self.notebook(assignment), as_version=4)
            for _, names in test_cells(nb).values():
                for name in names:
                    owners.setdefault(name, assignment)
        return owners

    # ------------------------------------------------------------------ course content
    def check_set(self, assignment):
        """The hidden checks that grade ``assignment`` (:class:`CheckSet`)."""
        names = next((files for pattern, files in self.check_files.items() if fnmatch.fnmatchcase(assignment, pattern)),
                     [f"test_{assignment}.py"])
        files = tuple(str(Path(self.checks) / name) for name in names)
        return CheckSet(str(self.root), files, tuple(self.python_path))

    def all_checks(self):
        """Every check file of the course, one :class:`CheckSet` (for tests of the course itself)."""
        folder = self.path(self.checks)
        files = tuple(str(p.relative_to(self.root)) for p in sorted(folder.glob("test_*.py")))
        return CheckSet(str(self.root), files, tuple(self.python_path))

    def grading_inputs(self):
        """Folders whose content decides every grade besides the assignment's source: the checks
        and the reference solutions (for the resume fingerprint of ``seqlab autograde``)."""
        return [self.path(self.checks), self.path(self.solutions)]

    def on_path(self):
        """Put the course's import folders on ``sys.path`` (first), once."""
        for folder in reversed(self.python_path):
            folder = str((self.root / folder).resolve())
            if folder not in sys.path:
                sys.path.insert(0, folder)

    def import_path(self, relative):
        """Import the module (``x.py``) or package folder at ``relative`` under its dotted name
        relative to the first import folder that holds it (so ``tests/mistakes`` is
        ``tests.mistakes``, as the course's own modules import it)."""
        self.on_path()
        target = (self.root / relative).resolve()
        for folder in self.python_path:
            base = (self.root / folder).resolve()
            try:
                parts = target.relative_to(base).with_suffix("").parts
            except ValueError:
                continue
            if parts:
                try:
                    return importlib.import_module(".".join(parts))
                except ModuleNotFoundError as err:
                    raise CourseError(f"cannot import {relative} of {self.root}: {err}") from None
        raise CourseError(f"{relative} is not inside any of c.Course.python_path {self.python_path}")

    def import_folder(self, relative):
        """Import every module of the package folder ``relative`` (a catalogue); [] if absent."""
        folder = self.root / relative
        if not folder.is_dir():
            return []
        package = self.import_path(relative)
        return [package] + [importlib.import_module(f"{package.__name__}.{p.stem}")
                            for p in sorted(folder.glob("*.py")) if p.stem != "__init__"]

    def also_release(self):
        """The languages each notebook is also released in (``c.Seqlab.also_release``), not the course's own."""
        from .config import Seqlab
        settings = Seqlab(config=self.config)
        return [lang for lang in dict.fromkeys(settings.also_release) if lang != settings.language]

    def limits(self):
        """The student-code limits and sandbox this course configures (for every entry point:
        RunHiddenChecks, ``seqlab autograde``, ``seqlab check``, the notebook kernel)."""
        from .grading.limits import limits_of
        return limits_of(self.config)

    # ------------------------------------------------------------------ nbgrader
    def env(self):
        env = dict(os.environ)
        bindir = str(Path(sys.executable).parent)      # nbgrader shells out to alembic
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        return env

    def nbgrader(self, *args, quiet=True):
        """Run ``nbgrader <args>`` in the course root; return (seconds taken, its output).

        nbgrader exits 1 when one submission could not be processed; its log says which. That
        is reported, not raised: the rest of the class is graded.
        """
        start = time.perf_counter()
        cmd = [sys.executable, "-m", "nbgrader", *args]
        proc = subprocess.run(cmd, cwd=self.root, env=self.env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if "Exception while loading config file" in proc.stdout:
            # nbgrader logs a broken config and carries on without it: never grade like that.
            raise CourseError("nbgrader_config.py could not be loaded:\n" + proc.stdout[:3000])
        if proc.returncode != 0:
            tail = "\n".join(proc.stdout.strip().splitlines()[-15:])
            if "No notebooks found" in proc.stdout or "Traceback" in proc.stdout and proc.returncode not in (1,):
                raise CourseError(f"nbgrader {' '.join(args)} failed:\n{tail}")
            print(f"  note: nbgrader {args[0]} reported problems (exit {proc.returncode}):\n{tail}", file=sys.stderr)
        elif not quiet:
            print(proc.stdout)
        return time.perf_counter() - start, proc.stdout
