# yorisoi — see README.md. Plain make: every machine has it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint seed bench load venv crash-trials

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "yorisoi を起動します: http://$(HOST):$(PORT)/  （職員: http://$(HOST):$(PORT)/staff/ ）"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

seed: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

test: venv
	bash scripts/test

lint: venv
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: venv
	$(BIN)/python -m bench $(BENCH_ARGS)

# 20 simulated staff against gunicorn (production settings) on SQLite and PostgreSQL, loopback only;
# about 10 minutes with data generation. Never run in CI. LOAD_ARGS="--db sqlite --duration 30".
load: venv
	$(BIN)/python -m bench.load $(LOAD_ARGS)

# Kill the real write paths 50 times on SQLite and 50 times on PostgreSQL (scratch databases).
CRASH_TRIALS ?= 50
crash-trials: venv
	env -u DATABASE_URL YORISOI_DATA_DIR="$$(mktemp -d)" $(BIN)/python manage.py crash_trials --trials $(CRASH_TRIALS)
	DATABASE_URL="$${TEST_DATABASE_URL:-postgres://yorisoi:yorisoi@127.0.0.1:5432/yorisoi}" \
	  $(BIN)/python manage.py crash_trials --trials $(CRASH_TRIALS)
