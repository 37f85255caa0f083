"""lessonlib.display.figures.ridge: the ridge slope and a ridge path crossing 0, as drawn.

The slopes and coefficients are scikit-learn's ``Ridge`` and ``LinearRegression``; the
crossing penalty is found here by SciPy's ``brentq`` on scikit-learn's coefficient.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq
from sklearn.linear_model import LinearRegression, Ridge

from figure_view import entry, horizontal_at, markers, vertical_at, xy
from lessonlib import data
from lessonlib.display.figures import plot_ridge_crossing, plot_ridge_slope
from lessonlib.topics.ridge_zero import ridge_zero_crossing

X, Y = data.make_simple_regression(n=25, slope=-1.5, noise=4.0, seed=11)
SXX = float(np.sum((X - X.mean()) ** 2))


def ridge_slope(lam: float) -> float:
    return float(Ridge(alpha=lam).fit(X[:, None], Y).coef_[0])


def test_ridge_slope_curve_least_squares_level_and_halfway_point():
    lambdas = np.geomspace(1.0, 1e6, 31)
    ax, _ = plot_ridge_slope(X, Y, lambdas)
    _, curve = entry(ax, "ridge")
    np.testing.assert_array_equal(xy(curve)[:, 0], lambdas)
    np.testing.assert_allclose(xy(curve)[:, 1], [ridge_slope(lam) for lam in lambdas], rtol=1e-9)
    m_ols = float(LinearRegression().fit(X[:, None], Y).coef_[0])
    text, level = entry(ax, "least squares")
    assert level.get_ydata()[0] == pytest.approx(m_ols, rel=1e-12)
    assert f"m = {m_ols:.4g}" in text
    assert sorted(horizontal_at(ax)) == sorted([0.0, level.get_ydata()[0]])
    # the marked point: the penalty where ridge keeps half the slope, and that half
    text, (half,) = entry(ax, "half way")[0], markers(ax, "o")
    ((lam_half, m_half),) = xy(half)
    assert ridge_slope(lam_half) == pytest.approx(m_ols / 2, rel=1e-9)
    assert m_half == pytest.approx(m_ols / 2, rel=1e-12)
    assert lam_half == pytest.approx(SXX, rel=1e-12) and f"{SXX:.4g}" in text
    assert ax.get_xscale() == "log" and "\\lambda" in ax.get_xlabel()
    assert "slope" in ax.get_ylabel()


def test_no_halfway_point_outside_the_drawn_lambdas():
    ax, _ = plot_ridge_slope(X, Y, [SXX * 2, SXX * 10])
    assert markers(ax, "o") == []


@pytest.fixture(scope="module")
def crossing():
    d = data.make_correlated_features(
        n=50,
        n_groups=1,
        group_size=2,
        rho=0.9,
        n_noise_features=0,
        coef=[1.0, -0.3],
        noise=0.5,
        seed=0,
    )
    Xs = (d.X - d.X.mean(axis=0)) / d.X.std(axis=0)
    return Xs, np.asarray(d.y)


def test_the_crossing_is_marked_where_scikit_learns_coefficient_changes_sign(crossing):
    Xs, y = crossing
    alphas = np.logspace(-2, 5, 71)
    coefs = np.array([Ridge(alpha=a).fit(Xs, y).coef_ for a in alphas])
    cross = ridge_zero_crossing(Xs, y, 1, 0.01, 1e5)
    ax, _ = plot_ridge_crossing(alphas, coefs, ["x1", "x2"], cross)
    ref = np.exp(
        brentq(
            lambda t: Ridge(alpha=np.exp(t)).fit(Xs, y).coef_[1],
            np.log(0.01),
            np.log(1e5),
            xtol=1e-12,
        )
    )
    text, line = entry(ax, "sign change")
    assert line.get_xdata()[0] == pytest.approx(ref, rel=1e-8)
    assert vertical_at(ax) == [line.get_xdata()[0]]
    assert f"\\alpha = {cross:.4g}" in text
    (dot,) = [m for m in markers(ax, "o") if len(m.get_xdata()) == 1]
    assert xy(dot)[0] == pytest.approx([ref, 0.0], rel=1e-8)
    for name, j in (("x1", 0), ("x2", 1)):
        _, path = entry(ax, name)
        np.testing.assert_array_equal(xy(path)[:, 1], coefs[:, j])
    assert "\\alpha" in ax.get_xlabel() and ax.get_xscale() == "log"
