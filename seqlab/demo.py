"""The bundled demo class: synthetic students whose submissions exercise the whole kit.

Each persona says, per function, what the student wrote: the reference answer, nothing (the
released stub), a known mistake from the catalogue (``tests/mistakes``), or code of its own
(an endless loop, ``exit()``, prints and warnings). Some personas break the file itself
(invalid JSON, deleted or edited test cells). Submissions are built from the released
notebook, so they look exactly like what students hand in.
"""
import copy
import datetime as dt
import importlib
import inspect
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field

import nbformat

from .grading.notebook import is_solution, is_test

SOLUTION_REGION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)

LOOP = """def {name}(*args, **kwargs):
    # waiting for convergence...
    while True:
        pass
"""
EXIT = """def {name}(*args, **kwargs):
    import os
    os._exit(0)   # "stop here, I'll finish later" -- ends the whole Python process
"""
RAISE = """def {name}(*args, **kwargs):
    raise ValueError("shapes do not align, I will fix this later")
"""
SYNTAX = """def {name}(x_t, h_prev, c_prev, params)
    return h_prev, c_prev
"""
CHATTY = """import sys as _sys, warnings as _warnings
print("debug: defining {name}")
{solution}
_original_{name} = {name}

def {name}(*args, **kwargs):
    print("debug: calling {name} with", len(args), "arguments")
    print("a note on stderr", file=_sys.stderr)
    _warnings.warn("just a friendly warning from {name}")
    return _original_{name}(*args, **kwargs)
"""


@dataclass
class Persona:
    student: str
    story: str
    default: str = "solution"                  # what every unlisted function gets
    functions: dict = field(default_factory=dict)  # function -> solution|blank|mistake:<id>|loop|exit|...
    file: str = ""                             # "", invalid_json, tamper_tests
    solved_fraction: float = 1.0               # "partial": solve only the first part of each notebook


ROSTER = [
    Persona("demo-01-ada", "full marks: the reference answers"),
    Persona("demo-02-ben", "blank: submitted the released notebook untouched", default="blank"),
    Persona("demo-03-chloe", "partial work: the first half of each notebook", solved_fraction=0.5),
    Persona("demo-04-dae", "PyTorch's GRU update convention; attention without 1/√d_k",
            functions={"gru_update": "mistake:gru_update_pytorch", "gru_step": "mistake:gru_step_pytorch_update",
                       "scaled_dot_product_attention": "mistake:attention_without_scale"}),
    Persona("demo-05-eun", "LSTM gates in PyTorch's order; sigmoid candidate; softmax over the wrong axis",
            functions={"lstm_gates": "mistake:lstm_gates_pytorch_order",
                       "lstm_candidate": "mistake:lstm_candidate_sigmoid", "softmax": "mistake:softmax_sum_over_axis_0"}),
    Persona("demo-06-farid", "naive sigmoid that overflows; forgot tanh in h_t; PE sin/cos swapped",
            functions={"sigmoid": "mistake:sigmoid_naive", "lstm_hidden": "mistake:lstm_hidden_forgot_tanh",
                       "positional_encoding": "mistake:pe_cos_on_even_columns"}),
    Persona("demo-07-gita", "GRU reset after the matmul; time-major outputs; mask after softmax",
            functions={"gru_candidate": "mistake:gru_candidate_pytorch_reset",
                       "lstm_forward": "mistake:lstm_forward_time_major",
                       "scaled_dot_product_attention": "mistake:attention_masks_weights"}),
    Persona("demo-08-hana", "updates the cell state in place; gates without bias; unbiased layer norm",
            functions={"lstm_cell_update": "mistake:lstm_cell_in_place", "lstm_gates": "mistake:lstm_gates_no_bias",
                       "layer_norm": "mistake:layer_norm_ddof_1"}),
    Persona("demo-09-ivan", "an endless loop in gru_step and in multi_head_attention",
            functions={"gru_step": "loop", "multi_head_attention": "loop"}),
    Persona("demo-10-jun", "calls os._exit() inside lstm_forward and encoder_block (kills the kernel)",
            functions={"lstm_forward": "exit", "encoder_block": "exit"}),
    Persona("demo-11-kim", "the file is damaged: not valid JSON", file="invalid_json"),
    Persona("demo-12-lena", "deleted two test cells and rewrote another to `pass` worth 100 points",
            default="blank", functions={"sigmoid": "solution", "softmax": "solution"}, file="tamper_tests"),
    Persona("demo-13-mo", "correct answers that print, write to stderr and warn", default="chatty"),
    Persona("demo-14-nora", "a syntax error in lstm_step; lstm_gates raises; concatenated PE; no residual",
            functions={"lstm_step": "syntax", "lstm_gates": "raise", "positional_encoding": "mistake:pe_sin_then_cos",
                       "encoder_block": "mistake:encoder_no_residual"}),
    Persona("demo-15-omar", "merges heads without the transpose; ReLU instead of GELU; PE positions from 1",
            functions={"merge_heads": "mistake:merge_heads_reshape_only", "gelu": "mistake:gelu_is_relu",
                       "feed_forward": "mistake:ffn_relu", "positional_encoding": "mistake:pe_positions_one_based"}),
    Persona("demo-16-pia", "PyTorch's mask polarity; eps outside the sqrt; post-norm always",
            functions={"scaled_dot_product_attention": "mistake:attention_pytorch_mask_polarity",
                       "layer_norm": "mistake:layer_norm_std_plus_eps", "encoder_block": "mistake:encoder_always_post_norm"}),
]


def _mistakes():
    """{id: Mistake} from the catalogue in tests/mistakes."""
    pkg = importlib.import_module("tests.mistakes")
    for module in ("recurrent", "attention", "positional", "transformer"):
        try:
            importlib.import_module(f"tests.mistakes.{module}")
        except ModuleNotFoundError:
            pass
    return {m.impl.__name__: m for m in pkg.CATALOGUE}


def _mistake_source(m):
    source = textwrap.dedent(inspect.getsource(m.impl))
    source = "\n".join(line for line in source.splitlines() if not line.startswith("@mistake"))
    return re.sub(rf"^def {m.impl.__name__}\(", f"def {m.function}(", source, count=1, flags=re.M) + "\n"


def solution_code(source_cell):
    """The instructor's solution cell with the region markers removed."""
    return SOLUTION_REGION.sub("", source_cell.source)


def cell_code(choice, name, source_cell, release_cell, mistakes):
    if choice == "solution":
        return solution_code(source_cell)
    if choice == "blank":
        return release_cell.source
    if choice.startswith("mistake:"):
        key = choice.split(":", 1)[1]
        if key not in mistakes:          # a catalogue entry of a later issue: fall back to the answer
            return solution_code(source_cell)
        return _mistake_source(mistakes[key])
    if choice == "chatty":
        if name.startswith("answer_"):       # a quiz answer is a value, not a function to wrap
            return solution_code(source_cell) + '\nimport sys\nprint("answered!", file=sys.stderr)\n'
        return CHATTY.format(name=name, solution=solution_code(source_cell))
    templates = {"loop": LOOP, "exit": EXIT, "raise": RAISE, "syntax": SYNTAX}
    return templates[choice].format(name=name)


def build_submission(persona, source_nb, release_nb, mistakes):
    """The notebook ``persona`` hands in, built from the released notebook."""
    nb = copy.deepcopy(release_nb)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source_nb.cells}
    solution_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if is_solution(c)]
    solved = set(solution_ids[: round(len(solution_ids) * persona.solved_fraction)])
    for cell in nb.cells:
        if not is_solution(cell):
            continue
        name = cell.metadata["nbgrader"]["grade_id"]
        choice = persona.functions.get(name, persona.default if name in solved else "blank")
        cell.source = cell_code(choice, name, by_id[name], cell, mistakes)
    if persona.file == "tamper_tests":
        tests = [c for c in nb.cells if is_test(c)]
        for victim in tests[1:3]:
            nb.cells.remove(victim)
        last = tests[-1]
        last.source = "pass  # trust me"
        last.metadata["nbgrader"]["points"] = 100
    return nb


def write_submission(persona, nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(nb, indent=1, ensure_ascii=False)
    if persona.file == "invalid_json":
        text = text[: len(text) // 2]          # an upload cut short
    path.write_text(text, encoding="utf-8")
    stamp = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone.utc)
    (path.parent / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))


def build_class(course, roster=ROSTER):
    """Write every persona's submission of every assignment into ``submitted/``.

    Only the demo students' folders are replaced; other students' work is never touched.
    """
    mistakes = _mistakes()
    written = []
    for persona in roster:
        shutil.rmtree(course.root / "submitted" / persona.student, ignore_errors=True)
        for assignment in course.assignments():
            source_nb = nbformat.read(course.notebook(assignment, "source"), as_version=4)
            release_path = course.notebook(assignment, "release")
            release_nb = nbformat.read(release_path, as_version=4)
            nb = build_submission(persona, source_nb, release_nb, mistakes)
            path = course.root / "submitted" / persona.student / assignment / release_path.name
            write_submission(persona, nb, path)
            written.append(path)
    return written
