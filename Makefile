# The README's two commands (demo, test), the fast loop (check) and the rest. Each sets up what it
# needs first (scripts/bootstrap).
PY := .venv/bin/python

.PHONY: demo test check build release bench setup

setup:
	@scripts/bootstrap

demo: setup
	@$(PY) -m seqlab demo

# everything: what CI runs (.ci/run)
test: setup
	@$(PY) -m pytest tests

# the fast loop, after every change: everything but the tests marked slow (whole-class grading,
# sandboxed kernels, full releases, training), the browser tests, and the catalogue sweeps' second and
# third seeds; on two processes
check: setup
	@$(PY) -m pytest tests -m "not slow and not browser" -q -n 2

# source/<a>/<a>.ipynb from their text sources, the quizzes from the bank
build: setup
	@$(PY) -m seqlab build

release: setup
	@$(PY) -m seqlab release

bench: setup
	@$(PY) bench/autograde_bench.py --n 200
