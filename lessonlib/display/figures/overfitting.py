"""Figures of the Regularization chapter's over-fitting example."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_vector, check_nonnegative_vector
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._lambda_zero import mark_lambda_zero
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color


def plot_error_curve(curve: dict, *, ax: Any = None) -> tuple[Any, dict]:
    """Training, validation and test mean squared error against lambda (log axis).

    Parameters
    ----------
    curve : dict
        As returned by :func:`lessonlib.topics.overfitting.error_curve`: ``"lambda"``,
        ``"train_mse"``, ``"test_mse"`` and, when the data have a validation sample,
        ``"val_mse"``. An entry with ``lambda == 0`` (least squares) has no place on the
        log axis: it is marked left of it, past a break (:func:`mark_lambda_zero`), and
        left out of the curves.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"train_mse"``, ``"test_mse"`` and ``"val_mse"`` (None without a
        validation sample) as plotted, and ``"chosen_lambda"``: the plotted lambda with
        the lowest validation error, marked on the figure (None without one). The test
        error plays no part in the choice. ``"lambda0"``: the errors at ``lambda == 0``
        as marked (name -> value, with where they stand and which are off the scale, as
        :func:`mark_lambda_zero` returns them), or None when the curve has no such entry.

    Examples
    --------
    >>> curve = {"lambda": np.array([0.1, 1.0, 10.0]), "train_mse": np.array([0.1, 0.2, 0.4]),
    ...          "val_mse": np.array([0.5, 0.4, 0.6]), "test_mse": np.array([0.6, 0.3, 0.5])}
    >>> ax, d = plot_error_curve(curve)
    >>> d["chosen_lambda"]
    1.0
    """
    lambdas = check_nonnegative_vector(curve["lambda"], "curve['lambda']")
    train = as_float_vector(curve["train_mse"], "curve['train_mse']")
    test = as_float_vector(curve["test_mse"], "curve['test_mse']")
    val = curve.get("val_mse")
    val = None if val is None else as_float_vector(val, "curve['val_mse']")
    if not (lambdas.size == train.size == test.size == (lambdas.size if val is None else val.size)):
        raise ValueError(
            "curve's 'lambda', 'train_mse', 'test_mse' (and 'val_mse') must have the same length"
        )
    keep = lambdas > 0
    if not keep.any():
        raise ValueError("curve['lambda'] must contain a positive lambda to plot on a log axis")
    at_zero = [
        (name, float(values[~keep][0]), color(key))
        for name, values, key in (
            ("training error", train, "ols"),
            ("validation error", val, "ridge"),
            ("test error", test, "highlight"),
        )
        if values is not None and not keep.all()
    ]
    lambdas, train, test = lambdas[keep], train[keep], test[keep]
    val = None if val is None else val[keep]
    chosen = None if val is None else float(lambdas[np.argmin(val)])
    with book_style():
        ax = get_axes(ax, figsize=(6.4, 5.0))
        ax.plot(lambdas, train, color=color("ols"), label="training error")
        if val is not None:
            ax.plot(lambdas, val, color=color("ridge"), linestyle="-.", label="validation error")
        ax.plot(lambdas, test, color=color("highlight"), label="test error")
        if chosen is not None:
            ax.axvline(
                chosen,
                color=color("guide"),
                linestyle="--",
                linewidth=1.5,
                label=f"chosen on validation, $\\lambda = {chosen:.2g}$",
            )
        ax.set_xscale("log")
        zero = mark_lambda_zero(ax, float(lambdas.min()), at_zero) if at_zero else None
        ax.set_xlabel("penalty weight $\\lambda$ (log scale)")
        ax.set_ylabel("mean squared error")
        ax.set_title("Too little penalty over-fits, too much under-fits")
        legend_below(ax, fontsize=9)  # inside, it covers the curves on a phone
    return ax, {
        "lambda": lambdas,
        "train_mse": train,
        "val_mse": val,
        "test_mse": test,
        "chosen_lambda": chosen,
        "lambda0": zero,
    }


def plot_polynomial_fits(
    data: Any, fits: dict, *, ax: Any = None, n_grid: int = 400
) -> tuple[Any, dict]:
    """Training points, the true curve ``sin(2 pi x)`` and several fitted polynomials.

    Parameters
    ----------
    data : lessonlib.topics.overfitting.SineData
        The training and test points and the true curve, from
        :func:`lessonlib.topics.overfitting.make_sine_data`.
    fits : dict
        Label -> ``(coef, intercept)`` from
        :func:`lessonlib.topics.overfitting.fit_polynomial`.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.
    n_grid : int, default=400
        Points on [0, 1] where the curves are evaluated.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"x"`` (the grid), ``"truth"`` and ``"curves"`` (label -> fitted values on the grid).

    Examples
    --------
    >>> from lessonlib.topics import overfitting
    >>> d = overfitting.make_sine_data(seed=0)
    >>> fit = overfitting.fit_polynomial(d.x_train, d.y_train, 3, 1.0)
    >>> ax, out = plot_polynomial_fits(d, {"ridge": fit})
    >>> out["curves"]["ridge"].shape
    (400,)
    """
    from lessonlib.topics import overfitting

    grid = np.linspace(0.0, 1.0, n_grid)
    truth = np.sin(2 * np.pi * grid)
    palette = [
        color("ols"),
        color("ridge"),
        color("highlight"),
        color("lasso"),
        color("elastic net"),
    ]
    curves = {
        label: overfitting.predict_polynomial(grid, data.x_train, np.asarray(coef), intercept)
        for label, (coef, intercept) in fits.items()
    }
    with book_style():
        ax = get_axes(ax, figsize=(6.4, 5.0))
        ax.plot(grid, truth, color=color("guide"), linestyle="--", label="true curve")
        for (label, values), col in zip(curves.items(), palette):
            ax.plot(grid, values, color=col, label=label)
        ax.scatter(
            data.x_train, data.y_train, color=color("data"), zorder=3, label="training points"
        )
        spread = np.ptp(data.y_train)
        ax.set_ylim(data.y_train.min() - 0.6 * spread, data.y_train.max() + 0.6 * spread)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title("Degree-9 polynomial fits")
        legend_below(ax, ncols=2, fontsize=9)  # the curves leave no corner of the panel free
    return ax, {"x": grid, "truth": truth, "curves": curves}
