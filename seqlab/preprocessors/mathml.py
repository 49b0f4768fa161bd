"""Feedback preprocessor: formulas as MathML, so feedback pages show them without internet.

nbconvert's HTML leaves every formula as ``$…$`` text for MathJax, loaded from a CDN: a student
who opens the feedback file offline (or where that CDN is blocked) reads raw LaTeX. This turns
each formula into MathML, which browsers render natively (Chromium since 109, Firefox, Safari),
before the page is written; the page stays one self-contained file. The TeX stays in the page
as the formula's annotation (copy and paste, screen readers).

What counts as a formula is nbconvert's own rule (the delimiters ``$…$``, ``$$…$$``, ``\\(…\\)``,
``\\[…\\]`` and ``\\begin{env}…\\end{env}`` of :mod:`nbconvert.filters.markdown_mistune`), outside
fenced code blocks and inline code spans, within one paragraph (display math may span blank
lines). Markdown cells, the grader's comments and ``text/markdown`` outputs are converted in place; a ``text/latex``
output (``IPython.display.Math``) gets a ``text/html`` rendering beside it. A formula that
latex2mathml cannot convert stays as it was (MathJax still renders it when online) and is logged.
Indented (four-space) code blocks are not recognised as code: use fenced blocks for code with ``$``.
"""
import functools
import html
import re

from latex2mathml.converter import convert as _latex_to_mathml
from nbconvert.filters.markdown_mistune import MathBlockParser, MathInlineParser
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

# nbconvert's patterns, tried in its order: display before inline, TeX before LaTeX delimiters.
_MATH = re.compile("|".join(f"(?:{p})" for p in (
    MathInlineParser.BLOCK_MATH_TEX, MathInlineParser.BLOCK_MATH_LATEX, MathInlineParser.INLINE_MATH_TEX,
    MathInlineParser.INLINE_MATH_LATEX, MathInlineParser.LATEX_ENVIRONMENT)))
_MULTILINE_MATH = re.compile(MathBlockParser.MULTILINE_MATH)        # may span blank lines
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Characters that markdown (and nbconvert's math rules) would read inside the MathML's text:
# emphasis, tables, escapes, links, code, delimiters. (Not `&` or `#`: the entities use them.)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|~$]")


@functools.lru_cache(maxsize=8192)      # a pure function, and a class's pages repeat their formulas
def mathml(tex, display=False):
    """``tex`` as one line of MathML that markdown passes through untouched; None if it cannot convert."""
    try:
        converted = _latex_to_mathml(tex, display="block" if display else "inline")
    except Exception:
        return None
    head, _, rest = converted.partition(">")
    body = rest[: rest.rindex("</math>")]
    note = html.escape(" ".join(tex.split()), quote=False)
    marked = (f"{head}><semantics>{body}<annotation encoding=\"application/x-tex\">{note}</annotation>"
              f"</semantics></math>")
    # Escape markdown's special characters in the text between tags, so that `_`, `*` or `|` in an
    # annotation or an identifier stay themselves.
    return re.sub(r">([^<]+)<", lambda m: ">" + _MARKDOWN_SPECIAL.sub(lambda c: f"&#{ord(c[0])};", m[1]) + "<",
                  marked.replace("\n", " "))


class MathToMathML(Preprocessor):
    """Replace the LaTeX formulas of markdown cells and outputs by MathML (see the module docstring)."""

    enabled = Bool(True, help="nbconvert's preprocessors are off unless enabled").tag(config=True)

    def __init__(self, **kw):
        super().__init__(**kw)
        self.failed = []

    def convert_markdown(self, source):
        out, end = [], 0
        for fence in _FENCE.finditer(source):
            out.append(self._prose(source[end:fence.start()]))
            out.append(fence[0])
            end = fence.end()
        out.append(self._prose(source[end:]))
        return "".join(out)

    def _prose(self, text):
        """Markdown without fenced code: display math first (it may span blank lines), then
        each paragraph's inline code spans and formulas, the earlier one first (as mistune)."""
        out, end = [], 0
        for block in _MULTILINE_MATH.finditer(text):
            out.append(self._paragraphs(text[end:block.start()]))
            out.append(self._inline(block[0]))
            end = block.end()
        out.append(self._paragraphs(text[end:]))
        return "".join(out)

    def _paragraphs(self, text):
        parts = _BLANK_LINE.split(text)
        seps = _BLANK_LINE.findall(text)
        return "".join(self._inline(p) + (seps[i] if i < len(seps) else "") for i, p in enumerate(parts))

    def _inline(self, text):
        out, pos = [], 0
        while pos < len(text):
            math, code = _MATH.search(text, pos), _CODE_SPAN.search(text, pos)
            if math is None and code is None:
                break
            if code is not None and (math is None or code.start() < math.start()):
                out.append(text[pos:code.end()])
                pos = code.end()
                continue
            out.append(text[pos:math.start()])
            out.append(self._formula(math))
            pos = math.end()
        out.append(text[pos:])
        return "".join(out)

    def _formula(self, match):
        groups = match.groupdict()
        if groups.get("math_env_name") is not None:
            tex, display = match[0], True          # \begin{env}…\end{env}: latex2mathml reads the environment
        else:
            display = groups.get("math_block_tex") is not None or groups.get("math_block_latex") is not None
            tex = next(v for k, v in groups.items() if k.startswith("math_") and v is not None)
        converted = mathml(tex, display)
        if converted is None:
            self.failed.append(tex)
            return match[0]
        return converted

    def convert_latex_output(self, latex):
        """A ``text/latex`` output (usually ``$…$`` or ``$$…$$``, or bare LaTeX) as HTML."""
        stripped = latex.strip()
        if _MATH.fullmatch(stripped):
            return self._inline(stripped)
        converted = mathml(stripped, display=True)
        return converted

    def preprocess(self, nb, resources):
        self.failed = []
        nb, resources = super().preprocess(nb, resources)
        if self.failed:
            where = resources.get("unique_key") or resources.get("nbgrader", {}).get("notebook", "")
            self.log.warning("%s: %d formula(s) left for MathJax (latex2mathml could not convert them): %s",
                             where, len(self.failed), "; ".join(f[:60] for f in self.failed[:5]))
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        grading = cell.metadata.get("nbgrader", {})
        if isinstance(grading.get("comment"), str):          # the grader's comment (GetGrades), markdown too
            grading["comment"] = self.convert_markdown(grading["comment"])
        if cell.cell_type == "markdown":
            cell.source = self.convert_markdown(cell.source)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data")
                if not data:
                    continue
                if "text/markdown" in data:
                    data["text/markdown"] = self.convert_markdown(_text(data["text/markdown"]))
                if "text/latex" in data and "text/html" not in data:
                    converted = self.convert_latex_output(_text(data["text/latex"]))
                    if converted is not None and "$" not in converted:
                        data["text/html"] = converted
        return cell, resources


def _text(value):
    return "".join(value) if isinstance(value, list) else value
