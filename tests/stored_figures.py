"""The figures stored in the chapters' outputs: each PNG the page shows and its phone
rendering (lessonlib/display/phone.py), named as the site names their files (SHA-256 of
the bytes), with the smallest font size and resolution recorded beside them. Shared by
tests/test_pages.py (text size as drawn) and tests/test_pdf_figures.py (print keeps
the page's rendering only)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import nbformat

from toc import ROOT


@dataclass(frozen=True)
class Rendering:
    sha256: str  # the file's name on the site, without ".png"
    font_pt: float  # the smallest text in it
    dpi: float


def _rendering(data: str, meta: dict) -> Rendering:
    sha = hashlib.sha256(base64.b64decode(data)).hexdigest()
    return Rendering(sha, float(meta["font_pt"]), float(meta["dpi"]))


def stored_figures() -> list[tuple[Rendering, Rendering | None]]:
    """(page rendering, phone rendering or None) of every PNG output of book/*.ipynb that
    records its font size; a PNG output that does not is listed with font size 0."""
    found = []
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in nbformat.read(notebook, as_version=4).cells:
            for out in cell.get("outputs", []):
                if "image/png" not in out.get("data", {}):
                    continue
                data = out["data"]["image/png"]
                meta = out.get("metadata", {}).get("image/png", {})
                if "font_pt" not in meta:
                    found.append((_rendering(data, {"font_pt": 0, "dpi": 0}), None))
                    continue
                phone = meta.get("phone")
                found.append((_rendering(data, meta), phone and _rendering(phone["data"], phone)))
    return found
