"""Publish the book's PDF with the website.

`make site` builds the PDF first (`make pdf`, which needs TeX) and then the HTML; when the
HTML build finishes, this extension copies ``_build/latex/book.pdf`` into the site as
:data:`PDF_NAME`, where the home page's link and every page's download menu point
(static/theme-fixes.js turns the menu's "print this page" item into that link). An
HTML-only build (`make book`, no TeX needed) has no PDF to publish and says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

PDF_NAME = "why-lasso-creates-sparsity.pdf"
logger = logging.getLogger(__name__)


def _built_pdf(app: Sphinx) -> Path:
    return Path(app.outdir).parent / "latex" / "book.pdf"


def announce_pdf(app: Sphinx) -> None:
    """Tell the pages' script that the site will carry the PDF (no request needed)."""
    if app.builder.format == "html" and _built_pdf(app).exists():
        app.add_js_file(None, body=f"window.bookPdf = {PDF_NAME!r};")


def copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    built = _built_pdf(app)
    if built.exists():
        shutil.copyfile(built, Path(app.outdir) / PDF_NAME)
    else:
        logger.info("no PDF to publish with the site (run `make site` to build both)")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", announce_pdf)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
