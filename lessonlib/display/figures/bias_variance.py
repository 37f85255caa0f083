"""Figure of the Regularization chapter: squared bias, variance and test error of a penalty."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._lambda_zero import mark_lambda_zero
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
        :func:`~lessonlib.topics.bias_variance.lasso_bias_variance`. An entry with
        ``lambda == 0`` (least squares) has no place on the log axis: its squared bias,
        variance and expected test error are marked left of it, past a break
        (:func:`~lessonlib.display.figures._lambda_zero.mark_lambda_zero`), and left out of
        the curves. The measured test error (circles) is drawn when the result has one.
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
        ``"best_lambda"``, the plotted lambda with the lowest expected test error (marked
        by a vertical line, its value written beside the line, so that two panels side by
        side each show their own); ``"best_text"``, that written value;
        ``"lambda0"``, the terms at ``lambda == 0`` as marked (name -> value, with where
        they stand and which are off the scale), or None when the result has no such entry.

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
    at_zero = _at_lambda_zero(result, keep)
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
        best_text = _mark_best(ax, best)
        ax.set_xscale("log")
        zero = mark_lambda_zero(ax, float(lam.min()), at_zero) if at_zero else None
        ax.set_xlabel("penalty weight $\\lambda$ (log scale)")
        ax.set_ylabel("mean squared error")
        ax.set_title(_default_title(result) if title is None else title)
        if legend_loc is not None:
            box = None if zero is None else zero["legend_box"]
            ax.legend(fontsize=9, loc=legend_loc, bbox_to_anchor=box)
    return ax, {
        "lambda": lam,
        "bias2": bias2,
        "variance": var,
        "expected_mse": expected,
        "simulated_mse": simulated,
        "noise_var": float(result.noise_var),
        "best_lambda": best,
        "best_text": best_text,
        "lambda0": zero,
    }


def _mark_best(ax: Any, best: float) -> str:
    """A vertical line at ``best`` (legend: what it marks) and its value written beside it.

    The legend entry carries no value: a legend shared by two panels would show one panel's.
    """
    ax.axvline(best, color=color("highlight"), linewidth=1.5, label="lowest expected test error")
    text = f"$\\lambda = {best:.2g}$"
    ax.annotate(
        text,
        xy=(best, 0.5),
        xycoords=("data", "axes fraction"),
        xytext=(4, 0),
        textcoords="offset points",
        color=color("highlight"),
        fontsize=10,
        ha="left",
        va="center",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )
    return text


def _at_lambda_zero(result: Any, keep: np.ndarray) -> list[tuple[str, float, str]]:
    """The terms at lambda = 0 (name, value, colour of its curve); empty without that entry."""
    if keep.all():
        return []
    return [
        (name, float(values[~keep][0]), color(key))
        for name, values, key in (
            ("test error", result.expected_mse, "ols"),
            ("squared bias", result.bias2, "lasso"),
            ("variance", result.variance, "ridge"),
        )
    ]


def _default_title(result: Any) -> str:
    """The penalty and how its terms were found: "Ridge, exact", "Lasso, 1000 simulated ..."."""
    how = "exact" if result.n_rep == 0 else f"{result.n_rep} simulated training sets"
    return f"{'Ridge' if result.penalty == 'l2' else 'Lasso'}, {how}"
