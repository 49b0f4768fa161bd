"""A student opens the feedback page of the recurrent assignment without internet: formulas are
rendered math (MathML laid out by the browser), not raw ``$…$`` LaTeX."""
import nbformat
import pytest

from tests.reference_submission import STUDENT, with_reference_submission

pytestmark = pytest.mark.browser
ASSIGNMENT = "recurrent"


@pytest.fixture(scope="module")
def feedback_page(tmp_path_factory):
    course = with_reference_submission(tmp_path_factory.mktemp("feedback") / "course", ASSIGNMENT)
    course.nbgrader("generate_assignment", ASSIGNMENT, "--force", "--create")
    course.nbgrader("autograde", ASSIGNMENT, "--force", "--create")
    course.nbgrader("generate_feedback", ASSIGNMENT, "--force")
    page = course.root / "feedback" / STUDENT / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert page.is_file(), "generate_feedback wrote no page"
    release = nbformat.read(course.notebook(ASSIGNMENT, "release"), as_version=4)
    return page, release


def test_the_notebook_has_formulas_to_show(feedback_page):
    _, release = feedback_page
    assert sum(cell.source.count("$") for cell in release.cells if cell.cell_type == "markdown") > 100


def test_offline_feedback_shows_formulas_as_rendered_math(feedback_page, page):
    path, _ = feedback_page
    page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())              # no internet: the CDN's MathJax never arrives
    page.context.set_offline(True)
    page.goto(path.as_uri())
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
    page.screenshot(path=str(path.with_suffix(".png")))
