# Quick start: `make site` (set up everything, build the sample city into site/), `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
AS_OF  ?= 2026-11-15

.PHONY: site test bench setup system-deps check schema golden serve clean

site: setup
	$(PY) -m generator build --data data --out site --as-of $(AS_OF)

test: setup
	$(PY) -m pytest -n 2 -q

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

check: setup
	$(PY) -m generator check --data data --as-of $(AS_OF)

schema: setup
	$(PY) -m generator schema --out schemas

golden: setup
	$(PY) tests/golden/regenerate.py

bench: setup
	$(PY) bench/bench_site.py
	$(PY) bench/bench_pdf.py

serve: setup
	$(PY) -m generator serve --data data --as-of $(AS_OF)

clean:
	rm -rf site .cache
