# The README's two commands (demo, test), the fast loop (check) and the rest. Each sets up what it
# needs first (scripts/bootstrap).
PY := .venv/bin/python

.PHONY: demo test check build release bench setup

setup:
	@scripts/bootstrap

demo: setup
	@$(PY) -m seqlab demo

# everything: what CI runs (.ci/run), on two processes; tests that share a graded class, a course
# copy or a browser run in one of them (tests/conftest.py); compiled modules are kept, as in check
# (every kernel, nbgrader run and student process imports seqlab: 85 → 76 s on three graded classes)
test: setup
	@env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest tests -n 2 --dist loadgroup

# the fast loop, after every change: everything but the tests marked slow (nbgrader or kernels on a
# course copy, training, waiting for limits, the catalogue sweeps' other seeds) and the browser tests;
# on two processes, keeping the compiled modules between runs (pytest rewrites the tests' asserts)
check: setup
	@env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest tests -m "not slow and not browser" -q -n 2 --dist loadgroup

# source/<a>/<a>.ipynb from their text sources, the quizzes from the bank
build: setup
	@$(PY) -m seqlab build

release: setup
	@$(PY) -m seqlab release

bench: setup
	@$(PY) bench/autograde_bench.py --n 200
