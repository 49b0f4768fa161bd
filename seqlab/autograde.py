"""Grade a whole class fast: hidden checks in parallel (local cores or a Dask cluster), then
nbgrader's own Autograde converter as the single writer of the gradebook.

Two phases, pipelined:

1. **Checks** (the expensive part), one task per submission, in parallel: the submission's
   solution cells run in a fresh sandboxed student process while the hidden checks run in a
   warm worker (numpy, pytest, the checks and solutions already imported). Tasks carry the
   notebook's content, so they run anywhere: ``ProcessPoolExecutor`` workers forked from this
   process, or the workers of a Dask ``distributed`` scheduler. Each result is a report.
2. **Writing**, in this process only, as reports arrive: nbgrader's ``Autograde`` converter
   (sanitize, restore cells, partial credit, ``SaveAutoGrades``, late penalties) runs with the
   notebook kernel off and ``RunHiddenChecks`` reading the precomputed report, so the gradebook
   has exactly one writer and the scores are exactly those of a sequential ``nbgrader
   autograde`` with the same seed.

A submission is marked done (``autograded/<student>/<assignment>/.seqlab-graded``) only after
nbgrader wrote it; the mark records a fingerprint of everything that decides the grade. Killing
a run loses nothing: the next run grades only what is missing or changed, and a run on an
unchanged class does nothing.
"""
import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .course import CheckSet, Course, CourseError
from .grading.notebook import cells_hash, solution_cells, test_cells
from .grading.student import Limits
from .grading.zygote import preload_for
from .submission import worked_file

STAMP = ".seqlab-graded"


@dataclass
class Task:
    """Everything a worker needs to check one submission (no file system access required)."""
    student: str
    notebook_json: str          # the submitted notebook's text ("" if it is unreadable)
    functions: list             # graded functions, from the instructor's source notebook
    seed: int
    limits: Limits
    checks: CheckSet            # the hidden checks of the assignment
    release_json: str = ""      # the released notebook: what nbgrader grades if the submission is unreadable


def check_submission(task: Task):
    """Run in a worker: the hidden checks of one submission → a report (JSON-able dict)."""
    from .grading.runner import check_notebook
    from .submission import parse_submission
    started = time.perf_counter()
    nb, problem = parse_submission(task.notebook_json)
    if problem is not None:         # unreadable: nbgrader grades the released notebook instead
        nb = nbformat.reads(task.release_json, as_version=4) if task.release_json else None
    if nb is None:
        return {"student": task.student, "skip": True}
    report = check_notebook(nb, task.checks, task.functions, task.seed, task.limits, name=task.student)
    report.update(student=task.student, source_hash=cells_hash(solution_cells(nb)),
                  seconds=time.perf_counter() - started)
    return report


def _warm(preloads=((),)):
    """Worker start-up (forked from a parent that has collected the checks): start a sandboxed
    zygote for the default limits, one per set of preloaded modules the run's assignments need
    (``("torch",)``: a torch assignment's), while the parent still loads nbgrader; a torch
    assignment's checks import torch here too, once per worker. Local workers also yield the CPU
    to the gradebook writer (their parent), which the whole run waits for."""
    os.nice(15)
    from .grading.zygote import zygote_for
    from .submission import parse_submission  # noqa: F401
    for preload in preloads:
        try:    # the course's limits are not known yet; they usually are the defaults
            zygote_for(Limits(), preload=preload)
        except Exception:   # noqa: BLE001 - the first task starts the zygote it needs, or says why not
            pass
        if "torch" in preload:
            import torch
            torch.set_num_threads(1)    # as the checks set it: one core per worker
            _first_step(torch)


def _first_step(torch):
    """What a grader's first optimizer step loads (torch.optim imports torch._dynamo: ~2.5 s of
    CPU), here while the parent loads nbgrader, not in the first submission's checks. The random
    state is left as it was."""
    state = torch.random.get_rng_state()
    try:
        model = torch.nn.Linear(2, 1)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        model(torch.ones(3, 2)).sum().backward()
        optimizer.step()
    except Exception:   # noqa: BLE001 - only a warm-up: the checks say what is wrong, if anything
        pass
    finally:
        torch.random.set_rng_state(state)


def notebook_preload(nb):
    """The modules the zygote of ``nb``'s student processes preloads, decided as the student
    process decides it (:func:`~seqlab.grading.zygote.preload_for` on the cells it runs): a
    source notebook whose solution or provided cells import torch gets ``("torch",)``."""
    return preload_for(solution_cells(nb))


def fingerprint(course: Course, assignment, student, shared=None):
    """What decides a grade: the submission's files, and what all submissions of the assignment
    share (:func:`shared_fingerprint`; pass it when fingerprinting many students).

    The seed is not part of it: fresh inputs alone are no reason to grade an unchanged class again.
    """
    h = hashlib.sha256((shared or shared_fingerprint(course, assignment)).encode())
    _hash_files(h, course.root, course.root / "submitted" / student / assignment)
    return h.hexdigest()


def shared_fingerprint(course: Course, assignment):
    """The part of every submission's fingerprint that is the assignment's: its source, the
    configuration, the hidden checks and the solutions (wherever the course keeps them)."""
    h = hashlib.sha256()
    _hash_files(h, course.root, course.root / "source" / assignment, *course.grading_inputs(),
                files=[course.root / "nbgrader_config.py"])
    return h.hexdigest()


def _hash_files(h, root, *folders, files=()):
    files = list(files)
    for folder in folders:
        folder = folder.resolve()
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for f in files:
        try:
            name = f.relative_to(root)
        except ValueError:          # a course part outside the course folder
            name = f
        h.update(str(name).encode())
        h.update(f.read_bytes())


class Progress:
    """A one-line progress bar with rate and ETA on stderr (plain lines when not a terminal)."""

    def __init__(self, total, label, stream=sys.stderr):
        self.total, self.label, self.stream, self.done = total, label, stream, 0
        self.start = time.perf_counter()
        self.tty = stream.isatty()
        self._last = 0.0

    def step(self, note=""):
        self.done += 1
        now = time.perf_counter()
        if not self.tty and self.done < self.total and now - self._last < 2:
            return
        self._last = now
        elapsed = now - self.start
        rate = self.done / elapsed if elapsed else 0.0
        eta = (self.total - self.done) / rate if rate else 0.0
        width = 30
        filled = int(width * self.done / max(1, self.total))
        line = (f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"{rate:.1f}/s ETA {eta:4.0f}s {note[:30]:30}")
        self.stream.write(("\r" if self.tty else "") + line + ("" if self.tty else "\n"))
        if self.tty and self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _quiet_library_warnings():
    """nbgrader's known SQLAlchemy warnings (upstream, harmless) and nbformat's notes on cell ids
    it repairs in students' files would otherwise break the progress bar on every submission."""
    import contextlib
    import warnings

    from nbformat.warnings import DuplicateCellId, MissingIDFieldWarning
    from sqlalchemy.exc import SAWarning
    stack = contextlib.ExitStack()
    stack.enter_context(warnings.catch_warnings())
    for category in (SAWarning, DuplicateCellId, MissingIDFieldWarning):
        warnings.simplefilter("ignore", category)
    return stack


def _local_pool(workers, check_sets, preloads=((),)):
    """A pool of ``workers`` processes forked from this one, started now (with the fork start
    method the first task forks them all). The checks are collected here first, once: every
    worker inherits them. ``preloads``: the zygotes each worker starts (:func:`_warm`)."""
    from .grading import runner
    for checks in dict.fromkeys(check_sets):
        runner.prepare(checks)
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                  initializer=_warm, initargs=(tuple(dict.fromkeys(preloads)),))
    pool.submit(int)
    return pool


def _executor(pool, scheduler):
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise CourseError("--scheduler needs the `distributed` package (it is in requirements.txt)") from None
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as err:
            raise CourseError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        return client, lambda task: client.submit(check_submission, task, pure=False)
    return pool, lambda task: pool.submit(check_submission, task)


def _as_completed(futures, scheduler):
    if scheduler:
        from distributed import as_completed
        return as_completed(futures)
    return cf.as_completed(futures)


def autograde(course: Course, assignment, workers=None, scheduler=None, seed=None, force=False,
              limits=None, progress=True, log=print):
    """Grade every submission of ``assignment`` that is new or changed. Returns a summary dict."""
    return autograde_all(course, [assignment], workers, scheduler, seed, force, limits, progress, log)[assignment]


@dataclass
class _Plan:
    """One assignment of a run: what to grade and how."""
    assignment: str
    checks: CheckSet
    students: list
    pending: list
    prints: dict
    functions: list
    nb_name: str
    release_json: str
    summary: dict
    preload: tuple = ()             # the zygote its student processes start from (("torch",): a torch notebook)


def _plan(course, assignment, seed, force):
    if assignment not in course.assignments():
        raise CourseError(f"no assignment {assignment!r} in source/ (have: {', '.join(course.assignments())})")
    submitted = course.root / "submitted"
    students = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) if submitted.is_dir() else []
    if not students:
        raise CourseError(f"no submissions of {assignment!r} in {submitted}/<student>/{assignment}/")
    source_nb = nbformat.read(course.notebook(assignment, "source"), as_version=4)
    pending, prints, shared = [], {}, shared_fingerprint(course, assignment)
    for s in students:
        prints[s] = fingerprint(course, assignment, s, shared)
        stamp = course.root / "autograded" / s / assignment / STAMP
        if force or not stamp.exists() or json.loads(stamp.read_text()).get("fingerprint") != prints[s]:
            pending.append(s)
    return _Plan(assignment, course.check_set(assignment), students, pending, prints,
                 functions=[f for _, names in test_cells(source_nb).values() for f in names],
                 nb_name=course.notebook(assignment, "source").name,
                 release_json=course.notebook(assignment, "release").read_text(encoding="utf-8"),
                 summary={"students": len(students), "graded": len(pending), "skipped": len(students) - len(pending),
                          "seed": seed, "check_seconds": {}, "wall_s": 0.0},
                 preload=notebook_preload(source_nb))


def autograde_all(course: Course, assignments, workers=None, scheduler=None, seed=None, force=False,
                  limits=None, progress=True, log=print):
    """Grade the new or changed submissions of several assignments in one run: one pool of warm
    workers (or one Dask client) and one gradebook writer for all. Returns {assignment: summary}."""
    seed = seed if seed is not None else int.from_bytes(os.urandom(4), "little") >> 1
    plans = [_plan(course, a, seed, force) for a in dict.fromkeys(assignments)]
    for plan in plans:
        if not plan.pending:
            log(f"{plan.assignment}: all {len(plan.students)} submissions are already graded and unchanged.")
    # the assignments whose submissions cost most (a torch zygote's: training, a grader's first
    # optimizer step) first, so that the run does not end on a few long ones while a core is idle
    todo = [(plan, s) for plan in sorted(plans, key=lambda plan: not plan.preload) for s in plan.pending]
    if not todo:
        return {plan.assignment: plan.summary for plan in plans}

    started = time.perf_counter()
    pool = None if scheduler else _local_pool(workers or os.cpu_count() or 1, [plan.checks for plan in plans],
                                              [plan.preload for plan in plans if plan.pending])
    executor = pool
    reports_root = course.root / "autograded" / ".seqlab-reports"
    finished = {}
    try:
        from .gradebook import shared_engine
        from .grading import sandbox
        from .pipeline import nbgrader_converter
        limits = limits or course.limits()          # without importing nbgrader
        try:
            sandbox.require(limits)
        except sandbox.SandboxUnavailable as err:
            raise CourseError(str(err)) from None
        for plan in plans:
            shutil.rmtree(reports_root / plan.assignment, ignore_errors=True)
            (reports_root / plan.assignment).mkdir(parents=True)
        executor, submit = _executor(pool, scheduler)
        label = plans[0].assignment if len(plans) == 1 else f"{len(plans)} assignments"
        bar = Progress(len(todo), label) if progress else None
        futures = {}
        for plan, s in todo:
            path = worked_file(course.root / "submitted" / s / plan.assignment / plan.nb_name)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            futures[submit(Task(s, text, plan.functions, seed, limits, plan.checks, plan.release_json))] = plan
        # the writer (nbgrader: imported only now) sets itself up while the workers check
        with shared_engine(), _quiet_library_warnings():      # one engine for nbgrader's Gradebooks
            converter = nbgrader_converter(course, reports_dir=reports_root, seed=seed)
            for future in _as_completed(list(futures), scheduler):
                plan, report = futures[future], future.result()
                s, a = report["student"], plan.assignment
                if not report.get("skip"):
                    (reports_root / a / f"{s}.json").write_text(json.dumps(report, ensure_ascii=False))
                    plan.summary["check_seconds"][s] = report["seconds"]
                ok = converter(a, s)          # nbgrader's converter: the one gradebook writer
                if ok:
                    stamp = course.root / "autograded" / s / a / STAMP
                    stamp.write_text(json.dumps({"fingerprint": plan.prints[s], "seed": seed}))
                finished[a] = finished.get(a, 0) + 1
                if finished[a] == len(plan.pending):
                    plan.summary["wall_s"] = time.perf_counter() - started
                if bar:
                    bar.step(f"{a}/{s}" if len(plans) > 1 else s)
    finally:
        if scheduler and executor is not None:
            executor.close()
        elif pool is not None:
            pool.shutdown(cancel_futures=True)
        for plan in plans:
            shutil.rmtree(reports_root / plan.assignment, ignore_errors=True)
    return {plan.assignment: plan.summary for plan in plans}
