"""The decoder notebook runs, as a student runs it: the SOURCE notebook (solution regions kept) gives
✓ for every self-check, draws every picture and reverses the toy task's sequences with the
student's functions; with a decoder block that has no causal mask the same demonstration visibly
fails; the RELEASED notebook (stubs) runs from top to bottom too, and says what is missing instead
of drawing. Cells run in order in a fresh namespace, with the notebook's folder on sys.path (its
selfcheck.py, toy.py and toy_reverse.npz) and matplotlib's Agg backend."""
import contextlib
import importlib
import io
import re
import sys
import types

import matplotlib
import nbformat
import pytest

from seqlab.i18n import filter_source
from tests.course_copy import ROOT

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SOURCE = ROOT / "source" / "decoder"
RELEASE = ROOT / "release" / "decoder"
FUNCTIONS = ("additive_attention", "shift_right", "decoder_block", "sequence_cross_entropy", "greedy_decode")
FOLDER_MODULES = ("selfcheck", "seqlab_selfcheck", "toy")


def run_notebook(folder, name, lang=None, replace=None):
    """Run the code cells of ``folder/name`` in order; [(cell, what it printed, figures it showed)].

    ``lang``: keep one language's [xx] … [/] blocks, as a release does (None: the text as it is).
    ``replace``: {function name: implementation} put into the namespace right after the cell that
    defines that function (a known mistake in place of the student's code)."""
    nb = nbformat.read(folder / name, as_version=4)
    saved = {m: sys.modules.pop(m) for m in FOLDER_MODULES if m in sys.modules}
    sys.path.insert(0, str(folder))
    shown = []
    real_show = plt.show
    plt.show = lambda *a, **k: shown.append(len(plt.get_fignums()))
    namespace = {"__name__": "__main__"}
    results = []
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            source = filter_source(cell.source, lang) if lang else cell.source
            out = io.StringIO()
            before = len(shown)
            with contextlib.redirect_stdout(out):
                exec(compile(source, f"<{name} cell {index}>", "exec"), namespace)
            for fn, impl in (replace or {}).items():
                if re.search(rf"^def {fn}\(", source, re.M):
                    namespace[fn] = impl
            plt.close("all")
            results.append((cell, out.getvalue(), len(shown) - before))
    finally:
        plt.show = real_show
        plt.close("all")
        sys.path.remove(str(folder))
        for m in FOLDER_MODULES:
            sys.modules.pop(m, None)
        sys.modules.update(saved)
    return results


def kind(cell):
    if cell.metadata.get("nbgrader", {}).get("grade"):
        return "test"
    cell_id = cell.get("id", "")
    return "picture" if cell_id.startswith("picture") else cell_id


def reversed_share(results):
    printed = "".join(out for _, out, _ in results)
    found = re.search(r"sequences reversed exactly: ([\d.]+)%", printed)
    assert found, printed[-2000:]
    return float(found.group(1)) / 100, printed


@pytest.fixture(scope="module")
def source_run():
    """The source notebook as an English release shows it (the [ko] blocks left out)."""
    return run_notebook(SOURCE, "decoder.ipynb", lang="en")


def test_source_notebook_passes_every_self_check(source_run):
    checked = {}
    for cell, out, _ in source_run:
        if kind(cell) == "test":
            fn = re.search(r"check\((\w+)\)", cell.source).group(1)
            checked[fn] = out
    assert set(checked) == set(FUNCTIONS)
    for fn, out in checked.items():
        assert f"✓ {fn}:" in out and "✗" not in out, out


def test_source_notebook_draws_every_picture(source_run):
    pictures = [(cell, out, figures) for cell, out, figures in source_run if kind(cell) == "picture"]
    drawing = [p for p in pictures if "plt." in p[0].source]
    assert len(drawing) == 4
    for cell, out, figures in drawing:
        assert figures == 1, (cell.source[:200], out)
    for cell, out, _ in pictures:
        assert "No picture" not in out and "Nothing to show" not in out and "그림을 그리지" not in out, out


def test_source_notebook_reverses_the_toy_sequences_and_shows_exposure_bias(source_run):
    share, printed = reversed_share(source_run)
    assert share >= 0.9
    assert "Your decoder works" in printed
    tf, fr = re.search(r"token accuracy: teacher-forced ([\d.]+)%, free-running ([\d.]+)%", printed).groups()
    assert float(tf) > float(fr)
    plain, smooth = re.search(r"teacher-forced loss with your sequence_cross_entropy: ([\d.]+) \(ε = 0\), ([\d.]+)",
                              printed).groups()
    assert float(plain) < 0.2 < float(smooth)        # a trained model; smoothing keeps the loss above 0


def test_teacher_forcing_table_shows_the_shift(source_run):
    printed = "".join(out for cell, out, _ in source_run if "show_teacher_forcing()" in cell.source)
    assert re.search(r"reads\s+bos\s+6\s+4\s+2\n\s+and must predict\s+6\s+4\s+2\s+eos\n", printed), printed


@pytest.mark.slow              # runs the whole notebook once more (seconds of CPU)
def test_the_korean_text_runs_too(source_run):
    """A Korean release keeps the [ko] blocks (the pictures' labels, a Hangul font when there is one)."""
    results = run_notebook(SOURCE, "decoder.ipynb", lang="ko")
    pictures = [figures for cell, _, figures in results if kind(cell) == "picture" and "plt." in cell.source]
    assert pictures == [1, 1, 1, 1]
    hangul = re.compile("[\uac00-\ud7a3]")
    for (cell, en, _), (_, ko, _) in zip(source_run, results):
        if kind(cell) == "picture" and en:
            assert hangul.search(ko) and not hangul.search(en), cell.source[:200]
    assert "정확히 뒤집은 시퀀스" in "".join(out for _, out, _ in results)


@pytest.mark.slow              # runs the whole notebook once more (seconds of CPU)
def test_without_the_causal_mask_the_demonstration_visibly_fails():
    from tests.mistakes.decoder import decoder_without_causal_mask as wrong
    as_the_student_names_it = types.FunctionType(wrong.__code__, wrong.__globals__, "decoder_block", wrong.__defaults__)
    results = run_notebook(SOURCE, "decoder.ipynb", lang="en", replace={"decoder_block": as_the_student_names_it})
    share, printed = reversed_share(results)
    assert share < 0.7
    assert "Check the causal mask" in printed and "Your decoder works" not in printed
    assert "✗ decoder_block:" in printed


def test_released_notebook_runs_with_stubs_and_says_what_is_missing():
    results = run_notebook(RELEASE, "decoder.ipynb")
    for cell, out, figures in results:
        if kind(cell) == "test":
            fn = re.search(r"check\((\w+)\)", cell.source).group(1)
            assert f"{fn} is not implemented yet" in out, out
        elif kind(cell) == "picture" and "def show_" in cell.source:
            assert figures == 0, cell.source[:200]
            assert re.search(r"No picture yet|Nothing to show yet", out), (cell.source[:200], out)
    assert not any("raised" in out for _, out, _ in results)
