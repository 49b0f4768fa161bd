"""seqlab's command line: a thin layer over nbgrader and the seqlab library.

    seqlab build                write source/<a>/<a>.ipynb from source/<a>/<a>.nb.py and the quiz
                                notebooks from the question bank (--check: only say what is stale)
    seqlab text NOTEBOOK        print an nbgrader notebook as a text source (to start one from it)
    seqlab release              generate release/ for every assignment (nbgrader generate_assignment)
    seqlab demo                 release, build the demo class, seqlab autograde, feedback, export,
                                class report, summary
    seqlab autograde A          grade every new or changed submission of A, in parallel
                                (--workers N, --scheduler tcp://host:8786 for a Dask cluster)
    seqlab feedback [A ...]     every autograded submission's feedback page (what nbgrader
                                generate_feedback writes), on all cores (--workers N)
    seqlab check TARGET         run the hidden checks on a notebook or module and print the report
    seqlab report               write class_report.html (who needs help, manual grading, misconceptions,
                                checklist mastery, similar solutions, scores)
"""
import argparse
import json
import sys

from .course import Course, CourseError
from .pipeline import ReleaseError, release, run_demo
from .quiz import BankError


def demo(course):
    from .demo import roster
    personas = roster(course)
    result = run_demo(course, personas)
    names = {p.student: " ".join(n for n in (p.first_name, p.last_name) if n) for p in personas}
    width = max(len(p.student) for p in personas)
    name_w = max([len(n) for n in names.values()] + [4])
    assignments = result["assignments"]
    print("\n" + "student".ljust(width) + "  " + "name".ljust(name_w)
          + "".join(f"  {a:>15}" for a in assignments) + "   story")
    for p in personas:
        cells = []
        for a in assignments:
            score, max_score, manual = result["scores"][p.student][a]
            cell = "—" if score is None else f"{score:6.2f} / {max_score:g}" + ("*" if manual else " ")
            cells.append(cell.rjust(15))
        print(p.student.ljust(width) + "  " + names[p.student].ljust(name_w) + "".join(f"  {c}" for c in cells)
              + f"   {p.story}")
    print("\n* needs manual grading in formgrader    — not handed in")
    steps = "; ".join(f"{k} {v:.1f} s (CPU {result['cpu'][k]:.0f} s)" for k, v in result["steps"].items())
    print(f"\nDone in {result['wall_s']:.1f} s: {steps}.\nFeedback: feedback/<student>/<assignment>/*.html "
          "(open in a browser); class report: class_report.html; gradebook: gradebook.db (run `jupyter lab` "
          "here for formgrader and manual grading).")
    return 0


def check(course, target, assignment, functions, seed):
    """The hidden checks of ``assignment`` on a notebook, a .py file or a module, with the limits and
    sandbox the course configures (as at autograde: ``--seed`` reproduces a grading run)."""
    from pathlib import Path

    import nbformat

    from .grading import sandbox
    from .grading.notebook import test_cells
    from .grading.runner import check_notebook, run_checks
    limits = course.limits()
    if target.endswith(".ipynb"):
        path = Path(target)
        if not path.is_file():
            raise CourseError(f"no notebook {target}")
        assignment = assignment or path.parent.name
        if assignment not in course.assignments():
            raise CourseError(f"{target}: which assignment is it? pass --assignment (one of {', '.join(course.assignments())})")
        try:
            sandbox.require(limits)
        except sandbox.SandboxUnavailable as err:
            raise CourseError(str(err)) from None
        nb = nbformat.read(path, as_version=4)
        source = nbformat.read(course.notebook(assignment), as_version=4)
        graded = functions or [f for _, names in test_cells(source).values() for f in names]
        report = check_notebook(nb, course.check_set(assignment), graded, seed, limits, name=str(path))
    else:
        spec = f"file:{target}" if target.endswith(".py") else (target if ":" in target else f"module:{target}")
        checks = course.check_set(assignment) if assignment else course.all_checks()
        report = run_checks(spec, functions or None, seed, limits, checks=checks)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if all(c["passed"] for c in report["checks"]) and not report["errors"] else 1


def build(course, check_only):
    from . import quiz, sources
    if check_only:
        stale = sources.stale_files(course) + quiz.stale_files(course)
        for path in stale:
            print(f"stale: {path} (run `python -m seqlab build`)")
        return 1 if stale else 0
    for folder in sources.build(course) + quiz.build(course):
        print(f"wrote {folder.relative_to(course.root)}/")
    return 0


def text(path):
    import nbformat

    from .sources import to_text
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as err:
        raise CourseError(f"cannot read {path} as a notebook: {err}") from None
    sys.stdout.write(to_text(nb))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="seqlab", description="seqlab: nbgrader course kit for sequence models")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="generate the source notebooks from their text sources and the quiz bank")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")
    p = sub.add_parser("text", help="print an nbgrader source notebook as a text source (source/<a>/<a>.nb.py)")
    p.add_argument("notebook")
    sub.add_parser("release", help="generate release/ for every assignment")
    sub.add_parser("demo", help="run the whole pipeline on the bundled demo class")
    p = sub.add_parser("autograde", help="grade submissions in parallel (resumable; nbgrader writes the gradebook)")
    p.add_argument("assignment", nargs="+", help="one or more assignments (one pool and one writer for all)")
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: all cores)")
    p.add_argument("--scheduler", default=None, help="address of a Dask distributed scheduler")
    p.add_argument("--seed", type=int, default=None, help="seed of the random inputs (default: fresh)")
    p.add_argument("--force", action="store_true", help="grade again even what is already graded")
    p = sub.add_parser("feedback", help="feedback pages of every autograded submission, on all cores "
                                        "(the pages nbgrader generate_feedback writes)")
    p.add_argument("assignment", nargs="*", help="assignments (default: all)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p = sub.add_parser("report", help="write class_report.html from the gradebook and autograded notebooks")
    p.add_argument("--language", choices=["en", "ko"], default=None,
                   help="the report's language (default: c.Seqlab.language)")
    p.add_argument("--output", default=None, help="where to write it (default: class_report.html in the course)")
    p = sub.add_parser("check", help="run hidden checks on a notebook (.ipynb), a .py file or a module")
    p.add_argument("target")
    p.add_argument("--assignment", default=None, help="whose checks (default: the notebook's folder name)")
    p.add_argument("--functions", nargs="*", default=[])
    p.add_argument("--seed", type=int, default=None, help="reproduce a grading run (the seed is in the feedback)")
    parser.add_argument("--course", default=None, help="the course folder (default: the current folder)")
    args = parser.parse_args(argv)
    try:
        if args.command == "text":
            return text(args.notebook)
        course = Course(args.course)
        if args.command == "build":
            return build(course, args.check)
        if args.command == "release":
            try:
                released, failed = release(course), {}
            except ReleaseError as err:
                released, failed = err.released, err.failed
            for a, s in released.items():
                print(f"released {a} → release/{a}/ ({s:.1f} s)")
            for a, why in failed.items():
                print(f"seqlab: {a} not released: {why} (release/{a}/ is unchanged)", file=sys.stderr)
            return 1 if failed else 0
        if args.command == "demo":
            return demo(course)
        if args.command == "autograde":
            from .autograde import autograde_all
            results = autograde_all(course, args.assignment, workers=args.workers, scheduler=args.scheduler,
                                    seed=args.seed, force=args.force)
            for a, r in results.items():
                if r["graded"]:
                    times = sorted(r["check_seconds"].values())
                    median = times[len(times) // 2] if times else 0.0
                    print(f"{a}: graded {r['graded']} of {r['students']} submissions in {r['wall_s']:.1f} s "
                          f"({r['graded'] / r['wall_s']:.1f}/s; median checks {median:.2f} s; seed {r['seed']}); "
                          f"{r['skipped']} unchanged")
            return 0
        if args.command == "feedback":
            from .feedback import generate_all
            assignments = args.assignment or course.assignments()
            unknown = [a for a in assignments if a not in course.assignments()]
            if unknown:
                raise CourseError(f"no assignment {', '.join(unknown)} in {course.root / 'source'}")
            done = generate_all(course, assignments, workers=args.workers)
            print(f"feedback: {done['pages']} pages → feedback/<student>/<assignment>/ ({done['cpu_s']:.1f} s of CPU)")
            return 0
        if args.command == "report":
            from .report import collect, write
            print(f"class report → {write(course, collect(course), args.output, lang=args.language)}")
            return 0
        if args.command == "check":
            return check(course, args.target, args.assignment, args.functions, args.seed)
    except (CourseError, BankError) as err:
        print(f"seqlab: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("seqlab: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
