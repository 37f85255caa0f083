"""Bad input to the public one-feature functions fails loudly, naming the argument."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib import simple as S

X, Y = [1.0, 2.0, 3.0], [2.0, 4.0, 7.0]

FITS_WITH_LAM = [S.ridge_fit, S.lasso_fit, S.lasso_case]
FITS_XY = [
    S.sufficient_stats,
    S.ols_fit,
    S.lambda_star,
    lambda x, y: S.ridge_fit(x, y, 1.0),
    lambda x, y: S.lasso_fit(x, y, 1.0),
    lambda x, y: S.lasso_case(x, y, 1.0),
    lambda x, y: S.brute_force_fit(x, y, 1.0, "l1"),
    lambda x, y: S.article_loss(0.0, 0.0, x, y, 1.0, "l1"),
    lambda x, y: S.profile_loss(0.0, x, y, 1.0, "l2"),
]


@pytest.mark.parametrize("f", FITS_XY)
@pytest.mark.parametrize(
    "x, y, exc, name",
    [
        ("abc", Y, TypeError, "x"),
        (X, ["a", "b", "c"], TypeError, "y"),
        ([True, False, True], Y, TypeError, "x"),
        ([1 + 1j, 2, 3], Y, TypeError, "x"),
        ([[1.0, 2.0, 3.0]], Y, ValueError, "x"),  # 2-D
        (X, [[2.0], [4.0], [7.0]], ValueError, "y"),
        ([1.0, 2.0], Y, ValueError, "x and y"),  # different lengths
        ([1.0, np.nan, 3.0], Y, ValueError, "x"),
        (X, [2.0, np.inf, 7.0], ValueError, "y"),
        ([], [], ValueError, "x"),  # empty
        ([1.0], [2.0], ValueError, "x"),  # single point
        ([2.0, 2.0, 2.0], Y, ValueError, "x"),  # constant: Sxx = 0
        ([0.1, 0.1, 0.1], Y, ValueError, "x is constant"),
    ],
)
def test_bad_data(f, x, y, exc, name):
    with pytest.raises(exc, match=name):
        f(x, y)


@pytest.mark.parametrize("f", FITS_WITH_LAM)
@pytest.mark.parametrize(
    "lam, exc, msg",
    [
        (-1.0, ValueError, "lam must be >= 0, got -1.0"),
        (float("nan"), ValueError, "lam must be finite"),
        (float("inf"), ValueError, "lam must be finite"),
        (True, TypeError, "lam"),
        ("1", TypeError, "lam"),
        (None, TypeError, "lam"),
        ([1.0, 2.0], TypeError, "lam"),
    ],
)
def test_bad_lambda(f, lam, exc, msg):
    with pytest.raises(exc, match=msg):
        f(X, Y, lam)


@pytest.mark.parametrize("f", [S.ridge_slope, S.lasso_slope])
@pytest.mark.parametrize(
    "args, exc, name",
    [
        ((0.0, 1.0, 1.0), ValueError, "Sxx must be > 0"),
        ((-2.0, 1.0, 1.0), ValueError, "Sxx"),
        ((np.nan, 1.0, 1.0), ValueError, "Sxx"),
        ((2.0, np.inf, 1.0), ValueError, "Sxy"),
        ((2.0, "1", 1.0), TypeError, "Sxy"),
        ((2.0, 1.0, -0.5), ValueError, "lam"),
        ((2.0, 1.0, [1.0, -0.5]), ValueError, "lam must be >= 0, got -0.5"),
        ((2.0, 1.0, [1.0, np.nan]), ValueError, "lam must be finite"),
        ((2.0, 1.0, np.array([True])), TypeError, "lam"),
        ((2.0, 1.0, np.array(True)), TypeError, "lam"),
        ((2.0, 1.0, [[1.0]]), ValueError, "lam"),
        ((2.0, 1.0, []), ValueError, "lam"),
    ],
)
def test_bad_slope_arguments(f, args, exc, name):
    with pytest.raises(exc, match=name):
        f(*args)


def test_ols_slope_checks():
    with pytest.raises(ValueError, match="Sxx"):
        S.ols_slope(0.0, 1.0)
    with pytest.raises(TypeError, match="Sxy"):
        S.ols_slope(1.0, None)


@pytest.mark.parametrize(
    "penalty, exc", [("l3", ValueError), ("L1", ValueError), ("", ValueError), (1, TypeError)]
)
def test_bad_penalty_string(penalty, exc):
    for call in [
        lambda: S.article_loss(0.0, 0.0, X, Y, 1.0, penalty),
        lambda: S.profile_loss(0.0, X, Y, 1.0, penalty),
        lambda: S.brute_force_fit(X, Y, 1.0, penalty),
    ]:
        with pytest.raises(exc, match="penalty"):
            call()


def test_bad_m_and_b():
    with pytest.raises(ValueError, match="m must be finite"):
        S.article_loss([0.0, np.nan], 0.0, X, Y, 1.0, "l1")
    with pytest.raises(TypeError, match="b"):
        S.article_loss(0.0, "zero", X, Y, 1.0, "l1")
    with pytest.raises(ValueError, match="m"):
        S.profile_loss(np.inf, X, Y, 1.0, "l1")
    with pytest.raises(ValueError, match=r"shape mismatch|broadcast"):
        S.article_loss([0.0, 1.0], [0.0, 1.0, 2.0], X, Y, 1.0, "l1")


def test_bad_soft_threshold():
    with pytest.raises(ValueError, match="t must be >= 0"):
        S.soft_threshold(1.0, -1.0)
    with pytest.raises(TypeError, match="t"):
        S.soft_threshold(1.0, True)
    with pytest.raises(ValueError, match="z"):
        S.soft_threshold([1.0, np.nan], 1.0)
    with pytest.raises(TypeError, match="z"):
        S.soft_threshold("1", 1.0)


def test_bad_brute_force_options():
    with pytest.raises(ValueError, match="grid_size"):
        S.brute_force_fit(X, Y, 1.0, "l1", grid_size=0)
    with pytest.raises(TypeError, match="n_iter"):
        S.brute_force_fit(X, Y, 1.0, "l1", n_iter=1.5)


def test_inputs_not_modified():
    x, y = np.array(X), np.array(Y)
    S.lasso_fit(x, y, 1.0)
    S.brute_force_fit(x, y, 1.0, "l1")
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(y, Y)
