"""Figures of the "Choosing lambda" chapter: the cross-validation curve of the lasso."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector
from lessonlib.display.figures._common import get_axes
from lessonlib.display.style import book_style, color


def plot_cv_curve(
    curve: Any, *, n_nonzero: ArrayLike | None = None, ax: Any = None
) -> tuple[Any, dict]:
    """Mean cross-validation error against alpha (log axis), with one-standard-error bars.

    Marks ``alpha_min`` (smallest mean error), ``alpha_1se`` (largest alpha within one
    standard error of it) and the level ``mean[i_min] + se[i_min]``.

    Parameters
    ----------
    curve : lessonlib.tuning.CVCurve
        The cross-validation curve, from :func:`lessonlib.tuning.lasso_cv`.
    n_nonzero : array_like of shape (n_alphas,), optional
        Number of non-zero coefficients at each alpha; if given, shown in the legend for
        the two marked alphas.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"alpha"``, ``"mean"``, ``"se"`` as plotted, ``"alpha_min"``, ``"alpha_1se"`` and
        ``"threshold"`` (the one-standard-error level).

    Examples
    --------
    >>> from lessonlib.tuning import cv_curve
    >>> c = cv_curve([4.0, 2.0, 1.0], [[9.0, 11.0], [5.0, 6.0], [4.0, 6.0]])
    >>> ax, d = plot_cv_curve(c)
    >>> d["alpha_min"], d["alpha_1se"], d["threshold"]
    (1.0, 2.0, 6.0)
    """
    alphas = as_float_vector(curve.alphas, "curve.alphas")
    mean = as_float_vector(curve.mean, "curve.mean")
    se = as_float_vector(curve.se, "curve.se")
    if np.any(alphas <= 0):
        raise ValueError("curve.alphas must be > 0 for a log axis")
    counts = None if n_nonzero is None else as_float_vector(n_nonzero, "n_nonzero").astype(int)
    if counts is not None and counts.size != alphas.size:
        raise ValueError("n_nonzero must have one entry per alpha")
    a_min, a_1se = float(alphas[curve.i_min]), float(alphas[curve.i_1se])
    threshold = float(mean[curve.i_min] + se[curve.i_min])

    def label(name: str, a: float, i: int) -> str:
        extra = "" if counts is None else f", {counts[i]} features"
        return f"{name} $= {a:.3g}${extra}"

    with book_style():
        ax = get_axes(ax)
        ax.errorbar(
            alphas,
            mean,
            yerr=se,
            color=color("lasso"),
            ecolor=color("guide"),
            marker="o",
            markersize=3,
            linewidth=1.5,
            capsize=2,
            label="mean CV error $\\pm$ 1 SE",
        )
        ax.axhline(
            threshold, color=color("guide"), linestyle=":", linewidth=1.2, label="minimum + 1 SE"
        )
        ax.axvline(
            a_min,
            color=color("ridge"),
            linestyle="--",
            linewidth=1.5,
            label=label("$\\alpha_{\\min}$", a_min, curve.i_min),
        )
        ax.axvline(
            a_1se,
            color=color("elastic net"),
            linestyle="-.",
            linewidth=1.5,
            label=label("$\\alpha_{1\\mathrm{SE}}$", a_1se, curve.i_1se),
        )
        ax.set_xscale("log")
        ax.set_xlabel("penalty $\\alpha$ (scikit-learn's scaling, log scale)")
        ax.set_ylabel("cross-validated MSE")
        ax.set_title(f"{np.shape(curve.fold_mse)[1]}-fold cross-validation of the lasso")
        ax.legend(loc="upper left", fontsize=9)
    return ax, {
        "alpha": alphas,
        "mean": mean,
        "se": se,
        "alpha_min": a_min,
        "alpha_1se": a_1se,
        "threshold": threshold,
    }
