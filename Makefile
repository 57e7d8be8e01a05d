# Two commands do all set-up: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/policykg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(BIN)/policykg

.PHONY: demo test bench bench-store bench-graph bench-national browser
demo: $(BIN)/policykg
	$(BIN)/policykg demo

# The review page is checked in Debian's headless Chromium; installed here when missing and
# apt-get can run (as root). Without it the browser tests skip, or fail under CI=true.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium not installed: browser tests will be skipped"

test: $(BIN)/policykg browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

bench: $(BIN)/policykg
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/review_speed.py
	$(BIN)/python benchmarks/load_speed.py
	$(BIN)/python benchmarks/slow_patterns.py

# The store after a 1,040-file ingest and under 50 kills (about 15 minutes on 2 cores).
bench-store: $(BIN)/policykg
	$(BIN)/python benchmarks/store_resilience.py

# The national corpus at 1/8, 1/4, 1/2 and 1 on both stores, every query module timed; writes its table into
# README.md (about 40 minutes on 2 shared cores; `--scales 1/8 --no-neo4j` for a quick look).
bench-national: $(BIN)/policykg
	$(BIN)/python benchmarks/national.py --readme

# A focused graph page on a store of 30 provinces of synthetic plans (about 3 minutes on 2 cores).
bench-graph: $(BIN)/policykg
	$(BIN)/python benchmarks/graph_page.py
