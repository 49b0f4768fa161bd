"""Feedback pages and the class report, opened without internet in Chromium, in both languages.

A small class: one student works in the English notebook of ``recurrent`` (the reference answers),
one in the Korean one (PyTorch's GRU update, a known mistake); both hand in ``quiz_review`` in
their language. ``recurrent`` is graded by plain ``nbgrader autograde`` (the notebook runs in a
kernel, so the feedback has the student's pictures), ``quiz_review`` by ``seqlab autograde``.

- Feedback: formulas are rendered math (MathML laid out by the browser), not raw ``$…$`` LaTeX;
  the pictures are drawn (decoded, with a size, and not a blank square); the page speaks the
  language the student worked in.
- The class report (``seqlab.report``) in English and in Korean: its section headings in that
  language, and its pictures (the checklist mastery chart, the scores) drawn and not blank.
"""
import io
import re

import nbformat
import pytest
from playwright.sync_api import expect

from seqlab.demo import _mistakes, build_submission, enrol, hand_in_time, write_submission, written_answers
from tests.browser.conftest import screenshot
from tests.course_copy import copy_course
from tests.demo_class import ROSTER

pytestmark = pytest.mark.browser
ASSIGNMENT = "recurrent"
QUIZ = "quiz_review"
HANGUL = re.compile("[\uac00-\ud7a3]")
# who works in which file: the reference answers in English; PyTorch's GRU update in Korean
STUDENTS = {"en": "demo-01-ada", "ko": "demo-04-dae"}


def hand_in(course, persona, assignment, lang):
    """``persona`` fetched both released files of ``assignment`` and worked in the one of ``lang``."""
    source = nbformat.read(course.notebook(assignment), as_version=4)
    folder = course.root / "submitted" / persona.student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((course.root / "release" / assignment).glob("*.ipynb")):
        release = nbformat.read(path, as_version=4)
        if release.metadata.seqlab.language == lang:
            nb = build_submission(persona, source, release, _mistakes(course), written_answers(course))
            write_submission(persona, nb, folder / path.name, hand_in_time(course, persona, assignment))
        else:
            nbformat.write(release, folder / path.name)


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    from seqlab.autograde import autograde_all
    from seqlab.report import collect, render
    from seqlab.pipeline import release
    course = copy_course(tmp_path_factory.mktemp("feedback") / "course")
    release(course, [ASSIGNMENT, QUIZ])                 # `seqlab release`: both languages, the gradebook's cells
    personas = {lang: next(p for p in ROSTER if p.student == s) for lang, s in STUDENTS.items()}
    for lang, persona in personas.items():
        for a in (ASSIGNMENT, QUIZ):
            hand_in(course, persona, a, lang)
    enrol(course, list(personas.values()))
    course.nbgrader("autograde", ASSIGNMENT, "--force", "--create")
    autograde_all(course, [QUIZ], workers=1, progress=False, log=lambda *a: None)
    course.nbgrader("generate_feedback", ASSIGNMENT, "--force")
    feedback = {lang: course.root / "feedback" / s / ASSIGNMENT / f"{ASSIGNMENT}.html" for lang, s in STUDENTS.items()}
    assert all(p.is_file() for p in feedback.values()), "generate_feedback wrote no page"
    data = collect(course)
    reports = {}
    for lang in ("en", "ko"):
        reports[lang] = course.root / f"class_report.{lang}.html"
        reports[lang].write_text(render(data, lang), encoding="utf-8")
    return course, feedback, reports, data


def offline(page):
    page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())              # no internet: a CDN's MathJax never arrives
    page.context.set_offline(True)


def not_blank(png):
    """A picture (PNG bytes of what the browser drew) with more than a few colours and some ink."""
    from PIL import Image
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    if colours is None:                          # more than 65536 colours: certainly drawn
        return True
    ink = sum(n for n, rgb in colours if sum(rgb) < 600)   # pixels clearly darker than white
    return len(colours) > 4 and ink > 0.002 * image.width * image.height


def test_the_notebook_has_formulas_to_show(graded_class):
    course, *_ = graded_class
    release = nbformat.read(course.notebook(ASSIGNMENT, "release"), as_version=4)
    assert sum(cell.source.count("$") for cell in release.cells if cell.cell_type == "markdown") > 100


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_offline_feedback_shows_formulas_as_rendered_math(graded_class, page, lang):
    _, feedback, *_ = graded_class
    offline(page)
    page.goto(feedback[lang].as_uri())
    markdown = page.locator(".text_cell_render")
    assert markdown.count() > 10
    formulas = page.locator(".text_cell_render math")
    assert formulas.count() > 100
    sizes = formulas.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert all(w > 0 and h > 0 for w, h in sizes), "a formula has an empty box"
    # Laid out as mathematics: in every fraction the numerator sits above the denominator.
    fractions = page.locator(".text_cell_render math mfrac")
    assert fractions.count() > 3
    stacked = fractions.evaluate_all("""els => els.map(f => {
        const [num, den] = f.children; const a = num.getBoundingClientRect(), b = den.getBoundingClientRect();
        return a.bottom <= b.top + 1 && a.height > 0 && b.height > 0; })""")
    assert all(stacked), f"{stacked.count(False)} fraction(s) not stacked"
    # No raw LaTeX left in what the student reads (the TeX annotations are not shown).
    text = "\n".join(markdown.all_inner_texts())
    for raw in ("$", "\\frac", "\\sigma", "\\tanh", "_{t-1}"):
        assert raw not in text, f"raw LaTeX {raw!r} on the page"
    assert "σ" in text                                  # the formulas' symbols are there, as math
    # The page speaks the language the student worked in.
    assert bool(HANGUL.search(text)) == (lang == "ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_offline_feedback_shows_the_students_pictures(graded_class, page, lang):
    _, feedback, *_ = graded_class
    offline(page)
    page.goto(feedback[lang].as_uri())
    pictures = page.locator(".output_area img, .output_area svg")
    assert pictures.count() >= 2, "the feedback has no pictures of the student's notebook"
    drawn = pictures.evaluate_all("""els => els.map(e => {
        const r = e.getBoundingClientRect();
        const decoded = e.tagName.toLowerCase() !== 'img' || (e.complete && e.naturalWidth > 0);
        return decoded && r.width > 50 && r.height > 50; })""")
    assert all(drawn), f"{drawn.count(False)} of {len(drawn)} pictures not drawn"
    for n in range(pictures.count()):
        picture = pictures.nth(n)
        picture.scroll_into_view_if_needed()
        assert not_blank(picture.screenshot()), f"picture {n + 1} is blank"
    if lang == "en":
        pictures.first.scroll_into_view_if_needed()
        screenshot(page, "feedback-picture")
    else:                                       # the Korean student's named mistake, in Korean, with its formula
        cause = page.locator(".output_area", has_text="(1−z_t)").first
        expect(cause).to_be_visible()
        assert HANGUL.search(cause.inner_text())
        cause.scroll_into_view_if_needed()
        screenshot(page, "feedback-mistake-ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_class_report_renders_its_sections_and_pictures(graded_class, page, lang):
    _, _, reports, data = graded_class
    offline(page)
    page.goto(reports[lang].as_uri())
    headings = page.locator("h2")
    expect(headings).to_have_count(6)             # who needs help, manual grading, misconceptions, mastery, similar, scores
    names = headings.all_inner_texts()
    assert all(bool(HANGUL.search(h)) == (lang == "ko") for h in names), names
    expected = {"en": ["Who needs help", "Checklist mastery"], "ko": ["도움이 필요한 학생", "학습 체크리스트 성취도"]}[lang]
    assert all(any(e in h for h in names) for e in expected), names
    # Every contents link leads to a heading on the page.
    for target in page.locator("nav a").evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        expect(page.locator(f"h2{target}")).to_have_count(1)
    pictures = page.locator("svg.picture")
    expect(pictures).to_have_count(2)             # the checklist mastery chart, the scores
    mastery, scores = pictures.nth(0), pictures.nth(1)
    bars = mastery.locator("rect.bar").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert len(bars) == len(data.mastery) and max(bars) > 0
    dots = scores.locator("circle.dot").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert len(dots) == len([s for s in data.subs.values() if s.max_score]) and all(w > 0 for w in dots)
    for picture in (mastery, scores):
        box = picture.bounding_box()
        assert box["width"] > 100 and box["height"] > 40
        # every label is drawn inside its picture, none cut at an edge (as laid out by the browser's fonts)
        cut = picture.locator("text").evaluate_all(
            "els => els.filter(t => { const b = t.getBBox(), v = t.ownerSVGElement.viewBox.baseVal;"
            " return b.x < v.x - 0.5 || b.x + b.width > v.x + v.width + 0.5; }).map(t => t.textContent)")
        assert not cut, f"labels cut at the picture's edge: {cut}"
        picture.scroll_into_view_if_needed()
        assert not_blank(picture.screenshot())
    # the diagnosis of the Korean student's mistake, in the report's language
    gru = next(m for m in data.misconceptions if m.code == "gru_pytorch_update")
    row = page.locator("tr.misconception[data-code='gru_pytorch_update']")
    expect(row).to_be_visible()
    expect(row).to_contain_text(gru.text.pick(lang)[:30])
    page.locator("h1").scroll_into_view_if_needed()
    screenshot(page, f"class-report-{lang}", full_page=True)
