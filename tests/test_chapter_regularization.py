"""Independent checks of what the chapter "Regularization" claims (issues 12 and 24): lambda
chosen on a validation sample, bias and variance (exact for ridge, simulated for the lasso),
the training error's growth with lambda.

References are scikit-learn fits, NumPy draws and exhaustive search made here.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import Ridge
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
    from sklearn.linear_model import Lasso

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
