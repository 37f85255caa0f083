"""What a figure draws at lambda = 0, left of its log lambda axis: shared by the figure tests
of the Regularization chapter (tests/test_figures_overfitting.py, test_figures_bias_variance.py).

Reads the artists only (markers, their written values, the tick labelled 0, the legend); it
does not import lessonlib.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.colors import to_hex

PREFIX = "_lambda0 "


def lambda_zero_marks(ax: Any) -> dict[str, dict[str, Any]]:
    """Each value marked at lambda = 0: name -> where it stands and what is written beside it.

    ``"x"`` is the marker's x (data); ``"y"`` its height in data units, or None when it
    sits on an edge of the axes (off the scale); ``"edge"`` is ``"top"``, ``"bottom"`` or
    None; ``"text"`` the value written beside an edge marker (in the marker's colour), or
    None; ``"color"`` the marker's colour.
    """
    marks = {}
    for line in ax.get_lines():
        label = line.get_label()
        if not label.startswith(PREFIX):
            continue
        x, y = float(line.get_xdata()[0]), float(line.get_ydata()[0])
        on_data = line.get_transform() == ax.transData
        edge = None if on_data else ("top" if y == 1.0 else "bottom")
        colour = to_hex(line.get_color())
        texts = [
            t.get_text()
            for t in ax.texts
            if hasattr(t, "xy")
            and tuple(map(float, t.xy)) == (x, y)
            and to_hex(t.get_color()) == colour
        ]
        assert on_data or len(texts) == 1, (label, texts)
        marks[label[len(PREFIX) :]] = {
            "x": x,
            "y": y if on_data else None,
            "edge": edge,
            "text": None if on_data else texts[0],
            "color": colour,
        }
    return marks


def tick_labelled_zero(ax: Any) -> float:
    """The x of the one major tick whose label reads 0."""
    zeros = [
        float(x)
        for x, label in zip(ax.get_xticks(), ax.get_xticklabels())
        if label.get_text() == "0"
    ]
    assert len(zeros) == 1, zeros
    return zeros[0]


def check_mark(mark: dict[str, Any], value: float, ax: Any, *, rtol: float = 1e-6) -> None:
    """``mark`` shows ``value``: at its height when on the scale, else written on the edge."""
    bottom, top = ax.get_ylim()
    if mark["edge"] is None:
        assert bottom <= value <= top
        np.testing.assert_allclose(mark["y"], value, rtol=rtol, atol=1e-12)
    else:
        assert (value > top) if mark["edge"] == "top" else (value < bottom)
        assert mark["text"] == f"{value:.2f}"
