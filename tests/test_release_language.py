"""A Korean release is Korean, an English release is English: everything a student reads.

Each assignment with a notebook (quizzes included, and any assignment added later) is released in
each language in-process (``SelectLanguage`` and nbgrader's clearing steps, as ``tests/test_quiz.py``
does), and this test collects what a student of that release reads:

* the markdown cells;
* the comments and docstrings of every code cell, and the string literals of the calls that put
  text on screen (``print``, titles, axis labels, legends, ``text``, ``annotate``, ``label=``);
* what the notebook shows when it runs, executed here under matplotlib's Agg backend: once as
  released (the stubs: "not implemented yet", "no picture yet") and once with the reference
  functions (the source notebook's solution cells): printed text, warnings, exceptions, and the
  text of every figure (titles, axis and tick labels, legends, text artists);
* the self-check messages: ``check(fn)`` of every graded function on the reference and on every
  catalogued mistake; for quizzes, ``check_answer`` on the key, on wrong answers and on answers of
  the wrong form;
* the hidden checks' texts (check titles, diagnoses, failure messages of ``tests/checks``), each
  side of its English/Korean pair.

What counts as the other language (the rules, and the allow-list, are explicit below):

* English release: any Hangul.
* Korean release: English prose. Code, formulas and quoted program output are taken out first
  (code spans, ``$…$``, identifiers with ``_``/digits/calls/indexing, one-letter symbols,
  ``TypeError: …`` and NumPy's warning texts); then a text is English prose when it has
  (1) a run of three or more English words that are not on the allow-list, or
  (2) an English function word ("the", "of", "for", …) outside an allowed phrase, or,
  for the short texts of figures and printed lines, (3) no Hangul but an English word that is
  not on the allow-list ("memory" as a plot title).
  The allow-list holds the lecture's terms that the Korean text keeps in English on purpose
  (taken from the Korean notebooks: attention, query, key, value, softmax, LSTM, gate names,
  padding, mask, head, …), the English glosses it gives in parentheses, the example sentences
  of the lecture ("I love you", "The cat sat on the mat") and units.

``python -m tests.test_release_language`` prints every finding, per assignment and language.
"""
import ast
import contextlib
import functools
import io
import re
import sys
import tokenize
import types
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text as Artist  # noqa: E402

from seqlab import quiz  # noqa: E402
from seqlab.i18n import filter_source  # noqa: E402
from tests.harness import COURSE, graded_functions, mistakes, released_in_process, selfcheck_module  # noqa: E402

LANGS = ("en", "ko")
RAISED = "raised"
ASSIGNMENTS = COURSE.assignments()          # every assignment with a notebook, quizzes included
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

# =============================================================================== the rules
# Terms the Korean text keeps in English on purpose: the lecture's vocabulary (as the Korean
# notebooks, the lecture and the quizzes use it), names of libraries and models, Python's words.
ALLOWED_WORDS = set("""
attention self-attention query key value softmax scaled dot-product multi-head head
mask masking causal look-ahead padding pad encoder decoder encoder-decoder
transformer lstm gru rnn bptt gate forget input output reset update
sigmoid tanh relu gelu ffn position-wise sinusoidal
norm batch-first residual post-norm pre-norm
shape slice broadcast feature one-hot saturate
overflow nan inf float dict tuple true false none
numpy pytorch python math erf docstring
bert gpt rms pe cos sin exp log ln max min mean diag
mlp cnn gpu ms
""".split())
# Phrases kept whole: glosses in parentheses, the lecture's quoted titles, its example sentences.
ALLOWED_PHRASES = [
    "backpropagation through time", "long short-term memory", "gated recurrent unit",
    "gaussian error linear unit", "hidden state", "cell state", "vanishing gradient", "exploding gradient",
    "information bottleneck", "masked multi-head attention", "multi-head self-attention",
    "scaled dot-product attention", "permutation-equivariant", "permutation-invariant", "interleaved",
    "bag of words", "identity mapping", "word embedding", "positional encoding", "final input",
    "feed-forward network", "residual connection", "layer normalization", "batch normalization",
    "add & norm", "highway", "fingerprint", "learning-rate warm-up",
    "the cat, which we found yesterday, is very cute", "the cat sat on the mat", "i love you", "you love i",
    "on the mat", "layer norm", "batch norm", "teacher forcing", "weight between", "run all",
    # nbgrader's own placeholders in a released stub (ClearSolutions' code_stub and text_stub)
    "your code here", "your answer here",
]
# The words of the example sentences, as tick labels of the attention pictures.
EXAMPLE_WORDS = set("the cat sat on mat a dog ran home i love you <pad>".split())
# English function words: never a technical term, so one of them in Korean text is English prose.
FUNCTION_WORDS = set("""
the a an of for to in on at by with from into onto over under above below between through during
and or but nor so yet if then else than that this these those which who whom whose what when where why how
is are was were be been being am has have had do does did can could may might must shall should will would
it its it's they them their there here not no yes only also just all each every some any both either neither
as per via about after before since until while whether because although
we you your our my me us he she his her
""".split())
# Program output quoted in a message: an exception's text after its type, NumPy's warning texts.
QUOTED_OUTPUT = [re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning)\b:?.*$", re.M),
                 re.compile(r"(?:overflow|underflow|invalid value|divide by zero) encountered in \w+")]

CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.S)
CALL = re.compile(r"[A-Za-z_][\w.]*\([^()]*\)")                        # softmax(scores), layer_norm(x, gamma)
MENTION = re.compile(r"[\"'“‘][A-Za-z<>]+[\"'”’]")                              # a word quoted as a word: "cat"
LABELLED = re.compile(r"\b(?:%s) (?=[-−]?\d)" % "|".join(sorted(EXAMPLE_WORDS - {"<pad>"})), re.I)  # "on 0.05"
NAMES = re.compile(r"\(\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*\)")      # a tuple of names: (out, weights)
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.S)
URL = re.compile(r"https?://\S+")
# An English word: two letters or more; not part of an identifier, a call, an index or a path.
WORD = re.compile(r"(?<![A-Za-z0-9_.\\/\[])([A-Za-z][A-Za-z'’-]*[A-Za-z])(?![A-Za-z0-9_(\[]|\.[A-Za-z0-9_])")
# What may stand between the words of one run of prose.
GLUE = re.compile(r"^[\s,;:.!?\"'“”‘’*()–—-]*$")


def code_free(text):
    """``text`` without code spans, formulas, URLs, calls, tuples of names, quoted program output and
    markdown's emphasis marks; white space made single."""
    for pattern in (CODE_SPAN, MATH, URL, *QUOTED_OUTPUT):
        text = pattern.sub(" ", text)
    for pattern in (CALL, NAMES):
        while pattern.search(text):
            text = pattern.sub(" ", text)
    text = re.sub(r"\s+", " ", text.replace("*", ""))
    return LABELLED.sub(" ", MENTION.sub(" ", text))


def english_problems(text, short=False):
    """Why ``text`` (from a Korean release) is English prose: [] when it is not.

    ``short``: a label or printed line, where one English word without any Hangul is English too."""
    text = code_free(text)
    lowered = text.lower()
    if short and lowered.strip() in EXAMPLE_WORDS:
        return []
    for phrase in ALLOWED_PHRASES:
        lowered = lowered.replace(phrase, " " * len(phrase))
    problems, run, last_end = [], [], None
    words = [(m.group(1), m.start(1), m.end(1)) for m in WORD.finditer(lowered)]

    def close_run():
        if len(run) >= 3:
            problems.append("run of English words: " + " ".join(run))
        run.clear()

    for word, start, end in words:
        bare = word.strip("'’-")
        if last_end is not None and not GLUE.match(lowered[last_end:start]):
            close_run()
        last_end = end
        if bare in FUNCTION_WORDS:
            problems.append(f"English function word {bare!r}")
        if allowed(bare):
            continue
        run.append(bare)
    close_run()
    if short and not HANGUL.search(text):
        stray = [w for w, _, _ in words if not allowed(w.strip("'’-"))]
        if stray:
            problems.append("English label: " + " ".join(stray))
    return sorted(set(problems))


def allowed(word):
    singular = [word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word]
    return any(w in ALLOWED_WORDS for w in singular) or all(part in ALLOWED_WORDS for part in word.split("-"))


def other_language(text, lang, short=False):
    """The problems of ``text`` in a release of ``lang``."""
    if lang == "en":
        found = HANGUL.findall(text)
        return [f"Hangul: {''.join(found)[:20]}"] if found else []
    return english_problems(text, short=short)


# =============================================================================== releasing
def released(assignment, lang):
    """The assignment's notebook as nbgrader's release steps leave it (run in-process)."""
    return released_in_process(nbformat.read(COURSE.notebook(assignment), as_version=4), lang)


def references(assignment, lang):
    """{grade id: the source notebook's solution cell in ``lang``} (the reference functions)."""
    nb = nbformat.read(COURSE.notebook(assignment), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: filter_source(c.source, lang) for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}


def is_quiz(assignment):
    return not (COURSE.source / assignment / f"{assignment}.nb.py").is_file()


# =============================================================================== reading the text
DISPLAY_CALLS = {"print", "set_title", "set_xlabel", "set_ylabel", "suptitle", "text", "annotate", "legend",
                 "set_xticks", "set_yticks", "set_xticklabels", "set_yticklabels", "set_label", "set_ylim_label",
                 "title", "xlabel", "ylabel", "show", "fail", "expect", "display", "Markdown"}
DISPLAY_KEYWORDS = {"label", "title", "labels"}


def literal_text(node):
    """The text of a string literal (an f-string's fixed parts, its fields as ``{}``), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        if left is not None or right is not None:
            return (left or " {} ") + (right or " {} ")
    return None


def shown_literals(tree, lang):
    """String literals that reach the screen: arguments of display calls and ``label=`` values
    (also inside tuples and lists); for ``say(en, ko)`` only the argument of ``lang``."""
    def literals(node):
        text = literal_text(node)
        if text is not None:
            yield node.lineno, text
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                yield from literals(element)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        args = list(node.args)
        if name == "say" and len(args) == 2:
            args = [args[LANGS.index(lang)]]
        elif name not in DISPLAY_CALLS:
            args = []
        for arg in args + [k.value for k in node.keywords if k.arg in DISPLAY_KEYWORDS]:
            yield from literals(arg)


def static_readings(nb, lang):
    """(where, text, short) of the text a student reads in the notebook without running it."""
    out = []
    for i, cell in enumerate(nb.cells):
        where = f"cell {i + 1} ({cell.cell_type})"
        if cell.cell_type == "markdown":
            out.append((where, cell.source, False))
            continue
        source = cell.source
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.COMMENT:
                    out.append((f"{where}, line {tok.start[0]}: comment", tok.string.lstrip("#"), False))
            tree = ast.parse(source)
        except (SyntaxError, tokenize.TokenError) as err:
            out.append((where, f"SyntaxError: {err}", False))
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)):
                doc = ast.get_docstring(node, clean=True)
                if doc:
                    out.append((f"{where}: docstring of {getattr(node, 'name', 'the cell')}", doc, False))
        for line, text in shown_literals(tree, lang):
            out.append((f"{where}, line {line}: shown text", text, True))
    return out


def figure_texts(fig):
    """Every text of a figure once drawn: titles, axis labels, tick labels, legends, text artists."""
    fig.canvas.draw()
    texts = []
    for artist in fig.findobj(Artist):
        text = artist.get_text().strip()
        if text and artist.get_visible():
            texts.append(text)
    return texts


@contextlib.contextmanager
def notebook_process(assignment):
    """A kernel for the assignment's notebook, in this process: its folder on sys.path with its own
    self-check modules, matplotlib's settings and Python's warning filters as they were before
    (restored afterwards; what the notebook sets stays for all its cells), every warning recorded,
    figures collected where ``plt.show()`` shows them. Yields (shown figures' texts, warnings)."""
    shown = []

    def show(*_, **__):
        for number in plt.get_fignums():
            shown.append(figure_texts(plt.figure(number)))
        plt.close("all")

    with selfcheck_module(assignment), matplotlib.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        saved = plt.show
        plt.show = show
        try:
            yield shown, caught
        finally:
            plt.show = saved
            plt.close("all")


def run_cell(source, namespace, where, kernel):
    """Execute one cell as the kernel would; (where, text, short) of what it shows."""
    shown, caught = kernel
    out, before, warned = io.StringIO(), len(shown), len(caught)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):         # NumPy's own error settings
        raised = None
        try:
            exec(compile(source, where, "exec"), namespace)
        except Exception as exc:   # noqa: BLE001 - a traceback is what the student reads
            raised = f"{type(exc).__name__}: {exc}"
        for number in plt.get_fignums():          # a figure left open is shown at the end of the cell
            shown.append(figure_texts(plt.figure(number)))
        plt.close("all")
    printed = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())          # colours are not text
    found = [(f"{where}: printed", line, True) for line in printed.splitlines() if line.strip()]
    found += [(f"{where}: warning {w.category.__name__}", str(w.message), True) for w in caught[warned:]]
    if raised:
        found.append((f"{where}: {RAISED}", raised, True))
    for texts in shown[before:]:
        found += [(f"{where}: figure", text, True) for text in texts]
    return found


def executed_readings(assignment, lang):
    """(where, text, short) of what the released notebook shows when it runs: as released (stubs),
    then with the reference functions; then every self-check message, on the reference and on
    every catalogued mistake (for quizzes: check_answer on keys, wrong answers, wrong forms)."""
    nb = released(assignment, lang)
    out = []
    with notebook_process(assignment) as kernel:
        for run, solutions in (("as released", {}), ("with the reference", references(assignment, lang))):
            namespace = {"__name__": "__main__"}
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                source = solutions.get(grade_id, cell.source)
                out += run_cell(source, namespace, f"{run}, cell {i + 1}", kernel)
        if is_quiz(assignment):
            out += quiz_messages(assignment, namespace["check_answer"], kernel)
        else:
            out += selfcheck_messages(assignment, namespace, kernel)
    return out


def selfcheck_messages(assignment, namespace, kernel):
    """check(fn) on every catalogued mistake, as the notebook's function of that name."""
    out = []
    for m in mistakes(assignment):
        ns = dict(namespace)
        if isinstance(m.impl, type):                   # a class (the PyTorch lab): under the graded name
            fn = type(m.function, (m.impl,), {"__module__": "__main__"})
        else:
            ns.update({k: v for k, v in m.impl.__globals__.items() if k not in namespace})
            fn = types.FunctionType(m.impl.__code__, ns, m.function, m.impl.__defaults__, m.impl.__closure__)
        ns["__check_me__"] = fn
        out += run_cell("check(__check_me__)", ns, f"check({m.function}) on the mistake {m.id}", kernel)
    return out


def quiz_answers(q):
    """A right answer, wrong answers and answers of the wrong form to question ``q``."""
    key = list(q.key) if q.kind == "multi" else q.key
    if q.kind == "single":
        wrong = [x for x in q.letters if x != q.key][:2] + ["Z", 3]
    elif q.kind == "multi":
        wrong = [[x for x in q.letters if x not in q.key][:1], list(q.key)[:1] + [x for x in q.letters if x not in q.key][:1],
                 "A", []]
    elif q.kind == "truefalse":
        wrong = [not q.key, "True", 1]
    elif q.kind == "numeric":
        wrong = [q.key + 1000, "12", None] + [n.value for n in q.near][:2]
    else:
        wrong = [tuple(d + 1 for d in q.key), list(q.key), (1.5,) * len(q.key), tuple(q.key)[:-1]] + \
                [tuple(n.value) for n in q.near][:2]
    return [key] + wrong


def quiz_messages(assignment, check_answer, kernel):
    out = []
    _, questions = quiz.load_bank(COURSE)
    for q in questions:
        if q.quiz != assignment or q.kind == "text":
            continue
        for value in quiz_answers(q):
            ns = {"check_answer": check_answer, "value": value}
            out += run_cell(f"check_answer({q.id!r}, value)", ns, f"check_answer({q.id!r}, {value!r})", kernel)
    out += run_cell("check_answer('no_such_question', 1)", {"check_answer": check_answer}, "check_answer(unknown)", kernel)
    return out


def hidden_check_texts(assignment, lang):
    """(where, text, short) of each side of the English/Korean pairs in the assignment's hidden checks:
    check titles, diagnoses, failure messages and Texts."""
    pairs = {"check": (1, 2), "Diagnosis": (1, 2), "fail": (0, 1), "Text": (0, 1)}
    side = LANGS.index(lang)
    out = []
    for file in COURSE.check_set(assignment).files:
        path = COURSE.root / file
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in pairs:
                continue
            index = pairs[name][side]
            if len(node.args) > index:
                text = literal_text(node.args[index])
                if text is not None:
                    out.append((f"{path.name}, line {node.lineno}: {name}(…)", text, False))
    return out


@functools.lru_cache(maxsize=None)
def findings(assignment, lang):
    """[(where, problems, text)] of the release of ``assignment`` in ``lang`` (one per text read;
    a cell that raised is one whatever its language), and everything that was read."""
    readings = static_readings(released(assignment, lang), lang)
    readings += executed_readings(assignment, lang)
    readings += hidden_check_texts(assignment, lang)
    found = []
    for where, text, short in readings:
        problems = ["the cell raised"] if where.endswith(RAISED) else other_language(text, lang, short=short)
        if where.endswith("figure") and HANGUL.search(text) and MATH.search(text):
            problems.append("Hangul and a $formula$ in one text: matplotlib lays it out without the Korean font")
        if problems:
            found.append((where, "; ".join(problems), text.strip()[:200]))
    return found, readings


# =============================================================================== the tests
def run_through(assignments):
    """An assignment's release run with the reference (every picture drawn, every self-check, lab 05
    training its models) is make test's; a quiz's release is only read."""
    return [a if is_quiz(a) else pytest.param(a, marks=pytest.mark.slow) for a in assignments]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("assignment", run_through(ASSIGNMENTS))
def test_a_release_reads_in_its_own_language(assignment, lang):
    found, readings = findings(assignment, lang)
    kinds = {where.split(":")[-1].strip().split(" ")[0] for where, _, _ in readings}
    assert readings and "printed" in kinds, "nothing was read: the collectors are broken"
    report = "\n".join(f"  {where}: {problem}\n      {text!r}" for where, problem, text in found)
    assert not found, f"{len(found)} text(s) of the {lang} release of {assignment} in the other language:\n{report}"


@pytest.mark.parametrize("assignment", run_through(a for a in ASSIGNMENTS if not is_quiz(a)))
def test_every_picture_is_read_and_draws_without_errors(assignment):
    """The collectors see every picture (so the language test reads their text), and no picture
    cell ends in a traceback, with the stubs or with the reference."""
    for lang in LANGS:
        _, readings = findings(assignment, lang)
        figures = {where.split(":")[0] for where, _, _ in readings if where.endswith("figure")}
        pictures = sum(1 for c in released(assignment, lang).cells if c.cell_type == "code"
                       and "plt." in c.source)
        assert len([f for f in figures if f.startswith("with the reference")]) == pictures, (lang, figures)
        raised = [(where, text) for where, text, _ in readings if where.endswith(RAISED)]
        assert not raised, raised


@pytest.mark.parametrize("assignment", run_through(a for a in ASSIGNMENTS if not is_quiz(a)))
def test_the_self_checks_speak_on_the_reference_and_on_the_mistakes(assignment):
    _, readings = findings(assignment, "ko")
    passed = [t for w, t, _ in readings if t.startswith("✓")]
    failed = [t for w, t, _ in readings if w.startswith("check(") and "✗" in t]
    assert len(passed) >= len(graded_functions(assignment))
    assert len(failed) >= len(mistakes(assignment)) // 2


def test_the_rules_tell_english_prose_from_korean_with_english_terms():
    ko = lambda text, short=False: other_language(text, "ko", short=short)   # noqa: E731
    assert ko("각 query의 행 합이 1이 되게 하세요. softmax는 key 축을 따라 계산합니다.") == []
    assert ko("Multi-head attention: projection의 열 블록마다 scaled dot-product attention을 h번 계산합니다.") == []
    assert ko("*\"The cat, which we found yesterday, is very cute\"*에서 동사는 주어와 수가 일치해야 합니다.") == []
    assert ko("`np.where(mask, scores, -np.inf)`와 $\\sqrt{d_k}$, x_t W_xf, lstm_gates(x, h)") == []
    assert ko("함수에서 ValueError 오류가 발생했습니다: operands could not be broadcast together") == []
    assert ko('"cat"은 "sat"의 주어이고, 행은 The 0.15, cat 0.30, on 0.05입니다.') == []     # words as words
    assert ko("Run the self-checks above first.")
    assert ko("weights = softmax(scores) over the keys")                     # a function word
    assert ko("σ(x) = e^x / (1 + e^x)      for x < 0")
    assert ko("가중치 (tanh approximation, also accepted)")                 # a run of three
    assert ko("memory", short=True) and not ko("기억", short=True) and not ko("LSTM", short=True)
    en = lambda text: other_language(text, "en")   # noqa: E731
    assert en("the lecture's common mistake 'Scaling 누락'") and not en("softmax over the keys")


def test_korean_pictures_draw_hangul_with_a_korean_font_and_say_so_without_one(monkeypatch, capsys):
    """use_language("ko") puts an installed Korean font behind DejaVu Sans; without one it says so, in
    Korean, once, instead of matplotlib's warning for every missing glyph."""
    from seqlab import selfcheck as core
    with matplotlib.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        monkeypatch.setattr(core, "KOREAN_FONTS", ("DejaVu Sans Mono",))          # stands in for NanumGothic
        assert core.korean_plots() == "DejaVu Sans Mono"
        assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", "DejaVu Sans Mono"]
        monkeypatch.setattr(core, "KOREAN_FONTS", ("No Such Font",))
        monkeypatch.setattr(core, "_KOREAN_FILES", ("no-such-font-file",))
        matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
        assert core.korean_plots() is None
        fig, ax = plt.subplots()
        ax.set_title("기억")
        fig.canvas.draw()
        plt.close(fig)
    note = capsys.readouterr().out
    assert "한글 글꼴" in note and other_language(note, "ko", short=True) == []
    assert not [w for w in caught if "missing from font" in str(w.message)]


def report():
    """Every finding, per assignment and language (``python -m tests.test_release_language``)."""
    total = 0
    for assignment in ASSIGNMENTS:
        for lang in LANGS:
            found, readings = findings(assignment, lang)
            total += len(found)
            print(f"== {assignment} [{lang}]: {len(found)} finding(s) in {len(readings)} texts read")
            for where, problem, text in found:
                print(f"  {where}: {problem}\n      {text!r}")
    print(f"total: {total}")


if __name__ == "__main__":
    sys.exit(report())
