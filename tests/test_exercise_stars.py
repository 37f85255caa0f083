"""Every exercise of Part II shows its difficulty as its title, the one book/instructors.md
gives it (issue 23, item 6); Part I's chapters join the list when theirs are done."""

from __future__ import annotations

import re

import nbformat
import pytest

from toc import BOOK

PART_II = [
    "geometry",
    "kkt",
    "orthonormal",
    "coordinate_descent",
    "lasso_path",
    "bayesian",
    "correlated",
    "choosing_lambda",
]


def _table() -> dict[str, str]:
    page = (BOOK / "instructors.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| \d+ \| `(ex-[\w-]+)` \| (★{1,3}) \|$", page, flags=re.M))


@pytest.mark.parametrize("chapter", PART_II)
def test_each_exercise_title_is_its_difficulty(chapter):
    nb = nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    found = re.findall(r"^`{3,}\{exercise\}([^\n]*)\n:label: (\S+)", text, flags=re.M)
    table = _table()
    assert found
    for title, label in found:
        assert title.strip() == table[label], (label, title)


@pytest.mark.parametrize("chapter", PART_II)
def test_at_least_one_computational_exercise(chapter):
    nb = nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert ":class: computational" in text and "check(" in text
