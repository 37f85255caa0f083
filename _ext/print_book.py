"""The PDF's structure as a printed book: preface, parts, appendices, a contents page.

Sphinx's LaTeX writer knows nothing of the parts in _toc.yml: it prints the chapters as one
run, takes the first part's caption as the title of the contents page, leaves the preface
without a heading and prints the References page as an empty chapter (its entries go to
the bibliography at the end). This extension rewrites the one large document the LaTeX
builder assembles, before it is written:

* the root page's text becomes an unnumbered "Preface" in the contents;
* each part of _toc.yml starts with ``\\part{caption}``;
* the last part (the reference pages) follows ``\\appendix``, so its pages are Appendix
  A, B, ...;
* a page that would print as a heading alone is dropped: the References page, whose
  entries Sphinx prints as the bibliography at the end of the book.

The contents page is titled "Contents" and chapters open on any page (no blank pages) by
``latex_elements`` in _config.yml.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex")


def toc_parts(srcdir: Path) -> list[tuple[str, list[str]]]:
    """``(caption, [docname, ...])`` for each part of _toc.yml, in book order."""
    toc = yaml.safe_load((srcdir / "_toc.yml").read_text(encoding="utf-8"))
    return [(part["caption"], [c["file"] for c in part.get("chapters", [])])
            for part in toc.get("parts", [])]


def _prints_empty(sof: addnodes.start_of_file) -> bool:
    """Whether a page would print as a chapter heading alone (the References page: its
    bibliography directive leaves the entries to the bibliography at the end of the book)."""
    titles = " ".join(t.astext() for t in sof.findall(nodes.title))
    return sof.astext().split() == titles.split()


def structure_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    pages = {sof["docname"]: sof for sof in doctree.findall(addnodes.start_of_file)}
    parts = toc_parts(Path(app.srcdir))
    first = pages.get(parts[0][1][0]) if parts and parts[0][1] else None
    if first is not None:
        # The root page's own text, printed before the first chapter, is the preface.
        top = next(iter(doctree.findall(nodes.section)), None)
        if top is not None:
            index = next(i for i, child in enumerate(top.children)
                         if not isinstance(child, (nodes.title, nodes.target)))
            top.insert(index, _raw(r"\chapter*{Preface}\addcontentsline{toc}{chapter}{Preface}"
                                   r"\markboth{Preface}{Preface}"))
    for number, (caption, chapters) in enumerate(parts):
        present = [pages[c] for c in chapters if c in pages]
        if not present:
            continue
        latex = r"\part{%s}" % caption.replace("'", "’")
        if number == len(parts) - 1 and len(parts) > 1:
            latex = r"\appendix" + "\n" + latex
        present[0].parent.insert(present[0].parent.index(present[0]), _raw(latex))
        for sof in present:
            if _prints_empty(sof):
                sof.parent.remove(sof)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", structure_for_print)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
