# Every target sets up .venv itself when it is missing or stale, so on a fresh machine
# `make demo` and `make test` need nothing but Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
INDOSUM ?= ../shared/data/corpus/indosum-dev.jsonl

.PHONY: setup demo test bench faults eval lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/warta ingest examples/seeds --db $(DEMO_DB)
	$(VENV)/bin/warta articles --db $(DEMO_DB)
	$(VENV)/bin/warta show 000_7b49f35e4ad6d20d --db $(DEMO_DB)
	$(VENV)/bin/warta events --db $(DEMO_DB)
	$(VENV)/bin/warta dyad RUS PRK --db $(DEMO_DB) --by year
	$(VENV)/bin/warta dyad KOR RUS --db $(DEMO_DB) --by quarter
	$(VENV)/bin/warta eval tests/data/gold/seeds.gold.jsonl --run examples/seeds
	rm -rf demo-export && mkdir demo-export
	$(VENV)/bin/warta export demo-export/events.parquet --db $(DEMO_DB) --format parquet
	$(VENV)/bin/warta export demo-export --gdelt --gdelt-mentions demo-export --db $(DEMO_DB)
	$(VENV)/bin/warta dyad KOR RUS --db $(DEMO_DB) --by year --csv demo-export/kor-rus.csv
	@echo
	@echo "The timeline above, as CSV: demo-export/kor-rus.csv; the events as Parquet and GDELT 2.0 files: demo-export/"
	@echo "Export them yourself:"
	@echo "  $(VENV)/bin/warta export events.jsonl --db $(DEMO_DB)                    # per-article records (csv, parquet: --format)"
	@echo "  $(VENV)/bin/warta export FOLDER --gdelt --gdelt-mentions FOLDER --db $(DEMO_DB)   # GDELT 2.0 event and mentions files"
	@echo "  $(VENV)/bin/warta dyad KOR RUS --by month --csv kor-rus.csv --db $(DEMO_DB)     # a timeline, one column per CAMEO root"
	@echo "Open the dashboard on these data:  $(VENV)/bin/warta serve --db $(DEMO_DB)   then http://127.0.0.1:8000/"

test: $(STAMP)
	$(PY) -m pytest

# The large API benchmark builds (or reuses, cached) a store of 1,000,000 replayed events in SQLite
# and in PostgreSQL, and serves each to 20 clients. PostgreSQL: the database WARTA_BENCH_PG when set
# (postgresql://user@host:port/name, empty or built by an earlier run), else a server of its own
# (initdb/pg_ctl; its data cached too), else that run is skipped, saying why.
# BENCH_LARGE="--rebuild" builds them again, BENCH_LARGE="--events 200000" makes smaller ones,
# BENCH_LARGE="--no-postgres" serves the SQLite store only.
BENCH_LARGE ?=
bench: $(STAMP)
	$(PY) bench/bench_ingest.py $(INDOSUM)
	$(PY) bench/bench_coder.py $(INDOSUM)
	$(PY) bench/bench_api.py $(INDOSUM)
	$(PY) bench/bench_api_large.py $(INDOSUM) --events 1000000 $(BENCH_LARGE)
	$(PY) bench/bench_english.py

# Fault campaign: a corrupt batch of 1,000 files, a kill -9 loop, pathological text (see bench/faults.py).
faults: $(STAMP)
	$(PY) bench/faults.py $(INDOSUM)

# Coding quality: the development set (60 unseen IndoSum articles) and the five seeds, strict and lenient.
eval: $(STAMP)
	$(VENV)/bin/warta eval tests/data/dev/dev.gold.jsonl --run tests/data/dev/dev.jsonl
	$(VENV)/bin/warta eval tests/data/gold/seeds.gold.jsonl --run examples/seeds

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache $(DEMO_DB)* demo-export
