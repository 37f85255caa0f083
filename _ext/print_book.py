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
``latex_elements`` in _config.yml. Two pieces of LaTeX added to the preamble here mend what
Sphinx's own LaTeX gets wrong at a page break:

* a framed box (an exercise, a solution, an admonition, a code block) split across pages
  stays inside the text block and never leaves a page holding only its bottom edge
  (``FRAMED_SPLIT``);
* a long table without a caption, which has no number, is continued on the next page under
  the name of its section ("A.1 Data and models -- continued from the previous page"), not
  as "Table 1.1" (``TABLE_CONTINUED``).

``jupyter-book build --builder pdflatex --individualpages`` (`make pdf`) also writes one
document per chapter and appendix, ``<page>.tex`` beside ``book.tex``. Such a chapter PDF
has no title page and no contents: page 1 opens with the chapter's heading, numbered as in
the book (Chapter 7, Appendix A), and a line saying which book it comes from; its sections
and figures are numbered as in the book (7.1, Fig. 7.1), and it ends with the bibliography
entries it cites.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.config import Config
from sphinx.util.texescape import tex_replace_map
from sphinxcontrib.bibtex.nodes import raw_latex
from sphinxcontrib.bibtex.transforms import BibliographyTransform, node_text_transform


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex + "\n", format="latex")


def _prints_empty(sof: addnodes.start_of_file) -> bool:
    """Whether a page would print as a chapter heading alone (the References page: its
    bibliography directive leaves the entries to the bibliography at the end of the book)."""
    titles = " ".join(t.astext() for t in sof.findall(nodes.title))
    return sof.astext().split() == titles.split()


# Printed as the bibliography at the end of the book, never as a chapter of its own.
REFERENCES_PAGE = "book/references"


Parts = list[tuple[str, list[str]]]


def book_parts(app: Sphinx) -> Parts:
    """``(caption, [docname, ...])`` for each part of the table of contents this build
    uses (_toc.yml, or a chosen set of chapters': ``make book CHAPTERS=...``), as
    sphinx-external-toc read it."""
    site_map = app.config.external_site_map
    return [
        (tree.caption, [str(item) for item in tree.items if type(item).__name__ == "FileItem"])
        for tree in site_map[site_map.root.docname].subtrees
    ]


def chapter_label(parts: Parts, docname: str) -> tuple[bool, int] | None:
    """``(appendix, number)`` of a page in the printed book of these ``parts``: Chapter
    ``number`` or Appendix ``number`` (1 = A); None for the root page and pages not
    printed."""
    chapter = appendix = 0
    for number, (_, chapters) in enumerate(parts):
        in_appendix = number == len(parts) - 1 and len(parts) > 1
        for name in chapters:
            if name == REFERENCES_PAGE:
                continue
            if in_appendix:
                appendix += 1
            else:
                chapter += 1
            if name == docname:
                return (in_appendix, appendix if in_appendix else chapter)
    return None


CHAPTER_NOTE = (
    r"\noindent{\small\itshape A chapter of \emph{%s}, an executable textbook. "
    r"Text and figures: CC BY 4.0; code: MIT licence. Built \today.\par}"
    r"\medskip"
)


def chapter_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A page's own PDF (``--individualpages``): its heading on page 1, numbered as in
    the book, without the book's title page and contents."""
    context = app.builder.context
    book = app.config.latex_elements
    if docname == app.config.root_doc:
        # The whole book: its own title page and contents (the builder shares one
        # context between the documents it writes).
        for key in ("maketitle", "tableofcontents"):
            if key in book:
                context[key] = book[key]
        return
    context["maketitle"] = context["tableofcontents"] = ""
    label = chapter_label(book_parts(app), docname)
    top = next(iter(doctree.findall(nodes.section)), None)
    if label is None or top is None or top.parent is not doctree:
        return
    appendix, number = label
    book_title = app.config.html_title or app.config.project
    # Sphinx's LaTeX writer takes a document's first heading for the document's title
    # (shown only by \maketitle) and makes its sections the chapters. Under an unprinted
    # heading of the book's title, the page's heading is the chapter, as in the book.
    wrapper = nodes.section("", nodes.title("", book_title), ids=["printed-chapter"])
    wrapper += _raw((r"\appendix" if appendix else "") + rf"\setcounter{{chapter}}{{{number - 1}}}")
    for child in list(doctree.children):
        doctree.remove(child)
        wrapper += child
    doctree += wrapper
    title = next(i for i, child in enumerate(top.children) if isinstance(child, nodes.title))
    top.insert(title + 1, _raw(CHAPTER_NOTE % book_title))
    add_cited_entries(app, doctree)


CITE = re.compile(r"\\hyperlink\{cite\.([^:{}]+):([^{}]+)\}")


def add_cited_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Give a chapter's own PDF the bibliography entries it cites.

    In LaTeX, sphinxcontrib-bibtex writes a citation as ``\\hyperlink{cite.<page>:<id>}``
    (a ``raw_latex`` node) to the entry on the References page, which a chapter's PDF does
    not contain. The chapter's document gets the cited entries, made afresh from the bibtex
    domain as sphinxcontrib-bibtex makes them (its own transform adds to nodes that the
    whole book's bibliography shares, so it must not run again), in a bibliography at its
    end, as in the book.
    """
    cited = {
        match.groups()
        for raw in doctree.findall(raw_latex)
        for match in CITE.finditer(raw.rawsource)
    }
    bibliography = thebibliography()
    for citation in app.env.get_domain("cite").citations:
        key = (citation.bibliography_key.docname, citation.citation_id)
        if key in cited:
            cited.discard(key)
            entry = nodes.citation("", ids=[citation.citation_id], docname=key[0])
            entry += nodes.label("", citation.formatted_entry.label, support_smartquotes=False)
            entry += BibliographyTransform.backend.paragraph(citation.formatted_entry)
            node_text_transform(entry)
            bibliography += entry
    # Sphinx gathers a document's entries before this event: the list goes in as gathered.
    if len(bibliography):
        doctree += bibliography


# Sphinx sets a table of more than 30 rows as a longtable, whose columns, unless the table
# gives widths, are "l": they never wrap, and a column of sentences runs off the page. A
# shorter table is a tabulary, which cannot break across pages: one of 20 rows of wrapped
# sentences (the notation's penalties) ran through the footer and lost its last rows.
# Every table of more than LONGTABLE_ROWS rows is set as a longtable, with widths.
LONGTABLE_ROWS = 12


def wrap_long_tables(doctree: nodes.document) -> None:
    """Set each long table as a longtable, with column widths in proportion to its text.

    A column's share is the length of its longest entry, at most half of all columns'
    together, so a column of formulas keeps room beside a column of sentences (as
    ``\\tymax`` does for the short tables, _config.yml). Sphinx then sets wrapping columns.
    """
    for table in doctree.findall(nodes.table):
        if "colwidths-given" in table["classes"]:
            continue
        groups = list(table.findall(nodes.tgroup))
        rows = [row for group in groups for row in group.findall(nodes.row)]
        if len(groups) != 1 or len(rows) <= LONGTABLE_ROWS:
            continue
        specs = [c for c in groups[0].children if isinstance(c, nodes.colspec)]
        cells = [[e for e in row.children if isinstance(e, nodes.entry)] for row in rows]
        if any(len(row) != len(specs) or any(e.get("morecols") for e in row) for row in cells):
            continue  # merged cells: leave the table as Sphinx sets it
        natural = [max(len(row[i].astext()) for row in cells) + 1 for i in range(len(specs))]
        cap = sum(natural) / 2
        for spec, width in zip(specs, natural):
            spec["colwidth"] = max(1, round(min(width, cap)))
        table["classes"] += ["colwidths-given", "longtable"]


# Sphinx sets every box of the print -- an admonition (exercises and solutions are "note"
# admonitions), a code block, a code block inside an admonition -- with framed.sty, whose
# \fb@put@frame splits a box too tall for what is left of the page with \vsplit. It sets
# \boxmaxdepth to 0 there but leaves \splitmaxdepth at LaTeX's \maxdimen, so \vsplit does
# not count the depth of the last line it keeps: a code line's 3 pt, or the 37 pt of a code
# block inside an exercise (an unbreakable box whose baseline is its first line). The piece
# kept on the page then runs that far past the text block, into the footer (each time an
# "Overfull \vbox" in the log), and when the piece is all of the box, what is left -- the
# zero-height rule that closes every framed box -- is framed on a page of its own: a page
# holding only the box's bottom edge (exercise 7.4, issue 22). The first patch makes \vsplit
# count that depth; the second sets a remainder of no height with the piece before it, in
# one frame, instead of framing it alone. Each stops the build if framed.sty changes.
FRAMED_SPLIT = r"""
\makeatletter
\usepackage{etoolbox}
\patchcmd{\fb@put@frame}
  {\boxmaxdepth\z@\splittopskip\z@}
  {\boxmaxdepth\z@\splittopskip\z@\splitmaxdepth\z@}
  {}{\PackageError{print_book}{framed.sty's \string\fb@put@frame\space has changed:
     _ext/print_book.py's FRAMED_SPLIT no longer applies}{}}
\patchcmd{\fb@put@frame}
  {\ifvoid\@tempboxa\setbox\@tempboxa\box\tw@}
  {\ifdim\dimexpr\ht\@tempboxa+\dp\@tempboxa\relax=\z@
     \setbox\@tempboxa\vbox{\box\tw@\ifvoid\@tempboxa\else\unvbox\@tempboxa\fi}}
  {}{\PackageError{print_book}{framed.sty's \string\fb@put@frame\space has changed:
     _ext/print_book.py's FRAMED_SPLIT no longer applies}{}}
\makeatother
"""

# A longtable repeats its header on every page after its first, under Sphinx's
# "\tablename\ \thetable{} -- continued from previous page" (in \sphinxtablecontinued,
# which also sets the foot's "continues on next page"). A table without a caption has no
# number, in print or on the web page, yet longtable steps the table counter for it, and in
# an appendix Sphinx's \thetable counts the chapter in arabic: the notation's tables were
# continued as "Table 1.1" and "Table 1.2", the instructors' appendix's as "Table 3.2". Before
# such a table, \bookuncaptionedtable{number}{title} (structure_for_print) names the section
# it is in; its continued header then reads "A.1 Data and models -- continued from the
# previous page", and the table leaves the counter as it found it. A captioned table keeps
# Sphinx's header.
TABLE_CONTINUED = r"""
\makeatletter
\let\book@tablewhat\@empty
\newcommand*{\bookuncaptionedtable}[2]{\gdef\book@tablewhat{#1\ #2}}
\let\book@sphinxtablecontinued\sphinxtablecontinued
\def\book@iftablehead#1#2\book@end{%
  \@tempswafalse
  \ifx\tablename#1\ifx\book@tablewhat\@empty\else\@tempswatrue\fi\fi
  \if@tempswa\expandafter\@firstoftwo\else\expandafter\@secondoftwo\fi}
\protected\def\sphinxtablecontinued#1{\book@iftablehead#1\book@end
  {\book@sphinxtablecontinued{\book@tablewhat\ \textendash{} continued from the previous page}}
  {\book@sphinxtablecontinued{#1}}}
\g@addto@macro\sphinxatlongtableend{%
  \ifx\book@tablewhat\@empty\else\addtocounter{table}{\m@ne}\fi
  \global\let\book@tablewhat\@empty}
\makeatother
"""


def add_print_preamble(app: Sphinx, config: Config) -> None:
    """Add FRAMED_SPLIT and TABLE_CONTINUED to the LaTeX preamble of _config.yml."""
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + FRAMED_SPLIT + TABLE_CONTINUED
    config.latex_elements = elements


def latex_label(docname: str, node_id: str) -> str:
    """The ``\\label`` key Sphinx's LaTeX writer gives the node ``node_id`` of the page
    ``docname`` (``LaTeXTranslator.hypertarget`` and ``idescape``)."""
    key = f"{docname}:{node_id}".translate(tex_replace_map)
    key = key.encode("ascii", "backslashreplace").decode("ascii").replace("\\", "_")
    return rf"\detokenize{{{key}}}"


def is_longtable(table: nodes.table) -> bool:
    """Whether Sphinx sets ``table`` as a longtable (``sphinx.writers.latex.Table``: the
    class, or more than 30 rows)."""
    return "longtable" in table["classes"] or len(list(table.findall(nodes.row))) > 30


Placed = tuple[nodes.Element, nodes.table, str, nodes.section | None]


def tables_in_place(
    node: nodes.Element, docname: str, section: nodes.section | None
) -> list[Placed]:
    """``(parent, table, page, section)`` for each table under ``node``: the page it was
    written on (the innermost ``start_of_file``) and the innermost section with an id. Read
    from the children down, as the LaTeX writer reads the tree."""
    found: list[Placed] = []
    for child in node.children:
        if isinstance(child, nodes.table):
            found.append((node, child, docname, section))
        elif isinstance(child, addnodes.start_of_file):
            found += tables_in_place(child, child["docname"], section)
        elif isinstance(child, nodes.section) and child["ids"]:
            found += tables_in_place(child, docname, child)
        elif isinstance(child, nodes.Element):
            found += tables_in_place(child, docname, section)
    return found


def name_uncaptioned_tables(doctree: nodes.document, docname: str) -> None:
    """Before each longtable without a caption, ``\\bookuncaptionedtable`` with the number
    and title of the section it is in (TABLE_CONTINUED): its continued header's name."""
    for parent, table, page, section in tables_in_place(doctree, docname, None):
        captioned = any(isinstance(child, nodes.title) for child in table.children)
        if section is None or captioned or not is_longtable(table):
            continue
        label = latex_label(page, section["ids"][0])
        parent.insert(
            parent.index(table),
            _raw(rf"\bookuncaptionedtable{{\ref*{{{label}}}}}{{\nameref*{{{label}}}}}"),
        )


def structure_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    wrap_long_tables(doctree)
    name_uncaptioned_tables(doctree, docname)
    chapter_for_print(app, doctree, docname)
    if docname != app.config.root_doc:
        return
    # A chapter's own page is its first start_of_file: the solutions appendix wraps each
    # chapter's solutions in another one (_ext/answer_key.py), which must not take the part.
    pages: dict[str, addnodes.start_of_file] = {}
    for sof in doctree.findall(addnodes.start_of_file):
        pages.setdefault(sof["docname"], sof)
    parts = book_parts(app)
    first = pages.get(parts[0][1][0]) if parts and parts[0][1] else None
    if first is not None:
        # The root page's own text, printed before the first chapter, is the preface.
        top = next(iter(doctree.findall(nodes.section)), None)
        if top is not None:
            index = next(
                i
                for i, child in enumerate(top.children)
                if not isinstance(child, (nodes.title, nodes.target))
            )
            top.insert(
                index,
                _raw(
                    r"\chapter*{Preface}\addcontentsline{toc}{chapter}{Preface}"
                    r"\markboth{Preface}{Preface}"
                ),
            )
    for number, (caption, chapters) in enumerate(parts):
        present = [pages[c] for c in chapters if c in pages]
        if not present:
            continue
        latex = r"\part{" + caption.replace("'", "’") + "}"
        if number == len(parts) - 1 and len(parts) > 1:
            latex = r"\appendix" + "\n" + latex
        present[0].parent.insert(present[0].parent.index(present[0]), _raw(latex))
        for sof in present:
            if _prints_empty(sof):
                sof.parent.remove(sof)


def only_printed_pages(app: Sphinx, env: object) -> None:
    """With ``--individualpages``, write the book and the pages it prints as chapters or
    appendices (not the References page, which the book prints as its bibliography)."""
    documents = app.config.latex_documents
    if app.builder.format != "latex" or len(documents) < 2:
        return
    app.config.latex_documents = [
        doc
        for doc in documents
        if doc[0] == app.config.root_doc or chapter_label(book_parts(app), doc[0]) is not None
    ]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_print_preamble)
    app.connect("env-updated", only_printed_pages)
    app.connect("doctree-resolved", structure_for_print)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
