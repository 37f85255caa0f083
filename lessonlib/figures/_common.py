"""What every figure module shares: where to draw, and a check for non-negative penalties."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_vector


def _axes(ax: Any, figsize: tuple[float, float] = (6.4, 4.2)) -> Any:
    """The given Axes, or a new one on a new white figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, facecolor="white", layout="constrained")
    return fig.add_subplot()


def _nonnegative_vector(value: object, name: str) -> np.ndarray:
    arr = as_float_vector(value, name)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0, got {arr[arr < 0][0]}")
    return arr
