"""A throwaway copy of this course (its folder, not the kit) for tests that run nbgrader."""
import shutil
from pathlib import Path

from seqlab.course import Course

ROOT = Path(__file__).resolve().parents[1]
NOT_COURSE_FILES = ("__pycache__", ".ipynb_checkpoints")     # made by running things, never released or copied


def course_files(root: Path) -> list:
    """The files under ``root``, without what Python and Jupyter leave behind when a test imports a
    released selfcheck.py or opens a notebook there (nbgrader ignores these too)."""
    return sorted(p for p in Path(root).rglob("*")
                  if p.is_file() and not any(part in NOT_COURSE_FILES for part in p.relative_to(root).parts))


def copy_course(dest: Path, with_release=True) -> Course:
    """source/, release/, nbgrader_config.py and every course part the configuration names
    (checks, solutions, catalogues, demo class), copied into ``dest``."""
    here = Course(ROOT)
    dest.mkdir(parents=True, exist_ok=True)
    parts = ["source", "nbgrader_config.py", here.checks, here.solutions, here.mistakes, here.alternatives,
             here.demo_class] + (["release"] if with_release else [])
    ignore = shutil.ignore_patterns(*NOT_COURSE_FILES)
    for part in dict.fromkeys(p for p in parts if p):
        src, dst = ROOT / part, dest / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=ignore)
        elif src.is_file():
            shutil.copy(src, dst)
    return Course(root=dest)
