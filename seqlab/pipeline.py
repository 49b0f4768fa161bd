"""The course pipeline as library calls: each step is one nbgrader command on the course root."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .course import Course, CourseError


class ReleaseError(CourseError):
    """Some assignments were not released; their ``release/<assignment>/`` is as it was."""

    def __init__(self, failed, released):
        self.failed, self.released = failed, released       # {assignment: reason}, {assignment: seconds}
        super().__init__("\n".join(f"{a} not released: {why} (release/{a}/ is unchanged)" for a, why in failed.items()))


def release(course: Course, assignments=None):
    """``nbgrader generate_assignment`` for each assignment; returns {assignment: seconds}.

    Each assignment is generated into a scratch folder of the course root and swapped into
    ``release/<assignment>/`` only when nbgrader succeeded, so a refusal (e.g. "Cannot add or remove
    cells … because there are submissions") leaves the previous release in place. Raises
    :class:`ReleaseError` naming each failed assignment and why, after trying all of them.
    """
    released, failed = {}, {}
    for a in assignments or course.assignments():
        start = time.perf_counter()
        why = _release_one(course, a)
        if why is None:
            released[a] = time.perf_counter() - start
        else:
            failed[a] = why
    if failed:
        raise ReleaseError(failed, released)
    return released


def _release_one(course: Course, assignment):
    """Generate ``assignment`` and swap it into ``release/``; None, or why it failed (one line)."""
    scratch = Path(tempfile.mkdtemp(prefix=".seqlab-release-", dir=course.root))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force", "--create",
             f"--CourseDirectory.release_directory={scratch.name}"],
            cwd=course.root, env=course.env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        made = scratch / assignment
        if "Exception while loading config file" in proc.stdout:
            return "nbgrader_config.py could not be loaded"
        if proc.returncode != 0 or not any(made.glob("*.ipynb")):
            return _reason(proc.stdout) or f"nbgrader generate_assignment exited {proc.returncode}"
        target = course.root / "release" / assignment
        target.parent.mkdir(exist_ok=True)
        previous = scratch / f"{assignment}.previous"
        if target.exists():
            target.rename(previous)
        try:
            made.rename(target)
        except OSError as err:
            if previous.exists():
                previous.rename(target)
            return f"could not move the new release into place: {err}"
        return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _reason(log):
    """The line of nbgrader's log that says why: the last exception message, else the last error."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        m = re.match(r"^(?:[\w.]+\.)?(\w+(?:Error|Exception)): (.+)$", line)
        if m:
            return m.group(2)
    errors = [line for line in lines if "| ERROR]" in line]
    return errors[-1].split("]", 1)[1].strip() if errors else None


def autograde(course: Course, assignment):
    """``nbgrader autograde`` on every submission of ``assignment``; returns seconds."""
    return course.nbgrader("autograde", assignment, "--force", "--create")[0]


def feedback(course: Course, assignment):
    return course.nbgrader("generate_feedback", assignment, "--force")[0]


def export(course: Course, path=None):
    path = path or course.root / "grades.csv"
    course.nbgrader("export", "--to", str(path))
    return path


def class_scores(course: Course, assignments, students):
    """{student: {assignment: (score, max_score, needs_manual_grade)}} from nbgrader's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    out = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        for s in students:
            for a in assignments:
                try:
                    sub = gb.find_submission(a, s)
                    out.setdefault(s, {})[a] = (sub.score, sub.max_score, sub.needs_manual_grade)
                except MissingEntry:
                    out.setdefault(s, {})[a] = (None, None, None)
    return out


def feedback_all(course: Course, assignments, workers=None):
    """``nbgrader generate_feedback`` for several assignments, ``workers`` commands at a time
    (default: one per core); returns seconds.

    Each command is plain nbgrader on one assignment; they only read the gradebook and each writes
    its own ``feedback/<student>/<assignment>/``, so running them side by side produces exactly what
    running them one after another does. A page takes nbgrader about a second of CPU (most of it
    nbconvert's HTML), so a class's feedback is worth spreading over the cores.
    """
    import concurrent.futures as cf
    start = time.perf_counter()
    # the largest first (most autograded notebooks, quizzes' pages are the heaviest): the pool ends evenly
    size = {a: sum(p.stat().st_size for p in (course.root / "autograded").glob(f"*/{a}/*.ipynb")) for a in assignments}
    order = sorted(assignments, key=lambda a: -size[a])
    with cf.ThreadPoolExecutor(max_workers=max(1, workers or os.cpu_count() or 1)) as pool:
        for future in [pool.submit(feedback, course, a) for a in order]:
            future.result()
    return time.perf_counter() - start


def run_demo(course: Course, roster, log=print, workers=None):
    """Release, build the demo class, autograde with ``seqlab autograde`` (parallel: the kit's own
    path), feedback, export, class report. Returns timings and scores.

    Plain ``nbgrader autograde`` grades the same (tests/test_fast_autograde.py compares them); the
    demo shows the kit's speed. The demo students are enrolled with their names and the term's due
    dates are recorded in the gradebook (:func:`seqlab.demo.enrol`), so formgrader shows names and
    nbgrader knows which hand-ins are late.
    """
    from .autograde import autograde_all
    from .demo import build_class, enrol
    started = time.perf_counter()
    steps = {}
    assignments = course.assignments()
    log(f"seqlab demo: {len(assignments)} assignment(s), {len(roster)} demo students, course root {course.root}")
    t = release(course, assignments)
    steps["release"] = time.perf_counter() - started
    log(f"[1/6] released {', '.join(assignments)} → release/   ({steps['release']:.1f} s)")
    mark = time.perf_counter()
    written = build_class(course, roster)
    enrol(course, roster)
    steps["class"] = time.perf_counter() - mark
    missing = sum(len(p.missing) for p in roster)
    log(f"[2/6] wrote {len(written)} demo submissions → submitted/ ({missing} not handed in); "
        f"students and due dates → gradebook.db   ({steps['class']:.1f} s)")
    mark = time.perf_counter()
    results = autograde_all(course, assignments, workers=workers, force=True, log=log)
    steps["autograde"] = time.perf_counter() - mark
    graded = sum(r["graded"] for r in results.values())
    log(f"[3/6] seqlab autograde: {graded} submissions of {len(assignments)} assignments in "
        f"{steps['autograde']:.1f} s ({graded / max(steps['autograde'], 1e-9):.1f}/s, {workers or os.cpu_count()} "
        f"workers) → autograded/")
    mark = time.perf_counter()
    feedback_all(course, assignments, workers)
    steps["feedback"] = time.perf_counter() - mark
    log(f"[4/6] feedback HTML → feedback/<student>/<assignment>/   ({steps['feedback']:.1f} s)")
    mark = time.perf_counter()
    csv = export(course)
    steps["export"] = time.perf_counter() - mark
    log(f"[5/6] grades → {csv}   ({steps['export']:.1f} s)")
    mark = time.perf_counter()
    from .report import collect, write
    report = write(course, collect(course, assignments))
    steps["report"] = time.perf_counter() - mark
    log(f"[6/6] class report → {report}   ({steps['report']:.1f} s)")
    return {"assignments": assignments, "release_s": t, "steps": steps, "autograde": results,
            "scores": class_scores(course, assignments, [p.student for p in roster]),
            "wall_s": time.perf_counter() - started}


def nbgrader_converter(course: Course, reports_dir=None, seed=None, execute=False, log_level="ERROR",
                       one_pass=True):
    """nbgrader's Autograde converter, in this process, configured by the course's
    ``nbgrader_config.py``. Returns ``convert(assignment, student) -> bool``.

    Used as the single gradebook writer of ``seqlab autograde``: the notebook kernel is off
    (``execute=False``: grades come from the hidden checks alone, and nbgrader's two passes over
    each notebook become one, ``seqlab/converters.py``) and ``RunHiddenChecks`` takes the
    reports computed in parallel from ``reports_dir``.
    """
    import logging

    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    from .converters import OnePassAutograde

    from .config import for_the_writer
    config = for_the_writer(PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config())
    config.CourseDirectory.root = str(course.root)
    config.Execute.enabled = execute
    if reports_dir is not None:
        config.RunHiddenChecks.reports_dir = str(reports_dir)
    if seed is not None:
        config.RunHiddenChecks.seed = seed
    from traitlets.utils.importstring import import_item
    for name in [*config.Autograde.get("sanitize_preprocessors", []), *config.Autograde.get("autograde_preprocessors", []),
                 config.Autograde.get("exporter_class", "")]:
        if isinstance(name, str) and name:
            import_item(name)            # now, not at the first submission (the writer is the bottleneck)
    log = logging.getLogger("seqlab.nbgrader")
    log.setLevel(log_level)
    if not log.handlers:
        log.addHandler(logging.StreamHandler())

    converters = {}                      # one per assignment, as `nbgrader autograde <assignment>` has

    def convert(assignment, student):
        converter = converters.get(assignment)
        if converter is None:
            coursedir = CourseDirectory(config=config)
            coursedir.assignment_id = assignment
            converter = converters[assignment] = (OnePassAutograde if one_pass else Autograde)(
                coursedir=coursedir, config=config, log=log)
            converter.force = True
        converter.coursedir.student_id = student
        try:
            converter.start()
        except Exception as err:          # nbgrader reports which notebook failed in its log
            log.error("autograding %s/%s failed: %s", student, assignment, err)
            return False
        return True
    return convert
