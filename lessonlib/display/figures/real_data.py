"""Figures for the diabetes chapter: ridge and lasso coefficient paths side by side, and
the ridge path split along the principal directions of the features (the SVD view)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.figures._stacking import leave_room_when_stacked
from lessonlib.display.figures.paths import plot_coef_paths
from lessonlib.display.style import book_style, color, feature_style, subplots


def _two_panels(*, height: float = 4.4, sharey: bool = False) -> Any:
    fig, axes = subplots(1, 2, figsize=(11.0, height), layout="constrained", sharey=sharey)
    leave_room_when_stacked(fig)  # on a phone, the second title clears the first x label
    return axes


def plot_ridge_lasso_paths(
    ridge_alphas: ArrayLike,
    ridge_coefs: ArrayLike,
    lasso_alphas: ArrayLike,
    lasso_coefs: ArrayLike,
    feature_names: list[str],
    *,
    ridge_crossings: list[tuple[int, float]] | None = None,
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
        ``p`` names; one legend, below the lasso panel.
    ridge_crossings : list of (int, float), optional
        ``(j, alpha)``: where ridge coefficient ``j`` changes sign (as from
        :func:`lessonlib.topics.ridge_zero.ridge_crossings`); each is marked by a dot on
        the zero line, in the feature's colour.
    ax : pair of matplotlib Axes, optional
        Where to draw (ridge, lasso); a new 1 x 2 figure if omitted.

    Returns
    -------
    ax : tuple of two Axes
    data : dict
        ``"ridge"`` and ``"lasso"``: the dicts returned by
        :func:`lessonlib.display.figures.plot_coef_paths` (``alphas``, ``coefs``, ``zero_mask``);
        ``"crossings"``: the marked ``(j, alpha)``.

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
        ax = _two_panels(height=5.0, sharey=True)  # room for the legend below
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
        title="Ridge: |w| shrinks; zeros only at crossings",
    )
    _, lasso = plot_coef_paths(
        lasso_alphas, lasso_coefs, names, ax=ax_lasso, title="Lasso: exact zeros (open circles)"
    )
    with book_style():
        for axis, label in (
            (ax_ridge, r"ridge $\alpha$ (Ridge scale)"),
            (ax_lasso, r"lasso $\alpha$ (Lasso scale, $1/(2n)$)"),
        ):
            axis.set_xlabel(label)
            if axis.get_legend() is not None:
                axis.get_legend().remove()
        crossings = [(int(j), float(a)) for j, a in (ridge_crossings or [])]
        for j, alpha in crossings:
            ax_ridge.plot(
                [alpha], [0.0], "o", color=feature_style(j)["color"], markeredgecolor="black"
            )
        # below the lasso panel, not beside it: on a phone, beside it squeezes both panels
        legend_below(ax_lasso, ncols=5, fontsize=9, handlelength=1.5, columnspacing=1.0)
    return (ax_ridge, ax_lasso), {"ridge": ridge, "lasso": lasso, "crossings": crossings}


def plot_ridge_svd(
    components: Any, feature: int, feature_names: list[str], *, ax: Any = None
) -> tuple[Any, dict]:
    """The SVD view of ridge: each direction's shrinkage factor, and one coefficient's parts.

    Left: ``f_i(alpha) = d_i^2 / (d_i^2 + alpha)`` for every principal direction of the
    centred features, against alpha (log axis). Right: coefficient ``feature`` of the ridge
    path and its two parts, the share of the last direction (smallest ``d_i``) and the
    share of all the others.

    Parameters
    ----------
    components : lessonlib.topics.ridge_zero.RidgeComponents
        As returned by :func:`lessonlib.topics.ridge_zero.ridge_components`, on an alpha
        grid of positive values.
    feature : int
        Index of the coefficient drawn on the right.
    feature_names : list of str
        The ``p`` feature names.
    ax : pair of matplotlib Axes, optional
        Where to draw (factors, coefficient); a new 1 x 2 figure if omitted.

    Returns
    -------
    ax : tuple of two Axes
    data : dict
        ``"alphas"``, ``"factors"`` (k, r), ``"d2"``, and for the coefficient ``"total"``,
        ``"last"`` and ``"rest"`` (each of shape (k,), ``total = last + rest``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from lessonlib.topics.ridge_zero import ridge_components
    >>> X = np.array([[1.0, 1.0], [2.0, 1.5], [3.0, 3.5], [4.0, 4.0]])
    >>> rc = ridge_components(X, [1.0, 2.0, 2.5, 4.5], np.logspace(-2, 2, 5))
    >>> axes, d = plot_ridge_svd(rc, 1, ["a", "b"])
    >>> bool(np.allclose(d["total"], d["last"] + d["rest"]))
    True
    >>> plt.close(axes[0].figure)
    """
    from lessonlib.topics.ridge_zero import RidgeComponents

    if not isinstance(components, RidgeComponents):
        raise TypeError(f"components must be a RidgeComponents, got {type(components).__name__}")
    alphas = as_float_vector(components.alphas, "components.alphas")
    if np.any(alphas <= 0):
        raise ValueError("components.alphas must be > 0 to plot on a log axis")
    p = components.parts.shape[2]
    if isinstance(feature, bool) or not isinstance(feature, (int, np.integer)):
        raise TypeError(f"feature must be an integer, got {type(feature).__name__}")
    if not 0 <= feature < p or len(feature_names) != p:
        raise ValueError(f"feature must be in [0, {p - 1}] and feature_names hold {p} names")
    last = components.parts[:, -1, feature]
    rest = components.parts[:, :-1, feature].sum(axis=1)
    if ax is None:
        ax = _two_panels(height=5.0)  # room for the first panel's legend below it
    ax_f, ax_w = ax
    name = str(feature_names[feature])
    with book_style():
        for i in range(components.d2.size):
            last_one = i == components.d2.size - 1
            ax_f.plot(
                alphas,
                components.factors[:, i],
                color=color("highlight") if last_one else color("guide"),
                linewidth=2.2 if last_one else 1.0,
                label="last direction (smallest $d_i$)" if last_one else None,
            )
        ax_f.plot([], [], color=color("guide"), linewidth=1.0, label="the other directions")
        ax_f.set_xscale("log")
        ax_f.set_xlabel(r"ridge $\alpha$ (log scale)")
        ax_f.set_ylabel("kept share $d_i^2/(d_i^2 + \\alpha)$")
        ax_f.set_title("Each direction shrinks by its own factor")
        legend_below(ax_f, fontsize=9)  # inside, it would cover the curves' tails
        ax_w.axhline(0.0, color=color("guide"), linewidth=1)
        ax_w.plot(alphas, last + rest, color="black", linewidth=2.2, label=f"{name} coefficient")
        ax_w.plot(
            alphas, last, color=color("highlight"), linestyle="--", label="from the last direction"
        )
        ax_w.plot(
            alphas, rest, color=color("ridge"), linestyle=":", linewidth=2, label="from the others"
        )
        ax_w.set_xscale("log")
        ax_w.set_xlabel(r"ridge $\alpha$ (log scale)")
        ax_w.set_ylabel("coefficient")
        ax_w.set_title(f"{name}: the sum of its parts")
        ax_w.legend(fontsize=9)
    return (ax_f, ax_w), {
        "alphas": alphas,
        "factors": components.factors,
        "d2": components.d2,
        "total": last + rest,
        "last": last,
        "rest": rest,
    }
