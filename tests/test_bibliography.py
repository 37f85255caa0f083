"""Every bibliography entry is cited somewhere, and every citation has an entry.

sphinxcontrib-bibtex prints only the entries a page cites (``:filter: cited``), so an
entry nobody cites silently disappears from the book, and a citation of a missing key is
a build warning only when the HTML build runs. This checks both from the sources.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# {cite}`a,b`, {cite:t}`a`, {cite:p}`a; b` ... as MyST roles in markdown
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
ENTRY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def bib_keys(text: str) -> set[str]:
    return set(ENTRY.findall(text))


def cited_keys(text: str) -> set[str]:
    return {
        key.strip()
        for group in CITE.findall(text)
        for key in re.split(r"[,;]", group)
        if key.strip()
    }


def book_text() -> str:
    """The markdown of every page: .md files and the markdown cells of the notebooks."""
    parts = [p.read_text() for p in sorted((ROOT / "book").glob("*.md"))]
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = json.loads(path.read_text())
        parts += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return "\n".join(parts)


def test_every_entry_is_cited_and_every_citation_has_an_entry():
    entries = bib_keys((ROOT / "references.bib").read_text())
    cited = cited_keys(book_text())
    assert entries, "no entries found in references.bib"
    uncited = sorted(entries - cited)
    assert not uncited, f"entries nobody cites (they vanish from the book): {uncited}"
    assert not cited - entries, f"citations without an entry: {sorted(cited - entries)}"


def test_the_parsers_find_keys_and_roles():
    bib = "@article{a2001x,\n title={T}}\n@book{ b2002y ,\n}\n"
    assert bib_keys(bib) == {"a2001x", "b2002y"}
    md = "see {cite}`a2001x,b2002y` and {cite:t}`c2003z`; not `x` or {ref}`d`"
    assert cited_keys(md) == {"a2001x", "b2002y", "c2003z"}
