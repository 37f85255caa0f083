"""Code on the page fits the column: no code line and no printed output line is longer
than 79 characters.

The site's text column fits about 77 characters of code at 1280 px, and in the PDF a
longer line wraps with "↪" markers. Hidden cells (``remove-cell``: checks and glue, shown
neither on the site nor in the PDF) are exempt.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
MAX_WIDTH = 79


def long_lines(nb: nbformat.NotebookNode) -> list[tuple[int, int, int, str]]:
    """(cell index, line number, length, line) of every code line over MAX_WIDTH."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if "remove-cell" in cell.metadata.get("tags", []):
            continue
        for number, line in enumerate(cell.source.splitlines(), start=1):
            if len(line) > MAX_WIDTH:
                found.append((index, number, len(line), line))
    return found


def long_output_lines(nb: nbformat.NotebookNode) -> list[tuple[int, int, str]]:
    """(cell index, length, line) of every printed line over MAX_WIDTH.

    Printed means a stream (``print``) or the plain text of a result that has no richer
    form: a figure's ``<Figure ...>`` text, an HTML table's or a formula's plain-text
    fallback is not what the page shows. Hidden outputs (``remove-output``) are exempt.
    """
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or {"remove-output", "remove-cell"} & set(
            cell.metadata.get("tags", [])
        ):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                text = out.text
            elif out.output_type in ("execute_result", "display_data") and set(out.data) == {
                "text/plain"
            }:
                text = out.data["text/plain"]
            else:
                continue
            found += [
                (index, len(line), line) for line in text.splitlines() if len(line) > MAX_WIDTH
            ]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_printed_lines_fit_the_column(path):
    too_long = long_output_lines(nbformat.read(path, as_version=4))
    assert not too_long, "\n".join(
        f"{path.name}: cell {index}: output line of {length} > {MAX_WIDTH} characters: {line}"
        for index, length, line in too_long
    )


def test_the_output_rule_catches_a_long_print_only():
    long = "z" * (MAX_WIDTH + 1)
    cell = nbformat.v4.new_code_cell("print(...)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=f"ok\n{long}\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": long, "image/png": "iVBO"}),
    ]
    hidden = nbformat.v4.new_code_cell("print(...)", metadata={"tags": ["remove-output"]})
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text=long)]
    nb = nbformat.v4.new_notebook(cells=[cell, hidden])
    assert long_output_lines(nb) == [(0, MAX_WIDTH + 1, long)]


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_lines_fit_the_column(path):
    too_long = long_lines(nbformat.read(path, as_version=4))
    assert not too_long, "\n".join(
        f"{path.name}: cell {index}, line {number}: {length} > {MAX_WIDTH} characters: {line}"
        for index, number, length, line in too_long
    )


def test_the_rule_catches_a_long_line_and_exempts_the_install_cell():
    long = "x = " + "1 + " * 30 + "1"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(long, metadata={"tags": ["remove-cell"]}),
            nbformat.v4.new_code_cell("y = 1\n" + long),
            nbformat.v4.new_code_cell("z = 2"),
        ]
    )
    assert long_lines(nb) == [(1, 2, len(long), long)]


def included_lines(text: str) -> list[str]:
    """The library lines a chapter's ``{literalinclude}`` directives print, as printed.

    Each directive names a file under the book, ``:start-after:`` and ``:end-before:``
    markers, and ``:dedent:`` (a number, or empty for the common indentation).
    """
    import re
    import textwrap

    lines = []
    for m in re.finditer(r"```\{literalinclude\} (\S+)\n((?::[^\n]*\n)*)", text):
        opts = dict(re.findall(r":([\w-]+):[ \t]*([^\n]*)", m.group(2)))
        source = (ROOT / "book" / m.group(1)).resolve().read_text(encoding="utf-8")
        start, end = opts["start-after"].strip('"'), opts["end-before"].strip('"')
        body = source.split(start, 1)[1].split("\n", 1)[1].split(end, 1)[0]
        body = body[: body.rfind("\n")]  # the marker's own indentation
        dedent = opts.get("dedent", "")
        if dedent.strip():
            body = "\n".join(line[int(dedent) :] for line in body.split("\n"))
        else:
            body = textwrap.dedent(body)
        lines += body.split("\n")
    return lines


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_library_lines_a_chapter_prints_fit_the_column(path):
    """The chapters print lessonlib's own code (``{literalinclude}``), which ruff formats
    to 100 columns: the lines they print must still fit 79."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    long = [line for line in included_lines(text) if len(line) > MAX_WIDTH]
    assert not long, f"{path.name}: printed library lines over {MAX_WIDTH}: {long}"


def test_the_include_rule_reads_what_the_directive_prints():
    text = (
        "```{literalinclude} ../lessonlib/path.py\n:language: python\n"
        ":start-after: book:events-start\n:end-before: book:events-end\n:dedent:\n```\n"
    )
    lines = included_lines(text)
    assert lines[0].startswith("kind, feature = np.nonzero(") and len(lines) > 3
