"""Facts about the book's sources that several test modules need: its root and its pages."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


def toc_docnames() -> list[str]:
    """Every page in _toc.yml (e.g. ``book/regularization``), in book order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    return list(parse_toc_yaml(ROOT / "_toc.yml"))


def chapter_notebooks() -> list[Path]:
    """Every notebook under book/, sorted (whether or not _toc.yml lists it)."""
    return sorted(p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
