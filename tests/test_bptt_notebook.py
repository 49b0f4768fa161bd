"""The bptt notebook runs top to bottom, as a student runs it.

With the reference answers (the SOURCE notebook's code cells in order, solution regions kept): every
self-check says ✓, every gradient check of the student's functions says ✓ (the deliberately wrong
backward of the x³ example says ✗), every picture draws one figure whose title, axis labels and
legend are in the notebook's language. With the stubs (the RELEASED notebook): no exception, every
self-check says "not implemented yet", every gradient check and picture prints its short note and
draws nothing. Both in English and in Korean.
"""
import contextlib
import io
import re
import sys

import matplotlib
import nbformat
import pytest

from seqlab.grading.notebook import is_solution, is_test
from seqlab.i18n import filter_source
from tests.course_copy import ROOT, copy_course

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

SOURCE = ROOT / "source" / "bptt"
RELEASE = ROOT / "release" / "bptt"
HANGUL = re.compile("[\uac00-\ud7a3]")
GRADED = ("rnn_step", "rnn_forward", "rnn_step_backward", "rnn_backward", "lstm_step_backward", "lstm_backward",
          "clip_grad_norm")
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")   # no Hangul font here
NOTES = {"en": ("Not yet:", "No picture yet:", "No result:"),
         "ko": ("아직 실행할 수 없습니다", "아직 그림이 없습니다", "결과가 없습니다")}


def figure_texts(fig):
    """Every title, axis label and legend entry of a figure."""
    texts = [fig._suptitle.get_text()] if fig._suptitle else []
    for ax in fig.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        texts += [t.get_text() for t in legend.get_texts()] if legend else []
    return [t for t in texts if t]


@contextlib.contextmanager
def notebook_imports(folder):
    """The notebook's folder first on sys.path and a fresh selfcheck (as a new kernel has); restored after."""
    saved = {name: sys.modules.pop(name, None) for name in ("selfcheck", "seqlab_selfcheck")}
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name, old in saved.items():
            sys.modules.pop(name, None)
            if old is not None:
                sys.modules[name] = old


def run(nb, folder, lang=None):
    """Run the code cells of ``nb`` in order in one fresh namespace (``lang``: keep that language's
    lines, as a release does). Returns [(cell, printed text, [texts of each figure shown])]."""
    shown = []

    def show(*args, **kwargs):
        shown.extend(figure_texts(plt.figure(n)) for n in plt.get_fignums())
        plt.close("all")

    namespace = {"__name__": "__main__"}
    records = []
    original_show, plt.show = plt.show, show
    try:
        with notebook_imports(folder):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                source = filter_source(cell.source, lang) if lang else cell.source
                out, before = io.StringIO(), len(shown)
                with contextlib.redirect_stdout(out):
                    exec(compile(source, f"<cell {index} ({cell.get('id')})>", "exec"), namespace)
                records.append((cell, out.getvalue(), shown[before:]))
    finally:
        plt.show = original_show
        plt.close("all")
    return records


def kind(cell):
    if is_test(cell):
        return "test"
    if is_solution(cell):
        return "solution"
    cell_id = cell.get("id", "")
    if cell_id.startswith("picture"):
        return "gradcheck demo" if "grad_check(" in cell.source else "picture"
    if cell_id.startswith("code-") and "attempt(grad_check," in cell.source:
        return "gradcheck"
    return cell_id


@pytest.mark.slow        # several seconds per language: gradient checks and three pictures
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_source_notebook_runs_with_the_reference_answers(lang):
    nb = nbformat.read(SOURCE / "bptt.ipynb", as_version=4)
    records = run(nb, SOURCE, lang)
    by_kind = {}
    for cell, out, figures in records:
        by_kind.setdefault(kind(cell), []).append((cell, out, figures))
    assert [c.metadata["nbgrader"]["grade_id"] for c, _, _ in by_kind["test"]] == [f"test_{f}" for f in GRADED]
    for cell, out, _ in by_kind["test"]:
        assert "✓" in out and "✗" not in out, (cell.metadata["nbgrader"]["grade_id"], out)
    assert len(by_kind["gradcheck"]) == 4
    for cell, out, _ in by_kind["gradcheck"]:
        marks = re.findall(r"(\d\.\de-\d\d)  ([✓✗])", out)
        assert marks and all(mark == "✓" and float(err) < 1e-7 for err, mark in marks), out
    [(_, demo, _)] = by_kind["gradcheck demo"]
    assert [m for _, m in re.findall(r"(\d\.\de-\d\d)  ([✓✗])", demo)] == ["✓", "✗"], demo
    assert len(by_kind["picture"]) == 3
    for cell, out, figures in by_kind["picture"]:
        assert not any(note in out for note in NOTES[lang]), out
        assert len(figures) == 1, cell.get("id")
        texts = figures[0]
        assert len(texts) >= 4, texts                     # a title, axis labels, a legend
        if lang == "ko":      # every title in Korean, and no English words outside formulas and code names
            assert HANGUL.search(texts[0]), texts
            assert all(HANGUL.search(t) for t in texts if prose_words(t)), texts
        else:
            assert not any(HANGUL.search(t) for t in texts) and prose_words(texts[0]), texts


def prose_words(text):
    """The words of a figure text that are neither a formula ($…$), nor code (max_norm,
    clip_grad_norm(…)), nor a model's name (RNN, LSTM)."""
    text = re.sub(r"\$[^$]*\$|\w*_\w*(\([^)]*\))?|\b[A-Z]{2,}\b", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def released_notebook_runs_on_stubs(nb, folder, lang):
    records = run(nb, folder)
    not_yet = {"en": "is not implemented yet", "ko": "아직 구현되지 않았습니다"}[lang]
    tests = [(c, out) for c, out, _ in records if is_test(c)]
    assert len(tests) == len(GRADED)
    for cell, out in tests:
        assert not_yet in out and "✓" not in out, out
    for cell, out, figures in records:
        if kind(cell) == "gradcheck":
            assert out.startswith(NOTES[lang][0]) and not_yet in out, out
        elif kind(cell) == "picture":
            assert out.startswith(NOTES[lang][1]) and not figures, out
    return records


def test_the_released_notebook_runs_on_its_stubs():
    nb = nbformat.read(RELEASE / "bptt.ipynb", as_version=4)
    assert nb.metadata["seqlab"]["language"] == "en"
    released_notebook_runs_on_stubs(nb, RELEASE, "en")


@pytest.mark.slow
def test_the_korean_release_runs_on_its_stubs(tmp_path):
    course = copy_course(tmp_path / "course", with_release=False)
    _, log = course.nbgrader("generate_assignment", "bptt", "--force", "--create", "--Seqlab.language=ko")
    folder = course.root / "release" / "bptt"
    nb = nbformat.read(folder / "bptt.ipynb", as_version=4)
    assert nb.metadata["seqlab"]["language"] == "ko", log
    records = released_notebook_runs_on_stubs(nb, folder, "ko")
    printed = "".join(out for _, out, _ in records)
    assert HANGUL.search(printed) and "Not yet" not in printed and "No picture" not in printed
