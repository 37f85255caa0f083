"""Figure of the Regularization chapter: squared bias, variance and test error of a penalty."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib.display.figures._common import get_axes
from lessonlib.display.style import book_style, color


def plot_bias_variance(
    result: Any, *, ax: Any = None, title: str | None = None, legend_loc: str | None = "best"
) -> tuple[Any, dict]:
    """Squared bias, variance, noise and test error against lambda (log axis).

    Parameters
    ----------
    result : lessonlib.topics.bias_variance.BiasVariance
        As returned by :func:`lessonlib.topics.bias_variance.ridge_bias_variance`,
        :func:`~lessonlib.topics.bias_variance.exact_ridge_bias_variance` or
        :func:`~lessonlib.topics.bias_variance.lasso_bias_variance`. Entries with
        ``lambda == 0`` cannot be shown on a log axis and are left out (of ``data`` too).
        The measured test error (circles) is drawn when the result has one.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.
    title : str, optional
        The panel's title; by default the penalty and how the terms were found.
    legend_loc : str or None, default="best"
        Where the legend goes (matplotlib's ``loc``); None draws none (a panel beside
        another with the same entries may leave it out; its artists keep their labels).

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"bias2"``, ``"variance"``, ``"expected_mse"`` (noise + squared bias
        + variance, the solid curve) and ``"simulated_mse"`` (the test error measured on
        new data, the circles; None when exact) as plotted; ``"noise_var"``;
        ``"best_lambda"``, the plotted lambda with the lowest expected test error (marked).

    Examples
    --------
    >>> from lessonlib.topics.bias_variance import ridge_bias_variance
    >>> x = np.linspace(0.0, 1.0, 12)
    >>> bv = ridge_bias_variance(x, x, [1e-4, 1e-2, 1.0], rng=np.random.default_rng(0),
    ...                          n_rep=20)
    >>> ax, d = plot_bias_variance(bv)
    >>> d["lambda"].size
    3
    """
    from lessonlib.topics.bias_variance import BiasVariance

    if not isinstance(result, BiasVariance):
        raise TypeError(f"result must be a BiasVariance, got {type(result).__name__}")
    keep = result.lambdas > 0
    if not keep.any():
        raise ValueError("result.lambdas must contain a positive lambda to plot on a log axis")
    lam = result.lambdas[keep]
    bias2, var = result.bias2[keep], result.variance[keep]
    expected = result.expected_mse[keep]
    simulated = None if result.simulated_mse is None else result.simulated_mse[keep]
    best = float(lam[np.argmin(expected)])
    if title is None:
        how = "exact" if result.n_rep == 0 else f"{result.n_rep} simulated training sets"
        title = f"{'Ridge' if result.penalty == 'l2' else 'Lasso'}, {how}"
    with book_style():
        ax = get_axes(ax)
        ax.plot(lam, expected, color=color("ols"), label="test error = noise + bias² + variance")
        if simulated is not None:
            ax.plot(
                lam,
                simulated,
                "o",
                color=color("ols"),
                markersize=4,
                fillstyle="none",
                label="test error measured on new data",
            )
        ax.plot(lam, bias2, color=color("lasso"), linestyle="--", label="squared bias")
        ax.plot(lam, var, color=color("ridge"), linestyle="-.", label="variance")
        ax.axhline(
            result.noise_var,
            color=color("guide"),
            linestyle=":",
            linewidth=1.5,
            label="noise variance",
        )
        ax.axvline(
            best,
            color=color("highlight"),
            linewidth=1.5,
            label=f"lowest test error, $\\lambda = {best:.2g}$",
        )
        ax.set_xscale("log")
        ax.set_xlabel("penalty weight $\\lambda$ (log scale)")
        ax.set_ylabel("mean squared error")
        ax.set_title(title)
        if legend_loc is not None:
            ax.legend(fontsize=9, loc=legend_loc)
    return ax, {
        "lambda": lam,
        "bias2": bias2,
        "variance": var,
        "expected_mse": expected,
        "simulated_mse": simulated,
        "noise_var": float(result.noise_var),
        "best_lambda": best,
    }
