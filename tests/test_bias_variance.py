"""lessonlib.topics.bias_variance and its figure, judged by scikit-learn fits made one by one."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
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
