# Precursor Watch: the two commands of the README (`make run`, `make test`) and their set-up.
# `make run` installs the runtime lock only (requirements.txt); `make test` adds the test and dev tools
# (requirements-dev.txt). Both locks are generated from pyproject.toml by `make lock`, with hashes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
LINTER := tools/cypher-lint/node_modules/.package-lock.json

.PHONY: run test typecheck setup lock wheel check-wheel bench docs clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): requirements.txt pyproject.toml | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	touch $(RUNTIME)

$(DEV): $(RUNTIME) requirements-dev.txt
	$(PIP) install --quiet --require-hashes -r requirements-dev.txt
	touch $(DEV)

$(LINTER): tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund --loglevel=error

setup: $(DEV)

## Start the workbench on the embedded default with the demo data loaded (runtime dependencies only).
run: $(RUNTIME)
	$(VENV)/bin/workbench up

## Type-check the package (strict for the modules listed in pyproject.toml).
typecheck: $(DEV)
	$(PY) -m mypy workbench

## Run the whole test suite (types, unit, embedded-store, Cypher lint, AppTest and browser tests).
test: $(DEV) $(LINTER) typecheck
	$(PY) -m pytest

## Regenerate the pinned, hashed locks from pyproject.toml (needs the package registry).
lock: $(DEV)
	$(PY) -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt pyproject.toml
	$(PY) -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra test --extra dev -o requirements-dev.txt pyproject.toml

## Build the wheel into dist/ (it carries the Cypher files, the model, the data, the app and the demo bundle).
wheel: $(DEV)
	$(PY) -m build --wheel --outdir dist

## Build the wheel, install it into a fresh venv outside the checkout, and check it starts with the demo data.
check-wheel: $(DEV)
	scripts/check_wheel.sh $(PY)

## Run the benchmarks; results land in benchmarks/results/ with the machine's details.
bench: $(DEV)
	$(PY) -m benchmarks

## Regenerate docs/queries.md from the query headers.
docs: $(RUNTIME)
	$(PY) scripts/gen_query_docs.py

clean-venv:
	rm -rf $(VENV)
