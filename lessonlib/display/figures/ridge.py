"""Figures of the ridge chapter: the one-feature ridge slope, and a ridge path crossing zero."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import simple
from lessonlib._validation import check_nonnegative_vector, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures.paths import plot_coef_paths
from lessonlib.display.style import book_style, color


def plot_ridge_slope(
    x: ArrayLike, y: ArrayLike, lambdas: ArrayLike, *, ax: Any = None
) -> tuple[Any, dict]:
    """The ridge slope ``Sxy/(Sxx + lam)`` against lambda (log axis), with its halfway point.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target; ``x`` must not be constant.
    lambdas : array_like of shape (k,)
        Penalty weights, > 0 (the axis is logarithmic).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"ridge"`` (arrays of shape (k,)), ``"m_ols"`` (the slope at
        ``lam = 0``) and ``"lambda_half"`` (``= Sxx``, where the slope is half of ``m_ols``).

    Notes
    -----
    :math:`m_\\text{ridge} = m_\\text{OLS}\\, S_{xx}/(S_{xx} + \\lambda)`: the least-squares
    slope times a factor in :math:`(0, 1]` that equals 1/2 at :math:`\\lambda = S_{xx}`.

    Examples
    --------
    >>> ax, d = plot_ridge_slope([1, 2, 3], [2, 4, 7], [1.0, 2.0, 8.0])
    >>> d["ridge"].tolist(), d["m_ols"], d["lambda_half"]
    ([1.6666666666666667, 1.25, 0.5], 2.5, 2.0)
    """
    s = simple.sufficient_stats(x, y)
    lambdas = check_nonnegative_vector(lambdas, "lambdas")
    if np.any(lambdas == 0):
        raise ValueError("lambdas must be > 0 for the log axis")
    ridge = np.atleast_1d(simple.ridge_slope(s.Sxx, s.Sxy, lambdas))
    m_ols = s.Sxy / s.Sxx
    with book_style():
        ax = get_axes(ax)
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axhline(
            m_ols,
            color=color("ols"),
            linestyle=":",
            linewidth=1.5,
            label=f"least squares $m = {m_ols:.4g}$",
        )
        ax.plot(lambdas, ridge, color=color("ridge"), label="ridge $S_{xy}/(S_{xx}+\\lambda)$")
        if lambdas.min() <= s.Sxx <= lambdas.max():
            ax.plot(
                [s.Sxx],
                [m_ols / 2],
                "o",
                color=color("highlight"),
                markeredgecolor="black",
                label=f"half way at $\\lambda = S_{{xx}} = {s.Sxx:.4g}$",
            )
        ax.set_xscale("log")
        ax.set_xlabel("penalty weight $\\lambda$ (log scale)")
        ax.set_ylabel("slope $m$")
        ax.set_title("The ridge slope shrinks towards 0")
        ax.legend()
    return ax, {"lambda": lambdas, "ridge": ridge, "m_ols": m_ols, "lambda_half": s.Sxx}


def plot_ridge_crossing(
    alphas: ArrayLike,
    coefs: ArrayLike,
    feature_names: list[str],
    alpha_cross: float,
    *,
    ax: Any = None,
) -> tuple[Any, dict]:
    """A ridge coefficient path with the penalty where a coefficient crosses zero marked.

    Parameters
    ----------
    alphas : array_like of shape (k,)
        Penalty weights, > 0 (log axis).
    coefs : array_like of shape (k, p)
        Ridge coefficients, one row per alpha (e.g. from :func:`lessonlib.path.ridge_path`).
    feature_names : list of str
        ``p`` names.
    alpha_cross : float
        The crossing penalty, > 0 (e.g. from
        :func:`lessonlib.topics.ridge_zero.ridge_zero_crossing`).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        What :func:`lessonlib.display.figures.plot_coef_paths` returns (``"alphas"``, ``"coefs"``,
        ``"zero_mask"``) plus ``"alpha_cross"``.

    Examples
    --------
    >>> ax, d = plot_ridge_crossing([0.1, 1.0, 10.0], [[1.0, -0.5], [0.8, 0.1], [0.2, 0.1]],
    ...                             ["a", "b"], 0.5)
    >>> d["alpha_cross"], int(d["zero_mask"].sum())
    (0.5, 0)
    """
    alpha_cross = check_penalty(alpha_cross, "alpha_cross", allow_zero=False)
    with book_style():
        ax, data = plot_coef_paths(
            alphas,
            coefs,
            feature_names,
            ax=ax,
            title="A ridge coefficient crosses zero and moves on",
        )
        ax.axvline(
            alpha_cross,
            color=color("guide"),
            linestyle="--",
            linewidth=1.5,
            label=f"sign change at $\\alpha = {alpha_cross:.4g}$",
        )
        ax.plot([alpha_cross], [0.0], "o", color=color("highlight"), markeredgecolor="black")
        ax.set_xlabel("penalty weight $\\alpha$ (log scale)")
        ax.legend(fontsize=9)
    return ax, {**data, "alpha_cross": alpha_cross}
