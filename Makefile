# Infoview: the two set-up commands are `make lab` and `make test`.
# Neither assumes an activated virtual environment: both create .venv with the
# system python3 when it is missing and install the kit into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# nbgrader runs alembic through PATH, so the venv's bin comes first.
export PATH := $(CURDIR)/$(BIN):$(PATH)

PYTEST_ARGS ?=

.PHONY: lab notebook grade-ui coach site test mutation bench eval clean-generated help

help:
	@echo "make lab    - open JupyterLab on the course (notebooks/00_welcome.ipynb)"
	@echo "make grade-ui - open nbgrader's formgrader on the graded course (assignments/)"
	@echo "make coach  - serve the coach app (no code visible) on 127.0.0.1 and print its URL"
	@echo "make site   - build the course website into _build/site/"
	@echo "make test   - run the whole test suite"
	@echo "make mutation - the mutation score of infoview_lib/rules and grading (docs/testing.md)"
	@echo "make bench  - run the benchmarks"
	@echo "make eval   - measure the scorers on the labelled data (../shared/data, tests/data)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed-kit: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-kit

lab: $(VENV)/.installed-kit
	$(BIN)/infoview lab

notebook: $(VENV)/.installed-kit
	$(BIN)/infoview lab --notebook

# Graders: nbgrader's formgrader on assignments/ (manual grading of the reflections).
grade-ui: $(VENV)/.installed-kit
	$(BIN)/infoview lab --grade

# The coach app (Voila): COACH_ARGS='--port 9000 --no-browser' for a server.
COACH_ARGS ?=
coach: $(VENV)/.installed-kit
	$(BIN)/infoview coach $(COACH_ARGS)

# The course website: lessons executed at build time; fails on a warning, a failing cell or a broken link.
site: $(VENV)/.installed-test
	$(BIN)/python site/build.py

# Two pytest-xdist workers, one per core of the kit's 2-core machine. --dist loadgroup keeps each
# file's tests on one worker, in order, and files that share a server or an environment together
# (conftest.py; docs/testing.md). TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS ?= 2
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

$(VENV)/.installed-mutation: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-kit

# Not part of `make test`: mutmut mutates infoview_lib/rules/ and grading/ in a copy (mutants/, made
# afresh each run) and runs the fast tests that call each mutated function; the last line printed is
# "mutation score: K killed of N (P%)". docs/testing.md explains the score and lists the survivors.
mutation: $(VENV)/.installed-mutation
	rm -rf mutants
	env -u CI HYPOTHESIS_PROFILE=ci $(BIN)/python .ci/mutmut_run.py run
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python .ci/mutation_score.py mutants/mutmut-cicd-stats.json

# Byte-compile the kit first, as any Python does on first import where writing
# __pycache__ is allowed (and the detectors' compiled patterns, which grading processes keep
# there too: infoview_lib/rules/detect/pattern_cache.py): kernels then time the course, not the compiler.
bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q infoview_lib
	$(BIN)/python -c "from infoview_lib.rules import compile_all_patterns; compile_all_patterns()"
	$(BIN)/python -m benchmarks

# Every labelled file that exists: the shared development data beside the checkout, and our own.
EVAL_DATA = $(wildcard ../shared/data/*.jsonl) $(wildcard tests/data/*.jsonl)

eval: $(VENV)/.installed-kit
	$(BIN)/infoview eval $(EVAL_DATA)

clean-generated:
	rm -rf assignments/release assignments/submitted assignments/autograded assignments/feedback assignments/gradebook.db
