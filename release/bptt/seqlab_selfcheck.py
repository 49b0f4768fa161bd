"""Self-checks a student runs in the notebook: the shared core (copied into every release as
``seqlab_selfcheck.py``), and the one bilingual text type of the whole kit.

What a student types, documented in each notebook::

    check(lstm_gates)      # runs the self-checks of lstm_gates: ✓, or ✗ and what is off
    check_all()            # every function of the notebook at once, with a summary

A failed self-check prints ✗ and the reason but never stops the notebook: *Run All* runs every
cell, pictures included. Each assignment's ``selfcheck.py`` registers its checks with
:func:`selfcheck` and speaks through the helpers below, so every message says *what* is off (a
shape, a range, a worked example) in the release language, never with solution code.
``grade("name")`` marks the hidden checks in a test cell; they run only in the grader.

Language: every student-facing message is a :class:`Text` (English and Korean), shown in the
language of ``LANG``, which the notebook's setup cell sets (``use_language("ko")``).
The kit uses the same class (``seqlab.i18n.Text``) for hidden-check messages and feedback.

This file holds no answers: only shapes, properties and hand-checkable worked examples.
"""
import logging
import os
import sys
import warnings
from dataclasses import dataclass

import numpy as np

LANGUAGES = ("ko", "en")
LANG = "en"          # set by the notebook's setup cell (chosen at release)
_REGISTRY = {}       # {function name: [self-check, ...]}
NEEDS = ()           # the assignment's student functions (set by its selfcheck.py with `student_functions`)


# =============================================================================== text
@dataclass(frozen=True)
class Text:
    """One message in English and Korean; ``str()`` is the current ``LANG``'s, :meth:`pick` chooses."""
    en: str
    ko: str

    def pick(self, lang):
        return self.ko if lang == "ko" else self.en

    def format(self, **kw):
        return Text(self.en.format(**kw), self.ko.format(**kw))

    def __add__(self, other):
        other = other if isinstance(other, Text) else Text(str(other), str(other))
        return Text(self.en + other.en, self.ko + other.ko)

    def __str__(self):
        return self.pick(LANG)

    def as_dict(self):
        return {"en": self.en, "ko": self.ko}


def use_language(lang):
    """Speak ``lang`` ("en" or "ko") in every self-check message (the setup cell calls it); in
    Korean, let the pictures draw Hangul too."""
    global LANG
    LANG = lang if lang in LANGUAGES else "en"
    if LANG == "ko":
        korean_plots()


def say(en, ko):
    """The message in the current language (for text built on the spot)."""
    return Text(en, ko).pick(LANG)


def show(text, ok=None):
    """Print ``text`` (a Text or str) for the student: green for ✓ (``ok``), red for ✗."""
    text = str(text)
    color = "" if ok is None else ("\x1b[0;32m" if ok else "\x1b[0;31m")
    print(f"{color}{text}\x1b[0m" if color else text)


# Fonts with Hangul that students' machines have: Windows, macOS, Linux (fonts-nanum, fonts-noto-cjk).
KOREAN_FONTS = ("Malgun Gothic", "Apple SD Gothic Neo", "AppleGothic", "NanumGothic", "NanumBarunGothic",
                "Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans KR", "UnDotum", "Baekmuk Gulim")
_KOREAN_FILES = ("malgun", "applesdgothicneo", "applegothic", "nanum", "notosanscjk", "notosanskr",
                 "sourcehansans", "undotum", "baekmuk")
_GLYPH_MISSING = r"Glyph \d+ .* missing from font"


def _no_glyph_message(record):
    return "does not have a glyph" not in record.getMessage()


def korean_plots():
    """Let matplotlib draw the pictures' Korean text: an installed Korean font behind DejaVu Sans, for the
    glyphs DejaVu lacks (a font installed after matplotlib built its font list is found too).
    Without one, the pictures show boxes for Hangul: say so once, in Korean, instead of matplotlib's
    warning for every glyph. Returns the font used, or None."""
    try:
        import matplotlib
        from matplotlib import font_manager
    except ImportError:
        return None
    manager = font_manager.fontManager

    def installed():
        names = {f.name for f in manager.ttflist}
        return next((name for name in KOREAN_FONTS if name in names), None)

    font = installed()
    if font is None:
        for path in font_manager.findSystemFonts():
            if any(key in path.replace(" ", "").replace("-", "").lower() for key in _KOREAN_FILES):
                try:
                    manager.addfont(path)
                except Exception:      # noqa: BLE001 - an unreadable font file: try the next one
                    continue
        font = installed()
    if font is not None:
        # DejaVu Sans first, the Korean font for the glyphs it lacks: Latin text, Greek letters, "−" and the
        # tick labels (10⁻², drawn by mathtext with the first family only) keep matplotlib's look. So
        # mathtext never sees Hangul: a label that mixes Hangul and a formula writes the formula in
        # Unicode ("은닉 상태 hₜ"), not between $…$.
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", font]
        return font
    warnings.filterwarnings("ignore", message=_GLYPH_MISSING, category=UserWarning)
    logger = logging.getLogger("matplotlib.mathtext")
    if _no_glyph_message not in logger.filters:
        logger.addFilter(_no_glyph_message)
    show("참고: 이 컴퓨터에는 한글 글꼴이 없어 그림의 한글이 네모(□)로 보입니다. 한글 글꼴(예: 나눔고딕, "
         "Ubuntu와 Colab에서는 `apt-get install fonts-nanum`)을 설치한 뒤 커널을 다시 시작하세요.")
    return None


# =============================================================================== failing a check
class SelfCheckFailed(AssertionError):
    """A failed self-check: its :class:`Text` message. Shown as one short line, not a traceback."""

    def __init__(self, text):
        self.text = text if isinstance(text, Text) else Text(str(text), str(text))
        super().__init__(self.text.en)

    def __str__(self):
        return str(self.text)

    def _render_traceback_(self):          # IPython shows this instead of a traceback
        return [f"\x1b[0;31m✗ {self}\x1b[0m"]


def fail(en, ko=None):
    """Fail the running self-check with a message (a Text, or its English and Korean)."""
    raise SelfCheckFailed(en if isinstance(en, Text) else Text(en, ko))


def expect(condition, en, ko=None):
    if not condition:
        fail(en, ko)


# =============================================================================== looking at values
def array(value, what):
    """``value`` as a float array, or a message that says what came back instead."""
    expect(value is not None, f"{what}: your function returned None. Did you forget `return`?",
           f"{what}: 함수가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"{what}: expected an array of numbers, got {type(value).__name__}.",
             f"{what}: 숫자 배열이 필요한데 {type(value).__name__}을(를) 받았습니다.")


def items(value, n, what):
    """A tuple/list of exactly ``n`` items."""
    ok = isinstance(value, (tuple, list)) and len(value) == n
    expect(ok, f"{what}: expected a tuple of {n} items, got {type(value).__name__}.",
           f"{what}: 항목 {n}개짜리 튜플이 필요한데 {type(value).__name__}을(를) 받았습니다.")
    return value


def shape(value, expected, what):
    arr = array(value, what)
    expect(arr.shape == tuple(expected), f"{what} has shape {arr.shape}; it should be {tuple(expected)}.",
           f"{what}의 shape이 {arr.shape}입니다. {tuple(expected)}이어야 합니다.")
    return arr


def close(value, expected, what, en="", ko="", atol=1e-6):
    """``value`` equals a worked example's ``expected``; ``en``/``ko`` say why it should."""
    arr = shape(value, np.shape(expected), what)
    expect(np.allclose(arr, expected, atol=atol, rtol=1e-6),
           f"{what} is not what the formula gives here. {en}".strip(),
           f"{what}이(가) 이 경우 수식의 값과 다릅니다. {ko}".strip())
    return arr


def near(value, expected, atol=1e-6):
    """True when ``value`` has ``expected``'s shape (scalars broadcast) and the same numbers."""
    arr = np.asarray(value, dtype=np.float64)
    if np.ndim(expected) and arr.shape != np.shape(expected):
        return False
    return bool(np.allclose(arr, expected, atol=atol, rtol=1e-6))


# =============================================================================== calling the student's code
def copy_input(value):
    """A copy of an argument (arrays, and dicts of arrays such as ``params``) to call with."""
    if isinstance(value, dict):
        return {k: np.array(v, copy=True) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


def student_functions(*names):
    """Declare the assignment's student functions (so :func:`call` can say which stub to finish)."""
    global NEEDS
    NEEDS = tuple(names)


def call(fn, *args, copy=True, checked=None, needs=None):
    """``fn(*args)`` on copies of the inputs; when a function it needs is still a stub, say which.

    ``checked`` names the function whose self-check this is (default: ``fn`` itself); ``needs``
    lists the assignment's student functions (default: those declared with
    :func:`student_functions`). A stub of ``checked`` itself is left to :func:`check`, which says
    "not implemented yet".
    """
    checked = checked or getattr(fn, "__name__", "")
    needs = NEEDS if needs is None else needs
    try:
        return fn(*(copy_input(a) for a in args)) if copy else fn(*args)
    except NotImplementedError:
        tb = sys.exc_info()[2]
        while tb.tb_next is not None:
            tb = tb.tb_next
        inner = tb.tb_frame.f_code.co_name
        if inner != checked and inner in needs:
            fail(f"{inner} is not implemented yet, and checking {checked} needs it: finish {inner} (its cell is above) first.",
                 f"{inner}이(가) 아직 구현되지 않았는데 {checked}을(를) 점검하려면 필요합니다: 위에 있는 {inner}부터 완성하세요.")
        raise


def quiet(fn, *args, **kw):
    """``call(fn, *args)`` and the messages of the RuntimeWarnings (overflow, invalid value, …) it
    raised, under the error settings the grader uses (every floating-point problem warns)."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        value = call(fn, *args, **kw)
    return value, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def sibling(fn, name):
    """The notebook's function ``name``, looked up where ``fn`` was defined (the notebook's namespace)."""
    found = getattr(fn, "__globals__", {}).get(name)
    if not callable(found):
        fail(f"{name} is not defined: run its cell (above) before checking {fn.__name__}.",
             f"{name}이(가) 정의되어 있지 않습니다: {fn.__name__}을(를) 점검하기 전에 위의 {name} 셀을 실행하세요.")
    return found


def unchanged(fn, args, names):
    """Call ``fn`` on the inputs themselves and check it left every array (or dict of arrays) as it was."""
    originals = [copy_input(a) for a in args]
    call(fn, *args, copy=False)
    for name, now, before in zip(names, args, originals):
        if isinstance(before, dict):
            same = all(np.array_equal(now[k], before[k]) for k in before)
        elif isinstance(before, np.ndarray):
            same = np.array_equal(now, before)
        else:
            continue
        expect(same,
               f"{fn.__name__} changed its input {name} in place. Build the result as a new array "
               "(in-place operations such as *=, += or x[...] = overwrite the caller's array, which may still need it).",
               f"{fn.__name__}이(가) 입력 {name}을(를) 제자리에서 바꿨습니다. 결과는 새 배열로 만드세요 "
               "(*=, +=, x[...] = 같은 제자리 연산은 호출한 쪽이 아직 쓰는 배열을 덮어씁니다).")


# =============================================================================== running self-checks
def selfcheck(name):
    """Register the decorated function as a self-check of the student function ``name``."""
    def register(fn):
        _REGISTRY.setdefault(name, []).append(fn)
        return fn
    return register


@dataclass
class Result:
    """What the self-checks of one function found: ``passed`` (all of them), how many there are, and
    the first failure's message (a :class:`Text`), if any."""
    name: str
    passed: bool
    checks: int
    message: Text = None

    def __bool__(self):
        return self.passed


def run(fn, name=None):
    """Run every self-check of ``fn`` (those of the student function ``name``, default ``fn``'s own
    name); the :class:`Result` (never raises)."""
    name = name or getattr(fn, "__name__", str(fn))
    checks = _REGISTRY.get(name, [])
    for test in checks:
        try:
            test(fn)
        except NotImplementedError:
            return Result(name, False, len(checks), Text(
                f"{name} is not implemented yet: replace `raise NotImplementedError` with your code.",
                f"{name}이(가) 아직 구현되지 않았습니다: `raise NotImplementedError`를 코드로 바꾸세요."))
        except SelfCheckFailed as failed:
            return Result(name, False, len(checks), failed.text)
        except Exception as exc:      # noqa: BLE001 - the student's code raised: say what, not where in here
            return Result(name, False, len(checks), Text(f"{name} raised {type(exc).__name__}: {exc}",
                                                         f"{name}에서 {type(exc).__name__} 오류가 발생했습니다: {exc}"))
    return Result(name, True, len(checks))


def validating():
    """True while nbgrader validates the notebook (JupyterLab's Validate button, `nbgrader validate`)."""
    return os.environ.get("NBGRADER_VALIDATING") == "1"


def check(fn):
    """Run every self-check of ``fn`` and print ✓, or ✗ with the first thing that is off.

    Never raises in the notebook: it goes on (Run All draws every picture). Returns nothing (the
    line is all a student needs; :func:`run` gives the :class:`Result`). While nbgrader validates
    the notebook, a ✗ is an error of this cell, so that Validate lists each function that fails its
    self-checks, with the reason.
    """
    result = run(fn)
    _report(result)
    if validating() and not result.passed:
        raise SelfCheckFailed(Text(f"{result.name}: ", f"{result.name}: ") + result.message)


def _report(result):
    if result.passed:
        show(Text(f"✓ {result.name}: {result.checks} self-checks passed. (The hidden checks at grading time test more cases.)",
                  f"✓ {result.name}: 자가 점검 {result.checks}개 통과. (채점 때의 숨은 검사는 더 많은 경우를 확인합니다.)"), ok=True)
    else:
        show(Text(f"✗ {result.name}: ", f"✗ {result.name}: ") + result.message, ok=False)


def check_all(namespace=None):
    """The self-checks of every function of this notebook that has any, then a one-line summary."""
    namespace = namespace if namespace is not None else sys._getframe(1).f_globals
    results = []
    for name in _REGISTRY:
        fn = namespace.get(name)
        if callable(fn):
            results.append(run(fn))
            _report(results[-1])
        else:
            show(Text(f"… {name}: not defined yet (run its cell).", f"… {name}: 아직 정의되지 않았습니다 (그 셀을 실행하세요)."))
            results.append(Result(name, False, 0))
    done = sum(r.passed for r in results)
    show(Text(f"{done} of {len(results)} functions pass their self-checks.",
              f"함수 {len(results)}개 중 {done}개가 자가 점검을 통과했습니다."), ok=done == len(results))


def grade(name):
    """Marks a test cell's hidden checks; they run in the grader, not here."""
