"""Everything a student reads, in the course's two languages: one mechanism.

Every student-facing string is written as an English/Korean pair where it is used, and turned
into one language as late as possible, in one place:

* in Python (hidden-check messages, diagnoses, feedback, self-checks, the quiz bank and the answer
  rules): a :class:`Text` — the class the self-check core ships to students, so notebook and
  grader speak through the same type; :func:`pick` chooses (a report's ``{"en", "ko"}`` dict is a
  Text written to JSON);
* in notebook text (``source/<a>/<a>.nb.py``): a markdown cell marked ``lang="en"``/``"ko"``, or,
  inside any cell, the lines between ``[en]`` (or ``[ko]``) and ``[/]``; :func:`filter_source`
  keeps one language's (``SelectLanguage`` does it at release).
"""
import re

from .selfcheck import LANGUAGES, Text

__all__ = ["LANGUAGES", "Text", "filter_source", "pick"]

MARKER = re.compile(r"^\s*(?:#\s*)?\[(?P<tag>" + "|".join(LANGUAGES) + r"|/)\]\s*$")
LANG_LINE = re.compile(r"""(["'])(?:%s)\1(?=.*#\s*seqlab:\s*release language\s*$)""" % "|".join(LANGUAGES))
LANG_MARK = re.compile(r"#\s*seqlab:\s*release language\s*$")
# What the marker becomes in a release: a comment the student reads, in the release's language.
LANG_COMMENT = {"en": "# the language of the self-check messages", "ko": "# 자가 점검 메시지의 언어"}


def pick(text, lang):
    """A message (Text, its ``{"en", "ko"}`` dict, or a plain str) in the chosen language."""
    if isinstance(text, Text):
        return text.pick(lang)
    if isinstance(text, dict):
        return text.get(lang) or text.get("en", "")
    return text or ""


def filter_source(source, lang):
    """Drop the other languages' ``[xx]`` … ``[/]`` blocks and every marker line from ``source``;
    a line ending in ``# seqlab: release language`` gets ``lang`` as its quoted language value, and
    the marker becomes a comment in ``lang``."""
    out, current = [], None
    for line in source.splitlines(keepends=True):
        m = MARKER.match(line)
        if m:
            current = None if m["tag"] == "/" else m["tag"]
            continue
        if current is None or current == lang:
            text = line.rstrip("\n")
            if LANG_LINE.search(text):
                text = LANG_MARK.sub(LANG_COMMENT.get(lang, LANG_COMMENT["en"]), LANG_LINE.sub(f'"{lang}"', text))
            out.append(text + ("\n" if line.endswith("\n") else ""))
    return "".join(out)
