"""The validation sample of the Regularization chapter (lessonlib.topics.overfitting, n_val > 0),
checked against draws made here with NumPy and fits made with scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from lessonlib import scale
from lessonlib.topics import overfitting

DEGREE = 9


def features(x_train, x):
    poly = PolynomialFeatures(DEGREE, include_bias=False).fit(x_train[:, None])
    scaler = StandardScaler().fit(poly.transform(x_train[:, None]))
    return scaler.transform(poly.transform(x[:, None]))


def test_validation_sample_is_drawn_last_and_leaves_the_others_alone() -> None:
    d = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0, n_val=30)
    plain = overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0)
    for name in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(d, name), getattr(plain, name))
    assert plain.x_val is None and plain.y_val is None
    rng = np.random.default_rng(0)
    for n in (12, 200):
        rng.uniform(0.0, 1.0, n)
        rng.normal(0.0, 0.3, n)
    x = np.sort(rng.uniform(0.0, 1.0, 30))
    np.testing.assert_array_equal(d.x_val, x)
    np.testing.assert_array_equal(d.y_val, np.sin(2 * np.pi * x) + rng.normal(0.0, 0.3, 30))


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_validation_error_against_sklearn(penalty) -> None:
    d = overfitting.make_sine_data(n_train=12, n_test=50, noise=0.3, seed=0, n_val=30)
    lambdas = [1e-3, 0.1, 10.0] if penalty == "l2" else [0.1, 1.0, 5.0]
    curve = overfitting.error_curve(d, DEGREE, lambdas, penalty)
    X = features(d.x_train, d.x_train)
    X_val = features(d.x_train, d.x_val)
    for k, lam in enumerate(lambdas):
        if penalty == "l2":
            model = Ridge(alpha=lam)
        else:
            model = Lasso(alpha=scale.lasso_alpha(lam, 12), tol=1e-14, max_iter=10_000_000)
        pred = model.fit(X, d.y_train).predict(X_val)
        assert curve["val_mse"][k] == pytest.approx(np.mean((d.y_val - pred) ** 2), rel=1e-5)
    assert "val_mse" not in overfitting.error_curve(
        overfitting.make_sine_data(seed=0), DEGREE, lambdas
    )


def test_n_val_is_validated() -> None:
    with pytest.raises((TypeError, ValueError), match="n_val"):
        overfitting.make_sine_data(n_val=-1)
    with pytest.raises((TypeError, ValueError), match="n_val"):
        overfitting.make_sine_data(n_val=2.5)
