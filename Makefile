# Campus: `make run` serves the demo on http://127.0.0.1:5000 (web server and job consumer), `make test`
# runs the whole suite.
# Both create the virtual environment and install the project when needed; re-running is quick.

VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
CATALOG  := platform/campus/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(CATALOG)/*/LC_MESSAGES/messages.po))
AXE      := .cache/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
PYTHON   ?= python3

export FLASK_APP := app

.PHONY: run test test-postgres test-jobs lint bench setup translations extract-messages clean

setup: $(STAMP) $(MO_FILES)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

%.mo: %.po | $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION)

run: setup
	$(BIN)/flask db upgrade
	DEMO_MODE=1 $(BIN)/flask demo seed --if-empty
	DEMO_MODE=1 $(BIN)/python scripts/serve.py --host 127.0.0.1 --port 5000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: setup $(AXE) lint
	$(BIN)/pytest

# The database tests again on PostgreSQL; TEST_DATABASE_URL must point at a server (see .ci/run).
test-postgres: setup
	$(BIN)/pytest -m db

# The job-queue tests again on another queue; TEST_JOBS_BROKER_URL names it (Redis or PostgreSQL, see .ci/run).
test-jobs: setup
	$(BIN)/pytest -m jobs

bench: setup
	$(BIN)/python bench/run_all.py

extract-messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o $(CATALOG)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOG)/messages.pot -d $(CATALOG) --no-fuzzy-matching

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache test-results
