# Precursor Watch: the two commands of the README (`make run`, `make test`) and their set-up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LINTER := tools/cypher-lint/node_modules/.package-lock.json

.PHONY: run test setup bench docs clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(LINTER): tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund --loglevel=error

setup: $(STAMP)

## Start the workbench on the embedded default with the demo data loaded.
run: $(STAMP)
	$(VENV)/bin/workbench up

## Run the whole test suite (unit, embedded-store, Cypher lint, AppTest and browser tests).
test: $(STAMP) $(LINTER)
	$(PY) -m pytest

## Run the benchmarks; results land in benchmarks/results/ with the machine's details.
bench: $(STAMP)
	$(PY) -m benchmarks

## Regenerate docs/queries.md from the query headers.
docs: $(STAMP)
	$(PY) scripts/gen_query_docs.py

clean-venv:
	rm -rf $(VENV)
