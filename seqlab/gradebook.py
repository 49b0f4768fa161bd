"""One database engine for every ``Gradebook`` nbgrader opens while seqlab writes grades.

nbgrader's converter and preprocessors open a new :class:`nbgrader.api.Gradebook` about nine
times per submission (``init_assignment`` five times, ``OverwriteKernelspec``,
``OverwriteCells``, ``SaveAutoGrades``, ``AssignLatePenalties``). Each one builds a new
SQLAlchemy engine, so SQLAlchemy's statement cache starts empty every time and every query is
compiled again, and each one re-reads the schema to ``create_all`` tables that exist. Measured
on the demo class: 218 ms per submission for nbgrader's writer, about half of it that.

Inside :func:`shared_engine`, ``nbgrader.api.create_engine`` returns one engine per database
URL and the table check runs once per engine. The queries, transactions and commits are still
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
    engines, created = {}, set()
    create_engine, create_all = api.create_engine, api.Base.metadata.create_all

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

    api.create_engine, api.Base.metadata.create_all = cached_engine, create_all_once
    try:
        yield
    finally:
        api.create_engine = create_engine
        del api.Base.metadata.create_all          # the method of the class again
        for engine in engines.values():
            engine.dispose()
