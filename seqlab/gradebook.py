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
"""
import contextlib


@contextlib.contextmanager
def shared_engine():
    """Within the block, every ``Gradebook(url)`` of this process reuses one engine per ``url``."""
    import nbgrader.api as api
    engines, created, tables, courses = {}, set(), {}, set()
    create_engine, create_all = api.create_engine, api.Base.metadata.create_all
    inspect, check_course = api.inspect, api.Gradebook.check_course

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

    api.create_engine, api.Base.metadata.create_all = cached_engine, create_all_once
    api.inspect, api.Gradebook.check_course = _Tables, check_course_once
    try:
        yield
    finally:
        api.create_engine, api.inspect, api.Gradebook.check_course = create_engine, inspect, check_course
        del api.Base.metadata.create_all          # the method of the class again
        for engine in engines.values():
            engine.dispose()
