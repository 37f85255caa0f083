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


def page_body(text: str) -> list[str]:
    """A page's lines of text without its running head and foot (its first and last lines:
    the book's title or a section, and the page number with the chapter)."""
    return [line for line in text.splitlines() if line.strip()][1:-1]


def pages_with_images(pdf) -> set[int]:
    """The pages (from 1) that show an embedded image, by poppler's ``pdfimages -list``."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return {int(line.split()[0]) for line in listing if line.strip()}


def edge_only_pages(pdf) -> list[int]:
    """Pages (from 1) with nothing between their running head and foot: no line of text
    and no image. A framed box split at a page break once left such a page, holding only
    the box's bottom edge (exercise 7.4, issue 22); a part's page has its title."""
    images = pages_with_images(pdf)
    return [
        number
        for number, text in enumerate(page_texts(pdf), start=1)
        if not page_body(text) and number not in images
    ]


def overfull_vboxes(log: str) -> list[str]:
    """The LaTeX log's "Overfull \\vbox" messages, each with the source line it names: a box
    (a framed exercise, a code block's piece, a page) taller than the room it was set in,
    so that it runs past the text block."""
    return re.findall(r"Overfull \\vbox \([^)]*\) (?:detected at line \d+|has occurred[^\n]*)", log)
