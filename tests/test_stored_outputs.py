"""The notebooks are stored executed, and every one is in the book.

nbval compares fresh outputs with the stored ones, so it passes trivially on a
notebook whose outputs were never stored; these tests close that hole.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from toc import ROOT, chapter_notebooks, toc_docnames

NOTEBOOKS = chapter_notebooks()
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]


def code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_chapters():
    assert NOTEBOOKS, "book/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_code_cell_was_executed_in_order(path):
    cells = code_cells(path)
    counts = [c.execution_count for c in cells]
    assert None not in counts, (
        f"cells never executed: {[i for i, n in enumerate(counts) if n is None]}"
    )
    assert counts == list(range(1, len(cells) + 1)), (
        "not executed top to bottom in one fresh kernel"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_stored_outputs(path):
    assert any(c.outputs for c in code_cells(path)), "no code cell has stored outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_error_warning_or_volatile_repr_is_stored(path):
    for i, cell in enumerate(code_cells(path)):
        for out in cell.outputs:
            assert out.output_type != "error", f"cell {i} stored an error: {out.get('ename')}"
            if out.output_type == "stream":
                assert out.name == "stdout", f"cell {i} wrote to stderr: {out.text[:200]}"
            text = out.get("data", {}).get("text/plain", "")
            # A cell whose value is a figure or artist stores its repr as the result, and
            # artists' reprs carry memory addresses that change on every run.
            if out.output_type == "execute_result":
                assert "<Figure size" not in text and "<matplotlib." not in text, (
                    f"cell {i} returns a figure or artist; end it with an assignment or ';'"
                )
            assert " at 0x" not in text, f"cell {i} stores a memory address: {text[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_execution_timestamps(path):
    for cell in nbformat.read(path, as_version=4).cells:
        assert "execution" not in cell.metadata, "run `make outputs`: timestamps were stored"


def test_every_notebook_is_in_the_toc():
    listed = set(toc_docnames())
    missing = [p for p in NOTEBOOKS if str(p.relative_to(ROOT).with_suffix("")) not in listed]
    assert not missing, f"notebooks missing from _toc.yml: {missing}"


def test_every_toc_page_exists():
    for docname in toc_docnames():
        assert any((ROOT / f"{docname}{ext}").exists() for ext in (".ipynb", ".md")), docname


# A number printed with this many significant digits was not rounded on purpose: its last
# digits are the CPU's (BLAS kernels, SIMD reductions), not the book's.
UNROUNDED_DIGITS = 12
# Glued values are stored as their repr (17 digits for a computed float); glue what the page
# prints, e.g. round(x, 4) for a value the prose shows with {glue:text}`name:.4f`.
GLUE_DIGITS = 8
NUMBER = re.compile(r"(?<![\w.])[-+]?\d+\.\d+(?:[eE][-+]?\d+)?")
GLUE_MIME = "application/papermill.record/text/plain"


def significant_digits(number: str) -> int:
    """How many significant digits a decimal literal such as ``-0.0012345e-3`` carries."""
    mantissa = re.split(r"[eE]", number)[0].lstrip("+-").replace(".", "")
    return len(mantissa.lstrip("0"))


def test_significant_digits_counts_what_a_reader_would():
    assert significant_digits("53.332382748170566") == 17
    assert significant_digits("-0.0151") == 3
    assert significant_digits("6.015e-10") == 4
    assert significant_digits("1203.07") == 6


def compared_texts(cell):
    """The text outputs nbval compares in a cell (none if the cell is tagged to be ignored)."""
    if "nbval-ignore-output" in cell.metadata.get("tags", []):
        return
    for out in cell.outputs:
        if out.output_type == "stream":
            yield "stdout", out.text
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/") or mime == GLUE_MIME:
                yield mime, value


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_numbers_are_rounded(path):
    """Nothing stored depends on the last bits of the arithmetic (see CONTRIBUTING.md)."""
    for i, cell in enumerate(code_cells(path)):
        for mime, text in compared_texts(cell):
            limit = GLUE_DIGITS if mime == GLUE_MIME else UNROUNDED_DIGITS
            long = [n for n in NUMBER.findall(text) if significant_digits(n) > limit]
            assert not long, (
                f"cell {i} stores {long[:3]} in {mime}: round it to the digits the "
                "page shows (CONTRIBUTING.md, 'Outputs that hold on every machine')"
            )
