"""Publish the book's PDF, and each chapter's, with the website.

`make site` builds the PDFs first (`make pdf`, which needs TeX) and then the HTML; when the
HTML build finishes, this extension copies ``_build/latex/book.pdf`` into the site as
:data:`PDF_NAME`, where the home page's link and every page's download menu point, and
each chapter's own PDF (``_build/latex/<page>.pdf``, written by ``--individualpages``) as
``pdf/<page>.pdf`` (:data:`CHAPTER_DIR`). static/theme-fixes.js turns the download menu's
"print this page" item into a link to the book's PDF and, on a page with a PDF of its own,
adds a link to that. An HTML-only build (`make book`, no TeX needed) has no PDF to publish
and says so; the home page's paragraph that links the PDF is ``{only} with_pdf``, a tag
set only when the PDF is there, so such a build has no dead link.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

from print_book import book_parts, chapter_label  # _ext/, on the path as a local extension
from sphinx.application import Sphinx
from sphinx.util import logging

PDF_NAME = "why-lasso-creates-sparsity.pdf"
CHAPTER_DIR = "pdf"
logger = logging.getLogger(__name__)


def _latex_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / "latex"


def _built_pdf(app: Sphinx) -> Path:
    return _latex_dir(app) / "book.pdf"


def chapter_pdf_name(root_doc: str, docname: str) -> str:
    """The file name jupyter-book's ``--individualpages`` gives a page's PDF.

    It drops the root page's folder from the page's path and joins the rest with "-".

    Examples
    --------
    >>> chapter_pdf_name("book/index", "book/kkt")
    'kkt.pdf'
    >>> chapter_pdf_name("book/index", "book/extra/notes")
    'extra-notes.pdf'
    """
    parts = list(Path(docname).parts)
    folder = str(Path(root_doc).parent)
    if folder in parts:
        parts.remove(folder)
    return "-".join(parts) + ".pdf"


def chapter_pdfs(app: Sphinx) -> dict[str, Path]:
    """Page -> its built PDF, for every page printed as a chapter or an appendix."""
    latex = _latex_dir(app)
    found = {}
    for docname in sorted(app.env.found_docs):
        pdf = latex / chapter_pdf_name(app.config.root_doc, docname)
        if chapter_label(book_parts(app), docname) is not None and pdf.exists():
            found[docname] = pdf
    return found


def announce_pdf(app: Sphinx) -> None:
    """Tell the pages' script that the site will carry the PDF (no request needed), and
    the pages themselves: text that links the PDF is in ``{only} with_pdf``."""
    if app.builder.format == "html" and _built_pdf(app).exists():
        app.add_js_file(None, body=f"window.bookPdf = {PDF_NAME!r};")
        app.tags.add("with_pdf")


def announce_chapter_pdf(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """A page with a PDF of its own names it in a ``<meta name="chapter-pdf">`` tag."""
    if app.builder.format != "html" or not _built_pdf(app).exists():
        return
    pdf = _latex_dir(app) / chapter_pdf_name(app.config.root_doc, pagename)
    if pdf.exists() and chapter_label(book_parts(app), pagename) is not None:
        href = f"{CHAPTER_DIR}/{pdf.name}"
        context["metatags"] = (
            context.get("metatags", "")
            + f'\n<meta name="chapter-pdf" content="{html.escape(href)}" />'
        )


def copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    built = _built_pdf(app)
    if not built.exists():
        logger.info("no PDF to publish with the site (run `make site` to build both)")
        return
    shutil.copyfile(built, Path(app.outdir) / PDF_NAME)
    chapters = chapter_pdfs(app)
    if chapters:
        folder = Path(app.outdir) / CHAPTER_DIR
        folder.mkdir(exist_ok=True)
        for pdf in chapters.values():
            shutil.copyfile(pdf, folder / pdf.name)
    else:
        logger.info("no chapter PDFs to publish (`make pdf` builds them)")


def rewrite_when_the_pdfs_change(
    app: Sphinx, env: Any, added: set, changed: set, removed: set
) -> list[str]:
    """Pages to build again because the PDFs they link have appeared, gone or changed.

    A page links its chapter's PDF only if the PDF was there when the page was written; an
    HTML build after a PDF build (``make book``, then ``make site``) would otherwise keep
    the pages written before the PDFs and publish PDFs that no page links.
    """
    if app.builder.format != "html":
        return []
    latex = _latex_dir(app)
    state = sorted((p.name, p.stat().st_mtime_ns) for p in latex.glob("*.pdf"))
    if getattr(env, "published_pdfs", None) == state:
        return []
    env.published_pdfs = state
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict:
    app.connect("env-get-outdated", rewrite_when_the_pdfs_change)
    app.connect("builder-inited", announce_pdf)
    app.connect("html-page-context", announce_chapter_pdf)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
