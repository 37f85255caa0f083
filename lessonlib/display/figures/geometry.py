"""The constrained view: loss contours against the L1 diamond or the L2 disk.

It draws what :func:`lessonlib.topics.geometry.constrained_solution` solves.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import check_choice, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color
from lessonlib.topics.geometry import check_problem, constrained_solution


def _check_geometry(
    w_ols: ArrayLike, hessian: ArrayLike, t: float, norm: str
) -> tuple[np.ndarray, np.ndarray, float, str]:
    w_ols, H = check_problem(w_ols, hessian)
    t = check_penalty(t, "t", allow_zero=False)
    norm = check_choice(norm, "norm", ("l1", "l2"))
    return w_ols, H, t, norm


def plot_constraint_geometry(
    w_ols: ArrayLike, hessian: ArrayLike, *, t: float = 1.0, norm: str = "l1", ax: Any = None
) -> tuple[Any, dict]:
    """RSS contour ellipses around ``w_ols`` meeting the L1 diamond or the L2 disk.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients, the centre of the ellipses.
    hessian : array_like of shape (2, 2)
        ``X^T X``: the RSS is ``(w - w_ols)^T H (w - w_ols)`` plus a constant.
    t : float, default=1.0
        Radius of the constraint ``||w||_1 <= t`` or ``||w||_2 <= t``, > 0.
    norm : {"l1", "l2"}, default="l1"
        Diamond (lasso) or disk (ridge).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"solution"`` (shape (2,), from
        :func:`lessonlib.topics.geometry.constrained_solution`),
        ``"contour_levels"`` (increasing; the middle one touches the constraint at the
        solution), ``"boundary"`` (shape (k, 2), the constraint's closed outline).

    Examples
    --------
    >>> ax, d = plot_constraint_geometry([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], t=1.0)
    >>> d["solution"].tolist()
    [1.0, 0.0]
    """
    w_ols, H, t, norm = _check_geometry(w_ols, hessian, t, norm)
    solution = constrained_solution(w_ols, H, t, norm)
    rss = lambda w: (w - w_ols) @ H @ (w - w_ols)  # noqa: E731
    touch = rss(solution)
    if touch <= 0:  # w_ols inside the ball: draw ellipses of a size set by t
        touch = t**2 * np.max(np.linalg.eigvalsh(H)) / 4
    levels = touch * np.array([0.15, 0.45, 1.0, 1.8])
    if norm == "l1":
        boundary = np.array([[t, 0], [0, t], [-t, 0], [0, -t], [t, 0]], dtype=float)
    else:
        angle = np.linspace(0, 2 * np.pi, 361)
        boundary = t * np.column_stack([np.cos(angle), np.sin(angle)])
    extent = np.sqrt(levels[-1] * np.diag(np.linalg.inv(H)))  # half-widths of the outer ellipse
    low = np.minimum(w_ols - extent, -t) - 0.1 * t
    high = np.maximum(w_ols + extent, t) + 0.1 * t
    W1, W2 = np.meshgrid(np.linspace(low[0], high[0], 301), np.linspace(low[1], high[1], 301))
    D = np.stack([W1 - w_ols[0], W2 - w_ols[1]], axis=-1)
    Q = np.einsum("...i,ij,...j->...", D, H, D)
    name = "lasso" if norm == "l1" else "ridge"
    with book_style():
        ax = get_axes(ax, figsize=(5.5, 5.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axvline(0.0, color=color("guide"), linewidth=1)
        ax.fill(
            boundary[:, 0],
            boundary[:, 1],
            color=color("constraint"),
            alpha=0.35,
            label=f"$\\|w\\|_{norm[1]} \\leq {t:g}$",
        )
        ax.contour(W1, W2, Q, levels=levels, colors=color("data"), linewidths=[1, 1, 2.2, 1])
        ax.plot(*w_ols, "x", color=color("ols"), markersize=10, mew=2.5, label="least squares")
        ax.plot(
            *solution,
            "o",
            color=color(name),
            markeredgecolor="black",
            markersize=9,
            label=f"{name} solution ({solution[0]:.3g}, {solution[1]:.3g})",
        )
        ax.set_aspect("equal")
        ax.set_xlim(low[0], high[0])
        ax.set_ylim(low[1], high[1])
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        corners = "The diamond's corners give zeros"
        ax.set_title(corners if norm == "l1" else "The disk has no corners")
        ax.legend(loc="lower left", fontsize=9)
    return ax, {"solution": solution, "contour_levels": levels, "boundary": boundary}


def _enet_quadrant(mix: float, w1: np.ndarray) -> np.ndarray:
    """``w2 >= 0`` on the boundary ``mix (w1^2 + w2^2) + (1 - mix)(w1 + w2) = 1``, ``w1 >= 0``."""
    a, b = mix, 1.0 - mix
    c = a * w1**2 + b * w1 - 1.0
    if a == 0.0:
        return np.maximum(-c / b, 0.0)
    return np.maximum((-b + np.sqrt(np.maximum(b * b - 4 * a * c, 0.0))) / (2 * a), 0.0)


def _gamma_text(gamma: float) -> str:
    """``gamma`` for a legend: a short decimal when exact, else a small fraction (2/3)."""
    if round(gamma, 3) == gamma:
        return f"{gamma:g}"
    frac = Fraction(gamma).limit_denominator(12)
    if abs(float(frac) - gamma) < 1e-12:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{gamma:.3g}"


def plot_enet_ball(mix: float = 0.2, *, ax: Any = None) -> tuple[Any, dict]:
    """The elastic-net unit ball between the L1 diamond and the L2 disk (ESL's Fig. 3.13).

    Parameters
    ----------
    mix : float, default=0.2
        ESL's mixing weight: the penalty is ``sum_j mix * w_j**2 + (1 - mix) * |w_j|``,
        strictly between 0 and 1 (0 is the lasso, 1 ridge). The legend names the ball by
        the book's (scikit-learn's) ``gamma = l1_ratio``, whose penalty
        ``gamma * |w_j| + (1 - gamma) / 2 * w_j**2`` has the same balls when
        ``(1 - gamma) / (2 gamma) = mix / (1 - mix)``, i.e. ``gamma = (1 - mix) / (1 + mix)``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"boundaries"``: closed outlines (k, 2) for ``"l1"``, ``"enet"``, ``"l2"``;
        ``"corner_angle"``: the interior angle in degrees of each ball at ``(1, 0)``,
        measured from its outline by a one-sided difference quotient over the last
        step of 0.0005 (90 for the diamond; just under 180 for the disk, whose tangent
        there is vertical); ``"edge_midpoint"``: the elastic-net boundary point on
        the diagonal ``w1 = w2`` of the first quadrant (the diamond's is ``(0.5, 0.5)``);
        ``"gamma"``: the book's ``gamma`` of the elastic-net ball, as the legend writes it.

    Examples
    --------
    >>> ax, d = plot_enet_ball(0.2)
    >>> [round(d["corner_angle"][k], 1) for k in ("l1", "enet", "l2")]
    [90.0, 112.6, 178.2]
    >>> round(d["gamma"], 4)
    0.6667
    """
    mix = check_penalty(mix, "mix", allow_zero=False)
    if mix >= 1.0:
        raise ValueError(f"mix must be strictly between 0 and 1, got {mix}")
    w1 = np.linspace(0.0, 1.0, 2001)
    quadrant = {
        "l1": 1.0 - w1,
        "enet": _enet_quadrant(mix, w1),
        "l2": np.sqrt(np.maximum(1.0 - w1**2, 0.0)),
    }
    boundaries, angles = {}, {}
    for name, w2 in quadrant.items():
        first = np.column_stack([w1, w2])  # from (0, 1) to (1, 0)
        outline = np.vstack([first, first[::-1] * [1, -1], first * [-1, -1], first[::-1] * [-1, 1]])
        boundaries[name] = outline
        # the outline leaves (1, 0) along (w1[-2] - 1, w2[-2]); its mirror image below
        h = 1.0 - w1[-2]
        slope = w2[-2] / h  # for the disk this is ~1/sqrt(h): the tangent is vertical
        angles[name] = float(2 * np.degrees(np.arctan(slope)))
    d = _enet_quadrant(mix, w1) - w1  # boundary on the diagonal: where w2 = w1
    mid = float(w1[int(np.argmin(np.abs(d)))])
    gamma = (1.0 - mix) / (1.0 + mix)  # the book's l1_ratio with the same balls
    with book_style():
        ax = get_axes(ax, figsize=(5.5, 6.3))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axvline(0.0, color=color("guide"), linewidth=1)
        styles = {
            "l1": ("lasso", "-", "L1 (lasso)"),
            "l2": ("ridge", "--", "L2 (ridge)"),
            "enet": ("elastic net", "-", f"elastic net, $\\gamma = {_gamma_text(gamma)}$"),
        }
        for name, (key, line, label) in styles.items():
            b = boundaries[name]
            ax.plot(b[:, 0], b[:, 1], line, color=color(key), linewidth=2, label=label)
        ax.set_aspect("equal")
        ticks = [-1.0, -0.5, 0.0, 0.5, 1.0]
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        ax.set_title("Elastic net: corners kept, edges curved")
        legend_below(ax)
    return ax, {
        "boundaries": boundaries,
        "corner_angle": angles,
        "edge_midpoint": np.array([mid, mid]),
        "gamma": gamma,
    }
