"""Facts about the book's sources that several test modules need: its root and its pages.

(Named ``toc``, not ``book``, so that it does not shadow the ``book/`` folder.) The table
of contents is parsed in ``booktools/env.py``, shared with the book's tools.
"""

from __future__ import annotations

from pathlib import Path

from booktools.env import ROOT, toc_docnames, toc_notebooks, toc_parts

__all__ = [
    "BOOK",
    "ROOT",
    "chapter_notebooks",
    "page_title",
    "toc_docnames",
    "toc_notebooks",
    "toc_parts",
]

BOOK = ROOT / "book"


def chapter_notebooks() -> list[Path]:
    """Every notebook under book/, sorted (whether or not _toc.yml lists it)."""
    return sorted(p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def page_title(docname: str) -> str:
    """The first level-1 heading of a page (notebook or Markdown)."""
    import re

    import nbformat

    path = ROOT / f"{docname}.ipynb"
    if path.exists():
        text = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
        )
    else:
        text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"{docname} has no level-1 heading")
    return match.group(1).strip()
