"""Figures for the chapter "The whole lasso path": a path drawn with its knots.

Each path is named at its right end. Names of paths that end close together are pushed
apart (a one-dimensional repel, :func:`_spread`), each as near its path's end as the others
allow; a name that had to move is joined to its path's end by a thin leader line.
"""

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

# The names at the paths' ends: font size (points), distance from the end (points), the
# distance between the centres of two neighbouring names (label heights), and how far
# (label heights) a name may move before a leader line joins it to its path's end.
_LABEL_SIZE = 9.0
_LABEL_DX = 6.0
_LABEL_GAP = 1.1
_LEADER_AFTER = 0.3


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
        ``p`` names, written at the right end of each path, in its colour; names of paths
        that end close together are moved apart (and joined to their path by a leader
        line) so that no two overlap.
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
        colours = []
        for j in range(len(names)):
            (line,) = ax.plot(
                x,
                coefs[:, j],
                linewidth=1.6,
                color=_PALETTE[j % len(_PALETTE)],
                linestyle="-" if (j // len(_PALETTE)) % 2 == 0 else "--",
            )
            mark_exact_zeros(ax, x, coefs[:, j], line)
            colours.append(line.get_color())
        last = int(np.argmax(x))
        _name_ends(ax, x[last], coefs[last], names, colours)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("coefficient")
        if title:
            ax.set_title(title)
    return ax, {"x": x, "coefs": coefs, "zero_mask": zero_mask, "knots": knots}


def _name_ends(
    ax: Any, x_end: float, y_end: np.ndarray, names: list[str], colours: list[Any]
) -> None:
    """Write ``names[j]`` at the end ``(x_end, y_end[j])`` of path ``j``, without overlaps."""
    stack = _EndNames(ax, x_end, y_end)
    for j, (name, colour) in enumerate(zip(names, colours, strict=True)):
        label = ax.annotate(
            name,
            (x_end, y_end[j]),  # the path's end: where a leader line points
            xytext=(0.0, 0.0),
            textcoords=_StackedPlace(stack, j),
            va="center",
            fontsize=_LABEL_SIZE,
            color=colour,
            arrowprops={
                "arrowstyle": "-",
                "color": colour,
                "linewidth": 0.6,
                "patchA": None,  # from just left of the name's middle to the path's end
                "relpos": (0.0, 0.5),
                "shrinkA": 1.0,
                "shrinkB": 0.0,
            },
        )
        stack.labels.append(label)


class _EndNames:
    """Where the names at the paths' ends of one Axes go, worked out when they are drawn.

    matplotlib asks for a name's place (through :class:`_StackedPlace`, its ``textcoords``)
    each time it draws or measures the name, so the stack follows the final layout: the
    figure's size, the Axes' limits, the copy that :mod:`lessonlib.display.phone` resizes.

    Parameters
    ----------
    ax : matplotlib Axes
        The Axes of the paths.
    x_end : float
        Where the paths end (data units).
    y_end : numpy.ndarray of shape (p,)
        Each path's value at its end (data units).
    """

    def __init__(self, ax: Any, x_end: float, y_end: np.ndarray) -> None:
        self.ax = ax
        self.x_end = float(x_end)
        self.y_end = np.asarray(y_end, dtype=float)
        self.labels: list[Any] = []  # the Annotations, one per path, in path order

    def centres(self, renderer: Any) -> np.ndarray:
        """The display centres ``(p, 2)`` (pixels) of the names' left sides.

        Each name stays level with its path's end unless that is closer than
        ``_LABEL_GAP`` label heights to another; the leader line of a name shows when the
        name moved more than ``_LEADER_AFTER`` label heights.
        """
        ends = self.ax.transData.transform(
            np.column_stack([np.full(self.y_end.size, self.x_end), self.y_end])
        )
        _, height, _ = renderer.get_text_width_height_descent(
            "lp", self.labels[0].get_fontproperties(), ismath=False
        )
        box = self.ax.bbox
        y = _spread(ends[:, 1], _LABEL_GAP * height, box.y0 + height / 2, box.y1 - height / 2)
        for label, moved in zip(self.labels, np.abs(y - ends[:, 1]) > _LEADER_AFTER * height):
            if label.arrow_patch.get_visible() != moved:
                label.arrow_patch.set_visible(bool(moved))
        return np.column_stack([ends[:, 0] + renderer.points_to_pixels(_LABEL_DX), y])


class _StackedPlace:
    """The ``textcoords`` of name ``j`` of a :class:`_EndNames`: a shift to its place."""

    def __init__(self, stack: _EndNames, j: int) -> None:
        self.stack = stack
        self.j = j

    def __call__(self, renderer: Any) -> Any:
        """The transform taking the name's ``xytext`` (0, 0) to its centre in the stack."""
        from matplotlib.transforms import Affine2D

        x, y = self.stack.centres(renderer)[self.j]
        return Affine2D().translate(x, y)


def _spread(wanted: np.ndarray, gap: float, lo: float, hi: float) -> np.ndarray:
    """Positions as close to ``wanted`` as possible, at least ``gap`` apart, within ``[lo, hi]``.

    Parameters
    ----------
    wanted : numpy.ndarray of shape (p,)
        Where each label would like to be (any order).
    gap : float
        Smallest distance between two labels.
    lo, hi : float
        The range the labels must stay in; when ``p`` labels do not fit, they start at
        ``lo`` and overflow ``hi``.

    Returns
    -------
    numpy.ndarray of shape (p,)
        The positions, in the order of ``wanted``: sorted, they keep the order of
        ``wanted`` and minimise the sum of squared moves.

    Notes
    -----
    With the labels sorted, ``z[i] = y[i] - i * gap`` turns "at least ``gap`` apart" into
    "``z`` non-decreasing", so the closest placement is the isotonic regression of
    ``wanted[order] - i * gap`` (:func:`_isotonic`), and clipping it to the range is the
    closest placement within the range (for bounds on every ``z[i]``, clipping the
    isotonic fit is optimal).

    Examples
    --------
    >>> _spread(np.array([0.0, 5.0, 0.5]), 1.0, -10.0, 10.0).tolist()
    [-0.25, 5.0, 0.75]
    """
    order = np.argsort(wanted, kind="stable")
    steps = gap * np.arange(wanted.size)
    z = np.clip(_isotonic(wanted[order] - steps), lo, max(lo, hi - gap * (wanted.size - 1)))
    out = np.empty(wanted.size)
    out[order] = z + steps
    return out


def _isotonic(z: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``z`` in least squares (scikit-learn's)."""
    from sklearn.isotonic import isotonic_regression

    return np.asarray(isotonic_regression(z, increasing=True), dtype=float)
