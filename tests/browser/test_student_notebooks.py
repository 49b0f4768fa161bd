"""A student in JupyterLab, as the released notebooks are used: Run All on a fresh notebook runs to
the end (a failed self-check is a ✗ on the page, never a stop), a quiz answer is one line to edit
(here in the Korean release), and the Validate button names the questions still unanswered."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_student_lab import code_cell, run

pytestmark = pytest.mark.browser


def open_notebook(page, lab, path):
    page.goto(lab.link(f"lab/tree/{path}"))
    expect(page.locator(".jp-CodeCell").first).to_be_visible()
    lab.wait_for_kernel(path)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(1)


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
    text = page.locator(".jp-Notebook").inner_text()
    assert "not implemented yet" in text and "Traceback" not in text and "SelfCheckFailed" not in text
    assert page.locator(".jp-OutputArea-output img").count() >= 2            # the pictures were drawn


def test_a_quiz_answer_is_one_line_and_validate_names_what_is_left(page, lab, fresh_kernels):
    path = "release/quiz_review/quiz_review.ko.ipynb"
    open_notebook(page, lab, path)
    run(code_cell(page, r"from selfcheck import check_answer"), page)
    answer = code_cell(page, r"^answer_lstm_keep_memory = None$")
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
    page.keyboard.press("ControlOrMeta+s")
    page.locator("button.validate-button, .validate-button button").first.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Q1 (`")                                 # unanswered questions, by number
    expect(dialog).not_to_contain_text("`lstm_keep_memory`)")               # not the one answered
