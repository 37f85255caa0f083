#!/bin/sh
# The `make` that jupyter-book runs in _build/latex to turn the LaTeX into PDFs
# (`MAKE=scripts/latex-make.sh jupyter-book build --builder pdflatex ...`; it runs
# "$MAKE all-pdf"). With --individualpages there is a document per page besides the
# book: this compiles them PDF_JOBS (default 2) at a time, and only the PDFs named in
# PDF_TARGETS when that is set (the tests build the book and one chapter:
# PDF_TARGETS="book.pdf kkt.pdf").
set -e
if [ -n "$PDF_TARGETS" ]; then
    # shellcheck disable=SC2086  # a list of file names
    exec make -j"${PDF_JOBS:-2}" $PDF_TARGETS
fi
exec make -j"${PDF_JOBS:-2}" "$@"
