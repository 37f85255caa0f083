"""A table of contents for a chosen set of chapters (``make book CHAPTERS="..."``).

Usage::

    python -m booktools.chapter_toc OUT.yml regularization simple_regression ridge lasso

Writes _toc.yml with only the chapters named (by their file name, in book order whatever
order they are given in) and every page of the unnumbered reference part (notation,
glossary, references, the instructors' page), which the chapters link to. A part left
with no chapter is dropped. A reference to a chapter left out becomes a link to that
chapter on the published site (_ext/chapters_left_out.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from booktools.env import toc_yaml

ROOT = Path(__file__).resolve().parent.parent


def chosen_toc(toc: dict, chapters: list[str]) -> dict:
    """``toc`` with only the numbered parts' ``chapters`` (names without folder)."""
    known = {Path(c["file"]).name for part in toc["parts"] for c in part.get("chapters", [])}
    unknown = sorted(set(chapters) - known)
    if unknown:
        raise ValueError(
            f"CHAPTERS names no chapter of _toc.yml: {unknown}; chapters: {sorted(known)}"
        )
    parts = []
    for part in toc["parts"]:
        if not part.get("numbered"):
            parts.append(part)  # the reference pages, always
            continue
        kept = [c for c in part["chapters"] if Path(c["file"]).name in chapters]
        if kept:
            parts.append({**part, "chapters": kept})
    # The whole book's pages, for links to the ones left out (_ext/chapters_left_out.py).
    whole = [c["file"] for part in toc["parts"] for c in part.get("chapters", [])]
    return {**toc, "parts": parts, "meta": {"whole_book": whole}}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, chapters = Path(argv[0]), argv[1:]
    toc = toc_yaml(ROOT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "# Made by booktools/chapter_toc.py: a chosen set of chapters.\n"
        + yaml.safe_dump(chosen_toc(toc, chapters), sort_keys=False),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
