# Two commands do all set-up: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/policykg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(BIN)/policykg

.PHONY: demo test bench
demo: $(BIN)/policykg
	$(BIN)/policykg demo

test: $(BIN)/policykg
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(BIN)/policykg
	$(BIN)/python benchmarks/extract_speed.py
