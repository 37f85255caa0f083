"""The PDF builds with xelatex and carries the chapters' text, formulas and figures.

Needs TeX (scripts/debian-packages.txt, group "tex"); `make test` installs it first.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from booktools.artefacts import PDF
from pdf_text import (
    contents_pages,
    edge_only_pages,
    overfull_vboxes,
    page_body,
    page_texts,
    pdftotext,
    words,
)
from toc import ROOT, page_title, toc_docnames, toc_parts

pytestmark = pytest.mark.pdf


def test_pdf_build_has_no_warnings(pdf, pdf_build):
    warnings = [s for s in (pdf_build.stdout + pdf_build.stderr).splitlines() if "WARNING" in s]
    assert not warnings, "\n".join(warnings)


def test_pdf_has_every_chapter_title_and_formulas(pdf):
    text = pdftotext()
    flat = words(text)
    for docname in toc_docnames():
        # The root page is the preface; the References page is the Bibliography in print.
        if docname in ("book/index", "book/references"):
            continue
        # Titles may contain inline math such as $\lambda$; compare the plain words around it.
        title = re.sub(r"\$[^$]*\$", " ", page_title(docname))
        for fragment in filter(None, (f.strip() for f in title.split("  "))):
            assert words(fragment) in flat, f"chapter title missing from the PDF: {fragment!r}"
    # A formula typeset by LaTeX: the lambda of the penalised loss reaches the PDF as the
    # Greek letter.
    assert "λ" in text
    assert "??" not in text, "an unresolved reference or citation in the PDF"
    # A reference's text is typeset, never TeX source (a {ref} to a title with math was):
    # LaTeX escapes a backslash in prose, never in a code listing.
    tex = (pdf.parent / "book.tex").read_text(encoding="utf-8")
    assert not re.search(r"\\textbackslash\{\}[A-Za-z]+", tex), "TeX source in the PDF's prose"


def test_pdf_embeds_the_figures(pdf):
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listing) >= 30, "expected the chapters' figures embedded in the PDF"


def test_pdf_page_count_is_recorded(pdf, record_property):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    record_property("pdf_pages", pages)
    print(f"PDF pages: {pages}")
    assert pages >= 20


def test_contents_page_lists_the_parts_chapters_and_appendices(pdf):
    contents = words(contents_pages(page_texts(pdf)))
    assert "Preface" in contents
    for caption, _ in toc_parts():
        assert words(caption) in contents, f"part missing: {caption}"
    # The parts in their order, numbered I, II, III (a part's heading once strayed into the
    # solutions appendix, and the Reference part printed as Part I).
    numerals = ["I", "II", "III", "IV", "V"]
    found = [
        contents.index(f"{numerals[i]} {words(caption)}")
        for i, (caption, _) in enumerate(toc_parts())
    ]
    assert found == sorted(found), "the parts are out of order in the contents"
    for docname in toc_docnames():
        if docname in ("book/index", "book/references"):
            continue
        title = re.sub(r"\$[^$]*\$", " ", page_title(docname))
        for fragment in filter(None, (f.strip() for f in title.split("  "))):
            assert words(fragment) in contents, f"not in the contents: {fragment!r}"
    # The reference pages are appendices A, B, ...; the bibliography is printed once.
    assert re.search(r"\bA Notation\b", contents), contents[-600:]
    assert contents.count("Bibliography") == 1 and " References " not in contents


def test_no_page_is_blank(pdf):
    """openany: chapters start on the next page, so no page is left empty."""
    blank = [i + 1 for i, t in enumerate(page_texts(pdf)) if len(re.sub(r"\s", "", t)) < 10]
    assert not blank, f"pages without text: {blank}"


def test_no_box_runs_past_the_text_block(pdf):
    """A framed box split across pages (an exercise, a solution, a code block) keeps its
    piece on each page inside the text block: LaTeX says "Overfull \\vbox" for each piece
    taller than the room left (exercise 7.4 ran 14 pt into the footer; code blocks 1 to 4 pt),
    and for a page too full."""
    log = (pdf.parent / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "book-textheight=" in log, "not the book's log"
    assert not overfull_vboxes(log), "\n".join(overfull_vboxes(log))


def test_no_page_holds_only_a_box_edge(pdf):
    """Between its running head and foot, every page has text or an image: exercise 7.4's
    frame once closed on a page of its own, which showed its bottom edge and nothing else."""
    # Such a page as pdftotext reads it has no body; a part's page has its title.
    head_and_foot = "Why Lasso Creates Sparsity\n\n\n\n102     Chapter 7. Subgradients\n"
    assert page_body(head_and_foot) == []
    assert page_body("     Part III\n\n    Reference\n\n190\n") == ["    Reference"]
    pages = page_texts(pdf)
    assert not edge_only_pages(pdf), [(n, pages[n - 1].strip()) for n in edge_only_pages(pdf)]


CONTINUED = re.compile(r"^\s*(\S.*?)\s+–\s+continued from (?:the )?previous page\s*$", re.M)


def test_a_long_table_is_continued_under_its_own_name(pdf):
    """A table that runs onto another page repeats its header there, under the table's name:
    "Table N" for a captioned table (whose caption then reads "Table N" earlier on), or for
    one without a caption, which has no number, the section it is in, as the contents and
    the heading above it print it. The notation's tables were continued as "Table 1.1"."""
    pages = page_texts(pdf)
    contents = contents_pages(pages)
    headings = {
        words(m.group(1))
        for m in re.finditer(r"^\s*([A-Z0-9]+\.\d+\s+\S.*?)(?:\s\.)+\s*\d+\s*$", contents, re.M)
    }
    assert any(h.startswith("A.1 ") for h in headings), sorted(headings)[:20]
    continued, last_heading, text_so_far = [], None, ""
    for number, text in enumerate(pages, start=1):
        for line in page_body(text):
            match = CONTINUED.match(line)
            if match:
                continued.append((number, words(match.group(1)), last_heading, text_so_far))
                continue
            if words(line) in headings:
                last_heading = words(line)
            text_so_far += line + "\n"
    assert continued, "no long table continues on another page: the test checks nothing"
    wrong = []
    for number, name, heading, before in continued:
        if name.startswith("Table "):
            if not re.search(rf"^\s*{re.escape(name)}\b", before, re.M):
                wrong.append(f"page {number}: {name!r} continued, but no table has that caption")
        elif name != heading:
            wrong.append(f"page {number}: {name!r} continued, in section {heading!r}")
    assert not wrong, wrong


def test_fonts_are_embedded_and_few(pdf):
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1] for line in listing}
    not_embedded = [line.split()[0] for line in listing if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded
    families = {
        re.sub(r"(-(Regular|Bold|Italic|BoldItalic|Oblique|BoldOblique))?(-Identity-H)?$", "", f)
        for f in fonts
    }
    assert families <= {"TeXGyrePagella", "TeXGyrePagellaMath", "DejaVuSansMono"}, families
    assert "Missing character" not in (PDF.parent / "book.log").read_text(errors="replace")


# Instructions that only make sense on the web page (a slider to drag, a Play button, the
# launch button) and the text repr of a live ipywidgets explorer must not reach the PDF:
# chapters wrap such prose in a MyST `{only} html` block (with an `{only} latex`
# replacement) and tag live-widget cells `remove-output`.
# Extend the list whenever a review finds another such phrase in print.
WEB_ONLY_WORDS = [
    "drag",
    "rocket",
    "press Play",
    "VBox(",
    "FloatSlider",
    "static page",
    "in your browser",
    "Running this notebook yourself",
    "live slider",
    "running kernel",
    "arrow keys",
    "Run the next cell",
    "Run the cells",
    # issue 22: a chart's sliders and their label, described as if the reader could see them
    "explorer below",
    "position of the slider",
    "with two sliders",
    "correlation of the slider",
    "slider position",
    "slider's label",
]
# Legitimate in print: the instructors' appendix (book/instructors.md) describes the
# website's launch button and the notebooks' live sliders to instructors.
WEB_ONLY_ALLOWED = [
    "Every chapter page of the website has a launch button (a rocket)",
    "The explorers then use a live slider.",
]


def test_pdf_has_no_web_only_instructions_or_widget_reprs(pdf):
    # typographic apostrophes as typed ones, so "slider's" matches what LaTeX sets
    text = re.sub(r"\s+", " ", pdftotext()).replace("\u2019", "'")
    for phrase in WEB_ONLY_ALLOWED:
        text = text.replace(phrase, "")
    found = []
    for word in WEB_ONLY_WORDS:
        for match in re.finditer(re.escape(word), text, flags=re.IGNORECASE):
            found.append(f"{word!r}: ...{text[max(0, match.start() - 80) : match.end() + 80]}...")
    assert not found, "web-only text in the PDF:\n" + "\n".join(found)


def test_pdf_prints_no_glue_or_bare_assert(pdf, record_property):
    """The printed code teaches: no glue call and no bare assert reaches the page."""
    lines = pdftotext().splitlines()
    glue = [line for line in lines if "glue(" in line]
    asserts = [line for line in lines if re.match(r"\s*assert\b", line)]
    record_property("glue_lines_in_pdf", len(glue))
    record_property("assert_lines_in_pdf", len(asserts))
    assert not glue and not asserts, glue[:10] + asserts[:10]


# Pages rendered to PNG for a person to look at (test-artifacts/pdf-pages/): the title page,
# the contents, the first page of Part I's first chapter, and the first page with a figure.
PAGE_SHOTS = ROOT / "test-artifacts" / "pdf-pages"


def _page_of(text_pages: list[str], pattern: str) -> int:
    """1-based number of the first page whose text matches ``pattern``."""
    return next(i for i, t in enumerate(text_pages, start=1) if re.search(pattern, t, re.M))


def test_pages_render_for_a_look(pdf):
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    wanted = {
        "title": 1,
        "contents": _page_of(pages, r"^\s*Contents\s*$"),
        "chapter-1": _page_of(pages, r"^\s*Chapter 1\s*$"),
        "figure": _page_of(pages, r"Fig(?:ure|\.)\s*1\.1\b"),
    }
    PAGE_SHOTS.mkdir(parents=True, exist_ok=True)
    for name, number in wanted.items():
        stem = PAGE_SHOTS / f"book-{name}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        png = stem.with_suffix(".png")
        # a rendered page with text on it compresses far worse than a blank one
        assert png.stat().st_size > 8_000, f"{name} (page {number}) renders almost blank"


def test_contents_in_black_and_no_index_of_glossary_pages(pdf):
    """The contents' entries are set in the text's black (they were link blue), and there is
    no index: its only entries pointed to the glossary, which is the index of terms."""
    tex = (PDF.parent / "book.tex").read_text(encoding="utf-8")
    assert "\\hypersetup{linkcolor=black}\\sphinxtableofcontents" in tex
    assert "\\printindex" not in tex
    assert not (PDF.parent / "book.ind").exists()
    last_pages = " ".join(pdftotext().split()[-400:])
    assert "Index" not in last_pages


def test_every_output_table_prints_its_caption(pdf):
    """A coefficient table's caption (what a grey 0 means) is printed above it, as on the
    web page: it was missing in print."""
    import nbformat

    captions = []
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "CoefTable(" in cell.source:
                captions += re.findall(r'caption="([^"]+)"', cell.source)
    assert len(captions) >= 2, "expected the diabetes chapter's two coefficient tables"
    text = words(pdftotext())
    missing = [c for c in captions if words(c) not in text]
    assert not missing, missing
