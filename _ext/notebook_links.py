"""Every chapter page's Binder, Colab and ``.ipynb`` links open that chapter's reader notebook.

sphinx-book-theme points its launch buttons at the page's source (``book/<chapter>.ipynb``,
the MyST chapter with its hidden checks and glue) and its download menu at a copy of the
same source in ``_sources``. A student should get the reader notebook instead
(_ext/reader_notebooks.py, ``make notebooks``): this extension rewrites both, after the
theme has made them, to ``notebooks/<chapter>.ipynb`` in the repository (Binder, Colab)
and a copy of it published with the site (the download). A build with
``HIDE_SOLUTIONS=1`` links the student edition, ``notebooks/student/``, instead.

The reader notebooks are taken from ``notebooks/`` as committed; ``make check`` fails when
they are out of step with the chapters.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FOLDER = "notebooks"  # in the repository and in the published site
STUDENT = "student"


def edition_folder(app: Sphinx) -> str:
    """The reader notebooks' folder this build links: the full or the student edition."""
    return f"{FOLDER}/{STUDENT}" if app.config.hide_solutions else FOLDER


def reader_notebook(app: Sphinx, pagename: str) -> Path | None:
    """The committed reader notebook of a chapter page, or None for other pages."""
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".ipynb":
        return None
    return Path(app.srcdir) / edition_folder(app) / f"{source.stem}.ipynb"


def relink(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Point the page's launch and download buttons at its reader notebook."""
    if app.builder.format != "html":
        return
    notebook = reader_notebook(app, pagename)
    if notebook is None:
        return
    if not notebook.exists():
        logger.warning(
            f"no reader notebook {notebook.relative_to(app.srcdir)}: run `make notebooks`",
            location=pagename,
        )
        return
    source = str(Path(app.env.doc2path(pagename)).relative_to(app.srcdir))
    in_repo = str(notebook.relative_to(app.srcdir))
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            url = button.get("url", "")
            if group.get("label") == "launch-buttons" and source in url:
                button["url"] = url.replace(source, in_repo)
            elif button.get("label") == "download-source-button" and url.endswith(".ipynb"):
                button["url"] = context["pathto"](in_repo, 1)
                button["tooltip"] = "Download the notebook to run"


def publish(app: Sphinx, exception: Exception | None) -> None:
    """Copy the linked edition's reader notebooks into the site."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / edition_folder(app)
    target = Path(app.outdir) / edition_folder(app)
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(source.glob("*.ipynb")):
        shutil.copyfile(notebook, target / notebook.name)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", relink, priority=900)
    app.connect("build-finished", publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
