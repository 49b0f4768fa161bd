"""seqlab's command line: a thin layer over nbgrader and the seqlab library.

    seqlab release              generate release/ for every assignment (nbgrader generate_assignment)
    seqlab demo                 release, build the demo class, autograde, feedback, export, summary
    seqlab check TARGET         run the hidden checks on a notebook or module and print the report
"""
import argparse
import json
import sys
import time

from .course import Course, CourseError


def release(course, assignments=None):
    """``nbgrader generate_assignment`` for each assignment; returns seconds per assignment."""
    times = {}
    for a in assignments or course.assignments():
        times[a], _ = course.nbgrader("generate_assignment", a, "--force", "--create")
    return times


def class_scores(course, assignments, students):
    """{student: {assignment: (score, max_score)}} from nbgrader's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    out = {}
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id="seqlab") as gb:
        for s in students:
            for a in assignments:
                try:
                    sub = gb.find_submission(a, s)
                    out.setdefault(s, {})[a] = (sub.score, sub.max_score, sub.needs_manual_grade)
                except MissingEntry:
                    out.setdefault(s, {})[a] = (None, None, None)
    return out


def demo(course):
    from .demo import ROSTER, build_class
    started = time.perf_counter()
    assignments = course.assignments()
    print(f"seqlab demo: {len(assignments)} assignment(s), {len(ROSTER)} demo students, course root {course.root}")

    step = time.perf_counter()
    release(course, assignments)
    print(f"[1/5] released {', '.join(assignments)} → release/   ({time.perf_counter() - step:.1f} s)")

    written = build_class(course)
    print(f"[2/5] wrote {len(written)} demo submissions → submitted/")

    autograde_s = {}
    for a in assignments:
        autograde_s[a], _ = course.nbgrader("autograde", a, "--force", "--create")
        per = autograde_s[a] / len(ROSTER)
        print(f"[3/5] autograded {a}: {autograde_s[a]:.1f} s for {len(ROSTER)} students "
              f"({per:.2f} s per student) → autograded/")

    for a in assignments:
        course.nbgrader("generate_feedback", a, "--force")
    print("[4/5] feedback HTML → feedback/<student>/<assignment>/")

    course.nbgrader("export", "--to", str(course.root / "grades.csv"))
    print(f"[5/5] grades → {course.root / 'grades.csv'}")

    scores = class_scores(course, assignments, [p.student for p in ROSTER])
    width = max(len(p.student) for p in ROSTER)
    print("\n" + "student".ljust(width) + "".join(f"  {a:>14}" for a in assignments) + "   story")
    for p in ROSTER:
        cells = []
        for a in assignments:
            score, max_score, manual = scores[p.student][a]
            cells.append("—".rjust(14) if score is None else f"{score:6.2f} / {max_score:5.1f}".rjust(14)
                         + ("*" if manual else ""))
        print(p.student.ljust(width) + "".join(f"  {c}" for c in cells) + f"   {p.story}")
    print("\n* needs manual grading in formgrader")
    print(f"\nDone in {time.perf_counter() - started:.1f} s. Open feedback/<student>/<assignment>/*.html "
          "in a browser, or run `jupyter lab` here for formgrader.")
    return 0


def check(target, functions, seed):
    from .grading.runner import run_checks
    if target.endswith(".ipynb"):
        spec = f"notebook:{target}"
    elif target.endswith(".py"):
        spec = f"file:{target}"
    else:
        spec = target if ":" in target else f"module:{target}"
    report = run_checks(spec, functions or None, seed)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if all(c["passed"] for c in report["checks"]) and not report["errors"] else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="seqlab", description="seqlab: nbgrader course kit for sequence models")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("release", help="generate release/ for every assignment")
    sub.add_parser("demo", help="run the whole pipeline on the bundled demo class")
    p = sub.add_parser("check", help="run hidden checks on a notebook (.ipynb), a .py file or a module")
    p.add_argument("target")
    p.add_argument("--functions", nargs="*", default=[])
    p.add_argument("--seed", type=int, default=None, help="reproduce a grading run (the seed is in the feedback)")
    args = parser.parse_args(argv)
    course = Course()
    try:
        if args.command == "release":
            for a, s in release(course).items():
                print(f"released {a} → release/{a}/ ({s:.1f} s)")
            return 0
        if args.command == "demo":
            return demo(course)
        if args.command == "check":
            return check(args.target, args.functions, args.seed)
    except CourseError as err:
        print(f"seqlab: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("seqlab: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
