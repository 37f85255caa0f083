"""The instructors page's reading-time table is what its stated rule gives for the chapters."""

from __future__ import annotations

import math
import re

import nbformat

from toc import BOOK, ROOT, page_title, toc_docnames


def reading_minutes(path) -> tuple[int, int]:
    """(minutes, exercises) for a chapter: 180 words a minute of text and 450 characters a
    minute of the code the page shows (hidden cells and a chart's hidden wiring aside;
    characters, so that how a statement is broken over lines does not count), rounded up
    to five minutes."""
    nb = nbformat.read(path, as_version=4)
    words = sum(len(re.findall(r"\w+", c.source)) for c in nb.cells if c.cell_type == "markdown")
    code = sum(
        len(re.sub(r"\s+", "", c.source))
        for c in nb.cells
        if c.cell_type == "code"
        and not {"remove-cell", "remove-input"} & set(c.metadata.get("tags", []))
    )
    exercises = sum(c.source.count("{exercise}") for c in nb.cells if c.cell_type == "markdown")
    return 5 * math.ceil((words / 180 + code / 450) / 5), exercises


def test_reading_time_table_matches_the_chapters():
    page = (BOOK / "instructors.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.+?) \| (\d+) \| (\d+) \|$", page, flags=re.MULTILINE)
    chapters = [d for d in toc_docnames() if (ROOT / f"{d}.ipynb").exists()]
    assert len(rows) == len(chapters)
    for (number, title, minutes, exercises), docname in zip(rows, chapters):
        assert title == page_title(docname), (number, title)
        assert (int(minutes), int(exercises)) == reading_minutes(ROOT / f"{docname}.ipynb"), title


def exercise_labels(path) -> list[str]:
    """The ``:label:`` of every ``{exercise}`` directive of a chapter, in order."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.findall(r"```\{exercise\}[^\n]*\n:label: (\S+)", text)


def test_difficulty_table_lists_exactly_the_exercises():
    page = (BOOK / "instructors.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(ex-[\w-]+)` \| (★{1,3}) \|$", page, flags=re.MULTILINE)
    chapters = [d for d in toc_docnames() if (ROOT / f"{d}.ipynb").exists()]
    expected = [
        (str(i), label)
        for i, d in enumerate(chapters, start=1)
        for label in exercise_labels(ROOT / f"{d}.ipynb")
    ]
    assert [(number, label) for number, label, _ in rows] == expected
    # every table row is a well-formed difficulty row (no label mistyped out of the match)
    assert page.count("| `ex-") == len(rows)
