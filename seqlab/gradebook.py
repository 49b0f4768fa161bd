"""One database engine for every ``Gradebook`` nbgrader opens while seqlab writes grades.

nbgrader's converter and preprocessors open a new :class:`nbgrader.api.Gradebook` about nine
times per submission (``init_assignment`` five times, ``OverwriteKernelspec``,
``OverwriteCells``, ``SaveAutoGrades``, ``AssignLatePenalties``). Each one builds a new
SQLAlchemy engine, so SQLAlchemy's statement cache starts empty every time and every query is
compiled again, and each one re-reads the schema to ``create_all`` tables that exist. Measured
on the demo class: 218 ms per submission for nbgrader's writer, about half of it that.

Inside :func:`shared_engine`, ``nbgrader.api.create_engine`` returns one engine per database
URL, and the table check and the course check of ``Gradebook.__init__`` run once per engine
(tables and the course are only ever created, never dropped, while grades are written). The queries, transactions and commits are still
nbgrader's own, unchanged, and nbgrader closes its sessions as before (``Gradebook.close``
returns the connection to the shared engine's pool). Outside the ``with`` block nothing is
patched. It is for one process writing sequentially, as ``seqlab autograde``'s single writer
does; it is not thread-safe.

Two more things hold only inside the block, because the assignments' definitions do not change
while grades are written: ``Gradebook.close`` keeps the engine's pooled connection (nbgrader
disposes the whole engine, so every Gradebook opened a new SQLite connection and re-read the
schema), and :func:`per_run` remembers what the preprocessors read of each assignment's definition.
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


@contextlib.contextmanager
def shared_engine():
    """Within the block, every ``Gradebook(url)`` of this process reuses one engine per ``url``."""
    global _PER_RUN
    import nbgrader.api as api
    engines, created, tables, courses = {}, set(), {}, set()
    create_engine, create_all = api.create_engine, api.Base.metadata.create_all
    inspect, check_course, close = api.inspect, api.Gradebook.check_course, api.Gradebook.close

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
    _PER_RUN = {}
    try:
        yield
    finally:
        _PER_RUN = None
        api.create_engine, api.inspect, api.Gradebook.check_course = create_engine, inspect, check_course
        api.Gradebook.close = close
        del api.Base.metadata.create_all          # the method of the class again
        for engine in engines.values():
            engine.dispose()
