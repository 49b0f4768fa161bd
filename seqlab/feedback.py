"""A class's feedback pages, as ``nbgrader generate_feedback`` makes them, on all cores.

``nbgrader generate_feedback <assignment>`` starts nbgrader (about 2.5 s of CPU), then for each
student reads the autograded notebook, runs the feedback preprocessors (``c.GenerateFeedback``)
and renders it with nbconvert's ``HTMLExporter`` and nbgrader's feedback template: about a second
of CPU per page, most of it spent on what every student's page has in common (the same markdown,
the same formulas, the same provided code, highlighted and parsed again).

:func:`generate_all` does the same with nbgrader's own converter, ``GenerateFeedback``, configured
by the course's ``nbgrader_config.py`` as the command is, in a few worker processes (forked from
the caller, so nothing is imported again), each keeping one converter per assignment; only the
exporter differs, through nbgrader's extension point ``c.GenerateFeedback.exporter_class``:
:class:`FeedbackHTMLExporter` is nbconvert's ``HTMLExporter`` that remembers, within a process,
what is a pure function of its input (a markdown text's HTML, a code cell's highlighting, a cell's
pass through BeautifulSoup). The pages are the same, byte for byte: tests/test_feedback.py compares
them with ``nbgrader generate_feedback``'s, and the HTML clean-up on fragments with the clean-up
of the whole page. It overrides ``HTMLExporter.from_notebook_node`` (nbconvert and bs4 are pinned
in requirements.txt).
"""
import json
import logging
import os
import re
import time

from bs4 import BeautifulSoup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import Comment
from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

# ---------------------------------------------------------------- the HTML clean-up, per fragment
# nbconvert's HTMLExporter parses each page with BeautifulSoup ("html.parser"), adds alt text to
# images without one and tabindex to JupyterLab's cells, and writes the tree back out. That pass
# over a whole page costs more than rendering it. A page is its skeleton (head, CSS, header) and
# its cells; the cells repeat across students. Cut at each cell, the page's clean-up is the
# skeleton's clean-up with each cell's clean-up in its place, provided that
#   - each cut is made where the parser is between tags, outside any element that changes how text
#     is kept (pre, textarea, script, style, template, ruby) or that the selectors look above
#     (.jp-Notebook): checked on the skeleton, where each cell is a marker comment that must come
#     out as that comment, among allowed ancestors only;
#   - each cell begins with a tag and ends with an end tag (no text joins across a cut) and is
#     balanced: alone, the parser ends between tags, outside script or style, with no tag left
#     open and no end tag it had to ignore (in the page, such an end tag would close an outer tag).
# Otherwise the page is cleaned up whole, as nbconvert does.
_CELL_START = re.compile(r'<div\b[^<>]*\bclass="cell border-box-sizing\b')
_ENDS_WITH_END_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9]*\s*>\Z")
_RAW = re.compile(r"<(?:!|\?|/?(?:script|style|textarea|title|template|xmp|plaintext|iframe|noembed|noframes|noscript)\b)", re.I)
_ALLOWED_ABOVE = {"[document]", "html", "body", "main", "div"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
         "basefont", "bgsound", "command", "frame", "image", "isindex", "keygen", "menuitem", "nextid", "param",
         "spacer"}


def clean_up(soup, html=None):
    """nbconvert's changes to a parsed page (``HTMLExporter.from_notebook_node``); the number of
    images that had no alt text. Given the ``html`` it was parsed from, a page without images or
    JupyterLab's notebook class is not searched: the selectors cannot match there."""
    if html is not None:
        lower = html.lower()
        if "<img" not in lower and "jp-notebook" not in lower:
            return 0
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = "No description has been provided for this image"
        missing_alt += 1
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return missing_alt


def whole_page(html):
    """nbconvert's clean-up of a page: (html, images without alt text)."""
    soup = BeautifulSoup(html, features="html.parser")
    missing = clean_up(soup)
    return str(soup), missing


class _Parser(BeautifulSoupHTMLParser):
    def close(self):
        self.soup.ended_between_tags = not self.rawdata and self.cdata_elem is None
        super().close()


class _Builder(HTMLParserTreeBuilder):
    def feed(self, markup):
        super().feed(markup, _parser_class=_Parser)


class _Fragment(BeautifulSoup):
    """A cell parsed alone, noting whether it is balanced (see above)."""

    ended_between_tags = False
    ignored_end_tag = False

    def _popToTag(self, name, nsprefix=None, inclusivePop=True):
        if name != self.ROOT_TAG_NAME and not self.open_tag_counter.get(name) and name not in _VOID:
            self.ignored_end_tag = True
        return super()._popToTag(name, nsprefix, inclusivePop)

    def _feed(self):
        self.builder.reset()
        self.builder.feed(self.markup)
        self.left_open = len(self.tagStack) > 1 or bool(self.current_data and "".join(self.current_data).strip())
        super().endData()
        while self.currentTag is not None and self.currentTag.name != self.ROOT_TAG_NAME:
            self.popTag()


def fragment(html):
    """A cell's clean-up, or None if it cannot be cleaned up alone."""
    if not _ENDS_WITH_END_TAG.search(html) or _RAW.search(html):
        return None
    soup = _Fragment(html, builder=_Builder())
    if soup.left_open or soup.ignored_end_tag or not soup.ended_between_tags:
        return None
    missing = clean_up(soup, html)                     # before it is written out
    return str(soup), missing


class PageCleaner:
    """``whole_page``, computed from each cell's clean-up, remembered (within this process)."""

    def __init__(self):
        self.cells = {}
        self.stats = {"pages": 0, "whole": 0, "cells": 0, "cells_cleaned": 0}

    def __call__(self, html):
        self.stats["pages"] += 1
        out = self._by_cells(html)
        if out is None:
            self.stats["whole"] += 1
            return whole_page(html)
        return out

    def _cell(self, text):
        self.stats["cells"] += 1
        if text not in self.cells:
            self.stats["cells_cleaned"] += 1
            self.cells[text] = fragment(text)
        return self.cells[text]

    def _by_cells(self, html):
        starts = [m.start() for m in _CELL_START.finditer(html)]
        if not starts:
            return None
        token = f"seqlab-cell-{os.getpid()}-{time.monotonic_ns()}"
        if token in html:
            return None
        # a cell ends at the last ">" before the next one (the text between stays in the skeleton)
        ends = [html.rfind(">", a, b) + 1 for a, b in zip(starts, starts[1:])] + [_end_of_div(html, starts[-1])]
        if ends[-1] is None:
            return None
        skeleton, cells, previous = [], [], 0
        for i, (a, b) in enumerate(zip(starts, ends)):
            done = self._cell(html[a:b])
            if done is None:
                return None
            skeleton.append(html[previous:a])
            skeleton.append(f"<!--{token}-{i}-->")
            cells.append(done)
            previous = b
        skeleton.append(html[previous:])
        skeleton = "".join(skeleton)
        soup = BeautifulSoup(skeleton, features="html.parser")
        markers = {}
        for node in soup.find_all(string=lambda s: isinstance(s, Comment) and s.startswith(token)):
            above = [p for p in node.parents]
            if any(p.name not in _ALLOWED_ABOVE or "jp-Notebook" in (p.get("class") or []) for p in above):
                return None
            markers[str(node)] = node
        if sorted(markers) != sorted(f"{token}-{i}" for i in range(len(cells))):
            return None
        missing = clean_up(soup, skeleton)
        out = str(soup)
        for i, (text, n) in enumerate(cells):
            marker = f"<!--{token}-{i}-->"
            if out.count(marker) != 1:
                return None
            out = out.replace(marker, text)
            missing += n
        return out, missing


_DIV = re.compile(r"<div\b|</div\s*>", re.I)


def _end_of_div(html, start):
    """Where the ``<div`` at ``start`` ends by counting div tags (a guess; fragment() checks it)."""
    depth = 0
    for m in _DIV.finditer(html, start):
        depth += 1 if m[0][1] != "/" else -1
        if depth == 0:
            return m.end()
    return None


# ---------------------------------------------------------------- the exporter
class _Remembered:
    """A filter that returns what it returned before for the same arguments."""

    def __init__(self, fn, key):
        self.fn, self.key, self.memo = fn, key, {}

    def __call__(self, *args, **kw):
        k = self.key(*args, **kw)
        if k not in self.memo:
            self.memo[k] = self.fn(*args, **kw)
        return self.memo[k]


def _highlight_key(source, language=None, metadata=None):
    # Highlight2HTML reads only these (nbconvert.filters.highlight._pygments_highlight)
    return source, language, (metadata or {}).get("magics_language")


class FeedbackHTMLExporter(HTMLExporter):
    """nbconvert's HTMLExporter, for many pages of one template: the same pages, with what is a
    pure function of its input remembered across pages (markdown, highlighting, cells' clean-up).
    Set as ``c.GenerateFeedback.exporter_class`` by :func:`generate_all` only."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self._markdown = {}
        self._highlighters = {}
        self.cleaner = PageCleaner()

    @pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        attachments = cell.get("attachments", {})
        path = context.get("resources", {}).get("metadata", {}).get("path", "") if self.embed_images else ""
        key = (source, json.dumps(attachments, sort_keys=True) if attachments else "", path)
        if key not in self._markdown:
            self._markdown[key] = super().markdown2html(context, source)
        return self._markdown[key]

    def from_notebook_node(self, nb, resources=None, **kw):
        # HTMLExporter.from_notebook_node (nbconvert 7.17), with a remembered highlighter and the
        # clean-up per cell
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        if "highlight_code" in self.filters:
            highlight_code = self.filters["highlight_code"]
        else:
            if lexer not in self._highlighters:
                self._highlighters[lexer] = _Remembered(Highlight2HTML(pygments_lexer=lexer, parent=self),
                                                        _highlight_key)
            highlight_code = self._highlighters[lexer]
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        html, missing_alt = self.cleaner(html)
        if missing_alt:
            self.log.warning("Alternative text is missing on %s image(s).", missing_alt)
        return html, resources


# ---------------------------------------------------------------- the grades, read at once
def _grades_at_once():
    from nbgrader.api import Comment, Grade, GradeCell, SolutionCell, TaskCell
    from nbgrader.preprocessors import GetGrades

    class GetGradesAtOnce(GetGrades):
        """nbgrader's GetGrades, reading a submission's grades and comments in four queries instead
        of two per graded cell (``Gradebook.find_grade`` and ``find_comment``, whose choices it
        keeps: a grade cell's grade before a task cell's, a solution cell's comment before a task
        cell's). A cell it did not find goes to nbgrader's own lookup (which raises as it does)."""

        _read_for = None

        def _read(self):
            key = (self.notebook_id, self.assignment_id, self.student_id, id(self.gradebook))
            if self._read_for == key:
                return
            submission = self.gradebook.find_submission_notebook(self.notebook_id, self.assignment_id, self.student_id)
            query = self.gradebook.db.query
            self._grades, self._comments = {}, {}
            for cell in (TaskCell, GradeCell):                 # the later one wins
                rows = query(cell.name, Grade.score, Grade.max_score).join(Grade, Grade.cell_id == cell.id) \
                    .filter(Grade.notebook_id == submission.id)
                self._grades.update((name, (score, points)) for name, score, points in rows)
            for cell in (TaskCell, SolutionCell):
                rows = query(cell.name, Comment.comment).join(Comment, Comment.cell_id == cell.id) \
                    .filter(Comment.notebook_id == submission.id)
                self._comments.update(rows)
            self._read_for = key

        def _get_comment(self, cell, resources):
            self._read()
            name = cell.metadata["nbgrader"]["grade_id"]
            if name not in self._comments:
                return super()._get_comment(cell, resources)
            cell.metadata.nbgrader["comment"] = self._comments[name]

        def _get_score(self, cell, resources):
            self._read()
            name = cell.metadata["nbgrader"]["grade_id"]
            if name not in self._grades:
                return super()._get_score(cell, resources)
            cell.metadata.nbgrader["score"], cell.metadata.nbgrader["points"] = self._grades[name]

    return GetGradesAtOnce


# ---------------------------------------------------------------- the class's pages
_converters = {}


def _converter(root, assignment):
    """nbgrader's GenerateFeedback for ``assignment``, configured as ``nbgrader generate_feedback``
    run in ``root`` is, with the exporter above; one per assignment and process."""
    key = (root, assignment)
    if key not in _converters:
        from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
        from nbgrader.converters import GenerateFeedback
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.preprocessors import GetGrades
        from traitlets.config.loader import PyFileConfigLoader

        class Converter(GenerateFeedback):
            kept = None                      # the exporter, once made
            def start(self):                 # BaseConverter.start, the exporter kept across students
                self.init_notebooks()
                if self.kept is None:
                    from nbconvert.writers import FilesWriter
                    self.writer = FilesWriter(parent=self, config=self.config)
                    self.exporter = self.kept = self.exporter_class(parent=self, config=self.config)
                    for pp in self.preprocessors:
                        self.exporter.register_preprocessor(pp)
                currdir = os.getcwd()
                os.chdir(self.coursedir.root)
                try:
                    self.convert_notebooks()
                finally:
                    os.chdir(currdir)

        config = PyFileConfigLoader("nbgrader_config.py", path=root).load_config()
        config.CourseDirectory.root = root
        config.GenerateFeedback.exporter_class = FeedbackHTMLExporter
        get_grades = _grades_at_once()
        config.GenerateFeedback.preprocessors = [
            get_grades if p in ("nbgrader.preprocessors.GetGrades", GetGrades) else p
            for p in config.GenerateFeedback.get("preprocessors", [GetGrades, CSSHTMLHeaderPreprocessor])]
        log = logging.getLogger("seqlab.feedback")
        if not log.handlers:
            log.addHandler(logging.StreamHandler())
            log.setLevel(logging.ERROR)
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id = assignment
        converter = Converter(coursedir=coursedir, config=config, log=log)
        converter.force = True
        _converters[key] = converter
    return _converters[key]


def generate(root, assignment, student):
    """The feedback of ``student`` on ``assignment`` (``nbgrader generate_feedback <assignment>
    --student <student> --force``, in this process); CPU seconds."""
    start = time.process_time()
    converter = _converter(str(root), assignment)
    converter.coursedir.student_id = student
    converter.start()
    return time.process_time() - start


def _generate_many(root, jobs):
    """Generate ``jobs`` here; (CPU seconds, how the pages were cleaned up)."""
    cpu = sum(generate(root, a, s) for a, s in jobs)
    stats = {}
    for converter in _converters.values():
        exporter = converter.kept
        for k, v in (exporter.cleaner.stats.items() if isinstance(exporter, FeedbackHTMLExporter) else ()):
            stats[k] = stats.get(k, 0) + v
    return cpu, stats


def jobs_of(course, assignments):
    """(assignment, student) of every autograded submission, assignment by assignment."""
    autograded = course.root / "autograded"
    return [(a, d.name) for a in assignments for d in sorted(autograded.iterdir())
            if (d / a).is_dir()] if autograded.is_dir() else []


def generate_all(course, assignments, workers=None):
    """Every autograded submission's feedback of ``assignments``, in ``workers`` processes
    (default: one per core). Returns {"pages", "cpu_s" (in the workers), "whole" (pages cleaned up
    whole), "cells", "cells_cleaned"}."""
    import concurrent.futures as cf
    import multiprocessing

    jobs = jobs_of(course, assignments)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    # each assignment to one worker (what a worker remembers of an assignment's pages serves all its
    # students), the largest first, each to the worker with the least so far (the pool ends evenly)
    size = {job: sum(p.stat().st_size for p in (course.root / "autograded" / job[1] / job[0]).glob("*.ipynb"))
            for job in jobs}
    by_assignment = {}
    for job in jobs:
        by_assignment.setdefault(job[0], []).append(job)
    shares, load = [[] for _ in range(workers)], [0] * workers
    for a in sorted(by_assignment, key=lambda a: -sum(size[j] for j in by_assignment[a])):
        i = load.index(min(load))
        shares[i] += by_assignment[a]
        load[i] += sum(size[j] for j in by_assignment[a])
    shares = [share for share in shares if share]
    root = str(course.root)
    if len(shares) <= 1:
        try:
            results = [_generate_many(root, jobs)]
        finally:
            _converters.clear()         # in this process: the next run reads the configuration again
    else:
        with cf.ProcessPoolExecutor(max_workers=len(shares), mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_generate_many, [root] * len(shares), shares))
    out = {"pages": len(jobs), "cpu_s": sum(cpu for cpu, _ in results)}
    for _, stats in results:
        for k in ("whole", "cells", "cells_cleaned"):
            out[k] = out.get(k, 0) + stats.get(k, 0)
    return out
