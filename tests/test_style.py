"""lessonlib.display.style: the colours and line styles every figure draws with.

The palette is checked against Okabe and Ito's published colours, the per-feature looks
against what a reader needs to tell the lines apart (distinct, and contrast against the white
page computed here with the WCAG formula), and the figure size against the printed width.
"""

from __future__ import annotations

import matplotlib
import pytest

from lessonlib.display import style

# Okabe & Ito, "Color Universal Design" (2008): the eight colours, as published.
PUBLISHED = {
    "black": (0, 0, 0),
    "orange": (230, 159, 0),
    "sky blue": (86, 180, 233),
    "bluish green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermilion": (213, 94, 0),
    "reddish purple": (204, 121, 167),
}


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of ``colour`` against white."""
    lin = [c / 255 for c in rgb(colour)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in lin]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (lum + 0.05)


def test_the_palette_is_okabe_itos():
    assert {k: rgb(v) for k, v in style.OKABE_ITO.items()} == PUBLISHED


def test_each_method_has_its_own_colour_and_the_lasso_is_vermilion():
    assert len(set(style.COLORS.values())) == len(style.COLORS)
    assert rgb(style.color("lasso")) == PUBLISHED["vermilion"]
    assert rgb(style.color("ridge")) == PUBLISHED["blue"]
    assert rgb(style.color("ols")) == PUBLISHED["black"]
    with pytest.raises(ValueError, match="name"):
        style.color("purple-ish")


def test_twenty_one_features_never_share_a_look_and_every_line_shows_on_white():
    looks = [style.feature_style(j) for j in range(21)]
    assert len({(s["color"], s["linestyle"]) for s in looks}) == 21
    assert [s["linestyle"] for s in looks] == ["-"] * 7 + ["--"] * 7 + [":"] * 7
    for s in looks:
        # yellow (1.3:1) is too faint for a thin line; the others reach 2:1 at least
        assert contrast_with_white(s["color"]) >= 2.0, s


def test_book_style_is_temporary_and_white():
    before = dict(matplotlib.rcParams)
    with style.book_style():
        assert matplotlib.rcParams["savefig.facecolor"] == "white"
        assert matplotlib.rcParams["savefig.transparent"] is False
        assert matplotlib.rcParams["font.size"] == 12
    assert dict(matplotlib.rcParams) == before


def test_a_wide_figure_is_narrowed_to_print_its_ticks_at_7_7_pt_or_more():
    fig, _ = style.subplots(1, 2, figsize=(12.0, 4.0))
    width, height = fig.get_size_inches()
    assert (width, height) == pytest.approx((style.MAX_FIGURE_WIDTH, 4.0 * 9.0 / 12.0))
    printed = style.RC["xtick.labelsize"] * style.PRINT_TEXT_WIDTH / width
    assert printed >= 7.6
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)
    fig, _ = style.subplots(figsize=(5.0, 3.0))
    assert tuple(fig.get_size_inches()) == (5.0, 3.0)
