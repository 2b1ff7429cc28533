# Storyline: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test install schema bench gate clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## install: create .venv and install Storyline with its test dependencies
install: $(STAMP)

## demo: set up, then analyse the bundled example articles (JSON goes to out/), store and
## link them (build/demo.duckdb), write their briefing (build/briefing.html), list the stories
demo: $(STAMP)
	$(VENV)/bin/storyline analyze examples/ --format md --out out/
	$(VENV)/bin/storyline ingest examples/ --db build/demo.duckdb
	$(VENV)/bin/storyline report --db build/demo.duckdb --format html -o build/briefing.html
	$(VENV)/bin/storyline stories --db build/demo.duckdb --format md
	@echo "briefing: build/briefing.html (opens offline in any browser)"
	@echo "web app:  $(VENV)/bin/storyline serve --db build/demo.duckdb   then open http://127.0.0.1:8000/"

## test: set up, then run the test suite
test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

## schema: regenerate docs/schema.json from the data model
schema: $(STAMP)
	$(VENV)/bin/storyline schema > docs/schema.json

## bench: run every benchmark (reads ../shared/eval; skips what is absent)
bench: $(STAMP)
	@for b in benchmarks/*.py; do case $$b in */gate.py) continue;; esac; echo "== $$b"; $(PY) $$b || exit 1; done

## gate: fail when a benchmark's headline figure falls below its floor (benchmarks/floors.toml)
gate: $(STAMP)
	$(PY) benchmarks/gate.py

clean:
	rm -rf out/ .pytest_cache build *.egg-info
