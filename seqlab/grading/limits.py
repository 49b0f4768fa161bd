"""The student-code limits, as configured in ``nbgrader_config.py``: one reader for every entry point.

Defaults live in one place, :class:`seqlab.grading.student.Limits`. ``RunHiddenChecks`` (an
nbgrader preprocessor) takes its limits from :class:`CheckLimits`' traits, so
``c.RunHiddenChecks.call_timeout = 5.0`` sets them; :func:`limits_of` reads the same values from a
loaded configuration without importing nbgrader — for ``seqlab autograde`` (whose workers start
while nbgrader is still loading), ``seqlab check`` and the notebook kernel's sandbox.
"""
from traitlets import Float, Integer
from traitlets.config import Config, Configurable

from ..config import sandbox
from .student import Limits

_DEFAULT = Limits()


class CheckLimits(Configurable):
    call_timeout = Float(_DEFAULT.call_timeout, help="Wall-clock seconds one call of a student function may take."
                         ).tag(config=True)
    memory_limit_mb = Integer(_DEFAULT.memory_bytes >> 20, help="Address-space limit of the student process, in MiB."
                              ).tag(config=True)
    cpu_limit_s = Integer(_DEFAULT.cpu_seconds, help="CPU seconds the student process may use in all.").tag(config=True)
    budget_s = Float(_DEFAULT.budget_seconds, help=(
        "Wall-clock seconds one submission's student code may take in all: its cells, every call "
        "and every restart after a timeout or crash.")).tag(config=True)
    processes_limit = Integer(_DEFAULT.processes, help="Processes the sandbox user may run at once (fork bombs)."
                              ).tag(config=True)

    def limits(self):
        return Limits(call_timeout=self.call_timeout, memory_bytes=self.memory_limit_mb << 20,
                      cpu_seconds=self.cpu_limit_s, processes=self.processes_limit, sandbox=sandbox(self),
                      budget_seconds=self.budget_s)


def limits_of(config, section="RunHiddenChecks"):
    """The :class:`Limits` a ``RunHiddenChecks`` built with ``config`` has: the ``CheckLimits``
    section, then its own section (which wins, as traitlets does for a subclass), and the
    ``Seqlab`` section for the sandbox."""
    names = set(CheckLimits.class_trait_names(config=True))
    own = {k: v for part in ("CheckLimits", section) for k, v in config.get(part, {}).items() if k in names}
    return CheckLimits(config=Config({"CheckLimits": own, "Seqlab": config.get("Seqlab", {})})).limits()
