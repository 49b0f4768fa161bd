"""A student in JupyterLab, as the released notebooks are used: Run All on a fresh notebook runs to
the end (a failed self-check is a ✗ on the page, never a stop), a quiz answer is one line to edit
(here in the Korean release), and the Validate button names the questions still unanswered."""
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.test_student_lab import code_cell, run, save

pytestmark = pytest.mark.browser


def open_notebook(page, lab, path):
    page.goto(lab.link(f"lab/tree/{path}") + "&reset")      # only this notebook, not the last test's too
    expect(page.locator(".jp-CodeCell").first).to_be_visible()
    lab.wait_for_kernel(path)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(1)


def text_of(output):
    return output.get("text") or "".join(output.get("data", {}).get("text/plain", ""))


def saved_outputs(lab, path, timeout=60):
    """Every code cell of ``path`` as saved (waits until the save has them)."""
    deadline = time.monotonic() + timeout
    while True:
        nb = lab.api("GET", f"contents/{path}?content=1")["content"]
        cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
        if any(c["outputs"] for c in cells) or time.monotonic() > deadline:
            return cells
        time.sleep(0.5)


def test_run_all_on_the_released_notebook_runs_every_cell(page, lab, fresh_kernels):
    path = "release/recurrent/recurrent.ipynb"
    open_notebook(page, lab, path)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
    cells = page.locator(".jp-CodeCell")
    last = cells.last
    expect(last.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"))   # the last cell ran too
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(1)
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.filter(has_text="✗").first).to_be_visible()
    # JupyterLab renders only the cells near the view: what every cell printed is read from the saved file.
    save(page)
    saved = saved_outputs(lab, path)
    texts = [text_of(o) for cell in saved for o in cell["outputs"]]
    assert all(cell["execution_count"] for cell in saved), "a code cell did not run"
    assert not [o for c in saved for o in c["outputs"] if o["output_type"] == "error"], "a cell stopped with an error"
    assert any("not implemented yet" in t for t in texts) and not any("SelfCheckFailed" in t for t in texts)
    assert any("No picture yet" in t for t in texts)       # each picture cell says what it waits for


def test_a_quiz_answer_is_one_line_and_validate_names_what_is_left(page, lab, fresh_kernels):
    path = "release/quiz_review/quiz_review.ko.ipynb"
    open_notebook(page, lab, path)
    run(code_cell(page, r"from selfcheck import check_answer"), page)
    answer = code_cell(page, r"answer_lstm_keep_memory = ")
    expect(answer).to_contain_text("None을 바꾸세요")                      # the hint, in Korean
    line = answer.locator(".cm-line", has_text="answer_lstm_keep_memory = None")
    line.click()
    page.keyboard.press("End")
    for _ in range(len("None")):
        page.keyboard.press("Backspace")
    page.keyboard.insert_text('"C"')
    run(answer, page)
    verdict = code_cell(page, r'^check_answer\("lstm_keep_memory", answer_lstm_keep_memory\)$')
    run(verdict, page)
    expect(verdict.locator(".jp-OutputArea-output")).to_contain_text("정답입니다")
    save(page)
    page.locator("button.validate-button, .validate-button button").first.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Q1 (`")                                 # unanswered questions, by number
    expect(dialog).not_to_contain_text("`lstm_keep_memory`)")               # not the one answered
