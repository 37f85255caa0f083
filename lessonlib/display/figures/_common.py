"""What every figure module shares: where to draw."""

from __future__ import annotations

from typing import Any


def get_axes(ax: Any, figsize: tuple[float, float] = (6.4, 4.2)) -> Any:
    """The given Axes, or a new one on a new white figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, facecolor="white", layout="constrained")
    return fig.add_subplot()
