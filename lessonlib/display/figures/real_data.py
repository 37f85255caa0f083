"""Figures for the diabetes chapter: ridge and lasso coefficient paths side by side."""

from __future__ import annotations

from typing import Any

from numpy.typing import ArrayLike

from lessonlib.display.figures.paths import plot_coef_paths
from lessonlib.display.style import book_style, subplots


def plot_ridge_lasso_paths(
    ridge_alphas: ArrayLike,
    ridge_coefs: ArrayLike,
    lasso_alphas: ArrayLike,
    lasso_coefs: ArrayLike,
    feature_names: list[str],
    *,
    ax: Any = None,
) -> tuple[Any, dict]:
    """Ridge paths (left) and lasso paths (right), each against its own alpha scale.

    Parameters
    ----------
    ridge_alphas, lasso_alphas : array_like of shape (k,) and (m,)
        Penalty weights (> 0, log axis), each on its own estimator's scale.
    ridge_coefs, lasso_coefs : array_like of shape (k, p) and (m, p)
        Coefficients, one row per alpha.
    feature_names : list of str
        ``p`` names; one legend, beside the right panel.
    ax : pair of matplotlib Axes, optional
        Where to draw (ridge, lasso); a new 1 x 2 figure if omitted.

    Returns
    -------
    ax : tuple of two Axes
    data : dict
        ``"ridge"`` and ``"lasso"``: the dicts returned by
        :func:`lessonlib.display.figures.plot_coef_paths` (``alphas``, ``coefs``, ``zero_mask``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> axes, d = plot_ridge_lasso_paths([1.0, 10.0], [[2.0, 1.0], [1.0, 0.5]],
    ...                                  [0.1, 1.0], [[1.5, 0.5], [1.0, 0.0]], ["a", "b"])
    >>> int(d["ridge"]["zero_mask"].sum()), int(d["lasso"]["zero_mask"].sum())
    (0, 1)
    >>> plt.close(axes[0].figure)
    """
    if ax is None:
        _, ax = subplots(1, 2, figsize=(11.0, 4.4), layout="constrained", sharey=True)
    try:
        ax_ridge, ax_lasso = ax
    except (TypeError, ValueError):
        raise ValueError("ax must be a pair of Axes (ridge, lasso)") from None
    names = [str(name) for name in feature_names]
    _, ridge = plot_coef_paths(
        ridge_alphas,
        ridge_coefs,
        names,
        ax=ax_ridge,
        title="Ridge: everything shrinks, nothing is 0",
    )
    _, lasso = plot_coef_paths(
        lasso_alphas, lasso_coefs, names, ax=ax_lasso, title="Lasso: exact zeros (open circles)"
    )
    with book_style():
        for axis, label in (
            (ax_ridge, "ridge alpha (Ridge scale)"),
            (ax_lasso, "lasso alpha (Lasso scale, 1/(2n))"),
        ):
            axis.set_xlabel(label)
            if axis.get_legend() is not None:
                axis.get_legend().remove()
        ax_lasso.legend(fontsize=9, loc="center left", bbox_to_anchor=(1.02, 0.5))
    return (ax_ridge, ax_lasso), {"ridge": ridge, "lasso": lasso}
