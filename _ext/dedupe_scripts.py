"""Drop repeated <script> entries from every page.

sphinx-thebe registers its inline configuration script (``const THEBE_JS_URL = ...``)
with both Sphinx's registry and the HTML builder, and both copies reach the page.
Declaring a ``const`` twice is a JavaScript error in every browser console, so the
second copy is removed before the page is written.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _key(script: Any) -> tuple:
    """What the page would contain: the same source or body with the same attributes.

    The two copies differ only in their priority (their place in the list).
    """
    attributes = getattr(script, "attributes", {}) or {}
    filename = str(getattr(script, "filename", script) or "")
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


def dedupe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", dedupe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
