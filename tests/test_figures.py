"""Every figure of lessonlib.display.figures keeps the house habits, on a small input each.

It draws into the Axes it is given (and makes no figure of its own then), makes a white
figure when given none, returns the Axes it drew on, and labels its axes. What each figure
draws is checked in tests/test_figures_<module>.py, one file per module.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessonlib import tuning
from lessonlib.display import figures, style
from lessonlib.topics import bayes, bias_variance, overfitting, ridge_zero, sparse_vs_dense

X = np.array([1.0, 2.0, 3.0, 4.0, 6.0])
Y = np.array([2.0, 1.0, 4.0, 3.0, 7.0])
SINE = overfitting.make_sine_data(seed=0)
PATH = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, -1.0]])


def inputs() -> dict[str, tuple[tuple, dict]]:
    """One small call per figure function: name -> (args, kwargs without ax)."""
    return {
        "plot_error_curve": (
            ({"lambda": [0.1, 1.0], "train_mse": [0.1, 0.2], "test_mse": [0.3, 0.2]},),
            {},
        ),
        "plot_polynomial_fits": (
            (SINE, {"ridge": overfitting.fit_polynomial(SINE.x_train, SINE.y_train, 3, 1.0)}),
            {},
        ),
        "plot_fitted_line": ((X, Y), {}),
        "plot_sse_contours": ((X, Y), {"n_grid": 21}),
        "plot_ridge_slope": ((X, Y, [1.0, 10.0]), {}),
        "plot_ridge_crossing": (
            ([0.1, 1.0, 10.0], [[1.0, -0.5], [0.8, 0.1], [0.2, 0.1]], ["a", "b"], 0.5),
            {},
        ),
        "plot_slope_vs_lambda": ((X, Y, [0.0, 5.0, 50.0]), {}),
        "plot_lasso_loss_curves": ((X, Y, [0.0, 5.0]), {}),
        "plot_shrinkage": ((), {"t": 1.0}),
        "plot_shrinkage_factors": ((X, Y, [0.0, 0.5, 2.0]), {}),
        "plot_bias_variance": (
            (
                bias_variance.ridge_bias_variance(
                    SINE.x_train, SINE.x_test, [0.01, 1.0], rng=np.random.default_rng(0), n_rep=5
                ),
            ),
            {},
        ),
        "plot_sparse_vs_dense": (
            (
                {
                    "sparse": sparse_vs_dense.lasso_ridge_test_error(
                        [2.0, 0.0],
                        [0.1, 1.0],
                        [0.1, 10.0],
                        rng=np.random.default_rng(0),
                        n_train=10,
                        n_rep=2,
                    )
                },
            ),
            {},
        ),
        "plot_coef_paths": (([1.0, 2.0, 3.0], PATH, ["a", "b"]), {}),
        "plot_ridge_lasso_paths": (([1.0, 2.0, 3.0], PATH, [1.0, 2.0, 3.0], PATH, ["a", "b"]), {}),
        "plot_ridge_svd": (
            (
                ridge_zero.ridge_components(np.column_stack([X, X**2]), Y, [0.1, 1.0, 10.0]),
                1,
                ["a", "b"],
            ),
            {},
        ),
        "plot_path_with_knots": (([0.0, 1.0, 3.0], PATH, ["a", "b"]), {"knots": [1.0]}),
        "plot_selection_frequencies": (({"lasso": [1.0, 0.5]}, ["a", "b"]), {}),
        "plot_cv_curve": (
            (tuning.cv_curve([4.0, 2.0, 1.0], [[9.0, 11.0], [5.0, 6.0], [4.0, 6.0]]),),
            {},
        ),
        "plot_constraint_geometry": (([2.0, 0.5], np.eye(2)), {"t": 1.0}),
        "plot_enet_ball": ((0.3,), {}),
        "plot_lq_balls": (((1.0, 2.0),), {}),
        "plot_bridge_rules": (([-1.0, 0.0, 1.0],), {}),
        "plot_corner_wedges": ((np.eye(2), 1.0, [[2.0, 0.2], [1.0, 1.0]]), {}),
        "plot_abs_supporting_lines": ((), {}),
        "plot_abs_subdifferential": ((), {}),
        "plot_gap_history": (({"cd": [1.0, 0.1, 0.0]},), {}),
        "plot_zero_counts": (({"cd": [0, 1, 2]},), {"p": 3, "target": 2}),
        "plot_rates": (({"ISTA": [1.0, 0.1, 0.0]},), {"bounds": {"ISTA": [2.0, 1.0, 0.6]}}),
        "plot_zero_probability": ((1.0, [2.0]), {"points": ([0.0], [0.7])}),
        "plot_recovery": (({"p = 64": ([0.5, 1.0], [0.1, 0.7])},), {}),
        "plot_priors": ((1.0,), {}),
        "plot_posterior": ((bayes.posterior_slope(10.0, 1.0, 4.0, 1.0, n_grid=1001),), {}),
        "plot_estimates_vs_sxy": (
            ([-1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [-0.1, 0.0, 0.1], [-0.1, 0.0, 0.1]),
            {"lam": 4.0, "Sxx": 2.0},
        ),
    }


# Figures with more than one panel: how many, and the keyword that takes them.
PANELS = {
    "plot_shrinkage_factors": (2, "axes"),
    "plot_ridge_lasso_paths": (2, "ax"),
    "plot_ridge_svd": (2, "ax"),
}


def test_every_figure_function_has_a_small_call_here():
    assert sorted(inputs()) == sorted(figures.__all__)


def axes_of(drawn) -> list:
    return list(np.atleast_1d(drawn)) if not hasattr(drawn, "figure") else [drawn]


@pytest.mark.parametrize("name", sorted(figures.__all__))
def test_draws_into_the_given_axes_and_makes_no_figure(name):
    args, kwargs = inputs()[name]
    count, keyword = PANELS.get(name, (1, "ax"))
    _fig, given = style.subplots(1, count)
    before = plt.get_fignums()
    drawn, data = getattr(figures, name)(*args, **kwargs, **{keyword: given})
    assert plt.get_fignums() == before, "drew a figure of its own"
    assert axes_of(drawn) == list(np.atleast_1d(given))
    assert isinstance(data, dict) and data


@pytest.mark.parametrize("name", sorted(figures.__all__))
def test_without_axes_it_makes_a_white_figure_with_labelled_axes(name):
    args, kwargs = inputs()[name]
    drawn, _ = getattr(figures, name)(*args, **kwargs)
    axes = axes_of(drawn)
    assert axes[0].figure.get_facecolor() == (1.0, 1.0, 1.0, 1.0)
    for ax in axes:
        assert ax.get_xlabel(), f"{name}: an x axis without a label"
    assert any(ax.get_ylabel() for ax in axes), f"{name}: no y label"
    assert any(ax.get_lines() or ax.patches or ax.collections for ax in axes)


@pytest.mark.parametrize("name", sorted(figures.__all__))
def test_it_leaves_the_global_style_alone(name):
    import matplotlib

    before = dict(matplotlib.rcParams)
    args, kwargs = inputs()[name]
    getattr(figures, name)(*args, **kwargs)
    assert dict(matplotlib.rcParams) == before
