"""Code and printed output that fit a phone's column: each line wraps with a hanging indent.

The chapters' code and outputs are at most 79 characters wide (tests/test_code_width.py),
which fits the page's column on a desktop and the PDF's, but not a phone's: at 390 CSS px
a line would run off to the right and the reader would swipe sideways on every block.
This extension wraps every line of every code block and output in its own
``<span class="cl iN">`` (Pygments closes its token spans at each line's end, so a line is
always whole; N is the line's indent); on a narrow screen ``static/code-lines.css`` lets a
long line wrap, and indents what wraps four columns deeper than the line's own indent, so
a continuation is never mistaken for a new line. On a wide screen nothing changes.

A table printed as text is the exception: wrapped, its columns fall apart. The rows of a
table in a cell's output are found here, at build time, by this rule:

* a *column edge* of a line is where a gap of two or more spaces between two
  non-space characters starts or ends (a left-aligned column starts where a gap ends, a
  right-aligned one ends where a gap starts; a line's indent is no gap);
* three or more consecutive lines with a column edge in the same place are *rows*;
* a line next to a row is a row too when it has a column edge where that row has one (a
  heading over the columns), is laid out as that row (as long, with 80 % of their spaces
  in the same places: ``rho = -0.90`` above ``rho =  0.00``), or is a rule (``-----``,
  ``=====``); this spreads until no more lines join.

So a prose line, with no gap of two spaces lined up with the table's, is not a row even
right above or below a table, and one pair of values that happen to line up is not a
table either. Each row is ``<span class="cl iN trow">`` (not ``row``: that is Bootstrap's
grid row, with negative margins) and the output that holds rows gets the class
``text-table``; on a narrow screen (static/code-lines.css) rows keep their line and the
output scrolls sideways, with a shadow at the edge that has more to see and a line above
it saying so (static/theme-fixes.js adds ``scrolls`` to an output that does not fit).
Code itself always wraps.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
# A Pygments block, with the element around it (MyST-NB's ``<div class="output ...">`` for
# an output, ``<div class="highlight-python ...">`` for code).
PRE = re.compile(
    r'(?:<div class="(?P<outer>[^"]*)">)?<div class="highlight"><pre>(?P<body>.*?)</pre>',
    flags=re.DOTALL,
)
TAG = re.compile(r"<[^>]+>")
MAX_INDENT = 24  # static/code-lines.css has a rule for each indent up to this
GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
RULE = re.compile(r"\s*[-=_─━═+|]{3,}[-=_─━═+| ]*")
MIN_ROWS = 3


def column_edges(line: str) -> set[int]:
    """Where the gaps of two or more spaces inside ``line`` start and end.

    >>> sorted(column_edges("   age     0.0000  x"))
    [6, 11, 17, 19]
    """
    return {edge for gap in GAP.finditer(line) for edge in gap.span()}


def same_layout(line: str, row: str) -> bool:
    """Whether ``line`` is laid out as ``row``: about as long, with spaces in the same places.

    >>> same_layout("rho = -0.90: on a corner", "rho =  0.00: on a corner")
    True
    >>> same_layout("least squares w = (0.2669, -1.5037)", "    1.0         1.6253   (")
    False
    """
    spaces = [{i for i, c in enumerate(text) if c == " "} for text in (line, row)]
    common, either = spaces[0] & spaces[1], spaces[0] | spaces[1]
    return abs(len(line) - len(row)) <= 2 and len(common) >= 0.8 * len(either) > 0


def _joins(line: str, row: str) -> bool:
    """Whether ``line``, next to the table's ``row``, is a row too (the module's rule)."""
    return bool(
        RULE.fullmatch(line) or column_edges(line) & column_edges(row) or same_layout(line, row)
    )


def table_rows(lines: list[str]) -> list[bool]:
    """Which of ``lines`` (a block's text) are rows of a table (see the module's rule).

    >>> table_rows(["Fitted:", "  a   1.5", " bb  10.0", "ccc   2.25", "done, all fine"])
    [False, True, True, True, False]
    >>> table_rows(["x  1", "y  2"])  # two lines are not a table
    [False, False]
    >>> table_rows(["name  value", "===========", "a     1", "bb    10", "c     2"])
    [True, True, True, True, True]
    """
    edges = [column_edges(line) for line in lines]
    rows = [False] * len(lines)
    for first in range(len(lines) - MIN_ROWS + 1):
        if set.intersection(*edges[first : first + MIN_ROWS]):
            rows[first : first + MIN_ROWS] = [True] * MIN_ROWS
    grown = True
    while grown:
        grown = False
        for i, line in enumerate(lines):
            if not rows[i] and any(_joins(line, row) for row in _rows_beside(lines, rows, i)):
                rows[i] = grown = True
    return rows


def _rows_beside(lines: list[str], rows: list[bool], i: int) -> list[str]:
    """The rows next to line ``i``, above and below, looking past rule lines (a heading
    is compared with the first row under its rule)."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and rows[j]:
            found.append(lines[j])
            if not RULE.fullmatch(lines[j]):
                break
            j += step
    return found


def _line(line: str, row: bool = False) -> str:
    text = TAG.sub("", line)
    indent = min(len(text) - len(text.lstrip(" ")), MAX_INDENT)
    return f'<span class="cl i{indent}{" trow" * row}">{line}\n</span>'


def _wrap_lines(match: re.Match) -> str:
    outer, body = match.group("outer"), match.group("body")
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the block's final newline ends the last line
    rows = [False] * len(lines)
    if outer is not None and "output" in outer.split():
        rows = table_rows([unescape(TAG.sub("", line)) for line in lines])
    head = "" if outer is None else f'<div class="{outer}{" text-table" * any(rows)}">'
    spans = "".join(_line(line, row) for line, row in zip(lines, rows))
    return f'{head}<div class="highlight"><pre>{spans}</pre>'


def wrap_code_lines(html: str) -> str:
    """Every line of every Pygments block in ``html`` in a ``span.cl`` of its own.

    >>> html = wrap_code_lines('<div class="highlight"><pre>a = 1\\nb = 2\\n</pre>')
    >>> html.count('<span class="cl i0">'), html.endswith('b = 2\\n</span></pre>')
    (2, True)
    >>> table = "".join(f"{k}  {v:5.2f}\\n" for k, v in [("a", 1), ("b", 10), ("c", 2)])
    >>> out = wrap_code_lines(
    ...     f'<div class="output stream"><div class="highlight"><pre>{table}</pre>'
    ... )
    >>> out.startswith('<div class="output stream text-table">'), out.count(" trow")
    (True, 3)
    """
    return PRE.sub(_wrap_lines, html)


def wrap_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    if app.builder.format == "html" and "body" in context:
        context["body"] = wrap_code_lines(context["body"])


def add_static_path(app: Sphinx) -> None:
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", wrap_page)
    app.add_css_file("code-lines.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
