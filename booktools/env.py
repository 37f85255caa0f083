"""The book's build settings in one place: the kernels' environment and the table of contents.

``make`` exports the same two variables for everything it runs (the Makefile stays the
documented entry point); Python code that starts kernels or runs without ``make``
(``conftest.py``, :mod:`booktools.outputs`, :mod:`booktools.artefacts`, the mutation
check) reads them from here, and every reader of ``_toc.yml`` outside Sphinx (the book's
tools, ``tests/toc.py``) parses it here; inside Sphinx, ``_ext/print_book.py`` reads the
table of contents sphinx-external-toc parsed.

Imported as ``booktools.env`` (run from the repository's root; pytest puts the root on the
path, pyproject.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kernel_env(prefix: str | Path = sys.prefix) -> dict[str, str]:
    """The environment every kernel of the book runs with, for the Python at ``prefix``.

    * ``PYTHONHASHSEED=0``: set and dict iteration orders, and so any printed order,
      repeat between runs.
    * ``MPLCONFIGDIR=<prefix>/mplconfig``: matplotlib caches the paths of its fonts there
      (default ``~/.cache/matplotlib``, one file per matplotlib version, shared by every
      environment on the machine). A cache written by an environment since deleted (a
      clean clone's ``.venv``, the Binder check's venv) makes every later kernel warn
      "findfont: ... not found" on stderr; one cache per environment avoids it.
    """
    return {"PYTHONHASHSEED": "0", "MPLCONFIGDIR": str(Path(prefix) / "mplconfig")}


def toc_docnames() -> list[str]:
    """Every page in ``_toc.yml`` (e.g. ``book/regularization``), in book order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    return list(parse_toc_yaml(ROOT / "_toc.yml"))


def toc_notebooks() -> list[Path]:
    """The notebooks among the pages of ``_toc.yml``, in book order."""
    return [path for name in toc_docnames() if (path := ROOT / f"{name}.ipynb").exists()]


def toc_yaml(root: Path = ROOT) -> dict:
    """``root/_toc.yml`` as it is written (for a script that writes another from it)."""
    import yaml

    return yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))


def toc_parts(root: Path = ROOT) -> list[tuple[str, list[str]]]:
    """``(caption, [docname, ...])`` for each part of ``root/_toc.yml`` (or of the table of
    contents file ``root`` itself, such as a chosen set of chapters'), in book order."""
    import yaml

    path = Path(root)
    toc = yaml.safe_load((path if path.suffix == ".yml" else path / "_toc.yml").read_text("utf-8"))
    return [
        (part["caption"], [c["file"] for c in part.get("chapters", [])])
        for part in toc.get("parts", [])
    ]
