"""No graded quiz key can be read from what students get.

A graded question keeps its key in ``solutions/``; it is worth nothing if the key is written
down elsewhere in the student's hands. What students get (the *released material*):

* every released notebook, in both languages: the assignments' notebooks as nbgrader releases
  them (``source/<assignment>/`` through the release steps: language selection, solutions
  and hidden tests and mark schemes cleared; ``release/**`` is that, in the course language),
  and the quiz notebooks as ``python -m seqlab.quiz build`` makes them from the bank;
* every released ``selfcheck.py`` (the quizzes' carries the practice keys and explanations);
* of the quiz questions: every prompt (other than the question's own), and everything a
  practice question ships: its right options, the *why* of every option, its explanation and
  near-miss texts. (Wrong options and graded options are released too, but a student cannot
  tell them from right ones, so they state nothing.)

Two detectors, general on purpose (no list of known pairs):

(a) **Claims.** The key claim of a graded question is what a student would have to find
    written down: the key option(s) (a short one, "$k_2$ for both", together with the question
    it answers), the statement of a true/false question, and the first sentence of the key's
    *why* and of the explanation (the claim; what follows is background; lead-ins like "Right:"
    dropped). Each clause of a claim is compared, in English and in Korean, with every sentence
    (and pair of consecutive sentences) of the released material: normalised (case, whitespace,
    punctuation; LaTeX and Unicode math spelled the same way), as sets of content features
    (English words without function words, lightly stemmed; Korean character bigrams; symbols
    such as ``d_model``; the numbers of a formula in pairs), weighted by how rare each feature
    is in the released material. A claim that is mostly contained in one released passage
    (``CLAIM_SHARE`` of its weight, with ``MIN_SHARED`` features and ``MIN_SHARED_WEIGHT`` at
    least) is a leak.

(b) **Formulas.** For a graded numeric question, the sizes its prompt binds ($D = 10$,
    $d_{model} = 512$, $(N, n, d) = (2, 10, 512)$, …) are plugged into every formula printed in
    the released material (LaTeX or plain, each side of an ``=``); a formula that then gives
    the key (within the question's tolerance), or gives it exactly after one multiplication or
    division by a number of the prompt ("four blocks"), is a leak.

Run ``python -m tests.test_quiz_leaks`` for the full report (every leak, with the released
passage that gives it).
"""
import ast
import importlib
import math
import re
import sys
import types
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from seqlab import quiz
from seqlab.i18n import Text
from seqlab.quiz.build import build_notebook, build_selfcheck
from tests.harness import released_in_process

pytestmark = pytest.mark.xdist_group("quiz_leaks")      # on one core: the released material is read once
ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "ko")
CLAIM_SHARE = 0.6          # share of a claim sentence's weight found in one released passage
MIN_SHARED = 4             # … and at least this many shared features
MIN_SHARED_WEIGHT = 14.0   # … of this much weight (short claims, "정보 병목입니다.", say nothing alone)


# =============================================================================== normalising
GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon", "θ": "theta",
         "μ": "mu", "π": "pi", "σ": "sigma", "Σ": "sum", "∑": "sum", "φ": "phi", "Φ": "phi", "ω": "omega",
         "∂": "partial", "√": " sqrt ", "⊙": " odot ", "∞": " infty ", "ᵀ": " top ", "²": "^2", "³": "^3",
         "≤": " le ", "≥": " ge ", "→": " to ", "⟺": " iff ", "×": " times ", "·": " ", "−": "-", "…": " "}
LATEX_NAMES = {"varepsilon": "epsilon", "epsilon": "epsilon", "leq": "le", "geq": "ge", "rightarrow": "to",
               "Delta": "delta", "Phi": "phi", "Sigma": "sum", "prod": "prod", "lvert": "", "rvert": "",
               "lVert": "", "rVert": "", "|": ""}
LATEX_NOISE = {"left", "right", "big", "bigl", "bigr", "Big", "mathrm", "operatorname", "text", "mathbf",
               "tfrac", "frac", "dfrac", "quad", "qquad", "cdot", "cdots", "dots", "ldots", "displaystyle",
               "boldsymbol", "mathcal", "bmod", "tilde", "hat", "bar"}      # h̃ and \tilde h alike
STOP = set("""a an the and or but if then than so of to in on at by for from with without into onto over under
as is are was were be been being it its it's this that these those there here which who whom whose what when
where why how not no do does did done can could may might must shall should will would has have had having
each every all any some one ones only also too very just more most less same other such both either neither
own up out about again further once i you we they he she them our your their his her my me us one's
gives give given get gets got make makes made use uses used using s t""".split())
HANGUL = re.compile(r"[\uac00-\ud7a3]+")
WORD = re.compile(r"\d+(?:\.\d+)?|[a-z][a-z0-9]*(?:_[a-z0-9]+)*|[\uac00-\ud7a3]+")


def plain(text):
    """LaTeX and Unicode math spelled one way, lower case: ``\\mathrm{LN}(x)`` and ``LN(x)`` alike,
    ``d_{model}`` and ``d_model`` alike (a subscripted symbol is one word: ``k_2`` is not ``k``)."""
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"_\{\s*([A-Za-z0-9]+)\s*\}", r"_\1", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: f" {'' if m[1] in LATEX_NOISE else LATEX_NAMES.get(m[1], m[1])} ", text)
    for ch, name in GREEK.items():
        text = text.replace(ch, f" {name} " if name.strip().isalpha() else name)
    return text.lower()


def stem(word):
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("'s", "")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


PARTICLES = set("은는이가을를의에와과도로만며고")


def features(text):
    """The content features of a text: English stems, Korean character bigrams, math symbols,
    and the numbers of each formula (LaTeX, or a plain line with =, /, …) in pairs, in order
    ("#4_9" for $(4 \\times 9)$): a lone one-digit number says nothing ("(4절)", "1 point")."""
    out = set()
    for seg in math_segments(text):
        numbers = re.findall(r"\d+(?:\.\d+)?", seg)
        out.update(f"#{a}_{b}" for a, b in zip(numbers, numbers[1:]))
    for token in WORD.findall(plain(text)):
        if len(token) == 1 and (token.isdigit() or token in PARTICLES):
            continue
        if HANGUL.fullmatch(token):
            out.update(token[i:i + 2] for i in range(max(1, len(token) - 1)))
        elif token not in STOP:
            out.add(stem(token))
    return out


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])|\n+")
CLAUSE_END = re.compile(r"(?<=;)\s+")
LEAD_IN = re.compile(r"^\s*(right|true|false|it belongs|correct|맞습니다|맞는 보기입니다|참입니다|거짓입니다)\s*[:.,]\s*",
                     re.I)


def sentences(text):
    """A text cut into sentences (and table rows, list items, code lines)."""
    parts = [p.strip(" \t-*|>#") for p in SENTENCE_END.split(text)]
    return [p for p in parts if p]


def clauses(sentence):
    return [c.strip() for c in CLAUSE_END.split(sentence) if c.strip()]


# =============================================================================== released material
@dataclass(frozen=True)
class Passage:
    where: str           # e.g. "release/recurrent/recurrent.ipynb [ko]", "practice compare_cells why B [en]"
    text: str
    owner: str = None    # the question it belongs to (not evidence against that question itself)


def _released_notebook(nb, lang):
    return released_in_process(nb, lang)


def _question_of_cell(cell):
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id") or cell.get("id", "")
    m = re.match(r"(?:prompt_|test_answer_|answer_)(.+?)(?:_en|_ko)?$", grade_id)
    return m[1] if m else None


def load(bank="solutions.quiz_bank"):
    """(items, questions) of the bank module ``bank`` (the course's, or a planted copy)."""
    return quiz.bank_of(importlib.import_module(bank))


@lru_cache(maxsize=None)
def released_passages(bank="solutions.quiz_bank"):
    """Every passage of released material, labelled with where it is (see the module docstring)."""
    items, questions = load(bank)
    quizzes = quiz.quizzes(questions)
    out = []
    for folder in sorted((ROOT / "source").iterdir()):
        if not (folder / f"{folder.name}.ipynb").is_file() or folder.name in quizzes:
            continue
        nb = nbformat.read(folder / f"{folder.name}.ipynb", as_version=4)
        for lang in LANGS:
            released = _released_notebook(nbformat.from_dict(nb), lang)
            where = f"release/{folder.name}/{folder.name}.ipynb [{lang}]"
            out += [Passage(where, cell.source) for cell in released.cells]
        for py in sorted((ROOT / "release" / folder.name).glob("*.py")):
            out.append(Passage(str(py.relative_to(ROOT)), py.read_text(encoding="utf-8")))
    by_id = {q.id: q for q in questions}
    for name in quizzes:
        # The quiz notebook, less the question cells (their content is taken from the bank below,
        # where it is known which text is a right option and which is a distractor).
        for lang in LANGS:
            for cell in _released_notebook(build_notebook(name, items, questions, *importlib.import_module(bank).QUIZZES[name]), lang).cells:
                if _question_of_cell(cell) not in by_id:
                    out.append(Passage(f"release/{name}/{name}.ipynb [{lang}]", cell.source))
    # The quizzes' selfcheck.py: the practice questions' keys, whys, explanations and near-miss
    # texts, taken from the bank one by one (test_the_quiz_selfcheck_ships_only_practice_material).
    for q in questions:
        for lang in LANGS:
            tag = f"[{lang}]"
            if q.kind != "truefalse" or (not q.graded and q.key is True):
                out.append(Passage(f"prompt of {q.status} {q.id} {tag}", q.prompt.pick(lang), q.id))
            if q.kind == "text" or q.graded:
                continue
            for letter, option in zip(q.letters, q.options):
                right = letter in (q.key if q.kind == "multi" else (q.key,))
                if right:
                    out.append(Passage(f"practice {q.id} option {letter} {tag}", option.text.pick(lang), q.id))
                out.append(Passage(f"practice {q.id} why {letter} {tag}", option.why.pick(lang), q.id))
            if q.explanation:
                out.append(Passage(f"practice {q.id} explanation {tag}", q.explanation.pick(lang), q.id))
            for n in q.near:
                out.append(Passage(f"practice {q.id} near {n.value!r} {tag}", n.why.pick(lang), q.id))
    return tuple(out)


@dataclass(frozen=True)
class Window:
    passage: Passage
    text: str
    feats: frozenset


@lru_cache(maxsize=None)
def windows(bank="solutions.quiz_bank"):
    """Sentences of the released material, and pairs of consecutive ones, with their features."""
    out = []
    for p in released_passages(bank):
        parts = sentences(p.text)
        for i, s in enumerate(parts):
            out.append(Window(p, s, frozenset(features(s))))
            if i + 1 < len(parts):
                pair = s + " " + parts[i + 1]
                out.append(Window(p, pair, frozenset(features(pair))))
    return tuple(out)


@lru_cache(maxsize=None)
def rarity(bank="solutions.quiz_bank"):
    """feature → weight, log(N / (1 + released sentences holding it)): unseen features weigh most."""
    singles = [w.feats for w in windows(bank)]
    df = Counter(f for feats in singles for f in feats)
    n = len(singles)

    def weight(f):
        w = math.log((n + 1) / (1 + df.get(f, 0)))
        return w / 2 if HANGUL.match(f) else w     # a Korean bigram is about half a word
    return weight


# =============================================================================== (a) claims
SHORT_OPTION = 6           # an option with fewer features of its own answers its question; it states nothing alone


def claims(q):
    """(label, lang, clause) of what a graded question's key rests on: the key option(s) (one that
    adds little to its prompt together with the question it answers), the statement of a
    true/false question, and the first sentence (the claim; what follows is background) of the
    key's *why* and of the explanation, each cut at semicolons."""
    out = []
    for lang in LANGS:
        texts = []
        if q.kind in ("single", "multi"):
            keys = q.key if q.kind == "multi" else (q.key,)
            asked = " ".join(s for s in sentences(q.prompt.pick(lang)) if s.rstrip().endswith("?"))
            for letter, option in zip(q.letters, q.options):
                if letter in keys:
                    text = option.text.pick(lang)
                    if len(features(text) - features(q.prompt.pick(lang))) < SHORT_OPTION:
                        texts.append((f"option {letter}", f"{asked} {text}"))     # one claim, not two
                    else:
                        texts += [(f"option {letter}", s) for s in sentences(text)]
                    why = sentences(LEAD_IN.sub("", option.why.pick(lang)))
                    texts += [(f"why {letter}", s) for s in why[:1]]
        if q.kind == "truefalse":
            texts += [("statement", s) for s in sentences(q.prompt.pick(lang))]
        if q.explanation:
            texts += [("explanation", s) for s in sentences(LEAD_IN.sub("", q.explanation.pick(lang)))[:1]]
        out += [(label, lang, c) for label, s in texts for c in clauses(s)]
    return out


@dataclass
class Leak:
    question: str
    claim: str
    lang: str
    text: str
    share: float
    where: str
    passage: str

    def __str__(self):
        return (f"{self.question} ({self.claim}, {self.lang}, {self.share:.0%}): {self.text!r}\n"
                f"    ← {self.where}: {self.passage!r}")


@lru_cache(maxsize=None)
def index(bank="solutions.quiz_bank"):
    """{feature: [window numbers]}: which released sentences hold a feature."""
    postings = {}
    for i, w in enumerate(windows(bank)):
        for f in w.feats:
            postings.setdefault(f, []).append(i)
    return postings


def claim_leaks(q, bank="solutions.quiz_bank", top=1):
    """Released passages that state a graded question's key claim: per claim sentence, the
    ``top`` best passages (from different places) over the thresholds."""
    weight, postings, every = rarity(bank), index(bank), windows(bank)
    found = []
    for label, lang, s in claims(q):
        feats = features(s)
        total = sum(weight(f) for f in feats)
        if total < MIN_SHARED_WEIGHT:
            continue
        shared_weight, shared_count = Counter(), Counter()
        for f in feats:
            for i in postings.get(f, ()):
                shared_weight[i] += weight(f)
                shared_count[i] += 1
        places = set()
        for i, w in sorted(shared_weight.items(), key=lambda kv: -kv[1]):
            window = every[i]
            if w / total < CLAIM_SHARE or len(places) >= top:
                break
            if window.passage.owner == q.id or shared_count[i] < MIN_SHARED or w < MIN_SHARED_WEIGHT \
                    or window.passage.where in places:
                continue
            places.add(window.passage.where)
            found.append(Leak(q.id, label, lang, s, w / total, window.passage.where, window.text))
    return found


# =============================================================================== (b) formulas
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "두": 2, "세": 3, "네": 4}
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


@lru_cache(maxsize=None)
def math_segments(text):
    """The formulas of a text: LaTeX between $…$, and plain lines that look like formulas."""
    segments = [a or b for a, b in MATH.findall(text)]
    rest = MATH.sub(" ", text)
    lines = [part for line in rest.splitlines() for part in re.split(r"\s{3,}", line)]
    segments += [line for line in lines if re.search(r"[=/√^*·]", line) and re.search(r"[A-Za-z]", line)]
    return tuple(segments)


@lru_cache(maxsize=None)
def _latex_to_python(s):
    """A formula (LaTeX or plain Unicode) as a Python expression, or None."""
    s = s.replace("\\left", "").replace("\\right", "").replace("\\!", "").replace("\\,", " ").replace("\\;", " ")
    s = s.replace("{", "(").replace("}", ")")
    for _ in range(5):   # \frac(a)(b) → ((a)/(b)), nested once per pass
        s = re.sub(r"\\[dt]?frac\s*(\((?:[^()]|\([^()]*\))*\))\s*(\((?:[^()]|\([^()]*\))*\))", r"(\1/\2)", s)
    s = re.sub(r"\\sqrt\s*(\((?:[^()]|\([^()]*\))*\))", r"sqrt\1", s)
    s = re.sub(r"√\s*(\((?:[^()]|\([^()]*\))*\)|[A-Za-z0-9_.]+)", r"sqrt(\1)", s)
    s = re.sub(r"\\(cdot|times)|[·×]", "*", s)
    s = re.sub(r"\\(sin|cos|exp|log|tanh)\b", r"\1", s)
    s = s.replace("−", "-").replace("²", "^2").replace("³", "^3").replace("^", "**")
    if re.search(r"\\[A-Za-z]+|[^\x00-\x7f]", s):
        return None          # something this reader does not know (Σ, ∂, ⊙, words of text, …)
    s = re.sub(r"_\(([A-Za-z0-9]+)\)", r"_\1", s)     # d_(model) → d_model
    tokens = re.findall(r"\d+\.?\d*|[A-Za-z][A-Za-z0-9_]*|\*\*|[-+*/()]|\S", s)
    out, prev = [], None
    for t in tokens:
        if t not in "+-*/)**" and prev is not None and (prev[0].isalnum() or prev == ")") and t != "(" or \
                (t == "(" and prev is not None and (prev[0].isdigit() or prev == ")")):
            out.append("*")                            # implicit multiplication: 2k, n d, (…)(…)
        out.append(t)
        prev = t
    return " ".join(out)


FUNCTIONS = {"sqrt": math.sqrt, "sin": math.sin, "cos": math.cos, "exp": math.exp, "log": math.log, "tanh": math.tanh}


@lru_cache(maxsize=None)
def _formula_pieces(segment):
    """The pieces of a formula that use an operator and read as Python: (piece, expression, the
    symbols it names); what does not depend on the question, parsed once per segment."""
    out = []
    for piece in re.split(r"=|≈|\\approx|<|>|\\le|\\ge|≤|≥|\\to|→|\\iff|\\quad|\\qquad|,|;|\\\\", segment):
        if not re.search(r"[-+*/^√·×]|\\frac|\\sqrt|\\cdot|\\cos|\\sin|\d\s*[A-Za-z(]|[A-Za-z)]\s+[A-Za-z(]", piece):
            continue
        expr = _latex_to_python(piece.strip())
        if expr:
            out.append((piece, expr, frozenset(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr)) - set(FUNCTIONS)))
    return tuple(out)


def formula_values(segment, bindings, numbers=()):
    """Values of the pieces of a formula (each side of =, ≈, <, …, each comma-separated part)
    that use at least one operator and are fully bound by ``bindings``. A piece without symbols
    (plain arithmetic) counts only when two of its numbers are among ``numbers`` (the
    question's own, other than 0 and 1): ``3/4`` somewhere is no formula for anything."""
    values = []
    for piece, expr, names in _formula_pieces(segment):
        namespace = dict(FUNCTIONS)
        for name in names:
            value = resolve(name, bindings)
            if value is None:
                break
            namespace[name] = value
        else:
            if not names and sum(float(x) in numbers and float(x) not in (0, 1)
                                 for x in re.findall(r"\d+\.?\d*", expr)) < 2:
                continue
            try:
                values.append((piece.strip(), float(eval(expr, {"__builtins__": {}}, namespace))))  # noqa: S307
            except (ArithmeticError, SyntaxError, TypeError, ValueError, NameError):
                pass
    return values


def resolve(name, bindings):
    """The value of a symbol: bound directly, or a run of bound one-letter symbols (``DH`` = D·H)."""
    key = name.replace("_", "").lower()
    if key in bindings:
        return bindings[key]
    if len(name) > 1 and "_" not in name and all(ch.lower() in bindings for ch in name):
        return math.prod(bindings[ch.lower()] for ch in name)
    return None


def bindings_of(q):
    """{symbol: number} that the prompt of ``q`` binds, and the other numbers it mentions."""
    text = q.prompt.en
    binds, numbers = {}, set()
    for seg in [a or b for a, b in MATH.findall(text)]:
        seg_py = seg.replace("{", "").replace("}", "").replace("\\", "")
        m = re.fullmatch(r"\s*\(([^()]*)\)\s*=\s*\(([^()]*)\)\s*", seg_py)
        if m:
            names, values = [x.strip() for x in m[1].split(",")], [x.strip() for x in m[2].split(",")]
            for name, value in zip(names, values):
                if re.fullmatch(r"-?\d+\.?\d*", value):
                    binds[name.replace("_", "").lower()] = float(value)
            continue
        for name, value in re.findall(r"([A-Za-z][A-Za-z0-9_]*)\s*=\s*(-?\d+\.?\d*)(?![\d.]*\s*[A-Za-z(])", seg_py):
            binds[name.replace("_", "").lower()] = float(value)
    for word in re.findall(r"[A-Za-z]+", text.lower()):
        if word in NUMBER_WORDS:
            numbers.add(float(NUMBER_WORDS[word]))
    numbers.update(float(x) for x in re.findall(r"(?<![\w.^])\d+\.?\d*", text))
    return binds, numbers


def formula_leaks(q, bank="solutions.quiz_bank"):
    """Printed formulas that give a graded numeric key when the question's sizes are plugged in."""
    if q.kind != "numeric":
        return []
    binds, numbers = bindings_of(q)
    tolerance = max(float(q.tolerance), 1e-9 * max(1.0, abs(q.key)))
    found, seen = [], set()
    for p in released_passages(bank):
        if p.owner == q.id:
            continue
        for seg in math_segments(p.text):
            for piece, value in formula_values(seg, binds, numbers):
                exact = 1e-9 * max(1.0, abs(q.key))
                candidates = [(value, "", tolerance)]
                candidates += [(value * m, f" × {m:g}", exact) for m in numbers if m not in (0, 1)]
                candidates += [(value / m, f" ÷ {m:g}", exact) for m in numbers if m not in (0, 1)]
                for v, how, within in candidates:
                    if abs(v - q.key) <= within and (p.where, piece, how) not in seen:
                        seen.add((p.where, piece, how))
                        found.append(Leak(q.id, f"formula{how}", "math", piece, 1.0, p.where, p.text[:200]))
                        break
    return found


# =============================================================================== the tests
ITEMS, QUESTIONS = load()
GRADED = [q for q in QUESTIONS if q.graded and q.kind != "text"]


def leaks(q, bank="solutions.quiz_bank", top=1):
    return claim_leaks(q, bank, top) + formula_leaks(q, bank)


@pytest.mark.parametrize("qid", [q.id for q in GRADED])
def test_no_graded_key_can_be_read_in_released_material(qid):
    q = next(q for q in GRADED if q.id == qid)
    found = leaks(q)
    assert not found, "\n".join(str(x) for x in found)


def test_the_quiz_selfcheck_ships_only_practice_material():
    """What the quizzes' selfcheck.py carries is what the claims are compared with, piece by piece."""
    passages = {p.text for p in released_passages() if p.where.startswith("practice ")}
    for name in quiz.quizzes(QUESTIONS):
        tree = ast.parse(build_selfcheck(name, QUESTIONS))
        found = {n.targets[0].id: eval(compile(ast.Expression(n.value), "<selfcheck>", "eval"), {"Text": Text})
                 for n in tree.body
                 if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") in ("PRACTICE", "GRADED")}
        assert all(set(form) <= {"id", "kind", "letters", "length", "number"} for form in found["GRADED"].values())
        shipped = set()
        for spec in found["PRACTICE"].values():
            shipped.update(text for why in spec.get("why", {}).values() for text in (why.en, why.ko))
            shipped.update((spec["explanation"].en, spec["explanation"].ko) if spec["explanation"] else ())
            shipped.update(text for near in spec.get("near", ()) for text in (near[1].en, near[1].ko))
        assert shipped and shipped <= passages, sorted(shipped - passages)[:3]


def test_text_is_compared_the_same_whatever_its_spelling():
    assert features("Q K^\\top / \\sqrt{d_k}, \\sigma(x)") == features("q Kᵀ/√d_k — σ(x)")
    assert features("The Output GATE!") == features("the output gate")
    assert features("기울기가 사라진다") & features("기울기는 사라지고") >= {"기울", "울기", "사라"}


def planted(name, *extra):
    """The bank with ``extra`` questions added, importable as the module ``name``."""
    module = types.ModuleType(name)
    real = importlib.import_module("solutions.quiz_bank")
    module.ITEMS, module.QUESTIONS = real.ITEMS, list(real.QUESTIONS) + list(extra)
    module.QUIZZES = real.QUIZZES
    sys.modules[name] = module
    return name


def test_a_practice_explanation_that_restates_a_graded_key_is_caught_in_both_languages():
    def own_features(q):            # a key option that is a statement of its own, not "k_2 for both"
        return len(features(q.options[q.letters.index(q.key)].text.en) - features(q.prompt.en))
    g = max((q for q in GRADED if q.kind == "single"), key=own_features)
    key = g.options[g.letters.index(g.key)].text
    restated = Text(f"Indeed — {key.en.upper()}!", f"네, {key.ko} 그렇습니다.")
    bank = planted("_planted_claim", quiz.Question("planted_claim", g.item, "truefalse", Text("?", "?"),
                                                     key=True, explanation=restated))
    found = [x for x in claim_leaks(next(q for q in load(bank)[1] if q.id == g.id), bank)
             if "planted_claim" in x.where]
    assert {x.lang for x in found} == {"en", "ko"}, found


def test_a_printed_formula_that_gives_a_graded_number_is_caught():
    g = next(q for q in GRADED if q.id == "lstm_parameter_count")      # D = 10, H = 20, four blocks
    for formula in ("$4 (D H + H^2 + H)$", "each block has $D \\cdot H + H \\cdot H + H$ parameters"):
        bank = planted("_planted_formula", quiz.Question(
            "planted_formula", g.item, "numeric", Text("?", "?"), key=1, tolerance=0.5,
            explanation=Text(f"Count: {formula}.", f"개수: {formula}.")))
        found = [x for x in formula_leaks(next(q for q in load(bank)[1] if q.id == g.id), bank)
                 if "planted_formula" in x.where]
        assert found, formula
        released_passages.cache_clear()
        windows.cache_clear()
        index.cache_clear()
        rarity.cache_clear()


def report(bank="solutions.quiz_bank"):
    _, questions = load(bank)
    total = 0
    for q in (q for q in questions if q.graded and q.kind != "text"):
        found = leaks(q, bank, top=3)
        if found:
            total += 1
            print(f"== {q.id} ({q.quiz}, {q.kind}): {len(found)} leak(s)")
            for x in found:
                print("  " + str(x).replace("\n", "\n  "))
    print(f"{total} graded question(s) with a leak")
    return total


if __name__ == "__main__":
    sys.exit(1 if report(*sys.argv[1:]) else 0)
