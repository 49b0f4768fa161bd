"""One database engine for every ``Gradebook`` nbgrader opens while seqlab writes grades.

nbgrader's converter and preprocessors open a new :class:`nbgrader.api.Gradebook` about nine
times per submission (``init_assignment`` five times, ``OverwriteKernelspec``,
``OverwriteCells``, ``SaveAutoGrades``, ``AssignLatePenalties``). Each one builds a new
SQLAlchemy engine, so SQLAlchemy's statement cache starts empty every time and every query is
compiled again, and each one re-reads the schema to ``create_all`` tables that exist. Measured
on the demo class: 218 ms per submission for nbgrader's writer, about half of it that.

Inside :func:`shared_engine`, ``nbgrader.api.create_engine`` returns one engine per database
URL, and the table check and the course check of ``Gradebook.__init__`` run once per engine
(tables and the course are only ever created, never dropped, while grades are written).
``Gradebook.close`` ends the session but keeps the engine's pooled connection (nbgrader
disposes the whole engine, so every Gradebook opened a new SQLite connection and re-read the
schema). Because the assignments' definitions do not change while grades are written,
:func:`per_run` remembers what the writer's preprocessors read of them, and a new submission's
empty grade and comment rows are inserted in bulk (:func:`add_submission`). Everything else —
queries, transactions, commits — is nbgrader's own. Outside the ``with`` block nothing is
patched. It is for one process writing sequentially, as ``seqlab autograde``'s single writer
does; it is not thread-safe.
"""
import contextlib
from types import SimpleNamespace

_PER_RUN = None        # {(what, db_url, notebook, assignment): value}, only inside shared_engine()


def per_run(gb, what, notebook, assignment, read):
    """``read(gb, notebook, assignment)``: a value derived from an assignment's definition in the
    gradebook. Inside :func:`shared_engine` it is read once per run and remembered (what the
    instructor released does not change while grades are written); outside, read every time."""
    key = (what, str(gb.engine.url), notebook, assignment)
    if _PER_RUN is not None and key in _PER_RUN:
        return _PER_RUN[key]
    value = read(gb, notebook, assignment)
    if _PER_RUN is not None:
        _PER_RUN[key] = value
    return value


def source_cells(gb, notebook, assignment):
    """The instructor's cells of one notebook, as plain values (what ``OverwriteCells`` compares
    a submission with): ``sources`` and ``graded`` (``{grade id: cell}``), ``grade_names`` and
    ``task_names``; ``None`` if the gradebook has no such notebook."""
    return per_run(gb, "source_cells", notebook, assignment, _read_source_cells)


def _read_source_cells(gb, notebook, assignment):
    from nbgrader.api import MissingEntry
    try:
        nb = gb.find_notebook(notebook, assignment)
    except MissingEntry:
        return None
    sources = {c.name: SimpleNamespace(name=c.name, cell_type=c.cell_type, locked=c.locked,
                                       source=c.source, checksum=c.checksum) for c in nb.source_cells}
    graded = {c.name: SimpleNamespace(name=c.name, max_score=c.max_score) for c in nb.task_cells}
    graded.update({c.name: SimpleNamespace(name=c.name, max_score=c.max_score)     # grade cells win,
                   for c in nb.grade_cells})                                      # as in nbgrader
    return SimpleNamespace(sources=sources, graded=graded, grade_names={c.name for c in nb.grade_cells},
                           task_names={c.name for c in nb.task_cells})


def add_submission(gb, assignment, student, **kwargs):
    """nbgrader's ``Gradebook.add_submission`` (used inside :func:`shared_engine`): the same rows —
    the submission, a submitted notebook per notebook, an empty grade per graded cell and task,
    an empty comment per answer cell and task — with each notebook's grades and comments inserted
    by one statement instead of one ORM object each (a quiz has ~100 of them per submission)."""
    from nbgrader import utils
    from nbgrader.api import Comment, Grade, InvalidEntry, SubmittedAssignment, SubmittedNotebook, app_log
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError, StatementError
    from sqlalchemy.orm.exc import FlushError
    if "timestamp" in kwargs:
        kwargs["timestamp"] = utils.parse_utc(kwargs["timestamp"])
    try:
        submission = SubmittedAssignment(assignment=gb.find_assignment(assignment),
                                         student=gb.find_student(student), **kwargs)
        gb.db.add(submission)
        structure = per_run(gb, "submission_rows", None, assignment, _read_submission_rows)
        notebooks = [SubmittedNotebook(notebook_id=notebook_id, assignment=submission)
                     for notebook_id, *_ in structure]
        gb.db.add_all(notebooks)
        gb.db.flush()                                     # the submitted notebooks' ids
        grades, comments = [], []
        for nb, (_, graded, answers, tasks) in zip(notebooks, structure):
            grades += [{"cell_id": cell, "notebook_id": nb.id} for cell in graded + tasks]
            comments += [{"cell_id": cell, "notebook_id": nb.id} for cell in answers + tasks]
        if grades:
            gb.db.execute(insert(Grade), grades)          # column defaults apply as for objects
        if comments:
            gb.db.execute(insert(Comment), comments)
        gb.db.commit()
    except (IntegrityError, FlushError, StatementError) as e:
        app_log.exception("Rolling back session due to database error %s" % e)
        gb.db.rollback()
        raise InvalidEntry(*e.args)
    return submission


def _read_submission_rows(gb, _, assignment):
    """[(notebook id, graded cell ids, answer cell ids, task cell ids)] of an assignment."""
    return [(nb.id, [c.id for c in nb.grade_cells], [c.id for c in nb.solution_cells],
             [c.id for c in nb.task_cells]) for nb in gb.find_assignment(assignment).notebooks]


@contextlib.contextmanager
def shared_engine():
    """Within the block, every ``Gradebook(url)`` of this process reuses one engine per ``url``."""
    global _PER_RUN
    import nbgrader.api as api
    engines, created, tables, courses = {}, set(), {}, set()
    create_engine, create_all = api.create_engine, api.Base.metadata.create_all
    inspect, check_course, close = api.inspect, api.Gradebook.check_course, api.Gradebook.close
    nbgrader_add_submission = api.Gradebook.add_submission

    def cached_engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create_engine(url, **kwargs)
        return engines[key]

    def create_all_once(bind=None, **kwargs):
        if bind is None or id(bind) not in created or kwargs:
            create_all(bind=bind, **kwargs)
            if bind is not None:
                created.add(id(bind))

    class _Tables:               # what Gradebook.__init__ asks of sqlalchemy.inspect(engine)
        def __init__(self, engine):
            self.engine = engine

        def get_table_names(self):
            if id(self.engine) not in tables or not tables[id(self.engine)]:
                tables[id(self.engine)] = inspect(self.engine).get_table_names()
            return tables[id(self.engine)]

    def check_course_once(gb, course_id="default_course", **kwargs):
        key = (id(gb.engine), course_id)
        if kwargs or key not in courses:
            course = check_course(gb, course_id=course_id, **kwargs)
            courses.add(key)
            return course
        return None         # Gradebook.__init__, its one caller, ignores the value

    def close_session(gb):          # nbgrader's close, except that the shared engine stays
        gb.db.remove()

    api.create_engine, api.Base.metadata.create_all = cached_engine, create_all_once
    api.inspect, api.Gradebook.check_course = _Tables, check_course_once
    api.Gradebook.close = close_session
    api.Gradebook.add_submission = add_submission
    _PER_RUN = {}
    try:
        yield
    finally:
        _PER_RUN = None
        api.create_engine, api.inspect, api.Gradebook.check_course = create_engine, inspect, check_course
        api.Gradebook.close, api.Gradebook.add_submission = close, nbgrader_add_submission
        del api.Base.metadata.create_all          # the method of the class again
        for engine in engines.values():
            engine.dispose()
