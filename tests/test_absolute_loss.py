"""lessonlib.topics.absolute_loss, judged by exhaustive search over the vertices of the problem and
by SciPy's Nelder-Mead, never by lessonlib itself."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import Lasso, LinearRegression

from lessonlib import scale
from lessonlib.topics.absolute_loss import (
    kept_fractions,
    lad_lambda_zero,
    lad_lasso_fit,
    lad_objective,
)


def objective(x, y, m, b, lam):
    return np.sum(np.abs(y - m * x - b)) + lam * abs(m)


def vertex_minimum(x, y, lam):
    """Best line among all lines through two points and all flat lines through one point.

    The penalised LAD loss is piecewise linear and convex, so a minimum sits at a vertex:
    a line with two zero residuals, or one zero residual and m = 0.
    """
    best = (np.inf, None, None)
    for i, j in itertools.combinations(range(x.size), 2):
        if x[i] != x[j]:
            m = (y[j] - y[i]) / (x[j] - x[i])
            b = y[i] - m * x[i]
            best = min(best, (objective(x, y, m, b, lam), m, b), key=lambda t: t[0])
    for i in range(x.size):
        best = min(best, (objective(x, y, 0.0, y[i], lam), 0.0, y[i]), key=lambda t: t[0])
    return best


def data(seed, n=15):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 10.0, n)
    return x, 1.0 + 2.0 * x + rng.standard_normal(n)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lam", [0.0, 5.0, 30.0, 200.0])
def test_lp_reaches_the_vertex_minimum(seed, lam) -> None:
    x, y = data(seed)
    m, b = lad_lasso_fit(x, y, lam)
    best, _, _ = vertex_minimum(x, y, lam)
    assert objective(x, y, m, b, lam) == pytest.approx(best, rel=1e-9, abs=1e-9)
    assert lad_objective(x, y, m, b, lam) == pytest.approx(objective(x, y, m, b, lam))
    nm = minimize(
        lambda v: objective(x, y, v[0], v[1], lam),
        [0.5, 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20_000},
    )
    assert objective(x, y, m, b, lam) <= nm.fun + 1e-9


@pytest.mark.parametrize("lam", [0.0, 10.0, 50.0])
def test_squared_error_formulas_do_not_minimise_the_absolute_loss(lam) -> None:
    x, y = data(0, n=30)
    xc, yc = x - x.mean(), y - y.mean()
    Sxx, Sxy = xc @ xc, xc @ yc
    m_sq = np.sign(Sxy) * max(abs(Sxy) - lam / 2, 0.0) / Sxx  # the article's lasso slope
    b_sq = y.mean() - m_sq * x.mean()
    best, _, _ = vertex_minimum(x, y, lam)
    assert objective(x, y, m_sq, b_sq, lam) > best + 1e-6


@pytest.mark.parametrize("seed, n", [(0, 30), (1, 15), (2, 8)])
def test_lambda_zero_is_the_threshold(seed, n) -> None:
    x, y = data(seed, n)
    lam0 = lad_lambda_zero(x, y)
    above, _, _ = vertex_minimum(x, y, lam0 * 1.001)
    flat = min(objective(x, y, 0.0, b, lam0 * 1.001) for b in y)
    assert above == pytest.approx(flat, rel=1e-12)  # m = 0 is optimal just above
    below, m_below, _ = vertex_minimum(x, y, lam0 * 0.999)
    assert below < min(objective(x, y, 0.0, b, lam0 * 0.999) for b in y) - 1e-9
    assert m_below != 0.0
    # scale-free in y, unlike the squared-error threshold 2|Sxy|
    assert lad_lambda_zero(x, 10 * y) == lam0


@pytest.mark.parametrize("seed", range(3))
def test_kept_fractions_by_vertex_search_and_scikit_learn(seed) -> None:
    """Each loss at fractions t of its own threshold: the absolute error's slope by trying
    every vertex, the squared error's by scikit-learn's Lasso (lessonlib.scale), each over
    its own unpenalised slope; unchanged when x and y change units."""
    x, y = data(seed, n=12)
    t = np.array([0.0, 0.3, 0.6, 0.9, 1.2])
    kept = kept_fractions(x, y, t)
    xc, yc = x - x.mean(), y - y.mean()
    lam_star = 2 * abs(xc @ yc)
    m_abs0 = vertex_minimum(x, y, 0.0)[1]
    m_ols = LinearRegression().fit(x[:, None], y).coef_[0]
    for f, sq, ab in zip(t, kept["squared"], kept["absolute"]):
        m_sq = Lasso(alpha=scale.lasso_alpha(f * lam_star, x.size), tol=1e-12, max_iter=100_000)
        m_sq = m_sq.fit(x[:, None], y).coef_[0] if f > 0 else m_ols
        assert sq == pytest.approx(m_sq / m_ols, abs=1e-8)
        m_ab = vertex_minimum(x, y, f * lad_lambda_zero(x, y))[1]
        assert ab == pytest.approx(m_ab / m_abs0, abs=1e-9)
        assert (ab == 0.0) == (f > 1) and (sq == 0.0) == (f > 1)
    again = kept_fractions(3.0 * x - 1.0, 0.5 * y + 2.0, t)  # other units, same fractions
    np.testing.assert_allclose(again["squared"], kept["squared"], atol=1e-12)
    np.testing.assert_allclose(again["absolute"], kept["absolute"], atol=1e-9)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="same length"):
        lad_lasso_fit([1.0, 2.0], [1.0, 2.0, 3.0], 1.0)
    with pytest.raises(ValueError, match="lam"):
        lad_lasso_fit([1.0, 2.0], [1.0, 2.0], -1.0)
    with pytest.raises(ValueError, match="ties"):
        lad_lambda_zero([1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 1.0, 3.0])
    with pytest.raises(ValueError, match="t must be >= 0"):
        kept_fractions([1.0, 2.0, 3.0], [1.0, 3.0, 2.0], [0.5, -0.1])
    with pytest.raises(ValueError, match="slope of 0"):
        kept_fractions([-1.0, 0.0, 1.0], [1.0, 5.0, 1.0], [0.5])
