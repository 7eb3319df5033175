# Quick start: `make site` (set up everything, build the sample city into site/), `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# gitlab-ci-local (npm, exact versions from tests/npm/package-lock.json): the tests run a city's
# GitLab check job with it (tests/test_city_ci.py). Not for the build-only CI jobs (SYSTEM_DEPS).
NPM_STAMP := tests/npm/node_modules/.installed-stamp
# The data date: today in Asia/Shanghai unless given (make site AS_OF=2026-11-15).
AS_OF  ?=
AS_OF_OPTION = $(if $(AS_OF),--as-of $(AS_OF))
# Extra build options (CI: --published-log or --new-log for the transparency log).
BUILD_FLAGS ?=

.PHONY: site test lint bench setup system-deps check schema golden serve clean lock

site: setup
	$(PY) -m generator build --data data --out site $(AS_OF_OPTION) $(BUILD_FLAGS)

test: setup
	$(PY) -m pytest -n 2 -q

setup: system-deps $(STAMP) $(if $(filter build browser,$(SYSTEM_DEPS)),,$(NPM_STAMP))

$(NPM_STAMP): tests/npm/package.json tests/npm/package-lock.json | system-deps
	cd tests/npm && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

# Exact versions with hashes from requirements.lock (make lock updates it), then the project itself.
$(STAMP): pyproject.toml requirements.lock | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

# Re-resolve requirements.lock from pyproject.toml (newest allowed versions, with hashes), using
# pip-tools in a throw-away venv; review the diff, run make test, commit both files.
lock:
	$(PYTHON) -m venv .cache/pip-tools
	.cache/pip-tools/bin/pip install -q pip-tools
	.cache/pip-tools/bin/pip-compile -q --upgrade --extra dev --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

CHECK_FORMAT ?= text
check: setup
	$(PY) -m generator check --data data $(AS_OF_OPTION) --format $(CHECK_FORMAT)

schema: setup
	$(PY) -m generator schema --out schemas

golden: setup
	$(PY) tests/golden/regenerate.py

bench: setup
	$(PY) bench/bench_site.py
	$(PY) bench/bench_pdf.py

serve: setup
	$(PY) -m generator serve --data data $(AS_OF_OPTION)

clean:
	rm -rf site .cache
