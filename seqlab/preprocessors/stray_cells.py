"""Sanitize preprocessor: a copied or stray nbgrader cell must not zero a notebook.

nbgrader refuses a whole notebook — score 0, no reason shown to the student — when two cells
carry the same ``grade_id`` (a student copied a test cell, or an answer cell, to try something)
or a cell carries nbgrader metadata the assignment does not have (pasted from another notebook,
or made up). Its own ``DeduplicateIds`` keeps the *last* copy and empties the others' metadata,
which then fails validation; ``OverwriteCells`` deletes an unknown ``grade_id`` but leaves the
cell marked as graded, which fails validation too.

This preprocessor runs before them and decides from the assignment's source notebook in the
gradebook, which is the authority on what the assignment's cells are:

* The first cell with a known ``grade_id`` is *the* cell: its roles (graded, answer, task) and
  points are restored from the gradebook, so that ``OverwriteCells`` can restore its locked
  source as usual. Deleted cells come back through ``OverwriteCells.add_missing_cells``.
* Any later cell with the same ``grade_id``, and any cell with a ``grade_id`` (or a graded,
  answer, read-only or task role) the gradebook does not know, loses its nbgrader metadata and
  becomes an ordinary cell: it scores nothing and changes no points, and the notebook is graded.
  A copy of an *answer* cell is the student's code all the same: it is tagged
  ``seqlab:provided`` so that the hidden checks run it where the notebook runs it (after the
  original), exactly as the student's own notebook does.

Each such cell is recorded in ``nb.metadata["seqlab"]["dropped_cells"]`` (written anew here, so
a submission cannot forge it), logged, and, when it matters for grading, preceded by a short
note in the student's language, which the autograded notebook and the feedback show.
"""
from nbformat.v4 import new_markdown_cell
from nbgrader.api import Assignment, Gradebook, GradeCell, Notebook, SolutionCell, SourceCell, TaskCell
from nbgrader.preprocessors import NbGraderPreprocessor
from sqlalchemy.exc import NoResultFound

from ..config import language
from ..gradebook import per_run
from ..grading.notebook import PROVIDED_TAG
from ..i18n import Text

ROLES = ("grade", "solution", "locked", "task")

COPY_OF_TEST = Text(
    "*Note from the grader: the cell below is a copy of the graded cell `{id}`. Only the original "
    "is graded; the copy was kept as an ordinary cell.*",
    "*채점 안내: 아래 셀은 채점 셀 `{id}`의 복사본입니다. 원래 셀만 채점되고, 복사본은 일반 셀로 "
    "남겨 두었습니다.*")
COPY_OF_ANSWER = Text(
    "*Note from the grader: the cell below is a copy of the answer cell `{id}`. Both were kept: "
    "the hidden checks run the copy after the original, as your notebook does.*",
    "*채점 안내: 아래 셀은 답안 셀 `{id}`의 복사본입니다. 두 셀 모두 유지했습니다: 숨은 검사는 "
    "노트북과 같은 순서로 원래 셀 다음에 복사본을 실행합니다.*")
UNKNOWN = Text(
    "*Note from the grader: the cell below carried grading information (`{id}`) that is not part "
    "of this assignment, so it was kept as an ordinary cell and earns no points. Nothing else "
    "changed.*",
    "*채점 안내: 아래 셀에는 이 과제에 없는 채점 정보(`{id}`)가 들어 있어 일반 셀로 남겨 "
    "두었으며 점수는 없습니다. 그 밖에 바뀐 것은 없습니다.*")
NOTE_TAG = "seqlab:grader-note"


class IgnoreStrayCells(NbGraderPreprocessor):
    """Keep the first cell of each known ``grade_id``; make copies and unknown graded cells
    ordinary cells, with a note."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        try:
            with Gradebook(info["db_url"]) as gb:
                known = per_run(gb, "stray_cells", info["notebook"], info["assignment"], _assignment_cells)
        except (KeyError, NoResultFound):
            return nb, resources                 # nothing to compare with: nbgrader decides
        lang = language(self)
        seen, dropped, cells = set(), [], []
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if not isinstance(meta, dict):
                cells.append(cell)
                continue
            gid = meta.get("grade_id")
            if gid is not None and not isinstance(gid, str):
                gid = str(gid)                    # made-up metadata: never a known id
            claims = gid is not None or any(meta.get(role) for role in ROLES)
            if gid in known and gid not in seen:
                seen.add(gid)
                self._restore_roles(cell, meta, known[gid])
                cells.append(cell)
                continue
            if not claims:                        # nbgrader metadata with no role: an ordinary cell
                cells.append(cell)
                continue
            reason = "copy" if gid in known else "unknown"
            role = known[gid]["role"] if reason == "copy" else _role(meta)
            del cell.metadata["nbgrader"]
            note = None
            if reason == "copy" and role == "answer" and cell.cell_type == "code":
                tags = cell.metadata.setdefault("tags", [])
                if PROVIDED_TAG not in tags:
                    tags.append(PROVIDED_TAG)
                note = COPY_OF_ANSWER
            elif reason == "copy" and role in ("test", "answer"):
                note = COPY_OF_TEST
            elif reason == "unknown" and role in ("test", "answer"):
                note = UNKNOWN
            self.log.warning("Cell '%s' (%s): %s; graded as an ordinary cell", gid,
                             role, "a copy of a cell already seen" if reason == "copy" else "not in the gradebook")
            if note is not None:
                cells.append(new_markdown_cell(note.pick(lang).format(id=gid if gid is not None else "?"),
                                               metadata={"tags": [NOTE_TAG]}))
            dropped.append({"grade_id": gid, "reason": reason, "role": role})
            cells.append(cell)
        nb.cells = cells
        seqlab = nb.metadata.setdefault("seqlab", {})
        if dropped:
            seqlab["dropped_cells"] = dropped
        else:
            seqlab.pop("dropped_cells", None)
        return nb, resources

    def _restore_roles(self, cell, meta, want):
        for role in ("grade", "solution", "task"):
            if bool(meta.get(role, False)) != want[role]:
                self.log.warning("Attribute '%s' for cell %s has changed! (should be: %s, got: %s)",
                                 role, meta.get("grade_id"), want[role], meta.get(role, False))
                meta[role] = want[role]
        if want["grade"] and "points" not in meta:
            meta["points"] = want["points"]       # OverwriteCells checks the value itself


def _assignment_cells(gb, notebook, assignment):
    """{grade_id: {"grade", "solution", "task": bool, "points": float, "role": str}} of the
    source notebook in the gradebook (a few plain queries: loading nbgrader's cell objects
    costs three times as long, for every submission)."""
    db = gb.db
    nb_id = (db.query(Notebook.id).join(Assignment)
             .filter(Notebook.name == notebook, Assignment.name == assignment).one()[0])
    grade = {name: float(points) for name, points in
             db.query(GradeCell.name, GradeCell.max_score).filter(GradeCell.notebook_id == nb_id)}
    solution = {name for (name,) in db.query(SolutionCell.name).filter(SolutionCell.notebook_id == nb_id)}
    task = {name for (name,) in db.query(TaskCell.name).filter(TaskCell.notebook_id == nb_id)}
    out = {}
    for (name,) in db.query(SourceCell.name).filter(SourceCell.notebook_id == nb_id):
        flags = {"grade": name in grade, "solution": name in solution, "task": name in task}
        out[name] = dict(flags, points=grade.get(name, 0.0), role=_role(flags))
    return out


def _role(meta):
    if meta.get("solution"):
        return "answer"
    if meta.get("grade") or meta.get("task"):
        return "test"
    return "read-only"
