"""The PDF builds with xelatex and carries the chapters' text, formulas and figures.

Needs TeX (scripts/debian-packages.txt, group "tex"); `make test` installs it first.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from book import ROOT, page_title, toc_docnames

pytestmark = pytest.mark.pdf
PDF = ROOT / "_build" / "latex" / "book.pdf"


def pdftotext() -> str:
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(pdf_build):
    if shutil.which("xelatex") is None:
        pytest.fail("xelatex is missing: run `make test` (it installs TeX) or scripts/install-debian.sh tex")
    log = pdf_build.stdout + pdf_build.stderr
    assert pdf_build.returncode == 0, log[-5000:]
    assert PDF.exists(), "the PDF build produced no _build/latex/book.pdf"
    return PDF


def test_pdf_build_has_no_warnings(pdf, pdf_build):
    warnings = [l for l in (pdf_build.stdout + pdf_build.stderr).splitlines() if "WARNING" in l]
    assert not warnings, "\n".join(warnings)


def _words(text: str) -> str:
    """Text with whitespace collapsed and TeX-ish symbols reduced, for title matching."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def test_pdf_has_every_chapter_title_and_formulas(pdf):
    text = pdftotext()
    flat = _words(text)
    for docname in toc_docnames():
        if docname == "book/index":
            continue
        # Titles may contain inline math such as $\lambda$; compare the plain words around it.
        title = re.sub(r"\$[^$]*\$", " ", page_title(docname))
        for fragment in filter(None, (f.strip() for f in title.split("  "))):
            assert _words(fragment) in flat, f"chapter title missing from the PDF: {fragment!r}"
    # A formula typeset by LaTeX: the lambda of the penalised loss reaches the PDF as the Greek letter.
    assert "λ" in text
    assert "??" not in text, "an unresolved reference or citation in the PDF"


def test_pdf_embeds_the_figures(pdf):
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert len(listing) >= 30, "expected the chapters' figures embedded in the PDF"


def test_pdf_page_count_is_recorded(pdf, record_property):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    record_property("pdf_pages", pages)
    print(f"PDF pages: {pages}")
    assert pages >= 20
