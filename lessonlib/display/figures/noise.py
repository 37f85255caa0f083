"""Figures for noisy data: how often the lasso's coefficient is exactly zero (chapter
"Orthonormal features")."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color
from lessonlib.topics.orthonormal import zero_probability


def plot_zero_probability(
    sigma: float,
    lams: ArrayLike,
    *,
    beta_max: float = 4.0,
    points: tuple[ArrayLike, ArrayLike] | None = None,
    ax: Any = None,
) -> tuple[Any, dict]:
    """P(lasso coefficient = 0) against the true coefficient, for orthonormal features.

    Parameters
    ----------
    sigma : float
        Noise standard deviation, ``> 0``.
    lams : array_like of shape (k,)
        Penalties in the article's scaling (thresholds ``lam / 2``), one curve each.
    beta_max : float, default=4.0
        The curves run over true coefficients from ``-beta_max`` to ``beta_max``.
    points : (array_like, array_like), optional
        True coefficients and measured frequencies of exact zeros (a simulation), drawn as
        dots on the first curve's colour.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"beta"``: the grid; ``"curves"``: lam -> probabilities
        (:func:`lessonlib.topics.orthonormal.zero_probability`); ``"points"``: the dots.

    Examples
    --------
    >>> ax, d = plot_zero_probability(1.0, [2.0])
    >>> round(float(d["curves"][2.0][d["beta"] == 0.0][0]), 4)  # 2 Phi(1) - 1
    0.6827
    """
    sigma = check_penalty(sigma, "sigma", allow_zero=False)
    lams = as_float_vector(lams, "lams")
    beta_max = check_penalty(beta_max, "beta_max", allow_zero=False)
    beta = np.union1d(np.linspace(-beta_max, beta_max, 401), [0.0])
    curves = {float(lam): zero_probability(beta, sigma, float(lam)) for lam in lams}
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    with book_style():
        ax = get_axes(ax)
        for k, (lam, prob) in enumerate(curves.items()):
            label = f"$\\lambda = {lam:g}$ (threshold {lam / 2:g})"
            ax.plot(beta, prob, color=styles[k % len(styles)], label=label)
        dots = None
        if points is not None:
            b, f = (as_float_vector(v, "points") for v in points)
            ax.plot(b, f, "o", color=styles[0], markeredgecolor="black", label="simulation")
            dots = (b, f)
        ax.set_xlabel("true coefficient $\\beta_j$")
        ax.set_ylabel("Pr(lasso coefficient exactly 0)")
        ax.set_ylim(-0.03, 1.03)
        legend_below(ax, ncols=2)  # the widest plateau leaves no corner free
    return ax, {"beta": beta, "curves": curves, "points": dots}


def plot_recovery(
    curves: dict[str, tuple[ArrayLike, ArrayLike]], *, ax: Any = None
) -> tuple[Any, dict]:
    """The share of data sets in which the lasso recovers the signed support, one line each.

    Parameters
    ----------
    curves : dict of str -> (array_like, array_like)
        Label (e.g. "p = 64") -> the rescaled sample sizes ``n / (2 |S| log(p - |S|))`` and the
        shares of exact recovery there.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"curves"``: label -> (theta, share) as drawn.

    Examples
    --------
    >>> ax, d = plot_recovery({"p = 64": ([0.5, 1.0], [0.1, 0.7])})
    >>> d["curves"]["p = 64"][1].tolist()
    [0.1, 0.7]
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError("curves must be a non-empty dict of label -> (theta, share)")
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    drawn = {}
    with book_style():
        ax = get_axes(ax)
        for k, (label, (theta, share)) in enumerate(curves.items()):
            t, s = as_float_vector(theta, "theta"), as_float_vector(share, "share")
            if t.size != s.size or np.any((s < 0) | (s > 1)):
                raise ValueError(
                    f"curves[{label!r}]: theta and share of one length, shares in [0, 1]"
                )
            ax.plot(t, s, "o-", color=styles[k % len(styles)], label=label)
            drawn[label] = (t, s)
        ax.axvline(1.0, color="black", linestyle=":", linewidth=1)
        ax.set_xlabel("rescaled sample size n / (2 |S| log(p - |S|))")
        ax.set_ylabel("Pr(exact signed support)")
        ax.set_ylim(-0.03, 1.03)
        ax.legend(fontsize=9)
    return ax, {"curves": drawn}
