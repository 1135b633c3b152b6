# Swedish regional budget documents → data/*.parquet. `make` lists the targets.
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
SHELL := bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SRC := $(shell find extract normalize schemas pipeline -name '*.py' -o -name '*.csv' 2>/dev/null) $(shell find normalize/model -type f 2>/dev/null)
SHARED ?= ../shared
FOLDS ?= 5
SEEDS ?= 0 1 2 3
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
EXECUTOR ?= local
SCHEDULER ?=
STRICT ?=
PARTITION ?=
TIMEOUT ?=
TIMEOUT_PER_PAGE ?=
MEMORY ?=
VALUES ?=
RUN_FLAGS := --jobs $(JOBS) --executor $(EXECUTOR) $(if $(SCHEDULER),--scheduler $(SCHEDULER)) $(if $(STRICT),--strict) $(if $(PARTITION),--partition) \
	$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(TIMEOUT_PER_PAGE),--timeout-per-page $(TIMEOUT_PER_PAGE)) $(if $(MEMORY),--memory $(MEMORY)) $(if $(VALUES),--values)

.PHONY: help all test train eval cv bench report clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

all: $(VENV)/.installed ## run every stage on raw/ into data/ (sets up .venv; JOBS=N, EXECUTOR=dask SCHEDULER=tcp://…, STRICT=1, PARTITION=1, TIMEOUT=s TIMEOUT_PER_PAGE=s MEMORY=GiB per document, VALUES=1)
	$(PY) -m pipeline.run --raw raw --data data $(RUN_FLAGS)

# `all` always runs: the pipeline decides what changed (its per-document cache makes an unchanged run
# cheap), so no file name in raw/ ever reaches the shell or a make rule, and a run that was stopped is
# finished by the next. The tables are published whole by the pipeline: make never deletes them.
data/measures.parquet: all

test: $(VENV)/.installed ## run the test suite
	$(PY) -m pytest

train: $(VENV)/.installed ## train the measure classifier on every labelled document (samples, $(SHARED)/corpus) → normalize/model/
	$(PY) -m pipeline.train --shared $(SHARED)

data/eval/measures.parquet: $(SRC) $(VENV)/.installed
	$(PY) -m pipeline.train --shared $(SHARED) --cv $(FOLDS) --eval-data data/eval

eval: data/measures.parquet data/eval/measures.parquet ## score cross-validated measures (k folds by document) on every gold set, and the links of data/
	$(PY) -m pipeline.evaluate --data data/eval --shared $(SHARED)
	$(PY) -m pipeline.evaluate_links --data data

cv: $(VENV)/.installed ## cross-validated F1 per set on the fold splits SEEDS and their mean (AGAINST=data/cv.json of an earlier run: the changes); about 6 min a seed per core
	$(PY) -m pipeline.cv_seeds --shared $(SHARED) --folds $(FOLDS) --seeds $(SEEDS) --jobs $(JOBS) --json data/cv.json $(if $(AGAINST),--against $(AGAINST))

report: data/report/index.html ## build the HTML report of the dataset (data/report/index.html)

data/report/index.html: data/measures.parquet pipeline/report.py pipeline/charts.py pipeline/counting.py pipeline/templates/report.html
	$(PY) -m pipeline.report --data data --out data/report

bench: $(VENV)/.installed ## benchmarks: pipeline pages/s against bare pdfplumber and pypdfium2, memory per worker, 1 vs 2 workers, linking 10 k-1 M measures, news (QUICK=1: a short run)
	$(PY) bench/bench_extract.py $(if $(QUICK),--quick)
	$(PY) bench/bench_normalize.py
	$(PY) bench/bench_links.py $(if $(QUICK),--sizes 10000 100000)
	$(PY) bench/bench_news.py

clean: ## remove everything under data/ that the pipeline made
	rm -rf data/.inputs data/.runs data/.current data/interim data/*.parquet data/measures_by_region data/datapackage.json data/DATA_DICTIONARY.md data/eval.json data/report
