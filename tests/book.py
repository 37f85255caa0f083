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


def page_title(docname: str) -> str:
    """The first level-1 heading of a page (notebook or Markdown)."""
    import re

    import nbformat

    path = ROOT / f"{docname}.ipynb"
    if path.exists():
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                         if c.cell_type == "markdown")
    else:
        text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"{docname} has no level-1 heading")
    return match.group(1).strip()
