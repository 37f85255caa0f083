"""Reading the built PDF's text with poppler, for the PDF tests."""

from __future__ import annotations

import re
import subprocess

from booktools.artefacts import PDF


def pdftotext() -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(text: str) -> str:
    """Text with whitespace collapsed and TeX-ish symbols reduced, for title matching."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def page_texts(pdf) -> list[str]:
    """The text of every page, in order."""
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout,
        ).group(1)
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, pages + 1)
    ]


def contents_pages(texts: list[str]) -> str:
    """The contents: from its heading to the last early page with dot leaders."""
    start = next(i for i, t in enumerate(texts) if re.search(r"^\s*Contents\s*$", t, re.M))
    leaders = [i for i, t in enumerate(texts[: start + 12]) if re.search(r"\. \. \.", t)]
    return "\n".join(texts[start : max(leaders) + 1])
