"""Tests of lessonlib.data."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib import data


@pytest.fixture(scope="module")
def diabetes() -> data.Dataset:
    return data.load_diabetes_standardized()


def test_diabetes_standardised(diabetes):
    X, y = diabetes.X, diabetes.y
    assert X.shape == (442, 10) and y.shape == (442,)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0, ddof=0), 1.0, rtol=1e-12)
    assert diabetes.feature_names == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    assert diabetes.coef is None
    assert "ddof=0" in diabetes.description


def test_diabetes_target_is_raw(diabetes):
    from sklearn.datasets import load_diabetes

    raw = load_diabetes(scaled=False)
    np.testing.assert_array_equal(diabetes.y, raw.target)
    assert diabetes.y.mean() > 100  # not centred
    # standardising is an affine map of each raw column: correlations are unchanged
    np.testing.assert_allclose(np.corrcoef(diabetes.X.T), np.corrcoef(raw.data.T), atol=1e-12)


def test_dataset_is_read_only(diabetes):
    with pytest.raises(ValueError):
        diabetes.X[0, 0] = 1.0
    with pytest.raises(AttributeError):
        diabetes.X = np.zeros(3)  # type: ignore[misc]


def test_simple_regression_seeded_and_shaped():
    x1, y1 = data.make_simple_regression(n=50, slope=-3.0, intercept=2.0, noise=0.5, seed=3)
    x2, y2 = data.make_simple_regression(n=50, slope=-3.0, intercept=2.0, noise=0.5, seed=3)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(x1, data.make_simple_regression(n=50, seed=4)[0])
    assert x1.shape == y1.shape == (50,)


def test_simple_regression_follows_the_line():
    x, y = data.make_simple_regression(n=40, slope=1.5, intercept=-2.0, noise=0.0, x_range=(-1, 1))
    np.testing.assert_allclose(y, -2.0 + 1.5 * x)
    assert x.min() >= -1 and x.max() <= 1
    x, y = data.make_simple_regression(n=5000, slope=1.5, intercept=-2.0, noise=2.0, seed=1)
    m, b = np.polyfit(x, y, 1)
    assert m == pytest.approx(1.5, abs=0.05) and b == pytest.approx(-2.0, abs=0.3)
    assert np.std(y - (-2.0 + 1.5 * x)) == pytest.approx(2.0, rel=0.05)


def test_correlated_features_structure():
    d = data.make_correlated_features(
        n=20000, n_groups=3, group_size=2, rho=0.7, n_noise_features=1, noise=0.0, seed=5
    )
    assert d.X.shape == (20000, 7)
    assert d.feature_names == ["g0_0", "g0_1", "g1_0", "g1_1", "g2_0", "g2_1", "noise_0"]
    C = np.corrcoef(d.X.T)
    assert C[0, 1] == pytest.approx(0.7, abs=0.02)
    assert C[2, 3] == pytest.approx(0.7, abs=0.02)
    assert abs(C[0, 2]) < 0.03 and abs(C[1, 6]) < 0.03
    np.testing.assert_allclose(d.X.std(axis=0), 1.0, atol=0.03)
    np.testing.assert_array_equal(d.coef, [1, 1, -1, -1, 1, 1, 0])
    np.testing.assert_allclose(d.y, d.X @ d.coef)  # noise = 0


def test_correlated_features_custom_coef_and_seed():
    coef = [2.0, 0.0, 0.0, 0.5]
    d1 = data.make_correlated_features(
        n=30, n_groups=1, group_size=3, n_noise_features=1, coef=coef, seed=2
    )
    d2 = data.make_correlated_features(
        n=30, n_groups=1, group_size=3, n_noise_features=1, coef=coef, seed=2
    )
    np.testing.assert_array_equal(d1.X, d2.X)
    np.testing.assert_array_equal(d1.coef, coef)
    residual = d1.y - d1.X @ d1.coef
    assert 0.3 < residual.std() < 2.0


@pytest.mark.parametrize(
    "kwargs, exc, name",
    [
        ({"n": 1}, ValueError, "n must be >= 2"),
        ({"n": 0}, ValueError, "n"),
        ({"n": 2.5}, TypeError, "n"),
        ({"noise": -1.0}, ValueError, "noise"),
        ({"slope": np.nan}, ValueError, "slope"),
        ({"intercept": "1"}, TypeError, "intercept"),
        ({"x_range": (1.0, 1.0)}, ValueError, "x_range"),
        ({"x_range": (0.0, 1.0, 2.0)}, ValueError, "x_range"),
    ],
)
def test_simple_regression_bad_input(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        data.make_simple_regression(**kwargs)


@pytest.mark.parametrize(
    "kwargs, exc, name",
    [
        ({"rho": 1.5}, ValueError, "rho"),
        ({"rho": -0.1}, ValueError, "rho"),
        ({"rho": True}, TypeError, "rho"),
        ({"n_groups": 0}, ValueError, "n_groups"),
        ({"group_size": 1.0}, TypeError, "group_size"),
        ({"n_noise_features": -1}, ValueError, "n_noise_features"),
        ({"n_noise_features": 1.5}, TypeError, "n_noise_features"),
        ({"coef": [1.0, 2.0]}, ValueError, "coef must have 8"),
        ({"coef": [np.nan] * 8}, ValueError, "coef"),
        ({"noise": np.inf}, ValueError, "noise"),
    ],
)
def test_correlated_features_bad_input(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        data.make_correlated_features(**kwargs)
