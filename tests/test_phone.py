"""lessonlib.display.phone: the stacked phone rendering of a figure, read from what it draws."""

from __future__ import annotations

import base64
import io

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image

from lessonlib.display.phone import (
    PHONE_MIN_FONT,
    PHONE_WIDTH,
    png_with_phone,
    smallest_font,
    stacked,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def grid(nrows: int, ncols: int, **kwargs):
    fig, _ = plt.subplots(nrows, ncols, figsize=(10, 4), layout="constrained", **kwargs)
    for k, ax in enumerate(fig.axes):
        ax.plot([0, 1], [k, k + 1], label=f"line {k}")
        ax.set_title(f"panel {k}")
    return fig


def reading_order(fig) -> list[str]:
    """Panel titles from top to bottom, as drawn (figure coordinates)."""
    return [ax.get_title() for ax in sorted(fig.axes, key=lambda ax: -ax.get_position().y0)]


@pytest.mark.parametrize(("nrows", "ncols"), [(1, 2), (2, 2), (1, 3)])
def test_panels_are_stacked_in_reading_order_and_the_original_is_kept(nrows, ncols):
    fig = grid(nrows, ncols)
    fig.canvas.draw()
    before = [ax.get_position().bounds for ax in fig.axes]
    phone = stacked(fig)
    phone.canvas.draw()
    assert reading_order(phone) == [f"panel {k}" for k in range(nrows * ncols)]
    lefts = {round(ax.get_position().x0, 2) for ax in phone.axes}
    assert len(lefts) == 1, "one column"
    assert phone.get_size_inches()[0] <= PHONE_WIDTH + 1e-9
    fig.canvas.draw()
    after = [b for ax in fig.axes for b in ax.get_position().bounds]
    assert after == pytest.approx([b for bounds in before for b in bounds])
    assert fig.get_size_inches()[0] == 10


def test_shared_y_tick_labels_come_back_when_stacked():
    phone = stacked(grid(1, 2, sharey=True))
    phone.canvas.draw()
    for ax in phone.axes:
        assert any(t.get_text() for t in ax.get_yticklabels() if t.get_visible()), ax.get_title()


def test_small_text_is_enlarged_to_the_phone_minimum():
    fig = grid(1, 2)
    fig.axes[0].legend(fontsize=6)
    fig.axes[1].annotate("note", (0.5, 0.5), fontsize=7)
    assert smallest_font(fig) == 6
    phone = stacked(fig)
    assert smallest_font(phone) == PHONE_MIN_FONT
    assert smallest_font(fig) == 6, "the page's figure is not changed"


def test_smallest_font_reads_only_text_the_reader_sees():
    fig, ax = plt.subplots()
    ax.set_title("title", fontsize=14)
    ax.set_xticks([0, 1, 5], ["a", "b", "far"], fontsize=10)
    ax.set_yticks([0, 1], ["c", "d"], fontsize=11)
    ax.set_xlim(-0.5, 1.5)  # the tick at 5 is not drawn
    ax.text(0, 0, "hidden", fontsize=4).set_visible(False)
    ax.text(0, 0, "   ", fontsize=3)  # nothing to read
    ax.xaxis.get_major_ticks()[2].label1.set_fontsize(5)  # only the undrawn tick
    assert smallest_font(fig) == 10


def test_a_legend_wider_than_the_phone_gets_one_entry_a_line():
    fig = grid(1, 2)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    handles2, labels2 = fig.axes[1].get_legend_handles_labels()
    fig.legend(
        handles + handles2,
        [f"{label}, described at some length" for label in labels + labels2],
        loc="outside lower center",
        ncols=2,
    )
    phone = stacked(fig)
    renderer = phone.canvas.get_renderer()
    (legend,) = phone.legends
    lefts = {round(t.get_window_extent(renderer).x0) for t in legend.texts}
    assert len(legend.texts) == 2 and len(lefts) == 1, "entries one above the other"
    drawn = phone.get_tightbbox(renderer).width
    assert drawn <= PHONE_WIDTH * 1.01


def decode(data: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_the_formatter_stores_both_pngs_with_their_sizes_and_fonts():
    fig = grid(1, 2)
    fig.axes[0].legend(fontsize=8)
    data, meta = png_with_phone(fig)
    page, phone = decode(data), decode(meta["phone"]["data"])
    # retina: twice the CSS size, at twice the figure's dpi
    assert meta["dpi"] == meta["phone"]["dpi"] == 2 * fig.dpi
    for image, m in ((page, meta), (phone, meta["phone"])):
        assert (
            abs(image.size[0] - 2 * m["width"]) <= 1 and abs(image.size[1] - 2 * m["height"]) <= 1
        )
    assert meta["font_pt"] == 8 and meta["phone"]["font_pt"] == PHONE_MIN_FONT
    # stacked: narrower than the page's PNG and taller than wide
    assert phone.size[0] <= PHONE_WIDTH * meta["phone"]["dpi"] * 1.01 < page.size[0]
    assert phone.size[1] > phone.size[0]


def test_an_empty_figure_has_no_png():
    assert png_with_phone(plt.figure()) is None


def test_width_must_be_positive():
    with pytest.raises(ValueError, match="width must be positive"):
        stacked(grid(1, 1), width=0.0)
