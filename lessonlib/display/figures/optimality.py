"""Figures for the optimality chapter: the subgradients of |w| and its subdifferential."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color


def plot_abs_supporting_lines(
    slopes: ArrayLike = (-1.0, -0.5, 0.0, 0.5, 1.0),
    *,
    bad_slope: float | None = 1.5,
    half_width: float = 2.0,
    ax: Any = None,
) -> tuple[Any, dict]:
    """The graph of ``|w|`` and lines ``xi * w`` through the kink at 0.

    Parameters
    ----------
    slopes : array_like, default=(-1, -0.5, 0, 0.5, 1)
        Slopes ``xi`` of the lines drawn solid; each must satisfy ``|xi| <= 1`` (a
        subgradient of ``|w|`` at 0).
    bad_slope : float or None, default=1.5
        One slope with ``|xi| > 1`` drawn dashed, to show a line that crosses the graph;
        None draws none.
    half_width : float, default=2.0
        The w axis runs over ``[-half_width, half_width]`` (> 0).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"w"``, ``"abs"``, ``"slopes"`` (all drawn, the bad one last), ``"lines"``
        (one row per slope) and ``"below"`` (for each line: is it ``<= |w|`` at every
        plotted w, i.e. a supporting line?).

    Examples
    --------
    >>> ax, d = plot_abs_supporting_lines([0.0, 1.0], bad_slope=1.5)
    >>> d["below"].tolist()
    [True, True, False]
    """
    slopes = as_float_vector(slopes, "slopes")
    if np.any(np.abs(slopes) > 1):
        raise ValueError(f"slopes must lie in [-1, 1], got {slopes[np.abs(slopes) > 1][0]}")
    if bad_slope is not None:
        bad_slope = float(as_float_vector([bad_slope], "bad_slope")[0])
        if abs(bad_slope) <= 1:
            raise ValueError(f"bad_slope must have |bad_slope| > 1, got {bad_slope}")
    half_width = float(as_float_vector([half_width], "half_width")[0])
    if half_width <= 0:
        raise ValueError(f"half_width must be > 0, got {half_width}")
    w = np.linspace(-half_width, half_width, 401)
    all_slopes = slopes if bad_slope is None else np.append(slopes, bad_slope)
    lines = all_slopes[:, None] * w[None, :]
    below = np.all(lines <= np.abs(w) + 1e-12, axis=1)
    with book_style():
        ax = get_axes(ax)
        ax.plot(w, np.abs(w), color="black", linewidth=2.5, label="$|w|$", zorder=3)
        for k, g in enumerate(slopes):
            ax.plot(
                w,
                lines[k],
                color=color("lasso"),
                linewidth=1.3,
                alpha=0.85,
                label="slope $\\xi \\in [-1, 1]$" if k == 0 else None,
            )
            ax.annotate(
                f"$\\xi = {g:g}$",
                (w[-1], lines[k, -1]),
                xytext=(3, 0),
                textcoords="offset points",
                fontsize=9,
                va="center",
            )
        if bad_slope is not None:
            ax.plot(
                w,
                lines[-1],
                color=color("ridge"),
                linestyle="--",
                linewidth=1.5,
                label=f"slope $\\xi = {bad_slope:g}$: crosses $|w|$",
            )
        ax.plot([0.0], [0.0], "o", color="black", zorder=4)
        ax.set_ylim(-1.15 * half_width, 1.6 * half_width)
        ax.set_xlim(-half_width, 1.2 * half_width)
        ax.set_xlabel("$w$")
        ax.set_ylabel("$|w|$ and lines $\\xi\\,w$")
        ax.set_title("Supporting lines of $|w|$ at the kink")
        legend_below(ax)
    return ax, {"w": w, "abs": np.abs(w), "slopes": all_slopes, "lines": lines, "below": below}


def plot_abs_subdifferential(*, half_width: float = 2.0, ax: Any = None) -> tuple[Any, dict]:
    """The subdifferential of ``|w|`` as a set-valued graph: -1, then [-1, 1] at 0, then 1.

    Parameters
    ----------
    half_width : float, default=2.0
        The w axis runs over ``[-half_width, half_width]`` (> 0).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"w"`` (with 0 included), ``"low"`` and ``"high"`` (the interval at each w,
        from :func:`lessonlib.optimality.abs_subdifferential`).

    Examples
    --------
    >>> ax, d = plot_abs_subdifferential()
    >>> i = int(np.flatnonzero(d["w"] == 0.0)[0])
    >>> float(d["low"][i]), float(d["high"][i])
    (-1.0, 1.0)
    """
    from lessonlib.optimality import abs_subdifferential

    half_width = float(as_float_vector([half_width], "half_width")[0])
    if half_width <= 0:
        raise ValueError(f"half_width must be > 0, got {half_width}")
    w = np.union1d(np.linspace(-half_width, half_width, 400), [0.0])
    low, high = abs_subdifferential(w)
    neg, pos = w < 0, w > 0
    with book_style():
        ax = get_axes(ax)
        ax.plot(w[neg], low[neg], color=color("lasso"), linewidth=2.5)
        ax.plot(w[pos], high[pos], color=color("lasso"), linewidth=2.5, label="$\\partial|w|$")
        ax.plot(
            [0.0, 0.0],
            [-1.0, 1.0],
            color=color("lasso"),
            linewidth=4,
            solid_capstyle="butt",
            label="at $w = 0$: all of $[-1, 1]$",
        )
        ax.plot([0.0, 0.0], [-1.0, 1.0], "o", color=color("lasso"))
        ax.set_ylim(-1.6, 1.6)
        ax.set_xlabel("$w$")
        ax.set_ylabel("subgradients $\\xi$")
        ax.set_title("The subdifferential of $|w|$")
        legend_below(ax)
    return ax, {"w": w, "low": low, "high": high}
