"""The course pipeline as library calls: each step is one nbgrader command on the course root."""
import time

from .course import Course


def release(course: Course, assignments=None):
    """``nbgrader generate_assignment`` for each assignment; returns {assignment: seconds}."""
    return {a: course.nbgrader("generate_assignment", a, "--force", "--create")[0]
            for a in (assignments or course.assignments())}


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


def run_demo(course: Course, roster, log=print):
    """Release, build the demo class, autograde, feedback, export. Returns timings and scores."""
    from .demo import build_class
    started = time.perf_counter()
    assignments = course.assignments()
    log(f"seqlab demo: {len(assignments)} assignment(s), {len(roster)} demo students, course root {course.root}")
    t = release(course, assignments)
    log(f"[1/5] released {', '.join(assignments)} → release/   ({sum(t.values()):.1f} s)")
    written = build_class(course, roster)
    log(f"[2/5] wrote {len(written)} demo submissions → submitted/")
    autograde_s = {}
    for a in assignments:
        autograde_s[a] = autograde(course, a)
        log(f"[3/5] autograded {a}: {autograde_s[a]:.1f} s for {len(roster)} students "
            f"({autograde_s[a] / len(roster):.2f} s per student) → autograded/")
    for a in assignments:
        feedback(course, a)
    log("[4/5] feedback HTML → feedback/<student>/<assignment>/")
    csv = export(course)
    from .report import collect, write
    report = write(course, collect(course, assignments))
    log(f"[5/5] grades → {csv}; class report → {report}")
    return {"assignments": assignments, "autograde_s": autograde_s,
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
