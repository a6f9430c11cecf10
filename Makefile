# Two commands do all the set-up: `make report` and `make test`.
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report test lab benchmarks evaluate clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## //' | awk -F': ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (wuhai analysis)" >/dev/null
	@touch $(STAMP)

## report: execute every notebook on a fresh kernel; HTML, figures and tables go to reports/
report: $(STAMP)
	$(PY) -m analysis.notebook_runner --out reports

## test: run the whole test suite, including executing every notebook
test: $(STAMP)
	$(PY) -m pytest

## lab: open JupyterLab on the project kernel
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

## benchmarks: run the speed and memory benchmarks; writes reports/benchmarks.csv
benchmarks: $(STAMP)
	$(PY) benchmarks/run_benchmarks.py

## evaluate: recompute every validation figure the README quotes; writes reports/evaluation.csv
evaluate: $(STAMP)
	$(PY) -m analysis.evaluation

## clean: remove generated outputs (reports/) and the virtual environment
clean:
	rm -rf reports $(VENV)
