# The two commands of the README. Both work on a fresh machine with Python ≥ 3.11
# (and, for `make test`, Node's npm and Debian's chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app kunstrute

.PHONY: run install install-dev test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --silent

## Install, create the SQLite database, load the sample edition, serve http://127.0.0.1:5000
## with one background worker beside it; Ctrl-C stops both.
run: install
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@$(FLASK) worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

## Install everything and run every test (SQLite; PostgreSQL too if KUNSTRUTE_TEST_DATABASE_URL is set)
test: install-dev
	@test -x /usr/bin/chromium || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	$(BIN)/ruff check kunstrute tests bench
	scripts/test $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check kunstrute tests bench
	$(BIN)/ruff format --check kunstrute tests bench

bench: install-dev
	$(BIN)/python bench/serve_bench.py
