"""nbgrader configuration of the seqlab sequence-models course: the one place where it is set.

Plain ``nbgrader`` commands run from this folder use it, and so does ``seqlab``. The kit
(``seqlab``, installed in the venv) provides the pipeline; this file says what is this course's:
its language, the limits on student code, and where its parts are.
"""
from seqlab.config import use_seqlab

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
use_seqlab(c)     # seqlab's preprocessors in nbgrader's release, autograde and feedback pipelines

c.CourseDirectory.course_id = "seqlab"

# ---------------------------------------------------------------- language
# Language of released notebooks, self-check messages and feedback: "en" or "ko".
c.Seqlab.language = "en"
# ... and released beside it in Korean too (release/<a>/<a>.ko.ipynb): each student works in the
# file of their language; both grade into the same gradebook, feedback in the language worked in.
c.Seqlab.also_release = ["ko"]

# ---------------------------------------------------------------- this course's parts
# (paths relative to this folder; these are also the defaults)
c.Course.checks = "tests/checks"                 # hidden checks, test_<assignment>.py each
c.Course.check_files = {"quiz_*": ["test_quizzes.py"]}   # the quizzes share one check file
c.Course.solutions = "solutions"                 # reference implementations
c.Course.mistakes = "tests/mistakes"             # known mistakes, each must be caught and named
c.Course.alternatives = "tests/alternatives"     # correct code written differently, must pass
c.Course.quiz_bank = "solutions/quiz_bank.py"    # the self-check quizzes' question bank
c.Course.demo_class = "tests/demo_class.py"      # the demo students of `seqlab demo`

# ---------------------------------------------------------------- the term
# Due dates: nbgrader records them (late penalties), the class report uses them, and an assignment
# whose provided cells show working code of an earlier assignment is released only after that one
# is due (seqlab release refuses before, and says why). The bundled course is the Fall 2026 term.
c.Course.due_dates = {
    "recurrent": "2026-09-14 23:59:00+09:00",
    "quiz_review": "2026-09-21 23:59:00+09:00",
    "bptt": "2026-09-28 23:59:00+09:00",
    "attention": "2026-10-12 23:59:00+09:00",
    "positional": "2026-10-19 23:59:00+09:00",
    "quiz_attention": "2026-10-26 23:59:00+09:00",
    "transformer": "2026-11-02 23:59:00+09:00",
    "quiz_transformer": "2026-11-09 23:59:00+09:00",
    "decoder": "2026-11-16 23:59:00+09:00",
    "sequence_modeling": "2026-11-30 23:59:00+09:00",
}

# ---------------------------------------------------------------- LMS downloads (nbgrader zip_collect)
# Put the LMS's "download all submissions" zip into downloaded/<assignment>/archive/ and run
# `nbgrader zip_collect <assignment>`: Canvas and Moodle downloads fill submitted/<student>/<assignment>/
# (re-uploads and Canvas's LATE tag included; seqlab/collect.py). The roster maps LMS ids to this course's
# student ids: Canvas's gradebook export works with lms_id column "ID" and student_id column
# "SIS User ID"; Moodle's grading worksheet with "Identifier" and "Last modified (submission)".
c.LmsCollector.roster = "lms_roster.csv"
c.LmsCollector.roster_lms_id_column = "lms_id"
c.LmsCollector.roster_student_id_column = "student_id"
c.LmsCollector.roster_time_column = "submitted"

# ---------------------------------------------------------------- limits on student code
c.Execute.timeout = 10                  # seconds per cell in the kernel (pictures, student cells)
c.RunHiddenChecks.call_timeout = 5.0    # seconds per call of a student function (correct ones take ms)
c.RunHiddenChecks.memory_limit_mb = 2048
c.RunHiddenChecks.cpu_limit_s = 120
c.RunHiddenChecks.budget_s = 60.0       # all of one submission's student code, restarts included
c.Execute.max_output_bytes = 1 << 20    # per cell, in the autograded notebook and the feedback
# Student code (the notebook kernel and the checks' student process) runs in bubblewrap.
# "none" is the one opt-out, ONLY for code you trust; without bubblewrap, autograde refuses.
c.Seqlab.sandbox = "bwrap"
