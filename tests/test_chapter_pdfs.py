"""A PDF per chapter, published with the site and linked from the chapter's download menu.

`make pdf` builds one per chapter and appendix (jupyter-book's ``--individualpages``,
_ext/print_book.py, _ext/publish_pdf.py); the test run builds the book's and one
chapter's (booktools/artefacts.py, ``CHAPTER_PDF``) and checks that one against the book.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from print_book import REFERENCES_PAGE, chapter_label
from publish_pdf import CHAPTER_DIR, chapter_pdf_name

from booktools.artefacts import CHAPTER_PDF
from pdf_text import contents_pages, edge_only_pages, overfull_vboxes, page_texts, words
from toc import ROOT, page_title, toc_docnames, toc_parts

LATEX = ROOT / "_build" / "latex"
HTML = ROOT / "_build" / "html"
DOCNAME = f"book/{CHAPTER_PDF}"


def test_chapter_numbers_follow_the_table_of_contents():
    """Numbered parts count chapters 1, 2, ...; the last part's pages are appendices A, B,
    ...; the References page prints as the bibliography, not as an appendix."""
    *numbered, (_, appendix) = toc_parts()
    chapters = [docname for _, docnames in numbered for docname in docnames]
    appendices = [docname for docname in appendix if docname != REFERENCES_PAGE]
    for i, docname in enumerate(chapters):
        assert chapter_label(toc_parts(), docname) == (False, i + 1), docname
    for i, docname in enumerate(appendices):
        assert chapter_label(toc_parts(), docname) == (True, i + 1), docname
    assert chapter_label(toc_parts(), "book/index") is None
    assert chapter_label(toc_parts(), REFERENCES_PAGE) is None
    assert chapter_label(toc_parts(), "book/regularization") == (False, 1)
    assert chapter_label(toc_parts(), "book/notation") == (True, 1)


def _table(rows: int, caption: str | None = None):
    from docutils import nodes

    group = nodes.tgroup("", nodes.colspec(colwidth=1), cols=1)
    group += nodes.tbody(
        "", *(nodes.row("", nodes.entry("", nodes.paragraph("", f"r{i}"))) for i in range(rows))
    )
    table = nodes.table("", *([nodes.title("", caption)] if caption else []), group)
    table["classes"] = ["longtable"] if rows > 12 else []
    return table


def test_an_uncaptioned_long_table_is_named_after_its_section():
    """Before a longtable without a caption, print_book names the section it is in, by the
    label Sphinx's LaTeX writer gives that section on that page (its own idescape is the
    reference); a captioned or short table keeps Sphinx's own header."""
    from docutils import nodes
    from docutils.utils import new_document
    from print_book import name_uncaptioned_tables
    from sphinx import addnodes
    from sphinx.writers.latex import LaTeXTranslator

    document = new_document("book/index")
    section = nodes.section("", nodes.title("", "Data and models"), ids=["data-and-models"])
    long, captioned, short = _table(20), _table(20, "Symbols"), _table(5)
    section += [nodes.container("", long), captioned, short]
    page = addnodes.start_of_file("", docname="book/notation")
    page += nodes.section("", nodes.title("", "Notation"), section, ids=["notation"])
    document += page
    name_uncaptioned_tables(document, "book/index")
    raws = [n.astext().strip() for n in document.findall(nodes.raw)]
    label = LaTeXTranslator.idescape(None, "book/notation:data-and-models")
    assert raws == [rf"\bookuncaptionedtable{{\ref*{{{label}}}}}{{\nameref*{{{label}}}}}"]
    assert long.parent[long.parent.index(long) - 1].astext().strip() == raws[0]


def test_chapter_pdf_names():
    assert chapter_pdf_name("book/index", "book/lasso_path") == "lasso_path.pdf"
    assert len({chapter_pdf_name("book/index", d) for d in toc_docnames()}) == len(toc_docnames())


def _pdftotext(path, first: int | None = None, last: int | None = None) -> str:
    pages = [] if first is None else ["-f", str(first), "-l", str(last)]
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def chapter_pdf(pdf):
    path = LATEX / f"{CHAPTER_PDF}.pdf"
    assert path.is_file(), f"no {path.name}: the PDF build wrote no chapter PDF"
    return path


@pytest.mark.pdf
def test_a_document_for_every_chapter_and_appendix(pdf):
    """`make pdf` compiles one per chapter and appendix: not the preface (the book's
    start) nor the References page (the book's bibliography)."""
    written = {path.name for path in LATEX.glob("*.tex")}
    expected = {
        chapter_pdf_name("book/index", d)[: -len(".pdf")] + ".tex"
        for d in toc_docnames()
        if chapter_label(toc_parts(), d) is not None
    }
    assert written == expected | {"book.tex"}


@pytest.mark.pdf
def test_chapter_pdf_opens_with_its_numbered_heading(pdf, chapter_pdf):
    first = words(_pdftotext(chapter_pdf, 1, 1))
    # The chapter's number as the book's contents give it (an independent source).
    title = re.sub(r"\$[^$]*\$", " ", page_title(DOCNAME))
    contents = words(contents_pages(page_texts(pdf)))
    number = re.search(
        r"(\d+|[A-Z]) " + re.escape(words(title.split("  ")[0].strip())), contents
    ).group(1)
    kind = "Appendix" if number.isalpha() else "Chapter"
    assert f"{kind} {number}" in first, first[:300]
    for fragment in filter(None, (f.strip() for f in title.split("  "))):
        assert words(fragment) in first, f"title not on page 1: {fragment!r}"
    assert "A chapter of Why Lasso Creates Sparsity" in first
    # No title page or contents of its own: the chapter's text starts on page 1.
    assert "Contents" not in first and "An executable textbook" not in first
    # Its sections and figures carry the book's numbers (7.1, Fig. 7.1).
    text = words(_pdftotext(chapter_pdf))
    assert re.search(rf"\b{number}\.1 \w", text)
    assert "??" not in text, "an unresolved reference in the chapter PDF"


@pytest.mark.pdf
def test_chapter_pdf_ends_with_the_entries_it_cites(chapter_pdf):
    tex = (LATEX / f"{CHAPTER_PDF}.tex").read_text(encoding="utf-8")
    cited = set(re.findall(r"\\hyperlink\{cite\.([^{}]+)\}", tex))
    items = re.findall(r"\\bibitem\[([^\]]*)\]\{([^{}]+)\}\s*\\sphinxAtStartPar\s*([^\\]{20})", tex)
    assert cited, "the chapter tested cites nothing: pick one that does (CHAPTER_PDF)"
    assert sorted(key for _, key, _ in items) == sorted(cited)
    text = words(_pdftotext(chapter_pdf))
    bibliography = text[text.rindex("Bibliography") :]
    # Each entry once, label and text (sphinxcontrib-bibtex's nodes are shared with the
    # book's bibliography: adding to them would repeat the text).
    # Two entries may share an author, so the text is read right after its own label.
    for label, _, start in items:
        assert bibliography.count(f"[{words(label)}]") == 1, label
        assert bibliography.count(f"[{words(label)}] {words(start)}") == 1, (label, start)


@pytest.mark.pdf
def test_chapter_pdf_uses_the_book_fonts(pdf, chapter_pdf):
    def families(path):
        listing = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        return {
            re.sub(
                r"(-(Regular|Bold|Italic|BoldItalic|Oblique|BoldOblique))?(-Identity-H)?$",
                "",
                line.split()[0].split("+")[-1],
            )
            for line in listing
        }

    assert families(chapter_pdf) <= families(pdf)
    assert {"TeXGyrePagella", "DejaVuSansMono"} <= families(chapter_pdf)


@pytest.mark.pdf
def test_chapter_pdf_has_no_blank_page(chapter_pdf):
    pages = page_texts(chapter_pdf)
    assert len(pages) >= 3
    assert not [i + 1 for i, t in enumerate(pages) if len(re.sub(r"\s", "", t)) < 10]


@pytest.mark.pdf
def test_chapter_pdf_boxes_stay_in_the_text_block(chapter_pdf):
    """As in the book (tests/test_pdf_build.py): no framed box runs past the text block, and
    no page holds only a box's bottom edge; the chapter's pages break elsewhere than the
    book's, its exercises included."""
    log = chapter_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "book-textheight=" in log, f"not {chapter_pdf.name}'s log"
    assert not overfull_vboxes(log), "\n".join(overfull_vboxes(log))
    assert not edge_only_pages(chapter_pdf), edge_only_pages(chapter_pdf)


@pytest.mark.pdf
def test_site_publishes_the_chapter_pdf_and_names_it_on_the_page(html_build, chapter_pdf):
    assert html_build.returncode == 0, (html_build.stdout + html_build.stderr)[-3000:]
    published = HTML / CHAPTER_DIR / chapter_pdf.name
    assert published.read_bytes() == chapter_pdf.read_bytes()
    page = (HTML / f"{DOCNAME}.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta name="chapter-pdf" content="([^"]+)"', page)
    assert meta and meta.group(1) == f"{CHAPTER_DIR}/{chapter_pdf.name}"
    # The download menu's script links it from the page (relative to the site's root).
    assert "btn-download-chapter-pdf-button" in (HTML / "_static" / "theme-fixes.js").read_text()
    # Pages without a chapter PDF (the preface, the references) name none.
    for other in ("book/index", REFERENCES_PAGE):
        assert 'name="chapter-pdf"' not in (HTML / f"{other}.html").read_text(encoding="utf-8")


@pytest.mark.pdf
def test_references_to_other_chapters_read_and_link_as_in_the_book(pdf):
    """A chapter's PDF holds one chapter: a reference to another prints that chapter's title
    (or the figure's number) and links to it on the published site, never the bare page
    name Sphinx falls back to ("kkt", "lasso_path")."""
    import yaml

    site = yaml.safe_load((ROOT / "_config.yml").read_text())["html"]["baseurl"]
    latex = ROOT / "_build" / "latex"
    bare, linked = [], 0
    for docname in toc_docnames():
        tex = latex / f"{docname.rsplit('/', 1)[-1]}.tex"
        if not tex.exists():
            continue
        text = tex.read_text(encoding="utf-8")
        pattern = r"\\DUrole\{xref,std,std-(?:doc|ref|numref)\}\{[^}]*\}"
        bare += [f"{tex.name}: {m}" for m in re.findall(pattern, text)]
        linked += text.count(f"\\sphinxhref{{{site}book/")
    assert not bare, bare
    assert linked > 20  # the chapters do refer to each other
