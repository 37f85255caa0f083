"""lessonlib.topics.bias_variance and its figure, judged by scikit-learn fits made one by one."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.stats import sem
from sklearn.linear_model import Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from lessonlib.display.figures.bias_variance import plot_bias_variance
from lessonlib.topics.bias_variance import BiasVariance, ridge_bias_variance

X_TRAIN = np.sort(np.random.default_rng(5).uniform(0.0, 1.0, 12))
X_TEST = np.linspace(0.0, 1.0, 40)


def reference(lambdas, n_rep, seed, degree=9, noise=0.3):
    """Bias, variance and test error from one scikit-learn Ridge fit per data set and lam."""
    rng = np.random.default_rng(seed)
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    Y = f_train + rng.normal(0.0, noise, (n_rep, X_TRAIN.size))
    Y_new = f_test + rng.normal(0.0, noise, (n_rep, X_TEST.size))
    poly = PolynomialFeatures(degree, include_bias=False)
    scaler = StandardScaler().fit(poly.fit_transform(X_TRAIN[:, None]))
    A = scaler.transform(poly.transform(X_TRAIN[:, None]))
    A_test = scaler.transform(poly.transform(X_TEST[:, None]))
    out = {"bias2": [], "variance": [], "simulated": []}
    for lam in lambdas:
        pred = np.array([Ridge(alpha=lam, solver="svd").fit(A, y).predict(A_test) for y in Y])
        mean = pred.mean(axis=0)
        out["bias2"].append(np.mean((mean - f_test) ** 2))
        out["variance"].append(np.mean(np.mean((pred - mean) ** 2, axis=0)))
        out["simulated"].append(np.mean((Y_new - pred) ** 2))
    return {k: np.array(v) for k, v in out.items()}


def test_against_sklearn_ridge_fits() -> None:
    lambdas = [1e-3, 1e-1, 10.0, 1000.0]
    bv = ridge_bias_variance(X_TRAIN, X_TEST, lambdas, rng=np.random.default_rng(3), n_rep=25)
    ref = reference(lambdas, 25, 3)
    np.testing.assert_allclose(bv.bias2, ref["bias2"], rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(bv.variance, ref["variance"], rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(bv.simulated_mse, ref["simulated"], rtol=1e-6)
    np.testing.assert_allclose(bv.expected_mse, 0.09 + ref["bias2"] + ref["variance"], rtol=1e-6)


def test_decomposition_matches_measured_error_and_is_u_shaped() -> None:
    lambdas = np.logspace(-6, 3, 19)
    bv = ridge_bias_variance(X_TRAIN, X_TEST, lambdas, rng=np.random.default_rng(0), n_rep=400)
    # noise + bias^2 + variance is what new data measure, up to Monte Carlo error
    np.testing.assert_allclose(bv.simulated_mse, bv.expected_mse, rtol=0.05)
    best = int(np.argmin(bv.expected_mse))
    assert 0 < best < lambdas.size - 1
    assert bv.expected_mse[0] > bv.expected_mse[best] < bv.expected_mse[-1]
    assert bv.bias2[-1] > 10 * bv.bias2[0] and bv.variance[0] > 10 * bv.variance[-1]


def test_bad_input_is_named() -> None:
    with pytest.raises(TypeError, match=re.escape("rng must be a numpy.random.Generator, got int")):
        ridge_bias_variance(X_TRAIN, X_TEST, [1.0], rng=0)
    with pytest.raises(ValueError, match="lambdas"):
        ridge_bias_variance(X_TRAIN, X_TEST, [-1.0], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="n_rep"):
        ridge_bias_variance(X_TRAIN, X_TEST, [1.0], rng=np.random.default_rng(0), n_rep=1)
    with pytest.raises(ValueError, match="noise"):
        ridge_bias_variance(X_TRAIN, X_TEST, [1.0], rng=np.random.default_rng(0), noise=0.0)


def test_figure_plots_the_result() -> None:
    bv = ridge_bias_variance(
        X_TRAIN, X_TEST, [0.0, 1e-4, 1e-2, 1.0, 100.0], rng=np.random.default_rng(1), n_rep=30
    )
    ax, data = plot_bias_variance(bv)
    np.testing.assert_array_equal(data["lambda"], [1e-4, 1e-2, 1.0, 100.0])
    np.testing.assert_array_equal(data["bias2"], bv.bias2[1:])
    np.testing.assert_array_equal(data["variance"], bv.variance[1:])
    assert data["best_lambda"] == bv.lambdas[1:][np.argmin(bv.expected_mse[1:])]
    ys = [line.get_ydata() for line in ax.get_lines()]
    assert any(np.array_equal(y, bv.expected_mse[1:]) for y in ys)
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="result"):
        plot_bias_variance({"lambdas": [1.0]})
    assert isinstance(bv, BiasVariance)


# ------------------------------------------------ exact ridge terms and the lasso's simulation


def design(degree=9):
    poly = PolynomialFeatures(degree, include_bias=False)
    scaler = StandardScaler().fit(poly.fit_transform(X_TRAIN[:, None]))
    return (
        scaler.transform(poly.transform(X_TRAIN[:, None])),
        scaler.transform(poly.transform(X_TEST[:, None])),
    )


def test_exact_ridge_terms_are_those_of_sklearns_smoother_matrix() -> None:
    """Ridge is linear in y: fitting scikit-learn's Ridge to each unit vector e_i gives
    column i of the smoother L; E f_hat = L f and Var f_hat = 0.09 * row norms of L."""
    from lessonlib.topics.bias_variance import exact_ridge_bias_variance

    A, A_test = design()
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    lambdas = [0.0, 1e-6, 1e-2, 1.0, 1000.0]
    bv = exact_ridge_bias_variance(X_TRAIN, X_TEST, lambdas)
    assert bv.n_rep == 0 and bv.simulated_mse is None and bv.penalty == "l2"
    for k, lam in enumerate(lambdas):
        model = Ridge(alpha=lam, solver="svd").fit(A, np.eye(X_TRAIN.size))
        L = model.predict(A_test)  # (m, n): column i is the fit to e_i
        bias2 = np.mean((L @ f_train - f_test) ** 2)
        variance = 0.09 * np.mean(np.sum(L**2, axis=1))
        assert bv.bias2[k] == pytest.approx(bias2, rel=1e-6, abs=1e-12)
        assert bv.variance[k] == pytest.approx(variance, rel=1e-6)
    np.testing.assert_allclose(bv.expected_mse, 0.09 + bv.bias2 + bv.variance, rtol=1e-15)


def test_exact_ridge_terms_are_the_limit_of_the_simulation() -> None:
    from lessonlib.topics.bias_variance import exact_ridge_bias_variance

    lambdas = [0.0, 1e-3, 1.0]
    exact = exact_ridge_bias_variance(X_TRAIN, X_TEST, lambdas)
    ref = reference(lambdas, 2000, 11)
    # with divisor R the simulated variance is low, and the bias high, by Var / R on average
    np.testing.assert_allclose(ref["variance"], exact.variance, rtol=0.08)
    np.testing.assert_allclose(ref["simulated"], exact.expected_mse, rtol=0.05)


def test_lasso_simulation_against_sklearn_lasso_fits() -> None:
    from sklearn.linear_model import Lasso

    from lessonlib.scale import lasso_alpha  # the conversion itself: tests/test_scale.py
    from lessonlib.topics.bias_variance import lasso_bias_variance

    lambdas = np.array([0.0, 0.05, 1.0, 30.0])
    bv = lasso_bias_variance(X_TRAIN, X_TEST, lambdas, rng=np.random.default_rng(4), n_rep=15)
    assert bv.penalty == "l1" and bv.n_rep == 15
    rng = np.random.default_rng(4)
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    Y = f_train + rng.normal(0.0, 0.3, (15, X_TRAIN.size))
    Y_new = f_test + rng.normal(0.0, 0.3, (15, X_TEST.size))
    A, A_test = design()
    n = X_TRAIN.size
    for k, lam in enumerate(lambdas):
        if lam == 0.0:
            pred = np.array([np.polyval(np.polyfit(X_TRAIN, y, 9), X_TEST) for y in Y])
        else:
            model = Lasso(alpha=lasso_alpha(lam, n), tol=1e-14, max_iter=10**6)
            pred = np.array([model.fit(A, y).predict(A_test) for y in Y])
        mean = pred.mean(axis=0)
        assert bv.bias2[k] == pytest.approx(np.mean((mean - f_test) ** 2), rel=1e-4, abs=1e-9)
        assert bv.variance[k] == pytest.approx(np.mean(pred.var(axis=0)), rel=1e-4, abs=1e-9)
        assert bv.simulated_mse[k] == pytest.approx(np.mean((Y_new - pred) ** 2), rel=1e-4)
        # standard errors: scipy's sem of the per-data-set terms whose means are the estimates
        for se, per_set in (
            (bv.expected_mse_se, np.mean((pred - f_test) ** 2, axis=1)),
            (bv.variance_se, np.mean((pred - mean) ** 2, axis=1)),
            (bv.simulated_mse_se, np.mean((Y_new - pred) ** 2, axis=1)),
        ):
            assert se[k] == pytest.approx(sem(per_set), rel=1e-4, abs=1e-12)


def test_lasso_simulation_refuses_fits_that_fail_the_optimality_conditions() -> None:
    from lessonlib.topics.bias_variance import lasso_bias_variance

    x = np.sort(np.random.default_rng(0).uniform(0.0, 1.0, 12))
    with pytest.raises(ValueError, match=r"lost (its )?accuracy"):  # the path, or its check
        lasso_bias_variance(x, X_TEST, [1e-4], rng=np.random.default_rng(1), n_rep=50)
    with pytest.raises(TypeError, match="rng"):
        lasso_bias_variance(X_TRAIN, X_TEST, [1.0], rng=1)
    with pytest.raises(ValueError, match="n_rep"):
        lasso_bias_variance(X_TRAIN, X_TEST, [1.0], rng=np.random.default_rng(0), n_rep=1)


def test_figure_of_an_exact_result_has_no_circles_and_says_so() -> None:
    from lessonlib.topics.bias_variance import exact_ridge_bias_variance, lasso_bias_variance

    ax, data = plot_bias_variance(exact_ridge_bias_variance(X_TRAIN, X_TEST, [1e-3, 1.0]))
    assert data["simulated_mse"] is None and ax.get_title() == "Ridge, exact"
    assert not any(line.get_marker() == "o" for line in ax.get_lines())
    plt.close(ax.figure)
    bv = lasso_bias_variance(X_TRAIN, X_TEST, [0.1, 1.0], rng=np.random.default_rng(0), n_rep=5)
    ax, data = plot_bias_variance(bv, title="mine")
    assert ax.get_title() == "mine"
    assert ax.get_lines()[1].get_marker() == "o"
    plt.close(ax.figure)


# ------------------------------------------------------------- Monte Carlo standard errors


def test_monte_carlo_se_is_scipys_standard_error_of_the_mean() -> None:
    from lessonlib.topics.bias_variance import monte_carlo_se

    draws = np.random.default_rng(9).exponential(size=(37, 4))
    np.testing.assert_allclose(monte_carlo_se(draws), sem(draws, axis=0), rtol=1e-13)
    assert float(monte_carlo_se(draws[:, 0])) == pytest.approx(sem(draws[:, 0]), rel=1e-13)
    with pytest.raises(ValueError, match="per_rep must hold at least 2"):
        monte_carlo_se([1.0])
    with pytest.raises(ValueError, match="per_rep must be finite"):
        monte_carlo_se([1.0, np.nan])
    with pytest.raises(ValueError, match="per_rep must be 1- or 2-dimensional"):
        monte_carlo_se(np.ones((2, 2, 2)))


def test_the_standard_error_measures_the_simulations_scatter_around_the_exact_terms() -> None:
    """Over many seeds, (simulated - exact) / standard error has mean near 0 and spread near
    1: the standard error is the size of the simulation's error, neither much smaller nor
    much larger. The exact terms come from exact_ridge_bias_variance, itself checked above
    against scikit-learn's smoother matrix."""
    from lessonlib.topics.bias_variance import exact_ridge_bias_variance

    lambdas = [1e-4, 1e-2, 1.0]
    exact = exact_ridge_bias_variance(X_TRAIN, X_TEST, lambdas)
    z = np.array(
        [
            (bv.expected_mse - exact.expected_mse) / bv.expected_mse_se
            for bv in (
                ridge_bias_variance(
                    X_TRAIN, X_TEST, lambdas, rng=np.random.default_rng(seed), n_rep=60
                )
                for seed in range(60)
            )
        ]
    )
    assert np.all(np.abs(z.mean(axis=0)) < 0.6), z.mean(axis=0)
    assert np.all((z.std(axis=0) > 0.7) & (z.std(axis=0) < 1.4)), z.std(axis=0)
    assert exact.expected_mse_se is None and exact.variance_se is None


def test_fit_error_is_each_data_sets_error_and_pairs_two_penalties() -> None:
    """fit_error holds, per data set, the fit's mean squared distance from f (scikit-learn
    Ridge and Lasso refitted one data set at a time); two simulations from one seed fit the
    same data sets, so the rows subtract set by set; an exact result has none."""
    from sklearn.linear_model import Lasso

    from lessonlib.scale import lasso_alpha
    from lessonlib.topics.bias_variance import exact_ridge_bias_variance, lasso_bias_variance

    lam_r, lam_l, n_rep = 0.01, 0.05, 12
    ridge = ridge_bias_variance(
        X_TRAIN, X_TEST, [0.0, lam_r], rng=np.random.default_rng(8), n_rep=n_rep
    )
    lasso = lasso_bias_variance(
        X_TRAIN, X_TEST, [0.0, lam_l], rng=np.random.default_rng(8), n_rep=n_rep
    )
    rng = np.random.default_rng(8)
    f_train, f_test = np.sin(2 * np.pi * X_TRAIN), np.sin(2 * np.pi * X_TEST)
    Y = f_train + rng.normal(0.0, 0.3, (n_rep, X_TRAIN.size))
    A, A_test = design()
    fits = {
        "ridge": Ridge(alpha=lam_r, solver="svd"),
        "lasso": Lasso(alpha=lasso_alpha(lam_l, X_TRAIN.size), tol=1e-14, max_iter=10**6),
    }
    per_set = {
        name: np.array([np.mean((m.fit(A, y).predict(A_test) - f_test) ** 2) for y in Y])
        for name, m in fits.items()
    }
    for bv, name in ((ridge, "ridge"), (lasso, "lasso")):
        assert bv.fit_error.shape == (2, n_rep)
        np.testing.assert_allclose(bv.fit_error[1], per_set[name], rtol=1e-4)
        np.testing.assert_allclose(bv.fit_error.mean(axis=1), bv.bias2 + bv.variance, rtol=1e-10)
    # lambda = 0 is least squares in both: the same data sets give the same errors
    np.testing.assert_allclose(lasso.fit_error[0], ridge.fit_error[0], rtol=1e-6)
    diff = lasso.fit_error[1] - ridge.fit_error[1]
    np.testing.assert_allclose(diff, per_set["lasso"] - per_set["ridge"], rtol=1e-3, atol=1e-8)
    assert exact_ridge_bias_variance(X_TRAIN, X_TEST, [1.0]).fit_error is None
