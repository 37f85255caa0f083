# One entry point for every routine task. Each target sets up what it needs first.
#   make lab      read and run the book: a virtual environment with the reader's packages
#                 and JupyterLab (.venv-lab), opened on the first chapter's notebook
#   make check    the loop while editing (<= 2 min): lessonlib tests and doctests, chapter
#                 cross-checks, static checks of the stored notebooks, ruff and mypy
#                 (tests/test_static_analysis.py); no TeX, Chromium or root
#   make format   let ruff format the code and the chapters' cells and fix what it can
#   make test     everything (what .ci/run runs): check, plus every chapter under nbval in the
#                 reader's environment under two other machines' arithmetics (and the reader
#                 notebooks under this one's), the HTML site, the PDF and the
#                 browser suite; installs TeX and Chromium when root, else says what is missing
#   make artefacts  build what the slow tests read (the site, the notebook runs), once
#   make book     build the HTML site into _build/html (warnings are errors)
#   make notebooks  the reader notebooks, one per chapter, into notebooks/ (what Binder,
#                 Colab and the download menu open; commit them with the chapters)
#   make pdf      build the PDF into _build/latex/book.pdf (installs TeX from Debian when root)
#   make answers  the instructor's answer key: every exercise with its worked solution,
#                 chapter by chapter, into _build/answers.pdf
#   make site     the PDF, then the HTML site with the PDF published in it (what to deploy)
#   make outputs  re-execute the notebooks and store their outputs (after editing a chapter)
#   make reader   the reader's environment: requirements.txt alone, as on Binder, with a kernel
#   make pythons  the reader's path on Python 3.10 and 3.13 (slow)
#   make bench    run the performance benchmarks
#   make clean    remove build output and the virtual environments

# Any Python from 3.10 to 3.13 (README, "Python versions"); 3.11 is what CI uses.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# .venv holds what building the book needs (requirements-build.txt) after `make book`,
# and the test tools too (requirements-dev.txt) after `make check` or `make test`.
BUILD_STAMP := $(VENV)/.build-installed
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
UV     := $(BIN)/uv
# $(INSTALL) ENV ARGS...: pip install ARGS into the virtual environment ENV, by uv
INSTALL = $(UV) pip install --quiet --python
# Python writes the bytecode of each module the first time it imports it, so no installer
# need compile every file of every package (half of a minute). Some machines set
# PYTHONDONTWRITEBYTECODE=1: then every kernel would compile NumPy, SciPy and SymPy anew.
unexport PYTHONDONTWRITEBYTECODE
JB     := $(BIN)/jupyter-book
READER := .venv-reader
LAB    := .venv-lab
# cffconvert, which validates CITATION.cff, pins an old jsonschema: an environment of its own.
CFF    := .venv-cff
# The same environment for every kernel that runs a chapter (outputs, nbval), and a
# matplotlib font cache of this checkout's own (see conftest.py for why).
export PYTHONHASHSEED := 0
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig
# Two pytest-xdist workers (the machine has two cores), a test file each at a time.
PYTEST := $(BIN)/python -m pytest -n 2 --dist loadfile
# CHAPTERS="regularization ridge ...": book, pdf, site and answers build only those
# chapters (and the reference pages); a reference to one left out links to the published
# site (booktools/chapter_toc.py, _ext/chapters_left_out.py).
ifdef CHAPTERS
TOC_ARGS := --toc _build/chapters.yml
CHOOSE   := $(BIN)/python -m booktools.chapter_toc _build/chapters.yml $(CHAPTERS) &&
endif
FAST   := not build and not pdf and not browser and not notebooks and not lab and not cff \
	and not pythons
# The tests that read the built book (make artefacts) or build a variant of it.
SLOW   := (build or pdf or browser or notebooks or lab or cff) and not pythons

.PHONY: setup build-env reader cff lab pythons artefacts artefact-site artefact-notebooks check format book notebooks pdf answers site test outputs bench \
	tex browser clean

build-env: $(BUILD_STAMP)

setup: $(STAMP)

# uv installs every environment's packages: the same versions pip would choose, from the
# same index, in seconds instead of a minute each (it lives in .venv, put there by pip).
$(UV):
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(BUILD_STAMP): requirements.txt requirements-build.txt pyproject.toml | $(UV)
	$(INSTALL) $(VENV) -r requirements-build.txt
	touch $@

$(STAMP): $(BUILD_STAMP) requirements-dev.txt
	$(INSTALL) $(VENV) -r requirements-dev.txt
	touch $@

# The reader's packages and JupyterLab, in an environment of its own; then JupyterLab
# opens the first chapter (Ctrl-C stops it). `make lab LAB_ARGS=--no-browser` on a server.
lab: $(LAB)/.installed
	$(LAB)/bin/jupyter lab $(LAB_ARGS) notebooks/regularization.ipynb

$(LAB)/.installed: requirements.txt requirements-lab.txt pyproject.toml | $(UV)
	rm -rf $(LAB)
	$(PYTHON) -m venv $(LAB)
	$(INSTALL) $(LAB) -r requirements-lab.txt
	touch $@

reader: $(READER)/.installed

cff: $(CFF)/.installed

$(CFF)/.installed: | $(UV)
	rm -rf $(CFF)
	$(PYTHON) -m venv $(CFF)
	$(INSTALL) $(CFF) "cffconvert==2.0.0"
	touch $@

# Made anew whenever the reader's requirements change, from requirements.txt alone.
$(READER)/.installed: requirements.txt pyproject.toml | $(UV)
	rm -rf $(READER)
	$(PYTHON) -m venv $(READER)
	$(INSTALL) $(READER) -r requirements.txt
	$(READER)/bin/python -m ipykernel install --prefix $(READER) --name why-lasso-reader \
	    --display-name "Python 3 (the reader's environment)" >/dev/null
	touch $@

check: setup
	$(PYTEST) -m "$(FAST)"

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

book: build-env
	$(CHOOSE) $(JB) build -W -n --keep-going $(TOC_ARGS) .
	@echo "Open _build/html/index.html in a browser (or: python -m http.server -d _build/html)"

# Built from the chapters' resolved pages (_ext/reader_notebooks.py) and copied into
# notebooks/ (both editions; with HIDE_SOLUTIONS=1 the student edition only).
notebooks: build-env
	rm -rf _build/notebooks
	$(JB) build -W -n --keep-going --builder custom --custom-builder notebooks .
	$(BIN)/python -m booktools.notebooks _build/notebooks notebooks

tex:
	scripts/install-debian.sh tex

browser:
	scripts/install-debian.sh browser

# The book and, from the same LaTeX run, a PDF of every chapter (--individualpages), two
# at a time (scripts/latex-make.sh).
pdf: build-env tex
	$(CHOOSE) MAKE=$(CURDIR)/scripts/latex-make.sh \
	    $(JB) build -W -n --keep-going $(TOC_ARGS) --builder pdflatex --individualpages .
	@echo "PDF: _build/latex/book.pdf, and one per chapter: _build/latex/<chapter>.pdf"

# The same sources, with only the exercises and their solutions kept (_ext/answer_key.py).
answers: build-env tex
	$(CHOOSE) ANSWER_KEY=1 MAKE=$(CURDIR)/scripts/latex-make.sh \
	    $(JB) build -W -n --keep-going $(TOC_ARGS) --builder pdflatex --path-output _build/answers .
	cp _build/answers/_build/latex/book.pdf _build/answers.pdf
	@echo "The answer key: _build/answers.pdf"

# What the slow tests read, each built once (booktools/artefacts.py): the site (the PDFs,
# then the HTML) and the notebook runs, side by side.
artefacts: setup reader
	@$(MAKE) --no-print-directory -j2 artefact-site artefact-notebooks

artefact-site:
	$(BIN)/python -m booktools.artefacts site

# Every chapter under nbval per arithmetic, then every reader notebook on this machine's own.
artefact-notebooks:
	$(BIN)/python -m booktools.artefacts nbval readers

# Everything, in plain steps: the environments; then, side by side, the artefacts and
# `make check` (its two workers share the cores with the builds: whichever is left runs
# alone at the end); then one pytest over the slow tests, which read the artefacts.
# Without root, the PDF and browser tests are skipped and the last line says what to install.
test:
	@$(MAKE) --no-print-directory -j2 setup reader cff
	@missing=$$(scripts/install-debian.sh --report tex browser) || exit 1; \
	$(MAKE) --no-print-directory -j3 artefact-site artefact-notebooks check; fast=$$?; \
	$(PYTEST) -m "$(SLOW)"; slow=$$?; \
	if [ -n "$$missing" ]; then echo "make test: $$missing"; exit 1; fi; \
	[ $$fast -eq 0 ] && [ $$slow -eq 0 ]

site: pdf
	$(CHOOSE) $(JB) build -W -n --keep-going $(TOC_ARGS) .
	@echo "Site with its PDFs: _build/html (the book: _build/html/why-lasso-creates-sparsity.pdf," \
	    "each chapter: _build/html/pdf/<chapter>.pdf)"

outputs: setup
	$(BIN)/python -m booktools.outputs

# The reader's path on the oldest and newest supported Python (tests/test_python_versions.py).
pythons: setup
	$(BIN)/python -m pytest -m pythons -p no:cacheprovider tests/test_python_versions.py

bench: setup
	$(BIN)/python benchmarks/bench_lessonlib.py
	$(BIN)/python benchmarks/bench_explorers.py

clean:
	rm -rf _build $(VENV) $(READER) $(LAB) $(CFF)
