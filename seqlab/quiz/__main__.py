"""``python -m seqlab.quiz build|check|mastery``."""
import argparse
import csv
import sys
from pathlib import Path

from ..course import Course, CourseError
from .build import build, stale_files
from .mastery import class_summary, mastery
from .model import BankError, load_bank


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m seqlab.quiz", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="generate source/<quiz>/ from solutions/quiz_bank.py")
    sub.add_parser("check", help="exit 1 if source/<quiz>/ is not what build makes")
    p = sub.add_parser("mastery", help="points per student and checklist item, from the gradebook")
    p.add_argument("--db", default="gradebook.db", help="nbgrader gradebook (sqlite file)")
    p.add_argument("--csv", default=None, help="also write the rows to this CSV file")
    parser.add_argument("--course", default=None, help="the course folder (default: the current folder)")
    args = parser.parse_args(argv)
    try:
        course = Course(args.course)
        if args.command == "build":
            for folder in build(course):
                print(f"wrote {folder.relative_to(course.root)}/")
            return 0
        if args.command == "check":
            stale = stale_files(course)
            for path in stale:
                print(f"stale: {path} (run `python -m seqlab.quiz build`)")
            return 1 if stale else 0
        rows = mastery(f"sqlite:///{(course.root / args.db).resolve()}", course)
        if args.csv:
            with open(args.csv, "w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["student"])
                writer.writeheader()
                writer.writerows(rows)
        items, _ = load_bank(course)
        summary = class_summary(rows)
        for key in (k for k in items if k in summary):        # checklist order
            mean, n = summary[key]
            print(f"{items[key].quiz:18} {key:26} {100 * mean:5.1f}%  ({n} students)  {items[key].label.en}")
        return 0
    except (BankError, CourseError) as err:
        print(f"seqlab.quiz: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
