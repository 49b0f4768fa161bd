"""Test-suite set-up: the course root is importable (``solutions``, ``seqlab``, ``tests``).

``tests/checks/`` holds the hidden checks; they need an implementation under test and are run
through :func:`seqlab.grading.runner.run_checks` by the tests here, never collected directly.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

collect_ignore = ["checks"]
