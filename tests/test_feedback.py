"""The class's feedback on all cores (seqlab.feedback) is what ``nbgrader generate_feedback`` writes.

The fast path keeps nbgrader's converter and preprocessors and changes how the work is done: one
converter per assignment and process, markdown, highlighting and each cell's HTML clean-up
remembered across pages, a submission's grades read at once. Its pages must be nbgrader's, byte
for byte: on a graded class (with a grader's comment and a manual score), and, for the clean-up
by cells, on pages made to break it.
"""
import filecmp
import shutil

import pytest

from seqlab import pipeline
from seqlab.feedback import PageCleaner, whole_page

# ---------------------------------------------------------------- the clean-up, by cells and whole
HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/>
<style type="text/css">
div.cell > p { color: red } /* a < b */
</style>
</head>
<body>
<div class="container" id="notebook-container">
"""
TAIL = """
</div>
</body>
</html>
"""


def cell(body, kind="code_cell"):
    return f'<div class="cell border-box-sizing {kind} rendered">\n{body}\n</div>'


def page(*cells, between="\n"):
    return HEAD + between.join(cells) + TAIL


PLAIN = [
    cell('<div class="inner_cell"><p>a &amp; b &lt; c &#955; &nbsp; <br> x</p></div>', "text_cell"),
    cell('<div class="input_area"><div class="highlight"><pre><span class="k">def</span>  f():\n    return 1\n</pre></div></div>'),
    cell('<div class="output"><img src="data:image/png;base64,AAAA"><img alt="ok" src="x.png"/></div>'),
    cell('<div class="jp-Notebook"><div class="jp-Cell-inputWrapper">in</div><div class="jp-OutputArea-output">out</div></div>'),
    cell("<p class='a  b' checked>quotes, classes and a bare attribute</p>\n   \n<p>after blank</p>"),
]


def cleaned_by_cells(html):
    cleaner = PageCleaner()
    out = cleaner(html)
    return out, cleaner.stats["whole"] == 0


@pytest.mark.parametrize("between", ["\n", "\n\n   \n", "", " text between "])
def test_a_page_of_ordinary_cells_is_cleaned_by_cells_as_whole(between):
    html = page(*PLAIN, between=between)
    out, by_cells = cleaned_by_cells(html)
    assert by_cells
    assert out == whole_page(html)
    assert out[1] == 1                                   # one image lacked alt text
    assert 'tabindex="0"' in out[0]


def test_the_same_cells_on_other_pages_are_remembered():
    cleaner = PageCleaner()
    for student_cell in ["<p>first</p>", "<p>second</p>"]:
        html = page(*PLAIN, cell(student_cell))
        assert cleaner(html) == whole_page(html)
    assert cleaner.stats["cells_cleaned"] == len(PLAIN) + 2 < cleaner.stats["cells"]


BROKEN = {
    "a cell that closes an outer tag": cell("<p>x</p></div></div><div>"),
    "a cell that leaves a tag open": cell("<div><p>unclosed</div>") + cell("<span>open"),
    "a comment across cells": cell("<p>x</p><!-- open") + cell("<p>y</p> -->"),
    "a cell start in CSS": '<style>/* <div class="cell border-box-sizing"> */</style>',
    "a script in a cell": cell("<script>var s = '</div>';</script>"),
    "a style in a cell": cell("<style>p{}</style>"),
    "a cell start inside an attribute": cell('<a title=\'<div class="cell border-box-sizing x">\'>t</a>'),
    "a cell start inside a pre": '<pre>' + cell("<p>in pre</p>") + '</pre>',
    "a cell start inside JupyterLab's notebook": '<div class="jp-Notebook">' + cell(
        '<div class="jp-Cell-inputWrapper">in</div>') + '</div>',
    "a cell without its end": '<div class="cell border-box-sizing code_cell"><div>',
    "an unquoted attribute cut at the end": cell('<a href="x>y">z</a>') + cell('<b title="</div>'),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_page_that_cannot_be_cut_is_cleaned_as_nbconvert_does(name):
    html = page(PLAIN[0], BROKEN[name], PLAIN[1])
    out, _ = cleaned_by_cells(html)
    assert out == whole_page(html)


def test_the_pages_that_must_be_cleaned_whole_are():
    for name in ["a cell that closes an outer tag", "a comment across cells", "a script in a cell", "a cell start in CSS",
                 "a cell start inside a pre", "a cell start inside JupyterLab's notebook"]:
        _, by_cells = cleaned_by_cells(page(PLAIN[0], BROKEN[name], PLAIN[1]))
        assert not by_cells, name


# ---------------------------------------------------------------- a graded class, against nbgrader
@pytest.mark.slow
def test_class_feedback_equals_nbgrader_generate_feedback(recurrent_graded, tmp_path):
    from nbgrader.api import Gradebook

    from tests.conftest import CLASS_ASSIGNMENT as A
    from tests.conftest import clone
    course = clone(recurrent_graded, tmp_path / "course")
    # a grader's comment and a manual score, which the feedback shows
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course_id=course.course_id) as gb:
        submission = gb.find_submission_notebook(A, A, "demo-04-dae")
        comment = next(c for c in submission.comments)
        comment.manual_comment = "Look at **$z_t$** again: `(1 - z_t)` multiplies $h_{t-1}$."
        grade = next(g for g in submission.grades if g.max_score)
        grade.manual_score = grade.max_score / 2
        gb.db.commit()
    shutil.rmtree(course.root / "feedback")
    course.nbgrader("generate_feedback", A, "--force")
    expected = tmp_path / "nbgrader_feedback"
    shutil.move(course.root / "feedback", expected)

    pipeline.feedback_all(course, [A], workers=2)

    pages = sorted(p.relative_to(expected) for p in expected.rglob("*.html"))
    assert len(pages) >= 9
    assert sorted(p.relative_to(course.root / "feedback") for p in (course.root / "feedback").rglob("*.html")) == pages
    for path in pages:
        mine, theirs = (course.root / "feedback" / path).read_text(encoding="utf-8"), (expected / path).read_text(encoding="utf-8")
        assert mine == theirs, f"{path} differs from nbgrader generate_feedback's"
    shown = (expected / "demo-04-dae" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "Look at" in shown and "(1 - z_t)" in shown            # the grader's comment is on the page
    for folder in (expected).glob(f"*/{A}"):
        same = filecmp.dircmp(folder, course.root / "feedback" / folder.relative_to(expected))
        assert not same.left_only and not same.right_only and not same.diff_files, folder


def test_seqlab_feedback_refuses_an_unknown_assignment(capsys):
    from seqlab import cli
    assert cli.main(["feedback", "no_such_assignment"]) == 2
    assert "no assignment no_such_assignment" in capsys.readouterr().err
