"""The phone rendering of a figure: its panels in one column, at a width a phone can read.

A figure drawn for the page (two panels side by side, 9 to 11 inches wide) is shown on a
390-pixel phone at a third of its size, and its tick labels shrink to 5 or 6 CSS pixels.
:func:`stacked` makes a copy of the figure with its panels one above the other,
``PHONE_WIDTH`` inches wide, and no text smaller than ``PHONE_MIN_FONT`` points; the
book stores it beside the page's PNG (:func:`png_with_phone`) and the web page shows it
on narrow screens (``_ext/phone_figures.py``). The PDF and the notebooks keep the page's
figure.
"""

from __future__ import annotations

import pickle
from typing import Any

__all__ = ["PHONE_MIN_FONT", "PHONE_WIDTH", "png_with_phone", "smallest_font", "stacked"]

# The article column is 342 CSS px wide on a 390-px phone; a PNG whose natural width is
# PHONE_WIDTH * 100 px (the figures' dpi) is drawn at 342/430 of its size, so text of
# PHONE_MIN_FONT points renders at 9 * 100/72 * 342/430 = 9.9 CSS px (tests/test_browser.py
# measures it on every page).
PHONE_WIDTH: float = 4.3
PHONE_MIN_FONT: float = 9.0


def smallest_font(fig: Any) -> float:
    """The size in points of the smallest visible, non-empty text in ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn by this call (tick labels exist only once drawn).

    Returns
    -------
    float
        Points; ``inf`` for a figure without text.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("t", fontsize=13); _ = ax.set_xticks([0, 1], ["a", "b"], fontsize=8)
    >>> smallest_font(fig)
    8.0
    >>> plt.close(fig)
    """
    fig.canvas.draw()  # tick labels exist only once the figure is drawn
    return min(
        (float(t.get_fontsize()) for t in _visible_texts(fig)),
        default=float("inf"),
    )


def _visible_texts(fig: Any) -> list[Any]:
    from matplotlib.text import Text

    undrawn = _undrawn_tick_labels(fig)
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in undrawn
    ]


def _undrawn_tick_labels(fig: Any) -> set[int]:
    """Ids of the tick labels outside their axis' view limits: matplotlib skips them."""
    undrawn: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - slack <= tick.get_loc() <= hi + slack:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return undrawn


def stacked(fig: Any, width: float = PHONE_WIDTH, min_font: float = PHONE_MIN_FONT) -> Any:
    """A copy of ``fig`` with its panels in one column, for a PNG ``width`` inches wide.

    Panels keep their order (left to right, then top to bottom) and their proportions;
    text smaller than ``min_font`` points is enlarged to it. ``fig`` is not changed.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure whose panels are laid out on one grid (``subplots``).
    width : float, default PHONE_WIDTH
        Width in inches of the copy saved with a tight bounding box (the copy itself is
        narrower by the padding ``savefig.pad_inches`` adds on each side).
    min_font : float, default PHONE_MIN_FONT
        Smallest font size of the copy in points.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    >>> phone = stacked(fig)
    >>> [round(float(x), 1) for x in phone.get_size_inches()]
    [4.1, 6.6]
    >>> [ax.get_subplotspec().rowspan.start for ax in phone.axes]
    [0, 1]
    >>> plt.close(fig); plt.close(phone)
    """
    import matplotlib

    if not width > 0:
        raise ValueError(f"width must be positive, got {width!r}")
    pad = float(matplotlib.rcParams["savefig.pad_inches"])
    width = max(width - 2 * pad, width / 2)
    copy = pickle.loads(pickle.dumps(fig))
    if copy.get_layout_engine() is None:  # stacked panels must not overlap
        copy.set_layout_engine("constrained")
    panels = [ax for ax in copy.axes if ax.get_subplotspec() is not None]
    fig_width, fig_height = copy.get_size_inches()
    nrows, ncols = (1, 1)
    if panels:
        nrows, ncols = panels[0].get_subplotspec().get_gridspec().get_geometry()
    panel_height = fig_height / nrows * min(width / (fig_width / ncols), 1.25)
    if ncols > 1:
        grid = copy.add_gridspec(len(panels), 1)
        order = sorted(panels, key=_grid_position)
        for row, ax in enumerate(order):
            ax.set_subplotspec(grid[row, 0])
            # a panel that shared its y axis with the one on its left hid its tick labels
            ax.yaxis.set_tick_params(labelleft=True)
        copy.set_size_inches(width, panel_height * len(panels))
    else:
        copy.set_size_inches(width, fig_height)
    _narrow_legends(copy)
    for text in _visible_texts(copy):
        if text.get_fontsize() < min_font:
            text.set_fontsize(min_font)
    _fit_width(copy, width)
    return copy


def _narrow_legends(fig: Any) -> None:
    """A figure legend in several columns, wider than the phone figure: drawn again below
    the panels with one entry a line."""
    renderer = fig.canvas.get_renderer()
    for legend in list(fig.legends):
        if legend.get_window_extent(renderer).width <= fig.bbox.width:
            continue
        labels = [text.get_text() for text in legend.texts]
        size = legend.prop.get_size_in_points()
        handles = legend.legend_handles
        legend.remove()
        fig.legend(handles, labels, loc="outside lower center", ncols=1, fontsize=size)


def _fit_width(fig: Any, width: float) -> None:
    """Narrow ``fig`` so that its tight bounding box (what the PNG holds) is ``width``
    inches wide, when a legend or label outside the panels made it wider."""
    for _ in range(2):
        drawn = fig.get_tightbbox(fig.canvas.get_renderer()).width
        if drawn <= width * 1.01:
            return
        fig_width, fig_height = fig.get_size_inches()
        fig.set_size_inches(fig_width - (drawn - width), fig_height)


def _grid_position(ax: Any) -> tuple[int, int]:
    spec = ax.get_subplotspec()
    return spec.rowspan.start, spec.colspan.start


def png_with_phone(fig: Any) -> tuple[str, dict] | None:
    """The IPython PNG formatter of the book's figures: the retina PNG and, in its
    metadata, the phone rendering and both smallest font sizes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure a cell displays; it is not changed.

    Returns
    -------
    (str, dict) or None
        The base64 PNG of ``fig`` and its metadata: ``width`` and ``height`` in CSS
        pixels, ``dpi`` of the PNG, ``font_pt`` (its smallest text in points) and
        ``phone`` (the same keys and ``data``, the PNG, for the stacked copy);
        ``None`` for an empty figure, as IPython's formatter returns.
    """
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import retina_figure

    page = retina_figure(fig, base64=True)
    if page is None:
        return None
    data, meta = page
    phone_fig = stacked(fig)
    try:
        phone_data, phone_meta = retina_figure(phone_fig, base64=True)
        phone_meta.update(data=phone_data, font_pt=smallest_font(phone_fig), dpi=2 * phone_fig.dpi)
    finally:
        plt.close(phone_fig)
    meta.update(font_pt=smallest_font(fig), dpi=2 * fig.dpi, phone=phone_meta)
    return data, meta
