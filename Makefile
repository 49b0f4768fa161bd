# The two commands of the README. Each sets up what it needs first (scripts/bootstrap).
PY := .venv/bin/python

.PHONY: demo test release bench setup

setup:
	@scripts/bootstrap

demo: setup
	@$(PY) -m seqlab demo

test: setup
	@$(PY) -m pytest tests

release: setup
	@$(PY) -m seqlab release

bench: setup
	@$(PY) bench/autograde_bench.py --n 200
