"""The figures' text is legible in print: tick labels at 7 pt or more on the printed page.

A figure ``w`` inches wide whose tick labels are ``s`` points prints them at
``s * printed_width / w`` points. The printed width is what LaTeX makes of the
``\\sphinxincludegraphics`` options in book.tex (``width=N\\sphinxpxdimen``, or the PNG's own
size at its resolution), reduced to the text width, or to the text height for a tall
image, as sphinxlatexgraphics.sty does; the text width and height come from the LaTeX log
(the preamble in _config.yml writes them there). The figure's width in inches is the
PNG's pixel width over its resolution, and ``s`` is the book's ``xtick.labelsize``.
"""

from __future__ import annotations

import re

import pytest

from lessonlib.display.style import MAX_FIGURE_WIDTH, PRINT_TEXT_WIDTH, RC, subplots
from stored_figures import stored_figures
from toc import ROOT

LATEX = ROOT / "_build" / "latex"
MIN_TICK_PT = 7.0
PT_PER_IN = 72.27  # TeX points
BP_PER_IN = 72.0  # PostScript ("big") points
UNITS_IN = {"pt": 1 / PT_PER_IN, "bp": 1 / BP_PER_IN, "in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4}


def _inches(value: str, unit: str) -> float:
    return float(value) * UNITS_IN[unit]


def text_box(log: str) -> tuple[float, float]:
    """(text width, text height) in inches, from the line the preamble writes to the log."""
    match = re.search(r"book-linewidth=([\d.]+)pt, book-textheight=([\d.]+)pt", log)
    assert match, "the LaTeX log does not record the text width (_config.yml's preamble)"
    return float(match.group(1)) / PT_PER_IN, float(match.group(2)) / PT_PER_IN


def included_images(tex: str) -> list[tuple[str, str]]:
    """``(options, file name)`` of every ``\\sphinxincludegraphics`` in the document."""
    return [
        (options, name + ".png")
        for options, name in re.findall(
            r"\\sphinxincludegraphics(?:\[([^\]]*)\])?\{\{([^{}]+)\}\.png\}", tex
        )
    ]


def printed_width(
    options: str, pixels: tuple[int, int], dpi: float, px_in: float, text: tuple[float, float]
) -> float:
    """Printed width in inches of an image included with ``options``."""
    size = dict(re.findall(r"(width|height)=([\d.]+)\\sphinxpxdimen", options))
    if "width" in size:
        width = float(size["width"]) * px_in
        height = (
            float(size["height"]) * px_in if "height" in size else width * pixels[1] / pixels[0]
        )
    else:
        assert not options, f"unexpected image options {options!r}"
        width, height = pixels[0] / dpi, pixels[1] / dpi
    if width > text[0]:  # \sphinxincludegraphics: down to \linewidth ...
        width, height = text[0], height * text[0] / width
        if height > text[1]:  # ... or to \textheight when that is what limits
            width = width * text[1] / height
    return width


def test_printed_width_follows_sphinx_rules():
    """The rules above on made-up numbers, worked by hand."""
    text = (6.0, 9.0)
    # 600 px at 0.75 bp each is 6.25 in, wider than the text: printed at 6 in.
    assert printed_width(
        "width=600\\sphinxpxdimen,height=300\\sphinxpxdimen", (1200, 600), 200, 0.75 / 72, text
    ) == pytest.approx(6.0)
    # A narrow image keeps its size: 400 px at 0.75 bp = 4.1667 in.
    assert printed_width(
        "width=400\\sphinxpxdimen", (800, 600), 200, 0.75 / 72, text
    ) == pytest.approx(400 * 0.75 / 72)
    # No options: the PNG's own size, 1000 px at 200 dpi = 5 in.
    assert printed_width("", (1000, 4000), 200, 0.75 / 72, text) == pytest.approx(5.0)
    # Very tall: 1600 x 4000 px at 200 dpi is 8 x 20 in; at 6 in wide it is 15 in tall,
    # so the text height decides: 9 in tall, 3.6 in wide.
    assert printed_width("", (1600, 4000), 200, 0.75 / 72, text) == pytest.approx(3.6)


def test_wide_figures_are_narrowed_to_print_legibly():
    """style.subplots keeps any figure narrow enough for 7-pt tick labels in print."""
    import matplotlib.pyplot as plt

    assert RC["xtick.labelsize"] * PRINT_TEXT_WIDTH / MAX_FIGURE_WIDTH >= MIN_TICK_PT + 0.5
    for figsize in [(11, 4.2), (10, 5), (6.4, 4.2)]:
        fig, _ = subplots(1, 2, figsize=figsize)
        width, height = fig.get_size_inches()
        plt.close(fig)
        assert width <= MAX_FIGURE_WIDTH + 1e-9
        assert width / height == pytest.approx(figsize[0] / figsize[1])
        assert RC["xtick.labelsize"] * min(1.0, PRINT_TEXT_WIDTH / width) >= MIN_TICK_PT


@pytest.mark.pdf
def test_tick_labels_print_at_7pt_or_more(pdf):
    from PIL import Image

    tex = (LATEX / "book.tex").read_text(encoding="utf-8")
    log = (LATEX / "book.log").read_text(errors="replace")
    text = text_box(log)
    # The text width that lessonlib.display.style assumes is the PDF's.
    assert text[0] == pytest.approx(PRINT_TEXT_WIDTH, abs=0.01)
    px = re.search(r"\\sphinxpxdimen=([\d.]+)(bp|pt)\\relax", tex)
    px_in = _inches(px.group(1), px.group(2))
    chapters = [(m.start(), m.group(1)) for m in re.finditer(r"\\chapter\{(.*)\}", tex)]
    images = included_images(tex)
    assert len(images) >= 20, "expected the chapters' figures in book.tex"
    small = []
    for options, name in images:
        with Image.open(LATEX / name) as image:
            pixels, dpi = image.size, image.info.get("dpi", (None,))[0]
        assert dpi, f"{name} records no resolution"
        figure_width = pixels[0] / dpi
        tick = (
            RC["xtick.labelsize"] * printed_width(options, pixels, dpi, px_in, text) / figure_width
        )
        if tick < MIN_TICK_PT:
            where = tex.index(name[: -len(".png")])
            chapter = [title for start, title in chapters if start < where][-1]
            small.append(f"{tick:.1f} pt: {chapter}: {figure_width:.2f} in wide figure {name}")
    assert not small, (
        "tick labels below 7 pt in print (re-store the chapter's outputs after "
        "changing lessonlib.display.style, or narrow the figure):\n" + "\n".join(small)
    )


@pytest.mark.pdf
def test_print_shows_each_figure_as_on_the_page_not_its_phone_rendering(pdf):
    """The web page has a second, stacked rendering of each figure for phones
    (_ext/phone_figures.py); the PDF prints the page's rendering of each, and no other."""
    printed = {
        name.removesuffix(".png")
        for _, name in included_images((LATEX / "book.tex").read_text(encoding="utf-8"))
    }
    figures = [(page, phone) for page, phone in stored_figures() if phone is not None]
    assert len(figures) >= 20, "expected the chapters' figures with their phone renderings"
    assert not printed & {phone.sha256 for _, phone in figures}, "a phone rendering in print"
    assert {page.sha256 for page, _ in figures} <= printed, "a figure missing from print"
