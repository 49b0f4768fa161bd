"""The class report on a small graded class whose every section was planted: a blank student (the
lowest total), one who handed in nothing for the quiz, one who handed in late, written quiz answers
(manual grading), the same misconception by two students who wrote different code, and a disguised
copy among independent solutions. The class is released and graded as an instructor does it
(``seqlab release``, the demo's ``enrol``, ``seqlab autograde``); each section is checked against
what was planted, in both languages, and the page is self-contained with pictures that are not
blank."""
import html
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from seqlab.demo import Persona, build_class, disguise, enrol
from seqlab.i18n import Text

pytestmark = pytest.mark.slow          # releases and grades a class: make test, not make check
ASSIGNMENTS = ["recurrent", "quiz_review"]
SEED = 20261203

# lstm_forward written a student's own way, with helpers in its cell; the copy is this, disguised
OWN_LSTM_FORWARD = '''def _squash(z, kind):
    # the candidate is a tanh, the gates are sigmoids
    if kind == "g":
        return np.tanh(z)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


def _one(frame, carry, memory, params):
    pre = {k: frame @ params["W_x" + k] + carry @ params["W_h" + k] + params["b_" + k] for k in "fiog"}
    f_t, i_t, o_t, g_t = (_squash(pre[k], k) for k in "fiog")
    memory = f_t * memory + i_t * g_t
    return o_t * np.tanh(memory), memory


def lstm_forward(x, h0, c0, params):
    seq = np.swapaxes(x, 0, 1)
    carry, memory, trail = h0, c0, []
    for frame in seq:
        carry, memory = _one(frame, carry, memory, params)
        trail.append(carry[:, None, :])
    return np.concatenate(trail, axis=1), (carry, memory)
'''
# another student's own, independent way
OTHER_LSTM_FORWARD = '''def lstm_forward(x, h0, c0, params):
    N, T, _ = x.shape
    H = h0.shape[1]
    out = np.empty((N, T, H))
    h, c = h0, c0
    for t in range(T):
        h, c = lstm_step(x[:, t, :], h, c, params)
        out[:, t, :] = h
    return out, (h, c)
'''

ROSTER = [
    Persona("t-ada", "reference answers", first_name="Ada", last_name="Moreau", written="good"),
    Persona("t-ben", "blank", default="blank", first_name="Ben", last_name="Carter"),
    Persona("t-eun", "PyTorch's GRU update", functions={"gru_update": "mistake:gru_update_pytorch"},
            first_name="Eun-ji", last_name="Kim", written="partial", language="ko"),
    Persona("t-gil", "PyTorch's GRU update, in gru_step", functions={"gru_step": "mistake:gru_step_pytorch_update"},
            first_name="Gil-dong", last_name="Hong", written="wrong"),
    Persona("t-late", "reference answers, 5 hours late", late={"recurrent": 5}, written="good"),
    Persona("t-miss", "no quiz handed in", missing=("quiz_review",), first_name="Mia", last_name="Sato"),
    Persona("t-orig", "lstm_forward their own way", first_name="Omar", last_name="Benali", written="partial"),
    Persona("t-copy", "t-orig's recurrent, disguised", copies={"recurrent": "t-orig"}, first_name="Cora",
            last_name="Diaz", written="good", language="ko"),
    Persona("t-own", "lstm_forward another way", first_name="Ivan", last_name="Petrov", written="wrong",
            language="ko"),
]
WRITTEN = {
    "answer_lstm_explain": {q: Text(f"lstm ({q}, en)", f"lstm ({q}, ko)") for q in ("good", "partial", "wrong")},
    "answer_seq2seq_explain": {q: Text(f"seq2seq ({q}, en)", f"seq2seq ({q}, ko)") for q in ("good", "partial", "wrong")},
}


def plant(course, student, code):
    path = course.root / "submitted" / student / "recurrent" / "recurrent.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "lstm_forward")
    cell.source = code
    nbformat.write(nb, path)
    return cell.source


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from seqlab import demo, pipeline
    from seqlab.autograde import autograde_all
    from tests.course_copy import copy_course
    course = copy_course(tmp_path_factory.mktemp("report") / "course")
    for folder in course.source.iterdir():
        if folder.is_dir() and folder.name not in ASSIGNMENTS:
            shutil.rmtree(folder)
    pipeline.release(course, ASSIGNMENTS)
    original = demo.written_answers
    demo.written_answers = lambda course: WRITTEN          # this test's answers, not the demo's
    try:
        build_class(course, ROSTER)
    finally:
        demo.written_answers = original
    plant(course, "t-orig", OWN_LSTM_FORWARD)
    plant(course, "t-copy", disguise(OWN_LSTM_FORWARD, keep={"lstm_forward", "x", "h0", "c0", "params"}))
    plant(course, "t-own", OTHER_LSTM_FORWARD)
    enrol(course, ROSTER)
    autograde_all(course, ASSIGNMENTS, workers=2, seed=SEED, progress=False, log=lambda *a: None)
    from seqlab.report import collect
    return course, collect(course)


def test_the_blank_student_is_at_the_top_and_the_missing_and_late_ones_are_flagged(graded):
    _, data = graded
    assert [r.student for r in data.help[:1]] == ["t-ben"] and data.help[0].earned == 0
    assert sorted(data.help[0].zero) == sorted(ASSIGNMENTS)
    rows = {r.student: r for r in data.help}
    assert rows["t-miss"].missing == ["quiz_review"] and rows["t-ada"].missing == []
    assert [a for a, _ in rows["t-late"].late] == ["recurrent"]
    assert rows["t-late"].late[0][1] == pytest.approx(5 * 3600, abs=1)
    assert all(not r.late for s, r in rows.items() if s != "t-late")
    totals = [r.fraction for r in data.help]
    assert totals == sorted(totals)
    assert data.names["t-ada"] == "Ada Moreau"


def test_the_written_answers_are_what_needs_manual_grading(graded):
    _, data = graded
    wrote = {p.student for p in ROSTER if p.default != "blank" and "quiz_review" not in p.missing}
    assert set(data.manual) == {"quiz_review"}
    assert set(data.manual["quiz_review"]) == set(WRITTEN)
    for cells in data.manual["quiz_review"].values():
        assert set(cells) == wrote
    # the blank student's untouched answers are 0 by nbgrader's rule, not work to do
    assert "t-ben" not in {s for cells in data.manual["quiz_review"].values() for s in cells}


def test_a_misconception_is_counted_in_students_and_told_in_the_lectures_words(graded):
    course, data = graded
    from seqlab.report import diagnosis_texts
    found = {m.code: m for m in data.misconceptions}
    assert found["gru_pytorch_update"].students == {"t-eun", "t-gil"}
    assert found["gru_pytorch_update"].functions >= {"gru_update", "gru_step"}
    assert found["gru_pytorch_update"].text == diagnosis_texts(course)["gru_pytorch_update"]
    assert "PyTorch GRU convention" in found["gru_pytorch_update"].text.en
    assert all(not m.code.startswith("code_") for m in data.misconceptions)
    # the blank student's stubs name nothing
    assert all("t-ben" not in m.students for m in data.misconceptions)
    ranked = [len(m.students) for m in data.misconceptions]
    assert ranked == sorted(ranked, reverse=True)


def test_the_copied_pair_is_found_and_the_independent_solutions_are_not(graded):
    _, data = graded
    result = data.similar["recurrent"]
    assert [(p.a, p.b) for p in result.flagged] == [("t-copy", "t-orig")]
    pair = result.flagged[0]
    assert "np.swapaxes(x, 0, 1)" in pair.fragment_a and "np.swapaxes(x, 0, 1)" in pair.fragment_b
    assert "carry" in pair.fragment_b and "carry" not in pair.fragment_a
    assert data.similar["quiz_review"].flagged == []


def test_mastery_is_one_computation_shown_as_one_picture(graded):
    course, data = graded
    from seqlab.quiz import class_summary, mastery
    summary = class_summary(mastery(f"sqlite:///{course.root / 'gradebook.db'}", course))
    assert {i.key: i.mean for i in data.mastery if i.students} == {k: v[0] for k, v in summary.items()}
    assert any(i.ungraded for i in data.mastery)          # the written answers wait for a grader


def bars(svg):
    return [float(w) for w in re.findall(r"class='bar' x='[\d.]+' y='[\d.]+' width='([\d.]+)'", svg)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_is_self_contained_readable_and_its_pictures_are_not_blank(graded, lang):
    from seqlab.report import render
    course, data = graded
    page = render(data, lang)
    assert not re.search(r"""(src|href)=['"](https?:)?//""", page) and "<script" not in page
    pictures = re.findall(r"<svg class='picture'.*?</svg>", page, re.S)
    assert len(pictures) == 2                                   # checklist mastery, scores
    mastery_svg, scores_svg = pictures
    assert len(bars(mastery_svg)) == len(data.mastery) and max(bars(mastery_svg)) > 0
    assert scores_svg.count("class='dot'") == sum(1 for (a, _), s in data.subs.items() if s.max_score)
    gru = next(m for m in data.misconceptions if m.code == "gru_pytorch_update")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert gru.text.pick(lang) in text                          # the diagnosis's own words, whole
    assert "Ada Moreau" in page and "t-copy" in page
    if lang == "ko":
        assert "도움이 필요한 학생" in page and "학습 체크리스트 성취도" in page
        assert "Who needs help" not in page
    else:
        assert "Who needs help" in page and "Checklist mastery" in page
    (course.root / f"class_report.{lang}.html").write_text(page, encoding="utf-8")


def test_seqlab_report_writes_the_language_asked_for_where_asked(graded, tmp_path):
    course, _ = graded
    out = tmp_path / "report.ko.html"
    proc = subprocess.run([sys.executable, "-m", "seqlab", "report", "--language", "ko", "--output", str(out)],
                          cwd=course.root, env=course.env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "도움이 필요한 학생" in page and "Who needs help" not in page
    bad = subprocess.run([sys.executable, "-m", "seqlab", "report", "--language", "fr"],
                         cwd=course.root, env=course.env(), capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr and "Traceback" not in bad.stderr
