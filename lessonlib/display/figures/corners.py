"""Corners make zeros: Lq balls, the bridge estimates they give, and the L1 corner wedges."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_matrix, as_float_vector, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import OKABE_ITO, book_style, color

_Q_COLORS = [
    OKABE_ITO[k]
    for k in ("reddish purple", "vermilion", "blue", "bluish green", "orange", "sky blue")
]


def _check_qs(qs: ArrayLike) -> np.ndarray:
    qs = as_float_vector(qs, "qs")
    if np.any(qs <= 0):
        raise ValueError(f"qs must all be > 0, got {qs[qs <= 0][0]}")
    if qs.size > len(_Q_COLORS):
        raise ValueError(f"qs must have at most {len(_Q_COLORS)} entries, got {qs.size}")
    return qs


def lq_ball_boundary(q: float, n_points: int = 721) -> np.ndarray:
    """Points of the unit "ball" boundary ``|w1|^q + |w2|^q = 1``, as a closed outline.

    Parameters
    ----------
    q : float
        Exponent, > 0.
    n_points : int, default=721
        Number of points (the first equals the last).

    Returns
    -------
    numpy.ndarray of shape (n_points, 2)

    Notes
    -----
    ``w = (sign(cos s) |cos s|^{2/q}, sign(sin s) |sin s|^{2/q})`` satisfies
    ``|w1|^q + |w2|^q = cos^2 s + sin^2 s = 1``.

    Examples
    --------
    >>> b = lq_ball_boundary(1.0, 5)
    >>> np.round(b, 12).tolist()
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [-0.0, -1.0], [1.0, -0.0]]
    """
    q = check_penalty(q, "q", allow_zero=False)
    s = np.linspace(0.0, 2 * np.pi, int(n_points))
    c, n = np.cos(s), np.sin(s)
    return np.column_stack([np.sign(c) * np.abs(c) ** (2 / q), np.sign(n) * np.abs(n) ** (2 / q)])


def plot_lq_balls(qs: ArrayLike = (0.5, 1.0, 2.0, 4.0), *, ax: Any = None) -> tuple[Any, dict]:
    """The unit balls ``|w1|^q + |w2|^q <= 1`` for several ``q``, drawn as outlines.

    Parameters
    ----------
    qs : array_like, default=(0.5, 1, 2, 4)
        Exponents, each > 0 (at most six).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"q"`` (the exponents) and ``"boundaries"`` (one (k, 2) array per exponent, in order).

    Examples
    --------
    >>> ax, d = plot_lq_balls([1.0, 2.0])
    >>> [b.shape for b in d["boundaries"]]
    [(721, 2), (721, 2)]
    """
    qs = _check_qs(qs)
    boundaries = [lq_ball_boundary(q) for q in qs]
    with book_style():
        ax = get_axes(ax, figsize=(5.0, 5.0))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axvline(0.0, color=color("guide"), linewidth=1)
        for q, b, col in zip(qs, boundaries, _Q_COLORS):
            style = "--" if q < 1 else "-"
            ax.plot(b[:, 0], b[:, 1], style, color=col, label=f"$q = {q:g}$")
        ax.set_aspect("equal")
        ax.set_xlim(-1.25, 1.25)
        ax.set_ylim(-1.25, 1.25)
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        ax.set_title("Unit balls $|w_1|^q + |w_2|^q \\leq 1$")
        legend_below(ax, ncols=2)  # the q = 4 ball reaches into the corners
    return ax, {"q": qs, "boundaries": boundaries}


def plot_bridge_rules(
    z: ArrayLike | None = None,
    lam: float = 1.0,
    qs: ArrayLike = (0.5, 1.0, 2.0, 4.0),
    *,
    ax: Any = None,
) -> tuple[Any, dict]:
    """The minimiser of ``(w - z)^2 + lam |w|^q`` against ``z``, one curve per ``q``.

    Parameters
    ----------
    z : array_like, optional
        Least-squares estimates; default 401 points on [-2.5, 2.5] (0 included).
    lam : float, default=1.0
        Penalty weight, >= 0.
    qs : array_like, default=(0.5, 1, 2, 4)
        Exponents, each > 0 (at most six).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"z"``, ``"q"``, ``"lam"`` and ``"estimates"`` (shape (len(qs), len(z)), from
        :func:`lessonlib.topics.geometry.bridge_1d`).

    Examples
    --------
    >>> ax, d = plot_bridge_rules([-2.0, 0.25, 2.0], lam=1.0, qs=[1.0])
    >>> d["estimates"].tolist()
    [[-1.5, 0.0, 1.5]]
    """
    from lessonlib.topics.geometry import bridge_1d

    lam = check_penalty(lam, "lam")
    qs = _check_qs(qs)
    z = np.linspace(-2.5, 2.5, 401) if z is None else as_float_vector(z, "z")
    estimates = np.array([[bridge_1d(float(v), lam, float(q)) for v in z] for q in qs])
    with book_style():
        ax = get_axes(ax, figsize=(5.0, 5.0))
        ax.plot(z, z, ":", color=color("guide"), linewidth=1.5, label="least squares $z$")
        for q, est, col in zip(qs, estimates, _Q_COLORS):
            style = "--" if q < 1 else "-"
            ax.plot(z, est, style, color=col, label=f"$q = {q:g}$")
        ax.set_xlabel("least-squares estimate $z$")
        ax.set_ylabel("penalised estimate $\\hat w$")
        weight = "" if lam == 1 else f"{lam:g}\\,"
        ax.set_title(f"Minimiser of $(w - z)^2 + {weight}|w|^q$")
        ax.legend(loc="upper left", fontsize=9)
    return ax, {"z": z, "q": qs, "lam": lam, "estimates": estimates}


def _check_wedge_inputs(
    hessian: ArrayLike, t: float, w_samples: ArrayLike
) -> tuple[np.ndarray, float, np.ndarray]:
    """The arguments of :func:`plot_corner_wedges`, checked: ``H``, ``t`` and ``W``."""
    H = as_float_matrix(hessian, "hessian")
    if H.shape != (2, 2):
        raise ValueError(f"hessian must be 2x2, got shape {H.shape}")
    t = check_penalty(t, "t", allow_zero=False)
    W = as_float_matrix(w_samples, "w_samples")
    if W.shape[1] != 2:
        raise ValueError(f"w_samples must have 2 columns, got shape {W.shape}")
    if np.any(np.abs(W).sum(axis=1) <= t):
        raise ValueError("w_samples must all lie outside the diamond ||w||_1 <= t")
    return H, t, W


def _wedges(H: np.ndarray, t: float, *, reach: float) -> list[np.ndarray]:
    """Four (3, 2) triangles: apex at a corner of the diamond ``||w||_1 <= t``, edges of
    length ``reach`` along ``H^{-1}`` times the rays of the normal cone there."""
    Hinv = np.linalg.inv(H)
    wedges = []
    for corner, rays in (
        ((t, 0), ((1, 1), (1, -1))),
        ((0, t), ((1, 1), (-1, 1))),
        ((-t, 0), ((-1, 1), (-1, -1))),
        ((0, -t), ((1, -1), (-1, -1))),
    ):
        c = np.array(corner, dtype=float)
        d = [Hinv @ np.array(r, dtype=float) for r in rays]
        d = [v / np.linalg.norm(v) * reach for v in d]
        wedges.append(np.array([c, c + d[0], c + d[1]]))
    return wedges


def plot_corner_wedges(
    hessian: ArrayLike, t: float, w_samples: ArrayLike, *, ax: Any = None
) -> tuple[Any, dict]:
    """Where the least-squares point must lie for the L1-constrained solution to be a corner.

    Parameters
    ----------
    hessian : array_like of shape (2, 2)
        ``X^T X``, symmetric positive definite, shared by all samples.
    t : float
        The budget of ``||w||_1 <= t``, > 0.
    w_samples : array_like of shape (k, 2)
        Least-squares points to classify, each with ``||w||_1 > t``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"corner_hit"`` (bool (k,), the exact constrained solution has a zero coordinate),
        ``"in_wedge"`` (bool (k,),
        :func:`lessonlib.topics.geometry.corner_of_wedge` finds a corner),
        ``"wedges"`` (four (3, 2) triangles: apex at a corner, edges along
        ``H^{-1}`` times the normal cone's rays).

    Examples
    --------
    >>> ax, d = plot_corner_wedges([[1.0, 0.0], [0.0, 1.0]], 1.0, [[2.0, 0.2], [1.0, 1.0]])
    >>> d["corner_hit"].tolist(), d["in_wedge"].tolist()
    ([True, False], [True, False])
    """
    from lessonlib.topics.geometry import corner_of_wedge, l1_batch

    H, t, W = _check_wedge_inputs(hessian, t, w_samples)
    k = W.shape[0]
    sol = l1_batch(W, np.broadcast_to(H, (k, 2, 2)), np.full(k, t))
    corner_hit = np.any(sol == 0.0, axis=1)
    in_wedge = np.array([corner_of_wedge(w, H, t) >= 0 for w in W])
    wedges = _wedges(H, t, reach=10 * (t + np.abs(W).max()))
    lim = 1.1 * np.abs(W).max()
    with book_style():
        ax = get_axes(ax, figsize=(5.5, 5.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axvline(0.0, color=color("guide"), linewidth=1)
        for i, wedge in enumerate(wedges):
            ax.fill(
                wedge[:, 0],
                wedge[:, 1],
                color=color("lasso"),
                alpha=0.15,
                linewidth=0,
                label="wedges: solution is a corner" if i == 0 else None,
            )
        diamond = np.array([[t, 0], [0, t], [-t, 0], [0, -t], [t, 0]], dtype=float)
        ax.fill(
            diamond[:, 0],
            diamond[:, 1],
            color=color("constraint"),
            alpha=0.6,
            label=f"$\\|w\\|_1 \\leq t = {t:.3f}$",
        )
        ax.plot(
            W[corner_hit, 0],
            W[corner_hit, 1],
            "o",
            color=color("lasso"),
            markersize=3,
            label="$w_{\\text{ols}}$ with a corner solution",
        )
        ax.plot(
            W[~corner_hit, 0],
            W[~corner_hit, 1],
            "o",
            color=color("ridge"),
            markersize=3,
            markerfacecolor="none",
            label="$w_{\\text{ols}}$ with an edge solution",
        )
        ax.set_aspect("equal")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_xlabel("$w_1$ (least squares)")
        ax.set_ylabel("$w_2$ (least squares)")
        ax.set_title("Where the least-squares point sends the lasso")
        legend_below(ax)  # the points fill the panel
    return ax, {"corner_hit": corner_hit, "in_wedge": in_wedge, "wedges": wedges}
