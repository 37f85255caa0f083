"""Fixes for what the theme shows the reader: figure proportions, the sidebar buttons, search.

Defects of sphinx-book-theme 1.3 on pydata-sphinx-theme 0.17 and of sphinx-thebe 0.3, each
fixed here for every page (static/theme-fixes.css and static/theme-fixes.js):

* MyST-NB writes a stored figure's size as an inline ``width``/``height`` style; the theme
  caps the width at the column and keeps the height, squashing every wide figure. The CSS
  lets the height follow the width.
* Both themes render a ``.primary-toggle`` (and a ``.secondary-toggle``) button, and both
  attach their click handlers to the first one in the page, a hidden header button, so the
  visible buttons do nothing (pydata/pydata-sphinx-theme#2451). The script forwards clicks
  on every other toggle to the first one, where the handlers are.
* The header and the left sidebar each show a search field on wide screens. The CSS hides
  the sidebar's copy; the header's stays, and on narrow screens the search icon does;
  on the search page, which has a field of its own, neither shows.
* "Live code" loads Thebe from a CDN; offline, sphinx-thebe shows "Loading thebe from
  CDN..." forever. The script says within seconds that Live code needs a network.
* Search results quote raw TeX (``\\(|S_{xy}| \\le \\lambda/2\\)``); the script turns each
  formula into plain text (``|S_xy| ≤ λ/2``) before Sphinx cuts the snippet.
* The download menu's ".pdf" item prints the web page; it links the book's PDF instead
  when the site publishes one (_ext/publish_pdf.py), and a chapter's page gets a second
  item above it, ".pdf (chapter)", linking that chapter's own PDF.
* The theme lays display math out as a flex row, in which MathJax 4 measures the column as
  only as wide as the equation and breaks every line to a few symbols; the CSS makes it a
  block (_ext/offline_mathjax.py says why equations are broken to fit the column).
* Accessibility (axe-core, WCAG 2.1 AA): links in exercise boxes get the theme's
  higher-contrast link colour, and the bibliography's entries the list-item role its list
  requires.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", add_static_path)
    app.add_css_file("theme-fixes.css")
    app.add_js_file("theme-fixes.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
