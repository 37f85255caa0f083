"""Figures of the chapter on simple linear regression: the fitted line and the SSE bowl."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import simple
from lessonlib._validation import check_positive_int
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color


def plot_fitted_line(x: ArrayLike, y: ArrayLike, *, ax: Any = None) -> tuple[Any, dict]:
    """The data, the least-squares line and the point ``(xbar, ybar)`` it passes through.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target; ``x`` must not be constant.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"x"``, ``"y"`` (the points), ``"m"``, ``"b"`` (the line, from
        :func:`lessonlib.simple.ols_fit`), ``"centre"`` (``(xbar, ybar)``) and
        ``"line_x"``, ``"line_y"`` (the two end points of the drawn line).

    Examples
    --------
    >>> ax, d = plot_fitted_line([1, 2, 3], [2, 4, 7])
    >>> d["m"], d["centre"]
    (2.5, (2.0, 4.333333333333333))
    """
    s = simple.sufficient_stats(x, y)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    m, b = simple.ols_fit(x, y)
    line_x = np.array([x.min(), x.max()])
    line_y = m * line_x + b
    with book_style():
        ax = get_axes(ax, figsize=(6.4, 5.0))
        ax.plot(x, y, "o", color=color("data"), alpha=0.8, label="data")
        ax.plot(
            line_x, line_y, color=color("ols"), label=f"least squares: $y = {m:.3f}\\,x {b:+.3f}$"
        )
        ax.plot(
            [s.xbar],
            [s.ybar],
            "D",
            color=color("highlight"),
            markeredgecolor="black",
            markersize=9,
            label="$(\\bar x, \\bar y)$",
        )
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title("The least-squares line")
        legend_below(ax, fontsize=9)  # inside the panel, it covers points on a phone
    return ax, {
        "x": x,
        "y": y,
        "m": m,
        "b": b,
        "centre": (s.xbar, s.ybar),
        "line_x": line_x,
        "line_y": line_y,
    }


def plot_sse_contours(
    x: ArrayLike,
    y: ArrayLike,
    *,
    half_width: tuple[float, float] | None = None,
    n_grid: int = 201,
    ax: Any = None,
) -> tuple[Any, dict]:
    """Contours of ``SSE(m, b)`` around the least-squares point: a convex bowl seen from above.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target; ``x`` must not be constant.
    half_width : (float, float), optional
        Half-widths of the window in ``m`` and ``b`` around the minimiser; default
        1.5 times the reach in ``m`` and in ``b`` of the level set
        ``SSE = 2 * SSE_min`` (or ``SSE_min + Syy/100`` if larger), so the bowl always shows.
    n_grid : int, default=201
        Grid points per axis.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"m"``, ``"b"`` (grid vectors), ``"sse"`` (shape ``(len(b), len(m))``),
        ``"m_hat"``, ``"b_hat"`` (the least-squares point) and ``"sse_min"``.

    Notes
    -----
    :math:`SSE(m, b) = \\sum_i (y_i - m x_i - b)^2` is a quadratic in ``(m, b)`` with Hessian
    :math:`2\\begin{pmatrix}\\sum x_i^2 & \\sum x_i\\\\ \\sum x_i & n\\end{pmatrix}`, positive
    definite when :math:`S_{xx} > 0`, so its level sets are nested ellipses.

    Examples
    --------
    >>> ax, d = plot_sse_contours([1, 2, 3], [2, 4, 7], n_grid=21)
    >>> d["sse"].shape, round(d["sse_min"], 6)
    ((21, 21), 0.166667)
    """
    s = simple.sufficient_stats(x, y)
    n_grid = check_positive_int(n_grid, "n_grid")
    if n_grid < 3:
        raise ValueError(f"n_grid must be >= 3, got {n_grid}")
    m_hat, b_hat = simple.ols_fit(x, y)
    sse_min = float(simple.article_loss(m_hat, b_hat, x, y, 0.0, "none"))
    level = max(sse_min, s.Syy / 100) or 1.0  # never a zero-size window
    if half_width is None:
        # SSE = SSE_min + Sxx dm^2 + n (db + xbar dm)^2: the level set SSE - SSE_min = level
        # reaches |dm| = sqrt(level/Sxx) and |db| = sqrt(level (1/n + xbar^2/Sxx)).
        half_width = (
            1.5 * np.sqrt(level / s.Sxx),
            1.5 * np.sqrt(level * (1 / s.n + s.xbar**2 / s.Sxx)),
        )
    hw = np.asarray(half_width, dtype=float)
    if hw.shape != (2,) or not np.all(np.isfinite(hw)) or np.any(hw <= 0):
        raise ValueError(f"half_width must be two positive numbers, got {half_width}")
    ms = np.linspace(m_hat - hw[0], m_hat + hw[0], n_grid)
    bs = np.linspace(b_hat - hw[1], b_hat + hw[1], n_grid)
    M, B = np.meshgrid(ms, bs)
    sse = np.asarray(simple.article_loss(M, B, x, y, 0.0, "none"))
    with book_style():
        import matplotlib.pyplot as plt

        ax = get_axes(ax, figsize=(6.4, 4.6))
        # the five inner levels are closed ellipses inside the default window
        levels = sse_min + level * np.array([0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0])
        shades = plt.get_cmap("viridis")(np.linspace(0.0, 0.8, levels.size))  # no pale yellow
        cs = ax.contour(M, B, sse, levels=levels, colors=shades)
        ax.clabel(cs, fmt="%.0f", fontsize=9)
        ax.plot(
            [m_hat],
            [b_hat],
            "*",
            color=color("highlight"),
            markeredgecolor="black",
            markersize=14,
            label=f"minimum, SSE = {sse_min:.2f}",
        )
        ax.set_xlabel("slope $m$")
        ax.set_ylabel("intercept $b$")
        ax.set_title("SSE$(m, b)$: one bowl, one lowest point")
        legend_below(ax, fontsize=9)  # the level curves fill the panel: no corner is free
    return ax, {"m": ms, "b": bs, "sse": sse, "m_hat": m_hat, "b_hat": b_hat, "sse_min": sse_min}
