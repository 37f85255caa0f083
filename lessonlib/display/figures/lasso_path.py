"""Figures for the chapter "The whole lasso path": a path drawn with its knots."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_path_table
from lessonlib.display.figures._common import get_axes, mark_exact_zeros
from lessonlib.display.style import OKABE_ITO, book_style, color

# Seven colours that read well on white; an eighth feature reuses the first, dashed.
_PALETTE = [
    OKABE_ITO[k]
    for k in ("blue", "vermilion", "bluish green", "orange", "reddish purple", "sky blue", "black")
]


def plot_path_with_knots(
    x: ArrayLike,
    coefs: ArrayLike,
    feature_names: list[str],
    *,
    knots: ArrayLike | None = None,
    xlabel: str = r"$\|w\|_1$",
    title: str | None = None,
    ax: Any = None,
) -> tuple[Any, dict]:
    """Coefficient paths against a path coordinate, knots as vertical lines, exact zeros as circles.

    Parameters
    ----------
    x : array_like of shape (k,)
        The path coordinate of each row of ``coefs`` (for example the L1 norm
        :math:`\\|w\\|_1` of the coefficients, along which a lasso path is straight
        between knots).
    coefs : array_like of shape (k, p)
        ``coefs[i, j]`` is coefficient ``j`` at ``x[i]``.
    feature_names : list of str
        ``p`` names, written at the right end of each path.
    knots : array_like, optional
        Positions (in the units of ``x``) of vertical dotted lines.
    xlabel : str
        Label of the horizontal axis.
    title : str, optional
        Axes title.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"x"``, ``"coefs"``, ``"zero_mask"`` (``coefs == 0.0``, exact) and ``"knots"``.

    Examples
    --------
    >>> ax, d = plot_path_with_knots([0.0, 1.0, 3.0], [[0.0, 0.0], [1.0, 0.0], [2.0, 1.0]],
    ...                              ["a", "b"], knots=[0.0, 1.0, 3.0])
    >>> int(d["zero_mask"].sum()), d["knots"].tolist()
    (3, [0.0, 1.0, 3.0])
    """
    x, coefs, names = check_path_table(x, coefs, feature_names, "x")
    knots = np.empty(0) if knots is None else as_float_vector(knots, "knots", min_length=0)
    zero_mask = coefs == 0.0
    with book_style():
        ax = get_axes(ax, figsize=(7.0, 4.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        for k in knots:
            ax.axvline(k, color=color("guide"), linewidth=0.8, linestyle=":")
        last = int(np.argmax(x))
        for j, name in enumerate(names):
            (line,) = ax.plot(
                x,
                coefs[:, j],
                linewidth=1.6,
                color=_PALETTE[j % len(_PALETTE)],
                linestyle="-" if (j // len(_PALETTE)) % 2 == 0 else "--",
            )
            mark_exact_zeros(ax, x, coefs[:, j], line)
            ax.annotate(
                name,
                (x[last], coefs[last, j]),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=line.get_color(),
            )
        ax.set_xlabel(xlabel)
        ax.set_ylabel("coefficient")
        if title:
            ax.set_title(title)
    return ax, {"x": x, "coefs": coefs, "zero_mask": zero_mask, "knots": knots}
