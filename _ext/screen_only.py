"""Keep what only a screen can use out of print: code cells tagged ``no-print``.

A live explorer (an ipywidgets slider) needs a running kernel: on the web page it is code
a reader can run on Binder, in a reader notebook it is a slider, on paper it is nothing.
Its cell is tagged ``no-print`` and this extension removes it from every LaTeX build (the
book's PDF, the chapter PDFs, the answer key). Prose has MyST's ``{only}`` for the same
purpose: ``{only} html`` (the web page), ``{only} notebook`` (the reader notebooks),
``{only} latex`` (print), ``{only} not latex`` (a screen, web or notebook).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

TAG = "no-print"


class RemoveNoPrintCells(SphinxPostTransform):
    """Drop MyST-NB code cells tagged ``no-print`` from a LaTeX document."""

    default_priority = 5  # before MyST-NB selects outputs
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            if TAG in cell.get("cell_metadata", {}).get("tags", []):
                cell.parent.remove(cell)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(RemoveNoPrintCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
