"""What a matplotlib figure draws, read from its Axes: shared by the tests/test_figures_*.py files.

A figure function of lessonlib.display.figures returns ``(ax, data)``; these helpers read the
artists of ``ax`` (lines, reference lines, shaded spans, markers, legend entries), so that a
test checks what the reader sees rather than only the returned dict. Nothing here imports
lessonlib.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def legend(ax: Any) -> dict[str, Any]:
    """The legend drawn on ``ax``: each entry's text -> the artist it stands for.

    Fails unless the legend shows exactly the labelled artists of ``ax``, in order (so a
    text here is what the reader reads next to that artist's swatch).
    """
    drawn = ax.get_legend()
    assert drawn is not None, "no legend"
    texts = [t.get_text() for t in drawn.get_texts()]
    handles, labels = ax.get_legend_handles_labels()
    assert texts == labels, (texts, labels)
    assert len(set(labels)) == len(labels), f"two entries read the same: {labels}"
    return dict(zip(labels, handles))


def entry(ax: Any, *words: str) -> tuple[str, Any]:
    """The one legend entry whose text contains every one of ``words``: (text, artist)."""
    found = [(t, a) for t, a in legend(ax).items() if all(w in t for w in words)]
    assert len(found) == 1, f"{len(found)} legend entries contain {words}: {list(legend(ax))}"
    return found[0]


def is_vertical(line: Any) -> bool:
    """A line drawn by ``axvline`` (data x, the full height of the Axes)."""
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    return x.size == 2 and x[0] == x[1] and list(y) == [0.0, 1.0]


def is_horizontal(line: Any) -> bool:
    """A line drawn by ``axhline`` (data y, the full width of the Axes)."""
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    return y.size == 2 and y[0] == y[1] and list(x) == [0.0, 1.0]


def vertical_at(ax: Any) -> list[float]:
    """Where the vertical reference lines of ``ax`` stand, in drawing order."""
    return [float(ln.get_xdata()[0]) for ln in ax.get_lines() if is_vertical(ln)]


def horizontal_at(ax: Any) -> list[float]:
    """Where the horizontal reference lines of ``ax`` stand, in drawing order."""
    return [float(ln.get_ydata()[0]) for ln in ax.get_lines() if is_horizontal(ln)]


def curves(ax: Any) -> list[Any]:
    """The lines of ``ax`` that plot data (not reference lines), in drawing order."""
    return [ln for ln in ax.get_lines() if not (is_vertical(ln) or is_horizontal(ln))]


def xy(line: Any) -> np.ndarray:
    """A line's points as an (n, 2) float array."""
    return np.asarray(line.get_xydata(), float)


def markers(ax: Any, marker: str = "o") -> list[Any]:
    """The lines of ``ax`` drawn as markers only (no connecting line)."""
    return [
        ln
        for ln in ax.get_lines()
        if ln.get_marker() == marker and ln.get_linestyle() in ("None", "none", "", " ")
    ]


def span_x(patch: Any) -> tuple[float, float]:
    """The horizontal extent of a shaded band (an ``axvspan`` or a filled polygon), data units."""
    from matplotlib.patches import Rectangle

    if isinstance(patch, Rectangle):  # axvspan: x in data units, y in the Axes'
        return float(patch.get_x()), float(patch.get_x() + patch.get_width())
    x = np.asarray(patch.get_xy(), float)[:, 0]
    return float(x.min()), float(x.max())


def same_colour(a: Any, b: Any) -> bool:
    """Two colours (any matplotlib form) are the same RGBA."""
    from matplotlib.colors import to_rgba

    return np.allclose(to_rgba(a), to_rgba(b))
