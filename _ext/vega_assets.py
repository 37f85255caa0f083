"""Serve Vega, Vega-Lite and vega-embed from the site, on chart pages only.

``lessonlib.display.charts`` outputs a ``<div class="lesson-chart">`` and an inline
script calling ``vegaEmbed``. The three scripts live in ``static/vega/``
(committed; ``scripts/vendor-vega.sh`` refreshes them, see NOTICE there) and
are copied once into the site's ``_static/vega/``; a page gets them only when
its body holds a chart, so other pages do not load 830 kB of script. They are
loaded synchronously in the head, before the inline scripts run; no request
leaves the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
SCRIPTS = ("vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js")
MARKER = 'class="lesson-chart"'


def add_static_path(app: Sphinx) -> None:
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def add_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if MARKER in (context.get("body") or ""):
        for script in SCRIPTS:
            app.add_js_file(script, priority=400)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
