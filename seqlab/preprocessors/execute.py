"""Autograde preprocessor: nbgrader's Execute, in the sandbox, surviving a dead kernel.

With ``c.Seqlab.sandbox = "bwrap"`` the kernel starts inside the sandbox
(:mod:`seqlab.preprocessors.kernel`), so a notebook's code cannot touch the course.

Plain nbgrader skips a notebook whose kernel dies (``sys.exit``, ``os._exit``, a segfault):
no grades, no feedback. Here the cells that did run keep their outputs, the notebook is marked
with a readable reason, and grading goes on (the hidden checks run in their own process and
do not need the kernel).
"""
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute as NbgraderExecute
import json

from traitlets import Bool, Enum, Integer

from ..config import language, sandbox
from ..grading.notebook import graded_functions, is_test
from ..i18n import Text

CELL_TIMEOUT = Text(
    "This cell ran longer than the time limit in the notebook's kernel and was stopped; the cells "
    "after it were not run in the notebook. The hidden checks graded your functions separately.",
    "이 셀이 노트북 커널에서 제한 시간을 넘겨 중단되었습니다. 이후 셀은 노트북에서 실행되지 않았습니다. "
    "숨은 검사는 함수를 별도로 채점했습니다.")
OUTPUT_TOO_BIG = Text("[This cell's output ({size} KiB) was larger than the {limit} KiB kept at grading and was removed.]",
                      "[이 셀의 출력({size} KiB)이 채점 때 보관하는 {limit} KiB보다 커서 삭제되었습니다.]")
KERNEL_DIED = Text(
    "The notebook's Python kernel stopped while running this cell (for example `exit()`, "
    "`os._exit` or a crash). Cells after it were not run in the notebook; the hidden checks "
    "still graded your functions in a separate process.",
    "이 셀을 실행하는 중 노트북의 파이썬 커널이 멈췄습니다 (예: `exit()`, `os._exit`, 충돌). "
    "이후 셀은 노트북에서 실행되지 않았습니다. 숨은 검사는 별도 프로세스에서 함수를 채점했습니다.")


class Execute(NbgraderExecute):
    """Execute the notebook in a real kernel; survive the kernel's death."""

    _dead = False

    max_output_bytes = Integer(1 << 20, help=(
        "Largest output one cell may keep in the autograded notebook and the feedback; a larger "
        "one is replaced by a note (nbgrader's LimitOutput counts lines only).")).tag(config=True)

    shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate", help=(
        "How the kernel ends once the notebook has run: 'immediate' (seqlab's default; nbgrader's is "
        "'graceful') kills it and everything in its sandbox at once. Its outputs are all in by then; "
        "a graceful end asks the kernel to exit and waits about 0.5 s per submission for it.")).tag(config=True)

    skip_graded_test_cells = Bool(True, help=(
        "Do not run, in the kernel, the test cells whose points RunHiddenChecks decides: their "
        "outputs are replaced by the hidden checks' results anyway, and a function that loops "
        "would otherwise cost a kernel timeout per cell.")).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if self._dead:                        # no kernel left to run the rest on
            return cell, resources
        if self.skip_graded_test_cells and is_test(cell) and graded_functions(cell.source):
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
            self._cap_outputs(cell)
            return cell, resources
        except DeadKernelError:
            return self._stop(cell, resources, index, KERNEL_DIED, "kernel_died_at")
        except CellTimeoutError:          # the interrupt did not free the kernel in time
            return self._stop(cell, resources, index, CELL_TIMEOUT, "kernel_timed_out_at")

    def _cap_outputs(self, cell):
        size = len(json.dumps(cell.get("outputs", []), ensure_ascii=False))
        if size > self.max_output_bytes:
            cell.outputs = [new_output("stream", name="stdout", text=OUTPUT_TOO_BIG.pick(language(self)).format(
                size=size >> 10, limit=self.max_output_bytes >> 10) + "\n")]

    def _stop(self, cell, resources, index, text, key):
        """Note why the notebook stopped here; run no further cells in this kernel."""
        cell.outputs.append(new_output("stream", name="stdout", text=text.pick(language(self)) + "\n"))
        self.nb.metadata.setdefault("seqlab", {})[key] = index
        self._dead = True
        return cell, resources

    def preprocess(self, nb, resources=None, km=None):
        self._dead = False
        if sandbox(self) == "bwrap" and km is None:
            from .kernel import SandboxedKernelManager
            self.kernel_manager_class = SandboxedKernelManager
        return super().preprocess(nb, resources, km)
