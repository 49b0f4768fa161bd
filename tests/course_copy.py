"""A throwaway copy of the course (source, release, config) for tests that run nbgrader."""
import shutil
from pathlib import Path

from seqlab.course import ROOT, Course


def copy_course(dest: Path, with_release=True) -> Course:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "source", dest / "source", symlinks=False)
    if with_release and (ROOT / "release").is_dir():
        shutil.copytree(ROOT / "release", dest / "release")
    shutil.copy(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    return Course(root=dest)
