"""Independent checks of what the chapter "Regularization" claims (issues 12 and 24): lambda
chosen on a validation sample, bias and variance (exact for ridge, simulated for the lasso),
the training error's growth with lambda.

References are scikit-learn fits, NumPy draws and exhaustive search made here.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import sem
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler


def sine_samples():
    """The chapter's training, test and validation samples, drawn here with NumPy."""
    rng = np.random.default_rng(0)
    out = []
    for n in (12, 200, 30):
        x = np.sort(rng.uniform(0.0, 1.0, n))
        out.append((x, np.sin(2 * np.pi * x) + rng.normal(0.0, 0.3, n)))
    return out


def features(x_train, x):
    poly = PolynomialFeatures(9, include_bias=False).fit(x_train[:, None])
    scaler = StandardScaler().fit(poly.transform(x_train[:, None]))
    return scaler.transform(poly.transform(x[:, None]))


def test_ridge_lambda_chosen_on_validation_not_test() -> None:
    (xt, yt), (xs, ys), (xv, yv) = sine_samples()
    lambdas = np.logspace(-6, 3, 37)
    A, As, Av = features(xt, xt), features(xt, xs), features(xt, xv)
    val, test = [], []
    for lam in lambdas:
        model = Ridge(alpha=lam, solver="svd").fit(A, yt)
        val.append(np.mean((yv - model.predict(Av)) ** 2))
        test.append(np.mean((ys - model.predict(As)) ** 2))
    best = int(np.argmin(val))
    assert f"{lambdas[best]:.2e}" == "5.62e-04"
    assert round(test[best], 4) == 0.1298
    assert round(min(test), 4) == 0.1259  # the test-set choice would differ
    assert int(np.argmin(test)) != best


def kkt_certified_lasso(A, y, lam):
    """The lasso fit (article's lambda) by lessonlib's path, certified here: the columns of
    A are independent, so a point meeting the optimality conditions is the unique minimiser."""
    from lessonlib.path import lasso_path
    from lessonlib.scale import lasso_alpha  # the conversion itself: tests/test_scale.py

    w = lasso_path(A, y, [lasso_alpha(lam, y.size)])[0][0]
    g = A.T @ (y - y.mean() - A @ w)  # -1/2 the SSE's gradient; |g| <= lam/2, = on support
    on = w != 0.0
    np.testing.assert_allclose(g[on], lam / 2 * np.sign(w[on]), rtol=1e-8, atol=0)
    assert np.all(np.abs(g[~on]) <= lam / 2 * (1 + 1e-8))
    return w, y.mean()


def test_bias_variance_exact_for_ridge_and_simulated_for_the_lasso() -> None:
    """Ridge's terms from its smoother matrix (scikit-learn's Ridge fitted to each unit
    vector); the lasso's from the chapter's 1000 noise draws, each fitted by numpy's
    polyfit (lambda = 0) or a lasso fit certified by its optimality conditions, five of
    them also against scikit-learn's Lasso."""
    from lessonlib.scale import lasso_alpha

    (xt, _), (xs, _), _ = sine_samples()
    A, As = features(xt, xt), features(xt, xs)
    f, fs = np.sin(2 * np.pi * xt), np.sin(2 * np.pi * xs)
    printed = {0.0: (0.0000, 2.5035), 5.62341325e-3: (0.0072, 0.0612), 1e3: (0.5244, 0.0076)}
    mse = {}
    for lam, (bias2, variance) in printed.items():
        L = Ridge(alpha=lam, solver="svd").fit(A, np.eye(12)).predict(As)
        b, v = np.mean((L @ f - fs) ** 2), 0.09 * np.mean(np.sum(L**2, axis=1))
        assert (round(b, 4), round(v, 4)) == (bias2, variance)
        mse[lam] = 0.09 + b + v
    assert mse[5.62341325e-3] < min(mse[0.0], mse[1e3])  # U shape
    rng = np.random.default_rng(1)
    Y = f + rng.normal(0.0, 0.3, (1000, 12))
    lam = 10**-1.75
    pred0 = np.array([np.polyval(np.polyfit(xt, y, 9), xs) for y in Y])
    fits = [kkt_certified_lasso(A, y, lam) for y in Y]
    pred = np.array([As @ w + c for w, c in fits])
    for k in range(5):
        sk = Lasso(alpha=lasso_alpha(lam, 12), tol=1e-12, max_iter=10**7).fit(A, Y[k])
        np.testing.assert_allclose(sk.coef_, fits[k][0], atol=1e-6)
    for p, (bias2, variance) in ((pred0, (0.0004, 2.6030)), (pred, (0.0029, 0.0678))):
        b = np.mean((p.mean(axis=0) - fs) ** 2)
        assert (round(b, 4), round(np.mean(p.var(axis=0)), 4)) == (bias2, variance)
    # the printed Monte Carlo standard errors: scipy's sem of each set's squared distance
    # from the truth (whose mean is bias^2 + variance) and from the average fit (variance)
    for p, (se_var, se_mse) in ((pred0, ("0.0818", "0.0818")), (pred, ("0.0017", "0.0017"))):
        assert f"{sem(np.mean((p - p.mean(axis=0)) ** 2, axis=1)):.4f}" == se_var
        assert f"{sem(np.mean((p - fs) ** 2, axis=1)):.4f}" == se_mse
    # ridge's best expected error (exact) lies within two of the lasso's standard errors
    se_best = sem(np.mean((pred - fs) ** 2, axis=1))
    lasso_best = 0.09 + np.mean((pred - fs) ** 2)
    assert 1 < (lasso_best - mse[5.62341325e-3]) / se_best < 2


def test_training_error_never_decreases_with_lambda() -> None:
    """The text's proof, checked on the chapter's grids: Ridge by scikit-learn, the lasso by
    certified fits."""
    (xt, yt), _, _ = sine_samples()
    A = features(xt, xt)
    ridge = [
        np.mean((yt - Ridge(alpha=a, solver="svd").fit(A, yt).predict(A)) ** 2)
        for a in np.logspace(-6, 3, 37)
    ]
    assert np.all(np.diff(ridge) >= -1e-12)
    lasso = []
    for lam in np.logspace(-3, 3, 25):
        w, c = kkt_certified_lasso(A, yt, lam)
        lasso.append(np.mean((yt - c - A @ w) ** 2))
    assert np.all(np.diff(lasso) >= -1e-12)


def test_the_first_penalty_already_removes_a_direction_of_least_squares() -> None:
    """The powers' design, by scikit-learn's scaler: its condition number and smallest
    eigenvalue (numpy's eigvalsh of X^T X), and Ridge at lambda = 1e-6 against polyfit."""
    (xt, yt), (xs, ys), _ = sine_samples()
    A = features(xt, xt)
    assert f"{np.linalg.cond(A):.1e}" == "5.2e+06"
    eig = np.linalg.eigvalsh(A.T @ A)
    assert f"{eig[-1]:.1f}" == "100.7" and f"{eig[0]:.1e}" == "3.8e-12"
    assert f"{1e-6 / eig[0]:,.2g}" == "2.7e+05"  # the text's "about 270,000"
    ridge = Ridge(alpha=1e-6, solver="svd").fit(A, yt)
    assert round(np.mean((ys - ridge.predict(features(xt, xs))) ** 2), 3) == 0.235
    ols = np.polyfit(xt, yt, 9)
    assert round(np.mean((ys - np.polyval(ols, xs)) ** 2), 2) == 1.92


# ----------------------------------------- the Scalings section's table, row by row


def scalings_problem():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 4)) * [1.0, 3.0, 0.5, 2.0]
    y = 5.0 + X @ [1.5, -2.0, 0.0, 0.5] + rng.normal(size=30)
    return X, y


def test_scalings_ridge_column_converts_exactly() -> None:
    """Ridge: Ridge(alpha = lam) and ElasticNet(l1_ratio = 0) at alpha = lam / n (through
    lessonlib.scale) both give the article's closed form (Xc^T Xc + lam I)^-1 Xc^T yc, and
    glmnet's procedure (y scaled to standard deviation 1, its lambda with it, coefficients
    scaled back), done here with ElasticNet, gives it at lam = n alpha / SD(y), with
    s_y = SD(y) (divisor n)."""
    from lessonlib import scale

    X, y = scalings_problem()
    n, p = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    s_y = y.std()  # divisor n, as glmnet
    for lam in (0.5, 7.0, 60.0):
        closed = np.linalg.solve(Xc.T @ Xc + lam * np.eye(p), Xc.T @ yc)
        ridge = Ridge(alpha=scale.ridge_alpha(lam)).fit(X, y).coef_
        np.testing.assert_allclose(ridge, closed, rtol=1e-10)
        alpha, l1_ratio = scale.enet_from_lambdas(0.0, lam, n)
        assert l1_ratio == 0.0 and alpha == pytest.approx(lam / n, rel=1e-15)
        enet = ElasticNet(alpha=alpha, l1_ratio=0.0, tol=1e-14, max_iter=100_000)
        np.testing.assert_allclose(enet.fit(X, y).coef_, closed, rtol=1e-8)
        # Ridge's reading of alpha fits another model: the row split matters
        wrong = ElasticNet(alpha=lam, l1_ratio=0.0, tol=1e-14, max_iter=100_000)
        assert np.abs(wrong.fit(X, y).coef_ - closed).max() > 0.1
        glmnet_lambda = alpha * s_y  # so that n * glmnet_lambda / s_y = lam
        scaled = ElasticNet(alpha=glmnet_lambda / s_y, l1_ratio=0.0, tol=1e-14, max_iter=100_000)
        np.testing.assert_allclose(s_y * scaled.fit(X, y / s_y).coef_, closed, rtol=1e-8)
        assert n * glmnet_lambda / s_y == pytest.approx(lam, rel=1e-14)
        # the table's glmnet cell, on y itself: SSE/(2n) + alpha/(2 SD(y)) |w|^2
        cell = ElasticNet(alpha=glmnet_lambda / s_y, l1_ratio=0.0, tol=1e-14, max_iter=100_000)
        np.testing.assert_allclose(cell.fit(X, y).coef_, closed, rtol=1e-8)
        assert s_y != pytest.approx(1.0, abs=0.1)  # else alpha = lam / n would pass too


def test_scalings_lasso_column_converts_exactly() -> None:
    """Lasso: Lasso and ElasticNet(l1_ratio = 1) at alpha = lam / (2n) minimise the
    article's loss (its optimality conditions, written here: |Xc^T r| <= lam / 2, with
    equality and the coefficient's sign where it is not 0); glmnet's scaling of y leaves
    the fit unchanged."""
    from lessonlib import scale

    X, y = scalings_problem()
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    s_y = y.std()
    for lam in (5.0, 40.0):
        a = scale.lasso_alpha(lam, n)
        fits = [
            Lasso(alpha=a, tol=1e-14, max_iter=100_000).fit(X, y).coef_,
            ElasticNet(alpha=a, l1_ratio=1.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_,
            s_y * Lasso(alpha=a / s_y, tol=1e-14, max_iter=100_000).fit(X, y / s_y).coef_,
        ]
        for w in fits:
            g = Xc.T @ (yc - Xc @ w)
            on = w != 0.0
            np.testing.assert_allclose(g[on], lam / 2 * np.sign(w[on]), rtol=1e-6)
            assert np.all(np.abs(g[~on]) <= lam / 2 * (1 + 1e-6))
