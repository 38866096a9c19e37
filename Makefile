# The project's tasks; `make setup lint test` is what .ci/run runs, under CI=true, after installing the servers.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup lint format norm test test-fast bench docs virtuoso

setup:  ## a venv with the package, the test tools and the linters
	python3 -m venv $(VENV) && $(BIN)/pip install -q -e '.[dev]'

lint:  ## ruff (lint and format check), mypy, the layer rule of docs/architecture.md
	$(BIN)/ruff check && $(BIN)/ruff format --check && $(BIN)/mypy && $(BIN)/lint-imports

format:  ## apply ruff's safe fixes and its formatter
	$(BIN)/ruff check --fix && $(BIN)/ruff format

norm:  ## write ontology/oncokg.ttl in its normal form (one style a statement; comments and sections kept)
	$(BIN)/python -m oncokg.curation.edit_file

test:  ## the whole suite (Virtuoso, Graphviz and Chromium tests skip with a reason when missing, fail under CI=true)
	$(BIN)/pytest

test-fast:  ## the suite but the tests marked slow (HermiT runs, every export, servers under load, benchmarks): the edit loop
	$(BIN)/pytest -m "not slow"

bench:  ## every benchmark at its default size; figures side by side with their baselines (those docs/ shows recorded)
	$(BIN)/python benchmarks/startup.py --record
	$(BIN)/python benchmarks/curation.py --fixture tests/curation/blind --record
	$(BIN)/python benchmarks/query_layer.py --record
	$(BIN)/python benchmarks/pathway_cohort.py --record
	for b in web_service reliability; do $(BIN)/python benchmarks/$$b.py || exit 1; done

docs:  ## rebuild, then regenerate every sample output in README.md and docs/
	$(BIN)/oncokg build && $(BIN)/python -m oncokg.cli.docs

virtuoso:  ## a private Virtuoso on a free loopback port with a throwaway database, for `oncokg push` (Ctrl-C stops it)
	python3 tools/virtuoso.py
