"""Least squares (lambda = 0) on a figure whose lambda axis is logarithmic.

A log axis has no place for lambda = 0, yet the least-squares fit is the point every
penalty is compared with. :func:`mark_lambda_zero` draws it one decade left of the first
positive lambda, past a break in the axis, under a tick labelled 0. Shared by the figures
of the Regularization chapter (:mod:`~lessonlib.display.figures.overfitting` and
:mod:`~lessonlib.display.figures.bias_variance`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib.display.style import color

LABEL = "$\\lambda = 0$ (least squares)"


def mark_lambda_zero(
    ax: Any, first_lambda: float, points: list[tuple[str, float, str]]
) -> dict[str, Any]:
    """Mark the values at lambda = 0 left of a log lambda axis, past a break.

    Call it after the curves are drawn: their y-range decides which values are on the
    scale. A value on the scale is a diamond at its height; one above (below) the scale is
    a triangle on the top (bottom) edge with the value written beside it. The legend gets
    one entry, :data:`LABEL`; each marker is labelled ``"_lambda0 <name>"`` (a label
    matplotlib leaves out of legends) so that a test can find it.

    Parameters
    ----------
    ax : matplotlib Axes
        Axes with a log x-axis and the curves already drawn.
    first_lambda : float
        The smallest positive lambda drawn (> 0); the markers stand one decade left of it.
    points : list of (str, float, str)
        ``(name, value at lambda = 0, colour)`` for each curve.

    Returns
    -------
    dict
        ``"x"``: where the markers stand; ``"values"``: name -> value; ``"off_scale"``:
        the names drawn on an edge with their value written; ``"legend_box"``: the part
        of the axes from ``first_lambda`` on, ``(x, y, width, height)`` in axes
        fractions, for a legend's ``bbox_to_anchor`` so that it leaves the marks free.
    """
    from matplotlib.transforms import blended_transform_factory

    x0, x_break = first_lambda / 10.0, first_lambda / np.sqrt(10.0)
    bottom, top = ax.get_ylim()
    edge = blended_transform_factory(ax.transData, ax.transAxes)  # data x, axes-fraction y
    off_scale: list[str] = []
    for name, value, col in points:
        style = {"color": col, "markersize": 6, "clip_on": False, "label": f"_lambda0 {name}"}
        if bottom <= value <= top:
            ax.plot([x0], [value], "D", scalex=False, scaley=False, **style)
            continue
        above = value > top
        ax.plot([x0], [1.0 if above else 0.0], "^" if above else "v", transform=edge, **style)
        step = len(off_scale) * 11
        ax.annotate(
            f"{value:.2f}",
            xy=(x0, 1.0 if above else 0.0),
            xycoords=edge,
            xytext=(6, -4 - step if above else 4 + step),
            textcoords="offset points",
            va="top" if above else "bottom",
            color=col,
            fontsize=9,
        )
        off_scale.append(name)
    ax.plot([], [], "D", color=color("guide"), markersize=6, label=LABEL)
    _break_the_axis(ax, x0, x_break)
    lo, hi = np.log10(ax.get_xlim())
    curves_start = (np.log10(first_lambda) - lo) / (hi - lo)
    return {
        "x": x0,
        "values": {name: value for name, value, _ in points},
        "off_scale": off_scale,
        "legend_box": (float(curves_start), 0.0, float(1.0 - curves_start), 1.0),
    }


def _break_the_axis(ax: Any, x0: float, x_break: float) -> None:
    """Room for ``x0`` on the left, a tick labelled 0 there and a // on the axis at ``x_break``."""
    from matplotlib.transforms import blended_transform_factory

    ax.set_xlim(x0 / 10**0.5, ax.get_xlim()[1])
    right = ax.get_xlim()[1]
    major = [t for t in ax.xaxis.get_major_locator()() if x_break < t <= right]
    minor = [t for t in ax.xaxis.get_minor_locator()() if x_break < t <= right]
    labels = [f"$10^{{{round(np.log10(t))}}}$" for t in major]
    ax.set_xticks([x0, *major], labels=["0", *labels])
    ax.set_xticks(minor, minor=True)
    ax.text(
        x_break,
        0.0,
        "//",
        transform=blended_transform_factory(ax.transData, ax.transAxes),
        ha="center",
        va="center",
        fontsize=9,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        clip_on=False,
    )
