"""The feedback's formula conversion: what nbconvert calls math becomes MathML, nothing else does,
and markdown still reads the rest of the cell as before."""
import re

import nbformat
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from seqlab.preprocessors.mathml import MathToMathML


def html_of(markdown):
    return markdown2html_mistune(MathToMathML().convert_markdown(markdown))


def test_inline_and_display_formulas_become_mathml_without_dollars():
    out = html_of("The state $h_t$ and\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n")
    assert "$" not in out
    assert out.count("<math") == 2 and 'display="block"' in out and 'display="inline"' in out
    assert "<mfrac>" in out and "<msub><mi>h</mi><mi>t</mi></msub>" in out


def test_code_spans_fences_and_escaped_dollars_stay_text():
    source = "Write `x = '$a$'` or\n\n```python\nprice = '$5 and $6'\n```\n\ncosts \\$5, not \\$6"
    out = html_of(source)
    assert "<math" not in out
    assert "'$a$'" in out and "'$5 and $6'" in out and "$5, not $6" in out


def test_formulas_in_tables_keep_the_table_and_their_pipes():
    out = html_of("| gate | formula |\n|---|---|\n| forget $f_t$ | $\\lvert x \\rvert$ |\n")
    assert out.count("<td>") == 2 and out.count("<math") == 2
    assert "<mo>|</mo><mi>x</mi><mo>|</mo>" in out


def test_underscores_and_stars_inside_formulas_are_not_emphasis():
    out = html_of("with $x_t W_{xh} + h_{t-1} W_{hh}$ and $a * b * c$")
    assert "<em>" not in out and "<strong>" not in out
    assert "x_t W_{xh}" in out                              # the TeX, kept as the annotation


def test_a_formula_latex2mathml_cannot_read_stays_for_mathjax_and_is_reported():
    pp = MathToMathML()
    out = pp.convert_markdown("fine $x$, broken $\\frac{1}{$ end")
    assert out.count("<math") == 1
    assert "$\\frac{1}{$" in out and pp.failed == ["\\frac{1}{"]


def test_markdown_cells_comments_and_outputs_of_a_notebook():
    nb = nbformat.v4.new_notebook()
    md = nbformat.v4.new_markdown_cell("Gate $f_t$")
    md.metadata["nbgrader"] = {"comment": "check $C_t$ again"}
    code = nbformat.v4.new_code_cell("display(Math(...))")
    code.outputs = [nbformat.v4.new_output("display_data", {"text/latex": "$\\displaystyle \\tanh(x)$",
                                                            "text/plain": "<IPython.core.display.Math object>"}),
                    nbformat.v4.new_output("display_data", {"text/markdown": "**bold** $o_t$"})]
    nb.cells = [md, code]
    nb, _ = MathToMathML().preprocess(nb, {})
    assert md.source.startswith("Gate <math") and "$" not in md.source
    assert md.metadata.nbgrader["comment"].startswith("check <math")
    assert re.match(r"<math[^>]*display=\"inline\"", code.outputs[0].data["text/html"])
    assert "**bold** <math" in code.outputs[1].data["text/markdown"]
