"""Reading a submitted file that may not be a notebook at all (the fast path's workers and
:class:`seqlab.exporter.SubmissionExporter` alike; nbformat only, no nbconvert)."""
import json
import os
import re
from pathlib import Path

import nbformat

from .i18n import Text

NOT_JSON = Text("**This notebook could not be graded: the file is not valid JSON** ({detail}). "
                "It was probably damaged while editing or uploading. Every answer below counts as "
                "blank; please check the file and ask your instructor about a regrade.",
                "**이 노트북은 채점할 수 없었습니다: 파일이 올바른 JSON이 아닙니다** ({detail}). "
                "편집이나 업로드 중에 손상된 것 같습니다. 아래의 모든 답은 빈 답으로 처리되었습니다. "
                "파일을 확인하고 재채점을 요청하세요.")
NOT_NOTEBOOK = Text("**This file could not be graded: it is JSON but not a Jupyter notebook** ({detail}). "
                    "Every answer below counts as blank.",
                    "**이 파일은 채점할 수 없었습니다: JSON이지만 주피터 노트북이 아닙니다** ({detail}). "
                    "아래의 모든 답은 빈 답으로 처리되었습니다.")


def read_submission(path):
    """``(notebook, None)`` if ``path`` is a readable notebook (read and validated once, as
    ``nbformat.read`` does), else ``(None, (message template, detail))``."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        return None, (NOT_JSON, f"not UTF-8 text at byte {exc.start}")
    return parse_submission(text)


def parse_submission(text):
    """:func:`read_submission` for a notebook's text (the fast path's workers get text only)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (NOT_JSON, f"line {exc.lineno}, column {exc.colno}: {exc.msg}")
    try:
        if not isinstance(data, dict) or "cells" not in data:
            raise ValueError("no 'cells' list")
        nb = _notebook(data)
    except Exception as exc:  # nbformat raises several kinds
        return None, (NOT_NOTEBOOK, str(exc).splitlines()[0][:200])
    return nb, None


def _notebook(data):
    """``nbformat.reads(text, as_version=4)`` for the already-parsed ``data``, raising its
    validation error: nbformat's reader steps, without parsing the JSON a second time."""
    from nbformat.reader import get_version
    major, minor = get_version(data)
    if major not in nbformat.versions:
        raise nbformat.NBFormatError(f"Unsupported nbformat version {major}")
    try:
        nb = nbformat.versions[major].to_notebook_json(data, minor=minor)
    except AttributeError as e:
        raise nbformat.ValidationError(f"The notebook is invalid and is missing an expected key: {e}") from None
    nb = nbformat.convert(nb, 4)
    nbformat.validate(nb)
    return nb


# A course may release each notebook in several languages side by side: <a>.ipynb (the course's
# language) and <a>.<lang>.ipynb (c.Seqlab.also_release). A student works in one of them.
LANGUAGE_TWIN = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.ipynb$")


def _solutions_of(path):
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - unreadable: certainly not the release as it was
        return None
    return [c.source for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")]


def worked_file(path):
    """The file of a submission to grade for the notebook ``path`` (``submitted/<s>/<a>/<a>.ipynb``):
    ``path`` itself, or the language twin ``<a>.<lang>.ipynb`` beside it that the student worked in
    (the one whose answers differ from its release; if several do, the one changed last). A file
    nobody worked in, or a folder with one notebook, is graded as it is."""
    path = Path(path)
    twins = sorted(p for p in path.parent.glob(f"{path.stem}.*.ipynb")
                   if (m := LANGUAGE_TWIN.match(p.name)) and m["stem"] == path.stem)
    candidates = [p for p in [path, *twins] if p.is_file()]
    if len(candidates) <= 1:
        return candidates[0] if candidates else path
    release = path.parents[2].parent / "release" / path.parent.name      # <root>/release/<a>/
    worked = [p for p in candidates if _solutions_of(p) != _solutions_of(release / p.name)]
    if not worked:
        return path
    return max(worked, key=lambda p: (os.stat(p).st_mtime_ns, p == path))
