"""An instructor in JupyterLab opens nbgrader's Formgrader (menu Nbgrader → Formgrader): sees the
course's assignments; grades a student's written quiz answer in Manual Grading (points and a
comment); and, after ``nbgrader generate_feedback``, the student's feedback page shows both."""
import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from seqlab.demo import build_class, enrol, written_answers
from seqlab.i18n import pick
from tests.browser.conftest import screenshot
from tests.demo_class import ROSTER

pytestmark = pytest.mark.browser
QUIZ = "quiz_review"
QUESTION = "answer_lstm_explain"                   # a written question: 3 points, graded by hand
GRADED = "demo-06-farid"                           # writes a partial answer (Farid Haddad)
OTHER = "demo-01-ada"                              # writes a good one
POINTS = "2"
COMMENT = "Right about the forget gate; say what the output gate does with tanh(C_t)."


def open_formgrader(page, lab):
    page.goto(lab.link("lab") + "&reset")                       # no tab of an earlier visit
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Formgrader").click()
    return page.frame_locator("iframe[src*='formgrader']")


def open_submission(formgrader, name):
    """Manual Grading → quiz_review → its notebook → the submission of the student called ``name``
    (formgrader hides names until asked: the eye icon of the row shows it)."""
    formgrader.get_by_role("link", name="Manual Grading").click()
    formgrader.get_by_role("link", name=QUIZ, exact=True).click()
    formgrader.get_by_role("link", name=QUIZ, exact=True).click()          # its one notebook
    rows = formgrader.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.locator(".needs-manual-grade .glyphicon-ok")).to_have_count(2)   # both wrote answers
    row = rows.filter(has=formgrader.locator("a.name-shown", has_text=name))
    row.locator(".glyphicon-eye-open").click()
    link = row.get_by_role("link", name=name)
    expect(link).to_be_visible()
    link.click()


def test_formgrader_lists_the_courses_assignments(page, lab):
    formgrader = open_formgrader(page, lab)
    names = formgrader.locator("table tbody tr td.name")        # one row per assignment
    expected = sorted(p.name for p in lab.course.source.iterdir() if p.is_dir())   # the folders of source/
    assert len(expected) >= 7
    expect(names).to_have_count(len(expected))
    expect(names).to_have_text(expected)


@pytest.fixture(scope="module")
def quiz_class(lab):
    """Two students' quiz_review in the lab's course, graded by ``seqlab autograde`` as an
    instructor does before opening formgrader: their written answers await manual grading."""
    from seqlab.autograde import autograde_all
    from seqlab.pipeline import release
    course = lab.course
    personas = [p for p in ROSTER if p.student in (GRADED, OTHER)]
    release(course, [QUIZ])                 # `seqlab release`: the gradebook knows its cells (both languages)
    build_class(course, personas)
    for student in (GRADED, OTHER):
        for folder in (course.root / "submitted" / student).iterdir():
            if folder.name != QUIZ:
                shutil.rmtree(folder)
    enrol(course, personas)                                     # names in formgrader, due dates
    results = autograde_all(course, [QUIZ], workers=1, progress=False, log=lambda *a: None)
    assert results[QUIZ]["graded"] == 2
    persona = next(p for p in personas if p.student == GRADED)
    answer = pick(written_answers(course)[QUESTION][persona.written], persona.language).strip()
    return course, answer


def test_a_written_answer_graded_in_formgrader_shows_in_the_feedback(page, lab, quiz_class):
    course, answer = quiz_class
    formgrader = open_formgrader(page, lab)
    open_submission(formgrader, "Haddad, Farid")

    # The submission: the student's written answer, with a box for points and one for a comment.
    panel = formgrader.locator(".nbgrader_cell", has=formgrader.locator(f"input.score#{QUESTION}"))
    # Formulas are MathML already (c.HTMLExporter.preprocessors): readable offline, no raw $…$.
    prose = formgrader.locator(".text_cell_render")
    expect(prose.locator("math").first).to_be_attached()
    assert not [t for t in prose.all_inner_texts() if re.search(r"\$[^$\s][^$]*\$", t)]
    expect(panel).to_contain_text(answer[:60])
    expect(panel).to_contain_text("/ 3.0")
    score = panel.locator(f"input.score#{QUESTION}")
    expect(score).to_have_class(re.compile(r"\bneeds_manual_grade\b"))
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"
                              and r.ok):
        score.fill(POINTS)
        score.press("Tab")                                         # formgrader saves on change
    comment = panel.locator(f"textarea#{QUESTION}-comment")
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT"
                              and r.ok):
        comment.fill(COMMENT)
        comment.press("Tab")
    expect(score).not_to_have_class(re.compile(r"\bneeds_manual_grade\b"))    # graded now
    if os.environ.get("SEQLAB_SCREENSHOTS"):              # the answer, its points and comment in view
        page.wait_for_timeout(1000)                        # (only for the picture: the layout has settled)
        panel.evaluate("e => e.scrollIntoView({block: 'center'})")
    screenshot(page, "formgrader-manual-grading")

    # What was saved comes back when the page is opened again.
    formgrader = open_formgrader(page, lab)
    open_submission(formgrader, "Haddad, Farid")
    expect(formgrader.locator(f"input.score#{QUESTION}")).to_have_value(POINTS)
    expect(formgrader.locator(f"textarea#{QUESTION}-comment")).to_have_value(COMMENT)

    # The feedback the student gets shows the points and the comment with the answer.
    course.nbgrader("generate_feedback", QUIZ, "--student", GRADED, "--force")
    feedback = course.root / "feedback" / GRADED / QUIZ / f"{QUIZ}.html"
    assert feedback.is_file(), "generate_feedback wrote no page"
    page.goto(feedback.as_uri())
    graded = page.locator(".nbgrader_cell", has=page.locator(f"a[name='{QUESTION}']"))
    expect(graded).to_contain_text(answer[:60])
    expect(graded).to_contain_text(f"Score: {float(POINTS)} / 3.0")
    expect(graded.locator(".panel-footer")).to_contain_text(f"Comments: {COMMENT}")
    expect(page.locator("#toc")).to_contain_text(f"Written response (Score: {float(POINTS)} / 3.0)")
