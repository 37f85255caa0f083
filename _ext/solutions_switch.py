"""Build the book with or without the exercises' worked solutions.

``HIDE_SOLUTIONS=1 make book`` (or ``make pdf``) sets sphinx-exercise's ``hide_solutions``
for that build, so an instructor can hand out a PDF or site with the exercises only.
The default keeps the solutions, which readers reveal one by one.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config


def apply_switch(app: Sphinx, config: Config) -> None:
    value = os.environ.get("HIDE_SOLUTIONS", "").strip().lower()
    if value in ("1", "true", "yes"):
        config.hide_solutions = True
    elif value not in ("", "0", "false", "no"):
        raise ValueError(f"HIDE_SOLUTIONS must be 1 or 0, got {value!r}")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", apply_switch, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
