"""Serve MathJax 4 from the built site itself, and let it break wide equations.

Sphinx loads MathJax 3 from a CDN by default. This extension points
``mathjax_path`` at the copy of MathJax 4 in ``static/mathjax/`` (committed;
``scripts/vendor-mathjax.sh`` refreshes it, see NOTICE there), which Sphinx
copies into the site's ``_static/mathjax/``: no page fetches math from the
network. Two settings, merged into ``mathjax3_config`` (the name Sphinx uses
for MathJax 3 and later):

- ``displayOverflow: "linebreak"``: a display equation wider than its column
  is broken into lines at its operators (MathJax 4 can; 3 could not), so on a
  phone no equation runs past the column or needs scrolling. The reader can
  pick another behaviour in MathJax's menu.
- the accessibility settings of MathJax 3: assistive MathML for screen
  readers, and no speech, Braille or semantic enrichment, which in MathJax 4
  would load a 4.6 MB speech engine in a web worker on every page.

The theme lays ``div.math`` out as a flex row, where MathJax measures the
column as only as wide as the equation: ``static/theme-fixes.css`` makes it a
block again so the measured width is the column's.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
# Relative to the html output's _static directory, which is how Sphinx reads it.
MATHJAX_PATH = "mathjax/tex-chtml.js"
SETTINGS = {
    "loader": {"paths": {"mathjax-newcm": "[mathjax]/fonts/mathjax-newcm-font"}},
    "output": {"displayOverflow": "linebreak"},
    "options": {
        "menuOptions": {
            "settings": {"assistiveMml": True, "enrich": False, "speech": False, "braille": False}
        }
    },
}


def merge(into: dict, new: dict) -> dict:
    """``into`` with ``new`` merged in, nested dictionaries key by key."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value
    return into


def configure(app: Sphinx) -> None:
    if not (STATIC / MATHJAX_PATH).exists():
        raise RuntimeError(f"no MathJax at {STATIC / MATHJAX_PATH}; run scripts/vendor-mathjax.sh")
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    app.config.mathjax_path = MATHJAX_PATH
    app.config.mathjax3_config = merge(dict(app.config.mathjax3_config or {}), SETTINGS)


def setup(app: Sphinx) -> dict:
    # builder-inited: after MyST-NB has put its processHtmlClass into mathjax3_config
    app.connect("builder-inited", configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
