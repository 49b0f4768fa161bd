"""Release preprocessor: working code of an assignment never ships before that assignment is due.

A later assignment may show, in read-only *provided* cells, working versions of functions graded
in an earlier one (the Transformer block needs multi-head attention). Released while the earlier
assignment is still open, that would hand its answers out. This step refuses to release such a
notebook until every assignment whose functions it shows is past its due date
(``c.Course.due_dates``), and says which and when; nbgrader then releases nothing of it.
"""
import datetime
import os
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from ..course import Course, CourseError
from ..grading.notebook import PROVIDED_TAG


class ProvidedTooEarlyError(CourseError):
    """A release that would ship working code of an assignment not yet due."""


def provided_functions(nb):
    """Names of the functions and classes the notebook's provided cells define."""
    names = []
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and PROVIDED_TAG in cell.get("metadata", {}).get("tags", []):
            names += re.findall(r"^(?:def|class)\s+(\w+)", cell.source, re.M)
    return names


def too_early(course, assignment, nb, as_of):
    """[(function, owner assignment, its due date or None)] the notebook shows before their time."""
    owners = course.graded_functions()
    early = []
    for name in provided_functions(nb):
        owner = owners.get(name)
        if owner is None or owner == assignment:
            continue
        due = course.due(owner)
        if due is None or due > as_of:
            early.append((name, owner, due))
    return early


def refusal(assignment, early):
    owners = {}
    for name, owner, due in early:
        owners.setdefault((owner, due), []).append(name)
    parts = [f"{', '.join(names)} of {owner} (" + (f"due {due:%Y-%m-%d %H:%M %Z}".strip() if due else
                                                   "no due date in c.Course.due_dates") + ")"
             for (owner, due), names in owners.items()]
    return (f"{assignment} is not released: its provided cells show working code of " + "; ".join(parts)
            + ". Release it after that due date (or set c.ProvidedAfterDue.as_of to release as of another time).")


class ProvidedAfterDue(NbGraderPreprocessor):
    """Refuse the release while a provided cell shows code of an assignment not yet due."""

    as_of = Unicode("", help=(
        "Release as if at this time (ISO 8601, e.g. '2026-12-01 09:00:00+09:00'); default: now. For "
        "rehearsing a term or building a demo of a finished one.")).tag(config=True)

    def now(self):
        if not self.as_of:
            return datetime.datetime.now(datetime.timezone.utc)
        when = datetime.datetime.fromisoformat(self.as_of.strip())
        return when if when.tzinfo else when.replace(tzinfo=datetime.timezone.utc)

    def preprocess(self, nb, resources):
        assignment = resources.get("nbgrader", {}).get("assignment", "")
        root = self.config.get("CourseDirectory", {}).get("root") or os.getcwd()
        course = Course(root, config=self.config)
        early = too_early(course, assignment, nb, self.now())
        if early:
            raise ProvidedTooEarlyError(refusal(assignment, early))
        return nb, resources
