"""lessonlib.degrees_of_freedom against scikit-learn fits, a direct Cp, and a Monte Carlo
estimate of the lasso's degrees of freedom (the covariance definition)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression

from lessonlib.degrees_of_freedom import cp_curve, lasso_df


@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(11)
    X = rng.standard_normal((80, 6))
    y = X @ np.array([2.0, -1.0, 0.5, 0.0, 0.0, 0.0]) + rng.standard_normal(80) + 4.0
    return X, y


def _sk_coefs(X, y, alphas):
    return np.array([Lasso(alpha=a, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_ for a in alphas])


def test_lasso_df_counts_sklearn_nonzeros(xy):
    X, y = xy
    alphas = np.geomspace(2.0, 1e-3, 15)
    ref = np.sum(np.abs(_sk_coefs(X, y, alphas)) > 1e-10, axis=1)
    assert lasso_df(X, y, alphas).tolist() == ref.tolist()


def test_cp_curve_against_a_direct_computation(xy):
    # Mallows' Cp from its definition, SSE/n + 2 sigma^2 df / n, with scikit-learn's fits:
    # df counts the fitted parameters, the non-zero coefficients and the intercept, as the
    # noise estimate SSE_ols / (n - p - 1) does
    X, y = xy
    n, p = X.shape
    alphas = np.geomspace(2.0, 1e-3, 15)
    ls = LinearRegression().fit(X, y)
    sigma2 = np.sum((y - ls.predict(X)) ** 2) / (n - p - 1)
    models = [Lasso(alpha=a, tol=1e-14, max_iter=1_000_000).fit(X, y) for a in alphas]
    sse = np.array([np.sum((y - m.predict(X)) ** 2) for m in models])
    nonzero = np.array([np.sum(np.abs(m.coef_) > 1e-10) for m in models])
    cp = sse / n + 2 * sigma2 * (nonzero + 1) / n
    c = cp_curve(X, y, alphas)
    assert c.sigma2 == pytest.approx(sigma2, rel=1e-10)
    assert np.allclose(c.sse, sse, rtol=1e-8)
    assert np.allclose(c.cp, cp, rtol=1e-8)
    assert c.n_nonzero.tolist() == nonzero.tolist()
    assert c.df.tolist() == (nonzero + 1).tolist()
    assert c.alpha_cp == alphas[int(np.argmin(cp))]


def test_cp_at_a_tiny_penalty_is_least_squares_cp(xy):
    # with every coefficient active the lasso is least squares with an intercept, whose
    # degrees of freedom are the trace of its hat matrix, p + 1 (computed here by NumPy)
    X, y = xy
    n, p = X.shape
    Z = np.column_stack([np.ones(n), X])
    hat = Z @ np.linalg.solve(Z.T @ Z, Z.T)
    sse_ls = np.sum((y - hat @ y) ** 2)
    sigma2 = sse_ls / (n - p - 1)
    c = cp_curve(X, y, [1e-9])
    assert c.df[0] == pytest.approx(np.trace(hat), abs=1e-9)
    assert c.cp[0] == pytest.approx(sse_ls / n + 2 * sigma2 * np.trace(hat) / n, rel=1e-9)


def test_degrees_of_freedom_of_the_fit_with_intercept_by_monte_carlo():
    # df = sum_i cov(yhat_i, y_i) / sigma^2 of scikit-learn's lasso WITH its intercept,
    # over 1000 noise draws, against the mean of cp_curve's df (non-zeros + 1)
    rng = np.random.default_rng(4)
    n, sigma, alpha = 40, 1.0, 0.15
    X = rng.standard_normal((n, 5))
    mu = 2.0 + X @ np.array([1.0, 0.5, 0.0, 0.0, 0.0])
    Y = mu + sigma * rng.standard_normal((1000, n))
    model = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000)
    fits = np.array([model.fit(X, y).predict(X) for y in Y])
    cov = np.sum(np.mean((fits - fits.mean(0)) * (Y - Y.mean(0)), axis=0)) / sigma**2
    df = np.mean([cp_curve(X, y, [alpha]).df[0] for y in Y[:200]])
    assert df == pytest.approx(cov, abs=0.2)
    assert abs(df - 1 - cov) > 0.5  # the count without the intercept is off by one


def test_number_of_nonzeros_is_unbiased_for_the_degrees_of_freedom():
    # df = sum_i cov(yhat_i, y_i) / sigma^2, estimated over 1000 noise draws with
    # scikit-learn's Lasso at a fixed alpha, against the mean number of non-zeros
    rng = np.random.default_rng(3)
    n, sigma = 40, 1.0
    X = rng.standard_normal((n, 5))
    mu = X @ np.array([1.0, 0.5, 0.0, 0.0, 0.0])
    Xc = X - X.mean(0)
    Y = mu + sigma * rng.standard_normal((1000, n))
    model = Lasso(alpha=0.15, tol=1e-12, max_iter=100_000, fit_intercept=False)
    fits, counts = [], []
    for y in Y:
        yc = y - y.mean()
        w = model.fit(Xc, yc).coef_
        fits.append(Xc @ w)
        counts.append(np.sum(np.abs(w) > 1e-10))
    fits, Yc = np.array(fits), Y - Y.mean(axis=1, keepdims=True)
    cov = np.sum(np.mean((fits - fits.mean(0)) * (Yc - Yc.mean(0)), axis=0)) / sigma**2
    assert np.mean(counts) == pytest.approx(cov, abs=0.15)
    # and lessonlib's count agrees with scikit-learn's on these draws
    assert lasso_df(X, Y[0], [0.15])[0] == counts[0]


@pytest.mark.parametrize("alphas", [[0.0], [-1.0], []])
def test_bad_alphas_are_named(xy, alphas):
    X, y = xy
    with pytest.raises(ValueError, match="alphas"):
        lasso_df(X, y, alphas)


def test_cp_needs_more_rows_than_columns():
    X = np.random.default_rng(0).standard_normal((6, 5))
    with pytest.raises(ValueError, match="X"):
        cp_curve(X, X[:, 0], [0.1])
