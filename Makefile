# Two commands do all the set-up: `make report` and `make test`.
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Notebooks executed at once by `make report` (one kernel each): the number of cores, at most 4.
JOBS ?= $(shell n=$$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

.DEFAULT_GOAL := help
.PHONY: help report rendered test lab benchmarks evaluate lock clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## //' | awk -F': ' '{printf "  %-12s %s\n", $$1, $$2}'

# The exact environment behind the published figures: every pin of requirements.lock (all extras),
# then the project itself without resolving again.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@if $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
		$(PY) -m pip install --quiet -r requirements.lock && $(PY) -m pip install --quiet --no-deps -e . ; \
	else \
		echo "note: requirements.lock pins the CPython 3.11 environment behind the published figures;"; \
		echo "      this is Python $$($(PY) -c 'import platform; print(platform.python_version())'): installing within pyproject.toml's bounds instead"; \
		$(PY) -m pip install --quiet -e ".[test,dev]" ; \
	fi
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (wuhai analysis)" >/dev/null
	@touch $(STAMP)

## report: execute every notebook on a fresh kernel into reports/ (REPORT=your.txt [DICT=dict.txt]: into reports/<name>/)
report: $(STAMP)
	$(PY) -m analysis.notebook_runner $(if $(REPORT),--report "$(REPORT)",--out reports) $(if $(DICT),--user-dict "$(DICT)") --jobs $(JOBS)

## rendered: execute every notebook on the bundled report into notebooks/rendered/ (committed, with outputs)
rendered: $(STAMP)
	$(PY) -m analysis.notebook_runner --rendered

## test: run the whole test suite, including executing every notebook (after the linter ruff, rules in pyproject.toml)
# The untimed tests run on JOBS cores (pytest-xdist, one test file per worker so each file's session fixtures are
# built once); the tests that time code (marker `timing`) run after them, alone.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n $(JOBS) --dist loadfile -m "not timing"
	$(PY) -m pytest -m timing

# JupyterLab's configuration for `make lab` lives in the venv: the Chinese web font and its custom.css
# (analysis.fonts.install_jupyter_font), nothing in the user's home or the system.
LAB_CONFIG := $(abspath $(VENV))/jupyter-config

## lab: open JupyterLab on the project kernel, with the Chinese font for the browser (also as root)
lab: $(STAMP)
	JUPYTER_CONFIG_DIR="$(LAB_CONFIG)" $(PY) -m analysis.notebook_runner --install-lab-font
	JUPYTER_CONFIG_DIR="$(LAB_CONFIG)" $(VENV)/bin/jupyter lab --notebook-dir=notebooks \
		$$(test "$$(id -u)" = 0 && echo --allow-root)

## benchmarks: run the speed and memory benchmarks; writes reports/benchmarks.csv and benchmarks/results/latest.md (the README block)
benchmarks: $(STAMP)
	$(PY) benchmarks/run_benchmarks.py

## evaluate: recompute every validation figure the README quotes; writes reports/evaluation.csv
evaluate: $(STAMP)
	$(PY) -m analysis evaluate

## lock: re-resolve requirements.lock after a change of pyproject.toml (keeps the other pins; UPGRADE=1 takes the newest allowed)
lock:
	@test -x $(VENV)/bin/uv || { test -x $(PY) || $(PYTHON) -m venv $(VENV); $(PY) -m pip install --quiet uv; }
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --python-version 3.11.7 $(if $(UPGRADE),--upgrade) \
		--custom-compile-command "make lock" --annotation-style line -o requirements.lock

## clean: remove generated outputs (reports/, .cache/ with the rhetoric evaluation's stored detector outputs) and the virtual environment
clean:
	rm -rf reports .cache $(VENV)
