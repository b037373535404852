# planatlas: everyday tasks. `make demo` and `make test` work on a fresh machine with
# Python 3.11: they create .venv/ first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever pyproject.toml is newer than this stamp (or .venv/ is gone).
STAMP := $(VENV)/.installed
DEMO_DB ?= sqlite:///planatlas.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: venv browser demo test lint bench bench-all fuzz examples clean distclean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Reads the demo corpus (examples/, with its manifest.yaml; .planatlasignore leaves out its notes
# and sources) into planatlas.db, then serves the web app at http://$(HOST):$(PORT)/. A file that
# cannot be read is reported (see `planatlas errors`) and the demo goes on.
demo: venv
	PLANATLAS_DB=$(DEMO_DB) $(BIN)/planatlas ingest examples/ \
		|| echo "make demo: some examples could not be read; see: $(BIN)/planatlas errors"
	PLANATLAS_DB=$(DEMO_DB) $(BIN)/planatlas overview
	PLANATLAS_DB=$(DEMO_DB) $(BIN)/planatlas serve --host $(HOST) --port $(PORT)

# The browser tests drive Debian's Chromium; install it (and its driver) where it is missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		echo "make: installing chromium and chromium-driver for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends \
			chromium chromium-driver; }

# Every test runs: a missing browser is a failure, not a skip.
test: venv browser
	PLANATLAS_REQUIRE_BROWSER=1 $(BIN)/pytest -q

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# One table of ratios to the peers and floors (bench/peers.py), a few minutes at these sizes:
# make bench BENCH_STATEMENTS=1000000 BENCH_INGEST=20000 BENCH_PDFS=10 for the large run.
BENCH_STATEMENTS ?= 10000
BENCH_INGEST ?= 2000
BENCH_PDFS ?= 0
bench: venv
	@$(BIN)/python -c "import rank_bm25, spacy" 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/peers.py --statements $(BENCH_STATEMENTS) --ingest $(BENCH_INGEST) \
		--programmes $(BENCH_PDFS)

# Every other benchmark script, one after another (long).
bench-all: venv
	@set -e; for script in bench/bench_coding*.py bench/bench_compare.py bench/bench_links_quality.py; do \
		echo "== $$script"; $(BIN)/python $$script; \
	done

# Each reader's atheris harness (fuzz/) for FUZZ_SECONDS over a corpus seeded from examples/;
# fails when an input raises anything but planatlas's own errors (kept under .fuzz/findings/).
FUZZ_SECONDS ?= 60
FUZZ_READERS ?= text markdown html pdf docx pptx odt any
fuzz: venv
	@$(BIN)/python -c "import atheris" 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python fuzz/run.py $(FUZZ_READERS) --seconds $(FUZZ_SECONDS)

# Regenerates the .docx/.pptx/.pdf/.odt files (and copies) in examples/ from examples/src/.
examples: venv
	$(BIN)/python examples/build.py

# Build outputs, caches and the demo database; keeps .venv/ and the committed examples.
clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
	rm -f planatlas.db planatlas.db-wal planatlas.db-shm
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# Everything `clean` removes, and the virtual environment.
distclean: clean
	rm -rf $(VENV)
