"""What every figure module shares: where to draw, and how an exact zero is marked."""

from __future__ import annotations

from typing import Any

import numpy as np


def get_axes(ax: Any, figsize: tuple[float, float] = (6.4, 4.2)) -> Any:
    """The given Axes, or a new one on a new white figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, facecolor="white", layout="constrained")
    return fig.add_subplot()


def mark_exact_zeros(ax: Any, x: np.ndarray, coef: np.ndarray, line: Any) -> None:
    """Open circles, in ``line``'s colour, where a path's coefficient is exactly 0."""
    zeros = coef == 0.0
    ax.plot(
        x[zeros],
        coef[zeros],
        "o",
        markerfacecolor="white",
        markeredgecolor=line.get_color(),
        markersize=5,
        linestyle="none",
    )
