"""The lasso chapter's corrections: no comparison at equal lambda, the article's case m = 0.

Every reference is computed here without lessonlib: scikit-learn's ``Lasso`` and
``Ridge``, ``numpy.polyfit``, closed forms written out in this file, and a root found by
SciPy's ``brentq``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.optimize import brentq
from sklearn.linear_model import Lasso, Ridge

from lessonlib import data, scale
from lessonlib.display.figures import one_feature
from lessonlib.topics import lasso_cases


def _chapter_data():
    return data.make_simple_regression(n=30, slope=2.0, intercept=1.0, seed=0)


def _sums(x, y):
    xc, yc = x - x.mean(), y - y.mean()
    return float(xc @ xc), float(xc @ yc)


def _sk_lasso(x, y, lam):
    n = x.size
    return float(
        Lasso(alpha=scale.lasso_alpha(lam, n), tol=1e-14, max_iter=1_000_000)
        .fit(x[:, None], y)
        .coef_[0]
    )


def _sk_ridge(x, y, lam):
    return float(Ridge(alpha=lam).fit(x[:, None], y).coef_[0])


@pytest.mark.parametrize("kx, ky", [(1, 1), (0.1, 1), (1, 3), (0.3, 2)])
def test_crossover_is_where_scikit_learns_slopes_meet(kx, ky):
    x, y = _chapter_data()
    x, y = kx * x, ky * y
    sxx, sxy = _sums(x, y)
    lam_star = 2 * abs(sxy)
    got = lasso_cases.equal_lambda_crossover(x, y)

    # the root of (lasso - ridge) strictly inside (0, lambda*), found by SciPy
    def diff(lam):
        return (sxy - lam / 2) / sxx - sxy / (sxx + lam)

    ref = brentq(diff, 1e-9 * lam_star, (1 - 1e-9) * lam_star, xtol=1e-12 * lam_star)
    assert got == pytest.approx(ref, rel=1e-9)
    assert _sk_lasso(x, y, got) == pytest.approx(_sk_ridge(x, y, got), rel=1e-7)


def test_crossover_moves_with_the_units_and_can_vanish():
    x, y = _chapter_data()
    base = lasso_cases.equal_lambda_crossover(x, y)
    lam_star = 2 * abs(_sums(x, y)[1])
    assert base / lam_star == pytest.approx(0.75, abs=0.01)  # the chapter's 0.750
    ratios = [
        lasso_cases.equal_lambda_crossover(k * x, y) / (2 * abs(_sums(k * x, y)[1]))
        for k in (0.1, 0.5)
    ]
    assert ratios[0] > ratios[1] > base / lam_star  # moves with the unit of x
    # x in units ten times smaller: scikit-learn's lasso slope is the smaller for every lambda
    x10 = 10 * x
    assert np.isnan(lasso_cases.equal_lambda_crossover(x10, y))
    lam_star10 = 2 * abs(_sums(x10, y)[1])
    for frac in (0.05, 0.3, 0.6, 0.9, 1.5):
        assert _sk_lasso(x10, y, frac * lam_star10) < _sk_ridge(x10, y, frac * lam_star10)
    # in the original units the ridge slope is the smaller one below the crossover
    assert _sk_ridge(x, y, 0.5 * base) < _sk_lasso(x, y, 0.5 * base)
    assert _sk_ridge(x, y, 0.9 * lam_star) > _sk_lasso(x, y, 0.9 * lam_star)


def test_crossover_negative_slope_and_none():
    x, y = _chapter_data()
    sxx, sxy = _sums(x, -y)
    assert lasso_cases.equal_lambda_crossover(x, -y) == pytest.approx(2 * abs(sxy) - sxx)
    assert np.isnan(lasso_cases.equal_lambda_crossover([1.0, 2.0, 3.0], [0.0, 0.1, 0.0]))


@pytest.mark.parametrize("kx, ky", [(1, 1), (10, 1), (1, 3), (0.1, 0.2)])
def test_shrinkage_factors_are_scikit_learns_fractions_and_do_not_move(kx, ky):
    x, y = _chapter_data()
    x, y = kx * x, ky * y
    sxx, sxy = _sums(x, y)
    m_ols = np.polyfit(x, y, 1)[0]
    t = np.array([0.0, 0.2, 0.7, 0.99, 1.01, 2.5])
    _, d = one_feature.plot_shrinkage_factors(x, y, t)
    plt.close("all")
    ridge = np.array([_sk_ridge(x, y, ti * sxx) if ti > 0 else m_ols for ti in t]) / m_ols
    lasso = np.array([_sk_lasso(x, y, ti * 2 * abs(sxy)) if ti > 0 else m_ols for ti in t])
    lasso = lasso / m_ols
    np.testing.assert_allclose(d["ridge"], ridge, rtol=1e-8)
    np.testing.assert_allclose(d["lasso"], lasso, atol=1e-9)
    # invariant: the same unit-free curves for every rescaling
    np.testing.assert_allclose(d["ridge"], 1 / (1 + t), rtol=1e-12)
    np.testing.assert_allclose(d["lasso"], np.maximum(1 - t, 0.0), atol=1e-12)
    assert np.all(d["lasso"][t > 1] == 0.0) and np.all(d["ridge"] > 0.0)


def test_shrinkage_factors_checks_its_input():
    with pytest.raises(ValueError, match="Sxy"):
        one_feature.plot_shrinkage_factors([1.0, 2.0, 3.0], [1.0, 0.0, 1.0], [0.5])
    with pytest.raises(ValueError, match="t"):
        one_feature.plot_shrinkage_factors([1.0, 2.0, 3.0], [1.0, 2.0, 4.0], [-1.0])
    plt.close("all")


def test_article_case_three_is_not_the_least_squares_slope():
    # the chapter's claim at lambda = 1.5 lambda*: OLS slope far from 0, lasso slope 0
    x, y = _chapter_data()
    _sxx, sxy = _sums(x, y)
    lam = 1.5 * 2 * abs(sxy)
    m_ls = np.polyfit(x, y, 1)[0]
    assert abs(m_ls) > 1.0
    assert _sk_lasso(x, y, lam) == 0.0

    def loss(m):  # the article's loss with the best intercept, written out here
        r = (y - y.mean()) - m * (x - x.mean())
        return float(r @ r) + lam * abs(m)

    assert loss(0.0) < loss(m_ls)
    # m = 0 is no stationary point of the smooth part: its derivative there is -2 Sxy
    h = 1e-6
    xc, yc = x - x.mean(), y - y.mean()
    sse = [float((yc - m * xc) @ (yc - m * xc)) for m in (-h, h)]
    assert (sse[1] - sse[0]) / (2 * h) == pytest.approx(-2 * sxy, rel=1e-6)
