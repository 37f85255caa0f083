"""Figures for several features: coefficient paths with their exact zeros marked."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import check_bool, check_path_table
from lessonlib.display.figures._common import get_axes, mark_exact_zeros
from lessonlib.display.style import book_style, color, feature_style


def plot_coef_paths(
    alphas: ArrayLike,
    coefs: ArrayLike,
    feature_names: list[str],
    *,
    title: str | None = None,
    ax: Any = None,
    log_x: bool = True,
) -> tuple[Any, dict]:
    """Coefficient paths from precomputed arrays; exact zeros drawn as open circles.

    Parameters
    ----------
    alphas : array_like of shape (k,)
        Penalty weights (> 0 when ``log_x``).
    coefs : array_like of shape (k, p)
        ``coefs[i, j]`` is coefficient ``j`` at ``alphas[i]``.
    feature_names : list of str
        ``p`` names, for the legend.
    title : str, optional
        Axes title.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    log_x : bool, default=True
        Log scale for the penalty axis.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"alphas"``, ``"coefs"`` and ``"zero_mask"`` (``coefs == 0.0``, exact).

    Examples
    --------
    >>> ax, d = plot_coef_paths([0.1, 1.0, 10.0], [[2.0, 1.0], [1.0, 0.0], [0.0, 0.0]], ["a", "b"])
    >>> int(d["zero_mask"].sum())
    3
    """
    alphas, coefs, names = check_path_table(alphas, coefs, feature_names, "alphas")
    log_x = check_bool(log_x, "log_x")
    if log_x and np.any(alphas <= 0):
        raise ValueError("alphas must be > 0 for a log axis (or pass log_x=False)")
    if np.any(alphas < 0):
        raise ValueError(f"alphas must be >= 0, got {alphas[alphas < 0][0]}")
    zero_mask = coefs == 0.0
    with book_style():
        ax = get_axes(ax, figsize=(7.0, 4.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        for j, name in enumerate(names):
            (line,) = ax.plot(alphas, coefs[:, j], label=name, **feature_style(j))
            mark_exact_zeros(ax, alphas, coefs[:, j], line)
        if log_x:
            ax.set_xscale("log")
        ax.set_xlabel("penalty weight")
        ax.set_ylabel("coefficient")
        ax.set_title(title or "Coefficient paths (open circles: exactly 0)")
        if len(names) <= 12:
            ax.legend(fontsize=9, ncol=2 if len(names) > 6 else 1)
    return ax, {"alphas": alphas, "coefs": coefs, "zero_mask": zero_mask}
