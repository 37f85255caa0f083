"""Build the book with or without the exercises' worked solutions: the student edition.

``HIDE_SOLUTIONS=1 make book`` (or ``make pdf``, ``make site``, ``make notebooks``) builds
the student edition: sphinx-exercise's ``hide_solutions`` drops every solution before it
reaches a page, the search index or a PDF, and this extension also

* copies no page sources into the site (``_sources/``: a chapter's source holds its
  solutions), so a page's download menu offers the reader notebook of the student edition
  (_ext/notebook_links.py) and no source file;
* removes, when the build ends, the copies of the chapters MyST-NB writes beside the
  output (``_build/jupyter_execute/``), which hold the solutions too;
* sets the tag ``student_edition``, so a page can say how solutions are given in that
  edition (`` ```{only} student_edition `` / `` ```{only} not student_edition ``).

The default keeps the solutions, which readers reveal one by one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

TAG = "student_edition"


def hiding(value: str | None) -> bool:
    """Whether ``HIDE_SOLUTIONS`` asks for the student edition.

    >>> hiding("1"), hiding("yes"), hiding(""), hiding("0")
    (True, True, False, False)
    """
    value = (value or "").strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("", "0", "false", "no"):
        return False
    raise ValueError(f"HIDE_SOLUTIONS must be 1 or 0, got {value!r}")


def apply_switch(app: Sphinx, config: Config) -> None:
    if hiding(os.environ.get("HIDE_SOLUTIONS")):
        config.hide_solutions = True
        config.html_copy_source = False
        app.tags.add(TAG)


def drop_source_downloads(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """In the student edition no page source is copied: no menu item may link one."""
    if app.builder.format != "html" or app.config.html_copy_source:
        return
    for group in context.get("header_buttons", []):
        buttons = group.get("buttons")
        if buttons is not None:
            group["buttons"] = [
                b
                for b in buttons
                if not (b.get("label") == "download-source-button" and "_sources" in b["url"])
            ]


def remove_chapter_copies(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.config.hide_solutions:
        shutil.rmtree(Path(app.outdir).parent / "jupyter_execute", ignore_errors=True)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", apply_switch, priority=900)
    # after the theme made the buttons and _ext/notebook_links.py pointed the chapters' at
    # their reader notebooks
    app.connect("html-page-context", drop_source_downloads, priority=950)
    app.connect("build-finished", remove_chapter_copies)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
