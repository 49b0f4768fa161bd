"""A student in JupyterLab: opens the released recurrent notebook, writes ``sigmoid``, runs it and
the self-check cell below it, and reads the verdict on the page."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

NOTEBOOK = "release/recurrent/recurrent.ipynb"
CORRECT = ("def sigmoid(x):\n"
           "    e = np.exp(-np.abs(x))          # never exponentiates a large positive number\n"
           "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))\n")
FLIPPED_SIGN = ("def sigmoid(x):\n"
                "    return 1 / (1 + np.exp(x))\n")


def code_cell(page, source):
    """The notebook's code cell whose whole text is ``source`` (a regex), as the page shows it."""
    return page.locator(".jp-CodeCell").filter(has=page.locator(".cm-content", has_text=re.compile(source)))


def run(cell, page):
    cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")


def save(page):
    """Ctrl+S, and wait until the save is done (the tab is no longer dirty): a second save started
    before the first ends (the Validate button saves too) finds the file changed on disk and asks
    what to do instead."""
    dirty = page.locator(".lm-TabBar-tab.lm-mod-current.jp-mod-dirty")
    expect(dirty).to_have_count(1)                      # edited and unsaved: the selector finds it
    page.keyboard.press("ControlOrMeta+s")
    expect(dirty).to_have_count(0)


def open_and_answer(page, lab, body):
    page.goto(lab.link(f"lab/tree/{NOTEBOOK}"))
    setup = code_cell(page, r"from selfcheck import check")
    stub = code_cell(page, r"^def sigmoid\(x\):")
    self_check = code_cell(page, r"^check\(sigmoid\)$")
    expect(stub).to_contain_text("raise NotImplementedError")      # the released stub
    lab.wait_for_kernel(NOTEBOOK)                                    # the notebook's kernel is up and idle
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(1)
    run(setup, page)
    stub.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(body)                                 # as pasted: no auto-indent
    expect(stub).not_to_contain_text("NotImplementedError")
    run(stub, page)
    run(self_check, page)
    return self_check.locator(".jp-OutputArea-output")


def test_a_correct_sigmoid_gets_a_tick(page, lab, fresh_kernels):
    output = open_and_answer(page, lab, CORRECT)
    expect(output).to_contain_text("✓")
    expect(output).to_contain_text("sigmoid")
    expect(output).not_to_contain_text("✗")


def test_a_wrong_sigmoid_gets_the_self_checks_message_not_a_traceback(page, lab, fresh_kernels):
    output = open_and_answer(page, lab, FLIPPED_SIGN)
    expect(output).to_contain_text("✗")
    expect(output).to_contain_text("σ(−x)")                         # says what is off: the sign
    text = output.inner_text()
    assert "✓" not in text
    for noise in ("Traceback", "SelfCheckFailed", 'File "', "---------"):
        assert noise not in text, f"the student sees {noise!r}:\n{text}"
    output.scroll_into_view_if_needed()
    screenshot(page, "student-selfcheck")
