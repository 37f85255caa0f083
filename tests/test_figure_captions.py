"""Captions, alt texts and prose name a figure's panels by order or content, not by position.

On a phone (narrower than 600 px) the web book shows a multi-panel figure with its panels
stacked in one column, first panel on top (``lessonlib/display/phone.py``,
``_ext/phone_figures.py``), and a chart with its views stacked
(``lessonlib/display/charts/_chart.py``); the desktop page and the PDF keep them side by
side. "Left: ..." is wrong on one of the two; "First panel: ...", "the ridge panel" or
"(first panel, blue)" is right on both. Positions *within* a panel stay ("left of the
break in the axis", "near the right end", "read from right to left").

Searched: every figure cell's caption (``metadata.mystnb.figure.caption``) and alt text
(``metadata.mystnb.image.alt``), and every markdown cell, in ``book/*.ipynb``. Not
searched: text inside an ``{only} latex`` block, which only the PDF prints, where the
panels are side by side.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from toc import chapter_notebooks

NOTEBOOKS = chapter_notebooks()
IDS = [p.stem for p in NOTEBOOKS]

# Words after "on the left/right" that make it a place inside a panel, not a panel.
_INSIDE = r"(?!\s+(?:of|edge|end|side|corner|half|margin|axis)\b)"

# Each pattern is a way of naming a panel by where it sits.
PANEL_BY_POSITION = [
    # "Left: the duality gap", "Right, lasso: ...", "; right, the lasso", "Left panel:"
    # at the start of a sentence or clause ("Left of a break in the axis" is not)
    re.compile(r"(?:^|[.;:!?]\s+)(?:left|right)(?: panel)?\s*[:,]", re.I),
    # "the left panel", "right-hand plot", "In the right panel"
    re.compile(r"\b(?:left|right)(?:-hand)? (?:panel|view|chart|plot|subplot)s?\b", re.I),
    # "(left)", "(right, vermilion)", "(top left)" ("(top or left)" is not)
    re.compile(r"\((?:top |bottom )?(?:left|right)[,)]", re.I),
    # "On the left, each coefficient", "...: on the left against z, ..., on the right as ..."
    re.compile(r"(?:^|[.;:,!?]\s+)on the (?:left|right)\b" + _INSIDE, re.I),
    # "ridge on the left and the lasso on the right"
    re.compile(r"\bon the (?:left|right) and the\b", re.I),
]

# An ``{only} latex`` block, fenced with backticks or colons, up to its closing fence.
_LATEX_ONLY = re.compile(r"^(`{3,}|:{3,})\{only\}\s+latex\b.*?^\1[ \t]*$", re.S | re.M)


def panel_positions(text: str) -> list[str]:
    """The passages of ``text`` that name a panel by its position, with some context."""
    text = _LATEX_ONLY.sub("", text)
    found = []
    for pattern in PANEL_BY_POSITION:
        for match in pattern.finditer(text):
            start, end = max(match.start() - 30, 0), match.end() + 30
            found.append(" ".join(text[start:end].split()))
    return found


def searched_texts(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(where, text): each figure's caption and alt text, and each markdown cell."""
    texts = []
    for i, cell in enumerate(nb.cells):
        mystnb = cell.metadata.get("mystnb", {})
        name = mystnb.get("figure", {}).get("name", f"cell {i}")
        caption = mystnb.get("figure", {}).get("caption")
        alt = mystnb.get("image", {}).get("alt")
        if caption:
            texts.append((f"{name} caption", caption))
        if alt:
            texts.append((f"{name} alt text", alt))
        if cell.cell_type == "markdown":
            texts.append((f"markdown cell {i} ({cell.get('id')})", cell.source))
    return texts


def test_the_chapters_have_figure_captions_and_alt_texts():
    kinds = {
        where.rsplit(" ", 1)[-1]
        for path in NOTEBOOKS
        for where, _ in searched_texts(nbformat.read(path, as_version=4))
    }
    assert {"caption", "text"} <= kinds, "no caption or alt text found: is the metadata moved?"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_panel_is_named_by_its_position(path):
    nb = nbformat.read(path, as_version=4)
    found = [
        f"{where}: ...{passage}..."
        for where, text in searched_texts(nb)
        for passage in panel_positions(text)
    ]
    assert not found, (
        f"book/{path.name} names panels by position, but a phone stacks them "
        "(say 'first panel', 'second panel' or the panel's content):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "text",
    [
        # the chapters' wording before the phone layout (issue 22)
        "Left: the Laplace and Gaussian priors with the same variance 1.",
        "is rounded. Right: their logarithms, which are minus the penalties",
        "Two panels. Left panel: four nested closed curves",
        "(log scale). Left, ridge, computed exactly; right, the lasso, over 1000",
        "meeting the lasso's diamond (left) and ridge's disk (right), both of budget",
        "Ridge (left, blue) multiplies by",
        "the data with the fitted line (top left), the loss",
        "Two panels against a logarithmic lambda axis, ridge on the left and the lasso on "
        "the right.",
        "In the left panel the lasso curve dips much lower",
        "The left panel is shrinkage: the curves bend towards zero",
        "(right panel of\n{numref}`fig-cd-convergence`)",
        "the optimum. On the right, the number of exact zeros",
        "draws both descriptions: on the left, $|w|$ and several lines",
        "as $\\lambda$ changes: on the left against $z$, with our\nfeatures as dots, ",
        "is an exact zero.\n\n```{only} html\nthe paths (left) and the bars (right)\n```\n",
    ],
)
def test_a_panel_named_by_position_is_found(text):
    assert panel_positions(text)


@pytest.mark.parametrize(
    "text",
    [
        # positions inside one panel
        "Least squares, $\\lambda = 0$, stands left of the break in the axis: its",
        "Left of a break in each axis, at a tick labelled 0, a diamond",
        "Scatter plot of 30 points rising from lower left to upper right, with",
        "Both pass one half between 1 and 1.25, just to the right of a dotted vertical line",
        "In the ridge panel the lines start spread between about -38 and 36 on the left and "
        "bend towards 0 on the right; several of them cross",
        "read from right to left they leave the zero line one after another",
        "one path (s3) returns to zero near the right end and leaves",
        "the thick ellipse touches the diamond at its right corner on the horizontal axis",
        "a curve that starts at 1 and decays, still at a quarter at the right edge, never",
        "with slope $-\\lambda$ just left of it and $+\\lambda$ just right, and no derivative",
        "The lasso's right-hand slope $-2S_{xy} + \\lambda$ rises with $\\lambda$",
        "Far to the right the curve only *looks* like zero; the numbers say",
        # panels named by order or content
        "First panel: the Laplace and Gaussian priors; second panel: their logarithms",
        "Ridge (first panel, blue) multiplies by",
        "Two panels against a logarithmic lambda axis, ridge first and the lasso second.",
        "The ridge panel is shrinkage. The lasso panel is selection.",
        "the L1 diamond (top or left) and the L2 disk (bottom or right)",
        # the PDF alone keeps the panels side by side
        "Below:\n\n```{only} latex\nthe paths (left) and the bars (right)\n```\n\nAbove.",
    ],
)
def test_a_position_inside_a_panel_is_not_found(text):
    assert panel_positions(text) == []
