"""Turn a check report into what a test cell shows: the per-check list and its points.

Output of a graded test cell after autograde:

* a ``display_data`` with an HTML table and a plain-text twin: each check passed (✓) or failed
  (✗), then ONE cause, in the lecture's words with its formula — the mistake most of the failed
  checks recognise, else the first failure's reason — so two checks never blame two different
  things; and, for functions, the seed of the random inputs (an instructor reproduces a run with it);
* an ``execute_result`` whose ``text/plain`` is the points earned — nbgrader's partial credit (the
  feedback page leaves it out: the points are in its header).

Nothing here ever shows reference code, hidden check code, expected arrays or the internal names of
diagnoses (those stay in the cell's metadata, for the class report). A check's message is all a
failure reveals.
"""
import collections
import html

from nbformat import from_dict

from ..i18n import pick

WORDS = {
    "points": {"en": "points", "ko": "점"},
    "seed": {"en": "random seed of this grading run (reproduces the inputs)",
             "ko": "이번 채점의 난수 시드 (같은 입력을 재현합니다)"},
    "why": {"en": "Why", "ko": "이유"},
    "cell_error": {"en": "Your cell {cell} did not run to the end: {type}: {message}",
                   "ko": "{cell} 셀이 끝까지 실행되지 않았습니다: {type}: {message}"},
    "depends": {"en": "{fn} calls your {deps}, which also failed checks: fix {those} first.",
                "ko": "{fn}은(는) 여러분의 {deps}을(를) 호출하는데, 그 함수도 검사에 실패했습니다. 먼저 그것을 고치세요."},
    "none": {"en": "No hidden checks ran for this cell (seqlab could not grade it).",
             "ko": "이 셀의 숨은 검사가 실행되지 않았습니다 (seqlab이 채점하지 못했습니다)."},
}


def word(key, lang, **kw):
    return pick(WORDS[key], lang).format(**kw)


def score(checks, max_points):
    """Points earned: ``max_points`` split over the checks by weight."""
    total = sum(c["weight"] for c in checks)
    if not total:
        return 0.0
    return round(max_points * sum(c["weight"] for c in checks if c["passed"]) / total, 4)


def cause(checks):
    """The one failed check whose message explains the function's failures: the mistake most failed
    checks name (ties: the first), else the first failure."""
    failed = [c for c in checks if not c["passed"]]
    if not failed:
        return None
    named = collections.Counter(c["diagnosis"] for c in failed
                                if c.get("diagnosis") and not c["diagnosis"].startswith("code_"))
    if named:
        top = max(named.values())
        chosen = next(d for d in (c["diagnosis"] for c in failed) if named.get(d) == top)
        return next(c for c in failed if c["diagnosis"] == chosen)
    return failed[0]


def summarize(function, checks, max_points, seed, lang, notes=()):
    """(plain text, html, points) describing one function's checks (or one quiz question's)."""
    earned = score(checks, max_points)
    head = f"{function}: {earned:g} / {max_points:g} {word('points', lang)}"
    lines, rows = [head], []
    for c in checks:
        mark = "✓" if c["passed"] else "✗"
        title = pick(c["title"], lang)
        lines.append(f"  {mark} {title}")
        color = "#1a7f37" if c["passed"] else "#cf222e"
        rows.append(f"<tr><td style='color:{color};font-weight:bold'>{mark}</td><td>{html.escape(title)}</td></tr>")
    reason = cause(checks)
    if reason is not None and pick(reason["message"], lang):
        message = pick(reason["message"], lang)
        lines.append(f"  {word('why', lang)}: {message}")
        rows.append(f"<tr><td></td><td><b>{html.escape(word('why', lang))}:</b> {html.escape(message)}</td></tr>")
    for note in notes:
        lines.append(f"  ! {note}")
        rows.append(f"<tr><td>!</td><td>{html.escape(note)}</td></tr>")
    quiz = function.startswith("answer_")       # a quiz answer: no random inputs to reproduce
    if not quiz:
        lines.append(f"  ({word('seed', lang)}: {seed})")
    table = (f"<div class='seqlab-checks'><b>{html.escape(head)}</b>"
             f"<table style='text-align:left'>{''.join(rows)}</table>"
             + ("" if quiz else f"<small>{html.escape(word('seed', lang))}: {seed}</small>") + "</div>")
    return "\n".join(lines), table, earned


def _outputs(data, score):
    """A display and the cell's value, as ``nbformat.v4.new_output`` makes them (without its
    per-output schema check: the whole notebook is validated once when it is written)."""
    return [from_dict({"output_type": "display_data", "metadata": {}, "data": data}),
            from_dict({"output_type": "execute_result", "metadata": {}, "data": {"text/plain": score},
                       "execution_count": None})]


def cell_outputs(functions, report, max_points, lang, notes=()):
    """The outputs of one test cell grading ``functions`` (usually one) from ``report``."""
    checks = [c for c in report["checks"] if c["function"] in functions]
    if not checks:
        return _outputs({"text/plain": word("none", lang)}, "0")
    text, table, earned = summarize(", ".join(functions), checks, max_points, report["seed"], lang, notes)
    return _outputs({"text/plain": text, "text/html": table}, repr(float(earned)))
