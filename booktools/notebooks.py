"""Copy the reader notebooks the build wrote into ``notebooks/``, where Binder and Colab find them.

Usage::

    python -m booktools.notebooks [BUILT] [TARGET]

``make notebooks`` builds them into ``_build/notebooks`` (_ext/reader_notebooks.py) and
runs this. Each edition folder the build wrote (``.`` for the full edition, ``student``)
replaces the committed one: notebooks of chapters that no longer exist are removed, and
a file whose text did not change is not rewritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_editions(built: Path, target: Path) -> list[Path]:
    """Mirror every folder of ``built`` that holds notebooks into ``target``; the changed files."""
    changed = []
    for folder in sorted({p.parent for p in built.rglob("*.ipynb")}):
        destination = target / folder.relative_to(built)
        destination.mkdir(parents=True, exist_ok=True)
        wanted = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.ipynb")}
        for stale in destination.glob("*.ipynb"):
            if stale.name not in wanted:
                stale.unlink()
                changed.append(stale)
        for name, text in sorted(wanted.items()):
            path = destination / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    built = Path(argv[0]) if argv else ROOT / "_build" / "notebooks"
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "notebooks"
    if not any(built.rglob("*.ipynb")):
        print(f"no notebooks in {built}: run `make notebooks`", file=sys.stderr)
        return 1
    changed = copy_editions(built, target)
    print(f"{len(changed)} reader notebook(s) changed in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
