"""An instructor in JupyterLab opens nbgrader's Formgrader (menu Nbgrader → Formgrader) and sees
the course's assignments."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_formgrader_lists_the_courses_assignments(page, lab):
    page.goto(lab.link("lab"))
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Formgrader").click()
    formgrader = page.frame_locator("iframe[src*='formgrader']")
    names = formgrader.locator("table tbody tr td.name")        # one row per assignment
    expected = sorted(p.name for p in lab.course.source.iterdir() if p.is_dir())   # the folders of source/
    assert len(expected) >= 7
    expect(names).to_have_count(len(expected))
    expect(names).to_have_text(expected)
