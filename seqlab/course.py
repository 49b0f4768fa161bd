"""The course directory and the nbgrader commands seqlab runs on it.

seqlab never re-implements what nbgrader does: release, autograde, feedback and export are
nbgrader's own converters, run as ``nbgrader <command>`` from the course root so that they
read ``nbgrader_config.py`` exactly as a plain ``nbgrader`` command typed there would.
"""
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class CourseError(Exception):
    """A problem an instructor can fix; shown as one clear message, never a traceback."""


@dataclass
class Course:
    root: Path = ROOT

    @property
    def source(self):
        return self.root / "source"

    def assignments(self):
        """Assignment names: the folders of ``source/`` holding a notebook, in name order."""
        if not self.source.is_dir():
            raise CourseError(f"no source/ folder in {self.root}")
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def notebook(self, assignment, kind="source"):
        folder = self.root / kind / assignment
        found = sorted(folder.glob("*.ipynb"))
        if not found:
            raise CourseError(f"no notebook in {folder}")
        return found[0]

    def env(self):
        env = dict(os.environ)
        bindir = str(Path(sys.executable).parent)      # nbgrader shells out to alembic
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        paths = [str(self.root), str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        return env

    def nbgrader(self, *args, quiet=True):
        """Run ``nbgrader <args>`` in the course root; return seconds taken.

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
