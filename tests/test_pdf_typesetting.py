"""The PDF is typeset within its margins: no overfull lines, no continued code lines.

* LaTeX reports every line it could not fit as ``Overfull \\hbox (X pt too wide)``; a box
  more than 1 pt too wide shows as text running into the margin.
* Code and printed outputs are at most 79 characters a line (tests/test_code_width.py),
  which fits the printed width. A longer line is broken by Sphinx with a "↪" at the start
  of its continuation, which a reader cannot paste back into Python.
"""

from __future__ import annotations

import re

import pytest

from pdf_text import pdftotext
from toc import ROOT

LATEX = ROOT / "_build" / "latex"
TOLERANCE_PT = 1.0


def overfull_boxes(log: str) -> list[tuple[float, int]]:
    """``(points too wide, line of book.tex)`` of every overfull line LaTeX reports."""
    found = re.findall(
        r"^Overfull \\hbox \(([\d.]+)pt too wide\) "
        r"(?:in paragraph at lines (\d+)--\d+|in alignment at lines (\d+)--\d+"
        r"|detected at line (\d+))",
        log,
        flags=re.M,
    )
    return [(float(pt), int(a or b or c)) for pt, a, b, c in found]


def test_overfull_boxes_are_parsed():
    log = (
        "Overfull \\hbox (25.2389pt too wide) detected at line 7678\n[]\n"
        "Overfull \\hbox (0.5pt too wide) in paragraph at lines 9714--9714\n"
        "Overfull \\hbox (3.0pt too wide) in alignment at lines 12--20\n"
        "Overfull \\vbox (2.96672pt too high) detected at line 2203\n"
    )
    assert overfull_boxes(log) == [(25.2389, 7678), (0.5, 9714), (3.0, 12)]


def _table(rows: list[tuple[str, str]]):
    from docutils import nodes

    group = nodes.tgroup(cols=2)
    group += [nodes.colspec(colwidth=50), nodes.colspec(colwidth=50)]
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *[nodes.entry("", nodes.paragraph(text=c)) for c in cells])
    group += body
    document = nodes.document(None, None)
    document += nodes.table("", group)
    return document


def test_long_tables_get_wrapping_columns():
    """More than LONGTABLE_ROWS rows: a longtable (a tabulary cannot break across pages),
    whose "l" columns would never wrap unless the table gives widths. print_book gives
    them: each column's longest entry (plus one), at most half of the sum."""

    from print_book import LONGTABLE_ROWS, wrap_long_tables

    rows = [("x", "a sentence " * 5)] * LONGTABLE_ROWS + [("longer symbol", "y")]
    document = _table(rows)
    wrap_long_tables(document)
    table = next(iter(document.findall(lambda n: n.tagname == "table")))
    widths = [c["colwidth"] for c in document.findall(lambda n: n.tagname == "colspec")]
    # Longest entries: 13 and 55 characters (+1): 14 and 56; half their sum is 35.
    assert widths == [14, 35]
    assert {"colwidths-given", "longtable"} <= set(table["classes"])
    short = _table(rows[:LONGTABLE_ROWS])
    wrap_long_tables(short)
    assert [c["colwidth"] for c in short.findall(lambda n: n.tagname == "colspec")] == [50, 50]
    assert "longtable" not in next(iter(short.findall(lambda n: n.tagname == "table")))["classes"]


def _chapter_at(tex_lines: list[str], line: int) -> str:
    for text in reversed(tex_lines[:line]):
        match = re.match(r"\\chapter\*?\{(.*)\}", text)
        if match:
            return match.group(1)
    return "(front matter)"


@pytest.mark.pdf
def test_no_line_runs_into_the_margin(pdf):
    log = (LATEX / "book.log").read_text(errors="replace")
    lines = (LATEX / "book.tex").read_text(encoding="utf-8").splitlines()
    wide = [
        f"{pt:.1f} pt, book.tex line {line} ({_chapter_at(lines, line)}): {lines[line - 1][:100]}"
        for pt, line in overfull_boxes(log)
        if pt > TOLERANCE_PT
    ]
    assert not wide, "overfull lines in the PDF:\n" + "\n".join(wide)


@pytest.mark.pdf
def test_no_code_or_output_line_is_continued(pdf):
    text = pdftotext()
    lines = text.splitlines()
    continued = [
        f"{lines[i - 1].strip()} / {line.strip()}" for i, line in enumerate(lines) if "↪" in line
    ]
    assert not continued, (
        "lines longer than the page, continued with ↪ (print at most 79 "
        "characters a line):\n" + "\n".join(continued)
    )


@pytest.mark.pdf
def test_figures_print_where_their_code_draws_them(pdf):
    """No figure floats: a floating figure could be set between the two halves of a code
    cell that a page break splits (it happened on two pages). Each is set right after the
    code that draws it (``figure_align: H``)."""
    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    placements = re.findall(r"\\begin\{figure\}(?:\[([^\]]*)\])?", tex)
    assert len(placements) >= 20, "expected the chapters' figures in book.tex"
    assert set(placements) == {"H"}, sorted(set(placements))


@pytest.mark.pdf
def test_no_page_loses_its_foot(pdf):
    """A box too tall for the page that TeX must ship out anyway (a tabulary of 20 rows
    of sentences, which cannot break) runs through the footer, and what is below the
    page's foot is lost: the notation's last rows were missing. Long tables are set as
    longtables (_ext/print_book.py), which break across pages."""
    log = (LATEX / "book.log").read_text(errors="replace")
    lost = re.findall(r"Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output", log)
    assert not lost, f"pages whose content ran {lost} pt past the foot"
