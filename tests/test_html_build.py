"""The HTML site builds with no warning and has a page for every entry of _toc.yml."""

from __future__ import annotations

import re

import pytest

from book import ROOT, toc_docnames

pytestmark = pytest.mark.build
HTML = ROOT / "_build" / "html"


def test_build_succeeds_without_warnings(html_build):
    log = html_build.stdout + html_build.stderr
    assert html_build.returncode == 0, log[-5000:]
    warnings = [line for line in log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert not warnings, "\n".join(warnings)


def test_every_toc_page_has_html(html_build):
    assert (HTML / "index.html").exists() or (HTML / "book" / "index.html").exists()
    for docname in toc_docnames():
        page = HTML / f"{docname}.html"
        assert page.exists(), f"{docname} produced no HTML"
        assert page.stat().st_size > 2000


def test_chapter_pages_show_their_stored_outputs(html_build):
    """The site renders the notebooks' outputs (figures as images), not just their code."""
    for docname in toc_docnames():
        if not (ROOT / f"{docname}.ipynb").exists():
            continue
        html = (HTML / f"{docname}.html").read_text(encoding="utf-8")
        assert 'class="cell_output' in html, f"{docname}: no cell output on the page"
        assert "<img" in html, f"{docname}: no figure on the page"
