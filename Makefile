# One entry point for every routine task. Each target sets up what it needs first.
#   make book     build the HTML site into _build/html (warnings are errors)
#   make pdf      build the PDF into _build/latex/book.pdf (installs TeX from Debian when root)
#   make test     run every test: lessonlib, notebooks (nbval), HTML, PDF, Binder check, browser
#   make outputs  re-execute the notebooks and store their outputs (after editing a chapter)
#   make bench    run the performance benchmarks
#   make clean    remove build output and the virtual environment

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
# The same environment for every kernel that runs a chapter (outputs, nbval, Binder check),
# and a matplotlib font cache of this checkout's own (see conftest.py for why).
export PYTHONHASHSEED := 0
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig

.PHONY: setup book pdf test outputs bench tex browser clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

book: setup
	$(JB) build -W -n --keep-going .
	@echo "Open _build/html/index.html in a browser (or: python -m http.server -d _build/html)"

tex:
	scripts/install-debian.sh tex

browser:
	scripts/install-debian.sh browser

pdf: setup tex
	$(JB) build -W -n --keep-going --builder pdflatex .
	@echo "PDF: _build/latex/book.pdf"

test: setup tex browser
	$(BIN)/python -m pytest

outputs: setup
	$(BIN)/python scripts/store_outputs.py

bench: setup
	$(BIN)/python benchmarks/bench_lessonlib.py
	$(BIN)/python benchmarks/bench_explorers.py

clean:
	rm -rf _build $(VENV)
