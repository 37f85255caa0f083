"""Serve MathJax from the built site itself, so pages render math with no network.

Sphinx loads MathJax 3 from a CDN by default. This extension copies the MathJax build
shipped by the PyPI package ``django-static-mathjax`` (plain static files, no Django
needed) into ``_static/mathjax/`` and points ``mathjax_path`` at it. Only what the
pages use is copied: the TeX-to-HTML component, its web fonts, and the TeX extensions
that MathJax's autoloader may fetch for rarer macros (about 1.5 MB in all).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

# Relative to the html output's _static directory, which is how Sphinx reads it.
MATHJAX_PATH = "mathjax/tex-chtml.js"
PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]


def mathjax_source() -> Path:
    """The es5 directory of the installed MathJax 3 build."""
    import mathjax  # the import name of django-static-mathjax

    src = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (src / "tex-chtml.js").exists():
        raise RuntimeError(f"no MathJax build found at {src}; reinstall django-static-mathjax")
    return src


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    src, dest = mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    for part in PARTS:
        target = dest / part
        if (src / part).is_dir():
            shutil.copytree(src / part, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / part, target)


def setup(app: Sphinx) -> dict:
    mathjax_source()  # fail early, before the build, if MathJax is missing
    app.config.mathjax_path = MATHJAX_PATH
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
