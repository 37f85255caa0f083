"""A reference to a chapter a build leaves out links to it on the published site.

An instructor builds a chosen set of chapters (``make book CHAPTERS="..."``,
booktools/chapter_toc.py). The chapters refer to each other ({doc}`kkt`, a figure, an
exercise or a section of another chapter), and a reference to a page that is not in the
build would be an error. When Sphinx cannot resolve a reference whose target belongs to a
page of the whole book's _toc.yml, this extension answers it with a link to that page on
the published site (``html.baseurl``), worded as the reference asked for or naming the
chapter; with no published address, with the words alone. A chapter's own PDF
(``--individualpages``) holds one page, so its references to the others are answered
the same way, rather than printed as bare page names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from print_book import book_parts  # _ext/ is on the path
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join

TARGET = re.compile(r"^\(([\w-]+)\)=\s*$", flags=re.MULTILINE)
EXERCISE = re.compile(r"^:label:\s*([\w-]+)\s*$", flags=re.MULTILINE)
HEADING = re.compile(r"^#{1,6}\s+(.+)$", flags=re.MULTILINE)


def _page_text(path: Path) -> tuple[str, list[dict]]:
    """A page's Markdown and, for a notebook, its cells."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        return markdown, cells
    return path.read_text(encoding="utf-8"), []


def book_pages(srcdir: Path, docnames: list[str]) -> dict[str, dict[str, Any]]:
    """Pages of the whole book: docname -> its title and its labels (label -> words)."""
    pages = {}
    for docname in docnames:
        path = next(p for ext in (".ipynb", ".md") if (p := srcdir / f"{docname}{ext}").exists())
        markdown, cells = _page_text(path)
        title_match = HEADING.search(markdown)
        title = title_match.group(1).strip() if title_match else docname
        labels: dict[str, str] = {}
        for match in TARGET.finditer(markdown):
            heading = HEADING.search(markdown, match.end())
            labels[match.group(1).lower()] = heading.group(1).strip() if heading else title
        for match in EXERCISE.finditer(markdown):
            labels[match.group(1).lower()] = f"an exercise of “{title}”"
        for cell in cells:
            name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
            if name:
                labels[name.lower()] = f"a figure of “{title}”"
        pages[docname] = {"title": title, "labels": labels}
    return pages


def _target(node: nodes.Element, pages: dict[str, dict[str, Any]]) -> tuple[str, str, str]:
    """(docname, anchor, words) of what ``node`` refers to in the whole book, or empty."""
    kind, target = node.get("reftype"), node.get("reftarget", "")
    if kind == "doc":
        base = Path(node.get("refdoc", "")).parent
        docname = (base / target).as_posix() if not target.startswith("/") else target[1:]
        if docname in pages:
            return docname, "", pages[docname]["title"]
        return "", "", ""
    for docname, page in pages.items():
        if target.lower() in page["labels"]:
            return docname, target.lower(), page["labels"][target.lower()]
    return "", "", ""


def link_left_out(app: Sphinx, env: Any, node: nodes.Element, contnode: nodes.Node) -> Any:
    """Resolve a reference to a page left out of this build, or leave it to Sphinx."""
    pages = getattr(app, "_book_pages", None)
    if pages is None:
        meta = app.config.external_site_map.meta or {}
        whole = meta.get("whole_book") or [d for _, ds in book_parts(app) for d in ds]
        pages = app._book_pages = book_pages(Path(app.srcdir), whole)  # type: ignore[attr-defined]
    docname, anchor, words = _target(node, pages)
    if not docname or docname in env.found_docs:
        return None
    text = contnode.astext() if node.get("refexplicit") else words
    return _link(app, docname, anchor, text)


def _link(app: Sphinx, docname: str, anchor: str, text: str) -> nodes.Node:
    base = (app.config.html_baseurl or "").strip()
    if not base:
        return nodes.inline(text, text)
    uri = f"{base.rstrip('/')}/{docname}.html" + (f"#{anchor}" if anchor else "")
    return nodes.reference(text, text, refuri=uri, internal=False, classes=["left-out"])


class LinkOtherChaptersInPrint(SphinxPostTransform):
    """In a chapter's own PDF, a reference to another page links to it on the site.

    Sphinx's LaTeX builder cannot link out of the document it writes, and prints such a
    reference as the bare page name ("kkt"). Before Sphinx resolves references, this gives
    it the words the book prints (the page's title, a section's, "Fig. 7.1") and a link
    to the published page.
    """

    default_priority = 9  # before Sphinx's ReferencesResolver (10)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        document = getattr(self.app.builder, "docnames", None)
        if not document:
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std":
                continue
            found = self._where(node)
            if found is None or found[0] in document:
                continue
            docname, anchor, text = found
            if node.get("refexplicit") and node.get("reftype") != "numref":
                text = node.astext()
            node.replace_self(_link(self.app, docname, anchor, text))

    def _where(self, node: addnodes.pending_xref) -> tuple[str, str, str] | None:
        env, kind, target = self.env, node.get("reftype"), node.get("reftarget", "")
        std = env.get_domain("std")
        if kind == "doc":
            docname = docname_join(node.get("refdoc", ""), target)
            if docname in env.titles:
                return docname, "", env.titles[docname].astext()
            return None
        label = target.lower()
        if kind == "ref" and label in std.labels:
            docname, anchor, title = std.labels[label]
            return docname, anchor, title
        if kind == "numref" and label in std.anonlabels:
            docname, anchor = std.anonlabels[label]
            for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
                if anchor in numbers:
                    number = ".".join(map(str, numbers[anchor]))
                    return docname, anchor, self.config.numfig_format[figtype] % number
        return None


def setup(app: Sphinx) -> dict:
    app.connect("missing-reference", link_left_out)
    app.add_post_transform(LinkOtherChaptersInPrint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
