"""The answer rules of the quizzes: how an answer is read, judged and explained.

Everything between the "portable" markers is copied verbatim into every quiz's released
``selfcheck.py`` (:func:`seqlab.quiz.build.portable_source`), so the notebook's self-check and the
grader apply exactly the same rules. Builtins and ``Text`` only there (the released file imports
``Text`` from the self-check core, as this module does): NumPy values are recognised by duck typing.
"""
from ..selfcheck import Text


# ---- portable: begin ------------------------------------------------------------------------
# Everything between the "portable" markers is copied verbatim into every quiz's selfcheck.py,
# so the notebook's self-check and the grader apply exactly the same rules. Builtins only: no
# imports but Text, and NumPy values are recognised by duck typing. Messages are Texts.
# A "spec" is a plain dict: {"id", "kind", "letters" (choices) or "length" (shapes)} says the
# form of an answer; a practice spec adds "key", "tolerance", "why", "near", "explanation".

class AnswerFormError(ValueError):
    """An answer of the wrong form: its message (a Text) and a diagnosis name."""

    def __init__(self, text, code="answer_wrong_type"):
        super().__init__(text.en)
        self.text, self.code = text, code


def _plain(value):
    """A NumPy scalar, or an array of one element, as the Python number or bool it holds.

    (One element, not only 0-d: the grader's wire format delivers a NumPy scalar as a
    one-element array.) Anything else is returned as it is.
    """
    if hasattr(value, "tolist") and getattr(value, "shape", None) in ((), (1,)):
        value = value.tolist()
        return value[0] if isinstance(value, list) else value
    return value


def _shown(value):
    """A short description of a value for messages: its repr and its type."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def _span(form):
    letters = form["letters"]
    return f'"{letters[0]}"–"{letters[-1]}"'


def answer_form(form):
    """What an answer to this question looks like (a Text)."""
    kind = form["kind"]
    if kind == "single":
        return Text(f"one letter among {_span(form)}, in quotes",
                    f"{_span(form)} 중 한 글자 (따옴표 안에)")
    if kind == "multi":
        return Text(f"a list of the letters of every right option among {_span(form)} (one or more, any order)",
                    f"{_span(form)} 중 맞는 보기의 글자를 모두 담은 리스트 (하나 이상, 순서 무관)")
    if kind == "truefalse":
        return Text("True or False, without quotes", "따옴표 없이 True 또는 False")
    if kind == "numeric":
        return Text("a number, without quotes", "따옴표 없는 숫자")
    if kind == "shape":
        dots = ", ".join(["…"] * form["length"])
        return Text(f"a tuple of {form['length']} whole numbers in parentheses, like ({dots})",
                    f"괄호로 쓴 정수 {form['length']}개짜리 튜플, 예: ({dots})")
    return Text("an answer", "답")


def read_answer(form, value):
    """The answer in canonical form, or :class:`AnswerFormError` saying what is wrong with it.

    Canonical forms: single → "B"; multi → ("A", "C") (sorted, no repeats); truefalse → bool;
    numeric → float; shape → tuple of ints.
    """
    kind = form["kind"]
    want = answer_form(form)
    value = _plain(value)

    def bad(en, ko):
        raise AnswerFormError(Text(f"{en} Expected {want.en}.", f"{ko} 필요한 형태: {want.ko}."))

    if value is None:
        raise AnswerFormError(Text(f"Not answered yet: the answer is still None. Expected {want.en}.",
                                   f"아직 답하지 않았습니다: 답이 아직 None입니다. 필요한 형태: {want.ko}."),
                              "answer_unanswered")
    if kind == "single":
        if isinstance(value, (list, tuple, set, frozenset)):
            bad(f"This question has exactly one right option, so give one letter, not a {type(value).__name__}.",
                f"이 문제는 맞는 보기가 하나뿐이므로 {type(value).__name__}이(가) 아니라 글자 하나로 답하세요.")
        if not isinstance(value, str):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        letter = value.strip().strip("().").strip().upper()
        if len(letter) > 1 and all(ch in form["letters"] for ch in letter.replace(",", "").replace(" ", "")):
            bad(f"Got {value!r}: choose exactly one option.", f"받은 값 {value!r}: 보기를 하나만 고르세요.")
        if len(letter) != 1 or letter not in form["letters"]:
            bad(f"Got {value!r}, which is not one of the options.", f"받은 값 {value!r}은(는) 보기 중 하나가 아닙니다.")
        return letter
    if kind == "multi":
        if isinstance(value, str):
            bad(f'Got the text {value!r}: put each letter in a list, e.g. ["A", "C"] (a string is one value).',
                f'받은 값은 문자열 {value!r}입니다: 글자를 하나씩 리스트에 담으세요, 예: ["A", "C"] (문자열은 값 하나입니다).')
        if not isinstance(value, (list, tuple, set, frozenset)):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        letters = []
        for item in value:
            item = _plain(item)
            letter = item.strip().upper() if isinstance(item, str) else None
            if letter is None or len(letter) != 1 or letter not in form["letters"]:
                bad(f"{_shown(item)} in your list is not one of the option letters.",
                    f"리스트의 {_shown(item)}은(는) 보기 글자가 아닙니다.")
            letters.append(letter)
        if not letters:
            bad("The list is empty: choose at least one option.", "리스트가 비어 있습니다: 보기를 하나 이상 고르세요.")
        return tuple(sorted(set(letters)))
    if kind == "truefalse":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "t", "f"):
            bad(f"Got the text {value!r}: write True or False without quotes (in quotes it is text, not a truth value).",
                f"받은 값은 문자열 {value!r}입니다: 따옴표 없이 True 또는 False로 쓰세요 (따옴표 안은 참/거짓이 아니라 문자열입니다).")
        if isinstance(value, (int, float)) and value in (0, 1):
            bad(f"Got {value!r}: write True or False, not 1 or 0.", f"받은 값 {value!r}: 1이나 0이 아니라 True 또는 False로 쓰세요.")
        bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
    if kind == "numeric":
        if isinstance(value, bool):
            bad(f"Got {value!r}, a truth value.", f"받은 값 {value!r}은(는) 참/거짓 값입니다.")
        if isinstance(value, str):
            bad(f"Got the text {value!r}: write the number itself, without quotes.",
                f"받은 값은 문자열 {value!r}입니다: 따옴표 없이 숫자 자체를 쓰세요.")
        if not isinstance(value, (int, float)):
            bad(f"Got {_shown(value)}, not a single number.", f"받은 값 {_shown(value)}은(는) 숫자 하나가 아닙니다.")
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            bad(f"Got {value!r}: a finite number is needed.", f"받은 값 {value!r}: 유한한 숫자가 필요합니다.")
        return value
    if kind == "shape":
        if isinstance(value, list):
            bad(f"Got the list {value!r}: a shape is a tuple, written in parentheses, not square brackets.",
                f"받은 값은 리스트 {value!r}입니다: shape은 대괄호가 아니라 괄호로 쓰는 튜플입니다.")
        if not isinstance(value, tuple):
            bad(f"Got {_shown(value)}.", f"받은 값: {_shown(value)}.")
        if len(value) != form["length"]:
            bad(f"Got a tuple of {len(value)} numbers.", f"받은 값은 숫자 {len(value)}개짜리 튜플입니다.")
        dims = []
        for d in value:
            d = _plain(d)
            if (isinstance(d, bool) or not isinstance(d, (int, float))
                    or (isinstance(d, float) and not d.is_integer()) or d < 0):
                bad(f"{_shown(d)} in your tuple is not a whole number ≥ 0.",
                    f"튜플의 {_shown(d)}은(는) 0 이상의 정수가 아닙니다.")
            dims.append(int(d))
        return tuple(dims)
    raise AnswerFormError(Text(f"Unknown question kind {kind!r}.", f"알 수 없는 문제 종류 {kind!r}."), "quiz_error")


def shown_answer(answer):
    """A canonical answer as the student would write it."""
    if isinstance(answer, str):
        return f'"{answer}"'
    if isinstance(answer, tuple) and answer and isinstance(answer[0], str):
        return "[" + ", ".join(f'"{a}"' for a in answer) + "]"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return repr(answer)


def judge(spec, answer):
    """Compare a canonical answer with the key of ``spec``.

    Returns ``{"right", "reasons", "missed", "code"}``: ``reasons`` are Texts saying why the
    chosen answer is wrong (or why it is right); ``missed`` (multiple select) why each option
    left out belongs; ``code`` names a recognised mistake (a near miss), if any.
    """
    kind, key = spec["kind"], spec["key"]
    verdict = {"right": False, "reasons": [], "missed": [], "code": None}
    if kind == "single":
        verdict["right"] = answer == key
        verdict["reasons"] = [Text(f"{answer}: ", f"{answer}: ") + spec["why"][answer]]
    elif kind == "multi":
        key = tuple(sorted(key))
        verdict["right"] = answer == key
        if verdict["right"]:
            verdict["reasons"] = [Text(f"{a}: ", f"{a}: ") + spec["why"][a] for a in key]
        else:
            verdict["reasons"] = [Text(f"You chose {a}, which does not belong: ", f"{a}를 골랐지만 맞는 보기가 아닙니다: ")
                                  + spec["why"][a] for a in answer if a not in key]
            verdict["missed"] = [Text(f"You left out {a}. ", f"{a}를 빠뜨렸습니다. ") + spec["why"][a]
                                 for a in key if a not in answer]
    elif kind == "truefalse":
        verdict["right"] = answer is key
    elif kind == "numeric":
        verdict["right"] = abs(answer - key) <= spec["tolerance"]
    elif kind == "shape":
        verdict["right"] = answer == tuple(key)
    if not verdict["right"] and kind in ("numeric", "shape"):
        verdict["reasons"] = [Text("This is not what the lecture's formula gives here.",
                                   "이 경우 강의의 수식으로 나오는 값이 아닙니다.") if kind == "numeric" else
                              Text("This is not the shape these sizes give.", "이 크기들로 나오는 shape이 아닙니다.")]
        for value, why, code in spec.get("near", ()):
            hit = (abs(answer - value) <= spec["tolerance"]) if kind == "numeric" else answer == tuple(value)
            if hit:
                verdict["reasons"], verdict["code"] = [why], code
                break
    return verdict


def _join(parts):
    """One Text of the parts that are there, separated by spaces."""
    parts = [p for p in parts if p]
    joined = parts[0] if parts else Text("", "")
    for part in parts[1:]:
        joined = joined + Text(" ", " ") + part
    return joined


def notebook_message(spec, value):
    """What ``check_answer`` shows in the notebook (a Text): one line of verdict, then the explanation."""
    qid = spec["id"]
    try:
        answer = read_answer(spec, value)
    except AnswerFormError as err:
        mark = "…" if err.code == "answer_unanswered" else "✗"
        hint = Text(" Replace None above with your answer and run this cell again.",
                    " 위의 None을 여러분의 답으로 바꾸고 이 셀을 다시 실행하세요.") if err.code == "answer_unanswered" else None
        return _join([Text(f"{mark} `{qid}`:", f"{mark} `{qid}`:"), err.text]) + (hint or Text("", ""))
    if "key" not in spec:
        shown = shown_answer(answer)
        return Text(f"✓ `{qid}`: your answer {shown} has the right form. This question is graded when "
                    "your notebook is autograded: whether it is right, and why, comes with your feedback.",
                    f"✓ `{qid}`: 답 {shown}의 형태가 올바릅니다. 이 문제는 자동 채점 때 채점됩니다: "
                    "맞았는지와 그 이유는 채점 후 피드백에서 볼 수 있습니다.")
    verdict = judge(spec, answer)
    if verdict["right"]:
        return _join([Text(f"✓ `{qid}`: right.", f"✓ `{qid}`: 정답입니다.")] + verdict["reasons"] + [spec.get("explanation")])
    parts = [Text(f"✗ `{qid}`: not quite.", f"✗ `{qid}`: 아직 아닙니다.")] + list(verdict["reasons"])
    if spec["kind"] == "truefalse":        # with two choices, why it is wrong is the explanation itself
        parts.append(spec.get("explanation"))
    if verdict["missed"]:
        n = len(verdict["missed"])
        parts.append(Text(f"You also left out {n} option(s) that belong.", f"맞는 보기 {n}개를 빠뜨렸습니다."))
    parts.append(Text("Think again, change your answer and run this cell again.",
                      "다시 생각해 보고 답을 고친 뒤 이 셀을 다시 실행하세요."))
    return _join(parts)


def grader_verdict(spec, value):
    """The grader's verdict: ``(passed, message Text, diagnosis)``; the message teaches after grading."""
    try:
        answer = read_answer(spec, value)
    except AnswerFormError as err:
        return False, err.text + Text(" This question scores 0.", " 이 문제는 0점입니다."), err.code
    verdict = judge(spec, answer)
    if verdict["right"]:
        return True, Text("", ""), None
    shown = shown_answer(answer)
    parts = [Text(f"Your answer: {shown}.", f"여러분의 답: {shown}.")]
    parts += verdict["reasons"] + verdict["missed"] + [spec.get("explanation")]
    return False, _join(parts), verdict["code"]

# ---- portable: end --------------------------------------------------------------------------
