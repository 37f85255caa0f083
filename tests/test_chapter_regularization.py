"""Independent checks of what the chapter "Regularization" claims (issue 12): lambda chosen
on a validation sample, the absolute-error lasso, bias and variance, sparse versus dense.

References are scikit-learn fits, NumPy draws and exhaustive search made here.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
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


def lad_vertex_minimum(x, y, lam):
    best = np.inf
    lines = [
        ((y[j] - y[i]) / (x[j] - x[i]), i) for i, j in itertools.combinations(range(x.size), 2)
    ]
    for m, i in lines + [(0.0, i) for i in range(x.size)]:
        b = y[i] - m * x[i]
        best = min(best, np.sum(np.abs(y - m * x - b)) + lam * abs(m))
    return best


def test_absolute_error_claims() -> None:
    from lessonlib.data import make_simple_regression  # only the data; its recipe is tested

    x, y = make_simple_regression(n=30, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    xc, yc = x - x.mean(), y - y.mean()
    Sxx, Sxy = xc @ xc, xc @ yc
    for lam, printed in [(0.0, 22.7741), (50.0, 118.9500), (300.0, 155.5777)]:
        m = np.sign(Sxy) * max(abs(Sxy) - lam / 2, 0.0) / Sxx
        b = y.mean() - m * x.mean()
        best = lad_vertex_minimum(x, y, lam)
        assert round(best, 4) == printed
        assert np.sum(np.abs(y - m * x - b)) + lam * abs(m) > best + 0.1
    # the absolute-error slope is 0 from lambda = 76.29 on, for y and for 10 y
    lam0 = 76.29
    for scale in (1.0, 10.0):
        flat = min(np.sum(np.abs(scale * y - c)) for c in scale * y)
        assert lad_vertex_minimum(x, scale * y, lam0 + 0.01) == pytest.approx(flat, rel=1e-12)
        assert lad_vertex_minimum(x, scale * y, lam0 - 0.01) < flat - 1e-9
    assert round(2 * abs(Sxy), 2) == 1203.07


def test_bias_variance_u_shape_by_direct_simulation() -> None:
    """200 noise draws at the chapter's training inputs, one scikit-learn fit each."""
    (xt, _), (xs, _), _ = sine_samples()
    rng = np.random.default_rng(1)
    Y = np.sin(2 * np.pi * xt) + rng.normal(0.0, 0.3, (200, 12))
    A, As = features(xt, xt), features(xt, xs)
    f = np.sin(2 * np.pi * xs)
    res = {}
    for lam in (1e-6, 5.62341325e-3, 1e3):
        pred = np.array([Ridge(alpha=lam, solver="svd").fit(A, yy).predict(As) for yy in Y])
        res[lam] = (np.mean((pred.mean(axis=0) - f) ** 2), np.mean(pred.var(axis=0)))
    (b0, v0), (b1, v1), (b2, v2) = res.values()
    assert (round(b0, 4), round(v0, 4)) == (0.0024, 0.2562)
    assert (round(b1, 4), round(v1, 4)) == (0.0064, 0.0613)
    assert 0.09 + b1 + v1 < min(0.09 + b0 + v0, 0.09 + b2 + v2)  # U shape
    assert b0 < b1 < b2 and v0 > v1 > v2
