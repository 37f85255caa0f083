"""Give every chapter the first cell that installs lessonlib where it is missing (Colab).

Usage::

    python scripts/colab_cell.py            # every notebook under book/
    python scripts/colab_cell.py book/x.ipynb

A notebook opened outside this repository (Colab's launch button) has no ``lessonlib``.
Its first code cell installs it, with myst-nb for ``glue``, from the repository named in
_config.yml, and says so. Where lessonlib is installed (Binder, a local checkout, the
book's build) the cell does nothing and prints nothing. It is tagged ``remove-cell``, so
the website and the PDF do not show it. Run ``make outputs`` afterwards.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
TAG = "remove-cell"


def cell_source() -> str:
    """The install cell's source, for the repository in _config.yml."""
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    # Ruff-formatted and within the chapters' 79 columns: the URL is a variable, which
    # IPython expands in the %pip line ($REPO).
    return (
        "# Running this notebook outside the book's repository (on Colab, say)?\n"
        "# This cell then installs the book's library, lessonlib, and myst-nb\n"
        "# (which glues numbers into the text).\n"
        "import importlib.util\n"
        "\n"
        f'REPO = "{url}"\n'
        'if importlib.util.find_spec("lessonlib") is None:\n'
        '    %pip install --quiet "lessonlib @ git+$REPO" "myst-nb>=1.1,<2"\n'
        '    print(f"Installed lessonlib from {REPO}")'
    )


def ensure_cell(path: Path) -> bool:
    """Make the notebook's first code cell the install cell; True if the file changed."""
    nb = nbformat.read(path, as_version=4)
    source = cell_source()
    first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    if first < len(nb.cells) and nb.cells[first].source.startswith(
        "# Running this notebook outside"
    ):
        cell = nb.cells[first]
        if cell.source == source and TAG in cell.metadata.get("tags", []):
            return False
        cell.source = source
    else:
        cell = nbformat.v4.new_code_cell(source)
        cell.id = hashlib.sha1(f"colab:{path.name}".encode()).hexdigest()[:8]
        nb.cells.insert(first, cell)
    cell.metadata["tags"] = sorted(set(cell.metadata.get("tags", [])) | {TAG})
    nbformat.write(nb, path)
    return True


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "book").glob("*.ipynb"))
    for path in paths:
        if ensure_cell(path):
            print(f"install cell set: {path.relative_to(ROOT) if path.is_absolute() else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
