"""Release language selection: one notebook, two languages, nothing of the other left."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from traitlets.config import Config

from seqlab.i18n import filter_source
from seqlab.preprocessors.language import SelectLanguage

CODE = '''def f(x):
    """
    [en]
    Add one.
    [ko]
    1을 더합니다.
    [/]
    Shapes: x (N, D) -> (N, D)
    """
    # [ko]
    # 주석
    # [/]
    return x + 1
'''


def release(lang):
    nb = new_notebook(cells=[
        new_markdown_cell("Hello", metadata={"seqlab": {"lang": "en"}}),
        new_markdown_cell("안녕하세요", metadata={"seqlab": {"lang": "ko"}}),
        new_markdown_cell("$h_t = o_t \\odot \\tanh(C_t)$"),
        new_code_cell('from selfcheck import use_language\nuse_language("en")  # seqlab: release language\n'),
        new_code_cell(CODE)])
    c = Config()
    c.Seqlab.language = lang
    out, _ = SelectLanguage(config=c).preprocess(nb, {})
    return out


def test_english_release_keeps_english_and_shared_text_only():
    nb = release("en")
    text = "\n".join(c.source for c in nb.cells)
    assert [c.source for c in nb.cells[:2]] == ["Hello", "$h_t = o_t \\odot \\tanh(C_t)$"]
    assert "Add one." in text and "Shapes: x (N, D)" in text
    assert "1을" not in text and "주석" not in text and "[en]" not in text and "[/]" not in text
    assert 'use_language("en")' in text


def test_korean_release_keeps_korean_and_sets_the_self_check_language():
    nb = release("ko")
    text = "\n".join(c.source for c in nb.cells)
    assert nb.cells[0].source == "안녕하세요"
    assert "1을 더합니다." in text and "# 주석" in text and "Add one." not in text
    assert 'use_language("ko")' in text
    assert all("seqlab" not in c.metadata for c in nb.cells)
    nbformat.validate(nb)


def test_filtered_code_still_compiles():
    for lang in ("en", "ko"):
        compile(filter_source(CODE, lang), "<cell>", "exec")
