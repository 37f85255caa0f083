"""Figures for one feature: slopes against lambda, the lasso loss and its kink, shrinkage rules."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import scale, simple
from lessonlib._validation import as_float_vector, check_nonnegative_vector, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.style import book_style, color


def plot_slope_vs_lambda(
    x: ArrayLike, y: ArrayLike, lambdas: ArrayLike, *, ax: Any = None
) -> tuple[Any, dict]:
    """Ridge and lasso slopes against lambda, with ``lambda_star = 2|Sxy|`` marked.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lambdas : array_like of shape (k,)
        Penalty weights, >= 0.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"ridge"``, ``"lasso"`` (arrays of shape (k,)) and
        ``"lambda_star"`` (float).

    Notes
    -----
    Ridge: :math:`m = S_{xy}/(S_{xx}+\\lambda)` only approaches 0. Lasso:
    :math:`m = \\operatorname{sign}(S_{xy})(|S_{xy}| - \\lambda/2)_+/S_{xx}` is exactly 0
    for :math:`\\lambda \\ge \\lambda^* = 2|S_{xy}|`.

    Examples
    --------
    >>> ax, d = plot_slope_vs_lambda([1, 2, 3], [2, 4, 7], [0, 5, 10, 15])
    >>> d["lambda_star"], d["lasso"].tolist()
    (10.0, [2.5, 1.25, 0.0, 0.0])
    """
    s = simple.sufficient_stats(x, y)
    lambdas = check_nonnegative_vector(lambdas, "lambdas")
    ridge = np.atleast_1d(simple.ridge_slope(s.Sxx, s.Sxy, lambdas))
    lasso = np.atleast_1d(simple.lasso_slope(s.Sxx, s.Sxy, lambdas))
    lam_star = scale.lambda_star(x, y)
    with book_style():
        ax = get_axes(ax)
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.plot(lambdas, ridge, color=color("ridge"), label="ridge  $S_{xy}/(S_{xx}+\\lambda)$")
        ax.plot(lambdas, lasso, color=color("lasso"), label="lasso (exactly 0 past $\\lambda^*$)")
        ax.axvline(
            lam_star,
            color=color("guide"),
            linestyle="--",
            linewidth=1.5,
            label=f"$\\lambda^* = 2|S_{{xy}}| = {lam_star:.4g}$",
        )
        ax.set_xlabel("penalty weight $\\lambda$")
        ax.set_ylabel("slope $m$")
        ax.set_title("Ridge shrinks the slope, lasso sets it to zero")
        ax.legend()
    return ax, {"lambda": lambdas, "ridge": ridge, "lasso": lasso, "lambda_star": lam_star}


def plot_lasso_loss_curves(
    x: ArrayLike, y: ArrayLike, lambdas: ArrayLike, *, ms: ArrayLike | None = None, ax: Any = None
) -> tuple[Any, dict]:
    """The lasso loss (minimised over b) against m, one curve per lambda, minimisers marked.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lambdas : array_like of shape (k,)
        Penalty weights, >= 0.
    ms : array_like, optional
        Slopes at which to draw the curves; default 601 points over
        ``[-1.5|m_ols|, 1.5|m_ols|]``. ``m = 0`` is always added, so the kink shows.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"m"`` (sorted, with 0), ``"loss"`` (shape (k, len(m)), one row per lambda),
        ``"lambdas"``, ``"minimisers"`` (the closed-form lasso slopes, shape (k,)).

    Notes
    -----
    :math:`L(m) = S_{yy} - 2mS_{xy} + m^2S_{xx} + \\lambda|m|`. Every curve passes through
    :math:`(0, S_{yy})` with a kink there; once :math:`\\lambda \\ge 2|S_{xy}|` the kink is
    the lowest point and the minimiser stays at exactly 0.

    Examples
    --------
    >>> ax, d = plot_lasso_loss_curves([1, 2, 3], [2, 4, 7], [0, 4, 12])
    >>> d["loss"].shape == (3, d["m"].size), 0.0 in d["m"], d["minimisers"].tolist()
    (True, True, [2.5, 1.5, 0.0])
    """
    s = simple.sufficient_stats(x, y)
    lambdas = check_nonnegative_vector(lambdas, "lambdas")
    if ms is None:
        reach = 1.5 * abs(s.Sxy / s.Sxx)
        ms = np.linspace(-reach, reach, 601)
    ms = np.union1d(as_float_vector(ms, "ms"), [0.0])
    loss = np.array([simple.profile_loss(ms, x, y, float(lam), "l1") for lam in lambdas])
    minimisers = np.atleast_1d(simple.lasso_slope(s.Sxx, s.Sxy, lambdas))
    with book_style():
        import matplotlib.pyplot as plt

        ax = get_axes(ax)
        shades = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, lambdas.size))
        ax.axvline(0.0, color=color("guide"), linestyle=":", linewidth=1)
        for lam, row, m_hat, shade in zip(lambdas, loss, minimisers, shades):
            ax.plot(ms, row, color=shade, label=f"$\\lambda = {lam:.4g}$")
            loss_hat = simple.profile_loss(float(m_hat), x, y, float(lam), "l1")
            ax.plot([m_hat], [loss_hat], "o", color=shade, markeredgecolor="black")
        ax.set_xlabel("slope $m$")
        ax.set_ylabel("loss, best $b$ for each $m$")
        ax.set_title("The kink at $m = 0$ catches the minimiser")
        ax.legend()
    return ax, {"m": ms, "loss": loss, "lambdas": lambdas, "minimisers": minimisers}


def plot_shrinkage(
    z: ArrayLike | None = None, t: float = 1.0, *, ax: Any = None
) -> tuple[Any, dict]:
    """Soft thresholding (lasso) vs proportional shrinkage (ridge) vs hard thresholding.

    Parameters
    ----------
    z : array_like, optional
        Least-squares estimates to shrink; default 601 points on [-3t - 1, 3t + 1], plus 0.
    t : float, default=1.0
        Threshold, >= 0.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"z"``, ``"soft"``, ``"ridge"``, ``"hard"`` (same shape), and ``"t"``.

    Notes
    -----
    For an orthonormal design (``Sxx = 1``) the least-squares estimate is ``z = Sxy``.
    In the article's scaling with ``lam = 2t``: lasso gives ``soft_threshold(z, t)``,
    ridge with the same ``lam`` gives ``z / (1 + 2t)``, and hard thresholding keeps
    ``z`` where ``|z| > t`` and gives 0 elsewhere.

    Examples
    --------
    >>> ax, d = plot_shrinkage([-2.0, 0.5, 2.0], t=1.0)
    >>> d["soft"].tolist(), d["hard"].tolist()
    ([-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0])
    """
    t = check_penalty(t, "t")
    if z is None:
        z = np.union1d(np.linspace(-3 * t - 1, 3 * t + 1, 601), [0.0])
    z = as_float_vector(z, "z")
    soft = np.asarray(simple.soft_threshold(z, t))
    ridge = z / (1 + 2 * t)
    hard = np.where(np.abs(z) > t, z, 0.0)
    with book_style():
        ax = get_axes(ax)
        ax.plot(z, z, color=color("guide"), linestyle=":", linewidth=1.5, label="least squares $z$")
        ax.plot(z, hard, color=color("hard"), linestyle="--", label="hard threshold")
        ax.plot(z, ridge, color=color("ridge"), label="ridge $z/(1+2t)$")
        ax.plot(z, soft, color=color("lasso"), label="lasso: soft threshold")
        ax.axvspan(-t, t, color=color("lasso"), alpha=0.08, linewidth=0)
        ax.set_xlabel("least-squares estimate $z$")
        ax.set_ylabel("penalised estimate")
        ax.set_title(f"Shrinkage rules, threshold $t = {t:g}$")
        ax.legend()
    return ax, {"z": z, "soft": soft, "ridge": ridge, "hard": hard, "t": t}


def plot_shrinkage_factors(
    x: ArrayLike, y: ArrayLike, t: ArrayLike, *, axes: Any = None
) -> tuple[Any, dict]:
    """The fraction ``m / m_OLS`` of the least-squares slope that ridge and lasso keep.

    Each penalty is measured in its own unit-free scale, so that nothing depends on the
    units of ``x`` and ``y``: ridge at ``lam = t * Sxx``, lasso at ``lam = t * lambda_star``
    (``lambda_star = 2|Sxy|``). Two panels, one per penalty: their horizontal axes are
    different quantities and are not compared with each other; the shapes are.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target, with ``Sxy != 0``.
    t : array_like of shape (k,)
        Unit-free penalty weights, >= 0.
    axes : sequence of two matplotlib Axes, optional
        Where to draw (ridge, lasso); a new figure with two panels if omitted.

    Returns
    -------
    axes : array of two matplotlib Axes
    data : dict
        ``"t"``, ``"ridge"`` (``Sxx/(Sxx + t Sxx) = 1/(1 + t)``) and ``"lasso"``
        (``max(1 - t, 0)``), each computed from the fitted slopes as ``m / m_OLS``.

    Notes
    -----
    Ridge multiplies the least-squares slope by ``Sxx/(Sxx + lam)``, a factor that is
    positive for every ``lam``; the lasso subtracts ``lam/(2 Sxx)`` from ``|m_OLS|`` and
    stops at 0, which it reaches at ``lambda_star``. Rescaling ``x`` or ``y`` by a
    constant multiplies ``Sxx`` and ``lambda_star`` with the penalty, so the curves do
    not move.

    Examples
    --------
    >>> ax, d = plot_shrinkage_factors([1, 2, 3], [2, 4, 7], [0.0, 0.5, 1.0, 2.0])
    >>> d["ridge"].round(4).tolist(), d["lasso"].tolist()
    ([1.0, 0.6667, 0.5, 0.3333], [1.0, 0.5, 0.0, 0.0])
    """
    s = simple.sufficient_stats(x, y)
    if s.Sxy == 0.0:
        raise ValueError("x and y must have Sxy != 0 (the least-squares slope is 0)")
    t = check_nonnegative_vector(t, "t")
    m_ols = s.Sxy / s.Sxx
    lam_star = scale.lambda_star(x, y)
    ridge = np.atleast_1d(simple.ridge_slope(s.Sxx, s.Sxy, t * s.Sxx)) / m_ols
    lasso = np.atleast_1d(simple.lasso_slope(s.Sxx, s.Sxy, t * lam_star)) / m_ols
    with book_style():
        if axes is None:
            import matplotlib.pyplot as plt

            _, axes = plt.subplots(1, 2, figsize=(7.6, 3.6), sharey=True)
        ax_r, ax_l = axes
        for ax, factor, name, label in [
            (ax_r, ridge, "ridge", "penalty $\\lambda / S_{xx}$ (ridge)"),
            (ax_l, lasso, "lasso", "penalty $\\lambda / \\lambda^*$ (lasso)"),
        ]:
            ax.axhline(0.0, color=color("guide"), linewidth=1)
            ax.plot(t, factor, color=color(name), linewidth=2)
            ax.set_xlabel(label)
        ax_r.set_ylabel("$m / m_{\\mathrm{OLS}}$")
        ax_r.set_title("ridge: multiplies by $1/(1 + \\lambda/S_{xx})$")
        ax_l.set_title("lasso: subtracts, exactly 0 from $\\lambda^*$")
        ax_l.axvline(1.0, color=color("guide"), linestyle="--", linewidth=1.5)
    return np.asarray(axes), {"t": t, "ridge": ridge, "lasso": lasso}
