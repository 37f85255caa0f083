"""Code and printed output that fit a phone's column: each line wraps with a hanging indent.

The chapters' code and outputs are at most 79 characters wide (tests/test_code_width.py),
which fits the page's column on a desktop and the PDF's, but not a phone's: at 390 CSS px
a line would run off to the right and the reader would swipe sideways on every block.
This extension wraps every line of every code block and output in its own
``<span class="cl iN">`` (Pygments closes its token spans at each line's end, so a line is
always whole; N is the line's indent); on a narrow screen ``static/code-lines.css`` lets a
long line wrap, and indents what wraps four columns deeper than the line's own indent, so
a continuation is never mistaken for a new line. On a wide screen nothing changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
PRE = re.compile(r'(<div class="highlight"><pre>)(.*?)(</pre>)', flags=re.DOTALL)
TAG = re.compile(r"<[^>]+>")
MAX_INDENT = 24  # static/code-lines.css has a rule for each indent up to this


def _line(line: str) -> str:
    text = TAG.sub("", line)
    indent = min(len(text) - len(text.lstrip(" ")), MAX_INDENT)
    return f'<span class="cl i{indent}">{line}\n</span>'


def _wrap_lines(match: re.Match) -> str:
    head, body, tail = match.groups()
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the block's final newline ends the last line
    return head + "".join(_line(line) for line in lines) + tail


def wrap_code_lines(html: str) -> str:
    """Every line of every Pygments block in ``html`` in a ``span.cl`` of its own.

    >>> html = wrap_code_lines('<div class="highlight"><pre>a = 1\\nb = 2\\n</pre>')
    >>> html.count('<span class="cl i0">'), html.endswith('b = 2\\n</span></pre>')
    (2, True)
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
