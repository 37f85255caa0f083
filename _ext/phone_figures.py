"""Serve each figure's phone rendering to narrow screens.

When the book's outputs are stored (``python -m booktools.outputs``), every matplotlib
figure's PNG carries in its output metadata a second PNG: the same figure with its panels
stacked, at a width a phone can read (``lessonlib/display/phone.py``). MyST-NB names a
figure's file after the SHA-256 of its bytes; this extension finds that PNG in the
notebook, writes the phone PNG beside it, and puts a second image in the figure. The
page's CSS (``static/phone-figures.css``) shows the first on wide screens and the second
up to 600 px; both load lazily, so a browser fetches only the one it shows. Print keeps
the page's figure only.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

PHONE, WIDE = "phone-figure", "wide-figure"  # CSS classes of the two images


def phone_renderings(notebook: Path) -> dict[str, dict]:
    """SHA-256 of each PNG output that has a phone rendering -> that rendering's metadata."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            phone = output.get("metadata", {}).get("image/png", {}).get("phone")
            if png and phone:
                found[hashlib.sha256(base64.b64decode(png)).hexdigest()] = phone
    return found


def add_phone_images(app: Sphinx, doctree: nodes.document) -> None:
    """After each notebook's page's PNG, its phone rendering (classes tell them apart)."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    renderings = phone_renderings(source)
    for image in list(doctree.findall(nodes.image)):
        stem, _, suffix = Path(image["uri"]).name.partition(".")
        if suffix != "png" or stem not in renderings:
            continue
        phone = renderings[stem]
        data = base64.b64decode(phone["data"])
        page_png = Path(app.srcdir, image["uri"].lstrip("/")).resolve()
        phone_png = page_png.with_name(f"{hashlib.sha256(data).hexdigest()}.png")
        if not phone_png.exists():
            phone_png.write_bytes(data)
        uri = "/" + os.path.relpath(phone_png, app.srcdir)
        # loading="lazy": a browser fetches neither rendering while it is display: none,
        # so a reader downloads one of the two
        second = nodes.image(
            uri=uri,
            alt=image.get("alt", ""),
            width=f"{phone['width']}px",
            classes=[PHONE],
            loading="lazy",
        )
        image["classes"].append(WIDE)
        image["loading"] = "lazy"
        image.parent.insert(image.parent.index(image) + 1, second)


class DropPhoneImages(SphinxPostTransform):
    """Print keeps the page's figure only."""

    default_priority = 3  # before MyST-NB selects outputs
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            if PHONE in image["classes"]:
                image.parent.remove(image)


def add_static_path(app: Sphinx) -> None:
    static = str(Path(__file__).parent / "static")
    if static not in app.config.html_static_path:  # theme_fixes may have added it
        app.config.html_static_path.append(static)


def setup(app: Sphinx) -> dict:
    # before Sphinx's image collector (priority 500), which copies images into the build
    app.connect("doctree-read", add_phone_images, priority=400)
    app.connect("builder-inited", add_static_path)
    app.add_css_file("phone-figures.css")
    app.add_post_transform(DropPhoneImages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
