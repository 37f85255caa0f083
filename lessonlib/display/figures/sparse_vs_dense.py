"""Figure of the Regularization chapter: lasso against ridge on a sparse and a dense truth."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib.display.figures._stacking import leave_room_when_stacked
from lessonlib.display.style import book_style, color, subplots


def plot_sparse_vs_dense(results: dict, *, ax: Any = None) -> tuple[Any, dict]:
    """Test error against training ``r^2``, lasso and ridge, one panel per truth.

    Plotting both methods against their ``r^2`` on the training data (as James et al.
    do in *An Introduction to Statistical Learning*, Figures 6.8 and 6.9) puts the two
    penalties, whose weights live on different scales, on one axis.

    Parameters
    ----------
    results : dict
        Panel title -> :class:`lessonlib.topics.sparse_vs_dense.SparseDenseResult`.
    ax : sequence of matplotlib Axes, optional
        One Axes per entry of ``results``; a new 1 x k figure if omitted.

    Returns
    -------
    ax : tuple of Axes
    data : dict
        Per title: ``"lasso_r2"``, ``"lasso_mse"``, ``"ridge_r2"``, ``"ridge_mse"`` as
        plotted, ``"noise_var"``, and the lowest test error of each method,
        ``"lasso_min"`` and ``"ridge_min"``.

    Examples
    --------
    >>> from lessonlib.topics.sparse_vs_dense import lasso_ridge_test_error
    >>> res = lasso_ridge_test_error([2.0, 0.0, 0.0], [0.01, 1.0], [0.01, 100.0],
    ...                              rng=np.random.default_rng(0), n_train=20, n_rep=3)
    >>> axes, d = plot_sparse_vs_dense({"sparse": res})
    >>> sorted(d["sparse"])[:2]
    ['lasso_min', 'lasso_mse']
    """
    from lessonlib.topics.sparse_vs_dense import SparseDenseResult

    if not isinstance(results, dict) or not results:
        raise TypeError("results must be a non-empty dict of title -> SparseDenseResult")
    for title, res in results.items():
        if not isinstance(res, SparseDenseResult):
            raise TypeError(
                f"results[{title!r}] must be a SparseDenseResult, got {type(res).__name__}"
            )
    if ax is None:
        fig, ax = subplots(
            1,
            len(results),
            figsize=(5.2 * len(results), 4.2),
            layout="constrained",
            sharey=True,
            squeeze=False,
        )
        leave_room_when_stacked(fig)  # on a phone, the second title clears the first x label
        ax = ax[0]
    axes = tuple(np.atleast_1d(ax))
    if len(axes) != len(results):
        raise ValueError(f"ax must hold {len(results)} Axes, one per result, got {len(axes)}")
    data = {}
    with book_style():
        for axis, (title, res) in zip(axes, results.items()):
            axis.plot(res.lasso_train_r2, res.lasso_test_mse, color=color("lasso"), label="lasso")
            axis.plot(
                res.ridge_train_r2,
                res.ridge_test_mse,
                color=color("ridge"),
                linestyle="--",
                label="ridge",
            )
            axis.axhline(
                res.noise_var,
                color=color("guide"),
                linestyle=":",
                linewidth=1.5,
                label="noise variance",
            )
            axis.set_xlabel("$r^2$ on the training data")
            axis.set_title(title)
            data[title] = {
                "lasso_r2": res.lasso_train_r2,
                "lasso_mse": res.lasso_test_mse,
                "ridge_r2": res.ridge_train_r2,
                "ridge_mse": res.ridge_test_mse,
                "noise_var": float(res.noise_var),
                "lasso_min": float(res.lasso_test_mse.min()),
                "ridge_min": float(res.ridge_test_mse.min()),
            }
        axes[0].set_ylabel("test mean squared error")
        axes[0].legend()
    return axes, data
